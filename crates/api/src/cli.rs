//! The `jembatan` command line: `serve`, `migrate`, `seed`.

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
        /// Also load the Balikpapan demo data set (idempotent) before serving.
        #[arg(long)]
        demo: bool,
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
}

/// Options of the demo data set.
#[derive(Debug, Clone, clap::Args)]
struct DemoArgs {
    /// Load the reproducible Balikpapan demo data set too.
    #[arg(long)]
    demo: bool,
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
            today: seed::today_in_balikpapan(),
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
        Command::Serve { settings, demo } => serve(settings, demo).await,
        Command::Migrate { settings } => {
            crate::telemetry::init(settings.log_format);
            let database = Database::open(&settings).await?;
            let result = crate::db::run_migrations(&database.url).await;
            database.close().await?;
            let applied = result?;
            tracing::info!(count = applied.len(), "migrations applied");
            Ok(())
        }
        Command::Seed { settings, demo } => {
            crate::telemetry::init(settings.log_format);
            let database = Database::open(&settings).await?;
            let result = prepare(&settings, &database.url, demo.demo.then(|| demo.options())).await;
            database.close().await?;
            result.map(|_| ())
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

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    crate::telemetry::init(settings.log_format);
    let database = Database::open(&settings).await?;
    let result = serve_on(&settings, &database.url, demo).await;
    database.close().await?;
    result
}

async fn serve_on(
    settings: &Settings,
    database_url: &SecretString,
    demo: bool,
) -> anyhow::Result<()> {
    let demo = demo.then(seed::DemoOptions::default);
    let pool = prepare(settings, database_url, demo).await?;
    let application = Application::build(settings.clone(), pool)?;
    tracing::info!(
        address = %settings.bind_addr.ip(),
        port = application.port(),
        "serving; API docs at /api/docs/"
    );
    application.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
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
