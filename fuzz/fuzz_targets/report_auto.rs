//! The same report however an input is read: arbitrary bytes read whole with the layout
//! guessed (`InputFormat::Auto`), and read again in the layout it settled on, handed over a
//! few bytes at a time, give the same counts, records, stop and malformed and unknown records.
//! The first report also holds what every report must (fuzz/common/report.rs).
#![no_main]

use std::io::{self, Read};

use aad_audit_catalog::report::{InputFormat, InputSummary, Layout, Options, Report};
use libfuzzer_sys::fuzz_target;

#[path = "../common/report.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // One checker for both reads (clones share it): unknown names are explained once.
    let options = Options::new();
    let mut auto = Report::with_options(options.clone());
    auto.read("fuzz", data, InputFormat::Auto);
    common::check(&auto, data);
    let guessed = &auto.inputs()[0];
    let format = match guessed.layout {
        Layout::JsonLines => InputFormat::JsonLines,
        Layout::Json => InputFormat::Json,
        _ => return assert_eq!(guessed.records, 0),
    };
    let mut told = Report::with_options(options);
    told.read("fuzz", Trickle(data, 0), format);
    let asked = &told.inputs()[0];
    assert_eq!(auto.totals(), told.totals());
    assert_eq!((guessed.layout, guessed.records, guessed.encoding), (asked.layout, asked.records, asked.encoding));
    assert_eq!(guessed.wrapper_keys, asked.wrapper_keys);
    if guessed.layout == Layout::JsonLines {
        assert_eq!(guessed.blank_lines, asked.blank_lines);
    }
    // A guessed document's stop message says how it was guessed; where it stops is the same.
    let stop = |i: &InputSummary| i.stopped.as_ref().map(|s| (s.kind, s.line, s.column));
    assert_eq!(stop(guessed), stop(asked), "{:?} / {:?}", guessed.stopped, asked.stopped);
    let malformed = |r: &Report| r.malformed().iter().map(|m| (m.location.clone(), m.kind)).collect::<Vec<_>>();
    assert_eq!(malformed(&auto), malformed(&told));
    let unknown = |r: &Report| r.unknown().iter().map(|g| (g.first.clone(), g.count)).collect::<Vec<_>>();
    assert_eq!(unknown(&auto), unknown(&told));
});

/// A reader that hands out 1 to 7 bytes at a time, so that records straddle every boundary
/// (as tests/report.rs's `Trickle`).
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.1 = self.1 % 7 + 1;
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}
