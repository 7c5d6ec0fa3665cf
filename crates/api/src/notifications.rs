//! The notification worker: delivers `notification_outbox` rows and runs the periodic producers that write them.
//!
//! Delivery. Each round claims up to a batch of due pending rows with `SELECT … FOR UPDATE SKIP LOCKED` inside a
//! transaction, so several `jembatan serve` processes never claim the same row. For each row it looks up the
//! recipient's address *now* (users.email / users.phone, or the seeker's e-mail / phone; the outbox never holds
//! one), sends through the channel's [`Sender`], and in the same transaction marks the row `sent` — or, when the
//! send failed, counts the attempt, keeps the error and schedules the next try with exponential backoff
//! (`base × 2^(attempts−1)`), giving up (`failed`) after `max_attempts`.
//!
//! Delivery is at-least-once: if the process dies after a send succeeded but before its transaction committed, the
//! row is still pending and is sent again. The window is one send plus one UPDATE; a restart never re-sends a row
//! whose transaction committed.
//!
//! Producers (idempotent `INSERT … SELECT … ON CONFLICT (dedupe_key) DO NOTHING`, so running them again writes
//! nothing new):
//! - follow-up due: every unrecorded placement follow-up due today or earlier → the user who recorded the
//!   placement (the officer, or the employer's staff for a hire they recorded), `followup_due:<follow-up id>`;
//! - re-report due: every active AK/I card whose six-monthly re-report is due → the seeker,
//!   `rereport_due:<seeker id>:<due date>`;
//! - vacancy match: every vacancy opened in the last [`MATCH_WINDOW_DAYS`] days × every seeker who consented to
//!   alerts and whose saved preferences it fits (a preferred occupation, and the kecamatan, employment type and
//!   expected monthly wage when the seeker gave them) → the seeker, `vacancy_match:<vacancy>:<seeker>`. A producer
//!   scanning newly opened vacancies, rather than a write inside the publish handler, keeps the vacancy
//!   transaction short and catches vacancies opened by any path; the dedupe key makes the rescans harmless.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Date, Integer, Jsonb, Nullable, Text, Timestamptz};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use futures_util::future::BoxFuture;
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::db::DbPool;

/// How many days after opening a vacancy is still matched against saved preferences.
pub const MATCH_WINDOW_DAYS: i32 = 7;

/// One message ready to go: where to, what about, and the template data.
#[derive(Debug, Clone)]
pub struct OutgoingMessage {
    pub notification_id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// `application_stage_changed`, `vacancy_match`, `followup_due` or `rereport_due`.
    pub kind: String,
    /// E-mail address or phone number, looked up at send time. Never log it.
    pub address: String,
    pub payload: serde_json::Value,
}

impl OutgoingMessage {
    /// A short subject line in Bahasa Indonesia.
    pub fn subject(&self) -> &'static str {
        match self.kind.as_str() {
            "application_stage_changed" => "Status lamaran Anda berubah",
            "vacancy_match" => "Lowongan baru sesuai minat Anda",
            "followup_due" => "Waktunya tindak lanjut penempatan",
            "rereport_due" => "Waktunya lapor ulang kartu AK/I",
            _ => "Pemberitahuan Jembatan",
        }
    }

    /// The text: the subject and the template data, one `key: value` line each.
    pub fn body(&self) -> String {
        let mut text = format!("{}\n\n", self.subject());
        if let Some(fields) = self.payload.as_object() {
            for (key, value) in fields {
                let value = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                text.push_str(&format!("{key}: {value}\n"));
            }
        }
        text
    }
}

/// Delivers one message; `Err` carries a short reason (never the address) and the worker retries later.
pub trait Sender: Send + Sync {
    fn send<'a>(&'a self, message: &'a OutgoingMessage) -> BoxFuture<'a, Result<(), String>>;
}

/// Writes one tracing line per message (without the address): the default, and the SMS channel until a gateway
/// is chosen.
#[derive(Debug, Default, Clone, Copy)]
pub struct LogSender;

impl Sender for LogSender {
    fn send<'a>(&'a self, message: &'a OutgoingMessage) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            tracing::info!(
                notification_id = message.notification_id,
                channel = %message.channel,
                kind = %message.kind,
                "notification delivered to the log"
            );
            Ok(())
        })
    }
}

/// Sends e-mail through an SMTP relay (STARTTLS), configured by `SMTP_HOST`, `SMTP_PORT`, `SMTP_FROM` and
/// optionally `SMTP_USERNAME` / `SMTP_PASSWORD`.
pub struct SmtpSender {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpSender {
    /// The sender for these settings, or `None` when no SMTP host is configured.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Option<SmtpSender>> {
        let Some(host) = settings.smtp_host.as_deref() else {
            return Ok(None);
        };
        let from = settings
            .smtp_from
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("SMTP_FROM is required with SMTP_HOST"))?
            .parse()?;
        let mut builder =
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::starttls_relay(host)?
                .port(settings.smtp_port);
        if let (Some(user), Some(password)) = (&settings.smtp_username, &settings.smtp_password) {
            builder =
                builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
                    user.clone(),
                    password.expose_secret().to_string(),
                ));
        }
        Ok(Some(SmtpSender {
            transport: builder.build(),
            from,
        }))
    }
}

impl Sender for SmtpSender {
    fn send<'a>(&'a self, message: &'a OutgoingMessage) -> BoxFuture<'a, Result<(), String>> {
        use lettre::AsyncTransport;
        Box::pin(async move {
            let to: lettre::message::Mailbox = message
                .address
                .parse()
                .map_err(|_| "the recipient's e-mail address is not valid".to_string())?;
            let email = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(message.subject())
                .body(message.body())
                .map_err(|error| format!("building the e-mail failed: {error}"))?;
            self.transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|error| format!("smtp: {error}"))
        })
    }
}

/// The sender of each channel.
#[derive(Clone)]
pub struct Senders {
    pub email: Arc<dyn Sender>,
    pub sms: Arc<dyn Sender>,
}

impl Senders {
    /// Everything to the log.
    pub fn log_only() -> Senders {
        Senders {
            email: Arc::new(LogSender),
            sms: Arc::new(LogSender),
        }
    }

    /// SMTP for e-mail when configured (else the log); the log for SMS.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Senders> {
        let email: Arc<dyn Sender> = match SmtpSender::from_settings(settings)? {
            Some(smtp) => Arc::new(smtp),
            None => Arc::new(LogSender),
        };
        Ok(Senders {
            email,
            sms: Arc::new(LogSender),
        })
    }

    fn for_channel(&self, channel: &str) -> &Arc<dyn Sender> {
        if channel == "sms" {
            &self.sms
        } else {
            &self.email
        }
    }
}

/// Retry policy and batch size.
#[derive(Debug, Clone, Copy)]
pub struct DeliveryPolicy {
    /// Rows claimed per round.
    pub batch_size: i64,
    /// A row is marked `failed` after this many failed sends.
    pub max_attempts: i32,
    /// Wait after the first failure; doubled after each further one.
    pub base_backoff: Duration,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        DeliveryPolicy {
            batch_size: 50,
            max_attempts: 6,
            base_backoff: Duration::from_secs(60),
        }
    }
}

impl DeliveryPolicy {
    /// The wait before the next try after `attempts` failed sends (1 → base, 2 → 2×base, 3 → 4×base …).
    pub fn backoff(&self, attempts: i32) -> Duration {
        let exponent = u32::try_from(attempts.saturating_sub(1))
            .unwrap_or(0)
            .min(16);
        self.base_backoff.saturating_mul(2u32.pow(exponent))
    }
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryRound {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// What one producer round wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ProducerRound {
    pub followups_due: usize,
    pub rereports_due: usize,
    pub vacancy_matches: usize,
}

#[derive(QueryableByName)]
struct ClaimedRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    channel: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Jsonb)]
    payload: serde_json::Value,
    #[diesel(sql_type = Integer)]
    attempts: i32,
    #[diesel(sql_type = Nullable<Text>)]
    address: Option<String>,
}

/// Delivers notifications and produces the periodic ones. Build it with the senders to use (tests pass a sender
/// they can observe).
#[derive(Clone)]
pub struct NotificationWorker {
    pool: DbPool,
    senders: Senders,
    policy: DeliveryPolicy,
}

impl NotificationWorker {
    pub fn new(pool: DbPool, senders: Senders, policy: DeliveryPolicy) -> NotificationWorker {
        NotificationWorker {
            pool,
            senders,
            policy,
        }
    }

    /// Claims the pending rows due at `now` (skipping rows another worker holds), sends them, and records the
    /// outcome, all in one transaction.
    #[tracing::instrument(skip(self))]
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> anyhow::Result<DeliveryRound> {
        let mut connection = self.pool.get().await?;
        let senders = &self.senders;
        let policy = self.policy;
        connection
            .transaction::<_, anyhow::Error, _>(async |connection| {
                let rows: Vec<ClaimedRow> = diesel::sql_query(
                    "SELECT o.id, o.channel, o.kind, o.payload, o.attempts, \
                            CASE WHEN o.channel = 'sms' THEN coalesce(s.phone, u.phone, su.phone) \
                                 ELSE coalesce(u.email, s.email, su.email) END AS address \
                     FROM notification_outbox o \
                     LEFT JOIN users u ON u.id = o.recipient_user_id AND u.disabled_at IS NULL \
                     LEFT JOIN seekers s ON s.id = o.recipient_seeker_id \
                     LEFT JOIN users su ON su.id = s.user_id AND su.disabled_at IS NULL \
                     WHERE o.status = 'pending' AND o.next_attempt_at <= $1 \
                     ORDER BY o.next_attempt_at, o.id \
                     LIMIT $2 \
                     FOR UPDATE OF o SKIP LOCKED",
                )
                .bind::<Timestamptz, _>(now)
                .bind::<BigInt, _>(policy.batch_size)
                .load(connection)
                .await?;
                let mut round = DeliveryRound::default();
                for row in rows {
                    let attempts = row.attempts + 1;
                    let outcome = match row.address {
                        None => Err("the recipient has no address for this channel".to_string()),
                        Some(address) => {
                            let message = OutgoingMessage {
                                notification_id: row.id,
                                channel: row.channel.clone(),
                                kind: row.kind,
                                address,
                                payload: row.payload,
                            };
                            senders.for_channel(&row.channel).send(&message).await
                        }
                    };
                    match outcome {
                        Ok(()) => {
                            mark(connection, row.id, "sent", attempts, now, None, Some(now))
                                .await?;
                            round.sent += 1;
                        }
                        Err(error) if attempts >= policy.max_attempts => {
                            mark(
                                connection,
                                row.id,
                                "failed",
                                attempts,
                                now,
                                Some(&error),
                                None,
                            )
                            .await?;
                            tracing::warn!(
                                notification_id = row.id,
                                attempts,
                                error,
                                "notification failed for good"
                            );
                            round.failed += 1;
                        }
                        Err(error) => {
                            let next = now
                                + chrono::Duration::from_std(policy.backoff(attempts))
                                    .unwrap_or(chrono::Duration::hours(1));
                            mark(
                                connection,
                                row.id,
                                "pending",
                                attempts,
                                next,
                                Some(&error),
                                None,
                            )
                            .await?;
                            round.retried += 1;
                        }
                    }
                }
                Ok(round)
            })
            .await
    }

    /// Runs the three producers for `today` (a Balikpapan date).
    #[tracing::instrument(skip(self))]
    pub async fn produce(&self, today: NaiveDate) -> anyhow::Result<ProducerRound> {
        let mut connection = self.pool.get().await?;
        Ok(ProducerRound {
            followups_due: produce_followups_due(&mut connection, today).await?,
            rereports_due: produce_rereports_due(&mut connection, today).await?,
            vacancy_matches: produce_vacancy_matches(&mut connection, today).await?,
        })
    }

    /// Produces and delivers now and then every `every`, for as long as the task lives; failures are logged and
    /// retried at the next tick.
    pub async fn run_periodically(self, every: Duration) {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(error) = self
                .produce(crate::vacancy_expiry::balikpapan_today())
                .await
            {
                tracing::warn!(
                    error = format!("{error:#}"),
                    "producing notifications failed"
                );
            }
            loop {
                match self.deliver_due(Utc::now()).await {
                    Ok(round) if round.sent + round.retried + round.failed > 0 => {
                        tracing::info!(
                            sent = round.sent,
                            retried = round.retried,
                            failed = round.failed,
                            "notifications"
                        );
                        let claimed = round.sent + round.retried + round.failed;
                        if i64::try_from(claimed).unwrap_or(0) < self.policy.batch_size {
                            break;
                        }
                    }
                    Ok(_) => break,
                    Err(error) => {
                        tracing::warn!(
                            error = format!("{error:#}"),
                            "delivering notifications failed"
                        );
                        break;
                    }
                }
            }
        }
    }
}

async fn mark(
    connection: &mut AsyncPgConnection,
    id: i64,
    status: &str,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    last_error: Option<&str>,
    sent_at: Option<DateTime<Utc>>,
) -> diesel::QueryResult<()> {
    let last_error = last_error.map(|error| error.chars().take(500).collect::<String>());
    diesel::sql_query(
        "UPDATE notification_outbox SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, \
                sent_at = $6 WHERE id = $1",
    )
    .bind::<BigInt, _>(id)
    .bind::<Text, _>(status)
    .bind::<Integer, _>(attempts)
    .bind::<Timestamptz, _>(next_attempt_at)
    .bind::<Nullable<Text>, _>(last_error)
    .bind::<Nullable<Timestamptz>, _>(sent_at)
    .execute(connection)
    .await?;
    Ok(())
}

/// One `followup_due` per unrecorded follow-up due on or before `today`, to the user who recorded the placement.
pub async fn produce_followups_due(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
) -> diesel::QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO notification_outbox (recipient_user_id, channel, kind, payload, dedupe_key) \
         SELECT p.recorded_by, 'email', 'followup_due', \
                jsonb_build_object('followup_id', f.id, 'placement_id', p.id, 'offset_months', f.offset_months, \
                                   'due_on', f.due_on, 'employer_name', p.employer_name), \
                'followup_due:' || f.id \
         FROM placement_followups f JOIN placements p ON p.id = f.placement_id \
         WHERE f.outcome IS NULL AND f.due_on <= $1 \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind::<Date, _>(today)
    .execute(connection)
    .await
}

/// One `rereport_due` per active, not erased AK/I card whose re-report is due on or before `today` (e-mail when
/// the seeker has an address, else SMS when they have a phone).
pub async fn produce_rereports_due(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
) -> diesel::QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO notification_outbox (recipient_seeker_id, channel, kind, payload, dedupe_key) \
         SELECT s.id, CASE WHEN coalesce(s.email, u.email) IS NOT NULL THEN 'email' ELSE 'sms' END, 'rereport_due', \
                jsonb_build_object('due_on', s.next_report_due_on, 'registration_number', s.registration_number), \
                'rereport_due:' || s.id || ':' || s.next_report_due_on \
         FROM seekers s LEFT JOIN users u ON u.id = s.user_id \
         WHERE s.status = 'active' AND s.erased_at IS NULL AND s.next_report_due_on <= $1 \
           AND (coalesce(s.email, u.email) IS NOT NULL OR s.phone IS NOT NULL) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind::<Date, _>(today)
    .execute(connection)
    .await
}

/// One `vacancy_match` per (vacancy opened in the last [`MATCH_WINDOW_DAYS`] days, seeker whose preferences it
/// fits and who consented to alerts).
pub async fn produce_vacancy_matches(
    connection: &mut AsyncPgConnection,
    today: NaiveDate,
) -> diesel::QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO notification_outbox (recipient_seeker_id, channel, kind, payload, dedupe_key) \
         SELECT s.id, CASE WHEN coalesce(s.email, u.email) IS NOT NULL THEN 'email' ELSE 'sms' END, 'vacancy_match', \
                jsonb_build_object('vacancy_id', v.id, 'title', v.title, 'employer_name', e.name, \
                                   'valid_until', v.valid_until), \
                'vacancy_match:' || v.id || ':' || s.id \
         FROM vacancies v \
         JOIN employers e ON e.id = v.employer_id AND e.verification_status = 'verified' \
         JOIN seeker_preferred_occupations po ON po.kbji_code = v.kbji_code \
         JOIN seekers s ON s.id = po.seeker_id \
         LEFT JOIN users u ON u.id = s.user_id \
         WHERE v.status = 'open' AND v.valid_until >= $1 \
           AND v.published_at >= ($1 - $2)::timestamp AT TIME ZONE 'Asia/Makassar' \
           AND s.status = 'active' AND s.erased_at IS NULL AND s.open_to_work AND s.consent_receive_alerts \
           AND (coalesce(s.email, u.email) IS NOT NULL OR s.phone IS NOT NULL) \
           AND (cardinality(s.preferred_employment_types) = 0 OR v.employment_type = ANY(s.preferred_employment_types)) \
           AND (NOT EXISTS (SELECT 1 FROM seeker_preferred_regions r WHERE r.seeker_id = s.id) \
                OR v.region_code IS NULL OR v.region_code = '64.71' \
                OR EXISTS (SELECT 1 FROM seeker_preferred_regions r WHERE r.seeker_id = s.id AND r.region_code = v.region_code)) \
           AND (s.expected_wage_rupiah IS NULL OR v.wage_period <> 'bulanan' \
                OR coalesce(v.wage_max_rupiah, v.wage_min_rupiah) >= s.expected_wage_rupiah) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind::<Date, _>(today)
    .bind::<Integer, _>(MATCH_WINDOW_DAYS)
    .execute(connection)
    .await
}

/// Starts the worker for a server: the configured senders, the default policy, every
/// `NOTIFICATION_INTERVAL_SECS`.
pub fn spawn(pool: DbPool, senders: Senders, settings: &Settings) -> tokio::task::JoinHandle<()> {
    let worker = NotificationWorker::new(pool, senders, DeliveryPolicy::default());
    let every = Duration::from_secs(settings.notification_interval_secs.max(1));
    tokio::spawn(worker.run_periodically(every))
}
