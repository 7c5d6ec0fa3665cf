//! Tests of the ranking rules, the explanations and the index lifecycle, on an in-RAM index (and a temporary
//! directory for the lifecycle), each checked against the brute-force scorer where an order is involved.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use chrono::NaiveDate;
use jembatan_domain::codes::{CompetencyUnitCode, KbjiCode, KbliCode};
use jembatan_domain::evidence::{CertificateValidity, EvidenceItem, EvidenceSource};
use jembatan_domain::ids::{EmployerId, SeekerId, VacancyId};
use jembatan_domain::money::Rupiah;
use jembatan_domain::region::{Kecamatan, RegionCode, WorkLocation};
use jembatan_domain::vacancy::VacancyUnit;
use jembatan_domain::vocab::{
    CertificateStatus, DrivingLicence, EducationLevel, EmploymentType, EvidenceLevel, SeekerStatus,
    UnitRequirement, VacancyStatus, WagePeriod,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::*;

const WELD_SAFETY: &str = "C.251100.001.01";
const WELD_DRAWING: &str = "C.251100.003.01";
const WELD_SMAW: &str = "C.251100.010.01";
const WELD_GTAW: &str = "C.251100.011.01";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn code(text: &str) -> CompetencyUnitCode {
    CompetencyUnitCode::parse(text).unwrap()
}

fn seeker_id(n: u128) -> SeekerId {
    SeekerId::from(uuid::Uuid::from_u128(n))
}

fn vacancy_id(n: u128) -> VacancyId {
    VacancyId::from(uuid::Uuid::from_u128(0xFFFF_0000 + n))
}

fn seeker(n: u128) -> SeekerDocument {
    SeekerDocument {
        id: seeker_id(n),
        status: SeekerStatus::Active,
        card_valid_until: date(2027, 12, 31),
        open_to_work: true,
        consent_visible_to_employers: true,
        education_level: EducationLevel::Smk,
        driving_licences: vec![],
        evidence: vec![],
        experience: vec![],
        profile_text: String::new(),
        last_active_on: None,
    }
}

fn declared(unit: &str) -> EvidenceItem {
    EvidenceItem {
        unit: code(unit),
        source: EvidenceSource::Declared,
    }
}

fn trained(unit: &str) -> EvidenceItem {
    EvidenceItem {
        unit: code(unit),
        source: EvidenceSource::Trained,
    }
}

fn certified(unit: &str, valid_until: NaiveDate) -> EvidenceItem {
    EvidenceItem {
        unit: code(unit),
        source: EvidenceSource::Certificate(CertificateValidity {
            status: CertificateStatus::Active,
            valid_until,
        }),
    }
}

fn with(mut seeker: SeekerDocument, evidence: Vec<EvidenceItem>) -> SeekerDocument {
    seeker.evidence = evidence;
    seeker
}

fn unit(text: &str, requirement: UnitRequirement, minimum: Option<EvidenceLevel>) -> VacancyUnit {
    VacancyUnit {
        code: code(text),
        requirement,
        min_evidence_level: minimum,
    }
}

fn required(text: &str) -> VacancyUnit {
    unit(text, UnitRequirement::Required, None)
}

fn optional(text: &str) -> VacancyUnit {
    unit(text, UnitRequirement::Optional, None)
}

fn vacancy(n: u128, units: Vec<VacancyUnit>) -> VacancyDocument {
    VacancyDocument {
        id: vacancy_id(n),
        employer_id: EmployerId::from(uuid::Uuid::from_u128(77)),
        employer_name: "PT Baja Kaltim".to_string(),
        employer_verified: true,
        industry: Some(KbliCode::parse("25111").unwrap()),
        status: VacancyStatus::Open,
        title: "Juru Las".to_string(),
        description: "Pengelasan pipa dan konstruksi baja di bengkel".to_string(),
        requirements: "Berpengalaman mengelas SMAW".to_string(),
        kbji: KbjiCode::parse("7212.01").unwrap(),
        units,
        unit_text: String::new(),
        min_education: None,
        driving_licences: vec![],
        employment_type: EmploymentType::Pkwt,
        wage_min: Rupiah::new(4_000_000).unwrap(),
        wage_max: Rupiah::new(5_000_000).unwrap(),
        wage_period: WagePeriod::Bulanan,
        location: WorkLocation::InCity {
            region_code: RegionCode::Kecamatan(Kecamatan::BalikpapanBarat),
        },
        valid_from: date(2026, 5, 1),
        valid_until: date(2026, 8, 1),
        published_on: Some(date(2026, 5, 2)),
    }
}

fn index_of(seekers: &[SeekerDocument], vacancies: &[VacancyDocument]) -> SearchIndex {
    let index = SearchIndex::create_in_ram().unwrap();
    let mut changes: Vec<Change> = seekers
        .iter()
        .map(|seeker| Change::Seeker(seeker.id, Some(Box::new(seeker.clone()))))
        .collect();
    changes.extend(
        vacancies
            .iter()
            .map(|vacancy| Change::Vacancy(vacancy.id, Some(Box::new(vacancy.clone())))),
    );
    index.apply(changes, day()).unwrap();
    index.commit(1, day()).unwrap();
    index
}

fn ranked(index: &SearchIndex, vacancy: &VacancyDocument) -> Vec<SeekerId> {
    ranked_page(index, vacancy, &[], 0, 100)
        .candidates
        .into_iter()
        .map(|candidate| candidate.seeker_id)
        .collect()
}

fn ranked_page(
    index: &SearchIndex,
    vacancy: &VacancyDocument,
    exclude: &[SeekerId],
    offset: usize,
    limit: usize,
) -> CandidatePage {
    index
        .rank_candidates(&CandidateRequest {
            vacancy,
            exclude,
            offset,
            limit,
        })
        .unwrap()
}

/// Checks the index's full order against the brute-force scorer, and returns it.
fn ranked_and_checked(seekers: &[SeekerDocument], vacancy: &VacancyDocument) -> Vec<SeekerId> {
    let index = index_of(seekers, &[]);
    let from_index = ranked(&index, vacancy);
    let expected: Vec<SeekerId> = brute_force::rank_candidates(seekers, vacancy, &[], day())
        .into_iter()
        .map(|(id, _)| id)
        .take(100)
        .collect();
    assert_eq!(from_index, expected, "index and brute force disagree");
    from_index
}

#[test]
fn candidate_missing_a_required_unit_ranks_below_every_full_match() {
    let far_future = date(2030, 1, 1);
    let vacancy = vacancy(
        1,
        vec![
            required(WELD_SAFETY),
            required(WELD_DRAWING),
            optional(WELD_SMAW),
            optional(WELD_GTAW),
        ],
    );
    // Full match with the weakest evidence and nothing else.
    let full_declared = with(
        seeker(1),
        vec![declared(WELD_SAFETY), declared(WELD_DRAWING)],
    );
    // Misses one required unit but has everything else, certified, with experience and a matching profile.
    let mut partial_strong = with(
        seeker(2),
        vec![
            certified(WELD_SAFETY, far_future),
            certified(WELD_SMAW, far_future),
            certified(WELD_GTAW, far_future),
        ],
    );
    partial_strong.experience = vec![ExperienceSpan {
        kbji: KbjiCode::parse("7212.01").unwrap(),
        started_on: date(2015, 1, 1),
        ended_on: None,
    }];
    partial_strong.profile_text = "juru las pipa konstruksi baja pengelasan SMAW".to_string();
    partial_strong.last_active_on = Some(day());
    let nothing = with(seeker(3), vec![declared(WELD_SMAW)]);
    let order = ranked_and_checked(&[nothing, partial_strong, full_declared], &vacancy);
    assert_eq!(order, vec![seeker_id(1), seeker_id(2), seeker_id(3)]);
}

#[test]
fn among_partial_matches_more_required_units_covered_ranks_higher() {
    let vacancy = vacancy(
        1,
        vec![
            required(WELD_SAFETY),
            required(WELD_DRAWING),
            required(WELD_SMAW),
        ],
    );
    let one = with(seeker(1), vec![trained(WELD_SAFETY)]);
    let two = with(
        seeker(2),
        vec![declared(WELD_SAFETY), declared(WELD_DRAWING)],
    );
    let order = ranked_and_checked(&[one, two], &vacancy);
    assert_eq!(order, vec![seeker_id(2), seeker_id(1)]);
}

#[test]
fn a_valid_certificate_outranks_training_which_outranks_a_declaration() {
    let vacancy = vacancy(1, vec![required(WELD_SAFETY)]);
    let seekers = [
        with(seeker(1), vec![declared(WELD_SAFETY)]),
        with(seeker(2), vec![certified(WELD_SAFETY, date(2028, 1, 1))]),
        with(seeker(3), vec![trained(WELD_SAFETY)]),
    ];
    let order = ranked_and_checked(&seekers, &vacancy);
    assert_eq!(order, vec![seeker_id(2), seeker_id(3), seeker_id(1)]);
}

#[test]
fn an_expired_certificate_counts_as_training_at_most_and_a_revoked_one_not_at_all() {
    let vacancy = vacancy(1, vec![required(WELD_SAFETY)]);
    let expired = with(seeker(1), vec![certified(WELD_SAFETY, date(2026, 5, 31))]);
    let trained_only = with(seeker(2), vec![trained(WELD_SAFETY)]);
    let valid = with(seeker(3), vec![certified(WELD_SAFETY, date(2026, 6, 1))]);
    let mut revoked = seeker(4);
    revoked.evidence = vec![EvidenceItem {
        unit: code(WELD_SAFETY),
        source: EvidenceSource::Certificate(CertificateValidity {
            status: CertificateStatus::Revoked,
            valid_until: date(2030, 1, 1),
        }),
    }];
    let index = index_of(&[expired, trained_only, valid, revoked], &[]);
    let page = ranked_page(&index, &vacancy, &[], 0, 10);
    let keys: Vec<(SeekerId, u32, u32)> = page
        .candidates
        .iter()
        .map(|candidate| {
            (
                candidate.seeker_id,
                candidate.key.required_covered,
                candidate.key.required_evidence_points,
            )
        })
        .collect();
    assert_eq!(
        keys[0],
        (seeker_id(3), 1, 2),
        "the certificate valid today is certified"
    );
    assert!(
        keys[1..3].contains(&(seeker_id(1), 1, 1)),
        "the expired certificate counts as trained"
    );
    assert!(keys[1..3].contains(&(seeker_id(2), 1, 1)));
    assert_eq!(
        keys[3],
        (seeker_id(4), 0, 0),
        "the revoked certificate covers nothing"
    );
    let expired_explained = &page
        .candidates
        .iter()
        .find(|c| c.seeker_id == seeker_id(1))
        .unwrap()
        .explanation;
    assert_eq!(
        expired_explained.required_matched[0].evidence,
        EvidenceLevel::Trained
    );
}

#[test]
fn ineligible_seekers_are_filtered_out_not_ranked_low() {
    let mut vacancy = vacancy(
        1,
        vec![
            required(WELD_SAFETY),
            unit(
                WELD_SMAW,
                UnitRequirement::Required,
                Some(EvidenceLevel::Certified),
            ),
        ],
    );
    vacancy.min_education = Some(EducationLevel::Sma);
    vacancy.driving_licences = vec![DrivingLicence::B1];
    let good_evidence = || {
        vec![
            certified(WELD_SAFETY, date(2028, 1, 1)),
            certified(WELD_SMAW, date(2028, 1, 1)),
        ]
    };
    let eligible = |n: u128| {
        let mut candidate = with(seeker(n), good_evidence());
        candidate.driving_licences = vec![DrivingLicence::B1Umum];
        candidate
    };
    let mut removed = eligible(2);
    removed.status = SeekerStatus::Removed;
    let mut card_expired = eligible(3);
    card_expired.card_valid_until = date(2026, 5, 31);
    let mut placed_not_open = eligible(4);
    placed_not_open.status = SeekerStatus::Placed;
    placed_not_open.open_to_work = false;
    let mut no_consent = eligible(5);
    no_consent.consent_visible_to_employers = false;
    let mut low_education = eligible(6);
    low_education.education_level = EducationLevel::Smp;
    let mut no_licence = eligible(7);
    no_licence.driving_licences = vec![DrivingLicence::A];
    let mut smaw_only_trained = eligible(8);
    smaw_only_trained.evidence = vec![certified(WELD_SAFETY, date(2028, 1, 1)), trained(WELD_SMAW)];
    let applied = eligible(9);
    let mut placed_open = eligible(10);
    placed_open.status = SeekerStatus::Placed;
    let seekers = [
        eligible(1),
        removed,
        card_expired,
        placed_not_open,
        no_consent,
        low_education,
        no_licence,
        smaw_only_trained,
        applied,
        placed_open,
    ];
    let index = index_of(&seekers, &[]);
    let exclude = [seeker_id(9)];
    let found: Vec<SeekerId> = ranked_page(&index, &vacancy, &exclude, 0, 20)
        .candidates
        .into_iter()
        .map(|candidate| candidate.seeker_id)
        .collect();
    let mut expected: Vec<SeekerId> =
        brute_force::rank_candidates(&seekers, &vacancy, &exclude, day())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
    assert_eq!(found, expected);
    expected.sort();
    assert_eq!(expected, vec![seeker_id(1), seeker_id(10)]);
}

#[test]
fn optional_units_then_experience_then_profile_text_then_recent_activity_break_ties_in_that_order()
{
    let vacancy = vacancy(1, vec![required(WELD_SAFETY), optional(WELD_SMAW)]);
    let base = |n| with(seeker(n), vec![trained(WELD_SAFETY)]);
    let mut with_optional = base(1);
    with_optional.evidence.push(declared(WELD_SMAW));
    let mut with_experience = base(2);
    with_experience.experience = vec![ExperienceSpan {
        kbji: KbjiCode::parse("7212.03").unwrap(),
        started_on: date(2025, 1, 1),
        ended_on: Some(date(2025, 7, 1)),
    }];
    let mut with_experience_elsewhere = base(3);
    with_experience_elsewhere.experience = vec![ExperienceSpan {
        kbji: KbjiCode::parse("8342.01").unwrap(),
        started_on: date(2015, 1, 1),
        ended_on: None,
    }];
    with_experience_elsewhere.last_active_on = Some(day());
    let mut with_text = base(4);
    with_text.profile_text = "Saya juru las".to_string();
    let mut recently_active = base(5);
    recently_active.last_active_on = Some(date(2026, 5, 30));
    let order = ranked_and_checked(
        &[
            recently_active.clone(),
            with_text,
            with_experience_elsewhere,
            with_experience,
            with_optional,
        ],
        &vacancy,
    );
    assert_eq!(
        order,
        vec![
            seeker_id(1),
            seeker_id(2),
            seeker_id(4),
            seeker_id(3),
            seeker_id(5)
        ]
    );
}

#[test]
fn exact_ties_are_broken_by_a_stable_key_that_differs_between_vacancies() {
    let seekers: Vec<SeekerDocument> = (1..=40)
        .map(|n| with(seeker(n), vec![declared(WELD_SAFETY)]))
        .collect();
    let first = vacancy(1, vec![required(WELD_SAFETY)]);
    let second = vacancy(2, vec![required(WELD_SAFETY)]);
    let order_first = ranked_and_checked(&seekers, &first);
    assert_eq!(
        ranked_and_checked(&seekers, &first),
        order_first,
        "same data, same order"
    );
    let mut reversed = seekers.clone();
    reversed.reverse();
    assert_eq!(
        ranked_and_checked(&reversed, &first),
        order_first,
        "insertion order does not matter"
    );
    assert_ne!(
        ranked_and_checked(&seekers, &second),
        order_first,
        "another vacancy, another tie order"
    );
}

#[test]
fn the_schema_has_no_field_for_sex_age_religion_marital_status_or_disability() {
    let names: Vec<String> = crate::schema::SeekerFields::new()
        .schema
        .fields()
        .map(|(_, entry)| entry.name().to_string())
        .collect();
    for forbidden in [
        "sex", "gender", "age", "birth", "religion", "agama", "marital", "disab", "kelamin",
    ] {
        assert!(
            names.iter().all(|name| !name.contains(forbidden)),
            "{forbidden} in {names:?}"
        );
    }
}

#[test]
fn explanations_list_exactly_the_matched_and_missing_units_with_evidence() {
    let vacancy = vacancy(
        1,
        vec![
            required(WELD_SAFETY),
            required(WELD_DRAWING),
            optional(WELD_SMAW),
            optional(WELD_GTAW),
        ],
    );
    let candidate = with(
        seeker(1),
        vec![
            certified(WELD_SAFETY, date(2027, 1, 1)),
            declared(WELD_SAFETY),
            trained(WELD_GTAW),
            declared("F.432100.010.02"),
        ],
    );
    let index = index_of(std::slice::from_ref(&candidate), &[]);
    let page = ranked_page(&index, &vacancy, &[], 0, 5);
    let explanation = &page.candidates[0].explanation;
    assert_eq!(
        explanation.required_matched,
        vec![UnitMatch {
            unit: code(WELD_SAFETY),
            evidence: EvidenceLevel::Certified
        }]
    );
    assert_eq!(
        explanation
            .required_missing
            .iter()
            .map(|gap| gap.unit.clone())
            .collect::<Vec<_>>(),
        vec![code(WELD_DRAWING)]
    );
    assert_eq!(
        explanation.optional_matched,
        vec![UnitMatch {
            unit: code(WELD_GTAW),
            evidence: EvidenceLevel::Trained
        }]
    );
    assert_eq!(
        explanation
            .optional_missing
            .iter()
            .map(|gap| gap.unit.clone())
            .collect::<Vec<_>>(),
        vec![code(WELD_SMAW)]
    );
    let key = page.candidates[0].key;
    assert_eq!(
        (
            key.required_covered,
            key.required_evidence_points,
            key.optional_covered,
            key.optional_evidence_points
        ),
        (1, 2, 1, 1)
    );
    assert_eq!(
        *explanation,
        ranking::explain(&vacancy.units, &candidate.best_evidence(day()))
    );
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats() {
    let seekers: Vec<SeekerDocument> = (1..=30)
        .map(|n| {
            let evidence = if n % 3 == 0 {
                vec![trained(WELD_SAFETY)]
            } else {
                vec![declared(WELD_SAFETY)]
            };
            with(seeker(n), evidence)
        })
        .collect();
    let vacancy = vacancy(1, vec![required(WELD_SAFETY)]);
    let index = index_of(&seekers, &[]);
    let all = ranked(&index, &vacancy);
    let mut paged = Vec::new();
    for page in 0..4 {
        let result = ranked_page(&index, &vacancy, &[], page * 8, 8);
        assert_eq!(result.has_more, page < 3);
        paged.extend(
            result
                .candidates
                .into_iter()
                .map(|candidate| candidate.seeker_id),
        );
    }
    assert_eq!(paged, all);
}

#[test]
fn a_vacancy_without_units_ranks_every_eligible_seeker_by_the_later_keys() {
    let mut with_experience = seeker(1);
    with_experience.experience = vec![ExperienceSpan {
        kbji: KbjiCode::parse("7212.01").unwrap(),
        started_on: date(2024, 1, 1),
        ended_on: None,
    }];
    let seekers = [seeker(2), with_experience, seeker(3)];
    let order = ranked_and_checked(&seekers, &vacancy(1, vec![]));
    assert_eq!(order.len(), 3);
    assert_eq!(order[0], seeker_id(1));
}

/// A random but reproducible population: Zipf-like unit popularity, all evidence kinds, expiring certificates,
/// experience, profile words, licences and education.
fn random_population(seed: u64, seekers: usize) -> (Vec<SeekerDocument>, Vec<VacancyDocument>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let units: Vec<String> = (0..60)
        .map(|n| format!("C.2511{:02}.{:03}.01", n % 7, n))
        .collect();
    let pick_unit = |rng: &mut ChaCha8Rng| {
        // Harmonic weights: unit k is picked with probability ~ 1/(k+1).
        let weights: Vec<f64> = (0..units.len()).map(|k| 1.0 / (k as f64 + 1.0)).collect();
        let total: f64 = weights.iter().sum();
        let mut target = rng.random::<f64>() * total;
        for (k, weight) in weights.iter().enumerate() {
            target -= weight;
            if target <= 0.0 {
                return units[k].clone();
            }
        }
        units[0].clone()
    };
    let words = [
        "las",
        "pipa",
        "baja",
        "konstruksi",
        "listrik",
        "operator",
        "gudang",
        "mesin",
        "montir",
        "crane",
    ];
    let groups = ["7212.01", "7411.01", "8342.01", "7231.01"];
    let mut population = Vec::new();
    for n in 0..seekers {
        let mut candidate = seeker(n as u128 + 1);
        for _ in 0..rng.random_range(0..8) {
            let unit = pick_unit(&mut rng);
            let item = match rng.random_range(0..5) {
                0 | 1 => declared(&unit),
                2 => trained(&unit),
                3 => certified(&unit, date(2026, rng.random_range(1..=12), 15)),
                _ => certified(&unit, date(2028, 1, 1)),
            };
            candidate.evidence.push(item);
        }
        if rng.random_bool(0.4) {
            let start = date(rng.random_range(2015..2026), rng.random_range(1..=12), 1);
            candidate.experience.push(ExperienceSpan {
                kbji: KbjiCode::parse(groups[rng.random_range(0..groups.len())]).unwrap(),
                started_on: start,
                ended_on: rng.random_bool(0.5).then(|| date(2026, 1, 1).max(start)),
            });
        }
        candidate.profile_text = (0..rng.random_range(0..4))
            .map(|_| words[rng.random_range(0..words.len())])
            .collect::<Vec<_>>()
            .join(" ");
        if rng.random_bool(0.7) {
            candidate.last_active_on = Some(date(
                2026,
                rng.random_range(1..=5),
                rng.random_range(1..=28),
            ));
        }
        candidate.education_level =
            EducationLevel::ALL[rng.random_range(0..EducationLevel::ALL.len())];
        if rng.random_bool(0.2) {
            candidate.driving_licences = vec![DrivingLicence::B1Umum];
        }
        if rng.random_bool(0.05) {
            candidate.consent_visible_to_employers = false;
        }
        population.push(candidate);
    }
    let mut vacancies = Vec::new();
    for n in 0..25 {
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..rng.random_range(0..6) {
            let unit = pick_unit(&mut rng);
            if !chosen.contains(&unit) {
                chosen.push(unit);
            }
        }
        let units = chosen
            .iter()
            .enumerate()
            .map(|(position, unit)| {
                let requirement = if position % 2 == 0 {
                    UnitRequirement::Required
                } else {
                    UnitRequirement::Optional
                };
                let minimum = (rng.random_range(0..6) == 0).then_some(EvidenceLevel::Trained);
                VacancyUnit {
                    code: code(unit),
                    requirement,
                    min_evidence_level: minimum,
                }
            })
            .collect();
        let mut document = vacancy(n + 1, units);
        document.kbji = KbjiCode::parse(groups[rng.random_range(0..groups.len())]).unwrap();
        document.title = words[rng.random_range(0..words.len())].to_string();
        if rng.random_bool(0.3) {
            document.min_education = Some(EducationLevel::Sma);
        }
        if rng.random_bool(0.1) {
            document.driving_licences = vec![DrivingLicence::B1];
        }
        document.published_on = Some(date(2026, 5, rng.random_range(1..=28)));
        document.location = WorkLocation::InCity {
            region_code: RegionCode::Kecamatan(Kecamatan::ALL[rng.random_range(0..6)]),
        };
        vacancies.push(document);
    }
    (population, vacancies)
}

/// Builds an index in several commits, with updates and deletions in between, ending with `seekers`.
fn index_in_steps(seekers: &[SeekerDocument], vacancies: &[VacancyDocument]) -> SearchIndex {
    let index = SearchIndex::create_in_ram().unwrap();
    for (step, chunk) in seekers.chunks(seekers.len() / 4 + 1).enumerate() {
        let mut changes: Vec<Change> = chunk
            .iter()
            .map(|seeker| {
                // First write a stale version, then the real one: leaves deleted documents behind.
                let mut stale = seeker.clone();
                stale.evidence.clear();
                Change::Seeker(seeker.id, Some(Box::new(stale)))
            })
            .collect();
        changes.extend(
            chunk
                .iter()
                .map(|seeker| Change::Seeker(seeker.id, Some(Box::new(seeker.clone())))),
        );
        index.apply(changes, day()).unwrap();
        index.commit(step as u64, day()).unwrap();
    }
    let changes = vacancies
        .iter()
        .map(|vacancy| Change::Vacancy(vacancy.id, Some(Box::new(vacancy.clone()))))
        .collect();
    index.apply(changes, day()).unwrap();
    index.commit(100, day()).unwrap();
    index
}

#[test]
fn the_index_agrees_with_the_brute_force_scorer_on_a_random_population() {
    let (seekers, vacancies) = random_population(7, 600);
    let index = index_in_steps(&seekers, &vacancies);
    for vacancy in &vacancies {
        let exclude = [seekers[3].id, seekers[10].id];
        let expected: Vec<(SeekerId, CandidateKey)> =
            brute_force::rank_candidates(&seekers, vacancy, &exclude, day())
                .into_iter()
                .take(25)
                .collect();
        let page = ranked_page(&index, vacancy, &exclude, 0, 25);
        let found: Vec<(SeekerId, CandidateKey)> = page
            .candidates
            .iter()
            .map(|candidate| (candidate.seeker_id, candidate.key))
            .collect();
        assert_eq!(found, expected, "vacancy {}", vacancy.id);
        let second_page = ranked_page(&index, vacancy, &exclude, 25, 10);
        let expected_second: Vec<SeekerId> =
            brute_force::rank_candidates(&seekers, vacancy, &exclude, day())
                .into_iter()
                .skip(25)
                .take(10)
                .map(|(id, _)| id)
                .collect();
        let found_second: Vec<SeekerId> =
            second_page.candidates.iter().map(|c| c.seeker_id).collect();
        assert_eq!(found_second, expected_second);
    }
}

#[test]
fn small_pages_skip_documents_without_changing_the_order() {
    // Small pages fill the first pass early, so most documents are skipped on their unit bound (MaxScore): the
    // pages must still be exactly the brute-force order, mandatory units and deleted documents included.
    for seed in [3, 5] {
        let (seekers, vacancies) = random_population(seed, 2_000);
        let index = index_in_steps(&seekers, &vacancies);
        for vacancy in &vacancies {
            let expected: Vec<SeekerId> =
                brute_force::rank_candidates(&seekers, vacancy, &[], day())
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
            for limit in [1, 3, 10] {
                for offset in [0, 2] {
                    let found: Vec<SeekerId> = ranked_page(&index, vacancy, &[], offset, limit)
                        .candidates
                        .iter()
                        .map(|candidate| candidate.seeker_id)
                        .collect();
                    let wanted: Vec<SeekerId> =
                        expected.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(
                        found, wanted,
                        "seed {seed}, vacancy {}, limit {limit}",
                        vacancy.id
                    );
                }
            }
        }
    }
}

#[test]
fn a_rebuilt_index_returns_exactly_the_same_rankings() {
    let (seekers, vacancies) = random_population(11, 400);
    let live = index_in_steps(&seekers, &vacancies);
    let rebuilt = index_of(&seekers, &vacancies);
    for vacancy in &vacancies {
        let from_live = ranked_page(&live, vacancy, &[], 0, 20);
        let from_rebuilt = ranked_page(&rebuilt, vacancy, &[], 0, 20);
        assert_eq!(from_live, from_rebuilt);
    }
    for seeker in seekers.iter().take(40) {
        let preferences = SeekerPreferences::default();
        let request = RecommendationRequest {
            seeker,
            preferences: &preferences,
            day: day(),
            exclude: &[],
            offset: 0,
            limit: 10,
        };
        assert_eq!(
            live.recommend_vacancies(&request).unwrap(),
            rebuilt.recommend_vacancies(&request).unwrap()
        );
    }
}

#[test]
fn recommendations_agree_with_the_brute_force_scorer_and_respect_preferences() {
    let (seekers, mut vacancies) = random_population(23, 50);
    vacancies[0].employment_type = EmploymentType::Magang;
    vacancies[1].wage_period = WagePeriod::Harian;
    vacancies[1].wage_max = Rupiah::new(150_000).unwrap();
    vacancies[2].location = WorkLocation::OutsideCity {
        description: "Penajam Paser Utara".to_string(),
    };
    vacancies[3].location = WorkLocation::InCity {
        region_code: RegionCode::City,
    };
    vacancies[4].status = VacancyStatus::Closed;
    let index = index_of(&[], &vacancies);
    let preference_sets = [
        SeekerPreferences::default(),
        SeekerPreferences {
            regions: vec![RegionCode::Kecamatan(Kecamatan::BalikpapanBarat)],
            employment_types: vec![EmploymentType::Pkwt, EmploymentType::Magang],
            expected_monthly_wage: Some(Rupiah::new(3_500_000).unwrap()),
        },
        SeekerPreferences {
            regions: vec![RegionCode::City],
            employment_types: vec![],
            expected_monthly_wage: None,
        },
    ];
    for seeker in &seekers {
        for preferences in &preference_sets {
            let exclude = [vacancies[5].id];
            let request = RecommendationRequest {
                seeker,
                preferences,
                day: day(),
                exclude: &exclude,
                offset: 0,
                limit: 50,
            };
            let found: Vec<(VacancyId, VacancyKey)> = index
                .recommend_vacancies(&request)
                .unwrap()
                .vacancies
                .into_iter()
                .map(|vacancy| (vacancy.vacancy_id, vacancy.key))
                .collect();
            assert_eq!(
                found,
                brute_force::recommend_vacancies(&vacancies, &request)
            );
            assert!(
                found
                    .iter()
                    .all(|(id, _)| *id != vacancies[4].id && *id != vacancies[5].id)
            );
        }
    }
}

#[test]
fn a_vacancy_whose_required_units_are_all_covered_is_recommended_first_with_its_explanation() {
    let full = vacancy(1, vec![required(WELD_SAFETY), optional(WELD_SMAW)]);
    let mut missing = vacancy(2, vec![required(WELD_SAFETY), required(WELD_DRAWING)]);
    missing.published_on = Some(date(2026, 5, 30));
    let needs_certificate = vacancy(
        3,
        vec![unit(
            WELD_SAFETY,
            UnitRequirement::Required,
            Some(EvidenceLevel::Certified),
        )],
    );
    let index = index_of(&[], &[missing, full, needs_certificate]);
    let candidate = with(seeker(1), vec![trained(WELD_SAFETY)]);
    let preferences = SeekerPreferences::default();
    let page = index
        .recommend_vacancies(&RecommendationRequest {
            seeker: &candidate,
            preferences: &preferences,
            day: day(),
            exclude: &[],
            offset: 0,
            limit: 10,
        })
        .unwrap();
    let order: Vec<VacancyId> = page
        .vacancies
        .iter()
        .map(|vacancy| vacancy.vacancy_id)
        .collect();
    assert_eq!(
        order,
        vec![vacancy_id(1), vacancy_id(2)],
        "the certificate-only vacancy is not eligible"
    );
    assert_eq!(page.vacancies[1].key.required_missing, 1);
    assert_eq!(
        page.vacancies[1].explanation.required_missing[0].unit,
        code(WELD_DRAWING)
    );
    assert_eq!(
        page.vacancies[0].summary.as_ref().unwrap().title,
        "Juru Las"
    );
}

fn searchable() -> Vec<VacancyDocument> {
    let mut welder = vacancy(1, vec![required(WELD_SAFETY)]);
    welder.title = "Juru Las Pipa".to_string();
    welder.description = "Pekerjaan pengelasan pipa migas di Kariangau".to_string();
    welder.unit_text = "Menerapkan K3 pada pekerjaan pengelasan".to_string();
    let mut electrician = vacancy(2, vec![]);
    electrician.title = "Teknisi Listrik Gedung".to_string();
    electrician.description = "Instalasi listrik dan perawatan panel".to_string();
    electrician.requirements = "Memahami instalasi tegangan rendah".to_string();
    electrician.employment_type = EmploymentType::Pkwtt;
    electrician.kbji = KbjiCode::parse("7411.01").unwrap();
    electrician.industry = Some(KbliCode::parse("41011").unwrap());
    let mut operator = vacancy(3, vec![]);
    operator.title = "Operator Excavator".to_string();
    operator.description = "Mengoperasikan alat berat di tambang batu bara".to_string();
    operator.requirements = "Berpengalaman sebagai operator alat berat, SIM B2".to_string();
    operator.location = WorkLocation::OutsideCity {
        description: "Kutai Kartanegara".to_string(),
    };
    operator.kbji = KbjiCode::parse("8342.01").unwrap();
    operator.industry = Some(KbliCode::parse("05100").unwrap());
    let mut fabricator = vacancy(4, vec![]);
    fabricator.title = "Fabrikator Baja".to_string();
    fabricator.description = "Fabrikasi struktur baja, welding dan cutting".to_string();
    fabricator.requirements = "Minimal SMK".to_string();
    fabricator.published_on = Some(date(2026, 5, 20));
    vec![welder, electrician, operator, fabricator]
}

fn search(index: &SearchIndex, text: &str, filters: VacancyFilters) -> VacancySearchResults {
    index
        .search_vacancies(&VacancySearchRequest {
            text: text.to_string(),
            filters,
            offset: 0,
            limit: 10,
        })
        .unwrap()
}

fn titles(results: &VacancySearchResults) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|hit| hit.summary.title.clone())
        .collect()
}

#[test]
fn a_search_word_finds_its_inflected_forms_through_the_stemmer() {
    let index = index_of(&[], &searchable());
    assert_eq!(
        titles(&search(&index, "mengelas", VacancyFilters::default())),
        vec!["Juru Las Pipa"]
    );
    assert_eq!(
        titles(&search(&index, "operasi", VacancyFilters::default())),
        vec!["Operator Excavator"]
    );
}

#[test]
fn synonyms_edited_at_runtime_join_indonesian_and_english_words() {
    let index = index_of(&[], &searchable());
    assert_eq!(
        titles(&search(&index, "welder", VacancyFilters::default())),
        Vec::<String>::new()
    );
    index.set_synonyms(SynonymTable::from_rows([
        ("las", "las"),
        ("pengelasan", "las"),
        ("welding", "las"),
        ("welder", "las"),
        ("alat berat", "alat berat"),
        ("heavy equipment", "alat berat"),
    ]));
    let welder = search(&index, "welder", VacancyFilters::default());
    assert_eq!(titles(&welder), vec!["Juru Las Pipa", "Fabrikator Baja"]);
    assert!(
        welder.hits[0].title_html.contains("<mark>Las</mark>"),
        "{}",
        welder.hits[0].title_html
    );
    assert_eq!(
        titles(&search(
            &index,
            "heavy equipment",
            VacancyFilters::default()
        )),
        vec!["Operator Excavator"]
    );
}

#[test]
fn a_typo_in_a_longer_word_is_tolerated_but_short_words_must_be_exact() {
    let index = index_of(&[], &searchable());
    assert_eq!(
        titles(&search(&index, "excavtor", VacancyFilters::default())),
        vec!["Operator Excavator"]
    );
    assert_eq!(
        titles(&search(&index, "listirk", VacancyFilters::default())),
        vec!["Teknisi Listrik Gedung"]
    );
    assert!(
        search(&index, "lsa", VacancyFilters::default())
            .hits
            .is_empty()
    );
}

#[test]
fn every_word_must_match_and_title_matches_rank_first() {
    let index = index_of(&[], &searchable());
    assert_eq!(
        titles(&search(&index, "pipa las", VacancyFilters::default())),
        vec!["Juru Las Pipa"]
    );
    let baja = search(&index, "baja", VacancyFilters::default());
    assert_eq!(titles(&baja)[0], "Fabrikator Baja");
    let unit_code = search(&index, WELD_SAFETY, VacancyFilters::default());
    assert_eq!(titles(&unit_code), vec!["Juru Las Pipa"]);
}

#[test]
fn facets_count_each_value_under_the_other_filters_and_filters_narrow_the_results() {
    let index = index_of(&[], &searchable());
    let all = search(&index, "", VacancyFilters::default());
    assert_eq!(all.total, 4);
    assert_eq!(
        titles(&all)[0],
        "Fabrikator Baja",
        "newest first without words"
    );
    let permanent = search(
        &index,
        "",
        VacancyFilters {
            employment_type: Some(EmploymentType::Pkwtt),
            ..VacancyFilters::default()
        },
    );
    assert_eq!(titles(&permanent), vec!["Teknisi Listrik Gedung"]);
    // The employment facet still counts the other types; the region facet counts only permanent jobs.
    assert_eq!(
        permanent.facets.employment_types,
        vec![
            FacetCount {
                value: EmploymentType::Pkwt,
                count: 3
            },
            FacetCount {
                value: EmploymentType::Pkwtt,
                count: 1
            },
        ]
    );
    assert_eq!(
        permanent.facets.regions,
        vec![FacetCount {
            value: Some(RegionCode::Kecamatan(Kecamatan::BalikpapanBarat)),
            count: 1
        }]
    );
    let outside = all
        .facets
        .regions
        .iter()
        .find(|facet| facet.value.is_none())
        .unwrap();
    assert_eq!(outside.count, 1);
    let mining = search(
        &index,
        "",
        VacancyFilters {
            industry: Some('B'),
            ..VacancyFilters::default()
        },
    );
    assert_eq!(titles(&mining), vec!["Operator Excavator"]);
}

#[test]
fn snippets_show_the_matched_words_of_the_description() {
    let index = index_of(&[], &searchable());
    let results = search(&index, "panel", VacancyFilters::default());
    assert_eq!(results.hits.len(), 1);
    assert!(
        results.hits[0].snippet_html.contains("<mark>panel</mark>"),
        "{}",
        results.hits[0].snippet_html
    );
}

#[test]
fn the_commit_state_survives_reopening_and_another_schema_version_asks_for_a_rebuild() {
    let directory = tempfile::tempdir().unwrap();
    {
        let (index, outcome) = SearchIndex::open_in_dir(directory.path()).unwrap();
        assert_eq!(outcome, OpenOutcome::Created(RebuildReason::Missing));
        index
            .apply(
                vec![Change::Seeker(seeker_id(1), Some(Box::new(seeker(1))))],
                day(),
            )
            .unwrap();
        index.commit(4242, day()).unwrap();
        // A second process on the same directory is refused while this one holds it.
        assert!(matches!(
            SearchIndex::open_in_dir(directory.path()),
            Err(SearchError::Locked)
        ));
    }
    let (index, outcome) = SearchIndex::open_in_dir(directory.path()).unwrap();
    let state = CommitState {
        schema_version: SCHEMA_VERSION,
        watermark: 4242,
        day: day(),
    };
    assert_eq!(outcome, OpenOutcome::Resumed(state));
    assert_eq!(index.commit_state(), Some(state));
    assert_eq!(index.counts().seekers, 1);
    drop(index);

    // Pretend an older build wrote it: rewrite the payload with another version.
    let meta_path = directory.path().join("seekers").join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let older = meta.replace(
        &format!("schema_version\\\":{SCHEMA_VERSION}"),
        "schema_version\\\":0",
    );
    assert_ne!(meta, older, "the payload is in meta.json");
    std::fs::write(&meta_path, older).unwrap();
    let (index, outcome) = SearchIndex::open_in_dir(directory.path()).unwrap();
    assert_eq!(
        outcome,
        OpenOutcome::Created(RebuildReason::OtherSchema(Some(0)))
    );
    assert_eq!(index.counts().seekers, 0);
    drop(index);

    std::fs::write(
        directory.path().join("vacancies").join("meta.json"),
        "{ not json",
    )
    .unwrap();
    let (_, outcome) = SearchIndex::open_in_dir(directory.path()).unwrap();
    assert!(
        matches!(outcome, OpenOutcome::Created(RebuildReason::Corrupt(_))),
        "{outcome:?}"
    );
}

#[test]
fn documents_that_change_by_themselves_are_due_for_refresh_on_that_day() {
    let expiring = with(seeker(1), vec![certified(WELD_SAFETY, date(2026, 6, 10))]);
    let stable = with(seeker(2), vec![declared(WELD_SAFETY)]);
    let index = index_of(&[expiring, stable], &[]);
    assert_eq!(index.due_for_refresh(date(2026, 6, 10)).unwrap().0, vec![]);
    assert_eq!(
        index.due_for_refresh(date(2026, 6, 11)).unwrap().0,
        vec![seeker_id(1)]
    );
}

#[test]
fn a_seeker_who_stops_being_matchable_leaves_the_index_on_the_next_change() {
    let vacancy = vacancy(1, vec![required(WELD_SAFETY)]);
    let index = index_of(&[with(seeker(1), vec![declared(WELD_SAFETY)])], &[]);
    assert_eq!(ranked(&index, &vacancy), vec![seeker_id(1)]);
    let mut withdrawn = with(seeker(1), vec![declared(WELD_SAFETY)]);
    withdrawn.consent_visible_to_employers = false;
    index
        .apply(
            vec![Change::Seeker(seeker_id(1), Some(Box::new(withdrawn)))],
            day(),
        )
        .unwrap();
    assert_eq!(
        ranked(&index, &vacancy),
        vec![seeker_id(1)],
        "nothing changes before the commit"
    );
    index.commit(2, day()).unwrap();
    assert_eq!(ranked(&index, &vacancy), Vec::<SeekerId>::new());
}
