//! Benches 1 and 2: exact triple lookup against its baselines, and forgiving lookup of spelling
//! variants against exact lookup of the same entries and against a user's own normalizing map,
//! all in one run over the same inputs.
//!
//! Every group's throughput is its number of queries, so criterion's `elem/s` is queries per
//! second and the time per query is the iteration time divided by that number.

mod common;

use std::hint::black_box;

use aad_audit_catalog::{entries, lookup, lookup_exact};
use common::{
    Triple, every_entry, flat_key, flat_map, flat_phf, naive_key, naive_map, nested_get, nested_map, shuffle,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Bench 1: every entry, exactly as written; the crate, then baselines (a), (b) and (c).
fn exact_triple(c: &mut Criterion) {
    let queries = every_entry();
    let nested = nested_map(&queries);
    let flat = flat_phf();
    let joined = flat_map(&queries);
    // Every query hits in all of them before anything is timed.
    for q in &queries {
        assert!(lookup_exact(&q.service, &q.category, &q.activity).is_some(), "{q:?}");
        assert!(nested_get(&nested, &q.service, &q.category, &q.activity).is_some(), "{q:?}");
        assert!(flat.get(q.activity.as_str()).is_some(), "{q:?}");
        assert!(joined.contains_key(&flat_key(&q.service, &q.category, &q.activity)), "{q:?}");
    }

    let mut g = c.benchmark_group("exact_triple");
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("crate lookup_exact", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(lookup_exact(black_box(&q.service), black_box(&q.category), black_box(&q.activity)));
            }
        })
    });
    g.bench_function("baseline (a) nested std HashMap", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(nested_get(&nested, black_box(&q.service), black_box(&q.category), black_box(&q.activity)));
            }
        })
    });
    g.bench_function("baseline (b) flat phf by activity", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(flat.get(black_box(q.activity.as_str())));
            }
        })
    });
    g.bench_function("baseline (c) flat std HashMap, key built per query", |b| {
        b.iter(|| {
            for q in &queries {
                let key = flat_key(black_box(&q.service), black_box(&q.category), black_box(&q.activity));
                black_box(joined.get(&key));
            }
        })
    });
    g.finish();
}

/// A spelling variant real records carry.
#[derive(Clone, Copy)]
enum Variant {
    /// All three parts upper case (`CORE DIRECTORY`, `USERMANAGEMENT`, `ADD USER`).
    Upper,
    /// All three parts padded with spaces and a tab (`  Add user\t`).
    Padded,
    /// Every hyphen in the activity an en dash (entries whose activity has a hyphen).
    EnDash,
    /// The activity with a trailing period (`Add user.`).
    TrailingPeriod,
    /// All of it at once: all three parts upper case and padded, the activity with a
    /// trailing period (`  ADD USER.\t`).
    Mixed,
}

impl Variant {
    const ALL: [Variant; 5] =
        [Variant::Upper, Variant::Padded, Variant::EnDash, Variant::TrailingPeriod, Variant::Mixed];

    fn name(self) -> &'static str {
        match self {
            Variant::Upper => "upper case",
            Variant::Padded => "padded",
            Variant::EnDash => "en dash",
            Variant::TrailingPeriod => "trailing period",
            Variant::Mixed => "mixed",
        }
    }

    /// The variant of `t`, or `None` where it does not apply.
    fn apply(self, t: &Triple) -> Option<Triple> {
        let pad = |s: &str| format!("  {s}\t");
        let (service, category, activity) = match self {
            Variant::Upper => (t.service.to_uppercase(), t.category.to_uppercase(), t.activity.to_uppercase()),
            Variant::Padded => (pad(&t.service), pad(&t.category), pad(&t.activity)),
            Variant::EnDash if t.activity.contains('-') => {
                (t.service.clone(), t.category.clone(), t.activity.replace('-', "\u{2013}"))
            }
            Variant::EnDash => return None,
            Variant::TrailingPeriod => (t.service.clone(), t.category.clone(), format!("{}.", t.activity)),
            Variant::Mixed => (
                pad(&t.service.to_uppercase()),
                pad(&t.category.to_uppercase()),
                pad(&format!("{}.", t.activity.to_uppercase())),
            ),
        };
        Some(Triple { service, category, activity, index: t.index })
    }
}

/// Bench 2: per variant, `lookup` of the variants and `lookup_exact` of the same entries as
/// written; and `lookup` of the exact spellings over every entry (its fast path).
fn forgiving(c: &mut Criterion) {
    let exact = every_entry();
    let mut g = c.benchmark_group("forgiving");
    g.throughput(Throughput::Elements(exact.len() as u64));
    for q in &exact {
        assert!(lookup(&q.service, &q.category, &q.activity).is_some_and(|m| m.is_exact()), "{q:?}");
    }
    g.bench_function("every entry/lookup_exact", |b| {
        b.iter(|| {
            for q in &exact {
                black_box(lookup_exact(black_box(&q.service), black_box(&q.category), black_box(&q.activity)));
            }
        })
    });
    g.bench_function("every entry/lookup, exact spellings", |b| {
        b.iter(|| {
            for q in &exact {
                black_box(lookup(black_box(&q.service), black_box(&q.category), black_box(&q.activity)));
            }
        })
    });

    for variant in Variant::ALL {
        // The same entries in both: those the variant applies to, in one shuffled order.
        let mut pairs: Vec<(Triple, Triple)> =
            entries().iter().map(Triple::of).filter_map(|t| Some((variant.apply(&t)?, t))).collect();
        shuffle(&mut pairs);
        let (variants, originals): (Vec<Triple>, Vec<Triple>) = pairs.into_iter().unzip();
        let naive = naive_map(&originals);
        let mut other_entry = 0;
        for (v, o) in variants.iter().zip(&originals) {
            let m = lookup(&v.service, &v.category, &v.activity).unwrap_or_else(|| panic!("{v:?}"));
            assert!(!m.is_exact(), "{v:?}");
            assert!(lookup_exact(&o.service, &o.category, &o.activity).is_some(), "{o:?}");
            // Where two spellings fold together (`Create Company`, `Create company`) a variant
            // finds the one lookup prefers.
            other_entry += usize::from(m.entry().index() != v.index);
        }
        // The user's map forgives what it normalizes: not dashes.
        let naive_hits =
            variants.iter().filter(|v| naive.contains_key(&naive_key(&v.service, &v.category, &v.activity))).count();
        eprintln!(
            "forgiving/{}: {} entries ({} of them resolve to another spelling of the same name; the naive map finds {})",
            variant.name(),
            variants.len(),
            other_entry,
            naive_hits
        );

        g.throughput(Throughput::Elements(variants.len() as u64));
        g.bench_function(format!("{}/lookup_exact, as written", variant.name()), |b| {
            b.iter(|| {
                for q in &originals {
                    black_box(lookup_exact(black_box(&q.service), black_box(&q.category), black_box(&q.activity)));
                }
            })
        });
        g.bench_function(format!("{}/lookup, variant", variant.name()), |b| {
            b.iter(|| {
                for q in &variants {
                    black_box(lookup(black_box(&q.service), black_box(&q.category), black_box(&q.activity)));
                }
            })
        });
        g.bench_function(format!("{}/baseline normalize + std HashMap, variant", variant.name()), |b| {
            b.iter(|| {
                for q in &variants {
                    black_box(naive.get(&naive_key(
                        black_box(&q.service),
                        black_box(&q.category),
                        black_box(&q.activity),
                    )));
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = exact_triple, forgiving
}
criterion_main!(benches);
