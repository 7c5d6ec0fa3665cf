//! Queries on `vacancies` and what hangs off a vacancy: `vacancy_units`, `walk_in_sessions` and the append-only
//! `vacancy_status_changes`. Status moves are checked by the domain's state machine before they get here; these
//! functions only write what they are told, guarded by the row's `version`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::discrimination::{DiscriminationKind, VacancyTextField};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::schema::{
    competency_units, employers, industries, occupations, regions, vacancies,
    vacancy_status_changes, vacancy_units, walk_in_sessions,
};

/// A whole `vacancies` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vacancies)]
pub struct VacancyRow {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub kbji_code: String,
    pub headcount: i32,
    pub filled_count: i32,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub min_education: Option<String>,
    pub education_major: Option<String>,
    pub min_experience_months: i32,
    pub employment_type: String,
    pub wage_min_rupiah: i64,
    pub wage_max_rupiah: Option<i64>,
    pub wage_period: String,
    pub region_code: Option<String>,
    pub outside_city_location: Option<String>,
    pub location_detail: Option<String>,
    pub reserved_disability_openings: i32,
    pub driving_licences: Vec<Option<String>>,
    pub accepted_certification_schemes: Vec<Option<String>>,
    pub sex_requirement: Option<String>,
    pub how_to_apply: Option<String>,
    pub discrimination_flags: serde_json::Value,
    pub flags_justification: Option<String>,
    pub blind_review: bool,
    pub status: String,
    pub reported_at: Option<DateTime<Utc>>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub published_at: Option<DateTime<Utc>>,
    pub filled_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_reason: Option<String>,
    pub expired_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One element of the `discrimination_flags` jsonb array: a flag found by the discrimination check, with the
/// employer's justification for its kind alongside (NULL while unjustified).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFlag {
    pub kind: DiscriminationKind,
    pub field: VacancyTextField,
    pub matched_text: String,
    pub start: usize,
    pub end: usize,
    pub justification: Option<String>,
}

/// The columns an employer writes when creating or editing a vacancy. `None` writes NULL.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = vacancies, treat_none_as_null = true)]
pub struct VacancyContent {
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub kbji_code: String,
    pub headcount: i32,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub min_education: Option<String>,
    pub education_major: Option<String>,
    pub min_experience_months: i32,
    pub employment_type: String,
    pub wage_min_rupiah: i64,
    pub wage_max_rupiah: Option<i64>,
    pub wage_period: String,
    pub region_code: Option<String>,
    pub outside_city_location: Option<String>,
    pub location_detail: Option<String>,
    pub reserved_disability_openings: i32,
    pub driving_licences: Vec<Option<String>>,
    pub accepted_certification_schemes: Vec<Option<String>>,
    pub sex_requirement: Option<String>,
    pub how_to_apply: Option<String>,
    pub discrimination_flags: serde_json::Value,
    pub flags_justification: Option<String>,
    pub blind_review: bool,
}

/// A competency unit of a vacancy.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = vacancy_units)]
pub struct UnitRow {
    pub vacancy_id: Uuid,
    pub unit_code: String,
    pub requirement: String,
    pub min_evidence_level: Option<String>,
}

/// A walk-in interview session of a vacancy.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = walk_in_sessions)]
pub struct WalkInRow {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub region_code: Option<String>,
    pub notes: Option<String>,
}

/// A new walk-in session, before it belongs to a vacancy.
#[derive(Debug, Clone)]
pub struct NewWalkIn {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub region_code: Option<String>,
    pub notes: Option<String>,
}

/// A new unit requirement, before it belongs to a vacancy.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub unit_code: String,
    pub requirement: String,
    pub min_evidence_level: Option<String>,
}

/// Everything an employer writes about a vacancy: its columns, competency units and walk-in sessions.
#[derive(Debug, Clone)]
pub struct VacancyParts {
    pub content: VacancyContent,
    pub units: Vec<NewUnit>,
    pub walk_ins: Vec<NewWalkIn>,
}

/// What the employer's detail and the JSON-LD need to know about the vacancy's employer.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = employers)]
pub struct EmployerBrief {
    pub id: Uuid,
    pub name: String,
    pub verification_status: String,
    pub website: Option<String>,
}

/// The vacancy `id`, if it exists.
pub async fn find(connection: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<VacancyRow>> {
    vacancies::table
        .find(id)
        .select(VacancyRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The employer of a vacancy.
pub async fn employer_brief(
    connection: &mut AsyncPgConnection,
    employer_id: Uuid,
) -> QueryResult<EmployerBrief> {
    employers::table
        .find(employer_id)
        .select(EmployerBrief::as_select())
        .first(connection)
        .await
}

/// The competency units of a vacancy, required first, then by code.
pub async fn units_of(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
) -> QueryResult<Vec<UnitRow>> {
    vacancy_units::table
        .filter(vacancy_units::vacancy_id.eq(vacancy_id))
        .order((vacancy_units::requirement.desc(), vacancy_units::unit_code))
        .select(UnitRow::as_select())
        .load(connection)
        .await
}

/// The walk-in sessions of a vacancy, earliest first.
pub async fn walk_ins_of(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
) -> QueryResult<Vec<WalkInRow>> {
    walk_in_sessions::table
        .filter(walk_in_sessions::vacancy_id.eq(vacancy_id))
        .order((walk_in_sessions::starts_at, walk_in_sessions::id))
        .select(WalkInRow::as_select())
        .load(connection)
        .await
}

/// Inserts a draft vacancy with its units and walk-in sessions. Call inside a transaction.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    employer_id: Uuid,
    created_by: Uuid,
    parts: &VacancyParts,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(vacancies::table)
        .values((
            &parts.content,
            vacancies::id.eq(id),
            vacancies::employer_id.eq(employer_id),
            vacancies::created_by.eq(created_by),
            vacancies::status.eq("draft"),
            vacancies::created_at.eq(now),
            vacancies::updated_at.eq(now),
        ))
        .execute(connection)
        .await?;
    insert_units_and_walk_ins(connection, id, parts, now).await
}

/// Replaces the content, units and walk-in sessions of a draft if its version is still `expected_version`,
/// bumping the version. Returns whether a row was updated. Call inside a transaction.
pub async fn update_draft_content(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    parts: &VacancyParts,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        vacancies::table
            .find(id)
            .filter(vacancies::version.eq(expected_version))
            .filter(vacancies::status.eq("draft")),
    )
    .set((
        &parts.content,
        vacancies::version.eq(vacancies::version + 1),
        vacancies::updated_at.eq(now),
    ))
    .execute(connection)
    .await?;
    if updated == 0 {
        return Ok(false);
    }
    diesel::delete(vacancy_units::table.filter(vacancy_units::vacancy_id.eq(id)))
        .execute(connection)
        .await?;
    diesel::delete(walk_in_sessions::table.filter(walk_in_sessions::vacancy_id.eq(id)))
        .execute(connection)
        .await?;
    insert_units_and_walk_ins(connection, id, parts, now).await?;
    Ok(true)
}

async fn insert_units_and_walk_ins(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
    parts: &VacancyParts,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    if !parts.units.is_empty() {
        let rows: Vec<UnitRow> = parts
            .units
            .iter()
            .map(|unit| UnitRow {
                vacancy_id,
                unit_code: unit.unit_code.clone(),
                requirement: unit.requirement.clone(),
                min_evidence_level: unit.min_evidence_level.clone(),
            })
            .collect();
        diesel::insert_into(vacancy_units::table)
            .values(&rows)
            .execute(connection)
            .await?;
    }
    for walk_in in &parts.walk_ins {
        diesel::insert_into(walk_in_sessions::table)
            .values((
                WalkInRow {
                    id: Uuid::now_v7(),
                    vacancy_id,
                    starts_at: walk_in.starts_at,
                    ends_at: walk_in.ends_at,
                    venue: walk_in.venue.clone(),
                    region_code: walk_in.region_code.clone(),
                    notes: walk_in.notes.clone(),
                },
                walk_in_sessions::created_at.eq(now),
                walk_in_sessions::updated_at.eq(now),
            ))
            .execute(connection)
            .await?;
    }
    Ok(())
}

/// The columns a status move writes besides the status. `None` leaves a column as it is; `Some(None)` clears it.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = vacancies)]
pub struct StatusColumns {
    pub reported_at: Option<Option<DateTime<Utc>>>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub published_at: Option<DateTime<Utc>>,
    pub filled_at: Option<DateTime<Utc>>,
    pub filled_count: Option<i32>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_reason: Option<String>,
    pub expired_at: Option<DateTime<Utc>>,
}

/// One status move, already allowed by the domain's state machine.
#[derive(Debug)]
pub struct StatusMove<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// NULL when the system moves it (expiry).
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<&'a str>,
    pub columns: StatusColumns,
    pub at: DateTime<Utc>,
}

/// Moves vacancy `id` from `change.from` to `change.to` if its version is still `expected_version`, bumping the
/// version, and appends the history row with the report dimensions of that moment. Returns whether the move
/// happened (false: someone changed the vacancy since it was read). Call inside a transaction.
pub async fn move_status(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    change: StatusMove<'_>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        vacancies::table
            .find(id)
            .filter(vacancies::status.eq(change.from))
            .filter(vacancies::version.eq(expected_version)),
    )
    .set((
        vacancies::status.eq(change.to),
        &change.columns,
        vacancies::version.eq(vacancies::version + 1),
        vacancies::updated_at.eq(change.at),
    ))
    .execute(connection)
    .await?;
    if updated == 0 {
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

/// Appends a `vacancy_status_changes` row copying the report dimensions (headcount, filled count, sex requirement,
/// education, KBJI, the employer's KBLI, kecamatan) as they are now, so a closed IPK month re-runs identically.
pub async fn record_status_change(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
    from: Option<&str>,
    to: &str,
    actor_user_id: Option<Uuid>,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO vacancy_status_changes \
           (vacancy_id, from_status, to_status, actor_user_id, reason, at, \
            headcount, filled_count, sex_requirement, min_education, kbji_code, kbli_code, region_code) \
         SELECT v.id, $2, $3, $4, $5, $6, \
                v.headcount, v.filled_count, v.sex_requirement, v.min_education, v.kbji_code, e.kbli_code, v.region_code \
         FROM vacancies v JOIN employers e ON e.id = v.employer_id \
         WHERE v.id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(vacancy_id)
    .bind::<Nullable<Text>, _>(from)
    .bind::<Text, _>(to)
    .bind::<Nullable<diesel::sql_types::Uuid>, _>(actor_user_id)
    .bind::<Nullable<Text>, _>(reason)
    .bind::<Timestamptz, _>(at)
    .execute(connection)
    .await?;
    Ok(())
}

/// One row of a vacancy's status history.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vacancy_status_changes)]
pub struct StatusChangeRow {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The status history of a vacancy, oldest first.
pub async fn history_of(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
) -> QueryResult<Vec<StatusChangeRow>> {
    vacancy_status_changes::table
        .filter(vacancy_status_changes::vacancy_id.eq(vacancy_id))
        .order(vacancy_status_changes::id)
        .select(StatusChangeRow::as_select())
        .load(connection)
        .await
}

/// Verified and open vacancies whose validity ended before `today`, locked for the expiry job (rows another
/// process is already expiring are skipped): id, status, last valid day, version.
pub async fn lock_due_for_expiry(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
) -> QueryResult<Vec<(Uuid, String, NaiveDate, i32)>> {
    vacancies::table
        .filter(vacancies::status.eq_any(["verified", "open"]))
        .filter(vacancies::valid_until.lt(today))
        .order(vacancies::id)
        .select((
            vacancies::id,
            vacancies::status,
            vacancies::valid_until,
            vacancies::version,
        ))
        .for_update()
        .skip_locked()
        .load(connection)
        .await
}

/// Which of `codes` exist in `occupations`.
pub async fn existing_occupations(
    connection: &mut AsyncPgConnection,
    codes: &[String],
) -> QueryResult<Vec<String>> {
    occupations::table
        .filter(occupations::code.eq_any(codes))
        .select(occupations::code)
        .load(connection)
        .await
}

/// The title of an occupation, if it exists.
pub async fn occupation_title(
    connection: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<String>> {
    occupations::table
        .find(code)
        .select(occupations::title)
        .first(connection)
        .await
        .optional()
}

/// Which of `codes` exist in `competency_units`.
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

/// Which of `codes` exist in `regions`.
pub async fn existing_regions(
    connection: &mut AsyncPgConnection,
    codes: &[String],
) -> QueryResult<Vec<String>> {
    regions::table
        .filter(regions::code.eq_any(codes))
        .select(regions::code)
        .load(connection)
        .await
}

/// Where a vacancy in a list must be in Balikpapan.
#[derive(Debug, Clone)]
pub enum RegionFilter {
    /// Anywhere in the city (the city code itself or any kecamatan).
    City,
    /// This kecamatan (dotted code).
    Kecamatan(&'static str),
}

/// Industry filter of the public listing: the employer's KBLI category letter, or a KBLI code prefix.
#[derive(Debug, Clone)]
pub enum IndustryFilter {
    Category(String),
    CodePrefix(String),
}

/// The filters of the public listing; every one that is set must match.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub region: Option<RegionFilter>,
    pub employment_type: Option<&'static str>,
    /// A KBJI prefix: major group (`7`) up to the full code (`7212.01`).
    pub occupation_prefix: Option<String>,
    pub industry: Option<IndustryFilter>,
    /// Lowest wage accepted, compared with `wage_min_rupiah` within `wage_period`.
    pub min_wage_rupiah: Option<i64>,
    pub wage_period: Option<&'static str>,
}

/// How the public listing is ordered; each order ends with the id so it is total and pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicSort {
    /// Most recently published first.
    Newest,
    /// Soonest last valid day first.
    ClosingSoon,
    /// Highest minimum wage first.
    Wage,
}

/// Where a page of the public listing starts: after the vacancy with this sort key and id.
#[derive(Debug, Clone, Copy)]
pub enum PublicAfter {
    Newest(DateTime<Utc>, Uuid),
    ClosingSoon(NaiveDate, Uuid),
    Wage(i64, Uuid),
}

/// Open vacancies of verified employers still valid on `today`, filtered and ordered, at most `limit` rows after
/// `after`; each with its employer's name.
pub async fn list_public(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
    filter: &PublicFilter,
    sort: PublicSort,
    after: Option<PublicAfter>,
    limit: i64,
) -> QueryResult<Vec<(VacancyRow, String)>> {
    let mut query = vacancies::table
        .inner_join(employers::table)
        .filter(vacancies::status.eq("open"))
        .filter(employers::verification_status.eq("verified"))
        .filter(vacancies::valid_until.ge(today))
        .select((VacancyRow::as_select(), employers::name))
        .into_boxed();
    match &filter.region {
        Some(RegionFilter::City) => query = query.filter(vacancies::region_code.is_not_null()),
        Some(RegionFilter::Kecamatan(code)) => {
            query = query.filter(vacancies::region_code.eq(*code))
        }
        None => {}
    }
    if let Some(employment_type) = filter.employment_type {
        query = query.filter(vacancies::employment_type.eq(employment_type));
    }
    if let Some(prefix) = &filter.occupation_prefix {
        query = query.filter(vacancies::kbji_code.like(format!("{prefix}%")));
    }
    match &filter.industry {
        Some(IndustryFilter::Category(letter)) => {
            let codes = industries::table
                .filter(industries::category.eq(letter.clone()))
                .select(industries::code);
            query = query.filter(employers::kbli_code.eq_any(codes));
        }
        Some(IndustryFilter::CodePrefix(prefix)) => {
            query = query.filter(employers::kbli_code.like(format!("{prefix}%")));
        }
        None => {}
    }
    if let Some(period) = filter.wage_period {
        query = query.filter(vacancies::wage_period.eq(period));
    }
    if let Some(min_wage) = filter.min_wage_rupiah {
        query = query.filter(vacancies::wage_min_rupiah.ge(min_wage));
    }
    query = match (sort, after) {
        (PublicSort::Newest, Some(PublicAfter::Newest(published_at, id))) => query.filter(
            vacancies::published_at
                .lt(published_at)
                .or(vacancies::published_at
                    .eq(published_at)
                    .and(vacancies::id.lt(id))),
        ),
        (PublicSort::ClosingSoon, Some(PublicAfter::ClosingSoon(valid_until, id))) => query.filter(
            vacancies::valid_until
                .gt(valid_until)
                .or(vacancies::valid_until
                    .eq(valid_until)
                    .and(vacancies::id.gt(id))),
        ),
        (PublicSort::Wage, Some(PublicAfter::Wage(wage, id))) => query.filter(
            vacancies::wage_min_rupiah
                .lt(wage)
                .or(vacancies::wage_min_rupiah
                    .eq(wage)
                    .and(vacancies::id.lt(id))),
        ),
        _ => query,
    };
    query = match sort {
        PublicSort::Newest => query.order((vacancies::published_at.desc(), vacancies::id.desc())),
        PublicSort::ClosingSoon => query.order((vacancies::valid_until.asc(), vacancies::id.asc())),
        PublicSort::Wage => query.order((vacancies::wage_min_rupiah.desc(), vacancies::id.desc())),
    };
    query.limit(limit).load(connection).await
}

/// Reported vacancies waiting for an officer, oldest report first, at most `limit` after (`reported_at`, id).
pub async fn list_reported(
    connection: &mut AsyncPgConnection,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(VacancyRow, String)>> {
    let mut query = vacancies::table
        .inner_join(employers::table)
        .filter(vacancies::status.eq("reported"))
        .select((VacancyRow::as_select(), employers::name))
        .into_boxed();
    if let Some((reported_at, id)) = after {
        query = query.filter(
            vacancies::reported_at
                .gt(reported_at)
                .or(vacancies::reported_at
                    .eq(reported_at)
                    .and(vacancies::id.gt(id))),
        );
    }
    query
        .order((vacancies::reported_at.asc(), vacancies::id.asc()))
        .limit(limit)
        .load(connection)
        .await
}

/// The vacancies of one employer in any status (or only `status`), newest first, at most `limit` after
/// (`created_at`, id).
pub async fn list_of_employer(
    connection: &mut AsyncPgConnection,
    employer_id: Uuid,
    status: Option<&'static str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(VacancyRow, String)>> {
    let mut query = vacancies::table
        .inner_join(employers::table)
        .filter(vacancies::employer_id.eq(employer_id))
        .select((VacancyRow::as_select(), employers::name))
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(vacancies::status.eq(status));
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            vacancies::created_at
                .lt(created_at)
                .or(vacancies::created_at
                    .eq(created_at)
                    .and(vacancies::id.lt(id))),
        );
    }
    query
        .order((vacancies::created_at.desc(), vacancies::id.desc()))
        .limit(limit)
        .load(connection)
        .await
}
