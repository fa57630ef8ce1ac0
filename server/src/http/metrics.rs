//! `/metrics` in the Prometheus (OpenMetrics) text format: requests by route and status with
//! latency histograms, counted by the `track` layer; and, read at each scrape, live subscribers,
//! the outbox and job queues, mail ingest outcomes and the database pool. Only callers on
//! loopback may read it, or, when the server has a metrics token, callers that present it.

use crate::state::AppState;
use axum::{
    body::Body,
    extract::{ConnectInfo, MatchedPath, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::email_types::IngestOutcome;
use prometheus_client::{
    encoding::{EncodeLabelSet, text::encode},
    metrics::{counter::Counter, family::Family, gauge::Gauge, histogram::Histogram},
    registry::Registry,
};
use std::{
    net::SocketAddr,
    sync::{Mutex, atomic::AtomicU64},
    time::Instant,
};

const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QueueLabels {
    queue: &'static str,
}

type FloatGauge = Gauge<f64, AtomicU64>;

/// The token that opens `/metrics` beyond loopback; never shown in logs.
#[derive(Clone)]
pub struct MetricsToken(pub String);

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(***)")
    }
}

/// This process's metrics.
pub struct Metrics {
    registry: Registry,
    token: Option<MetricsToken>,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    subscribers: Gauge,
    waiting: Family<QueueLabels, Gauge>,
    oldest: Family<QueueLabels, FloatGauge>,
    failed: Family<QueueLabels, Gauge>,
    scheduled_jobs: Gauge,
    ingested: Family<OutcomeLabels, Counter>,
    ingest_failures: Counter,
    pool_open: Gauge,
    pool_idle: Gauge,
    pool_max: Gauge,
    /// One scrape at a time, so that counters copied from elsewhere move by exact differences.
    scrape: Mutex<()>,
}

fn latency_buckets() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    pub fn new(token: Option<MetricsToken>) -> Metrics {
        let mut registry = Registry::with_prefix("docket");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered, by route and status", requests.clone());
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(latency_buckets as fn() -> Histogram);
        registry.register("http_request_duration_seconds", "Time to answer an HTTP request", latency.clone());
        let subscribers = Gauge::default();
        registry.register("live_subscribers", "Live-update streams open to this process", subscribers.clone());
        let waiting = Family::<QueueLabels, Gauge>::default();
        registry.register("queue_waiting", "Work waiting: unsent mail (outbox), due jobs (jobs)", waiting.clone());
        let oldest = Family::<QueueLabels, FloatGauge>::default();
        registry.register("queue_oldest_age_seconds", "How long the longest-waiting item has waited", oldest.clone());
        let failed = Family::<QueueLabels, Gauge>::default();
        registry.register("queue_failed", "Mail and jobs given up on after their last attempt", failed.clone());
        let scheduled_jobs = Gauge::default();
        registry.register("jobs_scheduled", "Jobs waiting for a time still to come", scheduled_jobs.clone());
        let ingested = Family::<OutcomeLabels, Counter>::default();
        registry.register("mail_ingested", "Received messages by what they became", ingested.clone());
        let ingest_failures = Counter::default();
        registry.register(
            "mail_ingest_failures",
            "Received messages whose ingest failed with an error",
            ingest_failures.clone(),
        );
        let (pool_open, pool_idle, pool_max) = (Gauge::default(), Gauge::default(), Gauge::default());
        registry.register("db_pool_connections", "Database connections open", pool_open.clone());
        registry.register("db_pool_idle", "Database connections open and idle", pool_idle.clone());
        registry.register("db_pool_max", "Database connections the pool may open", pool_max.clone());
        // Every outcome shows from the start, at zero until counted.
        for outcome in IngestOutcome::ALL {
            drop(ingested.get_or_create(&OutcomeLabels { outcome: outcome.as_str() }));
        }
        Metrics {
            registry,
            token,
            requests,
            latency,
            subscribers,
            waiting,
            oldest,
            failed,
            scheduled_jobs,
            ingested,
            ingest_failures,
            pool_open,
            pool_idle,
            pool_max,
            scrape: Mutex::new(()),
        }
    }

    fn observe(&self, method: &str, route: &str, status: StatusCode, seconds: f64) {
        let labels = RequestLabels { method: method.to_owned(), route: route.to_owned(), status: status.as_u16() };
        self.requests.get_or_create(&labels).inc();
        let labels = RouteLabels { method: method.to_owned(), route: route.to_owned() };
        self.latency.get_or_create(&labels).observe(seconds);
    }
}

/// Counts every request under its route's pattern (`/agent/tickets/{id}`, not the id): files
/// and unknown paths, served by the fallback, count as `fallback`.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request.extensions().get::<MatchedPath>().map_or("fallback", MatchedPath::as_str).to_owned();
    let response = next.run(request).await;
    state.metrics.observe(&method, &route, response.status(), started.elapsed().as_secs_f64());
    response
}

/// Whether a caller may read the metrics: with a token configured, only by presenting it as
/// `Authorization: Bearer …`; without one, only from a loopback address.
pub fn may_read(token: Option<&MetricsToken>, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    match token {
        Some(MetricsToken(expected)) => headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .is_some_and(|given| domain::api_tokens::secret::same_secret(given.trim(), expected)),
        None => peer.is_some_and(|peer| peer.ip().is_loopback()),
    }
}

pub async fn scrape(State(state): State<AppState>, request: Request) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0);
    let metrics = &state.metrics;
    if !may_read(metrics.token.as_ref(), peer, request.headers()) {
        return (StatusCode::FORBIDDEN, "The metrics are open to loopback callers, or with the metrics token.\n")
            .into_response();
    }
    let queues = match domain::work_queues::measure(&state.desk.db, domain::clock::now()).await {
        Ok(queues) => queues,
        Err(error) => {
            tracing::error!(%error, "cannot measure the work queues for /metrics");
            return (StatusCode::SERVICE_UNAVAILABLE, "The database did not answer.\n").into_response();
        }
    };
    let text = {
        let _one_at_a_time = metrics.scrape.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        metrics.subscribers.set(i64::try_from(state.desk.live.subscribers()).unwrap_or(i64::MAX));
        for (queue, depth, failed) in
            [("outbox", queues.outbox, queues.outbox_failed), ("jobs", queues.jobs_due, queues.jobs_failed)]
        {
            let labels = QueueLabels { queue };
            metrics.waiting.get_or_create(&labels).set(depth.waiting);
            metrics.oldest.get_or_create(&labels).set(depth.oldest_seconds);
            metrics.failed.get_or_create(&labels).set(failed);
        }
        metrics.scheduled_jobs.set(queues.jobs_scheduled);
        for (outcome, count) in domain::email::ingest_counts::outcomes() {
            let counter = metrics.ingested.get_or_create(&OutcomeLabels { outcome: outcome.as_str() });
            counter.inc_by(count.saturating_sub(counter.get()));
        }
        let failures = domain::email::ingest_counts::failures();
        metrics.ingest_failures.inc_by(failures.saturating_sub(metrics.ingest_failures.get()));
        let pool = domain::db::pool_use(&state.desk.db);
        metrics.pool_open.set(i64::from(pool.open));
        metrics.pool_idle.set(i64::from(pool.idle));
        metrics.pool_max.set(i64::from(pool.max));
        let mut text = String::new();
        if let Err(error) = encode(&mut text, &metrics.registry) {
            tracing::error!(%error, "cannot write the metrics");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        text
    };
    Response::builder()
        .header(header::CONTENT_TYPE, CONTENT_TYPE)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(text))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::{MetricsToken, may_read};
    use axum::http::{HeaderMap, HeaderValue, header};

    #[test]
    fn loopback_or_the_token() {
        let loopback = Some("127.0.0.1:5000".parse().expect("address"));
        let loopback6 = Some("[::1]:5000".parse().expect("address"));
        let outside = Some("203.0.113.9:5000".parse().expect("address"));
        let none = HeaderMap::new();
        assert!(may_read(None, loopback, &none));
        assert!(may_read(None, loopback6, &none));
        assert!(!may_read(None, outside, &none));
        assert!(!may_read(None, None, &none));

        let token = MetricsToken("s3cret-metrics-token".into());
        let mut right = HeaderMap::new();
        right.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret-metrics-token"));
        let mut wrong = HeaderMap::new();
        wrong.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret-metrics-tokeN"));
        assert!(may_read(Some(&token), outside, &right));
        assert!(!may_read(Some(&token), outside, &wrong));
        // With a token, loopback alone is not enough: a proxy on the same host would open it.
        assert!(!may_read(Some(&token), loopback, &none));
        assert_eq!(format!("{token:?}"), "MetricsToken(***)");
    }
}
