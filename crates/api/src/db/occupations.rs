//! Queries on `occupations`: KBJI 2014 jabatan, searched as you type, created and edited by officers, imported in
//! bulk from CSV.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::taxonomy::Occupation;

use crate::db::code_tables::{self, After, CodeSearch, Ranked, SearchableTable, UpsertCounts};
use crate::db::schema::occupations;

/// Rows written per `INSERT` of an import (5 binds each).
const IMPORT_CHUNK_ROWS: usize = 1000;

/// A stored occupation.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = occupations)]
pub struct OccupationRow {
    pub code: String,
    pub title: String,
    pub title_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OccupationRow {
    /// Whether storing `occupation` would change this row.
    fn differs_from(&self, occupation: &Occupation) -> bool {
        self.title != occupation.title() || self.title_en.as_deref() != occupation.title_en()
    }
}

const SEARCHABLE: SearchableTable = SearchableTable {
    table: "occupations",
    columns: "code, title, title_en, created_at, updated_at",
    titles: &["title", "title_en"],
    more_text: None,
    filter_column: None,
};

/// One page of occupations matching `search` (all when `None`).
pub async fn search(
    connection: &mut AsyncPgConnection,
    search: Option<&CodeSearch>,
    after: Option<&After>,
    limit: i64,
) -> QueryResult<Vec<Ranked<OccupationRow>>> {
    code_tables::search(connection, &SEARCHABLE, search, None, after, limit).await
}

/// The occupation with `code`, if any.
pub async fn find(
    connection: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<OccupationRow>> {
    occupations::table
        .find(code)
        .select(OccupationRow::as_select())
        .first(connection)
        .await
        .optional()
}

#[derive(Insertable)]
#[diesel(table_name = occupations)]
struct NewOccupation<'a> {
    code: &'a str,
    title: &'a str,
    title_en: Option<&'a str>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl<'a> NewOccupation<'a> {
    fn from_occupation(occupation: &'a Occupation, now: DateTime<Utc>) -> Self {
        Self {
            code: occupation.code().as_str(),
            title: occupation.title(),
            title_en: occupation.title_en(),
            created_at: now,
            updated_at: now,
        }
    }
}

/// Inserts a new occupation. A duplicate code fails on `occupations_pkey`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    occupation: &Occupation,
) -> QueryResult<OccupationRow> {
    diesel::insert_into(occupations::table)
        .values(NewOccupation::from_occupation(occupation, Utc::now()))
        .returning(OccupationRow::as_returning())
        .get_result(connection)
        .await
}

/// Replaces the titles of an existing occupation; `None` when there is no occupation with that code.
pub async fn update(
    connection: &mut AsyncPgConnection,
    occupation: &Occupation,
) -> QueryResult<Option<OccupationRow>> {
    diesel::update(occupations::table.find(occupation.code().as_str()))
        .set((
            occupations::title.eq(occupation.title()),
            occupations::title_en.eq(occupation.title_en()),
            occupations::updated_at.eq(Utc::now()),
        ))
        .returning(OccupationRow::as_returning())
        .get_result(connection)
        .await
        .optional()
}

/// Creates the occupations that are new and updates the ones that differ; leaves identical ones alone. Run it
/// inside a transaction so an import is all or nothing. The codes must be distinct.
pub async fn upsert_all(
    connection: &mut AsyncPgConnection,
    occupations_to_store: &[Occupation],
) -> QueryResult<UpsertCounts> {
    let codes: Vec<&str> = occupations_to_store
        .iter()
        .map(|o| o.code().as_str())
        .collect();
    let existing: Vec<OccupationRow> = occupations::table
        .filter(occupations::code.eq_any(&codes))
        .select(OccupationRow::as_select())
        .for_update()
        .load(connection)
        .await?;
    let existing: HashMap<&str, &OccupationRow> = existing
        .iter()
        .map(|row| (row.code.as_str(), row))
        .collect();
    let mut counts = UpsertCounts::default();
    let mut to_write = Vec::new();
    for occupation in occupations_to_store {
        match existing.get(occupation.code().as_str()) {
            None => counts.created += 1,
            Some(row) if row.differs_from(occupation) => counts.updated += 1,
            Some(_) => {
                counts.unchanged += 1;
                continue;
            }
        }
        to_write.push(occupation);
    }
    let now = Utc::now();
    for chunk in to_write.chunks(IMPORT_CHUNK_ROWS) {
        let rows: Vec<NewOccupation<'_>> = chunk
            .iter()
            .map(|occupation| NewOccupation::from_occupation(occupation, now))
            .collect();
        diesel::insert_into(occupations::table)
            .values(rows)
            .on_conflict(occupations::code)
            .do_update()
            .set((
                occupations::title.eq(excluded(occupations::title)),
                occupations::title_en.eq(excluded(occupations::title_en)),
                occupations::updated_at.eq(excluded(occupations::updated_at)),
            ))
            .execute(connection)
            .await?;
    }
    Ok(counts)
}
