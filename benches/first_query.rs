//! Bench 5: the cost of the first query. The crate's tables are static, so its first query is
//! any query; without it a program reads a bundled page at run time, with the same reader the
//! build script uses, builds std maps, and then queries.
//!
//! Measured in one process, so the page file is in the OS cache and the crate's tables are in
//! the CPU caches after the first iteration: this is the work each side must do, not the cold
//! page-fault cost of a fresh process.

mod common;

use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;

use aad_audit_catalog::lookup_exact;
use common::every_entry;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../build/steps/mod.rs"]
#[allow(dead_code)] // Steps only the build script runs.
mod steps;

const PAGE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/pages/reference-audit-activities.2024-10-04.md");
const PAGE: &str = include_str!("../data/pages/reference-audit-activities.2024-10-04.md");

/// What a program without the crate builds: heading -> category cell -> activity -> row.
type Nested = HashMap<String, HashMap<String, HashMap<String, usize>>>;

fn build(text: &str) -> Nested {
    let page = steps::page::read(text).expect("the bundled page reads");
    let mut map = Nested::new();
    for (i, row) in page.rows.iter().enumerate() {
        map.entry(page.sections[row.section].heading.clone())
            .or_default()
            .entry(row.category.clone())
            .or_default()
            .entry(row.activity.clone())
            .or_insert(i);
    }
    map
}

fn first_query(c: &mut Criterion) {
    // One query, as a record carries it (owned strings): the page's own spellings, which both
    // sides know.
    let e = every_entry().into_iter().map(|q| &aad_audit_catalog::entries()[q.index]).find(|e| e.is_current()).unwrap();
    let row = e.listing(aad_audit_catalog::Page::latest()).unwrap();
    let query = (row.heading().to_string(), row.category_as_written().to_string(), e.activity().to_string());
    let get = |m: &Nested, (s, c, a): &(String, String, String)| m.get(s)?.get(c)?.get(a).copied();
    assert!(lookup_exact(&query.0, &query.1, &query.2).is_some());
    assert!(get(&build(PAGE), &query).is_some());
    assert_eq!(std::fs::read_to_string(Path::new(PAGE_PATH)).unwrap(), PAGE);

    let mut g = c.benchmark_group("first_query");
    g.bench_function("crate lookup_exact (static tables)", |b| {
        b.iter(|| black_box(lookup_exact(black_box(&query.0), black_box(&query.1), black_box(&query.2))))
    });
    // Milliseconds per iteration: fewer samples, so the group stays short.
    g.sample_size(20);
    g.bench_function("baseline read page file + reader + std maps + query", |b| {
        b.iter(|| {
            let text = std::fs::read_to_string(black_box(PAGE_PATH)).unwrap();
            let map = build(&text);
            black_box(get(&map, black_box(&query)))
        })
    });
    g.bench_function("baseline page in memory + reader + std maps + query", |b| {
        b.iter(|| {
            let map = build(black_box(PAGE));
            black_box(get(&map, black_box(&query)))
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = first_query
}
criterion_main!(benches);
