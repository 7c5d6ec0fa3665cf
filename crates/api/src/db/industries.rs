//! Queries on `industries`: KBLI 2020 codes with the category letter derived from the code, searched as you type,
//! created and edited by officers, imported in bulk from CSV.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::taxonomy::Industry;

use crate::db::code_tables::{self, After, CodeSearch, Ranked, SearchableTable, UpsertCounts};
use crate::db::schema::industries;

/// Rows written per `INSERT` of an import (6 binds each).
const IMPORT_CHUNK_ROWS: usize = 1000;

/// A stored industry.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = industries)]
pub struct IndustryRow {
    pub code: String,
    /// KBLI category letter A–U.
    pub category: String,
    pub title: String,
    pub title_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl IndustryRow {
    /// Whether storing `industry` would change this row.
    fn differs_from(&self, industry: &Industry) -> bool {
        self.title != industry.title() || self.title_en.as_deref() != industry.title_en()
    }
}

const SEARCHABLE: SearchableTable = SearchableTable {
    table: "industries",
    columns: "code, category, title, title_en, created_at, updated_at",
    titles: &["title", "title_en"],
    more_text: None,
    filter_column: Some("category"),
};

/// One page of industries matching `search` (all when `None`), optionally of one category letter.
pub async fn search(
    connection: &mut AsyncPgConnection,
    search: Option<&CodeSearch>,
    category: Option<&str>,
    after: Option<&After>,
    limit: i64,
) -> QueryResult<Vec<Ranked<IndustryRow>>> {
    code_tables::search(connection, &SEARCHABLE, search, category, after, limit).await
}

/// The industry with `code`, if any.
pub async fn find(
    connection: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<IndustryRow>> {
    industries::table
        .find(code)
        .select(IndustryRow::as_select())
        .first(connection)
        .await
        .optional()
}

#[derive(Insertable)]
#[diesel(table_name = industries)]
struct NewIndustry<'a> {
    code: &'a str,
    category: String,
    title: &'a str,
    title_en: Option<&'a str>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl<'a> NewIndustry<'a> {
    fn from_industry(industry: &'a Industry, now: DateTime<Utc>) -> Self {
        Self {
            code: industry.code().as_str(),
            category: industry.category().to_string(),
            title: industry.title(),
            title_en: industry.title_en(),
            created_at: now,
            updated_at: now,
        }
    }
}

/// Inserts a new industry. A duplicate code fails on `industries_pkey`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    industry: &Industry,
) -> QueryResult<IndustryRow> {
    diesel::insert_into(industries::table)
        .values(NewIndustry::from_industry(industry, Utc::now()))
        .returning(IndustryRow::as_returning())
        .get_result(connection)
        .await
}

/// Replaces the titles of an existing industry; `None` when there is no industry with that code.
pub async fn update(
    connection: &mut AsyncPgConnection,
    industry: &Industry,
) -> QueryResult<Option<IndustryRow>> {
    diesel::update(industries::table.find(industry.code().as_str()))
        .set((
            industries::title.eq(industry.title()),
            industries::title_en.eq(industry.title_en()),
            industries::updated_at.eq(Utc::now()),
        ))
        .returning(IndustryRow::as_returning())
        .get_result(connection)
        .await
        .optional()
}

/// Creates the industries that are new and updates the ones that differ; leaves identical ones alone. Run it
/// inside a transaction so an import is all or nothing. The codes must be distinct.
pub async fn upsert_all(
    connection: &mut AsyncPgConnection,
    industries_to_store: &[Industry],
) -> QueryResult<UpsertCounts> {
    let codes: Vec<&str> = industries_to_store
        .iter()
        .map(|o| o.code().as_str())
        .collect();
    let existing: Vec<IndustryRow> = industries::table
        .filter(industries::code.eq_any(&codes))
        .select(IndustryRow::as_select())
        .for_update()
        .load(connection)
        .await?;
    let existing: HashMap<&str, &IndustryRow> = existing
        .iter()
        .map(|row| (row.code.as_str(), row))
        .collect();
    let mut counts = UpsertCounts::default();
    let mut to_write = Vec::new();
    for industry in industries_to_store {
        match existing.get(industry.code().as_str()) {
            None => counts.created += 1,
            Some(row) if row.differs_from(industry) => counts.updated += 1,
            Some(_) => {
                counts.unchanged += 1;
                continue;
            }
        }
        to_write.push(industry);
    }
    let now = Utc::now();
    for chunk in to_write.chunks(IMPORT_CHUNK_ROWS) {
        let rows: Vec<NewIndustry<'_>> = chunk
            .iter()
            .map(|industry| NewIndustry::from_industry(industry, now))
            .collect();
        diesel::insert_into(industries::table)
            .values(rows)
            .on_conflict(industries::code)
            .do_update()
            .set((
                industries::title.eq(excluded(industries::title)),
                industries::title_en.eq(excluded(industries::title_en)),
                industries::updated_at.eq(excluded(industries::updated_at)),
            ))
            .execute(connection)
            .await?;
    }
    Ok(counts)
}
