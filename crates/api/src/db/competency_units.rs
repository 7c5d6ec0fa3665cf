//! Queries on `competency_units`: SKKNI units, searched as you type, created and edited by officers, imported in
//! bulk from CSV.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::taxonomy::CompetencyUnit;

use crate::db::code_tables::{self, After, CodeSearch, Ranked, SearchableTable, UpsertCounts};
use crate::db::schema::competency_units;

/// Rows written per `INSERT` of an import (7 binds each, well under PostgreSQL's 65,535).
const IMPORT_CHUNK_ROWS: usize = 1000;

/// A stored competency unit.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = competency_units)]
pub struct CompetencyUnitRow {
    pub code: String,
    pub title: String,
    pub title_en: Option<String>,
    pub vocation_code: Option<String>,
    /// Never holds NULLs (`competency_units_synonyms_no_nulls_check`).
    pub synonyms: Vec<Option<String>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CompetencyUnitRow {
    /// Whether storing `unit` would change this row.
    fn differs_from(&self, unit: &CompetencyUnit) -> bool {
        let synonyms: Vec<Option<&str>> = self.synonyms.iter().map(Option::as_deref).collect();
        let wanted: Vec<Option<&str>> = unit.synonyms().iter().map(|s| Some(s.as_str())).collect();
        self.title != unit.title()
            || self.title_en.as_deref() != unit.title_en()
            || self.vocation_code.as_deref() != unit.vocation_code().map(|v| v.as_str())
            || synonyms != wanted
    }
}

const SEARCHABLE: SearchableTable = SearchableTable {
    table: "competency_units",
    columns: "code, title, title_en, vocation_code, synonyms, created_at, updated_at",
    titles: &["title", "title_en"],
    more_text: Some("array_to_string(synonyms, ' ')"),
    filter_column: Some("vocation_code"),
};

/// One page of units matching `search` (all when `None`), optionally of one vocation.
pub async fn search(
    connection: &mut AsyncPgConnection,
    search: Option<&CodeSearch>,
    vocation_code: Option<&str>,
    after: Option<&After>,
    limit: i64,
) -> QueryResult<Vec<Ranked<CompetencyUnitRow>>> {
    code_tables::search(connection, &SEARCHABLE, search, vocation_code, after, limit).await
}

/// The unit with `code`, if any.
pub async fn find(
    connection: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<CompetencyUnitRow>> {
    competency_units::table
        .find(code)
        .select(CompetencyUnitRow::as_select())
        .first(connection)
        .await
        .optional()
}

#[derive(Insertable)]
#[diesel(table_name = competency_units)]
struct NewCompetencyUnit<'a> {
    code: &'a str,
    title: &'a str,
    title_en: Option<&'a str>,
    vocation_code: Option<&'a str>,
    synonyms: Vec<Option<&'a str>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl<'a> NewCompetencyUnit<'a> {
    fn from_unit(unit: &'a CompetencyUnit, now: DateTime<Utc>) -> Self {
        Self {
            code: unit.code().as_str(),
            title: unit.title(),
            title_en: unit.title_en(),
            vocation_code: unit.vocation_code().map(|v| v.as_str()),
            synonyms: unit.synonyms().iter().map(|s| Some(s.as_str())).collect(),
            created_at: now,
            updated_at: now,
        }
    }
}

/// Inserts a new unit. A duplicate code fails on `competency_units_pkey`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    unit: &CompetencyUnit,
) -> QueryResult<CompetencyUnitRow> {
    diesel::insert_into(competency_units::table)
        .values(NewCompetencyUnit::from_unit(unit, Utc::now()))
        .returning(CompetencyUnitRow::as_returning())
        .get_result(connection)
        .await
}

/// Replaces everything but the code of an existing unit; `None` when there is no unit with that code.
pub async fn update(
    connection: &mut AsyncPgConnection,
    unit: &CompetencyUnit,
) -> QueryResult<Option<CompetencyUnitRow>> {
    let synonyms: Vec<Option<&str>> = unit.synonyms().iter().map(|s| Some(s.as_str())).collect();
    diesel::update(competency_units::table.find(unit.code().as_str()))
        .set((
            competency_units::title.eq(unit.title()),
            competency_units::title_en.eq(unit.title_en()),
            competency_units::vocation_code.eq(unit.vocation_code().map(|v| v.as_str())),
            competency_units::synonyms.eq(synonyms),
            competency_units::updated_at.eq(Utc::now()),
        ))
        .returning(CompetencyUnitRow::as_returning())
        .get_result(connection)
        .await
        .optional()
}

/// Creates the units that are new and updates the ones that differ; leaves identical ones alone. Run it inside a
/// transaction so an import is all or nothing. The codes of `units` must be distinct.
pub async fn upsert_all(
    connection: &mut AsyncPgConnection,
    units: &[CompetencyUnit],
) -> QueryResult<UpsertCounts> {
    let codes: Vec<&str> = units.iter().map(|u| u.code().as_str()).collect();
    let existing: Vec<CompetencyUnitRow> = competency_units::table
        .filter(competency_units::code.eq_any(&codes))
        .select(CompetencyUnitRow::as_select())
        .for_update()
        .load(connection)
        .await?;
    let existing: HashMap<&str, &CompetencyUnitRow> = existing
        .iter()
        .map(|row| (row.code.as_str(), row))
        .collect();
    let mut counts = UpsertCounts::default();
    let mut to_write = Vec::new();
    for unit in units {
        match existing.get(unit.code().as_str()) {
            None => counts.created += 1,
            Some(row) if row.differs_from(unit) => counts.updated += 1,
            Some(_) => {
                counts.unchanged += 1;
                continue;
            }
        }
        to_write.push(unit);
    }
    let now = Utc::now();
    for chunk in to_write.chunks(IMPORT_CHUNK_ROWS) {
        let rows: Vec<NewCompetencyUnit<'_>> = chunk
            .iter()
            .map(|unit| NewCompetencyUnit::from_unit(unit, now))
            .collect();
        diesel::insert_into(competency_units::table)
            .values(rows)
            .on_conflict(competency_units::code)
            .do_update()
            .set((
                competency_units::title.eq(excluded(competency_units::title)),
                competency_units::title_en.eq(excluded(competency_units::title_en)),
                competency_units::vocation_code.eq(excluded(competency_units::vocation_code)),
                competency_units::synonyms.eq(excluded(competency_units::synonyms)),
                competency_units::updated_at.eq(excluded(competency_units::updated_at)),
            ))
            .execute(connection)
            .await?;
    }
    Ok(counts)
}
