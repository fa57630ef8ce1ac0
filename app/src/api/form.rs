//! How plain HTML form values arrive in server functions.

/// A checkbox: browsers send `on` when it is ticked and nothing when it is not; scripts and
/// tests may send `true`.
pub fn checked(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("on" | "true" | "1"))
}

/// An optional choice of a select (a status, a team): blank for none, else an id.
#[cfg(feature = "ssr")]
pub fn optional_id(field: &str, value: Option<&str>) -> Result<Option<i64>, crate::error::AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| crate::ssr::fail(domain::DomainError::field(field, "Choose one of the options"))),
    }
}

#[cfg(test)]
mod tests {
    use super::checked;

    #[test]
    fn checkboxes() {
        for (value, ticked) in [(Some("on"), true), (Some("true"), true), (Some("1"), true), (None, false)] {
            assert_eq!(checked(value), ticked, "{value:?}");
        }
        for value in ["", "off", "false", "yes please"] {
            assert!(!checked(Some(value)), "{value:?}");
        }
    }
}
