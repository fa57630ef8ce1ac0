//! The search bar of ticket lists: words and `field:value` filters in one box, a panel of
//! filter fields that add to it, and the sort. A plain GET form, so results have an address
//! that can be bookmarked, shared and saved as a view.

use domain::{
    ticket_filter::{FilterField, Sort, TicketFilter},
    ticket_types::{StatusCategory, TicketOptions},
};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// The filter fields of the panel, by the name of their input.
const FIELDS: [(&str, FilterField); 7] = [
    ("status", FilterField::Status),
    ("priority", FilterField::Priority),
    ("category", FilterField::Category),
    ("team", FilterField::Team),
    ("assignee", FilterField::Assignee),
    ("tag", FilterField::Tag),
    ("requester", FilterField::Requester),
];
const DATES: [&str; 4] = ["created_from", "created_before", "updated_from", "updated_before"];

/// The whole query of a list's address: the box's text plus the panel's fields, in canonical
/// form. `Err` carries the message for a query that does not parse.
pub fn compose_query(params: &ParamsMap) -> Result<String, String> {
    let mut filter = TicketFilter::parse(&params.get("q").unwrap_or_default())?;
    for (name, field) in FIELDS {
        if let Some(value) = params.get(name).map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()) {
            filter.add(field, value);
        }
    }
    for name in DATES {
        let Some(text) = params.get(name).filter(|v| !v.trim().is_empty()) else { continue };
        let day = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| format!("Write dates as YYYY-MM-DD (got {text:?})"))?;
        let slot = match name {
            "created_from" => &mut filter.created_from,
            "created_before" => &mut filter.created_before,
            "updated_from" => &mut filter.updated_from,
            _ => &mut filter.updated_before,
        };
        *slot = Some(day);
    }
    Ok(filter.to_query())
}

/// True when the address asks for a search or filter rather than a queue.
pub fn is_search(params: &ParamsMap) -> bool {
    ["q"]
        .iter()
        .chain(FIELDS.iter().map(|(n, _)| n))
        .chain(DATES.iter())
        .any(|name| params.get(name).is_some_and(|v| !v.trim().is_empty()))
}

/// The link to a list for a query and sort.
pub fn search_href(base: &str, query: &str, sort: Sort) -> String {
    let mut url = format!("{base}?q={}", urlencode(query));
    if sort != Sort::default() {
        url.push_str(&format!("&sort={}", sort.as_str()));
    }
    url
}

/// Percent-encodes a query value the way forms do (the same on the server and in the browser).
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn choice(name: &'static str, label: &'static str, values: Vec<(String, String)>) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">"Any"</option>
                {values.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The search form. `options` is `None` for customers, who search words, status and dates.
#[component]
pub fn SearchBar(
    action: &'static str,
    query: String,
    sort: Sort,
    options: Option<TicketOptions>,
    #[prop(into)] error: Option<String>,
) -> impl IntoView {
    let staff = options.is_some();
    let named = |list: Vec<domain::ticket_types::OptionView>| -> Vec<(String, String)> {
        list.into_iter().map(|o| (o.name.to_lowercase(), o.name)).collect()
    };
    let statuses: Vec<(String, String)> = std::iter::once(("unsolved".to_owned(), "Unsolved".to_owned()))
        .chain(StatusCategory::ALL.iter().map(|c| {
            let name = c.as_str();
            (name.to_owned(), format!("{}{}", name[..1].to_uppercase(), &name[1..]))
        }))
        .collect();
    let panel = options.map(|o| {
        let assignees: Vec<(String, String)> =
            [("me", "Me"), ("none", "Unassigned")].into_iter().map(|(v, t)| (v.to_owned(), t.to_owned())).collect();
        view! {
            {choice("priority", "Priority", named(o.priorities))}
            {choice("category", "Category", named(o.categories))}
            {choice("team", "Team", named(o.teams))}
            {choice("assignee", "Assignee", assignees)}
            <div class="field">
                <label for="filter-tag">"Tag"</label>
                <input id="filter-tag" name="tag" placeholder="vpn"/>
            </div>
            <div class="field">
                <label for="filter-requester">"Requester email"</label>
                <input id="filter-requester" name="requester" type="email"/>
            </div>
        }
    });
    let sorts = Sort::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == sort>{s.label()}</option> })
        .collect_view();
    let placeholder = if staff {
        "Search: words, \"a phrase\", -word, status:open priority:high assignee:me tag:vpn"
    } else {
        "Search your requests"
    };
    view! {
        <form method="get" action=action class="search-bar" role="search">
            <div class="row">
                <label for="ticket-search" class="sr-only">"Search tickets"</label>
                <input id="ticket-search" name="q" type="search" value=query placeholder=placeholder
                    data-shortcut-target="search" aria-invalid=error.is_some().then_some("true")
                    aria-describedby="search-help"/>
                <label for="ticket-sort" class="sr-only">"Order"</label>
                <select id="ticket-sort" name="sort">{sorts}</select>
                <button type="submit" class="btn btn-primary">"Search"</button>
            </div>
            {error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <details class="filters">
                <summary>"Filters"</summary>
                <div class="filter-grid">
                    {choice("status", "Status", statuses)}
                    {panel}
                    <div class="field">
                        <label for="filter-created-from">"Created on or after"</label>
                        <input id="filter-created-from" name="created_from" type="date"/>
                    </div>
                    <div class="field">
                        <label for="filter-created-before">"Created before"</label>
                        <input id="filter-created-before" name="created_before" type="date"/>
                    </div>
                    <div class="field">
                        <label for="filter-updated-from">"Updated on or after"</label>
                        <input id="filter-updated-from" name="updated_from" type="date"/>
                    </div>
                </div>
                <p class="hint" id="search-help">
                    "Filters add to the words in the box. In the box: "
                    <code>"status:open"</code> " " <code>"priority:high"</code> " " <code>"assignee:me"</code> " "
                    <code>"tag:vpn"</code> " " <code>"\"exact phrase\""</code> " " <code>"-word"</code> " "
                    <code>"print*"</code> " " <code>"created>2026-11-01"</code> " "
                    <code>"field:\"Contract number\"=A-1042"</code> " " <code>"field:\"Devices affected\">3"</code>
                </p>
            </details>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut map = ParamsMap::new();
        for (k, v) in pairs {
            map.insert(*k, (*v).to_owned());
        }
        map
    }

    #[test]
    fn panel_fields_join_the_query() {
        let p = params(&[("q", "vpn -spam"), ("priority", "High"), ("assignee", "me"), ("created_from", "2026-11-01")]);
        assert_eq!(compose_query(&p).unwrap(), "priority:high assignee:me created>2026-11-01 vpn -spam");
        assert!(is_search(&p));
        assert!(!is_search(&params(&[("queue", "unassigned"), ("q", " ")])));
        assert!(compose_query(&params(&[("created_from", "soon")])).is_err());
    }

    #[test]
    fn links_are_encoded() {
        assert_eq!(search_href("/agent", "tag:vpn \"a b\"", Sort::Oldest), "/agent?q=tag%3Avpn+%22a+b%22&sort=oldest");
    }
}
