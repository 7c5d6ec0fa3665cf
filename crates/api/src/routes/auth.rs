//! Log in, log out (here or everywhere), who am I, change password.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Duration, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{self, Caller};
use crate::db::{auth_tokens, login_attempts, users};

use crate::error::{ApiError, Bilingual};
use crate::extract::ApiJson;
use crate::startup::AppState;

/// How long a token stays valid.
const TOKEN_LIFETIME: Duration = Duration::days(7);
/// Window over which failed log-ins are counted.
const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// Failed log-ins allowed per account in the window before it is locked for the rest of the window.
const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed log-ins allowed per client address in the window (any accounts).
const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// Credentials for `POST /api/v1/auth/login`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's e-mail (case does not matter).
    pub email: String,
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// A new session.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`. Shown only once.
    pub token: String,
    pub token_type: &'static str,
    pub expires_at: DateTime<Utc>,
    pub account: AccountResponse,
}

/// The caller's own account.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountResponse {
    pub id: Uuid,
    /// `seeker`, `employer`, `blk`, `officer` or `admin`.
    pub role: String,
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub employer_id: Option<Uuid>,
    pub training_provider_id: Option<Uuid>,
    pub last_login_at: Option<DateTime<Utc>>,
}

impl From<users::Account> for AccountResponse {
    fn from(account: users::Account) -> Self {
        Self {
            id: account.id,
            role: account.role,
            email: account.email,
            full_name: account.full_name,
            employer_id: account.employer_id,
            training_provider_id: account.training_provider_id,
            last_login_at: account.last_login_at,
        }
    }
}

/// Logs in with e-mail and password and returns a bearer token.
///
/// Wrong e-mail and wrong password get the same answer. After 5 failures for one account, or 20 from one
/// address, within 15 minutes, further attempts are refused with 429 until the window passes.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "wrong e-mail or password", body = crate::error::Problem),
        (status = 429, description = "too many failed attempts", body = crate::error::Problem),
    )
)]
#[post("/auth/login")]
#[tracing::instrument(skip_all)]
pub async fn login(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let credentials = body.into_inner();
    let client_address = request
        .peer_addr()
        .map(|address| address.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let mut connection = state.pool.get().await?;
    let since = Utc::now() - FAILURE_WINDOW;

    if login_attempts::failures_from_address(&mut connection, &client_address, since).await?
        >= MAX_FAILURES_PER_ADDRESS
    {
        return Err(too_many_attempts());
    }
    let account = users::find_for_login(&mut connection, credentials.email.trim()).await?;
    let account_id = account.as_ref().map(|a| a.id);
    if let Some(id) = account_id
        && login_attempts::failures_for_user(&mut connection, id, since).await?
            >= MAX_FAILURES_PER_ACCOUNT
    {
        return Err(too_many_attempts());
    }
    let usable = account
        .as_ref()
        .filter(|a| a.disabled_at.is_none() && a.erased_at.is_none());
    let stored_hash = usable.and_then(|a| a.password_hash.clone());
    let verified = auth::verify_password(credentials.password, stored_hash).await?;
    login_attempts::record(&mut connection, account_id, &client_address, verified).await?;
    let (true, Some(user_id)) = (verified, account_id) else {
        return Err(invalid_credentials());
    };

    let token = auth::issue_token();
    let expires_at = Utc::now() + TOKEN_LIFETIME;
    auth_tokens::insert(&mut connection, user_id, &token.hash, expires_at).await?;
    users::touch_last_login(&mut connection, user_id).await?;
    let account = users::find_account(&mut connection, user_id).await?;
    Ok(HttpResponse::Ok().json(LoginResponse {
        token: token.secret.expose_secret().to_string(),
        token_type: "Bearer",
        expires_at,
        account: account.into(),
    }))
}

fn invalid_credentials() -> ApiError {
    ApiError::Http {
        status: StatusCode::UNAUTHORIZED,
        code: "invalid_credentials",
        message: Bilingual::new("wrong e-mail or password", "e-mail atau kata sandi salah"),
    }
}

fn too_many_attempts() -> ApiError {
    ApiError::Http {
        status: StatusCode::TOO_MANY_REQUESTS,
        code: "too_many_attempts",
        message: Bilingual::new(
            "too many failed log-ins; wait 15 minutes and try again",
            "terlalu banyak percobaan masuk yang gagal; tunggu 15 menit lalu coba lagi",
        ),
    }
}

/// Ends this session: the token used for this request stops working.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 204), (status = 401, body = crate::error::Problem)))]
#[post("/auth/logout")]
#[tracing::instrument(skip_all)]
pub async fn logout(caller: Caller, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    auth_tokens::revoke(&mut connection, caller.token_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// How many sessions were ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogoutAllResponse {
    pub revoked: usize,
}

/// Ends every session of the caller, on every device, including this one.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = LogoutAllResponse), (status = 401, body = crate::error::Problem)))]
#[post("/auth/logout-all")]
#[tracing::instrument(skip_all)]
pub async fn logout_all(
    caller: Caller,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let revoked = auth_tokens::revoke_all(&mut connection, caller.user_id, None).await?;
    Ok(HttpResponse::Ok().json(LogoutAllResponse { revoked }))
}

/// The caller's own account.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = AccountResponse), (status = 401, body = crate::error::Problem)))]
#[get("/auth/me")]
#[tracing::instrument(skip_all)]
pub async fn me(caller: Caller, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let account = users::find_account(&mut connection, caller.user_id).await?;
    Ok(HttpResponse::Ok().json(AccountResponse::from(account)))
}

/// A password change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(value_type = String, format = Password)]
    pub current_password: SecretString,
    /// 10 to 128 characters.
    #[schema(value_type = String, format = Password)]
    pub new_password: SecretString,
}

/// Changes the caller's password and ends every other session.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204),
        (status = 401, body = crate::error::Problem),
        (status = 422, description = "the current password is wrong or the new one too short", body = crate::error::Problem),
    )
)]
#[put("/auth/password")]
#[tracing::instrument(skip_all)]
pub async fn change_password(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let change = body.into_inner();
    if let Some(error) = auth::check_new_password("new_password", &change.new_password) {
        return Err(ApiError::Validation(vec![error]));
    }
    let mut connection = state.pool.get().await?;
    let stored = users::password_hash(&mut connection, caller.user_id).await?;
    if !auth::verify_password(change.current_password, stored).await? {
        return Err(ApiError::invalid_field(
            "current_password",
            "current_password_wrong",
            "the current password is wrong",
            "kata sandi saat ini salah",
        ));
    }
    let hash = auth::hash_password(change.new_password).await?;
    users::set_password_hash(&mut connection, caller.user_id, &hash).await?;
    auth_tokens::revoke_all(&mut connection, caller.user_id, Some(caller.token_id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
