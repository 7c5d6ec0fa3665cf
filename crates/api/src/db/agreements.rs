//! Queries on `agreements` (nota kesepahaman), `agreement_parties`, `agreement_commitments` and
//! `agreement_supported_cohorts`, and the counts that make up a commitment's fulfilment: apprenticeships started at
//! the committing parties, placements at them, people trained in the cohorts they supported. Fulfilment is never
//! stored.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Date, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{
    agreement_commitments, agreement_parties, agreement_supported_cohorts, agreements, cohorts,
    employers,
};

/// A whole `agreements` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agreements)]
pub struct AgreementRow {
    pub id: Uuid,
    pub agreement_number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub status: String,
    pub status_reason: Option<String>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the officer writes about an agreement.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = agreements)]
pub struct AgreementContent {
    pub agreement_number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// A party of an agreement.
#[derive(Debug, Clone, Queryable)]
pub struct PartyRow {
    pub employer_id: Uuid,
    pub employer_name: String,
    pub signatory_name: Option<String>,
}

/// A new party.
pub struct NewParty {
    pub employer_id: Uuid,
    pub signatory_name: Option<String>,
}

/// A commitment row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agreement_commitments)]
pub struct CommitmentRow {
    pub id: Uuid,
    pub employer_id: Option<Uuid>,
    pub kind: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub target_quantity: i32,
    pub description: Option<String>,
}

/// A new commitment and the cohorts it supported (training support only).
pub struct NewCommitment {
    pub id: Uuid,
    pub employer_id: Option<Uuid>,
    pub kind: &'static str,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub target_quantity: i32,
    pub description: Option<String>,
    pub supported_cohort_ids: Vec<Uuid>,
}

/// Inserts a draft agreement with its parties and commitments. Call inside a transaction.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    created_by: Uuid,
    content: &AgreementContent,
    parties: &[NewParty],
    commitments: &[NewCommitment],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(agreements::table)
        .values((
            content,
            agreements::id.eq(id),
            agreements::created_by.eq(created_by),
            agreements::status.eq("draft"),
            agreements::created_at.eq(now),
            agreements::updated_at.eq(now),
        ))
        .execute(connection)
        .await?;
    for party in parties {
        diesel::insert_into(agreement_parties::table)
            .values((
                agreement_parties::agreement_id.eq(id),
                agreement_parties::employer_id.eq(party.employer_id),
                agreement_parties::signatory_name.eq(&party.signatory_name),
            ))
            .execute(connection)
            .await?;
    }
    for commitment in commitments {
        diesel::insert_into(agreement_commitments::table)
            .values((
                agreement_commitments::id.eq(commitment.id),
                agreement_commitments::agreement_id.eq(id),
                agreement_commitments::employer_id.eq(commitment.employer_id),
                agreement_commitments::kind.eq(commitment.kind),
                agreement_commitments::period_start.eq(commitment.period_start),
                agreement_commitments::period_end.eq(commitment.period_end),
                agreement_commitments::target_quantity.eq(commitment.target_quantity),
                agreement_commitments::description.eq(&commitment.description),
                agreement_commitments::created_at.eq(now),
                agreement_commitments::updated_at.eq(now),
            ))
            .execute(connection)
            .await?;
        for cohort_id in &commitment.supported_cohort_ids {
            diesel::insert_into(agreement_supported_cohorts::table)
                .values((
                    agreement_supported_cohorts::commitment_id.eq(commitment.id),
                    agreement_supported_cohorts::cohort_id.eq(cohort_id),
                ))
                .execute(connection)
                .await?;
        }
    }
    Ok(())
}

/// The agreement `id`, if it exists.
pub async fn find(
    connection: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<AgreementRow>> {
    agreements::table
        .find(id)
        .select(AgreementRow::as_select())
        .first(connection)
        .await
        .optional()
}

/// Moves an agreement if it is still in `from` at `expected_version`. Returns whether it moved.
pub async fn move_status(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    expected_version: i32,
    from: &str,
    to: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        agreements::table
            .find(id)
            .filter(agreements::status.eq(from))
            .filter(agreements::version.eq(expected_version)),
    )
    .set((
        agreements::status.eq(to),
        agreements::status_reason.eq(reason),
        agreements::version.eq(agreements::version + 1),
        agreements::updated_at.eq(now),
    ))
    .execute(connection)
    .await?;
    Ok(updated == 1)
}

/// The parties of an agreement, by employer name.
pub async fn parties_of(
    connection: &mut AsyncPgConnection,
    agreement_id: Uuid,
) -> QueryResult<Vec<PartyRow>> {
    agreement_parties::table
        .inner_join(employers::table)
        .filter(agreement_parties::agreement_id.eq(agreement_id))
        .order(employers::name)
        .select((
            agreement_parties::employer_id,
            employers::name,
            agreement_parties::signatory_name,
        ))
        .load(connection)
        .await
}

/// The commitments of an agreement, by period and kind.
pub async fn commitments_of(
    connection: &mut AsyncPgConnection,
    agreement_id: Uuid,
) -> QueryResult<Vec<CommitmentRow>> {
    agreement_commitments::table
        .filter(agreement_commitments::agreement_id.eq(agreement_id))
        .order((
            agreement_commitments::period_start,
            agreement_commitments::kind,
            agreement_commitments::id,
        ))
        .select(CommitmentRow::as_select())
        .load(connection)
        .await
}

/// The cohorts a commitment supported.
pub async fn supported_cohorts_of(
    connection: &mut AsyncPgConnection,
    commitment_id: Uuid,
) -> QueryResult<Vec<Uuid>> {
    agreement_supported_cohorts::table
        .filter(agreement_supported_cohorts::commitment_id.eq(commitment_id))
        .order(agreement_supported_cohorts::cohort_id)
        .select(agreement_supported_cohorts::cohort_id)
        .load(connection)
        .await
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

/// Apprenticeships started within [`start`, `end`] in programmes hosted by one of `employer_ids`.
pub async fn count_apprenticeships(
    connection: &mut AsyncPgConnection,
    employer_ids: &[Uuid],
    start: NaiveDate,
    end: NaiveDate,
) -> QueryResult<i64> {
    let row: Count = diesel::sql_query(
        "SELECT count(*) AS count FROM apprenticeships a \
         JOIN apprenticeship_programmes p ON p.id = a.programme_id \
         WHERE p.host_employer_id = ANY($1) AND a.starts_on BETWEEN $2 AND $3",
    )
    .bind::<Array<SqlUuid>, _>(employer_ids)
    .bind::<Date, _>(start)
    .bind::<Date, _>(end)
    .get_result(connection)
    .await?;
    Ok(row.count)
}

/// Placements at one of `employer_ids` that started within [`start`, `end`].
pub async fn count_placements(
    connection: &mut AsyncPgConnection,
    employer_ids: &[Uuid],
    start: NaiveDate,
    end: NaiveDate,
) -> QueryResult<i64> {
    let row: Count = diesel::sql_query(
        "SELECT count(*) AS count FROM placements \
         WHERE employer_id = ANY($1) AND start_date BETWEEN $2 AND $3",
    )
    .bind::<Array<SqlUuid>, _>(employer_ids)
    .bind::<Date, _>(start)
    .bind::<Date, _>(end)
    .get_result(connection)
    .await?;
    Ok(row.count)
}

/// People trained (enrolments graduated, competent or not) in the cohorts commitment `commitment_id` supported,
/// whose cohort ended within [`start`, `end`].
pub async fn count_trained(
    connection: &mut AsyncPgConnection,
    commitment_id: Uuid,
    start: NaiveDate,
    end: NaiveDate,
) -> QueryResult<i64> {
    let row: Count = diesel::sql_query(
        "SELECT count(*) AS count FROM enrolments e \
         JOIN agreement_supported_cohorts s ON s.cohort_id = e.cohort_id \
         JOIN cohorts c ON c.id = e.cohort_id \
         WHERE s.commitment_id = $1 AND e.status IN ('graduated_competent', 'graduated_not_competent') \
           AND c.ends_on BETWEEN $2 AND $3",
    )
    .bind::<SqlUuid, _>(commitment_id)
    .bind::<Date, _>(start)
    .bind::<Date, _>(end)
    .get_result(connection)
    .await?;
    Ok(row.count)
}

/// Which of `ids` are employers.
pub async fn existing_employers(
    connection: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<Uuid>> {
    employers::table
        .filter(employers::id.eq_any(ids))
        .select(employers::id)
        .load(connection)
        .await
}

/// Which of `ids` are cohorts.
pub async fn existing_cohorts(
    connection: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<Uuid>> {
    cohorts::table
        .filter(cohorts::id.eq_any(ids))
        .select(cohorts::id)
        .load(connection)
        .await
}

/// Agreements newest first, all (or only those `employer_id` is party to), at most `limit` after
/// (`created_at`, id).
pub async fn list(
    connection: &mut AsyncPgConnection,
    party: Option<Uuid>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<AgreementRow>> {
    let mut query = agreements::table
        .select(AgreementRow::as_select())
        .into_boxed();
    if let Some(employer_id) = party {
        query = query.filter(
            agreements::id.eq_any(
                agreement_parties::table
                    .filter(agreement_parties::employer_id.eq(employer_id))
                    .select(agreement_parties::agreement_id),
            ),
        );
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            agreements::created_at
                .lt(created_at)
                .or(agreements::created_at
                    .eq(created_at)
                    .and(agreements::id.lt(id))),
        );
    }
    query
        .order((agreements::created_at.desc(), agreements::id.desc()))
        .limit(limit)
        .load(connection)
        .await
}
