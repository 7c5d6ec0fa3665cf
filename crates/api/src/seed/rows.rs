//! One insertable row type per table the seed writes, field for field as in the migrations.
//!
//! Enumerations are `&'static str` spelled as in `docs/data-model.md`; timestamps are set explicitly (never the
//! column default `now()`) so the same seed and day give byte-identical rows.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::Insertable;
use uuid::Uuid;

use crate::db::schema::*;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = regions)]
pub(super) struct RegionRow {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub parent_code: Option<&'static str>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = vocations)]
pub(super) struct VocationRow {
    pub code: &'static str,
    pub name: &'static str,
    pub name_en: Option<&'static str>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = competency_units)]
pub(super) struct CompetencyUnitRow {
    pub code: &'static str,
    pub title: &'static str,
    pub title_en: Option<&'static str>,
    pub vocation_code: Option<&'static str>,
    pub synonyms: Vec<&'static str>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = occupations)]
pub(super) struct OccupationRow {
    pub code: &'static str,
    pub title: &'static str,
    pub title_en: Option<&'static str>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = industries)]
pub(super) struct IndustryRow {
    pub code: &'static str,
    pub category: &'static str,
    pub title: &'static str,
    pub title_en: Option<&'static str>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = search_synonyms)]
pub(super) struct SearchSynonymRow {
    pub term: &'static str,
    pub canonical: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = users)]
pub(super) struct UserRow {
    pub id: Uuid,
    pub role: &'static str,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub full_name: Option<String>,
    pub phone: Option<String>,
    pub employer_id: Option<Uuid>,
    pub training_provider_id: Option<Uuid>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = employers)]
pub(super) struct EmployerRow {
    pub id: Uuid,
    pub name: &'static str,
    pub legal_form: &'static str,
    pub nib: String,
    pub npwp: Option<String>,
    pub kbli_code: &'static str,
    pub address: &'static str,
    pub region_code: Option<&'static str>,
    pub contact_person_name: String,
    pub contact_phone: String,
    pub contact_email: Option<String>,
    pub company_size: Option<&'static str>,
    pub website: Option<String>,
    pub verification_status: &'static str,
    pub verification_note: Option<&'static str>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = vacancies)]
pub(super) struct VacancyRow {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub description: String,
    pub kbji_code: &'static str,
    pub headcount: i32,
    pub filled_count: i32,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub min_education: Option<&'static str>,
    pub education_major: Option<&'static str>,
    pub min_experience_months: i32,
    pub employment_type: &'static str,
    pub wage_min_rupiah: i64,
    pub wage_max_rupiah: Option<i64>,
    pub wage_period: &'static str,
    pub region_code: Option<&'static str>,
    pub outside_city_location: Option<&'static str>,
    pub location_detail: Option<String>,
    pub reserved_disability_openings: i32,
    pub driving_licences: Vec<&'static str>,
    pub accepted_certification_schemes: Vec<&'static str>,
    pub sex_requirement: Option<&'static str>,
    pub how_to_apply: Option<String>,
    pub discrimination_flags: serde_json::Value,
    pub flags_justification: Option<&'static str>,
    pub blind_review: bool,
    pub status: &'static str,
    pub reported_at: Option<DateTime<Utc>>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub published_at: Option<DateTime<Utc>>,
    pub filled_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_reason: Option<&'static str>,
    pub expired_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = vacancy_units)]
pub(super) struct VacancyUnitRow {
    pub vacancy_id: Uuid,
    pub unit_code: &'static str,
    pub requirement: &'static str,
    pub min_evidence_level: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = walk_in_sessions)]
pub(super) struct WalkInSessionRow {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub region_code: Option<&'static str>,
    pub notes: Option<&'static str>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = vacancy_status_changes)]
pub(super) struct VacancyStatusChangeRow {
    pub vacancy_id: Uuid,
    pub from_status: Option<&'static str>,
    pub to_status: &'static str,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<&'static str>,
    pub at: DateTime<Utc>,
    pub headcount: i32,
    pub filled_count: i32,
    pub sex_requirement: Option<&'static str>,
    pub min_education: Option<&'static str>,
    pub kbji_code: &'static str,
    pub kbli_code: &'static str,
    pub region_code: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = seekers)]
pub(super) struct SeekerRow {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub registration_number: String,
    pub nik_hash: Option<Vec<u8>>,
    pub nik_ciphertext: Option<Vec<u8>>,
    pub nik_masked: Option<String>,
    pub full_name: Option<String>,
    pub birth_place: Option<&'static str>,
    pub birth_date: Option<NaiveDate>,
    pub birth_year: i16,
    pub sex: &'static str,
    pub address: Option<String>,
    pub domicile_region_code: &'static str,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub education_level: &'static str,
    pub education_major: Option<&'static str>,
    pub education_school: Option<&'static str>,
    pub graduation_year: Option<i16>,
    pub has_disability: bool,
    pub wants_reserved_openings: bool,
    pub consent_visible_to_employers: bool,
    pub consent_receive_alerts: bool,
    pub consent_recorded_at: DateTime<Utc>,
    pub registered_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub last_reported_on: NaiveDate,
    pub next_report_due_on: NaiveDate,
    pub status: &'static str,
    pub status_changed_at: DateTime<Utc>,
    pub removed_reason: Option<&'static str>,
    pub open_to_work: bool,
    pub expected_wage_rupiah: Option<i64>,
    pub preferred_employment_types: Vec<&'static str>,
    pub driving_licences: Vec<&'static str>,
    pub profile_summary: Option<String>,
    pub officer_notes: Option<&'static str>,
    pub last_active_at: Option<DateTime<Utc>>,
    pub registered_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = seeker_preferred_occupations)]
pub(super) struct SeekerPreferredOccupationRow {
    pub seeker_id: Uuid,
    pub kbji_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = seeker_preferred_regions)]
pub(super) struct SeekerPreferredRegionRow {
    pub seeker_id: Uuid,
    pub region_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = seeker_status_changes)]
pub(super) struct SeekerStatusChangeRow {
    pub seeker_id: Uuid,
    pub from_status: Option<&'static str>,
    pub to_status: &'static str,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<&'static str>,
    pub at: DateTime<Utc>,
    pub sex: &'static str,
    pub birth_year: i16,
    pub education_level: &'static str,
    pub domicile_region_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = certificates)]
pub(super) struct CertificateRow {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub certificate_number: String,
    pub scheme: &'static str,
    pub issuer: &'static str,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub status: &'static str,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<&'static str>,
    pub recorded_by: Uuid,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = certificate_units)]
pub(super) struct CertificateUnitRow {
    pub certificate_id: Uuid,
    pub unit_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = seeker_competencies)]
pub(super) struct SeekerCompetencyRow {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub unit_code: &'static str,
    pub evidence_level: &'static str,
    pub certificate_id: Option<Uuid>,
    pub enrolment_id: Option<Uuid>,
    pub training_provider_id: Option<Uuid>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = work_experiences)]
pub(super) struct WorkExperienceRow {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub employer_name: String,
    pub job_title: &'static str,
    pub kbji_code: &'static str,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub description: Option<&'static str>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = training_providers)]
pub(super) struct TrainingProviderRow {
    pub id: Uuid,
    pub name: &'static str,
    pub kind: &'static str,
    pub address: Option<&'static str>,
    pub region_code: Option<&'static str>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = training_programmes)]
pub(super) struct TrainingProgrammeRow {
    pub id: Uuid,
    pub training_provider_id: Uuid,
    pub name: &'static str,
    pub description: Option<&'static str>,
    pub vocation_code: &'static str,
    pub kbji_code: Option<&'static str>,
    pub duration_hours: i32,
    pub mode: &'static str,
    pub cost_rupiah: i64,
    pub funding_source: &'static str,
    pub min_education: Option<&'static str>,
    pub entry_requirements: Option<&'static str>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = programme_units)]
pub(super) struct ProgrammeUnitRow {
    pub programme_id: Uuid,
    pub unit_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = cohorts)]
pub(super) struct CohortRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub registration_opens_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
    pub quota: i32,
    pub accepted_count: i32,
    pub selection_steps: Vec<&'static str>,
    pub venue: Option<&'static str>,
    pub status: &'static str,
    pub cancelled_reason: Option<&'static str>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = enrolments)]
pub(super) struct EnrolmentRow {
    pub id: Uuid,
    pub cohort_id: Uuid,
    pub seeker_id: Uuid,
    pub status: &'static str,
    pub status_changed_at: DateTime<Utc>,
    pub graduated_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = enrolment_status_changes)]
pub(super) struct EnrolmentStatusChangeRow {
    pub enrolment_id: Uuid,
    pub from_status: Option<&'static str>,
    pub to_status: &'static str,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<&'static str>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = applications)]
pub(super) struct ApplicationRow {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub seeker_id: Uuid,
    pub origin: &'static str,
    pub stage: &'static str,
    pub stage_changed_at: DateTime<Utc>,
    pub invited_by: Option<Uuid>,
    pub applied_at: Option<DateTime<Utc>>,
    pub cover_note: Option<&'static str>,
    pub rejection_reason: Option<&'static str>,
    pub rejection_note: Option<&'static str>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = application_stage_changes)]
pub(super) struct ApplicationStageChangeRow {
    pub application_id: Uuid,
    pub from_stage: Option<&'static str>,
    pub to_stage: &'static str,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<&'static str>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = placements)]
pub(super) struct PlacementRow {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub vacancy_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    pub apprenticeship_id: Option<Uuid>,
    pub employer_id: Option<Uuid>,
    pub employer_name: String,
    pub kbji_code: &'static str,
    pub kbli_code: Option<&'static str>,
    pub start_date: NaiveDate,
    pub employment_type: &'static str,
    pub wage_rupiah: Option<i64>,
    pub wage_period: Option<&'static str>,
    pub channel: &'static str,
    pub evidence: Option<String>,
    pub recorded_by: Uuid,
    pub report_month: NaiveDate,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = placement_followups)]
pub(super) struct PlacementFollowupRow {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub offset_months: i16,
    pub due_on: NaiveDate,
    pub outcome: Option<&'static str>,
    pub left_on: Option<NaiveDate>,
    pub note: Option<&'static str>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = apprenticeship_programmes)]
pub(super) struct ApprenticeshipProgrammeRow {
    pub id: Uuid,
    pub host_employer_id: Uuid,
    pub title: &'static str,
    pub description: Option<&'static str>,
    pub vocation_code: Option<&'static str>,
    pub kbji_code: Option<&'static str>,
    pub region_code: Option<&'static str>,
    pub duration_months: i16,
    pub seats: i32,
    pub monthly_stipend_rupiah: i64,
    pub mentor_name: String,
    pub status: &'static str,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    pub decision_reason: Option<&'static str>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = apprenticeship_programme_units)]
pub(super) struct ApprenticeshipProgrammeUnitRow {
    pub programme_id: Uuid,
    pub unit_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = apprenticeships)]
pub(super) struct ApprenticeshipRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub seeker_id: Uuid,
    pub agreement_number: String,
    pub agreement_date: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mentor_name: String,
    pub monthly_stipend_rupiah: i64,
    pub status: &'static str,
    pub ended_on: Option<NaiveDate>,
    pub discontinued_reason: Option<&'static str>,
    pub certificate_number: Option<String>,
    pub hired_by_host: Option<bool>,
    pub recorded_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = apprenticeship_progress_reports)]
pub(super) struct ApprenticeshipProgressReportRow {
    pub id: Uuid,
    pub apprenticeship_id: Uuid,
    pub period_month: NaiveDate,
    pub attendance_days: Option<i16>,
    pub summary: &'static str,
    pub submitted_by: Uuid,
    pub submitted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = agreements)]
pub(super) struct AgreementRow {
    pub id: Uuid,
    pub agreement_number: Option<String>,
    pub title: &'static str,
    pub description: Option<&'static str>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub status: &'static str,
    pub status_reason: Option<&'static str>,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = agreement_parties)]
pub(super) struct AgreementPartyRow {
    pub agreement_id: Uuid,
    pub employer_id: Uuid,
    pub signatory_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = agreement_commitments)]
pub(super) struct AgreementCommitmentRow {
    pub id: Uuid,
    pub agreement_id: Uuid,
    pub employer_id: Option<Uuid>,
    pub kind: &'static str,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub target_quantity: i32,
    pub description: Option<&'static str>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Insertable)]
#[diesel(table_name = search_outbox)]
pub(super) struct SearchOutboxRow {
    pub entity_kind: &'static str,
    pub entity_id: Uuid,
}
