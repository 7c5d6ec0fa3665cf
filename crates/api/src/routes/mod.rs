//! HTTP handlers, one module per resource, with their request and response types right above them.
//! `configure` lists every route; `crate::openapi::ApiDoc` lists them again for the OpenAPI document (a test
//! checks the two agree).

pub mod auth;
pub mod health;
pub mod seeker_evidence;
pub mod seekers;

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
            // Fixed paths before `/seekers/{id}`, which would otherwise take them.
            .service(seekers::register)
            .service(seekers::activate)
            .service(seekers::lookup_by_nik)
            .service(seekers::overdue)
            .service(seekers::me)
            .service(seekers::register_at_counter)
            .service(seekers::read)
            .service(seekers::update)
            .service(seekers::erase)
            .service(seekers::reissue_activation_code)
            .service(seekers::re_report)
            .service(seekers::change_status)
            .service(seekers::audit_log_of)
            .service(seekers::export)
            .service(seeker_evidence::list_competencies)
            .service(seeker_evidence::declare)
            .service(seeker_evidence::record_trained)
            .service(seeker_evidence::withdraw_declaration)
            .service(seeker_evidence::list_certificates)
            .service(seeker_evidence::record_certificate)
            .service(seeker_evidence::list_experiences)
            .service(seeker_evidence::add_experience)
            .service(seeker_evidence::update_experience)
            .service(seeker_evidence::delete_experience),
    );
}
