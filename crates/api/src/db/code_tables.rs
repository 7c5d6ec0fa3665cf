//! What the code tables (`competency_units`, `occupations`, `industries`, `vocations`, `regions`) share:
//! search-as-you-type and the counts of a bulk import.
//!
//! Search: a query matches a row whose code starts with it, or whose titles (and synonyms) contain every word
//! of it at the start of a word, ignoring case. Rows rank exact code, then code prefix, then title prefix, then the
//! other matches; within a rank by code. Pages are keyed on (rank, code), so they stay stable while rows are added.
//!
//! The tables are small (about 2,000 competency units), so a sequential scan with a regular expression per row is
//! fast enough and needs no trigram extension.

use diesel::QueryableByName;
use diesel::pg::Pg;
use diesel::row::NamedRow;
use diesel::sql_types::{Array, BigInt, Integer, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

/// A query prepared for the SQL below: escaped for `LIKE` and for regular expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSearch {
    /// The query written the way the table writes codes (`c.2511` → `C.2511`); equal ranks first.
    exact_code: String,
    /// `LIKE` pattern: codes starting with the query.
    code_prefix: String,
    /// `LIKE` pattern, lowercase: titles starting with the query.
    title_prefix: String,
    /// Regular-expression-escaped words of the query; each must start a word of the searched text.
    words: Vec<String>,
}

impl CodeSearch {
    /// `query` as typed (already trimmed and non-empty); `code_form` is the same query written the way the table
    /// writes its codes (upper case letters for SKKNI units, dots for KBJI, ...).
    pub fn new(query: &str, code_form: &str) -> Self {
        Self {
            exact_code: code_form.to_string(),
            code_prefix: format!("{}%", escape_like(code_form)),
            title_prefix: format!("{}%", escape_like(&query.to_lowercase())),
            words: query.split_whitespace().map(escape_regex).collect(),
        }
    }
}

/// Where a page starts: after the row with this rank and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub rank: i32,
    pub code: String,
}

/// A row of a search result with its rank (0 exact code, 1 code prefix, 2 title prefix, 3 other match).
#[derive(Debug)]
pub struct Ranked<Row> {
    pub row: Row,
    pub match_rank: i32,
}

// Written out because diesel's derive does not handle a generic embedded field.
impl<Row: QueryableByName<Pg>> QueryableByName<Pg> for Ranked<Row> {
    fn build<'a>(row: &impl NamedRow<'a, Pg>) -> diesel::deserialize::Result<Self> {
        Ok(Self {
            row: Row::build(row)?,
            match_rank: NamedRow::get::<Integer, i32>(row, "match_rank")?,
        })
    }
}

/// How one code table is searched. Every piece is a constant of this crate, never client input.
pub struct SearchableTable {
    pub table: &'static str,
    /// The selected columns, matching the row type's `QueryableByName` fields.
    pub columns: &'static str,
    /// Title columns: a title starting with the query ranks 2; their words are searched.
    pub titles: &'static [&'static str],
    /// More searched text besides the titles (e.g. `array_to_string(synonyms, ' ')`).
    pub more_text: Option<&'static str>,
    /// A column the list can be filtered on by equality (e.g. `vocation_code`).
    pub filter_column: Option<&'static str>,
}

impl SearchableTable {
    /// The query text. Binds: `$1` exact code (NULL lists everything), `$2` code prefix, `$3` title prefix,
    /// `$4` words, `$5`/`$6` rank and code to start after (NULL for the first page), `$7` limit, `$8` filter value.
    fn sql(&self, filtered: bool) -> String {
        let title_prefix = self
            .titles
            .iter()
            .map(|column| format!("lower(coalesce({column}, '')) LIKE $3 ESCAPE '\\'"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let searched_text = self
            .titles
            .iter()
            .copied()
            .chain(self.more_text)
            .collect::<Vec<_>>()
            .join(", ");
        let filter = match (self.filter_column, filtered) {
            (Some(column), true) => format!("{column} = $8"),
            _ => "TRUE".to_string(),
        };
        format!(
            r#"SELECT {columns}, match_rank FROM (
                SELECT {columns},
                    CASE
                        WHEN $1::text IS NULL OR code = $1 THEN 0
                        WHEN code LIKE $2 ESCAPE '\' THEN 1
                        WHEN {title_prefix} THEN 2
                        ELSE 3
                    END AS match_rank
                FROM {table}
                WHERE {filter}
                  AND ($1::text IS NULL
                       OR code LIKE $2 ESCAPE '\'
                       OR {title_prefix}
                       OR NOT EXISTS (
                           SELECT 1 FROM unnest($4::text[]) AS word
                           WHERE concat_ws(' ', {searched_text}) !~* ('\m' || word)))
            ) AS ranked
            WHERE $5::int IS NULL OR (match_rank, code COLLATE "C") > ($5::int, $6::text COLLATE "C")
            ORDER BY match_rank, code COLLATE "C"
            LIMIT $7"#,
            columns = self.columns,
            table = self.table,
        )
    }
}

/// One page of `table`'s rows matching `search` (all rows when `None`), optionally only those whose filter column
/// equals `filter`. Fetch `limit + 1` rows to learn whether another page follows.
pub async fn search<Row>(
    connection: &mut AsyncPgConnection,
    table: &SearchableTable,
    search: Option<&CodeSearch>,
    filter: Option<&str>,
    after: Option<&After>,
    limit: i64,
) -> diesel::QueryResult<Vec<Ranked<Row>>>
where
    Row: QueryableByName<Pg> + Send + 'static,
{
    let query = diesel::sql_query(table.sql(filter.is_some()))
        .into_boxed::<Pg>()
        .bind::<Nullable<Text>, _>(search.map(|s| s.exact_code.clone()))
        .bind::<Nullable<Text>, _>(search.map(|s| s.code_prefix.clone()))
        .bind::<Nullable<Text>, _>(search.map(|s| s.title_prefix.clone()))
        .bind::<Array<Text>, _>(search.map(|s| s.words.clone()).unwrap_or_default())
        .bind::<Nullable<Integer>, _>(after.map(|a| a.rank))
        .bind::<Nullable<Text>, _>(after.map(|a| a.code.clone()))
        .bind::<BigInt, _>(limit);
    let query = match filter {
        Some(value) => query.bind::<Text, _>(value.to_string()),
        None => query,
    };
    query.load(connection).await
}

/// What a bulk import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    pub created: usize,
    pub updated: usize,
    /// Rows identical to what was stored, left untouched.
    pub unchanged: usize,
}

/// Escapes `%`, `_` and `\` so the text matches itself in a `LIKE … ESCAPE '\'` pattern.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if matches!(character, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

/// Escapes every character that is not a letter or digit, so the text matches itself in a PostgreSQL regular
/// expression (`\` before a non-alphanumeric character means that character).
fn escape_regex(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() * 2);
    for character in text.chars() {
        if !character.is_alphanumeric() {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_and_regex_metacharacters_match_only_themselves() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
        assert_eq!(escape_regex("c.25(1)*"), r"c\.25\(1\)\*");
        assert_eq!(escape_regex("pengelasan"), "pengelasan");
        assert_eq!(escape_regex("las-listrik"), r"las\-listrik");
    }

    #[test]
    fn a_query_becomes_a_code_pattern_a_title_pattern_and_words() {
        let search = CodeSearch::new("Las  Busur", "LAS  BUSUR");
        assert_eq!(search.code_prefix, "LAS  BUSUR%");
        assert_eq!(search.title_prefix, "las  busur%");
        assert_eq!(search.words, ["Las", "Busur"]);
    }
}
