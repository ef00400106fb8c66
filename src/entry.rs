//! The catalog's records: [`Entry`] (one documented activity) and [`Listing`] (where a page
//! version lists it).

use core::fmt;

use crate::tables::{ENTRIES, LISTINGS};
use crate::{Category, Page, Pages, Service};

/// One documented audit activity: a (service, canonical category, activity) that at least one
/// page version lists.
///
/// Entries live in one static slice ([`entries`]), contiguous per service; you only ever hold
/// `&'static Entry`. Two entries are equal when they are the same entry. The activity is as
/// written on the page: a page that respells it (`Create Api connector`, later `Create API
/// connector`) makes a second entry, and [`diff`](crate::diff()) pairs them up.
///
/// ```
/// use aad_audit_catalog::{Category, Page, Service, lookup_exact};
///
/// let e = lookup_exact("Core Directory", "UserManagement", "Add user").unwrap();
/// assert_eq!((e.service(), e.category(), e.activity()), (Service::CoreDirectory, Category::UserManagement, "Add user"));
/// assert_eq!(e.to_string(), "Core Directory / UserManagement / Add user");
/// assert_eq!(e.pages().len(), 2, "listed in both page versions");
/// let listing = e.listing(Page::oldest()).unwrap();
/// assert_eq!((listing.heading(), listing.line()), ("Core directory", 716));
/// ```
pub struct Entry {
    pub(crate) index: u16,
    pub(crate) service: Service,
    pub(crate) category: Category,
    pub(crate) activity: &'static str,
    /// The activity, folded (see `fold`): what search, suggestions and diffs compare.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) folded: &'static str,
    pub(crate) pages: Pages,
    /// `LISTINGS[start..end]`.
    pub(crate) listings: (u16, u16),
}

impl Entry {
    /// The service that logs the activity.
    pub const fn service(&self) -> Service {
        self.service
    }

    /// The canonical category (spaced and unspaced spellings are one category).
    pub const fn category(&self) -> Category {
        self.category
    }

    /// The activity as written (surrounding whitespace trimmed): the `activityDisplayName` of
    /// matching audit records.
    pub const fn activity(&self) -> &'static str {
        self.activity
    }

    /// Position in [`entries`].
    pub const fn index(&self) -> usize {
        self.index as usize
    }

    /// The page versions that list the entry.
    pub const fn pages(&self) -> Pages {
        self.pages
    }

    /// Whether the newest page version lists the entry: documented now.
    pub const fn is_current(&self) -> bool {
        self.pages.contains(Page::latest())
    }

    /// Where each page version lists the entry, oldest page first (a page that lists it under
    /// two spellings of its category has two listings).
    pub fn listings(&self) -> &'static [Listing] {
        &LISTINGS[self.listings.0 as usize..self.listings.1 as usize]
    }

    /// Where `page` lists the entry (the first listing, if it has two).
    pub fn listing(&self, page: Page) -> Option<&'static Listing> {
        self.listings().iter().find(|l| l.page == page)
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Catalog order.
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.index.cmp(&other.index)
    }
}

impl core::hash::Hash for Entry {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("service", &self.service)
            .field("category", &self.category)
            .field("activity", &self.activity)
            .field("pages", &self.pages)
            .finish()
    }
}

impl fmt::Display for Entry {
    /// `service / category / activity`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {} / {}", self.service, self.category, self.activity)
    }
}

/// Where one page version lists an [`Entry`]: the row as written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Listing {
    pub(crate) entry: u16,
    pub(crate) page: Page,
    pub(crate) line: u32,
    pub(crate) category_as_written: &'static str,
    pub(crate) description: Option<&'static str>,
}

impl Listing {
    /// The entry listed.
    pub fn entry(&self) -> &'static Entry {
        &ENTRIES[self.entry as usize]
    }

    /// The page version.
    pub const fn page(&self) -> Page {
        self.page
    }

    /// 1-based line of the row in the page (front matter counted).
    pub const fn line(&self) -> u32 {
        self.line
    }

    /// The section heading the row is under, as this page writes it.
    pub fn heading(&self) -> &'static str {
        self.entry().service.heading(self.page).unwrap_or_default()
    }

    /// The category cell as written on the row (`User Management` or `UserManagement`).
    pub const fn category_as_written(&self) -> &'static str {
        self.category_as_written
    }

    /// The row's description, for tables with a `Description` column.
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }
}

/// Every entry of every page version, contiguous per service: the oldest page's order, with
/// what later pages add after its predecessor there.
///
/// ```
/// use aad_audit_catalog::{entries, Page, Service};
/// // The 2024 page's first section, new since 2022, comes before the 2022 page's first.
/// assert_eq!(entries()[0].service(), Service::AadManagementUx);
/// assert_eq!(entries().iter().filter(|e| e.pages().contains(Page::oldest())).count(), 826);
/// ```
pub fn entries() -> &'static [Entry] {
    &ENTRIES
}
