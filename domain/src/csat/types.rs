//! Wasm-safe vocabulary of satisfaction surveys (CSAT): the scales (2-point or 5-point) and the
//! words of each rating, the admin's settings, and the views of a survey on a ticket and on the
//! rating page.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const QUESTION_MAX_CHARS: usize = 200;
pub const COMMENT_MAX_CHARS: usize = 2_000;
/// The longest an admin may wait after solving before asking.
pub const DELAY_MAX_HOURS: u32 = 720;
pub const DEFAULT_QUESTION: &str = "How would you rate the support you received?";

/// How many points a rating has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Bad or good.
    Two,
    /// Very poor to excellent.
    #[default]
    Five,
}

impl Scale {
    pub fn points(self) -> u8 {
        match self {
            Scale::Two => 2,
            Scale::Five => 5,
        }
    }

    pub fn parse(text: &str) -> Option<Scale> {
        match text.trim() {
            "2" | "two" => Some(Scale::Two),
            "5" | "five" => Some(Scale::Five),
            _ => None,
        }
    }

    /// The words of a rating, best last.
    pub fn label(self, rating: u8) -> &'static str {
        match (self, rating) {
            (Scale::Two, 1) => "Bad",
            (Scale::Two, _) => "Good",
            (Scale::Five, 1) => "Very poor",
            (Scale::Five, 2) => "Poor",
            (Scale::Five, 3) => "Okay",
            (Scale::Five, 4) => "Good",
            (Scale::Five, _) => "Excellent",
        }
    }

    /// Every rating with its words, worst first.
    pub fn choices(self) -> Vec<(u8, &'static str)> {
        (1..=self.points()).map(|r| (r, self.label(r))).collect()
    }

    /// Whether a rating counts as satisfied (the top of the scale: good, or 4 and 5).
    pub fn satisfied(self, rating: u8) -> bool {
        match self {
            Scale::Two => rating == 2,
            Scale::Five => rating >= 4,
        }
    }
}

/// The admin's survey settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsatSettings {
    pub enabled: bool,
    pub question: String,
    pub scale: Scale,
    /// Hours after solving before the customer is asked; 0 asks in the solved mail itself.
    pub delay_hours: u32,
}

impl Default for CsatSettings {
    fn default() -> Self {
        CsatSettings { enabled: true, question: DEFAULT_QUESTION.to_owned(), scale: Scale::Five, delay_hours: 0 }
    }
}

/// A ticket's survey, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsatView {
    pub question: String,
    pub scale: Scale,
    pub rating: Option<u8>,
    pub comment: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    /// Whether the customer is asked yet (the admin's delay after solving has passed).
    pub due: bool,
}

impl CsatView {
    pub fn rating_label(&self) -> Option<&'static str> {
        self.rating.map(|r| self.scale.label(r))
    }
}

/// What the rating page (opened from the mail's link) shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingPage {
    /// The ticket's reference and subject.
    pub ticket: String,
    pub survey: CsatView,
}

/// Reads a rating as a form sends it: blank for none.
pub fn parse_rating(text: Option<&str>) -> Result<Option<u8>, String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse::<u8>().map(Some).map_err(|_| "Choose one of the ratings".to_owned()),
    }
}

/// Checks a rating against its scale.
pub fn check_rating(scale: Scale, rating: u8) -> Result<u8, String> {
    if (1..=scale.points()).contains(&rating) {
        Ok(rating)
    } else {
        Err(format!("Choose a rating from 1 to {}", scale.points()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_and_their_words() {
        assert_eq!(Scale::Two.choices(), [(1, "Bad"), (2, "Good")]);
        assert_eq!(Scale::Five.choices().len(), 5);
        assert_eq!(Scale::Five.label(5), "Excellent");
        assert!(Scale::Five.satisfied(4) && !Scale::Five.satisfied(3));
        assert!(Scale::Two.satisfied(2) && !Scale::Two.satisfied(1));
        assert_eq!(check_rating(Scale::Two, 2), Ok(2));
        assert!(check_rating(Scale::Two, 3).is_err() && check_rating(Scale::Five, 0).is_err());
        assert_eq!(Scale::parse("2"), Some(Scale::Two));
        assert_eq!(Scale::parse("7"), None);
        assert_eq!(parse_rating(Some(" 4 ")), Ok(Some(4)));
        assert_eq!(parse_rating(Some("")), Ok(None));
        assert!(parse_rating(Some("four")).is_err());
    }
}
