//! Queries on the training tables: `training_providers`, `training_programmes` with their `programme_units`,
//! `cohorts`, `enrolments` and the append-only `enrolment_status_changes`. One module for the six tables: they are
//! one aggregate family (a provider's programmes, their cohorts, their trainees) and the handlers always need
//! several of them together.
//!
//! Moves are checked by the domain's state machines before they get here; these functions write what they are
//! told, guarded by the row's `version`. The cohort's seat count is only ever changed with a guarded `UPDATE`
//! ([`take_seat`], [`free_seat`]) so concurrent acceptances can never exceed the quota.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{
    cohorts, competency_units, enrolment_status_changes, enrolments, programme_units,
    seeker_competencies, training_programmes, training_providers,
};

// ---------------------------------------------------------------------------------------------------------------
// Providers

/// A whole `training_providers` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = training_providers)]
pub struct ProviderRow {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub address: Option<String>,
    pub region_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The columns an officer writes about a provider. `None` writes NULL.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = training_providers, treat_none_as_null = true)]
pub struct ProviderFields {
    pub name: String,
    pub kind: String,
    pub address: Option<String>,
    pub region_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

pub async fn insert_provider(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    fields: &ProviderFields,
) -> QueryResult<()> {
    diesel::insert_into(training_providers::table)
        .values((training_providers::id.eq(id), fields))
        .execute(connection)
        .await?;
    Ok(())
}

pub async fn find_provider(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<ProviderRow>> {
    training_providers::table
        .find(id)
        .select(ProviderRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Replaces a provider's fields if it is still at `version`; `false` when someone changed it first.
pub async fn update_provider(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    fields: &ProviderFields,
) -> QueryResult<bool> {
    let updated = diesel::update(
        training_providers::table
            .find(id)
            .filter(training_providers::version.eq(version)),
    )
    .set((
        fields,
        training_providers::version.eq(version + 1),
        training_providers::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Providers by name (then id), after `after`.
pub async fn list_providers(
    connection: &mut AsyncPgConnection,
    kind: Option<&str>,
    after: Option<(String, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<ProviderRow>> {
    let mut query = training_providers::table
        .select(ProviderRow::as_select())
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(training_providers::kind.eq(kind.to_string()));
    }
    if let Some((name, id)) = after {
        query = query.filter(
            training_providers::name
                .gt(name.clone())
                .or(training_providers::name
                    .eq(name)
                    .and(training_providers::id.gt(id))),
        );
    }
    query
        .order((training_providers::name.asc(), training_providers::id.asc()))
        .limit(limit)
        .load(connection)
        .await
}

// ---------------------------------------------------------------------------------------------------------------
// Programmes

/// A whole `training_programmes` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = training_programmes)]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub training_provider_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub vocation_code: String,
    pub kbji_code: Option<String>,
    pub duration_hours: i32,
    pub mode: String,
    pub cost_rupiah: i64,
    pub funding_source: String,
    pub min_education: Option<String>,
    pub entry_requirements: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The columns BLK staff write about a programme. `None` writes NULL.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = training_programmes, treat_none_as_null = true)]
pub struct ProgrammeFields {
    pub name: String,
    pub description: Option<String>,
    pub vocation_code: String,
    pub kbji_code: Option<String>,
    pub duration_hours: i32,
    pub mode: String,
    pub cost_rupiah: i64,
    pub funding_source: String,
    pub min_education: Option<String>,
    pub entry_requirements: Option<String>,
}

/// Stores a programme and the units it teaches.
pub async fn insert_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    training_provider_id: Uuid,
    created_by: Uuid,
    fields: &ProgrammeFields,
    unit_codes: &[String],
) -> QueryResult<()> {
    diesel::insert_into(training_programmes::table)
        .values((
            training_programmes::id.eq(id),
            training_programmes::training_provider_id.eq(training_provider_id),
            training_programmes::created_by.eq(created_by),
            fields,
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
                programme_units::programme_id.eq(programme_id),
                programme_units::unit_code.eq(code),
            )
        })
        .collect();
    diesel::insert_into(programme_units::table)
        .values(rows)
        .execute(connection)
        .await?;
    Ok(())
}

pub async fn find_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<ProgrammeRow>> {
    training_programmes::table
        .find(id)
        .select(ProgrammeRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The SKKNI units a programme teaches, by code.
pub async fn units_of(
    connection: &mut AsyncPgConnection,
    programme_id: Uuid,
) -> QueryResult<Vec<String>> {
    programme_units::table
        .filter(programme_units::programme_id.eq(programme_id))
        .select(programme_units::unit_code)
        .order(programme_units::unit_code.asc())
        .load(connection)
        .await
}

/// Which of `codes` are SKKNI units in the reference table.
pub async fn existing_units(
    connection: &mut AsyncPgConnection,
    codes: &[String],
) -> QueryResult<Vec<String>> {
    competency_units::table
        .filter(competency_units::code.eq_any(codes))
        .select(competency_units::code)
        .load(connection)
        .await
}

/// Replaces a programme's fields and units if it is still at `version` and not archived; `false` otherwise.
pub async fn update_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    fields: &ProgrammeFields,
    unit_codes: &[String],
) -> QueryResult<bool> {
    let updated = diesel::update(
        training_programmes::table
            .find(id)
            .filter(training_programmes::version.eq(version))
            .filter(training_programmes::archived_at.is_null()),
    )
    .set((
        fields,
        training_programmes::version.eq(version + 1),
        training_programmes::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await?;
    if updated != 1 {
        return Ok(false);
    }
    diesel::delete(programme_units::table.filter(programme_units::programme_id.eq(id)))
        .execute(connection)
        .await?;
    insert_units(connection, id, unit_codes).await?;
    Ok(true)
}

/// Archives a programme still at `version`; `false` when someone changed it first.
pub async fn archive_programme(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    at: DateTime<Utc>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        training_programmes::table
            .find(id)
            .filter(training_programmes::version.eq(version))
            .filter(training_programmes::archived_at.is_null()),
    )
    .set((
        training_programmes::archived_at.eq(at),
        training_programmes::version.eq(version + 1),
        training_programmes::updated_at.eq(at),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Filters of the programme list; they combine.
#[derive(Debug, Default)]
pub struct ProgrammeFilter {
    pub vocation_code: Option<String>,
    pub training_provider_id: Option<Uuid>,
    pub unit_code: Option<String>,
}

/// Programmes that are not archived, by name then id, after `after`.
pub async fn list_programmes(
    connection: &mut AsyncPgConnection,
    filter: &ProgrammeFilter,
    after: Option<(String, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<ProgrammeRow>> {
    let mut query = training_programmes::table
        .filter(training_programmes::archived_at.is_null())
        .select(ProgrammeRow::as_select())
        .into_boxed();
    if let Some(vocation) = &filter.vocation_code {
        query = query.filter(training_programmes::vocation_code.eq(vocation.clone()));
    }
    if let Some(provider) = filter.training_provider_id {
        query = query.filter(training_programmes::training_provider_id.eq(provider));
    }
    if let Some(unit) = &filter.unit_code {
        query = query.filter(
            training_programmes::id.eq_any(
                programme_units::table
                    .filter(programme_units::unit_code.eq(unit.clone()))
                    .select(programme_units::programme_id),
            ),
        );
    }
    if let Some((name, id)) = after {
        query = query.filter(
            training_programmes::name
                .gt(name.clone())
                .or(training_programmes::name
                    .eq(name)
                    .and(training_programmes::id.gt(id))),
        );
    }
    query
        .order((
            training_programmes::name.asc(),
            training_programmes::id.asc(),
        ))
        .limit(limit)
        .load(connection)
        .await
}

// ---------------------------------------------------------------------------------------------------------------
// Cohorts

/// A whole `cohorts` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cohorts)]
pub struct CohortRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub registration_opens_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
    pub quota: i32,
    pub accepted_count: i32,
    pub selection_steps: Vec<Option<String>>,
    pub venue: Option<String>,
    pub status: String,
    pub cancelled_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The columns BLK staff write about a cohort (not its status or seat count).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = cohorts, treat_none_as_null = true)]
pub struct CohortFields {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub registration_opens_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
    pub quota: i32,
    pub selection_steps: Vec<Option<String>>,
    pub venue: Option<String>,
}

pub async fn insert_cohort(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    programme_id: Uuid,
    fields: &CohortFields,
) -> QueryResult<()> {
    diesel::insert_into(cohorts::table)
        .values((
            cohorts::id.eq(id),
            cohorts::programme_id.eq(programme_id),
            fields,
        ))
        .execute(connection)
        .await?;
    Ok(())
}

pub async fn find_cohort(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<CohortRow>> {
    cohorts::table
        .find(id)
        .select(CohortRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Replaces a cohort's fields if it is still at `version` and its seats still fit the quota; `false` otherwise.
pub async fn update_cohort(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    fields: &CohortFields,
) -> QueryResult<bool> {
    let updated = diesel::update(
        cohorts::table
            .find(id)
            .filter(cohorts::version.eq(version))
            .filter(cohorts::accepted_count.le(fields.quota)),
    )
    .set((
        fields,
        cohorts::version.eq(version + 1),
        cohorts::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Moves a cohort still at `version` from `from` to `to`; `false` when someone changed it first.
pub async fn move_cohort(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    from: &str,
    to: &str,
    cancelled_reason: Option<&str>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        cohorts::table
            .find(id)
            .filter(cohorts::version.eq(version))
            .filter(cohorts::status.eq(from)),
    )
    .set((
        cohorts::status.eq(to),
        cohorts::cancelled_reason.eq(cancelled_reason),
        cohorts::version.eq(version + 1),
        cohorts::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Cohorts of one programme, by start date then id.
pub async fn cohorts_of_programme(
    connection: &mut AsyncPgConnection,
    programme_id: Uuid,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<CohortRow>> {
    let mut query = cohorts::table
        .filter(cohorts::programme_id.eq(programme_id))
        .select(CohortRow::as_select())
        .into_boxed();
    if let Some((starts_on, id)) = after {
        query = query.filter(
            cohorts::starts_on
                .gt(starts_on)
                .or(cohorts::starts_on.eq(starts_on).and(cohorts::id.gt(id))),
        );
    }
    query
        .order((cohorts::starts_on.asc(), cohorts::id.asc()))
        .limit(limit)
        .load(connection)
        .await
}

/// Filters of the open-registration list; they combine.
#[derive(Debug, Default)]
pub struct OpenCohortFilter {
    pub vocation_code: Option<String>,
    pub unit_code: Option<String>,
    pub training_provider_id: Option<Uuid>,
}

/// Cohorts taking registrations today (status `registration_open`, window not over, programme not archived), the
/// soonest closing first, with their programme.
pub async fn open_cohorts(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
    filter: &OpenCohortFilter,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(CohortRow, ProgrammeRow)>> {
    let mut query = cohorts::table
        .inner_join(training_programmes::table)
        .filter(cohorts::status.eq("registration_open"))
        .filter(cohorts::registration_opens_on.le(today))
        .filter(cohorts::registration_closes_on.ge(today))
        .filter(training_programmes::archived_at.is_null())
        .select((CohortRow::as_select(), ProgrammeRow::as_select()))
        .into_boxed();
    if let Some(vocation) = &filter.vocation_code {
        query = query.filter(training_programmes::vocation_code.eq(vocation.clone()));
    }
    if let Some(provider) = filter.training_provider_id {
        query = query.filter(training_programmes::training_provider_id.eq(provider));
    }
    if let Some(unit) = &filter.unit_code {
        query = query.filter(
            training_programmes::id.eq_any(
                programme_units::table
                    .filter(programme_units::unit_code.eq(unit.clone()))
                    .select(programme_units::programme_id),
            ),
        );
    }
    if let Some((closes_on, id)) = after {
        query = query.filter(
            cohorts::registration_closes_on
                .gt(closes_on)
                .or(cohorts::registration_closes_on
                    .eq(closes_on)
                    .and(cohorts::id.gt(id))),
        );
    }
    query
        .order((cohorts::registration_closes_on.asc(), cohorts::id.asc()))
        .limit(limit)
        .load(connection)
        .await
}

/// Takes one seat of the cohort: `accepted_count + 1` only while it is below the quota, in one guarded `UPDATE`
/// (concurrent acceptances queue on the row lock and re-check the guard). `false` when the cohort is full.
pub async fn take_seat(connection: &mut AsyncPgConnection, cohort_id: Uuid) -> QueryResult<bool> {
    let updated = diesel::update(
        cohorts::table
            .find(cohort_id)
            .filter(cohorts::accepted_count.lt(cohorts::quota)),
    )
    .set((
        cohorts::accepted_count.eq(cohorts::accepted_count + 1),
        cohorts::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Gives a seat back (an accepted or active trainee withdrew).
pub async fn free_seat(connection: &mut AsyncPgConnection, cohort_id: Uuid) -> QueryResult<()> {
    diesel::update(
        cohorts::table
            .find(cohort_id)
            .filter(cohorts::accepted_count.gt(0)),
    )
    .set((
        cohorts::accepted_count.eq(cohorts::accepted_count - 1),
        cohorts::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// Enrolments

/// A whole `enrolments` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = enrolments)]
pub struct EnrolmentRow {
    pub id: Uuid,
    pub cohort_id: Uuid,
    pub seeker_id: Uuid,
    pub status: String,
    pub status_changed_at: DateTime<Utc>,
    pub graduated_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Registers a seeker in a cohort with its first history row. A second registration of the same seeker fails on
/// `enrolments_cohort_id_seeker_id_key`.
pub async fn insert_enrolment(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    cohort_id: Uuid,
    seeker_id: Uuid,
    actor_user_id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(enrolments::table)
        .values((
            enrolments::id.eq(id),
            enrolments::cohort_id.eq(cohort_id),
            enrolments::seeker_id.eq(seeker_id),
            enrolments::status.eq("registered"),
            enrolments::status_changed_at.eq(at),
            enrolments::created_at.eq(at),
            enrolments::updated_at.eq(at),
        ))
        .execute(connection)
        .await?;
    record_status_change(connection, id, None, "registered", actor_user_id, None, at).await
}

pub async fn find_enrolment(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<EnrolmentRow>> {
    enrolments::table
        .find(id)
        .select(EnrolmentRow::as_select())
        .first(connection)
        .await
        .optional()
}

pub async fn find_enrolment_of(
    connection: &mut AsyncPgConnection,
    cohort_id: Uuid,
    seeker_id: Uuid,
) -> QueryResult<Option<EnrolmentRow>> {
    enrolments::table
        .filter(enrolments::cohort_id.eq(cohort_id))
        .filter(enrolments::seeker_id.eq(seeker_id))
        .select(EnrolmentRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// A status move of an enrolment.
pub struct EnrolmentMove<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub actor_user_id: Uuid,
    pub reason: Option<&'a str>,
    pub graduated_on: Option<NaiveDate>,
    pub at: DateTime<Utc>,
}

/// Moves an enrolment still at `version` and in `from`, and records the move; `false` when someone changed it
/// first.
pub async fn move_enrolment(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    change: &EnrolmentMove<'_>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        enrolments::table
            .find(id)
            .filter(enrolments::version.eq(version))
            .filter(enrolments::status.eq(change.from)),
    )
    .set((
        enrolments::status.eq(change.to),
        enrolments::status_changed_at.eq(change.at),
        enrolments::graduated_on.eq(change.graduated_on),
        enrolments::version.eq(version + 1),
        enrolments::updated_at.eq(change.at),
    ))
    .execute(connection)
    .await?;
    if updated != 1 {
        return Ok(false);
    }
    record_status_change(
        connection,
        id,
        Some(change.from),
        change.to,
        change.actor_user_id,
        change.reason,
        change.at,
    )
    .await?;
    Ok(true)
}

async fn record_status_change(
    connection: &mut AsyncPgConnection,
    enrolment_id: Uuid,
    from: Option<&str>,
    to: &str,
    actor_user_id: Uuid,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(enrolment_status_changes::table)
        .values((
            enrolment_status_changes::enrolment_id.eq(enrolment_id),
            enrolment_status_changes::from_status.eq(from),
            enrolment_status_changes::to_status.eq(to),
            enrolment_status_changes::actor_user_id.eq(Some(actor_user_id)),
            enrolment_status_changes::reason.eq(reason),
            enrolment_status_changes::at.eq(at),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// One entry of an enrolment's history.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = enrolment_status_changes)]
pub struct EnrolmentChangeRow {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// An enrolment's history, oldest first.
pub async fn history_of(
    connection: &mut AsyncPgConnection,
    enrolment_id: Uuid,
) -> QueryResult<Vec<EnrolmentChangeRow>> {
    enrolment_status_changes::table
        .filter(enrolment_status_changes::enrolment_id.eq(enrolment_id))
        .select(EnrolmentChangeRow::as_select())
        .order((
            enrolment_status_changes::at.asc(),
            enrolment_status_changes::id.asc(),
        ))
        .load(connection)
        .await
}

/// Enrolments of one cohort (optionally in one status), oldest first.
pub async fn enrolments_of_cohort(
    connection: &mut AsyncPgConnection,
    cohort_id: Uuid,
    status: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<EnrolmentRow>> {
    let mut query = enrolments::table
        .filter(enrolments::cohort_id.eq(cohort_id))
        .select(EnrolmentRow::as_select())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(enrolments::status.eq(status.to_string()));
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            enrolments::created_at
                .gt(created_at)
                .or(enrolments::created_at
                    .eq(created_at)
                    .and(enrolments::id.gt(id))),
        );
    }
    query
        .order((enrolments::created_at.asc(), enrolments::id.asc()))
        .limit(limit)
        .load(connection)
        .await
}

/// A seeker's enrolments, newest first.
pub async fn enrolments_of_seeker(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<EnrolmentRow>> {
    let mut query = enrolments::table
        .filter(enrolments::seeker_id.eq(seeker_id))
        .select(EnrolmentRow::as_select())
        .into_boxed();
    if let Some((created_at, id)) = after {
        query = query.filter(
            enrolments::created_at
                .lt(created_at)
                .or(enrolments::created_at
                    .eq(created_at)
                    .and(enrolments::id.lt(id))),
        );
    }
    query
        .order((enrolments::created_at.desc(), enrolments::id.desc()))
        .limit(limit)
        .load(connection)
        .await
}

/// Records "trained" evidence for every unit a competent graduate's programme teaches, pointing at the enrolment
/// and the provider (`recorded_by` NULL: written by graduation, not typed in). Returns the units written.
pub async fn record_graduation_evidence(
    connection: &mut AsyncPgConnection,
    enrolment: &EnrolmentRow,
    training_provider_id: Uuid,
    unit_codes: &[String],
) -> QueryResult<usize> {
    let rows: Vec<_> = unit_codes
        .iter()
        .map(|code| {
            (
                seeker_competencies::id.eq(Uuid::now_v7()),
                seeker_competencies::seeker_id.eq(enrolment.seeker_id),
                seeker_competencies::unit_code.eq(code),
                seeker_competencies::evidence_level.eq("trained"),
                seeker_competencies::enrolment_id.eq(Some(enrolment.id)),
                seeker_competencies::training_provider_id.eq(Some(training_provider_id)),
            )
        })
        .collect();
    diesel::insert_into(seeker_competencies::table)
        .values(rows)
        .execute(connection)
        .await
}
