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

/// The pool does not ping a connection when a request takes it (that was a round trip per checkout); a connection
/// the server has closed must still be noticed and replaced rather than handed to a request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_the_database_closed_are_replaced_without_failing_requests() {
    use diesel::QueryableByName;
    use diesel::sql_types::{Array, Int4, Text};
    use diesel_async::RunQueryDsl;

    #[derive(QueryableByName)]
    struct Backends {
        #[diesel(sql_type = Array<Int4>)]
        pids: Vec<i32>,
    }

    let app = spawn_app().await;
    let token = jembatan_tests::vacancies::officer_token(&app).await;
    for _ in 0..4 {
        assert_eq!(app.get_as(&token, "/api/v1/auth/me").await.status(), 200);
    }

    let mut admin = app.db().await;
    let backends_of_the_app = "SELECT coalesce(array_agg(pid), '{}') AS pids FROM pg_stat_activity \
                               WHERE datname = $1 AND pid <> pg_backend_pid()";
    let terminated: Backends = diesel::sql_query(backends_of_the_app)
        .bind::<Text, _>(&app.database.name)
        .get_result(&mut admin)
        .await
        .expect("the app's connections are listed");
    assert!(
        !terminated.pids.is_empty(),
        "the app holds pooled connections"
    );
    diesel::sql_query("SELECT pg_terminate_backend(pid) FROM unnest($1) AS pid")
        .bind::<Array<Int4>, _>(&terminated.pids)
        .execute(&mut admin)
        .await
        .expect("the app's connections are terminated");
    // pg_terminate_backend only signals: wait until those backends have exited (their sockets are closed then).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let alive: Backends = diesel::sql_query(
            "SELECT coalesce(array_agg(pid), '{}') AS pids FROM pg_stat_activity WHERE pid = ANY($1)",
        )
        .bind::<Array<Int4>, _>(&terminated.pids)
        .get_result(&mut admin)
        .await
        .expect("the backends are listed");
        if alive.pids.is_empty() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "terminated backends still running: {:?}",
            alive.pids
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The connections' I/O tasks see the closed sockets as soon as they next run.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;

    for attempt in 0..8 {
        let response = app.get_as(&token, "/api/v1/auth/me").await;
        assert_eq!(
            response.status(),
            200,
            "request {attempt} after the server closed the pooled connections"
        );
    }
}
