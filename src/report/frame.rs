//! Framing: finding where each record's JSON text starts and ends in an input, without
//! parsing it. JSON Lines are split at newlines; JSON documents are scanned for the elements of
//! their arrays (top-level, or under a wrapper's `records`/`value` key) and for top-level
//! objects, tracking strings and nesting only. Each frame is then read as a record, once.
//!
//! A record longer than the limit is skipped to its end without being held. Positions are
//! 1-based lines and byte columns.

use std::io::{self, Read};

use memchr::{memchr, memchr2};

use super::window::Window;
use super::{StopKind, Stopped};

/// How many keys of a wrapper object are kept, and how much of each.
pub(super) const MAX_WRAPPER_KEYS: usize = 100;

/// What the framer found next.
#[derive(Debug)]
pub(super) enum Frame {
    /// A JSON text where a record belongs: `from..to` (absolute offsets, held by the window),
    /// starting at `line`, `column`. `batches`: whether it may be a batch of records.
    Text { from: u64, to: u64, line: u64, column: u64, batches: bool },
    /// An element of an array of records starts at the scan position, at `line`, `column`:
    /// the reader reads it and [advances](Framer::advance) past it, or has it framed
    /// ([`Framer::element`]).
    Element { line: u64, column: u64, batches: bool },
    /// A line (JSON Lines) or record (documents) longer than the limit, skipped.
    TooLong { line: u64, line_not_record: bool },
    /// The input ended.
    End,
    /// The input cannot be read further.
    Stop(Stopped),
}

/// Where in a document the framer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// JSON Lines.
    Lines,
    /// Between top-level values of a document.
    Top,
    /// In an array of records: a top-level one (whose items may be batches) or a wrapper's.
    Array { wrapper: bool, first: bool },
    /// The keys of a wrapper object after its array.
    WrapperRest,
    /// Stopped.
    Done,
}

/// The framing state of one input.
pub(super) struct Framer {
    state: State,
    limit: usize,
    /// Newlines before the scan position.
    newlines: u64,
    /// Absolute offset where the current line starts.
    line_start: u64,
    /// Keys of wrapper objects besides their array, in order, bounded.
    pub(super) wrapper_keys: Vec<String>,
}

impl Framer {
    /// A framer for JSON Lines (`document: false`) or JSON documents, starting at absolute
    /// offset `at` after `newlines` lines.
    pub(super) fn new(document: bool, limit: usize, newlines: u64, at: u64) -> Framer {
        let state = if document { State::Top } else { State::Lines };
        Framer { state, limit, newlines, line_start: at, wrapper_keys: Vec::new() }
    }

    /// Lines read so far (the line numbers already given out).
    pub(super) fn newlines(&self) -> u64 {
        self.newlines
    }

    /// The next frame.
    pub(super) fn next<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<Frame> {
        match self.state {
            State::Done => Ok(Frame::End),
            State::Lines => self.line(w),
            _ => {
                let frame = self.document(w)?;
                if matches!(frame, Frame::Stop(_) | Frame::End) {
                    self.state = State::Done;
                }
                Ok(frame)
            }
        }
    }

    /// The 1-based line and column of an absolute offset at or after the line start.
    fn here(&self, at: u64) -> (u64, u64) {
        (self.newlines + 1, at.saturating_sub(self.line_start) + 1)
    }

    /// Advances over `n` scanned bytes of `w.ahead()`, counting the newlines in them.
    pub(super) fn advance<R: Read>(&mut self, w: &mut Window<R>, n: usize) {
        let scanned = &w.ahead()[..n];
        if let Some(last) = memchr::memrchr(b'\n', scanned) {
            self.newlines += memchr::memchr_iter(b'\n', scanned).count() as u64;
            self.line_start = w.pos() + last as u64 + 1;
        }
        w.advance(n);
    }

    // -----------------------------------------------------------------------------------------
    // JSON Lines

    /// The next line, without its `\n`.
    fn line<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<Frame> {
        let from = w.pos();
        w.keep_from(from);
        let mut skipping = false;
        loop {
            if let Some(at) = memchr(b'\n', w.ahead()) {
                let to = w.pos() + at as u64;
                // One newline, at its end: no need to count.
                w.advance(at + 1);
                self.newlines += 1;
                self.line_start = to + 1;
                return Ok(self.line_frame(from, to, skipping));
            }
            let held = w.ahead().len();
            if !skipping && w.pos() + held as u64 - from > self.limit as u64 {
                skipping = true;
            }
            w.advance(held); // No newline in them.
            if skipping {
                w.keep_from(w.pos());
            }
            if !w.fill()? {
                let to = w.pos();
                if to == from {
                    return Ok(Frame::End);
                }
                // The last line, without a newline: counted as a line of its own.
                self.newlines += 1;
                self.line_start = to;
                return Ok(self.line_frame(from, to, skipping));
            }
        }
    }

    /// The frame of the line `from..to` just passed (`self.newlines` counts it).
    fn line_frame(&self, from: u64, to: u64, skipped: bool) -> Frame {
        let line = self.newlines;
        if skipped || to - from > self.limit as u64 {
            Frame::TooLong { line, line_not_record: true }
        } else {
            Frame::Text { from, to, line, column: 1, batches: true }
        }
    }

    // -----------------------------------------------------------------------------------------
    // JSON documents

    fn document<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<Frame> {
        loop {
            self.skip_whitespace(w)?;
            let next = w.peek()?;
            match (self.state, next) {
                (State::Top, None) => return Ok(Frame::End),
                (State::Top, Some(b'[')) => {
                    self.advance(w, 1);
                    self.state = State::Array { wrapper: false, first: true };
                }
                (State::Top, Some(b'{')) => match self.top_object(w)? {
                    Some(frame) => return Ok(frame),
                    None => continue,
                },
                (State::Top, Some(c)) => return Ok(self.not_records(w, c)),
                (State::Array { .. }, None) => return Ok(self.syntax(w, "EOF while parsing a list")),
                (State::Array { wrapper, first }, Some(c)) => {
                    if c == b']' && first {
                        self.advance(w, 1);
                        self.state = if wrapper { State::WrapperRest } else { State::Top };
                        continue;
                    }
                    if !first {
                        match c {
                            b']' => {
                                self.advance(w, 1);
                                self.state = if wrapper { State::WrapperRest } else { State::Top };
                                continue;
                            }
                            b',' => self.advance(w, 1),
                            _ => return Ok(self.syntax(w, "expected `,` or `]`")),
                        }
                        self.skip_whitespace(w)?;
                        if w.peek()? == Some(b']') {
                            return Ok(self.syntax(w, "trailing comma"));
                        }
                    }
                    self.state = State::Array { wrapper, first: false };
                    let (line, column) = self.here(w.pos());
                    return Ok(Frame::Element { line, column, batches: !wrapper });
                }
                (State::WrapperRest, _) => {
                    if let Some(stop) = self.wrapper_rest(w)? {
                        return Ok(stop);
                    }
                }
                (State::Lines | State::Done, _) => unreachable!("not a document state"),
            }
        }
    }

    /// One element of an array of records, framed.
    pub(super) fn element<R: Read>(&mut self, w: &mut Window<R>, batches: bool) -> io::Result<Frame> {
        let from = w.pos();
        let (line, column) = self.here(from);
        match self.value(w, true)? {
            Value::Held => Ok(Frame::Text { from, to: w.pos(), line, column, batches }),
            Value::Skipped => Ok(Frame::TooLong { line, line_not_record: false }),
            // Cut short: read what there is, which fails where the input ends.
            Value::Ended => Ok(Frame::Text { from, to: w.pos(), line, column, batches }),
        }
    }

    /// A top-level object: a wrapper whose `records`/`value` array is streamed (`None`: the
    /// array starts, go on), or a record on its own (its frame).
    fn top_object<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<Option<Frame>> {
        let from = w.pos();
        let (line, column) = self.here(from);
        w.keep_from(from);
        self.advance(w, 1);
        let mut keys: Vec<Span> = Vec::new();
        let mut skipped = false;
        loop {
            self.skip_whitespace(w)?;
            match w.peek()? {
                Some(b'}') => {
                    self.advance(w, 1);
                    return Ok(Some(if skipped {
                        Frame::TooLong { line, line_not_record: false }
                    } else {
                        Frame::Text { from, to: w.pos(), line, column, batches: false }
                    }));
                }
                None if !skipped => return Ok(Some(Frame::Text { from, to: w.pos(), line, column, batches: false })),
                None => return Ok(Some(self.syntax(w, "EOF while parsing an object"))),
                _ => {}
            }
            if !keys.is_empty() {
                if w.peek()? != Some(b',') {
                    return Ok(Some(self.syntax(w, "expected `,` or `}`")));
                }
                self.advance(w, 1);
                self.skip_whitespace(w)?;
            }
            let key = match self.key(w)? {
                Ok(key) => key,
                Err(stop) => return Ok(Some(stop)),
            };
            if key == "records" || key == "value" {
                return self.wrapper_array(w, key, &keys, skipped);
            }
            let (start, at) = (w.pos(), self.here(w.pos()));
            let held = self.value(w, !skipped)?;
            if held == Value::Skipped || w.pos() - from > self.limit as u64 {
                // Too long for a record: let the bytes go, but go on looking for a wrapper array.
                skipped = true;
                w.keep_from(w.pos());
            }
            keys.push(Span { key, from: start, to: w.pos(), at });
        }
    }

    /// The `records`/`value` array of a wrapper whose other keys so far are `keys`.
    fn wrapper_array<R: Read>(
        &mut self,
        w: &mut Window<R>,
        key: String,
        keys: &[Span],
        skipped: bool,
    ) -> io::Result<Option<Frame>> {
        if w.peek()? != Some(b'[') {
            let found = describe(w.peek()?);
            let (line, column) = self.here(w.pos());
            let message = format!("expected an array of records under `{key}`, found {found}");
            return Ok(Some(Frame::Stop(stopped(StopKind::Structure, message, line, column))));
        }
        for span in keys {
            if !skipped {
                if let Some(stop) = self.check_syntax(w, span.from, span.to, span.at) {
                    return Ok(Some(stop));
                }
            }
            self.wrapper_key(&span.key);
        }
        w.keep_from(w.pos());
        self.advance(w, 1);
        self.state = State::Array { wrapper: true, first: true };
        Ok(None)
    }

    /// One key and value of a wrapper after its array, or its end; a stop if broken.
    fn wrapper_rest<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<Option<Frame>> {
        match w.peek()? {
            Some(b'}') => {
                self.advance(w, 1);
                self.state = State::Top;
                return Ok(None);
            }
            Some(b',') => self.advance(w, 1),
            None => return Ok(Some(self.syntax(w, "EOF while parsing an object"))),
            Some(_) => return Ok(Some(self.syntax(w, "expected `,` or `}`"))),
        }
        self.skip_whitespace(w)?;
        w.keep_from(w.pos());
        let key = match self.key(w)? {
            Ok(key) => key,
            Err(stop) => return Ok(Some(stop)),
        };
        let (from, at) = (w.pos(), self.here(w.pos()));
        w.keep_from(from);
        if self.value(w, true)? == Value::Held {
            if let Some(stop) = self.check_syntax(w, from, w.pos(), at) {
                return Ok(Some(stop));
            }
        }
        self.wrapper_key(&key);
        Ok(None)
    }

    /// Notes a wrapper key (the first few, each cut short).
    fn wrapper_key(&mut self, key: &str) {
        if self.wrapper_keys.len() < MAX_WRAPPER_KEYS && !self.wrapper_keys.iter().any(|k| k == key) {
            self.wrapper_keys.push(super::tally::cut(key, 256));
        }
    }

    /// An object key and its colon; the key's text (escapes resolved).
    fn key<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<Result<String, Frame>> {
        if w.peek()? != Some(b'"') {
            return Ok(Err(self.syntax(w, "key must be a string")));
        }
        let from = w.pos();
        let (line, column) = self.here(from);
        match self.value(w, true)? {
            Value::Held => {}
            Value::Skipped => return Ok(Err(self.syntax(w, "a key longer than a record may be"))),
            Value::Ended => return Ok(Err(self.syntax(w, "EOF while parsing a string"))),
        }
        let raw = w.slice(from, w.pos());
        let key = match serde_json::from_slice::<String>(raw) {
            Ok(key) => key,
            // Valid JSON serde_json cannot decode (a lone surrogate escape, `\ud800`): not
            // `records` or `value`, and kept as written.
            Err(_)
                if std::str::from_utf8(raw).is_ok() && serde_json::from_slice::<serde::de::IgnoredAny>(raw).is_ok() =>
            {
                String::from_utf8_lossy(&raw[1..raw.len() - 1]).into_owned()
            }
            Err(e) => {
                let message = format!("JSON syntax error: {}; the rest of this input was not read", strip(&e));
                let (line, column) = absolute((line, column), (1, e.column() as u64));
                return Ok(Err(Frame::Stop(stopped(StopKind::Syntax, message, line, column))));
            }
        };
        self.skip_whitespace(w)?;
        if w.peek()? != Some(b':') {
            return Ok(Err(self.syntax(w, "expected `:`")));
        }
        self.advance(w, 1);
        self.skip_whitespace(w)?;
        Ok(Ok(key))
    }

    /// Scans one JSON value from the scan position to its end. `hold`: keep its bytes in the
    /// window (up to the limit; past it they are dropped and the value is skipped).
    fn value<R: Read>(&mut self, w: &mut Window<R>, hold: bool) -> io::Result<Value> {
        let from = w.pos();
        let mut held = hold;
        let mut scan = Scan::default();
        loop {
            if w.ahead().is_empty() {
                if held && w.pos() - from > self.limit as u64 {
                    held = false;
                }
                if !held {
                    w.keep_from(w.pos());
                }
                if !w.fill()? {
                    return Ok(if scan.scalar && scan.depth == 0 { self.held(held) } else { Value::Ended });
                }
                continue;
            }
            let (used, done) = scan.bytes(w.ahead());
            self.advance(w, used);
            if done {
                return Ok(self.held(held && w.pos() - from <= self.limit as u64));
            }
        }
    }

    fn held(&self, held: bool) -> Value {
        if held { Value::Held } else { Value::Skipped }
    }

    /// Whitespace, skipped.
    fn skip_whitespace<R: Read>(&mut self, w: &mut Window<R>) -> io::Result<()> {
        while let Some(c) = w.peek()? {
            if !matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
                break;
            }
            let n = w.ahead().iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')).count();
            self.advance(w, n);
        }
        Ok(())
    }

    /// A stop for broken JSON syntax at the scan position.
    fn syntax<R: Read>(&self, w: &Window<R>, what: &str) -> Frame {
        let (line, column) = self.here(w.pos());
        let message = format!("JSON syntax error: {what}; the rest of this input was not read");
        Frame::Stop(stopped(StopKind::Syntax, message, line, column))
    }

    /// A stop for a top-level value that is not records.
    fn not_records<R: Read>(&self, w: &Window<R>, c: u8) -> Frame {
        let (line, column) = self.here(w.pos());
        let found = describe(Some(c));
        if found == "something that is not JSON" {
            return self.syntax(w, "expected value");
        }
        let message = format!("{}; found {found}", super::NOT_RECORDS);
        Frame::Stop(stopped(StopKind::Structure, message, line, column))
    }

    /// A stop if the held JSON text `from..to` (a wrapper's metadata value, starting at line
    /// and column `at`) is broken.
    fn check_syntax<R: Read>(&self, w: &Window<R>, from: u64, to: u64, at: (u64, u64)) -> Option<Frame> {
        let e = serde_json::from_slice::<serde::de::IgnoredAny>(w.slice(from, to)).err()?;
        let message = format!("JSON syntax error: {}; the rest of this input was not read", strip(&e));
        let (line, column) = absolute(at, (e.line() as u64, e.column() as u64));
        Some(Frame::Stop(stopped(StopKind::Syntax, message, line, column)))
    }
}

/// Where a scan through one JSON value is, between blocks of input.
#[derive(Default)]
struct Scan {
    depth: u32,
    in_string: bool,
    escaped: bool,
    scalar: bool,
}

impl Scan {
    /// Scans `bytes`: how many belong to the value, and whether it ends there.
    fn bytes(&mut self, bytes: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                let (used, ends) = self.string(&bytes[i..]);
                i += used;
                if ends {
                    return (i, true);
                }
                continue;
            }
            let c = bytes[i];
            if self.scalar {
                if matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                    return (i, true);
                }
                i += 1;
                continue;
            }
            match c {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                b'}' | b']' => return (i, true),
                b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' => {}
                _ if self.depth == 0 => self.scalar = true,
                _ => {}
            }
            i += 1;
        }
        (i, false)
    }

    /// Inside a string: how many bytes to move past (to after the next quote or escaped
    /// byte, or all of them), and whether that quote ends the value.
    fn string(&mut self, bytes: &[u8]) -> (usize, bool) {
        if self.escaped {
            self.escaped = false;
            return (1, false);
        }
        match memchr2(b'"', b'\\', bytes) {
            None => (bytes.len(), false),
            Some(at) if bytes[at] == b'"' => {
                self.in_string = false;
                (at + 1, self.depth == 0)
            }
            Some(at) => {
                self.escaped = true;
                (at + 1, false)
            }
        }
    }
}

/// A key of an undecided top-level object and where its value is.
struct Span {
    key: String,
    from: u64,
    to: u64,
    /// Line and column where the value starts.
    at: (u64, u64),
}

/// The input position of a position (`line`, `column`, 1-based) within a text that starts
/// at `origin` (line, column).
pub(super) fn absolute(origin: (u64, u64), (line, column): (u64, u64)) -> (u64, u64) {
    if line <= 1 { (origin.0, origin.1 + column.max(1) - 1) } else { (origin.0 + line - 1, column) }
}

/// How a scanned value ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    /// Complete, and its bytes are held.
    Held,
    /// Complete, but longer than the limit (or not asked to be held): its bytes are gone.
    Skipped,
    /// The input ended inside it.
    Ended,
}

/// What a value starting with `c` is, for messages.
fn describe(c: Option<u8>) -> &'static str {
    match c {
        Some(b'"') => "a string",
        Some(b'0'..=b'9' | b'-') => "a number",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        None => "the end of the input",
        Some(_) => "something that is not JSON",
    }
}

fn stopped(kind: StopKind, message: String, line: u64, column: u64) -> Stopped {
    Stopped { kind, message, line: Some(line), column: Some(column) }
}

/// serde_json's message without its ` at line L column C`.
pub(super) fn strip(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}
