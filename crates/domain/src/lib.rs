//! Jembatan domain: the business types and rules of the Balikpapan job-matching service, with no
//! IO (no database, HTTP or search engine). A value that exists here is valid; other crates parse
//! input into these types once and never re-validate.
//!
//! Modules:
//! - [`error`]: the [`Localised`] trait (code, English and Indonesian message), [`FieldError`],
//!   [`Language`] from `Accept-Language`, and shared text-field rules.
//! - [`ids`]: UUIDv7 newtypes for every aggregate (`VacancyId`, `SeekerId`, ...).
//! - [`vocab`]: every enumeration of `docs/data-model.md` with exact spellings and labels.
//! - [`lifecycle`]: the [`Lifecycle`] trait, [`Actor`] and [`TransitionError`] shared by all
//!   state machines.
//! - [`nik`], [`phone`], [`email`], [`codes`] (SKKNI, KBJI, KBLI, NIB, NPWP), [`money`]
//!   (`Rupiah`, `WageRange`), [`region`] (kecamatan), [`calendar`] (month arithmetic, report
//!   month): validated value types.
//! - [`vacancy`]: vacancy lifecycle, draft validator, headcount rule.
//! - [`discrimination`]: flags on vacancy text and their justifications.
//! - [`application`]: the hiring pipeline and rejections.
//! - [`seeker`]: the AK/I card, seeker status, registration validator.
//! - [`evidence`]: certificates and competency evidence, best evidence per unit.
//! - [`training`]: cohorts, enrolment selection, quota, graduation evidence.
//! - [`placement`]: follow-ups at +3, +6 and +12 months.
//! - [`report`]: report groups (IPK age groups, KBJI major groups, KBLI categories) and thresholds.
//! - [`apprenticeship`]: apprenticeship programmes and apprentices.
//! - [`agreement`]: agreements with industry and commitment fulfilment.
//! - [`employer`]: employer registration and verification.
//! - [`taxonomy`]: records of the code tables (units, occupations, industries, vocations,
//!   regions), their drafts and validators, the vocation code.
//! - [`synonym`]: search synonym groups edited by officers, their normalised terms and validator.

pub mod agreement;
pub mod application;
pub mod apprenticeship;
pub mod calendar;
pub mod codes;
pub mod discrimination;
pub mod email;
pub mod employer;
pub mod error;
pub mod evidence;
pub mod ids;
pub mod lifecycle;
pub mod money;
pub mod nik;
pub mod phone;
pub mod placement;
pub mod region;
pub mod report;
pub mod seeker;
pub mod synonym;
pub mod taxonomy;
pub mod training;
pub mod vacancy;
pub mod vocab;

pub use error::{FieldError, Language, Localised};
pub use lifecycle::{Actor, Lifecycle, TransitionError};
