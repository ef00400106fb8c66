//! The check of a record against the catalog, and a [`Checker`] that also asks an allowlist
//! and remembers why unknown names are unknown.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use super::{Identity, Record};
use crate::allowlist::Allowlist;
use crate::{Catalog, Field, Match, ValidationError};

/// What the catalog says about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub enum Verdict {
    /// Service, category and activity are the catalog's spellings.
    Exact(Match),
    /// Found after forgiving spelling; [`Match::forgiven`] says what.
    Forgiven(Match),
    /// Not in the catalog, but in the user's allowlist ([`Checker::with_allowlist`]).
    Allowed(Allowed),
    /// Not in the catalog: the error says which part and what was probably meant.
    Unknown(ValidationError),
    /// The record has no value (missing, `null` or blank) for this part, so it cannot be checked.
    Incomplete(Field),
}

/// The allowlist rule that accepted a record the catalog does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Allowed {
    index: usize,
    line: usize,
}

impl Allowed {
    /// The rule's index in [`Allowlist::rules`].
    pub const fn index(&self) -> usize {
        self.index
    }

    /// The rule's 1-based line in the allowlist file.
    pub const fn line(&self) -> usize {
        self.line
    }
}

impl Verdict {
    /// `exact`, `forgiven`, `allowed`, `unknown` or `incomplete`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Verdict::Exact(_) => "exact",
            Verdict::Forgiven(_) => "forgiven",
            Verdict::Allowed(_) => "allowed",
            Verdict::Unknown(_) => "unknown",
            Verdict::Incomplete(_) => "incomplete",
        }
    }

    /// The match, for [`Verdict::Exact`] and [`Verdict::Forgiven`].
    pub const fn as_match(&self) -> Option<Match> {
        match self {
            Verdict::Exact(m) | Verdict::Forgiven(m) => Some(*m),
            _ => None,
        }
    }

    /// Whether a person should look at the record: unknown and incomplete records always,
    /// forgiven ones too when `strict` (their spelling is not the catalog's).
    pub const fn needs_attention(&self, strict: bool) -> bool {
        match self {
            Verdict::Exact(_) | Verdict::Allowed(_) => false,
            Verdict::Forgiven(_) => strict,
            Verdict::Unknown(_) | Verdict::Incomplete(_) => true,
        }
    }
}

/// Checks a record of any shape against the catalog (every page version): the parts its
/// [`Record::identity`] names are looked up with [`lookup`](crate::lookup), and a miss is
/// explained by [`validate`](crate::validate) (with close names, worked out anew each time).
/// For many records, use a [`Checker`]: it does the same, asks an allowlist too, can answer for
/// some page versions only, and explains each unknown name once.
pub fn check(record: &Record<'_>) -> Verdict {
    check_identity(record.identity())
}

/// Checks the three parts of a record; [`check`] for when they are already at hand.
pub fn check_identity(identity: Identity<'_>) -> Verdict {
    let catalog = Catalog::all();
    match find(catalog, identity) {
        Ok(verdict) => verdict,
        Err((s, c, a)) => explain(catalog, s, c, a),
    }
}

/// The verdict when the parts are incomplete or the catalog has them, else the parts.
fn find(catalog: Catalog, identity: Identity<'_>) -> Result<Verdict, (&str, &str, &str)> {
    let Identity { service, category, activity } = identity;
    let (Some(s), Some(c), Some(a)) = (service, category, activity) else {
        let missing = if service.is_none() {
            Field::Service
        } else if category.is_none() {
            Field::Category
        } else {
            Field::Activity
        };
        return Ok(Verdict::Incomplete(missing));
    };
    match catalog.lookup(s, c, a) {
        Some(m) if m.is_exact() => Ok(Verdict::Exact(m)),
        Some(m) => Ok(Verdict::Forgiven(m)),
        None => Err((s, c, a)),
    }
}

/// Why the catalog has no entry for the parts (`validate`, which finds what `lookup` finds).
fn explain(catalog: Catalog, s: &str, c: &str, a: &str) -> Verdict {
    match catalog.validate(Some(s), Some(c), Some(a)) {
        Ok(v) => match v.as_match() {
            Some(m) if m.is_exact() => Verdict::Exact(m),
            Some(m) => Verdict::Forgiven(m),
            // With an activity given, `validate` finds an entry or fails; never this.
            None => Verdict::Incomplete(Field::Activity),
        },
        Err(e) => Verdict::Unknown(e),
    }
}

/// How many distinct unknown names a [`Checker`] remembers the explanation of; past that,
/// new names are explained every time they are met.
pub const MAX_REMEMBERED: usize = 10_000;

/// A record check with an optional allowlist, remembering why each unknown name is unknown
/// (working out "did you mean" takes tens of microseconds; a report meets the same unknown
/// name many times). Cheap to clone: clones share the allowlist and what is remembered, and
/// may be used from several threads.
///
/// ```
/// use std::sync::Arc;
/// use aad_audit_catalog::allowlist::Allowlist;
/// use aad_audit_catalog::records::{Checker, Identity, Verdict};
///
/// let allow = Allowlist::parse("allow.tsv", "Core Directory\tUserManagement\tRotate tenant keys\n").unwrap();
/// let checker = Checker::new().with_allowlist(Arc::new(allow));
/// let id = Identity { service: Some("Core Directory"), category: Some("UserManagement"), activity: Some("Rotate tenant keys") };
/// assert!(matches!(checker.check_identity(id), Verdict::Allowed(a) if a.line() == 1));
/// let id = Identity { activity: Some("Add user"), ..id };
/// assert!(matches!(checker.check_identity(id), Verdict::Exact(_)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Checker {
    catalog: Catalog,
    allowlist: Option<Arc<Allowlist>>,
    explained: Arc<Mutex<HashMap<u128, ValidationError>>>,
}

impl Checker {
    /// A checker against every page version, with no allowlist.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// The same checker, answering as `catalog` (some page versions) does: a record whose
    /// activity those pages do not document is unknown, and its error says where it is.
    #[must_use]
    pub fn with_catalog(mut self, catalog: Catalog) -> Checker {
        self.catalog = catalog;
        self.explained = Arc::default();
        self
    }

    /// The catalog it answers from.
    pub fn catalog(&self) -> Catalog {
        self.catalog
    }

    /// The same checker, accepting what `allowlist` allows among the records the catalog
    /// does not know ([`Verdict::Allowed`]).
    pub fn with_allowlist(mut self, allowlist: Arc<Allowlist>) -> Checker {
        self.allowlist = Some(allowlist);
        self
    }

    /// The allowlist, if any.
    pub fn allowlist(&self) -> Option<&Allowlist> {
        self.allowlist.as_deref()
    }

    /// Checks a record: [`check`], the allowlist, and remembered explanations.
    pub fn check(&self, record: &Record<'_>) -> Verdict {
        self.check_identity(record.identity())
    }

    /// Checks the three parts of a record.
    pub fn check_identity(&self, identity: Identity<'_>) -> Verdict {
        let (s, c, a) = match find(self.catalog, identity) {
            Ok(verdict) => return verdict,
            Err(parts) => parts,
        };
        if let Some(list) = &self.allowlist {
            if let Some(index) = list.position(s, c, a) {
                return Verdict::Allowed(Allowed { index, line: list.rules()[index].line() });
            }
        }
        let key = fingerprint(s, c, a);
        let remembered = self.explained.lock().unwrap_or_else(PoisonError::into_inner).get(&key).copied();
        if let Some(e) = remembered {
            return Verdict::Unknown(e);
        }
        let verdict = explain(self.catalog, s, c, a);
        if let Verdict::Unknown(e) = verdict {
            let mut explained = self.explained.lock().unwrap_or_else(PoisonError::into_inner);
            if explained.len() < MAX_REMEMBERED {
                explained.insert(key, e);
            }
        }
        verdict
    }
}

/// 128 bits of two differently seeded SipHashes of the three parts: equal for equal parts,
/// and for different parts with a chance of about 2^-128.
fn fingerprint(s: &str, c: &str, a: &str) -> u128 {
    let half = |seed: u8| {
        let mut h = DefaultHasher::new();
        (seed, s, c, a).hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}
