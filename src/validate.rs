//! Validation: the match for a (service, category, activity) with any part absent, or an
//! error that says what is wrong and what was probably meant.

use core::fmt;

use crate::lookup::{self, Field, Match, Normalizations};
use crate::tables::{ENTRIES, GROUPS};
use crate::{Category, Entry, Service, find_activity};

/// What [`validate`] found: the resolved service and category, and the entry when an
/// activity was given.
///
/// ```
/// use aad_audit_catalog::{validate, Service};
///
/// let v = validate(Some("PIM"), None, Some("ActivationApproved")).unwrap();
/// assert_eq!(v.service(), Some(Service::PrivilegedIdentityManagement));
/// assert_eq!(v.entry().unwrap().line(), 907);
/// assert!(v.is_exact());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Validated {
    service: Option<Service>,
    category: Option<Category>,
    entry: Option<&'static Entry>,
    forgiven: [Normalizations; 3],
}

impl Validated {
    /// The service, given or (when only an activity was given) that of the entry.
    pub const fn service(&self) -> Option<Service> {
        self.service
    }

    /// The canonical category, given or that of the entry.
    pub const fn category(&self) -> Option<Category> {
        self.category
    }

    /// The entry, when an activity was given. Where the activity is listed in several places
    /// and the service or category that would tell them apart was not given, this is the first
    /// in document order; [`find_activity`] lists them all.
    pub const fn entry(&self) -> Option<&'static Entry> {
        self.entry
    }

    /// The entry and what was forgiven, when an activity was given.
    pub const fn as_match(&self) -> Option<Match> {
        match self.entry {
            Some(entry) => {
                Some(Match { entry, service: self.forgiven[0], category: self.forgiven[1], activity: self.forgiven[2] })
            }
            None => None,
        }
    }

    /// Whether every given part matched a catalog spelling exactly.
    pub const fn is_exact(&self) -> bool {
        self.forgiven().is_empty()
    }

    /// Everything that was forgiven, in any part.
    pub const fn forgiven(&self) -> Normalizations {
        self.forgiven[0].union(self.forgiven[1]).union(self.forgiven[2])
    }

    /// What was forgiven in one part.
    pub const fn forgiven_in(&self, field: Field) -> Normalizations {
        self.forgiven[field as usize]
    }
}

/// How many suggestions or places an error carries at most.
pub const MAX_SUGGESTIONS: usize = 5;

/// How much of the given text an error keeps (longer text is cut at a character boundary).
const GIVEN_BYTES: usize = 48;

/// The text a caller gave, kept inline (no allocation) for error messages.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Given {
    bytes: [u8; GIVEN_BYTES],
    len: u8,
    cut: bool,
}

impl Given {
    fn new(s: &str) -> Given {
        let mut end = s.len().min(GIVEN_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0; GIVEN_BYTES];
        bytes[..end].copy_from_slice(&s.as_bytes()[..end]);
        Given { bytes, len: end as u8, cut: end < s.len() }
    }

    fn as_str(&self) -> &str {
        // Cut at a char boundary above, so this never fails; an empty string if it somehow did.
        core::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }
}

impl fmt::Debug for Given {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Given {
    /// The text with control characters (newlines, tabs, ...) and `"` escaped, so a message
    /// stays on one line and its quotes stay balanced; `...` if it was cut.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.as_str().chars() {
            if c.is_control() || c == '"' {
                write!(f, "{}", c.escape_debug())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        f.write_str(if self.cut { "..." } else { "" })
    }
}

/// What is wrong, in a [`ValidationError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValidationErrorKind {
    /// Nothing to validate: no part was given (or every part was blank).
    Empty,
    /// No service has this heading or `loggedByService` value, even forgiving spelling.
    UnknownService,
    /// No service uses a category of this name, even forgiving spelling.
    UnknownCategory,
    /// The category exists, but the service lists nothing under it.
    CategoryNotInService {
        /// The service given.
        service: Service,
        /// The category given; [`Category::services`] says where it is used.
        category: Category,
    },
    /// The activity is in the catalog, but not under the given service and/or category;
    /// [`ValidationError::suggestions`] lists where it is.
    ActivityElsewhere {
        /// The service given, if any.
        service: Option<Service>,
        /// The category given, if any.
        category: Option<Category>,
    },
    /// No entry anywhere has this activity, even forgiving spelling.
    UnknownActivity,
}

/// A hint carried by a [`ValidationError`]: a close name, or a place an activity is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Suggestion {
    /// A service with a close name.
    Service(Service),
    /// A category with a close name.
    Category(Category),
    /// For [`ValidationErrorKind::UnknownActivity`], an entry with a close activity name (the
    /// first entry with that name); for [`ValidationErrorKind::ActivityElsewhere`], an entry
    /// where the activity is listed.
    Entry(&'static Entry),
}

/// Why a (service, category, activity) is not in the catalog, in one line a person can act on.
///
/// Small (72 bytes) and `Copy`: the given text (up to 48 bytes) and up to [`MAX_SUGGESTIONS`] hints are
/// kept inline. Close-name suggestions need the `suggestions` feature; the places where an
/// activity is listed are always there.
///
/// ```
/// use aad_audit_catalog::{validate, ValidationErrorKind};
///
/// let e = validate(Some("Core Directory"), Some("UserManagement"), Some("Add usr")).unwrap_err();
/// assert_eq!(e.kind(), ValidationErrorKind::UnknownActivity);
/// # #[cfg(feature = "suggestions")]
/// assert!(e.to_string().starts_with(r#"unknown activity "Add usr"; did you mean "Add user""#));
///
/// let e = validate(Some("PIM"), None, Some("Add user")).unwrap_err();
/// assert_eq!(e.to_string(), r#"activity "Add user" is not listed under Privileged Identity Management; it is listed under Core directory / UserManagement"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ValidationError {
    kind: ValidationErrorKind,
    given: Given,
    /// Indices of services, categories or entries, by `kind`; `hint_count` of them are used.
    hints: [u16; MAX_SUGGESTIONS],
    hint_count: u8,
    total: u16,
}

impl ValidationError {
    fn new(kind: ValidationErrorKind, given: &str) -> ValidationError {
        ValidationError { kind, given: Given::new(given), hints: [0; MAX_SUGGESTIONS], hint_count: 0, total: 0 }
    }

    fn with_hints(mut self, hints: impl Iterator<Item = Suggestion>) -> ValidationError {
        for h in hints {
            if (self.hint_count as usize) < MAX_SUGGESTIONS {
                self.hints[self.hint_count as usize] = match h {
                    Suggestion::Service(s) => s as u16,
                    Suggestion::Category(c) => c as u16,
                    Suggestion::Entry(e) => e.index,
                };
                self.hint_count += 1;
            }
            self.total = self.total.saturating_add(1);
        }
        self
    }

    /// What is wrong.
    pub const fn kind(&self) -> ValidationErrorKind {
        self.kind
    }

    /// Which part is wrong (`None` for [`ValidationErrorKind::Empty`]).
    pub const fn field(&self) -> Option<Field> {
        match self.kind {
            ValidationErrorKind::Empty => None,
            ValidationErrorKind::UnknownService => Some(Field::Service),
            ValidationErrorKind::UnknownCategory | ValidationErrorKind::CategoryNotInService { .. } => {
                Some(Field::Category)
            }
            ValidationErrorKind::ActivityElsewhere { .. } | ValidationErrorKind::UnknownActivity => {
                Some(Field::Activity)
            }
        }
    }

    /// The text given for the wrong part (cut to its first 48 bytes).
    pub fn given(&self) -> &str {
        self.given.as_str()
    }

    /// Close names (best first), or the places an activity is listed (document order).
    pub fn suggestions(&self) -> impl ExactSizeIterator<Item = Suggestion> + Clone + '_ {
        let kind = self.kind;
        self.hints[..self.hint_count as usize].iter().map(move |&i| match kind {
            ValidationErrorKind::UnknownService => Suggestion::Service(Service::ALL[i as usize]),
            ValidationErrorKind::UnknownCategory => Suggestion::Category(Category::ALL[i as usize]),
            _ => Suggestion::Entry(&ENTRIES[i as usize]),
        })
    }

    /// How many places an activity is listed in, for [`ValidationErrorKind::ActivityElsewhere`]
    /// (of which [`ValidationError::suggestions`] gives the first five); otherwise the number
    /// of suggestions.
    pub const fn total(&self) -> usize {
        self.total as usize
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given = self.given;
        match self.kind {
            ValidationErrorKind::Empty => {
                return f.write_str("nothing to validate: no service, category or activity given");
            }
            ValidationErrorKind::UnknownService => write!(f, "unknown service \"{given}\"")?,
            ValidationErrorKind::UnknownCategory => write!(f, "unknown category \"{given}\"")?,
            ValidationErrorKind::CategoryNotInService { service, category } => {
                write!(f, "category \"{given}\" is not used by {service}; {category} is used by ")?;
                for (i, s) in category.services().iter().enumerate() {
                    write!(f, "{}{s}", if i > 0 { ", " } else { "" })?;
                }
                return Ok(());
            }
            ValidationErrorKind::ActivityElsewhere { service, category } => {
                write!(f, "activity \"{given}\" is not listed under ")?;
                match (service, category) {
                    (Some(s), Some(c)) => write!(f, "{s} / {c}")?,
                    (Some(s), None) => write!(f, "{s}")?,
                    (None, Some(c)) => write!(f, "{c}")?,
                    (None, None) => f.write_str("anything")?,
                }
                f.write_str("; it is listed under ")?;
                for (i, h) in self.suggestions().enumerate() {
                    if let Suggestion::Entry(e) = h {
                        write!(f, "{}{} / {}", if i > 0 { ", " } else { "" }, e.heading(), e.category())?;
                    }
                }
                let more = self.total() - self.suggestions().len();
                if more > 0 {
                    write!(f, " and {more} more")?;
                }
                return Ok(());
            }
            ValidationErrorKind::UnknownActivity => write!(f, "unknown activity \"{given}\"")?,
        }
        for (i, h) in self.suggestions().enumerate() {
            f.write_str(if i == 0 { "; did you mean " } else { ", " })?;
            match h {
                Suggestion::Service(s) => write!(f, "\"{s}\"")?,
                Suggestion::Category(c) => write!(f, "\"{c}\"")?,
                Suggestion::Entry(e) => write!(f, "\"{}\"", e.activity())?,
            }
        }
        if self.hint_count > 0 {
            f.write_str("?")?;
        }
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ValidationError {}

/// A part that was given: `None`, empty and all-whitespace all mean "not given".
fn given(part: Option<&str>) -> Option<&str> {
    part.filter(|s| !s.trim().is_empty())
}

/// Validates a (service, category, activity) as an audit record names it; any part may be
/// absent (`None` or blank). Spelling is forgiven as in [`lookup`](crate::lookup), and the
/// result says what was forgiven.
///
/// - service: a section heading or a `loggedByService` value;
/// - category: any spelling of a category, checked against the service when one is given;
/// - activity: looked for under the given service and category, or anywhere if neither is
///   given (then the first entry in document order with that name is returned).
///
/// The error says which part is wrong and offers close names (feature `suggestions`) or
/// where the activity is listed instead.
///
/// ```
/// use aad_audit_catalog::validate;
///
/// let err = validate(Some("Core Directry"), None, None).unwrap_err();
/// # #[cfg(feature = "suggestions")]
/// assert_eq!(err.to_string(), r#"unknown service "Core Directry"; did you mean "Core directory"?"#);
/// let err = validate(Some("B2C"), Some("UserManagement"), None).unwrap_err();
/// assert!(err.to_string().starts_with(r#"category "UserManagement" is not used by B2C; UserManagement is used by Access reviews, "#));
/// ```
pub fn validate(
    service: Option<&str>,
    category: Option<&str>,
    activity: Option<&str>,
) -> Result<Validated, ValidationError> {
    validate_with(service, category, activity, true)
}

/// [`validate`], with close-name suggestions only if `suggest`: they are the one costly part
/// of a miss, and a caller that meets the same unknown name many times (a report over an
/// export) needs them once.
pub(crate) fn validate_with(
    service: Option<&str>,
    category: Option<&str>,
    activity: Option<&str>,
    suggest: bool,
) -> Result<Validated, ValidationError> {
    use ValidationErrorKind as K;
    let (service, category, activity) = (given(service), given(category), given(activity));
    if service.is_none() && category.is_none() && activity.is_none() {
        return Err(ValidationError::new(K::Empty, ""));
    }
    let mut forgiven = [Normalizations::NONE; 3];
    let mut out = Validated { service: None, category: None, entry: None, forgiven };
    if let Some(name) = service {
        let (s, n) = lookup::resolve_service(name).ok_or_else(|| {
            ValidationError::new(K::UnknownService, name)
                .with_hints(suggest.then(|| suggest::services(name)).into_iter().flatten())
        })?;
        out.service = Some(s);
        forgiven[0] = n;
    }
    let mut group = None;
    if let Some(name) = category {
        let resolved = out.service.and_then(|s| lookup::resolve_group(s, name));
        let (c, n) = match resolved {
            Some((g, n)) => {
                group = Some(g);
                (GROUPS[g].category, n)
            }
            None => {
                let (c, n) = lookup::resolve_category(name).ok_or_else(|| {
                    ValidationError::new(K::UnknownCategory, name)
                        .with_hints(suggest.then(|| suggest::categories(name)).into_iter().flatten())
                })?;
                if let Some(service) = out.service {
                    return Err(ValidationError::new(K::CategoryNotInService { service, category: c }, name));
                }
                (c, n)
            }
        };
        out.category = Some(c);
        forgiven[1] = n;
    }
    if let Some(name) = activity {
        let found = match group {
            Some(g) => lookup::resolve_activity(g, name),
            None => find_activity(name)
                .filter(|m| out.service.is_none_or(|s| m.entry.service == s))
                .filter(|m| out.category.is_none_or(|c| m.entry.category == c))
                .min_by_key(|m| (m.activity.len(), m.entry.index))
                .map(|m| (m.entry, m.activity)),
        };
        match found {
            Some((entry, n)) => {
                out.entry = Some(entry);
                out.service = Some(entry.service);
                out.category = Some(entry.category);
                forgiven[2] = n;
            }
            None => {
                let kind = K::ActivityElsewhere { service: out.service, category: out.category };
                let mut elsewhere = find_activity(name).map(|m| Suggestion::Entry(m.entry)).peekable();
                return Err(if elsewhere.peek().is_some() {
                    ValidationError::new(kind, name).with_hints(elsewhere)
                } else {
                    ValidationError::new(K::UnknownActivity, name)
                        .with_hints(suggest.then(|| suggest::activities(name)).into_iter().flatten())
                });
            }
        }
    }
    out.forgiven = forgiven;
    Ok(out)
}

/// [`Service`]'s `FromStr`: forgiving, with suggestions on failure.
pub(crate) fn parse_service(name: &str) -> Result<Service, ValidationError> {
    match given(Some(name)) {
        None => Err(ValidationError::new(ValidationErrorKind::Empty, "")),
        Some(name) => lookup::resolve_service(name).map(|(s, _)| s).ok_or_else(|| {
            ValidationError::new(ValidationErrorKind::UnknownService, name).with_hints(suggest::services(name))
        }),
    }
}

/// [`Category`]'s `FromStr`: forgiving, with suggestions on failure.
pub(crate) fn parse_category(name: &str) -> Result<Category, ValidationError> {
    match given(Some(name)) {
        None => Err(ValidationError::new(ValidationErrorKind::Empty, "")),
        Some(name) => lookup::resolve_category(name).map(|(c, _)| c).ok_or_else(|| {
            ValidationError::new(ValidationErrorKind::UnknownCategory, name).with_hints(suggest::categories(name))
        }),
    }
}

/// Close names by edit distance over folded forms (feature `suggestions`): rapidfuzz's
/// bit-parallel Levenshtein with a cutoff, behind two cheap lower bounds.
#[cfg(feature = "suggestions")]
mod suggest {
    use super::{MAX_SUGGESTIONS, Suggestion};
    use crate::normalize::{self, CATEGORY, NAME};
    use crate::tables::{DISTINCT_ACTIVITIES, ENTRIES};
    use crate::{Category, Service};
    use rapidfuzz::distance::levenshtein::{Args, BatchComparator};
    use std::string::String;
    use std::vec::Vec;

    /// The best [`MAX_SUGGESTIONS`] distinct payloads of `candidates` (folded name, payload)
    /// for `given`, closest first, ties in candidate order; only names within a distance that
    /// still looks like a misspelling (a third of the longer name, at least 2).
    fn closest<S: AsRef<str>, T: Copy + PartialEq>(
        given: &str,
        steps: u8,
        candidates: impl Iterator<Item = (S, T)>,
    ) -> Vec<T> {
        let given: Vec<char> = normalize::chars(given, steps).collect();
        let comparator = BatchComparator::new(given.iter().copied());
        let given_counts = counts(given.iter().copied());
        // (distance, order, payload), kept sorted, at most MAX_SUGGESTIONS long.
        let mut best: Vec<(usize, usize, T)> = Vec::with_capacity(MAX_SUGGESTIONS + 1);
        for (order, (candidate, payload)) in candidates.enumerate() {
            let candidate = candidate.as_ref();
            let len = if candidate.is_ascii() { candidate.len() } else { candidate.chars().count() };
            let mut bound = (given.len().max(len) / 3).max(2);
            if best.len() == MAX_SUGGESTIONS {
                bound = bound.min(best[MAX_SUGGESTIONS - 1].0.saturating_sub(1));
            }
            // Cheap lower bounds first: the length difference, then half the characters one
            // has and the other lacks (an edit changes at most two counts by one each).
            if given.len().abs_diff(len) > bound {
                continue;
            }
            let unmatched: u32 =
                given_counts.iter().zip(&counts(candidate.chars())).map(|(a, b)| u32::from(a.abs_diff(*b))).sum();
            if unmatched.div_ceil(2) as usize > bound {
                continue;
            }
            let d = comparator.distance_with_args(candidate.chars(), &Args::default().score_cutoff(bound));
            let Some(d) = d else { continue };
            match best.iter().position(|b| b.2 == payload) {
                Some(at) if best[at].0 <= d => continue,
                Some(at) => {
                    best.remove(at);
                }
                None => {}
            }
            let at = best.partition_point(|b| (b.0, b.1) <= (d, order));
            best.insert(at, (d, order, payload));
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

    pub(super) fn services(given: &str) -> impl Iterator<Item = Suggestion> {
        let names = Service::ALL
            .iter()
            .flat_map(|&s| core::iter::once(s.heading()).chain(s.log_names().iter().copied()).map(move |n| (n, s)))
            .map(|(n, s)| (normalize::chars(n, NAME).collect::<String>(), s));
        closest(given, NAME, names).into_iter().map(Suggestion::Service)
    }

    pub(super) fn categories(given: &str) -> impl Iterator<Item = Suggestion> {
        let names = Category::ALL.iter().map(|&c| (normalize::chars(c.as_str(), CATEGORY).collect::<String>(), c));
        closest(given, CATEGORY, names).into_iter().map(Suggestion::Category)
    }

    /// How many unknown activity names [`activities`] remembers per thread before it starts
    /// over: real exports repeat the same few unknown names many times.
    const REMEMBERED: usize = 1024;

    std::thread_local! {
        /// Suggestions already worked out on this thread: unknown name -> entry indices.
        static REMEMBER: core::cell::RefCell<std::collections::HashMap<String, Vec<u16>>> =
            core::cell::RefCell::new(std::collections::HashMap::new());
    }

    pub(super) fn forget() {
        REMEMBER.with(|r| r.borrow_mut().clear());
    }

    pub(super) fn activities(given: &str) -> impl Iterator<Item = Suggestion> {
        let remembered = REMEMBER.with(|r| r.borrow().get(given).cloned());
        let found = remembered.unwrap_or_else(|| {
            let names = DISTINCT_ACTIVITIES.iter().map(|&i| {
                let e = &ENTRIES[i as usize];
                (e.folded, e.index)
            });
            let found = closest(given, NAME, names);
            REMEMBER.with(|r| {
                let mut r = r.borrow_mut();
                if r.len() >= REMEMBERED {
                    r.clear();
                }
                r.insert(given.to_string(), found.clone());
            });
            found
        });
        found.into_iter().map(|i| Suggestion::Entry(&ENTRIES[i as usize]))
    }

    #[cfg(test)]
    mod tests {
        use std::format;
        use std::string::String;
        use std::vec::Vec;

        /// `closest` as it was, with `strsim::levenshtein` over every name within the length bound.
        fn closest_by_strsim<T: Copy + PartialEq>(given: &str, candidates: &[(String, T)]) -> Vec<T> {
            let given: String = crate::normalize::chars(given, crate::normalize::NAME).collect();
            let given_len = given.chars().count();
            let mut best: Vec<(usize, usize, T)> = Vec::new();
            for (order, (name, payload)) in candidates.iter().enumerate() {
                let len = name.chars().count();
                let mut bound = (given_len.max(len) / 3).max(2);
                if best.len() == super::MAX_SUGGESTIONS {
                    bound = bound.min(best[super::MAX_SUGGESTIONS - 1].0.saturating_sub(1));
                }
                let d = strsim::levenshtein(&given, name);
                if given_len.abs_diff(len) > bound || d > bound {
                    continue;
                }
                match best.iter().position(|b| b.2 == *payload) {
                    Some(at) if best[at].0 <= d => continue,
                    Some(at) => {
                        best.remove(at);
                    }
                    None => {}
                }
                let at = best.partition_point(|b| (b.0, b.1) <= (d, order));
                best.insert(at, (d, order, *payload));
                best.truncate(super::MAX_SUGGESTIONS);
            }
            best.into_iter().map(|(_, _, p)| p).collect()
        }

        #[test]
        fn suggestions_are_those_of_plain_edit_distance() {
            let names: Vec<(String, usize)> = crate::tables::DISTINCT_ACTIVITIES
                .iter()
                .map(|&i| (crate::tables::ENTRIES[i as usize].folded.into(), i as usize))
                .collect();
            let mut queries: Vec<String> = Vec::new();
            for (i, (name, _)) in names.iter().enumerate().step_by(23) {
                let chars: Vec<char> = name.chars().collect();
                let at = i % chars.len();
                let mut dropped = chars.clone();
                dropped.remove(at);
                let mut swapped = chars.clone();
                swapped.swap(at, (at + 1) % chars.len());
                queries.extend([dropped.into_iter().collect(), swapped.into_iter().collect(), format!("{name}zz")]);
            }
            queries.extend(["x".into(), "add".into(), "zzzz zzzz zzzz".into(), "Add usr".into(), "é".repeat(70)]);
            for q in &queries {
                assert_eq!(
                    super::closest(q, crate::normalize::NAME, names.iter().cloned()),
                    closest_by_strsim(q, &names),
                    "{q:?}"
                );
            }
        }
    }
}

/// See [`crate::__private::forget_suggestions`].
#[cfg(feature = "suggestions")]
pub(crate) fn forget_suggestions() {
    suggest::forget();
}

/// Without the `suggestions` feature, errors carry no close names.
#[cfg(not(feature = "suggestions"))]
mod suggest {
    use super::Suggestion;

    pub(super) fn services(_: &str) -> impl Iterator<Item = Suggestion> {
        core::iter::empty()
    }

    pub(super) fn categories(_: &str) -> impl Iterator<Item = Suggestion> {
        core::iter::empty()
    }

    pub(super) fn activities(_: &str) -> impl Iterator<Item = Suggestion> {
        core::iter::empty()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_stays_small() {
        assert!(core::mem::size_of::<super::ValidationError>() <= 72);
    }
}
