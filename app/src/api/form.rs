//! How plain HTML form values arrive in server functions.

/// A checkbox: browsers send `on` when it is ticked and nothing when it is not; scripts and
/// tests may send `true`.
pub fn checked(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("on" | "true" | "1"))
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
