//! The steps of the build, as plain functions over plain data: read each page
//! ([`page`]), read the services mapping ([`services`]), arrange everything into one model
//! ([`model`]) and write it out as Rust ([`emit`]). `build/main.rs` runs them; the tests in
//! `tests/build_steps.rs` compile this folder too.

pub mod emit;
pub mod model;
pub mod page;
pub mod services;

// Pure code the library ships too: folding (the keys of the lookup maps) and note kinds.
#[path = "../../src/fold.rs"]
#[allow(dead_code)]
pub mod fold;
#[path = "../../src/note_kind.rs"]
pub mod note_kind;
