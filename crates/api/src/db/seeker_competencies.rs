//! Queries on a seeker's competency evidence: `seeker_competencies` (one row per piece of evidence), `certificates`
//! and `certificate_units`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{certificate_units, certificates, competency_units, seeker_competencies};

/// One piece of evidence as stored, with the unit's title.
#[derive(Debug, Queryable)]
pub struct EvidenceRow {
    pub id: Uuid,
    pub unit_code: String,
    pub unit_title: String,
    /// `declared`, `trained` or `certified`: what was recorded, before expiry is taken into account.
    pub evidence_level: String,
    pub certificate_id: Option<Uuid>,
    pub enrolment_id: Option<Uuid>,
    pub training_provider_id: Option<Uuid>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Every piece of evidence of one seeker, by unit code and then oldest first.
pub async fn evidence_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<EvidenceRow>> {
    seeker_competencies::table
        .inner_join(competency_units::table)
        .filter(seeker_competencies::seeker_id.eq(seeker_id))
        .select((
            seeker_competencies::id,
            seeker_competencies::unit_code,
            competency_units::title,
            seeker_competencies::evidence_level,
            seeker_competencies::certificate_id,
            seeker_competencies::enrolment_id,
            seeker_competencies::training_provider_id,
            seeker_competencies::recorded_by,
            seeker_competencies::created_at,
        ))
        .order((
            seeker_competencies::unit_code.asc(),
            seeker_competencies::created_at.asc(),
            seeker_competencies::id.asc(),
        ))
        .load(connection)
        .await
}

/// Records that the seeker declares a unit. A second declaration of the same unit fails on
/// `seeker_competencies_declared_key`.
pub async fn declare(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    unit_code: &str,
    recorded_by: Uuid,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(seeker_competencies::table)
        .values((
            seeker_competencies::id.eq(id),
            seeker_competencies::seeker_id.eq(seeker_id),
            seeker_competencies::unit_code.eq(unit_code),
            seeker_competencies::evidence_level.eq("declared"),
            seeker_competencies::recorded_by.eq(recorded_by),
        ))
        .execute(connection)
        .await?;
    Ok(id)
}

/// Withdraws the seeker's own declaration of a unit; returns how many rows went (0 or 1). Trained and certified
/// evidence is not touched.
pub async fn withdraw_declaration(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    unit_code: &str,
) -> QueryResult<usize> {
    diesel::delete(
        seeker_competencies::table
            .filter(seeker_competencies::seeker_id.eq(seeker_id))
            .filter(seeker_competencies::unit_code.eq(unit_code))
            .filter(seeker_competencies::evidence_level.eq("declared")),
    )
    .execute(connection)
    .await
}

/// Records training evidence from a training provider for each of `unit_codes`, skipping units this provider has
/// already recorded outside a cohort. Returns the units newly recorded.
pub async fn record_trained(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    unit_codes: &[String],
    training_provider_id: Uuid,
    recorded_by: Uuid,
) -> QueryResult<Vec<String>> {
    let already: Vec<String> = seeker_competencies::table
        .filter(seeker_competencies::seeker_id.eq(seeker_id))
        .filter(seeker_competencies::evidence_level.eq("trained"))
        .filter(seeker_competencies::training_provider_id.eq(training_provider_id))
        .filter(seeker_competencies::enrolment_id.is_null())
        .filter(seeker_competencies::unit_code.eq_any(unit_codes))
        .select(seeker_competencies::unit_code)
        .load(connection)
        .await?;
    let new_units: Vec<String> = unit_codes
        .iter()
        .filter(|code| !already.contains(code))
        .cloned()
        .collect();
    let rows: Vec<_> = new_units
        .iter()
        .map(|code| {
            (
                seeker_competencies::id.eq(Uuid::now_v7()),
                seeker_competencies::seeker_id.eq(seeker_id),
                seeker_competencies::unit_code.eq(code),
                seeker_competencies::evidence_level.eq("trained"),
                seeker_competencies::training_provider_id.eq(training_provider_id),
                seeker_competencies::recorded_by.eq(recorded_by),
            )
        })
        .collect();
    diesel::insert_into(seeker_competencies::table)
        .values(rows)
        .execute(connection)
        .await?;
    Ok(new_units)
}

/// A certificate to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = certificates)]
pub struct NewCertificate {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub certificate_number: String,
    pub scheme: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub status: String,
    pub recorded_by: Uuid,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
}

/// Stores a certificate, its units and one piece of certified evidence per unit. A certificate number the issuer
/// already used fails on `certificates_issuer_certificate_number_key`.
pub async fn insert_certificate(
    connection: &mut AsyncPgConnection,
    certificate: &NewCertificate,
    unit_codes: &[String],
) -> QueryResult<()> {
    diesel::insert_into(certificates::table)
        .values(certificate)
        .execute(connection)
        .await?;
    let unit_rows: Vec<_> = unit_codes
        .iter()
        .map(|code| {
            (
                certificate_units::certificate_id.eq(certificate.id),
                certificate_units::unit_code.eq(code),
            )
        })
        .collect();
    diesel::insert_into(certificate_units::table)
        .values(unit_rows)
        .execute(connection)
        .await?;
    let evidence_rows: Vec<_> = unit_codes
        .iter()
        .map(|code| {
            (
                seeker_competencies::id.eq(Uuid::now_v7()),
                seeker_competencies::seeker_id.eq(certificate.seeker_id),
                seeker_competencies::unit_code.eq(code),
                seeker_competencies::evidence_level.eq("certified"),
                seeker_competencies::certificate_id.eq(certificate.id),
                seeker_competencies::recorded_by.eq(certificate.recorded_by),
            )
        })
        .collect();
    diesel::insert_into(seeker_competencies::table)
        .values(evidence_rows)
        .execute(connection)
        .await?;
    Ok(())
}

/// A certificate as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = certificates)]
pub struct CertificateRow {
    pub id: Uuid,
    pub certificate_number: String,
    pub scheme: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub status: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    pub recorded_by: Uuid,
    pub verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Every certificate of one seeker with its units, oldest first.
pub async fn certificates_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<Vec<(CertificateRow, Vec<String>)>> {
    let rows: Vec<CertificateRow> = certificates::table
        .filter(certificates::seeker_id.eq(seeker_id))
        .select(CertificateRow::as_select())
        .order((certificates::issued_on.asc(), certificates::id.asc()))
        .load(connection)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let units: Vec<(Uuid, String)> = certificate_units::table
        .filter(certificate_units::certificate_id.eq_any(&ids))
        .select((
            certificate_units::certificate_id,
            certificate_units::unit_code,
        ))
        .order(certificate_units::unit_code.asc())
        .load(connection)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let codes = units
                .iter()
                .filter(|(certificate_id, _)| *certificate_id == row.id)
                .map(|(_, code)| code.clone())
                .collect();
            (row, codes)
        })
        .collect())
}

/// Deletes every certificate of one seeker; their units and certified evidence go with them (erasure: a
/// certificate number identifies its holder).
pub async fn delete_certificates_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
) -> QueryResult<usize> {
    diesel::delete(certificates::table.filter(certificates::seeker_id.eq(seeker_id)))
        .execute(connection)
        .await
}
