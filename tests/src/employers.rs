//! Helpers for tests that need employers.

use serde_json::{Value, json};

use crate::TestApp;

/// A valid registration body; `n` varies the NIB and e-mail so several employers can register.
pub fn registration_body(n: u32) -> Value {
    json!({
        "employer": {
            "name": format!("PT Kariangau Teknik {n}"),
            "legal_form": "pt",
            "nib": format!("91203{n:08}"),
            "npwp": "01.234.567.8-901.000",
            "kbli_code": "42101",
            "address": "Jl. Sultan Hasanuddin No. 12, Kariangau",
            "region_code": "64.71.05",
            "contact_person_name": "Rina Wulandari",
            "contact_phone": "0812-5555-0101",
            "contact_email": "hrd@kariangau-teknik.co.id",
            "company_size": "menengah",
        },
        "account": {
            "email": format!("hrd{n}@kariangau-teknik.co.id"),
            "password": "rahasia-hrd-2026",
            "full_name": "Rina Wulandari",
        }
    })
}

/// A registered employer with its token and current ETag.
pub struct RegisteredEmployer {
    pub id: String,
    pub token: String,
    pub etag: String,
}

/// Registers employer `n` through the API and logs its first staff member in.
pub async fn register_employer(app: &TestApp, n: u32) -> RegisteredEmployer {
    let body = registration_body(n);
    let response = app.post_json("/api/v1/employers/register", &body).await;
    assert_eq!(response.status(), 201, "registration succeeds");
    let etag = response.headers()["etag"]
        .to_str()
        .expect("ascii")
        .to_string();
    let created: Value = response.json().await.expect("json");
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": body["account"]["email"], "password": body["account"]["password"] }),
        )
        .await;
    let login: Value = login.json().await.expect("json");
    RegisteredEmployer {
        id: created["employer"]["id"].as_str().expect("id").to_string(),
        token: login["token"].as_str().expect("token").to_string(),
        etag,
    }
}
