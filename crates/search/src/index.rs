//! The index itself: two tantivy indexes (seekers, vacancies) in one directory or in RAM, their readers, and the
//! writer thread that applies changes and commits.
//!
//! Every commit carries a [`CommitState`] in its payload: the schema version (start-up rebuilds an index built by
//! another version), the outbox watermark (the indexer resumes from it after a restart) and the day documents were
//! derived for. The writer lives on a thread of its own; callers send it changes and wait for the answer, so they
//! must not do that on an async executor thread (the API crate uses `spawn_blocking`).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use jembatan_domain::ids::{SeekerId, VacancyId};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::documents::{SeekerDocument, VacancyDocument};
use crate::error::{SearchError, engine};
use crate::schema::{SCHEMA_VERSION, SeekerFields, VacancyFields, day_number};
use crate::synonyms::SynonymTable;

/// Memory the seeker writer may buffer before it flushes a segment.
const SEEKER_WRITER_BYTES: usize = 200_000_000;
/// Memory the vacancy writer may buffer.
const VACANCY_WRITER_BYTES: usize = 30_000_000;

/// What the last commit recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitState {
    /// Version of the schema that wrote the index.
    pub schema_version: u32,
    /// The outbox watermark: every change from a transaction id below it is in the index.
    pub watermark: u64,
    /// The day documents were derived for (certificate and card expiry depend on it).
    pub day: NaiveDate,
}

/// Why a fresh, empty index was created when opening a directory: the caller must rebuild it from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebuildReason {
    /// There was no index.
    Missing,
    /// The index could not be read.
    Corrupt(String),
    /// It was built by another schema version (`None`: it has no commit state at all).
    OtherSchema(Option<u32>),
}

impl std::fmt::Display for RebuildReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RebuildReason::Missing => f.write_str("no index yet"),
            RebuildReason::Corrupt(error) => write!(f, "the index could not be read ({error})"),
            RebuildReason::OtherSchema(Some(version)) => write!(
                f,
                "the index was built by schema version {version}, this build uses {SCHEMA_VERSION}"
            ),
            RebuildReason::OtherSchema(None) => f.write_str("the index has no complete commit"),
        }
    }
}

/// What opening a directory found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    /// A usable index: resume from its state.
    Resumed(CommitState),
    /// An empty index was created; rebuild it.
    Created(RebuildReason),
}

/// One change to apply: the current document of an entity, or `None` when it no longer exists. A seeker who is
/// not matchable, or a vacancy that is not live, on the day of the change is removed from the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A seeker's current state.
    Seeker(SeekerId, Option<Box<SeekerDocument>>),
    /// A vacancy's current state.
    Vacancy(VacancyId, Option<Box<VacancyDocument>>),
}

/// Document counts, for status pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IndexCounts {
    /// Seekers that take part in matching.
    pub seekers: u64,
    /// Live vacancies.
    pub vacancies: u64,
}

pub(crate) struct Part<F> {
    pub reader: IndexReader,
    pub fields: F,
}

/// The search index: read it from any thread, write through its writer thread.
pub struct SearchIndex {
    pub(crate) seekers: Part<SeekerFields>,
    pub(crate) vacancies: Part<VacancyFields>,
    synonyms: RwLock<Arc<SynonymTable>>,
    state: RwLock<Option<CommitState>>,
    writer: WriterHandle,
}

impl SearchIndex {
    /// Opens the index in `directory` (subdirectories `seekers` and `vacancies`), or creates an empty one when
    /// it is missing, unreadable, or built by another schema version. Fails when another process holds it.
    pub fn open_in_dir(directory: &Path) -> Result<(SearchIndex, OpenOutcome), SearchError> {
        let seeker_dir = directory.join("seekers");
        let vacancy_dir = directory.join("vacancies");
        let reason = match (open_existing(&seeker_dir), open_existing(&vacancy_dir)) {
            (Ok(Some(seekers)), Ok(Some(vacancies))) => {
                match (commit_state(&seekers), commit_state(&vacancies)) {
                    (Some(seeker_state), Some(vacancy_state))
                        if seeker_state.schema_version == SCHEMA_VERSION
                            && vacancy_state.schema_version == SCHEMA_VERSION =>
                    {
                        // Written one after the other: resume from the older, replaying is harmless.
                        let state = if seeker_state.watermark <= vacancy_state.watermark {
                            seeker_state
                        } else {
                            vacancy_state
                        };
                        let index = SearchIndex::assemble(seekers, vacancies, Some(state))?;
                        return Ok((index, OpenOutcome::Resumed(state)));
                    }
                    (Some(state), _) | (None, Some(state)) => {
                        RebuildReason::OtherSchema(Some(state.schema_version))
                    }
                    (None, None) => RebuildReason::OtherSchema(None),
                }
            }
            (Ok(None), Ok(None)) => RebuildReason::Missing,
            (Ok(_), Ok(_)) => RebuildReason::OtherSchema(None),
            (Err(error), _) | (_, Err(error)) => RebuildReason::Corrupt(error),
        };
        for part in [&seeker_dir, &vacancy_dir] {
            if part.exists() {
                std::fs::remove_dir_all(part)?;
            }
            std::fs::create_dir_all(part)?;
        }
        let seekers =
            Index::create_in_dir(&seeker_dir, SeekerFields::new().schema).map_err(engine)?;
        let vacancies =
            Index::create_in_dir(&vacancy_dir, VacancyFields::new().schema).map_err(engine)?;
        let index = SearchIndex::assemble(seekers, vacancies, None)?;
        Ok((index, OpenOutcome::Created(reason)))
    }

    /// An empty index in memory (tests, benchmarks).
    pub fn create_in_ram() -> Result<SearchIndex, SearchError> {
        let seekers = Index::create_in_ram(SeekerFields::new().schema);
        let vacancies = Index::create_in_ram(VacancyFields::new().schema);
        SearchIndex::assemble(seekers, vacancies, None)
    }

    fn assemble(
        seekers: Index,
        vacancies: Index,
        state: Option<CommitState>,
    ) -> Result<SearchIndex, SearchError> {
        let seeker_fields = SeekerFields::new();
        let vacancy_fields = VacancyFields::new();
        let seeker_writer: IndexWriter<TantivyDocument> = seekers
            .writer_with_num_threads(1, SEEKER_WRITER_BYTES)
            .map_err(lock_or_engine)?;
        let vacancy_writer: IndexWriter<TantivyDocument> = vacancies
            .writer_with_num_threads(1, VACANCY_WRITER_BYTES)
            .map_err(lock_or_engine)?;
        let reader = |index: &Index| {
            index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .map_err(engine)
        };
        let seeker_reader: IndexReader = reader(&seekers)?;
        let vacancy_reader: IndexReader = reader(&vacancies)?;
        let writer = WriterHandle::spawn(WriterThread {
            seekers: seeker_writer,
            vacancies: vacancy_writer,
            seeker_reader: seeker_reader.clone(),
            vacancy_reader: vacancy_reader.clone(),
            seeker_fields: seeker_fields.clone(),
            vacancy_fields: vacancy_fields.clone(),
        })?;
        Ok(SearchIndex {
            seekers: Part {
                reader: seeker_reader,
                fields: seeker_fields,
            },
            vacancies: Part {
                reader: vacancy_reader,
                fields: vacancy_fields,
            },
            synonyms: RwLock::new(Arc::new(SynonymTable::empty())),
            state: RwLock::new(state),
            writer,
        })
    }

    /// Stages changes derived for `day`; they become visible at the next [`SearchIndex::commit`]. Blocks until
    /// the writer thread has taken them.
    pub fn apply(&self, changes: Vec<Change>, day: NaiveDate) -> Result<(), SearchError> {
        self.writer.call(|reply| Command::Apply {
            changes,
            day,
            after_clear: false,
            reply,
        })
    }

    /// Like [`SearchIndex::apply`], for a rebuild: after [`SearchIndex::clear`], with every id at most once until
    /// the next commit, so nothing staged needs deleting first (the writer skips the delete of each id, which
    /// otherwise costs a term lookup per document in every new segment).
    pub fn apply_after_clear(
        &self,
        changes: Vec<Change>,
        day: NaiveDate,
    ) -> Result<(), SearchError> {
        self.writer.call(|reply| Command::Apply {
            changes,
            day,
            after_clear: true,
            reply,
        })
    }

    /// Stages the removal of every document (the start of a rebuild); visible at the next commit.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.writer.call(|reply| Command::Clear { reply })
    }

    /// Commits what was staged with `watermark` and `day` in the payload and makes it visible to searches.
    pub fn commit(&self, watermark: u64, day: NaiveDate) -> Result<(), SearchError> {
        let state = CommitState {
            schema_version: SCHEMA_VERSION,
            watermark,
            day,
        };
        self.writer.call(|reply| Command::Commit { state, reply })?;
        if let Ok(mut current) = self.state.write() {
            *current = Some(state);
        }
        Ok(())
    }

    /// The state of the last commit (`None` before the first).
    pub fn commit_state(&self) -> Option<CommitState> {
        self.state.read().ok().and_then(|state| *state)
    }

    /// Replaces the synonym table used by vacancy search (takes effect for the next query).
    pub fn set_synonyms(&self, table: SynonymTable) {
        if let Ok(mut current) = self.synonyms.write() {
            *current = Arc::new(table);
        }
    }

    pub(crate) fn synonyms(&self) -> Arc<SynonymTable> {
        self.synonyms
            .read()
            .map(|table| Arc::clone(&table))
            .unwrap_or_default()
    }

    /// How many documents are searchable now.
    pub fn counts(&self) -> IndexCounts {
        IndexCounts {
            seekers: self.seekers.reader.searcher().num_docs(),
            vacancies: self.vacancies.reader.searcher().num_docs(),
        }
    }

    /// Seekers and vacancies whose documents change by themselves on or before `day` (expiring certificates and
    /// cards, a further month of an ongoing job, validity periods): the indexer re-reads and re-applies them.
    pub fn due_for_refresh(
        &self,
        day: NaiveDate,
    ) -> Result<(Vec<SeekerId>, Vec<VacancyId>), SearchError> {
        let limit = day_number(day);
        let seekers = due_ids(&self.seekers.reader, "refresh_day", limit)?
            .into_iter()
            .map(SeekerId::from)
            .collect();
        let vacancies = due_ids(&self.vacancies.reader, "refresh_day", limit)?
            .into_iter()
            .map(VacancyId::from)
            .collect();
        Ok((seekers, vacancies))
    }
}

/// Ids of the documents whose `field` is at most `limit`.
fn due_ids(reader: &IndexReader, field: &str, limit: u64) -> Result<Vec<uuid::Uuid>, SearchError> {
    let searcher = reader.searcher();
    let mut ids = Vec::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let refresh = fast.u64(field).map_err(engine)?;
        let high = fast.u64("id_high").map_err(engine)?;
        let low = fast.u64("id_low").map_err(engine)?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            if refresh.first(doc).is_some_and(|day| day <= limit) {
                let (Some(high), Some(low)) = (high.first(doc), low.first(doc)) else {
                    continue;
                };
                ids.push(uuid::Uuid::from_u64_pair(high, low));
            }
        }
    }
    Ok(ids)
}

/// Opens an index in `directory`: `Ok(None)` when there is none, `Err` with the reason when it is unreadable.
fn open_existing(directory: &PathBuf) -> Result<Option<Index>, String> {
    if !directory.join("meta.json").exists() {
        return Ok(None);
    }
    let mmap = MmapDirectory::open(directory).map_err(|error| error.to_string())?;
    let index = Index::open(mmap).map_err(|error| error.to_string())?;
    // Check that every segment can actually be opened (a truncated file fails here, not at the first query).
    index
        .reader()
        .map_err(|error| error.to_string())?
        .searcher();
    Ok(Some(index))
}

fn commit_state(index: &Index) -> Option<CommitState> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

fn lock_or_engine(error: tantivy::TantivyError) -> SearchError {
    match error {
        tantivy::TantivyError::LockFailure(..) => SearchError::Locked,
        other => engine(other),
    }
}

enum Command {
    Apply {
        changes: Vec<Change>,
        day: NaiveDate,
        /// Every id is new since the last clear: no delete is needed.
        after_clear: bool,
        reply: mpsc::Sender<Result<(), SearchError>>,
    },
    Clear {
        reply: mpsc::Sender<Result<(), SearchError>>,
    },
    Commit {
        state: CommitState,
        reply: mpsc::Sender<Result<(), SearchError>>,
    },
}

/// The sending side of the writer thread; the thread stops when this is dropped.
struct WriterHandle {
    sender: Option<mpsc::Sender<Command>>,
    thread: Option<JoinHandle<()>>,
}

impl WriterHandle {
    fn spawn(mut writer: WriterThread) -> Result<WriterHandle, SearchError> {
        let (sender, receiver) = mpsc::channel::<Command>();
        let thread = std::thread::Builder::new()
            .name("search-writer".to_string())
            .spawn(move || {
                for command in receiver {
                    writer.handle(command);
                }
            })?;
        Ok(WriterHandle {
            sender: Some(sender),
            thread: Some(thread),
        })
    }

    fn call(
        &self,
        command: impl FnOnce(mpsc::Sender<Result<(), SearchError>>) -> Command,
    ) -> Result<(), SearchError> {
        let (reply, answer) = mpsc::channel();
        self.sender
            .as_ref()
            .ok_or(SearchError::WriterGone)?
            .send(command(reply))
            .map_err(|_| SearchError::WriterGone)?;
        answer.recv().map_err(|_| SearchError::WriterGone)?
    }
}

impl Drop for WriterHandle {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; joining waits for the writers to be dropped (and their
        // lock released), so the same directory can be opened again right away.
        drop(self.sender.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct WriterThread {
    seekers: IndexWriter<TantivyDocument>,
    vacancies: IndexWriter<TantivyDocument>,
    seeker_reader: IndexReader,
    vacancy_reader: IndexReader,
    seeker_fields: SeekerFields,
    vacancy_fields: VacancyFields,
}

impl WriterThread {
    fn handle(&mut self, command: Command) {
        match command {
            Command::Apply {
                changes,
                day,
                after_clear,
                reply,
            } => {
                let _ = reply.send(self.apply(changes, day, after_clear));
            }
            Command::Clear { reply } => {
                let result = self
                    .seekers
                    .delete_all_documents()
                    .and_then(|_| self.vacancies.delete_all_documents())
                    .map(|_| ())
                    .map_err(engine);
                let _ = reply.send(result);
            }
            Command::Commit { state, reply } => {
                let _ = reply.send(self.commit(state));
            }
        }
    }

    fn apply(
        &mut self,
        changes: Vec<Change>,
        day: NaiveDate,
        after_clear: bool,
    ) -> Result<(), SearchError> {
        for change in changes {
            match change {
                Change::Seeker(id, document) => {
                    let key = id.into_inner().to_string();
                    if !after_clear {
                        self.seekers
                            .delete_term(Term::from_field_text(self.seeker_fields.id, &key));
                    }
                    if let Some(document) = document.filter(|document| document.is_matchable(day)) {
                        self.seekers
                            .add_document(self.seeker_fields.document(&document, day))
                            .map_err(engine)?;
                    }
                }
                Change::Vacancy(id, document) => {
                    let key = id.into_inner().to_string();
                    if !after_clear {
                        self.vacancies
                            .delete_term(Term::from_field_text(self.vacancy_fields.id, &key));
                    }
                    if let Some(document) = document.filter(|document| document.is_live(day)) {
                        self.vacancies
                            .add_document(self.vacancy_fields.document(&document, day))
                            .map_err(engine)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn commit(&mut self, state: CommitState) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&state)
            .map_err(|error| SearchError::Engine(error.to_string()))?;
        for writer in [&mut self.seekers, &mut self.vacancies] {
            let mut prepared = writer.prepare_commit().map_err(engine)?;
            prepared.set_payload(&payload);
            prepared.commit().map_err(engine)?;
        }
        self.seeker_reader.reload().map_err(engine)?;
        self.vacancy_reader.reload().map_err(engine)?;
        Ok(())
    }
}
