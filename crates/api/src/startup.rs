//! Building and running the HTTP application: `Application::build` binds the port and wires every part together,
//! `run_until_stopped` serves until `handle().stop(..)` is called (the CLI does so on SIGINT/SIGTERM, draining
//! in-flight requests).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, middleware, web};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Settings;
use crate::db::DbPool;
use crate::error;
use crate::extract::{self, BodyLimit};
use crate::pii::NikProtector;
use crate::search_index::SearchService;

/// Shared state every handler can reach through `web::Data<AppState>`.
pub struct AppState {
    pub pool: DbPool,
    pub settings: Settings,
    /// Hashes, encrypts and reveals NIKs with the keys derived from `NIK_KEY`.
    pub nik: NikProtector,
    /// This process's search index, kept in step by the indexer task.
    pub search: Arc<SearchService>,
}

/// A bound, not yet running, HTTP server.
pub struct Application {
    port: u16,
    server: Server,
    /// Expires vacancies whose validity ended (`vacancy_expiry`), hourly; stopped with the server.
    expiry_task: tokio::task::JoinHandle<()>,
    /// Delivers and produces notifications (`notifications`) when `NOTIFICATIONS` is on; stopped with the server.
    notification_task: Option<tokio::task::JoinHandle<()>>,
    /// Keeps the search index in step with the database (`indexer`); stopped with the server.
    indexer_task: tokio::task::JoinHandle<()>,
}

impl Application {
    /// Binds `settings.bind_addr` and prepares the server on an already migrated database.
    pub fn build(settings: Settings, pool: DbPool) -> anyhow::Result<Self> {
        let senders = crate::notifications::Senders::from_settings(&settings)?;
        Self::build_with_senders(settings, pool, senders)
    }

    /// Like [`Application::build`], delivering notifications through `senders` (tests pass one they can observe).
    pub fn build_with_senders(
        settings: Settings,
        pool: DbPool,
        senders: crate::notifications::Senders,
    ) -> anyhow::Result<Self> {
        let notification_task = settings
            .notifications
            .then(|| crate::notifications::spawn(pool.clone(), senders, &settings));
        let listener = TcpListener::bind(settings.bind_addr)?;
        let port = listener.local_addr()?.port();
        let workers = settings.http_workers;
        let expiry_pool = pool.clone();
        let indexer_pool = pool.clone();
        let nik = NikProtector::new(settings.nik_key.as_ref());
        let search = SearchService::open(&settings.index_dir)?;
        let indexer_interval = Duration::from_millis(settings.search_refresh_ms.max(10));
        let indexer_search = Arc::clone(&search);
        let state = web::Data::new(AppState {
            pool,
            settings,
            nik,
            search,
        });
        let body_limit = web::Data::new(BodyLimit(state.settings.max_body_bytes));
        let openapi = crate::openapi::ApiDoc::openapi();

        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(middleware::from_fn(error::problem_renderer))
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(body_limit.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(body_limit.0)
                        .error_handler(extract::json_config_error),
                )
                .app_data(web::QueryConfig::default().error_handler(extract::query_config_error))
                .app_data(web::PathConfig::default().error_handler(extract::path_config_error))
                .app_data(web::PayloadConfig::default().limit(body_limit.0))
                .configure(crate::routes::configure)
                .route("/api/docs", web::get().to(redirect_to_docs))
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi.clone()),
                )
        })
        .listen(listener)?
        // Signals are handled by the caller (`cli`), so that start-up and the self-managed database are covered too.
        .disable_signals()
        .shutdown_timeout(30);
        if let Some(workers) = workers {
            server = server.workers(workers);
        }
        let expiry_task = tokio::spawn(crate::vacancy_expiry::run_periodically(
            expiry_pool,
            crate::vacancy_expiry::EXPIRY_INTERVAL,
        ));
        let indexer_task = tokio::spawn(crate::indexer::run(
            indexer_pool,
            indexer_search,
            indexer_interval,
        ));
        Ok(Self {
            port,
            server: server.run(),
            expiry_task,
            notification_task,
            indexer_task,
        })
    }

    /// The port actually bound (useful when `BIND_ADDR` asked for port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server: `handle().stop(true)` stops accepting connections and lets in-flight
    /// requests finish (up to 30 s).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped through `handle()` (the CLI does that on SIGINT or SIGTERM).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.expiry_task.abort();
        if let Some(task) = self.notification_task {
            task.abort();
        }
        self.indexer_task.abort();
        // Wait for the indexer to let go of the index, so its directory can be opened again at once.
        let _ = self.indexer_task.await;
        served
    }
}

/// `/api/docs` without the trailing slash: send the browser to the docs page.
async fn redirect_to_docs() -> actix_web::HttpResponse {
    actix_web::HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
        .finish()
}
