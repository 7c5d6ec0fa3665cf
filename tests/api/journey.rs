//! The loop the labour office cares about, end to end over HTTP, each step by the role that does it in real life:
//! a BLK trains a welder → she graduates competent → the units appear on her AK/I card as trained evidence → she
//! applies to a vacancy that asks for them → the employer hires her → a placement with its follow-ups is recorded →
//! three months later the follow-up says she is still employed.

use jembatan_tests::pipeline::{
    apply, get, hire, hiring_with, make_followups_due, move_ok, post, seeker,
};
use jembatan_tests::seekers::{WELDING_1G, WELDING_2G, WELDING_3G, seed_reference_data};
use jembatan_tests::spawn_app;
use jembatan_tests::training::{
    advance, create_blk_staff, create_programme, create_provider, enrol, open_cohort,
};
use jembatan_tests::vacancies::{count, days_from_today};
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainee_graduates_her_units_become_evidence_she_is_hired_placed_and_followed_up() {
    let app = spawn_app().await;
    seed_reference_data(&app).await;

    // An employer with an open vacancy asking for two of the programme's units (trained is enough) and a third as
    // optional; an officer.
    let hiring = hiring_with(&app, |body| {
        body["blind_review"] = json!(false);
        body["units"] = json!([
            { "unit_code": WELDING_1G, "requirement": "required", "min_evidence_level": "trained" },
            { "unit_code": WELDING_2G, "requirement": "required" },
            { "unit_code": WELDING_3G, "requirement": "optional" },
        ]);
    })
    .await;
    let officer = &hiring.officer;

    // The labour office registers the BLK and its staff; the BLK runs a welding cohort.
    let provider_id = create_provider(&app, officer, 1).await;
    let blk = create_blk_staff(&app, officer, &provider_id, "instruktur@blk.test").await;
    let programme_id = create_programme(&app, &blk).await;
    let cohort = open_cohort(&app, &blk, &programme_id, 16).await;

    // Rina registers, enrols, passes selection, trains and graduates competent.
    let rina = seeker(&app, "rina").await;
    let seeker_id: Uuid = rina.id.parse().expect("a seeker id");
    let mut enrolment = enrol(&app, &rina.token, &cohort.id).await;
    for status in [
        "passed_administration",
        "passed_test",
        "accepted",
        "active",
        "graduated_competent",
    ] {
        advance(&app, &blk, &mut enrolment, status).await;
    }

    // Her card now carries the programme's three units as trained evidence, from this enrolment.
    let competencies = get(
        &app,
        &rina.token,
        &format!("/api/v1/seekers/{seeker_id}/competencies"),
    )
    .await;
    assert_eq!(competencies.status, 200, "{}", competencies.body);
    let mut trained: Vec<(String, String)> = competencies.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|unit| {
            (
                unit["unit_code"].as_str().unwrap_or_default().to_string(),
                unit["level"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    trained.sort();
    assert_eq!(
        trained,
        [WELDING_1G, WELDING_2G, WELDING_3G]
            .map(|code| (code.to_string(), "trained".to_string()))
            .to_vec()
    );

    // She applies; the employer moves her through the pipeline and hires her.
    let applied = apply(&app, &rina.token, hiring.vacancy_id).await;
    assert_eq!(applied.status, 201, "{}", applied.body);
    let application_id = applied.id();
    let employer = &hiring.employer.token;
    let screening = move_ok(&app, employer, application_id, &applied.etag(), "screening").await;
    let interview = move_ok(
        &app,
        employer,
        application_id,
        &screening.etag(),
        "interview",
    )
    .await;
    let offer = move_ok(&app, employer, application_id, &interview.etag(), "offer").await;
    let start = days_from_today(7);
    let hired = hire(
        &app,
        employer,
        application_id,
        &offer.etag(),
        &json!({ "start_date": start, "wage_rupiah": 4_900_000 }),
    )
    .await;
    assert_eq!(hired.status, 200, "{}", hired.body);
    let placement_id: Uuid = hired.body["placement_id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .expect("the hire names its placement");

    // The placement is on record for the labour office, with follow-ups at +3, +6 and +12 months, and her card
    // says placed.
    let placement = get(&app, officer, &format!("/api/v1/placements/{placement_id}")).await;
    assert_eq!(placement.status, 200, "{}", placement.body);
    assert_eq!(placement.body["channel"], "jembatan");
    assert_eq!(placement.body["start_date"], start.to_string());
    let card = get(&app, &rina.token, "/api/v1/seekers/me").await;
    assert_eq!(card.body["status"], "placed", "{}", card.body);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM placement_followups WHERE placement_id = '{placement_id}' AND outcome IS NULL"
            )
        )
        .await,
        3
    );

    // Three months on, the officer's due list shows the first follow-up; Rina herself reports she still works there.
    make_followups_due(&app, placement_id, 3).await;
    let due = get(&app, officer, "/api/v1/placements/followups/due").await;
    assert_eq!(due.status, 200, "{}", due.body);
    assert!(
        due.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|item| item["placement_id"] == placement_id.to_string()),
        "{}",
        due.body
    );
    let recorded = post(
        &app,
        &rina.token,
        &format!("/api/v1/placements/{placement_id}/followups/3"),
        &json!({ "outcome": "still_employed" }),
    )
    .await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM placement_followups WHERE placement_id = '{placement_id}' \
                 AND offset_months = 3 AND outcome = 'still_employed'"
            )
        )
        .await,
        1
    );
}
