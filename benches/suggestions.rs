//! Bench 4: a miss that computes suggestions: `validate` of an activity that is unknown
//! everywhere, over realistic misspellings of catalog names, against a plain "did you mean"
//! (edit distance to every distinct name, lower-cased, sorted) in the same run.

mod common;

use std::hint::black_box;

use aad_audit_catalog::{Suggestion, ValidationErrorKind, entries, validate};
use common::{Rng, SEED, Triple, shuffle};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// How many misspelled queries.
const QUERIES: usize = 200;

/// One typo, of the kinds people make: a letter dropped, two swapped, one doubled, or one
/// replaced by its neighbour on the keyboard.
fn misspell(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    // Somewhere inside a word, not at the very start.
    let at = 1 + rng.below(chars.len().saturating_sub(2).max(1));
    let at = at.min(chars.len() - 1);
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 if at + 1 < chars.len() => chars.swap(at, at + 1),
        2 => chars.insert(at, chars[at]),
        _ => {
            const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
            let c = chars[at].to_ascii_lowercase();
            let next = ROWS.iter().find_map(|row| {
                let i = row.find(c)?;
                row.chars().nth(if i + 1 < row.len() { i + 1 } else { i - 1 })
            });
            chars[at] = next.unwrap_or('x');
        }
    }
    chars.into_iter().collect()
}

/// Misspelled triples: the service and category as written, the activity misspelled so that no
/// entry anywhere has it (even forgiving spelling), from entries picked in shuffled order.
fn misspellings() -> Vec<Triple> {
    let mut picks: Vec<Triple> = entries().iter().map(Triple::of).filter(|t| t.activity.chars().count() >= 4).collect();
    shuffle(&mut picks);
    let mut rng = Rng::new(SEED ^ 0x5EED);
    let mut out = Vec::new();
    for mut t in picks {
        let typo = misspell(&t.activity, &mut rng);
        let kind = validate(Some(&t.service), Some(&t.category), Some(&typo)).map_err(|e| e.kind());
        if kind == Err(ValidationErrorKind::UnknownActivity) {
            t.activity = typo;
            out.push(t);
        }
        if out.len() == QUERIES {
            break;
        }
    }
    out
}

/// The baseline: edit distance from the lower-cased input to every distinct lower-cased name,
/// the closest five (ties in catalog order).
fn naive_suggestions(names: &[String], given: &str) -> Vec<usize> {
    let given = given.trim().to_lowercase();
    let mut scored: Vec<(usize, usize)> =
        names.iter().enumerate().map(|(i, n)| (strsim::levenshtein(&given, n), i)).collect();
    scored.sort_unstable();
    scored.truncate(5);
    scored.into_iter().map(|(_, i)| i).collect()
}

fn suggestions(c: &mut Criterion) {
    let queries = misspellings();
    assert_eq!(queries.len(), QUERIES);
    let mut seen = std::collections::HashSet::new();
    let names: Vec<String> = entries()
        .iter()
        .filter(|e| seen.insert(e.activity().to_lowercase()))
        .map(|e| e.activity().to_lowercase())
        .collect();

    // How useful the suggestions are: is the name that was misspelled among them, and first?
    let (mut first, mut among) = (0, 0);
    for q in &queries {
        let err = validate(Some(&q.service), Some(&q.category), Some(&q.activity)).unwrap_err();
        let meant = entries()[q.index].activity();
        let hits: Vec<&str> = err
            .suggestions()
            .filter_map(|s| match s {
                Suggestion::Entry(e) => Some(e.activity()),
                _ => None,
            })
            .collect();
        first += usize::from(hits.first().is_some_and(|h| h.eq_ignore_ascii_case(meant)));
        among += usize::from(hits.iter().any(|h| h.eq_ignore_ascii_case(meant)));
    }
    eprintln!(
        "suggestions: {} misspellings over {} distinct names; the meant name is suggested first for {first} and among the suggestions for {among}",
        queries.len(),
        names.len()
    );

    let mut g = c.benchmark_group("suggestions");
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("crate validate, unknown activity", |b| {
        b.iter(|| {
            for q in &queries {
                let _ = black_box(validate(
                    Some(black_box(&q.service)),
                    Some(black_box(&q.category)),
                    Some(black_box(&q.activity)),
                ));
            }
        })
    });
    // The baseline takes about a second per 1,000 queries: ten flat samples keep it short.
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    g.bench_function("baseline levenshtein to every name", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(naive_suggestions(&names, black_box(&q.activity)));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = suggestions
}
criterion_main!(benches);
