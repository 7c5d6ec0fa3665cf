//! Employers (DUDI): registration with a first staff account, profile edits, staff accounts, and verification
//! by the labour office. Only verified employers' vacancies are public.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, SecondsFormat, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::email::Email;
use jembatan_domain::employer::{
    EmployerRegistrationDraft, ValidEmployerRegistration, check_verification_reason,
};
use jembatan_domain::error::required_text;
use jembatan_domain::vocab::{UserRole, VerificationStatus};
use jembatan_domain::{Actor, FieldError, Lifecycle};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{self, Caller};
use crate::concurrency::{check_version, etag, required_version};
use crate::db::employers::{self as employer_queries, Employer};
use crate::db::search_outbox;
use crate::db::users::{self, NewUser};
use crate::error::{ApiError, UniqueConflict, UnknownReference};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::auth::AccountResponse;
use crate::startup::AppState;

const EMPLOYER_CONFLICTS: &[UniqueConflict] = &[
    UniqueConflict {
        constraint: "employers_nib_key",
        code: "nib_taken",
        en: "an employer with this NIB is already registered; ask a colleague to add you as staff",
        id: "pemberi kerja dengan NIB ini sudah terdaftar; minta rekan Anda menambahkan Anda sebagai staf",
    },
    UniqueConflict {
        constraint: "users_email_lower_key",
        code: "email_taken",
        en: "this e-mail already has an account",
        id: "e-mail ini sudah memiliki akun",
    },
];

/// Reference codes an employer's profile names, checked by foreign keys. Field names are the profile's own;
/// registration nests the profile under `employer.` (see `with_field_prefix`).
const PROFILE_REFERENCES: &[UnknownReference] = &[
    UnknownReference {
        constraint: "employers_kbli_code_fkey",
        field: "kbli_code",
        code: "kbli_code_unknown",
        en: "kbli_code is not a known KBLI 2020 code; see /api/v1/industries",
        id: "kbli_code bukan kode KBLI 2020 yang dikenal; lihat /api/v1/industries",
    },
    UnknownReference {
        constraint: "employers_region_code_fkey",
        field: "region_code",
        code: "region_code_unknown",
        en: "region_code is not a known kecamatan code; see /api/v1/regions",
        id: "region_code bukan kode kecamatan yang dikenal; lihat /api/v1/regions",
    },
];

/// Puts `prefix` before every field a validation error names (a nested request part, e.g. `employer.`).
fn with_field_prefix(error: ApiError, prefix: &str) -> ApiError {
    match error {
        ApiError::Validation(mut errors) => {
            for error in &mut errors {
                error.field = format!("{prefix}{}", error.field);
            }
            ApiError::Validation(errors)
        }
        other => other,
    }
}

/// The employer's profile as typed in (registration and edits).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployerProfileRequest {
    /// Registered name, e.g. "PT Kaltim Teknik Mandiri".
    pub name: String,
    /// `pt`, `cv`, `firma`, `koperasi`, `yayasan`, `bumn`, `bumd`, `perorangan`, `lainnya`.
    pub legal_form: String,
    /// NIB from OSS, 13 digits.
    pub nib: String,
    /// NPWP, 15 or 16 digits (punctuation allowed).
    pub npwp: Option<String>,
    /// Main KBLI 2020 code, 5 digits.
    pub kbli_code: String,
    pub address: String,
    /// Kecamatan code when the address is in Balikpapan, e.g. `64.71.02`.
    pub region_code: Option<String>,
    pub contact_person_name: String,
    /// Indonesian phone number, any common format; stored as +62…
    pub contact_phone: String,
    pub contact_email: Option<String>,
    /// `mikro`, `kecil`, `menengah`, `besar`.
    pub company_size: Option<String>,
    pub website: Option<String>,
}

impl EmployerProfileRequest {
    fn validate(
        &self,
        prefix: &str,
    ) -> Result<(ValidEmployerRegistration, Option<String>), Vec<FieldError>> {
        let draft = EmployerRegistrationDraft {
            name: self.name.clone(),
            legal_form: self.legal_form.clone(),
            nib: self.nib.clone(),
            npwp: self.npwp.clone(),
            kbli_code: self.kbli_code.clone(),
            address: self.address.clone(),
            region_code: self.region_code.clone(),
            contact_person_name: self.contact_person_name.clone(),
            contact_phone: self.contact_phone.clone(),
            contact_email: self.contact_email.clone(),
            company_size: self.company_size.clone(),
        };
        let website = self
            .website
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty());
        let mut errors = Vec::new();
        if let Some(website) = website
            && (website.len() > 200
                || !(website.starts_with("https://") || website.starts_with("http://")))
        {
            errors.push(FieldError::new(
                format!("{prefix}website"),
                "website_format",
                "website must be an http(s):// address of at most 200 characters",
                "situs web harus berupa alamat http(s):// paling panjang 200 karakter",
            ));
        }
        match draft.validate() {
            Ok(valid) if errors.is_empty() => Ok((valid, website.map(str::to_string))),
            Ok(_) => Err(errors),
            Err(found) => {
                errors.extend(found.into_iter().map(|mut e| {
                    e.field = format!("{prefix}{}", e.field);
                    e
                }));
                Err(errors)
            }
        }
    }
}

/// The first staff account of a registering employer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffAccountRequest {
    pub email: String,
    /// 10 to 128 characters.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
    pub full_name: String,
}

/// A staff account that passed the rules (also used for BLK staff accounts, `routes::training_providers`).
pub(crate) struct ValidStaffAccount {
    pub(crate) email: Email,
    pub(crate) password: SecretString,
    pub(crate) full_name: String,
}

impl StaffAccountRequest {
    pub(crate) fn validate(self, prefix: &str) -> Result<ValidStaffAccount, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = Email::parse(&self.email)
            .map_err(|error| errors.push(FieldError::from_error(format!("{prefix}email"), &error)))
            .ok();
        let full_name = required_text(&self.full_name, 2, 150)
            .map_err(|error| {
                errors.push(FieldError::from_error(format!("{prefix}full_name"), &error))
            })
            .ok();
        errors.extend(auth::check_new_password(
            &format!("{prefix}password"),
            &self.password,
        ));
        match (email, full_name) {
            (Some(email), Some(full_name)) if errors.is_empty() => Ok(ValidStaffAccount {
                email,
                password: self.password,
                full_name,
            }),
            _ => Err(errors),
        }
    }
}

/// Registration of an employer and its first staff account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterEmployerRequest {
    pub employer: EmployerProfileRequest,
    pub account: StaffAccountRequest,
}

/// An employer as its staff and officers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmployerResponse {
    pub id: Uuid,
    pub name: String,
    pub legal_form: String,
    pub nib: String,
    pub npwp: Option<String>,
    pub kbli_code: String,
    pub address: String,
    pub region_code: Option<String>,
    pub contact_person_name: String,
    pub contact_phone: String,
    pub contact_email: Option<String>,
    pub company_size: Option<String>,
    pub website: Option<String>,
    /// `pending`, `verified`, `rejected` or `suspended`; set only by the labour office.
    pub verification_status: String,
    /// The officer's reason for a rejection or suspension.
    pub verification_note: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    /// Send back in `If-Match` to edit.
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl From<Employer> for EmployerResponse {
    fn from(e: Employer) -> Self {
        Self {
            id: e.id,
            name: e.name,
            legal_form: e.legal_form,
            nib: e.nib,
            npwp: e.npwp,
            kbli_code: e.kbli_code,
            address: e.address,
            region_code: e.region_code,
            contact_person_name: e.contact_person_name,
            contact_phone: e.contact_phone,
            contact_email: e.contact_email,
            company_size: e.company_size,
            website: e.website,
            verification_status: e.verification_status,
            verification_note: e.verification_note,
            verified_at: e.verified_at,
            version: e.version,
            created_at: e.created_at,
        }
    }
}

/// What anyone may see of a verified employer.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicEmployerResponse {
    pub id: Uuid,
    pub name: String,
    pub legal_form: String,
    pub kbli_code: String,
    pub region_code: Option<String>,
    pub company_size: Option<String>,
    pub website: Option<String>,
    pub verification_status: String,
}

impl From<Employer> for PublicEmployerResponse {
    fn from(e: Employer) -> Self {
        Self {
            id: e.id,
            name: e.name,
            legal_form: e.legal_form,
            kbli_code: e.kbli_code,
            region_code: e.region_code,
            company_size: e.company_size,
            website: e.website,
            verification_status: e.verification_status,
        }
    }
}

/// The new employer and the account to log in with.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterEmployerResponse {
    pub employer: EmployerResponse,
    pub account: AccountResponse,
}

fn employer_response(employer: Employer) -> HttpResponse {
    let version = employer.version;
    HttpResponse::Ok()
        .insert_header(etag(version))
        .json(EmployerResponse::from(employer))
}

/// Registers an employer (status `pending` until an officer verifies it) with its first staff account.
#[utoipa::path(
    tag = "employers",
    request_body = RegisterEmployerRequest,
    responses(
        (status = 201, body = RegisterEmployerResponse),
        (status = 409, description = "NIB or e-mail already registered", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/employers/register")]
#[tracing::instrument(skip_all)]
pub async fn register(
    state: web::Data<AppState>,
    body: ApiJson<RegisterEmployerRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let profile = request.employer.validate("employer.");
    let account = request.account.validate("account.");
    let (profile, account) = match (profile, account) {
        (Ok(profile), Ok(account)) => (profile, account),
        (profile, account) => {
            let mut errors = profile.err().unwrap_or_default();
            errors.extend(account.err().unwrap_or_default());
            return Err(ApiError::Validation(errors));
        }
    };
    let password_hash = auth::hash_password(account.password).await?;
    let mut connection = state.pool.get().await?;
    let (employer, user) = connection
        .transaction::<_, diesel::result::Error, _>(async |conn| {
            let employer =
                employer_queries::insert(conn, Uuid::now_v7(), &profile.0, profile.1.as_deref())
                    .await?;
            let user = users::insert(
                conn,
                &NewUser {
                    id: Uuid::now_v7(),
                    role: UserRole::Employer.as_str(),
                    email: account.email.as_str(),
                    password_hash: &password_hash,
                    full_name: &account.full_name,
                    employer_id: Some(employer.id),
                    training_provider_id: None,
                },
            )
            .await?;
            Ok((employer, user))
        })
        .await
        .map_err(|error| {
            with_field_prefix(
                ApiError::from_constraint(error, EMPLOYER_CONFLICTS, PROFILE_REFERENCES),
                "employer.",
            )
        })?;
    let version = employer.version;
    Ok(HttpResponse::Created()
        .insert_header(etag(version))
        .json(RegisterEmployerResponse {
            employer: employer.into(),
            account: user.into(),
        }))
}

/// Whether `caller` may see everything about employer `employer_id`: its own staff and the labour office.
fn sees_everything(caller: Option<&Caller>, employer_id: Uuid) -> bool {
    caller.is_some_and(|c| c.is_labour_office() || c.employer_id == Some(employer_id))
}

/// One employer: the full record for its staff and the labour office, the public profile for anyone else (and
/// 404 when it is not verified).
#[utoipa::path(
    tag = "employers",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "EmployerResponse for staff and officers, PublicEmployerResponse otherwise", body = EmployerResponse),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/employers/{id}")]
#[tracing::instrument(skip_all)]
pub async fn get_employer(
    caller: Option<Caller>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut connection = state.pool.get().await?;
    let employer = employer_queries::find(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("employer"))?;
    if sees_everything(caller.as_ref(), id) {
        return Ok(employer_response(employer));
    }
    if employer.verification_status != VerificationStatus::Verified.as_str() {
        return Err(ApiError::NotFound("employer"));
    }
    Ok(HttpResponse::Ok().json(PublicEmployerResponse::from(employer)))
}

/// Edits the profile (staff of the employer). Needs `If-Match`. Changing the legal identity (name, legal form,
/// NIB, NPWP) of a verified employer sends it back to `pending` for re-verification.
#[utoipa::path(
    tag = "employers",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = EmployerProfileRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = EmployerResponse),
        (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/employers/{id}")]
#[tracing::instrument(skip_all)]
pub async fn update_employer(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: ApiJson<EmployerProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if caller.employer_id != Some(id) {
        return Err(ApiError::NotFound("employer"));
    }
    let expected_version = required_version(&request)?;
    let (profile, website) = body
        .into_inner()
        .validate("")
        .map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let current = employer_queries::find(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("employer"))?;
    check_version(current.version, expected_version)?;
    let identity_changed = current.name != profile.name()
        || current.legal_form != profile.legal_form().as_str()
        || current.nib != profile.nib().as_str()
        || current.npwp.as_deref() != profile.npwp().map(|n| n.as_str());
    let back_to_pending =
        identity_changed && current.verification_status == VerificationStatus::Verified.as_str();
    // The name, industry and verification show on every open vacancy in search: reindex them with the change.
    let updated = connection
        .transaction::<_, diesel::result::Error, _>(async |connection| {
            let updated = employer_queries::update_profile(
                connection,
                id,
                expected_version,
                &profile,
                website.as_deref(),
                back_to_pending,
            )
            .await?;
            if updated.is_some() {
                search_outbox::enqueue_open_vacancies_of_employer(connection, id).await?;
            }
            Ok(updated)
        })
        .await
        .map_err(|error| ApiError::from_constraint(error, EMPLOYER_CONFLICTS, PROFILE_REFERENCES))?
        .ok_or(ApiError::PreconditionFailed)?;
    Ok(employer_response(updated))
}

/// An officer's decision on an employer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerificationRequest {
    /// `verified`, `rejected` or `suspended` (officers); `pending` to resubmit after a rejection (the employer).
    pub status: String,
    /// Required to reject or suspend; shown to the employer.
    pub reason: Option<String>,
}

/// Moves the employer's verification: officers verify, reject (with a reason) or suspend; the employer's staff
/// resubmit a rejected registration (`pending`) after correcting it. Needs `If-Match`.
#[utoipa::path(
    tag = "employers",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = VerificationRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = EmployerResponse),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "the move is not allowed from the current status", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/employers/{id}/verification")]
#[tracing::instrument(skip_all)]
pub async fn decide_verification(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: ApiJson<VerificationRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if !sees_everything(Some(&caller), id) {
        return Err(ApiError::NotFound("employer"));
    }
    let expected_version = required_version(&request)?;
    let decision = body.into_inner();
    let to = VerificationStatus::parse(decision.status.trim())
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("status", &error)]))?;
    let reason = check_verification_reason(to, decision.reason.as_deref())
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("reason", &error)]))?;
    let mut connection = state.pool.get().await?;
    let current = employer_queries::find(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("employer"))?;
    check_version(current.version, expected_version)?;
    let from = VerificationStatus::parse(&current.verification_status).map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!("stored verification status: {error}"))
    })?;
    from.transition(to, Actor::from(caller.role))?;
    // Only a verified employer's open vacancies are public: reindex them with the decision.
    let updated = connection
        .transaction::<_, diesel::result::Error, _>(async |connection| {
            let updated = employer_queries::set_verification(
                connection,
                id,
                expected_version,
                to.as_str(),
                reason.as_deref(),
                Some(caller.user_id),
            )
            .await?;
            if updated.is_some() {
                search_outbox::enqueue_open_vacancies_of_employer(connection, id).await?;
            }
            Ok(updated)
        })
        .await?
        .ok_or(ApiError::PreconditionFailed)?;
    Ok(employer_response(updated))
}

/// Filters of the employer list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct EmployerListQuery {
    /// Only employers in this verification status, e.g. `pending` for the verification queue.
    pub verification_status: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Employers for the labour office, oldest registration first (the verification queue with
/// `verification_status=pending`).
#[utoipa::path(
    tag = "employers",
    params(EmployerListQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<EmployerResponse>), (status = 403, body = crate::error::Problem))
)]
#[get("/employers")]
#[tracing::instrument(skip_all)]
pub async fn list_employers(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<EmployerListQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let query = query.into_inner();
    let status = match query.verification_status.as_deref() {
        None | Some("") => None,
        Some(value) => Some(VerificationStatus::parse(value).map_err(|error| {
            ApiError::Validation(vec![FieldError::from_error("verification_status", &error)])
        })?),
    };
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    };
    let limit = page.limit()?;
    let cursor = page.cursor()?;
    let mut connection = state.pool.get().await?;
    let rows = employer_queries::list(
        &mut connection,
        status.map(|s| s.as_str()),
        cursor.as_ref(),
        limit,
    )
    .await?;
    let page = Page::from_rows(rows, limit, |e: &Employer| Cursor {
        key: e.created_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        id: e.id,
    });
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .items
            .into_iter()
            .map(EmployerResponse::from)
            .collect::<Vec<_>>(),
        next_cursor: page.next_cursor,
    }))
}

/// Adds a colleague's account to the caller's employer.
#[utoipa::path(
    tag = "employers",
    params(("id" = Uuid, Path)),
    request_body = StaffAccountRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, body = AccountResponse),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "e-mail already has an account", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/employers/{id}/staff")]
#[tracing::instrument(skip_all)]
pub async fn add_staff(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: ApiJson<StaffAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if caller.employer_id != Some(id) {
        return Err(ApiError::NotFound("employer"));
    }
    let account = body
        .into_inner()
        .validate("")
        .map_err(ApiError::Validation)?;
    let password_hash = auth::hash_password(account.password).await?;
    let mut connection = state.pool.get().await?;
    let user = users::insert(
        &mut connection,
        &NewUser {
            id: Uuid::now_v7(),
            role: UserRole::Employer.as_str(),
            email: account.email.as_str(),
            password_hash: &password_hash,
            full_name: &account.full_name,
            employer_id: Some(id),
            training_provider_id: None,
        },
    )
    .await
    .map_err(|error| ApiError::from_unique(error, EMPLOYER_CONFLICTS))?;
    Ok(HttpResponse::Created().json(AccountResponse::from(user)))
}
