//! The generated catalog against an independent reading of each bundled page (the line scan
//! of `tests/common`).

use aad_audit_catalog::{Catalog, Category, NoteKind, Page, Service, entries, lookup_exact, notes, services};

mod common;

use common::{PAGES, ScannedRow, distinct, scan};

fn page(date: &str) -> Page {
    Page::from_date(date).unwrap()
}

#[test]
fn every_row_of_every_page_matches_an_independent_line_scan() {
    for (date, text) in PAGES {
        let scanned = scan(text);
        let expected = distinct(&scanned);
        let got: Vec<ScannedRow> = page(date)
            .listings()
            .map(|l| ScannedRow {
                line: l.line(),
                heading: l.heading().to_string(),
                category: l.category_as_written().to_string(),
                activity: l.entry().activity().to_string(),
            })
            .collect();
        assert_eq!(got.len(), expected.len(), "{date}");
        for (i, (g, x)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(g, x, "{date}: row {i}");
        }
        assert_eq!(page(date).rows(), scanned.len(), "{date}");
    }
}

#[test]
fn every_row_is_a_listing_or_a_duplicate_note() {
    for (date, text) in PAGES {
        let p = page(date);
        let scanned = scan(text);
        let duplicates: Vec<u32> =
            p.notes().iter().filter(|n| n.kind() == NoteKind::DuplicateRow).map(|n| n.line()).collect();
        assert_eq!(p.listings().len() + duplicates.len(), scanned.len(), "{date}");
        for line in &duplicates {
            assert!(!p.listings().any(|l| l.line() == *line), "{date}: line {line} is both");
            assert!(scanned.iter().any(|r| r.line == *line));
        }
    }
    assert_eq!(page("2022-11-29").notes().iter().filter(|n| n.kind() == NoteKind::DuplicateRow).count(), 2);
}

#[test]
fn every_entry_is_listed_and_every_listing_is_its_entrys() {
    let listings: usize = Page::ALL.iter().map(|p| p.listings().len()).sum();
    assert_eq!(listings, entries().iter().map(|e| e.listings().len()).sum::<usize>());
    for e in entries() {
        assert!(!e.listings().is_empty());
        assert_eq!(e.pages(), e.listings().iter().map(|l| l.page()).collect());
        for l in e.listings() {
            assert_eq!(l.entry(), e);
            assert_eq!(Service::from_name(l.heading()), Some(e.service()), "{e:?}");
            assert_eq!(Category::from_name(l.category_as_written()), Some(e.category()));
        }
    }
}

#[test]
fn sizes_are_pinned() {
    assert_eq!(Page::ALL.len(), 2);
    assert_eq!((page("2022-11-29").rows(), page("2024-10-04").rows()), (828, 1196));
    assert_eq!((page("2022-11-29").listings().len(), page("2024-10-04").listings().len()), (826, 1196));
    assert_eq!((page("2022-11-29").notes().len(), page("2024-10-04").notes().len()), (37, 11));
    assert_eq!(notes().len(), 48);
    assert_eq!(Catalog::page(page("2022-11-29")).entries().count(), 826);
    assert_eq!(Catalog::page(page("2024-10-04")).entries().count(), 1196);
    // Distinct (service, category folded, activity) over both pages, by a Python scan with
    // data/services.csv: 1,349 entries in 52 categories.
    assert_eq!(entries().len(), 1349);
    assert_eq!(Service::ALL.len(), 28);
    assert_eq!(Category::ALL.len(), 52);
}

#[test]
fn counts_per_heading_are_pinned() {
    // Computed with an awk line scan of each page (distinct rows per heading), checked again
    // below with the line scan above, and pinned here, so a change to the reader or a page
    // shows up as a diff of numbers.
    let expected: [(&str, &[(&str, usize)]); 2] = [
        (
            "2022-11-29",
            &[
                ("Access reviews", 37),
                ("Account provisioning", 14),
                ("Application proxy", 24),
                ("Authentication Methods", 46),
                ("Azure AD Recommendations", 3),
                ("Azure MFA", 4),
                ("B2C", 293),
                ("Conditional Access", 11),
                ("Core directory", 219),
                ("Device Registration Service", 16),
                ("Entitlement Management", 57),
                ("Hybrid Authentication", 2),
                ("Identity protection", 9),
                ("Invited users", 9),
                ("Lifecycle Workflows", 25),
                ("Microsoft Identity Manager (MIM)", 7),
                ("Privileged Identity Management", 21),
                ("Self-service group management", 9),
                ("Self-service password management", 10),
                ("Terms of use", 10),
            ],
        ),
        (
            "2024-10-04",
            &[
                ("Microsoft Entra (AAD) Management UX", 32),
                ("Access reviews", 38),
                ("Account provisioning", 14),
                ("Application proxy", 25),
                ("Authentication Methods", 53),
                ("Microsoft Entra (Azure AD) Recommendations", 3),
                ("Microsoft Entra (Azure MFA) multifactor authentication", 8),
                ("Azure RBAC (Elevated Access)", 2),
                ("B2B Auth", 1),
                ("B2C", 287),
                ("Conditional Access", 11),
                ("Core Directory", 261),
                ("Device Registration Service", 18),
                ("Entitlement Management", 57),
                ("Global Secure Access", 29),
                ("Hybrid Authentication", 2),
                ("Microsoft Entra ID Protection (Identity Protection)", 10),
                ("Invited users", 7),
                ("Lifecycle Workflows", 25),
                ("Microsoft Identity Manager (MIM) Service", 9),
                ("Mobility Management", 6),
                ("MyAccess", 1),
                ("MyApps", 5),
                ("Privileged Identity Management (PIM)", 196),
                ("Self-service group management", 64),
                ("Self-service password management", 9),
                ("Terms of use", 7),
                ("Verified ID", 16),
            ],
        ),
    ];
    for ((date, text), (pinned_date, counts)) in PAGES.iter().zip(expected) {
        assert_eq!(*date, pinned_date);
        let p = page(date);
        let mut got: Vec<(&str, usize)> = Vec::new();
        for l in p.listings() {
            match got.last_mut() {
                Some((h, n)) if *h == l.heading() => *n += 1,
                _ => got.push((l.heading(), 1)),
            }
        }
        assert_eq!(got, counts, "{date}");
        let scanned = distinct(&scan(text));
        for (heading, n) in counts {
            assert_eq!(scanned.iter().filter(|r| r.heading == *heading).count(), *n, "{date}: {heading}");
        }
    }
}

#[test]
fn page_versions() {
    let (old, new) = (page("2022-11-29"), page("2024-10-04"));
    assert_eq!((Page::oldest(), Page::latest()), (old, new));
    assert_eq!(old.title(), "Azure AD audit activity reference");
    assert_eq!(new.title(), "Microsoft Entra audit log categories and activities");
    assert_eq!((old.file(), new.file()), ("reference-audit-activities.md", "reference-audit-activities.2024-10-04.md"));
    assert_eq!(aad_audit_catalog::DATA_VERSION, "2024-10-04");
    for name in ["2024-10-04", "latest", "reference-audit-activities.2024-10-04.md"] {
        assert_eq!(name.parse::<Page>(), Ok(new), "{name}");
    }
    assert!("2023-01-01".parse::<Page>().unwrap_err().to_string().contains("2022-11-29, 2024-10-04"));
}

#[test]
fn services_are_stable_across_renamed_headings() {
    let cases = [
        (Service::CoreDirectory, "Core Directory", "Core directory", "Core Directory"),
        (
            Service::AzureAdRecommendations,
            "Microsoft Entra (Azure AD) Recommendations",
            "Azure AD Recommendations",
            "Microsoft Entra (Azure AD) Recommendations",
        ),
        (
            Service::AzureMfa,
            "Microsoft Entra (Azure MFA) multifactor authentication",
            "Azure MFA",
            "Microsoft Entra (Azure MFA) multifactor authentication",
        ),
        (
            Service::IdentityProtection,
            "Identity Protection",
            "Identity protection",
            "Microsoft Entra ID Protection (Identity Protection)",
        ),
        (
            Service::MicrosoftIdentityManagerMim,
            "MIM Service",
            "Microsoft Identity Manager (MIM)",
            "Microsoft Identity Manager (MIM) Service",
        ),
        (
            Service::PrivilegedIdentityManagement,
            "PIM",
            "Privileged Identity Management",
            "Privileged Identity Management (PIM)",
        ),
    ];
    for (service, name, old, new) in cases {
        assert_eq!(service.as_str(), name);
        assert_eq!((service.heading(Page::oldest()), service.heading(Page::latest())), (Some(old), Some(new)));
        for n in [name, old, new] {
            assert_eq!(Service::from_name(n), Some(service), "{n}");
        }
    }
    let new = [
        (Service::AadManagementUx, "AAD Management UX"),
        (Service::AzureRbacElevatedAccess, "Azure RBAC (Elevated Access)"),
        (Service::MyApps, "MyApps"),
        (Service::B2bAuth, "B2B Auth"),
        (Service::VerifiedId, "Verified ID"),
    ];
    for (service, name) in new {
        assert_eq!((service.as_str(), service.heading(Page::oldest())), (name, None));
        assert_eq!(service.logged_by_service().is_some(), !matches!(service, Service::B2bAuth | Service::VerifiedId));
    }
}

#[test]
fn the_traps_of_the_2022_page() {
    let old = page("2022-11-29");
    let line = |s: &str, c: &str, a: &str| lookup_exact(s, c, a).and_then(|e| e.listing(old)).map(|l| l.line());
    // Rows after the blank line in Core directory (no header row).
    let cut_off = "Add a deletion-marked app role assignment grant to group as part of link removal";
    assert_eq!(line("Core directory", "UserManagement", cut_off), Some(714));
    assert_eq!(line("Core directory", "UserManagement", "Update user"), Some(738));
    // Missing closing pipe.
    assert_eq!(line("Application proxy", "DirectoryManagement", "Enable passthrough authentication"), Some(113));
    // Doubled pipe.
    assert_eq!(line("Core directory", "RoleManagement", "Update role"), Some(710));
    // Tabs after the row; a space inside a cell.
    let tabs = "Administrator directly assigns user to access package";
    assert_eq!(line("Entitlement Management", "EntitlementManagement", tabs), Some(766));
    let spaced = "Authentication Strength Combination Configuration Create";
    assert_eq!(line("Authentication Methods", "ApplicationManagement", spaced), Some(131));
    // Exact duplicates: one listing, at the first line.
    assert_eq!(line("Authentication Methods", "UserManagement", "User deleted security info"), Some(160));
    // Case variants: two entries.
    assert_eq!(line("Core directory", "DirectoryManagement", "Create Company"), Some(605));
    assert_eq!(line("Core directory", "DirectoryManagement", "Create company"), Some(606));
    // Mixed category spellings are kept as written.
    assert_eq!(old.listings().filter(|l| l.category_as_written() == "User Management").count(), 10);
    // Front matter and "Next steps" are not services.
    assert!(services().all(|s| s.headings().iter().all(|h| h.text() != "Next steps" && !h.text().starts_with("ms."))));
}

#[test]
fn the_2024_page_reads_a_link_a_description_and_a_level_four_heading() {
    let new = page("2024-10-04");
    let quarantine = lookup_exact("Account Provisioning", "ProvisioningManagement", "Quarantine").unwrap();
    let l = quarantine.listing(new).unwrap();
    assert_eq!(l.line(), 127);
    assert!(
        l.description()
            .unwrap()
            .ends_with("[Learn more](~/identity/app-provisioning/application-provisioning-quarantine-status.md)")
    );
    assert_eq!(quarantine.listing(Page::oldest()).unwrap().description(), None);
    let e = lookup_exact("Identity Protection", "Other", "DismissUser").unwrap();
    assert_eq!(e.listing(new).unwrap().heading(), "Microsoft Entra ID Protection (Identity Protection)");
}

#[test]
fn exact_lookup_round_trips_every_listing() {
    for e in entries() {
        for l in e.listings() {
            assert_eq!(lookup_exact(l.heading(), l.category_as_written(), e.activity()), Some(e), "{e:?}");
            assert_eq!(lookup_exact(e.service().as_str(), e.category().as_str(), e.activity()), Some(e), "{e:?}");
            let only = Catalog::page(l.page());
            assert_eq!(only.lookup_exact(l.heading(), l.category_as_written(), e.activity()), Some(e));
        }
        for p in Page::ALL.into_iter().filter(|p| !e.pages().contains(*p)) {
            assert_eq!(Catalog::page(p).lookup_exact(e.service().as_str(), e.category().as_str(), e.activity()), None);
        }
    }
}

/// `lookup` probes a name as written only if a page could spell it so: not ending with a
/// period, with an ASCII lower-case letter. Every page spelling is such a name (were one not, it
/// would still be found, after folding, but the comment in `lookup.rs` would be wrong).
#[test]
fn every_activity_as_written_has_a_lower_case_letter_and_no_trailing_period() {
    for e in entries() {
        let a = e.activity();
        assert!(a.bytes().any(|b| b.is_ascii_lowercase()) && !a.ends_with('.'), "{a:?}");
        assert!(lookup_exact(e.service().as_str(), e.category().as_str(), a).is_some(), "{a:?}");
    }
}

#[test]
fn exact_lookup_misses() {
    assert_eq!(lookup_exact("Core directory", "UserManagement", "Add usr"), None);
    assert_eq!(lookup_exact("Core directory", "UserManagement", "add user"), None);
    assert_eq!(lookup_exact("Core directory", "UserManagement", "Add user "), None);
    assert_eq!(lookup_exact("Core directory", "Policy", "Add user"), None);
    assert_eq!(lookup_exact("Next steps", "UserManagement", "Add user"), None);
    assert_eq!(lookup_exact("", "", ""), None);
}

#[test]
fn iteration_is_consistent() {
    let mut n = 0;
    for s in services() {
        assert!(s.entries().iter().all(|e| e.service() == s));
        let mut per_category = 0;
        for c in s.categories() {
            assert!(s.uses(c));
            let group: Vec<_> = s.activities(c).collect();
            assert!(!group.is_empty());
            assert!(group.windows(2).all(|w| w[0].index() < w[1].index()), "catalog order");
            assert!(group.iter().all(|e| e.category() == c && e.service() == s));
            per_category += group.len();
            assert!(c.services().contains(&s));
        }
        assert_eq!(per_category, s.entries().len());
        n += s.entries().len();
    }
    assert_eq!(n, entries().len());
    for (i, e) in entries().iter().enumerate() {
        assert_eq!(e.index(), i);
    }
    for c in Category::ALL {
        assert_eq!(c.entries().count(), entries().iter().filter(|e| e.category() == c).count());
    }
    // Within each service, the oldest page's entries keep its order, and so do the entries
    // each later page adds.
    for p in Page::ALL {
        for s in services() {
            let added = |e: &&aad_audit_catalog::Entry| e.pages().first() == Some(p);
            let lines: Vec<u32> =
                s.entries().iter().filter(added).filter_map(|e| e.listing(p)).map(|l| l.line()).collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "{p} {s}");
        }
    }
}

#[test]
fn notes_point_at_real_lines() {
    for (date, text) in PAGES {
        let lines: Vec<&str> = text.lines().collect();
        for n in page(date).notes() {
            assert!(n.line() >= 1 && (n.line() as usize) <= lines.len(), "{n}");
            assert!(!n.text().is_empty());
            assert_eq!(n.page(), page(date));
        }
    }
    let old = page("2022-11-29");
    let kinds = |k: NoteKind| old.notes().iter().filter(|n| n.kind() == k).map(|n| n.line()).collect::<Vec<_>>();
    assert_eq!(kinds(NoteKind::MissingClosingPipe), [113, 309, 349]);
    assert_eq!(kinds(NoteKind::DoubledPipe), [710, 711]);
    assert_eq!(kinds(NoteKind::RowsWithoutHeader), [714]);
    assert_eq!(kinds(NoteKind::TrailingWhitespace), [766, 776, 778, 801]);
    assert_eq!(kinds(NoteKind::CellWhitespace), [131]);
    assert_eq!(kinds(NoteKind::SpellingVariant).len(), 24);
    assert!(notes().iter().all(|n| n.kind() != NoteKind::UnmappedService));
    let new: Vec<(u32, NoteKind)> = page("2024-10-04").notes().iter().map(|n| (n.line(), n.kind())).collect();
    assert_eq!(new.iter().filter(|(_, k)| *k == NoteKind::SpellingVariant).count(), 8);
}
