//! Queries on `audit_log`: every access to a seeker's personal data by someone other than the seeker (who, what,
//! when, why; UU 27/2022). Append-only: rows are written in the same transaction or request as the access and never
//! changed.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::vocab::{AuditAction, UserRole};
use uuid::Uuid;

use crate::db::schema::audit_log;

/// Who is accessing the data, in which request.
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub user_id: Uuid,
    pub role: UserRole,
    /// The `x-request-id` of the request, to find it in the service's logs.
    pub request_id: Option<String>,
}

/// What was accessed and why, e.g. resource `seeker_profile`, purpose `nik_lookup`.
#[derive(Debug, Clone, Copy)]
pub struct AuditEvent<'a> {
    pub action: AuditAction,
    pub resource: &'a str,
    pub purpose: &'a str,
}

/// Records one access per seeker in `seeker_ids` (a list read records every seeker shown).
pub async fn record(
    connection: &mut AsyncPgConnection,
    seeker_ids: &[Uuid],
    actor: &AuditActor,
    event: AuditEvent<'_>,
) -> QueryResult<()> {
    if seeker_ids.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = seeker_ids
        .iter()
        .map(|seeker_id| {
            (
                audit_log::seeker_id.eq(*seeker_id),
                audit_log::actor_user_id.eq(actor.user_id),
                audit_log::actor_role.eq(actor.role.as_str()),
                audit_log::action.eq(event.action.as_str()),
                audit_log::resource.eq(event.resource),
                audit_log::purpose.eq(event.purpose),
                audit_log::request_id.eq(actor.request_id.as_deref()),
            )
        })
        .collect();
    diesel::insert_into(audit_log::table)
        .values(rows)
        .execute(connection)
        .await?;
    Ok(())
}

/// One recorded access.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_user_id: Uuid,
    pub actor_role: String,
    pub action: String,
    pub resource: String,
    pub purpose: String,
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// Accesses to one seeker's data, newest first, starting after (older than) `before_id`; at most `limit` rows.
pub async fn page_for_seeker(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    before_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .filter(audit_log::seeker_id.eq(seeker_id))
        .select(AuditEntry::as_select())
        .order(audit_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before_id) = before_id {
        query = query.filter(audit_log::id.lt(before_id));
    }
    query.load(connection).await
}

/// Every access to one seeker's data, oldest first (for the seeker's own data export).
pub async fn all_for_seeker(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<AuditEntry>> {
    audit_log::table
        .filter(audit_log::seeker_id.eq(seeker_id))
        .select(AuditEntry::as_select())
        .order(audit_log::id.asc())
        .load(connection)
        .await
}
