//! Which of some codes exist in the reference tables (regions, KBJI occupations, SKKNI units), so a form naming an
//! unknown code gets a 422 on that field instead of a foreign-key failure.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::{competency_units, occupations, regions};

/// The subset of `codes` that are rows of `regions`.
pub async fn known_regions(
    connection: &mut AsyncPgConnection,
    codes: &[String],
) -> QueryResult<Vec<String>> {
    regions::table
        .filter(regions::code.eq_any(codes))
        .select(regions::code)
        .load(connection)
        .await
}

/// The subset of `codes` that are rows of `occupations` (KBJI 2014).
pub async fn known_occupations(
    connection: &mut AsyncPgConnection,
    codes: &[String],
) -> QueryResult<Vec<String>> {
    occupations::table
        .filter(occupations::code.eq_any(codes))
        .select(occupations::code)
        .load(connection)
        .await
}

/// The subset of `codes` that are rows of `competency_units` (SKKNI).
pub async fn known_competency_units(
    connection: &mut AsyncPgConnection,
    codes: &[String],
) -> QueryResult<Vec<String>> {
    competency_units::table
        .filter(competency_units::code.eq_any(codes))
        .select(competency_units::code)
        .load(connection)
        .await
}
