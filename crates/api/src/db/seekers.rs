//! Queries on `seekers` (the AK/I card) and the tables that hang off it one-to-many without being resources of
//! their own: preferred occupations and regions, and the append-only status history.
//!
//! Personal columns are nullable because an erased seeker keeps only anonymous statistics; every query here that
//! serves a person filters out erased rows.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{
    applications, notification_outbox, seeker_preferred_occupations, seeker_preferred_regions,
    seeker_status_changes, seekers,
};

/// A seeker's card as stored, without the NIK hash and the activation code hash.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = seekers)]
pub struct SeekerRow {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub registration_number: String,
    pub nik_ciphertext: Option<Vec<u8>>,
    pub nik_masked: Option<String>,
    pub full_name: Option<String>,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub birth_year: i16,
    pub sex: String,
    pub address: Option<String>,
    pub domicile_region_code: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub education_level: String,
    pub education_major: Option<String>,
    pub education_school: Option<String>,
    pub graduation_year: Option<i16>,
    pub has_disability: bool,
    pub wants_reserved_openings: bool,
    pub consent_visible_to_employers: bool,
    pub consent_receive_alerts: bool,
    pub consent_recorded_at: DateTime<Utc>,
    pub registered_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub last_reported_on: NaiveDate,
    pub next_report_due_on: NaiveDate,
    pub status: String,
    pub status_changed_at: DateTime<Utc>,
    pub removed_reason: Option<String>,
    pub open_to_work: bool,
    pub expected_wage_rupiah: Option<i64>,
    pub preferred_employment_types: Vec<Option<String>>,
    pub driving_licences: Vec<Option<String>>,
    pub profile_summary: Option<String>,
    pub registered_by: Option<Uuid>,
    pub activation_code_expires_at: Option<DateTime<Utc>>,
    pub erased_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The fields a seeker (or an officer for them) fills in, for both registration and editing.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = seekers, treat_none_as_null = true)]
pub struct ProfileFields {
    pub full_name: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub birth_year: i16,
    pub sex: String,
    pub address: String,
    pub domicile_region_code: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub education_level: String,
    pub education_major: Option<String>,
    pub education_school: Option<String>,
    pub graduation_year: Option<i16>,
    pub has_disability: bool,
    pub wants_reserved_openings: bool,
    pub consent_visible_to_employers: bool,
    pub consent_receive_alerts: bool,
    pub consent_recorded_at: DateTime<Utc>,
    pub expected_wage_rupiah: Option<i64>,
    pub preferred_employment_types: Vec<Option<String>>,
    pub driving_licences: Vec<Option<String>>,
    pub profile_summary: Option<String>,
    pub open_to_work: bool,
}

/// Everything a new card needs besides the profile fields.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = seekers)]
pub struct NewCard {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub registration_number: String,
    pub nik_hash: Vec<u8>,
    pub nik_ciphertext: Vec<u8>,
    pub nik_masked: String,
    pub registered_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub last_reported_on: NaiveDate,
    pub next_report_due_on: NaiveDate,
    pub status: String,
    pub registered_by: Option<Uuid>,
    pub activation_code_hash: Option<Vec<u8>>,
    pub activation_code_expires_at: Option<DateTime<Utc>>,
}

/// Inserts a new card. A duplicate NIK fails on `seekers_nik_hash_key`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    card: &NewCard,
    profile: &ProfileFields,
) -> QueryResult<()> {
    diesel::insert_into(seekers::table)
        .values((card, profile))
        .execute(connection)
        .await?;
    Ok(())
}

/// The card of `id`, unless it does not exist or was erased.
pub async fn find_current(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<SeekerRow>> {
    seekers::table
        .find(id)
        .filter(seekers::erased_at.is_null())
        .select(SeekerRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Like [`find_current`], locking the row until the transaction ends so concurrent status moves queue up.
pub async fn find_current_for_update(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<SeekerRow>> {
    seekers::table
        .find(id)
        .filter(seekers::erased_at.is_null())
        .select(SeekerRow::as_select())
        .for_update()
        .first(connection)
        .await
        .optional()
}

/// The card of the seeker who logs in as `user_id`.
pub async fn find_by_user(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
) -> QueryResult<Option<SeekerRow>> {
    seekers::table
        .filter(seekers::user_id.eq(user_id))
        .filter(seekers::erased_at.is_null())
        .select(SeekerRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// The card whose NIK has this keyed hash.
pub async fn find_by_nik_hash(
    connection: &mut AsyncPgConnection,
    nik_hash: &[u8],
) -> QueryResult<Option<SeekerRow>> {
    seekers::table
        .filter(seekers::nik_hash.eq(nik_hash))
        .filter(seekers::erased_at.is_null())
        .select(SeekerRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Replaces the profile fields if the stored version is still `version`; returns how many rows changed (0 or 1).
pub async fn update_profile(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    version: i32,
    profile: &ProfileFields,
) -> QueryResult<usize> {
    diesel::update(
        seekers::table
            .find(id)
            .filter(seekers::version.eq(version))
            .filter(seekers::erased_at.is_null()),
    )
    .set((
        profile,
        seekers::version.eq(seekers::version + 1),
        seekers::updated_at.eq(Utc::now()),
    ))
    .execute(connection)
    .await
}

#[derive(QueryableByName)]
struct Serial {
    #[diesel(sql_type = Integer)]
    serial: i32,
}

/// The next free serial of the registration numbers starting with `prefix` (e.g. `6471-2026-`). Takes a
/// transaction-scoped advisory lock, so call it inside the transaction that inserts the card: two registrations at
/// the same moment then get consecutive numbers instead of colliding.
pub async fn next_registration_serial(
    connection: &mut AsyncPgConnection,
    prefix: &str,
) -> QueryResult<u32> {
    diesel::sql_query(
        "SELECT pg_advisory_xact_lock(hashtext('jembatan ak/i registration number'))",
    )
    .execute(connection)
    .await?;
    let found: Serial = diesel::sql_query(
        "SELECT COALESCE(MAX(substring(registration_number FROM char_length($1) + 1)::integer), 0) AS serial \
         FROM seekers WHERE starts_with(registration_number, $1) \
         AND substring(registration_number FROM char_length($1) + 1) ~ '^[0-9]{1,9}$'",
    )
    .bind::<Text, _>(prefix)
    .get_result(connection)
    .await?;
    Ok(u32::try_from(found.serial).unwrap_or(0) + 1)
}

/// Desired occupations (KBJI codes), in code order.
pub async fn preferred_occupations(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<String>> {
    seeker_preferred_occupations::table
        .filter(seeker_preferred_occupations::seeker_id.eq(seeker_id))
        .select(seeker_preferred_occupations::kbji_code)
        .order(seeker_preferred_occupations::kbji_code)
        .load(connection)
        .await
}

/// Kecamatan where the seeker wants to work, in code order.
pub async fn preferred_regions(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<String>> {
    seeker_preferred_regions::table
        .filter(seeker_preferred_regions::seeker_id.eq(seeker_id))
        .select(seeker_preferred_regions::region_code)
        .order(seeker_preferred_regions::region_code)
        .load(connection)
        .await
}

/// Replaces the desired occupations and regions.
pub async fn replace_preferences(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    occupations: &[String],
    regions: &[String],
) -> QueryResult<()> {
    diesel::delete(
        seeker_preferred_occupations::table
            .filter(seeker_preferred_occupations::seeker_id.eq(seeker_id)),
    )
    .execute(connection)
    .await?;
    diesel::delete(
        seeker_preferred_regions::table.filter(seeker_preferred_regions::seeker_id.eq(seeker_id)),
    )
    .execute(connection)
    .await?;
    let occupation_rows: Vec<_> = occupations
        .iter()
        .map(|code| {
            (
                seeker_preferred_occupations::seeker_id.eq(seeker_id),
                seeker_preferred_occupations::kbji_code.eq(code),
            )
        })
        .collect();
    diesel::insert_into(seeker_preferred_occupations::table)
        .values(occupation_rows)
        .execute(connection)
        .await?;
    let region_rows: Vec<_> = regions
        .iter()
        .map(|code| {
            (
                seeker_preferred_regions::seeker_id.eq(seeker_id),
                seeker_preferred_regions::region_code.eq(code),
            )
        })
        .collect();
    diesel::insert_into(seeker_preferred_regions::table)
        .values(region_rows)
        .execute(connection)
        .await?;
    Ok(())
}

/// One row of the status history, with the report dimensions copied from the card at the time of the change.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = seeker_status_changes)]
pub struct StatusChange {
    pub seeker_id: Uuid,
    /// `None` when the card is created.
    pub from_status: Option<String>,
    pub to_status: String,
    /// `None` when the system made the change (expiry).
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub sex: String,
    pub birth_year: i16,
    pub education_level: String,
    pub domicile_region_code: String,
}

/// Appends to the status history.
pub async fn record_status_change(
    connection: &mut AsyncPgConnection,
    change: &StatusChange,
) -> QueryResult<()> {
    diesel::insert_into(seeker_status_changes::table)
        .values(change)
        .execute(connection)
        .await?;
    Ok(())
}

/// One row of the status history as stored.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = seeker_status_changes)]
pub struct StatusHistoryEntry {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The status history of one card, oldest first.
pub async fn status_history(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<StatusHistoryEntry>> {
    seeker_status_changes::table
        .filter(seeker_status_changes::seeker_id.eq(seeker_id))
        .select(StatusHistoryEntry::as_select())
        .order(seeker_status_changes::id.asc())
        .load(connection)
        .await
}

/// The card's status and dates after a status move or a re-report.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = seekers, treat_none_as_null = true)]
pub struct CardState {
    pub status: String,
    pub status_changed_at: DateTime<Utc>,
    pub removed_reason: Option<String>,
    pub registered_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub last_reported_on: NaiveDate,
    pub next_report_due_on: NaiveDate,
}

/// Stores a new status and card dates and bumps the version.
pub async fn set_card_state(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    state: &CardState,
) -> QueryResult<()> {
    diesel::update(seekers::table.find(id))
        .set((
            state,
            seekers::version.eq(seekers::version + 1),
            seekers::updated_at.eq(Utc::now()),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// Bumps the version (after a change to a part of the profile held in another table).
pub async fn touch(connection: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(seekers::table.find(id))
        .set((
            seekers::version.eq(seekers::version + 1),
            seekers::updated_at.eq(Utc::now()),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// Active, not erased cards whose re-report is overdue or whose validity ended before `today`, ordered by
/// re-report due date and id, starting after `after` (the last row of the previous page).
pub async fn overdue_page(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<SeekerRow>> {
    let mut query = seekers::table
        .filter(seekers::status.eq("active"))
        .filter(seekers::erased_at.is_null())
        .filter(
            seekers::next_report_due_on
                .lt(today)
                .or(seekers::valid_until.lt(today)),
        )
        .select(SeekerRow::as_select())
        .order((seekers::next_report_due_on.asc(), seekers::id.asc()))
        .limit(limit)
        .into_boxed();
    if let Some((due, id)) = after {
        query = query.filter(
            seekers::next_report_due_on
                .gt(due)
                .or(seekers::next_report_due_on.eq(due).and(seekers::id.gt(id))),
        );
    }
    query.load(connection).await
}

/// The card an activation code was handed out for, with the code's hash.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = seekers)]
pub struct PendingActivation {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub full_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub activation_code_hash: Option<Vec<u8>>,
    pub activation_code_expires_at: Option<DateTime<Utc>>,
}

/// The card with this registration number, for activation.
pub async fn find_for_activation(
    connection: &mut AsyncPgConnection,
    registration_number: &str,
) -> QueryResult<Option<PendingActivation>> {
    seekers::table
        .filter(seekers::registration_number.eq(registration_number))
        .filter(seekers::erased_at.is_null())
        .select(PendingActivation::as_select())
        .for_update()
        .first(connection)
        .await
        .optional()
}

/// Stores a new activation code hash (replacing any earlier one).
pub async fn set_activation_code(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    code_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(seekers::table.find(id))
        .set((
            seekers::activation_code_hash.eq(code_hash),
            seekers::activation_code_expires_at.eq(expires_at),
            seekers::updated_at.eq(Utc::now()),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// Links the login account to the card, uses up the activation code and, when the card has no e-mail yet, takes
/// the login's.
pub async fn link_account(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    user_id: Uuid,
    email: &str,
) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(seekers::table.find(id))
        .set((
            seekers::user_id.eq(user_id),
            seekers::activation_code_hash.eq(None::<Vec<u8>>),
            seekers::activation_code_expires_at.eq(None::<DateTime<Utc>>),
            seekers::last_active_at.eq(now),
            seekers::updated_at.eq(now),
        ))
        .execute(connection)
        .await?;
    diesel::update(seekers::table.find(id).filter(seekers::email.is_null()))
        .set(seekers::email.eq(email))
        .execute(connection)
        .await?;
    Ok(())
}

/// The personal columns of a card set to NULL, as `seekers_erased_check` demands.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = seekers, treat_none_as_null = true)]
struct Erasure {
    user_id: Option<Uuid>,
    nik_hash: Option<Vec<u8>>,
    nik_ciphertext: Option<Vec<u8>>,
    nik_masked: Option<String>,
    full_name: Option<String>,
    birth_place: Option<String>,
    birth_date: Option<NaiveDate>,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    education_school: Option<String>,
    profile_summary: Option<String>,
    officer_notes: Option<String>,
    activation_code_hash: Option<Vec<u8>>,
    activation_code_expires_at: Option<DateTime<Utc>>,
    erased_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
}

/// Erases the card's personal columns (UU 27/2022). Sex, birth year, education level and major, kecamatan, dates,
/// statuses and preferences stay for anonymous statistics.
pub async fn erase(connection: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    let now = Utc::now();
    let erasure = Erasure {
        user_id: None,
        nik_hash: None,
        nik_ciphertext: None,
        nik_masked: None,
        full_name: None,
        birth_place: None,
        birth_date: None,
        address: None,
        phone: None,
        email: None,
        education_school: None,
        profile_summary: None,
        officer_notes: None,
        activation_code_hash: None,
        activation_code_expires_at: None,
        erased_at: Some(now),
        updated_at: now,
    };
    diesel::update(seekers::table.find(id))
        .set((&erasure, seekers::version.eq(seekers::version + 1)))
        .execute(connection)
        .await?;
    Ok(())
}

/// Deletes every queued notification to the seeker or their account (erasure: payloads may carry personal data).
pub async fn delete_notifications(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    user_id: Option<Uuid>,
) -> QueryResult<usize> {
    diesel::delete(
        notification_outbox::table.filter(
            notification_outbox::recipient_seeker_id
                .eq(seeker_id)
                .or(notification_outbox::recipient_user_id.eq(user_id)),
        ),
    )
    .execute(connection)
    .await
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = Bool)]
    found: bool,
}

/// Whether the seeker has (or had) a place in a cohort of one of `training_provider_id`'s programmes.
pub async fn is_trainee_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    training_provider_id: Uuid,
) -> QueryResult<bool> {
    let found: Found = diesel::sql_query(
        "SELECT EXISTS (SELECT 1 FROM enrolments e \
         JOIN cohorts c ON c.id = e.cohort_id \
         JOIN training_programmes p ON p.id = c.programme_id \
         WHERE e.seeker_id = $1 AND p.training_provider_id = $2) AS found",
    )
    .bind::<SqlUuid, _>(seeker_id)
    .bind::<SqlUuid, _>(training_provider_id)
    .get_result(connection)
    .await?;
    Ok(found.found)
}

/// A seeker's application as stored, for the data export.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub origin: String,
    pub stage: String,
    pub stage_changed_at: DateTime<Utc>,
    pub applied_at: Option<DateTime<Utc>>,
    pub cover_note: Option<String>,
    pub rejection_reason: Option<String>,
    pub rejection_note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Every application of one seeker, oldest first.
pub async fn applications_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<ApplicationRow>> {
    applications::table
        .filter(applications::seeker_id.eq(seeker_id))
        .select(ApplicationRow::as_select())
        .order((applications::created_at.asc(), applications::id.asc()))
        .load(connection)
        .await
}
