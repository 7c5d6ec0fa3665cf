//! The search index as the API uses it: opened at start-up from `INDEX_DIR`, rebuilt from PostgreSQL when it is
//! missing, unreadable, built by another schema version or older than the outbox retention, kept in step by the
//! indexer (`crate::indexer`), and queried off the async executor.
//!
//! PostgreSQL is the truth; the index is a cache of it. Each `jembatan serve` process keeps its own index in its
//! own `INDEX_DIR` (see `docs/scaling.md`).

use std::path::Path;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use jembatan_search::{
    Change, IndexCounts, OpenOutcome, RebuildReason, SearchError, SearchIndex, SynonymTable,
};
use serde::Serialize;
use uuid::Uuid;

use crate::db::search_documents::{
    matchable_seeker_ids_after, open_vacancy_ids_after, rebuild_totals, seeker_documents,
    synonym_rows, vacancy_documents,
};
use crate::db::{DbPool, search_outbox};
use crate::error::ApiError;
use crate::vacancy_expiry::balikpapan_today;

/// Seekers or vacancies whose documents are read in one step of a rebuild.
const REBUILD_PAGE: usize = 2_000;
/// Steps of a rebuild reading at the same time, each on its own connection (the pool needs one more).
pub const REBUILD_READERS: usize = 2;
/// Ids read per statement when a rebuild lists what to read.
const ID_PAGE: i64 = 50_000;

/// What the indexer last did, for `GET /health/search` and the logs.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct SearchStatus {
    /// Searches are answered (the first build or catch-up is done).
    pub ready: bool,
    /// How this process's index started: `resumed` from the watermark of its last commit, or `rebuilt` from the
    /// database.
    pub started: Option<String>,
    /// The outbox watermark applied: every change of a transaction below this id is searchable. A decimal
    /// string (PostgreSQL `xid8`).
    pub watermark: Option<String>,
    /// When the indexer last finished a cycle.
    pub last_cycle_at: Option<DateTime<Utc>>,
    /// Oldest change applied by the last cycle that applied any, in milliseconds from its commit to searchable.
    pub last_batch_lag_ms: Option<u64>,
    /// The last failure, cleared by the next successful cycle.
    pub last_error: Option<String>,
    /// Seekers taking part in matching.
    pub seekers: u64,
    /// Live vacancies.
    pub vacancies: u64,
}

/// The index of this process and its status.
pub struct SearchService {
    index: Arc<SearchIndex>,
    /// Why the index must be rebuilt before it is used (`None` once it is usable).
    pending_rebuild: RwLock<Option<RebuildReason>>,
    status: RwLock<SearchStatus>,
}

impl SearchService {
    /// Opens (or creates) the index in `directory`. Fails when another process holds it.
    pub fn open(directory: &Path) -> anyhow::Result<Arc<SearchService>> {
        let (index, outcome) = SearchIndex::open_in_dir(directory).map_err(|error| match error {
            SearchError::Locked => anyhow::anyhow!(
                "the search index in {} is used by another process: give every `jembatan serve` its own INDEX_DIR",
                directory.display()
            ),
            other => anyhow::Error::new(other).context(format!("opening the search index in {}", directory.display())),
        })?;
        let pending_rebuild = match outcome {
            OpenOutcome::Resumed(_) => None,
            OpenOutcome::Created(reason) => Some(reason),
        };
        Ok(Arc::new(SearchService {
            index: Arc::new(index),
            pending_rebuild: RwLock::new(pending_rebuild),
            status: RwLock::new(SearchStatus::default()),
        }))
    }

    /// The index (for the indexer and the CLI).
    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }

    /// Why the index must be rebuilt first, if it must.
    pub fn pending_rebuild(&self) -> Option<RebuildReason> {
        self.pending_rebuild
            .read()
            .ok()
            .and_then(|reason| reason.clone())
    }

    pub(crate) fn set_pending_rebuild(&self, reason: Option<RebuildReason>) {
        if let Ok(mut pending) = self.pending_rebuild.write() {
            *pending = reason;
        }
    }

    /// A copy of the status.
    pub fn status(&self) -> SearchStatus {
        self.status
            .read()
            .map(|status| status.clone())
            .unwrap_or_default()
    }

    pub(crate) fn update_status(&self, change: impl FnOnce(&mut SearchStatus)) {
        if let Ok(mut status) = self.status.write() {
            change(&mut status);
        }
    }

    /// Runs a search on a blocking thread. 503 while the index is still being built.
    pub async fn query<T: Send + 'static>(
        &self,
        search: impl FnOnce(&SearchIndex) -> Result<T, SearchError> + Send + 'static,
    ) -> Result<T, ApiError> {
        if !self.status().ready {
            return Err(ApiError::Unavailable(
                "the search index is being built; try again in a moment".to_string(),
            ));
        }
        let index = Arc::clone(&self.index);
        tokio::task::spawn_blocking(move || search(&index))
            .await
            .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("search task failed: {error}")))?
            .map_err(|error| ApiError::Unexpected(error.into()))
    }
}

/// Progress of a rebuild, reported after every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RebuildProgress {
    pub seekers_done: u64,
    pub seekers_total: u64,
    pub vacancies_done: u64,
    pub vacancies_total: u64,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RebuildReport {
    /// The watermark it committed.
    pub watermark: u64,
    /// Documents searchable afterwards.
    pub counts: IndexCounts,
}

/// Runs a blocking index operation on the blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    index: &Arc<SearchIndex>,
    operation: impl FnOnce(&SearchIndex) -> Result<T, SearchError> + Send + 'static,
) -> anyhow::Result<T> {
    let index = Arc::clone(index);
    Ok(tokio::task::spawn_blocking(move || operation(&index)).await??)
}

/// The changes that put the documents of `ids` (seekers, or vacancies) in the index.
async fn read_page(
    pool: DbPool,
    seekers: bool,
    ids: Vec<Uuid>,
) -> anyhow::Result<(bool, Vec<Change>)> {
    let connection = pool.get().await?;
    let changes: Vec<Change> = if seekers {
        let mut documents = seeker_documents(&connection, &ids).await?;
        ids.iter()
            .map(|id| Change::Seeker((*id).into(), documents.remove(id).map(Box::new)))
            .collect()
    } else {
        let mut documents = vacancy_documents(&connection, &ids).await?;
        ids.iter()
            .map(|id| Change::Vacancy((*id).into(), documents.remove(id).map(Box::new)))
            .collect()
    };
    Ok((seekers, changes))
}

/// Rebuilds the whole index from the database and commits it.
///
/// The watermark is the oldest running transaction at the start: everything committed before it is read by the
/// pages that follow, and the outbox rows of anything later are applied again by the indexer, so nothing is missed
/// without holding one long transaction open.
pub async fn rebuild(
    pool: &DbPool,
    index: &Arc<SearchIndex>,
    progress: &mut (dyn FnMut(RebuildProgress) + Send),
) -> anyhow::Result<RebuildReport> {
    let mut connection = pool.get().await?;
    let today = balikpapan_today();
    let watermark = search_outbox::snapshot_xmin(&mut connection).await?;
    let (seekers_total, vacancies_total) = rebuild_totals(&mut connection).await?;
    let mut report = RebuildProgress {
        seekers_done: 0,
        seekers_total,
        vacancies_done: 0,
        vacancies_total,
    };
    progress(report);

    // Every id first, then the documents of REBUILD_READERS pages at a time, each page on a
    // connection of its own, while the writer thread indexes the page before: reading is most of the work, and
    // a rebuild's order does not matter (each document appears once).
    let mut seeker_ids = Vec::new();
    let mut after = Uuid::nil();
    loop {
        let ids = matchable_seeker_ids_after(&mut connection, after, ID_PAGE).await?;
        let Some(last) = ids.last().copied() else {
            break;
        };
        seeker_ids.extend(ids);
        after = last;
    }
    let mut vacancy_ids = Vec::new();
    let mut after = Uuid::nil();
    loop {
        let ids = open_vacancy_ids_after(&mut connection, after, ID_PAGE).await?;
        let Some(last) = ids.last().copied() else {
            break;
        };
        vacancy_ids.extend(ids);
        after = last;
    }
    drop(connection);
    blocking(index, |index| index.clear()).await?;

    let pages: Vec<_> = seeker_ids
        .chunks(REBUILD_PAGE)
        .map(|ids| read_page(pool.clone(), true, ids.to_vec()))
        .chain(
            vacancy_ids
                .chunks(REBUILD_PAGE)
                .map(|ids| read_page(pool.clone(), false, ids.to_vec())),
        )
        .collect();
    // Spawned, so that reads go on while this task waits for the writer.
    let mut pages = futures_util::stream::iter(pages)
        .map(tokio::spawn)
        .buffer_unordered(REBUILD_READERS);
    let mut in_flight: Option<tokio::task::JoinHandle<Result<(), SearchError>>> = None;
    while let Some(page) = pages.next().await {
        let (seekers, changes) = page??;
        let count = changes.len() as u64;
        if let Some(previous) = in_flight.take() {
            previous.await??;
        }
        let applying = Arc::clone(index);
        in_flight = Some(tokio::task::spawn_blocking(move || {
            applying.apply_after_clear(changes, today)
        }));
        if seekers {
            report.seekers_done += count;
        } else {
            report.vacancies_done += count;
        }
        progress(report);
    }
    if let Some(previous) = in_flight.take() {
        previous.await??;
    }
    let mut connection = pool.get().await?;
    let synonyms = SynonymTable::from_rows(synonym_rows(&mut connection).await?);
    index.set_synonyms(synonyms);
    blocking(index, move |index| index.commit(watermark, today)).await?;
    Ok(RebuildReport {
        watermark,
        counts: index.counts(),
    })
}
