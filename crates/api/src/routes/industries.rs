//! KBLI 2020 industries: what employers are classified by; the category letter (A–U) follows from the code.
//! Anyone may search and read them; officers and administrators create, edit and import them from CSV.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::codes::KbliCode;
use jembatan_domain::taxonomy::IndustryDraft;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::csv_body::CsvBody;
use crate::db::industries::{self, IndustryRow};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Page, PageQuery};
use crate::routes::taxonomy::{self, ImportReport, LABOUR_OFFICE, SearchQuery};
use crate::startup::AppState;

const DUPLICATE_CODE: UniqueConflict = UniqueConflict {
    constraint: "industries_pkey",
    code: "industry_code_taken",
    en: "an industry with this code already exists; edit it with PUT instead",
    id: "bidang usaha (KBLI) dengan kode ini sudah ada; ubah dengan PUT",
};

/// A KBLI 2020 industry.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndustryResponse {
    /// KBLI code, 5 digits.
    #[schema(example = "41011")]
    pub code: String,
    /// KBLI category letter A–U, derived from the code's division (B mining, C manufacturing, F construction, ...).
    #[schema(example = "F")]
    pub category: String,
    /// Title in Bahasa Indonesia.
    #[schema(example = "Konstruksi Gedung Hunian")]
    pub title: String,
    /// Title in English.
    pub title_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<IndustryRow> for IndustryResponse {
    fn from(row: IndustryRow) -> Self {
        Self {
            code: row.code,
            category: row.category,
            title: row.title,
            title_en: row.title_en,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Filters of the industry list besides `q`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndustryFilter {
    /// Only industries of this KBLI category letter, e.g. `F` (construction).
    pub category: Option<String>,
}

/// Searches industries as you type: by code prefix (`410`) or words of the titles (`konstruksi gedung`), ranked exact
/// code, code prefix, title prefix, then other matches. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(SearchQuery, IndustryFilter, PageQuery),
    responses(
        (status = 200, body = Page<IndustryResponse>),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 422, description = "q too long or limit out of range", body = crate::error::Problem),
    )
)]
#[get("/industries")]
#[tracing::instrument(skip_all)]
pub async fn list_industries(
    state: web::Data<AppState>,
    search: web::Query<SearchQuery>,
    filter: web::Query<IndustryFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let search = search.search(str::to_string)?;
    let category = match filter.category.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(category_letter(text)?),
    };
    let limit = page.limit()?;
    let after = taxonomy::after(&page)?;
    let mut connection = state.pool.get().await?;
    let rows = industries::search(
        &mut connection,
        search.as_ref(),
        category.as_deref(),
        after.as_ref(),
        limit + 1,
    )
    .await?;
    let page = taxonomy::ranked_page(rows, limit, |row| &row.code, IndustryResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// One industry by its KBLI code. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(("code" = String, Path, description = "KBLI code, e.g. 41011")),
    responses((status = 200, body = IndustryResponse), (status = 404, body = crate::error::Problem))
)]
#[get("/industries/{code}")]
#[tracing::instrument(skip_all)]
pub async fn get_industry(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let row = industries::find(&mut connection, code.as_str())
        .await?
        .ok_or(ApiError::NotFound("industry"))?;
    Ok(HttpResponse::Ok().json(IndustryResponse::from(row)))
}

/// A new industry.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIndustryRequest {
    /// KBLI code, 5 digits starting with a KBLI 2020 division; the category letter follows from it.
    #[schema(example = "41011")]
    pub code: String,
    /// Title in Bahasa Indonesia, 2 to 300 characters.
    #[schema(example = "Konstruksi Gedung Hunian")]
    pub title: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: Option<String>,
}

/// Creates an industry. Officers and administrators only.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body = NewIndustryRequest,
    responses(
        (status = 201, body = IndustryResponse, headers(("location" = String, description = "URL of the new industry"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 409, description = "`industry_code_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/industries")]
#[tracing::instrument(skip_all)]
pub async fn create_industry(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<NewIndustryRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let request = body.into_inner();
    let industry = IndustryDraft {
        code: request.code,
        title: request.title,
        title_en: request.title_en,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = industries::insert(&mut connection, &industry)
        .await
        .map_err(|error| ApiError::from_unique(error, &[DUPLICATE_CODE]))?;
    Ok(
        taxonomy::created(format!("/api/v1/industries/{}", row.code))
            .json(IndustryResponse::from(row)),
    )
}

/// The titles of an industry; the code is in the path and never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndustryChanges {
    /// Title in Bahasa Indonesia, 2 to 300 characters.
    pub title: String,
    /// Title in English; absent or null clears it.
    #[serde(default)]
    pub title_en: Option<String>,
}

/// Replaces an industry's titles. Officers and administrators only. No `If-Match`: reference rows carry no
/// version.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "KBLI code, e.g. 41011")),
    request_body = IndustryChanges,
    responses(
        (status = 200, body = IndustryResponse),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/industries/{code}")]
#[tracing::instrument(skip_all)]
pub async fn update_industry(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ApiJson<IndustryChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let code = code_from_path(&path)?;
    let changes = body.into_inner();
    let industry = IndustryDraft {
        code: code.to_string(),
        title: changes.title,
        title_en: changes.title_en,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = industries::update(&mut connection, &industry)
        .await?
        .ok_or(ApiError::NotFound("industry"))?;
    Ok(HttpResponse::Ok().json(IndustryResponse::from(row)))
}

/// The columns of an industry CSV file.
const CSV_COLUMNS: &[&str] = &["code", "title", "title_en"];

/// Creates or updates many industries from a CSV file, all or nothing. Officers and administrators only.
///
/// Same rules as `POST /api/v1/competency-units/import`, with the columns `code,title,title_en`.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body(
        content = String,
        content_type = "text/csv",
        example = "code,title,title_en\n41011,Konstruksi Gedung Hunian,Construction of residential buildings\n",
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
#[post("/industries/import")]
#[tracing::instrument(skip_all)]
pub async fn import_industries(
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
                IndustryDraft {
                    code: row.values[0].clone(),
                    title: row.values[1].clone(),
                    title_en: Some(row.values[2].clone()),
                }
                .validate()
            },
            |industry| industry.code().as_str(),
        )
    })
    .await?;
    let mut connection = state.pool.get().await?;
    let counts = connection
        .transaction(async |connection| industries::upsert_all(connection, &records).await)
        .await?;
    tracing::info!(
        created = counts.created,
        updated = counts.updated,
        unchanged = counts.unchanged,
        "industries imported"
    );
    Ok(HttpResponse::Ok().json(ImportReport::from(counts)))
}

/// The code in a URL; one that cannot be a KBLI code names nothing (404).
fn code_from_path(path: &str) -> Result<KbliCode, ApiError> {
    KbliCode::parse(path).map_err(|_| ApiError::NotFound("industry"))
}

/// A KBLI category letter A–U, in upper case (422 otherwise).
fn category_letter(text: &str) -> Result<String, ApiError> {
    let letter = text.to_ascii_uppercase();
    if letter.len() == 1 && ('A'..='U').contains(&letter.chars().next().unwrap_or('?')) {
        Ok(letter)
    } else {
        Err(ApiError::invalid_field(
            "category",
            "kbli_category_format",
            "category must be a kbli category letter from A to U",
            "kategori harus huruf kategori KBLI dari A sampai U",
        ))
    }
}
