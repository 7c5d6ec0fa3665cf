// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "xid8", schema = "pg_catalog"))]
    pub struct Xid8;
}

diesel::table! {
    agreement_commitments (id) {
        id -> Uuid,
        agreement_id -> Uuid,
        employer_id -> Nullable<Uuid>,
        kind -> Text,
        period_start -> Date,
        period_end -> Date,
        target_quantity -> Int4,
        description -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    agreement_parties (agreement_id, employer_id) {
        agreement_id -> Uuid,
        employer_id -> Uuid,
        signatory_name -> Nullable<Text>,
    }
}

diesel::table! {
    agreement_supported_cohorts (commitment_id, cohort_id) {
        commitment_id -> Uuid,
        cohort_id -> Uuid,
    }
}

diesel::table! {
    agreements (id) {
        id -> Uuid,
        agreement_number -> Nullable<Text>,
        title -> Text,
        description -> Nullable<Text>,
        signed_on -> Nullable<Date>,
        valid_from -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        status -> Text,
        status_reason -> Nullable<Text>,
        created_by -> Uuid,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    application_stage_changes (id) {
        id -> Int8,
        application_id -> Uuid,
        from_stage -> Nullable<Text>,
        to_stage -> Text,
        actor_user_id -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    applications (id) {
        id -> Uuid,
        vacancy_id -> Uuid,
        seeker_id -> Uuid,
        origin -> Text,
        stage -> Text,
        stage_changed_at -> Timestamptz,
        invited_by -> Nullable<Uuid>,
        applied_at -> Nullable<Timestamptz>,
        cover_note -> Nullable<Text>,
        rejection_reason -> Nullable<Text>,
        rejection_note -> Nullable<Text>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    apprenticeship_programme_units (programme_id, unit_code) {
        programme_id -> Uuid,
        unit_code -> Text,
    }
}

diesel::table! {
    apprenticeship_programmes (id) {
        id -> Uuid,
        host_employer_id -> Uuid,
        title -> Text,
        description -> Nullable<Text>,
        vocation_code -> Nullable<Text>,
        kbji_code -> Nullable<Text>,
        region_code -> Nullable<Text>,
        duration_months -> Int2,
        seats -> Int4,
        monthly_stipend_rupiah -> Int8,
        mentor_name -> Text,
        status -> Text,
        decided_at -> Nullable<Timestamptz>,
        decided_by -> Nullable<Uuid>,
        decision_reason -> Nullable<Text>,
        created_by -> Uuid,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    apprenticeship_progress_reports (id) {
        id -> Uuid,
        apprenticeship_id -> Uuid,
        period_month -> Date,
        attendance_days -> Nullable<Int2>,
        summary -> Text,
        submitted_by -> Uuid,
        submitted_at -> Timestamptz,
    }
}

diesel::table! {
    apprenticeships (id) {
        id -> Uuid,
        programme_id -> Uuid,
        seeker_id -> Uuid,
        agreement_number -> Text,
        agreement_date -> Date,
        starts_on -> Date,
        ends_on -> Date,
        mentor_name -> Text,
        monthly_stipend_rupiah -> Int8,
        status -> Text,
        ended_on -> Nullable<Date>,
        discontinued_reason -> Nullable<Text>,
        certificate_number -> Nullable<Text>,
        hired_by_host -> Nullable<Bool>,
        recorded_by -> Uuid,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        seeker_id -> Uuid,
        actor_user_id -> Uuid,
        actor_role -> Text,
        action -> Text,
        resource -> Text,
        purpose -> Text,
        request_id -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    auth_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    certificate_units (certificate_id, unit_code) {
        certificate_id -> Uuid,
        unit_code -> Text,
    }
}

diesel::table! {
    certificates (id) {
        id -> Uuid,
        seeker_id -> Uuid,
        certificate_number -> Text,
        scheme -> Text,
        issuer -> Text,
        issued_on -> Date,
        valid_until -> Nullable<Date>,
        status -> Text,
        revoked_at -> Nullable<Timestamptz>,
        revoked_reason -> Nullable<Text>,
        recorded_by -> Uuid,
        verified_at -> Nullable<Timestamptz>,
        verified_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    cohorts (id) {
        id -> Uuid,
        programme_id -> Uuid,
        name -> Text,
        starts_on -> Date,
        ends_on -> Date,
        registration_opens_on -> Date,
        registration_closes_on -> Date,
        quota -> Int4,
        accepted_count -> Int4,
        selection_steps -> Array<Nullable<Text>>,
        venue -> Nullable<Text>,
        status -> Text,
        cancelled_reason -> Nullable<Text>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    competency_units (code) {
        code -> Text,
        title -> Text,
        title_en -> Nullable<Text>,
        vocation_code -> Nullable<Text>,
        synonyms -> Array<Nullable<Text>>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    employers (id) {
        id -> Uuid,
        name -> Text,
        legal_form -> Text,
        nib -> Text,
        npwp -> Nullable<Text>,
        kbli_code -> Text,
        address -> Text,
        region_code -> Nullable<Text>,
        contact_person_name -> Text,
        contact_phone -> Text,
        contact_email -> Nullable<Text>,
        company_size -> Nullable<Text>,
        website -> Nullable<Text>,
        verification_status -> Text,
        verification_note -> Nullable<Text>,
        verified_at -> Nullable<Timestamptz>,
        verified_by -> Nullable<Uuid>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    enrolment_status_changes (id) {
        id -> Int8,
        enrolment_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_user_id -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    enrolments (id) {
        id -> Uuid,
        cohort_id -> Uuid,
        seeker_id -> Uuid,
        status -> Text,
        status_changed_at -> Timestamptz,
        graduated_on -> Nullable<Date>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    idempotency_keys (user_id, key) {
        user_id -> Uuid,
        key -> Text,
        request_fingerprint -> Bytea,
        response_status -> Nullable<Int2>,
        response_body -> Nullable<Jsonb>,
        created_at -> Timestamptz,
        response_headers -> Nullable<Jsonb>,
    }
}

diesel::table! {
    industries (code) {
        code -> Text,
        category -> Text,
        title -> Text,
        title_en -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Int8,
        user_id -> Nullable<Uuid>,
        client_address -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamptz,
    }
}

diesel::table! {
    notification_outbox (id) {
        id -> Int8,
        recipient_user_id -> Nullable<Uuid>,
        recipient_seeker_id -> Nullable<Uuid>,
        channel -> Text,
        kind -> Text,
        payload -> Jsonb,
        dedupe_key -> Text,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    occupations (code) {
        code -> Text,
        title -> Text,
        title_en -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    placement_followups (id) {
        id -> Uuid,
        placement_id -> Uuid,
        offset_months -> Int2,
        due_on -> Date,
        outcome -> Nullable<Text>,
        left_on -> Nullable<Date>,
        note -> Nullable<Text>,
        recorded_by -> Nullable<Uuid>,
        recorded_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    placements (id) {
        id -> Uuid,
        seeker_id -> Uuid,
        vacancy_id -> Nullable<Uuid>,
        application_id -> Nullable<Uuid>,
        apprenticeship_id -> Nullable<Uuid>,
        employer_id -> Nullable<Uuid>,
        employer_name -> Text,
        kbji_code -> Text,
        kbli_code -> Nullable<Text>,
        start_date -> Date,
        employment_type -> Text,
        wage_rupiah -> Nullable<Int8>,
        wage_period -> Nullable<Text>,
        channel -> Text,
        evidence -> Nullable<Text>,
        recorded_by -> Uuid,
        report_month -> Date,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    programme_units (programme_id, unit_code) {
        programme_id -> Uuid,
        unit_code -> Text,
    }
}

diesel::table! {
    regions (code) {
        code -> Text,
        name -> Text,
        kind -> Text,
        parent_code -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    report_closures (id) {
        id -> Int8,
        month -> Date,
        region_code -> Nullable<Text>,
        closed_by -> Uuid,
        closed_at -> Timestamptz,
        figures -> Jsonb,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Xid8;

    search_outbox (id) {
        id -> Int8,
        entity_kind -> Text,
        entity_id -> Uuid,
        txid -> Xid8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    search_synonyms (term) {
        term -> Text,
        canonical -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    seeker_competencies (id) {
        id -> Uuid,
        seeker_id -> Uuid,
        unit_code -> Text,
        evidence_level -> Text,
        certificate_id -> Nullable<Uuid>,
        enrolment_id -> Nullable<Uuid>,
        training_provider_id -> Nullable<Uuid>,
        recorded_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    seeker_preferred_occupations (seeker_id, kbji_code) {
        seeker_id -> Uuid,
        kbji_code -> Text,
    }
}

diesel::table! {
    seeker_preferred_regions (seeker_id, region_code) {
        seeker_id -> Uuid,
        region_code -> Text,
    }
}

diesel::table! {
    seeker_status_changes (id) {
        id -> Int8,
        seeker_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_user_id -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        at -> Timestamptz,
        sex -> Text,
        birth_year -> Int2,
        education_level -> Text,
        domicile_region_code -> Text,
    }
}

diesel::table! {
    seekers (id) {
        id -> Uuid,
        user_id -> Nullable<Uuid>,
        registration_number -> Text,
        nik_hash -> Nullable<Bytea>,
        nik_ciphertext -> Nullable<Bytea>,
        nik_masked -> Nullable<Text>,
        full_name -> Nullable<Text>,
        birth_place -> Nullable<Text>,
        birth_date -> Nullable<Date>,
        birth_year -> Int2,
        sex -> Text,
        address -> Nullable<Text>,
        domicile_region_code -> Text,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        education_level -> Text,
        education_major -> Nullable<Text>,
        education_school -> Nullable<Text>,
        graduation_year -> Nullable<Int2>,
        has_disability -> Bool,
        wants_reserved_openings -> Bool,
        consent_visible_to_employers -> Bool,
        consent_receive_alerts -> Bool,
        consent_recorded_at -> Timestamptz,
        registered_on -> Date,
        valid_until -> Date,
        last_reported_on -> Date,
        next_report_due_on -> Date,
        status -> Text,
        status_changed_at -> Timestamptz,
        removed_reason -> Nullable<Text>,
        open_to_work -> Bool,
        expected_wage_rupiah -> Nullable<Int8>,
        preferred_employment_types -> Array<Nullable<Text>>,
        driving_licences -> Array<Nullable<Text>>,
        profile_summary -> Nullable<Text>,
        officer_notes -> Nullable<Text>,
        last_active_at -> Nullable<Timestamptz>,
        registered_by -> Nullable<Uuid>,
        activation_code_hash -> Nullable<Bytea>,
        activation_code_expires_at -> Nullable<Timestamptz>,
        erased_at -> Nullable<Timestamptz>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    training_programmes (id) {
        id -> Uuid,
        training_provider_id -> Uuid,
        name -> Text,
        description -> Nullable<Text>,
        vocation_code -> Text,
        kbji_code -> Nullable<Text>,
        duration_hours -> Int4,
        mode -> Text,
        cost_rupiah -> Int8,
        funding_source -> Text,
        min_education -> Nullable<Text>,
        entry_requirements -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
        created_by -> Uuid,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    training_providers (id) {
        id -> Uuid,
        name -> Text,
        kind -> Text,
        address -> Nullable<Text>,
        region_code -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        role -> Text,
        email -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        full_name -> Nullable<Text>,
        phone -> Nullable<Text>,
        employer_id -> Nullable<Uuid>,
        training_provider_id -> Nullable<Uuid>,
        last_login_at -> Nullable<Timestamptz>,
        password_changed_at -> Nullable<Timestamptz>,
        disabled_at -> Nullable<Timestamptz>,
        erased_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    vacancies (id) {
        id -> Uuid,
        employer_id -> Uuid,
        title -> Text,
        description -> Text,
        kbji_code -> Text,
        headcount -> Int4,
        filled_count -> Int4,
        valid_from -> Date,
        valid_until -> Date,
        min_education -> Nullable<Text>,
        education_major -> Nullable<Text>,
        min_experience_months -> Int4,
        employment_type -> Text,
        wage_min_rupiah -> Int8,
        wage_max_rupiah -> Nullable<Int8>,
        wage_period -> Text,
        region_code -> Nullable<Text>,
        outside_city_location -> Nullable<Text>,
        location_detail -> Nullable<Text>,
        reserved_disability_openings -> Int4,
        driving_licences -> Array<Nullable<Text>>,
        accepted_certification_schemes -> Array<Nullable<Text>>,
        sex_requirement -> Nullable<Text>,
        how_to_apply -> Nullable<Text>,
        discrimination_flags -> Jsonb,
        flags_justification -> Nullable<Text>,
        blind_review -> Bool,
        status -> Text,
        reported_at -> Nullable<Timestamptz>,
        verified_at -> Nullable<Timestamptz>,
        verified_by -> Nullable<Uuid>,
        published_at -> Nullable<Timestamptz>,
        filled_at -> Nullable<Timestamptz>,
        closed_at -> Nullable<Timestamptz>,
        closed_reason -> Nullable<Text>,
        expired_at -> Nullable<Timestamptz>,
        created_by -> Uuid,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        requirements -> Text,
    }
}

diesel::table! {
    vacancy_status_changes (id) {
        id -> Int8,
        vacancy_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_user_id -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        at -> Timestamptz,
        headcount -> Int4,
        filled_count -> Int4,
        sex_requirement -> Nullable<Text>,
        min_education -> Nullable<Text>,
        kbji_code -> Text,
        kbli_code -> Text,
        region_code -> Nullable<Text>,
    }
}

diesel::table! {
    vacancy_units (vacancy_id, unit_code) {
        vacancy_id -> Uuid,
        unit_code -> Text,
        requirement -> Text,
        min_evidence_level -> Nullable<Text>,
    }
}

diesel::table! {
    vocations (code) {
        code -> Text,
        name -> Text,
        name_en -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    walk_in_sessions (id) {
        id -> Uuid,
        vacancy_id -> Uuid,
        starts_at -> Timestamptz,
        ends_at -> Timestamptz,
        venue -> Text,
        region_code -> Nullable<Text>,
        notes -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    work_experiences (id) {
        id -> Uuid,
        seeker_id -> Uuid,
        employer_name -> Text,
        job_title -> Text,
        kbji_code -> Text,
        started_on -> Date,
        ended_on -> Nullable<Date>,
        description -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(agreement_commitments -> agreements (agreement_id));
diesel::joinable!(agreement_parties -> agreements (agreement_id));
diesel::joinable!(agreement_parties -> employers (employer_id));
diesel::joinable!(agreement_supported_cohorts -> agreement_commitments (commitment_id));
diesel::joinable!(agreement_supported_cohorts -> cohorts (cohort_id));
diesel::joinable!(agreements -> users (created_by));
diesel::joinable!(application_stage_changes -> applications (application_id));
diesel::joinable!(application_stage_changes -> users (actor_user_id));
diesel::joinable!(applications -> seekers (seeker_id));
diesel::joinable!(applications -> users (invited_by));
diesel::joinable!(applications -> vacancies (vacancy_id));
diesel::joinable!(apprenticeship_programme_units -> apprenticeship_programmes (programme_id));
diesel::joinable!(apprenticeship_programme_units -> competency_units (unit_code));
diesel::joinable!(apprenticeship_programmes -> employers (host_employer_id));
diesel::joinable!(apprenticeship_programmes -> occupations (kbji_code));
diesel::joinable!(apprenticeship_programmes -> regions (region_code));
diesel::joinable!(apprenticeship_programmes -> vocations (vocation_code));
diesel::joinable!(apprenticeship_progress_reports -> apprenticeships (apprenticeship_id));
diesel::joinable!(apprenticeship_progress_reports -> users (submitted_by));
diesel::joinable!(apprenticeships -> apprenticeship_programmes (programme_id));
diesel::joinable!(apprenticeships -> seekers (seeker_id));
diesel::joinable!(apprenticeships -> users (recorded_by));
diesel::joinable!(audit_log -> seekers (seeker_id));
diesel::joinable!(audit_log -> users (actor_user_id));
diesel::joinable!(auth_tokens -> users (user_id));
diesel::joinable!(certificate_units -> certificates (certificate_id));
diesel::joinable!(certificate_units -> competency_units (unit_code));
diesel::joinable!(certificates -> seekers (seeker_id));
diesel::joinable!(cohorts -> training_programmes (programme_id));
diesel::joinable!(competency_units -> vocations (vocation_code));
diesel::joinable!(employers -> industries (kbli_code));
diesel::joinable!(employers -> regions (region_code));
diesel::joinable!(enrolment_status_changes -> enrolments (enrolment_id));
diesel::joinable!(enrolment_status_changes -> users (actor_user_id));
diesel::joinable!(enrolments -> cohorts (cohort_id));
diesel::joinable!(enrolments -> seekers (seeker_id));
diesel::joinable!(idempotency_keys -> users (user_id));
diesel::joinable!(login_attempts -> users (user_id));
diesel::joinable!(notification_outbox -> seekers (recipient_seeker_id));
diesel::joinable!(notification_outbox -> users (recipient_user_id));
diesel::joinable!(placement_followups -> placements (placement_id));
diesel::joinable!(placement_followups -> users (recorded_by));
diesel::joinable!(placements -> employers (employer_id));
diesel::joinable!(placements -> industries (kbli_code));
diesel::joinable!(placements -> occupations (kbji_code));
diesel::joinable!(placements -> seekers (seeker_id));
diesel::joinable!(placements -> users (recorded_by));
diesel::joinable!(programme_units -> competency_units (unit_code));
diesel::joinable!(programme_units -> training_programmes (programme_id));
diesel::joinable!(report_closures -> regions (region_code));
diesel::joinable!(report_closures -> users (closed_by));
diesel::joinable!(seeker_competencies -> competency_units (unit_code));
diesel::joinable!(seeker_competencies -> seekers (seeker_id));
diesel::joinable!(seeker_competencies -> training_providers (training_provider_id));
diesel::joinable!(seeker_competencies -> users (recorded_by));
diesel::joinable!(seeker_preferred_occupations -> occupations (kbji_code));
diesel::joinable!(seeker_preferred_occupations -> seekers (seeker_id));
diesel::joinable!(seeker_preferred_regions -> regions (region_code));
diesel::joinable!(seeker_preferred_regions -> seekers (seeker_id));
diesel::joinable!(seeker_status_changes -> seekers (seeker_id));
diesel::joinable!(seeker_status_changes -> users (actor_user_id));
diesel::joinable!(seekers -> regions (domicile_region_code));
diesel::joinable!(training_programmes -> occupations (kbji_code));
diesel::joinable!(training_programmes -> training_providers (training_provider_id));
diesel::joinable!(training_programmes -> users (created_by));
diesel::joinable!(training_programmes -> vocations (vocation_code));
diesel::joinable!(training_providers -> regions (region_code));
diesel::joinable!(users -> training_providers (training_provider_id));
diesel::joinable!(vacancies -> employers (employer_id));
diesel::joinable!(vacancies -> occupations (kbji_code));
diesel::joinable!(vacancies -> regions (region_code));
diesel::joinable!(vacancy_status_changes -> users (actor_user_id));
diesel::joinable!(vacancy_status_changes -> vacancies (vacancy_id));
diesel::joinable!(vacancy_units -> competency_units (unit_code));
diesel::joinable!(vacancy_units -> vacancies (vacancy_id));
diesel::joinable!(walk_in_sessions -> regions (region_code));
diesel::joinable!(walk_in_sessions -> vacancies (vacancy_id));
diesel::joinable!(work_experiences -> occupations (kbji_code));
diesel::joinable!(work_experiences -> seekers (seeker_id));

diesel::allow_tables_to_appear_in_same_query!(
    agreement_commitments,
    agreement_parties,
    agreement_supported_cohorts,
    agreements,
    application_stage_changes,
    applications,
    apprenticeship_programme_units,
    apprenticeship_programmes,
    apprenticeship_progress_reports,
    apprenticeships,
    audit_log,
    auth_tokens,
    certificate_units,
    certificates,
    cohorts,
    competency_units,
    employers,
    enrolment_status_changes,
    enrolments,
    idempotency_keys,
    industries,
    login_attempts,
    notification_outbox,
    occupations,
    placement_followups,
    placements,
    programme_units,
    regions,
    report_closures,
    search_outbox,
    search_synonyms,
    seeker_competencies,
    seeker_preferred_occupations,
    seeker_preferred_regions,
    seeker_status_changes,
    seekers,
    training_programmes,
    training_providers,
    users,
    vacancies,
    vacancy_status_changes,
    vacancy_units,
    vocations,
    walk_in_sessions,
    work_experiences,
);
