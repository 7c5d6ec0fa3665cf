use jembatan_tests::seekers::{
    EXCAVATOR, WELDING_1G, WELDING_2G, WELDING_3G, blk_staff_token, count, delete_as,
    employer_staff_token, execute_sql, nik, officer_token, post_json_as, register_seeker,
    register_seeker_with, registration_form, seed_reference_data, send_json_as, unique_nik,
};
use jembatan_tests::training::enrol_by_sql;
use jembatan_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn app_with_reference_data() -> TestApp {
    let app = spawn_app().await;
    seed_reference_data(&app).await;
    app
}

async fn json_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// The field names of a validation problem's errors.
fn failed_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| error["field"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn error_code_of(problem: &Value, field: &str) -> Option<String> {
    problem["errors"].as_array().and_then(|errors| {
        errors
            .iter()
            .find(|error| error["field"] == field)
            .map(|error| error["code"].as_str().unwrap_or_default().to_string())
    })
}

async fn put_profile(
    app: &TestApp,
    token: &str,
    seeker_id: &str,
    if_match: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut request = app
        .request(Method::PUT, &format!("/api/v1/seekers/{seeker_id}"))
        .bearer_auth(token)
        .json(body);
    if let Some(version) = if_match {
        request = request.header("if-match", version);
    }
    request.send().await.expect("sent")
}

/// The registration form without the fields an edit does not take.
fn edit_form(nik: &str) -> Value {
    let mut form = registration_form(nik, "budi@example.id");
    let object = form.as_object_mut().expect("an object");
    object.remove("nik");
    object.remove("password");
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_registers_online_and_gets_an_active_ak1_card_with_their_full_nik() {
    let app = app_with_reference_data().await;
    let nik = unique_nik();
    let response = app
        .post_json(
            "/api/v1/seekers/register",
            &registration_form(&nik, "budi@example.id"),
        )
        .await;
    assert_eq!(response.status(), 201);
    assert_eq!(
        response.headers().get("etag").and_then(|v| v.to_str().ok()),
        Some("\"1\"")
    );
    let body: Value = response.json().await.expect("json");
    let card = &body["seeker"];
    assert_eq!(body["warnings"], json!([]));
    let number = card["registration_number"].as_str().expect("a number");
    assert!(
        number.starts_with("6471-20") && number.len() == "6471-2026-000001".len(),
        "{number}"
    );
    assert!(number.ends_with("-000001"), "the first card of the year");
    assert_eq!(card["nik"], nik.as_str());
    assert_eq!(card["nik_masked"], format!("************{}", &nik[12..]));
    assert_eq!(card["status"], "active");
    assert_eq!(card["phone"], "+6281255551234", "phone normalised to +62");
    assert_eq!(card["has_account"], true);
    assert_eq!(card["preferred_regions"], json!(["64.71.02", "64.71.05"]));
    let registered_on = card["registered_on"].as_str().expect("a date");
    let (year, rest) = registered_on.split_at(4);
    let year: i32 = year.parse().expect("a year");
    assert_eq!(
        card["valid_until"].as_str().map(|d| d[4..].to_string()),
        Some(rest.to_string()),
        "valid two years to the day (or the last day of February)"
    );
    assert!(
        card["valid_until"]
            .as_str()
            .is_some_and(|d| d.starts_with(&(year + 2).to_string()))
    );
    assert!(card["next_report_due_on"].as_str() > Some(registered_on));

    // The seeker logs in with the e-mail and password and sees their own card.
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "budi@example.id", "password": "las-listrik-2026" }),
        )
        .await;
    let (status, login) = json_of(login).await;
    assert_eq!(status, 200);
    assert_eq!(login["account"]["role"], "seeker");
    let token = login["token"].as_str().expect("a token");
    let (status, me) = json_of(app.get_as(token, "/api/v1/seekers/me").await).await;
    assert_eq!(status, 200);
    assert_eq!(me["id"], card["id"]);
    assert_eq!(me["nik"], nik.as_str());

    // Stored protected, enqueued for search, and the registration is in the status history with its dimensions.
    let seeker_id = card["id"].as_str().expect("an id");
    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM seekers WHERE id = '{seeker_id}' AND octet_length(nik_hash) = 32 \
             AND position(convert_to('{nik}', 'UTF8') IN nik_ciphertext) = 0 AND nik_masked <> '{nik}'"
        ))
        .await,
        1
    );
    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM search_outbox WHERE entity_kind = 'seeker' AND entity_id = '{seeker_id}'"
        ))
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM seeker_status_changes WHERE seeker_id = '{seeker_id}' \
             AND from_status IS NULL AND to_status = 'active' AND sex = 'L' AND birth_year = 1998 \
             AND education_level = 'smk' AND domicile_region_code = '64.71.03'"
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) AS n FROM audit_log WHERE seeker_id = '{seeker_id}'")
        )
        .await,
        0,
        "the seeker's own reads are not audited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_broken_rule_of_the_form_is_reported_on_its_field_and_nothing_is_written() {
    let app = app_with_reference_data().await;
    let valid_nik = unique_nik();
    // (what to change, the field that must be named, the rule's code)
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("nik", json!("647103170898004"), "nik", "nik_length"),
        ("nik", json!("6471031708980A42"), "nik", "nik_not_digits"),
        ("nik", json!("2071031708980042"), "nik", "nik_province"),
        ("nik", json!("6471033208980042"), "nik", "nik_birth_day"),
        ("nik", json!("6471033102980042"), "nik", "nik_birth_date"),
        ("nik", json!("6471031708980000"), "nik", "nik_serial"),
        ("nik", json!(6471031708980042_u64), "nik", "invalid_value"),
        ("phone", json!("12345"), "phone", "phone_prefix"),
        ("phone", json!("0812-34"), "phone", "phone_length"),
        ("email", json!("budi@"), "email", "email_domain"),
        ("email", json!(""), "email", "email_required"),
        (
            "birth_date",
            json!(null),
            "birth_date",
            "birth_date_missing",
        ),
        (
            "birth_date",
            json!("2015-01-01"),
            "birth_date",
            "seeker_too_young",
        ),
        (
            "birth_date",
            json!("1898-08-17"),
            "birth_date",
            "birth_date_too_early",
        ),
        ("sex", json!("X"), "sex", "unknown_value"),
        ("full_name", json!("  "), "full_name", "text_empty"),
        ("address", json!("Jl"), "address", "text_too_short"),
        (
            "domicile_region_code",
            json!("64.72.01"),
            "domicile_region_code",
            "region_code",
        ),
        (
            "education_level",
            json!("sltp"),
            "education_level",
            "unknown_value",
        ),
        (
            "graduation_year",
            json!(1990),
            "graduation_year",
            "graduation_year_out_of_range",
        ),
        (
            "preferred_occupations",
            json!(["7212.01", "9999.99"]),
            "preferred_occupations[1]",
            "occupation_unknown",
        ),
        (
            "preferred_occupations",
            json!(["7212"]),
            "preferred_occupations[0]",
            "kbji_format",
        ),
        (
            "preferred_regions",
            json!(["64.71.09"]),
            "preferred_regions[0]",
            "region_code",
        ),
        (
            "preferred_employment_types",
            json!(["kontrak"]),
            "preferred_employment_types[0]",
            "unknown_value",
        ),
        (
            "expected_wage_rupiah",
            json!(-1),
            "expected_wage_rupiah",
            "amount_negative",
        ),
        (
            "wants_reserved_openings",
            json!(true),
            "wants_reserved_openings",
            "reserved_openings_without_disability",
        ),
        (
            "consent_visible_to_employers",
            Value::Null,
            "consent_visible_to_employers",
            "consent_required",
        ),
        (
            "consent_receive_alerts",
            Value::Null,
            "consent_receive_alerts",
            "consent_required",
        ),
        ("password", json!("short"), "password", "password_length"),
        ("password", Value::Null, "password", "password_required"),
    ];
    for (key, value, field, code) in cases {
        let mut form = registration_form(&valid_nik, "budi@example.id");
        if value.is_null() && key != "birth_date" {
            form.as_object_mut().expect("an object").remove(key);
        } else {
            form[key] = value.clone();
        }
        let (status, problem) =
            json_of(app.post_json("/api/v1/seekers/register", &form).await).await;
        assert_eq!(status, 422, "{key} = {value}: {problem}");
        assert_eq!(problem["code"], "validation_failed");
        assert_eq!(
            error_code_of(&problem, field).as_deref(),
            Some(code),
            "{key} = {value}: {problem}"
        );
        let text = problem.to_string();
        assert!(
            !text.contains(&valid_nik),
            "the NIK is never echoed: {text}"
        );
        let sent = value
            .as_str()
            .map(str::to_string)
            .unwrap_or(value.to_string());
        if key == "nik" {
            assert!(!text.contains(&sent), "the NIK is never echoed: {text}");
        }
    }
    assert_eq!(count(&app, "SELECT count(*) AS n FROM seekers").await, 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM users").await, 0);
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM search_outbox").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failed_field_is_reported_at_once_in_the_callers_language() {
    let app = app_with_reference_data().await;
    let mut form = registration_form("647103170898004", "budi@");
    form["phone"] = json!("12345");
    form.as_object_mut()
        .expect("an object")
        .remove("consent_receive_alerts");
    let english = app
        .request(Method::POST, "/api/v1/seekers/register")
        .header("accept-language", "en")
        .json(&form)
        .send()
        .await
        .expect("sent");
    let (status, english) = json_of(english).await;
    assert_eq!(status, 422);
    let mut fields = failed_fields(&english);
    fields.sort();
    assert_eq!(
        fields,
        vec!["consent_receive_alerts", "email", "nik", "phone"]
    );
    let indonesian = app
        .request(Method::POST, "/api/v1/seekers/register")
        .header("accept-language", "id")
        .json(&form)
        .send()
        .await
        .expect("sent");
    let (_, indonesian) = json_of(indonesian).await;
    let nik_message = |problem: &Value| {
        problem["errors"]
            .as_array()
            .and_then(|errors| errors.iter().find(|e| e["field"] == "nik"))
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(
        nik_message(&english).as_deref(),
        Some("nik must have 16 digits, got 15")
    );
    assert_eq!(
        nik_message(&indonesian).as_deref(),
        Some("NIK harus 16 digit, diterima 15")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_registration_with_the_same_nik_is_a_conflict_that_does_not_echo_it() {
    let app = app_with_reference_data().await;
    let first = register_seeker(&app, "first@example.id").await;
    let response = app
        .post_json(
            "/api/v1/seekers/register",
            &registration_form(&first.nik, "second@example.id"),
        )
        .await;
    let (status, problem) = json_of(response).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "nik_taken");
    assert!(!problem.to_string().contains(&first.nik));
    assert!(!problem.to_string().contains(&first.nik[..12]));
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM users").await,
        1,
        "the second account was rolled back with the card"
    );

    // A taken e-mail is its own conflict.
    let response = app
        .post_json(
            "/api/v1/seekers/register",
            &registration_form(&unique_nik(), "FIRST@example.id"),
        )
        .await;
    let (status, problem) = json_of(response).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "email_taken");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nik_that_disagrees_with_the_birth_date_and_sex_registers_with_warnings() {
    let app = app_with_reference_data().await;
    // The NIK says a woman born 17 August 1998; the form says a man born 18 August 1998.
    let womans_nik = nik(17, 8, 1998, true, 77);
    let mut form = registration_form(&womans_nik, "budi@example.id");
    form["birth_date"] = json!("1998-08-18");
    let (status, body) = json_of(app.post_json("/api/v1/seekers/register", &form).await).await;
    assert_eq!(status, 201, "a mismatch never blocks: {body}");
    let mut codes: Vec<String> = body["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["code"].as_str().unwrap_or_default().to_string())
        .collect();
    codes.sort();
    assert_eq!(codes, vec!["nik_birth_date_mismatch", "nik_sex_mismatch"]);
    assert_eq!(body["seeker"]["sex"], "L");
    assert_eq!(body["seeker"]["birth_date"], "1998-08-18");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_see_the_full_nik_and_every_read_by_someone_else_is_audited() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (officer, officer_token) = officer_token(&app, "officer@disnaker.test").await;
    let path = format!("/api/v1/seekers/{}", seeker.id);

    let response = app
        .get_as(&officer_token, &format!("{path}?purpose=counter%20visit"))
        .await;
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let (status, card) = json_of(response).await;
    assert_eq!(status, 200);
    assert_eq!(card["view"], "full");
    assert_eq!(card["nik"], seeker.nik.as_str());
    assert_eq!(card["address"], "Jl. Soekarno-Hatta Km 5 RT 12");

    // The owner's own reads are not audited.
    let (status, _) = json_of(app.get_as(&seeker.token, &path).await).await;
    assert_eq!(status, 200);

    let (status, log) = json_of(
        app.get_as(&officer_token, &format!("{path}/audit-log"))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let entries = log["items"].as_array().expect("items");
    assert_eq!(entries.len(), 1, "{log}");
    assert_eq!(entries[0]["actor_user_id"], officer.id.to_string());
    assert_eq!(entries[0]["actor_role"], "officer");
    assert_eq!(entries[0]["action"], "read");
    assert_eq!(entries[0]["resource"], "seeker_profile");
    assert_eq!(entries[0]["purpose"], "counter visit");
    assert_eq!(entries[0]["request_id"].as_str(), request_id.as_deref());

    // The seeker sees who read their data too; another seeker cannot.
    let (status, own_log) = json_of(
        app.get_as(&seeker.token, &format!("{path}/audit-log"))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(own_log["items"].as_array().map(Vec::len), Some(1));
    let other = register_seeker(&app, "other@example.id").await;
    assert_eq!(
        app.get_as(&other.token, &format!("{path}/audit-log"))
            .await
            .status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_is_paginated_newest_first() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    for purpose in ["first", "second", "third"] {
        let response = app
            .get_as(
                &officer,
                &format!("/api/v1/seekers/{}?purpose={purpose}", seeker.id),
            )
            .await;
        assert_eq!(response.status(), 200);
    }
    let path = format!("/api/v1/seekers/{}/audit-log?limit=2", seeker.id);
    let (_, page) = json_of(app.get_as(&officer, &path).await).await;
    let purposes: Vec<&str> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["purpose"].as_str())
        .collect();
    assert_eq!(purposes, vec!["third", "second"]);
    let cursor = page["next_cursor"].as_str().expect("a next page");
    let (_, next) = json_of(
        app.get_as(&officer, &format!("{path}&cursor={cursor}"))
            .await,
    )
    .await;
    assert_eq!(next["items"][0]["purpose"], "first");
    assert!(next.get("next_cursor").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_seeker_gets_404_for_a_card_that_is_not_theirs() {
    let app = app_with_reference_data().await;
    let budi = register_seeker(&app, "budi@example.id").await;
    let siti = register_seeker(&app, "siti@example.id").await;
    for path in [
        format!("/api/v1/seekers/{}", budi.id),
        format!("/api/v1/seekers/{}/competencies", budi.id),
        format!("/api/v1/seekers/{}/export", budi.id),
        format!("/api/v1/seekers/{}", uuid::Uuid::now_v7()),
    ] {
        let (status, problem) = json_of(app.get_as(&siti.token, &path).await).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(problem["code"], "not_found");
    }
    let edit = put_profile(
        &app,
        &siti.token,
        &budi.id,
        Some("\"1\""),
        &edit_form(&budi.nik),
    )
    .await;
    assert_eq!(edit.status(), 404);
    assert_eq!(
        delete_as(&app, &siti.token, &format!("/api/v1/seekers/{}", budi.id))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/api/v1/seekers/me").await.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_sees_nothing_without_consent_and_a_limited_audited_profile_with_it() {
    let app = app_with_reference_data().await;
    let private = register_seeker_with(&app, "private@example.id", |form| {
        form["consent_visible_to_employers"] = json!(false);
    })
    .await;
    let open = register_seeker(&app, "open@example.id").await;
    let employer = employer_staff_token(&app, "hr@kariangau.test").await;

    let (status, _) = json_of(
        app.get_as(&employer, &format!("/api/v1/seekers/{}", private.id))
            .await,
    )
    .await;
    assert_eq!(
        status, 404,
        "no consent: the seeker does not exist for employers"
    );
    let (status, _) = json_of(
        app.get_as(
            &employer,
            &format!("/api/v1/seekers/{}/competencies", private.id),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);

    let (status, profile) = json_of(
        app.get_as(&employer, &format!("/api/v1/seekers/{}", open.id))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(profile["view"], "limited");
    assert_eq!(profile["full_name"], "Budi Santoso");
    assert_eq!(profile["education_level"], "smk");
    assert_eq!(profile["domicile_region_code"], "64.71.03");
    assert!(profile["competencies"].is_array());
    for hidden in [
        "nik",
        "nik_masked",
        "phone",
        "email",
        "address",
        "birth_date",
        "birth_place",
        "sex",
        "has_disability",
    ] {
        assert!(
            profile.get(hidden).is_none(),
            "{hidden} is not shown: {profile}"
        );
    }
    let text = profile.to_string();
    assert!(!text.contains(&open.nik) && !text.contains("************"));
    assert!(!text.contains("5555"), "no phone digits");

    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    let (_, log) = json_of(
        app.get_as(&officer, &format!("/api/v1/seekers/{}/audit-log", open.id))
            .await,
    )
    .await;
    assert_eq!(log["items"][0]["actor_role"], "employer");
    assert_eq!(log["items"][0]["action"], "read");

    // Seeing is not editing.
    let edit = put_profile(
        &app,
        &employer,
        &open.id,
        Some("\"1\""),
        &edit_form(&open.nik),
    )
    .await;
    assert_eq!(edit.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_look_a_seeker_up_by_nik_in_a_post_body() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;

    let (status, card) = json_of(
        post_json_as(
            &app,
            &officer,
            "/api/v1/seekers/lookup",
            &json!({ "nik": seeker.nik }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(card["id"], seeker.id.as_str());
    assert_eq!(card["nik"], seeker.nik.as_str());
    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM audit_log WHERE seeker_id = '{}' AND purpose = 'nik_lookup'",
            seeker.id
        ))
        .await,
        1
    );

    let unknown = unique_nik();
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer,
            "/api/v1/seekers/lookup",
            &json!({ "nik": unknown }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    assert!(!problem.to_string().contains(&unknown));

    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer,
            "/api/v1/seekers/lookup",
            &json!({ "nik": "6471031708980" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        error_code_of(&problem, "nik").as_deref(),
        Some("nik_length")
    );
    assert!(!problem.to_string().contains("6471031708980"));

    let (status, _) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            "/api/v1/seekers/lookup",
            &json!({ "nik": seeker.nik }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 403, "only labour-office staff look up by NIK");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_needs_the_current_version_and_cannot_set_fields_the_client_does_not_own() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let mut form = edit_form(&seeker.nik);
    form["address"] = json!("Jl. MT Haryono No. 7, Balikpapan");
    form["preferred_occupations"] = json!(["8342.01"]);

    let missing = put_profile(&app, &seeker.token, &seeker.id, None, &form).await;
    assert_eq!(missing.status(), 400);

    let saved = put_profile(&app, &seeker.token, &seeker.id, Some("\"1\""), &form).await;
    assert_eq!(
        saved.headers().get("etag").and_then(|v| v.to_str().ok()),
        Some("\"2\"")
    );
    let (status, body) = json_of(saved).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["seeker"]["address"],
        "Jl. MT Haryono No. 7, Balikpapan"
    );
    assert_eq!(body["seeker"]["preferred_occupations"], json!(["8342.01"]));
    assert_eq!(
        body["seeker"]["nik"],
        seeker.nik.as_str(),
        "the NIK is kept"
    );

    form["address"] = json!("Jl. Jenderal Sudirman No. 1");
    let (status, problem) =
        json_of(put_profile(&app, &seeker.token, &seeker.id, Some("\"1\""), &form).await).await;
    assert_eq!(status, 412);
    assert_eq!(problem["code"], "stale_version");

    for (field, value) in [
        ("status", json!("placed")),
        ("registration_number", json!("6471-2026-999999")),
        ("version", json!(9)),
        ("nik", json!(seeker.nik)),
        ("evidence_level", json!("certified")),
    ] {
        let mut sneaky = edit_form(&seeker.nik);
        sneaky[field] = value;
        let (status, problem) =
            json_of(put_profile(&app, &seeker.token, &seeker.id, Some("\"2\""), &sneaky).await)
                .await;
        assert_eq!(status, 422, "{field}");
        assert!(problem.to_string().contains(field), "{problem}");
    }
    let (_, card) = json_of(app.get_as(&seeker.token, "/api/v1/seekers/me").await).await;
    assert_eq!(card["status"], "active");
    assert_eq!(card["version"], 2);
    assert_eq!(card["address"], "Jl. MT Haryono No. 7, Balikpapan");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM search_outbox WHERE entity_id = '{}'",
                seeker.id
            )
        )
        .await,
        2,
        "registration and the one accepted edit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_registers_a_seeker_at_the_counter_and_the_seeker_activates_a_login() {
    let app = app_with_reference_data().await;
    let (officer, officer_token) = officer_token(&app, "officer@disnaker.test").await;
    let nik = unique_nik();
    let mut form = registration_form(&nik, "");
    let object = form.as_object_mut().expect("an object");
    object.remove("password");
    object.remove("email");

    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer_token,
            "/api/v1/seekers",
            &registration_form(&unique_nik(), "x@example.id"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "no password at the counter");
    assert_eq!(
        error_code_of(&problem, "password").as_deref(),
        Some("password_not_allowed")
    );

    let (status, registered) =
        json_of(post_json_as(&app, &officer_token, "/api/v1/seekers", &form).await).await;
    assert_eq!(status, 201, "{registered}");
    let card = &registered["seeker"];
    assert_eq!(card["has_account"], false);
    assert_eq!(card["registered_by"], officer.id.to_string());
    let code = registered["activation_code"].as_str().expect("a code");
    assert_eq!(code.len(), 14, "XXXX-XXXX-XXXX: {code}");
    let number = card["registration_number"].as_str().expect("a number");
    let seeker_id = card["id"].as_str().expect("an id");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM seekers WHERE id = '{seeker_id}' AND user_id IS NULL \
             AND octet_length(activation_code_hash) = 32 AND activation_code_expires_at > now()"
            )
        )
        .await,
        1,
        "only the code's hash is stored"
    );
    let (status, _) =
        json_of(post_json_as(&app, "jbt_never-issued", "/api/v1/seekers", &form).await).await;
    assert_eq!(status, 401);

    let activation = |code: &str| {
        json!({
            "registration_number": number,
            "activation_code": code,
            "email": "budi.counter@example.id",
            "password": "kartu-kuning-2026",
        })
    };
    let (status, problem) = json_of(
        app.post_json("/api/v1/seekers/activate", &activation("AAAA-BBBB-CCCC"))
            .await,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "invalid_activation_code");

    // Case and separators do not matter.
    let typed = code.replace('-', " ").to_lowercase();
    let (status, activated) = json_of(
        app.post_json("/api/v1/seekers/activate", &activation(&typed))
            .await,
    )
    .await;
    assert_eq!(status, 201, "{activated}");
    assert_eq!(activated["seeker_id"], seeker_id);

    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "budi.counter@example.id", "password": "kartu-kuning-2026" }),
        )
        .await;
    let (status, login) = json_of(login).await;
    assert_eq!(status, 200);
    let token = login["token"].as_str().expect("a token");
    let (status, me) = json_of(app.get_as(token, "/api/v1/seekers/me").await).await;
    assert_eq!(status, 200);
    assert_eq!(me["id"], seeker_id);
    assert_eq!(me["nik"], nik.as_str());
    assert_eq!(me["email"], "budi.counter@example.id");
    assert_eq!(me["has_account"], true);

    let (status, _) = json_of(
        app.post_json("/api/v1/seekers/activate", &activation(code))
            .await,
    )
    .await;
    assert_eq!(status, 401, "a code works once");
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer_token,
            &format!("/api/v1/seekers/{seeker_id}/activation-code"),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "already_activated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_activation_code_is_refused_and_an_officer_can_issue_a_new_one() {
    let app = app_with_reference_data().await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    let mut form = registration_form(&unique_nik(), "walkin@example.id");
    form.as_object_mut().expect("an object").remove("password");
    let (_, registered) =
        json_of(post_json_as(&app, &officer, "/api/v1/seekers", &form).await).await;
    let seeker_id = registered["seeker"]["id"].as_str().expect("an id");
    let number = registered["seeker"]["registration_number"]
        .as_str()
        .expect("a number");
    execute_sql(
        &app,
        &format!(
            "UPDATE seekers SET activation_code_expires_at = now() - interval '1 day' WHERE id = '{seeker_id}'"
        ),
    )
    .await;
    let activation = |code: &str| {
        json!({
            "registration_number": number,
            "activation_code": code,
            "email": "walkin@example.id",
            "password": "kartu-kuning-2026",
        })
    };
    let code = registered["activation_code"].as_str().expect("a code");
    let (status, problem) = json_of(
        app.post_json("/api/v1/seekers/activate", &activation(code))
            .await,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "activation_code_expired");

    let (status, fresh) = json_of(
        post_json_as(
            &app,
            &officer,
            &format!("/api/v1/seekers/{seeker_id}/activation-code"),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let fresh_code = fresh["activation_code"].as_str().expect("a code");
    assert_ne!(fresh_code, code);
    let (status, _) = json_of(
        app.post_json("/api/v1/seekers/activate", &activation(fresh_code))
            .await,
    )
    .await;
    assert_eq!(status, 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overdue_list_shows_active_seekers_who_missed_their_re_report_or_whose_card_expired() {
    let app = app_with_reference_data().await;
    let late = register_seeker(&app, "late@example.id").await;
    let expired = register_seeker(&app, "expired@example.id").await;
    let current = register_seeker(&app, "current@example.id").await;
    let removed = register_seeker(&app, "removed@example.id").await;
    execute_sql(&app, &format!(
        "UPDATE seekers SET registered_on = current_date - 200, last_reported_on = current_date - 200, \
         next_report_due_on = current_date - 17, valid_until = current_date + 530 WHERE id = '{}'",
        late.id
    ))
    .await;
    execute_sql(&app, &format!(
        "UPDATE seekers SET registered_on = current_date - 800, last_reported_on = current_date - 300, \
         next_report_due_on = current_date - 120, valid_until = current_date - 70 WHERE id = '{}'",
        expired.id
    ))
    .await;
    execute_sql(&app, &format!(
        "UPDATE seekers SET registered_on = current_date - 400, last_reported_on = current_date - 400, \
         next_report_due_on = current_date - 220, valid_until = current_date + 330, status = 'removed', \
         removed_reason = 'moved away' WHERE id = '{}'",
        removed.id
    ))
    .await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;

    let (status, page) = json_of(
        app.get_as(&officer, "/api/v1/seekers/overdue?limit=1")
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        page["items"][0]["id"],
        expired.id.as_str(),
        "longest overdue first"
    );
    assert_eq!(page["items"][0]["reason"], "card_expired");
    assert_eq!(
        page["items"][0]["nik_masked"],
        format!("************{}", &expired.nik[12..])
    );
    assert!(page["items"][0].get("nik").is_none());
    let cursor = page["next_cursor"].as_str().expect("a second page");
    let (_, second) = json_of(
        app.get_as(
            &officer,
            &format!("/api/v1/seekers/overdue?limit=1&cursor={cursor}"),
        )
        .await,
    )
    .await;
    assert_eq!(second["items"][0]["id"], late.id.as_str());
    assert_eq!(second["items"][0]["reason"], "re_report_overdue");
    assert!(second.get("next_cursor").is_none(), "{second}");
    assert!(!second.to_string().contains(&current.id));
    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM audit_log WHERE seeker_id IN ('{}', '{}') AND resource = 'seeker_list'",
            late.id, expired.id
        ))
        .await,
        2,
        "listing names is a read of personal data"
    );
    assert_eq!(
        app.get_as(&late.token, "/api/v1/seekers/overdue")
            .await
            .status(),
        403
    );

    // The late seeker re-reports at the counter and leaves the list; the expired card cannot be re-reported.
    let (status, card) = json_of(
        post_json_as(
            &app,
            &officer,
            &format!("/api/v1/seekers/{}/re-report", late.id),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{card}");
    assert_eq!(card["re_report_overdue"], false);
    assert!(card["next_report_due_on"].as_str() > card["last_reported_on"].as_str());
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer,
            &format!("/api/v1/seekers/{}/re-report", expired.id),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "report_on_inactive_card");
    let (_, after) = json_of(app.get_as(&officer, "/api/v1/seekers/overdue").await).await;
    let ids: Vec<&str> = after["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect();
    assert_eq!(ids, vec![expired.id.as_str()]);
    let (status, _) = json_of(
        post_json_as(
            &app,
            &late.token,
            &format!("/api/v1/seekers/{}/re-report", late.id),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 403, "re-reports are recorded by officers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_moves_follow_the_card_rules_and_are_kept_with_their_report_dimensions() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (officer, officer_token) = officer_token(&app, "officer@disnaker.test").await;
    let status_path = format!("/api/v1/seekers/{}/status", seeker.id);

    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer_token,
            &status_path,
            &json!({ "status": "removed" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        error_code_of(&problem, "reason").as_deref(),
        Some("reason_required")
    );

    let (status, card) = json_of(
        post_json_as(
            &app,
            &officer_token,
            &status_path,
            &json!({ "status": "removed", "reason": "moved to Samarinda" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{card}");
    assert_eq!(card["status"], "removed");
    assert_eq!(card["removed_reason"], "moved to Samarinda");

    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &status_path,
            &json!({ "status": "active" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409, "only an officer brings a removed card back");
    assert_eq!(problem["code"], "transition_actor_not_permitted");

    let (status, problem) = json_of(
        post_json_as(
            &app,
            &officer_token,
            &status_path,
            &json!({ "status": "expired" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "transition_not_allowed");

    let (status, card) = json_of(
        post_json_as(
            &app,
            &officer_token,
            &status_path,
            &json!({ "status": "active" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(card["status"], "active");
    assert_eq!(card["removed_reason"], Value::Null);

    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM seeker_status_changes WHERE seeker_id = '{}' AND sex = 'L' \
             AND birth_year = 1998 AND education_level = 'smk' AND domicile_region_code = '64.71.03' \
             AND ((from_status IS NULL AND to_status = 'active') \
               OR (from_status = 'active' AND to_status = 'removed' AND reason = 'moved to Samarinda' AND actor_user_id = '{}') \
               OR (from_status = 'removed' AND to_status = 'active' AND actor_user_id = '{}'))",
            seeker.id, officer.id, officer.id
        ))
        .await,
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_card_past_its_validity_is_recorded_as_expired_before_it_is_renewed() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    execute_sql(&app, &format!(
        "UPDATE seekers SET registered_on = current_date - 800, last_reported_on = current_date - 800, \
         next_report_due_on = current_date - 620, valid_until = current_date - 70 WHERE id = '{}'",
        seeker.id
    ))
    .await;
    let (status, card) = json_of(app.get_as(&seeker.token, "/api/v1/seekers/me").await).await;
    assert_eq!(status, 200);
    assert_eq!(card["status"], "expired");

    let (status, card) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &format!("/api/v1/seekers/{}/status", seeker.id),
            &json!({ "status": "active" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "the seeker may renew an expired card: {card}");
    assert_eq!(card["status"], "active");
    assert!(card["valid_until"].as_str() > card["registered_on"].as_str());
    let history: i64 = count(
        &app,
        &format!(
            "SELECT count(*) AS n FROM seeker_status_changes WHERE seeker_id = '{}' \
         AND ((from_status = 'active' AND to_status = 'expired' AND actor_user_id IS NULL) \
           OR (from_status = 'expired' AND to_status = 'active' AND actor_user_id IS NOT NULL))",
            seeker.id
        ),
    )
    .await;
    assert_eq!(history, 2, "the system's expiry and the renewal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_levels_count_an_expired_certificate_as_trained_and_only_blk_staff_write_training()
{
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    let (blk, provider_id) = blk_staff_token(&app, "staf@blk.test").await;
    let competencies = format!("/api/v1/seekers/{}/competencies", seeker.id);

    // Declared by the seeker, once.
    let (status, _) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &competencies,
            &json!({ "unit_code": WELDING_1G }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201);
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &competencies,
            &json!({ "unit_code": WELDING_1G }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "competency_already_declared");
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &competencies,
            &json!({ "unit_code": "C.999999.001.01" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        error_code_of(&problem, "unit_code").as_deref(),
        Some("competency_unit_unknown")
    );
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &competencies,
            &json!({ "unit_code": WELDING_2G, "evidence_level": "certified" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "a client cannot choose the evidence level");
    assert!(problem.to_string().contains("evidence_level"));

    // Training evidence only from BLK staff, and only for their own trainees.
    let trained = format!("{competencies}/trained");
    let (status, _) =
        json_of(post_json_as(&app, &blk, &trained, &json!({ "units": [WELDING_2G] })).await).await;
    assert_eq!(status, 404, "not yet a trainee of this provider");
    enrol_by_sql(&app, &provider_id.to_string(), &seeker.id).await;
    for token in [&seeker.token, &officer] {
        let (status, _) =
            json_of(post_json_as(&app, token, &trained, &json!({ "units": [WELDING_2G] })).await)
                .await;
        assert_eq!(status, 403);
    }
    let (status, recorded) = json_of(
        post_json_as(
            &app,
            &blk,
            &trained,
            &json!({ "units": [WELDING_2G, WELDING_2G] }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{recorded}");
    assert_eq!(recorded["recorded"], json!([WELDING_2G]));
    assert_eq!(recorded["training_provider_id"], provider_id.to_string());

    // A current certificate (recorded by the seeker: unverified) and one that expired two years ago.
    let certificates = format!("/api/v1/seekers/{}/certificates", seeker.id);
    let (status, current) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &certificates,
            &json!({
                "number": "LSP-LAS/2025/0042",
                "scheme": "Juru Las 3G SMAW",
                "issuer": "LSP Las Indonesia",
                "issued_on": "2025-01-15",
                "units": [WELDING_3G],
            }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{current}");
    assert_eq!(current["state"], "active");
    assert_eq!(current["valid_until"], "2028-01-15", "3 years by default");
    assert_eq!(current["verified_at"], Value::Null);
    let (status, old) = json_of(
        post_json_as(
            &app,
            &officer,
            &certificates,
            &json!({
                "number": "LSP-LAS/2019/0007",
                "scheme": "Juru Las 1G SMAW",
                "issuer": "LSP Las Indonesia",
                "issued_on": "2019-03-01",
                "valid_until": "2022-03-01",
                "units": [WELDING_1G, EXCAVATOR],
            }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{old}");
    assert_eq!(old["state"], "expired");
    assert!(
        old["verified_at"].is_string(),
        "recorded by an officer: verified"
    );
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &certificates,
            &json!({
                "number": "LSP-LAS/2019/0007",
                "scheme": "Juru Las 1G SMAW",
                "issuer": "LSP Las Indonesia",
                "issued_on": "2019-03-01",
                "units": [WELDING_1G],
            }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "certificate_taken");
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &certificates,
            &json!({ "number": "X-1", "scheme": "Juru Las", "issuer": "L", "issued_on": "2030-01-01", "units": [] }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    let mut fields = failed_fields(&problem);
    fields.sort();
    assert_eq!(fields, vec!["issued_on", "issuer", "units"]);

    let (status, list) = json_of(app.get_as(&seeker.token, &competencies).await).await;
    assert_eq!(status, 200);
    let level_of = |list: &Value, unit: &str| {
        list["items"]
            .as_array()
            .and_then(|items| items.iter().find(|item| item["unit_code"] == unit))
            .map(|item| item["level"].clone())
    };
    assert_eq!(
        level_of(&list, WELDING_1G),
        Some(json!("trained")),
        "declared + expired certificate"
    );
    assert_eq!(level_of(&list, WELDING_2G), Some(json!("trained")));
    assert_eq!(level_of(&list, WELDING_3G), Some(json!("certified")));
    assert_eq!(
        level_of(&list, EXCAVATOR),
        Some(json!("trained")),
        "expired certificate alone"
    );
    let welding_1g = list["items"]
        .as_array()
        .and_then(|items| items.iter().find(|item| item["unit_code"] == WELDING_1G))
        .expect("1G");
    let certified = welding_1g["evidence"]
        .as_array()
        .and_then(|evidence| evidence.iter().find(|e| e["recorded_level"] == "certified"))
        .expect("the certificate's evidence");
    assert_eq!(certified["counts_as"], "trained");
    assert_eq!(certified["certificate_state"], "expired");

    // A revoked certificate counts for nothing.
    execute_sql(&app, &format!(
        "UPDATE certificates SET status = 'revoked', revoked_at = now(), revoked_reason = 'forged' WHERE id = '{}'",
        current["id"].as_str().expect("an id")
    ))
    .await;
    let (_, list) = json_of(app.get_as(&seeker.token, &competencies).await).await;
    assert_eq!(level_of(&list, WELDING_3G), Some(Value::Null));

    // The employer's limited view shows the levels that count.
    let employer = employer_staff_token(&app, "hr@kariangau.test").await;
    let (_, limited) = json_of(
        app.get_as(&employer, &format!("/api/v1/seekers/{}", seeker.id))
            .await,
    )
    .await;
    assert_eq!(
        limited["competencies"],
        json!([
            { "unit_code": WELDING_1G, "level": "trained" },
            { "unit_code": WELDING_2G, "level": "trained" },
            { "unit_code": EXCAVATOR, "level": "trained" },
        ])
    );

    // Withdrawing the declaration leaves the other evidence.
    let response = delete_as(&app, &seeker.token, &format!("{competencies}/{WELDING_1G}")).await;
    assert_eq!(response.status(), 204);
    let response = delete_as(&app, &seeker.token, &format!("{competencies}/{WELDING_1G}")).await;
    assert_eq!(response.status(), 404);
    let (_, list) = json_of(app.get_as(&seeker.token, &competencies).await).await;
    assert_eq!(level_of(&list, WELDING_1G), Some(json!("trained")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_experience_is_added_corrected_and_removed_with_kbji_codes() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let experiences = format!("/api/v1/seekers/{}/experiences", seeker.id);
    let job = json!({
        "employer_name": "PT Kariangau Teknik",
        "job_title": "Juru las",
        "kbji_code": "7212.01",
        "started_on": "2019-01-07",
        "ended_on": "2021-06-30",
    });
    let (status, created) =
        json_of(post_json_as(&app, &seeker.token, &experiences, &job).await).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().expect("an id");

    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &experiences,
            &json!({ "employer_name": "X", "job_title": "Operator", "kbji_code": "9999.99", "started_on": "2021-01-01", "ended_on": "2020-01-01" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    let mut fields = failed_fields(&problem);
    fields.sort();
    assert_eq!(fields, vec!["employer_name", "ended_on"]);
    let (status, problem) = json_of(
        post_json_as(
            &app,
            &seeker.token,
            &experiences,
            &json!({ "employer_name": "PT X", "job_title": "Operator", "kbji_code": "9999.99", "started_on": "2021-01-01" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        error_code_of(&problem, "kbji_code").as_deref(),
        Some("occupation_unknown")
    );

    let mut corrected = job.clone();
    corrected["kbji_code"] = json!("8342.01");
    corrected["ended_on"] = Value::Null;
    let (status, updated) = json_of(
        send_json_as(
            &app,
            Method::PUT,
            &seeker.token,
            &format!("{experiences}/{id}"),
            &corrected,
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["kbji_code"], "8342.01");
    assert_eq!(updated["ended_on"], Value::Null);

    let (_, list) = json_of(app.get_as(&seeker.token, &experiences).await).await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));

    let other = register_seeker(&app, "other@example.id").await;
    let (status, _) = json_of(
        send_json_as(
            &app,
            Method::PUT,
            &other.token,
            &format!("{experiences}/{id}"),
            &corrected,
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);

    assert_eq!(
        delete_as(&app, &seeker.token, &format!("{experiences}/{id}"))
            .await
            .status(),
        204
    );
    let (_, list) = json_of(app.get_as(&seeker.token, &experiences).await).await;
    assert_eq!(list["items"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seeker_downloads_all_their_data_including_who_read_it() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (officer, officer_token) = officer_token(&app, "officer@disnaker.test").await;
    post_json_as(
        &app,
        &seeker.token,
        &format!("/api/v1/seekers/{}/competencies", seeker.id),
        &json!({ "unit_code": WELDING_1G }),
    )
    .await;
    post_json_as(
        &app,
        &seeker.token,
        &format!("/api/v1/seekers/{}/experiences", seeker.id),
        &json!({ "employer_name": "PT Kariangau Teknik", "job_title": "Juru las", "kbji_code": "7212.01", "started_on": "2019-01-07" }),
    )
    .await;
    app.get_as(&officer_token, &format!("/api/v1/seekers/{}", seeker.id))
        .await;

    let response = app
        .get_as(
            &seeker.token,
            &format!("/api/v1/seekers/{}/export", seeker.id),
        )
        .await;
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let (status, export) = json_of(response).await;
    assert_eq!(status, 200);
    assert_eq!(export["profile"]["nik"], seeker.nik.as_str());
    assert_eq!(
        export["profile"]["preferred_occupations"],
        json!(["7212.01"])
    );
    assert_eq!(export["competencies"][0]["unit_code"], WELDING_1G);
    assert_eq!(export["work_experiences"][0]["job_title"], "Juru las");
    assert_eq!(export["certificates"], json!([]));
    assert_eq!(export["applications"], json!([]));
    assert_eq!(export["status_history"][0]["to_status"], "active");
    let log = export["audit_log"].as_array().expect("the audit log");
    assert_eq!(
        log.len(),
        1,
        "the officer's read, and no entry for the seeker's own export"
    );
    assert_eq!(log[0]["actor_user_id"], officer.id.to_string());

    // An officer exporting for the seeker at the counter is recorded as an export.
    let (status, _) = json_of(
        app.get_as(
            &officer_token,
            &format!("/api/v1/seekers/{}/export", seeker.id),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE seeker_id = '{}' AND action = 'export'",
                seeker.id
            )
        )
        .await,
        1
    );
    let employer = employer_staff_token(&app, "hr@kariangau.test").await;
    assert_eq!(
        app.get_as(&employer, &format!("/api/v1/seekers/{}/export", seeker.id))
            .await
            .status(),
        403
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_removes_personal_fields_keeps_statistics_and_ends_the_login() {
    let app = app_with_reference_data().await;
    let seeker = register_seeker(&app, "budi@example.id").await;
    let (_, officer) = officer_token(&app, "officer@disnaker.test").await;
    post_json_as(
        &app,
        &seeker.token,
        &format!("/api/v1/seekers/{}/certificates", seeker.id),
        &json!({ "number": "LSP-LAS/2025/0042", "scheme": "Juru Las 3G SMAW", "issuer": "LSP Las Indonesia", "issued_on": "2025-01-15", "units": [WELDING_3G] }),
    )
    .await;
    post_json_as(
        &app,
        &seeker.token,
        &format!("/api/v1/seekers/{}/experiences", seeker.id),
        &json!({ "employer_name": "PT Kariangau Teknik", "job_title": "Juru las", "kbji_code": "7212.01", "started_on": "2019-01-07" }),
    )
    .await;
    let second_session = app.login(&seeker.user).await;

    let response = delete_as(
        &app,
        &seeker.token,
        &format!("/api/v1/seekers/{}", seeker.id),
    )
    .await;
    assert_eq!(response.status(), 204);

    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM seekers WHERE id = '{}' AND erased_at IS NOT NULL \
             AND user_id IS NULL AND nik_hash IS NULL AND nik_ciphertext IS NULL AND nik_masked IS NULL \
             AND full_name IS NULL AND birth_place IS NULL AND birth_date IS NULL AND address IS NULL \
             AND phone IS NULL AND email IS NULL AND education_school IS NULL \
             AND sex = 'L' AND birth_year = 1998 AND education_level = 'smk' \
             AND domicile_region_code = '64.71.03' AND status = 'removed'",
            seeker.id
        ))
        .await,
        1,
        "personal fields erased, statistics kept"
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM users WHERE role = 'seeker' AND erased_at IS NOT NULL \
                     AND email IS NULL AND password_hash IS NULL AND full_name IS NULL AND phone IS NULL")
            .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT (SELECT count(*) FROM certificates WHERE seeker_id = '{id}') \
                  + (SELECT count(*) FROM work_experiences WHERE seeker_id = '{id}') AS n",
                id = seeker.id
            )
        )
        .await,
        0
    );
    assert_eq!(
        count(&app, &format!(
            "SELECT count(*) AS n FROM audit_log WHERE seeker_id = '{}' AND action = 'erase' AND actor_role = 'seeker'",
            seeker.id
        ))
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM seeker_status_changes WHERE seeker_id = '{}' \
             AND from_status = 'active' AND to_status = 'removed'",
                seeker.id
            )
        )
        .await,
        1,
        "the card leaves the register in the IPK flows"
    );

    // Every session ended and the password no longer works.
    assert_eq!(
        app.get_as(&seeker.token, "/api/v1/auth/me").await.status(),
        401
    );
    assert_eq!(
        app.get_as(&second_session, "/api/v1/auth/me")
            .await
            .status(),
        401
    );
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": seeker.user.email, "password": seeker.user.password }),
        )
        .await;
    assert_eq!(login.status(), 401);
    // Nobody can read the card any more, and the NIK is free to register again.
    assert_eq!(
        app.get_as(&officer, &format!("/api/v1/seekers/{}", seeker.id))
            .await
            .status(),
        404
    );
    let (status, _) = json_of(
        post_json_as(
            &app,
            &officer,
            "/api/v1/seekers/lookup",
            &json!({ "nik": seeker.nik }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    let again = app
        .post_json(
            "/api/v1/seekers/register",
            &registration_form(&seeker.nik, "budi.baru@example.id"),
        )
        .await;
    assert_eq!(again.status(), 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nik_sent_as_a_number_is_refused_without_being_repeated() {
    let app = app_with_reference_data().await;
    let mut form = registration_form("", "budi@example.id");
    form["nik"] = json!(6471031708980042_u64);
    form["phone"] = json!(81255551234_u64);
    let (status, problem) = json_of(app.post_json("/api/v1/seekers/register", &form).await).await;
    assert_eq!(status, 422);
    let text = problem.to_string();
    assert!(!text.contains("6471031708980042"), "{text}");
    assert!(!text.contains("81255551234"), "{text}");
    assert!(
        failed_fields(&problem).contains(&"nik".to_string()),
        "{problem}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blk_staff_see_their_own_trainees_without_consent_but_not_other_seekers() {
    let app = app_with_reference_data().await;
    let trainee = register_seeker_with(&app, "trainee@example.id", |form| {
        form["consent_visible_to_employers"] = json!(false);
    })
    .await;
    let (blk, provider_id) = blk_staff_token(&app, "staf@blk.test").await;
    let (other_blk, _) = blk_staff_token(&app, "staf@lpk.test").await;
    let path = format!("/api/v1/seekers/{}", trainee.id);
    assert_eq!(app.get_as(&blk, &path).await.status(), 404);

    execute_sql(&app, &format!(
        "WITH programme AS ( \
           INSERT INTO training_programmes (training_provider_id, name, vocation_code, duration_hours, mode, \
                                            cost_rupiah, funding_source, created_by) \
           VALUES ('{provider_id}', 'Juru Las 3G', 'las', 240, 'tatap_muka', 0, 'apbd', \
                   (SELECT id FROM users WHERE email = 'staf@blk.test')) RETURNING id), \
         cohort AS ( \
           INSERT INTO cohorts (programme_id, name, starts_on, ends_on, registration_opens_on, \
                                registration_closes_on, quota, selection_steps) \
           SELECT id, 'Angkatan I', current_date, current_date + 60, current_date - 30, current_date - 1, 20, \
                  '{{administration}}' FROM programme RETURNING id) \
         INSERT INTO enrolments (cohort_id, seeker_id, status) SELECT id, '{}', 'active' FROM cohort",
        trainee.id
    ))
    .await;
    let (status, profile) = json_of(app.get_as(&blk, &path).await).await;
    assert_eq!(status, 200);
    assert_eq!(profile["view"], "limited");
    assert!(profile.get("nik").is_none());
    assert_eq!(
        app.get_as(&other_blk, &path).await.status(),
        404,
        "another provider's staff"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seeker_endpoints_are_in_the_openapi_document_and_none_takes_a_nik_in_the_url() {
    let app = spawn_app().await;
    let (status, document) = json_of(app.get("/api/openapi.json").await).await;
    assert_eq!(status, 200);
    let paths = document["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/seekers/register", "post"),
        ("/api/v1/seekers/activate", "post"),
        ("/api/v1/seekers/lookup", "post"),
        ("/api/v1/seekers", "post"),
        ("/api/v1/seekers/{id}", "get"),
        ("/api/v1/seekers/{id}", "put"),
        ("/api/v1/seekers/{id}", "delete"),
        ("/api/v1/seekers/overdue", "get"),
        ("/api/v1/seekers/{id}/audit-log", "get"),
        ("/api/v1/seekers/{id}/export", "get"),
        ("/api/v1/seekers/{id}/competencies/trained", "post"),
        ("/api/v1/seekers/{id}/certificates", "post"),
        ("/api/v1/seekers/{id}/experiences/{experience_id}", "put"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
    assert!(paths["/api/v1/seekers/lookup"].get("get").is_none());
    assert!(
        paths.keys().all(|path| !path.contains("nik")),
        "no path names a NIK"
    );
}
