//! `jembatan bench`: the search benchmark of docs/benchmarks.md (Search), in one run and one process tree.
//!
//! 1. **Data**: a database of its own beside the service's (`jembatan_bench_<seekers>_<seed>`), migrated, with the
//!    reference data, filled once per size and seed by `generate.sql` (Zipf-distributed units over 2,000 codes,
//!    training, certificates with expiry, work history, kecamatan) and the vacancies that serve as queries.
//! 2. **Build**: the index rebuilt from PostgreSQL exactly as `jembatan reindex` does; time and size on disk.
//! 3. **In-process**: each query's top 20 from [`SearchIndex::rank_candidates`] with explanations, after a warm-up
//!    pass; selective (rare units) and broad (common units) queries reported apart.
//! 4. **Exactness**: the independent brute-force scorer ([`jembatan_search::brute_force`]) over every seeker
//!    document; recall@20 of the index against it, and whether the order is identical.
//! 5. **Peer**: the same ranking in plain PostgreSQL ([`peer`]), timed side by side, its answers compared too.
//! 6. **HTTP**: a real `jembatan serve` child on the same database and index; `GET /vacancies/{id}/matches` from
//!    one client, then from `--clients` concurrent clients.
//! 7. **Freshness**: the lag from a committed change to the first answer showing it, under a steady stream of
//!    other updates ([`http::freshness`]).
//! 8. **Memory**: the server's peak resident set (`VmHWM`).
//!
//! The report goes to stdout as Markdown (and to `--json` as JSON).

mod dataset;
mod http;
mod peer;
mod stats;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jembatan_domain::vocab::UnitRequirement;
use jembatan_search::brute_force::PreparedSeekers;
use jembatan_search::{CandidateRequest, SeekerDocument, VacancyDocument};
use secrecy::SecretString;
use serde::Serialize;
use uuid::Uuid;

use crate::search_index::SearchService;
use crate::vacancy_expiry::balikpapan_today;
pub use stats::Latency;

/// Options of `jembatan bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchOptions {
    /// Job seekers in the synthetic city.
    #[arg(long, default_value_t = 100_000)]
    pub seekers: usize,
    /// Vacancies to rank candidates for (half selective, half broad).
    #[arg(long, default_value_t = 1_000)]
    pub queries: usize,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 8)]
    pub clients: usize,
    /// Times each query is sent in the concurrent HTTP phase.
    #[arg(long, default_value_t = 2)]
    pub http_rounds: usize,
    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, default_value_t = 2026)]
    pub seed: u32,
    /// Queries checked against the brute-force scorer (default: all).
    #[arg(long)]
    pub exact_queries: Option<usize>,
    /// Queries run on the PostgreSQL peer (default: all).
    #[arg(long)]
    pub peer_queries: Option<usize>,
    /// Changes probed for freshness.
    #[arg(long, default_value_t = 100)]
    pub freshness_probes: usize,
    /// Background seeker updates per second while freshness is probed.
    #[arg(long, default_value_t = 50)]
    pub update_rate: u32,
    /// Where the index and the server log go.
    #[arg(long, default_value = "var/bench")]
    pub work_dir: PathBuf,
    /// Drop and generate the data again even if this size and seed exist.
    #[arg(long)]
    pub regenerate: bool,
    /// Also write the report as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// Everything the run measured.
#[derive(Debug, Serialize)]
pub struct Report {
    pub seekers: usize,
    pub queries: usize,
    pub seed: u32,
    pub database: String,
    pub rows: dataset::RowCounts,
    pub generated_seconds: Option<f64>,
    pub build_seconds: f64,
    pub indexed_seekers: u64,
    pub index_size_mib: f64,
    pub in_process: Latency,
    pub in_process_selective: Latency,
    pub in_process_broad: Latency,
    pub exact_queries: usize,
    pub recall_at_20_mean: f64,
    pub recall_at_20_min: f64,
    pub identical_order: usize,
    pub brute_force_load_seconds: f64,
    pub peer_build_seconds: f64,
    pub peer_queries: usize,
    pub peer: Latency,
    pub peer_selective: Latency,
    pub peer_broad: Latency,
    pub peer_full_scans: usize,
    pub peer_agreement: usize,
    pub speedup_p50: f64,
    pub server_start_seconds: f64,
    pub http_one_client: Latency,
    pub http_concurrent: Latency,
    pub http_clients: usize,
    pub http_requests_per_second: f64,
    pub http_mismatches: usize,
    pub freshness_lag: Latency,
    pub freshness_lost: usize,
    pub freshness_background_updates_per_second: f64,
    pub server_peak_rss_mib: f64,
    pub server_rss_mib: f64,
    pub bench_peak_rss_mib: f64,
    pub machine: String,
}

/// One query: a vacancy and whether its units are rare.
struct Query {
    vacancy: VacancyDocument,
    selective: bool,
}

/// Runs the benchmark against the PostgreSQL server of `server_url`.
pub async fn run(server_url: &SecretString, options: &BenchOptions) -> anyhow::Result<Report> {
    let total = Instant::now();
    std::fs::create_dir_all(&options.work_dir)?;
    let data = dataset::prepare(
        server_url,
        options.seekers,
        options.queries,
        options.seed,
        options.regenerate,
    )
    .await?;
    let rows = dataset::row_counts(&data.pool).await?;
    eprintln!(
        "bench: {} seekers, {} units held, {} certificates, {} jobs, {} open vacancies",
        rows.seekers, rows.competencies, rows.certificates, rows.experiences, rows.vacancies
    );

    // Build ------------------------------------------------------------------------------------------------
    let index_dir = options
        .work_dir
        .join(format!("index-{}-{}", options.seekers, options.seed));
    if index_dir.exists() {
        std::fs::remove_dir_all(&index_dir)?;
    }
    let search = SearchService::open(&index_dir)?;
    let started = Instant::now();
    let mut last_tenth = 0;
    let rebuilt = crate::search_index::rebuild(&data.pool, search.index(), &mut |progress| {
        let tenth = progress.seekers_done * 10 / progress.seekers_total.max(1);
        if tenth > last_tenth {
            last_tenth = tenth;
            eprintln!(
                "bench: build {}/{} seekers, {:.1} s",
                progress.seekers_done,
                progress.seekers_total,
                started.elapsed().as_secs_f64()
            );
        }
    })
    .await?;
    let build_seconds = started.elapsed().as_secs_f64();
    let index_size_mib = directory_size(&index_dir)? as f64 / (1024.0 * 1024.0);
    eprintln!(
        "bench: index built in {build_seconds:.1} s ({} seekers, {index_size_mib:.0} MiB)",
        rebuilt.counts.seekers
    );

    // In-process ---------------------------------------------------------------------------------------------
    let queries: Vec<Query> = dataset::query_vacancies(&data.pool, options.queries)
        .await?
        .into_iter()
        .map(|vacancy| {
            let selective = vacancy
                .units
                .iter()
                .filter(|unit| unit.requirement == UnitRequirement::Required)
                .all(|unit| dataset::unit_rank(unit.code.as_str()).is_some_and(|rank| rank >= 200));
            Query { vacancy, selective }
        })
        .collect();
    anyhow::ensure!(!queries.is_empty(), "the data set has no bench vacancies");
    let queries = Arc::new(queries);
    let index = Arc::clone(search.index());
    let (latencies, top) = {
        let queries = Arc::clone(&queries);
        tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let run = |query: &Query| {
                index.rank_candidates(&CandidateRequest {
                    vacancy: &query.vacancy,
                    exclude: &[],
                    offset: 0,
                    limit: 20,
                })
            };
            for query in queries.iter() {
                run(query)?;
            }
            let mut latencies = Vec::with_capacity(queries.len());
            let mut top = Vec::with_capacity(queries.len());
            for query in queries.iter() {
                let started = Instant::now();
                let page = run(query)?;
                latencies.push(started.elapsed());
                top.push(
                    page.candidates
                        .iter()
                        .map(|candidate| candidate.seeker_id.into_inner())
                        .collect::<Vec<Uuid>>(),
                );
            }
            Ok((latencies, top))
        })
        .await??
    };
    let split = |samples: &[Duration], selective: bool| {
        let chosen: Vec<Duration> = samples
            .iter()
            .zip(queries.iter())
            .filter(|(_, query)| query.selective == selective)
            .map(|(sample, _)| *sample)
            .collect();
        Latency::of(&chosen)
    };
    let in_process = Latency::of(&latencies);
    eprintln!("bench: in-process {in_process}");

    // Exactness ----------------------------------------------------------------------------------------------
    let day = balikpapan_today();
    let started = Instant::now();
    let documents = Arc::new(dataset::all_seeker_documents(&data.pool).await?);
    let brute_force_load_seconds = started.elapsed().as_secs_f64();
    let exact_positions = spread(queries.len(), options.exact_queries);
    let (recalls, identical_order) = {
        let (documents, queries, top) = (Arc::clone(&documents), Arc::clone(&queries), top.clone());
        let positions = exact_positions.clone();
        tokio::task::spawn_blocking(move || exactness(&documents, day, &queries, &top, &positions))
            .await?
    };
    let recall_at_20_mean = recalls.iter().sum::<f64>() / recalls.len().max(1) as f64;
    let recall_at_20_min = recalls.iter().copied().fold(1.0, f64::min);
    eprintln!(
        "bench: recall@20 mean {recall_at_20_mean:.4}, min {recall_at_20_min:.4}, identical order {identical_order}/{}",
        recalls.len()
    );

    // Peer -----------------------------------------------------------------------------------------------------
    let mut connection = data.pool.get().await?;
    let started = Instant::now();
    peer::build(&mut connection, &documents, day).await?;
    let peer_build_seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(peer::row_count(&mut connection).await? as usize == documents.len());
    let probe_pool: Vec<Uuid> = documents
        .iter()
        .filter(|document| document.is_matchable(day))
        .map(|document| document.id.into_inner())
        .take(options.freshness_probes + 2_000)
        .collect();
    drop(documents);
    let peer_positions = spread(queries.len(), options.peer_queries);
    let mut peer_samples = Vec::new();
    let mut peer_agreement = 0;
    let mut peer_full_scans = 0;
    for &position in &peer_positions {
        let started = Instant::now();
        let (answer, full_scan) =
            peer::rank(&mut connection, &queries[position].vacancy, &[], day).await?;
        peer_samples.push((position, started.elapsed()));
        peer_full_scans += usize::from(full_scan);
        peer_agreement += usize::from(answer == top[position]);
    }
    drop(connection);
    let peer_split = |selective: bool| {
        let chosen: Vec<Duration> = peer_samples
            .iter()
            .filter(|(position, _)| queries[*position].selective == selective)
            .map(|(_, sample)| *sample)
            .collect();
        Latency::of(&chosen)
    };
    let peer_latency = Latency::of(
        &peer_samples
            .iter()
            .map(|(_, sample)| *sample)
            .collect::<Vec<_>>(),
    );
    eprintln!("bench: postgres peer {peer_latency}");

    // HTTP --------------------------------------------------------------------------------------------------------
    drop(search);
    let log = options.work_dir.join("serve.log");
    let server = http::Server::start(&data.url, &index_dir, &log).await?;
    eprintln!(
        "bench: jembatan serve ready in {:.1} s",
        server.started_in.as_secs_f64()
    );
    let (client, token) = http::log_in(&server.base, &data.officer_password).await?;
    let expected: Vec<(Uuid, Vec<Uuid>)> = queries
        .iter()
        .zip(top.iter())
        .map(|(query, ids)| (query.vacancy.id.into_inner(), ids.clone()))
        .collect();
    let one_client = http::load(&client, &server.base, &token, &expected, 1, 1).await?;
    eprintln!("bench: HTTP, 1 client: {}", one_client.latency);
    let concurrent = http::load(
        &client,
        &server.base,
        &token,
        &expected,
        options.clients,
        options.http_rounds,
    )
    .await?;
    eprintln!(
        "bench: HTTP, {} clients: {} ({:.0} requests/s)",
        options.clients, concurrent.latency, concurrent.requests_per_second
    );

    // Freshness -----------------------------------------------------------------------------------------------
    let probes: Vec<Uuid> = probe_pool
        .iter()
        .take(options.freshness_probes)
        .copied()
        .collect();
    let background: Vec<Uuid> = probe_pool
        .iter()
        .skip(options.freshness_probes)
        .copied()
        .collect();
    let freshness = http::freshness(
        &data.pool,
        &client,
        &server.base,
        &token,
        dataset::OFFICER_EMAIL,
        &probes,
        &background,
        options.update_rate,
    )
    .await?;
    eprintln!(
        "bench: freshness lag {} ({} lost, {:.0} background updates/s)",
        freshness.lag, freshness.lost, freshness.background_updates_per_second
    );
    let (server_peak_rss_mib, server_rss_mib) = server.memory_mib()?;
    let server_start_seconds = server.started_in.as_secs_f64();
    drop(server);
    let (bench_peak_rss_mib, _) = http::process_memory_mib(std::process::id())?;

    let report = Report {
        seekers: options.seekers,
        queries: queries.len(),
        seed: options.seed,
        database: dataset::describe(&data.url),
        rows,
        generated_seconds: data.generated_in.map(|elapsed| elapsed.as_secs_f64()),
        build_seconds,
        indexed_seekers: rebuilt.counts.seekers,
        index_size_mib,
        in_process,
        in_process_selective: split(&latencies, true),
        in_process_broad: split(&latencies, false),
        exact_queries: recalls.len(),
        recall_at_20_mean,
        recall_at_20_min,
        identical_order,
        brute_force_load_seconds,
        peer_build_seconds,
        peer_queries: peer_positions.len(),
        peer: peer_latency,
        peer_selective: peer_split(true),
        peer_broad: peer_split(false),
        peer_full_scans,
        peer_agreement,
        speedup_p50: peer_latency.p50_ms / in_process.p50_ms.max(1e-9),
        server_start_seconds,
        http_one_client: one_client.latency,
        http_concurrent: concurrent.latency,
        http_clients: options.clients,
        http_requests_per_second: concurrent.requests_per_second,
        http_mismatches: one_client.mismatches + concurrent.mismatches,
        freshness_lag: freshness.lag,
        freshness_lost: freshness.lost,
        freshness_background_updates_per_second: freshness.background_updates_per_second,
        server_peak_rss_mib,
        server_rss_mib,
        bench_peak_rss_mib,
        machine: machine(),
    };
    if let Some(path) = &options.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    eprintln!("bench: done in {:.0} s", total.elapsed().as_secs_f64());
    Ok(report)
}

/// Recall@20 of the index's answers against the brute-force scorer, per checked query, and how many answers
/// are in exactly the same order. Runs the checked queries on every core.
fn exactness(
    documents: &[SeekerDocument],
    day: chrono::NaiveDate,
    queries: &[Query],
    top: &[Vec<Uuid>],
    positions: &[usize],
) -> (Vec<f64>, usize) {
    let prepared = PreparedSeekers::new(documents, day);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = positions.len().div_ceil(threads).max(1);
    let results: Vec<(f64, bool)> = std::thread::scope(|scope| {
        let handles: Vec<_> = positions
            .chunks(chunk)
            .map(|chunk| {
                let prepared = &prepared;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&position| {
                            let truth: Vec<Uuid> = prepared
                                .top_candidates(&queries[position].vacancy, &[], 20)
                                .into_iter()
                                .map(|(id, _)| id.into_inner())
                                .collect();
                            let found = &top[position];
                            let hits = truth.iter().filter(|id| found.contains(id)).count();
                            let recall = if truth.is_empty() {
                                if found.is_empty() { 1.0 } else { 0.0 }
                            } else {
                                hits as f64 / truth.len() as f64
                            };
                            (recall, &truth == found)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    let identical = results.iter().filter(|(_, same)| *same).count();
    (
        results.into_iter().map(|(recall, _)| recall).collect(),
        identical,
    )
}

/// `wanted` positions spread evenly over `0..total` (all of them when `wanted` is `None` or too large), so a
/// subset keeps the mix of selective and broad queries.
fn spread(total: usize, wanted: Option<usize>) -> Vec<usize> {
    let wanted = wanted.unwrap_or(total).min(total);
    if wanted == 0 {
        return Vec::new();
    }
    (0..wanted).map(|k| k * total / wanted).collect()
}

fn directory_size(path: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let metadata = entry.metadata()?;
        total += if metadata.is_dir() {
            directory_size(&entry.path())?
        } else {
            metadata.len()
        };
    }
    Ok(total)
}

/// CPU model and count, and memory, from `/proc`.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("MemTotal:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(0.0, |kib| kib / (1024.0 * 1024.0));
    format!("{cores} × {cpu}, {memory:.0} GiB")
}

impl Report {
    /// The report as Markdown, for docs/benchmarks.md.
    pub fn markdown(&self) -> String {
        let row = |name: &str, latency: &Latency| {
            format!(
                "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} |\n",
                latency.count, latency.p50_ms, latency.p95_ms, latency.p99_ms, latency.max_ms
            )
        };
        let mut out = String::new();
        out.push_str(&format!(
            "### {} seekers, {} queries (seed {})\n\nMachine: {}. Data: {} seekers, {} units held, {} certificates, \
             {} jobs, {} open vacancies{}.\n\n",
            self.seekers,
            self.queries,
            self.seed,
            self.machine,
            self.rows.seekers,
            self.rows.competencies,
            self.rows.certificates,
            self.rows.experiences,
            self.rows.vacancies,
            self.generated_seconds
                .map(|seconds| format!(", generated in {seconds:.0} s"))
                .unwrap_or_default()
        ));
        out.push_str(
            "| Latency (ms) | queries | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n",
        );
        out.push_str(&row("in-process, all", &self.in_process));
        out.push_str(&row("in-process, selective", &self.in_process_selective));
        out.push_str(&row("in-process, broad", &self.in_process_broad));
        out.push_str(&row("PostgreSQL peer, all", &self.peer));
        out.push_str(&row("PostgreSQL peer, selective", &self.peer_selective));
        out.push_str(&row("PostgreSQL peer, broad", &self.peer_broad));
        out.push_str(&row("HTTP, 1 client", &self.http_one_client));
        out.push_str(&row(
            &format!("HTTP, {} clients", self.http_clients),
            &self.http_concurrent,
        ));
        out.push_str(&row("freshness lag", &self.freshness_lag));
        out.push_str(&format!(
            "\n| Measure | value |\n|---|---:|\n\
             | index build (seekers indexed) | {:.1} s ({}) |\n\
             | index size | {:.1} MiB |\n\
             | recall@20 vs brute force (mean / min, queries) | {:.4} / {:.4} ({}) |\n\
             | identical top-20 order vs brute force | {} of {} |\n\
             | speed-up over the PostgreSQL peer at p50 | {:.0}× |\n\
             | peer answers equal to the index's / full scans | {} of {} / {} |\n\
             | HTTP throughput, {} clients | {:.0} requests/s |\n\
             | HTTP answers differing from in-process | {} |\n\
             | freshness probes lost (>10 s) / background updates | {} / {:.0} per s |\n\
             | server start-up (open index, catch up) | {:.1} s |\n\
             | server peak RSS (VmHWM) / at the end | {:.0} MiB / {:.0} MiB |\n\
             | bench process peak RSS (brute force, peer) | {:.0} MiB |\n",
            self.build_seconds,
            self.indexed_seekers,
            self.index_size_mib,
            self.recall_at_20_mean,
            self.recall_at_20_min,
            self.exact_queries,
            self.identical_order,
            self.exact_queries,
            self.speedup_p50,
            self.peer_agreement,
            self.peer_queries,
            self.peer_full_scans,
            self.http_clients,
            self.http_requests_per_second,
            self.http_mismatches,
            self.freshness_lost,
            self.freshness_background_updates_per_second,
            self.server_start_seconds,
            self.server_peak_rss_mib,
            self.server_rss_mib,
            self.bench_peak_rss_mib,
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_the_mix_and_never_repeats() {
        assert_eq!(spread(10, Some(5)), vec![0, 2, 4, 6, 8]);
        assert_eq!(spread(4, None), vec![0, 1, 2, 3]);
        assert_eq!(spread(4, Some(9)), vec![0, 1, 2, 3]);
        assert!(spread(4, Some(0)).is_empty());
    }
}
