//! Queries on `employers`: registration, profile edits and verification by the labour office.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::employer::ValidEmployerRegistration;
use uuid::Uuid;

use crate::db::schema::employers;
use crate::pagination::Cursor;

/// An employer row as the API shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = employers)]
pub struct Employer {
    pub id: Uuid,
    pub name: String,
    pub legal_form: String,
    pub nib: String,
    pub npwp: Option<String>,
    pub kbli_code: String,
    pub address: String,
    pub region_code: Option<String>,
    pub contact_person_name: String,
    pub contact_phone: String,
    pub contact_email: Option<String>,
    pub company_size: Option<String>,
    pub website: Option<String>,
    pub verification_status: String,
    pub verification_note: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Inserts a new, `pending` employer.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    profile: &ValidEmployerRegistration,
    website: Option<&str>,
) -> QueryResult<Employer> {
    diesel::insert_into(employers::table)
        .values((
            employers::id.eq(id),
            employers::name.eq(profile.name()),
            employers::legal_form.eq(profile.legal_form().as_str()),
            employers::nib.eq(profile.nib().as_str()),
            employers::npwp.eq(profile.npwp().map(|n| n.as_str())),
            employers::kbli_code.eq(profile.kbli_code().as_str()),
            employers::address.eq(profile.address()),
            employers::region_code.eq(profile.region_code().map(|r| r.as_str().to_string())),
            employers::contact_person_name.eq(profile.contact_person_name()),
            employers::contact_phone.eq(profile.contact_phone().as_str()),
            employers::contact_email.eq(profile.contact_email().map(|e| e.as_str())),
            employers::company_size.eq(profile.company_size().map(|s| s.as_str())),
            employers::website.eq(website),
            employers::verification_status.eq("pending"),
        ))
        .returning(Employer::as_returning())
        .get_result(connection)
        .await
}

/// One employer.
pub async fn find(connection: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Employer>> {
    employers::table
        .find(id)
        .select(Employer::as_select())
        .first(connection)
        .await
        .optional()
}

/// Replaces the profile if `expected_version` is current; `None` when the version was stale.
/// `back_to_pending` re-opens verification (the legal identity of a verified employer changed).
pub async fn update_profile(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    profile: &ValidEmployerRegistration,
    website: Option<&str>,
    back_to_pending: bool,
) -> QueryResult<Option<Employer>> {
    let target = employers::table
        .find(id)
        .filter(employers::version.eq(expected_version));
    let changes = (
        employers::name.eq(profile.name()),
        employers::legal_form.eq(profile.legal_form().as_str()),
        employers::nib.eq(profile.nib().as_str()),
        employers::npwp.eq(profile.npwp().map(|n| n.as_str())),
        employers::kbli_code.eq(profile.kbli_code().as_str()),
        employers::address.eq(profile.address()),
        employers::region_code.eq(profile.region_code().map(|r| r.as_str().to_string())),
        employers::contact_person_name.eq(profile.contact_person_name()),
        employers::contact_phone.eq(profile.contact_phone().as_str()),
        employers::contact_email.eq(profile.contact_email().map(|e| e.as_str())),
        employers::company_size.eq(profile.company_size().map(|s| s.as_str())),
        employers::website.eq(website),
        employers::version.eq(employers::version + 1),
        employers::updated_at.eq(Utc::now()),
    );
    let updated = if back_to_pending {
        diesel::update(target)
            .set((
                changes,
                employers::verification_status.eq("pending"),
                employers::verification_note
                    .eq("identitas usaha berubah; perlu diverifikasi ulang / business identity changed; needs re-verification"),
            ))
            .returning(Employer::as_returning())
            .get_result(connection)
            .await
    } else {
        diesel::update(target)
            .set(changes)
            .returning(Employer::as_returning())
            .get_result(connection)
            .await
    };
    updated.optional()
}

/// Records a verification decision (or a resubmission) if `expected_version` is current.
pub async fn set_verification(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    status: &str,
    note: Option<&str>,
    decided_by: Option<Uuid>,
) -> QueryResult<Option<Employer>> {
    let now = Utc::now();
    let verified = status == "verified";
    diesel::update(
        employers::table
            .find(id)
            .filter(employers::version.eq(expected_version)),
    )
    .set((
        employers::verification_status.eq(status),
        employers::verification_note.eq(note),
        employers::verified_at.eq(verified.then_some(now)),
        employers::verified_by.eq(if verified { decided_by } else { None }),
        employers::version.eq(employers::version + 1),
        employers::updated_at.eq(now),
    ))
    .returning(Employer::as_returning())
    .get_result(connection)
    .await
    .optional()
}

/// Employers in `status` (all when `None`), oldest registration first, after `cursor`.
pub async fn list(
    connection: &mut AsyncPgConnection,
    status: Option<&str>,
    cursor: Option<&Cursor>,
    limit: i64,
) -> QueryResult<Vec<Employer>> {
    let mut query = employers::table.select(Employer::as_select()).into_boxed();
    if let Some(status) = status {
        query = query.filter(employers::verification_status.eq(status.to_string()));
    }
    if let Some(cursor) = cursor
        && let Ok(after) = DateTime::parse_from_rfc3339(&cursor.key)
    {
        let after = after.with_timezone(&Utc);
        query = query.filter(
            employers::created_at.gt(after).or(employers::created_at
                .eq(after)
                .and(employers::id.gt(cursor.id))),
        );
    }
    query
        .order((employers::created_at.asc(), employers::id.asc()))
        .limit(limit + 1)
        .load(connection)
        .await
}
