//! The labour-office reports against small data sets whose right answer was counted by hand.
//!
//! The IPK data set (instants in WITA), seekers:
//! - S1 L sma born 2000, Balikpapan Timur (64.71.01): registered 10 Jan, still active.
//! - S2 P smk born 2005, Timur: registered 20 Jan, placed 15 Feb.
//! - S3 L s1 born 1990, Barat (64.71.02): registered 5 Dec 2025, removed 25 Jan.
//! - S4 P sma born 1980, Barat: registered 3 Feb, placed 10 Feb, registered again 20 Feb, removed 27 Feb.
//! - S5 L smp born 2005, Timur: registered 31 Jan 2024 (age 19); the card lapses at midnight after 31 Jan 2026
//!   with nothing recorded: removed in February.
//! - S6 P d3 born 1970, Barat: registered 1 Mar 07:00 WITA (still 28 Feb in UTC): counted in March.
//!
//! Vacancies (openings), employers E1 (KBLI 41011, category F) and E2 (55110, category I):
//! - V1 E1, 3 openings, any sex, smk, KBJI 7212.01, Timur: verified 6 Jan; placements recorded 20 Jan and
//!   15 Feb; the employer reports it filled with 3 on 10 Mar (one hire outside the system).
//! - V2 E2, 2 openings for women (P), sma, KBJI 5120.01, Barat: reported 10 Jan, verified 2 Feb, expired 28 Feb
//!   unfilled.
//! - V3 E1, 5 openings for men (L), no minimum education, 7212.01, Timur: reported 10 Feb, returned, reported
//!   again, verified 14 Feb; a placement recorded 5 Mar; closed 20 Mar.
//! - V4 E2: reported 12 Feb and closed without ever being verified: never on the register.

use jembatan_tests::reports::{
    PlacementSpec, SeekerSpec, VacancySpec, employer, employer_user, execute, officer, placement,
    report_bytes, report_json, seeker, vacancy,
};
use jembatan_tests::{TestApp, spawn_app};
use serde_json::{Value, json};
use uuid::Uuid;

const TIMUR: &str = "64.71.01";
const BARAT: &str = "64.71.02";
const KOTA: &str = "64.71.06";

struct IpkData {
    officer: Uuid,
    token: String,
}

async fn arrange_ipk(app: &TestApp) -> IpkData {
    let (officer_user, token) = officer(app).await;
    let officer_id = officer_user.id;
    let mut db = app.db().await;
    let s1 = seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S1",
            sex: "L",
            birth_year: 2000,
            education: "sma",
            region: TIMUR,
            has_disability: false,
            changes: &[("active", "2026-01-10 09:00+08")],
        },
    )
    .await;
    let s2 = seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S2",
            sex: "P",
            birth_year: 2005,
            education: "smk",
            region: TIMUR,
            has_disability: false,
            changes: &[
                ("active", "2026-01-20 09:00+08"),
                ("placed", "2026-02-15 11:00+08"),
            ],
        },
    )
    .await;
    seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S3",
            sex: "L",
            birth_year: 1990,
            education: "s1",
            region: BARAT,
            has_disability: false,
            changes: &[
                ("active", "2025-12-05 09:00+08"),
                ("removed", "2026-01-25 09:00+08"),
            ],
        },
    )
    .await;
    seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S4",
            sex: "P",
            birth_year: 1980,
            education: "sma",
            region: BARAT,
            has_disability: false,
            changes: &[
                ("active", "2026-02-03 09:00+08"),
                ("placed", "2026-02-10 09:00+08"),
                ("active", "2026-02-20 09:00+08"),
                ("removed", "2026-02-27 09:00+08"),
            ],
        },
    )
    .await;
    seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S5",
            sex: "L",
            birth_year: 2005,
            education: "smp",
            region: TIMUR,
            has_disability: false,
            changes: &[("active", "2024-01-31 10:00+08")],
        },
    )
    .await;
    seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S6",
            sex: "P",
            birth_year: 1970,
            education: "d3",
            region: BARAT,
            has_disability: false,
            changes: &[("active", "2026-03-01 07:00+08")],
        },
    )
    .await;
    // Someone placed who is not on this city's register (no AK/I history here).
    let outsider = seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S7",
            sex: "L",
            birth_year: 1995,
            education: "smk",
            region: KOTA,
            has_disability: false,
            changes: &[],
        },
    )
    .await;
    let e1 = employer(&mut db, 1, "41011", Some(officer_id)).await;
    let e2 = employer(&mut db, 2, "55110", Some(officer_id)).await;
    let e1_staff = employer_user(&mut db, e1, 1).await;
    let e2_staff = employer_user(&mut db, e2, 2).await;
    let v1 = vacancy(
        &mut db,
        &VacancySpec {
            employer: e1,
            employer_kbli: "41011",
            created_by: e1_staff,
            verified_by: officer_id,
            headcount: 3,
            sex_requirement: None,
            min_education: Some("smk"),
            kbji: "7212.01",
            region: TIMUR,
            valid_from: "2026-01-05",
            valid_until: "2026-04-30",
            changes: &[
                ("reported", "2026-01-05 10:00+08", 0),
                ("verified", "2026-01-06 10:00+08", 0),
                ("open", "2026-01-07 10:00+08", 0),
                ("filled", "2026-03-10 10:00+08", 3),
            ],
            last_actor: None,
            units: &[],
        },
    )
    .await;
    vacancy(
        &mut db,
        &VacancySpec {
            employer: e2,
            employer_kbli: "55110",
            created_by: e2_staff,
            verified_by: officer_id,
            headcount: 2,
            sex_requirement: Some("P"),
            min_education: Some("sma"),
            kbji: "5120.01",
            region: BARAT,
            valid_from: "2026-01-10",
            valid_until: "2026-02-27",
            changes: &[
                ("reported", "2026-01-10 10:00+08", 0),
                ("verified", "2026-02-02 10:00+08", 0),
                ("open", "2026-02-02 11:00+08", 0),
                ("expired", "2026-02-28 00:10+08", 0),
            ],
            last_actor: Some(None),
            units: &[],
        },
    )
    .await;
    let v3 = vacancy(
        &mut db,
        &VacancySpec {
            employer: e1,
            employer_kbli: "41011",
            created_by: e1_staff,
            verified_by: officer_id,
            headcount: 5,
            sex_requirement: Some("L"),
            min_education: None,
            kbji: "7212.01",
            region: TIMUR,
            valid_from: "2026-02-10",
            valid_until: "2026-05-31",
            changes: &[
                ("reported", "2026-02-10 10:00+08", 0),
                ("draft", "2026-02-11 10:00+08", 0),
                ("reported", "2026-02-12 10:00+08", 0),
                ("verified", "2026-02-14 10:00+08", 0),
                ("open", "2026-02-15 10:00+08", 0),
                ("closed", "2026-03-20 10:00+08", 1),
            ],
            last_actor: None,
            units: &[],
        },
    )
    .await;
    vacancy(
        &mut db,
        &VacancySpec {
            employer: e2,
            employer_kbli: "55110",
            created_by: e2_staff,
            verified_by: officer_id,
            headcount: 4,
            sex_requirement: None,
            min_education: Some("sma"),
            kbji: "5120.01",
            region: BARAT,
            valid_from: "2026-02-12",
            valid_until: "2026-03-31",
            changes: &[
                ("reported", "2026-02-12 10:00+08", 0),
                ("closed", "2026-02-13 10:00+08", 0),
            ],
            last_actor: None,
            units: &[],
        },
    )
    .await;
    for (seeker_id, vacancy_id, start, month, at) in [
        (
            outsider,
            v1,
            "2026-01-21",
            "2026-01-01",
            "2026-01-20 14:00+08",
        ),
        (s2, v1, "2026-02-16", "2026-02-01", "2026-02-15 11:00+08"),
        (
            outsider,
            v3,
            "2026-03-06",
            "2026-03-01",
            "2026-03-05 14:00+08",
        ),
    ] {
        placement(
            &mut db,
            &PlacementSpec {
                seeker: seeker_id,
                vacancy: Some(vacancy_id),
                employer: Some(e1),
                employer_name: "PT Uji Laporan 1",
                kbji: "7212.01",
                kbli: Some("41011"),
                start_date: start,
                report_month: month,
                recorded_at: at,
                recorded_by: officer_id,
            },
        )
        .await;
    }
    let _ = s1;
    IpkData {
        officer: officer_id,
        token,
    }
}

/// The 15 numbers of a row: carried over, registered, placed (filled), removed, remaining; each L, P, total.
fn numbers(row: &Value) -> Vec<i64> {
    [
        "carried_over",
        "registered",
        "placed",
        "removed",
        "remaining",
    ]
    .iter()
    .flat_map(|flow| {
        ["l", "p", "total"]
            .iter()
            .map(move |sex| row[format!("{flow}_{sex}")].as_i64().expect("a count"))
    })
    .collect()
}

fn row<'a>(report: &'a Value, section: &str, dimension: &str, group: &str) -> &'a Value {
    report[section]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["dimension"] == dimension && row["group"] == group)
        .unwrap_or_else(|| panic!("no {section} row {dimension}/{group}"))
}

/// Asserts every row of `dimension` is zero except those listed.
fn only_these(report: &Value, section: &str, dimension: &str, expected: &[(&str, [i64; 15])]) {
    for row in report[section].as_array().expect("rows") {
        if row["dimension"] != dimension {
            continue;
        }
        let group = row["group"].as_str().expect("a group");
        let want = expected
            .iter()
            .find(|(code, _)| *code == group)
            .map_or(vec![0; 15], |(_, numbers)| numbers.to_vec());
        assert_eq!(numbers(row), want, "{section} {dimension} {group}");
    }
}

async fn ipk(app: &TestApp, token: &str, query: &str) -> Value {
    report_json(app, token, &format!("/api/v1/reports/ipk?{query}")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipk_months_match_the_hand_counted_figures_in_every_cell() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let january = ipk(&app, &data.token, "month=2026-01").await;
    let february = ipk(&app, &data.token, "month=2026-02").await;
    let march = ipk(&app, &data.token, "month=2026-03").await;

    //                                     carried   registered  placed    removed   remaining
    //                                     L  P  T   L  P  T     L  P  T   L  P  T   L  P  T
    assert_eq!(
        numbers(row(&january, "seekers", "total", "total")),
        [2, 0, 2, 1, 1, 2, 0, 0, 0, 1, 0, 1, 2, 1, 3]
    );
    assert_eq!(
        numbers(row(&february, "seekers", "total", "total")),
        [2, 1, 3, 0, 2, 2, 0, 2, 2, 1, 1, 2, 1, 0, 1]
    );
    assert_eq!(
        numbers(row(&march, "seekers", "total", "total")),
        [1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2]
    );
    // Vacancies in openings: L / P only count vacancies restricted to men / women.
    assert_eq!(
        numbers(row(&january, "vacancies", "total", "total")),
        [0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 2]
    );
    assert_eq!(
        numbers(row(&february, "vacancies", "total", "total")),
        [0, 0, 2, 5, 2, 7, 0, 0, 1, 0, 2, 2, 5, 0, 6]
    );
    assert_eq!(
        numbers(row(&march, "vacancies", "total", "total")),
        [5, 0, 6, 0, 0, 0, 1, 0, 2, 4, 0, 4, 0, 0, 0]
    );

    // February, seekers by education: S4 (sma) registered twice, placed once and removed once in the month.
    only_these(
        &february,
        "seekers",
        "education",
        &[
            ("sma", [1, 0, 1, 0, 2, 2, 0, 1, 1, 0, 1, 1, 1, 0, 1]),
            ("smk", [0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]),
            ("smp", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
        ],
    );
    only_these(
        &february,
        "seekers",
        "age_group",
        &[
            ("15_19", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
            ("20_29", [1, 1, 2, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1]),
            ("45_54", [0, 0, 0, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 0, 0]),
        ],
    );
    only_these(
        &january,
        "seekers",
        "age_group",
        &[
            ("15_19", [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]),
            ("20_29", [0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 1, 1, 2]),
            ("30_44", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
        ],
    );
    only_these(
        &march,
        "seekers",
        "age_group",
        &[
            ("20_29", [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]),
            ("55_plus", [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        ],
    );
    only_these(
        &february,
        "vacancies",
        "education",
        &[
            ("smk", [0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]),
            ("sma", [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0]),
            ("none", [0, 0, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 5, 0, 5]),
        ],
    );
    only_these(
        &february,
        "vacancies",
        "kbji_major_group",
        &[
            ("7", [0, 0, 2, 5, 0, 5, 0, 0, 1, 0, 0, 0, 5, 0, 6]),
            ("5", [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0]),
        ],
    );
    only_these(
        &march,
        "vacancies",
        "kbli_category",
        &[("F", [5, 0, 6, 0, 0, 0, 1, 0, 2, 4, 0, 4, 0, 0, 0])],
    );

    // The layout is fixed: every education level, age group, KBJI major group and KBLI category, then the month.
    let seeker_dimensions: Vec<&str> = february["seekers"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["dimension"].as_str().expect("text"))
        .collect();
    assert_eq!(seeker_dimensions.len(), 1 + 12 + 5 + 1);
    assert_eq!(
        february["vacancies"].as_array().expect("rows").len(),
        1 + 13 + 10 + 21 + 1
    );
    assert_eq!(
        row(&february, "vacancies", "kbli_category", "I")["label"],
        "Penyediaan akomodasi dan makan minum"
    );
    assert_eq!(february["period"]["provisional"], false);
    assert!(february["region"].is_null());
}

fn assert_identities(report: &Value) {
    for section in ["seekers", "vacancies"] {
        for row in report[section].as_array().expect("rows") {
            let n = numbers(row);
            for sex in 0..3 {
                assert_eq!(
                    n[sex] + n[3 + sex] - n[6 + sex] - n[9 + sex],
                    n[12 + sex],
                    "carried over + registered - placed - removed = remaining in {section} {row}"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_identities_hold_in_every_row_and_each_month_carries_over_the_last_ones_remaining() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let year = ipk(&app, &data.token, "from=2025-12&to=2026-04").await;
    assert_identities(&year);
    for section in ["seekers", "vacancies"] {
        let months: Vec<&Value> = year[section]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|row| row["dimension"] == "month")
            .collect();
        let codes: Vec<&str> = months
            .iter()
            .map(|row| row["group"].as_str().expect("text"))
            .collect();
        assert_eq!(
            codes,
            ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
        );
        for pair in months.windows(2) {
            assert_eq!(
                numbers(pair[1])[0..3],
                numbers(pair[0])[12..15],
                "{section} {}",
                pair[1]["group"]
            );
        }
        // Each month row of the long period equals that month's own report.
        for month_row in &months {
            let month = month_row["group"].as_str().expect("text");
            let single = ipk(&app, &data.token, &format!("month={month}")).await;
            assert_identities(&single);
            assert_eq!(
                numbers(month_row),
                numbers(row(&single, section, "total", "total")),
                "{section} {month}"
            );
        }
        // The period's total: carried over at its start, the flows summed, remaining at its end.
        let total = numbers(row(&year, section, "total", "total"));
        assert_eq!(total[0..3], numbers(months[0])[0..3]);
        assert_eq!(total[12..15], numbers(months[4])[12..15]);
    }
    // April: nothing happened; carried over = remaining.
    let april = ipk(&app, &data.token, "month=2026-04").await;
    assert_eq!(
        numbers(row(&april, "seekers", "total", "total")),
        [1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_month_and_a_kecamatan_without_records_give_the_full_layout_in_zeros() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let city = ipk(&app, &data.token, "month=2026-02").await;
    for query in [
        "month=2023-06",
        "month=2026-02&region=64.71.06",
        "month=2026-02&region=balikpapan_kota",
    ] {
        let report = ipk(&app, &data.token, query).await;
        for section in ["seekers", "vacancies"] {
            let rows = report[section].as_array().expect("rows");
            assert_eq!(
                rows.len(),
                city[section].as_array().expect("rows").len(),
                "{query}"
            );
            for row in rows {
                assert_eq!(
                    numbers(row),
                    vec![0; 15],
                    "{query} {section} {} {}",
                    row["dimension"],
                    row["group"]
                );
            }
        }
    }
    let kota = ipk(&app, &data.token, "month=2026-02&region=64.71.06").await;
    assert_eq!(
        kota["region"],
        json!({ "code": "64.71.06", "name": "Balikpapan Kota" })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kecamatan_report_counts_only_its_own_seekers_and_workplaces() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let timur = ipk(&app, &data.token, "month=2026-02&region=64.71.01").await;
    let barat = ipk(&app, &data.token, "month=2026-02&region=64.71.02").await;
    assert_eq!(
        numbers(row(&timur, "seekers", "total", "total")),
        [2, 1, 3, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1]
    );
    assert_eq!(
        numbers(row(&barat, "seekers", "total", "total")),
        [0, 0, 0, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 0, 0]
    );
    assert_eq!(
        numbers(row(&timur, "vacancies", "total", "total")),
        [0, 0, 2, 5, 0, 5, 0, 0, 1, 0, 0, 0, 5, 0, 6]
    );
    assert_eq!(
        numbers(row(&barat, "vacancies", "total", "total")),
        [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0]
    );
    let refused = app
        .get_as(
            &data.token,
            "/api/v1/reports/ipk?month=2026-02&region=99.99.99",
        )
        .await;
    assert_eq!(refused.status(), 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_month_re_runs_to_the_figures_kept_at_closing() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let before = ipk(&app, &data.token, "month=2026-01").await;
    assert!(before["closure"].is_null());
    let close = |body: Value| {
        let app = &app;
        let token = data.token.clone();
        async move {
            app.request(reqwest::Method::POST, "/api/v1/reports/ipk/closures")
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .expect("sent")
        }
    };
    let closed = close(json!({ "month": "2026-01" })).await;
    assert_eq!(closed.status(), 201);
    let closed: Value = closed.json().await.expect("json");
    assert_eq!(closed["month"], "2026-01");
    assert!(closed["region_code"].is_null());
    assert_eq!(closed["closed_by"], data.officer.to_string());
    assert_eq!(close(json!({ "month": "2026-01" })).await.status(), 409);
    assert_eq!(
        close(json!({ "month": "2026-01", "region": TIMUR }))
            .await
            .status(),
        201
    );
    let running = close(json!({ "month": chrono::Utc::now().format("%Y-%m").to_string() })).await;
    assert_eq!(running.status(), 409);
    let running: Value = running.json().await.expect("json");
    assert_eq!(running["code"], "month_not_ended");
    assert_eq!(close(json!({ "month": "2026-13" })).await.status(), 422);

    // Life goes on: a new registration and a removal recorded now never reach January.
    let mut db = app.db().await;
    seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "S8",
            sex: "P",
            birth_year: 2001,
            education: "s1",
            region: TIMUR,
            has_disability: false,
            changes: &[("active", "2026-01-15 09:00+08")],
        },
    )
    .await;
    execute(
        &mut db,
        "DELETE FROM seeker_status_changes WHERE seeker_id = (SELECT id FROM seekers WHERE registration_number = 'S8')",
    )
    .await;
    execute(
        &mut db,
        "INSERT INTO seeker_status_changes (seeker_id, from_status, to_status, sex, birth_year, education_level,
                                            domicile_region_code)
         SELECT id, NULL, 'active', 'P', 2001, 's1', '64.71.01' FROM seekers WHERE registration_number = 'S8'",
    )
    .await;
    let after = ipk(&app, &data.token, "month=2026-01").await;
    assert_eq!(after["seekers"], before["seekers"]);
    assert_eq!(after["vacancies"], before["vacancies"]);
    assert_eq!(after["closure"]["figures_unchanged"], true);
    // Changing history behind the application's back is noticed.
    execute(
        &mut db,
        "UPDATE seeker_status_changes SET at = '2026-01-12 09:00+08'
         WHERE seeker_id = (SELECT id FROM seekers WHERE registration_number = 'S8')",
    )
    .await;
    let tampered = ipk(&app, &data.token, "month=2026-01").await;
    assert_eq!(tampered["closure"]["figures_unchanged"], false);
    let list = report_json(&app, &data.token, "/api/v1/reports/ipk/closures").await;
    let places: Vec<&Value> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| &c["region_code"])
        .collect();
    assert_eq!(places, [&Value::Null, &json!(TIMUR)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ipk_exports_as_csv_and_xlsx_with_the_documented_columns_and_real_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let json_report = ipk(&app, &data.token, "month=2026-02").await;
    let (content_type, csv_bytes) = report_bytes(
        &app,
        &data.token,
        "/api/v1/reports/ipk?month=2026-02",
        "text/csv",
    )
    .await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert!(
        !csv_bytes.starts_with(b"\xef\xbb\xbf"),
        "no byte-order mark"
    );
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let json_keys: Vec<String> = json_report["seekers"][0]
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(header.len(), 19);
    assert_eq!(header[0..4], ["section", "dimension", "group", "label"]);
    assert_eq!(header[18], "remaining_total");
    let mut sorted_header = header.clone();
    sorted_header.sort();
    let mut sorted_keys = json_keys.clone();
    sorted_keys.sort();
    assert_eq!(
        sorted_header, sorted_keys,
        "CSV columns are the JSON fields"
    );
    let records: Vec<csv::StringRecord> = reader
        .records()
        .map(|record| record.expect("a record"))
        .collect();
    let all_rows = json_report["seekers"].as_array().expect("rows").len()
        + json_report["vacancies"].as_array().expect("rows").len();
    assert_eq!(records.len(), all_rows);
    let total = &records[0];
    assert_eq!(
        (&total[0], &total[1], &total[2]),
        ("seekers", "total", "total")
    );
    let values: Vec<i64> = (4..19)
        .map(|i| total[i].parse().expect("an integer"))
        .collect();
    assert_eq!(values, [2, 1, 3, 0, 2, 2, 0, 2, 2, 1, 1, 2, 1, 0, 1]);

    let (content_type, xlsx) = report_bytes(
        &app,
        &data.token,
        "/api/v1/reports/ipk?month=2026-02&format=xlsx",
        "*/*",
    )
    .await;
    assert_eq!(
        content_type,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("an xlsx workbook");
    assert_eq!(workbook.sheet_names(), ["seekers", "vacancies", "info"]);
    let vacancies = workbook
        .worksheet_range("vacancies")
        .expect("the vacancies sheet");
    let rows: Vec<&[Data]> = vacancies.rows().collect();
    assert_eq!(rows[0][0], Data::String("section".into()));
    assert_eq!(rows[0][18], Data::String("remaining_total".into()));
    assert_eq!(
        rows.len(),
        1 + json_report["vacancies"].as_array().expect("rows").len()
    );
    let numbers_in_sheet: Vec<f64> = rows[1][4..19]
        .iter()
        .map(|cell| match cell {
            Data::Float(value) => *value,
            Data::Int(value) => *value as f64,
            other => panic!("a number cell, got {other:?}"),
        })
        .collect();
    assert_eq!(
        numbers_in_sheet,
        [
            0.0, 0.0, 2.0, 5.0, 2.0, 7.0, 0.0, 0.0, 1.0, 0.0, 2.0, 2.0, 5.0, 0.0, 6.0
        ]
    );
    let info = workbook.worksheet_range("info").expect("the info sheet");
    assert!(info.rows().any(
        |row| row[0] == Data::String("from".into()) && row[1] == Data::String("2026-02".into())
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_are_for_officers_and_admins_and_the_fairness_report_never_reaches_employers() {
    let app = spawn_app().await;
    let admin = app
        .create_user("admin", "admin.laporan@disnaker.test")
        .await;
    let admin_token = app.login(&admin).await;
    let seeker_user = app.create_user("seeker", "pencari@uji.test").await;
    let seeker_token = app.login(&seeker_user).await;
    let employer = jembatan_tests::employers::register_employer(&app, 7).await;
    let paths = [
        "/api/v1/reports/ipk?month=2026-02",
        "/api/v1/reports/ipk/closures",
        "/api/v1/reports/absorption?month=2026-02",
        "/api/v1/reports/competency-gaps",
        "/api/v1/reports/employer-compliance?month=2026-02",
        "/api/v1/reports/agreements?month=2026-02",
        "/api/v1/reports/pipeline-fairness?month=2026-02",
        "/api/v1/reports/placements?month=2026-02",
    ];
    for path in paths {
        assert_eq!(
            app.get_as(&admin_token, path).await.status(),
            200,
            "{path} for an admin"
        );
        assert_eq!(
            app.get_as(&employer.token, path).await.status(),
            403,
            "{path} for an employer"
        );
        assert_eq!(
            app.get_as(&seeker_token, path).await.status(),
            403,
            "{path} for a seeker"
        );
        assert_eq!(app.get(path).await.status(), 401, "{path} anonymous");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_must_be_whole_past_or_running_months() {
    let app = spawn_app().await;
    let (_, token) = officer(&app).await;
    for (query, field) in [
        ("", "month"),
        ("month=2026-3", "month"),
        ("from=2026-03&to=2026-01", "to"),
        ("month=2999-01", "to"),
        ("from=2000-01&to=2026-01", "from"),
        ("month=2026-01&format=pdf", "format"),
    ] {
        let response = app
            .get_as(&token, &format!("/api/v1/reports/ipk?{query}"))
            .await;
        assert_eq!(response.status(), 422, "{query}");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["field"], field, "{query}");
    }
    let running = report_json(
        &app,
        &token,
        &format!(
            "/api/v1/reports/ipk?month={}",
            chrono::Utc::now().format("%Y-%m")
        ),
    )
    .await;
    assert_eq!(running["period"]["provisional"], true);
}

// -------------------------------------------------------------------------------------------------------------
// Training absorption
// -------------------------------------------------------------------------------------------------------------

async fn training(
    db: &mut diesel_async::AsyncPgConnection,
    officer: Uuid,
    provider: &str,
    programme: &str,
) -> Uuid {
    let provider_id = Uuid::now_v7();
    let programme_id = Uuid::now_v7();
    execute(db, &format!("INSERT INTO training_providers (id, name, kind) VALUES ('{provider_id}', '{provider}', 'uptd_blk')")).await;
    execute(
        db,
        &format!(
            "INSERT INTO training_programmes (id, training_provider_id, name, vocation_code, duration_hours, mode,
                                              funding_source, created_by)
             VALUES ('{programme_id}', '{provider_id}', '{programme}', 'las', 240, 'tatap_muka', 'apbd', '{officer}')"
        ),
    )
    .await;
    programme_id
}

async fn cohort(
    db: &mut diesel_async::AsyncPgConnection,
    programme: Uuid,
    name: &str,
    starts: &str,
    ends: &str,
) -> Uuid {
    let id = Uuid::now_v7();
    execute(
        db,
        &format!(
            "INSERT INTO cohorts (id, programme_id, name, starts_on, ends_on, registration_opens_on,
                                  registration_closes_on, quota, status)
             VALUES ('{id}', '{programme}', '{name}', '{starts}', '{ends}', '{starts}'::date - 30, '{starts}'::date - 1,
                     20, 'completed')"
        ),
    )
    .await;
    id
}

async fn graduate(
    db: &mut diesel_async::AsyncPgConnection,
    cohort: Uuid,
    number: &str,
    status: &str,
    graduated_on: Option<&str>,
) -> Uuid {
    let seeker_id = seeker(
        db,
        &SeekerSpec {
            registration_number: number,
            sex: "L",
            birth_year: 2001,
            education: "smk",
            region: TIMUR,
            has_disability: false,
            changes: &[],
        },
    )
    .await;
    let graduated = graduated_on.map_or("NULL".to_string(), |date| format!("'{date}'"));
    execute(
        db,
        &format!(
            "INSERT INTO enrolments (cohort_id, seeker_id, status, graduated_on)
             VALUES ('{cohort}', '{seeker_id}', '{status}', {graduated})"
        ),
    )
    .await;
    seeker_id
}

async fn placed_on(
    db: &mut diesel_async::AsyncPgConnection,
    seeker_id: Uuid,
    officer: Uuid,
    start: &str,
) -> Uuid {
    placement(
        db,
        &PlacementSpec {
            seeker: seeker_id,
            vacancy: None,
            employer: None,
            employer_name: "CV Di Luar Sistem",
            kbji: "7212.01",
            kbli: None,
            start_date: start,
            report_month: &format!("{}-01", &start[0..7]),
            recorded_at: &format!("{start} 12:00+08"),
            recorded_by: officer,
        },
    )
    .await
}

async fn followup(
    db: &mut diesel_async::AsyncPgConnection,
    placement_id: Uuid,
    officer: Uuid,
    months: i32,
    outcome: &str,
) {
    let left_on = if outcome == "left" {
        "'2025-09-01'"
    } else {
        "NULL"
    };
    execute(
        db,
        &format!(
            "INSERT INTO placement_followups (placement_id, offset_months, due_on, outcome, left_on, recorded_by, recorded_at)
             SELECT '{placement_id}', {months}, start_date + interval '{months} months', '{outcome}', {left_on},
                    '{officer}', start_date + interval '{months} months'
             FROM placements WHERE id = '{placement_id}'"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absorption_counts_graduates_placed_within_three_six_and_twelve_months_per_cohort_programme_and_provider()
 {
    let app = spawn_app().await;
    let (officer_user, token) = officer(&app).await;
    let officer_id = officer_user.id;
    let mut db = app.db().await;
    let welding = training(&mut db, officer_id, "BLK Balikpapan", "Las SMAW").await;
    let housekeeping = training(&mut db, officer_id, "LPK Melati", "Tata Graha").await;
    let c1 = cohort(
        &mut db,
        welding,
        "Las SMAW 2025-I",
        "2025-01-06",
        "2025-03-28",
    )
    .await;
    let c0 = cohort(
        &mut db,
        welding,
        "Las SMAW 2024-III",
        "2024-10-01",
        "2024-12-13",
    )
    .await;
    let c2 = cohort(
        &mut db,
        housekeeping,
        "Tata Graha 2025-I",
        "2025-01-13",
        "2025-03-14",
    )
    .await;
    // Cohort 1 graduated 31 March 2025.
    let g1 = graduate(&mut db, c1, "G1", "graduated_competent", Some("2025-03-31")).await;
    let g2 = graduate(&mut db, c1, "G2", "graduated_competent", Some("2025-03-31")).await;
    let g3 = graduate(
        &mut db,
        c1,
        "G3",
        "graduated_not_competent",
        Some("2025-03-31"),
    )
    .await;
    graduate(&mut db, c1, "G4", "graduated_competent", Some("2025-03-31")).await;
    let g5 = graduate(&mut db, c1, "G5", "graduated_competent", Some("2025-03-31")).await;
    graduate(&mut db, c1, "W1", "withdrawn", None).await;
    let earlier = graduate(&mut db, c0, "G0", "graduated_competent", Some("2024-12-20")).await;
    let g6 = graduate(&mut db, c2, "G6", "graduated_competent", Some("2025-03-15")).await;
    let p1 = placed_on(&mut db, g1, officer_id, "2025-04-20").await; // 20 days
    followup(&mut db, p1, officer_id, 3, "still_employed").await;
    followup(&mut db, p1, officer_id, 6, "left").await; // the latest check says left
    let p2 = placed_on(&mut db, g2, officer_id, "2025-08-15").await; // 137 days: within 6, not 3
    followup(&mut db, p2, officer_id, 3, "still_employed").await;
    placed_on(&mut db, g3, officer_id, "2026-05-01").await; // beyond 12 months
    placed_on(&mut db, g5, officer_id, "2025-03-20").await; // hired before graduating: 0 days
    placed_on(&mut db, g5, officer_id, "2025-12-01").await; // a second job: only the first counts
    placed_on(&mut db, g6, officer_id, "2025-03-25").await; // 10 days
    placed_on(&mut db, earlier, officer_id, "2025-01-05").await; // graduated outside the period

    let report = report_json(&app, &token, "/api/v1/reports/absorption?month=2025-03").await;
    let rows = report["rows"].as_array().expect("rows");
    let shape: Vec<(&str, Option<&str>)> = rows
        .iter()
        .map(|row| {
            let name = row["cohort_name"]
                .as_str()
                .or(row["programme_name"].as_str())
                .or(row["provider_name"].as_str());
            (row["level"].as_str().expect("level"), name)
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("total", None),
            ("provider", Some("BLK Balikpapan")),
            ("programme", Some("Las SMAW")),
            ("cohort", Some("Las SMAW 2025-I")),
            ("provider", Some("LPK Melati")),
            ("programme", Some("Tata Graha")),
            ("cohort", Some("Tata Graha 2025-I")),
        ]
    );
    let figures = |row: &Value| {
        json!([
            row["graduates"],
            row["graduates_competent"],
            row["placed_within_3_months"],
            row["placed_within_6_months"],
            row["placed_within_12_months"],
            row["absorption_rate"],
            row["meets_target"],
            row["shortfall"],
            row["median_days_to_placement"],
            row["followed_up"],
            row["still_employed_at_followup"],
            row["window_complete"],
            row["target_rate"]
        ])
    };
    assert_eq!(
        figures(&rows[0]),
        json!([6, 5, 3, 4, 4, 4.0 / 6.0, false, 2, 15.0, 2, 1, true, 0.9])
    );
    assert_eq!(
        figures(&rows[3]),
        json!([5, 4, 2, 3, 3, 0.6, false, 2, 20.0, 2, 1, true, 0.9])
    );
    assert_eq!(rows[2]["graduates"], 5);
    assert_eq!(
        figures(&rows[6]),
        json!([1, 1, 1, 1, 1, 1.0, true, 0, 10.0, 0, 0, true, 0.9])
    );
    // A period without graduates: only the total row, in zeros.
    let empty = report_json(&app, &token, "/api/v1/reports/absorption?month=2023-06").await;
    assert_eq!(empty["rows"].as_array().expect("rows").len(), 1);
    assert_eq!(empty["rows"][0]["graduates"], 0);
    assert!(empty["rows"][0]["absorption_rate"].is_null());
    let _ = c2;
}

// -------------------------------------------------------------------------------------------------------------
// Competency supply and demand
// -------------------------------------------------------------------------------------------------------------

const U1: &str = "C.251100.001.01";
const U2: &str = "C.251100.003.01";
const U3: &str = "C.251100.004.01";

async fn evidence(
    db: &mut diesel_async::AsyncPgConnection,
    seeker_id: Uuid,
    unit: &str,
    level: &str,
    officer: Uuid,
    provider: Option<Uuid>,
    certificate_valid_until: Option<&str>,
) {
    match level {
        "certified" => {
            let certificate = Uuid::now_v7();
            execute(
                db,
                &format!(
                    "INSERT INTO certificates (id, seeker_id, certificate_number, scheme, issuer, issued_on, valid_until, recorded_by)
                     VALUES ('{certificate}', '{seeker_id}', 'CERT-{short}', 'Juru Las', 'LSP Las', '2024-01-10', '{until}', '{officer}')",
                    short = &certificate.simple().to_string()[20..],
                    until = certificate_valid_until.unwrap_or("2027-01-09"),
                ),
            )
            .await;
            execute(db, &format!("INSERT INTO certificate_units (certificate_id, unit_code) VALUES ('{certificate}', '{unit}')")).await;
            execute(
                db,
                &format!(
                    "INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level, certificate_id, recorded_by)
                     VALUES ('{seeker_id}', '{unit}', 'certified', '{certificate}', '{officer}')"
                ),
            )
            .await;
        }
        "trained" => {
            execute(
                db,
                &format!(
                    "INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level, training_provider_id, recorded_by)
                     VALUES ('{seeker_id}', '{unit}', 'trained', '{provider}', '{officer}')",
                    provider = provider.expect("a provider"),
                ),
            )
            .await;
        }
        _ => {
            execute(
                db,
                &format!(
                    "INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level) VALUES ('{seeker_id}', '{unit}', 'declared')"
                ),
            )
            .await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn competency_gaps_compare_open_openings_with_active_seekers_by_their_best_evidence() {
    let app = spawn_app().await;
    let (officer_user, token) = officer(&app).await;
    let officer_id = officer_user.id;
    let mut db = app.db().await;
    let welding = training(&mut db, officer_id, "BLK Balikpapan", "Las SMAW").await;
    execute(
        &mut db,
        &format!(
            "INSERT INTO programme_units (programme_id, unit_code) VALUES ('{welding}', '{U2}')"
        ),
    )
    .await;
    let provider: Uuid = {
        use diesel::QueryableByName;
        #[derive(QueryableByName)]
        struct Found {
            #[diesel(sql_type = diesel::sql_types::Uuid)]
            id: Uuid,
        }
        let found: Found = diesel_async::RunQueryDsl::get_result(
            diesel::sql_query(format!(
                "SELECT training_provider_id AS id FROM training_programmes WHERE id = '{welding}'"
            )),
            &mut db,
        )
        .await
        .expect("the provider");
        found.id
    };
    let e1 = employer(&mut db, 1, "41011", Some(officer_id)).await;
    let staff = employer_user(&mut db, e1, 1).await;
    let open_vacancy = |headcount, units: &'static [&'static str], closed: bool| VacancySpec {
        employer: e1,
        employer_kbli: "41011",
        created_by: staff,
        verified_by: officer_id,
        headcount,
        sex_requirement: None,
        min_education: Some("smk"),
        kbji: "7212.01",
        region: TIMUR,
        valid_from: "2026-11-01",
        valid_until: "2027-01-31",
        changes: if closed {
            &[
                ("reported", "2026-11-02 10:00+08", 0),
                ("verified", "2026-11-03 10:00+08", 0),
                ("closed", "2026-11-04 10:00+08", 0),
            ]
        } else {
            &[
                ("reported", "2026-11-02 10:00+08", 0),
                ("verified", "2026-11-03 10:00+08", 0),
                ("open", "2026-11-03 11:00+08", 0),
            ]
        },
        last_actor: None,
        units,
    };
    vacancy(&mut db, &open_vacancy(4, &[U1, U2], false)).await;
    let partly_filled = vacancy(&mut db, &open_vacancy(2, &[U1], false)).await;
    vacancy(&mut db, &open_vacancy(9, &[U3], true)).await;
    let active = |number: &'static str| SeekerSpec {
        registration_number: number,
        sex: "P",
        birth_year: 1999,
        education: "smk",
        region: TIMUR,
        has_disability: false,
        changes: &[("active", "2026-10-01 09:00+08")],
    };
    let a = seeker(&mut db, &active("A")).await;
    let b = seeker(&mut db, &active("B")).await;
    let c = seeker(&mut db, &active("C")).await;
    let d = seeker(&mut db, &active("D")).await;
    let e = seeker(
        &mut db,
        &SeekerSpec {
            changes: &[
                ("active", "2026-10-01 09:00+08"),
                ("removed", "2026-10-20 09:00+08"),
            ],
            ..active("E")
        },
    )
    .await;
    placement(
        &mut db,
        &PlacementSpec {
            seeker: e,
            vacancy: Some(partly_filled),
            employer: Some(e1),
            employer_name: "PT Uji Laporan 1",
            kbji: "7212.01",
            kbli: Some("41011"),
            start_date: "2026-11-10",
            report_month: "2026-11-01",
            recorded_at: "2026-11-09 10:00+08",
            recorded_by: officer_id,
        },
    )
    .await;
    evidence(&mut db, a, U1, "certified", officer_id, None, None).await;
    evidence(&mut db, a, U3, "declared", officer_id, None, None).await;
    evidence(&mut db, b, U1, "trained", officer_id, Some(provider), None).await;
    evidence(&mut db, c, U1, "declared", officer_id, None, None).await;
    evidence(&mut db, c, U1, "trained", officer_id, Some(provider), None).await;
    evidence(
        &mut db,
        d,
        U1,
        "certified",
        officer_id,
        None,
        Some("2025-01-09"),
    )
    .await; // expired certificate
    evidence(&mut db, e, U1, "trained", officer_id, Some(provider), None).await; // not an active seeker

    let report = report_json(&app, &token, "/api/v1/reports/competency-gaps").await;
    let rows: Vec<Value> = report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            json!([
                row["level"],
                row["vocation_code"],
                row["unit_code"],
                row["vacancies"],
                row["openings_required"],
                row["seekers_declared"],
                row["seekers_trained"],
                row["seekers_certified"],
                row["gap"],
                row["programmes"]
            ])
        })
        .collect();
    assert_eq!(
        rows,
        [
            json!([
                "vocation",
                "las",
                null,
                2,
                5,
                0,
                2,
                1,
                2,
                "BLK Balikpapan — Las SMAW"
            ]),
            json!([
                "unit",
                "las",
                U2,
                1,
                4,
                0,
                0,
                0,
                4,
                "BLK Balikpapan — Las SMAW"
            ]),
            json!(["unit", "las", U1, 2, 5, 0, 2, 1, 2, null]),
            json!(["unit", "las", U3, 0, 0, 1, 0, 0, 0, null]),
        ]
    );
    // Before anything was recorded, the picture is empty.
    let before = report_json(
        &app,
        &token,
        "/api/v1/reports/competency-gaps?month=2026-09",
    )
    .await;
    assert_eq!(before["rows"], json!([]));
}

// -------------------------------------------------------------------------------------------------------------
// Employer compliance and agreements
// -------------------------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn employer_compliance_counts_reports_fills_overdue_fill_reports_and_commitments() {
    let app = spawn_app().await;
    let (officer_user, token) = officer(&app).await;
    let officer_id = officer_user.id;
    let mut db = app.db().await;
    let e1 = employer(&mut db, 1, "41011", Some(officer_id)).await;
    let e2 = employer(&mut db, 2, "55110", None).await;
    let e3 = employer(&mut db, 3, "55110", Some(officer_id)).await; // nothing to report: not listed
    let s1 = employer_user(&mut db, e1, 1).await;
    let s2 = employer_user(&mut db, e2, 2).await;
    let spec = |headcount,
                valid_until: &'static str,
                changes: &'static [(&'static str, &'static str, i32)],
                last_actor| VacancySpec {
        employer: e1,
        employer_kbli: "41011",
        created_by: s1,
        verified_by: officer_id,
        headcount,
        sex_requirement: None,
        min_education: None,
        kbji: "7212.01",
        region: TIMUR,
        valid_from: "2025-10-01",
        valid_until,
        changes,
        last_actor,
        units: &[],
    };
    // Reported in February: filled by the employer's report (2 of 3), and filled by recorded hires (the system).
    vacancy(
        &mut db,
        &spec(
            3,
            "2026-04-30",
            &[
                ("reported", "2026-02-03 10:00+08", 0),
                ("verified", "2026-02-04 10:00+08", 0),
                ("open", "2026-02-04 11:00+08", 0),
                ("filled", "2026-02-20 10:00+08", 2),
            ],
            Some(Some(s1)),
        ),
    )
    .await;
    vacancy(
        &mut db,
        &spec(
            2,
            "2026-04-30",
            &[
                ("reported", "2026-02-05 10:00+08", 0),
                ("verified", "2026-02-06 10:00+08", 0),
                ("open", "2026-02-06 11:00+08", 0),
                ("filled", "2026-02-25 10:00+08", 2),
            ],
            Some(None),
        ),
    )
    .await;
    // Fill reports due in February (last valid day + 30): one expired unreported, one withdrawn in time.
    vacancy(
        &mut db,
        &spec(
            4,
            "2026-01-10",
            &[
                ("reported", "2025-11-01 10:00+08", 0),
                ("verified", "2025-11-02 10:00+08", 0),
                ("open", "2025-11-02 11:00+08", 0),
                ("expired", "2026-01-11 00:10+08", 0),
            ],
            Some(None),
        ),
    )
    .await;
    vacancy(
        &mut db,
        &spec(
            1,
            "2026-01-15",
            &[
                ("reported", "2025-11-05 10:00+08", 0),
                ("verified", "2025-11-06 10:00+08", 0),
                ("closed", "2026-01-14 10:00+08", 0),
            ],
            None,
        ),
    )
    .await;
    // Due in March: not this period's business.
    vacancy(
        &mut db,
        &spec(
            1,
            "2026-02-10",
            &[
                ("reported", "2025-12-05 10:00+08", 0),
                ("verified", "2025-12-06 10:00+08", 0),
                ("expired", "2026-02-11 00:10+08", 0),
            ],
            Some(None),
        ),
    )
    .await;
    vacancy(
        &mut db,
        &VacancySpec {
            employer: e2,
            employer_kbli: "55110",
            created_by: s2,
            changes: &[("reported", "2026-02-10 10:00+08", 0)],
            ..spec(6, "2026-05-31", &[], None)
        },
    )
    .await;
    // An agreement with E1 and E2: E1 commits 10 placements and 4 apprenticeship seats, both jointly 20 placements.
    let agreement = Uuid::now_v7();
    execute(&mut db, &format!(
        "INSERT INTO agreements (id, agreement_number, title, signed_on, valid_from, valid_until, status, created_by)
         VALUES ('{agreement}', '500.15/123/NK-DISNAKER/V/2025', 'Nota Kesepahaman Penempatan', '2025-12-15', '2026-01-01', '2026-12-31', 'active', '{officer_id}')")).await;
    execute(&mut db, &format!("INSERT INTO agreement_parties (agreement_id, employer_id) VALUES ('{agreement}', '{e1}'), ('{agreement}', '{e2}')")).await;
    execute(&mut db, &format!(
        "INSERT INTO agreement_commitments (agreement_id, employer_id, kind, period_start, period_end, target_quantity) VALUES
         ('{agreement}', '{e1}', 'placements', '2026-01-01', '2026-12-31', 10),
         ('{agreement}', '{e1}', 'apprenticeship_seats', '2026-01-01', '2026-12-31', 4),
         ('{agreement}', NULL, 'placements', '2026-01-01', '2026-12-31', 20)")).await;
    let worker = seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "K1",
            sex: "L",
            birth_year: 1998,
            education: "smk",
            region: TIMUR,
            has_disability: false,
            changes: &[],
        },
    )
    .await;
    for (employer_id, name, start, at) in [
        (e1, "PT Uji Laporan 1", "2026-02-21", "2026-02-21 10:00+08"),
        (e1, "PT Uji Laporan 1", "2026-03-01", "2026-03-01 10:00+08"),
        (e2, "PT Uji Laporan 2", "2026-02-12", "2026-02-12 10:00+08"),
        (e1, "PT Uji Laporan 1", "2025-12-20", "2025-12-20 10:00+08"),
    ] {
        placement(
            &mut db,
            &PlacementSpec {
                seeker: worker,
                vacancy: None,
                employer: Some(employer_id),
                employer_name: name,
                kbji: "7212.01",
                kbli: None,
                start_date: start,
                report_month: &format!("{}-01", &start[0..7]),
                recorded_at: at,
                recorded_by: officer_id,
            },
        )
        .await;
    }
    let programme = Uuid::now_v7();
    execute(&mut db, &format!(
        "INSERT INTO apprenticeship_programmes (id, host_employer_id, title, duration_months, seats, monthly_stipend_rupiah,
                                                mentor_name, status, decided_at, decided_by, created_by)
         VALUES ('{programme}', '{e1}', 'Pemagangan Juru Las', 6, 4, 2500000, 'Pak Budi', 'approved', '2026-01-10', '{officer_id}', '{officer_id}')")).await;
    execute(&mut db, &format!(
        "INSERT INTO apprenticeships (programme_id, seeker_id, agreement_number, agreement_date, starts_on, ends_on, mentor_name,
                                      monthly_stipend_rupiah, recorded_by, created_at)
         VALUES ('{programme}', '{worker}', 'PP-001', '2026-01-25', '2026-02-01', '2026-07-31', 'Pak Budi', 2500000, '{officer_id}', '2026-01-25 10:00+08')")).await;

    let report = report_json(
        &app,
        &token,
        "/api/v1/reports/employer-compliance?month=2026-02",
    )
    .await;
    assert_eq!(report["fill_report_due_days"], 30);
    let rows = report["rows"].as_array().expect("rows");
    assert_eq!(
        rows.len(),
        2,
        "employers without anything in the period are left out: {rows:?}"
    );
    let e1_row = &rows[0];
    assert_eq!(e1_row["employer_id"], e1.to_string());
    assert_eq!(
        json!([
            e1_row["verification_status"],
            e1_row["verified_on"],
            e1_row["vacancies_reported"],
            e1_row["openings_reported"],
            e1_row["vacancies_filled"],
            e1_row["vacancies_reported_filled"],
            e1_row["openings_filled"],
            e1_row["fill_reports_due"],
            e1_row["fill_reports_overdue"],
            e1_row["committed_placements"],
            e1_row["achieved_placements"],
            e1_row["committed_apprenticeship_seats"],
            e1_row["achieved_apprenticeship_seats"],
            e1_row["committed_training_support"]
        ]),
        json!([
            "verified",
            "2025-12-01",
            2,
            5,
            2,
            1,
            4,
            2,
            1,
            10,
            1,
            4,
            1,
            0
        ])
    );
    let e2_row = &rows[1];
    assert_eq!(
        json!([
            e2_row["verification_status"],
            e2_row["vacancies_reported"],
            e2_row["openings_reported"],
            e2_row["vacancies_filled"],
            e2_row["fill_reports_due"],
            e2_row["committed_placements"]
        ]),
        json!(["pending", 1, 6, 0, 0, 0])
    );
    let march = report_json(
        &app,
        &token,
        "/api/v1/reports/employer-compliance?month=2026-03",
    )
    .await;
    let e1_march = &march["rows"][0];
    assert_eq!(
        (
            e1_march["fill_reports_due"].as_i64(),
            e1_march["fill_reports_overdue"].as_i64(),
            e1_march["achieved_placements"].as_i64()
        ),
        (Some(1), Some(1), Some(2))
    );

    let agreements = report_json(&app, &token, "/api/v1/reports/agreements?month=2026-02").await;
    let commitments: Vec<Value> = agreements["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            json!([
                row["employer_name"],
                row["kind"],
                row["target"],
                row["achieved"],
                row["fulfilment"],
                row["met"]
            ])
        })
        .collect();
    assert_eq!(
        commitments,
        [
            json!([null, "placements", 20, 2, 0.1, false]),
            json!([
                "PT Uji Laporan 1",
                "apprenticeship_seats",
                4,
                1,
                0.25,
                false
            ]),
            json!(["PT Uji Laporan 1", "placements", 10, 1, 0.1, false]),
        ]
    );
    let _ = e3;
}

// -------------------------------------------------------------------------------------------------------------
// Pipeline fairness
// -------------------------------------------------------------------------------------------------------------

async fn application(
    db: &mut diesel_async::AsyncPgConnection,
    vacancy_id: Uuid,
    seeker_id: Uuid,
    applied: &str,
    stages: &[&str],
) {
    let id = Uuid::now_v7();
    let last = stages.last().copied().unwrap_or("applied");
    let reason = if last == "rejected" {
        "'competency_mismatch'"
    } else {
        "NULL"
    };
    execute(db, &format!(
        "INSERT INTO applications (id, vacancy_id, seeker_id, origin, stage, applied_at, rejection_reason, created_at)
         VALUES ('{id}', '{vacancy_id}', '{seeker_id}', 'applied', '{last}', '{applied}', {reason}, '{applied}')")).await;
    let mut from = "NULL".to_string();
    for (index, stage) in std::iter::once(&"applied").chain(stages.iter()).enumerate() {
        execute(db, &format!(
            "INSERT INTO application_stage_changes (application_id, from_stage, to_stage, at)
             VALUES ('{id}', {from}, '{stage}', '{applied}'::timestamptz + interval '{index} days')")).await;
        from = format!("'{stage}'");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipeline_fairness_gives_selection_rates_per_step_and_flags_groups_below_four_fifths() {
    let app = spawn_app().await;
    let (officer_user, token) = officer(&app).await;
    let officer_id = officer_user.id;
    let mut db = app.db().await;
    let e1 = employer(&mut db, 1, "41011", Some(officer_id)).await;
    let staff = employer_user(&mut db, e1, 1).await;
    let vacancy_id = vacancy(
        &mut db,
        &VacancySpec {
            employer: e1,
            employer_kbli: "41011",
            created_by: staff,
            verified_by: officer_id,
            headcount: 5,
            sex_requirement: None,
            min_education: None,
            kbji: "7212.01",
            region: TIMUR,
            valid_from: "2026-01-20",
            valid_until: "2026-04-30",
            changes: &[
                ("reported", "2026-01-20 10:00+08", 0),
                ("verified", "2026-01-21 10:00+08", 0),
                ("open", "2026-01-21 11:00+08", 0),
            ],
            last_actor: None,
            units: &[],
        },
    )
    .await;
    let hired: &[&str] = &["screening", "interview", "offer", "hired"];
    let cases: [(&str, &str, &[&str]); 9] = [
        ("L1", "L", hired),
        ("L2", "L", hired),
        ("L3", "L", &["screening", "rejected"]),
        ("L4", "L", &["rejected"]),
        ("P1", "P", hired),
        ("P2", "P", &["rejected"]),
        ("P3", "P", &["rejected"]),
        ("P4", "P", &["screening", "withdrawn"]),
        ("P5", "P", &["screening"]), // still waiting: no decision yet
    ];
    for (number, sex, stages) in cases {
        let seeker_id = seeker(
            &mut db,
            &SeekerSpec {
                registration_number: number,
                sex,
                birth_year: 2000,
                education: "smk",
                region: TIMUR,
                has_disability: false,
                changes: &[],
            },
        )
        .await;
        application(
            &mut db,
            vacancy_id,
            seeker_id,
            "2026-02-02 09:00+08",
            stages,
        )
        .await;
    }
    // Applied in January: outside the period.
    let early = seeker(
        &mut db,
        &SeekerSpec {
            registration_number: "P9",
            sex: "P",
            birth_year: 2000,
            education: "smk",
            region: TIMUR,
            has_disability: true,
            changes: &[],
        },
    )
    .await;
    application(
        &mut db,
        vacancy_id,
        early,
        "2026-01-25 09:00+08",
        &["rejected"],
    )
    .await;

    let report = report_json(
        &app,
        &token,
        "/api/v1/reports/pipeline-fairness?month=2026-02",
    )
    .await;
    assert_eq!(report["four_fifths"], 0.8);
    let rows = report["rows"].as_array().expect("rows");
    let pick = |scope: &str, dimension: &str, step: &str, group: &str| {
        rows.iter()
            .find(|row| {
                row["scope"] == scope
                    && row["dimension"] == dimension
                    && row["step"] == step
                    && row["group"] == group
            })
            .map(|row| {
                json!([
                    row["considered"],
                    row["selected"],
                    row["selection_rate"],
                    row["impact_ratio"],
                    row["below_four_fifths"]
                ])
            })
            .unwrap_or_else(|| panic!("no {scope} {dimension} {step} {group} row"))
    };
    assert_eq!(
        pick("city", "sex", "screening", "L"),
        json!([4, 3, 0.75, 1.0, false])
    );
    // P5, still in screening, was selected at this step; exactly four fifths is not flagged.
    assert_eq!(
        pick("city", "sex", "screening", "P"),
        json!([5, 3, 0.6, 0.6 / 0.75, false])
    );
    assert_eq!(
        pick("city", "sex", "interview", "L"),
        json!([3, 2, 2.0 / 3.0, 2.0 / 3.0, true])
    );
    assert_eq!(
        pick("city", "sex", "interview", "P"),
        json!([1, 1, 1.0, 1.0, false])
    );
    assert_eq!(
        pick("city", "sex", "hired", "P"),
        json!([1, 1, 1.0, 1.0, false])
    );
    assert_eq!(
        pick("city", "sex", "overall", "L"),
        json!([4, 2, 0.5, 1.0, false])
    );
    assert_eq!(
        pick("city", "sex", "overall", "P"),
        json!([3, 1, 1.0 / 3.0, (1.0 / 3.0) / 0.5, true])
    );
    assert_eq!(
        pick("city", "age_band", "overall", "25_34"),
        json!([7, 3, 3.0 / 7.0, 1.0, false])
    );
    assert_eq!(
        pick("city", "age_band", "screening", "25_34"),
        json!([9, 6, 6.0 / 9.0, 1.0, false])
    );
    assert_eq!(
        pick("city", "disability", "overall", "no"),
        json!([7, 3, 3.0 / 7.0, 1.0, false])
    );
    assert!(
        rows.iter().all(|row| row["group"] != "yes"),
        "the January applicant is outside the period"
    );
    assert_eq!(
        pick("employer", "sex", "interview", "L"),
        json!([3, 2, 2.0 / 3.0, 2.0 / 3.0, true])
    );
    let employer_row = rows
        .iter()
        .find(|row| row["scope"] == "employer")
        .expect("employer rows");
    assert_eq!(employer_row["employer_id"], e1.to_string());
    assert_eq!(employer_row["employer_name"], "PT Uji Laporan 1");
    assert_eq!(rows[0]["scope"], "city", "citywide rows come first");
}

// -------------------------------------------------------------------------------------------------------------
// Placements register
// -------------------------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_placements_register_filters_pages_and_exports_with_typed_cells() {
    use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};

    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let path = "/api/v1/reports/placements?from=2026-01&to=2026-03";
    let first = report_json(&app, &data.token, &format!("{path}&limit=2")).await;
    assert_eq!(first["items"].as_array().expect("items").len(), 2);
    let cursor = first["next_cursor"].as_str().expect("a next page");
    let second = report_json(
        &app,
        &data.token,
        &format!("{path}&limit=2&cursor={cursor}"),
    )
    .await;
    assert_eq!(second["items"].as_array().expect("items").len(), 1);
    assert!(second["next_cursor"].is_null());
    let months: Vec<&Value> = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .chain(second["items"].as_array().expect("items"))
        .map(|item| &item["report_month"])
        .collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
    assert_eq!(first["items"][0]["seeker_registration_number"], "S7");
    assert!(
        first["items"][0].get("full_name").is_none(),
        "no names in the register"
    );

    let women = report_json(&app, &data.token, &format!("{path}&sex=P")).await;
    let women: Vec<&Value> = women["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| &item["seeker_registration_number"])
        .collect();
    assert_eq!(women, ["S2"]);
    let kota = report_json(
        &app,
        &data.token,
        &format!("{path}&region=64.71.06&occupation=7&industry=F&channel=counter"),
    )
    .await;
    assert_eq!(kota["items"].as_array().expect("items").len(), 2);
    let none = report_json(&app, &data.token, &format!("{path}&industry=I")).await;
    assert_eq!(none["items"], json!([]));
    for bad in [
        "channel=pos",
        "sex=X",
        "industry=Z",
        "occupation=abc",
        "limit=0",
    ] {
        assert_eq!(
            app.get_as(&data.token, &format!("{path}&{bad}"))
                .await
                .status(),
            422,
            "{bad}"
        );
    }

    let (_, csv_bytes) =
        report_bytes(&app, &data.token, &format!("{path}&format=csv"), "*/*").await;
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[0..4],
        ["placement_id", "report_month", "start_date", "recorded_at"]
    );
    let records: Vec<csv::StringRecord> = reader
        .records()
        .map(|record| record.expect("a record"))
        .collect();
    assert_eq!(records.len(), 3);
    assert_eq!(
        (&records[0][1], &records[0][2], &records[0][3]),
        ("2026-01", "2026-01-21", "2026-01-20T14:00:00+08:00")
    );

    let (_, xlsx) = report_bytes(
        &app,
        &data.token,
        path,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    .await;
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("an xlsx workbook");
    let sheet = workbook
        .worksheet_range("placements")
        .expect("the placements sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 4);
    let column = |name: &str| {
        header
            .iter()
            .position(|column| column == name)
            .expect("a column")
    };
    let start = &rows[1][column("start_date")];
    assert!(start.is_datetime(), "start_date is a date cell: {start:?}");
    assert_eq!(
        start.as_date(),
        chrono::NaiveDate::from_ymd_opt(2026, 1, 21)
    );
    assert!(rows[1][column("report_month")].is_datetime());
    assert_eq!(rows[1][column("wage_rupiah")], Data::Float(4_200_000.0));
    assert_eq!(rows[1][column("birth_year")], Data::Float(1995.0));
    assert_eq!(rows[1][column("channel")], Data::String("counter".into()));
}
