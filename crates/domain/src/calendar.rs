//! Calendar arithmetic the rules share: adding months end-of-month safely (31 January + 1 month
//! is 28 or 29 February) and the report month used by the monthly IPK report.

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, Utc};

use crate::error::Localised;

/// `date` plus `months`, clamped to the last day of the target month. Saturates at the end of
/// chrono's calendar instead of failing (dates that far out are never real).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` plus whole years; 29 February becomes 28 February in a common year.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    add_months(date, years.saturating_mul(12))
}

/// Full years between `birth_date` and `today` (0 when born later).
pub fn age_in_years(birth_date: NaiveDate, today: NaiveDate) -> u32 {
    let years = today.year() - birth_date.year();
    let before_birthday = (today.month(), today.day()) < (birth_date.month(), birth_date.day());
    let age = if before_birthday { years - 1 } else { years };
    u32::try_from(age).unwrap_or(0)
}

/// Balikpapan keeps Waktu Indonesia Tengah (WITA, `Asia/Makassar`): UTC+8 all year, no daylight saving.
pub const WITA_UTC_OFFSET_HOURS: i32 = 8;

/// The calendar date in Balikpapan at `instant`: what "today" means for registration dates, validity, re-report
/// deadlines and report months.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    match FixedOffset::east_opt(WITA_UTC_OFFSET_HOURS * 3600) {
        Some(wita) => instant.with_timezone(&wita).date_naive(),
        None => instant.date_naive(),
    }
}

/// A calendar month, e.g. `2026-03`: the period of one IPK report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct ReportMonth {
    year: i32,
    month: u32,
}

/// Why a text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("report month must look like 2026-03 (year, dash, month 01-12)")]
pub struct ReportMonthError;

impl Localised for ReportMonthError {
    fn code(&self) -> &'static str {
        "report_month_format"
    }

    fn message_id(&self) -> String {
        "Bulan laporan harus berbentuk seperti 2026-03 (tahun, tanda hubung, bulan 01-12)"
            .to_string()
    }
}

impl ReportMonth {
    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> ReportMonth {
        ReportMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(input: &str) -> Result<ReportMonth, ReportMonthError> {
        let (year, month) = input.trim().split_once('-').ok_or(ReportMonthError)?;
        let shape_ok = year.len() == 4
            && month.len() == 2
            && year
                .bytes()
                .chain(month.bytes())
                .all(|b| b.is_ascii_digit());
        if !shape_ok {
            return Err(ReportMonthError);
        }
        let year: i32 = year.parse().map_err(|_| ReportMonthError)?;
        let month: u32 = month.parse().map_err(|_| ReportMonthError)?;
        if !(1..=12).contains(&month) {
            return Err(ReportMonthError);
        }
        Ok(ReportMonth { year, month })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(&self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The following month.
    pub fn next(&self) -> ReportMonth {
        if self.month == 12 {
            ReportMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            ReportMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Whether `date` falls in this month.
    pub fn contains(&self, date: NaiveDate) -> bool {
        ReportMonth::of(date) == *self
    }
}

impl std::fmt::Display for ReportMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for ReportMonth {
    type Error = ReportMonthError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        ReportMonth::parse(&value)
    }
}

impl std::str::FromStr for ReportMonth {
    type Err = ReportMonthError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        ReportMonth::parse(value)
    }
}

impl From<ReportMonth> for String {
    fn from(month: ReportMonth) -> String {
        month.to_string()
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn adding_a_month_to_the_thirty_first_lands_on_the_last_day_of_a_short_month() {
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(date(2028, 1, 31), 1), date(2028, 2, 29));
        assert_eq!(add_months(date(2025, 8, 31), 6), date(2026, 2, 28));
        assert_eq!(add_years(date(2024, 2, 29), 2), date(2026, 2, 28));
    }

    #[test]
    fn the_local_date_turns_over_at_midnight_wita_which_is_four_in_the_afternoon_utc() {
        let before = DateTime::parse_from_rfc3339("2026-03-01T15:59:59Z").unwrap();
        let after = DateTime::parse_from_rfc3339("2026-03-01T16:00:00Z").unwrap();
        assert_eq!(local_date(before.to_utc()), date(2026, 3, 1));
        assert_eq!(local_date(after.to_utc()), date(2026, 3, 2));
    }

    #[test]
    fn age_counts_only_completed_years() {
        assert_eq!(age_in_years(date(2008, 3, 2), date(2026, 3, 1)), 17);
        assert_eq!(age_in_years(date(2008, 3, 1), date(2026, 3, 1)), 18);
        assert_eq!(age_in_years(date(2030, 1, 1), date(2026, 3, 1)), 0);
    }

    #[test]
    fn a_report_month_knows_its_first_and_last_day() {
        let month = ReportMonth::parse("2028-02").unwrap();
        assert_eq!(month.first_day(), date(2028, 2, 1));
        assert_eq!(month.last_day(), date(2028, 2, 29));
        assert_eq!(
            ReportMonth::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
        assert!(ReportMonth::parse("2026-13").is_err());
        assert!(ReportMonth::parse("2026-3").is_err());
    }

    proptest! {
        #[test]
        fn adding_months_never_panics_and_never_goes_back(days in 0i32..200_000, months in 0u32..1200) {
            let start = date(1900, 1, 1) + chrono::Duration::days(i64::from(days));
            let later = add_months(start, months);
            prop_assert!(later >= start);
            prop_assert!(later.day() <= start.day());
        }

        #[test]
        fn report_months_round_trip(year in 1900i32..2200, month in 1u32..=12) {
            let report_month = ReportMonth::parse(&format!("{year:04}-{month:02}")).unwrap();
            prop_assert_eq!(ReportMonth::parse(&report_month.to_string()).unwrap(), report_month);
            prop_assert!(report_month.contains(report_month.last_day()));
            prop_assert!(!report_month.contains(report_month.next().first_day()));
        }

        #[test]
        fn report_month_parsing_never_panics(text in "\\PC{0,10}") {
            let _ = ReportMonth::parse(&text);
        }
    }
}
