//! Helpers for the seeker tests: structurally valid NIKs, the reference rows a registration needs, a valid
//! registration form, staff accounts of employers and training providers, and requests with a bearer token.

use std::sync::atomic::{AtomicU32, Ordering};

use diesel_async::RunQueryDsl;
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::{TestApp, TestUser};

/// A NIK with a valid structure: issued in Balikpapan Utara (64 71 03), born on `day`.`month`.`year` (two-digit
/// year), 40 added to the day for a woman, and the given serial.
pub fn nik(day: u32, month: u32, year: u32, female: bool, serial: u32) -> String {
    let encoded_day = if female { day + 40 } else { day };
    format!(
        "647103{encoded_day:02}{month:02}{:02}{serial:04}",
        year % 100
    )
}

/// A NIK no other call in this test process has returned (a man born 17 August 1998, like the default form).
pub fn unique_nik() -> String {
    static SERIAL: AtomicU32 = AtomicU32::new(1);
    nik(17, 8, 1998, false, SERIAL.fetch_add(1, Ordering::Relaxed))
}

/// The Balikpapan kecamatan codes the reference data holds (Balikpapan Timur .. Balikpapan Kota).
pub const KECAMATAN: [&str; 6] = [
    "64.71.01", "64.71.02", "64.71.03", "64.71.04", "64.71.05", "64.71.06",
];

/// Welding units (SMAW 1G, 2G, 3G) and a heavy-equipment unit, all in the SKKNI reference data after
/// [`seed_reference_data`].
pub const WELDING_1G: &str = "C.251100.001.02";
pub const WELDING_2G: &str = "C.251100.002.02";
pub const WELDING_3G: &str = "C.251100.003.02";
pub const EXCAVATOR: &str = "F.439000.001.01";

/// Inserts the reference rows a seeker needs (the taxonomy area owns their API): the city and its kecamatan, two
/// KBJI occupations, a vocation and four SKKNI units.
pub async fn seed_reference_data(app: &TestApp) {
    let mut connection = app.db().await;
    for statement in [
        "INSERT INTO regions (code, name, kind) VALUES ('64.71', 'Kota Balikpapan', 'kota')",
        "INSERT INTO regions (code, name, kind, parent_code) VALUES \
         ('64.71.01', 'Balikpapan Timur', 'kecamatan', '64.71'), \
         ('64.71.02', 'Balikpapan Barat', 'kecamatan', '64.71'), \
         ('64.71.03', 'Balikpapan Utara', 'kecamatan', '64.71'), \
         ('64.71.04', 'Balikpapan Tengah', 'kecamatan', '64.71'), \
         ('64.71.05', 'Balikpapan Selatan', 'kecamatan', '64.71'), \
         ('64.71.06', 'Balikpapan Kota', 'kecamatan', '64.71')",
        "INSERT INTO occupations (code, title) VALUES ('7212.01', 'Juru las'), ('8342.01', 'Operator alat berat')",
        "INSERT INTO vocations (code, name) VALUES ('las', 'Las')",
        "INSERT INTO competency_units (code, title, vocation_code) VALUES \
         ('C.251100.001.02', 'Melakukan pengelasan SMAW posisi 1G', 'las'), \
         ('C.251100.002.02', 'Melakukan pengelasan SMAW posisi 2G', 'las'), \
         ('C.251100.003.02', 'Melakukan pengelasan SMAW posisi 3G', 'las'), \
         ('F.439000.001.01', 'Mengoperasikan excavator', NULL)",
    ] {
        // The test template already holds the reference data `serve` loads; these rows make sure of the ones
        // the seeker tests name.
        diesel::sql_query(format!("{statement} ON CONFLICT DO NOTHING"))
            .execute(&mut connection)
            .await
            .expect("reference data is inserted");
    }
}

/// A complete, valid self-registration form for `nik` and `email` (Siti-like data: a man born 17 August 1998 to
/// match [`unique_nik`]).
pub fn registration_form(nik: &str, email: &str) -> Value {
    json!({
        "nik": nik,
        "full_name": "Budi Santoso",
        "birth_place": "Balikpapan",
        "birth_date": "1998-08-17",
        "sex": "L",
        "address": "Jl. Soekarno-Hatta Km 5 RT 12",
        "domicile_region_code": "64.71.03",
        "education_level": "smk",
        "education_major": "Teknik Pengelasan",
        "education_school": "SMKN 2 Balikpapan",
        "graduation_year": 2016,
        "phone": "0812-5555-1234",
        "email": email,
        "preferred_occupations": ["7212.01"],
        "preferred_regions": ["balikpapan_barat", "64.71.05"],
        "preferred_employment_types": ["pkwt", "pkwtt"],
        "expected_wage_rupiah": 5_500_000,
        "driving_licences": ["C"],
        "consent_visible_to_employers": true,
        "consent_receive_alerts": false,
        "password": "las-listrik-2026",
    })
}

/// A registered seeker with a login.
pub struct RegisteredSeeker {
    pub id: String,
    pub nik: String,
    pub user: TestUser,
    pub token: String,
    /// The registration response's `seeker`.
    pub card: Value,
}

/// Registers a seeker online with [`registration_form`] changed by `adjust`, logs them in, and returns them.
pub async fn register_seeker_with(
    app: &TestApp,
    email: &str,
    adjust: impl FnOnce(&mut Value),
) -> RegisteredSeeker {
    let nik = unique_nik();
    let mut form = registration_form(&nik, email);
    adjust(&mut form);
    let nik = form["nik"].as_str().unwrap_or_default().to_string();
    let password = form["password"].as_str().unwrap_or_default().to_string();
    let response = app.post_json("/api/v1/seekers/register", &form).await;
    let status = response.status();
    let body: Value = response.json().await.expect("json");
    assert_eq!(status, 201, "the registration succeeds: {body}");
    let user = TestUser {
        id: uuid::Uuid::nil(),
        email: email.to_string(),
        password,
    };
    let token = app.login(&user).await;
    RegisteredSeeker {
        id: body["seeker"]["id"].as_str().expect("an id").to_string(),
        nik,
        user,
        token,
        card: body["seeker"].clone(),
    }
}

/// Registers a seeker online with the default form.
pub async fn register_seeker(app: &TestApp, email: &str) -> RegisteredSeeker {
    register_seeker_with(app, email, |_| {}).await
}

/// Creates a staff account of a new employer and logs it in; returns the token.
pub async fn employer_staff_token(app: &TestApp, email: &str) -> String {
    let mut connection = app.db().await;
    let employer_id = uuid::Uuid::now_v7();
    let nib: String = format!("{:013}", employer_id.as_u128() % 10_000_000_000_000);
    diesel::sql_query(
        "INSERT INTO industries (code, category, title) VALUES ('41011', 'F', 'Konstruksi gedung') \
         ON CONFLICT DO NOTHING",
    )
    .execute(&mut connection)
    .await
    .expect("an industry");
    diesel::sql_query(
        "INSERT INTO employers (id, name, legal_form, nib, kbli_code, address, contact_person_name, contact_phone) \
         VALUES ($1, 'PT Kariangau Teknik', 'pt', $2, '41011', 'Jl. Kariangau', 'Andi', '+6281311112222')",
    )
    .bind::<diesel::sql_types::Uuid, _>(employer_id)
    .bind::<diesel::sql_types::Text, _>(&nib)
    .execute(&mut connection)
    .await
    .expect("an employer");
    let user = create_staff(
        "employer",
        email,
        "employer_id",
        employer_id,
        &mut connection,
    )
    .await;
    app.login(&user).await
}

/// Creates a staff account of a new training provider (BLK) and logs it in; returns the token and the
/// provider's id.
pub async fn blk_staff_token(app: &TestApp, email: &str) -> (String, uuid::Uuid) {
    let mut connection = app.db().await;
    let provider_id = uuid::Uuid::now_v7();
    diesel::sql_query(
        "INSERT INTO training_providers (id, name, kind) VALUES ($1, $2, 'uptd_blk')",
    )
    .bind::<diesel::sql_types::Uuid, _>(provider_id)
    .bind::<diesel::sql_types::Text, _>(format!("LPK uji {email}"))
    .execute(&mut connection)
    .await
    .expect("a training provider");
    let user = create_staff(
        "blk",
        email,
        "training_provider_id",
        provider_id,
        &mut connection,
    )
    .await;
    (app.login(&user).await, provider_id)
}

async fn create_staff(
    role: &str,
    email: &str,
    organisation_column: &str,
    organisation_id: uuid::Uuid,
    connection: &mut diesel_async::AsyncPgConnection,
) -> TestUser {
    let password = format!("pw-{}", uuid::Uuid::new_v4().simple());
    let hash = jembatan_api::auth::hash_password(SecretString::from(password.clone()))
        .await
        .expect("the password hashes");
    let id = uuid::Uuid::now_v7();
    diesel::sql_query(format!(
        "INSERT INTO users (id, role, email, password_hash, full_name, {organisation_column}) \
         VALUES ($1, $2, $3, $4, 'Staf Uji', $5)"
    ))
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<diesel::sql_types::Text, _>(role)
    .bind::<diesel::sql_types::Text, _>(email)
    .bind::<diesel::sql_types::Text, _>(&hash)
    .bind::<diesel::sql_types::Uuid, _>(organisation_id)
    .execute(connection)
    .await
    .expect("the staff account is inserted");
    TestUser {
        id,
        email: email.to_string(),
        password,
    }
}

/// Creates an officer account and logs it in; returns the account and the token.
pub async fn officer_token(app: &TestApp, email: &str) -> (TestUser, String) {
    let officer = app.create_user("officer", email).await;
    let token = app.login(&officer).await;
    (officer, token)
}

/// A request with a bearer token and a JSON body.
pub async fn send_json_as(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: &Value,
) -> reqwest::Response {
    app.request(method, path)
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("the request is sent")
}

/// `POST` with a bearer token and a JSON body.
pub async fn post_json_as(
    app: &TestApp,
    token: &str,
    path: &str,
    body: &Value,
) -> reqwest::Response {
    send_json_as(app, reqwest::Method::POST, token, path, body).await
}

/// `DELETE` with a bearer token.
pub async fn delete_as(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.request(reqwest::Method::DELETE, path)
        .bearer_auth(token)
        .send()
        .await
        .expect("the request is sent")
}

/// A number from the test database (`SELECT count(*) …` and the like; the query must name its column `n`).
pub async fn count(app: &TestApp, query: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut connection = app.db().await;
    let found: Count = diesel::sql_query(query)
        .get_result(&mut connection)
        .await
        .expect("the count query runs");
    found.n
}

/// Runs a statement on the test database (arranging what another area owns, or moving dates).
pub async fn execute_sql(app: &TestApp, statement: &str) {
    let mut connection = app.db().await;
    diesel::sql_query(statement)
        .execute(&mut connection)
        .await
        .expect("the statement runs");
}
