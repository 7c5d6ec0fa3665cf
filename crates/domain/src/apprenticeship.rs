//! Apprenticeships (pemagangan): a host employer proposes a programme, the city labour office
//! approves or rejects it, apprentices are placed with an agreement, report monthly, and end
//! completed or discontinued; a completed apprentice hired by the host becomes a placement.
//!
//! Programme (the data model lists statuses only; this is the reading used here): `proposed →
//! approved | rejected` (officer), `proposed → closed` (host withdraws), `approved → closed`
//! (host or officer). Apprenticeship: `active → completed | discontinued` (host or officer).

use chrono::NaiveDate;

use crate::calendar::{ReportMonth, add_months};
use crate::error::Localised;
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::vocab::{ApprenticeshipProgrammeStatus, ApprenticeshipStatus, PlacementChannel};

/// Longest apprenticeship, in months (Permenaker 6/2020 on domestic apprenticeships: at most one
/// year, to confirm).
pub const MAX_APPRENTICESHIP_MONTHS: u32 = 12;

impl Lifecycle for ApprenticeshipProgrammeStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "apprenticeship programme",
        id: "Program pemagangan",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[ApprenticeshipProgrammeStatus::Proposed]
    }

    fn is_final(self) -> bool {
        matches!(
            self,
            ApprenticeshipProgrammeStatus::Rejected | ApprenticeshipProgrammeStatus::Closed
        )
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use ApprenticeshipProgrammeStatus::*;
        match (self, to) {
            (Proposed, Approved) | (Proposed, Rejected) => &[Actor::Officer],
            (Proposed, Closed) => &[Actor::Employer],
            (Approved, Closed) => &[Actor::Employer, Actor::Officer],
            _ => &[],
        }
    }
}

impl Lifecycle for ApprenticeshipStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "apprenticeship",
        id: "Pemagangan",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[ApprenticeshipStatus::Active]
    }

    fn is_final(self) -> bool {
        matches!(
            self,
            ApprenticeshipStatus::Completed | ApprenticeshipStatus::Discontinued
        )
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use ApprenticeshipStatus::*;
        match (self, to) {
            (Active, Completed) | (Active, Discontinued) => &[Actor::Employer, Actor::Officer],
            _ => &[],
        }
    }
}

impl ApprenticeshipStatus {
    /// Whether the host's hiring of the apprentice can be recorded (which creates a placement
    /// with channel `apprenticeship_hire`): only after completion.
    pub fn allows_host_hire(self) -> bool {
        self == ApprenticeshipStatus::Completed
    }
}

/// The placement channel of a host hiring its former apprentice.
pub const HOST_HIRE_CHANNEL: PlacementChannel = PlacementChannel::ApprenticeshipHire;

/// A broken apprenticeship rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprenticeshipError {
    /// End on or before start.
    #[error("an apprenticeship must end after it starts")]
    PeriodOrder,
    /// Longer than [`MAX_APPRENTICESHIP_MONTHS`].
    #[error("an apprenticeship may last at most {max_months} months")]
    PeriodTooLong {
        /// The maximum.
        max_months: u32,
    },
    /// Every seat taken.
    #[error("apprenticeship programme has no seats left: {taken} of {seats} taken")]
    NoSeatsLeft {
        /// Apprentices placed.
        taken: u32,
        /// Seats.
        seats: u32,
    },
    /// Placing apprentices in a programme that is not approved.
    #[error("apprentices can only be placed in an approved programme")]
    ProgrammeNotApproved,
}

impl Localised for ApprenticeshipError {
    fn code(&self) -> &'static str {
        match self {
            ApprenticeshipError::PeriodOrder => "apprenticeship_period_order",
            ApprenticeshipError::PeriodTooLong { .. } => "apprenticeship_period_too_long",
            ApprenticeshipError::NoSeatsLeft { .. } => "apprenticeship_no_seats_left",
            ApprenticeshipError::ProgrammeNotApproved => "apprenticeship_programme_not_approved",
        }
    }

    fn message_id(&self) -> String {
        match self {
            ApprenticeshipError::PeriodOrder => {
                "Pemagangan harus berakhir setelah tanggal mulai".to_string()
            }
            ApprenticeshipError::PeriodTooLong { max_months } => {
                format!("Pemagangan paling lama {max_months} bulan")
            }
            ApprenticeshipError::NoSeatsLeft { taken, seats } => {
                format!("Kuota program pemagangan sudah penuh: {taken} dari {seats} peserta")
            }
            ApprenticeshipError::ProgrammeNotApproved => {
                "Peserta hanya dapat ditempatkan pada program pemagangan yang sudah disetujui"
                    .to_string()
            }
        }
    }
}

/// The start and end of one apprenticeship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprenticeshipPeriod {
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

impl ApprenticeshipPeriod {
    /// A period that ends after it starts and lasts at most 12 months.
    pub fn new(
        starts_on: NaiveDate,
        ends_on: NaiveDate,
    ) -> Result<ApprenticeshipPeriod, ApprenticeshipError> {
        if ends_on <= starts_on {
            return Err(ApprenticeshipError::PeriodOrder);
        }
        if ends_on > add_months(starts_on, MAX_APPRENTICESHIP_MONTHS) {
            return Err(ApprenticeshipError::PeriodTooLong {
                max_months: MAX_APPRENTICESHIP_MONTHS,
            });
        }
        Ok(ApprenticeshipPeriod { starts_on, ends_on })
    }

    /// First day.
    pub fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }

    /// Last day.
    pub fn ends_on(&self) -> NaiveDate {
        self.ends_on
    }

    /// The months for which a progress report is due by `today`: every calendar month that
    /// overlaps the period and has ended.
    pub fn progress_report_months(&self, today: NaiveDate) -> Vec<ReportMonth> {
        let mut months = Vec::new();
        let mut month = ReportMonth::of(self.starts_on);
        while month.first_day() <= self.ends_on && month.last_day() < today {
            months.push(month);
            month = month.next();
        }
        months
    }
}

/// Placing one more apprentice: the programme must be approved and have a free seat.
pub fn check_apprentice_seat(
    programme_status: ApprenticeshipProgrammeStatus,
    seats: u32,
    apprentices_placed: u32,
) -> Result<(), ApprenticeshipError> {
    if programme_status != ApprenticeshipProgrammeStatus::Approved {
        return Err(ApprenticeshipError::ProgrammeNotApproved);
    }
    if apprentices_placed >= seats {
        return Err(ApprenticeshipError::NoSeatsLeft {
            taken: apprentices_placed,
            seats,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::machine_checks;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn the_labour_office_approves_a_programme_the_host_proposed() {
        use ApprenticeshipProgrammeStatus::*;
        assert_eq!(Proposed.transition(Approved, Actor::Officer), Ok(Approved));
        assert!(Proposed.transition(Approved, Actor::Employer).is_err());
        assert_eq!(Proposed.transition(Closed, Actor::Employer), Ok(Closed));
        assert!(Rejected.transition(Approved, Actor::Officer).is_err());
        machine_checks::assert_final_states_are_final::<ApprenticeshipProgrammeStatus>();
        machine_checks::assert_every_path_reaches_a_final_state::<ApprenticeshipProgrammeStatus>();
    }

    #[test]
    fn an_apprenticeship_ends_completed_or_discontinued_and_only_completion_allows_a_host_hire() {
        use ApprenticeshipStatus::*;
        assert_eq!(Active.transition(Completed, Actor::Employer), Ok(Completed));
        assert!(Active.transition(Completed, Actor::Seeker).is_err());
        assert!(Completed.allows_host_hire());
        assert!(!Discontinued.allows_host_hire());
        machine_checks::assert_final_states_are_final::<ApprenticeshipStatus>();
        machine_checks::assert_every_path_reaches_a_final_state::<ApprenticeshipStatus>();
    }

    #[test]
    fn an_apprenticeship_lasts_at_most_a_year() {
        assert!(ApprenticeshipPeriod::new(date(2026, 1, 15), date(2027, 1, 15)).is_ok());
        assert_eq!(
            ApprenticeshipPeriod::new(date(2026, 1, 15), date(2027, 1, 16)),
            Err(ApprenticeshipError::PeriodTooLong { max_months: 12 })
        );
        assert_eq!(
            ApprenticeshipPeriod::new(date(2026, 1, 15), date(2026, 1, 15)),
            Err(ApprenticeshipError::PeriodOrder)
        );
    }

    #[test]
    fn a_progress_report_is_due_for_each_month_that_has_ended() {
        let period = ApprenticeshipPeriod::new(date(2026, 1, 15), date(2026, 7, 14)).unwrap();
        let months: Vec<String> = period
            .progress_report_months(date(2026, 4, 10))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(months, vec!["2026-01", "2026-02", "2026-03"]);
        assert_eq!(period.progress_report_months(date(2027, 1, 1)).len(), 7);
    }

    #[test]
    fn apprentices_go_only_into_approved_programmes_with_free_seats() {
        use ApprenticeshipProgrammeStatus::*;
        assert_eq!(check_apprentice_seat(Approved, 10, 9), Ok(()));
        assert_eq!(
            check_apprentice_seat(Approved, 10, 10),
            Err(ApprenticeshipError::NoSeatsLeft {
                taken: 10,
                seats: 10
            })
        );
        assert_eq!(
            check_apprentice_seat(Proposed, 10, 0),
            Err(ApprenticeshipError::ProgrammeNotApproved)
        );
    }

    proptest! {
        #[test]
        fn every_apprenticeship_walk_reaches_a_final_status(choices in proptest::collection::vec(0usize..10, 10)) {
            prop_assert!(machine_checks::walk_reaches_a_final_state::<ApprenticeshipStatus>(0, &choices));
            prop_assert!(machine_checks::walk_reaches_a_final_state::<ApprenticeshipProgrammeStatus>(0, &choices));
        }

        #[test]
        fn report_months_stay_within_the_period(start_days in 0i64..3000, length in 1i64..365, today_days in 0i64..800) {
            let starts_on = date(2020, 1, 1) + chrono::Duration::days(start_days);
            let ends_on = starts_on + chrono::Duration::days(length);
            let Ok(period) = ApprenticeshipPeriod::new(starts_on, ends_on) else {
                return Ok(());
            };
            let today = starts_on + chrono::Duration::days(today_days);
            for month in period.progress_report_months(today) {
                prop_assert!(month.last_day() >= starts_on && month.first_day() <= ends_on);
                prop_assert!(month.last_day() < today);
            }
        }
    }
}
