//! An organization's email domains: reading what an admin typed, refusing domains anyone can
//! have an address at, and finding the organization a proved address joins.

use crate::{
    entities::organization_domain,
    error::DomainError,
    validation::{Checks, Email},
};
use sea_orm::{ConnectionTrait, EntityTrait};

/// Domains one organization may have.
pub const MAX_DOMAINS: usize = 50;

/// Mail providers anyone can sign up at: joining everyone at one of these to an organization
/// would show its shared tickets to strangers.
const PUBLIC_PROVIDERS: &[&str] = &[
    "163.com",
    "aol.com",
    "fastmail.com",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hotmail.com",
    "icloud.com",
    "live.com",
    "mail.com",
    "mail.ru",
    "me.com",
    "msn.com",
    "outlook.com",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "web.de",
    "yahoo.com",
    "yandex.ru",
    "zoho.com",
];

/// One domain as typed ("@Acme.example " → "acme.example"), or why it is not one.
pub fn parse_domain(input: &str) -> Result<String, String> {
    let domain = input.trim().trim_start_matches('@').trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let top_ok = labels.last().is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    if domain.len() > 253 || labels.len() < 2 || !labels.iter().all(label_ok) || !top_ok {
        return Err(format!("\u{201c}{}\u{201d} is not a domain like acme.example", input.trim()));
    }
    if PUBLIC_PROVIDERS.contains(&domain.as_str()) {
        return Err(format!("Anyone can have an address at {domain}; add its people one by one instead"));
    }
    Ok(domain)
}

/// Every domain in `text` (separated by commas, spaces or new lines), without repeats, in the
/// order given; a field error on `field` names each one that is not a domain.
pub fn parse_list(text: &str, field: &str) -> Result<Vec<String>, DomainError> {
    let mut checks = Checks::new();
    let mut domains: Vec<String> = Vec::new();
    for part in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|p| !p.trim().is_empty()) {
        match parse_domain(part) {
            Ok(domain) if !domains.contains(&domain) => domains.push(domain),
            Ok(_) => {}
            Err(message) if !checks.has(field) => checks.add(field, &message),
            Err(_) => {}
        }
    }
    if domains.len() > MAX_DOMAINS {
        checks.add(field, &format!("Use at most {MAX_DOMAINS} domains"));
    }
    checks.finish()?;
    Ok(domains)
}

/// The organization an address at this domain joins once it is proved.
pub async fn organization_for(db: &impl ConnectionTrait, email: &Email) -> Result<Option<i64>, DomainError> {
    let Some((_, domain)) = email.as_str().rsplit_once('@') else { return Ok(None) };
    Ok(organization_domain::Entity::find_by_id(domain.to_lowercase()).one(db).await?.map(|d| d.organization_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_read_kindly_and_checked() {
        assert_eq!(parse_domain(" @Acme.Example. "), Ok("acme.example".to_owned()));
        assert_eq!(parse_domain("mail.acme-corp.co.uk"), Ok("mail.acme-corp.co.uk".to_owned()));
        for bad in ["acme", "acme..example", "-acme.example", "acme.example-", "ac me.example", "acme.3", "a@b.example"]
        {
            assert!(parse_domain(bad).is_err(), "{bad}");
        }
        assert!(parse_domain("Gmail.com").unwrap_err().contains("Anyone can have an address"));
        assert_eq!(
            parse_list("acme.example, acme.test\nACME.example", "domains"),
            Ok(vec!["acme.example".to_owned(), "acme.test".to_owned()])
        );
        let err = parse_list("acme.example nope", "domains").unwrap_err();
        assert_eq!(err.fields()[0].field, "domains", "{err:?}");
    }
}
