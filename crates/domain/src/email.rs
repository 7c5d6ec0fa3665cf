//! E-mail addresses with a pragmatic check (one `@`, a sensible local part, a domain with a dot)
//! and the domain lowercased, so `Budi@Gmail.COM` and `Budi@gmail.com` are stored alike.

use serde::{Deserialize, Serialize};

use crate::error::Localised;

/// A plausible e-mail address. Construct with [`Email::parse`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a text is not an e-mail address. Messages never contain the address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Nothing given.
    #[error("email must not be empty")]
    Empty,
    /// Longer than 254 characters.
    #[error("email must have at most 254 characters, got {got}")]
    TooLong {
        /// Characters given.
        got: usize,
    },
    /// Not exactly one `@`.
    #[error("email must contain exactly one @")]
    At,
    /// The part before `@` is empty, too long, or has characters mail systems reject.
    #[error("email local part (before @) is not valid")]
    LocalPart,
    /// The part after `@` is not a domain name with a dot and a top-level domain.
    #[error("email domain (after @) is not valid")]
    Domain,
}

impl Localised for EmailError {
    fn code(&self) -> &'static str {
        match self {
            EmailError::Empty => "email_empty",
            EmailError::TooLong { .. } => "email_too_long",
            EmailError::At => "email_at",
            EmailError::LocalPart => "email_local_part",
            EmailError::Domain => "email_domain",
        }
    }

    fn message_id(&self) -> String {
        match self {
            EmailError::Empty => "Email wajib diisi".to_string(),
            EmailError::TooLong { got } => {
                format!("Email maksimal 254 karakter, diterima {got}")
            }
            EmailError::At => "Email harus berisi tepat satu tanda @".to_string(),
            EmailError::LocalPart => "Bagian email sebelum @ tidak valid".to_string(),
            EmailError::Domain => "Domain email (setelah @) tidak valid".to_string(),
        }
    }
}

impl Email {
    /// Trims, checks and lowercases the domain; the local part keeps its case.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        let length = trimmed.chars().count();
        if length > 254 {
            return Err(EmailError::TooLong { got: length });
        }
        let mut parts = trimmed.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(EmailError::At);
        };
        if !is_valid_local_part(local) {
            return Err(EmailError::LocalPart);
        }
        let domain = domain.to_ascii_lowercase();
        if !is_valid_domain(&domain) {
            return Err(EmailError::Domain);
        }
        Ok(Email(format!("{local}@{domain}")))
    }

    /// The address, domain lowercased.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit('@').next().unwrap_or("")
    }

    /// For lists and logs: first character of the local part and the domain, e.g. `b***@gmail.com`.
    pub fn masked(&self) -> String {
        let first = self.0.chars().next().unwrap_or('*');
        format!("{first}***@{}", self.domain())
    }
}

fn is_valid_local_part(local: &str) -> bool {
    const SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
}

fn is_valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return false;
    }
    let labels_ok = labels.iter().all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let top_level = labels.last().copied().unwrap_or("");
    let top_level_ok = top_level.len() >= 2
        && (top_level.chars().all(|c| c.is_ascii_alphabetic()) || top_level.starts_with("xn--"));
    labels_ok && top_level_ok
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Email({})", self.masked())
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl TryFrom<&str> for Email {
    type Error = EmailError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Email::parse(value)
    }
}

impl std::str::FromStr for Email {
    type Err = EmailError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Email::parse(value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_domain_is_lowercased_and_the_local_part_kept() {
        let email = Email::parse("  Budi.Santoso@Disnaker.BalikpapanKota.go.ID ").unwrap();
        assert_eq!(email.as_str(), "Budi.Santoso@disnaker.balikpapankota.go.id");
        assert_eq!(email.domain(), "disnaker.balikpapankota.go.id");
    }

    #[test]
    fn plus_addressing_is_accepted() {
        assert!(Email::parse("siti+loker@gmail.com").is_ok());
    }

    #[test]
    fn addresses_without_a_proper_domain_or_with_two_ats_are_rejected() {
        assert_eq!(Email::parse("budi@localhost"), Err(EmailError::Domain));
        assert_eq!(Email::parse("budi@gmail.c"), Err(EmailError::Domain));
        assert_eq!(Email::parse("budi@-gmail.com"), Err(EmailError::Domain));
        assert_eq!(Email::parse("budi@@gmail.com"), Err(EmailError::At));
        assert_eq!(Email::parse("budi.gmail.com"), Err(EmailError::At));
        assert_eq!(Email::parse(".budi@gmail.com"), Err(EmailError::LocalPart));
        assert_eq!(Email::parse("bu di@gmail.com"), Err(EmailError::LocalPart));
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
    }

    #[test]
    fn debug_masks_the_local_part() {
        let email = Email::parse("siti@gmail.com").unwrap();
        assert_eq!(format!("{email:?}"), "Email(s***@gmail.com)");
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,80}") {
            let _ = Email::parse(&text);
        }

        #[test]
        fn normalisation_is_idempotent(local in "[a-zA-Z0-9._+-]{1,20}", domain in "[a-zA-Z0-9-]{1,15}\\.[a-zA-Z]{2,6}") {
            let input = format!("{local}@{domain}");
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email.clone());
                prop_assert_eq!(email.domain(), domain.to_ascii_lowercase());
            }
        }

        #[test]
        fn simple_addresses_are_accepted(local in "[a-z0-9]{1,20}", name in "[a-z0-9]{1,15}", tld in "[a-z]{2,6}") {
            let input = format!("{local}@{name}.{tld}");
            let email = Email::parse(&input).unwrap();
            prop_assert_eq!(email.as_str(), input.as_str());
        }
    }
}
