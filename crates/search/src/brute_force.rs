//! An independent, obviously correct scorer: the ranking semantics as plain loops over every document, with no
//! index. Tests and the benchmark compare the index against it (recall@k must be 1.0 and the order identical).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::ids::{SeekerId, VacancyId};
use jembatan_domain::vocab::{EvidenceLevel, UnitRequirement};

use crate::documents::{SeekerDocument, VacancyDocument, holds_licences, monthly_equivalent};
use crate::ranking::{CandidateKey, VacancyKey, evidence_points, text_relevance, tie_break};
use crate::recommendations::region_accepted;
use crate::{RecommendationRequest, schema};

/// Every eligible candidate for `vacancy` among `seekers` on `day`, best first.
pub fn rank_candidates(
    seekers: &[SeekerDocument],
    vacancy: &VacancyDocument,
    exclude: &[SeekerId],
    day: NaiveDate,
) -> Vec<(SeekerId, CandidateKey)> {
    PreparedSeekers::new(seekers, day).rank_candidates(vacancy, exclude)
}

/// Seekers with what the candidate ranking reads of them worked out once for one day (best evidence per unit,
/// months per occupation group, analysed profile terms), so that many vacancies can be ranked against a large
/// population (the benchmark ranks 1,000 vacancies against a million seekers). [`rank_candidates`] is this, used
/// once.
pub struct PreparedSeekers<'a> {
    day: NaiveDate,
    seekers: Vec<PreparedSeeker<'a>>,
}

struct PreparedSeeker<'a> {
    document: &'a SeekerDocument,
    evidence: BTreeMap<CompetencyUnitCode, EvidenceLevel>,
    experience: BTreeMap<u16, u32>,
    profile_terms: Vec<String>,
}

impl<'a> PreparedSeekers<'a> {
    /// Prepares the matchable seekers among `seekers` for ranking on `day`.
    pub fn new(seekers: &'a [SeekerDocument], day: NaiveDate) -> Self {
        let seekers = seekers
            .iter()
            .filter(|seeker| seeker.is_matchable(day))
            .map(|document| PreparedSeeker {
                document,
                evidence: document.best_evidence(day),
                experience: document.experience_months(day),
                profile_terms: document.profile_terms(),
            })
            .collect();
        PreparedSeekers { day, seekers }
    }

    /// The day the seekers were prepared for.
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// Every eligible candidate for `vacancy`, best first.
    pub fn rank_candidates(
        &self,
        vacancy: &VacancyDocument,
        exclude: &[SeekerId],
    ) -> Vec<(SeekerId, CandidateKey)> {
        let mut ranked = self.eligible_keys(vacancy, exclude);
        ranked.sort_by(|a, b| a.1.ranking(&b.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// The best `k` eligible candidates for `vacancy`, best first: the head of [`Self::rank_candidates`].
    pub fn top_candidates(
        &self,
        vacancy: &VacancyDocument,
        exclude: &[SeekerId],
        k: usize,
    ) -> Vec<(SeekerId, CandidateKey)> {
        let mut ranked = self.eligible_keys(vacancy, exclude);
        let order = |a: &(SeekerId, CandidateKey), b: &(SeekerId, CandidateKey)| {
            a.1.ranking(&b.1).then(a.0.cmp(&b.0))
        };
        if ranked.len() > k && k > 0 {
            ranked.select_nth_unstable_by(k - 1, order);
            ranked.truncate(k);
        }
        ranked.truncate(k);
        ranked.sort_by(order);
        ranked
    }

    fn eligible_keys(
        &self,
        vacancy: &VacancyDocument,
        exclude: &[SeekerId],
    ) -> Vec<(SeekerId, CandidateKey)> {
        let vacancy_terms = vacancy.weighted_terms();
        let group = vacancy.occupation_group();
        let mut ranked: Vec<(SeekerId, CandidateKey)> = Vec::new();
        for prepared in &self.seekers {
            let seeker = prepared.document;
            if exclude.contains(&seeker.id) {
                continue;
            }
            if let Some(minimum) = vacancy.min_education
                && !seeker.education_level.meets(minimum)
            {
                continue;
            }
            if !holds_licences(&seeker.driving_licences, &vacancy.driving_licences) {
                continue;
            }
            let mut key = CandidateKey {
                required_covered: 0,
                required_evidence_points: 0,
                optional_covered: 0,
                optional_evidence_points: 0,
                experience_months: prepared.experience.get(&group).copied().unwrap_or(0),
                text_relevance: text_relevance(&vacancy_terms, &prepared.profile_terms),
                last_active_on: seeker.last_active_on,
                tie_break: tie_break(vacancy.id, seeker.id),
            };
            let mut mandatory_failed = false;
            for unit in &vacancy.units {
                let held = prepared.evidence.get(&unit.code).copied();
                let covered = unit.is_satisfied_by(held);
                match (unit.requirement, covered, held) {
                    (UnitRequirement::Required, true, Some(level)) => {
                        key.required_covered += 1;
                        key.required_evidence_points += evidence_points(level);
                    }
                    (UnitRequirement::Optional, true, Some(level)) => {
                        key.optional_covered += 1;
                        key.optional_evidence_points += evidence_points(level);
                    }
                    (UnitRequirement::Required, false, _) if unit.min_evidence_level.is_some() => {
                        mandatory_failed = true;
                    }
                    _ => {}
                }
            }
            if !mandatory_failed {
                ranked.push((seeker.id, key));
            }
        }
        ranked
    }
}

/// Every live vacancy among `vacancies` the seeker of `request` is eligible for, within preferences, best
/// first (the request's offset and limit are ignored).
pub fn recommend_vacancies(
    vacancies: &[VacancyDocument],
    request: &RecommendationRequest<'_>,
) -> Vec<(VacancyId, VacancyKey)> {
    let seeker = request.seeker;
    let day = request.day;
    let evidence = seeker.best_evidence(day);
    let experience: BTreeMap<u16, u32> = seeker.experience_months(day);
    let profile = seeker.profile_terms();
    let preferences = request.preferences;
    let mut ranked = Vec::new();
    for vacancy in vacancies {
        if !vacancy.is_live(day) || request.exclude.contains(&vacancy.id) {
            continue;
        }
        if let Some(minimum) = vacancy.min_education
            && !seeker.education_level.meets(minimum)
        {
            continue;
        }
        if !holds_licences(&seeker.driving_licences, &vacancy.driving_licences) {
            continue;
        }
        if !region_accepted(preferences, vacancy.location.region_code()) {
            continue;
        }
        if !preferences.employment_types.is_empty()
            && !preferences
                .employment_types
                .contains(&vacancy.employment_type)
        {
            continue;
        }
        if let Some(expected) = preferences.expected_monthly_wage
            && monthly_equivalent(vacancy.wage_max.as_i64(), vacancy.wage_period)
                < expected.as_i64()
        {
            continue;
        }
        let mut key = VacancyKey {
            required_missing: 0,
            required_covered: 0,
            required_evidence_points: 0,
            optional_covered: 0,
            optional_evidence_points: 0,
            experience_months: experience
                .get(&vacancy.occupation_group())
                .copied()
                .unwrap_or(0),
            text_relevance: text_relevance(&vacancy.weighted_terms(), &profile),
            published_on: vacancy.published_on,
            tie_break: tie_break(vacancy.id, seeker.id),
        };
        let mut mandatory_failed = false;
        for unit in &vacancy.units {
            let held = evidence.get(&unit.code).copied();
            let covered = unit.is_satisfied_by(held);
            match (unit.requirement, covered, held) {
                (UnitRequirement::Required, true, Some(level)) => {
                    key.required_covered += 1;
                    key.required_evidence_points += evidence_points(level);
                }
                (UnitRequirement::Optional, true, Some(level)) => {
                    key.optional_covered += 1;
                    key.optional_evidence_points += evidence_points(level);
                }
                (UnitRequirement::Required, false, _) => {
                    key.required_missing += 1;
                    mandatory_failed |= unit.min_evidence_level.is_some();
                }
                _ => {}
            }
        }
        if !mandatory_failed {
            ranked.push((vacancy.id, key));
        }
    }
    ranked.sort_by(|a, b| a.1.ranking(&b.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The schema version the brute-force semantics correspond to (for reports).
pub const SEMANTICS_VERSION: u32 = schema::SCHEMA_VERSION;
