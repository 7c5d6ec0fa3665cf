//! Jembatan search: competency matching and vacancy search on a tantivy index. This is the only crate that names
//! tantivy; its public API speaks domain types and plain structs.
//!
//! - [`SearchIndex`]: the index on disk ([`SearchIndex::open_in_dir`]) or in RAM, with its writer thread and the
//!   commit payload ([`CommitState`]: schema version, outbox watermark, day).
//! - [`SearchIndex::rank_candidates`]: job seekers for a vacancy; [`SearchIndex::recommend_vacancies`]: vacancies
//!   for a seeker; both exact, explained ([`MatchExplanation`]) and deterministic (see [`ranking`]).
//! - [`SearchIndex::search_vacancies`]: free text with the Indonesian analyzer ([`text`], [`stem`]), synonyms
//!   ([`SynonymTable`]), typo tolerance, filters, facets and highlighting.
//! - [`brute_force`]: the same semantics as plain loops, to check the index against.
//!
//! The index is derived from PostgreSQL and can always be rebuilt: the API crate fills [`SeekerDocument`] and
//! [`VacancyDocument`] from the database and sends [`Change`]s. Searches are CPU work: call them off an async
//! executor.

pub mod brute_force;
mod candidates;
mod documents;
mod error;
mod highlight;
mod index;
mod query;
pub mod ranking;
mod recommendations;
mod schema;
pub mod stem;
pub mod synonyms;
pub mod text;
mod vacancy_search;

pub use candidates::{CandidatePage, CandidateRequest, RankedCandidate};
pub use documents::{
    ExperienceSpan, MAX_PROFILE_TERMS, MAX_VACANCY_TERMS, SeekerDocument, SeekerPreferences,
    VacancyDocument, holds_licences, monthly_equivalent, occupation_group, whole_months,
};
pub use error::SearchError;
pub use index::{Change, CommitState, IndexCounts, OpenOutcome, RebuildReason, SearchIndex};
pub use ranking::{CandidateKey, MatchExplanation, UnitGap, UnitMatch, VacancyKey};
pub use recommendations::{RankedVacancy, RecommendationPage, RecommendationRequest};
pub use schema::SCHEMA_VERSION;
pub use synonyms::SynonymTable;
pub use vacancy_search::{
    FacetCount, VacancyFacets, VacancyFilters, VacancyHit, VacancySearchRequest,
    VacancySearchResults, VacancySummary,
};

#[cfg(test)]
mod tests;
