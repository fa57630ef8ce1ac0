//! The ticket filter: one condition language for search, queue filters, saved views and the API,
//! written as text (`status:open priority:high assignee:me tag:vpn "exact phrase" -word`) and
//! parsed into fields. Pure and wasm-safe; the database side lives in `tickets::filtering`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A word or phrase to look for in the text of tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextTerm {
    pub text: String,
    /// Written in quotes: the words must appear together, in order.
    pub phrase: bool,
    /// Ends with `*`: any word starting with `text`.
    pub prefix: bool,
    /// Starts with `-`: tickets that do not contain it.
    pub negated: bool,
}

/// Who a ticket is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssigneeFilter {
    Me,
    Nobody,
    /// An agent, by email.
    Email(String),
}

/// The fields a filter can name. `-field:value` is not supported; negation is for words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    Status,
    Priority,
    Category,
    Team,
    Assignee,
    Tag,
    Requester,
    Organization,
    Channel,
    /// The SLA policy by name (`none` for tickets under none).
    Sla,
}

impl FilterField {
    pub const ALL: [FilterField; 10] = [
        Self::Status,
        Self::Priority,
        Self::Category,
        Self::Team,
        Self::Assignee,
        Self::Tag,
        Self::Requester,
        Self::Organization,
        Self::Channel,
        Self::Sla,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Priority => "priority",
            Self::Category => "category",
            Self::Team => "team",
            Self::Assignee => "assignee",
            Self::Tag => "tag",
            Self::Requester => "requester",
            Self::Organization => "org",
            Self::Channel => "channel",
            Self::Sla => "sla",
        }
    }

    fn parse(key: &str) -> Option<Self> {
        match key {
            "organization" => Some(Self::Organization),
            _ => Self::ALL.into_iter().find(|f| f.key() == key),
        }
    }
}

/// How a custom field's value is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldOp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl FieldOp {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldOp::Eq => "=",
            FieldOp::Lt => "<",
            FieldOp::Le => "<=",
            FieldOp::Gt => ">",
            FieldOp::Ge => ">=",
        }
    }
}

/// `field:"Contract"=A-123`, `field:devices>3`: a custom field (by name or key, lower-cased)
/// compared with a value (lower-cased; read by the field's kind on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldTerm {
    pub field: String,
    pub op: FieldOp,
    pub value: String,
}

/// Custom-field terms one filter may hold.
pub const MAX_FIELD_TERMS: usize = 10;

/// Reads `"Contract"=A-123` or `devices>=3` (what follows `field:`).
fn field_term(rest: &str) -> Result<FieldTerm, String> {
    let usage = || "Write field:\"Name\"=value, or compare numbers and dates with <, <=, > and >=".to_owned();
    let (name, after) = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split_once('"').ok_or_else(usage)?,
        None => rest.split_at(rest.find(['=', '<', '>']).ok_or_else(usage)?),
    };
    let (op, value) =
        [(">=", FieldOp::Ge), ("<=", FieldOp::Le), (">", FieldOp::Gt), ("<", FieldOp::Lt), ("=", FieldOp::Eq)]
            .into_iter()
            .find_map(|(text, op)| after.strip_prefix(text).map(|v| (op, v)))
            .ok_or_else(usage)?;
    let (field, value) = (unquote(name), unquote(value));
    if field.is_empty() || value.is_empty() {
        return Err(usage());
    }
    Ok(FieldTerm { field, op, value })
}

/// A parsed filter. Values of one field are alternatives (`status:new status:open`); different
/// fields must all hold. Names are kept as typed (lower-cased) and resolved on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFilter {
    pub text: Vec<TextTerm>,
    pub status: Vec<String>,
    pub priority: Vec<String>,
    pub category: Vec<String>,
    pub team: Vec<String>,
    pub assignee: Vec<AssigneeFilter>,
    pub tag: Vec<String>,
    pub requester: Vec<String>,
    pub organization: Vec<String>,
    pub channel: Vec<String>,
    pub sla: Vec<String>,
    /// `breached:yes`: a target of the ticket's SLA was exceeded (`no`: none was).
    pub breached: Option<bool>,
    /// `due<2h`: the next SLA due time is within this many minutes from now (or past).
    pub due_within: Option<u32>,
    /// `due>1d`: the next SLA due time is more than this many minutes away.
    pub due_beyond: Option<u32>,
    /// On or after this day (UTC).
    pub created_from: Option<NaiveDate>,
    /// Before this day (UTC).
    pub created_before: Option<NaiveDate>,
    pub updated_from: Option<NaiveDate>,
    pub updated_before: Option<NaiveDate>,
    /// Custom fields compared with values (`field:"Contract"=A-123`).
    #[serde(default)]
    pub fields: Vec<FieldTerm>,
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Recently updated first.
    #[default]
    Updated,
    /// Least recently updated first: what has waited longest.
    Oldest,
    /// Newest tickets first.
    Created,
    /// Highest priority first, then recently updated.
    Priority,
    /// Best match first (only with words to look for).
    Relevance,
    /// The next SLA due time first (overdue ones first of all); tickets without one last.
    Due,
}

impl Sort {
    pub const ALL: [Sort; 6] = [Self::Updated, Self::Oldest, Self::Created, Self::Priority, Self::Relevance, Self::Due];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Updated => "updated",
            Self::Oldest => "oldest",
            Self::Created => "created",
            Self::Priority => "priority",
            Self::Relevance => "relevance",
            Self::Due => "due",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Updated => "Recently updated",
            Self::Oldest => "Waiting longest",
            Self::Created => "Newest",
            Self::Priority => "Priority",
            Self::Relevance => "Best match",
            Self::Due => "Due soonest",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A named filter an agent saved, for themselves or shared with every agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    /// The filter in the query syntax.
    pub query: String,
    pub sort: Sort,
    pub shared: bool,
    pub owner_name: String,
    /// The viewer may delete it (their own, or any as an admin).
    pub can_delete: bool,
}

pub const QUERY_MAX_CHARS: usize = 500;
pub const MAX_TERMS: usize = 20;

/// Splits a query into tokens: runs of non-space characters, where a `"…"` part may hold spaces.
pub(crate) fn tokens(input: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err("Close the quotation marks".into());
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// A value without its quotes. Quotes only group words (`sla:"premium support"`); one inside a
/// value (`sla:"a b"c`) is dropped too, as `to_query` could not write it back.
fn unquote(value: &str) -> String {
    value.replace('"', "").trim().to_lowercase()
}

fn date(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| format!("Write dates as YYYY-MM-DD (got {value:?})"))
}

/// Keeps the letters and digits of a search word (other characters separate words anyway).
fn clean_word(word: &str) -> String {
    word.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect::<String>().trim().to_owned()
}

impl TicketFilter {
    /// Parses the query syntax. Unknown `key:value` pairs are searched as words.
    pub fn parse(input: &str) -> Result<TicketFilter, String> {
        if input.chars().count() > QUERY_MAX_CHARS {
            return Err(format!("Use at most {QUERY_MAX_CHARS} characters"));
        }
        if input.chars().any(|c| c.is_control() && !c.is_whitespace()) {
            return Err("Remove control characters".into());
        }
        let mut filter = TicketFilter::default();
        for token in tokens(input)? {
            filter.add_token(&token)?;
        }
        if filter.text.len() > MAX_TERMS {
            return Err(format!("Use at most {MAX_TERMS} words"));
        }
        // The canonical text can be longer than what was typed (`e-mail` is `"e mail"`); it is
        // what saved views and links keep, so it must read back too.
        if filter.to_query().chars().count() > QUERY_MAX_CHARS {
            return Err(format!("Use at most {QUERY_MAX_CHARS} characters"));
        }
        Ok(filter)
    }

    fn add_token(&mut self, token: &str) -> Result<(), String> {
        if let Some(rest) = token.strip_prefix("due").map(|r| r.strip_prefix(':').unwrap_or(r)) {
            let bound = |text: &str| {
                crate::sla::types::parse_target(text)
                    .map_err(|_| format!("Write due times as due<2h or due>1d (got {token:?})"))
            };
            if let Some(text) = rest.strip_prefix('<') {
                self.due_within = Some(bound(text)?);
                return Ok(());
            }
            if let Some(text) = rest.strip_prefix('>') {
                self.due_beyond = Some(bound(text)?);
                return Ok(());
            }
        }
        if let Some(rest) = token.get(..6).filter(|k| k.eq_ignore_ascii_case("field:")).map(|_| &token[6..]) {
            let term = field_term(rest)?;
            if !self.fields.contains(&term) {
                self.fields.push(term);
            }
            if self.fields.len() > MAX_FIELD_TERMS {
                return Err(format!("Use at most {MAX_FIELD_TERMS} field: terms"));
            }
            return Ok(());
        }
        if let Some(answer) = token.strip_prefix("breached:") {
            self.breached = match answer.to_lowercase().as_str() {
                "yes" | "true" => Some(true),
                "no" | "false" => Some(false),
                _ => return Err("Write breached:yes or breached:no".into()),
            };
            return Ok(());
        }
        for (key, slot) in [("created", 0), ("updated", 1)] {
            let rest = token.strip_prefix(key).map(|r| r.strip_prefix(':').unwrap_or(r));
            if let Some(rest) = rest {
                if let Some(day) = rest.strip_prefix(">=").or_else(|| rest.strip_prefix('>')) {
                    let d = Some(date(day)?);
                    if slot == 0 {
                        self.created_from = d
                    } else {
                        self.updated_from = d
                    }
                    return Ok(());
                }
                if let Some(day) = rest.strip_prefix('<') {
                    let d = Some(date(day)?);
                    if slot == 0 {
                        self.created_before = d
                    } else {
                        self.updated_before = d
                    }
                    return Ok(());
                }
            }
        }
        if let Some((key, value)) = token.split_once(':')
            && let Some(field) = FilterField::parse(&key.to_lowercase())
        {
            let value = unquote(value);
            if value.is_empty() {
                return Err(format!("Give {}: a value", field.key()));
            }
            self.add(field, value);
            return Ok(());
        }
        let (negated, rest) = match token.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, token),
        };
        let phrase = rest.len() >= 2 && rest.starts_with('"') && rest.ends_with('"');
        let (body, prefix) = match rest.strip_suffix('*') {
            Some(body) if !phrase => (body, true),
            _ => (rest, false),
        };
        // Lower-cased before cleaning: a capital can lower-case to a letter and a combining mark
        // (`İ` is `i` + U+0307), which cleaning then turns into a space, as it would on reading back.
        let text = clean_word(&body.to_lowercase());
        if text.is_empty() {
            return Ok(());
        }
        // A word with inner punctuation ("e-mail", "v2.1") is searched as the phrase it becomes.
        let phrase = phrase || text.contains(' ');
        self.text.push(TextTerm { text, phrase, prefix: prefix && !phrase, negated });
        Ok(())
    }

    /// Adds one field value (already lower-cased).
    pub fn add(&mut self, field: FilterField, value: String) {
        let list = match field {
            FilterField::Status => &mut self.status,
            FilterField::Priority => &mut self.priority,
            FilterField::Category => &mut self.category,
            FilterField::Team => &mut self.team,
            FilterField::Tag => &mut self.tag,
            FilterField::Requester => &mut self.requester,
            FilterField::Organization => &mut self.organization,
            FilterField::Channel => &mut self.channel,
            FilterField::Sla => &mut self.sla,
            FilterField::Assignee => {
                let a = match value.as_str() {
                    "me" => AssigneeFilter::Me,
                    "none" | "nobody" | "unassigned" => AssigneeFilter::Nobody,
                    _ => AssigneeFilter::Email(value),
                };
                if !self.assignee.contains(&a) {
                    self.assignee.push(a);
                }
                return;
            }
        };
        if !list.contains(&value) {
            list.push(value);
        }
    }

    /// True when there are words to look for (so ranking by relevance means something).
    pub fn has_text(&self) -> bool {
        self.text.iter().any(|t| !t.negated)
    }

    pub fn is_empty(&self) -> bool {
        *self == TicketFilter::default()
    }

    /// The canonical text of this filter; `parse(to_query())` gives the same filter back.
    pub fn to_query(&self) -> String {
        fn value(v: &str) -> String {
            if v.chars().any(char::is_whitespace) { format!("\"{v}\"") } else { v.to_owned() }
        }
        let mut parts: Vec<String> = Vec::new();
        let fields: [(&str, &Vec<String>); 9] = [
            ("status", &self.status),
            ("priority", &self.priority),
            ("category", &self.category),
            ("team", &self.team),
            ("tag", &self.tag),
            ("requester", &self.requester),
            ("org", &self.organization),
            ("channel", &self.channel),
            ("sla", &self.sla),
        ];
        for (key, values) in fields {
            parts.extend(values.iter().map(|v| format!("{key}:{}", value(v))));
        }
        parts.extend(self.assignee.iter().map(|a| match a {
            AssigneeFilter::Me => "assignee:me".to_owned(),
            AssigneeFilter::Nobody => "assignee:none".to_owned(),
            AssigneeFilter::Email(e) => format!("assignee:{}", value(e)),
        }));
        let dates = [
            ("created>", self.created_from),
            ("created<", self.created_before),
            ("updated>", self.updated_from),
            ("updated<", self.updated_before),
        ];
        parts.extend(dates.iter().filter_map(|(k, d)| d.map(|d| format!("{k}{}", d.format("%Y-%m-%d")))));
        // A value that starts like an operator (`field:x>"=3"`) is quoted, or it would read as one.
        let field_value = |v: &str| if v.starts_with(['=', '<', '>']) { format!("\"{v}\"") } else { value(v) };
        parts.extend(
            self.fields.iter().map(|t| format!("field:\"{}\"{}{}", t.field, t.op.as_str(), field_value(&t.value))),
        );
        if let Some(breached) = self.breached {
            parts.push(format!("breached:{}", if breached { "yes" } else { "no" }));
        }
        let minutes = crate::sla::types::format_minutes;
        parts.extend(self.due_within.map(|m| format!("due<{}", minutes(m).replace(' ', ""))));
        parts.extend(self.due_beyond.map(|m| format!("due>{}", minutes(m).replace(' ', ""))));
        parts.extend(self.text.iter().map(|t| {
            let sign = if t.negated { "-" } else { "" };
            if t.phrase {
                format!("{sign}\"{}\"", t.text)
            } else if t.prefix {
                format!("{sign}{}*", t.text)
            } else {
                format!("{sign}{}", t.text)
            }
        }));
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> TextTerm {
        TextTerm { text: text.into(), phrase: false, prefix: false, negated: false }
    }

    #[test]
    fn parses_the_documented_example() {
        let f = TicketFilter::parse(r#"status:open priority:High assignee:me tag:vpn "exact phrase" -word"#).unwrap();
        assert_eq!(f.status, ["open"]);
        assert_eq!(f.priority, ["high"]);
        assert_eq!(f.assignee, [AssigneeFilter::Me]);
        assert_eq!(f.tag, ["vpn"]);
        assert_eq!(
            f.text,
            [
                TextTerm { text: "exact phrase".into(), phrase: true, prefix: false, negated: false },
                TextTerm { negated: true, ..word("word") },
            ]
        );
    }

    #[test]
    fn fields_values_and_dates() {
        let f = TicketFilter::parse(
            r#"team:"Tier 2" status:new status:open created>2026-11-01 updated:<2026-11-20 org:acme printer*"#,
        )
        .unwrap();
        assert_eq!(f.team, ["tier 2"]);
        assert_eq!(f.status, ["new", "open"]);
        assert_eq!(f.created_from, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(f.updated_before, NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!(f.organization, ["acme"]);
        assert_eq!(f.text, [TextTerm { prefix: true, ..word("printer") }]);
        assert!(f.has_text());
    }

    #[test]
    fn unknown_keys_and_punctuation_are_words() {
        let f = TicketFilter::parse("error:404 e-mail").unwrap();
        assert_eq!(f.text[0], TextTerm { phrase: true, ..word("error 404") });
        assert_eq!(f.text[1], TextTerm { phrase: true, ..word("e mail") });
        assert!(TicketFilter::parse("-- *** \"\"").unwrap().is_empty());
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for bad in ["\"open", "created>yesterday", "status:", "a\u{0}b", &"x".repeat(501)] {
            assert!(TicketFilter::parse(bad).is_err(), "{bad:?}");
        }
        let many: Vec<String> = (0..21).map(|n| format!("w{n}")).collect();
        assert!(TicketFilter::parse(&many.join(" ")).is_err());
    }

    #[test]
    fn canonical_text_round_trips() {
        for q in [
            r#"status:open priority:high assignee:me tag:vpn "exact phrase" -word"#,
            r#"team:"tier 2" assignee:none assignee:bo@example.com created>2026-01-02 updated<2026-03-04 print*"#,
            r#"sla:gold sla:"premium support" channel:email breached:yes due<2h due>1d30m"#,
            "",
        ] {
            let f = TicketFilter::parse(q).unwrap();
            assert_eq!(TicketFilter::parse(&f.to_query()).unwrap(), f, "{q}");
        }
    }

    #[test]
    fn service_level_terms() {
        let f = TicketFilter::parse(r#"due<2h breached:no sla:"Gold" channel:Phone"#).unwrap();
        assert_eq!(f.due_within, Some(120));
        assert_eq!(f.breached, Some(false));
        assert_eq!(f.sla, ["gold"]);
        assert_eq!(f.channel, ["phone"]);
        for bad in ["due<soon", "due>", "breached:maybe"] {
            assert!(TicketFilter::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn custom_field_terms() {
        let f = TicketFilter::parse(
            r#"field:"Contract"=A-123 field:devices>=3 field:"Sign-up date"<2026-01-01 FIELD:colour="Dark red""#,
        )
        .unwrap();
        let term = |field: &str, op, value: &str| FieldTerm { field: field.into(), op, value: value.into() };
        assert_eq!(
            f.fields,
            [
                term("contract", FieldOp::Eq, "a-123"),
                term("devices", FieldOp::Ge, "3"),
                term("sign-up date", FieldOp::Lt, "2026-01-01"),
                term("colour", FieldOp::Eq, "dark red"),
            ]
        );
        assert!(f.text.is_empty());
        assert_eq!(TicketFilter::parse(&f.to_query()).unwrap(), f);
        for bad in ["field:Contract", "field:\"Contract=A", "field:=3", "field:devices>", "field:\"\"=1"] {
            assert!(TicketFilter::parse(bad).is_err(), "{bad:?}");
        }
        let many: Vec<String> = (0..11).map(|n| format!("field:f{n}=1")).collect();
        assert!(TicketFilter::parse(&many.join(" ")).is_err());
    }

    /// Found by fuzzing (fuzz/ `search_query`): filters whose canonical text did not read back.
    #[test]
    fn quotes_and_operators_inside_values_round_trip() {
        for q in [
            // A quote inside a value: `to_query` wrote an odd number of quotes.
            r#"sla:gold sla:"premium su&psla:gold sla:"premium su&port" channel:emaie<3hort" due>0d29m"#,
            r#"field:na"me=x field:a"b c"=1 tag:a"b"#,
            // A value that starts with an operator: `field:x>` then `=i` read back as `>=` and `i`.
            r#"field:de""fievices>""""=i"" field:x<"<3" field:y="=""#,
        ] {
            let f = TicketFilter::parse(q).unwrap();
            assert_eq!(TicketFilter::parse(&f.to_query()), Ok(f.clone()), "{q} → {}", f.to_query());
        }
        // A capital that lower-cases to a letter and a combining mark.
        let f = TicketFilter::parse("usİpen Đped").unwrap();
        assert_eq!(f.text, [TextTerm { phrase: true, ..word("usi pen") }, word("đped")]);
        assert_eq!(TicketFilter::parse(&f.to_query()), Ok(f));
        // Typed within the limit, but its canonical text (quoted phrases) would not be.
        let tags: Vec<String> = (0..38).map(|n| format!("tag:t{n:03}")).collect();
        let long = ["e-mail"; 20].join(" ") + " " + &tags.join(" ");
        assert!(long.chars().count() <= QUERY_MAX_CHARS);
        assert!(TicketFilter::parse(&long).is_err());
        let f = TicketFilter::parse(r#"field:x>"=i" sla:"a b"c"#).unwrap();
        assert_eq!(f.fields, [FieldTerm { field: "x".into(), op: FieldOp::Gt, value: "=i".into() }]);
        assert_eq!(f.sla, ["a bc"]);
    }

    #[test]
    fn negation_alone_is_not_text_to_rank() {
        assert!(!TicketFilter::parse("-spam").unwrap().has_text());
    }
}
