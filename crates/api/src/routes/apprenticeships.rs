//! Apprenticeships (pemagangan): a verified host employer proposes a programme, the labour office approves or
//! rejects it; apprentices are placed in approved programmes (never above the seats), the host reports monthly,
//! and each apprenticeship ends `completed` (with its certificate) or `discontinued` (with a reason). A host that
//! hires its former apprentice records it at completion: that creates the `apprenticeship_hire` placement with its
//! three follow-ups and moves the seeker to `placed`, in the same transaction.
//!
//! Who sees what: officers and admins see and decide everything; the host employer's staff see and manage their
//! own programmes and apprentices; anyone else gets 404 for a programme or apprenticeship (403 for lists and
//! writes their role may never do).

use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::apprenticeship::{
    ApprenticeshipError, ApprenticeshipPeriod, MAX_APPRENTICESHIP_MONTHS, check_apprentice_seat,
};
use jembatan_domain::calendar::{ReportMonth, add_months};
use jembatan_domain::codes::{CompetencyUnitCode, KbjiCode};
use jembatan_domain::error::{optional_text, required_text};
use jembatan_domain::placement::MAX_START_DAYS_AHEAD;
use jembatan_domain::region::RegionCode;
use jembatan_domain::vocab::{
    ApprenticeshipProgrammeStatus, ApprenticeshipStatus, EmploymentType, SeekerStatus, UserRole,
    VerificationStatus, WagePeriod,
};
use jembatan_domain::{Actor, FieldError, Lifecycle};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::PooledConnection;
use crate::db::apprenticeships::{
    self as db, ApprenticeshipRow, Ending, HirePlacement, NewApprenticeship, ProgrammeContent,
    ProgrammeMove, ProgrammeRow,
};
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::vacancies::{existing_occupations, existing_regions, existing_units};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::startup::AppState;
use crate::vacancy_expiry::balikpapan_today;

const MAX_SEATS: i64 = 1000;
const MAX_UNITS: usize = 50;
const MIN_REASON_CHARS: usize = 5;
const MAX_REASON_CHARS: usize = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Programmes
// ---------------------------------------------------------------------------------------------------------------

/// An apprenticeship programme as the host writes it (propose and edit). Status, decision, seats taken and version
/// are not part of it.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ProgrammeRequest {
    /// 3–200 characters, e.g. "Magang Juru Las SMAW".
    pub title: String,
    /// Up to 5,000 characters.
    pub description: Option<String>,
    /// Kejuruan slug, e.g. `las`.
    pub vocation_code: Option<String>,
    /// KBJI 2014 occupation the apprentices train for, e.g. `7212.01` (needed to record a hire).
    pub kbji_code: Option<String>,
    /// Kecamatan where the apprenticeship takes place.
    pub region_code: Option<String>,
    /// 1–12 months (Permenaker 6/2020).
    pub duration_months: i64,
    /// 1–1,000 apprentices.
    pub seats: i64,
    /// Uang saku per month, whole rupiah, 0 or more.
    pub monthly_stipend_rupiah: i64,
    /// Workplace mentor (pembimbing), 3–120 characters.
    pub mentor_name: String,
    /// SKKNI units trained, 1–50, e.g. `C.251100.001.01`.
    pub units: Vec<String>,
}

/// The employer of a programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct HostRef {
    pub id: Uuid,
    pub name: String,
}

/// An apprenticeship programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeResponse {
    pub id: Uuid,
    pub host_employer: HostRef,
    pub title: String,
    pub description: Option<String>,
    pub vocation_code: Option<String>,
    pub kbji_code: Option<String>,
    pub region_code: Option<String>,
    pub duration_months: i16,
    pub seats: i32,
    /// Apprentices active or completed (a discontinued apprenticeship frees its seat).
    pub seats_taken: i64,
    pub monthly_stipend_rupiah: i64,
    pub mentor_name: String,
    pub units: Vec<String>,
    /// `proposed`, `approved`, `rejected` or `closed`.
    pub status: String,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why the labour office rejected it.
    pub decision_reason: Option<String>,
    /// Also the `ETag`; send it in `If-Match` to change the programme.
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// A programme in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeSummary {
    pub id: Uuid,
    pub host_employer: HostRef,
    pub title: String,
    pub status: String,
    pub seats: i32,
    pub duration_months: i16,
    pub created_at: DateTime<Utc>,
}

/// Validates a programme request; 422 with every problem at once.
async fn check_programme(
    connection: &mut PooledConnection,
    request: ProgrammeRequest,
) -> Result<(ProgrammeContent, Vec<String>), ApiError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let title = required_text(&request.title, 3, 200)
        .map_err(|error| errors.push(FieldError::from_error("title", &error)))
        .ok();
    let description = optional_text(request.description.as_deref(), 5000)
        .map_err(|error| errors.push(FieldError::from_error("description", &error)))
        .ok()
        .flatten();
    let mentor_name = required_text(&request.mentor_name, 3, 120)
        .map_err(|error| errors.push(FieldError::from_error("mentor_name", &error)))
        .ok();
    let max_months = i64::from(MAX_APPRENTICESHIP_MONTHS);
    if !(1..=max_months).contains(&request.duration_months) {
        errors.push(FieldError::new(
            "duration_months",
            "duration_months_out_of_range",
            format!("an apprenticeship programme lasts 1 to {max_months} months"),
            format!("Program pemagangan berlangsung 1 sampai {max_months} bulan"),
        ));
    }
    if !(1..=MAX_SEATS).contains(&request.seats) {
        errors.push(FieldError::new(
            "seats",
            "seats_out_of_range",
            format!("seats must be between 1 and {MAX_SEATS}"),
            format!("Kuota peserta harus antara 1 dan {MAX_SEATS}"),
        ));
    }
    if request.monthly_stipend_rupiah < 0 {
        errors.push(FieldError::new(
            "monthly_stipend_rupiah",
            "stipend_negative",
            "the monthly stipend must not be negative",
            "Uang saku bulanan tidak boleh negatif",
        ));
    }
    let kbji_code = match non_blank(request.kbji_code.as_deref()) {
        None => None,
        Some(code) => match KbjiCode::parse(code) {
            Err(error) => {
                errors.push(FieldError::from_error("kbji_code", &error));
                None
            }
            Ok(code) => {
                let code = code.as_str().to_string();
                if existing_occupations(connection, std::slice::from_ref(&code))
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
                Some(code)
            }
        },
    };
    let region_code = match non_blank(request.region_code.as_deref()) {
        None => None,
        Some(code) => match RegionCode::parse(code) {
            Err(error) => {
                errors.push(FieldError::from_error("region_code", &error));
                None
            }
            Ok(code) => {
                let code = code.as_str().to_string();
                if existing_regions(connection, std::slice::from_ref(&code))
                    .await?
                    .is_empty()
                {
                    errors.push(FieldError::new(
                        "region_code",
                        "region_unknown",
                        format!("region {code} is not in the region list"),
                        format!("Wilayah {code} tidak ada dalam daftar wilayah"),
                    ));
                }
                Some(code)
            }
        },
    };
    let vocation_code = match non_blank(request.vocation_code.as_deref()) {
        None => None,
        Some(code) => {
            if !db::vocation_exists(connection, code).await? {
                errors.push(FieldError::new(
                    "vocation_code",
                    "vocation_unknown",
                    "the vocation is not in the vocation list",
                    "Kejuruan tidak ada dalam daftar kejuruan",
                ));
            }
            Some(code.to_string())
        }
    };
    let units = check_units(connection, &request.units, &mut errors).await?;
    match (title, mentor_name) {
        (Some(title), Some(mentor_name)) if errors.is_empty() => Ok((
            ProgrammeContent {
                title,
                description,
                vocation_code,
                kbji_code,
                region_code,
                duration_months: i16::try_from(request.duration_months).unwrap_or(1),
                seats: i32::try_from(request.seats).unwrap_or(1),
                monthly_stipend_rupiah: request.monthly_stipend_rupiah,
                mentor_name,
            },
            units,
        )),
        _ => Err(ApiError::Validation(errors)),
    }
}

async fn check_units(
    connection: &mut PooledConnection,
    requested: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<String>, ApiError> {
    if requested.is_empty() || requested.len() > MAX_UNITS {
        errors.push(FieldError::new(
            "units",
            "units_count",
            format!("a programme trains 1 to {MAX_UNITS} competency units"),
            format!("Program melatih 1 sampai {MAX_UNITS} unit kompetensi"),
        ));
        return Ok(Vec::new());
    }
    let mut units: Vec<(usize, String)> = Vec::new();
    for (index, code) in requested.iter().enumerate() {
        match CompetencyUnitCode::parse(code) {
            Err(error) => errors.push(FieldError::from_error(format!("units[{index}]"), &error)),
            Ok(code) if units.iter().any(|(_, seen)| seen == code.as_str()) => {
                errors.push(FieldError::new(
                    format!("units[{index}]"),
                    "unit_repeated",
                    "each competency unit may be listed once",
                    "Setiap unit kompetensi hanya boleh dicantumkan sekali",
                ));
            }
            Ok(code) => units.push((index, code.as_str().to_string())),
        }
    }
    let wanted: Vec<String> = units.iter().map(|(_, code)| code.clone()).collect();
    let known = existing_units(connection, &wanted).await?;
    for (index, code) in units.iter().filter(|(_, code)| !known.contains(code)) {
        errors.push(FieldError::new(
            format!("units[{index}]"),
            "competency_unit_unknown",
            format!("competency unit {code} is not in the skkni unit list"),
            format!("Unit kompetensi {code} tidak ada dalam daftar unit SKKNI"),
        ));
    }
    Ok(wanted)
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

/// Whether the caller manages programmes of `host_employer_id`: the labour office, or that employer's staff.
fn manages(caller: &Caller, host_employer_id: Uuid) -> bool {
    caller.is_labour_office()
        || (caller.role == UserRole::Employer && caller.employer_id == Some(host_employer_id))
}

async fn find_managed_programme(
    connection: &mut PooledConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<ProgrammeRow, ApiError> {
    match db::find_programme(connection, id).await? {
        Some(programme) if manages(caller, programme.host_employer_id) => Ok(programme),
        _ => Err(ApiError::NotFound("apprenticeship programme")),
    }
}

fn programme_status(programme: &ProgrammeRow) -> Result<ApprenticeshipProgrammeStatus, ApiError> {
    ApprenticeshipProgrammeStatus::parse(&programme.status)
        .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("stored programme status: {error}")))
}

async fn programme_response(
    connection: &mut PooledConnection,
    id: Uuid,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    let programme = db::find_programme(connection, id)
        .await?
        .ok_or(ApiError::NotFound("apprenticeship programme"))?;
    let units = db::units_of(connection, id).await?;
    let seats_taken = db::seats_taken(connection, id).await?;
    let (_, host_name) = db::employer_status(connection, programme.host_employer_id).await?;
    let body = ProgrammeResponse {
        id: programme.id,
        host_employer: HostRef {
            id: programme.host_employer_id,
            name: host_name,
        },
        title: programme.title,
        description: programme.description,
        vocation_code: programme.vocation_code,
        kbji_code: programme.kbji_code,
        region_code: programme.region_code,
        duration_months: programme.duration_months,
        seats: programme.seats,
        seats_taken,
        monthly_stipend_rupiah: programme.monthly_stipend_rupiah,
        mentor_name: programme.mentor_name,
        units,
        status: programme.status,
        decided_at: programme.decided_at,
        decision_reason: programme.decision_reason,
        version: programme.version,
        created_at: programme.created_at,
    };
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(body.version));
    if status == actix_web::http::StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/apprenticeship-programmes/{id}")));
    }
    Ok(response.json(body))
}

/// Proposes an apprenticeship programme for the caller's employer, which must be verified.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    request_body = ProgrammeRequest,
    responses(
        (status = 201, body = ProgrammeResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "only employer staff propose programmes", body = crate::error::Problem),
        (status = 409, description = "`employer_not_verified`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/apprenticeship-programmes")]
#[tracing::instrument(skip_all)]
pub async fn propose_programme(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<ProgrammeRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let employer_id = caller.employer_id.ok_or(ApiError::Forbidden)?;
    let mut connection = state.pool.get().await?;
    let (verification, _) = db::employer_status(&mut connection, employer_id).await?;
    if verification != VerificationStatus::Verified.as_str() {
        return Err(ApiError::conflict(
            "employer_not_verified",
            "only a verified employer can host apprentices",
            "Hanya perusahaan yang sudah diverifikasi yang dapat menyelenggarakan pemagangan",
        ));
    }
    let (content, units) = check_programme(&mut connection, body.into_inner()).await?;
    let id = Uuid::now_v7();
    let now = Utc::now();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            db::insert_programme(
                connection,
                id,
                employer_id,
                caller.user_id,
                &content,
                &units,
                now,
            )
            .await?;
            Ok(())
        })
        .await?;
    programme_response(&mut connection, id, actix_web::http::StatusCode::CREATED).await
}

/// Replaces a proposed programme's content (send every field again). Only while `proposed`: once decided, the
/// approval covers what was approved.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ProgrammeRequest,
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`programme_not_editable`", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/apprenticeship-programmes/{id}")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn update_programme(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ProgrammeRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let programme = find_managed_programme(&mut connection, &caller, id).await?;
    concurrency::check_version(programme.version, expected_version)?;
    if programme.status != ApprenticeshipProgrammeStatus::Proposed.as_str() {
        return Err(ApiError::conflict(
            "programme_not_editable",
            format!(
                "only a proposed programme can be edited, this one is {}",
                programme.status
            ),
            "Hanya program pemagangan berstatus Diajukan yang dapat diubah",
        ));
    }
    let (content, units) = check_programme(&mut connection, body.into_inner()).await?;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let updated = db::update_programme_content(
                connection,
                id,
                expected_version,
                ApprenticeshipProgrammeStatus::Proposed.as_str(),
                &content,
                &units,
                Utc::now(),
            )
            .await?;
            if updated {
                Ok(())
            } else {
                Err(ApiError::PreconditionFailed)
            }
        })
        .await?;
    programme_response(&mut connection, id, actix_web::http::StatusCode::OK).await
}

/// A reason for rejecting a programme.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    /// 5–1,000 characters.
    pub reason: String,
}

fn check_reason(reason: &str) -> Result<String, ApiError> {
    required_text(reason, MIN_REASON_CHARS, MAX_REASON_CHARS)
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("reason", &error)]))
}

/// Moves a programme the caller manages through the domain's state machine (409 with its code when refused).
async fn move_programme(
    request: &HttpRequest,
    caller: &Caller,
    state: &AppState,
    id: Uuid,
    to: ApprenticeshipProgrammeStatus,
    reason: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let expected_version = concurrency::required_version(request)?;
    let mut connection = state.pool.get().await?;
    let programme = find_managed_programme(&mut connection, caller, id).await?;
    concurrency::check_version(programme.version, expected_version)?;
    let from = programme_status(&programme)?;
    from.transition(to, Actor::from(caller.role))?;
    let decides = matches!(
        to,
        ApprenticeshipProgrammeStatus::Approved | ApprenticeshipProgrammeStatus::Rejected
    );
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let moved = db::move_programme(
                connection,
                id,
                expected_version,
                ProgrammeMove {
                    from: from.as_str(),
                    to: to.as_str(),
                    decided_by: decides.then_some(caller.user_id),
                    decision_reason: reason.as_deref(),
                    at: Utc::now(),
                },
            )
            .await?;
            if moved {
                Ok(())
            } else {
                Err(ApiError::PreconditionFailed)
            }
        })
        .await?;
    programme_response(&mut connection, id, actix_web::http::StatusCode::OK).await
}

/// Approves a proposed programme (`proposed → approved`): apprentices can then be placed in it.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/apprenticeship-programmes/{id}/approve")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn approve_programme(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let to = ApprenticeshipProgrammeStatus::Approved;
    move_programme(&request, &caller, &state, path.into_inner(), to, None).await
}

/// Rejects a proposed programme (`proposed → rejected`) with the reason the host will read.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/apprenticeship-programmes/{id}/reject")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn reject_programme(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let reason = check_reason(&body.into_inner().reason)?;
    let to = ApprenticeshipProgrammeStatus::Rejected;
    move_programme(
        &request,
        &caller,
        &state,
        path.into_inner(),
        to,
        Some(reason),
    )
    .await
}

/// Closes a programme (`proposed → closed` by the host, `approved → closed` by the host or an officer): no more
/// apprentices are placed; those already placed continue.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/apprenticeship-programmes/{id}/close")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn close_programme(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let to = ApprenticeshipProgrammeStatus::Closed;
    move_programme(&request, &caller, &state, path.into_inner(), to, None).await
}

/// One programme, for its host's staff and the labour office (404 for anyone else).
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/apprenticeship-programmes/{id}")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn read_programme(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let mut connection = state.pool.get().await?;
    find_managed_programme(&mut connection, &caller, id).await?;
    programme_response(&mut connection, id, actix_web::http::StatusCode::OK).await
}

/// Filter of the programme list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeListQuery {
    /// `proposed`, `approved`, `rejected` or `closed`.
    pub status: Option<String>,
}

/// Programmes, newest first: all of them for the labour office (`?status=proposed` is its approval queue), the
/// caller's own for employer staff.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(ProgrammeListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ProgrammeSummary>),
        (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/apprenticeship-programmes")]
#[tracing::instrument(skip_all)]
pub async fn list_programmes(
    caller: Caller,
    state: web::Data<AppState>,
    filter: web::Query<ProgrammeListQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let host = if caller.is_labour_office() {
        None
    } else {
        Some(caller.employer_id.ok_or(ApiError::Forbidden)?)
    };
    let status = match filter.status.as_deref() {
        None => None,
        Some(text) => Some(
            ApprenticeshipProgrammeStatus::parse(text)
                .map_err(|error| {
                    ApiError::Validation(vec![FieldError::from_error("status", &error)])
                })?
                .as_str(),
        ),
    };
    let limit = page.limit()?;
    let after = match page.cursor()? {
        None => None,
        Some(cursor) => Some((parse_time_key(&cursor.key)?, cursor.id)),
    };
    let mut connection = state.pool.get().await?;
    let rows = db::list_programmes(&mut connection, host, status, after, limit + 1).await?;
    let items: Vec<ProgrammeSummary> = rows
        .into_iter()
        .map(|(programme, host_name)| ProgrammeSummary {
            id: programme.id,
            host_employer: HostRef {
                id: programme.host_employer_id,
                name: host_name,
            },
            title: programme.title,
            status: programme.status,
            seats: programme.seats,
            duration_months: programme.duration_months,
            created_at: programme.created_at,
        })
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.created_at.to_rfc3339(),
            id: item.id,
        })),
    )
}

fn bad_cursor() -> ApiError {
    ApiError::BadRequest(crate::error::Bilingual::new(
        "cursor is not one this API returned; start again without it",
        "cursor tidak dikenal; mulai lagi tanpa cursor",
    ))
}

fn parse_time_key(key: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(key)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|_| bad_cursor())
}

// ---------------------------------------------------------------------------------------------------------------
// Apprentices
// ---------------------------------------------------------------------------------------------------------------

/// Placing a seeker as an apprentice under a written agreement (perjanjian pemagangan).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PlaceApprenticeRequest {
    pub seeker_id: Option<Uuid>,
    /// Number of the perjanjian pemagangan, unique within the programme, 1–80 characters.
    pub agreement_number: String,
    /// When the agreement was signed; on or before `starts_on`.
    pub agreement_date: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    /// After `starts_on`, within the programme's duration (and at most 12 months).
    pub ends_on: Option<NaiveDate>,
    /// Defaults to the programme's mentor.
    pub mentor_name: Option<String>,
    /// Defaults to the programme's stipend.
    pub monthly_stipend_rupiah: Option<i64>,
}

/// One monthly progress report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressReportResponse {
    pub id: Uuid,
    /// `YYYY-MM`.
    pub period_month: String,
    pub attendance_days: Option<i16>,
    pub summary: String,
    pub submitted_at: DateTime<Utc>,
}

/// An apprenticeship.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprenticeshipResponse {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub seeker_id: Uuid,
    pub agreement_number: String,
    pub agreement_date: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mentor_name: String,
    pub monthly_stipend_rupiah: i64,
    /// `active`, `completed` or `discontinued`.
    pub status: String,
    pub ended_on: Option<NaiveDate>,
    pub discontinued_reason: Option<String>,
    pub certificate_number: Option<String>,
    /// Known once ended.
    pub hired_by_host: Option<bool>,
    /// The `apprenticeship_hire` placement, when the host hired the apprentice.
    pub placement_id: Option<Uuid>,
    pub progress_reports: Vec<ProgressReportResponse>,
    /// Months that have ended (within the apprenticeship) without a progress report, `YYYY-MM`.
    pub progress_reports_missing: Vec<String>,
    /// Also the `ETag`.
    pub version: i32,
}

async fn apprenticeship_response(
    connection: &mut PooledConnection,
    id: Uuid,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    let row = db::find_apprenticeship(connection, id)
        .await?
        .ok_or(ApiError::NotFound("apprenticeship"))?;
    let reports = db::progress_reports_of(connection, id).await?;
    let placement = db::placement_of(connection, id).await?;
    let reported: Vec<ReportMonth> = reports
        .iter()
        .map(|report| ReportMonth::of(report.period_month))
        .collect();
    let last_day = row.ended_on.unwrap_or(row.ends_on);
    let missing = ApprenticeshipPeriod::new(row.starts_on, last_day.max(row.starts_on))
        .map(|period| period.progress_report_months(balikpapan_today()))
        .unwrap_or_default()
        .into_iter()
        .filter(|month| !reported.contains(month))
        .map(|month| month.to_string())
        .collect();
    let body = ApprenticeshipResponse {
        id: row.id,
        programme_id: row.programme_id,
        seeker_id: row.seeker_id,
        agreement_number: row.agreement_number,
        agreement_date: row.agreement_date,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        mentor_name: row.mentor_name,
        monthly_stipend_rupiah: row.monthly_stipend_rupiah,
        status: row.status,
        ended_on: row.ended_on,
        discontinued_reason: row.discontinued_reason,
        certificate_number: row.certificate_number,
        hired_by_host: row.hired_by_host,
        placement_id: placement.map(|(placement_id, _)| placement_id),
        progress_reports: reports
            .into_iter()
            .map(|report| ProgressReportResponse {
                id: report.id,
                period_month: ReportMonth::of(report.period_month).to_string(),
                attendance_days: report.attendance_days,
                summary: report.summary,
                submitted_at: report.submitted_at,
            })
            .collect(),
        progress_reports_missing: missing,
        version: row.version,
    };
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(body.version));
    if status == actix_web::http::StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/apprenticeships/{id}")));
    }
    Ok(response.json(body))
}

fn rule_conflict(error: &ApprenticeshipError) -> ApiError {
    ApiError::conflict_from(error)
}

/// Places a seeker as an apprentice in an approved programme (host staff or officers). Never above the
/// programme's seats, even under concurrent requests (the programme row is locked while counting); 409
/// `apprenticeship_no_seats_left`, `apprenticeship_programme_not_approved`, `agreement_number_taken`,
/// `apprentice_already_active` (a person is an apprentice in one place at a time). Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "the programme")),
    request_body = PlaceApprenticeRequest,
    responses(
        (status = 201, body = ApprenticeshipResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/apprenticeship-programmes/{id}/apprentices")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn place_apprentice(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<PlaceApprenticeRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let programme_id = path.into_inner();
    let request = body.into_inner();
    let mut connection = state.pool.get().await?;
    let programme = find_managed_programme(&mut connection, &caller, programme_id).await?;

    let mut errors: Vec<FieldError> = Vec::new();
    let required_date = |value: Option<NaiveDate>, field: &str, errors: &mut Vec<FieldError>| {
        if value.is_none() {
            errors.push(FieldError::new(
                field,
                "date_missing",
                format!("{field} is required"),
                format!("{field} wajib diisi"),
            ));
        }
        value
    };
    let agreement_date = required_date(request.agreement_date, "agreement_date", &mut errors);
    let starts_on = required_date(request.starts_on, "starts_on", &mut errors);
    let ends_on = required_date(request.ends_on, "ends_on", &mut errors);
    let agreement_number = required_text(&request.agreement_number, 1, 80)
        .map_err(|error| errors.push(FieldError::from_error("agreement_number", &error)))
        .ok();
    let mentor_name = match request.mentor_name.as_deref() {
        None => Some(programme.mentor_name.clone()),
        Some(name) => required_text(name, 3, 120)
            .map_err(|error| errors.push(FieldError::from_error("mentor_name", &error)))
            .ok(),
    };
    let stipend = request
        .monthly_stipend_rupiah
        .unwrap_or(programme.monthly_stipend_rupiah);
    if stipend < 0 {
        errors.push(FieldError::new(
            "monthly_stipend_rupiah",
            "stipend_negative",
            "the monthly stipend must not be negative",
            "Uang saku bulanan tidak boleh negatif",
        ));
    }
    if let (Some(starts_on), Some(ends_on)) = (starts_on, ends_on) {
        match ApprenticeshipPeriod::new(starts_on, ends_on) {
            Err(error) => errors.push(FieldError::from_error("ends_on", &error)),
            Ok(_) => {
                let months = u32::try_from(programme.duration_months).unwrap_or(1);
                if ends_on > add_months(starts_on, months) {
                    errors.push(FieldError::new(
                        "ends_on",
                        "apprenticeship_longer_than_programme",
                        format!("the programme lasts {months} months; the apprenticeship may not be longer"),
                        format!("Program berlangsung {months} bulan; pemagangan tidak boleh lebih lama"),
                    ));
                }
            }
        }
    }
    if let (Some(agreement_date), Some(starts_on)) = (agreement_date, starts_on)
        && agreement_date > starts_on
    {
        errors.push(FieldError::new(
            "agreement_date",
            "agreement_after_start",
            "the apprenticeship agreement must be signed on or before the start date",
            "Perjanjian pemagangan harus ditandatangani paling lambat pada tanggal mulai",
        ));
    }
    let seeker = match request.seeker_id {
        None => None,
        Some(seeker_id) => db::find_seeker(&mut connection, seeker_id)
            .await?
            .filter(|seeker| seeker.erased_at.is_none()),
    };
    if seeker.is_none() {
        errors.push(FieldError::new(
            "seeker_id",
            "seeker_unknown",
            "no registered job seeker has this id",
            "Tidak ada pencari kerja terdaftar dengan id ini",
        ));
    }
    let (
        Some(seeker),
        Some(agreement_date),
        Some(starts_on),
        Some(ends_on),
        Some(agreement_number),
        Some(mentor_name),
        true,
    ) = (
        seeker,
        agreement_date,
        starts_on,
        ends_on,
        agreement_number,
        mentor_name,
        errors.is_empty(),
    )
    else {
        return Err(ApiError::Validation(errors));
    };

    let id = Uuid::now_v7();
    let now = Utc::now();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let locked = db::lock_programme(connection, programme_id)
                .await?
                .ok_or(ApiError::NotFound("apprenticeship programme"))?;
            let taken = db::seats_taken(connection, programme_id).await?;
            check_apprentice_seat(
                programme_status(&locked)?,
                u32::try_from(locked.seats).unwrap_or(0),
                u32::try_from(taken).unwrap_or(u32::MAX),
            )
            .map_err(|error| rule_conflict(&error))?;
            db::insert_apprenticeship(
                connection,
                &NewApprenticeship {
                    id,
                    programme_id,
                    seeker_id: seeker.id,
                    agreement_number,
                    agreement_date,
                    starts_on,
                    ends_on,
                    mentor_name,
                    monthly_stipend_rupiah: stipend,
                    recorded_by: caller.user_id,
                    created_at: now,
                    updated_at: now,
                },
            )
            .await
            .map_err(|error| {
                ApiError::from_unique(
                    error,
                    &[
                        UniqueConflict {
                            constraint: "apprenticeships_programme_id_agreement_number_key",
                            code: "agreement_number_taken",
                            en: "this programme already has an apprentice with this agreement number",
                            id: "Program ini sudah memiliki peserta dengan nomor perjanjian tersebut",
                        },
                        UniqueConflict {
                            constraint: "apprenticeships_active_seeker_key",
                            code: "apprentice_already_active",
                            en: "this person is already an active apprentice elsewhere",
                            id: "Orang ini sedang menjalani pemagangan aktif di tempat lain",
                        },
                    ],
                )
            })?;
            Ok(())
        })
        .await?;
    apprenticeship_response(&mut connection, id, actix_web::http::StatusCode::CREATED).await
}

/// Summary of an apprentice in a programme's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprenticeSummary {
    pub id: Uuid,
    pub seeker_id: Uuid,
    /// The AK/I registration number.
    pub registration_number: String,
    pub agreement_number: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: String,
    pub hired_by_host: Option<bool>,
}

/// The apprentices of a programme, by start date (host staff and the labour office).
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), PageQuery),
    responses(
        (status = 200, body = Page<ApprenticeSummary>),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/apprenticeship-programmes/{id}/apprentices")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn list_apprentices(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let programme_id = path.into_inner();
    let limit = page.limit()?;
    let after = match page.cursor()? {
        None => None,
        Some(cursor) => Some((
            NaiveDate::parse_from_str(&cursor.key, "%Y-%m-%d").map_err(|_| bad_cursor())?,
            cursor.id,
        )),
    };
    let mut connection = state.pool.get().await?;
    find_managed_programme(&mut connection, &caller, programme_id).await?;
    let rows = db::list_apprentices(&mut connection, programme_id, after, limit + 1).await?;
    let items: Vec<ApprenticeSummary> = rows
        .into_iter()
        .map(|(row, registration_number)| ApprenticeSummary {
            id: row.id,
            seeker_id: row.seeker_id,
            registration_number,
            agreement_number: row.agreement_number,
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            status: row.status,
            hired_by_host: row.hired_by_host,
        })
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.starts_on.to_string(),
            id: item.id,
        })),
    )
}

/// The apprenticeship and its programme, if the caller manages the programme; 404 otherwise.
async fn find_managed_apprenticeship(
    connection: &mut PooledConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<(ApprenticeshipRow, ProgrammeRow), ApiError> {
    let not_found = || ApiError::NotFound("apprenticeship");
    let row = db::find_apprenticeship(connection, id)
        .await?
        .ok_or_else(not_found)?;
    let programme = db::find_programme(connection, row.programme_id)
        .await?
        .ok_or_else(not_found)?;
    if manages(caller, programme.host_employer_id) {
        Ok((row, programme))
    } else {
        Err(not_found())
    }
}

/// One apprenticeship with its progress reports and the months still missing one.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ApprenticeshipResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/apprenticeships/{id}")]
#[tracing::instrument(skip_all, fields(apprenticeship_id = %path))]
pub async fn read_apprenticeship(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let mut connection = state.pool.get().await?;
    find_managed_apprenticeship(&mut connection, &caller, id).await?;
    apprenticeship_response(&mut connection, id, actix_web::http::StatusCode::OK).await
}

/// A monthly progress report (laporan perkembangan).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ProgressReportRequest {
    /// The month reported on, `YYYY-MM`: within the apprenticeship, not in the future.
    pub period_month: String,
    /// Days present, 0 to the days of that month.
    pub attendance_days: Option<i64>,
    /// What the apprentice learned and did, 10–5,000 characters.
    pub summary: String,
}

/// The host submits the monthly progress report of an apprentice: one per month (409
/// `progress_report_exists` for a second one).
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ProgressReportRequest,
    responses(
        (status = 201, body = ApprenticeshipResponse, headers(("ETag" = String))),
        (status = 403, description = "the host's staff only", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/apprenticeships/{id}/progress-reports")]
#[tracing::instrument(skip_all, fields(apprenticeship_id = %path))]
pub async fn submit_progress_report(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ProgressReportRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let id = path.into_inner();
    let request = body.into_inner();
    let mut connection = state.pool.get().await?;
    let (row, _) = find_managed_apprenticeship(&mut connection, &caller, id).await?;
    let mut errors: Vec<FieldError> = Vec::new();
    let month = match ReportMonth::parse(&request.period_month) {
        Err(error) => {
            errors.push(FieldError::from_error("period_month", &error));
            None
        }
        Ok(month) => {
            let last_day = row.ended_on.unwrap_or(row.ends_on);
            if month.last_day() < row.starts_on || month.first_day() > last_day {
                errors.push(FieldError::new(
                    "period_month",
                    "progress_month_outside_apprenticeship",
                    "the month must fall within the apprenticeship",
                    "Bulan laporan harus berada dalam masa pemagangan",
                ));
            } else if month.first_day() > balikpapan_today() {
                errors.push(FieldError::new(
                    "period_month",
                    "progress_month_in_future",
                    "a month that has not started cannot be reported on",
                    "Bulan yang belum dimulai tidak dapat dilaporkan",
                ));
            }
            Some(month)
        }
    };
    let attendance_days = match (request.attendance_days, month) {
        (None, _) => None,
        (Some(days), month) => {
            let days_in_month = month.map_or(31, |month| {
                i64::from(chrono::Datelike::day(&month.last_day()))
            });
            if !(0..=days_in_month).contains(&days) {
                errors.push(FieldError::new(
                    "attendance_days",
                    "attendance_days_out_of_range",
                    format!("attendance must be between 0 and {days_in_month} days"),
                    format!("Kehadiran harus antara 0 dan {days_in_month} hari"),
                ));
            }
            i16::try_from(days).ok()
        }
    };
    let summary = required_text(&request.summary, 10, 5000)
        .map_err(|error| errors.push(FieldError::from_error("summary", &error)))
        .ok();
    let (Some(month), Some(summary), true) = (month, summary, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            db::insert_progress_report(
                connection,
                Uuid::now_v7(),
                id,
                month.first_day(),
                attendance_days,
                &summary,
                caller.user_id,
            )
            .await
            .map_err(|error| {
                ApiError::from_unique(
                    error,
                    &[UniqueConflict {
                        constraint: "apprenticeship_progress_reports_apprenticeship_month_key",
                        code: "progress_report_exists",
                        en: "a progress report for this month was already submitted",
                        id: "Laporan perkembangan untuk bulan ini sudah dikirim",
                    }],
                )
            })
        })
        .await?;
    apprenticeship_response(&mut connection, id, actix_web::http::StatusCode::CREATED).await
}

/// The job the host gives its former apprentice.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HireRequest {
    /// First working day: on or after the apprenticeship ended, at most 90 days ahead.
    pub start_date: Option<NaiveDate>,
    /// `pkwt`, `pkwtt`, `harian`, `magang` or `paruh_waktu`.
    pub employment_type: String,
    pub wage_rupiah: Option<i64>,
    /// `bulanan`, `harian` or `per_jam`; with `wage_rupiah`.
    pub wage_period: Option<String>,
    /// KBJI code of the job; defaults to the programme's.
    pub kbji_code: Option<String>,
}

/// Completing an apprenticeship.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CompleteRequest {
    /// Last day; not before the start, not in the future.
    pub ended_on: Option<NaiveDate>,
    /// Sertifikat pemagangan issued by the host.
    pub certificate_number: Option<String>,
    /// Whether the host hired the apprentice; `true` needs `hire` and records a placement.
    pub hired_by_host: bool,
    pub hire: Option<HireRequest>,
}

/// Ending an apprenticeship early.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DiscontinueRequest {
    /// Last day; not before the start, not in the future.
    pub ended_on: Option<NaiveDate>,
    /// 5–1,000 characters.
    pub reason: String,
}

fn check_ended_on(
    ended_on: Option<NaiveDate>,
    row: &ApprenticeshipRow,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let Some(ended_on) = ended_on else {
        errors.push(FieldError::new(
            "ended_on",
            "date_missing",
            "ended_on is required",
            "ended_on wajib diisi",
        ));
        return None;
    };
    if ended_on < row.starts_on {
        errors.push(FieldError::new(
            "ended_on",
            "ended_before_start",
            "an apprenticeship cannot end before it started",
            "Pemagangan tidak dapat berakhir sebelum dimulai",
        ));
    } else if ended_on > balikpapan_today() {
        errors.push(FieldError::new(
            "ended_on",
            "ended_on_in_future",
            "the end date cannot be in the future",
            "Tanggal berakhir tidak boleh di masa depan",
        ));
    }
    Some(ended_on)
}

/// A hire, checked.
struct CheckedHire {
    start_date: NaiveDate,
    employment_type: EmploymentType,
    wage: Option<(i64, WagePeriod)>,
    kbji_code: String,
}

async fn check_hire(
    connection: &mut PooledConnection,
    hire: &HireRequest,
    programme: &ProgrammeRow,
    ended_on: Option<NaiveDate>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<CheckedHire>, ApiError> {
    let before = errors.len();
    let start_date = match hire.start_date {
        None => {
            errors.push(FieldError::new(
                "hire.start_date",
                "date_missing",
                "hire.start_date is required",
                "hire.start_date wajib diisi",
            ));
            None
        }
        Some(start) => {
            if ended_on.is_some_and(|ended_on| start < ended_on) {
                errors.push(FieldError::new(
                    "hire.start_date",
                    "hire_before_apprenticeship_end",
                    "the job starts on or after the day the apprenticeship ended",
                    "Pekerjaan dimulai pada atau setelah pemagangan berakhir",
                ));
            }
            if start > balikpapan_today() + chrono::Duration::days(MAX_START_DAYS_AHEAD) {
                errors.push(FieldError::new(
                    "hire.start_date",
                    "start_too_far_ahead",
                    format!("start date must be at most {MAX_START_DAYS_AHEAD} days after today"),
                    format!(
                        "Tanggal mulai kerja paling lambat {MAX_START_DAYS_AHEAD} hari dari hari ini"
                    ),
                ));
            }
            Some(start)
        }
    };
    let employment_type = EmploymentType::parse(&hire.employment_type)
        .map_err(|error| errors.push(FieldError::from_error("hire.employment_type", &error)))
        .ok();
    let wage = match (hire.wage_rupiah, hire.wage_period.as_deref()) {
        (None, None) => None,
        (Some(amount), Some(period)) => {
            if amount < 0 {
                errors.push(FieldError::new(
                    "hire.wage_rupiah",
                    "wage_negative",
                    "the wage must not be negative",
                    "Upah tidak boleh negatif",
                ));
            }
            WagePeriod::parse(period)
                .map_err(|error| errors.push(FieldError::from_error("hire.wage_period", &error)))
                .ok()
                .map(|period| (amount, period))
        }
        _ => {
            errors.push(FieldError::new(
                "hire.wage_period",
                "wage_incomplete",
                "give both the wage and its period, or neither",
                "Isi upah beserta periodenya, atau kosongkan keduanya",
            ));
            None
        }
    };
    let kbji_code = match non_blank(hire.kbji_code.as_deref()).or(programme.kbji_code.as_deref()) {
        None => {
            errors.push(FieldError::new(
                "hire.kbji_code",
                "kbji_code_missing",
                "the programme names no occupation: give the kbji code of the job",
                "Program tidak mencantumkan jabatan: isi kode KBJI pekerjaan",
            ));
            None
        }
        Some(code) => match KbjiCode::parse(code) {
            Err(error) => {
                errors.push(FieldError::from_error("hire.kbji_code", &error));
                None
            }
            Ok(code) => {
                let code = code.as_str().to_string();
                if existing_occupations(connection, std::slice::from_ref(&code))
                    .await?
                    .is_empty()
                {
                    errors.push(FieldError::new(
                        "hire.kbji_code",
                        "occupation_unknown",
                        format!("kbji code {code} is not in the occupation list"),
                        format!("Kode KBJI {code} tidak ada dalam daftar jabatan"),
                    ));
                }
                Some(code)
            }
        },
    };
    match (start_date, employment_type, kbji_code) {
        (Some(start_date), Some(employment_type), Some(kbji_code)) if errors.len() == before => {
            Ok(Some(CheckedHire {
                start_date,
                employment_type,
                wage,
                kbji_code,
            }))
        }
        _ => Ok(None),
    }
}

/// Completes an apprenticeship (`active → completed`, host staff or officers, `If-Match`). With
/// `hired_by_host: true` and the `hire`, it also records the `apprenticeship_hire` placement (report month = the
/// start month), its +3/+6/+12-month follow-ups and moves the seeker to `placed` — all in one transaction.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = CompleteRequest,
    responses(
        (status = 200, body = ApprenticeshipResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/apprenticeships/{id}/complete")]
#[tracing::instrument(skip_all, fields(apprenticeship_id = %path))]
pub async fn complete(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<CompleteRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let id = path.into_inner();
    let body = body.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let (row, programme) = find_managed_apprenticeship(&mut connection, &caller, id).await?;
    concurrency::check_version(row.version, expected_version)?;
    let to = ApprenticeshipStatus::Completed;
    apprenticeship_status(&row)?.transition(to, Actor::from(caller.role))?;

    let mut errors: Vec<FieldError> = Vec::new();
    let ended_on = check_ended_on(body.ended_on, &row, &mut errors);
    let certificate_number = optional_text(body.certificate_number.as_deref(), 120)
        .map_err(|error| errors.push(FieldError::from_error("certificate_number", &error)))
        .ok()
        .flatten();
    let hire = match (body.hired_by_host, &body.hire) {
        (true, None) => {
            errors.push(FieldError::new(
                "hire",
                "hire_details_missing",
                "a hire by the host needs the job's start date and employment type",
                "Perekrutan oleh perusahaan memerlukan tanggal mulai kerja dan jenis hubungan kerja",
            ));
            None
        }
        (false, Some(_)) => {
            errors.push(FieldError::new(
                "hire",
                "hire_without_hired_by_host",
                "send hire only with hired_by_host true",
                "Isi hire hanya jika hired_by_host bernilai true",
            ));
            None
        }
        (false, None) => None,
        (true, Some(hire)) => {
            check_hire(&mut connection, hire, &programme, ended_on, &mut errors).await?
        }
    };
    let (Some(ended_on), true) = (ended_on, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };

    let now = Utc::now();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let ended = db::end_apprenticeship(
                connection,
                id,
                expected_version,
                Ending {
                    to: to.as_str(),
                    ended_on,
                    discontinued_reason: None,
                    certificate_number: certificate_number.as_deref(),
                    hired_by_host: hire.is_some(),
                    at: now,
                },
            )
            .await?;
            if !ended {
                return Err(ApiError::PreconditionFailed);
            }
            if let Some(hire) = &hire {
                record_hire(connection, &caller, &row, &programme, hire, now).await?;
            }
            Ok(())
        })
        .await?;
    apprenticeship_response(&mut connection, id, actix_web::http::StatusCode::OK).await
}

/// The placement of a host's hire, its follow-ups, and the seeker's move to `placed` (through the seeker
/// lifecycle, as the system; a seeker whose card is not active keeps its status) with a search outbox row.
async fn record_hire(
    connection: &mut diesel_async::AsyncPgConnection,
    caller: &Caller,
    row: &ApprenticeshipRow,
    programme: &ProgrammeRow,
    hire: &CheckedHire,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    db::insert_hire_placement(
        connection,
        &HirePlacement {
            id: Uuid::now_v7(),
            seeker_id: row.seeker_id,
            apprenticeship_id: row.id,
            employer_id: programme.host_employer_id,
            kbji_code: &hire.kbji_code,
            start_date: hire.start_date,
            employment_type: hire.employment_type.as_str(),
            wage_rupiah: hire.wage.map(|(amount, _)| amount),
            wage_period: hire.wage.map(|(_, period)| period.as_str()),
            recorded_by: caller.user_id,
            at: now,
        },
    )
    .await
    .map_err(|error| {
        ApiError::from_unique(
            error,
            &[UniqueConflict {
                constraint: "placements_apprenticeship_id_key",
                code: "apprenticeship_hire_recorded",
                en: "the hire after this apprenticeship is already recorded",
                id: "Perekrutan setelah pemagangan ini sudah dicatat",
            }],
        )
    })?;
    let Some(seeker) = db::lock_seeker(connection, row.seeker_id).await? else {
        return Err(ApiError::NotFound("seeker"));
    };
    let current = SeekerStatus::parse(&seeker.status)
        .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("stored seeker status: {error}")))?;
    match current.transition(SeekerStatus::Placed, Actor::System) {
        Ok(placed) => {
            db::set_seeker_status(
                connection,
                &seeker,
                placed.as_str(),
                Some(caller.user_id),
                "hired by the apprenticeship host",
                now,
            )
            .await?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker.id).await?;
        }
        Err(refused) => {
            tracing::info!(
                seeker_status = current.as_str(),
                reason = %refused,
                "seeker status left unchanged by the apprenticeship hire"
            );
        }
    }
    Ok(())
}

fn apprenticeship_status(row: &ApprenticeshipRow) -> Result<ApprenticeshipStatus, ApiError> {
    ApprenticeshipStatus::parse(&row.status).map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!("stored apprenticeship status: {error}"))
    })
}

/// Ends an apprenticeship early (`active → discontinued`, host staff or officers, `If-Match`) with a reason; it
/// frees the seat.
#[utoipa::path(
    tag = "apprenticeships",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = DiscontinueRequest,
    responses(
        (status = 200, body = ApprenticeshipResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/apprenticeships/{id}/discontinue")]
#[tracing::instrument(skip_all, fields(apprenticeship_id = %path))]
pub async fn discontinue(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<DiscontinueRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let id = path.into_inner();
    let body = body.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let (row, _) = find_managed_apprenticeship(&mut connection, &caller, id).await?;
    concurrency::check_version(row.version, expected_version)?;
    let to = ApprenticeshipStatus::Discontinued;
    apprenticeship_status(&row)?.transition(to, Actor::from(caller.role))?;
    let mut errors: Vec<FieldError> = Vec::new();
    let ended_on = check_ended_on(body.ended_on, &row, &mut errors);
    let reason = required_text(&body.reason, MIN_REASON_CHARS, MAX_REASON_CHARS)
        .map_err(|error| errors.push(FieldError::from_error("reason", &error)))
        .ok();
    let (Some(ended_on), Some(reason), true) = (ended_on, reason, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let ended = db::end_apprenticeship(
                connection,
                id,
                expected_version,
                Ending {
                    to: to.as_str(),
                    ended_on,
                    discontinued_reason: Some(&reason),
                    certificate_number: None,
                    hired_by_host: false,
                    at: Utc::now(),
                },
            )
            .await?;
            if ended {
                Ok(())
            } else {
                Err(ApiError::PreconditionFailed)
            }
        })
        .await?;
    apprenticeship_response(&mut connection, id, actix_web::http::StatusCode::OK).await
}
