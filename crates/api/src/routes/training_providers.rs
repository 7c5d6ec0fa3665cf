//! Training providers (lembaga pelatihan: UPTD BLK, BPVP, LPK) and their staff accounts.
//!
//! Officers and administrators create and edit providers (`If-Match`) and create the provider's BLK staff accounts
//! (role `blk`, bound to the provider). Anyone logged in may list and read providers.

use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use jembatan_domain::FieldError;
use jembatan_domain::email::Email;
use jembatan_domain::error::{optional_text, required_text};
use jembatan_domain::phone::PhoneNumber;
use jembatan_domain::region::RegionCode;
use jembatan_domain::vocab::{ProviderKind, UserRole};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{self, Caller};
use crate::concurrency;
use crate::db::training::{self, ProviderFields, ProviderRow};
use crate::db::users::{self, NewUser};
use crate::error::{ApiError, Bilingual, UniqueConflict, UnknownReference};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::auth::AccountResponse;
use crate::routes::employers::StaffAccountRequest;
use crate::startup::AppState;

const PROVIDER_CONFLICTS: &[UniqueConflict] = &[UniqueConflict {
    constraint: "training_providers_name_key",
    code: "training_provider_name_taken",
    en: "a training provider with this name is already registered",
    id: "lembaga pelatihan dengan nama ini sudah terdaftar",
}];

const PROVIDER_REFERENCES: &[UnknownReference] = &[UnknownReference {
    constraint: "training_providers_region_code_fkey",
    field: "region_code",
    code: "region_unknown",
    en: "region_code is not in the region list; see /api/v1/regions",
    id: "region_code tidak ada dalam daftar wilayah; lihat /api/v1/regions",
}];

const STAFF_CONFLICTS: &[UniqueConflict] = &[UniqueConflict {
    constraint: "users_email_lower_key",
    code: "email_taken",
    en: "this e-mail already has an account",
    id: "e-mail ini sudah memiliki akun",
}];

/// A training provider as an officer writes it (create and edit). Fields left out count as empty.
// Serialize only lets the OpenAPI document show the defaults of left-out fields.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ProviderRequest {
    /// 3–200 characters, unique, e.g. `UPTD BLK Balikpapan`.
    pub name: String,
    /// `uptd_blk`, `bpvp`, `lpk` or `lainnya`.
    pub kind: String,
    /// Up to 500 characters.
    pub address: Option<String>,
    /// Kecamatan code (`64.71.03`), its spelling or the city (`64.71`).
    pub region_code: Option<String>,
    /// Office phone, e.g. `0542-123456` or `+62542123456`.
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl ProviderRequest {
    fn validate(self) -> Result<ProviderFields, ApiError> {
        let mut errors = Vec::new();
        let name = required_text(&self.name, 3, 200)
            .map_err(|error| errors.push(FieldError::from_error("name", &error)))
            .ok();
        let kind = ProviderKind::parse(self.kind.trim())
            .map_err(|error| errors.push(FieldError::from_error("kind", &error)))
            .ok();
        let address = optional_text(self.address.as_deref(), 500)
            .map_err(|error| errors.push(FieldError::from_error("address", &error)))
            .ok()
            .flatten();
        let region_code = match self.region_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => RegionCode::parse(code)
                .map_err(|error| errors.push(FieldError::from_error("region_code", &error)))
                .ok()
                .map(|code| code.as_str().to_string()),
        };
        let phone = match self.phone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(phone) => PhoneNumber::parse(phone)
                .map_err(|error| errors.push(FieldError::from_error("phone", &error)))
                .ok()
                .map(|phone| phone.as_str().to_string()),
        };
        let email = match self.email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(email) => Email::parse(email)
                .map_err(|error| errors.push(FieldError::from_error("email", &error)))
                .ok()
                .map(|email| email.as_str().to_string()),
        };
        match (name, kind) {
            (Some(name), Some(kind)) if errors.is_empty() => Ok(ProviderFields {
                name,
                kind: kind.as_str().to_string(),
                address,
                region_code,
                phone,
                email,
            }),
            _ => Err(ApiError::Validation(errors)),
        }
    }
}

/// A training provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderResponse {
    pub id: Uuid,
    pub name: String,
    /// `uptd_blk`, `bpvp`, `lpk` or `lainnya`.
    pub kind: String,
    pub address: Option<String>,
    pub region_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Also sent as the `ETag` header; send it back in `If-Match` to edit.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ProviderRow> for ProviderResponse {
    fn from(row: ProviderRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            kind: row.kind,
            address: row.address,
            region_code: row.region_code,
            phone: row.phone,
            email: row.email,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

fn respond(status: actix_web::http::StatusCode, row: ProviderRow) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(row.version));
    if status == actix_web::http::StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/training-providers/{}", row.id)));
    }
    response.json(ProviderResponse::from(row))
}

/// Registers a training provider (officers and administrators).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    request_body = ProviderRequest,
    responses(
        (status = 201, body = ProviderResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 409, description = "`training_provider_name_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/training-providers")]
#[tracing::instrument(skip_all)]
pub async fn create_provider(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<ProviderRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let fields = body.into_inner().validate()?;
    let id = Uuid::now_v7();
    let mut connection = state.pool.get().await?;
    training::insert_provider(&mut connection, id, &fields)
        .await
        .map_err(|error| {
            ApiError::from_constraint(error, PROVIDER_CONFLICTS, PROVIDER_REFERENCES)
        })?;
    let row = training::find_provider(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("training provider"))?;
    Ok(respond(actix_web::http::StatusCode::CREATED, row))
}

/// Filters of the provider list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProviderListQuery {
    /// Only providers of this kind.
    pub kind: Option<String>,
}

/// Training providers by name (anyone logged in).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(ProviderListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ProviderResponse>),
        (status = 401, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/training-providers")]
#[tracing::instrument(skip_all)]
pub async fn list_providers(
    _caller: Caller,
    state: web::Data<AppState>,
    filters: web::Query<ProviderListQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let kind = match filters.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(kind) => Some(
            ProviderKind::parse(kind)
                .map_err(|error| {
                    ApiError::Validation(vec![FieldError::from_error("kind", &error)])
                })?
                .as_str(),
        ),
    };
    let limit = page.limit()?;
    let after = page.cursor()?.map(|cursor| (cursor.key, cursor.id));
    let mut connection = state.pool.get().await?;
    let rows = training::list_providers(&mut connection, kind, after, limit + 1).await?;
    let items: Vec<ProviderResponse> = rows.into_iter().map(ProviderResponse::from).collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.name.clone(),
            id: item.id,
        })),
    )
}

/// One training provider (anyone logged in).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ProviderResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/training-providers/{id}")]
#[tracing::instrument(skip_all, fields(training_provider_id = %path))]
pub async fn read_provider(
    _caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let row = training::find_provider(&mut connection, path.into_inner())
        .await?
        .ok_or(ApiError::NotFound("training provider"))?;
    Ok(respond(actix_web::http::StatusCode::OK, row))
}

/// Replaces a provider's details (officers and administrators; send every field again, with `If-Match`).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = ProviderRequest,
    responses(
        (status = 200, body = ProviderResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/training-providers/{id}")]
#[tracing::instrument(skip_all, fields(training_provider_id = %path))]
pub async fn update_provider(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ProviderRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let stored = training::find_provider(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("training provider"))?;
    concurrency::check_version(stored.version, expected_version)?;
    let fields = body.into_inner().validate()?;
    let updated = training::update_provider(&mut connection, id, expected_version, &fields)
        .await
        .map_err(|error| {
            ApiError::from_constraint(error, PROVIDER_CONFLICTS, PROVIDER_REFERENCES)
        })?;
    if !updated {
        return Err(ApiError::PreconditionFailed);
    }
    let row = training::find_provider(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("training provider"))?;
    Ok(respond(actix_web::http::StatusCode::OK, row))
}

/// Creates a BLK staff account (role `blk`) of this provider (officers and administrators). The staff member logs
/// in with the given password and manages the provider's programmes, cohorts and trainees.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = StaffAccountRequest,
    responses(
        (status = 201, body = AccountResponse),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`email_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/training-providers/{id}/staff")]
#[tracing::instrument(skip_all, fields(training_provider_id = %path))]
pub async fn add_staff(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<StaffAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let id = path.into_inner();
    let account = body
        .into_inner()
        .validate("")
        .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    if training::find_provider(&mut connection, id)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound("training provider"));
    }
    let password_hash = auth::hash_password(account.password).await?;
    let user = users::insert(
        &mut connection,
        &NewUser {
            id: Uuid::now_v7(),
            role: UserRole::Blk.as_str(),
            email: account.email.as_str(),
            password_hash: &password_hash,
            full_name: &account.full_name,
            employer_id: None,
            training_provider_id: Some(id),
        },
    )
    .await
    .map_err(|error| ApiError::from_unique(error, STAFF_CONFLICTS))?;
    Ok(HttpResponse::Created().json(AccountResponse::from(user)))
}

/// Whether `caller` manages records of `training_provider_id`: its own BLK staff, or the labour office.
pub(crate) fn manages_provider(caller: &Caller, training_provider_id: Uuid) -> bool {
    caller.is_labour_office()
        || (caller.role == UserRole::Blk
            && caller.training_provider_id == Some(training_provider_id))
}

/// A 400 for a list cursor this list did not hand out.
pub(crate) fn foreign_cursor() -> ApiError {
    ApiError::BadRequest(Bilingual::new(
        "cursor is not one this list returned; start again without it",
        "cursor tidak berasal dari daftar ini; mulai lagi tanpa cursor",
    ))
}
