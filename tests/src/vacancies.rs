//! Support for the vacancy tests: reference rows, employers and their staff made with SQL (employer registration
//! and the taxonomy are other areas), a valid vacancy body, and shortcuts through the vacancy lifecycle over HTTP.

use chrono::{Days, NaiveDate};
use diesel::sql_types::{Nullable, Text, Uuid as SqlUuid};
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};
use jembatan_domain::ids::EmployerId;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{TestApp, TestUser};

/// Kecamatan codes of the test reference data.
pub const BALIKPAPAN_TIMUR: &str = "64.71.01";
pub const BALIKPAPAN_BARAT: &str = "64.71.02";
pub const BALIKPAPAN_UTARA: &str = "64.71.03";
pub const BALIKPAPAN_SELATAN: &str = "64.71.05";

/// Regions (the city and its six kecamatan), occupations, industries and SKKNI units the vacancy tests use.
/// Safe to call more than once.
pub async fn seed_reference_data(app: &TestApp) {
    let mut connection = app.db().await;
    connection
        .batch_execute(
            "INSERT INTO regions (code, name, kind, parent_code) VALUES \
               ('64.71', 'Kota Balikpapan', 'kota', NULL) ON CONFLICT DO NOTHING; \
             INSERT INTO regions (code, name, kind, parent_code) VALUES \
               ('64.71.01', 'Balikpapan Timur', 'kecamatan', '64.71'), \
               ('64.71.02', 'Balikpapan Barat', 'kecamatan', '64.71'), \
               ('64.71.03', 'Balikpapan Utara', 'kecamatan', '64.71'), \
               ('64.71.04', 'Balikpapan Tengah', 'kecamatan', '64.71'), \
               ('64.71.05', 'Balikpapan Selatan', 'kecamatan', '64.71'), \
               ('64.71.06', 'Balikpapan Kota', 'kecamatan', '64.71') \
             ON CONFLICT DO NOTHING; \
             INSERT INTO occupations (code, title, title_en) VALUES \
               ('7212.01', 'Juru Las', 'Welder'), \
               ('8342.01', 'Operator Alat Berat', 'Earthmoving plant operator'), \
               ('7411.01', 'Teknisi Listrik Bangunan', 'Building electrician'), \
               ('5120.01', 'Juru Masak', 'Cook'), \
               ('2512.01', 'Pengembang Perangkat Lunak', 'Software developer') \
             ON CONFLICT DO NOTHING; \
             INSERT INTO industries (code, category, title) VALUES \
               ('41011', 'F', 'Konstruksi gedung hunian'), \
               ('06100', 'B', 'Pertambangan minyak bumi'), \
               ('55110', 'I', 'Hotel bintang'), \
               ('62019', 'J', 'Aktivitas pemrograman komputer lainnya') \
             ON CONFLICT DO NOTHING; \
             INSERT INTO competency_units (code, title) VALUES \
               ('C.251100.001.01', 'Melakukan pengelasan pelat dengan proses las busur manual'), \
               ('C.251100.002.01', 'Melakukan pengelasan pipa dengan proses las busur manual'), \
               ('F.439900.001.01', 'Mengoperasikan excavator'), \
               ('J.620100.005.02', 'Mengimplementasikan user interface') \
             ON CONFLICT DO NOTHING;",
        )
        .await
        .expect("the reference data is inserted");
}

/// An employer in industry KBLI 41011 (construction) with `verification_status` (`pending`, `verified`,
/// `rejected` or `suspended`).
pub async fn create_employer(app: &TestApp, verification_status: &str) -> EmployerId {
    create_employer_in_industry(app, verification_status, "41011").await
}

/// An employer in industry `kbli_code` (one of the seeded industries) with `verification_status`.
pub async fn create_employer_in_industry(
    app: &TestApp,
    verification_status: &str,
    kbli_code: &str,
) -> EmployerId {
    seed_reference_data(app).await;
    let id = EmployerId::new();
    let nib = format!("{:013}", id.into_inner().as_u128() % 10_u128.pow(13));
    let mut connection = app.db().await;
    diesel::sql_query(
        "INSERT INTO employers (id, name, legal_form, nib, kbli_code, address, region_code, contact_person_name, \
                                contact_phone, website) \
         VALUES ($1, $2, 'pt', $3, $4, 'Jl. Mulawarman No. 1', '64.71.01', 'Andi Saputra', '+6281234567890', \
                 'https://contoh.co.id')",
    )
    .bind::<SqlUuid, _>(id.into_inner())
    .bind::<Text, _>(format!("PT Uji {}", &nib[9..]))
    .bind::<Text, _>(&nib)
    .bind::<Text, _>(kbli_code)
    .execute(&mut connection)
    .await
    .expect("the employer is inserted");
    set_employer_verification(app, id, verification_status).await;
    id
}

/// Sets an employer's verification status as an officer would (with the officer and a note where the schema
/// asks for them).
pub async fn set_employer_verification(app: &TestApp, employer_id: EmployerId, status: &str) {
    let officer = app
        .create_user(
            "officer",
            &format!("verifier-{}@disnaker.test", Uuid::now_v7().simple()),
        )
        .await;
    let mut connection = app.db().await;
    diesel::sql_query(
        "UPDATE employers SET verification_status = $2, \
             verified_at = CASE WHEN $2 = 'verified' THEN now() END, \
             verified_by = CASE WHEN $2 = 'verified' THEN $3 END, \
             verification_note = CASE WHEN $2 IN ('rejected', 'suspended') THEN 'Dokumen NIB tidak sesuai' END \
         WHERE id = $1",
    )
    .bind::<SqlUuid, _>(employer_id.into_inner())
    .bind::<Text, _>(status)
    .bind::<SqlUuid, _>(officer.id)
    .execute(&mut connection)
    .await
    .expect("the employer's verification is set");
}

/// A staff account (role `employer`) of `employer_id`, with a known password.
pub async fn create_employer_user(app: &TestApp, employer_id: EmployerId, email: &str) -> TestUser {
    let password = format!("pw-{}", Uuid::new_v4().simple());
    let hash = jembatan_api::auth::hash_password(SecretString::from(password.clone()))
        .await
        .expect("the password hashes");
    let id = Uuid::now_v7();
    let mut connection = app.db().await;
    diesel::sql_query(
        "INSERT INTO users (id, role, email, password_hash, full_name, employer_id) \
         VALUES ($1, 'employer', $2, $3, 'Staf HRD', $4)",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Text, _>(email)
    .bind::<Text, _>(&hash)
    .bind::<Nullable<SqlUuid>, _>(Some(employer_id.into_inner()))
    .execute(&mut connection)
    .await
    .expect("the employer user is inserted");
    TestUser {
        id,
        email: email.to_string(),
        password,
    }
}

/// A verified or pending employer with one logged-in staff member.
pub struct EmployerStaff {
    pub employer_id: EmployerId,
    pub user: TestUser,
    pub token: String,
}

/// An employer with `verification_status` and a logged-in staff member.
pub async fn employer_with_staff(app: &TestApp, verification_status: &str) -> EmployerStaff {
    employer_in_industry_with_staff(app, verification_status, "41011").await
}

/// An employer of industry `kbli_code` with `verification_status` and a logged-in staff member.
pub async fn employer_in_industry_with_staff(
    app: &TestApp,
    verification_status: &str,
    kbli_code: &str,
) -> EmployerStaff {
    let employer_id = create_employer_in_industry(app, verification_status, kbli_code).await;
    let user = create_employer_user(
        app,
        employer_id,
        &format!("hrd-{}@contoh.co.id", Uuid::now_v7().simple()),
    )
    .await;
    let token = app.login(&user).await;
    EmployerStaff {
        employer_id,
        user,
        token,
    }
}

/// A logged-in officer.
pub async fn officer_token(app: &TestApp) -> String {
    let officer = app
        .create_user(
            "officer",
            &format!("officer-{}@disnaker.test", Uuid::now_v7().simple()),
        )
        .await;
    app.login(&officer).await
}

/// Today in Balikpapan, as the service counts validity.
pub fn today() -> NaiveDate {
    jembatan_api::vacancy_expiry::balikpapan_today()
}

/// `today` plus `days`.
pub fn days_from_today(days: u64) -> NaiveDate {
    today()
        .checked_add_days(Days::new(days))
        .expect("a date in range")
}

/// A complete, valid vacancy body: a welder in Balikpapan Barat, valid from today for 60 days.
pub fn welder_vacancy() -> Value {
    json!({
        "title": "Juru Las SMAW",
        "description": "Pengelasan pipa dan pelat di bengkel fabrikasi Kariangau.",
        "requirements": "SMK teknik pengelasan, sertifikat las SMAW dari LSP, pengalaman 1 tahun.",
        "headcount": 3,
        "valid_from": today(),
        "valid_until": days_from_today(60),
        "employment_type": "pkwt",
        "wage_min_rupiah": 4_500_000,
        "wage_max_rupiah": 6_000_000,
        "wage_period": "bulanan",
        "region_code": BALIKPAPAN_BARAT,
        "location_detail": "Jl. Sultan Hasanuddin, Kariangau",
        "kbji_code": "7212.01",
        "min_education": "smk",
        "education_major": "Teknik Pengelasan",
        "min_experience_months": 12,
        "driving_licences": ["C"],
        "units": [
            { "unit_code": "C.251100.001.01", "requirement": "required", "min_evidence_level": "certified" },
            { "unit_code": "C.251100.002.01", "requirement": "optional" }
        ],
        "accepted_certification_schemes": ["Skema Juru Las SMAW 3G"],
        "reserved_disability_openings": 1,
        "how_to_apply": "Lamar melalui Jembatan atau datang ke sesi wawancara langsung.",
        "blind_review": true,
        "walk_in_sessions": [{
            "starts_at": format!("{}T01:00:00Z", days_from_today(7)),
            "ends_at": format!("{}T05:00:00Z", days_from_today(7)),
            "venue": "Kantor Disnaker Kota Balikpapan",
            "region_code": "balikpapan_kota",
            "notes": "Bawa CV dan sertifikat asli"
        }]
    })
}

/// What came back from a request: status, `ETag` and the JSON body (`Null` when there is none).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

impl Reply {
    /// The `ETag`, which every successful vacancy response carries.
    pub fn etag(&self) -> String {
        self.etag.clone().expect("the response has an ETag")
    }

    /// The id in the body.
    pub fn id(&self) -> Uuid {
        self.body["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .expect("the body has an id")
    }

    /// The `field` of every validation error.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|error| error["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Sends a request with an optional bearer token, `If-Match` and JSON body.
pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    if_match: Option<&str>,
    body: Option<&Value>,
) -> Reply {
    let mut request = app.request(method, path).header("accept-language", "en");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(etag) = if_match {
        request = request.header("if-match", etag);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("the request is sent");
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
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        etag,
        content_type,
        body,
    }
}

/// Creates a draft as the employer; asserts 201.
pub async fn create_draft(app: &TestApp, token: &str, body: &Value) -> Reply {
    let reply = call(
        app,
        Method::POST,
        "/api/v1/vacancies",
        Some(token),
        None,
        Some(body),
    )
    .await;
    assert_eq!(reply.status, 201, "the draft is created: {}", reply.body);
    reply
}

/// `POST /api/v1/vacancies/{id}/{action}` with `If-Match`.
pub async fn act(
    app: &TestApp,
    token: &str,
    id: Uuid,
    action: &str,
    etag: &str,
    body: Option<&Value>,
) -> Reply {
    call(
        app,
        Method::POST,
        &format!("/api/v1/vacancies/{id}/{action}"),
        Some(token),
        Some(etag),
        body,
    )
    .await
}

/// `act`, asserting 200 and the new status.
pub async fn act_ok(
    app: &TestApp,
    token: &str,
    id: Uuid,
    action: &str,
    etag: &str,
    body: Option<&Value>,
    expected_status: &str,
) -> Reply {
    let reply = act(app, token, id, action, etag, body).await;
    assert_eq!(reply.status, 200, "{action} succeeds: {}", reply.body);
    assert_eq!(reply.body["status"], expected_status);
    reply
}

/// Creates `body` as the employer and takes it through report, verification (by the officer) and publication.
pub async fn open_vacancy(
    app: &TestApp,
    employer_token: &str,
    officer: &str,
    body: &Value,
) -> Reply {
    let draft = create_draft(app, employer_token, body).await;
    let id = draft.id();
    let reported = act_ok(
        app,
        employer_token,
        id,
        "report",
        &draft.etag(),
        None,
        "reported",
    )
    .await;
    let verified = act_ok(
        app,
        officer,
        id,
        "verify",
        &reported.etag(),
        None,
        "verified",
    )
    .await;
    act_ok(
        app,
        employer_token,
        id,
        "publish",
        &verified.etag(),
        None,
        "open",
    )
    .await
}

/// How many rows `sql` (a `SELECT count(*) AS count ...`) counts.
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        count: i64,
    }
    let mut connection = app.db().await;
    let row: Count = diesel::sql_query(sql)
        .get_result(&mut connection)
        .await
        .expect("the count runs");
    row.count
}

/// Runs SQL statements against the test database.
pub async fn execute(app: &TestApp, sql: &str) {
    let mut connection = app.db().await;
    connection
        .batch_execute(sql)
        .await
        .expect("the statements run");
}
