//! Normalization: how spellings from real logs are folded onto the page's spellings.
//!
//! Shared with `build.rs` (through `#[path]`), which folds every catalog name with these same
//! functions to build the forgiving lookup tables, so a key and a query can never be folded
//! differently. `core` only: no allocation, usable without `std`. The public face of these
//! steps is [`crate::Normalization`].

/// Step bit: fold case.
pub const CASE: u8 = 1;
/// Step bit: trim, collapse whitespace runs to one space.
pub const WHITESPACE: u8 = 2;
/// Step bit: Unicode dashes become `-`.
pub const DASH: u8 = 4;
/// Step bit: drop trailing `.`s.
pub const TRAILING_PERIOD: u8 = 8;
/// Step bit (categories): drop whitespace altogether, since `User Management` = `UserManagement`.
pub const NO_SPACES: u8 = 16;
/// All steps used for names (services, activities).
pub const NAME: u8 = CASE | WHITESPACE | DASH | TRAILING_PERIOD;
/// All steps used for categories.
pub const CATEGORY: u8 = NAME | NO_SPACES;

/// Whether `c` is a dash that stands for a hyphen.
const fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// The characters of `s` with the given steps applied.
pub fn chars(s: &str, steps: u8) -> Chars<'_> {
    Chars { rest: trimmed(s, steps).chars(), steps, in_space: false, pending: None }
}

/// [`trimmed`] for ASCII text, without decoding characters: whitespace is `\t`..=`\r` and
/// space, as `char::is_whitespace` has it (`u8::is_ascii_whitespace` leaves out `\x0b`).
fn trimmed_ascii(s: &[u8], steps: u8) -> &[u8] {
    fn space(b: &u8) -> bool {
        matches!(b, b'\t'..=b'\r' | b' ')
    }
    fn trim_end(s: &[u8]) -> &[u8] {
        &s[..s.iter().rposition(|b| !space(b)).map_or(0, |i| i + 1)]
    }
    let mut s = s;
    if steps & WHITESPACE != 0 {
        s = trim_end(&s[s.iter().position(|b| !space(b)).unwrap_or(s.len())..]);
    }
    if steps & TRAILING_PERIOD != 0 {
        // All trailing periods (and the whitespace among them), as `trimmed` does.
        let ws = steps & WHITESPACE != 0;
        s = &s[..s.iter().rposition(|b| !(*b == b'.' || (ws && space(b)))).map_or(0, |i| i + 1)];
    }
    s
}

/// `s` less what the steps drop at its ends: surrounding whitespace, a trailing period.
fn trimmed(s: &str, steps: u8) -> &str {
    let mut s = s;
    if steps & WHITESPACE != 0 {
        s = s.trim();
    }
    if steps & TRAILING_PERIOD != 0 {
        // All trailing periods (and the whitespace among them), so folding is idempotent.
        let ws = steps & WHITESPACE != 0;
        s = s.trim_end_matches(|c: char| c == '.' || (ws && c.is_whitespace()));
    }
    s
}

/// The iterator of [`chars`]: one state machine rather than iterator adapters, with a short
/// path for ASCII, since every lookup that folds runs it (`needed` runs it eight times).
#[derive(Clone)]
pub struct Chars<'a> {
    rest: core::str::Chars<'a>,
    steps: u8,
    /// The last character given was a whitespace run's one space.
    in_space: bool,
    /// The rest of a lower-case mapping longer than one character (`İ` is `i̇`).
    pending: Option<core::char::ToLowercase>,
}

impl Iterator for Chars<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        if let Some(pending) = &mut self.pending {
            match pending.next() {
                Some(c) => return Some(c),
                None => self.pending = None,
            }
        }
        loop {
            let c = self.rest.next()?;
            if self.steps & (WHITESPACE | NO_SPACES) != 0 && c.is_whitespace() {
                if !self.in_space && self.steps & NO_SPACES == 0 {
                    self.in_space = true;
                    return Some(' ');
                }
                continue;
            }
            self.in_space = false;
            let c = if self.steps & DASH != 0 && is_dash(c) { '-' } else { c };
            if self.steps & CASE == 0 {
                return Some(c);
            }
            if c.is_ascii() {
                return Some(c.to_ascii_lowercase());
            }
            // `to_lowercase` of a char that is not cased gives the char back.
            let mut lower = c.to_lowercase();
            let first = lower.next();
            if lower.len() > 0 {
                self.pending = Some(lower);
            }
            return first;
        }
    }
}

/// [`chars`] for ASCII text, byte by byte: the same steps, where whitespace is `\t`..=`\r` and
/// space (what `char::is_whitespace` is in ASCII) and there is no dash to fold.
struct AsciiFold<'a> {
    rest: core::slice::Iter<'a, u8>,
    steps: u8,
    in_space: bool,
}

impl AsciiFold<'_> {
    /// Only for ASCII `s`.
    fn new(s: &str, steps: u8) -> AsciiFold<'_> {
        debug_assert!(s.is_ascii());
        AsciiFold { rest: trimmed_ascii(s.as_bytes(), steps).iter(), steps, in_space: false }
    }
}

impl Iterator for AsciiFold<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        loop {
            let b = *self.rest.next()?;
            if self.steps & (WHITESPACE | NO_SPACES) != 0 && matches!(b, b' ' | b'\t'..=b'\r') {
                if !self.in_space && self.steps & NO_SPACES == 0 {
                    self.in_space = true;
                    return Some(b' ');
                }
                continue;
            }
            self.in_space = false;
            return Some(if self.steps & CASE != 0 { b.to_ascii_lowercase() } else { b });
        }
    }
}

/// Writes `s` with the given steps applied into `buf`; `None` if it does not fit (a folded
/// name longer than any catalog key cannot match one).
pub fn fold_into<'b>(s: &str, steps: u8, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    if s.is_ascii() {
        let text = trimmed_ascii(s.as_bytes(), steps);
        if steps & NO_SPACES == 0 && (steps & WHITESPACE == 0 || !collapses(text)) {
            // Usually there is nothing to fold but case: byte for byte.
            let out = buf.get_mut(..text.len())?;
            out.copy_from_slice(text);
            if steps & CASE != 0 {
                out.make_ascii_lowercase();
            }
            return Some(out);
        }
        for b in AsciiFold::new(s, steps) {
            *buf.get_mut(len)? = b;
            len += 1;
        }
        return Some(&buf[..len]);
    }
    for c in chars(s, steps) {
        let width = c.len_utf8();
        let slot = buf.get_mut(len..len + width)?;
        c.encode_utf8(slot);
        len += width;
    }
    Some(&buf[..len])
}

/// Whether folding whitespace changes trimmed ASCII `text`: it has whitespace other than single
/// spaces. Written without early exits, so that it compiles to vector code.
fn collapses(text: &[u8]) -> bool {
    let other = text.iter().fold(0u8, |any, &b| any | u8::from(b.wrapping_sub(b'\t') < 5));
    let doubled = text
        .iter()
        .zip(text.iter().skip(1))
        .fold(0u8, |any, (&a, &b)| any | (u8::from(a == b' ') & u8::from(b == b' ')));
    other | doubled != 0
}

/// Which steps it takes to see `given` as `canonical` under `steps`: each one that, left out,
/// leaves the two different (as step bits; [`NO_SPACES`] counts as [`WHITESPACE`]). Zero if they
/// are equal as they stand.
pub fn needed(given: &str, canonical: &str, steps: u8) -> u8 {
    if given == canonical {
        return 0;
    }
    if let Some(bits) = needed_one_kind(given, canonical, steps) {
        return bits;
    }
    match needed_ascii(given, canonical, steps) {
        Some(bits) => bits,
        None => needed_by_folding(given, canonical, steps),
    }
}

/// [`needed`] without folding, for text that differs from `canonical` (which it does not
/// equal) in one way only, as most real input does:
/// - only in the case of ASCII letters: letters are never dropped, so leaving [`CASE`] out
///   shows the difference, and every other fold lower-cases it away;
/// - only by surrounding whitespace: leaving [`WHITESPACE`] out keeps it, every other fold
///   trims it;
/// - only in dashes where `canonical` has hyphens: dashes are never dropped, so leaving
///   [`DASH`] out shows them, and every other fold makes them hyphens;
/// - only by a period after a `canonical` that has no surrounding whitespace and no period of
///   its own: leaving [`TRAILING_PERIOD`] out keeps it, every other fold strips it (folding
///   without whitespace strips a final `.` from the text as it stands).
fn needed_one_kind(given: &str, canonical: &str, steps: u8) -> Option<u8> {
    if steps & CASE != 0 && given.len() == canonical.len() && given.eq_ignore_ascii_case(canonical) {
        return Some(CASE);
    }
    if steps & WHITESPACE != 0 && given.trim() == canonical {
        return Some(WHITESPACE);
    }
    if steps & TRAILING_PERIOD != 0
        && given.strip_suffix('.') == Some(canonical)
        && !canonical.ends_with('.')
        && canonical.trim() == canonical
    {
        return Some(TRAILING_PERIOD);
    }
    // A dash is two or three bytes where a hyphen is one.
    if steps & DASH != 0 && given.len() > canonical.len() && only_dashes_differ(given, canonical) {
        return Some(DASH);
    }
    None
}

/// Whether `given` is `canonical` with some of its hyphens other dashes (and nothing else
/// changed): dashes are never dropped, and no other step changes them.
fn only_dashes_differ(given: &str, canonical: &str) -> bool {
    let (mut g, mut c) = (given.chars(), canonical.chars());
    let mut any = false;
    loop {
        match (g.next(), c.next()) {
            (None, None) => return any,
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some('-')) if is_dash(a) => any = true,
            _ => return false,
        }
    }
}

/// [`needed`] by definition: both sides folded again without each step in turn.
fn needed_by_folding(given: &str, canonical: &str, steps: u8) -> u8 {
    let mut out = 0;
    for bit in [CASE, WHITESPACE, DASH, TRAILING_PERIOD] {
        let mut without = steps & !bit;
        if bit == WHITESPACE {
            without &= !NO_SPACES;
        }
        if steps & bit != 0 && !chars(given, without).eq(chars(canonical, without)) {
            out |= bit;
        }
    }
    out
}

/// [`needed`] in one pass, for the usual case: ASCII text that folds the same under steps that
/// include [`CASE`]. `None` otherwise, for [`needed_by_folding`].
///
/// In ASCII, lower-casing maps each character to one character and leaves whitespace and `.`
/// alone, and there is no dash to fold; so, once the folds are known to be equal:
/// - case was needed iff the folds without [`CASE`] differ (they are equal ignoring case);
/// - [`DASH`] never was;
/// - whitespace was needed iff the text itself differs ignoring case (less its trailing `.`s
///   under [`TRAILING_PERIOD`]), which is what folding without it compares;
/// - the trailing period was needed iff folding without it differs, which can only be when a
///   text ends in a period.
fn needed_ascii(given: &str, canonical: &str, steps: u8) -> Option<u8> {
    if steps & CASE == 0 || !given.is_ascii() || !canonical.is_ascii() {
        return None;
    }
    let (mut a, mut b) = (AsciiFold::new(given, steps & !CASE), AsciiFold::new(canonical, steps & !CASE));
    let mut out = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => break,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => out |= CASE,
            _ => return None,
        }
    }
    if steps & WHITESPACE != 0
        && !text_less_period(given, steps).eq_ignore_ascii_case(text_less_period(canonical, steps))
    {
        out |= WHITESPACE;
    }
    // Leaving the period step out changes a fold only where the text ends in a period; then
    // compare by definition (rare).
    let ends_in_period = |t: &str| if steps & WHITESPACE != 0 { t.trim_end() } else { t }.ends_with('.');
    if steps & TRAILING_PERIOD != 0
        && (ends_in_period(given) || ends_in_period(canonical))
        && !chars(given, steps & !TRAILING_PERIOD).eq(chars(canonical, steps & !TRAILING_PERIOD))
    {
        out |= TRAILING_PERIOD;
    }
    Some(out)
}

/// `s` less its trailing periods under [`TRAILING_PERIOD`] (what folding without whitespace
/// strips).
fn text_less_period(s: &str, steps: u8) -> &str {
    if steps & TRAILING_PERIOD != 0 { s.trim_end_matches('.') } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::format;
    use std::string::String;
    use std::vec;
    use std::vec::Vec;

    fn fold(s: &str, steps: u8) -> String {
        chars(s, steps).collect()
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
    }

    /// The adapter chain `chars` was first written as: the reference for the state machine.
    fn reference(s: &str, steps: u8) -> String {
        let mut s = s;
        if steps & WHITESPACE != 0 {
            s = s.trim();
        }
        if steps & TRAILING_PERIOD != 0 {
            let ws = steps & WHITESPACE != 0;
            s = s.trim_end_matches(|c: char| c == '.' || (ws && c.is_whitespace()));
        }
        let mut in_space = false;
        s.chars()
            .filter_map(move |c| {
                if steps & (WHITESPACE | NO_SPACES) != 0 && c.is_whitespace() {
                    if !in_space && steps & NO_SPACES == 0 {
                        in_space = true;
                        return Some(' ');
                    }
                    return None;
                }
                in_space = false;
                Some(if steps & DASH != 0 && is_dash(c) { '-' } else { c })
            })
            .flat_map(move |c| {
                let lower = if steps & CASE != 0 { Some(c.to_lowercase()) } else { None };
                let same = if lower.is_none() { Some(c) } else { None };
                lower.into_iter().flatten().chain(same)
            })
            .collect()
    }

    #[test]
    fn chars_matches_the_reference_for_every_step_set() {
        let samples = [
            "",
            " ",
            ".",
            " . ",
            "Add user",
            "  ADD\u{a0}\tUSER.  ",
            "Self\u{2013}service\u{2014}x\u{2212}y",
            "a..",
            "a .",
            "User  Management",
            "\u{130}stanbul \u{1E9E}tra\u{df}e \u{c9}T\u{c9}",
            "x\u{3000}y\u{85}z\u{2028}",
            "MIXED case With-Hyphen.",
        ];
        for sample in samples {
            for steps in 0..32 {
                assert_eq!(fold(sample, steps), reference(sample, steps), "{sample:?} with steps {steps}");
            }
        }
    }

    #[test]
    fn needed_in_one_pass_agrees_with_needed_by_folding() {
        // Every string of up to three characters over an alphabet of what the steps act on,
        // and longer ones shaped like catalog names, against each other, under every step set.
        let alphabet = ['a', 'A', 'b', ' ', '\t', '.', '-', '\u{2013}'];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..3 {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(last.iter().cloned());
        }
        for name in ["Add user", "Add User", "Add user.", "Add user..", "Add-user", "AddUser"] {
            for s in [name, "ADD USER", " add  user . ", "add\tuser.", "Add user .", "add user ", ". Add user"] {
                strings.push(s.to_string());
                strings.push(format!("{s} {name}"));
            }
        }
        let mut checked = (0, 0);
        for g in &strings {
            for c in &strings {
                for steps in 0..32 {
                    if let Some(fast) = needed_ascii(g, c, steps) {
                        assert_eq!(fast, needed_by_folding(g, c, steps), "{g:?} {c:?} steps {steps}");
                        checked.0 += 1;
                    }
                    if let Some(fast) = needed_one_kind(g, c, steps).filter(|_| g != c) {
                        assert_eq!(fast, needed_by_folding(g, c, steps), "one kind: {g:?} {c:?} steps {steps}");
                        checked.1 += 1;
                    }
                }
            }
        }
        assert!(checked.0 > 10_000 && checked.1 > 1_000, "{checked:?}");
        // The shortcuts hold around non-ASCII text too, and for every step set.
        let others = ["\u{c9}t\u{e9} \u{2013} x", "\u{a0}\u{e9}\u{a0}", "\u{130}.", "a\u{2013}b"];
        for c in others {
            let variants = [
                c.to_ascii_uppercase(),
                c.to_ascii_lowercase(),
                format!("\u{a0}{c}\t "),
                format!("{c}."),
                format!(" {c}"),
            ];
            for g in variants.iter().chain(strings.iter().take(60)) {
                for steps in 0..32 {
                    if let Some(fast) = needed_one_kind(g, c, steps).filter(|_| g != c) {
                        assert_eq!(fast, needed_by_folding(g, c, steps), "one kind: {g:?} {c:?} steps {steps}");
                    }
                }
            }
        }
        // Non-ASCII and steps without CASE go the long way.
        assert_eq!(needed_ascii("\u{c9}t\u{e9}", "\u{e9}t\u{e9}", NAME), None);
        assert_eq!(needed_ascii("A", "a", NAME & !CASE), None);
    }

    #[test]
    fn ascii_fold_matches_chars() {
        let samples = ["", " . ", "  ADD \t\x0b\x0c\r\n USER.  ", "a..", "a .", "Self-service", "x\x1fy"];
        for sample in samples {
            for steps in 0..32 {
                let bytes: Vec<u8> = AsciiFold::new(sample, steps).collect();
                assert_eq!(String::from_utf8(bytes).unwrap(), fold(sample, steps), "{sample:?} with steps {steps}");
            }
        }
    }

    #[test]
    fn trimmed_ascii_matches_trimmed() {
        let samples = ["", " ", ".", " . ", "\x0b a \x0b", "\ta .\r\n", "a..", "a. .", "\x1fa\x1f", " a b "];
        for sample in samples {
            for steps in 0..32 {
                assert_eq!(
                    trimmed_ascii(sample.as_bytes(), steps),
                    trimmed(sample, steps).as_bytes(),
                    "{sample:?} {steps}"
                );
            }
        }
    }

    #[test]
    fn fold_into_matches_chars() {
        let samples =
            ["", " . ", "Add user", "ADD USER.", " Add  user ", "a\tb", "Self-Service .", "a\u{2013}B\u{a0}c"];
        let mut buf = [0u8; 32];
        for sample in samples {
            for steps in 0..32 {
                let folded = fold_into(sample, steps, &mut buf).map(|b| String::from_utf8(b.to_vec()).unwrap());
                assert_eq!(folded, Some(fold(sample, steps)), "{sample:?} with steps {steps}");
            }
        }
    }

    #[test]
    fn fold_into_matches_chars_and_reports_overflow() {
        let mut buf = [0u8; 8];
        assert_eq!(fold_into(" A  B ", NAME, &mut buf), Some(&b"a b"[..]));
        assert_eq!(fold_into("123456789", NAME, &mut buf), None);
        assert_eq!(fold_into("12345678", NAME, &mut buf), Some(&b"12345678"[..]));
    }

    #[test]
    fn needed_names_exactly_what_differs() {
        let n = |g, c| needed(g, c, NAME);
        assert_eq!(n("Add user", "Add user"), 0);
        assert_eq!(n("ADD USER.", "Add user"), CASE | TRAILING_PERIOD);
        assert_eq!(n(" Add  user ", "Add user"), WHITESPACE);
        assert_eq!(n("Self\u{2014}service", "Self-service"), DASH);
        assert_eq!(n("add user. ", "Add user"), CASE | WHITESPACE | TRAILING_PERIOD);
        let c = |g, c| needed(g, c, CATEGORY);
        assert_eq!(c("User Management", "UserManagement"), WHITESPACE);
        assert_eq!(c("usermanagement", "UserManagement"), CASE);
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
            // Folding what was folded changes nothing, for any combination of steps.
            prop_assert_eq!(fold(&once, steps), once);
        }

        #[test]
        fn fold_into_agrees_with_chars(s in "\\PC{0,40}", steps in 0u8..32) {
            let mut buf = [0u8; 200];
            let folded = fold(&s, steps);
            match fold_into(&s, steps, &mut buf[..folded.len()]) {
                Some(bytes) => prop_assert_eq!(bytes, folded.as_bytes()),
                None => prop_assert!(false, "fits exactly"),
            }
            if !folded.is_empty() {
                prop_assert!(fold_into(&s, steps, &mut buf[..folded.len() - 1]).is_none());
            }
        }

        #[test]
        fn needed_is_empty_only_for_equal_strings(a in "[a-zA-Z \\-.]{0,12}", b in "[a-zA-Z \\-.]{0,12}") {
            let n = needed(&a, &b, NAME);
            if fold(&a, NAME) == fold(&b, NAME) {
                prop_assert_eq!(n == 0, a == b);
            }
        }
    }
}
