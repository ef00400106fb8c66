//! `search` on an arbitrary pattern, in one service (picked by the first byte, so that one
//! input costs a few hundred names at most): it finds exactly the entries a plain reference
//! finds, substring or `*`/`?` glob (matched another way than the crate's) over the names
//! folded the way the crate folds them (`src/fold.rs`, compiled here as the build script
//! compiles it).
#![no_main]

use std::sync::OnceLock;

use aad_audit_catalog::{Entry, Service, entries, search, services};
use libfuzzer_sys::fuzz_target;

#[path = "../../src/fold.rs"]
#[allow(dead_code)]
mod fold;

/// Longer patterns match no name (none folds past 300 bytes) unless they are mostly `*`.
const MAX_PATTERN: usize = 512;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(pattern) = std::str::from_utf8(rest) else { return };
    if pattern.len() > MAX_PATTERN {
        return;
    }
    let service = services().nth(pick as usize % services().len()).unwrap();
    let p: Vec<char> = fold::chars(pattern, fold::NAME).collect();
    let glob = p.contains(&'*') || p.contains(&'?');
    let pieces: Vec<&[char]> = p.split(|&c| c == '*').collect();
    let found: Vec<&Entry> = search(pattern).in_service(service).collect();
    let expected: Vec<&Entry> = Service::entries(service)
        .iter()
        .filter(|e| {
            let name = &folded()[e.index()];
            if glob { matches(&pieces, name) } else { p.is_empty() || name.windows(p.len()).any(|w| w == p) }
        })
        .collect();
    assert_eq!(found, expected, "pattern {pattern:?} (folded {:?}) in {service:?}", String::from_iter(&p));
});

/// Every entry's activity folded, by entry index (worked out once).
fn folded() -> &'static [Vec<char>] {
    static FOLDED: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    FOLDED.get_or_init(|| entries().iter().map(|e| fold::chars(e.activity(), fold::NAME).collect()).collect())
}

/// Whether `pattern` (`*` any run, `?` any one character) matches all of `name`, the plain
/// way: the pieces between `*`s each found leftmost after the one before, the first at the
/// start and the last at the end.
fn matches(pieces: &[&[char]], name: &[char]) -> bool {
    let at = |piece: &[char], i: usize| {
        i + piece.len() <= name.len() && piece.iter().zip(&name[i..]).all(|(p, n)| *p == '?' || p == n)
    };
    let [first, middle @ .., last] = pieces else {
        return pieces.first().is_some_and(|only| only.len() == name.len() && at(only, 0));
    };
    if first.len() + last.len() > name.len() || !at(first, 0) || !at(last, name.len() - last.len()) {
        return false;
    }
    let (mut from, end) = (first.len(), name.len() - last.len());
    for piece in middle {
        match (from..=end).find(|&i| i + piece.len() <= end && at(piece, i)) {
            Some(i) => from = i + piece.len(),
            None => return false,
        }
    }
    true
}
