//! Agreements with industry (nota kesepahaman): parties, term, commitments and their fulfilment.
//! Fulfilment is always computed from counts of recorded apprenticeships, placements or trainees,
//! never typed in.
//!
//! Status (the data model lists statuses only; this is the reading used here): `draft → active`
//! (officer, once signed), `active → ended` (system at the end of the term, or officer),
//! `active → terminated` (officer, ended early). `ended` and `terminated` are final.

use chrono::NaiveDate;

use crate::error::Localised;
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::vocab::{AgreementStatus, CommitmentKind};

impl Lifecycle for AgreementStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "agreement",
        id: "Nota kesepahaman",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[AgreementStatus::Draft]
    }

    fn is_final(self) -> bool {
        matches!(self, AgreementStatus::Ended | AgreementStatus::Terminated)
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use AgreementStatus::*;
        match (self, to) {
            (Draft, Active) => &[Actor::Officer],
            (Active, Ended) => &[Actor::System, Actor::Officer],
            (Active, Terminated) => &[Actor::Officer],
            _ => &[],
        }
    }
}

/// A broken agreement rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    /// The term ends before it starts.
    #[error("agreement term must not end before it starts")]
    TermOrder,
    /// Signed after the term ended.
    #[error("agreement must be signed before its term ends")]
    SignedAfterTerm,
    /// A commitment with target zero.
    #[error("commitment target must be at least 1")]
    TargetZero,
}

impl Localised for AgreementError {
    fn code(&self) -> &'static str {
        match self {
            AgreementError::TermOrder => "agreement_term_order",
            AgreementError::SignedAfterTerm => "agreement_signed_after_term",
            AgreementError::TargetZero => "commitment_target_zero",
        }
    }

    fn message_id(&self) -> String {
        match self {
            AgreementError::TermOrder => {
                "Masa berlaku nota kesepahaman tidak boleh berakhir sebelum dimulai".to_string()
            }
            AgreementError::SignedAfterTerm => {
                "Nota kesepahaman harus ditandatangani sebelum masa berlakunya berakhir".to_string()
            }
            AgreementError::TargetZero => "Target komitmen minimal 1".to_string(),
        }
    }
}

/// When an agreement was signed and the period it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementTerm {
    signed_on: NaiveDate,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

impl AgreementTerm {
    /// `starts_on <= ends_on` and `signed_on <= ends_on`.
    pub fn new(
        signed_on: NaiveDate,
        starts_on: NaiveDate,
        ends_on: NaiveDate,
    ) -> Result<AgreementTerm, AgreementError> {
        if ends_on < starts_on {
            return Err(AgreementError::TermOrder);
        }
        if signed_on > ends_on {
            return Err(AgreementError::SignedAfterTerm);
        }
        Ok(AgreementTerm {
            signed_on,
            starts_on,
            ends_on,
        })
    }

    /// Signing date.
    pub fn signed_on(&self) -> NaiveDate {
        self.signed_on
    }
    /// First day covered.
    pub fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }
    /// Last day covered.
    pub fn ends_on(&self) -> NaiveDate {
        self.ends_on
    }

    /// Whether `date` lies in the term (both ends inclusive): records dated inside it count.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.starts_on <= date && date <= self.ends_on
    }

    /// Whether the system should move an active agreement to `ended` today.
    pub fn should_end(&self, status: AgreementStatus, today: NaiveDate) -> bool {
        status == AgreementStatus::Active && today > self.ends_on
    }
}

/// One commitment of an agreement: e.g. 20 apprenticeship seats, 50 placements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Commitment {
    kind: CommitmentKind,
    target: u32,
}

impl Commitment {
    /// A commitment with a target of at least 1.
    pub fn new(kind: CommitmentKind, target: u32) -> Result<Commitment, AgreementError> {
        if target == 0 {
            return Err(AgreementError::TargetZero);
        }
        Ok(Commitment { kind, target })
    }

    /// What is committed.
    pub fn kind(&self) -> CommitmentKind {
        self.kind
    }

    /// How many.
    pub fn target(&self) -> u32 {
        self.target
    }

    /// Fulfilment given the number of matching records counted within the term (apprenticeships
    /// started at the parties for `apprenticeship_seats`, placements at the parties for
    /// `placements`, trainees supported for `training_support`).
    pub fn fulfilment(&self, achieved: u32) -> Fulfilment {
        Fulfilment {
            target: self.target,
            achieved,
        }
    }
}

/// Achieved against target. Over-fulfilment is kept (ratio above 1) so reports can show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Fulfilment {
    /// The target (at least 1).
    pub target: u32,
    /// Achieved so far.
    pub achieved: u32,
}

impl Fulfilment {
    /// Achieved divided by target, e.g. 0.6 for 12 of 20; may exceed 1.
    pub fn ratio(&self) -> f64 {
        f64::from(self.achieved) / f64::from(self.target.max(1))
    }

    /// Whole percent, rounded down (12 of 20 → 60; 2 of 3 → 66).
    pub fn percent(&self) -> u32 {
        let percent = u64::from(self.achieved) * 100 / u64::from(self.target.max(1));
        u32::try_from(percent).unwrap_or(u32::MAX)
    }

    /// Whether the target is reached.
    pub fn is_met(&self) -> bool {
        self.achieved >= self.target
    }

    /// How many are still missing (0 when met).
    pub fn remaining(&self) -> u32 {
        self.target.saturating_sub(self.achieved)
    }
}

impl std::fmt::Display for Fulfilment {
    /// `12 of 20 (60%)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} ({}%)",
            self.achieved,
            self.target,
            self.percent()
        )
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::machine_checks;
    use AgreementStatus::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn an_officer_activates_an_agreement_and_the_system_ends_it() {
        assert_eq!(Draft.transition(Active, Actor::Officer), Ok(Active));
        assert!(Draft.transition(Active, Actor::Employer).is_err());
        assert_eq!(Active.transition(Ended, Actor::System), Ok(Ended));
        assert!(Active.transition(Terminated, Actor::System).is_err());
        let error = Ended.transition(Active, Actor::Officer).unwrap_err();
        assert_eq!(
            error.to_string(),
            "agreement cannot move from ended to active: ended is final"
        );
        machine_checks::assert_final_states_are_final::<AgreementStatus>();
        machine_checks::assert_every_path_reaches_a_final_state::<AgreementStatus>();
    }

    #[test]
    fn fulfilment_is_a_ratio_of_counts() {
        let commitment = Commitment::new(CommitmentKind::Placements, 20).unwrap();
        let fulfilment = commitment.fulfilment(12);
        assert_eq!(fulfilment.percent(), 60);
        assert!((fulfilment.ratio() - 0.6).abs() < 1e-9);
        assert_eq!(fulfilment.remaining(), 8);
        assert!(!fulfilment.is_met());
        assert_eq!(fulfilment.to_string(), "12 of 20 (60%)");
        assert!(commitment.fulfilment(25).is_met());
        assert_eq!(commitment.fulfilment(25).percent(), 125);
        assert_eq!(
            Commitment::new(CommitmentKind::Placements, 0),
            Err(AgreementError::TargetZero)
        );
    }

    #[test]
    fn the_term_covers_its_days_and_ends_the_day_after() {
        let term =
            AgreementTerm::new(date(2024, 5, 20), date(2024, 6, 1), date(2026, 5, 31)).unwrap();
        assert!(term.covers(date(2026, 5, 31)));
        assert!(!term.covers(date(2024, 5, 31)));
        assert!(term.should_end(Active, date(2026, 6, 1)));
        assert!(!term.should_end(Active, date(2026, 5, 31)));
        assert!(!term.should_end(Draft, date(2030, 1, 1)));
        assert_eq!(
            AgreementTerm::new(date(2024, 5, 20), date(2024, 6, 1), date(2024, 5, 31)),
            Err(AgreementError::TermOrder)
        );
    }

    proptest! {
        #[test]
        fn percent_agrees_with_is_met(target in 1u32..10_000, achieved in 0u32..20_000) {
            let fulfilment = Commitment::new(CommitmentKind::ApprenticeshipSeats, target).unwrap().fulfilment(achieved);
            prop_assert_eq!(fulfilment.is_met(), fulfilment.percent() >= 100 && achieved >= target);
            prop_assert_eq!(fulfilment.is_met(), fulfilment.ratio() >= 1.0);
            prop_assert_eq!(fulfilment.remaining() == 0, fulfilment.is_met());
        }

        #[test]
        fn every_agreement_walk_reaches_a_final_status(choices in proptest::collection::vec(0usize..10, 10)) {
            prop_assert!(machine_checks::walk_reaches_a_final_state::<AgreementStatus>(0, &choices));
        }
    }
}
