//! Queries on `work_experiences`: a seeker's work history, with KBJI codes.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::work_experiences;

/// The fields of one entry, for insert and update.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = work_experiences, treat_none_as_null = true)]
pub struct ExperienceFields {
    pub employer_name: String,
    pub job_title: String,
    pub kbji_code: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub description: Option<String>,
}

/// One entry as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = work_experiences)]
pub struct ExperienceRow {
    pub id: Uuid,
    pub employer_name: String,
    pub job_title: String,
    pub kbji_code: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The work history of one seeker, most recent start first.
pub async fn list_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<ExperienceRow>> {
    work_experiences::table
        .filter(work_experiences::seeker_id.eq(seeker_id))
        .select(ExperienceRow::as_select())
        .order((
            work_experiences::started_on.desc(),
            work_experiences::id.desc(),
        ))
        .load(connection)
        .await
}

/// Adds an entry and returns it.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    fields: &ExperienceFields,
) -> QueryResult<ExperienceRow> {
    diesel::insert_into(work_experiences::table)
        .values((
            work_experiences::id.eq(Uuid::now_v7()),
            work_experiences::seeker_id.eq(seeker_id),
            fields,
        ))
        .returning(ExperienceRow::as_returning())
        .get_result(connection)
        .await
}

/// Replaces the fields of one of the seeker's entries; `None` when the seeker has no such entry.
pub async fn update(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    id: Uuid,
    fields: &ExperienceFields,
) -> QueryResult<Option<ExperienceRow>> {
    diesel::update(
        work_experiences::table
            .find(id)
            .filter(work_experiences::seeker_id.eq(seeker_id)),
    )
    .set((fields, work_experiences::updated_at.eq(Utc::now())))
    .returning(ExperienceRow::as_returning())
    .get_result(connection)
    .await
    .optional()
}

/// Deletes one of the seeker's entries; returns how many rows went (0 or 1).
pub async fn delete(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    id: Uuid,
) -> QueryResult<usize> {
    diesel::delete(
        work_experiences::table
            .find(id)
            .filter(work_experiences::seeker_id.eq(seeker_id)),
    )
    .execute(connection)
    .await
}

/// Deletes the whole work history of one seeker (erasure: employer names and descriptions identify a person).
pub async fn delete_all_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<usize> {
    diesel::delete(work_experiences::table.filter(work_experiences::seeker_id.eq(seeker_id)))
        .execute(connection)
        .await
}
