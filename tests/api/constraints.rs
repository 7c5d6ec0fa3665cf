//! The schema itself keeps the data's rules: each case in `constraint_cases.tsv` is a statement that must succeed
//! (`ok`) or must be rejected by one named constraint (`bad`), run in order against a fresh migrated database.

use diesel_async::SimpleAsyncConnection;
use jembatan_tests::spawn_app;

const CASES: &str = include_str!("constraint_cases.tsv");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_rule_of_the_schema_accepts_good_rows_and_rejects_bad_ones_by_name() {
    let app = spawn_app().await;
    let mut connection = app.db().await;
    // The cases bring their own reference rows: start from empty code tables, not the loaded reference data.
    jembatan_tests::empty_code_tables(&mut connection).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (line_number, line) in CASES.lines().enumerate() {
        let mut fields = line.splitn(3, '\t');
        let (Some(kind), Some(constraint), Some(statement)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        checked += 1;
        match kind {
            "ok" => {
                if let Err(error) = connection.batch_execute(statement).await {
                    failures.push(format!(
                        "line {}: expected to pass, failed: {error}\n  {statement}",
                        line_number + 1
                    ));
                }
            }
            "bad" => {
                connection.batch_execute("BEGIN").await.expect("begin");
                let result = connection.batch_execute(statement).await;
                connection
                    .batch_execute("ROLLBACK")
                    .await
                    .expect("rollback");
                match result {
                    Ok(()) => failures.push(format!(
                        "line {}: expected rejection by {constraint}, but it passed\n  {statement}",
                        line_number + 1
                    )),
                    Err(error) => {
                        let text = describe(&error);
                        if !text.contains(constraint) {
                            failures.push(format!(
                                "line {}: expected rejection by {constraint}, got: {text}\n  {statement}",
                                line_number + 1
                            ));
                        }
                    }
                }
            }
            other => panic!("line {}: unknown case kind {other}", line_number + 1),
        }
    }
    assert!(checked > 150, "the case file was read ({checked} cases)");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn describe(error: &diesel::result::Error) -> String {
    match error {
        diesel::result::Error::DatabaseError(_, info) => format!(
            "{} | constraint {:?} | {:?} | {:?}",
            info.message(),
            info.constraint_name(),
            info.details(),
            info.hint()
        ),
        other => other.to_string(),
    }
}
