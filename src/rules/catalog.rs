//! Every question the `rules` module asks the catalog, in one place.
//!
//! The rest of the module never names a catalog function or type other than through this file
//! (and [`Entry`]'s accessors), so moving it to a new core API is a change here alone. Only the
//! crate's public API is used.
//!
//! PORT: the page-version API (`Entry::pages()`, `Page`, `Catalog::page(p)`) is not on this
//! branch yet. [`pages_of`] and [`newest_page`] stand in for it: today the crate bundles one
//! page, so every entry is listed in the newest page. When `Entry::pages()` lands, [`pages_of`]
//! becomes `entry.pages().iter().map(|p| p.date())` and [`newest_page`] becomes
//! `Page::latest().date()`; the "documented only in an older page" warning in `judge.rs` is
//! already written against these two functions and tested with made-up page lists.

use std::string::String;
use std::vec::Vec;

use crate::{Category, Entry, Field, Normalizations, Service, Suggestion};

/// A catalog entry, as the rules module sees it.
pub(super) type CatalogEntry = &'static Entry;

/// The date (`YYYY-MM-DD`) of the newest bundled page.
pub(super) fn newest_page() -> &'static str {
    // PORT: Page::latest().date()
    crate::SOURCE_DATE
}

/// The dates of the bundled pages that list `entry`, oldest first.
pub(super) fn pages_of(entry: CatalogEntry) -> Vec<&'static str> {
    // PORT: entry.pages().iter().map(|p| p.date()).collect()
    let _ = entry;
    std::vec![crate::SOURCE_DATE]
}

/// Every entry, in document order.
pub(super) fn all_entries() -> impl Iterator<Item = CatalogEntry> {
    crate::entries().iter()
}

/// Every entry whose activity is `name`, forgiving case, whitespace, dashes and trailing
/// periods, with what had to be forgiven in the activity.
pub(super) fn places(name: &str) -> Vec<(CatalogEntry, Normalizations)> {
    crate::find_activity(name).map(|m| (m.entry(), m.forgiven_in(Field::Activity))).collect()
}

/// Close activity names for an unknown `name`, best first (at most five).
pub(super) fn suggestions(name: &str) -> Vec<CatalogEntry> {
    match crate::validate(None, None, Some(name)) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .suggestions()
            .filter_map(|s| match s {
                Suggestion::Entry(e) => Some(e),
                _ => None,
            })
            .collect(),
    }
}

/// The service a `loggedByService` pin names, forgiving spelling, and what was forgiven; a
/// page heading spelled differently from the logged value counts as a whitespace or case
/// difference (logs carry the logged value).
pub(super) fn resolve_service(name: &str) -> Option<(Service, Normalizations)> {
    let v = crate::validate(Some(name), None, None).ok()?;
    let service = v.service()?;
    Some((service, v.forgiven_in(Field::Service)))
}

/// The category a `category` pin names, forgiving spelling, and what was forgiven.
pub(super) fn resolve_category(name: &str) -> Option<(Category, Normalizations)> {
    let v = crate::validate(None, Some(name), None).ok()?;
    let category = v.category()?;
    Some((category, v.forgiven_in(Field::Category)))
}

/// The `loggedByService` value audit records carry for `service`.
pub(super) fn service_log_value(service: Service) -> &'static str {
    // PORT: service.as_str() (the loggedByService value where known, else the heading).
    service.logged_by_service()
}

/// The `category` value audit records carry for `category`.
pub(super) fn category_log_value(category: Category) -> &'static str {
    category.as_str()
}

/// `entry` as the rules module reports it: (service as logged, category as logged, activity).
pub(super) fn describe(entry: CatalogEntry) -> (&'static str, &'static str, &'static str) {
    (service_log_value(entry.service()), category_log_value(entry.category()), entry.activity())
}

/// Text for "service / category" of an entry, for messages.
pub(super) fn place(entry: CatalogEntry) -> String {
    let (service, category, _) = describe(entry);
    std::format!("{service} / {category}")
}
