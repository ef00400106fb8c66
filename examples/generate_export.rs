//! Writes a large generated audit export (Graph `directoryAudit` records as JSON Lines) to
//! standard output, for measuring `aad-audit validate` end to end:
//! `cargo run --release --example generate_export -- 1600000 > big.jsonl` (about 1 GB).
//!
//! The records are the fixture's records (`tests/fixtures/graph-all-known.jsonl`) with the
//! activity varied over the catalog, as the records bench makes them: about 90% exact, 5%
//! forgiven (upper case and a trailing period), 5% unknown (three names, as real exports repeat
//! them). The same count gives the same bytes every time.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use aad_audit_catalog::entries;
use serde_json::Value;

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn main() -> ExitCode {
    let Some(Ok(count)) = std::env::args().nth(1).map(|n| n.parse::<u64>()) else {
        eprintln!("usage: generate_export RECORDS > export.jsonl");
        return ExitCode::from(2);
    };
    let templates: Vec<Value> = include_str!("../tests/fixtures/graph-all-known.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line"))
        .collect();
    let unknown = ["Add memeber to group", "Create access package assignment request", "Rotate tenant keys"];
    let mut rng = Rng(0x00AA_D0A0_D17C_A7A1);
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    for i in 0..count {
        let mut record = templates[i as usize % templates.len()].clone();
        let e = &entries()[rng.below(entries().len())];
        let activity = match rng.below(100) {
            0..5 => unknown[rng.below(unknown.len())].to_string(),
            5..10 => format!("{}.", e.activity().to_uppercase()),
            _ => e.activity().to_string(),
        };
        record["id"] = Value::from(format!("Directory_{i:010}"));
        record["correlationId"] = Value::from(format!("0f1e2d3c-4b5a-4968-8778-{i:012}"));
        record["loggedByService"] = Value::from(e.service().as_str());
        record["category"] = Value::from(e.category().as_str());
        record["activityDisplayName"] = Value::from(activity);
        let written =
            serde_json::to_writer(&mut out, &record).map_err(io::Error::from).and_then(|()| out.write_all(b"\n"));
        if let Err(e) = written {
            eprintln!("generate_export: {e}");
            return ExitCode::from(2);
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate_export: {e}");
            ExitCode::from(2)
        }
    }
}
