//! Reference data: competency units, occupations, industries, vocations and regions. Anyone searches them as they
//! type; officers and administrators create, edit and import them.

use jembatan_tests::TestApp;
use jembatan_tests::taxonomy::spawn_app_with_empty_code_tables as spawn_app;
use jembatan_tests::taxonomy::{codes, error_fields};
use reqwest::Method;
use serde_json::{Value, json};

const WELDING_PLATES: &str = "C.251100.001.01";
const WELDING_DOWNHAND: &str = "C.251100.002.01";
const GAS_CUTTING: &str = "C.251100.010.01";
const JIG_FITTING: &str = "C.251100.003.01";
const NETWORKS: &str = "C.261000.001.01";
const EXCAVATOR: &str = "F.439100.001.01";
const CLASSIFYING: &str = "J.620100.004.01";
const CODING: &str = "J.620100.005.02";

/// An officer's token and a small catalogue of units in two vocations.
async fn catalogue(app: &TestApp) -> String {
    let officer = app.officer_token().await;
    app.create_vocation(&officer, "las", "Teknik Las").await;
    app.create_vocation(&officer, "alat_berat", "Alat Berat")
        .await;
    app.create_vocation(&officer, "ict", "Teknologi Informasi")
        .await;
    let units: [(&str, &str, &str, &[&str]); 8] = [
        (
            WELDING_PLATES,
            "Mengelas Pelat dengan Proses Las Busur Manual",
            "las",
            &["welder"],
        ),
        (
            WELDING_DOWNHAND,
            "Las Busur Manual Posisi Bawah Tangan",
            "las",
            &[],
        ),
        (
            GAS_CUTTING,
            "Memotong Logam dengan Gas",
            "las",
            &["las potong"],
        ),
        (JIG_FITTING, "Memasang Jig Pengelasan", "las", &[]),
        (NETWORKS, "Jaringan Komputer Dasar", "ict", &[]),
        (
            EXCAVATOR,
            "Mengoperasikan Excavator",
            "alat_berat",
            &["operator alat berat"],
        ),
        (CLASSIFYING, "Klasifikasi Data", "ict", &[]),
        (CODING, "Menulis Kode Program", "ict", &[]),
    ];
    for (code, title, vocation, synonyms) in units {
        app.create_unit(&officer, code, title, Some(vocation), synonyms)
            .await;
    }
    officer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_a_word_finds_titles_and_synonyms_with_title_prefixes_first() {
    let app = spawn_app().await;
    catalogue(&app).await;

    let page = app.list("/api/v1/competency-units?q=las").await;
    assert_eq!(
        codes(&page),
        [WELDING_DOWNHAND, WELDING_PLATES, GAS_CUTTING],
        "the title starting with 'las' first, then a title word and a synonym; \
         'Mengelas' and 'Klasifikasi' only contain the letters, not the word"
    );

    let two_words = app.list("/api/v1/competency-units?q=LAS%20busur").await;
    assert_eq!(
        codes(&two_words),
        [WELDING_DOWNHAND, WELDING_PLATES],
        "every word must match, in any case"
    );

    let synonym = app.list("/api/v1/competency-units?q=operator%20alat").await;
    assert_eq!(codes(&synonym), [EXCAVATOR]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_prefix_ranks_above_titles_and_an_exact_code_finds_one_unit() {
    let app = spawn_app().await;
    catalogue(&app).await;

    let prefix = app.list("/api/v1/competency-units?q=c.2511").await;
    assert_eq!(
        codes(&prefix),
        [WELDING_PLATES, WELDING_DOWNHAND, JIG_FITTING, GAS_CUTTING],
        "a lowercase category letter still matches"
    );

    let mixed = app.list("/api/v1/competency-units?q=j").await;
    assert_eq!(
        codes(&mixed),
        [CLASSIFYING, CODING, NETWORKS, JIG_FITTING],
        "codes starting with J, then the title starting with J, then a title word starting with J"
    );

    let exact = app
        .list(&format!("/api/v1/competency-units?q={CODING}"))
        .await;
    assert_eq!(codes(&exact), [CODING]);
    assert_eq!(exact["items"][0]["title"], "Menulis Kode Program");
    assert_eq!(exact["items"][0]["vocation_code"], "ict");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exact_region_code_ranks_before_the_codes_it_prefixes() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    for (code, name) in [
        ("64.71.02", "Balikpapan Barat"),
        ("64.71.01", "Balikpapan Timur"),
    ] {
        let response = app
            .post_json_as(
                Some(&officer),
                "/api/v1/regions",
                &json!({ "code": code, "name": name }),
            )
            .await;
        assert_eq!(response.status(), 201);
    }

    let city_first = app.list("/api/v1/regions?q=64.71").await;
    assert_eq!(
        codes(&city_first),
        ["64.71", "64.71.01", "64.71.02"],
        "creating a kecamatan created its city, which matches exactly"
    );
    assert_eq!(city_first["items"][0]["name"], "Kota Balikpapan");
    assert_eq!(city_first["items"][0]["kind"], "kota");
    assert_eq!(city_first["items"][1]["parent_code"], "64.71");

    let by_spelling = app.list("/api/v1/regions?q=balikpapan_timur").await;
    assert_eq!(codes(&by_spelling), ["64.71.01"]);
    let by_word = app.list("/api/v1/regions?q=barat").await;
    assert_eq!(codes(&by_word), ["64.71.02"]);
    let kecamatan_only = app.list("/api/v1/regions?kind=kecamatan").await;
    assert_eq!(codes(&kecamatan_only), ["64.71.01", "64.71.02"]);

    let outside = app
        .post_json_as(
            Some(&officer),
            "/api/v1/regions",
            &json!({ "code": "64.72.01", "name": "Samarinda" }),
        )
        .await;
    assert_eq!(outside.status(), 422);
    let problem: Value = outside.json().await.expect("json");
    assert_eq!(error_fields(&problem), ["code"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn following_next_cursor_visits_every_match_once_even_when_units_are_added_meanwhile() {
    let app = spawn_app().await;
    let officer = catalogue(&app).await;
    let everything = codes(&app.list("/api/v1/competency-units?limit=100").await);
    assert_eq!(everything.len(), 8);

    let mut seen = Vec::new();
    let mut path = "/api/v1/competency-units?limit=3".to_string();
    loop {
        let page = app.list(&path).await;
        seen.extend(codes(&page));
        if seen.len() == 3 {
            // A unit that sorts before this point must not shift the following pages.
            app.create_unit(&officer, "A.011100.001.01", "Menanam Padi", None, &[])
                .await;
        }
        let Some(cursor) = page["next_cursor"].as_str() else {
            break;
        };
        path = format!("/api/v1/competency-units?limit=3&cursor={cursor}");
    }
    assert_eq!(seen, everything, "no unit is skipped or repeated");

    let mut ranked = Vec::new();
    let mut path = "/api/v1/competency-units?q=las&limit=1".to_string();
    loop {
        let page = app.list(&path).await;
        ranked.extend(codes(&page));
        let Some(cursor) = page["next_cursor"].as_str() else {
            break;
        };
        path = format!("/api/v1/competency-units?q=las&limit=1&cursor={cursor}");
    }
    assert_eq!(
        ranked,
        [WELDING_DOWNHAND, WELDING_PLATES, GAS_CUTTING],
        "pages keep the ranking"
    );

    let forged = app.get("/api/v1/competency-units?cursor=6e6f7065").await;
    assert_eq!(forged.status(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn units_can_be_listed_by_vocation() {
    let app = spawn_app().await;
    catalogue(&app).await;
    let heavy_equipment = app
        .list("/api/v1/competency-units?vocation=alat_berat")
        .await;
    assert_eq!(codes(&heavy_equipment), [EXCAVATOR]);
    let ict_words = app
        .list("/api/v1/competency-units?vocation=ict&q=kode")
        .await;
    assert_eq!(codes(&ict_words), [CODING]);
    let malformed = app
        .get("/api/v1/competency-units?vocation=las%20listrik")
        .await;
    assert_eq!(malformed.status(), 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_creates_a_unit_anyone_reads_it_and_the_officer_edits_it() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_vocation(&officer, "las", "Teknik Las").await;

    let created = app
        .post_json_as(
            Some(&officer),
            "/api/v1/competency-units",
            &json!({
                "code": " c.251100.001.01 ",
                "title": "Mengelas Pelat dengan Proses Las Busur Manual",
                "title_en": "Welding plates with manual metal arc welding",
                "vocation_code": "las",
                "synonyms": ["welder", " Welder ", "SMAW"]
            }),
        )
        .await;
    assert_eq!(created.status(), 201);
    assert_eq!(
        created.headers()["location"],
        "/api/v1/competency-units/C.251100.001.01"
    );
    let body: Value = created.json().await.expect("json");
    assert_eq!(body["code"], WELDING_PLATES, "the code is normalised");
    assert_eq!(
        body["synonyms"],
        json!(["welder", "SMAW"]),
        "repeats are dropped"
    );

    let read = app.get("/api/v1/competency-units/c.251100.001.01").await;
    assert_eq!(read.status(), 200, "reading needs no log-in");
    let read: Value = read.json().await.expect("json");
    assert_eq!(
        read["title_en"],
        "Welding plates with manual metal arc welding"
    );

    let edited = app
        .put_json_as(
            Some(&officer),
            "/api/v1/competency-units/C.251100.001.01",
            &json!({ "title": "Mengelas Pelat Posisi Datar", "synonyms": ["welder"] }),
        )
        .await;
    assert_eq!(edited.status(), 200);
    let edited: Value = edited.json().await.expect("json");
    assert_eq!(edited["title"], "Mengelas Pelat Posisi Datar");
    assert_eq!(
        edited["title_en"],
        Value::Null,
        "PUT replaces: an absent English title is cleared"
    );
    assert_eq!(edited["vocation_code"], Value::Null);
    assert_ne!(edited["updated_at"], body["updated_at"]);
    assert_eq!(edited["created_at"], body["created_at"]);
    let found = app.list("/api/v1/competency-units?q=datar").await;
    assert_eq!(codes(&found), [WELDING_PLATES]);

    let missing = app
        .put_json_as(
            Some(&officer),
            "/api/v1/competency-units/C.251100.099.01",
            &json!({ "title": "Tidak Ada" }),
        )
        .await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        app.get("/api/v1/competency-units/C.251100.099.01")
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/api/v1/competency-units/not-a-code")
            .await
            .status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_unit_with_the_same_code_is_a_conflict() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_unit(&officer, CODING, "Menulis Kode Program", None, &[])
        .await;
    let duplicate = app
        .post_json_as(
            Some(&officer),
            "/api/v1/competency-units",
            &json!({ "code": "j.620100.005.02", "title": "Judul Lain" }),
        )
        .await;
    assert_eq!(duplicate.status(), 409);
    let problem: Value = duplicate.json().await.expect("json");
    assert_eq!(problem["code"], "competency_unit_code_taken");
    let stored = app.list("/api/v1/competency-units").await;
    assert_eq!(
        stored["items"][0]["title"], "Menulis Kode Program",
        "the first unit is untouched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_field_of_a_unit_is_named_in_the_callers_language_and_nothing_is_written() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    let body = json!({ "code": "C.2511.001", "title": " ", "vocation_code": "menjahit" });

    let indonesian = app
        .post_json_as(Some(&officer), "/api/v1/competency-units", &body)
        .await;
    assert_eq!(indonesian.status(), 422);
    let problem: Value = indonesian.json().await.expect("json");
    assert_eq!(error_fields(&problem), ["code", "title", "vocation_code"]);
    assert_eq!(problem["errors"][0]["code"], "competency_unit_format");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Kode unit kompetensi harus"),
        "{problem}"
    );
    assert_eq!(problem["errors"][2]["code"], "vocation_unknown");

    let english = app
        .request(Method::POST, "/api/v1/competency-units")
        .bearer_auth(&officer)
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .expect("sent");
    let problem: Value = english.json().await.expect("json");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("competency unit code must look like"),
        "{problem}"
    );

    let unknown_field = app
        .post_json_as(
            Some(&officer),
            "/api/v1/competency-units",
            &json!({ "code": CODING, "title": "Menulis Kode", "created_at": "2020-01-01T00:00:00Z" }),
        )
        .await;
    assert_eq!(
        unknown_field.status(),
        422,
        "a field the client does not own is refused"
    );
    assert_eq!(
        codes(&app.list("/api/v1/competency-units").await),
        Vec::<String>::new()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seekers_and_employers_may_read_but_not_write_reference_data() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_unit(&officer, CODING, "Menulis Kode Program", None, &[])
        .await;
    let seeker = app.seeker_token().await;
    let employer = app.employer_staff_token().await;
    let unit = json!({ "code": WELDING_PLATES, "title": "Mengelas Pelat" });

    for token in [&seeker, &employer] {
        let writes = [
            app.post_json_as(Some(token), "/api/v1/competency-units", &unit)
                .await,
            app.put_json_as(
                Some(token),
                &format!("/api/v1/competency-units/{CODING}"),
                &json!({ "title": "Diubah" }),
            )
            .await,
            app.post_csv_as(
                Some(token),
                "/api/v1/competency-units/import",
                "code,title,title_en,vocation_code,synonyms\n",
            )
            .await,
            app.post_json_as(
                Some(token),
                "/api/v1/occupations",
                &json!({ "code": "7212.01", "title": "Juru Las" }),
            )
            .await,
            app.post_json_as(
                Some(token),
                "/api/v1/industries",
                &json!({ "code": "41011", "title": "Konstruksi" }),
            )
            .await,
            app.post_json_as(
                Some(token),
                "/api/v1/vocations",
                &json!({ "code": "las", "name": "Teknik Las" }),
            )
            .await,
            app.post_json_as(
                Some(token),
                "/api/v1/regions",
                &json!({ "code": "64.71", "name": "Balikpapan" }),
            )
            .await,
        ];
        for response in writes {
            let url = response.url().path().to_string();
            assert_eq!(response.status(), 403, "{url}");
            let problem: Value = response.json().await.expect("json");
            assert_eq!(problem["code"], "forbidden");
        }
        assert_eq!(
            app.get_as(token, &format!("/api/v1/competency-units/{CODING}"))
                .await
                .status(),
            200
        );
    }
    assert_eq!(
        app.list(&format!("/api/v1/competency-units/{CODING}"))
            .await["title"],
        "Menulis Kode Program",
        "nothing changed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writing_reference_data_without_logging_in_is_unauthorized() {
    let app = spawn_app().await;
    let writes = [
        app.post_json_as(
            None,
            "/api/v1/competency-units",
            &json!({ "code": CODING, "title": "Menulis Kode" }),
        )
        .await,
        app.put_json_as(
            None,
            &format!("/api/v1/competency-units/{CODING}"),
            &json!({ "title": "Menulis Kode" }),
        )
        .await,
        app.post_csv_as(
            None,
            "/api/v1/competency-units/import",
            "code,title,title_en,vocation_code,synonyms\n",
        )
        .await,
        app.post_csv_as(None, "/api/v1/occupations/import", "code,title,title_en\n")
            .await,
        app.put_json_as(
            None,
            "/api/v1/vocations/las",
            &json!({ "name": "Teknik Las" }),
        )
        .await,
        app.put_json_as(
            None,
            "/api/v1/regions/64.71",
            &json!({ "name": "Balikpapan" }),
        )
        .await,
    ];
    for response in writes {
        assert_eq!(response.status(), 401, "{}", response.url().path());
    }
    for list in [
        "competency-units",
        "occupations",
        "industries",
        "vocations",
        "regions",
    ] {
        assert_eq!(
            app.get(&format!("/api/v1/{list}")).await.status(),
            200,
            "{list} are public"
        );
    }
}

const UNIT_HEADER: &str = "code,title,title_en,vocation_code,synonyms";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_bad_row_in_an_import_names_its_row_and_line_and_nothing_is_written() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_vocation(&officer, "las", "Teknik Las").await;
    let csv = format!(
        "{UNIT_HEADER}\n\
         {WELDING_PLATES},Mengelas Pelat,,las,welder\n\
         C.2511.002,Las Busur Manual,,las,\n\
         {GAS_CUTTING},Memotong Logam dengan Gas,,menjahit,\n\
         {WELDING_PLATES},Mengelas Pelat Lagi,,las,\n"
    );
    let response = app
        .post_csv_as(Some(&officer), "/api/v1/competency-units/import", &csv)
        .await;
    assert_eq!(response.status(), 422);
    let problem: Value = response.json().await.expect("json");
    assert_eq!(
        error_fields(&problem),
        ["rows[1].code", "rows[2].vocation_code", "rows[3].code"],
        "{problem}"
    );
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("baris 3: "),
        "{problem}"
    );
    assert_eq!(problem["errors"][2]["code"], "csv_duplicate_code");
    assert_eq!(
        codes(&app.list("/api/v1/competency-units").await),
        Vec::<String>::new(),
        "the good row was not written either"
    );

    let wrong_header = app
        .post_csv_as(
            Some(&officer),
            "/api/v1/competency-units/import",
            "kode,judul\nx,y\n",
        )
        .await;
    assert_eq!(wrong_header.status(), 422);
    let problem: Value = wrong_header.json().await.expect("json");
    assert_eq!(error_fields(&problem), ["header"]);

    let json_body = app
        .post_json_as(
            Some(&officer),
            "/api/v1/competency-units/import",
            &json!([]),
        )
        .await;
    assert_eq!(json_body.status(), 415);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_again_updates_changed_units_creates_new_ones_and_leaves_the_rest() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_vocation(&officer, "las", "Teknik Las").await;

    // Excel's "CSV UTF-8": a byte-order mark, CRLF line ends, quoted fields holding commas and semicolons.
    let first = format!(
        "\u{feff}{UNIT_HEADER}\r\n\
         {WELDING_PLATES},\"Mengelas Pelat, Proses Las Busur Manual\",Welding plates,las,\"welder; las listrik\"\r\n\
         {WELDING_DOWNHAND},Las Busur Manual Posisi Bawah Tangan,,las,\r\n"
    );
    let response = app
        .post_csv_as(Some(&officer), "/api/v1/competency-units/import", &first)
        .await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.expect("json");
    assert_eq!(
        report,
        json!({ "rows": 2, "created": 2, "updated": 0, "unchanged": 0 })
    );
    let unit = app
        .list(&format!("/api/v1/competency-units/{WELDING_PLATES}"))
        .await;
    assert_eq!(unit["title"], "Mengelas Pelat, Proses Las Busur Manual");
    assert_eq!(unit["synonyms"], json!(["welder", "las listrik"]));

    // A spreadsheet on an Indonesian-locale machine writes semicolons between columns.
    let second = format!(
        "code;title;title_en;vocation_code;synonyms\n\
         {WELDING_PLATES};\"Mengelas Pelat, Proses Las Busur Manual\";Welding plates;las;\"welder;las listrik\"\n\
         {WELDING_DOWNHAND};Las Busur Manual Posisi Datar;Downhand welding;las;\n\
         {GAS_CUTTING};Memotong Logam dengan Gas;;las;las potong\n"
    );
    let response = app
        .post_csv_as(Some(&officer), "/api/v1/competency-units/import", &second)
        .await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.expect("json");
    assert_eq!(
        report,
        json!({ "rows": 3, "created": 1, "updated": 1, "unchanged": 1 })
    );
    let updated = app
        .list(&format!("/api/v1/competency-units/{WELDING_DOWNHAND}"))
        .await;
    assert_eq!(updated["title"], "Las Busur Manual Posisi Datar");
    assert_eq!(updated["title_en"], "Downhand welding");
    assert_eq!(
        codes(&app.list("/api/v1/competency-units?q=potong").await),
        [GAS_CUTTING]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn occupations_are_created_searched_and_imported() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    let created = app
        .post_json_as(
            Some(&officer),
            "/api/v1/occupations",
            &json!({ "code": "721201", "title": "Juru Las", "title_en": "Welder" }),
        )
        .await;
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["location"], "/api/v1/occupations/7212.01");
    let duplicate = app
        .post_json_as(
            Some(&officer),
            "/api/v1/occupations",
            &json!({ "code": "7212.01", "title": "Tukang Las" }),
        )
        .await;
    assert_eq!(duplicate.status(), 409);
    let problem: Value = duplicate.json().await.expect("json");
    assert_eq!(problem["code"], "occupation_code_taken");

    let csv = "code,title,title_en\n7212.01,Juru Las Listrik,Welder\n8342.01,Operator Alat Berat,Earthmoving plant operator\n7212.02,Juru Potong Logam,\n";
    let response = app
        .post_csv_as(Some(&officer), "/api/v1/occupations/import", csv)
        .await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.expect("json");
    assert_eq!(
        report,
        json!({ "rows": 3, "created": 2, "updated": 1, "unchanged": 0 })
    );

    assert_eq!(
        codes(&app.list("/api/v1/occupations?q=7212").await),
        ["7212.01", "7212.02"]
    );
    assert_eq!(
        codes(&app.list("/api/v1/occupations?q=juru").await),
        ["7212.01", "7212.02"]
    );
    assert_eq!(
        codes(&app.list("/api/v1/occupations?q=operator").await),
        ["8342.01"]
    );
    assert_eq!(
        app.list("/api/v1/occupations/7212.01").await["title"],
        "Juru Las Listrik"
    );

    let bad = app
        .post_csv_as(
            Some(&officer),
            "/api/v1/occupations/import",
            "code,title,title_en\n7212.1,J,\n",
        )
        .await;
    assert_eq!(bad.status(), 422);
    let problem: Value = bad.json().await.expect("json");
    assert_eq!(error_fields(&problem), ["rows[0].code", "rows[0].title"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_industry_takes_its_category_from_its_code() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    let created = app
        .post_json_as(
            Some(&officer),
            "/api/v1/industries",
            &json!({ "code": "41011", "title": "Konstruksi Gedung Hunian", "title_en": "Construction of residential buildings" }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let body: Value = created.json().await.expect("json");
    assert_eq!(body["category"], "F");

    let csv = "code,title,title_en\n06100,Pertambangan Minyak Bumi,Crude petroleum extraction\n09100,Aktivitas Penunjang Pertambangan Minyak Bumi dan Gas Alam,\n";
    let response = app
        .post_csv_as(Some(&officer), "/api/v1/industries/import", csv)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        codes(&app.list("/api/v1/industries?category=b").await),
        ["06100", "09100"]
    );
    assert_eq!(
        codes(&app.list("/api/v1/industries?q=pertambangan%20minyak").await),
        ["06100", "09100"]
    );
    assert_eq!(
        codes(&app.list("/api/v1/industries?q=konstruksi").await),
        ["41011"]
    );

    let unassigned = app
        .post_json_as(
            Some(&officer),
            "/api/v1/industries",
            &json!({ "code": "34000", "title": "Tidak Ada" }),
        )
        .await;
    assert_eq!(unassigned.status(), 422);
    let problem: Value = unassigned.json().await.expect("json");
    assert_eq!(problem["errors"][0]["code"], "kbli_division");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vocations_are_created_renamed_and_named_by_units() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_vocation(&officer, "alat_berat", "Alat Berat")
        .await;
    let duplicate = app
        .post_json_as(
            Some(&officer),
            "/api/v1/vocations",
            &json!({ "code": "Alat_Berat", "name": "Alat Berat" }),
        )
        .await;
    assert_eq!(duplicate.status(), 409);
    let malformed = app
        .post_json_as(
            Some(&officer),
            "/api/v1/vocations",
            &json!({ "code": "alat berat", "name": "Alat Berat" }),
        )
        .await;
    assert_eq!(malformed.status(), 422);
    let problem: Value = malformed.json().await.expect("json");
    assert_eq!(problem["errors"][0]["code"], "vocation_code_format");

    let renamed = app
        .put_json_as(
            Some(&officer),
            "/api/v1/vocations/alat_berat",
            &json!({ "name": "Operator Alat Berat", "name_en": "Heavy equipment" }),
        )
        .await;
    assert_eq!(renamed.status(), 200);
    assert_eq!(
        codes(&app.list("/api/v1/vocations?q=heavy").await),
        ["alat_berat"]
    );
    assert_eq!(
        codes(&app.list("/api/v1/vocations?q=ALAT").await),
        ["alat_berat"]
    );
    assert_eq!(app.get("/api/v1/vocations/las").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_text_is_taken_literally_and_limited_to_a_hundred_characters() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    app.create_unit(
        &officer,
        CODING,
        "Menulis Kode Program (Dasar)",
        None,
        &["c++"],
    )
    .await;
    for pattern_character in ["%25", "_", "%5C", "."] {
        let page = app
            .list(&format!("/api/v1/competency-units?q={pattern_character}"))
            .await;
        assert_eq!(
            codes(&page),
            Vec::<String>::new(),
            "{pattern_character} matches only itself"
        );
    }
    let parenthesis = app.list("/api/v1/competency-units?q=(dasar").await;
    assert_eq!(
        codes(&parenthesis),
        Vec::<String>::new(),
        "'(dasar' is not a word start"
    );
    let plus = app.list("/api/v1/competency-units?q=c%2B%2B").await;
    assert_eq!(codes(&plus), [CODING]);

    let response = app
        .get(&format!("/api/v1/competency-units?q={}", "a".repeat(101)))
        .await;
    assert_eq!(response.status(), 422);
    let problem: Value = response.json().await.expect("json");
    assert_eq!(error_fields(&problem), ["q"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_taxonomy_endpoint_is_in_the_openapi_document() {
    let app = spawn_app().await;
    let document = app.list("/api/openapi.json").await;
    let paths = &document["paths"];
    for (path, method) in [
        ("/api/v1/competency-units", "get"),
        ("/api/v1/competency-units", "post"),
        ("/api/v1/competency-units/{code}", "get"),
        ("/api/v1/competency-units/{code}", "put"),
        ("/api/v1/competency-units/import", "post"),
        ("/api/v1/occupations", "get"),
        ("/api/v1/occupations", "post"),
        ("/api/v1/occupations/{code}", "get"),
        ("/api/v1/occupations/{code}", "put"),
        ("/api/v1/occupations/import", "post"),
        ("/api/v1/industries", "get"),
        ("/api/v1/industries", "post"),
        ("/api/v1/industries/{code}", "get"),
        ("/api/v1/industries/{code}", "put"),
        ("/api/v1/industries/import", "post"),
        ("/api/v1/vocations", "get"),
        ("/api/v1/vocations", "post"),
        ("/api/v1/vocations/{code}", "get"),
        ("/api/v1/vocations/{code}", "put"),
        ("/api/v1/regions", "get"),
        ("/api/v1/regions", "post"),
        ("/api/v1/regions/{code}", "get"),
        ("/api/v1/regions/{code}", "put"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    assert!(
        paths["/api/v1/competency-units/import"]["post"]["requestBody"]["content"]["text/csv"]
            .is_object(),
        "the import takes text/csv"
    );
    assert!(document["components"]["schemas"]["CompetencyUnitResponse"].is_object());
    assert!(document["components"]["schemas"]["ImportReport"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_over_the_body_limit_or_not_in_utf8_is_refused() {
    let app = spawn_app().await;
    let officer = app.officer_token().await;
    let row = format!("{CODING},Menulis Kode Program,,,\n");
    let huge = format!("{UNIT_HEADER}\n{}", row.repeat(300 * 1024 / row.len()));
    let response = app
        .post_csv_as(Some(&officer), "/api/v1/competency-units/import", &huge)
        .await;
    assert_eq!(response.status(), 413);
    let problem: Value = response.json().await.expect("json");
    assert_eq!(problem["code"], "payload_too_large");

    // A title with an é saved by a spreadsheet as Windows-1252 is not UTF-8.
    let mut latin1 = format!("{UNIT_HEADER}\n{CODING},Caf").into_bytes();
    latin1.extend_from_slice(b"\xe9,,,\n");
    let response = app
        .request(Method::POST, "/api/v1/competency-units/import")
        .bearer_auth(&officer)
        .header("content-type", "text/csv; charset=windows-1252")
        .body(latin1)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.expect("json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("UTF-8"),
        "{problem}"
    );
    assert_eq!(
        codes(&app.list("/api/v1/competency-units").await),
        Vec::<String>::new()
    );
}
