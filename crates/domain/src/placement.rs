//! Placements (penempatan) and their follow-ups: is the person still employed 3, 6 and 12 months
//! after the start date? Due dates are end-of-month safe (start 31 August → due 30 November).

use chrono::NaiveDate;

use crate::calendar::add_months;
use crate::error::Localised;
use crate::vocab::FollowupOutcome;

/// How far ahead a placement's start date may lie when it is recorded (a signed contract with a
/// later start). A policy choice, to confirm with the labour office.
pub const MAX_START_DAYS_AHEAD: i64 = 90;

/// One of the three follow-up points. Stored and sent as the number of months (3, 6, 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FollowupMilestone {
    /// Start + 3 months.
    ThreeMonths,
    /// Start + 6 months.
    SixMonths,
    /// Start + 12 months.
    TwelveMonths,
}

impl FollowupMilestone {
    /// The three milestones in order.
    pub const ALL: &'static [FollowupMilestone] = &[
        FollowupMilestone::ThreeMonths,
        FollowupMilestone::SixMonths,
        FollowupMilestone::TwelveMonths,
    ];

    /// Months after the start date.
    pub const fn months(self) -> u32 {
        match self {
            FollowupMilestone::ThreeMonths => 3,
            FollowupMilestone::SixMonths => 6,
            FollowupMilestone::TwelveMonths => 12,
        }
    }

    /// The milestone for 3, 6 or 12 months.
    pub const fn from_months(months: u32) -> Option<FollowupMilestone> {
        match months {
            3 => Some(FollowupMilestone::ThreeMonths),
            6 => Some(FollowupMilestone::SixMonths),
            12 => Some(FollowupMilestone::TwelveMonths),
            _ => None,
        }
    }

    /// When this follow-up is due for a placement that started on `start_date`.
    pub fn due_on(self, start_date: NaiveDate) -> NaiveDate {
        add_months(start_date, self.months())
    }

    /// Label in Indonesian, e.g. "3 bulan".
    pub const fn label_id(self) -> &'static str {
        match self {
            FollowupMilestone::ThreeMonths => "3 bulan",
            FollowupMilestone::SixMonths => "6 bulan",
            FollowupMilestone::TwelveMonths => "12 bulan",
        }
    }

    /// Label in English, e.g. "3 months".
    pub const fn label_en(self) -> &'static str {
        match self {
            FollowupMilestone::ThreeMonths => "3 months",
            FollowupMilestone::SixMonths => "6 months",
            FollowupMilestone::TwelveMonths => "12 months",
        }
    }
}

impl serde::Serialize for FollowupMilestone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.months())
    }
}

impl<'de> serde::Deserialize<'de> for FollowupMilestone {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let months = u32::deserialize(deserializer)?;
        FollowupMilestone::from_months(months).ok_or_else(|| {
            serde::de::Error::custom("follow-up milestone must be 3, 6 or 12 months")
        })
    }
}

/// A follow-up that should be (or have been) done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowupDue {
    /// Which one.
    pub milestone: FollowupMilestone,
    /// When.
    pub due_on: NaiveDate,
}

/// A follow-up already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedFollowup {
    /// Which one.
    pub milestone: FollowupMilestone,
    /// The answer.
    pub outcome: FollowupOutcome,
}

/// The three follow-ups of a placement with their due dates.
pub fn followup_schedule(start_date: NaiveDate) -> [FollowupDue; 3] {
    [
        FollowupMilestone::ThreeMonths,
        FollowupMilestone::SixMonths,
        FollowupMilestone::TwelveMonths,
    ]
    .map(|milestone| FollowupDue {
        milestone,
        due_on: milestone.due_on(start_date),
    })
}

/// The follow-ups an officer should do now: due on or before `today`, not yet recorded, and none
/// after a follow-up that found the person had left (there is nothing more to follow).
pub fn followups_due(
    start_date: NaiveDate,
    recorded: &[RecordedFollowup],
    today: NaiveDate,
) -> Vec<FollowupDue> {
    let left_at = recorded
        .iter()
        .filter(|followup| followup.outcome == FollowupOutcome::Left)
        .map(|followup| followup.milestone)
        .min();
    followup_schedule(start_date)
        .into_iter()
        .filter(|due| due.due_on <= today)
        .filter(|due| !recorded.iter().any(|r| r.milestone == due.milestone))
        .filter(|due| left_at.is_none_or(|left| due.milestone < left))
        .collect()
}

/// A broken placement rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    /// Start date too far ahead.
    #[error("start date must be at most {max_days} days after today")]
    StartTooFarAhead {
        /// The maximum.
        max_days: i64,
    },
    /// A follow-up observed before the start or after today.
    #[error("follow-up date must be between the start date and today")]
    FollowupDate,
}

impl Localised for PlacementError {
    fn code(&self) -> &'static str {
        match self {
            PlacementError::StartTooFarAhead { .. } => "placement_start_too_far_ahead",
            PlacementError::FollowupDate => "followup_date_out_of_range",
        }
    }

    fn message_id(&self) -> String {
        match self {
            PlacementError::StartTooFarAhead { max_days } => {
                format!("Tanggal mulai kerja paling lambat {max_days} hari setelah hari ini")
            }
            PlacementError::FollowupDate => {
                "Tanggal pemantauan harus antara tanggal mulai kerja dan hari ini".to_string()
            }
        }
    }
}

/// Checks a placement's start date when it is recorded.
pub fn check_start_date(start_date: NaiveDate, today: NaiveDate) -> Result<(), PlacementError> {
    if (start_date - today).num_days() > MAX_START_DAYS_AHEAD {
        return Err(PlacementError::StartTooFarAhead {
            max_days: MAX_START_DAYS_AHEAD,
        });
    }
    Ok(())
}

/// Checks the date a follow-up observation was made.
pub fn check_followup_date(
    start_date: NaiveDate,
    observed_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), PlacementError> {
    if observed_on < start_date || observed_on > today {
        return Err(PlacementError::FollowupDate);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use FollowupMilestone::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn follow_ups_fall_three_six_and_twelve_months_after_the_start() {
        let schedule = followup_schedule(date(2025, 8, 31));
        let dates: Vec<NaiveDate> = schedule.iter().map(|due| due.due_on).collect();
        assert_eq!(
            dates,
            vec![date(2025, 11, 30), date(2026, 2, 28), date(2026, 8, 31)]
        );
    }

    #[test]
    fn only_follow_ups_that_are_due_and_not_yet_recorded_are_listed() {
        let start = date(2025, 6, 1);
        let recorded = [RecordedFollowup {
            milestone: ThreeMonths,
            outcome: FollowupOutcome::StillEmployed,
        }];
        let due = followups_due(start, &recorded, date(2025, 12, 1));
        assert_eq!(
            due,
            vec![FollowupDue {
                milestone: SixMonths,
                due_on: date(2025, 12, 1)
            }]
        );
        assert!(followups_due(start, &[], date(2025, 8, 31)).is_empty());
    }

    #[test]
    fn nothing_more_is_due_after_the_person_has_left() {
        let recorded = [RecordedFollowup {
            milestone: ThreeMonths,
            outcome: FollowupOutcome::Left,
        }];
        assert!(followups_due(date(2025, 1, 1), &recorded, date(2026, 6, 1)).is_empty());
    }

    #[test]
    fn milestones_serialise_as_months() {
        assert_eq!(serde_json::to_string(&SixMonths).unwrap(), "6");
        assert_eq!(
            serde_json::from_str::<FollowupMilestone>("12").unwrap(),
            TwelveMonths
        );
        assert!(serde_json::from_str::<FollowupMilestone>("9").is_err());
    }

    #[test]
    fn a_start_date_may_lie_at_most_ninety_days_ahead() {
        let today = date(2026, 3, 1);
        assert_eq!(check_start_date(date(2026, 5, 30), today), Ok(()));
        assert!(check_start_date(date(2026, 5, 31), today).is_err());
        assert_eq!(check_start_date(date(2025, 1, 1), today), Ok(()));
    }

    #[test]
    fn a_follow_up_is_observed_between_start_and_today() {
        let today = date(2026, 3, 1);
        assert!(check_followup_date(date(2025, 12, 1), date(2026, 3, 1), today).is_ok());
        assert!(check_followup_date(date(2025, 12, 1), date(2025, 11, 30), today).is_err());
        assert!(check_followup_date(date(2025, 12, 1), date(2026, 3, 2), today).is_err());
    }

    proptest! {
        #[test]
        fn due_dates_are_ordered_and_after_the_start(days in 0i64..40_000) {
            let start = date(1990, 1, 1) + chrono::Duration::days(days);
            let schedule = followup_schedule(start);
            prop_assert!(start < schedule[0].due_on);
            prop_assert!(schedule[0].due_on < schedule[1].due_on);
            prop_assert!(schedule[1].due_on < schedule[2].due_on);
        }

        #[test]
        fn milestones_round_trip_through_months(months in 0u32..20) {
            if let Some(milestone) = FollowupMilestone::from_months(months) {
                prop_assert_eq!(milestone.months(), months);
            } else {
                prop_assert!(![3, 6, 12].contains(&months));
            }
        }

        #[test]
        fn a_recorded_follow_up_is_never_due_again(days in 0i64..1000, offset in 0i64..1000) {
            let start = date(2024, 1, 1) + chrono::Duration::days(days);
            let today = start + chrono::Duration::days(offset);
            let recorded: Vec<RecordedFollowup> = FollowupMilestone::ALL
                .iter()
                .map(|milestone| RecordedFollowup { milestone: *milestone, outcome: FollowupOutcome::StillEmployed })
                .collect();
            prop_assert!(followups_due(start, &recorded, today).is_empty());
        }
    }
}
