use jembatan_tests::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn liveness_answers_ok_without_touching_the_database() {
    let app = spawn_app().await;
    let response = app.get("/health/live").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["status"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_answers_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let response = app.get("/health/ready").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
}
