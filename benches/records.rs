//! Bench 6: checking audit records. At least 100,000 Graph `directoryAudit` records as JSON
//! Lines, generated from the fixtures with varied activities and a realistic share of
//! forgiven and unknown names: deserializing them alone vs deserializing and checking them,
//! in MB/s (records/s in the README, from the same times).

mod common;

use aad_audit_catalog::records::{Record, Verdict, check};
use aad_audit_catalog::report::{InputFormat, Report};
use aad_audit_catalog::{Service, entries};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;

/// How many records the input has.
const RECORDS: usize = 100_000;

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
        let service = e.service().logged_by_service();
        let (category, activity) = match rng.below(100) {
            // About 5% unknown (three names, as real exports repeat them), 5% forgiven.
            0..5 => (e.category().as_str().to_string(), unknown[rng.below(unknown.len())].to_string()),
            5..10 => (e.category().as_str().to_string(), format!("{}.", e.activity().to_uppercase())),
            _ => (e.listings()[0].category_as_written().to_string(), e.activity().to_string()),
        };
        record["id"] = Value::from(format!("Directory_{i:08}"));
        record["correlationId"] = Value::from(format!("0f1e2d3c-4b5a-4968-8778-{i:012}"));
        record["loggedByService"] = Value::from(service);
        record["category"] = Value::from(category);
        record["activityDisplayName"] = Value::from(activity);
        out.push_str(&serde_json::to_string(&record).expect("serializes"));
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let input = input();
    let lines: Vec<&str> = input.lines().collect();
    assert!(lines.len() >= 100_000);
    assert!(Service::ALL.len() > 1);
    let mut group = c.benchmark_group("records");
    // Each iteration reads all 100,000 records (a quarter second or more): 20 samples over
    // about 8 seconds, since the VM's timing noise is large at this size.
    group.sample_size(20).measurement_time(std::time::Duration::from_secs(8));
    group.throughput(Throughput::Bytes(input.len() as u64));

    group.bench_function(BenchmarkId::new("deserialize alone", lines.len()), |b| {
        b.iter(|| lines.iter().filter(|l| Record::from_json(l).is_ok()).count())
    });
    group.bench_function(BenchmarkId::new("deserialize + check", lines.len()), |b| {
        b.iter(|| {
            lines
                .iter()
                .filter_map(|l| Record::from_json(l).ok())
                .filter(|r| matches!(check(r), Verdict::Exact(_) | Verdict::Forgiven(_)))
                .count()
        })
    });
    // The check's own share, without the parsing: the same records, deserialized beforehand.
    let records: Vec<Record<'_>> = lines.iter().filter_map(|l| Record::from_json(l).ok()).collect();
    group.bench_function(BenchmarkId::new("check alone (records deserialized beforehand)", lines.len()), |b| {
        b.iter(|| records.iter().filter(|r| matches!(check(r), Verdict::Exact(_) | Verdict::Forgiven(_))).count())
    });
    group.bench_function(BenchmarkId::new("report (stream, check, group)", lines.len()), |b| {
        b.iter(|| {
            let mut report = Report::new();
            report.read("bench", input.as_bytes(), InputFormat::JsonLines);
            report.totals().records
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench
}
criterion_main!(benches);
