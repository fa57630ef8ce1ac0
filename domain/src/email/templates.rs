//! Outgoing mail templates: the built-in text per event, an admin's edits, and rendering
//! `{{placeholder}}`s (a pure function; unknown placeholders are refused when saving).

use crate::{
    desk_config::cache,
    email_types::{MailEvent, TemplateView},
    entities::mail_template,
    error::DomainError,
    validation::Checks,
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, sea_query::OnConflict};
use std::collections::HashMap;

pub fn default_of(event: MailEvent) -> (&'static str, &'static str) {
    match event {
        MailEvent::Acknowledgment => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "Hello {{customer.name}},\n\nThank you for writing to {{desk.name}}. We have your request as {{ticket.reference}}, and an agent will answer soon. To add anything, reply to this email.\n\n{{ticket.url}}",
        ),
        MailEvent::AgentReply => (
            "Re: [{{ticket.reference}}] {{ticket.subject}}",
            "{{message.body}}\n\n{{agent.name}}\n{{desk.name}}\n{{ticket.url}}",
        ),
        MailEvent::Solved => (
            "[{{ticket.reference}}] Solved: {{ticket.subject}}",
            "Hello {{customer.name}},\n\nWe have marked {{ticket.reference}} as solved. If anything is still not right, reply to this email and it opens again.\n\n{{ticket.url}}",
        ),
        MailEvent::SatisfactionSurvey => (
            "[{{ticket.reference}}] How did we do? {{ticket.subject}}",
            "Hello {{customer.name}},\n\nWe solved {{ticket.reference}} a little while ago. {{survey.question}} One click answers:\n\n{{survey.links}}\n\nThe page that opens lets you add a comment.\n\n{{ticket.url}}",
        ),
        MailEvent::WaitingOnCustomer => (
            "[{{ticket.reference}}] Waiting for your answer: {{ticket.subject}}",
            "Hello {{customer.name}},\n\nWe need an answer from you to go on with {{ticket.reference}}. Reply to this email to answer.\n\n{{ticket.url}}",
        ),
        MailEvent::SignInLink => (
            "Your sign-in link for {{desk.name}}",
            "Hello {{person.name}},\n\nHere is the link you asked for to sign in to {{desk.name}}. It works once, within {{link.expires}}:\n\n{{link.url}}\n\nIf you did not ask for it, ignore this email: nobody can sign in without the link.",
        ),
        MailEvent::PasswordReset => (
            "Reset your {{desk.name}} password",
            "Hello {{person.name}},\n\nTo choose your password for {{desk.name}}, open this link within {{link.expires}}. It works once:\n\n{{link.url}}\n\nIf you did not ask for this, ignore this email: your password stays as it is.",
        ),
        MailEvent::AccountClaim => (
            "Finish setting up your {{desk.name}} account",
            "Hello {{person.name}},\n\nSomeone, we hope you, asked to create an account at {{desk.name}} with this address. We already know you from your requests, so instead of a new account you can set a password for the one you have, and see all your requests in one place. Open this link within {{link.expires}}:\n\n{{link.url}}\n\nIf it was not you, ignore this email: nothing changes.",
        ),
        MailEvent::EmailVerification => (
            "Confirm your email address for {{desk.name}}",
            "Hello {{person.name}},\n\nPlease confirm that this is your address by opening this link within {{link.expires}}:\n\n{{link.url}}\n\nIf you did not create an account at {{desk.name}}, ignore this email.",
        ),
        // One subject for every agent mail about a ticket, so that mail clients that thread by
        // subject keep them together.
        MailEvent::AgentAssigned => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "{{actor.name}} assigned {{ticket.reference}} to you.\n\nFrom {{customer.name}}:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nReply above the line to answer {{customer.name}}.",
        ),
        MailEvent::AgentCustomerReplied => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "{{customer.name}} replied on {{ticket.reference}}:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nReply above the line to answer {{customer.name}}.",
        ),
        MailEvent::AgentMentioned => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "{{actor.name}} mentioned you in an internal note on {{ticket.reference}}:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nA reply to this email goes to {{customer.name}}, not into the note: answer the note on the ticket's page.",
        ),
        MailEvent::AgentTeamTicket => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "A new ticket from {{customer.name}} arrived for your team:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nReply above the line to answer {{customer.name}}.",
        ),
        MailEvent::AgentSlaWarning => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "{{ticket.reference}} from {{customer.name}} is close to breaching its SLA:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nReply above the line to answer {{customer.name}}.",
        ),
        MailEvent::AgentSlaBreach => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "{{ticket.reference}} from {{customer.name}} breached its SLA:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nReply above the line to answer {{customer.name}}.",
        ),
        MailEvent::AgentAutomation => (
            "[{{ticket.reference}}] {{ticket.subject}}",
            "An automation rule points you to {{ticket.reference}} from {{customer.name}}:\n\n{{message.body}}\n\nOpen the ticket: {{ticket.url}}\n\nReply above the line to answer {{customer.name}}.",
        ),
        MailEvent::Invitation => (
            "You are invited to {{desk.name}}",
            "Hello {{person.name}},\n\n{{inviter.name}} invited you to {{desk.name}} as {{role}}. Choose your password here within {{link.expires}}:\n\n{{link.url}}",
        ),
    }
}

/// Replaces each `{{name}}` with its value; text outside placeholders is kept as written.
pub fn render(template: &str, values: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match values.get(name) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Placeholders used in `template` that `event` does not offer.
pub fn unknown_placeholders(event: MailEvent, template: &str) -> Vec<String> {
    unknown_in(template, event.placeholders())
}

/// Placeholders used in `template` that are not among `known`, each once, in order.
pub fn unknown_in(template: &str, known: &[&str]) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !known.contains(&name) && !unknown.iter().any(|u| u == name) {
            unknown.push(name.to_owned());
        }
        rest = &after[end + 2..];
    }
    unknown
}

pub async fn load(db: &impl ConnectionTrait, event: MailEvent) -> Result<TemplateView, DomainError> {
    let row = mail_template::Entity::find_by_id(event).one(db).await?;
    Ok(view(event, row))
}

/// An admin's saved template, or the built-in one.
fn view(event: MailEvent, row: Option<mail_template::Model>) -> TemplateView {
    match row {
        Some(row) => TemplateView { event, subject: row.subject, body: row.body, customized: true },
        None => {
            let (subject, body) = default_of(event);
            TemplateView { event, subject: subject.to_owned(), body: body.to_owned(), customized: false }
        }
    }
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<TemplateView>, DomainError> {
    let mut saved = mail_template::Entity::find().all(db).await?;
    Ok(MailEvent::ALL
        .into_iter()
        .map(|event| {
            let row = saved.iter().position(|row| row.event == event).map(|at| saved.swap_remove(at));
            view(event, row)
        })
        .collect())
}

/// Saves an admin's template after checking it; `None` for both puts the built-in text back.
pub async fn save(
    db: &DatabaseConnection,
    event: MailEvent,
    subject: &str,
    body: &str,
) -> Result<TemplateView, DomainError> {
    let mut checks = Checks::new();
    let subject = subject.trim();
    if subject.is_empty() {
        checks.add("subject", "Enter a subject");
    } else if subject.chars().count() > 300 {
        checks.add("subject", "Use at most 300 characters");
    } else if subject.chars().any(char::is_control) {
        checks.add("subject", "Keep the subject on one line");
    }
    if body.trim().is_empty() {
        checks.add("body", "Write the message");
    } else if body.chars().count() > 20_000 {
        checks.add("body", "Use at most 20,000 characters");
    }
    for (field, text) in [("subject", subject), ("body", body)] {
        let unknown = unknown_placeholders(event, text);
        if !unknown.is_empty() {
            let offered = event.placeholders().iter().map(|p| format!("{{{{{p}}}}}")).collect::<Vec<_>>().join(", ");
            checks.add(field, &format!("Unknown placeholder {{{{{}}}}}; use {offered}", unknown[0]));
        }
    }
    checks.finish()?;
    let row = mail_template::ActiveModel {
        event: Set(event),
        subject: Set(subject.to_owned()),
        body: Set(body.trim_end().to_owned()),
        updated_at: Set(crate::clock::now()),
    };
    let txn = crate::db::begin_write(db).await?;
    mail_template::Entity::insert(row)
        .on_conflict(
            OnConflict::column(mail_template::Column::Event)
                .update_columns([
                    mail_template::Column::Subject,
                    mail_template::Column::Body,
                    mail_template::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&txn)
        .await?;
    cache::changed(&txn).await?;
    txn.commit().await?;
    load(db, event).await
}

/// Puts the built-in template back.
pub async fn reset(db: &DatabaseConnection, event: MailEvent) -> Result<TemplateView, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    mail_template::Entity::delete_by_id(event).exec(&txn).await?;
    cache::changed(&txn).await?;
    txn.commit().await?;
    load(db, event).await
}

#[cfg(test)]
mod tests {
    use super::{default_of, render, unknown_placeholders};
    use crate::email_types::MailEvent;
    use std::collections::HashMap;

    #[test]
    fn renders_and_keeps_unknown_and_unclosed() {
        let values = HashMap::from([("ticket.reference", "DKT-7".to_owned()), ("customer.name", "{{x}}".to_owned())]);
        assert_eq!(render("Hi {{ customer.name }} about {{ticket.reference}}", &values), "Hi {{x}} about DKT-7");
        assert_eq!(render("{{nope}} and {{ticket.reference", &values), "{{nope}} and {{ticket.reference");
        assert_eq!(render("", &values), "");
    }

    #[test]
    fn defaults_use_only_offered_placeholders() {
        for event in MailEvent::ALL {
            let (subject, body) = default_of(event);
            assert!(unknown_placeholders(event, subject).is_empty(), "{event:?}");
            assert!(unknown_placeholders(event, body).is_empty(), "{event:?}");
        }
        assert_eq!(unknown_placeholders(MailEvent::Solved, "{{message.body}} {{x}}"), ["message.body", "x"]);
    }
}
