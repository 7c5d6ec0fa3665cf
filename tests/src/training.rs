//! Helpers for the training tests: providers and their staff made through the API, a welding programme, cohorts
//! dated around today in Balikpapan, and enrolment moves with `If-Match`.

use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::TestApp;
use crate::seekers::{WELDING_1G, WELDING_2G, WELDING_3G, execute_sql, post_json_as};

/// Today in Balikpapan (WITA, UTC+8), as the service counts registration windows.
pub fn balikpapan_today() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

/// `today + days`, as `YYYY-MM-DD`.
pub fn day(days: i64) -> String {
    (balikpapan_today() + Duration::days(days)).to_string()
}

/// The status and JSON body (Null when there is none) of a response.
pub async fn json_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// The `ETag` of a response.
pub fn etag_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("etag")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// A valid provider form; `n` varies the name.
pub fn provider_body(n: u32) -> Value {
    json!({
        "name": format!("UPTD BLK Balikpapan {n}"),
        "kind": "uptd_blk",
        "address": "Jl. Mayjen Sutoyo, Gunung Malang",
        "region_code": "64.71.04",
        "phone": "0542-731234",
        "email": format!("blk{n}@balikpapan.go.id"),
    })
}

/// Creates provider `n` as the officer; returns its id.
pub async fn create_provider(app: &TestApp, officer: &str, n: u32) -> String {
    let (status, body) = json_of(
        post_json_as(
            app,
            officer,
            "/api/v1/training-providers",
            &provider_body(n),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "the provider is created: {body}");
    body["id"].as_str().expect("an id").to_string()
}

/// Creates a BLK staff account of `provider_id` as the officer, logs it in and returns the token.
pub async fn create_blk_staff(
    app: &TestApp,
    officer: &str,
    provider_id: &str,
    email: &str,
) -> String {
    let (status, body) = json_of(
        post_json_as(
            app,
            officer,
            &format!("/api/v1/training-providers/{provider_id}/staff"),
            &json!({ "email": email, "password": "blk-balikpapan-2026", "full_name": "Staf BLK" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "the staff account is created: {body}");
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": email, "password": "blk-balikpapan-2026" }),
        )
        .await;
    let login: Value = login.json().await.expect("json");
    login["token"].as_str().expect("a token").to_string()
}

/// A valid welding programme teaching SMAW 1G, 2G and 3G.
pub fn programme_body() -> Value {
    json!({
        "name": "Juru Las SMAW 3G",
        "description": "Pelatihan berbasis kompetensi pengelasan SMAW",
        "vocation_code": "las",
        "kbji_code": "7212.01",
        "duration_hours": 240,
        "mode": "tatap_muka",
        "cost_rupiah": 0,
        "funding_source": "apbd",
        "min_education": "smp",
        "entry_requirements": "Usia kerja, sehat jasmani",
        "units": [WELDING_1G, WELDING_2G, WELDING_3G],
    })
}

/// Creates the welding programme as `token` (BLK staff of the provider); returns its id.
pub async fn create_programme(app: &TestApp, token: &str) -> String {
    let (status, body) =
        json_of(post_json_as(app, token, "/api/v1/training-programmes", &programme_body()).await)
            .await;
    assert_eq!(status, 201, "the programme is created: {body}");
    body["id"].as_str().expect("an id").to_string()
}

/// A cohort form whose registration runs from `today + opens` to `today + closes`, training after it.
pub fn cohort_body(opens: i64, closes: i64, quota: i64) -> Value {
    json!({
        "name": "Angkatan I 2026",
        "registration_opens_on": day(opens),
        "registration_closes_on": day(closes),
        "starts_on": day(closes + 7),
        "ends_on": day(closes + 67),
        "quota": quota,
        "selection_steps": ["administration", "written_test", "interview"],
        "venue": "Workshop Las BLK Balikpapan",
    })
}

/// A cohort as created: id and current ETag.
pub struct Cohort {
    pub id: String,
    pub etag: String,
}

/// Creates a cohort of `programme_id` with `body`.
pub async fn create_cohort(app: &TestApp, token: &str, programme_id: &str, body: &Value) -> Cohort {
    let response = post_json_as(
        app,
        token,
        &format!("/api/v1/training-programmes/{programme_id}/cohorts"),
        body,
    )
    .await;
    let etag = etag_of(&response);
    let (status, created) = json_of(response).await;
    assert_eq!(status, 201, "the cohort is created: {created}");
    Cohort {
        id: created["id"].as_str().expect("an id").to_string(),
        etag,
    }
}

/// Moves a cohort with `If-Match`.
pub async fn move_cohort(
    app: &TestApp,
    token: &str,
    cohort: &Cohort,
    status: &str,
    reason: Option<&str>,
) -> reqwest::Response {
    app.request(
        reqwest::Method::POST,
        &format!("/api/v1/cohorts/{}/status", cohort.id),
    )
    .bearer_auth(token)
    .header("if-match", &cohort.etag)
    .json(&json!({ "status": status, "reason": reason }))
    .send()
    .await
    .expect("the request is sent")
}

/// Creates a cohort of `programme_id` taking registrations today (window from yesterday to in five days) and opens
/// its registration.
pub async fn open_cohort(app: &TestApp, token: &str, programme_id: &str, quota: i64) -> Cohort {
    let mut cohort = create_cohort(app, token, programme_id, &cohort_body(-1, 5, quota)).await;
    let response = move_cohort(app, token, &cohort, "registration_open", None).await;
    assert_eq!(response.status(), 200, "registration opens");
    cohort.etag = etag_of(&response);
    cohort
}

/// An enrolment as last answered: id and ETag.
pub struct Enrolment {
    pub id: String,
    pub etag: String,
}

/// Registers the seeker (`token`) for the cohort; expects 201.
pub async fn enrol(app: &TestApp, token: &str, cohort_id: &str) -> Enrolment {
    let response = post_json_as(
        app,
        token,
        &format!("/api/v1/cohorts/{cohort_id}/enrolments"),
        &json!({}),
    )
    .await;
    let etag = etag_of(&response);
    let (status, body) = json_of(response).await;
    assert_eq!(status, 201, "the seeker is registered: {body}");
    Enrolment {
        id: body["id"].as_str().expect("an id").to_string(),
        etag,
    }
}

/// Moves an enrolment with `If-Match`.
pub async fn move_enrolment(
    app: &TestApp,
    token: &str,
    enrolment: &Enrolment,
    status: &str,
    reason: Option<&str>,
) -> reqwest::Response {
    send_json_as_with_etag(
        app,
        token,
        &format!("/api/v1/enrolments/{}/status", enrolment.id),
        &enrolment.etag,
        &json!({ "status": status, "reason": reason }),
    )
    .await
}

/// Moves an enrolment and expects 200; updates its ETag.
pub async fn advance(app: &TestApp, token: &str, enrolment: &mut Enrolment, status: &str) -> Value {
    let response = move_enrolment(app, token, enrolment, status, None).await;
    let etag = etag_of(&response);
    let (code, body) = json_of(response).await;
    assert_eq!(code, 200, "moving to {status}: {body}");
    enrolment.etag = etag;
    body
}

/// `POST` with a bearer token, `If-Match` and a JSON body.
pub async fn send_json_as_with_etag(
    app: &TestApp,
    token: &str,
    path: &str,
    etag: &str,
    body: &Value,
) -> reqwest::Response {
    app.request(reqwest::Method::POST, path)
        .bearer_auth(token)
        .header("if-match", etag)
        .json(body)
        .send()
        .await
        .expect("the request is sent")
}

/// `PUT` with a bearer token, `If-Match` and a JSON body.
pub async fn put_json_with_etag(
    app: &TestApp,
    token: &str,
    path: &str,
    etag: &str,
    body: &Value,
) -> reqwest::Response {
    app.request(reqwest::Method::PUT, path)
        .bearer_auth(token)
        .header("if-match", etag)
        .json(body)
        .send()
        .await
        .expect("the request is sent")
}

/// Gives the seeker an `active` enrolment in a fresh programme and cohort of `provider_id`, with SQL (for tests of
/// other areas that need "a trainee of this provider"). The provider needs a staff account (the programme's author).
pub async fn enrol_by_sql(app: &TestApp, provider_id: &str, seeker_id: &str) {
    execute_sql(
        app,
        &format!(
            "WITH programme AS ( \
               INSERT INTO training_programmes (training_provider_id, name, vocation_code, duration_hours, mode, \
                                                cost_rupiah, funding_source, created_by) \
               VALUES ('{provider_id}', 'Juru Las 3G', 'las', 240, 'tatap_muka', 0, 'apbd', \
                       (SELECT id FROM users WHERE training_provider_id = '{provider_id}' LIMIT 1)) \
               RETURNING id), \
             cohort AS ( \
               INSERT INTO cohorts (programme_id, name, starts_on, ends_on, registration_opens_on, \
                                    registration_closes_on, quota, selection_steps) \
               SELECT id, 'Angkatan I', current_date, current_date + 60, current_date - 30, current_date - 1, 20, \
                      '{{administration}}' FROM programme RETURNING id) \
             INSERT INTO enrolments (cohort_id, seeker_id, status) SELECT id, '{seeker_id}', 'active' FROM cohort"
        ),
    )
    .await;
}
