//! Support for Jembatan's black-box API tests: a real PostgreSQL database per test, a real server on a free port,
//! and small typed request helpers.
//!
//! The database server is the one in `DATABASE_URL` when set (any database on it; CI uses the machine's server),
//! else the same self-managed private cluster `jembatan serve` uses, kept in the system temp directory and left
//! running for the next test run. Every test gets its own database, cloned from a template that holds the current
//! migrations (rebuilt when a migration changes) and dropped when the test ends.
//!
//! Tests run on a multi-threaded runtime (`#[tokio::test(flavor = "multi_thread", worker_threads = 2)]`): dropping
//! the test database blocks one thread, and background tasks of the server (which run on the test's runtime) must
//! still be able to finish connecting, or `DROP DATABASE` waits for their half-open sessions.

pub mod apprenticeships;
pub mod employers;
pub mod pipeline;
pub mod reports;
pub mod search;
pub mod taxonomy;
pub mod training;
pub mod vacancies;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use jembatan_api::config::Settings;
use jembatan_api::db;
use jembatan_api::embedded_pg::ManagedPostgres;
use jembatan_api::startup::Application;
use secrecy::{ExposeSecret, SecretString};

pub mod seekers;

/// A running server on its own database.
pub struct TestApp {
    /// Base URL, e.g. `http://127.0.0.1:43123`.
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub database: TestDatabase,
    /// The search index directory of this server (removed with the test).
    pub index_dir: tempfile::TempDir,
}

/// Starts the application on a fresh database and a free port.
pub async fn spawn_app() -> TestApp {
    let database = TestDatabase::create().await;
    let index_dir = tempfile::tempdir().expect("a temporary index directory");
    let settings = Settings::for_database(database.url.clone(), index_dir.path().to_path_buf());
    let pool =
        db::build_pool(&database.url, settings.database_pool_size).expect("a connection pool");
    let application = Application::build(settings, pool).expect("the application builds");
    let port = application.port();
    tokio::spawn(application.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client"),
        database,
        index_dir,
    }
}

impl TestApp {
    /// `GET {address}{path}`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the request is sent")
    }

    /// `POST {address}{path}` with a JSON body.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .json(body)
            .send()
            .await
            .expect("the request is sent")
    }

    /// A request builder for anything the helpers above do not cover.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.address))
    }

    /// A direct connection to this test's database, for arranging data and checking what was written.
    pub async fn db(&self) -> AsyncPgConnection {
        AsyncPgConnection::establish(self.database.url.expose_secret())
            .await
            .expect("a connection to the test database")
    }
}

/// Empties the code tables (and, by cascade, everything that refers to them) so a test controls every reference
/// row. `TRUNCATE` locks many tables at once and can deadlock with the server's search indexer reading some of them
/// at that moment; PostgreSQL then aborts one side, so this retries.
pub async fn empty_code_tables(connection: &mut AsyncPgConnection) {
    use diesel_async::SimpleAsyncConnection;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match connection
            .batch_execute(
                "TRUNCATE regions, vocations, competency_units, occupations, industries, search_synonyms CASCADE",
            )
            .await
        {
            Ok(()) => return,
            Err(error) if attempts < 20 && error.to_string().contains("deadlock") => {
                tokio::time::sleep(std::time::Duration::from_millis(25)).await;
            }
            Err(error) => panic!("code tables emptied: {error}"),
        }
    }
}

/// A user account created directly in the test database, with its password in clear for log-in.
pub struct TestUser {
    pub id: uuid::Uuid,
    pub email: String,
    pub password: String,
}

impl TestApp {
    /// Creates an account of `role` (`officer`, `admin` or `seeker`; employer and BLK staff need their
    /// organisation first) with a known password.
    pub async fn create_user(&self, role: &str, email: &str) -> TestUser {
        let password = format!("pw-{}", uuid::Uuid::new_v4().simple());
        let hash = jembatan_api::auth::hash_password(SecretString::from(password.clone()))
            .await
            .expect("the password hashes");
        let id = uuid::Uuid::now_v7();
        let mut connection = self.db().await;
        diesel::sql_query(
            "INSERT INTO users (id, role, email, password_hash, full_name) VALUES ($1, $2, $3, $4, 'Pengguna Uji')",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .bind::<diesel::sql_types::Text, _>(role)
        .bind::<diesel::sql_types::Text, _>(email)
        .bind::<diesel::sql_types::Text, _>(&hash)
        .execute(&mut connection)
        .await
        .expect("the user is inserted");
        TestUser {
            id,
            email: email.to_string(),
            password,
        }
    }

    /// Logs `user` in and returns the bearer token.
    pub async fn login(&self, user: &TestUser) -> String {
        let response = self
            .post_json(
                "/api/v1/auth/login",
                &serde_json::json!({ "email": user.email, "password": user.password }),
            )
            .await;
        assert_eq!(response.status(), 200, "log-in succeeds");
        let body: serde_json::Value = response.json().await.expect("json");
        body["token"].as_str().expect("a token").to_string()
    }

    /// `GET` with a bearer token.
    pub async fn get_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::GET, path)
            .bearer_auth(token)
            .send()
            .await
            .expect("the request is sent")
    }
}

/// A database of one test's own, dropped when the value is dropped.
pub struct TestDatabase {
    pub name: String,
    pub url: SecretString,
    admin_url: SecretString,
}

impl TestDatabase {
    /// Clones the migrated template into a new database.
    pub async fn create() -> Self {
        let server = test_server();
        let template = ensure_template(&server.admin_url).await;
        let name = format!("jembatan_test_{}", uuid::Uuid::new_v4().simple());
        db::create_database_if_missing(&server.admin_url, &name, Some(&template))
            .await
            .expect("the test database is created from the template");
        let url = db::with_database_name(&server.admin_url, &name).expect("a database URL");
        Self {
            name,
            url,
            admin_url: server.admin_url.clone(),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime; do the async work on a thread of its own and wait for it.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database");
            runtime.block_on(db::drop_database(&admin_url, &name))
        })
        .join();
        if let Ok(Err(error)) = dropped {
            eprintln!(
                "warning: test database {} was not dropped: {error:#}",
                self.name
            );
        }
    }
}

/// The PostgreSQL server the tests run against.
struct TestServer {
    admin_url: SecretString,
}

fn test_server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("DATABASE_URL") {
            let url = SecretString::from(url);
            return TestServer {
                admin_url: db::with_database_name(&url, "postgres")
                    .expect("DATABASE_URL is a postgres:// URL"),
            };
        }
        let cluster = ManagedPostgres::start(&test_cluster_dir()).unwrap_or_else(|error| {
            panic!(
                "no DATABASE_URL is set and the self-managed test cluster could not start: {error}"
            )
        });
        // Left running on purpose: test processes come and go (nextest runs one per test) and share it.
        TestServer {
            admin_url: cluster.url_for("postgres"),
        }
    })
}

/// Where the self-managed test cluster lives: the system temp directory, which the unprivileged PostgreSQL user can
/// reach even when the checkout is under a private home directory.
pub fn test_cluster_dir() -> PathBuf {
    std::env::temp_dir().join("jembatan-test-postgres")
}

/// Creates (once per migration set) the template database holding every migration.
async fn ensure_template(admin_url: &SecretString) -> String {
    let name = format!("jembatan_template_{:016x}", migrations_fingerprint());
    let mut lock_connection = AsyncPgConnection::establish(admin_url.expose_secret())
        .await
        .expect("a connection to the test server");
    // Serialise template creation across concurrently starting test processes.
    diesel::sql_query("SELECT pg_advisory_lock(4242424242)")
        .execute(&mut lock_connection)
        .await
        .expect("the template lock");
    let created = db::create_database_if_missing(admin_url, &name, None).await;
    let result = match created {
        Ok(false) => Ok(()),
        Ok(true) => {
            let template_url = db::with_database_name(admin_url, &name).expect("a template URL");
            prepare_template(&template_url).await
        }
        Err(error) => Err(error),
    };
    if result.is_err() {
        let _ = db::drop_database(admin_url, &name).await;
    }
    diesel::sql_query("SELECT pg_advisory_unlock(4242424242)")
        .execute(&mut lock_connection)
        .await
        .expect("the template unlock");
    result.expect("the template database is migrated");
    name
}

/// Migrates the template and loads the reference data every installation has (as `jembatan serve` does).
async fn prepare_template(template_url: &SecretString) -> anyhow::Result<()> {
    db::run_migrations(template_url).await?;
    let mut connection = AsyncPgConnection::establish(template_url.expose_secret()).await?;
    jembatan_api::seed::load_reference(&mut connection).await?;
    Ok(())
}

/// A hash of every migration file, so a changed migration gets a fresh template.
fn migrations_fingerprint() -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    collect_files(&root.join("migrations"), &mut files);
    // The template also holds the reference data, so a change to it needs a new template too.
    collect_files(&root.join("crates/api/src/seed"), &mut files);
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.strip_prefix(&root).unwrap_or(&file).hash(&mut hasher);
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, files);
        } else {
            files.push(path);
        }
    }
}
