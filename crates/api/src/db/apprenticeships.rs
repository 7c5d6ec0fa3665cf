//! Queries on `apprenticeship_programmes` (with their SKKNI units), `apprenticeships` and
//! `apprenticeship_progress_reports`, and the placement a host's hire of its former apprentice creates.
//! Lifecycle moves are decided by the domain's state machines before they get here; these functions only write
//! what they are told, guarded by the row's `version` (and status) so a concurrent change is never overwritten.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Date, SmallInt, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::placement::followup_schedule;
use uuid::Uuid;

use crate::db::schema::{
    apprenticeship_programme_units, apprenticeship_programmes, apprenticeship_progress_reports,
    apprenticeships, employers, placements, seekers,
};

/// A whole `apprenticeship_programmes` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = apprenticeship_programmes)]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub host_employer_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub vocation_code: Option<String>,
    pub kbji_code: Option<String>,
    pub region_code: Option<String>,
    pub duration_months: i16,
    pub seats: i32,
    pub monthly_stipend_rupiah: i64,
    pub mentor_name: String,
    pub status: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    pub decision_reason: Option<String>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the host writes about a programme (create and edit).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = apprenticeship_programmes, treat_none_as_null = true)]
pub struct ProgrammeContent {
    pub title: String,
    pub description: Option<String>,
    pub vocation_code: Option<String>,
    pub kbji_code: Option<String>,
    pub region_code: Option<String>,
    pub duration_months: i16,
    pub seats: i32,
    pub monthly_stipend_rupiah: i64,
    pub mentor_name: String,
}

/// Inserts a proposed programme with its units. Call inside a transaction.
pub async fn insert_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    host_employer_id: Uuid,
    created_by: Uuid,
    content: &ProgrammeContent,
    unit_codes: &[String],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(apprenticeship_programmes::table)
        .values((
            content,
            apprenticeship_programmes::id.eq(id),
            apprenticeship_programmes::host_employer_id.eq(host_employer_id),
            apprenticeship_programmes::created_by.eq(created_by),
            apprenticeship_programmes::status.eq("proposed"),
            apprenticeship_programmes::created_at.eq(now),
            apprenticeship_programmes::updated_at.eq(now),
        ))
        .execute(connection)
        .await?;
    insert_units(connection, id, unit_codes).await
}

async fn insert_units(
    connection: &mut AsyncPgConnection,
    programme_id: Uuid,
    unit_codes: &[String],
) -> QueryResult<()> {
    let rows: Vec<_> = unit_codes
        .iter()
        .map(|code| {
            (
                apprenticeship_programme_units::programme_id.eq(programme_id),
                apprenticeship_programme_units::unit_code.eq(code),
            )
        })
        .collect();
    if !rows.is_empty() {
        diesel::insert_into(apprenticeship_programme_units::table)
            .values(rows)
            .execute(connection)
            .await?;
    }
    Ok(())
}

/// Replaces the content and units of a programme still in `status` at `expected_version`, bumping the version.
/// Returns whether it was updated. Call inside a transaction.
pub async fn update_programme_content(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    status: &str,
    content: &ProgrammeContent,
    unit_codes: &[String],
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        apprenticeship_programmes::table
            .find(id)
            .filter(apprenticeship_programmes::version.eq(expected_version))
            .filter(apprenticeship_programmes::status.eq(status)),
    )
    .set((
        content,
        apprenticeship_programmes::version.eq(apprenticeship_programmes::version + 1),
        apprenticeship_programmes::updated_at.eq(now),
    ))
    .execute(connection)
    .await?;
    if updated == 0 {
        return Ok(false);
    }
    diesel::delete(
        apprenticeship_programme_units::table
            .filter(apprenticeship_programme_units::programme_id.eq(id)),
    )
    .execute(connection)
    .await?;
    insert_units(connection, id, unit_codes).await?;
    Ok(true)
}

/// A programme's status move and the decision columns it sets.
pub struct ProgrammeMove<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// Set for approve and reject (the officer who decided).
    pub decided_by: Option<Uuid>,
    pub decision_reason: Option<&'a str>,
    pub at: DateTime<Utc>,
}

/// Moves a programme if it is still in `change.from` at `expected_version`. Returns whether it moved.
pub async fn move_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    change: ProgrammeMove<'_>,
) -> QueryResult<bool> {
    let target = apprenticeship_programmes::table
        .find(id)
        .filter(apprenticeship_programmes::version.eq(expected_version))
        .filter(apprenticeship_programmes::status.eq(change.from));
    let common = (
        apprenticeship_programmes::status.eq(change.to),
        apprenticeship_programmes::version.eq(apprenticeship_programmes::version + 1),
        apprenticeship_programmes::updated_at.eq(change.at),
    );
    let updated = match change.decided_by {
        Some(decided_by) => {
            diesel::update(target)
                .set((
                    common,
                    apprenticeship_programmes::decided_at.eq(Some(change.at)),
                    apprenticeship_programmes::decided_by.eq(Some(decided_by)),
                    apprenticeship_programmes::decision_reason.eq(change.decision_reason),
                ))
                .execute(connection)
                .await?
        }
        None => {
            diesel::update(target)
                .set(common)
                .execute(connection)
                .await?
        }
    };
    Ok(updated == 1)
}

/// The programme `id`, if it exists.
pub async fn find_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<ProgrammeRow>> {
    apprenticeship_programmes::table
        .find(id)
        .select(ProgrammeRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The programme `id`, locked until the transaction ends: placing apprentices serialises on it, so two
/// concurrent placements never both take the last seat.
pub async fn lock_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<ProgrammeRow>> {
    apprenticeship_programmes::table
        .find(id)
        .select(ProgrammeRow::as_select())
        .for_update()
        .first(connection)
        .await
        .optional()
}

/// The SKKNI unit codes of a programme, by code.
pub async fn units_of(
    connection: &mut AsyncPgConnection,
    programme_id: Uuid,
) -> QueryResult<Vec<String>> {
    apprenticeship_programme_units::table
        .filter(apprenticeship_programme_units::programme_id.eq(programme_id))
        .order(apprenticeship_programme_units::unit_code)
        .select(apprenticeship_programme_units::unit_code)
        .load(connection)
        .await
}

/// Seats taken in a programme: apprentices active or completed (a discontinued apprenticeship frees its seat).
pub async fn seats_taken(
    connection: &mut AsyncPgConnection,
    programme_id: Uuid,
) -> QueryResult<i64> {
    apprenticeships::table
        .filter(apprenticeships::programme_id.eq(programme_id))
        .filter(apprenticeships::status.ne("discontinued"))
        .count()
        .get_result(connection)
        .await
}

/// Programmes newest first, of one host (or all), in one status (or any), at most `limit` after
/// (`created_at`, id).
pub async fn list_programmes(
    connection: &mut AsyncPgConnection,
    host_employer_id: Option<Uuid>,
    status: Option<&'static str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(ProgrammeRow, String)>> {
    let mut query = apprenticeship_programmes::table
        .inner_join(employers::table)
        .select((ProgrammeRow::as_select(), employers::name))
        .into_boxed();
    if let Some(host) = host_employer_id {
        query = query.filter(apprenticeship_programmes::host_employer_id.eq(host));
    }
    if let Some(status) = status {
        query = query.filter(apprenticeship_programmes::status.eq(status));
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            apprenticeship_programmes::created_at.lt(created_at).or(
                apprenticeship_programmes::created_at
                    .eq(created_at)
                    .and(apprenticeship_programmes::id.lt(id)),
            ),
        );
    }
    query
        .order((
            apprenticeship_programmes::created_at.desc(),
            apprenticeship_programmes::id.desc(),
        ))
        .limit(limit)
        .load(connection)
        .await
}

/// A whole `apprenticeships` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = apprenticeships)]
pub struct ApprenticeshipRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub seeker_id: Uuid,
    pub agreement_number: String,
    pub agreement_date: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mentor_name: String,
    pub monthly_stipend_rupiah: i64,
    pub status: String,
    pub ended_on: Option<NaiveDate>,
    pub discontinued_reason: Option<String>,
    pub certificate_number: Option<String>,
    pub hired_by_host: Option<bool>,
    pub recorded_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new apprentice in a programme.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = apprenticeships)]
pub struct NewApprenticeship {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub seeker_id: Uuid,
    pub agreement_number: String,
    pub agreement_date: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mentor_name: String,
    pub monthly_stipend_rupiah: i64,
    pub recorded_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Inserts an active apprenticeship. Call inside the transaction that locked the programme.
pub async fn insert_apprenticeship(
    connection: &mut AsyncPgConnection,
    apprenticeship: &NewApprenticeship,
) -> QueryResult<()> {
    diesel::insert_into(apprenticeships::table)
        .values(apprenticeship)
        .execute(connection)
        .await?;
    Ok(())
}

/// The apprenticeship `id`, if it exists.
pub async fn find_apprenticeship(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<ApprenticeshipRow>> {
    apprenticeships::table
        .find(id)
        .select(ApprenticeshipRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The apprentices of a programme with their registration numbers, by start date and id, at most `limit` after
/// (`starts_on`, id).
pub async fn list_apprentices(
    connection: &mut AsyncPgConnection,
    programme_id: Uuid,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(ApprenticeshipRow, String)>> {
    let mut query = apprenticeships::table
        .inner_join(seekers::table)
        .filter(apprenticeships::programme_id.eq(programme_id))
        .select((ApprenticeshipRow::as_select(), seekers::registration_number))
        .into_boxed();
    if let Some((starts_on, id)) = after {
        query = query.filter(
            apprenticeships::starts_on
                .gt(starts_on)
                .or(apprenticeships::starts_on
                    .eq(starts_on)
                    .and(apprenticeships::id.gt(id))),
        );
    }
    query
        .order((apprenticeships::starts_on.asc(), apprenticeships::id.asc()))
        .limit(limit)
        .load(connection)
        .await
}

/// How an apprenticeship ended.
pub struct Ending<'a> {
    pub to: &'a str,
    pub ended_on: NaiveDate,
    pub discontinued_reason: Option<&'a str>,
    pub certificate_number: Option<&'a str>,
    pub hired_by_host: bool,
    pub at: DateTime<Utc>,
}

/// Ends an active apprenticeship at `expected_version`. Returns whether it was ended. Call inside a transaction.
pub async fn end_apprenticeship(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    ending: Ending<'_>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        apprenticeships::table
            .find(id)
            .filter(apprenticeships::status.eq("active"))
            .filter(apprenticeships::version.eq(expected_version)),
    )
    .set((
        apprenticeships::status.eq(ending.to),
        apprenticeships::ended_on.eq(Some(ending.ended_on)),
        apprenticeships::discontinued_reason.eq(ending.discontinued_reason),
        apprenticeships::certificate_number.eq(ending.certificate_number),
        apprenticeships::hired_by_host.eq(Some(ending.hired_by_host)),
        apprenticeships::version.eq(apprenticeships::version + 1),
        apprenticeships::updated_at.eq(ending.at),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// One monthly progress report.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = apprenticeship_progress_reports)]
pub struct ProgressReportRow {
    pub id: Uuid,
    pub period_month: NaiveDate,
    pub attendance_days: Option<i16>,
    pub summary: String,
    pub submitted_by: Uuid,
    pub submitted_at: DateTime<Utc>,
}

/// Inserts a progress report; a second one for the same month violates
/// `apprenticeship_progress_reports_apprenticeship_month_key`.
pub async fn insert_progress_report(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    apprenticeship_id: Uuid,
    period_month: NaiveDate,
    attendance_days: Option<i16>,
    summary: &str,
    submitted_by: Uuid,
) -> QueryResult<()> {
    diesel::insert_into(apprenticeship_progress_reports::table)
        .values((
            apprenticeship_progress_reports::id.eq(id),
            apprenticeship_progress_reports::apprenticeship_id.eq(apprenticeship_id),
            apprenticeship_progress_reports::period_month.eq(period_month),
            apprenticeship_progress_reports::attendance_days.eq(attendance_days),
            apprenticeship_progress_reports::summary.eq(summary),
            apprenticeship_progress_reports::submitted_by.eq(submitted_by),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// The progress reports of an apprenticeship, by month.
pub async fn progress_reports_of(
    connection: &mut AsyncPgConnection,
    apprenticeship_id: Uuid,
) -> QueryResult<Vec<ProgressReportRow>> {
    apprenticeship_progress_reports::table
        .filter(apprenticeship_progress_reports::apprenticeship_id.eq(apprenticeship_id))
        .order(apprenticeship_progress_reports::period_month)
        .select(ProgressReportRow::as_select())
        .load(connection)
        .await
}

/// The placement recorded when the host hires its former apprentice.
pub struct HirePlacement<'a> {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub apprenticeship_id: Uuid,
    pub employer_id: Uuid,
    pub kbji_code: &'a str,
    pub start_date: NaiveDate,
    pub employment_type: &'a str,
    pub wage_rupiah: Option<i64>,
    pub wage_period: Option<&'a str>,
    pub recorded_by: Uuid,
    pub at: DateTime<Utc>,
}

/// Inserts the `apprenticeship_hire` placement (employer name and KBLI copied from the host as they are now, the
/// IPK report month = the first day of the start month) and its +3/+6/+12-month follow-ups. A second hire of the
/// same apprenticeship violates `placements_apprenticeship_id_key`. Call inside the transaction that ended the
/// apprenticeship.
pub async fn insert_hire_placement(
    connection: &mut AsyncPgConnection,
    hire: &HirePlacement<'_>,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO placements \
           (id, seeker_id, apprenticeship_id, employer_id, employer_name, kbji_code, kbli_code, start_date, \
            employment_type, wage_rupiah, wage_period, channel, recorded_by, report_month, created_at, updated_at) \
         SELECT $1, $2, $3, e.id, e.name, $5, e.kbli_code, $6, $7, $8, $9, 'apprenticeship_hire', $10, \
                date_trunc('month', $6::date)::date, $11, $11 \
         FROM employers e WHERE e.id = $4",
    )
    .bind::<SqlUuid, _>(hire.id)
    .bind::<SqlUuid, _>(hire.seeker_id)
    .bind::<SqlUuid, _>(hire.apprenticeship_id)
    .bind::<SqlUuid, _>(hire.employer_id)
    .bind::<Text, _>(hire.kbji_code)
    .bind::<Date, _>(hire.start_date)
    .bind::<Text, _>(hire.employment_type)
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>, _>(hire.wage_rupiah)
    .bind::<diesel::sql_types::Nullable<Text>, _>(hire.wage_period)
    .bind::<SqlUuid, _>(hire.recorded_by)
    .bind::<diesel::sql_types::Timestamptz, _>(hire.at)
    .execute(connection)
    .await?;
    for due in followup_schedule(hire.start_date) {
        diesel::sql_query(
            "INSERT INTO placement_followups (id, placement_id, offset_months, due_on) VALUES ($1, $2, $3, $4)",
        )
        .bind::<SqlUuid, _>(Uuid::now_v7())
        .bind::<SqlUuid, _>(hire.id)
        .bind::<SmallInt, _>(i16::try_from(due.milestone.months()).unwrap_or(12))
        .bind::<Date, _>(due.due_on)
        .execute(connection)
        .await?;
    }
    Ok(())
}

/// The placement created from an apprenticeship, if any: id, start date.
pub async fn placement_of(
    connection: &mut AsyncPgConnection,
    apprenticeship_id: Uuid,
) -> QueryResult<Option<(Uuid, NaiveDate)>> {
    placements::table
        .filter(placements::apprenticeship_id.eq(apprenticeship_id))
        .select((placements::id, placements::start_date))
        .first(connection)
        .await
        .optional()
}

/// What the hire needs to know about a seeker: status and the report dimensions the status history copies.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = seekers)]
pub struct SeekerBrief {
    pub id: Uuid,
    pub status: String,
    pub sex: String,
    pub birth_year: i16,
    pub education_level: String,
    pub domicile_region_code: String,
    pub erased_at: Option<DateTime<Utc>>,
}

/// The seeker `id`, locked for a status move.
pub async fn lock_seeker(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<SeekerBrief>> {
    seekers::table
        .find(id)
        .select(SeekerBrief::as_select())
        .for_update()
        .first(connection)
        .await
        .optional()
}

/// The seeker `id`, if any.
pub async fn find_seeker(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<SeekerBrief>> {
    seekers::table
        .find(id)
        .select(SeekerBrief::as_select())
        .first(connection)
        .await
        .optional()
}

/// Sets a seeker's status (bumping the version) and appends the history row with the report dimensions.
pub async fn set_seeker_status(
    connection: &mut AsyncPgConnection,
    seeker: &SeekerBrief,
    to: &str,
    actor_user_id: Option<Uuid>,
    reason: &str,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(seekers::table.find(seeker.id))
        .set((
            seekers::status.eq(to),
            seekers::status_changed_at.eq(at),
            seekers::version.eq(seekers::version + 1),
            seekers::updated_at.eq(at),
        ))
        .execute(connection)
        .await?;
    diesel::sql_query(
        "INSERT INTO seeker_status_changes \
           (seeker_id, from_status, to_status, actor_user_id, reason, at, sex, birth_year, education_level, \
            domicile_region_code) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind::<SqlUuid, _>(seeker.id)
    .bind::<Text, _>(&seeker.status)
    .bind::<Text, _>(to)
    .bind::<diesel::sql_types::Nullable<SqlUuid>, _>(actor_user_id)
    .bind::<Text, _>(reason)
    .bind::<diesel::sql_types::Timestamptz, _>(at)
    .bind::<Text, _>(&seeker.sex)
    .bind::<SmallInt, _>(seeker.birth_year)
    .bind::<Text, _>(&seeker.education_level)
    .bind::<Text, _>(&seeker.domicile_region_code)
    .execute(connection)
    .await?;
    Ok(())
}

/// Whether `code` is a vocation (kejuruan) in the reference table.
pub async fn vocation_exists(connection: &mut AsyncPgConnection, code: &str) -> QueryResult<bool> {
    use crate::db::schema::vocations;
    diesel::select(diesel::dsl::exists(
        vocations::table.filter(vocations::code.eq(code)),
    ))
    .get_result(connection)
    .await
}

/// The employer's verification status and name.
pub async fn employer_status(
    connection: &mut AsyncPgConnection,
    employer_id: Uuid,
) -> QueryResult<(String, String)> {
    employers::table
        .find(employer_id)
        .select((employers::verification_status, employers::name))
        .first(connection)
        .await
}
