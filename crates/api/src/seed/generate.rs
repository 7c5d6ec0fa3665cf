//! The demo generator: pure, no IO. One ChaCha8 stream drives every choice and id.
//!
//! Times are kept as [`Moment`]s (minutes relative to `today` 00:00 WITA) and every structural decision (how many
//! rows, which seeker applies where, whether a follow-up is due) compares those integers, never calendar dates.
//! So the rows and their ids depend only on the seed; `today` only shifts dates. That is what makes a second run
//! on a later day insert nothing instead of colliding on unique keys.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use jembatan_domain::nik::Nik;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use uuid::Uuid;

use super::catalog::{
    BASIC_SCHOOLS, COLLEGES, EMPLOYERS, EmployerSpec, KECAMATAN_WEIGHTS, KELURAHAN, NAME_POOLS,
    NIK_REGIONS, OTHER_EMPLOYERS, PHONE_PREFIXES, PROGRAMMES, PROVIDERS, ProgrammeSpec, SCHEMES,
    SMA_SCHOOLS, SMK_SCHOOLS, SPECIAL_VACANCIES, SchemeSpec, SpecialStory, SpecialVacancy,
    TEMPLATES, UMK_MONTHLY, VOCATION_PROFILES, VacancyTemplate,
};
use super::reference::{CITY, KECAMATAN, UNITS};
use super::rows::*;
use super::{DemoOptions, WITA_OFFSET_HOURS};
use crate::pii::NikProtector;

/// Domain of every demo e-mail address; it is ours, so no message ever reaches a real person.
pub(super) const EMAIL_DOMAIN: &str = "demo.jembatan.id";
/// How many vacancies the demo posts.
const VACANCY_COUNT: usize = 150;
/// Seekers that get a login (`seeker1@demo.jembatan.id` ...).
const SEEKER_USERS: usize = 50;

/// One status-history entry while it is being built: (from, to, when, actor, reason).
type Change = (
    Option<&'static str>,
    &'static str,
    Moment,
    Option<Uuid>,
    Option<&'static str>,
);
/// An enrolment's history entry; a person (seeker or blk staff) always makes the move.
type EnrolmentChange = (
    Option<&'static str>,
    &'static str,
    Moment,
    Uuid,
    Option<&'static str>,
);
/// A commitment of the agreement: (party, kind, period start, period end, target, description).
type Commitment = (
    Option<&'static str>,
    &'static str,
    NaiveDate,
    NaiveDate,
    i32,
    &'static str,
);

/// Every row of the demo, in insert order.
#[derive(Debug, Default, PartialEq)]
pub(super) struct DemoData {
    /// Admin and officers: inserted before the employers that name them as verifiers.
    pub staff_users: Vec<UserRow>,
    pub employers: Vec<EmployerRow>,
    pub training_providers: Vec<TrainingProviderRow>,
    /// Employer staff, blk staff and seekers.
    pub users: Vec<UserRow>,
    pub seekers: Vec<SeekerRow>,
    pub seeker_preferred_occupations: Vec<SeekerPreferredOccupationRow>,
    pub seeker_preferred_regions: Vec<SeekerPreferredRegionRow>,
    pub seeker_status_changes: Vec<SeekerStatusChangeRow>,
    pub work_experiences: Vec<WorkExperienceRow>,
    pub training_programmes: Vec<TrainingProgrammeRow>,
    pub programme_units: Vec<ProgrammeUnitRow>,
    pub cohorts: Vec<CohortRow>,
    pub enrolments: Vec<EnrolmentRow>,
    pub enrolment_status_changes: Vec<EnrolmentStatusChangeRow>,
    pub certificates: Vec<CertificateRow>,
    pub certificate_units: Vec<CertificateUnitRow>,
    pub seeker_competencies: Vec<SeekerCompetencyRow>,
    pub vacancies: Vec<VacancyRow>,
    pub vacancy_units: Vec<VacancyUnitRow>,
    pub walk_in_sessions: Vec<WalkInSessionRow>,
    pub vacancy_status_changes: Vec<VacancyStatusChangeRow>,
    pub applications: Vec<ApplicationRow>,
    pub application_stage_changes: Vec<ApplicationStageChangeRow>,
    pub apprenticeship_programmes: Vec<ApprenticeshipProgrammeRow>,
    pub apprenticeship_programme_units: Vec<ApprenticeshipProgrammeUnitRow>,
    pub apprenticeships: Vec<ApprenticeshipRow>,
    pub apprenticeship_progress_reports: Vec<ApprenticeshipProgressReportRow>,
    pub placements: Vec<PlacementRow>,
    pub placement_followups: Vec<PlacementFollowupRow>,
    pub agreements: Vec<AgreementRow>,
    pub agreement_parties: Vec<AgreementPartyRow>,
    pub agreement_commitments: Vec<AgreementCommitmentRow>,
}

/// Generates the whole demo from `options`; the same options give the same data.
pub(super) fn generate(
    options: &DemoOptions,
    nik: &NikProtector,
    password_hash: &str,
) -> anyhow::Result<DemoData> {
    let mut generator = Generator {
        rng: ChaCha8Rng::seed_from_u64(options.seed),
        clock: Clock {
            today: options.today,
        },
        nik,
        password_hash,
        seeker_count: options.seekers,
        data: DemoData::default(),
        officers: Vec::new(),
        employers: Vec::new(),
        programmes: Vec::new(),
        seekers: Vec::new(),
        vacancies: Vec::new(),
    };
    generator.staff_users();
    generator.employers();
    generator.training();
    generator.seekers()?;
    generator.cohorts();
    generator.certificates();
    generator.vacancies();
    generator.applications();
    generator.apprenticeships();
    generator.other_placements();
    generator.followups();
    generator.finish_seekers();
    generator.finish_vacancies();
    generator.agreement();
    Ok(generator.data)
}

/// A point in time as minutes after `today` 00:00 WITA (negative = past).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Moment(i64);

impl DemoData {
    /// The admin account: its id tells which seed a database was loaded with.
    pub(super) fn admin(&self) -> Option<&UserRow> {
        self.staff_users.first()
    }
}

impl Moment {
    const DAY: i64 = 24 * 60;

    fn at(day: i64, hour: i64, minute: i64) -> Moment {
        Moment(day * Self::DAY + hour * 60 + minute)
    }

    fn day(self) -> i64 {
        self.0.div_euclid(Self::DAY)
    }

    fn plus_minutes(self, minutes: i64) -> Moment {
        Moment(self.0 + minutes)
    }

    fn plus_days(self, days: i64) -> Moment {
        Moment(self.0 + days * Self::DAY)
    }
}

/// Turns relative days and moments into calendar values.
struct Clock {
    today: NaiveDate,
}

impl Clock {
    fn date(&self, day: i64) -> NaiveDate {
        self.today + TimeDelta::days(day)
    }

    fn time(&self, moment: Moment) -> DateTime<Utc> {
        let local_midnight = self.today.and_time(NaiveTime::MIN);
        (local_midnight + TimeDelta::minutes(moment.0) - TimeDelta::hours(WITA_OFFSET_HOURS))
            .and_utc()
    }

    /// A local time on a calendar date (for dates computed with month arithmetic).
    fn time_on(&self, date: NaiveDate, hour: i64, minute: i64) -> DateTime<Utc> {
        self.time(Moment::at((date - self.today).num_days(), hour, minute))
    }
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date - TimeDelta::days(i64::from(date.day0()))
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date + Months::new(months)
}

const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

fn roman_month(date: NaiveDate) -> &'static str {
    ROMAN_MONTHS[date.month0() as usize]
}

/// What happened to a seeker's AK/I card apart from a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Active,
    Removed { day: i64, reason: &'static str },
    Expired,
}

struct EmployerPlan {
    id: Uuid,
    spec: &'static EmployerSpec,
    staff_user: Option<Uuid>,
    verified: bool,
    created: Moment,
}

struct ProgrammePlan {
    id: Uuid,
    spec: &'static ProgrammeSpec,
    provider_id: Uuid,
    blk_user: Uuid,
}

struct SeekerPlan {
    row: SeekerRow,
    profile: usize,
    fate: Fate,
    registered: Moment,
    /// Who registered the seeker: their own account, or the officer at the counter.
    registrar: Uuid,
    /// Trained or certified evidence in their vocation; employers here prefer it.
    strength: u32,
    accepted_in_cohort: bool,
    /// Competent graduations: (programme index, graduation day).
    graduations: Vec<(usize, i64)>,
    /// Days (inclusive) they were in training or an apprenticeship, when no job starts.
    busy: Vec<(i64, i64)>,
    /// When a placement was recorded, and by whom.
    placed: Option<(Moment, Uuid)>,
}

impl SeekerPlan {
    fn is_free_on(&self, day: i64) -> bool {
        self.placed.is_none() && self.busy.iter().all(|&(from, to)| day < from || day > to)
    }

    fn user(&self) -> Option<Uuid> {
        self.row.user_id
    }
}

struct VacancyPlan {
    row: usize,
    employer: usize,
    template: &'static VacancyTemplate,
    /// Who acts for the employer: its staff user, or an officer when it has none.
    actor: Uuid,
    /// Applications are accepted from `published` to `closes` (both set only once published).
    published: Option<Moment>,
    closes: Moment,
    hires: i32,
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    clock: Clock,
    nik: &'a NikProtector,
    password_hash: &'a str,
    seeker_count: usize,
    data: DemoData,
    officers: Vec<Uuid>,
    employers: Vec<EmployerPlan>,
    programmes: Vec<ProgrammePlan>,
    seekers: Vec<SeekerPlan>,
    vacancies: Vec<VacancyPlan>,
}

impl Generator<'_> {
    // --- random helpers -------------------------------------------------------------------------------------

    fn id(&mut self) -> Uuid {
        let bytes: [u8; 16] = self.rng.random();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// A uniform integer in `low..=high`; `low` when the range is empty.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            low
        } else {
            self.rng.random_range(low..=high)
        }
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.rng.random_bool(probability.clamp(0.0, 1.0))
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let index = self.rng.random_range(0..items.len());
        items[index]
    }

    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut roll = self.rng.random_range(0..total.max(1));
        for (index, weight) in weights.iter().enumerate() {
            if roll < *weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }

    fn digits(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect()
    }

    fn officer(&mut self) -> Uuid {
        let officers = self.officers.clone();
        self.pick(&officers)
    }

    fn phone(&mut self) -> String {
        let prefix = self.pick(PHONE_PREFIXES);
        let length = if self.chance(0.6) { 8 } else { 7 };
        format!("+62{prefix}{}", self.digits(length))
    }

    /// A wage between `low` and `high`, rounded to what employers write (Rp 50,000 a month, Rp 5,000 a day).
    fn wage_between(&mut self, low: i64, high: i64, period: &str) -> i64 {
        let step = match period {
            "bulanan" => 50_000,
            "harian" => 5_000,
            _ => 500,
        };
        let amount = self.between(low, high);
        (amount + step / 2) / step * step
    }

    /// A full name, the pool it came from (for a birth place), for sex `L` or `P`.
    fn person_name(&mut self, sex: &str) -> (String, usize) {
        let weights: Vec<u32> = NAME_POOLS.iter().map(|pool| pool.weight).collect();
        let pool_index = self.weighted(&weights);
        let pool = &NAME_POOLS[pool_index];
        let (given, second) = if sex == "P" {
            (self.pick(pool.female), self.pick(pool.female_second))
        } else {
            (self.pick(pool.male), self.pick(pool.male_second))
        };
        if given == second {
            return (given.to_string(), pool_index);
        }
        (format!("{given} {second}"), pool_index)
    }

    fn add_user(&mut self, user: NewUser) -> Uuid {
        let id = self.id();
        let phone = self.phone();
        let last_login_day = self.between(user.created.day().min(-1), -1);
        let last_login =
            Moment::at(last_login_day, self.between(7, 21), self.between(0, 59)).max(user.created);
        let row = UserRow {
            id,
            role: user.role,
            email: Some(user.email),
            password_hash: Some(self.password_hash.to_string()),
            full_name: Some(user.full_name),
            phone: Some(phone),
            employer_id: user.employer_id,
            training_provider_id: user.training_provider_id,
            last_login_at: Some(self.clock.time(last_login)),
            password_changed_at: Some(self.clock.time(user.created)),
            created_at: self.clock.time(user.created),
            updated_at: self.clock.time(user.created),
        };
        if user.staff {
            self.data.staff_users.push(row);
        } else {
            self.data.users.push(row);
        }
        id
    }

    // --- accounts and organisations -----------------------------------------------------------------------

    fn staff_users(&mut self) {
        let created = Moment::at(-1000, 8, 0);
        self.add_user(NewUser::staff("admin", "admin", "Rudi Hartono", created));
        for (number, name) in [(1, "Siti Rahmawati"), (2, "Andi Baso Mappangara")] {
            let officer = self.add_user(NewUser::staff(
                "officer",
                &format!("officer{number}"),
                name,
                created,
            ));
            self.officers.push(officer);
        }
    }

    fn employers(&mut self) {
        let mut nibs = HashSet::new();
        let mut staff_number = 0;
        for spec in EMPLOYERS {
            let id = self.id();
            let mut nib = format!(
                "{}{}",
                self.pick(&["81", "91", "12", "02"]),
                self.digits(11)
            );
            while !nibs.insert(nib.clone()) {
                nib = increment_digits(&nib);
            }
            let npwp_length = if self.chance(0.7) { 15 } else { 16 };
            let npwp = self.digits(npwp_length);
            let contact_sex = if self.chance(0.55) { "L" } else { "P" };
            let (contact_name, _) = self.person_name(contact_sex);
            let contact_phone = if spec.size == "besar" && self.chance(0.5) {
                format!("+62542{}", self.between(700_000, 899_999))
            } else {
                self.phone()
            };
            let verifier = self.officer();
            let (created, decided) = match spec.status {
                "verified" => {
                    let created = Moment::at(
                        -self.between(400, 720),
                        self.between(8, 15),
                        self.between(0, 59),
                    );
                    (
                        created,
                        Some(
                            created
                                .plus_days(self.between(1, 5))
                                .plus_minutes(self.between(30, 240)),
                        ),
                    )
                }
                "pending" => (
                    Moment::at(
                        -self.between(8, 15),
                        self.between(8, 15),
                        self.between(0, 59),
                    ),
                    None,
                ),
                _ => {
                    let created = Moment::at(
                        -self.between(40, 80),
                        self.between(8, 15),
                        self.between(0, 59),
                    );
                    (created, Some(created.plus_days(3)))
                }
            };
            let verified = spec.status == "verified";
            self.data.employers.push(EmployerRow {
                id,
                name: spec.name,
                legal_form: spec.legal_form,
                nib,
                npwp: Some(npwp),
                kbli_code: spec.kbli,
                address: spec.address,
                region_code: spec.region,
                contact_person_name: contact_name.clone(),
                contact_phone,
                contact_email: Some(format!("hrd.{}@{EMAIL_DOMAIN}", spec.slug)),
                company_size: Some(spec.size),
                website: None,
                verification_status: spec.status,
                verification_note: spec.note,
                verified_at: if verified {
                    decided.map(|moment| self.clock.time(moment))
                } else {
                    None
                },
                verified_by: verified.then_some(verifier),
                version: if decided.is_some() { 2 } else { 1 },
                created_at: self.clock.time(created),
                updated_at: self.clock.time(decided.unwrap_or(created)),
            });
            let staff_user = if spec.has_staff_user {
                staff_number += 1;
                let mut user = NewUser::member(
                    "employer",
                    &format!("employer{staff_number}"),
                    &contact_name,
                    created,
                );
                user.employer_id = Some(id);
                Some(self.add_user(user))
            } else {
                None
            };
            self.employers.push(EmployerPlan {
                id,
                spec,
                staff_user,
                verified,
                created,
            });
        }
    }

    fn training(&mut self) {
        let mut providers = Vec::new();
        for (index, spec) in PROVIDERS.iter().enumerate() {
            let id = self.id();
            let created = Moment::at(-900 + index as i64, 9, 0);
            let phone = self.phone();
            self.data.training_providers.push(TrainingProviderRow {
                id,
                name: spec.name,
                kind: spec.kind,
                address: Some(spec.address),
                region_code: spec.region,
                phone: Some(phone),
                email: Some(format!("{}@{EMAIL_DOMAIN}", spec.slug)),
                created_at: self.clock.time(created),
                updated_at: self.clock.time(created),
            });
            let sex = if self.chance(0.5) { "L" } else { "P" };
            let (name, _) = self.person_name(sex);
            let mut user = NewUser::member(
                "blk",
                &format!("blk{}", index + 1),
                &name,
                created.plus_days(1),
            );
            user.training_provider_id = Some(id);
            let blk_user = self.add_user(user);
            providers.push((id, blk_user));
        }
        for (index, spec) in PROGRAMMES.iter().enumerate() {
            let id = self.id();
            let (provider_id, blk_user) = providers[spec.provider];
            let created = Moment::at(-700 + index as i64, 10, 0);
            self.data.training_programmes.push(TrainingProgrammeRow {
                id,
                training_provider_id: provider_id,
                name: spec.name,
                description: Some(spec.description),
                vocation_code: spec.vocation,
                kbji_code: Some(spec.kbji),
                duration_hours: spec.hours,
                mode: spec.mode,
                cost_rupiah: spec.cost,
                funding_source: spec.funding,
                min_education: spec.min_education,
                entry_requirements: Some(spec.requirements),
                created_by: blk_user,
                version: 1,
                created_at: self.clock.time(created),
                updated_at: self.clock.time(created),
            });
            for unit_code in spec.units {
                self.data.programme_units.push(ProgrammeUnitRow {
                    programme_id: id,
                    unit_code,
                });
            }
            self.programmes.push(ProgrammePlan {
                id,
                spec,
                provider_id,
                blk_user,
            });
        }
    }

    // --- seekers --------------------------------------------------------------------------------------------

    fn seekers(&mut self) -> anyhow::Result<()> {
        let mut niks = HashSet::new();
        let mut seeker_users = 0;
        for index in 0..self.seeker_count {
            let sex = if self.chance(0.42) { "P" } else { "L" };
            let profile_weights: Vec<u32> = VOCATION_PROFILES
                .iter()
                .map(|profile| {
                    if sex == "P" {
                        profile.weight.1
                    } else {
                        profile.weight.0
                    }
                })
                .collect();
            let profile_index = self.weighted(&profile_weights);
            let profile = &VOCATION_PROFILES[profile_index];

            let fate_roll = self.between(0, 99);
            let (fate, registered_days_ago) = if fate_roll < 6 {
                (Fate::Expired, self.between(740, 1090))
            } else if fate_roll < 11 {
                // Removed 7 to 10 months after registering: one missed 6-monthly re-report, or a move away.
                let days_ago = self.between(320, 700);
                let removed_after = self.between(214, 304);
                let reason = self.pick(&[
                    "Tidak melapor ulang setelah 6 bulan (wajib lapor)",
                    "Pindah domisili ke luar Kota Balikpapan",
                    "Permintaan sendiri",
                ]);
                (
                    Fate::Removed {
                        day: -days_ago + removed_after,
                        reason,
                    },
                    days_ago,
                )
            } else {
                (Fate::Active, self.between(1, 720))
            };
            let registered = Moment::at(
                -registered_days_ago,
                self.between(8, 14),
                self.between(0, 59),
            );

            // 18 to 44 years old today, skewed young, and at least 18 when registering.
            let young = self.between(0, 26 * 365);
            let other = self.between(0, 26 * 365);
            let age_days = (18 * 366 + young.min(other)).max(registered_days_ago + 18 * 366);
            let birth_date = self.clock.date(-age_days);
            let birth_year = i16::try_from(birth_date.year())?;

            let (full_name, pool_index) = self.person_name(sex);
            let birth_place = self.pick(NAME_POOLS[pool_index].birth_places);
            let kecamatan_weights: Vec<u32> = KECAMATAN_WEIGHTS
                .iter()
                .map(|(_, weight)| *weight)
                .collect();
            let domicile = KECAMATAN_WEIGHTS[self.weighted(&kecamatan_weights)].0;

            let nik = self.nik_for(domicile, birth_date, sex, &mut niks)?;
            let protected = self.nik.protect_deterministically(&nik);

            let (street, kelurahan) = self.street_in(domicile);
            let address = format!(
                "{street} No. {}, RT {:03}, Kel. {kelurahan}, Balikpapan",
                self.between(1, 180),
                self.between(1, 60)
            );
            let (education, major, school) = self.education(profile_index);
            let graduation_age = match education {
                "sd" => 12,
                "smp" => 15,
                "sma" | "smk" => 18,
                "d3" => 21,
                _ => 22,
            };
            let graduation_year = (i64::from(birth_year) + graduation_age + self.between(0, 1))
                .min(i64::from(self.clock.today.year()));
            let has_disability = self.chance(0.025);
            let wants_reserved = has_disability && self.chance(0.6);
            let consent_visible = self.chance(0.88);
            let consent_alerts = self.chance(0.72);
            let phone = if self.chance(0.97) {
                Some(self.phone())
            } else {
                None
            };

            let gets_user = fate == Fate::Active && seeker_users < SEEKER_USERS;
            let officer = self.officer();
            let (user_id, email, registered_by) = if gets_user {
                seeker_users += 1;
                let mut user = NewUser::member(
                    "seeker",
                    &format!("seeker{seeker_users}"),
                    &full_name,
                    registered,
                );
                let self_registered = self.chance(0.6);
                user.created = if self_registered {
                    registered
                } else {
                    registered.plus_minutes(20)
                };
                let email = user.email.clone();
                let user_id = self.add_user(user);
                (
                    Some(user_id),
                    Some(email),
                    (!self_registered).then_some(officer),
                )
            } else {
                let email = self.chance(0.45).then(|| personal_email(&full_name, index));
                (None, email, Some(officer))
            };

            let mut licences = Vec::new();
            if self.chance(if sex == "L" { 0.75 } else { 0.45 }) {
                licences.push("C");
            }
            if self.chance(if sex == "L" { 0.25 } else { 0.1 }) {
                licences.push("A");
            }
            if sex == "L"
                && matches!(profile.vocation, "alat_berat" | "logistik")
                && self.chance(0.35)
            {
                licences.push(if self.chance(0.5) {
                    "B1_umum"
                } else {
                    "B2_umum"
                });
            }
            let mut employment_types = vec!["pkwt"];
            if self.chance(0.6) {
                employment_types.push("pkwtt");
            }
            if profile.vocation == "konstruksi" && self.chance(0.6) {
                employment_types.push("harian");
            }
            if age_days < 23 * 365 && self.chance(0.3) {
                employment_types.push("magang");
            }
            if matches!(profile.vocation, "perhotelan" | "kuliner" | "tik") && self.chance(0.15) {
                employment_types.push("paruh_waktu");
            }
            let expected_wage = if self.chance(0.8) {
                Some(
                    self.wage_between(profile.expected_wage.0, profile.expected_wage.1, "bulanan")
                        .max(UMK_MONTHLY),
                )
            } else {
                None
            };
            let summary = if self.chance(0.6) {
                let schooling = match major {
                    Some(major) => format!(
                        "Lulusan {} jurusan {major}.",
                        school.unwrap_or("sekolah di Balikpapan")
                    ),
                    None => format!("Lulusan {}.", school.unwrap_or("sekolah di Balikpapan")),
                };
                Some(format!("{schooling} {}", profile.summary))
            } else {
                None
            };
            let officer_notes = if registered_by.is_some() && self.chance(0.3) {
                Some(self.pick(&[
                    "Wawancara AK/II: bersedia ditempatkan di luar kota dan di site.",
                    "Wawancara AK/II: berminat mengikuti pelatihan BLK sebelum melamar.",
                    "Wawancara AK/II: mencari kerja dekat domisili.",
                    "Wawancara AK/II: perlu bimbingan menyusun CV.",
                    "Wawancara AK/II: siap bekerja shift malam.",
                ]))
            } else {
                None
            };
            let id = self.id();
            let registered_on = self.clock.date(registered.day());
            let row = SeekerRow {
                id,
                user_id,
                registration_number: String::new(),
                nik_hash: Some(protected.hash),
                nik_ciphertext: Some(protected.ciphertext),
                nik_masked: Some(protected.masked),
                full_name: Some(full_name),
                birth_place: Some(birth_place),
                birth_date: Some(birth_date),
                birth_year,
                sex,
                address: Some(address),
                domicile_region_code: domicile,
                phone,
                email,
                education_level: education,
                education_major: major,
                education_school: school,
                graduation_year: Some(i16::try_from(graduation_year)?),
                has_disability,
                wants_reserved_openings: wants_reserved,
                consent_visible_to_employers: consent_visible,
                consent_receive_alerts: consent_alerts,
                consent_recorded_at: self.clock.time(registered),
                registered_on,
                valid_until: add_months(registered_on, 24),
                last_reported_on: registered_on,
                next_report_due_on: add_months(registered_on, 6),
                status: "active",
                status_changed_at: self.clock.time(registered),
                removed_reason: None,
                open_to_work: true,
                expected_wage_rupiah: expected_wage,
                preferred_employment_types: employment_types,
                driving_licences: licences,
                profile_summary: summary,
                officer_notes,
                last_active_at: None,
                registered_by,
                version: 1,
                created_at: self.clock.time(registered),
                updated_at: self.clock.time(registered),
            };
            self.seeker_details(id, profile_index, domicile, registered, age_days);
            self.seekers.push(SeekerPlan {
                row,
                profile: profile_index,
                fate,
                registered,
                registrar: user_id
                    .filter(|_| registered_by.is_none())
                    .unwrap_or(officer),
                strength: 0,
                accepted_in_cohort: false,
                graduations: Vec::new(),
                busy: Vec::new(),
                placed: None,
            });
        }
        self.assign_registration_numbers();
        Ok(())
    }

    /// A NIK issued in East Kalimantan (mostly Balikpapan) that encodes the birth date and sex, unique in the demo.
    fn nik_for(
        &mut self,
        domicile: &str,
        birth_date: NaiveDate,
        sex: &str,
        taken: &mut HashSet<String>,
    ) -> anyhow::Result<Nik> {
        let region_weights: Vec<u32> = NIK_REGIONS.iter().map(|(_, _, weight)| *weight).collect();
        let (regency, districts, _) = NIK_REGIONS[self.weighted(&region_weights)];
        let random_district = self.between(1, i64::from(districts));
        let same_kecamatan = self.chance(0.7);
        let district = if regency == 71 && same_kecamatan {
            domicile
                .rsplit('.')
                .next()
                .and_then(|code| code.parse::<i64>().ok())
                .unwrap_or(random_district)
        } else {
            random_district
        };
        let day = birth_date.day() + if sex == "P" { 40 } else { 0 };
        let prefix = format!(
            "64{regency:02}{district:02}{day:02}{:02}{:02}",
            birth_date.month(),
            birth_date.year().rem_euclid(100)
        );
        // Draw the serial once and step past collisions, so collisions never change how much randomness is used.
        let mut serial = self.between(1, 60);
        let mut text = format!("{prefix}{serial:04}");
        while taken.contains(&text) {
            serial += 1;
            text = format!("{prefix}{serial:04}");
        }
        taken.insert(text.clone());
        Nik::parse(&text).map_err(|error| anyhow::anyhow!("generated an invalid demo nik: {error}"))
    }

    fn street_in(&mut self, kecamatan: &str) -> (&'static str, &'static str) {
        let (_, kelurahan, streets) = KELURAHAN
            .iter()
            .find(|(code, _, _)| *code == kecamatan)
            .copied()
            .unwrap_or(KELURAHAN[0]);
        (self.pick(streets), self.pick(kelurahan))
    }

    fn education(
        &mut self,
        profile_index: usize,
    ) -> (&'static str, Option<&'static str>, Option<&'static str>) {
        let profile = &VOCATION_PROFILES[profile_index];
        let levels = ["sd", "smp", "sma", "smk", "d3", "s1"];
        let weights: [u32; 6] = match profile.vocation {
            "tik" => [0, 1, 20, 34, 20, 25],
            "konstruksi" => [10, 16, 30, 38, 4, 2],
            "alat_berat" | "las" => [2, 10, 33, 50, 4, 1],
            "perhotelan" | "kuliner" => [1, 8, 40, 38, 9, 4],
            "logistik" => [2, 10, 42, 30, 8, 8],
            _ => [2, 8, 32, 48, 6, 4],
        };
        let level = levels[self.weighted(&weights)];
        let (major, school) = match level {
            "smk" => (
                Some(self.pick(profile.smk_majors)),
                Some(self.pick(SMK_SCHOOLS)),
            ),
            "sma" => (
                Some(self.pick(&["IPA", "IPS"])),
                Some(self.pick(SMA_SCHOOLS)),
            ),
            "d3" | "s1" => (
                Some(self.pick(profile.higher_majors)),
                Some(self.pick(COLLEGES)),
            ),
            _ => (None, Some(self.pick(BASIC_SCHOOLS))),
        };
        (level, major, school)
    }

    /// Preferences, declared competencies and work history of one seeker.
    fn seeker_details(
        &mut self,
        seeker_id: Uuid,
        profile_index: usize,
        domicile: &'static str,
        registered: Moment,
        age_days: i64,
    ) {
        let profile = &VOCATION_PROFILES[profile_index];
        let mut occupations = profile.occupations.to_vec();
        occupations.shuffle(&mut self.rng);
        let wanted = self.between(1, 3) as usize;
        for kbji_code in occupations.into_iter().take(wanted) {
            self.data
                .seeker_preferred_occupations
                .push(SeekerPreferredOccupationRow {
                    seeker_id,
                    kbji_code,
                });
        }
        let region_count = self.between(0, 3);
        if region_count > 0 {
            self.data
                .seeker_preferred_regions
                .push(SeekerPreferredRegionRow {
                    seeker_id,
                    region_code: domicile,
                });
            let mut others: Vec<&'static str> = KECAMATAN
                .iter()
                .map(|(code, _)| *code)
                .filter(|code| *code != domicile)
                .collect();
            others.shuffle(&mut self.rng);
            for region_code in others.into_iter().take(region_count as usize - 1) {
                self.data
                    .seeker_preferred_regions
                    .push(SeekerPreferredRegionRow {
                        seeker_id,
                        region_code,
                    });
            }
        }

        let mut units: Vec<&'static str> = UNITS
            .iter()
            .filter(|unit| unit.vocation == profile.vocation)
            .map(|unit| unit.code)
            .collect();
        units.shuffle(&mut self.rng);
        let declared = self.between(0, 4) as usize;
        for unit_code in units.into_iter().take(declared) {
            let id = self.id();
            self.data.seeker_competencies.push(SeekerCompetencyRow {
                id,
                seeker_id,
                unit_code,
                evidence_level: "declared",
                certificate_id: None,
                enrolment_id: None,
                training_provider_id: None,
                recorded_by: None,
                created_at: self.clock.time(registered.plus_minutes(15)),
            });
        }

        // Work history ends before registration and starts after the 18th birthday.
        let jobs = if age_days > 21 * 365 {
            self.weighted(&[35, 40, 18, 7])
        } else {
            self.weighted(&[80, 20, 0, 0])
        };
        let earliest_start = registered.day() - (age_days - 18 * 366);
        let mut end_day = registered.day() - self.between(0, 120);
        for _ in 0..jobs {
            let length = self.between(4, 40) * 30;
            let start_day = end_day - length;
            if start_day < earliest_start {
                break;
            }
            let (job_title, kbji_code) = self.pick(profile.past_jobs);
            let (employer_name, _) = self.pick(OTHER_EMPLOYERS);
            let id = self.id();
            self.data.work_experiences.push(WorkExperienceRow {
                id,
                seeker_id,
                employer_name: employer_name.to_string(),
                job_title,
                kbji_code,
                started_on: self.clock.date(start_day),
                ended_on: Some(self.clock.date(end_day)),
                description: None,
                created_at: self.clock.time(registered.plus_minutes(20)),
                updated_at: self.clock.time(registered.plus_minutes(20)),
            });
            end_day = start_day - self.between(15, 200);
        }
    }

    /// AK/I numbers count up per registration year, in registration order.
    fn assign_registration_numbers(&mut self) {
        let mut order: Vec<usize> = (0..self.seekers.len()).collect();
        order.sort_by_key(|&index| (self.seekers[index].registered, index));
        let mut per_year: HashMap<i32, u32> = HashMap::new();
        for index in order {
            let year = self.seekers[index].row.registered_on.year();
            let serial = per_year.entry(year).or_insert(0);
            *serial += 1;
            self.seekers[index].row.registration_number = format!("AK1/6471/{year}/{serial:05}");
        }
    }

    // --- training -------------------------------------------------------------------------------------------

    fn cohorts(&mut self) {
        for programme_index in 0..self.programmes.len() {
            let spec = self.programmes[programme_index].spec;
            let duration = (i64::from(spec.hours) / 8 * 7 + 4) / 5;
            let offset = programme_index as i64;
            let mut plans: Vec<(&'static str, i64, i64, i64, Option<&'static str>)> = vec![
                // (status, registration opens, registration closes, starts)
                (
                    "completed",
                    -(345 + 9 * offset),
                    -(310 + 9 * offset),
                    -(300 + 9 * offset),
                    None,
                ),
                (
                    "completed",
                    -(185 + 6 * offset),
                    -(150 + 6 * offset),
                    -(140 + 6 * offset),
                    None,
                ),
                (
                    "running",
                    -(duration / 2 + 40),
                    -(duration / 2 + 10),
                    -(duration / 2),
                    None,
                ),
                (
                    "registration_open",
                    -(8 + offset),
                    10 + offset,
                    17 + offset,
                    None,
                ),
            ];
            if spec.vocation == "alat_berat" {
                plans.push(("selection", -30, -3, 7, None));
            }
            if spec.vocation == "tik" {
                plans.push((
                    "cancelled",
                    -120,
                    -95,
                    -88,
                    Some("Jumlah pendaftar kurang dari kuota minimal kelas; peserta dialihkan ke angkatan berikutnya"),
                ));
            }
            if spec.vocation == "perhotelan" {
                plans.push(("planned", 35, 55, 62, None));
            }
            plans.sort_by_key(|plan| plan.3);
            for (number, (status, opens, closes, starts, cancelled_reason)) in
                plans.into_iter().enumerate()
            {
                let cohort = CohortPlan {
                    programme: programme_index,
                    number: number + 1,
                    status,
                    opens,
                    closes,
                    starts,
                    ends: starts + duration,
                    cancelled_reason,
                };
                self.cohort(cohort);
            }
        }
    }

    fn cohort(&mut self, plan: CohortPlan) {
        let programme = &self.programmes[plan.programme];
        let (programme_id, spec, provider_id, blk_user) = (
            programme.id,
            programme.spec,
            programme.provider_id,
            programme.blk_user,
        );
        let id = self.id();
        let created = Moment::at((plan.opens - 14).min(-1), 9, 30);
        let starts_on = self.clock.date(plan.starts);
        let mut accepted_count = 0;
        let mut last_change = created;

        let registrants = match plan.status {
            "completed" | "running" | "selection" => {
                let ratio = self.rng.random_range(spec.demand.0..=spec.demand.1);
                (f64::from(spec.quota) * ratio).round() as usize
            }
            "registration_open" => {
                (f64::from(spec.quota) * self.rng.random_range(0.3..0.8)).round() as usize
            }
            _ => 0,
        };
        let chosen = self.cohort_registrants(plan.programme, plan.closes, registrants);
        let seats = spec.quota as usize;
        let steps = spec.selection;
        let decision_day = |step: usize| (plan.closes + 2 * (step as i64 + 1)).min(plan.starts - 1);

        for (position, seeker_index) in chosen.into_iter().enumerate() {
            let seeker_id = self.seekers[seeker_index].row.id;
            let seeker_user = self.seekers[seeker_index].user();
            let enrolment_id = self.id();
            let earliest = plan.opens.max(self.seekers[seeker_index].registered.day());
            let registered_day = self.between(earliest, plan.closes.min(-1).max(earliest));
            let registered_at =
                Moment::at(registered_day, self.between(8, 15), self.between(0, 59));
            let mut changes: Vec<EnrolmentChange> = vec![(
                None,
                "registered",
                registered_at,
                seeker_user.unwrap_or(blk_user),
                None,
            )];
            let mut status = "registered";
            let mut graduated_on = None;
            let selection_done = matches!(plan.status, "completed" | "running");
            let accepted = selection_done && position < seats;

            if plan.status == "registration_open" {
                let withdraws = self.chance(0.03);
                if registered_day + 2 <= -1 && self.chance(0.5) {
                    status = "passed_administration";
                    changes.push((
                        Some("registered"),
                        status,
                        Moment::at(registered_day + 2, 10, 0),
                        blk_user,
                        None,
                    ));
                }
                if withdraws {
                    changes.push((
                        Some(status),
                        "withdrawn",
                        Moment::at(-1, 16, 0),
                        seeker_user.unwrap_or(blk_user),
                        Some("Mengundurkan diri: jadwal bentrok dengan pekerjaan"),
                    ));
                    status = "withdrawn";
                }
            } else if plan.status == "selection" {
                // Administration was decided two days after registration closed; the written test is still ahead.
                let passes = self.chance(0.75);
                let at = Moment::at(decision_day(0), 10, 0);
                if passes {
                    changes.push((
                        Some("registered"),
                        "passed_administration",
                        at,
                        blk_user,
                        None,
                    ));
                    status = "passed_administration";
                } else {
                    changes.push((
                        Some("registered"),
                        "not_selected",
                        at,
                        blk_user,
                        Some("Berkas administrasi tidak lengkap"),
                    ));
                    status = "not_selected";
                }
            } else if selection_done {
                let failing_step = if accepted {
                    None
                } else {
                    Some(self.between(0, steps.len() as i64 - 1) as usize)
                };
                for (step_index, step) in steps.iter().enumerate() {
                    let at = Moment::at(decision_day(step_index), 10 + step_index as i64, 0);
                    if failing_step == Some(step_index) {
                        let reason = match *step {
                            "administration" => "Berkas administrasi tidak lengkap",
                            "written_test" => "Nilai tes tertulis di bawah batas kelulusan",
                            _ => "Tidak lolos wawancara",
                        };
                        changes.push((Some(status), "not_selected", at, blk_user, Some(reason)));
                        status = "not_selected";
                        break;
                    }
                    let next = match *step {
                        "administration" => "passed_administration",
                        "written_test" => "passed_test",
                        _ => "accepted",
                    };
                    if next != status {
                        changes.push((Some(status), next, at, blk_user, None));
                        status = next;
                    }
                }
                if accepted {
                    if status != "accepted" {
                        let at = Moment::at(plan.starts - 1, 9, 0);
                        changes.push((Some(status), "accepted", at, blk_user, None));
                        status = "accepted";
                    }
                    let start_at = Moment::at(plan.starts, 8, 0);
                    changes.push((Some(status), "active", start_at, blk_user, None));
                    status = "active";
                    let outcome = self.between(0, 99);
                    let training_end = if plan.status == "completed" {
                        plan.ends
                    } else {
                        -1
                    };
                    if outcome < 5 && plan.starts + 3 <= training_end {
                        let day = self
                            .between(plan.starts + 3, (plan.starts + plan.ends) / 2)
                            .min(training_end);
                        changes.push((
                            Some("active"),
                            "withdrawn",
                            Moment::at(day, 11, 0),
                            seeker_user.unwrap_or(blk_user),
                            Some(self.pick(&[
                                "Mengundurkan diri: alasan keluarga",
                                "Mengundurkan diri: diterima bekerja",
                            ])),
                        ));
                        status = "withdrawn";
                    } else if plan.status == "completed" {
                        let competent = outcome >= 14;
                        status = if competent {
                            "graduated_competent"
                        } else {
                            "graduated_not_competent"
                        };
                        changes.push((
                            Some("active"),
                            status,
                            Moment::at(plan.ends, 15, 0),
                            blk_user,
                            None,
                        ));
                        graduated_on = Some(self.clock.date(plan.ends));
                        if competent {
                            self.graduate(
                                seeker_index,
                                plan.programme,
                                enrolment_id,
                                provider_id,
                                plan.ends,
                            );
                        }
                    }
                    self.seekers[seeker_index].accepted_in_cohort = true;
                    self.seekers[seeker_index]
                        .busy
                        .push((plan.starts, plan.ends));
                }
            }
            if matches!(
                status,
                "accepted" | "active" | "graduated_competent" | "graduated_not_competent"
            ) {
                accepted_count += 1;
            }
            let (first, last) = (changes[0].2, changes[changes.len() - 1].2);
            last_change = last_change.max(last);
            self.data.enrolments.push(EnrolmentRow {
                id: enrolment_id,
                cohort_id: id,
                seeker_id,
                status,
                status_changed_at: self.clock.time(last),
                graduated_on,
                version: changes.len() as i32,
                created_at: self.clock.time(first),
                updated_at: self.clock.time(last),
            });
            for (from_status, to_status, at, actor, reason) in changes {
                self.data
                    .enrolment_status_changes
                    .push(EnrolmentStatusChangeRow {
                        enrolment_id,
                        from_status,
                        to_status,
                        actor_user_id: Some(actor),
                        reason,
                        at: self.clock.time(at),
                    });
            }
        }

        let version = match plan.status {
            "planned" => 1,
            "registration_open" | "cancelled" => 2,
            "selection" => 3,
            "running" => 4,
            _ => 5,
        };
        let year = starts_on.year();
        self.data.cohorts.push(CohortRow {
            id,
            programme_id,
            name: format!("Angkatan {} Tahun {year}", plan.number),
            starts_on,
            ends_on: self.clock.date(plan.ends),
            registration_opens_on: self.clock.date(plan.opens),
            registration_closes_on: self.clock.date(plan.closes),
            quota: spec.quota,
            accepted_count,
            selection_steps: spec.selection.to_vec(),
            venue: Some(spec.venue),
            status: plan.status,
            cancelled_reason: plan.cancelled_reason,
            version,
            created_at: self.clock.time(created),
            updated_at: self.clock.time(last_change.max(created)),
        });
    }

    /// Seekers who register for a cohort: mostly of its vocation, registered with the labour office before
    /// registration closed, and never accepted into a cohort before.
    fn cohort_registrants(&mut self, programme: usize, closes: i64, wanted: usize) -> Vec<usize> {
        let vocation = self.programmes[programme].spec.vocation;
        let last_day = closes.min(-1);
        let eligible = |plan: &SeekerPlan| {
            plan.fate == Fate::Active
                && !plan.accepted_in_cohort
                && plan.registered.day() <= last_day
        };
        let same: Vec<usize> = (0..self.seekers.len())
            .filter(|&index| {
                eligible(&self.seekers[index])
                    && VOCATION_PROFILES[self.seekers[index].profile].vocation == vocation
            })
            .collect();
        let others: Vec<usize> = (0..self.seekers.len())
            .filter(|&index| {
                eligible(&self.seekers[index])
                    && VOCATION_PROFILES[self.seekers[index].profile].vocation != vocation
            })
            .collect();
        let from_others = wanted / 10;
        let mut chosen: Vec<usize> = same
            .choose_multiple(&mut self.rng, wanted - from_others)
            .copied()
            .collect();
        chosen.extend(others.choose_multiple(&mut self.rng, from_others).copied());
        chosen.shuffle(&mut self.rng);
        chosen
    }

    /// Trained evidence for every unit of the programme, written by the graduation itself (recorded_by NULL).
    fn graduate(
        &mut self,
        seeker_index: usize,
        programme: usize,
        enrolment_id: Uuid,
        provider_id: Uuid,
        day: i64,
    ) {
        let spec = self.programmes[programme].spec;
        let seeker_id = self.seekers[seeker_index].row.id;
        for unit_code in spec.units {
            let id = self.id();
            self.data.seeker_competencies.push(SeekerCompetencyRow {
                id,
                seeker_id,
                unit_code,
                evidence_level: "trained",
                certificate_id: None,
                enrolment_id: Some(enrolment_id),
                training_provider_id: Some(provider_id),
                recorded_by: None,
                created_at: self.clock.time(Moment::at(day, 15, 0)),
            });
        }
        let plan = &mut self.seekers[seeker_index];
        plan.strength += 2;
        plan.graduations.push((programme, day));
    }

    fn certificates(&mut self) {
        let mut serials: HashMap<&'static str, u32> = HashMap::new();
        let mut revoked_left = 3;
        for seeker_index in 0..self.seekers.len() {
            let graduations = self.seekers[seeker_index].graduations.clone();
            for (programme, graduated_day) in graduations {
                let spec = self.programmes[programme].spec;
                let recorder = self.programmes[programme].blk_user;
                let Some(scheme_index) = spec.scheme else {
                    continue;
                };
                let issued_day = graduated_day + self.between(7, 30);
                if !self.chance(0.55) || issued_day > -2 {
                    continue;
                }
                self.certificate(
                    seeker_index,
                    &SCHEMES[scheme_index],
                    issued_day,
                    recorder,
                    &mut serials,
                    false,
                );
            }
            // Experienced people bring certificates from earlier assessments, some expired by now.
            let profile = &VOCATION_PROFILES[self.seekers[seeker_index].profile];
            let schemes: Vec<&'static SchemeSpec> = SCHEMES
                .iter()
                .filter(|scheme| scheme.vocation == profile.vocation)
                .collect();
            if schemes.is_empty() || !self.chance(0.06) {
                continue;
            }
            let scheme = self.pick(&schemes);
            let issued_day = -self.between(60, 1600);
            let revoke = revoked_left > 0 && self.chance(0.25);
            if revoke {
                revoked_left -= 1;
            }
            let recorder = self.officer();
            self.certificate(
                seeker_index,
                scheme,
                issued_day,
                recorder,
                &mut serials,
                revoke,
            );
        }
    }

    fn certificate(
        &mut self,
        seeker_index: usize,
        scheme: &'static SchemeSpec,
        issued_day: i64,
        recorder: Uuid,
        serials: &mut HashMap<&'static str, u32>,
        revoke: bool,
    ) {
        let id = self.id();
        let seeker_id = self.seekers[seeker_index].row.id;
        let registered_day = self.seekers[seeker_index].registered.day();
        let serial = serials.entry(scheme.code).or_insert(0);
        *serial += 1;
        let issued_on = self.clock.date(issued_day);
        let number = format!("{}.{:05}.{}", scheme.code, serial, issued_on.year());
        let recorded_day = (issued_day.max(registered_day) + self.between(0, 5)).min(-1);
        let recorded = Moment::at(recorded_day, self.between(9, 15), self.between(0, 59));
        let verified = self.chance(0.85);
        let verifier = self.officer();
        let verified_at = recorded
            .plus_minutes(self.between(30, 3 * 24 * 60))
            .min(Moment::at(-1, 16, 0))
            .max(recorded);
        let revoked_at = revoke.then(|| {
            Moment::at(
                (issued_day + self.between(30, 200))
                    .min(-1)
                    .max(recorded_day),
                10,
                0,
            )
        });
        let last_change =
            revoked_at
                .unwrap_or(recorded)
                .max(if verified { verified_at } else { recorded });
        self.data.certificates.push(CertificateRow {
            id,
            seeker_id,
            certificate_number: number,
            scheme: scheme.scheme,
            issuer: scheme.issuer,
            issued_on,
            valid_until: Some(add_months(issued_on, 36)),
            status: if revoke { "revoked" } else { "active" },
            revoked_at: revoked_at.map(|moment| self.clock.time(moment)),
            revoked_reason: revoke
                .then_some("Dicabut LSP: ditemukan ketidaksesuaian prosedur uji kompetensi"),
            recorded_by: recorder,
            verified_at: verified.then(|| self.clock.time(verified_at)),
            verified_by: verified.then_some(verifier),
            created_at: self.clock.time(recorded),
            updated_at: self.clock.time(last_change),
        });
        for unit_code in scheme.units {
            self.data.certificate_units.push(CertificateUnitRow {
                certificate_id: id,
                unit_code,
            });
            let competency_id = self.id();
            self.data.seeker_competencies.push(SeekerCompetencyRow {
                id: competency_id,
                seeker_id,
                unit_code,
                evidence_level: "certified",
                certificate_id: Some(id),
                enrolment_id: None,
                training_provider_id: None,
                recorded_by: Some(recorder),
                created_at: self.clock.time(recorded),
            });
        }
        if !revoke {
            self.seekers[seeker_index].strength += 3;
        }
    }

    // --- vacancies ------------------------------------------------------------------------------------------

    fn vacancies(&mut self) {
        for special in SPECIAL_VACANCIES {
            let employer = self
                .employers
                .iter()
                .position(|plan| plan.spec.name == special.employer)
                .unwrap_or(0);
            let template = find_template(special.template);
            let status = match special.story {
                SpecialStory::JustifiedAndOpen | SpecialStory::ReturnedFixedAndOpen => "open",
                SpecialStory::UnjustifiedDraft => "draft",
                SpecialStory::ReturnedThenClosed => "closed",
            };
            self.vacancy(employer, template, status, Some(special));
        }
        let size_weight = |plan: &EmployerPlan| match plan.spec.size {
            "besar" => 6,
            "menengah" => 4,
            "kecil" => 2,
            _ => 1,
        } * if plan.verified { 2 } else { 1 };
        let weights: Vec<u32> = self.employers.iter().map(size_weight).collect();
        for _ in SPECIAL_VACANCIES.len()..VACANCY_COUNT {
            let employer = self.weighted(&weights);
            let spec = self.employers[employer].spec;
            let template = find_template(self.pick(spec.templates));
            let status = match spec.status {
                "verified" => [
                    "draft", "reported", "verified", "open", "filled", "closed", "expired",
                ][self.weighted(&[4, 5, 4, 47, 17, 8, 15])],
                "pending" => ["draft", "reported"][self.weighted(&[1, 1])],
                _ => ["draft", "closed"][self.weighted(&[2, 3])],
            };
            self.vacancy(employer, template, status, None);
        }
    }

    fn vacancy(
        &mut self,
        employer_index: usize,
        template: &'static VacancyTemplate,
        status: &'static str,
        special: Option<&'static SpecialVacancy>,
    ) {
        let id = self.id();
        let employer = &self.employers[employer_index];
        let (employer_id, employer_spec, staff_user, employer_created) = (
            employer.id,
            employer.spec,
            employer.staff_user,
            employer.created,
        );
        let officer = self.officer();
        let actor = staff_user.unwrap_or(officer);
        let verifier = self.officer();
        let story = special.map(|special| special.story);
        // Never before the employer registered.
        let not_before = employer_created.plus_minutes(60);

        // Lifecycle, as day offsets; see `docs/data-model.md` for the allowed moves.
        let hour = |generator: &mut Self| generator.between(8, 16);
        let (created, reported, verified, published, ended): (
            Moment,
            Option<Moment>,
            Option<Moment>,
            Option<Moment>,
            Option<Moment>,
        );
        let mut closed_from = "open";
        match status {
            "draft" => {
                created = Moment::at(-self.between(1, 20), hour(self), 0).max(not_before);
                (reported, verified, published, ended) = (None, None, None, None);
            }
            "reported" => {
                created = Moment::at(-self.between(3, 25), hour(self), 0).max(not_before);
                reported = Some(created.plus_days(self.between(0, 1)).plus_minutes(90));
                (verified, published, ended) = (None, None, None);
            }
            "verified" => {
                created = Moment::at(-self.between(6, 30), hour(self), 0);
                let reported_at = created.plus_days(self.between(0, 2)).plus_minutes(90);
                reported = Some(reported_at);
                verified = Some(reported_at.plus_days(self.between(1, 3)));
                (published, ended) = (None, None);
            }
            // Closed before publication: always for an employer that was not verified and for the special story.
            "closed"
                if special.is_some()
                    || !employer_is_verified(employer_spec)
                    || self.chance(0.3) =>
            {
                closed_from = if special.is_some() || self.chance(0.5) {
                    "draft"
                } else {
                    "reported"
                };
                created = Moment::at(-self.between(15, 200), hour(self), 0).max(not_before);
                reported = (closed_from == "reported").then(|| created.plus_minutes(120));
                (verified, published) = (None, None);
                ended = Some(created.plus_days(self.between(9, 14)));
            }
            _ => {
                let (published_day, end) = match status {
                    "open" => (-self.between(1, 75), None),
                    "filled" => {
                        let day = -self.between(40, 330);
                        (
                            day,
                            Some(Moment::at((day + self.between(14, 60)).min(-1), 15, 0)),
                        )
                    }
                    "closed" => {
                        let day = -self.between(20, 330);
                        (
                            day,
                            Some(Moment::at((day + self.between(5, 40)).min(-1), 14, 0)),
                        )
                    }
                    _ => (-self.between(70, 360), None),
                };
                // A vacancy returned once needs a few more days between creation and publication.
                let returned_once = story == Some(SpecialStory::ReturnedFixedAndOpen);
                let published_at = Moment::at(published_day, hour(self), 30);
                let lead_days = self.between(3, 10) + if returned_once { 4 } else { 0 };
                created = published_at.plus_days(-lead_days);
                let report_delay =
                    self.between(30, 24 * 60) + if returned_once { 2 * Moment::DAY } else { 0 };
                let reported_at = created.plus_minutes(report_delay);
                reported = Some(reported_at);
                verified = Some(
                    reported_at
                        .plus_days(1)
                        .min(published_at.plus_minutes(-30))
                        .max(reported_at),
                );
                published = Some(published_at);
                ended = end;
            }
        }
        let validity = self.between(30, 90);
        let (valid_from_day, valid_until_day) = match (status, published) {
            ("expired", Some(at)) => (at.day(), at.day() + self.between(30, 60)),
            ("open", Some(at)) => (at.day(), (at.day() + validity).max(self.between(5, 45))),
            (_, Some(at)) => {
                let until = at.day() + validity;
                (
                    at.day(),
                    until.max(ended.map_or(until, |end| end.day() + 1)),
                )
            }
            _ => (created.day() + 3, created.day() + 3 + validity),
        };
        let finished = if status == "expired" {
            Some(Moment::at(valid_until_day + 1, 0, 15))
        } else {
            ended
        };

        let headcount = self.between(
            i64::from(template.headcount.0),
            i64::from(template.headcount.1),
        ) as i32;
        let employment_type = self.pick(template.employment_types);
        let (wage_period, wage_min, wage_max) = match employment_type {
            "paruh_waktu" => (
                "per_jam",
                self.wage_between(25_000, 28_000, "per_jam"),
                Some(self.wage_between(29_000, 35_000, "per_jam")),
            ),
            "magang" => (
                "bulanan",
                self.wage_between(2_500_000, 3_000_000, "bulanan"),
                None,
            ),
            _ => {
                let (low, high) = template.wage;
                let wage_min = self.wage_between(low, (low + high) / 2, template.wage_period);
                let wage_max =
                    self.wage_between(wage_min + (high - low) / 4, high, template.wage_period);
                let wage_min = if template.wage_period == "bulanan" {
                    wage_min.max(UMK_MONTHLY)
                } else {
                    wage_min
                };
                let has_max = self.chance(0.75);
                (
                    template.wage_period,
                    wage_min,
                    has_max.then_some(wage_max.max(wage_min)),
                )
            }
        };
        let at_site = template.at_site && employer_spec.site.is_some() && self.chance(0.7);
        let (region_code, outside_city_location) = if at_site {
            (None, employer_spec.site)
        } else if self.chance(0.05) {
            (Some(CITY.0), None)
        } else {
            (Some(employer_spec.region.unwrap_or(CITY.0)), None)
        };
        let location_detail = if at_site {
            Some("Mess dan transportasi ke site disediakan perusahaan".to_string())
        } else {
            Some(format!("{}, {}", employer_spec.name, employer_spec.address))
        };
        let reserved = if template.disability_friendly && self.chance(0.3) {
            1
        } else {
            0
        };
        let schemes = if self.chance(0.8) {
            template.schemes.to_vec()
        } else {
            Vec::new()
        };
        let blind_review = self.chance(0.15);
        let location_text = outside_city_location.unwrap_or("Balikpapan");
        let mut description = vacancy_description(employer_spec, template, location_text, &schemes);
        if let Some(special) = special.filter(|special| !special.extra.is_empty()) {
            description.push(' ');
            description.push_str(special.extra);
        }
        let discrimination_flags = special
            .filter(|special| !special.extra.is_empty())
            .map(|special| {
                flags_for(
                    &description,
                    special.extra,
                    special.sex_requirement.is_some(),
                )
            })
            .unwrap_or_else(|| json!([]));
        let how_to_apply = Some(format!(
            "Lamar melalui Jembatan, atau bawa CV, fotokopi ijazah, sertifikat kompetensi dan kartu AK/I ke {}.",
            employer_spec.address
        ));

        // Status history, oldest first: (from, to, at, actor, reason).
        let mut changes: Vec<Change> = vec![(None, "draft", created, Some(actor), None)];
        match story {
            // Reported with an age limit and a weak justification; returned; the limit removed and reported again.
            Some(SpecialStory::ReturnedFixedAndOpen) => {
                changes.push((
                    Some("draft"),
                    "reported",
                    created.plus_minutes(60),
                    Some(actor),
                    None,
                ));
                changes.push((
                    Some("reported"),
                    "draft",
                    created.plus_days(1),
                    Some(verifier),
                    Some("Dikembalikan: alasan batas usia maksimal 25 tahun tidak dapat diterima; hapus syarat usia"),
                ));
            }
            // Reported with a weak justification of the appearance requirement, returned, never fixed.
            Some(SpecialStory::ReturnedThenClosed) => {
                changes.push((
                    Some("draft"),
                    "reported",
                    created.plus_days(1),
                    Some(actor),
                    None,
                ));
                changes.push((
                    Some("reported"),
                    "draft",
                    created.plus_days(3),
                    Some(verifier),
                    Some("Dikembalikan: alasan syarat berpenampilan menarik tidak terkait pekerjaan; hapus syarat tersebut"),
                ));
            }
            _ => {}
        }
        if let Some(at) = reported {
            changes.push((Some("draft"), "reported", at, Some(actor), None));
        }
        if let Some(at) = verified {
            changes.push((Some("reported"), "verified", at, Some(verifier), None));
        }
        if let Some(at) = published {
            changes.push((Some("verified"), "open", at, Some(actor), None));
        }
        let closed_reason = match status {
            "closed" if story == Some(SpecialStory::ReturnedThenClosed) => {
                Some("Ditutup petugas: syarat diskriminatif tidak diperbaiki setelah dikembalikan")
            }
            "closed" if !employer_is_verified(employer_spec) => {
                Some("Ditutup petugas: pemberi kerja tidak lolos verifikasi")
            }
            "closed" => Some(self.pick(&[
                "Dibatalkan perusahaan: proyek ditunda",
                "Dibatalkan perusahaan: posisi diisi dari internal",
                "Ditutup atas permintaan perusahaan: anggaran rekrutmen dialihkan",
            ])),
            _ => None,
        };
        let closes = match (status, finished) {
            ("open", _) => Moment::at(-1, 17, 0),
            (_, Some(end)) => end,
            _ => created,
        };
        let closed_at = (status == "closed").then_some(closes);
        if let (Some(at), Some(reason)) = (closed_at, closed_reason) {
            let from = if published.is_some() {
                "open"
            } else {
                closed_from
            };
            changes.push((Some(from), "closed", at, Some(actor), Some(reason)));
        }
        let version = changes.len() as i32 + 1;
        let row = VacancyRow {
            id,
            employer_id,
            title: template.title.to_string(),
            description,
            kbji_code: template.kbji,
            headcount,
            filled_count: 0,
            valid_from: self.clock.date(valid_from_day),
            valid_until: self.clock.date(valid_until_day),
            min_education: template.min_education,
            education_major: template.major,
            min_experience_months: template.experience_months,
            employment_type,
            wage_min_rupiah: wage_min,
            wage_max_rupiah: wage_max,
            wage_period,
            region_code,
            outside_city_location,
            location_detail,
            reserved_disability_openings: reserved,
            driving_licences: template.licences.to_vec(),
            accepted_certification_schemes: schemes,
            sex_requirement: special.and_then(|special| special.sex_requirement),
            how_to_apply,
            discrimination_flags,
            flags_justification: special.and_then(|special| special.justification),
            blind_review,
            status,
            reported_at: reported.map(|at| self.clock.time(at)),
            verified_at: verified.map(|at| self.clock.time(at)),
            verified_by: verified.map(|_| verifier),
            published_at: published.map(|at| self.clock.time(at)),
            filled_at: None,
            closed_at: closed_at.map(|at| self.clock.time(at)),
            closed_reason,
            expired_at: None,
            created_by: actor,
            version,
            created_at: self.clock.time(created),
            updated_at: self
                .clock
                .time(changes.last().map_or(created, |change| change.2)),
        };
        for (from_status, to_status, at, actor_user_id, reason) in changes {
            let change =
                self.vacancy_change(&row, from_status, to_status, at, actor_user_id, reason, 0);
            self.data.vacancy_status_changes.push(change);
        }
        for unit_code in template.required {
            let min_evidence_level = template
                .certified
                .contains(unit_code)
                .then_some("certified");
            self.data.vacancy_units.push(VacancyUnitRow {
                vacancy_id: id,
                unit_code,
                requirement: "required",
                min_evidence_level,
            });
        }
        for unit_code in template.optional {
            if self.chance(0.7) {
                self.data.vacancy_units.push(VacancyUnitRow {
                    vacancy_id: id,
                    unit_code,
                    requirement: "optional",
                    min_evidence_level: None,
                });
            }
        }
        if status == "open"
            && matches!(
                template.vocation,
                "perhotelan" | "kuliner" | "konstruksi" | "logistik"
            )
            && self.chance(0.25)
        {
            let sessions = self.between(1, 2);
            for session in 0..sessions {
                let day = self.between(2, 20) + session * 7;
                let morning = self.chance(0.6);
                let starts = Moment::at(day, if morning { 9 } else { 13 }, 0);
                let at_office = self.chance(0.5);
                let session_id = self.id();
                self.data.walk_in_sessions.push(WalkInSessionRow {
                    id: session_id,
                    vacancy_id: id,
                    starts_at: self.clock.time(starts),
                    ends_at: self.clock.time(starts.plus_minutes(180)),
                    venue: if at_office {
                        "Aula Dinas Ketenagakerjaan Kota Balikpapan".to_string()
                    } else {
                        format!("{}, {}", employer_spec.name, employer_spec.address)
                    },
                    region_code: if at_office {
                        Some("64.71.04")
                    } else {
                        employer_spec.region
                    },
                    notes: Some(
                        "Bawa CV, fotokopi ijazah, KTP dan kartu AK/I; datang tepat waktu.",
                    ),
                    created_at: row.published_at.unwrap_or(row.created_at),
                    updated_at: row.published_at.unwrap_or(row.created_at),
                });
            }
        }
        self.vacancies.push(VacancyPlan {
            row: self.data.vacancies.len(),
            employer: employer_index,
            template,
            actor,
            published,
            closes,
            hires: 0,
        });
        self.data.vacancies.push(row);
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one row of the status history, field by field"
    )]
    fn vacancy_change(
        &self,
        vacancy: &VacancyRow,
        from_status: Option<&'static str>,
        to_status: &'static str,
        at: Moment,
        actor_user_id: Option<Uuid>,
        reason: Option<&'static str>,
        filled_count: i32,
    ) -> VacancyStatusChangeRow {
        let kbli_code = self
            .employers
            .iter()
            .find(|plan| plan.id == vacancy.employer_id)
            .map_or("09100", |plan| plan.spec.kbli);
        VacancyStatusChangeRow {
            vacancy_id: vacancy.id,
            from_status,
            to_status,
            actor_user_id,
            reason,
            at: self.clock.time(at),
            headcount: vacancy.headcount,
            filled_count,
            sex_requirement: vacancy.sex_requirement,
            min_education: vacancy.min_education,
            kbji_code: vacancy.kbji_code,
            kbli_code,
            region_code: vacancy.region_code,
        }
    }

    // --- hiring ---------------------------------------------------------------------------------------------

    fn applications(&mut self) {
        let mut order: Vec<usize> = (0..self.vacancies.len())
            .filter(|&index| self.vacancies[index].published.is_some())
            .collect();
        order.sort_by_key(|&index| (self.vacancies[index].published, index));
        for vacancy_index in order {
            self.vacancy_applications(vacancy_index);
        }
    }

    fn vacancy_applications(&mut self, vacancy_index: usize) {
        let plan = &self.vacancies[vacancy_index];
        let (Some(opens), closes, template, actor) =
            (plan.published, plan.closes, plan.template, plan.actor)
        else {
            return;
        };
        let row = &self.data.vacancies[plan.row];
        let (vacancy_id, status, headcount) = (row.id, row.status, row.headcount);
        let employer = &self.employers[plan.employer];
        let (employer_id, employer_name, employer_kbli, employer_staff) = (
            employer.id,
            employer.spec.name,
            employer.spec.kbli,
            employer.staff_user,
        );
        let last_day = closes.day() - 1;
        if last_day < opens.day() {
            return;
        }

        let wanted = (self.between(3, 12) + i64::from(headcount) * self.between(1, 3)) as usize;
        let can_apply = |seeker: &SeekerPlan| {
            seeker.fate == Fate::Active
                && seeker.registered.day() <= last_day
                && seeker
                    .placed
                    .is_none_or(|(at, _)| at.day() > opens.day() + 1)
        };
        let same: Vec<usize> = (0..self.seekers.len())
            .filter(|&index| {
                can_apply(&self.seekers[index])
                    && VOCATION_PROFILES[self.seekers[index].profile].vocation == template.vocation
            })
            .collect();
        let others: Vec<usize> = (0..self.seekers.len())
            .filter(|&index| {
                can_apply(&self.seekers[index])
                    && VOCATION_PROFILES[self.seekers[index].profile].vocation != template.vocation
            })
            .collect();
        let from_others = wanted * 15 / 100;
        let mut applicants: Vec<usize> = same
            .choose_multiple(&mut self.rng, wanted - from_others)
            .copied()
            .collect();
        applicants.extend(others.choose_multiple(&mut self.rng, from_others).copied());

        // Who is hired: applicants free to start, stronger evidence first, with some luck.
        let hires_wanted = match status {
            "filled" => headcount,
            "open" if headcount >= 2 && self.chance(0.35) => {
                self.between(1, i64::from(headcount) - 1) as i32
            }
            "expired" if self.chance(0.3) => {
                self.between(1, i64::from(headcount.max(2)) - 1) as i32
            }
            _ => 0,
        };
        let mut ranked: Vec<(u32, usize)> = applicants
            .iter()
            .map(|&index| {
                (
                    self.seekers[index].strength * 2 + self.rng.random_range(0..4u32),
                    index,
                )
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut hired: HashSet<usize> = HashSet::new();
        for &(_, index) in &ranked {
            if hired.len() as i32 >= hires_wanted {
                break;
            }
            if self.seekers[index].is_free_on(last_day)
                && self.seekers[index].registered.day() + 3 <= last_day
            {
                hired.insert(index);
            }
        }

        let mut hires_done = 0;
        let mut last_hire: Option<Moment> = None;
        for seeker_index in applicants {
            let seeker = &self.seekers[seeker_index];
            let (seeker_id, seeker_user, consent_visible) = (
                seeker.row.id,
                seeker.user(),
                seeker.row.consent_visible_to_employers,
            );
            let window_end = seeker
                .placed
                .map_or(last_day, |(at, _)| (at.day() - 1).min(last_day));
            let first_day = opens.day().max(seeker.registered.day());
            if first_day > window_end {
                continue;
            }
            let will_hire = hired.contains(&seeker_index);
            let apply_last = if will_hire {
                (window_end - 3).max(first_day)
            } else {
                window_end
            };
            let applied_day = self.between(first_day, apply_last);
            let applied =
                Moment::at(applied_day, self.between(7, 22), self.between(0, 59)).max(opens);
            let end = Moment::at(window_end, 17, 0).max(applied.plus_minutes(30));
            let invited = consent_visible && self.chance(0.15);
            let inviter = employer_staff.unwrap_or(actor);
            let seeker_actor = seeker_user.unwrap_or(self.officer());

            let (final_stage, reached, reason, note) = if will_hire {
                ("hired", 5, None, None)
            } else {
                self.application_outcome(status, invited)
            };
            // The path of stages: invited?, applied, screening?, interview, offer, then the final move.
            let mut stages: Vec<&'static str> = Vec::new();
            if invited {
                stages.push("invited");
            }
            let skip_screening = self.chance(0.1);
            for (rank, stage) in [
                (1, "applied"),
                (2, "screening"),
                (3, "interview"),
                (4, "offer"),
                (5, "hired"),
            ] {
                if rank <= reached && !(stage == "screening" && skip_screening && reached > 2) {
                    stages.push(stage);
                }
            }
            if matches!(final_stage, "rejected" | "withdrawn") {
                stages.push(final_stage);
            }
            let created = if invited {
                applied
                    .plus_minutes(-self.between(60, 3 * 24 * 60))
                    .max(opens)
            } else {
                applied
            };
            let mut times = vec![created];
            let moves = stages.len().saturating_sub(1);
            let mut offsets: Vec<i64> = (0..moves)
                .map(|_| self.between(1, (end.0 - created.0).max(1)))
                .collect();
            offsets.sort_unstable();
            let position_filled = reason == Some("position_filled");
            for (move_index, offset) in offsets.iter().enumerate() {
                let is_last = move_index + 1 == moves;
                times.push(if is_last && position_filled {
                    end
                } else {
                    Moment(created.0 + offset)
                });
            }
            if invited && stages.get(1) == Some(&"applied") {
                times[1] = applied.max(times[0]);
            }
            for index in 1..times.len() {
                times[index] = times[index].max(times[index - 1]);
            }

            let application_id = self.id();
            let mut applied_at = None;
            for (step, stage) in stages.iter().enumerate() {
                let at = times[step];
                let from_stage = if step == 0 {
                    None
                } else {
                    Some(stages[step - 1])
                };
                let actor_user_id = match *stage {
                    "invited" => inviter,
                    "applied" | "withdrawn" => seeker_actor,
                    _ => employer_staff.unwrap_or(actor),
                };
                if *stage == "applied" {
                    applied_at = Some(at);
                }
                let reason_text = match *stage {
                    "rejected" => Some(note.unwrap_or_else(|| rejection_label(reason))),
                    "withdrawn" => Some(self.pick(&[
                        "Mengundurkan diri: sudah diterima bekerja di tempat lain",
                        "Mengundurkan diri: lokasi kerja terlalu jauh",
                        "Mengundurkan diri: alasan keluarga",
                    ])),
                    _ => None,
                };
                self.data
                    .application_stage_changes
                    .push(ApplicationStageChangeRow {
                        application_id,
                        from_stage,
                        to_stage: stage,
                        actor_user_id: Some(actor_user_id),
                        reason: reason_text,
                        at: self.clock.time(at),
                    });
            }
            let last = *times.last().unwrap_or(&created);
            let cover_note = (!invited && self.chance(0.3)).then(|| {
                self.pick(&[
                    "Saya alumni BLK dan siap ditempatkan di site.",
                    "Saya memiliki pengalaman di bidang yang sama dan siap bekerja segera.",
                    "Mohon pertimbangan Bapak/Ibu, saya siap mengikuti tes dan wawancara.",
                ])
            });
            self.data.applications.push(ApplicationRow {
                id: application_id,
                vacancy_id,
                seeker_id,
                origin: if invited { "invited" } else { "applied" },
                stage: final_stage,
                stage_changed_at: self.clock.time(last),
                invited_by: invited.then_some(inviter),
                applied_at: applied_at.map(|at| self.clock.time(at)),
                cover_note,
                rejection_reason: reason,
                rejection_note: note,
                version: stages.len() as i32,
                created_at: self.clock.time(created),
                updated_at: self.clock.time(last),
            });
            if will_hire {
                hires_done += 1;
                last_hire = Some(last_hire.map_or(last, |previous| previous.max(last)));
                let row = &self.data.vacancies[self.vacancies[vacancy_index].row];
                let (kbji, employment_type, wage_period) =
                    (row.kbji_code, row.employment_type, row.wage_period);
                let (wage_low, wage_high) = (
                    row.wage_min_rupiah,
                    row.wage_max_rupiah.unwrap_or(row.wage_min_rupiah),
                );
                let wage = self.wage_between(wage_low, wage_high, wage_period);
                let start_day = (last.day() + self.between(3, 14)).min(0);
                self.placement(NewPlacement {
                    seeker: seeker_index,
                    vacancy_id: Some(vacancy_id),
                    application_id: Some(application_id),
                    apprenticeship_id: None,
                    employer_id: Some(employer_id),
                    employer_name: employer_name.to_string(),
                    kbji,
                    kbli: Some(employer_kbli),
                    start_day,
                    recorded: last.plus_minutes(120),
                    employment_type,
                    wage: Some((wage, wage_period)),
                    channel: "jembatan",
                    evidence: None,
                });
            }
        }
        self.vacancies[vacancy_index].hires = hires_done;
        if status == "filled" {
            // Filled when hires reach the headcount, or reported filled by the employer with fewer hires.
            let at = last_hire.map_or(closes, |hire| hire.plus_minutes(150).max(closes));
            self.vacancies[vacancy_index].closes = at;
        }
    }

    /// Final stage for an application that did not end in a hire: (stage, furthest stage rank, reason, note).
    fn application_outcome(
        &mut self,
        vacancy_status: &str,
        invited: bool,
    ) -> (
        &'static str,
        i32,
        Option<&'static str>,
        Option<&'static str>,
    ) {
        let reached = self.weighted(&[0, 40, 30, 22, 8]) as i32;
        let early_reason = |generator: &mut Self, reached: i32| -> &'static str {
            match reached {
                1 | 2 => [
                    "competency_mismatch",
                    "education_mismatch",
                    "experience_insufficient",
                ][generator.weighted(&[45, 20, 35])],
                3 => ["failed_interview", "failed_test", "no_show"]
                    [generator.weighted(&[60, 25, 15])],
                _ => "offer_declined",
            }
        };
        match vacancy_status {
            "open" => {
                let roll = self.weighted(&[if invited { 8 } else { 0 }, 25, 18, 12, 4, 26, 8]);
                match roll {
                    0 => ("invited", 0, None, None),
                    1 => ("applied", 1, None, None),
                    2 => ("screening", 2, None, None),
                    3 => ("interview", 3, None, None),
                    4 => ("offer", 4, None, None),
                    5 => ("rejected", reached, Some(early_reason(self, reached)), None),
                    _ => ("withdrawn", reached, None, None),
                }
            }
            "filled" => match self.weighted(&[55, 25, 15, 5]) {
                0 => ("rejected", reached.min(3), Some("position_filled"), None),
                1 => ("rejected", reached, Some(early_reason(self, reached)), None),
                2 => ("withdrawn", reached.min(3), None, None),
                _ => ("rejected", 4, Some("offer_declined"), None),
            },
            "closed" => match self.weighted(&[75, 25]) {
                0 => (
                    "rejected",
                    reached.min(3),
                    Some("other"),
                    Some("Lowongan ditutup oleh pemberi kerja"),
                ),
                _ => ("withdrawn", reached.min(3), None, None),
            },
            _ => match self.weighted(&[40, 25, 15, 20]) {
                0 => (
                    "rejected",
                    reached.min(3),
                    Some("other"),
                    Some("Masa berlaku lowongan berakhir sebelum proses selesai"),
                ),
                1 => ("applied", 1, None, None),
                2 => ("screening", 2, None, None),
                _ => ("withdrawn", reached.min(3), None, None),
            },
        }
    }

    fn placement(&mut self, placement: NewPlacement) {
        let id = self.id();
        let recorder = self.officer();
        let seeker = &mut self.seekers[placement.seeker];
        seeker.placed = Some((placement.recorded, recorder));
        let start_date = self.clock.date(placement.start_day);
        self.data.placements.push(PlacementRow {
            id,
            seeker_id: seeker.row.id,
            vacancy_id: placement.vacancy_id,
            application_id: placement.application_id,
            apprenticeship_id: placement.apprenticeship_id,
            employer_id: placement.employer_id,
            employer_name: placement.employer_name,
            kbji_code: placement.kbji,
            kbli_code: placement.kbli,
            start_date,
            employment_type: placement.employment_type,
            wage_rupiah: placement.wage.map(|(amount, _)| amount),
            wage_period: placement.wage.map(|(_, period)| period),
            channel: placement.channel,
            evidence: placement.evidence,
            recorded_by: recorder,
            report_month: first_of_month(start_date),
            version: 1,
            created_at: self.clock.time(placement.recorded),
            updated_at: self.clock.time(placement.recorded),
        });
    }

    fn apprenticeships(&mut self) {
        let hosts = [
            ("PT Kaltim Sarana Tambang", "KST"),
            ("PT Melawai Hospitality Indonesia", "MHI"),
            ("PT Borneo Digital Solusi", "BDS"),
        ];
        let programmes: [ApprenticeshipPlan; 3] = [
            ApprenticeshipPlan {
                title: "Pemagangan Mekanik Alat Berat",
                description: "Pemagangan di workshop site: perawatan berkala, sistem hidrolik dan engine diesel alat berat, dibimbing mekanik senior.",
                vocation: "alat_berat",
                kbji: "7233.01",
                region: "64.71.03",
                months: 6,
                seats: 6,
                stipend: 3_000_000,
                status: "approved",
                created_day: -290,
                starts_day: -240,
                units: &["B.090000.008.01", "B.090000.009.01", "B.090000.010.01"],
            },
            ApprenticeshipPlan {
                title: "Pemagangan Front Office dan Housekeeping",
                description: "Pemagangan hotel bintang: penerimaan tamu, reservasi, tata graha dan binatu.",
                vocation: "perhotelan",
                kbji: "4224.01",
                region: "64.71.06",
                months: 3,
                seats: 5,
                stipend: 2_000_000,
                status: "approved",
                created_day: -80,
                starts_day: -45,
                units: &[
                    "I.551000.001.01",
                    "I.551000.003.01",
                    "I.551000.005.01",
                    "I.551000.007.01",
                ],
            },
            ApprenticeshipPlan {
                title: "Magang Junior Programmer",
                description: "Pemagangan pengembangan aplikasi web untuk lulusan SMK dan D3 bidang TIK.",
                vocation: "tik",
                kbji: "2512.02",
                region: "64.71.05",
                months: 6,
                seats: 4,
                stipend: 2_500_000,
                status: "proposed",
                created_day: -6,
                starts_day: 30,
                units: &["J.620100.017.02", "J.620100.020.02", "J.620100.025.02"],
            },
        ];
        for ((host_name, host_code), plan) in hosts.into_iter().zip(programmes) {
            let Some(host_index) = self
                .employers
                .iter()
                .position(|employer| employer.spec.name == host_name)
            else {
                continue;
            };
            let host = &self.employers[host_index];
            let (host_id, host_kbli, host_staff) = (host.id, host.spec.kbli, host.staff_user);
            let officer = self.officer();
            let host_user = host_staff.unwrap_or(officer);
            let programme_id = self.id();
            let mentor_sex = if self.chance(0.6) { "L" } else { "P" };
            let (mentor, _) = self.person_name(mentor_sex);
            let created = Moment::at(plan.created_day, 10, 0);
            let decided =
                (plan.status == "approved").then(|| created.plus_days(self.between(5, 15)));
            self.data
                .apprenticeship_programmes
                .push(ApprenticeshipProgrammeRow {
                    id: programme_id,
                    host_employer_id: host_id,
                    title: plan.title,
                    description: Some(plan.description),
                    vocation_code: Some(plan.vocation),
                    kbji_code: Some(plan.kbji),
                    region_code: Some(plan.region),
                    duration_months: plan.months,
                    seats: plan.seats,
                    monthly_stipend_rupiah: plan.stipend,
                    mentor_name: mentor.clone(),
                    status: plan.status,
                    decided_at: decided.map(|at| self.clock.time(at)),
                    decided_by: decided.map(|_| officer),
                    decision_reason: decided
                        .map(|_| "Program sesuai Permenaker 6/2020; kuota dan uang saku memadai"),
                    created_by: host_user,
                    version: if decided.is_some() { 2 } else { 1 },
                    created_at: self.clock.time(created),
                    updated_at: self.clock.time(decided.unwrap_or(created)),
                });
            for unit_code in plan.units {
                self.data
                    .apprenticeship_programme_units
                    .push(ApprenticeshipProgrammeUnitRow {
                        programme_id,
                        unit_code,
                    });
            }
            if plan.status != "approved" {
                continue;
            }
            let duration_days = i64::from(plan.months) * 31;
            let ends_day_estimate = plan.starts_day + duration_days;
            let candidates: Vec<usize> = (0..self.seekers.len())
                .filter(|&index| {
                    let seeker = &self.seekers[index];
                    seeker.fate == Fate::Active
                        && VOCATION_PROFILES[seeker.profile].vocation == plan.vocation
                        && seeker.registered.day() <= plan.starts_day - 14
                        && seeker.is_free_on(plan.starts_day)
                        && seeker.busy.iter().all(|&(_, to)| to < plan.starts_day)
                })
                .collect();
            let apprentice_count = (plan.seats as usize)
                .min(candidates.len())
                .saturating_sub(if plan.seats > 5 { 0 } else { 1 });
            let chosen: Vec<usize> = candidates
                .choose_multiple(&mut self.rng, apprentice_count)
                .copied()
                .collect();
            let starts_on = self.clock.date(plan.starts_day);
            let ends_on =
                add_months(starts_on, u32::from(plan.months.unsigned_abs())) - TimeDelta::days(1);
            let finished = ends_day_estimate <= -5;
            for (number, seeker_index) in chosen.into_iter().enumerate() {
                let apprenticeship_id = self.id();
                let seeker_id = self.seekers[seeker_index].row.id;
                let agreement_day = plan.starts_day - self.between(3, 10);
                let outcome = if !finished {
                    "active"
                } else if number == 4 {
                    "discontinued"
                } else {
                    "completed"
                };
                let discontinued_day = plan.starts_day + self.between(30, 90);
                let ended_on = match outcome {
                    "completed" => Some(ends_on),
                    "discontinued" => Some(self.clock.date(discontinued_day)),
                    _ => None,
                };
                let hired = outcome == "completed" && number < 3;
                let agreement_number =
                    format!("PP/{host_code}/{}/{:03}", starts_on.year(), number + 1);
                let certificate_number = (outcome == "completed").then(|| {
                    format!(
                        "SERT-MAG/{host_code}/{}/{:03}",
                        starts_on.year(),
                        number + 1
                    )
                });
                let recorded = Moment::at(agreement_day, 11, 0);
                let last_day = match outcome {
                    "active" => -1,
                    "discontinued" => discontinued_day,
                    _ => ends_day_estimate.min(-1),
                };
                self.seekers[seeker_index]
                    .busy
                    .push((plan.starts_day, last_day.max(plan.starts_day)));
                self.data.apprenticeships.push(ApprenticeshipRow {
                    id: apprenticeship_id,
                    programme_id,
                    seeker_id,
                    agreement_number,
                    agreement_date: self.clock.date(agreement_day),
                    starts_on,
                    ends_on,
                    mentor_name: mentor.clone(),
                    monthly_stipend_rupiah: plan.stipend,
                    status: outcome,
                    ended_on,
                    discontinued_reason: (outcome == "discontinued")
                        .then_some("Mengundurkan diri karena alasan kesehatan"),
                    certificate_number,
                    hired_by_host: (outcome != "active").then_some(hired),
                    recorded_by: officer,
                    version: if outcome == "active" { 1 } else { 2 },
                    created_at: self.clock.time(recorded),
                    updated_at: self.clock.time(if outcome == "active" {
                        recorded
                    } else {
                        Moment::at(last_day, 15, 0)
                    }),
                });
                // One progress report per full month served.
                let served_days = last_day - plan.starts_day;
                let reports = (served_days / 31).max(0);
                for month in 0..reports {
                    let period = first_of_month(add_months(starts_on, month as u32));
                    let submitted_date =
                        add_months(period, 1) + TimeDelta::days(self.between(1, 5));
                    let submitted =
                        self.clock
                            .time_on(submitted_date.min(self.clock.date(-1)), 14, 0);
                    let report_id = self.id();
                    let summary = self.pick(&[
                        "Hadir tepat waktu, mampu mengikuti instruksi pembimbing dan mulai bekerja mandiri.",
                        "Progres baik; perlu meningkatkan ketelitian dalam pencatatan pekerjaan.",
                        "Sangat aktif bertanya; sudah menguasai sebagian besar unit kompetensi program.",
                        "Kehadiran cukup; dua kali izin sakit dengan surat dokter.",
                    ]);
                    let attendance = self.between(18, 24) as i16;
                    self.data.apprenticeship_progress_reports.push(
                        ApprenticeshipProgressReportRow {
                            id: report_id,
                            apprenticeship_id,
                            period_month: period,
                            attendance_days: Some(attendance),
                            summary,
                            submitted_by: host_user,
                            submitted_at: submitted,
                        },
                    );
                }
                if hired {
                    let start_day = (ends_day_estimate + self.between(1, 14)).min(0);
                    let wage = self
                        .wage_between(plan.stipend * 2, plan.stipend * 3, "bulanan")
                        .max(UMK_MONTHLY);
                    self.placement(NewPlacement {
                        seeker: seeker_index,
                        vacancy_id: None,
                        application_id: None,
                        apprenticeship_id: Some(apprenticeship_id),
                        employer_id: Some(host_id),
                        employer_name: host_name.to_string(),
                        kbji: plan.kbji,
                        kbli: Some(host_kbli),
                        start_day,
                        recorded: Moment::at(start_day, 10, 0),
                        employment_type: "pkwt",
                        wage: Some((wage, "bulanan")),
                        channel: "apprenticeship_hire",
                        evidence: None,
                    });
                }
            }
        }
    }

    /// Placements that did not come through an application here: job fairs, BLK referrals, direct reports
    /// by employers and reports at the counter.
    fn other_placements(&mut self) {
        let fairs = [-self.between(280, 300), -self.between(120, 140)];
        let count = self.seeker_count * 7 / 100;
        for _ in 0..count {
            let channel =
                ["job_fair", "blk_referral", "direct", "counter"][self.weighted(&[30, 25, 25, 20])];
            let (start_day, candidates): (i64, Vec<usize>) = match channel {
                "blk_referral" => {
                    let graduates: Vec<(usize, i64)> = (0..self.seekers.len())
                        .filter_map(|index| {
                            let seeker = &self.seekers[index];
                            let graduated = seeker.graduations.last().map(|(_, day)| *day)?;
                            (seeker.placed.is_none() && graduated <= -10)
                                .then_some((index, graduated))
                        })
                        .collect();
                    let Some(&(index, graduated)) = graduates.choose(&mut self.rng) else {
                        continue;
                    };
                    let start = (graduated + self.between(10, 90)).min(0);
                    (start, vec![index])
                }
                "job_fair" => {
                    let fair = self.pick(&fairs);
                    (fair + self.between(7, 40), Vec::new())
                }
                _ => (-self.between(0, 364), Vec::new()),
            };
            let candidates = if candidates.is_empty() {
                (0..self.seekers.len())
                    .filter(|&index| {
                        let seeker = &self.seekers[index];
                        seeker.fate == Fate::Active
                            && seeker.registered.day() <= start_day - 7
                            && seeker.is_free_on(start_day)
                    })
                    .collect()
            } else {
                candidates
            };
            let Some(&seeker_index) = candidates.choose(&mut self.rng) else {
                continue;
            };
            let profile = &VOCATION_PROFILES[self.seekers[seeker_index].profile];
            let matching: Vec<usize> = (0..self.employers.len())
                .filter(|&index| {
                    let employer = &self.employers[index];
                    employer.verified
                        && employer
                            .spec
                            .templates
                            .iter()
                            .any(|key| find_template(key).vocation == profile.vocation)
                })
                .collect();
            let registered_employer = !matching.is_empty() && self.chance(0.6);
            let (employer_id, employer_name, kbli) = if registered_employer {
                let chosen_employer = self.pick(&matching);
                let employer = &self.employers[chosen_employer];
                (
                    Some(employer.id),
                    employer.spec.name.to_string(),
                    Some(employer.spec.kbli),
                )
            } else {
                let (name, kbli) = self.pick(OTHER_EMPLOYERS);
                (None, name.to_string(), Some(kbli))
            };
            let kbji = self.pick(profile.occupations);
            let employment_type =
                ["pkwt", "pkwtt", "harian", "paruh_waktu"][self.weighted(&[60, 20, 15, 5])];
            let wage = if self.chance(0.85) {
                Some(match employment_type {
                    "harian" => (self.wage_between(150_000, 200_000, "harian"), "harian"),
                    "paruh_waktu" => (self.wage_between(25_000, 30_000, "per_jam"), "per_jam"),
                    _ => (
                        self.wage_between(
                            profile.expected_wage.0,
                            profile.expected_wage.1,
                            "bulanan",
                        )
                        .max(UMK_MONTHLY),
                        "bulanan",
                    ),
                })
            } else {
                None
            };
            let recorded_day = (start_day + self.between(0, 10)).min(-1);
            let recorded = Moment::at(recorded_day, self.between(9, 15), self.between(0, 59));
            let start_date = self.clock.date(start_day);
            let letter = self.between(10, 480);
            let evidence = match channel {
                "job_fair" => format!(
                    "Surat penerimaan kerja No. {letter:03}/HRD/{}/{} dari Job Fair Disnaker Balikpapan",
                    roman_month(start_date),
                    start_date.year()
                ),
                "blk_referral" => format!(
                    "Surat rujukan BLK No. {letter:03}/BLK-BPP/{}/{} dan surat keterangan kerja",
                    roman_month(start_date),
                    start_date.year()
                ),
                "direct" => format!(
                    "Laporan penempatan dari perusahaan No. {letter:03}/HRD/{}",
                    start_date.year()
                ),
                _ => format!(
                    "Surat keterangan kerja No. {letter:03}/SKK/{}/{} diserahkan di loket Disnaker",
                    roman_month(start_date),
                    start_date.year()
                ),
            };
            self.placement(NewPlacement {
                seeker: seeker_index,
                vacancy_id: None,
                application_id: None,
                apprenticeship_id: None,
                employer_id,
                employer_name,
                kbji,
                kbli,
                start_day,
                recorded,
                employment_type,
                wage,
                channel,
                evidence: Some(evidence),
            });
        }
    }

    /// Follow-ups at +3, +6 and +12 months, created with the placement; outcomes recorded for most that are due.
    fn followups(&mut self) {
        let placements: Vec<(Uuid, NaiveDate, DateTime<Utc>)> = self
            .data
            .placements
            .iter()
            .map(|row| (row.id, row.start_date, row.created_at))
            .collect();
        for (placement_id, start_date, created_at) in placements {
            let start_day = (start_date - self.clock.today).num_days();
            let mut left_on: Option<NaiveDate> = None;
            let mut previous_offset = 0;
            for offset in [3_i64, 6, 12] {
                let id = self.id();
                let due_on = add_months(start_date, offset as u32);
                let due = start_day <= -(31 * offset + 5);
                let skipped = self.chance(0.08);
                let leaves = self.chance(0.12);
                let left_after = self.between(previous_offset * 30, offset * 30 - 1);
                let recorded_after = self.between(0, 4);
                let officer = self.officer();
                previous_offset = offset;
                let (outcome, note, recorded_by, recorded_at) = if due && !skipped {
                    if left_on.is_none() && leaves {
                        left_on = Some(start_date + TimeDelta::days(left_after));
                    }
                    let recorded_at =
                        self.clock
                            .time_on(due_on + TimeDelta::days(recorded_after), 10, 0);
                    match left_on {
                        Some(_) => (
                            Some("left"),
                            Some("Sudah berhenti bekerja; dikonfirmasi melalui telepon"),
                            Some(officer),
                            Some(recorded_at),
                        ),
                        None => (
                            Some("still_employed"),
                            Some("Masih bekerja; dikonfirmasi HRD perusahaan"),
                            Some(officer),
                            Some(recorded_at),
                        ),
                    }
                } else {
                    (None, None, None, None)
                };
                self.data.placement_followups.push(PlacementFollowupRow {
                    id,
                    placement_id,
                    offset_months: offset as i16,
                    due_on,
                    outcome,
                    left_on: outcome.and(left_on),
                    note,
                    recorded_by,
                    recorded_at,
                    created_at,
                });
            }
        }
    }

    // --- final states ---------------------------------------------------------------------------------------

    /// Status, re-report dates and status history of every seeker, now that placements are known.
    fn finish_seekers(&mut self) {
        let today = self.clock.today;
        for index in 0..self.seekers.len() {
            let registered_day = self.seekers[index].registered.day();
            let fate = self.seekers[index].fate;
            let placed = self.seekers[index].placed;
            // Re-reports every 6 months up to the last event (conservatively 184 days each).
            let horizon = match (fate, placed) {
                (_, Some((at, _))) => at.day(),
                (Fate::Removed { day, .. }, _) => day.min(registered_day + 180),
                (Fate::Expired, _) => registered_day + 600,
                (Fate::Active, None) => 0,
            };
            let most = ((horizon - registered_day) / 184).max(0);
            let reports = if most > 0 && self.chance(0.25) {
                most - 1
            } else {
                most
            };
            let open_to_work = self.chance(0.15);
            let seen_days_ago = self.between(1, 30);
            let seeker = &mut self.seekers[index];
            let registered_on = seeker.row.registered_on;
            seeker.row.last_reported_on = add_months(registered_on, 6 * reports as u32);
            seeker.row.next_report_due_on = add_months(seeker.row.last_reported_on, 6);
            let mut changes: Vec<Change> = vec![(
                None,
                "active",
                seeker.registered,
                Some(seeker.registrar),
                None,
            )];
            match (fate, placed) {
                (_, Some((at, officer))) => {
                    changes.push((
                        Some("active"),
                        "placed",
                        at,
                        Some(officer),
                        Some("Penempatan tercatat"),
                    ));
                    seeker.row.open_to_work = open_to_work;
                }
                (Fate::Removed { day, reason }, None) => {
                    changes.push((
                        Some("active"),
                        "removed",
                        Moment::at(day, 10, 0),
                        Some(seeker.registrar),
                        Some(reason),
                    ));
                    seeker.row.removed_reason = Some(reason);
                    seeker.row.open_to_work = false;
                }
                (Fate::Expired, None) => {
                    let expired_on = seeker.row.valid_until + TimeDelta::days(1);
                    let at = Moment::at((expired_on - today).num_days(), 0, 15);
                    changes.push((
                        Some("active"),
                        "expired",
                        at,
                        None,
                        Some("Masa berlaku kartu AK/I (2 tahun) habis"),
                    ));
                    seeker.row.open_to_work = false;
                }
                (Fate::Active, None) => {}
            }
            let (_, status, last, _, _) = changes[changes.len() - 1];
            seeker.row.status = status;
            seeker.row.status_changed_at = self.clock.time(last);
            seeker.row.version = changes.len() as i32 + reports as i32;
            let last_report = Moment::at((seeker.row.last_reported_on - today).num_days(), 10, 0);
            seeker.row.updated_at = self.clock.time(last.max(last_report));
            if seeker.row.user_id.is_some() {
                seeker.row.last_active_at = Some(
                    self.clock
                        .time(Moment::at(-seen_days_ago, 19, 30).max(seeker.registered)),
                );
            }
            for (from_status, to_status, at, actor_user_id, reason) in changes {
                self.data.seeker_status_changes.push(SeekerStatusChangeRow {
                    seeker_id: seeker.row.id,
                    from_status,
                    to_status,
                    actor_user_id,
                    reason,
                    at: self.clock.time(at),
                    sex: seeker.row.sex,
                    birth_year: seeker.row.birth_year,
                    education_level: seeker.row.education_level,
                    domicile_region_code: seeker.row.domicile_region_code,
                });
            }
        }
        self.data.seekers = self.seekers.iter().map(|plan| plan.row.clone()).collect();
    }

    /// Filled counts, fill/expiry timestamps and the final status change, now that hires are known.
    fn finish_vacancies(&mut self) {
        for index in 0..self.vacancies.len() {
            let plan = &self.vacancies[index];
            let (row_index, hires, closes, actor) = (plan.row, plan.hires, plan.closes, plan.actor);
            let status = self.data.vacancies[row_index].status;
            self.data.vacancies[row_index].filled_count = hires;
            let (to_status, actor_user_id, reason) = match status {
                "filled" => {
                    self.data.vacancies[row_index].filled_at = Some(self.clock.time(closes));
                    let reason = if hires < self.data.vacancies[row_index].headcount {
                        "Dilaporkan terisi oleh pemberi kerja"
                    } else {
                        "Jumlah yang diterima mencapai kebutuhan"
                    };
                    ("filled", Some(actor), Some(reason))
                }
                "expired" => {
                    self.data.vacancies[row_index].expired_at = Some(self.clock.time(closes));
                    ("expired", None, Some("Masa berlaku lowongan berakhir"))
                }
                _ => continue,
            };
            let row = &self.data.vacancies[row_index];
            let change = self.vacancy_change(
                row,
                Some("open"),
                to_status,
                closes,
                actor_user_id,
                reason,
                hires,
            );
            self.data.vacancies[row_index].updated_at = self.clock.time(closes);
            self.data.vacancies[row_index].version += 1;
            self.data.vacancy_status_changes.push(change);
        }
    }

    /// The nota kesepahaman of May 2024 (FKLPID meeting) between the labour office and Balikpapan industry.
    fn agreement(&mut self) {
        let id = self.id();
        let signed_day = -self.between(560, 620);
        let signed_on = self.clock.date(signed_day);
        let valid_until = add_months(signed_on, 36) - TimeDelta::days(1);
        let officer = self.officers[0];
        let created = Moment::at(signed_day - 14, 9, 0);
        let register_number = self.between(100, 400);
        self.data.agreements.push(AgreementRow {
            id,
            agreement_number: Some(format!(
                "500.15/{register_number:03}/NK-DISNAKER/{}/{}",
                roman_month(signed_on),
                signed_on.year()
            )),
            title: "Nota Kesepahaman tentang Pelatihan, Pemagangan dan Penempatan Tenaga Kerja",
            description: Some("Kesepahaman antara Dinas Ketenagakerjaan Kota Balikpapan dan dunia usaha dan dunia industri (DUDI) di Balikpapan untuk meningkatkan kompetensi tenaga kerja melalui pelatihan, pemagangan dan penempatan; ditandatangani pada Rapat Koordinasi Forum Komunikasi Lembaga Pelatihan Kerja dengan Industri Daerah (FKLPID)."),
            signed_on: Some(signed_on),
            valid_from: Some(signed_on),
            valid_until: Some(valid_until),
            status: "active",
            status_reason: None,
            created_by: officer,
            version: 2,
            created_at: self.clock.time(created),
            updated_at: self.clock.time(Moment::at(signed_day, 15, 0)),
        });
        let parties = [
            "PT Kaltim Sarana Tambang",
            "PT Borneo Petro Servis",
            "PT Hotel Klandasan Indah",
            "PT Melawai Hospitality Indonesia",
            "PT Semayang Logistik Nusantara",
            "PT Manggar Karya Konstruksi",
        ];
        let mut party_ids = HashMap::new();
        for name in parties {
            let Some(employer) = self
                .employers
                .iter()
                .find(|employer| employer.spec.name == name)
            else {
                continue;
            };
            let employer_id = employer.id;
            let signatory_sex = if self.chance(0.7) { "L" } else { "P" };
            let (signatory, _) = self.person_name(signatory_sex);
            party_ids.insert(name, employer_id);
            self.data.agreement_parties.push(AgreementPartyRow {
                agreement_id: id,
                employer_id,
                signatory_name: Some(signatory),
            });
        }
        let first_year_end = add_months(signed_on, 12) - TimeDelta::days(1);
        let second_year_start = add_months(signed_on, 12);
        let second_year_end = add_months(signed_on, 24) - TimeDelta::days(1);
        let commitments: [Commitment; 7] = [
            (
                Some("PT Kaltim Sarana Tambang"),
                "apprenticeship_seats",
                signed_on,
                first_year_end,
                10,
                "Kursi pemagangan mekanik dan operator alat berat, tahun pertama",
            ),
            (
                Some("PT Kaltim Sarana Tambang"),
                "apprenticeship_seats",
                second_year_start,
                second_year_end,
                12,
                "Kursi pemagangan mekanik dan operator alat berat, tahun kedua",
            ),
            (
                Some("PT Borneo Petro Servis"),
                "placements",
                signed_on,
                valid_until,
                25,
                "Penempatan lulusan BLK kejuruan las dan listrik",
            ),
            (
                Some("PT Hotel Klandasan Indah"),
                "training_support",
                signed_on,
                valid_until,
                40,
                "Tempat praktik front office dan tata graha bagi peserta pelatihan",
            ),
            (
                Some("PT Melawai Hospitality Indonesia"),
                "apprenticeship_seats",
                signed_on,
                valid_until,
                10,
                "Kursi pemagangan perhotelan",
            ),
            (
                Some("PT Semayang Logistik Nusantara"),
                "placements",
                signed_on,
                valid_until,
                15,
                "Penempatan operator forklift dan admin gudang",
            ),
            (
                None,
                "placements",
                signed_on,
                valid_until,
                100,
                "Target penempatan bersama seluruh pihak selama masa berlaku",
            ),
        ];
        for (party, kind, period_start, period_end, target_quantity, description) in commitments {
            let employer_id = match party {
                Some(name) => match party_ids.get(name) {
                    Some(id) => Some(*id),
                    None => continue,
                },
                None => None,
            };
            let commitment_id = self.id();
            self.data
                .agreement_commitments
                .push(AgreementCommitmentRow {
                    id: commitment_id,
                    agreement_id: id,
                    employer_id,
                    kind,
                    period_start,
                    period_end,
                    target_quantity,
                    description: Some(description),
                    created_at: self.clock.time(created),
                    updated_at: self.clock.time(created),
                });
        }
    }
}

struct NewUser {
    role: &'static str,
    email: String,
    full_name: String,
    employer_id: Option<Uuid>,
    training_provider_id: Option<Uuid>,
    created: Moment,
    staff: bool,
}

impl NewUser {
    fn staff(role: &'static str, local_part: &str, full_name: &str, created: Moment) -> NewUser {
        NewUser {
            staff: true,
            ..NewUser::member(role, local_part, full_name, created)
        }
    }

    fn member(role: &'static str, local_part: &str, full_name: &str, created: Moment) -> NewUser {
        NewUser {
            role,
            email: format!("{local_part}@{EMAIL_DOMAIN}"),
            full_name: full_name.to_string(),
            employer_id: None,
            training_provider_id: None,
            created,
            staff: false,
        }
    }
}

struct CohortPlan {
    programme: usize,
    number: usize,
    status: &'static str,
    opens: i64,
    closes: i64,
    starts: i64,
    ends: i64,
    cancelled_reason: Option<&'static str>,
}

struct ApprenticeshipPlan {
    title: &'static str,
    description: &'static str,
    vocation: &'static str,
    kbji: &'static str,
    region: &'static str,
    months: i16,
    seats: i32,
    stipend: i64,
    status: &'static str,
    created_day: i64,
    starts_day: i64,
    units: &'static [&'static str],
}

struct NewPlacement {
    seeker: usize,
    vacancy_id: Option<Uuid>,
    application_id: Option<Uuid>,
    apprenticeship_id: Option<Uuid>,
    employer_id: Option<Uuid>,
    employer_name: String,
    kbji: &'static str,
    kbli: Option<&'static str>,
    start_day: i64,
    recorded: Moment,
    employment_type: &'static str,
    wage: Option<(i64, &'static str)>,
    channel: &'static str,
    evidence: Option<String>,
}

fn find_template(key: &str) -> &'static VacancyTemplate {
    TEMPLATES
        .iter()
        .find(|template| template.key == key)
        .unwrap_or(&TEMPLATES[0])
}

fn employer_is_verified(spec: &EmployerSpec) -> bool {
    spec.status == "verified"
}

fn increment_digits(digits: &str) -> String {
    let value: u64 = digits.parse().unwrap_or(0);
    format!("{:0width$}", value + 1, width = digits.len())
}

/// An address on the demo domain built from a person's name, e.g. `agus.setiawan37@demo.jembatan.id`.
fn personal_email(full_name: &str, index: usize) -> String {
    let local: String = full_name
        .to_lowercase()
        .split_whitespace()
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(".");
    format!("{local}{}@{EMAIL_DOMAIN}", index % 100)
}

fn education_label(level: &str) -> &'static str {
    match level {
        "sd" => "SD",
        "smp" => "SMP",
        "sma" => "SMA/SMK",
        "smk" => "SMK",
        "d3" => "D3",
        "s1" => "S1",
        _ => "sederajat",
    }
}

/// The vacancy text: who, what, where and the requirements. Written so the discrimination check finds nothing
/// in it (no age, looks, marital status, sex or religion); special vacancies append their flagged sentence.
fn vacancy_description(
    employer: &EmployerSpec,
    template: &VacancyTemplate,
    location: &str,
    schemes: &[&str],
) -> String {
    let mut text = format!(
        "{} membuka lowongan {} untuk penempatan di {location}. Tugas utama: {}.",
        employer.name, template.title, template.duties
    );
    let mut requirements = Vec::new();
    match (template.min_education, template.major) {
        (Some(level), Some(major)) => requirements.push(format!(
            "pendidikan minimal {} jurusan {major}",
            education_label(level)
        )),
        (Some(level), None) => {
            requirements.push(format!("pendidikan minimal {}", education_label(level)))
        }
        _ => requirements.push("tidak ada syarat pendidikan formal".to_string()),
    }
    if template.experience_months > 0 {
        requirements.push(format!(
            "pengalaman kerja di bidang yang sama minimal {} bulan",
            template.experience_months
        ));
    } else {
        requirements.push("lulusan baru dipersilakan melamar".to_string());
    }
    if !template.licences.is_empty() {
        let licences: Vec<String> = template
            .licences
            .iter()
            .map(|licence| licence.replace('_', " ").to_uppercase())
            .collect();
        requirements.push(format!("memiliki SIM {}", licences.join(", ")));
    }
    if !schemes.is_empty() {
        requirements.push(format!(
            "sertifikat kompetensi BNSP skema {} diutamakan",
            schemes.join(" atau ")
        ));
    }
    text.push_str(&format!(" Persyaratan: {}.", requirements.join("; ")));
    text
}

/// The discrimination flags of a special vacancy's appended sentence, in the shape the domain check stores.
fn flags_for(description: &str, extra: &str, sex: bool) -> serde_json::Value {
    let start = description.rfind(extra).unwrap_or(0);
    let (kind, matched) = if sex {
        ("sex", "Khusus perempuan")
    } else if extra.starts_with("Usia") {
        ("age_limit", extra.trim_end_matches('.'))
    } else {
        ("appearance", extra.trim_end_matches('.'))
    };
    let offset = extra.find(matched).unwrap_or(0);
    json!([{
        "kind": kind,
        "field": "description",
        "matched_text": matched,
        "start": start + offset,
        "end": start + offset + matched.len(),
    }])
}

fn rejection_label(reason: Option<&str>) -> &'static str {
    match reason {
        Some("competency_mismatch") => "Kompetensi belum sesuai kebutuhan",
        Some("education_mismatch") => "Pendidikan belum sesuai persyaratan",
        Some("experience_insufficient") => "Pengalaman kerja belum mencukupi",
        Some("failed_test") => "Tidak lulus tes praktik",
        Some("failed_interview") => "Tidak lolos wawancara",
        Some("position_filled") => "Posisi sudah terisi",
        Some("no_show") => "Tidak hadir saat jadwal wawancara",
        Some("offer_declined") => "Pelamar menolak penawaran kerja",
        _ => "Tidak dilanjutkan",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::LazyLock;

    use jembatan_domain::discrimination::check_vacancy_text;
    use jembatan_domain::vocab::Sex;
    use secrecy::SecretString;

    use super::*;
    use crate::seed::catalog::{SCHEMES, TEMPLATES};
    use crate::seed::reference::{INDUSTRIES, OCCUPATIONS, VOCATIONS};

    const PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$test";

    fn protector() -> NikProtector {
        NikProtector::new(Some(&SecretString::from("seed tests, a key long enough")))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).expect("a date")
    }

    fn demo(seed: u64, today: NaiveDate, seekers: usize) -> DemoData {
        generate(
            &DemoOptions {
                seed,
                today,
                seekers,
            },
            &protector(),
            PASSWORD_HASH,
        )
        .expect("the demo generates")
    }

    /// The full-size default demo, generated once for the invariant tests.
    static FULL: LazyLock<DemoData> =
        LazyLock::new(|| demo(DemoOptions::DEFAULT_SEED, today(), 2000));

    /// End of the day before `today`, in UTC: nothing the demo records may be later.
    fn latest_allowed() -> DateTime<Utc> {
        Clock { today: today() }.time(Moment::at(0, 0, 0))
    }

    #[test]
    fn the_same_seed_and_day_give_identical_data() {
        assert_eq!(demo(11, today(), 300), demo(11, today(), 300));
    }

    #[test]
    fn another_seed_gives_other_people_and_other_ids() {
        let first = demo(11, today(), 300);
        let second = demo(12, today(), 300);
        assert_ne!(first.seekers[0].id, second.seekers[0].id);
        let names = |data: &DemoData| {
            data.seekers
                .iter()
                .map(|row| row.full_name.clone())
                .collect::<Vec<_>>()
        };
        assert_ne!(names(&first), names(&second));
    }

    #[test]
    fn a_later_day_shifts_dates_but_keeps_every_key_so_a_second_run_inserts_nothing() {
        let earlier = demo(11, today(), 400);
        let later = demo(11, today() + TimeDelta::days(37), 400);
        let ids = |data: &DemoData| -> Vec<Vec<Uuid>> {
            vec![
                data.staff_users
                    .iter()
                    .chain(&data.users)
                    .map(|row| row.id)
                    .collect(),
                data.employers.iter().map(|row| row.id).collect(),
                data.seekers.iter().map(|row| row.id).collect(),
                data.work_experiences.iter().map(|row| row.id).collect(),
                data.cohorts.iter().map(|row| row.id).collect(),
                data.enrolments.iter().map(|row| row.id).collect(),
                data.certificates.iter().map(|row| row.id).collect(),
                data.seeker_competencies.iter().map(|row| row.id).collect(),
                data.vacancies.iter().map(|row| row.id).collect(),
                data.walk_in_sessions.iter().map(|row| row.id).collect(),
                data.applications.iter().map(|row| row.id).collect(),
                data.apprenticeships.iter().map(|row| row.id).collect(),
                data.apprenticeship_progress_reports
                    .iter()
                    .map(|row| row.id)
                    .collect(),
                data.placements.iter().map(|row| row.id).collect(),
                data.placement_followups.iter().map(|row| row.id).collect(),
                data.agreement_commitments
                    .iter()
                    .map(|row| row.id)
                    .collect(),
            ]
        };
        assert_eq!(ids(&earlier), ids(&later));
        assert_ne!(
            earlier.seekers[0].registered_on,
            later.seekers[0].registered_on
        );
        let user_emails = |data: &DemoData| {
            data.users
                .iter()
                .map(|row| row.email.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(user_emails(&earlier), user_emails(&later));
        let nibs = |data: &DemoData| {
            data.employers
                .iter()
                .map(|row| row.nib.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(nibs(&earlier), nibs(&later));
    }

    #[test]
    fn every_nik_parses_is_from_east_kalimantan_and_encodes_the_sex_and_birth_date() {
        let protector = protector();
        let mut hashes = HashSet::new();
        let mut outside_balikpapan = 0;
        for seeker in &FULL.seekers {
            let ciphertext = seeker.nik_ciphertext.as_deref().expect("a nik");
            let nik = protector.reveal(ciphertext).expect("decrypts and parses");
            assert_eq!(nik.province_code(), "64");
            if !nik.region_code().starts_with("6471") {
                outside_balikpapan += 1;
            }
            let expected_sex = if seeker.sex == "P" {
                Sex::Female
            } else {
                Sex::Male
            };
            assert_eq!(nik.embedded_sex(), expected_sex);
            let birth_date = seeker.birth_date.expect("a birth date");
            assert_eq!(nik.embedded_birth_date(today()), birth_date);
            assert!(nik.check_against(birth_date, expected_sex).is_empty());
            assert_eq!(seeker.nik_masked.as_deref(), Some(nik.masked().as_str()));
            assert!(
                hashes.insert(seeker.nik_hash.clone().expect("a hash")),
                "duplicate nik"
            );
        }
        assert!(
            outside_balikpapan > 100 && outside_balikpapan < 800,
            "{outside_balikpapan} issued elsewhere"
        );
    }

    #[test]
    fn seekers_are_adults_under_46_and_their_cards_follow_the_rules() {
        let mut numbers = HashSet::new();
        let mut statuses: HashMap<&str, usize> = HashMap::new();
        for seeker in &FULL.seekers {
            let birth_date = seeker.birth_date.expect("a birth date");
            let age = today().years_since(birth_date).expect("born in the past");
            assert!((18..=45).contains(&age), "age {age}");
            assert!(
                seeker
                    .registered_on
                    .years_since(birth_date)
                    .expect("born before registering")
                    >= 18
            );
            assert_eq!(i32::from(seeker.birth_year), birth_date.year());
            assert!(seeker.valid_until > seeker.registered_on);
            assert!(seeker.last_reported_on >= seeker.registered_on);
            assert!(seeker.next_report_due_on > seeker.last_reported_on);
            assert!(seeker.status != "removed" || seeker.removed_reason.is_some());
            assert!(!seeker.wants_reserved_openings || seeker.has_disability);
            assert_eq!(
                seeker.status == "expired",
                seeker.valid_until < today(),
                "{}",
                seeker.status
            );
            assert!(seeker.phone.as_deref().is_none_or(is_phone));
            assert!(
                seeker
                    .email
                    .as_deref()
                    .is_none_or(|email| email.ends_with(EMAIL_DOMAIN))
            );
            assert!(numbers.insert(seeker.registration_number.clone()));
            assert!(
                seeker
                    .registration_number
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "./-".contains(c))
            );
            *statuses.entry(seeker.status).or_default() += 1;
        }
        let share =
            |status: &str| statuses.get(status).copied().unwrap_or(0) * 100 / FULL.seekers.len();
        assert!(share("active") >= 60, "{statuses:?}");
        assert!(
            share("placed") >= 5 && share("removed") >= 2 && share("expired") >= 2,
            "{statuses:?}"
        );
        let women = FULL
            .seekers
            .iter()
            .filter(|seeker| seeker.sex == "P")
            .count()
            * 100
            / FULL.seekers.len();
        assert!((30..55).contains(&women), "{women}% women");
        let upper_secondary = FULL
            .seekers
            .iter()
            .filter(|seeker| matches!(seeker.education_level, "sma" | "smk"))
            .count();
        assert!(
            upper_secondary * 2 > FULL.seekers.len(),
            "SMA/SMK should dominate"
        );
    }

    #[test]
    fn seeker_history_starts_at_registration_and_ends_at_the_current_status() {
        let mut by_seeker: HashMap<Uuid, Vec<&SeekerStatusChangeRow>> = HashMap::new();
        for change in &FULL.seeker_status_changes {
            by_seeker.entry(change.seeker_id).or_default().push(change);
        }
        for seeker in &FULL.seekers {
            let history = &by_seeker[&seeker.id];
            assert_eq!(history[0].from_status, None);
            assert_eq!(history[0].to_status, "active");
            assert_eq!(history[history.len() - 1].to_status, seeker.status);
            assert_eq!(history[history.len() - 1].at, seeker.status_changed_at);
            for pair in history.windows(2) {
                assert_eq!(pair[1].from_status, Some(pair[0].to_status));
                assert!(pair[1].at >= pair[0].at);
            }
        }
    }

    #[test]
    fn vacancies_satisfy_the_lifecycle_checks_and_their_history_ends_at_their_status() {
        let placements_per_vacancy = FULL
            .placements
            .iter()
            .filter_map(|row| row.vacancy_id)
            .fold(HashMap::<Uuid, i32>::new(), |mut counts, id| {
                *counts.entry(id).or_default() += 1;
                counts
            });
        let mut history: HashMap<Uuid, Vec<&VacancyStatusChangeRow>> = HashMap::new();
        for change in &FULL.vacancy_status_changes {
            history.entry(change.vacancy_id).or_default().push(change);
        }
        let mut statuses: HashMap<&str, usize> = HashMap::new();
        for vacancy in &FULL.vacancies {
            *statuses.entry(vacancy.status).or_default() += 1;
            let status = vacancy.status;
            assert!(vacancy.headcount > 0 && vacancy.filled_count <= vacancy.headcount);
            assert_eq!(
                vacancy.filled_count,
                placements_per_vacancy
                    .get(&vacancy.id)
                    .copied()
                    .unwrap_or(0)
            );
            assert!(vacancy.valid_until >= vacancy.valid_from);
            assert!(vacancy.region_code.is_some() != vacancy.outside_city_location.is_some());
            assert!(vacancy.reserved_disability_openings <= vacancy.headcount);
            assert!(
                vacancy
                    .wage_max_rupiah
                    .is_none_or(|max| max >= vacancy.wage_min_rupiah)
            );
            if vacancy.wage_period == "bulanan"
                && !matches!(vacancy.employment_type, "magang" | "paruh_waktu")
            {
                assert!(
                    vacancy.wage_min_rupiah >= UMK_MONTHLY,
                    "{} pays below the UMK",
                    vacancy.title
                );
            }
            let flagged = vacancy.discrimination_flags != json!([]);
            assert!(
                matches!(status, "draft" | "closed")
                    || !flagged
                    || vacancy.flags_justification.is_some()
            );
            assert!(
                !matches!(
                    status,
                    "reported" | "verified" | "open" | "filled" | "expired"
                ) || vacancy.reported_at.is_some()
            );
            assert!(
                !matches!(status, "verified" | "open" | "filled" | "expired")
                    || vacancy.verified_by.is_some()
            );
            assert!(!matches!(status, "open" | "filled") || vacancy.published_at.is_some());
            assert_eq!(status == "filled", vacancy.filled_at.is_some());
            assert_eq!(
                status == "closed",
                vacancy.closed_at.is_some() && vacancy.closed_reason.is_some()
            );
            assert_eq!(status == "expired", vacancy.expired_at.is_some());
            if status == "open" {
                assert!(
                    vacancy.valid_until >= today(),
                    "an open vacancy past its validity would have expired"
                );
            }
            let changes = &history[&vacancy.id];
            assert_eq!(
                (changes[0].from_status, changes[0].to_status),
                (None, "draft")
            );
            assert_eq!(
                changes[changes.len() - 1].to_status,
                status,
                "{vacancy:#?} {changes:#?}"
            );
            for pair in changes.windows(2) {
                assert_eq!(pair[1].from_status, Some(pair[0].to_status));
                assert!(
                    pair[1].at >= pair[0].at,
                    "history out of order for {}",
                    vacancy.title
                );
                assert!(
                    allowed_vacancy_move(pair[0].to_status, pair[1].to_status),
                    "{:?} -> {}",
                    pair[1].from_status,
                    pair[1].to_status
                );
            }
            assert!(
                changes
                    .iter()
                    .all(|change| change.filled_count <= change.headcount)
            );
        }
        assert_eq!(FULL.vacancies.len(), VACANCY_COUNT);
        for status in [
            "draft", "reported", "verified", "open", "filled", "closed", "expired",
        ] {
            assert!(
                statuses.get(status).copied().unwrap_or(0) > 0,
                "no {status} vacancy: {statuses:?}"
            );
        }
        assert!(statuses["open"] > 50, "{statuses:?}");
    }

    fn allowed_vacancy_move(from: &str, to: &str) -> bool {
        matches!(
            (from, to),
            ("draft", "reported")
                | ("reported", "verified" | "draft")
                | ("verified", "open")
                | ("open", "filled")
                | ("draft" | "reported" | "verified" | "open", "closed")
                | ("verified" | "open", "expired")
        )
    }

    #[test]
    fn stored_discrimination_flags_are_exactly_what_the_domain_check_finds() {
        for vacancy in &FULL.vacancies {
            let found =
                serde_json::to_value(check_vacancy_text(&vacancy.title, &vacancy.description, ""))
                    .expect("json");
            assert_eq!(
                found, vacancy.discrimination_flags,
                "{}: {}",
                vacancy.title, vacancy.description
            );
        }
        let flagged = FULL
            .vacancies
            .iter()
            .filter(|vacancy| vacancy.discrimination_flags != json!([]))
            .count();
        assert_eq!(flagged, 3);
        assert!(
            FULL.vacancies
                .iter()
                .any(|vacancy| vacancy.sex_requirement == Some("P") && vacancy.status == "open")
        );
    }

    #[test]
    fn applications_follow_the_pipeline_and_every_hire_is_a_placement() {
        let mut pairs = HashSet::new();
        let mut history: HashMap<Uuid, Vec<&ApplicationStageChangeRow>> = HashMap::new();
        for change in &FULL.application_stage_changes {
            history
                .entry(change.application_id)
                .or_default()
                .push(change);
        }
        let placed_applications: HashSet<Uuid> = FULL
            .placements
            .iter()
            .filter_map(|row| row.application_id)
            .collect();
        let mut stages: HashMap<&str, usize> = HashMap::new();
        for application in &FULL.applications {
            *stages.entry(application.stage).or_default() += 1;
            assert!(
                pairs.insert((application.vacancy_id, application.seeker_id)),
                "applied twice"
            );
            assert!(application.stage != "invited" || application.origin == "invited");
            assert_eq!(
                application.origin == "invited",
                application.invited_by.is_some()
            );
            assert!(
                application.applied_at.is_some()
                    || (application.origin == "invited"
                        && matches!(application.stage, "invited" | "rejected" | "withdrawn"))
            );
            assert_eq!(
                application.stage == "rejected",
                application.rejection_reason.is_some()
            );
            assert!(
                application.rejection_reason != Some("other")
                    || application.rejection_note.is_some()
            );
            assert_eq!(
                application.stage == "hired",
                placed_applications.contains(&application.id)
            );
            let changes = &history[&application.id];
            assert_eq!(changes[0].from_stage, None);
            assert_eq!(changes[0].to_stage, application.origin);
            assert_eq!(changes[changes.len() - 1].to_stage, application.stage);
            assert_eq!(changes[changes.len() - 1].at, application.stage_changed_at);
            for pair in changes.windows(2) {
                assert_eq!(pair[1].from_stage, Some(pair[0].to_stage));
                assert_ne!(pair[1].from_stage, Some(pair[1].to_stage));
                assert!(pair[1].at >= pair[0].at);
            }
        }
        assert!(
            FULL.applications.len() > 1000,
            "{} applications",
            FULL.applications.len()
        );
        for stage in [
            "invited",
            "applied",
            "screening",
            "interview",
            "offer",
            "hired",
            "rejected",
            "withdrawn",
        ] {
            assert!(
                stages.get(stage).copied().unwrap_or(0) > 0,
                "no {stage}: {stages:?}"
            );
        }
    }

    #[test]
    fn placements_satisfy_the_channel_rules_and_fall_in_the_last_twelve_months() {
        let seekers: HashMap<Uuid, &SeekerRow> =
            FULL.seekers.iter().map(|row| (row.id, row)).collect();
        let mut placed = HashSet::new();
        let mut channels: HashMap<&str, usize> = HashMap::new();
        for placement in &FULL.placements {
            *channels.entry(placement.channel).or_default() += 1;
            assert_eq!(
                placement.channel == "jembatan",
                placement.application_id.is_some()
            );
            assert_eq!(
                placement.channel == "apprenticeship_hire",
                placement.apprenticeship_id.is_some()
            );
            assert!(
                placement.application_id.is_some()
                    || placement.apprenticeship_id.is_some()
                    || placement.evidence.is_some()
            );
            assert!(placement.vacancy_id.is_none() || placement.employer_id.is_some());
            assert_eq!(
                placement.wage_rupiah.is_some(),
                placement.wage_period.is_some()
            );
            assert_eq!(placement.report_month.day(), 1);
            assert_eq!(first_of_month(placement.start_date), placement.report_month);
            assert!(
                placement.start_date <= today()
                    && placement.start_date > today() - TimeDelta::days(366)
            );
            assert!(placed.insert(placement.seeker_id), "placed twice");
            let seeker = seekers[&placement.seeker_id];
            assert_eq!(seeker.status, "placed");
            assert!(seeker.registered_on <= placement.start_date);
        }
        assert_eq!(
            placed.len(),
            FULL.seekers
                .iter()
                .filter(|seeker| seeker.status == "placed")
                .count()
        );
        for channel in [
            "jembatan",
            "job_fair",
            "blk_referral",
            "direct",
            "counter",
            "apprenticeship_hire",
        ] {
            assert!(
                channels.get(channel).copied().unwrap_or(0) > 0,
                "no {channel}: {channels:?}"
            );
        }
        let months: BTreeSet<NaiveDate> =
            FULL.placements.iter().map(|row| row.report_month).collect();
        assert!(
            months.len() >= 12,
            "placements in only {} months",
            months.len()
        );
    }

    #[test]
    fn every_placement_has_three_followups_recorded_only_when_due() {
        let placements: HashMap<Uuid, &PlacementRow> =
            FULL.placements.iter().map(|row| (row.id, row)).collect();
        let mut per_placement: HashMap<Uuid, Vec<i16>> = HashMap::new();
        let mut recorded = 0;
        for followup in &FULL.placement_followups {
            per_placement
                .entry(followup.placement_id)
                .or_default()
                .push(followup.offset_months);
            let placement = placements[&followup.placement_id];
            assert_eq!(
                followup.due_on,
                add_months(placement.start_date, followup.offset_months as u32)
            );
            assert_eq!(followup.outcome.is_none(), followup.recorded_by.is_none());
            assert_eq!(followup.outcome.is_none(), followup.recorded_at.is_none());
            assert_eq!(followup.outcome == Some("left"), followup.left_on.is_some());
            if followup.outcome.is_some() {
                recorded += 1;
                assert!(followup.due_on < today());
                assert!(
                    followup
                        .recorded_at
                        .is_some_and(|at| at <= latest_allowed())
                );
            }
            if let Some(left_on) = followup.left_on {
                assert!(left_on >= placement.start_date && left_on <= followup.due_on);
            }
        }
        assert!(recorded > 100, "{recorded} follow-ups recorded");
        assert!(
            per_placement
                .values()
                .all(|offsets| offsets == &vec![3, 6, 12])
        );
        assert_eq!(per_placement.len(), FULL.placements.len());
    }

    #[test]
    fn cohorts_never_accept_more_than_their_quota_and_enrolments_follow_selection() {
        let mut per_cohort: HashMap<Uuid, Vec<&EnrolmentRow>> = HashMap::new();
        for enrolment in &FULL.enrolments {
            per_cohort
                .entry(enrolment.cohort_id)
                .or_default()
                .push(enrolment);
            assert_eq!(
                matches!(
                    enrolment.status,
                    "graduated_competent" | "graduated_not_competent"
                ),
                enrolment.graduated_on.is_some()
            );
        }
        let mut statuses = HashSet::new();
        for cohort in &FULL.cohorts {
            statuses.insert(cohort.status);
            assert!(cohort.registration_opens_on <= cohort.registration_closes_on);
            assert!(
                cohort.registration_closes_on < cohort.starts_on
                    && cohort.starts_on <= cohort.ends_on
            );
            let enrolments = per_cohort.get(&cohort.id).cloned().unwrap_or_default();
            let accepted = enrolments
                .iter()
                .filter(|row| {
                    matches!(
                        row.status,
                        "accepted" | "active" | "graduated_competent" | "graduated_not_competent"
                    )
                })
                .count() as i32;
            assert_eq!(cohort.accepted_count, accepted);
            assert!(accepted <= cohort.quota);
            assert!(cohort.status != "cancelled" || cohort.cancelled_reason.is_some());
        }
        for status in [
            "planned",
            "registration_open",
            "selection",
            "running",
            "completed",
            "cancelled",
        ] {
            assert!(statuses.contains(status), "no {status} cohort");
        }
        let excavator = FULL
            .training_programmes
            .iter()
            .find(|row| row.vocation_code == "alat_berat")
            .expect("excavator course");
        let oversubscribed = FULL
            .cohorts
            .iter()
            .filter(|cohort| cohort.programme_id == excavator.id && cohort.status == "completed")
            .any(|cohort| per_cohort[&cohort.id].len() as i32 > 3 * cohort.quota);
        assert!(
            oversubscribed,
            "the excavator course should draw several applicants per seat"
        );
        let mut history: HashMap<Uuid, Vec<&EnrolmentStatusChangeRow>> = HashMap::new();
        for change in &FULL.enrolment_status_changes {
            history.entry(change.enrolment_id).or_default().push(change);
        }
        for enrolment in &FULL.enrolments {
            let changes = &history[&enrolment.id];
            assert_eq!(
                (changes[0].from_status, changes[0].to_status),
                (None, "registered")
            );
            assert_eq!(changes[changes.len() - 1].to_status, enrolment.status);
            for pair in changes.windows(2) {
                assert_eq!(pair[1].from_status, Some(pair[0].to_status));
                assert!(pair[1].at >= pair[0].at);
            }
        }
    }

    #[test]
    fn competency_evidence_points_at_its_own_source() {
        let enrolment_owner: HashMap<Uuid, Uuid> = FULL
            .enrolments
            .iter()
            .map(|row| (row.id, row.seeker_id))
            .collect();
        let certificate_owner: HashMap<Uuid, Uuid> = FULL
            .certificates
            .iter()
            .map(|row| (row.id, row.seeker_id))
            .collect();
        let certificate_units: HashSet<(Uuid, &str)> = FULL
            .certificate_units
            .iter()
            .map(|row| (row.certificate_id, row.unit_code))
            .collect();
        let mut declared = HashSet::new();
        let mut levels: HashMap<&str, usize> = HashMap::new();
        for evidence in &FULL.seeker_competencies {
            *levels.entry(evidence.evidence_level).or_default() += 1;
            match evidence.evidence_level {
                "declared" => {
                    assert!(
                        evidence.certificate_id.is_none()
                            && evidence.enrolment_id.is_none()
                            && evidence.training_provider_id.is_none()
                    );
                    assert!(declared.insert((evidence.seeker_id, evidence.unit_code)));
                }
                "trained" => {
                    assert!(
                        evidence.certificate_id.is_none()
                            && evidence.training_provider_id.is_some()
                    );
                    let enrolment = evidence.enrolment_id.expect("from a cohort");
                    assert_eq!(enrolment_owner[&enrolment], evidence.seeker_id);
                }
                _ => {
                    let certificate = evidence.certificate_id.expect("a certificate");
                    assert!(
                        evidence.enrolment_id.is_none() && evidence.training_provider_id.is_none()
                    );
                    assert_eq!(certificate_owner[&certificate], evidence.seeker_id);
                    assert!(certificate_units.contains(&(certificate, evidence.unit_code)));
                }
            }
        }
        assert!(
            levels["declared"] > 1000 && levels["trained"] > 500 && levels["certified"] > 200,
            "{levels:?}"
        );
        let mut numbers = HashSet::new();
        for certificate in &FULL.certificates {
            assert!(numbers.insert((certificate.issuer, certificate.certificate_number.clone())));
            assert_eq!(
                certificate.status == "revoked",
                certificate.revoked_at.is_some()
            );
            assert_eq!(
                certificate.verified_at.is_some(),
                certificate.verified_by.is_some()
            );
        }
        assert!(FULL.certificates.iter().any(|row| row.status == "revoked"));
        assert!(
            FULL.certificates
                .iter()
                .any(|row| row.valid_until.is_some_and(|until| until < today())),
            "some expired"
        );
    }

    #[test]
    fn apprenticeships_and_the_agreement_satisfy_their_checks() {
        let parties: HashSet<(Uuid, Uuid)> = FULL
            .agreement_parties
            .iter()
            .map(|row| (row.agreement_id, row.employer_id))
            .collect();
        for commitment in &FULL.agreement_commitments {
            assert!(
                commitment.period_end >= commitment.period_start && commitment.target_quantity > 0
            );
            if let Some(employer) = commitment.employer_id {
                assert!(parties.contains(&(commitment.agreement_id, employer)));
            }
        }
        assert_eq!(FULL.agreements.len(), 1);
        let mut active = HashSet::new();
        for apprenticeship in &FULL.apprenticeships {
            assert!(
                apprenticeship.agreement_date <= apprenticeship.starts_on
                    && apprenticeship.starts_on <= apprenticeship.ends_on
            );
            assert_eq!(
                apprenticeship.status == "active",
                apprenticeship.ended_on.is_none()
            );
            assert!(
                apprenticeship.status == "completed" || apprenticeship.certificate_number.is_none()
            );
            assert!(apprenticeship.status != "active" || apprenticeship.hired_by_host.is_none());
            assert!(
                apprenticeship.status != "discontinued"
                    || apprenticeship.discontinued_reason.is_some()
            );
            if apprenticeship.status == "active" {
                assert!(active.insert(apprenticeship.seeker_id));
            }
        }
        let statuses: HashSet<&str> = FULL.apprenticeships.iter().map(|row| row.status).collect();
        assert_eq!(statuses.len(), 3, "{statuses:?}");
        let mut months = HashSet::new();
        for report in &FULL.apprenticeship_progress_reports {
            assert_eq!(report.period_month.day(), 1);
            assert!(months.insert((report.apprenticeship_id, report.period_month)));
            assert!(report.submitted_at <= latest_allowed());
        }
    }

    #[test]
    fn every_code_the_demo_uses_is_in_the_reference_data() {
        let units: HashSet<&str> = UNITS.iter().map(|unit| unit.code).collect();
        let occupations: HashSet<&str> = OCCUPATIONS.iter().map(|row| row.0).collect();
        let industries: HashSet<&str> = INDUSTRIES.iter().map(|row| row.0).collect();
        let vocations: HashSet<&str> = VOCATIONS.iter().map(|row| row.0).collect();
        let regions: HashSet<&str> = KECAMATAN.iter().map(|row| row.0).chain([CITY.0]).collect();
        for template in TEMPLATES {
            assert!(occupations.contains(template.kbji), "{}", template.kbji);
            assert!(vocations.contains(template.vocation));
            for unit in template
                .required
                .iter()
                .chain(template.optional)
                .chain(template.certified)
            {
                assert!(
                    units.contains(unit),
                    "{} uses unknown unit {unit}",
                    template.key
                );
            }
            assert!(
                template
                    .certified
                    .iter()
                    .all(|unit| template.required.contains(unit))
            );
        }
        for employer in EMPLOYERS {
            assert!(industries.contains(employer.kbli), "{}", employer.kbli);
            assert!(
                employer
                    .region
                    .is_none_or(|region| regions.contains(region))
            );
            for key in employer.templates {
                assert!(
                    TEMPLATES.iter().any(|template| template.key == *key),
                    "{} posts unknown {key}",
                    employer.name
                );
            }
        }
        for special in SPECIAL_VACANCIES {
            assert!(
                EMPLOYERS
                    .iter()
                    .any(|employer| employer.name == special.employer)
            );
            assert!(
                TEMPLATES
                    .iter()
                    .any(|template| template.key == special.template)
            );
        }
        for programme in PROGRAMMES {
            assert!(occupations.contains(programme.kbji) && vocations.contains(programme.vocation));
            assert!(programme.units.iter().all(|unit| units.contains(unit)));
            if let Some(scheme) = programme.scheme {
                assert_eq!(
                    SCHEMES[scheme].vocation, programme.vocation,
                    "{}",
                    programme.name
                );
            }
        }
        for scheme in SCHEMES {
            assert!(
                scheme.units.iter().all(|unit| units.contains(unit)),
                "{}",
                scheme.scheme
            );
        }
        for profile in VOCATION_PROFILES {
            assert!(
                profile
                    .occupations
                    .iter()
                    .all(|code| occupations.contains(code))
            );
            assert!(
                profile
                    .past_jobs
                    .iter()
                    .all(|(_, code)| occupations.contains(code))
            );
        }
        for (_, kbli) in OTHER_EMPLOYERS {
            assert!(industries.contains(kbli));
        }
    }

    #[test]
    fn nothing_is_recorded_after_today_and_accounts_are_unique() {
        let latest = latest_allowed();
        assert!(FULL.seekers.iter().all(|row| row.created_at <= latest
            && row.updated_at <= latest
            && row.status_changed_at <= latest));
        assert!(
            FULL.vacancies
                .iter()
                .all(|row| row.created_at <= latest && row.updated_at <= latest)
        );
        assert!(
            FULL.vacancy_status_changes
                .iter()
                .all(|row| row.at <= latest)
        );
        assert!(
            FULL.application_stage_changes
                .iter()
                .all(|row| row.at <= latest)
        );
        assert!(
            FULL.enrolment_status_changes
                .iter()
                .all(|row| row.at <= latest)
        );
        assert!(
            FULL.seeker_status_changes
                .iter()
                .all(|row| row.at <= latest)
        );
        assert!(FULL.placements.iter().all(|row| row.created_at <= latest));
        assert!(
            FULL.certificates
                .iter()
                .all(|row| row.created_at <= latest && row.updated_at <= latest)
        );
        assert!(
            FULL.staff_users
                .iter()
                .chain(&FULL.users)
                .all(|row| row.created_at <= latest)
        );
        let emails: HashSet<String> = FULL
            .staff_users
            .iter()
            .chain(&FULL.users)
            .filter_map(|row| row.email.clone())
            .map(|email| email.to_lowercase())
            .collect();
        assert_eq!(emails.len(), FULL.staff_users.len() + FULL.users.len());
        for role in ["admin", "officer", "employer", "blk", "seeker"] {
            assert!(
                FULL.staff_users
                    .iter()
                    .chain(&FULL.users)
                    .any(|row| row.role == role),
                "no {role} account"
            );
        }
        assert_eq!(
            FULL.users.iter().filter(|row| row.role == "seeker").count(),
            SEEKER_USERS
        );
        let nibs: HashSet<&str> = FULL.employers.iter().map(|row| row.nib.as_str()).collect();
        assert_eq!(nibs.len(), FULL.employers.len());
        assert!(
            FULL.employers
                .iter()
                .all(|row| row.nib.len() == 13 && row.nib.bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(
            FULL.employers
                .iter()
                .all(|row| is_phone(&row.contact_phone))
        );
        assert!(FULL.employers.iter().all(|row| {
            row.npwp
                .as_deref()
                .is_some_and(|npwp| matches!(npwp.len(), 15 | 16))
        }));
    }

    fn is_phone(phone: &str) -> bool {
        phone.strip_prefix("+62").is_some_and(|rest| {
            (8..=13).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
    }
}
