//! The HTTP part of the benchmark, against a real `jembatan serve` child process on the benchmark database and
//! index: latency of `GET /api/v1/vacancies/{id}/matches` with concurrent clients, freshness lag under a steady
//! stream of updates, and the server's peak memory.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use diesel::sql_types::{Text, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, RunQueryDsl};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

use crate::bench::stats::Latency;
use crate::db::DbPool;
use crate::db::search_outbox::{self, SearchEntity};

/// A `jembatan serve` child process, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub started_in: Duration,
}

impl Server {
    /// Starts `jembatan serve` on `database_url` and `index_dir` and waits until search is ready.
    pub async fn start(
        database_url: &SecretString,
        index_dir: &Path,
        log: &Path,
    ) -> anyhow::Result<Server> {
        let port = free_port()?;
        let log_file = std::fs::File::create(log)?;
        let started = Instant::now();
        let child = Command::new(std::env::current_exe()?)
            .arg("serve")
            .env("DATABASE_URL", database_url.expose_secret())
            .env("INDEX_DIR", index_dir)
            .env("BIND_ADDR", format!("127.0.0.1:{port}"))
            .env("NOTIFICATIONS", "false")
            .env("LOG_FORMAT", "json")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()?;
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            started_in: Duration::ZERO,
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            if let Some(status) = server.child.try_wait()? {
                anyhow::bail!(
                    "jembatan serve exited with {status} during start-up; see {}",
                    log.display()
                );
            }
            let ready = client
                .get(format!("{}/health/search", server.base))
                .send()
                .await
                .ok()
                .filter(|response| response.status().is_success());
            if let Some(response) = ready {
                let body: serde_json::Value = response.json().await?;
                if body["ready"].as_bool() == Some(true) {
                    break;
                }
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "jembatan serve was not ready within 10 minutes"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server.started_in = started.elapsed();
        Ok(server)
    }

    /// Peak and current resident memory of the server process, in MiB (Linux `/proc`).
    pub fn memory_mib(&self) -> anyhow::Result<(f64, f64)> {
        process_memory_mib(self.child.id())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `VmHWM` (peak) and `VmRSS` of process `pid`, in MiB.
pub fn process_memory_mib(pid: u32) -> anyhow::Result<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
            .map_or(0.0, |kib| kib / 1024.0)
    };
    Ok((field("VmHWM:"), field("VmRSS:")))
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// Logs the benchmark officer in and returns a client and its bearer token.
pub async fn log_in(
    base: &str,
    password: &SecretString,
) -> anyhow::Result<(reqwest::Client, String)> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()?;
    let response = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({
            "email": crate::bench::dataset::OFFICER_EMAIL,
            "password": password.expose_secret(),
        }))
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "the bench officer could not log in: {}",
        response.status()
    );
    let body: serde_json::Value = response.json().await?;
    let token = body["token"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("the log-in answer has no token"))?
        .to_string();
    Ok((client, token))
}

/// The seeker ids of one page of matches.
async fn matches(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    vacancy: Uuid,
    limit: usize,
) -> anyhow::Result<Vec<Uuid>> {
    let response = client
        .get(format!(
            "{base}/api/v1/vacancies/{vacancy}/matches?limit={limit}"
        ))
        .bearer_auth(token)
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "matches for {vacancy} answered {}",
        response.status()
    );
    let body: serde_json::Value = response.json().await?;
    let items = body["items"]
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("the matches answer has no items"))?;
    Ok(items
        .iter()
        .filter_map(|item| item["seeker_id"].as_str())
        .filter_map(|id| id.parse().ok())
        .collect())
}

/// What the HTTP load measured.
pub struct LoadResult {
    pub latency: Latency,
    pub requests_per_second: f64,
    /// Answers whose seeker ids differ from the in-process top 20.
    pub mismatches: usize,
}

/// Sends every query `rounds` times from `clients` concurrent clients; compares each answer with `expected`.
pub async fn load(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    queries: &[(Uuid, Vec<Uuid>)],
    clients: usize,
    rounds: usize,
) -> anyhow::Result<LoadResult> {
    let queries = Arc::new(queries.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let total = queries.len() * rounds;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, base, token) = (client.clone(), base.to_string(), token.to_string());
        let (queries, next) = (Arc::clone(&queries), Arc::clone(&next));
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            let mut mismatches = 0;
            loop {
                let position = next.fetch_add(1, Ordering::Relaxed);
                if position >= total {
                    break;
                }
                let (vacancy, expected) = &queries[position % queries.len()];
                let sent = Instant::now();
                let got = matches(&client, &base, &token, *vacancy, 20).await?;
                samples.push(sent.elapsed());
                if &got != expected {
                    mismatches += 1;
                }
            }
            anyhow::Ok((samples, mismatches))
        }));
    }
    let mut samples = Vec::with_capacity(total);
    let mut mismatches = 0;
    for task in tasks {
        let (task_samples, task_mismatches) = task.await??;
        samples.extend(task_samples);
        mismatches += task_mismatches;
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok(LoadResult {
        latency: Latency::of(&samples),
        requests_per_second: total as f64 / elapsed.max(1e-9),
        mismatches,
    })
}

/// What the freshness measurement found.
pub struct Freshness {
    /// From the commit of a change to the first answer that shows it.
    pub lag: Latency,
    /// Background seeker updates committed per second while it ran.
    pub background_updates_per_second: f64,
    /// Probes never seen within the deadline.
    pub lost: usize,
}

/// Measures how long a committed change takes to show in the matches of the running server.
///
/// A probe vacancy requires a unit no one holds. Each probe gives that unit to one seeker (and takes it from the
/// previous one) in a transaction that writes the outbox rows, as every write path does; then the matches of the
/// probe vacancy are polled every 5 ms until that seeker is first. Meanwhile a background task rewrites other
/// seekers' profiles at `background_rate` per second through the same outbox, so the indexer always has work.
#[allow(clippy::too_many_arguments)]
pub async fn freshness(
    pool: &DbPool,
    client: &reqwest::Client,
    base: &str,
    token: &str,
    officer_email: &str,
    probe_seekers: &[Uuid],
    background_seekers: &[Uuid],
    background_rate: u32,
) -> anyhow::Result<Freshness> {
    let (probe_unit, probe_vacancy) = create_probe(pool, officer_email).await?;

    let stop = Arc::new(AtomicBool::new(false));
    let background = {
        let (pool, stop) = (pool.clone(), Arc::clone(&stop));
        let seekers = background_seekers.to_vec();
        tokio::spawn(async move {
            let period = Duration::from_secs_f64(1.0 / f64::from(background_rate.max(1)));
            let mut ticker = tokio::time::interval(period);
            let started = Instant::now();
            let mut written = 0u64;
            let mut position = 0;
            while !AtomicBool::load(&stop, Ordering::Relaxed) && !seekers.is_empty() {
                ticker.tick().await;
                let seeker = seekers[position % seekers.len()];
                position += 1;
                let mut connection = pool.get().await?;
                connection
                    .transaction::<_, diesel::result::Error, _>(async |connection| {
                        diesel::sql_query(
                            "UPDATE seekers SET profile_summary = 'Pengalaman las listrik dan perawatan mesin', \
                             updated_at = now() WHERE id = $1",
                        )
                        .bind::<SqlUuid, _>(seeker)
                        .execute(connection)
                        .await?;
                        search_outbox::enqueue(connection, SearchEntity::Seeker, seeker).await
                    })
                    .await?;
                written += 1;
            }
            anyhow::Ok(written as f64 / started.elapsed().as_secs_f64().max(1e-9))
        })
    };

    let mut lags = Vec::new();
    let mut lost = 0;
    let mut previous: Option<Uuid> = None;
    for &seeker in probe_seekers {
        let mut connection = pool.get().await?;
        let unit = probe_unit.clone();
        connection
            .transaction::<_, diesel::result::Error, _>(async |connection| {
                diesel::sql_query("DELETE FROM seeker_competencies WHERE unit_code = $1")
                    .bind::<Text, _>(&unit)
                    .execute(connection)
                    .await?;
                diesel::sql_query(
                    "INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level) \
                     VALUES ($1, $2, 'declared')",
                )
                .bind::<SqlUuid, _>(seeker)
                .bind::<Text, _>(&unit)
                .execute(connection)
                .await?;
                if let Some(previous) = previous {
                    search_outbox::enqueue(connection, SearchEntity::Seeker, previous).await?;
                }
                search_outbox::enqueue(connection, SearchEntity::Seeker, seeker).await
            })
            .await?;
        drop(connection);
        let committed = Instant::now();
        let deadline = committed + Duration::from_secs(10);
        loop {
            let first = matches(client, base, token, probe_vacancy, 1).await?;
            if <[Uuid]>::first(&first) == Some(&seeker) {
                lags.push(committed.elapsed());
                break;
            }
            if Instant::now() > deadline {
                lost += 1;
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        previous = Some(seeker);
        // Probes start at varied points of the indexer's cycle.
        tokio::time::sleep(Duration::from_millis(97 + (lags.len() as u64 * 37) % 200)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let background_updates_per_second = background.await??;
    Ok(Freshness {
        lag: Latency::of(&lags),
        background_updates_per_second,
        lost,
    })
}

/// A unit no seeker holds and an open vacancy that requires it (reused across runs).
async fn create_probe(pool: &DbPool, officer_email: &str) -> anyhow::Result<(String, Uuid)> {
    let unit = "U.999999.999.01".to_string();
    let vacancy = crate::bench::dataset::PROBE_VACANCY;
    let mut connection = pool.get().await?;
    let (unit_for_insert, email) = (unit.clone(), officer_email.to_string());
    connection
        .transaction::<_, diesel::result::Error, _>(async |connection| {
            diesel::sql_query(
                "INSERT INTO competency_units (code, title, title_en) \
                 VALUES ($1, 'Unit sonde kesegaran', 'Freshness probe unit') ON CONFLICT DO NOTHING",
            )
            .bind::<Text, _>(&unit_for_insert)
            .execute(connection)
            .await?;
            diesel::sql_query(
                "INSERT INTO vacancies (id, employer_id, title, description, kbji_code, headcount, valid_from, \
                                        valid_until, employment_type, wage_min_rupiah, wage_period, region_code, \
                                        status, reported_at, verified_at, verified_by, published_at, created_by) \
                 SELECT $1, e.id, 'Lowongan sonde', 'Sonde kesegaran indeks', \
                        (SELECT min(code) FROM occupations), 1, current_date - 1, current_date + 30, 'pkwt', \
                        4200000, 'bulanan', e.region_code, 'open', now(), now(), u.id, now(), u.id \
                 FROM employers e, users u WHERE e.name = 'PT Bench 1' AND lower(u.email) = lower($2) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind::<SqlUuid, _>(vacancy)
            .bind::<Text, _>(&email)
            .execute(connection)
            .await?;
            diesel::sql_query(
                "INSERT INTO vacancy_units (vacancy_id, unit_code, requirement) VALUES ($1, $2, 'required') \
                 ON CONFLICT DO NOTHING",
            )
            .bind::<SqlUuid, _>(vacancy)
            .bind::<Text, _>(&unit_for_insert)
            .execute(connection)
            .await?;
            // Holders left by an interrupted run: take the unit back, and tell the indexer.
            diesel::sql_query(
                "WITH gone AS (DELETE FROM seeker_competencies WHERE unit_code = $1 RETURNING seeker_id) \
                 INSERT INTO search_outbox (entity_kind, entity_id) SELECT DISTINCT 'seeker', seeker_id FROM gone",
            )
            .bind::<Text, _>(&unit_for_insert)
            .execute(connection)
            .await?;
            search_outbox::enqueue(connection, SearchEntity::Vacancy, vacancy).await
        })
        .await?;
    Ok((unit, vacancy))
}
