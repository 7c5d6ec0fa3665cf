//! The one error type of the HTTP edge and the one JSON error body (`application/problem+json`, RFC 9457).
//!
//! Handlers return `Result<_, ApiError>`. The `problem_renderer` middleware turns every error response — ours,
//! actix's own (unknown route, wrong method, bad JSON, oversized body) — into the same body, in the caller's
//! language (`Accept-Language`, Bahasa Indonesia by default) and with the request id. 5xx causes are logged here,
//! once; the client only gets a generic message and the request id. See `docs/api.md`.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError};
use serde::Serialize;
use tracing_actix_web::RequestId;

use jembatan_domain::FieldError;

use crate::lang::{Language, request_language};

/// A message in both languages of the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub en: String,
    pub id: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            id: id.into(),
        }
    }

    fn pick(&self, language: Language) -> &str {
        match language {
            Language::English => &self.en,
            Language::Indonesian => &self.id,
        }
    }
}

/// Every error the API answers with. Each variant names its status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the request was well-formed but one or more fields break a rule. Nothing was written.
    #[error("validation failed on {} field(s)", .0.len())]
    Validation(Vec<FieldError>),
    /// 400: the request itself is malformed (bad JSON, bad query string, bad path parameter).
    #[error("bad request: {}", .0.en)]
    BadRequest(Bilingual),
    /// 401: no valid credentials.
    #[error("unauthorized")]
    Unauthorized,
    /// 403: authenticated, but this role may not do this. (Objects one may not see answer 404 instead.)
    #[error("forbidden")]
    Forbidden,
    /// 404: no such resource, or one the caller may not see.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// 409: the request conflicts with the current state (a duplicate, a move the state machine forbids).
    #[error("conflict: {}", .message.en)]
    Conflict { code: String, message: Bilingual },
    /// 412: `If-Match` names a version that is no longer current.
    #[error("precondition failed: stale version")]
    PreconditionFailed,
    /// Another 4xx status produced by the framework (413, 415, 405, ...), with its own message.
    #[error("{status}: {}", .message.en)]
    Http {
        status: StatusCode,
        code: &'static str,
        message: Bilingual,
    },
    /// 503: a dependency (the database) is not available right now.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// 500: anything unexpected. Logged with its cause chain; the client sees a generic message.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    /// A 409 with a stable code and both messages.
    pub fn conflict(code: impl Into<String>, en: impl Into<String>, id: impl Into<String>) -> Self {
        Self::Conflict {
            code: code.into(),
            message: Bilingual::new(en, id),
        }
    }

    /// A 422 for a single field.
    pub fn invalid_field(
        field: &str,
        code: &'static str,
        en: impl Into<String>,
        id: impl Into<String>,
    ) -> Self {
        Self::Validation(vec![FieldError::new(field, code, en, id)])
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::Http { status, .. } => *status,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem body without a request id, in `lang`.
    fn problem(&self, lang: Language) -> Problem {
        let status = self.status();
        let (code, title, detail): (String, Bilingual, Option<Bilingual>) = match self {
            Self::Validation(_) => (
                "validation_failed".into(),
                Bilingual::new(
                    "the request has invalid fields",
                    "permintaan berisi isian yang tidak valid",
                ),
                Some(Bilingual::new(
                    "nothing was saved; correct the fields listed in errors and send again",
                    "tidak ada yang disimpan; perbaiki isian yang tercantum di errors lalu kirim ulang",
                )),
            ),
            Self::BadRequest(message) => (
                "bad_request".into(),
                Bilingual::new("the request is malformed", "format permintaan tidak benar"),
                Some(message.clone()),
            ),
            Self::Unauthorized => (
                "unauthorized".into(),
                Bilingual::new(
                    "authentication required",
                    "perlu masuk (login) terlebih dahulu",
                ),
                Some(Bilingual::new(
                    "send a valid bearer token in the Authorization header",
                    "kirim token yang sah di header Authorization",
                )),
            ),
            Self::Forbidden => (
                "forbidden".into(),
                Bilingual::new(
                    "not allowed for your role",
                    "tidak diizinkan untuk peran Anda",
                ),
                None,
            ),
            Self::NotFound(what) => (
                "not_found".into(),
                Bilingual::new("not found", "tidak ditemukan"),
                Some(Bilingual::new(
                    format!("no such {what}"),
                    format!("{what} tidak ditemukan"),
                )),
            ),
            Self::Conflict { code, message } => (
                code.clone(),
                Bilingual::new(
                    "conflict with the current state",
                    "bertentangan dengan keadaan saat ini",
                ),
                Some(message.clone()),
            ),
            Self::PreconditionFailed => (
                "stale_version".into(),
                Bilingual::new(
                    "the resource has changed",
                    "data sudah diubah oleh orang lain",
                ),
                Some(Bilingual::new(
                    "someone else changed this since you read it; read it again, reapply your change and send it with the new ETag in If-Match",
                    "data ini diubah orang lain setelah Anda membacanya; baca ulang, terapkan perubahan Anda, lalu kirim dengan ETag baru di If-Match",
                )),
            ),
            Self::Http { code, message, .. } => (
                (*code).into(),
                Bilingual::new(
                    status.canonical_reason().unwrap_or("error").to_lowercase(),
                    indonesian_reason(status),
                ),
                Some(message.clone()),
            ),
            Self::Unavailable(_) => (
                "unavailable".into(),
                Bilingual::new(
                    "service temporarily unavailable",
                    "layanan sedang tidak tersedia",
                ),
                Some(Bilingual::new(
                    "try again in a moment",
                    "silakan coba lagi sebentar lagi",
                )),
            ),
            Self::Unexpected(_) => (
                "internal_error".into(),
                Bilingual::new("internal error", "terjadi kesalahan pada server"),
                Some(Bilingual::new(
                    "the error was logged; quote the request_id when you report it",
                    "kesalahan sudah dicatat; sebutkan request_id saat melapor",
                )),
            ),
        };
        let errors = match self {
            Self::Validation(violations) => violations
                .iter()
                .map(|v| ProblemFieldError {
                    field: v.field.clone(),
                    code: v.code.to_string(),
                    message: v.message(lang).to_string(),
                })
                .collect(),
            _ => Vec::new(),
        };
        Problem {
            problem_type: format!("/problems/{}", code.replace('_', "-")),
            title: title.pick(lang).to_string(),
            status: status.as_u16(),
            detail: detail.map(|d| d.pick(lang).to_string()),
            code,
            errors,
            request_id: None,
        }
    }
}

fn indonesian_reason(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "permintaan tidak benar",
        404 => "tidak ditemukan",
        405 => "metode tidak diizinkan",
        406 => "format jawaban tidak tersedia",
        408 => "waktu permintaan habis",
        411 => "panjang isi wajib disebutkan",
        413 => "isi permintaan terlalu besar",
        414 => "alamat terlalu panjang",
        415 => "jenis isi tidak didukung",
        429 => "terlalu banyak permintaan",
        _ => "kesalahan",
    }
}

/// The JSON error body of every error response (`application/problem+json`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem, e.g. `/problems/validation-failed`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short summary in the caller's language.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What happened and what to do, in the caller's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable code, e.g. `validation_failed`, `nik_taken`.
    pub code: String,
    /// Field-level errors (validation only; empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemFieldError>,
    /// The request id, also sent as the `x-request-id` header; quote it when reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One field that failed validation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemFieldError {
    /// Path of the field in the request, e.g. `nik` or `units[2].code`.
    pub field: String,
    /// Stable rule name, e.g. `nik_length`.
    pub code: String,
    /// The rule that was broken, in the caller's language.
    pub message: String,
}

const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    /// Used only when an error escapes the renderer middleware; the middleware normally re-renders with the
    /// caller's language and request id.
    fn error_response(&self) -> HttpResponse {
        problem_response(self.status(), &self.problem(Language::default()))
    }
}

fn problem_response(status: StatusCode, problem: &Problem) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        ))
        .json(problem)
}

/// Middleware body: renders every error response as a problem in the caller's language, with the request id.
pub async fn problem_renderer(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Take owned copies: the request must not be cloned while routing runs (actix needs sole ownership of it).
    let lang = request_language(request.request());
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.to_string());
    let route = RequestLine {
        method: request.method().to_string(),
    };
    // An `Err` here is rare (routing turns handler errors into responses); actix renders it with
    // `ApiError::error_response`, without the request id.
    let response = next.call(request).await?.map_into_boxed_body();
    let mut response = rerender(response, &route, lang, request_id.as_deref());
    if let Some(id) = request_id
        && let Ok(value) = HeaderValue::from_str(&id)
    {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}

/// The method of the request, kept for messages about routing errors. The path is not echoed: it could carry
/// personal data someone mistakenly put in a URL.
struct RequestLine {
    method: String,
}

fn rerender(
    response: ServiceResponse<BoxBody>,
    route: &RequestLine,
    lang: Language,
    request_id: Option<&str>,
) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let api_error = match response.response().error() {
        Some(error) => match error.as_error::<ApiError>() {
            Some(api_error) => {
                log_if_server_error(api_error, request_id);
                Some(api_error.problem(lang))
            }
            None => {
                if status.is_server_error() {
                    tracing::error!(error = %error, request_id, "unexpected framework error");
                }
                None
            }
        },
        None => None,
    };
    let mut problem = match api_error {
        Some(problem) => problem,
        None => framework_problem(status, route).problem(lang),
    };
    problem.request_id = request_id.map(str::to_string);
    response.into_response(problem_response(status, &problem))
}

/// An error response actix produced itself (no route, wrong method, ...), described as an `ApiError`.
fn framework_problem(status: StatusCode, route: &RequestLine) -> ApiError {
    match status.as_u16() {
        404 => ApiError::Http {
            status,
            code: "route_not_found",
            message: Bilingual::new(
                format!("no {} route at this path; see /api/docs/", route.method),
                format!(
                    "tidak ada rute {} di alamat ini; lihat /api/docs/",
                    route.method
                ),
            ),
        },
        405 => ApiError::Http {
            status,
            code: "method_not_allowed",
            message: Bilingual::new(
                format!("{} is not allowed at this path", route.method),
                format!("metode {} tidak diizinkan di alamat ini", route.method),
            ),
        },
        500..=599 => ApiError::Unexpected(anyhow::anyhow!("framework answered {status}")),
        _ => ApiError::Http {
            status,
            code: "http_error",
            message: Bilingual::new(
                status.canonical_reason().unwrap_or("error").to_lowercase(),
                indonesian_reason(status),
            ),
        },
    }
}

fn log_if_server_error(error: &ApiError, request_id: Option<&str>) {
    match error {
        ApiError::Unexpected(cause) => {
            tracing::error!(error = format!("{cause:#}"), request_id, "request failed");
        }
        ApiError::Unavailable(cause) => {
            tracing::warn!(error = %cause, request_id, "dependency unavailable");
        }
        _ => {}
    }
}

impl From<deadpool::managed::PoolError<diesel_async::pooled_connection::PoolError>> for ApiError {
    fn from(
        error: deadpool::managed::PoolError<diesel_async::pooled_connection::PoolError>,
    ) -> Self {
        match error {
            deadpool::managed::PoolError::Timeout(_) => {
                Self::Unavailable("timed out waiting for a database connection".into())
            }
            other => Self::Unavailable(format!("database connection failed: {other}")),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        match error {
            diesel::result::Error::NotFound => Self::NotFound("resource"),
            other => Self::Unexpected(other.into()),
        }
    }
}

/// One named unique constraint and the 409 it becomes.
pub struct UniqueConflict {
    /// The constraint or unique index name, e.g. `employers_nib_key`.
    pub constraint: &'static str,
    /// Stable code for clients, e.g. `nib_taken`.
    pub code: &'static str,
    pub en: &'static str,
    pub id: &'static str,
}

impl ApiError {
    /// Turns a unique violation on one of `conflicts` into its 409; anything else stays an unexpected error.
    /// Use it on the result of an insert or update so a duplicate NIB, NIK or e-mail is a clear conflict.
    pub fn from_unique(error: diesel::result::Error, conflicts: &[UniqueConflict]) -> Self {
        if let diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            info,
        ) = &error
            && let Some(name) = info.constraint_name()
            && let Some(conflict) = conflicts.iter().find(|c| c.constraint == name)
        {
            return Self::conflict(conflict.code, conflict.en, conflict.id);
        }
        Self::from(error)
    }
}

impl ApiError {
    /// A 409 carrying a domain rule's own code and both messages (e.g. a lifecycle move that is not allowed).
    pub fn conflict_from(error: &dyn jembatan_domain::Localised) -> Self {
        Self::Conflict {
            code: error.code().to_string(),
            message: Bilingual::new(error.message_en(), error.message_id()),
        }
    }
}

impl From<jembatan_domain::TransitionError> for ApiError {
    fn from(error: jembatan_domain::TransitionError) -> Self {
        Self::conflict_from(&error)
    }
}

/// One named foreign key whose violation means the client named a code that does not exist: a 422 on a field.
pub struct UnknownReference {
    /// The foreign-key constraint, e.g. `employers_kbli_code_fkey`.
    pub constraint: &'static str,
    /// The request field that named it, e.g. `employer.kbli_code`.
    pub field: &'static str,
    pub code: &'static str,
    pub en: &'static str,
    pub id: &'static str,
}

impl ApiError {
    /// Like [`ApiError::from_unique`], and also turns a violation of one of `references` into a 422 on its field
    /// (e.g. a KBLI code that is not in the reference table).
    pub fn from_constraint(
        error: diesel::result::Error,
        conflicts: &[UniqueConflict],
        references: &[UnknownReference],
    ) -> Self {
        if let diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ForeignKeyViolation,
            info,
        ) = &error
            && let Some(name) = info.constraint_name()
            && let Some(reference) = references.iter().find(|r| r.constraint == name)
        {
            return Self::Validation(vec![FieldError::new(
                reference.field,
                reference.code,
                reference.en,
                reference.id,
            )]);
        }
        Self::from_unique(error, conflicts)
    }
}
