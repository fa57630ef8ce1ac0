//! Multipart uploads: a body (in chunks of a size the input picks, as the network delivers it)
//! read with the server's extractor, `axum::extract::Multipart` (multer), the way the server
//! reads forms: the pages' loop of `app::api::multipart::read` (chunks under a size limit, files
//! and text fields) and the API's of `POST /api/v1/tickets/{id}/attachments` (`bytes`, `text`).
//! Then what the domain does with a form before storing anything: `attachments::upload::
//! clean_name`, `image_type` and `human_size` on every file, and the custom-field inputs
//! (`field_<id>` parts) read by `custom_fields::input::read_all` against one field of each kind.
//! The input is `<Content-Type header>\n<body>`; its first byte sets the chunk size.
//! Checks: no panic and no hang; a cleaned name is never empty, `.` or `..`, holds no `/`, `\`
//! or control character and no more than 200 characters, and cleaning it again changes nothing;
//! a sniffed image type agrees with the file's first bytes.
#![no_main]

use std::{cell::RefCell, convert::Infallible};

use axum::{
    body::{Body, Bytes},
    extract::{FromRequest, Multipart},
    http::{Request, header::CONTENT_TYPE},
};
use docket_fuzz::fields;
use domain::{
    attachments::upload::{NAME_MAX_CHARS, clean_name, human_size, image_type},
    custom_fields::{
        input::{from_form, read_all},
        types::Filler,
    },
    validation::Checks,
};
use libfuzzer_sys::fuzz_target;

/// The pages' limits, smaller, so that going over them is found.
const FILE_MAX_BYTES: usize = 4096;
const TEXT_MAX_BYTES: usize = 1024;
const PARTS_MAX: usize = 40;

thread_local! {
    static RUNTIME: RefCell<tokio::runtime::Runtime> = RefCell::new(
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime"),
    );
}

fuzz_target!(|input: &[u8]| {
    let Some((&first, rest)) = input.split_first() else { return };
    let chunk = 1 + usize::from(first % 64) * 7;
    let (content_type, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(end) => (&rest[..end], &rest[end + 1..]),
        None => (&b"multipart/form-data; boundary=X"[..], rest),
    };
    RUNTIME.with(|rt| {
        rt.borrow().block_on(async {
            if let Some(form) = extract(content_type, body, chunk).await {
                pages(form).await;
            }
            if let Some(form) = extract(content_type, body, chunk).await {
                api(form).await;
            }
        })
    });
});

async fn extract(content_type: &[u8], body: &[u8], chunk: usize) -> Option<Multipart> {
    let chunks: Vec<Result<Bytes, Infallible>> = body.chunks(chunk).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
    let body = Body::from_stream(futures::stream::iter(chunks));
    let request = Request::builder().method("POST").uri("/fn/add_message_with_files").header(CONTENT_TYPE, content_type);
    let request = request.body(body).ok()?;
    Multipart::from_request(request, &()).await.ok()
}

/// As `app::api::multipart::read`: every part read in chunks, none over its limit.
async fn pages(mut form: Multipart) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut parts = 0;
    while let Ok(Some(mut field)) = form.next_field().await {
        parts += 1;
        if parts > PARTS_MAX {
            return;
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let _ = field.content_type();
        let limit = if file_name.is_some() { FILE_MAX_BYTES } else { TEXT_MAX_BYTES };
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > limit => return,
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(_) => return,
            }
        }
        match file_name {
            Some(file_name) => check_file(&file_name, &bytes),
            None => {
                let Ok(text) = String::from_utf8(bytes) else { return };
                pairs.push((name, text));
            }
        }
    }
    let inputs = from_form(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let fields = fields();
    let fields: Vec<_> = fields.iter().collect();
    for filler in [None, Some(Filler::Customer), Some(Filler::Agent)] {
        let mut checks = Checks::new();
        let _ = read_all(&fields, &inputs, filler, |f| format!("field_{}", f.id), &mut checks);
        let _ = checks.finish();
    }
}

/// As the API's upload handler: files whole with `bytes`, other parts with `text`.
async fn api(mut form: Multipart) {
    while let Ok(Some(field)) = form.next_field().await {
        match field.file_name().map(str::to_owned) {
            Some(file_name) => match field.bytes().await {
                Ok(bytes) => check_file(&file_name, &bytes),
                Err(_) => return,
            },
            None => {
                if field.text().await.is_err() {
                    return;
                }
            }
        }
    }
}

fn check_file(file_name: &str, bytes: &[u8]) {
    let name = clean_name(file_name);
    assert!(!name.is_empty() && name != "." && name != "..", "{file_name:?} → {name:?}");
    assert!(!name.contains(['/', '\\']) && !name.chars().any(char::is_control), "{file_name:?} → {name:?}");
    assert!(name.chars().count() <= NAME_MAX_CHARS, "{file_name:?} → {name:?}");
    assert_eq!(clean_name(&name), name, "cleaning {file_name:?} twice changes it");
    match image_type(bytes) {
        Some("image/png") => assert!(bytes.starts_with(b"\x89PNG")),
        Some("image/jpeg") => assert!(bytes.starts_with(&[0xFF, 0xD8])),
        Some("image/gif") => assert!(bytes.starts_with(b"GIF8")),
        Some("image/webp") => assert!(bytes.len() >= 12 && bytes.starts_with(b"RIFF")),
        Some(other) => panic!("an unexpected image type {other}"),
        None => {}
    }
    let _ = human_size(bytes.len() as i64);
}
