//! The background indexer: keeps this process's search index in step with PostgreSQL through `search_outbox`.
//!
//! At start it rebuilds the index when it must (see `search_index`), otherwise it resumes from the watermark in
//! the last index commit. Then, every `SEARCH_REFRESH_MS` (default 500 ms, so a change is searchable well within
//! a second), one cycle:
//! 1. reads `xmin`, the oldest transaction still running, *then* the outbox rows of transactions at or above the
//!    watermark. Every transaction below `xmin` has finished, so all its rows were visible to that read; rows of
//!    transactions still running are read by a later cycle once they commit (a row that commits late is never
//!    skipped, because the watermark only moves up to `xmin`);
//! 2. re-reads the current state of the changed seekers and vacancies (plus, once a day, those whose documents
//!    change by themselves: expiring certificates and cards, validity periods), applies them and commits once,
//!    with the new watermark `xmin` in the commit payload;
//! 3. reloads the synonym table when it changed, and prunes outbox rows older than the retention once an hour.
//!
//! Rows at or above the new watermark that were already applied are remembered and not applied again.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use jembatan_search::{Change, SynonymTable};
use uuid::Uuid;

use crate::db::DbPool;
use crate::db::search_documents::{
    seeker_documents, synonym_rows, synonyms_fingerprint, vacancy_documents,
};
use crate::db::search_outbox::{self, SearchEntity};
use crate::search_index::{SearchService, blocking, rebuild};
use crate::vacancy_expiry::balikpapan_today;

/// Default time between two cycles.
pub const DEFAULT_INTERVAL: Duration = Duration::from_millis(500);
/// Outbox rows older than this are deleted; an index whose last commit is older is rebuilt at start-up.
pub const OUTBOX_RETENTION_DAYS: i32 = 7;
/// Without changes, the watermark is still committed this often (so a restart has less to replay).
const IDLE_COMMIT_EVERY: Duration = Duration::from_secs(600);
/// How often old outbox rows are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// What the indexer carries from one cycle to the next.
struct IndexerState {
    /// Every change of a transaction below this id is in the index.
    watermark: u64,
    /// Watermark of the last commit.
    committed_watermark: u64,
    last_commit: Instant,
    /// Outbox rows at or above the watermark already applied: id → txid.
    applied: HashMap<i64, u64>,
    /// The day self-changing documents were last refreshed for.
    refreshed_for: Option<NaiveDate>,
    /// Fingerprint of the synonym table last loaded.
    synonyms: Option<String>,
    last_prune: Option<Instant>,
}

/// Runs the indexer for as long as the task lives. Failures are logged, shown in the status and retried at the
/// next tick.
pub async fn run(pool: DbPool, search: Arc<SearchService>, every: Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut state: Option<IndexerState> = None;
    loop {
        interval.tick().await;
        let outcome = match state.as_mut() {
            None => start(&pool, &search)
                .await
                .map(|started| state = Some(started)),
            Some(current) => cycle(&pool, &search, current).await,
        };
        match outcome {
            Ok(()) => search.update_status(|status| {
                status.last_cycle_at = Some(Utc::now());
                status.last_error = None;
                let counts = search.index().counts();
                status.seekers = counts.seekers;
                status.vacancies = counts.vacancies;
            }),
            Err(error) => {
                let message = format!("{error:#}");
                tracing::warn!(
                    error = message,
                    "search indexer cycle failed; retrying at the next tick"
                );
                search.update_status(|status| status.last_error = Some(message));
            }
        }
    }
}

/// Rebuilds when needed, or resumes from the last commit.
async fn start(pool: &DbPool, search: &Arc<SearchService>) -> anyhow::Result<IndexerState> {
    let today = balikpapan_today();
    let stale = search.index().commit_state().and_then(|state| {
        let age = (today - state.day).num_days();
        // Rows are pruned when older than the retention counted from now, and the commit happened at some time
        // on its day: only an index committed fewer whole days ago than the retention is sure to find every row
        // written after its commit.
        (age >= i64::from(OUTBOX_RETENTION_DAYS)).then(|| {
            format!("the index was last committed {age} days ago; the outbox keeps {OUTBOX_RETENTION_DAYS} days")
        })
    });
    let reason = search
        .pending_rebuild()
        .map(|reason| reason.to_string())
        .or(stale);
    let rebuilding = reason.is_some() || search.index().commit_state().is_none();
    let watermark = match (reason, search.index().commit_state()) {
        (None, Some(state)) => {
            tracing::info!(watermark = state.watermark, "search index resumed");
            state.watermark
        }
        (reason, _) => {
            let reason = reason.unwrap_or_else(|| "the index has no commit".to_string());
            tracing::info!(reason, "rebuilding the search index");
            let started = Instant::now();
            let report = rebuild(pool, search.index(), &mut |_| {}).await?;
            search.set_pending_rebuild(None);
            tracing::info!(
                seekers = report.counts.seekers,
                vacancies = report.counts.vacancies,
                seconds = started.elapsed().as_secs_f32(),
                "search index rebuilt"
            );
            report.watermark
        }
    };
    let mut connection = pool.get().await?;
    let synonyms = synonyms_fingerprint(&mut connection).await?;
    let table = SynonymTable::from_rows(synonym_rows(&mut connection).await?);
    search.index().set_synonyms(table);
    search.update_status(|status| {
        status.ready = true;
        status.started = Some(if rebuilding { "rebuilt" } else { "resumed" }.to_string());
        status.watermark = Some(watermark.to_string());
    });
    Ok(IndexerState {
        watermark,
        committed_watermark: watermark,
        last_commit: Instant::now(),
        applied: HashMap::new(),
        refreshed_for: None,
        synonyms: Some(synonyms),
        last_prune: None,
    })
}

/// One cycle; see the module documentation.
async fn cycle(
    pool: &DbPool,
    search: &Arc<SearchService>,
    state: &mut IndexerState,
) -> anyhow::Result<()> {
    let today = balikpapan_today();
    let mut connection = pool.get().await?;
    let xmin = search_outbox::snapshot_xmin(&mut connection).await?;
    let rows = search_outbox::since(&mut connection, state.watermark).await?;

    let mut seekers: BTreeSet<Uuid> = BTreeSet::new();
    let mut vacancies: BTreeSet<Uuid> = BTreeSet::new();
    let mut oldest_change: Option<DateTime<Utc>> = None;
    let mut fresh_rows: Vec<(i64, u64)> = Vec::new();
    for row in &rows {
        if state.applied.contains_key(&row.id) {
            continue;
        }
        match row.kind() {
            Some(SearchEntity::Seeker) => seekers.insert(row.entity_id),
            Some(SearchEntity::Vacancy) => vacancies.insert(row.entity_id),
            None => false,
        };
        oldest_change =
            Some(oldest_change.map_or(row.created_at, |oldest| oldest.min(row.created_at)));
        fresh_rows.push((row.id, u64::try_from(row.txid).unwrap_or(0)));
    }
    if state.refreshed_for != Some(today) {
        let (due_seekers, due_vacancies) =
            blocking(search.index(), move |index| index.due_for_refresh(today)).await?;
        seekers.extend(due_seekers.into_iter().map(Uuid::from));
        vacancies.extend(due_vacancies.into_iter().map(Uuid::from));
    }

    let fingerprint = synonyms_fingerprint(&mut connection).await?;
    if state.synonyms.as_deref() != Some(fingerprint.as_str()) {
        let table = SynonymTable::from_rows(synonym_rows(&mut connection).await?);
        tracing::info!(groups = table.group_count(), "search synonyms reloaded");
        search.index().set_synonyms(table);
        state.synonyms = Some(fingerprint);
    }

    let has_changes = !seekers.is_empty() || !vacancies.is_empty();
    if has_changes {
        let seeker_ids: Vec<Uuid> = seekers.into_iter().collect();
        let vacancy_ids: Vec<Uuid> = vacancies.into_iter().collect();
        // Pipelined: the five statements go out together.
        let (mut seeker_docs, mut vacancy_docs) = tokio::try_join!(
            seeker_documents(&connection, &seeker_ids),
            vacancy_documents(&connection, &vacancy_ids),
        )?;
        let mut changes: Vec<Change> = seeker_ids
            .iter()
            .map(|id| Change::Seeker((*id).into(), seeker_docs.remove(id).map(Box::new)))
            .collect();
        changes.extend(
            vacancy_ids
                .iter()
                .map(|id| Change::Vacancy((*id).into(), vacancy_docs.remove(id).map(Box::new))),
        );
        blocking(search.index(), move |index| {
            index.apply(changes, today)?;
            index.commit(xmin, today)
        })
        .await?;
        state.committed_watermark = xmin;
        state.last_commit = Instant::now();
        tracing::debug!(
            seekers = seeker_ids.len(),
            vacancies = vacancy_ids.len(),
            watermark = xmin,
            "search index updated"
        );
    } else if xmin != state.committed_watermark && state.last_commit.elapsed() >= IDLE_COMMIT_EVERY
    {
        blocking(search.index(), move |index| index.commit(xmin, today)).await?;
        state.committed_watermark = xmin;
        state.last_commit = Instant::now();
    }
    state.refreshed_for = Some(today);
    state.watermark = xmin;
    state
        .applied
        .extend(fresh_rows.into_iter().filter(|&(_, txid)| txid >= xmin));
    state.applied.retain(|_, txid| *txid >= xmin);

    if state
        .last_prune
        .is_none_or(|last| last.elapsed() >= PRUNE_EVERY)
    {
        let pruned =
            search_outbox::prune_older_than(&mut connection, OUTBOX_RETENTION_DAYS).await?;
        if pruned > 0 {
            tracing::info!(rows = pruned, "old search outbox rows pruned");
        }
        state.last_prune = Some(Instant::now());
    }

    let lag = oldest_change
        .filter(|_| has_changes)
        .map(|oldest| u64::try_from((Utc::now() - oldest).num_milliseconds()).unwrap_or(0));
    search.update_status(|status| {
        status.watermark = Some(xmin.to_string());
        if lag.is_some() {
            status.last_batch_lag_ms = lag;
        }
    });
    Ok(())
}
