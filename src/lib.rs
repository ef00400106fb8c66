//! Microsoft Entra ID (Azure AD) audit activities as a compile-time catalog.
//!
//! Names fixed in your source are checked by the compiler with [`entry!`], [`service!`] and
//! [`category!`]; data that arrives at run time goes through [`lookup`] or [`validate`]. See
//! [`compile_time`] for when to use which.
//!
//! The catalog is built from Microsoft's audit activity reference page by `build.rs`; see the
//! README for the tour. Cargo features:
//!
//! - `std` (default): search, owned error text, `std::error::Error`.
//! - `serde` (default): the public types serialize; services, categories and entries
//!   deserialize through the lookup (section *serde* below).
//! - `suggestions` (default): "did you mean" suggestions in validation errors.
//! - `records`: the [`records`] module (audit record types in the three shapes they arrive in,
//!   and one check for all of them) and the [`report`] module (streaming validation of JSON
//!   Lines or JSON exports into a report).
//! - `export`: the [`export`] module, the whole catalog as CSV or JSON.
//! - `cli`: the `aad-audit` command.
//!
//! Without default features the crate is `no_std` and depends on `phf` alone.
//!
//! # serde
//!
//! What each public type serializes to:
//!
//! | type | serialized as |
//! | --- | --- |
//! | [`Service`] | its heading: `"Core directory"` |
//! | [`Category`] | its canonical name: `"UserManagement"` |
//! | [`Normalization`] | its kebab-case name: `"trailing-period"` |
//! | [`Normalizations`] | a list of names: `["case", "trailing-period"]` (`[]` is exact) |
//! | [`Field`] | `"service"`, `"category"` or `"activity"` |
//! | [`Entry`] | `{"service", "category", "categoryAsWritten", "activity", "line"}` (and `"description"` when the row has one) |
//! | [`Match`] | `{"entry", "exact", "forgiven", "forgivenIn": {"service", "category", "activity"}}` |
//! | [`Validated`] | `{"service", "category", "entry", "exact", "forgiven"}` (absent parts are `null`) |
//! | [`ValidationError`] | `{"kind", "field", "given", "message", "suggestions", "total"}` |
//! | [`Suggestion`] | `{"service": ..}`, `{"category": ..}` or `{"entry": {..}}` |
//! | [`Note`] / [`NoteKind`] | `{"file", "line", "kind", "text"}` / `"duplicate-row"` |
//!
//! [`Service`], [`Category`] and [`Entry`] also deserialize, *through the lookup*: a service
//! from any heading or `loggedByService` value, a category from any spelling, an entry from an
//! object `{"service", "category", "activity"}` (also spelled `loggedByService` and
//! `activityDisplayName`, so a Graph `directoryAudit` record deserializes as its entry), all
//! forgiving spelling as [`lookup`] does. A name that is not in the catalog is a
//! deserialization error carrying the [`ValidationError`] text ("did you mean" included). The
//! entry's other keys (`categoryAsWritten`, `line`, anything else) are ignored, so a serialized
//! entry reads back as itself.
//!
//! ```
//! # #[cfg(feature = "std")] {
//! use aad_audit_catalog::{Category, Entry, Service};
//!
//! let e: &Entry = serde_json::from_str(r#"{"service": "Core Directory", "category": "User Management", "activity": "add user"}"#).unwrap();
//! assert_eq!(e.line(), 716);
//! assert_eq!(
//!     serde_json::to_string(e).unwrap(),
//!     r#"{"service":"Core directory","category":"UserManagement","categoryAsWritten":"UserManagement","activity":"Add user","line":716}"#
//! );
//! let s: Service = serde_json::from_str(r#""PIM""#).unwrap();
//! assert_eq!(s, Service::PrivilegedIdentityManagement);
//!
//! let err = serde_json::from_str::<Category>(r#""UserManagment""#).unwrap_err();
//! # #[cfg(feature = "suggestions")]
//! assert!(err.to_string().starts_with(r#"unknown category "UserManagment"; did you mean "UserManagement""#));
//! # }
//! ```
//!
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
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
mod lookup;
mod normalize;
mod notes;
#[cfg(feature = "records")]
#[cfg_attr(docsrs, doc(cfg(feature = "records")))]
pub mod records;
#[cfg(feature = "records")]
#[cfg_attr(docsrs, doc(cfg(feature = "records")))]
pub mod report;
#[cfg(feature = "std")]
mod search;
// Some tables serve only optional features (suggestions, search).
#[cfg_attr(not(all(feature = "std", feature = "suggestions")), allow(dead_code))]
#[cfg(feature = "serde")]
mod serde_impls;
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
