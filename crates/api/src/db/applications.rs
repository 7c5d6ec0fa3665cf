//! Queries on `applications` and the append-only `application_stage_changes`, plus the guarded hire counter on
//! `vacancies.filled_count`. Stage moves are checked by the domain's `ApplicationStage` lifecycle before they get
//! here; these functions only write what they are told, guarded by the row's `version` and current stage.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{
    application_stage_changes, applications, employers, seekers, users, vacancies,
};

/// A whole `applications` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub seeker_id: Uuid,
    pub origin: String,
    pub stage: String,
    pub stage_changed_at: DateTime<Utc>,
    pub invited_by: Option<Uuid>,
    pub applied_at: Option<DateTime<Utc>>,
    pub cover_note: Option<String>,
    pub rejection_reason: Option<String>,
    pub rejection_note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new application or invitation.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = applications)]
pub struct NewApplication {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub seeker_id: Uuid,
    pub origin: String,
    pub stage: String,
    pub stage_changed_at: DateTime<Utc>,
    pub invited_by: Option<Uuid>,
    pub applied_at: Option<DateTime<Utc>>,
    pub cover_note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the pipeline needs to know about an application's vacancy and its employer.
#[derive(Debug, Clone, Queryable)]
pub struct VacancyContext {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub status: String,
    pub valid_until: NaiveDate,
    pub headcount: i32,
    pub filled_count: i32,
    pub blind_review: bool,
    pub kbji_code: String,
    pub employment_type: String,
    pub wage_min_rupiah: i64,
    pub wage_period: String,
    pub employer_name: String,
    pub employer_verification_status: String,
    pub employer_kbli_code: String,
}

/// The vacancy `id` with its employer's name, verification and industry.
pub async fn vacancy_context(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<VacancyContext>> {
    vacancies::table
        .inner_join(employers::table)
        .filter(vacancies::id.eq(id))
        .select((
            vacancies::id,
            vacancies::employer_id,
            vacancies::title,
            vacancies::status,
            vacancies::valid_until,
            vacancies::headcount,
            vacancies::filled_count,
            vacancies::blind_review,
            vacancies::kbji_code,
            vacancies::employment_type,
            vacancies::wage_min_rupiah,
            vacancies::wage_period,
            employers::name,
            employers::verification_status,
            employers::kbli_code,
        ))
        .first(connection)
        .await
        .optional()
}

/// The application `id`, if it exists.
pub async fn find(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<ApplicationRow>> {
    applications::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The application of `seeker_id` to `vacancy_id`, if there is one.
pub async fn find_by_vacancy_and_seeker(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
    seeker_id: Uuid,
) -> QueryResult<Option<ApplicationRow>> {
    applications::table
        .filter(applications::vacancy_id.eq(vacancy_id))
        .filter(applications::seeker_id.eq(seeker_id))
        .select(ApplicationRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Inserts `application` unless the seeker already has one for this vacancy (`applications_vacancy_id_seeker_id_key`).
/// Returns whether a row was written. Call inside a transaction.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    application: &NewApplication,
) -> QueryResult<bool> {
    let written = diesel::insert_into(applications::table)
        .values(application)
        .on_conflict((applications::vacancy_id, applications::seeker_id))
        .do_nothing()
        .execute(connection)
        .await?;
    Ok(written == 1)
}

/// The columns a stage move writes besides the stage. `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = applications)]
pub struct StageColumns {
    pub applied_at: Option<DateTime<Utc>>,
    pub rejection_reason: Option<String>,
    pub rejection_note: Option<String>,
}

/// Moves application `id` from `from` to `to` if its version is still `expected_version`, bumping the version.
/// Returns whether the move happened (false: someone changed the application since it was read). Call inside a
/// transaction, then record the stage change.
pub async fn move_stage(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    from: &str,
    to: &str,
    columns: StageColumns,
    at: DateTime<Utc>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        applications::table
            .find(id)
            .filter(applications::stage.eq(from))
            .filter(applications::version.eq(expected_version)),
    )
    .set((
        applications::stage.eq(to),
        &columns,
        applications::stage_changed_at.eq(at),
        applications::version.eq(applications::version + 1),
        applications::updated_at.eq(at),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// Appends a row to the pipeline history and returns its id (the notification's dedupe key names it).
pub async fn record_stage_change(
    connection: &mut AsyncPgConnection,
    application_id: Uuid,
    from: Option<&str>,
    to: &str,
    actor_user_id: Option<Uuid>,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> QueryResult<i64> {
    diesel::insert_into(application_stage_changes::table)
        .values((
            application_stage_changes::application_id.eq(application_id),
            application_stage_changes::from_stage.eq(from),
            application_stage_changes::to_stage.eq(to),
            application_stage_changes::actor_user_id.eq(actor_user_id),
            application_stage_changes::reason.eq(reason),
            application_stage_changes::at.eq(at),
        ))
        .returning(application_stage_changes::id)
        .get_result(connection)
        .await
}

/// One row of the pipeline history, with the role of whoever made the move (NULL: the system).
#[derive(Debug, Clone, Queryable)]
pub struct StageChangeRow {
    pub application_id: Uuid,
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub actor_role: Option<String>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The pipeline history of the given applications, oldest first.
pub async fn history_of(
    connection: &mut AsyncPgConnection,
    application_ids: &[Uuid],
) -> QueryResult<Vec<StageChangeRow>> {
    application_stage_changes::table
        .left_join(users::table)
        .filter(application_stage_changes::application_id.eq_any(application_ids))
        .order((
            application_stage_changes::at.asc(),
            application_stage_changes::id.asc(),
        ))
        .select((
            application_stage_changes::application_id,
            application_stage_changes::from_stage,
            application_stage_changes::to_stage,
            users::role.nullable(),
            application_stage_changes::reason,
            application_stage_changes::at,
        ))
        .load(connection)
        .await
}

/// What the employer may learn about an applicant (blind review may hide the name, sex and age).
#[derive(Debug, Clone, Queryable)]
pub struct ApplicantRow {
    pub full_name: Option<String>,
    pub sex: String,
    pub birth_date: Option<NaiveDate>,
    pub education_level: String,
    pub education_major: Option<String>,
    pub domicile_region_code: String,
}

type ApplicantColumns = (
    seekers::full_name,
    seekers::sex,
    seekers::birth_date,
    seekers::education_level,
    seekers::education_major,
    seekers::domicile_region_code,
);

const APPLICANT_COLUMNS: ApplicantColumns = (
    seekers::full_name,
    seekers::sex,
    seekers::birth_date,
    seekers::education_level,
    seekers::education_major,
    seekers::domicile_region_code,
);

/// The applicant data of one seeker.
pub async fn applicant(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<ApplicantRow> {
    seekers::table
        .find(seeker_id)
        .select(APPLICANT_COLUMNS)
        .first(connection)
        .await
}

/// A page of the applications to one vacancy, oldest first, optionally in one stage.
pub async fn list_for_vacancy(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
    stage: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(ApplicationRow, ApplicantRow)>> {
    let mut query = applications::table
        .inner_join(seekers::table)
        .filter(applications::vacancy_id.eq(vacancy_id))
        .into_boxed();
    if let Some(stage) = stage {
        query = query.filter(applications::stage.eq(stage.to_string()));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            applications::created_at
                .gt(at)
                .or(applications::created_at.eq(at).and(applications::id.gt(id))),
        );
    }
    query
        .order((applications::created_at.asc(), applications::id.asc()))
        .limit(limit)
        .select((ApplicationRow::as_select(), APPLICANT_COLUMNS))
        .load(connection)
        .await
}

/// A page of one seeker's applications, newest first, with each vacancy's title and employer name.
pub async fn list_for_seeker(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(ApplicationRow, String, Uuid, String)>> {
    let mut query = applications::table
        .inner_join(vacancies::table.inner_join(employers::table))
        .filter(applications::seeker_id.eq(seeker_id))
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            applications::created_at
                .lt(at)
                .or(applications::created_at.eq(at).and(applications::id.lt(id))),
        );
    }
    query
        .order((applications::created_at.desc(), applications::id.desc()))
        .limit(limit)
        .select((
            ApplicationRow::as_select(),
            vacancies::title,
            employers::id,
            employers::name,
        ))
        .load(connection)
        .await
}

/// What the hire counter looked like after a hire was counted.
#[derive(Debug, Clone, Copy, Queryable)]
pub struct HireCount {
    pub filled_count: i32,
    pub headcount: i32,
    pub version: i32,
}

/// Counts one hire on an open vacancy that still has an opening, bumping its version. The guard
/// (`filled_count < headcount`) is evaluated on the latest committed row, so concurrent hires queue on the row lock
/// and never exceed the headcount. `None`: no opening left or the vacancy is not open. Call inside the hire's
/// transaction.
pub async fn count_hire(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<Option<HireCount>> {
    diesel::update(
        vacancies::table
            .find(vacancy_id)
            .filter(vacancies::status.eq("open"))
            .filter(vacancies::filled_count.lt(vacancies::headcount)),
    )
    .set((
        vacancies::filled_count.eq(vacancies::filled_count + 1),
        vacancies::version.eq(vacancies::version + 1),
        vacancies::updated_at.eq(at),
    ))
    .returning((
        vacancies::filled_count,
        vacancies::headcount,
        vacancies::version,
    ))
    .get_result(connection)
    .await
    .optional()
}

/// Who a seeker's notifications go to: their account (if any) and whether they have an e-mail address (else SMS).
/// The address itself is looked up when sending, never copied.
pub async fn notification_target(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<(Option<Uuid>, bool)> {
    let (user_id, email): (Option<Uuid>, Option<String>) = seekers::table
        .find(seeker_id)
        .select((seekers::user_id, seekers::email))
        .first(connection)
        .await?;
    Ok((user_id, email.is_some()))
}

/// A seeker an employer may invite: not erased, and consenting to be seen by employers.
pub async fn invitable_seeker(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<bool> {
    let found: Option<Uuid> = seekers::table
        .find(seeker_id)
        .filter(seekers::erased_at.is_null())
        .filter(seekers::consent_visible_to_employers.eq(true))
        .select(seekers::id)
        .first(connection)
        .await
        .optional()?;
    Ok(found.is_some())
}
