//! Streaming validation of audit exports into a [`Report`] (feature `records`).
//!
//! [`Report::read`] takes any [`Read`] (a file, stdin) holding
//!
//! - **JSON Lines**: one record per line, or one batch (`{"records": [...]}`) per line, as
//!   storage-account exports and Event Hub captures are; or
//! - **a JSON document**: an array of records, an object with a `records` array (a
//!   diagnostic-settings export) or a `value` array (a Graph list response), or one record;
//!   several documents may follow each other.
//!
//! and reads it record by record in bounded memory: a line at a time, or, for documents, one
//! array element at a time (serde_json's streaming deserializer hands each element over as raw
//! JSON, which is then read as a record). Every record lands in exactly one place of the
//! report: exact, forgiven (grouped by what was forgiven), unknown (grouped by the
//! service, category and activity given, with the validation error and its suggestions) or
//! malformed (with its line and record number and what is wrong). A malformed record never
//! stops the run; broken JSON syntax in a document stops that input (its records cannot be
//! told apart any more), and the report says where.
//!
//! ```
//! use aad_audit_catalog::report::{InputFormat, Report};
//!
//! let export = r#"{"loggedByService":"Core Directory","category":"UserManagement","activityDisplayName":"Add user"}
//! {"loggedByService":"Core Directory","category":"UserManagement","activityDisplayName":"Add usr"}
//! {"loggedByService":"Core Directory","category":
//! "#;
//! let mut report = Report::new();
//! report.read("export.jsonl", export.as_bytes(), InputFormat::Auto);
//! let t = report.totals();
//! assert_eq!((t.records, t.exact, t.unknown, t.malformed), (3, 1, 1, 1));
//! assert_eq!(report.malformed()[0].location.to_string(), "export.jsonl:3 (record 3)");
//! assert!(!report.is_clean());
//! ```

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use serde::Serialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde_json::value::RawValue;

use crate::records::{self, Detected, Record, RecordError, RecordErrorKind, Shape, Verdict};
use crate::{Entry, Normalization, Normalizations, ValidationError, entries};

/// The longest line (or first line of a document) read whole; longer JSON Lines lines are
/// reported as malformed and skipped to their end, unread.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// How many malformed records a report lists; more are counted.
pub const MAX_LISTED: usize = 1000;

/// How many distinct unknown (service, category, activity) groups, and distinct forgiven
/// spellings per normalization, a report keeps; records beyond are counted as unlisted.
pub const MAX_GROUPS: usize = 10_000;

/// How an input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum InputFormat {
    /// Decide from the input: a first line that is a whole JSON value means JSON Lines; a
    /// leading `[`, or a first line that opens a value it does not close, means a document.
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
    /// The name given to [`Report::read`].
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
}

/// The counts of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Totals {
    /// Records read: `exact + forgiven + unknown + malformed`.
    pub records: u64,
    /// Records whose service, category and activity are the catalog's spellings.
    pub exact: u64,
    /// Records matched after forgiving spelling.
    pub forgiven: u64,
    /// Records naming something the catalog does not list.
    pub unknown: u64,
    /// Records that could not be read or checked.
    pub malformed: u64,
    /// Records read as Graph `directoryAudit`s.
    pub graph: u64,
    /// Records read as Log Analytics rows.
    pub log_analytics: u64,
    /// Records read as diagnostic-settings envelopes.
    pub diagnostic_settings: u64,
    /// Inputs that stopped early (broken syntax, I/O errors).
    pub stopped_inputs: u64,
}

/// A spelling that was forgiven, with the entry it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ForgivenSpelling {
    /// `loggedByService` as given.
    pub service: String,
    /// Category as given.
    pub category: String,
    /// Activity as given.
    pub activity: String,
    /// The entry it matched.
    pub entry: &'static Entry,
    /// Records with this spelling.
    pub count: u64,
    /// The first of them.
    pub first: Location,
}

/// Forgiven records that needed the same normalizations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ForgivenGroup {
    /// What was forgiven.
    pub normalizations: Normalizations,
    /// Records in the group.
    pub count: u64,
    /// The distinct spellings, in order of first appearance.
    pub spellings: Vec<ForgivenSpelling>,
    /// Records whose spelling was past [`MAX_GROUPS`] distinct ones, counted only.
    pub unlisted: u64,
}

/// Unknown records that name the same (service, category, activity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnknownGroup {
    /// `loggedByService` as given.
    pub service: String,
    /// Category as given.
    pub category: String,
    /// Activity as given.
    pub activity: String,
    /// Records in the group.
    pub count: u64,
    /// What is wrong, with suggestions.
    pub error: ValidationError,
    /// The first of them.
    pub first: Location,
}

/// A record that could not be read or checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Malformed {
    /// Where it is.
    pub location: Location,
    /// What kind of problem.
    pub kind: RecordErrorKind,
    /// What is wrong.
    pub message: String,
}

/// What a set of inputs held: see the [module documentation](self).
///
/// Renders as text with `Display` and as JSON with serde (`{"catalog", "inputs", "totals",
/// "exact", "forgiven", "unknown", "malformed"}`).
#[derive(Debug, Clone)]
pub struct Report {
    inputs: Vec<InputSummary>,
    totals: Totals,
    /// Records per entry index.
    exact: Vec<u64>,
    forgiven: Vec<ForgivenGroup>,
    forgiven_index: HashMap<(u8, String, String, String), usize>,
    unknown: Vec<UnknownGroup>,
    unknown_index: HashMap<(String, String, String), usize>,
    unlisted_unknown: u64,
    malformed: Vec<Malformed>,
}

impl Default for Report {
    fn default() -> Report {
        Report::new()
    }
}

/// The bits of a normalization set, for grouping and ordering.
fn bits(n: Normalizations) -> u8 {
    Normalization::ALL.iter().enumerate().filter(|(_, x)| n.contains(**x)).fold(0, |b, (i, _)| b | (1 << i))
}

/// How forgiven groups are ordered: by size, then by their normalizations in
/// [`Normalization::ALL`] order.
fn order(n: Normalizations) -> (usize, [usize; 4]) {
    let mut key = [usize::MAX; 4];
    for (slot, i) in key.iter_mut().zip(Normalization::ALL.iter().enumerate().filter(|(_, x)| n.contains(**x))) {
        *slot = i.0;
    }
    (n.len(), key)
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report {
            inputs: Vec::new(),
            totals: Totals::default(),
            exact: vec![0; entries().len()],
            forgiven: Vec::new(),
            forgiven_index: HashMap::new(),
            unknown: Vec::new(),
            unknown_index: HashMap::new(),
            unlisted_unknown: 0,
            malformed: Vec::new(),
        }
    }

    /// Reads one input to its end (or until its JSON syntax breaks, or reading fails, which
    /// the input's [`InputSummary::stopped`] then says), adding its records to the report.
    pub fn read(&mut self, name: impl Into<String>, reader: impl Read, format: InputFormat) -> &InputSummary {
        let name: Arc<str> = Arc::from(name.into());
        self.inputs.push(InputSummary {
            name: name.to_string(),
            layout: Layout::Empty,
            records: 0,
            blank_lines: 0,
            wrapper_keys: Vec::new(),
            stopped: None,
        });
        let mut reading = Reading { report: self, name, records: 0 };
        let stopped = reading.run(reader, format).err();
        let input = self.inputs.last_mut().expect("pushed above");
        if stopped.is_some() {
            self.totals.stopped_inputs += 1;
        }
        input.stopped = stopped;
        input
    }

    /// Opens and reads a file; a file that cannot be opened is an input stopped by
    /// [`StopKind::Io`].
    pub fn read_path(&mut self, path: impl AsRef<Path>, format: InputFormat) -> &InputSummary {
        let path = path.as_ref();
        match File::open(path) {
            Ok(file) => self.read(path.display().to_string(), file, format),
            Err(e) => {
                self.totals.stopped_inputs += 1;
                self.inputs.push(InputSummary {
                    name: path.display().to_string(),
                    layout: Layout::Empty,
                    records: 0,
                    blank_lines: 0,
                    wrapper_keys: Vec::new(),
                    stopped: Some(Stopped {
                        kind: StopKind::Io,
                        message: format!("cannot open: {e}"),
                        line: None,
                        column: None,
                    }),
                });
                self.inputs.last().expect("pushed above")
            }
        }
    }

    /// The inputs read, in order.
    pub fn inputs(&self) -> &[InputSummary] {
        &self.inputs
    }

    /// The counts.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Exact matches: each entry seen, with its number of records, in document order.
    pub fn exact(&self) -> impl Iterator<Item = (&'static Entry, u64)> + '_ {
        entries().iter().zip(&self.exact).filter(|(_, n)| **n > 0).map(|(e, n)| (e, *n))
    }

    /// Forgiven matches, grouped by what was forgiven (fewest normalizations first).
    pub fn forgiven(&self) -> &[ForgivenGroup] {
        &self.forgiven
    }

    /// Unknown records, grouped by (service, category, activity), in order of first appearance.
    pub fn unknown(&self) -> &[UnknownGroup] {
        &self.unknown
    }

    /// Unknown records past [`MAX_GROUPS`] distinct groups, counted only.
    pub fn unlisted_unknown(&self) -> u64 {
        self.unlisted_unknown
    }

    /// Malformed records (the first [`MAX_LISTED`]; [`Totals::malformed`] counts them all).
    pub fn malformed(&self) -> &[Malformed] {
        &self.malformed
    }

    /// Whether every record was found in the catalog (exactly or forgiven), none was
    /// malformed and every input was read to its end.
    pub fn is_clean(&self) -> bool {
        let t = &self.totals;
        t.unknown == 0 && t.malformed == 0 && t.stopped_inputs == 0
    }

    /// Whether an input could not be opened or read.
    pub fn has_io_errors(&self) -> bool {
        self.inputs.iter().any(|i| i.stopped.as_ref().is_some_and(|s| s.kind == StopKind::Io))
    }

    fn add_verdict(&mut self, verdict: Verdict, record: &Record<'_>, location: Location) {
        let owned = |s: Option<&str>| s.unwrap_or_default().to_string();
        match verdict {
            Verdict::Exact(m) => {
                self.totals.exact += 1;
                self.exact[m.entry().index()] += 1;
            }
            Verdict::Forgiven(m) => {
                self.totals.forgiven += 1;
                let id = record.identity();
                let key = (bits(m.forgiven()), owned(id.service), owned(id.category), owned(id.activity));
                if let Some(&at) = self.forgiven_index.get(&key) {
                    let group = self.forgiven.iter_mut().find(|g| bits(g.normalizations) == key.0).expect("indexed");
                    group.count += 1;
                    group.spellings[at].count += 1;
                    return;
                }
                let at = match self.forgiven.iter().position(|g| g.normalizations == m.forgiven()) {
                    Some(at) => at,
                    None => {
                        let group = ForgivenGroup {
                            normalizations: m.forgiven(),
                            count: 0,
                            spellings: Vec::new(),
                            unlisted: 0,
                        };
                        // Fewest normalizations first, then in `Normalization::ALL` order.
                        let at = self.forgiven.partition_point(|g| order(g.normalizations) < order(m.forgiven()));
                        self.forgiven.insert(at, group);
                        at
                    }
                };
                let group = &mut self.forgiven[at];
                group.count += 1;
                if group.spellings.len() < MAX_GROUPS {
                    self.forgiven_index.insert(key.clone(), group.spellings.len());
                    let (_, service, category, activity) = key;
                    group.spellings.push(ForgivenSpelling {
                        service,
                        category,
                        activity,
                        entry: m.entry(),
                        count: 1,
                        first: location,
                    });
                } else {
                    group.unlisted += 1;
                }
            }
            Verdict::Unknown(error) => {
                self.totals.unknown += 1;
                let id = record.identity();
                let key = (owned(id.service), owned(id.category), owned(id.activity));
                if let Some(&at) = self.unknown_index.get(&key) {
                    self.unknown[at].count += 1;
                } else if self.unknown.len() < MAX_GROUPS {
                    self.unknown_index.insert(key.clone(), self.unknown.len());
                    let (service, category, activity) = key;
                    // The first record of a new unknown name: now the suggestions.
                    let error = match records::check(record) {
                        Verdict::Unknown(with_suggestions) => with_suggestions,
                        _ => error,
                    };
                    self.unknown.push(UnknownGroup { service, category, activity, count: 1, error, first: location });
                } else {
                    self.unlisted_unknown += 1;
                }
            }
            Verdict::Allowed(_) => {}
            Verdict::Incomplete(field) => {
                let shape = record.shape();
                let message = format!(
                    "{} is missing, null or blank: the record cannot be checked against the catalog",
                    shape.field_name(field)
                );
                self.add_malformed(location, RecordErrorKind::Incomplete, message);
            }
        }
    }

    fn add_malformed(&mut self, location: Location, kind: RecordErrorKind, message: String) {
        self.totals.malformed += 1;
        if self.malformed.len() < MAX_LISTED {
            self.malformed.push(Malformed { location, kind, message });
        }
    }
}

/// Where a JSON text starts in its input.
#[derive(Clone, Copy)]
struct Origin {
    /// 1-based line of its first byte.
    line: Option<u64>,
    /// 1-based column of its first byte, where known.
    column: Option<u64>,
    /// Whether positions within the text are positions in the input (not so for a record put
    /// back together from its fields).
    positions: bool,
}

/// The state of reading one input.
struct Reading<'r> {
    report: &'r mut Report,
    name: Arc<str>,
    records: u64,
}

impl Reading<'_> {
    fn input(&mut self) -> &mut InputSummary {
        self.report.inputs.last_mut().expect("pushed by Report::read")
    }

    fn next_location(&mut self, line: Option<u64>) -> Location {
        self.records += 1;
        self.report.totals.records += 1;
        self.input().records += 1;
        Location { input: self.name.clone(), line, record: self.records }
    }

    fn malformed(&mut self, line: Option<u64>, kind: RecordErrorKind, message: String) {
        let location = self.next_location(line);
        self.report.add_malformed(location, kind, message);
    }

    fn record_error(&mut self, origin: Origin, e: &RecordError) {
        let message = match (e.position(), origin.line) {
            (Some((line, column)), Some(start)) if origin.positions => {
                let line_abs = start + line as u64 - 1;
                match (line, origin.column) {
                    (1, Some(first)) => {
                        format!("{} at line {line_abs} column {}", e.message(), first + column as u64 - 1)
                    }
                    (1, None) => format!("{} at line {line_abs}", e.message()),
                    _ => format!("{} at line {line_abs} column {column}", e.message()),
                }
            }
            (Some(_), _) => e.message().to_string(),
            (None, _) => e.to_string(),
        };
        self.malformed(origin.line, e.kind(), message);
    }

    /// One JSON text in record position: a record, or (where allowed) a batch of them.
    fn item(&mut self, json: &str, origin: Origin, allow_batch: bool) {
        match Shape::detect(json) {
            Ok(Detected::Record(shape)) => match Record::from_json_as(json, shape) {
                Ok(record) => {
                    let location = self.next_location(origin.line);
                    let totals = &mut self.report.totals;
                    match shape {
                        Shape::Graph => totals.graph += 1,
                        Shape::LogAnalytics => totals.log_analytics += 1,
                        Shape::DiagnosticSettings => totals.diagnostic_settings += 1,
                    }
                    // Suggestions only for a new unknown name (below), not for every record.
                    let verdict = records::check_identity(record.identity());
                    self.report.add_verdict(verdict, &record, location);
                }
                Err(e) => self.record_error(origin, &e),
            },
            Ok(Detected::Batch) if allow_batch => match records::parse(json) {
                Ok(records::Parsed::Batch(items)) => {
                    for text in items {
                        // Where the item starts within `json`: both are views of one buffer.
                        let offset = (text.as_ptr() as usize).saturating_sub(json.as_ptr() as usize).min(json.len());
                        let before = &json[..offset];
                        let newlines = before.bytes().filter(|&b| b == b'\n').count() as u64;
                        let column = match before.rfind('\n') {
                            Some(at) => Some((offset - at) as u64),
                            None => origin.column.map(|c| c + offset as u64),
                        };
                        let line = origin.line.map(|l| l + newlines);
                        self.item(text, Origin { line, column, positions: origin.positions }, false);
                    }
                }
                Ok(_) => {}
                Err(e) => self.record_error(origin, &e),
            },
            Ok(Detected::Batch) => self.malformed(
                origin.line,
                RecordErrorKind::Unrecognized,
                "a batch (`records` or `value` array) inside a batch: not a record".to_string(),
            ),
            Err(e) => self.record_error(origin, &e),
        }
    }

    fn run(&mut self, reader: impl Read, format: InputFormat) -> Result<(), Stopped> {
        let io_stop = |e: io::Error, line: Option<u64>| Stopped {
            kind: StopKind::Io,
            message: format!("read error: {e}"),
            line,
            column: None,
        };
        let mut reader = BufReader::with_capacity(64 << 10, reader);
        // A UTF-8 byte order mark (as Windows tools write) is not part of the JSON.
        if reader.fill_buf().map_err(|e| io_stop(e, None))?.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
        let mut line = Vec::new();
        let mut line_no = 0;
        if format == InputFormat::Json {
            return self.document(&[], 0, reader, false);
        }
        if format == InputFormat::Auto {
            // Skip blank lines, then decide from the first non-blank one.
            loop {
                line.clear();
                let complete = read_line(&mut reader, &mut line).map_err(|e| io_stop(e, Some(line_no + 1)))?;
                if line.is_empty() {
                    return Ok(());
                }
                if !complete {
                    // A first line too long to hold: a one-line document; stream it.
                    return self.document(&line, line_no, reader, true);
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    line_no += 1;
                    self.input().blank_lines += 1;
                    continue;
                }
                let first = line.iter().find(|b| !b.is_ascii_whitespace()).copied();
                match first {
                    Some(b'[') => return self.document(&line, line_no, reader, false),
                    // An object that the line does not close: a pretty-printed document, or
                    // a JSON Lines line cut short; the stop message names the way out.
                    Some(b'{') if serde_json::from_slice::<de::IgnoredAny>(&line).is_err_and(|e| e.is_eof()) => {
                        return self.document(&line, line_no, reader, true);
                    }
                    _ => {}
                }
                break;
            }
        }
        self.input().layout = Layout::JsonLines;
        let mut pending = !line.is_empty();
        loop {
            if !pending {
                line.clear();
                let complete = read_line(&mut reader, &mut line).map_err(|e| io_stop(e, Some(line_no + 1)))?;
                if line.is_empty() {
                    return Ok(());
                }
                if !complete {
                    line_no += 1;
                    skip_line(&mut reader).map_err(|e| io_stop(e, Some(line_no)))?;
                    self.malformed(
                        Some(line_no),
                        RecordErrorKind::Syntax,
                        format!("a line longer than {MAX_LINE_BYTES} bytes: not read as a record"),
                    );
                    continue;
                }
            }
            pending = false;
            line_no += 1;
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.iter().all(u8::is_ascii_whitespace) {
                self.input().blank_lines += 1;
                continue;
            }
            match std::str::from_utf8(text) {
                Ok(text) => self.item(text, Origin { line: Some(line_no), column: Some(1), positions: true }, true),
                Err(e) => self.malformed(
                    Some(line_no),
                    RecordErrorKind::Syntax,
                    format!("not UTF-8 (invalid byte at column {})", e.valid_up_to() + 1),
                ),
            }
        }
    }

    /// Streams JSON documents: `prefix` (already read, starting after `lines_before` lines),
    /// then the rest of `reader`. `guessed` says the layout was guessed from an object
    /// spanning lines, so a syntax error may mean JSON Lines with a broken first line.
    fn document(&mut self, prefix: &[u8], lines_before: u64, reader: impl Read, guessed: bool) -> Result<(), Stopped> {
        self.input().layout = Layout::Json;
        let newlines = Rc::new(Cell::new(0));
        let counted = CountLines { inner: io::Cursor::new(prefix).chain(reader), newlines: newlines.clone() };
        let mut de = serde_json::Deserializer::from_reader(counted);
        let stop = |e: serde_json::Error| {
            use serde_json::error::Category;
            let (line, column) = (e.line() as u64, e.column() as u64);
            let known = line > 0;
            let (kind, message) = match e.classify() {
                Category::Io => (StopKind::Io, format!("read error: {e}")),
                Category::Data => (StopKind::Structure, strip_position(&e)),
                Category::Syntax | Category::Eof => (
                    StopKind::Syntax,
                    format!(
                        "JSON syntax error: {}; the rest of this input was not read{}",
                        strip_position(&e),
                        if guessed {
                            " (read as one JSON document because its first line opens an object it does not \
                             close; if it is JSON Lines, say so: `--input jsonl`)"
                        } else {
                            ""
                        }
                    ),
                ),
            };
            Stopped { kind, message, line: known.then_some(line + lines_before), column: known.then_some(column) }
        };
        while de.end().is_err() {
            TopLevel { reading: self, newlines: &newlines, lines_before }.deserialize(&mut de).map_err(stop)?;
        }
        Ok(())
    }
}

/// serde_json's message without its ` at line L column C` (the report says where).
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}

/// Reads up to and including the next `\n` into `buf`, at most [`MAX_LINE_BYTES`]; whether
/// the line was read whole (or the input ended).
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(true);
        }
        let room = MAX_LINE_BYTES - buf.len();
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) if at < room => (at + 1, true),
            _ if available.len() >= room => (room, false),
            _ => (available.len(), false),
        };
        buf.extend_from_slice(&available[..take]);
        reader.consume(take);
        if done {
            return Ok(true);
        }
        if buf.len() >= MAX_LINE_BYTES {
            return Ok(false);
        }
    }
}

/// Skips to just after the next `\n`.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    reader.skip_until(b'\n').map(drop)
}

/// Counts the newlines read through it (serde_json reads a byte at a time, so the count is
/// exact at every point the deserializer hands control back).
struct CountLines<R> {
    inner: R,
    newlines: Rc<Cell<u64>>,
}

impl<R: Read> Read for CountLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let count = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        self.newlines.set(self.newlines.get() + count);
        Ok(n)
    }
}

/// One top-level JSON value of a document.
struct TopLevel<'a, 'r> {
    reading: &'a mut Reading<'r>,
    newlines: &'a Cell<u64>,
    lines_before: u64,
}

impl TopLevel<'_, '_> {
    /// The line the current position is on.
    fn line(&self) -> u64 {
        self.lines_before + self.newlines.get() + 1
    }
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

const NOT_RECORDS: &str = "expected a JSON array of records, an object with a `records` or `value` array, or a record";

impl<'de> Visitor<'de> for TopLevel<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NOT_RECORDS)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        stream(self.reading, self.newlines, self.lines_before, seq, true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let start = self.line();
        let mut others: Vec<(String, Box<RawValue>)> = Vec::new();
        let mut streamed = false;
        while let Some(key) = map.next_key::<String>()? {
            if !streamed && (key == "records" || key == "value") {
                map.next_value_seed(Stream {
                    reading: &mut *self.reading,
                    newlines: self.newlines,
                    lines_before: self.lines_before,
                    key: if key == "records" { "records" } else { "value" },
                })?;
                streamed = true;
            } else {
                others.push((key, map.next_value()?));
            }
        }
        if streamed {
            let keys = &mut self.reading.input().wrapper_keys;
            for (key, _) in others {
                if keys.len() < MAX_LISTED && !keys.contains(&key) {
                    keys.push(key);
                }
            }
        } else {
            // One record on its own: put it back together and read it.
            let mut text = String::from("{");
            for (i, (key, value)) in others.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                text.push_str(&serde_json::to_string(key).map_err(de::Error::custom)?);
                text.push(':');
                text.push_str(value.get());
            }
            text.push('}');
            // Positions in the rebuilt text are not positions in the input.
            self.reading.item(&text, Origin { line: Some(start), column: None, positions: false }, false);
        }
        Ok(())
    }
}

/// The array under a wrapper's `records` or `value` key.
struct Stream<'a, 'r> {
    reading: &'a mut Reading<'r>,
    newlines: &'a Cell<u64>,
    lines_before: u64,
    key: &'static str,
}

impl<'de> DeserializeSeed<'de> for Stream<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Stream<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of records under `{}`", self.key)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        stream(self.reading, self.newlines, self.lines_before, seq, false)
    }
}

/// Reads an array element by element, each as raw JSON, then as a record.
fn stream<'de, A: SeqAccess<'de>>(
    reading: &mut Reading<'_>,
    newlines: &Cell<u64>,
    lines_before: u64,
    mut seq: A,
    allow_batch: bool,
) -> Result<(), A::Error> {
    while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
        let text = raw.get();
        // The element has just been read to its last byte: its first line is the current
        // line less the newlines inside it.
        let inside = text.bytes().filter(|&b| b == b'\n').count() as u64;
        let line = lines_before + newlines.get() + 1 - inside;
        reading.item(text, Origin { line: Some(line), column: None, positions: true }, allow_batch);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Records and, where not one, `s`.
struct Records(u64);

impl fmt::Display for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} record{}", self.0, if self.0 == 1 { "" } else { "s" })
    }
}

/// How many exact activities the text lists (the JSON lists all).
const TEXT_EXACT: usize = 25;

impl fmt::Display for Report {
    /// The report as text for a person: inputs, totals, then each kind of record.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.totals;
        writeln!(
            f,
            "Checked {} from {} input{} against {} ({}).",
            Records(t.records),
            self.inputs.len(),
            if self.inputs.len() == 1 { "" } else { "s" },
            crate::SOURCE_TITLE,
            crate::SOURCE_DATE
        )?;
        writeln!(f)?;
        for input in &self.inputs {
            let unread = input.layout == Layout::Empty && input.stopped.is_some();
            if unread {
                write!(f, "  {}: not read", input.name)?;
            } else {
                write!(f, "  {}: {}, {}", input.name, input.layout.describe(), Records(input.records))?;
            }
            if input.blank_lines > 0 {
                write!(f, ", {} blank line{}", input.blank_lines, if input.blank_lines == 1 { "" } else { "s" })?;
            }
            if !input.wrapper_keys.is_empty() {
                write!(f, " (wrapper keys not read as records: {})", input.wrapper_keys.join(", "))?;
            }
            writeln!(f)?;
            if let Some(stop) = &input.stopped {
                let at = match (stop.line, stop.column) {
                    (Some(l), Some(c)) => format!("{}:{l}:{c}: ", input.name),
                    (Some(l), None) => format!("{}:{l}: ", input.name),
                    _ => format!("{}: ", input.name),
                };
                writeln!(f, "    STOPPED: {at}{}", stop.message)?;
            }
        }
        writeln!(f)?;
        let shapes: Vec<String> = [
            (t.graph, "Graph directoryAudit"),
            (t.log_analytics, "Log Analytics AuditLogs"),
            (t.diagnostic_settings, "diagnostic settings"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let shapes = if shapes.is_empty() { String::new() } else { format!("   ({})", shapes.join(", ")) };
        writeln!(f, "  records   {:>7}{shapes}", t.records)?;
        writeln!(f, "  exact     {:>7}", t.exact)?;
        writeln!(f, "  forgiven  {:>7}", t.forgiven)?;
        writeln!(f, "  unknown   {:>7}", t.unknown)?;
        writeln!(f, "  malformed {:>7}", t.malformed)?;

        let exact: Vec<(&Entry, u64)> = {
            let mut v: Vec<_> = self.exact().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v
        };
        if !exact.is_empty() {
            writeln!(
                f,
                "\nExact: {} of {} activit{}",
                Records(t.exact),
                exact.len(),
                if exact.len() == 1 { "y" } else { "ies" }
            )?;
            for (e, n) in exact.iter().take(TEXT_EXACT) {
                writeln!(f, "  {n:>7}  {e}")?;
            }
            if exact.len() > TEXT_EXACT {
                writeln!(
                    f,
                    "           ... and {} more activities (`--format json` lists all)",
                    exact.len() - TEXT_EXACT
                )?;
            }
        }
        if !self.forgiven.is_empty() {
            writeln!(f, "\nForgiven: {}, found after normalizing spelling", Records(t.forgiven))?;
            for g in &self.forgiven {
                writeln!(f, "  {} ({})", g.normalizations, Records(g.count))?;
                for s in &g.spellings {
                    writeln!(f, "  {:>7}  {:?} / {:?} / {:?}", s.count, s.service, s.category, s.activity)?;
                    writeln!(f, "           = {} (line {}); first at {}", s.entry, s.entry.line(), s.first)?;
                }
                if g.unlisted > 0 {
                    writeln!(f, "           ... and {} with other spellings", Records(g.unlisted))?;
                }
            }
        }
        if !self.unknown.is_empty() || self.unlisted_unknown > 0 {
            writeln!(
                f,
                "\nUnknown: {}, {} distinct (service, category, activity)",
                Records(t.unknown),
                self.unknown.len()
            )?;
            let mut groups: Vec<&UnknownGroup> = self.unknown.iter().collect();
            groups.sort_by_key(|g| std::cmp::Reverse(g.count));
            for g in groups {
                writeln!(f, "  {:>7}  {:?} / {:?} / {:?}", g.count, g.service, g.category, g.activity)?;
                writeln!(f, "           {}", g.error)?;
                writeln!(f, "           first at {}", g.first)?;
            }
            if self.unlisted_unknown > 0 {
                writeln!(
                    f,
                    "           ... and {} past {MAX_GROUPS} groups, counted only",
                    Records(self.unlisted_unknown)
                )?;
            }
        }
        if t.malformed > 0 {
            writeln!(f, "\nMalformed: {}", Records(t.malformed))?;
            for m in &self.malformed {
                writeln!(f, "  {}: {}: {}", m.location, m.kind.as_str(), m.message)?;
            }
            let unlisted = t.malformed - self.malformed.len() as u64;
            if unlisted > 0 {
                writeln!(f, "  ... and {} more, counted only", Records(unlisted))?;
            }
        }
        writeln!(f)?;
        let attention = t.unknown + t.malformed;
        if self.is_clean() {
            return writeln!(f, "OK: every record is in the catalog.");
        }
        f.write_str("NOT OK: ")?;
        if t.stopped_inputs > 0 {
            let s = if t.stopped_inputs == 1 { "" } else { "s" };
            write!(f, "{} input{s} stopped early (what follows the stop was not read); ", t.stopped_inputs)?;
        }
        writeln!(f, "{attention} of {} read need attention.", Records(t.records))
    }
}

/// `{"entry", "count"}`.
struct ExactRow(&'static Entry, u64);

impl Serialize for ExactRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Exact", 2)?;
        s.serialize_field("entry", self.0)?;
        s.serialize_field("count", &self.1)?;
        s.end()
    }
}

struct ExactRows<'a>(&'a Report);

impl Serialize for ExactRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.exact().map(|(e, n)| ExactRow(e, n)))
    }
}

/// `{"title", "date", "file"}`.
struct Catalog;

impl Serialize for Catalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Catalog", 3)?;
        s.serialize_field("title", crate::SOURCE_TITLE)?;
        s.serialize_field("date", crate::SOURCE_DATE)?;
        s.serialize_field("file", crate::SOURCE_FILE)?;
        s.end()
    }
}

impl Serialize for Report {
    /// `{"ok", "catalog", "inputs", "totals", "exact", "forgiven", "unknown", "unlistedUnknown",
    /// "malformed"}`; `exact` lists every entry seen with its count, in document order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 9)?;
        s.serialize_field("ok", &self.is_clean())?;
        s.serialize_field("catalog", &Catalog)?;
        s.serialize_field("inputs", &self.inputs)?;
        s.serialize_field("totals", &self.totals)?;
        s.serialize_field("exact", &ExactRows(self))?;
        s.serialize_field("forgiven", &self.forgiven)?;
        s.serialize_field("unknown", &self.unknown)?;
        s.serialize_field("unlistedUnknown", &self.unlisted_unknown)?;
        s.serialize_field("malformed", &self.malformed)?;
        s.end()
    }
}
