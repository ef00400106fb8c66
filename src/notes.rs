//! Where the data came from, and what the reader had to repair or noticed on the way.

use core::fmt;

pub use crate::note_kind::NoteKind;

/// The page's title (its `#` heading).
pub const SOURCE_TITLE: &str = crate::tables::SOURCE_TITLE;

/// The page's `ms.date`, as an ISO date: the version of the data.
///
/// ```
/// assert_eq!(aad_audit_catalog::SOURCE_DATE, "2022-11-29");
/// ```
pub const SOURCE_DATE: &str = crate::tables::SOURCE_DATE;

/// The file name of the page the catalog was built from.
pub const SOURCE_FILE: &str = crate::tables::SOURCE_FILE;

/// How many table rows the page has in all; every one is an [`Entry`](crate::Entry) or a
/// [`NoteKind::DuplicateRow`] note.
pub const SOURCE_ROWS: usize = crate::tables::SOURCE_ROWS;

/// A repair or oddity in the source page, found while building the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Note {
    pub(crate) line: u32,
    pub(crate) kind: NoteKind,
    pub(crate) text: &'static str,
}

impl Note {
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
        write!(f, "{SOURCE_FILE}:{}: {}: {}", self.line, self.kind, self.text)
    }
}

/// Every source note, in line order.
///
/// ```
/// use aad_audit_catalog::{notes, NoteKind};
/// let dup = notes().iter().filter(|n| n.kind() == NoteKind::DuplicateRow).count();
/// assert_eq!(dup, 2);
/// ```
pub fn notes() -> &'static [Note] {
    &crate::tables::NOTES
}
