//! Queries on `vocations`: the kejuruan (vocational fields) that units and BLK programmes are grouped by.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::taxonomy::Vocation;

use crate::db::code_tables::{self, After, CodeSearch, Ranked, SearchableTable};
use crate::db::schema::vocations;

/// A stored vocation.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = vocations)]
pub struct VocationRow {
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SEARCHABLE: SearchableTable = SearchableTable {
    table: "vocations",
    columns: "code, name, name_en, created_at, updated_at",
    titles: &["name", "name_en"],
    more_text: None,
    filter_column: None,
};

/// One page of vocations matching `search` (all when `None`).
pub async fn search(
    connection: &mut AsyncPgConnection,
    search: Option<&CodeSearch>,
    after: Option<&After>,
    limit: i64,
) -> QueryResult<Vec<Ranked<VocationRow>>> {
    code_tables::search(connection, &SEARCHABLE, search, None, after, limit).await
}

/// The vocation with `code`, if any.
pub async fn find(
    connection: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<VocationRow>> {
    vocations::table
        .find(code)
        .select(VocationRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Which of `codes` exist.
pub async fn existing_codes(
    connection: &mut AsyncPgConnection,
    codes: &[&str],
) -> QueryResult<Vec<String>> {
    vocations::table
        .filter(vocations::code.eq_any(codes))
        .select(vocations::code)
        .load(connection)
        .await
}

/// Inserts a new vocation. A duplicate code fails on `vocations_pkey`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    vocation: &Vocation,
) -> QueryResult<VocationRow> {
    let now = Utc::now();
    diesel::insert_into(vocations::table)
        .values((
            vocations::code.eq(vocation.code().as_str()),
            vocations::name.eq(vocation.name()),
            vocations::name_en.eq(vocation.name_en()),
            vocations::created_at.eq(now),
            vocations::updated_at.eq(now),
        ))
        .returning(VocationRow::as_returning())
        .get_result(connection)
        .await
}

/// Replaces the names of an existing vocation; `None` when there is no vocation with that code.
pub async fn update(
    connection: &mut AsyncPgConnection,
    vocation: &Vocation,
) -> QueryResult<Option<VocationRow>> {
    diesel::update(vocations::table.find(vocation.code().as_str()))
        .set((
            vocations::name.eq(vocation.name()),
            vocations::name_en.eq(vocation.name_en()),
            vocations::updated_at.eq(Utc::now()),
        ))
        .returning(VocationRow::as_returning())
        .get_result(connection)
        .await
        .optional()
}
