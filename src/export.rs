//! The whole catalog as CSV or JSON (feature `export`).
//!
//! One row per entry, in document order, with the columns (CSV header and JSON keys alike):
//!
//! | column | what |
//! | --- | --- |
//! | `line` | 1-based line of the row in the page |
//! | `service` | the section heading (`Core directory`) |
//! | `loggedByService` | the service's `loggedByService` value(s); CSV: joined by `; `, empty where none is known; JSON: a list |
//! | `categoryAsWritten` | the category cell as written on the row (`User Management`) |
//! | `category` | the canonical category (`UserManagement`) |
//! | `activity` | the activity as written (`Add user`) |
//! | `description` | the row's description; empty (CSV) or `null` (JSON) for the bundled page |
//!
//! The JSON document also carries the source (`title`, `date`, `file`, `rows`) and the source
//! notes (`file`, `line`, `kind`, `text`); in CSV the notes are a table of their own
//! ([`write_notes_csv`]).
//!
//! ```
//! let mut csv = Vec::new();
//! aad_audit_catalog::export::write_csv(&mut csv).unwrap();
//! let csv = String::from_utf8(csv).unwrap();
//! let mut lines = csv.lines();
//! assert_eq!(lines.next(), Some("line,service,loggedByService,categoryAsWritten,category,activity,description"));
//! assert_eq!(lines.next(), Some("32,Access reviews,Access Reviews,DirectoryManagement,DirectoryManagement,Create program,"));
//! assert_eq!(csv.lines().count(), 1 + aad_audit_catalog::entries().len());
//! ```

use std::io;

use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};

use crate::{Entry, entries, notes};

/// The CSV header (and the JSON keys of an entry row), in column order.
pub const COLUMNS: [&str; 7] =
    ["line", "service", "loggedByService", "categoryAsWritten", "category", "activity", "description"];

/// The CSV header of the notes table.
pub const NOTE_COLUMNS: [&str; 4] = ["file", "line", "kind", "text"];

/// One entry as an export row; serializes to the JSON object described in the
/// [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row(pub &'static Entry);

struct LogNames(&'static [&'static str]);

impl Serialize for LogNames {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for name in self.0 {
            seq.serialize_element(name)?;
        }
        seq.end()
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut s = serializer.serialize_struct("Row", COLUMNS.len())?;
        s.serialize_field(COLUMNS[0], &e.line())?;
        s.serialize_field(COLUMNS[1], e.heading())?;
        s.serialize_field(COLUMNS[2], &LogNames(e.service().log_names()))?;
        s.serialize_field(COLUMNS[3], e.category_as_written())?;
        s.serialize_field(COLUMNS[4], &e.category())?;
        s.serialize_field(COLUMNS[5], e.activity())?;
        s.serialize_field(COLUMNS[6], &e.description())?;
        s.end()
    }
}

/// The whole catalog as one serializable document: `{"source": {"title", "date", "file",
/// "rows"}, "entries": [Row, ...], "notes": [Note, ...]}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Catalog;

struct Source;

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Source", 4)?;
        s.serialize_field("title", crate::SOURCE_TITLE)?;
        s.serialize_field("date", crate::SOURCE_DATE)?;
        s.serialize_field("file", crate::SOURCE_FILE)?;
        s.serialize_field("rows", &crate::SOURCE_ROWS)?;
        s.end()
    }
}

struct Rows;

impl Serialize for Rows {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(entries().iter().map(Row))
    }
}

impl Serialize for Catalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Catalog", 3)?;
        s.serialize_field("source", &Source)?;
        s.serialize_field("entries", &Rows)?;
        s.serialize_field("notes", notes())?;
        s.end()
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

/// Writes every entry as CSV: the [`COLUMNS`] header, then one row per entry in document order.
pub fn write_csv(writer: impl io::Write) -> io::Result<()> {
    write_entries_csv(writer).map_err(io_error)
}

fn write_entries_csv(writer: impl io::Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(COLUMNS)?;
    for e in entries() {
        let line = e.line().to_string();
        let log_names = e.service().log_names().join("; ");
        w.write_record([
            line.as_str(),
            e.heading(),
            log_names.as_str(),
            e.category_as_written(),
            e.category().as_str(),
            e.activity(),
            e.description().unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the source notes as CSV: the [`NOTE_COLUMNS`] header, then one row per note.
pub fn write_notes_csv(writer: impl io::Write) -> io::Result<()> {
    write_notes(writer).map_err(io_error)
}

fn write_notes(writer: impl io::Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(NOTE_COLUMNS)?;
    for n in notes() {
        let line = n.line().to_string();
        w.write_record([crate::SOURCE_FILE, line.as_str(), n.kind().as_str(), n.text()])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the whole [`Catalog`] as JSON (pretty-printed when `pretty`), then a newline.
pub fn write_json(mut writer: impl io::Write, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut writer, &Catalog)?;
    } else {
        serde_json::to_writer(&mut writer, &Catalog)?;
    }
    writer.write_all(b"\n")
}
