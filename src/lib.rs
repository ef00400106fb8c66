//! Microsoft Entra ID (Azure AD) audit activities as a compile-time catalog.
//!
//! `build.rs` reads Microsoft's *Azure AD audit activity reference* (bundled in `data/`; see
//! [`SOURCE_TITLE`] and [`SOURCE_DATE`]) into perfect-hash tables of service -> category ->
//! activity. There is nothing to load at run time, and lookups hash once per level and
//! allocate nothing. The API answers the question audit pipelines and detection rules ask: is
//! this (`loggedByService`, `category`, `activityDisplayName`) a documented activity, and which
//! one? Exactly, or forgiving the way real logs spell things, and saying what it forgave.
//!
//! # 1. Iterate
//!
//! Every row of the page is an [`Entry`] (or, if it repeats a row, a [`Note`]); entries are in
//! document order, services ([`Service`]) are the page's sections, and categories
//! ([`Category`]) are canonical (spaced and unspaced spellings are one category).
//!
//! ```
//! use aad_audit_catalog::{entries, services, Category, Service};
//!
//! assert_eq!(entries().len(), 826);
//! assert_eq!(services().len(), 20);
//! let pim = Service::PrivilegedIdentityManagement;
//! assert_eq!((pim.heading(), pim.log_names()), ("Privileged Identity Management", &["PIM"][..]));
//! let first = Service::CoreDirectory.categories().next().unwrap();
//! assert_eq!(first, Category::AdministrativeUnit);
//! for e in Service::CoreDirectory.activities(Category::UserManagement).take(2) {
//!     println!("line {}: {}", e.line(), e.activity());
//! }
//! ```
//!
//! # 2. Look up
//!
//! [`lookup_exact`] takes the page's spellings (and a service's `loggedByService` values);
//! [`lookup`] also forgives case, whitespace, Unicode dashes and trailing periods, and its
//! [`Match`] says which of these it needed. [`find_activity`] finds an activity wherever it is
//! listed; [`search`] does substrings and `*`/`?` globs.
//!
//! ```
//! use aad_audit_catalog::{find_activity, lookup, lookup_exact, Normalization};
//!
//! let e = lookup_exact("Core Directory", "UserManagement", "Add user").unwrap();
//! let m = lookup("core directory", "User Management", "ADD\u{a0}USER.").unwrap();
//! assert_eq!(m.entry(), e);
//! assert!(m.forgiven().contains(Normalization::TrailingPeriod));
//! assert_eq!(m.forgiven().to_string(), "case+whitespace+trailing-period");
//! assert_eq!(find_activity("add user").count(), 1);
//! ```
//!
//! # 3. Validate
//!
//! [`validate`] takes any of the three parts and returns what it found, or a
//! [`ValidationError`] that says in one line what is wrong: an unknown service, a category the
//! service does not use (and where it is used), an activity listed elsewhere (and where), or
//! an unknown activity with up to five close names (feature `suggestions`).
//!
//! ```
//! use aad_audit_catalog::validate;
//!
//! let err = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     r#"activity "Add user" is not listed under Core directory / GroupManagement; it is listed under Core directory / UserManagement"#
//! );
//! # #[cfg(feature = "suggestions")]
//! assert_eq!(
//!     validate(None, None, Some("Reset pasword")).unwrap_err().to_string(),
//!     r#"unknown activity "Reset pasword"; did you mean "Reset password", "Reset user password"?"#
//! );
//! ```
//!
//! # 4. Check audit records (feature `records`)
//!
//! [`records`] reads the three shapes audit records arrive in (Graph `directoryAudit`, Log
//! Analytics `AuditLogs`, the diagnostic-settings envelope) in one pass and checks any of
//! them; [`report`] streams whole exports (JSON Lines or JSON), record by record
//! ([`report::Reader`]) or into a report ([`report::Report`], on several threads if asked).
//! An [`allowlist`] of activities a tenant accepts (feature `std`) gives records of its own
//! verdict. The `aad-audit` command (feature `cli`) does the same from the shell.
//!
//! ```
//! # #[cfg(feature = "records")] {
//! use aad_audit_catalog::records::{check, Record, Verdict};
//!
//! let json = r#"{"activityDisplayName": "Add user", "category": "UserManagement", "loggedByService": "Core Directory"}"#;
//! assert!(matches!(check(&Record::from_json(json).unwrap()), Verdict::Exact(_)));
//! # }
//! ```
//!
//! # Names in code
//!
//! Strings fixed in your source are better checked by the compiler: [`entry!`], [`service!`]
//! and [`category!`] fail to compile on a name that is not in the catalog. See
//! [`compile_time`] for when to use which.
//!
//! # What the page got wrong
//!
//! [`notes`] lists every repair the reader made and every oddity it saw (duplicate rows, rows
//! without a header, missing or doubled pipes, spelling variants), each with its line.
//!
//! # Cargo features
//!
//! | feature | default | what it adds | needs |
//! | --- | --- | --- | --- |
//! | `std` | yes | [`search`], `std::error::Error` for errors | std |
//! | `serde` | yes | `Serialize` for the public types; `Deserialize` for services, categories and entries, through the lookup | serde (no_std) |
//! | `suggestions` | yes | close names in [`ValidationError`]s | `std`, strsim |
//! | `records` | no | [`records`] and [`report`] | `std`, `serde`, serde_json, memchr, rayon |
//! | `export` | no | [`export`]: the catalog as CSV and JSON | `std`, `serde`, csv, serde_json |
//! | `cli` | no | the `aad-audit` command | `records`, `export`, clap, indicatif |
//! | `proptest` | no | `testing`: proptest strategies for entries and log-style spellings | `std`, proptest |
//! | `arbitrary` | no | `testing`: `Arbitrary` for entries, services and categories | arbitrary |
//!
//! Without default features the crate is `#![no_std]`, depends on `phf` alone, and still
//! iterates, looks up (exactly and forgivingly, without allocating) and validates (without
//! suggestions).
//!
//! # Building from a newer page
//!
//! Set `AAD_AUDIT_CATALOG_REFERENCE=/path/to/page.md` to build the catalog from another copy
//! of the page, and `AAD_AUDIT_CATALOG_STRICT=1` to turn every source note into a build error
//! (see the README).
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
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod allowlist;
pub mod compile_time;
mod entry;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
mod lookup;
mod normalize;
mod note_kind;
mod notes;
#[cfg(feature = "records")]
#[cfg_attr(docsrs, doc(cfg(feature = "records")))]
pub mod records;
#[cfg(feature = "records")]
#[cfg_attr(docsrs, doc(cfg(feature = "records")))]
pub mod report;
#[cfg(feature = "std")]
mod search;
#[cfg(feature = "serde")]
mod serde_impls;
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
