//! The admin's survey settings (whether to ask, the question, the scale, the delay after
//! solving), kept as one JSON row in `settings`; changing them is audited.

use super::types::{CsatSettings, DELAY_MAX_HOURS, QUESTION_MAX_CHARS, Scale};
use crate::{
    audit,
    error::DomainError,
    policy::{Action, Actor, authorize},
    validation::Checks,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;

const KEY: &str = "csat";

/// The settings in force (the defaults until an admin saves some).
pub async fn load(db: &impl ConnectionTrait) -> Result<CsatSettings, DomainError> {
    Ok(crate::settings_row::read(db, KEY).await?.unwrap_or_default())
}

/// The settings as the admin's form sends them.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub enabled: bool,
    pub question: String,
    pub scale: String,
    pub delay_hours: String,
}

pub async fn save(db: &DatabaseConnection, actor: &Actor, input: SettingsInput) -> Result<CsatSettings, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let mut checks = Checks::new();
    let question = input.question.trim().to_owned();
    if question.is_empty() {
        checks.add("question", "Write the question customers are asked");
    } else if question.chars().count() > QUESTION_MAX_CHARS || question.chars().any(char::is_control) {
        checks.add("question", &format!("Use at most {QUESTION_MAX_CHARS} characters, on one line"));
    }
    let scale = checks.check("scale", Scale::parse(&input.scale).ok_or("Choose 2 or 5 points"));
    let delay = checks.check(
        "delay_hours",
        match input.delay_hours.trim() {
            "" => Ok(0),
            text => text
                .parse::<u32>()
                .ok()
                .filter(|h| *h <= DELAY_MAX_HOURS)
                .ok_or(format!("Enter a whole number of hours from 0 to {DELAY_MAX_HOURS}")),
        },
    );
    checks.finish()?;
    let (Some(scale), Some(delay_hours)) = (scale, delay) else { return Err(DomainError::Internal) };
    let settings = CsatSettings { enabled: input.enabled, question, scale, delay_hours };
    let txn = crate::db::begin_write(db).await?;
    let value = serde_json::to_string(&settings).map_err(|_| DomainError::Internal)?;
    crate::settings_row::write(&*txn, KEY, value).await?;
    let detail = json!({ "enabled": settings.enabled, "scale": settings.scale.points(), "delay_hours": delay_hours });
    audit::record(&*txn, actor, "settings.csat", ("setting", None), detail).await?;
    txn.commit().await?;
    Ok(settings)
}
