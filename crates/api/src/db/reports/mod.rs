//! The labour office's reports as SQL aggregates: every figure is a `GROUP BY` (with `FILTER`, grouping sets and
//! window functions) over the records and their append-only histories, never a loop over rows in Rust and never a
//! number typed in. Definitions, column layouts and identities: `docs/reports.md`.
//!
//! Every query takes the period as instants (`period_start`, `as_of`): month boundaries are midnight in Balikpapan
//! (WITA), computed by the caller from `ReportMonth`s. `as_of` is the end of the last month, or now while that month
//! is still running.

pub mod absorption;
pub mod closures;
pub mod competency;
pub mod compliance;
pub mod fairness;
pub mod ipk;
pub mod placements;

use jembatan_domain::report::AgeGroup;

/// SQL `CASE` giving the code of the age group of `age_expression` (an integer expression), from the domain's
/// groups, so SQL and the domain never disagree on where a group ends.
pub(crate) fn age_group_case(age_expression: &str, groups: &[AgeGroup]) -> String {
    let mut sql = String::from("CASE");
    for group in groups {
        match group.max_age {
            Some(max) => sql.push_str(&format!(
                " WHEN {age_expression} <= {max} THEN '{}'",
                group.group.code
            )),
            None => sql.push_str(&format!(" ELSE '{}'", group.group.code)),
        }
    }
    sql.push_str(" END");
    sql
}

/// Report queries sort and hash a year of history: give them memory for it, within their own transaction.
pub(crate) const REPORT_WORK_MEM: &str = "SET LOCAL work_mem = '64MB'";

/// The time zone of every month boundary and local date in the reports.
pub(crate) const ZONE: &str = "Asia/Makassar";

#[cfg(test)]
mod tests {
    use super::*;
    use jembatan_domain::report::IPK_AGE_GROUPS;

    #[test]
    fn the_age_case_follows_the_domain_groups() {
        assert_eq!(
            age_group_case("age", IPK_AGE_GROUPS),
            "CASE WHEN age <= 19 THEN '15_19' WHEN age <= 29 THEN '20_29' WHEN age <= 44 THEN '30_44' \
             WHEN age <= 54 THEN '45_54' ELSE '55_plus' END"
        );
    }
}
