//! Words of a request as weights, for comparing requests: lower-cased, stop words and short
//! words left out, each word stemmed (Snowball English: "disconnects" and "disconnecting" meet),
//! subject words counting double; and the cosine of two such weightings. Pure.

use crate::kb::search::STOP_WORDS;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// How much a word of the subject counts against one of the body.
const SUBJECT_WEIGHT: f32 = 2.0;
/// Words read from a body at most (a long thread adds little once the problem is named).
const BODY_WORDS: usize = 400;

/// Stemmed words and their weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms(HashMap<String, f32>);

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()) && !EXTRA_STOP_WORDS.contains(&w.as_str()))
}

/// Words that say nothing about which problem it is, beyond the search's stop words.
const EXTRA_STOP_WORDS: &[&str] = &[
    "hi",
    "team",
    "issue",
    "problem",
    "question",
    "ticket",
    "request",
    "support",
    "again",
    "today",
    "yesterday",
    "morning",
    "anyone",
    "someone",
    "something",
    "anything",
    "everything",
    "know",
    "think",
    "seems",
    "like",
    "really",
    "tried",
    "trying",
    "try",
    "work",
    "working",
    "works",
    "our",
    "we",
    "i",
    "im",
    "can't",
    "cannot",
];

impl Terms {
    /// The weights of a request's subject and body.
    pub fn of(subject: &str, body: &str) -> Terms {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut weights: HashMap<String, f32> = HashMap::new();
        for w in words(subject) {
            *weights.entry(stemmer.stem(&w).into_owned()).or_default() += SUBJECT_WEIGHT;
        }
        for w in words(body).take(BODY_WORDS) {
            *weights.entry(stemmer.stem(&w).into_owned()).or_default() += 1.0;
        }
        Terms(weights)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The cosine of the two weightings, from 0 (no word in common) to 1 (the same words in the
    /// same proportions). A word counts by the square root of its weight (so one repeated word
    /// cannot carry a match alone) times its rarity on the desk (`idf`), so that the sentences
    /// everyone writes ("it is urgent", "please call me back") tell nothing apart.
    pub fn similarity(&self, other: &Terms, idf: &Idf) -> f32 {
        fn weigh<'a>(t: &'a Terms, idf: &Idf) -> HashMap<&'a str, f32> {
            t.0.iter().map(|(k, w)| (k.as_str(), w.sqrt() * idf.weight(k))).collect()
        }
        let (a, b) = (weigh(self, idf), weigh(other, idf));
        let norm = |v: &HashMap<&str, f32>| v.values().map(|w| w * w).sum::<f32>().sqrt();
        let (na, nb) = (norm(&a), norm(&b));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let (small, large) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
        let dot: f32 = small.iter().filter_map(|(k, w)| large.get(k).map(|v| w * v)).sum();
        dot / (na * nb)
    }
}

/// How rare each word is among the desk's requests: `ln((n + 1) / (df + 1)) + 1` for a word in
/// `df` of `n` requests (a word in every request still weighs 1, so a young desk with a handful
/// of requests compares words plainly); a word never seen weighs most. Without documents every word weighs 1.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    documents: f32,
    counts: HashMap<String, u32>,
}

impl Idf {
    pub fn from_documents<'a>(documents: impl IntoIterator<Item = &'a Terms>) -> Idf {
        let mut idf = Idf::default();
        for d in documents {
            idf.documents += 1.0;
            for k in d.0.keys() {
                *idf.counts.entry(k.clone()).or_default() += 1;
            }
        }
        idf
    }

    pub fn weight(&self, stem: &str) -> f32 {
        if self.documents == 0.0 {
            return 1.0;
        }
        let df = self.counts.get(stem).copied().unwrap_or(0) as f32;
        ((self.documents + 1.0) / (df + 1.0)).ln() + 1.0
    }

    pub fn documents(&self) -> usize {
        self.documents as usize
    }
}

#[cfg(test)]
mod tests {
    use super::{Idf, Terms};

    #[test]
    fn same_problem_in_other_words_scores_higher_than_another_problem() {
        let vpn = Terms::of("VPN keeps disconnecting", "Since Monday the VPN drops every hour and I sign in again.");
        let same = Terms::of("VPN disconnects every hour", "The VPN connection drops hourly, I have to sign in.");
        let other = Terms::of("Invoice shows the wrong VAT number", "Please reissue last month's invoice.");
        let flat = Idf::default();
        assert!(vpn.similarity(&same, &flat) > 0.4, "{}", vpn.similarity(&same, &flat));
        assert!(vpn.similarity(&other, &flat) < 0.05, "{}", vpn.similarity(&other, &flat));
        assert!((vpn.similarity(&vpn, &flat) - 1.0).abs() < 1e-5);
        assert_eq!(Terms::of("", "the and of").similarity(&vpn, &flat), 0.0);
    }

    #[test]
    fn words_every_request_has_count_less() {
        let a = Terms::of("Printer jams", "urgent, call me back");
        let b = Terms::of("Badge reader dead", "urgent, call me back");
        let corpus: Vec<Terms> = (0..20).map(|i| Terms::of(&format!("thing{i}"), "urgent, call me back")).collect();
        let idf = Idf::from_documents(&corpus);
        assert!(a.similarity(&b, &idf) < a.similarity(&b, &Idf::default()));
        assert!(idf.weight("urgent") < idf.weight("printer"));
    }
}
