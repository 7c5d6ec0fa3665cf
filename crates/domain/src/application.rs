//! Applications and the hiring pipeline.
//!
//! Pipeline (docs/data-model.md): `invited → applied | withdrawn` · `applied → screening →
//! interview → offer → hired` · any non-final stage `→ rejected` (employer, with a reason) or
//! `→ withdrawn` (seeker). `hired`, `rejected`, `withdrawn` are final. The employer may skip
//! forward (e.g. `applied → interview`); nobody moves backwards.
//!
//! One addition: the system may also reject (reason `position_filled`) the applications still in
//! the pipeline when a vacancy is filled, closed or expires.

use crate::error::{Localised, TextError, optional_text};
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::vocab::{ApplicationOrigin, ApplicationStage, RejectionReason};

impl ApplicationStage {
    /// Position in the forward pipeline `applied < screening < interview < offer < hired`;
    /// `None` for `invited` and the two exits.
    pub const fn pipeline_position(self) -> Option<u8> {
        match self {
            ApplicationStage::Applied => Some(0),
            ApplicationStage::Screening => Some(1),
            ApplicationStage::Interview => Some(2),
            ApplicationStage::Offer => Some(3),
            ApplicationStage::Hired => Some(4),
            ApplicationStage::Invited
            | ApplicationStage::Rejected
            | ApplicationStage::Withdrawn => None,
        }
    }

    /// The stage a new application starts in.
    pub const fn initial(origin: ApplicationOrigin) -> ApplicationStage {
        match origin {
            ApplicationOrigin::Applied => ApplicationStage::Applied,
            ApplicationOrigin::Invited => ApplicationStage::Invited,
        }
    }

    /// Under blind review, whether the employer may see name, photo, age and sex at this stage:
    /// only from the interview on. For `rejected`/`withdrawn`, ask with the last stage before.
    pub const fn reveals_identity_under_blind_review(self) -> bool {
        matches!(
            self,
            ApplicationStage::Interview | ApplicationStage::Offer | ApplicationStage::Hired
        )
    }
}

impl Lifecycle for ApplicationStage {
    const SUBJECT: &'static Subject = &Subject {
        en: "application",
        id: "Lamaran",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[ApplicationStage::Invited, ApplicationStage::Applied]
    }

    fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStage::Hired | ApplicationStage::Rejected | ApplicationStage::Withdrawn
        )
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use ApplicationStage::*;
        match (self, to) {
            (Invited, Applied) => &[Actor::Seeker],
            (_, Withdrawn) => &[Actor::Seeker],
            (_, Rejected) => &[Actor::Employer, Actor::System],
            (from, to) => match (from.pipeline_position(), to.pipeline_position()) {
                (Some(from_position), Some(to_position)) if to_position > from_position => {
                    &[Actor::Employer]
                }
                _ => &[],
            },
        }
    }
}

/// Why a rejection record is incomplete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectionError {
    /// Reason `other` without a note.
    #[error("a rejection for another reason must explain it in a note")]
    NoteRequired,
    /// The note is too long.
    #[error("rejection note {0}")]
    Note(TextError),
}

impl Localised for RejectionError {
    fn code(&self) -> &'static str {
        match self {
            RejectionError::NoteRequired => "rejection_note_required",
            RejectionError::Note(error) => error.code(),
        }
    }

    fn message_id(&self) -> String {
        match self {
            RejectionError::NoteRequired => {
                "Penolakan dengan alasan lainnya harus dijelaskan dalam catatan".to_string()
            }
            RejectionError::Note(error) => format!("Catatan penolakan: {}", error.message_id()),
        }
    }
}

/// Why an application was rejected: a reason from the list and, for `other`, a note.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rejection {
    reason: RejectionReason,
    note: Option<String>,
}

impl Rejection {
    /// A rejection; `other` needs a note of up to 500 characters.
    pub fn new(reason: RejectionReason, note: Option<&str>) -> Result<Rejection, RejectionError> {
        let note = optional_text(note, 500).map_err(RejectionError::Note)?;
        if reason == RejectionReason::Other && note.is_none() {
            return Err(RejectionError::NoteRequired);
        }
        Ok(Rejection { reason, note })
    }

    /// The reason.
    pub fn reason(&self) -> RejectionReason {
        self.reason
    }

    /// The note, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::{TransitionRefusal, machine_checks};
    use ApplicationStage::*;
    use proptest::prelude::*;

    #[test]
    fn the_employer_moves_an_application_forward_through_the_pipeline() {
        let mut stage = Applied;
        for next in [Screening, Interview, Offer, Hired] {
            stage = stage.transition(next, Actor::Employer).unwrap();
        }
        assert_eq!(stage, Hired);
    }

    #[test]
    fn the_employer_may_skip_forward_but_never_move_back() {
        assert_eq!(
            Applied.transition(Interview, Actor::Employer),
            Ok(Interview)
        );
        assert_eq!(Screening.transition(Offer, Actor::Employer), Ok(Offer));
        let error = Interview
            .transition(Screening, Actor::Employer)
            .unwrap_err();
        assert_eq!(error.refusal, TransitionRefusal::NotAllowed);
        assert_eq!(
            error.to_string(),
            "application cannot move from interview to screening: not an allowed step"
        );
    }

    #[test]
    fn a_seeker_accepts_or_declines_an_invitation_but_cannot_hire_themselves() {
        assert_eq!(Invited.transition(Applied, Actor::Seeker), Ok(Applied));
        assert_eq!(Invited.transition(Withdrawn, Actor::Seeker), Ok(Withdrawn));
        assert!(Invited.transition(Applied, Actor::Employer).is_err());
        assert!(Invited.transition(Interview, Actor::Employer).is_err());
        let error = Offer.transition(Hired, Actor::Seeker).unwrap_err();
        assert_eq!(
            error.to_string(),
            "application cannot move from offer to hired by seeker: only employer may do this"
        );
        assert_eq!(
            error.message_id(),
            "Lamaran tidak dapat dipindahkan dari status Penawaran kerja ke Diterima bekerja oleh pencari kerja: hanya pemberi kerja yang boleh melakukannya"
        );
    }

    #[test]
    fn only_the_seeker_withdraws_and_only_the_employer_or_system_rejects() {
        for stage in [Invited, Applied, Screening, Interview, Offer] {
            assert_eq!(stage.transition(Withdrawn, Actor::Seeker), Ok(Withdrawn));
            assert!(stage.transition(Withdrawn, Actor::Employer).is_err());
            assert_eq!(stage.transition(Rejected, Actor::Employer), Ok(Rejected));
            assert_eq!(stage.transition(Rejected, Actor::System), Ok(Rejected));
            assert!(stage.transition(Rejected, Actor::Seeker).is_err());
        }
    }

    #[test]
    fn hired_rejected_and_withdrawn_are_final() {
        let error = Hired.transition(Withdrawn, Actor::Seeker).unwrap_err();
        assert_eq!(
            error.to_string(),
            "application cannot move from hired to withdrawn: hired is final"
        );
        machine_checks::assert_final_states_are_final::<ApplicationStage>();
        machine_checks::assert_every_path_reaches_a_final_state::<ApplicationStage>();
    }

    #[test]
    fn an_application_starts_in_the_stage_of_its_origin() {
        assert_eq!(
            ApplicationStage::initial(ApplicationOrigin::Applied),
            Applied
        );
        assert_eq!(
            ApplicationStage::initial(ApplicationOrigin::Invited),
            Invited
        );
    }

    #[test]
    fn blind_review_reveals_identity_from_the_interview_on() {
        assert!(!Screening.reveals_identity_under_blind_review());
        assert!(Interview.reveals_identity_under_blind_review());
        assert!(Hired.reveals_identity_under_blind_review());
    }

    #[test]
    fn rejection_for_another_reason_needs_a_note() {
        assert_eq!(
            Rejection::new(RejectionReason::Other, Some("  ")),
            Err(RejectionError::NoteRequired)
        );
        let rejection = Rejection::new(
            RejectionReason::Other,
            Some("Domisili terlalu jauh dari site"),
        )
        .unwrap();
        assert_eq!(rejection.note(), Some("Domisili terlalu jauh dari site"));
        assert!(Rejection::new(RejectionReason::FailedTest, None).is_ok());
    }

    proptest! {
        #[test]
        fn no_transition_leaves_a_final_stage_and_none_goes_backwards(
            from in proptest::sample::select(ApplicationStage::ALL),
            to in proptest::sample::select(ApplicationStage::ALL),
            actor in proptest::sample::select(Actor::ALL),
        ) {
            let allowed = from.transition(to, actor).is_ok();
            if from.is_final() {
                prop_assert!(!allowed);
            }
            if let (true, Some(from_position), Some(to_position)) =
                (allowed, from.pipeline_position(), to.pipeline_position())
            {
                prop_assert!(to_position > from_position);
            }
        }

        #[test]
        fn every_walk_reaches_a_final_stage(start in 0usize..2, choices in proptest::collection::vec(0usize..10, 20)) {
            prop_assert!(machine_checks::walk_reaches_a_final_state::<ApplicationStage>(start, &choices));
        }
    }
}
