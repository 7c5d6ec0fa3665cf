//! Queries on `regions`: Kota Balikpapan and its kecamatan.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::region::RegionCode;
use jembatan_domain::taxonomy::Region;

use crate::db::code_tables::{self, After, CodeSearch, Ranked, SearchableTable};
use crate::db::schema::regions;

/// A stored region.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = regions)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SEARCHABLE: SearchableTable = SearchableTable {
    table: "regions",
    columns: "code, name, kind, parent_code, created_at, updated_at",
    titles: &["name"],
    more_text: None,
    filter_column: Some("kind"),
};

/// One page of regions matching `search` (all when `None`), optionally of one kind.
pub async fn search(
    connection: &mut AsyncPgConnection,
    search: Option<&CodeSearch>,
    kind: Option<&str>,
    after: Option<&After>,
    limit: i64,
) -> QueryResult<Vec<Ranked<RegionRow>>> {
    code_tables::search(connection, &SEARCHABLE, search, kind, after, limit).await
}

/// The region with `code`, if any.
pub async fn find(
    connection: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<RegionRow>> {
    regions::table
        .find(code)
        .select(RegionRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Inserts the city row under its official name unless it exists, so a kecamatan always has its parent.
pub async fn ensure_city(connection: &mut AsyncPgConnection) -> QueryResult<()> {
    let now = Utc::now();
    diesel::insert_into(regions::table)
        .values((
            regions::code.eq(RegionCode::City.as_str()),
            regions::name.eq(RegionCode::City.name()),
            regions::kind.eq("kota"),
            regions::created_at.eq(now),
            regions::updated_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(connection)
        .await?;
    Ok(())
}

/// Inserts a new region; its parent must exist (see [`ensure_city`]). A duplicate code fails on `regions_pkey`.
pub async fn insert(connection: &mut AsyncPgConnection, region: &Region) -> QueryResult<RegionRow> {
    let now = Utc::now();
    diesel::insert_into(regions::table)
        .values((
            regions::code.eq(region.code().as_str()),
            regions::name.eq(region.name()),
            regions::kind.eq(region.kind().as_str()),
            regions::parent_code.eq(region.parent_code().map(RegionCode::as_str)),
            regions::created_at.eq(now),
            regions::updated_at.eq(now),
        ))
        .returning(RegionRow::as_returning())
        .get_result(connection)
        .await
}

/// Renames an existing region (kind and parent follow from the code and never change); `None` when there is no
/// region with that code.
pub async fn update(
    connection: &mut AsyncPgConnection,
    region: &Region,
) -> QueryResult<Option<RegionRow>> {
    diesel::update(regions::table.find(region.code().as_str()))
        .set((
            regions::name.eq(region.name()),
            regions::updated_at.eq(Utc::now()),
        ))
        .returning(RegionRow::as_returning())
        .get_result(connection)
        .await
        .optional()
}
