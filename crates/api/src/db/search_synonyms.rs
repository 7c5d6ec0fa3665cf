//! Queries on `search_synonyms`: the synonym groups officers edit. A group is every row pointing to the same
//! canonical (head) term; the head row points to itself. The search indexer reads the table on its own
//! (`search_documents::synonym_rows`) and reloads it when its fingerprint changes.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Nullable, Text, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use jembatan_domain::synonym::SynonymGroup;

use crate::db::schema::search_synonyms;

/// One group as stored.
#[derive(Debug, Clone, QueryableByName)]
pub struct SynonymGroupRow {
    #[diesel(sql_type = Text)]
    pub canonical: String,
    /// Every member, the canonical term first, then the others alphabetically.
    #[diesel(sql_type = Array<Text>)]
    pub terms: Vec<String>,
    /// When a member of the group was last written.
    #[diesel(sql_type = Timestamptz)]
    pub updated_at: DateTime<Utc>,
}

/// Every group, by canonical term, with their members, of the canonical terms in `canonicals` when given, and
/// having a member that starts with `term_prefix` when given.
const GROUPS_SQL: &str = "SELECT canonical, \
            array_agg(term ORDER BY term <> canonical, term) AS terms, \
            max(updated_at) AS updated_at \
       FROM search_synonyms \
      WHERE $1::text IS NULL OR canonical = $1 \
      GROUP BY canonical \
     HAVING $2::text IS NULL OR bool_or(starts_with(term, $2)) \
      ORDER BY canonical";

/// Every group, by canonical term; only those with a member starting with `term_prefix` when given.
pub async fn list(
    connection: &mut AsyncPgConnection,
    term_prefix: Option<&str>,
) -> QueryResult<Vec<SynonymGroupRow>> {
    diesel::sql_query(GROUPS_SQL)
        .bind::<Nullable<Text>, _>(None::<&str>)
        .bind::<Nullable<Text>, _>(term_prefix)
        .load(connection)
        .await
}

/// The group whose canonical term is `canonical`, if any.
pub async fn find(
    connection: &mut AsyncPgConnection,
    canonical: &str,
) -> QueryResult<Option<SynonymGroupRow>> {
    diesel::sql_query(GROUPS_SQL)
        .bind::<Nullable<Text>, _>(Some(canonical))
        .bind::<Nullable<Text>, _>(None::<&str>)
        .get_result(connection)
        .await
        .optional()
}

/// Takes the table's edit lock until the transaction ends: synonym edits run one at a time (they are rare), so
/// the check that a term belongs to no other group stays true until the edit commits. Reads are not blocked.
pub async fn lock_for_edit(connection: &mut AsyncPgConnection) -> QueryResult<()> {
    diesel::sql_query("LOCK TABLE search_synonyms IN SHARE ROW EXCLUSIVE MODE")
        .execute(connection)
        .await?;
    Ok(())
}

/// `(term, canonical)` of the rows among `terms` that belong to a group other than `canonical`'s.
pub async fn terms_in_other_groups(
    connection: &mut AsyncPgConnection,
    canonical: &str,
    terms: &[&str],
) -> QueryResult<Vec<(String, String)>> {
    search_synonyms::table
        .filter(search_synonyms::term.eq_any(terms))
        .filter(search_synonyms::canonical.ne(canonical))
        .select((search_synonyms::term, search_synonyms::canonical))
        .order(search_synonyms::term)
        .load(connection)
        .await
}

/// Makes the stored group of `group.canonical()` exactly `group`: drops members no longer listed, adds the new
/// ones, and marks every member updated now (kept members keep their `created_at`). Answers whether the group is
/// new. Run it in a transaction after [`lock_for_edit`] and after checking no member belongs to another group.
pub async fn replace_group(
    connection: &mut AsyncPgConnection,
    group: &SynonymGroup,
) -> QueryResult<bool> {
    let canonical = group.canonical().as_str();
    let members: Vec<&str> = group.members().map(|term| term.as_str()).collect();
    let existed = diesel::select(diesel::dsl::exists(
        search_synonyms::table
            .filter(search_synonyms::term.eq(canonical))
            .filter(search_synonyms::canonical.eq(canonical)),
    ))
    .get_result::<bool>(connection)
    .await?;
    diesel::delete(
        search_synonyms::table
            .filter(search_synonyms::canonical.eq(canonical))
            .filter(search_synonyms::term.ne_all(&members)),
    )
    .execute(connection)
    .await?;
    let now = Utc::now();
    // The head first: the other rows refer to it.
    let (head, others) = members.split_at(1);
    for batch in [head, others] {
        let rows: Vec<_> = batch
            .iter()
            .map(|term| {
                (
                    search_synonyms::term.eq(*term),
                    search_synonyms::canonical.eq(canonical),
                    search_synonyms::created_at.eq(now),
                    search_synonyms::updated_at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(search_synonyms::table)
            .values(rows)
            .on_conflict(search_synonyms::term)
            .do_update()
            .set(search_synonyms::updated_at.eq(now))
            .execute(connection)
            .await?;
    }
    Ok(!existed)
}

/// Deletes the group of `canonical` (its head and every member); answers how many terms were removed.
pub async fn delete_group(
    connection: &mut AsyncPgConnection,
    canonical: &str,
) -> QueryResult<usize> {
    // One statement: the members referring to the head go with it, so the self-reference is never broken.
    diesel::delete(search_synonyms::table.filter(search_synonyms::canonical.eq(canonical)))
        .execute(connection)
        .await
}
