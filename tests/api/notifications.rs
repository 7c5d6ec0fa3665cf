//! The notification worker against a real database: delivery once, retries with backoff, racing workers, and
//! idempotent producers. The worker is driven directly with a recording sender (test servers run without it).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use futures_util::future::{BoxFuture, join_all};
use jembatan_api::notifications::{
    DeliveryPolicy, NotificationWorker, OutgoingMessage, Sender, Senders,
};
use jembatan_tests::apprenticeships::insert_seeker;
use jembatan_tests::vacancies::{
    count, employer_with_staff, execute, officer_token, open_vacancy, today, welder_vacancy,
};
use jembatan_tests::{TestApp, spawn_app};
use uuid::Uuid;

/// Records every message it is given; fails every send when `fail` is set.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<(i64, String)>>,
    fail: bool,
    delay: Option<Duration>,
}

impl Sender for Recorder {
    fn send<'a>(&'a self, message: &'a OutgoingMessage) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            if let Some(delay) = self.delay {
                tokio::time::sleep(delay).await;
            }
            if self.fail {
                return Err("relay refused the message".to_string());
            }
            self.sent
                .lock()
                .expect("lock")
                .push((message.notification_id, message.address.clone()));
            Ok(())
        })
    }
}

fn worker(app: &TestApp, recorder: Arc<Recorder>, policy: DeliveryPolicy) -> NotificationWorker {
    let pool = jembatan_api::db::build_pool(&app.database.url, 4).expect("a pool");
    NotificationWorker::new(
        pool,
        Senders {
            email: recorder.clone(),
            sms: recorder,
        },
        policy,
    )
}

async fn enqueue_for_seeker(app: &TestApp, seeker: Uuid, key: &str) {
    execute(
        app,
        &format!(
            "INSERT INTO notification_outbox (recipient_seeker_id, channel, kind, payload, dedupe_key) \
             VALUES ('{seeker}', 'email', 'rereport_due', '{{\"due_on\": \"2026-12-01\"}}', '{key}')"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_notification_is_delivered_once_to_the_address_looked_up_at_send_time() {
    let app = spawn_app().await;
    let seeker = insert_seeker(&app, None).await;
    enqueue_for_seeker(&app, seeker, "test:1").await;
    execute(
        &app,
        &format!("UPDATE seekers SET email = 'baru@contoh.id' WHERE id = '{seeker}'"),
    )
    .await;
    let recorder = Arc::new(Recorder::default());
    let worker = worker(&app, recorder.clone(), DeliveryPolicy::default());

    let first = worker.deliver_due(Utc::now()).await.expect("delivers");
    assert_eq!(first.sent, 1);
    let second = worker.deliver_due(Utc::now()).await.expect("delivers");
    assert_eq!(second.sent, 0);
    let sent = recorder.sent.lock().expect("lock").clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].1, "baru@contoh.id",
        "the address of now, not a copy"
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM notification_outbox WHERE status = 'sent' AND sent_at IS NOT NULL AND attempts = 1").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_sender_is_retried_with_exponential_backoff_and_then_marked_failed() {
    let app = spawn_app().await;
    let seeker = insert_seeker(&app, None).await;
    enqueue_for_seeker(&app, seeker, "test:retry").await;
    let recorder = Arc::new(Recorder {
        fail: true,
        ..Recorder::default()
    });
    let policy = DeliveryPolicy {
        batch_size: 10,
        max_attempts: 3,
        base_backoff: Duration::from_secs(60),
    };
    let worker = worker(&app, recorder, policy);
    let start = Utc::now();

    assert_eq!(worker.deliver_due(start).await.expect("round").retried, 1);
    let waiting = "SELECT count(*) AS count FROM notification_outbox WHERE status = 'pending' AND attempts = {n} \
                   AND last_error = 'relay refused the message' \
                   AND next_attempt_at BETWEEN '{from}'::timestamptz AND '{to}'::timestamptz";
    let check = |n: i32, wait: i64| {
        waiting
            .replace("{n}", &n.to_string())
            .replace(
                "{from}",
                &(start + chrono::Duration::seconds(wait - 1)).to_rfc3339(),
            )
            .replace(
                "{to}",
                &(start + chrono::Duration::seconds(wait + 1)).to_rfc3339(),
            )
    };
    assert_eq!(
        count(&app, &check(1, 60)).await,
        1,
        "first retry after the base wait"
    );
    let early = worker
        .deliver_due(start + chrono::Duration::seconds(30))
        .await
        .expect("round");
    assert_eq!(early.retried + early.sent + early.failed, 0, "not due yet");

    let second_try = start + chrono::Duration::seconds(61);
    assert_eq!(
        worker.deliver_due(second_try).await.expect("round").retried,
        1
    );
    let doubled = waiting
        .replace("{n}", "2")
        .replace(
            "{from}",
            &(second_try + chrono::Duration::seconds(119)).to_rfc3339(),
        )
        .replace(
            "{to}",
            &(second_try + chrono::Duration::seconds(121)).to_rfc3339(),
        );
    assert_eq!(count(&app, &doubled).await, 1, "the wait doubles");

    let third_try = second_try + chrono::Duration::seconds(121);
    assert_eq!(
        worker.deliver_due(third_try).await.expect("round").failed,
        1
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM notification_outbox WHERE status = 'failed' AND attempts = 3").await,
        1
    );
    let after = worker
        .deliver_due(third_try + chrono::Duration::days(1))
        .await
        .expect("round");
    assert_eq!(
        after.retried + after.failed,
        0,
        "a failed row is left alone"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_racing_never_send_one_row_twice() {
    let app = spawn_app().await;
    let seeker = insert_seeker(&app, None).await;
    for n in 0..24 {
        enqueue_for_seeker(&app, seeker, &format!("test:race:{n}")).await;
    }
    let recorder = Arc::new(Recorder {
        delay: Some(Duration::from_millis(5)),
        ..Recorder::default()
    });
    let policy = DeliveryPolicy {
        batch_size: 4,
        ..DeliveryPolicy::default()
    };
    let first = worker(&app, recorder.clone(), policy);
    let second = worker(&app, recorder.clone(), policy);
    for _ in 0..10 {
        let now = Utc::now();
        join_all([
            first.deliver_due(now),
            second.deliver_due(now),
            first.deliver_due(now),
            second.deliver_due(now),
        ])
        .await
        .into_iter()
        .for_each(|round| {
            round.expect("a round succeeds");
        });
    }
    let mut ids: Vec<i64> = recorder
        .sent
        .lock()
        .expect("lock")
        .iter()
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(ids.len(), 24, "every row sent");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 24, "no row sent twice");
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM notification_outbox WHERE status = 'sent' AND attempts = 1").await,
        24
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn producers_write_each_due_event_once_however_often_they_run() {
    let app = spawn_app().await;
    let t = today();
    // A re-report due 17 days ago.
    let overdue = insert_seeker(&app, None).await;
    execute(
        &app,
        &format!(
            "UPDATE seekers SET registered_on = '{t}'::date - 200, last_reported_on = '{t}'::date - 200, \
             next_report_due_on = '{t}'::date - 17 WHERE id = '{overdue}'"
        ),
    )
    .await;
    // A seeker who wants welding jobs and alerts, and an open welding vacancy.
    let welder = insert_seeker(&app, None).await;
    execute(
        &app,
        &format!(
            "UPDATE seekers SET consent_receive_alerts = true WHERE id = '{welder}'; \
             INSERT INTO seeker_preferred_occupations (seeker_id, kbji_code) VALUES ('{welder}', '7212.01')"
        ),
    )
    .await;
    let not_interested = insert_seeker(&app, None).await;
    execute(
        &app,
        &format!("INSERT INTO seeker_preferred_occupations (seeker_id, kbji_code) VALUES ('{not_interested}', '7212.01')"),
    )
    .await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let vacancy = open_vacancy(&app, &employer.token, &officer, &welder_vacancy())
        .await
        .id();
    // A placement whose 3-month follow-up was due yesterday.
    let placed = insert_seeker(&app, None).await;
    let officer_user = app.create_user("officer", "followup@disnaker.test").await;
    let placement = Uuid::now_v7();
    execute(
        &app,
        &format!(
            "INSERT INTO placements (id, seeker_id, employer_name, kbji_code, start_date, employment_type, channel, \
                                     evidence, recorded_by, report_month) \
             VALUES ('{placement}', '{placed}', 'PT Uji', '7212.01', '{t}'::date - 92, 'pkwt', 'counter', 'SK-9', \
                     '{}', date_trunc('month', '{t}'::date - 92)::date); \
             INSERT INTO placement_followups (placement_id, offset_months, due_on) VALUES \
               ('{placement}', 3, '{t}'::date - 1), ('{placement}', 6, '{t}'::date + 90)",
            officer_user.id
        ),
    )
    .await;

    let worker = worker(
        &app,
        Arc::new(Recorder::default()),
        DeliveryPolicy::default(),
    );
    let first = worker.produce(today()).await.expect("produces");
    assert_eq!(
        (
            first.followups_due,
            first.rereports_due,
            first.vacancy_matches
        ),
        (1, 1, 1)
    );
    let again = worker.produce(today()).await.expect("produces");
    assert_eq!(
        (
            again.followups_due,
            again.rereports_due,
            again.vacancy_matches
        ),
        (0, 0, 0)
    );
    let keys = [
        format!("vacancy_match:{vacancy}:{welder}"),
        format!(
            "rereport_due:{overdue}:{}",
            today() - chrono::Duration::days(17)
        ),
    ];
    for key in keys {
        assert_eq!(
            count(
                &app,
                &format!(
                    "SELECT count(*) AS count FROM notification_outbox WHERE dedupe_key = '{key}'"
                )
            )
            .await,
            1,
            "{key}"
        );
    }
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS count FROM notification_outbox WHERE kind = 'followup_due' \
                 AND recipient_user_id = '{}' AND payload->>'offset_months' = '3' AND NOT payload ? 'seeker_id'",
                officer_user.id
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM notification_outbox").await,
        3
    );
}
