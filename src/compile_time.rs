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
//!   assert_eq!(ADD_USER.line(), 716);
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
//! | service | the page heading or a `loggedByService` value, exactly (`"Core directory"`, `"Core Directory"`; `"PIM"`, `"Privileged Identity Management"`), as [`Service::from_name`](crate::Service::from_name) | any letter case, surrounding, repeated or Unicode whitespace, Unicode dashes for hyphens, one trailing period |
//! | category | any page spelling, with ASCII whitespace (space, tab, line feed, form feed, carriage return) removed and ASCII letters compared case-insensitively (`"User Management"` = `"UserManagement"` = `"usermanagement"`) | non-ASCII whitespace and letter case, Unicode dashes, one trailing period |
//! | activity | exactly as written on the page | any letter case, whitespace, Unicode dashes, one trailing period |
//!
//! Whatever the compile-time match accepts, [`lookup`](crate::lookup) resolves the same three
//! strings to the same entry (and [`lookup_exact`](crate::lookup_exact) does too, when the
//! category is spelled as on the page): where the page lists an activity under two spellings of
//! one category, both take the first in document order.
//!
//! # How it works, and what it costs
//!
//! `build.rs` writes plain `const` tables of the catalog's names beside its perfect-hash maps;
//! the macros expand to a named `const` item, `{ const ENTRY: &Entry = ...; ENTRY }`, whose value
//! a `const fn` finds by comparing bytes. The compiler evaluates it, so the program holds only
//! the result: the same `&'static Entry` as [`entries`](crate::entries) has, or a `Service` or
//! `Category` value. A named `const` item rather than an inline `const { }` block, because rustc
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
//!     Some(e) => e,
//!     None => panic!("PIM / ActivationApproved is not in the catalog"),
//! };
//! assert_eq!(APPROVED.line(), 907);
//! ```

use crate::__private::{self, EntryLookup};
use crate::{Category, Entry, Service};

/// The service whose page heading or `loggedByService` value is exactly `name`, in a `const`
/// context; the same as [`Service::from_name`], which is not `const`.
///
/// ```
/// use aad_audit_catalog::{compile_time, Service};
/// const CORE: Option<Service> = compile_time::service("Core directory");
/// assert_eq!(CORE, Some(Service::CoreDirectory));
/// assert_eq!(compile_time::service("core directory"), None);
/// ```
pub const fn service(name: &str) -> Option<Service> {
    __private::service(name)
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
    __private::category(name)
}

/// The entry named by a service (page heading or `loggedByService` value, exactly), a category
/// (any page spelling, ignoring ASCII whitespace and case) and an activity (exactly as written),
/// in a `const` context. See the [module docs](self) for what this forgives and what it does not.
///
/// ```
/// use aad_audit_catalog::{compile_time, Entry};
/// const ADD_USER: Option<&Entry> = compile_time::entry("Core Directory", "User Management", "Add user");
/// assert_eq!(ADD_USER.unwrap().line(), 716);
/// assert!(compile_time::entry("Core Directory", "User Management", "add user").is_none());
/// ```
pub const fn entry(service: &str, category: &str, activity: &str) -> Option<&'static Entry> {
    match __private::entry(service, category, activity) {
        EntryLookup::Found(entry) => Some(entry),
        _ => None,
    }
}

/// The [`Entry`](crate::Entry) named by three string literals (service, category, activity),
/// found at compile time: a name not in the catalog is a compile error that names it.
///
/// The service is a page heading or a `loggedByService` value, exactly; the category any page
/// spelling, ignoring ASCII whitespace and case; the activity exactly as written on the page.
/// See [`compile_time`](crate::compile_time) for what this forgives compared with
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
/// // Aliases and category spellings, as at run time.
/// assert_eq!(entry!("PIM", "PIM", "ActivationApproved").heading(), "Privileged Identity Management");
/// assert_eq!(entry!("Core directory", "user management", "Add user"), ADD_USER);
/// ```
///
/// A misspelled name does not compile, and the error says which part is wrong:
///
/// ```compile_fail,E0080
/// // error: evaluation panicked: no catalog entry ("Core Directory", "UserManagement", "Add usr"):
/// //        no activity "Add usr" under "Core Directory" / "UserManagement" (activities match the page's spelling exactly)
/// let e = aad_audit_catalog::entry!("Core Directory", "UserManagement", "Add usr");
/// ```
#[macro_export]
macro_rules! entry {
    ($service:literal, $category:literal, $activity:literal $(,)?) => {{
        const ENTRY: &'static $crate::Entry = match $crate::__private::entry($service, $category, $activity) {
            $crate::__private::EntryLookup::Found(entry) => entry,
            $crate::__private::EntryLookup::NoService => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no catalog entry (",
                    ::core::stringify!($service),
                    ", ",
                    ::core::stringify!($category),
                    ", ",
                    ::core::stringify!($activity),
                    "): no service is named ",
                    ::core::stringify!($service),
                    " (services match a page heading or a loggedByService value exactly)"
                )
            ),
            $crate::__private::EntryLookup::NoCategory => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no catalog entry (",
                    ::core::stringify!($service),
                    ", ",
                    ::core::stringify!($category),
                    ", ",
                    ::core::stringify!($activity),
                    "): no category is named ",
                    ::core::stringify!($category),
                    " (categories match a page spelling, ignoring ASCII whitespace and case)"
                )
            ),
            $crate::__private::EntryLookup::NotInService => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no catalog entry (",
                    ::core::stringify!($service),
                    ", ",
                    ::core::stringify!($category),
                    ", ",
                    ::core::stringify!($activity),
                    "): service ",
                    ::core::stringify!($service),
                    " lists no activity under category ",
                    ::core::stringify!($category)
                )
            ),
            $crate::__private::EntryLookup::NoActivity => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no catalog entry (",
                    ::core::stringify!($service),
                    ", ",
                    ::core::stringify!($category),
                    ", ",
                    ::core::stringify!($activity),
                    "): no activity ",
                    ::core::stringify!($activity),
                    " under ",
                    ::core::stringify!($service),
                    " / ",
                    ::core::stringify!($category),
                    " (activities match the page's spelling exactly)"
                )
            ),
        };
        ENTRY
    }};
}

/// The [`Service`](crate::Service) named by a string literal (its page heading or a
/// `loggedByService` value, exactly), found at compile time: a name not in the catalog is a
/// compile error that names it.
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
        const SERVICE: $crate::Service = match $crate::__private::service($name) {
            ::core::option::Option::Some(service) => service,
            ::core::option::Option::None => ::core::panic!(
                "{}",
                ::core::concat!(
                    "no service is named ",
                    ::core::stringify!($name),
                    " (services match a page heading or a loggedByService value exactly)"
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
        const CATEGORY: $crate::Category = match $crate::__private::category($name) {
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
