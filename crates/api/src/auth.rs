//! Authentication: argon2id passwords, opaque bearer tokens stored hashed, and the `Caller` extractor.
//!
//! A token is 32 random bytes, shown once to the client as `jbt_<hex>`; only its SHA-256 is stored, so a leaked
//! database does not leak usable tokens. Tokens expire and can be revoked one by one (log out) or all at once
//! (log out everywhere, and on password change).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use jembatan_domain::FieldError;
use jembatan_domain::vocab::UserRole;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::ApiError;
use crate::startup::AppState;

/// Prefix of every token, so a leaked one is recognisable in logs and secret scanners.
const TOKEN_PREFIX: &str = "jbt_";

/// A freshly issued token: the secret for the client and the hash for the database.
pub struct IssuedToken {
    pub secret: SecretString,
    pub hash: Vec<u8>,
}

/// Issues a new random token.
pub fn issue_token() -> IssuedToken {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = format!("{TOKEN_PREFIX}{}", hex(&bytes));
    IssuedToken {
        hash: token_hash(&secret),
        secret: SecretString::from(secret),
    }
}

/// The stored form of a token.
pub fn token_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// The length rule for a new password, as a field error on `field` when it is broken.
pub fn check_new_password(field: &str, password: &SecretString) -> Option<FieldError> {
    let length = password.expose_secret().chars().count();
    if (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length) {
        return None;
    }
    Some(FieldError::new(
        field,
        "password_length",
        format!(
            "password must have {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters, got {length}"
        ),
        format!(
            "kata sandi harus {MIN_PASSWORD_CHARS} sampai {MAX_PASSWORD_CHARS} karakter, diterima {length}"
        ),
    ))
}

/// Hashes a password with argon2id on a blocking thread (it takes tens of milliseconds by design).
pub async fn hash_password(password: SecretString) -> Result<String, ApiError> {
    web::block(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.expose_secret().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| anyhow::anyhow!("hashing a password failed: {error}"))
    })
    .await
    .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("blocking pool failed: {error}")))?
    .map_err(ApiError::Unexpected)
}

/// Checks a password against a stored argon2 hash on a blocking thread. A missing hash never matches, but still
/// costs the same time, so response times do not reveal which accounts exist.
pub async fn verify_password(
    password: SecretString,
    stored_hash: Option<String>,
) -> Result<bool, ApiError> {
    web::block(move || {
        let stored = stored_hash.unwrap_or_else(|| DUMMY_HASH.to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok();
        matches && stored != DUMMY_HASH
    })
    .await
    .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("blocking pool failed: {error}")))
}

/// A valid argon2id hash of a random string, verified against when the account does not exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Yk3yO2FYbzCkIMc1hT8tyGkxGyYbd2Ey9Rw7OJqG2WE";

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Uuid,
    pub role: UserRole,
    /// The employer this user works for (role `employer`).
    pub employer_id: Option<Uuid>,
    /// The training provider this user works for (role `blk`).
    pub training_provider_id: Option<Uuid>,
    /// The token's row, so log-out can revoke exactly this one.
    pub token_id: Uuid,
}

impl Caller {
    /// Fails with 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[UserRole]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// Labour-office staff (officers and administrators).
    pub fn is_labour_office(&self) -> bool {
        matches!(self.role, UserRole::Officer | UserRole::Admin)
    }
}

impl FromRequest for Caller {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let secret = bearer_token(request);
        let state = request.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let secret = secret.ok_or(ApiError::Unauthorized)?;
            let state = state.ok_or_else(|| {
                ApiError::Unexpected(anyhow::anyhow!("application state missing"))
            })?;
            let mut connection = state.pool.get().await.map_err(ApiError::from)?;
            let caller = crate::db::auth_tokens::find_caller(&mut connection, &token_hash(&secret))
                .await
                .map_err(ApiError::from)?
                .ok_or(ApiError::Unauthorized)?;
            Ok(caller)
        })
    }
}

pub(crate) fn bearer_token(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = token.trim();
    token.starts_with(TOKEN_PREFIX).then(|| token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issued_token_is_prefixed_and_only_its_hash_is_kept() {
        let token = issue_token();
        let secret = token.secret.expose_secret();
        assert!(secret.starts_with("jbt_"));
        assert_eq!(secret.len(), 4 + 64);
        assert_eq!(token.hash, token_hash(secret));
        assert_eq!(token.hash.len(), 32);
        assert_ne!(issue_token().hash, token.hash);
    }

    #[actix_web::test]
    async fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password(SecretString::from("las-3G-balikpapan"))
            .await
            .expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password(SecretString::from("las-3G-balikpapan"), Some(hash.clone()))
                .await
                .expect("runs")
        );
        assert!(
            !verify_password(SecretString::from("las-3g-balikpapan"), Some(hash))
                .await
                .expect("runs")
        );
        assert!(
            !verify_password(SecretString::from("anything"), None)
                .await
                .expect("runs")
        );
    }
}
