//! What changed between the bundled pages, against an independent computation: the line scan
//! of each page (`tests/common`), `data/services.csv` read by hand, and the classes worked out
//! with plain sets.
#![cfg(feature = "std")]

use std::collections::{BTreeMap, BTreeSet};

use aad_audit_catalog::{Page, diff};

mod common;

const SERVICES: &str = include_str!("../data/services.csv");

/// (service variant, category with spaces removed and lower-cased, activity as written).
type Key = (String, String, String);

/// Every row of a page as a key.
fn keys(page: &str, variant_of: &BTreeMap<String, String>) -> BTreeSet<Key> {
    let key = |r: common::ScannedRow| {
        let category: String = r.category.chars().filter(|c| !c.is_whitespace()).collect();
        (variant_of[&r.heading].clone(), category.to_lowercase(), r.activity)
    };
    common::scan(page).into_iter().map(key).collect()
}

/// How an activity folds: lower case, whitespace runs as one space, dashes as hyphens, no
/// trailing periods.
fn fold(activity: &str) -> String {
    let words: Vec<String> = activity.split_whitespace().map(|w| w.to_lowercase()).collect();
    let joined = words
        .join(" ")
        .replace(['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}'], "-");
    joined.trim_end_matches('.').to_string()
}

#[test]
fn the_diff_of_the_bundled_pages_is_the_independent_one() {
    let variant_of: BTreeMap<String, String> = SERVICES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("variant,"))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[1].to_string(), cells[0].to_string())
        })
        .collect();
    let (old, new) = (keys(common::PAGES[0].1, &variant_of), keys(common::PAGES[1].1, &variant_of));
    let unchanged: BTreeSet<&Key> = old.intersection(&new).collect();
    let mut removed: Vec<&Key> = old.difference(&new).collect();
    let mut added: Vec<&Key> = new.difference(&old).collect();
    // Respelled: same service and category, activities that fold alike; then moved: the same
    // activity text elsewhere. Each pairs one removed key with one added key.
    let mut pair = |same: &dyn Fn(&Key, &Key) -> bool| {
        let mut pairs = Vec::new();
        removed.retain(|r| match added.iter().position(|a| same(r, a)) {
            Some(at) => {
                pairs.push(((*r).clone(), added.remove(at).clone()));
                false
            }
            None => true,
        });
        pairs
    };
    let respelled = pair(&|r, a| (&r.0, &r.1) == (&a.0, &a.1) && fold(&r.2) == fold(&a.2));
    let moved = pair(&|r, a| r.2 == a.2);

    let d = diff(Page::oldest(), Page::latest());
    let key = |e: &aad_audit_catalog::Entry| -> Key {
        let category = e.category().as_str().chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        (format!("{:?}", e.service()), category, e.activity().to_string())
    };
    let set = |entries: &[&'static aad_audit_catalog::Entry]| entries.iter().map(|e| key(e)).collect::<BTreeSet<Key>>();
    let pairs = |changes: &[aad_audit_catalog::Change]| {
        changes.iter().map(|c| (key(c.from), key(c.to))).collect::<BTreeSet<(Key, Key)>>()
    };
    assert_eq!(set(d.unchanged()), unchanged.into_iter().cloned().collect());
    assert_eq!(set(d.removed()), removed.into_iter().cloned().collect());
    assert_eq!(set(d.added()), added.into_iter().cloned().collect());
    assert_eq!(pairs(d.respelled()), respelled.into_iter().collect());
    assert_eq!(pairs(d.moved()), moved.into_iter().collect());
    // Every entry of either page in exactly one class.
    let [u, a, r, s, m] = d.counts();
    assert_eq!((u + r + s + m, u + a + s + m), (old.len(), new.len()));
}

#[test]
fn the_diff_runs_both_ways_and_a_page_against_itself_is_unchanged() {
    let forward = diff(Page::oldest(), Page::latest());
    let back = diff(Page::latest(), Page::oldest());
    let [u, a, r, s, m] = forward.counts();
    assert_eq!(back.counts(), [u, r, a, s, m]);
    let same = diff(Page::latest(), Page::latest());
    assert_eq!(same.counts(), [1196, 0, 0, 0, 0]);
}
