//! Reading a multipart form (text fields and files) into memory with limits, for the server
//! functions that take attachments. Bodies over a limit stop being read at once.

use crate::{error::AppError, ssr::fail};
use domain::{DomainError, FieldError, attachments::Upload};
use server_fn::codec::MultipartData;
use std::collections::HashMap;

/// Text fields are short: a message is at most 100,000 characters.
const TEXT_MAX_BYTES: usize = 512 * 1024;
/// Parts in one form: files, a message, and a custom-field form's inputs (one per choice).
const PARTS_MAX: usize = 400;

pub struct Form {
    /// Each text field's last value.
    pub fields: HashMap<String, String>,
    /// Every text field in order, repeated names included (a multi select's choices).
    pub pairs: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl Form {
    pub fn text(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    pub fn optional(&self, name: &str) -> Option<String> {
        self.fields.get(name).cloned()
    }

    /// The custom-field inputs (`field_<id>`), by field id.
    pub fn custom_fields(&self) -> domain::custom_fields::input::FieldInputs {
        domain::custom_fields::input::from_form(self.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }
}

fn bad(message: &str) -> AppError {
    fail(DomainError::field("attachments", message))
}

fn too_large(field: &str, message: String) -> AppError {
    fail(DomainError::TooLarge(FieldError::new(field, message)))
}

/// Reads every part: files (parts with a file name) into `files`, the rest into `fields`. A file
/// input left empty sends a nameless empty part, which is skipped.
pub async fn read(data: MultipartData, file_max_bytes: u64) -> Result<Form, AppError> {
    let mut multipart = data.into_inner().ok_or_else(|| bad("The form could not be read"))?;
    let mut form = Form { fields: HashMap::new(), pairs: Vec::new(), files: Vec::new() };
    let mut text_bytes = 0;
    let mut parts = 0;
    while let Some(mut field) = multipart.next_field().await.map_err(|_| bad("The form could not be read"))? {
        parts += 1;
        if parts > PARTS_MAX {
            return Err(bad("The form has too many parts"));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        if file_name.as_ref().is_some_and(|n| !n.is_empty()) && form.files.len() >= domain::attachments::MAX_FILES {
            return Err(bad("Attach at most 10 files"));
        }
        let limit = if file_name.is_some() { file_max_bytes as usize } else { TEXT_MAX_BYTES };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| bad("The upload was interrupted"))? {
            if bytes.len() + chunk.len() > limit {
                let shown = file_name.clone().unwrap_or_else(|| name.clone());
                let limit = domain::attachments::upload::human_size(limit as i64);
                let field = if file_name.is_some() { "attachments" } else { name.as_str() };
                return Err(too_large(field, format!("{shown} is larger than {limit}")));
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            Some(file_name) if file_name.is_empty() && bytes.is_empty() => {}
            Some(file_name) => form.files.push(Upload { file_name, bytes }),
            None => {
                text_bytes += bytes.len();
                if text_bytes > TEXT_MAX_BYTES * 2 {
                    return Err(too_large(&name, "The form is too large".to_owned()));
                }
                let text = String::from_utf8(bytes).map_err(|_| bad("The form is not valid text"))?;
                form.pairs.push((name.clone(), text.clone()));
                form.fields.insert(name, text);
            }
        }
    }
    Ok(form)
}
