//! Competency supply and demand at one instant: open required headcount per SKKNI unit and per vocation
//! (kejuruan) against the active seekers holding the unit, by their best evidence, and the programmes teaching it.
//!
//! Demand: vacancies on the register at `as_of` (verified, no final status yet) with openings left (headcount minus
//! placements recorded for them), counting the units they *require*. Supply: seekers whose AK/I card is active at
//! `as_of` (same spells as the IPK report), with evidence recorded before `as_of`; certified evidence counts only
//! while its certificate is valid and not revoked. A seeker counts once per unit, at the best level held.
//! Gap = openings − seekers holding the unit as trained or certified (declared evidence is shown, not counted).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::ZONE;

/// One row: a vocation (all its units together) or one unit.
#[derive(Debug, Clone, QueryableByName)]
pub struct CompetencyRow {
    /// `vocation` or `unit`.
    #[diesel(sql_type = Text)]
    pub level: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub vocation_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub vocation_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub unit_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub unit_title: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub vacancies: i64,
    #[diesel(sql_type = BigInt)]
    pub openings_required: i64,
    #[diesel(sql_type = BigInt)]
    pub seekers_declared: i64,
    #[diesel(sql_type = BigInt)]
    pub seekers_trained: i64,
    #[diesel(sql_type = BigInt)]
    pub seekers_certified: i64,
    #[diesel(sql_type = BigInt)]
    pub gap: i64,
    /// Programmes (not archived) teaching the unit, or of the vocation: `provider — programme`, `; ` separated.
    #[diesel(sql_type = Nullable<Text>)]
    pub programmes: Option<String>,
}

/// Supply and demand at `as_of` (instant) with `as_of_date` its local date.
#[tracing::instrument(skip_all)]
pub async fn supply_and_demand(
    connection: &mut AsyncPgConnection,
    as_of: DateTime<Utc>,
    as_of_date: NaiveDate,
) -> diesel::QueryResult<Vec<CompetencyRow>> {
    connection
        .build_transaction()
        .read_only()
        .run(async |connection| {
            diesel::sql_query(super::REPORT_WORK_MEM)
                .execute(connection)
                .await?;
            diesel::sql_query(format!(
                "WITH verified AS (
                    SELECT DISTINCT ON (vacancy_id) vacancy_id, at, headcount
                    FROM vacancy_status_changes
                    WHERE to_status = 'verified' AND at < $1
                    ORDER BY vacancy_id, at, id
                ),
                open_vacancies AS (
                    SELECT v.vacancy_id,
                           v.headcount - LEAST(
                               (SELECT count(*) FROM placements p WHERE p.vacancy_id = v.vacancy_id AND p.created_at < $1),
                               v.headcount) AS openings
                    FROM verified v
                    WHERE NOT EXISTS (
                        SELECT 1 FROM vacancy_status_changes x
                        WHERE x.vacancy_id = v.vacancy_id AND x.to_status IN ('filled', 'closed', 'expired') AND x.at < $1)
                ),
                demand AS (
                    SELECT vu.unit_code, o.vacancy_id, o.openings
                    FROM open_vacancies o
                    JOIN vacancy_units vu ON vu.vacancy_id = o.vacancy_id AND vu.requirement = 'required'
                    WHERE o.openings > 0
                ),
                last_change AS (
                    SELECT DISTINCT ON (seeker_id) seeker_id, to_status, at
                    FROM seeker_status_changes
                    WHERE at < $1
                    ORDER BY seeker_id, at DESC, id DESC
                ),
                active_seekers AS (
                    SELECT seeker_id FROM last_change
                    WHERE to_status = 'active'
                      AND ((((at AT TIME ZONE '{ZONE}')::date + interval '24 months')::date + 1)::timestamp
                           AT TIME ZONE '{ZONE}') > $1
                ),
                best AS (
                    SELECT sc.seeker_id, sc.unit_code,
                           MAX(CASE sc.evidence_level WHEN 'certified' THEN 3 WHEN 'trained' THEN 2 ELSE 1 END) AS level
                    FROM active_seekers a
                    JOIN seeker_competencies sc ON sc.seeker_id = a.seeker_id
                    LEFT JOIN certificates c ON c.id = sc.certificate_id
                    WHERE sc.created_at < $1
                      AND (sc.evidence_level <> 'certified'
                           OR (c.issued_on <= $2 AND (c.valid_until IS NULL OR c.valid_until >= $2)
                               AND (c.revoked_at IS NULL OR c.revoked_at >= $1)))
                    GROUP BY sc.seeker_id, sc.unit_code
                ),
                unit_rows AS (
                    SELECT 'unit' AS level, cu.vocation_code, cu.code AS unit_code, cu.title AS unit_title,
                           COALESCE(d.vacancies, 0) AS vacancies, COALESCE(d.openings, 0) AS openings_required,
                           COALESCE(s.declared, 0) AS seekers_declared, COALESCE(s.trained, 0) AS seekers_trained,
                           COALESCE(s.certified, 0) AS seekers_certified,
                           (SELECT string_agg(tp.name || ' — ' || p.name, '; ' ORDER BY tp.name, p.name)
                            FROM programme_units pu
                            JOIN training_programmes p ON p.id = pu.programme_id AND p.archived_at IS NULL
                            JOIN training_providers tp ON tp.id = p.training_provider_id
                            WHERE pu.unit_code = cu.code) AS programmes
                    FROM competency_units cu
                    LEFT JOIN (SELECT unit_code, count(*) AS vacancies, SUM(openings)::bigint AS openings
                               FROM demand GROUP BY unit_code) d ON d.unit_code = cu.code
                    LEFT JOIN (SELECT unit_code, count(*) FILTER (WHERE level = 1) AS declared,
                                      count(*) FILTER (WHERE level = 2) AS trained,
                                      count(*) FILTER (WHERE level = 3) AS certified
                               FROM best GROUP BY unit_code) s ON s.unit_code = cu.code
                    WHERE d.unit_code IS NOT NULL OR s.unit_code IS NOT NULL
                ),
                vocation_rows AS (
                    SELECT 'vocation' AS level, voc.code AS vocation_code, NULL::text AS unit_code, NULL::text AS unit_title,
                           COALESCE(d.vacancies, 0) AS vacancies, COALESCE(d.openings, 0) AS openings_required,
                           COALESCE(s.declared, 0) AS seekers_declared, COALESCE(s.trained, 0) AS seekers_trained,
                           COALESCE(s.certified, 0) AS seekers_certified,
                           (SELECT string_agg(tp.name || ' — ' || p.name, '; ' ORDER BY tp.name, p.name)
                            FROM training_programmes p
                            JOIN training_providers tp ON tp.id = p.training_provider_id
                            WHERE p.vocation_code = voc.code AND p.archived_at IS NULL) AS programmes
                    FROM vocations voc
                    LEFT JOIN (SELECT vocation_code, count(*) AS vacancies, SUM(openings)::bigint AS openings
                               FROM (SELECT DISTINCT cu.vocation_code, d.vacancy_id, d.openings
                                     FROM demand d JOIN competency_units cu ON cu.code = d.unit_code) per_vacancy
                               GROUP BY vocation_code) d ON d.vocation_code = voc.code
                    LEFT JOIN (SELECT vocation_code, count(*) FILTER (WHERE level = 1) AS declared,
                                      count(*) FILTER (WHERE level = 2) AS trained,
                                      count(*) FILTER (WHERE level = 3) AS certified
                               FROM (SELECT cu.vocation_code, b.seeker_id, MAX(b.level) AS level
                                     FROM best b JOIN competency_units cu ON cu.code = b.unit_code
                                     GROUP BY cu.vocation_code, b.seeker_id) per_seeker
                               GROUP BY vocation_code) s ON s.vocation_code = voc.code
                    WHERE d.vocation_code IS NOT NULL OR s.vocation_code IS NOT NULL
                ),
                all_rows AS (
                    SELECT * FROM vocation_rows
                    UNION ALL
                    SELECT * FROM unit_rows
                )
                SELECT r.level, r.vocation_code, voc.name AS vocation_name, r.unit_code, r.unit_title,
                       r.vacancies, r.openings_required, r.seekers_declared, r.seekers_trained, r.seekers_certified,
                       r.openings_required - r.seekers_trained - r.seekers_certified AS gap,
                       r.programmes
                FROM all_rows r
                LEFT JOIN vocations voc ON voc.code = r.vocation_code
                ORDER BY r.level DESC, gap DESC, r.vocation_code NULLS LAST, r.unit_code"
            ))
            .bind::<Timestamptz, _>(as_of)
            .bind::<Date, _>(as_of_date)
            .load(connection)
            .await
        })
        .await
}
