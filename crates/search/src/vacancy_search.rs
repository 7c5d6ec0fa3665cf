//! Free-text vacancy search: words in Bahasa Indonesia or English over the title, the units (titles and
//! keywords), the employer and the description, with synonyms, typo tolerance, filters, facet counts,
//! highlighting and pagination.
//!
//! Scoring is exact and explainable: every query word (or synonym phrase) must match, and adds the best of
//! - the word itself: 9 in the title, 6 in the units or the employer's name, 3 in the description;
//! - a synonym of it: 6, 4, 2;
//! - the word with typos (one from 4 letters, two from 8): 3, 2, 1;
//!
//! and a unit code (`C.251100.001.01`) in the query must be one of the vacancy's units (9). Equal scores go
//! newest first, then by id. No corpus statistics are involved, so a rebuilt index answers exactly the same.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::ids::{EmployerId, VacancyId};
use jembatan_domain::region::RegionCode;
use jembatan_domain::vocab::{EmploymentType, WagePeriod};
use serde::{Deserialize, Serialize};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, EnableScoring, FuzzyTermQuery, Occur, Query,
};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, DocId, DocSet, TERMINATED, TantivyDocument, Term};

use crate::documents::{VacancyDocument, region_from_ordinal, region_ordinal};
use crate::error::{SearchError, engine};
use crate::highlight::{Matcher, mark, snippet};
use crate::index::SearchIndex;
use crate::query::ConstTermQuery;
use crate::recommendations::stored_summary;
use crate::schema::employment_ordinal;
use crate::text::analyze;

/// Characters of description shown around the first match.
const SNIPPET_CHARS: usize = 200;

/// What a result list shows of a vacancy (stored in the index, so a search needs no database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancySummary {
    /// The vacancy.
    pub id: VacancyId,
    /// The employer.
    pub employer_id: EmployerId,
    /// The employer's name.
    pub employer_name: String,
    /// Job title.
    pub title: String,
    /// KBJI occupation code.
    pub kbji_code: String,
    /// Kecamatan (or city) code, when the work is in Balikpapan.
    pub region_code: Option<String>,
    /// Where, when the work is outside the city.
    pub outside_city_location: Option<String>,
    /// Employment type.
    pub employment_type: EmploymentType,
    /// Lowest wage.
    pub wage_min_rupiah: i64,
    /// Highest wage.
    pub wage_max_rupiah: i64,
    /// Period of the wage amounts.
    pub wage_period: WagePeriod,
    /// Last valid day.
    pub valid_until: NaiveDate,
    /// Day of publication.
    pub published_on: Option<NaiveDate>,
}

impl VacancySummary {
    /// The summary of a vacancy document.
    pub fn of(vacancy: &VacancyDocument) -> Self {
        VacancySummary {
            id: vacancy.id,
            employer_id: vacancy.employer_id,
            employer_name: vacancy.employer_name.clone(),
            title: vacancy.title.clone(),
            kbji_code: vacancy.kbji.as_str().to_string(),
            region_code: vacancy
                .location
                .region_code()
                .map(|code| code.as_str().to_string()),
            outside_city_location: match &vacancy.location {
                jembatan_domain::region::WorkLocation::OutsideCity { description } => {
                    Some(description.clone())
                }
                jembatan_domain::region::WorkLocation::InCity { .. } => None,
            },
            employment_type: vacancy.employment_type,
            wage_min_rupiah: vacancy.wage_min.as_i64(),
            wage_max_rupiah: vacancy.wage_max.as_i64(),
            wage_period: vacancy.wage_period,
            valid_until: vacancy.valid_until,
            published_on: vacancy.published_on,
        }
    }
}

/// Filters of a vacancy search. `None` = any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VacancyFilters {
    /// A kecamatan, or `RegionCode::City` for anywhere in the city.
    pub region: Option<RegionCode>,
    /// Employment type.
    pub employment_type: Option<EmploymentType>,
    /// Occupation group: the KBJI/ISCO major group digit (`7` = craft and related trades).
    pub occupation_group: Option<u8>,
    /// Industry: the employer's KBLI category letter.
    pub industry: Option<char>,
    /// Lowest acceptable highest wage, monthly.
    pub min_monthly_wage: Option<i64>,
}

/// A vacancy search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VacancySearchRequest {
    /// The words typed (may be empty: every live vacancy, newest first).
    pub text: String,
    /// Filters.
    pub filters: VacancyFilters,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
}

/// How many results have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount<T> {
    /// The value.
    pub value: T,
    /// Results with it.
    pub count: u64,
}

/// Facet counts. Each facet counts the results of the query under every filter except its own, so the other
/// values of a filtered facet still show how many results choosing them would give.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VacancyFacets {
    /// By kecamatan (`None` = outside the city; `City` = several places in the city).
    pub regions: Vec<FacetCount<Option<RegionCode>>>,
    /// By employment type.
    pub employment_types: Vec<FacetCount<EmploymentType>>,
    /// By occupation group (KBJI major group digit).
    pub occupation_groups: Vec<FacetCount<u8>>,
    /// By industry (KBLI category letter; `None` = unknown).
    pub industries: Vec<FacetCount<Option<char>>>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VacancyHit {
    /// What a list shows.
    pub summary: VacancySummary,
    /// The score (see the module documentation).
    pub score: u32,
    /// The title, HTML-escaped, with the matched words in `<mark>`.
    pub title_html: String,
    /// A piece of the requirements and description around the first match, escaped and marked.
    pub snippet_html: String,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VacancySearchResults {
    /// Results matching the query and every filter.
    pub total: usize,
    /// This page.
    pub hits: Vec<VacancyHit>,
    /// Facet counts.
    pub facets: VacancyFacets,
}

/// Field weights: title, units, employer, body.
struct SearchedField {
    terms: Field,
    words: Field,
    weight: u32,
}

impl SearchIndex {
    /// Runs a free-text vacancy search over live vacancies.
    #[tracing::instrument(skip_all, fields(limit = request.limit))]
    pub fn search_vacancies(
        &self,
        request: &VacancySearchRequest,
    ) -> Result<VacancySearchResults, SearchError> {
        let searcher = self.vacancies.reader.searcher();
        let fields = &self.vacancies.fields;
        let synonyms = self.synonyms();

        let mut codes: Vec<CompetencyUnitCode> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        for piece in request.text.split_whitespace() {
            match CompetencyUnitCode::parse(piece) {
                Ok(code) => codes.push(code),
                Err(_) => words.push(piece),
            }
        }
        let tokens = analyze(&words.join(" "));
        let terms: Vec<String> = tokens.iter().map(|token| token.term.clone()).collect();
        let units = synonyms.segment(&terms);

        let searched = [
            SearchedField {
                terms: fields.title_terms,
                words: fields.title_words,
                weight: 3,
            },
            SearchedField {
                terms: fields.unit_terms,
                words: fields.unit_words,
                weight: 2,
            },
            SearchedField {
                terms: fields.employer_terms,
                words: fields.employer_words,
                weight: 2,
            },
            SearchedField {
                terms: fields.body_terms,
                words: fields.body_words,
                weight: 1,
            },
        ];
        let mut matcher = Matcher::default();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut position = 0;
        for unit in &units {
            let typed_word = (unit.typed.len() == 1).then(|| tokens[position].word.clone());
            position += unit.typed.len();
            let typos = typed_word.as_deref().map_or(0, typos_allowed);
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            for field in &searched {
                alternatives.push(all_terms(field.terms, &unit.typed, field.weight * 3));
                for alternative in &unit.alternatives {
                    alternatives.push(all_terms(field.terms, alternative, field.weight * 2));
                }
                if let (Some(word), true) = (&typed_word, typos > 0) {
                    let fuzzy = FuzzyTermQuery::new(
                        Term::from_field_text(field.words, word),
                        u8::try_from(typos).unwrap_or(1),
                        true,
                    );
                    alternatives.push(Box::new(ConstScoreQuery::new(
                        Box::new(fuzzy),
                        field.weight as f32,
                    )));
                }
            }
            matcher.terms.extend(unit.typed.iter().cloned());
            for alternative in &unit.alternatives {
                matcher.terms.extend(alternative.iter().cloned());
            }
            if let (Some(word), true) = (typed_word, typos > 0) {
                matcher.fuzzy_words.push((word, typos));
            }
            clauses.push((
                Occur::Must,
                Box::new(DisjunctionMaxQuery::new(alternatives)),
            ));
        }
        for code in &codes {
            clauses.push((
                Occur::Must,
                ConstTermQuery::boxed(Term::from_field_text(fields.unit_code, code.as_str()), 9.0),
            ));
        }
        let weight = if clauses.is_empty() {
            None
        } else {
            Some(
                BooleanQuery::new(clauses)
                    .weight(EnableScoring::enabled_from_searcher(&searcher))
                    .map_err(engine)?,
            )
        };

        let filters = FilterValues::new(&request.filters);
        let mut counts = FacetCounter::default();
        let mut results: Vec<(u32, u64, u64, u64, DocAddress)> = Vec::new();
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let columns = SearchColumns::new(segment)?;
            let alive = segment.alive_bitset();
            let mut visit = |doc: DocId, score: u32| {
                if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                    return;
                }
                let values = columns.values(doc);
                let passes = filters.passes(&values);
                counts.count(&values, passes);
                if passes.iter().all(|pass| *pass) {
                    results.push((
                        score,
                        values.published_day,
                        values.id_high,
                        values.id_low,
                        DocAddress::new(ordinal as u32, doc),
                    ));
                }
            };
            match &weight {
                Some(weight) => {
                    let mut scorer = weight.scorer(segment, 1.0).map_err(engine)?;
                    let mut doc = scorer.doc();
                    while doc != TERMINATED {
                        visit(doc, scorer.score().round() as u32);
                        doc = scorer.advance();
                    }
                }
                None => {
                    for doc in 0..segment.max_doc() {
                        visit(doc, 0);
                    }
                }
            }
        }
        results.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then((a.2, a.3).cmp(&(b.2, b.3)))
        });

        let mut hits = Vec::new();
        for &(score, _, _, _, address) in results.iter().skip(request.offset).take(request.limit) {
            let stored: TantivyDocument = searcher.doc(address).map_err(engine)?;
            let Some(summary) = stored_summary(&stored, fields) else {
                continue;
            };
            let text = |field: Field| {
                stored
                    .get_first(field)
                    .and_then(|value| value.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let title = text(fields.title);
            let body = format!(
                "{}\n{}",
                text(fields.requirements),
                text(fields.description)
            );
            hits.push(VacancyHit {
                score,
                title_html: mark(&title, &matcher.spans(&title)),
                snippet_html: snippet(&body, &matcher.spans(body.trim()), SNIPPET_CHARS),
                summary,
            });
        }
        Ok(VacancySearchResults {
            total: results.len(),
            hits,
            facets: counts.into_facets(),
        })
    }
}

/// Typos tolerated in a typed word: none under 4 letters, one from 4, two from 8.
fn typos_allowed(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Documents holding every one of `terms` in `field`, scoring `weight`.
fn all_terms(field: Field, terms: &[String], weight: u32) -> Box<dyn Query> {
    if let [single] = terms {
        return ConstTermQuery::boxed(Term::from_field_text(field, single), weight as f32);
    }
    let all: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|term| {
            (
                Occur::Must,
                ConstTermQuery::boxed(Term::from_field_text(field, term), 0.0),
            )
        })
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(all)),
        weight as f32,
    ))
}

/// The facet and sort values of one document.
struct DocValues {
    region: u64,
    employment: u64,
    major_group: u64,
    industry: u64,
    monthly_wage: u64,
    published_day: u64,
    id_high: u64,
    id_low: u64,
}

struct SearchColumns {
    region: Column<u64>,
    employment: Column<u64>,
    major_group: Column<u64>,
    industry: Column<u64>,
    monthly_wage: Column<u64>,
    published_day: Column<u64>,
    id_high: Column<u64>,
    id_low: Column<u64>,
}

impl SearchColumns {
    fn new(segment: &tantivy::SegmentReader) -> Result<Self, SearchError> {
        let fast = segment.fast_fields();
        let column = |name: &str| fast.u64(name).map_err(engine);
        Ok(SearchColumns {
            region: column("region")?,
            employment: column("employment")?,
            major_group: column("major_group")?,
            industry: column("industry")?,
            monthly_wage: column("monthly_wage")?,
            published_day: column("published_day")?,
            id_high: column("id_high")?,
            id_low: column("id_low")?,
        })
    }

    fn values(&self, doc: DocId) -> DocValues {
        let value = |column: &Column<u64>| column.first(doc).unwrap_or(0);
        DocValues {
            region: value(&self.region),
            employment: value(&self.employment),
            major_group: value(&self.major_group),
            industry: value(&self.industry),
            monthly_wage: value(&self.monthly_wage),
            published_day: value(&self.published_day),
            id_high: value(&self.id_high),
            id_low: value(&self.id_low),
        }
    }
}

/// The filters as fast-field tests: region, employment, occupation group, industry, wage.
struct FilterValues {
    regions: Option<Vec<u64>>,
    employment: Option<u64>,
    major_group: Option<u64>,
    industry: Option<u64>,
    min_monthly_wage: Option<u64>,
}

impl FilterValues {
    fn new(filters: &VacancyFilters) -> Self {
        FilterValues {
            regions: filters.region.map(|region| match region {
                RegionCode::City => (1..=7).collect(),
                kecamatan => vec![region_ordinal(Some(kecamatan))],
            }),
            employment: filters.employment_type.map(employment_ordinal),
            major_group: filters.occupation_group.map(u64::from),
            industry: filters
                .industry
                .filter(char::is_ascii_uppercase)
                .map(|letter| u64::from(letter as u8 - b'A') + 1),
            min_monthly_wage: filters
                .min_monthly_wage
                .map(|wage| u64::try_from(wage).unwrap_or(0)),
        }
    }

    /// Whether the document passes each filter: [region, employment, occupation group, industry, wage].
    fn passes(&self, values: &DocValues) -> [bool; 5] {
        [
            self.regions
                .as_ref()
                .is_none_or(|accepted| accepted.contains(&values.region)),
            self.employment
                .is_none_or(|wanted| wanted == values.employment),
            self.major_group
                .is_none_or(|wanted| wanted == values.major_group),
            self.industry.is_none_or(|wanted| wanted == values.industry),
            self.min_monthly_wage
                .is_none_or(|minimum| values.monthly_wage >= minimum),
        ]
    }
}

#[derive(Default)]
struct FacetCounter {
    regions: BTreeMap<u64, u64>,
    employment: BTreeMap<u64, u64>,
    major_groups: BTreeMap<u64, u64>,
    industries: BTreeMap<u64, u64>,
}

impl FacetCounter {
    /// Counts the document in each facet whose other filters it passes.
    fn count(&mut self, values: &DocValues, passes: [bool; 5]) {
        let all_but = |skip: usize| {
            passes
                .iter()
                .enumerate()
                .all(|(index, pass)| index == skip || *pass)
        };
        if all_but(0) {
            *self.regions.entry(values.region).or_default() += 1;
        }
        if all_but(1) {
            *self.employment.entry(values.employment).or_default() += 1;
        }
        if all_but(2) {
            *self.major_groups.entry(values.major_group).or_default() += 1;
        }
        if all_but(3) {
            *self.industries.entry(values.industry).or_default() += 1;
        }
    }

    fn into_facets(self) -> VacancyFacets {
        fn sorted<T>(
            counts: BTreeMap<u64, u64>,
            value: impl Fn(u64) -> Option<T>,
        ) -> Vec<FacetCount<T>> {
            let mut facets: Vec<(u64, FacetCount<T>)> = counts
                .into_iter()
                .filter_map(|(key, count)| {
                    value(key).map(|value| (key, FacetCount { value, count }))
                })
                .collect();
            facets.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
            facets.into_iter().map(|(_, facet)| facet).collect()
        }
        VacancyFacets {
            regions: sorted(self.regions, |ordinal| Some(region_from_ordinal(ordinal))),
            employment_types: sorted(self.employment, |ordinal| {
                EmploymentType::ALL.get(ordinal as usize).copied()
            }),
            occupation_groups: sorted(self.major_groups, |digit| u8::try_from(digit).ok()),
            industries: sorted(self.industries, |letter| {
                Some((letter > 0).then(|| char::from(b'A' + (letter - 1) as u8)))
            }),
        }
    }
}
