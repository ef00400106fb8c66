//! Page versions: which versions of Microsoft's reference page the catalog was built from, and
//! what the reader had to repair or noticed in each.

use core::fmt;

use crate::Listing;
use crate::tables::{LISTINGS, NOTES, PAGE_LISTINGS, PAGES, PageData};

pub use crate::note_kind::NoteKind;

/// The date (`ms.date`) of the newest page the catalog was built from: the version of the data.
///
/// ```
/// assert_eq!(aad_audit_catalog::DATA_VERSION, "2024-10-04");
/// ```
pub const DATA_VERSION: &str = Page::latest().date();

/// One version of the reference page, as bundled (or added at build time with
/// `AAD_AUDIT_CATALOG_REFERENCE`). Versions are ordered by their `ms.date`.
///
/// ```
/// use aad_audit_catalog::Page;
///
/// let dates: Vec<&str> = Page::ALL.iter().map(|p| p.date()).collect();
/// assert_eq!(dates, ["2022-11-29", "2024-10-04"]);
/// assert_eq!(Page::oldest().title(), "Azure AD audit activity reference");
/// assert_eq!("2024-10-04".parse::<Page>().unwrap(), Page::latest());
/// assert!(Page::oldest() < Page::latest());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Page(pub(crate) u8);

impl Page {
    const fn data(self) -> &'static PageData {
        &PAGES[self.0 as usize]
    }

    /// The newest page version.
    pub const fn latest() -> Page {
        Page::ALL[Page::ALL.len() - 1]
    }

    /// The oldest page version.
    pub const fn oldest() -> Page {
        Page::ALL[0]
    }

    /// The page's `ms.date`, as an ISO date (`2022-11-29`).
    pub const fn date(self) -> &'static str {
        self.data().date
    }

    /// The page's title (its `#` heading).
    pub const fn title(self) -> &'static str {
        self.data().title
    }

    /// The page's file name.
    pub const fn file(self) -> &'static str {
        self.data().file
    }

    /// How many table rows the page has in all: every one is a [`Listing`] or a
    /// [`NoteKind::DuplicateRow`] note.
    pub const fn rows(self) -> usize {
        self.data().rows as usize
    }

    /// Position in [`Page::ALL`].
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The page version with this `ms.date` (`2024-10-04`).
    #[must_use]
    pub fn from_date(date: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.date() == date)
    }

    /// The page's source notes, in line order.
    pub fn notes(self) -> &'static [Note] {
        let (start, end) = self.data().notes;
        &NOTES[start as usize..end as usize]
    }

    /// The page's listings (one per distinct heading, category as written and activity), in
    /// line order: the page's tables, as the catalog read them.
    pub fn listings(self) -> impl DoubleEndedIterator<Item = &'static Listing> + ExactSizeIterator + Clone {
        let (start, end) = self.data().listings;
        PAGE_LISTINGS[start as usize..end as usize].iter().map(|&i| &LISTINGS[i as usize])
    }
}

impl fmt::Debug for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Page({})", self.date())
    }
}

impl fmt::Display for Page {
    /// The date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.date())
    }
}

/// The text given was no page version: see [`Page`]'s `FromStr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownPage;

impl fmt::Display for UnknownPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no such page version; the catalog has ")?;
        for (i, p) in Page::ALL.iter().enumerate() {
            write!(f, "{}{p}", if i > 0 { ", " } else { "" })?;
        }
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownPage {}

impl core::str::FromStr for Page {
    type Err = UnknownPage;

    /// A page version by its date (`2022-11-29`), its file name, `oldest` or `latest`.
    fn from_str(s: &str) -> Result<Page, UnknownPage> {
        match s.trim() {
            "latest" => Ok(Page::latest()),
            "oldest" => Ok(Page::oldest()),
            s => Page::ALL.into_iter().find(|p| p.date() == s || p.file() == s).ok_or(UnknownPage),
        }
    }
}

/// A set of page versions: those that list an entry ([`Entry::pages`](crate::Entry::pages)), or
/// those a [`Catalog`](crate::Catalog) answers from.
///
/// ```
/// use aad_audit_catalog::{lookup_exact, Page};
///
/// let e = lookup_exact("PIM", "RoleManagement", "Add member to role completed (PIM activation)").unwrap();
/// assert!(e.pages().contains(Page::latest()));
/// assert_eq!(e.pages().first(), Some(Page::latest()), "new since 2022");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pages(pub(crate) u16);

impl Pages {
    /// No page.
    pub const EMPTY: Pages = Pages(0);

    /// Every page version of the catalog.
    pub const ALL: Pages = Pages(((1u32 << Page::ALL.len()) - 1) as u16);

    /// The set holding one page.
    pub const fn one(page: Page) -> Pages {
        Pages(1 << page.0)
    }

    /// Whether `page` is in the set.
    pub const fn contains(self, page: Page) -> bool {
        self.0 & (1 << page.0) != 0
    }

    /// Whether the two sets share a page.
    pub const fn intersects(self, other: Pages) -> bool {
        self.0 & other.0 != 0
    }

    /// The set with `page` added.
    #[must_use]
    pub const fn with(self, page: Page) -> Pages {
        Pages(self.0 | 1 << page.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many pages are in the set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The oldest page in the set.
    pub fn first(self) -> Option<Page> {
        self.iter().next()
    }

    /// The newest page in the set.
    pub fn last(self) -> Option<Page> {
        self.iter().next_back()
    }

    /// The pages in the set, oldest first.
    pub fn iter(self) -> impl DoubleEndedIterator<Item = Page> + Clone {
        Page::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

impl FromIterator<Page> for Pages {
    fn from_iter<I: IntoIterator<Item = Page>>(iter: I) -> Pages {
        iter.into_iter().fold(Pages::EMPTY, Pages::with)
    }
}

impl fmt::Debug for Pages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for Pages {
    /// The dates, joined by `, `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.iter().enumerate() {
            write!(f, "{}{p}", if i > 0 { ", " } else { "" })?;
        }
        Ok(())
    }
}

/// A repair or oddity in a source page, found while building the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Note {
    pub(crate) page: Page,
    pub(crate) line: u32,
    pub(crate) kind: NoteKind,
    pub(crate) text: &'static str,
}

impl Note {
    /// The page the note is about.
    pub const fn page(&self) -> Page {
        self.page
    }

    /// 1-based line in the page.
    pub const fn line(&self) -> u32 {
        self.line
    }

    /// What kind of note it is.
    pub const fn kind(&self) -> NoteKind {
        self.kind
    }

    /// One sentence saying what was found and what the reader did.
    pub const fn text(&self) -> &'static str {
        self.text
    }
}

impl fmt::Display for Note {
    /// `file:line: kind: text`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.page.file(), self.line, self.kind, self.text)
    }
}

/// Every source note of every page, in page and line order.
///
/// ```
/// use aad_audit_catalog::{notes, NoteKind, Page};
/// let dup = Page::oldest().notes().iter().filter(|n| n.kind() == NoteKind::DuplicateRow).count();
/// assert_eq!(dup, 2);
/// assert_eq!(notes().len(), Page::ALL.iter().map(|p| p.notes().len()).sum::<usize>());
/// ```
pub fn notes() -> &'static [Note] {
    &NOTES
}
