//! The streaming reader: one input, record by record, each with its result, in input order.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::Arc;

use memchr::memchr;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::Options;
use super::frame::{Frame, Framer, absolute};
use super::input::{InputFormat, InputNote, InputSummary, Layout, Location, StopKind, Stopped};
use super::window::{Source, Window};
use crate::records::{
    Checker, Identity, Parsed, Record, RecordError, RecordErrorKind, Shape, Verdict, parse, parse_prefix,
};

/// One record of an input and what became of it, borrowed from the reader's buffer: see
/// [`Reader::read_next`]. [`Checked::to_owned`] keeps it.
#[derive(Debug)]
pub struct Checked<'a> {
    input: &'a Arc<str>,
    line: u64,
    number: u64,
    json: &'a str,
    outcome: Outcome<'a>,
}

/// A record read (lent, with the parts it names, worked out once for the check and the tally)
/// and its verdict, or why it could not be read.
#[derive(Debug)]
enum Outcome<'a> {
    Read(&'a Record<'a>, Identity<'a>, Verdict),
    Failed(RecordError, Option<(u64, u64)>),
}

impl<'a> Checked<'a> {
    /// Where the record is.
    pub fn location(&self) -> Location {
        Location { input: self.input.clone(), line: Some(self.line), record: self.number }
    }

    /// The 1-based line where the record starts.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The 1-based number of the record in its input (records of batches counted one by one).
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The record's JSON text (empty when it was too long to hold, or not UTF-8).
    pub fn json(&self) -> &'a str {
        self.json
    }

    /// The record, when it could be read.
    pub fn record(&self) -> Option<&Record<'a>> {
        match &self.outcome {
            Outcome::Read(record, ..) => Some(record),
            Outcome::Failed(..) => None,
        }
    }

    /// What the catalog says about it, or why it could not be read.
    pub fn verdict(&self) -> Result<Verdict, &RecordError> {
        match &self.outcome {
            Outcome::Read(.., verdict) => Ok(*verdict),
            Outcome::Failed(e, _) => Err(e),
        }
    }

    /// Where in the input reading it went wrong (1-based line and column), for JSON errors.
    pub fn error_position(&self) -> Option<(u64, u64)> {
        match &self.outcome {
            Outcome::Failed(_, at) => *at,
            Outcome::Read(..) => None,
        }
    }

    /// The record's shape, when it could be read.
    pub fn shape(&self) -> Option<Shape> {
        self.record().map(Record::shape)
    }

    /// The record's id, where present.
    pub fn id(&self) -> Option<&str> {
        self.record().and_then(Record::id)
    }

    /// The record's correlation id, where present.
    pub fn correlation_id(&self) -> Option<&str> {
        self.record().and_then(Record::correlation_id)
    }

    /// When the activity happened (`activityDateTime`, else `TimeGenerated` or `time`).
    pub fn time(&self) -> Option<&str> {
        self.record().and_then(Record::time)
    }

    /// The (service, category, activity) the record names (all `None` when unreadable).
    pub fn identity(&self) -> Identity<'a> {
        match &self.outcome {
            Outcome::Read(_, identity, _) => *identity,
            Outcome::Failed(..) => Identity::default(),
        }
    }

    /// The result, owning its text.
    pub fn to_owned(&self) -> CheckedRecord {
        let owned = |s: Option<&str>| s.map(str::to_string);
        let identity = self.identity();
        CheckedRecord {
            location: self.location(),
            shape: self.shape(),
            id: owned(self.id()),
            correlation_id: owned(self.correlation_id()),
            time: owned(self.time()),
            service: owned(identity.service),
            category: owned(identity.category),
            activity: owned(identity.activity),
            error_position: self.error_position(),
            result: match &self.outcome {
                Outcome::Read(.., verdict) => Ok(*verdict),
                Outcome::Failed(e, _) => Err(e.clone()),
            },
        }
    }
}

/// One record's result, owned: what [`Reader`] yields as an iterator. Serializes as one JSON
/// object (`{"input", "line", "record", "shape", "id", "correlationId", "time", "service",
/// "category", "activity", "verdict", ...}`, with `match`, `allowedBy`, `error` or `missing`
/// by verdict; `verdict` is `malformed` for a record that could not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedRecord {
    /// Where it is.
    pub location: Location,
    /// Its shape, when it could be read.
    pub shape: Option<Shape>,
    /// `id`.
    pub id: Option<String>,
    /// `correlationId`.
    pub correlation_id: Option<String>,
    /// When the activity happened.
    pub time: Option<String>,
    /// The service as the record spells it.
    pub service: Option<String>,
    /// The category as the record spells it.
    pub category: Option<String>,
    /// The activity as the record spells it.
    pub activity: Option<String>,
    /// What the catalog says, or why it could not be read.
    pub result: Result<Verdict, RecordError>,
    /// Where in the input reading it went wrong, for JSON errors.
    pub error_position: Option<(u64, u64)>,
}

impl Serialize for CheckedRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("input", &*self.location.input)?;
        m.serialize_entry("line", &self.location.line)?;
        m.serialize_entry("record", &self.location.record)?;
        m.serialize_entry("shape", &self.shape)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("correlationId", &self.correlation_id)?;
        m.serialize_entry("time", &self.time)?;
        m.serialize_entry("service", &self.service)?;
        m.serialize_entry("category", &self.category)?;
        m.serialize_entry("activity", &self.activity)?;
        match &self.result {
            Ok(verdict) => {
                m.serialize_entry("verdict", verdict.as_str())?;
                match verdict {
                    Verdict::Exact(found) | Verdict::Forgiven(found) => m.serialize_entry("match", found)?,
                    Verdict::Allowed(allowed) => m.serialize_entry("allowedBy", &AllowedBy(allowed.line()))?,
                    Verdict::Unknown(e) => m.serialize_entry("error", e)?,
                    Verdict::Incomplete(field) => m.serialize_entry("missing", field)?,
                }
            }
            Err(e) => {
                m.serialize_entry("verdict", "malformed")?;
                m.serialize_entry("error", &Failure(e, self.error_position))?;
            }
        }
        m.end()
    }
}

/// `{"line"}` of an allowlist rule.
struct AllowedBy(usize);

impl Serialize for AllowedBy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(1))?;
        m.serialize_entry("line", &self.0)?;
        m.end()
    }
}

/// `{"kind", "message", "line", "column"}` of a record that could not be read.
struct Failure<'e>(&'e RecordError, Option<(u64, u64)>);

impl Serialize for Failure<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(4))?;
        m.serialize_entry("kind", &self.0.kind())?;
        m.serialize_entry("message", self.0.message())?;
        m.serialize_entry("line", &self.1.map(|p| p.0))?;
        m.serialize_entry("column", &self.1.map(|p| p.1))?;
        m.end()
    }
}

/// A streaming reader over one export (JSON Lines, JSON arrays, `records`/`value` wrappers,
/// single records; any [`Read`]): each record in input order with its location, ids, time
/// and verdict, in memory bounded by the record limit ([`Options::max_record_bytes`]).
///
/// As an [`Iterator`] it yields owned [`CheckedRecord`]s; [`Reader::read_next`] lends each
/// record from the reader's buffer instead (what [`Report`](super::Report) uses). When it
/// ends, [`Reader::summary`] says how the input was laid out and whether it stopped early.
///
/// ```
/// use aad_audit_catalog::records::Verdict;
/// use aad_audit_catalog::report::{InputFormat, Reader};
///
/// let export = r#"{"value": [
///   {"id": "1", "loggedByService": "Core Directory", "category": "UserManagement", "activityDisplayName": "Add user"},
///   {"id": "2", "loggedByService": "Core Directory", "category": "UserManagement", "activityDisplayName": "Add usr"}
/// ]}"#;
/// let mut reader = Reader::new("graph.json", export.as_bytes(), InputFormat::Auto);
/// let results: Vec<_> = reader.by_ref().collect();
/// assert_eq!(results[1].id.as_deref(), Some("2"));
/// assert_eq!(results[1].location.to_string(), "graph.json:3 (record 2)");
/// assert!(matches!(results[1].result, Ok(Verdict::Unknown(_))));
/// assert!(reader.summary().stopped.is_none());
/// ```
pub struct Reader<R: Read> {
    name: Arc<str>,
    window: Window<Source<R>>,
    framer: Framer,
    checker: Checker,
    summary: InputSummary,
    format: InputFormat,
    limit: usize,
    started: bool,
    ended: bool,
    /// Whether the first non-blank line of a JSON Lines input is still to come.
    first_line: bool,
    /// Records read but not yet yielded by the iterator (a batch's).
    queue: VecDeque<CheckedRecord>,
    /// How many bytes the next array element is guessed to take (twice the last one).
    guess: usize,
}

impl<R: Read> Reader<R> {
    /// A reader with the default [`Options`].
    pub fn new(name: impl Into<String>, reader: R, format: InputFormat) -> Reader<R> {
        Reader::with_options(name, reader, format, &Options::default())
    }

    /// A reader with the limits and allowlist of `options`.
    pub fn with_options(name: impl Into<String>, reader: R, format: InputFormat, options: &Options) -> Reader<R> {
        let (encoding, prefix, source, opened) = Source::open(reader);
        let mut reader = Reader::build(name.into(), source, prefix, format, options);
        reader.summary.encoding = encoding;
        if let Err(e) = opened {
            reader.summary.stopped = Some(io_stop(&e, Some(1)));
        }
        reader
    }

    /// A reader of a stretch of a JSON Lines input that starts at a line boundary: no byte
    /// order mark or encoding is looked for, lines and records are numbered from 1.
    pub(super) fn json_lines_chunk(name: impl Into<String>, chunk: Vec<u8>, reader: R, options: &Options) -> Reader<R> {
        let mut chunk = Reader::build(name.into(), Source::Utf8(reader), chunk, InputFormat::JsonLines, options);
        chunk.started = true;
        chunk.first_line = false;
        chunk.summary.layout = Layout::JsonLines;
        chunk
    }

    fn build(name: String, source: Source<R>, prefix: Vec<u8>, format: InputFormat, options: &Options) -> Reader<R> {
        let name: Arc<str> = Arc::from(name);
        let summary = InputSummary::new(&name);
        let limit = options.max_record_bytes.max(1);
        Reader {
            name,
            window: Window::new(source, prefix),
            framer: Framer::new(false, limit, 0, 0),
            checker: options.checker(),
            summary,
            format,
            limit,
            started: false,
            ended: false,
            first_line: format == InputFormat::JsonLines,
            queue: VecDeque::new(),
            guess: 1 << 10,
        }
    }

    /// The same reader, checking with `checker` (to share what it remembers with others).
    pub fn with_checker(mut self, checker: Checker) -> Reader<R> {
        self.checker = checker;
        self
    }

    /// What the input held so far: layout, records, blank lines, why it stopped.
    pub fn summary(&self) -> &InputSummary {
        &self.summary
    }

    /// Lines read so far.
    pub fn lines(&self) -> u64 {
        self.framer.newlines()
    }

    /// Reads the next line or document element and calls `f` once for each record in it (one,
    /// or a batch's, none for a blank line); `false` when the input has ended or stopped.
    pub fn read_next(&mut self, mut f: impl FnMut(&Checked<'_>)) -> bool {
        if !self.started {
            self.started = true;
            if self.summary.stopped.is_none() {
                if let Err(e) = self.start() {
                    self.summary.stopped = Some(io_stop(&e, Some(self.framer.newlines() + 1)));
                }
            }
        }
        if self.ended || self.summary.stopped.is_some() {
            return false;
        }
        let frame = match self.framer.next(&mut self.window) {
            Ok(frame) => frame,
            Err(e) => {
                self.summary.stopped = Some(io_stop(&e, Some(self.framer.newlines() + 1)));
                return false;
            }
        };
        match frame {
            Frame::End => {
                self.ended = true;
                self.summary.wrapper_keys = std::mem::take(&mut self.framer.wrapper_keys);
                false
            }
            Frame::Stop(stop) => {
                self.stop(stop);
                false
            }
            Frame::TooLong { line, line_not_record } => {
                self.first_line = false;
                let error = too_long(self.limit, line_not_record);
                self.emit(line, "", Outcome::Failed(error, None), &mut f);
                true
            }
            Frame::Text { from, to, line, column, batches } => {
                self.text(from, to, (line, column), batches, &mut f);
                true
            }
            Frame::Element { line, column, batches } => {
                self.element((line, column), batches, &mut f);
                true
            }
        }
    }

    /// Reads the whole input, calling `f` for each record; the summary at the end.
    pub fn for_each(mut self, mut f: impl FnMut(&Checked<'_>)) -> InputSummary {
        while self.read_next(&mut f) {}
        self.summary
    }

    /// The input stops here: `stop`, with how the layout was guessed where it matters.
    fn stop(&mut self, mut stop: Stopped) {
        if stop.kind == StopKind::Syntax {
            if let Some(note @ (InputNote::GuessedDocument | InputNote::LongFirstLine)) = self.summary.note {
                stop.message = format!("{} ({})", stop.message, note.message());
            }
        }
        stop.message = super::tally::cut(&stop.message, 2 * super::KEPT_BYTES);
        self.summary.wrapper_keys = std::mem::take(&mut self.framer.wrapper_keys);
        self.summary.stopped = Some(stop);
    }

    /// Counts a record and hands it to `f`.
    fn emit(&mut self, line: u64, json: &str, outcome: Outcome<'_>, f: &mut impl FnMut(&Checked<'_>)) {
        self.summary.records += 1;
        f(&Checked { input: &self.name, line, number: self.summary.records, json, outcome });
    }

    /// Decides the layout (for [`InputFormat::Auto`]) and starts framing.
    fn start(&mut self) -> io::Result<()> {
        match self.format {
            InputFormat::Json => self.begin(Layout::Json, 0, 0, None),
            InputFormat::JsonLines => self.begin(Layout::JsonLines, 0, 0, None),
            _ => self.decide()?,
        }
        Ok(())
    }

    /// Starts framing as `layout` at absolute offset `at`, after `blank` blank lines.
    fn begin(&mut self, layout: Layout, at: u64, blank: u64, note: Option<InputNote>) {
        self.summary.layout = layout;
        self.summary.note = note;
        self.window.seek(at);
        self.window.keep_from(at);
        let document = layout != Layout::JsonLines;
        self.framer = Framer::new(document, self.limit, if document { blank } else { 0 }, at);
        if document {
            self.summary.blank_lines = blank;
        }
    }

    /// [`InputFormat::Auto`]: JSON Lines unless the first non-blank line says otherwise.
    fn decide(&mut self) -> io::Result<()> {
        let start = self.window.pos();
        let (mut at, mut blank) = (start, 0);
        let (from, to, next) = loop {
            match peek_line(&mut self.window, at, self.limit)? {
                Peek::End => {
                    self.begin(Layout::Empty, at, blank, None);
                    return Ok(());
                }
                Peek::TooLong => {
                    self.begin(Layout::Json, at, blank, Some(InputNote::LongFirstLine));
                    return Ok(());
                }
                // JSON's whitespace only: a document read from the next line on must read as
                // one read from the start.
                Peek::Line { to, next } if is_json_blank(self.window.slice(at, to)) => {
                    blank += 1;
                    at = next;
                }
                Peek::Line { to, next } => break (at, to, next),
            }
        };
        let line = self.window.slice(from, to);
        let first = line.iter().copied().find(|b| !b.is_ascii_whitespace());
        let opens_object =
            first == Some(b'{') && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err_and(|e| e.is_eof());
        if first == Some(b'[') {
            self.begin(Layout::Json, from, blank, None);
        } else if !opens_object {
            self.begin(Layout::JsonLines, start, 0, None);
        } else if self.line_two_is_a_record(from, to, next)? {
            self.begin(Layout::JsonLines, start, 0, Some(InputNote::ReadAsJsonLines));
        } else {
            self.begin(Layout::Json, from, blank, Some(InputNote::GuessedDocument));
        }
        Ok(())
    }

    /// Whether a document starting with the line `from..to` breaks where the next line (at
    /// `next`) begins, and that line is a complete JSON value.
    fn line_two_is_a_record(&mut self, from: u64, to: u64, next: u64) -> io::Result<bool> {
        let Peek::Line { to: end, .. } = peek_line(&mut self.window, next, self.limit)? else { return Ok(false) };
        let second = self.window.slice(next, end);
        if is_blank(second) || serde_json::from_slice::<serde::de::IgnoredAny>(second).is_err() {
            return Ok(false);
        }
        let both = self.window.slice(from, end);
        let indent = second.iter().take_while(|b| b.is_ascii_whitespace()).count() as u64;
        // Line 2 of `both`, at or before the first byte of the record on it.
        let lines_in_first = memchr::memchr_iter(b'\n', self.window.slice(from, to)).count();
        let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(both) else { return Ok(false) };
        Ok(!e.is_eof() && e.line() == lines_in_first + 2 && (e.column() as u64) <= indent + 1)
    }

    /// One framed JSON text: its records, checked, handed to `f`.
    fn text(&mut self, from: u64, to: u64, origin: (u64, u64), batches: bool, f: &mut impl FnMut(&Checked<'_>)) {
        let document = self.summary.layout != Layout::JsonLines;
        let mut bytes = self.window.slice(from, to);
        if !document {
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if is_blank(bytes) {
                self.summary.blank_lines += 1;
                return;
            }
            if std::mem::take(&mut self.first_line) && looks_like_document(bytes) {
                self.summary.note = Some(InputNote::LooksLikeDocument);
            }
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                // A document may break before the bad byte: it stops there, as it does when the
                // element is read straight from the buffer (which parses the valid part).
                if document {
                    let prefix = std::str::from_utf8(valid).unwrap_or_default();
                    if let Some(e) = parse(prefix).err().filter(|e| breaks(prefix, e)) {
                        return self.broken(&e, origin);
                    }
                }
                let newlines = memchr::memchr_iter(b'\n', valid).count() as u64;
                let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
                return self.not_utf8(document, origin, (newlines + 1, column), f);
            }
        };
        // Split borrows: the text is the window's, the rest is counted beside it.
        let Reader { name, window: _, checker, summary, .. } = self;
        let mut sink = Sink { name, checker, summary, f: &mut *f };
        // `ref`: the record stays where `parse` built it.
        match parse(text) {
            Ok(ref parsed) => sink.parsed(text, parsed, origin, batches),
            Err(e) if document && breaks(text, &e) => self.broken(&e, origin),
            Err(e) => sink.emit(origin.0, text, failed(e, origin)),
        }
    }

    /// A document whose JSON syntax broke in the record starting at `origin`: it stops.
    fn broken(&mut self, e: &RecordError, origin: (u64, u64)) {
        let (line, column) = e.position().map_or(origin, |(l, c)| absolute(origin, (l as u64, c as u64)));
        let message = format!("JSON syntax error: {}; the rest of this input was not read", e.message());
        self.stop(Stopped { kind: StopKind::Syntax, message, line: Some(line), column: Some(column) });
    }

    /// One element of an array of records, read straight from the buffer: framing and
    /// reading in one pass. The text handed to the parser is a guess at the element's length
    /// (twice the last one's), so that each byte is checked for UTF-8 about twice, not once
    /// per element held after it; an element cut short by the guess or the buffer is read
    /// again with more. One that is not an object, is too long or cannot be read is framed by
    /// the scanner and handled as any framed text.
    fn element(&mut self, origin: (u64, u64), batches: bool, f: &mut impl FnMut(&Checked<'_>)) {
        self.window.keep_from(self.window.pos());
        // Only an object can be a record or batch; anything else is framed by the scanner (where
        // the parser would send it anyway), so where it breaks does not depend on where a read
        // ended.
        if self.window.ahead().first() != Some(&b'{') {
            return self.scan_element(origin, batches, f);
        }
        let mut guess = self.guess;
        loop {
            let Reader { name, window, checker, summary, limit, .. } = self;
            let held = window.ahead();
            let take = guess.min(held.len());
            let text = match std::str::from_utf8(&held[..take]) {
                Ok(text) => text,
                Err(e) => std::str::from_utf8(&held[..e.valid_up_to()]).unwrap_or_default(),
            };
            let step = match parse_prefix(text) {
                Ok((ref parsed, used)) if used <= *limit => {
                    Sink { name, checker, summary, f: &mut *f }.parsed(
                        text[..used].trim_start(),
                        parsed,
                        origin,
                        batches,
                    );
                    Step::Read(used)
                }
                Err(e) if may_go_on(text, &e) && take < held.len() && take <= *limit => Step::Guess,
                Err(e) if may_go_on(text, &e) && held.len() <= *limit => Step::More,
                Err(e) if breaks(text, &e) => Step::Broken(e),
                _ => Step::Scan,
            };
            match step {
                Step::Read(used) => {
                    self.guess = (2 * used).clamp(1 << 10, self.limit.max(1 << 10));
                    return self.framer.advance(&mut self.window, used);
                }
                Step::Guess => guess = guess.saturating_mul(2),
                Step::More => match self.window.fill() {
                    Ok(true) => {}
                    Ok(false) => return self.scan_element(origin, batches, f),
                    Err(e) => return self.summary.stopped = Some(io_stop(&e, Some(origin.0))),
                },
                Step::Broken(e) => return self.broken(&e, origin),
                Step::Scan => return self.scan_element(origin, batches, f),
            }
        }
    }

    /// An element framed by the scanner, then read as any framed text.
    fn scan_element(&mut self, origin: (u64, u64), batches: bool, f: &mut impl FnMut(&Checked<'_>)) {
        match self.framer.element(&mut self.window, batches) {
            Ok(Frame::Text { from, to, line, column, batches }) => self.text(from, to, (line, column), batches, f),
            Ok(Frame::TooLong { line, line_not_record }) => {
                self.emit(line, "", Outcome::Failed(too_long(self.limit, line_not_record), None), f)
            }
            Ok(_) => {}
            Err(e) => self.summary.stopped = Some(io_stop(&e, Some(origin.0))),
        }
    }

    /// Bytes that are not UTF-8: a malformed line (JSON Lines), or a stop (documents).
    fn not_utf8(&mut self, document: bool, origin: (u64, u64), at: (u64, u64), f: &mut impl FnMut(&Checked<'_>)) {
        if document {
            let (line, column) = absolute(origin, at);
            let message = "JSON syntax error: not UTF-8; the rest of this input was not read".to_string();
            self.stop(Stopped { kind: StopKind::Syntax, message, line: Some(line), column: Some(column) });
        } else {
            let message = format!("not UTF-8 (invalid byte at column {})", at.1);
            self.emit(origin.0, "", Outcome::Failed(RecordError::new(RecordErrorKind::Syntax, message), None), f);
        }
    }

    /// The read buffer, for another reader to use.
    pub(super) fn into_buffer(self) -> Vec<u8> {
        self.window.into_buffer()
    }

    /// What is left of the input (the bytes held past the scan position, and the source),
    /// and the summary so far: for reading the rest of a JSON Lines input another way.
    pub(super) fn into_rest(self) -> (Vec<u8>, Source<R>, InputSummary) {
        let (held, source) = self.window.into_rest();
        (held, source, self.summary)
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = CheckedRecord;

    fn next(&mut self) -> Option<CheckedRecord> {
        while self.queue.is_empty() {
            let mut queue = std::mem::take(&mut self.queue);
            let more = self.read_next(|c| queue.push_back(c.to_owned()));
            self.queue = queue;
            if !more {
                break;
            }
        }
        self.queue.pop_front()
    }
}

/// What reading an element from the buffer came to.
enum Step {
    /// Read, taking this many bytes.
    Read(usize),
    /// Cut short by the end of the text guessed: try again with more of what is held.
    Guess,
    /// Cut short by the end of the buffer: read more of the input and try again.
    More,
    /// Broken JSON syntax: the document stops.
    Broken(RecordError),
    /// Frame it with the scanner.
    Scan,
}

/// Where records go: numbered, counted in the summary, handed to the caller.
struct Sink<'r, F> {
    name: &'r Arc<str>,
    checker: &'r Checker,
    summary: &'r mut InputSummary,
    f: F,
}

impl<F: FnMut(&Checked<'_>)> Sink<'_, F> {
    fn emit(&mut self, line: u64, json: &str, outcome: Outcome<'_>) {
        self.summary.records += 1;
        (self.f)(&Checked { input: self.name, line, number: self.summary.records, json, outcome });
    }

    /// Checks a record and hands it to the caller.
    fn checked(&mut self, line: u64, json: &str, record: &Record<'_>) {
        let identity = record.identity();
        let verdict = self.checker.check_identity(identity);
        self.emit(line, json, Outcome::Read(record, identity, verdict));
    }

    /// A record, or (where `batches`) each record of a batch, read from `text` at `origin`.
    /// Records are lent, not moved: they are hundreds of bytes.
    fn parsed(&mut self, text: &str, parsed: &Parsed<'_>, origin: (u64, u64), batches: bool) {
        match parsed {
            Parsed::Record(record) => self.checked(origin.0, text, record),
            Parsed::Batch(items) if batches => {
                for &item in items {
                    let item_origin = origin_of(text, item, origin);
                    match parse(item) {
                        Ok(Parsed::Record(record)) => self.checked(item_origin.0, item, &record),
                        Ok(_) => self.emit(item_origin.0, item, Outcome::Failed(batch_in_batch(), None)),
                        Err(e) => self.emit(item_origin.0, item, failed(e, item_origin)),
                    }
                }
            }
            _ => self.emit(origin.0, text, Outcome::Failed(batch_in_batch(), None)),
        }
    }
}

/// Hands `f` the one record of a line longer than `limit` bytes, as the first record of a
/// stretch of input named `name` (the message [`Reader::read_next`] gives such a line).
pub(super) fn too_long_line(name: &Arc<str>, limit: usize, f: impl FnOnce(&Checked<'_>)) {
    let outcome = Outcome::Failed(too_long(limit, true), None);
    f(&Checked { input: name, line: 1, number: 1, json: "", outcome });
}

/// The error of a line or record longer than `limit` bytes.
fn too_long(limit: usize, line_not_record: bool) -> RecordError {
    let what = if line_not_record { "a line" } else { "a record" };
    RecordError::new(RecordErrorKind::Syntax, format!("{what} longer than {limit} bytes: not read as a record"))
}

/// A read error as a stop.
pub(super) fn io_stop(e: &io::Error, line: Option<u64>) -> Stopped {
    Stopped { kind: StopKind::Io, message: format!("read error: {e}"), line, column: None }
}

fn batch_in_batch() -> RecordError {
    RecordError::new(RecordErrorKind::Unrecognized, "a batch (`records` or `value` array) inside a batch: not a record")
}

/// A record that could not be read, with where in the input it went wrong.
fn failed(e: RecordError, origin: (u64, u64)) -> Outcome<'static> {
    let at = e.position().map(|(l, c)| absolute(origin, (l as u64, c as u64)));
    Outcome::Failed(e, at)
}

/// Where `item` (a slice of `text`) starts, given where `text` starts.
fn origin_of(text: &str, item: &str, origin: (u64, u64)) -> (u64, u64) {
    let offset = (item.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    let before = &text.as_bytes()[..offset];
    let newlines = memchr::memchr_iter(b'\n', before).count() as u64;
    match memchr::memrchr(b'\n', before) {
        Some(at) => (origin.0 + newlines, (offset - at) as u64),
        None => (origin.0, origin.1 + offset as u64),
    }
}

/// Whether `text` may have ended inside its value rather than being broken: the parser ran
/// out of text, or (serde_json's way with a number cut after `-`, `.`, `e` or a sign) found it
/// invalid at its last byte or just past it.
fn may_go_on(text: &str, e: &RecordError) -> bool {
    if e.is_cut_short() {
        return true;
    }
    let Some((line, column)) = e.position() else { return false };
    let last_line = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let last_column = text.len() - memchr::memrchr(b'\n', text.as_bytes()).map_or(0, |at| at + 1);
    e.kind() == RecordErrorKind::Syntax && line == last_line && column >= last_column
}

/// Whether a syntax error breaks the JSON that `text` starts with. serde_json also refuses
/// escapes it cannot decode (a lone surrogate, `\ud800`): that is valid JSON, and only the
/// record it is in cannot be read.
fn breaks(text: &str, e: &RecordError) -> bool {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    e.kind() == RecordErrorKind::Syntax
        && !e.is_cut_short()
        && values.next().is_some_and(|value| value.is_err_and(|e| !e.is_eof()))
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Whether a line is all JSON whitespace (which, unlike ASCII's, has no form feed).
fn is_json_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Whether a line opens an object or array it does not close.
fn looks_like_document(line: &[u8]) -> bool {
    let first = line.iter().copied().find(|b| !b.is_ascii_whitespace());
    matches!(first, Some(b'{' | b'['))
        && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err_and(|e| e.is_eof())
}

/// A line looked at before deciding how to read it.
enum Peek {
    Line { to: u64, next: u64 },
    TooLong,
    End,
}

/// The line starting at `from` (held by the window), without scanning past it for good.
fn peek_line<R: Read>(w: &mut Window<R>, from: u64, limit: usize) -> io::Result<Peek> {
    let back = w.pos();
    w.seek(from);
    let peek = loop {
        if let Some(at) = memchr(b'\n', w.ahead()) {
            let to = w.pos() + at as u64;
            break if to - from > limit as u64 { Peek::TooLong } else { Peek::Line { to, next: to + 1 } };
        }
        let held = w.ahead().len();
        if w.pos() + held as u64 - from > limit as u64 {
            break Peek::TooLong;
        }
        w.advance(held);
        if !w.fill()? {
            break if w.pos() == from { Peek::End } else { Peek::Line { to: w.pos(), next: w.pos() } };
        }
    };
    w.seek(back.min(w.pos()));
    Ok(peek)
}
