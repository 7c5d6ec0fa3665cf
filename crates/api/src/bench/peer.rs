//! The plain-PostgreSQL peer: the same candidate ranking as one SQL statement over a table of GIN-indexed unit
//! arrays, `LIMIT 20`. It is what a team without a search engine would build, made as fast as PostgreSQL allows:
//!
//! - one row per seeker with the units it holds at each evidence level *for the benchmark day* (expired
//!   certificates already demoted), its driving licences with the classes they imply, months per occupation group
//!   and the analysed profile terms (written once, by this module, from the same documents the index reads);
//! - eligibility as `WHERE` conditions (array containment for mandatory units and licences);
//! - the keys as expressions, ordered in SQL with `FETCH FIRST 20 ROWS WITH TIES`; only the stable tie-break (a
//!   64-bit mix PostgreSQL has no cheap way to compute) is applied to the returned ties in Rust;
//! - a first pass limited to seekers sharing a unit with the vacancy (`units && $units`, the GIN index), and a
//!   second pass over every eligible seeker only when the first cannot prove its answer (fewer than 20 rows, or
//!   a 20th row covering no unit), as the index does.
//!
//! Both give the same top 20; the benchmark checks it.

use diesel::sql_types::{Array, Bool, Date, Int2, Int4, Int8, Nullable, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use jembatan_domain::ids::SeekerId;
use jembatan_domain::vocab::{DrivingLicence, EvidenceLevel, SeekerStatus, UnitRequirement};
use jembatan_search::{CandidateKey, SeekerDocument, VacancyDocument, holds_licences, ranking};
use uuid::Uuid;

/// Rows written per statement while filling the table.
const FILL_BATCH: usize = 5_000;

/// Creates and fills `bench_peer` from the documents (for `day`), with its indexes.
pub async fn build(
    connection: &mut AsyncPgConnection,
    seekers: &[SeekerDocument],
    day: chrono::NaiveDate,
) -> anyhow::Result<()> {
    connection
        .batch_execute(
            "DROP TABLE IF EXISTS bench_peer; \
             CREATE UNLOGGED TABLE bench_peer ( \
                 id uuid PRIMARY KEY, status text NOT NULL, card_valid_until date NOT NULL, \
                 open_to_work boolean NOT NULL, consent boolean NOT NULL, education_rank smallint NOT NULL, \
                 licences text[] NOT NULL, units text[] NOT NULL, units_trained text[] NOT NULL, \
                 units_certified text[] NOT NULL, experience_groups int[] NOT NULL, \
                 experience_months int[] NOT NULL, profile_terms text[] NOT NULL, last_active_on date)",
        )
        .await?;
    for batch in seekers.chunks(FILL_BATCH) {
        let mut columns = Columns::default();
        for seeker in batch {
            columns.push(seeker, day);
        }
        diesel::sql_query(
            "INSERT INTO bench_peer \
             SELECT id, status, card_valid_until, open_to_work, consent, education_rank, \
                    string_to_array(licences, ' '), string_to_array(units, ' '), string_to_array(units_trained, ' '), \
                    string_to_array(units_certified, ' '), string_to_array(experience_groups, ' ')::int[], \
                    string_to_array(experience_months, ' ')::int[], string_to_array(profile_terms, ' '), \
                    last_active_on \
             FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bool[], $5::bool[], $6::int2[], $7::text[], \
                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::date[]) \
                  AS t(id, status, card_valid_until, open_to_work, consent, education_rank, licences, units, \
                       units_trained, units_certified, experience_groups, experience_months, profile_terms, \
                       last_active_on)",
        )
        .bind::<Array<SqlUuid>, _>(&columns.id)
        .bind::<Array<Text>, _>(&columns.status)
        .bind::<Array<Date>, _>(&columns.card_valid_until)
        .bind::<Array<Bool>, _>(&columns.open_to_work)
        .bind::<Array<Bool>, _>(&columns.consent)
        .bind::<Array<Int2>, _>(&columns.education_rank)
        .bind::<Array<Text>, _>(&columns.licences)
        .bind::<Array<Text>, _>(&columns.units)
        .bind::<Array<Text>, _>(&columns.units_trained)
        .bind::<Array<Text>, _>(&columns.units_certified)
        .bind::<Array<Text>, _>(&columns.experience_groups)
        .bind::<Array<Text>, _>(&columns.experience_months)
        .bind::<Array<Text>, _>(&columns.profile_terms)
        .bind::<Array<Nullable<Date>>, _>(&columns.last_active_on)
        .execute(connection)
        .await?;
    }
    connection
        .batch_execute(
            "CREATE INDEX bench_peer_units_idx ON bench_peer USING gin (units); \
             ANALYZE bench_peer;",
        )
        .await?;
    Ok(())
}

/// The peer table's columns for one batch (space-joined arrays: codes and terms hold no spaces).
#[derive(Default)]
struct Columns {
    id: Vec<Uuid>,
    status: Vec<String>,
    card_valid_until: Vec<chrono::NaiveDate>,
    open_to_work: Vec<bool>,
    consent: Vec<bool>,
    education_rank: Vec<i16>,
    licences: Vec<String>,
    units: Vec<String>,
    units_trained: Vec<String>,
    units_certified: Vec<String>,
    experience_groups: Vec<String>,
    experience_months: Vec<String>,
    profile_terms: Vec<String>,
    last_active_on: Vec<Option<chrono::NaiveDate>>,
}

impl Columns {
    fn push(&mut self, seeker: &SeekerDocument, day: chrono::NaiveDate) {
        let evidence = seeker.best_evidence(day);
        let at_least = |minimum: EvidenceLevel| {
            evidence
                .iter()
                .filter(|(_, level)| **level >= minimum)
                .map(|(code, _)| code.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let experience = seeker.experience_months(day);
        let held: Vec<&str> = DrivingLicence::ALL
            .iter()
            .filter(|class| holds_licences(&seeker.driving_licences, &[**class]))
            .map(|class| class.as_str())
            .collect();
        self.id.push(seeker.id.into_inner());
        self.status.push(
            match seeker.status {
                SeekerStatus::Active => "active",
                SeekerStatus::Placed => "placed",
                SeekerStatus::Removed => "removed",
                SeekerStatus::Expired => "expired",
            }
            .to_string(),
        );
        self.card_valid_until.push(seeker.card_valid_until);
        self.open_to_work.push(seeker.open_to_work);
        self.consent.push(seeker.consent_visible_to_employers);
        self.education_rank
            .push(i16::from(seeker.education_level.rank()));
        self.licences.push(held.join(" "));
        self.units.push(at_least(EvidenceLevel::Declared));
        self.units_trained.push(at_least(EvidenceLevel::Trained));
        self.units_certified
            .push(at_least(EvidenceLevel::Certified));
        self.experience_groups.push(
            experience
                .keys()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        );
        self.experience_months.push(
            experience
                .values()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let mut terms = seeker.profile_terms();
        terms.sort();
        terms.dedup();
        self.profile_terms.push(terms.join(" "));
        self.last_active_on.push(seeker.last_active_on);
    }
}

/// The ranking statement. `$16` turns the first pass (seekers sharing a unit) into the full scan.
const RANK_SQL: &str = "\
SELECT id, req_covered, req_points, opt_covered, opt_points, experience, relevance, last_active_on
FROM (
    SELECT p.id, r.covered AS req_covered, r.points AS req_points, o.covered AS opt_covered, o.points AS opt_points,
           COALESCE(p.experience_months[array_position(p.experience_groups, $9)], 0) AS experience,
           (SELECT COALESCE(sum(t.weight), 0) FROM unnest($10::text[], $11::int[]) AS t(term, weight)
             WHERE t.term = ANY (p.profile_terms))::int AS relevance,
           p.last_active_on
    FROM bench_peer p
    CROSS JOIN LATERAL (
        SELECT count(*)::int AS covered, COALESCE(sum(l.level), 0)::int AS points
        FROM unnest($2::text[], $3::int[]) AS u(code, minimum)
        CROSS JOIN LATERAL (SELECT CASE WHEN u.code = ANY (p.units_certified) THEN 2
                                        WHEN u.code = ANY (p.units_trained) THEN 1
                                        WHEN u.code = ANY (p.units) THEN 0 END AS level) l
        WHERE l.level >= u.minimum) r
    CROSS JOIN LATERAL (
        SELECT count(*)::int AS covered, COALESCE(sum(l.level), 0)::int AS points
        FROM unnest($4::text[], $5::int[]) AS u(code, minimum)
        CROSS JOIN LATERAL (SELECT CASE WHEN u.code = ANY (p.units_certified) THEN 2
                                        WHEN u.code = ANY (p.units_trained) THEN 1
                                        WHEN u.code = ANY (p.units) THEN 0 END AS level) l
        WHERE l.level >= u.minimum) o
    WHERE p.consent
      AND ((p.status = 'active' AND p.card_valid_until >= $1) OR (p.status = 'placed' AND p.open_to_work))
      AND p.education_rank >= $7
      AND p.licences @> $8
      AND p.units @> $12 AND p.units_trained @> $13 AND p.units_certified @> $14
      AND p.id <> ALL ($15)
      AND ($16 OR p.units && $6)
) s
ORDER BY req_covered DESC, req_points DESC, opt_covered DESC, opt_points DESC, experience DESC, relevance DESC,
         last_active_on DESC NULLS LAST
FETCH FIRST 20 ROWS WITH TIES";

#[derive(diesel::QueryableByName)]
struct RankedRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Int4)]
    req_covered: i32,
    #[diesel(sql_type = Int4)]
    req_points: i32,
    #[diesel(sql_type = Int4)]
    opt_covered: i32,
    #[diesel(sql_type = Int4)]
    opt_points: i32,
    #[diesel(sql_type = Int4)]
    experience: i32,
    #[diesel(sql_type = Int4)]
    relevance: i32,
    #[diesel(sql_type = Nullable<Date>)]
    last_active_on: Option<chrono::NaiveDate>,
}

/// The best 20 candidates for `vacancy` by the peer, best first, and whether the second pass was needed.
pub async fn rank(
    connection: &mut AsyncPgConnection,
    vacancy: &VacancyDocument,
    exclude: &[Uuid],
    day: chrono::NaiveDate,
) -> anyhow::Result<(Vec<Uuid>, bool)> {
    let minimum = |unit: &jembatan_domain::vacancy::VacancyUnit| {
        unit.min_evidence_level
            .map_or(0, |level| ranking::evidence_points(level) as i32)
    };
    let codes = |requirement: UnitRequirement| -> (Vec<String>, Vec<i32>) {
        vacancy
            .units
            .iter()
            .filter(|unit| unit.requirement == requirement)
            .map(|unit| (unit.code.as_str().to_string(), minimum(unit)))
            .unzip()
    };
    let mandatory = |level: EvidenceLevel| -> Vec<String> {
        vacancy
            .units
            .iter()
            .filter(|unit| {
                unit.requirement == UnitRequirement::Required
                    && unit.min_evidence_level == Some(level)
            })
            .map(|unit| unit.code.as_str().to_string())
            .collect()
    };
    let (required, required_minimum) = codes(UnitRequirement::Required);
    let (optional, optional_minimum) = codes(UnitRequirement::Optional);
    let all: Vec<String> = vacancy
        .units
        .iter()
        .map(|unit| unit.code.as_str().to_string())
        .collect();
    let (terms, weights): (Vec<String>, Vec<i32>) = vacancy
        .weighted_terms()
        .into_iter()
        .map(|(term, weight)| (term, weight as i32))
        .unzip();
    let education = vacancy
        .min_education
        .map_or(0, |level| i16::from(level.rank()));
    let licences: Vec<String> = vacancy
        .driving_licences
        .iter()
        .map(|class| class.as_str().to_string())
        .collect();
    let group = i32::from(vacancy.occupation_group());

    let mut full_scan = false;
    loop {
        let rows: Vec<RankedRow> = diesel::sql_query(RANK_SQL)
            .bind::<Date, _>(day)
            .bind::<Array<Text>, _>(&required)
            .bind::<Array<Int4>, _>(&required_minimum)
            .bind::<Array<Text>, _>(&optional)
            .bind::<Array<Int4>, _>(&optional_minimum)
            .bind::<Array<Text>, _>(&all)
            .bind::<Int2, _>(education)
            .bind::<Array<Text>, _>(&licences)
            .bind::<Int4, _>(group)
            .bind::<Array<Text>, _>(&terms)
            .bind::<Array<Int4>, _>(&weights)
            .bind::<Array<Text>, _>(&mandatory(EvidenceLevel::Declared))
            .bind::<Array<Text>, _>(&mandatory(EvidenceLevel::Trained))
            .bind::<Array<Text>, _>(&mandatory(EvidenceLevel::Certified))
            .bind::<Array<SqlUuid>, _>(exclude)
            .bind::<Bool, _>(full_scan)
            .load(connection)
            .await?;
        let proven = rows.len() >= 20
            && rows
                .get(19)
                .is_some_and(|row| row.req_covered + row.opt_covered > 0);
        if proven || full_scan {
            return Ok((order_ties(vacancy, rows), full_scan));
        }
        full_scan = true;
    }
}

/// Applies the stable tie-break to the rows (which come sorted by every other key, ties at the end included) and
/// keeps the best 20.
fn order_ties(vacancy: &VacancyDocument, rows: Vec<RankedRow>) -> Vec<Uuid> {
    let narrow = |value: i32| u32::try_from(value).unwrap_or(0);
    let mut keyed: Vec<(Uuid, CandidateKey)> = rows
        .into_iter()
        .map(|row| {
            let seeker = SeekerId::from(row.id);
            (
                row.id,
                CandidateKey {
                    required_covered: narrow(row.req_covered),
                    required_evidence_points: narrow(row.req_points),
                    optional_covered: narrow(row.opt_covered),
                    optional_evidence_points: narrow(row.opt_points),
                    experience_months: narrow(row.experience),
                    text_relevance: narrow(row.relevance),
                    last_active_on: row.last_active_on,
                    tie_break: ranking::tie_break(vacancy.id, seeker),
                },
            )
        })
        .collect();
    keyed.sort_by(|a, b| a.1.ranking(&b.1).then(a.0.cmp(&b.0)));
    keyed.truncate(20);
    keyed.into_iter().map(|(id, _)| id).collect()
}

/// Rows in the peer table (a check that it was filled).
pub async fn row_count(connection: &mut AsyncPgConnection) -> anyhow::Result<i64> {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = Int8)]
        count: i64,
    }
    let rows: Vec<Count> = diesel::sql_query("SELECT count(*) AS count FROM bench_peer")
        .load(connection)
        .await?;
    Ok(<[Count]>::first(&rows).map_or(0, |row| row.count))
}
