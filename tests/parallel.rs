//! Checking a JSON Lines input in chunks on several threads gives exactly the report one
//! thread gives: the same text and the same JSON, byte for byte (feature `records`).
#![cfg(feature = "records")]

use aad_audit_catalog::entries;
use aad_audit_catalog::report::{InputFormat, Options, Report, Tally};
use serde_json::json;

fn record(service: &str, category: &str, activity: &str) -> String {
    json!({"loggedByService": service, "category": category, "activityDisplayName": activity, "id": "x"}).to_string()
}

/// Lines of every kind, many distinct unknown names and forgiven spellings (more than the
/// small limits below list), long lines, batches, blank lines, CRLF and no final newline.
fn input() -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |line: &[u8], crlf: bool| {
        out.extend_from_slice(line);
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    };
    for i in 0..1500usize {
        let e = &entries()[(i * 7) % entries().len()];
        let (s, c, a) = (e.service().as_str(), e.category().as_str(), e.activity());
        let line = match i % 13 {
            0 => record(s, c, &format!("Unknown activity {}", i % 97)),
            1 => record(s, c, &format!("{}.", a.to_uppercase())),
            2 => record(s, c, &a.to_lowercase()),
            3 => format!(r#"{{"loggedByService": "{s}", "category": "#),
            4 => format!(r#"{{"loggedByService": 7, "category": "{c}", "activityDisplayName": "{a}"}}"#),
            5 => String::new(),
            6 => format!(r#"{{"records": [{}, {}]}}"#, record(s, c, a), record(s, c, "Nope")),
            7 => record(s, c, &format!("{a} {}", "y".repeat(i % 5 * 300))),
            8 => record(s, "", a),
            _ => record(s, c, a),
        };
        push(line.as_bytes(), i % 3 == 0);
        if i % 101 == 0 {
            push(b"{\"activityDisplayName\": \"\xff\"}", false);
        }
    }
    out.extend_from_slice(record("Core Directory", "UserManagement", "Add user").as_bytes());
    out
}

fn options(chunk_bytes: usize) -> Options {
    let mut o = Options::default();
    o.max_record_bytes = 900;
    o.max_groups = 20;
    o.max_listed = 50;
    o.chunk_bytes = chunk_bytes;
    o
}

fn rendered(report: &Report) -> (String, String) {
    (report.to_string(), serde_json::to_string_pretty(report).unwrap())
}

#[test]
fn chunks_checked_on_threads_give_the_report_of_one_thread_byte_for_byte() {
    let input = input();
    let mut one = Report::with_options(options(1 << 20));
    one.read("big.jsonl", &input[..], InputFormat::Auto);
    let (text, json) = rendered(&one);
    let t = one.totals();
    // The input exercises what it should: lists past their limits, long lines, every verdict.
    assert!(one.unlisted_unknown() > 0 && one.forgiven().iter().any(|g| g.unlisted > 0), "{text}");
    assert!(t.malformed > one.malformed().len() as u64 && text.contains("a line longer than 900 bytes"));
    assert!(t.exact > 0 && t.forgiven > 0 && t.unknown > 0);
    for threads in [2, 3] {
        for chunk in [64, 700, 4096] {
            let mut many = Report::with_options(options(chunk));
            many.read_parallel("big.jsonl", &input[..], InputFormat::Auto, threads);
            let (t2, j2) = rendered(&many);
            assert!(t2 == text, "{threads} threads, chunks of {chunk}: text differs");
            assert!(j2 == json, "{threads} threads, chunks of {chunk}: JSON differs");
        }
    }
}

#[test]
fn tallies_of_chunks_merge_into_the_tally_of_the_whole() {
    let input = input();
    let options = options(1 << 20);
    let mut one = Report::with_options(options.clone());
    one.read("big.jsonl", &input[..], InputFormat::JsonLines);
    // Cut at line boundaries, anywhere.
    let mut cuts = vec![0];
    let mut at = 0;
    while let Some(next) = input[at..].iter().position(|&b| b == b'\n').map(|p| at + p + 1) {
        if next - cuts.last().unwrap() > 3000 {
            cuts.push(next);
        }
        at = next;
    }
    cuts.push(input.len());
    let mut whole: Option<Tally> = None;
    for pair in cuts.windows(2) {
        let chunk = Tally::read_json_lines("big.jsonl", &input[pair[0]..pair[1]], &options);
        match &mut whole {
            None => whole = Some(chunk),
            Some(w) => w.merge(chunk),
        }
    }
    let mut merged = Report::with_options(options);
    merged.add(whole.unwrap());
    assert!(cuts.len() > 10);
    assert_eq!(rendered(&merged), rendered(&one));
}

#[test]
fn documents_and_one_thread_are_read_on_this_thread() {
    let doc = format!("[{}, {}]", record("Core Directory", "UserManagement", "Add user"), record("a", "b", "c"));
    let mut one = Report::new();
    one.read("d.json", doc.as_bytes(), InputFormat::Auto);
    for threads in [0, 1, 2] {
        let mut other = Report::new();
        other.read_parallel("d.json", doc.as_bytes(), InputFormat::Auto, threads);
        assert_eq!(rendered(&other), rendered(&one));
    }
}

#[test]
fn an_over_long_first_line_gives_the_same_notes_on_threads() {
    // The first non-blank line decides the note on one thread; on several, the first line is
    // read before the chunks are cut, so both say the same.
    let mut input = format!("{}\n", "x".repeat(2000)).into_bytes();
    input.extend_from_slice(b"{\"loggedByService\": \"Core Directory\",\n");
    input.extend_from_slice(record("Core Directory", "UserManagement", "Add user").as_bytes());
    let mut one = Report::with_options(options(1 << 20));
    one.read("x.jsonl", &input[..], InputFormat::JsonLines);
    let mut many = Report::with_options(options(16));
    many.read_parallel("x.jsonl", &input[..], InputFormat::JsonLines, 2);
    assert_eq!(rendered(&many), rendered(&one));
    assert_eq!(one.inputs()[0].note, None);
}
