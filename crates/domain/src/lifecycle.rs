//! State machines as code. Each status enum (vacancy, application, enrolment, ...) implements
//! [`Lifecycle`] by listing who may make which move; `transition` then answers every request the
//! same way, with one bilingual [`TransitionError`] for everything that is not allowed.

use crate::error::Localised;
use crate::vocab::{UserRole, vocabulary};

vocabulary! {
    /// Who asks for a change: a user acting in a role, or the system (timers, automatic rules).
    /// An admin may do whatever an officer may.
    Actor, "actor", "pelaku" {
        /// A job seeker acting on their own record.
        Seeker = "seeker", "pencari kerja", "seeker";
        /// Staff of the employer that owns the record.
        Employer = "employer", "pemberi kerja", "employer";
        /// Staff of the training provider that owns the record.
        Blk = "blk", "staf lembaga pelatihan", "training provider staff";
        /// A labour office officer.
        Officer = "officer", "petugas Disnaker", "officer";
        /// An administrator (treated as an officer).
        Admin = "admin", "administrator", "admin";
        /// The service itself: expiry timers, hires reaching headcount, and so on.
        System = "system", "sistem", "system";
    }
}

impl From<UserRole> for Actor {
    fn from(role: UserRole) -> Actor {
        match role {
            UserRole::Seeker => Actor::Seeker,
            UserRole::Employer => Actor::Employer,
            UserRole::Blk => Actor::Blk,
            UserRole::Officer => Actor::Officer,
            UserRole::Admin => Actor::Admin,
        }
    }
}

/// Why a move between two states was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionRefusal {
    /// The record is already in that state.
    Unchanged,
    /// The current state is final: nothing moves out of it.
    FromFinal,
    /// No one may make this move.
    NotAllowed,
    /// Someone may, but not this actor.
    ActorNotPermitted {
        /// Who may.
        permitted: &'static [Actor],
    },
}

/// What a state machine governs, named for messages.
#[derive(Debug, PartialEq, Eq)]
pub struct Subject {
    /// In English, lowercase, e.g. `vacancy`.
    pub en: &'static str,
    /// In Indonesian, capitalised, e.g. `Lowongan`.
    pub id: &'static str,
}

/// A refused state change, e.g. "vacancy cannot move from filled to open: filled is final".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionError {
    /// What is changing.
    pub subject: &'static Subject,
    /// Current state spelling.
    pub from: &'static str,
    /// Requested state spelling.
    pub to: &'static str,
    /// Current state, Indonesian label.
    pub from_label_id: &'static str,
    /// Requested state, Indonesian label.
    pub to_label_id: &'static str,
    /// Who asked.
    pub actor: Actor,
    /// Why it was refused.
    pub refusal: TransitionRefusal,
}

impl std::fmt::Display for TransitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let TransitionError {
            from, to, actor, ..
        } = self;
        let subject_en = self.subject.en;
        match self.refusal {
            TransitionRefusal::Unchanged => write!(f, "{subject_en} is already {from}"),
            TransitionRefusal::FromFinal => write!(
                f,
                "{subject_en} cannot move from {from} to {to}: {from} is final"
            ),
            TransitionRefusal::NotAllowed => write!(
                f,
                "{subject_en} cannot move from {from} to {to}: not an allowed step"
            ),
            TransitionRefusal::ActorNotPermitted { permitted } => {
                let who: Vec<&str> = permitted.iter().map(|a| a.label_en()).collect();
                write!(
                    f,
                    "{subject_en} cannot move from {from} to {to} by {}: only {} may do this",
                    actor.label_en(),
                    who.join(" or ")
                )
            }
        }
    }
}

impl std::error::Error for TransitionError {}

impl Localised for TransitionError {
    fn code(&self) -> &'static str {
        match self.refusal {
            TransitionRefusal::Unchanged => "transition_unchanged",
            TransitionRefusal::FromFinal => "transition_from_final",
            TransitionRefusal::NotAllowed => "transition_not_allowed",
            TransitionRefusal::ActorNotPermitted { .. } => "transition_actor_not_permitted",
        }
    }

    fn message_id(&self) -> String {
        let TransitionError {
            from_label_id: from,
            to_label_id: to,
            actor,
            ..
        } = self;
        let subject_id = self.subject.id;
        match self.refusal {
            TransitionRefusal::Unchanged => format!("{subject_id} sudah berstatus {from}"),
            TransitionRefusal::FromFinal => format!(
                "{subject_id} tidak dapat berpindah dari status {from} ke {to}: {from} adalah status akhir"
            ),
            TransitionRefusal::NotAllowed => format!(
                "{subject_id} tidak dapat berpindah dari status {from} ke {to}: langkah ini tidak diizinkan"
            ),
            TransitionRefusal::ActorNotPermitted { permitted } => {
                let who: Vec<&str> = permitted.iter().map(|a| a.label_id()).collect();
                format!(
                    "{subject_id} tidak dapat dipindahkan dari status {from} ke {to} oleh {}: hanya {} yang boleh melakukannya",
                    actor.label_id(),
                    who.join(" atau ")
                )
            }
        }
    }
}

/// A status enum whose changes follow a documented state machine.
///
/// Implementors list the moves in [`Lifecycle::permitted_actors`]; the provided methods answer
/// "may this actor move from here to there?" consistently for every machine.
pub trait Lifecycle: Copy + Eq + std::fmt::Debug + 'static {
    /// What changes, e.g. `vacancy` / `Lowongan`.
    const SUBJECT: &'static Subject;

    /// Every state.
    fn all_states() -> &'static [Self];
    /// The states a new record may start in.
    fn initial_states() -> &'static [Self];
    /// The state's exact spelling.
    fn code(self) -> &'static str;
    /// The state's Indonesian label.
    fn state_label_id(self) -> &'static str;
    /// Whether nothing may move out of this state.
    fn is_final(self) -> bool;
    /// Who may move from `self` to `to`; empty when the move is never allowed. Need not repeat
    /// the final-state rule: `transition` checks that first.
    fn permitted_actors(self, to: Self) -> &'static [Actor];

    /// Checks a requested move and returns the new state, or why it is refused.
    fn transition(self, to: Self, actor: Actor) -> Result<Self, TransitionError> {
        let refuse = |refusal| TransitionError {
            subject: Self::SUBJECT,
            from: self.code(),
            to: to.code(),
            from_label_id: self.state_label_id(),
            to_label_id: to.state_label_id(),
            actor,
            refusal,
        };
        if self == to {
            return Err(refuse(TransitionRefusal::Unchanged));
        }
        if self.is_final() {
            return Err(refuse(TransitionRefusal::FromFinal));
        }
        let permitted = self.permitted_actors(to);
        if permitted.is_empty() {
            return Err(refuse(TransitionRefusal::NotAllowed));
        }
        let acting_as_officer = actor == Actor::Admin && permitted.contains(&Actor::Officer);
        if permitted.contains(&actor) || acting_as_officer {
            Ok(to)
        } else {
            Err(refuse(TransitionRefusal::ActorNotPermitted { permitted }))
        }
    }

    /// Whether `actor` may move from `self` to `to`.
    fn can_transition(self, to: Self, actor: Actor) -> bool {
        self.transition(to, actor).is_ok()
    }

    /// The states `actor` may move to from here, in declaration order (for buttons in a UI).
    fn next_states(self, actor: Actor) -> Vec<Self> {
        Self::all_states()
            .iter()
            .copied()
            .filter(|to| self.can_transition(*to, actor))
            .collect()
    }

    /// The states anyone may move to from here.
    fn reachable_in_one_step(self) -> Vec<Self> {
        Self::all_states()
            .iter()
            .copied()
            .filter(|to| {
                Actor::ALL
                    .iter()
                    .any(|actor| self.can_transition(*to, *actor))
            })
            .collect()
    }
}

/// Implements the plumbing methods of [`Lifecycle`] for a `vocabulary!` enum.
macro_rules! lifecycle_plumbing {
    () => {
        fn all_states() -> &'static [Self] {
            Self::ALL
        }

        fn code(self) -> &'static str {
            self.as_str()
        }

        fn state_label_id(self) -> &'static str {
            self.label_id()
        }
    };
}

pub(crate) use lifecycle_plumbing;

/// Checks shared by the tests of every machine: nothing leaves a final state, and every path
/// from a start state ends in a final state (no cycles, no dead ends).
#[cfg(test)]
pub(crate) mod machine_checks {
    use super::*;

    /// No actor may move out of a final state, to anywhere.
    pub fn assert_final_states_are_final<M: Lifecycle>() {
        for from in M::all_states().iter().copied().filter(|s| s.is_final()) {
            for to in M::all_states().iter().copied() {
                for actor in Actor::ALL.iter().copied() {
                    let result = from.transition(to, actor);
                    assert!(
                        result.is_err(),
                        "{from:?} -> {to:?} by {actor:?} must be refused"
                    );
                }
            }
        }
    }

    /// Every non-final state has a way out, and following moves can never revisit a state: so
    /// every path from a start state ends in a final state. For machines without return moves.
    pub fn assert_every_path_reaches_a_final_state<M: Lifecycle>() {
        for state in M::all_states().iter().copied() {
            if !state.is_final() {
                assert!(
                    !state.reachable_in_one_step().is_empty(),
                    "{state:?} is not final but has no way out"
                );
            }
        }
        for start in M::initial_states().iter().copied() {
            let mut path = vec![start];
            assert_no_cycle_from::<M>(&mut path);
        }
    }

    fn assert_no_cycle_from<M: Lifecycle>(path: &mut Vec<M>) {
        let Some(current) = path.last().copied() else {
            return;
        };
        for next in current.reachable_in_one_step() {
            assert!(!path.contains(&next), "cycle: {path:?} -> {next:?}");
            path.push(next);
            assert_no_cycle_from::<M>(path);
            path.pop();
        }
    }

    /// The states reachable from `from` (including itself) by any sequence of allowed moves.
    pub fn reachable_from<M: Lifecycle>(from: M) -> Vec<M> {
        let mut seen = vec![from];
        let mut index = 0;
        while index < seen.len() {
            for next in seen[index].reachable_in_one_step() {
                if !seen.contains(&next) {
                    seen.push(next);
                }
            }
            index += 1;
        }
        seen
    }

    /// For machines with return moves (e.g. an officer sends a vacancy back to draft): whatever
    /// state a record reaches from a start state, a final state can still be reached from it.
    pub fn assert_a_final_state_stays_reachable<M: Lifecycle>() {
        for start in M::initial_states().iter().copied() {
            for state in reachable_from(start) {
                assert!(
                    reachable_from(state).iter().any(|s| s.is_final()),
                    "{state:?} can never reach a final state"
                );
            }
        }
    }

    /// Walks from a start state choosing moves by `choices` and returns where it ended.
    pub fn walk<M: Lifecycle>(start_choice: usize, choices: &[usize]) -> M {
        let starts = M::initial_states();
        let mut state = starts[start_choice % starts.len()];
        for choice in choices {
            let options = state.reachable_in_one_step();
            if options.is_empty() {
                break;
            }
            state = options[choice % options.len()];
        }
        state
    }

    /// For acyclic machines: a walk of as many moves as there are states ends in a final state.
    pub fn walk_reaches_a_final_state<M: Lifecycle>(
        start_choice: usize,
        choices: &[usize],
    ) -> bool {
        let steps = choices.len().min(M::all_states().len());
        walk::<M>(start_choice, &choices[..steps]).is_final()
    }

    /// For any machine: after any walk, a final state (if the machine has one) is reachable.
    pub fn walk_can_still_finish<M: Lifecycle>(start_choice: usize, choices: &[usize]) -> bool {
        let state = walk::<M>(start_choice, choices);
        reachable_from(state).iter().any(|s| s.is_final())
    }

    /// For machines without final states: every state can be reached from a start state.
    pub fn assert_every_state_is_reachable<M: Lifecycle>() {
        let mut seen: Vec<M> = M::initial_states().to_vec();
        let mut index = 0;
        while index < seen.len() {
            for next in seen[index].reachable_in_one_step() {
                if !seen.contains(&next) {
                    seen.push(next);
                }
            }
            index += 1;
        }
        for state in M::all_states() {
            assert!(seen.contains(state), "{state:?} cannot be reached");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_role_maps_to_an_actor_of_the_same_spelling() {
        for role in UserRole::ALL.iter().copied() {
            assert_eq!(Actor::from(role).as_str(), role.as_str());
        }
    }
}
