//! Microsoft Entra ID (Azure AD) audit activities as a compile-time catalog.
//!
//! Names fixed in your source are checked by the compiler with [`entry!`], [`service!`] and
//! [`category!`]; data that arrives at run time goes through [`lookup`] or [`validate`]. See
//! [`compile_time`] for when to use which.
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(test)]
extern crate std;

#[doc(hidden)]
pub mod __private;
pub mod compile_time;
mod entry;
mod lookup;
mod normalize;
mod notes;
#[cfg(feature = "std")]
mod search;
// Some tables serve only optional features (suggestions, search).
#[cfg_attr(not(all(feature = "std", feature = "suggestions")), allow(dead_code))]
mod tables;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "proptest", feature = "arbitrary"))))]
pub mod testing;
mod validate;

#[cfg(test)]
#[path = "codegen.rs"]
mod codegen;
#[cfg(test)]
#[path = "reader.rs"]
#[allow(dead_code)] // Parts only build.rs uses.
mod reader;

pub use entry::{Category, Entry, Service, categories, entries, services};
pub use lookup::{Field, Match, Normalization, Normalizations, find_activity, lookup, lookup_exact};
pub use notes::{Note, NoteKind, SOURCE_DATE, SOURCE_FILE, SOURCE_ROWS, SOURCE_TITLE, notes};
#[cfg(feature = "std")]
pub use search::{Search, search};
pub use validate::{MAX_SUGGESTIONS, Suggestion, Validated, ValidationError, ValidationErrorKind, validate};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
