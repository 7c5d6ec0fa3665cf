//! Helpers for the reference-data tests: writing as a logged-in user and reading lists of codes.

use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};

use crate::TestApp;

impl TestApp {
    /// Logs in a new officer and returns the token.
    pub async fn officer_token(&self) -> String {
        let email = format!("officer-{}@disnaker.test", uuid::Uuid::new_v4().simple());
        let officer = self.create_user("officer", &email).await;
        self.login(&officer).await
    }

    /// Logs in a new member of staff of a new employer (arranged with SQL: employers are another area) and returns
    /// the token.
    pub async fn employer_staff_token(&self) -> String {
        let mut connection = self.db().await;
        let employer_id = uuid::Uuid::now_v7();
        diesel::sql_query(
            "INSERT INTO industries (code, category, title) VALUES ('41011', 'F', 'Konstruksi Gedung Hunian') \
             ON CONFLICT DO NOTHING",
        )
        .execute(&mut connection)
        .await
        .expect("the industry is inserted");
        diesel::sql_query(
            "INSERT INTO employers (id, name, legal_form, nib, kbli_code, address, contact_person_name, contact_phone) \
             VALUES ($1, 'PT Uji Konstruksi', 'pt', lpad(floor(random() * 1e13)::bigint::text, 13, '0'), '41011', \
                     'Jl. Jenderal Sudirman 1', 'Budi', '+6281234567890')",
        )
        .bind::<diesel::sql_types::Uuid, _>(employer_id)
        .execute(&mut connection)
        .await
        .expect("the employer is inserted");
        let email = format!("hrd-{}@pt-uji.test", uuid::Uuid::new_v4().simple());
        let staff = self.create_user("seeker", &email).await;
        diesel::sql_query("UPDATE users SET role = 'employer', employer_id = $1 WHERE id = $2")
            .bind::<diesel::sql_types::Uuid, _>(employer_id)
            .bind::<diesel::sql_types::Uuid, _>(staff.id)
            .execute(&mut connection)
            .await
            .expect("the user becomes employer staff");
        self.login(&staff).await
    }

    /// Logs in a new job seeker and returns the token.
    pub async fn seeker_token(&self) -> String {
        let email = format!("seeker-{}@example.id", uuid::Uuid::new_v4().simple());
        let seeker = self.create_user("seeker", &email).await;
        self.login(&seeker).await
    }

    /// `POST` a JSON body, with a bearer token when one is given.
    pub async fn post_json_as(
        &self,
        token: Option<&str>,
        path: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.send_as(token, self.request(Method::POST, path).json(body))
            .await
    }

    /// `PUT` a JSON body, with a bearer token when one is given.
    pub async fn put_json_as(
        &self,
        token: Option<&str>,
        path: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.send_as(token, self.request(Method::PUT, path).json(body))
            .await
    }

    /// `POST` a CSV file (`text/csv`), with a bearer token when one is given.
    pub async fn post_csv_as(
        &self,
        token: Option<&str>,
        path: &str,
        csv: &str,
    ) -> reqwest::Response {
        let request = self
            .request(Method::POST, path)
            .header("content-type", "text/csv")
            .body(csv.to_string());
        self.send_as(token, request).await
    }

    async fn send_as(
        &self,
        token: Option<&str>,
        request: reqwest::RequestBuilder,
    ) -> reqwest::Response {
        let request = match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        request.send().await.expect("the request is sent")
    }

    /// Creates a vocation (kejuruan) through the API.
    pub async fn create_vocation(&self, token: &str, code: &str, name: &str) {
        let response = self
            .post_json_as(
                Some(token),
                "/api/v1/vocations",
                &json!({ "code": code, "name": name }),
            )
            .await;
        assert_eq!(response.status(), 201, "the vocation {code} is created");
    }

    /// Creates a competency unit through the API.
    pub async fn create_unit(
        &self,
        token: &str,
        code: &str,
        title: &str,
        vocation_code: Option<&str>,
        synonyms: &[&str],
    ) {
        let response = self
            .post_json_as(
                Some(token),
                "/api/v1/competency-units",
                &json!({ "code": code, "title": title, "vocation_code": vocation_code, "synonyms": synonyms }),
            )
            .await;
        assert_eq!(response.status(), 201, "the unit {code} is created");
    }

    /// `GET` a list and return its body, asserting 200.
    pub async fn list(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("json")
    }
}

/// The `code` of every item of a page, in order.
pub fn codes(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("a page has items")
        .iter()
        .map(|item| {
            item["code"]
                .as_str()
                .expect("an item has a code")
                .to_string()
        })
        .collect()
}

/// The `field` of every error of a problem body, in order.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| error["field"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A server whose code tables start empty (the template holds the reference data `serve` loads), so taxonomy
/// tests control every row they rank and page through.
pub async fn spawn_app_with_empty_code_tables() -> TestApp {
    let app = crate::spawn_app().await;
    let mut connection = app.db().await;
    crate::empty_code_tables(&mut connection).await;
    app
}
