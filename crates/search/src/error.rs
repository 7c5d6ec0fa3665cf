//! The search crate's errors. They know nothing of HTTP; the API crate maps them at its edge.

/// Everything that can go wrong in the search crate.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The search engine failed (I/O inside the index, a corrupt segment, ...).
    #[error("search engine error: {0}")]
    Engine(String),
    /// Another process holds the index directory's writer lock.
    #[error(
        "the search index directory is in use by another process: give each process its own INDEX_DIR, or stop \
         the other process"
    )]
    Locked,
    /// The writer thread has stopped (it panicked, or the index is being dropped).
    #[error("the search index writer has stopped")]
    WriterGone,
    /// A vacancy has more units than the exact score encoding supports.
    #[error("a vacancy may have at most {max} competency units for matching, this one has {got}")]
    TooManyUnits {
        /// The maximum.
        max: usize,
        /// How many it has.
        got: usize,
    },
    /// Reading or creating the index directory failed.
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
}

/// Wraps an engine error without exposing the engine's type.
pub(crate) fn engine(error: tantivy::TantivyError) -> SearchError {
    SearchError::Engine(error.to_string())
}
