//! Search synonym groups (`las`, `pengelasan`, `welding`, `welder`, `juru las`): anyone may read them; officers
//! and administrators replace and delete them. Vacancy search applies them at query time, so an edit takes effect
//! within the indexer's next cycle (half a second by default) in every process, without reindexing.

use actix_web::{HttpResponse, delete, get, put, web};
use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use jembatan_domain::FieldError;
use jembatan_domain::synonym::{SynonymGroupDraft, SynonymTerm};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::db::search_synonyms::{self, SynonymGroupRow};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::pagination::Page;
use crate::routes::taxonomy::{self, LABOUR_OFFICE, MAX_QUERY_CHARS};
use crate::startup::AppState;

/// A synonym group: a search for any of its terms also finds the others.
#[derive(Debug, Serialize, ToSchema)]
pub struct SynonymGroupResponse {
    /// The head term naming the group (and its URL).
    #[schema(example = "las")]
    pub canonical: String,
    /// Every member, the canonical term first, then the others alphabetically.
    #[schema(example = json!(["las", "juru las", "pengelasan", "welder", "welding"]))]
    pub terms: Vec<String>,
    /// When the group was last written.
    pub updated_at: DateTime<Utc>,
}

impl From<SynonymGroupRow> for SynonymGroupResponse {
    fn from(row: SynonymGroupRow) -> Self {
        Self {
            canonical: row.canonical,
            terms: row.terms,
            updated_at: row.updated_at,
        }
    }
}

/// Filter of the synonym list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SynonymQuery {
    /// Only groups having a term that starts with this text (any case, e.g. `weld`). Absent or blank lists all.
    pub q: Option<String>,
}

/// Every synonym group, by canonical term; with `q`, those having a term that starts with it. The list is short
/// (one group per trade), so it is one page without a cursor. No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(SynonymQuery),
    responses(
        (status = 200, body = Page<SynonymGroupResponse>),
        (status = 422, description = "q too long", body = crate::error::Problem),
    )
)]
#[get("/search/synonyms")]
#[tracing::instrument(skip_all)]
pub async fn list_synonym_groups(
    state: web::Data<AppState>,
    query: web::Query<SynonymQuery>,
) -> Result<HttpResponse, ApiError> {
    let prefix = query
        .q
        .as_deref()
        .map(SynonymTerm::normalise)
        .filter(|prefix| !prefix.is_empty());
    if let Some(prefix) = &prefix {
        let length = prefix.chars().count();
        if length > MAX_QUERY_CHARS {
            return Err(ApiError::invalid_field(
                "q",
                "query_too_long",
                format!("q must have at most {MAX_QUERY_CHARS} characters, got {length}"),
                format!("q paling banyak {MAX_QUERY_CHARS} karakter, diterima {length}"),
            ));
        }
    }
    let mut connection = state.pool.get().await?;
    let rows = search_synonyms::list(&mut connection, prefix.as_deref()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows
            .into_iter()
            .map(SynonymGroupResponse::from)
            .collect::<Vec<_>>(),
        next_cursor: None,
    }))
}

/// One synonym group by its canonical term (written normalised: lowercase, single spaces, e.g. `alat berat`).
/// No log-in needed.
#[utoipa::path(
    tag = "taxonomy",
    params(("canonical" = String, Path, description = "canonical term of the group, e.g. las")),
    responses(
        (status = 200, body = SynonymGroupResponse),
        (status = 404, body = crate::error::Problem),
    )
)]
#[get("/search/synonyms/{canonical}")]
#[tracing::instrument(skip_all)]
pub async fn get_synonym_group(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let canonical = canonical_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let row = search_synonyms::find(&mut connection, canonical.as_str())
        .await?
        .ok_or(ApiError::NotFound("synonym group"))?;
    Ok(HttpResponse::Ok().json(SynonymGroupResponse::from(row)))
}

/// The members of a synonym group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroupChanges {
    /// The complete list of members, 1 to 50 terms of at most 64 characters; each is trimmed, lowercased and its
    /// inner whitespace collapsed. The canonical term is always a member, listed or not. A term may belong to one
    /// group only.
    #[schema(example = json!(["pengelasan", "welding", "welder", "juru las"]))]
    pub terms: Vec<String>,
}

/// Creates or replaces the synonym group of `canonical` with exactly the listed terms. Officers and administrators
/// only.
///
/// All or nothing: every rule is checked first (422 naming `canonical`, `terms` or `terms[N]`, with the code
/// `synonym_term_in_other_group` and the other group's canonical term when a term already belongs to another
/// group), and the group is written in one transaction. There is no `If-Match`: the last edit wins.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("canonical" = String, Path, description = "canonical term of the group, written normalised, e.g. las")),
    request_body = SynonymGroupChanges,
    responses(
        (status = 200, description = "the group was replaced", body = SynonymGroupResponse),
        (status = 201, description = "the group was created", body = SynonymGroupResponse, headers(("location" = String, description = "URL of the new group"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 422, description = "a bad term, or a term of another group; nothing was written", body = crate::error::Problem),
    )
)]
#[put("/search/synonyms/{canonical}")]
#[tracing::instrument(skip_all)]
pub async fn put_synonym_group(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ApiJson<SynonymGroupChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let draft = SynonymGroupDraft {
        canonical: path.into_inner(),
        terms: body.into_inner().terms,
    };
    let group = draft.validate().map_err(ApiError::Validation)?;
    let mut connection = state.pool.get().await?;
    let (created, row) = connection
        .transaction::<_, ApiError, _>(async |connection| {
            search_synonyms::lock_for_edit(connection).await?;
            let members: Vec<&str> = group.members().map(SynonymTerm::as_str).collect();
            let taken = search_synonyms::terms_in_other_groups(
                connection,
                group.canonical().as_str(),
                &members,
            )
            .await?;
            if !taken.is_empty() {
                return Err(ApiError::Validation(
                    taken
                        .iter()
                        .map(|(term, other)| term_in_other_group(group.field_of(term), term, other))
                        .collect(),
                ));
            }
            let created = search_synonyms::replace_group(connection, &group).await?;
            let row = search_synonyms::find(connection, group.canonical().as_str())
                .await?
                .ok_or(ApiError::NotFound("synonym group"))?;
            Ok((created, row))
        })
        .await?;
    tracing::info!(
        created,
        terms = row.terms.len(),
        "search synonym group written"
    );
    let response = SynonymGroupResponse::from(row);
    if created {
        let location = format!(
            "/api/v1/search/synonyms/{}",
            urlencoding_path(&response.canonical)
        );
        Ok(taxonomy::created(location).json(response))
    } else {
        Ok(HttpResponse::Ok().json(response))
    }
}

/// Deletes the synonym group of `canonical` with every member. Officers and administrators only.
#[utoipa::path(
    tag = "taxonomy",
    security(("bearer" = [])),
    params(("canonical" = String, Path, description = "canonical term of the group, e.g. las")),
    responses(
        (status = 204, description = "the group was deleted"),
        (status = 401, body = crate::error::Problem),
        (status = 403, description = "not an officer or administrator", body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
    )
)]
#[delete("/search/synonyms/{canonical}")]
#[tracing::instrument(skip_all)]
pub async fn delete_synonym_group(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(LABOUR_OFFICE)?;
    let canonical = canonical_from_path(&path)?;
    let mut connection = state.pool.get().await?;
    let deleted = connection
        .transaction::<_, ApiError, _>(async |connection| {
            search_synonyms::lock_for_edit(connection).await?;
            Ok(search_synonyms::delete_group(connection, canonical.as_str()).await?)
        })
        .await?;
    if deleted == 0 {
        return Err(ApiError::NotFound("synonym group"));
    }
    tracing::info!(terms = deleted, "search synonym group deleted");
    Ok(HttpResponse::NoContent().finish())
}

/// The canonical term in a URL; one that is not written normalised names no group, so it is a 404 like an
/// unknown one.
fn canonical_from_path(path: &str) -> Result<SynonymTerm, ApiError> {
    SynonymTerm::parse_normalised(path).map_err(|_| ApiError::NotFound("synonym group"))
}

fn term_in_other_group(field: String, term: &str, other_canonical: &str) -> FieldError {
    FieldError::new(
        field,
        "synonym_term_in_other_group",
        format!(
            "{term} already belongs to the synonym group {other_canonical}; remove it there first"
        ),
        format!(
            "{term} sudah termasuk kelompok sinonim {other_canonical}; hapus dulu dari kelompok itu"
        ),
    )
}

/// `term` as a URL path segment: spaces (the only whitespace a normalised term has) and the characters that
/// would end or split a segment are percent-encoded.
fn urlencoding_path(term: &str) -> String {
    let mut encoded = String::with_capacity(term.len());
    for character in term.chars() {
        match character {
            ' ' => encoded.push_str("%20"),
            '/' => encoded.push_str("%2F"),
            '?' => encoded.push_str("%3F"),
            '#' => encoded.push_str("%23"),
            '%' => encoded.push_str("%25"),
            other => encoded.push(other),
        }
    }
    encoded
}
