//! The demo knowledge base: categories with sections, public, customers-only and agents-only
//! articles (and a draft and an archived one), written by Sam Rivera whom the admin allows to
//! write, with a few readers' votes, views and answered requests. Its articles answer the demo
//! tickets' stories, so suggestions on the portal find them.

use domain::{
    Actor, DomainError,
    accounts::queries,
    entities::kb_category,
    kb::{
        articles::{self, ArticleInput},
        categories::{self, CategoryInput},
        feedback,
        types::{ArticleState, ArticleVisibility},
        views_counter::ViewCounter,
        writers,
    },
};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

/// (name, description, sections)
const CATEGORIES: [(&str, &str, &[&str]); 4] = [
    ("Getting started", "Your account, your team and signing in.", &["Your account", "Working with your team"]),
    ("Billing and invoices", "Invoices, payments and refunds.", &["Invoices", "Payments"]),
    ("Troubleshooting", "When something stops working.", &["Connectivity", "Devices and exports"]),
    ("Internal playbooks", "How the desk handles tricky requests.", &[]),
];

use ArticleState::{Archived, Draft, Published};
use ArticleVisibility::{Agents, Customers, Public};

/// (category, section, title, summary, tags, visibility, state, body)
type Article =
    (usize, Option<usize>, &'static str, &'static str, &'static str, ArticleVisibility, ArticleState, &'static str);

const ARTICLES: [Article; 12] = [
    (
        0,
        Some(0),
        "Reset your password",
        "What to do when you forgot your password or the reset email does not arrive.",
        "password, sign-in",
        Public,
        Published,
        "## Ask for a reset link\n\n1. Open **Sign in** and choose *Forgot password?*\n2. Enter the address you sign in with.\n3. Follow the link in the email within 30 minutes.\n\n## The reset email never arrives\n\n- Check the spam or junk folder.\n- Make sure you typed the address your account uses.\n- Company mail filters sometimes hold automatic mail: ask your IT team to allow our address.\n\nStill nothing after ten minutes? Open a request and we will reset it for you.",
    ),
    (
        0,
        Some(1),
        "Add a colleague to your team",
        "Invite someone new and give them access.",
        "team, invite, access",
        Public,
        Published,
        "Go to **Settings → Team** and choose *Invite*. Your colleague gets an email with a link to set their password.\n\nInvitations stay valid for seven days; send a new one from the same page if it expired.",
    ),
    (
        0,
        Some(0),
        "Change the account owner",
        "Hand the account over when the owner leaves the company.",
        "owner, account",
        Customers,
        Published,
        "For security we change the owner only on a request sent **from your company's domain**.\n\n1. Reply from your work address, or open a request while signed in with it.\n2. Name the new owner.\n3. We confirm with the current owner when we can reach them.",
    ),
    (
        1,
        Some(0),
        "Get a corrected invoice",
        "Wrong VAT number, address or company name on an invoice.",
        "invoice, vat",
        Public,
        Published,
        "Update your company details under **Settings → Billing** first, then ask us to reissue the invoice: open a request with the invoice number. Corrected invoices keep their number and say *corrected*.",
    ),
    (
        1,
        Some(1),
        "Charged twice: refunds for double charges",
        "Why a payment can show twice and how refunds work.",
        "refund, charge, payment",
        Public,
        Published,
        "A card payment can show twice while the bank holds the first attempt; the hold disappears within three days.\n\nIf both charges went through, tell us the date and the last four digits of the card. Refunds reach your card in **3–5 working days**.",
    ),
    (
        2,
        Some(0),
        "VPN keeps disconnecting",
        "The VPN drops every hour or asks you to sign in again.",
        "vpn, remote, network",
        Public,
        Published,
        "## Check your client version\n\nOpen **Help → About** in the VPN client. Versions before 4.3 drop the connection when the session key renews every hour: update to the latest version.\n\n## Still dropping?\n\n- Switch from Wi-Fi to a cable to rule out the network.\n- Send us the client version and your operating system.",
    ),
    (
        2,
        Some(1),
        "Printer missing from the device list",
        "A printer vanished after an update.",
        "printer, devices",
        Public,
        Published,
        "Updates can reset the discovery cache. Remove the printer and add it again **by its IP address** (printed on its network page). If it still does not show on one laptop, restart the print spooler on that laptop.",
    ),
    (
        2,
        Some(1),
        "Exporting large reports to CSV",
        "Exports that time out, and how to split them.",
        "export, csv, reports",
        Customers,
        Published,
        "Exports of more than a quarter can take long. Export month by month, or schedule the export and receive it by email when it is ready.",
    ),
    (
        3,
        None,
        "Escalating VPN tickets to Engineering",
        "When support hands a VPN ticket over, and what to include.",
        "vpn, escalation",
        Agents,
        Published,
        "Escalate to **Engineering** when the client is 4.3 or newer and the drops continue on a cable.\n\nInclude the client version, the operating system and the times of the last three drops. Tag the ticket `vpn`.",
    ),
    (
        3,
        None,
        "Refund approval checklist",
        "What Billing checks before approving a refund.",
        "refund, billing",
        Agents,
        Published,
        "1. Both charges settled (not a pending hold).\n2. Same amount, same card, within 48 hours.\n3. Refunds over 500 need a second approver.",
    ),
    (
        2,
        Some(0),
        "Two-factor sign-in",
        "Protect your account with a second step.",
        "security, sign-in",
        Public,
        Draft,
        "Two-factor sign-in is coming soon. This article explains how to turn it on.",
    ),
    (
        2,
        Some(1),
        "Legacy desktop client",
        "The old desktop client, retired in 2025.",
        "desktop",
        Public,
        Archived,
        "The legacy desktop client is no longer supported. Use the web app instead.",
    ),
];

/// Seeds the knowledge base unless it has categories already. Returns how many articles it
/// wrote.
pub async fn seed(db: &DatabaseConnection) -> Result<usize, DomainError> {
    if kb_category::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let system = Actor::System;
    let writer = match queries::find_by_email(db, "sam.rivera@example.com").await? {
        Some(sam) => {
            writers::allow(db, &system, sam.id, true).await?;
            let sam = queries::find_by_email(db, "sam.rivera@example.com").await?.ok_or(DomainError::NotFound)?;
            Actor::User(queries::principal_of(&sam))
        }
        None => system,
    };
    let mut places = Vec::new();
    for (name, description, sections) in CATEGORIES {
        let input = CategoryInput { name: name.into(), slug: String::new(), description: description.into() };
        let category = categories::create_category(db, &writer, input).await?;
        let mut ids = Vec::new();
        for section in sections {
            ids.push(categories::create_section(db, &writer, category, section).await?);
        }
        places.push((category, ids));
    }
    let mut ids = Vec::new();
    for (category, section, title, summary, tags, visibility, state, body) in ARTICLES {
        let (category_id, sections) = &places[category];
        let input = ArticleInput {
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            category_id: *category_id,
            section_id: section.map(|s| sections[s]),
            tags: tags.into(),
            visibility,
            state,
            ..Default::default()
        };
        ids.push(articles::create(db, &writer, input, None).await?);
    }
    readers(db, &ids).await?;
    Ok(ids.len())
}

/// Views, votes and answered requests on the first articles, so the writers' counts show.
async fn readers(db: &DatabaseConnection, ids: &[i64]) -> Result<(), DomainError> {
    let views = ViewCounter::default();
    for (i, id) in ids.iter().enumerate().take(8) {
        for _ in 0..(40 - i * 4) {
            views.record(*id);
        }
    }
    views.flush(db).await?;
    let anonymous = Actor::Anonymous;
    for (n, helpful) in [true, true, true, false].into_iter().enumerate() {
        feedback::vote(db, &anonymous, ids[0], &format!("visitor:demo{n}"), helpful, "").await?;
    }
    feedback::vote(db, &anonymous, ids[5], "visitor:demo9", false, "My client says 4.4 and it still drops.").await?;
    if let Some(casey) = queries::find_by_email(db, "customer@example.com").await? {
        let casey = Actor::User(queries::principal_of(&casey));
        feedback::deflect(db, &casey, ids[0]).await?;
        feedback::deflect(db, &casey, ids[6]).await?;
    }
    Ok(())
}
