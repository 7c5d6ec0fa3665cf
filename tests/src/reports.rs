//! Helpers for the report tests: records arranged with SQL (training, placements, applications, apprenticeships
//! and agreements belong to other areas; seekers and vacancies are written with their full status history at
//! chosen instants, which only SQL can do), and readers for the three formats.
//!
//! Instants are written as text with their offset, e.g. `2026-02-15 10:00+08` (WITA).

use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::{TestApp, TestUser};

/// Runs one statement of arranged data.
pub async fn execute(connection: &mut AsyncPgConnection, sql: &str) {
    diesel::sql_query(sql)
        .execute(connection)
        .await
        .unwrap_or_else(|error| panic!("arranging data failed: {error}\n{sql}"));
}

fn text(value: Option<&str>) -> String {
    value.map_or("NULL".to_string(), |value| format!("'{value}'"))
}

/// An officer account and its token.
pub async fn officer(app: &TestApp) -> (TestUser, String) {
    let user = app
        .create_user("officer", "petugas.laporan@disnaker.test")
        .await;
    let token = app.login(&user).await;
    (user, token)
}

/// An employer (pending verification unless `verified_by` is given) with main KBLI `kbli`.
pub async fn employer(
    connection: &mut AsyncPgConnection,
    n: u32,
    kbli: &str,
    verified_by: Option<Uuid>,
) -> Uuid {
    let id = Uuid::now_v7();
    let (status, at, by) = match verified_by {
        Some(officer) => (
            "verified",
            "'2025-12-01 09:00+08'".to_string(),
            format!("'{officer}'"),
        ),
        None => ("pending", "NULL".to_string(), "NULL".to_string()),
    };
    execute(
        connection,
        &format!(
            "INSERT INTO employers (id, name, legal_form, nib, kbli_code, address, region_code, contact_person_name,
                                    contact_phone, verification_status, verified_at, verified_by)
             VALUES ('{id}', 'PT Uji Laporan {n}', 'pt', '8800000{n:06}', '{kbli}', 'Jl. Jenderal Sudirman {n}', '64.71.05',
                     'Rina', '+6281255550101', '{status}', {at}, {by})",
        ),
    )
    .await;
    id
}

/// A staff account of `employer` (for fill reports made by the employer).
pub async fn employer_user(connection: &mut AsyncPgConnection, employer: Uuid, n: u32) -> Uuid {
    let id = Uuid::now_v7();
    execute(
        connection,
        &format!(
            "INSERT INTO users (id, role, email, password_hash, full_name, employer_id)
             VALUES ('{id}', 'employer', 'hrd{n}@uji-laporan.test', '$argon2id$v=19$m=19456,t=2,p=1$x$y', 'HRD', '{employer}')"
        ),
    )
    .await;
    id
}

/// A seeker as the statistics keep it (personal data erased: the report never needs it), with the status history
/// `changes` = (to status, instant). The first change is the registration; the card's registration date is the
/// local date of the last entry into `active`.
pub struct SeekerSpec<'a> {
    pub registration_number: &'a str,
    pub sex: &'a str,
    pub birth_year: i32,
    pub education: &'a str,
    pub region: &'a str,
    pub has_disability: bool,
    pub changes: &'a [(&'a str, &'a str)],
}

/// Inserts a seeker and its history.
pub async fn seeker(connection: &mut AsyncPgConnection, spec: &SeekerSpec<'_>) -> Uuid {
    let id = Uuid::now_v7();
    let last_status = spec.changes.last().map_or("active", |change| change.0);
    let registered_at = spec
        .changes
        .iter()
        .rev()
        .find(|change| change.0 == "active")
        .map_or("2026-01-01 10:00+08", |change| change.1);
    let removed_reason = if last_status == "removed" {
        "'diminta pencari kerja'"
    } else {
        "NULL"
    };
    execute(
        connection,
        &format!(
            "INSERT INTO seekers (id, registration_number, birth_year, sex, domicile_region_code, education_level,
                                  has_disability, consent_recorded_at, registered_on, valid_until, last_reported_on,
                                  next_report_due_on, status, removed_reason, erased_at)
             SELECT '{id}', '{number}', {birth_year}, '{sex}', '{region}', '{education}', {disability},
                    r, r::date, (r::date + interval '24 months')::date, r::date,
                    (r::date + interval '6 months')::date, '{last_status}', {removed_reason}, now()
             FROM (SELECT ('{registered_at}'::timestamptz AT TIME ZONE 'Asia/Makassar') AS r) registered",
            number = spec.registration_number,
            birth_year = spec.birth_year,
            sex = spec.sex,
            region = spec.region,
            education = spec.education,
            disability = spec.has_disability,
        ),
    )
    .await;
    let mut from: Option<&str> = None;
    for (to, at) in spec.changes {
        execute(
            connection,
            &format!(
                "INSERT INTO seeker_status_changes (seeker_id, from_status, to_status, at, sex, birth_year,
                                                    education_level, domicile_region_code)
                 VALUES ('{id}', {from}, '{to}', '{at}', '{sex}', {birth_year}, '{education}', '{region}')",
                from = text(from),
                sex = spec.sex,
                birth_year = spec.birth_year,
                education = spec.education,
                region = spec.region,
            ),
        )
        .await;
        from = Some(to);
    }
    id
}

/// A vacancy with its status history: `changes` = (to status, instant, filled count at that moment).
pub struct VacancySpec<'a> {
    pub employer: Uuid,
    pub employer_kbli: &'a str,
    pub created_by: Uuid,
    pub verified_by: Uuid,
    pub headcount: i32,
    pub sex_requirement: Option<&'a str>,
    pub min_education: Option<&'a str>,
    pub kbji: &'a str,
    pub region: &'a str,
    pub valid_from: &'a str,
    pub valid_until: &'a str,
    pub changes: &'a [(&'a str, &'a str, i32)],
    /// The actor of the last change when it is not the creator (e.g. the system for an expiry: `None`).
    pub last_actor: Option<Option<Uuid>>,
    /// Required SKKNI units.
    pub units: &'a [&'a str],
}

/// Inserts a vacancy in the state its last change left it, and its history (from `draft`).
pub async fn vacancy(connection: &mut AsyncPgConnection, spec: &VacancySpec<'_>) -> Uuid {
    let id = Uuid::now_v7();
    let at_of = |status: &str| {
        spec.changes
            .iter()
            .rev()
            .find(|change| change.0 == status)
            .map_or("NULL".to_string(), |change| format!("'{}'", change.1))
    };
    let (last_status, _, last_filled) = spec.changes.last().copied().unwrap_or(("draft", "", 0));
    let closed_reason = if last_status == "closed" {
        "'ditutup'"
    } else {
        "NULL"
    };
    let verified = at_of("verified");
    let verified_by = if verified == "NULL" {
        "NULL".to_string()
    } else {
        format!("'{}'", spec.verified_by)
    };
    execute(
        connection,
        &format!(
            "INSERT INTO vacancies (id, employer_id, title, description, kbji_code, headcount, filled_count, valid_from,
                                    valid_until, min_education, employment_type, wage_min_rupiah, wage_period,
                                    region_code, sex_requirement, flags_justification, status, reported_at,
                                    verified_at, verified_by, published_at, filled_at, closed_at, closed_reason,
                                    expired_at, created_by)
             VALUES ('{id}', '{employer}', 'Lowongan uji', 'Uraian', '{kbji}', {headcount}, {last_filled},
                     '{valid_from}', '{valid_until}', {min_education}, 'pkwt', 4000000, 'bulanan', '{region}', {sex},
                     {justification}, '{last_status}', {reported}, {verified}, {verified_by}, {published}, {filled},
                     {closed}, {closed_reason}, {expired}, '{created_by}')",
            employer = spec.employer,
            kbji = spec.kbji,
            headcount = spec.headcount,
            valid_from = spec.valid_from,
            valid_until = spec.valid_until,
            min_education = text(spec.min_education),
            region = spec.region,
            sex = text(spec.sex_requirement),
            justification = if spec.sex_requirement.is_some() {
                "'pekerjaan memerlukannya'"
            } else {
                "NULL"
            },
            reported = at_of("reported"),
            published = at_of("open"),
            filled = at_of("filled"),
            closed = at_of("closed"),
            expired = at_of("expired"),
            created_by = spec.created_by,
        ),
    )
    .await;
    for unit in spec.units {
        execute(
            connection,
            &format!(
                "INSERT INTO vacancy_units (vacancy_id, unit_code, requirement) VALUES ('{id}', '{unit}', 'required')"
            ),
        )
        .await;
    }
    let mut from = "draft";
    execute(
        connection,
        &format!(
            "INSERT INTO vacancy_status_changes (vacancy_id, from_status, to_status, actor_user_id, at, headcount,
                                                 filled_count, sex_requirement, min_education, kbji_code, kbli_code,
                                                 region_code)
             VALUES ('{id}', NULL, 'draft', '{creator}', '{first_at}'::timestamptz - interval '1 day', {headcount}, 0,
                     {sex}, {min_education}, '{kbji}', '{kbli}', '{region}')",
            creator = spec.created_by,
            first_at = spec.changes.first().map_or("2026-01-01 00:00+08", |change| change.1),
            headcount = spec.headcount,
            sex = text(spec.sex_requirement),
            min_education = text(spec.min_education),
            kbji = spec.kbji,
            kbli = spec.employer_kbli,
            region = spec.region,
        ),
    )
    .await;
    for (index, (to, at, filled)) in spec.changes.iter().enumerate() {
        let is_last = index + 1 == spec.changes.len();
        let actor = match (is_last, spec.last_actor) {
            (true, Some(actor)) => actor.map_or("NULL".to_string(), |actor| format!("'{actor}'")),
            _ if *to == "verified" => format!("'{}'", spec.verified_by),
            _ => format!("'{}'", spec.created_by),
        };
        execute(
            connection,
            &format!(
                "INSERT INTO vacancy_status_changes (vacancy_id, from_status, to_status, actor_user_id, at, headcount,
                                                     filled_count, sex_requirement, min_education, kbji_code,
                                                     kbli_code, region_code)
                 VALUES ('{id}', '{from}', '{to}', {actor}, '{at}', {headcount}, {filled}, {sex}, {min_education},
                         '{kbji}', '{kbli}', '{region}')",
                headcount = spec.headcount,
                sex = text(spec.sex_requirement),
                min_education = text(spec.min_education),
                kbji = spec.kbji,
                kbli = spec.employer_kbli,
                region = spec.region,
            ),
        )
        .await;
        from = to;
    }
    id
}

/// A placement recorded by `officer` at instant `recorded_at` (channel `counter`, with evidence).
pub struct PlacementSpec<'a> {
    pub seeker: Uuid,
    pub vacancy: Option<Uuid>,
    pub employer: Option<Uuid>,
    pub employer_name: &'a str,
    pub kbji: &'a str,
    pub kbli: Option<&'a str>,
    pub start_date: &'a str,
    pub report_month: &'a str,
    pub recorded_at: &'a str,
    pub recorded_by: Uuid,
}

/// Inserts a placement and returns its id.
pub async fn placement(connection: &mut AsyncPgConnection, spec: &PlacementSpec<'_>) -> Uuid {
    let id = Uuid::now_v7();
    let uuid_or_null =
        |value: Option<Uuid>| value.map_or("NULL".to_string(), |value| format!("'{value}'"));
    execute(
        connection,
        &format!(
            "INSERT INTO placements (id, seeker_id, vacancy_id, employer_id, employer_name, kbji_code, kbli_code,
                                     start_date, employment_type, wage_rupiah, wage_period, channel, evidence,
                                     recorded_by, report_month, created_at, updated_at)
             VALUES ('{id}', '{seeker}', {vacancy}, {employer}, '{employer_name}', '{kbji}', {kbli}, '{start}', 'pkwt',
                     4200000, 'bulanan', 'counter', 'SK-{short}', '{by}', '{month}', '{at}', '{at}')",
            seeker = spec.seeker,
            vacancy = uuid_or_null(spec.vacancy),
            employer = uuid_or_null(spec.employer),
            employer_name = spec.employer_name,
            kbji = spec.kbji,
            kbli = text(spec.kbli),
            start = spec.start_date,
            short = &id.simple().to_string()[24..],
            by = spec.recorded_by,
            month = spec.report_month,
            at = spec.recorded_at,
        ),
    )
    .await;
    id
}

/// `GET` a report as JSON with `token`, asserting 200.
pub async fn report_json(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.get_as(token, path).await;
    let status = response.status();
    let body = response.text().await.expect("a body");
    assert_eq!(status, 200, "GET {path} answers 200, got {status}: {body}");
    serde_json::from_str(&body).expect("a JSON report")
}

/// `GET` a report's bytes with `token` and an `Accept` header, asserting 200 and the content type.
pub async fn report_bytes(
    app: &TestApp,
    token: &str,
    path: &str,
    accept: &str,
) -> (String, Vec<u8>) {
    let response = app
        .request(reqwest::Method::GET, path)
        .bearer_auth(token)
        .header("Accept", accept)
        .send()
        .await
        .expect("the request is sent");
    assert_eq!(response.status(), 200, "GET {path} as {accept}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_string();
    (
        content_type,
        response.bytes().await.expect("a body").to_vec(),
    )
}
