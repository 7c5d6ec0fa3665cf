//! Optimistic concurrency: a resource's `version` travels as a strong `ETag` (`"3"`), updates must send it back
//! in `If-Match`, and a stale one gets 412 so one edit never silently overwrites another.

use actix_web::HttpRequest;
use actix_web::http::header::{ETAG, HeaderValue, IF_MATCH};

use crate::error::{ApiError, Bilingual};

/// The `ETag` header value for a version.
pub fn etag(version: i32) -> (actix_web::http::header::HeaderName, HeaderValue) {
    let value = HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or(HeaderValue::from_static("\"0\""));
    (ETAG, value)
}

/// The version the client says it is updating, from `If-Match` (400 when missing or malformed).
pub fn required_version(request: &HttpRequest) -> Result<i32, ApiError> {
    let missing = || {
        ApiError::BadRequest(Bilingual::new(
            "send the ETag you read in an If-Match header, so that concurrent edits are not lost",
            "kirim ETag yang Anda baca di header If-Match, agar perubahan bersamaan tidak saling menimpa",
        ))
    };
    let value = request.headers().get(IF_MATCH).ok_or_else(missing)?;
    let text = value.to_str().map_err(|_| missing())?.trim();
    let text = text.strip_prefix("W/").unwrap_or(text);
    text.trim_matches('"').parse::<i32>().map_err(|_| missing())
}

/// Fails with 412 unless the stored version is the one the client read.
pub fn check_version(stored: i32, expected: i32) -> Result<(), ApiError> {
    if stored == expected {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn the_version_is_read_from_if_match_with_or_without_quotes() {
        let quoted = TestRequest::default()
            .insert_header((IF_MATCH, "\"7\""))
            .to_http_request();
        assert_eq!(required_version(&quoted).ok(), Some(7));
        let weak = TestRequest::default()
            .insert_header((IF_MATCH, "W/\"8\""))
            .to_http_request();
        assert_eq!(required_version(&weak).ok(), Some(8));
        let missing = TestRequest::default().to_http_request();
        assert!(required_version(&missing).is_err());
    }

    #[test]
    fn a_stale_version_is_a_precondition_failure() {
        assert!(check_version(3, 3).is_ok());
        assert!(matches!(
            check_version(4, 3),
            Err(ApiError::PreconditionFailed)
        ));
    }
}
