//! Black-box tests of the HTTP API: one test binary, one module per area.

mod errors;
mod health;
mod openapi;
