//! The generated words of the benchmark desk: a small deterministic random source, the 100
//! search keywords, subjects and message bodies of realistic length.

/// SplitMix64: tiny, fast and good enough to spread benchmark data; seeded per ticket, so any
/// ticket can be regenerated on its own and the same seed always gives the same desk. The load
/// harness draws its requests from it too.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// How many search keywords the benchmark desk has; each is in about 1% of tickets.
pub const KEYWORDS: usize = 100;

const SYLLABLES: [&str; 10] = ["ba", "ko", "ri", "tu", "me", "sa", "lo", "ni", "fe", "du"];

/// The `k`-th search keyword (`k` < 100): a made-up word such as `bakoven`, so it appears in
/// exactly the tickets the seed put it in and nowhere else.
pub fn keyword(k: usize) -> String {
    let k = k % KEYWORDS;
    format!("{}{}ven", SYLLABLES[k / 10], SYLLABLES[k % 10])
}

const PRODUCTS: [&str; 12] = [
    "VPN client",
    "invoice export",
    "mobile app",
    "single sign-on",
    "reporting dashboard",
    "billing portal",
    "email integration",
    "API gateway",
    "user directory",
    "backup job",
    "printer queue",
    "calendar sync",
];

const PROBLEMS: [&str; 10] = [
    "fails after the update",
    "is very slow since Monday",
    "shows an error on sign-in",
    "stopped working",
    "gives the wrong totals",
    "times out for large accounts",
    "needs a new licence",
    "loses settings on restart",
    "cannot be reached from the office",
    "sends duplicate notifications",
];

const SENTENCES: [&str; 16] = [
    "We noticed this first thing in the morning when the team tried to start work.",
    "It happens on every machine we tried, both on the office network and from home.",
    "Restarting the application helps for a few minutes, then the problem comes back.",
    "Our finance department depends on this for the month-end close, so it is urgent for us.",
    "I attached nothing yet, but I can send screenshots and logs if that helps you.",
    "The error message says that the request could not be completed and to try again later.",
    "Nothing changed on our side as far as I know, apart from the usual weekly updates.",
    "Two colleagues report the same thing, and one of them is on a brand new laptop.",
    "Could you please look into it and tell us whether there is a workaround for now?",
    "We are on the business plan and the account was renewed last month without issues.",
    "The issue started right after we changed the password policy for all our users.",
    "When we use the web version instead, everything seems to behave normally again.",
    "I already cleared the cache, reinstalled the client and checked the firewall rules.",
    "Please call me back if that is easier; I am at my desk until five this afternoon.",
    "This blocks about a dozen people, so we would be grateful for a quick answer today.",
    "Let me know which version numbers or settings you need and I will collect them.",
];

const REPLIES: [&str; 8] = [
    "Thank you for the detailed report, it helps a lot.",
    "I have reproduced the problem on our side and passed it to the engineering team.",
    "As a workaround, please sign out, clear the saved credentials and sign in again.",
    "We deployed a fix this morning; could you confirm that it works for you now?",
    "I have reset the configuration of your account to the defaults.",
    "The licence has been extended, and the change is effective immediately.",
    "Could you send us the exact time it last happened, so we can check our logs?",
    "I will keep this request open until you confirm that everything works again.",
];

/// The category (an index into the categories by name: Account, Billing, General, Technical)
/// and the priority (an index into the priorities by rank: Low, Normal, High, Urgent) that a
/// problem usually gets: desks file alike problems alike, which the suggested category and
/// priority learn from.
const TYPICAL: [(usize, usize); 10] = [(3, 1), (3, 1), (0, 2), (3, 3), (1, 1), (3, 2), (1, 0), (2, 1), (2, 3), (2, 1)];

/// The usual category and priority indexes of problem `problem`.
pub fn typical(problem: usize) -> (usize, usize) {
    TYPICAL[problem % TYPICAL.len()]
}

/// How many products and problems subjects are made of (`problem` draws below them).
pub const PRODUCT_COUNT: usize = PRODUCTS.len();
pub const PROBLEM_COUNT: usize = PROBLEMS.len();

/// The name of product `product`, as subjects spell it ("VPN client").
pub fn product_name(product: usize) -> &'static str {
    PRODUCTS[product % PRODUCTS.len()]
}

/// What goes wrong in problem `problem`, as subjects say it ("stopped working").
pub fn problem_words(problem: usize) -> &'static str {
    PROBLEMS[problem % PROBLEMS.len()]
}

/// `text` with its first letter in upper case ("Invoice export").
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn subject(rng: &mut Rng) -> String {
    let (product, problem) = problem(rng);
    subject_of(product, problem)
}

/// A product and a problem with it, as indexes: two tickets with the same pair report the same
/// problem (the duplicate detector's labelled pairs are drawn this way).
pub fn problem(rng: &mut Rng) -> (usize, usize) {
    (rng.below(PRODUCTS.len() as u64) as usize, rng.below(PROBLEMS.len() as u64) as usize)
}

/// The subject of a product's problem.
pub fn subject_of(product: usize, problem: usize) -> String {
    format!("{} {}", PRODUCTS[product % PRODUCTS.len()], PROBLEMS[problem % PROBLEMS.len()])
}

/// A customer's description of about 700 bytes, with the given keywords woven in.
pub fn description(rng: &mut Rng, keywords: &[String]) -> String {
    let mut text = String::with_capacity(760);
    let mut pending = keywords.iter();
    while text.len() < 640 {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(rng.pick::<&str>(&SENTENCES));
        if let Some(word) = pending.next() {
            text.push_str(" Reference: ");
            text.push_str(word);
            text.push('.');
        }
    }
    for word in pending {
        text.push_str(" Reference: ");
        text.push_str(word);
        text.push('.');
    }
    text
}

/// An agent's reply of a few sentences.
pub fn reply(rng: &mut Rng) -> String {
    let mut text = String::from("Hello,\n\n");
    for _ in 0..3 + rng.below(3) {
        text.push_str(rng.pick::<&str>(&REPLIES));
        text.push(' ');
    }
    text.push_str("\n\nKind regards");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_distinct_and_absent_from_the_other_text() {
        let words: std::collections::HashSet<String> = (0..KEYWORDS).map(keyword).collect();
        assert_eq!(words.len(), KEYWORDS);
        let other = [&SENTENCES[..], &REPLIES[..], &PRODUCTS[..], &PROBLEMS[..]].concat().join(" ").to_lowercase();
        for word in &words {
            assert!(!other.contains(word.as_str()), "{word}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_text() {
        let a = description(&mut Rng::new(7), &[keyword(3)]);
        let b = description(&mut Rng::new(7), &[keyword(3)]);
        assert_eq!(a, b);
        assert!(a.contains(&keyword(3)));
        assert!((640..900).contains(&a.len()), "{}", a.len());
        assert_ne!(a, description(&mut Rng::new(8), &[keyword(3)]));
    }
}
