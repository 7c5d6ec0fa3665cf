//! Support for the search tests: servers that can be stopped and started again on the same database and index
//! directory (or a second server on the same database), waiting until every committed change is searchable, and
//! short ways to give seekers evidence and to open vacancies with given units.

use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use diesel_async::RunQueryDsl;
use jembatan_api::config::Settings;
use jembatan_api::db;
use jembatan_api::startup::Application;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::seekers::{RegisteredSeeker, post_json_as, register_seeker_with};
use crate::vacancies::{days_from_today, open_vacancy, today, welder_vacancy};
use crate::{TestApp, TestDatabase};

/// SKKNI units the search tests use (inserted by [`seed_search_reference_data`]).
pub const WELD_PLATE: &str = "C.251100.001.01";
pub const WELD_PIPE: &str = "C.251100.002.01";
pub const WELD_DRAWING: &str = "C.251100.009.01";
pub const EXCAVATOR: &str = "F.439900.001.01";

/// A test server that can be stopped: the app, and what stops it.
pub struct RunningApp {
    pub app: TestApp,
    handle: ServerHandle,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Starts a server on `database` with its index in `index_dir` (retrying while a stopped server on the same
/// directory lets go of it).
pub async fn start_on(database: TestDatabase, index_dir: tempfile::TempDir) -> RunningApp {
    let settings = Settings::for_database(database.url.clone(), index_dir.path().to_path_buf());
    let pool =
        db::build_pool(&database.url, settings.database_pool_size).expect("a connection pool");
    let started = Instant::now();
    let application = loop {
        match Application::build(settings.clone(), pool.clone()) {
            Ok(application) => break application,
            Err(error) if started.elapsed() < Duration::from_secs(10) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let _ = error;
            }
            Err(error) => panic!("the application does not start: {error:#}"),
        }
    };
    let port = application.port();
    let handle = application.handle();
    let server = tokio::spawn(application.run_until_stopped());
    RunningApp {
        app: TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            client: reqwest::Client::new(),
            database,
            index_dir,
        },
        handle,
        server,
    }
}

/// A fresh database and index directory with a server on them.
pub async fn start_fresh() -> RunningApp {
    let database = TestDatabase::create().await;
    let index_dir = tempfile::tempdir().expect("a temporary index directory");
    start_on(database, index_dir).await
}

impl RunningApp {
    /// Stops the server and hands back its database and index directory, both kept.
    pub async fn stop(self) -> (TestDatabase, tempfile::TempDir) {
        self.handle.stop(true).await;
        let _ = self.server.await;
        (self.app.database, self.app.index_dir)
    }
}

/// A second server on the same database as `app`, with an index directory of its own (it rebuilds from the
/// database). Dropped with the returned value.
pub struct SecondServer {
    pub address: String,
    _index_dir: tempfile::TempDir,
    handle: ServerHandle,
}

impl SecondServer {
    pub async fn start(app: &TestApp) -> SecondServer {
        let index_dir = tempfile::tempdir().expect("a temporary index directory");
        let settings =
            Settings::for_database(app.database.url.clone(), index_dir.path().to_path_buf());
        let pool = db::build_pool(&app.database.url, settings.database_pool_size).expect("a pool");
        let application = Application::build(settings, pool).expect("the second server starts");
        let address = format!("http://127.0.0.1:{}", application.port());
        let handle = application.handle();
        tokio::spawn(application.run_until_stopped());
        SecondServer {
            address,
            _index_dir: index_dir,
            handle,
        }
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

/// The search status of the server at `address`.
pub async fn search_status(client: &reqwest::Client, address: &str) -> Value {
    client
        .get(format!("{address}/health/search"))
        .send()
        .await
        .expect("the status is read")
        .json()
        .await
        .expect("json")
}

/// Waits until every transaction committed before this call is searchable on the server at `address`.
pub async fn wait_until_searchable_at(app: &TestApp, address: &str) {
    #[derive(diesel::QueryableByName)]
    struct Txid {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        txid: i64,
    }
    let mut connection = app.db().await;
    let now: Txid = diesel::sql_query("SELECT pg_current_xact_id()::text::int8 AS txid")
        .get_result(&mut connection)
        .await
        .expect("a transaction id");
    let started = Instant::now();
    loop {
        let status = search_status(&app.client, address).await;
        let watermark = status["watermark"]
            .as_str()
            .and_then(|text| text.parse::<i64>().ok())
            .unwrap_or(0);
        if status["ready"] == true && watermark >= now.txid {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the index did not catch up: {status}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// [`wait_until_searchable_at`] the app's own server.
pub async fn wait_until_searchable(app: &TestApp) {
    let address = app.address.clone();
    wait_until_searchable_at(app, &address).await;
}

/// The reference rows of the vacancy and seeker tests, plus the units the search tests name.
pub async fn seed_search_reference_data(app: &TestApp) {
    crate::vacancies::seed_reference_data(app).await;
    crate::seekers::seed_reference_data(app).await;
    crate::vacancies::execute(
        app,
        "INSERT INTO competency_units (code, title, title_en, synonyms) VALUES \
           ('C.251100.009.01', 'Membaca gambar teknik las', 'Read welding drawings', '{gambar kerja}') \
         ON CONFLICT DO NOTHING; \
         UPDATE competency_units SET title_en = 'Weld plates with manual metal arc' WHERE code = 'C.251100.001.01';",
    )
    .await;
}

/// `GET` with an optional bearer token, returning the status and the JSON body.
pub async fn get_json(
    app: &TestApp,
    address: &str,
    path: &str,
    token: Option<&str>,
) -> (u16, Value) {
    let mut request = app.client.request(Method::GET, format!("{address}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the request is sent");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Registers a consenting seeker (SMK, driving licence C) and gives them `declared` units.
pub async fn seeker_declaring(app: &TestApp, name: &str, units: &[&str]) -> RegisteredSeeker {
    let email = format!("{name}-{}@contoh.id", Uuid::now_v7().simple());
    let seeker = register_seeker_with(app, &email, |form| {
        form["preferred_regions"] = json!([]);
        form["preferred_employment_types"] = json!([]);
        form["expected_wage_rupiah"] = Value::Null;
    })
    .await;
    for unit in units {
        let response = post_json_as(
            app,
            &seeker.token,
            &format!("/api/v1/seekers/{}/competencies", seeker.id),
            &json!({ "unit_code": unit }),
        )
        .await;
        assert_eq!(response.status(), 201, "the unit {unit} is declared");
    }
    seeker
}

/// Records a certificate valid until `valid_until` (issued a year before, or on that day when it is earlier)
/// listing `units`, as the seeker.
pub async fn certify(
    app: &TestApp,
    seeker: &RegisteredSeeker,
    units: &[&str],
    valid_until: chrono::NaiveDate,
) {
    let issued_on = valid_until
        .checked_sub_days(chrono::Days::new(365))
        .expect("a date")
        .min(today());
    let response = post_json_as(
        app,
        &seeker.token,
        &format!("/api/v1/seekers/{}/certificates", seeker.id),
        &json!({
            "number": format!("LSP-{}", Uuid::now_v7().simple()),
            "scheme": "Juru Las SMAW",
            "issuer": "LSP Logam Kaltim",
            "issued_on": issued_on,
            "valid_until": valid_until,
            "units": units,
        }),
    )
    .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(status, 201, "the certificate is recorded: {body}");
}

/// Opens a welder vacancy (no licence, minimum education SMK) with `units` as `(code, requirement, minimum)`.
pub async fn open_vacancy_with_units(
    app: &TestApp,
    employer_token: &str,
    officer: &str,
    title: &str,
    units: &[(&str, &str, Option<&str>)],
) -> Uuid {
    let mut body = welder_vacancy();
    body["title"] = json!(title);
    body["description"] = json!(format!("Lowongan {title} untuk proyek di Balikpapan."));
    body["requirements"] = json!(format!("Lulusan SMK, siap bekerja sebagai {title}."));
    body["driving_licences"] = json!([]);
    body["valid_until"] = json!(days_from_today(90));
    body["units"] = json!(
        units
            .iter()
            .map(|(code, requirement, minimum)| json!({
                "unit_code": code,
                "requirement": requirement,
                "min_evidence_level": minimum,
            }))
            .collect::<Vec<_>>()
    );
    open_vacancy(app, employer_token, officer, &body).await.id()
}

/// The `seeker_id`s of a matches page, in order.
pub fn seeker_ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["seeker_id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The vacancy titles of a search or recommendations page, in order.
pub fn vacancy_titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["vacancy"]["title"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
