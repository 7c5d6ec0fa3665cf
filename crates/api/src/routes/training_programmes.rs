//! Training programmes (pelatihan berbasis kompetensi) and their cohorts (angkatan).
//!
//! A provider's own BLK staff (or officers) write programmes — vocation, the SKKNI units taught, duration, mode,
//! cost, funding, entry requirements — edit them with `If-Match` and archive them; they plan cohorts of a programme
//! and move them `planned → registration_open → selection → running → completed`, or `→ cancelled` with a reason
//! (the domain's `CohortStatus` lifecycle). Anyone, logged in or not, may read programmes and cohorts, and list the
//! cohorts taking registrations today (what gap advice links to). Another provider's staff get 404 on writes.

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::codes::{CompetencyUnitCode, KbjiCode};
use jembatan_domain::error::{optional_text, required_text};
use jembatan_domain::taxonomy::VocationCode;
use jembatan_domain::training::{CohortSchedule, SelectionStep};
use jembatan_domain::vocab::{CohortStatus, EducationLevel, FundingSource, TrainingMode, UserRole};
use jembatan_domain::{Actor, FieldError, Lifecycle};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::training::{
    self, CohortFields, CohortRow, OpenCohortFilter, ProgrammeFields, ProgrammeFilter, ProgrammeRow,
};
use crate::error::{ApiError, UniqueConflict, UnknownReference};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::seekers::today;
use crate::routes::training_providers::{foreign_cursor, manages_provider};
use crate::startup::AppState;

/// Most units one programme may teach.
const MAX_UNITS: usize = 50;
const MAX_DURATION_HOURS: i64 = 5000;
const MAX_QUOTA: i64 = 1000;
const MIN_REASON_CHARS: usize = 5;
const MAX_REASON_CHARS: usize = 1000;

const PROGRAMME_REFERENCES: &[UnknownReference] = &[
    UnknownReference {
        constraint: "training_programmes_vocation_code_fkey",
        field: "vocation_code",
        code: "vocation_unknown",
        en: "vocation_code is not in the vocation list; see /api/v1/vocations",
        id: "vocation_code tidak ada dalam daftar kejuruan; lihat /api/v1/vocations",
    },
    UnknownReference {
        constraint: "training_programmes_kbji_code_fkey",
        field: "kbji_code",
        code: "occupation_unknown",
        en: "kbji_code is not in the occupation list; see /api/v1/occupations",
        id: "kbji_code tidak ada dalam daftar jabatan; lihat /api/v1/occupations",
    },
    UnknownReference {
        constraint: "training_programmes_training_provider_id_fkey",
        field: "training_provider_id",
        code: "training_provider_unknown",
        en: "training_provider_id names no training provider",
        id: "training_provider_id tidak menunjuk lembaga pelatihan mana pun",
    },
];

const NO_CONFLICTS: &[UniqueConflict] = &[];

// ---------------------------------------------------------------------------------------------------------------
// Programmes

/// A programme as BLK staff write it (create and edit). Fields left out count as empty.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ProgrammeRequest {
    /// The provider running it: officers must name it; BLK staff may leave it out (their own provider).
    pub training_provider_id: Option<Uuid>,
    /// 3–200 characters, e.g. `Juru Las 3G SMAW`.
    pub name: String,
    /// Up to 5,000 characters.
    pub description: Option<String>,
    /// Kejuruan, e.g. `las`.
    pub vocation_code: String,
    /// Target occupation (KBJI 2014), e.g. `7212.01`.
    pub kbji_code: Option<String>,
    /// 1–5,000 hours (jam pelajaran).
    pub duration_hours: i64,
    /// `tatap_muka`, `daring` or `campuran`.
    pub mode: String,
    /// Whole rupiah the trainee pays; 0 when funded.
    pub cost_rupiah: i64,
    /// `apbn`, `apbd`, `swasta` or `mandiri`.
    pub funding_source: String,
    /// Minimum education level, e.g. `smp`.
    pub min_education: Option<String>,
    /// Other entry requirements (persyaratan peserta), up to 2,000 characters.
    pub entry_requirements: Option<String>,
    /// SKKNI units taught (1–50, no repeats); graduating competent records trained evidence for each.
    pub units: Vec<String>,
}

/// A programme that passed every rule.
struct CheckedProgramme {
    training_provider_id: Uuid,
    fields: ProgrammeFields,
    units: Vec<String>,
}

/// Validates a programme request; every problem is reported at once (422, nothing written).
async fn check_programme(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    request: ProgrammeRequest,
) -> Result<CheckedProgramme, ApiError> {
    let mut errors = Vec::new();
    let training_provider_id = match (caller.role, request.training_provider_id) {
        (UserRole::Blk, given) => {
            let own = caller.training_provider_id.ok_or(ApiError::Forbidden)?;
            if given.is_some_and(|given| given != own) {
                return Err(ApiError::NotFound("training provider"));
            }
            Some(own)
        }
        (_, Some(given)) => Some(given),
        (_, None) => {
            errors.push(FieldError::new(
                "training_provider_id",
                "training_provider_required",
                "name the training provider that runs the programme",
                "sebutkan lembaga pelatihan penyelenggara program",
            ));
            None
        }
    };
    let name = required_text(&request.name, 3, 200)
        .map_err(|error| errors.push(FieldError::from_error("name", &error)))
        .ok();
    let description = optional_text(request.description.as_deref(), 5000)
        .map_err(|error| errors.push(FieldError::from_error("description", &error)))
        .ok()
        .flatten();
    let vocation = VocationCode::parse(request.vocation_code.trim())
        .map_err(|error| errors.push(FieldError::from_error("vocation_code", &error)))
        .ok();
    let kbji_code = match request.kbji_code.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => KbjiCode::parse(code)
            .map_err(|error| errors.push(FieldError::from_error("kbji_code", &error)))
            .ok()
            .map(|code| code.as_str().to_string()),
    };
    if !(1..=MAX_DURATION_HOURS).contains(&request.duration_hours) {
        errors.push(FieldError::new(
            "duration_hours",
            "duration_out_of_range",
            format!(
                "duration_hours must be between 1 and {MAX_DURATION_HOURS}, got {}",
                request.duration_hours
            ),
            format!(
                "Durasi harus antara 1 dan {MAX_DURATION_HOURS} jam, diterima {}",
                request.duration_hours
            ),
        ));
    }
    let mode = TrainingMode::parse(request.mode.trim())
        .map_err(|error| errors.push(FieldError::from_error("mode", &error)))
        .ok();
    if request.cost_rupiah < 0 {
        errors.push(FieldError::new(
            "cost_rupiah",
            "cost_negative",
            "cost_rupiah must not be negative",
            "Biaya pelatihan tidak boleh negatif",
        ));
    }
    let funding_source = FundingSource::parse(request.funding_source.trim())
        .map_err(|error| errors.push(FieldError::from_error("funding_source", &error)))
        .ok();
    let min_education = match request.min_education.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(level) => EducationLevel::parse(level)
            .map_err(|error| errors.push(FieldError::from_error("min_education", &error)))
            .ok()
            .map(|level| level.as_str().to_string()),
    };
    let entry_requirements = optional_text(request.entry_requirements.as_deref(), 2000)
        .map_err(|error| errors.push(FieldError::from_error("entry_requirements", &error)))
        .ok()
        .flatten();
    let units = check_units(connection, &request.units, &mut errors).await?;
    match (training_provider_id, name, vocation, mode, funding_source) {
        (Some(training_provider_id), Some(name), Some(vocation), Some(mode), Some(funding))
            if errors.is_empty() =>
        {
            Ok(CheckedProgramme {
                training_provider_id,
                fields: ProgrammeFields {
                    name,
                    description,
                    vocation_code: vocation.as_str().to_string(),
                    kbji_code,
                    duration_hours: i32::try_from(request.duration_hours).unwrap_or(i32::MAX),
                    mode: mode.as_str().to_string(),
                    cost_rupiah: request.cost_rupiah,
                    funding_source: funding.as_str().to_string(),
                    min_education,
                    entry_requirements,
                },
                units,
            })
        }
        _ => Err(ApiError::Validation(errors)),
    }
}

/// The units taught: 1 to 50 well-formed, distinct SKKNI codes that are in the reference table.
async fn check_units(
    connection: &mut AsyncPgConnection,
    given: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<String>, ApiError> {
    if given.is_empty() || given.len() > MAX_UNITS {
        errors.push(FieldError::new(
            "units",
            "units_count",
            format!(
                "a programme teaches 1 to {MAX_UNITS} competency units, got {}",
                given.len()
            ),
            format!(
                "Program mengajarkan 1 sampai {MAX_UNITS} unit kompetensi, diterima {}",
                given.len()
            ),
        ));
        return Ok(Vec::new());
    }
    let mut codes: Vec<(usize, String)> = Vec::new();
    for (index, raw) in given.iter().enumerate() {
        match CompetencyUnitCode::parse(raw.trim()) {
            Ok(code) => {
                let code = code.as_str().to_string();
                if codes.iter().any(|(_, seen)| *seen == code) {
                    errors.push(FieldError::new(
                        format!("units[{index}]"),
                        "unit_repeated",
                        format!("competency unit {code} is listed twice"),
                        format!("Unit kompetensi {code} disebut dua kali"),
                    ));
                } else {
                    codes.push((index, code));
                }
            }
            Err(error) => errors.push(FieldError::from_error(format!("units[{index}]"), &error)),
        }
    }
    let wanted: Vec<String> = codes.iter().map(|(_, code)| code.clone()).collect();
    let known = training::existing_units(connection, &wanted).await?;
    for (index, code) in codes.iter().filter(|(_, code)| !known.contains(code)) {
        errors.push(FieldError::new(
            format!("units[{index}]"),
            "competency_unit_unknown",
            format!("competency unit {code} is not in the skkni unit list"),
            format!("Unit kompetensi {code} tidak ada dalam daftar unit SKKNI"),
        ));
    }
    Ok(wanted)
}

/// A training programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeResponse {
    pub id: Uuid,
    pub training_provider_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub vocation_code: String,
    pub kbji_code: Option<String>,
    pub duration_hours: i32,
    pub mode: String,
    pub cost_rupiah: i64,
    pub funding_source: String,
    pub min_education: Option<String>,
    pub entry_requirements: Option<String>,
    /// SKKNI units taught, by code.
    pub units: Vec<String>,
    /// Set once archived: no new cohorts, hidden from the list.
    pub archived_at: Option<DateTime<Utc>>,
    /// Also sent as the `ETag` header.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn programme_response(row: ProgrammeRow, units: Vec<String>) -> ProgrammeResponse {
    ProgrammeResponse {
        id: row.id,
        training_provider_id: row.training_provider_id,
        name: row.name,
        description: row.description,
        vocation_code: row.vocation_code,
        kbji_code: row.kbji_code,
        duration_hours: row.duration_hours,
        mode: row.mode,
        cost_rupiah: row.cost_rupiah,
        funding_source: row.funding_source,
        min_education: row.min_education,
        entry_requirements: row.entry_requirements,
        units,
        archived_at: row.archived_at,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

async fn respond_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let row = find_programme(connection, id).await?;
    let units = training::units_of(connection, id).await?;
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(row.version));
    if status == StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/training-programmes/{id}")));
    }
    Ok(response.json(programme_response(row, units)))
}

async fn find_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<ProgrammeRow, ApiError> {
    training::find_programme(connection, id)
        .await?
        .ok_or(ApiError::NotFound("training programme"))
}

/// The programme `id` if the caller manages its provider; 404 for another provider's staff.
async fn find_managed_programme(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<ProgrammeRow, ApiError> {
    caller.require(&[UserRole::Blk, UserRole::Officer, UserRole::Admin])?;
    let programme = find_programme(connection, id).await?;
    if !manages_provider(caller, programme.training_provider_id) {
        return Err(ApiError::NotFound("training programme"));
    }
    Ok(programme)
}

fn archived_conflict() -> ApiError {
    ApiError::conflict(
        "programme_archived",
        "the programme is archived: it can no longer be changed or get new cohorts",
        "Program pelatihan sudah diarsipkan: tidak dapat diubah atau diberi angkatan baru",
    )
}

/// Creates a training programme (the provider's BLK staff, or officers naming the provider).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    request_body = ProgrammeRequest,
    responses(
        (status = 201, body = ProgrammeResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "BLK staff and officers only", body = crate::error::Problem),
        (status = 404, description = "another provider", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/training-programmes")]
#[tracing::instrument(skip_all)]
pub async fn create_programme(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<ProgrammeRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Blk, UserRole::Officer, UserRole::Admin])?;
    let mut connection = state.pool.get().await?;
    let checked = check_programme(&mut connection, &caller, body.into_inner()).await?;
    let id = Uuid::now_v7();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            training::insert_programme(
                connection,
                id,
                checked.training_provider_id,
                caller.user_id,
                &checked.fields,
                &checked.units,
            )
            .await
            .map_err(|error| ApiError::from_constraint(error, NO_CONFLICTS, PROGRAMME_REFERENCES))
        })
        .await?;
    respond_programme(&mut connection, id, StatusCode::CREATED).await
}

/// Replaces a programme's content and units (the provider's BLK staff or officers, with `If-Match`).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = ProgrammeRequest,
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`programme_archived`", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/training-programmes/{id}")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn update_programme(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ProgrammeRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let programme = find_managed_programme(&mut connection, &caller, id).await?;
    concurrency::check_version(programme.version, expected_version)?;
    if programme.archived_at.is_some() {
        return Err(archived_conflict());
    }
    let mut form = body.into_inner();
    // The provider of a programme never changes; leaving it out keeps it.
    if form
        .training_provider_id
        .is_some_and(|given| given != programme.training_provider_id)
    {
        return Err(ApiError::invalid_field(
            "training_provider_id",
            "training_provider_immutable",
            "a programme stays with its training provider",
            "Program pelatihan tidak dapat dipindahkan ke lembaga lain",
        ));
    }
    form.training_provider_id = Some(programme.training_provider_id);
    let checked = check_programme(&mut connection, &caller, form).await?;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let updated = training::update_programme(
                connection,
                id,
                expected_version,
                &checked.fields,
                &checked.units,
            )
            .await
            .map_err(|error| {
                ApiError::from_constraint(error, NO_CONFLICTS, PROGRAMME_REFERENCES)
            })?;
            if updated {
                Ok(())
            } else {
                Err(ApiError::PreconditionFailed)
            }
        })
        .await?;
    respond_programme(&mut connection, id, StatusCode::OK).await
}

/// Archives a programme (with `If-Match`): it disappears from the list and takes no new cohorts; existing cohorts
/// and their trainees are unchanged.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`programme_archived`", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/training-programmes/{id}/archive")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn archive_programme(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let programme = find_managed_programme(&mut connection, &caller, id).await?;
    concurrency::check_version(programme.version, expected_version)?;
    if programme.archived_at.is_some() {
        return Err(archived_conflict());
    }
    if !training::archive_programme(&mut connection, id, expected_version, Utc::now()).await? {
        return Err(ApiError::PreconditionFailed);
    }
    respond_programme(&mut connection, id, StatusCode::OK).await
}

/// One programme (public).
#[utoipa::path(
    tag = "training",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ProgrammeResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/training-programmes/{id}")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn read_programme(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    respond_programme(&mut connection, path.into_inner(), StatusCode::OK).await
}

/// Filters of the programme list and the open-cohort list; they combine.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrainingFilterQuery {
    /// Kejuruan code, e.g. `las`.
    pub vocation: Option<String>,
    /// Training provider id.
    pub provider: Option<Uuid>,
    /// An SKKNI unit the programme teaches, e.g. `C.251100.003.02`.
    pub unit: Option<String>,
}

impl TrainingFilterQuery {
    fn parse(&self) -> Result<(Option<String>, Option<String>), ApiError> {
        let mut errors = Vec::new();
        let vocation = match self.vocation.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => VocationCode::parse(code)
                .map_err(|error| errors.push(FieldError::from_error("vocation", &error)))
                .ok()
                .map(|code| code.as_str().to_string()),
        };
        let unit = match self.unit.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => CompetencyUnitCode::parse(code)
                .map_err(|error| errors.push(FieldError::from_error("unit", &error)))
                .ok()
                .map(|code| code.as_str().to_string()),
        };
        if errors.is_empty() {
            Ok((vocation, unit))
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

/// Programmes that are not archived, by name (public).
#[utoipa::path(
    tag = "training",
    params(TrainingFilterQuery, PageQuery),
    responses(
        (status = 200, body = Page<ProgrammeResponse>),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/training-programmes")]
#[tracing::instrument(skip_all)]
pub async fn list_programmes(
    state: web::Data<AppState>,
    filters: web::Query<TrainingFilterQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (vocation_code, unit_code) = filters.parse()?;
    let filter = ProgrammeFilter {
        vocation_code,
        training_provider_id: filters.provider,
        unit_code,
    };
    let limit = page.limit()?;
    let after = page.cursor()?.map(|cursor| (cursor.key, cursor.id));
    let mut connection = state.pool.get().await?;
    let rows = training::list_programmes(&mut connection, &filter, after, limit + 1).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let units = training::units_of(&mut connection, row.id).await?;
        items.push(programme_response(row, units));
    }
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.name.clone(),
            id: item.id,
        })),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// Cohorts

/// A cohort as BLK staff plan it (create and edit). Fields left out count as empty.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CohortRequest {
    /// 3–120 characters, e.g. `Angkatan I 2026`.
    pub name: String,
    pub registration_opens_on: Option<NaiveDate>,
    /// Before `starts_on`.
    pub registration_closes_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Seats, 1–1,000.
    pub quota: i64,
    /// In order, each at most once: `administration`, `written_test`, `interview`.
    pub selection_steps: Vec<String>,
    /// Where, up to 300 characters.
    pub venue: Option<String>,
}

impl CohortRequest {
    fn validate(self) -> Result<CohortFields, ApiError> {
        let mut errors = Vec::new();
        let name = required_text(&self.name, 3, 120)
            .map_err(|error| errors.push(FieldError::from_error("name", &error)))
            .ok();
        let mut date = |field: &'static str, value: Option<NaiveDate>| {
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
        let opens = date("registration_opens_on", self.registration_opens_on);
        let closes = date("registration_closes_on", self.registration_closes_on);
        let starts = date("starts_on", self.starts_on);
        let ends = date("ends_on", self.ends_on);
        let quota = if (1..=MAX_QUOTA).contains(&self.quota) {
            u32::try_from(self.quota).ok()
        } else {
            errors.push(FieldError::new(
                "quota",
                "quota_out_of_range",
                format!(
                    "quota must be between 1 and {MAX_QUOTA}, got {}",
                    self.quota
                ),
                format!(
                    "Kuota harus antara 1 dan {MAX_QUOTA} orang, diterima {}",
                    self.quota
                ),
            ));
            None
        };
        let schedule = match (quota, opens, closes, starts, ends) {
            (Some(quota), Some(opens), Some(closes), Some(starts), Some(ends)) => {
                CohortSchedule::new(quota, opens, closes, starts, ends)
                    .map_err(|error| {
                        let field = match error {
                            jembatan_domain::training::TrainingError::TrainingOrder => "ends_on",
                            _ => "registration_closes_on",
                        };
                        errors.push(FieldError::from_error(field, &error));
                    })
                    .ok()
            }
            _ => None,
        };
        let mut steps: Vec<SelectionStep> = Vec::new();
        for (index, raw) in self.selection_steps.iter().enumerate() {
            match SelectionStep::parse(raw.trim()) {
                Ok(step) if steps.contains(&step) => errors.push(FieldError::new(
                    format!("selection_steps[{index}]"),
                    "selection_step_repeated",
                    format!("selection step {} is listed twice", step.as_str()),
                    format!("Tahap seleksi {} disebut dua kali", step.label_id()),
                )),
                Ok(step) => steps.push(step),
                Err(error) => errors.push(FieldError::from_error(
                    format!("selection_steps[{index}]"),
                    &error,
                )),
            }
        }
        let venue = optional_text(self.venue.as_deref(), 300)
            .map_err(|error| errors.push(FieldError::from_error("venue", &error)))
            .ok()
            .flatten();
        match (name, schedule) {
            (Some(name), Some(schedule)) if errors.is_empty() => Ok(CohortFields {
                name,
                starts_on: schedule.starts_on(),
                ends_on: schedule.ends_on(),
                registration_opens_on: schedule.registration_opens_on(),
                registration_closes_on: schedule.registration_closes_on(),
                quota: i32::try_from(schedule.quota()).unwrap_or(i32::MAX),
                selection_steps: steps
                    .iter()
                    .map(|step| Some(step.as_str().to_string()))
                    .collect(),
                venue,
            }),
            _ => Err(ApiError::Validation(errors)),
        }
    }
}

/// What a cohort response says about its programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeBrief {
    pub id: Uuid,
    pub name: String,
    pub training_provider_id: Uuid,
    pub vocation_code: String,
    pub duration_hours: i32,
    pub cost_rupiah: i64,
    /// SKKNI units taught.
    pub units: Vec<String>,
}

/// A cohort (angkatan).
#[derive(Debug, Serialize, ToSchema)]
pub struct CohortResponse {
    pub id: Uuid,
    pub programme: ProgrammeBrief,
    pub name: String,
    /// `planned`, `registration_open`, `selection`, `running`, `completed` or `cancelled`.
    pub status: String,
    pub registration_opens_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub quota: i32,
    /// Trainees accepted, in training or graduated.
    pub accepted_count: i32,
    pub seats_left: i32,
    pub selection_steps: Vec<String>,
    pub venue: Option<String>,
    pub cancelled_reason: Option<String>,
    /// Also sent as the `ETag` header.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

async fn cohort_response(
    connection: &mut AsyncPgConnection,
    cohort: CohortRow,
    programme: ProgrammeRow,
) -> Result<CohortResponse, ApiError> {
    let units = training::units_of(connection, programme.id).await?;
    Ok(CohortResponse {
        id: cohort.id,
        programme: ProgrammeBrief {
            id: programme.id,
            name: programme.name,
            training_provider_id: programme.training_provider_id,
            vocation_code: programme.vocation_code,
            duration_hours: programme.duration_hours,
            cost_rupiah: programme.cost_rupiah,
            units,
        },
        name: cohort.name,
        status: cohort.status,
        registration_opens_on: cohort.registration_opens_on,
        registration_closes_on: cohort.registration_closes_on,
        starts_on: cohort.starts_on,
        ends_on: cohort.ends_on,
        quota: cohort.quota,
        accepted_count: cohort.accepted_count,
        seats_left: cohort.quota - cohort.accepted_count,
        selection_steps: cohort.selection_steps.into_iter().flatten().collect(),
        venue: cohort.venue,
        cancelled_reason: cohort.cancelled_reason,
        version: cohort.version,
        created_at: cohort.created_at,
        updated_at: cohort.updated_at,
    })
}

async fn respond_cohort(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let cohort = training::find_cohort(connection, id)
        .await?
        .ok_or(ApiError::NotFound("cohort"))?;
    let programme = find_programme(connection, cohort.programme_id).await?;
    let version = cohort.version;
    let body = cohort_response(connection, cohort, programme).await?;
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(version));
    if status == StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/cohorts/{id}")));
    }
    Ok(response.json(body))
}

/// The cohort `id` and its programme if the caller manages the programme's provider; 404 otherwise.
pub(crate) async fn find_managed_cohort(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<(CohortRow, ProgrammeRow), ApiError> {
    caller.require(&[UserRole::Blk, UserRole::Officer, UserRole::Admin])?;
    let cohort = training::find_cohort(connection, id)
        .await?
        .ok_or(ApiError::NotFound("cohort"))?;
    let programme = find_programme(connection, cohort.programme_id).await?;
    if !manages_provider(caller, programme.training_provider_id) {
        return Err(ApiError::NotFound("cohort"));
    }
    Ok((cohort, programme))
}

pub(crate) fn cohort_status_of(cohort: &CohortRow) -> Result<CohortStatus, ApiError> {
    CohortStatus::parse(&cohort.status).map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!(
            "stored cohort status does not parse: {error}"
        ))
    })
}

/// Plans a cohort of a programme (the provider's BLK staff or officers); it starts `planned`.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "the programme")),
    request_body = CohortRequest,
    responses(
        (status = 201, body = CohortResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`programme_archived`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/training-programmes/{id}/cohorts")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn create_cohort(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<CohortRequest>,
) -> Result<HttpResponse, ApiError> {
    let programme_id = path.into_inner();
    let mut connection = state.pool.get().await?;
    let programme = find_managed_programme(&mut connection, &caller, programme_id).await?;
    if programme.archived_at.is_some() {
        return Err(archived_conflict());
    }
    let fields = body.into_inner().validate()?;
    let id = Uuid::now_v7();
    training::insert_cohort(&mut connection, id, programme_id, &fields).await?;
    respond_cohort(&mut connection, id, StatusCode::CREATED).await
}

/// Cohorts of one programme by start date, in every status (public).
#[utoipa::path(
    tag = "training",
    params(("id" = Uuid, Path, description = "the programme"), PageQuery),
    responses(
        (status = 200, body = Page<CohortResponse>),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/training-programmes/{id}/cohorts")]
#[tracing::instrument(skip_all, fields(programme_id = %path))]
pub async fn list_programme_cohorts(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = date_after(page.cursor()?)?;
    let mut connection = state.pool.get().await?;
    let programme = find_programme(&mut connection, path.into_inner()).await?;
    let rows =
        training::cohorts_of_programme(&mut connection, programme.id, after, limit + 1).await?;
    let mut items = Vec::with_capacity(rows.len());
    for cohort in rows {
        items.push(cohort_response(&mut connection, cohort, programme.clone()).await?);
    }
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.starts_on.to_string(),
            id: item.id,
        })),
    )
}

fn date_after(cursor: Option<Cursor>) -> Result<Option<(NaiveDate, Uuid)>, ApiError> {
    cursor
        .map(|cursor| {
            cursor
                .key
                .parse::<NaiveDate>()
                .map(|date| (date, cursor.id))
                .map_err(|_| foreign_cursor())
        })
        .transpose()
}

/// Cohorts taking registrations today, the soonest closing first (public): what a seeker can still join, and what
/// gap advice links to for a missing unit (`?unit=`).
#[utoipa::path(
    tag = "training",
    params(TrainingFilterQuery, PageQuery),
    responses(
        (status = 200, body = Page<CohortResponse>),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/cohorts/open")]
#[tracing::instrument(skip_all)]
pub async fn list_open_cohorts(
    state: web::Data<AppState>,
    filters: web::Query<TrainingFilterQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (vocation_code, unit_code) = filters.parse()?;
    let filter = OpenCohortFilter {
        vocation_code,
        unit_code,
        training_provider_id: filters.provider,
    };
    let limit = page.limit()?;
    let after = date_after(page.cursor()?)?;
    let mut connection = state.pool.get().await?;
    let rows = training::open_cohorts(&mut connection, today(), &filter, after, limit + 1).await?;
    let mut items = Vec::with_capacity(rows.len());
    for (cohort, programme) in rows {
        items.push(cohort_response(&mut connection, cohort, programme).await?);
    }
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.registration_closes_on.to_string(),
            id: item.id,
        })),
    )
}

/// One cohort (public).
#[utoipa::path(
    tag = "training",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = CohortResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/cohorts/{id}")]
#[tracing::instrument(skip_all, fields(cohort_id = %path))]
pub async fn read_cohort(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    respond_cohort(&mut connection, path.into_inner(), StatusCode::OK).await
}

/// Replaces a cohort's plan (the provider's BLK staff or officers, with `If-Match`) while it is not completed or
/// cancelled. The quota cannot drop below the seats already taken.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = CohortRequest,
    responses(
        (status = 200, body = CohortResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`cohort_not_editable`", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, description = "invalid fields, or `quota_below_accepted`", body = crate::error::Problem),
    )
)]
#[put("/cohorts/{id}")]
#[tracing::instrument(skip_all, fields(cohort_id = %path))]
pub async fn update_cohort(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<CohortRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let (cohort, _) = find_managed_cohort(&mut connection, &caller, id).await?;
    concurrency::check_version(cohort.version, expected_version)?;
    let status = cohort_status_of(&cohort)?;
    if status.is_final() {
        return Err(ApiError::conflict(
            "cohort_not_editable",
            format!("a {} cohort can no longer be changed", status.as_str()),
            format!(
                "Angkatan berstatus {} tidak dapat diubah lagi",
                status.label_id()
            ),
        ));
    }
    let fields = body.into_inner().validate()?;
    if fields.quota < cohort.accepted_count {
        return Err(quota_below_accepted(cohort.accepted_count));
    }
    if !training::update_cohort(&mut connection, id, expected_version, &fields).await? {
        // Either someone changed it, or an acceptance since our read took the seat the new quota removes.
        let current = training::find_cohort(&mut connection, id)
            .await?
            .ok_or(ApiError::NotFound("cohort"))?;
        if current.version == expected_version {
            return Err(quota_below_accepted(current.accepted_count));
        }
        return Err(ApiError::PreconditionFailed);
    }
    respond_cohort(&mut connection, id, StatusCode::OK).await
}

fn quota_below_accepted(accepted: i32) -> ApiError {
    ApiError::invalid_field(
        "quota",
        "quota_below_accepted",
        format!("quota cannot be less than the {accepted} trainees already accepted"),
        format!("Kuota tidak boleh kurang dari {accepted} peserta yang sudah diterima"),
    )
}

/// A requested cohort status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortMoveRequest {
    /// `registration_open`, `selection`, `running`, `completed` or `cancelled`.
    pub status: String,
    /// Required (5–1,000 characters) when cancelling.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Moves a cohort through its lifecycle (the provider's BLK staff or officers, with `If-Match`): `planned →
/// registration_open → selection → running → completed`, or any non-final status `→ cancelled` with a reason.
/// A move the lifecycle does not allow answers 409 with its code (`transition_not_allowed`, ...).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = CohortMoveRequest,
    responses(
        (status = 200, body = CohortResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/cohorts/{id}/status")]
#[tracing::instrument(skip_all, fields(cohort_id = %path))]
pub async fn move_cohort(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<CohortMoveRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let form = body.into_inner();
    let to = CohortStatus::parse(form.status.trim())
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("status", &error)]))?;
    let reason = check_reason(form.reason.as_deref(), to == CohortStatus::Cancelled)?;
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let (cohort, _) = find_managed_cohort(&mut connection, &caller, id).await?;
    concurrency::check_version(cohort.version, expected_version)?;
    let from = cohort_status_of(&cohort)?;
    from.transition(to, Actor::from(caller.role))?;
    let cancelled_reason = if to == CohortStatus::Cancelled {
        reason.as_deref()
    } else {
        None
    };
    if !training::move_cohort(
        &mut connection,
        id,
        expected_version,
        from.as_str(),
        to.as_str(),
        cancelled_reason,
    )
    .await?
    {
        return Err(ApiError::PreconditionFailed);
    }
    respond_cohort(&mut connection, id, StatusCode::OK).await
}

/// A move's reason: required when `required`, else optional; 5–1,000 characters when given.
pub(crate) fn check_reason(
    reason: Option<&str>,
    required: bool,
) -> Result<Option<String>, ApiError> {
    let given = reason.map(str::trim).filter(|reason| !reason.is_empty());
    match given {
        None if required => Err(ApiError::invalid_field(
            "reason",
            "reason_required",
            "say why (a reason of 5 to 1000 characters)",
            "sebutkan alasannya (5 sampai 1000 karakter)",
        )),
        None => Ok(None),
        Some(text) => required_text(text, MIN_REASON_CHARS, MAX_REASON_CHARS)
            .map(Some)
            .map_err(|error| ApiError::Validation(vec![FieldError::from_error("reason", &error)])),
    }
}
