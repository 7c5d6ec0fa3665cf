//! Vocations (kejuruan): the fields BLK training and competency units are grouped by (las, listrik, alat_berat, ...).
//! Anyone may search and read them; officers and administrators create and edit them.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use jembatan_domain::taxonomy::{VocationCode, VocationDraft};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::db::vocations::{self, VocationRow};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Page, PageQuery};
use crate::routes::taxonomy::{self, LABOUR_OFFICE, SearchQuery};
use crate::startup::AppState;

const DUPLICATE_CODE: UniqueConflict = UniqueConflict {
    constraint: "vocations_pkey",
    code: "vocation_code_taken",
    en: "a vocation with this code already exists; edit it with PUT instead",
    id: "kejuruan dengan kode ini sudah ada; ubah dengan PUT",
};

/// A vocation (kejuruan).
#[derive(Debug, Serialize, ToSchema)]
pub struct VocationResponse {
    /// Lowercase slug.
    #[schema(example = "alat_berat")]
    pub code: String,
    /// Name in Bahasa Indonesia.
    #[schema(example = "Alat Berat")]
    pub name: String,
    /// Name in English.
    pub name_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<VocationRow> for VocationResponse {
    fn from(row: VocationRow) -> Self {
        Self {
            code: row.code,
            name: row.name,
            name_en: row.name_en,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Searches vocations as you type, by code prefix or words of the names. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(SearchQuery, PageQuery),
    responses(
        (status = 200, body = Page<VocationResponse>),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 422, description = "q too long or limit out of range", body = crate::error::Problem),
    )
)]
#[get("/vocations")]
#[tracing::instrument(skip_all)]
pub async fn list_vocations(
    state: web::Data<AppState>,
    search: web::Query<SearchQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let search = search.search(str::to_lowercase)?;
    let limit = page.limit()?;
    let after = taxonomy::after(&page)?;
    let mut connection = state.pool.get().await?;
    let rows =
        vocations::search(&mut connection, search.as_ref(), after.as_ref(), limit + 1).await?;
    let page = taxonomy::ranked_page(rows, limit, |row| &row.code, VocationResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// One vocation by its code. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(("code" = String, Path, description = "vocation slug, e.g. las")),
    responses((status = 200, body = VocationResponse), (status = 404, body = crate::error::Problem))
)]
#[get("/vocations/{code}")]
#[tracing::instrument(skip_all)]
pub async fn get_vocation(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let row = vocations::find(&mut connection, code.as_str())
        .await?
        .ok_or(ApiError::NotFound("vocation"))?;
    Ok(HttpResponse::Ok().json(VocationResponse::from(row)))
}

/// A new vocation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVocationRequest {
    /// 2 to 40 lowercase letters, digits or underscores, starting with a letter.
    #[schema(example = "alat_berat")]
    pub code: String,
    /// Name in Bahasa Indonesia, 2 to 300 characters.
    #[schema(example = "Alat Berat")]
    pub name: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: Option<String>,
}

/// Creates a vocation. Officers and administrators only.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body = NewVocationRequest,
    responses(
        (status = 201, body = VocationResponse, headers(("location" = String, description = "URL of the new vocation"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 409, description = "`vocation_code_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/vocations")]
#[tracing::instrument(skip_all)]
pub async fn create_vocation(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<NewVocationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let request = body.into_inner();
    let vocation = VocationDraft {
        code: request.code,
        name: request.name,
        name_en: request.name_en,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = vocations::insert(&mut connection, &vocation)
        .await
        .map_err(|error| ApiError::from_unique(error, &[DUPLICATE_CODE]))?;
    Ok(taxonomy::created(format!("/api/v1/vocations/{}", row.code))
        .json(VocationResponse::from(row)))
}

/// The names of a vocation; the code is in the path and never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VocationChanges {
    /// Name in Bahasa Indonesia, 2 to 300 characters.
    pub name: String,
    /// Name in English; absent or null clears it.
    #[serde(default)]
    pub name_en: Option<String>,
}

/// Replaces a vocation's names. Officers and administrators only. No `If-Match`: reference rows carry no version.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "vocation slug, e.g. las")),
    request_body = VocationChanges,
    responses(
        (status = 200, body = VocationResponse),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/vocations/{code}")]
#[tracing::instrument(skip_all)]
pub async fn update_vocation(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ApiJson<VocationChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let code = code_from_path(&path)?;
    let changes = body.into_inner();
    let vocation = VocationDraft {
        code: code.to_string(),
        name: changes.name,
        name_en: changes.name_en,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = vocations::update(&mut connection, &vocation)
        .await?
        .ok_or(ApiError::NotFound("vocation"))?;
    Ok(HttpResponse::Ok().json(VocationResponse::from(row)))
}

/// The code in a URL; one that cannot be a vocation's names nothing (404).
fn code_from_path(path: &str) -> Result<VocationCode, ApiError> {
    VocationCode::parse(path).map_err(|_| ApiError::NotFound("vocation"))
}
