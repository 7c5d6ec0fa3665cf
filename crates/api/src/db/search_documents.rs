//! What the search index is built from, read from PostgreSQL in batches: seekers and vacancies as the search
//! crate's documents, the ids to rebuild from, who applied to what, a seeker's preferences, unit titles, the
//! synonym table, and the nearest open cohort teaching a unit (gap advice).
//!
//! Sex, birth date and year, disability and the other personal columns are never selected here.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::sql_types::{Array, Bool, Date, Int8, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel::{OptionalExtension, QueryableByName};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::codes::{CompetencyUnitCode, KbjiCode, KbliCode};
use jembatan_domain::evidence::{CertificateValidity, EvidenceItem, EvidenceSource};
use jembatan_domain::ids::{EmployerId, SeekerId, VacancyId};
use jembatan_domain::money::Rupiah;
use jembatan_domain::region::{RegionCode, WorkLocation};
use jembatan_domain::vacancy::VacancyUnit;
use jembatan_domain::vocab::{
    CertificateStatus, DrivingLicence, EducationLevel, EmploymentType, EvidenceLevel, SeekerStatus,
    UnitRequirement, VacancyStatus, VerificationStatus, WagePeriod,
};
use jembatan_search::{ExperienceSpan, SeekerDocument, SeekerPreferences, VacancyDocument};
use uuid::Uuid;

use crate::db::prepared::CacheStatement;
use crate::vacancy_expiry::balikpapan_date;

/// A certificate stored without an end date never expires; the domain wants a date, so it gets the last one.
const NO_EXPIRY: NaiveDate = NaiveDate::MAX;

#[derive(QueryableByName)]
struct SeekerDocumentRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Date)]
    valid_until: NaiveDate,
    #[diesel(sql_type = Bool)]
    open_to_work: bool,
    #[diesel(sql_type = Bool)]
    consent_visible_to_employers: bool,
    #[diesel(sql_type = Text)]
    education_level: String,
    #[diesel(sql_type = Array<Nullable<Text>>)]
    driving_licences: Vec<Option<String>>,
    #[diesel(sql_type = Nullable<Text>)]
    profile_summary: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    education_major: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    last_active_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Date)]
    last_reported_on: NaiveDate,
}

#[derive(QueryableByName)]
struct EvidenceDocumentRow {
    #[diesel(sql_type = SqlUuid)]
    seeker_id: Uuid,
    #[diesel(sql_type = Text)]
    unit_code: String,
    #[diesel(sql_type = Text)]
    evidence_level: String,
    #[diesel(sql_type = Nullable<Text>)]
    certificate_status: Option<String>,
    #[diesel(sql_type = Nullable<Date>)]
    certificate_valid_until: Option<NaiveDate>,
}

#[derive(QueryableByName)]
struct ExperienceDocumentRow {
    #[diesel(sql_type = SqlUuid)]
    seeker_id: Uuid,
    #[diesel(sql_type = Text)]
    kbji_code: String,
    #[diesel(sql_type = Date)]
    started_on: NaiveDate,
    #[diesel(sql_type = Nullable<Date>)]
    ended_on: Option<NaiveDate>,
    #[diesel(sql_type = Text)]
    job_title: String,
    #[diesel(sql_type = Nullable<Text>)]
    description: Option<String>,
}

/// The search documents of the seekers among `ids` that exist and are not erased (the others are absent from
/// the map).
///
/// Takes the connection shared: the three statements are pipelined (sent together, answered in order).
pub async fn seeker_documents(
    connection: &AsyncPgConnection,
    ids: &[Uuid],
) -> anyhow::Result<BTreeMap<Uuid, SeekerDocument>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let rows = diesel::sql_query(
        "SELECT id, status, valid_until, open_to_work, consent_visible_to_employers, education_level, \
                driving_licences, profile_summary, education_major, last_active_at, last_reported_on \
         FROM seekers WHERE id = ANY($1) AND erased_at IS NULL",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .prepared()
    .load::<SeekerDocumentRow>(&mut &*connection);
    let evidence = diesel::sql_query(
        "SELECT sc.seeker_id, sc.unit_code, sc.evidence_level, c.status AS certificate_status, \
                c.valid_until AS certificate_valid_until \
         FROM seeker_competencies sc LEFT JOIN certificates c ON c.id = sc.certificate_id \
         WHERE sc.seeker_id = ANY($1)",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .prepared()
    .load::<EvidenceDocumentRow>(&mut &*connection);
    let experience = diesel::sql_query(
        "SELECT seeker_id, kbji_code, started_on, ended_on, job_title, description \
         FROM work_experiences WHERE seeker_id = ANY($1) ORDER BY seeker_id, started_on, id",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .prepared()
    .load::<ExperienceDocumentRow>(&mut &*connection);
    let (rows, evidence, experience) = tokio::try_join!(rows, evidence, experience)?;

    let mut documents = BTreeMap::new();
    for row in rows {
        let mut profile_text = String::new();
        for part in [&row.profile_summary, &row.education_major]
            .into_iter()
            .flatten()
        {
            profile_text.push_str(part);
            profile_text.push('\n');
        }
        let last_active = row
            .last_active_at
            .map(balikpapan_date)
            .map_or(row.last_reported_on, |day| day.max(row.last_reported_on));
        let document = SeekerDocument {
            id: SeekerId::from(row.id),
            status: SeekerStatus::parse(&row.status)?,
            card_valid_until: row.valid_until,
            open_to_work: row.open_to_work,
            consent_visible_to_employers: row.consent_visible_to_employers,
            education_level: EducationLevel::parse(&row.education_level)?,
            driving_licences: row
                .driving_licences
                .iter()
                .flatten()
                .map(|licence| DrivingLicence::parse(licence))
                .collect::<Result<_, _>>()?,
            evidence: Vec::new(),
            experience: Vec::new(),
            profile_text,
            last_active_on: Some(last_active),
        };
        documents.insert(row.id, document);
    }
    for row in evidence {
        let Some(document) = documents.get_mut(&row.seeker_id) else {
            continue;
        };
        let source = match EvidenceLevel::parse(&row.evidence_level)? {
            EvidenceLevel::Declared => EvidenceSource::Declared,
            EvidenceLevel::Trained => EvidenceSource::Trained,
            EvidenceLevel::Certified => EvidenceSource::Certificate(CertificateValidity {
                status: CertificateStatus::parse(
                    row.certificate_status.as_deref().unwrap_or("active"),
                )?,
                valid_until: row.certificate_valid_until.unwrap_or(NO_EXPIRY),
            }),
        };
        document.evidence.push(EvidenceItem {
            unit: CompetencyUnitCode::parse(&row.unit_code)
                .with_context(|| format!("stored unit code {}", row.unit_code))?,
            source,
        });
    }
    for row in experience {
        let Some(document) = documents.get_mut(&row.seeker_id) else {
            continue;
        };
        document.profile_text.push_str(&row.job_title);
        document.profile_text.push('\n');
        if let Some(description) = &row.description {
            document.profile_text.push_str(description);
            document.profile_text.push('\n');
        }
        document.experience.push(ExperienceSpan {
            kbji: KbjiCode::parse(&row.kbji_code)?,
            started_on: row.started_on,
            ended_on: row.ended_on,
        });
    }
    Ok(documents)
}

#[derive(QueryableByName)]
struct VacancyDocumentRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    employer_id: Uuid,
    #[diesel(sql_type = Text)]
    employer_name: String,
    #[diesel(sql_type = Text)]
    verification_status: String,
    #[diesel(sql_type = Text)]
    kbli_code: String,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    description: String,
    #[diesel(sql_type = Text)]
    requirements: String,
    #[diesel(sql_type = Text)]
    kbji_code: String,
    #[diesel(sql_type = Nullable<Text>)]
    min_education: Option<String>,
    #[diesel(sql_type = Array<Nullable<Text>>)]
    driving_licences: Vec<Option<String>>,
    #[diesel(sql_type = Text)]
    employment_type: String,
    #[diesel(sql_type = Int8)]
    wage_min_rupiah: i64,
    #[diesel(sql_type = Nullable<Int8>)]
    wage_max_rupiah: Option<i64>,
    #[diesel(sql_type = Text)]
    wage_period: String,
    #[diesel(sql_type = Nullable<Text>)]
    region_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    outside_city_location: Option<String>,
    #[diesel(sql_type = Date)]
    valid_from: NaiveDate,
    #[diesel(sql_type = Date)]
    valid_until: NaiveDate,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    published_at: Option<DateTime<Utc>>,
}

#[derive(QueryableByName)]
struct VacancyUnitRow {
    #[diesel(sql_type = SqlUuid)]
    vacancy_id: Uuid,
    #[diesel(sql_type = Text)]
    unit_code: String,
    #[diesel(sql_type = Text)]
    requirement: String,
    #[diesel(sql_type = Nullable<Text>)]
    min_evidence_level: Option<String>,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Nullable<Text>)]
    title_en: Option<String>,
    #[diesel(sql_type = Array<Nullable<Text>>)]
    synonyms: Vec<Option<String>>,
}

/// The search documents of the vacancies among `ids` that exist, in any status.
///
/// Takes the connection shared: the two statements are pipelined (sent together, answered in order), and a caller
/// may pipeline its own beside them.
pub async fn vacancy_documents(
    connection: &AsyncPgConnection,
    ids: &[Uuid],
) -> anyhow::Result<BTreeMap<Uuid, VacancyDocument>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let rows = diesel::sql_query(
        "SELECT v.id, v.employer_id, e.name AS employer_name, e.verification_status, e.kbli_code, v.status, \
                v.title, v.description, v.requirements, v.kbji_code, v.min_education, v.driving_licences, \
                v.employment_type, v.wage_min_rupiah, v.wage_max_rupiah, v.wage_period, v.region_code, \
                v.outside_city_location, v.valid_from, v.valid_until, v.published_at \
         FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id = ANY($1)",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .prepared()
    .load::<VacancyDocumentRow>(&mut &*connection);
    let units = diesel::sql_query(
        "SELECT vu.vacancy_id, vu.unit_code, vu.requirement, vu.min_evidence_level, cu.title, cu.title_en, \
                cu.synonyms \
         FROM vacancy_units vu JOIN competency_units cu ON cu.code = vu.unit_code \
         WHERE vu.vacancy_id = ANY($1) ORDER BY vu.vacancy_id, vu.requirement DESC, vu.unit_code",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .prepared()
    .load::<VacancyUnitRow>(&mut &*connection);
    let (rows, units) = tokio::try_join!(rows, units)?;

    let mut documents = BTreeMap::new();
    for row in rows {
        let location = match (&row.region_code, &row.outside_city_location) {
            (Some(code), _) => WorkLocation::InCity {
                region_code: RegionCode::parse(code)?,
            },
            (None, outside) => WorkLocation::OutsideCity {
                description: outside.clone().unwrap_or_default(),
            },
        };
        let document = VacancyDocument {
            id: VacancyId::from(row.id),
            employer_id: EmployerId::from(row.employer_id),
            employer_name: row.employer_name,
            employer_verified: VerificationStatus::parse(&row.verification_status)?
                == VerificationStatus::Verified,
            industry: KbliCode::parse(&row.kbli_code).ok(),
            status: VacancyStatus::parse(&row.status)?,
            title: row.title,
            description: row.description,
            requirements: row.requirements,
            kbji: KbjiCode::parse(&row.kbji_code)?,
            units: Vec::new(),
            unit_text: String::new(),
            min_education: row
                .min_education
                .as_deref()
                .map(EducationLevel::parse)
                .transpose()?,
            driving_licences: row
                .driving_licences
                .iter()
                .flatten()
                .map(|licence| DrivingLicence::parse(licence))
                .collect::<Result<_, _>>()?,
            employment_type: EmploymentType::parse(&row.employment_type)?,
            wage_min: Rupiah::new(row.wage_min_rupiah)?,
            wage_max: Rupiah::new(row.wage_max_rupiah.unwrap_or(row.wage_min_rupiah))?,
            wage_period: WagePeriod::parse(&row.wage_period)?,
            location,
            valid_from: row.valid_from,
            valid_until: row.valid_until,
            published_on: row.published_at.map(balikpapan_date),
        };
        documents.insert(row.id, document);
    }
    for row in units {
        let Some(document) = documents.get_mut(&row.vacancy_id) else {
            continue;
        };
        document.units.push(VacancyUnit {
            code: CompetencyUnitCode::parse(&row.unit_code)
                .with_context(|| format!("stored unit code {}", row.unit_code))?,
            requirement: UnitRequirement::parse(&row.requirement)?,
            min_evidence_level: row
                .min_evidence_level
                .as_deref()
                .map(EvidenceLevel::parse)
                .transpose()?,
        });
        for text in std::iter::once(&row.title)
            .chain(row.title_en.as_ref())
            .chain(row.synonyms.iter().flatten())
        {
            document.unit_text.push_str(text);
            document.unit_text.push('\n');
        }
    }
    Ok(documents)
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Up to `limit` ids of seekers that may take part in matching (not erased, consenting, active or placed), in id
/// order after `after`: the pages of a rebuild.
pub async fn matchable_seeker_ids_after(
    connection: &mut AsyncPgConnection,
    after: Uuid,
    limit: i64,
) -> diesel::QueryResult<Vec<Uuid>> {
    let rows: Vec<IdRow> = diesel::sql_query(
        "SELECT id FROM seekers \
         WHERE id > $1 AND erased_at IS NULL AND consent_visible_to_employers AND status IN ('active', 'placed') \
         ORDER BY id LIMIT $2",
    )
    .bind::<SqlUuid, _>(after)
    .bind::<Int8, _>(limit)
    .prepared()
    .load(connection)
    .await?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// Up to `limit` ids of open vacancies in id order after `after`.
pub async fn open_vacancy_ids_after(
    connection: &mut AsyncPgConnection,
    after: Uuid,
    limit: i64,
) -> diesel::QueryResult<Vec<Uuid>> {
    let rows: Vec<IdRow> = diesel::sql_query(
        "SELECT id FROM vacancies WHERE id > $1 AND status = 'open' ORDER BY id LIMIT $2",
    )
    .bind::<SqlUuid, _>(after)
    .bind::<Int8, _>(limit)
    .prepared()
    .load(connection)
    .await?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// How many seekers and vacancies a rebuild will read (for its progress bar).
pub async fn rebuild_totals(connection: &mut AsyncPgConnection) -> diesel::QueryResult<(u64, u64)> {
    #[derive(QueryableByName)]
    struct Totals {
        #[diesel(sql_type = Int8)]
        seekers: i64,
        #[diesel(sql_type = Int8)]
        vacancies: i64,
    }
    let totals: Totals = diesel::sql_query(
        "SELECT (SELECT count(*) FROM seekers WHERE erased_at IS NULL AND consent_visible_to_employers \
                   AND status IN ('active', 'placed')) AS seekers, \
                (SELECT count(*) FROM vacancies WHERE status = 'open') AS vacancies",
    )
    .prepared()
    .get_result(connection)
    .await?;
    Ok((
        u64::try_from(totals.seekers).unwrap_or(0),
        u64::try_from(totals.vacancies).unwrap_or(0),
    ))
}

/// Seekers with an application (in any stage) to the vacancy: they are in its pipeline, not among its matches.
///
/// Takes the connection shared, so that it can be pipelined with other statements.
pub async fn applicants_of(
    connection: &AsyncPgConnection,
    vacancy_id: Uuid,
) -> diesel::QueryResult<Vec<Uuid>> {
    let rows: Vec<IdRow> =
        diesel::sql_query("SELECT seeker_id AS id FROM applications WHERE vacancy_id = $1")
            .bind::<SqlUuid, _>(vacancy_id)
            .prepared()
            .load(&mut &*connection)
            .await?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// Vacancies the seeker has an application to (in any stage).
///
/// Takes the connection shared, so that it can be pipelined with other statements.
pub async fn applied_vacancies_of(
    connection: &AsyncPgConnection,
    seeker_id: Uuid,
) -> diesel::QueryResult<Vec<Uuid>> {
    let rows: Vec<IdRow> =
        diesel::sql_query("SELECT vacancy_id AS id FROM applications WHERE seeker_id = $1")
            .bind::<SqlUuid, _>(seeker_id)
            .prepared()
            .load(&mut &*connection)
            .await?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// The seeker's AK/II preferences: kecamatan, employment types, expected wage (`None` if there is no such seeker).
///
/// Takes the connection shared, so that it can be pipelined with other statements.
pub async fn preferences_of(
    connection: &AsyncPgConnection,
    seeker_id: Uuid,
) -> anyhow::Result<Option<SeekerPreferences>> {
    #[derive(QueryableByName)]
    struct PreferenceRow {
        #[diesel(sql_type = Array<Nullable<Text>>)]
        regions: Vec<Option<String>>,
        #[diesel(sql_type = Array<Nullable<Text>>)]
        employment_types: Vec<Option<String>>,
        #[diesel(sql_type = Nullable<Int8>)]
        expected_wage_rupiah: Option<i64>,
    }
    let row: Option<PreferenceRow> = diesel::sql_query(
        "SELECT ARRAY(SELECT region_code FROM seeker_preferred_regions WHERE seeker_id = s.id ORDER BY 1) AS regions, \
                s.preferred_employment_types AS employment_types, s.expected_wage_rupiah \
         FROM seekers s WHERE s.id = $1",
    )
    .bind::<SqlUuid, _>(seeker_id)
    .prepared()
    .get_result(&mut &*connection)
    .await
    .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(SeekerPreferences {
        regions: row
            .regions
            .iter()
            .flatten()
            .map(|code| RegionCode::parse(code))
            .collect::<Result<_, _>>()?,
        employment_types: row
            .employment_types
            .iter()
            .flatten()
            .map(|spelling| EmploymentType::parse(spelling))
            .collect::<Result<_, _>>()?,
        expected_monthly_wage: row.expected_wage_rupiah.map(Rupiah::new).transpose()?,
    }))
}

/// A competency unit as an explanation shows it: its titles and, for a unit a match is missing, the nearest
/// upcoming cohort with open registration that teaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplanationUnit {
    pub title_id: String,
    pub title_en: Option<String>,
    pub nearest_cohort: Option<CohortAdvice>,
}

/// The nearest upcoming cohort with open registration that teaches a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortAdvice {
    pub cohort_id: Uuid,
    pub cohort_name: String,
    pub programme_id: Uuid,
    pub programme_name: String,
    pub provider_name: String,
    pub starts_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
}

/// The statement behind [`explanation_units`] and [`vacancy_explanation_units`]: the units `$units` selects, with
/// their titles and, for those `$advised` holds for, the cohort with open registration (closing on `$1` or later)
/// of a programme that teaches the unit, starting soonest (then by id). `$advised` sits inside the lateral
/// subquery, where it depends only on the outer row: the planner tests it once per unit and skips the cohort
/// lookup when it is false.
macro_rules! explanation_units_sql {
    (advised: $advised:literal, units: $units:literal) => {
        concat!(
            "SELECT cu.code, cu.title, cu.title_en, nc.cohort_id, nc.cohort_name, nc.programme_id, \
                    nc.programme_name, nc.provider_name, nc.starts_on, nc.registration_closes_on \
             FROM competency_units cu \
             LEFT JOIN LATERAL ( \
                 SELECT c.id AS cohort_id, c.name AS cohort_name, p.id AS programme_id, p.name AS programme_name, \
                        tp.name AS provider_name, c.starts_on, c.registration_closes_on \
                 FROM programme_units pu \
                 JOIN training_programmes p ON p.id = pu.programme_id AND p.archived_at IS NULL \
                 JOIN training_providers tp ON tp.id = p.training_provider_id \
                 JOIN cohorts c ON c.programme_id = p.id \
                 WHERE pu.unit_code = cu.code AND ",
            $advised,
            " AND c.status = 'registration_open' AND c.registration_closes_on >= $1 \
                 ORDER BY c.starts_on, c.id \
                 LIMIT 1 \
             ) nc ON TRUE \
             WHERE ",
            $units
        )
    };
}

#[derive(QueryableByName)]
struct ExplanationUnitRow {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Nullable<Text>)]
    title_en: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    cohort_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    cohort_name: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    programme_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    programme_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    provider_name: Option<String>,
    #[diesel(sql_type = Nullable<Date>)]
    starts_on: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Date>)]
    registration_closes_on: Option<NaiveDate>,
}

fn explanation_unit_map(rows: Vec<ExplanationUnitRow>) -> HashMap<String, ExplanationUnit> {
    rows.into_iter()
        .map(|row| {
            // The cohort columns are all null (no cohort, or no advice asked for the unit) or all set.
            let nearest_cohort = row.cohort_id.and_then(|cohort_id| {
                Some(CohortAdvice {
                    cohort_id,
                    cohort_name: row.cohort_name?,
                    programme_id: row.programme_id?,
                    programme_name: row.programme_name?,
                    provider_name: row.provider_name?,
                    starts_on: row.starts_on?,
                    registration_closes_on: row.registration_closes_on?,
                })
            });
            (
                row.code,
                ExplanationUnit {
                    title_id: row.title,
                    title_en: row.title_en,
                    nearest_cohort,
                },
            )
        })
        .collect()
}

/// The units among `codes` that exist, with their titles; for those also among `missing`, the cohort with open
/// registration (closing `today` or later) of a programme that teaches the unit, starting soonest (then by id).
/// One statement, after a page of recommendations is ranked.
pub async fn explanation_units(
    connection: &mut AsyncPgConnection,
    codes: &[String],
    missing: &[String],
    today: NaiveDate,
) -> diesel::QueryResult<HashMap<String, ExplanationUnit>> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<ExplanationUnitRow> = diesel::sql_query(explanation_units_sql!(
        advised: "cu.code = ANY($3)",
        units: "cu.code = ANY($2)"
    ))
    .bind::<Date, _>(today)
    .bind::<Array<Text>, _>(codes)
    .bind::<Array<Text>, _>(missing)
    .prepared()
    .load(connection)
    .await?;
    Ok(explanation_unit_map(rows))
}

/// Every unit of a vacancy, with its titles and the nearest cohort with open registration (closing `today` or
/// later) that teaches it: all an explanation of a candidate for the vacancy can name, whichever units the
/// candidate misses. Read before the ranking, so it can be pipelined with the vacancy itself.
pub async fn vacancy_explanation_units(
    connection: &AsyncPgConnection,
    vacancy_id: Uuid,
    today: NaiveDate,
) -> diesel::QueryResult<HashMap<String, ExplanationUnit>> {
    let rows: Vec<ExplanationUnitRow> = diesel::sql_query(explanation_units_sql!(
        advised: "TRUE",
        units: "cu.code IN (SELECT unit_code FROM vacancy_units WHERE vacancy_id = $2)"
    ))
    .bind::<Date, _>(today)
    .bind::<SqlUuid, _>(vacancy_id)
    .prepared()
    .load(&mut &*connection)
    .await?;
    Ok(explanation_unit_map(rows))
}

/// The synonym table's rows `(term, canonical)`.
pub async fn synonym_rows(
    connection: &mut AsyncPgConnection,
) -> diesel::QueryResult<Vec<(String, String)>> {
    #[derive(QueryableByName)]
    struct SynonymRow {
        #[diesel(sql_type = Text)]
        term: String,
        #[diesel(sql_type = Text)]
        canonical: String,
    }
    let rows: Vec<SynonymRow> =
        diesel::sql_query("SELECT term, canonical FROM search_synonyms ORDER BY term")
            .prepared()
            .load(connection)
            .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.term, row.canonical))
        .collect())
}

/// A fingerprint of the synonym table's content: the MD5 of every `(term, canonical)` row in term order, so the
/// table is reloaded exactly when what search reads changed. Row count and latest `updated_at` are not enough: a
/// group replaced by a transaction that started before the last edit (its `now()` is older) keeps both unchanged.
/// The table holds a few hundred rows; hashing them each cycle costs well under a millisecond.
pub async fn synonyms_fingerprint(
    connection: &mut AsyncPgConnection,
) -> diesel::QueryResult<String> {
    #[derive(QueryableByName)]
    struct Fingerprint {
        #[diesel(sql_type = Text)]
        digest: String,
    }
    let fingerprint: Fingerprint = diesel::sql_query(
        "SELECT md5(coalesce(json_agg(json_build_array(term, canonical) ORDER BY term)::text, '')) AS digest \
           FROM search_synonyms",
    )
    .prepared()
    .get_result(connection)
    .await?;
    Ok(fingerprint.digest)
}
