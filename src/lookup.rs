//! Looking names up: how a (service, category, activity) as logs spell it resolves to an entry,
//! and what the match had to overlook.
//!
//! One path for every lookup. A name is folded (see `fold`) into a fixed buffer and probed in
//! one of three perfect-hash maps, keyed by folded names: services, categories, activities. The
//! activity's probe gives the few entries with that name; the given service and category are
//! compared with the names of each one's service and category, once, by one walk over both
//! strings that says whether they fold alike and what differs (`fold::classify`; equal strings
//! are one comparison). Nothing allocates; input that folds to more bytes than the longest
//! catalog name matches nothing (the buffers are that long: `MAX_KEY_LEN`, at most 300 bytes).

use core::cmp::Reverse;
use core::fmt;

use crate::fold::{self, CATEGORY, NAME};
use crate::tables::{
    self, ACTIVITY_ENTRIES, ACTIVITY_NAMES, ACTIVITY_RANGES, CATEGORY_NAMES, MAX_KEY_LEN, SERVICE_NAMES,
};
use crate::{Category, Entry, Pages, Service};

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
            Normalization::Case => fold::CASE,
            Normalization::Whitespace => fold::WHITESPACE,
            Normalization::Dash => fold::DASH,
            Normalization::TrailingPeriod => fold::TRAILING_PERIOD,
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
        Normalizations(bits & (fold::CASE | fold::WHITESPACE | fold::DASH | fold::TRAILING_PERIOD))
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

/// The fewest normalizations that make `given` one of `names` (`None` if it folds to none).
fn fewest(given: &str, names: &[&'static str], steps: u8) -> Option<Normalizations> {
    if names.contains(&given) {
        return Some(Normalizations::NONE);
    }
    let mut best: Option<Normalizations> = None;
    for n in names.iter().filter_map(|n| fold::classify(given, n, steps)).map(Normalizations::from_bits) {
        if best.is_none_or(|b| n.len() < b.len()) {
            best = Some(n);
        }
        if n.len() == 1 {
            break; // not exact (checked above), so no fewer
        }
    }
    best
}

/// What it takes for `name` to be `service`; `None` if it is not one of its names, even folded.
fn as_service(service: Service, name: &str) -> Option<Normalizations> {
    fewest(name, service.names(), NAME)
}

/// What it takes for `name` to be `category`; `None` if it is not one of its names, even folded.
fn as_category(category: Category, name: &str) -> Option<Normalizations> {
    fewest(name, category.spellings(), CATEGORY)
}

/// A name folded into a buffer as long as the catalog's longest key, and probed in `map`.
fn probe<V: Copy>(map: &phf::Map<&'static [u8], V>, name: &str, steps: u8) -> Option<V> {
    let mut buf = [0; MAX_KEY_LEN];
    map.get(fold::fold_into(name, steps, &mut buf)?).copied()
}

/// The service `name` names, forgiving spelling, and what was forgiven.
pub(crate) fn resolve_service(name: &str) -> Option<(Service, Normalizations)> {
    let service = probe(&SERVICE_NAMES, name, NAME)?;
    Some((service, as_service(service, name)?))
}

/// The category `name` names, forgiving spelling, and what was forgiven.
pub(crate) fn resolve_category(name: &str) -> Option<(Category, Normalizations)> {
    let category = probe(&CATEGORY_NAMES, name, CATEGORY)?;
    Some((category, as_category(category, name)?))
}

/// The entries whose activity folds like `name`, in catalog order.
fn candidates(name: &str) -> impl DoubleEndedIterator<Item = &'static Entry> + ExactSizeIterator + Clone {
    // A name as a page writes it (or already folded) is a key as it stands, so it is probed
    // as written first. A name no key can be is folded before its only probe: no page spelling
    // starts or ends with whitespace or ends with a period, and every one has an ASCII
    // lower-case letter (were one not to, it would still be found, folded).
    let padded = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_whitespace());
    let bytes = name.as_bytes();
    let maybe_key = name.len() <= MAX_KEY_LEN
        && !padded(bytes.first())
        && !padded(bytes.last())
        && bytes.last() != Some(&b'.')
        && bytes.iter().any(u8::is_ascii_lowercase);
    let as_written = maybe_key.then(|| ACTIVITY_NAMES.get(bytes).copied()).flatten();
    let id = as_written.or_else(|| probe(&ACTIVITY_NAMES, name, NAME));
    tables::entries_of(&ACTIVITY_ENTRIES, id.map_or((0, 0), |id| ACTIVITY_RANGES[id as usize]))
}

/// What it takes for `name` to be the entry's activity (its candidates fold alike).
fn as_activity(entry: &Entry, name: &str) -> Normalizations {
    Normalizations::from_bits(fold::classify(name, entry.activity, NAME).unwrap_or(0))
}

/// Of matches for one input, the one to give: the closest activity spelling (fewest
/// normalizations), then the entry documented in the newest page, then catalog order.
pub(crate) fn preference(m: &Match) -> (usize, Reverse<Option<crate::Page>>, u16) {
    (m.activity.len(), Reverse(m.entry.pages.last()), m.entry.index)
}

/// The entry `(service, category, activity)` names in the given pages, forgiving spelling.
pub(crate) fn lookup_in(pages: Pages, service: &str, category: &str, activity: &str) -> Option<Match> {
    let candidates = candidates(activity).filter(|e| e.pages.intersects(pages));
    // What records mostly carry: every part as a page spells it, which needs no folding.
    let exact = |e: &&Entry| {
        e.activity == activity && e.service.names().contains(&service) && e.category.spellings().contains(&category)
    };
    if let Some(entry) = candidates.clone().find(exact) {
        let none = Normalizations::NONE;
        return Some(Match { entry, service: none, category: none, activity: none });
    }
    // The service and category of the first candidate under both: every other must share them,
    // since no two services (or categories) fold alike.
    let mut parts: Option<(Service, Category, Normalizations, Normalizations)> = None;
    let mut best: Option<Match> = None;
    for entry in candidates {
        let (service_n, category_n) = match parts {
            Some((s, c, sn, cn)) if s == entry.service && c == entry.category => (sn, cn),
            Some(_) => continue,
            None => {
                let Some(sn) = as_service(entry.service, service) else { continue };
                let Some(cn) = as_category(entry.category, category) else { continue };
                parts = Some((entry.service, entry.category, sn, cn));
                (sn, cn)
            }
        };
        let m = Match { entry, service: service_n, category: category_n, activity: as_activity(entry, activity) };
        if m.activity.is_empty() {
            return Some(m);
        }
        if best.is_none_or(|b| preference(&m) < preference(&b)) {
            best = Some(m);
        }
    }
    best
}

/// Every entry of the given pages whose activity is `name`, forgiving spelling, in catalog order.
pub(crate) fn find_activity_in(pages: Pages, name: &str) -> impl Iterator<Item = Match> + Clone + '_ {
    candidates(name).filter(move |e| e.pages.intersects(pages)).map(move |entry| Match {
        entry,
        service: Normalizations::NONE,
        category: Normalizations::NONE,
        activity: as_activity(entry, name),
    })
}

/// Looks up an entry by the page's spellings exactly: one of the service's names (its name or
/// a page heading), the category's canonical name or a page spelling, and the activity as
/// written. No folding at all; see [`lookup`] for real-world input. Over every page version;
/// [`Catalog::lookup_exact`](crate::Catalog::lookup_exact) for some.
///
/// ```
/// use aad_audit_catalog::lookup_exact;
/// let e = lookup_exact("PIM", "PIM", "ActivationApproved").unwrap();
/// assert_eq!(e.service().heading(e.pages().first().unwrap()), Some("Privileged Identity Management"));
/// assert!(lookup_exact("PIM", "PIM", "activationapproved").is_none());
/// ```
#[must_use]
pub fn lookup_exact(service: &str, category: &str, activity: &str) -> Option<&'static Entry> {
    crate::Catalog::all().lookup_exact(service, category, activity)
}

/// Looks up an entry the way real audit records spell it, forgiving case, whitespace
/// (including tabs and non-breaking spaces, and spaces in category names), Unicode dashes for
/// hyphens and trailing periods, and saying in the [`Match`] which of these it needed. Over
/// every page version: [`Match::entry`]'s [`pages`](Entry::pages) says which list it;
/// [`Catalog::lookup`](crate::Catalog::lookup) looks in some only.
///
/// Where two entries of one service and category fold alike (`Create Company` and
/// `Create company`), an exact spelling wins; otherwise the one that needs the fewest
/// normalizations, then the one the newest page lists, then the first in catalog order. All
/// remain reachable by iteration and by [`find_activity`].
///
/// ```
/// use aad_audit_catalog::lookup;
///
/// let m = lookup("Core Directory", "DirectoryManagement", "Create company").unwrap();
/// assert!(m.is_exact());
/// let m = lookup("Core Directory", "DirectoryManagement", "CREATE COMPANY").unwrap();
/// assert_eq!(m.entry().activity(), "Create Company"); // first in catalog order
/// assert!(lookup("Core Directory", "DirectoryManagement", "Create compnay").is_none());
/// ```
#[must_use]
pub fn lookup(service: &str, category: &str, activity: &str) -> Option<Match> {
    crate::Catalog::all().lookup(service, category, activity)
}

/// Every entry whose activity is `name` (forgiving, as in [`lookup`]), in catalog order: the
/// reverse lookup, for rules that name only the activity.
///
/// ```
/// use aad_audit_catalog::find_activity;
///
/// let places: Vec<String> = find_activity("delete identity provider")
///     .map(|m| format!("{} / {}", m.entry().service(), m.entry().category()))
///     .collect();
/// assert_eq!(places, ["B2C / Authorization", "B2C / Authorization", "B2C / ResourceManagement", "B2C / ResourceManagement"]);
/// ```
pub fn find_activity(name: &str) -> impl Iterator<Item = Match> + Clone + '_ {
    find_activity_in(Pages::ALL, name)
}
