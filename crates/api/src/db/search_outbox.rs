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
