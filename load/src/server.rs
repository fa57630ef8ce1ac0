//! One `docket serve` process on loopback: started and timed to its first answered request,
//! stopped with SIGTERM (killed if it lingers, and always when dropped), and its sign-ins.

use anyhow::{Context, bail};
use reqwest::{Client, StatusCode};
use rustix::process::{Pid, Signal, kill_process};
use std::{
    net::TcpListener,
    path::Path,
    process::{Child, Stdio},
    time::{Duration, Instant},
};

use crate::dataset::DataSet;
use seed::demo::DEMO_PASSWORD;

pub struct Server {
    child: Child,
    pub base: String,
    /// From spawning the process to its first 200 from GET /healthz.
    pub started_in: Duration,
}

/// A port nothing listens on now.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0").context("no free port")?.local_addr()?.port())
}

impl Server {
    /// Starts `docket serve`, with the built `site` when there is one (else pages are served
    /// without their stylesheet and scripts).
    pub async fn start(docket: &Path, data: &DataSet, port: u16, site: Option<&Path>) -> anyhow::Result<Server> {
        let base = format!("http://127.0.0.1:{port}");
        let probe = Client::builder().timeout(Duration::from_secs(2)).build()?;
        let started = Instant::now();
        let mut command = data.docket(docket);
        command.args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--api-rate", "1000000"]);
        if let Some(site) = site {
            command.arg("--site-root").arg(site);
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {}", docket.display()))?;
        let mut server = Server { child, base, started_in: Duration::ZERO };
        loop {
            let answered = probe.get(format!("{}/healthz", server.base)).send().await;
            if answered.is_ok_and(|r| r.status() == StatusCode::OK) {
                server.started_in = started.elapsed();
                return Ok(server);
            }
            if let Some(status) = server.child.try_wait()? {
                bail!("docket serve exited before it answered ({status})");
            }
            if started.elapsed() > Duration::from_secs(60) {
                bail!("docket serve did not answer /healthz within 60 s");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server gracefully (SQLite checkpoints its log), or kills it after 10 s.
    pub async fn stop(mut self) {
        let pid = i32::try_from(self.child.id()).ok().and_then(Pid::from_raw);
        if let Some(pid) = pid
            && kill_process(pid, Signal::TERM).is_ok()
        {
            let asked = Instant::now();
            while asked.elapsed() < Duration::from_secs(10) {
                if !matches!(self.child.try_wait(), Ok(None)) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.child.kill().ok();
            self.child.wait().ok();
        }
    }
}

/// A client holding the session of `email`, after one sign-in (sign-ins are throttled per
/// account, so each account signs in once and its client is shared).
pub async fn signed_in(base: &str, email: &str) -> anyhow::Result<Client> {
    let client = Client::builder().cookie_store(true).build()?;
    let res = client
        .post(format!("{base}/fn/sign_in"))
        .header("accept", "application/json")
        .form(&[("email", email), ("password", DEMO_PASSWORD)])
        .timeout(Duration::from_secs(60))
        .send()
        .await
        .with_context(|| format!("sign in as {email}"))?;
    if res.status() != StatusCode::OK {
        let status = res.status();
        bail!("sign in as {email}: {status} {}", res.text().await.unwrap_or_default());
    }
    Ok(client)
}
