//! Close names for validation errors ("did you mean"), feature `suggestions`: names within a
//! small edit distance (rapidfuzz's bit-parallel Levenshtein with a cutoff, behind two cheap
//! lower bounds), then names the given text extends or is part of (`Reset password (by admin)`
//! suggests `Reset password`). Without the feature there are no close names.

use crate::{Category, Entry, Pages, Service};

#[cfg(feature = "suggestions")]
pub(crate) use close::{activities, categories, services};

#[cfg(not(feature = "suggestions"))]
pub(crate) fn services(_: &str) -> impl Iterator<Item = Service> {
    core::iter::empty()
}

#[cfg(not(feature = "suggestions"))]
pub(crate) fn categories(_: &str) -> impl Iterator<Item = Category> {
    core::iter::empty()
}

#[cfg(not(feature = "suggestions"))]
pub(crate) fn activities(_: &str, _: Pages) -> impl Iterator<Item = &'static Entry> {
    core::iter::empty()
}

#[cfg(feature = "suggestions")]
mod close {
    use std::string::String;
    use std::vec::Vec;

    use rapidfuzz::distance::levenshtein::{Args, BatchComparator};

    use super::{Category, Entry, Pages, Service};
    use crate::MAX_SUGGESTIONS;
    use crate::fold::{self, CATEGORY, NAME};
    use crate::tables::{ACTIVITY_ENTRIES, ACTIVITY_RANGES, ENTRIES};

    /// Names shorter than this (folded, in characters) are never suggested for containing, or
    /// being contained in, the given text: too many names contain `add`.
    const MIN_PART: usize = 8;

    /// How a candidate name is close to the given text; smaller is closer.
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Closeness {
        /// Within this edit distance.
        Edits(usize),
        /// One starts with the other, at a word boundary; this many characters are not shared.
        Prefix(usize),
        /// One contains the other, at word boundaries; this many characters are not shared.
        Part(usize),
    }

    /// The given text, folded, as the comparisons need it.
    struct Given {
        text: String,
        profile: Profile,
        comparator: BatchComparator<char>,
    }

    impl Given {
        fn new(given: &str, steps: u8) -> Given {
            let text: String = fold::chars(given, steps).collect();
            Given { profile: Profile::of(&text), comparator: BatchComparator::new(text.chars()), text }
        }

        /// How close `candidate` (folded) is, if close enough to suggest; `bound` is the largest
        /// edit distance still worth it, and `parts` whether a shared part still is.
        fn closeness(&self, candidate: &str, bound: usize, parts: bool) -> Option<Closeness> {
            let profile = Profile::of(candidate);
            let edits = self.edits(candidate, &profile, bound).map(Closeness::Edits);
            edits.or_else(|| parts.then(|| self.shares(candidate, &profile)).flatten())
        }

        fn edits(&self, candidate: &str, profile: &Profile, bound: usize) -> Option<usize> {
            let bound = bound.min((self.profile.len.max(profile.len) / 3).max(2));
            // Cheap lower bounds first: the length difference, then half the characters one
            // has and the other lacks (an edit changes at most two counts by one each).
            if self.profile.len.abs_diff(profile.len) > bound {
                return None;
            }
            let unmatched: u32 =
                self.profile.counts.iter().zip(&profile.counts).map(|(a, b)| u32::from(a.abs_diff(*b))).sum();
            if unmatched.div_ceil(2) as usize > bound {
                return None;
            }
            self.comparator.distance_with_args(candidate.chars(), &Args::default().score_cutoff(bound))
        }

        /// Whether one of the two starts with, or contains, the other at word boundaries.
        fn shares(&self, candidate: &str, profile: &Profile) -> Option<Closeness> {
            let ((long, long_profile), (short, short_profile)) = if self.text.len() >= candidate.len() {
                ((self.text.as_str(), &self.profile), (candidate, profile))
            } else {
                ((candidate, profile), (self.text.as_str(), &self.profile))
            };
            if short_profile.len < MIN_PART || long.len() == short.len() || !long_profile.may_contain(short_profile) {
                return None;
            }
            let rest = long.len() - short.len();
            let bounded = |at: usize| {
                let before = long[..at].chars().next_back();
                let after = long[at + short.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
            };
            if long.starts_with(short) && bounded(0) {
                return Some(Closeness::Prefix(rest));
            }
            long.match_indices(short).any(|(at, _)| bounded(at)).then_some(Closeness::Part(rest))
        }
    }

    /// A folded name's length in characters and how many of each character it has, by
    /// character code modulo 64, saturating: characters that share a slot, or a count that
    /// saturates, only make differences smaller, so the bounds drawn from them stay bounds.
    struct Profile {
        len: usize,
        counts: [u8; 64],
    }

    impl Profile {
        fn of(s: &str) -> Profile {
            let mut counts = [0u8; 64];
            let mut count = |code: usize| {
                let slot = &mut counts[code % 64];
                *slot = slot.saturating_add(1);
            };
            // Most names are ASCII: a byte is a character.
            let len = if s.is_ascii() {
                s.bytes().for_each(|b| count(usize::from(b)));
                s.len()
            } else {
                s.chars().map(|c| count(c as usize)).count()
            };
            Profile { len, counts }
        }

        /// Whether a text with this profile can contain one with `part`'s: it has at least as
        /// many of each character.
        fn may_contain(&self, part: &Profile) -> bool {
            // Every slot, without stopping early: the loop vectorizes.
            self.counts.iter().zip(&part.counts).fold(true, |all, (whole, part)| all & (whole >= part))
        }
    }

    /// The best [`MAX_SUGGESTIONS`] distinct payloads of `candidates` (folded name, payload),
    /// closest first, ties in candidate order.
    fn closest<S: AsRef<str>, T: Copy + PartialEq>(
        given: &str,
        steps: u8,
        candidates: impl Iterator<Item = (S, T)>,
    ) -> Vec<T> {
        let given = Given::new(given, steps);
        // (closeness, order, payload), kept sorted, at most MAX_SUGGESTIONS long.
        let mut best: Vec<(Closeness, usize, T)> = Vec::with_capacity(MAX_SUGGESTIONS + 1);
        for (order, (candidate, payload)) in candidates.enumerate() {
            // A shared part ranks after every edit distance: not worth looking for once the
            // list is full of those.
            let (bound, parts) = match best.get(MAX_SUGGESTIONS - 1) {
                Some((Closeness::Edits(d), ..)) => (d.saturating_sub(1), false),
                _ => (usize::MAX, true),
            };
            let Some(closeness) = given.closeness(candidate.as_ref(), bound, parts) else { continue };
            if best.len() == MAX_SUGGESTIONS
                && (closeness, order) >= (best[MAX_SUGGESTIONS - 1].0, best[MAX_SUGGESTIONS - 1].1)
            {
                continue;
            }
            match best.iter().position(|b| b.2 == payload) {
                Some(at) if best[at].0 <= closeness => continue,
                Some(at) => {
                    best.remove(at);
                }
                None => {}
            }
            let at = best.partition_point(|b| (b.0, b.1) <= (closeness, order));
            best.insert(at, (closeness, order, payload));
            best.truncate(MAX_SUGGESTIONS);
        }
        best.into_iter().map(|(_, _, p)| p).collect()
    }

    fn folded(name: &str, steps: u8) -> String {
        fold::chars(name, steps).collect()
    }

    pub(crate) fn services(given: &str) -> impl Iterator<Item = Service> {
        let names = Service::ALL.iter().flat_map(|&s| s.names().iter().map(move |n| (folded(n, NAME), s)));
        closest(given, NAME, names).into_iter()
    }

    pub(crate) fn categories(given: &str) -> impl Iterator<Item = Category> {
        let names = Category::ALL.iter().map(|&c| (folded(c.as_str(), CATEGORY), c));
        closest(given, CATEGORY, names).into_iter()
    }

    /// Close activity names of the given pages: of each, the entry with it that the newest page
    /// lists (its current spelling), then the first in catalog order.
    pub(crate) fn activities(given: &str, pages: Pages) -> impl Iterator<Item = &'static Entry> {
        let names = ACTIVITY_RANGES.iter().filter_map(move |&(start, end)| {
            let entries = ACTIVITY_ENTRIES[start as usize..end as usize].iter().map(|&i| &ENTRIES[i as usize]);
            entries.filter(|e| e.pages.intersects(pages)).min_by_key(|e| (core::cmp::Reverse(e.pages.last()), e.index))
        });
        closest(given, NAME, names.map(|e| (e.folded, e))).into_iter()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn edit_distance_is_that_of_strsim() {
            let names: Vec<String> = ENTRIES.iter().map(|e| e.folded.into()).collect();
            for name in names.iter().step_by(17) {
                let chars: Vec<char> = name.chars().collect();
                let mut dropped = chars.clone();
                dropped.remove(chars.len() / 2);
                let given = Given::new(&dropped.iter().collect::<String>(), NAME);
                for candidate in names.iter().step_by(5) {
                    let plain = strsim::levenshtein(&given.text, candidate);
                    let bound = (given.profile.len.max(candidate.chars().count()) / 3).max(2);
                    let expected = (plain <= bound).then_some(plain);
                    let profile = Profile::of(candidate);
                    assert_eq!(
                        given.edits(candidate, &profile, usize::MAX),
                        expected,
                        "{:?} {candidate:?}",
                        given.text
                    );
                }
            }
        }

        #[test]
        fn a_profile_may_contain_each_of_its_parts_and_not_a_longer_text() {
            for e in ENTRIES.iter().step_by(7) {
                let whole = Profile::of(e.folded);
                let chars: Vec<char> = e.folded.chars().collect();
                for start in 0..chars.len() {
                    let part: String = chars[start..].iter().take(MIN_PART + start % 5).collect();
                    assert!(whole.may_contain(&Profile::of(&part)), "{:?} in {:?}", part, e.folded);
                }
                let longer = format!("{} {}", e.folded, e.folded);
                assert!(!whole.may_contain(&Profile::of(&longer)), "{:?}", e.folded);
            }
        }

        #[test]
        fn shared_parts_at_word_boundaries() {
            let shares =
                |given: &str, candidate: &str| Given::new(given, NAME).shares(candidate, &Profile::of(candidate));
            assert!(matches!(shares("Reset password (by admin)", "reset password"), Some(Closeness::Prefix(11))));
            assert!(shares("Reset password (by admin)", "reset pass").is_none(), "not at a word boundary");
            assert!(shares("Reset password (by admin)", "add user").is_none());
            let part = shares("role in PIM completed", "add member to role in pim completed (permanent)");
            assert!(matches!(part, Some(Closeness::Part(_))));
            assert!(shares("add", "add user").is_none(), "too short to suggest");
        }
    }
}
