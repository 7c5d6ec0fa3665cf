//! Hand-written SQL that is prepared once per connection.
//!
//! Diesel re-prepares every `sql_query` on every call (it cannot know the text is constant): a parse, a plan and
//! an extra round trip each time, which on the matching endpoints cost more than running the statements. Wrapping
//! a query whose SQL text is constant (values only as binds) in [`Prepared`] lets the connection's statement cache
//! keep it, keyed by that text: `diesel::sql_query("…").bind::<…>(…).prepared().load(connection)`.

use diesel::QueryResult;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};

/// A `sql_query` with constant SQL text, cached as a prepared statement per connection.
///
/// Never wrap SQL built at run time (`format!`): each distinct text would stay in the cache for the life of the
/// connection.
#[derive(Debug, Clone)]
pub struct Prepared<Q>(pub Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Prepared<Q> {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    // Diesel marks `sql_query` unsafe to cache because its text may be built per call; a `Prepared` one is not.
    // (A provided method diesel hides from its docs: check it on every diesel upgrade: with PostgreSQL's
    // `log_min_duration_statement = 0`, a reused statement logs `bind` and `execute` but no `parse`.)
    fn is_safe_to_cache_prepared(&self, _backend: &Pg) -> QueryResult<bool> {
        Ok(true)
    }
}

/// `.prepared()` on a query: see [`Prepared`].
pub trait CacheStatement: Sized {
    /// This query, cached as a prepared statement per connection. Its SQL text must be constant.
    fn prepared(self) -> Prepared<Self> {
        Prepared(self)
    }
}

impl<Q: QueryFragment<Pg>> CacheStatement for Q {}

impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    // No static id: the cache keys the statement by its SQL text and bind types.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}
