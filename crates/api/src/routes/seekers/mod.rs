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

mod form;
pub mod registration;

use form::*;
use registration::SavedSeeker;

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

/// Marks the seeker `placed` after a placement (a hire here, or one an officer records), when the card's lifecycle
/// allows it for `actor`: an active card moves, with its status history and a search outbox row; a card already
/// placed, expired or removed stays as it is (the placement itself is what the report counts). Returns whether the
/// card moved. Call inside the placement's transaction.
pub(crate) async fn mark_placed(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    actor: Actor,
    actor_user_id: Uuid,
) -> Result<bool, ApiError> {
    let Some(row) = seeker_db::find_current_for_update(connection, seeker_id).await? else {
        return Ok(false);
    };
    let today = today();
    let effective = card_of(&row)?.effective_status(today);
    if effective.transition(SeekerStatus::Placed, actor).is_err() {
        return Ok(false);
    }
    move_status(
        connection,
        &row,
        SeekerStatus::Placed,
        actor_user_id,
        Some("placement recorded".to_string()),
        today,
    )
    .await?;
    search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
    Ok(true)
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
