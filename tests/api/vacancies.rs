//! Vacancies over HTTP: writing drafts, the reporting and verification lifecycle, who may see and move what, the
//! discrimination check, the public listing and its pages, expiry, and the JobPosting JSON-LD.

use std::collections::HashSet;

use jembatan_tests::spawn_app;
use jembatan_tests::vacancies::{
    BALIKPAPAN_SELATAN, BALIKPAPAN_TIMUR, BALIKPAPAN_UTARA, act, act_ok, call, count, create_draft,
    days_from_today, employer_in_industry_with_staff, employer_with_staff, execute, officer_token,
    open_vacancy, set_employer_verification, today, welder_vacancy,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

fn vacancy_path(id: Uuid) -> String {
    format!("/api/v1/vacancies/{id}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_drafts_reports_an_officer_verifies_and_the_employer_publishes_then_reports_it_filled()
 {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;

    let draft = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let id = draft.id();
    assert_eq!(draft.body["status"], "draft");
    assert_eq!(draft.etag(), "\"1\"");
    assert_eq!(
        draft.body["employer"]["id"],
        employer.employer_id.to_string()
    );
    assert_eq!(draft.body["region_name"], "Balikpapan Barat");
    assert_eq!(draft.body["units"][0]["unit_code"], "C.251100.001.01");
    assert_eq!(draft.body["units"][0]["min_evidence_level"], "certified");
    assert_eq!(draft.body["units"][1]["requirement"], "optional");
    assert_eq!(draft.body["walk_in_sessions"][0]["region_code"], "64.71.06");
    assert_eq!(draft.body["driving_licences"], json!(["C"]));
    assert_eq!(draft.body["blind_review"], true);
    assert_eq!(draft.body["discrimination_flags"], json!([]));

    let reported = act_ok(
        &app,
        &employer.token,
        id,
        "report",
        &draft.etag(),
        None,
        "reported",
    )
    .await;
    assert!(reported.body["reported_at"].is_string());
    assert_eq!(reported.etag(), "\"2\"");

    let verified = act_ok(
        &app,
        &officer,
        id,
        "verify",
        &reported.etag(),
        None,
        "verified",
    )
    .await;
    assert!(verified.body["verified_at"].is_string());

    let anonymous_before = call(&app, Method::GET, &vacancy_path(id), None, None, None).await;
    assert_eq!(
        anonymous_before.status, 404,
        "a verified but unpublished vacancy is not public"
    );

    let open = act_ok(
        &app,
        &employer.token,
        id,
        "publish",
        &verified.etag(),
        None,
        "open",
    )
    .await;
    assert!(open.body["published_at"].is_string());
    let anonymous = call(&app, Method::GET, &vacancy_path(id), None, None, None).await;
    assert_eq!(anonymous.status, 200);
    assert_eq!(anonymous.body["title"], "Juru Las SMAW");
    assert!(
        anonymous.body.get("discrimination_flags").is_none()
            && anonymous.body.get("status_history").is_none(),
        "the public does not see flags or history: {}",
        anonymous.body
    );

    let filled = act_ok(
        &app,
        &employer.token,
        id,
        "fill",
        &open.etag(),
        Some(&json!({ "filled_count": 2 })),
        "filled",
    )
    .await;
    assert_eq!(filled.body["filled_count"], 2);
    assert!(filled.body["filled_at"].is_string());
    assert_eq!(filled.etag(), "\"5\"");

    let moves: Vec<(Value, Value)> = filled.body["status_history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|change| (change["from_status"].clone(), change["to_status"].clone()))
        .collect();
    assert_eq!(
        moves,
        vec![
            (Value::Null, json!("draft")),
            (json!("draft"), json!("reported")),
            (json!("reported"), json!("verified")),
            (json!("verified"), json!("open")),
            (json!("open"), json!("filled")),
        ]
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS count FROM vacancy_status_changes \
                 WHERE vacancy_id = '{id}' AND kbli_code = '41011' AND kbji_code = '7212.01' \
                   AND region_code = '64.71.02' AND min_education = 'smk' AND headcount = 3"
            )
        )
        .await,
        5,
        "every history row copies the report dimensions, including the employer's KBLI"
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS count FROM vacancy_status_changes \
                 WHERE vacancy_id = '{id}' AND to_status = 'filled' AND filled_count = 2"
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS count FROM search_outbox WHERE entity_kind = 'vacancy' AND entity_id = '{id}'"
            )
        )
        .await,
        5,
        "every write of the vacancy enqueued it for the search index"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_invalid_field_is_refused_with_422_naming_it_and_nothing_is_written() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("title", json!(""), "title", "text_empty"),
        (
            "requirements",
            json!("SMK"),
            "requirements",
            "text_too_short",
        ),
        ("headcount", json!(0), "headcount", "headcount_zero"),
        ("headcount", json!(1001), "headcount", "headcount_too_large"),
        (
            "valid_until",
            json!(days_from_today(0).pred_opt()),
            "valid_until",
            "validity_inverted",
        ),
        (
            "valid_until",
            json!(days_from_today(181)),
            "valid_until",
            "validity_too_long",
        ),
        ("valid_from", Value::Null, "valid_from", "validity_missing"),
        (
            "employment_type",
            json!("kontrak"),
            "employment_type",
            "unknown_value",
        ),
        (
            "wage_min_rupiah",
            Value::Null,
            "wage_min_rupiah",
            "wage_missing",
        ),
        ("wage_min_rupiah", json!(0), "wage_min_rupiah", "wage_zero"),
        (
            "wage_max_rupiah",
            json!(1_000_000),
            "wage_max_rupiah",
            "wage_range_inverted",
        ),
        (
            "wage_period",
            json!("mingguan"),
            "wage_period",
            "unknown_value",
        ),
        (
            "region_code",
            Value::Null,
            "region_code",
            "location_missing",
        ),
        (
            "region_code",
            json!("64.72.01"),
            "region_code",
            "region_code",
        ),
        (
            "outside_city_location",
            json!("IKN, Penajam Paser Utara"),
            "region_code",
            "location_both",
        ),
        ("kbji_code", json!("7212"), "kbji_code", "kbji_format"),
        (
            "kbji_code",
            json!("9999.99"),
            "kbji_code",
            "occupation_unknown",
        ),
        (
            "min_education",
            json!("sltp"),
            "min_education",
            "unknown_value",
        ),
        (
            "min_experience_months",
            json!(-1),
            "min_experience_months",
            "experience_out_of_range",
        ),
        (
            "driving_licences",
            json!(["B3"]),
            "driving_licences[0]",
            "unknown_value",
        ),
        (
            "units",
            json!([{ "unit_code": "C-251100", "requirement": "required" }]),
            "units[0].unit_code",
            "competency_unit_format",
        ),
        (
            "units",
            json!([{ "unit_code": "C.251199.999.09", "requirement": "required" }]),
            "units[0].unit_code",
            "competency_unit_unknown",
        ),
        (
            "units",
            json!([{ "unit_code": "C.251100.001.01", "requirement": "wajib" }]),
            "units[0].requirement",
            "unknown_value",
        ),
        (
            "units",
            json!([{ "unit_code": "C.251100.001.01", "requirement": "required", "min_evidence_level": "expert" }]),
            "units[0].min_evidence_level",
            "unknown_value",
        ),
        (
            "units",
            json!([
                { "unit_code": "C.251100.001.01", "requirement": "required" },
                { "unit_code": "C.251100.001.01", "requirement": "optional" }
            ]),
            "units[1].unit_code",
            "unit_required_and_optional",
        ),
        (
            "reserved_disability_openings",
            json!(4),
            "reserved_disability_openings",
            "reserved_openings_out_of_range",
        ),
        (
            "sex_requirement",
            json!("X"),
            "sex_requirement",
            "unknown_value",
        ),
        (
            "justifications",
            json!([{ "kind": "sex", "reason": "perlu" }]),
            "justifications[0].reason",
            "justification_too_short",
        ),
        (
            "justifications",
            json!([{ "kind": "height", "reason": "Pekerjaan di ketinggian memerlukan postur tertentu" }]),
            "justifications[0].kind",
            "unknown_value",
        ),
        (
            "walk_in_sessions",
            json!([{ "starts_at": "2026-03-10T05:00:00Z", "ends_at": "2026-03-10T01:00:00Z", "venue": "Disnaker" }]),
            "walk_in_sessions[0].ends_at",
            "walk_in_time_inverted",
        ),
        (
            "walk_in_sessions",
            json!([{ "starts_at": "2026-03-10T01:00:00Z", "ends_at": "2026-03-10T05:00:00Z", "venue": " " }]),
            "walk_in_sessions[0].venue",
            "text_empty",
        ),
        (
            "walk_in_sessions",
            json!([{ "ends_at": "2026-03-10T05:00:00Z", "venue": "Disnaker" }]),
            "walk_in_sessions[0].starts_at",
            "walk_in_time_missing",
        ),
        ("headcount", json!("tiga"), "headcount", "invalid_value"),
    ];
    let mut failures = Vec::new();
    for (field, value, expected_field, expected_code) in &cases {
        let mut body = welder_vacancy();
        body[*field] = value.clone();
        let reply = call(
            &app,
            Method::POST,
            "/api/v1/vacancies",
            Some(&employer.token),
            None,
            Some(&body),
        )
        .await;
        let named = reply.body["errors"].as_array().is_some_and(|errors| {
            errors
                .iter()
                .any(|error| error["field"] == *expected_field && error["code"] == *expected_code)
        });
        if reply.status != 422 || !named {
            failures.push(format!(
                "{field} = {value}: expected 422 naming {expected_field} ({expected_code}), got {} {}",
                reply.status, reply.body
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM vacancies").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM vacancy_units").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM walk_in_sessions").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM vacancy_status_changes").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM search_outbox").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_body_names_every_legally_required_field_at_once_in_the_callers_language() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let reply = call(
        &app,
        Method::POST,
        "/api/v1/vacancies",
        Some(&employer.token),
        None,
        Some(&json!({})),
    )
    .await;
    assert_eq!(reply.status, 422);
    let fields = reply.error_fields();
    for required in [
        "title",
        "requirements",
        "headcount",
        "valid_from",
        "employment_type",
        "wage_min_rupiah",
        "wage_period",
        "region_code",
        "kbji_code",
    ] {
        assert!(
            fields.iter().any(|field| field == required),
            "{required} missing from {fields:?}"
        );
    }
    let indonesian = app
        .request(Method::POST, "/api/v1/vacancies")
        .bearer_auth(&employer.token)
        .json(&json!({ "headcount": 0 }))
        .send()
        .await
        .expect("sent");
    let body: Value = indonesian.json().await.expect("json");
    let headcount = body["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|error| error["field"] == "headcount"))
        .expect("a headcount error");
    assert_eq!(headcount["message"], "Jumlah kebutuhan minimal 1 orang");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fields_the_employer_does_not_own_are_refused_by_name() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    for field in [
        "status",
        "version",
        "filled_count",
        "verified_by",
        "discrimination_flags",
    ] {
        let mut body = welder_vacancy();
        body[field] = json!("open");
        let reply = call(
            &app,
            Method::POST,
            "/api/v1/vacancies",
            Some(&employer.token),
            None,
            Some(&body),
        )
        .await;
        assert_eq!(reply.status, 422, "{field}: {}", reply.body);
        assert!(
            reply.body["errors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains(field),
            "{}",
            reply.body
        );
    }
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM vacancies").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_with_a_stale_if_match_is_refused_with_412_and_the_first_edit_stays() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let draft = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let path = vacancy_path(draft.id());

    let mut first = welder_vacancy();
    first["title"] = json!("Juru Las SMAW 3G");
    first["headcount"] = json!(5);
    first["units"] = json!([]);
    first["walk_in_sessions"] = json!([]);
    let edited = call(
        &app,
        Method::PUT,
        &path,
        Some(&employer.token),
        Some(&draft.etag()),
        Some(&first),
    )
    .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.etag(), "\"2\"");
    assert_eq!(edited.body["units"], json!([]), "units are replaced");
    assert_eq!(
        edited.body["walk_in_sessions"],
        json!([]),
        "walk-in sessions are replaced"
    );

    let mut second = welder_vacancy();
    second["title"] = json!("Juru Las TIG");
    let stale = call(
        &app,
        Method::PUT,
        &path,
        Some(&employer.token),
        Some(&draft.etag()),
        Some(&second),
    )
    .await;
    assert_eq!(stale.status, 412);
    assert_eq!(stale.body["code"], "stale_version");

    let without = call(
        &app,
        Method::PUT,
        &path,
        Some(&employer.token),
        None,
        Some(&second),
    )
    .await;
    assert_eq!(
        without.status, 400,
        "an edit must say which version it changes"
    );

    let stale_move = act(
        &app,
        &employer.token,
        draft.id(),
        "report",
        &draft.etag(),
        None,
    )
    .await;
    assert_eq!(stale_move.status, 412, "moves check the version too");

    let now = call(&app, Method::GET, &path, Some(&employer.token), None, None).await;
    assert_eq!(now.body["title"], "Juru Las SMAW 3G");
    assert_eq!(now.body["headcount"], 5);
    assert_eq!(now.body["status"], "draft");
    assert_eq!(now.etag(), "\"2\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moves_the_lifecycle_does_not_allow_are_refused_with_409_and_the_state_machines_code() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let draft = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let id = draft.id();

    let publish_draft = act(&app, &employer.token, id, "publish", &draft.etag(), None).await;
    assert_eq!(publish_draft.status, 409);
    assert_eq!(publish_draft.body["code"], "transition_not_allowed");
    assert_eq!(
        publish_draft.body["detail"],
        "vacancy cannot move from draft to open: not an allowed step"
    );
    let fill_draft = act(
        &app,
        &employer.token,
        id,
        "fill",
        &draft.etag(),
        Some(&json!({ "filled_count": 1 })),
    )
    .await;
    assert_eq!(fill_draft.status, 409);

    let reported = act_ok(
        &app,
        &employer.token,
        id,
        "report",
        &draft.etag(),
        None,
        "reported",
    )
    .await;
    let again = act(&app, &employer.token, id, "report", &reported.etag(), None).await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "transition_unchanged");

    let edit_reported = call(
        &app,
        Method::PUT,
        &vacancy_path(id),
        Some(&employer.token),
        Some(&reported.etag()),
        Some(&welder_vacancy()),
    )
    .await;
    assert_eq!(edit_reported.status, 409);
    assert_eq!(edit_reported.body["code"], "vacancy_not_editable");

    let no_reason = act(
        &app,
        &employer.token,
        id,
        "close",
        &reported.etag(),
        Some(&json!({ "reason": "" })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    assert_eq!(no_reason.error_fields(), vec!["reason"]);
    let closed = act_ok(
        &app,
        &employer.token,
        id,
        "close",
        &reported.etag(),
        Some(&json!({ "reason": "Posisi sudah diisi dari mutasi internal" })),
        "closed",
    )
    .await;
    assert_eq!(
        closed.body["closed_reason"],
        "Posisi sudah diisi dari mutasi internal"
    );

    let verify_closed = act(&app, &officer, id, "verify", &closed.etag(), None).await;
    assert_eq!(verify_closed.status, 409);
    assert_eq!(verify_closed.body["code"], "transition_from_final");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS count FROM vacancies WHERE id = '{id}' AND status = 'closed'"
            )
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_filled_report_counts_at_least_one_and_at_most_the_headcount() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let open = open_vacancy(&app, &employer.token, &officer, &welder_vacancy()).await;
    for impossible in [0, 4] {
        let reply = act(
            &app,
            &employer.token,
            open.id(),
            "fill",
            &open.etag(),
            Some(&json!({ "filled_count": impossible })),
        )
        .await;
        assert_eq!(reply.status, 422, "{impossible}");
        assert_eq!(reply.body["errors"][0]["field"], "filled_count");
        assert_eq!(reply.body["errors"][0]["code"], "filled_count_out_of_range");
    }
    let officer_fill = act(
        &app,
        &officer,
        open.id(),
        "fill",
        &open.etag(),
        Some(&json!({ "filled_count": 3 })),
    )
    .await;
    assert_eq!(
        officer_fill.status, 403,
        "the employer reports its own hires"
    );
    act_ok(
        &app,
        &employer.token,
        open.id(),
        "fill",
        &open.etag(),
        Some(&json!({ "filled_count": 3 })),
        "filled",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_employer_can_neither_read_nor_edit_nor_move_a_draft() {
    let app = spawn_app().await;
    let owner = employer_with_staff(&app, "verified").await;
    let other = employer_with_staff(&app, "verified").await;
    let draft = create_draft(&app, &owner.token, &welder_vacancy()).await;
    let path = vacancy_path(draft.id());

    let read = call(&app, Method::GET, &path, Some(&other.token), None, None).await;
    assert_eq!(read.status, 404);
    assert_eq!(read.body["code"], "not_found");
    let edit = call(
        &app,
        Method::PUT,
        &path,
        Some(&other.token),
        Some(&draft.etag()),
        Some(&welder_vacancy()),
    )
    .await;
    assert_eq!(edit.status, 404);
    let report = act(
        &app,
        &other.token,
        draft.id(),
        "report",
        &draft.etag(),
        None,
    )
    .await;
    assert_eq!(report.status, 404);
    let close = act(
        &app,
        &other.token,
        draft.id(),
        "close",
        &draft.etag(),
        Some(&json!({ "reason": "bukan milik kami" })),
    )
    .await;
    assert_eq!(close.status, 404);
    let anonymous = call(&app, Method::GET, &path, None, None, None).await;
    assert_eq!(anonymous.status, 404, "a draft is not public");
    let unknown = call(
        &app,
        Method::GET,
        &vacancy_path(Uuid::now_v7()),
        Some(&other.token),
        None,
        None,
    )
    .await;
    assert_eq!(
        unknown.status, 404,
        "the same answer as for an id that does not exist"
    );

    let mine = call(&app, Method::GET, &path, Some(&owner.token), None, None).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.body["title"], "Juru Las SMAW", "nothing was changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_employer_staff_write_vacancies_and_only_officers_verify_them() {
    let app = spawn_app().await;
    let seeker = app.create_user("seeker", "pencari@contoh.id").await;
    let seeker_token = app.login(&seeker).await;
    let denied = call(
        &app,
        Method::POST,
        "/api/v1/vacancies",
        Some(&seeker_token),
        None,
        Some(&welder_vacancy()),
    )
    .await;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.body["code"], "forbidden");
    let anonymous = call(
        &app,
        Method::POST,
        "/api/v1/vacancies",
        None,
        None,
        Some(&welder_vacancy()),
    )
    .await;
    assert_eq!(anonymous.status, 401);

    let employer = employer_with_staff(&app, "verified").await;
    let draft = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let reported = act_ok(
        &app,
        &employer.token,
        draft.id(),
        "report",
        &draft.etag(),
        None,
        "reported",
    )
    .await;
    let self_verify = act(
        &app,
        &employer.token,
        draft.id(),
        "verify",
        &reported.etag(),
        None,
    )
    .await;
    assert_eq!(
        self_verify.status, 403,
        "an employer cannot verify its own vacancy"
    );
    let seeker_close = act(
        &app,
        &seeker_token,
        draft.id(),
        "close",
        &reported.etag(),
        Some(&json!({ "reason": "tidak suka" })),
    )
    .await;
    assert_eq!(seeker_close.status, 403);
    let queue = call(
        &app,
        Method::GET,
        "/api/v1/vacancies/verification-queue",
        Some(&employer.token),
        None,
        None,
    )
    .await;
    assert_eq!(queue.status, 403);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS count FROM vacancies WHERE status = 'reported'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_is_refused_while_the_employer_is_pending_and_allowed_once_verified() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "pending").await;
    let officer = officer_token(&app).await;
    let draft = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let id = draft.id();
    let reported = act_ok(
        &app,
        &employer.token,
        id,
        "report",
        &draft.etag(),
        None,
        "reported",
    )
    .await;
    let verified = act_ok(
        &app,
        &officer,
        id,
        "verify",
        &reported.etag(),
        None,
        "verified",
    )
    .await;

    let refused = act(&app, &employer.token, id, "publish", &verified.etag(), None).await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.body["code"], "employer_not_verified");
    assert_eq!(
        refused.body["detail"],
        "only a verified employer can publish a vacancy, the employer is pending"
    );
    let still = call(
        &app,
        Method::GET,
        &vacancy_path(id),
        Some(&employer.token),
        None,
        None,
    )
    .await;
    assert_eq!(still.body["status"], "verified");
    assert_eq!(still.etag(), verified.etag(), "nothing was written");

    set_employer_verification(&app, employer.employer_id, "verified").await;
    act_ok(
        &app,
        &employer.token,
        id,
        "publish",
        &verified.etag(),
        None,
        "open",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discriminatory_requirement_blocks_reporting_until_it_is_justified_or_removed() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let mut body = welder_vacancy();
    body["title"] = json!("Perawat Wanita");
    body["requirements"] = json!("D3 keperawatan, STR aktif.\nUsia maksimal 30 tahun.");
    let draft = create_draft(&app, &employer.token, &body).await;
    let id = draft.id();
    let flags = draft.body["discrimination_flags"]
        .as_array()
        .expect("flags")
        .clone();
    let kinds: Vec<&str> = flags
        .iter()
        .filter_map(|flag| flag["kind"].as_str())
        .collect();
    assert_eq!(kinds, vec!["sex", "age_limit"]);
    assert_eq!(flags[0]["field"], "title");
    assert_eq!(flags[0]["matched_text"], "Wanita");
    assert_eq!(flags[1]["matched_text"], "Usia maksimal 30 tahun");
    assert!(flags.iter().all(|flag| flag["justification"].is_null()));
    assert!(
        flags[1]["explanation"]
            .as_str()
            .unwrap_or_default()
            .starts_with("A maximum age")
    );

    let blocked = act(&app, &employer.token, id, "report", &draft.etag(), None).await;
    assert_eq!(blocked.status, 409);
    assert_eq!(blocked.body["code"], "discrimination_unjustified");
    let detail = blocked.body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("'Wanita'") && detail.contains("'Usia maksimal 30 tahun'"),
        "{detail}"
    );

    body["justifications"] = json!([{
        "kind": "sex",
        "reason": "Merawat pasien perempuan di ruang bersalin sesuai aturan rumah sakit"
    }]);
    let justified_sex = call(
        &app,
        Method::PUT,
        &vacancy_path(id),
        Some(&employer.token),
        Some(&draft.etag()),
        Some(&body),
    )
    .await;
    assert_eq!(justified_sex.status, 200, "{}", justified_sex.body);
    let still_blocked = act(
        &app,
        &employer.token,
        id,
        "report",
        &justified_sex.etag(),
        None,
    )
    .await;
    assert_eq!(still_blocked.status, 409);
    let detail = still_blocked.body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("'Usia maksimal 30 tahun'") && !detail.contains("'Wanita'"),
        "{detail}"
    );

    body["requirements"] = json!("D3 keperawatan, STR aktif.");
    let removed_age = call(
        &app,
        Method::PUT,
        &vacancy_path(id),
        Some(&employer.token),
        Some(&justified_sex.etag()),
        Some(&body),
    )
    .await;
    assert_eq!(removed_age.status, 200);
    assert_eq!(
        removed_age.body["discrimination_flags"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let reported = act_ok(
        &app,
        &employer.token,
        id,
        "report",
        &removed_age.etag(),
        None,
        "reported",
    )
    .await;
    assert_eq!(
        reported.body["justifications"],
        json!([{ "kind": "sex", "reason": "Merawat pasien perempuan di ruang bersalin sesuai aturan rumah sakit" }])
    );

    let seen_by_officer = call(
        &app,
        Method::GET,
        &vacancy_path(id),
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(
        seen_by_officer.body["discrimination_flags"][0]["kind"],
        "sex"
    );
    assert_eq!(
        seen_by_officer.body["discrimination_flags"][0]["justification"],
        "Merawat pasien perempuan di ruang bersalin sesuai aturan rumah sakit"
    );
    assert!(
        seen_by_officer.body["flags_justification"]
            .as_str()
            .unwrap_or_default()
            .contains("ruang bersalin")
    );
    let queue = call(
        &app,
        Method::GET,
        "/api/v1/vacancies/verification-queue",
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(queue.body["items"][0]["discrimination_flag_count"], 1);
    assert_eq!(queue.body["items"][0]["unjustified_flag_count"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_structured_sex_requirement_is_a_flag_too() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let mut body = welder_vacancy();
    body["sex_requirement"] = json!("L");
    let draft = create_draft(&app, &employer.token, &body).await;
    assert_eq!(
        draft.body["discrimination_flags"][0]["field"],
        "sex_requirement"
    );
    let blocked = act(
        &app,
        &employer.token,
        draft.id(),
        "report",
        &draft.etag(),
        None,
    )
    .await;
    assert_eq!(blocked.body["code"], "discrimination_unjustified");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_works_the_queue_oldest_first_and_returns_a_report_with_a_reason_the_employer_reads()
 {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let mut reported_ids = Vec::new();
    for title in ["Juru Las Pipa", "Operator Excavator", "Teknisi Listrik"] {
        let mut body = welder_vacancy();
        body["title"] = json!(title);
        let draft = create_draft(&app, &employer.token, &body).await;
        act_ok(
            &app,
            &employer.token,
            draft.id(),
            "report",
            &draft.etag(),
            None,
            "reported",
        )
        .await;
        reported_ids.push(draft.id());
    }
    create_draft(&app, &employer.token, &welder_vacancy()).await;

    let first_page = call(
        &app,
        Method::GET,
        "/api/v1/vacancies/verification-queue?limit=2",
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(first_page.status, 200);
    let cursor = first_page.body["next_cursor"]
        .as_str()
        .expect("a second page")
        .to_string();
    let second_page = call(
        &app,
        Method::GET,
        &format!("/api/v1/vacancies/verification-queue?limit=2&cursor={cursor}"),
        Some(&officer),
        None,
        None,
    )
    .await;
    assert!(second_page.body.get("next_cursor").is_none());
    let queued: Vec<String> = [&first_page, &second_page]
        .iter()
        .flat_map(|page| page.body["items"].as_array().cloned().unwrap_or_default())
        .filter_map(|item| item["id"].as_str().map(str::to_string))
        .collect();
    let expected: Vec<String> = reported_ids.iter().map(Uuid::to_string).collect();
    assert_eq!(
        queued, expected,
        "reported vacancies only, oldest report first"
    );

    let id = reported_ids[0];
    let current = call(
        &app,
        Method::GET,
        &vacancy_path(id),
        Some(&officer),
        None,
        None,
    )
    .await;
    let no_reason = act(
        &app,
        &officer,
        id,
        "return",
        &current.etag(),
        Some(&json!({})),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let returned = act_ok(
        &app,
        &officer,
        id,
        "return",
        &current.etag(),
        Some(&json!({ "reason": "Upah di bawah UMK Balikpapan, mohon diperbaiki" })),
        "draft",
    )
    .await;
    assert!(returned.body.get("reported_at").is_none());

    let seen_by_employer = call(
        &app,
        Method::GET,
        &vacancy_path(id),
        Some(&employer.token),
        None,
        None,
    )
    .await;
    let last = seen_by_employer.body["status_history"]
        .as_array()
        .and_then(|history| history.last().cloned())
        .expect("history");
    assert_eq!(last["from_status"], "reported");
    assert_eq!(last["to_status"], "draft");
    assert_eq!(
        last["reason"],
        "Upah di bawah UMK Balikpapan, mohon diperbaiki"
    );

    let queue = call(
        &app,
        Method::GET,
        "/api/v1/vacancies/verification-queue",
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(queue.body["items"].as_array().map(Vec::len), Some(2));

    let mine = call(
        &app,
        Method::GET,
        "/api/v1/vacancies/mine?status=draft",
        Some(&employer.token),
        None,
        None,
    )
    .await;
    assert_eq!(mine.status, 200);
    assert_eq!(
        mine.body["items"].as_array().map(Vec::len),
        Some(2),
        "the returned one and the unreported one"
    );
    let all_mine = call(
        &app,
        Method::GET,
        "/api/v1/vacancies/mine?limit=1",
        Some(&employer.token),
        None,
        None,
    )
    .await;
    assert!(all_mine.body["next_cursor"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_listing_shows_only_open_vacancies_of_verified_employers() {
    let app = spawn_app().await;
    let verified = employer_with_staff(&app, "verified").await;
    let soon_suspended = employer_with_staff(&app, "verified").await;
    let pending = employer_with_staff(&app, "pending").await;
    let officer = officer_token(&app).await;

    let shown = open_vacancy(&app, &verified.token, &officer, &welder_vacancy()).await;
    let hidden_after_suspension =
        open_vacancy(&app, &soon_suspended.token, &officer, &welder_vacancy()).await;
    set_employer_verification(&app, soon_suspended.employer_id, "suspended").await;
    let draft = create_draft(&app, &verified.token, &welder_vacancy()).await;
    let pending_draft = create_draft(&app, &pending.token, &welder_vacancy()).await;
    let pending_reported = act_ok(
        &app,
        &pending.token,
        pending_draft.id(),
        "report",
        &pending_draft.etag(),
        None,
        "reported",
    )
    .await;
    act_ok(
        &app,
        &officer,
        pending_draft.id(),
        "verify",
        &pending_reported.etag(),
        None,
        "verified",
    )
    .await;
    let closed = open_vacancy(&app, &verified.token, &officer, &welder_vacancy()).await;
    act_ok(
        &app,
        &verified.token,
        closed.id(),
        "close",
        &closed.etag(),
        Some(&json!({ "reason": "Proyek dibatalkan" })),
        "closed",
    )
    .await;

    let listing = call(&app, Method::GET, "/api/v1/vacancies", None, None, None).await;
    assert_eq!(listing.status, 200);
    let ids: Vec<&str> = listing.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect();
    assert_eq!(ids, vec![shown.id().to_string()]);
    assert_eq!(
        listing.body["items"][0]["employer"]["name"],
        shown.body["employer"]["name"]
    );
    assert!(
        listing.body["items"][0]
            .get("discrimination_flag_count")
            .is_none()
    );

    for hidden in [
        hidden_after_suspension.id(),
        draft.id(),
        pending_draft.id(),
        closed.id(),
    ] {
        let reply = call(&app, Method::GET, &vacancy_path(hidden), None, None, None).await;
        assert_eq!(reply.status, 404, "{hidden} is not public");
        let ld = call(
            &app,
            Method::GET,
            &format!("{}/jobposting", vacancy_path(hidden)),
            None,
            None,
            None,
        )
        .await;
        assert_eq!(ld.status, 404);
    }
    let by_other_employer = call(
        &app,
        Method::GET,
        &vacancy_path(shown.id()),
        Some(&pending.token),
        None,
        None,
    )
    .await;
    assert_eq!(
        by_other_employer.status, 200,
        "an open vacancy is public to every caller"
    );
    assert!(by_other_employer.body.get("status_history").is_none());
}

/// Opens a vacancy with the given changes to the welder body and returns its id.
async fn open_with(
    app: &jembatan_tests::TestApp,
    token: &str,
    officer: &str,
    changes: Value,
) -> Uuid {
    let mut body = welder_vacancy();
    for (field, value) in changes.as_object().expect("an object") {
        body[field] = value.clone();
    }
    open_vacancy(app, token, officer, &body).await.id()
}

fn listed_ids(reply: &jembatan_tests::vacancies::Reply) -> Vec<Uuid> {
    reply.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["id"].as_str().and_then(|id| id.parse().ok()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_listing_filters_by_kecamatan_employment_type_occupation_industry_and_wage() {
    let app = spawn_app().await;
    let builder = employer_in_industry_with_staff(&app, "verified", "41011").await;
    let hotel = employer_in_industry_with_staff(&app, "verified", "55110").await;
    let officer = officer_token(&app).await;

    let welder_barat = open_with(&app, &builder.token, &officer, json!({})).await;
    let operator_utara = open_with(
        &app,
        &builder.token,
        &officer,
        json!({ "title": "Operator Excavator", "kbji_code": "8342.01", "region_code": BALIKPAPAN_UTARA,
                "employment_type": "pkwtt", "wage_min_rupiah": 7_000_000, "wage_max_rupiah": 9_000_000,
                "units": [{ "unit_code": "F.439900.001.01", "requirement": "required" }] }),
    )
    .await;
    let cook_selatan = open_with(
        &app,
        &hotel.token,
        &officer,
        json!({ "title": "Juru Masak", "kbji_code": "5120.01", "region_code": BALIKPAPAN_SELATAN,
                "employment_type": "pkwtt", "wage_min_rupiah": 5_000_000, "wage_max_rupiah": null, "units": [] }),
    )
    .await;
    let daily_cook = open_with(
        &app,
        &hotel.token,
        &officer,
        json!({ "title": "Juru Masak Harian", "kbji_code": "5120.01", "region_code": BALIKPAPAN_TIMUR,
                "employment_type": "harian", "wage_period": "harian", "wage_min_rupiah": 200_000,
                "wage_max_rupiah": null, "units": [] }),
    )
    .await;
    let outside = open_with(
        &app,
        &builder.token,
        &officer,
        json!({ "title": "Juru Las Proyek IKN", "region_code": null, "outside_city_location": "IKN, Penajam Paser Utara" }),
    )
    .await;

    let cases: Vec<(&str, Vec<Uuid>)> = vec![
        ("region_code=64.71.03", vec![operator_utara]),
        ("region_code=balikpapan_selatan", vec![cook_selatan]),
        (
            "region_code=64.71",
            vec![welder_barat, operator_utara, cook_selatan, daily_cook],
        ),
        ("employment_type=pkwtt", vec![operator_utara, cook_selatan]),
        ("occupation=5", vec![cook_selatan, daily_cook]),
        ("occupation=7212", vec![welder_barat, outside]),
        ("occupation=8342.01", vec![operator_utara]),
        ("industry=I", vec![cook_selatan, daily_cook]),
        ("industry=F", vec![welder_barat, operator_utara, outside]),
        ("industry=55110", vec![cook_selatan, daily_cook]),
        ("min_wage=5000000", vec![operator_utara, cook_selatan]),
        ("min_wage=150000&wage_period=harian", vec![daily_cook]),
        (
            "industry=F&employment_type=pkwt&region_code=64.71.02",
            vec![welder_barat],
        ),
        ("occupation=2", vec![]),
    ];
    let mut failures = Vec::new();
    for (query, expected) in cases {
        let reply = call(
            &app,
            Method::GET,
            &format!("/api/v1/vacancies?{query}"),
            None,
            None,
            None,
        )
        .await;
        let found: HashSet<Uuid> = listed_ids(&reply).into_iter().collect();
        let wanted: HashSet<Uuid> = expected.into_iter().collect();
        if reply.status != 200 || found != wanted {
            failures.push(format!(
                "{query}: expected {wanted:?}, got {} {found:?}",
                reply.status
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    for (query, field) in [
        ("employment_type=kontrak", "employment_type"),
        ("region_code=64.72", "region_code"),
        ("occupation=72a", "occupation"),
        ("industry=Z", "industry"),
        ("min_wage=-1", "min_wage"),
        ("sort=cheapest", "sort"),
        ("limit=101", "limit"),
    ] {
        let reply = call(
            &app,
            Method::GET,
            &format!("/api/v1/vacancies?{query}"),
            None,
            None,
            None,
        )
        .await;
        assert_eq!(reply.status, 422, "{query}");
        assert_eq!(reply.error_fields(), vec![field.to_string()], "{query}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sort_pages_through_all_open_vacancies_without_duplicates_or_gaps() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let wages = [
        5_000_000, 7_000_000, 5_000_000, 6_000_000, 5_000_000, 8_000_000, 6_000_000,
    ];
    let mut ids = Vec::new();
    for (index, wage) in wages.iter().enumerate() {
        let until = days_from_today(10 + (index as u64 % 3));
        ids.push(
            open_with(
                &app,
                &employer.token,
                &officer,
                json!({ "title": format!("Juru Las {index}"), "wage_min_rupiah": wage, "wage_max_rupiah": null,
                        "valid_until": until }),
            )
            .await,
        );
    }
    // Ties in every sort key: three vacancies published at the same instant.
    execute(
        &app,
        &format!(
            "UPDATE vacancies SET published_at = '2026-01-05T02:00:00Z' WHERE id IN ('{}', '{}', '{}')",
            ids[1], ids[3], ids[5]
        ),
    )
    .await;
    // A draft and a closed vacancy never appear.
    create_draft(&app, &employer.token, &welder_vacancy()).await;

    #[derive(Debug)]
    struct Listed {
        id: Uuid,
        published_at: String,
        valid_until: String,
        wage: i64,
    }
    for sort in ["newest", "closing_soon", "wage"] {
        let mut seen: Vec<Listed> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let query = match &cursor {
                Some(cursor) => format!("/api/v1/vacancies?sort={sort}&limit=3&cursor={cursor}"),
                None => format!("/api/v1/vacancies?sort={sort}&limit=3"),
            };
            let reply = call(&app, Method::GET, &query, None, None, None).await;
            assert_eq!(reply.status, 200, "{sort}: {}", reply.body);
            pages += 1;
            for item in reply.body["items"].as_array().expect("items") {
                seen.push(Listed {
                    id: item["id"]
                        .as_str()
                        .and_then(|id| id.parse().ok())
                        .expect("id"),
                    published_at: item["published_at"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    valid_until: item["valid_until"].as_str().unwrap_or_default().to_string(),
                    wage: item["wage_min_rupiah"].as_i64().unwrap_or_default(),
                });
            }
            match reply.body["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => break,
            }
            assert!(pages < 10, "{sort}: the pages end");
        }
        assert_eq!(pages, 3, "{sort}: 7 vacancies in pages of 3");
        let listed: Vec<Uuid> = seen.iter().map(|item| item.id).collect();
        let unique: HashSet<Uuid> = listed.iter().copied().collect();
        assert_eq!(
            unique.len(),
            listed.len(),
            "{sort}: no vacancy twice: {listed:?}"
        );
        assert_eq!(
            unique,
            ids.iter().copied().collect::<HashSet<_>>(),
            "{sort}: no vacancy missing"
        );
        let ordered = seen.windows(2).all(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            match sort {
                "newest" => {
                    let (at_a, at_b) = (
                        chrono::DateTime::parse_from_rfc3339(&a.published_at).expect("time"),
                        chrono::DateTime::parse_from_rfc3339(&b.published_at).expect("time"),
                    );
                    at_a > at_b || (at_a == at_b && a.id > b.id)
                }
                "closing_soon" => {
                    a.valid_until < b.valid_until || (a.valid_until == b.valid_until && a.id < b.id)
                }
                _ => a.wage > b.wage || (a.wage == b.wage && a.id > b.id),
            }
        });
        assert!(
            ordered,
            "{sort}: in order with the id breaking ties: {seen:?}"
        );
    }

    let newest = call(
        &app,
        Method::GET,
        "/api/v1/vacancies?sort=newest&limit=3",
        None,
        None,
        None,
    )
    .await;
    let cursor = newest.body["next_cursor"]
        .as_str()
        .expect("cursor")
        .to_string();
    let mixed = call(
        &app,
        Method::GET,
        &format!("/api/v1/vacancies?sort=wage&limit=3&cursor={cursor}"),
        None,
        None,
        None,
    )
    .await;
    assert_eq!(
        mixed.status, 400,
        "a cursor of one order is not read as another"
    );
    let garbage = call(
        &app,
        Method::GET,
        "/api/v1/vacancies?cursor=zz",
        None,
        None,
        None,
    )
    .await;
    assert_eq!(garbage.status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vacancies_past_their_validity_expire_and_leave_the_public_listing() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let open = open_with(
        &app,
        &employer.token,
        &officer,
        json!({ "valid_until": days_from_today(5) }),
    )
    .await;
    let later = open_with(
        &app,
        &employer.token,
        &officer,
        json!({ "valid_until": days_from_today(30) }),
    )
    .await;
    let draft = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let to_verify = create_draft(&app, &employer.token, &welder_vacancy()).await;
    let reported = act_ok(
        &app,
        &employer.token,
        to_verify.id(),
        "report",
        &to_verify.etag(),
        None,
        "reported",
    )
    .await;
    act_ok(
        &app,
        &officer,
        to_verify.id(),
        "verify",
        &reported.etag(),
        None,
        "verified",
    )
    .await;

    let mut connection = app.db().await;
    let on_last_day =
        jembatan_api::vacancy_expiry::expire_due_vacancies(&mut connection, days_from_today(5))
            .await
            .expect("the expiry runs");
    assert!(on_last_day.is_empty(), "the last valid day still counts");

    let day_after = days_from_today(61);
    let expired = jembatan_api::vacancy_expiry::expire_due_vacancies(&mut connection, day_after)
        .await
        .expect("the expiry runs");
    let expired: HashSet<Uuid> = expired.into_iter().collect();
    assert_eq!(
        expired,
        HashSet::from([open, later, to_verify.id()]),
        "verified and open ones, never drafts"
    );

    let seen = call(
        &app,
        Method::GET,
        &vacancy_path(open),
        Some(&employer.token),
        None,
        None,
    )
    .await;
    assert_eq!(seen.body["status"], "expired");
    assert!(seen.body["expired_at"].is_string());
    let last = seen.body["status_history"]
        .as_array()
        .and_then(|history| history.last().cloned())
        .expect("history");
    assert_eq!(
        (last["from_status"].clone(), last["to_status"].clone()),
        (json!("open"), json!("expired"))
    );
    assert!(last["actor_user_id"].is_null(), "the system expired it");
    let public = call(&app, Method::GET, &vacancy_path(open), None, None, None).await;
    assert_eq!(public.status, 404);
    let draft_now = call(
        &app,
        Method::GET,
        &vacancy_path(draft.id()),
        Some(&employer.token),
        None,
        None,
    )
    .await;
    assert_eq!(draft_now.body["status"], "draft");

    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) AS count FROM search_outbox WHERE entity_id = '{open}'")
        )
        .await,
        5,
        "created, reported, verified, published, expired"
    );
    let again = jembatan_api::vacancy_expiry::expire_due_vacancies(&mut connection, day_after)
        .await
        .expect("the expiry runs");
    assert!(again.is_empty(), "expiry runs twice without effect");

    let close_expired = act(
        &app,
        &employer.token,
        open,
        "close",
        &seen.etag(),
        Some(&json!({ "reason": "sudah lewat" })),
    )
    .await;
    assert_eq!(close_expired.status, 409, "expired is final");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_vacancy_is_a_schema_org_job_posting() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let open = open_vacancy(&app, &employer.token, &officer, &welder_vacancy()).await;
    let reply = call(
        &app,
        Method::GET,
        &format!("{}/jobposting", vacancy_path(open.id())),
        None,
        None,
        None,
    )
    .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type.as_deref(), Some("application/ld+json"));
    let posting = &reply.body;
    assert_eq!(posting["@context"], "https://schema.org/");
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], "Juru Las SMAW");
    assert!(
        posting["description"]
            .as_str()
            .unwrap_or_default()
            .contains("sertifikat las SMAW")
    );
    assert_eq!(posting["datePosted"], today().to_string());
    assert_eq!(
        posting["validThrough"],
        format!("{}T23:59:59+08:00", days_from_today(60))
    );
    assert_eq!(posting["employmentType"], json!(["FULL_TIME", "TEMPORARY"]));
    assert_eq!(posting["hiringOrganization"]["@type"], "Organization");
    assert_eq!(
        posting["hiringOrganization"]["name"],
        open.body["employer"]["name"]
    );
    assert_eq!(posting["jobLocation"]["@type"], "Place");
    let address = &posting["jobLocation"]["address"];
    assert_eq!(address["addressLocality"], "Balikpapan");
    assert_eq!(address["addressCountry"], "ID");
    assert!(
        address["streetAddress"]
            .as_str()
            .unwrap_or_default()
            .contains("Kecamatan Balikpapan Barat")
    );
    assert_eq!(posting["baseSalary"]["currency"], "IDR");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 4_500_000);
    assert_eq!(posting["baseSalary"]["value"]["maxValue"], 6_000_000);
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "MONTH");
    assert_eq!(posting["totalJobOpenings"], 3);
    assert_eq!(posting["occupationalCategory"][0]["codeValue"], "7212.01");
    assert_eq!(posting["occupationalCategory"][0]["name"], "Juru Las");
    assert_eq!(posting["occupationalCategory"][1]["codeValue"], "7212");
    assert_eq!(posting["occupationalCategory"][1]["inCodeSet"], "ISCO-08");
    assert_eq!(posting["experienceRequirements"]["monthsOfExperience"], 12);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_vacancy_endpoint_is_in_the_openapi_document() {
    let app = spawn_app().await;
    let document: Value = app
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    let paths = &document["paths"];
    for (path, method) in [
        ("/api/v1/vacancies", "get"),
        ("/api/v1/vacancies", "post"),
        ("/api/v1/vacancies/{id}", "get"),
        ("/api/v1/vacancies/{id}", "put"),
        ("/api/v1/vacancies/{id}/jobposting", "get"),
        ("/api/v1/vacancies/{id}/report", "post"),
        ("/api/v1/vacancies/{id}/verify", "post"),
        ("/api/v1/vacancies/{id}/return", "post"),
        ("/api/v1/vacancies/{id}/publish", "post"),
        ("/api/v1/vacancies/{id}/close", "post"),
        ("/api/v1/vacancies/{id}/fill", "post"),
        ("/api/v1/vacancies/verification-queue", "get"),
        ("/api/v1/vacancies/mine", "get"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    assert!(document["components"]["schemas"]["VacancyRequest"].is_object());
}
