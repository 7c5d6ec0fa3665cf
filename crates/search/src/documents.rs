//! What the index is built from: plain structs of domain types that the API crate fills from PostgreSQL, and what
//! is derived from them on a given day (best evidence per unit, experience months per occupation group, whether a
//! seeker or vacancy takes part in matching, the next day that changes).
//!
//! There is deliberately no field for sex, age or birth date, religion, marital status or disability: what is not
//! here cannot be indexed or influence an order.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use jembatan_domain::calendar::add_months;
use jembatan_domain::codes::{CompetencyUnitCode, KbjiCode, KbliCode};
use jembatan_domain::evidence::{EvidenceItem, EvidenceSource, best_evidence_per_unit};
use jembatan_domain::ids::{EmployerId, SeekerId, VacancyId};
use jembatan_domain::money::Rupiah;
use jembatan_domain::region::{RegionCode, WorkLocation};
use jembatan_domain::vacancy::VacancyUnit;
use jembatan_domain::vocab::{
    DrivingLicence, EducationLevel, EmploymentType, EvidenceLevel, SeekerStatus, UnitRequirement,
    VacancyStatus, WagePeriod,
};

use crate::text::analyze;

/// Most distinct profile terms a seeker document carries (a long profile does not buy relevance).
pub const MAX_PROFILE_TERMS: usize = 256;
/// Most distinct vacancy terms that count for text relevance: the title's first, then the requirements', then
/// the description's, in order of appearance.
pub const MAX_VACANCY_TERMS: usize = 32;

/// A job seeker as matching sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeekerDocument {
    /// The seeker.
    pub id: SeekerId,
    /// Stored AK/I status.
    pub status: SeekerStatus,
    /// Last valid day of the AK/I card.
    pub card_valid_until: NaiveDate,
    /// A placed seeker may stay open to work.
    pub open_to_work: bool,
    /// Consent to be shown to employers.
    pub consent_visible_to_employers: bool,
    /// Highest education completed.
    pub education_level: EducationLevel,
    /// Driving licence classes held.
    pub driving_licences: Vec<DrivingLicence>,
    /// Every piece of competency evidence (declared, trained, certificates with their validity).
    pub evidence: Vec<EvidenceItem>,
    /// Work history.
    pub experience: Vec<ExperienceSpan>,
    /// Free text of the profile: summary, education major, job titles and descriptions.
    pub profile_text: String,
    /// Last day the seeker did something in the service (log-in, re-report, edit).
    pub last_active_on: Option<NaiveDate>,
}

/// One job held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperienceSpan {
    /// Occupation of the job.
    pub kbji: KbjiCode,
    /// First day.
    pub started_on: NaiveDate,
    /// Last day; `None` while the job goes on.
    pub ended_on: Option<NaiveDate>,
}

/// What a seeker wants, for recommendations (AK/II preferences). Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeekerPreferences {
    /// Kecamatan where the seeker wants to work.
    pub regions: Vec<RegionCode>,
    /// Employment types the seeker accepts.
    pub employment_types: Vec<EmploymentType>,
    /// Expected monthly wage.
    pub expected_monthly_wage: Option<Rupiah>,
}

/// A vacancy as matching and search see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VacancyDocument {
    /// The vacancy.
    pub id: VacancyId,
    /// The employer.
    pub employer_id: EmployerId,
    /// The employer's name (searched and shown).
    pub employer_name: String,
    /// Whether the employer is verified today.
    pub employer_verified: bool,
    /// The employer's KBLI industry.
    pub industry: Option<KbliCode>,
    /// Lifecycle status.
    pub status: VacancyStatus,
    /// Job title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Requirements in words.
    pub requirements: String,
    /// KBJI occupation.
    pub kbji: KbjiCode,
    /// Required and optional competency units.
    pub units: Vec<VacancyUnit>,
    /// Titles (Indonesian and English) and search keywords of the units, for free-text search.
    pub unit_text: String,
    /// Minimum education, a mandatory requirement.
    pub min_education: Option<EducationLevel>,
    /// Driving licence classes, each mandatory.
    pub driving_licences: Vec<DrivingLicence>,
    /// Employment type.
    pub employment_type: EmploymentType,
    /// Lowest wage.
    pub wage_min: Rupiah,
    /// Highest wage.
    pub wage_max: Rupiah,
    /// Period of the wage amounts.
    pub wage_period: WagePeriod,
    /// Where the work is.
    pub location: WorkLocation,
    /// First valid day.
    pub valid_from: NaiveDate,
    /// Last valid day.
    pub valid_until: NaiveDate,
    /// Day it was published.
    pub published_on: Option<NaiveDate>,
}

impl SeekerDocument {
    /// Whether the seeker takes part in matching on `day`: an active card in date or a placed seeker open to work,
    /// who consented to be shown to employers. (Mandatory vacancy requirements and "already applied" are checked
    /// per vacancy.)
    pub fn is_matchable(&self, day: NaiveDate) -> bool {
        let active = match self.status {
            SeekerStatus::Active => day <= self.card_valid_until,
            SeekerStatus::Placed => self.open_to_work,
            SeekerStatus::Removed | SeekerStatus::Expired => false,
        };
        active && self.consent_visible_to_employers
    }

    /// The strongest evidence per unit on `day` (an expired certificate counts as training, a revoked one not).
    pub fn best_evidence(&self, day: NaiveDate) -> BTreeMap<CompetencyUnitCode, EvidenceLevel> {
        best_evidence_per_unit(&self.evidence, day)
    }

    /// Whole months of experience per ISCO unit group (the first four digits of the KBJI code) on `day`.
    /// Overlapping jobs in one group count once.
    pub fn experience_months(&self, day: NaiveDate) -> BTreeMap<u16, u32> {
        merged_experience(&self.experience, day)
            .into_iter()
            .map(|(group, intervals)| {
                let months = intervals
                    .iter()
                    .map(|&(start, end)| whole_months(start, end))
                    .sum();
                (group, months)
            })
            .filter(|&(_, months)| months > 0)
            .collect()
    }

    /// The distinct analysed terms of the profile text, at most [`MAX_PROFILE_TERMS`].
    pub fn profile_terms(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut terms = Vec::new();
        for token in analyze(&self.profile_text) {
            if terms.len() == MAX_PROFILE_TERMS {
                break;
            }
            if seen.insert(token.term.clone()) {
                terms.push(token.term);
            }
        }
        terms
    }

    /// The first day after `day` on which what matching derives from this document changes by itself (a
    /// certificate or the card expires, an ongoing job completes another month); `None` when nothing will.
    pub fn changes_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut next: Option<NaiveDate> = None;
        let mut consider = |date: NaiveDate| {
            if date > day && next.is_none_or(|current| date < current) {
                next = Some(date);
            }
        };
        if self.status == SeekerStatus::Active {
            consider(day_after(self.card_valid_until));
        }
        for item in &self.evidence {
            if let EvidenceSource::Certificate(validity) = item.source {
                consider(day_after(validity.valid_until));
            }
        }
        for (_, intervals) in merged_experience(&self.experience, day) {
            for &(start, end) in &intervals {
                if end == day {
                    consider(add_months(start, whole_months(start, end) + 1));
                }
            }
        }
        for span in &self.experience {
            consider(span.started_on);
        }
        next
    }
}

impl VacancyDocument {
    /// Whether the vacancy is public and accepts applications on `day`: open, of a verified employer, in its
    /// validity period.
    pub fn is_live(&self, day: NaiveDate) -> bool {
        self.status == VacancyStatus::Open
            && self.employer_verified
            && self.valid_from <= day
            && day <= self.valid_until
    }

    /// The first day after `day` on which [`VacancyDocument::is_live`] may change by itself.
    pub fn changes_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        if self.status != VacancyStatus::Open {
            return None;
        }
        [self.valid_from, day_after(self.valid_until)]
            .into_iter()
            .find(|date| *date > day)
    }

    /// Required units, in the order given.
    pub fn required_units(&self) -> impl Iterator<Item = &VacancyUnit> {
        self.units
            .iter()
            .filter(|unit| unit.requirement == UnitRequirement::Required)
    }

    /// Optional units, in the order given.
    pub fn optional_units(&self) -> impl Iterator<Item = &VacancyUnit> {
        self.units
            .iter()
            .filter(|unit| unit.requirement == UnitRequirement::Optional)
    }

    /// The highest wage as a monthly amount: a day counts 25 working days a month, an hour 173 hours (the
    /// divisors of Indonesian wage rules).
    pub fn monthly_wage_max(&self) -> i64 {
        monthly_equivalent(self.wage_max.as_i64(), self.wage_period)
    }

    /// The ISCO unit group of the occupation (`7212` for `7212.01`).
    pub fn occupation_group(&self) -> u16 {
        occupation_group(&self.kbji)
    }

    /// The terms that count for text relevance, each with its weight: 2 for a term of the title, 1 for a term
    /// first seen in the requirements or description; at most [`MAX_VACANCY_TERMS`].
    pub fn weighted_terms(&self) -> Vec<(String, u32)> {
        let mut seen = BTreeSet::new();
        let mut weighted = Vec::new();
        for (text, weight) in [
            (&self.title, 2),
            (&self.requirements, 1),
            (&self.description, 1),
        ] {
            for token in analyze(text) {
                if weighted.len() == MAX_VACANCY_TERMS {
                    return weighted;
                }
                if seen.insert(token.term.clone()) {
                    weighted.push((token.term, weight));
                }
            }
        }
        weighted
    }
}

/// An amount per `period` as a monthly amount (25 working days, 173 hours a month).
pub fn monthly_equivalent(amount: i64, period: WagePeriod) -> i64 {
    match period {
        WagePeriod::Bulanan => amount,
        WagePeriod::Harian => amount.saturating_mul(25),
        WagePeriod::PerJam => amount.saturating_mul(173),
    }
}

/// The ISCO unit group of a KBJI code as a number (`7212.01` → 7212).
pub fn occupation_group(kbji: &KbjiCode) -> u16 {
    kbji.isco_unit_group().parse().unwrap_or(0)
}

fn day_after(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(1)).unwrap_or(date)
}

/// Whole months from `start` to `end` (0 when `end` is before `start`).
pub fn whole_months(start: NaiveDate, end: NaiveDate) -> u32 {
    if end < start {
        return 0;
    }
    let mut months = {
        use chrono::Datelike;
        let raw = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
        u32::try_from(raw.max(0)).unwrap_or(0)
    };
    while months > 0 && add_months(start, months) > end {
        months -= 1;
    }
    months
}

/// Jobs per occupation group as merged intervals (inclusive), cut at `day`; jobs starting after `day` are left out.
fn merged_experience(
    spans: &[ExperienceSpan],
    day: NaiveDate,
) -> BTreeMap<u16, Vec<(NaiveDate, NaiveDate)>> {
    let mut per_group: BTreeMap<u16, Vec<(NaiveDate, NaiveDate)>> = BTreeMap::new();
    for span in spans {
        if span.started_on > day {
            continue;
        }
        let end = span.ended_on.map_or(day, |ended| ended.min(day));
        if end < span.started_on {
            continue;
        }
        per_group
            .entry(occupation_group(&span.kbji))
            .or_default()
            .push((span.started_on, end));
    }
    for intervals in per_group.values_mut() {
        intervals.sort();
        let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(intervals.len());
        for &(start, end) in intervals.iter() {
            match merged.last_mut() {
                Some(last) if start <= day_after(last.1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        *intervals = merged;
    }
    per_group
}

/// Region of a work location or residence as a small number for fast fields: 0 outside the city, 1–6 the
/// kecamatan in `Kecamatan::ALL` order, 7 the city as a whole.
pub(crate) fn region_ordinal(region: Option<RegionCode>) -> u64 {
    use jembatan_domain::region::Kecamatan;
    match region {
        None => 0,
        Some(RegionCode::City) => 7,
        Some(RegionCode::Kecamatan(kecamatan)) => Kecamatan::ALL
            .iter()
            .position(|candidate| *candidate == kecamatan)
            .map_or(0, |position| position as u64 + 1),
    }
}

/// Inverse of [`region_ordinal`].
pub(crate) fn region_from_ordinal(ordinal: u64) -> Option<RegionCode> {
    use jembatan_domain::region::Kecamatan;
    match ordinal {
        7 => Some(RegionCode::City),
        1..=6 => Kecamatan::ALL
            .get(ordinal as usize - 1)
            .copied()
            .map(RegionCode::Kecamatan),
        _ => None,
    }
}

/// A competency unit code packed into 42 bits: category letter, sector, serial, version.
pub(crate) fn pack_unit(code: &CompetencyUnitCode) -> u64 {
    let letter = u64::from(code.category() as u8 - b'A');
    let number = |digits: &str| digits.parse::<u64>().unwrap_or(0);
    (letter << 37)
        | (number(code.sector()) << 17)
        | (number(code.serial()) << 7)
        | number(code.version())
}

/// Inverse of [`pack_unit`].
pub(crate) fn unpack_unit(packed: u64) -> Option<CompetencyUnitCode> {
    let letter = char::from(b'A' + u8::try_from(packed >> 37).ok()?);
    let sector = (packed >> 17) & 0xF_FFFF;
    let serial = (packed >> 7) & 0x3FF;
    let version = packed & 0x7F;
    CompetencyUnitCode::parse(&format!("{letter}.{sector:06}.{serial:03}.{version:02}")).ok()
}

/// Evidence level as a number: declared 0, trained 1, certified 2 (also its points in the ranking).
pub(crate) fn level_number(level: EvidenceLevel) -> u64 {
    match level {
        EvidenceLevel::Declared => 0,
        EvidenceLevel::Trained => 1,
        EvidenceLevel::Certified => 2,
    }
}

/// Inverse of [`level_number`].
pub(crate) fn level_from_number(number: u64) -> EvidenceLevel {
    match number {
        0 => EvidenceLevel::Declared,
        1 => EvidenceLevel::Trained,
        _ => EvidenceLevel::Certified,
    }
}

/// Driving licence classes as a bit set (bit = position in `DrivingLicence::ALL`).
pub(crate) fn licence_bits(licences: &[DrivingLicence]) -> u64 {
    licences.iter().fold(0, |mask, licence| {
        let position = DrivingLicence::ALL
            .iter()
            .position(|candidate| candidate == licence)
            .unwrap_or(0);
        mask | (1u64 << position)
    })
}

/// The classes a seeker holding `held` may drive, as a bit set: a commercial class (`B1_umum`) also covers its
/// plain class (`B1`).
pub(crate) fn licence_cover(held: &[DrivingLicence]) -> u64 {
    let mut covered: Vec<DrivingLicence> = held.to_vec();
    for licence in held {
        match licence {
            DrivingLicence::B1Umum => covered.push(DrivingLicence::B1),
            DrivingLicence::B2Umum => covered.push(DrivingLicence::B2),
            _ => {}
        }
    }
    licence_bits(&covered)
}

/// Whether a seeker holding `held` has every class in `required`.
pub fn holds_licences(held: &[DrivingLicence], required: &[DrivingLicence]) -> bool {
    licence_bits(required) & !licence_cover(held) == 0
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn unit_codes_pack_and_unpack_exactly() {
        for code in [
            "C.251100.001.01",
            "U.999999.999.99",
            "A.000000.000.00",
            "J.620100.005.02",
        ] {
            let parsed = CompetencyUnitCode::parse(code).unwrap();
            assert_eq!(unpack_unit(pack_unit(&parsed)).unwrap(), parsed);
        }
    }

    #[test]
    fn whole_months_count_only_completed_months() {
        assert_eq!(whole_months(date(2024, 1, 15), date(2024, 3, 14)), 1);
        assert_eq!(whole_months(date(2024, 1, 15), date(2024, 3, 15)), 2);
        assert_eq!(whole_months(date(2024, 1, 31), date(2024, 2, 29)), 1);
        assert_eq!(whole_months(date(2024, 3, 1), date(2024, 2, 1)), 0);
    }

    #[test]
    fn a_commercial_licence_covers_the_plain_class_but_not_the_reverse() {
        use DrivingLicence::*;
        assert!(holds_licences(&[B1Umum], &[B1]));
        assert!(!holds_licences(&[B1], &[B1Umum]));
        assert!(holds_licences(&[A, B2], &[A]));
        assert!(!holds_licences(&[A], &[A, C]));
        assert!(holds_licences(&[], &[]));
    }

    #[test]
    fn overlapping_jobs_in_one_group_count_once() {
        let kbji = KbjiCode::parse("7212.01").unwrap();
        let other = KbjiCode::parse("7212.02").unwrap();
        let seeker_experience = vec![
            ExperienceSpan {
                kbji: kbji.clone(),
                started_on: date(2020, 1, 1),
                ended_on: Some(date(2021, 1, 1)),
            },
            ExperienceSpan {
                kbji: other,
                started_on: date(2020, 7, 1),
                ended_on: Some(date(2021, 7, 1)),
            },
        ];
        let merged = merged_experience(&seeker_experience, date(2026, 1, 1));
        assert_eq!(merged[&7212], vec![(date(2020, 1, 1), date(2021, 7, 1))]);
    }
}
