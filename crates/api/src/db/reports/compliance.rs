//! Employer compliance with vacancy reporting (Perpres 57/2023) and agreement commitments.
//!
//! Per employer, for the vacancies first reported in the period: how many, with how many openings, how many ended
//! filled, how many of those the employer reported filled itself (rather than the system, when recorded hires
//! reached the headcount), and the openings filled. Fill reports: a verified vacancy's outcome is due
//! `FILL_REPORT_DUE_DAYS` after its last valid day; it is overdue when that day ended inside the period without the
//! vacancy having been filled or withdrawn (closed) by then. Commitments: the employer's own commitments of
//! agreements that are not drafts, whose period overlaps the report period (whenever they were recorded: they are
//! plans, not events), with what the records show achieved in the commitment's period up to `as_of` (placements
//! at the employer; apprenticeships started in its programmes; training support has no record to count).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::ZONE;

/// The period of a compliance or agreements run.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub start: DateTime<Utc>,
    pub as_of: DateTime<Utc>,
    pub first_day: NaiveDate,
    /// The last local day counted (the last day of the period, or today while it runs).
    pub last_day: NaiveDate,
}

/// One employer's row.
#[derive(Debug, Clone, QueryableByName)]
pub struct ComplianceRow {
    #[diesel(sql_type = SqlUuid)]
    pub employer_id: Uuid,
    #[diesel(sql_type = Text)]
    pub employer_name: String,
    #[diesel(sql_type = Text)]
    pub nib: String,
    #[diesel(sql_type = Text)]
    pub verification_status: String,
    #[diesel(sql_type = Nullable<Date>)]
    pub verified_on: Option<NaiveDate>,
    #[diesel(sql_type = BigInt)]
    pub vacancies_reported: i64,
    #[diesel(sql_type = BigInt)]
    pub openings_reported: i64,
    #[diesel(sql_type = BigInt)]
    pub vacancies_filled: i64,
    #[diesel(sql_type = BigInt)]
    pub vacancies_reported_filled: i64,
    #[diesel(sql_type = BigInt)]
    pub openings_filled: i64,
    #[diesel(sql_type = BigInt)]
    pub fill_reports_due: i64,
    #[diesel(sql_type = BigInt)]
    pub fill_reports_overdue: i64,
    #[diesel(sql_type = BigInt)]
    pub committed_placements: i64,
    #[diesel(sql_type = BigInt)]
    pub achieved_placements: i64,
    #[diesel(sql_type = BigInt)]
    pub committed_apprenticeship_seats: i64,
    #[diesel(sql_type = BigInt)]
    pub achieved_apprenticeship_seats: i64,
    #[diesel(sql_type = BigInt)]
    pub committed_training_support: i64,
}

/// Placements and apprenticeships counted for one commitment (`employer` NULL = all parties of the agreement).
fn achieved_sql(employer: &str) -> String {
    format!(
        "CASE ac.kind
            WHEN 'placements' THEN (
                SELECT count(*) FROM placements p
                WHERE p.employer_id IN ({employer})
                  AND p.start_date BETWEEN ac.period_start AND LEAST(ac.period_end, $4) AND p.created_at < $2)
            WHEN 'apprenticeship_seats' THEN (
                SELECT count(*) FROM apprenticeships a
                JOIN apprenticeship_programmes ap ON ap.id = a.programme_id
                WHERE ap.host_employer_id IN ({employer})
                  AND a.starts_on BETWEEN ac.period_start AND LEAST(ac.period_end, $4) AND a.created_at < $2)
        END"
    )
}

/// Every employer with a vacancy reported in the period, a fill report due in it, or a commitment overlapping it.
#[tracing::instrument(skip_all)]
pub async fn employer_compliance(
    connection: &mut AsyncPgConnection,
    period: &Period,
    fill_report_due_days: i32,
) -> diesel::QueryResult<Vec<ComplianceRow>> {
    let achieved = achieved_sql("ac.employer_id");
    diesel::sql_query(format!(
        "WITH first_report AS (
            SELECT DISTINCT ON (vacancy_id) vacancy_id, at
            FROM vacancy_status_changes
            WHERE to_status = 'reported' AND at < $2
            ORDER BY vacancy_id, at, id
        ),
        verified AS (
            SELECT DISTINCT vacancy_id FROM vacancy_status_changes WHERE to_status = 'verified' AND at < $2
        ),
        outcome AS (
            SELECT DISTINCT ON (c.vacancy_id) c.vacancy_id, c.to_status, c.at, c.filled_count, u.role AS actor_role
            FROM vacancy_status_changes c
            LEFT JOIN users u ON u.id = c.actor_user_id
            WHERE c.to_status IN ('filled', 'closed', 'expired') AND c.at < $2
            ORDER BY c.vacancy_id, c.at, c.id
        ),
        per_vacancy AS (
            SELECT v.employer_id, v.headcount, r.at AS reported_at, o.to_status, o.at AS outcome_at,
                   o.filled_count, o.actor_role, (vf.vacancy_id IS NOT NULL) AS was_verified,
                   ((v.valid_until + $5 + 1)::timestamp AT TIME ZONE '{ZONE}') AS fill_report_due_at
            FROM vacancies v
            JOIN first_report r ON r.vacancy_id = v.id
            LEFT JOIN verified vf ON vf.vacancy_id = v.id
            LEFT JOIN outcome o ON o.vacancy_id = v.id
        ),
        vacancy_figures AS (
            SELECT employer_id,
                   count(*) FILTER (WHERE reported_at >= $1) AS vacancies_reported,
                   COALESCE(SUM(headcount) FILTER (WHERE reported_at >= $1), 0)::bigint AS openings_reported,
                   count(*) FILTER (WHERE reported_at >= $1 AND to_status = 'filled') AS vacancies_filled,
                   count(*) FILTER (WHERE reported_at >= $1 AND to_status = 'filled' AND actor_role = 'employer')
                       AS vacancies_reported_filled,
                   COALESCE(SUM(filled_count) FILTER (WHERE reported_at >= $1 AND to_status = 'filled'), 0)::bigint
                       AS openings_filled,
                   count(*) FILTER (WHERE was_verified AND fill_report_due_at > $1 AND fill_report_due_at <= $2)
                       AS fill_reports_due,
                   count(*) FILTER (
                       WHERE was_verified AND fill_report_due_at > $1 AND fill_report_due_at <= $2
                         AND NOT (to_status IN ('filled', 'closed') AND outcome_at < fill_report_due_at)
                   ) AS fill_reports_overdue
            FROM per_vacancy
            GROUP BY employer_id
        ),
        commitments AS (
            SELECT ac.employer_id, ac.kind, ac.target_quantity, {achieved} AS achieved
            FROM agreement_commitments ac
            JOIN agreements ag ON ag.id = ac.agreement_id
            WHERE ac.employer_id IS NOT NULL AND ag.status <> 'draft'
              AND ac.period_start <= $4 AND ac.period_end >= $3
        ),
        commitment_figures AS (
            SELECT employer_id,
                   COALESCE(SUM(target_quantity) FILTER (WHERE kind = 'placements'), 0)::bigint AS committed_placements,
                   COALESCE(SUM(achieved) FILTER (WHERE kind = 'placements'), 0)::bigint AS achieved_placements,
                   COALESCE(SUM(target_quantity) FILTER (WHERE kind = 'apprenticeship_seats'), 0)::bigint
                       AS committed_apprenticeship_seats,
                   COALESCE(SUM(achieved) FILTER (WHERE kind = 'apprenticeship_seats'), 0)::bigint
                       AS achieved_apprenticeship_seats,
                   COALESCE(SUM(target_quantity) FILTER (WHERE kind = 'training_support'), 0)::bigint
                       AS committed_training_support
            FROM commitments
            GROUP BY employer_id
        )
        SELECT e.id AS employer_id, e.name AS employer_name, e.nib, e.verification_status,
               (e.verified_at AT TIME ZONE '{ZONE}')::date AS verified_on,
               COALESCE(v.vacancies_reported, 0) AS vacancies_reported,
               COALESCE(v.openings_reported, 0) AS openings_reported,
               COALESCE(v.vacancies_filled, 0) AS vacancies_filled,
               COALESCE(v.vacancies_reported_filled, 0) AS vacancies_reported_filled,
               COALESCE(v.openings_filled, 0) AS openings_filled,
               COALESCE(v.fill_reports_due, 0) AS fill_reports_due,
               COALESCE(v.fill_reports_overdue, 0) AS fill_reports_overdue,
               COALESCE(c.committed_placements, 0) AS committed_placements,
               COALESCE(c.achieved_placements, 0) AS achieved_placements,
               COALESCE(c.committed_apprenticeship_seats, 0) AS committed_apprenticeship_seats,
               COALESCE(c.achieved_apprenticeship_seats, 0) AS achieved_apprenticeship_seats,
               COALESCE(c.committed_training_support, 0) AS committed_training_support
        FROM employers e
        LEFT JOIN vacancy_figures v ON v.employer_id = e.id
        LEFT JOIN commitment_figures c ON c.employer_id = e.id
        WHERE COALESCE(v.vacancies_reported, 0) > 0 OR COALESCE(v.fill_reports_due, 0) > 0 OR c.employer_id IS NOT NULL
        ORDER BY fill_reports_overdue DESC, e.name, e.id"
    ))
    .bind::<Timestamptz, _>(period.start)
    .bind::<Timestamptz, _>(period.as_of)
    .bind::<Date, _>(period.first_day)
    .bind::<Date, _>(period.last_day)
    .bind::<diesel::sql_types::Integer, _>(fill_report_due_days)
    .load(connection)
    .await
}

/// One commitment of an agreement with its fulfilment.
#[derive(Debug, Clone, QueryableByName)]
pub struct CommitmentRow {
    #[diesel(sql_type = SqlUuid)]
    pub agreement_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    pub agreement_number: Option<String>,
    #[diesel(sql_type = Text)]
    pub agreement_title: String,
    #[diesel(sql_type = Text)]
    pub agreement_status: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub employer_id: Option<Uuid>,
    /// The committing employer, or `NULL` for a joint commitment of all parties.
    #[diesel(sql_type = Nullable<Text>)]
    pub employer_name: Option<String>,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Date)]
    pub period_start: NaiveDate,
    #[diesel(sql_type = Date)]
    pub period_end: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub target: i64,
    /// `NULL` for training support, which no record counts.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub achieved: Option<i64>,
}

/// Every commitment of a non-draft agreement overlapping the period (joint ones count all parties).
#[tracing::instrument(skip_all)]
pub async fn commitments(
    connection: &mut AsyncPgConnection,
    period: &Period,
) -> diesel::QueryResult<Vec<CommitmentRow>> {
    let achieved = achieved_sql(
        "SELECT ap2.employer_id FROM agreement_parties ap2
         WHERE ap2.agreement_id = ac.agreement_id AND (ac.employer_id IS NULL OR ap2.employer_id = ac.employer_id)",
    );
    diesel::sql_query(format!(
        "SELECT ag.id AS agreement_id, ag.agreement_number, ag.title AS agreement_title,
                ag.status AS agreement_status, ac.employer_id, e.name AS employer_name, ac.kind,
                ac.period_start, ac.period_end, ac.target_quantity::bigint AS target, {achieved} AS achieved
         FROM agreement_commitments ac
         JOIN agreements ag ON ag.id = ac.agreement_id
         LEFT JOIN employers e ON e.id = ac.employer_id
         WHERE ag.status <> 'draft' AND ac.period_start <= $4 AND ac.period_end >= $3
         ORDER BY ag.signed_on, ag.id, e.name NULLS FIRST, ac.kind, ac.period_start, ac.id"
    ))
    .bind::<Timestamptz, _>(period.start)
    .bind::<Timestamptz, _>(period.as_of)
    .bind::<Date, _>(period.first_day)
    .bind::<Date, _>(period.last_day)
    .load(connection)
    .await
}
