//! HTTP handlers, one module per resource, with their request and response types right above them.
//! `configure` lists every route; `crate::openapi::ApiDoc` lists them again for the OpenAPI document (a test
//! checks the two agree).

pub mod auth;
pub mod health;
pub mod vacancies;

use actix_web::web;

/// Registers every route of the service.
pub fn configure(config: &mut web::ServiceConfig) {
    config.service(health::live).service(health::ready);
    config.service(
        web::scope("/api/v1")
            .service(auth::login)
            .service(auth::logout)
            .service(auth::logout_all)
            .service(auth::me)
            .service(auth::change_password)
            // The fixed paths under /vacancies/ come before /vacancies/{id}, which would otherwise take them.
            .service(vacancies::list_public)
            .service(vacancies::verification_queue)
            .service(vacancies::list_mine)
            .service(vacancies::create)
            .service(vacancies::read)
            .service(vacancies::update)
            .service(vacancies::job_posting_ld)
            .service(vacancies::report)
            .service(vacancies::verify)
            .service(vacancies::return_to_draft)
            .service(vacancies::publish)
            .service(vacancies::close)
            .service(vacancies::fill),
    );
}
