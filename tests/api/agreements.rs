//! Agreements with industry over HTTP: recording, who may read them, lifecycle, and fulfilment computed from the
//! apprenticeships and placements recorded.

use jembatan_tests::apprenticeships::{
    apprentice_body, approved_programme, first_of_last_month, insert_seeker, place,
    welding_programme,
};
use jembatan_tests::spawn_app;
use jembatan_tests::vacancies::{
    Reply, call, count, employer_with_staff, execute, officer_token, today,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

fn agreement(parties: &[Uuid], commitments: Value) -> Value {
    json!({
        "agreement_number": "500/123/Disnaker-BPN/V/2026",
        "title": "Nota Kesepahaman Pelatihan, Pemagangan dan Penempatan Tenaga Kerja Lokal",
        "signed_on": "2026-01-10",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "parties": parties.iter().map(|id| json!({ "employer_id": id, "signatory_name": "Direktur SDM" })).collect::<Vec<_>>(),
        "commitments": commitments,
    })
}

async fn create(app: &jembatan_tests::TestApp, officer: &str, body: &Value) -> Reply {
    call(
        app,
        Method::POST,
        "/api/v1/agreements",
        Some(officer),
        None,
        Some(body),
    )
    .await
}

/// Inserts a placement at `employer` starting on `start` (channel `direct`, as an officer would record one seen
/// elsewhere).
async fn insert_placement(app: &jembatan_tests::TestApp, employer: Uuid, start: chrono::NaiveDate) {
    let seeker = insert_seeker(app, None).await;
    let officer = app
        .create_user(
            "officer",
            &format!("rec-{}@disnaker.test", Uuid::now_v7().simple()),
        )
        .await;
    execute(
        app,
        &format!(
            "INSERT INTO placements (id, seeker_id, employer_id, employer_name, kbji_code, start_date, employment_type, \
                                     channel, evidence, recorded_by, report_month) \
             VALUES ('{}', '{seeker}', '{employer}', 'PT Uji', '7212.01', '{start}', 'pkwt', 'direct', 'SK-01', \
                     '{}', date_trunc('month', '{start}'::date)::date)",
            Uuid::now_v7(),
            officer.id
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fulfilment_is_counted_from_apprenticeships_and_placements_at_the_committing_parties() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let host = employer_with_staff(&app, "verified").await;
    let partner = employer_with_staff(&app, "verified").await;
    let outsider = employer_with_staff(&app, "verified").await;
    let (host_id, partner_id, outsider_id) = (
        host.employer_id.into_inner(),
        partner.employer_id.into_inner(),
        outsider.employer_id.into_inner(),
    );
    let period_start = first_of_last_month();
    let period_end = today() + chrono::Duration::days(30);

    // Three apprentices at the host within the period, one at an outsider (does not count).
    let programme = approved_programme(&app, &host.token, &officer, &welding_programme(5))
        .await
        .id();
    for n in 0..3 {
        let seeker = insert_seeker(&app, None).await;
        let reply = place(
            &app,
            &host.token,
            programme,
            &apprentice_body(seeker, &format!("PKS/{n}")),
        )
        .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    let elsewhere = approved_programme(&app, &outsider.token, &officer, &welding_programme(5))
        .await
        .id();
    let seeker = insert_seeker(&app, None).await;
    assert_eq!(
        place(
            &app,
            &outsider.token,
            elsewhere,
            &apprentice_body(seeker, "PKS/X")
        )
        .await
        .status,
        201
    );

    // Placements: host and partner in the period count for the joint commitment; the outsider's and one before
    // the period do not.
    insert_placement(&app, host_id, today()).await;
    insert_placement(&app, partner_id, today()).await;
    insert_placement(&app, outsider_id, today()).await;
    insert_placement(&app, partner_id, period_start - chrono::Duration::days(1)).await;

    let body = agreement(
        &[host_id, partner_id],
        json!([
            { "employer_id": host_id, "kind": "apprenticeship_seats", "period_start": period_start,
              "period_end": period_end, "target_quantity": 4 },
            { "kind": "placements", "period_start": period_start, "period_end": period_end, "target_quantity": 2 },
            { "employer_id": partner_id, "kind": "placements", "period_start": period_start,
              "period_end": period_end, "target_quantity": 3 },
        ]),
    );
    let created = create(&app, &officer, &body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["status"], "draft");
    let read = call(
        &app,
        Method::GET,
        &format!("/api/v1/agreements/{}", created.id()),
        Some(&officer),
        None,
        None,
    )
    .await;
    assert_eq!(read.status, 200);
    let commitments = read.body["commitments"]
        .as_array()
        .expect("commitments")
        .clone();
    let find = |kind: &str, employer: Value| {
        commitments
            .iter()
            .find(|c| c["kind"] == kind && c["employer_id"] == employer)
            .cloned()
            .expect("the commitment is listed")
    };
    let seats = find("apprenticeship_seats", json!(host_id));
    assert_eq!(
        (seats["target"].clone(), seats["achieved"].clone()),
        (json!(4), json!(3))
    );
    assert_eq!(seats["percent"], 75);
    assert_eq!(seats["remaining"], 1);
    assert_eq!(seats["met"], false);
    let joint = find("placements", Value::Null);
    assert_eq!(
        (
            joint["achieved"].clone(),
            joint["percent"].clone(),
            joint["met"].clone()
        ),
        (json!(2), json!(100), json!(true))
    );
    let partner_only = find("placements", json!(partner_id));
    assert_eq!(
        (
            partner_only["achieved"].clone(),
            partner_only["percent"].clone()
        ),
        (json!(1), json!(33))
    );

    // One more placement at the partner shows up at once: nothing is stored.
    insert_placement(&app, partner_id, today()).await;
    let again = call(
        &app,
        Method::GET,
        &format!("/api/v1/agreements/{}", created.id()),
        Some(&partner.token),
        None,
        None,
    )
    .await;
    assert_eq!(again.status, 200);
    let partner_only = again.body["commitments"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|c| c["employer_id"] == json!(partner_id))
                .cloned()
        })
        .expect("listed");
    assert_eq!(partner_only["achieved"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parties_read_their_agreement_and_everyone_else_gets_404_or_403() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let party = employer_with_staff(&app, "verified").await;
    let outsider = employer_with_staff(&app, "verified").await;
    let body = agreement(&[party.employer_id.into_inner()], json!([]));
    let created = create(&app, &officer, &body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let path = format!("/api/v1/agreements/{}", created.id());

    assert_eq!(
        call(&app, Method::GET, &path, Some(&party.token), None, None)
            .await
            .status,
        200
    );
    assert_eq!(
        call(&app, Method::GET, &path, Some(&outsider.token), None, None)
            .await
            .status,
        404
    );
    let seeker_user = app.create_user("seeker", "seeker-mou@contoh.id").await;
    let seeker = app.login(&seeker_user).await;
    assert_eq!(
        call(&app, Method::GET, &path, Some(&seeker), None, None)
            .await
            .status,
        404
    );
    assert_eq!(
        call(
            &app,
            Method::GET,
            "/api/v1/agreements",
            Some(&seeker),
            None,
            None
        )
        .await
        .status,
        403
    );

    let theirs = call(
        &app,
        Method::GET,
        "/api/v1/agreements",
        Some(&party.token),
        None,
        None,
    )
    .await;
    assert_eq!(theirs.body["items"].as_array().map(Vec::len), Some(1));
    let none = call(
        &app,
        Method::GET,
        "/api/v1/agreements",
        Some(&outsider.token),
        None,
        None,
    )
    .await;
    assert_eq!(none.body["items"], json!([]));

    let by_employer = create(&app, &party.token, &body).await;
    assert_eq!(by_employer.status, 403);
    let activate = call(
        &app,
        Method::POST,
        &format!("{path}/activate"),
        Some(&party.token),
        Some("\"1\""),
        None,
    )
    .await;
    assert_eq!(activate.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_agreement_is_refused_field_by_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let party = employer_with_staff(&app, "verified").await;
    let stranger = employer_with_staff(&app, "verified").await;
    let party_id = party.employer_id.into_inner();
    let mut body = agreement(
        &[party_id, Uuid::now_v7()],
        json!([
            { "kind": "placements", "period_start": "2026-06-01", "period_end": "2026-01-01", "target_quantity": 0 },
            { "employer_id": stranger.employer_id.into_inner(), "kind": "internships", "period_start": "2026-01-01",
              "period_end": "2026-12-31", "target_quantity": 5 },
            { "kind": "placements", "period_start": "2026-01-01", "period_end": "2026-12-31", "target_quantity": 5,
              "supported_cohort_ids": [Uuid::now_v7()] },
        ]),
    );
    body["valid_until"] = json!("2025-12-31");
    body["title"] = json!("");
    let reply = create(&app, &officer, &body).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let found: Vec<(String, String)> = reply.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or_default().to_string(),
                e["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    for (field, code) in [
        ("title", "text_empty"),
        ("valid_until", "agreement_term_order"),
        ("parties[1].employer_id", "employer_unknown"),
        ("commitments[0].target_quantity", "commitment_target_zero"),
        ("commitments[0].period_end", "commitment_period_order"),
        (
            "commitments[1].employer_id",
            "commitment_employer_not_party",
        ),
        (
            "commitments[2].supported_cohort_ids",
            "cohorts_only_for_training_support",
        ),
    ] {
        assert!(
            found.contains(&(field.to_string(), code.to_string())),
            "{field} {code} in {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(field, _)| field == "commitments[1].kind")
    );
    let no_parties = create(&app, &officer, &agreement(&[], json!([]))).await;
    assert_eq!(no_parties.status, 422);
    assert_eq!(
        count(&app, "SELECT count(*) AS count FROM agreements").await,
        0
    );

    let first = create(&app, &officer, &agreement(&[party_id], json!([]))).await;
    assert_eq!(first.status, 201);
    let same_number = create(&app, &officer, &agreement(&[party_id], json!([]))).await;
    assert_eq!(same_number.status, 409);
    assert_eq!(same_number.body["code"], "agreement_number_taken");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agreement_becomes_active_once_signed_and_termination_is_final() {
    let app = spawn_app().await;
    let officer = officer_token(&app).await;
    let party = employer_with_staff(&app, "verified").await;
    let mut unsigned = agreement(&[party.employer_id.into_inner()], json!([]));
    unsigned["signed_on"] = Value::Null;
    unsigned["agreement_number"] = Value::Null;
    let draft = create(&app, &officer, &unsigned).await;
    let path = format!("/api/v1/agreements/{}", draft.id());
    let refused = call(
        &app,
        Method::POST,
        &format!("{path}/activate"),
        Some(&officer),
        Some(&draft.etag()),
        None,
    )
    .await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.body["code"], "agreement_not_signed");

    let signed = create(
        &app,
        &officer,
        &agreement(&[party.employer_id.into_inner()], json!([])),
    )
    .await;
    let path = format!("/api/v1/agreements/{}", signed.id());
    let active = call(
        &app,
        Method::POST,
        &format!("{path}/activate"),
        Some(&officer),
        Some(&signed.etag()),
        None,
    )
    .await;
    assert_eq!(active.status, 200, "{}", active.body);
    assert_eq!(active.body["status"], "active");
    let stale = call(
        &app,
        Method::POST,
        &format!("{path}/end"),
        Some(&officer),
        Some(&signed.etag()),
        None,
    )
    .await;
    assert_eq!(stale.status, 412);
    let no_reason = call(
        &app,
        Method::POST,
        &format!("{path}/terminate"),
        Some(&officer),
        Some(&active.etag()),
        Some(&json!({ "reason": "" })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let terminated = call(
        &app,
        Method::POST,
        &format!("{path}/terminate"),
        Some(&officer),
        Some(&active.etag()),
        Some(&json!({ "reason": "Perusahaan menghentikan operasi di Balikpapan" })),
    )
    .await;
    assert_eq!(terminated.status, 200, "{}", terminated.body);
    assert_eq!(
        terminated.body["status_reason"],
        "Perusahaan menghentikan operasi di Balikpapan"
    );
    let reopen = call(
        &app,
        Method::POST,
        &format!("{path}/activate"),
        Some(&officer),
        Some(&terminated.etag()),
        None,
    )
    .await;
    assert_eq!(reopen.status, 409);
    assert_eq!(reopen.body["code"], "transition_from_final");
}
