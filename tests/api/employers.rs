use diesel::QueryableByName;
use diesel::sql_types::BigInt;
use diesel_async::RunQueryDsl;
use jembatan_tests::employers::{register_employer, registration_body};
use jembatan_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let mut connection = app.db().await;
    let row: Count = diesel::sql_query(format!("SELECT count(*) AS count FROM {table}"))
        .get_result(&mut connection)
        .await
        .expect("count");
    row.count
}

async fn officer_token(app: &TestApp) -> String {
    let officer = app
        .create_user("officer", "verifikator@disnaker.test")
        .await;
    app.login(&officer).await
}

async fn decide(
    app: &TestApp,
    token: &str,
    id: &str,
    etag: &str,
    body: Value,
) -> reqwest::Response {
    app.request(
        Method::POST,
        &format!("/api/v1/employers/{id}/verification"),
    )
    .bearer_auth(token)
    .header("if-match", etag)
    .json(&body)
    .send()
    .await
    .expect("sent")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_registers_pending_with_its_first_staff_account_and_sees_its_own_record() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/v1/employers/register", &registration_body(1))
        .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["employer"]["verification_status"], "pending");
    assert_eq!(
        body["employer"]["contact_phone"], "+6281255550101",
        "phone normalised to +62"
    );
    assert_eq!(
        body["employer"]["npwp"], "012345678901000",
        "NPWP normalised to digits"
    );
    assert_eq!(body["account"]["role"], "employer");
    assert_eq!(body["account"]["employer_id"], body["employer"]["id"]);

    let employer = register_employer(&app, 2).await;
    let own = app
        .get_as(
            &employer.token,
            &format!("/api/v1/employers/{}", employer.id),
        )
        .await;
    assert_eq!(own.status(), 200);
    assert!(own.headers().contains_key("etag"));
    let anonymous = app.get(&format!("/api/v1/employers/{}", employer.id)).await;
    assert_eq!(anonymous.status(), 404, "a pending employer is not public");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_invalid_field_is_reported_at_once_and_nothing_is_written() {
    let app = spawn_app().await;
    let mut body = registration_body(1);
    body["employer"]["nib"] = json!("12345");
    body["employer"]["kbli_code"] = json!("4210");
    body["employer"]["legal_form"] = json!("gmbh");
    body["employer"]["contact_phone"] = json!("12");
    body["account"]["email"] = json!("not-an-email");
    body["account"]["password"] = json!("short");
    let response = app
        .request(Method::POST, "/api/v1/employers/register")
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 422);
    let problem: Value = response.json().await.expect("json");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    for field in [
        "employer.nib",
        "employer.kbli_code",
        "employer.legal_form",
        "employer.contact_phone",
        "account.email",
        "account.password",
    ] {
        assert!(fields.contains(&field), "{field} is reported in {fields:?}");
    }
    assert_eq!(count(&app, "employers").await, 0);
    assert_eq!(count(&app, "users").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_come_in_indonesian_by_default() {
    let app = spawn_app().await;
    let mut body = registration_body(1);
    body["employer"]["nib"] = json!("12345");
    let problem: Value = app
        .post_json("/api/v1/employers/register", &body)
        .await
        .json()
        .await
        .expect("json");
    let message = problem["errors"][0]["message"].as_str().expect("message");
    assert!(message.contains("NIB"), "{message}");
    assert!(!message.contains("must"), "not English: {message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_registration_with_the_same_nib_or_email_is_a_conflict_and_writes_nothing() {
    let app = spawn_app().await;
    register_employer(&app, 1).await;
    let mut same_nib = registration_body(2);
    same_nib["employer"]["nib"] = registration_body(1)["employer"]["nib"].clone();
    let response = app.post_json("/api/v1/employers/register", &same_nib).await;
    assert_eq!(response.status(), 409);
    let problem: Value = response.json().await.expect("json");
    assert_eq!(problem["code"], "nib_taken");

    let mut same_email = registration_body(3);
    same_email["account"]["email"] = json!("HRD1@Kariangau-Teknik.co.id");
    let response = app
        .post_json("/api/v1/employers/register", &same_email)
        .await;
    assert_eq!(response.status(), 409);
    let problem: Value = response.json().await.expect("json");
    assert_eq!(problem["code"], "email_taken");
    assert_eq!(
        count(&app, "employers").await,
        1,
        "the employer row of the failed registration was rolled back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_verifies_an_employer_and_then_anyone_sees_its_public_profile_only() {
    let app = spawn_app().await;
    let employer = register_employer(&app, 1).await;
    let officer = officer_token(&app).await;

    let queue: Value = app
        .get_as(&officer, "/api/v1/employers?verification_status=pending")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(queue["items"][0]["id"], employer.id.as_str());

    let response = decide(
        &app,
        &officer,
        &employer.id,
        &employer.etag,
        json!({ "status": "verified" }),
    )
    .await;
    assert_eq!(response.status(), 200);
    let verified: Value = response.json().await.expect("json");
    assert_eq!(verified["verification_status"], "verified");
    assert!(verified["verified_at"].is_string());

    let public: Value = app
        .get(&format!("/api/v1/employers/{}", employer.id))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(public["verification_status"], "verified");
    assert!(
        public.get("contact_phone").is_none(),
        "contact data is not public"
    );
    assert!(public.get("nib").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_needs_a_reason_and_the_employer_can_resubmit_but_never_verify_itself() {
    let app = spawn_app().await;
    let employer = register_employer(&app, 1).await;
    let officer = officer_token(&app).await;

    let no_reason = decide(
        &app,
        &officer,
        &employer.id,
        &employer.etag,
        json!({ "status": "rejected" }),
    )
    .await;
    assert_eq!(no_reason.status(), 422);
    let problem: Value = no_reason.json().await.expect("json");
    assert_eq!(problem["errors"][0]["field"], "reason");

    let rejected = decide(
        &app,
        &officer,
        &employer.id,
        &employer.etag,
        json!({ "status": "rejected", "reason": "NIB tidak cocok dengan data OSS" }),
    )
    .await;
    assert_eq!(rejected.status(), 200);
    let etag = rejected.headers()["etag"]
        .to_str()
        .expect("ascii")
        .to_string();

    let self_verify = decide(
        &app,
        &employer.token,
        &employer.id,
        &etag,
        json!({ "status": "verified" }),
    )
    .await;
    assert_eq!(
        self_verify.status(),
        409,
        "an employer cannot verify itself"
    );

    let resubmitted = decide(
        &app,
        &employer.token,
        &employer.id,
        &etag,
        json!({ "status": "pending" }),
    )
    .await;
    assert_eq!(resubmitted.status(), 200);
    let body: Value = resubmitted.json().await.expect("json");
    assert_eq!(body["verification_status"], "pending");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_with_a_stale_or_missing_version_is_refused() {
    let app = spawn_app().await;
    let employer = register_employer(&app, 1).await;
    let path = format!("/api/v1/employers/{}", employer.id);
    let mut profile = registration_body(1)["employer"].clone();
    profile["address"] = json!("Jl. Jenderal Sudirman No. 1, Klandasan");

    let missing = app
        .request(Method::PUT, &path)
        .bearer_auth(&employer.token)
        .json(&profile)
        .send()
        .await
        .expect("sent");
    assert_eq!(missing.status(), 400);

    let first = app
        .request(Method::PUT, &path)
        .bearer_auth(&employer.token)
        .header("if-match", &employer.etag)
        .json(&profile)
        .send()
        .await
        .expect("sent");
    assert_eq!(first.status(), 200);

    profile["address"] = json!("Jl. MT Haryono No. 5");
    let stale = app
        .request(Method::PUT, &path)
        .bearer_auth(&employer.token)
        .header("if-match", &employer.etag)
        .json(&profile)
        .send()
        .await
        .expect("sent");
    assert_eq!(stale.status(), 412);
    let current: Value = app
        .get_as(&employer.token, &path)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        current["address"], "Jl. Jenderal Sudirman No. 1, Klandasan",
        "the stale edit changed nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_nib_of_a_verified_employer_sends_it_back_for_verification() {
    let app = spawn_app().await;
    let employer = register_employer(&app, 1).await;
    let officer = officer_token(&app).await;
    let verified = decide(
        &app,
        &officer,
        &employer.id,
        &employer.etag,
        json!({ "status": "verified" }),
    )
    .await;
    let etag = verified.headers()["etag"]
        .to_str()
        .expect("ascii")
        .to_string();
    let mut profile = registration_body(1)["employer"].clone();
    profile["nib"] = json!("9120399999999");
    let response = app
        .request(Method::PUT, &format!("/api/v1/employers/{}", employer.id))
        .bearer_auth(&employer.token)
        .header("if-match", etag)
        .json(&profile)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["verification_status"], "pending");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_employers_and_seekers_cannot_see_or_touch_an_employer_they_do_not_belong_to() {
    let app = spawn_app().await;
    let first = register_employer(&app, 1).await;
    let second = register_employer(&app, 2).await;
    let path = format!("/api/v1/employers/{}", first.id);
    assert_eq!(app.get_as(&second.token, &path).await.status(), 404);
    let edit = app
        .request(Method::PUT, &path)
        .bearer_auth(&second.token)
        .header("if-match", &first.etag)
        .json(&registration_body(1)["employer"])
        .send()
        .await
        .expect("sent");
    assert_eq!(edit.status(), 404);
    let staff = app
        .request(Method::POST, &format!("{path}/staff"))
        .bearer_auth(&second.token)
        .json(&json!({ "email": "mole@x.id", "password": "long-enough-pw", "full_name": "Mole" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(staff.status(), 404);

    let seeker = app.create_user("seeker", "seeker@example.id").await;
    let seeker_token = app.login(&seeker).await;
    assert_eq!(
        app.get_as(&seeker_token, "/api/v1/employers")
            .await
            .status(),
        403
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_add_a_colleague_who_can_then_log_in() {
    let app = spawn_app().await;
    let employer = register_employer(&app, 1).await;
    let response = app
        .request(Method::POST, &format!("/api/v1/employers/{}/staff", employer.id))
        .bearer_auth(&employer.token)
        .json(&json!({ "email": "rekrutmen@kariangau-teknik.co.id", "password": "rekrut-2026-aman", "full_name": "Andi Pratama" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 201);
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "rekrutmen@kariangau-teknik.co.id", "password": "rekrut-2026-aman" }),
        )
        .await;
    assert_eq!(login.status(), 200);
    let body: Value = login.json().await.expect("json");
    assert_eq!(body["account"]["employer_id"], employer.id.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_well_formed_but_unknown_kbli_code_is_a_field_error_not_a_server_error() {
    let app = spawn_app().await;
    let mut body = registration_body(1);
    body["employer"]["kbli_code"] = json!("99999");
    let response = app.post_json("/api/v1/employers/register", &body).await;
    assert_eq!(response.status(), 422);
    let problem: Value = response.json().await.expect("json");
    assert_eq!(problem["errors"][0]["field"], "employer.kbli_code");
    assert_eq!(problem["errors"][0]["code"], "kbli_code_unknown");
    assert_eq!(count(&app, "employers").await, 0);
}
