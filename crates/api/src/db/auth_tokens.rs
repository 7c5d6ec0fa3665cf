//! Queries on `auth_tokens`: issuing, resolving and revoking bearer tokens.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::vocab::UserRole;
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::schema::{auth_tokens, users};

/// Stores a new token for `user_id`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(auth_tokens::table)
        .values((
            auth_tokens::id.eq(id),
            auth_tokens::user_id.eq(user_id),
            auth_tokens::token_hash.eq(token_hash),
            auth_tokens::expires_at.eq(expires_at),
        ))
        .execute(connection)
        .await?;
    Ok(id)
}

/// Token id, user id, role, employer id, training provider id, last use.
type TokenOwner = (
    Uuid,
    Uuid,
    String,
    Option<Uuid>,
    Option<Uuid>,
    Option<DateTime<Utc>>,
);

/// How stale `auth_tokens.last_used_at` may be.
const LAST_USED_RESOLUTION: chrono::TimeDelta = chrono::TimeDelta::minutes(1);

/// The caller a token belongs to, if the token is current (not expired, not revoked) and the user is active.
pub async fn find_caller(
    connection: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<Caller>> {
    let now = Utc::now();
    let row: Option<TokenOwner> = auth_tokens::table
        .inner_join(users::table)
        .filter(auth_tokens::token_hash.eq(token_hash))
        .filter(auth_tokens::revoked_at.is_null())
        .filter(auth_tokens::expires_at.gt(now))
        .filter(users::disabled_at.is_null())
        .filter(users::erased_at.is_null())
        .select((
            auth_tokens::id,
            users::id,
            users::role,
            users::employer_id,
            users::training_provider_id,
            auth_tokens::last_used_at,
        ))
        .first(connection)
        .await
        .optional()?;
    let Some((token_id, user_id, role, employer_id, training_provider_id, last_used_at)) = row
    else {
        return Ok(None);
    };
    // The role column has a CHECK constraint with exactly the domain's spellings.
    let role = UserRole::parse(&role)
        .map_err(|error| diesel::result::Error::DeserializationError(error.into()))?;
    // Last use to the minute: writing it on every request would make each read a write (a commit, and a row lock
    // that serialises concurrent requests of the same session).
    if last_used_at.is_none_or(|used| now - used >= LAST_USED_RESOLUTION) {
        diesel::update(auth_tokens::table.find(token_id))
            .set(auth_tokens::last_used_at.eq(now))
            .execute(connection)
            .await?;
    }
    Ok(Some(Caller {
        user_id,
        role,
        employer_id,
        training_provider_id,
        token_id,
    }))
}

/// Revokes one token (log out).
pub async fn revoke(connection: &mut AsyncPgConnection, token_id: Uuid) -> QueryResult<()> {
    diesel::update(
        auth_tokens::table
            .find(token_id)
            .filter(auth_tokens::revoked_at.is_null()),
    )
    .set(auth_tokens::revoked_at.eq(Utc::now()))
    .execute(connection)
    .await?;
    Ok(())
}

/// Revokes every current token of a user (log out everywhere), except `keep` if given. Returns how many.
pub async fn revoke_all(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    keep: Option<Uuid>,
) -> QueryResult<usize> {
    let keep = keep.unwrap_or(Uuid::nil());
    diesel::update(
        auth_tokens::table
            .filter(auth_tokens::user_id.eq(user_id))
            .filter(auth_tokens::revoked_at.is_null())
            .filter(auth_tokens::id.ne(keep)),
    )
    .set(auth_tokens::revoked_at.eq(Utc::now()))
    .execute(connection)
    .await
}
