//! Liveness and readiness probes for the load balancer and the orchestrator.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;

use crate::error::ApiError;
use crate::startup::AppState;

/// Body of both probes.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HealthStatus {
    /// `ok` when the probe passes.
    pub status: &'static str,
    /// The service version.
    pub version: &'static str,
}

/// The process is up and serving HTTP. Does not touch the database.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "the process is alive", body = HealthStatus))
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The service can do its work: the database answers.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "ready to serve", body = HealthStatus),
        (status = 503, description = "the database does not answer", body = crate::error::Problem,
         content_type = "application/problem+json"),
    )
)]
#[get("/health/ready")]
#[tracing::instrument(skip_all)]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    crate::db::ping(&state.pool)
        .await
        .map_err(|error| ApiError::Unavailable(format!("database check failed: {error:#}")))?;
    Ok(HttpResponse::Ok().json(HealthStatus {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    }))
}
