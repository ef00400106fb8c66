//! Where the data came from, and what the reader had to repair or noticed on the way.

use core::fmt;

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

/// What kind of repair or oddity a [`Note`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NoteKind {
    /// A row with no closing `|`.
    MissingClosingPipe,
    /// A row without a leading `|`.
    MissingLeadingPipe,
    /// Empty cells from a doubled `|` (`|RoleManagement||Update role|`) were dropped.
    DoubledPipe,
    /// A cell had stray whitespace (tabs, or padding on one side only), trimmed.
    CellWhitespace,
    /// Whitespace after the end of a row.
    TrailingWhitespace,
    /// Rows after a blank line, with no header row of their own, read into the table above.
    RowsWithoutHeader,
    /// A row broken over two lines (the second holding only `|`), joined.
    RowContinued,
    /// A row repeating an earlier row of its section exactly: kept once, at the first line.
    DuplicateRow,
    /// An entry spelled like another of its section but for case or category spacing
    /// (`Create Company` / `Create company`); both are entries.
    SpellingVariant,
    /// A heading with no activity table under it; not a service.
    SectionWithoutTable,
    /// A section heading not in `data/services.csv`: no known `loggedByService` value.
    UnmappedService,
}

impl NoteKind {
    /// The kind's stable kebab-case name (`duplicate-row`).
    pub const fn as_str(self) -> &'static str {
        match self {
            NoteKind::MissingClosingPipe => "missing-closing-pipe",
            NoteKind::MissingLeadingPipe => "missing-leading-pipe",
            NoteKind::DoubledPipe => "doubled-pipe",
            NoteKind::CellWhitespace => "cell-whitespace",
            NoteKind::TrailingWhitespace => "trailing-whitespace",
            NoteKind::RowsWithoutHeader => "rows-without-header",
            NoteKind::RowContinued => "row-continued",
            NoteKind::DuplicateRow => "duplicate-row",
            NoteKind::SpellingVariant => "spelling-variant",
            NoteKind::SectionWithoutTable => "section-without-table",
            NoteKind::UnmappedService => "unmapped-service",
        }
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
