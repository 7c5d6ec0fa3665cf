use jembatan_tests::spawn_app;
use reqwest::Method;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_logs_in_sees_their_account_and_logs_out() {
    let app = spawn_app().await;
    let officer = app
        .create_user("officer", "Pengantar.Kerja@disnaker.balikpapan.go.id")
        .await;

    // E-mail case does not matter.
    let response = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "pengantar.kerja@DISNAKER.balikpapan.go.id", "password": officer.password }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    let token = body["token"].as_str().expect("token").to_string();
    assert!(token.starts_with("jbt_"));
    assert_eq!(body["account"]["role"], "officer");

    let me = app.get_as(&token, "/api/v1/auth/me").await;
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.expect("json");
    assert_eq!(me["id"], officer.id.to_string());

    let logout = app
        .request(Method::POST, "/api/v1/auth/logout")
        .bearer_auth(&token)
        .send()
        .await
        .expect("sent");
    assert_eq!(logout.status(), 204);
    assert_eq!(
        app.get_as(&token, "/api/v1/auth/me").await.status(),
        401,
        "a logged-out token stops working"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let officer = app.create_user("officer", "officer@disnaker.test").await;
    let wrong_password = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": officer.email, "password": "not-the-password" }),
        )
        .await;
    let unknown = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "nobody@disnaker.test", "password": "whatever-1234" }),
        )
        .await;
    assert_eq!(wrong_password.status(), 401);
    assert_eq!(unknown.status(), 401);
    let a: serde_json::Value = wrong_password.json().await.expect("json");
    let b: serde_json::Value = unknown.json().await.expect("json");
    assert_eq!(a["code"], "invalid_credentials");
    assert_eq!(a["detail"], b["detail"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sixth_failed_login_within_fifteen_minutes_is_refused_even_with_the_right_password() {
    let app = spawn_app().await;
    let officer = app.create_user("officer", "target@disnaker.test").await;
    for _ in 0..5 {
        let response = app
            .post_json(
                "/api/v1/auth/login",
                &json!({ "email": officer.email, "password": "guess-guess" }),
            )
            .await;
        assert_eq!(response.status(), 401);
    }
    let response = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": officer.email, "password": officer.password }),
        )
        .await;
    assert_eq!(response.status(), 429);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "too_many_attempts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_a_valid_token_are_unauthorized() {
    let app = spawn_app().await;
    assert_eq!(app.get("/api/v1/auth/me").await.status(), 401);
    assert_eq!(
        app.get_as("jbt_0000", "/api/v1/auth/me").await.status(),
        401
    );
    let response = app
        .request(Method::GET, "/api/v1/auth/me")
        .header("authorization", "Basic dXNlcjpwYXNz")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_other_sessions_and_the_old_password() {
    let app = spawn_app().await;
    let seeker = app.create_user("seeker", "welder@example.id").await;
    let phone = app.login(&seeker).await;
    let laptop = app.login(&seeker).await;

    let too_short = app
        .request(Method::PUT, "/api/v1/auth/password")
        .bearer_auth(&laptop)
        .json(&json!({ "current_password": seeker.password, "new_password": "short" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(too_short.status(), 422);
    let body: serde_json::Value = too_short.json().await.expect("json");
    assert_eq!(body["errors"][0]["field"], "new_password");

    let changed = app
        .request(Method::PUT, "/api/v1/auth/password")
        .bearer_auth(&laptop)
        .json(&json!({ "current_password": seeker.password, "new_password": "las-listrik-2026" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(changed.status(), 204);
    assert_eq!(
        app.get_as(&laptop, "/api/v1/auth/me").await.status(),
        200,
        "this session continues"
    );
    assert_eq!(
        app.get_as(&phone, "/api/v1/auth/me").await.status(),
        401,
        "other sessions end"
    );

    let old = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": seeker.email, "password": seeker.password }),
        )
        .await;
    assert_eq!(old.status(), 401);
    let new = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": seeker.email, "password": "las-listrik-2026" }),
        )
        .await;
    assert_eq!(new.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_everywhere_ends_every_session() {
    let app = spawn_app().await;
    let seeker = app.create_user("seeker", "graduate@example.id").await;
    let first = app.login(&seeker).await;
    let second = app.login(&seeker).await;
    let response = app
        .request(Method::POST, "/api/v1/auth/logout-all")
        .bearer_auth(&first)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["revoked"], 2);
    assert_eq!(app.get_as(&first, "/api/v1/auth/me").await.status(), 401);
    assert_eq!(app.get_as(&second, "/api/v1/auth/me").await.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_body_that_is_not_json_or_is_malformed_gets_the_problem_body() {
    let app = spawn_app().await;
    let form = app
        .request(Method::POST, "/api/v1/auth/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a&password=b")
        .send()
        .await
        .expect("sent");
    assert_eq!(form.status(), 415);
    let malformed = app
        .request(Method::POST, "/api/v1/auth/login")
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .expect("sent");
    assert_eq!(malformed.status(), 400);
    let missing = app
        .post_json("/api/v1/auth/login", &json!({ "email": "x@y.id" }))
        .await;
    assert_eq!(missing.status(), 422);
    let body: serde_json::Value = missing.json().await.expect("json");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("password")
    );
    let huge = app
        .request(Method::POST, "/api/v1/auth/login")
        .header("content-type", "application/json")
        .body(format!(
            "{{\"email\":\"{}\",\"password\":\"x\"}}",
            "a".repeat(300 * 1024)
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(huge.status(), 413);
    let body: serde_json::Value = huge.json().await.expect("json");
    assert_eq!(body["code"], "payload_too_large");
}
