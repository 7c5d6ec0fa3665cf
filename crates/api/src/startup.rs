//! Building and running the HTTP application: `Application::build` binds the port and wires every part together,
//! `run_until_stopped` serves until SIGINT/SIGTERM and then drains in-flight requests.

use std::net::TcpListener;

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

/// Shared state every handler can reach through `web::Data<AppState>`.
pub struct AppState {
    pub pool: DbPool,
    pub settings: Settings,
    /// Hashes, encrypts and reveals NIKs with the keys derived from `NIK_KEY`.
    pub nik: NikProtector,
}

/// A bound, not yet running, HTTP server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds `settings.bind_addr` and prepares the server on an already migrated database.
    pub fn build(settings: Settings, pool: DbPool) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind_addr)?;
        let port = listener.local_addr()?.port();
        let workers = settings.http_workers;
        let nik = NikProtector::new(settings.nik_key.as_ref());
        let state = web::Data::new(AppState {
            pool,
            settings,
            nik,
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
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi.clone()),
                )
        })
        .listen(listener)?
        .shutdown_timeout(30);
        if let Some(workers) = workers {
            server = server.workers(workers);
        }
        Ok(Self {
            port,
            server: server.run(),
        })
    }

    /// The port actually bound (useful when `BIND_ADDR` asked for port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process receives SIGINT or SIGTERM, then finishes in-flight requests (graceful shutdown).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
