//! Queries on `search_outbox`: every write that changes what search sees enqueues the changed entity here, in the
//! same transaction, so the search index (derived from PostgreSQL) can never miss a change.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::search_outbox;

/// What kind of entity changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchEntity {
    Seeker,
    Vacancy,
}

impl SearchEntity {
    fn as_str(self) -> &'static str {
        match self {
            Self::Seeker => "seeker",
            Self::Vacancy => "vacancy",
        }
    }
}

/// Records that `entity_id` changed. Call inside the transaction that made the change.
pub async fn enqueue(
    connection: &mut AsyncPgConnection,
    kind: SearchEntity,
    entity_id: Uuid,
) -> QueryResult<()> {
    diesel::insert_into(search_outbox::table)
        .values((
            search_outbox::entity_kind.eq(kind.as_str()),
            search_outbox::entity_id.eq(entity_id),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// One outbox row as the indexer reads it.
#[derive(Debug, Clone, PartialEq, Eq, diesel::QueryableByName)]
pub struct OutboxRow {
    #[diesel(sql_type = diesel::sql_types::Int8)]
    pub id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub entity_kind: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub entity_id: Uuid,
    /// The writing transaction's id (`xid8` as a number).
    #[diesel(sql_type = diesel::sql_types::Int8)]
    pub txid: i64,
    /// When the change was written (its commit follows within the transaction).
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl OutboxRow {
    /// The entity kind, if it is one the indexer knows.
    pub fn kind(&self) -> Option<SearchEntity> {
        match self.entity_kind.as_str() {
            "seeker" => Some(SearchEntity::Seeker),
            "vacancy" => Some(SearchEntity::Vacancy),
            _ => None,
        }
    }
}

/// The oldest transaction id still running (`pg_snapshot_xmin` of a fresh snapshot): every transaction below it
/// has finished, so its outbox rows are visible to any later statement. Read it *before* the rows.
pub async fn snapshot_xmin(connection: &mut AsyncPgConnection) -> QueryResult<u64> {
    #[derive(diesel::QueryableByName)]
    struct Xmin {
        #[diesel(sql_type = diesel::sql_types::Int8)]
        xmin: i64,
    }
    let row: Xmin =
        diesel::sql_query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::int8 AS xmin")
            .get_result(connection)
            .await?;
    Ok(u64::try_from(row.xmin).unwrap_or(0))
}

/// Outbox rows written by transactions with an id at or above `watermark` (rows of transactions still running are
/// not visible yet and will be read by a later call), in id order.
pub async fn since(
    connection: &mut AsyncPgConnection,
    watermark: u64,
) -> QueryResult<Vec<OutboxRow>> {
    diesel::sql_query(
        "SELECT id, entity_kind, entity_id, txid::text::int8 AS txid, created_at FROM search_outbox \
         WHERE txid >= $1::text::xid8 ORDER BY id",
    )
    .bind::<diesel::sql_types::Text, _>(watermark.to_string())
    .load(connection)
    .await
}

/// Deletes outbox rows older than `days` days (an index older than that is rebuilt at start-up instead of
/// catching up). Returns how many were deleted.
pub async fn prune_older_than(connection: &mut AsyncPgConnection, days: i32) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM search_outbox WHERE created_at < now() - make_interval(days => $1)",
    )
    .bind::<diesel::sql_types::Integer, _>(days)
    .execute(connection)
    .await
}

/// Enqueues every open vacancy of an employer (its name, industry or verification changed: all of them show it).
/// Call inside the transaction that made the change.
pub async fn enqueue_open_vacancies_of_employer(
    connection: &mut AsyncPgConnection,
    employer_id: Uuid,
) -> QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO search_outbox (entity_kind, entity_id) \
         SELECT 'vacancy', id FROM vacancies WHERE employer_id = $1 AND status = 'open'",
    )
    .bind::<diesel::sql_types::Uuid, _>(employer_id)
    .execute(connection)
    .await
}

/// Enqueues every open vacancy that asks for one of `unit_codes` (a unit's titles or keywords changed: they are
/// searched as part of the vacancy). Call inside the transaction that made the change.
pub async fn enqueue_open_vacancies_with_units(
    connection: &mut AsyncPgConnection,
    unit_codes: &[&str],
) -> QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO search_outbox (entity_kind, entity_id) \
         SELECT DISTINCT 'vacancy', v.id FROM vacancies v JOIN vacancy_units vu ON vu.vacancy_id = v.id \
         WHERE vu.unit_code = ANY($1) AND v.status = 'open'",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(unit_codes)
    .execute(connection)
    .await
}
