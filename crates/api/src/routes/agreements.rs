//! Agreements with industry (nota kesepahaman): the labour office records an agreement with one employer or a
//! group, its term and its commitments per period (apprenticeship seats, placements, training support). Each
//! commitment's fulfilment is computed when read, from the apprenticeships, placements and trained people recorded
//! here — never typed in.
//!
//! Lifecycle (the domain's state machine): `draft → active` (officer; signed, with a valid term) ·
//! `active → ended` · `active → terminated` (with a reason). Officers and admins write and read everything; staff
//! of an employer party to an agreement read it; anyone else gets 404 (403 for writes and lists).

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::agreement::{AgreementTerm, Commitment};
use jembatan_domain::error::{optional_text, required_text};
use jembatan_domain::vocab::{AgreementStatus, CommitmentKind, UserRole};
use jembatan_domain::{Actor, FieldError, Lifecycle};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::PooledConnection;
use crate::db::agreements::{self as db, AgreementContent, AgreementRow, NewCommitment, NewParty};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::startup::AppState;

const MAX_PARTIES: usize = 100;
const MAX_COMMITMENTS: usize = 100;

/// A party to the agreement.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PartyRequest {
    pub employer_id: Option<Uuid>,
    /// Who signed for the employer.
    pub signatory_name: Option<String>,
}

/// A commitment for one period.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CommitmentRequest {
    /// The committing party (one of `parties`); absent = all parties jointly.
    pub employer_id: Option<Uuid>,
    /// `apprenticeship_seats`, `placements` or `training_support`.
    pub kind: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// At least 1.
    pub target_quantity: i64,
    pub description: Option<String>,
    /// Training support only: the training cohorts the party supported; their graduates count.
    pub supported_cohort_ids: Vec<Uuid>,
}

/// An agreement as the officer records it. Status and fulfilment are not part of it.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AgreementRequest {
    /// Nomor nota kesepahaman; may be unknown while draft.
    pub agreement_number: Option<String>,
    /// 3–200 characters.
    pub title: String,
    pub description: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    /// 1–100 employers.
    pub parties: Vec<PartyRequest>,
    pub commitments: Vec<CommitmentRequest>,
}

/// A party in a response.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartyResponse {
    pub employer_id: Uuid,
    pub employer_name: String,
    pub signatory_name: Option<String>,
}

/// A commitment with its computed fulfilment.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentResponse {
    pub id: Uuid,
    /// Null = all parties jointly.
    pub employer_id: Option<Uuid>,
    pub kind: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub description: Option<String>,
    pub supported_cohort_ids: Vec<Uuid>,
    pub target: u32,
    /// Counted from the records: apprenticeships started at the committing parties in the period
    /// (`apprenticeship_seats`), placements there that started in the period (`placements`), graduates of the
    /// supported cohorts that ended in the period (`training_support`).
    pub achieved: u32,
    /// Whole percent, rounded down; may exceed 100.
    pub percent: u32,
    pub remaining: u32,
    pub met: bool,
}

/// An agreement with its parties and commitments.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementResponse {
    pub id: Uuid,
    pub agreement_number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    /// `draft`, `active`, `ended` or `terminated`.
    pub status: String,
    pub status_reason: Option<String>,
    pub parties: Vec<PartyResponse>,
    pub commitments: Vec<CommitmentResponse>,
    /// Also the `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

struct CheckedAgreement {
    content: AgreementContent,
    parties: Vec<NewParty>,
    commitments: Vec<NewCommitment>,
}

async fn check_agreement(
    connection: &mut PooledConnection,
    request: AgreementRequest,
) -> Result<CheckedAgreement, ApiError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let title = required_text(&request.title, 3, 200)
        .map_err(|error| errors.push(FieldError::from_error("title", &error)))
        .ok();
    let description = optional_text(request.description.as_deref(), 5000)
        .map_err(|error| errors.push(FieldError::from_error("description", &error)))
        .ok()
        .flatten();
    let agreement_number = optional_text(request.agreement_number.as_deref(), 120)
        .map_err(|error| errors.push(FieldError::from_error("agreement_number", &error)))
        .ok()
        .flatten();
    if let (Some(signed_on), Some(valid_from), Some(valid_until)) =
        (request.signed_on, request.valid_from, request.valid_until)
        && let Err(error) = AgreementTerm::new(signed_on, valid_from, valid_until)
    {
        errors.push(FieldError::from_error("valid_until", &error));
    }

    if request.parties.is_empty() || request.parties.len() > MAX_PARTIES {
        errors.push(FieldError::new(
            "parties",
            "parties_count",
            format!("an agreement has 1 to {MAX_PARTIES} employer parties"),
            format!("Nota kesepahaman memiliki 1 sampai {MAX_PARTIES} perusahaan"),
        ));
    }
    let mut parties: Vec<NewParty> = Vec::new();
    for (index, party) in request.parties.iter().enumerate() {
        let field = format!("parties[{index}].employer_id");
        let Some(employer_id) = party.employer_id else {
            errors.push(FieldError::new(
                field,
                "employer_missing",
                "employer_id is required",
                "employer_id wajib diisi",
            ));
            continue;
        };
        if parties.iter().any(|seen| seen.employer_id == employer_id) {
            errors.push(FieldError::new(
                field,
                "party_repeated",
                "each employer may be a party once",
                "Setiap perusahaan hanya boleh tercantum sekali",
            ));
            continue;
        }
        let signatory_name = optional_text(party.signatory_name.as_deref(), 120)
            .map_err(|error| {
                errors.push(FieldError::from_error(
                    format!("parties[{index}].signatory_name"),
                    &error,
                ));
            })
            .ok()
            .flatten();
        parties.push(NewParty {
            employer_id,
            signatory_name,
        });
    }
    let ids: Vec<Uuid> = parties.iter().map(|party| party.employer_id).collect();
    let known = db::existing_employers(connection, &ids).await?;
    for (index, party) in request.parties.iter().enumerate() {
        if let Some(id) = party.employer_id
            && !known.contains(&id)
        {
            errors.push(FieldError::new(
                format!("parties[{index}].employer_id"),
                "employer_unknown",
                "no registered employer has this id",
                "Tidak ada perusahaan terdaftar dengan id ini",
            ));
        }
    }

    if request.commitments.len() > MAX_COMMITMENTS {
        errors.push(FieldError::new(
            "commitments",
            "commitments_count",
            format!("an agreement has at most {MAX_COMMITMENTS} commitments"),
            format!("Nota kesepahaman memuat paling banyak {MAX_COMMITMENTS} komitmen"),
        ));
    }
    let mut commitments: Vec<NewCommitment> = Vec::new();
    for (index, request) in request.commitments.iter().enumerate() {
        let field = |name: &str| format!("commitments[{index}].{name}");
        let before = errors.len();
        let kind = CommitmentKind::parse(&request.kind)
            .map_err(|error| errors.push(FieldError::from_error(field("kind"), &error)))
            .ok();
        let target = u32::try_from(request.target_quantity).unwrap_or(0);
        if let Err(error) = Commitment::new(kind.unwrap_or(CommitmentKind::Placements), target) {
            errors.push(FieldError::from_error(field("target_quantity"), &error));
        }
        if request.target_quantity > i64::from(i32::MAX) {
            errors.push(FieldError::new(
                field("target_quantity"),
                "commitment_target_too_large",
                "the target is too large",
                "Target terlalu besar",
            ));
        }
        let (Some(period_start), Some(period_end)) = (request.period_start, request.period_end)
        else {
            errors.push(FieldError::new(
                field("period_end"),
                "period_missing",
                "a commitment needs a period start and end",
                "Komitmen memerlukan tanggal awal dan akhir periode",
            ));
            continue;
        };
        if period_end < period_start {
            errors.push(FieldError::new(
                field("period_end"),
                "commitment_period_order",
                "the period must not end before it starts",
                "Periode tidak boleh berakhir sebelum dimulai",
            ));
        }
        if let Some(employer_id) = request.employer_id
            && !parties.iter().any(|party| party.employer_id == employer_id)
        {
            errors.push(FieldError::new(
                field("employer_id"),
                "commitment_employer_not_party",
                "a commitment's employer must be a party to the agreement",
                "Perusahaan pada komitmen harus merupakan pihak dalam nota kesepahaman",
            ));
        }
        if !request.supported_cohort_ids.is_empty() {
            if kind != Some(CommitmentKind::TrainingSupport) {
                errors.push(FieldError::new(
                    field("supported_cohort_ids"),
                    "cohorts_only_for_training_support",
                    "supported cohorts belong to training support commitments only",
                    "Angkatan pelatihan hanya untuk komitmen dukungan pelatihan",
                ));
            } else {
                let known = db::existing_cohorts(connection, &request.supported_cohort_ids).await?;
                if request
                    .supported_cohort_ids
                    .iter()
                    .any(|id| !known.contains(id))
                {
                    errors.push(FieldError::new(
                        field("supported_cohort_ids"),
                        "cohort_unknown",
                        "every supported cohort must be a training cohort recorded here",
                        "Setiap angkatan yang didukung harus tercatat di sini",
                    ));
                }
            }
        }
        let description = optional_text(request.description.as_deref(), 2000)
            .map_err(|error| errors.push(FieldError::from_error(field("description"), &error)))
            .ok()
            .flatten();
        if let (Some(kind), true) = (kind, errors.len() == before) {
            let mut cohorts = request.supported_cohort_ids.clone();
            cohorts.sort();
            cohorts.dedup();
            commitments.push(NewCommitment {
                id: Uuid::now_v7(),
                employer_id: request.employer_id,
                kind: kind.as_str(),
                period_start,
                period_end,
                target_quantity: i32::try_from(target).unwrap_or(i32::MAX),
                description,
                supported_cohort_ids: cohorts,
            });
        }
    }
    match title {
        Some(title) if errors.is_empty() => Ok(CheckedAgreement {
            content: AgreementContent {
                agreement_number,
                title,
                description,
                signed_on: request.signed_on,
                valid_from: request.valid_from,
                valid_until: request.valid_until,
            },
            parties,
            commitments,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Records an agreement (as a draft) with its parties and commitments. Officers and admins only.
#[utoipa::path(
    tag = "agreements",
    security(("bearer" = [])),
    request_body = AgreementRequest,
    responses(
        (status = 201, body = AgreementResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 409, description = "`agreement_number_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/agreements")]
#[tracing::instrument(skip_all)]
pub async fn create_agreement(
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<AgreementRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let mut connection = state.pool.get().await?;
    let checked = check_agreement(&mut connection, body.into_inner()).await?;
    let id = Uuid::now_v7();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            db::insert(
                connection,
                id,
                caller.user_id,
                &checked.content,
                &checked.parties,
                &checked.commitments,
                Utc::now(),
            )
            .await
            .map_err(|error| {
                ApiError::from_unique(
                    error,
                    &[UniqueConflict {
                        constraint: "agreements_agreement_number_key",
                        code: "agreement_number_taken",
                        en: "another agreement has this number",
                        id: "Nomor nota kesepahaman ini sudah dipakai",
                    }],
                )
            })
        })
        .await?;
    respond(&mut connection, id, StatusCode::CREATED).await
}

/// Whether the caller may read the agreement: the labour office, or staff of a party.
async fn find_readable(
    connection: &mut PooledConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<AgreementRow, ApiError> {
    let not_found = || ApiError::NotFound("agreement");
    let agreement = db::find(connection, id).await?.ok_or_else(not_found)?;
    if caller.is_labour_office() {
        return Ok(agreement);
    }
    let Some(employer_id) = caller
        .employer_id
        .filter(|_| caller.role == UserRole::Employer)
    else {
        return Err(not_found());
    };
    let parties = db::parties_of(connection, id).await?;
    if parties.iter().any(|party| party.employer_id == employer_id) {
        Ok(agreement)
    } else {
        Err(not_found())
    }
}

/// The agreement with its fulfilment computed now.
async fn respond(
    connection: &mut PooledConnection,
    id: Uuid,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let agreement = db::find(connection, id)
        .await?
        .ok_or(ApiError::NotFound("agreement"))?;
    let parties = db::parties_of(connection, id).await?;
    let all_parties: Vec<Uuid> = parties.iter().map(|party| party.employer_id).collect();
    let mut commitments = Vec::new();
    for row in db::commitments_of(connection, id).await? {
        let kind = CommitmentKind::parse(&row.kind).map_err(|error| {
            ApiError::Unexpected(anyhow::anyhow!("stored commitment kind: {error}"))
        })?;
        let committing: Vec<Uuid> = row.employer_id.map_or(all_parties.clone(), |id| vec![id]);
        let (start, end) = (row.period_start, row.period_end);
        let achieved = match kind {
            CommitmentKind::ApprenticeshipSeats => {
                db::count_apprenticeships(connection, &committing, start, end).await?
            }
            CommitmentKind::Placements => {
                db::count_placements(connection, &committing, start, end).await?
            }
            CommitmentKind::TrainingSupport => {
                db::count_trained(connection, row.id, start, end).await?
            }
        };
        let commitment = Commitment::new(kind, u32::try_from(row.target_quantity).unwrap_or(1))
            .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("stored commitment: {error}")))?;
        let fulfilment = commitment.fulfilment(u32::try_from(achieved).unwrap_or(u32::MAX));
        commitments.push(CommitmentResponse {
            id: row.id,
            employer_id: row.employer_id,
            kind: row.kind,
            period_start: start,
            period_end: end,
            description: row.description,
            supported_cohort_ids: db::supported_cohorts_of(connection, row.id).await?,
            target: fulfilment.target,
            achieved: fulfilment.achieved,
            percent: fulfilment.percent(),
            remaining: fulfilment.remaining(),
            met: fulfilment.is_met(),
        });
    }
    let body = AgreementResponse {
        id: agreement.id,
        agreement_number: agreement.agreement_number,
        title: agreement.title,
        description: agreement.description,
        signed_on: agreement.signed_on,
        valid_from: agreement.valid_from,
        valid_until: agreement.valid_until,
        status: agreement.status,
        status_reason: agreement.status_reason,
        parties: parties
            .into_iter()
            .map(|party| PartyResponse {
                employer_id: party.employer_id,
                employer_name: party.employer_name,
                signatory_name: party.signatory_name,
            })
            .collect(),
        commitments,
        version: agreement.version,
        created_at: agreement.created_at,
    };
    let mut response = HttpResponse::build(status);
    response.insert_header(concurrency::etag(body.version));
    if status == StatusCode::CREATED {
        response.insert_header((LOCATION, format!("/api/v1/agreements/{id}")));
    }
    Ok(response.json(body))
}

/// One agreement with each commitment's target and achieved value, computed from the records. Officers, admins
/// and staff of the employers party to it; 404 for anyone else.
#[utoipa::path(
    tag = "agreements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = AgreementResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/agreements/{id}")]
#[tracing::instrument(skip_all, fields(agreement_id = %path))]
pub async fn read_agreement(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let mut connection = state.pool.get().await?;
    find_readable(&mut connection, &caller, id).await?;
    respond(&mut connection, id, StatusCode::OK).await
}

/// An agreement in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementSummary {
    pub id: Uuid,
    pub agreement_number: Option<String>,
    pub title: String,
    pub status: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// Agreements, newest first: all for the labour office, those their employer is party to for employer staff.
#[utoipa::path(
    tag = "agreements",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<AgreementSummary>),
        (status = 403, body = crate::error::Problem),
    )
)]
#[get("/agreements")]
#[tracing::instrument(skip_all)]
pub async fn list_agreements(
    caller: Caller,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Employer, UserRole::Officer, UserRole::Admin])?;
    let party = if caller.is_labour_office() {
        None
    } else {
        Some(caller.employer_id.ok_or(ApiError::Forbidden)?)
    };
    let limit = page.limit()?;
    let after = match page.cursor()? {
        None => None,
        Some(cursor) => Some((
            DateTime::parse_from_rfc3339(&cursor.key)
                .map(|time| time.with_timezone(&Utc))
                .map_err(|_| {
                    ApiError::BadRequest(crate::error::Bilingual::new(
                        "cursor is not one this API returned; start again without it",
                        "cursor tidak dikenal; mulai lagi tanpa cursor",
                    ))
                })?,
            cursor.id,
        )),
    };
    let mut connection = state.pool.get().await?;
    let items: Vec<AgreementSummary> = db::list(&mut connection, party, after, limit + 1)
        .await?
        .into_iter()
        .map(|row| AgreementSummary {
            id: row.id,
            agreement_number: row.agreement_number,
            title: row.title,
            status: row.status,
            valid_from: row.valid_from,
            valid_until: row.valid_until,
            created_at: row.created_at,
        })
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.created_at.to_rfc3339(),
            id: item.id,
        })),
    )
}

/// A reason for terminating an agreement early.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TerminateRequest {
    /// 5–1,000 characters.
    pub reason: String,
}

async fn move_agreement(
    request: &HttpRequest,
    caller: &Caller,
    state: &AppState,
    id: Uuid,
    to: AgreementStatus,
    reason: Option<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let expected_version = concurrency::required_version(request)?;
    let mut connection = state.pool.get().await?;
    let agreement = find_readable(&mut connection, caller, id).await?;
    concurrency::check_version(agreement.version, expected_version)?;
    let from = AgreementStatus::parse(&agreement.status).map_err(|error| {
        ApiError::Unexpected(anyhow::anyhow!("stored agreement status: {error}"))
    })?;
    from.transition(to, Actor::from(caller.role))?;
    if to == AgreementStatus::Active {
        let (Some(signed_on), Some(valid_from), Some(valid_until)) = (
            agreement.signed_on,
            agreement.valid_from,
            agreement.valid_until,
        ) else {
            return Err(ApiError::conflict(
                "agreement_not_signed",
                "an agreement becomes active once its signing date and term are recorded",
                "Nota kesepahaman berlaku setelah tanggal penandatanganan dan masa berlakunya dicatat",
            ));
        };
        AgreementTerm::new(signed_on, valid_from, valid_until)
            .map_err(|error| ApiError::conflict_from(&error))?;
    }
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let moved = db::move_status(
                connection,
                id,
                expected_version,
                from.as_str(),
                to.as_str(),
                reason.as_deref(),
                Utc::now(),
            )
            .await?;
            if moved {
                Ok(())
            } else {
                Err(ApiError::PreconditionFailed)
            }
        })
        .await?;
    respond(&mut connection, id, StatusCode::OK).await
}

/// Puts a signed draft into force (`draft → active`); 409 `agreement_not_signed` without the signing date and
/// term.
#[utoipa::path(
    tag = "agreements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = AgreementResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/agreements/{id}/activate")]
#[tracing::instrument(skip_all, fields(agreement_id = %path))]
pub async fn activate_agreement(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let to = AgreementStatus::Active;
    move_agreement(&request, &caller, &state, path.into_inner(), to, None).await
}

/// Records that an active agreement's term is over (`active → ended`).
#[utoipa::path(
    tag = "agreements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses(
        (status = 200, body = AgreementResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
    )
)]
#[post("/agreements/{id}/end")]
#[tracing::instrument(skip_all, fields(agreement_id = %path))]
pub async fn end_agreement(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let to = AgreementStatus::Ended;
    move_agreement(&request, &caller, &state, path.into_inner(), to, None).await
}

/// Ends an active agreement early (`active → terminated`) with a reason.
#[utoipa::path(
    tag = "agreements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = TerminateRequest,
    responses(
        (status = 200, body = AgreementResponse, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/agreements/{id}/terminate")]
#[tracing::instrument(skip_all, fields(agreement_id = %path))]
pub async fn terminate_agreement(
    request: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<TerminateRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let reason = required_text(&body.into_inner().reason, 5, 1000)
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("reason", &error)]))?;
    let to = AgreementStatus::Terminated;
    move_agreement(
        &request,
        &caller,
        &state,
        path.into_inner(),
        to,
        Some(reason),
    )
    .await
}
