//! What every domain error shares: a stable code, an English and an Indonesian message, and the
//! [`FieldError`] that validators return so the API can answer per field in the caller's language.

use serde::Serialize;

/// An error or warning a person may read: English comes from `Display`, Indonesian from
/// [`Localised::message_id`]; [`Localised::code`] is stable for clients to switch on.
pub trait Localised: std::fmt::Display {
    /// Stable machine-readable code naming the rule, e.g. `nik_length`.
    fn code(&self) -> &'static str;

    /// The message in Bahasa Indonesia.
    fn message_id(&self) -> String;

    /// The message in English (the `Display` text).
    fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in the given language.
    fn message(&self, language: Language) -> String {
        match language {
            Language::Indonesian => self.message_id(),
            Language::English => self.message_en(),
        }
    }
}

/// The two languages the service answers in. Indonesian is the default for Balikpapan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// Bahasa Indonesia (`id`, also the legacy tag `in`).
    #[default]
    Indonesian,
    /// English (`en`, `en-US`, ...).
    English,
}

impl Language {
    /// The BCP 47 tag: `id` or `en`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::Indonesian => "id",
            Language::English => "en",
        }
    }

    /// Picks the language from an `Accept-Language` header value by quality weight; anything
    /// unparseable or unsupported falls back to Indonesian.
    pub fn from_accept_language(header: &str) -> Language {
        let mut best: Option<(Language, u32)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let primary = tag.split('-').next().unwrap_or("");
            let language = match primary {
                "id" | "in" => Language::Indonesian,
                "en" => Language::English,
                _ => continue,
            };
            let mut quality_per_mille = 1000;
            for parameter in parts {
                let parameter = parameter.trim();
                if let Some(value) = parameter.strip_prefix("q=") {
                    quality_per_mille = parse_quality(value).unwrap_or(0);
                }
            }
            if quality_per_mille == 0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((_, best_quality)) => quality_per_mille > best_quality,
            };
            if better {
                best = Some((language, quality_per_mille));
            }
        }
        best.map(|(language, _)| language).unwrap_or_default()
    }
}

/// Parses an HTTP quality value (`0`, `0.5`, `1.000`) into thousandths.
fn parse_quality(value: &str) -> Option<u32> {
    let value = value.trim();
    let (whole, fraction) = match value.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (value, ""),
    };
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = match whole {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let mut thousandths = 0;
    for (position, digit) in fraction.chars().enumerate() {
        let digit = digit.to_digit(10)?;
        thousandths += digit * 10u32.pow(2 - position as u32);
    }
    let total = whole * 1000 + thousandths;
    (total <= 1000).then_some(total)
}

/// One failed rule on one input field, in both languages. Validators return a list of these so
/// a form can show every problem at once; `field` is the JSON field name (e.g. `units[2].code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The request field, as named in JSON, e.g. `headcount` or `units[1].code`.
    pub field: String,
    /// Stable code of the rule that failed, e.g. `headcount_zero`.
    pub code: &'static str,
    /// English message, lowercase, no trailing period.
    pub message_en: String,
    /// Bahasa Indonesia message.
    pub message_id: String,
}

impl FieldError {
    /// A field error from its parts.
    pub fn new(
        field: impl Into<String>,
        code: &'static str,
        message_en: impl Into<String>,
        message_id: impl Into<String>,
    ) -> Self {
        FieldError {
            field: field.into(),
            code,
            message_en: message_en.into(),
            message_id: message_id.into(),
        }
    }

    /// Attaches any localised domain error to a field.
    pub fn from_error(field: impl Into<String>, error: &dyn Localised) -> Self {
        FieldError {
            field: field.into(),
            code: error.code(),
            message_en: error.message_en(),
            message_id: error.message_id(),
        }
    }

    /// The message in the given language.
    pub fn message(&self, language: Language) -> &str {
        match language {
            Language::Indonesian => &self.message_id,
            Language::English => &self.message_en,
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message_en)
    }
}

impl std::error::Error for FieldError {}

/// Rules for free-text fields (titles, names, descriptions), shared by every form validator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but whitespace was given.
    #[error("must not be empty")]
    Empty,
    /// Too few characters after trimming.
    #[error("must have at least {min} characters, got {got}")]
    TooShort {
        /// The minimum number of characters.
        min: usize,
        /// How many were given.
        got: usize,
    },
    /// Too many characters after trimming.
    #[error("must have at most {max} characters, got {got}")]
    TooLong {
        /// The maximum number of characters.
        max: usize,
        /// How many were given.
        got: usize,
    },
}

impl Localised for TextError {
    fn code(&self) -> &'static str {
        match self {
            TextError::Empty => "text_empty",
            TextError::TooShort { .. } => "text_too_short",
            TextError::TooLong { .. } => "text_too_long",
        }
    }

    fn message_id(&self) -> String {
        match self {
            TextError::Empty => "Wajib diisi".to_string(),
            TextError::TooShort { min, got } => {
                format!("Minimal {min} karakter, diterima {got}")
            }
            TextError::TooLong { max, got } => {
                format!("Maksimal {max} karakter, diterima {got}")
            }
        }
    }
}

/// Trims `value` and checks its length in characters; returns the trimmed text.
pub fn required_text(value: &str, min_chars: usize, max_chars: usize) -> Result<String, TextError> {
    let trimmed = value.trim();
    let count = trimmed.chars().count();
    if count == 0 {
        return Err(TextError::Empty);
    }
    if count < min_chars {
        return Err(TextError::TooShort {
            min: min_chars,
            got: count,
        });
    }
    if count > max_chars {
        return Err(TextError::TooLong {
            max: max_chars,
            got: count,
        });
    }
    Ok(trimmed.to_string())
}

/// Like [`required_text`], but blank input means "not given" and yields `None`.
pub fn optional_text(value: Option<&str>, max_chars: usize) -> Result<Option<String>, TextError> {
    let Some(value) = value else {
        return Ok(None);
    };
    if value.trim().is_empty() {
        return Ok(None);
    }
    required_text(value, 1, max_chars).map(Some)
}

/// Shortens untrusted input before it is echoed in an error message, so one bad request cannot
/// produce a megabyte of error text. Never use on personal data: such values are never echoed.
pub(crate) fn echo(value: &str) -> String {
    const MAX_ECHO_CHARS: usize = 40;
    if value.chars().count() <= MAX_ECHO_CHARS {
        value.to_string()
    } else {
        let mut shortened: String = value.chars().take(MAX_ECHO_CHARS).collect();
        shortened.push('…');
        shortened
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality_supported_language() {
        assert_eq!(
            Language::from_accept_language("fr-FR, en;q=0.8, id;q=0.9"),
            Language::Indonesian
        );
        assert_eq!(
            Language::from_accept_language("en-GB,en;q=0.9,id;q=0.5"),
            Language::English
        );
    }

    #[test]
    fn accept_language_without_a_supported_language_falls_back_to_indonesian() {
        assert_eq!(
            Language::from_accept_language("de, fr"),
            Language::Indonesian
        );
        assert_eq!(Language::from_accept_language(""), Language::Indonesian);
        assert_eq!(
            Language::from_accept_language("en;q=0"),
            Language::Indonesian
        );
    }

    #[test]
    fn legacy_indonesian_tag_in_is_understood() {
        assert_eq!(
            Language::from_accept_language("in-ID"),
            Language::Indonesian
        );
    }

    #[test]
    fn required_text_is_trimmed_and_counted_in_characters() {
        assert_eq!(
            required_text("  Tukang las  ", 3, 20),
            Ok("Tukang las".to_string())
        );
        assert_eq!(required_text("   ", 1, 20), Err(TextError::Empty));
        assert_eq!(
            required_text("éé", 3, 20),
            Err(TextError::TooShort { min: 3, got: 2 })
        );
        assert_eq!(
            required_text("abcdef", 1, 5),
            Err(TextError::TooLong { max: 5, got: 6 })
        );
    }

    #[test]
    fn blank_optional_text_counts_as_not_given() {
        assert_eq!(optional_text(Some("  "), 10), Ok(None));
        assert_eq!(optional_text(None, 10), Ok(None));
        assert_eq!(
            optional_text(Some(" SMK "), 10),
            Ok(Some("SMK".to_string()))
        );
    }

    #[test]
    fn field_error_carries_both_languages_of_the_underlying_error() {
        let error = FieldError::from_error("title", &TextError::TooLong { max: 5, got: 9 });
        assert_eq!(error.code, "text_too_long");
        assert_eq!(
            error.message(Language::English),
            "must have at most 5 characters, got 9"
        );
        assert_eq!(
            error.message(Language::Indonesian),
            "Maksimal 5 karakter, diterima 9"
        );
    }

    #[test]
    fn echo_shortens_long_input() {
        let long = "x".repeat(100);
        assert_eq!(echo(&long).chars().count(), 41);
        assert_eq!(echo("pkwt"), "pkwt");
    }
}
