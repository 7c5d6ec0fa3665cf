//! Report exports: one table model written as JSON, CSV or XLSX, and the choice between them.
//!
//! A report builds its rows once; each row type lists its columns (`ReportRow::COLUMNS`, the stable layout
//! documented in `docs/reports.md`) and its cells. The JSON body uses the same names as the CSV header, so the
//! three formats never disagree. CSV is UTF-8 without a byte-order mark, comma separated, a header row first,
//! numbers with a dot, dates `YYYY-MM-DD`, times RFC 3339 in WITA (`+08:00`). XLSX has one sheet per table with a
//! bold, frozen header row and an autofilter, numbers as numbers, percentages as numbers formatted `0.0%`, dates
//! as real date cells, and a last sheet `info` with the report's parameters.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use jembatan_domain::calendar::WITA_UTC_OFFSET_HOURS;
use rust_xlsxwriter::{Format as CellFormat, FormatAlign, Workbook};
use serde::Serialize;

use crate::error::{ApiError, Bilingual};

/// MIME type of XLSX workbooks.
pub const XLSX_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// MIME type of the CSV exports.
pub const CSV_CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// One value of a report table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A count or other whole number.
    Int(i64),
    /// A share between 0 and 1 (shown as a percentage in XLSX, as a decimal in CSV).
    Ratio(f64),
    /// Any other decimal number (e.g. a median of days).
    Number(f64),
    /// Text, a code or a label.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// A report month (the first day; `YYYY-MM` in CSV, a date cell formatted `yyyy-mm` in XLSX).
    Month(NaiveDate),
    /// An instant, shown in Balikpapan time (WITA).
    Time(DateTime<Utc>),
    /// Yes or no (`true` / `false` in CSV, a boolean cell in XLSX).
    Bool(bool),
    /// No value (an unknown rate, a missing date): an empty CSV field, an empty XLSX cell.
    Empty,
}

impl Cell {
    /// Text, or empty when absent.
    pub fn text(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |value| Cell::Text(value.into()))
    }

    /// A ratio, or empty when unknown.
    pub fn ratio(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Ratio)
    }

    /// A decimal number, or empty when unknown.
    pub fn number(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }

    /// A whole number, or empty when unknown.
    pub fn int(value: Option<i64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Int)
    }

    /// A date, or empty when absent.
    pub fn date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }

    /// An instant, or empty when absent.
    pub fn time(value: Option<DateTime<Utc>>) -> Cell {
        value.map_or(Cell::Empty, Cell::Time)
    }

    fn csv_text(&self) -> String {
        match self {
            Cell::Int(value) => value.to_string(),
            Cell::Ratio(value) | Cell::Number(value) => value.to_string(),
            Cell::Text(value) => value.clone(),
            Cell::Date(value) => value.format("%Y-%m-%d").to_string(),
            Cell::Month(value) => value.format("%Y-%m").to_string(),
            Cell::Time(value) => wita(*value).to_rfc3339(),
            Cell::Bool(value) => value.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

fn wita(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    match FixedOffset::east_opt(WITA_UTC_OFFSET_HOURS * 3600) {
        Some(offset) => instant.with_timezone(&offset),
        None => instant.fixed_offset(),
    }
}

/// A row of a report table: its columns, in their documented order, and its values in that order.
pub trait ReportRow {
    /// Column names: the CSV header, the XLSX header row and the JSON field names.
    const COLUMNS: &'static [&'static str];
    /// The values, one per column.
    fn cells(&self) -> Vec<Cell>;
}

/// A named table of one report.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// XLSX sheet name (at most 31 characters).
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The sheet of `rows`.
    pub fn of<R: ReportRow>(name: &'static str, rows: &[R]) -> Sheet {
        Sheet {
            name,
            columns: R::COLUMNS,
            rows: rows.iter().map(ReportRow::cells).collect(),
        }
    }
}

/// The format a report is answered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

impl Format {
    /// `?format=json|csv|xlsx` when given, else the `Accept` header (`text/csv`, the XLSX type), else JSON.
    pub fn negotiate(requested: Option<&str>, request: &HttpRequest) -> Result<Format, ApiError> {
        if let Some(requested) = requested.map(str::trim).filter(|text| !text.is_empty()) {
            return match requested.to_ascii_lowercase().as_str() {
                "json" => Ok(Format::Json),
                "csv" => Ok(Format::Csv),
                "xlsx" => Ok(Format::Xlsx),
                _ => Err(ApiError::invalid_field(
                    "format",
                    "format_unknown",
                    "format must be json, csv or xlsx",
                    "format harus json, csv atau xlsx",
                )),
            };
        }
        let accept = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if accept.contains("text/csv") {
            Ok(Format::Csv)
        } else if accept.contains("spreadsheetml") {
            Ok(Format::Xlsx)
        } else {
            Ok(Format::Json)
        }
    }
}

/// Writes one table as CSV: a header row, then one line per row.
pub fn csv_bytes(sheet: &Sheet) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(sheet.columns)?;
    for row in &sheet.rows {
        writer.write_record(row.iter().map(Cell::csv_text))?;
    }
    Ok(writer.into_inner()?)
}

/// Writes the tables as an XLSX workbook, one sheet each, then an `info` sheet with `parameters`.
pub fn xlsx_bytes(sheets: &[Sheet], parameters: &[(&str, String)]) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let header_format = CellFormat::new().set_bold().set_align(FormatAlign::Center);
    let ratio_format = CellFormat::new().set_num_format("0.0%");
    let number_format = CellFormat::new().set_num_format("0.0");
    let integer_format = CellFormat::new().set_num_format("0");
    let date_format = CellFormat::new().set_num_format("yyyy-mm-dd");
    let month_format = CellFormat::new().set_num_format("yyyy-mm");
    let time_format = CellFormat::new().set_num_format("yyyy-mm-dd hh:mm");
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name)?;
        for (column, name) in sheet.columns.iter().enumerate() {
            worksheet.write_string_with_format(0, column_number(column)?, *name, &header_format)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let row_number = u32::try_from(index + 1)?;
            for (column, cell) in row.iter().enumerate() {
                let column = column_number(column)?;
                match cell {
                    Cell::Int(value) => {
                        // Counts are far below 2^53: exact as an Excel number.
                        #[expect(clippy::cast_precision_loss, reason = "report counts are small")]
                        let number = *value as f64;
                        worksheet.write_number_with_format(
                            row_number,
                            column,
                            number,
                            &integer_format,
                        )?;
                    }
                    Cell::Ratio(value) => {
                        worksheet.write_number_with_format(
                            row_number,
                            column,
                            *value,
                            &ratio_format,
                        )?;
                    }
                    Cell::Number(value) => {
                        worksheet.write_number_with_format(
                            row_number,
                            column,
                            *value,
                            &number_format,
                        )?;
                    }
                    Cell::Text(value) => {
                        worksheet.write_string(row_number, column, value)?;
                    }
                    Cell::Date(value) => {
                        worksheet.write_datetime_with_format(
                            row_number,
                            column,
                            value,
                            &date_format,
                        )?;
                    }
                    Cell::Month(value) => {
                        worksheet.write_datetime_with_format(
                            row_number,
                            column,
                            value,
                            &month_format,
                        )?;
                    }
                    Cell::Time(value) => {
                        worksheet.write_datetime_with_format(
                            row_number,
                            column,
                            wita(*value).naive_local(),
                            &time_format,
                        )?;
                    }
                    Cell::Bool(value) => {
                        worksheet.write_boolean(row_number, column, *value)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        worksheet.set_freeze_panes(1, 0)?;
        if !sheet.columns.is_empty() {
            let last_row = u32::try_from(sheet.rows.len())?;
            worksheet.autofilter(0, 0, last_row, column_number(sheet.columns.len() - 1)?)?;
        }
        worksheet.autofit();
    }
    let info = workbook.add_worksheet();
    info.set_name("info")?;
    info.write_string_with_format(0, 0, "parameter", &header_format)?;
    info.write_string_with_format(0, 1, "value", &header_format)?;
    for (index, (name, value)) in parameters.iter().enumerate() {
        let row_number = u32::try_from(index + 1)?;
        info.write_string(row_number, 0, *name)?;
        info.write_string(row_number, 1, value)?;
    }
    info.autofit();
    Ok(workbook.save_to_buffer()?)
}

fn column_number(index: usize) -> anyhow::Result<u16> {
    Ok(u16::try_from(index)?)
}

/// Answers a report in `format`: `json` as the JSON body, CSV as the first sheet, XLSX as every sheet plus the
/// parameters. Files are sent as attachments named `{file_stem}.csv` / `.xlsx`.
pub fn respond(
    format: Format,
    json: &impl Serialize,
    sheets: &[Sheet],
    parameters: &[(&str, String)],
    file_stem: &str,
) -> Result<HttpResponse, ApiError> {
    let (bytes, content_type, extension) = match format {
        Format::Json => return Ok(HttpResponse::Ok().json(json)),
        Format::Csv => {
            let Some(first) = sheets.first() else {
                return Err(ApiError::BadRequest(Bilingual::new(
                    "this report has no table to export",
                    "laporan ini tidak memiliki tabel untuk diekspor",
                )));
            };
            (csv_bytes(first)?, CSV_CONTENT_TYPE, "csv")
        }
        Format::Xlsx => (xlsx_bytes(sheets, parameters)?, XLSX_CONTENT_TYPE, "xlsx"),
    };
    let disposition = format!("attachment; filename=\"{file_stem}.{extension}\"");
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
        .insert_header((
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition)
                .map_err(|error| ApiError::Unexpected(anyhow::anyhow!(error)))?,
        ))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    fn sample() -> Sheet {
        Sheet {
            name: "sample",
            columns: &["name", "count", "rate", "on", "month"],
            rows: vec![
                vec![
                    Cell::Text("Balikpapan Kota, \"pusat\"".into()),
                    Cell::Int(3),
                    Cell::Ratio(0.75),
                    Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()),
                    Cell::Month(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
                ],
                vec![
                    Cell::Empty,
                    Cell::Int(0),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ],
            ],
        }
    }

    #[test]
    fn csv_has_a_header_row_quotes_commas_and_leaves_unknowns_empty() {
        let text = String::from_utf8(csv_bytes(&sample()).unwrap()).unwrap();
        assert_eq!(
            text,
            "name,count,rate,on,month\n\"Balikpapan Kota, \"\"pusat\"\"\",3,0.75,2026-03-05,2026-03\n,0,,,\n"
        );
        assert!(!text.starts_with('\u{feff}'), "no byte-order mark");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = xlsx_bytes(&[sample()], &[("month", "2026-03".into())]).unwrap();
        assert_eq!(&bytes[0..2], b"PK");
    }

    #[test]
    fn times_are_shown_in_wita() {
        let instant = DateTime::parse_from_rfc3339("2026-03-31T16:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(Cell::Time(instant).csv_text(), "2026-04-01T00:30:00+08:00");
    }
}
