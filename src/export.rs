//! The catalog as data other tools read (feature `export`): CSV, TSV and JSON; a KQL
//! `datatable` for Log Analytics, Microsoft Sentinel and Azure Data Explorer; a Microsoft
//! Sentinel watchlist.
//!
//! Every page version ([`Scope::All`]): one row per entry, named as logs name it:
//!
//! | column | what |
//! | --- | --- |
//! | `LoggedByService` | the service's name: its `loggedByService` value where known, else its newest heading |
//! | `Category` | the canonical category (`UserManagement`) |
//! | `ActivityDisplayName` | the activity as written (`Add user`) |
//! | `FirstDocumented` | the date of the oldest page that lists it |
//! | `LastDocumented` | the date of the newest page that lists it |
//!
//! One page ([`Scope::Page`]): the page's rows as it writes them, in page order, one per
//! distinct (heading, category as written, activity): `line`, `heading`, `category`, `activity`,
//! `description` (TSV without the description, as the example prints it). JSON carries the
//! page version(s), the entries (or listings) and the source notes.
//!
//! ```
//! use aad_audit_catalog::export::{write, Format, Scope};
//! use aad_audit_catalog::Page;
//!
//! let mut tsv = Vec::new();
//! write(&mut tsv, Format::Tsv, Scope::Page(Page::oldest())).unwrap();
//! let tsv = String::from_utf8(tsv).unwrap();
//! assert_eq!(tsv.lines().next(), Some("line\theading\tcategory\tactivity"));
//! assert_eq!(tsv.lines().nth(1), Some("32\tAccess reviews\tDirectoryManagement\tCreate program"));
//! assert_eq!(tsv.lines().count(), 1 + 826);
//!
//! let mut kql = Vec::new();
//! write(&mut kql, Format::Kql, Scope::All).unwrap();
//! let kql = String::from_utf8(kql).unwrap();
//! assert!(kql.starts_with("datatable(LoggedByService:string, Category:string, ActivityDisplayName:string, FirstDocumented:datetime, LastDocumented:datetime) ["));
//! assert!(kql.contains(r#""Core Directory", "UserManagement", "Add user", datetime(2022-11-29), datetime(2024-10-04),"#));
//! ```

use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::{Catalog, Entry, Listing, Page, Pages, entries, notes};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every entry of every page version.
    All,
    /// One page version's rows, as the page writes them.
    Page(Page),
}

/// How to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Comma-separated, with a header.
    Csv,
    /// Tab-separated, with a header.
    Tsv,
    /// One JSON document.
    Json,
    /// A KQL `datatable(...) [...]` expression: the body of a saved function to join against.
    Kql,
    /// A Microsoft Sentinel watchlist CSV: `SearchKey` (the activity) first.
    Watchlist,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [Format::Csv, Format::Tsv, Format::Json, Format::Kql, Format::Watchlist];

    /// `csv`, `tsv`, `json`, `kql` or `watchlist`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Kql => "kql",
            Format::Watchlist => "watchlist",
        }
    }
}

/// The columns of an export of every page version.
pub const COLUMNS: [&str; 5] =
    ["LoggedByService", "Category", "ActivityDisplayName", "FirstDocumented", "LastDocumented"];

/// The columns of one page's export (TSV leaves out the description).
pub const PAGE_COLUMNS: [&str; 5] = ["line", "heading", "category", "activity", "description"];

/// The columns of the notes table.
pub const NOTE_COLUMNS: [&str; 5] = ["page", "file", "line", "kind", "text"];

/// An entry's row of an export of every page version.
fn entry_row(e: &Entry) -> [String; 5] {
    let date = |p: Option<Page>| p.map_or_else(String::new, |p| p.date().to_string());
    let (first, last) = (date(e.pages().first()), date(e.pages().last()));
    [e.service().as_str().into(), e.category().as_str().into(), e.activity().into(), first, last]
}

/// A listing's row of one page's export.
fn listing_row(l: &Listing) -> [String; 5] {
    let (heading, category) = (l.heading().into(), l.category_as_written().into());
    [l.line().to_string(), heading, category, l.entry().activity().into(), l.description().unwrap_or_default().into()]
}

/// The rows of a scope, with the header.
fn rows(scope: Scope) -> ([&'static str; 5], Vec<[String; 5]>) {
    match scope {
        Scope::All => (COLUMNS, entries().iter().map(entry_row).collect()),
        Scope::Page(page) => (PAGE_COLUMNS, page.listings().map(listing_row).collect()),
    }
}

/// A CSV error as the I/O error it is (rows of strings cannot fail otherwise), keeping its
/// kind, so a closed pipe is still a [`io::ErrorKind::BrokenPipe`].
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes the catalog (or one page of it) in `format`.
pub fn write(mut writer: impl io::Write, format: Format, scope: Scope) -> io::Result<()> {
    match format {
        Format::Csv | Format::Tsv => write_table(writer, format, scope),
        Format::Json => {
            serde_json::to_writer_pretty(&mut writer, &Document(scope))?;
            writer.write_all(b"\n")
        }
        Format::Kql => writer.write_all(kql(scope).as_bytes()),
        Format::Watchlist => write_watchlist(writer, scope),
    }
}

fn write_table(writer: impl io::Write, format: Format, scope: Scope) -> io::Result<()> {
    let delimiter = if format == Format::Tsv { b'\t' } else { b',' };
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(writer);
    let (header, rows) = rows(scope);
    // One page's TSV is the page's table as the example prints it: no descriptions.
    let width = if format == Format::Tsv && matches!(scope, Scope::Page(_)) { 4 } else { 5 };
    w.write_record(&header[..width]).map_err(io_error)?;
    for row in &rows {
        w.write_record(&row[..width]).map_err(io_error)?;
    }
    w.flush()
}

fn write_watchlist(writer: impl io::Write, scope: Scope) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(writer);
    let listed = |e: &&Entry| match scope {
        Scope::All => true,
        Scope::Page(p) => e.pages().contains(p),
    };
    w.write_record(["SearchKey"].iter().chain(&COLUMNS)).map_err(io_error)?;
    for e in entries().iter().filter(listed) {
        let row = entry_row(e);
        w.write_record(std::iter::once(e.activity()).chain(row.iter().map(String::as_str))).map_err(io_error)?;
    }
    w.flush()
}

/// A KQL string literal: `"..."` with `\` and `"` escaped, and tab, line feed and carriage
/// return as `\t`, `\n`, `\r` (catalog names have no other control characters: the page reader
/// refuses them).
pub fn kql_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The KQL `datatable` of a scope's entries: every page version, or the entries one page lists.
fn kql(scope: Scope) -> String {
    let catalog = match scope {
        Scope::All => Catalog::all(),
        Scope::Page(p) => Catalog::page(p),
    };
    let rows: Vec<[String; 5]> = catalog.entries().map(entry_row).collect();
    kql_datatable(&rows)
}

/// `datatable(...) [ row, ... ]` for rows of [`COLUMNS`].
fn kql_datatable(rows: &[[String; 5]]) -> String {
    let mut out = String::from(
        "datatable(LoggedByService:string, Category:string, ActivityDisplayName:string, FirstDocumented:datetime, LastDocumented:datetime) [\n",
    );
    for [service, category, activity, first, last] in rows {
        let (s, c, a) = (kql_string(service), kql_string(category), kql_string(activity));
        let _ = writeln!(out, "    {s}, {c}, {a}, datetime({first}), datetime({last}),");
    }
    out.push_str("]\n");
    out
}

/// Writes the source notes (of every page, or of one) as CSV, with the [`NOTE_COLUMNS`] header.
pub fn write_notes_csv(writer: impl io::Write, scope: Scope) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(NOTE_COLUMNS).map_err(io_error)?;
    let notes = match scope {
        Scope::All => notes(),
        Scope::Page(p) => p.notes(),
    };
    for n in notes {
        let line = n.line().to_string();
        w.write_record([n.page().date(), n.page().file(), &line, n.kind().as_str(), n.text()]).map_err(io_error)?;
    }
    w.flush()
}

/// The JSON document of a scope: the page version(s), then the entries (every page version) or
/// the page's listings, and the notes.
struct Document(Scope);

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Document", 3)?;
        match self.0 {
            Scope::All => {
                s.serialize_field("pages", &Pages::ALL.iter().map(PageInfo).collect::<Vec<_>>())?;
                s.serialize_field("entries", entries())?;
                s.serialize_field("notes", notes())?;
            }
            Scope::Page(page) => {
                s.serialize_field("pages", &[PageInfo(page)])?;
                s.serialize_field("listings", &page.listings().map(ListingRow).collect::<Vec<_>>())?;
                s.serialize_field("notes", page.notes())?;
            }
        }
        s.end()
    }
}

/// A page version's facts.
struct PageInfo(Page);

impl Serialize for PageInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Page", 4)?;
        s.serialize_field("date", self.0.date())?;
        s.serialize_field("title", self.0.title())?;
        s.serialize_field("file", self.0.file())?;
        s.serialize_field("rows", &self.0.rows())?;
        s.end()
    }
}

/// A listing with its entry's names, for one page's JSON.
struct ListingRow(&'static Listing);

impl Serialize for ListingRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut s = serializer.serialize_struct("Listing", 7)?;
        s.serialize_field("line", &l.line())?;
        s.serialize_field("heading", l.heading())?;
        s.serialize_field("categoryAsWritten", l.category_as_written())?;
        s.serialize_field("activity", l.entry().activity())?;
        s.serialize_field("description", &l.description())?;
        s.serialize_field("service", &l.entry().service())?;
        s.serialize_field("category", &l.entry().category())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals of a line of KQL, unescaped, or why it is not well-formed.
    fn kql_literals(line: &str) -> Result<Vec<String>, String> {
        let (mut out, mut chars) = (Vec::new(), line.chars());
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut s = String::new();
            loop {
                match chars.next().ok_or("unterminated string")? {
                    '"' => break,
                    '\\' => match chars.next().ok_or("dangling escape")? {
                        '\\' => s.push('\\'),
                        '"' => s.push('"'),
                        't' => s.push('\t'),
                        'n' => s.push('\n'),
                        'r' => s.push('\r'),
                        other => return Err(format!("unknown escape \\{other}")),
                    },
                    c => s.push(c),
                }
            }
            out.push(s);
        }
        Ok(out)
    }

    #[test]
    fn kql_escapes_every_value() {
        let awkward = ["Say \"hi\"", "back\\slash", "Ünïcödé – dash", "tab\there", "a \\\" mix \"\\"];
        let rows: Vec<[String; 5]> = awkward
            .iter()
            .map(|a| [format!("S{a}"), "C\"".into(), (*a).into(), "2022-11-29".into(), "2024-10-04".into()])
            .collect();
        let text = kql_datatable(&rows);
        let body: Vec<&str> = text.lines().skip(1).filter(|l| *l != "]").collect();
        assert_eq!(body.len(), awkward.len());
        for (line, a) in body.iter().zip(awkward) {
            assert_eq!(kql_literals(line).unwrap(), [format!("S{a}"), "C\"".into(), a.to_string()], "{line}");
            assert!(line.ends_with("datetime(2022-11-29), datetime(2024-10-04),"), "{line}");
        }
    }

    #[test]
    fn the_catalog_as_kql_is_well_formed() {
        let text = kql(Scope::All);
        let body: Vec<&str> = text.lines().skip(1).filter(|l| *l != "]").collect();
        assert_eq!(body.len(), entries().len());
        for (line, e) in body.iter().zip(entries()) {
            let literals = kql_literals(line).unwrap();
            assert_eq!(literals, [e.service().as_str(), e.category().as_str(), e.activity()], "{line}");
        }
    }
}
