//! Applications and the hiring pipeline over HTTP: applying (once, idempotently), invitations, every stage move
//! and every refused one, who may see what, blind review, notifications written with each move, and hires that
//! never exceed the headcount even when fifty arrive at once.

use futures_util::future::join_all;
use jembatan_tests::pipeline::{
    application_at, apply, apply_with_key, error_codes, get, hire, hiring, hiring_with,
    make_followups_due, move_ok, move_stage, open_vacancy_for, post, seeker,
    seeker_without_account,
};
use jembatan_tests::spawn_app;
use jembatan_tests::vacancies::{act_ok, count, days_from_today, employer_with_staff, today};
use serde_json::json;
use uuid::Uuid;

fn uuid(text: &str) -> Uuid {
    text.parse().expect("a uuid")
}

async fn notifications(app: &jembatan_tests::TestApp) -> i64 {
    count(
        app,
        "SELECT count(*) FROM notification_outbox WHERE kind = 'application_stage_changed'",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_loop_from_application_to_hire_placement_and_a_recorded_follow_up() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let siti = seeker(&app, "siti").await;
    let seeker_id = uuid(&siti.id);

    let applied = apply(&app, &siti.token, hiring.vacancy_id).await;
    assert_eq!(applied.status, 201, "{}", applied.body);
    assert_eq!(applied.body["stage"], "applied");
    assert_eq!(applied.body["origin"], "applied");
    let id = applied.id();

    let employer = &hiring.employer.token;
    let screening = move_ok(&app, employer, id, &applied.etag(), "screening").await;
    let interview = move_ok(&app, employer, id, &screening.etag(), "interview").await;
    let offer = move_ok(&app, employer, id, &interview.etag(), "offer").await;
    let start = days_from_today(14);
    let hired = hire(
        &app,
        employer,
        id,
        &offer.etag(),
        &json!({ "start_date": start, "wage_rupiah": 5_200_000 }),
    )
    .await;
    assert_eq!(hired.status, 200, "{}", hired.body);
    assert_eq!(hired.body["stage"], "hired");
    let placement_id = uuid(hired.body["placement_id"].as_str().expect("a placement"));

    // The seeker sees the whole history of their application.
    let mine = get(&app, &siti.token, &format!("/api/v1/applications/{id}")).await;
    assert_eq!(mine.status, 200);
    let stages: Vec<&str> = mine.body["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|change| change["to_stage"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        stages,
        ["applied", "screening", "interview", "offer", "hired"]
    );
    assert_eq!(mine.body["history"][1]["by"], "employer");
    assert!(mine.body.get("applicant").is_none());
    assert_eq!(notifications(&app).await, 5);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM notification_outbox WHERE recipient_user_id = (SELECT user_id FROM seekers WHERE id = '{seeker_id}') AND channel = 'email'"
            )
        )
        .await,
        5
    );

    // The placement, its follow-ups, the vacancy's count and the seeker's card.
    let placement = get(
        &app,
        &hiring.officer,
        &format!("/api/v1/placements/{placement_id}"),
    )
    .await;
    assert_eq!(placement.status, 200, "{}", placement.body);
    assert_eq!(placement.body["channel"], "jembatan");
    assert_eq!(placement.body["seeker"]["id"], siti.id);
    assert_eq!(placement.body["application_id"], id.to_string());
    assert_eq!(placement.body["vacancy_id"], hiring.vacancy_id.to_string());
    assert_eq!(placement.body["kbji_code"], "7212.01");
    assert_eq!(placement.body["kbli_code"], "41011");
    assert_eq!(placement.body["employment_type"], "pkwt");
    assert_eq!(placement.body["wage_rupiah"], 5_200_000);
    assert_eq!(placement.body["start_date"], start.to_string());
    assert_eq!(
        placement.body["report_month"],
        format!("{}", start.format("%Y-%m-01"))
    );
    let offsets: Vec<i64> = placement.body["followups"]
        .as_array()
        .expect("follow-ups")
        .iter()
        .map(|followup| followup["offset_months"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(offsets, [3, 6, 12]);
    assert_eq!(
        placement.body["followups"][0]["due_on"],
        jembatan_domain::calendar::add_months(start, 3).to_string()
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM vacancies WHERE id = '{}' AND filled_count = 1 AND status = 'open'", hiring.vacancy_id)
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM seekers WHERE id = '{seeker_id}' AND status = 'placed'")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM search_outbox WHERE entity_kind = 'seeker' AND entity_id = '{seeker_id}'")
        )
        .await,
        2,
        "registration and placement"
    );

    // Three months later the seeker answers the first follow-up; it cannot be answered twice.
    make_followups_due(&app, placement_id, 3).await;
    let path = format!("/api/v1/placements/{placement_id}/followups/3");
    let recorded = post(
        &app,
        &siti.token,
        &path,
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    assert_eq!(recorded.body["followups"][0]["outcome"], "still_employed");
    let again = post(
        &app,
        &siti.token,
        &path,
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "followup_already_recorded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applying_twice_returns_the_existing_application_with_200() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;

    let first = apply(&app, &budi.token, hiring.vacancy_id).await;
    assert_eq!(first.status, 201);
    let second = apply(&app, &budi.token, hiring.vacancy_id).await;
    assert_eq!(second.status, 200);
    assert_eq!(second.id(), first.id());
    assert_eq!(count(&app, "SELECT count(*) FROM applications").await, 1);
    assert_eq!(
        count(&app, "SELECT count(*) FROM application_stage_changes").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_application_with_the_same_idempotency_key_replays_the_first_response() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;
    let key = "apply-7f3e2a";

    let first = apply_with_key(&app, &budi.token, hiring.vacancy_id, Some(key)).await;
    assert_eq!(first.status, 201);
    let again = apply_with_key(&app, &budi.token, hiring.vacancy_id, Some(key)).await;
    assert_eq!(again.status, 201, "the first response, replayed");
    assert_eq!(again.body, first.body);
    assert_eq!(count(&app, "SELECT count(*) FROM applications").await, 1);
    assert_eq!(notifications(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applying_needs_a_vacancy_and_an_open_one() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;

    let missing = post(&app, &budi.token, "/api/v1/applications", &json!({})).await;
    assert_eq!(missing.status, 422);
    assert_eq!(
        error_codes(&missing),
        [("vacancy_id".to_string(), "required".to_string())]
    );
    let unknown = apply(&app, &budi.token, Uuid::now_v7()).await;
    assert_eq!(unknown.status, 404);

    let closed = get(
        &app,
        &hiring.employer.token,
        &format!("/api/v1/vacancies/{}", hiring.vacancy_id),
    )
    .await;
    act_ok(
        &app,
        &hiring.employer.token,
        hiring.vacancy_id,
        "close",
        &closed.etag(),
        Some(&json!({ "reason": "Posisi dibatalkan manajemen" })),
        "closed",
    )
    .await;
    let refused = apply(&app, &budi.token, hiring.vacancy_id).await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.body["code"], "vacancy_not_open");

    let officer_applies = apply(&app, &hiring.officer, hiring.vacancy_id).await;
    assert_eq!(officer_applies.status, 403);
    assert_eq!(count(&app, "SELECT count(*) FROM applications").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_illegal_stage_move_is_refused_with_the_pipelines_code_and_writes_nothing() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;
    let employer = &hiring.employer.token;
    let applied = apply(&app, &budi.token, hiring.vacancy_id).await;
    let id = applied.id();
    let interview = move_ok(&app, employer, id, &applied.etag(), "interview").await;
    let etag = interview.etag();
    let notifications_before = notifications(&app).await;
    let history_before = count(&app, "SELECT count(*) FROM application_stage_changes").await;

    let cases = [
        (employer.as_str(), "screening", "transition_not_allowed"),
        (employer.as_str(), "interview", "transition_unchanged"),
        (
            employer.as_str(),
            "withdrawn",
            "transition_actor_not_permitted",
        ),
        (
            budi.token.as_str(),
            "offer",
            "transition_actor_not_permitted",
        ),
        (budi.token.as_str(), "applied", "transition_not_allowed"),
        (
            hiring.officer.as_str(),
            "offer",
            "transition_actor_not_permitted",
        ),
    ];
    for (token, stage, code) in cases {
        let refused = move_stage(&app, token, id, &etag, &json!({ "stage": stage })).await;
        assert_eq!(refused.status, 409, "{stage}: {}", refused.body);
        assert_eq!(refused.body["code"], code, "{stage}");
        assert!(
            refused.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains(stage))
        );
    }
    let as_seeker_hire = hire(
        &app,
        &budi.token,
        id,
        &etag,
        &json!({ "start_date": today() }),
    )
    .await;
    assert_eq!(as_seeker_hire.status, 403);

    // Withdrawn is final: no move, no hire.
    let withdrawn = move_ok(&app, &budi.token, id, &etag, "withdrawn").await;
    let after_final = move_stage(
        &app,
        employer,
        id,
        &withdrawn.etag(),
        &json!({ "stage": "offer" }),
    )
    .await;
    assert_eq!(after_final.status, 409);
    assert_eq!(after_final.body["code"], "transition_from_final");
    let hire_after_final = hire(
        &app,
        employer,
        id,
        &withdrawn.etag(),
        &json!({ "start_date": today() }),
    )
    .await;
    assert_eq!(hire_after_final.status, 409);
    assert_eq!(hire_after_final.body["code"], "transition_from_final");

    assert_eq!(notifications(&app).await, notifications_before + 1);
    assert_eq!(
        count(&app, "SELECT count(*) FROM application_stage_changes").await,
        history_before + 1
    );
    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_needs_the_current_version_in_if_match() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;
    let applied = apply(&app, &budi.token, hiring.vacancy_id).await;
    let id = applied.id();
    move_ok(
        &app,
        &hiring.employer.token,
        id,
        &applied.etag(),
        "screening",
    )
    .await;

    let stale = move_stage(
        &app,
        &hiring.employer.token,
        id,
        &applied.etag(),
        &json!({ "stage": "interview" }),
    )
    .await;
    assert_eq!(stale.status, 412);
    assert_eq!(stale.body["code"], "stale_version");
    let missing = jembatan_tests::vacancies::call(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/applications/{id}/stage"),
        Some(&hiring.employer.token),
        None,
        Some(&json!({ "stage": "interview" })),
    )
    .await;
    assert_eq!(missing.status, 400);
    assert_eq!(notifications(&app).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_needs_a_reason_from_the_list_and_other_needs_a_note() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;
    let applied = apply(&app, &budi.token, hiring.vacancy_id).await;
    let id = applied.id();
    let employer = &hiring.employer.token;
    let etag = applied.etag();

    let cases = [
        (
            json!({ "stage": "rejected" }),
            "rejection_reason",
            "rejection_reason_required",
        ),
        (
            json!({ "stage": "rejected", "rejection_reason": "too_old" }),
            "rejection_reason",
            "unknown_value",
        ),
        (
            json!({ "stage": "rejected", "rejection_reason": "other" }),
            "note",
            "rejection_note_required",
        ),
        (
            json!({ "stage": "screening", "rejection_reason": "failed_test" }),
            "rejection_reason",
            "rejection_reason_not_applicable",
        ),
        (json!({ "stage": "hired" }), "stage", "hire_needs_details"),
        (json!({ "stage": "promoted" }), "stage", "unknown_value"),
    ];
    for (body, field, code) in cases {
        let refused = move_stage(&app, employer, id, &etag, &body).await;
        assert_eq!(refused.status, 422, "{body}");
        assert_eq!(
            error_codes(&refused),
            [(field.to_string(), code.to_string())],
            "{body}"
        );
    }
    let unknown_field = move_stage(
        &app,
        employer,
        id,
        &etag,
        &json!({ "stage": "screening", "version": 9 }),
    )
    .await;
    assert_eq!(unknown_field.status, 422);

    let rejected = move_stage(
        &app,
        employer,
        id,
        &etag,
        &json!({ "stage": "rejected", "rejection_reason": "other", "note": "Domisili terlalu jauh dari site" }),
    )
    .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    assert_eq!(rejected.body["rejection_reason"], "other");
    assert_eq!(
        rejected.body["rejection_note"],
        "Domisili terlalu jauh dari site"
    );
    let seen = get(&app, &budi.token, &format!("/api/v1/applications/{id}")).await;
    assert_eq!(seen.body["stage"], "rejected");
    assert_eq!(
        seen.body["history"][1]["reason"],
        "other: Domisili terlalu jauh dari site"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_never_sees_another_employers_applicants_nor_a_seeker_another_seekers_application()
 {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let other_employer = employer_with_staff(&app, "verified").await;
    let budi = seeker(&app, "budi").await;
    let ani = seeker(&app, "ani").await;
    let applied = apply(&app, &budi.token, hiring.vacancy_id).await;
    let id = applied.id();
    let path = format!("/api/v1/applications/{id}");

    assert_eq!(get(&app, &other_employer.token, &path).await.status, 404);
    assert_eq!(
        get(
            &app,
            &other_employer.token,
            &format!("/api/v1/vacancies/{}/applications", hiring.vacancy_id)
        )
        .await
        .status,
        404
    );
    let moved = move_stage(
        &app,
        &other_employer.token,
        id,
        &applied.etag(),
        &json!({ "stage": "screening" }),
    )
    .await;
    assert_eq!(moved.status, 404);
    assert_eq!(get(&app, &ani.token, &path).await.status, 404);
    let ani_moves = move_stage(
        &app,
        &ani.token,
        id,
        &applied.etag(),
        &json!({ "stage": "withdrawn" }),
    )
    .await;
    assert_eq!(ani_moves.status, 404);
    assert_eq!(
        get(&app, &ani.token, "/api/v1/applications/mine")
            .await
            .body["items"],
        json!([])
    );

    // The owner, the employer and officers see it; the employer's and the officer's reads are in the audit log.
    assert_eq!(get(&app, &budi.token, &path).await.status, 200);
    assert_eq!(get(&app, &hiring.employer.token, &path).await.status, 200);
    let officer_view = get(&app, &hiring.officer, &path).await;
    assert_eq!(officer_view.status, 200);
    assert_eq!(officer_view.body["applicant"]["full_name"], "Budi Santoso");
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM audit_log WHERE seeker_id = '{}' AND resource = 'application'", budi.id)).await,
        2
    );
    let mine = get(&app, &budi.token, "/api/v1/applications/mine").await;
    assert_eq!(mine.body["items"][0]["id"], id.to_string());
    assert_eq!(mine.body["items"][0]["vacancy"]["title"], "Juru Las SMAW");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_invites_consenting_seekers_who_accept_or_decline() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let employer = &hiring.employer.token;
    let budi = seeker(&app, "budi").await;
    let counter_seeker = seeker_without_account(&app, "Rina Marlina", true).await;
    let private_seeker = seeker_without_account(&app, "Tidak Mau Dilihat", false).await;
    let invite = |seeker_id: Uuid| json!({ "vacancy_id": hiring.vacancy_id, "seeker_id": seeker_id, "message": "Kami tertarik dengan sertifikat las Anda." });

    let invited = post(
        &app,
        employer,
        "/api/v1/applications/invitations",
        &invite(uuid(&budi.id)),
    )
    .await;
    assert_eq!(invited.status, 201, "{}", invited.body);
    assert_eq!(invited.body["stage"], "invited");
    assert_eq!(invited.body["origin"], "invited");
    assert!(invited.body["applied_at"].is_null());
    let again = post(
        &app,
        employer,
        "/api/v1/applications/invitations",
        &invite(uuid(&budi.id)),
    )
    .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.id(), invited.id());

    let refused = post(
        &app,
        employer,
        "/api/v1/applications/invitations",
        &invite(private_seeker),
    )
    .await;
    assert_eq!(refused.status, 404);
    let as_seeker = post(
        &app,
        &budi.token,
        "/api/v1/applications/invitations",
        &invite(uuid(&budi.id)),
    )
    .await;
    assert_eq!(as_seeker.status, 403);
    let missing = post(
        &app,
        employer,
        "/api/v1/applications/invitations",
        &json!({}),
    )
    .await;
    assert_eq!(missing.status, 422);
    assert_eq!(
        error_codes(&missing),
        [
            ("vacancy_id".to_string(), "required".to_string()),
            ("seeker_id".to_string(), "required".to_string())
        ]
    );

    // The seeker accepts: the invitation becomes an application.
    let accepted = move_ok(&app, &budi.token, invited.id(), &invited.etag(), "applied").await;
    assert!(accepted.body["applied_at"].is_string());

    // A seeker registered at the counter (no account, phone only) is notified by SMS on their card.
    let counter_invited = post(
        &app,
        employer,
        "/api/v1/applications/invitations",
        &invite(counter_seeker),
    )
    .await;
    assert_eq!(counter_invited.status, 201);
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM notification_outbox WHERE recipient_seeker_id = '{counter_seeker}' AND channel = 'sms' AND payload->>'to_stage' = 'invited'")
        )
        .await,
        1
    );
    // The employer cannot accept for the seeker.
    let employer_accepts = move_stage(
        &app,
        employer,
        counter_invited.id(),
        &counter_invited.etag(),
        &json!({ "stage": "applied" }),
    )
    .await;
    assert_eq!(employer_accepts.status, 409);
    assert_eq!(
        employer_accepts.body["code"],
        "transition_actor_not_permitted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_declines_an_invitation_by_withdrawing() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let budi = seeker(&app, "budi").await;
    let invited = post(
        &app,
        &hiring.employer.token,
        "/api/v1/applications/invitations",
        &json!({ "vacancy_id": hiring.vacancy_id, "seeker_id": budi.id }),
    )
    .await;
    let declined = move_stage(
        &app,
        &budi.token,
        invited.id(),
        &invited.etag(),
        &json!({ "stage": "withdrawn", "note": "Sudah bekerja di tempat lain" }),
    )
    .await;
    assert_eq!(declined.status, 200);
    assert_eq!(declined.body["stage"], "withdrawn");
    assert_eq!(
        declined.body["history"][1]["reason"],
        "Sudah bekerja di tempat lain"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blind_review_hides_name_sex_and_age_from_the_employer_until_the_interview() {
    let app = spawn_app().await;
    let hiring = hiring_with(&app, |body| body["blind_review"] = json!(true)).await;
    let employer = &hiring.employer.token;
    let budi = seeker(&app, "budi").await;
    let applied = apply(&app, &budi.token, hiring.vacancy_id).await;
    let id = applied.id();
    let list_path = format!("/api/v1/vacancies/{}/applications", hiring.vacancy_id);

    let blind = get(&app, employer, &list_path).await;
    assert_eq!(blind.status, 200);
    let applicant = &blind.body["items"][0]["applicant"];
    assert_eq!(applicant["identity_hidden"], true);
    assert!(applicant.get("full_name").is_none());
    assert!(applicant.get("sex").is_none());
    assert!(applicant.get("age_years").is_none());
    assert_eq!(applicant["education_level"], "smk");
    let detail = get(&app, employer, &format!("/api/v1/applications/{id}")).await;
    assert!(detail.body["applicant"].get("full_name").is_none());
    // Officers are never blinded.
    let officer = get(&app, &hiring.officer, &list_path).await;
    assert_eq!(
        officer.body["items"][0]["applicant"]["full_name"],
        "Budi Santoso"
    );

    let screening = move_ok(&app, employer, id, &applied.etag(), "screening").await;
    assert!(screening.body["applicant"].get("full_name").is_none());
    let interview = move_ok(&app, employer, id, &screening.etag(), "interview").await;
    assert_eq!(interview.body["applicant"]["identity_hidden"], false);
    assert_eq!(interview.body["applicant"]["full_name"], "Budi Santoso");
    assert_eq!(interview.body["applicant"]["sex"], "L");
    assert!(
        interview.body["applicant"]["age_years"]
            .as_u64()
            .is_some_and(|age| age >= 18)
    );
    // Rejected after the interview: still revealed (the stage it left from counts).
    let rejected = move_stage(
        &app,
        employer,
        id,
        &interview.etag(),
        &json!({ "stage": "rejected", "rejection_reason": "failed_interview" }),
    )
    .await;
    assert_eq!(rejected.body["applicant"]["full_name"], "Budi Santoso");

    // Without blind review the employer sees the name from the start.
    let open = open_vacancy_for(&app, &hiring.employer, &hiring.officer, |body| {
        body["blind_review"] = json!(false)
    })
    .await;
    apply(&app, &budi.token, open).await;
    let seen = get(
        &app,
        employer,
        &format!("/api/v1/vacancies/{open}/applications"),
    )
    .await;
    assert_eq!(
        seen.body["items"][0]["applicant"]["full_name"],
        "Budi Santoso"
    );
    assert_eq!(seen.body["items"][0]["applicant"]["identity_hidden"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_applicant_list_filters_by_stage_and_pages_with_a_cursor() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    for n in 0..3 {
        let seeker_id = seeker_without_account(&app, &format!("Pelamar {n}"), true).await;
        application_at(
            &app,
            hiring.vacancy_id,
            seeker_id,
            if n == 0 { "interview" } else { "applied" },
        )
        .await;
    }
    let path = format!("/api/v1/vacancies/{}/applications", hiring.vacancy_id);
    let first = get(&app, &hiring.employer.token, &format!("{path}?limit=2")).await;
    assert_eq!(first.body["items"].as_array().map(Vec::len), Some(2));
    let cursor = first.body["next_cursor"].as_str().expect("a next page");
    let second = get(
        &app,
        &hiring.employer.token,
        &format!("{path}?limit=2&cursor={cursor}"),
    )
    .await;
    assert_eq!(second.body["items"].as_array().map(Vec::len), Some(1));
    assert!(second.body.get("next_cursor").is_none());
    let interviews = get(
        &app,
        &hiring.employer.token,
        &format!("{path}?stage=interview"),
    )
    .await;
    assert_eq!(interviews.body["items"].as_array().map(Vec::len), Some(1));
    let bad = get(&app, &hiring.employer.token, &format!("{path}?stage=maybe")).await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        error_codes(&bad),
        [("stage".to_string(), "unknown_value".to_string())]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hire_needs_a_start_date_no_more_than_ninety_days_ahead() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let seeker_id = seeker_without_account(&app, "Rina Marlina", true).await;
    let id = application_at(&app, hiring.vacancy_id, seeker_id, "offer").await;
    let employer = &hiring.employer.token;

    let missing = hire(&app, employer, id, "\"1\"", &json!({})).await;
    assert_eq!(missing.status, 422);
    assert_eq!(
        error_codes(&missing),
        [("start_date".to_string(), "required".to_string())]
    );
    let far = hire(
        &app,
        employer,
        id,
        "\"1\"",
        &json!({ "start_date": days_from_today(91), "wage_rupiah": -1, "wage_period": "weekly" }),
    )
    .await;
    assert_eq!(far.status, 422);
    assert_eq!(
        error_codes(&far),
        [
            (
                "start_date".to_string(),
                "placement_start_too_far_ahead".to_string()
            ),
            ("wage_rupiah".to_string(), "wage_negative".to_string()),
            ("wage_period".to_string(), "unknown_value".to_string()),
        ]
    );
    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 0);
    assert_eq!(notifications(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_hires_on_five_openings_record_exactly_five() {
    let app = spawn_app().await;
    let hiring = hiring_with(&app, |body| {
        body["headcount"] = json!(5);
        body["blind_review"] = json!(false);
    })
    .await;
    let mut applications = Vec::new();
    for n in 0..50 {
        let seeker_id = seeker_without_account(&app, &format!("Kandidat {n}"), true).await;
        applications.push(application_at(&app, hiring.vacancy_id, seeker_id, "offer").await);
    }

    let terms = json!({ "start_date": today() });
    let replies = join_all(
        applications
            .iter()
            .map(|id| hire(&app, &hiring.employer.token, *id, "\"1\"", &terms)),
    )
    .await;

    let hired = replies.iter().filter(|reply| reply.status == 200).count();
    let refused: Vec<&str> = replies
        .iter()
        .filter(|reply| reply.status != 200)
        .map(|reply| {
            assert_eq!(reply.status, 409, "{}", reply.body);
            reply.body["code"].as_str().unwrap_or_default()
        })
        .collect();
    assert_eq!(hired, 5);
    assert_eq!(refused.len(), 45);
    assert!(
        refused
            .iter()
            .all(|code| *code == "vacancy_headcount_reached")
    );

    let vacancy = hiring.vacancy_id;
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM vacancies WHERE id = '{vacancy}' AND filled_count = 5 AND status = 'filled' AND filled_at IS NOT NULL")).await,
        1
    );
    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 5);
    assert_eq!(
        count(&app, "SELECT count(*) FROM placement_followups").await,
        15
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM applications WHERE stage = 'hired'"
        )
        .await,
        5
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM applications WHERE stage = 'offer'"
        )
        .await,
        45
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM seekers WHERE status = 'placed'").await,
        5
    );
    assert_eq!(notifications(&app).await, 5);
    assert_eq!(
        count(&app, &format!("SELECT count(*) FROM vacancy_status_changes WHERE vacancy_id = '{vacancy}' AND from_status = 'open' AND to_status = 'filled' AND actor_user_id IS NULL")).await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hire_on_a_closed_vacancy_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let seeker_id = seeker_without_account(&app, "Rina Marlina", true).await;
    let id = application_at(&app, hiring.vacancy_id, seeker_id, "offer").await;
    let vacancy = get(
        &app,
        &hiring.employer.token,
        &format!("/api/v1/vacancies/{}", hiring.vacancy_id),
    )
    .await;
    act_ok(
        &app,
        &hiring.employer.token,
        hiring.vacancy_id,
        "close",
        &vacancy.etag(),
        Some(&json!({ "reason": "Proyek ditunda pemilik" })),
        "closed",
    )
    .await;

    let refused = hire(
        &app,
        &hiring.employer.token,
        id,
        "\"1\"",
        &json!({ "start_date": today() }),
    )
    .await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.body["code"], "vacancy_not_open");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM applications WHERE stage = 'offer' AND version = 1"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT count(*) FROM placements").await, 0);
    assert_eq!(notifications(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_the_pipeline_and_placement_routes() {
    let app = spawn_app().await;
    let document: serde_json::Value = app
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    for (path, method) in [
        ("/api/v1/applications", "post"),
        ("/api/v1/applications/invitations", "post"),
        ("/api/v1/applications/{id}/stage", "post"),
        ("/api/v1/applications/{id}/hire", "post"),
        ("/api/v1/vacancies/{id}/applications", "get"),
        ("/api/v1/placements", "post"),
        ("/api/v1/placements/followups/due", "get"),
        ("/api/v1/placements/{id}/followups/{months}", "post"),
    ] {
        assert!(
            document["paths"][path][method].is_object(),
            "{method} {path} is documented"
        );
    }
}
