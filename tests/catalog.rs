//! The generated catalog against an independent reading of the bundled page.
//!
//! The reader here is a plain line scan, sharing no code with `src/reader.rs` (no
//! pulldown-cmark): front matter skipped, headings tracked, every `|` line that is not a header
//! or delimiter row split on `|` with empty cells dropped.

use aad_audit_catalog::{
    Category, NoteKind, SOURCE_DATE, SOURCE_FILE, SOURCE_ROWS, SOURCE_TITLE, Service, entries, lookup_exact, notes,
    services,
};

const PAGE: &str = include_str!("../data/reference-audit-activities.md");

#[derive(Debug, Clone, PartialEq, Eq)]
struct ScannedRow {
    line: u32,
    service: String,
    category: String,
    activity: String,
}

/// Every table row of the page, in order, as a line scan sees it.
fn scan(page: &str) -> Vec<ScannedRow> {
    let mut rows = Vec::new();
    let mut heading = String::new();
    let mut in_front_matter = false;
    for (i, line) in page.lines().enumerate() {
        let line_no = i as u32 + 1;
        if line_no == 1 && line == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            in_front_matter = line != "---";
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim().to_string();
            continue;
        }
        let t = line.trim();
        if !t.starts_with('|') || t.starts_with("|---") || t.starts_with("|Audit Category") {
            continue;
        }
        let cells: Vec<&str> = t.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        assert_eq!(cells.len(), 2, "line {line_no}: {t:?}");
        rows.push(ScannedRow {
            line: line_no,
            service: heading.clone(),
            category: cells[0].to_string(),
            activity: cells[1].to_string(),
        });
    }
    rows
}

/// The scanned rows with exact repeats (same service, category, activity) removed.
fn distinct(rows: &[ScannedRow]) -> Vec<ScannedRow> {
    let mut out: Vec<ScannedRow> = Vec::new();
    for r in rows {
        if !out.iter().any(|o| o.service == r.service && o.category == r.category && o.activity == r.activity) {
            out.push(r.clone());
        }
    }
    out
}

#[test]
fn every_row_matches_an_independent_line_scan() {
    let scanned = scan(PAGE);
    let expected = distinct(&scanned);
    let got: Vec<ScannedRow> = entries()
        .iter()
        .map(|e| ScannedRow {
            line: e.line(),
            service: e.heading().to_string(),
            category: e.category_as_written().to_string(),
            activity: e.activity().to_string(),
        })
        .collect();
    assert_eq!(got.len(), expected.len());
    for (i, (g, x)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, x, "entry {i}");
    }
    assert_eq!(SOURCE_ROWS, scanned.len());
}

#[test]
fn every_row_is_an_entry_or_a_duplicate_note() {
    let scanned = scan(PAGE);
    let duplicates: Vec<u32> =
        notes().iter().filter(|n| n.kind() == NoteKind::DuplicateRow).map(|n| n.line()).collect();
    assert_eq!(entries().len() + duplicates.len(), scanned.len());
    for line in &duplicates {
        assert!(!entries().iter().any(|e| e.line() == *line), "line {line} is both");
        assert!(scanned.iter().any(|r| r.line == *line));
    }
    assert_eq!(duplicates, [169, 171]);
}

#[test]
fn sizes_are_pinned() {
    assert_eq!(entries().len(), 826);
    assert_eq!(SOURCE_ROWS, 828);
    assert_eq!(Service::ALL.len(), 20);
    assert_eq!(Category::ALL.len(), 37);
    assert_eq!(notes().len(), 37); // 3+2+2+1+4+1+24, by kind below
}

#[test]
fn counts_per_service_are_pinned() {
    // Computed with an awk line scan of the page (distinct rows per `## ` heading), checked
    // again below with the line scan above, and pinned here, so a
    // change to the reader or the page shows up as a diff of numbers.
    let scanned = distinct(&scan(PAGE));
    let expected: &[(&str, usize)] = &[
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
    ];
    let got: Vec<(&str, usize)> = services().map(|s| (s.heading(), s.entries().len())).collect();
    assert_eq!(got, expected);
    for (heading, n) in expected {
        assert_eq!(scanned.iter().filter(|r| r.service == *heading).count(), *n, "{heading}");
    }
    assert_eq!(expected.iter().map(|(_, n)| n).sum::<usize>(), 826);
}

#[test]
fn source_constants() {
    assert_eq!(SOURCE_TITLE, "Azure AD audit activity reference");
    assert_eq!(SOURCE_DATE, "2022-11-29");
    assert_eq!(SOURCE_FILE, "reference-audit-activities.md");
}

#[test]
fn the_traps_of_the_page() {
    // Rows after the blank line in Core directory (no header row).
    let e = lookup_exact(
        "Core directory",
        "UserManagement",
        "Add a deletion-marked app role assignment grant to group as part of link removal",
    )
    .unwrap();
    assert_eq!(e.line(), 714);
    assert_eq!(lookup_exact("Core directory", "UserManagement", "Update user").unwrap().line(), 738);
    // Missing closing pipe.
    assert_eq!(
        lookup_exact("Application proxy", "DirectoryManagement", "Enable passthrough authentication").unwrap().line(),
        113
    );
    // Doubled pipe.
    let e = lookup_exact("Core directory", "RoleManagement", "Update role").unwrap();
    assert_eq!((e.line(), e.category_as_written()), (710, "RoleManagement"));
    // Tabs after the row; a space inside a cell.
    assert_eq!(
        lookup_exact(
            "Entitlement Management",
            "EntitlementManagement",
            "Administrator directly assigns user to access package"
        )
        .unwrap()
        .line(),
        766
    );
    assert_eq!(
        lookup_exact(
            "Authentication Methods",
            "ApplicationManagement",
            "Authentication Strength Combination Configuration Create"
        )
        .unwrap()
        .line(),
        131
    );
    // Exact duplicates: one entry, at the first line.
    assert_eq!(
        lookup_exact("Authentication Methods", "UserManagement", "User deleted security info").unwrap().line(),
        160
    );
    // Case variants: two entries.
    assert_eq!(lookup_exact("Core directory", "DirectoryManagement", "Create Company").unwrap().line(), 605);
    assert_eq!(lookup_exact("Core directory", "DirectoryManagement", "Create company").unwrap().line(), 606);
    // Mixed category spellings are kept as written.
    let spaced = entries().iter().filter(|e| e.category_as_written() == "User Management").count();
    assert_eq!(spaced, 10);
    // Front matter and "Next steps" are not services.
    assert!(services().all(|s| s.heading() != "Next steps" && !s.heading().starts_with("ms.")));
}

#[test]
fn exact_lookup_round_trips_every_entry() {
    for e in entries() {
        assert_eq!(lookup_exact(e.heading(), e.category_as_written(), e.activity()), Some(e), "{e:?}");
        assert_eq!(lookup_exact(e.heading(), e.category().as_str(), e.activity()), Some(e), "{e:?}");
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
            assert!(group.windows(2).all(|w| w[0].index() < w[1].index()), "document order");
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
}

#[test]
fn notes_point_at_real_lines() {
    let lines: Vec<&str> = PAGE.lines().collect();
    for n in notes() {
        assert!(n.line() >= 1 && (n.line() as usize) <= lines.len(), "{n}");
        assert!(!n.text().is_empty());
    }
    let kinds = |k: NoteKind| notes().iter().filter(|n| n.kind() == k).map(|n| n.line()).collect::<Vec<_>>();
    assert_eq!(kinds(NoteKind::MissingClosingPipe), [113, 309, 349]);
    assert_eq!(kinds(NoteKind::DoubledPipe), [710, 711]);
    assert_eq!(kinds(NoteKind::RowsWithoutHeader), [714]);
    assert_eq!(kinds(NoteKind::TrailingWhitespace), [766, 776, 778, 801]);
    assert_eq!(kinds(NoteKind::CellWhitespace), [131]);
    assert_eq!(kinds(NoteKind::SpellingVariant).len(), 24);
    assert!(kinds(NoteKind::UnmappedService).is_empty());
}
