//! Vacancies (lowongan): employer staff write and move them through the lifecycle, officers verify them, anyone
//! can browse the open ones of verified employers, also as schema.org `JobPosting` JSON-LD.
//!
//! Lifecycle (the domain's state machine decides every move): `draft → reported` (employer; every discrimination
//! flag justified or removed) · `reported → verified | draft` (officer) · `verified → open` (employer; verified
//! employer, validity not over) · `open → filled` (employer, with how many were filled) · `… → closed` (employer
//! or officer, with a reason) · `verified | open → expired` (the system, see `vacancy_expiry`). Each move writes a
//! `vacancy_status_changes` row and a search outbox row in the same transaction and bumps the version.
//!
//! Who sees what: the owning employer's staff and officers see every vacancy in full (with discrimination flags and
//! history); everyone else sees only open vacancies of verified employers, and gets 404 for anything else.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::{AUTHORIZATION, LOCATION};
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::codes::{CompetencyUnitCode, KbjiCode};
use jembatan_domain::discrimination::{
    self, DiscriminationFlag, DiscriminationKind, Justification,
};
use jembatan_domain::error::{TextError, optional_text, required_text};
use jembatan_domain::ids::VacancyId;
use jembatan_domain::money::Rupiah;
use jembatan_domain::region::RegionCode;
use jembatan_domain::vacancy::{
    self, JustificationDraft, UnitDraft, VacancyDraft, VacancyError, ValidVacancy,
};
use jembatan_domain::vocab::{
    EducationLevel, EmploymentType, UserRole, VacancyStatus, VerificationStatus, WagePeriod,
};
use jembatan_domain::{Actor, FieldError, Lifecycle, Localised, TransitionError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::vacancies::{
    self, EmployerBrief, IndustryFilter, NewUnit, NewWalkIn, PublicAfter, PublicFilter, PublicSort,
    RegionFilter, StatusColumns, StatusMove, StoredFlag, VacancyContent, VacancyParts, VacancyRow,
};
use crate::db::{DbPool, PooledConnection};
use crate::error::{ApiError, Bilingual};
use crate::extract::ApiJson;
use crate::lang::{Language, request_language};
use crate::pagination::{Cursor, Page, PageQuery};
use crate::startup::AppState;
use crate::vacancy_expiry::{balikpapan_date, balikpapan_today};

/// Most walk-in sessions on one vacancy.
const MAX_WALK_INS: usize = 20;
/// A close or return reason must say something.
const MIN_REASON_CHARS: usize = 5;
const MAX_REASON_CHARS: usize = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Request and response bodies
// ---------------------------------------------------------------------------------------------------------------

/// A competency unit the vacancy asks for.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct UnitRequest {
    /// SKKNI code, e.g. `C.251100.001.01`.
    pub unit_code: String,
    /// `required` or `optional`.
    pub requirement: String,
    /// Weakest evidence that counts: `declared`, `trained` or `certified` (certificate required).
    pub min_evidence_level: Option<String>,
}

/// Why a flagged requirement is genuinely needed, for every flag of one kind.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct JustificationRequest {
    /// `age_limit`, `appearance`, `marital_status`, `sex` or `religion`.
    pub kind: String,
    /// At least 20 characters.
    pub reason: String,
}

/// A walk-in interview session.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct WalkInRequest {
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Where, e.g. "Kantor Disnaker, Jl. Jend. Sudirman".
    pub venue: String,
    /// Region code or kecamatan spelling of the venue, if in Balikpapan.
    pub region_code: Option<String>,
    pub notes: Option<String>,
}

/// A vacancy as the employer writes it (create and edit). Fields left out count as empty, so every missing
/// required field is reported by name. Status, verification, counts and version are not part of it.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct VacancyRequest {
    /// Job title, 3–120 characters.
    pub title: String,
    /// Free description, up to 5,000 characters.
    pub description: String,
    /// Requirements in words (education, competencies, experience), 10–5,000 characters.
    pub requirements: String,
    /// Openings, 1–1,000.
    pub headcount: i64,
    pub valid_from: Option<NaiveDate>,
    /// Last valid day, at most 180 days after `valid_from`.
    pub valid_until: Option<NaiveDate>,
    /// `pkwt`, `pkwtt`, `harian`, `magang` or `paruh_waktu`.
    pub employment_type: String,
    pub wage_min_rupiah: Option<i64>,
    /// Defaults to the minimum.
    pub wage_max_rupiah: Option<i64>,
    /// `bulanan`, `harian` or `per_jam`.
    pub wage_period: String,
    /// Kecamatan code (`64.71.03`), its spelling (`balikpapan_utara`) or the city (`64.71`); or give
    /// `outside_city_location` instead.
    pub region_code: Option<String>,
    /// Workplace outside Balikpapan, e.g. "Penajam Paser Utara (IKN)".
    pub outside_city_location: Option<String>,
    /// Street address or site.
    pub location_detail: Option<String>,
    /// KBJI 2014 code, e.g. `7212.01`.
    pub kbji_code: String,
    /// Minimum education level, e.g. `smk`.
    pub min_education: Option<String>,
    pub education_major: Option<String>,
    /// 0–600.
    pub min_experience_months: i64,
    /// Required SIM classes, e.g. `B2_umum`.
    pub driving_licences: Vec<String>,
    pub units: Vec<UnitRequest>,
    pub accepted_certification_schemes: Vec<String>,
    /// Openings reserved for people with disabilities, 0–headcount.
    pub reserved_disability_openings: i64,
    pub how_to_apply: Option<String>,
    /// `L` or `P`, only when the job genuinely requires it (always a flag to justify).
    pub sex_requirement: Option<String>,
    /// Hide name, photo, age and sex from the employer until the interview stage.
    pub blind_review: bool,
    /// One justification per kind of flagged requirement the employer keeps.
    pub justifications: Vec<JustificationRequest>,
    pub walk_in_sessions: Vec<WalkInRequest>,
}

impl VacancyRequest {
    /// The domain's draft, and the walk-in sessions the domain does not cover.
    fn into_draft(self) -> (VacancyDraft, Vec<WalkInRequest>) {
        let draft = VacancyDraft {
            title: self.title,
            description: self.description,
            requirements: self.requirements,
            headcount: self.headcount,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            employment_type: self.employment_type,
            wage_min_rupiah: self.wage_min_rupiah,
            wage_max_rupiah: self.wage_max_rupiah,
            wage_period: self.wage_period,
            region_code: self.region_code,
            outside_city_location: self.outside_city_location,
            location_detail: self.location_detail,
            kbji_code: self.kbji_code,
            min_education: self.min_education,
            education_major: self.education_major,
            min_experience_months: self.min_experience_months,
            driving_licences: self.driving_licences,
            units: self
                .units
                .into_iter()
                .map(|unit| UnitDraft {
                    unit_code: unit.unit_code,
                    requirement: unit.requirement,
                    min_evidence_level: unit.min_evidence_level,
                })
                .collect(),
            accepted_certification_schemes: self.accepted_certification_schemes,
            reserved_disability_openings: self.reserved_disability_openings,
            how_to_apply: self.how_to_apply,
            sex_requirement: self.sex_requirement,
            blind_review: self.blind_review,
            justifications: self
                .justifications
                .into_iter()
                .map(|justification| JustificationDraft {
                    kind: justification.kind,
                    reason: justification.reason,
                })
                .collect(),
        };
        (draft, self.walk_in_sessions)
    }
}

/// The employer of a vacancy.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmployerRef {
    pub id: Uuid,
    pub name: String,
}

/// A competency unit of a vacancy.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitResponse {
    pub unit_code: String,
    pub requirement: String,
    pub min_evidence_level: Option<String>,
}

/// A walk-in interview session of a vacancy.
#[derive(Debug, Serialize, ToSchema)]
pub struct WalkInResponse {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub region_code: Option<String>,
    pub notes: Option<String>,
}

/// A possibly discriminatory requirement found in the vacancy's text, and the employer's justification of its kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagResponse {
    /// `age_limit`, `appearance`, `marital_status`, `sex` or `religion`.
    pub kind: String,
    /// The kind in the caller's language.
    pub kind_label: &'static str,
    /// Where it was found: `title`, `description`, `requirements` or `sex_requirement`.
    pub field: String,
    /// The text as written.
    pub matched_text: String,
    /// Byte offsets of the match in the field's text.
    pub start: usize,
    pub end: usize,
    /// Why it is flagged and what to do, in the caller's language.
    pub explanation: &'static str,
    /// The employer's justification for this kind; null blocks reporting.
    pub justification: Option<String>,
}

/// The justification the employer gave for one kind of flagged requirement.
#[derive(Debug, Serialize, ToSchema)]
pub struct JustificationResponse {
    pub kind: String,
    pub reason: String,
}

/// One status change of a vacancy.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusChangeResponse {
    /// Null when the vacancy was created.
    pub from_status: Option<String>,
    pub to_status: String,
    /// Null when the system made the change (expiry).
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// A vacancy in full. Flags, justifications and history are shown only to the owning employer's staff and to
/// officers.
#[derive(Debug, Serialize, ToSchema)]
pub struct VacancyResponse {
    pub id: Uuid,
    pub employer: EmployerRef,
    /// `draft`, `reported`, `verified`, `open`, `filled`, `closed` or `expired`.
    pub status: String,
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub kbji_code: String,
    pub headcount: i32,
    pub filled_count: i32,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub employment_type: String,
    pub wage_min_rupiah: i64,
    pub wage_max_rupiah: Option<i64>,
    pub wage_period: String,
    /// Dotted Kemendagri code of the kecamatan (or the city), when the job is in Balikpapan.
    pub region_code: Option<String>,
    /// Name of that region, e.g. `Balikpapan Utara`.
    pub region_name: Option<String>,
    pub outside_city_location: Option<String>,
    pub location_detail: Option<String>,
    pub min_education: Option<String>,
    pub education_major: Option<String>,
    pub min_experience_months: i32,
    pub driving_licences: Vec<String>,
    pub units: Vec<UnitResponse>,
    pub accepted_certification_schemes: Vec<String>,
    pub reserved_disability_openings: i32,
    pub how_to_apply: Option<String>,
    pub sex_requirement: Option<String>,
    pub blind_review: bool,
    pub walk_in_sessions: Vec<WalkInResponse>,
    pub published_at: Option<DateTime<Utc>>,
    /// Also sent as the `ETag` header; send it back in `If-Match` to change the vacancy.
    pub version: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discrimination_flags: Option<Vec<FlagResponse>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justifications: Option<Vec<JustificationResponse>>,
    /// Every justification in one text, as the officer reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags_justification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filled_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_history: Option<Vec<StatusChangeResponse>>,
}

/// A vacancy in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct VacancySummary {
    pub id: Uuid,
    pub title: String,
    pub employer: EmployerRef,
    pub status: String,
    pub kbji_code: String,
    pub employment_type: String,
    pub headcount: i32,
    pub reserved_disability_openings: i32,
    pub wage_min_rupiah: i64,
    pub wage_max_rupiah: Option<i64>,
    pub wage_period: String,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub outside_city_location: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub published_at: Option<DateTime<Utc>>,
    /// Lists for officers and the employer only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// Lists for officers and the employer only: flags found, and how many still lack a justification.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discrimination_flag_count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unjustified_flag_count: Option<usize>,
}

/// A reason, for closing a vacancy or returning it to the employer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    /// 5–1,000 characters.
    pub reason: String,
}

/// How many openings were filled, when the employer reports the vacancy filled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FillRequest {
    /// At least the hires recorded here (and at least 1), at most the headcount.
    pub filled_count: u32,
}

// ---------------------------------------------------------------------------------------------------------------
// Writing a vacancy
// ---------------------------------------------------------------------------------------------------------------

/// Creates a draft vacancy for the caller's employer.
///
/// Every field is checked and every problem reported at once (422, nothing written). Possibly discriminatory
/// requirements (maximum age, appearance, marital status, one sex, religion) do not stop a draft: they come back in
/// `discrimination_flags` and must be justified (`justifications`) or removed before the vacancy is reported.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    request_body = VacancyRequest,
    responses(
        (status = 201, body = VacancyResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "only employer staff create vacancies", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/vacancies")]
#[tracing::instrument(skip_all)]
pub async fn create(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<VacancyRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let employer_id = caller.employer_id.ok_or(ApiError::Forbidden)?;
    let mut connection = state.pool.get().await?;
    let checked = check_vacancy_request(&mut connection, body.into_inner()).await?;
    let id = VacancyId::new().into_inner();
    let now = Utc::now();
    let created_by = caller.user_id;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            vacancies::insert(connection, id, employer_id, created_by, &checked, now).await?;
            let draft = VacancyStatus::Draft.as_str();
            vacancies::record_status_change(
                connection,
                id,
                None,
                draft,
                Some(created_by),
                None,
                now,
            )
            .await?;
            search_outbox::enqueue(connection, SearchEntity::Vacancy, id).await?;
            Ok(())
        })
        .await?;
    let vacancy = find_vacancy(&mut connection, id).await?;
    let language = request_language(&request);
    let response = detail(&mut connection, vacancy, View::Manager, language).await?;
    Ok(HttpResponse::Created()
        .insert_header(concurrency::etag(response.version))
        .insert_header((LOCATION, format!("/api/v1/vacancies/{id}")))
        .json(response))
}

/// Replaces the content of a draft vacancy (send every field again, as for create).
///
/// Only drafts can be edited: once reported, the content is what the labour office checks. Send the `ETag` you read
/// in `If-Match`; someone else's change since then answers 412.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = VacancyRequest,
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "not a draft (`vacancy_not_editable`)", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/vacancies/{id}")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn update(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<VacancyRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let vacancy = find_manageable(&mut connection, &caller, id).await?;
    concurrency::check_version(vacancy.version, expected_version)?;
    if vacancy.status != VacancyStatus::Draft.as_str() {
        return Err(not_editable(&vacancy.status));
    }
    let checked = check_vacancy_request(&mut connection, body.into_inner()).await?;
    let now = Utc::now();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let updated =
                vacancies::update_draft_content(connection, id, expected_version, &checked, now)
                    .await?;
            if !updated {
                return Err(ApiError::PreconditionFailed);
            }
            search_outbox::enqueue(connection, SearchEntity::Vacancy, id).await?;
            Ok(())
        })
        .await?;
    respond_managed(&mut connection, id, &request).await
}

fn not_editable(status: &str) -> ApiError {
    let label = VacancyStatus::parse(status)
        .map(VacancyStatus::label_id)
        .unwrap_or("");
    ApiError::conflict(
        "vacancy_not_editable",
        format!("only a draft vacancy can be edited, this one is {status}"),
        format!("Hanya lowongan berstatus Draf yang dapat diubah, lowongan ini berstatus {label}"),
    )
}

/// Validates a vacancy request with the domain's rules, the walk-in sessions, and that every code names a row of
/// its reference table; answers 422 with every problem at once.
async fn check_vacancy_request(
    connection: &mut PooledConnection,
    request: VacancyRequest,
) -> Result<VacancyParts, ApiError> {
    let (draft, walk_in_requests) = request.into_draft();
    let mut errors: Vec<FieldError> = Vec::new();
    let valid = match draft.validate() {
        Ok(valid) => Some(valid),
        Err(field_errors) => {
            errors.extend(field_errors);
            None
        }
    };
    let walk_ins = check_walk_ins(&walk_in_requests, &mut errors);
    check_references(connection, &draft, &walk_ins, &mut errors).await?;
    match valid {
        Some(valid) if errors.is_empty() => Ok(VacancyParts {
            content: content_of(&valid),
            units: valid
                .units()
                .iter()
                .map(|unit| NewUnit {
                    unit_code: unit.code.as_str().to_string(),
                    requirement: unit.requirement.as_str().to_string(),
                    min_evidence_level: unit.min_evidence_level.map(|l| l.as_str().to_string()),
                })
                .collect(),
            walk_ins,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

fn check_walk_ins(requests: &[WalkInRequest], errors: &mut Vec<FieldError>) -> Vec<NewWalkIn> {
    if requests.len() > MAX_WALK_INS {
        errors.push(FieldError::new(
            "walk_in_sessions",
            "walk_ins_too_many",
            format!(
                "a vacancy may list at most {MAX_WALK_INS} walk-in sessions, got {}",
                requests.len()
            ),
            format!(
                "Lowongan paling banyak memuat {MAX_WALK_INS} sesi wawancara langsung, diterima {}",
                requests.len()
            ),
        ));
        return Vec::new();
    }
    let mut walk_ins = Vec::new();
    for (index, request) in requests.iter().enumerate() {
        let field = |name: &str| format!("walk_in_sessions[{index}].{name}");
        let errors_before = errors.len();
        let missing_time = |name: &str| {
            FieldError::new(
                field(name),
                "walk_in_time_missing",
                "a walk-in session must have a start and an end time",
                "Sesi wawancara langsung harus memiliki waktu mulai dan waktu selesai",
            )
        };
        match (request.starts_at, request.ends_at) {
            (None, _) => errors.push(missing_time("starts_at")),
            (_, None) => errors.push(missing_time("ends_at")),
            (Some(starts_at), Some(ends_at)) if ends_at <= starts_at => {
                errors.push(FieldError::new(
                    field("ends_at"),
                    "walk_in_time_inverted",
                    "a walk-in session must end after it starts",
                    "Sesi wawancara langsung harus berakhir setelah dimulai",
                ));
            }
            _ => {}
        }
        let venue = required_text(&request.venue, 3, 200)
            .map_err(|error| errors.push(FieldError::from_error(field("venue"), &error)))
            .ok();
        let notes = optional_text(request.notes.as_deref(), 1000)
            .map_err(|error| errors.push(FieldError::from_error(field("notes"), &error)))
            .ok()
            .flatten();
        let region_code = match request.region_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => RegionCode::parse(code)
                .map_err(|error| errors.push(FieldError::from_error(field("region_code"), &error)))
                .ok(),
        };
        if let (Some(starts_at), Some(ends_at), Some(venue), true) = (
            request.starts_at,
            request.ends_at,
            venue,
            errors.len() == errors_before,
        ) {
            walk_ins.push(NewWalkIn {
                starts_at,
                ends_at,
                venue,
                region_code: region_code.map(|code| code.as_str().to_string()),
                notes,
            });
        }
    }
    walk_ins
}

/// Codes that are well formed must also name a row of their reference table (occupations, SKKNI units, regions).
async fn check_references(
    connection: &mut PooledConnection,
    draft: &VacancyDraft,
    walk_ins: &[NewWalkIn],
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    if let Ok(code) = KbjiCode::parse(draft.kbji_code.trim()) {
        let code = code.as_str().to_string();
        if vacancies::existing_occupations(connection, std::slice::from_ref(&code))
            .await?
            .is_empty()
        {
            errors.push(FieldError::new(
                "kbji_code",
                "occupation_unknown",
                format!("kbji code {code} is not in the occupation list"),
                format!("Kode KBJI {code} tidak ada dalam daftar jabatan"),
            ));
        }
    }

    let unit_codes: Vec<(usize, String)> = draft
        .units
        .iter()
        .enumerate()
        .filter_map(|(index, unit)| {
            CompetencyUnitCode::parse(&unit.unit_code)
                .ok()
                .map(|code| (index, code.as_str().to_string()))
        })
        .collect();
    if !unit_codes.is_empty() {
        let wanted: Vec<String> = unit_codes.iter().map(|(_, code)| code.clone()).collect();
        let known = vacancies::existing_units(connection, &wanted).await?;
        for (index, code) in unit_codes.iter().filter(|(_, code)| !known.contains(code)) {
            errors.push(FieldError::new(
                format!("units[{index}].unit_code"),
                "competency_unit_unknown",
                format!("competency unit {code} is not in the skkni unit list"),
                format!("Unit kompetensi {code} tidak ada dalam daftar unit SKKNI"),
            ));
        }
    }

    let mut region_codes: Vec<(String, String)> = Vec::new();
    if let Some(Ok(code)) = draft
        .region_code
        .as_deref()
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(RegionCode::parse)
    {
        region_codes.push(("region_code".to_string(), code.as_str().to_string()));
    }
    for (index, walk_in) in walk_ins.iter().enumerate() {
        if let Some(code) = &walk_in.region_code {
            region_codes.push((
                format!("walk_in_sessions[{index}].region_code"),
                code.clone(),
            ));
        }
    }
    if !region_codes.is_empty() {
        let wanted: Vec<String> = region_codes.iter().map(|(_, code)| code.clone()).collect();
        let known = vacancies::existing_regions(connection, &wanted).await?;
        for (field, code) in region_codes
            .iter()
            .filter(|(_, code)| !known.contains(code))
        {
            errors.push(FieldError::new(
                field.clone(),
                "region_unknown",
                format!("region {code} is not in the region list"),
                format!("Wilayah {code} tidak ada dalam daftar wilayah"),
            ));
        }
    }
    Ok(())
}

/// The columns of a valid vacancy, with its discrimination flags and the justification of each flag's kind.
fn content_of(valid: &ValidVacancy) -> VacancyContent {
    let flags: Vec<StoredFlag> = valid
        .discrimination_flags()
        .iter()
        .map(|flag| StoredFlag {
            kind: flag.kind,
            field: flag.field,
            matched_text: flag.matched_text.clone(),
            start: flag.start,
            end: flag.end,
            justification: valid
                .justifications()
                .iter()
                .find(|justification| justification.kind() == flag.kind)
                .map(|justification| justification.reason().to_string()),
        })
        .collect();
    let summary: Vec<String> = DiscriminationKind::ALL
        .iter()
        .filter_map(|kind| {
            let flagged = flags.iter().find(|flag| flag.kind == *kind)?;
            let reason = flagged.justification.as_ref()?;
            Some(format!("{}: {reason}", kind.label_id()))
        })
        .collect();
    let (region_code, outside_city_location) = match valid.location() {
        jembatan_domain::region::WorkLocation::InCity { region_code } => {
            (Some(region_code.as_str().to_string()), None)
        }
        jembatan_domain::region::WorkLocation::OutsideCity { description } => {
            (None, Some(description.clone()))
        }
    };
    VacancyContent {
        title: valid.title().to_string(),
        description: valid.description().to_string(),
        requirements: valid.requirements().to_string(),
        kbji_code: valid.kbji_code().as_str().to_string(),
        headcount: bounded(valid.headcount()),
        valid_from: valid.valid_from(),
        valid_until: valid.valid_until(),
        min_education: valid
            .min_education()
            .map(|level| level.as_str().to_string()),
        education_major: valid.education_major().map(str::to_string),
        min_experience_months: bounded(valid.min_experience_months()),
        employment_type: valid.employment_type().as_str().to_string(),
        wage_min_rupiah: valid.wage().min().as_i64(),
        wage_max_rupiah: Some(valid.wage().max().as_i64()),
        wage_period: valid.wage_period().as_str().to_string(),
        region_code,
        outside_city_location,
        location_detail: valid.location_detail().map(str::to_string),
        reserved_disability_openings: bounded(valid.reserved_disability_openings()),
        driving_licences: valid
            .driving_licences()
            .iter()
            .map(|licence| Some(licence.as_str().to_string()))
            .collect(),
        accepted_certification_schemes: valid
            .accepted_certification_schemes()
            .iter()
            .map(|scheme| Some(scheme.clone()))
            .collect(),
        sex_requirement: valid.sex_requirement().map(|sex| sex.as_str().to_string()),
        how_to_apply: valid.how_to_apply().map(str::to_string),
        discrimination_flags: serde_json::to_value(&flags).unwrap_or_default(),
        flags_justification: (!summary.is_empty()).then(|| summary.join("\n")),
        blind_review: valid.blind_review(),
    }
}

/// A count the domain validator already bounded (headcount ≤ 1,000, experience ≤ 600 months) as an `integer`.
fn bounded(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle moves
// ---------------------------------------------------------------------------------------------------------------

/// A move the domain allowed, waiting for its own checks and the write.
struct PendingMove {
    connection: PooledConnection,
    vacancy: VacancyRow,
    from: VacancyStatus,
    to: VacancyStatus,
    expected_version: i32,
}

/// Common start of every move: the `If-Match` version, a vacancy the caller manages (404 otherwise), the version
/// still current (412), and the state machine's consent for this caller (409 with its code).
async fn begin_move(
    request: &HttpRequest,
    caller: &Caller,
    pool: &DbPool,
    id: Uuid,
    to: VacancyStatus,
) -> Result<PendingMove, ApiError> {
    let expected_version = concurrency::required_version(request)?;
    let mut connection = pool.get().await?;
    let vacancy = find_manageable(&mut connection, caller, id).await?;
    concurrency::check_version(vacancy.version, expected_version)?;
    let from = status_of(&vacancy)?;
    from.transition(to, Actor::from(caller.role))
        .map_err(|error| refused(&error))?;
    Ok(PendingMove {
        connection,
        vacancy,
        from,
        to,
        expected_version,
    })
}

/// Writes the move (status, its columns, version, history row, search outbox) in one transaction and answers
/// with the vacancy as it now is.
async fn finish_move(
    pending: PendingMove,
    request: &HttpRequest,
    actor_user_id: Uuid,
    reason: Option<String>,
    columns: StatusColumns,
) -> Result<HttpResponse, ApiError> {
    let PendingMove {
        mut connection,
        vacancy,
        from,
        to,
        expected_version,
    } = pending;
    let id = vacancy.id;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let moved = vacancies::move_status(
                connection,
                id,
                expected_version,
                StatusMove {
                    from: from.as_str(),
                    to: to.as_str(),
                    actor_user_id: Some(actor_user_id),
                    reason: reason.as_deref(),
                    columns,
                    at: Utc::now(),
                },
            )
            .await?;
            if !moved {
                return Err(ApiError::PreconditionFailed);
            }
            search_outbox::enqueue(connection, SearchEntity::Vacancy, id).await?;
            Ok(())
        })
        .await?;
    respond_managed(&mut connection, id, request).await
}

fn refused(error: &TransitionError) -> ApiError {
    ApiError::conflict(error.code(), error.message_en(), error.message_id())
}

fn rule_conflict(error: &VacancyError) -> ApiError {
    ApiError::conflict(error.code(), error.message_en(), error.message_id())
}

/// Submits a draft to the labour office (the legal report, `draft → reported`).
///
/// Refused with 409 `discrimination_unjustified`, naming each flagged requirement, while any flag lacks a
/// justification of its kind: edit the draft to remove the text or add a justification.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "not allowed from this status, or unjustified flags", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/vacancies/{id}/report")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let pending = begin_move(
        &request,
        &caller,
        &state.pool,
        path.into_inner(),
        VacancyStatus::Reported,
    )
    .await?;
    ensure_flags_justified(&pending.vacancy)?;
    let columns = StatusColumns {
        reported_at: Some(Some(Utc::now())),
        ..StatusColumns::default()
    };
    finish_move(pending, &request, caller.user_id, None, columns).await
}

/// 409 naming every flag whose kind has no justification.
fn ensure_flags_justified(vacancy: &VacancyRow) -> Result<(), ApiError> {
    let stored = stored_flags(vacancy)?;
    let flags: Vec<DiscriminationFlag> = stored
        .iter()
        .map(|flag| DiscriminationFlag {
            kind: flag.kind,
            field: flag.field,
            matched_text: flag.matched_text.clone(),
            start: flag.start,
            end: flag.end,
        })
        .collect();
    let justifications: Vec<Justification> = stored
        .iter()
        .filter_map(|flag| {
            let reason = flag.justification.as_deref()?;
            Justification::new(flag.kind, reason).ok()
        })
        .collect();
    discrimination::ensure_justified(&flags, &justifications).map_err(|unjustified| {
        let en: Vec<String> = unjustified
            .iter()
            .map(|error| format!("{} ({})", error.message_en, error.field))
            .collect();
        let id: Vec<String> = unjustified
            .iter()
            .map(|error| format!("{} ({})", error.message_id, error.field))
            .collect();
        ApiError::conflict(
            "discrimination_unjustified",
            format!(
                "every flagged requirement must be removed or justified before the vacancy is reported: {}",
                en.join("; ")
            ),
            format!(
                "setiap syarat yang ditandai harus dihapus atau dijelaskan alasannya sebelum lowongan dilaporkan: {}",
                id.join("; ")
            ),
        )
    })
}

/// Verifies a reported vacancy (`reported → verified`); the employer can then publish it.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/vacancies/{id}/verify")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn verify(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let pending = begin_move(
        &request,
        &caller,
        &state.pool,
        path.into_inner(),
        VacancyStatus::Verified,
    )
    .await?;
    let columns = StatusColumns {
        verified_at: Some(Utc::now()),
        verified_by: Some(caller.user_id),
        ..StatusColumns::default()
    };
    finish_move(pending, &request, caller.user_id, None, columns).await
}

/// Returns a reported vacancy to its employer as a draft (`reported → draft`), with the reason they will read.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/vacancies/{id}/return")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn return_to_draft(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let reason = check_reason(&body.into_inner().reason)?;
    let pending = begin_move(
        &request,
        &caller,
        &state.pool,
        path.into_inner(),
        VacancyStatus::Draft,
    )
    .await?;
    let columns = StatusColumns {
        reported_at: Some(None),
        ..StatusColumns::default()
    };
    finish_move(pending, &request, caller.user_id, Some(reason), columns).await
}

fn check_reason(reason: &str) -> Result<String, ApiError> {
    required_text(reason, MIN_REASON_CHARS, MAX_REASON_CHARS).map_err(|error: TextError| {
        ApiError::Validation(vec![FieldError::from_error("reason", &error)])
    })
}

/// Publishes a verified vacancy (`verified → open`): seekers can see and apply to it.
///
/// Refused with 409 `employer_not_verified` unless the employer is verified, and `validity_ended` after the last
/// valid day.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/vacancies/{id}/publish")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn publish(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let mut pending = begin_move(
        &request,
        &caller,
        &state.pool,
        path.into_inner(),
        VacancyStatus::Open,
    )
    .await?;
    let employer =
        vacancies::employer_brief(&mut pending.connection, pending.vacancy.employer_id).await?;
    let employer_status =
        VerificationStatus::parse(&employer.verification_status).map_err(|error| {
            ApiError::Unexpected(anyhow::anyhow!("stored verification status: {error}"))
        })?;
    vacancy::check_can_publish(
        employer_status,
        pending.vacancy.valid_until,
        balikpapan_today(),
    )
    .map_err(|error| rule_conflict(&error))?;
    let columns = StatusColumns {
        published_at: Some(Utc::now()),
        ..StatusColumns::default()
    };
    finish_move(pending, &request, caller.user_id, None, columns).await
}

/// Withdraws a vacancy (`draft | reported | verified | open → closed`), with a reason.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/vacancies/{id}/close")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn close(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let reason = check_reason(&body.into_inner().reason)?;
    let pending = begin_move(
        &request,
        &caller,
        &state.pool,
        path.into_inner(),
        VacancyStatus::Closed,
    )
    .await?;
    let columns = StatusColumns {
        closed_at: Some(Utc::now()),
        closed_reason: Some(reason.clone()),
        ..StatusColumns::default()
    };
    finish_move(pending, &request, caller.user_id, Some(reason), columns).await
}

/// Reports an open vacancy filled (`open → filled`), with how many openings were filled (the legal fill report;
/// some hires may have happened outside Jembatan).
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = FillRequest,
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, description = "`filled_count` below the hires recorded or above the headcount", body = crate::error::Problem),
    )
)]
#[post("/vacancies/{id}/fill")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn fill(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<FillRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let reported = body.into_inner().filled_count;
    let pending = begin_move(
        &request,
        &caller,
        &state.pool,
        path.into_inner(),
        VacancyStatus::Filled,
    )
    .await?;
    let headcount = u32::try_from(pending.vacancy.headcount).unwrap_or(0);
    let hires_recorded = u32::try_from(pending.vacancy.filled_count).unwrap_or(0);
    let filled =
        vacancy::check_reported_fill(headcount, hires_recorded, reported).map_err(|error| {
            ApiError::Validation(vec![FieldError::from_error("filled_count", &error)])
        })?;
    let columns = StatusColumns {
        filled_at: Some(Utc::now()),
        filled_count: Some(bounded(filled)),
        ..StatusColumns::default()
    };
    finish_move(pending, &request, caller.user_id, None, columns).await
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

/// How much of a vacancy the caller may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    /// Anyone: an open vacancy of a verified employer.
    Public,
    /// The owning employer's staff and officers: everything.
    Manager,
}

/// Whether `caller` manages `vacancy`: officers and admins manage every vacancy, employer staff their employer's.
fn manages(caller: &Caller, vacancy: &VacancyRow) -> bool {
    caller.is_labour_office()
        || (caller.role == UserRole::Employer && caller.employer_id == Some(vacancy.employer_id))
}

async fn find_vacancy(connection: &mut PooledConnection, id: Uuid) -> Result<VacancyRow, ApiError> {
    vacancies::find(connection, id)
        .await?
        .ok_or(ApiError::NotFound("vacancy"))
}

/// The vacancy, if the caller manages it; 404 otherwise so ids cannot be probed.
async fn find_manageable(
    connection: &mut PooledConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<VacancyRow, ApiError> {
    let vacancy = find_vacancy(connection, id).await?;
    if manages(caller, &vacancy) {
        Ok(vacancy)
    } else {
        Err(ApiError::NotFound("vacancy"))
    }
}

/// Whether anyone may see the vacancy: open, still valid, of a verified employer.
fn is_public(vacancy: &VacancyRow, employer: &EmployerBrief) -> bool {
    vacancy.status == VacancyStatus::Open.as_str()
        && employer.verification_status == VerificationStatus::Verified.as_str()
        && vacancy.valid_until >= balikpapan_today()
}

fn status_of(vacancy: &VacancyRow) -> Result<VacancyStatus, ApiError> {
    VacancyStatus::parse(&vacancy.status)
        .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("stored vacancy status: {error}")))
}

fn stored_flags(vacancy: &VacancyRow) -> Result<Vec<StoredFlag>, ApiError> {
    serde_json::from_value(vacancy.discrimination_flags.clone()).map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!("stored discrimination flags: {error}"))
    })
}

fn region_name(code: Option<&str>) -> Option<String> {
    code.and_then(|code| RegionCode::parse(code).ok())
        .map(|region| region.name().to_string())
}

fn present_texts(values: Vec<Option<String>>) -> Vec<String> {
    values.into_iter().flatten().collect()
}

/// Answers 200 with the managed view of vacancy `id` and its `ETag`.
async fn respond_managed(
    connection: &mut PooledConnection,
    id: Uuid,
    request: &HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let vacancy = find_vacancy(connection, id).await?;
    let response = detail(
        connection,
        vacancy,
        View::Manager,
        request_language(request),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(concurrency::etag(response.version))
        .json(response))
}

/// The full response for `vacancy` as `view` allows.
async fn detail(
    connection: &mut PooledConnection,
    vacancy: VacancyRow,
    view: View,
    language: Language,
) -> Result<VacancyResponse, ApiError> {
    let employer = vacancies::employer_brief(connection, vacancy.employer_id).await?;
    let units = vacancies::units_of(connection, vacancy.id).await?;
    let walk_ins = vacancies::walk_ins_of(connection, vacancy.id).await?;
    let manager = view == View::Manager;
    let (flags, justifications, history) = if manager {
        let stored = stored_flags(&vacancy)?;
        let mut justifications: Vec<JustificationResponse> = Vec::new();
        for flag in &stored {
            if let Some(reason) = &flag.justification
                && !justifications.iter().any(|j| j.kind == flag.kind.as_str())
            {
                justifications.push(JustificationResponse {
                    kind: flag.kind.as_str().to_string(),
                    reason: reason.clone(),
                });
            }
        }
        let flags = stored
            .into_iter()
            .map(|flag| FlagResponse {
                kind: flag.kind.as_str().to_string(),
                kind_label: flag.kind.label(language),
                field: flag.field.as_str().to_string(),
                matched_text: flag.matched_text,
                start: flag.start,
                end: flag.end,
                explanation: match language {
                    Language::English => flag.kind.explanation_en(),
                    Language::Indonesian => flag.kind.explanation_id(),
                },
                justification: flag.justification,
            })
            .collect();
        let history = vacancies::history_of(connection, vacancy.id)
            .await?
            .into_iter()
            .map(|change| StatusChangeResponse {
                from_status: change.from_status,
                to_status: change.to_status,
                actor_user_id: change.actor_user_id,
                reason: change.reason,
                at: change.at,
            })
            .collect();
        (Some(flags), Some(justifications), Some(history))
    } else {
        (None, None, None)
    };
    let only_for_manager = |value: Option<DateTime<Utc>>| value.filter(|_| manager);
    Ok(VacancyResponse {
        id: vacancy.id,
        employer: EmployerRef {
            id: employer.id,
            name: employer.name,
        },
        region_name: region_name(vacancy.region_code.as_deref()),
        status: vacancy.status,
        title: vacancy.title,
        description: vacancy.description,
        requirements: vacancy.requirements,
        kbji_code: vacancy.kbji_code,
        headcount: vacancy.headcount,
        filled_count: vacancy.filled_count,
        valid_from: vacancy.valid_from,
        valid_until: vacancy.valid_until,
        employment_type: vacancy.employment_type,
        wage_min_rupiah: vacancy.wage_min_rupiah,
        wage_max_rupiah: vacancy.wage_max_rupiah,
        wage_period: vacancy.wage_period,
        region_code: vacancy.region_code,
        outside_city_location: vacancy.outside_city_location,
        location_detail: vacancy.location_detail,
        min_education: vacancy.min_education,
        education_major: vacancy.education_major,
        min_experience_months: vacancy.min_experience_months,
        driving_licences: present_texts(vacancy.driving_licences),
        units: units
            .into_iter()
            .map(|unit| UnitResponse {
                unit_code: unit.unit_code,
                requirement: unit.requirement,
                min_evidence_level: unit.min_evidence_level,
            })
            .collect(),
        accepted_certification_schemes: present_texts(vacancy.accepted_certification_schemes),
        reserved_disability_openings: vacancy.reserved_disability_openings,
        how_to_apply: vacancy.how_to_apply,
        sex_requirement: vacancy.sex_requirement,
        blind_review: vacancy.blind_review,
        walk_in_sessions: walk_ins
            .into_iter()
            .map(|walk_in| WalkInResponse {
                id: walk_in.id,
                starts_at: walk_in.starts_at,
                ends_at: walk_in.ends_at,
                venue: walk_in.venue,
                region_code: walk_in.region_code,
                notes: walk_in.notes,
            })
            .collect(),
        published_at: vacancy.published_at,
        version: vacancy.version,
        discrimination_flags: flags,
        justifications,
        flags_justification: vacancy.flags_justification.filter(|_| manager),
        reported_at: only_for_manager(vacancy.reported_at),
        verified_at: only_for_manager(vacancy.verified_at),
        filled_at: only_for_manager(vacancy.filled_at),
        closed_at: only_for_manager(vacancy.closed_at),
        closed_reason: vacancy.closed_reason.filter(|_| manager),
        expired_at: only_for_manager(vacancy.expired_at),
        created_at: only_for_manager(Some(vacancy.created_at)),
        updated_at: only_for_manager(Some(vacancy.updated_at)),
        status_history: history,
    })
}

fn summary_of(vacancy: VacancyRow, employer_name: String, view: View) -> VacancySummary {
    let manager = view == View::Manager;
    let flag_counts = if manager {
        let flags: Vec<StoredFlag> =
            serde_json::from_value(vacancy.discrimination_flags.clone()).unwrap_or_default();
        let unjustified = flags
            .iter()
            .filter(|flag| flag.justification.is_none())
            .count();
        Some((flags.len(), unjustified))
    } else {
        None
    };
    VacancySummary {
        id: vacancy.id,
        title: vacancy.title,
        employer: EmployerRef {
            id: vacancy.employer_id,
            name: employer_name,
        },
        status: vacancy.status,
        kbji_code: vacancy.kbji_code,
        employment_type: vacancy.employment_type,
        headcount: vacancy.headcount,
        reserved_disability_openings: vacancy.reserved_disability_openings,
        wage_min_rupiah: vacancy.wage_min_rupiah,
        wage_max_rupiah: vacancy.wage_max_rupiah,
        wage_period: vacancy.wage_period,
        region_name: region_name(vacancy.region_code.as_deref()),
        region_code: vacancy.region_code,
        outside_city_location: vacancy.outside_city_location,
        valid_from: vacancy.valid_from,
        valid_until: vacancy.valid_until,
        published_at: vacancy.published_at,
        reported_at: vacancy.reported_at.filter(|_| manager),
        created_at: Some(vacancy.created_at).filter(|_| manager),
        discrimination_flag_count: flag_counts.map(|(all, _)| all),
        unjustified_flag_count: flag_counts.map(|(_, unjustified)| unjustified),
    }
}

/// The caller, when the request carries an `Authorization` header (401 if it is not valid), or nobody.
pub struct MaybeCaller(Option<Caller>);

impl FromRequest for MaybeCaller {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if !request.headers().contains_key(AUTHORIZATION) {
            return Box::pin(async { Ok(MaybeCaller(None)) });
        }
        let caller = Caller::from_request(request, payload);
        Box::pin(async move { caller.await.map(|caller| MaybeCaller(Some(caller))) })
    }
}

/// One vacancy. Anyone may read an open vacancy of a verified employer; the owning employer's staff and officers
/// read any of theirs in full (with discrimination flags and history). Anything else is 404.
#[utoipa::path(
    tag = "vacancies",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = VacancyResponse, headers(("ETag" = String))),
        (status = 401, description = "an Authorization header was sent but is not valid", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/vacancies/{id}")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn read(
    request: HttpRequest,
    caller: MaybeCaller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let vacancy = find_vacancy(&mut connection, path.into_inner()).await?;
    let view = if caller
        .0
        .as_ref()
        .is_some_and(|caller| manages(caller, &vacancy))
    {
        View::Manager
    } else {
        let employer = vacancies::employer_brief(&mut connection, vacancy.employer_id).await?;
        if !is_public(&vacancy, &employer) {
            return Err(ApiError::NotFound("vacancy"));
        }
        View::Public
    };
    let response = detail(&mut connection, vacancy, view, request_language(&request)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(concurrency::etag(response.version))
        .json(response))
}

/// Filters and order of the public listing.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicListQuery {
    /// Kecamatan code (`64.71.03`) or spelling (`balikpapan_utara`); `64.71` means anywhere in the city.
    pub region_code: Option<String>,
    /// `pkwt`, `pkwtt`, `harian`, `magang` or `paruh_waktu`.
    pub employment_type: Option<String>,
    /// Occupation group: KBJI major group (`7`), any longer prefix such as the ISCO unit group (`7212`), or a full
    /// KBJI code (`7212.01`).
    pub occupation: Option<String>,
    /// Industry of the employer: KBLI category letter (`F`) or a KBLI code or prefix (`41`, `41011`).
    pub industry: Option<String>,
    /// Lowest acceptable minimum wage in rupiah, per `wage_period` (monthly when not given).
    pub min_wage: Option<i64>,
    /// `bulanan`, `harian` or `per_jam`: only vacancies paid per this period.
    pub wage_period: Option<String>,
    /// `newest` (default), `closing_soon` or `wage` (highest minimum wage first).
    pub sort: Option<String>,
}

impl PublicListQuery {
    fn parse(&self) -> Result<(PublicFilter, PublicSort), ApiError> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut filter = PublicFilter::default();
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|value| !value.is_empty())
                .map(str::to_string)
        };
        if let Some(code) = given(&self.region_code) {
            match RegionCode::parse(&code) {
                Ok(RegionCode::City) => filter.region = Some(RegionFilter::City),
                Ok(RegionCode::Kecamatan(kecamatan)) => {
                    filter.region = Some(RegionFilter::Kecamatan(kecamatan.code()))
                }
                Err(error) => errors.push(FieldError::from_error("region_code", &error)),
            }
        }
        if let Some(value) = given(&self.employment_type) {
            match EmploymentType::parse(&value) {
                Ok(employment_type) => filter.employment_type = Some(employment_type.as_str()),
                Err(error) => errors.push(FieldError::from_error("employment_type", &error)),
            }
        }
        if let Some(value) = given(&self.occupation) {
            let is_group =
                (1..=4).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
            if is_group || KbjiCode::parse(&value).is_ok() {
                filter.occupation_prefix = Some(value);
            } else {
                errors.push(FieldError::new(
                    "occupation",
                    "occupation_filter",
                    "occupation must be a kbji major group (1 digit), a group of 2 to 4 digits or a full kbji code like 7212.01",
                    "Jabatan harus berupa golongan pokok KBJI (1 angka), golongan 2 sampai 4 angka, atau kode KBJI lengkap seperti 7212.01",
                ));
            }
        }
        if let Some(value) = given(&self.industry) {
            let is_category = value.len() == 1 && value.bytes().all(|b| (b'A'..=b'U').contains(&b));
            let is_code_prefix =
                (1..=5).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
            if is_category {
                filter.industry = Some(IndustryFilter::Category(value));
            } else if is_code_prefix {
                filter.industry = Some(IndustryFilter::CodePrefix(value));
            } else {
                errors.push(FieldError::new(
                    "industry",
                    "industry_filter",
                    "industry must be a kbli category letter from A to U or 1 to 5 digits of a kbli code",
                    "Lapangan usaha harus berupa huruf kategori KBLI A sampai U atau 1 sampai 5 angka kode KBLI",
                ));
            }
        }
        if let Some(value) = given(&self.wage_period) {
            match WagePeriod::parse(&value) {
                Ok(period) => filter.wage_period = Some(period.as_str()),
                Err(error) => errors.push(FieldError::from_error("wage_period", &error)),
            }
        }
        if let Some(amount) = self.min_wage {
            match Rupiah::new(amount) {
                Ok(amount) => {
                    filter.min_wage_rupiah = Some(amount.as_i64());
                    if filter.wage_period.is_none() {
                        filter.wage_period = Some(WagePeriod::Bulanan.as_str());
                    }
                }
                Err(error) => errors.push(FieldError::from_error("min_wage", &error)),
            }
        }
        let sort = match given(&self.sort).as_deref() {
            None | Some("newest") => PublicSort::Newest,
            Some("closing_soon") => PublicSort::ClosingSoon,
            Some("wage") => PublicSort::Wage,
            Some(other) => {
                errors.push(FieldError::new(
                    "sort",
                    "sort_unknown",
                    format!(
                        "sort must be newest, closing_soon or wage, got '{}'",
                        echo(other)
                    ),
                    format!(
                        "Urutan harus newest, closing_soon atau wage, diterima '{}'",
                        echo(other)
                    ),
                ));
                PublicSort::Newest
            }
        };
        if errors.is_empty() {
            Ok((filter, sort))
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

/// Untrusted input shortened before it is echoed in a message.
fn echo(value: &str) -> String {
    value.chars().take(40).collect()
}

const SORT_NEWEST: &str = "newest";
const SORT_CLOSING_SOON: &str = "closing_soon";
const SORT_WAGE: &str = "wage";

/// The cursor of the public listing: the sort's name and key of the last item, so a cursor of one order is
/// never read as another.
fn public_cursor(sort: PublicSort, vacancy: &VacancySummary) -> Cursor {
    let key = match sort {
        PublicSort::Newest => format!(
            "{SORT_NEWEST}|{}",
            vacancy
                .published_at
                .map(|at| at.to_rfc3339_opts(SecondsFormat::Micros, true))
                .unwrap_or_default()
        ),
        PublicSort::ClosingSoon => format!("{SORT_CLOSING_SOON}|{}", vacancy.valid_until),
        PublicSort::Wage => format!("{SORT_WAGE}|{}", vacancy.wage_min_rupiah),
    };
    Cursor {
        key,
        id: vacancy.id,
    }
}

fn public_after(sort: PublicSort, cursor: &Cursor) -> Result<PublicAfter, ApiError> {
    let parsed = cursor
        .key
        .split_once('|')
        .and_then(|(name, value)| match (sort, name) {
            (PublicSort::Newest, SORT_NEWEST) => DateTime::parse_from_rfc3339(value)
                .ok()
                .map(|at| PublicAfter::Newest(at.with_timezone(&Utc), cursor.id)),
            (PublicSort::ClosingSoon, SORT_CLOSING_SOON) => value
                .parse::<NaiveDate>()
                .ok()
                .map(|date| PublicAfter::ClosingSoon(date, cursor.id)),
            (PublicSort::Wage, SORT_WAGE) => value
                .parse::<i64>()
                .ok()
                .map(|wage| PublicAfter::Wage(wage, cursor.id)),
            _ => None,
        });
    parsed.ok_or_else(foreign_cursor)
}

fn timestamp_cursor(at: Option<DateTime<Utc>>, id: Uuid) -> Cursor {
    Cursor {
        key: at
            .map(|at| at.to_rfc3339_opts(SecondsFormat::Micros, true))
            .unwrap_or_default(),
        id,
    }
}

fn timestamp_after(cursor: Option<Cursor>) -> Result<Option<(DateTime<Utc>, Uuid)>, ApiError> {
    let Some(cursor) = cursor else {
        return Ok(None);
    };
    DateTime::parse_from_rfc3339(&cursor.key)
        .map(|at| Some((at.with_timezone(&Utc), cursor.id)))
        .map_err(|_| foreign_cursor())
}

fn foreign_cursor() -> ApiError {
    ApiError::BadRequest(Bilingual::new(
        "cursor is not one this list returned; start again without it",
        "cursor tidak berasal dari daftar ini; mulai lagi tanpa cursor",
    ))
}

/// Open vacancies of verified employers, for everyone (no log-in). Filters combine; every order ends with the id,
/// so pages never repeat or skip a vacancy.
#[utoipa::path(
    tag = "vacancies",
    params(PublicListQuery, PageQuery),
    responses(
        (status = 200, body = Page<VacancySummary>),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 422, description = "a filter value is not valid", body = crate::error::Problem),
    )
)]
#[get("/vacancies")]
#[tracing::instrument(skip_all)]
pub async fn list_public(
    state: web::Data<AppState>,
    filters: web::Query<PublicListQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (filter, sort) = filters.parse()?;
    let limit = page.limit()?;
    let after = page
        .cursor()?
        .map(|cursor| public_after(sort, &cursor))
        .transpose()?;
    let mut connection = state.pool.get().await?;
    let rows = vacancies::list_public(
        &mut connection,
        balikpapan_today(),
        &filter,
        sort,
        after,
        limit + 1,
    )
    .await?;
    let items: Vec<VacancySummary> = rows
        .into_iter()
        .map(|(vacancy, employer_name)| summary_of(vacancy, employer_name, View::Public))
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| {
            public_cursor(sort, item)
        })),
    )
}

/// The officers' verification queue: reported vacancies, oldest report first, with how many discrimination flags
/// each has (read one for the flags and the employer's justifications).
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<VacancySummary>),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
    )
)]
#[get("/vacancies/verification-queue")]
#[tracing::instrument(skip_all)]
pub async fn verification_queue(
    caller: Caller,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let limit = page.limit()?;
    let after = timestamp_after(page.cursor()?)?;
    let mut connection = state.pool.get().await?;
    let rows = vacancies::list_reported(&mut connection, after, limit + 1).await?;
    let items: Vec<VacancySummary> = rows
        .into_iter()
        .map(|(vacancy, employer_name)| summary_of(vacancy, employer_name, View::Manager))
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| {
            timestamp_cursor(item.reported_at, item.id)
        })),
    )
}

/// Status filter of the employer's own list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OwnListQuery {
    /// Only vacancies in this status.
    pub status: Option<String>,
}

/// The caller's employer's vacancies in every status, newest first.
#[utoipa::path(
    tag = "vacancies",
    security(("bearer" = [])),
    params(OwnListQuery, PageQuery),
    responses(
        (status = 200, body = Page<VacancySummary>),
        (status = 403, description = "employer staff only", body = crate::error::Problem),
    )
)]
#[get("/vacancies/mine")]
#[tracing::instrument(skip_all)]
pub async fn list_mine(
    caller: Caller,
    state: web::Data<AppState>,
    filters: web::Query<OwnListQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let employer_id = caller.employer_id.ok_or(ApiError::Forbidden)?;
    let status = match filters.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(
            VacancyStatus::parse(value)
                .map_err(|error| {
                    ApiError::Validation(vec![FieldError::from_error("status", &error)])
                })?
                .as_str(),
        ),
    };
    let limit = page.limit()?;
    let after = timestamp_after(page.cursor()?)?;
    let mut connection = state.pool.get().await?;
    let rows =
        vacancies::list_of_employer(&mut connection, employer_id, status, after, limit + 1).await?;
    let items: Vec<VacancySummary> = rows
        .into_iter()
        .map(|(vacancy, employer_name)| summary_of(vacancy, employer_name, View::Manager))
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| {
            timestamp_cursor(item.created_at, item.id)
        })),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// schema.org JobPosting
// ---------------------------------------------------------------------------------------------------------------

/// schema.org `employmentType` values for an employment type.
fn schema_employment_types(employment_type: &str) -> Vec<&'static str> {
    match EmploymentType::parse(employment_type) {
        Ok(EmploymentType::Pkwtt) => vec!["FULL_TIME"],
        Ok(EmploymentType::Pkwt) => vec!["FULL_TIME", "TEMPORARY"],
        Ok(EmploymentType::Harian) => vec!["PER_DIEM"],
        Ok(EmploymentType::Magang) => vec!["INTERN"],
        Ok(EmploymentType::ParuhWaktu) => vec!["PART_TIME"],
        Err(_) => vec!["OTHER"],
    }
}

/// schema.org `unitText` of a wage period.
fn schema_wage_unit(wage_period: &str) -> &'static str {
    match WagePeriod::parse(wage_period) {
        Ok(WagePeriod::Bulanan) => "MONTH",
        Ok(WagePeriod::Harian) => "DAY",
        Ok(WagePeriod::PerJam) => "HOUR",
        Err(_) => "MONTH",
    }
}

/// The vacancy as a schema.org `JobPosting` (JSON-LD), for job search engines.
fn job_posting(
    vacancy: &VacancyRow,
    employer: &EmployerBrief,
    occupation_title: Option<String>,
) -> serde_json::Value {
    use serde_json::{Value, json};

    let description = if vacancy.description.is_empty() {
        format!("Persyaratan:\n{}", vacancy.requirements)
    } else {
        format!(
            "{}\n\nPersyaratan:\n{}",
            vacancy.description, vacancy.requirements
        )
    };
    let address = match (&vacancy.region_code, &vacancy.outside_city_location) {
        (Some(code), _) => {
            let mut street: Vec<String> = vacancy.location_detail.iter().cloned().collect();
            if let Ok(RegionCode::Kecamatan(kecamatan)) = RegionCode::parse(code) {
                street.push(format!("Kecamatan {}", kecamatan.label_id()));
            }
            let mut address = json!({
                "@type": "PostalAddress",
                "addressLocality": "Balikpapan",
                "addressRegion": "Kalimantan Timur",
                "addressCountry": "ID",
            });
            if !street.is_empty() {
                address["streetAddress"] = Value::from(street.join(", "));
            }
            address
        }
        (None, outside) => {
            let mut address = json!({
                "@type": "PostalAddress",
                "addressLocality": outside.clone().unwrap_or_default(),
                "addressCountry": "ID",
            });
            if let Some(detail) = &vacancy.location_detail {
                address["streetAddress"] = Value::from(detail.clone());
            }
            address
        }
    };
    let mut salary_value = json!({
        "@type": "QuantitativeValue",
        "unitText": schema_wage_unit(&vacancy.wage_period),
    });
    match vacancy.wage_max_rupiah {
        Some(max) if max != vacancy.wage_min_rupiah => {
            salary_value["minValue"] = Value::from(vacancy.wage_min_rupiah);
            salary_value["maxValue"] = Value::from(max);
        }
        _ => salary_value["value"] = Value::from(vacancy.wage_min_rupiah),
    }
    let isco_unit_group = vacancy.kbji_code.get(..4).unwrap_or(&vacancy.kbji_code);
    let mut kbji = json!({
        "@type": "CategoryCode",
        "codeValue": vacancy.kbji_code,
        "inCodeSet": "KBJI 2014",
    });
    if let Some(title) = occupation_title {
        kbji["name"] = Value::from(title);
    }
    let mut organization = json!({ "@type": "Organization", "name": employer.name });
    if let Some(website) = &employer.website {
        organization["sameAs"] = Value::from(website.clone());
    }
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "identifier": { "@type": "PropertyValue", "name": "Jembatan", "value": vacancy.id.to_string() },
        "title": vacancy.title,
        "description": description,
        "datePosted": vacancy.published_at.map(|at| balikpapan_date(at).to_string()),
        "validThrough": format!("{}T23:59:59+08:00", vacancy.valid_until),
        "employmentType": schema_employment_types(&vacancy.employment_type),
        "hiringOrganization": organization,
        "jobLocation": { "@type": "Place", "address": address },
        "baseSalary": { "@type": "MonetaryAmount", "currency": "IDR", "value": salary_value },
        "totalJobOpenings": vacancy.headcount,
        "occupationalCategory": [
            kbji,
            { "@type": "CategoryCode", "codeValue": isco_unit_group, "inCodeSet": "ISCO-08" },
        ],
    });
    if vacancy.min_experience_months > 0 {
        posting["experienceRequirements"] = json!({
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": vacancy.min_experience_months,
        });
    }
    if let Some(level) = vacancy
        .min_education
        .as_deref()
        .and_then(|level| EducationLevel::parse(level).ok())
    {
        posting["educationRequirements"] = json!({
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": level.label_en(),
        });
    }
    posting
}

/// An open vacancy as schema.org `JobPosting` JSON-LD (`application/ld+json`), for job search engines.
#[utoipa::path(
    tag = "vacancies",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, content_type = "application/ld+json", body = Object, description = "schema.org JobPosting"),
        (status = 404, description = "no open vacancy of a verified employer with this id", body = crate::error::Problem),
    )
)]
#[get("/vacancies/{id}/jobposting")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn job_posting_ld(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let vacancy = find_vacancy(&mut connection, path.into_inner()).await?;
    let employer = vacancies::employer_brief(&mut connection, vacancy.employer_id).await?;
    if !is_public(&vacancy, &employer) {
        return Err(ApiError::NotFound("vacancy"));
    }
    let occupation_title = vacancies::occupation_title(&mut connection, &vacancy.kbji_code).await?;
    let body = job_posting(&vacancy, &employer, occupation_title);
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json")
        .body(body.to_string()))
}
