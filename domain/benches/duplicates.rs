//! Benchmark (not a test) of duplicate detection: how well "looks like the same problem"
//! (`similar::words::Terms::similarity` at `similar::tickets::SAME_PROBLEM`) separates requests
//! that are the same problem from those that are not, on two labelled sets of pairs:
//!
//! 1. `benches/data/duplicate_requests.txt`: the demo desk's stories, each told three or four
//!    ways by hand (same group: same problem; the hard negatives are groups about the same
//!    product with another problem).
//! 2. The benchmark desk's generator (`seed::bench::text`): a product and a problem make the
//!    subject, the description is drawn from shared sentences; same product and problem: same
//!    problem.
//!
//! Prints precision and recall at the threshold, a sweep of thresholds, and the time per
//! comparison.
//!
//!     cargo bench -p domain --features testing --bench duplicates

use domain::similar::{
    tickets::SAME_PROBLEM,
    words::{Idf, Terms},
};
use seed::bench::text::{self, Rng};
use std::time::Instant;

/// One request of a labelled set: its group (same group, same problem) and its words.
struct Request {
    group: String,
    terms: Terms,
}

fn hand_written() -> Vec<Request> {
    let data = include_str!("data/duplicate_requests.txt");
    let mut group = String::new();
    let mut out = Vec::new();
    for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("# ")) {
        if let Some(name) = line.strip_prefix("## ") {
            group = name.to_owned();
            continue;
        }
        let (subject, body) = line.split_once(" | ").unwrap_or((line, ""));
        out.push(Request { group: group.clone(), terms: Terms::of(subject, body) });
    }
    out
}

fn generated(n: usize) -> Vec<Request> {
    let mut rng = Rng::new(17);
    (0..n)
        .map(|_| {
            let (product, problem) = text::problem(&mut rng);
            let body = text::description(&mut rng, &[]);
            Request {
                group: format!("{product}/{problem}"),
                terms: Terms::of(&text::subject_of(product, problem), &body),
            }
        })
        .collect()
}

/// Every pair's similarity and whether it is the same problem.
fn pairs(requests: &[Request], idf: &Idf) -> Vec<(f32, bool)> {
    let mut out = Vec::new();
    for (i, a) in requests.iter().enumerate() {
        for b in &requests[i + 1..] {
            out.push((a.terms.similarity(&b.terms, idf), a.group == b.group));
        }
    }
    out
}

/// Precision and recall of "similarity ≥ threshold means the same problem".
fn score(pairs: &[(f32, bool)], threshold: f32) -> (f64, f64, usize, usize) {
    let predicted = pairs.iter().filter(|(s, _)| *s >= threshold).count();
    let correct = pairs.iter().filter(|(s, same)| *s >= threshold && *same).count();
    let same = pairs.iter().filter(|(_, same)| *same).count();
    let precision = if predicted == 0 { 1.0 } else { correct as f64 / predicted as f64 };
    let recall = if same == 0 { 1.0 } else { correct as f64 / same as f64 };
    (precision, recall, same, pairs.len() - same)
}

/// The labelled pairs scored with word rarity learnt from `corpus` (the desk's own requests).
fn report(name: &str, requests: &[Request], corpus: &[Request]) {
    let idf = Idf::from_documents(corpus.iter().map(|r| &r.terms));
    let pairs = pairs(requests, &idf);
    let (precision, recall, same, different) = score(&pairs, SAME_PROBLEM);
    println!(
        "{name}: {} requests, {same} same-problem pairs, {different} other pairs; at {SAME_PROBLEM:.2}: \
         precision {:.1}%, recall {:.1}%",
        requests.len(),
        precision * 100.0,
        recall * 100.0
    );
    let sweep: Vec<String> = [0.15f32, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6]
        .iter()
        .map(|&t| {
            let (p, r, _, _) = score(&pairs, t);
            format!("{t:.2}: P {:.0}% R {:.0}%", p * 100.0, r * 100.0)
        })
        .collect();
    println!("  sweep  {}", sweep.join(" | "));
    let (precision, recall) = as_customers_see_it(requests, &idf);
    println!(
        "  as a customer sees it (a new request against 3 other open tickets, half the time with \
         one of the same problem): precision {:.1}%, recall {:.1}%",
        precision * 100.0,
        recall * 100.0
    );
}

/// Each request against a small pool like a customer's open tickets: three requests about
/// other problems and, every other time, one about the same problem; the suggestions are the
/// pool's requests at or above the threshold. Precision and recall of those suggestions.
fn as_customers_see_it(requests: &[Request], idf: &Idf) -> (f64, f64) {
    let mut rng = Rng::new(5);
    let (mut suggested, mut right, mut present) = (0usize, 0usize, 0usize);
    for (i, r) in requests.iter().enumerate() {
        let others: Vec<&Request> = requests.iter().filter(|o| o.group != r.group).collect();
        let same: Vec<&Request> =
            requests.iter().enumerate().filter(|(j, o)| *j != i && o.group == r.group).map(|(_, o)| o).collect();
        let mut pool: Vec<&Request> = (0..3).map(|_| *rng.pick(&others)).collect();
        if !same.is_empty() && rng.chance(0.5) {
            pool.push(*rng.pick(&same));
            present += 1;
        }
        for candidate in pool {
            if r.terms.similarity(&candidate.terms, idf) >= SAME_PROBLEM {
                suggested += 1;
                right += usize::from(candidate.group == r.group);
            }
        }
    }
    let precision = if suggested == 0 { 1.0 } else { right as f64 / suggested as f64 };
    let recall = if present == 0 { 1.0 } else { right as f64 / present as f64 };
    (precision, recall)
}

fn main() {
    let hand = hand_written();
    let generated = generated(400);
    // The demo desk's requests are the hand-written ones; the benchmark desk's, 2,000 generated.
    report("hand-written (demo stories)", &hand, &hand);
    report("generated (benchmark desk)", &generated, &self::generated(2_000));

    // What one comparison costs: a new request against a customer's open tickets.
    let started = Instant::now();
    let mut sum = 0.0f32;
    let rounds = 200;
    let idf = Idf::from_documents(generated.iter().map(|r| &r.terms));
    for _ in 0..rounds {
        let request = Terms::of("VPN keeps disconnecting", "Since Monday the VPN drops every hour.");
        for other in &generated {
            sum += request.similarity(&other.terms, &idf);
        }
    }
    let per = started.elapsed().as_secs_f64() * 1e9 / (rounds * generated.len()) as f64;
    println!("comparison: {per:.0} ns each (checksum {sum:.1})");
}
