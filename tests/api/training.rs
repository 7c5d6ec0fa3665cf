//! Training (BLK) over HTTP: providers and their staff, programmes, cohorts and their lifecycle, enrolments through
//! selection to graduation, the quota under concurrency, trained evidence, and who may see and do what.

use futures_util::future::join_all;
use jembatan_tests::seekers::{
    EXCAVATOR, WELDING_1G, WELDING_2G, WELDING_3G, count, employer_staff_token, execute_sql,
    officer_token, post_json_as, register_seeker, seed_reference_data,
};
use jembatan_tests::training::{
    Cohort, Enrolment, advance, cohort_body, create_blk_staff, create_cohort, create_programme,
    create_provider, enrol, enrol_by_sql, etag_of, json_of, move_cohort, move_enrolment,
    open_cohort, programme_body, provider_body, put_json_with_etag, send_json_as_with_etag,
};
use jembatan_tests::{TestApp, spawn_app};
use serde_json::{Value, json};

/// An app with reference data, an officer, one provider with a BLK staff member, and a welding programme.
struct World {
    app: TestApp,
    officer: String,
    provider_id: String,
    blk: String,
    programme_id: String,
}

async fn world() -> World {
    let app = spawn_app().await;
    seed_reference_data(&app).await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    let provider_id = create_provider(&app, &officer, 1).await;
    let blk = create_blk_staff(&app, &officer, &provider_id, "staf1@blk.test").await;
    let programme_id = create_programme(&app, &blk).await;
    World {
        app,
        officer,
        provider_id,
        blk,
        programme_id,
    }
}

/// The field-level error codes of a validation problem, as `field=code`.
fn field_codes(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| {
                    format!(
                        "{}={}",
                        error["field"].as_str().unwrap_or_default(),
                        error["code"].as_str().unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn assert_has(problem: &Value, expected: &str) {
    let found = field_codes(problem);
    assert!(
        found.iter().any(|code| code == expected),
        "{expected} in {found:?}"
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Providers

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_register_providers_and_their_blk_staff_and_anyone_logged_in_reads_them() {
    let app = spawn_app().await;
    seed_reference_data(&app).await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    let seeker = register_seeker(&app, "budi@example.id").await;

    let response = post_json_as(
        &app,
        &officer,
        "/api/v1/training-providers",
        &provider_body(1),
    )
    .await;
    assert_eq!(response.status(), 201);
    let etag = etag_of(&response);
    assert_eq!(etag, "\"1\"");
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    let (_, provider) = json_of(response).await;
    let id = provider["id"].as_str().expect("id").to_string();
    assert_eq!(location, format!("/api/v1/training-providers/{id}"));
    assert_eq!(provider["phone"], "+62542731234", "stored in E.164");

    // Anyone logged in lists and reads; nobody anonymous.
    let (status, list) = json_of(
        app.get_as(&seeker.token, "/api/v1/training-providers?kind=uptd_blk")
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["items"][0]["id"], id.as_str());
    let (status, _) = json_of(
        app.get_as(&seeker.token, "/api/v1/training-providers?kind=lpk")
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(app.get("/api/v1/training-providers").await.status(), 401);
    assert_eq!(app.get_as(&seeker.token, &location).await.status(), 200);

    // Edits need the current ETag.
    let mut edited = provider_body(1);
    edited["kind"] = json!("bpvp");
    let response = put_json_with_etag(&app, &officer, &location, &etag, &edited).await;
    assert_eq!(response.status(), 200);
    assert_eq!(etag_of(&response), "\"2\"");
    let (status, problem) =
        json_of(put_json_with_etag(&app, &officer, &location, &etag, &edited).await).await;
    assert_eq!(status, 412);
    assert_eq!(problem["code"], "stale_version");

    // Only the labour office writes providers; names are unique.
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer,
            "/api/v1/training-providers",
            &provider_body(1),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "training_provider_name_taken");
    let (status, _) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            "/api/v1/training-providers",
            &provider_body(2),
        )
        .await,
    )
    .await;
    assert_eq!(status, 403);

    // Staff accounts of the provider.
    let staff_path = format!("{location}/staff");
    let account = json!({ "email": "staf@blk.test", "password": "blk-balikpapan-2026", "full_name": "Rudi Hartono" });
    let (status, created) =
        json_of(post_json_as(&app, &officer, &staff_path, &account).await).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["role"], "blk");
    assert_eq!(created["training_provider_id"], id.as_str());
    let (status, problem) =
        json_of(post_json_as(&app, &officer, &staff_path, &account).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "email_taken");
    let blk = create_blk_staff(&app, &officer, &id, "staf2@blk.test").await;
    let (status, _) = json_of(post_json_as(&app, &blk, &staff_path, &json!({ "email": "x@blk.test", "password": "blk-balikpapan-2026", "full_name": "X Y" })).await).await;
    assert_eq!(status, 403, "BLK staff do not create accounts");
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer,
            &staff_path,
            &json!({ "email": "pendek@blk.test", "password": "pendek", "full_name": "Rudi" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_has(&problem, "password=password_length");
    let unknown = format!("/api/v1/training-providers/{}/staff", uuid::Uuid::now_v7());
    let (status, _) = json_of(post_json_as(&app, &officer, &unknown, &json!({ "email": "y@blk.test", "password": "blk-balikpapan-2026", "full_name": "Y Z" })).await).await;
    assert_eq!(status, 404);
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM users WHERE role = 'blk'").await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_validation_names_every_broken_rule_in_both_languages_and_writes_nothing() {
    let app = spawn_app().await;
    seed_reference_data(&app).await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    let bad = json!({ "name": " ", "kind": "sekolah", "region_code": "64.72", "phone": "12ab", "email": "bukan-email" });
    let indonesian = app
        .request(reqwest::Method::POST, "/api/v1/training-providers")
        .bearer_auth(&officer)
        .json(&bad)
        .send()
        .await
        .expect("sent");
    let (status, problem) = json_of(indonesian).await;
    assert_eq!(status, 422);
    for expected in [
        "name=text_empty",
        "kind=unknown_value",
        "phone=phone_character",
    ] {
        assert_has(&problem, expected);
    }
    let fields: Vec<String> = field_codes(&problem);
    for field in ["name=", "kind=", "region_code=", "phone=", "email="] {
        assert!(
            fields.iter().any(|f| f.starts_with(field)),
            "{field} in {fields:?}"
        );
    }
    let english = app
        .request(reqwest::Method::POST, "/api/v1/training-providers")
        .bearer_auth(&officer)
        .header("accept-language", "en")
        .json(&bad)
        .send()
        .await
        .expect("sent");
    let (_, problem_en) = json_of(english).await;
    assert_ne!(
        problem["errors"][0]["message"], problem_en["errors"][0]["message"],
        "both languages"
    );

    let mut with_version = provider_body(1);
    with_version["version"] = json!(7);
    let (status, _) =
        json_of(post_json_as(&app, &officer, "/api/v1/training-providers", &with_version).await)
            .await;
    assert_eq!(status, 422, "clients do not set the version");
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM training_providers").await,
        0
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Programmes

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blk_staff_write_their_programmes_and_anyone_reads_filters_and_sees_them_archived() {
    let w = world().await;
    let app = &w.app;
    let path = format!("/api/v1/training-programmes/{}", w.programme_id);

    // Public read and list, with filters.
    let response = app.get(&path).await;
    assert_eq!(response.status(), 200);
    let etag = etag_of(&response);
    let (_, programme) = json_of(response).await;
    assert_eq!(programme["training_provider_id"], w.provider_id.as_str());
    assert_eq!(
        programme["units"],
        json!([WELDING_1G, WELDING_2G, WELDING_3G])
    );
    for (query, expected) in [
        ("", 1),
        ("?vocation=las", 1),
        (&*format!("?provider={}", w.provider_id), 1),
        (&*format!("?unit={WELDING_3G}"), 1),
        (&*format!("?unit={EXCAVATOR}"), 0),
        (&*format!("?provider={}", uuid::Uuid::now_v7()), 0),
    ] {
        let (status, list) = json_of(
            app.get(&format!("/api/v1/training-programmes{query}"))
                .await,
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            list["items"].as_array().map(Vec::len),
            Some(expected),
            "{query}"
        );
    }
    let (status, problem) = json_of(app.get("/api/v1/training-programmes?unit=las-1").await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "unit=competency_unit_format");

    // Edit with If-Match: units replaced.
    let mut edited = programme_body();
    edited["units"] = json!([WELDING_1G, EXCAVATOR]);
    edited["cost_rupiah"] = json!(1_500_000);
    let response = put_json_with_etag(app, &w.blk, &path, &etag, &edited).await;
    let new_etag = etag_of(&response);
    let (status, updated) = json_of(response).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["units"], json!([WELDING_1G, EXCAVATOR]));
    assert_eq!(updated["version"], 2);
    let (status, _) = json_of(put_json_with_etag(app, &w.blk, &path, &etag, &edited).await).await;
    assert_eq!(status, 412);
    let (status, _) = json_of(
        app.request(reqwest::Method::PUT, &path)
            .bearer_auth(&w.blk)
            .json(&edited)
            .send()
            .await
            .expect("sent"),
    )
    .await;
    assert_eq!(status, 400, "If-Match is required");

    // Officers write programmes too, naming the provider.
    let (status, problem) = json_of(
        post_json_as(
            app,
            &w.officer,
            "/api/v1/training-programmes",
            &programme_body(),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_has(&problem, "training_provider_id=training_provider_required");
    let mut for_provider = programme_body();
    for_provider["training_provider_id"] = json!(w.provider_id);
    for_provider["name"] = json!("Operator Excavator");
    let (status, _) = json_of(
        post_json_as(
            app,
            &w.officer,
            "/api/v1/training-programmes",
            &for_provider,
        )
        .await,
    )
    .await;
    assert_eq!(status, 201);

    // Archive: hidden from the list, no more edits or cohorts.
    let archive = format!("{path}/archive");
    let response = send_json_as_with_etag(app, &w.blk, &archive, &new_etag, &json!({})).await;
    let archived_etag = etag_of(&response);
    let (status, archived) = json_of(response).await;
    assert_eq!(status, 200);
    assert!(archived["archived_at"].is_string());
    let (_, list) = json_of(app.get("/api/v1/training-programmes?vocation=las").await).await;
    assert!(
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|item| item["id"] != w.programme_id.as_str())
    );
    let (status, problem) =
        json_of(put_json_with_etag(app, &w.blk, &path, &archived_etag, &edited).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "programme_archived");
    let (status, problem) =
        json_of(send_json_as_with_etag(app, &w.blk, &archive, &archived_etag, &json!({})).await)
            .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "programme_archived");
    let (status, problem) = json_of(
        post_json_as(
            app,
            &w.blk,
            &format!("{path}/cohorts"),
            &cohort_body(-1, 5, 20),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "programme_archived");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programme_validation_names_each_broken_field_and_writes_nothing() {
    let w = world().await;
    let app = &w.app;
    let bad = json!({
        "name": "", "vocation_code": "Las Listrik", "kbji_code": "72", "duration_hours": 0, "mode": "luring",
        "cost_rupiah": -1, "funding_source": "hibah", "min_education": "sd6", "units": [],
    });
    let (status, problem) =
        json_of(post_json_as(app, &w.blk, "/api/v1/training-programmes", &bad).await).await;
    assert_eq!(status, 422);
    for expected in [
        "duration_hours=duration_out_of_range",
        "cost_rupiah=cost_negative",
        "units=units_count",
        "mode=unknown_value",
        "funding_source=unknown_value",
        "min_education=unknown_value",
    ] {
        assert_has(&problem, expected);
    }
    let fields = field_codes(&problem);
    for field in ["name=", "vocation_code=", "kbji_code="] {
        assert!(
            fields.iter().any(|f| f.starts_with(field)),
            "{field} in {fields:?}"
        );
    }

    let mut units = programme_body();
    units["units"] = json!([WELDING_1G, WELDING_1G, "C.999999.001.01", "las"]);
    let (status, problem) =
        json_of(post_json_as(app, &w.blk, "/api/v1/training-programmes", &units).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "units[1]=unit_repeated");
    assert_has(&problem, "units[2]=competency_unit_unknown");
    assert_has(&problem, "units[3]=competency_unit_format");

    let mut unknown_vocation = programme_body();
    unknown_vocation["vocation_code"] = json!("tata_boga_x");
    let (status, problem) = json_of(
        post_json_as(
            app,
            &w.blk,
            "/api/v1/training-programmes",
            &unknown_vocation,
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_has(&problem, "vocation_code=vocation_unknown");

    let mut owned = programme_body();
    owned["archived_at"] = json!("2026-01-01T00:00:00Z");
    let (status, _) =
        json_of(post_json_as(app, &w.blk, "/api/v1/training-programmes", &owned).await).await;
    assert_eq!(status, 422, "clients do not set archived_at");
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM training_programmes").await,
        1,
        "only the world's programme"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_providers_staff_seekers_and_employers_cannot_manage_a_programme_or_its_cohorts() {
    let w = world().await;
    let app = &w.app;
    let other_provider = create_provider(app, &w.officer, 2).await;
    let other_blk = create_blk_staff(app, &w.officer, &other_provider, "staf@lpk.test").await;
    let seeker = register_seeker(app, "budi@example.id").await;
    let employer = employer_staff_token(app, "hrd@kariangau.test").await;
    let path = format!("/api/v1/training-programmes/{}", w.programme_id);
    let (_, programme) = json_of(app.get(&path).await).await;
    let etag = format!("\"{}\"", programme["version"]);
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;

    let (status, _) =
        json_of(put_json_with_etag(app, &other_blk, &path, &etag, &programme_body()).await).await;
    assert_eq!(status, 404, "another provider's programme");
    let (status, _) = json_of(
        send_json_as_with_etag(
            app,
            &other_blk,
            &format!("{path}/archive"),
            &etag,
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = json_of(
        post_json_as(
            app,
            &other_blk,
            &format!("{path}/cohorts"),
            &cohort_body(-1, 5, 20),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = json_of(move_cohort(app, &other_blk, &cohort, "selection", None).await).await;
    assert_eq!(status, 404);
    let (status, _) = json_of(
        put_json_with_etag(
            app,
            &other_blk,
            &format!("/api/v1/cohorts/{}", cohort.id),
            &cohort.etag,
            &cohort_body(-1, 5, 20),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        app.get_as(
            &other_blk,
            &format!("/api/v1/cohorts/{}/enrolments", cohort.id)
        )
        .await
        .status(),
        404
    );
    let mut elsewhere = programme_body();
    elsewhere["training_provider_id"] = json!(w.provider_id);
    let (status, _) =
        json_of(post_json_as(app, &other_blk, "/api/v1/training-programmes", &elsewhere).await)
            .await;
    assert_eq!(status, 404, "cannot create for another provider");

    for token in [&seeker.token, &employer] {
        let (status, _) = json_of(
            post_json_as(app, token, "/api/v1/training-programmes", &programme_body()).await,
        )
        .await;
        assert_eq!(status, 403);
        let (status, _) = json_of(move_cohort(app, token, &cohort, "selection", None).await).await;
        assert_eq!(status, 403);
        assert_eq!(
            app.get_as(token, &format!("/api/v1/cohorts/{}/enrolments", cohort.id))
                .await
                .status(),
            403
        );
    }
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM training_programmes").await,
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM cohorts WHERE status = 'registration_open'"
        )
        .await,
        1
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Cohorts

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cohort_plans_are_validated_and_the_cohort_follows_its_lifecycle() {
    let w = world().await;
    let app = &w.app;
    let cohorts = format!("/api/v1/training-programmes/{}/cohorts", w.programme_id);

    let (status, problem) = json_of(post_json_as(app, &w.blk, &cohorts, &json!({ "name": "A", "quota": 0, "selection_steps": ["wawancara", "interview", "interview"] })).await).await;
    assert_eq!(status, 422);
    for expected in [
        "quota=quota_out_of_range",
        "registration_opens_on=date_missing",
        "starts_on=date_missing",
        "selection_steps[0]=unknown_value",
        "selection_steps[2]=selection_step_repeated",
        "name=text_too_short",
    ] {
        assert_has(&problem, expected);
    }
    let mut closes_on_start = cohort_body(-1, 5, 20);
    closes_on_start["starts_on"] = closes_on_start["registration_closes_on"].clone();
    let (status, problem) =
        json_of(post_json_as(app, &w.blk, &cohorts, &closes_on_start).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "registration_closes_on=cohort_registration_order");
    let mut ends_first = cohort_body(-1, 5, 20);
    ends_first["ends_on"] = json!(jembatan_tests::training::day(6));
    let (status, problem) = json_of(post_json_as(app, &w.blk, &cohorts, &ends_first).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "ends_on=cohort_training_order");
    let mut owned = cohort_body(-1, 5, 20);
    owned["accepted_count"] = json!(3);
    let (status, _) = json_of(post_json_as(app, &w.blk, &cohorts, &owned).await).await;
    assert_eq!(status, 422, "clients do not set the seat count");
    assert_eq!(count(app, "SELECT count(*) AS n FROM cohorts").await, 0);

    let mut cohort = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(-1, 5, 20)).await;
    let (_, created) = json_of(app.get(&format!("/api/v1/cohorts/{}", cohort.id)).await).await;
    assert_eq!(created["status"], "planned");
    assert_eq!(created["seats_left"], 20);
    assert_eq!(
        created["selection_steps"],
        json!(["administration", "written_test", "interview"])
    );

    // A step may not be skipped; a seeker may not move it; a cancellation needs a reason.
    let (status, problem) =
        json_of(move_cohort(app, &w.blk, &cohort, "selection", None).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_not_allowed");
    let (status, problem) =
        json_of(move_cohort(app, &w.blk, &cohort, "cancelled", None).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "reason=reason_required");
    let (status, problem) = json_of(move_cohort(app, &w.blk, &cohort, "ditunda", None).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "status=unknown_value");

    for next in ["registration_open", "selection", "running", "completed"] {
        let response = move_cohort(app, &w.blk, &cohort, next, None).await;
        let etag = etag_of(&response);
        let (status, moved) = json_of(response).await;
        assert_eq!(status, 200, "{next}: {moved}");
        assert_eq!(moved["status"], next);
        cohort.etag = etag;
    }
    let (status, problem) =
        json_of(move_cohort(app, &w.blk, &cohort, "cancelled", Some("gedung direnovasi")).await)
            .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_from_final");
    let (status, problem) = json_of(
        put_json_with_etag(
            app,
            &w.blk,
            &format!("/api/v1/cohorts/{}", cohort.id),
            &cohort.etag,
            &cohort_body(-1, 5, 20),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "cohort_not_editable");

    // Officers may cancel, with the reason shown; a stale ETag is refused.
    let second = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(10, 20, 20)).await;
    let (status, _) = json_of(
        move_cohort(
            app,
            &w.officer,
            &Cohort {
                id: second.id.clone(),
                etag: "\"9\"".into(),
            },
            "cancelled",
            Some("anggaran dialihkan"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 412);
    let (status, cancelled) = json_of(
        move_cohort(
            app,
            &w.officer,
            &second,
            "cancelled",
            Some("anggaran dialihkan"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["cancelled_reason"], "anggaran dialihkan");

    // Edits of a live cohort, with If-Match.
    let third = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(10, 20, 20)).await;
    let mut edited = cohort_body(10, 20, 25);
    edited["venue"] = json!("Gedung B");
    let (status, body) = json_of(
        put_json_with_etag(
            app,
            &w.blk,
            &format!("/api/v1/cohorts/{}", third.id),
            &third.etag,
            &edited,
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["quota"], 25);
    assert_eq!(body["version"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_cohort_list_shows_only_cohorts_taking_registrations_today_by_unit_and_vocation() {
    let w = world().await;
    let app = &w.app;
    let open = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    let _planned = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(-1, 5, 20)).await;
    let later = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(10, 20, 20)).await;
    let (status, _) =
        json_of(move_cohort(app, &w.blk, &later, "registration_open", None).await).await;
    assert_eq!(
        status, 200,
        "registration may be announced before the window"
    );

    for (query, expected) in [
        (String::new(), 1),
        (format!("?unit={WELDING_3G}"), 1),
        (format!("?unit={EXCAVATOR}"), 0),
        ("?vocation=las".to_string(), 1),
        (format!("?provider={}", w.provider_id), 1),
    ] {
        let (status, list) = json_of(app.get(&format!("/api/v1/cohorts/open{query}")).await).await;
        assert_eq!(status, 200);
        let items = list["items"].as_array().expect("items");
        assert_eq!(items.len(), expected, "{query}");
        if expected == 1 {
            assert_eq!(items[0]["id"], open.id.as_str());
            assert_eq!(
                items[0]["programme"]["units"],
                json!([WELDING_1G, WELDING_2G, WELDING_3G])
            );
            assert_eq!(items[0]["seats_left"], 20);
        }
    }
    let (status, all) = json_of(
        app.get(&format!(
            "/api/v1/training-programmes/{}/cohorts?limit=2",
            w.programme_id
        ))
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(all["items"].as_array().map(Vec::len), Some(2));
    let cursor = all["next_cursor"].as_str().expect("a next page");
    let (_, rest) = json_of(
        app.get(&format!(
            "/api/v1/training-programmes/{}/cohorts?limit=2&cursor={cursor}",
            w.programme_id
        ))
        .await,
    )
    .await;
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1));
}

// ---------------------------------------------------------------------------------------------------------------
// Enrolments

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_registers_once_and_only_they_their_provider_and_officers_see_the_enrolment() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    let seeker = register_seeker(app, "budi@example.id").await;
    let other_seeker = register_seeker(app, "siti@example.id").await;
    let employer = employer_staff_token(app, "hrd@kariangau.test").await;
    let other_provider = create_provider(app, &w.officer, 2).await;
    let other_blk = create_blk_staff(app, &w.officer, &other_provider, "staf@lpk.test").await;
    let enrol_path = format!("/api/v1/cohorts/{}/enrolments", cohort.id);

    let response = post_json_as(app, &seeker.token, &enrol_path, &json!({})).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    let (_, enrolment) = json_of(response).await;
    assert_eq!(enrolment["status"], "registered");
    assert_eq!(enrolment["seeker_id"], seeker.id.as_str());
    assert_eq!(enrolment["history"][0]["from_status"], Value::Null);
    assert_eq!(enrolment["history"][0]["to_status"], "registered");
    let (status, again) =
        json_of(post_json_as(app, &seeker.token, &enrol_path, &json!({})).await).await;
    assert_eq!(status, 200, "a repeat answers with the existing enrolment");
    assert_eq!(again["id"], enrolment["id"]);
    assert_eq!(count(app, "SELECT count(*) AS n FROM enrolments").await, 1);

    for token in [&employer, &w.blk, &w.officer] {
        let (status, _) = json_of(post_json_as(app, token, &enrol_path, &json!({})).await).await;
        assert_eq!(status, 403, "only seekers register themselves");
    }
    let (status, mine) = json_of(app.get_as(&seeker.token, "/api/v1/enrolments/mine").await).await;
    assert_eq!(status, 200);
    assert_eq!(mine["items"][0]["id"], enrolment["id"]);
    assert_eq!(
        mine["items"][0]["cohort"]["programme_name"],
        "Juru Las SMAW 3G"
    );
    let (_, others) = json_of(
        app.get_as(&other_seeker.token, "/api/v1/enrolments/mine")
            .await,
    )
    .await;
    assert_eq!(others["items"], json!([]));

    assert_eq!(app.get_as(&seeker.token, &location).await.status(), 200);
    assert_eq!(app.get_as(&w.blk, &location).await.status(), 200);
    assert_eq!(app.get_as(&w.officer, &location).await.status(), 200);
    assert_eq!(
        app.get_as(&other_seeker.token, &location).await.status(),
        404,
        "another seeker's enrolment"
    );
    assert_eq!(
        app.get_as(&other_blk, &location).await.status(),
        404,
        "another provider's trainee"
    );
    assert_eq!(app.get_as(&employer, &location).await.status(), 403);
    assert_eq!(app.get(&location).await.status(), 401);

    let (status, list) = json_of(
        app.get_as(&w.blk, &format!("{enrol_path}?status=registered"))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    let (_, none) = json_of(
        app.get_as(&w.blk, &format!("{enrol_path}?status=accepted"))
            .await,
    )
    .await;
    assert_eq!(none["items"], json!([]));
    let (status, problem) = json_of(
        app.get_as(&w.blk, &format!("{enrol_path}?status=lulus"))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_has(&problem, "status=unknown_value");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_outside_the_window_or_before_registration_opens_is_refused_and_writes_nothing()
 {
    let w = world().await;
    let app = &w.app;
    let seeker = register_seeker(app, "budi@example.id").await;
    let planned = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(-1, 5, 20)).await;
    let future = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(3, 10, 20)).await;
    let (status, _) =
        json_of(move_cohort(app, &w.blk, &future, "registration_open", None).await).await;
    assert_eq!(status, 200);
    let past = create_cohort(app, &w.blk, &w.programme_id, &cohort_body(-1, 5, 20)).await;
    let response = move_cohort(app, &w.blk, &past, "registration_open", None).await;
    assert_eq!(response.status(), 200);
    execute_sql(app, &format!(
        "UPDATE cohorts SET registration_opens_on = current_date - 20, registration_closes_on = current_date - 3 WHERE id = '{}'",
        past.id
    )).await;

    for cohort in [&planned, &future, &past] {
        let (status, problem) = json_of(
            post_json_as(
                app,
                &seeker.token,
                &format!("/api/v1/cohorts/{}/enrolments", cohort.id),
                &json!({}),
            )
            .await,
        )
        .await;
        assert_eq!(status, 409);
        assert_eq!(problem["code"], "cohort_registration_closed");
    }
    let (status, _) = json_of(
        post_json_as(
            app,
            &seeker.token,
            &format!("/api/v1/cohorts/{}/enrolments", uuid::Uuid::now_v7()),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(count(app, "SELECT count(*) AS n FROM enrolments").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graduating_competent_records_trained_evidence_for_exactly_the_programmes_units() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    let seeker = register_seeker(app, "budi@example.id").await;
    let mut enrolment = enrol(app, &seeker.token, &cohort.id).await;
    let outbox_before = count(
        app,
        &format!(
            "SELECT count(*) AS n FROM search_outbox WHERE entity_id = '{}'",
            seeker.id
        ),
    )
    .await;

    for next in ["passed_administration", "passed_test", "accepted", "active"] {
        advance(app, &w.blk, &mut enrolment, next).await;
        assert_eq!(
            count(
                app,
                "SELECT count(*) AS n FROM seeker_competencies WHERE evidence_level = 'trained'"
            )
            .await,
            0
        );
    }
    let (_, seats) = json_of(app.get(&format!("/api/v1/cohorts/{}", cohort.id)).await).await;
    assert_eq!(seats["accepted_count"], 1);
    assert_eq!(seats["seats_left"], 19);
    let graduated = advance(app, &w.blk, &mut enrolment, "graduated_competent").await;
    assert_eq!(graduated["status"], "graduated_competent");
    assert!(graduated["graduated_on"].is_string());
    let history = graduated["history"].as_array().expect("history");
    assert_eq!(history.len(), 6);
    assert!(
        history[1..]
            .iter()
            .all(|change| change["actor_user_id"].is_string())
    );

    let units = count(app, &format!(
        "SELECT count(*) AS n FROM seeker_competencies WHERE seeker_id = '{}' AND evidence_level = 'trained' \
         AND enrolment_id = '{}' AND training_provider_id = '{}' AND recorded_by IS NULL \
         AND unit_code IN ('{WELDING_1G}', '{WELDING_2G}', '{WELDING_3G}')",
        seeker.id, enrolment.id, w.provider_id
    )).await;
    assert_eq!(units, 3);
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM seeker_competencies").await,
        3,
        "nothing else"
    );
    let outbox_after = count(
        app,
        &format!(
            "SELECT count(*) AS n FROM search_outbox WHERE entity_id = '{}'",
            seeker.id
        ),
    )
    .await;
    assert_eq!(outbox_after, outbox_before + 1);
    let (status, competencies) = json_of(
        app.get_as(
            &seeker.token,
            &format!("/api/v1/seekers/{}/competencies", seeker.id),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let levels: Vec<&str> = competencies["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|unit| unit["level"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(levels, vec!["trained", "trained", "trained"]);
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &enrolment, "withdrawn", Some("pindah kota")).await)
            .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_from_final");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graduating_not_competent_records_no_evidence_and_keeps_the_seat() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    let seeker = register_seeker(app, "budi@example.id").await;
    let mut enrolment = enrol(app, &seeker.token, &cohort.id).await;
    // Officers may make the same moves as the provider's staff.
    for next in [
        "passed_administration",
        "passed_test",
        "accepted",
        "active",
        "graduated_not_competent",
    ] {
        advance(app, &w.officer, &mut enrolment, next).await;
    }
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM seeker_competencies").await,
        0
    );
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM enrolments WHERE graduated_on IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT accepted_count::bigint AS n FROM cohorts WHERE id = '{}'",
                cohort.id
            )
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn illegal_enrolment_moves_are_refused_with_the_lifecycle_code_and_change_nothing() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    let budi = register_seeker(app, "budi@example.id").await;
    let siti = register_seeker(app, "siti@example.id").await;
    let mut enrolment = enrol(app, &budi.token, &cohort.id).await;

    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &enrolment, "accepted", None).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_not_allowed");
    let (status, problem) =
        json_of(move_enrolment(app, &budi.token, &enrolment, "passed_administration", None).await)
            .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_actor_not_permitted");
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &enrolment, "registered", None).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_unchanged");
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &enrolment, "not_selected", None).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "reason=reason_required");
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &enrolment, "lulus", None).await).await;
    assert_eq!(status, 422);
    assert_has(&problem, "status=unknown_value");
    let (status, _) = json_of(
        move_enrolment(
            app,
            &siti.token,
            &enrolment,
            "withdrawn",
            Some("bukan milik saya"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404, "another seeker's enrolment");
    let (status, _) = json_of(
        app.request(
            reqwest::Method::POST,
            &format!("/api/v1/enrolments/{}/status", enrolment.id),
        )
        .bearer_auth(&w.blk)
        .json(&json!({ "status": "passed_administration" }))
        .send()
        .await
        .expect("sent"),
    )
    .await;
    assert_eq!(status, 400, "If-Match is required");
    let stale = Enrolment {
        id: enrolment.id.clone(),
        etag: "\"5\"".into(),
    };
    let (status, _) =
        json_of(move_enrolment(app, &w.blk, &stale, "passed_administration", None).await).await;
    assert_eq!(status, 412);
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM enrolment_status_changes").await,
        1,
        "only the registration"
    );

    // Accepted trainees can no longer be "not selected"; the seeker may withdraw, with a reason.
    for next in ["passed_administration", "passed_test", "accepted"] {
        advance(app, &w.blk, &mut enrolment, next).await;
    }
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &enrolment, "not_selected", Some("kuota penuh")).await)
            .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_not_allowed");
    let response = move_enrolment(
        app,
        &budi.token,
        &enrolment,
        "withdrawn",
        Some("diterima bekerja"),
    )
    .await;
    let (status, withdrawn) = json_of(response).await;
    assert_eq!(status, 200);
    assert_eq!(withdrawn["history"].as_array().map(Vec::len), Some(5));
    assert_eq!(withdrawn["history"][4]["reason"], "diterima bekerja");
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT accepted_count::bigint AS n FROM cohorts WHERE id = '{}'",
                cohort.id
            )
        )
        .await,
        0,
        "the seat is free again"
    );

    // In a cancelled cohort only withdrawal remains.
    let mut sitis = enrol(app, &siti.token, &cohort.id).await;
    let (_, current) = json_of(app.get(&format!("/api/v1/cohorts/{}", cohort.id)).await).await;
    let cancel = Cohort {
        id: cohort.id.clone(),
        etag: format!("\"{}\"", current["version"]),
    };
    let (status, _) = json_of(
        move_cohort(
            app,
            &w.blk,
            &cancel,
            "cancelled",
            Some("instruktur tidak tersedia"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &sitis, "passed_administration", None).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "cohort_cancelled");
    advance_with_reason(app, &w.blk, &mut sitis, "withdrawn", "angkatan dibatalkan").await;
}

async fn advance_with_reason(
    app: &TestApp,
    token: &str,
    enrolment: &mut Enrolment,
    status: &str,
    reason: &str,
) {
    let response = move_enrolment(app, token, enrolment, status, Some(reason)).await;
    let etag = etag_of(&response);
    let (code, body) = json_of(response).await;
    assert_eq!(code, 200, "{body}");
    enrolment.etag = etag;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_cohort_refuses_one_more_acceptance_until_an_accepted_trainee_withdraws() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 1).await;
    let budi = register_seeker(app, "budi@example.id").await;
    let siti = register_seeker(app, "siti@example.id").await;
    let mut first = enrol(app, &budi.token, &cohort.id).await;
    let mut second = enrol(app, &siti.token, &cohort.id).await;
    for enrolment in [&mut first, &mut second] {
        advance(app, &w.blk, enrolment, "passed_administration").await;
        advance(app, &w.blk, enrolment, "passed_test").await;
    }
    advance(app, &w.blk, &mut first, "accepted").await;
    let (status, problem) =
        json_of(move_enrolment(app, &w.blk, &second, "accepted", None).await).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "cohort_full");
    let (_, unchanged) = json_of(
        app.get_as(&w.blk, &format!("/api/v1/enrolments/{}", second.id))
            .await,
    )
    .await;
    assert_eq!(
        unchanged["status"], "passed_test",
        "the refused acceptance changed nothing"
    );
    assert_eq!(unchanged["history"].as_array().map(Vec::len), Some(3));

    advance_with_reason(app, &w.blk, &mut first, "withdrawn", "sakit berkepanjangan").await;
    advance(app, &w.blk, &mut second, "accepted").await;
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT accepted_count::bigint AS n FROM cohorts WHERE id = '{}'",
                cohort.id
            )
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_acceptances_at_once_against_a_quota_of_five_accept_exactly_five() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 5).await;
    let mut enrolments = Vec::new();
    for n in 0..20 {
        let seeker = register_seeker(app, &format!("peserta{n}@example.id")).await;
        enrolments.push(enrol(app, &seeker.token, &cohort.id).await);
    }
    // Selection passed for everyone (arranged directly; the moves themselves are tested above).
    execute_sql(app, "UPDATE enrolments SET status = 'passed_test'").await;

    let responses = join_all(
        enrolments
            .iter()
            .map(|enrolment| move_enrolment(app, &w.blk, enrolment, "accepted", None)),
    )
    .await;
    let mut accepted = 0;
    let mut full = 0;
    for response in responses {
        let (status, body) = json_of(response).await;
        match status {
            200 => accepted += 1,
            409 if body["code"] == "cohort_full" => full += 1,
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((accepted, full), (5, 15));
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM enrolments WHERE status = 'accepted'"
        )
        .await,
        5
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT accepted_count::bigint AS n FROM cohorts WHERE id = '{}'",
                cohort.id
            )
        )
        .await,
        5
    );
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM enrolment_status_changes WHERE to_status = 'accepted'"
        )
        .await,
        5
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enrolment_repeated_with_the_same_idempotency_key_replays_the_first_response() {
    let w = world().await;
    let app = &w.app;
    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    let seeker = register_seeker(app, "budi@example.id").await;
    let send = || {
        app.request(
            reqwest::Method::POST,
            &format!("/api/v1/cohorts/{}/enrolments", cohort.id),
        )
        .bearer_auth(&seeker.token)
        .header("idempotency-key", "enrol-7c1e2a")
        .send()
    };
    let first = send().await.expect("sent");
    assert_eq!(first.status(), 201);
    let first_etag = etag_of(&first);
    let first_body: Value = first.json().await.expect("json");
    let again = send().await.expect("sent");
    assert_eq!(again.status(), 201);
    assert_eq!(
        again
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    assert_eq!(etag_of(&again), first_etag);
    let again_body: Value = again.json().await.expect("json");
    assert_eq!(again_body, first_body);
    assert_eq!(count(app, "SELECT count(*) AS n FROM enrolments").await, 1);
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM enrolment_status_changes").await,
        1
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence written by BLK staff

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blk_staff_write_trained_evidence_and_certificates_only_for_their_own_trainees() {
    let w = world().await;
    let app = &w.app;
    let seeker = register_seeker(app, "budi@example.id").await;
    let other_provider = create_provider(app, &w.officer, 2).await;
    let other_blk = create_blk_staff(app, &w.officer, &other_provider, "staf@lpk.test").await;
    let trained = format!("/api/v1/seekers/{}/competencies/trained", seeker.id);
    let certificates = format!("/api/v1/seekers/{}/certificates", seeker.id);
    let certificate = |number: &str| {
        json!({
            "number": number, "scheme": "Juru Las 3G SMAW", "issuer": "LSP Las Indonesia",
            "issued_on": "2026-02-01", "units": [WELDING_3G],
        })
    };

    // Not (yet) a trainee of anyone: no BLK may write.
    let (status, _) =
        json_of(post_json_as(app, &w.blk, &trained, &json!({ "units": [WELDING_1G] })).await).await;
    assert_eq!(status, 404);
    let (status, _) =
        json_of(post_json_as(app, &w.blk, &certificates, &certificate("LSP/001")).await).await;
    assert_eq!(status, 404);

    let cohort = open_cohort(app, &w.blk, &w.programme_id, 20).await;
    enrol(app, &seeker.token, &cohort.id).await;
    let (status, recorded) =
        json_of(post_json_as(app, &w.blk, &trained, &json!({ "units": [WELDING_1G] })).await).await;
    assert_eq!(status, 201, "{recorded}");
    let (status, stored) =
        json_of(post_json_as(app, &w.blk, &certificates, &certificate("LSP/002")).await).await;
    assert_eq!(status, 201, "{stored}");
    assert!(
        stored["verified_at"].is_string(),
        "recorded by staff: verified"
    );

    // Another provider's staff still cannot.
    let (status, _) =
        json_of(post_json_as(app, &other_blk, &trained, &json!({ "units": [WELDING_2G] })).await)
            .await;
    assert_eq!(status, 404);
    let (status, _) =
        json_of(post_json_as(app, &other_blk, &certificates, &certificate("LSP/003")).await).await;
    assert_eq!(status, 404);
    // Officers record certificates for anyone.
    let (status, _) =
        json_of(post_json_as(app, &w.officer, &certificates, &certificate("LSP/004")).await).await;
    assert_eq!(status, 201);

    // The SQL helper other areas use makes a trainee too.
    enrol_by_sql(app, &other_provider, &seeker.id).await;
    let (status, _) =
        json_of(post_json_as(app, &other_blk, &trained, &json!({ "units": [WELDING_2G] })).await)
            .await;
    assert_eq!(status, 201);
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM certificates").await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_training_endpoints_are_in_the_openapi_document() {
    let app = spawn_app().await;
    let (status, document) = json_of(app.get("/api/openapi.json").await).await;
    assert_eq!(status, 200);
    let paths = &document["paths"];
    for (path, method) in [
        ("/api/v1/training-providers", "post"),
        ("/api/v1/training-providers/{id}", "put"),
        ("/api/v1/training-providers/{id}/staff", "post"),
        ("/api/v1/training-programmes", "get"),
        ("/api/v1/training-programmes/{id}/archive", "post"),
        ("/api/v1/training-programmes/{id}/cohorts", "post"),
        ("/api/v1/cohorts/open", "get"),
        ("/api/v1/cohorts/{id}/status", "post"),
        ("/api/v1/cohorts/{id}/enrolments", "post"),
        ("/api/v1/enrolments/mine", "get"),
        ("/api/v1/enrolments/{id}/status", "post"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
}
