//! Every error, including the framework's own, answers with the one documented problem body.

use jembatan_tests::spawn_app;
use reqwest::Method;

async fn problem(response: reqwest::Response) -> (u16, serde_json::Value) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        content_type, "application/problem+json",
        "status {status} must carry a problem body"
    );
    let body: serde_json::Value = response.json().await.expect("a JSON problem body");
    assert_eq!(body["status"], status, "the body repeats the status");
    assert!(
        body["request_id"].is_string(),
        "every problem names its request id"
    );
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_route_gets_a_problem_body_in_indonesian_by_default() {
    let app = spawn_app().await;
    let (status, body) = problem(app.get("/api/v1/tidak-ada").await).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "route_not_found");
    assert_eq!(body["title"], "tidak ditemukan");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_is_used_when_the_client_prefers_it() {
    let app = spawn_app().await;
    let response = app
        .request(Method::GET, "/api/v1/nothing-here")
        .header("accept-language", "en-GB,en;q=0.9,id;q=0.5")
        .send()
        .await
        .expect("sent");
    let (_, body) = problem(response).await;
    assert_eq!(body["title"], "not found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_id_in_the_body_matches_the_response_header() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/nothing-here").await;
    let header = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    let (_, body) = problem(response).await;
    assert_eq!(body["request_id"], header);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_not_found_message_never_repeats_the_path_which_could_hold_personal_data() {
    let app = spawn_app().await;
    let (_, body) = problem(app.get("/api/v1/seekers-by-nik/6471054506990001").await).await;
    assert!(!body.to_string().contains("6471054506990001"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_path_without_a_slash_redirects_to_the_docs_page() {
    let app = spawn_app().await;
    let response = app.get("/api/docs").await;
    assert_eq!(response.status(), 308);
    assert_eq!(response.headers()["location"], "/api/docs/");
}
