//! Search synonym groups (the `search_synonyms` table), edited by labour-office officers: `las`, `pengelasan`,
//! `welding`, `welder`, `juru las` are one group, and a vacancy search for any of them finds the others. A group
//! has a head (canonical) term that names it; every other member points to it.
//!
//! Terms are stored normalised — trimmed, lowercase, inner whitespace collapsed to one space — so the same word
//! typed twice is the same term, and a term belongs to one group only.

use crate::error::{FieldError, Localised};

/// Longest synonym term, in characters.
pub const MAX_TERM_CHARS: usize = 64;
/// Most terms one group may list besides its canonical term.
pub const MAX_GROUP_TERMS: usize = 50;

/// Why a synonym term or group is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynonymError {
    /// Nothing but whitespace was given.
    #[error("a synonym term must not be empty")]
    Empty,
    /// Longer than [`MAX_TERM_CHARS`] after normalisation.
    #[error("a synonym term must have at most {max} characters, got {got}")]
    TooLong {
        /// The maximum.
        max: usize,
        /// Characters after normalisation.
        got: usize,
    },
    /// A canonical term named in a URL must already be in its normal form.
    #[error(
        "the canonical term must be written normalised (lowercase, single spaces): {normalised}"
    )]
    NotNormalised {
        /// How it is written normalised.
        normalised: String,
    },
    /// The same term (after normalisation) is listed twice.
    #[error("{term} is listed more than once")]
    Duplicate {
        /// The repeated term, normalised.
        term: String,
    },
    /// More terms than [`MAX_GROUP_TERMS`].
    #[error("a group may list at most {max} terms, got {got}")]
    TooManyTerms {
        /// The maximum.
        max: usize,
        /// How many were listed.
        got: usize,
    },
    /// The group lists nothing besides its canonical term, so it would expand nothing.
    #[error("a group needs at least one term besides its canonical term; delete the group instead")]
    NoOtherTerm,
}

impl Localised for SynonymError {
    fn code(&self) -> &'static str {
        match self {
            SynonymError::Empty => "synonym_term_empty",
            SynonymError::TooLong { .. } => "synonym_term_too_long",
            SynonymError::NotNormalised { .. } => "synonym_term_not_normalised",
            SynonymError::Duplicate { .. } => "synonym_term_duplicate",
            SynonymError::TooManyTerms { .. } => "synonym_terms_too_many",
            SynonymError::NoOtherTerm => "synonym_group_without_other_term",
        }
    }

    fn message_id(&self) -> String {
        match self {
            SynonymError::Empty => "Istilah sinonim wajib diisi".to_string(),
            SynonymError::TooLong { max, got } => {
                format!("Istilah sinonim paling banyak {max} karakter, diterima {got}")
            }
            SynonymError::NotNormalised { normalised } => format!(
                "Istilah utama harus ditulis dalam bentuk baku (huruf kecil, satu spasi): {normalised}"
            ),
            SynonymError::Duplicate { term } => format!("{term} tercantum lebih dari sekali"),
            SynonymError::TooManyTerms { max, got } => {
                format!("Satu kelompok paling banyak {max} istilah, diterima {got}")
            }
            SynonymError::NoOtherTerm => "Kelompok perlu sedikitnya satu istilah selain istilah utama; hapus kelompoknya bila tidak diperlukan".to_string(),
        }
    }
}

/// A synonym term in its normal form: trimmed, lowercase, single spaces, 1 to [`MAX_TERM_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SynonymTerm(String);

impl SynonymTerm {
    /// The normal form of `input`: trimmed, lowercase, every run of whitespace one space.
    pub fn normalise(input: &str) -> String {
        input
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    /// Normalises `input` and checks it is not empty and not too long.
    pub fn parse(input: &str) -> Result<SynonymTerm, SynonymError> {
        let term = Self::normalise(input);
        let length = term.chars().count();
        if length == 0 {
            return Err(SynonymError::Empty);
        }
        if length > MAX_TERM_CHARS {
            return Err(SynonymError::TooLong {
                max: MAX_TERM_CHARS,
                got: length,
            });
        }
        Ok(SynonymTerm(term))
    }

    /// Like [`SynonymTerm::parse`], but `input` must already be normalised (a term naming a group in a URL: a
    /// different spelling would name a different resource).
    pub fn parse_normalised(input: &str) -> Result<SynonymTerm, SynonymError> {
        let term = Self::parse(input)?;
        if term.0 != input {
            return Err(SynonymError::NotNormalised { normalised: term.0 });
        }
        Ok(term)
    }

    /// The term, e.g. `juru las`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SynonymTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A synonym group as an officer sends it: the canonical term (from the URL) and the member terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SynonymGroupDraft {
    /// Head term naming the group, as written in the URL.
    pub canonical: String,
    /// The members; the canonical term may be listed or not, it is always a member.
    pub terms: Vec<String>,
}

/// A valid synonym group: a canonical term and at least one other, distinct term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymGroup {
    canonical: SynonymTerm,
    /// The other members, normalised, in the order given, each once.
    others: Vec<SynonymTerm>,
    /// For each of `others`, its position in the submitted `terms` (to name the field of a later error).
    positions: Vec<usize>,
}

impl SynonymGroupDraft {
    /// Checks the canonical term and every listed term, and returns all problems at once (`canonical`,
    /// `terms`, `terms[N]`).
    pub fn validate(&self) -> Result<SynonymGroup, Vec<FieldError>> {
        let mut errors = Vec::new();
        let canonical = SynonymTerm::parse_normalised(&self.canonical)
            .map_err(|error| errors.push(FieldError::from_error("canonical", &error)))
            .ok();
        if self.terms.len() > MAX_GROUP_TERMS {
            errors.push(FieldError::from_error(
                "terms",
                &SynonymError::TooManyTerms {
                    max: MAX_GROUP_TERMS,
                    got: self.terms.len(),
                },
            ));
        }
        let mut parsed: Vec<(usize, SynonymTerm)> = Vec::new();
        for (index, text) in self.terms.iter().enumerate() {
            let term = match SynonymTerm::parse(text) {
                Ok(term) => term,
                Err(error) => {
                    errors.push(FieldError::from_error(format!("terms[{index}]"), &error));
                    continue;
                }
            };
            if parsed.iter().any(|(_, earlier)| *earlier == term) {
                errors.push(FieldError::from_error(
                    format!("terms[{index}]"),
                    &SynonymError::Duplicate {
                        term: term.0.clone(),
                    },
                ));
                continue;
            }
            parsed.push((index, term));
        }
        let (positions, others): (Vec<usize>, Vec<SynonymTerm>) = parsed
            .into_iter()
            .filter(|(_, term)| Some(term) != canonical.as_ref())
            .unzip();
        if others.is_empty() && errors.is_empty() {
            errors.push(FieldError::from_error("terms", &SynonymError::NoOtherTerm));
        }
        match canonical {
            Some(canonical) if errors.is_empty() => Ok(SynonymGroup {
                canonical,
                others,
                positions,
            }),
            _ => Err(errors),
        }
    }
}

impl SynonymGroup {
    /// The head term naming the group.
    pub fn canonical(&self) -> &SynonymTerm {
        &self.canonical
    }

    /// The members other than the canonical term, in the order given.
    pub fn others(&self) -> &[SynonymTerm] {
        &self.others
    }

    /// Every member, the canonical term first.
    pub fn members(&self) -> impl Iterator<Item = &SynonymTerm> {
        std::iter::once(&self.canonical).chain(&self.others)
    }

    /// The request field of `term` (`terms[N]` as it was listed, `canonical` for the head), for an error found
    /// after validation, such as the term belonging to another group.
    pub fn field_of(&self, term: &str) -> String {
        self.others
            .iter()
            .zip(&self.positions)
            .find(|(other, _)| other.as_str() == term)
            .map(|(_, index)| format!("terms[{index}]"))
            .unwrap_or_else(|| "canonical".to_string())
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    fn draft(canonical: &str, terms: &[&str]) -> SynonymGroupDraft {
        SynonymGroupDraft {
            canonical: canonical.to_string(),
            terms: terms.iter().map(|term| term.to_string()).collect(),
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(String, &'static str)> {
        errors
            .iter()
            .map(|error| (error.field.clone(), error.code))
            .collect()
    }

    #[test]
    fn terms_are_trimmed_lowercased_and_their_inner_whitespace_collapsed() {
        assert_eq!(
            SynonymTerm::parse("  Juru \t  LAS ").unwrap().as_str(),
            "juru las"
        );
        assert_eq!(SynonymTerm::parse(" \n "), Err(SynonymError::Empty));
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(
            SynonymTerm::parse(&long),
            Err(SynonymError::TooLong {
                max: MAX_TERM_CHARS,
                got: MAX_TERM_CHARS + 1
            })
        );
        assert!(SynonymTerm::parse(&"é".repeat(MAX_TERM_CHARS)).is_ok());
    }

    #[test]
    fn a_canonical_term_in_a_url_must_already_be_normalised() {
        assert_eq!(
            SynonymTerm::parse_normalised("alat berat")
                .unwrap()
                .as_str(),
            "alat berat"
        );
        assert_eq!(
            SynonymTerm::parse_normalised("Alat  Berat"),
            Err(SynonymError::NotNormalised {
                normalised: "alat berat".to_string()
            })
        );
    }

    #[test]
    fn a_valid_group_keeps_the_other_terms_in_order_and_the_canonical_first() {
        let group = draft("las", &["Pengelasan", "las", " welding ", "juru  las"])
            .validate()
            .unwrap();
        let members: Vec<&str> = group.members().map(SynonymTerm::as_str).collect();
        assert_eq!(members, ["las", "pengelasan", "welding", "juru las"]);
        assert_eq!(group.field_of("welding"), "terms[2]");
        assert_eq!(group.field_of("las"), "canonical");
    }

    #[test]
    fn every_bad_term_of_a_group_is_reported_at_once_with_its_position() {
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        let errors = draft("Las", &["welder", " ", "WELDER", &long])
            .validate()
            .unwrap_err();
        assert_eq!(
            codes(&errors),
            [
                ("canonical".to_string(), "synonym_term_not_normalised"),
                ("terms[1]".to_string(), "synonym_term_empty"),
                ("terms[2]".to_string(), "synonym_term_duplicate"),
                ("terms[3]".to_string(), "synonym_term_too_long"),
            ]
        );
    }

    #[test]
    fn a_group_needs_another_term_than_its_canonical_and_at_most_the_maximum() {
        let errors = draft("las", &["las"]).validate().unwrap_err();
        assert_eq!(
            codes(&errors),
            [("terms".to_string(), "synonym_group_without_other_term")]
        );
        let many: Vec<String> = (0..=MAX_GROUP_TERMS).map(|n| format!("t{n}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let errors = draft("las", &many).validate().unwrap_err();
        assert_eq!(
            codes(&errors),
            [("terms".to_string(), "synonym_terms_too_many")]
        );
    }
}
