//! The benchmark's database: created beside the service's own on the same server, migrated, given the reference
//! data, then filled by `generate.sql` (once per size and seed; later runs reuse it).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use diesel::sql_types::{Int8, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use jembatan_search::{SeekerDocument, VacancyDocument};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

use crate::db::search_documents::{seeker_documents, vacancy_documents};
use crate::db::{self, DbPool};
use crate::seed;

/// The generator: see its header for the distributions.
const GENERATE_SQL: &str = include_str!("generate.sql");

/// Email of the officer the benchmark acts as over HTTP.
pub const OFFICER_EMAIL: &str = "petugas.bench@bench.jembatan.id";

/// The open vacancy the freshness probe uses (not one of the queries).
pub const PROBE_VACANCY: Uuid = Uuid::from_u128(0x6a65_6d62_6174_616e_7072_6f62_6501);

/// Where the data lives and how it came to be.
pub struct Dataset {
    pub url: SecretString,
    pub pool: DbPool,
    /// Seconds spent generating, when this run generated the data.
    pub generated_in: Option<Duration>,
    pub officer_password: SecretString,
}

/// Rows the generator wrote.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct RowCounts {
    pub seekers: i64,
    pub competencies: i64,
    pub certificates: i64,
    pub experiences: i64,
    pub vacancies: i64,
}

#[derive(diesel::QueryableByName)]
struct CountRow {
    #[diesel(sql_type = Int8)]
    count: i64,
}

#[derive(diesel::QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Name of the benchmark database for `seekers` seekers and `seed`.
pub fn database_name(seekers: usize, seed: u32) -> String {
    format!("jembatan_bench_{seekers}_{seed}")
}

/// Creates (or reuses) the benchmark database and fills it.
pub async fn prepare(
    server_url: &SecretString,
    seekers: usize,
    vacancies: usize,
    seed: u32,
    regenerate: bool,
) -> anyhow::Result<Dataset> {
    let name = database_name(seekers, seed);
    if regenerate {
        db::drop_database(server_url, &name).await?;
    }
    db::create_database_if_missing(server_url, &name, None).await?;
    let url = db::with_database_name(server_url, &name)?;
    db::run_migrations(&url).await?;
    let pool = db::build_pool(&url, 24)?;
    let mut connection = pool.get().await?;
    seed::load_reference(&mut connection).await?;
    let (officer, officer_password) = ensure_officer(&mut connection).await?;

    let present = count(
        &mut connection,
        "SELECT count(*) AS count FROM seekers WHERE registration_number LIKE 'BENCH-%'",
    )
    .await?;
    let generated_in = if present == 0 {
        eprintln!(
            "bench: generating {seekers} seekers and {vacancies} vacancies in {name} (once per size and seed)"
        );
        let started = Instant::now();
        // One transaction: a run interrupted half-way leaves nothing behind.
        let setup = format!(
            "BEGIN; \
             SELECT set_config('jembatan.bench_seekers', '{seekers}', true), \
                    set_config('jembatan.bench_vacancies', '{vacancies}', true), \
                    set_config('jembatan.bench_seed', '{}', true), \
                    set_config('jembatan.bench_officer', '{officer}', true);",
            seed_value(seed)
        );
        connection.batch_execute(&setup).await?;
        match connection.batch_execute(GENERATE_SQL).await {
            Ok(()) => connection.batch_execute("COMMIT").await?,
            Err(error) => {
                let _ = connection.batch_execute("ROLLBACK").await;
                return Err(anyhow::Error::new(error).context("generating the benchmark data"));
            }
        }
        connection.batch_execute("ANALYZE").await?;
        Some(started.elapsed())
    } else if present as usize == seekers {
        eprintln!("bench: reusing the data in {name} (pass --regenerate to make it again)");
        None
    } else {
        anyhow::bail!(
            "{name} holds {present} bench seekers, not {seekers}: run again with --regenerate"
        );
    };
    drop(connection);
    Ok(Dataset {
        url,
        pool,
        generated_in,
        officer_password,
    })
}

/// `setseed` takes a number in [-1, 1].
fn seed_value(seed: u32) -> f64 {
    f64::from(seed) / f64::from(u32::MAX)
}

/// Creates the benchmark officer if missing and gives it a fresh password for this run.
async fn ensure_officer(
    connection: &mut AsyncPgConnection,
) -> anyhow::Result<(Uuid, SecretString)> {
    let password = SecretString::from(format!("bench-{}", Uuid::new_v4().simple()));
    let hash = crate::auth::hash_password(password.clone())
        .await
        .map_err(|error| anyhow::anyhow!("hashing the bench password: {error:?}"))?;
    let rows: Vec<IdRow> = diesel::sql_query(
        "INSERT INTO users (role, email, password_hash, full_name) VALUES ('officer', $1, $2, 'Petugas Bench') \
         ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL \
         RETURNING id",
    )
    .bind::<Text, _>(OFFICER_EMAIL)
    .bind::<Text, _>(&hash)
    .load(connection)
    .await?;
    let id = <[IdRow]>::first(&rows)
        .map(|row| row.id)
        .ok_or_else(|| anyhow::anyhow!("the bench officer was not written"))?;
    Ok((id, password))
}

async fn count(connection: &mut AsyncPgConnection, query: &str) -> anyhow::Result<i64> {
    let rows: Vec<CountRow> = diesel::sql_query(query).load(connection).await?;
    Ok(<[CountRow]>::first(&rows).map_or(0, |row| row.count))
}

/// How many rows of each kind the data set has.
pub async fn row_counts(pool: &DbPool) -> anyhow::Result<RowCounts> {
    let mut connection = pool.get().await?;
    Ok(RowCounts {
        seekers: count(&mut connection, "SELECT count(*) AS count FROM seekers").await?,
        competencies: count(
            &mut connection,
            "SELECT count(*) AS count FROM seeker_competencies",
        )
        .await?,
        certificates: count(
            &mut connection,
            "SELECT count(*) AS count FROM certificates",
        )
        .await?,
        experiences: count(
            &mut connection,
            "SELECT count(*) AS count FROM work_experiences",
        )
        .await?,
        vacancies: count(
            &mut connection,
            "SELECT count(*) AS count FROM vacancies WHERE status = 'open'",
        )
        .await?,
    })
}

/// The generated vacancies (the queries), in id order, as the matches endpoint reads them.
pub async fn query_vacancies(pool: &DbPool, limit: usize) -> anyhow::Result<Vec<VacancyDocument>> {
    let mut connection = pool.get().await?;
    let rows: Vec<IdRow> = diesel::sql_query(
        "SELECT v.id FROM vacancies v JOIN employers e ON e.id = v.employer_id \
         WHERE e.name LIKE 'PT Bench %' AND v.status = 'open' AND v.id <> $2 ORDER BY v.id LIMIT $1",
    )
    .bind::<Int8, _>(limit as i64)
    .bind::<SqlUuid, _>(PROBE_VACANCY)
    .load(&mut connection)
    .await?;
    let ids: Vec<Uuid> = rows.into_iter().map(|row| row.id).collect();
    let mut documents = vacancy_documents(&connection, &ids).await?;
    Ok(ids.iter().filter_map(|id| documents.remove(id)).collect())
}

/// Every seeker's search document (erased ones have none), read the way the indexer reads them but without
/// its filter on who takes part: the brute-force scorer decides that for itself.
pub async fn all_seeker_documents(pool: &DbPool) -> anyhow::Result<Vec<SeekerDocument>> {
    let mut connection = pool.get().await?;
    let mut documents = Vec::new();
    let mut after = Uuid::nil();
    loop {
        let rows: Vec<IdRow> = diesel::sql_query(
            "SELECT id FROM seekers WHERE id > $1 AND erased_at IS NULL ORDER BY id LIMIT 5000",
        )
        .bind::<SqlUuid, _>(after)
        .load(&mut connection)
        .await?;
        let Some(last) = rows.last().map(|row| row.id) else {
            break;
        };
        let ids: Vec<Uuid> = rows.into_iter().map(|row| row.id).collect();
        let page: BTreeMap<Uuid, SeekerDocument> = seeker_documents(&connection, &ids).await?;
        documents.extend(page.into_values());
        after = last;
    }
    Ok(documents)
}

/// The rank (1 = most held) a generated unit code encodes, e.g. `B.900001.234.01` → 1234.
pub fn unit_rank(code: &str) -> Option<u32> {
    let mut parts = code.split('.');
    let _letter = parts.next()?;
    let sector: u32 = parts.next()?.parse().ok()?;
    let serial: u32 = parts.next()?.parse().ok()?;
    sector
        .checked_sub(900_000)
        .map(|thousands| thousands * 1_000 + serial)
}

/// The server URL with the database name replaced, shown without its password.
pub fn describe(url: &SecretString) -> String {
    let exposed = url.expose_secret();
    match exposed.split_once('@') {
        Some((_, rest)) => format!("postgres://…@{rest}"),
        None => exposed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_carry_their_rank() {
        assert_eq!(unit_rank("B.900000.001.01"), Some(1));
        assert_eq!(unit_rank("U.900001.234.01"), Some(1234));
        assert_eq!(unit_rank("U.900002.000.01"), Some(2000));
        assert_eq!(unit_rank("C.251100.001.01"), None);
    }
}
