//! An independent reading of the bundled pages, shared by the tests that check the catalog
//! against it: a plain line scan, sharing no code with the build (no pulldown-cmark). Front
//! matter skipped, `##`..`######` headings tracked, every `|` line that is not a header or
//! delimiter row split on `|` with empty cells dropped (category, activity, description).
#![allow(dead_code)] // each test file uses part of it

/// The bundled pages, with their dates.
pub const PAGES: [(&str, &str); 2] = [
    ("2022-11-29", include_str!("../../data/pages/reference-audit-activities.md")),
    ("2024-10-04", include_str!("../../data/pages/reference-audit-activities.2024-10-04.md")),
];

/// One table row as the line scan sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedRow {
    pub line: u32,
    pub heading: String,
    pub category: String,
    pub activity: String,
}

/// Every table row of a page, in order.
pub fn scan(page: &str) -> Vec<ScannedRow> {
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
        if line.starts_with("##") {
            heading = line.trim_start_matches('#').trim().to_string();
            continue;
        }
        let t = line.trim();
        if !t.starts_with('|') || t.starts_with("|---") || t.starts_with("|Audit Category") {
            continue;
        }
        let cells: Vec<&str> = t.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        assert!((2..=3).contains(&cells.len()), "line {line_no}: {t:?}");
        let (category, activity) = (cells[0].to_string(), cells[1].to_string());
        rows.push(ScannedRow { line: line_no, heading: heading.clone(), category, activity });
    }
    rows
}

/// The scanned rows with exact repeats (same heading, category, activity) removed.
pub fn distinct(rows: &[ScannedRow]) -> Vec<ScannedRow> {
    let mut seen = std::collections::HashSet::new();
    rows.iter().filter(|r| seen.insert((r.heading.clone(), r.category.clone(), r.activity.clone()))).cloned().collect()
}
