//! Apprenticeship programmes, apprentices, monthly progress reports and the host's hire, over HTTP.

use futures_util::future::join_all;
use jembatan_tests::apprenticeships::{
    add_months, apprentice_body, approved_programme, first_of_last_month, insert_seeker, place,
    welding_programme,
};
use jembatan_tests::spawn_app;
use jembatan_tests::vacancies::{
    Reply, call, count, employer_with_staff, officer_token, seed_reference_data, today,
};
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

const PROGRAMMES: &str = "/api/v1/apprenticeship-programmes";

fn codes(reply: &Reply) -> Vec<(String, String)> {
    reply.body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| {
                    (
                        error["field"].as_str().unwrap_or_default().to_string(),
                        error["code"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_host_proposes_a_programme_and_an_officer_approves_it() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;

    let proposed = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&host.token),
        None,
        Some(&welding_programme(10)),
    )
    .await;
    assert_eq!(proposed.status, 201, "{}", proposed.body);
    assert_eq!(proposed.body["status"], "proposed");
    assert_eq!(proposed.body["seats"], 10);
    assert_eq!(proposed.body["seats_taken"], 0);
    assert_eq!(
        proposed.body["units"],
        json!(["C.251100.001.01", "C.251100.002.01"])
    );
    assert_eq!(proposed.etag(), "\"1\"");

    let queue = call(
        &app,
        Method::GET,
        &format!("{PROGRAMMES}?status=proposed"),
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(queue.status, 200);
    assert_eq!(queue.body["items"][0]["id"], proposed.body["id"]);

    let approved = call(
        &app,
        Method::POST,
        &format!("{PROGRAMMES}/{}/approve", proposed.id()),
        Some(&officer),
        Some(&proposed.etag()),
        None,
    )
    .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    assert_eq!(approved.body["status"], "approved");
    assert!(approved.body["decided_at"].is_string());
    assert_eq!(approved.etag(), "\"2\"");

    let mine = call(&app, Method::GET, PROGRAMMES, Some(&host.token), None, None).await;
    assert_eq!(mine.body["items"].as_array().map(Vec::len), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_verified_employers_propose_and_seekers_may_not_list_programmes() {
    let app = spawn_app().await;
    let pending = employer_with_staff(&app, "pending").await;
    let refused = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&pending.token),
        None,
        Some(&welding_programme(5)),
    )
    .await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.body["code"], "employer_not_verified");

    let officer = officer_token(&app).await;
    let by_officer = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&officer),
        None,
        Some(&welding_programme(5)),
    )
    .await;
    assert_eq!(by_officer.status, 403);

    let seeker_user = app.create_user("seeker", "seeker-list@contoh.id").await;
    let seeker = app.login(&seeker_user).await;
    let list = call(&app, Method::GET, PROGRAMMES, Some(&seeker), None, None).await;
    assert_eq!(list.status, 403);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS count FROM apprenticeship_programmes"
        )
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_programme_with_broken_fields_is_refused_field_by_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let body = json!({
        "title": " ",
        "kbji_code": "9999.99",
        "region_code": "64.71.99",
        "duration_months": 13,
        "seats": 0,
        "monthly_stipend_rupiah": -1,
        "mentor_name": "",
        "units": ["C.251100.001.01", "not-a-unit", "C.251100.001.01"],
    });
    let reply = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&host.token),
        None,
        Some(&body),
    )
    .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let found = codes(&reply);
    for (field, code) in [
        ("title", "text_empty"),
        ("kbji_code", "occupation_unknown"),
        ("region_code", "region_code"),
        ("duration_months", "duration_months_out_of_range"),
        ("seats", "seats_out_of_range"),
        ("monthly_stipend_rupiah", "stipend_negative"),
        ("units[2]", "unit_repeated"),
    ] {
        assert!(
            found.contains(&(field.to_string(), code.to_string())),
            "{field} {code} in {found:?}"
        );
    }
    assert!(found.iter().any(|(field, _)| field == "mentor_name"));
    assert!(found.iter().any(|(field, _)| field == "units[1]"));
    let unknown = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&host.token),
        None,
        Some(&json!({ "title": "Magang", "status": "approved" })),
    )
    .await;
    assert_eq!(unknown.status, 422, "status is not the client's to set");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS count FROM apprenticeship_programmes"
        )
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_employer_gets_404_and_the_host_may_not_approve_its_own_programme() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let other = employer_with_staff(&app, "verified").await;
    let proposed = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&host.token),
        None,
        Some(&welding_programme(3)),
    )
    .await;
    let id = proposed.id();
    for path in [
        format!("{PROGRAMMES}/{id}"),
        format!("{PROGRAMMES}/{id}/apprentices"),
    ] {
        let reply = call(&app, Method::GET, &path, Some(&other.token), None, None).await;
        assert_eq!(reply.status, 404, "{path}");
    }
    let edit = call(
        &app,
        Method::PUT,
        &format!("{PROGRAMMES}/{id}"),
        Some(&other.token),
        Some(&proposed.etag()),
        Some(&welding_programme(4)),
    )
    .await;
    assert_eq!(edit.status, 404);
    let approve = call(
        &app,
        Method::POST,
        &format!("{PROGRAMMES}/{id}/approve"),
        Some(&host.token),
        Some(&proposed.etag()),
        None,
    )
    .await;
    assert_eq!(approve.status, 403);
    let theirs = call(
        &app,
        Method::GET,
        PROGRAMMES,
        Some(&other.token),
        None,
        None,
    )
    .await;
    assert_eq!(theirs.body["items"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_need_the_current_version_and_a_rejected_programme_is_final() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let proposed = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&host.token),
        None,
        Some(&welding_programme(3)),
    )
    .await;
    let id = proposed.id();
    let path = format!("{PROGRAMMES}/{id}");

    let edited = call(
        &app,
        Method::PUT,
        &path,
        Some(&host.token),
        Some("\"1\""),
        Some(&welding_programme(8)),
    )
    .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.body["seats"], 8);
    let stale = call(
        &app,
        Method::PUT,
        &path,
        Some(&host.token),
        Some("\"1\""),
        Some(&welding_programme(9)),
    )
    .await;
    assert_eq!(stale.status, 412);
    let no_if_match = call(
        &app,
        Method::PUT,
        &path,
        Some(&host.token),
        None,
        Some(&welding_programme(9)),
    )
    .await;
    assert_eq!(no_if_match.status, 400);

    let no_reason = call(
        &app,
        Method::POST,
        &format!("{path}/reject"),
        Some(&officer),
        Some(&edited.etag()),
        Some(&json!({ "reason": "" })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let rejected = call(
        &app,
        Method::POST,
        &format!("{path}/reject"),
        Some(&officer),
        Some(&edited.etag()),
        Some(&json!({ "reason": "Mentor belum bersertifikat" })),
    )
    .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    assert_eq!(
        rejected.body["decision_reason"],
        "Mentor belum bersertifikat"
    );

    let approve = call(
        &app,
        Method::POST,
        &format!("{path}/approve"),
        Some(&officer),
        Some(&rejected.etag()),
        None,
    )
    .await;
    assert_eq!(approve.status, 409);
    assert_eq!(approve.body["code"], "transition_from_final");
    let edit = call(
        &app,
        Method::PUT,
        &path,
        Some(&host.token),
        Some(&rejected.etag()),
        Some(&welding_programme(3)),
    )
    .await;
    assert_eq!(edit.status, 409);
    assert_eq!(edit.body["code"], "programme_not_editable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_placements_never_take_more_than_the_programme_seats() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(2))
        .await
        .id();
    let mut seekers = Vec::new();
    for _ in 0..6 {
        seekers.push(insert_seeker(&app, None).await);
    }
    let bodies: Vec<_> = seekers
        .iter()
        .enumerate()
        .map(|(n, seeker)| apprentice_body(*seeker, &format!("PKS/{n}/2026")))
        .collect();
    let replies = join_all(
        bodies
            .iter()
            .map(|body| place(&app, &host.token, programme, body)),
    )
    .await;
    let created = replies.iter().filter(|reply| reply.status == 201).count();
    let full = replies
        .iter()
        .filter(|reply| reply.status == 409 && reply.body["code"] == "apprenticeship_no_seats_left")
        .count();
    assert_eq!((created, full), (2, 4), "{replies:?}");
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM apprenticeships").await,
        2
    );
    let read = call(
        &app,
        Method::GET,
        &format!("{PROGRAMMES}/{programme}"),
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(read.body["seats_taken"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn placement_rules_are_checked_before_anything_is_written() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let seeker = insert_seeker(&app, None).await;

    let proposed = call(
        &app,
        Method::POST,
        PROGRAMMES,
        Some(&host.token),
        None,
        Some(&welding_programme(3)),
    )
    .await;
    let not_approved = place(
        &app,
        &host.token,
        proposed.id(),
        &apprentice_body(seeker, "PKS/1"),
    )
    .await;
    assert_eq!(not_approved.status, 409);
    assert_eq!(
        not_approved.body["code"],
        "apprenticeship_programme_not_approved"
    );

    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(3))
        .await
        .id();
    let start = first_of_last_month();
    let broken = json!({
        "seeker_id": Uuid::now_v7(),
        "agreement_number": "",
        "agreement_date": add_months(start, 1),
        "starts_on": start,
        "ends_on": add_months(start, 7),
    });
    let reply = place(&app, &host.token, programme, &broken).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let found = codes(&reply);
    for (field, code) in [
        ("seeker_id", "seeker_unknown"),
        ("agreement_date", "agreement_after_start"),
        ("ends_on", "apprenticeship_longer_than_programme"),
    ] {
        assert!(
            found.contains(&(field.to_string(), code.to_string())),
            "{field} in {found:?}"
        );
    }
    assert!(found.iter().any(|(field, _)| field == "agreement_number"));

    let first = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(seeker, "PKS/1"),
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let other_seeker = insert_seeker(&app, None).await;
    let same_number = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(other_seeker, "PKS/1"),
    )
    .await;
    assert_eq!(same_number.status, 409);
    assert_eq!(same_number.body["code"], "agreement_number_taken");
    let twice = place(&app, &officer, programme, &apprentice_body(seeker, "PKS/2")).await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.body["code"], "apprentice_already_active");
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM apprenticeships").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn placing_an_apprentice_twice_with_one_idempotency_key_creates_one_apprenticeship() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(3))
        .await
        .id();
    let seeker = insert_seeker(&app, None).await;
    let body = apprentice_body(seeker, "PKS/77/2026");
    let send = || {
        app.request(
            Method::POST,
            &format!("{PROGRAMMES}/{programme}/apprentices"),
        )
        .bearer_auth(&host.token)
        .header("idempotency-key", "magang-77")
        .json(&body)
        .send()
    };
    let first = send().await.expect("sent");
    assert_eq!(first.status(), 201);
    let first: serde_json::Value = first.json().await.expect("json");
    let second = send().await.expect("sent");
    assert_eq!(second.status(), 201, "the first response is replayed");
    let second: serde_json::Value = second.json().await.expect("json");
    assert_eq!(first["id"], second["id"]);
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM apprenticeships").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_host_reports_progress_once_per_month_within_the_apprenticeship() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(3))
        .await
        .id();
    let seeker = insert_seeker(&app, None).await;
    let placed = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(seeker, "PKS/5"),
    )
    .await;
    let id = placed.id();
    let last_month = first_of_last_month().format("%Y-%m").to_string();
    assert_eq!(placed.body["progress_reports_missing"], json!([last_month]));

    let path = format!("/api/v1/apprenticeships/{id}/progress-reports");
    let report = json!({ "period_month": last_month, "attendance_days": 20, "summary": "Menguasai las pelat posisi 1G" });
    let submitted = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        None,
        Some(&report),
    )
    .await;
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    assert_eq!(submitted.body["progress_reports"][0]["attendance_days"], 20);
    assert_eq!(submitted.body["progress_reports_missing"], json!([]));

    let again = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        None,
        Some(&report),
    )
    .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "progress_report_exists");

    let future = add_months(today(), 1).format("%Y-%m").to_string();
    let before = add_months(first_of_last_month(), 0)
        .checked_sub_months(chrono::Months::new(2))
        .expect("date")
        .format("%Y-%m")
        .to_string();
    for (month, code) in [
        (future.as_str(), "progress_month_in_future"),
        (before.as_str(), "progress_month_outside_apprenticeship"),
        ("2026-13", "report_month_format"),
    ] {
        let reply = call(
            &app,
            Method::POST,
            &path,
            Some(&host.token),
            None,
            Some(&json!({ "period_month": month, "summary": "Ringkasan kegiatan bulan ini" })),
        )
        .await;
        assert_eq!(reply.status, 422, "{month}");
        assert_eq!(reply.body["errors"][0]["field"], "period_month");
        if code != "report_month_format" {
            assert_eq!(reply.body["errors"][0]["code"], code);
        }
    }
    let by_officer = call(
        &app,
        Method::POST,
        &path,
        Some(&officer),
        None,
        Some(&report),
    )
    .await;
    assert_eq!(
        by_officer.status, 403,
        "the host reports, not the labour office"
    );
    let other = employer_with_staff(&app, "verified").await;
    let by_other = call(
        &app,
        Method::POST,
        &path,
        Some(&other.token),
        None,
        Some(&report),
    )
    .await;
    assert_eq!(by_other.status, 404);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS count FROM apprenticeship_progress_reports"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hire_after_completion_creates_exactly_one_placement_with_its_follow_ups_and_places_the_seeker()
 {
    let app = spawn_app().await;
    seed_reference_data(&app).await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(3))
        .await
        .id();
    let seeker = insert_seeker(&app, None).await;
    let placed = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(seeker, "PKS/9"),
    )
    .await;
    let id = placed.id();
    let path = format!("/api/v1/apprenticeships/{id}/complete");

    let missing_hire = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        Some(&placed.etag()),
        Some(&json!({ "ended_on": today(), "hired_by_host": true })),
    )
    .await;
    assert_eq!(missing_hire.status, 422);
    assert_eq!(
        codes(&missing_hire),
        vec![("hire".to_string(), "hire_details_missing".to_string())]
    );
    let bad_hire = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        Some(&placed.etag()),
        Some(&json!({ "ended_on": today(), "hired_by_host": true,
                      "hire": { "start_date": today(), "employment_type": "kontrak", "wage_rupiah": 5_000_000 } })),
    )
    .await;
    assert_eq!(bad_hire.status, 422);
    let fields: Vec<String> = codes(&bad_hire)
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, vec!["hire.employment_type", "hire.wage_period"]);

    let start = today();
    let body = json!({
        "ended_on": today(),
        "certificate_number": "SERT-MAG/2026/009",
        "hired_by_host": true,
        "hire": { "start_date": start, "employment_type": "pkwt", "wage_rupiah": 5_200_000, "wage_period": "bulanan" },
    });
    let done = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        Some(&placed.etag()),
        Some(&body),
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["status"], "completed");
    assert_eq!(done.body["hired_by_host"], true);
    assert!(done.body["placement_id"].is_string());

    let placement = format!(
        "SELECT count(*) AS count FROM placements WHERE apprenticeship_id = '{id}' AND seeker_id = '{seeker}' \
         AND channel = 'apprenticeship_hire' AND employer_id = '{}' AND kbji_code = '7212.01' AND kbli_code = '41011' \
         AND report_month = date_trunc('month', start_date)::date AND start_date = '{start}' AND wage_rupiah = 5200000",
        host.employer_id.into_inner()
    );
    assert_eq!(count(&app, &placement).await, 1);
    let followups = format!(
        "SELECT count(*) AS count FROM placement_followups f JOIN placements p ON p.id = f.placement_id \
         WHERE p.apprenticeship_id = '{id}' AND f.outcome IS NULL AND \
         f.due_on = (p.start_date + make_interval(months => f.offset_months))::date"
    );
    assert_eq!(count(&app, &followups).await, 3);
    let placed_seeker = format!(
        "SELECT count(*) AS count FROM seekers s JOIN seeker_status_changes c ON c.seeker_id = s.id \
         WHERE s.id = '{seeker}' AND s.status = 'placed' AND c.from_status = 'active' AND c.to_status = 'placed'"
    );
    assert_eq!(count(&app, &placed_seeker).await, 1);
    let outbox = format!(
        "SELECT count(*) AS count FROM search_outbox WHERE entity_kind = 'seeker' AND entity_id = '{seeker}'"
    );
    assert_eq!(count(&app, &outbox).await, 1);

    let stale = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        Some(&placed.etag()),
        Some(&body),
    )
    .await;
    assert_eq!(stale.status, 412);
    let again = call(
        &app,
        Method::POST,
        &path,
        Some(&host.token),
        Some(&done.etag()),
        Some(&body),
    )
    .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "transition_unchanged");
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM placements").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discontinued_apprenticeship_frees_its_seat_and_records_no_hire() {
    let app = spawn_app().await;
    let host = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(1))
        .await
        .id();
    let first_seeker = insert_seeker(&app, None).await;
    let first = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(first_seeker, "PKS/1"),
    )
    .await;
    let second_seeker = insert_seeker(&app, None).await;
    let full = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(second_seeker, "PKS/2"),
    )
    .await;
    assert_eq!(full.status, 409);

    let path = format!("/api/v1/apprenticeships/{}/discontinue", first.id());
    let no_reason = call(
        &app,
        Method::POST,
        &path,
        Some(&officer),
        Some(&first.etag()),
        Some(&json!({ "ended_on": today(), "reason": "" })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let stopped = call(
        &app,
        Method::POST,
        &path,
        Some(&officer),
        Some(&first.etag()),
        Some(&json!({ "ended_on": today(), "reason": "Mengundurkan diri karena pindah kota" })),
    )
    .await;
    assert_eq!(stopped.status, 200, "{}", stopped.body);
    assert_eq!(stopped.body["status"], "discontinued");
    assert_eq!(stopped.body["hired_by_host"], false);

    let complete = call(
        &app,
        Method::POST,
        &format!("/api/v1/apprenticeships/{}/complete", first.id()),
        Some(&host.token),
        Some(&stopped.etag()),
        Some(&json!({ "ended_on": today(), "hired_by_host": false })),
    )
    .await;
    assert_eq!(complete.status, 409);
    let now_free = place(
        &app,
        &host.token,
        programme,
        &apprentice_body(second_seeker, "PKS/2"),
    )
    .await;
    assert_eq!(now_free.status, 201, "{}", now_free.body);
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM placements").await,
        0
    );
}
