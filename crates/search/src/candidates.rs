//! Ranking candidates (job seekers) for a vacancy.
//!
//! How it stays exact and fast:
//! - The unit keys (required covered, required evidence points, optional covered, optional evidence points) are
//!   one integer made of additive constant scores: each `(unit, evidence level)` term of a covered unit adds its
//!   weight, and the weights are chosen per query so that the sum orders the four keys lexicographically and stays
//!   below 2^24, where `f32` sums of integers are exact. See [`UnitScoring`].
//! - Eligibility (education, driving licences, already applied) is read from fast fields; a unit the vacancy wants
//!   at a minimum evidence level is a required posting list.
//! - A first pass keeps every document whose (unit score, experience months) reaches the k-th best seen so far,
//!   ties included. It prunes dynamically ([`UnitPlan`], [`Walk`]): once k documents are held, only the posting
//!   lists every document able to reach the k-th must appear in are walked; the others are only sought.
//!   Text relevance, recent activity and the tie-break are computed only for the survivors, which are then
//!   sorted by the full key.
//! - When fewer than k eligible seekers share any unit with the vacancy (or it lists none), a second pass looks
//!   at every eligible seeker, so the answer is the same as a brute-force scan.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};

use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::ids::SeekerId;
use jembatan_domain::vacancy::VacancyUnit;
use jembatan_domain::vocab::EvidenceLevel;
use tantivy::columnar::Column;
use tantivy::fastfield::AliveBitSet;
use tantivy::postings::SegmentPostings;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED, Term};

use crate::documents::{
    VacancyDocument, level_from_number, level_number, licence_bits, unpack_unit,
};
use crate::error::{SearchError, engine};
use crate::index::SearchIndex;
use crate::query::ConstTermQuery;
use crate::ranking::{CandidateKey, MatchExplanation, explain, tie_break};
use crate::schema::{SeekerFields, day_from_number, unit_level_term};

/// What to rank candidates for.
#[derive(Debug, Clone, Copy)]
pub struct CandidateRequest<'a> {
    /// The vacancy (as it is now in the database, in any status).
    pub vacancy: &'a VacancyDocument,
    /// Seekers to leave out: those who already applied (they are in the pipeline).
    pub exclude: &'a [SeekerId],
    /// Candidates to skip (pagination).
    pub offset: usize,
    /// Candidates to return.
    pub limit: usize,
}

/// One ranked candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedCandidate {
    /// The seeker.
    pub seeker_id: SeekerId,
    /// The ranking key.
    pub key: CandidateKey,
    /// Required units matched (with evidence) and missing, optional units matched and missing.
    pub explanation: MatchExplanation,
}

/// A page of candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidatePage {
    /// The candidates, best first.
    pub candidates: Vec<RankedCandidate>,
    /// Whether more candidates follow this page.
    pub has_more: bool,
}

/// Largest integer below which sums of integer `f32` scores are exact.
const EXACT_SCORE_LIMIT: u64 = 1 << 24;

/// The per-query weights that make one integer score order the four unit keys.
///
/// A covered required unit adds `(required_base + points) * optional_span` and a covered optional unit adds
/// `optional_base + points`, where points are 0/1/2 for declared/trained/certified. With `r` required and `o`
/// optional units, `required_base = 2r + 1` exceeds any sum of required points, `optional_base = 2o + 1` any sum
/// of optional points, and `optional_span` any optional part; so the score decodes back into the four keys and
/// compares like them, lexicographically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitScoring {
    required_base: u64,
    optional_base: u64,
    optional_span: u64,
}

impl UnitScoring {
    pub fn new(required: usize, optional: usize) -> Result<Self, SearchError> {
        let required_base = 2 * required as u64 + 1;
        let optional_base = 2 * optional as u64 + 1;
        let optional_span = optional as u64 * (optional_base + 2) + 1;
        let maximum = required as u64 * (required_base + 2) * optional_span + optional_span;
        if maximum >= EXACT_SCORE_LIMIT {
            return Err(SearchError::TooManyUnits {
                max: jembatan_domain::vacancy::MAX_UNITS,
                got: required + optional,
            });
        }
        Ok(UnitScoring {
            required_base,
            optional_base,
            optional_span,
        })
    }

    /// What a required unit covered at `level` adds (below 2^24: checked by [`UnitScoring::new`]).
    fn required_weight(&self, level: u64) -> u32 {
        ((self.required_base + level) * self.optional_span) as u32
    }

    /// What an optional unit covered at `level` adds.
    fn optional_weight(&self, level: u64) -> u32 {
        (self.optional_base + level) as u32
    }

    /// (required covered, required points, optional covered, optional points).
    pub fn decode(&self, score: u64) -> (u32, u32, u32, u32) {
        let required_part = score / self.optional_span;
        let optional_part = score % self.optional_span;
        let narrow = |value: u64| u32::try_from(value).unwrap_or(u32::MAX);
        (
            narrow(required_part / self.required_base),
            narrow(required_part % self.required_base),
            narrow(optional_part / self.optional_base),
            narrow(optional_part % self.optional_base),
        )
    }
}

/// The evidence levels (as numbers) that cover `unit`: all, or those at or above its minimum.
fn covering_levels(unit: &VacancyUnit) -> impl Iterator<Item = u64> {
    let minimum = unit.min_evidence_level.map_or(0, level_number);
    minimum..=2
}

impl SearchIndex {
    /// The best candidates for a vacancy, with their keys and explanations; see the module documentation and
    /// `docs/architecture.md` for the order.
    #[tracing::instrument(skip_all, fields(vacancy = %request.vacancy.id, limit = request.limit))]
    pub fn rank_candidates(
        &self,
        request: &CandidateRequest<'_>,
    ) -> Result<CandidatePage, SearchError> {
        let vacancy = request.vacancy;
        let wanted = request.offset + request.limit + 1;
        let searcher = self.seekers.reader.searcher();
        let fields = &self.seekers.fields;
        let required: Vec<&VacancyUnit> = vacancy.required_units().collect();
        let optional: Vec<&VacancyUnit> = vacancy.optional_units().collect();
        let scoring = UnitScoring::new(required.len(), optional.len())?;

        let plan = UnitPlan::new(fields, &required, &optional, &scoring);

        let filter = Filter {
            min_education: vacancy
                .min_education
                .map_or(0, |level| u64::from(level.rank())),
            licences: licence_bits(&vacancy.driving_licences),
            occupation_group: u64::from(vacancy.occupation_group()),
        };
        let excluded_keys: Vec<Term> = request
            .exclude
            .iter()
            .map(|id| Term::from_field_text(fields.id, &id.into_inner().to_string()))
            .collect();
        let contexts = searcher
            .segment_readers()
            .iter()
            .map(|segment| SegmentContext::new(segment, fields, &excluded_keys))
            .collect::<Result<Vec<_>, _>>()?;

        let mut collector = FirstPass::new(wanted);
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            plan.first_pass(
                segment,
                ordinal,
                &contexts[ordinal],
                &filter,
                &mut collector,
            )?;
        }
        if plan.mandatory == 0 && !collector.is_full() {
            // Too few seekers share a unit with the vacancy: look at every eligible seeker.
            let unit_weight = plan.union_weight(&searcher)?;
            collector = FirstPass::new(wanted);
            for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
                let context = &contexts[ordinal];
                let mut scorer = match &unit_weight {
                    Some(weight) => Some(weight.scorer(segment, 1.0).map_err(engine)?),
                    None => None,
                };
                for doc in 0..segment.max_doc() {
                    if !context.is_alive(doc) {
                        continue;
                    }
                    let score = match scorer.as_mut() {
                        Some(scorer) => score_at(scorer.as_mut(), doc),
                        None => 0,
                    };
                    collector.offer(ordinal, doc, score, context, &filter);
                }
            }
        }

        let survivors = collector.survivors();
        let text_terms: Vec<(Term, u32)> = vacancy
            .weighted_terms()
            .into_iter()
            .map(|(term, weight)| (Term::from_field_text(fields.profile, &term), weight))
            .collect();
        let mut ranked: Vec<(CandidateKey, SeekerId, usize, DocId)> =
            Vec::with_capacity(survivors.len());
        let mut current_segment: Option<(usize, TextCursors)> = None;
        for survivor in survivors {
            let context = &contexts[survivor.segment];
            if current_segment.as_ref().map(|(ordinal, _)| *ordinal) != Some(survivor.segment) {
                let segment = searcher.segment_reader(survivor.segment as u32);
                current_segment = Some((
                    survivor.segment,
                    TextCursors::new(segment, fields, &text_terms)?,
                ));
            }
            let text_relevance = current_segment
                .as_mut()
                .map_or(0, |(_, cursors)| cursors.score(survivor.doc));
            let seeker_id = context.seeker_id(survivor.doc);
            let (
                required_covered,
                required_evidence_points,
                optional_covered,
                optional_evidence_points,
            ) = scoring.decode(u64::from(survivor.unit_score));
            let key = CandidateKey {
                required_covered,
                required_evidence_points,
                optional_covered,
                optional_evidence_points,
                experience_months: survivor.experience,
                text_relevance,
                last_active_on: context
                    .active_day
                    .first(survivor.doc)
                    .and_then(day_from_number),
                tie_break: tie_break(vacancy.id, seeker_id),
            };
            ranked.push((key, seeker_id, survivor.segment, survivor.doc));
        }
        ranked.sort_by(|a, b| a.0.ranking(&b.0).then(a.1.cmp(&b.1)));

        let has_more = ranked.len() > request.offset + request.limit;
        let candidates = ranked
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|(key, seeker_id, segment, doc)| {
                let evidence = contexts[segment].evidence(doc);
                let explanation = explain(&vacancy.units, &evidence);
                debug_assert_eq!(
                    explanation.required_matched.len() as u32,
                    key.required_covered
                );
                debug_assert_eq!(
                    explanation.required_evidence_points(),
                    key.required_evidence_points
                );
                debug_assert_eq!(
                    explanation.optional_matched.len() as u32,
                    key.optional_covered
                );
                RankedCandidate {
                    seeker_id,
                    key,
                    explanation,
                }
            })
            .collect();
        Ok(CandidatePage {
            candidates,
            has_more,
        })
    }
}

/// One `(unit, evidence level)` term of the vacancy, with what it adds to the unit score.
struct PlannedTerm {
    term: Term,
    weight: u32,
    /// Position of the unit among the vacancy's units.
    unit: usize,
}

/// The unit terms of one query.
///
/// The first pass walks their posting lists with dynamic pruning over additive constant scores (MaxScore, Turtle
/// and Flood 1995, plus required-term detection): once the collector holds k documents, a document can only survive
/// with a unit score at or above the k-th best, so only the lists that every such document must appear in are
/// walked and the others are sought at their documents, stopping as soon as the rest cannot lift the document to
/// the threshold. [`Walk`] chooses, at each new threshold, which lists to walk.
struct UnitPlan {
    terms: Vec<PlannedTerm>,
    /// Units that must be covered (bit `i` for the vacancy's unit `i`).
    mandatory: u64,
}

// Units are bits of a u64 in the first pass.
const _: () = assert!(jembatan_domain::vacancy::MAX_UNITS <= 64);

/// A planned term's posting list in one segment.
struct TermCursor {
    postings: SegmentPostings,
    weight: u32,
    unit: usize,
    doc_freq: u32,
}

impl UnitPlan {
    fn new(
        fields: &SeekerFields,
        required: &[&VacancyUnit],
        optional: &[&VacancyUnit],
        scoring: &UnitScoring,
    ) -> Self {
        let mut terms = Vec::new();
        let mut mandatory = 0u64;
        for (unit, vacancy_unit) in required.iter().enumerate() {
            if vacancy_unit.min_evidence_level.is_some() {
                mandatory |= 1 << unit;
            }
            for level in covering_levels(vacancy_unit) {
                terms.push(PlannedTerm {
                    term: unit_level_term(fields.unit, vacancy_unit.code.as_str(), level),
                    weight: scoring.required_weight(level),
                    unit,
                });
            }
        }
        for (position, vacancy_unit) in optional.iter().enumerate() {
            for level in covering_levels(vacancy_unit) {
                terms.push(PlannedTerm {
                    term: unit_level_term(fields.unit, vacancy_unit.code.as_str(), level),
                    weight: scoring.optional_weight(level),
                    unit: required.len() + position,
                });
            }
        }
        UnitPlan { terms, mandatory }
    }

    /// Offers the segment's documents that hold a unit of the vacancy (and every mandatory one) to `collector`,
    /// skipping those that cannot reach its threshold.
    fn first_pass(
        &self,
        segment: &SegmentReader,
        ordinal: usize,
        context: &SegmentContext,
        filter: &Filter,
        collector: &mut FirstPass,
    ) -> Result<(), SearchError> {
        let Some(first) = self.terms.first() else {
            return Ok(());
        };
        let inverted = segment.inverted_index(first.term.field()).map_err(engine)?;
        let mut cursors = Vec::with_capacity(self.terms.len());
        for planned in &self.terms {
            if let Some(postings) =
                inverted.read_postings(&planned.term, IndexRecordOption::Basic)?
            {
                cursors.push(TermCursor {
                    doc_freq: postings.doc_freq(),
                    postings,
                    weight: planned.weight,
                    unit: planned.unit,
                });
            }
        }
        let held_anywhere = cursors
            .iter()
            .fold(0u64, |held, cursor| held | (1 << cursor.unit));
        if held_anywhere & self.mandatory != self.mandatory {
            // No seeker in this segment holds some mandatory unit at its level.
            return Ok(());
        }
        let mut next: DocId = 0;
        let mut walk = Walk::default();
        let mut planned_for = None;
        loop {
            let threshold = collector.unit_threshold();
            if planned_for != Some(threshold) {
                walk.plan(&cursors, threshold, self.mandatory);
                planned_for = Some(threshold);
            }
            let mut doc = TERMINATED;
            for &position in &walk.driver {
                let postings = &mut cursors[position].postings;
                if postings.doc() < next {
                    postings.seek(next);
                }
                doc = doc.min(postings.doc());
            }
            if doc == TERMINATED {
                return Ok(());
            }
            next = doc + 1;
            let mut score = 0u32;
            let mut held = 0u64;
            for &position in &walk.driver {
                let cursor = &mut cursors[position];
                if cursor.postings.doc() == doc {
                    score += cursor.weight;
                    held |= 1 << cursor.unit;
                    cursor.postings.advance();
                }
            }
            if !context.is_alive(doc) {
                continue;
            }
            let mut reachable = true;
            for (step, &position) in walk.checked.iter().enumerate() {
                if score + walk.rest_bound[step] < threshold {
                    reachable = false;
                    break;
                }
                let cursor = &mut cursors[position];
                if holds(&mut cursor.postings, doc) {
                    score += cursor.weight;
                    held |= 1 << cursor.unit;
                }
            }
            if reachable && score >= threshold && held & self.mandatory == self.mandatory {
                collector.offer(ordinal, doc, score, context, filter);
            }
        }
    }

    /// Every unit term as one union query (scores add up), for scoring every document in turn.
    fn union_weight(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<Option<Box<dyn Weight>>, SearchError> {
        if self.terms.is_empty() {
            return Ok(None);
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = self
            .terms
            .iter()
            .map(|planned| {
                (
                    Occur::Should,
                    ConstTermQuery::boxed(planned.term.clone(), planned.weight as f32),
                )
            })
            .collect();
        BooleanQuery::new(clauses)
            .weight(EnableScoring::enabled_from_searcher(searcher))
            .map(Some)
            .map_err(engine)
    }
}

/// How the first pass walks a segment's unit posting lists at one threshold: the *driver* lists are walked (every
/// candidate is in one of them), the *checked* ones are only sought at a candidate, in order, and `rest_bound[i]`
/// is the most the checked lists from `i` on can still add to a document.
///
/// The driver is the cheapest (fewest postings) set that every document able to reach the threshold is in:
/// - the MaxScore essential lists: all but the longest prefix, by weight, whose combined maximum stays below it;
/// - or the lists of one unit every such document must hold: a mandatory unit, or one without which the others
///   cannot reach the threshold (only its top level when a lower one could not reach it either).
///
/// A seeker holds each unit at one evidence level (its best), so the combined maximum of a set of lists is the sum
/// over units of the best weight each unit has in the set.
#[derive(Debug, Default)]
struct Walk {
    driver: Vec<usize>,
    checked: Vec<usize>,
    rest_bound: Vec<u32>,
}

impl Walk {
    fn plan(&mut self, cursors: &[TermCursor], threshold: u32, mandatory: u64) {
        let mut best = [0u32; 64];
        let mut second = [0u32; 64];
        let mut units = 0u64;
        for cursor in cursors {
            let unit = cursor.unit;
            units |= 1 << unit;
            if cursor.weight > best[unit] {
                second[unit] = best[unit];
                best[unit] = cursor.weight;
            } else if cursor.weight > second[unit] {
                second[unit] = cursor.weight;
            }
        }
        let total: u32 = best.iter().sum();
        let cost = |positions: &[usize]| -> u64 {
            positions
                .iter()
                .map(|position| u64::from(cursors[*position].doc_freq))
                .sum()
        };

        // MaxScore: cursors by weight (most frequent first among equals); the prefix below the threshold is
        // non-essential.
        let mut order: Vec<usize> = (0..cursors.len()).collect();
        order.sort_by_key(|position| {
            let cursor = &cursors[*position];
            (cursor.weight, Reverse(cursor.doc_freq), cursor.unit)
        });
        let mut prefix_best = [0u32; 64];
        let mut prefix_bound = 0u32;
        let mut split = 0;
        if threshold > 0 {
            for position in &order {
                let cursor = &cursors[*position];
                let unit_best = prefix_best[cursor.unit].max(cursor.weight);
                let bound = prefix_bound - prefix_best[cursor.unit] + unit_best;
                if bound >= threshold {
                    break;
                }
                prefix_bound = bound;
                prefix_best[cursor.unit] = unit_best;
                split += 1;
            }
        }
        let mut driver: Vec<usize> = order[split..].to_vec();
        let mut driver_cost = cost(&driver);

        // A unit every surviving document holds.
        for unit in (0..64).filter(|unit| units & (1 << unit) != 0) {
            let without_unit = total - best[unit];
            let must_hold = mandatory & (1 << unit) != 0 || without_unit < threshold;
            if !must_hold {
                continue;
            }
            let top_only = without_unit + second[unit] < threshold;
            let lists: Vec<usize> = (0..cursors.len())
                .filter(|position| {
                    let cursor = &cursors[*position];
                    cursor.unit == unit && (!top_only || cursor.weight == best[unit])
                })
                .collect();
            let lists_cost = cost(&lists);
            if lists_cost < driver_cost {
                driver = lists;
                driver_cost = lists_cost;
            }
        }

        // The rest, most valuable first, with the bound of each suffix.
        let mut checked: Vec<usize> = (0..cursors.len())
            .filter(|position| !driver.contains(position))
            .collect();
        checked.sort_by_key(|position| {
            let cursor = &cursors[*position];
            (Reverse(cursor.weight), cursor.doc_freq, cursor.unit)
        });
        let mut rest_bound = vec![0u32; checked.len()];
        let mut suffix_best = [0u32; 64];
        let mut bound = 0u32;
        for (step, position) in checked.iter().enumerate().rev() {
            let cursor = &cursors[*position];
            if cursor.weight > suffix_best[cursor.unit] {
                bound += cursor.weight - suffix_best[cursor.unit];
                suffix_best[cursor.unit] = cursor.weight;
            }
            rest_bound[step] = bound;
        }
        self.driver = driver;
        self.checked = checked;
        self.rest_bound = rest_bound;
    }
}

/// The vacancy's weighted terms over one segment's profile terms, read at the survivors only: each posting list
/// is sought on its own (skipping whole blocks), where a union of them would decode every posting between two
/// survivors.
struct TextCursors {
    cursors: Vec<(SegmentPostings, u32)>,
}

impl TextCursors {
    fn new(
        segment: &SegmentReader,
        fields: &SeekerFields,
        terms: &[(Term, u32)],
    ) -> Result<Self, SearchError> {
        let inverted = segment.inverted_index(fields.profile).map_err(engine)?;
        let mut cursors = Vec::with_capacity(terms.len());
        for (term, weight) in terms {
            if let Some(postings) = inverted.read_postings(term, IndexRecordOption::Basic)? {
                cursors.push((postings, *weight));
            }
        }
        Ok(TextCursors { cursors })
    }

    /// The text relevance of `doc`; documents must come in increasing order.
    fn score(&mut self, doc: DocId) -> u32 {
        self.cursors
            .iter_mut()
            .filter_map(|(postings, weight)| holds(postings, doc).then_some(*weight))
            .sum()
    }
}

/// Whether the posting list holds `doc`, seeking forward to it; `doc` must not go backwards.
fn holds(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc
}

/// The (integer) score of `scorer` at `doc`, 0 when it does not match; `doc` must not go backwards.
pub(crate) fn score_at(scorer: &mut dyn Scorer, doc: DocId) -> u32 {
    if scorer.doc() < doc {
        scorer.seek(doc);
    }
    if scorer.doc() == doc {
        unit_score(scorer.score())
    } else {
        0
    }
}

fn unit_score(score: f32) -> u32 {
    score.round() as u32
}

/// The vacancy's mandatory requirements checked on fast fields, and its occupation group.
struct Filter {
    min_education: u64,
    licences: u64,
    occupation_group: u64,
}

/// What one segment offers to the ranking: fast-field columns and the excluded documents.
struct SegmentContext {
    alive: Option<AliveBitSet>,
    excluded: HashSet<DocId>,
    education: Column<u64>,
    licences: Column<u64>,
    experience: Column<u64>,
    active_day: Column<u64>,
    id_high: Column<u64>,
    id_low: Column<u64>,
    units: Column<u64>,
}

impl SegmentContext {
    fn new(
        segment: &SegmentReader,
        fields: &SeekerFields,
        excluded_keys: &[Term],
    ) -> Result<Self, SearchError> {
        let fast = segment.fast_fields();
        let column = |name: &str| fast.u64(name).map_err(engine);
        let mut excluded = HashSet::new();
        if !excluded_keys.is_empty() {
            let inverted = segment.inverted_index(fields.id).map_err(engine)?;
            for key in excluded_keys {
                if let Some(mut postings) = inverted.read_postings(key, IndexRecordOption::Basic)? {
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        excluded.insert(doc);
                        doc = postings.advance();
                    }
                }
            }
        }
        Ok(SegmentContext {
            alive: segment.alive_bitset().cloned(),
            excluded,
            education: column("education")?,
            licences: column("licences")?,
            experience: column("experience")?,
            active_day: column("active_day")?,
            id_high: column("id_high")?,
            id_low: column("id_low")?,
            units: column("units")?,
        })
    }

    fn is_alive(&self, doc: DocId) -> bool {
        self.alive.as_ref().is_none_or(|bits| bits.is_alive(doc))
    }

    fn is_eligible(&self, doc: DocId, filter: &Filter) -> bool {
        self.education.first(doc).unwrap_or(0) >= filter.min_education
            && filter.licences & !self.licences.first(doc).unwrap_or(0) == 0
            && !self.excluded.contains(&doc)
    }

    fn experience_months(&self, doc: DocId, group: u64) -> u32 {
        self.experience
            .values_for_doc(doc)
            .find(|value| value >> 32 == group)
            .map_or(0, |value| (value & 0xFFFF_FFFF) as u32)
    }

    fn seeker_id(&self, doc: DocId) -> SeekerId {
        let high = self.id_high.first(doc).unwrap_or(0);
        let low = self.id_low.first(doc).unwrap_or(0);
        SeekerId::from(uuid::Uuid::from_u64_pair(high, low))
    }

    fn evidence(&self, doc: DocId) -> BTreeMap<CompetencyUnitCode, EvidenceLevel> {
        self.units
            .values_for_doc(doc)
            .filter_map(|packed| {
                Some((unpack_unit(packed >> 2)?, level_from_number(packed & 0b11)))
            })
            .collect()
    }
}

/// A document kept by the first pass.
#[derive(Debug, Clone, Copy)]
struct Survivor {
    segment: usize,
    doc: DocId,
    unit_score: u32,
    experience: u32,
}

impl Survivor {
    fn coarse(&self) -> u64 {
        (u64::from(self.unit_score) << 32) | u64::from(self.experience)
    }
}

/// Keeps every eligible document whose (unit score, experience) reaches the k-th best seen, ties included.
struct FirstPass {
    wanted: usize,
    /// The `wanted` best coarse keys seen (a min-heap: the top is the threshold).
    best: BinaryHeap<Reverse<u64>>,
    survivors: Vec<Survivor>,
}

impl FirstPass {
    fn new(wanted: usize) -> Self {
        FirstPass {
            wanted,
            best: BinaryHeap::with_capacity(wanted + 1),
            survivors: Vec::new(),
        }
    }

    fn is_full(&self) -> bool {
        self.best.len() >= self.wanted
    }

    /// The unit score a document needs to survive: that of the k-th best coarse key (0 until k are held).
    fn unit_threshold(&self) -> u32 {
        (self.threshold() >> 32) as u32
    }

    fn threshold(&self) -> u64 {
        match self.best.peek() {
            Some(Reverse(threshold)) if self.is_full() => *threshold,
            _ => 0,
        }
    }

    fn offer(
        &mut self,
        segment: usize,
        doc: DocId,
        unit_score: u32,
        context: &SegmentContext,
        filter: &Filter,
    ) {
        let threshold = self.threshold();
        if u64::from(unit_score) < threshold >> 32 {
            return;
        }
        if !context.is_eligible(doc, filter) {
            return;
        }
        let survivor = Survivor {
            segment,
            doc,
            unit_score,
            experience: context.experience_months(doc, filter.occupation_group),
        };
        let coarse = survivor.coarse();
        if coarse < threshold {
            return;
        }
        self.best.push(Reverse(coarse));
        if self.best.len() > self.wanted {
            self.best.pop();
        }
        self.survivors.push(survivor);
        if self.survivors.len() > 4 * self.wanted + 4096 {
            let threshold = self.threshold();
            self.survivors.retain(|kept| kept.coarse() >= threshold);
        }
    }

    /// The survivors at or above the final threshold, in (segment, doc) order.
    fn survivors(self) -> Vec<Survivor> {
        let threshold = self.threshold();
        let mut survivors: Vec<Survivor> = self
            .survivors
            .into_iter()
            .filter(|kept| kept.coarse() >= threshold)
            .collect();
        survivors.sort_by_key(|kept| (kept.segment, kept.doc));
        survivors
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    #[test]
    fn the_unit_score_decodes_into_the_four_keys_for_every_combination() {
        let scoring = UnitScoring::new(3, 2).unwrap();
        for required_covered in 0..=3u64 {
            for required_points in 0..=2 * required_covered {
                for optional_covered in 0..=2u64 {
                    for optional_points in 0..=2 * optional_covered {
                        let score = (required_covered * scoring.required_base + required_points)
                            * scoring.optional_span
                            + optional_covered * scoring.optional_base
                            + optional_points;
                        assert_eq!(
                            scoring.decode(score),
                            (
                                required_covered as u32,
                                required_points as u32,
                                optional_covered as u32,
                                optional_points as u32
                            )
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn fifty_units_in_any_split_stay_within_exact_float_sums() {
        for required in 0..=50 {
            assert!(
                UnitScoring::new(required, 50 - required).is_ok(),
                "{required} required"
            );
        }
        assert!(UnitScoring::new(200, 200).is_err());
    }
}
