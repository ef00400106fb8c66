//! Tallying: what a stretch of records held, in bounded memory, mergeable in input order.
//!
//! Counts are exact. What is *listed* is bounded: at most `max_groups` unknown groups and
//! `max_groups` forgiven spellings (when there are more distinct ones, those listed are the
//! ones with the smallest fingerprints, a choice that does not depend on the order records
//! arrive in, so tallies of chunks checked apart merge into exactly what one pass gives), at
//! most `max_listed` malformed records (the first ones), and every kept string is an
//! [`Excerpt`] of at most [`KEPT_BYTES`].

use std::collections::BTreeMap;
use std::collections::btree_map::Entry as Slot;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::input::{InputFormat, InputSummary, Location};
use super::reader::{Checked, Reader};
use super::{Options, Totals};
use crate::records::{RecordErrorKind, Shape, Verdict};
use crate::{Entry, Normalization, Normalizations, ValidationError, entries};

/// How much of a given name (or message) a report keeps: longer ones keep their first
/// `KEPT_BYTES` (cut at a character boundary), their length and a fingerprint.
pub const KEPT_BYTES: usize = 1024;

/// A name as a record gave it, kept to its first [`KEPT_BYTES`] with its full length and a
/// 64-bit fingerprint of the whole (so names that differ past the cut stay apart).
///
/// Reads as its text ([`Excerpt::as_str`], `Deref<Target = str>`, `== "..."`). Serializes as
/// a string when whole, else as `{"start", "bytes", "fingerprint"}`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Excerpt {
    head: Box<str>,
    len: usize,
    fingerprint: u64,
}

impl Excerpt {
    /// The excerpt of `text`.
    pub fn new(text: &str) -> Excerpt {
        let mut end = text.len().min(KEPT_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Excerpt { head: text[..end].into(), len: text.len(), fingerprint: hash64(0, &[text]) }
    }

    /// The text kept (all of it, unless [`Excerpt::is_whole`] is false).
    pub fn as_str(&self) -> &str {
        &self.head
    }

    /// The length of the whole text in bytes.
    #[allow(clippy::len_without_is_empty, reason = "`is_empty` comes from `str` through `Deref`")]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the whole text is kept.
    pub fn is_whole(&self) -> bool {
        self.head.len() == self.len
    }

    /// A 64-bit fingerprint of the whole text.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

impl std::ops::Deref for Excerpt {
    type Target = str;

    fn deref(&self) -> &str {
        &self.head
    }
}

impl PartialEq<str> for Excerpt {
    fn eq(&self, other: &str) -> bool {
        self.is_whole() && *self.head == *other
    }
}

impl PartialEq<&str> for Excerpt {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl fmt::Debug for Excerpt {
    /// The text quoted; a cut one followed by `... (N bytes, fingerprint F)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.head, f)?;
        if !self.is_whole() {
            write!(f, "... ({} bytes, fingerprint {:016x})", self.len, self.fingerprint)?;
        }
        Ok(())
    }
}

impl fmt::Display for Excerpt {
    /// The text; a cut one followed by `... (N bytes, fingerprint F)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.head)?;
        if !self.is_whole() {
            write!(f, "... ({} bytes, fingerprint {:016x})", self.len, self.fingerprint)?;
        }
        Ok(())
    }
}

impl Serialize for Excerpt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            return serializer.serialize_str(&self.head);
        }
        let mut s = serializer.serialize_struct("Excerpt", 3)?;
        s.serialize_field("start", &*self.head)?;
        s.serialize_field("bytes", &self.len)?;
        s.serialize_field("fingerprint", &format!("{:016x}", self.fingerprint))?;
        s.end()
    }
}

/// `text` cut to its first `max` bytes (at a character boundary), saying how long it was.
pub(super) fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes)", &text[..end], text.len())
}

/// A SipHash of some texts, seeded: deterministic across runs and threads.
fn hash64(seed: u8, texts: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    seed.hash(&mut h);
    texts.hash(&mut h);
    h.finish()
}

/// The 128-bit key of a group: two seeded hashes of its texts (and normalization bits).
fn key(bits: u8, texts: [&str; 3]) -> u128 {
    let seeded = |seed: u8| {
        let mut h = DefaultHasher::new();
        (seed, bits, texts).hash(&mut h);
        h.finish()
    };
    (u128::from(seeded(1)) << 64) | u128::from(seeded(2))
}

/// A spelling that was forgiven, with the entry it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ForgivenSpelling {
    /// `loggedByService` as given.
    pub service: Excerpt,
    /// Category as given.
    pub category: Excerpt,
    /// Activity as given.
    pub activity: Excerpt,
    /// The entry it matched.
    pub entry: &'static Entry,
    /// Records with this spelling.
    pub count: u64,
    /// The first of them.
    pub first: Location,
    #[serde(skip)]
    bits: u8,
    #[serde(skip)]
    seq: u64,
}

/// Forgiven records that needed the same normalizations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ForgivenGroup {
    /// What was forgiven.
    pub normalizations: Normalizations,
    /// Records in the group.
    pub count: u64,
    /// The distinct spellings listed, in order of first appearance.
    pub spellings: Vec<ForgivenSpelling>,
    /// Records whose spellings are not listed (past the report's limit), counted only.
    pub unlisted: u64,
}

/// Unknown records that name the same (service, category, activity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnknownGroup {
    /// `loggedByService` as given.
    pub service: Excerpt,
    /// Category as given.
    pub category: Excerpt,
    /// Activity as given.
    pub activity: Excerpt,
    /// Records in the group.
    pub count: u64,
    /// What is wrong, with suggestions (worked out once per group).
    pub error: ValidationError,
    /// The first of them.
    pub first: Location,
    #[serde(skip)]
    seq: u64,
}

/// Records the allowlist accepted by one of its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AllowedGroup {
    /// The rule's index in the allowlist.
    pub rule: usize,
    /// The rule's line in the allowlist file.
    pub line: usize,
    /// Records it accepted.
    pub count: u64,
    /// The first of them.
    pub first: Location,
    #[serde(skip)]
    seq: u64,
}

/// A record that could not be read or checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Malformed {
    /// Where it is.
    pub location: Location,
    /// What kind of problem.
    pub kind: RecordErrorKind,
    /// What is wrong (and where, for JSON errors), cut to [`KEPT_BYTES`].
    pub message: String,
    #[serde(skip)]
    detail: String,
    #[serde(skip)]
    position: Option<(u64, u64)>,
}

impl Malformed {
    fn new(location: Location, kind: RecordErrorKind, detail: &str, position: Option<(u64, u64)>) -> Malformed {
        let detail = cut(detail, KEPT_BYTES);
        let mut m = Malformed { location, kind, message: String::new(), detail, position };
        m.render();
        m
    }

    fn render(&mut self) {
        self.message = match self.position {
            Some((line, column)) => format!("{} at line {line} column {column}", self.detail),
            None => self.detail.clone(),
        };
    }
}

/// The counts and bounded lists of some records.
#[derive(Debug, Clone)]
pub(super) struct Counts {
    pub(super) totals: Totals,
    /// Records per entry index.
    pub(super) exact: Vec<u64>,
    /// Forgiven records per set of normalizations (by [`bits`]).
    forgiven: [u64; 16],
    spellings: BTreeMap<u128, ForgivenSpelling>,
    unknown: BTreeMap<u128, UnknownGroup>,
    allowed: BTreeMap<usize, AllowedGroup>,
    pub(super) malformed: Vec<Malformed>,
    max_groups: usize,
    max_listed: usize,
}

impl Counts {
    pub(super) fn new(options: &Options) -> Counts {
        Counts {
            totals: Totals::default(),
            exact: vec![0; entries().len()],
            forgiven: [0; 16],
            spellings: BTreeMap::new(),
            unknown: BTreeMap::new(),
            allowed: BTreeMap::new(),
            malformed: Vec::new(),
            max_groups: options.max_groups,
            max_listed: options.max_listed,
        }
    }

    /// Counts one record, in exactly one place.
    pub(super) fn add(&mut self, c: &Checked<'_>) {
        self.totals.records += 1;
        let verdict = match c.verdict() {
            Ok(verdict) => verdict,
            Err(e) => return self.add_malformed(c.location(), e.kind(), e.message(), c.error_position()),
        };
        let shape = c.shape().unwrap_or(Shape::Graph);
        match shape {
            Shape::LogAnalytics => self.totals.log_analytics += 1,
            Shape::DiagnosticSettings => self.totals.diagnostic_settings += 1,
            _ => self.totals.graph += 1,
        }
        let id = c.identity();
        let given = [id.service.unwrap_or_default(), id.category.unwrap_or_default(), id.activity.unwrap_or_default()];
        match verdict {
            Verdict::Exact(m) => {
                self.totals.exact += 1;
                self.exact[m.entry().index()] += 1;
            }
            Verdict::Forgiven(m) => {
                self.totals.forgiven += 1;
                let b = bits(m.forgiven());
                self.forgiven[b as usize] += 1;
                let spelling = || ForgivenSpelling {
                    service: Excerpt::new(given[0]),
                    category: Excerpt::new(given[1]),
                    activity: Excerpt::new(given[2]),
                    entry: m.entry(),
                    count: 0,
                    first: c.location(),
                    bits: b,
                    seq: c.number(),
                };
                let listed = listed(&mut self.spellings, self.max_groups, key(b, given), spelling);
                if let Some(s) = listed {
                    s.count += 1;
                }
            }
            Verdict::Allowed(a) => {
                self.totals.allowed += 1;
                let group = self.allowed.entry(a.index()).or_insert_with(|| AllowedGroup {
                    rule: a.index(),
                    line: a.line(),
                    count: 0,
                    first: c.location(),
                    seq: c.number(),
                });
                group.count += 1;
            }
            Verdict::Unknown(error) => {
                self.totals.unknown += 1;
                let group = || UnknownGroup {
                    service: Excerpt::new(given[0]),
                    category: Excerpt::new(given[1]),
                    activity: Excerpt::new(given[2]),
                    count: 0,
                    error,
                    first: c.location(),
                    seq: c.number(),
                };
                if let Some(g) = listed(&mut self.unknown, self.max_groups, key(0, given), group) {
                    g.count += 1;
                }
            }
            Verdict::Incomplete(field) => {
                let message = format!(
                    "{} is missing, null or blank: the record cannot be checked against the catalog",
                    shape.field_name(field)
                );
                self.add_malformed(c.location(), RecordErrorKind::Incomplete, &message, None);
            }
        }
    }

    fn add_malformed(&mut self, location: Location, kind: RecordErrorKind, detail: &str, at: Option<(u64, u64)>) {
        self.totals.malformed += 1;
        if self.malformed.len() < self.max_listed {
            self.malformed.push(Malformed::new(location, kind, detail, at));
        }
    }

    /// Moves every location `lines` lines and `records` records on, as for a chunk that
    /// follows that many of the same input; `seq` moves by `records` too.
    fn shift(&mut self, lines: u64, records: u64) {
        let moved = |l: &mut Location| {
            l.line = l.line.map(|n| n + lines);
            l.record += records;
        };
        for s in self.spellings.values_mut() {
            moved(&mut s.first);
            s.seq += records;
        }
        for g in self.unknown.values_mut() {
            moved(&mut g.first);
            g.seq += records;
        }
        for g in self.allowed.values_mut() {
            moved(&mut g.first);
            g.seq += records;
        }
        for m in &mut self.malformed {
            moved(&mut m.location);
            m.position = m.position.map(|(line, column)| (line + lines, column));
            m.render();
        }
    }

    /// Adds `later` (all of whose records come after these); its `seq`s are moved on by
    /// `seq_base`.
    pub(super) fn absorb(&mut self, later: Counts, seq_base: u64) {
        let t = &mut self.totals;
        let l = later.totals;
        t.records += l.records;
        t.exact += l.exact;
        t.forgiven += l.forgiven;
        t.allowed += l.allowed;
        t.unknown += l.unknown;
        t.malformed += l.malformed;
        t.graph += l.graph;
        t.log_analytics += l.log_analytics;
        t.diagnostic_settings += l.diagnostic_settings;
        t.stopped_inputs += l.stopped_inputs;
        self.exact.iter_mut().zip(&later.exact).for_each(|(a, b)| *a += b);
        self.forgiven.iter_mut().zip(&later.forgiven).for_each(|(a, b)| *a += b);
        merge(
            &mut self.spellings,
            later.spellings,
            self.max_groups,
            |a: &mut ForgivenSpelling, b| a.count += b.count,
            |s| s.seq += seq_base,
        );
        merge(
            &mut self.unknown,
            later.unknown,
            self.max_groups,
            |a: &mut UnknownGroup, b| a.count += b.count,
            |g| g.seq += seq_base,
        );
        merge(
            &mut self.allowed,
            later.allowed,
            usize::MAX,
            |a: &mut AllowedGroup, b| a.count += b.count,
            |g| g.seq += seq_base,
        );
        let room = self.max_listed.saturating_sub(self.malformed.len());
        self.malformed.extend(later.malformed.into_iter().take(room));
    }

    /// The forgiven groups: fewest normalizations first, spellings in order of appearance.
    pub(super) fn forgiven_groups(&self) -> Vec<ForgivenGroup> {
        let mut groups: Vec<ForgivenGroup> = (1..16u8)
            .filter(|&b| self.forgiven[b as usize] > 0)
            .map(|b| {
                let mut spellings: Vec<ForgivenSpelling> =
                    self.spellings.values().filter(|s| s.bits == b).cloned().collect();
                spellings.sort_by_key(|s| s.seq);
                let count = self.forgiven[b as usize];
                let listed: u64 = spellings.iter().map(|s| s.count).sum();
                ForgivenGroup { normalizations: from_bits(b), count, spellings, unlisted: count - listed }
            })
            .collect();
        groups.sort_by_key(|g| order(g.normalizations));
        groups
    }

    /// The unknown groups, in order of first appearance.
    pub(super) fn unknown_groups(&self) -> Vec<UnknownGroup> {
        let mut groups: Vec<UnknownGroup> = self.unknown.values().cloned().collect();
        groups.sort_by_key(|g| g.seq);
        groups
    }

    /// The allowed groups, in allowlist order.
    pub(super) fn allowed_groups(&self) -> Vec<AllowedGroup> {
        self.allowed.values().cloned().collect()
    }
}

/// The listed group under `key`, inserting it (made by `make`) if there is room or its key
/// is among the `cap` smallest; `None` when it is not listed.
fn listed<V>(map: &mut BTreeMap<u128, V>, cap: usize, key: u128, make: impl FnOnce() -> V) -> Option<&mut V> {
    if !map.contains_key(&key) {
        if map.len() >= cap && map.last_key_value().is_none_or(|(last, _)| key > *last) {
            return None;
        }
        map.insert(key, make());
        if map.len() > cap {
            map.pop_last();
        }
    }
    map.get_mut(&key)
}

/// Merges `later` into `into`: counts of a shared key added (the earlier first location
/// kept), new keys added with `shift` applied; then only the `cap` smallest keys kept.
fn merge<K: Ord, V>(
    into: &mut BTreeMap<K, V>,
    later: BTreeMap<K, V>,
    cap: usize,
    add: impl Fn(&mut V, &V),
    shift: impl Fn(&mut V),
) {
    for (key, mut value) in later {
        match into.entry(key) {
            Slot::Occupied(mut o) => add(o.get_mut(), &value),
            Slot::Vacant(v) => {
                shift(&mut value);
                v.insert(value);
            }
        }
    }
    while into.len() > cap {
        into.pop_last();
    }
}

/// The bits of a normalization set, by position in [`Normalization::ALL`].
fn bits(n: Normalizations) -> u8 {
    Normalization::ALL.iter().enumerate().filter(|(_, x)| n.contains(**x)).fold(0, |b, (i, _)| b | (1 << i))
}

fn from_bits(b: u8) -> Normalizations {
    Normalization::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| b & (1 << i) != 0)
        .fold(Normalizations::default(), |n, (_, x)| n.with(*x))
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

/// What a stretch of one input held: its summary, its counts and bounded lists. Tallies of
/// consecutive stretches [`merge`](Tally::merge) into the tally of all of them, exactly as
/// one pass over the whole would count and list; a [`Report`](super::Report) adds tallies of
/// whole inputs ([`Report::add`](super::Report::add)).
#[derive(Debug, Clone)]
#[must_use = "a tally counts nothing until it is merged or added to a report"]
pub struct Tally {
    pub(super) summary: InputSummary,
    lines: u64,
    pub(super) counts: Counts,
}

impl Tally {
    /// Reads one input to its end.
    pub fn read(name: impl Into<String>, reader: impl Read, format: InputFormat, options: &Options) -> Tally {
        Tally::of(Reader::with_options(name, reader, format, options), options)
    }

    /// Reads the rest of a reader.
    pub fn of<R: Read>(reader: Reader<R>, options: &Options) -> Tally {
        Tally::of_each(reader, options, |_| {})
    }

    /// Reads the rest of a reader, handing each record to `f` (in input order) as it is
    /// counted: per-record output and the report's counts from one pass over the input.
    ///
    /// ```
    /// use aad_audit_catalog::report::{InputFormat, Options, Reader, Report, Tally};
    ///
    /// let export = "{\"loggedByService\":\"Core Directory\",\"category\":\"UserManagement\",\"activityDisplayName\":\"Add usr\"}\n";
    /// let options = Options::new();
    /// let reader = Reader::with_options("export.jsonl", export.as_bytes(), InputFormat::Auto, &options);
    /// let mut lines = Vec::new();
    /// let tally = Tally::of_each(reader, &options, |c| lines.push(serde_json::to_string(&c.to_owned()).unwrap()));
    /// let mut report = Report::with_options(options);
    /// report.add(tally);
    /// assert_eq!(report.totals().unknown, 1);
    /// assert!(lines[0].contains(r#""verdict":"unknown""#));
    /// ```
    pub fn of_each<R: Read>(mut reader: Reader<R>, options: &Options, mut f: impl FnMut(&Checked<'_>)) -> Tally {
        let mut counts = Counts::new(options);
        while reader.read_next(|c| {
            counts.add(c);
            f(c);
        }) {}
        let lines = reader.lines();
        Tally { summary: reader.summary().clone(), lines, counts }
    }

    /// Reads a stretch of a JSON Lines input that starts at a line boundary (no byte order
    /// mark or encoding is looked for): lines and records are numbered from 1, and
    /// [`Tally::merge`] moves them on.
    pub fn read_json_lines(name: impl Into<String>, chunk: &[u8], options: &Options) -> Tally {
        Tally::of_chunk(name, chunk.to_vec(), options).0
    }

    /// [`Tally::read_json_lines`] of a chunk in a buffer, which it gives back to be reused.
    pub(super) fn of_chunk(name: impl Into<String>, chunk: Vec<u8>, options: &Options) -> (Tally, Vec<u8>) {
        let mut reader = Reader::json_lines_chunk(name, chunk, std::io::empty(), options);
        let mut counts = Counts::new(options);
        while reader.read_next(|c| counts.add(c)) {}
        let tally = Tally { summary: reader.summary().clone(), lines: reader.lines(), counts };
        (tally, reader.into_buffer())
    }

    pub(super) fn from_parts(summary: InputSummary, lines: u64, counts: Counts) -> Tally {
        Tally { summary, lines, counts }
    }

    /// What the stretch held: layout, records, blank lines, why it stopped.
    pub fn summary(&self) -> &InputSummary {
        &self.summary
    }

    /// Lines read.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// The counts.
    pub fn totals(&self) -> Totals {
        self.counts.totals
    }

    /// Adds the tally of the stretch of the same input that follows this one: its lines and
    /// records are numbered on from this one's.
    pub fn merge(&mut self, mut later: Tally) {
        later.counts.shift(self.lines, self.summary.records);
        self.counts.absorb(later.counts, 0);
        let (s, l) = (&mut self.summary, later.summary);
        s.records += l.records;
        s.blank_lines += l.blank_lines;
        if s.layout == super::Layout::Empty {
            s.layout = l.layout;
        }
        s.stopped = l.stopped.map(|mut stop| {
            stop.line = stop.line.map(|n| n + self.lines);
            stop
        });
        self.lines += later.lines;
    }
}
