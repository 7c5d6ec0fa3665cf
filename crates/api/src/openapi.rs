//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` attributes and the schema derives.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{
    auth, competency_units, employers, health, industries, occupations, regions, reports,
    seeker_evidence, seekers, users, vacancies, vocations,
};

/// The whole API as OpenAPI 3.1, served at `/api/openapi.json` and browsable at `/api/docs/`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Jembatan API",
        description = "Job matching for Balikpapan: BLK graduates, employers (DUDI) and the labour office (Disnaker). \
                       Errors are application/problem+json, see the Problem schema and docs/api.md. \
                       Messages follow Accept-Language (id by default, en).",
    ),
    paths(health::live, health::ready),
    nest((path = "/api/v1", api = V1)),
    components(schemas(crate::error::Problem, crate::error::ProblemFieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
        (name = "auth", description = "Log in and out; bearer tokens"),
        (name = "users", description = "Labour-office accounts, managed by administrators"),
        (name = "employers", description = "Employers (DUDI): registration, staff, verification by the labour office"),
        (name = "taxonomy", description = "Reference data: SKKNI competency units, KBJI occupations, KBLI industries, vocations (kejuruan), regions (kecamatan). Anyone may read and search; officers and administrators write and import"),
        (name = "vacancies", description = "Vacancies (lowongan): writing, the reporting and verification lifecycle, the public listing, JobPosting JSON-LD"),
        (name = "seekers", description = "Job seekers: the AK/I card, competencies with evidence, work experience, data export and erasure"),
        (name = "reports", description = "Labour-office reports computed from the records (officers and admins): the monthly IPK summary and month closing, training absorption, competency gaps, employer compliance, agreements, pipeline fairness, the placements register; JSON, CSV or XLSX"),
    )
)]
pub struct ApiDoc;

/// The resource routes, mounted under `/api/v1` (see `routes::configure`).
#[derive(OpenApi)]
#[openapi(paths(
    auth::login,
    auth::logout,
    auth::logout_all,
    auth::me,
    auth::change_password,
    employers::register,
    employers::list_employers,
    employers::get_employer,
    employers::update_employer,
    employers::decide_verification,
    employers::add_staff,
    users::create_staff_user,
    users::disable_user,
    competency_units::list_competency_units,
    competency_units::get_competency_unit,
    competency_units::create_competency_unit,
    competency_units::update_competency_unit,
    competency_units::import_competency_units,
    occupations::list_occupations,
    occupations::get_occupation,
    occupations::create_occupation,
    occupations::update_occupation,
    occupations::import_occupations,
    industries::list_industries,
    industries::get_industry,
    industries::create_industry,
    industries::update_industry,
    industries::import_industries,
    vocations::list_vocations,
    vocations::get_vocation,
    vocations::create_vocation,
    vocations::update_vocation,
    regions::list_regions,
    regions::get_region,
    regions::create_region,
    regions::update_region,
    vacancies::list_public,
    vacancies::verification_queue,
    vacancies::list_mine,
    vacancies::create,
    vacancies::read,
    vacancies::update,
    vacancies::job_posting_ld,
    vacancies::report,
    vacancies::verify,
    vacancies::return_to_draft,
    vacancies::publish,
    vacancies::close,
    vacancies::fill,
    seekers::register,
    seekers::activate,
    seekers::lookup_by_nik,
    seekers::overdue,
    seekers::me,
    seekers::register_at_counter,
    seekers::read,
    seekers::update,
    seekers::erase,
    seekers::reissue_activation_code,
    seekers::re_report,
    seekers::change_status,
    seekers::audit_log_of,
    seekers::export,
    seeker_evidence::list_competencies,
    seeker_evidence::declare,
    seeker_evidence::record_trained,
    seeker_evidence::withdraw_declaration,
    seeker_evidence::list_certificates,
    seeker_evidence::record_certificate,
    seeker_evidence::list_experiences,
    seeker_evidence::add_experience,
    seeker_evidence::update_experience,
    seeker_evidence::delete_experience,
    reports::ipk_report,
    reports::close_month,
    reports::list_closures,
    reports::absorption_report,
    reports::competency_report,
    reports::compliance_report,
    reports::agreements_report,
    reports::fairness_report,
    reports::placements_register
))]
struct V1;

/// Declares the `bearer` security scheme that authenticated paths refer to.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("opaque token jbt_…")
                    .build(),
            ),
        );
    }
}
