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
        (outsider, v1, "2026-01-21", "2026-01-01", "2026-01-20 14:00+08"),
        (s2, v1, "2026-02-16", "2026-02-01", "2026-02-15 11:00+08"),
        (outsider, v3, "2026-03-06", "2026-03-01", "2026-03-05 14:00+08"),
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
    assert_eq!(numbers(row(&january, "seekers", "total", "total")), [2, 0, 2, 1, 1, 2, 0, 0, 0, 1, 0, 1, 2, 1, 3]);
    assert_eq!(numbers(row(&february, "seekers", "total", "total")), [2, 1, 3, 0, 2, 2, 0, 2, 2, 1, 1, 2, 1, 0, 1]);
    assert_eq!(numbers(row(&march, "seekers", "total", "total")), [1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
    // Vacancies in openings: L / P only count vacancies restricted to men / women.
    assert_eq!(numbers(row(&january, "vacancies", "total", "total")), [0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    assert_eq!(numbers(row(&february, "vacancies", "total", "total")), [0, 0, 2, 5, 2, 7, 0, 0, 1, 0, 2, 2, 5, 0, 6]);
    assert_eq!(numbers(row(&march, "vacancies", "total", "total")), [5, 0, 6, 0, 0, 0, 1, 0, 2, 4, 0, 4, 0, 0, 0]);

    // February, seekers by education: S4 (sma) registered twice, placed once and removed once in the month.
    only_these(&february, "seekers", "education", &[
        ("sma", [1, 0, 1, 0, 2, 2, 0, 1, 1, 0, 1, 1, 1, 0, 1]),
        ("smk", [0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]),
        ("smp", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
    ]);
    only_these(&february, "seekers", "age_group", &[
        ("15_19", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
        ("20_29", [1, 1, 2, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1]),
        ("45_54", [0, 0, 0, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 0, 0]),
    ]);
    only_these(&january, "seekers", "age_group", &[
        ("15_19", [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]),
        ("20_29", [0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 1, 1, 2]),
        ("30_44", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
    ]);
    only_these(&march, "seekers", "age_group", &[
        ("20_29", [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]),
        ("55_plus", [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
    ]);
    only_these(&february, "vacancies", "education", &[
        ("smk", [0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]),
        ("sma", [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0]),
        ("none", [0, 0, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 5, 0, 5]),
    ]);
    only_these(&february, "vacancies", "kbji_major_group", &[
        ("7", [0, 0, 2, 5, 0, 5, 0, 0, 1, 0, 0, 0, 5, 0, 6]),
        ("5", [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0]),
    ]);
    only_these(&march, "vacancies", "kbli_category", &[
        ("F", [5, 0, 6, 0, 0, 0, 1, 0, 2, 4, 0, 4, 0, 0, 0]),
    ]);

    // The layout is fixed: every education level, age group, KBJI major group and KBLI category, then the month.
    let seeker_dimensions: Vec<&str> = february["seekers"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["dimension"].as_str().expect("text"))
        .collect();
    assert_eq!(seeker_dimensions.len(), 1 + 12 + 5 + 1);
    assert_eq!(february["vacancies"].as_array().expect("rows").len(), 1 + 13 + 10 + 21 + 1);
    assert_eq!(row(&february, "vacancies", "kbli_category", "I")["label"], "Penyediaan akomodasi dan makan minum");
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
        let codes: Vec<&str> = months.iter().map(|row| row["group"].as_str().expect("text")).collect();
        assert_eq!(codes, ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]);
        for pair in months.windows(2) {
            assert_eq!(numbers(pair[1])[0..3], numbers(pair[0])[12..15], "{section} {}", pair[1]["group"]);
        }
        // Each month row of the long period equals that month's own report.
        for month_row in &months {
            let month = month_row["group"].as_str().expect("text");
            let single = ipk(&app, &data.token, &format!("month={month}")).await;
            assert_identities(&single);
            assert_eq!(numbers(month_row), numbers(row(&single, section, "total", "total")), "{section} {month}");
        }
        // The period's total: carried over at its start, the flows summed, remaining at its end.
        let total = numbers(row(&year, section, "total", "total"));
        assert_eq!(total[0..3], numbers(months[0])[0..3]);
        assert_eq!(total[12..15], numbers(months[4])[12..15]);
    }
    // April: nothing happened; carried over = remaining.
    let april = ipk(&app, &data.token, "month=2026-04").await;
    assert_eq!(numbers(row(&april, "seekers", "total", "total")), [1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_month_and_a_kecamatan_without_records_give_the_full_layout_in_zeros() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let city = ipk(&app, &data.token, "month=2026-02").await;
    for query in ["month=2023-06", "month=2026-02&region=64.71.06", "month=2026-02&region=balikpapan_kota"] {
        let report = ipk(&app, &data.token, query).await;
        for section in ["seekers", "vacancies"] {
            let rows = report[section].as_array().expect("rows");
            assert_eq!(rows.len(), city[section].as_array().expect("rows").len(), "{query}");
            for row in rows {
                assert_eq!(numbers(row), vec![0; 15], "{query} {section} {} {}", row["dimension"], row["group"]);
            }
        }
    }
    let kota = ipk(&app, &data.token, "month=2026-02&region=64.71.06").await;
    assert_eq!(kota["region"], json!({ "code": "64.71.06", "name": "Balikpapan Kota" }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kecamatan_report_counts_only_its_own_seekers_and_workplaces() {
    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let timur = ipk(&app, &data.token, "month=2026-02&region=64.71.01").await;
    let barat = ipk(&app, &data.token, "month=2026-02&region=64.71.02").await;
    assert_eq!(numbers(row(&timur, "seekers", "total", "total")), [2, 1, 3, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1]);
    assert_eq!(numbers(row(&barat, "seekers", "total", "total")), [0, 0, 0, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 0, 0]);
    assert_eq!(numbers(row(&timur, "vacancies", "total", "total")), [0, 0, 2, 5, 0, 5, 0, 0, 1, 0, 0, 0, 5, 0, 6]);
    assert_eq!(numbers(row(&barat, "vacancies", "total", "total")), [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0]);
    let refused = app
        .get_as(&data.token, "/api/v1/reports/ipk?month=2026-02&region=99.99.99")
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
    assert_eq!(close(json!({ "month": "2026-01", "region": TIMUR })).await.status(), 201);
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
    let places: Vec<&Value> = list.as_array().expect("a list").iter().map(|c| &c["region_code"]).collect();
    assert_eq!(places, [&Value::Null, &json!(TIMUR)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ipk_exports_as_csv_and_xlsx_with_the_documented_columns_and_real_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    let app = spawn_app().await;
    let data = arrange_ipk(&app).await;
    let json_report = ipk(&app, &data.token, "month=2026-02").await;
    let (content_type, csv_bytes) =
        report_bytes(&app, &data.token, "/api/v1/reports/ipk?month=2026-02", "text/csv").await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert!(!csv_bytes.starts_with(b"\xef\xbb\xbf"), "no byte-order mark");
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_string).collect();
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
    assert_eq!(sorted_header, sorted_keys, "CSV columns are the JSON fields");
    let records: Vec<csv::StringRecord> = reader.records().map(|record| record.expect("a record")).collect();
    let all_rows = json_report["seekers"].as_array().expect("rows").len()
        + json_report["vacancies"].as_array().expect("rows").len();
    assert_eq!(records.len(), all_rows);
    let total = &records[0];
    assert_eq!((&total[0], &total[1], &total[2]), ("seekers", "total", "total"));
    let values: Vec<i64> = (4..19).map(|i| total[i].parse().expect("an integer")).collect();
    assert_eq!(values, [2, 1, 3, 0, 2, 2, 0, 2, 2, 1, 1, 2, 1, 0, 1]);

    let (content_type, xlsx) = report_bytes(
        &app,
        &data.token,
        "/api/v1/reports/ipk?month=2026-02&format=xlsx",
        "*/*",
    )
    .await;
    assert_eq!(content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("an xlsx workbook");
    assert_eq!(workbook.sheet_names(), ["seekers", "vacancies", "info"]);
    let vacancies = workbook.worksheet_range("vacancies").expect("the vacancies sheet");
    let rows: Vec<&[Data]> = vacancies.rows().collect();
    assert_eq!(rows[0][0], Data::String("section".into()));
    assert_eq!(rows[0][18], Data::String("remaining_total".into()));
    assert_eq!(rows.len(), 1 + json_report["vacancies"].as_array().expect("rows").len());
    let numbers_in_sheet: Vec<f64> = rows[1][4..19]
        .iter()
        .map(|cell| match cell {
            Data::Float(value) => *value,
            Data::Int(value) => *value as f64,
            other => panic!("a number cell, got {other:?}"),
        })
        .collect();
    assert_eq!(numbers_in_sheet, [0.0, 0.0, 2.0, 5.0, 2.0, 7.0, 0.0, 0.0, 1.0, 0.0, 2.0, 2.0, 5.0, 0.0, 6.0]);
    let info = workbook.worksheet_range("info").expect("the info sheet");
    assert!(info.rows().any(|row| row[0] == Data::String("from".into()) && row[1] == Data::String("2026-02".into())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_are_for_officers_and_admins_and_the_fairness_report_never_reaches_employers() {
    let app = spawn_app().await;
    let admin = app.create_user("admin", "admin.laporan@disnaker.test").await;
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
        assert_eq!(app.get_as(&admin_token, path).await.status(), 200, "{path} for an admin");
        assert_eq!(app.get_as(&employer.token, path).await.status(), 403, "{path} for an employer");
        assert_eq!(app.get_as(&seeker_token, path).await.status(), 403, "{path} for a seeker");
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
        let response = app.get_as(&token, &format!("/api/v1/reports/ipk?{query}")).await;
        assert_eq!(response.status(), 422, "{query}");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["field"], field, "{query}");
    }
    let running = report_json(
        &app,
        &token,
        &format!("/api/v1/reports/ipk?month={}", chrono::Utc::now().format("%Y-%m")),
    )
    .await;
    assert_eq!(running["period"]["provisional"], true);
}
