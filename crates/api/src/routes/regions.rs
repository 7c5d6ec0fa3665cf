//! Regions: Kota Balikpapan (`64.71`) and its six kecamatan (`64.71.01` … `64.71.06`), where seekers live and jobs
//! are. Anyone may search and read them; officers and administrators create and rename them. Only Balikpapan codes
//! are accepted; kind and parent follow from the code.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::FieldError;
use jembatan_domain::region::RegionCode;
use jembatan_domain::taxonomy::{RegionDraft, RegionKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::db::regions::{self, RegionRow};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Page, PageQuery};
use crate::routes::taxonomy::{self, LABOUR_OFFICE, SearchQuery};
use crate::startup::AppState;

const DUPLICATE_CODE: UniqueConflict = UniqueConflict {
    constraint: "regions_pkey",
    code: "region_code_taken",
    en: "a region with this code already exists; rename it with PUT instead",
    id: "wilayah dengan kode ini sudah ada; ubah namanya dengan PUT",
};

/// A region: the city or one of its kecamatan.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionResponse {
    /// Kemendagri code.
    #[schema(example = "64.71.01")]
    pub code: String,
    #[schema(example = "Balikpapan Timur")]
    pub name: String,
    /// `kota` or `kecamatan`.
    #[schema(example = "kecamatan")]
    pub kind: String,
    /// The city's code for a kecamatan; null for the city.
    #[schema(example = "64.71")]
    pub parent_code: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<RegionRow> for RegionResponse {
    fn from(row: RegionRow) -> Self {
        Self {
            code: row.code,
            name: row.name,
            kind: row.kind,
            parent_code: row.parent_code,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Filters of the region list besides `q`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionFilter {
    /// Only regions of this kind: `kota` or `kecamatan`.
    pub kind: Option<String>,
}

/// Searches regions as you type, by code prefix (`64.71.0`), kecamatan spelling (`balikpapan_timur`) or words of
/// the name (`timur`). No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(SearchQuery, RegionFilter, PageQuery),
    responses(
        (status = 200, body = Page<RegionResponse>),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 422, description = "q too long, limit out of range or an unknown kind", body = crate::error::Problem),
    )
)]
#[get("/regions")]
#[tracing::instrument(skip_all)]
pub async fn list_regions(
    state: web::Data<AppState>,
    search: web::Query<SearchQuery>,
    filter: web::Query<RegionFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let search = search.search(|text| {
        RegionCode::parse(text)
            .map(String::from)
            .unwrap_or_else(|_| text.to_string())
    })?;
    let kind =
        match filter.kind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(RegionKind::parse(text).map_err(|error| {
                ApiError::Validation(vec![FieldError::from_error("kind", &error)])
            })?),
        };
    let limit = page.limit()?;
    let after = taxonomy::after(&page)?;
    let mut connection = state.pool.get().await?;
    let rows = regions::search(
        &mut connection,
        search.as_ref(),
        kind.map(RegionKind::as_str),
        after.as_ref(),
        limit + 1,
    )
    .await?;
    let page = taxonomy::ranked_page(rows, limit, |row| &row.code, RegionResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// One region by its code (`64.71.01`, `647101` or `balikpapan_timur`). No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(("code" = String, Path, description = "Kemendagri code, e.g. 64.71.01")),
    responses((status = 200, body = RegionResponse), (status = 404, body = crate::error::Problem))
)]
#[get("/regions/{code}")]
#[tracing::instrument(skip_all)]
pub async fn get_region(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let row = regions::find(&mut connection, code.as_str())
        .await?
        .ok_or(ApiError::NotFound("region"))?;
    Ok(HttpResponse::Ok().json(RegionResponse::from(row)))
}

/// A new region.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRegionRequest {
    /// `64.71` (the city) or a kecamatan: `64.71.01` … `64.71.06`, or its spelling such as `balikpapan_timur`.
    #[schema(example = "64.71.01")]
    pub code: String,
    /// Name, 2 to 300 characters.
    #[schema(example = "Balikpapan Timur")]
    pub name: String,
}

/// Creates a region. Creating a kecamatan first creates the city (`64.71`, "Kota Balikpapan") when it is missing.
/// Officers and administrators only.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    request_body = NewRegionRequest,
    responses(
        (status = 201, body = RegionResponse, headers(("location" = String, description = "URL of the new region"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 409, description = "`region_code_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/regions")]
#[tracing::instrument(skip_all)]
pub async fn create_region(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<NewRegionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let request = body.into_inner();
    let region = RegionDraft {
        code: request.code,
        name: request.name,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = connection
        .transaction(async |connection| {
            if region.parent_code().is_some() {
                regions::ensure_city(connection).await?;
            }
            regions::insert(connection, &region).await
        })
        .await
        .map_err(|error| ApiError::from_unique(error, &[DUPLICATE_CODE]))?;
    Ok(taxonomy::created(format!("/api/v1/regions/{}", row.code)).json(RegionResponse::from(row)))
}

/// A region's new name; code, kind and parent never change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionChanges {
    /// Name, 2 to 300 characters.
    pub name: String,
}

/// Renames a region. Officers and administrators only. No `If-Match`: reference rows carry no version.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "Kemendagri code, e.g. 64.71.01")),
    request_body = RegionChanges,
    responses(
        (status = 200, body = RegionResponse),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/regions/{code}")]
#[tracing::instrument(skip_all)]
pub async fn update_region(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ApiJson<RegionChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let code = code_from_path(&path)?;
    let region = RegionDraft {
        code: code.as_str().to_string(),
        name: body.into_inner().name,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let row = regions::update(&mut connection, &region)
        .await?
        .ok_or(ApiError::NotFound("region"))?;
    Ok(HttpResponse::Ok().json(RegionResponse::from(row)))
}

/// The code in a URL; one that cannot be a Balikpapan region names nothing (404).
fn code_from_path(path: &str) -> Result<RegionCode, ApiError> {
    RegionCode::parse(path).map_err(|_| ApiError::NotFound("region"))
}
