//! `jembatan seed --demo`: a realistic data set that loads through the real schema, twice without duplicates.

use diesel::QueryableByName;
use diesel::sql_types::BigInt;
use diesel_async::RunQueryDsl;
use jembatan_api::pii::NikProtector;
use jembatan_api::seed::{DemoOptions, load_demo};
use jembatan_tests::{TestApp, spawn_app};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut connection = app.db().await;
    let row: Count = diesel::sql_query(sql)
        .get_result(&mut connection)
        .await
        .expect("count query");
    row.count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_loads_a_balikpapan_sized_data_set_and_a_second_run_adds_nothing() {
    let app = spawn_app().await;
    let pool = jembatan_api::db::build_pool(&app.database.url, 4).expect("pool");
    let nik = NikProtector::new(None);
    let options = DemoOptions {
        seed: DemoOptions::DEFAULT_SEED,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date"),
        seekers: 2000,
    };
    let first = load_demo(&pool, &nik, &options)
        .await
        .expect("the demo loads");
    assert!(first.inserted() > 20_000, "{first}");

    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM seekers").await,
        2000
    );
    let employers = count(&app, "SELECT count(*) AS count FROM employers").await;
    assert!(
        (25..=40).contains(&employers),
        "about 30 employers, got {employers}"
    );
    let vacancies = count(&app, "SELECT count(*) AS count FROM vacancies").await;
    assert!(
        (140..=160).contains(&vacancies),
        "about 150 vacancies, got {vacancies}"
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM training_programmes").await,
        8
    );
    assert!(count(&app, "SELECT count(*) AS count FROM certificates").await > 100);
    // Placements spread over the last 12 months.
    let months = count(
        &app,
        "SELECT count(DISTINCT report_month) AS count FROM placements WHERE report_month > DATE '2025-11-01'",
    )
    .await;
    assert!(months >= 11, "placements in {months} distinct months");

    let second = load_demo(&pool, &nik, &options)
        .await
        .expect("the demo loads again");
    assert_eq!(
        second.inserted(),
        0,
        "a second run inserts nothing: {second}"
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM seekers").await,
        2000
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_accounts_can_log_in_with_the_documented_password() {
    let app = spawn_app().await;
    let pool = jembatan_api::db::build_pool(&app.database.url, 4).expect("pool");
    let options = DemoOptions {
        seekers: 50,
        ..DemoOptions::default()
    };
    load_demo(&pool, &NikProtector::new(None), &options)
        .await
        .expect("the demo loads");
    let response = app
        .post_json(
            "/api/v1/auth/login",
            &serde_json::json!({ "email": "officer1@demo.jembatan.id", "password": jembatan_api::seed::DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(response.status(), 200);
}
