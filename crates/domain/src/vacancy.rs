//! Vacancies (lowongan): the lifecycle, the legally required content (Perpres 57/2023 on
//! mandatory vacancy reporting), the draft validator and the hiring headcount rule.
//!
//! Lifecycle (docs/data-model.md): `draft → reported` (employer; discrimination flags justified
//! or removed) · `reported → verified` (officer) · `reported → draft` (officer returns it) ·
//! `verified → open` (employer; verified employer only) · `open → filled` (employer, or the
//! system when hires reach headcount) · `draft | reported | verified | open → closed` (employer
//! or officer) · `verified | open → expired` (system). `filled`, `closed`, `expired` are final.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::codes::{CompetencyUnitCode, KbjiCode};
use crate::discrimination::{self, DiscriminationFlag, DiscriminationKind, Justification};
use crate::error::{FieldError, Localised, TextError, optional_text, required_text};
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::money::{Rupiah, WageRange};
use crate::region::{RegionCode, WorkLocation};
use crate::vocab::{
    DrivingLicence, EducationLevel, EmploymentType, EvidenceLevel, Sex, UnitRequirement,
    VacancyStatus, VerificationStatus, WagePeriod,
};

impl Lifecycle for VacancyStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "vacancy",
        id: "Lowongan",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[VacancyStatus::Draft]
    }

    fn is_final(self) -> bool {
        matches!(
            self,
            VacancyStatus::Filled | VacancyStatus::Closed | VacancyStatus::Expired
        )
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use VacancyStatus::*;
        match (self, to) {
            (Draft, Reported) => &[Actor::Employer],
            (Reported, Verified) => &[Actor::Officer],
            (Reported, Draft) => &[Actor::Officer],
            (Verified, Open) => &[Actor::Employer],
            (Open, Filled) => &[Actor::Employer, Actor::System],
            (Draft | Reported | Verified | Open, Closed) => &[Actor::Employer, Actor::Officer],
            (Verified | Open, Expired) => &[Actor::System],
            _ => &[],
        }
    }
}

impl VacancyStatus {
    /// Whether seekers can see and apply to the vacancy.
    pub fn accepts_applications(self) -> bool {
        self == VacancyStatus::Open
    }

    /// Whether the system should move this vacancy to `expired` today: it is verified or open
    /// and its validity (inclusive of `valid_until`) has ended.
    pub fn should_expire(self, valid_until: NaiveDate, today: NaiveDate) -> bool {
        matches!(self, VacancyStatus::Verified | VacancyStatus::Open) && today > valid_until
    }
}

/// Longest validity period accepted for one vacancy. A policy choice, not a legal limit (to
/// confirm with the labour office): an employer re-reports a vacancy that stays open longer.
pub const MAX_VALIDITY_DAYS: i64 = 180;
/// Largest headcount for one vacancy; bigger intakes are split per position or site.
pub const MAX_HEADCOUNT: u32 = 1000;
/// Most competency units on one vacancy.
pub const MAX_UNITS: usize = 50;
/// Longest minimum experience, in months (50 years).
pub const MAX_EXPERIENCE_MONTHS: u32 = 600;

/// A broken vacancy rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VacancyError {
    /// Headcount below one.
    #[error("headcount must be at least 1")]
    HeadcountZero,
    /// Headcount above [`MAX_HEADCOUNT`].
    #[error("headcount must be at most {max}, got {got}")]
    HeadcountTooLarge {
        /// The maximum.
        max: u32,
        /// The value given.
        got: i64,
    },
    /// A validity date is missing.
    #[error("validity period must have a start and an end date")]
    ValidityMissing,
    /// `valid_until` before `valid_from`.
    #[error("validity period must not end before it starts")]
    ValidityInverted,
    /// Longer than [`MAX_VALIDITY_DAYS`].
    #[error("validity period must be at most {max_days} days, got {got_days}")]
    ValidityTooLong {
        /// The maximum.
        max_days: i64,
        /// Days given.
        got_days: i64,
    },
    /// No wage given.
    #[error("wage must be stated")]
    WageMissing,
    /// A wage of zero.
    #[error("wage must be more than zero")]
    WageZero,
    /// Neither a region nor an outside-city location.
    #[error("work location must be a region of balikpapan or a place outside the city")]
    LocationMissing,
    /// No KBJI occupation code.
    #[error("occupation (kbji code) is required")]
    OccupationMissing,
    /// Both a region and an outside-city location.
    #[error(
        "work location must be either a region of balikpapan or a place outside the city, not both"
    )]
    LocationBoth,
    /// Experience out of range.
    #[error("minimum experience must be between 0 and {max} months, got {got}")]
    ExperienceOutOfRange {
        /// The maximum.
        max: u32,
        /// The value given.
        got: i64,
    },
    /// More than [`MAX_UNITS`] units.
    #[error("a vacancy may list at most {max} competency units, got {got}")]
    TooManyUnits {
        /// The maximum.
        max: usize,
        /// How many were given.
        got: usize,
    },
    /// The same unit twice with the same requirement.
    #[error("competency unit {code} is listed twice")]
    UnitDuplicate {
        /// The unit code.
        code: String,
    },
    /// The same unit as required and as optional.
    #[error("competency unit {code} cannot be both required and optional")]
    UnitRequiredAndOptional {
        /// The unit code.
        code: String,
    },
    /// Reserved openings out of range.
    #[error(
        "openings reserved for people with disabilities must be between 0 and the headcount {headcount}, got {got}"
    )]
    ReservedOutOfRange {
        /// The headcount.
        headcount: u32,
        /// The value given.
        got: i64,
    },
    /// Two justifications for the same kind.
    #[error("only one justification per kind of requirement, {kind} is given twice")]
    JustificationDuplicate {
        /// The kind spelling.
        kind: &'static str,
    },
    /// Publishing for an employer that is not verified.
    #[error("only a verified employer can publish a vacancy, the employer is {status}")]
    EmployerNotVerified {
        /// The employer's verification status spelling.
        status: &'static str,
    },
    /// Publishing after the validity ended.
    #[error("the vacancy's validity ended on {valid_until}")]
    ValidityEnded {
        /// The last valid day.
        valid_until: NaiveDate,
    },
    /// Hiring on a vacancy that is not open.
    #[error("hires can only be recorded on an open vacancy, this one is {status}")]
    NotOpen {
        /// The vacancy status spelling.
        status: &'static str,
    },
    /// Every opening is already filled.
    #[error("vacancy has no openings left: {filled} of {headcount} filled")]
    NoOpeningsLeft {
        /// Hires recorded.
        filled: u32,
        /// The headcount.
        headcount: u32,
    },
    /// A "filled" report with an impossible number.
    #[error("filled count must be between {min} and the headcount {headcount}, got {got}")]
    FilledCountOutOfRange {
        /// Hires already recorded (at least 1).
        min: u32,
        /// The headcount.
        headcount: u32,
        /// The value given.
        got: u32,
    },
}

impl Localised for VacancyError {
    fn code(&self) -> &'static str {
        match self {
            VacancyError::HeadcountZero => "headcount_zero",
            VacancyError::HeadcountTooLarge { .. } => "headcount_too_large",
            VacancyError::ValidityMissing => "validity_missing",
            VacancyError::ValidityInverted => "validity_inverted",
            VacancyError::ValidityTooLong { .. } => "validity_too_long",
            VacancyError::WageMissing => "wage_missing",
            VacancyError::WageZero => "wage_zero",
            VacancyError::LocationMissing => "location_missing",
            VacancyError::LocationBoth => "location_both",
            VacancyError::OccupationMissing => "occupation_missing",
            VacancyError::ExperienceOutOfRange { .. } => "experience_out_of_range",
            VacancyError::TooManyUnits { .. } => "units_too_many",
            VacancyError::UnitDuplicate { .. } => "unit_duplicate",
            VacancyError::UnitRequiredAndOptional { .. } => "unit_required_and_optional",
            VacancyError::ReservedOutOfRange { .. } => "reserved_openings_out_of_range",
            VacancyError::JustificationDuplicate { .. } => "justification_duplicate",
            VacancyError::EmployerNotVerified { .. } => "employer_not_verified",
            VacancyError::ValidityEnded { .. } => "validity_ended",
            VacancyError::NotOpen { .. } => "vacancy_not_open",
            VacancyError::NoOpeningsLeft { .. } => "no_openings_left",
            VacancyError::FilledCountOutOfRange { .. } => "filled_count_out_of_range",
        }
    }

    fn message_id(&self) -> String {
        match self {
            VacancyError::HeadcountZero => "Jumlah kebutuhan minimal 1 orang".to_string(),
            VacancyError::HeadcountTooLarge { max, got } => {
                format!("Jumlah kebutuhan maksimal {max} orang, diterima {got}")
            }
            VacancyError::ValidityMissing => {
                "Masa berlaku harus memiliki tanggal mulai dan tanggal berakhir".to_string()
            }
            VacancyError::ValidityInverted => {
                "Tanggal berakhir masa berlaku tidak boleh sebelum tanggal mulai".to_string()
            }
            VacancyError::ValidityTooLong { max_days, got_days } => {
                format!("Masa berlaku maksimal {max_days} hari, diterima {got_days}")
            }
            VacancyError::WageMissing => "Upah wajib dicantumkan".to_string(),
            VacancyError::WageZero => "Upah harus lebih dari nol".to_string(),
            VacancyError::LocationMissing => {
                "Lokasi kerja harus berupa wilayah Balikpapan atau tempat di luar kota".to_string()
            }
            VacancyError::LocationBoth => {
                "Lokasi kerja harus wilayah Balikpapan atau tempat di luar kota, tidak boleh keduanya"
                    .to_string()
            }
            VacancyError::OccupationMissing => "Jabatan (kode KBJI) wajib diisi".to_string(),
            VacancyError::ExperienceOutOfRange { max, got } => {
                format!("Pengalaman minimal harus antara 0 dan {max} bulan, diterima {got}")
            }
            VacancyError::TooManyUnits { max, got } => {
                format!("Lowongan paling banyak memuat {max} unit kompetensi, diterima {got}")
            }
            VacancyError::UnitDuplicate { code } => {
                format!("Unit kompetensi {code} tercantum dua kali")
            }
            VacancyError::UnitRequiredAndOptional { code } => {
                format!("Unit kompetensi {code} tidak boleh sekaligus wajib dan diutamakan")
            }
            VacancyError::ReservedOutOfRange { headcount, got } => format!(
                "Formasi khusus penyandang disabilitas harus antara 0 dan jumlah kebutuhan {headcount}, diterima {got}"
            ),
            VacancyError::JustificationDuplicate { kind } => {
                format!("Alasan untuk jenis syarat {kind} hanya boleh satu")
            }
            VacancyError::EmployerNotVerified { .. } => {
                "Hanya pemberi kerja yang sudah terverifikasi yang dapat menayangkan lowongan"
                    .to_string()
            }
            VacancyError::ValidityEnded { valid_until } => format!(
                "Masa berlaku lowongan sudah berakhir pada {}",
                valid_until.format("%d-%m-%Y")
            ),
            VacancyError::NotOpen { .. } => {
                "Penerimaan pekerja hanya dapat dicatat pada lowongan yang sedang dibuka"
                    .to_string()
            }
            VacancyError::NoOpeningsLeft { filled, headcount } => format!(
                "Lowongan sudah tidak memiliki formasi: {filled} dari {headcount} sudah terisi"
            ),
            VacancyError::FilledCountOutOfRange {
                min,
                headcount,
                got,
            } => format!(
                "Jumlah yang terisi harus antara {min} dan jumlah kebutuhan {headcount}, diterima {got}"
            ),
        }
    }
}

/// Checks that a verified vacancy may be published today (`verified → open`): the employer is
/// verified and the validity has not ended. The status move itself is checked by `transition`.
pub fn check_can_publish(
    employer_status: VerificationStatus,
    valid_until: NaiveDate,
    today: NaiveDate,
) -> Result<(), VacancyError> {
    if employer_status != VerificationStatus::Verified {
        return Err(VacancyError::EmployerNotVerified {
            status: employer_status.as_str(),
        });
    }
    if today > valid_until {
        return Err(VacancyError::ValidityEnded { valid_until });
    }
    Ok(())
}

/// What recording one more hire does to a vacancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HireOutcome {
    /// Hires recorded after this one.
    pub filled_count: u32,
    /// This hire took the last opening: the vacancy moves to `filled` (by the system).
    pub fills_vacancy: bool,
}

/// The headcount rule: a hire is possible only on an open vacancy with
/// `filled_count < headcount`, and the last opening filled fills the vacancy. Run it inside the
/// transaction that locks the vacancy row, so concurrent hires cannot exceed the headcount.
pub fn record_hire(
    status: VacancyStatus,
    headcount: u32,
    filled_count: u32,
) -> Result<HireOutcome, VacancyError> {
    if status != VacancyStatus::Open {
        return Err(VacancyError::NotOpen {
            status: status.as_str(),
        });
    }
    if filled_count >= headcount {
        return Err(VacancyError::NoOpeningsLeft {
            filled: filled_count,
            headcount,
        });
    }
    let after = filled_count + 1;
    Ok(HireOutcome {
        filled_count: after,
        fills_vacancy: after == headcount,
    })
}

/// Checks the number an employer gives when reporting a vacancy filled (some hires may have
/// happened outside Jembatan): at least the hires recorded (and at least 1), at most headcount.
pub fn check_reported_fill(
    headcount: u32,
    hires_recorded: u32,
    reported_filled: u32,
) -> Result<u32, VacancyError> {
    let min = hires_recorded.max(1);
    if reported_filled < min || reported_filled > headcount {
        return Err(VacancyError::FilledCountOutOfRange {
            min,
            headcount,
            got: reported_filled,
        });
    }
    Ok(reported_filled)
}

/// A competency unit input of a vacancy draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct UnitDraft {
    /// SKKNI code, e.g. `C.251100.001.01`.
    pub unit_code: String,
    /// `required` or `optional`.
    pub requirement: String,
    /// Optional minimum evidence, e.g. `certified` for "certificate required".
    pub min_evidence_level: Option<String>,
}

/// A justification input of a vacancy draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JustificationDraft {
    /// Discrimination kind spelling, e.g. `sex`.
    pub kind: String,
    /// Why the requirement is genuinely needed.
    pub reason: String,
}

/// A vacancy as typed by the employer: raw text and numbers, so that every problem can be
/// reported per field, in both languages, by [`VacancyDraft::validate`].
///
/// Field names follow the `vacancies` and `vacancy_units` columns; field errors name them
/// (`headcount`, `valid_until`, `units[2].unit_code`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct VacancyDraft {
    /// Job title (3–120 characters).
    pub title: String,
    /// Free description (optional, up to 5,000 characters).
    pub description: String,
    /// Requirements in words (10–5,000 characters): education, competencies, experience.
    pub requirements: String,
    /// Number of openings (1–1,000).
    pub headcount: i64,
    /// First day the vacancy is valid.
    pub valid_from: Option<NaiveDate>,
    /// Last day the vacancy is valid (at most 180 days after `valid_from`).
    pub valid_until: Option<NaiveDate>,
    /// Employment type spelling.
    pub employment_type: String,
    /// Lowest wage in rupiah.
    pub wage_min_rupiah: Option<i64>,
    /// Highest wage in rupiah; defaults to the minimum.
    pub wage_max_rupiah: Option<i64>,
    /// Wage period spelling.
    pub wage_period: String,
    /// Region code (`64.71.02`, `64.71`) or kecamatan spelling, when the job is in the city.
    pub region_code: Option<String>,
    /// Description of the place, when the job is outside the city.
    pub outside_city_location: Option<String>,
    /// Street address or site of the workplace (optional).
    pub location_detail: Option<String>,
    /// KBJI occupation code (required: the IPK report counts by occupation group).
    pub kbji_code: String,
    /// Minimum education spelling (optional).
    pub min_education: Option<String>,
    /// Required major (optional).
    pub education_major: Option<String>,
    /// Minimum experience in months (0–600).
    pub min_experience_months: i64,
    /// Required driving licence classes.
    pub driving_licences: Vec<String>,
    /// Required and optional competency units.
    pub units: Vec<UnitDraft>,
    /// Accepted certification schemes, in words.
    pub accepted_certification_schemes: Vec<String>,
    /// Openings reserved for people with disabilities (0–headcount).
    pub reserved_disability_openings: i64,
    /// How to apply (optional).
    pub how_to_apply: Option<String>,
    /// A stated sex requirement (`L` or `P`), if any: always a flag that needs a justification.
    pub sex_requirement: Option<String>,
    /// Hide name, photo, age and sex from the employer until the interview stage.
    pub blind_review: bool,
    /// Justifications for flagged requirements, one per kind.
    pub justifications: Vec<JustificationDraft>,
}

/// A competency unit of a valid vacancy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VacancyUnit {
    /// The SKKNI unit.
    pub code: CompetencyUnitCode,
    /// Required or optional.
    pub requirement: UnitRequirement,
    /// The weakest evidence that counts, when the employer set one.
    pub min_evidence_level: Option<EvidenceLevel>,
}

impl VacancyUnit {
    /// Whether a seeker's best evidence for this unit satisfies it.
    pub fn is_satisfied_by(&self, best_evidence: Option<EvidenceLevel>) -> bool {
        match (best_evidence, self.min_evidence_level) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(level), Some(minimum)) => level >= minimum,
        }
    }
}

/// A vacancy whose every field passed validation. Only [`VacancyDraft::validate`] makes one, so
/// holding a `ValidVacancy` means the legal content is complete and consistent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidVacancy {
    title: String,
    description: String,
    requirements: String,
    headcount: u32,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
    employment_type: EmploymentType,
    wage: WageRange,
    wage_period: WagePeriod,
    location: WorkLocation,
    location_detail: Option<String>,
    kbji_code: KbjiCode,
    min_education: Option<EducationLevel>,
    education_major: Option<String>,
    min_experience_months: u32,
    driving_licences: Vec<DrivingLicence>,
    units: Vec<VacancyUnit>,
    accepted_certification_schemes: Vec<String>,
    reserved_disability_openings: u32,
    how_to_apply: Option<String>,
    sex_requirement: Option<Sex>,
    blind_review: bool,
    justifications: Vec<Justification>,
    discrimination_flags: Vec<DiscriminationFlag>,
}

impl VacancyDraft {
    /// Checks every field and returns all problems at once, or the valid vacancy. Discrimination
    /// flags do not fail validation (a draft may keep them); they block reporting instead, see
    /// [`ValidVacancy::check_reportable`].
    pub fn validate(&self) -> Result<ValidVacancy, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut text = |field: &str, result: Result<String, TextError>| match result {
            Ok(value) => value,
            Err(error) => {
                errors.push(FieldError::from_error(field, &error));
                String::new()
            }
        };
        let title = text("title", required_text(&self.title, 3, 120));
        let requirements = text("requirements", required_text(&self.requirements, 10, 5000));
        let description = text(
            "description",
            optional_text(Some(&self.description), 5000).map(Option::unwrap_or_default),
        );

        let mut optional = |field: &str, value: &Option<String>, max: usize| match optional_text(
            value.as_deref(),
            max,
        ) {
            Ok(value) => value,
            Err(error) => {
                errors.push(FieldError::from_error(field, &error));
                None
            }
        };
        let location_detail = optional("location_detail", &self.location_detail, 500);
        let education_major = optional("education_major", &self.education_major, 100);
        let how_to_apply = optional("how_to_apply", &self.how_to_apply, 2000);
        let outside_city = optional("outside_city_location", &self.outside_city_location, 200);

        let headcount = match self.headcount {
            count if count < 1 => {
                errors.push(FieldError::from_error(
                    "headcount",
                    &VacancyError::HeadcountZero,
                ));
                None
            }
            count if count > i64::from(MAX_HEADCOUNT) => {
                errors.push(FieldError::from_error(
                    "headcount",
                    &VacancyError::HeadcountTooLarge {
                        max: MAX_HEADCOUNT,
                        got: count,
                    },
                ));
                None
            }
            count => u32::try_from(count).ok(),
        };

        let validity = match (self.valid_from, self.valid_until) {
            (Some(from), Some(until)) => {
                let days = (until - from).num_days();
                if until < from {
                    errors.push(FieldError::from_error(
                        "valid_until",
                        &VacancyError::ValidityInverted,
                    ));
                    None
                } else if days > MAX_VALIDITY_DAYS {
                    errors.push(FieldError::from_error(
                        "valid_until",
                        &VacancyError::ValidityTooLong {
                            max_days: MAX_VALIDITY_DAYS,
                            got_days: days,
                        },
                    ));
                    None
                } else {
                    Some((from, until))
                }
            }
            (from, _) => {
                let field = if from.is_none() {
                    "valid_from"
                } else {
                    "valid_until"
                };
                errors.push(FieldError::from_error(
                    field,
                    &VacancyError::ValidityMissing,
                ));
                None
            }
        };

        let employment_type = match EmploymentType::parse(&self.employment_type) {
            Ok(value) => Some(value),
            Err(error) => {
                errors.push(FieldError::from_error("employment_type", &error));
                None
            }
        };
        let wage_period = match WagePeriod::parse(&self.wage_period) {
            Ok(value) => Some(value),
            Err(error) => {
                errors.push(FieldError::from_error("wage_period", &error));
                None
            }
        };
        let wage = validate_wage(self.wage_min_rupiah, self.wage_max_rupiah, &mut errors);

        let region = self
            .region_code
            .as_deref()
            .map(str::trim)
            .filter(|code| !code.is_empty());
        let location = match (region, outside_city) {
            (Some(code), None) => match RegionCode::parse(code) {
                Ok(region_code) => Some(WorkLocation::InCity { region_code }),
                Err(error) => {
                    errors.push(FieldError::from_error("region_code", &error));
                    None
                }
            },
            (Some(_), Some(_)) => {
                errors.push(FieldError::from_error(
                    "region_code",
                    &VacancyError::LocationBoth,
                ));
                None
            }
            (None, Some(description)) => Some(WorkLocation::OutsideCity { description }),
            (None, None) => {
                errors.push(FieldError::from_error(
                    "region_code",
                    &VacancyError::LocationMissing,
                ));
                None
            }
        };

        let kbji_code = match self.kbji_code.trim() {
            "" => {
                errors.push(FieldError::from_error(
                    "kbji_code",
                    &VacancyError::OccupationMissing,
                ));
                None
            }
            code => match KbjiCode::parse(code) {
                Ok(code) => Some(code),
                Err(error) => {
                    errors.push(FieldError::from_error("kbji_code", &error));
                    None
                }
            },
        };
        let sex_requirement = match self.sex_requirement.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => match Sex::parse(value) {
                Ok(sex) => Some(sex),
                Err(error) => {
                    errors.push(FieldError::from_error("sex_requirement", &error));
                    None
                }
            },
        };
        let min_education = match self.min_education.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(level) => match EducationLevel::parse(level) {
                Ok(level) => Some(level),
                Err(error) => {
                    errors.push(FieldError::from_error("min_education", &error));
                    None
                }
            },
        };

        let min_experience_months = match u32::try_from(self.min_experience_months) {
            Ok(months) if months <= MAX_EXPERIENCE_MONTHS => months,
            _ => {
                errors.push(FieldError::from_error(
                    "min_experience_months",
                    &VacancyError::ExperienceOutOfRange {
                        max: MAX_EXPERIENCE_MONTHS,
                        got: self.min_experience_months,
                    },
                ));
                0
            }
        };

        let mut driving_licences: Vec<DrivingLicence> = Vec::new();
        for (index, licence) in self.driving_licences.iter().enumerate() {
            match DrivingLicence::parse(licence.trim()) {
                Ok(licence) if !driving_licences.contains(&licence) => {
                    driving_licences.push(licence)
                }
                Ok(_) => {}
                Err(error) => errors.push(FieldError::from_error(
                    format!("driving_licences[{index}]"),
                    &error,
                )),
            }
        }

        let units = validate_units(&self.units, &mut errors);

        let mut accepted_certification_schemes = Vec::new();
        for (index, scheme) in self.accepted_certification_schemes.iter().enumerate() {
            match required_text(scheme, 2, 200) {
                Ok(scheme) => accepted_certification_schemes.push(scheme),
                Err(error) => errors.push(FieldError::from_error(
                    format!("accepted_certification_schemes[{index}]"),
                    &error,
                )),
            }
        }

        let reserved_disability_openings = match headcount {
            Some(headcount) => match u32::try_from(self.reserved_disability_openings) {
                Ok(reserved) if reserved <= headcount => reserved,
                _ => {
                    errors.push(FieldError::from_error(
                        "reserved_disability_openings",
                        &VacancyError::ReservedOutOfRange {
                            headcount,
                            got: self.reserved_disability_openings,
                        },
                    ));
                    0
                }
            },
            None => 0,
        };

        let justifications = validate_justifications(&self.justifications, &mut errors);

        let (
            false,
            Some(headcount),
            Some((valid_from, valid_until)),
            Some(employment_type),
            Some(wage_period),
            Some(wage),
            Some(location),
            Some(kbji_code),
        ) = (
            !errors.is_empty(),
            headcount,
            validity,
            employment_type,
            wage_period,
            wage,
            location,
            kbji_code,
        )
        else {
            return Err(errors);
        };
        let mut discrimination_flags =
            discrimination::check_vacancy_text(&title, &description, &requirements);
        if let Some(sex) = sex_requirement {
            discrimination_flags.push(discrimination::sex_requirement_flag(sex));
        }
        Ok(ValidVacancy {
            title,
            description,
            requirements,
            headcount,
            valid_from,
            valid_until,
            employment_type,
            wage,
            wage_period,
            location,
            location_detail,
            kbji_code,
            min_education,
            education_major,
            min_experience_months,
            driving_licences,
            units,
            accepted_certification_schemes,
            reserved_disability_openings,
            how_to_apply,
            sex_requirement,
            blind_review: self.blind_review,
            justifications,
            discrimination_flags,
        })
    }
}

fn validate_wage(
    min: Option<i64>,
    max: Option<i64>,
    errors: &mut Vec<FieldError>,
) -> Option<WageRange> {
    let Some(min) = min else {
        errors.push(FieldError::from_error(
            "wage_min_rupiah",
            &VacancyError::WageMissing,
        ));
        return None;
    };
    let min = match Rupiah::new(min) {
        Ok(amount) if amount > Rupiah::ZERO => amount,
        Ok(_) => {
            errors.push(FieldError::from_error(
                "wage_min_rupiah",
                &VacancyError::WageZero,
            ));
            return None;
        }
        Err(error) => {
            errors.push(FieldError::from_error("wage_min_rupiah", &error));
            return None;
        }
    };
    let max = match max.map(Rupiah::new) {
        None => min,
        Some(Ok(amount)) => amount,
        Some(Err(error)) => {
            errors.push(FieldError::from_error("wage_max_rupiah", &error));
            return None;
        }
    };
    match WageRange::new(min, max) {
        Ok(range) => Some(range),
        Err(error) => {
            errors.push(FieldError::from_error("wage_max_rupiah", &error));
            None
        }
    }
}

fn validate_units(drafts: &[UnitDraft], errors: &mut Vec<FieldError>) -> Vec<VacancyUnit> {
    if drafts.len() > MAX_UNITS {
        errors.push(FieldError::from_error(
            "units",
            &VacancyError::TooManyUnits {
                max: MAX_UNITS,
                got: drafts.len(),
            },
        ));
        return Vec::new();
    }
    let mut units: Vec<VacancyUnit> = Vec::new();
    for (index, draft) in drafts.iter().enumerate() {
        let code = CompetencyUnitCode::parse(&draft.unit_code);
        let requirement = UnitRequirement::parse(draft.requirement.trim());
        let min_evidence_level = match draft.min_evidence_level.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(level) => EvidenceLevel::parse(level).map(Some),
        };
        if let Err(error) = &code {
            errors.push(FieldError::from_error(
                format!("units[{index}].unit_code"),
                error,
            ));
        }
        if let Err(error) = &requirement {
            errors.push(FieldError::from_error(
                format!("units[{index}].requirement"),
                error,
            ));
        }
        if let Err(error) = &min_evidence_level {
            errors.push(FieldError::from_error(
                format!("units[{index}].min_evidence_level"),
                error,
            ));
        }
        let (Ok(code), Ok(requirement), Ok(min_evidence_level)) =
            (code, requirement, min_evidence_level)
        else {
            continue;
        };
        if let Some(earlier) = units.iter().find(|unit| unit.code == code) {
            let error = if earlier.requirement == requirement {
                VacancyError::UnitDuplicate {
                    code: code.to_string(),
                }
            } else {
                VacancyError::UnitRequiredAndOptional {
                    code: code.to_string(),
                }
            };
            errors.push(FieldError::from_error(
                format!("units[{index}].unit_code"),
                &error,
            ));
            continue;
        }
        units.push(VacancyUnit {
            code,
            requirement,
            min_evidence_level,
        });
    }
    units
}

fn validate_justifications(
    drafts: &[JustificationDraft],
    errors: &mut Vec<FieldError>,
) -> Vec<Justification> {
    let mut justifications: Vec<Justification> = Vec::new();
    for (index, draft) in drafts.iter().enumerate() {
        let kind = match DiscriminationKind::parse(draft.kind.trim()) {
            Ok(kind) => kind,
            Err(error) => {
                errors.push(FieldError::from_error(
                    format!("justifications[{index}].kind"),
                    &error,
                ));
                continue;
            }
        };
        if justifications.iter().any(|j| j.kind() == kind) {
            errors.push(FieldError::from_error(
                format!("justifications[{index}].kind"),
                &VacancyError::JustificationDuplicate {
                    kind: kind.as_str(),
                },
            ));
            continue;
        }
        match Justification::new(kind, &draft.reason) {
            Ok(justification) => justifications.push(justification),
            Err(error) => errors.push(FieldError::from_error(
                format!("justifications[{index}].reason"),
                &error,
            )),
        }
    }
    justifications
}

impl ValidVacancy {
    /// Job title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Description (may be empty).
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Requirements in words.
    pub fn requirements(&self) -> &str {
        &self.requirements
    }
    /// Number of openings (at least 1).
    pub fn headcount(&self) -> u32 {
        self.headcount
    }
    /// First valid day.
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }
    /// Last valid day (inclusive).
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }
    /// Employment type.
    pub fn employment_type(&self) -> EmploymentType {
        self.employment_type
    }
    /// Wage range.
    pub fn wage(&self) -> WageRange {
        self.wage
    }
    /// Wage period.
    pub fn wage_period(&self) -> WagePeriod {
        self.wage_period
    }
    /// Work location.
    pub fn location(&self) -> &WorkLocation {
        &self.location
    }
    /// Street address or site, if given.
    pub fn location_detail(&self) -> Option<&str> {
        self.location_detail.as_deref()
    }
    /// KBJI occupation.
    pub fn kbji_code(&self) -> &KbjiCode {
        &self.kbji_code
    }
    /// Minimum education, if any.
    pub fn min_education(&self) -> Option<EducationLevel> {
        self.min_education
    }
    /// Required major, if any.
    pub fn education_major(&self) -> Option<&str> {
        self.education_major.as_deref()
    }
    /// Minimum experience in months.
    pub fn min_experience_months(&self) -> u32 {
        self.min_experience_months
    }
    /// Required driving licences, without duplicates.
    pub fn driving_licences(&self) -> &[DrivingLicence] {
        &self.driving_licences
    }
    /// Competency units, each code at most once.
    pub fn units(&self) -> &[VacancyUnit] {
        &self.units
    }
    /// The required units only.
    pub fn required_units(&self) -> impl Iterator<Item = &VacancyUnit> {
        self.units
            .iter()
            .filter(|unit| unit.requirement == UnitRequirement::Required)
    }
    /// The optional units only.
    pub fn optional_units(&self) -> impl Iterator<Item = &VacancyUnit> {
        self.units
            .iter()
            .filter(|unit| unit.requirement == UnitRequirement::Optional)
    }
    /// Accepted certification schemes.
    pub fn accepted_certification_schemes(&self) -> &[String] {
        &self.accepted_certification_schemes
    }
    /// Openings reserved for people with disabilities (at most the headcount).
    pub fn reserved_disability_openings(&self) -> u32 {
        self.reserved_disability_openings
    }
    /// How to apply, if given.
    pub fn how_to_apply(&self) -> Option<&str> {
        self.how_to_apply.as_deref()
    }
    /// The stated sex requirement, if any (also present as a flag).
    pub fn sex_requirement(&self) -> Option<Sex> {
        self.sex_requirement
    }
    /// Whether identities are hidden from the employer until the interview stage.
    pub fn blind_review(&self) -> bool {
        self.blind_review
    }
    /// Justifications given, one per kind at most.
    pub fn justifications(&self) -> &[Justification] {
        &self.justifications
    }
    /// Every possibly discriminatory requirement found in the text.
    pub fn discrimination_flags(&self) -> &[DiscriminationFlag] {
        &self.discrimination_flags
    }
    /// The flags not covered by a justification: these block `draft → reported`.
    pub fn unjustified_flags(&self) -> Vec<&DiscriminationFlag> {
        discrimination::unjustified(&self.discrimination_flags, &self.justifications)
    }
    /// Whether the employer may submit (report) this vacancy: every flag justified.
    pub fn check_reportable(&self) -> Result<(), Vec<FieldError>> {
        discrimination::ensure_justified(&self.discrimination_flags, &self.justifications)
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::TransitionRefusal;
    use crate::lifecycle::machine_checks;
    use VacancyStatus::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn welder_draft() -> VacancyDraft {
        VacancyDraft {
            title: "Juru Las 6G".to_string(),
            description: "Pengelasan pipa di area kilang".to_string(),
            requirements: "SMK teknik pengelasan, sertifikat las 6G, pengalaman 2 tahun"
                .to_string(),
            headcount: 5,
            valid_from: Some(date(2026, 3, 1)),
            valid_until: Some(date(2026, 4, 30)),
            employment_type: "pkwt".to_string(),
            wage_min_rupiah: Some(5_500_000),
            wage_max_rupiah: Some(7_000_000),
            wage_period: "bulanan".to_string(),
            region_code: Some("64.71.02".to_string()),
            kbji_code: "7212.01".to_string(),
            min_education: Some("smk".to_string()),
            min_experience_months: 24,
            driving_licences: vec!["C".to_string(), "C".to_string()],
            units: vec![
                UnitDraft {
                    unit_code: "C.251100.001.01".to_string(),
                    requirement: "required".to_string(),
                    min_evidence_level: Some("certified".to_string()),
                },
                UnitDraft {
                    unit_code: "C.251100.002.01".to_string(),
                    requirement: "optional".to_string(),
                    min_evidence_level: None,
                },
            ],
            reserved_disability_openings: 1,
            ..VacancyDraft::default()
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(String, &'static str)> {
        errors.iter().map(|e| (e.field.clone(), e.code)).collect()
    }

    #[test]
    fn the_documented_lifecycle_is_allowed_for_the_documented_actors() {
        assert_eq!(Draft.transition(Reported, Actor::Employer), Ok(Reported));
        assert_eq!(Reported.transition(Verified, Actor::Officer), Ok(Verified));
        assert_eq!(Reported.transition(Draft, Actor::Officer), Ok(Draft));
        assert_eq!(Verified.transition(Open, Actor::Employer), Ok(Open));
        assert_eq!(Open.transition(Filled, Actor::System), Ok(Filled));
        assert_eq!(Open.transition(Filled, Actor::Employer), Ok(Filled));
        assert_eq!(Draft.transition(Closed, Actor::Employer), Ok(Closed));
        assert_eq!(Open.transition(Closed, Actor::Officer), Ok(Closed));
        assert_eq!(Verified.transition(Expired, Actor::System), Ok(Expired));
        assert_eq!(Open.transition(Expired, Actor::System), Ok(Expired));
    }

    #[test]
    fn an_employer_cannot_verify_its_own_vacancy() {
        let error = Reported.transition(Verified, Actor::Employer).unwrap_err();
        assert_eq!(
            error.to_string(),
            "vacancy cannot move from reported to verified by employer: only officer may do this"
        );
        assert_eq!(
            error.message_id(),
            "Lowongan tidak dapat dipindahkan dari status Dilaporkan ke Terverifikasi oleh pemberi kerja: hanya petugas Disnaker yang boleh melakukannya"
        );
        assert_eq!(error.code(), "transition_actor_not_permitted");
    }

    #[test]
    fn an_admin_may_do_what_an_officer_may() {
        assert_eq!(Reported.transition(Verified, Actor::Admin), Ok(Verified));
        assert!(Draft.transition(Reported, Actor::Admin).is_err());
    }

    #[test]
    fn a_filled_vacancy_cannot_reopen() {
        let error = Filled.transition(Open, Actor::Officer).unwrap_err();
        assert_eq!(error.refusal, TransitionRefusal::FromFinal);
        assert_eq!(
            error.to_string(),
            "vacancy cannot move from filled to open: filled is final"
        );
        assert_eq!(
            error.message_id(),
            "Lowongan tidak dapat berpindah dari status Terisi ke Dibuka: Terisi adalah status akhir"
        );
    }

    #[test]
    fn a_draft_cannot_skip_verification_and_open() {
        let error = Draft.transition(Open, Actor::Employer).unwrap_err();
        assert_eq!(error.refusal, TransitionRefusal::NotAllowed);
        assert_eq!(
            error.to_string(),
            "vacancy cannot move from draft to open: not an allowed step"
        );
    }

    #[test]
    fn only_the_system_expires_a_vacancy_and_drafts_never_expire() {
        assert!(Open.transition(Expired, Actor::Officer).is_err());
        assert!(Draft.transition(Expired, Actor::System).is_err());
        assert!(Open.should_expire(date(2026, 4, 30), date(2026, 5, 1)));
        assert!(!Open.should_expire(date(2026, 4, 30), date(2026, 4, 30)));
        assert!(!Draft.should_expire(date(2026, 4, 30), date(2026, 5, 1)));
    }

    #[test]
    fn the_employer_sees_only_its_own_next_steps() {
        assert_eq!(Verified.next_states(Actor::Employer), vec![Open, Closed]);
        assert_eq!(
            Reported.next_states(Actor::Officer),
            vec![Draft, Verified, Closed]
        );
        assert!(Filled.next_states(Actor::Officer).is_empty());
    }

    #[test]
    fn vacancy_lifecycle_has_no_way_out_of_final_states_and_can_always_finish() {
        machine_checks::assert_final_states_are_final::<VacancyStatus>();
        machine_checks::assert_a_final_state_stays_reachable::<VacancyStatus>();
        machine_checks::assert_every_state_is_reachable::<VacancyStatus>();
    }

    #[test]
    fn returning_a_report_to_draft_is_the_only_way_back() {
        let backwards: Vec<(VacancyStatus, VacancyStatus)> = VacancyStatus::ALL
            .iter()
            .flat_map(|from| {
                from.reachable_in_one_step()
                    .into_iter()
                    .filter(move |to| to < from)
                    .map(move |to| (*from, to))
            })
            .collect();
        assert_eq!(backwards, vec![(Reported, Draft)]);
    }

    #[test]
    fn only_a_verified_employer_can_publish_and_only_within_validity() {
        let until = date(2026, 4, 30);
        assert_eq!(
            check_can_publish(VerificationStatus::Verified, until, date(2026, 4, 30)),
            Ok(())
        );
        assert_eq!(
            check_can_publish(VerificationStatus::Pending, until, date(2026, 3, 1)),
            Err(VacancyError::EmployerNotVerified { status: "pending" })
        );
        assert_eq!(
            check_can_publish(VerificationStatus::Verified, until, date(2026, 5, 1)),
            Err(VacancyError::ValidityEnded { valid_until: until })
        );
    }

    #[test]
    fn the_last_hire_fills_the_vacancy_and_no_hire_goes_beyond_headcount() {
        assert_eq!(
            record_hire(Open, 5, 3),
            Ok(HireOutcome {
                filled_count: 4,
                fills_vacancy: false
            })
        );
        assert_eq!(
            record_hire(Open, 5, 4),
            Ok(HireOutcome {
                filled_count: 5,
                fills_vacancy: true
            })
        );
        let error = record_hire(Open, 5, 5).unwrap_err();
        assert_eq!(
            error.to_string(),
            "vacancy has no openings left: 5 of 5 filled"
        );
        assert_eq!(
            error.message_id(),
            "Lowongan sudah tidak memiliki formasi: 5 dari 5 sudah terisi"
        );
        assert_eq!(
            record_hire(Filled, 5, 5),
            Err(VacancyError::NotOpen { status: "filled" })
        );
    }

    #[test]
    fn a_filled_report_counts_at_least_the_recorded_hires_and_at_most_headcount() {
        assert_eq!(check_reported_fill(5, 2, 4), Ok(4));
        assert!(check_reported_fill(5, 2, 1).is_err());
        assert!(check_reported_fill(5, 0, 0).is_err());
        assert!(check_reported_fill(5, 0, 6).is_err());
    }

    #[test]
    fn a_complete_draft_validates_into_a_valid_vacancy() {
        let vacancy = welder_draft().validate().unwrap();
        assert_eq!(vacancy.title(), "Juru Las 6G");
        assert_eq!(vacancy.headcount(), 5);
        assert_eq!(vacancy.wage().to_string(), "Rp 5.500.000 – Rp 7.000.000");
        assert_eq!(
            vacancy.location().kecamatan(),
            Some(crate::region::Kecamatan::BalikpapanBarat)
        );
        assert_eq!(vacancy.kbji_code().isco_unit_group(), "7212");
        assert_eq!(vacancy.driving_licences(), &[DrivingLicence::C]);
        assert_eq!(vacancy.required_units().count(), 1);
        assert_eq!(vacancy.optional_units().count(), 1);
        assert!(vacancy.discrimination_flags().is_empty());
        assert_eq!(vacancy.check_reportable(), Ok(()));
    }

    #[test]
    fn an_empty_draft_reports_every_legally_required_field() {
        let errors = VacancyDraft::default().validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for required in [
            "title",
            "requirements",
            "headcount",
            "valid_from",
            "employment_type",
            "wage_period",
            "wage_min_rupiah",
            "region_code",
            "kbji_code",
        ] {
            assert!(
                fields.contains(&required),
                "{required} missing from {fields:?}"
            );
        }
        assert!(errors.iter().all(|e| !e.message_id.is_empty()));
    }

    #[test]
    fn headcount_and_reserved_openings_are_checked_together() {
        let mut draft = welder_draft();
        draft.headcount = 0;
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![("headcount".to_string(), "headcount_zero")]
        );
        let mut draft = welder_draft();
        draft.reserved_disability_openings = 6;
        let errors = draft.validate().unwrap_err();
        assert_eq!(errors[0].code, "reserved_openings_out_of_range");
        assert_eq!(
            errors[0].message_en,
            "openings reserved for people with disabilities must be between 0 and the headcount 5, got 6"
        );
    }

    #[test]
    fn the_validity_period_must_be_ordered_and_at_most_180_days() {
        let mut draft = welder_draft();
        draft.valid_until = Some(date(2026, 2, 28));
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![("valid_until".to_string(), "validity_inverted")]
        );
        draft.valid_until = Some(date(2026, 8, 29));
        assert_eq!(
            draft.validate().unwrap_err()[0].message_en,
            "validity period must be at most 180 days, got 181"
        );
        draft.valid_until = Some(date(2026, 8, 28));
        assert!(draft.validate().is_ok());
        draft.valid_until = Some(date(2026, 3, 1));
        assert!(draft.validate().is_ok(), "a one-day vacancy is allowed");
    }

    #[test]
    fn a_unit_cannot_be_both_required_and_optional_nor_listed_twice() {
        let mut draft = welder_draft();
        draft.units[1].unit_code = "C.251100.001.01".to_string();
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![(
                "units[1].unit_code".to_string(),
                "unit_required_and_optional"
            )]
        );
        draft.units[1].requirement = "required".to_string();
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![("units[1].unit_code".to_string(), "unit_duplicate")]
        );
    }

    #[test]
    fn each_bad_unit_field_is_reported_with_its_index() {
        let mut draft = welder_draft();
        draft.units[0].unit_code = "C-251100".to_string();
        draft.units[1].min_evidence_level = Some("expert".to_string());
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![
                ("units[0].unit_code".to_string(), "competency_unit_format"),
                ("units[1].min_evidence_level".to_string(), "unknown_value"),
            ]
        );
    }

    #[test]
    fn the_wage_must_be_stated_positive_and_ordered() {
        let mut draft = welder_draft();
        draft.wage_max_rupiah = Some(5_000_000);
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![("wage_max_rupiah".to_string(), "wage_range_inverted")]
        );
        draft.wage_min_rupiah = Some(0);
        assert_eq!(draft.validate().unwrap_err()[0].code, "wage_zero");
        draft.wage_min_rupiah = Some(4_000_000);
        draft.wage_max_rupiah = None;
        assert_eq!(
            draft.validate().unwrap().wage(),
            WageRange::exactly(Rupiah::new(4_000_000).unwrap())
        );
    }

    #[test]
    fn the_location_is_a_kecamatan_or_outside_the_city_but_not_both() {
        let mut draft = welder_draft();
        draft.outside_city_location = Some("Sepaku, Penajam Paser Utara (IKN)".to_string());
        assert_eq!(draft.validate().unwrap_err()[0].code, "location_both");
        draft.region_code = None;
        let vacancy = draft.validate().unwrap();
        assert_eq!(vacancy.location().kecamatan(), None);
        draft.outside_city_location = Some("   ".to_string());
        assert_eq!(draft.validate().unwrap_err()[0].code, "location_missing");
    }

    #[test]
    fn a_flagged_draft_validates_but_cannot_be_reported_until_justified() {
        let mut draft = welder_draft();
        draft.requirements = "Pria, usia maksimal 30 tahun, SMK teknik las".to_string();
        let vacancy = draft.validate().unwrap();
        assert_eq!(vacancy.discrimination_flags().len(), 2);
        let errors = vacancy.check_reportable().unwrap_err();
        assert_eq!(errors.len(), 2);

        draft.requirements = "SMK teknik las, sertifikat 6G".to_string();
        assert_eq!(draft.validate().unwrap().check_reportable(), Ok(()));
    }

    #[test]
    fn a_stated_sex_requirement_is_a_flag_that_needs_a_justification() {
        let mut draft = welder_draft();
        draft.sex_requirement = Some("L".to_string());
        let vacancy = draft.validate().unwrap();
        assert_eq!(vacancy.sex_requirement(), Some(Sex::Male));
        let errors = vacancy.check_reportable().unwrap_err();
        assert_eq!(errors[0].field, "sex_requirement");
        draft.justifications = vec![JustificationDraft {
            kind: "sex".to_string(),
            reason: "Mess pekerja di lokasi site hanya tersedia untuk laki-laki".to_string(),
        }];
        assert_eq!(draft.validate().unwrap().check_reportable(), Ok(()));
        draft.sex_requirement = Some("X".to_string());
        assert_eq!(draft.validate().unwrap_err()[0].field, "sex_requirement");
    }

    #[test]
    fn the_whole_city_is_an_accepted_work_region() {
        let mut draft = welder_draft();
        draft.region_code = Some("64.71".to_string());
        let vacancy = draft.validate().unwrap();
        assert_eq!(vacancy.location().region_code(), Some(RegionCode::City));
        draft.region_code = Some("64.72".to_string());
        assert_eq!(draft.validate().unwrap_err()[0].code, "region_code");
    }

    #[test]
    fn justifications_are_validated_one_per_kind() {
        let mut draft = welder_draft();
        draft.justifications = vec![
            JustificationDraft {
                kind: "sex".to_string(),
                reason: "Asrama pekerja di lokasi tambang hanya untuk laki-laki".to_string(),
            },
            JustificationDraft {
                kind: "sex".to_string(),
                reason: "Alasan kedua yang panjangnya cukup".to_string(),
            },
            JustificationDraft {
                kind: "looks".to_string(),
                reason: "x".to_string(),
            },
        ];
        assert_eq!(
            codes(&draft.validate().unwrap_err()),
            vec![
                (
                    "justifications[1].kind".to_string(),
                    "justification_duplicate"
                ),
                ("justifications[2].kind".to_string(), "unknown_value"),
            ]
        );
    }

    #[test]
    fn minimum_evidence_on_a_unit_is_compared_by_evidence_strength() {
        let unit = VacancyUnit {
            code: CompetencyUnitCode::parse("C.251100.001.01").unwrap(),
            requirement: UnitRequirement::Required,
            min_evidence_level: Some(EvidenceLevel::Trained),
        };
        assert!(!unit.is_satisfied_by(None));
        assert!(!unit.is_satisfied_by(Some(EvidenceLevel::Declared)));
        assert!(unit.is_satisfied_by(Some(EvidenceLevel::Trained)));
        assert!(unit.is_satisfied_by(Some(EvidenceLevel::Certified)));
    }

    proptest! {
        #[test]
        fn no_transition_leaves_a_final_state(
            from in proptest::sample::select(VacancyStatus::ALL),
            to in proptest::sample::select(VacancyStatus::ALL),
            actor in proptest::sample::select(Actor::ALL),
        ) {
            let result = from.transition(to, actor);
            if from.is_final() {
                prop_assert!(result.is_err());
            }
            if result.is_ok() {
                prop_assert!(!from.permitted_actors(to).is_empty());
            }
        }

        #[test]
        fn after_any_walk_from_draft_a_final_state_is_still_reachable(choices in proptest::collection::vec(0usize..10, 0..30)) {
            prop_assert!(machine_checks::walk_can_still_finish::<VacancyStatus>(0, &choices));
        }

        #[test]
        fn hires_never_exceed_headcount(headcount in 1u32..50, attempts in 0u32..100) {
            let mut filled = 0;
            let mut status = Open;
            for _ in 0..attempts {
                match record_hire(status, headcount, filled) {
                    Ok(outcome) => {
                        filled = outcome.filled_count;
                        if outcome.fills_vacancy {
                            status = status.transition(Filled, Actor::System).unwrap();
                        }
                    }
                    Err(_) => prop_assert!(filled == headcount || status != Open),
                }
            }
            prop_assert!(filled <= headcount);
            prop_assert_eq!(status == Filled, filled == headcount);
        }

        #[test]
        fn validation_never_panics_on_arbitrary_numbers(
            headcount in any::<i64>(),
            reserved in any::<i64>(),
            experience in any::<i64>(),
            wage_min in proptest::option::of(any::<i64>()),
            wage_max in proptest::option::of(any::<i64>()),
        ) {
            let mut draft = welder_draft();
            draft.headcount = headcount;
            draft.reserved_disability_openings = reserved;
            draft.min_experience_months = experience;
            draft.wage_min_rupiah = wage_min;
            draft.wage_max_rupiah = wage_max;
            if let Ok(vacancy) = draft.validate() {
                prop_assert!(vacancy.headcount() >= 1);
                prop_assert!(vacancy.reserved_disability_openings() <= vacancy.headcount());
                prop_assert!(vacancy.wage().min() <= vacancy.wage().max());
            }
        }
    }
}
