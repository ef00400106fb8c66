//! Microsoft Entra ID (Azure AD) audit activities as a compile-time catalog.
//!
//! The build script reads every bundled version of Microsoft's audit activity reference
//! ([`Page::ALL`]: 2022-11-29 and 2024-10-04) into one set of static tables: every
//! (service, category, activity) any version documents is an [`Entry`] that knows which versions
//! list it. There is nothing to load at run time, and lookups allocate nothing. The API answers
//! the question audit pipelines and detection rules ask: is this (`loggedByService`, `category`,
//! `activityDisplayName`) a documented activity, which one, and since or until when? Exactly, or
//! forgiving the way real logs spell things, and saying what it forgave.
//!
//! # 1. Iterate
//!
//! [`entries`] are contiguous per [`Service`] (the parts of Entra ID that log activities, stable
//! across renamed headings); [`Category`] values are canonical (spaced and unspaced spellings
//! are one category). Each entry has a [`Listing`] per page version that lists it.
//!
//! ```
//! use aad_audit_catalog::{entries, Category, Page, Service};
//!
//! let pim = Service::PrivilegedIdentityManagement;
//! assert_eq!(pim.as_str(), "PIM"); // its loggedByService value
//! assert_eq!(pim.heading(Page::oldest()), Some("Privileged Identity Management"));
//! for e in Service::CoreDirectory.activities(Category::UserManagement).take(2) {
//!     println!("{} (documented in {})", e.activity(), e.pages());
//! }
//! assert_eq!(entries().iter().filter(|e| e.pages().contains(Page::oldest())).count(), 826);
//! ```
//!
//! # 2. Look up
//!
//! [`lookup_exact`] takes the pages' spellings; [`lookup`] also forgives case, whitespace,
//! Unicode dashes and trailing periods, and its [`Match`] says which of these it needed.
//! [`find_activity`] finds an activity wherever it is listed; [`search`] does substrings and
//! `*`/`?` globs. A [`Catalog`] answers as some page versions alone would.
//!
//! ```
//! use aad_audit_catalog::{find_activity, lookup, lookup_exact, Catalog, Normalization, Page};
//!
//! let e = lookup_exact("Core Directory", "UserManagement", "Add user").unwrap();
//! let m = lookup("core directory", "User Management", "ADD\u{a0}USER.").unwrap();
//! assert_eq!(m.entry(), e);
//! assert!(m.forgiven().contains(Normalization::TrailingPeriod));
//! assert_eq!(m.forgiven().to_string(), "case+whitespace+trailing-period");
//! assert_eq!(find_activity("add user").count(), 1);
//!
//! // New since 2022: documented now, unknown to the 2022 page.
//! let new = ("PIM", "GroupManagement", "Update role setting in PIM");
//! assert!(lookup(new.0, new.1, new.2).unwrap().entry().is_current());
//! assert!(Catalog::page(Page::oldest()).lookup(new.0, new.1, new.2).is_none());
//! ```
//!
//! # 3. Validate
//!
//! [`validate`] takes any of the three parts and returns what it found, or a
//! [`ValidationError`] that says in one line what is wrong: an unknown service, a category the
//! service does not use (and where it is used), an activity listed elsewhere (and where) or only
//! in other page versions, or an unknown activity with up to five close names (feature
//! `suggestions`).
//!
//! ```
//! use aad_audit_catalog::{validate, Catalog, Page};
//!
//! let err = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     r#"activity "Add user" is not listed under Core Directory / GroupManagement; it is listed under Core Directory / UserManagement"#
//! );
//! # #[cfg(feature = "suggestions")]
//! assert_eq!(
//!     validate(None, None, Some("Reset password for guest account")).unwrap_err().to_string(),
//!     r#"unknown activity "Reset password for guest account"; did you mean "Reset password"?"#
//! );
//! let old = Catalog::page(Page::oldest());
//! assert_eq!(
//!     old.validate(None, None, Some("Reset password (by admin)")).unwrap_err().to_string(),
//!     r#"activity "Reset password (by admin)" is not documented in the 2022-11-29 page; the 2024-10-04 page lists it under Self-service Password Management / UserManagement"#
//! );
//! ```
//!
//! # 4. What changed
//!
//! [`diff`] classifies every entry of two page versions as unchanged, added, removed,
//! respelled or moved: new activities to write rules for, and removed ones whose rules no
//! longer match anything documented.
//!
//! # 5. Check audit records (feature `records`)
//!
//! The `records` module reads the three shapes audit records arrive in (Graph
//! `directoryAudit`, Log Analytics `AuditLogs`, the diagnostic-settings envelope) in one pass
//! and checks any of them; `report` streams whole exports (JSON Lines or JSON), record by
//! record (`report::Reader`) or into a report (`report::Report`, on several threads if asked).
//! An `allowlist` of activities a tenant accepts gives records a verdict of their own. The
//! `aad-audit` command (feature `cli`) does the same from the shell.
//!
//! # 6. Lint detection rules (feature `rules`)
//!
//! The `rules` module reads Sigma rules and Microsoft Sentinel analytic rules and hunting
//! queries and checks every value they compare with the activity: a misspelled or outdated name
//! does not fail, the rule just never fires. Each value gets a verdict (documented, forgiven,
//! pattern, unknown, skipped) and a severity that says whether the rule can fire (a name only an
//! older page version documents is a warning); output as compiler-style text, JSON or SARIF.
//! `aad-audit lint` (features `cli` and `rules`) does the same from the shell. The `rules`
//! feature needs Rust 1.95 (the Sigma parser's); the rest of the crate needs 1.85.
//!
//! # Names in code
//!
//! Strings fixed in your source are better checked by the compiler: [`entry!`], [`service!`]
//! and [`category!`] fail to compile on a name that is not in the catalog. See
//! [`compile_time`] for when to use which.
//!
//! # What the pages got wrong
//!
//! [`notes`] (or [`Page::notes`]) lists every repair the reader made and every oddity it saw
//! (duplicate rows, rows without a header, missing or doubled pipes, spelling variants), each
//! with its page and line.
//!
//! # Cargo features, serialization, adding pages
//!
//! The README lists the Cargo features (default: `std` and `suggestions`; the core works
//! without `std`, on `phf` alone), what each public type serializes to with `serde`, and how
//! to build the catalog with one more page version (`AAD_AUDIT_CATALOG_REFERENCE`).
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(test)]
extern crate std;

#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod allowlist;
mod catalog;
pub mod compile_time;
#[cfg(feature = "std")]
mod diff;
mod entry;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
mod fold;
mod lookup;
mod note_kind;
mod page;
#[cfg(feature = "records")]
#[cfg_attr(docsrs, doc(cfg(feature = "records")))]
pub mod records;
#[cfg(feature = "records")]
#[cfg_attr(docsrs, doc(cfg(feature = "records")))]
pub mod report;
#[cfg(feature = "rules")]
#[cfg_attr(docsrs, doc(cfg(feature = "rules")))]
pub mod rules;
#[cfg(feature = "std")]
mod search;
#[cfg(feature = "serde")]
mod serde_impls;
mod service;
mod suggest;
mod tables;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "proptest", feature = "arbitrary"))))]
pub mod testing;
mod validate;

pub use catalog::Catalog;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use diff::{Change, Diff, diff};
pub use entry::{Entry, Listing, entries};
pub use lookup::{Field, Match, Normalization, Normalizations, find_activity, lookup, lookup_exact};
pub use page::{DATA_VERSION, Note, NoteKind, Page, Pages, UnknownPage, notes};
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use search::{Search, search};
pub use service::{Category, Heading, Service, categories, services};
pub use validate::{MAX_SUGGESTIONS, Suggestion, Validated, ValidationError, ValidationErrorKind, validate};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
