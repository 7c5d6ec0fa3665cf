//! Ranking live vacancies for a job seeker: the same semantics as candidate ranking seen from the other side,
//! within the seeker's preferences. Live vacancies number in the thousands, so every one is looked at; the unit
//! keys still come from constant-score postings so that they are computed exactly as for candidates.

use chrono::NaiveDate;
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::ids::VacancyId;
use jembatan_domain::region::RegionCode;
use jembatan_domain::vacancy::VacancyUnit;
use jembatan_domain::vocab::UnitRequirement;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, DocSet, TERMINATED, TantivyDocument, Term};

use crate::candidates::score_at;
use crate::documents::{
    SeekerDocument, SeekerPreferences, level_from_number, level_number, licence_cover,
    region_ordinal, unpack_unit,
};
use crate::error::{SearchError, engine};
use crate::index::SearchIndex;
use crate::query::ConstTermQuery;
use crate::ranking::{MatchExplanation, VacancyKey, explain, tie_break};
use crate::schema::{VacancyFields, day_from_number, employment_ordinal, vacancy_unit_term};
use crate::vacancy_search::VacancySummary;

/// A covered unit adds this plus its evidence points to its part of the score; a vacancy has at most 50 units, so
/// the points (at most 100) never reach it and the count is the quotient.
const COVERED: u32 = 128;

/// What to recommend vacancies for.
#[derive(Debug, Clone, Copy)]
pub struct RecommendationRequest<'a> {
    /// The seeker (as it is now in the database).
    pub seeker: &'a SeekerDocument,
    /// The seeker's preferences.
    pub preferences: &'a SeekerPreferences,
    /// Today, for the seeker's evidence and experience.
    pub day: NaiveDate,
    /// Vacancies to leave out: those the seeker already applied to.
    pub exclude: &'a [VacancyId],
    /// Vacancies to skip (pagination).
    pub offset: usize,
    /// Vacancies to return.
    pub limit: usize,
}

/// One recommended vacancy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedVacancy {
    /// The vacancy.
    pub vacancy_id: VacancyId,
    /// The ranking key.
    pub key: VacancyKey,
    /// Its units compared with the seeker's evidence.
    pub explanation: MatchExplanation,
    /// What a listing shows of it.
    pub summary: Option<VacancySummary>,
}

/// A page of recommendations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationPage {
    /// The vacancies, best first.
    pub vacancies: Vec<RankedVacancy>,
    /// Whether more follow this page.
    pub has_more: bool,
}

impl SearchIndex {
    /// The live vacancies the seeker is eligible for, within their preferences, best covered first.
    #[tracing::instrument(skip_all, fields(seeker = %request.seeker.id, limit = request.limit))]
    pub fn recommend_vacancies(
        &self,
        request: &RecommendationRequest<'_>,
    ) -> Result<RecommendationPage, SearchError> {
        let seeker = request.seeker;
        let searcher = self.vacancies.reader.searcher();
        let fields = &self.vacancies.fields;
        let evidence = seeker.best_evidence(request.day);
        let experience = seeker.experience_months(request.day);
        let profile = seeker.profile_terms();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);

        let unit_query = |field: Field, points: bool| -> Vec<(Occur, Box<dyn Query>)> {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (code, level) in &evidence {
                let level = level_number(*level);
                let weight = if points {
                    (COVERED as u64 + level) as f32
                } else {
                    1.0
                };
                if points {
                    clauses.push((
                        Occur::Should,
                        ConstTermQuery::boxed(
                            vacancy_unit_term(field, code.as_str(), None),
                            weight,
                        ),
                    ));
                }
                for minimum in 0..=level {
                    clauses.push((
                        Occur::Should,
                        ConstTermQuery::boxed(
                            vacancy_unit_term(field, code.as_str(), Some(minimum)),
                            weight,
                        ),
                    ));
                }
            }
            clauses
        };
        let required_weight = weight_of(unit_query(fields.required_unit, true), scoring)?;
        let optional_weight = weight_of(unit_query(fields.optional_unit, true), scoring)?;
        let mandatory_weight = weight_of(unit_query(fields.required_unit, false), scoring)?;
        let mut text_clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &profile {
            for weight in [2u32, 1] {
                let term = Term::from_field_text(fields.match_terms, &format!("{weight}:{term}"));
                text_clauses.push((Occur::Should, ConstTermQuery::boxed(term, weight as f32)));
            }
        }
        let text_weight = weight_of(text_clauses, scoring)?;

        let preferences = Preferences::new(request.preferences);
        let education = u64::from(seeker.education_level.rank());
        let licences = licence_cover(&seeker.driving_licences);
        let excluded: Vec<Term> = request
            .exclude
            .iter()
            .map(|id| Term::from_field_text(fields.id, &id.into_inner().to_string()))
            .collect();

        let mut ranked: Vec<(VacancyKey, VacancyId, DocAddress)> = Vec::new();
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let columns = Columns::new(segment)?;
            let mut excluded_docs = std::collections::HashSet::new();
            if !excluded.is_empty() {
                let inverted = segment.inverted_index(fields.id).map_err(engine)?;
                for key in &excluded {
                    if let Some(mut postings) =
                        inverted.read_postings(key, IndexRecordOption::Basic)?
                    {
                        let mut doc = postings.doc();
                        while doc != TERMINATED {
                            excluded_docs.insert(doc);
                            doc = postings.advance();
                        }
                    }
                }
            }
            let scorer =
                |weight: &Option<Box<dyn Weight>>| -> Result<Option<Box<dyn Scorer>>, SearchError> {
                    weight
                        .as_ref()
                        .map(|weight| weight.scorer(segment, 1.0).map_err(engine))
                        .transpose()
                };
            let mut required_scorer = scorer(&required_weight)?;
            let mut optional_scorer = scorer(&optional_weight)?;
            let mut mandatory_scorer = scorer(&mandatory_weight)?;
            let mut text_scorer = scorer(&text_weight)?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|bits| !bits.is_alive(doc)) || excluded_docs.contains(&doc) {
                    continue;
                }
                let value = |column: &Column<u64>| column.first(doc).unwrap_or(0);
                let eligible = value(&columns.education) <= education
                    && value(&columns.licences) & !licences == 0
                    && preferences.accepts(
                        value(&columns.region),
                        value(&columns.employment),
                        value(&columns.monthly_wage),
                    );
                if !eligible {
                    continue;
                }
                let satisfied = mandatory_scorer
                    .as_mut()
                    .map_or(0, |scorer| score_at(scorer.as_mut(), doc));
                if u64::from(satisfied) != value(&columns.mandatory_count) {
                    continue;
                }
                let score = |scorer: &mut Option<Box<dyn Scorer>>| {
                    scorer
                        .as_mut()
                        .map_or(0, |scorer| score_at(scorer.as_mut(), doc))
                };
                let required = score(&mut required_scorer);
                let optional = score(&mut optional_scorer);
                let text_relevance = score(&mut text_scorer);
                let required_covered = required / COVERED;
                let required_count =
                    u32::try_from(value(&columns.required_count)).unwrap_or(u32::MAX);
                let vacancy_id = VacancyId::from(uuid::Uuid::from_u64_pair(
                    value(&columns.id_high),
                    value(&columns.id_low),
                ));
                let group = u16::try_from(value(&columns.occupation_group)).unwrap_or(0);
                let key = VacancyKey {
                    required_missing: required_count.saturating_sub(required_covered),
                    required_covered,
                    required_evidence_points: required % COVERED,
                    optional_covered: optional / COVERED,
                    optional_evidence_points: optional % COVERED,
                    experience_months: experience.get(&group).copied().unwrap_or(0),
                    text_relevance,
                    published_on: day_from_number(value(&columns.published_day)),
                    tie_break: tie_break(vacancy_id, seeker.id),
                };
                ranked.push((key, vacancy_id, DocAddress::new(ordinal as u32, doc)));
            }
        }
        ranked.sort_by(|a, b| a.0.ranking(&b.0).then(a.1.cmp(&b.1)));

        let has_more = ranked.len() > request.offset + request.limit;
        let mut vacancies = Vec::new();
        for (key, vacancy_id, address) in
            ranked.into_iter().skip(request.offset).take(request.limit)
        {
            let segment = searcher.segment_reader(address.segment_ord);
            let units = vacancy_units(
                &segment.fast_fields().u64("units").map_err(engine)?,
                address.doc_id,
            );
            let explanation = explain(&units, &evidence);
            debug_assert_eq!(
                explanation.required_matched.len() as u32,
                key.required_covered
            );
            let stored: TantivyDocument = searcher.doc(address).map_err(engine)?;
            vacancies.push(RankedVacancy {
                vacancy_id,
                key,
                explanation,
                summary: stored_summary(&stored, fields),
            });
        }
        Ok(RecommendationPage {
            vacancies,
            has_more,
        })
    }
}

fn weight_of(
    clauses: Vec<(Occur, Box<dyn Query>)>,
    scoring: EnableScoring<'_>,
) -> Result<Option<Box<dyn Weight>>, SearchError> {
    if clauses.is_empty() {
        return Ok(None);
    }
    BooleanQuery::new(clauses)
        .weight(scoring)
        .map(Some)
        .map_err(engine)
}

/// The units of a vacancy document, from its packed fast field.
pub(crate) fn vacancy_units(column: &Column<u64>, doc: DocId) -> Vec<VacancyUnit> {
    column
        .values_for_doc(doc)
        .filter_map(|packed| {
            let code: CompetencyUnitCode = unpack_unit(packed >> 4)?;
            let requirement = if packed & 0b1000 != 0 {
                UnitRequirement::Required
            } else {
                UnitRequirement::Optional
            };
            let minimum = match packed & 0b111 {
                0 => None,
                stored => Some(level_from_number(stored - 1)),
            };
            Some(VacancyUnit {
                code,
                requirement,
                min_evidence_level: minimum,
            })
        })
        .collect()
}

/// The stored summary of a vacancy document.
pub(crate) fn stored_summary(
    document: &TantivyDocument,
    fields: &VacancyFields,
) -> Option<VacancySummary> {
    let json = document.get_first(fields.summary)?.as_str()?;
    serde_json::from_str(json).ok()
}

/// A seeker's preferences as fast-field tests.
struct Preferences {
    /// Region ordinals accepted; `None` = anywhere.
    regions: Option<Vec<u64>>,
    employment: Option<Vec<u64>>,
    minimum_wage: Option<u64>,
}

impl Preferences {
    fn new(preferences: &SeekerPreferences) -> Self {
        let regions = (!preferences.regions.is_empty()).then(|| {
            if preferences.regions.contains(&RegionCode::City) {
                // Anywhere in the city (any kecamatan, or the city as a whole), not outside it.
                (1..=7).collect()
            } else {
                let mut accepted: Vec<u64> = preferences
                    .regions
                    .iter()
                    .map(|region| region_ordinal(Some(*region)))
                    .collect();
                // A vacancy "in several places of the city" may be in a wanted kecamatan.
                accepted.push(region_ordinal(Some(RegionCode::City)));
                accepted
            }
        });
        let employment = (!preferences.employment_types.is_empty()).then(|| {
            preferences
                .employment_types
                .iter()
                .map(|employment_type| employment_ordinal(*employment_type))
                .collect()
        });
        let minimum_wage = preferences
            .expected_monthly_wage
            .map(|wage| u64::try_from(wage.as_i64()).unwrap_or(0));
        Preferences {
            regions,
            employment,
            minimum_wage,
        }
    }

    fn accepts(&self, region: u64, employment: u64, monthly_wage: u64) -> bool {
        self.regions
            .as_ref()
            .is_none_or(|accepted| accepted.contains(&region))
            && self
                .employment
                .as_ref()
                .is_none_or(|accepted| accepted.contains(&employment))
            && self
                .minimum_wage
                .is_none_or(|minimum| monthly_wage >= minimum)
    }
}

/// Region test of a vacancy against preferences, for the brute-force scorer (same rule as [`Preferences`]).
pub(crate) fn region_accepted(preferences: &SeekerPreferences, region: Option<RegionCode>) -> bool {
    if preferences.regions.is_empty() {
        return true;
    }
    match region {
        None => false,
        Some(RegionCode::City) => true,
        Some(kecamatan) => {
            preferences.regions.contains(&RegionCode::City)
                || preferences.regions.contains(&kecamatan)
        }
    }
}

struct Columns {
    id_high: Column<u64>,
    id_low: Column<u64>,
    education: Column<u64>,
    licences: Column<u64>,
    region: Column<u64>,
    employment: Column<u64>,
    monthly_wage: Column<u64>,
    mandatory_count: Column<u64>,
    required_count: Column<u64>,
    occupation_group: Column<u64>,
    published_day: Column<u64>,
}

impl Columns {
    fn new(segment: &tantivy::SegmentReader) -> Result<Self, SearchError> {
        let fast = segment.fast_fields();
        let column = |name: &str| fast.u64(name).map_err(engine);
        Ok(Columns {
            id_high: column("id_high")?,
            id_low: column("id_low")?,
            education: column("education")?,
            licences: column("licences")?,
            region: column("region")?,
            employment: column("employment")?,
            monthly_wage: column("monthly_wage")?,
            mandatory_count: column("mandatory_count")?,
            required_count: column("required_count")?,
            occupation_group: column("occupation_group")?,
            published_day: column("published_day")?,
        })
    }
}
