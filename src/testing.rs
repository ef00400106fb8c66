//! Helpers for your own tests and fuzzing: [`proptest`] strategies (feature `proptest`) and
//! [`arbitrary::Arbitrary`] for entries, services and categories (feature `arbitrary`). Both
//! features are off by default.
//!
//! - [`entry`] yields catalog entries, for properties that must hold for every documented
//!   activity (feature `proptest`).
//! - [`log_spelling`] yields the three names of an entry as real audit logs spell them (letter
//!   case, padding, Unicode dashes, a trailing period, ...), paired with the entry that
//!   [`lookup`](crate::lookup) resolves them to, for code that must tolerate such spellings
//!   (feature `proptest`). [`log_spelling_with`] limits the respellings to some
//!   [`Normalization`](crate::Normalization)s.
//! - `&'static Entry`, [`Service`](crate::Service) and [`Category`](crate::Category) implement
//!   `arbitrary::Arbitrary`, so a `cargo fuzz` target can take them as input (feature
//!   `arbitrary`).

#[cfg(feature = "proptest")]
pub use self::strategies::{LogSpelling, entry, log_spelling, log_spelling_with};

#[cfg(feature = "proptest")]
mod strategies {
    use proptest::arbitrary::any;
    use proptest::sample::select;
    use proptest::strategy::Strategy;

    use crate::{Entry, Normalization, Normalizations, entries, lookup};

    /// Every catalog entry, uniformly; failures shrink toward the page's first entry.
    ///
    /// ```
    /// use aad_audit_catalog::{lookup_exact, testing};
    /// use proptest::prelude::*;
    ///
    /// // A property of your code, for every documented activity: here, a rule table keyed by
    /// // the names the page writes.
    /// proptest!(|(e in testing::entry())| {
    ///     let row = e.listings()[0];
    ///     prop_assert_eq!(lookup_exact(row.heading(), row.category_as_written(), e.activity()), Some(e));
    /// });
    /// ```
    pub fn entry() -> impl Strategy<Value = &'static Entry> + Clone {
        (0..entries().len()).prop_map(|i| &entries()[i])
    }

    /// The names of an entry as an audit record might carry them, and the entry
    /// [`lookup`](crate::lookup) resolves them to: what [`log_spelling`] yields.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct LogSpelling {
        /// The service (`loggedByService`): one of its names (its `loggedByService` value or a
        /// page heading), respelled.
        pub service: String,
        /// The category: one of its page spellings, respelled (spaces may be gone).
        pub category: String,
        /// The activity (`activityDisplayName`), respelled.
        pub activity: String,
        /// The entry [`lookup`](crate::lookup) resolves the three names to: what your code
        /// should resolve them to. Usually [`source`](Self::source); but where the page lists
        /// two activities of one service and category that differ only in ways `lookup`
        /// forgives (`Create Company` and `Create company`), an exact spelling wins, else the
        /// one needing the fewest normalizations, then the one the newest page lists, then the
        /// first in catalog order (so an upper-cased later sibling resolves to the earlier one).
        pub entry: &'static Entry,
        /// The entry whose names were respelled.
        pub source: &'static Entry,
        /// What [`lookup`](crate::lookup) had to forgive to reach [`entry`](Self::entry). When
        /// that is [`source`](Self::source), no more than the normalizations the strategy was
        /// allowed to use; otherwise also what tells the two apart (letter case, for every such
        /// pair on the bundled page).
        pub forgiven: Normalizations,
    }

    /// Log-style spellings of catalog entries, using every [`Normalization`]: letter case
    /// (upper, lower), padding and inner whitespace (spaces, tabs, no-break spaces, CR LF),
    /// spaces dropped from category names (`UserManagement` for `User Management`), Unicode
    /// dashes (en dash, em dash, minus sign, non-breaking hyphen) for hyphens, and a trailing
    /// period. Service names are drawn from `loggedByService` values and headings, categories
    /// from the page's spellings. Failures shrink toward the exact spellings of the page's
    /// first entry.
    ///
    /// ```
    /// use aad_audit_catalog::testing::log_spelling;
    /// use proptest::prelude::*;
    ///
    /// /// Your code under test: the key a rule table uses for activity names.
    /// fn activity_key(name: &str) -> String {
    ///     let name = name.trim();
    ///     let name = name.strip_suffix('.').unwrap_or(name);
    ///     let words: Vec<&str> = name.split_whitespace().collect();
    ///     words.join(" ").replace(['\u{2011}', '\u{2013}', '\u{2014}', '\u{2212}'], "-").to_lowercase()
    /// }
    ///
    /// proptest!(|(s in log_spelling())| {
    ///     prop_assert_eq!(activity_key(&s.activity), activity_key(s.entry.activity()), "{:?}", s);
    /// });
    /// ```
    pub fn log_spelling() -> impl Strategy<Value = LogSpelling> {
        log_spelling_with(Normalization::ALL.into_iter().collect())
    }

    /// Log-style spellings of catalog entries, using only the `allowed` normalizations (see
    /// [`log_spelling`]); with [`Normalizations::NONE`], the page's exact spellings (any alias
    /// of the service, any spelling of the category).
    ///
    /// ```
    /// use aad_audit_catalog::testing::log_spelling_with;
    /// use aad_audit_catalog::{Normalization, Normalizations, lookup_exact};
    /// use proptest::prelude::*;
    ///
    /// let case_only = Normalizations::NONE.with(Normalization::Case);
    /// proptest!(|(s in log_spelling_with(case_only))| {
    ///     prop_assert!(s.forgiven.iter().all(|n| n == Normalization::Case));
    ///     // Your code might compare ASCII case-insensitively:
    ///     prop_assert!(s.activity.eq_ignore_ascii_case(s.entry.activity()));
    /// });
    /// proptest!(|(s in log_spelling_with(Normalizations::NONE))| {
    ///     prop_assert_eq!(lookup_exact(&s.service, &s.category, &s.activity), Some(s.entry));
    /// });
    /// ```
    pub fn log_spelling_with(allowed: Normalizations) -> impl Strategy<Value = LogSpelling> {
        (entry(), any::<[usize; 2]>(), style(allowed, false), style(allowed, true), style(allowed, false)).prop_map(
            |(source, picks, service_style, category_style, activity_style)| {
                let [service, category, activity] =
                    respell(source, picks, [service_style, category_style, activity_style]);
                let m = lookup(&service, &category, &activity).unwrap_or_else(|| {
                    panic!(
                        "internal: {service:?} / {category:?} / {activity:?}, respelled from {source}, does not resolve"
                    )
                });
                LogSpelling { service, category, activity, entry: m.entry(), source, forgiven: m.forgiven() }
            },
        )
    }

    /// Letter case of a respelled name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Case {
        AsIs,
        Upper,
        Lower,
    }

    /// How one name is respelled. The first choice of each list is "as written", so shrinking
    /// goes toward the page's spelling.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) struct Style {
        pub(super) case: Case,
        /// The character every `-` becomes.
        pub(super) dash: char,
        /// What every space becomes.
        pub(super) space: &'static str,
        pub(super) leading: &'static str,
        pub(super) trailing: &'static str,
        pub(super) period: bool,
    }

    pub(super) const CASES: &[Case] = &[Case::AsIs, Case::Upper, Case::Lower];
    pub(super) const DASHES: &[char] = &['-', '\u{2013}', '\u{2014}', '\u{2212}', '\u{2011}'];
    pub(super) const NAME_SPACES: &[&str] = &[" ", "  ", "\t", "\u{a0}"];
    pub(super) const CATEGORY_SPACES: &[&str] = &[" ", "", "  ", "\u{a0}"];
    pub(super) const PADS: &[&str] = &["", " ", "  ", "\t", "\u{a0}", "\r\n"];
    pub(super) const PERIODS: &[bool] = &[false, true];

    /// The respellings `allowed` permits, for a service or activity name or (`category`) a
    /// category name.
    fn style(allowed: Normalizations, category: bool) -> impl Strategy<Value = Style> + Clone {
        fn only<T: Clone + core::fmt::Debug + 'static>(all: &'static [T], allowed: bool) -> &'static [T] {
            if allowed { all } else { &all[..1] }
        }
        let space = allowed.contains(Normalization::Whitespace);
        (
            select(only(CASES, allowed.contains(Normalization::Case))),
            select(only(DASHES, allowed.contains(Normalization::Dash))),
            select(only(if category { CATEGORY_SPACES } else { NAME_SPACES }, space)),
            select(only(PADS, space)),
            select(only(PADS, space)),
            select(only(PERIODS, allowed.contains(Normalization::TrailingPeriod))),
        )
            .prop_map(|(case, dash, space, leading, trailing, period)| Style {
                case,
                dash,
                space,
                leading,
                trailing,
                period,
            })
    }

    /// `name` respelled in `style`.
    pub(super) fn apply(name: &str, style: Style) -> String {
        let mut out = String::from(style.leading);
        for c in name.chars() {
            match c {
                '-' => out.push(style.dash),
                ' ' => out.push_str(style.space),
                c => out.push(match style.case {
                    Case::AsIs => c,
                    Case::Upper => c.to_ascii_uppercase(),
                    Case::Lower => c.to_ascii_lowercase(),
                }),
            }
        }
        // `lookup` drops one trailing period: a name that has one keeps it, and gets no other.
        if style.period && !name.ends_with('.') {
            out.push('.');
        }
        out.push_str(style.trailing);
        out
    }

    /// The service, category and activity names of `entry`, respelled: the service by one of
    /// its names, the category by one of its spellings (`picks`, modulo their numbers).
    pub(super) fn respell(entry: &Entry, picks: [usize; 2], styles: [Style; 3]) -> [String; 3] {
        let service = entry.service();
        let mut services: Vec<&str> = vec![service.as_str()];
        services.extend(service.headings().iter().map(|h| h.text()).filter(|n| *n != service.as_str()));
        let category = entry.category();
        let mut categories: Vec<&str> = vec![category.as_str()];
        categories.extend(category.spellings().iter().filter(|s| **s != category.as_str()));
        [
            apply(services[picks[0] % services.len()], styles[0]),
            apply(categories[picks[1] % categories.len()], styles[1]),
            apply(entry.activity(), styles[2]),
        ]
    }
}

#[cfg(feature = "arbitrary")]
mod arbitrary_impls {
    use arbitrary::{Arbitrary, Result, Unstructured};

    use crate::{Category, Entry, Service, entries};

    /// How many bytes `Unstructured::choose` takes, at most, to pick one of `len` things.
    const fn index_bytes(len: usize) -> usize {
        let max = len.saturating_sub(1);
        (usize::BITS - max.leading_zeros()).div_ceil(8) as usize
    }

    /// Any catalog entry, for fuzzing code that takes entries.
    ///
    /// ```
    /// use aad_audit_catalog::{Entry, Service, Category};
    /// use arbitrary::{Arbitrary, Unstructured};
    ///
    /// // What a fuzz target receives, e.g. `fuzz_target!(|input: (&'static Entry, Service)| ...)`.
    /// let mut u = Unstructured::new(&[0x01, 0x2c, 0x07, 0x02]);
    /// let e = <&'static Entry>::arbitrary(&mut u).unwrap();
    /// let s = Service::arbitrary(&mut u).unwrap();
    /// let c = Category::arbitrary(&mut u).unwrap();
    /// assert!(aad_audit_catalog::entries().contains(e));
    /// assert!(Service::ALL.contains(&s) && Category::ALL.contains(&c));
    /// ```
    impl<'a> Arbitrary<'a> for &'static Entry {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            u.choose(entries())
        }

        fn size_hint(_depth: usize) -> (usize, Option<usize>) {
            (0, Some(index_bytes(entries().len())))
        }
    }

    /// Any service.
    impl<'a> Arbitrary<'a> for Service {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            u.choose(&Service::ALL).copied()
        }

        fn size_hint(_depth: usize) -> (usize, Option<usize>) {
            (0, Some(index_bytes(Service::ALL.len())))
        }
    }

    /// Any canonical category.
    impl<'a> Arbitrary<'a> for Category {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            u.choose(&Category::ALL).copied()
        }

        fn size_hint(_depth: usize) -> (usize, Option<usize>) {
            (0, Some(index_bytes(Category::ALL.len())))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use std::vec::Vec;

        #[test]
        fn index_bytes_counts_the_bytes_of_the_largest_index() {
            assert_eq!([1, 2, 20, 256, 257, 826, 65536, 65537].map(index_bytes), [0, 1, 1, 1, 2, 2, 2, 3]);
        }

        #[test]
        fn every_entry_is_reachable_within_the_size_hint() {
            let bound = <&Entry as Arbitrary>::size_hint(0).1.unwrap();
            let mut seen = std::vec![false; entries().len()];
            for hi in 0..=255u8 {
                for lo in 0..=255u8 {
                    let data = [hi, lo, 0xff];
                    let mut u = Unstructured::new(&data);
                    let e = <&Entry>::arbitrary(&mut u).unwrap();
                    assert!(core::ptr::eq(e, &entries()[e.index()]));
                    assert!(data.len() - u.len() <= bound);
                    seen[e.index()] = true;
                }
            }
            let unreached: Vec<usize> = (0..seen.len()).filter(|&i| !seen[i]).collect();
            assert!(unreached.is_empty(), "unreached: {unreached:?}");
        }

        #[test]
        fn every_service_and_category_is_reachable_and_empty_input_still_works() {
            let services: Vec<Service> =
                (0..=255u8).map(|b| Service::arbitrary(&mut Unstructured::new(&[b])).unwrap()).collect();
            assert!(Service::ALL.iter().all(|s| services.contains(s)));
            let categories: Vec<Category> =
                (0..=255u8).map(|b| Category::arbitrary(&mut Unstructured::new(&[b])).unwrap()).collect();
            assert!(Category::ALL.iter().all(|c| categories.contains(c)));
            let mut empty = Unstructured::new(&[]);
            assert_eq!(<&Entry>::arbitrary(&mut empty).unwrap().index(), 0);
            assert_eq!(Service::arbitrary(&mut empty).unwrap(), Service::ALL[0]);
        }
    }
}

#[cfg(all(test, feature = "proptest"))]
mod tests {
    use std::string::String;
    use std::vec::Vec;

    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    use super::strategies::{CASES, CATEGORY_SPACES, Case, DASHES, NAME_SPACES, PADS, Style, apply, respell};
    use super::*;
    use crate::fold::{self, NAME};
    use crate::{Entry, Normalization, Normalizations, entries, lookup, lookup_exact};

    const AS_IS: Style = Style { case: Case::AsIs, dash: '-', space: " ", leading: "", trailing: "", period: false };

    /// What respellings of `source` must resolve to, worked out without `lookup`: the entry of
    /// the same service and category whose activity is exactly the respelled one, else the first
    /// whose activity folds to the same.
    struct Expected {
        /// The entries of the source's service and category, with their folded activities.
        group: Vec<(&'static Entry, String)>,
        first_folding_alike: &'static Entry,
    }

    impl Expected {
        fn new(source: &'static Entry) -> Expected {
            let group: Vec<(&'static Entry, String)> = source
                .service()
                .activities(source.category())
                .map(|e| (e, fold::chars(e.activity(), NAME).collect()))
                .collect();
            let key: String = fold::chars(source.activity(), NAME).collect();
            let first_folding_alike = group.iter().find(|(_, k)| *k == key).unwrap().0;
            Expected { group, first_folding_alike }
        }

        fn group_key(&self, e: &Entry) -> &str {
            &self.group.iter().find(|(g, _)| *g == e).unwrap().1
        }

        fn of(&self, activity: &str) -> &'static Entry {
            let key: String = fold::chars(activity, NAME).collect();
            self.group
                .iter()
                .filter(|(_, k)| *k == key)
                .map(|(e, _)| *e)
                .min_by_key(|e| {
                    let forgiven = fold::classify(activity, e.activity(), NAME).unwrap_or(0).count_ones();
                    (forgiven, core::cmp::Reverse(e.pages().last()), e.index())
                })
                .unwrap_or(self.first_folding_alike)
        }
    }

    #[test]
    fn apply_respells_as_told() {
        let s =
            Style { case: Case::Upper, dash: '\u{2013}', space: "\t", leading: " ", trailing: "\r\n", period: true };
        assert_eq!(apply("Self-service password reset", s), " SELF\u{2013}SERVICE\tPASSWORD\tRESET.\r\n");
        assert_eq!(apply("Add user", AS_IS), "Add user");
        assert_eq!(apply("Done.", Style { period: true, ..AS_IS }), "Done.", "no second period");
        assert_eq!(apply("User Management", Style { space: "", case: Case::Lower, ..AS_IS }), "usermanagement");
    }

    /// Every entry, respelled in several of the ways the strategy can respell (every case,
    /// dash and padding in combination, with inner spaces and the period alongside), resolves
    /// through `lookup` to the entry it must: each entry in 6 of the 90 styles, in rotation;
    /// entries with a sibling that folds alike (`Create Company`, `Create company`) in all.
    #[test]
    fn every_entry_respelled_resolves() {
        let mut styles = Vec::new();
        for &case in CASES {
            for &dash in DASHES {
                for (i, &pad) in PADS.iter().enumerate() {
                    styles.push(Style {
                        case,
                        dash,
                        space: NAME_SPACES[i % NAME_SPACES.len()],
                        leading: pad,
                        trailing: PADS[PADS.len() - 1 - i],
                        period: i % 2 == 0,
                    });
                }
            }
        }
        let (mut checked, mut to_sibling) = (0, 0);
        for (n, e) in entries().iter().enumerate() {
            let expected = Expected::new(e);
            let has_sibling = expected.group.iter().filter(|(_, k)| *k == expected.group_key(e)).count() > 1;
            let ks: Vec<usize> = if has_sibling {
                (0..styles.len()).collect()
            } else {
                (0..6).map(|j| (n + j * 15) % styles.len()).collect()
            };
            for k in ks {
                let style = styles[k];
                let category_style = Style { space: CATEGORY_SPACES[(n + k) % CATEGORY_SPACES.len()], ..style };
                let names = respell(e, [n + k, n / 3 + k], [style, category_style, style]);
                let m = lookup(&names[0], &names[1], &names[2]).unwrap_or_else(|| panic!("{names:?}"));
                assert_eq!(m.entry(), expected.of(&names[2]), "{names:?}");
                checked += 1;
                to_sibling += usize::from(m.entry() != e);
            }
        }
        assert!(checked > 826 * 6, "{checked}");
        // Some respellings of a later sibling resolve to the earlier one.
        assert!(to_sibling > 0);
    }

    /// Of two activities that differ in case, padding alone keeps the padded one (it needs
    /// fewer normalizations); upper case, needing case for both, takes the earlier one.
    #[test]
    fn siblings_resolve_to_the_closest_spelling() {
        let source = lookup_exact("B2C", "Authorization", "Delete identity provider").unwrap();
        let padded = Style { leading: " ", ..AS_IS };
        let names = respell(source, [0, 0], [AS_IS, AS_IS, padded]);
        assert_eq!(names[2], " Delete identity provider");
        let m = lookup(&names[0], &names[1], &names[2]).unwrap();
        assert_eq!(m.entry(), source);
        assert_eq!(m.forgiven(), Normalizations::NONE.with(Normalization::Whitespace));
        let upper = Style { case: Case::Upper, ..AS_IS };
        let names = respell(source, [0, 0], [AS_IS, AS_IS, upper]);
        let m = lookup(&names[0], &names[1], &names[2]).unwrap();
        assert_eq!(m.entry().activity(), "Delete Identity Provider");
        assert_eq!(m.forgiven(), Normalizations::NONE.with(Normalization::Case));
    }

    proptest! {
        #[test]
        fn log_spellings_resolve_to_the_entry_they_must(s in log_spelling()) {
            // Worked out without `lookup`.
            prop_assert_eq!(s.entry, Expected::new(s.source).of(&s.activity), "{:?}", s);
            let fold = |x: &str| fold::chars(x, NAME).collect::<String>();
            prop_assert_eq!(fold(&s.activity), fold(s.source.activity()));
            prop_assert_eq!(s.service.parse::<crate::Service>().ok(), Some(s.source.service()));
            prop_assert_eq!(s.category.parse::<crate::Category>().ok(), Some(s.source.category()));
        }

        #[test]
        fn exact_spellings_are_exact(s in log_spelling_with(Normalizations::NONE)) {
            prop_assert!(s.forgiven.is_empty());
            prop_assert_eq!(lookup_exact(&s.service, &s.category, &s.activity), Some(s.entry));
        }

        #[test]
        fn only_the_allowed_normalizations_are_needed(
            (allowed, s) in (0u8..16).prop_flat_map(|bits| {
                let allowed: Normalizations = Normalization::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, n)| n)
                    .collect();
                log_spelling_with(allowed).prop_map(move |s| (allowed, s))
            })
        ) {
            prop_assert_eq!(lookup(&s.service, &s.category, &s.activity).map(|m| m.entry()), Some(s.entry));
            if s.entry == s.source {
                prop_assert!(s.forgiven.iter().all(|n| allowed.contains(n)), "{:?} forgave {}", s, s.forgiven);
            } else {
                // The other of two activities that differ in letter case only.
                prop_assert_eq!((s.entry.service(), s.entry.category()), (s.source.service(), s.source.category()));
                prop_assert!(s.entry.activity().eq_ignore_ascii_case(s.source.activity()), "{:?}", s);
                prop_assert!(s.forgiven.iter().all(|n| allowed.contains(n) || n == Normalization::Case));
            }
        }

        #[test]
        fn entries_are_the_catalog(e in entry()) {
            prop_assert!(core::ptr::eq(e, &entries()[e.index()]));
        }
    }

    #[test]
    fn log_spellings_use_every_normalization() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = log_spelling();
        let mut seen = Normalizations::NONE;
        for _ in 0..200 {
            seen = seen.union(strategy.new_tree(&mut runner).unwrap().current().forgiven);
        }
        assert_eq!(seen.len(), Normalization::ALL.len(), "{seen}");
    }
}
