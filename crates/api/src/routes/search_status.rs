//! `GET /health/search`: how far this process's search index is (ready, watermark, last cycle, counts), for the
//! operator and for tests that wait for a change to become searchable.

use actix_web::{HttpResponse, get, web};

use crate::search_index::SearchStatus;
use crate::startup::AppState;

/// The search index of this process: ready or still building, the outbox watermark applied, the last cycle and
/// its lag, document counts. Always 200; `ready` says whether searches are answered.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "the indexer's status", body = SearchStatus))
)]
#[get("/health/search")]
pub async fn search_status(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(state.search.status())
}
