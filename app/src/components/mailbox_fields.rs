//! The fields of a mailbox form (new and edit): address, how mail comes in, the IMAP account,
//! the SMTP server for outgoing mail, and where new tickets go. Passwords are never filled in:
//! the form says whether one is set, and an empty field keeps it.

use crate::{
    components::form_feedback::{FieldMessage, invalid},
    error::AppError,
};
use domain::{
    email_types::{Inbound, MailboxView},
    ticket_types::OptionView,
};
use leptos::prelude::*;

/// One text input with its label, hint and error; `id` is `{prefix}-{name}`.
fn text_input(
    prefix: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<AppError>>,
    hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() name=name value=value aria-invalid=invalid(error, name)/>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <FieldMessage error field=name/>
        </div>
    }
}

/// A password input that is never filled in, saying whether a password is stored (`None`
/// for a new mailbox).
fn password_input(
    prefix: &'static str,
    name: &'static str,
    label: &'static str,
    set: Option<bool>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    let hint = set.map(|set| {
        let text = if set { "Set. Leave empty to keep it; type a new one to replace it." } else { "Not set." };
        view! { <p class="hint" data-password-set=set.to_string()>{text}</p> }
    });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() name=name type="password" autocomplete="new-password" aria-invalid=invalid(error, name)/>
            {hint}
            <FieldMessage error field=name/>
        </div>
    }
}

fn id_options(choices: Vec<OptionView>, chosen: Option<i64>, none: &'static str) -> impl IntoView {
    view! {
        <option value="" selected=chosen.is_none()>{none}</option>
        {choices
            .into_iter()
            .map(|o| view! { <option value=o.id.to_string() selected=chosen == Some(o.id)>{o.name}</option> })
            .collect_view()}
    }
}

#[component]
pub fn MailboxFields(
    /// The stored mailbox, or the defaults of a new one.
    mailbox: MailboxView,
    teams: Vec<OptionView>,
    categories: Vec<OptionView>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Keeps the ids of two forms on one page apart.
    prefix: &'static str,
) -> impl IntoView {
    let inbound_choices = Inbound::ALL
        .into_iter()
        .map(|choice| {
            let id = format!("{prefix}-inbound-{}", choice.as_str());
            view! {
                <label for=id.clone()>
                    <input id=id.clone() type="radio" name="inbound" value=choice.as_str() checked=mailbox.inbound == choice/>
                    " " {choice.label()}
                </label>
            }
        })
        .collect_view();
    let security = [("none", "None (plain text)"), ("starttls", "STARTTLS"), ("tls", "TLS")]
        .into_iter()
        .map(|(value, label)| view! { <option value=value selected=mailbox.smtp_security == value>{label}</option> })
        .collect_view();
    let port = |p: Option<i32>| p.map(|p| p.to_string()).unwrap_or_default();
    // A new mailbox (id 0) has no stored passwords to speak of.
    let stored = |set: bool| (mailbox.id != 0).then_some(set);
    view! {
        <fieldset class="stack">
            <legend>"Mailbox"</legend>
            <div class="grid-2">
                {text_input(prefix, "name", "Name", mailbox.name.clone(), error, Some("The sender name of outgoing mail."))}
                {text_input(prefix, "address", "Address", mailbox.address.clone(), error, Some("Like support@example.com, without a +tag."))}
            </div>
        </fieldset>
        <fieldset class="stack">
            <legend>"How mail comes in"</legend>
            {inbound_choices}
            <FieldMessage error field="inbound"/>
        </fieldset>
        <fieldset class="stack">
            <legend>"IMAP account"</legend>
            <p class="hint">"Only for IMAP polling."</p>
            <div class="grid-2">
                {text_input(prefix, "imap_host", "IMAP server", mailbox.imap_host.clone(), error, None)}
                {text_input(prefix, "imap_port", "Port", port(mailbox.imap_port), error, Some("Empty for 993 with TLS, 143 without."))}
                {text_input(prefix, "imap_username", "User name", mailbox.imap_username.clone(), error, None)}
                {password_input(prefix, "imap_password", "Password", stored(mailbox.imap_password_set), error)}
                {text_input(prefix, "imap_folder", "Folder", mailbox.imap_folder.clone(), error, Some("Empty for INBOX."))}
            </div>
            <label><input type="checkbox" name="imap_tls" value="on" checked=mailbox.imap_tls/>" Connect with TLS"</label>
        </fieldset>
        <fieldset class="stack">
            <legend>"Outgoing mail (SMTP)"</legend>
            <div class="grid-2">
                {text_input(prefix, "smtp_host", "SMTP server", mailbox.smtp_host.clone(), error, Some("Without one, mail goes out through another active mailbox that has one."))}
                {text_input(prefix, "smtp_port", "Port", port(mailbox.smtp_port), error, Some("Empty for 465 with TLS, 587 with STARTTLS, 25 without."))}
                <div class="field">
                    <label for=format!("{prefix}-smtp_security")>"Security"</label>
                    <select id=format!("{prefix}-smtp_security") name="smtp_security" aria-invalid=invalid(error, "smtp_security")>
                        {security}
                    </select>
                    <FieldMessage error field="smtp_security"/>
                </div>
                {text_input(prefix, "smtp_username", "User name", mailbox.smtp_username.clone(), error, None)}
                {password_input(prefix, "smtp_password", "Password", stored(mailbox.smtp_password_set), error)}
            </div>
        </fieldset>
        <fieldset class="stack">
            <legend>"New tickets"</legend>
            <div class="grid-2">
                <div class="field">
                    <label for=format!("{prefix}-team_id")>"Team"</label>
                    <select id=format!("{prefix}-team_id") name="team_id" aria-invalid=invalid(error, "team_id")>
                        {id_options(teams, mailbox.team_id, "No team")}
                    </select>
                    <FieldMessage error field="team_id"/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-category_id")>"Category"</label>
                    <select id=format!("{prefix}-category_id") name="category_id" aria-invalid=invalid(error, "category_id")>
                        {id_options(categories, mailbox.category_id, "No category")}
                    </select>
                    <FieldMessage error field="category_id"/>
                </div>
            </div>
            <label>
                <input type="checkbox" name="reject_unknown" value="on" checked=mailbox.reject_unknown/>
                " Take mail only from known customers (reject other senders)"
            </label>
            <label><input type="checkbox" name="active" value="on" checked=mailbox.active/>" Active"</label>
        </fieldset>
    }
}
