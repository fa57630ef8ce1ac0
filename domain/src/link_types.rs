//! Wasm-safe vocabulary of ticket links: how one ticket relates to another as stored, as seen
//! from either side, and the read model of a ticket's links, followers and merge pointer.

use crate::ticket_types::{OptionView, StatusView};
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// A link as stored, read as "ticket <kind> other ticket".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    #[cfg_attr(feature = "server", sea_orm(string_value = "related"))]
    Related,
    #[cfg_attr(feature = "server", sea_orm(string_value = "duplicate_of"))]
    DuplicateOf,
    /// The other ticket is the parent.
    #[cfg_attr(feature = "server", sea_orm(string_value = "child_of"))]
    ChildOf,
    #[cfg_attr(feature = "server", sea_orm(string_value = "merged_into"))]
    MergedInto,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [Self::Related, Self::DuplicateOf, Self::ChildOf, Self::MergedInto];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Related => "related",
            Self::DuplicateOf => "duplicate_of",
            Self::ChildOf => "child_of",
            Self::MergedInto => "merged_into",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How the other ticket relates to the one on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    RelatedTo,
    DuplicateOf,
    HasDuplicate,
    /// The other ticket is this one's parent.
    Parent,
    /// The other ticket is a child of this one.
    Child,
    MergedInto,
    MergedFrom,
}

impl Relation {
    pub const ALL: [Relation; 7] = [
        Self::RelatedTo,
        Self::DuplicateOf,
        Self::HasDuplicate,
        Self::Parent,
        Self::Child,
        Self::MergedInto,
        Self::MergedFrom,
    ];

    /// The relations an agent may add by hand; merges are made by merging.
    pub const ADDABLE: [Relation; 5] =
        [Self::RelatedTo, Self::DuplicateOf, Self::HasDuplicate, Self::Parent, Self::Child];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RelatedTo => "related_to",
            Self::DuplicateOf => "duplicate_of",
            Self::HasDuplicate => "has_duplicate",
            Self::Parent => "parent",
            Self::Child => "child",
            Self::MergedInto => "merged_into",
            Self::MergedFrom => "merged_from",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// As a sentence fragment before a reference: "duplicate of DKT-9".
    pub fn label(self) -> &'static str {
        match self {
            Self::RelatedTo => "related to",
            Self::DuplicateOf => "duplicate of",
            Self::HasDuplicate => "has duplicate",
            Self::Parent => "child of",
            Self::Child => "parent of",
            Self::MergedInto => "merged into",
            Self::MergedFrom => "merged from",
        }
    }

    /// How an agent picks this relation, after "This ticket is".
    pub fn choice(self) -> &'static str {
        match self {
            Self::RelatedTo => "related to",
            Self::DuplicateOf => "a duplicate of",
            Self::HasDuplicate => "duplicated by",
            Self::Parent => "a child of",
            Self::Child => "the parent of",
            Self::MergedInto => "merged into",
            Self::MergedFrom => "merged from",
        }
    }

    /// The heading of the other ticket in a ticket's list of links.
    pub fn heading(self) -> &'static str {
        match self {
            Self::RelatedTo => "Related",
            Self::DuplicateOf => "Duplicate of",
            Self::HasDuplicate => "Duplicates",
            Self::Parent => "Parent",
            Self::Child => "Children",
            Self::MergedInto => "Merged into",
            Self::MergedFrom => "Merged from",
        }
    }

    /// The same link seen from the other ticket.
    pub fn inverse(self) -> Relation {
        match self {
            Self::RelatedTo => Self::RelatedTo,
            Self::DuplicateOf => Self::HasDuplicate,
            Self::HasDuplicate => Self::DuplicateOf,
            Self::Parent => Self::Child,
            Self::Child => Self::Parent,
            Self::MergedInto => Self::MergedFrom,
            Self::MergedFrom => Self::MergedInto,
        }
    }

    /// How to store this relation: the kind, and whether the ticket on screen is the link's
    /// first ticket (`ticket_id`) rather than its second (`other_ticket_id`).
    pub fn stored(self) -> (LinkKind, bool) {
        match self {
            Self::RelatedTo => (LinkKind::Related, true),
            Self::DuplicateOf => (LinkKind::DuplicateOf, true),
            Self::HasDuplicate => (LinkKind::DuplicateOf, false),
            Self::Parent => (LinkKind::ChildOf, true),
            Self::Child => (LinkKind::ChildOf, false),
            Self::MergedInto => (LinkKind::MergedInto, true),
            Self::MergedFrom => (LinkKind::MergedInto, false),
        }
    }

    /// The relation a stored link has for the ticket on screen.
    pub fn of_stored(kind: LinkKind, screen_is_first: bool) -> Relation {
        let relation = match kind {
            LinkKind::Related => Self::RelatedTo,
            LinkKind::DuplicateOf => Self::DuplicateOf,
            LinkKind::ChildOf => Self::Parent,
            LinkKind::MergedInto => Self::MergedInto,
        };
        if screen_is_first { relation } else { relation.inverse() }
    }
}

/// The ticket at the other end of a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedTicket {
    pub id: i64,
    pub reference: String,
    pub subject: String,
    pub status: StatusView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub id: i64,
    pub relation: Relation,
    pub ticket: LinkedTicket,
}

/// A ticket's links and followers. Customers get only `merged_into`, and only when they may
/// read the ticket it points to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRelations {
    pub links: Vec<LinkView>,
    pub followers: Vec<OptionView>,
    /// The caller follows this ticket.
    pub following: bool,
    pub merged_into: Option<LinkedTicket>,
    /// How many child tickets are still new, open or pending.
    pub open_children: usize,
    /// The caller may solve or close this ticket while its children are open.
    pub can_override_children: bool,
}

/// The ticket number in a reference as people type it: `DKT-1042`, `dkt-1042`, `#1042` or
/// `1042`. A prefix other than the desk's is refused.
pub fn parse_reference(input: &str, prefix: &str) -> Result<i64, &'static str> {
    const HINT: &str = "Enter a ticket reference like DKT-1042";
    let text = input.trim();
    let digits = match text.rsplit_once('-') {
        Some((given, digits)) if given.eq_ignore_ascii_case(prefix) => digits,
        Some(_) => return Err(HINT),
        None => text.strip_prefix('#').unwrap_or(text),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HINT);
    }
    digits.parse().map_err(|_| HINT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_store_and_read_back() {
        for relation in Relation::ALL {
            let (kind, first) = relation.stored();
            assert_eq!(Relation::of_stored(kind, first), relation, "{relation:?}");
            assert_eq!(Relation::of_stored(kind, !first), relation.inverse(), "{relation:?} from the other side");
            assert_eq!(relation.inverse().inverse(), relation);
            assert_eq!(Relation::parse(relation.as_str()), Some(relation));
        }
        for kind in LinkKind::ALL {
            assert_eq!(LinkKind::parse(kind.as_str()), Some(kind));
        }
        assert!(!Relation::ADDABLE.contains(&Relation::MergedInto));
    }

    #[test]
    fn references() {
        // (input, parsed)
        let table = [
            ("DKT-1042", Ok(1042)),
            (" dkt-7 ", Ok(7)),
            ("#1042", Ok(1042)),
            ("1042", Ok(1042)),
            ("ABC-1042", Err(())),
            ("DKT-", Err(())),
            ("DKT-12a", Err(())),
            ("", Err(())),
            ("-5", Err(())),
            ("DKT--5", Err(())),
            ("99999999999999999999", Err(())),
        ];
        for (input, parsed) in table {
            assert_eq!(parse_reference(input, "DKT").map_err(|_| ()), parsed, "{input:?}");
        }
    }
}
