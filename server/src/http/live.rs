//! `GET /events`: the live stream of a signed-in user, as Server-Sent Events. It replays what a
//! reconnecting browser missed (`Last-Event-ID`, or `?after=` for a fresh connection), sends
//! only the events of tickets the user may see, tells the browser to refetch everything when it
//! missed more than the replay buffer holds, and ends when the session does.

use super::{error::ApiError, session_actor::session_actor};
use crate::state::AppState;
use axum::{
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, header},
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use domain::{
    Actor, DomainError,
    live::{
        event::LiveEvent,
        wire::{RESET_EVENT, TICKET_EVENT},
    },
    policy::Reach,
    sessions,
};
use futures::stream::{self, Stream};
use std::{collections::VecDeque, convert::Infallible, sync::Arc, time::Duration};
use tokio::{sync::broadcast::error::RecvError, time::Instant};
use tower_sessions::Session;

/// How often a stream checks that its session and user are still valid.
const RECHECK: Duration = Duration::from_secs(30);
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often an open staff stream tells routing its agent is still online (well inside
/// `routing::assign::ONLINE_FOR`).
const SEEN_EVERY: Duration = Duration::from_secs(55);

#[derive(serde::Deserialize)]
pub struct Resume {
    after: Option<String>,
}

pub async fn events(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(resume): Query<Resume>,
) -> Response {
    let actor = match session_actor(&state, &session).await {
        Ok(Actor::Anonymous) => return ApiError(DomainError::Unauthenticated).into_response(),
        Ok(actor) => actor,
        Err(err) => return ApiError(err).into_response(),
    };
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or(resume.after)
        .and_then(|text| text.trim().parse::<i64>().ok());
    let reach = match domain::ticket_access::reach(&state.desk.db, &actor).await {
        Ok(reach) => reach,
        Err(err) => return ApiError(err).into_response(),
    };
    let subscription = state.desk.live.subscribe(after);
    let mut pending = VecDeque::new();
    match subscription.missed {
        Some(missed) => pending.extend(missed.iter().filter(|e| e.visible_to(&actor, &reach)).map(|e| ticket_event(e))),
        None => pending.push_back(reset_event()),
    }
    let link_token = session.get::<i64>(app::ssr::LINK_TOKEN_KEY).await.ok().flatten();
    let staff =
        actor.role().is_some_and(domain::Role::is_staff).then(|| actor.principal().map(|p| p.user_id)).flatten();
    if let Some(user_id) = staff {
        mark_seen(&state, user_id).await;
    }
    let watch = Watch {
        state,
        session_id: session.id().map(|id| id.to_string()),
        link_token,
        actor,
        reach,
        pending,
        receiver: subscription.receiver,
        recheck_at: Instant::now() + RECHECK,
        staff,
        seen_at: Instant::now(),
    };
    let mut response = Sse::new(watch.into_stream()).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // Proxies such as nginx would otherwise hold events back to fill their buffers.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// Tells routing that a staff member has a page open (they count as online for a few minutes).
async fn mark_seen(state: &AppState, user_id: i64) {
    if let Err(err) = domain::routing::availability::seen(&state.desk.db, user_id).await {
        tracing::warn!(error = %err, "could not record that an agent is online");
    }
}

fn ticket_event(event: &LiveEvent) -> Event {
    let data = serde_json::to_string(&event.wire()).unwrap_or_default();
    Event::default().id(event.seq.to_string()).event(TICKET_EVENT).data(data)
}

fn reset_event() -> Event {
    Event::default().event(RESET_EVENT).data("{}")
}

/// One open stream.
struct Watch {
    state: AppState,
    session_id: Option<String>,
    /// The magic link the session came from, if it did.
    link_token: Option<i64>,
    actor: Actor,
    /// Which tickets the actor reaches (their teams' scopes), read again at every recheck.
    reach: Reach,
    pending: VecDeque<Event>,
    receiver: tokio::sync::broadcast::Receiver<Arc<LiveEvent>>,
    recheck_at: Instant,
    /// The staff member whose stream this is (routing counts them online while it is open).
    staff: Option<i64>,
    /// When this stream last said so.
    seen_at: Instant,
}

impl Watch {
    fn into_stream(self) -> impl Stream<Item = Result<Event, Infallible>> {
        stream::unfold(self, |mut watch| async move {
            let event = watch.next().await?;
            Some((Ok(event), watch))
        })
    }

    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            tokio::select! {
                got = self.receiver.recv() => match got {
                    Ok(event) if event.visible_to(&self.actor, &self.reach) => return Some(ticket_event(&event)),
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => return Some(reset_event()),
                    Err(RecvError::Closed) => return None,
                },
                () = tokio::time::sleep_until(self.recheck_at) => {
                    // Boxed: the database futures are large, and an idle stream should not
                    // carry room for them between checks.
                    if !Box::pin(self.still_signed_in()).await {
                        return None;
                    }
                    if let Ok(reach) = Box::pin(domain::ticket_access::reach(&self.state.desk.db, &self.actor)).await {
                        self.reach = reach;
                    }
                    if let Some(user_id) = self.staff
                        && self.seen_at.elapsed() >= SEEN_EVERY
                    {
                        Box::pin(mark_seen(&self.state, user_id)).await;
                        self.seen_at = Instant::now();
                    }
                    self.recheck_at = Instant::now() + RECHECK;
                }
            }
        }
    }

    /// The session still exists, its user is still active with the same rights, and the magic
    /// link it came from (if any) still holds.
    async fn still_signed_in(&self) -> bool {
        let Some(id) = &self.session_id else { return false };
        let db = &self.state.desk.db;
        let Ok(Some(_)) = sessions::load(db, id).await else { return false };
        let Some(user_id) = self.actor.principal().map(|p| p.user_id) else { return false };
        matches!(
            domain::accounts::queries::session_actor(db, user_id, self.link_token).await,
            Ok(Some((actor, _))) if actor == self.actor
        )
    }
}
