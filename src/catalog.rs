//! [`Catalog`]: the catalog as some page versions document it.

use crate::{Entry, Match, Page, Pages, Validated, ValidationError};

/// The catalog restricted to some page versions: what was documented then.
///
/// The free functions ([`lookup`](crate::lookup), [`validate`](crate::validate), ...) answer over
/// every bundled page version ([`Catalog::all`]), and each match's entry says which versions list
/// it ([`Entry::pages`]). A `Catalog` of one page answers as that page alone would: an entry it
/// does not list is not found, and validation says where else it is documented.
///
/// ```
/// use aad_audit_catalog::{Catalog, Page};
///
/// let (old, new) = (Catalog::page(Page::oldest()), Catalog::page(Page::latest()));
/// let name = ("PIM", "GroupManagement", "Update role setting in PIM");
/// assert!(old.lookup(name.0, name.1, name.2).is_none());
/// let m = new.lookup(name.0, name.1, name.2).unwrap();
/// assert!(m.entry().is_current());
/// assert_eq!(old.entries().count(), 826);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Catalog {
    pages: Pages,
}

impl Catalog {
    /// Every bundled page version.
    pub const fn all() -> Catalog {
        Catalog { pages: Pages::ALL }
    }

    /// One page version.
    pub const fn page(page: Page) -> Catalog {
        Catalog { pages: Pages::one(page) }
    }

    /// Some page versions (an empty set finds nothing).
    pub const fn pages(pages: Pages) -> Catalog {
        Catalog { pages }
    }

    /// The page versions it answers from.
    pub const fn page_set(self) -> Pages {
        self.pages
    }

    /// The entries these pages list, in catalog order.
    #[must_use]
    pub fn entries(self) -> impl DoubleEndedIterator<Item = &'static Entry> + Clone {
        let pages = self.pages;
        crate::entries().iter().filter(move |e| e.pages.intersects(pages))
    }

    /// [`lookup_exact`](crate::lookup_exact) in these pages.
    #[must_use]
    pub fn lookup_exact(self, service: &str, category: &str, activity: &str) -> Option<&'static Entry> {
        self.lookup(service, category, activity).filter(Match::is_exact).map(|m| m.entry)
    }

    /// [`lookup`](crate::lookup) in these pages.
    #[must_use]
    pub fn lookup(self, service: &str, category: &str, activity: &str) -> Option<Match> {
        crate::lookup::lookup_in(self.pages, service, category, activity)
    }

    /// [`find_activity`](crate::find_activity) in these pages.
    pub fn find_activity(self, name: &str) -> impl Iterator<Item = Match> + Clone + '_ {
        crate::lookup::find_activity_in(self.pages, name)
    }

    /// [`validate`](crate::validate) in these pages.
    pub fn validate(
        self,
        service: Option<&str>,
        category: Option<&str>,
        activity: Option<&str>,
    ) -> Result<Validated, ValidationError> {
        crate::validate::validate_in(self.pages, service, category, activity)
    }

    /// [`search`](crate::search()) in these pages.
    #[cfg(feature = "std")]
    #[must_use]
    pub fn search(self, pattern: &str) -> crate::Search {
        crate::search(pattern).in_pages(self.pages)
    }
}

impl Default for Catalog {
    /// Every bundled page version.
    fn default() -> Catalog {
        Catalog::all()
    }
}
