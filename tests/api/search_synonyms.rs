//! Search synonym groups: anyone reads them, officers replace and delete them, and vacancy search applies an edit
//! within seconds without reindexing.

use std::time::{Duration, Instant};

use jembatan_tests::search::{
    WELD_PLATE, get_json, open_vacancy_with_units, seed_search_reference_data, vacancy_titles,
    wait_until_searchable,
};
use jembatan_tests::taxonomy::error_fields;
use jembatan_tests::vacancies::{employer_with_staff, execute, officer_token};
use jembatan_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Status and JSON body (`Null` when there is none) of a request, with a bearer token when one is given.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut request = app.request(method, path).header("accept-language", "en");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("the request is sent");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// `PUT /api/v1/search/synonyms/{canonical}` with `terms`.
async fn put_group(
    app: &TestApp,
    token: Option<&str>,
    canonical: &str,
    terms: &[&str],
) -> (u16, Value) {
    let path = format!("/api/v1/search/synonyms/{canonical}");
    send(
        app,
        Method::PUT,
        &path,
        token,
        Some(&json!({ "terms": terms })),
    )
    .await
}

/// The group of `canonical` as anyone reads it (`Null` when there is none).
async fn group(app: &TestApp, canonical: &str) -> Value {
    let path = format!("/api/v1/search/synonyms/{canonical}");
    let (status, body) = send(app, Method::GET, &path, None, None).await;
    match status {
        200 => body,
        404 => Value::Null,
        other => panic!("GET {path} answered {other}: {body}"),
    }
}

/// The `terms` of a group body.
fn terms(group: &Value) -> Vec<String> {
    group["terms"]
        .as_array()
        .map(|terms| {
            terms
                .iter()
                .filter_map(|term| term.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The `code` of every error of a problem body, in order.
fn error_codes(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| error["code"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Polls the public vacancy search for `query` until finding `title` is `expected`, for at most 10 seconds.
async fn wait_until_search_finds(app: &TestApp, query: &str, title: &str, expected: bool) {
    let path = format!("/api/v1/vacancies/search?q={query}");
    let started = Instant::now();
    loop {
        let (status, page) = get_json(app, &app.address, &path, None).await;
        assert_eq!(status, 200, "{page}");
        if vacancy_titles(&page).iter().any(|found| found == title) == expected {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "searching {query} should {}find {title}: {page}",
            if expected { "" } else { "no longer " }
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An open vacancy titled "Tukang Patri", searchable, and an officer's token.
async fn patri_vacancy(app: &TestApp) -> String {
    seed_search_reference_data(app).await;
    let employer = employer_with_staff(app, "verified").await;
    let officer = officer_token(app).await;
    open_vacancy_with_units(
        app,
        &employer.token,
        &officer,
        "Tukang Patri",
        &[(WELD_PLATE, "required", None)],
    )
    .await;
    wait_until_searchable(app).await;
    officer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_an_officers_new_group_makes_search_find_the_synonym_until_it_is_deleted() {
    let app = spawn_app().await;
    let officer = patri_vacancy(&app).await;
    wait_until_search_finds(&app, "patri", "Tukang Patri", true).await;
    let (_, page) = get_json(
        &app,
        &app.address,
        "/api/v1/vacancies/search?q=solder",
        None,
    )
    .await;
    assert_eq!(
        vacancy_titles(&page),
        Vec::<String>::new(),
        "no synonym yet"
    );

    let (status, created) = put_group(&app, Some(&officer), "patri", &["Solder"]).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(terms(&created), ["patri", "solder"]);
    wait_until_search_finds(&app, "solder", "Tukang Patri", true).await;

    let (status, _) = send(
        &app,
        Method::DELETE,
        "/api/v1/search/synonyms/patri",
        Some(&officer),
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(group(&app, "patri").await, Value::Null);
    wait_until_search_finds(&app, "solder", "Tukang Patri", false).await;
    wait_until_search_finds(&app, "patri", "Tukang Patri", true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_a_change_keeping_row_count_and_latest_update_time_still_reaches_search() {
    let app = spawn_app().await;
    let officer = patri_vacancy(&app).await;
    let (status, body) = put_group(&app, Some(&officer), "patri", &["timah"]).await;
    assert_eq!(status, 201, "{body}");
    wait_until_search_finds(&app, "timah", "Tukang Patri", true).await;

    // What a late-committing edit looks like to the indexer: a member replaced, the number of rows and the
    // newest updated_at unchanged.
    execute(
        &app,
        "UPDATE search_synonyms SET term = 'solder' WHERE term = 'timah'",
    )
    .await;
    wait_until_search_finds(&app, "solder", "Tukang Patri", true).await;
    wait_until_search_finds(&app, "timah", "Tukang Patri", false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_anyone_lists_and_reads_the_seeded_groups() {
    let app = spawn_app().await;
    let (status, page) = send(&app, Method::GET, "/api/v1/search/synonyms", None, None).await;
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().expect("items");
    let canonicals: Vec<&str> = items
        .iter()
        .filter_map(|item| item["canonical"].as_str())
        .collect();
    let mut sorted = canonicals.clone();
    sorted.sort_unstable();
    assert_eq!(canonicals, sorted, "groups come by canonical term");
    let las = items
        .iter()
        .find(|item| item["canonical"] == "las")
        .expect("the las group is seeded");
    assert_eq!(terms(las)[0], "las", "the canonical term comes first");
    assert!(terms(las).contains(&"welding".to_string()), "{las}");
    assert!(las["updated_at"].is_string());

    // ?q= keeps the groups having a term that starts with it, in any case.
    let (status, page) = send(
        &app,
        Method::GET,
        "/api/v1/search/synonyms?q=WELDI",
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let found: Vec<&str> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["canonical"].as_str())
        .collect();
    assert!(found.contains(&"las"), "{page}");
    assert!(!found.contains(&"listrik"), "{page}");

    // One group, by a canonical term with a space.
    let alat_berat = group(&app, "alat%20berat").await;
    assert_eq!(alat_berat["canonical"], "alat berat");
    assert!(terms(&alat_berat).contains(&"heavy equipment".to_string()));
    assert_eq!(terms(&group(&app, "las").await), terms(las));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_unknown_groups_are_404_to_read_and_delete() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    for path in [
        "/api/v1/search/synonyms/tidak%20ada",
        "/api/v1/search/synonyms/LAS",
        "/api/v1/search/synonyms/welding",
    ] {
        let (status, problem) = send(&app, Method::GET, path, None, None).await;
        assert_eq!(status, 404, "GET {path}: {problem}");
        assert_eq!(problem["code"], "not_found");
    }
    let (status, problem) = send(
        &app,
        Method::DELETE,
        "/api/v1/search/synonyms/tidak%20ada",
        Some(&officer),
        None,
    )
    .await;
    assert_eq!(status, 404, "{problem}");
    // A member that is not the head names no group either, and deleting it deletes nothing.
    let (status, _) = send(
        &app,
        Method::DELETE,
        "/api/v1/search/synonyms/welding",
        Some(&officer),
        None,
    )
    .await;
    assert_eq!(status, 404);
    assert!(terms(&group(&app, "las").await).contains(&"welding".to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_only_the_labour_office_writes_groups() {
    let app = spawn_app().await;
    let before = group(&app, "las").await;
    let (status, problem) = put_group(&app, None, "las", &["welding"]).await;
    assert_eq!(status, 401, "{problem}");
    let (status, _) = send(
        &app,
        Method::DELETE,
        "/api/v1/search/synonyms/las",
        None,
        None,
    )
    .await;
    assert_eq!(status, 401);
    for token in [app.employer_staff_token().await, app.seeker_token().await] {
        let (status, problem) = put_group(&app, Some(&token), "las", &["welding"]).await;
        assert_eq!(status, 403, "{problem}");
        assert_eq!(problem["code"], "forbidden");
        let (status, _) = send(
            &app,
            Method::DELETE,
            "/api/v1/search/synonyms/las",
            Some(&token),
            None,
        )
        .await;
        assert_eq!(status, 403);
        let (status, _) = put_group(&app, Some(&token), "patri", &["solder"]).await;
        assert_eq!(status, 403);
    }
    assert_eq!(group(&app, "las").await, before, "nothing changed");
    assert_eq!(group(&app, "patri").await, Value::Null, "nothing created");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_a_put_breaking_a_rule_names_the_field_and_the_rule_and_changes_nothing() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    let las_before = group(&app, "las").await;
    let listrik_before = group(&app, "listrik").await;
    let too_long = "x".repeat(65);
    let cases: Vec<(&str, Vec<&str>, &str, &str)> = vec![
        (
            "las",
            vec!["welding", "  "],
            "terms[1]",
            "synonym_term_empty",
        ),
        (
            "las",
            vec!["welding", " Welding "],
            "terms[1]",
            "synonym_term_duplicate",
        ),
        ("las", vec![&too_long], "terms[0]", "synonym_term_too_long"),
        (
            "las",
            vec!["welding", "Teknisi  Listrik"],
            "terms[1]",
            "synonym_term_in_other_group",
        ),
        (
            "Las",
            vec!["welding"],
            "canonical",
            "synonym_term_not_normalised",
        ),
        (
            "las",
            vec!["las"],
            "terms",
            "synonym_group_without_other_term",
        ),
        // A new group whose head is already a member of another group.
        (
            "welder",
            vec!["tukang las baru"],
            "canonical",
            "synonym_term_in_other_group",
        ),
    ];
    for (canonical, listed, field, code) in cases {
        let (status, problem) = put_group(&app, Some(&officer), canonical, &listed).await;
        assert_eq!(status, 422, "{canonical} {listed:?}: {problem}");
        assert_eq!(problem["code"], "validation_failed");
        assert_eq!(error_fields(&problem), [field], "{problem}");
        assert_eq!(error_codes(&problem), [code], "{problem}");
        assert_eq!(group(&app, "las").await, las_before, "las unchanged");
        assert_eq!(
            group(&app, "listrik").await,
            listrik_before,
            "listrik unchanged"
        );
    }
    let many: Vec<String> = (0..51).map(|n| format!("istilah {n}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let (status, problem) = put_group(&app, Some(&officer), "las", &many).await;
    assert_eq!(status, 422);
    assert_eq!(error_codes(&problem), ["synonym_terms_too_many"]);

    // The message names the term and the group it already belongs to.
    let (_, problem) = put_group(&app, Some(&officer), "las", &["instalatir"]).await;
    let message = problem["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("instalatir") && message.contains("listrik"),
        "{problem}"
    );
    assert_eq!(group(&app, "las").await, las_before, "las unchanged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_a_put_replaces_the_members_and_frees_the_dropped_terms() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    let (status, replaced) = put_group(
        &app,
        Some(&officer),
        "las",
        &["Pengelasan", "welding", "juru   las", "las"],
    )
    .await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(
        terms(&replaced),
        ["las", "juru las", "pengelasan", "welding"]
    );
    assert_eq!(group(&app, "las").await, replaced);
    // "welder" left the group, so another group may take it.
    let (status, created) = put_group(&app, Some(&officer), "juru patri", &["welder"]).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["canonical"], "juru patri");
    assert_eq!(
        terms(&group(&app, "juru%20patri").await),
        ["juru patri", "welder"]
    );
    let (status, again) = put_group(&app, Some(&officer), "juru patri", &["welder"]).await;
    assert_eq!(status, 200, "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_synonyms_every_endpoint_is_in_the_openapi_document() {
    let app = spawn_app().await;
    let (status, document) = send(&app, Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(status, 200);
    let paths = &document["paths"];
    for (path, method) in [
        ("/api/v1/search/synonyms", "get"),
        ("/api/v1/search/synonyms/{canonical}", "get"),
        ("/api/v1/search/synonyms/{canonical}", "put"),
        ("/api/v1/search/synonyms/{canonical}", "delete"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    let schemas = &document["components"]["schemas"];
    assert!(schemas["SynonymGroupResponse"].is_object());
    assert!(schemas["SynonymGroupChanges"].is_object());
}
