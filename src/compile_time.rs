//! Naming catalog entries in code, checked by the compiler: the [`entry!`](crate::entry),
//! [`service!`](crate::service) and [`category!`](crate::category) macros, and the `const fn`s
//! beneath them.
//!
//! # When to use which
//!
//! - **Strings fixed in your source** (detection rules, enrichment tables, test fixtures): name
//!   them at compile time. A typo is a compile error that names the bad name, instead of a rule
//!   that silently never fires; the result is a constant, so nothing is looked up at run time.
//!
//!   ```
//!   use aad_audit_catalog::{category, entry, service, Category, Entry, Service};
//!
//!   const ADD_USER: &Entry = entry!("Core Directory", "UserManagement", "Add user");
//!   const PIM: Service = service!("PIM");
//!   const USERS: Category = category!("User Management");
//!
//!   assert_eq!(ADD_USER.activity(), "Add user");
//!   assert_eq!(PIM, Service::PrivilegedIdentityManagement);
//!   assert_eq!(ADD_USER.category(), USERS);
//!   ```
//!
//! - **Data that arrives at run time** (audit records, configuration, user input): use
//!   [`lookup`](crate::lookup) (forgiving, and saying what it forgave),
//!   [`lookup_exact`](crate::lookup_exact) or [`validate`](crate::validate) (an error that says
//!   what is wrong and what was probably meant).
//!
//!   ```
//!   use aad_audit_catalog::{entry, lookup};
//!
//!   // A record as a log might spell it, checked against a rule's constant.
//!   let record = ("Core Directory", "User Management", "ADD USER.");
//!   let m = lookup(record.0, record.1, record.2).unwrap();
//!   assert_eq!(m.entry(), entry!("Core Directory", "UserManagement", "Add user"));
//!   ```
//!
//! # What the compile-time match forgives
//!
//! Less than [`lookup`](crate::lookup): a name in your source should be spelled as the catalog
//! spells it, and the few ways left to spell it are the ones the page itself uses.
//!
//! | part | compile time (`entry!`, `service!`, `category!`) | [`lookup`](crate::lookup), in addition |
//! | --- | --- | --- |
//! | service | one of its names exactly: its `loggedByService` value or a heading of any page (`"Core Directory"`, `"Core directory"`; `"PIM"`, `"Privileged Identity Management"`), as [`Service::from_name`](crate::Service::from_name) | any letter case, surrounding, repeated or Unicode whitespace, Unicode dashes for hyphens, trailing periods |
//! | category | any page spelling, with ASCII whitespace (space, tab, line feed, form feed, carriage return) removed and ASCII letters compared case-insensitively (`"User Management"` = `"UserManagement"` = `"usermanagement"`) | non-ASCII whitespace and letter case, Unicode dashes, trailing periods |
//! | activity | exactly as written on a page | any letter case, whitespace, Unicode dashes, trailing periods |
//!
//! Whatever the compile-time match accepts, [`lookup`](crate::lookup) resolves the same three
//! strings to the same entry (and [`lookup_exact`](crate::lookup_exact) does too, when the
//! category is spelled as on the page): where the page lists an activity under two spellings of
//! one category, both take the first in catalog order.
//!
//! # How it works, and what it costs
//!
//! The macros expand to a named `const` item, `{ const ENTRY: &Entry = ...; ENTRY }`, whose value
//! a `const fn` of this module finds by walking the catalog's static tables and comparing bytes
//! (the perfect-hash maps of the run-time lookup hash with SipHash, which is not a `const fn`).
//! The compiler evaluates it, so the program holds only the result: the same `&'static Entry`
//! as [`entries`](crate::entries) has, or a `Service` or `Category` value. A named `const` item rather than an inline `const { }` block, because rustc
//! evaluates const items while type checking: the error shows in `cargo check` and in editors,
//! and in code that is never called or is generic, where an inline const block would be
//! evaluated only when the function is compiled to machine code.
//!
//! The macros take string literals only (their error messages are built from them with
//! `concat!`). For names held in your own constants, call the `const fn`s of this module in a
//! `const` item and decide what a miss means:
//!
//! ```
//! use aad_audit_catalog::{compile_time, Entry};
//!
//! const SERVICE: &str = "PIM";
//! const APPROVED: &Entry = match compile_time::entry(SERVICE, "PIM", "ActivationApproved") {
//!     Ok(e) => e,
//!     Err(_) => panic!("PIM / ActivationApproved is not in the catalog"),
//! };
//! assert_eq!(APPROVED.activity(), "ActivationApproved");
//! ```

use crate::tables::ENTRIES;
use crate::{Category, Entry, Service};

/// Which part of a name is not in the catalog, for [`entry()`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// No service has the name as one of its names.
    Service,
    /// No category has a spelling that the name matches.
    Category,
    /// The service lists no activity under the category.
    CategoryNotInService,
    /// The service lists no activity spelled so under the category.
    Activity,
}

/// Whether `a` and `b` are the same bytes.
const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
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

/// Whether `a` and `b` are the same with ASCII whitespace removed and ASCII letters lower-cased.
const fn category_eq(a: &[u8], b: &[u8]) -> bool {
    let (mut i, mut j) = (0, 0);
    loop {
        while i < a.len() && a[i].is_ascii_whitespace() {
            i += 1;
        }
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if i == a.len() || j == b.len() {
            return i == a.len() && j == b.len();
        }
        if !a[i].eq_ignore_ascii_case(&b[j]) {
            return false;
        }
        i += 1;
        j += 1;
    }
}

/// The service one of whose names (its `loggedByService` value or a heading of any page) is
/// exactly `name`, in a `const` context; the same as [`Service::from_name`], which is not `const`.
///
/// ```
/// use aad_audit_catalog::{compile_time, Service};
/// const CORE: Option<Service> = compile_time::service("Core directory");
/// assert_eq!(CORE, Some(Service::CoreDirectory));
/// assert_eq!(compile_time::service("core directory"), None);
/// ```
pub const fn service(name: &str) -> Option<Service> {
    let name = name.as_bytes();
    let mut i = 0;
    while i < Service::ALL.len() {
        let service = Service::ALL[i];
        let names = service.names();
        let mut n = 0;
        while n < names.len() {
            if bytes_eq(name, names[n].as_bytes()) {
                return Some(service);
            }
            n += 1;
        }
        i += 1;
    }
    None
}

/// The category one of whose page spellings `name` is, ignoring ASCII whitespace and ASCII
/// letter case, in a `const` context.
///
/// ```
/// use aad_audit_catalog::{compile_time, Category};
/// const USERS: Option<Category> = compile_time::category("user management");
/// assert_eq!(USERS, Some(Category::UserManagement));
/// assert_eq!(compile_time::category("User Managment"), None);
/// ```
pub const fn category(name: &str) -> Option<Category> {
    let name = name.as_bytes();
    let mut i = 0;
    while i < Category::ALL.len() {
        let category = Category::ALL[i];
        let spellings = category.spellings();
        let mut s = 0;
        while s < spellings.len() {
            if category_eq(name, spellings[s].as_bytes()) {
                return Some(category);
            }
            s += 1;
        }
        i += 1;
    }
    None
}

/// The entry named by a service (one of its names, exactly), a category (any page spelling,
/// ignoring ASCII whitespace and case) and an activity (exactly as written), in a `const`
/// context: the first in catalog order, as the run-time lookup has it. See the
/// [module docs](self) for what this forgives and what it does not.
///
/// ```
/// use aad_audit_catalog::compile_time::{self, Miss};
/// let add_user = compile_time::entry("Core Directory", "User Management", "Add user");
/// assert_eq!(add_user.unwrap().activity(), "Add user");
/// assert_eq!(compile_time::entry("Core Directory", "User Management", "add user"), Err(Miss::Activity));
/// assert_eq!(compile_time::entry("PIM", "User Management", "Add user"), Err(Miss::CategoryNotInService));
/// ```
pub const fn entry(service_name: &str, category_name: &str, activity: &str) -> Result<&'static Entry, Miss> {
    let Some(service) = service(service_name) else {
        return Err(Miss::Service);
    };
    let Some(category) = category(category_name) else {
        return Err(Miss::Category);
    };
    let activity = activity.as_bytes();
    let (start, end) = service.data().entries;
    let mut uses_category = false;
    let mut i = start as usize;
    while i < end as usize {
        let entry = &ENTRIES[i];
        if entry.category as u8 == category as u8 {
            uses_category = true;
            if bytes_eq(activity, entry.activity.as_bytes()) {
                return Ok(entry);
            }
        }
        i += 1;
    }
    Err(if uses_category { Miss::Activity } else { Miss::CategoryNotInService })
}

/// The message of a compile-time miss, from the macro's literals.
#[doc(hidden)]
#[macro_export]
macro_rules! __entry_miss {
    ($service:literal, $category:literal, $activity:literal, $($why:expr),+) => {
        ::core::concat!(
            "no catalog entry (",
            ::core::stringify!($service),
            ", ",
            ::core::stringify!($category),
            ", ",
            ::core::stringify!($activity),
            "): ",
            $($why),+
        )
    };
}

/// The [`Entry`](crate::Entry) named by three string literals (service, category, activity),
/// found at compile time: a name not in the catalog is a compile error that names it.
///
/// The service is one of its names exactly; the category any page spelling, ignoring ASCII
/// whitespace and case; the activity exactly as written on a page. See
/// [`compile_time`](crate::compile_time) for what this forgives compared with
/// [`lookup`](crate::lookup), and when to use which. The result is a constant
/// `&'static Entry`, usable in `const` and `static` items; nothing is looked up at run time.
///
/// ```
/// use aad_audit_catalog::{entry, lookup_exact, Entry, Service};
///
/// const ADD_USER: &Entry = entry!("Core Directory", "UserManagement", "Add user");
/// assert_eq!(ADD_USER.service(), Service::CoreDirectory);
/// assert_eq!(Some(ADD_USER), lookup_exact("Core directory", "User Management", "Add user"));
///
/// // Any of the service's names, and category spellings, as at run time.
/// assert_eq!(entry!("PIM", "PIM", "ActivationApproved").service(), Service::PrivilegedIdentityManagement);
/// assert_eq!(entry!("Core directory", "user management", "Add user"), ADD_USER);
/// ```
///
/// A misspelled name does not compile, and the error says which part is wrong:
///
/// ```compile_fail,E0080
/// // error: evaluation panicked: no catalog entry ("Core Directory", "UserManagement", "Add usr"):
/// //        no activity "Add usr" under "Core Directory" / "UserManagement" (activities match a page's spelling exactly)
/// let e = aad_audit_catalog::entry!("Core Directory", "UserManagement", "Add usr");
/// ```
#[macro_export]
macro_rules! entry {
    ($service:literal, $category:literal, $activity:literal $(,)?) => {{
        const ENTRY: &'static $crate::Entry = match $crate::compile_time::entry($service, $category, $activity) {
            ::core::result::Result::Ok(entry) => entry,
            ::core::result::Result::Err($crate::compile_time::Miss::Service) => ::core::panic!(
                "{}",
                $crate::__entry_miss!(
                    $service,
                    $category,
                    $activity,
                    "no service is named ",
                    ::core::stringify!($service),
                    " (services match a loggedByService value or a page heading exactly)"
                )
            ),
            ::core::result::Result::Err($crate::compile_time::Miss::Category) => ::core::panic!(
                "{}",
                $crate::__entry_miss!(
                    $service,
                    $category,
                    $activity,
                    "no category is named ",
                    ::core::stringify!($category),
                    " (categories match a page spelling, ignoring ASCII whitespace and case)"
                )
            ),
            ::core::result::Result::Err($crate::compile_time::Miss::CategoryNotInService) => ::core::panic!(
                "{}",
                $crate::__entry_miss!(
                    $service,
                    $category,
                    $activity,
                    "service ",
                    ::core::stringify!($service),
                    " lists no activity under category ",
                    ::core::stringify!($category)
                )
            ),
            ::core::result::Result::Err($crate::compile_time::Miss::Activity) => ::core::panic!(
                "{}",
                $crate::__entry_miss!(
                    $service,
                    $category,
                    $activity,
                    "no activity ",
                    ::core::stringify!($activity),
                    " under ",
                    ::core::stringify!($service),
                    " / ",
                    ::core::stringify!($category),
                    " (activities match a page's spelling exactly)"
                )
            ),
        };
        ENTRY
    }};
}

/// The [`Service`](crate::Service) named by a string literal (one of its names, exactly), found
/// at compile time: a name not in the catalog is a compile error that names it.
///
/// ```
/// use aad_audit_catalog::{service, Service};
///
/// const PIM: Service = service!("PIM");
/// assert_eq!(PIM, Service::PrivilegedIdentityManagement);
/// assert_eq!(service!("Core directory"), service!("Core Directory"));
/// ```
///
/// ```compile_fail,E0080
/// // error: evaluation panicked: no service is named "Core Directry" (...)
/// let s = aad_audit_catalog::service!("Core Directry");
/// ```
#[macro_export]
macro_rules! service {
    ($name:literal $(,)?) => {{
        const SERVICE: $crate::Service = match $crate::compile_time::service($name) {
            ::core::option::Option::Some(service) => service,
            ::core::option::Option::None => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no service is named ",
                    ::core::stringify!($name),
                    " (services match a loggedByService value or a page heading exactly)"
                )
            ),
        };
        SERVICE
    }};
}

/// The [`Category`](crate::Category) named by a string literal (any page spelling, ignoring
/// ASCII whitespace and case), found at compile time: a name not in the catalog is a compile
/// error that names it.
///
/// ```
/// use aad_audit_catalog::{category, Category};
///
/// const USERS: Category = category!("User Management");
/// assert_eq!(USERS, Category::UserManagement);
/// assert_eq!(category!("termsofuse").as_str(), "Terms Of Use");
/// ```
///
/// ```compile_fail,E0080
/// // error: evaluation panicked: no category is named "User Managment" (...)
/// let c = aad_audit_catalog::category!("User Managment");
/// ```
#[macro_export]
macro_rules! category {
    ($name:literal $(,)?) => {{
        const CATEGORY: $crate::Category = match $crate::compile_time::category($name) {
            ::core::option::Option::Some(category) => category,
            ::core::option::Option::None => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no category is named ",
                    ::core::stringify!($name),
                    " (categories match a page spelling, ignoring ASCII whitespace and case)"
                )
            ),
        };
        CATEGORY
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_eq_drops_ascii_whitespace_and_case_only() {
        for given in ["usermanagement", "UserManagement", "User Management", " user\tmanagement\r\n"] {
            assert!(category_eq(given.as_bytes(), b"User Management"), "{given:?}");
        }
        assert!(
            !category_eq("User\u{a0}Management".as_bytes(), b"UserManagement"),
            "a no-break space is not ASCII whitespace"
        );
        assert!(!category_eq(b"UserManagement.", b"UserManagement"));
        assert!(!category_eq(b"UserManagements", b"UserManagement"));
        assert!(!category_eq(b"", b"UserManagement"));
        assert!(category_eq(b"  ", b""));
    }

    #[test]
    fn entry_says_which_part_is_wrong() {
        assert_eq!(entry("Core Directory", "UserManagement", "Add user").map(Entry::activity), Ok("Add user"));
        assert_eq!(entry("Core Directry", "UserManagement", "Add user"), Err(Miss::Service));
        assert_eq!(entry("Core Directory", "UserManagment", "Add user"), Err(Miss::Category));
        assert_eq!(entry("PIM", "UserManagement", "Add user"), Err(Miss::CategoryNotInService));
        assert_eq!(entry("Core Directory", "UserManagement", "Add usr"), Err(Miss::Activity));
        // The service is checked first, then the category.
        assert_eq!(entry("Core Directry", "UserManagment", "Add usr"), Err(Miss::Service));
        assert_eq!(entry("Core Directory", "UserManagment", "Add usr"), Err(Miss::Category));
    }
}
