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
        chars: Vec<char>,
        counts: [u8; 64],
        comparator: BatchComparator<char>,
    }

    impl Given {
        fn new(given: &str, steps: u8) -> Given {
            let text: String = fold::chars(given, steps).collect();
            let chars: Vec<char> = text.chars().collect();
            Given {
                counts: counts(chars.iter().copied()),
                comparator: BatchComparator::new(chars.iter().copied()),
                text,
                chars,
            }
        }

        /// How close `candidate` (folded) is, if close enough to suggest; `bound` is the largest
        /// edit distance still worth it.
        fn closeness(&self, candidate: &str, bound: usize) -> Option<Closeness> {
            self.edits(candidate, bound).map(Closeness::Edits).or_else(|| self.shares(candidate))
        }

        fn edits(&self, candidate: &str, bound: usize) -> Option<usize> {
            let len = candidate.chars().count();
            let bound = bound.min((self.chars.len().max(len) / 3).max(2));
            // Cheap lower bounds first: the length difference, then half the characters one
            // has and the other lacks (an edit changes at most two counts by one each).
            if self.chars.len().abs_diff(len) > bound {
                return None;
            }
            let unmatched: u32 =
                self.counts.iter().zip(&counts(candidate.chars())).map(|(a, b)| u32::from(a.abs_diff(*b))).sum();
            if unmatched.div_ceil(2) as usize > bound {
                return None;
            }
            self.comparator.distance_with_args(candidate.chars(), &Args::default().score_cutoff(bound))
        }

        /// Whether one of the two starts with, or contains, the other at word boundaries.
        fn shares(&self, candidate: &str) -> Option<Closeness> {
            let (long, short) = if self.text.len() >= candidate.len() {
                (self.text.as_str(), candidate)
            } else {
                (candidate, self.text.as_str())
            };
            if short.chars().count() < MIN_PART || long.len() == short.len() {
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

    /// The best [`MAX_SUGGESTIONS`] distinct payloads of `candidates` (folded name, payload),
    /// closest first, ties in candidate order.
    fn closest<T: Copy + PartialEq>(given: &str, steps: u8, candidates: impl Iterator<Item = (String, T)>) -> Vec<T> {
        let given = Given::new(given, steps);
        // (closeness, order, payload), kept sorted, at most MAX_SUGGESTIONS long.
        let mut best: Vec<(Closeness, usize, T)> = Vec::with_capacity(MAX_SUGGESTIONS + 1);
        for (order, (candidate, payload)) in candidates.enumerate() {
            let bound = match best.get(MAX_SUGGESTIONS - 1) {
                Some((Closeness::Edits(d), ..)) => d.saturating_sub(1),
                _ => usize::MAX,
            };
            let Some(closeness) = given.closeness(&candidate, bound) else { continue };
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

    /// How many of each character `s` has, by character code modulo 64 (characters that share
    /// a slot only make the count differences smaller, so they stay a lower bound), saturating.
    fn counts(s: impl Iterator<Item = char>) -> [u8; 64] {
        let mut counts = [0u8; 64];
        for c in s {
            let slot = &mut counts[c as usize % 64];
            *slot = slot.saturating_add(1);
        }
        counts
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
        closest(given, NAME, names.map(|e| (e.folded.into(), e))).into_iter()
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
                    let bound = (given.chars.len().max(candidate.chars().count()) / 3).max(2);
                    let expected = (plain <= bound).then_some(plain);
                    assert_eq!(given.edits(candidate, usize::MAX), expected, "{:?} {candidate:?}", given.text);
                }
            }
        }

        #[test]
        fn shared_parts_at_word_boundaries() {
            let given = Given::new("Reset password (by admin)", NAME);
            assert!(matches!(given.shares("reset password"), Some(Closeness::Prefix(11))));
            assert!(given.shares("reset pass").is_none(), "not at a word boundary");
            assert!(given.shares("add user").is_none());
            let given = Given::new("role in PIM completed", NAME);
            assert!(matches!(
                given.shares("add member to role in pim completed (permanent)"),
                Some(Closeness::Part(_))
            ));
            assert!(Given::new("add", NAME).shares("add user").is_none(), "too short to suggest");
        }
    }
}
