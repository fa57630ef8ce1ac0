//! The bench agents kept online while routing is measured: each signs in and holds its live
//! stream open, as an agent with the workspace open does, so that Docket counts them as online
//! (the stream marks them seen when it opens and about once a minute) and hands them tickets.

use anyhow::{Context, bail};
use reqwest::StatusCode;
use std::time::Duration;
use tokio::{sync::watch, task::JoinHandle};

use crate::server::signed_in;

pub struct OnlineAgents {
    stop: watch::Sender<bool>,
    streams: Vec<JoinHandle<()>>,
}

impl OnlineAgents {
    /// Signs in bench agents 1 to `count` and opens a stream for each; returns once all are open.
    pub async fn connect(base: &str, count: usize) -> anyhow::Result<OnlineAgents> {
        let (stop, stopped) = watch::channel(false);
        let mut streams = Vec::with_capacity(count);
        for n in 1..=count {
            let email = seed::bench::agent_email(n);
            let client = signed_in(base, &email).await?;
            let request = client.get(format!("{base}/events")).header("accept", "text/event-stream").send();
            let mut response = tokio::time::timeout(Duration::from_secs(30), request)
                .await
                .with_context(|| format!("GET /events as {email}: no answer within 30 s"))?
                .with_context(|| format!("GET /events as {email}"))?;
            if response.status() != StatusCode::OK {
                bail!("GET /events as {email}: {}", response.status());
            }
            let mut stopped = stopped.clone();
            streams.push(tokio::spawn(async move {
                loop {
                    tokio::select! {
                        chunk = response.chunk() => if !matches!(chunk, Ok(Some(_))) { return },
                        _ = stopped.changed() => return,
                    }
                }
            }));
        }
        Ok(OnlineAgents { stop, streams })
    }

    /// Closes the streams.
    pub async fn close(self) {
        self.stop.send(true).ok();
        for stream in self.streams {
            stream.await.ok();
        }
    }
}
