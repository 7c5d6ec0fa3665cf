//! KBJI 2014 occupations (jabatan): what vacancies, work experience and placements are classified by.
//! Anyone may search and read them; officers and administrators create, edit and import them from CSV.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::codes::KbjiCode;
use jembatan_domain::taxonomy::OccupationDraft;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::csv_body::CsvBody;
use crate::db::occupations::{self, OccupationRow};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Page, PageQuery};
use crate::routes::taxonomy::{self, ImportReport, LABOUR_OFFICE, SearchQuery};
use crate::startup::AppState;

const DUPLICATE_CODE: UniqueConflict = UniqueConflict {
    constraint: "occupations_pkey",
    code: "occupation_code_taken",
    en: "an occupation with this code already exists; edit it with PUT instead",
    id: "jabatan dengan kode ini sudah ada; ubah dengan PUT",
};

/// A KBJI 2014 occupation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OccupationResponse {
    /// KBJI code: the ISCO-08 unit group and a 2-digit jabatan.
    #[schema(example = "7212.01")]
    pub code: String,
    /// Title in Bahasa Indonesia.
    #[schema(example = "Juru Las")]
    pub title: String,
    /// Title in English.
    pub title_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<OccupationRow> for OccupationResponse {
    fn from(row: OccupationRow) -> Self {
        Self {
            code: row.code,
            title: row.title,
            title_en: row.title_en,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Searches occupations as you type: by code prefix (`7212`) or words of the titles (`juru las`), ranked exact
/// code, code prefix, title prefix, then other matches. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(SearchQuery, PageQuery),
    responses(
        (status = 200, body = Page<OccupationResponse>),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 422, description = "q too long or limit out of range", body = crate::error::Problem),
    )
)]
#[get("/occupations")]
#[tracing::instrument(skip_all)]
pub async fn list_occupations(
    state: web::Data<AppState>,
    search: web::Query<SearchQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let search = search.search(|text| {
        KbjiCode::parse(text)
            .map(String::from)
            .unwrap_or_else(|_| text.to_string())
    })?;
    let limit = page.limit()?;
    let after = taxonomy::after(&page)?;
    let mut connection = state.pool.get().await?;
    let rows =
        occupations::search(&mut connection, search.as_ref(), after.as_ref(), limit + 1).await?;
    let page = taxonomy::ranked_page(rows, limit, |row| &row.code, OccupationResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// One occupation by its KBJI code (`7212.01`, or `721201`). No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(("code" = String, Path, description = "KBJI code, e.g. 7212.01")),
    responses((status = 200, body = OccupationResponse), (status = 404, body = crate::error::Problem))
)]
#[get("/occupations/{code}")]
#[tracing::instrument(skip_all)]
pub async fn get_occupation(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let row = occupations::find(&mut connection, code.as_str())
        .await?
        .ok_or(ApiError::NotFound("occupation"))?;
    Ok(HttpResponse::Ok().json(OccupationResponse::from(row)))
}

/// A new occupation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOccupationRequest {
    /// KBJI code, `7212.01` or `721201`.
    #[schema(example = "7212.01")]
    pub code: String,
    /// Title in Bahasa Indonesia, 2 to 300 characters.
    #[schema(example = "Juru Las")]
    pub title: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: Option<String>,
}

/// Creates an occupation. Officers and administrators only.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body = NewOccupationRequest,
    responses(
        (status = 201, body = OccupationResponse, headers(("location" = String, description = "URL of the new occupation"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 409, description = "`occupation_code_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/occupations")]
#[tracing::instrument(skip_all)]
pub async fn create_occupation(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<NewOccupationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let request = body.into_inner();
    let occupation = OccupationDraft {
        code: request.code,
        title: request.title,
        title_en: request.title_en,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = occupations::insert(&mut connection, &occupation)
        .await
        .map_err(|error| ApiError::from_unique(error, &[DUPLICATE_CODE]))?;
    Ok(
        taxonomy::created(format!("/api/v1/occupations/{}", row.code))
            .json(OccupationResponse::from(row)),
    )
}

/// The titles of an occupation; the code is in the path and never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OccupationChanges {
    /// Title in Bahasa Indonesia, 2 to 300 characters.
    pub title: String,
    /// Title in English; absent or null clears it.
    #[serde(default)]
    pub title_en: Option<String>,
}

/// Replaces an occupation's titles. Officers and administrators only. No `If-Match`: reference rows carry no
/// version.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "KBJI code, e.g. 7212.01")),
    request_body = OccupationChanges,
    responses(
        (status = 200, body = OccupationResponse),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/occupations/{code}")]
#[tracing::instrument(skip_all)]
pub async fn update_occupation(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ApiJson<OccupationChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let code = code_from_path(&path)?;
    let changes = body.into_inner();
    let occupation = OccupationDraft {
        code: code.to_string(),
        title: changes.title,
        title_en: changes.title_en,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = occupations::update(&mut connection, &occupation)
        .await?
        .ok_or(ApiError::NotFound("occupation"))?;
    Ok(HttpResponse::Ok().json(OccupationResponse::from(row)))
}

/// The columns of an occupation CSV file.
const CSV_COLUMNS: &[&str] = &["code", "title", "title_en"];

/// Creates or updates many occupations from a CSV file, all or nothing. Officers and administrators only.
///
/// Same rules as `POST /api/v1/competency-units/import`, with the columns `code,title,title_en`.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body(
        content = String,
        content_type = "text/csv",
        example = "code,title,title_en\n7212.01,Juru Las,Welder\n",
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
#[post("/occupations/import")]
#[tracing::instrument(skip_all)]
pub async fn import_occupations(
    caller: Caller,
    state: web::Data<AppState>,
    body: CsvBody,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let records = taxonomy::off_executor(move || {
        let rows = body.rows(CSV_COLUMNS)?;
        taxonomy::validate_rows(
            &rows,
            |row| {
                OccupationDraft {
                    code: row.values[0].clone(),
                    title: row.values[1].clone(),
                    title_en: Some(row.values[2].clone()),
                }
                .validate()
            },
            |occupation| occupation.code().as_str(),
        )
    })
    .await?;
    let mut connection = state.pool.get().await?;
    let counts = connection
        .transaction(async |connection| occupations::upsert_all(connection, &records).await)
        .await?;
    tracing::info!(
        created = counts.created,
        updated = counts.updated,
        unchanged = counts.unchanged,
        "occupations imported"
    );
    Ok(HttpResponse::Ok().json(ImportReport::from(counts)))
}

/// The code in a URL; one that cannot be a KBJI code names nothing (404).
fn code_from_path(path: &str) -> Result<KbjiCode, ApiError> {
    KbjiCode::parse(path).map_err(|_| ApiError::NotFound("occupation"))
}
