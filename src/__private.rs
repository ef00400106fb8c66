//! Not public API: what the [`service!`](crate::service), [`category!`](crate::category) and
//! [`entry!`](crate::entry) macros expand to, and a hook for the benches. It may change in any
//! release.
//!
//! Everything here is a `const fn` over the plain `const` tables that `build.rs` writes to
//! `$OUT_DIR/const_names.rs` (the phf maps of the runtime lookup cannot be probed in const
//! evaluation): linear scans with byte-wise comparisons, run by the compiler, never at run time
//! when called through the macros.

use crate::tables::{CATEGORY_KEYS, ENTRIES, ENTRY_NAMES, SERVICE_ENTRIES, SERVICE_NAMES};
use crate::{Category, Entry, Service};

/// The outcome of a compile-time entry lookup: the entry, or which part of the name is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryLookup {
    /// The entry.
    Found(&'static Entry),
    /// No service has the name as its heading or a `loggedByService` value.
    NoService,
    /// No category has a spelling that the name matches.
    NoCategory,
    /// The service lists no activity under the category.
    NotInService,
    /// The service lists no activity spelled so under the category.
    NoActivity,
}

/// Whether `a` and `b` are the same bytes.
pub const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `given`, with ASCII whitespace removed and ASCII letters lowercased, is `key` (a key
/// of `CATEGORY_KEYS`, already folded so by `build.rs`).
pub const fn category_key_eq(given: &[u8], key: &[u8]) -> bool {
    let (mut i, mut j) = (0, 0);
    loop {
        while i < given.len() && given[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == given.len() {
            return j == key.len();
        }
        if j == key.len() || given[i].to_ascii_lowercase() != key[j] {
            return false;
        }
        i += 1;
        j += 1;
    }
}

/// The service whose heading or `loggedByService` value is exactly `name`.
pub const fn service(name: &str) -> Option<Service> {
    let name = name.as_bytes();
    let mut i = 0;
    while i < SERVICE_NAMES.len() {
        let (candidate, service) = SERVICE_NAMES[i];
        if bytes_eq(name, candidate.as_bytes()) {
            return Some(service);
        }
        i += 1;
    }
    None
}

/// The category one of whose spellings `name` is, ignoring ASCII whitespace and ASCII case.
pub const fn category(name: &str) -> Option<Category> {
    let name = name.as_bytes();
    let mut i = 0;
    while i < CATEGORY_KEYS.len() {
        let (key, category) = CATEGORY_KEYS[i];
        if category_key_eq(name, key.as_bytes()) {
            return Some(category);
        }
        i += 1;
    }
    None
}

/// The entry named by a service name (exact), a category spelling (ASCII whitespace and case
/// ignored) and an activity (exact): the first in document order, as the runtime lookup has it.
pub const fn entry(service_name: &str, category_name: &str, activity: &str) -> EntryLookup {
    let Some(service) = service(service_name) else {
        return EntryLookup::NoService;
    };
    let Some(category) = category(category_name) else {
        return EntryLookup::NoCategory;
    };
    let activity = activity.as_bytes();
    let (start, end) = SERVICE_ENTRIES[service as usize];
    let mut uses_category = false;
    let mut i = start as usize;
    while i < end as usize {
        let (entry_category, entry_activity) = ENTRY_NAMES[i];
        if entry_category as u8 == category as u8 {
            uses_category = true;
            if bytes_eq(activity, entry_activity.as_bytes()) {
                return EntryLookup::Found(&ENTRIES[i]);
            }
        }
        i += 1;
    }
    if uses_category { EntryLookup::NoActivity } else { EntryLookup::NotInService }
}

/// Forgets the suggestions this thread remembers, so that a bench measures working them out
/// (`validate` remembers them per unknown name).
#[cfg(feature = "suggestions")]
pub fn forget_suggestions() {
    crate::validate::forget_suggestions();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_eq_is_equality() {
        assert!(bytes_eq(b"", b""));
        assert!(bytes_eq(b"Add user", b"Add user"));
        assert!(!bytes_eq(b"Add user", b"Add use"));
        assert!(!bytes_eq(b"Add use", b"Add user"));
        assert!(!bytes_eq(b"Add user", b"add user"));
    }

    #[test]
    fn category_key_eq_drops_ascii_whitespace_and_case_only() {
        let key = b"usermanagement";
        for given in ["usermanagement", "UserManagement", "User Management", " user\tmanagement\r\n", "U s e r M"] {
            assert_eq!(category_key_eq(given.as_bytes(), key), given != "U s e r M", "{given:?}");
        }
        assert!(!category_key_eq(b"User\xc2\xa0Management", key), "a no-break space is not ASCII whitespace");
        assert!(!category_key_eq(b"UserManagement.", key));
        assert!(!category_key_eq(b"UserManagements", key));
        assert!(!category_key_eq(b"", key));
        assert!(category_key_eq(b"  ", b""));
    }

    #[test]
    fn entry_says_which_part_is_wrong() {
        let found = entry("Core Directory", "UserManagement", "Add user");
        assert!(matches!(found, EntryLookup::Found(e) if e.line() == 716));
        assert_eq!(entry("Core Directry", "UserManagement", "Add user"), EntryLookup::NoService);
        assert_eq!(entry("Core Directory", "UserManagment", "Add user"), EntryLookup::NoCategory);
        assert_eq!(entry("PIM", "UserManagement", "Add user"), EntryLookup::NotInService);
        assert_eq!(entry("Core Directory", "UserManagement", "Add usr"), EntryLookup::NoActivity);
        // The service is checked first, then the category.
        assert_eq!(entry("Core Directry", "UserManagment", "Add usr"), EntryLookup::NoService);
        assert_eq!(entry("Core Directory", "UserManagment", "Add usr"), EntryLookup::NoCategory);
    }

    #[test]
    fn const_tables_agree_with_the_static_ones() {
        assert_eq!(ENTRY_NAMES.len(), ENTRIES.len());
        for (i, (category, activity)) in ENTRY_NAMES.iter().enumerate() {
            assert_eq!((*category, *activity), (ENTRIES[i].category(), ENTRIES[i].activity()));
        }
        assert_eq!(SERVICE_ENTRIES.len(), Service::ALL.len());
        for s in Service::ALL {
            let (start, end) = SERVICE_ENTRIES[s as usize];
            let indices: std::vec::Vec<usize> = s.entries().iter().map(|e| e.index()).collect();
            assert_eq!(indices, (start as usize..end as usize).collect::<std::vec::Vec<_>>(), "{s:?}");
        }
        for c in Category::ALL {
            assert!(CATEGORY_KEYS.iter().any(|&(_, k)| k == c), "{c:?} has a key");
        }
    }
}
