//! Queries on `login_attempts`: the record that rate-limits failed log-ins per account and per client address.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::login_attempts;

/// Records one attempt. `user_id` is `None` when no account has the e-mail given.
pub async fn record(
    connection: &mut AsyncPgConnection,
    user_id: Option<Uuid>,
    client_address: &str,
    succeeded: bool,
) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::user_id.eq(user_id),
            login_attempts::client_address.eq(client_address),
            login_attempts::succeeded.eq(succeeded),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// Failed attempts against `user_id` since `since`.
pub async fn failures_for_user(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<i64> {
    login_attempts::table
        .filter(login_attempts::user_id.eq(user_id))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .count()
        .get_result(connection)
        .await
}

/// Failed attempts from `client_address` since `since`, whatever the account.
pub async fn failures_from_address(
    connection: &mut AsyncPgConnection,
    client_address: &str,
    since: DateTime<Utc>,
) -> QueryResult<i64> {
    login_attempts::table
        .filter(login_attempts::client_address.eq(client_address))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .count()
        .get_result(connection)
        .await
}
