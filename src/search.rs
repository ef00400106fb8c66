//! Search over activity names: case-insensitive substring, or a `*`/`?` glob.

use std::string::String;

use crate::fold::{self, NAME};
use crate::{Category, Entry, Pages, Service, entries};

/// A search over activity names, in catalog order; build it with [`search`].
///
/// The pattern is folded like the names (case, whitespace, dashes, a trailing period); with
/// `*` (any run of characters) or `?` (any one character) it must match the whole name,
/// without them it may match any part.
///
/// ```
/// use aad_audit_catalog::{search, Service};
///
/// let hits: Vec<_> = search("add member to *role").in_service(Service::CoreDirectory).map(|e| e.activity()).collect();
/// assert_eq!(hits, ["Add member to role"]);
/// let hits: Vec<_> = search("member to role").in_service(Service::CoreDirectory).map(|e| e.activity()).collect();
/// assert_eq!(hits.len(), 4);
/// assert_eq!(search("ADD USER").count(), search("add user").count());
/// ```
#[derive(Debug, Clone)]
pub struct Search {
    pattern: String,
    glob: bool,
    service: Option<Service>,
    category: Option<Category>,
    pages: Pages,
    rest: core::slice::Iter<'static, Entry>,
}

/// Searches the activity names of every page version for `pattern`; see [`Search`].
#[must_use]
pub fn search(pattern: &str) -> Search {
    let pattern: String = fold::chars(pattern, NAME).collect();
    let glob = pattern.contains(['*', '?']);
    Search { glob, pattern, service: None, category: None, pages: Pages::ALL, rest: entries().iter() }
}

impl Search {
    /// Only entries of this service.
    #[must_use]
    pub fn in_service(mut self, service: Service) -> Search {
        self.service = Some(service);
        self.rest = service.entries().iter();
        self
    }

    /// Only entries of this category.
    #[must_use]
    pub fn in_category(mut self, category: Category) -> Search {
        self.category = Some(category);
        self
    }

    /// Only entries these page versions list.
    #[must_use]
    pub fn in_pages(mut self, pages: Pages) -> Search {
        self.pages = pages;
        self
    }

    fn matches(&self, e: &Entry) -> bool {
        if self.category.is_some_and(|c| c != e.category) || !e.pages.intersects(self.pages) {
            return false;
        }
        if self.glob { glob(&self.pattern, e.folded) } else { e.folded.contains(self.pattern.as_str()) }
    }
}

impl Iterator for Search {
    type Item = &'static Entry;

    fn next(&mut self) -> Option<&'static Entry> {
        while let Some(e) = self.rest.next() {
            if self.matches(e) {
                return Some(e);
            }
        }
        None
    }
}

/// Whether `name` matches `pattern` as a whole (`*` any run, `?` any one character).
/// Iterative, with one backtrack point (the last `*`), so it is linear-ish and never recurses.
fn glob(pattern: &str, name: &str) -> bool {
    let next = |s: &str, at: usize| s[at..].chars().next();
    let (mut p, mut n) = (0, 0);
    // After the last `*`: the pattern position after it, and the name position it covers to.
    let mut star: Option<(usize, usize)> = None;
    while let Some(c) = next(name, n) {
        match next(pattern, p) {
            Some('*') => {
                star = Some((p + 1, n));
                p += 1;
            }
            Some(pc) if pc == '?' || pc == c => {
                p += pc.len_utf8();
                n += c.len_utf8();
            }
            _ => match star {
                Some((sp, sn)) => {
                    let skip = next(name, sn).map_or(1, char::len_utf8);
                    p = sp;
                    n = sn + skip;
                    star = Some((sp, n));
                }
                None => return false,
            },
        }
    }
    pattern[p..].chars().all(|c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    fn g(p: &str, n: &str) -> bool {
        glob(p, n)
    }

    #[test]
    fn globs() {
        assert!(g("add *", "add user"));
        assert!(g("*user", "add user"));
        assert!(g("a?d user", "add user"));
        assert!(g("*", ""));
        assert!(g("a*b*c", "axxbyyc"));
        assert!(!g("a*b*c", "axxbyy"));
        assert!(!g("add", "add user"));
        assert!(!g("?", ""));
        assert!(g("é?é", "éxé"));
        assert!(g("*é", "aéé"));
    }
}
