//! Training (BLK): cohort lifecycle, enrolment selection, the quota rule, the registration
//! window, and the "trained" evidence that graduating competent records.
//!
//! Enrolment (docs/data-model.md): `registered → passed_administration → passed_test → accepted
//! → active → graduated_competent | graduated_not_competent`; any non-final status `→ withdrawn`
//! (seeker or BLK); any selection status (`registered`, `passed_administration`, `passed_test`)
//! `→ not_selected` (BLK). Acceptance never exceeds the cohort quota. Labour-office officers may
//! make every move BLK staff may (they run the city's own UPTD BLK and correct mistakes).
//!
//! Cohort (not spelled out in the data model; this is the reading used here): `planned →
//! registration_open → selection → running → completed`, and any non-final `→ cancelled`, all
//! by BLK staff or officers.

use chrono::NaiveDate;

use crate::codes::CompetencyUnitCode;
use crate::error::Localised;
use crate::evidence::{EvidenceItem, EvidenceSource};
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::vocab::{CohortStatus, EnrolmentStatus, vocabulary};

vocabulary! {
    /// One step of a cohort's selection (`cohorts.selection_steps`, in order).
    SelectionStep, "selection step", "tahap seleksi" {
        /// Document check.
        Administration = "administration", "Seleksi administrasi", "Administration";
        /// Written test.
        WrittenTest = "written_test", "Tes tertulis", "Written test";
        /// Interview.
        Interview = "interview", "Wawancara", "Interview";
    }
}

impl EnrolmentStatus {
    /// Still in selection: `registered`, `passed_administration`, `passed_test`.
    pub const fn is_selection(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::Registered
                | EnrolmentStatus::PassedAdministration
                | EnrolmentStatus::PassedTest
        )
    }

    /// Holds one of the cohort's seats: accepted, in training or graduated.
    pub const fn occupies_seat(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::Accepted
                | EnrolmentStatus::Active
                | EnrolmentStatus::GraduatedCompetent
                | EnrolmentStatus::GraduatedNotCompetent
        )
    }
}

impl Lifecycle for EnrolmentStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "enrolment",
        id: "Pendaftaran pelatihan",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[EnrolmentStatus::Registered]
    }

    fn is_final(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::GraduatedCompetent
                | EnrolmentStatus::GraduatedNotCompetent
                | EnrolmentStatus::Withdrawn
                | EnrolmentStatus::NotSelected
        )
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use EnrolmentStatus::*;
        match (self, to) {
            (Registered, PassedAdministration)
            | (PassedAdministration, PassedTest)
            | (PassedTest, Accepted)
            | (Accepted, Active)
            | (Active, GraduatedCompetent)
            | (Active, GraduatedNotCompetent) => &[Actor::Blk, Actor::Officer],
            (_, Withdrawn) => &[Actor::Seeker, Actor::Blk, Actor::Officer],
            (from, NotSelected) if from.is_selection() => &[Actor::Blk, Actor::Officer],
            _ => &[],
        }
    }
}

impl Lifecycle for CohortStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "cohort",
        id: "Angkatan pelatihan",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[CohortStatus::Planned]
    }

    fn is_final(self) -> bool {
        matches!(self, CohortStatus::Completed | CohortStatus::Cancelled)
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use CohortStatus::*;
        match (self, to) {
            (Planned, RegistrationOpen)
            | (RegistrationOpen, Selection)
            | (Selection, Running)
            | (Running, Completed)
            | (_, Cancelled) => &[Actor::Blk, Actor::Officer],
            _ => &[],
        }
    }
}

/// A broken training rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrainingError {
    /// Every seat is taken.
    #[error("cohort is full: {taken} of {quota} seats taken")]
    CohortFull {
        /// Seats taken.
        taken: u32,
        /// The quota.
        quota: u32,
    },
    /// A quota of zero.
    #[error("cohort quota must be at least 1")]
    QuotaZero,
    /// Registration dates out of order.
    #[error("registration must open before it closes, and close before training starts")]
    RegistrationOrder,
    /// Training ends before it starts.
    #[error("training must not end before it starts")]
    TrainingOrder,
    /// Applying outside the registration window or status.
    #[error("cohort is not taking registrations")]
    RegistrationClosed,
}

impl Localised for TrainingError {
    fn code(&self) -> &'static str {
        match self {
            TrainingError::CohortFull { .. } => "cohort_full",
            TrainingError::QuotaZero => "cohort_quota_zero",
            TrainingError::RegistrationOrder => "cohort_registration_order",
            TrainingError::TrainingOrder => "cohort_training_order",
            TrainingError::RegistrationClosed => "cohort_registration_closed",
        }
    }

    fn message_id(&self) -> String {
        match self {
            TrainingError::CohortFull { taken, quota } => {
                format!("Kuota angkatan sudah penuh: {taken} dari {quota} kursi terisi")
            }
            TrainingError::QuotaZero => "Kuota angkatan minimal 1 orang".to_string(),
            TrainingError::RegistrationOrder => {
                "Pendaftaran harus dibuka sebelum ditutup, dan ditutup sebelum pelatihan dimulai"
                    .to_string()
            }
            TrainingError::TrainingOrder => {
                "Tanggal selesai pelatihan tidak boleh sebelum tanggal mulai".to_string()
            }
            TrainingError::RegistrationClosed => {
                "Angkatan ini sedang tidak menerima pendaftaran".to_string()
            }
        }
    }
}

/// The quota rule: accepting one more trainee is possible only while `seats_taken < quota`
/// (count enrolments whose status [`EnrolmentStatus::occupies_seat`]). Run it in the transaction
/// that locks the cohort row, so concurrent acceptances cannot exceed the quota.
pub fn check_seat_available(quota: u32, seats_taken: u32) -> Result<(), TrainingError> {
    if seats_taken >= quota {
        return Err(TrainingError::CohortFull {
            taken: seats_taken,
            quota,
        });
    }
    Ok(())
}

/// A cohort's dates and quota, checked for order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortSchedule {
    quota: u32,
    registration_opens_on: NaiveDate,
    registration_closes_on: NaiveDate,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

impl CohortSchedule {
    /// Registration opens ≤ closes < training starts ≤ ends, and quota ≥ 1 (registration closes
    /// at least a day before training starts, as `cohorts_registration_window_check` requires).
    pub fn new(
        quota: u32,
        registration_opens_on: NaiveDate,
        registration_closes_on: NaiveDate,
        starts_on: NaiveDate,
        ends_on: NaiveDate,
    ) -> Result<CohortSchedule, TrainingError> {
        if quota == 0 {
            return Err(TrainingError::QuotaZero);
        }
        if registration_opens_on > registration_closes_on || registration_closes_on >= starts_on {
            return Err(TrainingError::RegistrationOrder);
        }
        if starts_on > ends_on {
            return Err(TrainingError::TrainingOrder);
        }
        Ok(CohortSchedule {
            quota,
            registration_opens_on,
            registration_closes_on,
            starts_on,
            ends_on,
        })
    }

    /// Seats.
    pub fn quota(&self) -> u32 {
        self.quota
    }
    /// First day of registration.
    pub fn registration_opens_on(&self) -> NaiveDate {
        self.registration_opens_on
    }
    /// Last day of registration.
    pub fn registration_closes_on(&self) -> NaiveDate {
        self.registration_closes_on
    }
    /// First day of training.
    pub fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }
    /// Last day of training.
    pub fn ends_on(&self) -> NaiveDate {
        self.ends_on
    }

    /// Whether a seeker may register today: the cohort is `registration_open` and today is in
    /// the window (both ends inclusive).
    pub fn check_registration_open(
        &self,
        status: CohortStatus,
        today: NaiveDate,
    ) -> Result<(), TrainingError> {
        let in_window = self.registration_opens_on <= today && today <= self.registration_closes_on;
        if status == CohortStatus::RegistrationOpen && in_window {
            Ok(())
        } else {
            Err(TrainingError::RegistrationClosed)
        }
    }
}

/// The evidence graduating records: "trained" for every unit the programme teaches, but only for
/// `graduated_competent`; any other status records nothing.
pub fn graduation_evidence(
    status: EnrolmentStatus,
    programme_units: &[CompetencyUnitCode],
) -> Vec<EvidenceItem> {
    if status != EnrolmentStatus::GraduatedCompetent {
        return Vec::new();
    }
    programme_units
        .iter()
        .map(|unit| EvidenceItem {
            unit: unit.clone(),
            source: EvidenceSource::Trained,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::machine_checks;
    use EnrolmentStatus::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn blk_staff_move_a_trainee_through_selection_to_graduation() {
        let mut status = Registered;
        for next in [
            PassedAdministration,
            PassedTest,
            Accepted,
            Active,
            GraduatedCompetent,
        ] {
            status = status.transition(next, Actor::Blk).unwrap();
        }
        assert_eq!(status, GraduatedCompetent);
    }

    #[test]
    fn selection_steps_cannot_be_skipped_or_done_by_the_seeker() {
        let error = Registered.transition(Accepted, Actor::Blk).unwrap_err();
        assert_eq!(
            error.to_string(),
            "enrolment cannot move from registered to accepted: not an allowed step"
        );
        assert!(PassedTest.transition(Accepted, Actor::Seeker).is_err());
        assert!(PassedTest.transition(Accepted, Actor::Employer).is_err());
    }

    #[test]
    fn officers_and_admins_may_make_every_blk_move() {
        assert_eq!(
            PassedTest.transition(Accepted, Actor::Officer),
            Ok(Accepted)
        );
        assert_eq!(
            Active.transition(GraduatedCompetent, Actor::Admin),
            Ok(GraduatedCompetent)
        );
        assert_eq!(
            CohortStatus::Planned.transition(CohortStatus::RegistrationOpen, Actor::Officer),
            Ok(CohortStatus::RegistrationOpen)
        );
        assert!(
            CohortStatus::Planned
                .transition(CohortStatus::RegistrationOpen, Actor::Seeker)
                .is_err()
        );
    }

    #[test]
    fn a_seeker_or_blk_may_withdraw_any_open_enrolment() {
        for status in [
            Registered,
            PassedAdministration,
            PassedTest,
            Accepted,
            Active,
        ] {
            assert_eq!(status.transition(Withdrawn, Actor::Seeker), Ok(Withdrawn));
            assert_eq!(status.transition(Withdrawn, Actor::Blk), Ok(Withdrawn));
        }
    }

    #[test]
    fn only_someone_still_in_selection_can_be_not_selected() {
        assert_eq!(
            PassedTest.transition(NotSelected, Actor::Blk),
            Ok(NotSelected)
        );
        assert!(Accepted.transition(NotSelected, Actor::Blk).is_err());
        assert!(Active.transition(NotSelected, Actor::Blk).is_err());
    }

    #[test]
    fn graduation_is_final_and_every_path_ends() {
        let error = GraduatedNotCompetent
            .transition(Active, Actor::Blk)
            .unwrap_err();
        assert_eq!(
            error.message_id(),
            "Pendaftaran pelatihan tidak dapat berpindah dari status Lulus belum kompeten ke Sedang pelatihan: Lulus belum kompeten adalah status akhir"
        );
        machine_checks::assert_final_states_are_final::<EnrolmentStatus>();
        machine_checks::assert_every_path_reaches_a_final_state::<EnrolmentStatus>();
        machine_checks::assert_final_states_are_final::<CohortStatus>();
        machine_checks::assert_every_path_reaches_a_final_state::<CohortStatus>();
    }

    #[test]
    fn acceptance_stops_at_the_quota() {
        assert_eq!(check_seat_available(20, 19), Ok(()));
        let error = check_seat_available(20, 20).unwrap_err();
        assert_eq!(error.to_string(), "cohort is full: 20 of 20 seats taken");
        assert_eq!(
            error.message_id(),
            "Kuota angkatan sudah penuh: 20 dari 20 kursi terisi"
        );
    }

    #[test]
    fn seats_are_held_from_acceptance_on_and_freed_by_withdrawal() {
        assert!(!PassedTest.occupies_seat());
        assert!(Accepted.occupies_seat());
        assert!(GraduatedNotCompetent.occupies_seat());
        assert!(!Withdrawn.occupies_seat());
    }

    #[test]
    fn registration_is_open_only_in_its_window_and_status() {
        let schedule = CohortSchedule::new(
            20,
            date(2026, 3, 1),
            date(2026, 3, 15),
            date(2026, 4, 1),
            date(2026, 5, 30),
        )
        .unwrap();
        let open = CohortStatus::RegistrationOpen;
        assert_eq!(
            schedule.check_registration_open(open, date(2026, 3, 15)),
            Ok(())
        );
        assert!(
            schedule
                .check_registration_open(open, date(2026, 3, 16))
                .is_err()
        );
        assert!(
            schedule
                .check_registration_open(CohortStatus::Planned, date(2026, 3, 5))
                .is_err()
        );
    }

    #[test]
    fn cohort_dates_must_be_in_order() {
        let d = |day| date(2026, 3, day);
        assert_eq!(
            CohortSchedule::new(0, d(1), d(2), d(3), d(4)),
            Err(TrainingError::QuotaZero)
        );
        assert_eq!(
            CohortSchedule::new(20, d(2), d(1), d(3), d(4)),
            Err(TrainingError::RegistrationOrder)
        );
        assert_eq!(
            CohortSchedule::new(20, d(1), d(5), d(3), d(4)),
            Err(TrainingError::RegistrationOrder)
        );
        assert_eq!(
            CohortSchedule::new(20, d(1), d(3), d(3), d(4)),
            Err(TrainingError::RegistrationOrder),
            "registration closes before the first day of training"
        );
        assert_eq!(
            CohortSchedule::new(20, d(1), d(2), d(4), d(3)),
            Err(TrainingError::TrainingOrder)
        );
    }

    #[test]
    fn only_a_competent_graduate_gets_trained_evidence_for_each_programme_unit() {
        let units = vec![
            CompetencyUnitCode::parse("F.421100.001.01").unwrap(),
            CompetencyUnitCode::parse("F.421100.002.01").unwrap(),
        ];
        let evidence = graduation_evidence(GraduatedCompetent, &units);
        assert_eq!(evidence.len(), 2);
        assert!(
            evidence
                .iter()
                .all(|item| item.source == EvidenceSource::Trained)
        );
        assert!(graduation_evidence(GraduatedNotCompetent, &units).is_empty());
    }

    proptest! {
        #[test]
        fn no_enrolment_transition_leaves_a_final_status(
            from in proptest::sample::select(EnrolmentStatus::ALL),
            to in proptest::sample::select(EnrolmentStatus::ALL),
            actor in proptest::sample::select(Actor::ALL),
        ) {
            if from.is_final() {
                prop_assert!(from.transition(to, actor).is_err());
            }
        }

        #[test]
        fn every_enrolment_walk_reaches_a_final_status(choices in proptest::collection::vec(0usize..10, 20)) {
            prop_assert!(machine_checks::walk_reaches_a_final_state::<EnrolmentStatus>(0, &choices));
        }

        #[test]
        fn every_cohort_walk_reaches_a_final_status(choices in proptest::collection::vec(0usize..10, 20)) {
            prop_assert!(machine_checks::walk_reaches_a_final_state::<CohortStatus>(0, &choices));
        }

        #[test]
        fn accepting_one_at_a_time_never_exceeds_the_quota(quota in 1u32..100, applicants in 0u32..300) {
            let mut taken = 0;
            for _ in 0..applicants {
                if check_seat_available(quota, taken).is_ok() {
                    taken += 1;
                }
            }
            prop_assert_eq!(taken, quota.min(applicants));
        }
    }
}
