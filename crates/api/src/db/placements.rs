//! Queries on `placements` (penempatan) and their `placement_followups`: a placement is written with its three
//! follow-ups (+3, +6, +12 months) in one transaction; an outcome is recorded once, guarded by `outcome IS NULL`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Date, Int2, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{placement_followups, placements, seekers};

/// A whole `placements` row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = placements)]
pub struct PlacementRow {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub vacancy_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    pub apprenticeship_id: Option<Uuid>,
    pub employer_id: Option<Uuid>,
    pub employer_name: String,
    pub kbji_code: String,
    pub kbli_code: Option<String>,
    pub start_date: NaiveDate,
    pub employment_type: String,
    pub wage_rupiah: Option<i64>,
    pub wage_period: Option<String>,
    pub channel: String,
    pub evidence: Option<String>,
    pub recorded_by: Uuid,
    pub report_month: NaiveDate,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A `placement_followups` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = placement_followups)]
pub struct FollowupRow {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub offset_months: i16,
    pub due_on: NaiveDate,
    pub outcome: Option<String>,
    pub left_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// Inserts a placement and one follow-up per `(offset_months, due_on)`. Call inside a transaction.
pub async fn insert_with_followups(
    connection: &mut AsyncPgConnection,
    placement: &PlacementRow,
    followups: &[(i16, NaiveDate)],
) -> QueryResult<()> {
    diesel::insert_into(placements::table)
        .values(placement)
        .execute(connection)
        .await?;
    let rows: Vec<_> = followups
        .iter()
        .map(|(offset_months, due_on)| {
            (
                placement_followups::id.eq(Uuid::now_v7()),
                placement_followups::placement_id.eq(placement.id),
                placement_followups::offset_months.eq(*offset_months),
                placement_followups::due_on.eq(*due_on),
                placement_followups::created_at.eq(placement.created_at),
            )
        })
        .collect();
    diesel::insert_into(placement_followups::table)
        .values(rows)
        .execute(connection)
        .await?;
    Ok(())
}

/// The placement `id`, if it exists.
pub async fn find(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<PlacementRow>> {
    placements::table
        .find(id)
        .select(PlacementRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The placement made from application `application_id`, if any.
pub async fn find_by_application(
    connection: &mut AsyncPgConnection,
    application_id: Uuid,
) -> QueryResult<Option<Uuid>> {
    placements::table
        .filter(placements::application_id.eq(application_id))
        .select(placements::id)
        .first(connection)
        .await
        .optional()
}

/// The follow-ups of the given placements, by placement and offset.
pub async fn followups_of(
    connection: &mut AsyncPgConnection,
    placement_ids: &[Uuid],
) -> QueryResult<Vec<FollowupRow>> {
    placement_followups::table
        .filter(placement_followups::placement_id.eq_any(placement_ids))
        .order((
            placement_followups::placement_id,
            placement_followups::offset_months,
        ))
        .select(FollowupRow::as_select())
        .load(connection)
        .await
}

/// Whose placements a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Every placement (labour office).
    All,
    /// One employer's.
    Employer(Uuid),
    /// One seeker's.
    Seeker(Uuid),
}

/// Filters of the placement list; all optional and combined.
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    /// Start date on or after.
    pub from: Option<NaiveDate>,
    /// Start date on or before.
    pub to: Option<NaiveDate>,
    /// IPK report month (first day).
    pub report_month: Option<NaiveDate>,
    /// Kecamatan of the seeker's domicile.
    pub region_code: Option<String>,
    pub employer_id: Option<Uuid>,
}

/// A page of placements, latest start first, with the seeker's name (NULL once erased).
pub async fn list(
    connection: &mut AsyncPgConnection,
    scope: Scope,
    filter: &PlacementFilter,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(PlacementRow, Option<String>)>> {
    let mut query = placements::table.inner_join(seekers::table).into_boxed();
    query = match scope {
        Scope::All => query,
        Scope::Employer(id) => query.filter(placements::employer_id.eq(id)),
        Scope::Seeker(id) => query.filter(placements::seeker_id.eq(id)),
    };
    if let Some(from) = filter.from {
        query = query.filter(placements::start_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(placements::start_date.le(to));
    }
    if let Some(month) = filter.report_month {
        query = query.filter(placements::report_month.eq(month));
    }
    if let Some(region) = &filter.region_code {
        query = query.filter(seekers::domicile_region_code.eq(region.clone()));
    }
    if let Some(employer_id) = filter.employer_id {
        query = query.filter(placements::employer_id.eq(employer_id));
    }
    if let Some((start, id)) = after {
        query = query.filter(
            placements::start_date
                .lt(start)
                .or(placements::start_date.eq(start).and(placements::id.lt(id))),
        );
    }
    query
        .order((placements::start_date.desc(), placements::id.desc()))
        .limit(limit)
        .select((PlacementRow::as_select(), seekers::full_name))
        .load(connection)
        .await
}

/// A follow-up on the officers' due list.
#[derive(Debug, Clone, QueryableByName)]
pub struct DueFollowup {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub placement_id: Uuid,
    #[diesel(sql_type = Int2)]
    pub offset_months: i16,
    #[diesel(sql_type = Date)]
    pub due_on: NaiveDate,
    #[diesel(sql_type = SqlUuid)]
    pub seeker_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    pub seeker_name: Option<String>,
    #[diesel(sql_type = Text)]
    pub employer_name: String,
    #[diesel(sql_type = Date)]
    pub start_date: NaiveDate,
}

/// Follow-ups due on or before `today` and not recorded, oldest due first; none of a placement whose earlier
/// follow-up found the person had left (there is nothing more to follow).
pub async fn list_due(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<DueFollowup>> {
    let (after_due, after_id) = match after {
        Some((due_on, id)) => (Some(due_on), Some(id)),
        None => (None, None),
    };
    diesel::sql_query(
        "SELECT f.id, f.placement_id, f.offset_months, f.due_on, p.seeker_id, s.full_name AS seeker_name, \
                p.employer_name, p.start_date \
         FROM placement_followups f \
         JOIN placements p ON p.id = f.placement_id \
         JOIN seekers s ON s.id = p.seeker_id \
         WHERE f.outcome IS NULL AND f.due_on <= $1 \
           AND NOT EXISTS (SELECT 1 FROM placement_followups l \
                           WHERE l.placement_id = f.placement_id AND l.outcome = 'left') \
           AND ($2::date IS NULL OR (f.due_on, f.id) > ($2::date, $3::uuid)) \
         ORDER BY f.due_on, f.id \
         LIMIT $4",
    )
    .bind::<Date, _>(today)
    .bind::<Nullable<Date>, _>(after_due)
    .bind::<Nullable<SqlUuid>, _>(after_id)
    .bind::<diesel::sql_types::BigInt, _>(limit)
    .load(connection)
    .await
}

/// An outcome to record on a follow-up.
#[derive(Debug, Clone)]
pub struct FollowupOutcomeRecord<'a> {
    pub outcome: &'a str,
    pub left_on: Option<NaiveDate>,
    pub note: Option<&'a str>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// Records the outcome of follow-up `followup_id` unless it already has one. Returns whether it was recorded.
pub async fn record_outcome(
    connection: &mut AsyncPgConnection,
    followup_id: Uuid,
    record: &FollowupOutcomeRecord<'_>,
) -> QueryResult<bool> {
    let updated = diesel::sql_query(
        "UPDATE placement_followups \
         SET outcome = $2, left_on = $3, note = $4, recorded_by = $5, recorded_at = $6 \
         WHERE id = $1 AND outcome IS NULL",
    )
    .bind::<SqlUuid, _>(followup_id)
    .bind::<Text, _>(record.outcome)
    .bind::<Nullable<Date>, _>(record.left_on)
    .bind::<Nullable<Text>, _>(record.note)
    .bind::<SqlUuid, _>(record.recorded_by)
    .bind::<Timestamptz, _>(record.recorded_at)
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Whether industry `code` is in the KBLI list.
pub async fn industry_exists(connection: &mut AsyncPgConnection, code: &str) -> QueryResult<bool> {
    use crate::db::schema::industries;
    let found: Option<String> = industries::table
        .find(code)
        .select(industries::code)
        .first(connection)
        .await
        .optional()?;
    Ok(found.is_some())
}

/// A registered employer's name and industry.
pub async fn employer_name_and_industry(
    connection: &mut AsyncPgConnection,
    employer_id: Uuid,
) -> QueryResult<Option<(String, String)>> {
    use crate::db::schema::employers;
    employers::table
        .find(employer_id)
        .select((employers::name, employers::kbli_code))
        .first(connection)
        .await
        .optional()
}

/// Whether seeker `seeker_id` exists and is not erased.
pub async fn seeker_exists(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<bool> {
    let found: Option<Uuid> = seekers::table
        .find(seeker_id)
        .filter(seekers::erased_at.is_null())
        .select(seekers::id)
        .first(connection)
        .await
        .optional()?;
    Ok(found.is_some())
}

/// The seeker's name (NULL once erased).
pub async fn seeker_name(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Option<String>> {
    seekers::table
        .find(seeker_id)
        .select(seekers::full_name)
        .first(connection)
        .await
}
