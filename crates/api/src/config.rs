//! Settings read from the environment (and overridable from the command line).
//!
//! Every setting has a default that works on a developer machine; production sets `DATABASE_URL`,
//! `NIK_KEY` and `LOG_FORMAT=json`. See `docs/operations.md` for the full list.

use std::net::SocketAddr;
use std::path::PathBuf;

use secrecy::SecretString;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Everything the service needs to start.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// PostgreSQL connection URL. Without it, Jembatan runs its own private PostgreSQL cluster in `--pg-data-dir`.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<SecretString>,

    /// Data directory of the self-managed PostgreSQL cluster used when `DATABASE_URL` is not set.
    #[arg(long, env = "PG_DATA_DIR", default_value = "var/postgres")]
    pub pg_data_dir: PathBuf,

    /// Address the HTTP server listens on. Port 0 picks a free port.
    #[arg(long, env = "BIND_ADDR", default_value = "127.0.0.1:8080")]
    pub bind_addr: SocketAddr,

    /// Directory of the on-disk search index (derived from PostgreSQL, rebuilt when missing).
    #[arg(long, env = "INDEX_DIR", default_value = "var/index")]
    pub index_dir: PathBuf,

    /// Milliseconds between two cycles of the search indexer (how soon a change becomes searchable).
    #[arg(long, env = "SEARCH_REFRESH_MS", default_value_t = 500)]
    pub search_refresh_ms: u64,

    /// Secret key for the keyed hash that checks NIK uniqueness and for NIK encryption (at least 32 bytes).
    /// Without it a fixed development key is used and a warning is logged.
    #[arg(long, env = "NIK_KEY", hide_env_values = true)]
    pub nik_key: Option<SecretString>,

    /// Maximum number of pooled database connections.
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 16)]
    pub database_pool_size: usize,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 256 * 1024)]
    pub max_body_bytes: usize,

    /// Number of HTTP worker threads (default: one per core).
    #[arg(long, env = "HTTP_WORKERS")]
    pub http_workers: Option<usize>,

    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value = "pretty")]
    pub log_format: LogFormat,

    /// Run the notification worker (delivery of `notification_outbox` and the periodic producers) in this process.
    #[arg(long, env = "NOTIFICATIONS", default_value_t = true, action = clap::ArgAction::Set)]
    pub notifications: bool,

    /// Seconds between two rounds of the notification worker.
    #[arg(long, env = "NOTIFICATION_INTERVAL_SECS", default_value_t = 30)]
    pub notification_interval_secs: u64,

    /// SMTP relay for e-mail notifications. Without it e-mails are only written to the log.
    #[arg(long, env = "SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port (STARTTLS).
    #[arg(long, env = "SMTP_PORT", default_value_t = 587)]
    pub smtp_port: u16,

    /// Sender address of e-mail notifications, e.g. `Disnaker Balikpapan <noreply@disnaker.balikpapan.go.id>`.
    #[arg(long, env = "SMTP_FROM")]
    pub smtp_from: Option<String>,

    /// SMTP user name, when the relay asks for one.
    #[arg(long, env = "SMTP_USERNAME")]
    pub smtp_username: Option<String>,

    /// SMTP password.
    #[arg(long, env = "SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<SecretString>,
}

impl Settings {
    /// Settings for tests and tools: a given database, a free port on loopback, defaults for the rest.
    pub fn for_database(database_url: SecretString, index_dir: PathBuf) -> Self {
        Self {
            database_url: Some(database_url),
            pg_data_dir: PathBuf::from("var/postgres"),
            bind_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            index_dir,
            search_refresh_ms: 100,
            nik_key: None,
            database_pool_size: 4,
            max_body_bytes: 256 * 1024,
            http_workers: Some(1),
            log_format: LogFormat::Pretty,
            // Tests deliver notifications themselves, with a sender they can observe.
            notifications: false,
            notification_interval_secs: 30,
            smtp_host: None,
            smtp_port: 587,
            smtp_from: None,
            smtp_username: None,
            smtp_password: None,
        }
    }
}
