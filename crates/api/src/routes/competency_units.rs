//! SKKNI competency units (unit kompetensi): the vocabulary vacancies, training and certificates are matched on.
//! Anyone may search and read them; officers and administrators create, edit and import them from CSV.

use std::collections::HashSet;

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::FieldError;
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::taxonomy::{CompetencyUnit, CompetencyUnitDraft, VocationCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::csv_body::CsvBody;
use crate::db::competency_units::{self, CompetencyUnitRow};
use crate::db::search_outbox;
use crate::db::vocations;
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Page, PageQuery};
use crate::routes::taxonomy::{self, ImportReport, LABOUR_OFFICE, SearchQuery};
use crate::startup::AppState;

const DUPLICATE_CODE: UniqueConflict = UniqueConflict {
    constraint: "competency_units_pkey",
    code: "competency_unit_code_taken",
    en: "a competency unit with this code already exists; edit it with PUT instead",
    id: "unit kompetensi dengan kode ini sudah ada; ubah dengan PUT",
};

/// A competency unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyUnitResponse {
    /// SKKNI code: KBLI category letter, 6-digit sector, 3-digit serial, 2-digit version.
    #[schema(example = "C.251100.001.01")]
    pub code: String,
    /// Official title in Bahasa Indonesia.
    pub title: String,
    /// Title in English.
    pub title_en: Option<String>,
    /// Vocation (kejuruan) code, e.g. `las`.
    pub vocation_code: Option<String>,
    /// Extra search words, e.g. `welder`, `las listrik`.
    pub synonyms: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<CompetencyUnitRow> for CompetencyUnitResponse {
    fn from(row: CompetencyUnitRow) -> Self {
        Self {
            code: row.code,
            title: row.title,
            title_en: row.title_en,
            vocation_code: row.vocation_code,
            synonyms: row.synonyms.into_iter().flatten().collect(),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Filters of the unit list besides `q`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompetencyUnitFilter {
    /// Only units of this vocation (kejuruan) code, e.g. `las`.
    pub vocation: Option<String>,
}

/// Searches competency units as you type: by code prefix (`C.2511`) or by words of the titles and synonyms
/// (`las busur`), ranked exact code, code prefix, title prefix, then other matches. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(SearchQuery, CompetencyUnitFilter, PageQuery),
    responses(
        (status = 200, body = Page<CompetencyUnitResponse>),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 422, description = "q too long, limit out of range or a malformed vocation", body = crate::error::Problem),
    )
)]
#[get("/competency-units")]
#[tracing::instrument(skip_all)]
pub async fn list_competency_units(
    state: web::Data<AppState>,
    search: web::Query<SearchQuery>,
    filter: web::Query<CompetencyUnitFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let search = search.search(|text| {
        CompetencyUnitCode::parse(text)
            .map(String::from)
            .unwrap_or_else(|_| text.to_uppercase())
    })?;
    let vocation = match filter.vocation.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(VocationCode::parse(text).map_err(|error| {
            ApiError::Validation(vec![FieldError::from_error("vocation", &error)])
        })?),
    };
    let limit = page.limit()?;
    let after = taxonomy::after(&page)?;
    let mut connection = state.pool.get().await?;
    let rows = competency_units::search(
        &mut connection,
        search.as_ref(),
        vocation.as_ref().map(VocationCode::as_str),
        after.as_ref(),
        limit + 1,
    )
    .await?;
    let page = taxonomy::ranked_page(rows, limit, |row| &row.code, CompetencyUnitResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// One competency unit by its code (a lowercase category letter is accepted). No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(("code" = String, Path, description = "SKKNI code, e.g. C.251100.001.01")),
    responses(
        (status = 200, body = CompetencyUnitResponse),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/competency-units/{code}")]
#[tracing::instrument(skip_all)]
pub async fn get_competency_unit(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let row = competency_units::find(&mut connection, code.as_str())
        .await?
        .ok_or(ApiError::NotFound("competency unit"))?;
    Ok(HttpResponse::Ok().json(CompetencyUnitResponse::from(row)))
}

/// A new competency unit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCompetencyUnitRequest {
    /// SKKNI code, e.g. `C.251100.001.01` (a lowercase category letter is accepted).
    #[schema(example = "C.251100.001.01")]
    pub code: String,
    /// Official title in Bahasa Indonesia, 2 to 300 characters.
    #[schema(example = "Mengelas Pelat dengan Proses Las Busur Manual")]
    pub title: String,
    /// Title in English, up to 300 characters.
    #[serde(default)]
    pub title_en: Option<String>,
    /// Code of an existing vocation (kejuruan), e.g. `las`.
    #[serde(default)]
    pub vocation_code: Option<String>,
    /// Extra search words, at most 30 of at most 100 characters; blanks and repeats are dropped.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// Creates a competency unit. Officers and administrators only.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body = NewCompetencyUnitRequest,
    responses(
        (status = 201, body = CompetencyUnitResponse, headers(("location" = String, description = "URL of the new unit"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 409, description = "`competency_unit_code_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/competency-units")]
#[tracing::instrument(skip_all)]
pub async fn create_competency_unit(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<NewCompetencyUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let request = body.into_inner();
    let draft = CompetencyUnitDraft {
        code: request.code,
        title: request.title,
        title_en: request.title_en,
        vocation_code: request.vocation_code,
        synonyms: request.synonyms,
    };
    let mut connection = state.pool.get().await?;
    let known_vocations =
        known_vocations(&mut connection, draft.vocation_code.as_deref().into_iter()).await?;
    let unit = validate_unit(&draft, &known_vocations).map_err(ApiError::Validation)?;
    let row = competency_units::insert(&mut connection, &unit)
        .await
        .map_err(|error| ApiError::from_unique(error, &[DUPLICATE_CODE]))?;
    Ok(
        taxonomy::created(format!("/api/v1/competency-units/{}", row.code))
            .json(CompetencyUnitResponse::from(row)),
    )
}

/// Every field of a unit but its code, which is in the path and never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetencyUnitChanges {
    /// Official title in Bahasa Indonesia, 2 to 300 characters.
    pub title: String,
    /// Title in English; absent or null clears it.
    #[serde(default)]
    pub title_en: Option<String>,
    /// Code of an existing vocation; absent or null clears it.
    #[serde(default)]
    pub vocation_code: Option<String>,
    /// The complete list of synonyms; absent clears them.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// Replaces a competency unit's titles, vocation and synonyms. Officers and administrators only.
///
/// Reference rows carry no version, so there is no `If-Match`: the last edit wins.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "SKKNI code, e.g. C.251100.001.01")),
    request_body = CompetencyUnitChanges,
    responses(
        (status = 200, body = CompetencyUnitResponse),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/competency-units/{code}")]
#[tracing::instrument(skip_all)]
pub async fn update_competency_unit(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ApiJson<CompetencyUnitChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let code = code_from_path(&path)?;
    let changes = body.into_inner();
    let draft = CompetencyUnitDraft {
        code: code.to_string(),
        title: changes.title,
        title_en: changes.title_en,
        vocation_code: changes.vocation_code,
        synonyms: changes.synonyms,
    };
    let mut connection = state.pool.get().await?;
    let known_vocations =
        known_vocations(&mut connection, draft.vocation_code.as_deref().into_iter()).await?;
    let unit = validate_unit(&draft, &known_vocations).map_err(ApiError::Validation)?;
    // Open vacancies asking for the unit are searched by its titles and keywords: reindex them with the change.
    let row = connection
        .transaction::<_, diesel::result::Error, _>(async |connection| {
            let row = competency_units::update(connection, &unit).await?;
            if row.is_some() {
                search_outbox::enqueue_open_vacancies_with_units(
                    connection,
                    &[unit.code().as_str()],
                )
                .await?;
            }
            Ok(row)
        })
        .await?
        .ok_or(ApiError::NotFound("competency unit"))?;
    Ok(HttpResponse::Ok().json(CompetencyUnitResponse::from(row)))
}

/// The columns of a competency unit CSV file.
const CSV_COLUMNS: &[&str] = &["code", "title", "title_en", "vocation_code", "synonyms"];

/// Creates or updates many competency units from a CSV file, all or nothing. Officers and administrators only.
///
/// Send `Content-Type: text/csv`, UTF-8 (a byte-order mark is fine), at most `MAX_BODY_BYTES` (256 KiB by default;
/// split bigger files). The header row names the columns `code,title,title_en,vocation_code,synonyms` in any
/// order; `synonyms` are separated by `;`; empty `title_en`, `vocation_code` and `synonyms` clear them. Every row is
/// checked first: when any is wrong, the answer is 422 with errors named `rows[N].field` (N counts data rows from
/// 0; the message gives the file's line) and nothing is written. Otherwise every row is written in one
/// transaction: new codes are created, existing ones replaced.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body(
        content = String,
        content_type = "text/csv",
        example = "code,title,title_en,vocation_code,synonyms\nC.251100.001.01,Mengelas Pelat dengan Proses Las Busur Manual,Welding plates with manual metal arc welding,las,welder;las listrik\n",
    ),
    responses(
        (status = 200, body = ImportReport),
        (status = 400, description = "not UTF-8", body = crate::error::Problem),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 413, body = crate::error::Problem),
        (status = 415, description = "not text/csv", body = crate::error::Problem),
        (status = 422, description = "a bad header or rows; nothing was written", body = crate::error::Problem),
    )
)]
#[post("/competency-units/import")]
#[tracing::instrument(skip_all)]
pub async fn import_competency_units(
    caller: Caller,
    state: web::Data<AppState>,
    body: CsvBody,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let rows = taxonomy::off_executor(move || body.rows(CSV_COLUMNS)).await?;
    let mut connection = state.pool.get().await?;
    let known_vocations = known_vocations(
        &mut connection,
        rows.iter().map(|row| row.values[3].as_str()),
    )
    .await?;
    let units = taxonomy::off_executor(move || {
        taxonomy::validate_rows(
            &rows,
            |row| {
                let draft = CompetencyUnitDraft {
                    code: row.values[0].clone(),
                    title: row.values[1].clone(),
                    title_en: Some(row.values[2].clone()),
                    vocation_code: Some(row.values[3].clone()),
                    synonyms: row.values[4].split(';').map(str::to_string).collect(),
                };
                validate_unit(&draft, &known_vocations)
            },
            |unit| unit.code().as_str(),
        )
    })
    .await?;
    let counts = connection
        .transaction(async |connection| {
            let counts = competency_units::upsert_all(connection, &units).await?;
            let codes: Vec<&str> = units.iter().map(|unit| unit.code().as_str()).collect();
            search_outbox::enqueue_open_vacancies_with_units(connection, &codes).await?;
            Ok::<_, diesel::result::Error>(counts)
        })
        .await?;
    tracing::info!(
        created = counts.created,
        updated = counts.updated,
        unchanged = counts.unchanged,
        "competency units imported"
    );
    Ok(HttpResponse::Ok().json(ImportReport::from(counts)))
}

/// The code in a URL; one that cannot be a unit's names nothing, so it is a 404 like an unknown one.
fn code_from_path(path: &str) -> Result<CompetencyUnitCode, ApiError> {
    CompetencyUnitCode::parse(path).map_err(|_| ApiError::NotFound("competency unit"))
}

/// Which of the named vocations exist (malformed codes are left to validation).
async fn known_vocations<'a>(
    connection: &mut AsyncPgConnection,
    vocation_codes: impl Iterator<Item = &'a str>,
) -> Result<HashSet<String>, ApiError> {
    let named: HashSet<String> = vocation_codes
        .filter_map(|text| VocationCode::parse(text).ok())
        .map(String::from)
        .collect();
    let named: Vec<&str> = named.iter().map(String::as_str).collect();
    let known = vocations::existing_codes(connection, &named).await?;
    Ok(known.into_iter().collect())
}

/// Validates `draft` and checks its vocation is one of `known_vocations`, reporting every problem at once.
fn validate_unit(
    draft: &CompetencyUnitDraft,
    known_vocations: &HashSet<String>,
) -> Result<CompetencyUnit, Vec<FieldError>> {
    let unknown = draft
        .vocation_code
        .as_deref()
        .and_then(|text| VocationCode::parse(text).ok())
        .filter(|vocation| !known_vocations.contains(vocation.as_str()));
    match (draft.validate(), unknown) {
        (Ok(unit), None) => Ok(unit),
        (Ok(_), Some(vocation)) => Err(vec![unknown_vocation(&vocation)]),
        (Err(mut errors), Some(vocation)) => {
            errors.push(unknown_vocation(&vocation));
            Err(errors)
        }
        (Err(errors), None) => Err(errors),
    }
}

fn unknown_vocation(vocation: &VocationCode) -> FieldError {
    FieldError::new(
        "vocation_code",
        "vocation_unknown",
        format!(
            "there is no vocation with code {vocation}; create it under /api/v1/vocations first"
        ),
        format!("tidak ada kejuruan dengan kode {vocation}; buat dulu di /api/v1/vocations"),
    )
}
