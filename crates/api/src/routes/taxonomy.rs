//! What the reference-data resources (competency units, occupations, industries, vocations, regions) share: who may
//! write them, the `?q=` search-as-you-type parameter, pages keyed on (rank, code), and the import report.
//!
//! Reading reference data needs no log-in: it is public vocabulary, and a registration form needs it before the
//! person has an account. Writing it is for the labour office (officers and administrators).

use std::collections::HashMap;

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, HttpResponseBuilder, web};
use jembatan_domain::FieldError;
use jembatan_domain::vocab::UserRole;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::csv_body::{CsvRow, invalid_rows};
use crate::db::code_tables::{After, CodeSearch, Ranked, UpsertCounts};
use crate::error::{ApiError, Bilingual};
use crate::pagination::{Cursor, Page, PageQuery};

/// The roles that may create, edit and import reference data.
pub const LABOUR_OFFICE: &[UserRole] = &[UserRole::Officer, UserRole::Admin];

/// Longest search text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// Search-as-you-type over a reference list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Text typed so far: a code prefix (`C.2511`, `7212`) or words of the title or synonyms (`las busur`), any
    /// case. Results rank exact code, code prefix, title prefix, then other matches. Absent or blank lists all.
    pub q: Option<String>,
}

impl SearchQuery {
    /// The prepared search (`None` when `q` is absent or blank); `code_form` writes the text the way the table
    /// writes its codes. 422 when `q` is longer than [`MAX_QUERY_CHARS`].
    pub fn search(
        &self,
        code_form: impl Fn(&str) -> String,
    ) -> Result<Option<CodeSearch>, ApiError> {
        let Some(text) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) else {
            return Ok(None);
        };
        let length = text.chars().count();
        if length > MAX_QUERY_CHARS {
            return Err(ApiError::invalid_field(
                "q",
                "query_too_long",
                format!("q must have at most {MAX_QUERY_CHARS} characters, got {length}"),
                format!("q paling banyak {MAX_QUERY_CHARS} karakter, diterima {length}"),
            ));
        }
        Ok(Some(CodeSearch::new(text, &code_form(text))))
    }
}

/// Where the requested page starts, from the opaque cursor (400 when it was not made by [`ranked_page`]).
pub fn after(page: &PageQuery) -> Result<Option<After>, ApiError> {
    let Some(cursor) = page.cursor()? else {
        return Ok(None);
    };
    let after = cursor
        .key
        .split_once('|')
        .and_then(|(rank, code)| {
            Some(After {
                rank: rank.parse().ok()?,
                code: code.to_string(),
            })
        })
        .filter(|after| (0..=3).contains(&after.rank));
    after.map(Some).ok_or_else(|| {
        ApiError::BadRequest(Bilingual::new(
            "cursor is not one this list returned; start again without it",
            "cursor tidak dikenal untuk daftar ini; mulai lagi tanpa cursor",
        ))
    })
}

/// A page from `limit + 1` ranked rows. The cursor carries the last row's rank and code (code tables have no
/// UUID, so the cursor's id is the nil UUID).
pub fn ranked_page<Row, Item>(
    rows: Vec<Ranked<Row>>,
    limit: i64,
    code_of: impl Fn(&Row) -> &str,
    to_item: impl Fn(Row) -> Item,
) -> Page<Item> {
    let page = Page::from_rows(rows, limit, |last| Cursor {
        key: format!("{}|{}", last.match_rank, code_of(&last.row)),
        id: Uuid::nil(),
    });
    Page {
        items: page
            .items
            .into_iter()
            .map(|ranked| to_item(ranked.row))
            .collect(),
        next_cursor: page.next_cursor,
    }
}

/// `201 Created` with a `Location` header naming the new resource.
pub fn created(location: String) -> HttpResponseBuilder {
    let mut response = HttpResponse::Created();
    response.insert_header((LOCATION, location));
    response
}

/// Validates every row of an import with `validate` (whose errors name fields of one record), moves each error
/// under `rows[N].` with the row's line, and refuses a code that appears on two rows. Answers the valid records, or
/// 422 listing every problem when there is any, so nothing is written.
pub fn validate_rows<Record>(
    rows: &[CsvRow],
    validate: impl Fn(&CsvRow) -> Result<Record, Vec<FieldError>>,
    code_of: impl Fn(&Record) -> &str,
) -> Result<Vec<Record>, ApiError> {
    let mut records = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    let mut first_line_of_code: HashMap<String, u64> = HashMap::new();
    for row in rows {
        let record = match validate(row) {
            Ok(record) => record,
            Err(row_errors) => {
                errors.extend(row_errors.into_iter().map(|error| row.locate(error)));
                continue;
            }
        };
        let code = code_of(&record).to_string();
        if let Some(first_line) = first_line_of_code.get(&code) {
            errors.push(row.locate(FieldError::new(
                "code",
                "csv_duplicate_code",
                format!("code {code} is already on line {first_line}"),
                format!("kode {code} sudah ada di baris {first_line}"),
            )));
            continue;
        }
        first_line_of_code.insert(code, row.line);
        records.push(record);
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(invalid_rows(errors))
    }
}

/// Runs CPU-bound work on the blocking thread pool: parsing and validating an import of up to `MAX_BODY_BYTES`
/// takes milliseconds, too long to hold an async worker.
pub async fn off_executor<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(work)
        .await
        .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("blocking pool failed: {error}")))?
}

/// What a CSV import did. Nothing is written when any row is invalid (422), so these counts are all or nothing.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    /// Rows in the file.
    pub rows: usize,
    /// Codes that did not exist and were created.
    pub created: usize,
    /// Codes that existed and were changed to match the file.
    pub updated: usize,
    /// Codes that existed and already matched the file.
    pub unchanged: usize,
}

impl From<UpsertCounts> for ImportReport {
    fn from(counts: UpsertCounts) -> Self {
        Self {
            rows: counts.created + counts.updated + counts.unchanged,
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
        }
    }
}
