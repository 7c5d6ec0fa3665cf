//! HTTP handlers, one module per resource, with their request and response types right above them.
//! `configure` lists every route; `crate::openapi::ApiDoc` lists them again for the OpenAPI document (a test
//! checks the two agree).

pub mod auth;
pub mod employers;
pub mod health;
pub mod users;

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
            .service(employers::register)
            .service(employers::list_employers)
            .service(employers::get_employer)
            .service(employers::update_employer)
            .service(employers::decide_verification)
            .service(employers::add_staff)
            .service(users::create_staff_user)
            .service(users::disable_user),
    );
}
