//! What a seeker can do, and how well it is proven: competency units with their evidence (declared by the seeker <
//! trained, written only by BLK staff < certified by a BNSP/LSP certificate), certificates, and work experience.
//!
//! The strength of a unit is always computed for today by the domain (`best_evidence_per_unit`): an expired
//! certificate counts as training at most, a revoked one counts for nothing. Access follows the seeker's profile
//! (`routes::seekers`): the seeker and labour-office staff change the seeker's own entries; reads by anyone else
//! are audited.

use std::collections::HashMap;

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::FieldError;
use jembatan_domain::codes::CompetencyUnitCode;
use jembatan_domain::evidence::{
    CertificateDraft, CertificateValidity, EvidenceItem, EvidenceSource, best_evidence_per_unit,
};
use jembatan_domain::seeker::WorkExperienceDraft;
use jembatan_domain::vocab::{AuditAction, CertificateStatus, EvidenceLevel, UserRole};
use serde::{Deserialize, Serialize};
use tracing_actix_web::RequestId;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::audit_log::{self, AuditEvent};
use crate::db::code_lookups;
use crate::db::search_outbox::{self, SearchEntity};
use crate::db::seeker_competencies::{self as evidence_db, CertificateRow, NewCertificate};
use crate::db::seekers as seeker_db;
use crate::db::work_experiences::{self as experience_db, ExperienceFields, ExperienceRow};
use crate::error::{ApiError, UniqueConflict};
use crate::extract::ApiJson;
use crate::routes::seekers::{
    Access, audit_actor, audit_unless_owner, load_accessible, load_editable, today,
};
use crate::startup::AppState;

/// Most units one request may name.
const MAX_UNITS_PER_REQUEST: usize = 50;

const ALREADY_DECLARED: UniqueConflict = UniqueConflict {
    constraint: "seeker_competencies_declared_key",
    code: "competency_already_declared",
    en: "this competency unit is already declared",
    id: "unit kompetensi ini sudah dinyatakan",
};

const CERTIFICATE_TAKEN: UniqueConflict = UniqueConflict {
    constraint: "certificates_issuer_certificate_number_key",
    code: "certificate_taken",
    en: "this issuer's certificate with this number is already recorded",
    id: "sertifikat dengan nomor ini dari penerbit yang sama sudah tercatat",
};

// ---------------------------------------------------------------------------------------------------------------
// Evidence, computed for today.

/// A competency unit and the seeker's strongest evidence for it today.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitLevel {
    /// SKKNI unit, e.g. `C.251100.001.02`.
    pub unit_code: String,
    /// `declared`, `trained` or `certified`.
    pub level: String,
}

/// One piece of evidence for a unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceResponse {
    pub id: Uuid,
    /// What was recorded: `declared`, `trained` or `certified`.
    pub recorded_level: String,
    /// What it counts as today: a certificate past its validity counts as `trained`, a revoked one as nothing
    /// (`null`).
    pub counts_as: Option<String>,
    pub certificate_id: Option<Uuid>,
    pub certificate_number: Option<String>,
    /// `active`, `expired` or `revoked`.
    pub certificate_state: Option<String>,
    pub certificate_valid_until: Option<NaiveDate>,
    /// The BLK that recorded training evidence.
    pub training_provider_id: Option<Uuid>,
    pub enrolment_id: Option<Uuid>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

/// A unit with every piece of evidence and the level it reaches today.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitCompetency {
    pub unit_code: String,
    pub unit_title: String,
    /// Strongest evidence today; `null` when nothing counts (e.g. only a revoked certificate).
    pub level: Option<String>,
    pub evidence: Vec<EvidenceResponse>,
}

/// A seeker's competency units.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompetencyList {
    pub items: Vec<UnitCompetency>,
}

fn corrupt(what: &str, error: impl std::fmt::Display) -> ApiError {
    ApiError::Unexpected(anyhow::anyhow!("stored {what} does not parse: {error}"))
}

fn validity_of(row: &CertificateRow) -> Result<CertificateValidity, ApiError> {
    Ok(CertificateValidity {
        status: CertificateStatus::parse(&row.status)
            .map_err(|error| corrupt("certificate status", error))?,
        // No end date stored means no expiry.
        valid_until: row.valid_until.unwrap_or(NaiveDate::MAX),
    })
}

/// Every unit of the seeker with its evidence and today's level, by unit code.
pub(crate) async fn competencies_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<UnitCompetency>, ApiError> {
    let rows = evidence_db::evidence_of(connection, seeker_id).await?;
    let certificates: HashMap<Uuid, CertificateRow> =
        evidence_db::certificates_of(connection, seeker_id)
            .await?
            .into_iter()
            .map(|(certificate, _)| (certificate.id, certificate))
            .collect();
    let mut items = Vec::with_capacity(rows.len());
    for row in &rows {
        let unit = CompetencyUnitCode::parse(&row.unit_code)
            .map_err(|error| corrupt("competency unit", error))?;
        let source = match row.evidence_level.as_str() {
            "declared" => EvidenceSource::Declared,
            "trained" => EvidenceSource::Trained,
            _ => {
                let certificate = row
                    .certificate_id
                    .and_then(|id| certificates.get(&id))
                    .ok_or_else(|| corrupt("certified evidence", "its certificate is missing"))?;
                EvidenceSource::Certificate(validity_of(certificate)?)
            }
        };
        items.push(EvidenceItem { unit, source });
    }
    let best = best_evidence_per_unit(&items, today);

    let mut units: Vec<UnitCompetency> = Vec::new();
    for (row, item) in rows.into_iter().zip(items) {
        let certificate = row.certificate_id.and_then(|id| certificates.get(&id));
        let evidence = EvidenceResponse {
            id: row.id,
            recorded_level: row.evidence_level,
            counts_as: item.level(today).map(|level| level.as_str().to_string()),
            certificate_id: row.certificate_id,
            certificate_number: certificate.map(|c| c.certificate_number.clone()),
            certificate_state: match item.source {
                EvidenceSource::Certificate(validity) => {
                    Some(validity.state(today).as_str().to_string())
                }
                _ => None,
            },
            certificate_valid_until: certificate.and_then(|c| c.valid_until),
            training_provider_id: row.training_provider_id,
            enrolment_id: row.enrolment_id,
            recorded_by: row.recorded_by,
            recorded_at: row.created_at,
        };
        match units.last_mut() {
            Some(unit) if unit.unit_code == row.unit_code => unit.evidence.push(evidence),
            _ => units.push(UnitCompetency {
                level: best
                    .get(&item.unit)
                    .map(|level: &EvidenceLevel| level.as_str().to_string()),
                unit_code: row.unit_code,
                unit_title: row.unit_title,
                evidence: vec![evidence],
            }),
        }
    }
    Ok(units)
}

/// The seeker's units that count today, with their level (what an employer sees).
pub(crate) async fn unit_levels(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<UnitLevel>, ApiError> {
    Ok(competencies_of(connection, seeker_id, today)
        .await?
        .into_iter()
        .filter_map(|unit| {
            unit.level.map(|level| UnitLevel {
                unit_code: unit.unit_code,
                level,
            })
        })
        .collect())
}

/// Parses unit codes and checks them against the SKKNI reference table; failures name `field[index]`.
async fn known_units(
    connection: &mut AsyncPgConnection,
    field: &str,
    codes: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<String>, ApiError> {
    let mut parsed: Vec<(String, String)> = Vec::new();
    for (index, code) in codes.iter().enumerate() {
        let path = format!("{field}[{index}]");
        match CompetencyUnitCode::parse(code) {
            Ok(code) if !parsed.iter().any(|(_, seen)| seen == code.as_str()) => {
                parsed.push((path, code.as_str().to_string()));
            }
            Ok(_) => {}
            Err(error) => errors.push(FieldError::from_error(path, &error)),
        }
    }
    if codes.len() > MAX_UNITS_PER_REQUEST {
        errors.push(FieldError::new(
            field,
            "too_many_items",
            format!("at most {MAX_UNITS_PER_REQUEST} items"),
            format!("paling banyak {MAX_UNITS_PER_REQUEST} isian"),
        ));
    }
    let wanted: Vec<String> = parsed.iter().map(|(_, code)| code.clone()).collect();
    let known = code_lookups::known_competency_units(connection, &wanted).await?;
    for (path, code) in &parsed {
        if !known.contains(code) {
            errors.push(FieldError::new(
                path.clone(),
                "competency_unit_unknown",
                format!("competency unit {code} is not in the skkni reference data"),
                format!("unit kompetensi {code} tidak ada dalam data referensi SKKNI"),
            ));
        }
    }
    Ok(wanted)
}

/// A seeker's competency units with every piece of evidence and the level each reaches today. Reads by anyone
/// other than the seeker are audited.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CompetencyList), (status = 404, body = crate::error::Problem))
)]
#[get("/seekers/{id}/competencies")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn list_competencies(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_accessible(&mut connection, &caller, path.into_inner()).await?;
    audit_unless_owner(
        &mut connection,
        access,
        seeker.id,
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "competencies",
            purpose: "profile_view",
        },
    )
    .await?;
    let items = competencies_of(&mut connection, seeker.id, today()).await?;
    Ok(HttpResponse::Ok().json(CompetencyList { items }))
}

/// A unit the seeker says they hold. The level is always `declared`; stronger evidence comes from training and
/// certificates.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclareRequest {
    /// SKKNI unit, e.g. `C.251100.001.02`.
    pub unit_code: String,
}

/// The seeker (or an officer for them) declares a competency unit.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = DeclareRequest,
    responses(
        (status = 201, body = CompetencyList),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`competency_already_declared`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/competencies")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn declare(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<DeclareRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    let code = CompetencyUnitCode::parse(&body.0.unit_code)
        .map_err(|error| ApiError::Validation(vec![FieldError::from_error("unit_code", &error)]))?;
    let mut errors = Vec::new();
    known_units(
        &mut connection,
        "unit_code",
        &[code.as_str().to_string()],
        &mut errors,
    )
    .await?;
    if let Some(mut error) = errors.pop() {
        error.field = "unit_code".to_string();
        return Err(ApiError::Validation(vec![error]));
    }
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            evidence_db::declare(connection, seeker.id, code.as_str(), caller.user_id)
                .await
                .map_err(|error| ApiError::from_unique(error, &[ALREADY_DECLARED]))?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker.id).await?;
            audit_unless_owner(
                connection,
                access,
                seeker.id,
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "competencies",
                    purpose: "declaration",
                },
            )
            .await
        })
        .await?;
    let items = competencies_of(&mut connection, seeker.id, today()).await?;
    Ok(HttpResponse::Created().json(CompetencyList { items }))
}

/// The seeker (or an officer for them) withdraws a declaration. Training and certificate evidence for the unit
/// stays.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("unit_code" = String, Path)),
    responses(
        (status = 204),
        (status = 403, body = crate::error::Problem),
        (status = 404, description = "no such seeker or no declaration of this unit", body = crate::error::Problem),
    )
)]
#[delete("/seekers/{id}/competencies/{unit_code}")]
#[tracing::instrument(skip_all)]
pub async fn withdraw_declaration(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    let (seeker_id, unit_code) = path.into_inner();
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_editable(&mut connection, &caller, seeker_id).await?;
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let removed =
                evidence_db::withdraw_declaration(connection, seeker.id, &unit_code).await?;
            if removed == 0 {
                return Err(ApiError::NotFound("declared competency"));
            }
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker.id).await?;
            audit_unless_owner(
                connection,
                access,
                seeker.id,
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "competencies",
                    purpose: "declaration_withdrawn",
                },
            )
            .await
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The seeker `id` if they have (or had) an enrolment in a cohort of `training_provider_id`: BLK staff write
/// evidence only for their own trainees. Anyone else is answered 404, as if the seeker did not exist.
async fn find_own_trainee(
    connection: &mut AsyncPgConnection,
    id: Uuid,
    training_provider_id: Uuid,
) -> Result<seeker_db::SeekerRow, ApiError> {
    let seeker = seeker_db::find_current(connection, id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    if !seeker_db::is_trainee_of(connection, seeker.id, training_provider_id).await? {
        return Err(ApiError::NotFound("seeker"));
    }
    Ok(seeker)
}

/// Units a seeker completed in training at the caller's training provider.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainedRequest {
    /// SKKNI units (at most 50).
    pub units: Vec<String>,
}

/// What a training record wrote.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainedResponse {
    /// Units newly recorded (units this provider had already recorded are skipped).
    pub recorded: Vec<String>,
    pub training_provider_id: Uuid,
}

/// BLK staff record that the seeker completed training in these units at their training provider (evidence level
/// `trained`). Only BLK staff may write training evidence, and only for their own trainees (a seeker with an
/// enrolment in one of their provider's cohorts; anyone else is 404). Graduating competent from a cohort writes the
/// same evidence by itself (`POST /enrolments/{id}/status`).
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = TrainedRequest,
    responses(
        (status = 201, body = TrainedResponse),
        (status = 403, description = "not BLK staff", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/competencies/trained")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn record_trained(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<TrainedRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Blk])?;
    let training_provider_id = caller.training_provider_id.ok_or_else(|| {
        ApiError::Unexpected(anyhow::anyhow!("a blk account without a training provider"))
    })?;
    let mut connection = state.pool.get().await?;
    let seeker = find_own_trainee(&mut connection, path.into_inner(), training_provider_id).await?;
    let form = body.into_inner();
    let mut errors = Vec::new();
    if form.units.is_empty() {
        errors.push(FieldError::new(
            "units",
            "units_empty",
            "name at least one competency unit",
            "sebutkan minimal satu unit kompetensi",
        ));
    }
    let units = known_units(&mut connection, "units", &form.units, &mut errors).await?;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let actor = audit_actor(&caller, &request_id);
    let recorded = connection
        .transaction::<_, ApiError, _>(async |connection| {
            let recorded = evidence_db::record_trained(
                connection,
                seeker.id,
                &units,
                training_provider_id,
                caller.user_id,
            )
            .await?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker.id).await?;
            audit_log::record(
                connection,
                &[seeker.id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "competencies",
                    purpose: "training_evidence",
                },
            )
            .await?;
            Ok(recorded)
        })
        .await?;
    Ok(HttpResponse::Created().json(TrainedResponse {
        recorded,
        training_provider_id,
    }))
}

// ---------------------------------------------------------------------------------------------------------------
// Certificates.

/// A competency certificate (sertifikat kompetensi) as printed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateRequest {
    #[serde(default)]
    pub number: String,
    /// Skema sertifikasi, e.g. `Juru Las 3G SMAW`.
    #[serde(default)]
    pub scheme: String,
    /// The LSP that issued it.
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// Last valid day; defaults to 3 years after issue.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// SKKNI units listed on it.
    #[serde(default)]
    pub units: Vec<String>,
}

/// A stored certificate and its state today.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateResponse {
    pub id: Uuid,
    pub number: String,
    pub scheme: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// `active`, `expired` (past `valid_until`) or `revoked`.
    pub state: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    pub units: Vec<String>,
    pub recorded_by: Uuid,
    /// Set when labour-office or BLK staff recorded it; a seeker's own entry is unverified.
    pub verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn certificate_response(
    row: CertificateRow,
    units: Vec<String>,
    today: NaiveDate,
) -> Result<CertificateResponse, ApiError> {
    let state = validity_of(&row)?.state(today).as_str().to_string();
    Ok(CertificateResponse {
        id: row.id,
        number: row.certificate_number,
        scheme: row.scheme,
        issuer: row.issuer,
        issued_on: row.issued_on,
        valid_until: row.valid_until,
        state,
        revoked_at: row.revoked_at,
        revoked_reason: row.revoked_reason,
        units,
        recorded_by: row.recorded_by,
        verified_at: row.verified_at,
        created_at: row.created_at,
    })
}

/// Every certificate of the seeker, with its state today.
pub(crate) async fn certificates_of(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<CertificateResponse>, ApiError> {
    evidence_db::certificates_of(connection, seeker_id)
        .await?
        .into_iter()
        .map(|(row, units)| certificate_response(row, units, today))
        .collect()
}

/// A seeker's certificates.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateList {
    pub items: Vec<CertificateResponse>,
}

/// Records a certificate and certified evidence for each of its units. The seeker may record their own (shown
/// unverified); labour-office staff, and BLK staff for their own trainees, record verified ones.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = CertificateRequest,
    responses(
        (status = 201, body = CertificateResponse),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`certificate_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/certificates")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn record_certificate(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<CertificateRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let seeker_id = path.into_inner();
    // BLK staff record certificates (after the LSP assessment) for their own trainees, as they record training
    // evidence; like labour-office staff they count as someone other than the seeker, so the entry is verified and
    // audited.
    let (seeker_id, access) = if caller.role == UserRole::Blk {
        let training_provider_id = caller.training_provider_id.ok_or_else(|| {
            ApiError::Unexpected(anyhow::anyhow!("a blk account without a training provider"))
        })?;
        let seeker = find_own_trainee(&mut connection, seeker_id, training_provider_id).await?;
        (seeker.id, Access::Limited)
    } else {
        let (seeker, access) = load_editable(&mut connection, &caller, seeker_id).await?;
        (seeker.id, access)
    };
    let form = body.into_inner();
    let today = today();
    let draft = CertificateDraft {
        number: form.number,
        scheme: form.scheme,
        issuer: form.issuer,
        issued_on: form.issued_on,
        valid_until: form.valid_until,
        units: form.units,
    };
    let mut errors = Vec::new();
    let certificate = draft
        .validate(today)
        .map_err(|failures| errors.extend(failures))
        .ok();
    let units = known_units(&mut connection, "units", &draft.units, &mut errors).await?;
    let (true, Some(certificate)) = (errors.is_empty(), certificate) else {
        return Err(ApiError::Validation(errors));
    };
    let verified = access != Access::Owner;
    let now = Utc::now();
    let new_certificate = NewCertificate {
        id: Uuid::now_v7(),
        seeker_id,
        certificate_number: certificate.number().to_string(),
        scheme: certificate.scheme().to_string(),
        issuer: certificate.issuer().to_string(),
        issued_on: certificate.issued_on(),
        valid_until: Some(certificate.validity().valid_until),
        status: CertificateStatus::Active.as_str().to_string(),
        recorded_by: caller.user_id,
        verified_at: verified.then_some(now),
        verified_by: verified.then_some(caller.user_id),
    };
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            evidence_db::insert_certificate(connection, &new_certificate, &units)
                .await
                .map_err(|error| ApiError::from_unique(error, &[CERTIFICATE_TAKEN]))?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
            audit_unless_owner(
                connection,
                access,
                seeker_id,
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "certificates",
                    purpose: "certificate_recorded",
                },
            )
            .await
        })
        .await?;
    let created = certificates_of(&mut connection, seeker_id, today)
        .await?
        .into_iter()
        .find(|stored| stored.id == new_certificate.id)
        .ok_or(ApiError::NotFound("certificate"))?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/seekers/{seeker_id}/certificates"),
        ))
        .json(created))
}

/// The seeker's certificates with their state today. Reads by anyone other than the seeker are audited.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CertificateList), (status = 404, body = crate::error::Problem))
)]
#[get("/seekers/{id}/certificates")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn list_certificates(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_accessible(&mut connection, &caller, path.into_inner()).await?;
    audit_unless_owner(
        &mut connection,
        access,
        seeker.id,
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "certificates",
            purpose: "profile_view",
        },
    )
    .await?;
    let items = certificates_of(&mut connection, seeker.id, today()).await?;
    Ok(HttpResponse::Ok().json(CertificateList { items }))
}

// ---------------------------------------------------------------------------------------------------------------
// Work experience.

/// One job in the seeker's work history.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExperienceRequest {
    #[serde(default)]
    pub employer_name: String,
    #[serde(default)]
    pub job_title: String,
    /// KBJI 2014 occupation, e.g. `7212.01`.
    #[serde(default)]
    pub kbji_code: String,
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    /// Empty for the current job.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A stored work experience entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExperienceResponse {
    pub id: Uuid,
    pub employer_name: String,
    pub job_title: String,
    pub kbji_code: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ExperienceRow> for ExperienceResponse {
    fn from(row: ExperienceRow) -> Self {
        Self {
            id: row.id,
            employer_name: row.employer_name,
            job_title: row.job_title,
            kbji_code: row.kbji_code,
            started_on: row.started_on,
            ended_on: row.ended_on,
            description: row.description,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A seeker's work history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExperienceList {
    pub items: Vec<ExperienceResponse>,
}

async fn validate_experience(
    connection: &mut AsyncPgConnection,
    form: ExperienceRequest,
) -> Result<ExperienceFields, ApiError> {
    let draft = WorkExperienceDraft {
        employer_name: form.employer_name,
        job_title: form.job_title,
        kbji_code: form.kbji_code,
        started_on: form.started_on,
        ended_on: form.ended_on,
        description: form.description,
    };
    let experience = draft.validate(today()).map_err(ApiError::Validation)?;
    let code = experience.kbji_code().as_str().to_string();
    let known = code_lookups::known_occupations(connection, std::slice::from_ref(&code)).await?;
    if known.is_empty() {
        return Err(ApiError::invalid_field(
            "kbji_code",
            "occupation_unknown",
            format!("kbji occupation {code} is not in the reference data"),
            format!("jabatan KBJI {code} tidak ada dalam data referensi"),
        ));
    }
    Ok(ExperienceFields {
        employer_name: experience.employer_name().to_string(),
        job_title: experience.job_title().to_string(),
        kbji_code: code,
        started_on: experience.started_on(),
        ended_on: experience.ended_on(),
        description: experience.description().map(str::to_string),
    })
}

/// The seeker's work history, most recent first. Reads by anyone other than the seeker are audited.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ExperienceList), (status = 404, body = crate::error::Problem))
)]
#[get("/seekers/{id}/experiences")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn list_experiences(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_accessible(&mut connection, &caller, path.into_inner()).await?;
    audit_unless_owner(
        &mut connection,
        access,
        seeker.id,
        &audit_actor(&caller, &request_id),
        AuditEvent {
            action: AuditAction::Read,
            resource: "work_experiences",
            purpose: "profile_view",
        },
    )
    .await?;
    let items = experience_db::list_of(&mut connection, seeker.id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(ExperienceList { items }))
}

/// What every work-history change writes besides the change itself: the search outbox row and, when someone other
/// than the seeker made it, the audit row. Call inside the change's transaction.
async fn after_experience_change(
    connection: &mut AsyncPgConnection,
    seeker_id: Uuid,
    access: Access,
    actor: &audit_log::AuditActor,
    purpose: &str,
) -> Result<(), ApiError> {
    search_outbox::enqueue(connection, SearchEntity::Seeker, seeker_id).await?;
    audit_unless_owner(
        connection,
        access,
        seeker_id,
        actor,
        AuditEvent {
            action: AuditAction::Update,
            resource: "work_experiences",
            purpose,
        },
    )
    .await
}

/// The seeker (or an officer for them) adds a job to the work history.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ExperienceRequest,
    responses(
        (status = 201, body = ExperienceResponse),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/experiences")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn add_experience(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ApiJson<ExperienceRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_editable(&mut connection, &caller, path.into_inner()).await?;
    let fields = validate_experience(&mut connection, body.into_inner()).await?;
    let actor = audit_actor(&caller, &request_id);
    let seeker_id = seeker.id;
    let created = connection
        .transaction::<_, ApiError, _>(async |connection| {
            let created = experience_db::insert(connection, seeker_id, &fields).await?;
            after_experience_change(connection, seeker_id, access, &actor, "experience_added")
                .await?;
            Ok(created)
        })
        .await?;
    Ok(HttpResponse::Created().json(ExperienceResponse::from(created)))
}

/// The seeker (or an officer for them) corrects a job in the work history.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("experience_id" = Uuid, Path)),
    request_body = ExperienceRequest,
    responses(
        (status = 200, body = ExperienceResponse),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[put("/seekers/{id}/experiences/{experience_id}")]
#[tracing::instrument(skip_all)]
pub async fn update_experience(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ApiJson<ExperienceRequest>,
) -> Result<HttpResponse, ApiError> {
    let (seeker_id, experience_id) = path.into_inner();
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_editable(&mut connection, &caller, seeker_id).await?;
    let fields = validate_experience(&mut connection, body.into_inner()).await?;
    let actor = audit_actor(&caller, &request_id);
    let seeker_id = seeker.id;
    let updated = connection
        .transaction::<_, ApiError, _>(async |connection| {
            let updated = experience_db::update(connection, seeker_id, experience_id, &fields)
                .await?
                .ok_or(ApiError::NotFound("work experience"))?;
            after_experience_change(
                connection,
                seeker_id,
                access,
                &actor,
                "experience_corrected",
            )
            .await?;
            Ok(updated)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ExperienceResponse::from(updated)))
}

/// The seeker (or an officer for them) removes a job from the work history.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("experience_id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[delete("/seekers/{id}/experiences/{experience_id}")]
#[tracing::instrument(skip_all)]
pub async fn delete_experience(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (seeker_id, experience_id) = path.into_inner();
    let mut connection = state.pool.get().await?;
    let (seeker, access) = load_editable(&mut connection, &caller, seeker_id).await?;
    let actor = audit_actor(&caller, &request_id);
    let seeker_id = seeker.id;
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            if experience_db::delete(connection, seeker_id, experience_id).await? == 0 {
                return Err(ApiError::NotFound("work experience"));
            }
            after_experience_change(connection, seeker_id, access, &actor, "experience_removed")
                .await
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
