//! Vacancies recommended to a job seeker: `GET /api/v1/seekers/{id}/recommendations`, for the seeker themselves
//! and labour-office staff (404 for anyone else).
//!
//! The same semantics as candidate matching from the other side: open vacancies of verified employers in their
//! validity period that the seeker is eligible for (education, units wanted certified or trained, driving
//! licences; not already applied to), within the seeker's preferences (kecamatan, employment types, expected
//! wage as a monthly amount), ordered by required units missing (fewest first), then covered, their evidence,
//! optional units, experience in the occupation group, text relevance, newest publication and a stable tie-break.
//! Each vacancy carries the explanation and the nearest open cohort for each missing unit.

use actix_web::{HttpResponse, get, web};
use jembatan_domain::vocab::UserRole;
use jembatan_search::{MatchExplanation, RecommendationRequest, VacancyKey, VacancySummary};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::search_documents::{applied_vacancies_of, preferences_of, seeker_documents};
use crate::db::seekers as seeker_db;
use crate::error::ApiError;
use crate::pagination::PageQuery;
use crate::routes::matches::{ExplanationLookups, ExplanationResponse, next_cursor, ranked_page};
use crate::routes::vacancy_search::VacancyCard;
use crate::startup::AppState;
use crate::vacancy_expiry::balikpapan_today;

/// The ranking key of a recommended vacancy, in order of precedence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VacancyKeyResponse {
    /// Required units of the vacancy the seeker does not cover.
    pub required_missing: u32,
    pub required_covered: u32,
    /// Evidence points over the covered required units: declared 0, trained 1, certified 2 each.
    pub required_evidence_points: u32,
    pub optional_covered: u32,
    pub optional_evidence_points: u32,
    /// The seeker's months of work in the vacancy's occupation group.
    pub experience_months: u32,
    /// Vacancy words found in the seeker's profile (title words count twice).
    pub text_relevance: u32,
}

impl From<&VacancyKey> for VacancyKeyResponse {
    fn from(key: &VacancyKey) -> Self {
        VacancyKeyResponse {
            required_missing: key.required_missing,
            required_covered: key.required_covered,
            required_evidence_points: key.required_evidence_points,
            optional_covered: key.optional_covered,
            optional_evidence_points: key.optional_evidence_points,
            experience_months: key.experience_months,
            text_relevance: key.text_relevance,
        }
    }
}

/// One recommended vacancy.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecommendedVacancy {
    /// Position, from 1.
    pub rank: usize,
    pub vacancy: VacancyCard,
    pub key: VacancyKeyResponse,
    pub explanation: ExplanationResponse,
}

/// A page of recommendations.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecommendationsPage {
    pub items: Vec<RecommendedVacancy>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Vacancies recommended to a seeker, explained. The seeker themselves and labour-office staff only.
#[utoipa::path(
    tag = "matching",
    params(("id" = Uuid, Path), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RecommendationsPage),
        (status = 401, body = crate::error::Problem),
        (status = 404, description = "no such seeker, or not the caller", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
        (status = 503, description = "the search index is being built", body = crate::error::Problem),
    )
)]
#[get("/seekers/{id}/recommendations")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn vacancies_for_seeker(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (offset, limit) = ranked_page(&page)?;
    let seeker_id = path.into_inner();
    let mut connection = state.pool.get().await?;
    let allowed = if caller.is_labour_office() {
        true
    } else if caller.role == UserRole::Seeker {
        seeker_db::find_by_user(&mut connection, caller.user_id)
            .await?
            .is_some_and(|own| own.id == seeker_id)
    } else {
        false
    };
    if !allowed {
        return Err(ApiError::NotFound("seeker"));
    }
    // One round trip for the profile, the preferences and the applications.
    let (mut seekers, preferences, applied) = tokio::try_join!(
        async {
            seeker_documents(&connection, &[seeker_id])
                .await
                .map_err(ApiError::from)
        },
        async {
            preferences_of(&connection, seeker_id)
                .await
                .map_err(ApiError::from)
        },
        async {
            applied_vacancies_of(&connection, seeker_id)
                .await
                .map_err(ApiError::from)
        },
    )?;
    let (seeker, preferences) = seekers
        .remove(&seeker_id)
        .zip(preferences)
        .ok_or(ApiError::NotFound("seeker"))?;
    let exclude: Vec<_> = applied.into_iter().map(Into::into).collect();
    let today = balikpapan_today();
    let ranked = state
        .search
        .query(move |index| {
            index.recommend_vacancies(&RecommendationRequest {
                seeker: &seeker,
                preferences: &preferences,
                day: today,
                exclude: &exclude,
                offset,
                limit,
            })
        })
        .await?;
    let explanations: Vec<&MatchExplanation> = ranked
        .vacancies
        .iter()
        .map(|vacancy| &vacancy.explanation)
        .collect();
    let lookups = ExplanationLookups::load(&mut connection, &explanations).await?;
    let items: Vec<RecommendedVacancy> = ranked
        .vacancies
        .iter()
        .enumerate()
        .filter_map(|(position, vacancy)| {
            let summary: &VacancySummary = vacancy.summary.as_ref()?;
            Some(RecommendedVacancy {
                rank: offset + position + 1,
                vacancy: VacancyCard::from(summary),
                key: VacancyKeyResponse::from(&vacancy.key),
                explanation: lookups.explain(&vacancy.explanation, vacancy.key.experience_months),
            })
        })
        .collect();
    let next_cursor = next_cursor(ranked.has_more, offset, &items, |item| item.vacancy.id);
    Ok(HttpResponse::Ok().json(RecommendationsPage { items, next_cursor }))
}
