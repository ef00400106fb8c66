//! The build's page reader (`build/steps/page.rs`, what the build script runs on every page)
//! on arbitrary text: an error naming a real line, or a page whose parts hold together.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../build/steps/mod.rs"]
#[allow(dead_code)]
mod steps;

use std::collections::HashSet;

use steps::note_kind::NoteKind;
use steps::page::{self, MAX_NAME_BYTES, PageRows};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count() as u32;
    match page::read(text) {
        Ok(p) => check(&p, lines),
        // A header row on the last line is missing its delimiter on the line after it.
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(e.line.is_none_or(|l| (1..=lines + 1).contains(&l)), "{e} (of {lines} lines)");
        }
    }
});

/// What a page the reader accepts must hold.
fn check(p: &PageRows, lines: u32) {
    assert!(!p.title.is_empty());
    let d = p.date.as_bytes();
    assert!(d.len() == 10 && d[4] == b'-' && d[7] == b'-', "{:?}", p.date);
    assert!(d.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit()), "{:?}", p.date);
    // Every row read is an entry or a note saying it repeats one.
    let repeats = p.notes.iter().filter(|n| n.kind == NoteKind::DuplicateRow).count();
    assert_eq!(p.rows.len() + repeats, p.rows_read);
    assert!(!p.rows.is_empty());
    // Sections in page order, each with at least one row.
    assert!(p.sections.windows(2).all(|w| w[0].line < w[1].line));
    let used: HashSet<usize> = p.rows.iter().map(|r| r.section).collect();
    assert_eq!(used.len(), p.sections.len());
    for s in &p.sections {
        assert!(!s.heading.is_empty() && s.heading.len() <= MAX_NAME_BYTES && (1..=lines).contains(&s.line));
    }
    // Rows in line order, under their heading, with names the lookups can fold, kept once.
    assert!(p.rows.windows(2).all(|w| w[0].line < w[1].line));
    let mut seen = HashSet::new();
    for r in &p.rows {
        assert!(r.section < p.sections.len() && p.sections[r.section].line < r.line && r.line <= lines);
        for name in [&r.category, &r.activity] {
            assert!(!name.is_empty() && name.len() <= MAX_NAME_BYTES, "{name:?}");
            assert_eq!(name.trim(), name.as_str());
            assert!(!name.chars().any(char::is_control), "{name:?}");
        }
        assert!(r.description.as_ref().is_none_or(|d| !d.is_empty()));
        assert!(seen.insert((r.section, r.category.as_str(), r.activity.as_str())), "{r:?} twice");
    }
    assert!(p.notes.windows(2).all(|w| (w[0].line, w[0].kind) <= (w[1].line, w[1].kind)));
    assert!(p.notes.iter().all(|n| (1..=lines).contains(&n.line) && !n.text.is_empty()));
}
