//! Streaming validation reports (feature `records`).
#![cfg(feature = "records")]

use std::io::{self, Read};

use aad_audit_catalog::records::{Record, RecordErrorKind, Verdict};
use aad_audit_catalog::report::{InputFormat, InputNote, Layout, MAX_RECORD_BYTES, Options, Report, StopKind};
use aad_audit_catalog::{Normalization, validate};
use serde_json::json;

const GRAPH_SAMPLE: &str = "data/samples/graph-directory-audits.json";
const LA_SAMPLE: &str = "data/samples/log-analytics-auditlogs.jsonl";
const DIAGNOSTIC_SAMPLE: &str = "data/samples/diagnostic-settings-auditlogs.json";

fn read(name: &str, text: &[u8], format: InputFormat) -> Report {
    let mut report = Report::new();
    report.read(name, text, format);
    report
}

fn record(service: &str, category: &str, activity: &str) -> String {
    json!({"loggedByService": service, "category": category, "activityDisplayName": activity, "result": "success"})
        .to_string()
}

#[test]
fn every_sample_record_lands_somewhere() {
    for path in [GRAPH_SAMPLE, LA_SAMPLE, DIAGNOSTIC_SAMPLE] {
        let mut report = Report::new();
        report.read_path(path, InputFormat::Auto);
        let t = report.totals();
        assert!(t.records > 0, "{path}");
        assert_eq!(t.records, t.exact + t.forgiven + t.unknown + t.malformed, "{path}");
        assert_eq!(report.inputs()[0].stopped, None, "{path}");
        // The samples are meant to show every kind of record.
        assert!(t.exact > 0 && t.forgiven > 0 && t.unknown > 0 && t.malformed > 0, "{path}: {t:?}");
        let unknown: u64 = report.unknown().iter().map(|g| g.count).sum();
        let forgiven: u64 = report.forgiven().iter().map(|g| g.count).sum();
        let exact: u64 = report.exact().map(|(_, n)| n).sum();
        assert_eq!((exact, forgiven, unknown), (t.exact, t.forgiven, t.unknown), "{path}");
        assert_eq!(report.malformed().len() as u64, t.malformed, "{path}");
    }
}

#[test]
fn json_lines_report_agrees_with_reading_line_by_line() {
    let text = std::fs::read_to_string(LA_SAMPLE).unwrap();
    let mut expected = (0, 0, 0, Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match Record::from_json(line).map(|r| r.check()) {
            Ok(Verdict::Exact(_)) => expected.0 += 1,
            Ok(Verdict::Forgiven(_)) => expected.1 += 1,
            Ok(Verdict::Unknown(_)) => expected.2 += 1,
            _ => expected.3.push(i as u64 + 1),
        }
    }
    let mut report = Report::new();
    report.read_path(LA_SAMPLE, InputFormat::Auto);
    let t = report.totals();
    assert_eq!((t.exact, t.forgiven, t.unknown), (expected.0, expected.1, expected.2));
    let lines: Vec<u64> = report.malformed().iter().map(|m| m.location.line.unwrap()).collect();
    assert_eq!(lines, expected.3);
    assert_eq!(report.inputs()[0].layout, Layout::JsonLines);
    assert_eq!(report.inputs()[0].blank_lines, text.lines().filter(|l| l.trim().is_empty()).count() as u64);
}

#[test]
fn document_records_are_located_at_their_first_line() {
    let text = std::fs::read_to_string(GRAPH_SAMPLE).unwrap();
    // The sample is pretty-printed: each element of `value` opens on a line of its own.
    let starts: Vec<u64> = text.lines().enumerate().filter(|(_, l)| *l == "    {").map(|(i, _)| i as u64 + 1).collect();
    let mut report = Report::new();
    report.read_path(GRAPH_SAMPLE, InputFormat::Auto);
    assert_eq!(starts.len() as u64, report.totals().records);
    let mut located = Vec::new();
    located.extend(report.malformed().iter().map(|m| m.location.clone()));
    located.extend(report.unknown().iter().map(|g| g.first.clone()));
    located.extend(report.forgiven().iter().flat_map(|g| g.spellings.iter().map(|s| s.first.clone())));
    assert!(located.len() >= 6);
    for l in located {
        assert_eq!(l.line, Some(starts[l.record as usize - 1]), "{l}");
    }
    assert_eq!(report.inputs()[0].wrapper_keys, ["@odata.context", "@odata.nextLink"]);
}

#[test]
fn a_broken_line_in_the_middle_is_reported_and_the_run_goes_on() {
    let report = {
        let mut r = Report::new();
        r.read_path("tests/fixtures/graph-malformed-middle.jsonl", InputFormat::Auto);
        r
    };
    let t = report.totals();
    assert_eq!((t.records, t.exact, t.unknown, t.malformed), (5, 3, 1, 1));
    let m = &report.malformed()[0];
    assert_eq!((m.location.line, m.location.record, m.kind), (Some(3), 3, RecordErrorKind::Syntax));
    assert!(m.message.starts_with("EOF while parsing a string at line 3 column "), "{}", m.message);
    assert_eq!(report.unknown()[0].first.line, Some(5));
    assert_eq!(report.inputs()[0].stopped, None);

    // Read as one JSON document instead, the same file stops at the broken line.
    let mut r = Report::new();
    r.read_path("tests/fixtures/graph-malformed-middle.jsonl", InputFormat::Json);
    let stop = r.inputs()[0].stopped.clone().unwrap();
    assert_eq!((stop.kind, stop.line), (StopKind::Syntax, Some(4)), "{stop:?}");
    assert_eq!(r.totals().records, 2);
}

#[test]
fn a_nested_value_of_the_wrong_kind_is_malformed_and_wrong_contents_are_not() {
    // The kind of `targetResources` (an array, or a string holding one) is checked as each
    // record is read; what the array holds is not, as the report never reads it.
    let line = |value: &str| {
        format!(
            r#"{{"loggedByService":"Core Directory","category":"UserManagement","activityDisplayName":"Add user","targetResources":{value}}}"#
        )
    };
    let text = [line("5"), line("[5]"), line(r#""(deleted)""#), line(r#""[5]""#), line("null")].join("\n");
    let report = read("nested.jsonl", text.as_bytes(), InputFormat::JsonLines);
    let t = report.totals();
    assert_eq!((t.records, t.exact, t.malformed), (5, 3, 2), "{t:?}");
    let lines: Vec<Option<u64>> = report.malformed().iter().map(|m| m.location.line).collect();
    assert_eq!(lines, [Some(1), Some(3)]);
    assert!(report.malformed().iter().all(|m| m.kind == RecordErrorKind::Invalid));
    assert!(report.malformed()[1].message.starts_with("a string that should hold JSON but does not"));
}

#[test]
fn event_hub_batches_are_read_record_by_record() {
    let mut report = Report::new();
    report.read_path("tests/fixtures/eventhub-batches.jsonl", InputFormat::Auto);
    let t = report.totals();
    assert_eq!((t.records, t.diagnostic_settings, t.exact, t.forgiven, t.unknown), (5, 5, 3, 1, 1));
    let unknown = &report.unknown()[0];
    assert_eq!((unknown.first.line, unknown.first.record), (Some(2), 3));
    assert_eq!(unknown.activity, "Add usr");
}

#[test]
fn broken_syntax_stops_the_input_and_says_where() {
    let text = std::fs::read_to_string("tests/fixtures/broken-array.json").unwrap();
    // The comma is missing after this line; the parser notices on the next one.
    let before = text.lines().position(|l| l.trim() == r#""result": "success""#).unwrap() as u64 + 1;
    let mut report = Report::new();
    report.read_path("tests/fixtures/broken-array.json", InputFormat::Auto);
    let input = &report.inputs()[0];
    let stop = input.stopped.as_ref().unwrap();
    assert_eq!((stop.kind, stop.line, stop.column), (StopKind::Syntax, Some(before + 1), Some(5)));
    assert!(stop.message.starts_with("JSON syntax error: expected `,` or `}`; the rest of this input was not read"));
    assert_eq!(input.records, 2);
    assert!(!report.is_clean());
    assert!(!report.has_io_errors());
    assert!(report.to_string().contains(&format!("STOPPED: tests/fixtures/broken-array.json:{}:5: ", before + 1)));
}

#[test]
fn a_broken_first_line_does_not_hide_the_json_lines_after_it() {
    // Line 1 opens an object it does not close; a document would break where line 2 begins,
    // and line 2 is a complete record: the input is JSON Lines with a broken first line.
    let good = record("Core Directory", "UserManagement", "Add user");
    let text = format!("{{\"loggedByService\": \"Core Directory\",\n{good}\n{good}\n");
    for format in [InputFormat::Auto, InputFormat::JsonLines] {
        let report = read("cut.jsonl", text.as_bytes(), format);
        let t = report.totals();
        assert_eq!((t.records, t.malformed, t.exact), (3, 1, 2), "{format:?}");
        let input = &report.inputs()[0];
        assert_eq!((input.layout, input.stopped.as_ref()), (Layout::JsonLines, None));
        assert_eq!(report.malformed()[0].location.line, Some(1));
    }
    let report = read("cut.jsonl", text.as_bytes(), InputFormat::Auto);
    assert_eq!(report.inputs()[0].note, Some(InputNote::ReadAsJsonLines));
    assert!(report.to_string().contains("NOTE: read as JSON Lines: its first line is a broken record"));
}

#[test]
fn a_guessed_document_that_breaks_later_stops_and_says_how_to_read_lines() {
    // Line 2 continues the object, so the guess stands until the document breaks on line 3.
    let good = record("Core Directory", "UserManagement", "Add user");
    let text = format!("{{\"loggedByService\": \"Core Directory\",\n\"category\": \"x\",\n{good}\n");
    let report = read("cut.jsonl", text.as_bytes(), InputFormat::Auto);
    let input = &report.inputs()[0];
    assert_eq!(input.note, Some(InputNote::GuessedDocument));
    let stop = input.stopped.clone().unwrap();
    assert_eq!((stop.kind, stop.line), (StopKind::Syntax, Some(3)));
    assert!(stop.message.contains("its first line opens an object it does not close"), "{}", stop.message);
    assert!(stop.message.contains("`--input jsonl`"), "{}", stop.message);
}

#[test]
fn an_over_long_first_line_is_read_as_json_with_each_record_held_to_the_limit() {
    let mut options = Options::default();
    options.max_record_bytes = 200;
    let good = record("Core Directory", "UserManagement", "Add user");
    let long = record("Core Directory", "UserManagement", &"x".repeat(300));
    // A one-line array longer than the limit: each record in it is read.
    let array = format!("[{good},{long},{good}]\n");
    let mut report = Report::with_options(options.clone());
    report.read("one-line.json", array.as_bytes(), InputFormat::Auto);
    let t = report.totals();
    assert_eq!((t.records, t.exact, t.malformed), (3, 2, 1));
    assert!(report.malformed()[0].message.starts_with("a record longer than 200 bytes"), "{:?}", report.malformed());
    // A first line that is one long broken record: the stop does not say it opens an object
    // it does not close.
    let broken = format!("{}\n{good}\n", &long[..250]);
    let mut report = Report::with_options(options);
    report.read("long.jsonl", broken.as_bytes(), InputFormat::Auto);
    let input = &report.inputs()[0];
    assert_eq!(input.note, Some(InputNote::LongFirstLine));
    let stop = input.stopped.clone().unwrap();
    assert!(!stop.message.contains("does not close"), "{}", stop.message);
    assert!(stop.message.contains("longer than a record may be"), "{}", stop.message);
}

#[test]
fn json_lines_asked_for_on_a_pretty_printed_document_says_to_read_it_as_json() {
    let one = record("Core Directory", "UserManagement", "Add user");
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&one).unwrap()).unwrap();
    let report = read("pretty.json", pretty.as_bytes(), InputFormat::JsonLines);
    assert_eq!(report.inputs()[0].note, Some(InputNote::LooksLikeDocument));
    assert!(report.to_string().contains("read it as JSON (`--input json`)"), "{report}");
    assert!(report.totals().malformed > 0);
}

#[test]
fn documents_of_every_layout_are_read() {
    let one = record("Core Directory", "UserManagement", "Add user");
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&one).unwrap()).unwrap();
    for (text, records, layout) in [
        (pretty.clone(), 1, Layout::Json),
        (format!("[{one},{one}]"), 2, Layout::Json),
        // A batch on one line is a line of JSON Lines, and reads the same.
        (format!("{{\"records\": [{one}, {one}, {one}]}}"), 3, Layout::JsonLines),
        (format!("{{\n  \"records\": [{one}, {one}, {one}]}}"), 3, Layout::Json),
        (format!("{pretty}\n{pretty}\n"), 2, Layout::Json),
        (format!("[\n{one}\n]\n[{one}]"), 2, Layout::Json),
    ] {
        let report = read("doc.json", text.as_bytes(), InputFormat::Auto);
        assert_eq!(report.inputs()[0].layout, layout, "{text}");
        assert_eq!((report.totals().records, report.totals().exact), (records, records), "{text}");
        assert!(report.is_clean(), "{text}");
    }
    // JSON, but not records: the input stops and says so.
    let report = read("doc.json", b"[1, \"x\"]\n\"just a string\"", InputFormat::Json);
    assert_eq!(report.totals().malformed, 2);
    assert_eq!(report.inputs()[0].stopped.as_ref().unwrap().kind, StopKind::Structure);
    let report = read("doc.json", br#"{"records": 3}"#, InputFormat::Json);
    assert_eq!(report.inputs()[0].stopped.as_ref().unwrap().kind, StopKind::Structure);
}

#[test]
fn byte_order_marks_crlf_and_blank_lines_are_handled() {
    let mut text = b"\xEF\xBB\xBF".to_vec();
    for activity in ["Add user", "Update user", "Delete user"] {
        text.extend_from_slice(record("Core Directory", "UserManagement", activity).as_bytes());
        text.extend_from_slice(b"\r\n\r\n");
    }
    let report = read("windows.jsonl", &text, InputFormat::Auto);
    assert_eq!(report.totals().exact, 3);
    assert_eq!(report.inputs()[0].blank_lines, 3);
    assert!(report.is_clean());
}

#[test]
fn lines_that_are_not_utf8_or_too_long_are_malformed_and_skipped_to_their_end() {
    let good = record("Core Directory", "UserManagement", "Add user");
    let mut text = Vec::new();
    text.extend_from_slice(b"{\"activityDisplayName\": \"\xff\"}\n");
    text.extend_from_slice(b"{\"activityDisplayName\": \"");
    text.resize(text.len() + MAX_RECORD_BYTES, b'a');
    text.extend_from_slice(b"\"}\n");
    text.extend_from_slice(good.as_bytes());
    let report = read("odd.jsonl", &text, InputFormat::JsonLines);
    let t = report.totals();
    assert_eq!((t.records, t.malformed, t.exact), (3, 2, 1));
    let m = report.malformed();
    let column = text.iter().position(|&b| b == 0xff).unwrap() + 1;
    assert_eq!(m[0].location.line, Some(1));
    assert_eq!(m[0].message, format!("not UTF-8 (invalid byte at column {column})"));
    assert_eq!(m[1].location.line, Some(2));
    assert!(m[1].message.starts_with("a line longer than"), "{}", m[1].message);
}

/// Records made on the fly, never all in memory at once; optionally failing after `fail_after` bytes.
struct Generated {
    next: usize,
    count: usize,
    pending: Vec<u8>,
    array: bool,
    served: usize,
    fail_after: Option<usize>,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.fail_after.is_some_and(|n| self.served >= n) {
            return Err(io::Error::other("disk on fire"));
        }
        if self.pending.is_empty() && self.next <= self.count {
            let activities = ["Add user", "update user", "Add usr", "Delete user"];
            let r = record("Core Directory", "UserManagement", activities[self.next % 4]);
            let (open, sep, close) = if self.array { ("[", ",\n", "]") } else { ("", "\n", "") };
            if self.next == self.count {
                self.pending.extend_from_slice(close.as_bytes());
            } else {
                if self.next == 0 {
                    self.pending.extend_from_slice(open.as_bytes());
                }
                self.pending.extend_from_slice(r.as_bytes());
                self.pending.extend_from_slice(if self.next + 1 < self.count { sep } else { "\n" }.as_bytes());
            }
            self.next += 1;
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.served += n;
        Ok(n)
    }
}

#[test]
fn readers_are_streamed_record_by_record() {
    for array in [false, true] {
        let source = Generated { next: 0, count: 20_000, pending: Vec::new(), array, served: 0, fail_after: None };
        let mut report = Report::new();
        report.read("generated", source, InputFormat::Auto);
        let t = report.totals();
        assert_eq!((t.records, t.exact, t.forgiven, t.unknown), (20_000, 10_000, 5_000, 5_000), "array: {array}");
        assert_eq!(report.unknown().len(), 1);
        assert_eq!(report.unknown()[0].count, 5_000);
        // Record n is on line n in both layouts.
        assert_eq!(report.unknown()[0].first.line, Some(3));
        assert_eq!(report.forgiven()[0].spellings[0].first.line, Some(2));
    }
}

#[test]
fn read_errors_stop_the_input_as_io_errors() {
    for array in [false, true] {
        let source =
            Generated { next: 0, count: 1000, pending: Vec::new(), array, served: 0, fail_after: Some(10_000) };
        let mut report = Report::new();
        report.read("flaky", source, InputFormat::Auto);
        let stop = report.inputs()[0].stopped.clone().unwrap();
        assert_eq!(stop.kind, StopKind::Io, "array: {array}");
        assert!(stop.message.contains("disk on fire"), "{}", stop.message);
        assert!(report.has_io_errors());
        assert!(report.totals().records > 50);
    }
    let mut report = Report::new();
    report.read_path("tests/fixtures/does-not-exist.jsonl", InputFormat::Auto);
    assert!(report.has_io_errors());
    assert!(report.to_string().contains("tests/fixtures/does-not-exist.jsonl: not read"));
}

#[test]
fn empty_input_is_clean_and_says_so() {
    let report = read("empty", b"\n  \n", InputFormat::Auto);
    assert_eq!(report.inputs()[0].layout, Layout::Empty);
    assert_eq!(report.totals().records, 0);
    assert!(report.is_clean());
}

#[test]
fn forgiven_records_are_grouped_by_what_was_forgiven() {
    let lines = [
        record("Core Directory", "UserManagement", "add user"),
        record("Core Directory", "UserManagement", "add user"),
        record("Core Directory", "UserManagement", "ADD USER."),
        record("Core Directory", "UserManagement", "Update\u{a0}user"),
        record("core directory", "UserManagement", "Update user"),
    ]
    .join("\n");
    let report = read("forgiven.jsonl", lines.as_bytes(), InputFormat::Auto);
    let groups: Vec<(String, u64, usize)> =
        report.forgiven().iter().map(|g| (g.normalizations.to_string(), g.count, g.spellings.len())).collect();
    assert_eq!(
        groups,
        [("case".to_string(), 3, 2), ("whitespace".to_string(), 1, 1), ("case+trailing-period".to_string(), 1, 1)]
    );
    let case = &report.forgiven()[0];
    assert!(case.normalizations.contains(Normalization::Case));
    assert_eq!((case.spellings[0].activity.as_str(), case.spellings[0].count), ("add user", 2));
    assert_eq!(case.spellings[1].service, "core directory");
}

#[test]
fn the_json_report_carries_counts_groups_and_errors() {
    let mut report = Report::new();
    report.read_path(GRAPH_SAMPLE, InputFormat::Auto);
    let v = serde_json::to_value(&report).unwrap();
    let t = report.totals();
    assert_eq!(v["ok"], json!(false));
    assert_eq!(v["totals"]["records"], json!(t.records));
    assert_eq!(v["totals"]["malformed"], json!(t.malformed));
    assert_eq!(v["inputs"][0]["layout"], json!("json"));
    let dates: Vec<&str> =
        v["catalog"]["pages"].as_array().unwrap().iter().map(|p| p["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2022-11-29", "2024-10-04"]);
    let exact: u64 = v["exact"].as_array().unwrap().iter().map(|e| e["count"].as_u64().unwrap()).sum();
    assert_eq!(exact, t.exact);
    for (g, j) in report.unknown().iter().zip(v["unknown"].as_array().unwrap()) {
        let expected = validate(Some(&g.service), Some(&g.category), Some(&g.activity)).unwrap_err();
        assert_eq!(j["error"]["message"], json!(expected.to_string()));
        assert_eq!(j["first"]["record"], json!(g.first.record));
    }
    assert_eq!(v["malformed"][0]["kind"], json!("incomplete"));
    assert_eq!(v["forgiven"][0]["normalizations"], json!(["case"]));
}

#[test]
fn the_text_report_names_every_problem_with_its_place() {
    let mut report = Report::new();
    report.read_path(DIAGNOSTIC_SAMPLE, InputFormat::Auto);
    let text = report.to_string();
    for m in report.malformed() {
        assert!(text.contains(&format!("{}: {}: {}", m.location, m.kind.as_str(), m.message)), "{text}");
    }
    for g in report.unknown() {
        assert!(text.contains(&g.error.to_string()), "{text}");
        assert!(text.contains(&format!("first at {}", g.first)), "{text}");
    }
    assert!(text.ends_with("read need attention.\n"), "{text}");
}

#[test]
fn the_reader_yields_each_record_with_its_ids_time_and_verdict_in_order() {
    use aad_audit_catalog::report::Reader;
    let graph = r#"{"@odata.context": "x", "value": [
  {"id": "g1", "correlationId": "c1", "activityDateTime": "2024-05-14T08:02:11Z", "loggedByService": "Core Directory", "category": "UserManagement", "activityDisplayName": "Add user"},
  {"id": "g2", "loggedByService": "Core Directory", "category": "UserManagement", "activityDisplayName": "Add usr"},
  {"id": "g3", "loggedByService": "Core Directory", "category": 7}
]}"#;
    let results: Vec<_> = Reader::new("graph.json", graph.as_bytes(), InputFormat::Auto).collect();
    assert_eq!(results.len(), 3);
    let ids: Vec<_> = results.iter().map(|r| r.id.as_deref()).collect();
    assert_eq!(ids, [Some("g1"), Some("g2"), None]);
    assert_eq!(
        (results[0].correlation_id.as_deref(), results[0].time.as_deref()),
        (Some("c1"), Some("2024-05-14T08:02:11Z"))
    );
    assert!(matches!(results[0].result, Ok(Verdict::Exact(_))));
    assert!(matches!(results[1].result, Ok(Verdict::Unknown(_))));
    let e = results[2].result.as_ref().unwrap_err();
    assert_eq!(e.kind(), RecordErrorKind::Invalid);
    assert_eq!(results[2].error_position, Some((4, graph.lines().nth(3).unwrap().find(": 7").unwrap() as u64 + 3)));
    let lines: Vec<_> = results.iter().map(|r| (r.location.line, r.location.record)).collect();
    assert_eq!(lines, [(Some(2), 1), (Some(3), 2), (Some(4), 3)]);
    // One JSON object per record: what a `--format jsonl` output prints.
    let v = serde_json::to_value(&results[1]).unwrap();
    assert_eq!((v["verdict"].as_str(), v["id"].as_str(), v["line"].as_u64()), (Some("unknown"), Some("g2"), Some(3)));
    assert!(v["error"]["message"].as_str().unwrap().starts_with("unknown activity \"Add usr\""));
    assert_eq!(serde_json::to_value(&results[2]).unwrap()["verdict"], json!("malformed"));

    // Batches in JSON Lines: each record of a batch, numbered one by one, at its own line.
    let text = std::fs::read_to_string("tests/fixtures/eventhub-batches.jsonl").unwrap();
    let mut reader = Reader::new("hub.jsonl", text.as_bytes(), InputFormat::Auto);
    let mut seen = Vec::new();
    while reader.read_next(|c| seen.push((c.line(), c.number(), c.shape(), c.verdict().is_ok()))) {}
    assert_eq!(seen.len(), 5);
    assert!(seen.windows(2).all(|w| w[0].1 + 1 == w[1].1));
    assert_eq!(reader.summary().records, 5);
    // The report is built on the same reader: the same verdicts, counted.
    let report = read("hub.jsonl", text.as_bytes(), InputFormat::Auto);
    assert_eq!(report.totals().records, seen.len() as u64);
}

#[test]
fn a_tally_can_hand_out_each_record_as_it_counts_it() {
    use aad_audit_catalog::report::{Reader, Tally};
    for path in [GRAPH_SAMPLE, LA_SAMPLE, DIAGNOSTIC_SAMPLE] {
        let text = std::fs::read(path).unwrap();
        let options = Options::new().with_strict(true);
        let reader = Reader::with_options(path, text.as_slice(), InputFormat::Auto, &options);
        let mut seen = Vec::new();
        let tally = Tally::of_each(reader, &options, |c| seen.push(c.to_owned()));
        // The records handed out are the reader's, in order, and the tally is what reading counts.
        let alone: Vec<_> = Reader::with_options(path, text.as_slice(), InputFormat::Auto, &options).collect();
        assert_eq!(seen, alone, "{path}");
        let mut via_each = Report::with_options(options.clone());
        via_each.add(tally);
        let mut via_read = Report::with_options(options);
        via_read.read(path, text.as_slice(), InputFormat::Auto);
        assert_eq!(via_each.to_string(), via_read.to_string(), "{path}");
        assert_eq!(via_each.totals().records, seen.len() as u64, "{path}");
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    bytes
}

#[test]
fn utf16_exports_are_decoded_and_said_to_be() {
    use aad_audit_catalog::report::Encoding;
    // What Windows PowerShell 5.1 writes with `>`: UTF-16LE with a byte order mark, CRLF.
    let lines = [
        record("Core Directory", "UserManagement", "Add user"),
        record("Core Directory", "UserManagement", "Update user\u{e9}"),
    ]
    .join("\r\n");
    for (big_endian, encoding) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
        let report = read("ps51.json", &utf16(&lines, big_endian), InputFormat::Auto);
        let input = &report.inputs()[0];
        assert_eq!((input.encoding, input.layout, input.records), (encoding, Layout::JsonLines, 2));
        assert_eq!((report.totals().exact, report.totals().unknown), (1, 1));
        assert!(report.to_string().contains(&format!("ps51.json: JSON Lines (decoded from {})", encoding.as_str())));
    }
}

#[test]
fn allowlisted_records_are_their_own_verdict_and_never_hide_documented_ones() {
    use aad_audit_catalog::allowlist::Allowlist;
    use std::sync::Arc;
    let allow =
        Allowlist::parse("allow.tsv", "\t\tRotate tenant keys\nCore Directory\tUserManagement\tAdd user\n").unwrap();
    let options = Options::default().with_allowlist(Arc::new(allow));
    let lines = [
        record("Core Directory", "UserManagement", "Rotate tenant keys"),
        record("PIM", "RoleManagement", "rotate tenant keys"),
        record("Core Directory", "UserManagement", "Add user"),
        record("Core Directory", "UserManagement", "Add usr"),
    ]
    .join("\n");
    let mut report = Report::with_options(options);
    report.read("tenant.jsonl", lines.as_bytes(), InputFormat::Auto);
    let t = report.totals();
    assert_eq!((t.records, t.allowed, t.exact, t.unknown), (4, 2, 1, 1));
    assert_eq!(t.records, t.exact + t.forgiven + t.allowed + t.unknown + t.malformed);
    let groups = report.allowed();
    assert_eq!((groups.len(), groups[0].line, groups[0].count, groups[0].first.record), (1, 1, 2, 1));
    let text = report.to_string();
    assert!(text.contains("Allowed: 2 records, not in the catalog but in allow.tsv"), "{text}");
    assert!(text.contains("* / * / Rotate tenant keys (allow.tsv:1)"), "{text}");
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!((v["totals"]["allowed"].as_u64(), v["allowed"][0]["line"].as_u64()), (Some(2), Some(1)));
    assert!(!report.is_clean());
}

#[test]
fn strict_counts_forgiven_records_as_needing_attention() {
    let lines = [
        record("Core Directory", "UserManagement", "add user"),
        record("Core Directory", "UserManagement", "Add user"),
    ]
    .join("\n");
    let relaxed = read("f.jsonl", lines.as_bytes(), InputFormat::Auto);
    assert!(relaxed.is_clean());
    let mut strict = Report::with_options(Options::default().with_strict(true));
    strict.read("f.jsonl", lines.as_bytes(), InputFormat::Auto);
    assert!(!strict.is_clean());
    assert_eq!(strict.needing_attention(), 1);
    assert!(
        strict
            .to_string()
            .ends_with("NOT OK: 1 of 2 records read need attention (strict: forgiven spellings count).\n")
    );
    assert_eq!(serde_json::to_value(&strict).unwrap()["ok"], json!(false));
}

#[test]
fn zero_records_can_be_told_from_a_clean_run() {
    for text in [&b""[..], b"\n \r\n", b"[]", br#"{"value": []}"#] {
        let report = read("empty.json", text, InputFormat::Auto);
        assert!(report.is_empty() && report.is_clean(), "{text:?}");
        assert!(report.to_string().ends_with("NO RECORDS: the inputs hold no audit records.\n"));
    }
    assert!(!read("one.jsonl", record("a", "b", "c").as_bytes(), InputFormat::Auto).is_empty());
}

#[test]
fn kept_names_and_messages_are_bounded_however_long_the_input_makes_them() {
    use aad_audit_catalog::report::KEPT_BYTES;
    let huge = "x".repeat(200_000);
    let lines = [
        record("Core Directory", "UserManagement", &huge),
        record("Core Directory", "UserManagement", &format!("{huge}y")),
        record("Core Directory", "UserManagement", &huge),
        // A wrong type whose text serde_json would echo in full.
        format!(r#"{{"loggedByService": "Core Directory", "category": "UserManagement", "activityDisplayName": ["{huge}"]}}"#),
        record(&"Core Directory ".repeat(20_000), "UserManagement", "Add user"),
    ]
    .join("\n");
    let report = read("hostile.jsonl", lines.as_bytes(), InputFormat::Auto);
    let t = report.totals();
    assert_eq!((t.records, t.unknown, t.malformed), (5, 4, 1), "{t:?}");
    // Names that differ past the cut stay apart; each is kept to its first KEPT_BYTES.
    assert_eq!(report.unknown().len(), 3, "{:?}", report.unknown().iter().map(|g| g.count).collect::<Vec<_>>());
    assert_eq!(report.unknown()[2].service.len(), 15 * 20_000);
    let g = &report.unknown()[0];
    assert_eq!(
        (g.count, g.activity.len(), g.activity.as_str().len(), g.activity.is_whole()),
        (2, 200_000, KEPT_BYTES, false)
    );
    assert_ne!(g.activity.fingerprint(), report.unknown()[1].activity.fingerprint());
    assert!(report.malformed()[0].message.len() < 2 * KEPT_BYTES);
    let text = report.to_string();
    assert!(text.len() < 30 * KEPT_BYTES, "{} bytes", text.len());
    assert!(text.contains("... (200000 bytes, fingerprint "), "{text}");
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < 30 * KEPT_BYTES, "{} bytes", json.len());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["unknown"][0]["activity"]["bytes"], json!(200_000));
}

#[test]
fn records_inside_a_json_document_are_held_to_the_limit_and_the_rest_is_read() {
    let mut options = Options::default();
    options.max_record_bytes = 1000;
    let good = record("Core Directory", "UserManagement", "Add user");
    let long = record("Core Directory", "UserManagement", &"x".repeat(5000));
    let text = format!("{{\"value\": [\n{good},\n{long},\n{good}\n]}}\n");
    for format in [InputFormat::Json, InputFormat::Auto] {
        let mut report = Report::with_options(options.clone());
        report.read("doc.json", text.as_bytes(), format);
        let t = report.totals();
        assert_eq!((t.records, t.exact, t.malformed), (3, 2, 1), "{format:?}");
        let m = &report.malformed()[0];
        assert_eq!((m.location.line, m.location.record), (Some(3), 2));
        assert_eq!(m.message, "a record longer than 1000 bytes: not read as a record");
        assert!(report.inputs()[0].stopped.is_none());
    }
}

/// A reader that hands out a few bytes at a time, so records straddle every buffer boundary.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.1 = self.1 % 7 + 1;
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn reports_do_not_depend_on_how_the_input_is_handed_over() {
    for path in [
        GRAPH_SAMPLE,
        LA_SAMPLE,
        DIAGNOSTIC_SAMPLE,
        "tests/fixtures/broken-array.json",
        "tests/fixtures/eventhub-batches.jsonl",
    ] {
        let bytes = std::fs::read(path).unwrap();
        for format in [InputFormat::Auto, InputFormat::Json, InputFormat::JsonLines] {
            let whole = read(path, &bytes, format);
            let mut trickled = Report::new();
            trickled.read(path, Trickle(&bytes, 0), format);
            assert_eq!(trickled.to_string(), whole.to_string(), "{path} {format:?}");
        }
    }
}

/// A reader that hands over the first `split` bytes, then the rest, so that a read ends
/// anywhere in a record.
struct Split<'a>(&'a [u8], usize);

impl Read for Split<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = if self.1 > 0 { self.1 } else { usize::MAX };
        let n = room.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        self.1 -= self.1.min(n);
        Ok(n)
    }
}

/// Found by fuzz/ (`report_auto`): serde_json calls a number cut after `-`, `.` or `e`
/// invalid, not cut short, so a valid document stopped where a read happened to end; a
/// scalar element broke at one place or another by where a read ended; and bytes that are
/// not UTF-8 hid a syntax error before them.
#[test]
fn a_document_breaks_where_it_breaks_wherever_a_read_ends() {
    let valid = br#"[{"x": -1.5e+3, "activityDisplayName": "Add user", "y": [-2, 0.5E-1, -0]}, {"z": 1e5}]"#;
    let broken: [&[u8]; 4] = [b"[11h\xff]", b"[-1e\n$99]", b"[[-[y\x8b", br#"[{"a": -1e\n}]"#];
    for text in std::iter::once(&valid[..]).chain(broken) {
        for format in [InputFormat::Json, InputFormat::Auto] {
            let whole = read("doc", text, format);
            assert_eq!(whole.inputs()[0].stopped.is_none(), text == valid, "{}", whole);
            for split in 1..text.len() {
                let mut report = Report::new();
                report.read("doc", Split(text, split), format);
                let what = format!("{:?} {format:?} split at {split}", String::from_utf8_lossy(text));
                assert_eq!(report.inputs()[0].stopped, whole.inputs()[0].stopped, "{what}");
                assert_eq!(report.to_string(), whole.to_string(), "{what}");
            }
        }
    }
}

/// Found by fuzz/ (`report_auto`): a form feed is ASCII whitespace but not JSON's, so a line
/// holding one is not a blank line to skip before a guessed document.
#[test]
fn a_guessed_layout_reads_as_that_layout_does() {
    for text in [&b"\x0c\n{\"category\":\n\n"[..], b"\n \x0c\n[{\"category\": 1}]\n", b"\n\n{\"a\":\n{\"b\"\n"] {
        let auto = read("in", text, InputFormat::Auto);
        let format = match auto.inputs()[0].layout {
            Layout::Json => InputFormat::Json,
            _ => InputFormat::JsonLines,
        };
        let told = read("in", text, format);
        let stop = |r: &Report| r.inputs()[0].stopped.as_ref().map(|s| (s.kind, s.line, s.column));
        let what = String::from_utf8_lossy(text);
        assert_eq!((auto.totals(), stop(&auto)), (told.totals(), stop(&told)), "{what:?}");
    }
}

/// Found by fuzz/ (`report_document`): a lone surrogate escape (`\ud800`) is valid JSON that
/// serde_json cannot decode into a string. The record it is in is malformed, a wrapper key
/// with one is kept as written, and the input goes on.
#[test]
fn an_escape_that_cannot_be_decoded_makes_its_record_malformed_not_the_input_broken() {
    let good = record("Core Directory", "UserManagement", "Add user");
    let bad = r#"{"activit\ud800yDisplayName": "Add user", "category": "\udc00"}"#;
    let documents = [
        format!("[{good}, {bad}, {good}]"),
        format!(r#"{{"value": [{good}, {bad}, {good}]}}"#),
        format!("{{\"odata\\ud800\": 1,\n\"value\": [{good}, {bad}, {good}]}}"),
    ];
    let lines = format!("{good}\n{bad}\n{good}\n");
    let cases = documents.iter().map(|d| (d, InputFormat::Json)).chain([(&lines, InputFormat::JsonLines)]);
    for (text, format) in cases {
        for format in [format, InputFormat::Auto] {
            let report = read("in", text.as_bytes(), format);
            let t = report.totals();
            assert_eq!((t.records, t.exact, t.malformed, t.stopped_inputs), (3, 2, 1, 0), "{format:?} {text}");
            assert_eq!(report.malformed()[0].location.record, 2);
            assert!(report.inputs()[0].wrapper_keys.iter().all(|k| k == r"odata\ud800"));
        }
    }
}
