//! Support for the apprenticeship, agreement and notification tests: seekers inserted with SQL (registration is
//! another area and hashes passwords), a valid programme body, and shortcuts through the programme lifecycle.

use chrono::{Datelike, NaiveDate};
use diesel::sql_types::{Date, Nullable, Text, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::TestApp;
use crate::vacancies::{Reply, call, seed_reference_data, today};

/// Inserts an active seeker (AK/I card registered today, domicile Balikpapan Utara) and returns the id; `user_id`
/// links a login account when given.
pub async fn insert_seeker(app: &TestApp, user_id: Option<Uuid>) -> Uuid {
    seed_reference_data(app).await;
    let id = Uuid::now_v7();
    let registered_on = today();
    let mut connection = app.db().await;
    diesel::sql_query(
        "INSERT INTO seekers (id, user_id, registration_number, nik_hash, nik_ciphertext, nik_masked, full_name, \
                              birth_date, birth_year, sex, address, domicile_region_code, education_level, \
                              email, phone, consent_recorded_at, registered_on, valid_until, last_reported_on, \
                              next_report_due_on) \
         VALUES ($1, $2, $3, sha256($3::bytea), '\\x00', '6471********0001', 'Siti Rahmawati', '1999-04-12', 1999, 'P', \
                 'Jl. Ahmad Yani No. 3', '64.71.03', 'smk', 'siti@contoh.id', '+6281234567890', now(), $4, \
                 $4 + interval '2 years', $4, $4 + interval '6 months')",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Nullable<SqlUuid>, _>(user_id)
    .bind::<Text, _>(format!("AK1-{}", &id.simple().to_string()[20..]))
    .bind::<Date, _>(registered_on)
    .execute(&mut connection)
    .await
    .expect("the seeker is inserted");
    id
}

/// A valid programme body: welding, 6 months, `seats` seats.
pub fn welding_programme(seats: u32) -> Value {
    json!({
        "title": "Magang Juru Las SMAW",
        "description": "Pemagangan pengelasan pelat dan pipa di bengkel fabrikasi Kariangau",
        "kbji_code": "7212.01",
        "region_code": "64.71.05",
        "duration_months": 6,
        "seats": seats,
        "monthly_stipend_rupiah": 2_500_000,
        "mentor_name": "Pak Hendra Gunawan",
        "units": ["C.251100.001.01", "C.251100.002.01"],
    })
}

/// Proposes `body` as the employer (asserts 201) and approves it as the officer (asserts 200).
pub async fn approved_programme(
    app: &TestApp,
    employer: &str,
    officer: &str,
    body: &Value,
) -> Reply {
    let proposed = call(
        app,
        Method::POST,
        "/api/v1/apprenticeship-programmes",
        Some(employer),
        None,
        Some(body),
    )
    .await;
    assert_eq!(proposed.status, 201, "proposed: {}", proposed.body);
    let approved = call(
        app,
        Method::POST,
        &format!(
            "/api/v1/apprenticeship-programmes/{}/approve",
            proposed.id()
        ),
        Some(officer),
        Some(&proposed.etag()),
        None,
    )
    .await;
    assert_eq!(approved.status, 200, "approved: {}", approved.body);
    approved
}

/// A placement body for `seeker` starting on the first day of last month, for three months.
pub fn apprentice_body(seeker: Uuid, agreement_number: &str) -> Value {
    let start = first_of_last_month();
    json!({
        "seeker_id": seeker,
        "agreement_number": agreement_number,
        "agreement_date": start,
        "starts_on": start,
        "ends_on": crate::apprenticeships::add_months(start, 3),
    })
}

/// The first day of the month before this one (Balikpapan time).
pub fn first_of_last_month() -> NaiveDate {
    let this_month = today().with_day(1).expect("day 1 exists");
    this_month
        .checked_sub_months(chrono::Months::new(1))
        .expect("a date in range")
}

/// `date` plus `months`.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(months))
        .expect("a date in range")
}

/// `POST /api/v1/apprenticeship-programmes/{programme}/apprentices`.
pub async fn place(app: &TestApp, token: &str, programme: Uuid, body: &Value) -> Reply {
    call(
        app,
        Method::POST,
        &format!("/api/v1/apprenticeship-programmes/{programme}/apprentices"),
        Some(token),
        None,
        Some(body),
    )
    .await
}
