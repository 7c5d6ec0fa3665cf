//! The caller's language, from `Accept-Language` (Bahasa Indonesia unless English is preferred).
//! The parsing rule lives in the domain crate (`Language::from_accept_language`); this only reads the header.

use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;
pub use jembatan_domain::Language;

/// The language to answer `request` in.
pub fn request_language(request: &HttpRequest) -> Language {
    request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Language::from_accept_language)
        .unwrap_or_default()
}
