//! `Idempotency-Key` over HTTP, on a creating request every role knows (an employer drafting a vacancy): a repeat
//! returns the first response and creates nothing, the same key with another body is refused, a refused request
//! frees its key, and keys belong to one account.

use jembatan_tests::spawn_app;
use jembatan_tests::vacancies::{count, employer_with_staff, welder_vacancy};
use reqwest::Response;
use serde_json::{Value, json};

async fn post_with_key(
    app: &jembatan_tests::TestApp,
    token: &str,
    key: &str,
    body: &Value,
) -> Response {
    app.request(reqwest::Method::POST, "/api/v1/vacancies")
        .bearer_auth(token)
        .header("idempotency-key", key)
        .header("accept-language", "en")
        .json(body)
        .send()
        .await
        .expect("the request is sent")
}

fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_request_with_the_same_key_returns_the_first_response_and_creates_nothing_more()
{
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let key = "6f1c1a1e-3a47-4c1e-9d55-0a5b8c1f2e10";

    let first = post_with_key(&app, &employer.token, key, &welder_vacancy()).await;
    assert_eq!(first.status(), 201);
    let first_location = header(&first, "location");
    let first_etag = header(&first, "etag");
    assert!(header(&first, "idempotent-replayed").is_none());
    let first_body: Value = first.json().await.expect("JSON");

    let again = post_with_key(&app, &employer.token, key, &welder_vacancy()).await;
    assert_eq!(again.status(), 201);
    assert_eq!(
        header(&again, "idempotent-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(header(&again, "location"), first_location);
    assert_eq!(header(&again, "etag"), first_etag);
    let again_body: Value = again.json().await.expect("JSON");
    assert_eq!(again_body, first_body);

    assert_eq!(count(&app, "SELECT count(*) FROM vacancies").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_key_with_a_different_body_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let key = "key-for-one-request";

    let first = post_with_key(&app, &employer.token, key, &welder_vacancy()).await;
    assert_eq!(first.status(), 201);

    let mut other = welder_vacancy();
    other["title"] = json!("Juru Las Pipa 6G");
    let reused = post_with_key(&app, &employer.token, key, &other).await;
    assert_eq!(reused.status(), 422);
    let problem: Value = reused.json().await.expect("JSON");
    assert_eq!(problem["code"], "idempotency_key_reused");
    assert_eq!(count(&app, "SELECT count(*) FROM vacancies").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_request_frees_its_key_for_the_corrected_request() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let key = "retry-after-fixing";

    let mut invalid = welder_vacancy();
    invalid["headcount"] = json!(0);
    let refused = post_with_key(&app, &employer.token, key, &invalid).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(
        count(&app, "SELECT count(*) FROM idempotency_keys").await,
        0,
        "a refused request keeps no key"
    );

    let fixed = post_with_key(&app, &employer.token, key, &welder_vacancy()).await;
    assert_eq!(fixed.status(), 201);
    assert_eq!(count(&app, "SELECT count(*) FROM vacancies").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_belong_to_one_account_so_two_employers_may_use_the_same_key() {
    let app = spawn_app().await;
    let first = employer_with_staff(&app, "verified").await;
    let second = employer_with_staff(&app, "verified").await;

    let a = post_with_key(&app, &first.token, "shared-key", &welder_vacancy()).await;
    let b = post_with_key(&app, &second.token, "shared-key", &welder_vacancy()).await;
    assert_eq!(a.status(), 201);
    assert_eq!(b.status(), 201);
    assert!(header(&b, "idempotent-replayed").is_none());
    assert_eq!(count(&app, "SELECT count(*) FROM vacancies").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_key_is_a_bad_request_naming_the_header() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;

    let response = post_with_key(&app, &employer.token, &"k".repeat(300), &welder_vacancy()).await;
    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.expect("JSON");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("Idempotency-Key")),
        "{problem}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM vacancies").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_repeats_create_exactly_one_vacancy() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let body = welder_vacancy();

    let requests = (0..8).map(|_| post_with_key(&app, &employer.token, "burst", &body));
    let statuses: Vec<u16> = futures_util::future::join_all(requests)
        .await
        .iter()
        .map(|response| response.status().as_u16())
        .collect();
    assert!(
        statuses
            .iter()
            .all(|status| *status == 201 || *status == 409),
        "{statuses:?}"
    );
    assert!(statuses.contains(&201));
    assert_eq!(count(&app, "SELECT count(*) FROM vacancies").await, 1);
}
