//! Message bodies: `tickets::markdown::render` (pulldown-cmark, then ammonia, then an `alt` for
//! every image) on any text, and the mail HTML sanitiser `email::parse::sanitise` on the same
//! text read as HTML.
//! Checks: no panic; the output can run no script (no `<script` or other script-bearing tag, no
//! `on…=` or `style` attribute, no URL but a relative one or http, https and mailto); every
//! `<img>` that `render` gives has an `alt`; the mail sanitiser keeps no `<img>` at all.
#![no_main]

use docket_fuzz::{assert_safe_html, tags};
use domain::{email::parse::sanitise, tickets::markdown::render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(bytes) else { return };
    let html = render(markdown);
    assert_safe_html(&html, &markdown);
    for tag in tags(&html) {
        if tag.name == "img" {
            assert!(tag.attributes.iter().any(|(a, _)| a == "alt"), "an <img> without alt in {html:?} from {markdown:?}");
        }
    }
    let mail = sanitise(markdown);
    assert_safe_html(&mail, &markdown);
    assert!(tags(&mail).iter().all(|t| t.name != "img"), "an <img> kept in mail HTML {mail:?} from {markdown:?}");
});
