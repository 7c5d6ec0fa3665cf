//! Support for the hiring pipeline and placement tests: an open vacancy of a verified employer, seekers registered
//! through the API (with an account) or written with SQL (many at once, or a counter registration without an
//! account), applications placed at a stage with SQL, and shortcuts for the pipeline requests.

use diesel::sql_types::{Bool, Nullable, Text, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::TestApp;
use crate::seekers::{RegisteredSeeker, register_seeker};
use crate::vacancies::{
    EmployerStaff, Reply, call, employer_with_staff, officer_token, open_vacancy, welder_vacancy,
};

/// A verified employer with an open vacancy, and an officer.
pub struct Hiring {
    pub employer: EmployerStaff,
    pub officer: String,
    pub vacancy_id: Uuid,
}

/// A verified employer with an open welder vacancy changed by `adjust` (e.g. headcount, blind review).
pub async fn hiring_with(app: &TestApp, adjust: impl FnOnce(&mut Value)) -> Hiring {
    let employer = employer_with_staff(app, "verified").await;
    let officer = officer_token(app).await;
    let vacancy_id = open_vacancy_for(app, &employer, &officer, adjust).await;
    Hiring {
        employer,
        officer,
        vacancy_id,
    }
}

/// A verified employer with an open welder vacancy (three openings, blind review off).
pub async fn hiring(app: &TestApp) -> Hiring {
    hiring_with(app, |body| body["blind_review"] = json!(false)).await
}

/// Opens another welder vacancy (changed by `adjust`) for `employer`.
pub async fn open_vacancy_for(
    app: &TestApp,
    employer: &EmployerStaff,
    officer: &str,
    adjust: impl FnOnce(&mut Value),
) -> Uuid {
    let mut body = welder_vacancy();
    adjust(&mut body);
    open_vacancy(app, &employer.token, officer, &body)
        .await
        .id()
}

/// A seeker registered online (with an account, an e-mail and consent to be seen by employers), logged in.
pub async fn seeker(app: &TestApp, name: &str) -> RegisteredSeeker {
    register_seeker(
        app,
        &format!("{name}-{}@contoh.id", Uuid::now_v7().simple()),
    )
    .await
}

/// A seeker written with SQL, as a counter registration without an account: phone only, born 1 May 1999, a woman.
pub async fn seeker_without_account(app: &TestApp, full_name: &str, consent: bool) -> Uuid {
    let id = Uuid::now_v7();
    let mut connection = app.db().await;
    diesel::sql_query(
        "INSERT INTO seekers (id, registration_number, nik_hash, nik_ciphertext, nik_masked, full_name, birth_date, \
                              birth_year, sex, address, domicile_region_code, phone, education_level, \
                              consent_visible_to_employers, consent_recorded_at, registered_on, valid_until, \
                              last_reported_on, next_report_due_on) \
         VALUES ($1, $2, sha256(convert_to($2, 'UTF8')), '\\x00'::bytea, '6471************', $3, '1999-05-01', \
                 1999, 'P', 'Jl. Uji No. 1', '64.71.01', '+6281200000000', 'smk', $4, now(), CURRENT_DATE, \
                 CURRENT_DATE + 730, CURRENT_DATE, CURRENT_DATE + 180)",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Text, _>(format!("UJI/{}", id.simple()))
    .bind::<Text, _>(full_name)
    .bind::<Bool, _>(consent)
    .execute(&mut connection)
    .await
    .expect("the seeker is inserted");
    id
}

/// An application of `seeker_id` to `vacancy_id` written with SQL at `stage` (as if the earlier moves happened).
pub async fn application_at(app: &TestApp, vacancy_id: Uuid, seeker_id: Uuid, stage: &str) -> Uuid {
    let id = Uuid::now_v7();
    let mut connection = app.db().await;
    diesel::sql_query(
        "INSERT INTO applications (id, vacancy_id, seeker_id, origin, stage, applied_at) \
         VALUES ($1, $2, $3, 'applied', $4, now())",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<SqlUuid, _>(vacancy_id)
    .bind::<SqlUuid, _>(seeker_id)
    .bind::<Text, _>(stage)
    .execute(&mut connection)
    .await
    .expect("the application is inserted");
    id
}

/// `POST /api/v1/applications` as a seeker, with an optional `Idempotency-Key`.
pub async fn apply_with_key(
    app: &TestApp,
    token: &str,
    vacancy_id: Uuid,
    key: Option<&str>,
) -> Reply {
    let mut request = app
        .request(Method::POST, "/api/v1/applications")
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&json!({ "vacancy_id": vacancy_id, "cover_note": "Saya lulusan BLK las, siap bekerja." }));
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    reply_of(request.send().await.expect("the request is sent")).await
}

/// `POST /api/v1/applications` as a seeker.
pub async fn apply(app: &TestApp, token: &str, vacancy_id: Uuid) -> Reply {
    apply_with_key(app, token, vacancy_id, None).await
}

/// Reads a response into a [`Reply`].
pub async fn reply_of(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string)
    };
    let etag = header("etag");
    let content_type = header("content-type");
    let text = response.text().await.expect("the body is read");
    Reply {
        status,
        etag,
        content_type,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

/// `POST /api/v1/applications/{id}/stage` with `If-Match`.
pub async fn move_stage(app: &TestApp, token: &str, id: Uuid, etag: &str, body: &Value) -> Reply {
    call(
        app,
        Method::POST,
        &format!("/api/v1/applications/{id}/stage"),
        Some(token),
        Some(etag),
        Some(body),
    )
    .await
}

/// Moves to `stage`, asserting 200; returns the reply (with the new `ETag`).
pub async fn move_ok(app: &TestApp, token: &str, id: Uuid, etag: &str, stage: &str) -> Reply {
    let reply = move_stage(app, token, id, etag, &json!({ "stage": stage })).await;
    assert_eq!(
        reply.status, 200,
        "the move to {stage} succeeds: {}",
        reply.body
    );
    assert_eq!(reply.body["stage"], stage);
    reply
}

/// `POST /api/v1/applications/{id}/hire` with `If-Match`.
pub async fn hire(app: &TestApp, token: &str, id: Uuid, etag: &str, body: &Value) -> Reply {
    call(
        app,
        Method::POST,
        &format!("/api/v1/applications/{id}/hire"),
        Some(token),
        Some(etag),
        Some(body),
    )
    .await
}

/// `GET` with a bearer token, as a [`Reply`].
pub async fn get(app: &TestApp, token: &str, path: &str) -> Reply {
    call(app, Method::GET, path, Some(token), None, None).await
}

/// `POST` with a bearer token and a JSON body (no `If-Match`), as a [`Reply`].
pub async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> Reply {
    call(app, Method::POST, path, Some(token), None, Some(body)).await
}

/// The `code` of every validation error, by field.
pub fn error_codes(reply: &Reply) -> Vec<(String, String)> {
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

/// Moves every follow-up of `placement_id` that falls due within `months` months to yesterday ("time passes").
pub async fn make_followups_due(app: &TestApp, placement_id: Uuid, up_to_months: i16) {
    let mut connection = app.db().await;
    diesel::sql_query(
        "UPDATE placement_followups SET due_on = CURRENT_DATE - offset_months::int \
         WHERE placement_id = $1 AND offset_months <= $2",
    )
    .bind::<SqlUuid, _>(placement_id)
    .bind::<diesel::sql_types::SmallInt, _>(up_to_months)
    .execute(&mut connection)
    .await
    .expect("the follow-ups are moved");
}

/// A valid placement an officer records (a job fair, a registered employer or `None` for a name only).
pub fn placement_body(seeker_id: Uuid, employer_id: Option<Uuid>) -> Value {
    let mut body = json!({
        "seeker_id": seeker_id,
        "kbji_code": "7212.01",
        "start_date": crate::vacancies::today(),
        "employment_type": "pkwt",
        "wage_rupiah": 5_000_000,
        "wage_period": "bulanan",
        "channel": "job_fair",
        "evidence": "Surat keterangan kerja No. 123/HRD/2026",
    });
    match employer_id {
        Some(id) => body["employer_id"] = json!(id),
        None => body["employer_name"] = json!("CV Bengkel Las Sepinggan"),
    }
    body
}

/// The account a seeker logs in with, if any.
pub async fn seeker_user_id(app: &TestApp, seeker_id: Uuid) -> Option<Uuid> {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = Nullable<SqlUuid>)]
        user_id: Option<Uuid>,
    }
    let mut connection = app.db().await;
    let row: Row = diesel::sql_query("SELECT user_id FROM seekers WHERE id = $1")
        .bind::<SqlUuid, _>(seeker_id)
        .get_result(&mut connection)
        .await
        .expect("the seeker exists");
    row.user_id
}
