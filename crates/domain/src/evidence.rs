//! Competency evidence: what backs a seeker's claim to a competency unit, and how strong it is
//! today. Declared by the seeker < completed BLK training < a valid BNSP/LSP certificate.
//!
//! An expired certificate counts as training at most (the person was trained and assessed once);
//! a revoked certificate counts for nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::calendar::add_years;
use crate::codes::CompetencyUnitCode;
use crate::error::{FieldError, Localised, required_text};
use crate::vocab::{CertificateStatus, EvidenceLevel, vocabulary};

/// Validity assumed when a certificate shows no end date: BNSP certificates typically run 3 years.
pub const DEFAULT_CERTIFICATE_VALIDITY_YEARS: u32 = 3;
/// Longest validity accepted on a certificate.
pub const MAX_CERTIFICATE_VALIDITY_YEARS: u32 = 10;

vocabulary! {
    /// A certificate's status today: the stored status plus expiry derived from `valid_until`.
    CertificateState, "certificate state", "keadaan sertifikat" {
        /// In force.
        Active = "active", "Aktif", "Active";
        /// Past its validity date.
        Expired = "expired", "Kedaluwarsa", "Expired";
        /// Revoked by the issuer.
        Revoked = "revoked", "Dicabut", "Revoked";
    }
}

/// What decides a certificate's strength on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CertificateValidity {
    /// Stored status.
    pub status: CertificateStatus,
    /// Last valid day (inclusive).
    pub valid_until: NaiveDate,
}

impl CertificateValidity {
    /// Active, expired (after `valid_until`) or revoked.
    pub fn state(&self, today: NaiveDate) -> CertificateState {
        match self.status {
            CertificateStatus::Revoked => CertificateState::Revoked,
            CertificateStatus::Active if today > self.valid_until => CertificateState::Expired,
            CertificateStatus::Active => CertificateState::Active,
        }
    }

    /// `certified` while active, `trained` once expired, nothing when revoked.
    pub fn evidence_level(&self, today: NaiveDate) -> Option<EvidenceLevel> {
        match self.state(today) {
            CertificateState::Active => Some(EvidenceLevel::Certified),
            CertificateState::Expired => Some(EvidenceLevel::Trained),
            CertificateState::Revoked => None,
        }
    }
}

/// Where one piece of evidence for a unit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceSource {
    /// The seeker says so.
    Declared,
    /// Graduated competent from BLK training that teaches the unit.
    Trained,
    /// A certificate listing the unit.
    Certificate(CertificateValidity),
}

/// One piece of evidence for one unit (a row of `seeker_competencies`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EvidenceItem {
    /// The competency unit.
    pub unit: CompetencyUnitCode,
    /// What backs it.
    pub source: EvidenceSource,
}

impl EvidenceItem {
    /// Its strength today, or `None` when it counts for nothing (a revoked certificate).
    pub fn level(&self, today: NaiveDate) -> Option<EvidenceLevel> {
        match self.source {
            EvidenceSource::Declared => Some(EvidenceLevel::Declared),
            EvidenceSource::Trained => Some(EvidenceLevel::Trained),
            EvidenceSource::Certificate(validity) => validity.evidence_level(today),
        }
    }
}

/// The strongest evidence a seeker has today for each unit; units with no counting evidence are
/// absent. This is what matching and its explanations use.
pub fn best_evidence_per_unit(
    items: &[EvidenceItem],
    today: NaiveDate,
) -> BTreeMap<CompetencyUnitCode, EvidenceLevel> {
    let mut best: BTreeMap<CompetencyUnitCode, EvidenceLevel> = BTreeMap::new();
    for item in items {
        let Some(level) = item.level(today) else {
            continue;
        };
        let entry = best.entry(item.unit.clone()).or_insert(level);
        if level > *entry {
            *entry = level;
        }
    }
    best
}

/// Problems with a certificate's dates or units (text fields use `TextError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// No issue date.
    #[error("issue date is required")]
    IssuedMissing,
    /// Issued after today.
    #[error("issue date must not be in the future")]
    IssuedInFuture,
    /// Valid-until before the issue date.
    #[error("valid-until date must not be before the issue date")]
    ValidityInverted,
    /// Valid for more than [`MAX_CERTIFICATE_VALIDITY_YEARS`].
    #[error("a certificate may be valid for at most {max_years} years")]
    ValidityTooLong {
        /// The maximum.
        max_years: u32,
    },
    /// No units.
    #[error("a certificate must list at least one competency unit")]
    NoUnits,
}

impl Localised for CertificateError {
    fn code(&self) -> &'static str {
        match self {
            CertificateError::IssuedMissing => "certificate_issued_missing",
            CertificateError::IssuedInFuture => "certificate_issued_in_future",
            CertificateError::ValidityInverted => "certificate_validity_inverted",
            CertificateError::ValidityTooLong { .. } => "certificate_validity_too_long",
            CertificateError::NoUnits => "certificate_no_units",
        }
    }

    fn message_id(&self) -> String {
        match self {
            CertificateError::IssuedMissing => "Tanggal terbit wajib diisi".to_string(),
            CertificateError::IssuedInFuture => {
                "Tanggal terbit tidak boleh setelah hari ini".to_string()
            }
            CertificateError::ValidityInverted => {
                "Tanggal berlaku sampai tidak boleh sebelum tanggal terbit".to_string()
            }
            CertificateError::ValidityTooLong { max_years } => {
                format!("Sertifikat paling lama berlaku {max_years} tahun")
            }
            CertificateError::NoUnits => {
                "Sertifikat harus mencantumkan minimal satu unit kompetensi".to_string()
            }
        }
    }
}

/// A certificate as typed in (by the seeker, BLK staff or an officer).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct CertificateDraft {
    /// Certificate number as printed.
    pub number: String,
    /// Certification scheme (skema sertifikasi), e.g. "Juru Las 3G SMAW".
    pub scheme: String,
    /// Issuing LSP.
    pub issuer: String,
    /// Issue date.
    pub issued_on: Option<NaiveDate>,
    /// Last valid day; defaults to the issue date + 3 years.
    pub valid_until: Option<NaiveDate>,
    /// SKKNI units listed on the certificate.
    pub units: Vec<String>,
}

/// A validated certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    number: String,
    scheme: String,
    issuer: String,
    issued_on: NaiveDate,
    validity: CertificateValidity,
    units: Vec<CompetencyUnitCode>,
}

impl CertificateDraft {
    /// Checks every field; duplicate units are kept once. A new certificate is `active`.
    pub fn validate(&self, today: NaiveDate) -> Result<Certificate, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut text = |field: &str, value: &str, min: usize, max: usize| {
            required_text(value, min, max).unwrap_or_else(|error| {
                errors.push(FieldError::from_error(field, &error));
                String::new()
            })
        };
        let number = text("number", &self.number, 1, 100);
        let scheme = text("scheme", &self.scheme, 2, 200);
        let issuer = text("issuer", &self.issuer, 2, 200);

        let dates = match self.issued_on {
            None => {
                errors.push(FieldError::from_error(
                    "issued_on",
                    &CertificateError::IssuedMissing,
                ));
                None
            }
            Some(issued_on) if issued_on > today => {
                errors.push(FieldError::from_error(
                    "issued_on",
                    &CertificateError::IssuedInFuture,
                ));
                None
            }
            Some(issued_on) => {
                let valid_until = self
                    .valid_until
                    .unwrap_or_else(|| add_years(issued_on, DEFAULT_CERTIFICATE_VALIDITY_YEARS));
                if valid_until < issued_on {
                    errors.push(FieldError::from_error(
                        "valid_until",
                        &CertificateError::ValidityInverted,
                    ));
                    None
                } else if valid_until > add_years(issued_on, MAX_CERTIFICATE_VALIDITY_YEARS) {
                    errors.push(FieldError::from_error(
                        "valid_until",
                        &CertificateError::ValidityTooLong {
                            max_years: MAX_CERTIFICATE_VALIDITY_YEARS,
                        },
                    ));
                    None
                } else {
                    Some((issued_on, valid_until))
                }
            }
        };

        let mut units: Vec<CompetencyUnitCode> = Vec::new();
        for (index, unit) in self.units.iter().enumerate() {
            match CompetencyUnitCode::parse(unit) {
                Ok(code) if !units.contains(&code) => units.push(code),
                Ok(_) => {}
                Err(error) => {
                    errors.push(FieldError::from_error(format!("units[{index}]"), &error))
                }
            }
        }
        if self.units.is_empty() {
            errors.push(FieldError::from_error("units", &CertificateError::NoUnits));
        }

        match (errors.is_empty(), dates) {
            (true, Some((issued_on, valid_until))) => Ok(Certificate {
                number,
                scheme,
                issuer,
                issued_on,
                validity: CertificateValidity {
                    status: CertificateStatus::Active,
                    valid_until,
                },
                units,
            }),
            _ => Err(errors),
        }
    }
}

impl Certificate {
    /// Rebuilds a certificate read from the database (already validated when written).
    pub fn from_stored(
        number: String,
        scheme: String,
        issuer: String,
        issued_on: NaiveDate,
        validity: CertificateValidity,
        units: Vec<CompetencyUnitCode>,
    ) -> Certificate {
        Certificate {
            number,
            scheme,
            issuer,
            issued_on,
            validity,
            units,
        }
    }

    /// Certificate number.
    pub fn number(&self) -> &str {
        &self.number
    }
    /// Certification scheme.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }
    /// Issuing LSP.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }
    /// Issue date.
    pub fn issued_on(&self) -> NaiveDate {
        self.issued_on
    }
    /// Stored status and validity date.
    pub fn validity(&self) -> CertificateValidity {
        self.validity
    }
    /// Units listed.
    pub fn units(&self) -> &[CompetencyUnitCode] {
        &self.units
    }
    /// Marks the certificate revoked: it stops counting as evidence at all.
    pub fn revoke(&mut self) {
        self.validity.status = CertificateStatus::Revoked;
    }
    /// Active, expired or revoked today.
    pub fn state(&self, today: NaiveDate) -> CertificateState {
        self.validity.state(today)
    }
    /// One evidence item per unit, for the seeker's profile.
    pub fn evidence_items(&self) -> Vec<EvidenceItem> {
        self.units
            .iter()
            .map(|unit| EvidenceItem {
                unit: unit.clone(),
                source: EvidenceSource::Certificate(self.validity),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn unit(code: &str) -> CompetencyUnitCode {
        CompetencyUnitCode::parse(code).unwrap()
    }

    fn certificate(status: CertificateStatus, valid_until: NaiveDate) -> EvidenceSource {
        EvidenceSource::Certificate(CertificateValidity {
            status,
            valid_until,
        })
    }

    const WELD: &str = "C.251100.001.01";
    const WIRE: &str = "F.432100.010.02";

    #[test]
    fn a_valid_certificate_counts_as_certified_until_its_last_day() {
        let validity = CertificateValidity {
            status: CertificateStatus::Active,
            valid_until: date(2027, 5, 31),
        };
        assert_eq!(
            validity.evidence_level(date(2027, 5, 31)),
            Some(EvidenceLevel::Certified)
        );
        assert_eq!(validity.state(date(2027, 6, 1)), CertificateState::Expired);
    }

    #[test]
    fn an_expired_certificate_counts_as_trained_at_most() {
        let validity = CertificateValidity {
            status: CertificateStatus::Active,
            valid_until: date(2025, 1, 1),
        };
        assert_eq!(
            validity.evidence_level(date(2026, 3, 1)),
            Some(EvidenceLevel::Trained)
        );
    }

    #[test]
    fn a_revoked_certificate_counts_for_nothing_even_while_in_date() {
        let validity = CertificateValidity {
            status: CertificateStatus::Revoked,
            valid_until: date(2030, 1, 1),
        };
        assert_eq!(validity.evidence_level(date(2026, 3, 1)), None);
        assert_eq!(validity.state(date(2026, 3, 1)), CertificateState::Revoked);
    }

    #[test]
    fn the_best_evidence_per_unit_is_the_strongest_that_counts_today() {
        let today = date(2026, 3, 1);
        let items = vec![
            EvidenceItem {
                unit: unit(WELD),
                source: EvidenceSource::Declared,
            },
            EvidenceItem {
                unit: unit(WELD),
                source: certificate(CertificateStatus::Active, date(2027, 1, 1)),
            },
            EvidenceItem {
                unit: unit(WELD),
                source: EvidenceSource::Trained,
            },
            EvidenceItem {
                unit: unit(WIRE),
                source: certificate(CertificateStatus::Revoked, date(2027, 1, 1)),
            },
            EvidenceItem {
                unit: unit(WIRE),
                source: EvidenceSource::Declared,
            },
        ];
        let best = best_evidence_per_unit(&items, today);
        assert_eq!(best.get(&unit(WELD)), Some(&EvidenceLevel::Certified));
        assert_eq!(best.get(&unit(WIRE)), Some(&EvidenceLevel::Declared));
        assert_eq!(best.len(), 2);
    }

    #[test]
    fn a_unit_backed_only_by_a_revoked_certificate_is_absent() {
        let items = vec![EvidenceItem {
            unit: unit(WELD),
            source: certificate(CertificateStatus::Revoked, date(2030, 1, 1)),
        }];
        assert!(best_evidence_per_unit(&items, date(2026, 3, 1)).is_empty());
    }

    #[test]
    fn a_certificate_without_an_end_date_is_valid_three_years() {
        let draft = CertificateDraft {
            number: "62010 2421 3 0001234 2024".to_string(),
            scheme: "Juru Las 3G SMAW".to_string(),
            issuer: "LSP Pengelasan Kaltim".to_string(),
            issued_on: Some(date(2024, 2, 29)),
            valid_until: None,
            units: vec![WELD.to_string(), WELD.to_string()],
        };
        let certificate = draft.validate(date(2026, 3, 1)).unwrap();
        assert_eq!(certificate.validity().valid_until, date(2027, 2, 28));
        assert_eq!(certificate.units().len(), 1);
        assert_eq!(certificate.evidence_items().len(), 1);
        assert_eq!(
            certificate.state(date(2026, 3, 1)),
            CertificateState::Active
        );
    }

    #[test]
    fn revoking_a_certificate_removes_its_evidence() {
        let mut certificate = CertificateDraft {
            number: "X-1".to_string(),
            scheme: "Operator Excavator".to_string(),
            issuer: "LSP Alat Berat".to_string(),
            issued_on: Some(date(2025, 6, 1)),
            valid_until: None,
            units: vec!["F.421100.001.01".to_string()],
        }
        .validate(date(2026, 3, 1))
        .unwrap();
        certificate.revoke();
        let best = best_evidence_per_unit(&certificate.evidence_items(), date(2026, 3, 1));
        assert!(best.is_empty());
    }

    #[test]
    fn a_certificate_draft_reports_each_problem() {
        let draft = CertificateDraft {
            issued_on: Some(date(2026, 3, 2)),
            units: vec!["bad".to_string()],
            ..CertificateDraft::default()
        };
        let errors = draft.validate(date(2026, 3, 1)).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("number", "text_empty"),
                ("scheme", "text_empty"),
                ("issuer", "text_empty"),
                ("issued_on", "certificate_issued_in_future"),
                ("units[0]", "competency_unit_format"),
            ]
        );
    }

    fn any_source() -> impl Strategy<Value = EvidenceSource> {
        prop_oneof![
            Just(EvidenceSource::Declared),
            Just(EvidenceSource::Trained),
            (any::<bool>(), 0i64..2000).prop_map(|(revoked, days)| {
                let status = if revoked {
                    CertificateStatus::Revoked
                } else {
                    CertificateStatus::Active
                };
                certificate(status, date(2024, 1, 1) + chrono::Duration::days(days))
            }),
        ]
    }

    proptest! {
        #[test]
        fn best_evidence_is_never_weaker_than_any_counting_item(
            sources in proptest::collection::vec((0usize..3, any_source()), 0..20),
            offset in 0i64..2000,
        ) {
            let today = date(2024, 1, 1) + chrono::Duration::days(offset);
            let codes = [WELD, WIRE, "J.620100.005.02"];
            let items: Vec<EvidenceItem> = sources
                .into_iter()
                .map(|(index, source)| EvidenceItem { unit: unit(codes[index]), source })
                .collect();
            let best = best_evidence_per_unit(&items, today);
            for item in &items {
                if let Some(level) = item.level(today) {
                    prop_assert!(best[&item.unit] >= level);
                }
            }
            for (code, level) in &best {
                prop_assert!(items.iter().any(|item| &item.unit == code && item.level(today) == Some(*level)));
            }
        }

        #[test]
        fn an_expired_certificate_never_counts_as_certified(days_after in 1i64..5000) {
            let validity = CertificateValidity { status: CertificateStatus::Active, valid_until: date(2024, 1, 1) };
            let today = date(2024, 1, 1) + chrono::Duration::days(days_after);
            prop_assert_eq!(validity.evidence_level(today), Some(EvidenceLevel::Trained));
        }
    }
}
