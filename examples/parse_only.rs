//! The floor for any validator, end to end: reads a JSON Lines file and parses each line with
//! `serde_json::from_slice::<IgnoredAny>` (no field kept, nothing checked), then prints how many
//! lines parsed. `aad-audit validate` on the same file is measured against it:
//! `cargo run --release --features records --example parse_only -- big.jsonl`.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use serde::de::IgnoredAny;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_only FILE.jsonl");
        return ExitCode::from(2);
    };
    let mut reader = match File::open(&path) {
        Ok(file) => BufReader::with_capacity(256 << 10, file),
        Err(e) => {
            eprintln!("parse_only: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut line, mut parsed, mut broken) = (Vec::new(), 0u64, 0u64);
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => match serde_json::from_slice::<IgnoredAny>(&line) {
                Ok(_) => parsed += 1,
                Err(_) => broken += 1,
            },
            Err(e) => {
                eprintln!("parse_only: {path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{parsed} lines parsed, {broken} not");
    ExitCode::SUCCESS
}
