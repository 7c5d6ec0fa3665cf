//! Seed data: the reference tables every installation needs, and a reproducible Balikpapan demo.
//!
//! - [`load_reference`] inserts the code tables (regions, kejuruan, SKKNI units, KBJI, KBLI, search synonyms)
//!   that are missing and never overwrites a row an officer may have edited.
//! - [`load_demo`] loads about 30 employers, 150 vacancies, 8 training programmes and 2,000 job seekers with
//!   their evidence, applications, placements and history, all generated from one seed and dated relative to
//!   [`DemoOptions::today`]. The same seed and day give byte-identical rows; ids depend only on the seed, so a
//!   second run (even on a later day) inserts nothing.
//!
//! Generation is pure (`generate`), writing is one transaction of batched inserts (`demo`).

mod catalog;
mod demo;
mod generate;
mod reference;
mod rows;

use std::fmt;

pub use demo::{DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DemoReport, load_demo};
pub use reference::{ReferenceCounts, load_reference};

/// What to generate: the seed of every random choice, the day everything is dated from, and how many seekers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Seed of the ChaCha8 generator; the same seed gives the same ids.
    pub seed: u64,
    /// The day the demo is dated from (all dates are relative to it), normally today in Balikpapan (WITA).
    pub today: chrono::NaiveDate,
    /// How many job seekers to create.
    pub seekers: usize,
}

impl DemoOptions {
    /// Seed used when none is given (the year of the Balikpapan industry agreement).
    pub const DEFAULT_SEED: u64 = 2024;
    /// Job seekers created when no count is given (Balikpapan has about 5,000 registered).
    pub const DEFAULT_SEEKERS: usize = 2000;
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            seed: Self::DEFAULT_SEED,
            today: today_in_balikpapan(),
            seekers: Self::DEFAULT_SEEKERS,
        }
    }
}

/// Today's date in Balikpapan (WITA, UTC+8, no daylight saving).
pub fn today_in_balikpapan() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::TimeDelta::hours(WITA_OFFSET_HOURS)).date_naive()
}

/// WITA (Asia/Makassar) is UTC+8 all year.
const WITA_OFFSET_HOURS: i64 = 8;

/// Rows one table received from a seed run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCount {
    /// Table name.
    pub table: &'static str,
    /// Rows written by this run.
    pub inserted: usize,
    /// Rows skipped because they were already there (same key from an earlier run).
    pub already_present: usize,
}

impl TableCount {
    fn new(table: &'static str, generated: usize, inserted: usize) -> Self {
        Self {
            table,
            inserted,
            already_present: generated.saturating_sub(inserted),
        }
    }
}

/// Totals and a per-table line list, shared by the reference and demo reports.
fn write_counts(f: &mut fmt::Formatter<'_>, title: &str, tables: &[TableCount]) -> fmt::Result {
    let inserted: usize = tables.iter().map(|count| count.inserted).sum();
    let present: usize = tables.iter().map(|count| count.already_present).sum();
    writeln!(
        f,
        "{title}: {inserted} rows inserted, {present} already present"
    )?;
    for count in tables {
        writeln!(
            f,
            "  {:<32} {:>6} inserted {:>6} already present",
            count.table, count.inserted, count.already_present
        )?;
    }
    Ok(())
}
