//! Applications (lamaran) and the hiring pipeline: a seeker applies to an open vacancy, or an employer invites a
//! consenting seeker; the employer moves the application through `applied → screening → interview → offer →
//! hired` (or rejects it with a reason), the seeker withdraws or answers an invitation. The domain's
//! `ApplicationStage` lifecycle decides every move; each move writes an `application_stage_changes` row and a
//! notification to the seeker in the same transaction, and bumps the application's version (`If-Match`).
//!
//! A hire is one transaction: the application moves to `hired`, the vacancy counts the hire with a guarded UPDATE
//! (`filled_count < headcount`, so concurrent hires never exceed the headcount) and becomes `filled` with its last
//! opening, a placement is written with its three follow-ups, and the seeker's card becomes `placed`.
//!
//! Who sees what: the seeker their own applications with the history; the vacancy's employer staff the
//! applications to their vacancies (under blind review without name, sex and age until the interview stage);
//! officers all. Anyone else gets 404.

use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::application::Rejection;
use jembatan_domain::calendar::{ReportMonth, age_in_years};
use jembatan_domain::error::optional_text;
use jembatan_domain::placement::check_start_date;
use jembatan_domain::vocab::{
    ApplicationOrigin, ApplicationStage, AuditAction, RejectionReason, UserRole, VacancyStatus,
    VerificationStatus, WagePeriod,
};
use jembatan_domain::{Actor, FieldError, Lifecycle, Localised, TransitionError};
use serde::{Deserialize, Serialize};
use tracing_actix_web::RequestId;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::applications::{
    self as application_db, ApplicantRow, ApplicationRow, NewApplication, StageChangeRow,
    StageColumns, VacancyContext,
};
use crate::db::audit_log::{self, AuditEvent};
use crate::db::notification_outbox::{self, Channel, NewNotification, NotificationKind, Recipient};
use crate::db::placements::{self as placement_db, PlacementRow};
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::seekers as seeker_db;
use crate::db::vacancies::{self as vacancy_db, StatusColumns, StatusMove};
use crate::error::{ApiError, Bilingual};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::placements::followup_rows;
use crate::routes::seekers::{audit_actor, mark_placed, today};
use crate::startup::AppState;

const MAX_NOTE_CHARS: usize = 2000;

// ---------------------------------------------------------------------------------------------------------------
// Response bodies
// ---------------------------------------------------------------------------------------------------------------

/// The vacancy an application is for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationVacancy {
    pub id: Uuid,
    pub title: String,
    pub employer_id: Uuid,
    pub employer_name: String,
}

/// The applicant as the employer (or an officer) sees them. Under the vacancy's blind review the employer sees no
/// name, sex or age before the interview stage (`identity_hidden`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantResponse {
    pub seeker_id: Uuid,
    pub identity_hidden: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// `L` or `P`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_years: Option<u32>,
    pub education_level: String,
    pub education_major: Option<String>,
    /// Kecamatan of residence.
    pub domicile_region_code: String,
}

/// One move of the pipeline history.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageChangeResponse {
    /// Null when the application (or invitation) was created.
    pub from_stage: Option<String>,
    pub to_stage: String,
    /// Role of whoever made the move (`seeker`, `employer`, `officer`); null for the system.
    pub by: Option<String>,
    /// Invitation message, rejection reason, withdrawal reason.
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// An application with its current stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResponse {
    pub id: Uuid,
    pub vacancy: ApplicationVacancy,
    pub seeker_id: Uuid,
    /// `applied` or `invited`.
    pub origin: String,
    /// `invited`, `applied`, `screening`, `interview`, `offer`, `hired`, `rejected` or `withdrawn`.
    pub stage: String,
    /// The stage in Indonesian.
    pub stage_label: &'static str,
    pub stage_changed_at: DateTime<Utc>,
    pub applied_at: Option<DateTime<Utc>>,
    pub cover_note: Option<String>,
    pub rejection_reason: Option<String>,
    pub rejection_note: Option<String>,
    /// Also sent as the `ETag` header; send it back in `If-Match` to move the application.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// For the employer and officers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicant: Option<ApplicantResponse>,
    /// In the detail only, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<StageChangeResponse>>,
    /// The placement written by the hire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_id: Option<Uuid>,
}

// ---------------------------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------------------------

/// How the caller is related to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Viewer {
    /// The seeker who applied.
    Seeker,
    /// Staff of the vacancy's employer.
    Employer,
    /// Labour-office staff.
    LabourOffice,
}

/// An application with its vacancy, as the caller may see it.
struct Loaded {
    application: ApplicationRow,
    vacancy: VacancyContext,
    viewer: Viewer,
}

/// The application `id` if the caller may see it; 404 otherwise so ids cannot be probed.
async fn load_visible(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<Loaded, ApiError> {
    let not_found = || ApiError::NotFound("application");
    let application = application_db::find(connection, id)
        .await?
        .ok_or_else(not_found)?;
    let vacancy = application_db::vacancy_context(connection, application.vacancy_id)
        .await?
        .ok_or_else(not_found)?;
    let viewer = match caller.role {
        UserRole::Officer | UserRole::Admin => Viewer::LabourOffice,
        UserRole::Employer if caller.employer_id == Some(vacancy.employer_id) => Viewer::Employer,
        UserRole::Seeker => {
            let own = seeker_db::find_by_user(connection, caller.user_id)
                .await?
                .is_some_and(|seeker| seeker.id == application.seeker_id);
            if !own {
                return Err(not_found());
            }
            Viewer::Seeker
        }
        _ => return Err(not_found()),
    };
    Ok(Loaded {
        application,
        vacancy,
        viewer,
    })
}

/// The vacancy `id` if the caller manages its applications (its employer's staff, officers); 404 otherwise.
async fn managed_vacancy(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<VacancyContext, ApiError> {
    let vacancy = application_db::vacancy_context(connection, id)
        .await?
        .ok_or(ApiError::NotFound("vacancy"))?;
    let manages = caller.is_labour_office()
        || (caller.role == UserRole::Employer && caller.employer_id == Some(vacancy.employer_id));
    if manages {
        Ok(vacancy)
    } else {
        Err(ApiError::NotFound("vacancy"))
    }
}

/// The seeker card of a seeker caller (403 for a seeker account without a card).
async fn own_seeker_id(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
) -> Result<Uuid, ApiError> {
    seeker_db::find_by_user(connection, caller.user_id)
        .await?
        .map(|seeker| seeker.id)
        .ok_or(ApiError::Forbidden)
}

fn stage_of(application: &ApplicationRow) -> Result<ApplicationStage, ApiError> {
    ApplicationStage::parse(&application.stage)
        .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("stored application stage: {error}")))
}

/// Whether the vacancy takes applications and hires today: open, of a verified employer, still valid.
fn accepts_applications(vacancy: &VacancyContext) -> bool {
    VacancyStatus::parse(&vacancy.status).is_ok_and(VacancyStatus::accepts_applications)
        && vacancy.employer_verification_status == VerificationStatus::Verified.as_str()
        && vacancy.valid_until >= today()
}

fn vacancy_not_open() -> ApiError {
    ApiError::conflict(
        "vacancy_not_open",
        "the vacancy is not open for applications",
        "Lowongan ini tidak sedang dibuka untuk lamaran",
    )
}

fn refused(error: &TransitionError) -> ApiError {
    ApiError::conflict(error.code(), error.message_en(), error.message_id())
}

// ---------------------------------------------------------------------------------------------------------------
// Building responses
// ---------------------------------------------------------------------------------------------------------------

/// Whether blind review hides the applicant's identity from the employer: the vacancy asks for it and the
/// application never reached the interview stage (for a rejected or withdrawn one, the stage it left from counts).
fn identity_hidden(vacancy: &VacancyContext, stages_reached: &[String]) -> bool {
    vacancy.blind_review
        && !stages_reached.iter().any(|stage| {
            ApplicationStage::parse(stage)
                .is_ok_and(ApplicationStage::reveals_identity_under_blind_review)
        })
}

fn applicant_response(seeker_id: Uuid, applicant: ApplicantRow, hidden: bool) -> ApplicantResponse {
    let (full_name, sex, age_years) = if hidden {
        (None, None, None)
    } else {
        (
            applicant.full_name,
            Some(applicant.sex),
            applicant
                .birth_date
                .map(|birth_date| age_in_years(birth_date, today())),
        )
    };
    ApplicantResponse {
        seeker_id,
        identity_hidden: hidden,
        full_name,
        sex,
        age_years,
        education_level: applicant.education_level,
        education_major: applicant.education_major,
        domicile_region_code: applicant.domicile_region_code,
    }
}

fn response_of(
    application: ApplicationRow,
    vacancy: ApplicationVacancy,
    applicant: Option<ApplicantResponse>,
) -> ApplicationResponse {
    let stage_label = ApplicationStage::parse(&application.stage)
        .map(ApplicationStage::label_id)
        .unwrap_or("");
    ApplicationResponse {
        id: application.id,
        vacancy,
        seeker_id: application.seeker_id,
        origin: application.origin,
        stage: application.stage,
        stage_label,
        stage_changed_at: application.stage_changed_at,
        applied_at: application.applied_at,
        cover_note: application.cover_note,
        rejection_reason: application.rejection_reason,
        rejection_note: application.rejection_note,
        version: application.version,
        created_at: application.created_at,
        updated_at: application.updated_at,
        applicant,
        history: None,
        placement_id: None,
    }
}

fn vacancy_ref(vacancy: &VacancyContext) -> ApplicationVacancy {
    ApplicationVacancy {
        id: vacancy.id,
        title: vacancy.title.clone(),
        employer_id: vacancy.employer_id,
        employer_name: vacancy.employer_name.clone(),
    }
}

/// The detail of application `id` as `viewer` may see it, with the history and the placement of a hire.
async fn detail(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    viewer: Viewer,
) -> Result<ApplicationResponse, ApiError> {
    let application = application_db::find(connection, id)
        .await?
        .ok_or(ApiError::NotFound("application"))?;
    let vacancy = application_db::vacancy_context(connection, application.vacancy_id)
        .await?
        .ok_or(ApiError::NotFound("application"))?;
    let history = application_db::history_of(connection, &[id]).await?;
    let applicant = match viewer {
        Viewer::Seeker => None,
        Viewer::Employer | Viewer::LabourOffice => {
            let reached: Vec<String> = history
                .iter()
                .map(|change| change.to_stage.clone())
                .collect();
            let hidden = viewer == Viewer::Employer && identity_hidden(&vacancy, &reached);
            let row = application_db::applicant(connection, application.seeker_id).await?;
            Some(applicant_response(application.seeker_id, row, hidden))
        }
    };
    let placement_id = placement_db::find_by_application(connection, id).await?;
    let mut response = response_of(application, vacancy_ref(&vacancy), applicant);
    response.history = Some(history.into_iter().map(change_response).collect());
    response.placement_id = placement_id;
    Ok(response)
}

fn change_response(change: StageChangeRow) -> StageChangeResponse {
    StageChangeResponse {
        from_stage: change.from_stage,
        to_stage: change.to_stage,
        by: change.actor_role,
        reason: change.reason,
        at: change.at,
    }
}

/// Answers with the detail and its `ETag`.
fn respond(status: actix_web::http::StatusCode, response: &ApplicationResponse) -> HttpResponse {
    let mut builder = HttpResponse::build(status);
    builder.insert_header(concurrency::etag(response.version));
    if status == actix_web::http::StatusCode::CREATED {
        builder.insert_header((LOCATION, format!("/api/v1/applications/{}", response.id)));
    }
    builder.json(response)
}

/// A read of seekers' application data by someone other than the seeker goes to their audit logs.
async fn audit_read(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    request_id: &RequestId,
    seeker_ids: &[Uuid],
    purpose: &str,
) -> Result<(), ApiError> {
    if seeker_ids.is_empty() {
        return Ok(());
    }
    audit_log::record(
        connection,
        seeker_ids,
        &audit_actor(caller, request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "application",
            purpose,
        },
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// Writing the pipeline
// ---------------------------------------------------------------------------------------------------------------

/// Writes the notification of one pipeline move to the seeker (their account if they have one, else the card; by
/// e-mail when they gave one, else SMS). The payload is template data only: no NIK, no contact details.
async fn notify_seeker(
    connection: &mut AsyncPgConnection,
    change_id: i64,
    application_id: Uuid,
    seeker_id: Uuid,
    vacancy: &VacancyContext,
    from: Option<ApplicationStage>,
    to: ApplicationStage,
) -> Result<(), ApiError> {
    let (user_id, has_email) = application_db::notification_target(connection, seeker_id).await?;
    let recipient = match user_id {
        Some(user_id) => Recipient::User(user_id),
        None => Recipient::Seeker(seeker_id),
    };
    let channel = if has_email {
        Channel::Email
    } else {
        Channel::Sms
    };
    let payload = serde_json::json!({
        "application_id": application_id,
        "vacancy_id": vacancy.id,
        "vacancy_title": vacancy.title,
        "employer_name": vacancy.employer_name,
        "from_stage": from.map(ApplicationStage::as_str),
        "to_stage": to.as_str(),
        "to_stage_label_id": to.label_id(),
        "to_stage_label_en": to.label_en(),
    });
    notification_outbox::enqueue(
        connection,
        &NewNotification {
            recipient,
            channel,
            kind: NotificationKind::ApplicationStageChanged,
            payload,
            dedupe_key: format!("application_stage_changed:{change_id}"),
        },
    )
    .await?;
    Ok(())
}

/// Creates an application (or invitation) with its first history row and notification. Returns whether it was
/// created (false: the seeker already has one for this vacancy, perhaps written a moment ago by a concurrent
/// request).
async fn create_application(
    connection: &mut AsyncPgConnection,
    new: NewApplication,
    vacancy: &VacancyContext,
    actor_user_id: Uuid,
    reason: Option<String>,
) -> Result<bool, ApiError> {
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            if !application_db::insert(connection, &new).await? {
                return Ok(false);
            }
            let stage = ApplicationStage::parse(&new.stage)
                .map_err(|error| ApiError::Unexpected(error.into()))?;
            let change_id = application_db::record_stage_change(
                connection,
                new.id,
                None,
                stage.as_str(),
                Some(actor_user_id),
                reason.as_deref(),
                new.created_at,
            )
            .await?;
            notify_seeker(
                connection,
                change_id,
                new.id,
                new.seeker_id,
                vacancy,
                None,
                stage,
            )
            .await?;
            Ok(true)
        })
        .await
}

/// A seeker applying to a vacancy.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ApplyRequest {
    pub vacancy_id: Option<Uuid>,
    /// Up to 2,000 characters, for the employer.
    pub cover_note: Option<String>,
}

fn required_id(value: Option<Uuid>, field: &str, errors: &mut Vec<FieldError>) -> Option<Uuid> {
    if value.is_none() {
        errors.push(FieldError::new(
            field,
            "required",
            format!("{field} is required"),
            format!("{field} wajib diisi"),
        ));
    }
    value
}

fn note(value: Option<&str>, field: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    optional_text(value, MAX_NOTE_CHARS)
        .map_err(|error| errors.push(FieldError::from_error(field, &error)))
        .ok()
        .flatten()
}

/// Applies to an open vacancy as the logged-in seeker. One application per seeker and vacancy: applying again
/// answers 200 with the existing application instead of 201. Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    request_body = ApplyRequest,
    responses(
        (status = 201, body = ApplicationResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "already applied: the existing application", body = ApplicationResponse),
        (status = 403, description = "seekers only", body = crate::error::Problem),
        (status = 404, description = "no vacancy the seeker can see", body = crate::error::Problem),
        (status = 409, description = "`vacancy_not_open`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/applications")]
#[tracing::instrument(skip_all)]
pub async fn apply(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<ApplyRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Seeker])?;
    let form = body.into_inner();
    let mut errors = Vec::new();
    let vacancy_id = required_id(form.vacancy_id, "vacancy_id", &mut errors);
    let cover_note = note(form.cover_note.as_deref(), "cover_note", &mut errors);
    let (true, Some(vacancy_id)) = (errors.is_empty(), vacancy_id) else {
        return Err(ApiError::Validation(errors));
    };
    let mut connection = state.pool.get().await?;
    let seeker_id = own_seeker_id(&mut connection, &caller).await?;
    let vacancy = application_db::vacancy_context(&mut connection, vacancy_id)
        .await?
        .filter(|vacancy| vacancy.status != VacancyStatus::Draft.as_str())
        .filter(|vacancy| vacancy.published_at_least_once())
        .ok_or(ApiError::NotFound("vacancy"))?;
    if let Some(existing) =
        application_db::find_by_vacancy_and_seeker(&mut connection, vacancy_id, seeker_id).await?
    {
        let response = detail(&mut connection, existing.id, Viewer::Seeker).await?;
        return Ok(respond(actix_web::http::StatusCode::OK, &response));
    }
    if !accepts_applications(&vacancy) {
        return Err(vacancy_not_open());
    }
    let now = Utc::now();
    let id = Uuid::now_v7();
    let origin = ApplicationOrigin::Applied;
    let new = NewApplication {
        id,
        vacancy_id,
        seeker_id,
        origin: origin.as_str().to_string(),
        stage: ApplicationStage::initial(origin).as_str().to_string(),
        stage_changed_at: now,
        invited_by: None,
        applied_at: Some(now),
        cover_note,
        created_at: now,
        updated_at: now,
    };
    let created = create_application(&mut connection, new, &vacancy, caller.user_id, None).await?;
    let (status, id) = if created {
        (actix_web::http::StatusCode::CREATED, id)
    } else {
        let existing =
            application_db::find_by_vacancy_and_seeker(&mut connection, vacancy_id, seeker_id)
                .await?
                .ok_or(ApiError::NotFound("application"))?;
        (actix_web::http::StatusCode::OK, existing.id)
    };
    let response = detail(&mut connection, id, Viewer::Seeker).await?;
    Ok(respond(status, &response))
}

impl VacancyContext {
    /// Whether seekers could ever have seen the vacancy (it was published: open, filled, or closed/expired after).
    fn published_at_least_once(&self) -> bool {
        !matches!(
            VacancyStatus::parse(&self.status),
            Ok(VacancyStatus::Draft | VacancyStatus::Reported | VacancyStatus::Verified)
        )
    }
}

/// An employer inviting a seeker (found through the shortlist or search) to apply.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct InvitationRequest {
    pub vacancy_id: Option<Uuid>,
    pub seeker_id: Option<Uuid>,
    /// Up to 2,000 characters, shown to the seeker in the history.
    pub message: Option<String>,
}

/// Invites a seeker to one of the caller's employer's open vacancies (origin `invited`, stage `invited`); the
/// seeker accepts (`applied`) or declines (`withdrawn`). Only seekers who consent to be seen by employers can be
/// invited (404 otherwise). An existing application of that seeker is answered with 200.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    request_body = InvitationRequest,
    responses(
        (status = 201, body = ApplicationResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "the seeker already applied or was invited", body = ApplicationResponse),
        (status = 403, description = "employer staff only", body = crate::error::Problem),
        (status = 404, description = "no such vacancy of yours, or no seeker you may see", body = crate::error::Problem),
        (status = 409, description = "`vacancy_not_open`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/applications/invitations")]
#[tracing::instrument(skip_all)]
pub async fn invite(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<InvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let form = body.into_inner();
    let mut errors = Vec::new();
    let vacancy_id = required_id(form.vacancy_id, "vacancy_id", &mut errors);
    let seeker_id = required_id(form.seeker_id, "seeker_id", &mut errors);
    let message = note(form.message.as_deref(), "message", &mut errors);
    let (true, Some(vacancy_id), Some(seeker_id)) = (errors.is_empty(), vacancy_id, seeker_id)
    else {
        return Err(ApiError::Validation(errors));
    };
    let mut connection = state.pool.get().await?;
    let vacancy = managed_vacancy(&mut connection, &caller, vacancy_id).await?;
    if !application_db::invitable_seeker(&mut connection, seeker_id).await? {
        return Err(ApiError::NotFound("seeker"));
    }
    let existing =
        application_db::find_by_vacancy_and_seeker(&mut connection, vacancy_id, seeker_id).await?;
    let (status, id) = match existing {
        Some(existing) => (actix_web::http::StatusCode::OK, existing.id),
        None => {
            if !accepts_applications(&vacancy) {
                return Err(vacancy_not_open());
            }
            let now = Utc::now();
            let id = Uuid::now_v7();
            let origin = ApplicationOrigin::Invited;
            let new = NewApplication {
                id,
                vacancy_id,
                seeker_id,
                origin: origin.as_str().to_string(),
                stage: ApplicationStage::initial(origin).as_str().to_string(),
                stage_changed_at: now,
                invited_by: Some(caller.user_id),
                applied_at: None,
                cover_note: None,
                created_at: now,
                updated_at: now,
            };
            if create_application(&mut connection, new, &vacancy, caller.user_id, message).await? {
                (actix_web::http::StatusCode::CREATED, id)
            } else {
                let existing = application_db::find_by_vacancy_and_seeker(
                    &mut connection,
                    vacancy_id,
                    seeker_id,
                )
                .await?
                .ok_or(ApiError::NotFound("application"))?;
                (actix_web::http::StatusCode::OK, existing.id)
            }
        }
    };
    audit_read(
        &mut connection,
        &caller,
        &request_id,
        &[seeker_id],
        "invitation",
    )
    .await?;
    let response = detail(&mut connection, id, Viewer::Employer).await?;
    Ok(respond(status, &response))
}

/// A requested pipeline move (not `hired`: see `POST /applications/{id}/hire`).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct StageMoveRequest {
    /// `applied` (the seeker accepts an invitation), `screening`, `interview`, `offer`, `rejected` (the employer,
    /// with `rejection_reason`) or `withdrawn` (the seeker).
    pub stage: String,
    /// With `rejected`: `competency_mismatch`, `education_mismatch`, `experience_insufficient`, `failed_test`,
    /// `failed_interview`, `position_filled`, `no_show`, `offer_declined` or `other` (needs `note`).
    pub rejection_reason: Option<String>,
    /// Up to 500 characters (rejection) or 2,000 (other moves); kept in the history.
    pub note: Option<String>,
}

/// A move that passed validation.
struct CheckedMove {
    to: ApplicationStage,
    rejection: Option<Rejection>,
    note: Option<String>,
}

fn check_move(form: &StageMoveRequest) -> Result<CheckedMove, ApiError> {
    let mut errors = Vec::new();
    let to = ApplicationStage::parse(form.stage.trim())
        .map_err(|error| errors.push(FieldError::from_error("stage", &error)))
        .ok();
    if to == Some(ApplicationStage::Hired) {
        errors.push(FieldError::new(
            "stage",
            "hire_needs_details",
            "a hire records the placement: send it to POST /api/v1/applications/{id}/hire with the start date",
            "Penerimaan kerja mencatat penempatan: kirim ke POST /api/v1/applications/{id}/hire dengan tanggal mulai kerja",
        ));
    }
    let given_reason = form
        .rejection_reason
        .as_deref()
        .map(str::trim)
        .filter(|reason| !reason.is_empty());
    let mut rejection = None;
    let mut note_text = None;
    if to == Some(ApplicationStage::Rejected) {
        match given_reason.map(RejectionReason::parse) {
            None => errors.push(FieldError::new(
                "rejection_reason",
                "rejection_reason_required",
                "a rejection needs a reason from the list",
                "Penolakan harus disertai alasan dari daftar",
            )),
            Some(Err(error)) => errors.push(FieldError::from_error("rejection_reason", &error)),
            Some(Ok(reason)) => match Rejection::new(reason, form.note.as_deref()) {
                Ok(valid) => rejection = Some(valid),
                Err(error) => errors.push(FieldError::from_error("note", &error)),
            },
        }
    } else {
        if given_reason.is_some() {
            errors.push(FieldError::new(
                "rejection_reason",
                "rejection_reason_not_applicable",
                "a rejection reason goes only with the stage rejected",
                "Alasan penolakan hanya diisi untuk tahap Tidak lolos",
            ));
        }
        note_text = note(form.note.as_deref(), "note", &mut errors);
    }
    match to {
        Some(to) if errors.is_empty() => Ok(CheckedMove {
            to,
            rejection,
            note: note_text,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Moves an application to another stage, as the domain's pipeline allows for the caller: the employer forward
/// (skipping allowed, never back) or to `rejected` with a reason; the seeker to `withdrawn`, or from `invited` to
/// `applied` (accepting the invitation). Send the `ETag` in `If-Match`. Each move is recorded in the history and
/// notified to the seeker.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = StageMoveRequest,
    responses(
        (status = 200, body = ApplicationResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "the pipeline forbids this move (`transition_not_allowed`, `transition_actor_not_permitted`, `transition_from_final`, `transition_unchanged`)", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/applications/{id}/stage")]
#[tracing::instrument(skip_all, fields(application_id = %path))]
pub async fn move_stage(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<StageMoveRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let checked = check_move(&body.into_inner())?;
    let mut connection = state.pool.get().await?;
    let Loaded {
        application,
        vacancy,
        viewer,
    } = load_visible(&mut connection, &caller, id).await?;
    concurrency::check_version(application.version, expected_version)?;
    let from = stage_of(&application)?;
    let to = from
        .transition(checked.to, Actor::from(caller.role))
        .map_err(|error| refused(&error))?;
    let now = Utc::now();
    let columns = StageColumns {
        applied_at: (from == ApplicationStage::Invited && to == ApplicationStage::Applied)
            .then_some(now),
        rejection_reason: checked
            .rejection
            .as_ref()
            .map(|rejection| rejection.reason().as_str().to_string()),
        rejection_note: checked
            .rejection
            .as_ref()
            .and_then(|rejection| rejection.note().map(str::to_string)),
    };
    let reason = match &checked.rejection {
        Some(rejection) => Some(match rejection.note() {
            Some(text) => format!("{}: {text}", rejection.reason().as_str()),
            None => rejection.reason().as_str().to_string(),
        }),
        None => checked.note,
    };
    let seeker_id = application.seeker_id;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let moved = application_db::move_stage(
                connection,
                id,
                expected_version,
                from.as_str(),
                to.as_str(),
                columns,
                now,
            )
            .await?;
            if !moved {
                return Err(ApiError::PreconditionFailed);
            }
            let change_id = application_db::record_stage_change(
                connection,
                id,
                Some(from.as_str()),
                to.as_str(),
                Some(caller.user_id),
                reason.as_deref(),
                now,
            )
            .await?;
            notify_seeker(
                connection,
                change_id,
                id,
                seeker_id,
                &vacancy,
                Some(from),
                to,
            )
            .await
        })
        .await?;
    let response = detail(&mut connection, id, viewer).await?;
    Ok(respond(actix_web::http::StatusCode::OK, &response))
}

/// The hire's terms: when work starts and, if it differs from the vacancy's minimum, the agreed wage.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HireRequest {
    /// First working day; at most 90 days ahead.
    pub start_date: Option<NaiveDate>,
    /// Agreed wage in whole rupiah; defaults to the vacancy's minimum.
    pub wage_rupiah: Option<i64>,
    /// `bulanan`, `harian` or `per_jam`; defaults to the vacancy's.
    pub wage_period: Option<String>,
}

struct CheckedHire {
    start_date: NaiveDate,
    wage_rupiah: Option<i64>,
    wage_period: Option<WagePeriod>,
}

fn check_hire(form: &HireRequest) -> Result<CheckedHire, ApiError> {
    let mut errors = Vec::new();
    match form.start_date {
        None => errors.push(FieldError::new(
            "start_date",
            "required",
            "start_date is required: the first working day",
            "start_date wajib diisi: hari pertama bekerja",
        )),
        Some(start_date) => {
            if let Err(error) = check_start_date(start_date, today()) {
                errors.push(FieldError::from_error("start_date", &error));
            }
        }
    }
    if form.wage_rupiah.is_some_and(|wage| wage < 0) {
        errors.push(FieldError::new(
            "wage_rupiah",
            "wage_negative",
            "wage_rupiah must not be negative",
            "wage_rupiah tidak boleh negatif",
        ));
    }
    let wage_period = match form.wage_period.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => WagePeriod::parse(value)
            .map_err(|error| errors.push(FieldError::from_error("wage_period", &error)))
            .ok(),
    };
    match form.start_date {
        Some(start_date) if errors.is_empty() => Ok(CheckedHire {
            start_date,
            wage_rupiah: form.wage_rupiah,
            wage_period,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Hires the applicant of an application at the `offer` stage (the vacancy's employer staff, `If-Match`), in one
/// transaction: the application becomes `hired`; the vacancy counts the hire and becomes `filled` with its last
/// opening; a placement (channel `jembatan`) is written with its follow-ups at +3, +6 and +12 months; the seeker's
/// card becomes `placed`; the seeker is notified. A vacancy never records more hires than its headcount: once every
/// opening is filled, further hires get 409 `vacancy_headcount_reached`.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = HireRequest,
    responses(
        (status = 200, body = ApplicationResponse, headers(("ETag" = String))),
        (status = 403, description = "employer staff only", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`vacancy_headcount_reached`, `vacancy_not_open`, or a pipeline refusal", body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/applications/{id}/hire")]
#[tracing::instrument(skip_all, fields(application_id = %path))]
pub async fn hire(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<HireRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer])?;
    let id = path.into_inner();
    let expected_version = concurrency::required_version(&request)?;
    let terms = check_hire(&body.into_inner())?;
    let mut connection = state.pool.get().await?;
    let Loaded {
        application,
        vacancy,
        viewer,
    } = load_visible(&mut connection, &caller, id).await?;
    concurrency::check_version(application.version, expected_version)?;
    let from = stage_of(&application)?;
    let to = from
        .transition(ApplicationStage::Hired, Actor::from(caller.role))
        .map_err(|error| refused(&error))?;
    let now = Utc::now();
    let seeker_id = application.seeker_id;
    let placement = PlacementRow {
        id: Uuid::now_v7(),
        seeker_id,
        vacancy_id: Some(vacancy.id),
        application_id: Some(id),
        apprenticeship_id: None,
        employer_id: Some(vacancy.employer_id),
        employer_name: vacancy.employer_name.clone(),
        kbji_code: vacancy.kbji_code.clone(),
        kbli_code: Some(vacancy.employer_kbli_code.clone()),
        start_date: terms.start_date,
        employment_type: vacancy.employment_type.clone(),
        wage_rupiah: Some(terms.wage_rupiah.unwrap_or(vacancy.wage_min_rupiah)),
        wage_period: Some(terms.wage_period.map_or_else(
            || vacancy.wage_period.clone(),
            |period| period.as_str().to_string(),
        )),
        channel: jembatan_domain::vocab::PlacementChannel::Jembatan
            .as_str()
            .to_string(),
        evidence: None,
        recorded_by: caller.user_id,
        report_month: ReportMonth::of(terms.start_date).first_day(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let followups = followup_rows(terms.start_date);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let moved = application_db::move_stage(
                connection,
                id,
                expected_version,
                from.as_str(),
                to.as_str(),
                StageColumns::default(),
                now,
            )
            .await?;
            if !moved {
                return Err(ApiError::PreconditionFailed);
            }
            let Some(count) = application_db::count_hire(connection, vacancy.id, now).await? else {
                return Err(no_opening(connection, vacancy.id).await);
            };
            if count.filled_count >= count.headcount {
                fill_vacancy(connection, vacancy.id, count.version, now).await?;
            }
            search_outbox::enqueue(connection, SearchEntity::Vacancy, vacancy.id).await?;
            let change_id = application_db::record_stage_change(
                connection,
                id,
                Some(from.as_str()),
                to.as_str(),
                Some(caller.user_id),
                None,
                now,
            )
            .await?;
            notify_seeker(
                connection,
                change_id,
                id,
                seeker_id,
                &vacancy,
                Some(from),
                to,
            )
            .await?;
            placement_db::insert_with_followups(connection, &placement, &followups).await?;
            mark_placed(connection, seeker_id, Actor::System, caller.user_id).await?;
            Ok(())
        })
        .await?;
    let response = detail(&mut connection, id, viewer).await?;
    Ok(respond(actix_web::http::StatusCode::OK, &response))
}

/// Why a hire could not be counted: every opening is taken, or the vacancy is no longer open.
async fn no_opening(connection: &mut AsyncPgConnection, vacancy_id: Uuid) -> ApiError {
    let current = application_db::vacancy_context(connection, vacancy_id).await;
    match current {
        Ok(Some(vacancy)) if vacancy.filled_count >= vacancy.headcount => ApiError::conflict(
            "vacancy_headcount_reached",
            format!(
                "every opening of the vacancy is already filled ({} of {})",
                vacancy.filled_count, vacancy.headcount
            ),
            format!(
                "Semua formasi lowongan ini sudah terisi ({} dari {})",
                vacancy.filled_count, vacancy.headcount
            ),
        ),
        Ok(_) => vacancy_not_open(),
        Err(error) => ApiError::from(error),
    }
}

/// The last opening was filled by a hire: the system moves the vacancy `open → filled`, with its history row.
async fn fill_vacancy(
    connection: &mut AsyncPgConnection,
    vacancy_id: Uuid,
    version: i32,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    VacancyStatus::Open
        .transition(VacancyStatus::Filled, Actor::System)
        .map_err(|error| refused(&error))?;
    let moved = vacancy_db::move_status(
        connection,
        vacancy_id,
        version,
        StatusMove {
            from: VacancyStatus::Open.as_str(),
            to: VacancyStatus::Filled.as_str(),
            actor_user_id: None,
            reason: Some("every opening filled by hires recorded in Jembatan"),
            columns: StatusColumns {
                filled_at: Some(at),
                ..StatusColumns::default()
            },
            at,
        },
    )
    .await?;
    if moved {
        Ok(())
    } else {
        Err(ApiError::Unexpected(anyhow::anyhow!(
            "the vacancy changed under the hire's row lock"
        )))
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

/// One application with its pipeline history: the seeker's own, the employer's applicant (blind review applies),
/// or any for officers. 404 for anyone else.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ApplicationResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/applications/{id}")]
#[tracing::instrument(skip_all, fields(application_id = %path))]
pub async fn read(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let mut connection = state.pool.get().await?;
    let loaded = load_visible(&mut connection, &caller, id).await?;
    if loaded.viewer != Viewer::Seeker {
        audit_read(
            &mut connection,
            &caller,
            &request_id,
            &[loaded.application.seeker_id],
            "hiring",
        )
        .await?;
    }
    let response = detail(&mut connection, id, loaded.viewer).await?;
    Ok(respond(actix_web::http::StatusCode::OK, &response))
}

fn created_cursor(response: &ApplicationResponse) -> Cursor {
    Cursor {
        key: response
            .created_at
            .to_rfc3339_opts(SecondsFormat::Micros, true),
        id: response.id,
    }
}

fn created_after(page: &PageQuery) -> Result<Option<(DateTime<Utc>, Uuid)>, ApiError> {
    let Some(cursor) = page.cursor()? else {
        return Ok(None);
    };
    DateTime::parse_from_rfc3339(&cursor.key)
        .map(|at| Some((at.with_timezone(&Utc), cursor.id)))
        .map_err(|_| {
            ApiError::BadRequest(Bilingual::new(
                "cursor is not one this list returned; start again without it",
                "cursor tidak berasal dari daftar ini; mulai lagi tanpa cursor",
            ))
        })
}

/// The logged-in seeker's applications and invitations, newest first, with their current stage.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<ApplicationResponse>),
        (status = 403, description = "seekers only", body = crate::error::Problem),
    )
)]
#[get("/applications/mine")]
#[tracing::instrument(skip_all)]
pub async fn list_mine(
    caller: Caller,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Seeker])?;
    let limit = page.limit()?;
    let after = created_after(&page)?;
    let mut connection = state.pool.get().await?;
    let seeker_id = own_seeker_id(&mut connection, &caller).await?;
    let rows =
        application_db::list_for_seeker(&mut connection, seeker_id, after, limit + 1).await?;
    let items: Vec<ApplicationResponse> = rows
        .into_iter()
        .map(|(application, title, employer_id, employer_name)| {
            let vacancy = ApplicationVacancy {
                id: application.vacancy_id,
                title,
                employer_id,
                employer_name,
            };
            response_of(application, vacancy, None)
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page::from_rows(items, limit, created_cursor)))
}

/// Stage filter of the applicant list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicantListQuery {
    /// Only applications in this stage.
    pub stage: Option<String>,
}

/// The applications to one vacancy, oldest first, for its employer's staff (blind review applies) and officers.
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ApplicantListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ApplicationResponse>),
        (status = 404, description = "no vacancy whose applicants you may see", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/vacancies/{id}/applications")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn list_for_vacancy(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    filters: web::Query<ApplicantListQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let stage = match filters.stage.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(ApplicationStage::parse(value).map_err(|error| {
            ApiError::Validation(vec![FieldError::from_error("stage", &error)])
        })?),
    };
    let limit = page.limit()?;
    let after = created_after(&page)?;
    let mut connection = state.pool.get().await?;
    let vacancy = managed_vacancy(&mut connection, &caller, path.into_inner()).await?;
    let rows = application_db::list_for_vacancy(
        &mut connection,
        vacancy.id,
        stage.map(ApplicationStage::as_str),
        after,
        limit + 1,
    )
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|(application, _)| application.id).collect();
    let history = application_db::history_of(&mut connection, &ids).await?;
    let employer_view = !caller.is_labour_office();
    let items: Vec<ApplicationResponse> = rows
        .into_iter()
        .map(|(application, applicant)| {
            let reached: Vec<String> = history
                .iter()
                .filter(|change| change.application_id == application.id)
                .map(|change| change.to_stage.clone())
                .collect();
            let hidden = employer_view && identity_hidden(&vacancy, &reached);
            let applicant = applicant_response(application.seeker_id, applicant, hidden);
            response_of(application, vacancy_ref(&vacancy), Some(applicant))
        })
        .collect();
    let page = Page::from_rows(items, limit, created_cursor);
    let seeker_ids: Vec<Uuid> = page.items.iter().map(|item| item.seeker_id).collect();
    audit_read(&mut connection, &caller, &request_id, &seeker_ids, "hiring").await?;
    Ok(HttpResponse::Ok().json(page))
}
