//! Request extractors and framework error handlers that speak our error body.
//!
//! `ApiJson<T>` replaces `web::Json<T>`: it checks the content type and size, and reports a body that does not fit
//! `T` as a 422 naming the exact field (`units[2].code`), not a serde position.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use jembatan_domain::FieldError;

use crate::error::{ApiError, Bilingual};

/// A JSON request body deserialised into `T`, with field-precise errors.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T> ApiJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Largest JSON body accepted; set from `MAX_BODY_BYTES` at start-up via app data.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = request
            .app_data::<web::Data<BodyLimit>>()
            .map(|limit| limit.0)
            .unwrap_or(256 * 1024);
        let is_json = request
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<mime_type::Mime>().ok())
            .is_some_and(|mime| mime.is_json());
        let body = web::Bytes::from_request(request, payload);
        Box::pin(async move {
            if !is_json {
                return Err(unsupported_media_type().into());
            }
            let bytes = body.await.map_err(|error| body_error(&error, limit))?;
            if bytes.len() > limit {
                return Err(too_large(limit).into());
            }
            let deserializer = &mut serde_json::Deserializer::from_slice(&bytes);
            serde_path_to_error::deserialize(deserializer)
                .map(ApiJson)
                .map_err(|error| json_error(&error).into())
        })
    }
}

/// Tiny media-type check, enough for `application/json` and `application/*+json` with parameters.
mod mime_type {
    pub struct Mime(String);

    impl std::str::FromStr for Mime {
        type Err = ();
        fn from_str(value: &str) -> Result<Self, ()> {
            let essence = value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if essence.contains('/') {
                Ok(Self(essence))
            } else {
                Err(())
            }
        }
    }

    impl Mime {
        pub fn is_json(&self) -> bool {
            self.0 == "application/json"
                || (self.0.starts_with("application/") && self.0.ends_with("+json"))
        }
    }
}

fn json_error(error: &serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let inner = error.inner();
    match inner.classify() {
        serde_json::error::Category::Data => {
            let path = error.path().to_string();
            let field = if path == "." { String::new() } else { path };
            let rule = data_error_rule(&inner.to_string());
            ApiError::Validation(vec![FieldError::new(
                field,
                "invalid_value",
                rule.clone(),
                format!("nilai tidak sesuai: {rule}"),
            )])
        }
        serde_json::error::Category::Syntax
        | serde_json::error::Category::Eof
        | serde_json::error::Category::Io => ApiError::BadRequest(Bilingual::new(
            format!("the body is not valid JSON: {inner}"),
            format!("isi permintaan bukan JSON yang benar: {inner}"),
        )),
    }
}

/// The rule a value broke, without the value itself: serde quotes the offending value ("invalid type: integer
/// `3171012345670001`, expected a string"), and that value may be a NIK or a phone number, which must never be
/// echoed. Field names in "unknown field" and "missing field" messages are kept: they come from the schema.
fn data_error_rule(message: &str) -> String {
    // serde's message ends with " at line L column C"; the field path says where more usefully.
    let message = message.split(" at line ").next().unwrap_or(message);
    for kind in ["invalid type", "invalid value", "invalid length"] {
        if message.starts_with(kind) {
            return match message.split_once(", expected ") {
                Some((_, expected)) => format!("{kind}, expected {expected}"),
                None => kind.to_string(),
            };
        }
    }
    message.to_string()
}

fn unsupported_media_type() -> ApiError {
    ApiError::Http {
        status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
        code: "unsupported_media_type",
        message: Bilingual::new(
            "send the body as JSON with Content-Type: application/json",
            "kirim isi permintaan sebagai JSON dengan Content-Type: application/json",
        ),
    }
}

pub(crate) fn too_large(limit: usize) -> ApiError {
    ApiError::Http {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        code: "payload_too_large",
        message: Bilingual::new(
            format!("the body must be at most {limit} bytes"),
            format!("isi permintaan paling besar {limit} byte"),
        ),
    }
}

pub(crate) fn body_error(error: &actix_web::Error, limit: usize) -> ApiError {
    if error.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limit)
    } else {
        ApiError::BadRequest(Bilingual::new(
            format!("the body could not be read: {error}"),
            format!("isi permintaan tidak dapat dibaca: {error}"),
        ))
    }
}

/// Error handler for actix's own `web::Json` (kept consistent in case a route uses it).
pub fn json_config_error(error: JsonPayloadError, _request: &HttpRequest) -> actix_web::Error {
    let api_error = match &error {
        JsonPayloadError::OverflowKnownLength { limit, .. }
        | JsonPayloadError::Overflow { limit } => too_large(*limit),
        JsonPayloadError::ContentType => unsupported_media_type(),
        other => ApiError::BadRequest(Bilingual::new(
            format!("the body is not valid JSON: {other}"),
            format!("isi permintaan bukan JSON yang benar: {other}"),
        )),
    };
    api_error.into()
}

/// Error handler for query strings that do not fit the handler's query type.
pub fn query_config_error(error: QueryPayloadError, _request: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(Bilingual::new(
        format!("the query string is invalid: {error}"),
        format!("parameter query tidak valid: {error}"),
    ))
    .into()
}

/// Error handler for path parameters that do not parse (e.g. an id that is not a UUID): such a path names
/// nothing that exists, so it answers 404 as an unknown id does.
pub fn path_config_error(_error: PathError, _request: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound("resource").into()
}

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, middleware, test, web};
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Unit {
        code: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Vacancy {
        #[expect(dead_code, reason = "only deserialisation is under test")]
        title: String,
        headcount: u32,
        units: Vec<Unit>,
    }

    async fn echo(body: ApiJson<Vacancy>) -> HttpResponse {
        let vacancy = body.into_inner();
        HttpResponse::Ok().json(serde_json::json!({
            "headcount": vacancy.headcount,
            "first_unit": vacancy.units.first().map(|u| u.code.clone()),
        }))
    }

    async fn call(body: &'static str, content_type: &'static str) -> (u16, serde_json::Value) {
        let app = test::init_service(
            App::new()
                .wrap(middleware::from_fn(crate::error::problem_renderer))
                .app_data(web::Data::new(BodyLimit(64)))
                .route("/v", web::post().to(echo)),
        )
        .await;
        let request = test::TestRequest::post()
            .uri("/v")
            .insert_header(("content-type", content_type))
            .insert_header(("accept-language", "en"))
            .set_payload(body)
            .to_request();
        let response = test::call_service(&app, request).await;
        let status = response.status().as_u16();
        let body: serde_json::Value = test::read_body_json(response).await;
        (status, body)
    }

    #[actix_web::test]
    async fn a_wrong_type_deep_in_the_body_names_the_exact_field() {
        let (status, body) = call(
            r#"{"title":"Welder","headcount":2,"units":[{"code":1}]}"#,
            "application/json",
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(body["errors"][0]["field"], "units[0].code");
        assert_eq!(body["code"], "validation_failed");
    }

    #[actix_web::test]
    async fn an_unknown_field_is_rejected_by_name() {
        let (status, body) = call(
            r#"{"title":"W","headcount":1,"units":[],"sallary":5}"#,
            "application/json",
        )
        .await;
        assert_eq!(status, 422);
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("sallary"), "{message}");
    }

    #[actix_web::test]
    async fn malformed_json_is_a_bad_request() {
        let (status, body) = call(r#"{"title": "#, "application/json").await;
        assert_eq!(status, 400);
        assert_eq!(body["code"], "bad_request");
    }

    #[actix_web::test]
    async fn a_body_that_is_not_json_is_an_unsupported_media_type() {
        let (status, body) = call("title=Welder", "application/x-www-form-urlencoded").await;
        assert_eq!(status, 415);
        assert_eq!(body["code"], "unsupported_media_type");
    }

    #[actix_web::test]
    async fn a_body_over_the_limit_is_refused_with_413() {
        let (status, body) = call(
            r#"{"title":"a very long title that goes on and on and on","headcount":1,"units":[]}"#,
            "application/json",
        )
        .await;
        assert_eq!(status, 413);
        assert_eq!(body["code"], "payload_too_large");
    }

    #[actix_web::test]
    async fn a_wrongly_typed_value_is_not_echoed_back() {
        let (status, body) = call(
            r#"{"title":"W","headcount":3171012345670001,"units":[]}"#,
            "application/json",
        )
        .await;
        assert_eq!(status, 422);
        let text = body.to_string();
        assert!(!text.contains("3171012345670001"), "{text}");
        assert_eq!(body["errors"][0]["field"], "headcount");
    }

    #[actix_web::test]
    async fn a_valid_body_reaches_the_handler() {
        let (status, body) = call(
            r#"{"title":"W","headcount":3,"units":[{"code":"C.25"}]}"#,
            "application/json; charset=utf-8",
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(body["headcount"], 3);
        assert_eq!(body["first_unit"], "C.25");
    }
}
