//! Validation: the match for a (service, category, activity) with any part absent, or an
//! error that says what is wrong and what was probably meant.

use core::fmt;

use crate::lookup::{self, Field, Match, Normalizations, find_activity_in, lookup_in, preference};
use crate::tables::ENTRIES;
use crate::{Category, Entry, Pages, Service, suggest};

/// What [`validate`] found: the resolved service and category, and the entry when an
/// activity was given.
///
/// ```
/// use aad_audit_catalog::{validate, Service};
///
/// let v = validate(Some("PIM"), None, Some("ActivationApproved")).unwrap();
/// assert_eq!(v.service(), Some(Service::PrivilegedIdentityManagement));
/// assert_eq!(v.entry().unwrap().activity(), "ActivationApproved");
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
    /// [`lookup`](crate::lookup) prefers; [`find_activity`](crate::find_activity) lists them all.
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

/// How much of the given text an error keeps (longer text is cut at a character boundary,
/// and its length kept).
const GIVEN_BYTES: usize = 48;

/// The text a caller gave, kept inline (no allocation) for error messages.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Given {
    bytes: [u8; GIVEN_BYTES],
    len: u8,
    /// The length of the whole text, in bytes.
    total: u32,
}

impl Given {
    fn new(s: &str) -> Given {
        let mut end = s.len().min(GIVEN_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0; GIVEN_BYTES];
        bytes[..end].copy_from_slice(&s.as_bytes()[..end]);
        Given { bytes, len: end as u8, total: u32::try_from(s.len()).unwrap_or(u32::MAX) }
    }

    fn is_cut(&self) -> bool {
        self.len as u32 != self.total
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
    /// stays on one line and its quotes stay balanced; if it was cut, `..."` and how long the
    /// whole text is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.as_str().chars() {
            if c.is_control() || c == '"' {
                write!(f, "{}", c.escape_debug())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        match self.is_cut() {
            true => write!(f, "...\" ({} bytes)", self.total),
            false => f.write_str("\""),
        }
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
    /// The activity is documented, but not in the page versions asked about (a
    /// [`Catalog`](crate::Catalog) of some pages); [`ValidationError::suggestions`] lists where.
    NotInPages {
        /// The page versions asked about.
        asked: Pages,
        /// The page versions that do list it.
        listed: Pages,
    },
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
    /// first entry with that name); for [`ValidationErrorKind::ActivityElsewhere`] and
    /// [`ValidationErrorKind::NotInPages`], an entry where the activity is listed.
    Entry(&'static Entry),
}

/// Why a (service, category, activity) is not in the catalog, in one line a person can act on.
///
/// Small (at most 80 bytes) and `Copy`: the first 48 bytes of the given text (and its length)
/// and up to [`MAX_SUGGESTIONS`] hints are kept inline; the message shows the whole text, or
/// its start and how long it is. Close-name suggestions need the `suggestions` feature; the places where an
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
/// assert_eq!(e.to_string(), r#"activity "Add user" is not listed under PIM; it is listed under Core Directory / UserManagement"#);
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
            ValidationErrorKind::ActivityElsewhere { .. }
            | ValidationErrorKind::UnknownActivity
            | ValidationErrorKind::NotInPages { .. } => Some(Field::Activity),
        }
    }

    /// The text given for the wrong part, cut to its first 48 bytes (see
    /// [`ValidationError::given_len`]).
    pub fn given(&self) -> &str {
        self.given.as_str()
    }

    /// The length of the whole text given for the wrong part, in bytes.
    pub const fn given_len(&self) -> usize {
        self.given.total as usize
    }

    /// Close names (best first), or the places an activity is listed (catalog order).
    pub fn suggestions(&self) -> impl ExactSizeIterator<Item = Suggestion> + Clone + '_ {
        let kind = self.kind;
        self.hints[..self.hint_count as usize].iter().map(move |&i| match kind {
            ValidationErrorKind::UnknownService => Suggestion::Service(Service::ALL[i as usize]),
            ValidationErrorKind::UnknownCategory => Suggestion::Category(Category::ALL[i as usize]),
            _ => Suggestion::Entry(&ENTRIES[i as usize]),
        })
    }

    /// How many places an activity is listed in, for [`ValidationErrorKind::ActivityElsewhere`]
    /// and [`ValidationErrorKind::NotInPages`] (of which [`ValidationError::suggestions`] gives
    /// the first five); otherwise the number of suggestions.
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
            ValidationErrorKind::UnknownService => write!(f, "unknown service {given}")?,
            ValidationErrorKind::UnknownCategory => write!(f, "unknown category {given}")?,
            ValidationErrorKind::CategoryNotInService { service, category } => {
                write!(f, "category {given} is not used by {service}; {category} is used by ")?;
                for (i, s) in category.services().iter().enumerate() {
                    write!(f, "{}{s}", if i > 0 { ", " } else { "" })?;
                }
                return Ok(());
            }
            ValidationErrorKind::ActivityElsewhere { service, category } => {
                write!(f, "activity {given} is not listed under ")?;
                match (service, category) {
                    (Some(s), Some(c)) => write!(f, "{s} / {c}")?,
                    (Some(s), None) => write!(f, "{s}")?,
                    (None, Some(c)) => write!(f, "{c}")?,
                    (None, None) => f.write_str("anything")?,
                }
                f.write_str("; it is listed under ")?;
                return self.write_places(f);
            }
            ValidationErrorKind::NotInPages { asked, listed } => {
                let pages = |p: Pages| if p.len() == 1 { "page" } else { "pages" };
                write!(f, "activity {given} is not documented in the {asked} {}; ", pages(asked))?;
                let verb = if listed.len() == 1 { "lists" } else { "list" };
                write!(f, "the {listed} {} {verb} it under ", pages(listed))?;
                return self.write_places(f);
            }
            ValidationErrorKind::UnknownActivity => write!(f, "unknown activity {given}")?,
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

impl ValidationError {
    /// `service / category` of each place the error lists, and how many more there are.
    fn write_places(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, h) in self.suggestions().enumerate() {
            if let Suggestion::Entry(e) = h {
                write!(f, "{}{} / {}", if i > 0 { ", " } else { "" }, e.service(), e.category())?;
            }
        }
        let more = self.total() - self.suggestions().len();
        if more > 0 {
            write!(f, " and {more} more")?;
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
/// result says what was forgiven. Over every page version; [`Catalog::validate`](crate::Catalog::validate)
/// for some.
///
/// - service: one of a service's names (its `loggedByService` value or a page heading);
/// - category: any spelling of a category, checked against the service when one is given;
/// - activity: looked for under the given service and category, or anywhere if neither is
///   given (then the entry [`lookup`](crate::lookup) would prefer).
///
/// The error says which part is wrong and offers close names (feature `suggestions`) or
/// where the activity is listed instead.
///
/// ```
/// use aad_audit_catalog::validate;
///
/// let err = validate(Some("Core Directry"), None, None).unwrap_err();
/// # #[cfg(feature = "suggestions")]
/// assert_eq!(err.to_string(), r#"unknown service "Core Directry"; did you mean "Core Directory"?"#);
/// let err = validate(Some("B2C"), Some("Agreement"), None).unwrap_err();
/// assert_eq!(err.to_string(), r#"category "Agreement" is not used by B2C; Agreement is used by Core Directory"#);
/// ```
pub fn validate(
    service: Option<&str>,
    category: Option<&str>,
    activity: Option<&str>,
) -> Result<Validated, ValidationError> {
    validate_in(Pages::ALL, service, category, activity)
}

/// [`validate`] in some page versions.
pub(crate) fn validate_in(
    pages: Pages,
    service: Option<&str>,
    category: Option<&str>,
    activity: Option<&str>,
) -> Result<Validated, ValidationError> {
    let (service, category, activity) = (given(service), given(category), given(activity));
    if service.is_none() && category.is_none() && activity.is_none() {
        return Err(ValidationError::new(ValidationErrorKind::Empty, ""));
    }
    let mut out = Validated { service: None, category: None, entry: None, forgiven: [Normalizations::NONE; 3] };
    if let Some(name) = service {
        let (s, n) = resolve_service(name)?;
        (out.service, out.forgiven[0]) = (Some(s), n);
    }
    if let Some(name) = category {
        let (c, n) = resolve_category(name)?;
        if let Some(service) = out.service.filter(|s| !s.uses(c)) {
            return Err(ValidationError::new(ValidationErrorKind::CategoryNotInService { service, category: c }, name));
        }
        (out.category, out.forgiven[1]) = (Some(c), n);
    }
    if let Some(name) = activity {
        let m = find_entry(pages, &out, (service, category, name)).ok_or_else(|| activity_error(pages, &out, name))?;
        (out.entry, out.service, out.category, out.forgiven[2]) =
            (Some(m.entry), Some(m.entry.service), Some(m.entry.category), m.activity);
    }
    Ok(out)
}

/// The entry an activity names under the resolved service and category (if given), as
/// [`lookup`](crate::lookup) prefers it.
fn find_entry(
    pages: Pages,
    resolved: &Validated,
    (service, category, activity): (Option<&str>, Option<&str>, &str),
) -> Option<Match> {
    if let (Some(s), Some(c)) = (service, category) {
        return lookup_in(pages, s, c, activity);
    }
    find_activity_in(pages, activity)
        .filter(|m| resolved.service.is_none_or(|s| m.entry.service == s))
        .filter(|m| resolved.category.is_none_or(|c| m.entry.category == c))
        .min_by_key(preference)
}

/// Why an activity was not found: listed elsewhere in these pages, listed only in other pages,
/// or unknown (with close names).
fn activity_error(pages: Pages, resolved: &Validated, name: &str) -> ValidationError {
    let places = |pages| find_activity_in(pages, name).map(|m| Suggestion::Entry(m.entry));
    let fits = |e: &Entry| {
        resolved.service.is_none_or(|s| e.service == s) && resolved.category.is_none_or(|c| e.category == c)
    };
    let elsewhere = ValidationErrorKind::ActivityElsewhere { service: resolved.service, category: resolved.category };
    if places(pages).next().is_some() {
        return ValidationError::new(elsewhere, name).with_hints(places(pages));
    }
    let other_pages = find_activity_in(Pages::ALL, name).filter(|m| fits(m.entry));
    let listed: Pages = other_pages.clone().flat_map(|m| m.entry.pages.iter()).collect();
    if !listed.is_empty() {
        let hints = other_pages.map(|m| Suggestion::Entry(m.entry));
        return ValidationError::new(ValidationErrorKind::NotInPages { asked: pages, listed }, name).with_hints(hints);
    }
    let close = suggest::activities(name, pages).map(Suggestion::Entry);
    ValidationError::new(ValidationErrorKind::UnknownActivity, name).with_hints(close)
}

/// A service by any of its names, forgiving spelling, or the error that says what was meant.
pub(crate) fn resolve_service(name: &str) -> Result<(Service, Normalizations), ValidationError> {
    lookup::resolve_service(name).ok_or_else(|| {
        let close = suggest::services(name).map(Suggestion::Service);
        ValidationError::new(ValidationErrorKind::UnknownService, name).with_hints(close)
    })
}

/// A category by any of its spellings, forgiving spelling, or the error that says what was meant.
pub(crate) fn resolve_category(name: &str) -> Result<(Category, Normalizations), ValidationError> {
    lookup::resolve_category(name).ok_or_else(|| {
        let close = suggest::categories(name).map(Suggestion::Category);
        ValidationError::new(ValidationErrorKind::UnknownCategory, name).with_hints(close)
    })
}

/// `FromStr` for [`Service`]: a blank name is [`ValidationErrorKind::Empty`].
pub(crate) fn parse_service(name: &str) -> Result<Service, ValidationError> {
    match given(Some(name)) {
        Some(name) => resolve_service(name).map(|(s, _)| s),
        None => Err(ValidationError::new(ValidationErrorKind::Empty, "")),
    }
}

/// `FromStr` for [`Category`]: a blank name is [`ValidationErrorKind::Empty`].
pub(crate) fn parse_category(name: &str) -> Result<Category, ValidationError> {
    match given(Some(name)) {
        Some(name) => resolve_category(name).map(|(c, _)| c),
        None => Err(ValidationError::new(ValidationErrorKind::Empty, "")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_stays_small() {
        assert!(core::mem::size_of::<super::ValidationError>() <= 80);
    }
}
