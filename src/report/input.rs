//! The vocabulary of reading inputs: formats, layouts, locations, stops and summaries.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::window::Encoding;

/// How an input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum InputFormat {
    /// Decide from the first non-blank line: JSON Lines, unless it starts with `[`, is longer
    /// than a record may be, or opens an object it does not close, which mean a document. For
    /// the last, when the document would break where line 2 begins and line 2 is a complete
    /// JSON value, the input is JSON Lines with a broken first line after all
    /// ([`InputNote::ReadAsJsonLines`]).
    #[default]
    Auto,
    /// One record (or batch) per line.
    JsonLines,
    /// JSON documents: arrays, `records`/`value` wrappers or single records.
    Json,
}

impl InputFormat {
    /// `auto`, `jsonl` or `json`.
    pub const fn as_str(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::JsonLines => "jsonl",
            InputFormat::Json => "json",
        }
    }
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    /// `auto`, `jsonl` (or `json-lines`, `ndjson`) or `json`.
    fn from_str(s: &str) -> Result<InputFormat, String> {
        match s {
            "auto" => Ok(InputFormat::Auto),
            "jsonl" | "json-lines" | "ndjson" => Ok(InputFormat::JsonLines),
            "json" => Ok(InputFormat::Json),
            other => Err(format!("unknown input format {other:?}: expected auto, jsonl or json")),
        }
    }
}

/// How an input turned out to be laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Layout {
    /// Nothing but whitespace.
    Empty,
    /// JSON Lines.
    JsonLines,
    /// JSON document(s).
    Json,
}

impl Layout {
    /// `empty`, `JSON Lines` or `JSON`.
    pub const fn describe(self) -> &'static str {
        match self {
            Layout::Empty => "empty",
            Layout::JsonLines => "JSON Lines",
            Layout::Json => "JSON",
        }
    }
}

/// Where a record is: the input, its line (where known) and its number in the input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Location {
    /// The input's name (a path, or `<stdin>`).
    pub input: Arc<str>,
    /// 1-based line where the record starts.
    pub line: Option<u64>,
    /// 1-based number of the record in the input (records of batches counted one by one).
    pub record: u64,
}

impl fmt::Display for Location {
    /// `input:line (record n)`, or `input: record n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line} (record {})", self.input, self.record),
            None => write!(f, "{}: record {}", self.input, self.record),
        }
    }
}

impl Serialize for Location {
    /// `{"input", "line", "record"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Location", 3)?;
        s.serialize_field("input", &*self.input)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("record", &self.record)?;
        s.end()
    }
}

/// Why an input stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum StopKind {
    /// The JSON syntax broke: records after it cannot be told apart.
    Syntax,
    /// The document is JSON, but not records (`"records": 3`, a bare string, ...).
    Structure,
    /// The input could not be opened or read.
    Io,
}

/// An input that stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Stopped {
    /// Why.
    pub kind: StopKind,
    /// What went wrong.
    pub message: String,
    /// 1-based line where it went wrong, where known.
    pub line: Option<u64>,
    /// 1-based column, where known.
    pub column: Option<u64>,
}

/// One input of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InputSummary {
    /// The name given to [`Report::read`](super::Report::read).
    pub name: String,
    /// How it was laid out.
    pub layout: Layout,
    /// Records read (malformed ones included).
    pub records: u64,
    /// Blank lines (JSON Lines), which hold no record.
    pub blank_lines: u64,
    /// Keys of a `records`/`value` wrapper object besides the array (`@odata.context`, ...),
    /// which hold no record.
    pub wrapper_keys: Vec<String>,
    /// Why the input stopped early, if it did.
    pub stopped: Option<Stopped>,
    /// The encoding it was read in (UTF-16 is decoded).
    pub encoding: Encoding,
    /// How the layout was decided, where that is worth saying.
    pub note: Option<InputNote>,
}

impl InputSummary {
    /// The summary of an input not read yet.
    pub(super) fn new(name: &str) -> InputSummary {
        InputSummary {
            name: name.to_string(),
            layout: Layout::Empty,
            records: 0,
            blank_lines: 0,
            wrapper_keys: Vec::new(),
            stopped: None,
            encoding: Encoding::Utf8,
            note: None,
        }
    }
}

/// Something worth saying about how an input was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum InputNote {
    /// Its first line opens an object it does not close, so it was read as a JSON document.
    GuessedDocument,
    /// Its first line is longer than the record limit, so it was read as a JSON document
    /// (a one-line array or wrapper; each record in it is held to the limit).
    LongFirstLine,
    /// Its first line is a broken record, and line 2 is a complete JSON value where a
    /// document would have broken: it was read as JSON Lines (line 1 is malformed).
    ReadAsJsonLines,
    /// It was read as JSON Lines as asked, but its first line opens a value it does not
    /// close: it looks like one pretty-printed JSON document (`InputFormat::Json`).
    LooksLikeDocument,
}

impl InputNote {
    /// What it means, in a sentence for the report.
    pub const fn message(self) -> &'static str {
        match self {
            InputNote::GuessedDocument => {
                "read as one JSON document because its first line opens an object it does not close; \
                 if it is JSON Lines, say so: `--input jsonl`"
            }
            InputNote::LongFirstLine => {
                "read as JSON because its first line is longer than a record may be; \
                 if it is JSON Lines, say so: `--input jsonl`"
            }
            InputNote::ReadAsJsonLines => {
                "read as JSON Lines: its first line is a broken record, and a JSON document would have \
                 broken where line 2 begins, which is a complete record"
            }
            InputNote::LooksLikeDocument => {
                "its first line opens a JSON value it does not close: if it is one pretty-printed JSON \
                 document, read it as JSON (`--input json`)"
            }
        }
    }
}
