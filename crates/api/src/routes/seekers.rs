//! Job seekers: the AK/I card ("kartu kuning") and who may see and change it.
//!
//! - Registration: by the seeker online (`POST /seekers/register`, with a password) or by an officer at the counter
//!   (`POST /seekers`, answered with a one-time activation code the seeker later turns into a login with
//!   `POST /seekers/activate`).
//! - Reading: the seeker and labour-office staff see everything, including the NIK decrypted; an employer sees a
//!   limited profile (name, education, competencies, kecamatan) only when the seeker consented; BLK staff the same
//!   for their own trainees or with consent; anyone else gets 404. Every read, change, export or erasure by someone
//!   other than the seeker writes an `audit_log` row.
//! - The card's life: edits with `If-Match`, re-reports and status moves through the domain's rules, the overdue
//!   list, the seeker's data export and erasure (UU 27/2022).
//!
//! The NIK is personal data: never in a URL (a lookup is a POST), a log line or an error message. Request fields
//! holding personal data use [`Private`], so a value of the wrong type is refused without being repeated.

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::calendar::local_date;
use jembatan_domain::codes::KbjiCode;
use jembatan_domain::email::Email;
use jembatan_domain::error::optional_text;
use jembatan_domain::lifecycle::{Actor, Lifecycle};
use jembatan_domain::nik::Nik;
use jembatan_domain::region::RegionCode;
use jembatan_domain::seeker::{
    AkCard, SeekerError, SeekerRegistrationDraft, ValidSeekerRegistration,
    registration_city_prefix, registration_number,
};
use jembatan_domain::vocab::{AuditAction, SeekerStatus, UserRole};
use jembatan_domain::{FieldError, Language, Localised};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};
use tracing_actix_web::RequestId;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{self, Caller};
use crate::concurrency;
use crate::db::audit_log::{self, AuditActor, AuditEvent};
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::seekers::{self as seeker_db, CardState, NewCard, ProfileFields, SeekerRow};
use crate::db::{code_lookups, login_attempts, seeker_competencies, users, work_experiences};
use crate::error::{ApiError, Bilingual, UniqueConflict};
use crate::extract::ApiJson;
use crate::lang::request_language;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::seeker_evidence::{self, UnitLevel};
use crate::startup::AppState;

/// How long a counter activation code stays usable.
const ACTIVATION_CODE_LIFETIME: Duration = Duration::days(30);
/// Letters and digits that cannot be mistaken for each other when read aloud or copied from paper (no 0/O, 1/I/L).
const ACTIVATION_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters of an activation code (about 59 bits).
const ACTIVATION_CODE_CHARS: usize = 12;
/// Window and limit of failed activations per client address (shared with failed log-ins).
const ACTIVATION_FAILURE_WINDOW: Duration = Duration::minutes(15);
const MAX_ACTIVATION_FAILURES_PER_ADDRESS: i64 = 20;
/// Earliest birth year the register accepts (and the database's `seekers_birth_year_check`).
const EARLIEST_BIRTH_YEAR: i32 = 1900;
/// Most desired occupations or work regions one seeker may list.
const MAX_PREFERENCES: usize = 10;
/// Longest free-text purpose of a read, as recorded in the audit log.
const MAX_PURPOSE_CHARS: usize = 200;

const NIK_TAKEN: UniqueConflict = UniqueConflict {
    constraint: "seekers_nik_hash_key",
    code: "nik_taken",
    en: "a job seeker with this nik is already registered; an officer can look the card up",
    id: "NIK ini sudah terdaftar sebagai pencari kerja; petugas dapat mencari kartunya",
};

pub(crate) const EMAIL_TAKEN: UniqueConflict = UniqueConflict {
    constraint: "users_email_lower_key",
    code: "email_taken",
    en: "an account with this e-mail already exists; log in or use another e-mail",
    id: "sudah ada akun dengan email ini; silakan masuk atau gunakan email lain",
};

// ---------------------------------------------------------------------------------------------------------------
// Shared by the seeker routes: personal request fields, access rules, audit.

/// A request field holding personal data (NIK, name, address, phone, e-mail, birth date). A value of the wrong type
/// or shape is refused with a fixed message that never repeats it, so it cannot leak into an error body or a log.
#[derive(Clone, Default)]
pub struct Private<T>(pub T);

impl<T> std::fmt::Debug for Private<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Private(..)")
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Private<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        T::deserialize(value).map(Private).map_err(|_| {
            serde::de::Error::custom(
                "wrong type or format (text, dates as 1998-08-17); the value is personal data and is not repeated here",
            )
        })
    }
}

/// How much of a seeker's record the caller may see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The seeker themself.
    Owner,
    /// Labour-office staff (officer, admin).
    LabourOffice,
    /// An employer with the seeker's consent, or training-provider staff (consent, or their own trainee): name,
    /// education, competencies and kecamatan; no identity or contact data.
    Limited,
}

impl Access {
    /// Whether the caller may change the seeker's own data (profile, declarations, experience).
    pub(crate) fn may_edit(self) -> bool {
        matches!(self, Access::Owner | Access::LabourOffice)
    }
}

/// What `caller` may do with `seeker`; `None` when the seeker must not exist for them (answer 404).
pub(crate) async fn access_to(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    seeker: &SeekerRow,
) -> Result<Option<Access>, ApiError> {
    if seeker.user_id == Some(caller.user_id) {
        return Ok(Some(Access::Owner));
    }
    let access = match caller.role {
        UserRole::Officer | UserRole::Admin => Some(Access::LabourOffice),
        UserRole::Employer => seeker
            .consent_visible_to_employers
            .then_some(Access::Limited),
        UserRole::Blk => {
            let trainee = match caller.training_provider_id {
                Some(provider) if !seeker.consent_visible_to_employers => {
                    seeker_db::is_trainee_of(connection, seeker.id, provider).await?
                }
                _ => false,
            };
            (seeker.consent_visible_to_employers || trainee).then_some(Access::Limited)
        }
        UserRole::Seeker => None,
    };
    Ok(access)
}

/// The seeker `id` and the caller's access to it, or 404 when it does not exist, was erased, or is not theirs to
/// see.
pub(crate) async fn load_accessible(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<(SeekerRow, Access), ApiError> {
    let seeker = seeker_db::find_current(connection, id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let access = access_to(connection, caller, &seeker)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    Ok((seeker, access))
}

/// Like [`load_accessible`], for changes: limited viewers may look but not change (403).
pub(crate) async fn load_editable(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<(SeekerRow, Access), ApiError> {
    let (seeker, access) = load_accessible(connection, caller, id).await?;
    if !access.may_edit() {
        return Err(ApiError::Forbidden);
    }
    Ok((seeker, access))
}

/// The audit log's view of the caller.
pub(crate) fn audit_actor(caller: &Caller, request_id: &RequestId) -> AuditActor {
    AuditActor {
        user_id: caller.user_id,
        role: caller.role,
        request_id: Some(request_id.to_string()),
    }
}

/// Records an access in the audit log unless the seeker is looking at their own data.
pub(crate) async fn audit_unless_owner(
    connection: &mut AsyncPgConnection,
    access: Access,
    seeker_id: Uuid,
    actor: &AuditActor,
    event: AuditEvent<'_>,
) -> Result<(), ApiError> {
    if access != Access::Owner {
        audit_log::record(connection, &[seeker_id], actor, event).await?;
    }
    Ok(())
}

/// Today in Balikpapan.
pub(crate) fn today() -> NaiveDate {
    local_date(Utc::now())
}

/// A column the schema guarantees for a card that is not erased; its absence is a bug, not a client error.
fn present<T>(value: Option<T>, column: &str) -> Result<T, ApiError> {
    value.ok_or_else(|| {
        ApiError::Unexpected(anyhow::anyhow!(
            "seekers.{column} is missing on a card that is not erased"
        ))
    })
}

fn stored_status(row: &SeekerRow) -> Result<SeekerStatus, ApiError> {
    SeekerStatus::parse(&row.status).map_err(|error| ApiError::Unexpected(error.into()))
}

fn card_of(row: &SeekerRow) -> Result<AkCard, ApiError> {
    Ok(AkCard {
        registered_on: row.registered_on,
        last_reported_on: row.last_reported_on,
        status: stored_status(row)?,
    })
}

fn texts(values: &[Option<String>]) -> Vec<String> {
    values.iter().flatten().cloned().collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Views.

/// A difference between the NIK and the declared data: shown to staff, never a reason to refuse.
#[derive(Debug, Serialize, ToSchema)]
pub struct Warning {
    pub field: String,
    /// `nik_birth_date_mismatch` or `nik_sex_mismatch`.
    pub code: String,
    pub message: String,
}

fn warnings_of(registration: &ValidSeekerRegistration, language: Language) -> Vec<Warning> {
    registration
        .nik_warnings()
        .iter()
        .map(|warning| Warning {
            field: "nik".to_string(),
            code: warning.code().to_string(),
            message: warning.message(language),
        })
        .collect()
}

/// The whole AK/I card, for the seeker and labour-office staff.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeekerProfile {
    /// Always `full`.
    pub view: &'static str,
    pub id: Uuid,
    /// AK/I registration number, e.g. `6471-2026-000123`.
    pub registration_number: String,
    /// The 16 digits: only the seeker and labour-office staff get this view.
    pub nik: String,
    /// What everyone else sees, e.g. `************0042`.
    pub nik_masked: String,
    pub full_name: String,
    pub birth_place: Option<String>,
    pub birth_date: NaiveDate,
    /// `L` or `P`.
    pub sex: String,
    pub address: String,
    /// Kecamatan of residence (`64.71.0x`), or `64.71` for the city.
    pub domicile_region_code: String,
    /// E.164, e.g. `+6281234567890`.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub education_level: String,
    pub education_major: Option<String>,
    pub education_school: Option<String>,
    pub graduation_year: Option<i16>,
    /// For quota statistics and reserved openings only; never used in ranking.
    pub has_disability: bool,
    pub wants_reserved_openings: bool,
    pub consent_visible_to_employers: bool,
    pub consent_receive_alerts: bool,
    pub consent_recorded_at: DateTime<Utc>,
    /// Desired occupations (KBJI 2014).
    pub preferred_occupations: Vec<String>,
    /// Kecamatan where the seeker wants to work.
    pub preferred_regions: Vec<String>,
    pub preferred_employment_types: Vec<String>,
    pub expected_wage_rupiah: Option<i64>,
    pub driving_licences: Vec<String>,
    pub profile_summary: Option<String>,
    pub open_to_work: bool,
    /// `active`, `placed`, `removed` or `expired` (an active card past its validity reads as expired).
    pub status: String,
    pub removed_reason: Option<String>,
    pub registered_on: NaiveDate,
    /// Last valid day of the card (2 years).
    pub valid_until: NaiveDate,
    pub last_reported_on: NaiveDate,
    /// Wajib lapor: the next re-report, every 6 months.
    pub next_report_due_on: NaiveDate,
    pub re_report_overdue: bool,
    /// Whether the seeker has a login (a counter registration has none until activated).
    pub has_account: bool,
    /// The officer who registered the seeker at the counter.
    pub registered_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an employer (with consent) or training-provider staff see: no NIK, birth date, sex, disability, address or
/// contact data.
#[derive(Debug, Serialize, ToSchema)]
pub struct LimitedSeekerProfile {
    /// Always `limited`.
    pub view: &'static str,
    pub id: Uuid,
    pub full_name: String,
    pub education_level: String,
    pub education_major: Option<String>,
    pub graduation_year: Option<i16>,
    pub domicile_region_code: String,
    pub preferred_occupations: Vec<String>,
    pub preferred_employment_types: Vec<String>,
    pub driving_licences: Vec<String>,
    pub profile_summary: Option<String>,
    pub open_to_work: bool,
    pub status: String,
    /// Each competency unit with the seeker's strongest evidence today.
    pub competencies: Vec<UnitLevel>,
}

/// A seeker as the caller may see them.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum SeekerView {
    Full(Box<SeekerProfile>),
    Limited(Box<LimitedSeekerProfile>),
}

/// The full profile of a card that is not erased, with its preferences and the NIK decrypted.
pub(crate) async fn full_profile(
    connection: &mut AsyncPgConnection,
    state: &AppState,
    row: SeekerRow,
) -> Result<SeekerProfile, ApiError> {
    let today = today();
    let card = card_of(&row)?;
    let preferred_occupations = seeker_db::preferred_occupations(connection, row.id).await?;
    let preferred_regions = seeker_db::preferred_regions(connection, row.id).await?;
    let ciphertext = present(row.nik_ciphertext, "nik_ciphertext")?;
    let nik = state
        .nik
        .reveal(&ciphertext)
        .map_err(|error| ApiError::Unexpected(error.into()))?;
    Ok(SeekerProfile {
        view: "full",
        id: row.id,
        registration_number: row.registration_number,
        nik: nik.as_str().to_string(),
        nik_masked: present(row.nik_masked, "nik_masked")?,
        full_name: present(row.full_name, "full_name")?,
        birth_place: row.birth_place,
        birth_date: present(row.birth_date, "birth_date")?,
        sex: row.sex,
        address: present(row.address, "address")?,
        domicile_region_code: row.domicile_region_code,
        phone: row.phone,
        email: row.email,
        education_level: row.education_level,
        education_major: row.education_major,
        education_school: row.education_school,
        graduation_year: row.graduation_year,
        has_disability: row.has_disability,
        wants_reserved_openings: row.wants_reserved_openings,
        consent_visible_to_employers: row.consent_visible_to_employers,
        consent_receive_alerts: row.consent_receive_alerts,
        consent_recorded_at: row.consent_recorded_at,
        preferred_occupations,
        preferred_regions,
        preferred_employment_types: texts(&row.preferred_employment_types),
        expected_wage_rupiah: row.expected_wage_rupiah,
        driving_licences: texts(&row.driving_licences),
        profile_summary: row.profile_summary,
        open_to_work: row.open_to_work,
        status: card.effective_status(today).as_str().to_string(),
        removed_reason: row.removed_reason,
        registered_on: row.registered_on,
        valid_until: row.valid_until,
        last_reported_on: row.last_reported_on,
        next_report_due_on: row.next_report_due_on,
        re_report_overdue: card.is_overdue(today),
        has_account: row.user_id.is_some(),
        registered_by: row.registered_by,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

async fn limited_profile(
    connection: &mut AsyncPgConnection,
    row: SeekerRow,
) -> Result<LimitedSeekerProfile, ApiError> {
    let today = today();
    let card = card_of(&row)?;
    let preferred_occupations = seeker_db::preferred_occupations(connection, row.id).await?;
    let competencies = seeker_evidence::unit_levels(connection, row.id, today).await?;
    Ok(LimitedSeekerProfile {
        view: "limited",
        id: row.id,
        full_name: present(row.full_name, "full_name")?,
        education_level: row.education_level,
        education_major: row.education_major,
        graduation_year: row.graduation_year,
        domicile_region_code: row.domicile_region_code,
        preferred_occupations,
        preferred_employment_types: texts(&row.preferred_employment_types),
        driving_licences: texts(&row.driving_licences),
        profile_summary: row.profile_summary,
        open_to_work: row.open_to_work,
        status: card.effective_status(today).as_str().to_string(),
        competencies,
    })
}

/// A response carrying a profile (or something built around one) with the card's version as `ETag`.
fn profile_response(status: StatusCode, version: i32, body: &impl Serialize) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(concurrency::etag(version))
        .json(body)
}

// ---------------------------------------------------------------------------------------------------------------
// Registration and editing: one request shape, one validation.

/// The AK/I registration form. Every field is checked and all failures are reported together; nothing is written
/// when one fails. Unknown fields are refused, so a client cannot set the status, registration number or version.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// 16 digits; structure checked (region, birth date, serial). Never echoed in an error.
    #[schema(value_type = String, example = "6471035708980042")]
    #[serde(default)]
    pub nik: Private<String>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub full_name: Private<String>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub birth_place: Private<String>,
    #[schema(value_type = Option<NaiveDate>)]
    #[serde(default)]
    pub birth_date: Option<Private<NaiveDate>>,
    /// `L` (laki-laki) or `P` (perempuan).
    #[serde(default)]
    pub sex: String,
    #[schema(value_type = String)]
    #[serde(default)]
    pub address: Private<String>,
    /// Kecamatan of residence (`64.71.03` or `balikpapan_utara`), `64.71` when only the city is known.
    #[serde(default)]
    pub domicile_region_code: String,
    /// `tidak_sekolah`, `sd`, `smp`, `sma`, `smk`, `d1` ... `s3`.
    #[serde(default)]
    pub education_level: String,
    #[serde(default)]
    pub education_major: Option<String>,
    #[serde(default)]
    pub education_school: Option<String>,
    #[serde(default)]
    pub graduation_year: Option<i32>,
    /// Any Indonesian form (`0812-…`, `+62 812…`); stored as `+62…`. A phone or an e-mail is required.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub phone: Option<Private<String>>,
    /// Required for self-registration: it is the login.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub email: Option<Private<String>>,
    /// Kept for quota statistics and reserved openings only.
    #[serde(default)]
    pub has_disability: bool,
    /// Only with `has_disability`.
    #[serde(default)]
    pub wants_reserved_openings: bool,
    /// SIM classes: `A`, `B1`, `B1_umum`, `B2`, `B2_umum`, `C`, `D`.
    #[serde(default)]
    pub driving_licences: Vec<String>,
    #[serde(default)]
    pub expected_wage_rupiah: Option<i64>,
    /// `pkwt`, `pkwtt`, `harian`, `magang`, `paruh_waktu`.
    #[serde(default)]
    pub preferred_employment_types: Vec<String>,
    /// KBJI 2014 codes, e.g. `7212.01` (at most 10).
    #[serde(default)]
    pub preferred_occupations: Vec<String>,
    /// Kecamatan codes (at most 10).
    #[serde(default)]
    pub preferred_regions: Vec<String>,
    /// Required, true or false: may employers see the limited profile?
    #[serde(default)]
    pub consent_visible_to_employers: Option<bool>,
    /// Required, true or false: may the service send job alerts?
    #[serde(default)]
    pub consent_receive_alerts: Option<bool>,
    #[serde(default)]
    pub profile_summary: Option<String>,
    /// Self-registration only (10 to 128 characters); a counter registration sets it at activation.
    #[schema(value_type = Option<String>, format = Password)]
    #[serde(default)]
    pub password: Option<SecretString>,
}

/// A profile edit: the registration form without the NIK and password, plus `open_to_work` (default true). The
/// whole profile is replaced; status, registration number, evidence and version cannot be sent.
/// The fields are spelled out again rather than shared through `#[serde(flatten)]`, because serde ignores
/// `deny_unknown_fields` on flattened structs, and an unknown field must be refused here.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdateRequest {
    #[schema(value_type = String)]
    #[serde(default)]
    pub full_name: Private<String>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub birth_place: Private<String>,
    #[schema(value_type = Option<NaiveDate>)]
    #[serde(default)]
    pub birth_date: Option<Private<NaiveDate>>,
    #[serde(default)]
    pub sex: String,
    #[schema(value_type = String)]
    #[serde(default)]
    pub address: Private<String>,
    #[serde(default)]
    pub domicile_region_code: String,
    #[serde(default)]
    pub education_level: String,
    #[serde(default)]
    pub education_major: Option<String>,
    #[serde(default)]
    pub education_school: Option<String>,
    #[serde(default)]
    pub graduation_year: Option<i32>,
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub phone: Option<Private<String>>,
    /// Contact e-mail on the card; the login e-mail is the account's and does not change here.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub email: Option<Private<String>>,
    #[serde(default)]
    pub has_disability: bool,
    #[serde(default)]
    pub wants_reserved_openings: bool,
    #[serde(default)]
    pub driving_licences: Vec<String>,
    #[serde(default)]
    pub expected_wage_rupiah: Option<i64>,
    #[serde(default)]
    pub preferred_employment_types: Vec<String>,
    #[serde(default)]
    pub preferred_occupations: Vec<String>,
    #[serde(default)]
    pub preferred_regions: Vec<String>,
    #[serde(default)]
    pub consent_visible_to_employers: Option<bool>,
    #[serde(default)]
    pub consent_receive_alerts: Option<bool>,
    #[serde(default)]
    pub profile_summary: Option<String>,
    #[serde(default)]
    pub open_to_work: Option<bool>,
}

impl ProfileUpdateRequest {
    /// The same edit as a registration form for the NIK already on the card, so both go through one validation.
    fn into_form(self, nik: String) -> (RegistrationRequest, bool) {
        let form = RegistrationRequest {
            nik: Private(nik),
            full_name: self.full_name,
            birth_place: self.birth_place,
            birth_date: self.birth_date,
            sex: self.sex,
            address: self.address,
            domicile_region_code: self.domicile_region_code,
            education_level: self.education_level,
            education_major: self.education_major,
            education_school: self.education_school,
            graduation_year: self.graduation_year,
            phone: self.phone,
            email: self.email,
            has_disability: self.has_disability,
            wants_reserved_openings: self.wants_reserved_openings,
            driving_licences: self.driving_licences,
            expected_wage_rupiah: self.expected_wage_rupiah,
            preferred_employment_types: self.preferred_employment_types,
            preferred_occupations: self.preferred_occupations,
            preferred_regions: self.preferred_regions,
            consent_visible_to_employers: self.consent_visible_to_employers,
            consent_receive_alerts: self.consent_receive_alerts,
            profile_summary: self.profile_summary,
            password: None,
        };
        (form, self.open_to_work.unwrap_or(true))
    }
}

/// A registration form that passed every rule, with its reference codes checked against the database.
struct ValidProfile {
    registration: ValidSeekerRegistration,
    preferred_occupations: Vec<String>,
    preferred_regions: Vec<String>,
    profile_summary: Option<String>,
}

impl ValidProfile {
    fn fields(&self, consent_recorded_at: DateTime<Utc>, open_to_work: bool) -> ProfileFields {
        let registration = &self.registration;
        let birth_date = registration.birth_date();
        ProfileFields {
            full_name: registration.full_name().to_string(),
            birth_place: registration.birth_place().to_string(),
            birth_date,
            // Validation keeps birth years within 1900 and today, and graduation years within the birth year and next
            // year, so both fit a smallint.
            birth_year: i16::try_from(birth_date.year()).unwrap_or(i16::MAX),
            sex: registration.sex().as_str().to_string(),
            address: registration.address().to_string(),
            domicile_region_code: registration.domicile_region_code().as_str().to_string(),
            phone: registration.phone().map(|phone| phone.as_str().to_string()),
            email: registration.email().map(|email| email.as_str().to_string()),
            education_level: registration.education_level().as_str().to_string(),
            education_major: registration.education_major().map(str::to_string),
            education_school: registration.education_school().map(str::to_string),
            graduation_year: registration
                .graduation_year()
                .map(|year| i16::try_from(year).unwrap_or(i16::MAX)),
            has_disability: registration.has_disability(),
            wants_reserved_openings: registration.wants_reserved_openings(),
            consent_visible_to_employers: registration.consent_visible_to_employers(),
            consent_receive_alerts: registration.consent_receive_alerts(),
            consent_recorded_at,
            expected_wage_rupiah: registration.expected_wage().map(i64::from),
            preferred_employment_types: registration
                .preferred_employment_types()
                .iter()
                .map(|kind| Some(kind.as_str().to_string()))
                .collect(),
            driving_licences: registration
                .driving_licences()
                .iter()
                .map(|licence| Some(licence.as_str().to_string()))
                .collect(),
            profile_summary: self.profile_summary.clone(),
            open_to_work,
        }
    }
}

fn required_consent(field: &str) -> FieldError {
    FieldError::new(
        field,
        "consent_required",
        "answer true or false: consent is never assumed",
        "jawab true atau false: persetujuan tidak pernah dianggap diberikan",
    )
}

fn unknown_region(field: String, code: &str) -> FieldError {
    FieldError::new(
        field,
        "region_unknown",
        format!("region {code} is not in the reference data"),
        format!("wilayah {code} tidak ada dalam data referensi"),
    )
}

fn unknown_occupation(field: String, code: &str) -> FieldError {
    FieldError::new(
        field,
        "occupation_unknown",
        format!("kbji occupation {code} is not in the reference data"),
        format!("jabatan KBJI {code} tidak ada dalam data referensi"),
    )
}

fn too_many(field: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        "too_many_items",
        format!("at most {max} items"),
        format!("paling banyak {max} isian"),
    )
}

/// Checks a registration form: the domain's rules, the fields only the API has (consent answers, preferences,
/// summary), the reference codes, plus `extra` failures the caller found (e-mail, password). Everything failed is
/// reported at once.
async fn validate_profile(
    connection: &mut AsyncPgConnection,
    form: &RegistrationRequest,
    today: NaiveDate,
    extra: Vec<FieldError>,
) -> Result<ValidProfile, ApiError> {
    let mut errors = Vec::new();
    let draft = SeekerRegistrationDraft {
        nik: form.nik.0.clone(),
        full_name: form.full_name.0.clone(),
        birth_place: form.birth_place.0.clone(),
        birth_date: form.birth_date.as_ref().map(|date| date.0),
        sex: form.sex.clone(),
        address: form.address.0.clone(),
        domicile_region_code: form.domicile_region_code.clone(),
        education_level: form.education_level.clone(),
        education_major: form.education_major.clone(),
        education_school: form.education_school.clone(),
        graduation_year: form.graduation_year,
        phone: form.phone.as_ref().map(|phone| phone.0.clone()),
        email: form.email.as_ref().map(|email| email.0.clone()),
        has_disability: form.has_disability,
        wants_reserved_openings: form.wants_reserved_openings,
        driving_licences: form.driving_licences.clone(),
        expected_wage_rupiah: form.expected_wage_rupiah,
        preferred_employment_types: form.preferred_employment_types.clone(),
        consent_visible_to_employers: form.consent_visible_to_employers.unwrap_or(false),
        consent_receive_alerts: form.consent_receive_alerts.unwrap_or(false),
    };
    let registration = draft
        .validate(today)
        .map_err(|failures| errors.extend(failures))
        .ok();
    if let Some(Private(birth_date)) = &form.birth_date
        && birth_date.year() < EARLIEST_BIRTH_YEAR
    {
        errors.push(FieldError::new(
            "birth_date",
            "birth_date_too_early",
            format!("birth date must be in {EARLIEST_BIRTH_YEAR} or later"),
            format!("tanggal lahir harus tahun {EARLIEST_BIRTH_YEAR} atau sesudahnya"),
        ));
    }
    if form.consent_visible_to_employers.is_none() {
        errors.push(required_consent("consent_visible_to_employers"));
    }
    if form.consent_receive_alerts.is_none() {
        errors.push(required_consent("consent_receive_alerts"));
    }
    let profile_summary = optional_text(form.profile_summary.as_deref(), 1000)
        .map_err(|error| errors.push(FieldError::from_error("profile_summary", &error)))
        .ok()
        .flatten();

    let mut occupations: Vec<(usize, String)> = Vec::new();
    for (index, code) in form.preferred_occupations.iter().enumerate() {
        match KbjiCode::parse(code) {
            Ok(code) if !occupations.iter().any(|(_, seen)| seen == code.as_str()) => {
                occupations.push((index, code.as_str().to_string()));
            }
            Ok(_) => {}
            Err(error) => errors.push(FieldError::from_error(
                format!("preferred_occupations[{index}]"),
                &error,
            )),
        }
    }
    if occupations.len() > MAX_PREFERENCES {
        errors.push(too_many("preferred_occupations", MAX_PREFERENCES));
    }
    let mut regions: Vec<(usize, String)> = Vec::new();
    for (index, code) in form.preferred_regions.iter().enumerate() {
        match RegionCode::parse(code) {
            Ok(code) if !regions.iter().any(|(_, seen)| seen == code.as_str()) => {
                regions.push((index, code.as_str().to_string()));
            }
            Ok(_) => {}
            Err(error) => errors.push(FieldError::from_error(
                format!("preferred_regions[{index}]"),
                &error,
            )),
        }
    }
    if regions.len() > MAX_PREFERENCES {
        errors.push(too_many("preferred_regions", MAX_PREFERENCES));
    }

    // The codes must also be rows of the reference tables.
    let domicile = RegionCode::parse(&form.domicile_region_code).ok();
    let mut region_codes: Vec<String> = regions.iter().map(|(_, code)| code.clone()).collect();
    region_codes.extend(domicile.map(|code| code.as_str().to_string()));
    let known_regions = code_lookups::known_regions(connection, &region_codes).await?;
    if let Some(domicile) = domicile
        && !known_regions.iter().any(|known| known == domicile.as_str())
    {
        errors.push(unknown_region(
            "domicile_region_code".to_string(),
            domicile.as_str(),
        ));
    }
    for (index, code) in &regions {
        if !known_regions.contains(code) {
            errors.push(unknown_region(format!("preferred_regions[{index}]"), code));
        }
    }
    let occupation_codes: Vec<String> = occupations.iter().map(|(_, code)| code.clone()).collect();
    let known_occupations = code_lookups::known_occupations(connection, &occupation_codes).await?;
    for (index, code) in &occupations {
        if !known_occupations.contains(code) {
            errors.push(unknown_occupation(
                format!("preferred_occupations[{index}]"),
                code,
            ));
        }
    }

    // The caller's own checks may repeat a rule the domain already reported (an e-mail that does not parse).
    for error in extra {
        if !errors
            .iter()
            .any(|seen| seen.field == error.field && seen.code == error.code)
        {
            errors.push(error);
        }
    }
    let (true, Some(registration)) = (errors.is_empty(), registration) else {
        return Err(ApiError::Validation(errors));
    };
    Ok(ValidProfile {
        registration,
        preferred_occupations: occupation_codes,
        preferred_regions: regions.into_iter().map(|(_, code)| code).collect(),
        profile_summary,
    })
}

/// The e-mail of a self-registration or activation: required, since it is the login.
fn login_email(value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Email> {
    match value.map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new(
                "email",
                "email_required",
                "an e-mail address is required: it is the login",
                "email wajib diisi: email dipakai untuk masuk (login)",
            ));
            None
        }
        Some(value) => Email::parse(value)
            .map_err(|error| errors.push(FieldError::from_error("email", &error)))
            .ok(),
    }
}

/// What a new card needs besides the validated form.
struct NewCardPlan<'a> {
    seeker_id: Uuid,
    user_id: Option<Uuid>,
    registered_by: Option<Uuid>,
    actor_user_id: Uuid,
    activation_code_hash: Option<Vec<u8>>,
    activation_code_expires_at: Option<DateTime<Utc>>,
    profile: &'a ValidProfile,
    fields: &'a ProfileFields,
}

/// Inserts a new active card with its registration number, preferences, first status row and search outbox row.
/// Call inside a transaction.
async fn create_card(
    connection: &mut AsyncPgConnection,
    state: &AppState,
    today: NaiveDate,
    plan: NewCardPlan<'_>,
) -> Result<(), ApiError> {
    let card = AkCard::register(today);
    let serial = seeker_db::next_registration_serial(
        connection,
        &format!("{}-{}-", registration_city_prefix(), today.year()),
    )
    .await?;
    let protected = state.nik.protect(plan.profile.registration.nik());
    let new_card = NewCard {
        id: plan.seeker_id,
        user_id: plan.user_id,
        registration_number: registration_number(today.year(), serial),
        nik_hash: protected.hash,
        nik_ciphertext: protected.ciphertext,
        nik_masked: protected.masked,
        registered_on: card.registered_on,
        valid_until: card.valid_until(),
        last_reported_on: card.last_reported_on,
        next_report_due_on: card.next_report_due(),
        status: card.status.as_str().to_string(),
        registered_by: plan.registered_by,
        activation_code_hash: plan.activation_code_hash,
        activation_code_expires_at: plan.activation_code_expires_at,
    };
    seeker_db::insert(connection, &new_card, plan.fields)
        .await
        .map_err(|error| ApiError::from_unique(error, &[NIK_TAKEN]))?;
    seeker_db::replace_preferences(
        connection,
        plan.seeker_id,
        &plan.profile.preferred_occupations,
        &plan.profile.preferred_regions,
    )
    .await?;
    seeker_db::record_status_change(
        connection,
        &seeker_db::StatusChange {
            seeker_id: plan.seeker_id,
            from_status: None,
            to_status: card.status.as_str().to_string(),
            actor_user_id: Some(plan.actor_user_id),
            reason: None,
            sex: plan.fields.sex.clone(),
            birth_year: plan.fields.birth_year,
            education_level: plan.fields.education_level.clone(),
            domicile_region_code: plan.fields.domicile_region_code.clone(),
        },
    )
    .await?;
    search_outbox::enqueue(connection, SearchEntity::Seeker, plan.seeker_id).await?;
    Ok(())
}

/// A saved profile and the warnings about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedSeeker {
    pub seeker: SeekerProfile,
    /// NIK against declared birth date and sex; never blocking.
    pub warnings: Vec<Warning>,
}

/// A job seeker registers themself: creates the login (role seeker) and the AK/I card in one transaction.
///
/// No log-in needed. The answer carries the new card and warnings (a NIK whose embedded birth date or sex differs
/// from the declared ones is registered with a warning). Log in afterwards with the e-mail and password.
#[utoipa::path(
    tag = "seekers",
    request_body = RegistrationRequest,
    responses(
        (status = 201, body = SavedSeeker, headers(("ETag" = String), ("Location" = String))),
        (status = 409, description = "`nik_taken` or `email_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/register")]
#[tracing::instrument(skip_all)]
pub async fn register(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<RegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let today = today();
    let mut extra = Vec::new();
    let email = login_email(
        form.email.as_ref().map(|email| email.0.as_str()),
        &mut extra,
    );
    let password = match &form.password {
        None => {
            extra.push(FieldError::new(
                "password",
                "password_required",
                "a password is required",
                "kata sandi wajib diisi",
            ));
            None
        }
        Some(password) => {
            extra.extend(auth::check_new_password("password", password));
            Some(password.clone())
        }
    };
    let mut connection = state.pool.get().await?;
    let profile = validate_profile(&mut connection, &form, today, extra).await?;
    let (Some(email), Some(password)) = (email, password) else {
        return Err(ApiError::Unexpected(anyhow::anyhow!(
            "validation passed without an e-mail or password"
        )));
    };
    let password_hash = auth::hash_password(password).await?;
    let fields = profile.fields(Utc::now(), true);
    let seeker_id = Uuid::now_v7();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let user_id = users::insert_seeker_account(
                connection,
                email.as_str(),
                &password_hash,
                &fields.full_name,
                fields.phone.as_deref(),
            )
            .await
            .map_err(|error| ApiError::from_unique(error, &[EMAIL_TAKEN]))?;
            let plan = NewCardPlan {
                seeker_id,
                user_id: Some(user_id),
                registered_by: None,
                actor_user_id: user_id,
                activation_code_hash: None,
                activation_code_expires_at: None,
                profile: &profile,
                fields: &fields,
            };
            create_card(connection, &state, today, plan).await
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let seeker = full_profile(&mut connection, &state, row).await?;
    let saved = SavedSeeker {
        warnings: warnings_of(&profile.registration, request_language(&request)),
        seeker,
    };
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/seekers/{seeker_id}")))
        .insert_header(concurrency::etag(saved.seeker.version))
        .json(&saved))
}

/// A one-time code, shown once, and its stored hash.
struct ActivationCode {
    code: String,
    hash: Vec<u8>,
    expires_at: DateTime<Utc>,
}

fn new_activation_code() -> ActivationCode {
    use rand::Rng;
    let mut rng = rand::rng();
    let raw: String = (0..ACTIVATION_CODE_CHARS)
        .map(|_| char::from(ACTIVATION_ALPHABET[rng.random_range(0..ACTIVATION_ALPHABET.len())]))
        .collect();
    let code = raw
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-");
    ActivationCode {
        hash: activation_code_hash(&code),
        code,
        expires_at: Utc::now() + ACTIVATION_CODE_LIFETIME,
    }
}

/// The stored form of an activation code: SHA-256 of the code without separators, in capitals, so `abcd efgh…`
/// and `ABCD-EFGH-…` are the same code.
fn activation_code_hash(code: &str) -> Vec<u8> {
    let normalised: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Sha256::digest(normalised.as_bytes()).to_vec()
}

/// A card registered at the counter and the code that turns it into a login.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterRegistration {
    pub seeker: SeekerProfile,
    pub warnings: Vec<Warning>,
    /// Hand this to the seeker (printed or read aloud); it is shown only once and works once.
    pub activation_code: String,
    pub activation_code_expires_at: DateTime<Utc>,
}

/// An officer registers a job seeker at the counter (no password); the answer hands over a one-time activation
/// code, valid 30 days, that the seeker uses with `POST /api/v1/seekers/activate` to create their login.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    request_body = RegistrationRequest,
    responses(
        (status = 201, body = CounterRegistration, headers(("ETag" = String), ("Location" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 409, description = "`nik_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers")]
#[tracing::instrument(skip_all)]
pub async fn register_at_counter(
    request: HttpRequest,
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<RegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let form = body.into_inner();
    let today = today();
    let mut extra = Vec::new();
    if form.password.is_some() {
        extra.push(FieldError::new(
            "password",
            "password_not_allowed",
            "leave the password out: the seeker chooses it when activating the account",
            "kosongkan kata sandi: pencari kerja memilihnya saat aktivasi akun",
        ));
    }
    let mut connection = state.pool.get().await?;
    let profile = validate_profile(&mut connection, &form, today, extra).await?;
    let fields = profile.fields(Utc::now(), true);
    let activation = new_activation_code();
    let seeker_id = Uuid::now_v7();
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let plan = NewCardPlan {
                seeker_id,
                user_id: None,
                registered_by: Some(caller.user_id),
                actor_user_id: caller.user_id,
                activation_code_hash: Some(activation.hash.clone()),
                activation_code_expires_at: Some(activation.expires_at),
                profile: &profile,
                fields: &fields,
            };
            create_card(connection, &state, today, plan).await?;
            audit_log::record(
                connection,
                &[seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "seeker_profile",
                    purpose: "counter_registration",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let seeker = full_profile(&mut connection, &state, row).await?;
    let registration = CounterRegistration {
        warnings: warnings_of(&profile.registration, request_language(&request)),
        seeker,
        activation_code: activation.code,
        activation_code_expires_at: activation.expires_at,
    };
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/seekers/{seeker_id}")))
        .insert_header(concurrency::etag(registration.seeker.version))
        .json(&registration))
}

/// A new activation code for a card that has no login yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivationCodeResponse {
    pub activation_code: String,
    pub activation_code_expires_at: DateTime<Utc>,
}

/// An officer issues a new activation code (the old one stops working), e.g. when the first one expired or was lost.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ActivationCodeResponse),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`already_activated`", body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/activation-code")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn reissue_activation_code(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let seeker_id = path.into_inner();
    let mut connection = state.pool.get().await?;
    let seeker = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    if seeker.user_id.is_some() {
        return Err(ApiError::conflict(
            "already_activated",
            "this seeker already has a login; they can reset their password instead",
            "pencari kerja ini sudah punya akun; gunakan penggantian kata sandi",
        ));
    }
    let activation = new_activation_code();
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            seeker_db::set_activation_code(
                connection,
                seeker_id,
                &activation.hash,
                activation.expires_at,
            )
            .await?;
            audit_log::record(
                connection,
                &[seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "activation_code",
                    purpose: "counter_activation",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Ok().json(ActivationCodeResponse {
        activation_code: activation.code,
        activation_code_expires_at: activation.expires_at,
    }))
}

/// Turns a counter registration into a login.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivationRequest {
    /// The AK/I number printed on the card, e.g. `6471-2026-000123`.
    pub registration_number: String,
    /// The code from the officer; dashes, spaces and case do not matter.
    #[schema(value_type = String, format = Password)]
    pub activation_code: SecretString,
    /// The login e-mail.
    #[schema(value_type = String)]
    pub email: Private<String>,
    /// 10 to 128 characters.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// The login created by an activation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivationResponse {
    pub seeker_id: Uuid,
    pub user_id: Uuid,
    /// Log in with this e-mail and the chosen password.
    pub email: String,
}

enum ActivationOutcome {
    Activated { seeker_id: Uuid, user_id: Uuid },
    Refused,
    Expired,
}

fn activation_refused() -> ApiError {
    ApiError::Http {
        status: StatusCode::UNAUTHORIZED,
        code: "invalid_activation_code",
        message: Bilingual::new(
            "the registration number and activation code do not match a card waiting for activation",
            "nomor pendaftaran dan kode aktivasi tidak cocok dengan kartu yang menunggu aktivasi",
        ),
    }
}

/// A seeker registered at the counter creates their login with the registration number and the one-time code.
///
/// A wrong number or code gets the same answer; failures count towards the per-address log-in limit (429).
#[utoipa::path(
    tag = "seekers",
    request_body = ActivationRequest,
    responses(
        (status = 201, body = ActivationResponse),
        (status = 401, description = "`invalid_activation_code` or `activation_code_expired`", body = crate::error::Problem),
        (status = 409, description = "`email_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
        (status = 429, body = crate::error::Problem),
    )
)]
#[post("/seekers/activate")]
#[tracing::instrument(skip_all)]
pub async fn activate(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<ActivationRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let mut errors = Vec::new();
    let email = login_email(Some(form.email.0.as_str()), &mut errors);
    errors.extend(auth::check_new_password("password", &form.password));
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let client_address = request
        .peer_addr()
        .map(|address| address.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let mut connection = state.pool.get().await?;
    let since = Utc::now() - ACTIVATION_FAILURE_WINDOW;
    if login_attempts::failures_from_address(&mut connection, &client_address, since).await?
        >= MAX_ACTIVATION_FAILURES_PER_ADDRESS
    {
        return Err(ApiError::Http {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "too_many_attempts",
            message: Bilingual::new(
                "too many failed attempts; wait 15 minutes and try again",
                "terlalu banyak percobaan yang gagal; tunggu 15 menit lalu coba lagi",
            ),
        });
    }
    let password_hash = auth::hash_password(form.password).await?;
    let code_hash = activation_code_hash(form.activation_code.expose_secret());
    let registration_number = form.registration_number.trim().to_string();
    let outcome = connection
        .transaction::<_, ApiError, _>(async |connection| {
            let Some(pending) =
                seeker_db::find_for_activation(connection, &registration_number).await?
            else {
                return Ok(ActivationOutcome::Refused);
            };
            let code_matches = pending.activation_code_hash.as_deref() == Some(&code_hash[..]);
            if pending.user_id.is_some() || !code_matches {
                return Ok(ActivationOutcome::Refused);
            }
            if pending
                .activation_code_expires_at
                .is_none_or(|expires_at| expires_at <= Utc::now())
            {
                return Ok(ActivationOutcome::Expired);
            }
            let full_name = present(pending.full_name, "full_name")?;
            let user_id = users::insert_seeker_account(
                connection,
                email.as_str(),
                &password_hash,
                &full_name,
                pending.phone.as_deref(),
            )
            .await
            .map_err(|error| ApiError::from_unique(error, &[EMAIL_TAKEN]))?;
            seeker_db::link_account(connection, pending.id, user_id, email.as_str()).await?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, pending.id).await?;
            Ok(ActivationOutcome::Activated {
                seeker_id: pending.id,
                user_id,
            })
        })
        .await?;
    match outcome {
        ActivationOutcome::Activated { seeker_id, user_id } => {
            Ok(HttpResponse::Created().json(ActivationResponse {
                seeker_id,
                user_id,
                email: email.as_str().to_string(),
            }))
        }
        ActivationOutcome::Refused => {
            login_attempts::record(&mut connection, None, &client_address, false).await?;
            Err(activation_refused())
        }
        ActivationOutcome::Expired => Err(ApiError::Http {
            status: StatusCode::UNAUTHORIZED,
            code: "activation_code_expired",
            message: Bilingual::new(
                "this activation code has expired; ask an officer for a new one",
                "kode aktivasi ini sudah kedaluwarsa; minta kode baru kepada petugas",
            ),
        }),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

/// The logged-in seeker's own card.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    responses(
        (status = 200, body = SeekerProfile, headers(("ETag" = String))),
        (status = 404, description = "the caller has no seeker card", body = crate::error::Problem),
    )
)]
#[get("/seekers/me")]
#[tracing::instrument(skip_all)]
pub async fn me(caller: Caller, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let row = seeker_db::find_by_user(&mut connection, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let profile = full_profile(&mut connection, &state, row).await?;
    Ok(profile_response(StatusCode::OK, profile.version, &profile))
}

/// Why a seeker's data is read, for the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReadPurpose {
    /// Why you are reading this profile (e.g. `vacancy 0190…`, `counter visit`), at most 200 characters; recorded in
    /// the seeker's audit log. It travels in the URL: never put a name, NIK or phone number in it.
    pub purpose: Option<String>,
}

impl ReadPurpose {
    fn text_or(&self, default: &'static str) -> Result<String, ApiError> {
        match optional_text(self.purpose.as_deref(), MAX_PURPOSE_CHARS) {
            Ok(Some(purpose)) => Ok(purpose),
            Ok(None) => Ok(default.to_string()),
            Err(error) => Err(ApiError::Validation(vec![FieldError::from_error(
                "purpose", &error,
            )])),
        }
    }
}

/// One seeker: the full card for the seeker and labour-office staff (NIK in clear), the limited profile for an
/// employer the seeker consented to (or BLK staff of their training provider), 404 for anyone else.
///
/// Every read by someone other than the seeker is recorded in the seeker's audit log, with `purpose`.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ReadPurpose),
    responses(
        (status = 200, body = SeekerView, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/seekers/{id}")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn read(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: web::Query<ReadPurpose>,
) -> Result<HttpResponse, ApiError> {
    let purpose = query.text_or("profile_view")?;
    let mut connection = state.pool.get().await?;
    let (row, access) = load_accessible(&mut connection, &caller, path.into_inner()).await?;
    let seeker_id = row.id;
    audit_unless_owner(
        &mut connection,
        access,
        seeker_id,
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "seeker_profile",
            purpose: &purpose,
        },
    )
    .await?;
    if access == Access::Limited {
        let profile = limited_profile(&mut connection, row).await?;
        return Ok(HttpResponse::Ok().json(SeekerView::Limited(Box::new(profile))));
    }
    let profile = full_profile(&mut connection, &state, row).await?;
    Ok(profile_response(
        StatusCode::OK,
        profile.version,
        &SeekerView::Full(Box::new(profile)),
    ))
}

/// A lookup by NIK: the NIK travels in the body, never in the URL.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NikLookupRequest {
    #[schema(value_type = String, example = "6471035708980042")]
    pub nik: Private<String>,
    /// Why (recorded in the seeker's audit log); defaults to `nik_lookup`.
    pub purpose: Option<String>,
}

/// Labour-office staff find a seeker by NIK (e.g. at the counter). Recorded in the seeker's audit log.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    request_body = NikLookupRequest,
    responses(
        (status = 200, body = SeekerProfile, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, description = "no seeker has this NIK", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/lookup")]
#[tracing::instrument(skip_all)]
pub async fn lookup_by_nik(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<NikLookupRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let form = body.into_inner();
    let nik = Nik::parse(&form.nik.0)
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("nik", &error)]))?;
    let purpose = ReadPurpose {
        purpose: form.purpose,
    }
    .text_or("nik_lookup")?;
    let mut connection = state.pool.get().await?;
    let row = seeker_db::find_by_nik_hash(&mut connection, &state.nik.hash(&nik))
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    audit_log::record(
        &mut connection,
        &[row.id],
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "seeker_profile",
            purpose: &purpose,
        },
    )
    .await?;
    let profile = full_profile(&mut connection, &state, row).await?;
    Ok(profile_response(StatusCode::OK, profile.version, &profile))
}

/// The seeker (or an officer for them) replaces the profile. Requires `If-Match` with the ETag last read; a stale
/// one gets 412 and nothing changes.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag last read")),
    request_body = ProfileUpdateRequest,
    responses(
        (status = 200, body = SavedSeeker, headers(("ETag" = String))),
        (status = 400, description = "no If-Match", body = crate::error::Problem),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/seekers/{id}")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn update(
    request: HttpRequest,
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ProfileUpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let (row, access) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    concurrency::check_version(row.version, expected_version)?;
    let ciphertext = present(row.nik_ciphertext.clone(), "nik_ciphertext")?;
    let nik = state
        .nik
        .reveal(&ciphertext)
        .map_err(|error| ApiError::Unexpected(error.into()))?;
    let (form, open_to_work) = body.into_inner().into_form(nik.as_str().to_string());
    let profile = validate_profile(&mut connection, &form, today(), Vec::new()).await?;
    let registration = &profile.registration;
    let consent_changed = registration.consent_visible_to_employers()
        != row.consent_visible_to_employers
        || registration.consent_receive_alerts() != row.consent_receive_alerts;
    let consent_recorded_at = if consent_changed {
        Utc::now()
    } else {
        row.consent_recorded_at
    };
    let fields = profile.fields(consent_recorded_at, open_to_work);
    let actor = audit_actor(&caller, &request_id);
    let seeker_id = row.id;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let updated =
                seeker_db::update_profile(connection, seeker_id, expected_version, &fields).await?;
            if updated == 0 {
                return Err(ApiError::PreconditionFailed);
            }
            seeker_db::replace_preferences(
                connection,
                seeker_id,
                &profile.preferred_occupations,
                &profile.preferred_regions,
            )
            .await?;
            if let Some(user_id) = row.user_id {
                users::sync_seeker_contact(
                    connection,
                    user_id,
                    &fields.full_name,
                    fields.phone.as_deref(),
                )
                .await?;
            }
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
            audit_unless_owner(
                connection,
                access,
                seeker_id,
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "seeker_profile",
                    purpose: "profile_edit",
                },
            )
            .await
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let saved = SavedSeeker {
        warnings: warnings_of(&profile.registration, request_language(&request)),
        seeker: full_profile(&mut connection, &state, row).await?,
    };
    Ok(profile_response(
        StatusCode::OK,
        saved.seeker.version,
        &saved,
    ))
}

fn seeker_rule_broken(field: &str, error: &SeekerError) -> ApiError {
    match error {
        SeekerError::ReportOnInactiveCard { .. } => {
            ApiError::conflict(error.code(), error.message_en(), error.message_id())
        }
        _ => ApiError::Validation(vec![FieldError::from_error(field, error)]),
    }
}

/// A re-report (wajib lapor) recorded at the counter.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReReportRequest {
    /// The day the seeker reported; defaults to today. Between the registration date and today.
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
}

/// An officer records that the seeker re-reported: the next re-report falls due 6 months later. Send `{}` for
/// today. Only an active card can be re-reported (409 `report_on_inactive_card`).
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ReReportRequest,
    responses(
        (status = 200, body = SeekerProfile, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/re-report")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn re_report(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ReReportRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let seeker_id = path.into_inner();
    let form = body.into_inner();
    let actor = audit_actor(&caller, &request_id);
    let mut connection = state.pool.get().await?;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let row = seeker_db::find_current_for_update(connection, seeker_id)
                .await?
                .ok_or(ApiError::NotFound("seeker"))?;
            let today = today();
            let mut card = card_of(&row)?;
            card.record_report(form.reported_on.unwrap_or(today), today)
                .map_err(|error| seeker_rule_broken("reported_on", &error))?;
            let state = CardState {
                status: row.status.clone(),
                status_changed_at: row.status_changed_at,
                removed_reason: row.removed_reason.clone(),
                registered_on: row.registered_on,
                valid_until: row.valid_until,
                last_reported_on: card.last_reported_on,
                next_report_due_on: card.next_report_due(),
            };
            seeker_db::set_card_state(connection, seeker_id, &state).await?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
            audit_log::record(
                connection,
                &[seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "ak1_card",
                    purpose: "re_report",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let profile = full_profile(&mut connection, &state, row).await?;
    Ok(profile_response(StatusCode::OK, profile.version, &profile))
}

/// A requested status move.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChangeRequest {
    /// `active`, `placed` or `removed` (`expired` is the system's).
    pub status: String,
    /// Required for `removed`; kept in the status history.
    pub reason: Option<String>,
}

/// Moves the card to `to` on behalf of `actor` (already checked against the domain's rules), writing the status
/// history with the report dimensions at the time. An active card past its validity is first recorded as expired by
/// the system, so the history shows both steps. A return to `active` is a re-registration: a new card period from
/// today. Call inside a transaction, with the row locked.
async fn move_status(
    connection: &mut AsyncPgConnection,
    row: &SeekerRow,
    to: SeekerStatus,
    actor_user_id: Uuid,
    reason: Option<String>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let card = card_of(row)?;
    let effective = card.effective_status(today);
    let history_row =
        |from: SeekerStatus, to: SeekerStatus, actor: Option<Uuid>, reason: Option<String>| {
            seeker_db::StatusChange {
                seeker_id: row.id,
                from_status: Some(from.as_str().to_string()),
                to_status: to.as_str().to_string(),
                actor_user_id: actor,
                reason,
                sex: row.sex.clone(),
                birth_year: row.birth_year,
                education_level: row.education_level.clone(),
                domicile_region_code: row.domicile_region_code.clone(),
            }
        };
    if effective != card.status {
        seeker_db::record_status_change(
            connection,
            &history_row(
                card.status,
                effective,
                None,
                Some("ak/i card validity ended".to_string()),
            ),
        )
        .await?;
    }
    let now = Utc::now();
    let new_state = if to == SeekerStatus::Active {
        let renewed = AkCard::register(today);
        CardState {
            status: to.as_str().to_string(),
            status_changed_at: now,
            removed_reason: None,
            registered_on: renewed.registered_on,
            valid_until: renewed.valid_until(),
            last_reported_on: renewed.last_reported_on,
            next_report_due_on: renewed.next_report_due(),
        }
    } else {
        CardState {
            status: to.as_str().to_string(),
            status_changed_at: now,
            removed_reason: (to == SeekerStatus::Removed)
                .then(|| reason.clone())
                .flatten(),
            registered_on: row.registered_on,
            valid_until: row.valid_until,
            last_reported_on: row.last_reported_on,
            next_report_due_on: row.next_report_due_on,
        }
    };
    seeker_db::set_card_state(connection, row.id, &new_state).await?;
    seeker_db::record_status_change(
        connection,
        &history_row(effective, to, Some(actor_user_id), reason),
    )
    .await?;
    Ok(())
}

fn refused_move(error: &jembatan_domain::TransitionError) -> ApiError {
    ApiError::conflict(error.code(), error.message_en(), error.message_id())
}

/// Moves the AK/I card through its lifecycle: an officer records a placement or removes a seeker (with a reason)
/// or re-activates a card; the seeker may withdraw (`removed`) or come back (`active`) from placed or expired. A
/// move the rules forbid gets 409 with the rule's code. Written to the status history for the IPK report.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = StatusChangeRequest,
    responses(
        (status = 200, body = SeekerProfile, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/status")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn change_status(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<StatusChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let mut errors = Vec::new();
    let to = SeekerStatus::parse(form.status.trim())
        .map_err(|error| errors.push(FieldError::from_error("status", &error)))
        .ok();
    let reason = optional_text(form.reason.as_deref(), 500)
        .map_err(|error| errors.push(FieldError::from_error("reason", &error)))
        .ok()
        .flatten();
    if to == Some(SeekerStatus::Removed) && reason.is_none() && errors.is_empty() {
        errors.push(FieldError::new(
            "reason",
            "reason_required",
            "say why the seeker is removed from the register",
            "sebutkan alasan pencari kerja dihapus dari daftar",
        ));
    }
    let (true, Some(to)) = (errors.is_empty(), to) else {
        return Err(ApiError::Validation(errors));
    };
    let mut connection = state.pool.get().await?;
    let (row, access) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    let seeker_id = row.id;
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let row = seeker_db::find_current_for_update(connection, seeker_id)
                .await?
                .ok_or(ApiError::NotFound("seeker"))?;
            let today = today();
            let effective = card_of(&row)?.effective_status(today);
            effective
                .transition(to, Actor::from(caller.role))
                .map_err(|error| refused_move(&error))?;
            move_status(connection, &row, to, caller.user_id, reason, today).await?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
            audit_unless_owner(
                connection,
                access,
                seeker_id,
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "ak1_card",
                    purpose: "status_change",
                },
            )
            .await
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let profile = full_profile(&mut connection, &state, row).await?;
    Ok(profile_response(StatusCode::OK, profile.version, &profile))
}

/// A seeker on the overdue list.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverdueSeeker {
    pub id: Uuid,
    pub registration_number: String,
    pub full_name: String,
    pub nik_masked: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub domicile_region_code: String,
    pub last_reported_on: NaiveDate,
    pub next_report_due_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// `card_expired` (validity ended) or `re_report_overdue`.
    pub reason: &'static str,
}

fn bad_cursor() -> ApiError {
    ApiError::BadRequest(Bilingual::new(
        "cursor is not one this API returned; start again without it",
        "cursor tidak dikenal; mulai lagi tanpa cursor",
    ))
}

/// Labour-office staff list active seekers who missed their 6-monthly re-report or whose card validity ended,
/// longest overdue first. Every seeker listed is recorded in their audit log.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<OverdueSeeker>),
        (status = 403, body = crate::error::Problem),
    )
)]
#[get("/seekers/overdue")]
#[tracing::instrument(skip_all)]
pub async fn overdue(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let limit = query.limit()?;
    let after = match query.cursor()? {
        None => None,
        Some(cursor) => Some((
            NaiveDate::parse_from_str(&cursor.key, "%Y-%m-%d").map_err(|_| bad_cursor())?,
            cursor.id,
        )),
    };
    let today = today();
    let mut connection = state.pool.get().await?;
    let rows = seeker_db::overdue_page(&mut connection, today, after, limit + 1).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(OverdueSeeker {
            reason: if row.valid_until < today {
                "card_expired"
            } else {
                "re_report_overdue"
            },
            id: row.id,
            registration_number: row.registration_number,
            full_name: present(row.full_name, "full_name")?,
            nik_masked: present(row.nik_masked, "nik_masked")?,
            phone: row.phone,
            email: row.email,
            domicile_region_code: row.domicile_region_code,
            last_reported_on: row.last_reported_on,
            next_report_due_on: row.next_report_due_on,
            valid_until: row.valid_until,
        });
    }
    let page = Page::from_rows(items, limit, |item| Cursor {
        key: item.next_report_due_on.format("%Y-%m-%d").to_string(),
        id: item.id,
    });
    let listed: Vec<Uuid> = page.items.iter().map(|item| item.id).collect();
    audit_log::record(
        &mut connection,
        &listed,
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "seeker_list",
            purpose: "overdue_follow_up",
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One recorded access to a seeker's data.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryResponse {
    pub id: i64,
    pub actor_user_id: Uuid,
    /// The actor's role at the time: `employer`, `blk`, `officer`, `admin` (or `seeker` for their own erasure).
    pub actor_role: String,
    /// `read`, `export`, `update` or `erase`.
    pub action: String,
    /// What was accessed, e.g. `seeker_profile`, `competencies`, `data_export`.
    pub resource: String,
    pub purpose: String,
    /// The request's id, to find it in the service logs.
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<audit_log::AuditEntry> for AuditEntryResponse {
    fn from(entry: audit_log::AuditEntry) -> Self {
        Self {
            id: entry.id,
            actor_user_id: entry.actor_user_id,
            actor_role: entry.actor_role,
            action: entry.action,
            resource: entry.resource,
            purpose: entry.purpose,
            request_id: entry.request_id,
            at: entry.at,
        }
    }
}

/// Who read or changed this seeker's data, newest first: for labour-office staff and the seeker.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), PageQuery),
    responses(
        (status = 200, body = Page<AuditEntryResponse>),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/seekers/{id}/audit-log")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn audit_log_of(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit()?;
    let before_id = match query.cursor()? {
        None => None,
        Some(cursor) => Some(cursor.key.parse::<i64>().map_err(|_| bad_cursor())?),
    };
    let mut connection = state.pool.get().await?;
    let (row, _) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    let entries = audit_log::page_for_seeker(&mut connection, row.id, before_id, limit + 1).await?;
    let items: Vec<AuditEntryResponse> = entries.into_iter().map(Into::into).collect();
    let page = Page::from_rows(items, limit, |item| Cursor {
        key: item.id.to_string(),
        id: Uuid::nil(),
    });
    Ok(HttpResponse::Ok().json(page))
}

/// One step of the card's status history.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusHistoryItem {
    /// `null` when the card was created.
    pub from_status: Option<String>,
    pub to_status: String,
    /// `null` when the system made the change.
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// An application, as exported to the seeker.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedApplication {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub origin: String,
    pub stage: String,
    pub stage_changed_at: DateTime<Utc>,
    pub applied_at: Option<DateTime<Utc>>,
    pub cover_note: Option<String>,
    pub rejection_reason: Option<String>,
    pub rejection_note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Everything the service holds about one seeker (UU 27/2022 right of access).
#[derive(Debug, Serialize, ToSchema)]
pub struct SeekerExport {
    pub exported_at: DateTime<Utc>,
    pub profile: SeekerProfile,
    pub status_history: Vec<StatusHistoryItem>,
    pub competencies: Vec<seeker_evidence::UnitCompetency>,
    pub certificates: Vec<seeker_evidence::CertificateResponse>,
    pub work_experiences: Vec<seeker_evidence::ExperienceResponse>,
    pub applications: Vec<ExportedApplication>,
    /// Every read, change, export or erasure of this data by someone other than the seeker.
    pub audit_log: Vec<AuditEntryResponse>,
}

/// Downloads all of the seeker's data as one JSON document: for the seeker, or labour-office staff serving them at
/// the counter (recorded in the audit log as an export).
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = SeekerExport),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/seekers/{id}/export")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn export(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (row, access) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    let seeker_id = row.id;
    audit_unless_owner(
        &mut connection,
        access,
        seeker_id,
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Export,
            resource: "data_export",
            purpose: "access_request",
        },
    )
    .await?;
    let today = today();
    let registration_number = row.registration_number.clone();
    let profile = full_profile(&mut connection, &state, row).await?;
    let status_history = seeker_db::status_history(&mut connection, seeker_id)
        .await?
        .into_iter()
        .map(|entry| StatusHistoryItem {
            from_status: entry.from_status,
            to_status: entry.to_status,
            actor_user_id: entry.actor_user_id,
            reason: entry.reason,
            at: entry.at,
        })
        .collect();
    let competencies = seeker_evidence::competencies_of(&mut connection, seeker_id, today).await?;
    let certificates = seeker_evidence::certificates_of(&mut connection, seeker_id, today).await?;
    let work_experiences = work_experiences::list_of(&mut connection, seeker_id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let applications = seeker_db::applications_of(&mut connection, seeker_id)
        .await?
        .into_iter()
        .map(|application| ExportedApplication {
            id: application.id,
            vacancy_id: application.vacancy_id,
            origin: application.origin,
            stage: application.stage,
            stage_changed_at: application.stage_changed_at,
            applied_at: application.applied_at,
            cover_note: application.cover_note,
            rejection_reason: application.rejection_reason,
            rejection_note: application.rejection_note,
            created_at: application.created_at,
        })
        .collect();
    let audit_log = audit_log::all_for_seeker(&mut connection, seeker_id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let document = SeekerExport {
        exported_at: Utc::now(),
        profile,
        status_history,
        competencies,
        certificates,
        work_experiences,
        applications,
        audit_log,
    };
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"jembatan-{registration_number}.json\""),
        ))
        .json(document))
}

/// Erases the seeker's personal data on request (UU 27/2022): NIK, name, birth place and date, address, phone,
/// e-mail, school, summary, certificates and work history go; sex, birth year, education level, kecamatan, dates
/// and statuses stay as anonymous statistics. An active card is removed from the register, the login is erased and
/// every session ends. For the seeker, or labour-office staff acting on the seeker's request; always audited.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[delete("/seekers/{id}")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn erase(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (row, _) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    let seeker_id = row.id;
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let row = seeker_db::find_current_for_update(connection, seeker_id)
                .await?
                .ok_or(ApiError::NotFound("seeker"))?;
            let today = today();
            let effective = card_of(&row)?.effective_status(today);
            if effective == SeekerStatus::Active {
                effective
                    .transition(SeekerStatus::Removed, Actor::from(caller.role))
                    .map_err(|error| refused_move(&error))?;
                move_status(
                    connection,
                    &row,
                    SeekerStatus::Removed,
                    caller.user_id,
                    Some("personal data erased on request".to_string()),
                    today,
                )
                .await?;
            }
            work_experiences::delete_all_of(connection, seeker_id).await?;
            seeker_competencies::delete_certificates_of(connection, seeker_id).await?;
            seeker_db::delete_notifications(connection, seeker_id, row.user_id).await?;
            seeker_db::erase(connection, seeker_id).await?;
            if let Some(user_id) = row.user_id {
                users::erase(connection, user_id).await?;
                crate::db::auth_tokens::revoke_all(connection, user_id, None).await?;
            }
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
            audit_log::record(
                connection,
                &[seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Erase,
                    resource: "seeker_profile",
                    purpose: "erasure_request",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
