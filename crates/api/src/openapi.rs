//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` attributes and the schema derives.

use utoipa::OpenApi;

/// The whole API as OpenAPI 3.1, served at `/api/openapi.json` and browsable at `/api/docs/`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Jembatan API",
        description = "Job matching for Balikpapan: BLK graduates, employers (DUDI) and the labour office (Disnaker). \
                       Errors are application/problem+json, see the Problem schema and docs/api.md.",
    ),
    paths(crate::routes::health::live, crate::routes::health::ready),
    components(schemas(crate::error::Problem, crate::error::ProblemFieldError)),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
    )
)]
pub struct ApiDoc;
