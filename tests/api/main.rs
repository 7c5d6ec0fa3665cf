//! Black-box tests of the HTTP API: one test binary, one module per area.

mod auth;
mod constraints;
mod errors;
mod health;
mod openapi;
mod seekers;
