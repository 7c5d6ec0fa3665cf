//! Placements over HTTP: officers record placements made outside Jembatan (with evidence, idempotently), who sees
//! which placements, the follow-up due list, and recording a follow-up once.

use jembatan_tests::pipeline::{
    error_codes, get, make_followups_due, placement_body, post, reply_of, seeker,
    seeker_without_account,
};
use jembatan_tests::spawn_app;
use jembatan_tests::vacancies::{
    count, days_from_today, employer_with_staff, officer_token, today,
};
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_records_a_job_fair_placement_with_its_follow_ups_and_the_seeker_becomes_placed()
{
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let seeker_id = seeker_without_account(&app, "Rina Marlina", false).await;

    let recorded = post(
        &app,
        &officer,
        "/api/v1/placements",
        &placement_body(seeker_id, Some(employer.employer_id.into_inner())),
    )
    .await;
    assert_eq!(recorded.status, 201, "{}", recorded.body);
    assert_eq!(recorded.body["channel"], "job_fair");
    assert_eq!(
        recorded.body["employer_name"]
            .as_str()
            .map(|n| n.starts_with("PT Uji")),
        Some(true)
    );
    assert_eq!(
        recorded.body["kbli_code"], "41011",
        "the registered employer's industry"
    );
    assert_eq!(
        recorded.body["evidence"],
        "Surat keterangan kerja No. 123/HRD/2026"
    );
    assert_eq!(
        recorded.body["report_month"],
        today().format("%Y-%m-01").to_string()
    );
    assert!(recorded.body["application_id"].is_null());
    assert_eq!(recorded.body["followups"].as_array().map(Vec::len), Some(3));
    assert_eq!(recorded.body["seeker"]["full_name"], "Rina Marlina");

    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM seekers WHERE id = '{seeker_id}' AND status = 'placed'")
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM seeker_status_changes WHERE seeker_id = '{seeker_id}' AND to_status = 'placed'")).await,
        1
    );
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM search_outbox WHERE entity_kind = 'seeker' AND entity_id = '{seeker_id}'")).await,
        1
    );
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM audit_log WHERE seeker_id = '{seeker_id}' AND resource = 'placement'")).await,
        1
    );

    // A second placement of a seeker already placed is recorded; the card stays placed.
    let name_only = post(
        &app,
        &officer,
        "/api/v1/placements",
        &placement_body(seeker_id, None),
    )
    .await;
    assert_eq!(name_only.status, 201, "{}", name_only.body);
    assert_eq!(name_only.body["employer_name"], "CV Bengkel Las Sepinggan");
    assert!(name_only.body["employer_id"].is_null());
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM seeker_status_changes WHERE seeker_id = '{seeker_id}' AND to_status = 'placed'")).await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_a_placement_checks_every_field_and_writes_nothing_when_one_fails() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let seeker_id = seeker_without_account(&app, "Rina Marlina", false).await;

    let empty = post(&app, &officer, "/api/v1/placements", &json!({})).await;
    assert_eq!(empty.status, 422);
    let fields: Vec<String> = error_codes(&empty)
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(
        fields,
        [
            "seeker_id",
            "employer_id",
            "kbji_code",
            "start_date",
            "employment_type",
            "channel",
            "evidence"
        ]
    );

    let mut bad = placement_body(Uuid::now_v7(), None);
    bad["employer_id"] = json!(Uuid::now_v7());
    bad["kbji_code"] = json!("9999.99");
    bad["start_date"] = json!(days_from_today(91));
    bad["wage_period"] = json!(null);
    bad["channel"] = json!("jembatan");
    bad["evidence"] = json!("  ");
    let refused = post(&app, &officer, "/api/v1/placements", &bad).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        error_codes(&refused),
        [
            ("seeker_id".to_string(), "seeker_unknown".to_string()),
            (
                "employer_name".to_string(),
                "employer_ambiguous".to_string()
            ),
            ("kbji_code".to_string(), "occupation_unknown".to_string()),
            (
                "start_date".to_string(),
                "placement_start_too_far_ahead".to_string()
            ),
            (
                "wage_period".to_string(),
                "wage_period_required".to_string()
            ),
            ("channel".to_string(), "channel_not_recordable".to_string()),
            ("evidence".to_string(), "text_empty".to_string()),
        ]
    );
    let mut unknown_field = placement_body(seeker_id, None);
    unknown_field["report_month"] = json!("2026-01-01");
    let refused = post(&app, &officer, "/api/v1/placements", &unknown_field).await;
    assert_eq!(refused.status, 422);

    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 0);
    assert_eq!(
        count(&app, "SELECT count(*) FROM seekers WHERE status = 'placed'").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_labour_office_staff_record_placements() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let budi = seeker(&app, "budi").await;
    let body = placement_body(budi.id.parse().expect("uuid"), None);
    assert_eq!(
        post(&app, &employer.token, "/api/v1/placements", &body)
            .await
            .status,
        403
    );
    assert_eq!(
        post(&app, &budi.token, "/api/v1/placements", &body)
            .await
            .status,
        403
    );
    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_placement_with_the_same_idempotency_key_records_one_placement() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let seeker_id = seeker_without_account(&app, "Rina Marlina", false).await;
    let body = placement_body(seeker_id, None);
    let send = || async {
        reply_of(
            app.request(reqwest::Method::POST, "/api/v1/placements")
                .bearer_auth(&officer)
                .header("idempotency-key", "placement-2026-0042")
                .json(&body)
                .send()
                .await
                .expect("the request is sent"),
        )
        .await
    };
    let first = send().await;
    assert_eq!(first.status, 201);
    let again = send().await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body, first.body);
    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 1);
    assert_eq!(
        count(&app, "SELECT count(*) FROM placement_followups").await,
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_list_every_placement_with_filters_and_employers_and_seekers_only_their_own() {
    let app = spawn_app().await;
    let employer = employer_with_staff(&app, "verified").await;
    let other_employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let budi = seeker(&app, "budi").await;
    let budi_id: Uuid = budi.id.parse().expect("uuid");
    let rina = seeker_without_account(&app, "Rina Marlina", false).await;

    let at_employer = post(
        &app,
        &officer,
        "/api/v1/placements",
        &placement_body(budi_id, Some(employer.employer_id.into_inner())),
    )
    .await;
    let mut earlier = placement_body(rina, None);
    earlier["start_date"] = json!("2026-01-15");
    let elsewhere = post(&app, &officer, "/api/v1/placements", &earlier).await;
    assert_eq!(at_employer.status, 201);
    assert_eq!(elsewhere.status, 201);

    let ids = |reply: &jembatan_tests::vacancies::Reply| -> Vec<String> {
        reply.body["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| item["id"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let all = get(&app, &officer, "/api/v1/placements").await;
    assert_eq!(
        ids(&all),
        [at_employer.id().to_string(), elsewhere.id().to_string()]
    );
    let of_employer = get(
        &app,
        &officer,
        &format!(
            "/api/v1/placements?employer_id={}",
            employer.employer_id.into_inner()
        ),
    )
    .await;
    assert_eq!(ids(&of_employer), [at_employer.id().to_string()]);
    let in_january = get(&app, &officer, "/api/v1/placements?report_month=2026-01").await;
    assert_eq!(ids(&in_january), [elsewhere.id().to_string()]);
    let by_dates = get(
        &app,
        &officer,
        "/api/v1/placements?from=2026-01-01&to=2026-01-31",
    )
    .await;
    assert_eq!(ids(&by_dates), [elsewhere.id().to_string()]);
    // Budi lives in Balikpapan Utara, Rina in Balikpapan Timur.
    let utara = get(
        &app,
        &officer,
        "/api/v1/placements?region_code=balikpapan_utara",
    )
    .await;
    assert_eq!(ids(&utara), [at_employer.id().to_string()]);
    let paged = get(&app, &officer, "/api/v1/placements?limit=1").await;
    assert_eq!(ids(&paged).len(), 1);
    assert!(paged.body["next_cursor"].is_string());
    let bad = get(
        &app,
        &officer,
        "/api/v1/placements?report_month=januari&from=kemarin",
    )
    .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        error_codes(&bad),
        [
            ("from".to_string(), "date_format".to_string()),
            (
                "report_month".to_string(),
                "report_month_format".to_string()
            )
        ]
    );

    assert_eq!(
        ids(&get(&app, &employer.token, "/api/v1/placements").await),
        [at_employer.id().to_string()]
    );
    assert_eq!(
        ids(&get(&app, &other_employer.token, "/api/v1/placements").await),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&get(&app, &budi.token, "/api/v1/placements").await),
        [at_employer.id().to_string()]
    );

    let detail = format!("/api/v1/placements/{}", at_employer.id());
    assert_eq!(get(&app, &employer.token, &detail).await.status, 200);
    assert_eq!(get(&app, &budi.token, &detail).await.status, 200);
    assert_eq!(get(&app, &other_employer.token, &detail).await.status, 404);
    let rina_detail = format!("/api/v1/placements/{}", elsewhere.id());
    assert_eq!(get(&app, &budi.token, &rina_detail).await.status, 404);
    let (blk, _) = jembatan_tests::seekers::blk_staff_token(&app, "blk@lpk.test").await;
    assert_eq!(get(&app, &blk, "/api/v1/placements").await.status, 403);
    assert_eq!(get(&app, &blk, &detail).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_due_list_shows_unrecorded_follow_ups_due_today_or_earlier_and_nothing_after_someone_left()
 {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let rina = seeker_without_account(&app, "Rina Marlina", false).await;
    let placed = post(
        &app,
        &officer,
        "/api/v1/placements",
        &placement_body(rina, None),
    )
    .await;
    let placement_id = placed.id();

    let none_due = get(&app, &officer, "/api/v1/placements/followups/due").await;
    assert_eq!(none_due.status, 200);
    assert_eq!(none_due.body["items"], json!([]));
    assert_eq!(
        get(&app, &employer.token, "/api/v1/placements/followups/due")
            .await
            .status,
        403
    );

    make_followups_due(&app, placement_id, 6).await;
    let due = get(&app, &officer, "/api/v1/placements/followups/due").await;
    let offsets: Vec<i64> = due.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["offset_months"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(offsets, [6, 3], "oldest due first");
    assert_eq!(due.body["items"][0]["seeker"]["full_name"], "Rina Marlina");
    assert_eq!(
        due.body["items"][0]["placement_id"],
        placement_id.to_string()
    );

    let left = post(
        &app,
        &officer,
        &format!("/api/v1/placements/{placement_id}/followups/3"),
        &json!({ "outcome": "left", "left_on": today(), "note": "Kontrak tidak diperpanjang" }),
    )
    .await;
    assert_eq!(left.status, 200, "{}", left.body);
    let after = get(&app, &officer, "/api/v1/placements/followups/due").await;
    assert_eq!(
        after.body["items"],
        json!([]),
        "nothing more to follow after the person left"
    );
    let later = post(
        &app,
        &officer,
        &format!("/api/v1/placements/{placement_id}/followups/6"),
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(later.status, 409);
    assert_eq!(later.body["code"], "placement_already_left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_is_recorded_once_when_due_by_the_officer_the_employer_or_the_seeker() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let other_employer = employer_with_staff(&app, "verified").await;
    let budi = seeker(&app, "budi").await;
    let budi_id: Uuid = budi.id.parse().expect("uuid");
    let placed = post(
        &app,
        &officer,
        "/api/v1/placements",
        &placement_body(budi_id, Some(employer.employer_id.into_inner())),
    )
    .await;
    let id = placed.id();
    let path = |months: u32| format!("/api/v1/placements/{id}/followups/{months}");

    let not_due = post(
        &app,
        &employer.token,
        &path(3),
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(not_due.status, 409);
    assert_eq!(not_due.body["code"], "followup_not_due");
    make_followups_due(&app, id, 12).await;

    let cases = [
        (json!({ "outcome": "fired" }), "outcome", "unknown_value"),
        (json!({ "outcome": "left" }), "left_on", "left_on_required"),
        (
            json!({ "outcome": "left", "left_on": days_from_today(1) }),
            "left_on",
            "followup_date_out_of_range",
        ),
        (
            json!({ "outcome": "still_employed", "left_on": today() }),
            "left_on",
            "left_on_not_applicable",
        ),
    ];
    for (body, field, code) in cases {
        let refused = post(&app, &employer.token, &path(3), &body).await;
        assert_eq!(refused.status, 422, "{body}");
        assert_eq!(
            error_codes(&refused),
            [(field.to_string(), code.to_string())],
            "{body}"
        );
    }
    assert_eq!(
        post(
            &app,
            &employer.token,
            &path(9),
            &json!({ "outcome": "still_employed" })
        )
        .await
        .status,
        404
    );
    assert_eq!(
        post(
            &app,
            &other_employer.token,
            &path(3),
            &json!({ "outcome": "still_employed" })
        )
        .await
        .status,
        404
    );

    let by_employer = post(
        &app,
        &employer.token,
        &path(3),
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(by_employer.status, 200, "{}", by_employer.body);
    let by_seeker = post(
        &app,
        &budi.token,
        &path(6),
        &json!({ "outcome": "still_employed", "note": "Masih di bagian fabrikasi" }),
    )
    .await;
    assert_eq!(by_seeker.status, 200);
    let by_officer = post(
        &app,
        &officer,
        &path(12),
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(by_officer.status, 200);
    assert_eq!(
        by_officer.body["followups"][1]["note"],
        "Masih di bagian fabrikasi"
    );
    let twice = post(
        &app,
        &officer,
        &path(3),
        &json!({ "outcome": "left", "left_on": today() }),
    )
    .await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.body["code"], "followup_already_recorded");
    assert_eq!(
        count(&app, "SELECT count(*) FROM placement_followups WHERE outcome = 'still_employed' AND recorded_by IS NOT NULL").await,
        3
    );
}
