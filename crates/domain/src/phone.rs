//! Indonesian phone numbers, normalised to E.164 (`+62…`) so one person's number is stored one way
//! whether it was typed as `0812-3456-7890`, `62 812 3456 7890` or `+62 (0)812 3456 7890`.

use serde::{Deserialize, Serialize};

use crate::error::Localised;

/// Smallest and largest national significant number (after `+62`).
const MIN_NATIONAL_DIGITS: usize = 8;
const MAX_NATIONAL_DIGITS: usize = 13;

/// A valid Indonesian phone number in E.164 form. Construct with [`PhoneNumber::parse`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// Mobile numbers start with 8 after the country code; everything else has an area code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// `+62 8…`.
    Mobile,
    /// `+62` + area code (e.g. 542 Balikpapan, 21 Jakarta) + subscriber number.
    Landline,
}

/// Why a text is not an Indonesian phone number. Messages never contain the number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing given.
    #[error("phone number must not be empty")]
    Empty,
    /// A character other than digits, spaces, `-`, `.`, `(`, `)` or a leading `+`.
    #[error(
        "phone number may contain only digits, spaces, dashes, dots, parentheses and a leading +"
    )]
    InvalidCharacter,
    /// An international number for another country.
    #[error("phone number must be indonesian (+62)")]
    NotIndonesian,
    /// The national number starts with 0 or 1 (or, without a prefix, is not a mobile number).
    #[error(
        "phone number must start with 0, 62 or +62 followed by an area code or a mobile prefix 8"
    )]
    Prefix,
    /// Too few or too many digits.
    #[error("phone number must have 8 to 13 digits after the country code, got {got}")]
    Length {
        /// Digits after `+62`.
        got: usize,
    },
}

impl Localised for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty => "phone_empty",
            PhoneError::InvalidCharacter => "phone_character",
            PhoneError::NotIndonesian => "phone_country",
            PhoneError::Prefix => "phone_prefix",
            PhoneError::Length { .. } => "phone_length",
        }
    }

    fn message_id(&self) -> String {
        match self {
            PhoneError::Empty => "Nomor telepon wajib diisi".to_string(),
            PhoneError::InvalidCharacter => "Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, titik, kurung, dan + di depan".to_string(),
            PhoneError::NotIndonesian => "Nomor telepon harus nomor Indonesia (+62)".to_string(),
            PhoneError::Prefix => "Nomor telepon harus diawali 0, 62, atau +62 lalu kode area atau awalan seluler 8".to_string(),
            PhoneError::Length { got } => {
                format!("Nomor telepon harus 8 sampai 13 digit setelah kode negara, diterima {got}")
            }
        }
    }
}

impl PhoneNumber {
    /// Accepts `08…`, `62…`, `+62…` (also `+62 (0)…`) and a bare mobile `8…`, with spaces,
    /// dashes, dots and parentheses; returns the number as `+62…`.
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        let (has_plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let mut digits = String::with_capacity(rest.len());
        for character in rest.chars() {
            match character {
                '0'..='9' => digits.push(character),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(PhoneError::InvalidCharacter),
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        let national = if has_plus {
            let Some(after_country) = digits.strip_prefix("62") else {
                return Err(PhoneError::NotIndonesian);
            };
            // "+62 (0)812…" and "+62 0812…" are common: drop the one trunk zero.
            after_country.strip_prefix('0').unwrap_or(after_country)
        } else if let Some(after_trunk) = digits.strip_prefix('0') {
            after_trunk
        } else if let Some(after_country) = digits.strip_prefix("62") {
            after_country
        } else if digits.starts_with('8') {
            digits.as_str()
        } else {
            return Err(PhoneError::Prefix);
        };
        match national.chars().next() {
            Some('2'..='9') => {}
            _ => return Err(PhoneError::Prefix),
        }
        if !(MIN_NATIONAL_DIGITS..=MAX_NATIONAL_DIGITS).contains(&national.len()) {
            return Err(PhoneError::Length {
                got: national.len(),
            });
        }
        Ok(PhoneNumber(format!("+62{national}")))
    }

    /// E.164 form, e.g. `+6281234567890`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Domestic form with the trunk zero, e.g. `081234567890`.
    pub fn national(&self) -> String {
        format!("0{}", &self.0[3..])
    }

    /// Mobile or landline.
    pub fn kind(&self) -> PhoneKind {
        if self.0[3..].starts_with('8') {
            PhoneKind::Mobile
        } else {
            PhoneKind::Landline
        }
    }

    /// For lists and logs: the country code and the last three digits, e.g. `+62********890`.
    pub fn masked(&self) -> String {
        let national = &self.0[3..];
        let hidden = national.len().saturating_sub(3);
        format!("+62{}{}", "*".repeat(hidden), &national[hidden..])
    }
}

impl std::fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhoneNumber({})", self.masked())
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl TryFrom<&str> for PhoneNumber {
    type Error = PhoneError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        PhoneNumber::parse(value)
    }
}

impl std::str::FromStr for PhoneNumber {
    type Err = PhoneError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        PhoneNumber::parse(value)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_common_way_of_writing_a_mobile_number_gives_the_same_e164_number() {
        for written in [
            "081234567890",
            "0812-3456-7890",
            "0812 3456 7890",
            "0812.3456.7890",
            "6281234567890",
            "+6281234567890",
            "+62 812 3456 7890",
            "+62 (0)812 3456 7890",
            "81234567890",
        ] {
            assert_eq!(
                PhoneNumber::parse(written).unwrap().as_str(),
                "+6281234567890",
                "{written}"
            );
        }
    }

    #[test]
    fn a_balikpapan_landline_keeps_its_area_code() {
        let phone = PhoneNumber::parse("(0542) 731234").unwrap();
        assert_eq!(phone.as_str(), "+62542731234");
        assert_eq!(phone.national(), "0542731234");
        assert_eq!(phone.kind(), PhoneKind::Landline);
        assert_eq!(
            PhoneNumber::parse("0812 345 678").unwrap().kind(),
            PhoneKind::Mobile
        );
    }

    #[test]
    fn foreign_and_malformed_numbers_are_rejected() {
        assert_eq!(
            PhoneNumber::parse("+60 12 345 6789"),
            Err(PhoneError::NotIndonesian)
        );
        assert_eq!(
            PhoneNumber::parse("0812-3456-789O"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(PhoneNumber::parse("12345678"), Err(PhoneError::Prefix));
        assert_eq!(PhoneNumber::parse("0012345678"), Err(PhoneError::Prefix));
        assert_eq!(PhoneNumber::parse("  "), Err(PhoneError::Empty));
        assert_eq!(
            PhoneNumber::parse("0812345"),
            Err(PhoneError::Length { got: 6 })
        );
        assert_eq!(
            PhoneNumber::parse("0812345678901234"),
            Err(PhoneError::Length { got: 15 })
        );
    }

    #[test]
    fn errors_name_the_rule_in_both_languages() {
        let error = PhoneError::Length { got: 6 };
        assert_eq!(
            error.to_string(),
            "phone number must have 8 to 13 digits after the country code, got 6"
        );
        assert!(
            error
                .message_id()
                .starts_with("Nomor telepon harus 8 sampai 13 digit")
        );
    }

    #[test]
    fn debug_masks_all_but_the_last_three_digits() {
        let phone = PhoneNumber::parse("081234567890").unwrap();
        assert_eq!(format!("{phone:?}"), "PhoneNumber(+62********890)");
    }

    #[test]
    fn serde_uses_the_e164_string_and_validates() {
        let phone: PhoneNumber = serde_json::from_str("\"0812-3456-7890\"").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+6281234567890\"");
        assert!(serde_json::from_str::<PhoneNumber>("\"+1 555 0100\"").is_err());
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,30}") {
            let _ = PhoneNumber::parse(&text);
        }

        #[test]
        fn normalisation_is_idempotent(text in "[+0-9 ()\\-.]{0,20}") {
            if let Ok(phone) = PhoneNumber::parse(&text) {
                prop_assert_eq!(PhoneNumber::parse(phone.as_str()).unwrap(), phone.clone());
                prop_assert_eq!(PhoneNumber::parse(&phone.national()).unwrap(), phone.clone());
                prop_assert!(phone.as_str().starts_with("+62"));
            }
        }

        #[test]
        fn a_mobile_number_in_any_prefix_style_normalises_the_same(rest in "8[1-9][0-9]{7,10}") {
            let expected = format!("+62{rest}");
            for written in [format!("0{rest}"), format!("62{rest}"), format!("+62 {rest}")] {
                let phone = PhoneNumber::parse(&written).unwrap();
                prop_assert_eq!(phone.as_str(), expected.as_str());
            }
        }
    }
}
