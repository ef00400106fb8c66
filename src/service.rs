//! Services and categories: their names, headings and spellings, and the entries under them.

use core::fmt;

use crate::lookup::{resolve_category, resolve_service};
use crate::tables::{self, CATEGORIES, CategoryData, ENTRIES, GROUPS, SERVICES, ServiceData};
pub use crate::tables::{Category, Service};
use crate::{Entry, Page};

/// A service's section heading as one page version writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Heading {
    pub(crate) page: Page,
    pub(crate) text: &'static str,
    pub(crate) line: u32,
}

impl Heading {
    /// The page version.
    pub const fn page(&self) -> Page {
        self.page
    }

    /// The heading as written (`Core directory`, `Core Directory`).
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// 1-based line of the heading in the page.
    pub const fn line(&self) -> u32 {
        self.line
    }
}

/// Every service, in catalog order (the same as [`Service::ALL`]).
pub fn services() -> impl DoubleEndedIterator<Item = Service> + ExactSizeIterator + Clone {
    Service::ALL.into_iter()
}

/// Every canonical category, in order of first appearance (the same as [`Category::ALL`]).
pub fn categories() -> impl DoubleEndedIterator<Item = Category> + ExactSizeIterator + Clone {
    Category::ALL.into_iter()
}

impl Service {
    pub(crate) const fn data(self) -> &'static ServiceData {
        &SERVICES[self as usize]
    }

    /// The service's name: its `loggedByService` value where one is known (what audit records
    /// carry and queries filter on), else its newest heading.
    ///
    /// ```
    /// use aad_audit_catalog::Service;
    /// assert_eq!(Service::PrivilegedIdentityManagement.as_str(), "PIM");
    /// assert_eq!(Service::AzureMfa.as_str(), "Microsoft Entra (Azure MFA) multifactor authentication");
    /// ```
    pub const fn as_str(self) -> &'static str {
        self.data().name
    }

    /// The `loggedByService` value audit records carry, where one is known (`data/services.csv`).
    pub const fn logged_by_service(self) -> Option<&'static str> {
        self.data().logged_by_service
    }

    /// The section heading as `page` writes it, if that page has the service.
    ///
    /// ```
    /// use aad_audit_catalog::{Page, Service};
    /// let core = Service::CoreDirectory;
    /// assert_eq!(core.heading(Page::oldest()), Some("Core directory"));
    /// assert_eq!(core.heading(Page::latest()), Some("Core Directory"));
    /// ```
    pub fn heading(self, page: Page) -> Option<&'static str> {
        self.headings().iter().find(|h| h.page == page).map(|h| h.text)
    }

    /// Every name the service answers to: its name ([`Service::as_str`]), then each distinct
    /// heading of the pages, oldest first.
    ///
    /// ```
    /// use aad_audit_catalog::Service;
    /// assert_eq!(Service::CoreDirectory.names(), ["Core Directory", "Core directory"]);
    /// ```
    pub const fn names(self) -> &'static [&'static str] {
        self.data().names
    }

    /// The service's section heading in each page version that has it, oldest first.
    pub const fn headings(self) -> &'static [Heading] {
        self.data().headings
    }

    /// The service's entries, in catalog order.
    pub fn entries(self) -> &'static [Entry] {
        let (start, end) = self.data().entries;
        &ENTRIES[start as usize..end as usize]
    }

    /// The categories the service uses, in order of first appearance.
    pub fn categories(self) -> impl DoubleEndedIterator<Item = Category> + ExactSizeIterator + Clone {
        let (start, end) = self.data().groups;
        GROUPS[start as usize..end as usize].iter().map(|g| g.category)
    }

    /// The service's entries under `category`, in catalog order; empty if the service does
    /// not use the category.
    pub fn activities(
        self,
        category: Category,
    ) -> impl DoubleEndedIterator<Item = &'static Entry> + ExactSizeIterator + Clone {
        let (start, end) = self.data().groups;
        let group = GROUPS[start as usize..end as usize].iter().find(|g| g.category == category);
        tables::entries_of(&tables::GROUP_ENTRIES, group.map_or((0, 0), |g| g.entries))
    }

    /// Whether the service lists any activity under `category`.
    pub fn uses(self, category: Category) -> bool {
        self.categories().any(|c| c == category)
    }

    /// The service one of whose [names](Service::names) is exactly `name`.
    pub fn from_name(name: &str) -> Option<Service> {
        resolve_service(name).filter(|(_, n)| n.is_empty()).map(|(s, _)| s)
    }
}

impl fmt::Display for Service {
    /// The name ([`Service::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Category {
    pub(crate) const fn data(self) -> &'static CategoryData {
        &CATEGORIES[self as usize]
    }

    /// The canonical name: the pages' unspaced spelling where they have one (what logs carry),
    /// else their most used spelling (`Terms Of Use`).
    pub const fn as_str(self) -> &'static str {
        self.data().name
    }

    /// Every spelling the pages use for the category, in order of first appearance.
    ///
    /// ```
    /// use aad_audit_catalog::Category;
    /// assert_eq!(Category::UserManagement.spellings(), ["UserManagement", "User Management"]);
    /// ```
    pub const fn spellings(self) -> &'static [&'static str] {
        self.data().spellings
    }

    /// The services that list activities under the category, in catalog order.
    pub const fn services(self) -> &'static [Service] {
        self.data().services
    }

    /// Every entry under the category, across services, in catalog order.
    pub fn entries(self) -> impl Iterator<Item = &'static Entry> + Clone {
        self.services().iter().flat_map(move |s| s.activities(self))
    }

    /// The category with `name` as its canonical name or one of its spellings, exactly.
    pub fn from_name(name: &str) -> Option<Category> {
        resolve_category(name).filter(|(_, n)| n.is_empty()).map(|(c, _)| c)
    }
}

impl fmt::Display for Category {
    /// The canonical name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::str::FromStr for Service {
    type Err = crate::ValidationError;

    /// A service by any of its names, forgiving spelling as [`lookup`](crate::lookup) does; the
    /// error is [`validate`](crate::validate)'s.
    ///
    /// ```
    /// use aad_audit_catalog::Service;
    /// assert_eq!("PIM".parse::<Service>().unwrap(), Service::PrivilegedIdentityManagement);
    /// assert_eq!("core  DIRECTORY".parse::<Service>().unwrap(), Service::CoreDirectory);
    /// assert!("Core Directry".parse::<Service>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Service, Self::Err> {
        crate::validate::parse_service(s)
    }
}

impl TryFrom<&str> for Service {
    type Error = crate::ValidationError;

    fn try_from(s: &str) -> Result<Service, Self::Error> {
        s.parse()
    }
}

impl core::str::FromStr for Category {
    type Err = crate::ValidationError;

    /// A category by any spelling, forgiving spelling (spaces and case included); the error is
    /// [`validate`](crate::validate)'s.
    ///
    /// ```
    /// use aad_audit_catalog::Category;
    /// assert_eq!("User Management".parse::<Category>().unwrap(), Category::UserManagement);
    /// assert_eq!("termsofuse".parse::<Category>().unwrap().as_str(), "Terms Of Use");
    /// ```
    fn from_str(s: &str) -> Result<Category, Self::Err> {
        crate::validate::parse_category(s)
    }
}

impl TryFrom<&str> for Category {
    type Error = crate::ValidationError;

    fn try_from(s: &str) -> Result<Category, Self::Error> {
        s.parse()
    }
}
