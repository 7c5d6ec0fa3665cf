//! `Idempotency-Key` for creating requests (apply, hire, enrol, record a placement, ...): a client that is not sure
//! its request arrived (a dropped mobile connection at the BLK, a double tap) sends it again with the same key and
//! gets the first response instead of a second application or placement.
//!
//! The protocol, applied by [`layer`] to every `POST` under `/api/v1` that carries the header and a valid bearer
//! token (anonymous requests, such as log-in and self-registration, ignore it):
//! - The key is claimed for the caller with a fingerprint (SHA-256 of method, path with query, and body).
//! - A repeat with the same key and the same fingerprint returns the stored status, body, `Location`, `ETag` and
//!   `Content-Type`, with `Idempotent-Replayed: true`. The handler does not run again.
//! - The same key with a different request is rejected (422 `idempotency_key_reused`): a key names one request.
//! - A repeat while the first is still running answers 409 `idempotency_request_in_flight` with `Retry-After: 1`.
//! - Only successful (2xx) responses are stored. After a refusal (4xx) or a failure (5xx) the claim is released, so
//!   the corrected or retried request may reuse the key.
//! - A claim left in flight by a process that stopped half-way is taken over after [`ABANDONED_AFTER`]; keys are
//!   forgotten after [`REPLAY_WINDOW`].
//!
//! The stored response is written after the handler's own transaction has committed. If the process dies between
//! the two, the retry runs the handler again; creating handlers therefore also keep their natural uniqueness (one
//! application per seeker and vacancy, one enrolment per seeker and cohort, one placement per application).

use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{ApiError, Bilingual};
use crate::startup::AppState;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// Set on a replayed response.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// How long a key is remembered.
pub const REPLAY_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
/// After this long an unfinished claim is considered abandoned by a stopped process.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(60);
/// Longest accepted key (the column allows 255 characters).
const MAX_KEY_CHARS: usize = 255;
/// Response headers replayed with the stored body.
const REPLAYED_HEADERS: [HeaderName; 3] = [header::LOCATION, header::ETAG, header::CONTENT_TYPE];

/// Middleware body (see the module documentation).
pub async fn layer(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let raw_key = match request.headers().get(HEADER) {
        Some(value) if request.method() == Method::POST => value.clone(),
        _ => return Ok(next.call(request).await?.map_into_boxed_body()),
    };
    let key = parse_key(&raw_key)?;
    let state = request
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("application state missing")))?;
    let Some(user_id) = caller_id(&state, &request).await? else {
        // No valid credentials: the handler answers 401 (or serves an anonymous request) as usual.
        return Ok(next.call(request).await?.map_into_boxed_body());
    };

    let body = request.extract::<web::Bytes>().await?;
    let fingerprint = fingerprint(request.method(), &request_target(&request), &body);
    request.set_payload(Payload::from(body));

    if !claim(&state, user_id, &key, &fingerprint).await? {
        return Ok(
            request.into_response(replay_or_refuse(&state, user_id, &key, &fingerprint).await?)
        );
    }

    let response = match next.call(request).await {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) => {
            release(&state, user_id, &key).await;
            return Err(error);
        }
    };
    if !response.status().is_success() {
        release(&state, user_id, &key).await;
        return Ok(response);
    }
    store(&state, user_id, &key, response).await
}

fn parse_key(value: &HeaderValue) -> Result<String, ApiError> {
    let key = value.to_str().ok().map(str::trim).unwrap_or_default();
    let valid = !key.is_empty()
        && key.chars().count() <= MAX_KEY_CHARS
        && key.chars().all(|c| c.is_ascii_graphic());
    if valid {
        Ok(key.to_string())
    } else {
        Err(ApiError::BadRequest(Bilingual::new(
            "the Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good key)",
            "header Idempotency-Key harus 1 sampai 255 karakter ASCII yang terlihat (UUID adalah kunci yang baik)",
        )))
    }
}

async fn caller_id(state: &AppState, request: &ServiceRequest) -> Result<Option<Uuid>, ApiError> {
    let Some(secret) = crate::auth::bearer_token(request.request()) else {
        return Ok(None);
    };
    let mut connection = state.pool.get().await?;
    let caller =
        crate::db::auth_tokens::find_caller(&mut connection, &crate::auth::token_hash(&secret))
            .await?;
    Ok(caller.map(|caller| caller.user_id))
}

fn request_target(request: &ServiceRequest) -> String {
    request
        .uri()
        .path_and_query()
        .map(|target| target.as_str().to_string())
        .unwrap_or_else(|| request.path().to_string())
}

/// SHA-256 over method, path with query, and body, each length-prefixed so no two requests collide by framing.
fn fingerprint(method: &Method, target: &str, body: &[u8]) -> Vec<u8> {
    let mut hasher = Sha256::new();
    for part in [method.as_str().as_bytes(), target.as_bytes(), body] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_vec()
}

async fn claim(
    state: &AppState,
    user_id: Uuid,
    key: &str,
    fingerprint: &[u8],
) -> Result<bool, ApiError> {
    let mut connection = state.pool.get().await?;
    Ok(crate::db::idempotency_keys::claim(&mut connection, user_id, key, fingerprint).await?)
}

/// The answer to a request whose key was already claimed.
async fn replay_or_refuse(
    state: &AppState,
    user_id: Uuid,
    key: &str,
    fingerprint: &[u8],
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let Some(stored) = crate::db::idempotency_keys::find(&mut connection, user_id, key).await?
    else {
        // Released between our claim and this read: the first request failed. Ask for a retry.
        return Err(in_flight());
    };
    if stored.request_fingerprint != fingerprint {
        return Err(ApiError::Http {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "idempotency_key_reused",
            message: Bilingual::new(
                "this Idempotency-Key was already used for a different request; use a new key for a new request",
                "Idempotency-Key ini sudah dipakai untuk permintaan lain; gunakan kunci baru untuk permintaan baru",
            ),
        });
    }
    let Some(status) = stored.response_status else {
        let abandoned_before = Utc::now()
            - chrono::Duration::from_std(ABANDONED_AFTER).expect("a small duration fits");
        if stored.created_at < abandoned_before {
            // The process that claimed the key stopped half-way: forget its claim so this client's next retry
            // (told to retry below) runs the request.
            crate::db::idempotency_keys::release_abandoned(
                &mut connection,
                user_id,
                key,
                abandoned_before,
            )
            .await?;
        }
        return Err(in_flight());
    };
    let status = u16::try_from(status)
        .ok()
        .and_then(|status| StatusCode::from_u16(status).ok())
        .ok_or_else(|| {
            ApiError::Unexpected(anyhow::anyhow!("stored status {status} is invalid"))
        })?;
    let mut response = HttpResponse::build(status);
    if let Some(serde_json::Value::Object(headers)) = stored.response_headers {
        for (name, value) in headers {
            if let (Ok(name), Some(Ok(value))) = (
                HeaderName::try_from(name.as_str()),
                value.as_str().map(HeaderValue::from_str),
            ) {
                response.insert_header((name, value));
            }
        }
    }
    response.insert_header((
        HeaderName::from_static(REPLAYED_HEADER),
        HeaderValue::from_static("true"),
    ));
    Ok(match stored.response_body {
        Some(body) => response.body(serde_json::to_vec(&body).map_err(anyhow::Error::from)?),
        None => response.finish(),
    })
}

fn in_flight() -> ApiError {
    ApiError::conflict(
        "idempotency_request_in_flight",
        "a request with this Idempotency-Key is still being processed; retry in a moment with the same key",
        "permintaan dengan Idempotency-Key ini masih diproses; ulangi sebentar lagi dengan kunci yang sama",
    )
}

/// Forgets the claim of a request that did not succeed. A failure here only delays a retry (the claim is taken
/// over after [`ABANDONED_AFTER`]), so it is logged, not returned.
async fn release(state: &AppState, user_id: Uuid, key: &str) {
    let outcome = async {
        let mut connection = state.pool.get().await?;
        crate::db::idempotency_keys::release(&mut connection, user_id, key).await?;
        Ok::<_, ApiError>(())
    }
    .await;
    if let Err(error) = outcome {
        tracing::warn!(%error, "releasing an idempotency key failed");
    }
}

/// Stores a successful response under the key and returns it to the client unchanged.
async fn store(
    state: &AppState,
    user_id: Uuid,
    key: &str,
    response: ServiceResponse<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = to_bytes(body).await.map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!("reading a response body: {error}"))
    })?;
    let stored_body = if bytes.is_empty() {
        None
    } else {
        serde_json::from_slice::<serde_json::Value>(&bytes).ok()
    };
    let headers: serde_json::Map<String, serde_json::Value> = REPLAYED_HEADERS
        .iter()
        .filter_map(|name| {
            let value = head.headers().get(name)?.to_str().ok()?;
            Some((name.as_str().to_string(), value.into()))
        })
        .collect();
    let status = i16::try_from(head.status().as_u16()).expect("HTTP statuses fit in i16");
    let mut connection = state.pool.get().await.map_err(ApiError::from)?;
    crate::db::idempotency_keys::complete(
        &mut connection,
        user_id,
        key,
        status,
        stored_body,
        serde_json::Value::Object(headers),
    )
    .await
    .map_err(ApiError::from)?;
    Ok(ServiceResponse::new(
        request,
        head.set_body(BoxBody::new(bytes)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_depends_on_method_target_and_body_and_their_framing() {
        let base = fingerprint(&Method::POST, "/api/v1/applications", b"{\"a\":1}");
        assert_eq!(base.len(), 32);
        assert_eq!(
            base,
            fingerprint(&Method::POST, "/api/v1/applications", b"{\"a\":1}")
        );
        assert_ne!(
            base,
            fingerprint(&Method::POST, "/api/v1/applications", b"{\"a\":2}")
        );
        assert_ne!(
            base,
            fingerprint(&Method::POST, "/api/v1/placements", b"{\"a\":1}")
        );
        assert_ne!(
            fingerprint(&Method::POST, "/a", b"b"),
            fingerprint(&Method::POST, "/ab", b"")
        );
    }

    #[test]
    fn keys_are_visible_ascii_up_to_255_characters() {
        let ok = |key: &str| parse_key(&HeaderValue::from_str(key).expect("a header value"));
        assert_eq!(
            ok("0b6f3a54-6a43-4f3e-9a0e-1d1f0c1b2a3c").expect("a UUID is a key"),
            "0b6f3a54-6a43-4f3e-9a0e-1d1f0c1b2a3c"
        );
        assert!(ok("").is_err());
        assert!(ok("with space").is_err());
        assert!(ok(&"k".repeat(255)).is_ok());
        assert!(ok(&"k".repeat(256)).is_err());
    }
}
