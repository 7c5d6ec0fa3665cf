//! Placements (penempatan) and their follow-ups. A hire here writes its placement itself (see `applications`);
//! officers record placements that happened outside the system (job fair, BLK referral, direct, at the counter)
//! with evidence. Every placement gets three follow-ups (+3, +6, +12 months after the start date) in the same
//! transaction, and the seeker's card becomes `placed`.
//!
//! Who sees what: officers every placement (filters: period, report month, kecamatan of the seeker's domicile,
//! employer); employer staff their employer's; the seeker their own. A follow-up's outcome is recorded once, by an
//! officer, the placement's employer staff or the seeker.

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use jembatan_domain::calendar::ReportMonth;
use jembatan_domain::codes::{KbjiCode, KbliCode};
use jembatan_domain::error::{optional_text, required_text};
use jembatan_domain::placement::{
    FollowupMilestone, check_followup_date, check_start_date, followup_schedule,
};
use jembatan_domain::region::RegionCode;
use jembatan_domain::vocab::{
    AuditAction, EmploymentType, FollowupOutcome, PlacementChannel, UserRole, WagePeriod,
};
use jembatan_domain::{Actor, FieldError};
use serde::{Deserialize, Serialize};
use tracing_actix_web::RequestId;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::concurrency;
use crate::db::audit_log::{self, AuditEvent};
use crate::db::placements::{
    self as placement_db, FollowupOutcomeRecord, FollowupRow, PlacementFilter, PlacementRow, Scope,
};
use crate::db::seekers as seeker_db;
use crate::db::vacancies as vacancy_db;
use crate::error::{ApiError, Bilingual};
use crate::extract::ApiJson;
use crate::pagination::{Cursor, Page, PageQuery};
use crate::routes::seekers::{audit_actor, mark_placed, today};
use crate::startup::AppState;

// ---------------------------------------------------------------------------------------------------------------
// Response bodies
// ---------------------------------------------------------------------------------------------------------------

/// One follow-up of a placement.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowupResponse {
    /// 3, 6 or 12 (months after the start date).
    pub offset_months: i16,
    pub due_on: NaiveDate,
    /// `still_employed` or `left`; null while not recorded.
    pub outcome: Option<String>,
    pub left_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// The placed seeker.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacedSeeker {
    pub id: Uuid,
    /// Null once the seeker's data was erased.
    pub full_name: Option<String>,
}

/// A placement.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementResponse {
    pub id: Uuid,
    pub seeker: PlacedSeeker,
    pub vacancy_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    /// Null when the employer is not registered here.
    pub employer_id: Option<Uuid>,
    pub employer_name: String,
    pub kbji_code: String,
    pub kbli_code: Option<String>,
    pub start_date: NaiveDate,
    pub employment_type: String,
    pub wage_rupiah: Option<i64>,
    pub wage_period: Option<String>,
    /// `jembatan`, `job_fair`, `blk_referral`, `direct`, `apprenticeship_hire` or `counter`.
    pub channel: String,
    pub evidence: Option<String>,
    pub recorded_by: Uuid,
    /// First day of the IPK month the placement counts in.
    pub report_month: NaiveDate,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    /// In the detail only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub followups: Option<Vec<FollowupResponse>>,
}

fn placement_response(row: PlacementRow, full_name: Option<String>) -> PlacementResponse {
    PlacementResponse {
        id: row.id,
        seeker: PlacedSeeker {
            id: row.seeker_id,
            full_name,
        },
        vacancy_id: row.vacancy_id,
        application_id: row.application_id,
        employer_id: row.employer_id,
        employer_name: row.employer_name,
        kbji_code: row.kbji_code,
        kbli_code: row.kbli_code,
        start_date: row.start_date,
        employment_type: row.employment_type,
        wage_rupiah: row.wage_rupiah,
        wage_period: row.wage_period,
        channel: row.channel,
        evidence: row.evidence,
        recorded_by: row.recorded_by,
        report_month: row.report_month,
        version: row.version,
        created_at: row.created_at,
        followups: None,
    }
}

fn followup_response(row: FollowupRow) -> FollowupResponse {
    FollowupResponse {
        offset_months: row.offset_months,
        due_on: row.due_on,
        outcome: row.outcome,
        left_on: row.left_on,
        note: row.note,
        recorded_at: row.recorded_at,
    }
}

async fn detail(
    connection: &mut AsyncPgConnection,
    row: PlacementRow,
) -> Result<PlacementResponse, ApiError> {
    let full_name = placement_db::seeker_name(connection, row.seeker_id).await?;
    let followups = placement_db::followups_of(connection, &[row.id]).await?;
    let mut response = placement_response(row, full_name);
    response.followups = Some(followups.into_iter().map(followup_response).collect());
    Ok(response)
}

// ---------------------------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------------------------

/// Whose placements the caller sees (403 for roles that see none).
async fn scope_of(connection: &mut AsyncPgConnection, caller: &Caller) -> Result<Scope, ApiError> {
    match caller.role {
        UserRole::Officer | UserRole::Admin => Ok(Scope::All),
        UserRole::Employer => caller
            .employer_id
            .map(Scope::Employer)
            .ok_or(ApiError::Forbidden),
        UserRole::Seeker => seeker_db::find_by_user(connection, caller.user_id)
            .await?
            .map(|seeker| Scope::Seeker(seeker.id))
            .ok_or(ApiError::Forbidden),
        UserRole::Blk => Err(ApiError::Forbidden),
    }
}

/// The placement `id` if the caller may see it; 404 otherwise.
async fn load_visible(
    connection: &mut AsyncPgConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<PlacementRow, ApiError> {
    let not_found = || ApiError::NotFound("placement");
    let row = placement_db::find(connection, id)
        .await?
        .ok_or_else(not_found)?;
    let visible = match scope_of(connection, caller).await {
        Ok(Scope::All) => true,
        Ok(Scope::Employer(employer_id)) => row.employer_id == Some(employer_id),
        Ok(Scope::Seeker(seeker_id)) => row.seeker_id == seeker_id,
        Err(_) => false,
    };
    if visible { Ok(row) } else { Err(not_found()) }
}

// ---------------------------------------------------------------------------------------------------------------
// Recording a placement from outside the system
// ---------------------------------------------------------------------------------------------------------------

/// A placement that happened outside Jembatan, as an officer records it.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PlacementRequest {
    pub seeker_id: Option<Uuid>,
    /// A registered employer; or give `employer_name` instead.
    pub employer_id: Option<Uuid>,
    /// An employer not registered here, 2–200 characters.
    pub employer_name: Option<String>,
    /// KBJI 2014 code of the job, e.g. `7212.01`.
    pub kbji_code: String,
    /// KBLI code of the employer's industry; defaults to a registered employer's.
    pub kbli_code: Option<String>,
    /// First working day; at most 90 days ahead.
    pub start_date: Option<NaiveDate>,
    /// `pkwt`, `pkwtt`, `harian`, `magang` or `paruh_waktu`.
    pub employment_type: String,
    /// With `wage_period`.
    pub wage_rupiah: Option<i64>,
    /// `bulanan`, `harian` or `per_jam`, with `wage_rupiah`.
    pub wage_period: Option<String>,
    /// `job_fair`, `blk_referral`, `direct` or `counter`.
    pub channel: String,
    /// What proves it, e.g. the employment letter's number; 3–1,000 characters.
    pub evidence: String,
}

/// Channels an officer may record (hires here and apprenticeship hires write their own placements).
const RECORDABLE_CHANNELS: [PlacementChannel; 4] = [
    PlacementChannel::JobFair,
    PlacementChannel::BlkReferral,
    PlacementChannel::Direct,
    PlacementChannel::Counter,
];

fn field_error(field: &str, code: &'static str, en: &str, id: &str) -> FieldError {
    FieldError::new(field, code, en, id)
}

/// Checks every field (with the reference tables) and answers the row to insert, or every problem at once.
async fn check_placement(
    connection: &mut AsyncPgConnection,
    form: PlacementRequest,
    recorded_by: Uuid,
) -> Result<PlacementRow, ApiError> {
    let mut errors = Vec::new();
    let today = today();
    if form.seeker_id.is_none() {
        errors.push(field_error(
            "seeker_id",
            "required",
            "seeker_id is required",
            "seeker_id wajib diisi",
        ));
    }
    if let Some(seeker_id) = form.seeker_id
        && !placement_db::seeker_exists(connection, seeker_id).await?
    {
        errors.push(field_error(
            "seeker_id",
            "seeker_unknown",
            "no registered job seeker has this id",
            "Tidak ada pencari kerja terdaftar dengan id ini",
        ));
    }
    let given_name = optional_text(form.employer_name.as_deref(), 200)
        .map_err(|error| errors.push(FieldError::from_error("employer_name", &error)))
        .ok()
        .flatten();
    let mut employer_name = None;
    let mut employer_kbli = None;
    match (form.employer_id, &given_name) {
        (Some(_), Some(_)) => errors.push(field_error(
            "employer_name",
            "employer_ambiguous",
            "give either employer_id (a registered employer) or employer_name, not both",
            "Isi employer_id (pemberi kerja terdaftar) atau employer_name, bukan keduanya",
        )),
        (None, None) => errors.push(field_error(
            "employer_id",
            "employer_required",
            "give employer_id (a registered employer) or employer_name",
            "Isi employer_id (pemberi kerja terdaftar) atau employer_name",
        )),
        (Some(employer_id), None) => {
            match placement_db::employer_name_and_industry(connection, employer_id).await? {
                Some((name, kbli)) => {
                    employer_name = Some(name);
                    employer_kbli = Some(kbli);
                }
                None => errors.push(field_error(
                    "employer_id",
                    "employer_unknown",
                    "no registered employer has this id",
                    "Tidak ada pemberi kerja terdaftar dengan id ini",
                )),
            }
        }
        (None, Some(name)) => {
            if name.chars().count() < 2 {
                errors.push(field_error(
                    "employer_name",
                    "text_too_short",
                    "employer_name must have at least 2 characters",
                    "employer_name minimal 2 karakter",
                ));
            }
            employer_name = Some(name.clone());
        }
    }
    let kbji_code = match KbjiCode::parse(form.kbji_code.trim()) {
        Ok(code) => {
            let code = code.as_str().to_string();
            if vacancy_db::existing_occupations(connection, std::slice::from_ref(&code))
                .await?
                .is_empty()
            {
                errors.push(FieldError::new(
                    "kbji_code",
                    "occupation_unknown",
                    format!("kbji code {code} is not in the occupation list"),
                    format!("Kode KBJI {code} tidak ada dalam daftar jabatan"),
                ));
            }
            Some(code)
        }
        Err(error) => {
            errors.push(FieldError::from_error("kbji_code", &error));
            None
        }
    };
    let kbli_code = match form.kbli_code.as_deref().map(str::trim) {
        None | Some("") => employer_kbli,
        Some(value) => match KbliCode::parse(value) {
            Ok(code) => {
                let code = code.as_str().to_string();
                if !placement_db::industry_exists(connection, &code).await? {
                    errors.push(FieldError::new(
                        "kbli_code",
                        "industry_unknown",
                        format!("kbli code {code} is not in the industry list"),
                        format!("Kode KBLI {code} tidak ada dalam daftar lapangan usaha"),
                    ));
                }
                Some(code)
            }
            Err(error) => {
                errors.push(FieldError::from_error("kbli_code", &error));
                None
            }
        },
    };
    match form.start_date {
        None => errors.push(field_error(
            "start_date",
            "required",
            "start_date is required: the first working day",
            "start_date wajib diisi: hari pertama bekerja",
        )),
        Some(start_date) => {
            if let Err(error) = check_start_date(start_date, today) {
                errors.push(FieldError::from_error("start_date", &error));
            }
        }
    }
    let employment_type = EmploymentType::parse(form.employment_type.trim())
        .map_err(|error| errors.push(FieldError::from_error("employment_type", &error)))
        .ok();
    let wage_period = match form.wage_period.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => WagePeriod::parse(value)
            .map_err(|error| errors.push(FieldError::from_error("wage_period", &error)))
            .ok(),
    };
    match (form.wage_rupiah, form.wage_period.as_deref().map(str::trim)) {
        (Some(wage), _) if wage < 0 => errors.push(field_error(
            "wage_rupiah",
            "wage_negative",
            "wage_rupiah must not be negative",
            "wage_rupiah tidak boleh negatif",
        )),
        (Some(_), None | Some("")) => errors.push(field_error(
            "wage_period",
            "wage_period_required",
            "a wage needs its period: bulanan, harian or per_jam",
            "Upah harus disertai periodenya: bulanan, harian atau per_jam",
        )),
        (None, Some(period)) if !period.is_empty() => errors.push(field_error(
            "wage_rupiah",
            "wage_required",
            "a wage period needs the wage",
            "Periode upah harus disertai besaran upahnya",
        )),
        _ => {}
    }
    let channel = match PlacementChannel::parse(form.channel.trim()) {
        Ok(channel) if RECORDABLE_CHANNELS.contains(&channel) => Some(channel),
        Ok(_) => {
            errors.push(field_error(
                "channel",
                "channel_not_recordable",
                "officers record placements through job_fair, blk_referral, direct or counter; hires here and apprenticeship hires record themselves",
                "Petugas mencatat penempatan melalui job_fair, blk_referral, direct atau counter; penerimaan melalui Jembatan dan pengangkatan peserta magang tercatat sendiri",
            ));
            None
        }
        Err(error) => {
            errors.push(FieldError::from_error("channel", &error));
            None
        }
    };
    let evidence = required_text(&form.evidence, 3, 1000)
        .map_err(|error| errors.push(FieldError::from_error("evidence", &error)))
        .ok();
    match (
        errors.is_empty(),
        form.seeker_id,
        employer_name,
        kbji_code,
        form.start_date,
        employment_type,
        channel,
        evidence,
    ) {
        (
            true,
            Some(seeker_id),
            Some(employer_name),
            Some(kbji_code),
            Some(start_date),
            Some(employment_type),
            Some(channel),
            Some(evidence),
        ) => {
            let now = Utc::now();
            Ok(PlacementRow {
                id: Uuid::now_v7(),
                seeker_id,
                vacancy_id: None,
                application_id: None,
                apprenticeship_id: None,
                employer_id: form.employer_id,
                employer_name,
                kbji_code,
                kbli_code,
                start_date,
                employment_type: employment_type.as_str().to_string(),
                wage_rupiah: form.wage_rupiah,
                wage_period: wage_period.map(|period| period.as_str().to_string()),
                channel: channel.as_str().to_string(),
                evidence: Some(evidence),
                recorded_by,
                report_month: ReportMonth::of(start_date).first_day(),
                version: 1,
                created_at: now,
                updated_at: now,
            })
        }
        _ => Err(ApiError::Validation(errors)),
    }
}

/// The three follow-ups of a placement starting on `start_date`.
pub(crate) fn followup_rows(start_date: NaiveDate) -> Vec<(i16, NaiveDate)> {
    followup_schedule(start_date)
        .iter()
        .map(|due| {
            (
                i16::try_from(due.milestone.months()).unwrap_or(i16::MAX),
                due.due_on,
            )
        })
        .collect()
}

/// Records a placement that happened outside Jembatan (officers): with evidence, a registered employer or just its
/// name. Writes its three follow-ups and marks the seeker `placed`, in one transaction. Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    request_body = PlacementRequest,
    responses(
        (status = 201, body = PlacementResponse, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/placements")]
#[tracing::instrument(skip_all)]
pub async fn record(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<PlacementRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let mut connection = state.pool.get().await?;
    let placement = check_placement(&mut connection, body.into_inner(), caller.user_id).await?;
    let followups = followup_rows(placement.start_date);
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            placement_db::insert_with_followups(connection, &placement, &followups).await?;
            mark_placed(
                connection,
                placement.seeker_id,
                Actor::from(caller.role),
                caller.user_id,
            )
            .await?;
            audit_log::record(
                connection,
                &[placement.seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "placement",
                    purpose: "placement_recorded",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    let id = placement.id;
    let row = placement_db::find(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound("placement"))?;
    let response = detail(&mut connection, row).await?;
    Ok(HttpResponse::Created()
        .insert_header(concurrency::etag(response.version))
        .insert_header((LOCATION, format!("/api/v1/placements/{id}")))
        .json(response))
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

/// Filters of the placement list; all optional and combined.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacementListQuery {
    /// Start date on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Start date on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// IPK report month, `YYYY-MM`.
    pub report_month: Option<String>,
    /// Kecamatan of the seeker's domicile: code (`64.71.03`) or spelling (`balikpapan_utara`).
    pub region_code: Option<String>,
    pub employer_id: Option<Uuid>,
}

impl PlacementListQuery {
    fn parse(&self) -> Result<PlacementFilter, ApiError> {
        let mut errors = Vec::new();
        let mut date = |field: &str, value: &Option<String>| match value.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => text
                .parse::<NaiveDate>()
                .map_err(|_| {
                    errors.push(FieldError::new(
                        field,
                        "date_format",
                        format!("{field} must be a date like 2026-03-31"),
                        format!("{field} harus berupa tanggal seperti 2026-03-31"),
                    ));
                })
                .ok(),
        };
        let from = date("from", &self.from);
        let to = date("to", &self.to);
        let report_month = match self.report_month.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => ReportMonth::parse(text)
                .map_err(|error| errors.push(FieldError::from_error("report_month", &error)))
                .ok()
                .map(|month| month.first_day()),
        };
        let region_code = match self.region_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match RegionCode::parse(text) {
                Ok(RegionCode::City) => None,
                Ok(code) => Some(code.as_str().to_string()),
                Err(error) => {
                    errors.push(FieldError::from_error("region_code", &error));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(PlacementFilter {
                from,
                to,
                report_month,
                region_code,
                employer_id: self.employer_id,
            })
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

fn bad_cursor() -> ApiError {
    ApiError::BadRequest(Bilingual::new(
        "cursor is not one this list returned; start again without it",
        "cursor tidak berasal dari daftar ini; mulai lagi tanpa cursor",
    ))
}

fn date_after(page: &PageQuery) -> Result<Option<(NaiveDate, Uuid)>, ApiError> {
    let Some(cursor) = page.cursor()? else {
        return Ok(None);
    };
    cursor
        .key
        .parse::<NaiveDate>()
        .map(|date| Some((date, cursor.id)))
        .map_err(|_| bad_cursor())
}

/// Placements, latest start first: every one for officers (with filters), the employer's own for employer staff,
/// the seeker's own for a seeker.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(PlacementListQuery, PageQuery),
    responses(
        (status = 200, body = Page<PlacementResponse>),
        (status = 403, description = "training-provider staff see no placements here", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[get("/placements")]
#[tracing::instrument(skip_all)]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    filters: web::Query<PlacementListQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = filters.parse()?;
    let limit = page.limit()?;
    let after = date_after(&page)?;
    let mut connection = state.pool.get().await?;
    let scope = scope_of(&mut connection, &caller).await?;
    let rows = placement_db::list(&mut connection, scope, &filter, after, limit + 1).await?;
    let items: Vec<PlacementResponse> = rows
        .into_iter()
        .map(|(row, full_name)| placement_response(row, full_name))
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.start_date.to_string(),
            id: item.id,
        })),
    )
}

/// One placement with its follow-ups (officers; the employer's staff; the seeker). 404 for anyone else.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PlacementResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/placements/{id}")]
#[tracing::instrument(skip_all, fields(placement_id = %path))]
pub async fn read(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut connection = state.pool.get().await?;
    let row = load_visible(&mut connection, &caller, path.into_inner()).await?;
    let response = detail(&mut connection, row).await?;
    Ok(HttpResponse::Ok()
        .insert_header(concurrency::etag(response.version))
        .json(response))
}

// ---------------------------------------------------------------------------------------------------------------
// Follow-ups
// ---------------------------------------------------------------------------------------------------------------

/// A follow-up on the officers' due list.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueFollowupResponse {
    pub placement_id: Uuid,
    /// 3, 6 or 12.
    pub offset_months: i16,
    pub due_on: NaiveDate,
    pub seeker: PlacedSeeker,
    pub employer_name: String,
    pub start_date: NaiveDate,
    /// Identifies the follow-up (pagination).
    pub id: Uuid,
}

/// Follow-ups due today or earlier and not yet recorded, oldest due first (officers). None are listed for a
/// placement whose earlier follow-up found the person had left.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<DueFollowupResponse>),
        (status = 403, description = "officers and admins only", body = crate::error::Problem),
    )
)]
#[get("/placements/followups/due")]
#[tracing::instrument(skip_all)]
pub async fn due_followups(
    caller: Caller,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let limit = page.limit()?;
    let after = date_after(&page)?;
    let mut connection = state.pool.get().await?;
    let rows = placement_db::list_due(&mut connection, today(), after, limit + 1).await?;
    let items: Vec<DueFollowupResponse> = rows
        .into_iter()
        .map(|row| DueFollowupResponse {
            placement_id: row.placement_id,
            offset_months: row.offset_months,
            due_on: row.due_on,
            seeker: PlacedSeeker {
                id: row.seeker_id,
                full_name: row.seeker_name,
            },
            employer_name: row.employer_name,
            start_date: row.start_date,
            id: row.id,
        })
        .collect();
    Ok(
        HttpResponse::Ok().json(Page::from_rows(items, limit, |item| Cursor {
            key: item.due_on.to_string(),
            id: item.id,
        })),
    )
}

/// The answer of one follow-up.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct FollowupRequest {
    /// `still_employed` or `left`.
    pub outcome: String,
    /// With `left`: the last day of work, between the start date and today.
    pub left_on: Option<NaiveDate>,
    /// Up to 1,000 characters.
    pub note: Option<String>,
}

fn followup_conflict(code: &'static str, en: &str, id: &str) -> ApiError {
    ApiError::conflict(code, en, id)
}

/// Records the outcome of the +3, +6 or +12 month follow-up of a placement (`{months}` = 3, 6 or 12), once: by an
/// officer, the placement's employer staff or the seeker. Refused with 409 `followup_already_recorded`,
/// `followup_not_due` (before its due date) or `placement_already_left` (an earlier follow-up found the person had
/// left).
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("months" = u32, Path, description = "3, 6 or 12")),
    request_body = FollowupRequest,
    responses(
        (status = 200, body = PlacementResponse, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/placements/{id}/followups/{months}")]
#[tracing::instrument(skip_all)]
pub async fn record_followup(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, u32)>,
    body: ApiJson<FollowupRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, months) = path.into_inner();
    let milestone =
        FollowupMilestone::from_months(months).ok_or(ApiError::NotFound("follow-up"))?;
    let form = body.into_inner();
    let mut connection = state.pool.get().await?;
    let placement = load_visible(&mut connection, &caller, id).await?;
    let today = today();
    let mut errors = Vec::new();
    let outcome = FollowupOutcome::parse(form.outcome.trim())
        .map_err(|error| errors.push(FieldError::from_error("outcome", &error)))
        .ok();
    match (outcome, form.left_on) {
        (Some(FollowupOutcome::Left), None) => errors.push(FieldError::new(
            "left_on",
            "left_on_required",
            "say when the person left (the last day of work)",
            "Sebutkan kapan yang bersangkutan berhenti (hari terakhir bekerja)",
        )),
        (Some(FollowupOutcome::Left), Some(left_on)) => {
            if let Err(error) = check_followup_date(placement.start_date, left_on, today) {
                errors.push(FieldError::from_error("left_on", &error));
            }
        }
        (Some(FollowupOutcome::StillEmployed), Some(_)) => errors.push(FieldError::new(
            "left_on",
            "left_on_not_applicable",
            "left_on goes only with the outcome left",
            "left_on hanya diisi untuk hasil Sudah berhenti",
        )),
        _ => {}
    }
    let note = optional_text(form.note.as_deref(), 1000)
        .map_err(|error| errors.push(FieldError::from_error("note", &error)))
        .ok()
        .flatten();
    let (true, Some(outcome)) = (errors.is_empty(), outcome) else {
        return Err(ApiError::Validation(errors));
    };
    let offset = i16::try_from(milestone.months()).unwrap_or(i16::MAX);
    let followups = placement_db::followups_of(&mut connection, &[id]).await?;
    let followup = followups
        .iter()
        .find(|followup| followup.offset_months == offset)
        .ok_or(ApiError::NotFound("follow-up"))?;
    if followup.outcome.is_some() {
        return Err(already_recorded());
    }
    if followups.iter().any(|earlier| {
        earlier.offset_months < offset
            && earlier.outcome.as_deref() == Some(FollowupOutcome::Left.as_str())
    }) {
        return Err(followup_conflict(
            "placement_already_left",
            "an earlier follow-up found the person had left; there is nothing more to follow",
            "Pemantauan sebelumnya mencatat yang bersangkutan sudah berhenti; tidak ada lagi yang perlu dipantau",
        ));
    }
    if followup.due_on > today {
        return Err(ApiError::conflict(
            "followup_not_due",
            format!("this follow-up is due on {}", followup.due_on),
            format!("Pemantauan ini baru jatuh tempo pada {}", followup.due_on),
        ));
    }
    let followup_id = followup.id;
    let recorded = placement_db::record_outcome(
        &mut connection,
        followup_id,
        &FollowupOutcomeRecord {
            outcome: outcome.as_str(),
            left_on: form.left_on,
            note: note.as_deref(),
            recorded_by: caller.user_id,
            recorded_at: Utc::now(),
        },
    )
    .await?;
    if !recorded {
        return Err(already_recorded());
    }
    let response = detail(&mut connection, placement).await?;
    Ok(HttpResponse::Ok()
        .insert_header(concurrency::etag(response.version))
        .json(response))
}

fn already_recorded() -> ApiError {
    followup_conflict(
        "followup_already_recorded",
        "this follow-up was already recorded",
        "Pemantauan ini sudah dicatat",
    )
}
