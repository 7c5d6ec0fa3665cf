//! Black-box tests of the HTTP API: one test binary, one module per area.

mod agreements;
mod apprenticeships;
mod auth;
mod constraints;
mod employers;
mod errors;
mod health;
mod idempotency;
mod journey;
mod notifications;
mod openapi;
mod pipeline;
mod placements;
mod reports;
mod search;
mod search_synonyms;
mod seed;
mod seekers;
mod taxonomy;
mod training;
mod users;
mod vacancies;
