use jembatan_tests::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_the_service_and_its_error_body() {
    let app = spawn_app().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let document: serde_json::Value = response.json().await.expect("json");
    assert_eq!(document["info"]["title"], "Jembatan API");
    assert!(document["paths"]["/health/ready"]["get"].is_object());
    assert!(document["components"]["schemas"]["Problem"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_docs_page_is_served_from_vendored_assets() {
    let app = spawn_app().await;
    let page = app.get("/api/docs/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("text");
    assert!(html.contains("swagger-ui"), "the docs page is Swagger UI");
    let script = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(
        script.status(),
        200,
        "the Swagger UI bundle is served by the service itself"
    );
}
