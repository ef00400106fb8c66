//! Bench 6: checking audit records. 100,000 Graph `directoryAudit` records generated from the
//! fixtures (varied activities; about 90% exact, 5% forgiven, 5% unknown), as JSON Lines and
//! as one JSON array, against two baselines in the same run:
//!
//! - parse only: `serde_json::from_str::<IgnoredAny>` per line (the floor for any validator);
//! - a user's hand-written validator: a 3-field borrowed struct per line and the crate's
//!   `lookup` (what thirty lines of user code do).
//!
//! Cases:
//!
//! - `Record::from_json` alone;
//! - with `check`, which explains every unknown record with `validate` ("did you mean" worked
//!   out anew each time);
//! - with a `Checker`, which explains each unknown (service, category, activity) once; it is
//!   kept from one iteration to the next, so its explanations are worked out in the first;
//! - `Report::read` of the JSON Lines, a new report (and `Checker`) each iteration: about 300
//!   distinct unknown triples explained per iteration;
//! - the same with the same `Options` (so the same `Checker`) in every iteration: what reading,
//!   framing and counting cost beside the explanations;
//! - `Report::read` of the same records as one JSON array; `Report::read_parallel` on 2 threads.
//!
//! Read the ratios (criterion prints times; the README divides them), not the absolute times.
//!
//! Instruction counts (repeatable where times are not): `RECORDS_BENCH_ONCE=<case>` runs one
//! case once over the same input instead of the criterion run, inside `measured`, so that
//! callgrind counts that call alone:
//!
//! ```sh
//! RECORDS_BENCH_ONCE=hand-written valgrind --tool=callgrind --toggle-collect='*measured*' \
//!     target/release/deps/records-<hash>
//! ```
//!
//! Cases: `parse-only`, `hand-written`, `from-json`, `from-json-check`, `from-json-checker`
//! (its `Checker` warmed up by a first run, as in the criterion case), `report-lines`,
//! `report-lines-options` (likewise), `report-array`. Divide the `Ir` total by 100,000 for
//! instructions per record.

mod common;

use std::time::Duration;

use aad_audit_catalog::records::{Checker, Record, Verdict, check};
use aad_audit_catalog::report::{InputFormat, Options, Report};
use aad_audit_catalog::{entries, lookup};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use serde::de::IgnoredAny;
use serde_json::Value;

/// How many records the input has.
const RECORDS: usize = 100_000;

/// The `loggedByService` value of an entry's service (its name).
fn logged_by(e: &aad_audit_catalog::Entry) -> String {
    e.service().as_str().to_string()
}

/// The input: one Graph record per line, built from the fixture's records as templates.
fn input() -> String {
    let templates: Vec<Value> = include_str!("../tests/fixtures/graph-all-known.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line"))
        .collect();
    let mut rng = common::Rng::new(common::SEED);
    let unknown = ["Add memeber to group", "Create access package assignment request", "Rotate tenant keys"];
    let mut out = String::new();
    for i in 0..RECORDS {
        let mut record = templates[i % templates.len()].clone();
        let e = &entries()[rng.below(entries().len())];
        let category = e.category().as_str().to_string();
        let activity = match rng.below(100) {
            // About 5% unknown (three names, as real exports repeat them), 5% forgiven.
            0..5 => unknown[rng.below(unknown.len())].to_string(),
            5..10 => format!("{}.", e.activity().to_uppercase()),
            _ => e.activity().to_string(),
        };
        record["id"] = Value::from(format!("Directory_{i:08}"));
        record["correlationId"] = Value::from(format!("0f1e2d3c-4b5a-4968-8778-{i:012}"));
        record["loggedByService"] = Value::from(logged_by(e));
        record["category"] = Value::from(category);
        record["activityDisplayName"] = Value::from(activity);
        out.push_str(&serde_json::to_string(&record).expect("serializes"));
        out.push('\n');
    }
    out
}

/// The same records as one JSON array, one record per line.
fn as_array(lines: &[&str]) -> String {
    let mut out = String::from("[\n");
    out.push_str(&lines.join(",\n"));
    out.push_str("\n]\n");
    out
}

/// What a user writes: the three fields, borrowed, and `lookup`.
#[derive(serde::Deserialize)]
struct ThreeFields<'a> {
    #[serde(rename = "loggedByService", borrow)]
    service: Option<&'a str>,
    #[serde(borrow)]
    category: Option<&'a str>,
    #[serde(rename = "activityDisplayName", borrow)]
    activity: Option<&'a str>,
}

fn hand_written(line: &str) -> bool {
    match serde_json::from_str::<ThreeFields<'_>>(line) {
        Ok(ThreeFields { service: Some(s), category: Some(c), activity: Some(a) }) => lookup(s, c, a).is_some(),
        _ => false,
    }
}

fn bench(c: &mut Criterion) {
    let input = input();
    let lines: Vec<&str> = input.lines().collect();
    let array = as_array(&lines);
    let mut group = c.benchmark_group("records");
    // Each iteration reads all 100,000 records (a quarter second or more): 10 samples of
    // about 5 seconds each, since the VM's timing noise is large at this size.
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(input.len() as u64));
    let n = lines.len();

    group.bench_function(BenchmarkId::new("baseline: parse only (IgnoredAny)", n), |b| {
        b.iter(|| lines.iter().filter(|l| serde_json::from_str::<IgnoredAny>(l).is_ok()).count())
    });
    group.bench_function(BenchmarkId::new("baseline: hand-written validator (3 fields + lookup)", n), |b| {
        b.iter(|| lines.iter().filter(|l| hand_written(l)).count())
    });
    group.bench_function(BenchmarkId::new("Record::from_json", n), |b| {
        b.iter(|| lines.iter().filter(|l| Record::from_json(l).is_ok()).count())
    });
    group.bench_function(BenchmarkId::new("Record::from_json + check", n), |b| {
        b.iter(|| {
            lines
                .iter()
                .filter_map(|l| Record::from_json(l).ok())
                .filter(|r| matches!(check(r), Verdict::Exact(_) | Verdict::Forgiven(_)))
                .count()
        })
    });
    // What a caller checking many records uses: each unknown name is explained once.
    let checker = Checker::new();
    group.bench_function(BenchmarkId::new("Record::from_json + Checker::check", n), |b| {
        b.iter(|| {
            lines
                .iter()
                .filter_map(|l| Record::from_json(l).ok())
                .filter(|r| matches!(checker.check(r), Verdict::Exact(_) | Verdict::Forgiven(_)))
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("Report::read, JSON Lines", n), |b| {
        b.iter(|| {
            let mut report = Report::new();
            report.read("bench", input.as_bytes(), InputFormat::JsonLines);
            report.totals().records
        })
    });
    // The report's reading, framing and counting without working out "did you mean" again:
    // the same `Options` (so the same `Checker`) in every iteration.
    let options = Options::default();
    group.bench_function(BenchmarkId::new("Report::read, JSON Lines, Options kept across iterations", n), |b| {
        b.iter(|| report_with(&options, &input))
    });
    group.bench_function(BenchmarkId::new("Report::read, JSON array", n), |b| {
        b.iter(|| {
            let mut report = Report::new();
            report.read("bench", array.as_bytes(), InputFormat::Json);
            report.totals().records
        })
    });
    group.bench_function(BenchmarkId::new("Report::read_parallel, JSON Lines, 2 threads", n), |b| {
        b.iter(|| {
            let mut report = Report::new();
            report.read_parallel("bench", input.as_bytes(), InputFormat::JsonLines, 2);
            report.totals().records
        })
    });
    group.finish();
}

/// A report of JSON Lines `input` with `options`, whose `Checker` (and what it remembers) every
/// report made with them shares: its record count.
fn report_with(options: &Options, input: &str) -> usize {
    let mut report = Report::with_options(options.clone());
    report.read("bench", input.as_bytes(), InputFormat::JsonLines);
    report.totals().records as usize
}

/// Runs `f` once: the function callgrind is told to count (`--toggle-collect='*measured*'`).
#[inline(never)]
fn measured(f: impl FnOnce() -> usize) -> usize {
    f()
}

/// One case, once, for an instruction count: see the module docs.
fn once(case: &str) {
    let input = input();
    let lines: Vec<&str> = input.lines().collect();
    let array = as_array(&lines);
    let checker = Checker::new();
    let count = match case {
        "parse-only" => measured(|| lines.iter().filter(|l| serde_json::from_str::<IgnoredAny>(l).is_ok()).count()),
        "hand-written" => measured(|| lines.iter().filter(|l| hand_written(l)).count()),
        "from-json" => measured(|| lines.iter().filter(|l| Record::from_json(l).is_ok()).count()),
        "from-json-check" => measured(|| {
            let records = lines.iter().filter_map(|l| Record::from_json(l).ok());
            records.filter(|r| matches!(check(r), Verdict::Exact(_) | Verdict::Forgiven(_))).count()
        }),
        "from-json-checker" => {
            let run = || {
                let records = lines.iter().filter_map(|l| Record::from_json(l).ok());
                records.filter(|r| matches!(checker.check(r), Verdict::Exact(_) | Verdict::Forgiven(_))).count()
            };
            run();
            measured(run)
        }
        "report-lines-options" => {
            let options = Options::default();
            report_with(&options, &input);
            measured(|| report_with(&options, &input))
        }
        "report-lines" | "report-array" => {
            let (text, format) =
                if case == "report-lines" { (&input, InputFormat::JsonLines) } else { (&array, InputFormat::Json) };
            measured(|| {
                let mut report = Report::new();
                report.read("bench", text.as_bytes(), format);
                report.totals().records as usize
            })
        }
        other => panic!("RECORDS_BENCH_ONCE: no case {other:?}"),
    };
    println!("{case}: {count} of {} records", lines.len());
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench
}

fn main() {
    match std::env::var("RECORDS_BENCH_ONCE") {
        Ok(case) => once(&case),
        Err(_) => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}
