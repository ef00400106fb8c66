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
/// Step bit: drop one trailing `.`.
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
    let mut s = s;
    if steps & WHITESPACE != 0 {
        s = s.trim();
    }
    if steps & TRAILING_PERIOD != 0 {
        if let Some(rest) = s.strip_suffix('.') {
            s = rest;
            if steps & WHITESPACE != 0 {
                s = s.trim_end();
            }
        }
    }
    Chars { rest: s.chars(), steps, in_space: false, pending: None }
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

/// Writes `s` with the given steps applied into `buf`; `None` if it does not fit (a folded
/// name longer than any catalog key cannot match one).
pub fn fold_into<'b>(s: &str, steps: u8, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    for c in chars(s, steps) {
        let width = c.len_utf8();
        let slot = buf.get_mut(len..len + width)?;
        c.encode_utf8(slot);
        len += width;
    }
    Some(&buf[..len])
}

/// Which steps it takes to see `given` as `canonical` under `steps`: each one that, left out,
/// leaves the two different (as step bits; [`NO_SPACES`] counts as [`WHITESPACE`]). Zero if they
/// are equal as they stand.
pub fn needed(given: &str, canonical: &str, steps: u8) -> u8 {
    if given == canonical {
        return 0;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::String;

    fn fold(s: &str, steps: u8) -> String {
        chars(s, steps).collect()
    }

    #[test]
    fn folds_names() {
        assert_eq!(fold("  Add\u{a0}\tuser.  ", NAME), "add user");
        assert_eq!(fold("Self\u{2013}service", NAME), "self-service");
        assert_eq!(fold("ÉTÉ", NAME), "été");
        assert_eq!(fold("User Management", CATEGORY), "usermanagement");
        assert_eq!(fold("a..", NAME), "a.");
        assert_eq!(fold("", NAME), "");
    }

    /// The adapter chain `chars` was first written as: the reference for the state machine.
    fn reference(s: &str, steps: u8) -> String {
        let mut s = s;
        if steps & WHITESPACE != 0 {
            s = s.trim();
        }
        if steps & TRAILING_PERIOD != 0 {
            if let Some(rest) = s.strip_suffix('.') {
                s = rest;
                if steps & WHITESPACE != 0 {
                    s = s.trim_end();
                }
            }
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
