//! Looking names up: exact and forgiving matches of (service, category, activity), reverse
//! lookup by activity, and what a forgiving match had to overlook.
//!
//! [`lookup_exact`] and [`lookup`] make one perfect-hash probe, by the activity (as written, or
//! folded), and check the few entries it gives against the service and category; validation
//! resolves level by level (one probe per level, a second, folded, probe only when the exact
//! one misses). Nothing allocates: folded forms are built in a stack buffer as long as the
//! longest folded name in the catalog.

use core::fmt;

use crate::normalize::{self, CATEGORY, NAME};
use crate::tables::{self, CATEGORIES, GROUPS, MAX_FOLDED_LEN, SERVICES};
use crate::{Category, Entry, Service};

/// One thing a forgiving match may have had to overlook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Normalization {
    /// Letter case differs (ASCII or Unicode: `ADD USER`, `add user`).
    Case,
    /// Leading, trailing or repeated whitespace, tabs or non-breaking spaces; and, in category
    /// names, spaces present or missing (`User Management` for `UserManagement`).
    Whitespace,
    /// An en dash, em dash or other Unicode dash where the page has a hyphen.
    Dash,
    /// A trailing period (or several) the page does not have.
    TrailingPeriod,
}

impl Normalization {
    /// Every normalization, in the order they are listed in reports.
    pub const ALL: [Normalization; 4] =
        [Normalization::Case, Normalization::Whitespace, Normalization::Dash, Normalization::TrailingPeriod];

    /// The normalization's stable kebab-case name (`case`, `whitespace`, `dash`,
    /// `trailing-period`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Normalization::Case => "case",
            Normalization::Whitespace => "whitespace",
            Normalization::Dash => "dash",
            Normalization::TrailingPeriod => "trailing-period",
        }
    }

    pub(crate) const fn bit(self) -> u8 {
        match self {
            Normalization::Case => normalize::CASE,
            Normalization::Whitespace => normalize::WHITESPACE,
            Normalization::Dash => normalize::DASH,
            Normalization::TrailingPeriod => normalize::TRAILING_PERIOD,
        }
    }
}

impl core::fmt::Display for Normalization {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of [`Normalization`]s: what a forgiving match had to overlook. Empty means exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Normalizations(u8);

impl Normalizations {
    /// No normalization: an exact match.
    pub const NONE: Normalizations = Normalizations(0);

    /// Whether nothing was forgiven.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `n` is in the set.
    pub const fn contains(self, n: Normalization) -> bool {
        self.0 & n.bit() != 0
    }

    /// The set with `n` added.
    #[must_use]
    pub const fn with(self, n: Normalization) -> Normalizations {
        Normalizations(self.0 | n.bit())
    }

    /// Both sets together.
    #[must_use]
    pub const fn union(self, other: Normalizations) -> Normalizations {
        Normalizations(self.0 | other.0)
    }

    /// How many normalizations are in the set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The normalizations in the set, in [`Normalization::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Normalization> + Clone {
        Normalization::ALL.into_iter().filter(move |n| self.contains(*n))
    }
}

impl FromIterator<Normalization> for Normalizations {
    fn from_iter<I: IntoIterator<Item = Normalization>>(iter: I) -> Self {
        iter.into_iter().fold(Normalizations::NONE, Normalizations::with)
    }
}

impl core::fmt::Display for Normalizations {
    /// `exact`, or the names joined by `+` (`case+whitespace`).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.is_empty() {
            return f.write_str("exact");
        }
        for (i, n) in self.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            f.write_str(n.as_str())?;
        }
        Ok(())
    }
}

impl Normalizations {
    pub(crate) const fn from_bits(bits: u8) -> Normalizations {
        Normalizations(bits & (normalize::CASE | normalize::WHITESPACE | normalize::DASH | normalize::TRAILING_PERIOD))
    }
}

/// One of the three parts of an audit record's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Field {
    /// `loggedByService`.
    Service,
    /// `category`.
    Category,
    /// `activityDisplayName`.
    Activity,
}

impl Field {
    /// `service`, `category` or `activity`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Service => "service",
            Field::Category => "category",
            Field::Activity => "activity",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A catalog entry found for some input, and what had to be forgiven to find it.
///
/// ```
/// use aad_audit_catalog::{lookup, Field, Normalization};
///
/// let m = lookup("core directory", "User Management", "ADD USER.").unwrap();
/// assert_eq!(m.entry().activity(), "Add user");
/// assert!(!m.is_exact());
/// assert!(m.forgiven_in(Field::Activity).contains(Normalization::TrailingPeriod));
/// assert_eq!(m.forgiven().to_string(), "case+trailing-period");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Match {
    pub(crate) entry: &'static Entry,
    pub(crate) service: Normalizations,
    pub(crate) category: Normalizations,
    pub(crate) activity: Normalizations,
}

impl Match {
    /// The entry, with the page's spellings.
    pub const fn entry(&self) -> &'static Entry {
        self.entry
    }

    /// Whether every given part matched a catalog spelling exactly.
    pub const fn is_exact(&self) -> bool {
        self.forgiven().is_empty()
    }

    /// Everything that was forgiven, in any part.
    pub const fn forgiven(&self) -> Normalizations {
        self.service.union(self.category).union(self.activity)
    }

    /// What was forgiven in one part.
    pub const fn forgiven_in(&self, field: Field) -> Normalizations {
        match field {
            Field::Service => self.service,
            Field::Category => self.category,
            Field::Activity => self.activity,
        }
    }
}

impl fmt::Display for Match {
    /// The entry, then `(exact)` or what was forgiven.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.entry, self.forgiven())
    }
}

/// The folded form of `s` in `buf`, or `None` if it is longer than any catalog key.
fn fold<'b>(s: &str, steps: u8, buf: &'b mut [u8; MAX_FOLDED_LEN]) -> Option<&'b [u8]> {
    normalize::fold_into(s, steps, buf)
}

/// The fewest normalizations that make `given` any of `spellings`.
fn fewest(given: &str, spellings: impl Iterator<Item = &'static str>, steps: u8) -> Normalizations {
    spellings
        .map(|s| Normalizations::from_bits(normalize::needed(given, s, steps)))
        .min_by_key(|n| n.len())
        .unwrap_or_default()
}

/// A service by heading or `loggedByService` value, forgiving.
pub(crate) fn resolve_service(name: &str) -> Option<(Service, Normalizations)> {
    if let Some(&s) = tables::SERVICE_EXACT.get(name) {
        return Some((s, Normalizations::NONE));
    }
    let mut buf = [0; MAX_FOLDED_LEN];
    let &s = tables::SERVICE_FOLDED.get(fold(name, NAME, &mut buf)?)?;
    let names = core::iter::once(s.heading()).chain(s.log_names().iter().copied());
    Some((s, fewest(name, names, NAME)))
}

/// A category by any spelling, forgiving.
pub(crate) fn resolve_category(name: &str) -> Option<(Category, Normalizations)> {
    if let Some(&c) = tables::CATEGORY_EXACT.get(name) {
        return Some((c, Normalizations::NONE));
    }
    let mut buf = [0; MAX_FOLDED_LEN];
    let &c = tables::CATEGORY_FOLDED.get(fold(name, CATEGORY, &mut buf)?)?;
    let spellings = core::iter::once(c.as_str()).chain(c.spellings().iter().copied());
    Some((c, fewest(name, spellings, CATEGORY)))
}

/// The group (index into `GROUPS`) of a category within a service, forgiving.
pub(crate) fn resolve_group(service: Service, name: &str) -> Option<(usize, Normalizations)> {
    let data = &SERVICES[service as usize];
    if let Some(&g) = data.category_exact.get(name) {
        return Some((g as usize, Normalizations::NONE));
    }
    let mut buf = [0; MAX_FOLDED_LEN];
    let &g = data.category_folded.get(fold(name, CATEGORY, &mut buf)?)?;
    let c = GROUPS[g as usize].category;
    let spellings = core::iter::once(c.as_str()).chain(c.spellings().iter().copied());
    Some((g as usize, fewest(name, spellings, CATEGORY)))
}

/// An activity within a group, forgiving; an exact spelling wins, else, of the entries that
/// fold to the same name, the one that needs the fewest normalizations, then the first in
/// document order.
pub(crate) fn resolve_activity(group: usize, name: &str) -> Option<(&'static Entry, Normalizations)> {
    let g = &GROUPS[group];
    if let Some(&e) = g.exact.get(name) {
        return Some((&tables::ENTRIES[e as usize], Normalizations::NONE));
    }
    let mut buf = [0; MAX_FOLDED_LEN];
    let &range = g.folded.get(fold(name, NAME, &mut buf)?)?;
    closest(name, tables::entries_of(&tables::CANDIDATES, range))
}

/// Of entries whose activities fold alike, the one `name` is closest to: the fewest
/// normalizations needed, then document order. Almost always there is only one.
pub(crate) fn closest(
    name: &str,
    candidates: impl Iterator<Item = &'static Entry>,
) -> Option<(&'static Entry, Normalizations)> {
    candidates
        .map(|e| (e, Normalizations::from_bits(normalize::needed(name, e.activity, NAME))))
        .min_by_key(|(e, n)| (n.len(), e.index))
}

/// Looks up an entry by its exact spellings: the service's heading or a `loggedByService`
/// value, the category's canonical name or a spelling the page uses, and the activity as
/// written. No folding at all; see [`lookup`] for real-world input.
///
/// ```
/// use aad_audit_catalog::lookup_exact;
/// let e = lookup_exact("PIM", "PIM", "ActivationApproved").unwrap();
/// assert_eq!(e.heading(), "Privileged Identity Management");
/// assert_eq!(e.line(), 907);
/// assert!(lookup_exact("PIM", "PIM", "activationapproved").is_none());
/// ```
pub fn lookup_exact(service: &str, category: &str, activity: &str) -> Option<&'static Entry> {
    // One probe, by the activity: the entries listing it (three at most on the bundled page),
    // in document order; the first under the service and category is the one their nested
    // tables would give.
    let &range = tables::ACTIVITY_EXACT.get(activity)?;
    tables::entries_of(&tables::ACTIVITY_EXACT_INDEX, range)
        .find(|e| names_service(e.service, service) && spells_category(e.category, category))
}

/// Whether `name` is the service's heading or one of its `loggedByService` values.
fn names_service(service: Service, name: &str) -> bool {
    let data = &SERVICES[service as usize];
    data.heading == name || data.log_names.contains(&name)
}

/// Whether `name` is the category's canonical name or one of its page spellings.
fn spells_category(category: Category, name: &str) -> bool {
    let data = &CATEGORIES[category as usize];
    data.name == name || data.spellings.contains(&name)
}

/// A name folded on first use, for comparing with the tables' folded names.
struct Folded<'a> {
    text: &'a str,
    steps: u8,
    buf: [u8; MAX_FOLDED_LEN],
    /// `None` until folded; then the folded length, or `None` inside if it does not fit.
    len: Option<Option<usize>>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str, steps: u8) -> Folded<'a> {
        Folded { text, steps, buf: [0; MAX_FOLDED_LEN], len: None }
    }

    fn get(&mut self) -> Option<&[u8]> {
        if self.len.is_none() {
            self.len = Some(fold(self.text, self.steps, &mut self.buf).map(<[u8]>::len));
        }
        let len = self.len.flatten()?;
        Some(&self.buf[..len])
    }
}

/// What it takes for `name` to be `service`: nothing if it is one of its names as written, the
/// fewest normalizations if it folds to one of them, `None` if it does not.
fn service_as(service: Service, name: &str, folded: &mut Folded<'_>) -> Option<Normalizations> {
    if names_service(service, name) {
        return Some(Normalizations::NONE);
    }
    let key = folded.get()?;
    SERVICES[service as usize].folded_names.iter().any(|n| n.as_bytes() == key).then(|| {
        let names = core::iter::once(service.heading()).chain(service.log_names().iter().copied());
        fewest(name, names, NAME)
    })
}

/// [`service_as`] for a category.
fn category_as(category: Category, name: &str, folded: &mut Folded<'_>) -> Option<Normalizations> {
    if spells_category(category, name) {
        return Some(Normalizations::NONE);
    }
    (CATEGORIES[category as usize].folded.as_bytes() == folded.get()?).then(|| {
        let spellings = core::iter::once(category.as_str()).chain(category.spellings().iter().copied());
        fewest(name, spellings, CATEGORY)
    })
}

/// Looks up an entry the way real audit records spell it, forgiving case, whitespace
/// (including tabs and non-breaking spaces, and spaces in category names), Unicode dashes for
/// hyphens and a trailing period, and saying in the [`Match`] which of these it needed.
///
/// Where the page has two spellings that fold together (`Create Company` and
/// `Create company`), an exact spelling wins; otherwise the one that needs the fewest
/// normalizations, and between equals the first in document order. Both remain reachable by
/// iteration and by [`find_activity`].
///
/// ```
/// use aad_audit_catalog::lookup;
///
/// let m = lookup("Core Directory", "DirectoryManagement", "Create company").unwrap();
/// assert!(m.is_exact());
/// assert_eq!(m.entry().line(), 606);
/// let m = lookup("Core Directory", "DirectoryManagement", "CREATE COMPANY").unwrap();
/// assert_eq!(m.entry().activity(), "Create Company"); // first in document order
/// assert!(lookup("Core Directory", "DirectoryManagement", "Create compnay").is_none());
/// ```
pub fn lookup(service: &str, category: &str, activity: &str) -> Option<Match> {
    // One probe, by the folded activity: every entry that folds to it, in document order. The
    // service and the category each fold to at most one service and one category, so the
    // entries under both are one (service, category) group's, in document order: an exact
    // spelling among them wins, else the closest - what resolving level by level gives.
    if let Some(entry) = lookup_exact(service, category, activity) {
        // What real records mostly are, for one probe less than folding.
        return Some(Match {
            entry,
            service: Normalizations::NONE,
            category: Normalizations::NONE,
            activity: Normalizations::NONE,
        });
    }
    let mut buf = [0; MAX_FOLDED_LEN];
    let &range = tables::ACTIVITY_FOLDED.get(fold(activity, NAME, &mut buf)?)?;
    let (mut service_key, mut category_key) = (Folded::new(service, NAME), Folded::new(category, CATEGORY));
    // The service and category normalizations, once the first entry under both is found; the
    // other candidates must be of the same (service, category).
    let mut parts: Option<(Service, Category, Normalizations, Normalizations)> = None;
    let mut best: Option<Match> = None;
    for entry in tables::entries_of(&tables::ACTIVITY_INDEX, range) {
        let (service_n, category_n) = match parts {
            None => {
                let Some(service_n) = service_as(entry.service, service, &mut service_key) else { continue };
                let Some(category_n) = category_as(entry.category, category, &mut category_key) else { continue };
                parts = Some((entry.service, entry.category, service_n, category_n));
                (service_n, category_n)
            }
            Some((s, c, service_n, category_n)) if s == entry.service && c == entry.category => (service_n, category_n),
            Some(_) => continue,
        };
        let m = Match { entry, service: service_n, category: category_n, activity: Normalizations::NONE };
        if entry.activity == activity {
            return Some(m);
        }
        // The closest spelling wins: the fewest normalizations, then document order.
        let activity_n = Normalizations::from_bits(normalize::needed(activity, entry.activity, NAME));
        if best.is_none_or(|b| activity_n.len() < b.activity.len()) {
            best = Some(Match { activity: activity_n, ..m });
        }
    }
    best
}

/// Every entry whose activity is `name` (forgiving, as in [`lookup`]), in document order:
/// the reverse lookup, for rules that name only the activity.
///
/// ```
/// use aad_audit_catalog::find_activity;
///
/// let places: Vec<String> = find_activity("delete identity provider")
///     .map(|m| format!("{} / {}", m.entry().heading(), m.entry().category()))
///     .collect();
/// assert_eq!(places, ["B2C / Authorization", "B2C / Authorization", "B2C / ResourceManagement", "B2C / ResourceManagement"]);
/// ```
pub fn find_activity(name: &str) -> impl Iterator<Item = Match> + Clone + '_ {
    let mut buf = [0; MAX_FOLDED_LEN];
    let range = fold(name, NAME, &mut buf).and_then(|key| tables::ACTIVITY_FOLDED.get(key)).copied().unwrap_or((0, 0));
    tables::entries_of(&tables::ACTIVITY_INDEX, range).map(move |entry| Match {
        entry,
        service: Normalizations::NONE,
        category: Normalizations::NONE,
        activity: Normalizations::from_bits(normalize::needed(name, entry.activity, NAME)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries;
    extern crate std;
    use std::string::{String, ToString};
    use std::vec::Vec;
    use std::{format, vec};

    /// Exact lookup level by level, through the nested tables validation uses.
    fn exact_by_levels(service: &str, category: &str, activity: &str) -> Option<&'static Entry> {
        let s = *tables::SERVICE_EXACT.get(service)?;
        let &g = SERVICES[s as usize].category_exact.get(category)?;
        let &e = GROUPS[g as usize].exact.get(activity)?;
        Some(&tables::ENTRIES[e as usize])
    }

    /// Forgiving lookup level by level, as validation resolves.
    fn forgiving_by_levels(service: &str, category: &str, activity: &str) -> Option<Match> {
        let (s, service_n) = resolve_service(service)?;
        let (g, category_n) = resolve_group(s, category)?;
        let (entry, activity_n) = resolve_activity(g, activity)?;
        Some(Match { entry, service: service_n, category: category_n, activity: activity_n })
    }

    fn spellings(e: &Entry) -> (Vec<String>, Vec<String>, Vec<String>) {
        let other = Service::ALL[(e.service as usize + 1) % Service::ALL.len()];
        let mut services: Vec<String> =
            core::iter::once(e.heading()).chain(e.service.log_names().iter().copied()).map(String::from).collect();
        services.extend([e.heading().to_uppercase(), format!(" {}\t", e.heading()), other.heading().to_string()]);
        let other = Category::ALL[(e.category as usize + 1) % Category::ALL.len()];
        let mut categories: Vec<String> = e.category.spellings().iter().map(|c| c.to_string()).collect();
        categories.extend([
            e.category.as_str().to_lowercase(),
            e.category_as_written.replace(' ', "  "),
            other.as_str().into(),
        ]);
        let mut activities = vec![
            e.activity.to_string(),
            e.activity.to_uppercase(),
            format!("{}.", e.activity),
            format!(" {} ", e.activity.replace('-', "\u{2013}")),
            format!("{}x", e.activity),
        ];
        // Another spelling of the same name on the page (`Create Company`, `Create company`).
        activities.extend(
            entries()
                .iter()
                .filter(|o| o.folded == e.folded && o.activity != e.activity)
                .map(|o| o.activity.to_string()),
        );
        (services, categories, activities)
    }

    #[test]
    fn one_probe_lookups_agree_with_level_by_level() {
        let mut hits = (0, 0);
        for e in entries() {
            let (services, categories, activities) = spellings(e);
            for s in &services {
                for c in &categories {
                    for a in &activities {
                        let exact = lookup_exact(s, c, a);
                        assert_eq!(exact, exact_by_levels(s, c, a), "exact {s:?} {c:?} {a:?}");
                        let forgiving = lookup(s, c, a);
                        assert_eq!(forgiving, forgiving_by_levels(s, c, a), "forgiving {s:?} {c:?} {a:?}");
                        hits.0 += usize::from(exact.is_some());
                        hits.1 += usize::from(forgiving.is_some_and(|m| !m.is_exact()));
                    }
                }
            }
        }
        // Both found plenty, so the agreement is not only on misses.
        assert!(hits.0 > 1_000 && hits.1 > 10_000, "{hits:?}");
    }
}
