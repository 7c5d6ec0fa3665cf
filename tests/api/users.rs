use jembatan_tests::spawn_app;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_creates_an_officer_who_can_log_in() {
    let app = spawn_app().await;
    let admin = app.create_user("admin", "admin@disnaker.test").await;
    let token = app.login(&admin).await;
    let response = app
        .request(Method::POST, "/api/v1/users")
        .bearer_auth(&token)
        .json(&json!({ "role": "officer", "email": "pengantar@disnaker.test", "full_name": "Dewi Lestari", "password": "awal-2026-ganti" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 201);
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "pengantar@disnaker.test", "password": "awal-2026-ganti" }),
        )
        .await;
    let body: Value = login.json().await.expect("json");
    assert_eq!(body["account"]["role"], "officer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_create_staff_and_never_seeker_or_employer_accounts() {
    let app = spawn_app().await;
    let officer = app.create_user("officer", "officer@disnaker.test").await;
    let officer_token = app.login(&officer).await;
    let forbidden = app
        .request(Method::POST, "/api/v1/users")
        .bearer_auth(&officer_token)
        .json(&json!({ "role": "officer", "email": "x@disnaker.test", "full_name": "X Y", "password": "long-enough-pw" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(forbidden.status(), 403);

    let admin = app.create_user("admin", "admin@disnaker.test").await;
    let admin_token = app.login(&admin).await;
    let seeker_role = app
        .request(Method::POST, "/api/v1/users")
        .bearer_auth(&admin_token)
        .json(&json!({ "role": "seeker", "email": "s@x.id", "full_name": "S S", "password": "long-enough-pw" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(seeker_role.status(), 422);
    let problem: Value = seeker_role.json().await.expect("json");
    assert_eq!(problem["errors"][0]["code"], "role_not_staff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_account_loses_its_sessions_and_cannot_log_in() {
    let app = spawn_app().await;
    let admin = app.create_user("admin", "admin@disnaker.test").await;
    let admin_token = app.login(&admin).await;
    let officer = app.create_user("officer", "leaver@disnaker.test").await;
    let officer_token = app.login(&officer).await;
    let response = app
        .request(
            Method::POST,
            &format!("/api/v1/users/{}/disable", officer.id),
        )
        .bearer_auth(&admin_token)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 204);
    assert_eq!(
        app.get_as(&officer_token, "/api/v1/auth/me").await.status(),
        401
    );
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": officer.email, "password": officer.password }),
        )
        .await;
    assert_eq!(login.status(), 401);
    let own = app
        .request(Method::POST, &format!("/api/v1/users/{}/disable", admin.id))
        .bearer_auth(&admin_token)
        .send()
        .await
        .expect("sent");
    assert_eq!(own.status(), 409);
}
