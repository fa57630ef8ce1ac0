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

/// One policy's target over the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttainmentRowDto {
    #[schema(example = 3)]
    pub policy_id: i64,
    #[schema(example = "Standard")]
    pub policy: String,
    pub metric: MetricDto,
    /// Clocks met in time.
    #[schema(example = 41)]
    pub met: u64,
    /// Clocks met late, or not met and past due.
    #[schema(example = 3)]
    pub breached: u64,
    /// The share met in time, in percent; null when nothing was decided.
    #[schema(example = 93, minimum = 0, maximum = 100)]
    pub percent: Option<u32>,
}

/// SLA attainment over a period: per policy and target, the clocks decided in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttainmentDto {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub items: Vec<AttainmentRowDto>,
}

impl From<domain::sla::types::AttainmentView> for AttainmentDto {
    fn from(v: domain::sla::types::AttainmentView) -> Self {
        AttainmentDto {
            from: v.from,
            until: v.until,
            items: v
                .rows
                .into_iter()
                .map(|r| AttainmentRowDto {
                    policy_id: r.policy_id,
                    policy: r.policy,
                    metric: r.metric.into(),
                    met: r.met,
                    breached: r.breached,
                    percent: r.percent,
                })
                .collect(),
        }
    }
}

/// A ticket likely to breach a target.
#[derive(Debug, Serialize, ToSchema)]
pub struct AtRiskDto {
    pub ticket: super::tickets::TicketSummaryDto,
    pub metric: MetricDto,
    /// The chance of a breach, in percent.
    #[schema(example = 72, minimum = 50, maximum = 100)]
    pub percent: u32,
    /// The median business seconds similar tickets took, scaled by the assignee's load.
    #[schema(example = 21600)]
    pub typical_seconds: i64,
    /// Business seconds left before the due time.
    #[schema(example = 10800)]
    pub left_seconds: i64,
    /// How many similar tickets the estimate comes from.
    #[schema(example = 34)]
    pub samples: usize,
    #[schema(
        example = "Usually takes 6 h (median of 34 tickets of the same category and priority); 3 h of business time left."
    )]
    pub reason: String,
}

/// Open tickets likely to breach, most likely first (at most 100).
#[derive(Debug, Serialize, ToSchema)]
pub struct AtRiskList {
    pub items: Vec<AtRiskDto>,
}

impl From<domain::sla::types::AtRiskView> for AtRiskDto {
    fn from(v: domain::sla::types::AtRiskView) -> Self {
        AtRiskDto {
            reason: v.prediction.reason(),
            ticket: v.ticket.into(),
            metric: v.metric.into(),
            percent: v.prediction.percent,
            typical_seconds: v.prediction.typical_seconds,
            left_seconds: v.prediction.left_seconds,
            samples: v.prediction.samples,
        }
    }
}
