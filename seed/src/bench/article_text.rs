//! The words of the benchmark desk's articles: for article `n`, a title, summary, tags and a
//! Markdown body of about 300 words about one of the desk's product problems (`text::problem`'s
//! products and problems), so that what customers type finds the articles that answer it. Every
//! article carries one of the 100 search keywords (each in 1% of articles).

use super::text::{self, KEYWORDS, PROBLEM_COUNT, PRODUCT_COUNT, Rng, keyword};

/// One article's text, and what it is about.
pub struct ArticleText {
    pub product: usize,
    pub problem: usize,
    pub angle: Angle,
    pub title: String,
    pub summary: String,
    /// Lower-case tags, as the domain stores them.
    pub tags: Vec<String>,
    /// Markdown.
    pub body: String,
}

/// What an article does about its problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Angle {
    CheckFirst,
    Fix,
    Why,
    Admin,
    KnownIssue,
    Logs,
    Workaround,
    Questions,
}

const ANGLES: [Angle; 8] = [
    Angle::CheckFirst,
    Angle::Fix,
    Angle::Why,
    Angle::Admin,
    Angle::KnownIssue,
    Angle::Logs,
    Angle::Workaround,
    Angle::Questions,
];

/// Where the problem happens: (words in the title, tag).
const CONTEXTS: [(&str, &str); 12] = [
    ("on Windows", "windows"),
    ("on macOS", "macos"),
    ("on Linux", "linux"),
    ("on iPhone and iPad", "ios"),
    ("on Android", "android"),
    ("in the web browser", "browser"),
    ("for new accounts", "onboarding"),
    ("for large teams", "teams"),
    ("behind a proxy", "proxy"),
    ("after a password change", "passwords"),
    ("in version 4", "v4"),
    ("in version 5", "v5"),
];

/// One tag per product, in `text`'s product order.
const PRODUCT_TAGS: [&str; PRODUCT_COUNT] = [
    "vpn",
    "invoices",
    "mobile",
    "sso",
    "reports",
    "billing",
    "email",
    "api",
    "directory",
    "backup",
    "printing",
    "calendar",
];

/// Distinct titles before they repeat with "(part 2)", "(part 3)", …
pub const DISTINCT_TITLES: usize = PRODUCT_COUNT * PROBLEM_COUNT * ANGLES.len() * CONTEXTS.len();

const SYMPTOMS: [&str; 10] = [
    "You open the {p} and nothing happens for a minute or more.",
    "The {p} shows a spinning wheel and then a message that the request could not be completed.",
    "Some people on your team see the problem while others, on the same network, do not.",
    "The problem comes and goes: it often starts after lunch and disappears by the next morning.",
    "The {p} worked yesterday, and nobody on your side remembers changing anything.",
    "An error code appears at the bottom of the window, usually starting with E4 or E5.",
    "Restarting the {p} helps for a few minutes, then the same thing happens again.",
    "Large accounts are affected first, while small ones keep working normally.",
    "The activity log of the {p} stops at the moment the trouble begins.",
    "Notifications about the {p} arrive twice, or not at all.",
];

const CHECKS: [&str; 12] = [
    "Check that the {p} is on the latest version under **Help → About**.",
    "Make sure your account still has a licence for the {p} under **Settings → Licences**.",
    "Try the same action in the web version to see whether the problem follows your account.",
    "Note the exact time the problem happened; it lets us find your requests in our logs.",
    "Ask a colleague to try the same thing, so you know whether it is one person or everyone.",
    "Look at our status page for an announced incident before changing any settings.",
    "Confirm that the date and time of your device are set automatically.",
    "Check whether a firewall or proxy was changed recently on your network.",
    "Sign out and in again once, to rule out an expired session.",
    "Write down the version of your operating system and of the {p}.",
    "If you use single sign-on, make sure the identity provider shows no warnings.",
    "Keep a screenshot of any error message, with the error code if it shows one.",
];

const STEPS: [&str; 14] = [
    "Close the {p} completely, including its icon near the clock.",
    "Open **Settings → Advanced** and choose *Clear cached data*.",
    "Sign out, wait ten seconds, and sign in again with your work address.",
    "Update the {p} to the latest version and restart the device.",
    "Remove the saved credentials for the {p} from the password manager of your system.",
    "Turn off any browser extensions that block scripts or rewrite pages, then reload.",
    "Under **Settings → Network**, switch the connection mode from *Automatic* to *Direct*.",
    "Run the built-in check under **Help → Diagnose** and wait until it finishes.",
    "Reconnect the {p} to your account under **Settings → Connected services**.",
    "Ask an administrator to run *Resync* for your account in the admin console.",
    "Reduce the date range to one month and try again; large ranges take much longer.",
    "If the {p} still asks for a licence, ask your administrator to assign one again.",
    "Restart the {p} and repeat what you were doing when the problem appeared.",
    "Export the settings under **Settings → Backup** so you can restore them later.",
];

const CAUSES: [&str; 10] = [
    "Most often the cause is an outdated client that still uses the old sign-in method, which the servers no longer accept.",
    "A session key is renewed every hour, and clients older than the current version drop the connection while it renews.",
    "Proxies that inspect encrypted traffic can break long requests, which then time out for large accounts first.",
    "When a password policy changes, saved credentials stay on devices and are refused until they are replaced.",
    "The cache can keep settings from an earlier version, and the {p} then reads values it no longer understands.",
    "Very large exports and reports are built in one piece, so they run into the time limit before they finish.",
    "Two devices signed in with the same account can send the same notification twice.",
    "A licence that expired and was renewed can take up to an hour to reach every device.",
    "A clock more than five minutes off makes the sign-in tokens of the {p} look expired.",
    "An update of the operating system can reset network permissions the {p} needs.",
];

const CLOSING: [&str; 6] = [
    "If none of this helps, open a request from the portal and tell us what you tried; it saves a round of questions.",
    "Attach the diagnostic report and the time it last happened, and we will look at our side straight away.",
    "For problems that block many people at once, choose the *Urgent* priority so the request reaches the on-call engineer.",
    "Our team answers on working days within a few hours, and urgent requests around the clock.",
    "You can also reply to any earlier email from us; the reply becomes part of your request.",
    "We update this article when a fix ships, so check back or follow the status page.",
];

/// Article `n`'s text: the same `n` always gives the same article. The first `DISTINCT_TITLES`
/// articles have distinct titles, and consecutive ones are about different products.
pub fn article(n: usize) -> ArticleText {
    let mut rng = Rng::new((n as u64) | (1 << 48));
    let pair = n % (PRODUCT_COUNT * PROBLEM_COUNT);
    let (product, problem) = (pair % PRODUCT_COUNT, pair / PRODUCT_COUNT);
    let rest = n / (PRODUCT_COUNT * PROBLEM_COUNT);
    let angle = ANGLES[rest % ANGLES.len()];
    let (context, context_tag) = CONTEXTS[rest / ANGLES.len() % CONTEXTS.len()];
    let part = n / DISTINCT_TITLES;
    let p = text::product_name(product);
    let q = text::problem_words(problem);
    let subject = text::capitalized(&text::subject_of(product, problem));
    let mut title = match angle {
        Angle::CheckFirst => format!("{subject} {context}: what to check first"),
        Angle::Fix => format!("{subject} {context}: step-by-step fix"),
        Angle::Why => format!("Why the {p} {q} {context}"),
        Angle::Admin => format!("{subject} {context}: a guide for administrators"),
        Angle::KnownIssue => format!("Known issue: the {p} {q} {context}"),
        Angle::Logs => format!("{subject} {context}: collecting logs for support"),
        Angle::Workaround => format!("Workaround: the {p} {q} {context}"),
        Angle::Questions => format!("{subject} {context}: questions and answers"),
    };
    if part > 0 {
        title.push_str(&format!(" (part {})", part + 1));
    }
    let summary = match angle {
        Angle::CheckFirst => format!("The quick checks that settle most cases when the {p} {q} {context}."),
        Angle::Fix => format!("A fix you can apply yourself in a few minutes when the {p} {q} {context}."),
        Angle::Why => "What causes it, how to tell which cause is yours, and what to change.".to_owned(),
        Angle::Admin => format!("What an administrator can change for everyone when the {p} {q} {context}."),
        Angle::KnownIssue => "What we know, who is affected, and the workaround until the fix ships.".to_owned(),
        Angle::Logs => {
            format!("Which details help us find the cause when the {p} {q} {context}, and how to send them.")
        }
        Angle::Workaround => "Keep working while we fix it: a temporary way around the problem.".to_owned(),
        Angle::Questions => format!("Short answers to what customers ask most when the {p} {q} {context}."),
    };
    let angle_tag = match angle {
        Angle::CheckFirst | Angle::Fix | Angle::Why => "troubleshooting",
        Angle::Admin => "admin",
        Angle::KnownIssue => "known-issue",
        Angle::Logs => "logs",
        Angle::Workaround => "workaround",
        Angle::Questions => "faq",
    };
    let tags = [PRODUCT_TAGS[product], angle_tag, context_tag].map(str::to_owned).to_vec();
    let body = body(&mut rng, p, q, context, &summary, &keyword(n % KEYWORDS));
    ArticleText { product, problem, angle, title, summary, tags, body }
}

fn body(rng: &mut Rng, p: &str, q: &str, context: &str, summary: &str, reference: &str) -> String {
    let fill = |s: &str| s.replace("{p}", p);
    let mut out = format!("{summary} This article is about the {p} when it {q} {context}.\n\n## What you see\n\n");
    out.push_str(&distinct(rng, &SYMPTOMS, 4).map(fill).collect::<Vec<_>>().join(" "));
    out.push_str("\n\n## Before you start\n\n");
    for check in distinct(rng, &CHECKS, 5) {
        out.push_str(&format!("- {}\n", fill(check)));
    }
    out.push_str("\n## Fix it\n\n");
    for (i, step) in distinct(rng, &STEPS, 6).enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, fill(step)));
    }
    out.push_str("\n## Why it happens\n\n");
    out.push_str(&distinct(rng, &CAUSES, 3).map(fill).collect::<Vec<_>>().join(" "));
    out.push_str("\n\n## Still not working?\n\n");
    out.push_str(&distinct(rng, &CLOSING, 2).map(fill).collect::<Vec<_>>().join(" "));
    out.push_str(&format!(" Quote the reference `{reference}` when you contact us about it.\n"));
    out
}

/// `n` different items of `pool`, in a random order.
fn distinct<'a>(rng: &mut Rng, pool: &[&'a str], n: usize) -> impl Iterator<Item = &'a str> {
    let mut items = pool.to_vec();
    for i in 0..n.min(items.len()) {
        let j = i + rng.below((items.len() - i) as u64) as usize;
        items.swap(i, j);
    }
    items.truncate(n);
    items.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn titles_are_distinct_and_bodies_a_few_hundred_words() {
        let titles: HashSet<String> = (0..DISTINCT_TITLES).map(|n| article(n).title).collect();
        assert_eq!(titles.len(), DISTINCT_TITLES);
        const { assert!(DISTINCT_TITLES >= 10_000) };
        assert!(article(DISTINCT_TITLES).title.ends_with("(part 2)"));
        for n in [0, 1, 77, 9_999] {
            let a = article(n);
            let words = a.body.split_whitespace().count();
            assert!((250..500).contains(&words), "{n}: {words} words");
            assert!(a.body.contains(&keyword(n % KEYWORDS)));
            assert!(a.title.len() <= 200 && a.summary.len() <= 300, "{}", a.title);
            assert_eq!(a.tags.len(), 3);
        }
        assert_eq!(article(5).body, article(5).body);
        assert_ne!(article(5).body, article(6).body);
        assert_ne!(article(0).product, article(1).product);
    }

    #[test]
    fn keywords_appear_only_as_references() {
        let pools = [&SYMPTOMS[..], &CHECKS[..], &STEPS[..], &CAUSES[..], &CLOSING[..]].concat().join(" ");
        let titles: String = (0..2_000).map(|n| article(n).title + " " + &article(n).summary).collect();
        let other = (pools + &titles).to_lowercase();
        for k in 0..KEYWORDS {
            assert!(!other.contains(&keyword(k)), "{}", keyword(k));
        }
    }
}
