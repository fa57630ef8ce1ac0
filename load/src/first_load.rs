//! A page's first load in a browser with an empty cache: the page, then every stylesheet, script,
//! icon and preloaded file it references, each asked for as a browser asks (`Accept-Encoding: br,
//! gzip`). For each: the bytes as served (the site build's `.br` copies for its files; pages go
//! out uncompressed), its raw size, and its brotli size (what a compressing proxy in front would
//! send for a page).

use anyhow::Context;
use reqwest::{Client, header};
use std::io::Write;

/// One file of a first load.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub path: String,
    pub status: u16,
    /// `br`, `gzip` or `identity`.
    pub encoding: String,
    pub served: u64,
    pub raw: u64,
    pub brotli: u64,
}

/// A page and the files it references.
#[derive(Debug, Clone)]
pub struct FirstLoad {
    pub name: &'static str,
    pub files: Vec<Fetched>,
}

impl FirstLoad {
    /// Bytes over the wire, as served.
    pub fn served(&self) -> u64 {
        self.files.iter().map(|f| f.served).sum()
    }

    /// Bytes over the wire with every file compressed: as served when it was, else its brotli size.
    pub fn compressed(&self) -> u64 {
        self.files.iter().map(|f| if f.encoding == "identity" { f.brotli } else { f.served }).sum()
    }

    /// Referenced files the server did not serve (no built site, say).
    pub fn missing(&self) -> Vec<&str> {
        self.files.iter().filter(|f| !(200..300).contains(&f.status)).map(|f| f.path.as_str()).collect()
    }
}

/// The first load of `path` with `client` (signed in or not).
pub async fn measure(client: &Client, base: &str, name: &'static str, path: &str) -> anyhow::Result<FirstLoad> {
    let (page, html) = fetch(client, base, path).await?;
    let mut files = vec![page];
    for reference in references(&String::from_utf8_lossy(&html)) {
        files.push(fetch(client, base, &reference).await?.0);
    }
    Ok(FirstLoad { name, files })
}

/// Asks for `path` as a browser does, then once more uncompressed for its raw bytes.
async fn fetch(client: &Client, base: &str, path: &str) -> anyhow::Result<(Fetched, Vec<u8>)> {
    let url = format!("{base}{path}");
    let res = client.get(&url).header(header::ACCEPT_ENCODING, "br, gzip").send().await.context(url.clone())?;
    let status = res.status().as_u16();
    let encoding =
        res.headers().get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("identity").to_owned();
    let served = res.bytes().await.context(url.clone())?.len() as u64;
    let raw = client.get(&url).header(header::ACCEPT_ENCODING, "identity").send().await.context(url.clone())?;
    let raw = raw.bytes().await.context(url)?.to_vec();
    let fetched =
        Fetched { path: path.to_owned(), status, encoding, served, raw: raw.len() as u64, brotli: brotli_size(&raw) };
    Ok((fetched, raw))
}

/// The brotli size at the site build's setting (quality 11).
fn brotli_size(bytes: &[u8]) -> u64 {
    let mut out = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
    if out.write_all(bytes).is_err() {
        return bytes.len() as u64;
    }
    out.into_inner().len() as u64
}

/// The same-site files a page makes the browser fetch: `<link>` stylesheets, icons and
/// (module) preloads, and `<script src>`, in order, each once.
fn references(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (tag, attribute) in [("<link ", "href"), ("<script ", "src")] {
        for start in html.match_indices(tag).map(|(i, _)| i) {
            let Some(end) = html[start..].find('>') else { continue };
            let element = &html[start..start + end];
            if tag == "<link " {
                let rel = attribute_of(element, "rel").unwrap_or_default();
                if !["stylesheet", "icon", "modulepreload", "preload"].iter().any(|r| rel.split(' ').any(|x| x == *r)) {
                    continue;
                }
            }
            if let Some(path) = attribute_of(element, attribute).filter(|p| p.starts_with('/') && !p.starts_with("//"))
                && !found.contains(&path)
            {
                found.push(path);
            }
        }
    }
    found
}

fn attribute_of(element: &str, name: &str) -> Option<String> {
    let at = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &element[at..];
    Some(value[..value.find('"')?].replace("&amp;", "&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_references_its_stylesheet_scripts_and_wasm() {
        let html = r#"<head><link rel="stylesheet" href="/pkg/docket.css"/><link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
            <link rel="modulepreload" href="/pkg/docket.js"><link rel="preload" href="/pkg/docket_bg.wasm" as="fetch">
            <link rel="canonical" href="/help/a/b"><script src="/pkg/docket.js"></script><script>inline()</script></head>"#;
        assert_eq!(references(html), ["/pkg/docket.css", "/favicon.svg", "/pkg/docket.js", "/pkg/docket_bg.wasm"]);
        assert!(brotli_size(&[b'a'; 10_000]) < 100);
    }
}
