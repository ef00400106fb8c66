//! Compile-time names against the runtime lookup.
//!
//! The macros run `aad_audit_catalog::compile_time`'s `const fn`s in the compiler; here the same
//! functions also run at run time over every entry, service name and category spelling, and a
//! sample of macro uses in `const` and `static` items is compared with `lookup`. The failures
//! (a misspelled name does not compile) are in `tests/compile_fail.rs`.

use aad_audit_catalog::{
    Category, Entry, Service, categories, category, compile_time, entries, entry, lookup, lookup_exact, service,
    services,
};

/// Respellings of a category name that the compile-time match must accept.
fn category_variants(name: &str) -> Vec<String> {
    let unspaced: String = name.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    vec![
        name.to_string(),
        name.to_ascii_lowercase(),
        name.to_ascii_uppercase(),
        unspaced.clone(),
        unspaced.to_ascii_lowercase(),
        format!(" {}\t", name.replace(' ', "  ")),
    ]
}

/// Every name a service answers to: its name and its headings.
fn service_names(s: Service) -> impl Iterator<Item = &'static str> {
    std::iter::once(s.as_str()).chain(s.headings().iter().map(|h| h.text()))
}

#[test]
fn every_service_name_resolves_as_from_name_does() {
    let mut names = std::collections::BTreeSet::new();
    for s in services() {
        for name in service_names(s) {
            assert_eq!(compile_time::service(name), Some(s), "{name:?}");
            assert_eq!(Service::from_name(name), Some(s), "{name:?}");
            names.insert(name);
        }
    }
    // The distinct headings and loggedByService values of data/services.csv (a Python count).
    assert_eq!(names.len(), 45);
}

#[test]
fn service_names_are_exact_at_compile_time_and_forgiving_at_run_time() {
    for (given, runtime) in [
        ("core directory", Service::CoreDirectory),
        ("CORE DIRECTORY", Service::CoreDirectory),
        (" PIM", Service::PrivilegedIdentityManagement),
        ("pim", Service::PrivilegedIdentityManagement),
        ("Self\u{2013}service group management", Service::SelfServiceGroupManagement),
        ("B2C.", Service::B2c),
    ] {
        assert_eq!(compile_time::service(given), None, "{given:?}");
        assert_eq!(given.parse::<Service>().ok(), Some(runtime), "{given:?}");
    }
    assert_eq!(compile_time::service("Core Directry"), None);
    assert_eq!(compile_time::service(""), None);
}

#[test]
fn every_category_spelling_resolves_with_ascii_space_and_case_forgiven() {
    let mut checked = 0;
    for c in categories() {
        for spelling in std::iter::once(c.as_str()).chain(c.spellings().iter().copied()) {
            for v in category_variants(spelling) {
                assert_eq!(compile_time::category(&v), Some(c), "{v:?}");
                // Whatever the compile-time match accepts, the runtime parse accepts as the same.
                assert_eq!(v.parse::<Category>().ok(), Some(c), "{v:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 37 * 6, "{checked}");
}

#[test]
fn category_names_compile_time_does_not_forgive() {
    // A typo, a trailing period, a non-ASCII space: the runtime parse forgives the last two.
    assert_eq!(compile_time::category("User Managment"), None);
    assert_eq!(compile_time::category("UserManagement."), None);
    assert_eq!("UserManagement.".parse::<Category>().ok(), Some(Category::UserManagement));
    assert_eq!(compile_time::category("User\u{a0}Management"), None);
    assert_eq!("User\u{a0}Management".parse::<Category>().ok(), Some(Category::UserManagement));
    assert_eq!(compile_time::category(""), None);
    assert_eq!(compile_time::category("UserManagementX"), None);
    assert_eq!(compile_time::category("UserManagemen"), None);
}

/// Every entry, by every service name and every category spelling (respelled as the
/// compile-time match allows), is the entry `lookup` and `lookup_exact` give for the same names.
#[test]
fn every_entry_by_every_alias_and_spelling_is_the_runtime_entry() {
    let mut checked = 0;
    for e in entries() {
        let s = e.service();
        let c = e.category();
        for service_name in service_names(s) {
            for spelling in std::iter::once(c.as_str()).chain(c.spellings().iter().copied()) {
                // No two entries of one service and category share an activity spelling, so
                // this is the entry itself.
                assert_eq!(lookup_exact(service_name, spelling, e.activity()), Some(e));
                for v in category_variants(spelling) {
                    let found = compile_time::entry(service_name, &v, e.activity()).ok();
                    assert_eq!(found, Some(e), "{service_name:?} / {v:?} / {:?}", e.activity());
                    let m = lookup(service_name, &v, e.activity()).expect("lookup");
                    assert_eq!(Some(m.entry()), found);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1349 * 6, "{checked}");
}

#[test]
fn activities_are_exact_at_compile_time() {
    let e = lookup_exact("Core Directory", "UserManagement", "Add user").unwrap();
    for (given, forgiving) in [
        ("add user", true),
        ("ADD USER", true),
        ("Add user.", true),
        (" Add user", true),
        ("Add  user", true),
        ("Add usr", false),
        ("Add", false),
        ("", false),
    ] {
        assert!(compile_time::entry("Core Directory", "UserManagement", given).is_err(), "{given:?}");
        assert_eq!(lookup("Core Directory", "UserManagement", given).map(|m| m.entry()), forgiving.then_some(e));
    }
    // Two activities that fold together are both reachable, each by its own spelling.
    let upper = compile_time::entry("Core Directory", "DirectoryManagement", "Create Company").unwrap();
    let lower = compile_time::entry("Core Directory", "DirectoryManagement", "Create company").unwrap();
    assert_ne!(upper, lower);
    assert_eq!(lookup("Core Directory", "DirectoryManagement", "Create company").unwrap().entry(), lower);
    assert_eq!(lookup("Core Directory", "DirectoryManagement", "Create Company").unwrap().entry(), upper);
}

#[test]
fn wrong_combinations_are_none() {
    // Each part exists, but not together.
    use compile_time::Miss;
    assert_eq!(compile_time::entry("PIM", "Agreement", "Add user"), Err(Miss::CategoryNotInService));
    assert_eq!(compile_time::entry("Core Directory", "PIM", "ActivationApproved"), Err(Miss::CategoryNotInService));
    assert_eq!(compile_time::entry("Core Directory", "UserManagement", "ActivationApproved"), Err(Miss::Activity));
    assert_eq!(compile_time::entry("Core Directry", "UserManagement", "Add user"), Err(Miss::Service));
    assert_eq!(compile_time::entry("Core Directory", "UserManagment", "Add user"), Err(Miss::Category));
}

// A sample of macro uses, in `const` and `static` items: one entry of every service, by heading
// and by `loggedByService` value, with the category spelled in the ways the pages do and the
// compile-time match allows.
const SAMPLE: &[(&Entry, [&str; 3])] = &[
    (
        entry!("AAD Management UX", "AdministrativeUnit", "Bulk add members to administrative unit - finished (bulk)"),
        ["AAD Management UX", "AdministrativeUnit", "Bulk add members to administrative unit - finished (bulk)"],
    ),
    (
        entry!(
            "Azure RBAC (Elevated Access)",
            "AzureRBACRoleManagementElevateAccess",
            "The role assignment of User Access Administrator has been removed from the user"
        ),
        [
            "Azure RBAC (Elevated Access)",
            "AzureRBACRoleManagementElevateAccess",
            "The role assignment of User Access Administrator has been removed from the user",
        ],
    ),
    (
        entry!("B2B Auth", "UserManagement", "Redeem extern user invite"),
        ["B2B Auth", "UserManagement", "Redeem extern user invite"],
    ),
    (
        entry!("Global Secure Access", "ApplicationManagement", "Create Certificate"),
        ["Global Secure Access", "ApplicationManagement", "Create Certificate"],
    ),
    (
        entry!("Mobility Management", "Authentication", "User confirmed unusual sign-in event as legitimate"),
        ["Mobility Management", "Authentication", "User confirmed unusual sign-in event as legitimate"],
    ),
    (
        entry!("MyAccess", "ApplicationManagement", "Create application collection"),
        ["MyAccess", "ApplicationManagement", "Create application collection"],
    ),
    (
        entry!("Verified ID", "ResourceManagement", "Create authority"),
        ["Verified ID", "ResourceManagement", "Create authority"],
    ),
    (
        entry!("MyApps", "ApplicationManagement", "Update preview settings"),
        ["MyApps", "ApplicationManagement", "Update preview settings"],
    ),
    (entry!("Access reviews", "Policy", "Reset decision"), ["Access reviews", "Policy", "Reset decision"]),
    (entry!("Access Reviews", "policy", "Reset decision"), ["Access Reviews", "policy", "Reset decision"]),
    (
        entry!("Account Provisioning", "ProvisioningManagement", "Other"),
        ["Account Provisioning", "ProvisioningManagement", "Other"],
    ),
    (
        entry!("Application proxy", "Directory Management", "Disable passthrough authentication"),
        ["Application proxy", "Directory Management", "Disable passthrough authentication"],
    ),
    (
        entry!("Authentication Methods", "Application Management", "POST Tenant.CreateBypassedUser"),
        ["Authentication Methods", "Application Management", "POST Tenant.CreateBypassedUser"],
    ),
    (
        entry!("Azure AD Recommendations", "DirectoryManagement", "Mark recommendation as complete"),
        ["Azure AD Recommendations", "DirectoryManagement", "Mark recommendation as complete"],
    ),
    (
        entry!("Azure MFA", "user management", "Suspicious activity reported"),
        ["Azure MFA", "user management", "Suspicious activity reported"],
    ),
    (
        entry!("B2C", "Authorization", "Update authenticationEventListener"),
        ["B2C", "Authorization", "Update authenticationEventListener"],
    ),
    (
        entry!("Conditional Access", "POLICY", "Delete named location"),
        ["Conditional Access", "POLICY", "Delete named location"],
    ),
    (
        entry!("Core directory", "DirectoryManagement", "Set Partnership"),
        ["Core directory", "DirectoryManagement", "Set Partnership"],
    ),
    (entry!("Core Directory", "User Management", "Add user"), ["Core Directory", "User Management", "Add user"]),
    (entry!("Core Directory", " User\tManagement ", "Add user"), ["Core Directory", " User\tManagement ", "Add user"]),
    (
        entry!("Device Registration Service", "KeyManagement", "Read BitLocker key"),
        ["Device Registration Service", "KeyManagement", "Read BitLocker key"],
    ),
    (
        entry!("Entitlement Management", "Entitlement Management", "Delete incompatible group"),
        ["Entitlement Management", "Entitlement Management", "Delete incompatible group"],
    ),
    (
        entry!("Hybrid Authentication", "Authentication", "Remove user from feature rollout"),
        ["Hybrid Authentication", "Authentication", "Remove user from feature rollout"],
    ),
    (
        entry!("Identity Protection", "Other", "ConfirmServicePrincipalCompromised"),
        ["Identity Protection", "Other", "ConfirmServicePrincipalCompromised"],
    ),
    (
        entry!("Invited users", "UserManagement", "Invite external user"),
        ["Invited users", "UserManagement", "Invite external user"],
    ),
    (
        entry!("Lifecycle Workflows", "WorkflowManagement", "Disable workflow"),
        ["Lifecycle Workflows", "WorkflowManagement", "Disable workflow"],
    ),
    (
        entry!("MIM Service", "Group Management", "Update access review recurrence count setting"),
        ["MIM Service", "Group Management", "Update access review recurrence count setting"],
    ),
    (
        entry!("Microsoft Identity Manager (MIM)", "GroupManagement", "Update access review recurrence count setting"),
        ["Microsoft Identity Manager (MIM)", "GroupManagement", "Update access review recurrence count setting"],
    ),
    (entry!("PIM", "PIM", "ReactivateAlert"), ["PIM", "PIM", "ReactivateAlert"]),
    (
        entry!("Privileged Identity Management", "pim", "ActivationApproved"),
        ["Privileged Identity Management", "pim", "ActivationApproved"],
    ),
    (
        entry!("Self-service Group Management", "GroupManagement", "Set users oath token metadata enabled"),
        ["Self-service Group Management", "GroupManagement", "Set users oath token metadata enabled"],
    ),
    (
        entry!("Self-service password management", "User Management", "Viral tenant creation"),
        ["Self-service password management", "User Management", "Viral tenant creation"],
    ),
    (
        entry!("Terms of use", "Terms Of Use", "Edit Terms Of Use"),
        ["Terms of use", "Terms Of Use", "Edit Terms Of Use"],
    ),
    (entry!("Terms of Use", "termsofuse", "Edit Terms Of Use"), ["Terms of Use", "termsofuse", "Edit Terms Of Use"]),
    (
        entry!("Core Directory", "DirectoryManagement", "Create Company"),
        ["Core Directory", "DirectoryManagement", "Create Company"],
    ),
    (
        entry!("Core Directory", "DirectoryManagement", "Create company",),
        ["Core Directory", "DirectoryManagement", "Create company"],
    ),
];

#[test]
fn macro_sample_is_the_runtime_lookup() {
    for &(e, [s, c, a]) in SAMPLE {
        let m = lookup(s, c, a).unwrap_or_else(|| panic!("{s:?} / {c:?} / {a:?}"));
        assert_eq!(m.entry(), e, "{s:?} / {c:?} / {a:?}");
        // The service and activity are exact spellings; only the category may have been respelled.
        assert_eq!((e.activity(), Service::from_name(s)), (a, Some(e.service())));
    }
    let covered: std::collections::BTreeSet<Service> = SAMPLE.iter().map(|(e, _)| e.service()).collect();
    assert_eq!(covered.len(), Service::ALL.len(), "the sample names an entry of every service");
}

static IN_A_STATIC: &Entry = entry!("PIM", "PIM", "ActivationApproved");
const SERVICES: [Service; 4] = [
    service!("PIM"),
    service!("Privileged Identity Management"),
    service!("Core directory"),
    service!("Core Directory",),
];
const CATEGORIES: [Category; 5] = [
    category!("UserManagement"),
    category!("User Management"),
    category!("usermanagement"),
    category!("Terms Of Use"),
    category!("TERMSOFUSE"),
];

#[test]
fn macros_in_const_and_static_items() {
    assert_eq!(IN_A_STATIC.listing(aad_audit_catalog::Page::oldest()).unwrap().line(), 907);
    assert!(std::ptr::eq(IN_A_STATIC, &entries()[IN_A_STATIC.index()]), "the entry of the static table, not a copy");
    assert_eq!(
        SERVICES,
        [
            Service::PrivilegedIdentityManagement,
            Service::PrivilegedIdentityManagement,
            Service::CoreDirectory,
            Service::CoreDirectory
        ]
    );
    assert_eq!(
        CATEGORIES,
        [
            Category::UserManagement,
            Category::UserManagement,
            Category::UserManagement,
            Category::TermsOfUse,
            Category::TermsOfUse
        ]
    );
    // In expression position too.
    let e = entry!("Core Directory", "UserManagement", "Add user");
    assert_eq!(Some(e), lookup_exact("Core Directory", "UserManagement", "Add user"));
    assert_eq!(service!("B2C"), Service::B2c);
    assert_eq!(category!("Key Management"), Category::KeyManagement);
}
