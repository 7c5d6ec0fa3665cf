//! HTTP handlers, one module per resource, with their request and response types right above them.
//! `configure` lists every route; `crate::openapi` lists them again for the OpenAPI document (keep the two in step:
//! a handler missing there is missing from the published API description).

pub mod agreements;
pub mod applications;
pub mod apprenticeships;
pub mod auth;
pub mod competency_units;
pub mod employers;
pub mod enrolments;
pub mod health;
pub mod industries;
pub mod matches;
pub mod occupations;
pub mod placements;
pub mod recommendations;
pub mod regions;
pub mod reports;
pub mod search_status;
pub mod search_synonyms;
pub mod seeker_evidence;
pub mod seekers;
pub mod taxonomy;
pub mod training_programmes;
pub mod training_providers;
pub mod users;
pub mod vacancies;
pub mod vacancy_search;
pub mod vocations;

use actix_web::web;

/// Registers every route of the service.
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .service(health::live)
        .service(health::ready)
        .service(search_status::search_status);
    config.service(
        web::scope("/api/v1")
            .wrap(actix_web::middleware::from_fn(crate::idempotency::layer))
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
            .service(users::disable_user)
            .service(competency_units::list_competency_units)
            .service(competency_units::import_competency_units)
            .service(competency_units::get_competency_unit)
            .service(competency_units::create_competency_unit)
            .service(competency_units::update_competency_unit)
            .service(occupations::list_occupations)
            .service(occupations::import_occupations)
            .service(occupations::get_occupation)
            .service(occupations::create_occupation)
            .service(occupations::update_occupation)
            .service(industries::list_industries)
            .service(industries::import_industries)
            .service(industries::get_industry)
            .service(industries::create_industry)
            .service(industries::update_industry)
            .service(vocations::list_vocations)
            .service(vocations::get_vocation)
            .service(vocations::create_vocation)
            .service(vocations::update_vocation)
            .service(regions::list_regions)
            .service(regions::get_region)
            .service(regions::create_region)
            .service(regions::update_region)
            .service(search_synonyms::list_synonym_groups)
            .service(search_synonyms::get_synonym_group)
            .service(search_synonyms::put_synonym_group)
            .service(search_synonyms::delete_synonym_group)
            // The fixed paths under /vacancies/ come before /vacancies/{id}, which would otherwise take them.
            .service(vacancies::list_public)
            .service(vacancy_search::search_vacancies)
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
            .service(vacancies::fill)
            .service(matches::candidates_for_vacancy)
            // Fixed paths before `/seekers/{id}`, which would otherwise take them.
            .service(seekers::registration::register)
            .service(seekers::registration::activate)
            .service(seekers::lookup_by_nik)
            .service(seekers::overdue)
            .service(seekers::me)
            .service(seekers::registration::register_at_counter)
            .service(seekers::read)
            .service(seekers::update)
            .service(seekers::erase)
            .service(seekers::registration::reissue_activation_code)
            .service(seekers::re_report)
            .service(seekers::change_status)
            .service(seekers::audit_log_of)
            .service(seekers::export)
            .service(recommendations::vacancies_for_seeker)
            .service(seeker_evidence::list_competencies)
            .service(seeker_evidence::declare)
            .service(seeker_evidence::record_trained)
            .service(seeker_evidence::withdraw_declaration)
            .service(seeker_evidence::list_certificates)
            .service(seeker_evidence::record_certificate)
            .service(seeker_evidence::list_experiences)
            .service(seeker_evidence::add_experience)
            .service(seeker_evidence::update_experience)
            .service(seeker_evidence::delete_experience)
            // Fixed paths before `/applications/{id}`, which would otherwise take them.
            .service(applications::apply)
            .service(applications::invite)
            .service(applications::list_mine)
            .service(applications::read)
            .service(applications::move_stage)
            .service(applications::hire)
            .service(applications::list_for_vacancy)
            .service(placements::record)
            .service(placements::list)
            .service(placements::due_followups)
            .service(placements::read)
            .service(placements::record_followup)
            .service(reports::ipk_report)
            .service(reports::close_month)
            .service(reports::list_closures)
            .service(reports::absorption_report)
            .service(reports::competency_report)
            .service(reports::compliance_report)
            .service(reports::agreements_report)
            .service(reports::fairness_report)
            .service(reports::placements_register)
            .service(training_providers::create_provider)
            .service(training_providers::list_providers)
            .service(training_providers::read_provider)
            .service(training_providers::update_provider)
            .service(training_providers::add_staff)
            .service(training_programmes::create_programme)
            .service(training_programmes::list_programmes)
            .service(training_programmes::read_programme)
            .service(training_programmes::update_programme)
            .service(training_programmes::archive_programme)
            .service(training_programmes::create_cohort)
            .service(training_programmes::list_programme_cohorts)
            // Fixed paths before `/cohorts/{id}` and `/enrolments/{id}`, which would otherwise take them.
            .service(training_programmes::list_open_cohorts)
            .service(training_programmes::read_cohort)
            .service(training_programmes::update_cohort)
            .service(training_programmes::move_cohort)
            .service(enrolments::enrol)
            .service(enrolments::list_of_cohort)
            .service(enrolments::list_mine)
            .service(enrolments::read)
            .service(enrolments::move_status)
            .service(apprenticeships::list_programmes)
            .service(apprenticeships::propose_programme)
            .service(apprenticeships::read_programme)
            .service(apprenticeships::update_programme)
            .service(apprenticeships::approve_programme)
            .service(apprenticeships::reject_programme)
            .service(apprenticeships::close_programme)
            .service(apprenticeships::place_apprentice)
            .service(apprenticeships::list_apprentices)
            .service(apprenticeships::read_apprenticeship)
            .service(apprenticeships::submit_progress_report)
            .service(apprenticeships::complete)
            .service(apprenticeships::discontinue)
            .service(agreements::list_agreements)
            .service(agreements::create_agreement)
            .service(agreements::read_agreement)
            .service(agreements::activate_agreement)
            .service(agreements::end_agreement)
            .service(agreements::terminate_agreement),
    );
}
