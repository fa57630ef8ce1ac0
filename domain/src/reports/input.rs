//! A report's period and filters as a form or a URL gives them (blank for "any"), checked: whole
//! dates, the end not before the start, at most `MAX_DAYS` days; by default the last 30 days.

use super::types::{MAX_DAYS, ReportFilter};
use crate::{error::DomainError, ticket_filter::TicketFilter, ticket_types::Channel, validation::Checks};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterInput {
    pub from: Option<String>,
    pub to: Option<String>,
    pub team: Option<String>,
    pub category: Option<String>,
    pub priority: Option<String>,
    pub channel: Option<String>,
    pub organization: Option<String>,
    pub fields: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn id(checks: &mut Checks, field: &str, value: &Option<String>) -> Option<i64> {
    let text = given(value)?;
    checks.check(field, text.parse::<i64>().map_err(|_| "Choose one of the options".to_owned()))
}

fn date(checks: &mut Checks, field: &str, value: &Option<String>) -> Option<NaiveDate> {
    let text = given(value)?;
    checks
        .check(field, NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "Enter a date as YYYY-MM-DD".to_owned()))
}

/// The filter, or field errors; `today` is the last day of the default period.
pub fn parse(input: &FilterInput, today: NaiveDate) -> Result<ReportFilter, DomainError> {
    let mut checks = Checks::new();
    let to = date(&mut checks, "to", &input.to);
    let from = date(&mut checks, "from", &input.from);
    let team_id = id(&mut checks, "team", &input.team);
    let category_id = id(&mut checks, "category", &input.category);
    let priority_id = id(&mut checks, "priority", &input.priority);
    let organization_id = id(&mut checks, "organization", &input.organization);
    let channel = given(&input.channel)
        .and_then(|c| checks.check("channel", Channel::parse(c).ok_or("Choose one of the channels")));
    let fields = match given(&input.fields) {
        None => String::new(),
        Some(text) => match TicketFilter::parse(text) {
            Ok(terms) if terms.fields.is_empty() => {
                checks.add("fields", "Write custom-field terms, such as field:\"Contract\"=A-123");
                String::new()
            }
            Ok(terms) if terms != (TicketFilter { fields: terms.fields.clone(), ..Default::default() }) => {
                checks.add("fields", "Only custom-field terms here; choose the rest in the other filters");
                String::new()
            }
            Ok(_) => text.to_owned(),
            Err(message) => {
                checks.add("fields", &message);
                String::new()
            }
        },
    };
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(29));
    if from > to {
        checks.add("to", "End the period on or after its first day");
    } else if (to - from).num_days() + 1 > MAX_DAYS {
        checks.add("from", &format!("Choose at most {MAX_DAYS} days"));
    }
    checks.finish()?;
    Ok(ReportFilter { from, to, team_id, category_id, priority_id, channel, organization_id, fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day")
    }

    #[test]
    fn defaults_and_checks() {
        let today = day("2030-03-31");
        let default = parse(&FilterInput::default(), today).expect("default");
        assert_eq!((default.from, default.to), (day("2030-03-02"), today));
        let input =
            |from: &str, to: &str| FilterInput { from: Some(from.into()), to: Some(to.into()), ..Default::default() };
        assert!(parse(&input("2030-03-10", "2030-03-09"), today).is_err());
        assert!(parse(&input("2029-01-01", "2030-03-09"), today).is_err());
        assert!(parse(&input("10/03/2030", ""), today).is_err());
        let channel = FilterInput { channel: Some("fax".into()), ..Default::default() };
        assert!(parse(&channel, today).is_err());
        let phone = FilterInput { channel: Some("phone".into()), team: Some(" 3 ".into()), ..Default::default() };
        let phone = parse(&phone, today).expect("phone");
        assert_eq!((phone.channel, phone.team_id), (Some(Channel::Phone), Some(3)));
        let fields = |text: &str| FilterInput { fields: Some(text.into()), ..Default::default() };
        let devices = parse(&fields(" field:\"Devices affected\">10 "), today).expect("a field term");
        assert_eq!(devices.fields, "field:\"Devices affected\">10");
        for bad in ["printer", "status:open field:\"Devices\">3", "field:\"Devices\""] {
            let err = parse(&fields(bad), today).expect_err(bad);
            assert!(
                matches!(&err, DomainError::Validation(f) if f.iter().any(|f| f.field == "fields")),
                "{bad}: {err:?}"
            );
        }
    }
}
