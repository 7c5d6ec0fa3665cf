//! The ranking semantics, stated once: the keys candidates and vacancies are ordered by, the evidence points, the
//! stable tie-break and the explanation of a match. The index computes the keys through postings and fast fields;
//! [`crate::brute_force`] computes them by plain loops over the documents; both must agree exactly.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::ids::{SeekerId, VacancyId};
use jembatan_domain::vacancy::VacancyUnit;
use jembatan_domain::vocab::{EvidenceLevel, UnitRequirement};
use serde::Serialize;

/// Points one unit's evidence adds to the evidence keys: declared 0, trained 1, certified 2. The unit count keys
/// come first, so evidence only orders candidates that cover the same number of units.
pub fn evidence_points(level: EvidenceLevel) -> u32 {
    match level {
        EvidenceLevel::Declared => 0,
        EvidenceLevel::Trained => 1,
        EvidenceLevel::Certified => 2,
    }
}

/// Why a candidate ranks where it does for one vacancy. Compared in field order; see [`CandidateKey::ranking`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CandidateKey {
    /// Required units covered (all covered ranks above any miss; more ranks higher).
    pub required_covered: u32,
    /// Sum of [`evidence_points`] over the covered required units.
    pub required_evidence_points: u32,
    /// Optional units covered.
    pub optional_covered: u32,
    /// Sum of [`evidence_points`] over the covered optional units.
    pub optional_evidence_points: u32,
    /// Whole months of work in the vacancy's occupation group (ISCO unit group).
    pub experience_months: u32,
    /// Text relevance of the profile to the vacancy (see [`text_relevance`]).
    pub text_relevance: u32,
    /// Last day the seeker was active (more recent ranks higher; never active ranks last).
    pub last_active_on: Option<NaiveDate>,
    /// The stable tie-break ([`tie_break`]): lower ranks higher.
    pub tie_break: u64,
}

impl CandidateKey {
    /// `Less` when `self` ranks before `other`. Equal keys (a tie-break collision) fall back to the seeker id.
    pub fn ranking(&self, other: &Self) -> Ordering {
        other
            .required_covered
            .cmp(&self.required_covered)
            .then(
                other
                    .required_evidence_points
                    .cmp(&self.required_evidence_points),
            )
            .then(other.optional_covered.cmp(&self.optional_covered))
            .then(
                other
                    .optional_evidence_points
                    .cmp(&self.optional_evidence_points),
            )
            .then(other.experience_months.cmp(&self.experience_months))
            .then(other.text_relevance.cmp(&self.text_relevance))
            .then(other.last_active_on.cmp(&self.last_active_on))
            .then(self.tie_break.cmp(&other.tie_break))
    }
}

/// Why a vacancy ranks where it does for one seeker. Compared in field order; see [`VacancyKey::ranking`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VacancyKey {
    /// Required units of the vacancy the seeker does not cover (0 ranks first; fewer ranks higher).
    pub required_missing: u32,
    /// Required units covered (more ranks higher).
    pub required_covered: u32,
    /// Sum of [`evidence_points`] over the covered required units.
    pub required_evidence_points: u32,
    /// Optional units covered.
    pub optional_covered: u32,
    /// Sum of [`evidence_points`] over the covered optional units.
    pub optional_evidence_points: u32,
    /// The seeker's whole months of work in the vacancy's occupation group.
    pub experience_months: u32,
    /// Text relevance of the profile to the vacancy (see [`text_relevance`]).
    pub text_relevance: u32,
    /// Day the vacancy was published (more recent ranks higher).
    pub published_on: Option<NaiveDate>,
    /// The stable tie-break ([`tie_break`]): lower ranks higher.
    pub tie_break: u64,
}

impl VacancyKey {
    /// `Less` when `self` ranks before `other`. Equal keys fall back to the vacancy id.
    pub fn ranking(&self, other: &Self) -> Ordering {
        self.required_missing
            .cmp(&other.required_missing)
            .then(other.required_covered.cmp(&self.required_covered))
            .then(
                other
                    .required_evidence_points
                    .cmp(&self.required_evidence_points),
            )
            .then(other.optional_covered.cmp(&self.optional_covered))
            .then(
                other
                    .optional_evidence_points
                    .cmp(&self.optional_evidence_points),
            )
            .then(other.experience_months.cmp(&self.experience_months))
            .then(other.text_relevance.cmp(&self.text_relevance))
            .then(other.published_on.cmp(&self.published_on))
            .then(self.tie_break.cmp(&other.tie_break))
    }
}

/// The stable tie-break of a (vacancy, seeker) pair: a fixed 64-bit mix of both ids. The same data always gives
/// the same order, yet no seeker (or vacancy) is always first among equals, as an order by id or by registration
/// date would make it.
pub fn tie_break(vacancy: VacancyId, seeker: SeekerId) -> u64 {
    mix(fold(vacancy.into_inner()) ^ mix(fold(seeker.into_inner())))
}

pub(crate) fn fold(uuid: uuid::Uuid) -> u64 {
    let (high, low) = uuid.as_u64_pair();
    mix(high) ^ low
}

/// The splitmix64 finaliser: a fixed, well-spread 64-bit mix (stable across platforms and Rust versions, unlike
/// `std`'s hasher).
pub(crate) fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Text relevance: the weights of the vacancy's terms (2 for a title term, 1 otherwise; see
/// `VacancyDocument::weighted_terms`) that occur among the profile's terms.
pub fn text_relevance(vacancy_terms: &[(String, u32)], profile_terms: &[String]) -> u32 {
    vacancy_terms
        .iter()
        .filter(|(term, _)| profile_terms.contains(term))
        .map(|(_, weight)| weight)
        .sum()
}

/// One vacancy unit the seeker covers, with the evidence that counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitMatch {
    /// The unit.
    pub unit: CompetencyUnitCode,
    /// The seeker's strongest evidence for it today.
    pub evidence: EvidenceLevel,
}

/// One vacancy unit the seeker does not cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitGap {
    /// The unit.
    pub unit: CompetencyUnitCode,
    /// Evidence the seeker has that is below the vacancy's minimum (e.g. declared where a certificate is asked).
    pub held_below_minimum: Option<EvidenceLevel>,
    /// The vacancy's minimum evidence for the unit, if it set one.
    pub minimum: Option<EvidenceLevel>,
}

/// The explanation of a match, computed from the two unit sets (never from score internals).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MatchExplanation {
    /// Required units covered, in the vacancy's order.
    pub required_matched: Vec<UnitMatch>,
    /// Required units not covered.
    pub required_missing: Vec<UnitGap>,
    /// Optional units covered.
    pub optional_matched: Vec<UnitMatch>,
    /// Optional units not covered.
    pub optional_missing: Vec<UnitGap>,
}

impl MatchExplanation {
    /// Evidence points over the matched required units.
    pub fn required_evidence_points(&self) -> u32 {
        self.required_matched
            .iter()
            .map(|matched| evidence_points(matched.evidence))
            .sum()
    }

    /// Evidence points over the matched optional units.
    pub fn optional_evidence_points(&self) -> u32 {
        self.optional_matched
            .iter()
            .map(|matched| evidence_points(matched.evidence))
            .sum()
    }
}

/// Compares a vacancy's units with a seeker's best evidence per unit. A unit is covered when the seeker has
/// evidence for it at or above the vacancy's minimum for that unit (when it set one).
pub fn explain(
    units: &[VacancyUnit],
    evidence: &BTreeMap<CompetencyUnitCode, EvidenceLevel>,
) -> MatchExplanation {
    let mut explanation = MatchExplanation::default();
    for unit in units {
        let held = evidence.get(&unit.code).copied();
        let covered = unit.is_satisfied_by(held);
        match (unit.requirement, covered, held) {
            (UnitRequirement::Required, true, Some(level)) => {
                explanation.required_matched.push(UnitMatch {
                    unit: unit.code.clone(),
                    evidence: level,
                })
            }
            (UnitRequirement::Optional, true, Some(level)) => {
                explanation.optional_matched.push(UnitMatch {
                    unit: unit.code.clone(),
                    evidence: level,
                })
            }
            (requirement, _, _) => {
                let gap = UnitGap {
                    unit: unit.code.clone(),
                    held_below_minimum: held,
                    minimum: unit.min_evidence_level,
                };
                match requirement {
                    UnitRequirement::Required => explanation.required_missing.push(gap),
                    UnitRequirement::Optional => explanation.optional_missing.push(gap),
                }
            }
        }
    }
    explanation
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    fn unit(
        code: &str,
        requirement: UnitRequirement,
        minimum: Option<EvidenceLevel>,
    ) -> VacancyUnit {
        VacancyUnit {
            code: CompetencyUnitCode::parse(code).unwrap(),
            requirement,
            min_evidence_level: minimum,
        }
    }

    #[test]
    fn explanation_sorts_units_into_matched_and_missing_exactly() {
        let units = vec![
            unit("C.251100.001.01", UnitRequirement::Required, None),
            unit(
                "C.251100.003.01",
                UnitRequirement::Required,
                Some(EvidenceLevel::Certified),
            ),
            unit("C.251100.010.01", UnitRequirement::Optional, None),
            unit("C.251100.011.01", UnitRequirement::Optional, None),
        ];
        let evidence = BTreeMap::from([
            (
                CompetencyUnitCode::parse("C.251100.001.01").unwrap(),
                EvidenceLevel::Trained,
            ),
            (
                CompetencyUnitCode::parse("C.251100.003.01").unwrap(),
                EvidenceLevel::Declared,
            ),
            (
                CompetencyUnitCode::parse("C.251100.011.01").unwrap(),
                EvidenceLevel::Certified,
            ),
            (
                CompetencyUnitCode::parse("F.432100.010.02").unwrap(),
                EvidenceLevel::Certified,
            ),
        ]);
        let explanation = explain(&units, &evidence);
        assert_eq!(
            explanation.required_matched,
            vec![UnitMatch {
                unit: units[0].code.clone(),
                evidence: EvidenceLevel::Trained
            }]
        );
        assert_eq!(
            explanation.required_missing,
            vec![UnitGap {
                unit: units[1].code.clone(),
                held_below_minimum: Some(EvidenceLevel::Declared),
                minimum: Some(EvidenceLevel::Certified),
            }]
        );
        assert_eq!(explanation.optional_matched.len(), 1);
        assert_eq!(explanation.optional_matched[0].unit, units[3].code);
        assert_eq!(explanation.optional_missing.len(), 1);
        assert_eq!(explanation.optional_missing[0].unit, units[2].code);
        assert_eq!(explanation.optional_missing[0].held_below_minimum, None);
        assert_eq!(explanation.required_evidence_points(), 1);
        assert_eq!(explanation.optional_evidence_points(), 2);
    }

    #[test]
    fn the_tie_break_is_stable_and_depends_on_both_ids() {
        let vacancy = VacancyId::from(uuid::Uuid::from_u128(1));
        let first = SeekerId::from(uuid::Uuid::from_u128(10));
        let second = SeekerId::from(uuid::Uuid::from_u128(11));
        assert_eq!(tie_break(vacancy, first), tie_break(vacancy, first));
        assert_ne!(tie_break(vacancy, first), tie_break(vacancy, second));
        let order = |vacancy| tie_break(vacancy, first) < tie_break(vacancy, second);
        // Over a handful of vacancies, neither seeker always wins the tie.
        let wins: usize = (1..=16u128)
            .map(|n| order(VacancyId::from(uuid::Uuid::from_u128(n))) as usize)
            .sum();
        assert!(wins > 0 && wins < 16, "first won {wins} of 16");
    }
}
