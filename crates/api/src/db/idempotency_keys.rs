//! Queries on `idempotency_keys`: the first response to a creating request sent with an `Idempotency-Key`, so a
//! repeat returns it instead of doing the work twice. The protocol is in `crate::idempotency`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::idempotency_keys;

/// A stored key, as a repeat finds it.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
pub struct StoredKey {
    pub request_fingerprint: Vec<u8>,
    pub response_status: Option<i16>,
    pub response_body: Option<serde_json::Value>,
    pub response_headers: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

/// Claims `key` for `user_id`: inserts it as in flight. Returns false when the key already exists.
pub async fn claim(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    key: &str,
    fingerprint: &[u8],
) -> QueryResult<bool> {
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::user_id.eq(user_id),
            idempotency_keys::key.eq(key),
            idempotency_keys::request_fingerprint.eq(fingerprint),
        ))
        .on_conflict_do_nothing()
        .execute(connection)
        .await?;
    Ok(inserted == 1)
}

/// Forgets a claim whose request never finished (its process stopped half-way) if it was made before
/// `abandoned_before`.
pub async fn release_abandoned(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    key: &str,
    abandoned_before: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::user_id.eq(user_id))
            .filter(idempotency_keys::key.eq(key))
            .filter(idempotency_keys::response_status.is_null())
            .filter(idempotency_keys::created_at.lt(abandoned_before)),
    )
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn find(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    key: &str,
) -> QueryResult<Option<StoredKey>> {
    idempotency_keys::table
        .filter(idempotency_keys::user_id.eq(user_id))
        .filter(idempotency_keys::key.eq(key))
        .select(StoredKey::as_select())
        .first(connection)
        .await
        .optional()
}

/// Stores the response of the request that owns the key.
pub async fn complete(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    key: &str,
    status: i16,
    body: Option<serde_json::Value>,
    headers: serde_json::Value,
) -> QueryResult<()> {
    diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::user_id.eq(user_id))
            .filter(idempotency_keys::key.eq(key)),
    )
    .set((
        idempotency_keys::response_status.eq(Some(status)),
        idempotency_keys::response_body.eq(body),
        idempotency_keys::response_headers.eq(Some(headers)),
    ))
    .execute(connection)
    .await?;
    Ok(())
}

/// Forgets a claim whose request did not succeed, so the client may retry with the same key.
pub async fn release(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    key: &str,
) -> QueryResult<()> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::user_id.eq(user_id))
            .filter(idempotency_keys::key.eq(key))
            .filter(idempotency_keys::response_status.is_null()),
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Deletes keys older than `before` (the replay window has passed). Returns how many.
pub async fn purge_older_than(
    connection: &mut AsyncPgConnection,
    before: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(before)))
        .execute(connection)
        .await
}
