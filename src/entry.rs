//! The catalog's records: [`Entry`], [`Service`] and [`Category`], and iteration over them.

use core::fmt;

use crate::tables::{self, CATEGORIES, ENTRIES, GROUPS, SERVICES};
pub use crate::tables::{Category, Service};

/// One documented audit activity: a row of the reference page.
///
/// Entries live in one static slice in document order ([`entries`]); you only ever hold
/// `&'static Entry`. Two entries are equal when they are the same row.
///
/// ```
/// use aad_audit_catalog::{Category, Service, lookup_exact};
///
/// let e = lookup_exact("Core directory", "UserManagement", "Add user").unwrap();
/// assert_eq!(e.service(), Service::CoreDirectory);
/// assert_eq!(e.category(), Category::UserManagement);
/// assert_eq!(e.activity(), "Add user");
/// assert_eq!(e.to_string(), "Core directory / UserManagement / Add user");
/// ```
pub struct Entry {
    pub(crate) index: u16,
    pub(crate) service: Service,
    pub(crate) category: Category,
    pub(crate) category_as_written: &'static str,
    pub(crate) activity: &'static str,
    pub(crate) description: Option<&'static str>,
    pub(crate) line: u32,
    /// The activity, folded (see `normalize`): what search and suggestions compare.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) folded: &'static str,
}

impl Entry {
    /// The service (section) the row is under.
    pub const fn service(&self) -> Service {
        self.service
    }

    /// The section heading as written on the page (`Core directory`).
    pub fn heading(&self) -> &'static str {
        self.service.heading()
    }

    /// The canonical category (spaced and unspaced spellings are one category).
    pub const fn category(&self) -> Category {
        self.category
    }

    /// The category cell as written on the row (`User Management` or `UserManagement`).
    pub const fn category_as_written(&self) -> &'static str {
        self.category_as_written
    }

    /// The activity cell as written (surrounding whitespace trimmed): the
    /// `activityDisplayName` of matching audit records.
    pub const fn activity(&self) -> &'static str {
        self.activity
    }

    /// The row's description, for pages whose tables have a `Description` column.
    /// The bundled page has none, so this is `None` for every bundled entry.
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }

    /// 1-based line of the row in the page (front matter counted).
    pub const fn line(&self) -> u32 {
        self.line
    }

    /// Position in [`entries`] (document order).
    pub const fn index(&self) -> usize {
        self.index as usize
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
    /// Document order.
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
            .field("service", &self.heading())
            .field("category", &self.category_as_written)
            .field("activity", &self.activity)
            .field("line", &self.line)
            .finish()
    }
}

impl fmt::Display for Entry {
    /// `service heading / canonical category / activity`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {} / {}", self.heading(), self.category.as_str(), self.activity)
    }
}

/// Every entry, in document order: one per distinct (service, category, activity) row.
///
/// ```
/// let all = aad_audit_catalog::entries();
/// assert_eq!(all.len(), 826);
/// assert_eq!(all[0].activity(), "Create program");
/// ```
pub fn entries() -> &'static [Entry] {
    &ENTRIES
}

/// Every service, in document order (the same as [`Service::ALL`]).
pub fn services() -> impl DoubleEndedIterator<Item = Service> + ExactSizeIterator + Clone {
    Service::ALL.into_iter()
}

/// Every canonical category, in order of first appearance (the same as [`Category::ALL`]).
pub fn categories() -> impl DoubleEndedIterator<Item = Category> + ExactSizeIterator + Clone {
    Category::ALL.into_iter()
}

impl Service {
    fn data(self) -> &'static tables::ServiceData {
        &SERVICES[self as usize]
    }

    /// The section heading as written on the page: the canonical name.
    pub fn heading(self) -> &'static str {
        self.data().heading
    }

    /// The canonical name: the same as [`Service::heading`].
    pub fn as_str(self) -> &'static str {
        self.data().heading
    }

    /// The `loggedByService` values audit records carry for this service (from
    /// `data/services.csv`); empty where none is known, and the heading is used.
    ///
    /// ```
    /// use aad_audit_catalog::Service;
    /// assert_eq!(Service::PrivilegedIdentityManagement.log_names(), ["PIM"]);
    /// assert!(Service::AzureMfa.log_names().is_empty());
    /// ```
    pub fn log_names(self) -> &'static [&'static str] {
        self.data().log_names
    }

    /// The value to expect in `loggedByService`: the first known log name, else the heading.
    pub fn logged_by_service(self) -> &'static str {
        self.data().log_names.first().copied().unwrap_or(self.data().heading)
    }

    /// 1-based line of the section heading.
    pub fn line(self) -> u32 {
        self.data().line
    }

    /// The service's entries, in document order.
    pub fn entries(self) -> &'static [Entry] {
        let (start, end) = self.data().entries;
        &ENTRIES[start as usize..end as usize]
    }

    /// The categories the service uses, in order of first appearance.
    pub fn categories(self) -> impl DoubleEndedIterator<Item = Category> + ExactSizeIterator + Clone {
        let (start, end) = self.data().groups;
        GROUPS[start as usize..end as usize].iter().map(|g| g.category)
    }

    /// The service's entries under `category` (any page spelling of it), in document order;
    /// empty if the service does not use the category.
    pub fn activities(
        self,
        category: Category,
    ) -> impl DoubleEndedIterator<Item = &'static Entry> + ExactSizeIterator + Clone {
        let (start, end) = self.data().groups;
        let range =
            GROUPS[start as usize..end as usize].iter().find(|g| g.category == category).map_or((0, 0), |g| g.entries);
        tables::entries_of(&tables::GROUP_ENTRIES, range)
    }

    /// Whether the service lists any activity under `category`.
    pub fn uses(self, category: Category) -> bool {
        self.categories().any(|c| c == category)
    }

    /// The service whose heading or `loggedByService` value is exactly `name`.
    pub fn from_name(name: &str) -> Option<Service> {
        tables::SERVICE_EXACT.get(name).copied()
    }
}

impl fmt::Display for Service {
    /// The heading.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.heading())
    }
}

impl Category {
    fn data(self) -> &'static tables::CategoryData {
        &CATEGORIES[self as usize]
    }

    /// The canonical name: the page's unspaced spelling where it has one (what logs carry),
    /// else the page's spelling (`Terms Of Use`).
    pub fn as_str(self) -> &'static str {
        self.data().name
    }

    /// Every spelling the page uses for the category, in order of first appearance.
    ///
    /// ```
    /// use aad_audit_catalog::Category;
    /// assert_eq!(Category::UserManagement.spellings(), ["UserManagement", "User Management"]);
    /// ```
    pub fn spellings(self) -> &'static [&'static str] {
        self.data().spellings
    }

    /// The services that list activities under the category, in document order.
    pub fn services(self) -> &'static [Service] {
        self.data().services
    }

    /// Every entry under the category, across services, in document order.
    pub fn entries(self) -> impl Iterator<Item = &'static Entry> + Clone {
        self.services().iter().flat_map(move |s| s.activities(self))
    }

    /// The category with `name` as its canonical name or one of its page spellings, exactly.
    pub fn from_name(name: &str) -> Option<Category> {
        tables::CATEGORY_EXACT.get(name).copied()
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

    /// A service by heading or `loggedByService` value, forgiving spelling as
    /// [`lookup`](crate::lookup) does.
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

    /// A category by any spelling, forgiving spelling (spaces and case included).
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
