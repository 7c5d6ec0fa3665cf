//! The monthly IPK summary: job seekers and vacancies as stocks and flows, by sex, with breakdowns.
//!
//! Both halves are built the same way. The records are turned into *spells* on the register (a seeker's AK/I card
//! from an entry into `active` to the first exit; a vacancy from its verification to its final status), each spell
//! into dated *events* (`entered`, `placed` (filled for vacancies), `removed`) that carry the spell's report
//! dimensions as they were at its start. Every cell is then a sum of events: carried over = the net of the events
//! before the period, the flows = the events inside it, remaining = the net of every event before `as_of`. Because
//! carried over and remaining are the same sum at two instants, `carried over + registered − placed − removed =
//! remaining` and "this month's carried over = last month's remaining" hold by construction, in every row.
//! The events are dated by when they were recorded (history rows are written at `now()`), so nothing recorded
//! after a month has ended can land in it: a past month re-runs to the same numbers.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::report::IPK_AGE_GROUPS;

use super::{ZONE, age_group_case};

/// One row of an IPK table: a group (or the total, or a month) with its flows by sex.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct FlowRow {
    /// `total`, a breakdown (`education`, `age_group`, `kbji_major_group`, `kbli_category`) or `month`.
    #[diesel(sql_type = Text)]
    pub dimension: String,
    /// The group's code (`total` for the total row, `YYYY-MM` for a month).
    #[diesel(sql_type = Text)]
    pub group_code: String,
    #[diesel(sql_type = BigInt)]
    pub carried_over_l: i64,
    #[diesel(sql_type = BigInt)]
    pub carried_over_p: i64,
    #[diesel(sql_type = BigInt)]
    pub carried_over_total: i64,
    #[diesel(sql_type = BigInt)]
    pub registered_l: i64,
    #[diesel(sql_type = BigInt)]
    pub registered_p: i64,
    #[diesel(sql_type = BigInt)]
    pub registered_total: i64,
    /// Seekers placed; for vacancies, openings filled.
    #[diesel(sql_type = BigInt)]
    pub placed_l: i64,
    #[diesel(sql_type = BigInt)]
    pub placed_p: i64,
    #[diesel(sql_type = BigInt)]
    pub placed_total: i64,
    #[diesel(sql_type = BigInt)]
    pub removed_l: i64,
    #[diesel(sql_type = BigInt)]
    pub removed_p: i64,
    #[diesel(sql_type = BigInt)]
    pub removed_total: i64,
    #[diesel(sql_type = BigInt)]
    pub remaining_l: i64,
    #[diesel(sql_type = BigInt)]
    pub remaining_p: i64,
    #[diesel(sql_type = BigInt)]
    pub remaining_total: i64,
}

/// The period and place of one IPK run.
#[derive(Debug, Clone)]
pub struct IpkScope<'a> {
    /// First instant of the first month.
    pub period_start: DateTime<Utc>,
    /// End of the last month, or now while it runs.
    pub as_of: DateTime<Utc>,
    /// The first and last month as local timestamps (midnight on the first), for the monthly rows.
    pub first_month: NaiveDateTime,
    pub last_month: NaiveDateTime,
    /// A kecamatan code, or `None` for the whole city.
    pub region_code: Option<&'a str>,
}

/// Seekers: one spell per entry into `active` (registration or re-registration); it ends at the next recorded
/// status change (placed, removed, or an expiry recorded late) or when the card's two-year validity lapses
/// (midnight after `registered_on + 24 months`), whichever comes first. Ended by `placed` it counts as placed,
/// otherwise as removed (removal on request or by an officer, and expiry).
fn seeker_dated() -> String {
    let age_group = age_group_case("age", IPK_AGE_GROUPS);
    // `OFFSET 0` keeps each subquery from being flattened into the next: its computed columns (the age, the lapse
    // instant) are then evaluated once per row instead of once per reference.
    format!(
        "history AS (
            SELECT to_status, at, sex, birth_year, education_level, domicile_region_code,
                   lead(to_status) OVER w AS next_status, lead(at) OVER w AS next_at
            FROM seeker_status_changes
            WINDOW w AS (PARTITION BY seeker_id ORDER BY at, id)
        ),
        spells AS (
            SELECT sex, education, {age_group} AS age_group, starts_at,
                   LEAST(COALESCE(next_at, 'infinity'::timestamptz), lapses_at) AS ends_at,
                   COALESCE(next_status = 'placed' AND next_at <= lapses_at, false) AS by_placement
            FROM (
                SELECT sex, education_level AS education,
                       date_part('year', at AT TIME ZONE '{ZONE}')::int - birth_year AS age,
                       at AS starts_at, next_status, next_at,
                       ((((at AT TIME ZONE '{ZONE}')::date + interval '24 months')::date + 1)::timestamp
                           AT TIME ZONE '{ZONE}') AS lapses_at
                FROM history
                WHERE to_status = 'active' AND at < $2 AND ($3::text IS NULL OR domicile_region_code = $3)
                OFFSET 0
            ) computed
            OFFSET 0
        ),
        buckets AS (
            -- Spells alike in their dimensions, start month and end month (NULL = before the period,
            -- infinity = not ended by as_of) counted together: a few thousand rows.
            SELECT sex, education, age_group,
                   CASE WHEN starts_at >= $1 THEN date_trunc('month', starts_at AT TIME ZONE '{ZONE}')::date END
                       AS start_month,
                   CASE WHEN ends_at >= $2 THEN DATE 'infinity'
                        WHEN ends_at >= $1 THEN date_trunc('month', ends_at AT TIME ZONE '{ZONE}')::date END
                       AS end_month,
                   by_placement, count(*) AS n
            FROM spells
            GROUP BY sex, education, age_group, start_month, end_month, by_placement
        ),
        dated AS (
            SELECT b.sex, b.education, b.age_group, e.month,
                   SUM(e.entered) AS entered, SUM(e.placed) AS placed, SUM(e.removed) AS removed
            FROM buckets b
            CROSS JOIN LATERAL (
                VALUES (b.start_month, b.n, 0, 0),
                       (b.end_month, 0, CASE WHEN b.by_placement THEN b.n ELSE 0 END,
                        CASE WHEN b.by_placement THEN 0 ELSE b.n END)
            ) AS e(month, entered, placed, removed)
            WHERE e.month IS DISTINCT FROM DATE 'infinity'
            GROUP BY b.sex, b.education, b.age_group, e.month
        )"
    )
}

/// Vacancies, counted in openings (headcount): a spell from verification (`reported → verified`, once per vacancy:
/// a verified vacancy can no longer be edited) to the first final status (filled, closed, expired). Openings are
/// registered at verification; each placement recorded for the vacancy during the spell fills one opening when it
/// is recorded (at most the headcount); at the final status, openings reported filled beyond the recorded
/// placements are filled and the rest are removed.
fn vacancy_dated() -> String {
    format!(
        "entries AS (
            SELECT DISTINCT ON (vacancy_id) vacancy_id, at AS starts_at, headcount,
                   sex_requirement AS sex, COALESCE(min_education, 'none') AS education,
                   left(kbji_code, 1) AS kbji_major_group, kbli_code, region_code
            FROM vacancy_status_changes
            WHERE to_status = 'verified' AND at < $2
            ORDER BY vacancy_id, at, id
        ),
        exits AS (
            SELECT DISTINCT ON (vacancy_id) vacancy_id, at, filled_count
            FROM vacancy_status_changes
            WHERE to_status IN ('filled', 'closed', 'expired')
            ORDER BY vacancy_id, at, id
        ),
        spells AS (
            SELECT e.vacancy_id, e.starts_at, e.headcount, e.sex, e.education, e.kbji_major_group,
                   COALESCE(i.category, 'unknown') AS kbli_category,
                   x.at AS ends_at, x.filled_count AS filled_at_exit
            FROM entries e
            LEFT JOIN industries i ON i.code = e.kbli_code
            LEFT JOIN exits x ON x.vacancy_id = e.vacancy_id AND x.at >= e.starts_at
            WHERE $3::text IS NULL OR e.region_code = $3
        ),
        hires AS (
            SELECT p.vacancy_id, p.created_at AS at,
                   row_number() OVER (PARTITION BY p.vacancy_id ORDER BY p.created_at, p.id) AS n
            FROM spells s
            JOIN placements p ON p.vacancy_id = s.vacancy_id
            WHERE p.created_at >= s.starts_at AND (s.ends_at IS NULL OR p.created_at < s.ends_at)
        ),
        counted AS (
            SELECT s.*, LEAST(COALESCE(h.hires, 0), s.headcount) AS hired,
                   GREATEST(COALESCE(s.filled_at_exit, 0), LEAST(COALESCE(h.hires, 0), s.headcount)) AS filled
            FROM spells s
            LEFT JOIN (SELECT vacancy_id, count(*)::int AS hires FROM hires GROUP BY vacancy_id) h USING (vacancy_id)
        ),
        events AS (
            SELECT starts_at AS at, sex, education, kbji_major_group, kbli_category,
                   headcount AS entered, 0 AS placed, 0 AS removed
            FROM counted
            UNION ALL
            SELECT h.at, c.sex, c.education, c.kbji_major_group, c.kbli_category, 0, 1, 0
            FROM hires h JOIN counted c USING (vacancy_id)
            WHERE h.n <= c.headcount AND h.at < $2
            UNION ALL
            SELECT ends_at, sex, education, kbji_major_group, kbli_category, 0, filled - hired, headcount - filled
            FROM counted
            WHERE ends_at < $2
        ),
        dated AS (
            SELECT sex, education, kbji_major_group, kbli_category,
                   CASE WHEN at >= $1 THEN date_trunc('month', at AT TIME ZONE '{ZONE}')::date END AS month,
                   SUM(entered) AS entered, SUM(placed) AS placed, SUM(removed) AS removed
            FROM events
            WHERE at < $2
            GROUP BY sex, education, kbji_major_group, kbli_category, month
        )"
    )
}

const SEXES: [(&str, &str); 3] = [
    ("l", " AND sex = 'L'"),
    ("p", " AND sex = 'P'"),
    ("total", ""),
];

/// The shared tail: breakdown rows by grouping sets over `dimensions`, then one row per month of the period with
/// its carried over taken from the running net of the months before it.
fn flow_sql(dated: &str, dimensions: &[&str]) -> String {
    let mut aggregates = Vec::new();
    for (suffix, filter) in SEXES {
        aggregates.push(format!(
            "COALESCE(SUM(entered - placed - removed) FILTER (WHERE month IS NULL{filter}), 0)::bigint \
             AS carried_over_{suffix}"
        ));
        for flow in ["entered", "placed", "removed"] {
            let name = if flow == "entered" {
                "registered"
            } else {
                flow
            };
            aggregates.push(format!(
                "COALESCE(SUM({flow}) FILTER (WHERE month IS NOT NULL{filter}), 0)::bigint AS {name}_{suffix}"
            ));
        }
        aggregates.push(format!(
            "COALESCE(SUM(entered - placed - removed) FILTER (WHERE true{filter}), 0)::bigint AS remaining_{suffix}"
        ));
    }
    let dimension_case = dimensions
        .iter()
        .map(|name| format!("WHEN GROUPING({name}) = 0 THEN '{name}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let group_code = dimensions.join(", ");
    let sets = dimensions
        .iter()
        .map(|name| format!("({name})"))
        .collect::<Vec<_>>()
        .join(", ");
    // In the order of the first branch of the UNION below: flow by flow, each L, P, total.
    let net = |suffix: &str| {
        format!(
            "COALESCE(a.registered_{suffix}, 0) - COALESCE(a.placed_{suffix}, 0) - COALESCE(a.removed_{suffix}, 0)"
        )
    };
    let mut monthly_columns = Vec::new();
    for (suffix, _) in SEXES {
        monthly_columns.push(format!(
            "(t.carried_over_{suffix} + COALESCE(SUM({}) OVER before_month, 0))::bigint AS carried_over_{suffix}",
            net(suffix)
        ));
    }
    for flow in ["registered", "placed", "removed"] {
        for (suffix, _) in SEXES {
            monthly_columns.push(format!("COALESCE(a.{flow}_{suffix}, 0) AS {flow}_{suffix}"));
        }
    }
    for (suffix, _) in SEXES {
        monthly_columns.push(format!(
            "(t.carried_over_{suffix} + COALESCE(SUM({}) OVER through_month, 0))::bigint AS remaining_{suffix}",
            net(suffix)
        ));
    }
    format!(
        "WITH {dated},
        aggregated AS (
            SELECT CASE {dimension_case} WHEN GROUPING(month) = 0 THEN 'month' ELSE 'total' END AS dimension,
                   COALESCE({group_code}, to_char(month, 'YYYY-MM'),
                            CASE WHEN GROUPING(month) = 0 THEN 'before' ELSE 'total' END) AS group_code,
                   {aggregates}
            FROM dated
            GROUP BY GROUPING SETS ((), {sets}, (month))
        ),
        months AS (
            SELECT to_char(m, 'YYYY-MM') AS group_code
            FROM generate_series($4::timestamp, $5::timestamp, interval '1 month') AS m
        )
        SELECT dimension, group_code,
               carried_over_l, carried_over_p, carried_over_total,
               registered_l, registered_p, registered_total,
               placed_l, placed_p, placed_total,
               removed_l, removed_p, removed_total,
               remaining_l, remaining_p, remaining_total
        FROM aggregated
        WHERE dimension <> 'month'
        UNION ALL
        SELECT * FROM (
            SELECT 'month' AS dimension, m.group_code, {monthly_columns}
            FROM months m
            CROSS JOIN (SELECT * FROM aggregated WHERE dimension = 'total') t
            LEFT JOIN aggregated a ON a.dimension = 'month' AND a.group_code = m.group_code
            WINDOW before_month AS (ORDER BY m.group_code ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                   through_month AS (ORDER BY m.group_code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        ) monthly",
        aggregates = aggregates.join(",\n                   "),
        monthly_columns = monthly_columns.join(",\n                   "),
    )
}

async fn run(
    connection: &mut AsyncPgConnection,
    sql: String,
    scope: &IpkScope<'_>,
) -> diesel::QueryResult<Vec<FlowRow>> {
    diesel::sql_query(sql)
        .bind::<Timestamptz, _>(scope.period_start)
        .bind::<Timestamptz, _>(scope.as_of)
        .bind::<Nullable<Text>, _>(scope.region_code)
        .bind::<Timestamp, _>(scope.first_month)
        .bind::<Timestamp, _>(scope.last_month)
        .load(connection)
        .await
}

/// The seeker half: total, by education level, by age group, and one row per month.
#[tracing::instrument(skip_all)]
pub async fn seeker_flows(
    connection: &mut AsyncPgConnection,
    scope: &IpkScope<'_>,
) -> diesel::QueryResult<Vec<FlowRow>> {
    let sql = flow_sql(&seeker_dated(), &["education", "age_group"]);
    run(connection, sql, scope).await
}

/// The vacancy half (in openings): total, by minimum education, KBJI major group, KBLI category, and per month.
#[tracing::instrument(skip_all)]
pub async fn vacancy_flows(
    connection: &mut AsyncPgConnection,
    scope: &IpkScope<'_>,
) -> diesel::QueryResult<Vec<FlowRow>> {
    let sql = flow_sql(
        &vacancy_dated(),
        &["education", "kbji_major_group", "kbli_category"],
    );
    run(connection, sql, scope).await
}

/// Both halves in one read-only, repeatable-read transaction (one snapshot: a change committed between the two
/// queries cannot make them disagree), with room to sort and hash in memory.
pub async fn flows(
    connection: &mut AsyncPgConnection,
    scope: &IpkScope<'_>,
) -> diesel::QueryResult<(Vec<FlowRow>, Vec<FlowRow>)> {
    connection
        .build_transaction()
        .read_only()
        .repeatable_read()
        .run(async |connection| {
            diesel::sql_query(super::REPORT_WORK_MEM)
                .execute(connection)
                .await?;
            let seekers = seeker_flows(connection, scope).await?;
            let vacancies = vacancy_flows(connection, scope).await?;
            Ok((seekers, vacancies))
        })
        .await
}
