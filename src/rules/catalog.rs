//! Every question the `rules` module asks the catalog, in one place.
//!
//! The rest of the module never names a catalog function or type other than through this file
//! (and [`Entry`]'s accessors). Only the crate's public API is used.
//!
//! The lint checks against every bundled page version ([`Catalog::all`]): a rule that names an
//! activity only an older page documents still matches records logged back then, so it is a
//! warning ([`is_current`], [`last_page`]), not an unknown name. Close names are offered from the
//! newest page only: a rule should be fixed towards what is logged today.

use std::string::String;
use std::vec::Vec;

use crate::{Catalog, Category, Entry, Field, Normalizations, Page, Service, Suggestion};

/// A catalog entry, as the rules module sees it.
pub(super) type CatalogEntry = &'static Entry;

/// A place an activity name is listed, and what had to be forgiven in the name to find it.
pub(super) type Place = (CatalogEntry, Normalizations);

/// The date (`YYYY-MM-DD`) of the newest bundled page.
pub(super) fn newest_page() -> &'static str {
    Page::latest().date()
}

/// Whether the newest bundled page lists `entry`.
pub(super) fn is_current(entry: CatalogEntry) -> bool {
    entry.pages().contains(Page::latest())
}

/// The date of the newest bundled page that lists `entry`.
pub(super) fn last_page(entry: CatalogEntry) -> Option<&'static str> {
    entry.pages().last().map(Page::date)
}

/// The dates of the bundled pages that list `entry`, oldest first.
pub(super) fn pages_of(entry: CatalogEntry) -> Vec<&'static str> {
    entry.pages().iter().map(Page::date).collect()
}

/// Every entry of every bundled page, in catalog order.
pub(super) fn all_entries() -> impl Iterator<Item = CatalogEntry> {
    crate::entries().iter()
}

/// Every entry whose activity is `name`, forgiving case, whitespace, dashes and trailing
/// periods, with what had to be forgiven in the activity.
pub(super) fn places(name: &str) -> Vec<Place> {
    Catalog::all().find_activity(name).map(|m| (m.entry(), m.forgiven_in(Field::Activity))).collect()
}

/// The place needing the fewest normalizations, then one the newest page lists, then the first
/// in catalog order.
pub(super) fn closest(places: &[Place]) -> Option<&Place> {
    places.iter().min_by_key(|(e, n)| (n.len(), !is_current(e), e.index()))
}

/// Close activity names the newest page documents for an unknown `name`, best first (at most
/// five).
pub(super) fn suggestions(name: &str) -> Vec<CatalogEntry> {
    match Catalog::page(Page::latest()).validate(None, None, Some(name)) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .suggestions()
            .filter_map(|s| match s {
                Suggestion::Entry(e) if is_current(e) => Some(e),
                _ => None,
            })
            .collect(),
    }
}

/// The service a `loggedByService` pin names (its logged value or a heading of any page),
/// forgiving spelling, and what was forgiven.
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

/// The service's name: the `loggedByService` value audit records carry where it is known, else
/// the newest page's heading.
pub(super) fn service_name(service: Service) -> &'static str {
    service.as_str()
}

/// The `loggedByService` value audit records carry for `service`, where it is known.
pub(super) fn service_log_value(service: Service) -> Option<&'static str> {
    service.logged_by_service()
}

/// The service's section headings, as the bundled pages write them (oldest page first, each
/// once).
pub(super) fn service_headings(service: Service) -> Vec<&'static str> {
    let mut headings: Vec<&'static str> = service.headings().iter().map(|h| h.text()).collect();
    headings.dedup();
    headings
}

/// The `category` value audit records carry for `category`.
pub(super) fn category_log_value(category: Category) -> &'static str {
    category.as_str()
}

/// `entry` as the rules module reports it: (service name, category as logged, activity).
pub(super) fn describe(entry: CatalogEntry) -> (&'static str, &'static str, &'static str) {
    (service_name(entry.service()), category_log_value(entry.category()), entry.activity())
}

/// Text for "service / category" of an entry, for messages.
pub(super) fn place(entry: CatalogEntry) -> String {
    let (service, category, _) = describe(entry);
    std::format!("{service} / {category}")
}
