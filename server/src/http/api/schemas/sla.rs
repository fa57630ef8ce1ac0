//! Wire types of service levels: a ticket's policy and the clock of each target.

use chrono::{DateTime, Utc};
use domain::sla::types::{ClockState, ClockView, Metric, TicketSlaView};
use serde::Serialize;
use utoipa::ToSchema;

/// What a target measures.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetricDto {
    FirstResponse,
    NextResponse,
    Resolution,
}

impl From<Metric> for MetricDto {
    fn from(m: Metric) -> Self {
        match m {
            Metric::FirstResponse => MetricDto::FirstResponse,
            Metric::NextResponse => MetricDto::NextResponse,
            Metric::Resolution => MetricDto::Resolution,
        }
    }
}

/// Where a clock stands: counting, stopped while the ticket waits on the customer, or met.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockStateDto {
    Running,
    Paused,
    Met,
}

/// One target's clock on a ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockDto {
    pub metric: MetricDto,
    #[schema(example = 240, minimum = 1)]
    pub target_minutes: u32,
    /// The business-hours calendar the target counts in.
    #[schema(example = "Berlin office")]
    pub calendar: String,
    pub state: ClockStateDto,
    /// The answer cycle (next response; 1 otherwise).
    #[schema(example = 1, minimum = 1)]
    pub cycle: i32,
    /// When the target falls due, while the clock runs.
    pub due_at: Option<DateTime<Utc>>,
    pub met_at: Option<DateTime<Utc>>,
    /// When the target was exceeded, or will be if the clock keeps running.
    pub breach_at: Option<DateTime<Utc>>,
    /// The target was exceeded (now or before).
    pub breached: bool,
    /// Business seconds left now; negative once overdue.
    #[schema(example = 5400)]
    pub remaining_seconds: i64,
}

/// The policy that measures a ticket, and its clocks (agents only).
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaDto {
    #[schema(example = 3)]
    pub policy_id: i64,
    #[schema(example = "Standard")]
    pub policy: String,
    pub clocks: Vec<ClockDto>,
}

impl From<TicketSlaView> for SlaDto {
    fn from(v: TicketSlaView) -> Self {
        let clocks = v
            .clocks
            .into_iter()
            .map(|c: ClockView| ClockDto {
                metric: c.metric.into(),
                target_minutes: c.target_minutes,
                calendar: c.calendar.clone(),
                state: match c.state {
                    ClockState::Running => ClockStateDto::Running,
                    ClockState::Paused => ClockStateDto::Paused,
                    ClockState::Met => ClockStateDto::Met,
                },
                cycle: c.cycle,
                due_at: c.due_at,
                met_at: c.met_at,
                breach_at: c.breach_at,
                breached: c.breached(),
                remaining_seconds: c.remaining_seconds,
            })
            .collect();
        SlaDto { policy_id: v.policy_id, policy: v.policy, clocks }
    }
}
