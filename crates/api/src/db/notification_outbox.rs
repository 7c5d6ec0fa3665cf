//! Queries on `notification_outbox`: a notification is written in the same transaction as the event it announces
//! (a stage change, a follow-up falling due, ...), and delivered later by the notification worker. The unique
//! `dedupe_key` makes writing the same event twice (a retry, a restart of a periodic job) a no-op.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::notification_outbox;

/// What a notification is about (the `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// An application moved to another stage (to the seeker).
    ApplicationStageChanged,
    /// A newly opened vacancy matches a seeker's saved preferences (to the seeker).
    VacancyMatch,
    /// A placement follow-up is due (to officers / the employer).
    FollowupDue,
    /// A seeker's six-monthly re-report (lapor ulang) is due (to the seeker).
    RereportDue,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ApplicationStageChanged => "application_stage_changed",
            Self::VacancyMatch => "vacancy_match",
            Self::FollowupDue => "followup_due",
            Self::RereportDue => "rereport_due",
        }
    }
}

/// How it is delivered (the `channel` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }
}

/// Who receives it: a user account, or a seeker (who may have no account: counter registration). The address is
/// looked up when sending, never copied into the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    User(Uuid),
    Seeker(Uuid),
}

/// A notification to write.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub recipient: Recipient,
    pub channel: Channel,
    pub kind: NotificationKind,
    /// Template data (an object); never a NIK or contact details.
    pub payload: serde_json::Value,
    /// A deterministic key of the event, e.g. `application_stage_changed:<change id>`.
    pub dedupe_key: String,
}

/// Writes `notification` unless one with the same dedupe key exists. Call inside the event's transaction.
/// Returns whether a row was written.
pub async fn enqueue(
    connection: &mut AsyncPgConnection,
    notification: &NewNotification,
) -> QueryResult<bool> {
    let (user_id, seeker_id) = match notification.recipient {
        Recipient::User(id) => (Some(id), None),
        Recipient::Seeker(id) => (None, Some(id)),
    };
    let written = diesel::insert_into(notification_outbox::table)
        .values((
            notification_outbox::recipient_user_id.eq(user_id),
            notification_outbox::recipient_seeker_id.eq(seeker_id),
            notification_outbox::channel.eq(notification.channel.as_str()),
            notification_outbox::kind.eq(notification.kind.as_str()),
            notification_outbox::payload.eq(&notification.payload),
            notification_outbox::dedupe_key.eq(&notification.dedupe_key),
        ))
        .on_conflict(notification_outbox::dedupe_key)
        .do_nothing()
        .execute(connection)
        .await?;
    Ok(written == 1)
}
