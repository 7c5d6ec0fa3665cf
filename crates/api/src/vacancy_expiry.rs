//! Vacancies close themselves when their validity ends: a background task started by `Application::build` moves
//! every verified or open vacancy whose last valid day has passed to `expired`, once at start-up and then every
//! hour, through the same state machine, history and search outbox as any other move.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::vocab::VacancyStatus;
use jembatan_domain::{Actor, Lifecycle};
use uuid::Uuid;

use crate::db::DbPool;
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::vacancies::{self, StatusColumns, StatusMove};

/// How often the expiry job runs. Validity is counted in whole days, so an hour late is harmless.
pub const EXPIRY_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Balikpapan is on WITA (UTC+8, no daylight saving): validity dates and report months are local days.
const WITA_OFFSET_HOURS: i64 = 8;

/// The calendar day in Balikpapan at `instant`.
pub fn balikpapan_date(instant: DateTime<Utc>) -> NaiveDate {
    (instant + chrono::Duration::hours(WITA_OFFSET_HOURS)).date_naive()
}

/// Today in Balikpapan.
pub fn balikpapan_today() -> NaiveDate {
    balikpapan_date(Utc::now())
}

/// Moves every verified or open vacancy whose validity ended before `today` to `expired` (actor: the system), with
/// a history row and a search outbox entry each, in one transaction. Returns the ids it expired.
#[tracing::instrument(skip(connection))]
pub async fn expire_due_vacancies(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
) -> anyhow::Result<Vec<Uuid>> {
    connection
        .transaction::<_, anyhow::Error, _>(async |connection| {
            let now = Utc::now();
            let mut expired = Vec::new();
            for (id, status, valid_until, version) in
                vacancies::lock_due_for_expiry(connection, today).await?
            {
                let current = VacancyStatus::parse(&status)?;
                if !current.should_expire(valid_until, today) {
                    continue;
                }
                let to = current.transition(VacancyStatus::Expired, Actor::System)?;
                let moved = vacancies::move_status(
                    connection,
                    id,
                    version,
                    StatusMove {
                        from: current.as_str(),
                        to: to.as_str(),
                        actor_user_id: None,
                        reason: None,
                        columns: StatusColumns {
                            expired_at: Some(now),
                            ..StatusColumns::default()
                        },
                        at: now,
                    },
                )
                .await?;
                if moved {
                    search_outbox::enqueue(connection, SearchEntity::Vacancy, id).await?;
                    expired.push(id);
                }
            }
            Ok(expired)
        })
        .await
}

/// Runs [`expire_due_vacancies`] now and then every `every`, for as long as the task lives. Failures are logged
/// and retried at the next tick.
pub async fn run_periodically(pool: DbPool, every: Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let outcome = async {
            let mut connection = pool.get().await?;
            expire_due_vacancies(&mut connection, balikpapan_today()).await
        }
        .await;
        purge_idempotency_keys(&pool).await;
        match outcome {
            Ok(expired) if !expired.is_empty() => {
                tracing::info!(count = expired.len(), "vacancies expired");
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(
                    error = format!("{error:#}"),
                    "expiring vacancies failed; retrying at the next tick"
                );
            }
        }
    }
}

/// Forgets `Idempotency-Key`s older than the replay window (housekeeping run on the same hourly tick).
async fn purge_idempotency_keys(pool: &DbPool) {
    let before = Utc::now()
        - chrono::Duration::from_std(crate::idempotency::REPLAY_WINDOW).expect("a day fits");
    let outcome = async {
        let mut connection = pool.get().await?;
        Ok::<_, anyhow::Error>(
            crate::db::idempotency_keys::purge_older_than(&mut connection, before).await?,
        )
    }
    .await;
    match outcome {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "expired idempotency keys purged"),
        Err(error) => tracing::warn!(
            error = format!("{error:#}"),
            "purging idempotency keys failed; retrying at the next tick"
        ),
    }
}
