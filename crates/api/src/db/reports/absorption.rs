//! Training absorption: what became of a period's BLK graduates, per provider, programme and cohort.
//!
//! A graduate is an enrolment with a graduation date (`graduated_competent` or `graduated_not_competent`) in the
//! period. Their placement is the first placement of the seeker starting on or after the cohort's first day
//! (someone hired in the last weeks of training counts at 0 days). "Placed within N months" means that placement
//! started no later than N months after graduation. Follow-up: the latest recorded check (+3, +6, +12 months) of
//! that placement. Only records known at `as_of` count, so a past period re-runs to the same numbers.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Bool, Date, Double, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// One row: the whole city, a provider, a programme of it, or a cohort of that programme.
#[derive(Debug, Clone, QueryableByName)]
pub struct AbsorptionRow {
    /// `total`, `provider`, `programme` or `cohort`.
    #[diesel(sql_type = Text)]
    pub level: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub provider_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub provider_name: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub programme_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub programme_name: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub cohort_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub cohort_name: Option<String>,
    #[diesel(sql_type = Nullable<Date>)]
    pub last_graduated_on: Option<NaiveDate>,
    #[diesel(sql_type = BigInt)]
    pub graduates: i64,
    #[diesel(sql_type = BigInt)]
    pub graduates_competent: i64,
    #[diesel(sql_type = BigInt)]
    pub placed_within_3_months: i64,
    #[diesel(sql_type = BigInt)]
    pub placed_within_6_months: i64,
    #[diesel(sql_type = BigInt)]
    pub placed_within_12_months: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub median_days_to_placement: Option<f64>,
    #[diesel(sql_type = BigInt)]
    pub followed_up: i64,
    #[diesel(sql_type = BigInt)]
    pub still_employed: i64,
    /// Every graduate's 12-month window has ended by `as_of`.
    #[diesel(sql_type = Bool)]
    pub window_complete: bool,
}

/// Graduates of `first_day ..= last_day` as known at `as_of` (instant) / `as_of_date` (its local date).
#[tracing::instrument(skip_all)]
pub async fn absorption(
    connection: &mut AsyncPgConnection,
    first_day: NaiveDate,
    last_day: NaiveDate,
    as_of: DateTime<Utc>,
    as_of_date: NaiveDate,
) -> diesel::QueryResult<Vec<AbsorptionRow>> {
    diesel::sql_query(
        "WITH graduates AS (
            SELECT e.id AS enrolment_id, e.seeker_id, e.graduated_on, e.status, c.starts_on,
                   tp.id AS provider_id, tp.name AS provider_name, p.id AS programme_id, p.name AS programme_name,
                   c.id AS cohort_id, c.name AS cohort_name
            FROM enrolments e
            JOIN cohorts c ON c.id = e.cohort_id
            JOIN training_programmes p ON p.id = c.programme_id
            JOIN training_providers tp ON tp.id = p.training_provider_id
            WHERE e.graduated_on BETWEEN $1 AND $2 AND e.graduated_on <= $4
        ),
        placed AS (
            SELECT DISTINCT ON (g.enrolment_id) g.enrolment_id, pl.id AS placement_id, pl.start_date
            FROM graduates g
            JOIN placements pl ON pl.seeker_id = g.seeker_id
            WHERE pl.start_date >= g.starts_on AND pl.start_date <= $4 AND pl.created_at < $3
            ORDER BY g.enrolment_id, pl.start_date, pl.id
        ),
        last_followup AS (
            SELECT DISTINCT ON (f.placement_id) f.placement_id, f.outcome
            FROM placed
            JOIN placement_followups f ON f.placement_id = placed.placement_id
            WHERE f.outcome IS NOT NULL AND f.recorded_at < $3
            ORDER BY f.placement_id, f.offset_months DESC
        ),
        joined AS (
            SELECT g.*, pl.start_date,
                   GREATEST(pl.start_date - g.graduated_on, 0) AS days,
                   pl.start_date <= (g.graduated_on + interval '3 months')::date AS within_3,
                   pl.start_date <= (g.graduated_on + interval '6 months')::date AS within_6,
                   pl.start_date <= (g.graduated_on + interval '12 months')::date AS within_12,
                   f.outcome
            FROM graduates g
            LEFT JOIN placed pl USING (enrolment_id)
            LEFT JOIN last_followup f ON f.placement_id = pl.placement_id
        )
        SELECT CASE WHEN GROUPING(cohort_id) = 0 THEN 'cohort'
                    WHEN GROUPING(programme_id) = 0 THEN 'programme'
                    WHEN GROUPING(provider_id) = 0 THEN 'provider'
                    ELSE 'total' END AS level,
               provider_id, provider_name, programme_id, programme_name, cohort_id, cohort_name,
               MAX(graduated_on) AS last_graduated_on,
               count(*) AS graduates,
               count(*) FILTER (WHERE status = 'graduated_competent') AS graduates_competent,
               count(*) FILTER (WHERE within_3) AS placed_within_3_months,
               count(*) FILTER (WHERE within_6) AS placed_within_6_months,
               count(*) FILTER (WHERE within_12) AS placed_within_12_months,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE within_12)
                   AS median_days_to_placement,
               count(*) FILTER (WHERE within_12 AND outcome IS NOT NULL) AS followed_up,
               count(*) FILTER (WHERE within_12 AND outcome = 'still_employed') AS still_employed,
               COALESCE((MAX(graduated_on) + interval '12 months')::date < $4, true) AS window_complete
        FROM joined
        GROUP BY GROUPING SETS (
            (),
            (provider_id, provider_name),
            (provider_id, provider_name, programme_id, programme_name),
            (provider_id, provider_name, programme_id, programme_name, cohort_id, cohort_name)
        )
        ORDER BY provider_name NULLS FIRST, provider_id NULLS FIRST, programme_name NULLS FIRST,
                 programme_id NULLS FIRST, cohort_name NULLS FIRST, cohort_id NULLS FIRST",
    )
    .bind::<Date, _>(first_day)
    .bind::<Date, _>(last_day)
    .bind::<Timestamptz, _>(as_of)
    .bind::<Date, _>(as_of_date)
    .load(connection)
    .await
}
