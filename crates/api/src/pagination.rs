//! Keyset pagination shared by every list: `?limit=&cursor=`, answers `{ items, next_cursor }`.
//!
//! The cursor is opaque to clients: the sort key of the last item and its id, encoded as URL-safe text. Keyset
//! pagination stays fast and stable while rows are inserted, unlike `OFFSET`.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, Bilingual};

/// Items per page when the client does not say.
pub const DEFAULT_LIMIT: i64 = 20;
/// Hard maximum of items per page.
pub const MAX_LIMIT: i64 = 100;

/// The query parameters of every list.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct PageQuery {
    /// Items per page, 1 to 100 (default 20).
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Where a page starts: after the item with this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub key: String,
    pub id: Uuid,
}

impl PageQuery {
    /// The validated limit (422 outside 1..=100).
    pub fn limit(&self) -> Result<i64, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if (1..=MAX_LIMIT).contains(&limit) {
            Ok(limit)
        } else {
            Err(ApiError::invalid_field(
                "limit",
                "limit_out_of_range",
                format!("limit must be between 1 and {MAX_LIMIT}, got {limit}"),
                format!("limit harus antara 1 dan {MAX_LIMIT}, diterima {limit}"),
            ))
        }
    }

    /// The decoded cursor, if any (400 when it was not made by us).
    pub fn cursor(&self) -> Result<Option<Cursor>, ApiError> {
        let Some(text) = self.cursor.as_deref().filter(|c| !c.is_empty()) else {
            return Ok(None);
        };
        Cursor::decode(text).map(Some).ok_or_else(|| {
            ApiError::BadRequest(Bilingual::new(
                "cursor is not one this API returned; start again without it",
                "cursor tidak dikenal; mulai lagi tanpa cursor",
            ))
        })
    }
}

impl Cursor {
    /// Opaque text for `next_cursor`.
    pub fn encode(&self) -> String {
        let raw = format!("{}|{}", self.id.simple(), self.key);
        raw.bytes().map(|b| format!("{b:02x}")).collect()
    }

    fn decode(text: &str) -> Option<Self> {
        if !text.len().is_multiple_of(2) || text.len() > 1024 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
            .collect();
        let raw = String::from_utf8(bytes?).ok()?;
        let (id, key) = raw.split_once('|')?;
        Some(Self {
            id: Uuid::parse_str(id).ok()?,
            key: key.to_string(),
        })
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only tells that another page exists.
    pub fn from_rows(mut rows: Vec<T>, limit: i64, cursor_of: impl Fn(&T) -> Cursor) -> Self {
        let limit = usize::try_from(limit).unwrap_or(0);
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = if has_more {
            rows.last().map(|last| cursor_of(last).encode())
        } else {
            None
        };
        Self {
            items: rows,
            next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_the_round_trip_even_with_separators_in_the_key() {
        let cursor = Cursor {
            key: "2026-11-27T10:00:00Z|x".to_string(),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
    }

    #[test]
    fn a_cursor_we_did_not_make_is_refused() {
        let query = PageQuery {
            limit: None,
            cursor: Some("not-a-cursor".into()),
        };
        assert!(query.cursor().is_err());
    }

    #[test]
    fn limits_outside_one_to_a_hundred_are_refused() {
        for bad in [0, -1, 101] {
            let query = PageQuery {
                limit: Some(bad),
                cursor: None,
            };
            assert!(query.limit().is_err(), "{bad}");
        }
        assert_eq!(PageQuery::default().limit().ok(), Some(DEFAULT_LIMIT));
    }

    #[test]
    fn the_extra_row_becomes_the_next_cursor_and_is_not_returned() {
        let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        let page = Page::from_rows(ids.clone(), 3, |id| Cursor {
            key: String::new(),
            id: *id,
        });
        assert_eq!(page.items.len(), 3);
        assert!(page.next_cursor.is_some());
        let last = Page::from_rows(ids[..2].to_vec(), 3, |id| Cursor {
            key: String::new(),
            id: *id,
        });
        assert!(last.next_cursor.is_none());
    }
}
