//! Matching and search over HTTP: ranked and explained candidates for a vacancy, recommendations for a seeker,
//! free-text vacancy search, and the index lifecycle (catch-up after a restart, a late commit, rebuild
//! equivalence, several servers on one database).

use serde_json::Value;
use uuid::Uuid;

use jembatan_tests::search::{
    EXCAVATOR, SecondServer, WELD_DRAWING, WELD_PIPE, WELD_PLATE, certify, get_json,
    open_vacancy_with_units, search_status, seed_search_reference_data, seeker_declaring,
    seeker_ids, start_fresh, start_on, vacancy_titles, wait_until_searchable,
    wait_until_searchable_at,
};
use jembatan_tests::seekers::{count, execute_sql};
use jembatan_tests::vacancies::{days_from_today, employer_with_staff, officer_token, today};
use jembatan_tests::{TestApp, spawn_app};

/// A cohort of a BLK programme teaching `unit`, open for registration, starting in `starts_in` days.
async fn open_cohort_teaching(app: &TestApp, unit: &str, name: &str, starts_in: u64) {
    let officer = app
        .create_user(
            "officer",
            &format!("blk-{}@disnaker.test", Uuid::now_v7().simple()),
        )
        .await;
    let provider = Uuid::now_v7();
    let programme = Uuid::now_v7();
    execute_sql(
        app,
        &format!(
            "INSERT INTO training_providers (id, name, kind) VALUES ('{provider}', 'UPTD BLK {name}', 'uptd_blk')"
        ),
    )
    .await;
    execute_sql(
        app,
        &format!(
            "INSERT INTO training_programmes (id, training_provider_id, name, vocation_code, duration_hours, mode, \
                                              funding_source, created_by) \
             VALUES ('{programme}', '{provider}', 'Pelatihan {name}', 'las', 160, 'tatap_muka', 'apbd', '{}')",
            officer.id
        ),
    )
    .await;
    execute_sql(
        app,
        &format!(
            "INSERT INTO programme_units (programme_id, unit_code) VALUES ('{programme}', '{unit}')"
        ),
    )
    .await;
    execute_sql(
        app,
        &format!(
            "INSERT INTO cohorts (programme_id, name, starts_on, ends_on, registration_opens_on, \
                                  registration_closes_on, quota, status) \
             VALUES ('{programme}', 'Angkatan {name}', '{}', '{}', '{}', '{}', 20, 'registration_open')",
            days_from_today(starts_in),
            days_from_today(starts_in + 30),
            today(),
            days_from_today(starts_in - 1),
        ),
    )
    .await;
}

fn units_of(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|units| {
            units
                .iter()
                .filter_map(|unit| unit["unit_code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matches_put_full_coverage_first_explain_each_candidate_and_leave_out_the_ineligible() {
    let app = spawn_app().await;
    seed_search_reference_data(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let vacancy = open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Pipa",
        &[
            (WELD_PLATE, "required", None),
            (WELD_DRAWING, "required", None),
            (WELD_PIPE, "optional", None),
        ],
    )
    .await;
    let full = seeker_declaring(&app, "lengkap", &[WELD_PLATE, WELD_DRAWING]).await;
    let partial = seeker_declaring(&app, "sebagian", &[WELD_PIPE]).await;
    certify(&app, &partial, &[WELD_PLATE], days_from_today(400)).await;
    let optional_only = seeker_declaring(&app, "opsional", &[WELD_PIPE]).await;
    let no_consent = seeker_declaring(&app, "tanpaizin", &[WELD_PLATE, WELD_DRAWING]).await;
    execute_sql(
        &app,
        &format!(
            "UPDATE seekers SET consent_visible_to_employers = false WHERE id = '{}'; ",
            no_consent.id
        ),
    )
    .await;
    execute_sql(
        &app,
        &format!(
            "INSERT INTO search_outbox (entity_kind, entity_id) VALUES ('seeker', '{}')",
            no_consent.id
        ),
    )
    .await;
    let applied = seeker_declaring(&app, "melamar", &[WELD_PLATE, WELD_DRAWING]).await;
    execute_sql(
        &app,
        &format!(
            "INSERT INTO applications (vacancy_id, seeker_id, origin, stage, applied_at) \
             VALUES ('{vacancy}', '{}', 'applied', 'applied', now())",
            applied.id
        ),
    )
    .await;
    open_cohort_teaching(&app, WELD_DRAWING, "Gambar Las Lama", 40).await;
    open_cohort_teaching(&app, WELD_DRAWING, "Gambar Las Segera", 10).await;
    wait_until_searchable(&app).await;

    let path = format!("/api/v1/vacancies/{vacancy}/matches");
    let (status, page) = get_json(&app, &app.address, &path, Some(&employer.token)).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        seeker_ids(&page),
        vec![
            full.id.clone(),
            partial.id.clone(),
            optional_only.id.clone()
        ]
    );

    let first = &page["items"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["key"]["required_covered"], 2);
    assert_eq!(first["key"]["required_total"], 2);
    assert_eq!(
        units_of(&first["explanation"]["required_matched"]),
        vec![WELD_PLATE, WELD_DRAWING]
    );
    assert_eq!(
        first["explanation"]["required_matched"][0]["evidence"]["level"],
        "declared"
    );
    assert_eq!(
        first["explanation"]["required_matched"][0]["evidence"]["label_id"],
        "Pernyataan sendiri"
    );
    assert_eq!(
        first["explanation"]["required_matched"][0]["title_en"],
        "Weld plates with manual metal arc"
    );
    assert!(
        first["explanation"]["required_matched"][1]
            .get("nearest_cohort")
            .is_none(),
        "a unit the candidate covers gets no training advice, though cohorts teach it: {first}"
    );
    assert_eq!(
        first["explanation"]["summary_id"],
        "Memenuhi 2 dari 2 unit wajib, 0 dari 1 unit diutamakan"
    );
    assert_eq!(
        first["explanation"]["summary_en"],
        "Covers 2 of 2 required units, 0 of 1 optional units"
    );

    let second = &page["items"][1];
    assert_eq!(
        units_of(&second["explanation"]["required_matched"]),
        vec![WELD_PLATE]
    );
    assert_eq!(
        second["explanation"]["required_matched"][0]["evidence"]["level"],
        "certified"
    );
    assert_eq!(
        units_of(&second["explanation"]["required_missing"]),
        vec![WELD_DRAWING]
    );
    assert_eq!(
        units_of(&second["explanation"]["optional_matched"]),
        vec![WELD_PIPE]
    );
    let advice = &second["explanation"]["required_missing"][0]["nearest_cohort"];
    assert_eq!(
        advice["cohort_name"], "Angkatan Gambar Las Segera",
        "the cohort starting soonest: {advice}"
    );
    assert_eq!(
        second["explanation"]["summary_en"],
        "Covers 1 of 2 required units (1 certified), 1 of 1 optional units"
    );

    // Officers see the same list; anyone else gets 404, a missing token 401.
    let (status, as_officer) = get_json(&app, &app.address, &path, Some(&officer)).await;
    assert_eq!(status, 200);
    assert_eq!(seeker_ids(&as_officer), seeker_ids(&page));
    let other_employer = employer_with_staff(&app, "verified").await;
    assert_eq!(
        get_json(&app, &app.address, &path, Some(&other_employer.token))
            .await
            .0,
        404
    );
    assert_eq!(
        get_json(&app, &app.address, &path, Some(&full.token))
            .await
            .0,
        404
    );
    assert_eq!(get_json(&app, &app.address, &path, None).await.0, 401);
    let unknown = format!("/api/v1/vacancies/{}/matches", Uuid::now_v7());
    assert_eq!(
        get_json(&app, &app.address, &unknown, Some(&officer))
            .await
            .0,
        404
    );

    // Pages of one follow each other.
    let (_, first_page) = get_json(
        &app,
        &app.address,
        &format!("{path}?limit=1"),
        Some(&officer),
    )
    .await;
    let cursor = first_page["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_string();
    let (_, second_page) = get_json(
        &app,
        &app.address,
        &format!("{path}?limit=1&cursor={cursor}"),
        Some(&officer),
    )
    .await;
    assert_eq!(seeker_ids(&second_page), vec![partial.id.clone()]);
    assert_eq!(second_page["items"][0]["rank"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vacancy_asking_for_a_certificate_matches_only_certified_holders() {
    let app = spawn_app().await;
    seed_search_reference_data(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let vacancy = open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Bersertifikat",
        &[(WELD_PLATE, "required", Some("certified"))],
    )
    .await;
    let declared = seeker_declaring(&app, "pernyataan", &[WELD_PLATE]).await;
    let expired = seeker_declaring(&app, "kedaluwarsa", &[]).await;
    certify(
        &app,
        &expired,
        &[WELD_PLATE],
        today().pred_opt().expect("yesterday"),
    )
    .await;
    let valid = seeker_declaring(&app, "berlaku", &[]).await;
    certify(&app, &valid, &[WELD_PLATE], days_from_today(30)).await;
    wait_until_searchable(&app).await;

    let (status, page) = get_json(
        &app,
        &app.address,
        &format!("/api/v1/vacancies/{vacancy}/matches"),
        Some(&officer),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        seeker_ids(&page),
        vec![valid.id.clone()],
        "declared {} and expired {} are left out",
        declared.id,
        expired.id
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recommendations_rank_covered_vacancies_first_with_gap_advice_for_the_seeker_and_officers_only()
 {
    let app = spawn_app().await;
    seed_search_reference_data(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Pelat",
        &[(WELD_PLATE, "required", None)],
    )
    .await;
    open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Pipa",
        &[
            (WELD_PLATE, "required", None),
            (WELD_PIPE, "required", None),
        ],
    )
    .await;
    open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Operator Excavator",
        &[(EXCAVATOR, "required", None)],
    )
    .await;
    let closed = open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Tutup",
        &[(WELD_PLATE, "required", None)],
    )
    .await;
    execute_sql(&app, &format!("UPDATE vacancies SET status = 'closed', closed_at = now(), closed_reason = 'terisi' WHERE id = '{closed}'")).await;
    execute_sql(
        &app,
        &format!(
            "INSERT INTO search_outbox (entity_kind, entity_id) VALUES ('vacancy', '{closed}')"
        ),
    )
    .await;
    open_cohort_teaching(&app, WELD_PIPE, "Las Pipa", 14).await;
    let seeker = seeker_declaring(&app, "pelamar", &[WELD_PLATE]).await;
    wait_until_searchable(&app).await;

    let path = format!("/api/v1/seekers/{}/recommendations", seeker.id);
    let (status, page) = get_json(&app, &app.address, &path, Some(&seeker.token)).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        vacancy_titles(&page),
        vec!["Juru Las Pelat", "Juru Las Pipa", "Operator Excavator"]
    );
    assert_eq!(page["items"][0]["key"]["required_missing"], 0);
    let pipe = &page["items"][1];
    assert_eq!(pipe["key"]["required_missing"], 1);
    assert_eq!(
        units_of(&pipe["explanation"]["required_missing"]),
        vec![WELD_PIPE]
    );
    assert_eq!(
        pipe["explanation"]["required_missing"][0]["nearest_cohort"]["programme_name"],
        "Pelatihan Las Pipa"
    );
    assert_eq!(
        pipe["vacancy"]["employment_type_label_id"],
        "PKWT (kontrak)"
    );

    assert_eq!(
        get_json(&app, &app.address, &path, Some(&officer)).await.0,
        200
    );
    let unknown = format!("/api/v1/seekers/{}/recommendations", uuid::Uuid::new_v4());
    assert_eq!(
        get_json(&app, &app.address, &unknown, Some(&officer))
            .await
            .0,
        404,
        "an officer asking for a seeker that does not exist"
    );
    assert_eq!(
        get_json(&app, &app.address, &path, Some(&employer.token))
            .await
            .0,
        404
    );
    let other = seeker_declaring(&app, "lain", &[]).await;
    assert_eq!(
        get_json(&app, &app.address, &path, Some(&other.token))
            .await
            .0,
        404
    );
    assert_eq!(get_json(&app, &app.address, &path, None).await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vacancy_search_finds_words_through_stems_synonyms_and_typos_with_facets_and_highlights() {
    let app = spawn_app().await;
    seed_search_reference_data(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Pipa",
        &[(WELD_PIPE, "required", None)],
    )
    .await;
    open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Operator Excavator",
        &[(EXCAVATOR, "required", None)],
    )
    .await;
    wait_until_searchable(&app).await;

    let search = |query: &str| {
        let path = format!("/api/v1/vacancies/search?{query}");
        let app = &app;
        async move { get_json(app, &app.address, &path, None).await }
    };
    // Stemming: "mengelas" meets "las" (and "pengelasan" in the description).
    let (status, page) = search("q=mengelas").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(vacancy_titles(&page), vec!["Juru Las Pipa"]);
    assert!(
        page["items"][0]["title_html"]
            .as_str()
            .unwrap_or_default()
            .contains("<mark>Las</mark>"),
        "{page}"
    );
    // The synonym table of the reference data: welder → las.
    assert_eq!(
        vacancy_titles(&search("q=welder").await.1),
        vec!["Juru Las Pipa"]
    );
    // One typo in a longer word.
    assert_eq!(
        vacancy_titles(&search("q=excavtor").await.1),
        vec!["Operator Excavator"]
    );
    // Facets count both; a filter narrows the results but not its own facet.
    let (_, everything) = search("").await;
    assert_eq!(everything["total"], 2);
    let (_, filtered) = search("occupation_group=8").await;
    assert_eq!(
        vacancy_titles(&filtered),
        Vec::<String>::new(),
        "both vacancies are welders (KBJI 7212)"
    );
    let groups = &filtered["facets"]["occupation_group"];
    assert_eq!(groups[0]["value"], "7");
    assert_eq!(groups[0]["count"], 2);
    assert_eq!(groups[0]["label_en"], "Craft and related trades workers");
    // Bad filters are refused with the field named.
    let (status, problem) = search("employment_type=kontrak&industry=ZZ").await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|error| error["field"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(fields, vec!["employment_type", "industry"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_server_resumes_from_its_watermark_and_catches_up_on_changes_made_while_it_was_down()
 {
    let running = start_fresh().await;
    let app = &running.app;
    seed_search_reference_data(app).await;
    let employer = employer_with_staff(app, "verified").await;
    let officer = officer_token(app).await;
    let vacancy = open_vacancy_with_units(
        app,
        &employer.token,
        &officer,
        "Juru Las",
        &[(WELD_PLATE, "required", None)],
    )
    .await;
    let early = seeker_declaring(app, "awal", &[WELD_PLATE]).await;
    wait_until_searchable(app).await;
    let employer_token = employer.token.clone();

    let (database, index_dir) = running.stop().await;
    // While the server is down: a new seeker with the unit, written the way the API writes (row + outbox row).
    let late = Uuid::now_v7();
    {
        let stopped = TestApp {
            address: String::new(),
            port: 0,
            client: reqwest::Client::new(),
            database,
            index_dir,
        };
        jembatan_tests::vacancies::execute(
            &stopped,
            &format!(
                "INSERT INTO seekers (id, registration_number, nik_hash, nik_ciphertext, nik_masked, full_name, \
                     birth_date, birth_year, sex, address, domicile_region_code, education_level, \
                     consent_visible_to_employers, consent_recorded_at, registered_on, valid_until, \
                     last_reported_on, next_report_due_on) \
                 SELECT '{late}', 'AK1-TEST-LATE', decode(md5('{late}') || md5('x{late}'), 'hex'), '\\x00', \
                     '6471************', 'Rina', '1999-01-01', 1999, 'P', 'Jl. Test', '64.71.02', 'smk', true, now(), \
                     current_date, current_date + 700, current_date, current_date + 180; \
                 INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level) \
                     VALUES ('{late}', '{WELD_PLATE}', 'declared'); \
                 INSERT INTO search_outbox (entity_kind, entity_id) VALUES ('seeker', '{late}');"
            ),
        )
        .await;
        let restarted = start_on(stopped.database, stopped.index_dir).await;
        let app = &restarted.app;
        wait_until_searchable(app).await;
        let status = search_status(&app.client, &app.address).await;
        assert_eq!(status["started"], "resumed", "{status}");
        let (code, page) = get_json(
            app,
            &app.address,
            &format!("/api/v1/vacancies/{vacancy}/matches"),
            Some(&employer_token),
        )
        .await;
        assert_eq!(code, 200, "{page}");
        let mut found = seeker_ids(&page);
        found.sort();
        let mut expected = vec![early.id.clone(), late.to_string()];
        expected.sort();
        assert_eq!(found, expected);
        restarted.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_whose_transaction_commits_late_is_not_skipped() {
    use diesel_async::SimpleAsyncConnection;
    let app = spawn_app().await;
    seed_search_reference_data(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let vacancy = open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las",
        &[(WELD_PLATE, "required", None)],
    )
    .await;
    let slow = seeker_declaring(&app, "lambat", &[]).await;
    wait_until_searchable(&app).await;

    // A transaction takes its id first, writes its change and outbox row, and stays open...
    let mut slow_connection = app.db().await;
    slow_connection
        .batch_execute(&format!(
            "BEGIN; SELECT pg_current_xact_id(); \
             INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level) VALUES ('{}', '{WELD_PLATE}', 'declared'); \
             INSERT INTO search_outbox (entity_kind, entity_id) VALUES ('seeker', '{}');",
            slow.id, slow.id
        ))
        .await
        .expect("the slow transaction writes");
    // ...while later transactions commit and are indexed.
    let quick = seeker_declaring(&app, "cepat", &[WELD_PLATE]).await;
    let path = format!("/api/v1/vacancies/{vacancy}/matches");
    let started = std::time::Instant::now();
    loop {
        let (_, page) = get_json(&app, &app.address, &path, Some(&officer)).await;
        if seeker_ids(&page).contains(&quick.id) {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "the quick change became searchable"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    slow_connection
        .batch_execute("COMMIT")
        .await
        .expect("the slow transaction commits");
    wait_until_searchable(&app).await;
    let (_, page) = get_json(&app, &app.address, &path, Some(&officer)).await;
    let mut found = seeker_ids(&page);
    found.sort();
    let mut expected = vec![slow.id.clone(), quick.id.clone()];
    expected.sort();
    assert_eq!(
        found, expected,
        "the change that committed late is searchable too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebuilt_index_on_a_second_server_returns_exactly_the_same_rankings_and_sex_or_age_change_nothing()
 {
    let app = spawn_app().await;
    seed_search_reference_data(&app).await;
    let employer = employer_with_staff(&app, "verified").await;
    let officer = officer_token(&app).await;
    let vacancy = open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Pipa",
        &[
            (WELD_PLATE, "required", None),
            (WELD_DRAWING, "required", None),
            (WELD_PIPE, "optional", None),
        ],
    )
    .await;
    open_vacancy_with_units(
        &app,
        &employer.token,
        &officer,
        "Juru Las Pelat",
        &[(WELD_PLATE, "required", None)],
    )
    .await;
    let mut seekers = Vec::new();
    for (n, units) in [
        vec![WELD_PLATE],
        vec![WELD_PLATE, WELD_DRAWING],
        vec![WELD_PIPE],
        vec![WELD_PLATE, WELD_PIPE],
        vec![WELD_DRAWING],
        vec![WELD_PLATE],
        vec![WELD_PLATE, WELD_DRAWING, WELD_PIPE],
        vec![WELD_PLATE],
    ]
    .into_iter()
    .enumerate()
    {
        seekers.push(seeker_declaring(&app, &format!("pencaker{n}"), &units).await);
    }
    // Updates leave deleted documents behind in the live index.
    certify(&app, &seekers[0], &[WELD_PLATE], days_from_today(200)).await;
    certify(&app, &seekers[5], &[WELD_PLATE], days_from_today(100)).await;
    wait_until_searchable(&app).await;

    let matches = format!("/api/v1/vacancies/{vacancy}/matches?limit=100");
    let recommendations = format!("/api/v1/seekers/{}/recommendations", seekers[3].id);
    let search = "/api/v1/vacancies/search?q=las%20pipa";
    let live: Vec<Value> = {
        let mut answers = Vec::new();
        for path in [matches.as_str(), recommendations.as_str(), search] {
            let (status, body) = get_json(&app, &app.address, path, Some(&officer)).await;
            assert_eq!(status, 200, "{path}: {body}");
            answers.push(body);
        }
        answers
    };
    assert_eq!(
        seeker_ids(&live[0]).len(),
        8,
        "every seeker shares a unit with the vacancy"
    );

    let second = SecondServer::start(&app).await;
    wait_until_searchable_at(&app, &second.address).await;
    assert_eq!(
        search_status(&app.client, &second.address).await["started"],
        "rebuilt"
    );
    for (path, expected) in [matches.as_str(), recommendations.as_str(), search]
        .into_iter()
        .zip(&live)
    {
        let (status, body) = get_json(&app, &second.address, path, Some(&officer)).await;
        assert_eq!(status, 200);
        assert_eq!(&body, expected, "{path} on the rebuilt index");
    }

    // Sex, birth date and disability are not indexed: changing them (and reindexing) changes nothing.
    execute_sql(
        &app,
        "UPDATE seekers SET sex = CASE sex WHEN 'L' THEN 'P' ELSE 'L' END, birth_date = birth_date - 3650, \
                            birth_year = birth_year - 10, has_disability = NOT has_disability",
    )
    .await;
    execute_sql(
        &app,
        "INSERT INTO search_outbox (entity_kind, entity_id) SELECT 'seeker', id FROM seekers",
    )
    .await;
    wait_until_searchable(&app).await;
    wait_until_searchable_at(&app, &second.address).await;
    for address in [app.address.clone(), second.address.clone()] {
        let (_, body) = get_json(&app, &address, &matches, Some(&officer)).await;
        assert_eq!(body, live[0], "after changing sex and age on {address}");
    }
    assert!(count(&app, "SELECT count(*) AS n FROM search_outbox").await > 0);
    second.stop().await;
}
