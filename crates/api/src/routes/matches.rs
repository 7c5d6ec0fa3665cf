//! Ranked, explained candidates for a vacancy: `GET /api/v1/vacancies/{id}/matches`, for the vacancy's employer
//! staff and labour-office staff (404 for anyone else, so ids cannot be probed).
//!
//! The order (see `docs/architecture.md`): eligibility is a filter (active card or placed and open to work,
//! consent to be shown to employers, the vacancy's minimum education, units it wants certified or trained, its
//! driving licences; seekers who already applied are in the pipeline instead); then required units covered, their
//! evidence (certificate > training > declaration; an expired certificate counts as training), optional units,
//! months of experience in the occupation group, text relevance, recent activity, and a stable tie-break. Sex, age,
//! religion, marital status and disability are not in the index. Each candidate carries its explanation, computed
//! from the unit sets, with the nearest open cohort for each missing unit; labels in Indonesian and English.
//!
//! Candidates are seeker ids with their competency evidence: the profile itself is read (and audited) at
//! `GET /api/v1/seekers/{id}`.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use jembatan_domain::vocab::{EvidenceLevel, UnitRequirement, UserRole};
use jembatan_search::{CandidateKey, CandidateRequest, MatchExplanation, UnitGap, UnitMatch};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::PooledConnection;
use crate::db::search_documents::{
    CohortAdvice, ExplanationUnit, applicants_of, explanation_units, vacancy_documents,
    vacancy_explanation_units,
};
use crate::error::{ApiError, Bilingual};
use crate::pagination::{Cursor, PageQuery};
use crate::startup::AppState;
use crate::vacancy_expiry::balikpapan_today;

/// Deepest position a ranked list may be paged to.
pub const MAX_RANKED_OFFSET: usize = 1_000;

/// An evidence level with its labels.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceLabel {
    /// `declared`, `trained` or `certified`.
    #[schema(value_type = String)]
    pub level: EvidenceLevel,
    pub label_id: &'static str,
    pub label_en: &'static str,
}

impl EvidenceLabel {
    pub fn of(level: EvidenceLevel) -> Self {
        EvidenceLabel {
            level,
            label_id: level.label_id(),
            label_en: level.label_en(),
        }
    }
}

/// A training cohort that teaches a missing unit and is open for registration.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CohortSuggestion {
    pub cohort_id: Uuid,
    pub cohort_name: String,
    pub programme_id: Uuid,
    pub programme_name: String,
    pub provider_name: String,
    pub starts_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
}

impl From<&CohortAdvice> for CohortSuggestion {
    fn from(advice: &CohortAdvice) -> Self {
        CohortSuggestion {
            cohort_id: advice.cohort_id,
            cohort_name: advice.cohort_name.clone(),
            programme_id: advice.programme_id,
            programme_name: advice.programme_name.clone(),
            provider_name: advice.provider_name.clone(),
            starts_on: advice.starts_on,
            registration_closes_on: advice.registration_closes_on,
        }
    }
}

/// A competency unit in an explanation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExplainedUnit {
    /// SKKNI code.
    pub unit_code: String,
    /// Title in Bahasa Indonesia.
    pub title_id: Option<String>,
    /// Title in English, when the unit has one.
    pub title_en: Option<String>,
    /// Matched units: the evidence that counts. Missing units: evidence held but below the minimum, if any.
    pub evidence: Option<EvidenceLabel>,
    /// The vacancy's minimum evidence for the unit, if it set one.
    pub minimum: Option<EvidenceLabel>,
    /// Missing units: the nearest upcoming cohort with open registration that teaches it (gap advice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_cohort: Option<CohortSuggestion>,
}

/// Why a match ranks where it does, from the two unit sets.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExplanationResponse {
    /// One sentence in Bahasa Indonesia.
    pub summary_id: String,
    /// The same in English.
    pub summary_en: String,
    pub required_matched: Vec<ExplainedUnit>,
    pub required_missing: Vec<ExplainedUnit>,
    pub optional_matched: Vec<ExplainedUnit>,
    pub optional_missing: Vec<ExplainedUnit>,
}

/// The ranking key of a candidate, in order of precedence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateKeyResponse {
    pub required_covered: u32,
    pub required_total: u32,
    /// Evidence points over the covered required units: declared 0, trained 1, certified 2 each.
    pub required_evidence_points: u32,
    pub optional_covered: u32,
    pub optional_total: u32,
    pub optional_evidence_points: u32,
    /// Months of work in the vacancy's occupation group (ISCO unit group).
    pub experience_months: u32,
    /// Vacancy words found in the profile (title words count twice).
    pub text_relevance: u32,
    pub last_active_on: Option<NaiveDate>,
}

/// One candidate.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateMatch {
    /// Position in the ranking, from 1.
    pub rank: usize,
    /// The seeker; the profile is at `GET /api/v1/seekers/{id}` (consent given, reads audited).
    pub seeker_id: Uuid,
    pub key: CandidateKeyResponse,
    pub explanation: ExplanationResponse,
}

/// A page of candidates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchesPage {
    pub items: Vec<CandidateMatch>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Ranked, explained candidates for a vacancy (in any status: an employer may tune a draft). The vacancy's
/// employer staff and labour-office staff only.
#[utoipa::path(
    tag = "matching",
    params(("id" = Uuid, Path), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = MatchesPage),
        (status = 401, body = crate::error::Problem),
        (status = 404, description = "no such vacancy, or not the caller's", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
        (status = 503, description = "the search index is being built", body = crate::error::Problem),
    )
)]
#[get("/vacancies/{id}/matches")]
#[tracing::instrument(skip_all, fields(vacancy_id = %path))]
pub async fn candidates_for_vacancy(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (offset, limit) = ranked_page(&page)?;
    let vacancy_id = path.into_inner();
    let connection = state.pool.get().await?;
    // Everything the answer needs from the database, in one round trip (the statements are pipelined): the
    // vacancy, its applicants, and the titles and cohort advice of its units (an explanation names no others). All
    // of it is read before the caller is known to manage the vacancy, and dropped unread if not.
    let (mut documents, applicants, units_explained) = tokio::try_join!(
        async {
            vacancy_documents(&connection, &[vacancy_id])
                .await
                .map_err(ApiError::from)
        },
        async {
            applicants_of(&connection, vacancy_id)
                .await
                .map_err(ApiError::from)
        },
        async {
            vacancy_explanation_units(&connection, vacancy_id, balikpapan_today())
                .await
                .map_err(ApiError::from)
        },
    )?;
    drop(connection);
    let document = documents
        .remove(&vacancy_id)
        .ok_or(ApiError::NotFound("vacancy"))?;
    let manages = caller.is_labour_office()
        || (caller.role == UserRole::Employer
            && caller.employer_id == Some(document.employer_id.into_inner()));
    if !manages {
        return Err(ApiError::NotFound("vacancy"));
    }
    let exclude: Vec<_> = applicants.into_iter().map(Into::into).collect();
    let units = document.units.clone();
    let ranked = state
        .search
        .query(move |index| {
            index.rank_candidates(&CandidateRequest {
                vacancy: &document,
                exclude: &exclude,
                offset,
                limit,
            })
        })
        .await?;
    let required_total = units
        .iter()
        .filter(|unit| unit.requirement == UnitRequirement::Required)
        .count() as u32;
    let optional_total = units.len() as u32 - required_total;
    let lookups = ExplanationLookups {
        units: units_explained,
    };
    let items: Vec<CandidateMatch> = ranked
        .candidates
        .iter()
        .enumerate()
        .map(|(position, candidate)| CandidateMatch {
            rank: offset + position + 1,
            seeker_id: candidate.seeker_id.into_inner(),
            key: key_response(&candidate.key, required_total, optional_total),
            explanation: lookups.explain(&candidate.explanation, candidate.key.experience_months),
        })
        .collect();
    let next_cursor = next_cursor(ranked.has_more, offset, &items, |item| item.seeker_id);
    Ok(HttpResponse::Ok().json(MatchesPage { items, next_cursor }))
}

fn key_response(
    key: &CandidateKey,
    required_total: u32,
    optional_total: u32,
) -> CandidateKeyResponse {
    CandidateKeyResponse {
        required_covered: key.required_covered,
        required_total,
        required_evidence_points: key.required_evidence_points,
        optional_covered: key.optional_covered,
        optional_total,
        optional_evidence_points: key.optional_evidence_points,
        experience_months: key.experience_months,
        text_relevance: key.text_relevance,
        last_active_on: key.last_active_on,
    }
}

/// The offset and limit of a ranked page: `limit` as everywhere, the cursor carries the offset.
pub fn ranked_page(page: &PageQuery) -> Result<(usize, usize), ApiError> {
    let limit = usize::try_from(page.limit()?).unwrap_or(20);
    let offset = match page.cursor()? {
        None => 0,
        Some(cursor) => cursor.key.parse::<usize>().map_err(|_| {
            ApiError::BadRequest(Bilingual::new(
                "cursor is not one this API returned; start again without it",
                "cursor tidak dikenal; mulai lagi tanpa cursor",
            ))
        })?,
    };
    if offset > MAX_RANKED_OFFSET {
        return Err(ApiError::invalid_field(
            "cursor",
            "ranked_list_too_deep",
            format!("ranked lists can be paged to position {MAX_RANKED_OFFSET} at most"),
            format!("daftar peringkat hanya dapat dibuka sampai posisi {MAX_RANKED_OFFSET}"),
        ));
    }
    Ok((offset, limit))
}

/// The cursor of the page after this one.
pub fn next_cursor<T>(
    has_more: bool,
    offset: usize,
    items: &[T],
    id_of: impl Fn(&T) -> Uuid,
) -> Option<String> {
    let last = items.last()?;
    has_more.then(|| {
        Cursor {
            key: (offset + items.len()).to_string(),
            id: id_of(last),
        }
        .encode()
    })
}

/// Unit titles and gap advice for a page of explanations: of the vacancy's units for its matches, or read in one
/// query for a page of recommendations ([`ExplanationLookups::load`]).
pub struct ExplanationLookups {
    units: HashMap<String, ExplanationUnit>,
}

impl ExplanationLookups {
    pub async fn load(
        connection: &mut PooledConnection,
        explanations: &[&MatchExplanation],
    ) -> Result<Self, ApiError> {
        let mut codes: Vec<String> = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        for explanation in explanations {
            for matched in explanation
                .required_matched
                .iter()
                .chain(&explanation.optional_matched)
            {
                codes.push(matched.unit.as_str().to_string());
            }
            for gap in explanation
                .required_missing
                .iter()
                .chain(&explanation.optional_missing)
            {
                codes.push(gap.unit.as_str().to_string());
                missing.push(gap.unit.as_str().to_string());
            }
        }
        codes.sort();
        codes.dedup();
        missing.sort();
        missing.dedup();
        Ok(ExplanationLookups {
            units: explanation_units(connection, &codes, &missing, balikpapan_today()).await?,
        })
    }

    /// The explanation with titles, labels, gap advice and a one-sentence summary in both languages.
    pub fn explain(
        &self,
        explanation: &MatchExplanation,
        experience_months: u32,
    ) -> ExplanationResponse {
        let matched = |unit: &UnitMatch| {
            let found = self.units.get(unit.unit.as_str());
            ExplainedUnit {
                unit_code: unit.unit.as_str().to_string(),
                title_id: found.map(|found| found.title_id.clone()),
                title_en: found.and_then(|found| found.title_en.clone()),
                evidence: Some(EvidenceLabel::of(unit.evidence)),
                minimum: None,
                nearest_cohort: None,
            }
        };
        let missing = |gap: &UnitGap| {
            let found = self.units.get(gap.unit.as_str());
            ExplainedUnit {
                unit_code: gap.unit.as_str().to_string(),
                title_id: found.map(|found| found.title_id.clone()),
                title_en: found.and_then(|found| found.title_en.clone()),
                evidence: gap.held_below_minimum.map(EvidenceLabel::of),
                minimum: gap.minimum.map(EvidenceLabel::of),
                nearest_cohort: found
                    .and_then(|found| found.nearest_cohort.as_ref())
                    .map(CohortSuggestion::from),
            }
        };
        let (summary_id, summary_en) = summary(explanation, experience_months);
        ExplanationResponse {
            summary_id,
            summary_en,
            required_matched: explanation.required_matched.iter().map(matched).collect(),
            required_missing: explanation.required_missing.iter().map(missing).collect(),
            optional_matched: explanation.optional_matched.iter().map(matched).collect(),
            optional_missing: explanation.optional_missing.iter().map(missing).collect(),
        }
    }
}

/// "Memenuhi 2 dari 3 unit wajib (1 bersertifikat), 1 dari 2 unit diutamakan; 24 bulan pengalaman ..." and its
/// English twin.
pub fn summary(explanation: &MatchExplanation, experience_months: u32) -> (String, String) {
    let required_covered = explanation.required_matched.len();
    let required_total = required_covered + explanation.required_missing.len();
    let optional_covered = explanation.optional_matched.len();
    let optional_total = optional_covered + explanation.optional_missing.len();
    let certified = explanation
        .required_matched
        .iter()
        .filter(|unit| unit.evidence == EvidenceLevel::Certified)
        .count();
    let (mut indonesian, mut english) = if required_total == 0 {
        (
            "Tidak ada unit kompetensi wajib".to_string(),
            "No required competency units".to_string(),
        )
    } else {
        let (certified_id, certified_en) = if certified > 0 {
            (
                format!(" ({certified} bersertifikat)"),
                format!(" ({certified} certified)"),
            )
        } else {
            (String::new(), String::new())
        };
        (
            format!("Memenuhi {required_covered} dari {required_total} unit wajib{certified_id}"),
            format!("Covers {required_covered} of {required_total} required units{certified_en}"),
        )
    };
    if optional_total > 0 {
        indonesian.push_str(&format!(
            ", {optional_covered} dari {optional_total} unit diutamakan"
        ));
        english.push_str(&format!(
            ", {optional_covered} of {optional_total} optional units"
        ));
    }
    if experience_months > 0 {
        indonesian.push_str(&format!(
            "; {experience_months} bulan pengalaman di kelompok jabatan ini"
        ));
        english.push_str(&format!(
            "; {experience_months} months of experience in this occupation group"
        ));
    }
    (indonesian, english)
}
