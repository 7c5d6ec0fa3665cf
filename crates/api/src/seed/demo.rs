//! Loading the demo: hash the shared password once, generate every row off the executor, then write them in one
//! transaction of batched multi-row inserts that skip rows already present.

use std::collections::HashSet;
use std::fmt;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHasher, SaltString};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use super::generate::{DemoData, EMAIL_DOMAIN, generate};
use super::reference::{ReferenceCounts, load_reference};
use super::rows::SearchOutboxRow;
use super::{DemoOptions, TableCount};
use crate::db::DbPool;
use crate::db::schema::*;
use crate::pii::NikProtector;

/// Password of every demo account (`admin@`, `officer1@`, `employer1@`, `blk1@`, `seeker1@` ... `demo.jembatan.id`).
pub const DEMO_PASSWORD: &str = "jembatan-demo";
/// Domain of every demo e-mail address.
pub const DEMO_EMAIL_DOMAIN: &str = EMAIL_DOMAIN;

/// Rows per INSERT statement: the widest table (seekers, 45 columns) stays well below PostgreSQL's 65,535 bind
/// parameters per statement.
const ROWS_PER_STATEMENT: usize = 1000;
const SEEKER_COLUMNS: usize = 45;
const _: () = assert!(
    ROWS_PER_STATEMENT * SEEKER_COLUMNS < 65_535,
    "a seekers chunk needs fewer bind parameters"
);

/// What a demo load wrote, per table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    /// Seed and size the demo was generated with.
    pub options: DemoOptions,
    /// The reference tables, loaded first in the same transaction.
    pub reference: ReferenceCounts,
    /// The demo tables, in insert order.
    pub tables: Vec<TableCount>,
    /// Wall time of generation and writing.
    pub elapsed: Duration,
}

impl DemoReport {
    /// Demo rows written by this run (reference rows not included).
    pub fn inserted(&self) -> usize {
        self.tables.iter().map(|count| count.inserted).sum()
    }

    /// Demo rows that were already there.
    pub fn already_present(&self) -> usize {
        self.tables.iter().map(|count| count.already_present).sum()
    }

    /// The count for one table, if the demo writes it.
    pub fn table(&self, name: &str) -> Option<TableCount> {
        self.tables
            .iter()
            .find(|count| count.table == name)
            .copied()
    }
}

impl fmt::Display for DemoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Balikpapan demo (seed {}, {} seekers, dated {}) loaded in {:.1} s",
            self.options.seed,
            self.options.seekers,
            self.options.today,
            self.elapsed.as_secs_f64()
        )?;
        writeln!(
            f,
            "log in as admin@{DEMO_EMAIL_DOMAIN}, officer1@..., employer1@..., blk1@..., seeker1@... with password {DEMO_PASSWORD}"
        )?;
        super::write_counts(f, "reference data", &self.reference.tables)?;
        super::write_counts(f, "demo data", &self.tables)
    }
}

/// Loads the reference data and the Balikpapan demo in one transaction; rows already present are skipped.
///
/// Fails without writing anything when the database holds a demo generated from another seed (its accounts would
/// collide on e-mail addresses).
#[tracing::instrument(skip_all, fields(seed = options.seed, seekers = options.seekers, today = %options.today))]
pub async fn load_demo(
    pool: &DbPool,
    nik: &NikProtector,
    options: &DemoOptions,
) -> anyhow::Result<DemoReport> {
    let started = Instant::now();
    let generation_options = options.clone();
    let protector = nik.clone();
    // argon2 and generating 2,000 seekers take a moment of CPU: keep them off the async executor.
    let data = tokio::task::spawn_blocking(move || -> anyhow::Result<DemoData> {
        let password_hash = hash_demo_password(generation_options.seed)?;
        generate(&generation_options, &protector, &password_hash)
    })
    .await??;
    let generated_in = started.elapsed();

    let mut pooled = pool.get().await?;
    let connection: &mut AsyncPgConnection = &mut pooled;
    let data_ref = &data;
    let (reference, tables) = connection
        .transaction::<_, anyhow::Error, _>(async move |conn| {
            let reference = load_reference(conn).await?;
            ensure_same_demo(conn, data_ref).await?;
            let tables = write(conn, data_ref).await?;
            Ok((reference, tables))
        })
        .await?;
    let report = DemoReport {
        options: options.clone(),
        reference,
        tables,
        elapsed: started.elapsed(),
    };
    tracing::info!(
        inserted = report.inserted(),
        already_present = report.already_present(),
        generated_ms = generated_in.as_millis() as u64,
        total_ms = report.elapsed.as_millis() as u64,
        "demo data loaded"
    );
    Ok(report)
}

/// The argon2id hash (default parameters) of [`DEMO_PASSWORD`], computed once per load and shared by every demo
/// account. The salt comes from the seed, so the same seed gives the same hash.
fn hash_demo_password(seed: u64) -> anyhow::Result<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // A stream of its own, so the salt never shifts the generator's choices.
    rng.set_stream(1);
    let salt_bytes: [u8; 16] = rng.random();
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|error| anyhow::anyhow!("demo password salt: {error}"))?;
    let hash = argon2::Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
        .map_err(|error| anyhow::anyhow!("hashing the demo password failed: {error}"))?;
    Ok(hash.to_string())
}

/// Refuses to mix two demos: another seed gives other ids for the same e-mail addresses and NIB numbers.
async fn ensure_same_demo(conn: &mut AsyncPgConnection, data: &DemoData) -> anyhow::Result<()> {
    let Some(admin) = data.admin() else {
        return Ok(());
    };
    let Some(email) = admin.email.as_deref() else {
        return Ok(());
    };
    let existing: Option<Uuid> = users::table
        .select(users::id)
        .filter(users::email.eq(email))
        .first(conn)
        .await
        .optional()?;
    match existing {
        Some(id) if id != admin.id => anyhow::bail!(
            "this database already holds demo data generated from another seed ({email} has another id); \
             load the demo into a fresh database, or use the seed it was loaded with"
        ),
        _ => Ok(()),
    }
}

/// Inserts `$rows` in chunks, skipping rows whose `$conflict` key exists; evaluates to the number inserted.
macro_rules! insert_missing {
    ($conn:expr, $table:path, $conflict:expr, $rows:expr) => {{
        let mut inserted = 0_usize;
        for chunk in $rows.chunks(ROWS_PER_STATEMENT) {
            inserted += diesel::insert_into($table)
                .values(chunk)
                .on_conflict($conflict)
                .do_nothing()
                .execute(&mut *$conn)
                .await?;
        }
        inserted
    }};
}

/// Like `insert_missing!`, but evaluates to the ids of the rows actually inserted (their history follows them).
macro_rules! insert_missing_ids {
    ($conn:expr, $table:path, $id:expr, $rows:expr) => {{
        let mut inserted: HashSet<Uuid> = HashSet::new();
        for chunk in $rows.chunks(ROWS_PER_STATEMENT) {
            let ids: Vec<Uuid> = diesel::insert_into($table)
                .values(chunk)
                .on_conflict($id)
                .do_nothing()
                .returning($id)
                .get_results(&mut *$conn)
                .await?;
            inserted.extend(ids);
        }
        inserted
    }};
}

/// Inserts append-only history rows (identity keys, no natural key): only those of parents inserted just now.
macro_rules! insert_history {
    ($conn:expr, $table:path, $rows:expr) => {{
        let rows = $rows;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            diesel::insert_into($table)
                .values(chunk)
                .execute(&mut *$conn)
                .await?;
        }
        rows.len()
    }};
}

async fn write(conn: &mut AsyncPgConnection, data: &DemoData) -> anyhow::Result<Vec<TableCount>> {
    let mut counts = Vec::new();

    let staff = insert_missing!(conn, users::table, users::id, data.staff_users);
    let inserted = insert_missing!(conn, employers::table, employers::id, data.employers);
    counts.push(TableCount::new("employers", data.employers.len(), inserted));
    let inserted = insert_missing!(
        conn,
        training_providers::table,
        training_providers::id,
        data.training_providers
    );
    counts.push(TableCount::new(
        "training_providers",
        data.training_providers.len(),
        inserted,
    ));
    let members = insert_missing!(conn, users::table, users::id, data.users);
    counts.push(TableCount::new(
        "users",
        data.staff_users.len() + data.users.len(),
        staff + members,
    ));

    let new_seekers = insert_missing_ids!(conn, seekers::table, seekers::id, data.seekers);
    counts.push(TableCount::new(
        "seekers",
        data.seekers.len(),
        new_seekers.len(),
    ));
    let inserted = insert_missing!(
        conn,
        seeker_preferred_occupations::table,
        (
            seeker_preferred_occupations::seeker_id,
            seeker_preferred_occupations::kbji_code
        ),
        data.seeker_preferred_occupations
    );
    counts.push(TableCount::new(
        "seeker_preferred_occupations",
        data.seeker_preferred_occupations.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        seeker_preferred_regions::table,
        (
            seeker_preferred_regions::seeker_id,
            seeker_preferred_regions::region_code
        ),
        data.seeker_preferred_regions
    );
    counts.push(TableCount::new(
        "seeker_preferred_regions",
        data.seeker_preferred_regions.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        work_experiences::table,
        work_experiences::id,
        data.work_experiences
    );
    counts.push(TableCount::new(
        "work_experiences",
        data.work_experiences.len(),
        inserted,
    ));
    let history: Vec<_> = data
        .seeker_status_changes
        .iter()
        .filter(|row| new_seekers.contains(&row.seeker_id))
        .cloned()
        .collect();
    let inserted = insert_history!(conn, seeker_status_changes::table, history);
    counts.push(TableCount::new(
        "seeker_status_changes",
        data.seeker_status_changes.len(),
        inserted,
    ));

    let inserted = insert_missing!(
        conn,
        training_programmes::table,
        training_programmes::id,
        data.training_programmes
    );
    counts.push(TableCount::new(
        "training_programmes",
        data.training_programmes.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        programme_units::table,
        (programme_units::programme_id, programme_units::unit_code),
        data.programme_units
    );
    counts.push(TableCount::new(
        "programme_units",
        data.programme_units.len(),
        inserted,
    ));
    let inserted = insert_missing!(conn, cohorts::table, cohorts::id, data.cohorts);
    counts.push(TableCount::new("cohorts", data.cohorts.len(), inserted));
    let new_enrolments =
        insert_missing_ids!(conn, enrolments::table, enrolments::id, data.enrolments);
    counts.push(TableCount::new(
        "enrolments",
        data.enrolments.len(),
        new_enrolments.len(),
    ));
    let history: Vec<_> = data
        .enrolment_status_changes
        .iter()
        .filter(|row| new_enrolments.contains(&row.enrolment_id))
        .cloned()
        .collect();
    let inserted = insert_history!(conn, enrolment_status_changes::table, history);
    counts.push(TableCount::new(
        "enrolment_status_changes",
        data.enrolment_status_changes.len(),
        inserted,
    ));

    let inserted = insert_missing!(
        conn,
        certificates::table,
        certificates::id,
        data.certificates
    );
    counts.push(TableCount::new(
        "certificates",
        data.certificates.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        certificate_units::table,
        (
            certificate_units::certificate_id,
            certificate_units::unit_code
        ),
        data.certificate_units
    );
    counts.push(TableCount::new(
        "certificate_units",
        data.certificate_units.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        seeker_competencies::table,
        seeker_competencies::id,
        data.seeker_competencies
    );
    counts.push(TableCount::new(
        "seeker_competencies",
        data.seeker_competencies.len(),
        inserted,
    ));

    let new_vacancies = insert_missing_ids!(conn, vacancies::table, vacancies::id, data.vacancies);
    counts.push(TableCount::new(
        "vacancies",
        data.vacancies.len(),
        new_vacancies.len(),
    ));
    let inserted = insert_missing!(
        conn,
        vacancy_units::table,
        (vacancy_units::vacancy_id, vacancy_units::unit_code),
        data.vacancy_units
    );
    counts.push(TableCount::new(
        "vacancy_units",
        data.vacancy_units.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        walk_in_sessions::table,
        walk_in_sessions::id,
        data.walk_in_sessions
    );
    counts.push(TableCount::new(
        "walk_in_sessions",
        data.walk_in_sessions.len(),
        inserted,
    ));
    let history: Vec<_> = data
        .vacancy_status_changes
        .iter()
        .filter(|row| new_vacancies.contains(&row.vacancy_id))
        .cloned()
        .collect();
    let inserted = insert_history!(conn, vacancy_status_changes::table, history);
    counts.push(TableCount::new(
        "vacancy_status_changes",
        data.vacancy_status_changes.len(),
        inserted,
    ));

    let new_applications = insert_missing_ids!(
        conn,
        applications::table,
        applications::id,
        data.applications
    );
    counts.push(TableCount::new(
        "applications",
        data.applications.len(),
        new_applications.len(),
    ));
    let history: Vec<_> = data
        .application_stage_changes
        .iter()
        .filter(|row| new_applications.contains(&row.application_id))
        .cloned()
        .collect();
    let inserted = insert_history!(conn, application_stage_changes::table, history);
    counts.push(TableCount::new(
        "application_stage_changes",
        data.application_stage_changes.len(),
        inserted,
    ));

    let inserted = insert_missing!(
        conn,
        apprenticeship_programmes::table,
        apprenticeship_programmes::id,
        data.apprenticeship_programmes
    );
    counts.push(TableCount::new(
        "apprenticeship_programmes",
        data.apprenticeship_programmes.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        apprenticeship_programme_units::table,
        (
            apprenticeship_programme_units::programme_id,
            apprenticeship_programme_units::unit_code
        ),
        data.apprenticeship_programme_units
    );
    counts.push(TableCount::new(
        "apprenticeship_programme_units",
        data.apprenticeship_programme_units.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        apprenticeships::table,
        apprenticeships::id,
        data.apprenticeships
    );
    counts.push(TableCount::new(
        "apprenticeships",
        data.apprenticeships.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        apprenticeship_progress_reports::table,
        apprenticeship_progress_reports::id,
        data.apprenticeship_progress_reports
    );
    counts.push(TableCount::new(
        "apprenticeship_progress_reports",
        data.apprenticeship_progress_reports.len(),
        inserted,
    ));

    let inserted = insert_missing!(conn, placements::table, placements::id, data.placements);
    counts.push(TableCount::new(
        "placements",
        data.placements.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        placement_followups::table,
        placement_followups::id,
        data.placement_followups
    );
    counts.push(TableCount::new(
        "placement_followups",
        data.placement_followups.len(),
        inserted,
    ));

    let inserted = insert_missing!(conn, agreements::table, agreements::id, data.agreements);
    counts.push(TableCount::new(
        "agreements",
        data.agreements.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        agreement_parties::table,
        (
            agreement_parties::agreement_id,
            agreement_parties::employer_id
        ),
        data.agreement_parties
    );
    counts.push(TableCount::new(
        "agreement_parties",
        data.agreement_parties.len(),
        inserted,
    ));
    let inserted = insert_missing!(
        conn,
        agreement_commitments::table,
        agreement_commitments::id,
        data.agreement_commitments
    );
    counts.push(TableCount::new(
        "agreement_commitments",
        data.agreement_commitments.len(),
        inserted,
    ));

    // New seekers and vacancies must reach the search index; the indexer reads this outbox.
    let outbox: Vec<SearchOutboxRow> = data
        .seekers
        .iter()
        .filter(|row| new_seekers.contains(&row.id))
        .map(|row| SearchOutboxRow {
            entity_kind: "seeker",
            entity_id: row.id,
        })
        .chain(
            data.vacancies
                .iter()
                .filter(|row| new_vacancies.contains(&row.id))
                .map(|row| SearchOutboxRow {
                    entity_kind: "vacancy",
                    entity_id: row.id,
                }),
        )
        .collect();
    let inserted = insert_history!(conn, search_outbox::table, outbox);
    counts.push(TableCount::new(
        "search_outbox",
        data.seekers.len() + data.vacancies.len(),
        inserted,
    ));

    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_password_hash_is_argon2id_and_the_same_for_the_same_seed() {
        let first = hash_demo_password(2024).expect("hashes");
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_eq!(first, hash_demo_password(2024).expect("hashes"));
        assert_ne!(first, hash_demo_password(7).expect("hashes"));
    }
}
