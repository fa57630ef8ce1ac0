//! Parsing of user input into values the domain trusts: emails, passwords, names.
//!
//! Shared by the server (authoritative) and the browser (early hints), so the messages match.

use crate::error::{DomainError, FieldError};

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;

/// A syntactically plausible, lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, &'static str> {
        Self::parse_with(input, false)
    }

    /// `parse` for the sender of a received mail, who may write from a local network's domain
    /// with no dot in it (`operator@intranet`): a person would still answer them.
    pub fn parse_sender(input: &str) -> Result<Email, &'static str> {
        Self::parse_with(input, true)
    }

    fn parse_with(input: &str, dotless_domain: bool) -> Result<Email, &'static str> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address");
        }
        if email.chars().count() > EMAIL_MAX_CHARS {
            return Err("Enter a valid email address");
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err("Enter a valid email address");
        };
        let label_ok = |l: &str| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let domain_ok = (dotless_domain || domain.contains('.')) && domain.split('.').all(label_ok);
        if local_ok && domain_ok { Ok(Email(email)) } else { Err("Enter a valid email address") }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A password that meets the length policy (NIST 800-63B: length, not composition rules).
pub fn check_password(password: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err("Use at least 10 characters")
    } else if chars > PASSWORD_MAX_CHARS {
        Err("Use at most 128 characters")
    } else {
        Ok(())
    }
}

/// A display name: trimmed, not empty, not too long, no control characters.
pub fn parse_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("Enter a name")
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err("Use at most 100 characters")
    } else if name.chars().any(char::is_control) {
        Err("Remove control characters")
    } else {
        Ok(name.to_string())
    }
}

/// Collects field errors so a form reports all of its problems at once.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the error of `result` under `field` and passes the value on.
    pub fn check<T>(&mut self, field: &str, result: Result<T, impl Into<String>>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.0.push(FieldError::new(field, message));
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, message: &str) {
        self.0.push(FieldError::new(field, message));
    }

    /// Whether `field` already has an error.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() { Ok(()) } else { Err(DomainError::Validation(self.0)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let ok = ["a@b.co", "  Jane.Doe+tag@Example.COM ", "x_y@sub.example.org", "ü@bücher.de"];
        for input in ok {
            assert!(Email::parse(input).is_ok(), "{input}");
        }
        assert_eq!(Email::parse(" A@B.Co ").map(Email::into_string), Ok("a@b.co".to_string()));
        assert!(Email::parse("operator@intranet").is_err(), "people sign up with real domains");
        assert_eq!(
            Email::parse_sender("Operator@Intranet").map(Email::into_string),
            Ok("operator@intranet".to_string())
        );
        assert!(Email::parse_sender("a@-bad").is_err());
        let bad = [
            "",
            "plain",
            "@x.com",
            "a@",
            "a@b",
            "a@.com",
            "a@b..com",
            ".a@b.com",
            "a..b@c.com",
            "a b@c.com",
            "a@b.com\r\nBcc: x@y.z",
            "a@-b.com",
            "a@b-.com",
        ];
        for input in bad {
            assert!(Email::parse(input).is_err(), "{input:?}");
        }
        assert!(Email::parse(&format!("{}@b.com", "a".repeat(65))).is_err());
    }

    #[test]
    fn passwords() {
        assert_eq!(check_password("short"), Err("Use at least 10 characters"));
        assert_eq!(check_password("ten chars!"), Ok(()));
        assert_eq!(check_password("ünïcödé-ok"), Ok(()));
        assert!(check_password(&"x".repeat(129)).is_err());
    }

    #[test]
    fn names() {
        assert_eq!(parse_name("  Ada Lovelace "), Ok("Ada Lovelace".to_string()));
        assert!(parse_name("   ").is_err());
        assert!(parse_name("a\u{0}b").is_err());
        assert!(parse_name(&"n".repeat(101)).is_err());
    }

    #[test]
    fn checks_collect_all_errors() {
        let mut checks = Checks::new();
        assert_eq!(checks.check("email", Email::parse("nope")), None);
        assert!(checks.check("password", check_password("1234567890")).is_some());
        checks.add("name", "Enter a name");
        let err = checks.finish().unwrap_err();
        let fields: Vec<_> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["email", "name"]);
    }
}
