//! Jembatan's HTTP API, database access and command-line tools.
//!
//! - `startup`: builds the actix-web application; `routes`: handlers; `error`: the one error body.
//! - `db`: the connection pool, migrations and query functions; `embedded_pg`: the self-managed PostgreSQL cluster
//!   used when no `DATABASE_URL` is set.
//! - `cli`: the `jembatan` command (`serve`, `migrate`, `seed`, `reindex`, `bench`).
//! - `search_index`: this process's search index (open, rebuild, query off the executor); `indexer`: keeps it in
//!   step with PostgreSQL through `search_outbox`.
//!
//! See `docs/architecture.md` for how the crates fit together.

pub mod auth;
pub mod bench;
pub mod cli;
pub mod concurrency;
pub mod config;
pub mod csv_body;
pub mod db;
pub mod embedded_pg;
pub mod error;
pub mod export;
pub mod extract;
pub mod idempotency;
pub mod indexer;
pub mod lang;
pub mod notifications;
pub mod openapi;
pub mod pagination;
pub mod pii;
pub mod routes;
pub mod search_index;
pub mod seed;
pub mod startup;
pub mod telemetry;
pub mod vacancy_expiry;
