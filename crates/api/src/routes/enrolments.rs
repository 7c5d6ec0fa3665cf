//! Enrolments: a seeker's place in a cohort, from registration through selection to graduation.
//!
//! A seeker registers for a cohort while it takes registrations (status `registration_open`, today inside the
//! window), once: a repeat returns the existing enrolment (and `Idempotency-Key` replays the first answer). The
//! cohort provider's BLK staff (or officers) move it `registered → passed_administration → passed_test → accepted
//! → active → graduated_competent | graduated_not_competent`, or `→ not_selected` during selection; the seeker or
//! staff may withdraw it. Every move is checked by the domain's `EnrolmentStatus` lifecycle and recorded in
//! `enrolment_status_changes` (who, when, why).
//!
//! Seats: accepting raises `cohorts.accepted_count` with a guarded `UPDATE … WHERE accepted_count < quota` in the
//! move's transaction, so concurrent acceptances never exceed the quota (409 `cohort_full`); withdrawing an accepted
//! or active trainee frees the seat. Graduating competent records "trained" evidence for every unit the programme
//! teaches on the trainee's profile, in the same transaction, with a search outbox row for the seeker.
//!
//! Who sees what: the seeker their own enrolments; BLK staff the enrolments of their own provider's cohorts;
//! officers all. Anyone else gets 404 for an enrolment, an employer 403.

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::training::{CohortSchedule, TrainingError, graduation_evidence};
use jembatan_domain::vocab::{CohortStatus, EnrolmentStatus, UserRole};
use jembatan_domain::{Actor, FieldError, Lifecycle};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::seekers as seeker_db;
use crate::db::training::{self, CohortRow, EnrolmentMove, EnrolmentRow, ProgrammeRow};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::seekers::today;
use crate::routes::training_programmes::{check_reason, cohort_status_of, find_managed_cohort};
use crate::routes::training_providers::{foreign_cursor, manages_provider};
use crate::startup::AppState;

/// The cohort of an enrolment, briefly.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentCohort {
    pub id: Uuid,
    pub name: String,
    pub status: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub programme_id: Uuid,
    pub programme_name: String,
    pub training_provider_id: Uuid,
}

/// One move of an enrolment.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentChange {
    /// Null for the registration.
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_user_id: Option<Uuid>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// An enrolment with its history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentResponse {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub cohort: EnrolmentCohort,
    /// `registered`, `passed_administration`, `passed_test`, `accepted`, `active`, `graduated_competent`,
    /// `graduated_not_competent`, `withdrawn` or `not_selected`.
    pub status: String,
    pub status_changed_at: DateTime<Utc>,
    pub graduated_on: Option<NaiveDate>,
    /// Also sent as the `ETag` header; send it back in `If-Match` to move the enrolment.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub history: Vec<EnrolmentChange>,
}

async fn enrolment_response(
    connection: &mut AsyncPgConnection,
    enrolment: EnrolmentRow,
    cohort: &CohortRow,
    programme: &ProgrammeRow,
) -> Result<EnrolmentResponse, ApiError> {
    let history = training::history_of(connection, enrolment.id)
        .await?
        .into_iter()
        .map(|change| EnrolmentChange {
            from_status: change.from_status,
            to_status: change.to_status,
            actor_user_id: change.actor_user_id,
            reason: change.reason,
            at: change.at,
        })
        .collect();
    Ok(EnrolmentResponse {
        id: enrolment.id,
        seeker_id: enrolment.seeker_id,
        cohort: EnrolmentCohort {
            id: cohort.id,
            name: cohort.name.clone(),
            status: cohort.status.clone(),
            starts_on: cohort.starts_on,
            ends_on: cohort.ends_on,
            programme_id: programme.id,
            programme_name: programme.name.clone(),
            training_provider_id: programme.training_provider_id,
        },
        status: enrolment.status,
        status_changed_at: enrolment.status_changed_at,
        graduated_on: enrolment.graduated_on,
        version: enrolment.version,
        created_at: enrolment.created_at,
        history,
    })
}

/// The enrolment's cohort and programme.
async fn context_of(
    connection: &mut AsyncPgConnection,
    enrolment: &EnrolmentRow,
) -> Result<(CohortRow, ProgrammeRow), ApiError> {
    let cohort = training::find_cohort(connection, enrolment.cohort_id)
        .await?
        .ok_or(ApiError::NotFound("cohort"))?;
    let programme = training::find_programme(connection, cohort.programme_id)
        .await?
        .ok_or(ApiError::NotFound("training programme"))?;
    Ok((cohort, programme))
}

async fn respond(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let enrolment = training::find_enrolment(connection, id)
        .await?
        .ok_or(ApiError::NotFound("enrolment"))?;
    let (cohort, programme) = context_of(connection, &enrolment).await?;
    let body = enrolment_response(connection, enrolment, &cohort, &programme).await?;
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(body.version));
    if status == StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/enrolments/{id}")));
    }
    Ok(response.json(body))
}

/// The seeker card of a logged-in seeker.
async fn own_seeker_id(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
) -> Result<Uuid, ApiError> {
    seeker_db::find_by_user(connection, caller.user_id)
        .await?
        .map(|seeker| seeker.id)
        .ok_or(ApiError::NotFound("seeker"))
}

/// How the caller relates to an enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// The enrolled seeker.
    Trainee,
    /// Staff of the cohort's provider, or the labour office.
    Staff,
}

/// An enrolment the caller may see, with its cohort and programme; 404 when it is not theirs to see, 403 for
/// employers.
async fn load_visible(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<(EnrolmentRow, CohortRow, ProgrammeRow, Standing), ApiError> {
    caller.require(&[
        UserRole::Seeker,
        UserRole::Blk,
        UserRole::Officer,
        UserRole::Admin,
    ])?;
    let enrolment = training::find_enrolment(connection, id)
        .await?
        .ok_or(ApiError::NotFound("enrolment"))?;
    let (cohort, programme) = context_of(connection, &enrolment).await?;
    let standing = if caller.role == UserRole::Seeker {
        let own = seeker_db::find_by_user(connection, caller.user_id).await?;
        own.filter(|seeker| seeker.id == enrolment.seeker_id)
            .map(|_| Standing::Trainee)
    } else {
        manages_provider(caller, programme.training_provider_id).then_some(Standing::Staff)
    };
    let standing = standing.ok_or(ApiError::NotFound("enrolment"))?;
    Ok((enrolment, cohort, programme, standing))
}

/// Registers the logged-in seeker for a cohort that takes registrations today. Registering again returns the
/// existing enrolment (200) instead of a second one; `Idempotency-Key` is honoured.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "the cohort"), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = EnrolmentResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "already registered: the existing enrolment", body = EnrolmentResponse),
        (status = 403, description = "seekers only", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`cohort_registration_closed`", body = crate::error::Problem),
    )
)]
#[post("/cohorts/{id}/enrolments")]
#[tracing::instrument(skip_all, fields(cohort_id = %path))]
pub async fn enrol(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Seeker])?;
    let cohort_id = path.into_inner();
    let mut connection = state.pool.get().await?;
    let seeker_id = own_seeker_id(&mut connection, &caller).await?;
    let cohort = training::find_cohort(&mut connection, cohort_id)
        .await?
        .ok_or(ApiError::NotFound("cohort"))?;
    if let Some(existing) =
        training::find_enrolment_of(&mut connection, cohort_id, seeker_id).await?
    {
        return respond(&mut connection, existing.id, StatusCode::OK).await;
    }
    schedule_of(&cohort)?
        .check_registration_open(cohort_status_of(&cohort)?, today())
        .map_err(|error| ApiError::conflict_from(&error))?;
    let id = Uuid::now_v7();
    let inserted = connection
        .transaction::<_, diesel::result::Error, _>(async |connection| {
            training::insert_enrolment(
                connection,
                id,
                cohort_id,
                seeker_id,
                caller.user_id,
                Utc::now(),
            )
            .await
        })
        .await;
    match inserted {
        Ok(()) => respond(&mut connection, id, StatusCode::CREATED).await,
        // A concurrent registration of the same seeker won: answer with that one.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {
            let existing = training::find_enrolment_of(&mut connection, cohort_id, seeker_id)
                .await?
                .ok_or(ApiError::NotFound("enrolment"))?;
            respond(&mut connection, existing.id, StatusCode::OK).await
        }
        Err(error) => Err(error.into()),
    }
}

fn schedule_of(cohort: &CohortRow) -> Result<CohortSchedule, ApiError> {
    CohortSchedule::new(
        u32::try_from(cohort.quota).unwrap_or(0),
        cohort.registration_opens_on,
        cohort.registration_closes_on,
        cohort.starts_on,
        cohort.ends_on,
    )
    .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("stored cohort schedule: {error}")))
}

fn timestamp_cursor(at: DateTime<Utc>, id: Uuid) -> Cursor {
    Cursor {
        key: at.to_rfc3339_opts(SecondsFormat::Micros, true),
        id,
    }
}

fn timestamp_after(cursor: Option<Cursor>) -> Result<Option<(DateTime<Utc>, Uuid)>, ApiError> {
    cursor
        .map(|cursor| {
            DateTime::parse_from_rfc3339(&cursor.key)
                .map(|at| (at.with_timezone(&Utc), cursor.id))
                .map_err(|_| foreign_cursor())
        })
        .transpose()
}

/// The logged-in seeker's enrolments with their history, newest first.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<EnrolmentResponse>),
        (status = 403, description = "seekers only", body = crate::error::Problem),
    )
)]
#[get("/enrolments/mine")]
#[tracing::instrument(skip_all)]
pub async fn list_mine(
    caller: Caller,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Seeker])?;
    let limit = page.limit()?;
    let after = timestamp_after(page.cursor()?)?;
    let mut connection = state.pool.get().await?;
    let seeker_id = own_seeker_id(&mut connection, &caller).await?;
    let rows = training::enrolments_of_seeker(&mut connection, seeker_id, after, limit + 1).await?;
    let mut items = Vec::with_capacity(rows.len());
    for enrolment in rows {
        let (cohort, programme) = context_of(&mut connection, &enrolment).await?;
        items.push(enrolment_response(&mut connection, enrolment, &cohort, &programme).await?);
    }
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| {
            timestamp_cursor(item.created_at, item.id)
        })),
    )
}

/// Status filter of a cohort's enrolment list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CohortEnrolmentQuery {
    /// Only enrolments in this status.
    pub status: Option<String>,
}

/// The enrolments of a cohort, oldest first (the provider's BLK staff and officers).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "the cohort"), CohortEnrolmentQuery, PageQuery),
    responses(
        (status = 200, body = Page<EnrolmentResponse>),
        (status = 403, body = crate::error::Problem),
        (status = 404, description = "no such cohort, or another provider's", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/cohorts/{id}/enrolments")]
#[tracing::instrument(skip_all, fields(cohort_id = %path))]
pub async fn list_of_cohort(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    filters: web::Query<CohortEnrolmentQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = match filters.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(
            EnrolmentStatus::parse(value)
                .map_err(|error| {
                    ApiError::Validation(vec![FieldError::from_error("status", &error)])
                })?
                .as_str(),
        ),
    };
    let limit = page.limit()?;
    let after = timestamp_after(page.cursor()?)?;
    let mut connection = state.pool.get().await?;
    let (cohort, programme) =
        find_managed_cohort(&mut connection, &caller, path.into_inner()).await?;
    let rows = training::enrolments_of_cohort(&mut connection, cohort.id, status, after, limit + 1)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for enrolment in rows {
        items.push(enrolment_response(&mut connection, enrolment, &cohort, &programme).await?);
    }
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| {
            timestamp_cursor(item.created_at, item.id)
        })),
    )
}

/// One enrolment with its history (the seeker, the provider's BLK staff, officers).
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = EnrolmentResponse, headers(("ETag" = String))),
        (status = 403, description = "employers", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/enrolments/{id}")]
#[tracing::instrument(skip_all, fields(enrolment_id = %path))]
pub async fn read(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (enrolment, _, _, _) = load_visible(&mut connection, &caller, path.into_inner()).await?;
    respond(&mut connection, enrolment.id, StatusCode::OK).await
}

/// A requested enrolment status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentMoveRequest {
    /// The status to move to, e.g. `passed_administration`, `accepted`, `graduated_competent`, `withdrawn`.
    pub status: String,
    /// Why; required (5–1,000 characters) for `not_selected` and `withdrawn`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Moves an enrolment (with `If-Match`). BLK staff of the cohort's provider and officers make the selection and
/// graduation moves; the seeker may only withdraw. Refused moves answer 409 with the lifecycle's code; accepting
/// into a full cohort answers 409 `cohort_full`; nothing but withdrawal happens in a cancelled cohort
/// (`cohort_cancelled`). Graduating competent records trained evidence for every unit of the programme.
#[utoipa::path(
    tag = "training",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "the ETag you read")),
    request_body = EnrolmentMoveRequest,
    responses(
        (status = 200, body = EnrolmentResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/enrolments/{id}/status")]
#[tracing::instrument(skip_all, fields(enrolment_id = %path))]
pub async fn move_status(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<EnrolmentMoveRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let to = EnrolmentStatus::parse(form.status.trim())
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("status", &error)]))?;
    let reason_required = matches!(
        to,
        EnrolmentStatus::NotSelected | EnrolmentStatus::Withdrawn
    );
    let reason = check_reason(form.reason.as_deref(), reason_required)?;
    let expected_version = concurrency::required_version(&request)?;
    let mut connection = state.pool.get().await?;
    let (enrolment, cohort, programme, standing) =
        load_visible(&mut connection, &caller, path.into_inner()).await?;
    concurrency::check_version(enrolment.version, expected_version)?;
    let from = EnrolmentStatus::parse(&enrolment.status).map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!("stored enrolment status: {error}"))
    })?;
    let actor = match standing {
        Standing::Trainee => Actor::Seeker,
        Standing::Staff => Actor::from(caller.role),
    };
    from.transition(to, actor)?;
    if cohort_status_of(&cohort)? == CohortStatus::Cancelled && to != EnrolmentStatus::Withdrawn {
        return Err(ApiError::conflict(
            "cohort_cancelled",
            "the cohort was cancelled: its enrolments can only be withdrawn",
            "Angkatan ini dibatalkan: pendaftarannya hanya dapat ditarik",
        ));
    }
    let units: Vec<CompetencyUnitCode> = if to == EnrolmentStatus::GraduatedCompetent {
        training::units_of(&mut connection, programme.id)
            .await?
            .iter()
            .map(|code| {
                CompetencyUnitCode::parse(code).map_err(|error| {
                    ApiError::Unexpected(anyhow::anyhow!("stored programme unit: {error}"))
                })
            })
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let evidence: Vec<String> = graduation_evidence(to, &units)
        .into_iter()
        .map(|item| item.unit.as_str().to_string())
        .collect();
    let now = Utc::now();
    let graduated_on = matches!(
        to,
        EnrolmentStatus::GraduatedCompetent | EnrolmentStatus::GraduatedNotCompetent
    )
    .then(today);
    let change = EnrolmentMove {
        from: from.as_str(),
        to: to.as_str(),
        actor_user_id: caller.user_id,
        reason: reason.as_deref(),
        graduated_on,
        at: now,
    };
    let quota = u32::try_from(cohort.quota).unwrap_or(0);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            if !training::move_enrolment(connection, enrolment.id, expected_version, &change)
                .await?
            {
                return Err(ApiError::PreconditionFailed);
            }
            if to == EnrolmentStatus::Accepted
                && !training::take_seat(connection, cohort.id).await?
            {
                return Err(ApiError::conflict_from(&TrainingError::CohortFull {
                    taken: quota,
                    quota,
                }));
            }
            if to == EnrolmentStatus::Withdrawn && from.occupies_seat() {
                training::free_seat(connection, cohort.id).await?;
            }
            if !evidence.is_empty() {
                training::record_graduation_evidence(
                    connection,
                    &enrolment,
                    programme.training_provider_id,
                    &evidence,
                )
                .await?;
                search_outbox::enqueue(connection, SearchEntity::Seeker, enrolment.seeker_id)
                    .await?;
            }
            Ok(())
        })
        .await?;
    respond(&mut connection, enrolment.id, StatusCode::OK).await
}
