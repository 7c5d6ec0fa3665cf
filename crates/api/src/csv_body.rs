//! `CsvBody`: a `text/csv` request body for bulk imports, read into rows of named columns.
//!
//! Accepted: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" writes one), a header row naming the
//! columns (any order, any case), fields quoted RFC 4180 style when they hold the delimiter, a quote or a line
//! break. The delimiter is a comma, or a semicolon when the header row has semicolons and no comma (what Excel
//! writes on machines set to the Indonesian locale). Blank lines are skipped. The body limit is the JSON one
//! (`MAX_BODY_BYTES`, 413 above it).
//!
//! Problems with the file's structure are 422s naming `header`, `rows` or `rows[N]` (`N` counts data rows from 0;
//! the message gives the line in the file as a spreadsheet shows it).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, web};
use jembatan_domain::FieldError;

use crate::error::{ApiError, Bilingual};
use crate::extract::{BodyLimit, body_error, too_large};

/// Most field errors one import answers with; the rest are summarised in one more entry.
const MAX_REPORTED_ERRORS: usize = 100;

/// A CSV request body, decoded to text; `rows` checks the header and splits it into rows.
#[derive(Debug)]
pub struct CsvBody {
    text: String,
}

/// One data row: where it is in the file and its values in the order of the columns asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// Position among the data rows, from 0 (the `N` of `rows[N]`).
    pub index: usize,
    /// Line of the file the row starts on, from 1 (the header is line 1).
    pub line: u64,
    /// Values, untrimmed, in the order of the `columns` given to [`CsvBody::rows`].
    pub values: Vec<String>,
}

impl CsvRow {
    /// Moves a field error of this row's record under `rows[N].` and names the line in its messages.
    pub fn locate(&self, error: FieldError) -> FieldError {
        FieldError {
            field: format!("rows[{}].{}", self.index, error.field),
            code: error.code,
            message_en: format!("line {}: {}", self.line, error.message_en),
            message_id: format!("baris {}: {}", self.line, error.message_id),
        }
    }
}

impl FromRequest for CsvBody {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = request
            .app_data::<web::Data<BodyLimit>>()
            .map(|limit| limit.0)
            .unwrap_or(256 * 1024);
        let is_csv = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/csv"));
        let body = web::Bytes::from_request(request, payload);
        Box::pin(async move {
            if !is_csv {
                return Err(not_csv().into());
            }
            let bytes = body.await.map_err(|error| body_error(&error, limit))?;
            if bytes.len() > limit {
                return Err(too_large(limit).into());
            }
            let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = String::from_utf8(without_bom.to_vec()).map_err(|_| not_utf8())?;
            Ok(CsvBody { text })
        })
    }
}

impl CsvBody {
    /// Wraps CSV text (for tests and tools; requests use the extractor).
    pub fn from_text(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }

    /// Checks that the header names exactly `columns` (in any order, ignoring case and surrounding spaces) and
    /// returns every data row with its values in `columns` order. At least one data row is required.
    pub fn rows(&self, columns: &[&str]) -> Result<Vec<CsvRow>, ApiError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter())
            .from_reader(self.text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(record) => record.map_err(malformed)?,
            None => return Err(header_error(columns, "csv_header_missing", None)),
        };
        let positions = column_positions(&header, columns)?;

        let mut lines = LineCounter::new(self.text.as_bytes());
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for (index, record) in records.enumerate() {
            let record = record.map_err(malformed)?;
            let line = lines.line_of(record.position());
            if record.len() != header.len() {
                errors.push(FieldError::new(
                    format!("rows[{index}]"),
                    "csv_field_count",
                    format!(
                        "line {line} has {} fields, the header has {}",
                        record.len(),
                        header.len()
                    ),
                    format!(
                        "baris {line} berisi {} kolom, sedangkan judul kolom berisi {}",
                        record.len(),
                        header.len()
                    ),
                ));
                continue;
            }
            let values = positions
                .iter()
                .map(|&position| record.get(position).unwrap_or_default().to_string())
                .collect();
            rows.push(CsvRow {
                index,
                line,
                values,
            });
        }
        if !errors.is_empty() {
            return Err(invalid_rows(errors));
        }
        if rows.is_empty() {
            return Err(ApiError::invalid_field(
                "rows",
                "csv_no_rows",
                "the file has a header but no rows",
                "berkas hanya berisi judul kolom, tanpa baris data",
            ));
        }
        Ok(rows)
    }

    /// `;` when the first line has semicolons and no comma, else `,`.
    fn delimiter(&self) -> u8 {
        let first_line = self
            .text
            .lines()
            .find(|line| !line.trim().is_empty())
            .unwrap_or_default();
        if first_line.contains(';') && !first_line.contains(',') {
            b';'
        } else {
            b','
        }
    }
}

/// Finds the line (from 1) each record starts on, counting forward from the previous record. The csv crate's own
/// line count goes wrong after `\r\n` and blank lines, and its byte offset points at the line break before the
/// record, so both are corrected here.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_up_to: usize,
    breaks: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            counted_up_to: 0,
            breaks: 0,
        }
    }

    fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let reported = position
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .clamp(self.counted_up_to, self.bytes.len());
        let start = self.bytes[reported..]
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .map_or(self.bytes.len(), |skipped| reported + skipped);
        self.breaks += self.bytes[self.counted_up_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted_up_to = start;
        u64::try_from(self.breaks).unwrap_or(u64::MAX) + 1
    }
}

/// The 422 for rows that break rules, listing at most [`MAX_REPORTED_ERRORS`] of them.
pub fn invalid_rows(mut errors: Vec<FieldError>) -> ApiError {
    if errors.len() > MAX_REPORTED_ERRORS {
        let more = errors.len() - MAX_REPORTED_ERRORS;
        errors.truncate(MAX_REPORTED_ERRORS);
        errors.push(FieldError::new(
            "rows",
            "csv_more_errors",
            format!("{more} more errors are not listed; correct these and send the file again"),
            format!("masih ada {more} kesalahan lain yang tidak dicantumkan; perbaiki yang ini lalu kirim ulang berkasnya"),
        ));
    }
    ApiError::Validation(errors)
}

/// Where each of `columns` is in the header.
fn column_positions(header: &csv::StringRecord, columns: &[&str]) -> Result<Vec<usize>, ApiError> {
    let names: Vec<String> = header
        .iter()
        .map(|name| name.trim().to_lowercase())
        .collect();
    for (position, name) in names.iter().enumerate() {
        if !columns.contains(&name.as_str()) {
            return Err(header_error(columns, "csv_unknown_column", Some(name)));
        }
        if names[..position].contains(name) {
            return Err(header_error(columns, "csv_duplicate_column", Some(name)));
        }
    }
    columns
        .iter()
        .map(|column| {
            names
                .iter()
                .position(|name| name == column)
                .ok_or_else(|| header_error(columns, "csv_missing_column", Some(column)))
        })
        .collect()
}

fn header_error(columns: &[&str], code: &'static str, column: Option<&str>) -> ApiError {
    let expected = columns.join(",");
    let column: String = column.unwrap_or_default().chars().take(40).collect();
    let (en, id) = match code {
        "csv_unknown_column" => (
            format!("unknown column '{column}'"),
            format!("kolom '{column}' tidak dikenal"),
        ),
        "csv_duplicate_column" => (
            format!("column '{column}' appears twice"),
            format!("kolom '{column}' muncul dua kali"),
        ),
        "csv_missing_column" => (
            format!("column '{column}' is missing"),
            format!("kolom '{column}' tidak ada"),
        ),
        _ => ("the file is empty".to_string(), "berkas kosong".to_string()),
    };
    ApiError::invalid_field(
        "header",
        code,
        format!("{en}; the first row must name the columns {expected}"),
        format!("{id}; baris pertama harus berisi judul kolom {expected}"),
    )
}

fn malformed(error: csv::Error) -> ApiError {
    ApiError::BadRequest(Bilingual::new(
        format!("the body is not valid CSV: {error}"),
        format!("isi permintaan bukan CSV yang benar: {error}"),
    ))
}

fn not_csv() -> ApiError {
    ApiError::Http {
        status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
        code: "unsupported_media_type",
        message: Bilingual::new(
            "send the file as CSV with Content-Type: text/csv",
            "kirim berkas sebagai CSV dengan Content-Type: text/csv",
        ),
    }
}

fn not_utf8() -> ApiError {
    ApiError::BadRequest(Bilingual::new(
        "the file is not UTF-8 text; in a spreadsheet, save it as \"CSV UTF-8\"",
        "berkas bukan teks UTF-8; di aplikasi spreadsheet, simpan sebagai \"CSV UTF-8\"",
    ))
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    const COLUMNS: &[&str] = &["code", "title", "synonyms"];

    fn field_errors(error: ApiError) -> Vec<(String, &'static str)> {
        match error {
            ApiError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn columns_come_back_in_the_order_asked_whatever_the_header_order() {
        let body = CsvBody::from_text(
            "Title , CODE,synonyms\r\n\"Mengelas, posisi datar\",C.251100.001.01,\"welder;\"\"tukang\"\" las\"\r\n",
        );
        let rows = body.rows(COLUMNS).unwrap();
        assert_eq!(
            rows,
            [CsvRow {
                index: 0,
                line: 2,
                values: vec![
                    "C.251100.001.01".into(),
                    "Mengelas, posisi datar".into(),
                    "welder;\"tukang\" las".into(),
                ],
            }]
        );
    }

    #[test]
    fn a_quoted_line_break_stays_in_its_field_and_lines_are_counted_as_a_spreadsheet_shows_them() {
        let body =
            CsvBody::from_text("\r\ncode,title,synonyms\r\na,\"two\nlines\",\r\n\r\nb,c,d\r\n");
        let rows = body.rows(COLUMNS).unwrap();
        assert_eq!(rows[0].values[1], "two\nlines");
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[1].index, 1);
        assert_eq!(rows[1].line, 6, "blank lines are skipped but still counted");
    }

    #[test]
    fn a_semicolon_header_without_commas_switches_the_delimiter() {
        let body = CsvBody::from_text("\ncode;title;synonyms\nC.1;Las;\"welder;fitter\"\n");
        let rows = body.rows(COLUMNS).unwrap();
        assert_eq!(rows[0].values, ["C.1", "Las", "welder;fitter"]);
    }

    #[test]
    fn header_problems_name_the_column() {
        let unknown = CsvBody::from_text("code,title,synonym\nx,y,z\n").rows(COLUMNS);
        assert_eq!(
            field_errors(unknown.unwrap_err()),
            [("header".to_string(), "csv_unknown_column")]
        );
        let missing = CsvBody::from_text("code,title\nx,y\n").rows(COLUMNS);
        assert_eq!(
            field_errors(missing.unwrap_err()),
            [("header".to_string(), "csv_missing_column")]
        );
        let twice = CsvBody::from_text("code,title,code\nx,y,z\n").rows(COLUMNS);
        assert_eq!(
            field_errors(twice.unwrap_err()),
            [("header".to_string(), "csv_duplicate_column")]
        );
        let empty = CsvBody::from_text("").rows(COLUMNS);
        assert_eq!(
            field_errors(empty.unwrap_err()),
            [("header".to_string(), "csv_header_missing")]
        );
    }

    #[test]
    fn rows_with_the_wrong_number_of_fields_are_all_named() {
        let body = CsvBody::from_text("code,title,synonyms\na,b\nc,d,e\nf,g,h,i\n");
        assert_eq!(
            field_errors(body.rows(COLUMNS).unwrap_err()),
            [
                ("rows[0]".to_string(), "csv_field_count"),
                ("rows[2]".to_string(), "csv_field_count"),
            ]
        );
    }

    #[test]
    fn a_header_without_rows_is_refused() {
        let body = CsvBody::from_text("code,title,synonyms\n\n");
        assert_eq!(
            field_errors(body.rows(COLUMNS).unwrap_err()),
            [("rows".to_string(), "csv_no_rows")]
        );
    }

    #[test]
    fn a_located_error_names_the_row_and_the_line() {
        let row = CsvRow {
            index: 3,
            line: 5,
            values: Vec::new(),
        };
        let located = row.locate(FieldError::new("code", "x", "bad code", "kode salah"));
        assert_eq!(located.field, "rows[3].code");
        assert_eq!(located.message_en, "line 5: bad code");
        assert_eq!(located.message_id, "baris 5: kode salah");
    }

    #[test]
    fn a_flood_of_errors_is_cut_to_the_first_hundred_and_a_count() {
        let errors = (0..150)
            .map(|i| FieldError::new(format!("rows[{i}].code"), "x", "bad", "salah"))
            .collect();
        let ApiError::Validation(listed) = invalid_rows(errors) else {
            panic!("a validation error");
        };
        assert_eq!(listed.len(), MAX_REPORTED_ERRORS + 1);
        assert_eq!(listed[MAX_REPORTED_ERRORS].code, "csv_more_errors");
        assert!(
            listed[MAX_REPORTED_ERRORS]
                .message_en
                .starts_with("50 more")
        );
    }
}
