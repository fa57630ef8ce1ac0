//! W8 and W9, the knowledge base's workloads: what the new-request form sends for suggestions
//! after a pause in a customer's typing, and the help center pages anonymous readers open, over
//! the addresses the help center's sitemap lists (its public categories and articles).

use anyhow::{Context, bail};
use reqwest::Client;

use seed::bench::{self, Rng, text};

/// The help center's public addresses (paths such as `/help/connectivity/...`).
pub struct HelpCenter {
    pub categories: Vec<String>,
    pub articles: Vec<String>,
}

impl HelpCenter {
    /// Reads `/sitemap.xml`: `/help`, then the categories (`/help/<category>`), then the articles.
    pub async fn read(base: &str) -> anyhow::Result<HelpCenter> {
        let res = Client::new().get(format!("{base}/sitemap.xml")).send().await.context("GET /sitemap.xml")?;
        if !res.status().is_success() {
            bail!("GET /sitemap.xml: {}", res.status());
        }
        let xml = res.text().await?;
        let mut help = HelpCenter { categories: Vec::new(), articles: Vec::new() };
        for loc in xml.split("<loc>").skip(1).filter_map(|rest| rest.split_once("</loc>").map(|(loc, _)| loc)) {
            let Some(at) = loc.find("/help/") else { continue };
            let path = loc[at..].replace("&amp;", "&");
            match path.matches('/').count() {
                2 => help.categories.push(path),
                _ => help.articles.push(path),
            }
        }
        if help.categories.is_empty() || help.articles.is_empty() {
            bail!("the help center has no public articles (was the data set seeded with --articles 0?)");
        }
        Ok(help)
    }

    /// W9's next page, as (kind, path): 10% the home page, 15% a category, 55% an article, 20% a
    /// search (half for one of the rare keywords, half for a product and a word of a problem).
    pub fn next_page(&self, rng: &mut Rng) -> (&'static str, String) {
        match rng.below(100) {
            0..10 => ("home", "/help".to_owned()),
            10..25 => ("category", rng.pick(&self.categories).clone()),
            25..80 => ("article", rng.pick(&self.articles).clone()),
            _ => {
                let q = if rng.chance(0.5) {
                    bench::keyword(rng.below(bench::KEYWORDS as u64) as usize)
                } else {
                    let (product, problem) = text::problem(rng);
                    let word = text::problem_words(problem).split(' ').find(|w| w.len() > 3).unwrap_or_default();
                    format!("{} {word}", text::product_name(product).to_lowercase())
                };
                ("search", format!("/help/search?q={}", q.replace(' ', "+")))
            }
        }
    }
}

/// What the new-request form sends after a pause in typing: a subject about one of the desk's
/// product problems and as much of the description as has been typed (from nothing to all of
/// it, the last word possibly cut short).
pub fn typed_request(rng: &mut Rng) -> (String, String) {
    let (product, problem) = text::problem(rng);
    let subject = text::subject_of(product, problem);
    let description = text::description(rng, &[]);
    let typed = rng.below(description.len() as u64 + 1) as usize;
    let cut = (0..=typed).rev().find(|i| description.is_char_boundary(*i)).unwrap_or(0);
    (subject, description[..cut].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_mix_and_requests_are_typed_text() {
        let help = HelpCenter {
            categories: vec!["/help/connectivity".into()],
            articles: vec!["/help/connectivity/vpn-client-stopped-working".into()],
        };
        let mut rng = Rng::new(1);
        let kinds: Vec<&str> = (0..1_000).map(|_| help.next_page(&mut rng).0).collect();
        for kind in ["home", "category", "article", "search"] {
            assert!(kinds.contains(&kind), "{kind}");
        }
        let searches: Vec<String> =
            (0..200).map(|_| help.next_page(&mut rng)).filter(|(k, _)| *k == "search").map(|(_, p)| p).collect();
        assert!(searches.iter().all(|p| p.starts_with("/help/search?q=") && !p.contains(' ')), "{searches:?}");
        let (subject, body) = typed_request(&mut rng);
        assert!(!subject.is_empty() && body.len() < 900);
    }
}
