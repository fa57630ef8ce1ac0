//! A ticket's words as the model reads them: lower-cased, stemmed (English), words of fewer than
//! three letters left out, the subject counted twice, each word hashed (FNV-1a) into one of `DIM`
//! counters. Hashing keeps the model a fixed size whatever the desk's vocabulary. Pure.

use ndarray::Array2;
use rust_stemmers::{Algorithm, Stemmer};

/// Counters per ticket.
pub const DIM: usize = 4096;

fn hash(word: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in word.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % DIM as u64) as usize
}

/// The counters a ticket sets, as (index, count), sorted by index.
pub fn features(stemmer: &Stemmer, subject: &str, body: &str) -> Vec<(u16, f32)> {
    let mut counts = std::collections::BTreeMap::<usize, f32>::new();
    for (text, weight) in [(subject, 2.0), (body, 1.0)] {
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3) {
            *counts.entry(hash(&stemmer.stem(&word.to_lowercase()))).or_default() += weight;
        }
    }
    counts.into_iter().map(|(i, n)| (u16::try_from(i).unwrap_or(0), n)).collect()
}

pub fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// Rows of counters as a dense matrix (a batch: a few hundred rows at a time).
pub fn dense(rows: &[&[(u16, f32)]]) -> Array2<f32> {
    let mut x = Array2::<f32>::zeros((rows.len(), DIM));
    for (r, row) in rows.iter().enumerate() {
        for &(i, n) in row.iter() {
            x[[r, usize::from(i)]] = n;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_weighs_the_subject_and_skips_short_words() {
        let s = stemmer();
        let one = features(&s, "Invoices", "an invoice is wrong");
        let invoice = hash("invoic");
        assert_eq!(one.iter().find(|(i, _)| usize::from(*i) == invoice).map(|(_, n)| *n), Some(3.0));
        assert!(!one.iter().any(|(i, _)| usize::from(*i) == hash("an")), "two letters are left out");
        assert_eq!(dense(&[&one]).sum(), one.iter().map(|(_, n)| n).sum::<f32>());
    }
}
