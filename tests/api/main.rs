//! Black-box tests of the HTTP API: one test binary, one module per area.

mod auth;
mod constraints;
mod employers;
mod errors;
mod health;
mod openapi;
mod search;
mod seed;
mod seekers;
mod taxonomy;
mod users;
mod vacancies;
