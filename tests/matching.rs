//! Matching real-world spellings to the catalog: aliases, forgiving lookup, reverse lookup,
//! search and validation.

use aad_audit_catalog::{
    Category, Entry, Field, Normalization, Normalizations, Page, Service, Suggestion, ValidationErrorKind, entries,
    find_activity, lookup, lookup_exact, validate,
};

/// The entry a forgiving lookup of `e`'s own activity, respelled in letter case, must give: of
/// its (service, category), the entries whose activity differs from it in case only, the one
/// the newest page lists, then the first in catalog order.
fn preferred_case_sibling(e: &Entry) -> &'static Entry {
    let siblings =
        e.service().activities(e.category()).filter(|o| o.activity().to_lowercase() == e.activity().to_lowercase());
    siblings.min_by_key(|o| (std::cmp::Reverse(o.pages().last()), o.index())).unwrap()
}

/// The line of an entry in the 2022 page.
fn line_2022(e: &Entry) -> u32 {
    e.listing(Page::oldest()).unwrap().line()
}

fn one(n: Normalization) -> Normalizations {
    Normalizations::NONE.with(n)
}

fn names(s: Service) -> Vec<&'static str> {
    std::iter::once(s.as_str()).chain(s.headings().iter().map(|h| h.text())).collect()
}

#[test]
fn services_answer_to_their_headings_and_log_values() {
    let expected = [
        ("Access reviews", "Access Reviews"),
        ("Account provisioning", "Account Provisioning"),
        ("Application proxy", "Application Proxy"),
        ("Authentication Methods", "Authentication Methods"),
        ("B2C", "B2C"),
        ("Conditional Access", "Conditional Access"),
        ("Core directory", "Core Directory"),
        ("Entitlement Management", "Entitlement Management"),
        ("Hybrid Authentication", "Hybrid Authentication"),
        ("Identity protection", "Identity Protection"),
        ("Invited users", "Invited Users"),
        ("Lifecycle Workflows", "Lifecycle Workflows"),
        ("Microsoft Identity Manager (MIM)", "MIM Service"),
        ("Privileged Identity Management", "PIM"),
        ("Self-service group management", "Self-service Group Management"),
        ("Self-service password management", "Self-service Password Management"),
        ("Terms of use", "Terms of Use"),
    ];
    for (heading, log) in expected {
        let s = Service::from_name(heading).unwrap();
        assert_eq!(Service::from_name(log), Some(s), "{log}");
        assert_eq!(s.heading(Page::oldest()), Some(heading));
        assert_eq!(s.logged_by_service(), Some(log));
        assert_eq!(s.as_str(), log);
        assert_eq!(log.parse::<Service>().unwrap(), s);
    }
    for heading in ["Azure AD Recommendations", "Azure MFA", "Device Registration Service"] {
        let s = Service::from_name(heading).unwrap();
        assert_eq!(s.logged_by_service(), None);
        assert_eq!(Some(s.as_str()), s.heading(Page::latest()), "named by its newest heading");
    }
}

#[test]
fn every_entry_round_trips_through_every_alias_and_spelling() {
    for e in entries() {
        for service in names(e.service()) {
            for category in std::iter::once(e.category().as_str()).chain(e.category().spellings().iter().copied()) {
                let m = lookup(service, category, e.activity()).unwrap();
                assert_eq!(m.entry(), e, "{service} / {category} / {}", e.activity());
                assert!(m.is_exact());
                assert_eq!(lookup_exact(service, category, e.activity()), Some(e));
            }
        }
    }
}

fn respell(s: &str, how: &str) -> String {
    match how {
        "upper" => s.to_uppercase(),
        "lower" => s.to_lowercase(),
        "padded" => format!(" \t{}\u{a0} ", s.replace(' ', "  ")),
        "dashed" => s.replace('-', "\u{2013}"),
        "em-dashed" => s.replace('-', "\u{2014}"),
        "period" => format!("{s}."),
        "everything" => format!("  {}. ", s.to_uppercase().replace('-', "\u{2014}").replace(' ', "\t")),
        _ => unreachable!(),
    }
}

#[test]
fn every_entry_is_found_through_every_variant() {
    let hows = ["upper", "lower", "padded", "dashed", "em-dashed", "period", "everything"];
    for e in entries() {
        for how in hows {
            let (s, c, a) = (
                respell(e.service().as_str(), how),
                respell(e.listings()[0].category_as_written(), how),
                respell(e.activity(), how),
            );
            let m = lookup(&s, &c, &a).unwrap_or_else(|| panic!("{how}: {s:?} / {c:?} / {a:?}"));
            // Of siblings that differ only in case, the closest spelling wins: `e` itself unless
            // the case was changed, when all need case and the newest page, then catalog order,
            // decides.
            let case_changed = matches!(how, "upper" | "lower" | "everything");
            let exact_sibling = e.service().activities(e.category()).find(|o| o.activity() == a);
            let want = match exact_sibling {
                Some(sibling) => sibling,
                None if case_changed => preferred_case_sibling(e),
                None => e,
            };
            assert_eq!(m.entry(), want, "{how}: {a:?}");
            // What is reported as forgiven is exactly what was changed, plus case where the
            // entry found is a case variant of `e`.
            let n = m.forgiven_in(Field::Activity);
            let case = if want.activity() == e.activity() { Normalizations::NONE } else { one(Normalization::Case) };
            if a == want.activity() {
                assert!(n.is_empty(), "{how} {a:?}: {n}");
            } else if a == e.activity() {
                panic!("{a:?} is exact but found {want:?}");
            } else {
                match how {
                    "padded" => assert_eq!(n, one(Normalization::Whitespace).union(case), "{a:?}"),
                    "dashed" | "em-dashed" => assert_eq!(n, one(Normalization::Dash).union(case)),
                    "period" => assert_eq!(n, one(Normalization::TrailingPeriod).union(case)),
                    "upper" | "lower" => assert_eq!(n, one(Normalization::Case)),
                    _ => assert!(n.contains(Normalization::Whitespace) && n.contains(Normalization::TrailingPeriod)),
                }
            }
        }
    }
}

#[test]
fn exact_spelling_wins_over_catalog_order() {
    let lower = lookup("Core Directory", "DirectoryManagement", "Create company").unwrap();
    assert_eq!((line_2022(lower.entry()), lower.is_exact()), (606, true));
    let upper = lookup("Core Directory", "DirectoryManagement", "Create Company").unwrap();
    assert_eq!((line_2022(upper.entry()), upper.is_exact()), (605, true));
    let neither = lookup("Core Directory", "DirectoryManagement", "CREATE COMPANY").unwrap();
    assert_eq!(neither.entry(), preferred_case_sibling(upper.entry()), "the documented choice");
    assert_eq!(neither.forgiven(), Normalizations::NONE.with(Normalization::Case));
    let both: Vec<u32> = find_activity("create company").map(|m| line_2022(m.entry())).collect();
    assert_eq!(both, [605, 606]);
}

#[test]
fn a_respelling_across_pages_prefers_the_current_spelling() {
    let old = lookup_exact("B2C", "ResourceManagement", "Create Api connector").unwrap();
    let new = lookup_exact("B2C", "ResourceManagement", "Create API connector").unwrap();
    assert_eq!((old.pages().last(), new.pages().last()), (Some(Page::oldest()), Some(Page::latest())));
    let m = lookup("B2C", "ResourceManagement", "create api connector").unwrap();
    assert_eq!(m.entry(), new);
}

#[test]
fn categories_fold_spaces_and_case() {
    for (spelling, canonical) in [
        ("User Management", "UserManagement"),
        ("Directory Management", "DirectoryManagement"),
        ("Application Management", "ApplicationManagement"),
        ("Group Management", "GroupManagement"),
        ("usermanagement", "UserManagement"),
        ("Terms Of Use", "Terms Of Use"),
        ("TermsOfUse", "Terms Of Use"),
        ("terms of use", "Terms Of Use"),
    ] {
        assert_eq!(spelling.parse::<Category>().unwrap().as_str(), canonical, "{spelling}");
    }
    let m = lookup("Core Directory", "User Management", "Add user").unwrap();
    assert!(m.is_exact(), "a spelling the page uses is exact");
    let m = lookup("Core Directory", "User  management", "Add user").unwrap();
    assert_eq!(m.forgiven_in(Field::Category).to_string(), "case+whitespace");
    let e = lookup_exact("Core directory", "User Management", "Add user").unwrap();
    assert_eq!(e.listing(Page::oldest()).unwrap().category_as_written(), "UserManagement");
    // Each listing's category is its entry's canonical category.
    for l in entries().iter().flat_map(|e| e.listings()) {
        assert_eq!(
            l.category_as_written().replace(' ', "").to_lowercase(),
            l.entry().category().as_str().replace(' ', "").to_lowercase()
        );
    }
}

#[test]
fn names_that_must_not_resolve() {
    for s in ["", " ", "Next steps", "Core", "Directory", "AuditLogs", "Azure AD", "PIMS", "MIM", "Core directory x"] {
        assert!(s.parse::<Service>().is_err(), "{s:?}");
        assert!(lookup(s, "UserManagement", "Add user").is_none(), "{s:?}");
    }
    for c in ["", "User", "Management", "User Managment", "AuditLogs", "Core directory"] {
        assert!(c.parse::<Category>().is_err(), "{c:?}");
    }
    assert!(lookup("Core Directory", "UserManagement", "Add user!").is_none());
    let m = lookup("Core Directory", "UserManagement", "Add user..").unwrap();
    assert_eq!(m.forgiven(), one(Normalization::TrailingPeriod), "periods, however many");
    assert!(lookup("Core Directory", "UserManagement", "Adduser").is_none());
    assert!(lookup("Core Directory", "UserManagement", &"Add user".repeat(100)).is_none());
}

#[test]
fn reverse_lookup_lists_every_place_in_catalog_order() {
    let places: Vec<&Entry> = find_activity("Update user").map(|m| m.entry()).collect();
    let expected: Vec<&Entry> = entries().iter().filter(|e| e.activity().eq_ignore_ascii_case("update user")).collect();
    assert!(!expected.is_empty());
    assert_eq!(places, expected);
    assert!(find_activity("Update user").all(|m| m.is_exact()));
    assert!(find_activity("UPDATE USER").all(|m| m.forgiven() == Normalizations::NONE.with(Normalization::Case)));
    assert_eq!(find_activity("no such activity").count(), 0);
    // Every entry is found by its own activity.
    for e in entries() {
        assert!(find_activity(e.activity()).any(|m| m.entry() == e), "{e:?}");
    }
}

#[test]
fn search_substring_and_glob() {
    use aad_audit_catalog::search;
    let all: Vec<_> = search("").collect();
    assert_eq!(all.len(), entries().len());
    let sub: Vec<_> = search("SECURITY INFO").collect();
    let expected: Vec<_> = entries().iter().filter(|e| e.activity().to_lowercase().contains("security info")).collect();
    assert_eq!(sub, expected);
    let glob: Vec<_> = search("user * security info").collect();
    assert!(glob.iter().all(|e| e.activity().starts_with("User ") && e.activity().ends_with("security info")));
    assert_eq!(
        glob.len(),
        entries()
            .iter()
            .filter(|e| e.activity().starts_with("User ") && e.activity().ends_with("security info"))
            .count()
    );
    let scoped: Vec<_> =
        search("*identity provider*").in_service(Service::B2c).in_category(Category::ResourceManagement).collect();
    assert!(!scoped.is_empty());
    assert!(scoped.iter().all(|e| e.service() == Service::B2c && e.category() == Category::ResourceManagement));
    assert!(scoped.windows(2).all(|w| w[0].index() < w[1].index()));
    assert_eq!(search("?").count(), 0);
}

#[test]
fn validation_errors_say_what_is_wrong() {
    let k = |s: Option<&str>, c: Option<&str>, a: Option<&str>| validate(s, c, a).unwrap_err().kind();
    assert_eq!(k(None, None, None), ValidationErrorKind::Empty);
    assert_eq!(k(Some(" "), Some(""), None), ValidationErrorKind::Empty);
    assert_eq!(k(Some("Core Directry"), None, None), ValidationErrorKind::UnknownService);
    assert_eq!(k(None, Some("Polcy"), None), ValidationErrorKind::UnknownCategory);
    assert_eq!(
        k(Some("B2C"), Some("Agreement"), None),
        ValidationErrorKind::CategoryNotInService { service: Service::B2c, category: Category::Agreement }
    );
    assert_eq!(
        k(Some("PIM"), None, Some("Add user")),
        ValidationErrorKind::ActivityElsewhere { service: Some(Service::PrivilegedIdentityManagement), category: None }
    );
    assert_eq!(
        k(Some("Core Directory"), Some("UserManagement"), Some("Add usr")),
        ValidationErrorKind::UnknownActivity
    );

    let e = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
    assert_eq!(e.field(), Some(Field::Activity));
    assert_eq!(
        e.to_string(),
        r#"activity "Add user" is not listed under Core Directory / GroupManagement; it is listed under Core Directory / UserManagement"#
    );
    let e = validate(Some("Core Directory"), Some("termsofuse"), None).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"category "termsofuse" is not used by Core Directory; Terms Of Use is used by Terms of Use"#
    );
    let e = validate(Some("Terms of use"), Some("Key Management"), None).unwrap_err();
    let used_by: Vec<String> = Category::KeyManagement.services().iter().map(|s| s.to_string()).collect();
    assert_eq!(
        e.to_string(),
        format!(
            r#"category "Key Management" is not used by Terms of Use; KeyManagement is used by {}"#,
            used_by.join(", ")
        )
    );
    // One line, whatever the input holds (found by fuzzing: a newline in the given text).
    let e = validate(None, None, Some("POPED.\nx\t\"y\"")).unwrap_err();
    assert_eq!(e.to_string(), r#"unknown activity "POPED.\nx\t\"y\"""#);
    // A long name is shown cut, with its length: never silently truncated.
    let e = validate(None, None, Some(&"x".repeat(200))).unwrap_err();
    assert_eq!((e.given().len(), e.given_len()), (48, 200));
    assert_eq!(e.to_string(), format!("unknown activity \"{}...\" (200 bytes)", "x".repeat(48)));
}

#[test]
fn validation_matches_with_any_part_absent() {
    let v = validate(None, None, Some("Add user")).unwrap();
    assert_eq!(v.entry(), lookup_exact("Core directory", "UserManagement", "Add user"));
    let v = validate(Some("Core Directory"), Some("User Management"), None).unwrap();
    assert_eq!(
        (v.service(), v.category(), v.entry()),
        (Some(Service::CoreDirectory), Some(Category::UserManagement), None)
    );
    let v = validate(None, Some("Policy"), Some("delete access review")).unwrap();
    assert_eq!(v.entry().unwrap().service(), Service::AccessReviews);
    assert_eq!(v.forgiven(), Normalizations::NONE.with(Normalization::Case));
    let v = validate(Some("pim"), Some("pim"), Some("ActivationApproved")).unwrap();
    assert_eq!(v.as_match().unwrap().forgiven_in(Field::Service).to_string(), "case");
    // With the activity alone, an exact spelling wins over an earlier folded one.
    let v = validate(None, None, Some("Create company")).unwrap();
    assert_eq!(line_2022(v.entry().unwrap()), 606);
}

#[cfg(feature = "suggestions")]
#[test]
fn misspellings_get_the_suggestions_a_person_expects() {
    let activities = |a: &str| -> Vec<String> {
        let e = validate(None, None, Some(a)).unwrap_err();
        assert_eq!(e.kind(), ValidationErrorKind::UnknownActivity, "{a}");
        e.suggestions()
            .map(|s| match s {
                Suggestion::Entry(e) => e.activity().to_string(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    // (misspelling, the suggestion that must come first)
    let table = [
        ("Add usr", "Add user"),
        ("Dlete user", "Delete user"),
        ("Updte user", "Update user"),
        ("Reset pasword", "Reset password"),
        ("Add member to grop", "Add member to group"),
        ("Consent to aplication", "Consent to application"),
        ("Add servce principal", "Add service principal"),
        ("Restore usr", "Restore user"),
        // The 2024 page respells the 2022 name; the current spelling is suggested.
        ("Update conditional acces policy", "Update Conditional Access policy"),
        ("Add owner to aplication", "Add owner to application"),
    ];
    for (typo, first) in table {
        let got = activities(typo);
        assert_eq!(activities(typo), got, "the same answer, asked again");
        assert!(got.len() <= 5);
        assert_eq!(got.first().map(String::as_str), Some(first), "{typo}: {got:?}");
    }
    assert!(activities("qwertyuiop zxcvbnm").is_empty(), "nothing close is offered as close");

    let services = |s: &str| -> Vec<Service> {
        let e = validate(Some(s), None, None).unwrap_err();
        e.suggestions().map(|x| if let Suggestion::Service(s) = x { s } else { panic!() }).collect()
    };
    assert_eq!(services("Core Directry"), [Service::CoreDirectory]);
    assert_eq!(services("Conditional Acess"), [Service::ConditionalAccess]);
    assert_eq!(services("Entitlment Management"), [Service::EntitlementManagement]);
    assert_eq!(services("PIN"), [Service::PrivilegedIdentityManagement]);

    let e = validate(None, Some("UserManagment"), None).unwrap_err();
    let cats: Vec<_> = e.suggestions().collect();
    assert_eq!(cats.first(), Some(&Suggestion::Category(Category::UserManagement)));
    assert_eq!(
        validate(Some("Core Directory"), Some("UserManagement"), Some("Add usr"))
            .unwrap_err()
            .to_string()
            .split(';')
            .next(),
        Some(r#"unknown activity "Add usr""#)
    );
}
