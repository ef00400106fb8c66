//! Bench 3: lookup by activity alone (reverse), and search over activity names, each with the
//! baselines a program without the crate would use, in one run over the same inputs.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use aad_audit_catalog::{Service, entries, find_activity, search};
use common::{flat_phf, shuffle};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Every distinct activity name as written (first spelling in document order), shuffled.
fn distinct_activities() -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut names: Vec<String> =
        entries().iter().filter(|e| seen.insert(e.activity())).map(|e| e.activity().to_string()).collect();
    shuffle(&mut names);
    names
}

/// Reverse lookup of every distinct activity name: the crate's `find_activity` (forgiving,
/// every place the name is listed) against std maps from the name to every place.
fn reverse(c: &mut Criterion) {
    let names = distinct_activities();
    let upper: Vec<String> = names.iter().map(|n| n.to_uppercase()).collect();
    // Baseline: activity as written -> every entry with it.
    let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
    // Baseline: lower-cased activity -> every entry with it, queried by lower-casing the input
    // (a `String` per query), the usual way to be case-insensitive without the crate.
    let mut lower: HashMap<String, Vec<usize>> = HashMap::new();
    for e in entries() {
        exact.entry(e.activity().to_string()).or_default().push(e.index());
        lower.entry(e.activity().to_lowercase()).or_default().push(e.index());
    }
    let flat = flat_phf();
    for (n, u) in names.iter().zip(&upper) {
        assert_eq!(find_activity(n).count(), find_activity(u).count(), "{n}");
        assert!(find_activity(n).count() >= exact[n.as_str()].len(), "{n}");
    }

    let mut g = c.benchmark_group("reverse");
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function("crate find_activity, as written", |b| {
        b.iter(|| {
            for n in &names {
                for m in find_activity(black_box(n)) {
                    black_box(m);
                }
            }
        })
    });
    g.bench_function("crate find_activity, upper case", |b| {
        b.iter(|| {
            for n in &upper {
                for m in find_activity(black_box(n)) {
                    black_box(m);
                }
            }
        })
    });
    g.bench_function("baseline std HashMap, as written", |b| {
        b.iter(|| {
            for n in &names {
                for &i in exact.get(black_box(n.as_str())).map_or(&[][..], Vec::as_slice) {
                    black_box(&entries()[i]);
                }
            }
        })
    });
    g.bench_function("baseline std HashMap, to_lowercase per query, upper case", |b| {
        b.iter(|| {
            for n in &upper {
                let key = black_box(n.as_str()).to_lowercase();
                for &i in lower.get(&key).map_or(&[][..], Vec::as_slice) {
                    black_box(&entries()[i]);
                }
            }
        })
    });
    g.bench_function("baseline (b) flat phf, first place only, as written", |b| {
        b.iter(|| {
            for n in &names {
                black_box(flat.get(black_box(n.as_str())));
            }
        })
    });
    g.finish();
}

/// Substring patterns and globs, as a person or a rule would write them.
const SUBSTRINGS: &[&str] = &["user", "policy", "add member", "application", "conditional access", "password"];
const GLOBS: &[&str] = &["add *", "*policy", "update ?ser", "*role*", "delete * from *", "*group*owner*"];

/// Whether `name` matches `pattern` as a whole (`*` any run, `?` any one character): the
/// textbook recursive matcher, the baseline for the crate's iterative one.
fn naive_glob(pattern: &[char], name: &[char]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some(('*', rest)) => (0..=name.len()).any(|skip| naive_glob(rest, &name[skip..])),
        Some((&p, rest)) => name.split_first().is_some_and(|(&n, tail)| (p == '?' || p == n) && naive_glob(rest, tail)),
    }
}

/// Search over the whole catalog (and one service) against a scan of the activity names that
/// lower-cases each name per query.
fn glob_search(c: &mut Criterion) {
    let activities: Vec<String> = entries().iter().map(|e| e.activity().to_string()).collect();
    let count_naive_substring = |p: &str| {
        let p = p.to_lowercase();
        activities.iter().filter(|a| a.to_lowercase().contains(&p)).count()
    };
    let count_naive_glob = |p: &str| {
        let p: Vec<char> = p.to_lowercase().chars().collect();
        activities.iter().filter(|a| naive_glob(&p, &a.to_lowercase().chars().collect::<Vec<_>>())).count()
    };
    let substrings: Vec<String> = SUBSTRINGS.iter().map(|s| s.to_string()).collect();
    let globs: Vec<String> = GLOBS.iter().map(|s| s.to_string()).collect();
    for p in &substrings {
        assert_eq!(search(p).count(), count_naive_substring(p), "{p}");
        eprintln!("search {p:?}: {} hits", search(p).count());
    }
    for p in &globs {
        assert_eq!(search(p).count(), count_naive_glob(p), "{p}");
        eprintln!("search {p:?}: {} hits", search(p).count());
    }

    let mut g = c.benchmark_group("search");
    for (kind, patterns) in [("substring", &substrings), ("glob", &globs)] {
        g.throughput(Throughput::Elements(patterns.len() as u64));
        g.bench_function(format!("{kind}/crate search, whole catalog"), |b| {
            b.iter(|| {
                for p in patterns {
                    for e in search(black_box(p)) {
                        black_box(e);
                    }
                }
            })
        });
        g.bench_function(format!("{kind}/crate search, in_service(CoreDirectory)"), |b| {
            b.iter(|| {
                for p in patterns {
                    for e in search(black_box(p)).in_service(Service::CoreDirectory) {
                        black_box(e);
                    }
                }
            })
        });
        g.bench_function(format!("{kind}/baseline scan, to_lowercase per name"), |b| {
            b.iter(|| {
                for p in patterns {
                    black_box(if kind == "glob" { count_naive_glob(black_box(p)) } else { count_naive_substring(p) });
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = reverse, glob_search
}
criterion_main!(benches);
