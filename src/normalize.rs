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
pub fn chars(s: &str, steps: u8) -> impl Iterator<Item = char> + '_ {
    let mut s = s;
    if steps & WHITESPACE != 0 {
        s = s.trim();
    }
    if steps & TRAILING_PERIOD != 0 {
        // All trailing periods (and the whitespace among them), so folding is idempotent.
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
            // `to_lowercase` of a char that is not cased gives the char back.
            let lower = if steps & CASE != 0 { Some(c.to_lowercase()) } else { None };
            let same = if lower.is_none() { Some(c) } else { None };
            lower.into_iter().flatten().chain(same)
        })
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
        assert_eq!(fold("a..", NAME), "a");
        assert_eq!(fold("a . . ", NAME), "a");
        assert_eq!(fold(".", NAME), "");
        assert_eq!(fold("", NAME), "");
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
