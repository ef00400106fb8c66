//! Streaming validation of audit exports (feature `records`): a [`Reader`] that yields each
//! record's result, and a [`Report`] built on it.
//!
//! Both take any [`Read`] (a file, stdin) holding
//!
//! - **JSON Lines**: one record per line, or one batch (`{"records": [...]}`) per line, as
//!   storage-account exports and Event Hub captures are; or
//! - **a JSON document**: an array of records, an object with a `records` array (a
//!   diagnostic-settings export) or a `value` array (a Graph list response), or one record;
//!   several documents may follow each other.
//!
//! and read it record by record in bounded memory, from a buffer: JSON Lines are split at
//! newlines and each line read once; the elements of a document's arrays are read straight
//! from the buffer, reading and framing in one pass (other parts of a document are scanned
//! for strings and nesting only). A record (or line) longer than
//! [`Options::max_record_bytes`] is malformed and skipped to its end without being held.
//! UTF-16 inputs with a byte order mark (what Windows PowerShell 5.1 writes with `>`) are
//! decoded.
//!
//! Every record lands in exactly one place of the report: exact, forgiven (grouped by what
//! was forgiven), allowed (by the allowlist rule), unknown (grouped by the service, category
//! and activity given, with the validation error and its suggestions, worked out once per
//! group) or malformed (with its line and record number and what is wrong). A malformed
//! record never stops the run; broken JSON syntax in a document stops that input (its
//! records cannot be told apart any more), and the report says where.
//!
//! Memory is bounded whatever the input: one record (at most `max_record_bytes`) and the
//! read buffer, at most `max_groups` unknown groups and forgiven spellings and `max_listed`
//! malformed records, each kept string cut to [`KEPT_BYTES`]. Tallies of chunks of a JSON
//! Lines input checked on several threads merge into exactly what one thread counts
//! ([`Tally::merge`], [`Report::read_parallel`]).
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

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::Entry;
use crate::allowlist::Allowlist;
use crate::records::Checker;

mod frame;
mod input;
mod json;
mod parallel;
mod reader;
mod tally;
mod text;
mod window;

pub use input::{InputFormat, InputNote, InputSummary, Layout, Location, StopKind, Stopped};
pub use reader::{Checked, CheckedRecord, Reader};
pub use tally::{AllowedGroup, Excerpt, ForgivenGroup, ForgivenSpelling, KEPT_BYTES, Malformed, Tally, UnknownGroup};
pub use window::Encoding;

/// The longest record (or JSON Lines line) read, by default; longer ones are reported as
/// malformed and skipped to their end, unread.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// How many malformed records a report lists by default; more are counted.
pub const MAX_LISTED: usize = 1000;

/// How many distinct unknown (service, category, activity) groups, and distinct forgiven
/// spellings, a report lists by default; records beyond are counted as unlisted.
pub const MAX_GROUPS: usize = 10_000;

/// What [`Report::read`] and [`Reader`] expect where a document holds something else.
const NOT_RECORDS: &str = "expected a JSON array of records, an object with a `records` or `value` array, or a record";

/// How reports and readers check and what they keep.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Forgiven records need attention too: [`Report::is_clean`] is false when there are any.
    pub strict: bool,
    /// The longest record (or JSON Lines line) read; longer ones are malformed, skipped unread.
    pub max_record_bytes: usize,
    /// How many unknown groups, and forgiven spellings, are listed.
    pub max_groups: usize,
    /// How many malformed records are listed.
    pub max_listed: usize,
    /// How many bytes of a JSON Lines input each thread checks at a time
    /// ([`Report::read_parallel`]).
    pub chunk_bytes: usize,
    checker: Checker,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            strict: false,
            max_record_bytes: MAX_RECORD_BYTES,
            max_groups: MAX_GROUPS,
            max_listed: MAX_LISTED,
            chunk_bytes: 4 << 20,
            checker: Checker::new(),
        }
    }
}

impl Options {
    /// The defaults: not strict, no allowlist, the `MAX_*` limits.
    pub fn new() -> Options {
        Options::default()
    }

    /// The same options, accepting what `allowlist` allows among records the catalog does
    /// not know ([`Verdict::Allowed`](crate::records::Verdict::Allowed)).
    pub fn with_allowlist(mut self, allowlist: Arc<Allowlist>) -> Options {
        self.checker = self.checker.with_allowlist(allowlist);
        self
    }

    /// The same options, checking against `catalog` (some page versions) rather than every
    /// bundled page version.
    pub fn with_catalog(mut self, catalog: crate::Catalog) -> Options {
        self.checker = self.checker.with_catalog(catalog);
        self
    }

    /// The same options, strict or not ([`Options::strict`]).
    pub fn with_strict(mut self, strict: bool) -> Options {
        self.strict = strict;
        self
    }

    /// The allowlist, if any.
    pub fn allowlist(&self) -> Option<&Allowlist> {
        self.checker.allowlist()
    }

    /// The checker readers use: shared by every reader made with these options, so each
    /// unknown name is explained once.
    pub fn checker(&self) -> Checker {
        self.checker.clone()
    }

    /// The catalog (page versions) records are checked against.
    pub fn catalog(&self) -> crate::Catalog {
        self.checker.catalog()
    }
}

/// The counts of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Totals {
    /// Records read: `exact + forgiven + allowed + unknown + malformed`.
    pub records: u64,
    /// Records whose service, category and activity are the catalog's spellings.
    pub exact: u64,
    /// Records matched after forgiving spelling.
    pub forgiven: u64,
    /// Records the catalog does not list but the allowlist accepts.
    pub allowed: u64,
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

/// What a set of inputs held: see the [module documentation](self).
///
/// Renders as text with `Display` and as JSON with serde (`{"ok", "catalog", "inputs",
/// "totals", "exact", "forgiven", "allowed", "unknown", "unlistedUnknown", "malformed"}`).
#[derive(Debug, Clone)]
pub struct Report {
    options: Options,
    inputs: Vec<InputSummary>,
    counts: tally::Counts,
    forgiven: Vec<ForgivenGroup>,
    unknown: Vec<UnknownGroup>,
    allowed: Vec<AllowedGroup>,
}

impl Default for Report {
    fn default() -> Report {
        Report::new()
    }
}

impl Report {
    /// The catalog (page versions) the records are checked against.
    pub fn catalog(&self) -> crate::Catalog {
        self.options.catalog()
    }

    /// An empty report with the default [`Options`].
    pub fn new() -> Report {
        Report::with_options(Options::default())
    }

    /// An empty report.
    pub fn with_options(options: Options) -> Report {
        let counts = tally::Counts::new(&options);
        Report { options, inputs: Vec::new(), counts, forgiven: Vec::new(), unknown: Vec::new(), allowed: Vec::new() }
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads one input to its end (or until its JSON syntax breaks, or reading fails, which
    /// the input's [`InputSummary::stopped`] then says), adding its records to the report.
    pub fn read(&mut self, name: impl Into<String>, reader: impl Read, format: InputFormat) -> &InputSummary {
        let tally = Tally::read(name, reader, format, &self.options);
        self.add(tally)
    }

    /// Opens and reads a file; a file that cannot be opened is an input stopped by
    /// [`StopKind::Io`].
    pub fn read_path(&mut self, path: impl AsRef<Path>, format: InputFormat) -> &InputSummary {
        let path = path.as_ref();
        match File::open(path) {
            Ok(file) => self.read(path.display().to_string(), file, format),
            Err(e) => {
                let mut tally = Tally::read(path.display().to_string(), std::io::empty(), format, &self.options);
                tally.summary.stopped = Some(Stopped {
                    kind: StopKind::Io,
                    message: format!("cannot open: {e}"),
                    line: None,
                    column: None,
                });
                self.add(tally)
            }
        }
    }

    /// Reads one input on `threads` threads: a JSON Lines input is cut into chunks of
    /// [`Options::chunk_bytes`] at line boundaries, the chunks are checked in parallel and
    /// their tallies merged in input order, so the report is exactly what [`Report::read`]
    /// gives. Documents, and `threads <= 1`, are read on this thread. At most `2 × threads`
    /// chunks are held at a time.
    pub fn read_parallel(
        &mut self,
        name: impl Into<String>,
        reader: impl Read + Send,
        format: InputFormat,
        threads: usize,
    ) -> &InputSummary {
        let tally = parallel::read(name.into(), reader, format, threads, &self.options);
        self.add(tally)
    }

    /// Adds the tally of one whole input, after those already read.
    pub fn add(&mut self, tally: Tally) -> &InputSummary {
        let seq_base = self.counts.totals.records;
        self.counts.absorb(tally.counts, seq_base);
        if tally.summary.stopped.is_some() {
            self.counts.totals.stopped_inputs += 1;
        }
        self.inputs.push(tally.summary);
        self.forgiven = self.counts.forgiven_groups();
        self.unknown = self.counts.unknown_groups();
        self.allowed = self.counts.allowed_groups();
        self.inputs.last().expect("pushed above")
    }

    /// The inputs read, in order.
    pub fn inputs(&self) -> &[InputSummary] {
        &self.inputs
    }

    /// The counts.
    pub fn totals(&self) -> Totals {
        self.counts.totals
    }

    /// Exact matches: each entry seen, with its number of records, in document order.
    pub fn exact(&self) -> impl Iterator<Item = (&'static Entry, u64)> + '_ {
        crate::entries().iter().zip(&self.counts.exact).filter(|(_, n)| **n > 0).map(|(e, n)| (e, *n))
    }

    /// Forgiven matches, grouped by what was forgiven (fewest normalizations first).
    pub fn forgiven(&self) -> &[ForgivenGroup] {
        &self.forgiven
    }

    /// Records the allowlist accepted, by rule (allowlist order).
    pub fn allowed(&self) -> &[AllowedGroup] {
        &self.allowed
    }

    /// Unknown records, grouped by (service, category, activity), in order of first appearance.
    pub fn unknown(&self) -> &[UnknownGroup] {
        &self.unknown
    }

    /// Unknown records whose groups are not listed (past [`Options::max_groups`]).
    pub fn unlisted_unknown(&self) -> u64 {
        self.counts.totals.unknown - self.unknown.iter().map(|g| g.count).sum::<u64>()
    }

    /// Malformed records (the first [`Options::max_listed`]; [`Totals::malformed`] counts
    /// them all).
    pub fn malformed(&self) -> &[Malformed] {
        &self.counts.malformed
    }

    /// Whether no record was read at all (empty inputs, or none).
    pub fn is_empty(&self) -> bool {
        self.counts.totals.records == 0
    }

    /// Records that need a person's attention: unknown and malformed ones, and forgiven ones
    /// too when [`Options::strict`].
    pub fn needing_attention(&self) -> u64 {
        let t = &self.counts.totals;
        t.unknown + t.malformed + if self.options.strict { t.forgiven } else { 0 }
    }

    /// Whether every record was found in the catalog (exactly or forgiven; only exactly when
    /// strict) or allowed, none was malformed and every input was read to its end. An empty
    /// report is clean: see [`Report::is_empty`].
    pub fn is_clean(&self) -> bool {
        self.needing_attention() == 0 && self.counts.totals.stopped_inputs == 0
    }

    /// Whether an input could not be opened or read.
    pub fn has_io_errors(&self) -> bool {
        self.inputs.iter().any(|i| i.stopped.as_ref().is_some_and(|s| s.kind == StopKind::Io))
    }
}
