//! The kinds of source notes. Compiled into the library and into the build script, whose page
//! reader (`build/steps/page.rs`) makes notes of these kinds: one list for both.

use core::fmt;

/// What kind of repair or oddity a source note records.
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
    /// A table header that does not name its columns, read by position (category, activity,
    /// and a description if there is a third column).
    HeaderByPosition,
    /// A section heading not in the services mapping (`data/services.csv`): a service of its
    /// own, named by its heading, with no known `loggedByService` value.
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
            NoteKind::HeaderByPosition => "header-by-position",
            NoteKind::UnmappedService => "unmapped-service",
        }
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
