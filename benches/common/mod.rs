//! Shared by the bench files (`mod common;` in each): the criterion settings, a fixed-seed
//! shuffle, the query inputs built from the catalog, and the baselines built from the same data.
//!
//! Each bench file is its own binary and uses only part of this module.
#![allow(dead_code)]

use std::collections::HashMap;
use std::time::Duration;

use aad_audit_catalog::{Entry, entries};
use criterion::Criterion;

/// Short warm-up and measurement, so the whole suite (about 40 benchmarks) stays around three
/// minutes on 2 cores; every input set is hundreds of queries per iteration, so three seconds
/// is plenty of samples.
pub fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(50)
}

/// SplitMix64: a tiny fixed-seed generator, enough to shuffle inputs the same way every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (the tiny modulo bias does not matter for shuffling inputs).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The seed of every shuffle in the benches.
pub const SEED: u64 = 0x00AA_D0A0_D17C_A7A1;

/// Fisher-Yates with [`Rng`] seeded with [`SEED`].
pub fn shuffle<T>(items: &mut [T]) {
    let mut rng = Rng::new(SEED);
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// One query: owned strings, so no lookup can ride on the catalog's own pointers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Triple {
    pub service: String,
    pub category: String,
    pub activity: String,
    /// The entry the query was built from.
    pub index: usize,
}

impl Triple {
    /// The triple a record of `e` carries: its service's name (the `loggedByService` value
    /// where one is known), its category cell as first written, its activity as written.
    pub fn of(e: &Entry) -> Triple {
        Triple {
            service: e.service().as_str().to_string(),
            category: e.listings()[0].category_as_written().to_string(),
            activity: e.activity().to_string(),
            index: e.index(),
        }
    }
}

/// Every entry as a [`Triple`], shuffled.
pub fn every_entry() -> Vec<Triple> {
    let mut triples: Vec<Triple> = entries().iter().map(Triple::of).collect();
    shuffle(&mut triples);
    triples
}

/// Baseline (a): what one would build at run time without the crate.
pub type Nested = HashMap<String, HashMap<String, HashMap<String, usize>>>;

/// Baseline (a) built from the same triples that are queried; each key maps to the first entry
/// in catalog order.
pub fn nested_map(triples: &[Triple]) -> Nested {
    let mut sorted: Vec<&Triple> = triples.iter().collect();
    sorted.sort_by_key(|t| t.index);
    let mut map = Nested::new();
    for t in sorted {
        map.entry(t.service.clone())
            .or_default()
            .entry(t.category.clone())
            .or_default()
            .entry(t.activity.clone())
            .or_insert(t.index);
    }
    map
}

pub fn nested_get(map: &Nested, service: &str, category: &str, activity: &str) -> Option<usize> {
    map.get(service)?.get(category)?.get(activity).copied()
}

/// Baseline (c): one flat std `HashMap` keyed by the three parts joined, which the caller must
/// build from a record's fields for every query.
pub type Flat = HashMap<String, usize>;

/// The key of baseline (c).
pub fn flat_key(service: &str, category: &str, activity: &str) -> String {
    let mut key = String::with_capacity(service.len() + category.len() + activity.len() + 2);
    key.push_str(service);
    key.push('\u{1f}');
    key.push_str(category);
    key.push('\u{1f}');
    key.push_str(activity);
    key
}

/// Baseline (c) built from the same triples that are queried.
pub fn flat_map(triples: &[Triple]) -> Flat {
    triples.iter().map(|t| (flat_key(&t.service, &t.category, &t.activity), t.index)).collect()
}

/// The usual normalization without the crate: trimmed, whitespace runs collapsed, lower case.
pub fn naive_normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A user's forgiving baseline: a std `HashMap` of pre-normalized keys (three parts joined),
/// queried by normalizing each part the same way.
pub fn naive_map(triples: &[Triple]) -> Flat {
    triples.iter().map(|t| (naive_key(&t.service, &t.category, &t.activity), t.index)).collect()
}

/// The key of [`naive_map`].
pub fn naive_key(service: &str, category: &str, activity: &str) -> String {
    let category: String = naive_normalize(category).split(' ').collect();
    let activity = naive_normalize(activity);
    flat_key(&naive_normalize(service), &category, activity.trim_end_matches('.'))
}

/// Baseline (b): one flat `phf::Map<&str, usize>` keyed by the activity alone (the first entry
/// with each activity name): one SipHash and one string compare per query.
///
/// A static map would need its own generated source (`phf_map!` takes literals only, and the
/// crate's build script is not the place for bench tables). The map here is the same
/// `phf::Map`, with the same hash state that `phf_codegen` would write out (it calls
/// `phf_generator::generate_hash` too), built at start-up with its slices leaked to
/// `&'static`: `Map::get` runs exactly the code a static map runs, over the same data; only
/// the address of the tables differs (heap instead of read-only data). Its fields are public
/// (doc-hidden) for generated code, which is what this is; it pins phf 0.14's non-`ptrhash`
/// layout, the one the crate uses.
pub fn flat_phf() -> phf::Map<&'static str, usize> {
    let mut keys: Vec<&'static str> = Vec::new();
    let mut values: Vec<usize> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in entries() {
        if seen.insert(e.activity()) {
            keys.push(e.activity());
            values.push(e.index());
        }
    }
    let state = phf_generator::generate_hash(&keys);
    let table: Vec<(&'static str, usize)> = state.map.iter().map(|&i| (keys[i], values[i])).collect();
    phf::Map { key: state.key, disps: Vec::leak(state.disps), entries: Vec::leak(table) }
}
