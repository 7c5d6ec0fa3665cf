//! The labour office's reports, for officers and administrators only (everyone else gets 403; the pipeline
//! fairness report in particular never reaches employers). Each answers JSON, CSV or XLSX (`?format=` or
//! `Accept`) with the stable column layout of `docs/reports.md`; every figure is an SQL aggregate (`db::reports`).
//!
//! Periods are whole months in Balikpapan time: `?month=2026-03`, or `?from=2026-01&to=2026-12`. The running month
//! may be asked for (its figures are provisional, counted up to now); later months may not.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use jembatan_domain::calendar::{ReportMonth, WITA_UTC_OFFSET_HOURS, local_date};
use jembatan_domain::region::RegionCode;
use jembatan_domain::report::{
    ABSORPTION_TARGET, FILL_REPORT_DUE_DAYS, FOUR_FIFTHS, IPK_AGE_GROUPS, KBJI_MAJOR_GROUPS,
    KBLI_CATEGORIES, ReportGroup, absorption_shortfall, impact_ratio, rate,
};
use jembatan_domain::vocab::{EducationLevel, UserRole};
use jembatan_domain::{FieldError, Language};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::PooledConnection;
use crate::db::reports::compliance::Period as DbPeriod;
use crate::db::reports::{absorption, closures, competency, compliance, fairness, ipk, placements};
use crate::error::{ApiError, Bilingual, UniqueConflict};
use crate::export::{Cell, Format, ReportRow, Sheet, respond};
use crate::extract::ApiJson;
use crate::lang::request_language;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::startup::AppState;

const LABOUR_OFFICE: &[UserRole] = &[UserRole::Officer, UserRole::Admin];
/// The longest period one request may cover (ten years of monthly rows).
const MAX_MONTHS: i32 = 120;
/// The most rows one register export carries.
const MAX_EXPORT_ROWS: i64 = 200_000;

// ---------------------------------------------------------------------------------------------------------------
// Periods and places
// ---------------------------------------------------------------------------------------------------------------

/// The period of a report: `month`, or `from` and `to` (inclusive), each `YYYY-MM`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// One month, e.g. `2026-03`.
    pub month: Option<String>,
    /// First month of a longer period, e.g. `2026-01` (with `to`).
    pub from: Option<String>,
    /// Last month of a longer period, e.g. `2026-12` (with `from`).
    pub to: Option<String>,
    /// `json` (default), `csv` or `xlsx`; or send `Accept: text/csv` or the XLSX type.
    pub format: Option<String>,
}

/// A resolved period: its months and instants.
#[derive(Debug, Clone, Copy)]
struct Period {
    first: ReportMonth,
    last: ReportMonth,
    start: DateTime<Utc>,
    /// The end of the last month, or now while it runs.
    as_of: DateTime<Utc>,
    provisional: bool,
}

impl Period {
    /// The last local day counted: the last day of the period, or today while it runs.
    fn last_day(&self) -> NaiveDate {
        if self.provisional {
            local_date(self.as_of)
        } else {
            self.last.last_day()
        }
    }

    fn db(&self) -> DbPeriod {
        DbPeriod {
            start: self.start,
            as_of: self.as_of,
            first_day: self.first.first_day(),
            last_day: self.last_day(),
        }
    }

    fn label(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}_{}", self.first, self.last)
        }
    }

    fn info(&self) -> PeriodInfo {
        PeriodInfo {
            from: self.first.to_string(),
            to: self.last.to_string(),
            starts_at: self.start,
            as_of: self.as_of,
            provisional: self.provisional,
        }
    }

    fn parameters(&self) -> Vec<(&'static str, String)> {
        vec![
            ("from", self.first.to_string()),
            ("to", self.last.to_string()),
            ("as_of", self.as_of.to_rfc3339()),
            ("provisional", self.provisional.to_string()),
        ]
    }
}

/// Midnight in Balikpapan on the first of `month`, as an instant.
fn month_start(month: ReportMonth) -> DateTime<Utc> {
    (month.first_day().and_time(NaiveTime::MIN)
        - TimeDelta::hours(i64::from(WITA_UTC_OFFSET_HOURS)))
    .and_utc()
}

fn local_midnight(month: ReportMonth) -> NaiveDateTime {
    month.first_day().and_time(NaiveTime::MIN)
}

fn months_between(first: ReportMonth, last: ReportMonth) -> i32 {
    (last.year() - first.year()) * 12 + i32::try_from(last.month()).unwrap_or(0)
        - i32::try_from(first.month()).unwrap_or(0)
        + 1
}

fn parse_month(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<ReportMonth> {
    ReportMonth::parse(text)
        .map_err(|error| errors.push(FieldError::from_error(field, &error)))
        .ok()
}

impl PeriodQuery {
    fn resolve(&self, now: DateTime<Utc>) -> Result<Period, ApiError> {
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        let mut errors = Vec::new();
        let (first, last) = match (given(&self.month), given(&self.from), given(&self.to)) {
            (Some(month), None, None) => {
                let month = parse_month("month", &month, &mut errors);
                (month, month)
            }
            (None, Some(from), Some(to)) => (
                parse_month("from", &from, &mut errors),
                parse_month("to", &to, &mut errors),
            ),
            _ => {
                return Err(ApiError::invalid_field(
                    "month",
                    "period_required",
                    "give either month, or from and to (each like 2026-03)",
                    "isi month, atau from dan to (masing-masing seperti 2026-03)",
                ));
            }
        };
        let (Some(first), Some(last)) = (first, last) else {
            return Err(ApiError::Validation(errors));
        };
        if last < first {
            return Err(ApiError::invalid_field(
                "to",
                "period_order",
                "to must not be before from",
                "to tidak boleh sebelum from",
            ));
        }
        if months_between(first, last) > MAX_MONTHS {
            return Err(ApiError::invalid_field(
                "from",
                "period_too_long",
                format!("a report covers at most {MAX_MONTHS} months"),
                format!("laporan mencakup paling banyak {MAX_MONTHS} bulan"),
            ));
        }
        let end = month_start(last.next());
        let start = month_start(first);
        if start > now || month_start(last) > now {
            return Err(ApiError::invalid_field(
                "to",
                "period_in_future",
                "a report cannot cover a month that has not started",
                "laporan tidak dapat mencakup bulan yang belum dimulai",
            ));
        }
        Ok(Period {
            first,
            last,
            start,
            as_of: end.min(now),
            provisional: now < end,
        })
    }
}

/// The period of a report.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodInfo {
    /// First month, `YYYY-MM`.
    pub from: String,
    /// Last month, `YYYY-MM`.
    pub to: String,
    /// Midnight WITA on the first day of `from`.
    pub starts_at: DateTime<Utc>,
    /// Midnight WITA after the last day of `to`, or the moment of the request while `to` runs.
    pub as_of: DateTime<Utc>,
    /// The period includes the running month: figures count only what is recorded so far.
    pub provisional: bool,
}

fn label(group: &ReportGroup, language: Language) -> String {
    match language {
        Language::English => group.label_en.to_string(),
        Language::Indonesian => group.label_id.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Monthly IPK summary
// ---------------------------------------------------------------------------------------------------------------

/// The IPK query: a period, optionally one kecamatan.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IpkQuery {
    /// One month, e.g. `2026-03`.
    pub month: Option<String>,
    /// First month of a longer period, e.g. `2026-01` (with `to`).
    pub from: Option<String>,
    /// Last month of a longer period, e.g. `2026-12` (with `from`).
    pub to: Option<String>,
    /// `json` (default), `csv` or `xlsx`; or send `Accept: text/csv` or the XLSX type.
    pub format: Option<String>,
    /// A kecamatan code (`64.71.01`) or spelling; absent or `64.71` = the whole city.
    pub region: Option<String>,
}

/// One row of the IPK tables. For `section = vacancies` the numbers are openings (headcount) and `placed_*`
/// counts openings filled; `l` / `p` count only vacancies restricted to men / women, `total` all of them.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct IpkRow {
    /// `seekers` or `vacancies`.
    pub section: &'static str,
    /// `total`, `education`, `age_group` (seekers), `kbji_major_group`, `kbli_category` (vacancies) or `month`.
    pub dimension: String,
    /// The group's code: `total`, an education level, an age group (`20_29`), a KBJI digit, a KBLI letter, or a
    /// month `YYYY-MM`.
    pub group: String,
    /// The group's name in the caller's language.
    pub label: String,
    pub carried_over_l: i64,
    pub carried_over_p: i64,
    pub carried_over_total: i64,
    pub registered_l: i64,
    pub registered_p: i64,
    pub registered_total: i64,
    pub placed_l: i64,
    pub placed_p: i64,
    pub placed_total: i64,
    pub removed_l: i64,
    pub removed_p: i64,
    pub removed_total: i64,
    pub remaining_l: i64,
    pub remaining_p: i64,
    pub remaining_total: i64,
}

impl IpkRow {
    fn numbers(&self) -> [i64; 15] {
        [
            self.carried_over_l,
            self.carried_over_p,
            self.carried_over_total,
            self.registered_l,
            self.registered_p,
            self.registered_total,
            self.placed_l,
            self.placed_p,
            self.placed_total,
            self.removed_l,
            self.removed_p,
            self.removed_total,
            self.remaining_l,
            self.remaining_p,
            self.remaining_total,
        ]
    }
}

impl ReportRow for IpkRow {
    const COLUMNS: &'static [&'static str] = &[
        "section",
        "dimension",
        "group",
        "label",
        "carried_over_l",
        "carried_over_p",
        "carried_over_total",
        "registered_l",
        "registered_p",
        "registered_total",
        "placed_l",
        "placed_p",
        "placed_total",
        "removed_l",
        "removed_p",
        "removed_total",
        "remaining_l",
        "remaining_p",
        "remaining_total",
    ];

    fn cells(&self) -> Vec<Cell> {
        let mut cells = vec![
            Cell::Text(self.section.to_string()),
            Cell::Text(self.dimension.clone()),
            Cell::Text(self.group.clone()),
            Cell::Text(self.label.clone()),
        ];
        cells.extend(self.numbers().into_iter().map(Cell::Int));
        cells
    }
}

/// The place of a report.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionInfo {
    pub code: String,
    pub name: String,
}

/// A closed month.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClosureInfo {
    #[schema(example = "2026-03")]
    pub month: String,
    /// The kecamatan, or null for the whole city.
    pub region_code: Option<String>,
    pub closed_at: DateTime<Utc>,
    pub closed_by: Uuid,
    /// Whether the figures computed now are exactly those kept at closing (always true unless records of the
    /// closed month were changed outside the application).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures_unchanged: Option<bool>,
}

/// The monthly IPK report.
#[derive(Debug, Serialize, ToSchema)]
pub struct IpkReport {
    pub period: PeriodInfo,
    /// The kecamatan, or null for the whole city.
    pub region: Option<RegionInfo>,
    /// Set when the period is one closed month.
    pub closure: Option<ClosureInfo>,
    /// Job seekers: total, by education level, by age group, then one row per month.
    pub seekers: Vec<IpkRow>,
    /// Vacancies in openings: total, by minimum education, KBJI major group, KBLI category, then per month.
    pub vacancies: Vec<IpkRow>,
}

impl IpkQuery {
    fn period(&self) -> PeriodQuery {
        PeriodQuery {
            month: self.month.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            format: self.format.clone(),
        }
    }
}

fn parse_region(text: Option<&str>) -> Result<Option<RegionCode>, ApiError> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    match RegionCode::parse(text) {
        Ok(RegionCode::City) => Ok(None),
        Ok(kecamatan) => Ok(Some(kecamatan)),
        Err(error) => Err(ApiError::Validation(vec![FieldError::from_error(
            "region", &error,
        )])),
    }
}

type GroupLabels = Vec<(String, String)>;

fn education_groups(language: Language, with_none: bool) -> GroupLabels {
    let mut groups: GroupLabels = Vec::new();
    if with_none {
        let text = match language {
            Language::English => "No minimum education",
            Language::Indonesian => "Tanpa syarat pendidikan",
        };
        groups.push(("none".to_string(), text.to_string()));
    }
    groups.extend(EducationLevel::ALL.iter().map(|level| {
        let text = match language {
            Language::English => level.label_en(),
            Language::Indonesian => level.label_id(),
        };
        (level.as_str().to_string(), text.to_string())
    }));
    groups
}

fn report_groups(groups: &[ReportGroup], language: Language) -> GroupLabels {
    groups
        .iter()
        .map(|group| (group.code.to_string(), label(group, language)))
        .collect()
}

/// Lays the SQL rows out in the documented order: the total, every group of every breakdown (zeros for groups
/// without records, so the layout never changes), then the months.
fn ipk_layout(
    section: &'static str,
    rows: Vec<ipk::FlowRow>,
    breakdowns: &[(&str, GroupLabels)],
    language: Language,
) -> Vec<IpkRow> {
    let mut by_key: HashMap<(String, String), ipk::FlowRow> = rows
        .into_iter()
        .map(|row| ((row.dimension.clone(), row.group_code.clone()), row))
        .collect();
    let months: Vec<ipk::FlowRow> = {
        let mut months: Vec<ipk::FlowRow> = by_key
            .iter()
            .filter(|((dimension, _), _)| dimension == "month")
            .map(|(_, row)| row.clone())
            .collect();
        months.sort_by(|a, b| a.group_code.cmp(&b.group_code));
        months
    };
    let total_label = match language {
        Language::English => "Total",
        Language::Indonesian => "Jumlah",
    };
    let make = |dimension: &str, group: &str, text: &str, row: Option<&ipk::FlowRow>| {
        let zero = ipk::FlowRow {
            dimension: dimension.to_string(),
            group_code: group.to_string(),
            carried_over_l: 0,
            carried_over_p: 0,
            carried_over_total: 0,
            registered_l: 0,
            registered_p: 0,
            registered_total: 0,
            placed_l: 0,
            placed_p: 0,
            placed_total: 0,
            removed_l: 0,
            removed_p: 0,
            removed_total: 0,
            remaining_l: 0,
            remaining_p: 0,
            remaining_total: 0,
        };
        let row = row.unwrap_or(&zero);
        IpkRow {
            section,
            dimension: dimension.to_string(),
            group: group.to_string(),
            label: text.to_string(),
            carried_over_l: row.carried_over_l,
            carried_over_p: row.carried_over_p,
            carried_over_total: row.carried_over_total,
            registered_l: row.registered_l,
            registered_p: row.registered_p,
            registered_total: row.registered_total,
            placed_l: row.placed_l,
            placed_p: row.placed_p,
            placed_total: row.placed_total,
            removed_l: row.removed_l,
            removed_p: row.removed_p,
            removed_total: row.removed_total,
            remaining_l: row.remaining_l,
            remaining_p: row.remaining_p,
            remaining_total: row.remaining_total,
        }
    };
    let mut laid_out = vec![make(
        "total",
        "total",
        total_label,
        by_key.get(&("total".to_string(), "total".to_string())),
    )];
    for (dimension, groups) in breakdowns {
        for (code, text) in groups {
            let key = (dimension.to_string(), code.clone());
            laid_out.push(make(dimension, code, text, by_key.get(&key)));
            by_key.remove(&key);
        }
        // Codes outside the fixed list (an industry code without a category): kept, after the known ones.
        let mut others: Vec<&ipk::FlowRow> = by_key
            .values()
            .filter(|row| row.dimension == *dimension)
            .collect();
        others.sort_by(|a, b| a.group_code.cmp(&b.group_code));
        for row in others {
            laid_out.push(make(dimension, &row.group_code, &row.group_code, Some(row)));
        }
    }
    for month in &months {
        laid_out.push(make(
            "month",
            &month.group_code,
            &month.group_code,
            Some(month),
        ));
    }
    laid_out
}

struct IpkFigures {
    seekers: Vec<IpkRow>,
    vacancies: Vec<IpkRow>,
}

impl IpkFigures {
    /// The numbers only, keyed by section, dimension and group: what a closure keeps and compares.
    fn fingerprint(&self) -> serde_json::Value {
        let map: serde_json::Map<String, serde_json::Value> = self
            .seekers
            .iter()
            .chain(&self.vacancies)
            .map(|row| {
                (
                    format!("{}/{}/{}", row.section, row.dimension, row.group),
                    serde_json::json!(row.numbers()),
                )
            })
            .collect();
        serde_json::Value::Object(map)
    }
}

async fn ipk_figures(
    connection: &mut PooledConnection,
    period: &Period,
    region: Option<RegionCode>,
    language: Language,
) -> Result<IpkFigures, ApiError> {
    let scope = ipk::IpkScope {
        period_start: period.start,
        as_of: period.as_of,
        first_month: local_midnight(period.first),
        last_month: local_midnight(period.last),
        region_code: region.map(RegionCode::as_str),
    };
    let (seeker_rows, vacancy_rows) = ipk::flows(connection, &scope).await?;
    Ok(IpkFigures {
        seekers: ipk_layout(
            "seekers",
            seeker_rows,
            &[
                ("education", education_groups(language, false)),
                ("age_group", age_groups(language)),
            ],
            language,
        ),
        vacancies: ipk_layout(
            "vacancies",
            vacancy_rows,
            &[
                ("education", education_groups(language, true)),
                (
                    "kbji_major_group",
                    report_groups(KBJI_MAJOR_GROUPS, language),
                ),
                ("kbli_category", report_groups(KBLI_CATEGORIES, language)),
            ],
            language,
        ),
    })
}

fn age_groups(language: Language) -> GroupLabels {
    IPK_AGE_GROUPS
        .iter()
        .map(|group| (group.group.code.to_string(), label(&group.group, language)))
        .collect()
}

fn closure_info(closure: closures::Closure, current: Option<&IpkFigures>) -> ClosureInfo {
    ClosureInfo {
        month: ReportMonth::of(closure.month).to_string(),
        region_code: closure.region_code,
        closed_at: closure.closed_at,
        closed_by: closure.closed_by,
        figures_unchanged: current.map(|figures| figures.fingerprint() == closure.figures),
    }
}

/// The monthly IPK summary (Informasi Pasar Kerja) for a month or a longer period, for the whole city or one
/// kecamatan: job seekers (carried over, registered, placed, removed, remaining) and vacancies in openings
/// (carried over, registered, filled, removed, remaining), each by sex (L / P / total), broken down by education
/// level, age group, KBJI major group and KBLI category, and month by month. `carried_over + registered − placed −
/// removed = remaining` in every row, and each month's carried over is the previous month's remaining.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(IpkQuery),
    responses(
        (status = 200, body = IpkReport, description = "JSON; or text/csv (seekers then vacancies rows) or an XLSX workbook (sheets seekers, vacancies, info)"),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/ipk")]
#[tracing::instrument(skip_all)]
pub async fn ipk_report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<IpkQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let period = query.period().resolve(Utc::now())?;
    let region = parse_region(query.region.as_deref())?;
    let language = request_language(&request);
    let mut connection = state.pool.get().await?;
    let figures = ipk_figures(&mut connection, &period, region, language).await?;
    let closure = if period.first == period.last {
        closures::find(
            &mut connection,
            period.first.first_day(),
            region.map(RegionCode::as_str),
        )
        .await?
        .map(|closure| closure_info(closure, Some(&figures)))
    } else {
        None
    };
    let place = region.map_or("64.71".to_string(), |code| code.as_str().to_string());
    let mut parameters = period.parameters();
    parameters.push(("region", place.clone()));
    let sheets = [
        Sheet::of("seekers", &figures.seekers),
        Sheet::of("vacancies", &figures.vacancies),
    ];
    if format == Format::Csv {
        let mut all = figures.seekers.clone();
        all.extend(figures.vacancies.iter().cloned());
        let sheet = Sheet::of("ipk", &all);
        return respond(
            format,
            &(),
            &[sheet],
            &parameters,
            &format!("ipk-{}-{place}", period.label()),
        );
    }
    let report = IpkReport {
        period: period.info(),
        region: region.map(|code| RegionInfo {
            code: code.as_str().to_string(),
            name: code.name().to_string(),
        }),
        closure,
        seekers: figures.seekers,
        vacancies: figures.vacancies,
    };
    respond(
        format,
        &report,
        &sheets,
        &parameters,
        &format!("ipk-{}-{place}", period.label()),
    )
}

/// A request to close an IPK month.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseMonthRequest {
    /// The month, e.g. `2026-03`; it must have ended.
    pub month: String,
    /// A kecamatan, or absent for the whole city.
    pub region: Option<String>,
}

const ALREADY_CLOSED: UniqueConflict = UniqueConflict {
    constraint: "report_closures_month_region_code_key",
    code: "month_already_closed",
    en: "this month is already closed for this place",
    id: "bulan ini sudah ditutup untuk wilayah ini",
};

/// Closes an IPK month for the whole city or one kecamatan: records who closed it and when, and keeps the figures
/// as computed now. The month must have ended. Closing adds no restriction on recording (events are dated by when
/// they are recorded, so nothing can be added to an ended month); it marks the figures as the ones reported, and
/// every later run of the month says whether it still gives exactly those figures (`closure.figures_unchanged`).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    request_body = CloseMonthRequest,
    responses(
        (status = 201, body = ClosureInfo),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 409, description = "already closed (`month_already_closed`) or not ended (`month_not_ended`)", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/reports/ipk/closures")]
#[tracing::instrument(skip_all)]
pub async fn close_month(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<CloseMonthRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let form = body.into_inner();
    let mut errors = Vec::new();
    let month = parse_month("month", &form.month, &mut errors);
    let region = match parse_region(form.region.as_deref()) {
        Ok(region) => region,
        Err(ApiError::Validation(mut field_errors)) => {
            errors.append(&mut field_errors);
            None
        }
        Err(other) => return Err(other),
    };
    let (true, Some(month)) = (errors.is_empty(), month) else {
        return Err(ApiError::Validation(errors));
    };
    let now = Utc::now();
    if month_start(month.next()) > now {
        return Err(ApiError::conflict(
            "month_not_ended",
            "only a month that has ended can be closed",
            "hanya bulan yang sudah berakhir yang dapat ditutup",
        ));
    }
    let period = Period {
        first: month,
        last: month,
        start: month_start(month),
        as_of: month_start(month.next()),
        provisional: false,
    };
    let mut connection = state.pool.get().await?;
    let figures = ipk_figures(&mut connection, &period, region, Language::Indonesian).await?;
    let closure = closures::insert(
        &mut connection,
        month.first_day(),
        region.map(RegionCode::as_str),
        caller.user_id,
        &figures.fingerprint(),
    )
    .await
    .map_err(|error| ApiError::from_unique(error, &[ALREADY_CLOSED]))?;
    let info = closure_info(closure, Some(&figures));
    Ok(HttpResponse::Created().json(info))
}

/// Every closed month, newest first.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ClosureInfo>),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
    )
)]
#[get("/reports/ipk/closures")]
#[tracing::instrument(skip_all)]
pub async fn list_closures(
    caller: Caller,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let mut connection = state.pool.get().await?;
    let rows = closures::list(&mut connection).await?;
    let items: Vec<ClosureInfo> = rows
        .into_iter()
        .map(|closure| closure_info(closure, None))
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Training absorption
// ---------------------------------------------------------------------------------------------------------------

/// One row of the absorption report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AbsorptionRow {
    /// `total`, `provider`, `programme` or `cohort`.
    pub level: String,
    pub provider_id: Option<Uuid>,
    pub provider_name: Option<String>,
    pub programme_id: Option<Uuid>,
    pub programme_name: Option<String>,
    pub cohort_id: Option<Uuid>,
    pub cohort_name: Option<String>,
    /// Enrolments graduated (competent or not) in the period.
    pub graduates: i64,
    pub graduates_competent: i64,
    pub placed_within_3_months: i64,
    pub placed_within_6_months: i64,
    pub placed_within_12_months: i64,
    /// placed_within_12_months / graduates (null without graduates).
    pub absorption_rate: Option<f64>,
    /// The city's target, 0.9.
    pub target_rate: f64,
    pub meets_target: bool,
    /// Graduates still to place to reach the target.
    pub shortfall: i64,
    /// Median days from graduation to the start of work, of those placed within 12 months.
    pub median_days_to_placement: Option<f64>,
    /// Of those placed within 12 months: with a recorded follow-up, and still employed at the latest one.
    pub followed_up: i64,
    pub still_employed_at_followup: i64,
    /// Every graduate's 12-month window has ended (before that, the 12-month figures can still grow).
    pub window_complete: bool,
}

impl ReportRow for AbsorptionRow {
    const COLUMNS: &'static [&'static str] = &[
        "level",
        "provider_id",
        "provider_name",
        "programme_id",
        "programme_name",
        "cohort_id",
        "cohort_name",
        "graduates",
        "graduates_competent",
        "placed_within_3_months",
        "placed_within_6_months",
        "placed_within_12_months",
        "absorption_rate",
        "target_rate",
        "meets_target",
        "shortfall",
        "median_days_to_placement",
        "followed_up",
        "still_employed_at_followup",
        "window_complete",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.level.clone()),
            Cell::text(self.provider_id.map(|id| id.to_string())),
            Cell::text(self.provider_name.clone()),
            Cell::text(self.programme_id.map(|id| id.to_string())),
            Cell::text(self.programme_name.clone()),
            Cell::text(self.cohort_id.map(|id| id.to_string())),
            Cell::text(self.cohort_name.clone()),
            Cell::Int(self.graduates),
            Cell::Int(self.graduates_competent),
            Cell::Int(self.placed_within_3_months),
            Cell::Int(self.placed_within_6_months),
            Cell::Int(self.placed_within_12_months),
            Cell::ratio(self.absorption_rate),
            Cell::Ratio(self.target_rate),
            Cell::Bool(self.meets_target),
            Cell::Int(self.shortfall),
            Cell::number(self.median_days_to_placement),
            Cell::Int(self.followed_up),
            Cell::Int(self.still_employed_at_followup),
            Cell::Bool(self.window_complete),
        ]
    }
}

/// The absorption report.
#[derive(Debug, Serialize, ToSchema)]
pub struct AbsorptionReport {
    /// The months in which the counted enrolments graduated.
    pub period: PeriodInfo,
    /// Placements and follow-ups are counted as recorded up to this moment (the request).
    pub outcomes_as_of: DateTime<Utc>,
    pub rows: Vec<AbsorptionRow>,
}

/// Training absorption of the BLK graduates of a period: per provider, programme and cohort (and the city), how
/// many were placed within 3, 6 and 12 months of graduating, the rate against the city's 90% target, the median
/// days to placement, and how many were still employed at their latest follow-up.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, body = AbsorptionReport, description = "JSON, text/csv or XLSX"),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/absorption")]
#[tracing::instrument(skip_all)]
pub async fn absorption_report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let now = Utc::now();
    let period = query.resolve(now)?;
    let mut connection = state.pool.get().await?;
    // Graduates of the period, followed up to now: their 12-month windows reach past the period.
    let rows = absorption::absorption(
        &mut connection,
        period.first.first_day(),
        period.last.last_day(),
        now,
        local_date(now),
    )
    .await?;
    let rows: Vec<AbsorptionRow> = rows
        .into_iter()
        .map(|row| {
            let absorption_rate = rate(row.placed_within_12_months, row.graduates);
            AbsorptionRow {
                level: row.level,
                provider_id: row.provider_id,
                provider_name: row.provider_name,
                programme_id: row.programme_id,
                programme_name: row.programme_name,
                cohort_id: row.cohort_id,
                cohort_name: row.cohort_name,
                graduates: row.graduates,
                graduates_competent: row.graduates_competent,
                placed_within_3_months: row.placed_within_3_months,
                placed_within_6_months: row.placed_within_6_months,
                placed_within_12_months: row.placed_within_12_months,
                absorption_rate,
                target_rate: ABSORPTION_TARGET,
                meets_target: absorption_shortfall(row.graduates, row.placed_within_12_months) == 0
                    && row.graduates > 0,
                shortfall: absorption_shortfall(row.graduates, row.placed_within_12_months),
                median_days_to_placement: row.median_days_to_placement,
                followed_up: row.followed_up,
                still_employed_at_followup: row.still_employed,
                window_complete: row.window_complete,
            }
        })
        .collect();
    let sheets = [Sheet::of("absorption", &rows)];
    respond(
        format,
        &AbsorptionReport {
            period: period.info(),
            outcomes_as_of: now,
            rows,
        },
        &sheets,
        &period.parameters(),
        &format!("absorption-{}", period.label()),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Competency supply and demand
// ---------------------------------------------------------------------------------------------------------------

/// The moment of the supply-and-demand picture.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SnapshotQuery {
    /// The month whose end the picture is taken at, e.g. `2026-03`; absent = now.
    pub month: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    pub format: Option<String>,
}

/// One row: a vocation (all its units) or one unit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompetencyRow {
    /// `vocation` or `unit`.
    pub level: String,
    pub vocation_code: Option<String>,
    pub vocation_name: Option<String>,
    pub unit_code: Option<String>,
    pub unit_title: Option<String>,
    /// Open vacancies requiring the unit (any unit of the vocation).
    pub vacancies: i64,
    /// Their openings not yet filled.
    pub openings_required: i64,
    /// Active seekers by their best evidence for the unit.
    pub seekers_declared: i64,
    pub seekers_trained: i64,
    pub seekers_certified: i64,
    /// openings_required − seekers_trained − seekers_certified (positive = too few people).
    pub gap: i64,
    /// Programmes teaching it: `provider — programme`, separated by `; `.
    pub programmes: Option<String>,
}

impl ReportRow for CompetencyRow {
    const COLUMNS: &'static [&'static str] = &[
        "level",
        "vocation_code",
        "vocation_name",
        "unit_code",
        "unit_title",
        "vacancies",
        "openings_required",
        "seekers_declared",
        "seekers_trained",
        "seekers_certified",
        "gap",
        "programmes",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.level.clone()),
            Cell::text(self.vocation_code.clone()),
            Cell::text(self.vocation_name.clone()),
            Cell::text(self.unit_code.clone()),
            Cell::text(self.unit_title.clone()),
            Cell::Int(self.vacancies),
            Cell::Int(self.openings_required),
            Cell::Int(self.seekers_declared),
            Cell::Int(self.seekers_trained),
            Cell::Int(self.seekers_certified),
            Cell::Int(self.gap),
            Cell::text(self.programmes.clone()),
        ]
    }
}

/// The supply-and-demand report.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyReport {
    pub as_of: DateTime<Utc>,
    /// Vocations first, then units; each by gap, largest first.
    pub rows: Vec<CompetencyRow>,
}

/// Competency supply and demand: for each vocation and SKKNI unit, the open required headcount in vacancies against
/// the active seekers holding the unit by evidence level, the gap (largest first) and the programmes that teach it.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(SnapshotQuery),
    responses(
        (status = 200, body = CompetencyReport, description = "JSON, text/csv or XLSX"),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/competency-gaps")]
#[tracing::instrument(skip_all)]
pub async fn competency_report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<SnapshotQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let now = Utc::now();
    let period = match query
        .month
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        Some(month) => Some(
            PeriodQuery {
                month: Some(month.to_string()),
                ..PeriodQuery::default()
            }
            .resolve(now)?,
        ),
        None => None,
    };
    let as_of = period.map_or(now, |period| period.as_of);
    let as_of_date = period.map_or(local_date(now), |period| period.last_day());
    let mut connection = state.pool.get().await?;
    let rows = competency::supply_and_demand(&mut connection, as_of, as_of_date).await?;
    let rows: Vec<CompetencyRow> = rows
        .into_iter()
        .map(|row| CompetencyRow {
            level: row.level,
            vocation_code: row.vocation_code,
            vocation_name: row.vocation_name,
            unit_code: row.unit_code,
            unit_title: row.unit_title,
            vacancies: row.vacancies,
            openings_required: row.openings_required,
            seekers_declared: row.seekers_declared,
            seekers_trained: row.seekers_trained,
            seekers_certified: row.seekers_certified,
            gap: row.gap,
            programmes: row.programmes,
        })
        .collect();
    let sheets = [Sheet::of("competency_gaps", &rows)];
    let stamp = period.map_or_else(|| local_date(now).to_string(), |period| period.label());
    respond(
        format,
        &CompetencyReport { as_of, rows },
        &sheets,
        &[("as_of", as_of.to_rfc3339())],
        &format!("competency-gaps-{stamp}"),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Employer compliance and agreements
// ---------------------------------------------------------------------------------------------------------------

/// One employer's compliance row.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplianceRow {
    pub employer_id: Uuid,
    pub employer_name: String,
    pub nib: String,
    /// `pending`, `verified`, `rejected` or `suspended` (now).
    pub verification_status: String,
    pub verified_on: Option<NaiveDate>,
    /// Vacancies first reported to the labour office in the period, and their openings.
    pub vacancies_reported: i64,
    pub openings_reported: i64,
    /// Of those: ended filled; filled by the employer's own report; openings filled.
    pub vacancies_filled: i64,
    pub vacancies_reported_filled: i64,
    pub openings_filled: i64,
    /// Fill reports that fell due in the period, and those not made in time.
    pub fill_reports_due: i64,
    pub fill_reports_overdue: i64,
    /// The employer's own commitments overlapping the period, and what the records show achieved.
    pub committed_placements: i64,
    pub achieved_placements: i64,
    pub committed_apprenticeship_seats: i64,
    pub achieved_apprenticeship_seats: i64,
    pub committed_training_support: i64,
}

impl ReportRow for ComplianceRow {
    const COLUMNS: &'static [&'static str] = &[
        "employer_id",
        "employer_name",
        "nib",
        "verification_status",
        "verified_on",
        "vacancies_reported",
        "openings_reported",
        "vacancies_filled",
        "vacancies_reported_filled",
        "openings_filled",
        "fill_reports_due",
        "fill_reports_overdue",
        "committed_placements",
        "achieved_placements",
        "committed_apprenticeship_seats",
        "achieved_apprenticeship_seats",
        "committed_training_support",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.employer_id.to_string()),
            Cell::Text(self.employer_name.clone()),
            Cell::Text(self.nib.clone()),
            Cell::Text(self.verification_status.clone()),
            Cell::date(self.verified_on),
            Cell::Int(self.vacancies_reported),
            Cell::Int(self.openings_reported),
            Cell::Int(self.vacancies_filled),
            Cell::Int(self.vacancies_reported_filled),
            Cell::Int(self.openings_filled),
            Cell::Int(self.fill_reports_due),
            Cell::Int(self.fill_reports_overdue),
            Cell::Int(self.committed_placements),
            Cell::Int(self.achieved_placements),
            Cell::Int(self.committed_apprenticeship_seats),
            Cell::Int(self.achieved_apprenticeship_seats),
            Cell::Int(self.committed_training_support),
        ]
    }
}

/// The compliance report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplianceReport {
    pub period: PeriodInfo,
    /// Days after a vacancy's last valid day within which its fill report is due.
    pub fill_report_due_days: i64,
    /// Employers with most overdue fill reports first.
    pub rows: Vec<ComplianceRow>,
}

/// Employer compliance with vacancy reporting: per employer, vacancies reported, filled and reported filled, overdue
/// fill reports, verification status, and their agreement commitments with the fulfilment the records show.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, body = ComplianceReport, description = "JSON, text/csv or XLSX"),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/employer-compliance")]
#[tracing::instrument(skip_all)]
pub async fn compliance_report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let period = query.resolve(Utc::now())?;
    let mut connection = state.pool.get().await?;
    let due_days = i32::try_from(FILL_REPORT_DUE_DAYS).unwrap_or(30);
    let rows = compliance::employer_compliance(&mut connection, &period.db(), due_days).await?;
    let rows: Vec<ComplianceRow> = rows
        .into_iter()
        .map(|row| ComplianceRow {
            employer_id: row.employer_id,
            employer_name: row.employer_name,
            nib: row.nib,
            verification_status: row.verification_status,
            verified_on: row.verified_on,
            vacancies_reported: row.vacancies_reported,
            openings_reported: row.openings_reported,
            vacancies_filled: row.vacancies_filled,
            vacancies_reported_filled: row.vacancies_reported_filled,
            openings_filled: row.openings_filled,
            fill_reports_due: row.fill_reports_due,
            fill_reports_overdue: row.fill_reports_overdue,
            committed_placements: row.committed_placements,
            achieved_placements: row.achieved_placements,
            committed_apprenticeship_seats: row.committed_apprenticeship_seats,
            achieved_apprenticeship_seats: row.achieved_apprenticeship_seats,
            committed_training_support: row.committed_training_support,
        })
        .collect();
    let sheets = [Sheet::of("employer_compliance", &rows)];
    let mut parameters = period.parameters();
    parameters.push(("fill_report_due_days", FILL_REPORT_DUE_DAYS.to_string()));
    respond(
        format,
        &ComplianceReport {
            period: period.info(),
            fill_report_due_days: FILL_REPORT_DUE_DAYS,
            rows,
        },
        &sheets,
        &parameters,
        &format!("employer-compliance-{}", period.label()),
    )
}

/// One commitment of an agreement with industry and its fulfilment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommitmentRow {
    pub agreement_id: Uuid,
    pub agreement_number: Option<String>,
    pub agreement_title: String,
    pub agreement_status: String,
    /// The committing employer; null for a joint commitment of all parties.
    pub employer_id: Option<Uuid>,
    pub employer_name: Option<String>,
    /// `apprenticeship_seats`, `placements` or `training_support`.
    pub kind: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub target: i64,
    /// Counted from the records up to the report's end; null for training support (no record counts it).
    pub achieved: Option<i64>,
    /// achieved / target.
    pub fulfilment: Option<f64>,
    pub met: Option<bool>,
}

impl ReportRow for CommitmentRow {
    const COLUMNS: &'static [&'static str] = &[
        "agreement_id",
        "agreement_number",
        "agreement_title",
        "agreement_status",
        "employer_id",
        "employer_name",
        "kind",
        "period_start",
        "period_end",
        "target",
        "achieved",
        "fulfilment",
        "met",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.agreement_id.to_string()),
            Cell::text(self.agreement_number.clone()),
            Cell::Text(self.agreement_title.clone()),
            Cell::Text(self.agreement_status.clone()),
            Cell::text(self.employer_id.map(|id| id.to_string())),
            Cell::text(self.employer_name.clone()),
            Cell::Text(self.kind.clone()),
            Cell::Date(self.period_start),
            Cell::Date(self.period_end),
            Cell::Int(self.target),
            Cell::int(self.achieved),
            Cell::ratio(self.fulfilment),
            self.met.map_or(Cell::Empty, Cell::Bool),
        ]
    }
}

/// The agreements report.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementsReport {
    pub period: PeriodInfo,
    pub rows: Vec<CommitmentRow>,
}

/// Agreements with industry: every commitment of an active or ended agreement overlapping the period, with what the
/// records show achieved (placements at the parties, apprenticeships started in their programmes).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, body = AgreementsReport, description = "JSON, text/csv or XLSX"),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/agreements")]
#[tracing::instrument(skip_all)]
pub async fn agreements_report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let period = query.resolve(Utc::now())?;
    let mut connection = state.pool.get().await?;
    let rows = compliance::commitments(&mut connection, &period.db()).await?;
    let rows: Vec<CommitmentRow> = rows
        .into_iter()
        .map(|row| CommitmentRow {
            fulfilment: row.achieved.and_then(|achieved| rate(achieved, row.target)),
            met: row.achieved.map(|achieved| achieved >= row.target),
            agreement_id: row.agreement_id,
            agreement_number: row.agreement_number,
            agreement_title: row.agreement_title,
            agreement_status: row.agreement_status,
            employer_id: row.employer_id,
            employer_name: row.employer_name,
            kind: row.kind,
            period_start: row.period_start,
            period_end: row.period_end,
            target: row.target,
            achieved: row.achieved,
        })
        .collect();
    let sheets = [Sheet::of("agreements", &rows)];
    respond(
        format,
        &AgreementsReport {
            period: period.info(),
            rows,
        },
        &sheets,
        &period.parameters(),
        &format!("agreements-{}", period.label()),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Pipeline fairness
// ---------------------------------------------------------------------------------------------------------------

/// Selection at one step for one group.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FairnessRow {
    /// `city` or `employer`.
    pub scope: &'static str,
    pub employer_id: Option<Uuid>,
    pub employer_name: Option<String>,
    /// `sex`, `age_band` or `disability`.
    pub dimension: String,
    /// `L` / `P`; `18_24` ... `45_plus`; `yes` / `no`.
    pub group: String,
    /// `screening`, `interview`, `offer`, `hired` (the stage reached at this step) or `overall` (applied → hired).
    pub step: String,
    pub considered: i64,
    pub selected: i64,
    pub selection_rate: Option<f64>,
    /// The highest selection rate among the groups of this dimension at this step and scope.
    pub highest_rate: Option<f64>,
    /// selection_rate / highest_rate.
    pub impact_ratio: Option<f64>,
    /// impact_ratio below four fifths (0.8).
    pub below_four_fifths: bool,
}

impl ReportRow for FairnessRow {
    const COLUMNS: &'static [&'static str] = &[
        "scope",
        "employer_id",
        "employer_name",
        "dimension",
        "group",
        "step",
        "considered",
        "selected",
        "selection_rate",
        "highest_rate",
        "impact_ratio",
        "below_four_fifths",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.scope.to_string()),
            Cell::text(self.employer_id.map(|id| id.to_string())),
            Cell::text(self.employer_name.clone()),
            Cell::Text(self.dimension.clone()),
            Cell::Text(self.group.clone()),
            Cell::Text(self.step.clone()),
            Cell::Int(self.considered),
            Cell::Int(self.selected),
            Cell::ratio(self.selection_rate),
            Cell::ratio(self.highest_rate),
            Cell::ratio(self.impact_ratio),
            Cell::Bool(self.below_four_fifths),
        ]
    }
}

/// The fairness report.
#[derive(Debug, Serialize, ToSchema)]
pub struct FairnessReport {
    pub period: PeriodInfo,
    /// The threshold, 0.8.
    pub four_fifths: f64,
    /// Citywide rows first, then per employer.
    pub rows: Vec<FairnessRow>,
}

/// Pipeline fairness: selection rates at each hiring step by sex, age band and disability, citywide and per
/// employer, with groups below four fifths of the best group's rate flagged. For officers only: never shown to
/// employers and never used in ranking.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, body = FairnessReport, description = "JSON, text/csv or XLSX"),
        (status = 403, description = "officers and admins only (never employers)", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/pipeline-fairness")]
#[tracing::instrument(skip_all)]
pub async fn fairness_report(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let period = query.resolve(Utc::now())?;
    let mut connection = state.pool.get().await?;
    let counts = fairness::selection_counts(&mut connection, period.start, period.as_of).await?;
    // The best rate of each (scope, dimension, step) comes from the aggregated rows of that cell.
    let mut highest: HashMap<(Option<Uuid>, String, String), f64> = HashMap::new();
    for row in &counts {
        if let Some(group_rate) = rate(row.selected, row.considered) {
            let key = (row.employer_id, row.dimension.clone(), row.step.clone());
            let best = highest.entry(key).or_insert(group_rate);
            *best = best.max(group_rate);
        }
    }
    let rows: Vec<FairnessRow> = counts
        .into_iter()
        .map(|row| {
            let selection_rate = rate(row.selected, row.considered);
            let highest_rate = highest
                .get(&(row.employer_id, row.dimension.clone(), row.step.clone()))
                .copied();
            let judged = impact_ratio(selection_rate, highest_rate);
            FairnessRow {
                scope: if row.employer_id.is_some() {
                    "employer"
                } else {
                    "city"
                },
                employer_id: row.employer_id,
                employer_name: row.employer_name,
                dimension: row.dimension,
                group: row.group_code,
                step: row.step,
                considered: row.considered,
                selected: row.selected,
                selection_rate,
                highest_rate,
                impact_ratio: judged.map(|(ratio, _)| ratio),
                below_four_fifths: judged.is_some_and(|(_, flagged)| flagged),
            }
        })
        .collect();
    let sheets = [Sheet::of("pipeline_fairness", &rows)];
    respond(
        format,
        &FairnessReport {
            period: period.info(),
            four_fifths: FOUR_FIFTHS,
            rows,
        },
        &sheets,
        &period.parameters(),
        &format!("pipeline-fairness-{}", period.label()),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Placements register
// ---------------------------------------------------------------------------------------------------------------

/// Filters of the placements register.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterQuery {
    /// One month, e.g. `2026-03`.
    pub month: Option<String>,
    /// First month of a longer period, e.g. `2026-01` (with `to`).
    pub from: Option<String>,
    /// Last month of a longer period, e.g. `2026-12` (with `from`).
    pub to: Option<String>,
    /// `json` (default), `csv` or `xlsx`; or send `Accept: text/csv` or the XLSX type.
    pub format: Option<String>,
    /// The seeker's kecamatan of residence (code or spelling).
    pub region: Option<String>,
    /// `jembatan`, `job_fair`, `blk_referral`, `direct`, `apprenticeship_hire` or `counter`.
    pub channel: Option<String>,
    pub employer_id: Option<Uuid>,
    /// KBJI major group digit or any longer prefix of a KBJI code.
    pub occupation: Option<String>,
    /// KBLI category letter `A`-`U`.
    pub industry: Option<String>,
    /// `L` or `P`.
    pub sex: Option<String>,
    /// JSON pages: items per page, 1 to 100 (CSV and XLSX carry every row).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// One placement of the register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterRow {
    pub placement_id: Uuid,
    /// `YYYY-MM`: the IPK month the placement was recorded for.
    pub report_month: String,
    pub start_date: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    /// AK/I registration number (no name or NIK in the register).
    pub seeker_registration_number: String,
    pub sex: String,
    pub birth_year: i16,
    pub education_level: String,
    pub domicile_region_code: String,
    pub employer_id: Option<Uuid>,
    pub employer_name: String,
    pub vacancy_id: Option<Uuid>,
    pub kbji_code: String,
    pub kbli_code: Option<String>,
    pub kbli_category: Option<String>,
    pub employment_type: String,
    pub wage_rupiah: Option<i64>,
    pub wage_period: Option<String>,
    pub channel: String,
    pub evidence: Option<String>,
    /// `still_employed`, `left`, or null while not recorded.
    pub followup_3_months: Option<String>,
    pub followup_6_months: Option<String>,
    pub followup_12_months: Option<String>,
}

impl ReportRow for RegisterRow {
    const COLUMNS: &'static [&'static str] = &[
        "placement_id",
        "report_month",
        "start_date",
        "recorded_at",
        "seeker_registration_number",
        "sex",
        "birth_year",
        "education_level",
        "domicile_region_code",
        "employer_id",
        "employer_name",
        "vacancy_id",
        "kbji_code",
        "kbli_code",
        "kbli_category",
        "employment_type",
        "wage_rupiah",
        "wage_period",
        "channel",
        "evidence",
        "followup_3_months",
        "followup_6_months",
        "followup_12_months",
    ];

    fn cells(&self) -> Vec<Cell> {
        let month = ReportMonth::parse(&self.report_month)
            .map(|month| Cell::Month(month.first_day()))
            .unwrap_or(Cell::Empty);
        vec![
            Cell::Text(self.placement_id.to_string()),
            month,
            Cell::Date(self.start_date),
            Cell::Time(self.recorded_at),
            Cell::Text(self.seeker_registration_number.clone()),
            Cell::Text(self.sex.clone()),
            Cell::Int(i64::from(self.birth_year)),
            Cell::Text(self.education_level.clone()),
            Cell::Text(self.domicile_region_code.clone()),
            Cell::text(self.employer_id.map(|id| id.to_string())),
            Cell::Text(self.employer_name.clone()),
            Cell::text(self.vacancy_id.map(|id| id.to_string())),
            Cell::Text(self.kbji_code.clone()),
            Cell::text(self.kbli_code.clone()),
            Cell::text(self.kbli_category.clone()),
            Cell::Text(self.employment_type.clone()),
            Cell::int(self.wage_rupiah),
            Cell::text(self.wage_period.clone()),
            Cell::Text(self.channel.clone()),
            Cell::text(self.evidence.clone()),
            Cell::text(self.followup_3_months.clone()),
            Cell::text(self.followup_6_months.clone()),
            Cell::text(self.followup_12_months.clone()),
        ]
    }
}

impl From<placements::RegisterRow> for RegisterRow {
    fn from(row: placements::RegisterRow) -> Self {
        Self {
            placement_id: row.placement_id,
            report_month: ReportMonth::of(row.report_month).to_string(),
            start_date: row.start_date,
            recorded_at: row.recorded_at,
            seeker_registration_number: row.seeker_registration_number,
            sex: row.sex,
            birth_year: row.birth_year,
            education_level: row.education_level,
            domicile_region_code: row.domicile_region_code,
            employer_id: row.employer_id,
            employer_name: row.employer_name,
            vacancy_id: row.vacancy_id,
            kbji_code: row.kbji_code,
            kbli_code: row.kbli_code,
            kbli_category: row.kbli_category,
            employment_type: row.employment_type,
            wage_rupiah: row.wage_rupiah,
            wage_period: row.wage_period,
            channel: row.channel,
            evidence: row.evidence,
            followup_3_months: row.followup_3_months,
            followup_6_months: row.followup_6_months,
            followup_12_months: row.followup_12_months,
        }
    }
}

const CHANNELS: &[&str] = &[
    "jembatan",
    "job_fair",
    "blk_referral",
    "direct",
    "apprenticeship_hire",
    "counter",
];

impl RegisterQuery {
    fn period(&self) -> PeriodQuery {
        PeriodQuery {
            month: self.month.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            format: self.format.clone(),
        }
    }

    fn filter(&self, period: &Period) -> Result<placements::RegisterFilter, ApiError> {
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        let mut errors = Vec::new();
        let region = match parse_region(self.region.as_deref()) {
            Ok(region) => region.map(|code| code.as_str().to_string()),
            Err(ApiError::Validation(mut field_errors)) => {
                errors.append(&mut field_errors);
                None
            }
            Err(other) => return Err(other),
        };
        let channel = given(&self.channel);
        if channel
            .as_deref()
            .is_some_and(|channel| !CHANNELS.contains(&channel))
        {
            errors.push(FieldError::new(
                "channel",
                "channel_unknown",
                format!("channel must be one of {}", CHANNELS.join(", ")),
                format!("channel harus salah satu dari {}", CHANNELS.join(", ")),
            ));
        }
        let occupation = given(&self.occupation);
        if occupation.as_deref().is_some_and(|prefix| {
            prefix.len() > 7 || !prefix.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        }) {
            errors.push(FieldError::new(
                "occupation",
                "occupation_filter",
                "occupation must be a kbji major group digit or a longer prefix of a kbji code",
                "occupation harus berupa angka golongan pokok KBJI atau awalan kode KBJI yang lebih panjang",
            ));
        }
        let industry = given(&self.industry).map(|text| text.to_ascii_uppercase());
        if industry
            .as_deref()
            .is_some_and(|letter| !KBLI_CATEGORIES.iter().any(|group| group.code == letter))
        {
            errors.push(FieldError::new(
                "industry",
                "industry_filter",
                "industry must be a kbli category letter from A to U",
                "industry harus berupa huruf kategori KBLI A sampai U",
            ));
        }
        let sex = given(&self.sex).map(|text| text.to_ascii_uppercase());
        if sex.as_deref().is_some_and(|sex| sex != "L" && sex != "P") {
            errors.push(FieldError::new(
                "sex",
                "sex_filter",
                "sex must be L or P",
                "sex harus L atau P",
            ));
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok(placements::RegisterFilter {
            first_month: period.first.first_day(),
            last_month: period.last.first_day(),
            region_code: region,
            channel,
            employer_id: self.employer_id,
            kbji_prefix: occupation,
            kbli_category: industry,
            sex,
        })
    }
}

/// The placements register: every placement counted in the period's report months, with filters; JSON pages
/// (`limit`, `cursor`) or the whole list as CSV or XLSX, for audit and export.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(RegisterQuery),
    responses(
        (status = 200, body = Page<RegisterRow>, description = "JSON page, or every row as text/csv or XLSX"),
        (status = 400, description = "a cursor this list did not return", body = crate::error::Problem),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/reports/placements")]
#[tracing::instrument(skip_all)]
pub async fn placements_register(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let format = Format::negotiate(query.format.as_deref(), &request)?;
    let period = query.period().resolve(Utc::now())?;
    let filter = query.filter(&period)?;
    let mut connection = state.pool.get().await?;
    if format != Format::Json {
        let rows =
            placements::register(&mut connection, &filter, None, Some(MAX_EXPORT_ROWS)).await?;
        let rows: Vec<RegisterRow> = rows.into_iter().map(RegisterRow::from).collect();
        let sheets = [Sheet::of("placements", &rows)];
        return respond(
            format,
            &(),
            &sheets,
            &period.parameters(),
            &format!("placements-{}", period.label()),
        );
    }
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    };
    let limit = page.limit()?;
    let after = page
        .cursor()?
        .map(|cursor| {
            NaiveDate::parse_from_str(&cursor.key, "%Y-%m-%d")
                .map(|month| (month, cursor.id))
                .map_err(|_| {
                    ApiError::BadRequest(Bilingual::new(
                        "cursor is not one this list returned; start again without it",
                        "cursor tidak berasal dari daftar ini; mulai lagi tanpa cursor",
                    ))
                })
        })
        .transpose()?;
    let rows = placements::register(&mut connection, &filter, after, Some(limit + 1)).await?;
    let items: Vec<RegisterRow> = rows.into_iter().map(RegisterRow::from).collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: ReportMonth::parse(&item.report_month)
                .map(|month| month.first_day().to_string())
                .unwrap_or_default(),
            id: item.placement_id,
        })),
    )
}
