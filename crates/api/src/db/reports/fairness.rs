//! Pipeline fairness: selection rates at each step of the hiring pipeline by sex, age band and disability, citywide
//! and per employer. Reported to officers only; nothing here is ever used in ranking.
//!
//! Applications: those applied (or invitations accepted) in the period. Each one's furthest stage reached
//! (`applied` < `screening` < `interview` < `offer` < `hired`; skipping forward counts as passing the skipped
//! steps) and its last stage are read from the pipeline history as known at `as_of`. At a step from stage S to the
//! next, an application was *considered* when it reached the next stage (selected) or was rejected while at S;
//! withdrawals (the seeker's choice) and applications still waiting are not decisions and are left out. The step
//! `overall` is applied → hired. Group attributes are the seeker's sex and disability and the age at application
//! (year applied minus birth year).

use chrono::{DateTime, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::report::FAIRNESS_AGE_BANDS;
use uuid::Uuid;

use super::{ZONE, age_group_case};

/// Considered and selected applications of one group at one step, citywide or at one employer.
#[derive(Debug, Clone, QueryableByName)]
pub struct SelectionRow {
    /// `NULL` for the citywide rows.
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub employer_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub employer_name: Option<String>,
    /// `sex`, `age_band` or `disability`.
    #[diesel(sql_type = Text)]
    pub dimension: String,
    #[diesel(sql_type = Text)]
    pub group_code: String,
    /// `screening`, `interview`, `offer`, `hired` (the stage reached at this step) or `overall`.
    #[diesel(sql_type = Text)]
    pub step: String,
    #[diesel(sql_type = BigInt)]
    pub considered: i64,
    #[diesel(sql_type = BigInt)]
    pub selected: i64,
}

/// Selection counts for applications made in `[start, as_of)`.
#[tracing::instrument(skip_all)]
pub async fn selection_counts(
    connection: &mut AsyncPgConnection,
    start: DateTime<Utc>,
    as_of: DateTime<Utc>,
) -> diesel::QueryResult<Vec<SelectionRow>> {
    let age_band = age_group_case(
        &format!("(date_part('year', a.applied_at AT TIME ZONE '{ZONE}')::int - s.birth_year)"),
        FAIRNESS_AGE_BANDS,
    );
    connection
        .build_transaction()
        .read_only()
        .run(async |connection| {
            diesel::sql_query(super::REPORT_WORK_MEM)
                .execute(connection)
                .await?;
            diesel::sql_query(format!(
                "WITH applications_made AS (
                    SELECT a.id, v.employer_id, s.sex, {age_band} AS age_band,
                           CASE WHEN s.has_disability THEN 'yes' ELSE 'no' END AS disability
                    FROM applications a
                    JOIN vacancies v ON v.id = a.vacancy_id
                    JOIN seekers s ON s.id = a.seeker_id
                    WHERE a.applied_at >= $1 AND a.applied_at < $2
                ),
                progress AS (
                    -- rejected is final: rejected before as_of means its last stage at as_of was rejected.
                    SELECT m.employer_id, m.sex, m.age_band, m.disability,
                           COALESCE(MAX(CASE c.to_stage WHEN 'screening' THEN 2 WHEN 'interview' THEN 3
                                                        WHEN 'offer' THEN 4 WHEN 'hired' THEN 5 END), 1) AS reached,
                           COALESCE(bool_or(c.to_stage = 'rejected'), false) AS rejected
                    FROM applications_made m
                    LEFT JOIN application_stage_changes c ON c.application_id = m.id AND c.at < $2
                    GROUP BY m.id, m.employer_id, m.sex, m.age_band, m.disability
                ),
                cells AS (
                    SELECT employer_id, sex, age_band, disability, reached, rejected, count(*) AS n
                    FROM progress
                    GROUP BY employer_id, sex, age_band, disability, reached, rejected
                ),
                steps(step, rank) AS (
                    VALUES ('screening', 2), ('interview', 3), ('offer', 4), ('hired', 5), ('overall', 0)
                ),
                decisions AS (
                    SELECT c.employer_id, d.dimension, d.group_code, st.step, c.n,
                           CASE WHEN st.rank = 0 THEN c.reached = 5 OR c.rejected
                                ELSE c.reached >= st.rank OR (c.reached = st.rank - 1 AND c.rejected)
                           END AS considered,
                           CASE WHEN st.rank = 0 THEN c.reached = 5 ELSE c.reached >= st.rank END AS selected
                    FROM cells c
                    CROSS JOIN LATERAL (VALUES ('sex', c.sex), ('age_band', c.age_band), ('disability', c.disability))
                        AS d(dimension, group_code)
                    CROSS JOIN steps st
                ),
                counted AS (
                    SELECT employer_id, dimension, group_code, step,
                           COALESCE(SUM(n) FILTER (WHERE considered), 0)::bigint AS considered,
                           COALESCE(SUM(n) FILTER (WHERE considered AND selected), 0)::bigint AS selected
                    FROM decisions
                    GROUP BY GROUPING SETS ((dimension, group_code, step), (employer_id, dimension, group_code, step))
                )
                SELECT c.employer_id, e.name AS employer_name, c.dimension, c.group_code, c.step, c.considered, c.selected
                FROM counted c
                LEFT JOIN employers e ON e.id = c.employer_id
                WHERE c.considered > 0
                ORDER BY c.employer_id IS NOT NULL, e.name, c.employer_id, c.dimension,
                         array_position(ARRAY['screening', 'interview', 'offer', 'hired', 'overall'], c.step), c.group_code"
            ))
            .bind::<Timestamptz, _>(start)
            .bind::<Timestamptz, _>(as_of)
            .load(connection)
            .await
        })
        .await
}
