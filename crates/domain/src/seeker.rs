//! Job seekers: the AK/I card (kartu kuning, the job-seeker registration) with its validity and
//! re-report dates, its status machine, and the registration form validator.
//!
//! The AK/I card is valid 2 years from registration and its holder re-reports every 6 months
//! (four times in two years). Status machine (the data model lists the statuses only; this is
//! the reading used here): `active → placed` (system on a hire, or officer), `active → removed`
//! (officer, or the seeker asking), `active → expired` (system, after the validity date). A
//! return to `active` is a re-registration (a new card and registration date, counted as newly
//! registered in the IPK report): from `placed` or `expired` by the seeker or an officer, from
//! `removed` by an officer only. No status is final.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{add_months, age_in_years};
use crate::codes::KbjiCode;
use crate::email::Email;
use crate::error::{FieldError, Localised, TextError, optional_text, required_text};
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::money::Rupiah;
use crate::nik::{Nik, NikWarning};
use crate::phone::PhoneNumber;
use crate::region::{BALIKPAPAN_CITY_CODE, RegionCode};
use crate::vocab::{DrivingLicence, EducationLevel, EmploymentType, SeekerStatus, Sex};

/// Validity of an AK/I card, in months.
pub const AK1_VALIDITY_MONTHS: u32 = 24;
/// Re-report interval, in months.
pub const AK1_REPORT_INTERVAL_MONTHS: u32 = 6;
/// Minimum age to register as a job seeker (AK/I requirement "usia minimal 18 tahun", to confirm
/// against the Permenaker in force).
pub const MINIMUM_AGE_YEARS: u32 = 18;

impl Lifecycle for SeekerStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "ak/i card",
        id: "Kartu AK/I",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[SeekerStatus::Active]
    }

    fn is_final(self) -> bool {
        false
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use SeekerStatus::*;
        match (self, to) {
            (Active, Placed) => &[Actor::System, Actor::Officer],
            (Active, Removed) => &[Actor::Officer, Actor::Seeker],
            (Active, Expired) => &[Actor::System],
            (Placed | Expired, Active) => &[Actor::Seeker, Actor::Officer],
            (Removed, Active) => &[Actor::Officer],
            _ => &[],
        }
    }
}

/// A broken seeker rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeekerError {
    /// No birth date.
    #[error("birth date is required")]
    BirthDateMissing,
    /// Born after today.
    #[error("birth date must not be in the future")]
    BirthDateInFuture,
    /// Younger than [`MINIMUM_AGE_YEARS`].
    #[error("a job seeker must be at least {min} years old")]
    TooYoung {
        /// The minimum age.
        min: u32,
    },
    /// Graduation year out of range.
    #[error("graduation year must be between the birth year and next year")]
    GraduationYear,
    /// Neither phone nor email.
    #[error("a phone number or an email is required")]
    ContactRequired,
    /// Asking for reserved openings without declaring a disability.
    #[error("reserved openings are for people who declare a disability")]
    ReservedOpeningsWithoutDisability,
    /// A report dated before registration or in the future.
    #[error("a re-report must be dated between the registration date and today")]
    ReportDate,
    /// A re-report on a card that is not active.
    #[error("only an active ak/i card can be re-reported, this one is {status}")]
    ReportOnInactiveCard {
        /// The card's effective status spelling.
        status: &'static str,
    },
}

impl Localised for SeekerError {
    fn code(&self) -> &'static str {
        match self {
            SeekerError::BirthDateMissing => "birth_date_missing",
            SeekerError::BirthDateInFuture => "birth_date_in_future",
            SeekerError::TooYoung { .. } => "seeker_too_young",
            SeekerError::GraduationYear => "graduation_year_out_of_range",
            SeekerError::ContactRequired => "contact_required",
            SeekerError::ReservedOpeningsWithoutDisability => {
                "reserved_openings_without_disability"
            }
            SeekerError::ReportDate => "report_date_out_of_range",
            SeekerError::ReportOnInactiveCard { .. } => "report_on_inactive_card",
        }
    }

    fn message_id(&self) -> String {
        match self {
            SeekerError::BirthDateMissing => "Tanggal lahir wajib diisi".to_string(),
            SeekerError::BirthDateInFuture => {
                "Tanggal lahir tidak boleh setelah hari ini".to_string()
            }
            SeekerError::TooYoung { min } => {
                format!("Pencari kerja harus berusia minimal {min} tahun")
            }
            SeekerError::GraduationYear => {
                "Tahun lulus harus antara tahun lahir dan tahun depan".to_string()
            }
            SeekerError::ContactRequired => "Nomor telepon atau email wajib diisi".to_string(),
            SeekerError::ReservedOpeningsWithoutDisability => {
                "Formasi khusus hanya untuk penyandang disabilitas yang menyatakannya".to_string()
            }
            SeekerError::ReportDate => {
                "Tanggal lapor harus antara tanggal pendaftaran dan hari ini".to_string()
            }
            SeekerError::ReportOnInactiveCard { .. } => {
                "Hanya kartu AK/I yang aktif yang dapat dilaporkan ulang".to_string()
            }
        }
    }
}

/// The dates and stored status of one AK/I card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AkCard {
    /// Registration date (start of validity).
    pub registered_on: NaiveDate,
    /// Last re-report (the registration date until the first re-report).
    pub last_reported_on: NaiveDate,
    /// Stored status (see [`AkCard::effective_status`] for today's).
    pub status: SeekerStatus,
}

impl AkCard {
    /// A new active card registered on `registered_on`.
    pub fn register(registered_on: NaiveDate) -> AkCard {
        AkCard {
            registered_on,
            last_reported_on: registered_on,
            status: SeekerStatus::Active,
        }
    }

    /// Last valid day: registration + 2 years (inclusive).
    pub fn valid_until(&self) -> NaiveDate {
        add_months(self.registered_on, AK1_VALIDITY_MONTHS)
    }

    /// When the next re-report is due: 6 months after the last report (or registration).
    pub fn next_report_due(&self) -> NaiveDate {
        add_months(self.last_reported_on, AK1_REPORT_INTERVAL_MONTHS)
    }

    /// Today's status: a stored `active` card past its validity is `expired`.
    pub fn effective_status(&self, today: NaiveDate) -> SeekerStatus {
        if self.status == SeekerStatus::Active && today > self.valid_until() {
            SeekerStatus::Expired
        } else {
            self.status
        }
    }

    /// An active card whose re-report due date has passed (for the officer's overdue list).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.effective_status(today) == SeekerStatus::Active && today > self.next_report_due()
    }

    /// Records a re-report made on `on`.
    pub fn record_report(&mut self, on: NaiveDate, today: NaiveDate) -> Result<(), SeekerError> {
        let status = self.effective_status(today);
        if status != SeekerStatus::Active {
            return Err(SeekerError::ReportOnInactiveCard {
                status: status.as_str(),
            });
        }
        if on < self.registered_on || on > today {
            return Err(SeekerError::ReportDate);
        }
        self.last_reported_on = on;
        Ok(())
    }
}

/// A seeker's registration as typed in (online or at the counter). Field names follow the
/// `seekers` columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct SeekerRegistrationDraft {
    /// NIK as typed.
    pub nik: String,
    /// Full name as on the KTP.
    pub full_name: String,
    /// Birth place.
    pub birth_place: String,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// `L` or `P`.
    pub sex: String,
    /// Address.
    pub address: String,
    /// Region of domicile: a kecamatan code or spelling, or `64.71` for the city as a whole.
    pub domicile_region_code: String,
    /// Highest education level spelling.
    pub education_level: String,
    /// Major.
    pub education_major: Option<String>,
    /// School or campus.
    pub education_school: Option<String>,
    /// Graduation year.
    pub graduation_year: Option<i32>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Disability, kept only for quota statistics and reserved openings.
    pub has_disability: bool,
    /// Wants to be considered for openings reserved for people with disabilities.
    pub wants_reserved_openings: bool,
    /// Driving licence classes held.
    pub driving_licences: Vec<String>,
    /// Expected wage in rupiah (per month), if stated.
    pub expected_wage_rupiah: Option<i64>,
    /// Preferred employment type spellings.
    pub preferred_employment_types: Vec<String>,
    /// Consent: employers may see the profile.
    pub consent_visible_to_employers: bool,
    /// Consent: receive vacancy and re-report alerts.
    pub consent_receive_alerts: bool,
}

/// A registration that passed validation, with the NIK warnings for staff to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSeekerRegistration {
    nik: Nik,
    full_name: String,
    birth_place: String,
    birth_date: NaiveDate,
    sex: Sex,
    address: String,
    domicile_region_code: RegionCode,
    education_level: EducationLevel,
    education_major: Option<String>,
    education_school: Option<String>,
    graduation_year: Option<i32>,
    phone: Option<PhoneNumber>,
    email: Option<Email>,
    has_disability: bool,
    wants_reserved_openings: bool,
    driving_licences: Vec<DrivingLicence>,
    expected_wage: Option<Rupiah>,
    preferred_employment_types: Vec<EmploymentType>,
    consent_visible_to_employers: bool,
    consent_receive_alerts: bool,
    nik_warnings: Vec<NikWarning>,
}

impl SeekerRegistrationDraft {
    /// Checks every field; NIK mismatches with the birth date or sex become warnings.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidSeekerRegistration, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut push = |field: &str, error: &dyn Localised| {
            errors.push(FieldError::from_error(field, error));
        };

        let nik = Nik::parse(&self.nik)
            .map_err(|error| push("nik", &error))
            .ok();
        let mut text = |field: &str, result: Result<String, TextError>| {
            result
                .map_err(|error| push(field, &error))
                .unwrap_or_default()
        };
        let full_name = text("full_name", required_text(&self.full_name, 2, 150));
        let birth_place = text("birth_place", required_text(&self.birth_place, 2, 100));
        let address = text("address", required_text(&self.address, 5, 300));
        let mut optional = |field: &str, value: &Option<String>, max: usize| {
            optional_text(value.as_deref(), max)
                .map_err(|error| push(field, &error))
                .ok()
                .flatten()
        };
        let education_major = optional("education_major", &self.education_major, 100);
        let education_school = optional("education_school", &self.education_school, 150);

        let birth_date = match self.birth_date {
            None => {
                push("birth_date", &SeekerError::BirthDateMissing);
                None
            }
            Some(date) if date > today => {
                push("birth_date", &SeekerError::BirthDateInFuture);
                None
            }
            Some(date) if age_in_years(date, today) < MINIMUM_AGE_YEARS => {
                push(
                    "birth_date",
                    &SeekerError::TooYoung {
                        min: MINIMUM_AGE_YEARS,
                    },
                );
                None
            }
            Some(date) => Some(date),
        };
        let sex = Sex::parse(self.sex.trim())
            .map_err(|error| push("sex", &error))
            .ok();
        let domicile_region_code = RegionCode::parse(&self.domicile_region_code)
            .map_err(|error| push("domicile_region_code", &error))
            .ok();
        let education_level = EducationLevel::parse(self.education_level.trim())
            .map_err(|error| push("education_level", &error))
            .ok();
        if let Some(year) = self.graduation_year {
            let earliest = self.birth_date.map(|d| d.year()).unwrap_or(1900);
            if year < earliest || year > today.year() + 1 {
                push("graduation_year", &SeekerError::GraduationYear);
            }
        }

        let phone = match self.phone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => PhoneNumber::parse(value)
                .map_err(|error| push("phone", &error))
                .ok(),
        };
        let email = match self.email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => Email::parse(value)
                .map_err(|error| push("email", &error))
                .ok(),
        };
        let no_contact_given = self.phone.as_deref().is_none_or(|p| p.trim().is_empty())
            && self.email.as_deref().is_none_or(|e| e.trim().is_empty());
        if no_contact_given {
            push("phone", &SeekerError::ContactRequired);
        }
        if self.wants_reserved_openings && !self.has_disability {
            push(
                "wants_reserved_openings",
                &SeekerError::ReservedOpeningsWithoutDisability,
            );
        }

        let mut driving_licences: Vec<DrivingLicence> = Vec::new();
        for (index, licence) in self.driving_licences.iter().enumerate() {
            match DrivingLicence::parse(licence.trim()) {
                Ok(licence) if !driving_licences.contains(&licence) => {
                    driving_licences.push(licence)
                }
                Ok(_) => {}
                Err(error) => push(&format!("driving_licences[{index}]"), &error),
            }
        }
        let mut preferred_employment_types: Vec<EmploymentType> = Vec::new();
        for (index, value) in self.preferred_employment_types.iter().enumerate() {
            match EmploymentType::parse(value.trim()) {
                Ok(kind) if !preferred_employment_types.contains(&kind) => {
                    preferred_employment_types.push(kind)
                }
                Ok(_) => {}
                Err(error) => push(&format!("preferred_employment_types[{index}]"), &error),
            }
        }
        let expected_wage = match self.expected_wage_rupiah {
            None => None,
            Some(amount) => Rupiah::new(amount)
                .map_err(|error| push("expected_wage_rupiah", &error))
                .ok(),
        };

        let (
            true,
            Some(nik),
            Some(birth_date),
            Some(sex),
            Some(education_level),
            Some(domicile_region_code),
        ) = (
            errors.is_empty(),
            nik,
            birth_date,
            sex,
            education_level,
            domicile_region_code,
        )
        else {
            return Err(errors);
        };
        let nik_warnings = nik.check_against(birth_date, sex);
        Ok(ValidSeekerRegistration {
            nik,
            full_name,
            birth_place,
            birth_date,
            sex,
            address,
            domicile_region_code,
            education_level,
            education_major,
            education_school,
            graduation_year: self.graduation_year,
            phone,
            email,
            has_disability: self.has_disability,
            wants_reserved_openings: self.wants_reserved_openings,
            driving_licences,
            expected_wage,
            preferred_employment_types,
            consent_visible_to_employers: self.consent_visible_to_employers,
            consent_receive_alerts: self.consent_receive_alerts,
            nik_warnings,
        })
    }
}

impl ValidSeekerRegistration {
    /// The NIK (personal data: encrypt, hash for uniqueness, show masked).
    pub fn nik(&self) -> &Nik {
        &self.nik
    }
    /// Full name.
    pub fn full_name(&self) -> &str {
        &self.full_name
    }
    /// Birth place.
    pub fn birth_place(&self) -> &str {
        &self.birth_place
    }
    /// Birth date.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    /// Sex.
    pub fn sex(&self) -> Sex {
        self.sex
    }
    /// Address.
    pub fn address(&self) -> &str {
        &self.address
    }
    /// Region of domicile.
    pub fn domicile_region_code(&self) -> RegionCode {
        self.domicile_region_code
    }
    /// Highest education.
    pub fn education_level(&self) -> EducationLevel {
        self.education_level
    }
    /// Major.
    pub fn education_major(&self) -> Option<&str> {
        self.education_major.as_deref()
    }
    /// School.
    pub fn education_school(&self) -> Option<&str> {
        self.education_school.as_deref()
    }
    /// Graduation year.
    pub fn graduation_year(&self) -> Option<i32> {
        self.graduation_year
    }
    /// Phone.
    pub fn phone(&self) -> Option<&PhoneNumber> {
        self.phone.as_ref()
    }
    /// Email.
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }
    /// Disability (statistics and reserved openings only; never ranked on).
    pub fn has_disability(&self) -> bool {
        self.has_disability
    }
    /// Wants reserved openings (implies `has_disability`).
    pub fn wants_reserved_openings(&self) -> bool {
        self.wants_reserved_openings
    }
    /// Driving licences, without duplicates.
    pub fn driving_licences(&self) -> &[DrivingLicence] {
        &self.driving_licences
    }
    /// Expected wage, if stated.
    pub fn expected_wage(&self) -> Option<Rupiah> {
        self.expected_wage
    }
    /// Preferred employment types, without duplicates.
    pub fn preferred_employment_types(&self) -> &[EmploymentType] {
        &self.preferred_employment_types
    }
    /// Consent to be visible to employers.
    pub fn consent_visible_to_employers(&self) -> bool {
        self.consent_visible_to_employers
    }
    /// Consent to receive alerts.
    pub fn consent_receive_alerts(&self) -> bool {
        self.consent_receive_alerts
    }
    /// Differences between the NIK and the declared birth date or sex (never blocking).
    pub fn nik_warnings(&self) -> &[NikWarning] {
        &self.nik_warnings
    }
}

/// The AK/I registration number of the `serial`-th card issued in `year`: the city code without its dot, the year and
/// a six-digit serial, e.g. `6471-2026-000123`. Serials restart at 1 every calendar year.
pub fn registration_number(year: i32, serial: u32) -> String {
    format!("{}-{year}-{serial:06}", registration_city_prefix())
}

/// `6471`: the Kemendagri code of Kota Balikpapan without its dot, the first part of every registration number.
pub fn registration_city_prefix() -> String {
    BALIKPAPAN_CITY_CODE.replace('.', "")
}

/// Why a work experience entry was refused (text fields use `TextError`, the KBJI code `CodeError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkExperienceError {
    /// No start date.
    #[error("start date is required")]
    StartMissing,
    /// Started after today.
    #[error("start date must not be in the future")]
    StartInFuture,
    /// Ended before it started.
    #[error("end date must not be before the start date")]
    EndBeforeStart,
    /// Ended after today (a current job has no end date).
    #[error("end date must not be in the future; leave it empty for a current job")]
    EndInFuture,
}

impl Localised for WorkExperienceError {
    fn code(&self) -> &'static str {
        match self {
            WorkExperienceError::StartMissing => "experience_start_missing",
            WorkExperienceError::StartInFuture => "experience_start_in_future",
            WorkExperienceError::EndBeforeStart => "experience_end_before_start",
            WorkExperienceError::EndInFuture => "experience_end_in_future",
        }
    }

    fn message_id(&self) -> String {
        match self {
            WorkExperienceError::StartMissing => "Tanggal mulai bekerja wajib diisi".to_string(),
            WorkExperienceError::StartInFuture => {
                "Tanggal mulai bekerja tidak boleh setelah hari ini".to_string()
            }
            WorkExperienceError::EndBeforeStart => {
                "Tanggal selesai tidak boleh sebelum tanggal mulai".to_string()
            }
            WorkExperienceError::EndInFuture => {
                "Tanggal selesai tidak boleh setelah hari ini; kosongkan untuk pekerjaan saat ini"
                    .to_string()
            }
        }
    }
}

/// A work experience entry as typed in by the seeker or an officer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct WorkExperienceDraft {
    /// Who the seeker worked for.
    pub employer_name: String,
    /// Job title as the employer called it.
    pub job_title: String,
    /// The occupation in KBJI 2014, e.g. `7212.01`.
    pub kbji_code: String,
    /// First day.
    pub started_on: Option<NaiveDate>,
    /// Last day; empty for the current job.
    pub ended_on: Option<NaiveDate>,
    /// What the work involved.
    pub description: Option<String>,
}

/// A validated work experience entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkExperience {
    employer_name: String,
    job_title: String,
    kbji_code: KbjiCode,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    description: Option<String>,
}

impl WorkExperienceDraft {
    /// Checks every field and reports all failures at once.
    pub fn validate(&self, today: NaiveDate) -> Result<WorkExperience, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut text = |field: &str, result: Result<String, TextError>| {
            result.unwrap_or_else(|error| {
                errors.push(FieldError::from_error(field, &error));
                String::new()
            })
        };
        let employer_name = text("employer_name", required_text(&self.employer_name, 2, 150));
        let job_title = text("job_title", required_text(&self.job_title, 2, 150));
        let description = optional_text(self.description.as_deref(), 2000)
            .map_err(|error| errors.push(FieldError::from_error("description", &error)))
            .ok()
            .flatten();
        let kbji_code = KbjiCode::parse(&self.kbji_code)
            .map_err(|error| errors.push(FieldError::from_error("kbji_code", &error)))
            .ok();
        let started_on = match self.started_on {
            None => {
                errors.push(FieldError::from_error(
                    "started_on",
                    &WorkExperienceError::StartMissing,
                ));
                None
            }
            Some(date) if date > today => {
                errors.push(FieldError::from_error(
                    "started_on",
                    &WorkExperienceError::StartInFuture,
                ));
                None
            }
            Some(date) => Some(date),
        };
        if let Some(ended_on) = self.ended_on {
            if ended_on > today {
                errors.push(FieldError::from_error(
                    "ended_on",
                    &WorkExperienceError::EndInFuture,
                ));
            } else if started_on.is_some_and(|started_on| ended_on < started_on) {
                errors.push(FieldError::from_error(
                    "ended_on",
                    &WorkExperienceError::EndBeforeStart,
                ));
            }
        }
        let (true, Some(kbji_code), Some(started_on)) = (errors.is_empty(), kbji_code, started_on)
        else {
            return Err(errors);
        };
        Ok(WorkExperience {
            employer_name,
            job_title,
            kbji_code,
            started_on,
            ended_on: self.ended_on,
            description,
        })
    }
}

impl WorkExperience {
    /// Who the seeker worked for.
    pub fn employer_name(&self) -> &str {
        &self.employer_name
    }
    /// Job title.
    pub fn job_title(&self) -> &str {
        &self.job_title
    }
    /// KBJI occupation.
    pub fn kbji_code(&self) -> &KbjiCode {
        &self.kbji_code
    }
    /// First day.
    pub fn started_on(&self) -> NaiveDate {
        self.started_on
    }
    /// Last day, `None` for the current job.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.ended_on
    }
    /// What the work involved.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::machine_checks;
    use SeekerStatus::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn today() -> NaiveDate {
        date(2026, 3, 1)
    }

    fn siti() -> SeekerRegistrationDraft {
        SeekerRegistrationDraft {
            nik: "6471035708980042".to_string(),
            full_name: "Siti Rahmawati".to_string(),
            birth_place: "Balikpapan".to_string(),
            birth_date: Some(date(1998, 8, 17)),
            sex: "P".to_string(),
            address: "Jl. Soekarno-Hatta Km 5".to_string(),
            domicile_region_code: "balikpapan_utara".to_string(),
            education_level: "smk".to_string(),
            education_major: Some("Teknik Pengelasan".to_string()),
            education_school: Some("SMKN 2 Balikpapan".to_string()),
            graduation_year: Some(2016),
            phone: Some("0812-5555-1234".to_string()),
            email: None,
            consent_visible_to_employers: true,
            consent_receive_alerts: true,
            ..SeekerRegistrationDraft::default()
        }
    }

    #[test]
    fn the_card_is_valid_two_years_and_due_for_re_report_every_six_months() {
        let mut card = AkCard::register(date(2025, 8, 31));
        assert_eq!(card.valid_until(), date(2027, 8, 31));
        assert_eq!(card.next_report_due(), date(2026, 2, 28));
        card.record_report(date(2026, 2, 20), date(2026, 2, 20))
            .unwrap();
        assert_eq!(card.next_report_due(), date(2026, 8, 20));
    }

    #[test]
    fn a_card_not_re_reported_in_six_months_is_overdue() {
        let card = AkCard::register(date(2025, 8, 1));
        assert!(!card.is_overdue(date(2026, 2, 1)));
        assert!(card.is_overdue(date(2026, 2, 2)));
    }

    #[test]
    fn an_active_card_past_its_validity_is_effectively_expired_and_not_overdue() {
        let card = AkCard::register(date(2024, 3, 1));
        assert_eq!(card.effective_status(date(2026, 3, 1)), Active);
        assert_eq!(card.effective_status(date(2026, 3, 2)), Expired);
        assert!(!card.is_overdue(date(2026, 3, 2)));
        let placed = AkCard {
            status: Placed,
            ..card
        };
        assert_eq!(placed.effective_status(date(2030, 1, 1)), Placed);
    }

    #[test]
    fn an_expired_card_cannot_be_re_reported() {
        let mut card = AkCard::register(date(2024, 1, 1));
        assert_eq!(
            card.record_report(date(2026, 3, 1), today()),
            Err(SeekerError::ReportOnInactiveCard { status: "expired" })
        );
        let mut fresh = AkCard::register(date(2026, 1, 1));
        assert_eq!(
            fresh.record_report(date(2025, 12, 31), today()),
            Err(SeekerError::ReportDate)
        );
    }

    #[test]
    fn a_hire_places_a_seeker_and_only_the_system_expires_a_card() {
        assert_eq!(Active.transition(Placed, Actor::System), Ok(Placed));
        assert!(Active.transition(Expired, Actor::Officer).is_err());
        assert!(Active.transition(Placed, Actor::Employer).is_err());
        assert!(Removed.transition(Active, Actor::Seeker).is_err());
        assert_eq!(Removed.transition(Active, Actor::Officer), Ok(Active));
        assert!(Placed.transition(Expired, Actor::System).is_err());
    }

    #[test]
    fn every_seeker_status_can_be_reached_and_left() {
        machine_checks::assert_every_state_is_reachable::<SeekerStatus>();
        for status in SeekerStatus::ALL {
            assert!(!status.reachable_in_one_step().is_empty(), "{status:?}");
        }
    }

    #[test]
    fn a_complete_registration_validates_without_warnings() {
        let registration = siti().validate(today()).unwrap();
        assert_eq!(registration.sex(), Sex::Female);
        assert_eq!(registration.phone().unwrap().as_str(), "+6281255551234");
        assert_eq!(registration.domicile_region_code().as_str(), "64.71.03");
        assert!(registration.nik_warnings().is_empty());
    }

    #[test]
    fn a_nik_that_disagrees_with_the_declared_data_only_warns() {
        let mut draft = siti();
        draft.birth_date = Some(date(1998, 8, 18));
        draft.sex = "L".to_string();
        let registration = draft.validate(today()).unwrap();
        assert_eq!(
            registration.nik_warnings(),
            &[NikWarning::BirthDateMismatch, NikWarning::SexMismatch]
        );
    }

    #[test]
    fn a_bad_nik_is_a_field_error_that_does_not_echo_the_number() {
        let mut draft = siti();
        draft.nik = "647103570898004".to_string();
        let errors = draft.validate(today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "nik");
        assert_eq!(errors[0].message_id, "NIK harus 16 digit, diterima 15");
        assert!(!errors[0].message_en.contains("64710357"));
    }

    #[test]
    fn reserved_openings_need_a_declared_disability_and_lists_are_checked() {
        let mut draft = siti();
        draft.wants_reserved_openings = true;
        draft.driving_licences = vec!["C".to_string(), "Z".to_string()];
        draft.expected_wage_rupiah = Some(-1);
        let errors = draft.validate(today()).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            vec![
                (
                    "wants_reserved_openings",
                    "reserved_openings_without_disability"
                ),
                ("driving_licences[1]", "unknown_value"),
                ("expected_wage_rupiah", "amount_negative"),
            ]
        );
        draft.has_disability = true;
        draft.driving_licences = vec!["C".to_string(), "C".to_string(), "A".to_string()];
        draft.expected_wage_rupiah = Some(4_500_000);
        let registration = draft.validate(today()).unwrap();
        assert_eq!(
            registration.driving_licences(),
            &[DrivingLicence::C, DrivingLicence::A]
        );
    }

    #[test]
    fn a_seeker_must_be_eighteen_and_reachable() {
        let mut draft = siti();
        draft.birth_date = Some(date(2008, 3, 2));
        draft.phone = Some("  ".to_string());
        let errors = draft.validate(today()).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("birth_date", "seeker_too_young"),
                ("phone", "contact_required")
            ]
        );
        draft.birth_date = Some(date(2008, 3, 1));
        draft.email = Some("siti@gmail.com".to_string());
        assert!(draft.validate(today()).is_ok());
    }

    proptest! {
        #[test]
        fn the_validity_is_two_years_and_reports_are_due_within_it(days in 0i64..20_000) {
            let registered_on = date(1990, 1, 1) + chrono::Duration::days(days);
            let card = AkCard::register(registered_on);
            prop_assert!(card.next_report_due() < card.valid_until());
            prop_assert_eq!(card.effective_status(card.valid_until()), Active);
            prop_assert_eq!(card.effective_status(card.valid_until() + chrono::Duration::days(1)), Expired);
        }

        #[test]
        fn a_seeker_status_walk_can_always_return_to_active(choices in proptest::collection::vec(0usize..10, 0..20)) {
            let state = machine_checks::walk::<SeekerStatus>(0, &choices);
            prop_assert!(machine_checks::reachable_from(state).contains(&Active));
        }
    }

    #[test]
    fn registration_numbers_carry_the_city_the_year_and_a_six_digit_serial() {
        assert_eq!(registration_number(2026, 123), "6471-2026-000123");
        assert_eq!(registration_number(2027, 1), "6471-2027-000001");
    }

    fn welding_job() -> WorkExperienceDraft {
        WorkExperienceDraft {
            employer_name: "PT Kariangau Teknik".to_string(),
            job_title: "Juru las".to_string(),
            kbji_code: "7212.01".to_string(),
            started_on: Some(date(2019, 1, 7)),
            ended_on: Some(date(2021, 6, 30)),
            description: Some("  ".to_string()),
        }
    }

    #[test]
    fn a_complete_work_experience_is_accepted_and_a_blank_description_dropped() {
        let experience = welding_job().validate(today()).unwrap();
        assert_eq!(experience.kbji_code().as_str(), "7212.01");
        assert_eq!(experience.description(), None);
        let current = WorkExperienceDraft {
            ended_on: None,
            ..welding_job()
        };
        assert_eq!(current.validate(today()).unwrap().ended_on(), None);
    }

    #[test]
    fn work_experience_dates_must_be_in_order_and_not_in_the_future() {
        let inverted = WorkExperienceDraft {
            ended_on: Some(date(2018, 12, 31)),
            ..welding_job()
        };
        let errors = inverted.validate(today()).unwrap_err();
        assert_eq!(errors[0].field, "ended_on");
        assert_eq!(errors[0].code, "experience_end_before_start");
        let future = WorkExperienceDraft {
            started_on: Some(date(2026, 3, 2)),
            ended_on: Some(date(2026, 4, 1)),
            kbji_code: "7212".to_string(),
            ..welding_job()
        };
        let codes: Vec<&str> = future
            .validate(today())
            .unwrap_err()
            .iter()
            .map(|error| error.code)
            .collect();
        assert_eq!(
            codes,
            vec![
                "kbji_format",
                "experience_start_in_future",
                "experience_end_in_future"
            ]
        );
    }
}
