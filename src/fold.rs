//! Folding: how spellings from real logs are mapped onto the page's spellings, and which
//! differences a match had to overlook.
//!
//! Compiled into the library and into the build script (`build/steps/mod.rs`), which folds
//! every catalog name with these same functions to key the lookup maps, so a key and a query
//! are always folded alike. `core` only: no allocation, usable without `std`. The public face
//! of the steps is [`crate::Normalization`].

/// Step bit: fold letter case (Unicode lower-casing).
pub const CASE: u8 = 1;
/// Step bit: trim, and make every whitespace run one space.
pub const WHITESPACE: u8 = 2;
/// Step bit: Unicode dashes become `-`.
pub const DASH: u8 = 4;
/// Step bit: drop trailing `.`s (and the whitespace among them).
pub const TRAILING_PERIOD: u8 = 8;
/// Step bit (categories): drop whitespace altogether, since `User Management` = `UserManagement`.
pub const NO_SPACES: u8 = 16;
/// The steps for names (services, activities).
pub const NAME: u8 = CASE | WHITESPACE | DASH | TRAILING_PERIOD;
/// The steps for categories.
pub const CATEGORY: u8 = NAME | NO_SPACES;

/// The most bytes a catalog name folds to: the page reader refuses names over 200 bytes, and a
/// name folds to at most 1.5 times its length (some letters' lower case is one UTF-8 byte
/// longer). Lookups fold into buffers as long as the longest key of the catalog at hand, which
/// the build writes out and checks against this.
pub const MAX_KEY_BYTES: usize = 300;

/// Whether `c` is a dash that stands for a hyphen.
const fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}')
}

/// `s` split into what the steps drop at its start, its core, and what they drop at its end
/// (whitespace, and trailing periods with the whitespace among them).
fn split(s: &str, steps: u8) -> (&str, &str, &str) {
    let ws = steps & (WHITESPACE | NO_SPACES) != 0;
    let period = steps & TRAILING_PERIOD != 0;
    let bytes = s.as_bytes();
    // ASCII ends (the usual case) are trimmed byte by byte; other ends by `char`.
    let (mut start, mut end) = (0, bytes.len());
    while ws && start < end && is_space(bytes[start]) {
        start += 1;
    }
    while start < end && ((period && bytes[end - 1] == b'.') || (ws && is_space(bytes[end - 1]))) {
        end -= 1;
    }
    // What is left starts and ends with ASCII (or is empty): nothing more to trim.
    if bytes.get(start).is_none_or(u8::is_ascii) && (start == end || bytes[end - 1].is_ascii()) {
        return (&s[..start], &s[start..end], &s[end..]);
    }
    let start = if ws { s.len() - s.trim_start().len() } else { 0 };
    let rest = &s[start..];
    let core = if ws { rest.trim_end() } else { rest };
    let core = if period { core.trim_end_matches(|c: char| c == '.' || (ws && c.is_whitespace())) } else { core };
    (&s[..start], core, &rest[core.len()..])
}

/// One character of a folded name, and where it came from.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Unit<'a> {
    /// The folded character (a whitespace run is one `' '`).
    folded: char,
    /// The source text it was folded from (the run, for whitespace).
    source: &'a str,
    /// A whitespace run dropped before it (categories drop whitespace altogether).
    dropped: &'a str,
}

/// The units of a core (see [`split`]) under `steps`.
#[derive(Clone)]
struct Units<'a> {
    rest: &'a str,
    steps: u8,
    /// The rest of a lower-case mapping longer than one character (`İ` is `i̇`), with its source.
    pending: Option<(core::char::ToLowercase, &'a str)>,
}

impl<'a> Units<'a> {
    fn new(core: &'a str, steps: u8) -> Units<'a> {
        Units { rest: core, steps, pending: None }
    }

    /// The whitespace run at the start of the rest, taken off it.
    fn take_run(&mut self) -> &'a str {
        if self.steps & (WHITESPACE | NO_SPACES) == 0 {
            return "";
        }
        let len = self.rest.len() - self.rest.trim_start().len();
        let (run, rest) = self.rest.split_at(len);
        self.rest = rest;
        run
    }
}

impl<'a> Iterator for Units<'a> {
    type Item = Unit<'a>;

    fn next(&mut self) -> Option<Unit<'a>> {
        if let Some((lower, source)) = &mut self.pending {
            match lower.next() {
                Some(folded) => return Some(Unit { folded, source, dropped: "" }),
                None => self.pending = None,
            }
        }
        // Most characters are ASCII and not whitespace: one byte, one unit.
        let first = *self.rest.as_bytes().first()?;
        if first.is_ascii() && !is_space(first) {
            let (source, rest) = self.rest.split_at(1);
            self.rest = rest;
            let folded = if self.steps & CASE != 0 { first.to_ascii_lowercase() } else { first };
            return Some(Unit { folded: char::from(folded), source, dropped: "" });
        }
        let run = self.take_run();
        if !run.is_empty() && self.steps & NO_SPACES == 0 {
            return Some(Unit { folded: ' ', source: run, dropped: "" });
        }
        let c = self.rest.chars().next()?;
        let (source, rest) = self.rest.split_at(c.len_utf8());
        self.rest = rest;
        let c = if self.steps & DASH != 0 && is_dash(c) { '-' } else { c };
        let folded = if self.steps & CASE == 0 || c.is_ascii() {
            if self.steps & CASE != 0 { c.to_ascii_lowercase() } else { c }
        } else {
            let mut lower = c.to_lowercase();
            let first = lower.next().unwrap_or(c);
            if lower.len() > 0 {
                self.pending = Some((lower, source));
            }
            first
        };
        Some(Unit { folded, source, dropped: run })
    }
}

/// The characters of `s` folded under `steps`.
#[cfg_attr(not(feature = "std"), allow(dead_code))]
pub fn chars(s: &str, steps: u8) -> impl Iterator<Item = char> + Clone + '_ {
    Units::new(split(s, steps).1, steps).map(|u| u.folded)
}

/// Writes `s` folded under `steps` into `buf`; `None` if it does not fit (then it is longer
/// than any catalog name folds to, and cannot match one).
pub fn fold_into<'b>(s: &str, steps: u8, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let core = split(s, steps).1;
    if core.is_ascii() {
        return fold_ascii(core.as_bytes(), steps, buf);
    }
    let (spaces, drop) = (steps & (WHITESPACE | NO_SPACES) != 0, steps & NO_SPACES != 0);
    let (mut len, mut in_run) = (0, false);
    for c in core.chars() {
        if spaces && c.is_whitespace() {
            if !in_run && !drop {
                len = push(buf, len, ' ')?;
            }
            in_run = true;
            continue;
        }
        in_run = false;
        let c = if steps & DASH != 0 && is_dash(c) { '-' } else { c };
        if steps & CASE == 0 || c.is_ascii() {
            len = push(buf, len, if steps & CASE != 0 { c.to_ascii_lowercase() } else { c })?;
        } else {
            for lower in c.to_lowercase() {
                len = push(buf, len, lower)?;
            }
        }
    }
    Some(&buf[..len])
}

/// Writes `c` at `buf[len..]`; the length after it, or `None` if it does not fit.
fn push(buf: &mut [u8], len: usize, c: char) -> Option<usize> {
    if c.is_ascii() {
        *buf.get_mut(len)? = c as u8;
        return Some(len + 1);
    }
    let end = len + c.len_utf8();
    c.encode_utf8(buf.get_mut(len..end)?);
    Some(end)
}

/// Whether `b` is ASCII whitespace as `char::is_whitespace` has it (`\t`..=`\r` and space).
const fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether folding whitespace changes ASCII `text`: it has whitespace other than single spaces,
/// or any whitespace when whitespace is dropped. Each byte is checked with its neighbour and no
/// early exit, so that this runs as vector code.
fn needs_whitespace_folded(text: &[u8], drop: bool) -> bool {
    let other = text.iter().fold(0u8, |any, &b| any | u8::from(b.wrapping_sub(b'\t') < 5));
    let pairs = text.iter().zip(text.iter().skip(1));
    let doubled = pairs.fold(0u8, |any, (&a, &b)| any | (u8::from(a == b' ') & u8::from(b == b' ')));
    let spaced = if drop { text.iter().fold(0u8, |any, &b| any | u8::from(b == b' ')) } else { 0 };
    other | doubled | spaced != 0
}

/// [`fold_into`] for the ASCII core of a name (see [`split`]), byte by byte, in one pass: ASCII
/// has no dash to fold and lower-cases byte for byte.
fn fold_ascii<'b>(core: &[u8], steps: u8, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let (spaces, drop, case) = (steps & (WHITESPACE | NO_SPACES) != 0, steps & NO_SPACES != 0, steps & CASE != 0);
    if core.len() <= buf.len() && !(spaces && needs_whitespace_folded(core, drop)) {
        // Nothing but case to fold (the usual input): a copy, lower-cased.
        let out = &mut buf[..core.len()];
        out.copy_from_slice(core);
        if case {
            out.make_ascii_lowercase();
        }
        return Some(out);
    }
    let (mut len, mut in_run) = (0, false);
    for &b in core {
        let out = if spaces && is_space(b) {
            if in_run || drop {
                continue;
            }
            in_run = true;
            b' '
        } else {
            in_run = false;
            if case { b.to_ascii_lowercase() } else { b }
        };
        *buf.get_mut(len)? = out;
        len += 1;
    }
    Some(&buf[..len])
}

/// What it takes to see `given` as `canonical` (a catalog name) under `steps`, in one walk
/// over both: the step bits of every kind of difference between them ([`NO_SPACES`] counts as
/// [`WHITESPACE`]), zero if they are equal, `None` if they do not fold alike.
pub fn classify(given: &str, canonical: &str, steps: u8) -> Option<u8> {
    if given == canonical {
        return Some(0);
    }
    // One kind of difference, as most input has: no walk needed.
    if steps & CASE != 0 && given.len() == canonical.len() && given.eq_ignore_ascii_case(canonical) {
        return Some(CASE); // the same but for the case of ASCII letters
    }
    let (g_lead, g_core, g_tail) = split(given, steps);
    let (c_lead, c_core, c_tail) = split(canonical, steps);
    let mut out = 0;
    if g_lead != c_lead {
        out |= WHITESPACE;
    }
    if g_tail != c_tail {
        out |= tail_differences(g_tail, c_tail, steps);
    }
    let core = if g_core == c_core {
        Some(0)
    } else if steps & CASE != 0 && g_core.len() == c_core.len() && g_core.eq_ignore_ascii_case(c_core) {
        Some(CASE) // lower-casing leaves whitespace as it is: only case differs
    } else {
        classify_cores(g_core, c_core, steps)
    };
    core.map(|bits| out | bits)
}

/// The differences between two different tails (see [`split`]): folding without the period
/// step keeps a tail's periods (and the whitespace among them, collapsed); folding without the
/// whitespace steps keeps its whitespace.
fn tail_differences(g_tail: &str, c_tail: &str, steps: u8) -> u8 {
    let mut out = 0;
    let periods_differ = if c_tail.is_empty() {
        // Catalog names rarely end in a period: then any period in the given tail differs.
        g_tail.contains('.')
    } else {
        let ws_steps = steps & (WHITESPACE | NO_SPACES);
        let (g_kept, c_kept) = (Units::new(g_tail.trim_end(), ws_steps), Units::new(c_tail.trim_end(), ws_steps));
        !g_kept.map(|u| u.folded).eq(c_kept.map(|u| u.folded))
    };
    if steps & TRAILING_PERIOD != 0 && periods_differ {
        out |= TRAILING_PERIOD;
    }
    if g_tail.trim_end_matches('.') != c_tail.trim_end_matches('.') {
        out |= WHITESPACE;
    }
    out
}

/// The differences between two cores (see [`split`]), unit by unit.
fn classify_units(g_core: &str, c_core: &str, steps: u8) -> Option<u8> {
    let (mut g, mut c) = (Units::new(g_core, steps), Units::new(c_core, steps));
    let mut out = 0;
    loop {
        match (g.next(), c.next()) {
            (None, None) => return Some(out),
            (Some(a), Some(b)) if a.folded == b.folded => {
                if a.dropped != b.dropped {
                    out |= WHITESPACE;
                }
                if a.source != b.source {
                    out |= match a.folded {
                        ' ' => WHITESPACE,
                        '-' => DASH,
                        _ => CASE,
                    };
                }
            }
            _ => return None,
        }
    }
}

/// The differences between two cores (see [`split`]) in one walk: ASCII byte by byte,
/// other characters one at a time (a letter whose lower case is several characters sends the
/// walk to [`classify_units`]). A whitespace run is one unit, or none for categories.
fn classify_cores(g_core: &str, c_core: &str, steps: u8) -> Option<u8> {
    let (g, c) = (g_core.as_bytes(), c_core.as_bytes());
    let (spaces, drop, case) = (steps & (WHITESPACE | NO_SPACES) != 0, steps & NO_SPACES != 0, steps & CASE != 0);
    let (mut i, mut j, mut out) = (0, 0, 0);
    loop {
        // ASCII bytes that are equal, or equal but for case, up to whitespace or a difference.
        let mut same = 0;
        for (&a, &b) in g[i..].iter().zip(&c[j..]) {
            if !(a | b).is_ascii() {
                break;
            }
            if spaces && (is_space(a) || is_space(b)) {
                // One space in both, between words: the same unit (or none, dropped alike).
                let lone = |s: &[u8], at: usize| s.get(at + 1).is_none_or(|&n| !is_space(n) && n.is_ascii());
                if a == b' ' && b == b' ' && lone(g, i + same) && lone(c, j + same) {
                    same += 1;
                    continue;
                }
                break;
            }
            if a != b {
                if !(case && a.eq_ignore_ascii_case(&b)) {
                    return None;
                }
                out |= CASE;
            }
            same += 1;
        }
        (i, j) = (i + same, j + same);
        let run = |s: &str| if spaces { s.len() - s.trim_start().len() } else { 0 };
        let (gr, cr) = (run(&g_core[i..]), run(&c_core[j..]));
        if gr + cr > 0 {
            if !drop && (gr == 0 || cr == 0) {
                return None; // a space in one fold only
            }
            if g[i..i + gr] != c[j..j + cr] {
                out |= WHITESPACE;
            }
            (i, j) = (i + gr, j + cr);
            continue;
        }
        let (Some(x), Some(y)) = (g_core[i..].chars().next(), c_core[j..].chars().next()) else {
            return (i == g.len() && j == c.len()).then_some(out);
        };
        let fold = |ch: char| {
            let ch = if steps & DASH != 0 && is_dash(ch) { '-' } else { ch };
            if !case {
                return Some(ch);
            }
            let mut lower = ch.to_lowercase();
            if lower.len() == 1 { lower.next() } else { None }
        };
        let (Some(fx), Some(fy)) = (fold(x), fold(y)) else {
            return classify_units(g_core, c_core, steps); // `İ` folds to two characters
        };
        if fx != fy {
            return None;
        }
        if x != y {
            out |= if fx == '-' { DASH } else { CASE };
        }
        (i, j) = (i + x.len_utf8(), j + y.len_utf8());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::String;
    use std::vec::Vec;
    use std::{format, vec};

    fn fold(s: &str, steps: u8) -> String {
        chars(s, steps).collect()
    }

    /// What a step changes, by definition: fold both without it and see whether they differ.
    fn needed_by_definition(given: &str, canonical: &str, steps: u8) -> Option<u8> {
        if fold(given, steps) != fold(canonical, steps) {
            return None;
        }
        let mut out = 0;
        for bit in [CASE, WHITESPACE, DASH, TRAILING_PERIOD] {
            let (bits, without) = match bit {
                WHITESPACE => (WHITESPACE | NO_SPACES, steps & !(WHITESPACE | NO_SPACES)),
                _ => (bit, steps & !bit),
            };
            if steps & bits != 0 && fold(given, without) != fold(canonical, without) {
                out |= bit;
            }
        }
        Some(out)
    }

    #[test]
    fn folds_names() {
        assert_eq!(fold("  Add\u{a0}\tuser.  ", NAME), "add user");
        assert_eq!(fold("Self\u{2013}service", NAME), "self-service");
        assert_eq!(fold("ÉTÉ", NAME), "été");
        assert_eq!(fold("User Management", CATEGORY), "usermanagement");
        assert_eq!(fold("a..", NAME), "a");
        assert_eq!(fold("a . . ", NAME), "a");
        assert_eq!(fold(".", NAME), "");
        assert_eq!(fold("", NAME), "");
        assert_eq!(fold("\u{130}x", NAME), "i\u{307}x");
    }

    #[test]
    fn classify_names_exactly_what_differs() {
        let n = |g, c| classify(g, c, NAME);
        assert_eq!(n("Add user", "Add user"), Some(0));
        assert_eq!(n("ADD USER.", "Add user"), Some(CASE | TRAILING_PERIOD));
        assert_eq!(n(" Add  user ", "Add user"), Some(WHITESPACE));
        assert_eq!(n("Self\u{2014}service", "Self-service"), Some(DASH));
        assert_eq!(n("add user. ", "Add user"), Some(CASE | WHITESPACE | TRAILING_PERIOD));
        assert_eq!(n("Add usr", "Add user"), None);
        assert_eq!(n("Adduser", "Add user"), None);
        let c = |g, c| classify(g, c, CATEGORY);
        assert_eq!(c("User Management", "UserManagement"), Some(WHITESPACE));
        assert_eq!(c("usermanagement", "UserManagement"), Some(CASE));
        assert_eq!(c("User  Management", "User Management"), Some(WHITESPACE));
    }

    /// Strings over an alphabet of what the steps act on, up to three characters, and longer
    /// ones shaped like catalog names.
    fn samples() -> Vec<String> {
        let alphabet = ['a', 'A', ' ', '\t', '\u{a0}', '.', '-', '\u{2013}', '\u{130}'];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..3 {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(last.iter().cloned());
        }
        for name in ["Add user", "Add User", "Add user.", "Add-user", "AddUser", "i\u{307}x"] {
            for s in [name, "ADD USER", " add  user . ", "add\tuser.", "Add user .", ". Add user", "\u{130}X"] {
                strings.push(s.into());
                strings.push(format!("{s} {name}"));
            }
        }
        strings
    }

    #[test]
    fn classify_is_the_definition_for_catalog_names() {
        // Catalog names are trimmed, as the page reader keeps them.
        let strings = samples();
        let names: Vec<&String> = strings.iter().filter(|s| s.trim() == s.as_str()).collect();
        let mut matched = 0;
        for g in &strings {
            for c in &names {
                for steps in [NAME, CATEGORY, NAME & !CASE, CASE | TRAILING_PERIOD] {
                    let expected = needed_by_definition(g, c, steps);
                    assert_eq!(classify(g, c, steps), expected, "{g:?} {c:?} steps {steps}");
                    matched += usize::from(expected.is_some_and(|n| n != 0));
                }
            }
        }
        assert!(matched > 10_000, "{matched}");
    }

    #[test]
    fn fold_into_is_chars_and_reports_overflow() {
        for s in samples() {
            for steps in 0..32 {
                let mut buf = [0u8; 64];
                let folded = fold_into(&s, steps, &mut buf).map(|b| String::from_utf8(b.to_vec()).unwrap());
                assert_eq!(folded, Some(fold(&s, steps)), "{s:?} {steps}");
            }
        }
        let mut buf = [0u8; 8];
        assert_eq!(fold_into(" A  B ", NAME, &mut buf), Some(&b"a b"[..]));
        assert_eq!(fold_into("123456789", NAME, &mut buf), None);
        assert_eq!(fold_into("12345678", NAME, &mut buf), Some(&b"12345678"[..]));
        assert_eq!(fold_into(&format!("a{}b", " ".repeat(1000)), NAME, &mut buf), Some(&b"a b"[..]));
    }
}

#[cfg(test)]
mod properties {
    extern crate std;
    use super::*;
    use proptest::prelude::*;
    use std::string::String;

    fn fold(s: &str, steps: u8) -> String {
        chars(s, steps).collect()
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC*", steps in 0u8..32) {
            let once = fold(&s, steps);
            prop_assert_eq!(fold(&once, steps), once);
        }

        #[test]
        fn classify_is_none_exactly_when_folds_differ(a in "[a-zA-Z \\-.\u{2013}]{0,12}", b in "[a-zA-Z\\-.][a-zA-Z \\-.]{0,10}[a-zA-Z\\-]") {
            for steps in [NAME, CATEGORY] {
                let n = classify(&a, &b, steps);
                prop_assert_eq!(n.is_some(), fold(&a, steps) == fold(&b, steps));
                prop_assert_eq!(n == Some(0), a == b);
            }
        }
    }
}
