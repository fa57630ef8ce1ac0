//! Signed reply addresses: `support+t42u7k<signature>@example.com` names a ticket and the one
//! person the mail was sent to, signed with the desk's secret key, so a reply to it proves both.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Hex digits of the HMAC-SHA256 kept in the address (80 bits).
const SIGNATURE_HEX: usize = 20;

/// What the recipient addresses of a mail say about a reply token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    Absent,
    Valid(ReplyToken),
    /// A token is there but its signature is wrong (a forgery, or a key that changed).
    Forged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyToken {
    pub ticket_id: i64,
    pub user_id: i64,
}

/// The desk's signing key (random bytes, kept in `settings`).
#[derive(Clone)]
pub struct TokenKey(Vec<u8>);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(…)")
    }
}

impl TokenKey {
    pub fn new(bytes: Vec<u8>) -> TokenKey {
        TokenKey(bytes)
    }

    fn signature(&self, token: ReplyToken) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else { return String::new() };
        mac.update(format!("docket-reply:{}:{}", token.ticket_id, token.user_id).as_bytes());
        crate::digest::hex(&mac.finalize().into_bytes())[..SIGNATURE_HEX].to_owned()
    }

    /// The reply address for `token` at `mailbox` (`support@example.com` → `support+t…@example.com`).
    pub fn address(&self, mailbox: &str, token: ReplyToken) -> String {
        let (local, domain) = mailbox.split_once('@').unwrap_or((mailbox, ""));
        let local = local.split('+').next().unwrap_or(local);
        format!("{local}+t{}u{}k{}@{domain}", token.ticket_id, token.user_id, self.signature(token))
    }

    /// The first validly signed token among `addresses`.
    pub fn find(&self, addresses: &[String]) -> TokenCheck {
        let mut forged = false;
        for address in addresses {
            let Some((token, signature)) = parse(address) else { continue };
            let expected = self.signature(token);
            if !expected.is_empty() && crate::api_tokens::secret::same_secret(&signature, &expected) {
                return TokenCheck::Valid(token);
            }
            forged = true;
        }
        if forged { TokenCheck::Forged } else { TokenCheck::Absent }
    }
}

fn parse(address: &str) -> Option<(ReplyToken, String)> {
    let local = address.split('@').next()?;
    let tag = local.split_once('+')?.1.to_ascii_lowercase();
    let rest = tag.strip_prefix('t')?;
    let (ticket, rest) = rest.split_once('u')?;
    let (user, signature) = rest.split_once('k')?;
    let token = ReplyToken { ticket_id: ticket.parse().ok()?, user_id: user.parse().ok()? };
    Some((token, signature.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::{ReplyToken, TokenCheck, TokenKey};

    #[test]
    fn signs_and_verifies() {
        let key = TokenKey::new(b"0123456789abcdef0123456789abcdef".to_vec());
        let token = ReplyToken { ticket_id: 42, user_id: 7 };
        let address = key.address("Support+x@Example.com", token);
        assert!(address.starts_with("Support+t42u7k") && address.ends_with("@Example.com"), "{address}");
        assert_eq!(key.find(&["someone@else.org".into(), address.to_lowercase()]), TokenCheck::Valid(token));
        assert_eq!(key.find(&["help@example.com".into()]), TokenCheck::Absent);
        let other_user = address.replace("u7k", "u8k");
        assert_eq!(key.find(&[other_user]), TokenCheck::Forged);
        let other_key = TokenKey::new(b"another key entirely, 32 bytes!!".to_vec());
        assert_eq!(other_key.find(&[address]), TokenCheck::Forged);
    }
}
