//! The `jembatan` command line: `serve`, `migrate`, `seed`, `reindex`, `bench`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use secrecy::SecretString;

use crate::config::Settings;
use crate::embedded_pg::{self, ManagedPostgres};
use crate::pii::NikProtector;
use crate::seed;
use crate::startup::Application;

#[derive(Debug, Parser)]
#[command(
    name = "jembatan",
    version,
    about = "Jembatan: BLK graduates to industry vacancies, for Disnaker Balikpapan"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP API (migrating the database and loading missing reference data first).
    Serve {
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        demo: DemoArgs,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        #[command(flatten)]
        settings: Settings,
    },
    /// Load the reference data (regions, SKKNI units, KBJI, KBLI, synonyms) and, with --demo, the demo data set.
    /// Idempotent: a second run inserts nothing.
    Seed {
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        demo: DemoArgs,
    },
    /// Rebuild the search index in INDEX_DIR from the database, with a progress bar. Stop any `jembatan serve`
    /// using the same INDEX_DIR first (`serve` also rebuilds by itself when the index is missing or outdated).
    Reindex {
        #[command(flatten)]
        settings: Settings,
    },
    /// Benchmark competency matching (docs/benchmarks.md, Search): generates a synthetic city in a database of its
    /// own on the same server (once per size and seed), builds the index, and measures in-process and HTTP latency,
    /// exactness against a brute-force scorer, a plain-PostgreSQL peer, freshness lag and memory. Use a release
    /// build. Prints the report as Markdown.
    Bench {
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        options: crate::bench::BenchOptions,
    },
}

/// Options of the demo data set.
#[derive(Debug, Clone, clap::Args)]
struct DemoArgs {
    /// Load the reproducible Balikpapan demo data set too (idempotent).
    #[arg(long)]
    demo: bool,
    /// Date the demo is dated from (YYYY-MM-DD); default today in Balikpapan. With the seed it fixes every row.
    #[arg(long)]
    demo_today: Option<chrono::NaiveDate>,
    /// Seed of the demo generator: the same seed gives the same data.
    #[arg(long, default_value_t = seed::DemoOptions::DEFAULT_SEED)]
    demo_seed: u64,
    /// Number of job seekers in the demo.
    #[arg(long, default_value_t = seed::DemoOptions::DEFAULT_SEEKERS)]
    demo_seekers: usize,
}

impl DemoArgs {
    fn options(&self) -> seed::DemoOptions {
        seed::DemoOptions {
            seed: self.demo_seed,
            today: self.demo_today.unwrap_or_else(seed::today_in_balikpapan),
            seekers: self.demo_seekers,
        }
    }
}

/// Entry point of the binary: parses arguments, runs the command, and turns a failure into one clear message.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { settings, demo } => {
            serve(settings, demo.demo.then(|| demo.options())).await
        }
        Command::Migrate { settings } => {
            crate::telemetry::init(settings.log_format);
            let database = Database::open(&settings).await?;
            let result = crate::db::run_migrations(&database.url).await;
            database.close().await?;
            let applied = result?;
            tracing::info!(count = applied.len(), "migrations applied");
            Ok(())
        }
        Command::Reindex { settings } => {
            crate::telemetry::init(settings.log_format);
            let mut signals = ShutdownSignals::install()?;
            let database = Database::open(&settings).await?;
            let result = tokio::select! {
                result = reindex(&settings, &database.url) => result,
                signal = signals.recv() => Err(anyhow::anyhow!(
                    "interrupted by {signal}; the index was left as it was (the rebuild had not been committed)"
                )),
            };
            database.close().await?;
            result
        }
        Command::Bench { settings, options } => {
            crate::telemetry::init(settings.log_format);
            let mut signals = ShutdownSignals::install()?;
            let database = Database::open(&settings).await?;
            let result = tokio::select! {
                result = crate::bench::run(&database.url, &options) => result,
                signal = signals.recv() => Err(anyhow::anyhow!("interrupted by {signal}")),
            };
            database.close().await?;
            let report = result?.markdown();
            use std::io::Write;
            writeln!(std::io::stdout().lock(), "{report}")?;
            Ok(())
        }
        Command::Seed { settings, demo } => {
            crate::telemetry::init(settings.log_format);
            let mut signals = ShutdownSignals::install()?;
            let database = Database::open(&settings).await?;
            let result = tokio::select! {
                result = prepare(&settings, &database.url, demo.demo.then(|| demo.options())) => result.map(|_| ()),
                signal = signals.recv() => Err(anyhow::anyhow!("interrupted by {signal}; nothing of the unfinished seed was kept")),
            };
            database.close().await?;
            result
        }
    }
}

/// Migrates, loads missing reference data and (optionally) the demo, and returns the pool.
async fn prepare(
    settings: &Settings,
    database_url: &SecretString,
    demo: Option<seed::DemoOptions>,
) -> anyhow::Result<crate::db::DbPool> {
    let applied = crate::db::run_migrations(database_url).await?;
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "migrations applied");
    }
    let pool = crate::db::build_pool(database_url, settings.database_pool_size)?;
    let mut connection = pool.get().await?;
    let reference = seed::load_reference(&mut connection).await?;
    drop(connection);
    if reference.inserted() > 0 {
        tracing::info!(rows = reference.inserted(), "reference data loaded");
    }
    if let Some(options) = demo {
        let nik = NikProtector::new(settings.nik_key.as_ref());
        let started = std::time::Instant::now();
        let report = seed::load_demo(&pool, &nik, &options).await?;
        tracing::info!(
            inserted = report.inserted(),
            already_present = report.already_present(),
            seconds = started.elapsed().as_secs_f32(),
            "demo data loaded (log in with password {})",
            seed::DEMO_PASSWORD
        );
    }
    Ok(pool)
}

/// Migrates, then rebuilds the search index from the database, drawing a progress bar on stderr.
async fn reindex(settings: &Settings, database_url: &SecretString) -> anyhow::Result<()> {
    crate::db::run_migrations(database_url).await?;
    let pool = crate::db::build_pool(database_url, crate::search_index::REBUILD_READERS + 1)?;
    let search = crate::search_index::SearchService::open(&settings.index_dir)?;
    let started = std::time::Instant::now();
    let mut bar = ProgressBar::default();
    let report = crate::search_index::rebuild(&pool, search.index(), &mut |progress| {
        bar.draw(progress, started.elapsed())
    })
    .await?;
    bar.finish();
    tracing::info!(
        seekers = report.counts.seekers,
        vacancies = report.counts.vacancies,
        watermark = report.watermark,
        seconds = started.elapsed().as_secs_f32(),
        directory = %settings.index_dir.display(),
        "search index rebuilt"
    );
    Ok(())
}

/// A one-line progress bar on stderr, redrawn in place.
#[derive(Default)]
struct ProgressBar {
    drawn: bool,
}

impl ProgressBar {
    const WIDTH: u64 = 30;

    fn draw(
        &mut self,
        progress: crate::search_index::RebuildProgress,
        elapsed: std::time::Duration,
    ) {
        use std::io::Write;
        let total = (progress.seekers_total + progress.vacancies_total).max(1);
        let done = (progress.seekers_done + progress.vacancies_done).min(total);
        let filled = done * Self::WIDTH / total;
        let bar: String = (0..Self::WIDTH)
            .map(|position| if position < filled { '#' } else { '-' })
            .collect();
        let mut stderr = std::io::stderr().lock();
        let _ = write!(
            stderr,
            "\rreindex [{bar}] {:>3}%  seekers {}/{}  vacancies {}/{}  {:.1} s",
            done * 100 / total,
            progress.seekers_done,
            progress.seekers_total,
            progress.vacancies_done,
            progress.vacancies_total,
            elapsed.as_secs_f32()
        );
        let _ = stderr.flush();
        self.drawn = true;
    }

    fn finish(&mut self) {
        if self.drawn {
            eprintln!();
        }
    }
}

async fn serve(settings: Settings, demo: Option<seed::DemoOptions>) -> anyhow::Result<()> {
    crate::telemetry::init(settings.log_format);
    // Installed before anything starts, so a Ctrl-C during start-up still stops the database we started.
    let mut signals = ShutdownSignals::install()?;
    let database = Database::open(&settings).await?;
    let result = serve_on(&settings, &database.url, demo, &mut signals).await;
    database.close().await?;
    result
}

async fn serve_on(
    settings: &Settings,
    database_url: &SecretString,
    demo: Option<seed::DemoOptions>,
    signals: &mut ShutdownSignals,
) -> anyhow::Result<()> {
    let pool = tokio::select! {
        pool = prepare(settings, database_url, demo) => pool?,
        signal = signals.recv() => {
            // Dropping the preparation rolls back its open transaction: nothing half-written stays behind.
            tracing::info!(signal, "stopping before serving");
            return Ok(());
        }
    };
    let application = Application::build(settings.clone(), pool)?;
    tracing::info!(
        address = %settings.bind_addr.ip(),
        port = application.port(),
        "serving; API docs at /api/docs/"
    );
    let handle = application.handle();
    let server = application.run_until_stopped();
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => result?,
        signal = signals.recv() => {
            tracing::info!(signal, "shutting down: finishing requests in flight");
            // The server future processes the stop command itself, so it must keep being polled while it drains.
            tokio::spawn(async move { handle.stop(true).await });
            server.await?;
        }
    }
    tracing::info!("stopped");
    Ok(())
}

/// SIGINT and SIGTERM, registered up front so that neither kills the process while the database starts.
struct ShutdownSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl ShutdownSignals {
    fn install() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    /// Waits for the next signal and names it.
    async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

/// The database a command works on: the one in `DATABASE_URL`, or the self-managed cluster.
struct Database {
    url: SecretString,
    managed: Option<ManagedPostgres>,
}

impl Database {
    async fn open(settings: &Settings) -> anyhow::Result<Self> {
        if let Some(url) = &settings.database_url {
            check_reachable(url).await.map_err(|error| {
                anyhow::anyhow!(
                    "cannot connect to the database in DATABASE_URL ({error}): start that server, fix the URL, \
                     or unset DATABASE_URL to let jembatan run its own PostgreSQL in {}",
                    settings.pg_data_dir.display()
                )
            })?;
            return Ok(Self {
                url: url.clone(),
                managed: None,
            });
        }
        let data_dir = settings.pg_data_dir.clone();
        let managed =
            tokio::task::spawn_blocking(move || ManagedPostgres::start(&data_dir)).await??;
        crate::db::create_database_if_missing(
            &managed.url_for("postgres"),
            embedded_pg::DATABASE_NAME,
            None,
        )
        .await?;
        Ok(Self {
            url: managed.url(),
            managed: Some(managed),
        })
    }

    async fn close(self) -> anyhow::Result<()> {
        if let Some(managed) = self.managed {
            tokio::task::spawn_blocking(move || managed.stop()).await??;
        }
        Ok(())
    }
}

async fn check_reachable(url: &SecretString) -> anyhow::Result<()> {
    use diesel_async::AsyncConnection;
    use secrecy::ExposeSecret;
    diesel_async::AsyncPgConnection::establish(url.expose_secret()).await?;
    Ok(())
}
