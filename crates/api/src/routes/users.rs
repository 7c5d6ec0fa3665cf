//! Labour-office accounts: an administrator creates officer and administrator accounts and can disable any
//! account. (Seekers and employers register themselves; BLK staff accounts come with their training provider.)

use actix_web::{HttpResponse, post, web};
use jembatan_domain::FieldError;
use jembatan_domain::email::Email;
use jembatan_domain::error::required_text;
use jembatan_domain::vocab::UserRole;
use secrecy::SecretString;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{self, Caller};
use crate::db::{auth_tokens, users};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::routes::auth::AccountResponse;
use crate::startup::AppState;

const USER_CONFLICTS: &[UniqueConflict] = &[UniqueConflict {
    constraint: "users_email_lower_key",
    code: "email_taken",
    en: "this e-mail already has an account",
    id: "e-mail ini sudah memiliki akun",
}];

/// A new labour-office account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStaffUserRequest {
    /// `officer` or `admin`.
    pub role: String,
    pub email: String,
    pub full_name: String,
    /// Initial password, 10 to 128 characters; the officer changes it after the first log-in.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// Creates an officer or administrator account (administrators only).
#[utoipa::path(
    tag = "users",
    request_body = CreateStaffUserRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, body = AccountResponse),
        (status = 403, body = crate::error::Problem),
        (status = 409, description = "e-mail already has an account", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/users")]
#[tracing::instrument(skip_all)]
pub async fn create_staff_user(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<CreateStaffUserRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Admin])?;
    let request = body.into_inner();
    let mut errors = Vec::new();
    let role = match UserRole::parse(request.role.trim()) {
        Ok(role @ (UserRole::Officer | UserRole::Admin)) => Some(role),
        Ok(_) => {
            errors.push(FieldError::new(
                "role",
                "role_not_staff",
                "role must be officer or admin; seekers and employers register themselves",
                "peran harus officer atau admin; pencari kerja dan pemberi kerja mendaftar sendiri",
            ));
            None
        }
        Err(error) => {
            errors.push(FieldError::from_error("role", &error));
            None
        }
    };
    let email = Email::parse(&request.email)
        .map_err(|error| errors.push(FieldError::from_error("email", &error)))
        .ok();
    let full_name = required_text(&request.full_name, 2, 150)
        .map_err(|error| errors.push(FieldError::from_error("full_name", &error)))
        .ok();
    errors.extend(auth::check_new_password("password", &request.password));
    let (true, Some(role), Some(email), Some(full_name)) =
        (errors.is_empty(), role, email, full_name)
    else {
        return Err(ApiError::Validation(errors));
    };
    let password_hash = auth::hash_password(request.password).await?;
    let mut connection = state.pool.get().await?;
    let account = users::insert(
        &mut connection,
        &users::NewUser {
            id: Uuid::now_v7(),
            role: role.as_str(),
            email: email.as_str(),
            password_hash: &password_hash,
            full_name: &full_name,
            employer_id: None,
            training_provider_id: None,
        },
    )
    .await
    .map_err(|error| ApiError::from_unique(error, USER_CONFLICTS))?;
    Ok(HttpResponse::Created().json(AccountResponse::from(account)))
}

/// Disables an account and ends all its sessions (administrators only; not one's own account).
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "administrators cannot disable themselves", body = crate::error::Problem),
    )
)]
#[post("/users/{id}/disable")]
#[tracing::instrument(skip_all)]
pub async fn disable_user(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Admin])?;
    let id = id.into_inner();
    if id == caller.user_id {
        return Err(ApiError::conflict(
            "cannot_disable_self",
            "administrators cannot disable their own account",
            "administrator tidak dapat menonaktifkan akunnya sendiri",
        ));
    }
    let mut connection = state.pool.get().await?;
    if !users::disable(&mut connection, id).await? {
        return Err(ApiError::NotFound("user"));
    }
    auth_tokens::revoke_all(&mut connection, id, None).await?;
    Ok(HttpResponse::NoContent().finish())
}
