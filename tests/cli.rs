//! The `aad-audit` command, end to end (feature `cli`).

use aad_audit_catalog::report::{InputFormat, Report};
use aad_audit_catalog::{entries, export, notes, services, validate};
use assert_cmd::Command;
use serde_json::Value;

const GRAPH_SAMPLE: &str = "data/samples/graph-directory-audits.json";
const LA_SAMPLE: &str = "data/samples/log-analytics-auditlogs.jsonl";
const DIAGNOSTIC_SAMPLE: &str = "data/samples/diagnostic-settings-auditlogs.json";
const ALL_KNOWN: &str = "tests/fixtures/graph-all-known.jsonl";
const BROKEN_MIDDLE: &str = "tests/fixtures/graph-malformed-middle.jsonl";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aad-audit"));
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn library_report(paths: &[&str]) -> Report {
    let mut report = Report::new();
    for p in paths {
        report.read_path(p, InputFormat::Auto);
    }
    report
}

#[test]
fn validate_prints_the_report_and_exits_1_when_something_needs_attention() {
    for sample in [GRAPH_SAMPLE, LA_SAMPLE, DIAGNOSTIC_SAMPLE] {
        let r = run(&["validate", sample], None);
        assert_eq!(r.code, 1, "{sample}: {}", r.stderr);
        assert_eq!(r.stdout, library_report(&[sample]).to_string(), "{sample}");
        assert_eq!(r.stderr, "", "no progress bar or noise when stderr is not a terminal");
    }
    let r = run(&["validate", GRAPH_SAMPLE], None);
    assert!(r.stdout.starts_with("Checked 16 records from 1 input against "), "{}", r.stdout);
    assert!(r.stdout.contains(r#"unknown activity "Add memeber to group"; did you mean "Add member to group""#));
}

#[test]
fn validate_exits_0_when_every_record_is_known() {
    let r = run(&["validate", ALL_KNOWN], None);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.ends_with("OK: every record is in the catalog.\n"), "{}", r.stdout);
}

#[test]
fn a_malformed_line_in_the_middle_is_reported_and_the_rest_is_read() {
    let r = run(&["validate", BROKEN_MIDDLE], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains(&format!("{BROKEN_MIDDLE}: JSON Lines, 5 records\n")), "{}", r.stdout);
    assert!(
        r.stdout
            .contains(&format!("  {BROKEN_MIDDLE}:3 (record 3): syntax: EOF while parsing a string at line 3 column ")),
        "{}",
        r.stdout
    );
    // The line after the broken one is still read: its unknown activity is reported.
    assert!(r.stdout.contains(&format!("first at {BROKEN_MIDDLE}:5 (record 5)")), "{}", r.stdout);
}

#[test]
fn validate_reads_stdin_when_no_file_or_dash_is_given() {
    let input = std::fs::read(LA_SAMPLE).unwrap();
    let r = run(&["validate"], Some(&input));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("  <stdin>: JSON Lines, 11 records, 1 blank line\n"), "{}", r.stdout);
    let mut expected = Report::new();
    expected.read("<stdin>", input.as_slice(), InputFormat::Auto);
    assert_eq!(r.stdout, expected.to_string());

    let known = std::fs::read(ALL_KNOWN).unwrap();
    let r = run(&["validate", "-"], Some(&known));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn validate_json_is_the_serialized_report() {
    let r = run(&["validate", "--format", "json", GRAPH_SAMPLE, DIAGNOSTIC_SAMPLE], None);
    assert_eq!(r.code, 1);
    let got: Value = serde_json::from_str(&r.stdout).unwrap();
    let expected = serde_json::to_value(library_report(&[GRAPH_SAMPLE, DIAGNOSTIC_SAMPLE])).unwrap();
    assert_eq!(got, expected);
    assert_eq!(got["ok"], Value::Bool(false));
    assert_eq!(got["inputs"].as_array().unwrap().len(), 2);
}

#[test]
fn input_layout_can_be_forced() {
    // Read as one JSON document, the JSON Lines file with a broken line stops there.
    let r = run(&["validate", "--input", "json", BROKEN_MIDDLE], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains(&format!("STOPPED: {BROKEN_MIDDLE}:4:")), "{}", r.stdout);
    let r = run(&["validate", "--input", "jsonl", ALL_KNOWN], None);
    assert_eq!(r.code, 0);
}

#[test]
fn unreadable_inputs_exit_2_and_the_others_are_still_reported() {
    let missing = "tests/fixtures/no-such-export.json";
    let r = run(&["validate", missing, ALL_KNOWN], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&format!("aad-audit: {missing}: cannot open: ")), "{}", r.stderr);
    assert!(r.stdout.contains(&format!("  {missing}: not read\n")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("  {ALL_KNOWN}: JSON Lines, 4 records\n")), "{}", r.stdout);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["validate", "--format", "xml"][..],
        &["lookup", "Core Directory"],
        &["lookup", "--activity", "Add user", "Core Directory", "UserManagement", "Add user"],
        &["export"],
        &["frobnicate"],
    ] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn lookup_says_what_matched_and_what_was_forgiven() {
    let r = run(&["lookup", "Core Directory", "UserManagement", "Add user"], None);
    let documented = "documented 2022-11-29, 2024-10-04";
    assert_eq!(
        (r.code, r.stdout.clone()),
        (0, format!("exact: Core Directory / UserManagement / Add user ({documented})\n"))
    );

    let r = run(&["lookup", "core directory", "User Management", "ADD USER."], None);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("forgiven (case+trailing-period): Core Directory / UserManagement / Add user ({documented})")
    );
    assert!(lines.contains(&r#"  activity "ADD USER." -> "Add user" (case+trailing-period)"#), "{lines:?}");

    let r = run(&["lookup", "Core Directory", "GroupManagement", "Add user"], None);
    let expected = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
    assert_eq!((r.code, r.stdout), (1, format!("unknown: {expected}\n")));
}

#[test]
fn lookup_by_activity_lists_every_place() {
    let r = run(&["lookup", "--activity", "delete identity provider"], None);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(r.stdout.lines().all(|l| l.starts_with("forgiven (case): B2C / ")), "{}", r.stdout);

    let r = run(&["lookup", "--activity", "Add usr"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with(r#"unknown: unknown activity "Add usr"; did you mean "Add user""#), "{}", r.stdout);
}

#[test]
fn check_writes_one_line_per_input_line() {
    let input = "Core Directory\tUserManagement\tAdd user\n\
                 core directory\tUser Management\tadd user.\n\
                 Core Directory\tGroupManagement\tAdd user\n\
                 \t\tAdd usr\n\
                 PIM\t\t\n\
                 \n\
                 a\tb\tc\td\n";
    let r = run(&["check"], Some(input.as_bytes()));
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), input.lines().count());
    assert_eq!(lines[0], "exact\tCore Directory\tUserManagement\tAdd user");
    assert_eq!(lines[1], "forgiven\tCore Directory\tUserManagement\tAdd user\tcase+trailing-period");
    let elsewhere = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
    assert_eq!(lines[2], format!("unknown\t{elsewhere}"));
    assert!(lines[3].starts_with("unknown\tunknown activity \"Add usr\"; did you mean \"Add user\""), "{}", lines[3]);
    assert_eq!(lines[4], "exact\tPIM\t\t");
    assert_eq!(lines[5], format!("unknown\t{}", validate(None, None, None).unwrap_err()));
    assert_eq!(lines[6], "unknown\tline 7: expected service<TAB>category<TAB>activity, found 4 fields");

    let r = run(&["check"], Some(b"PIM\tPIM\tActivationApproved\r\nCore Directory\tUserManagement\tUpdate user\n"));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 2);
}

#[test]
fn search_prints_hits_and_exits_1_when_there_are_none() {
    let r = run(&["search", "member to role", "--service", "core directory"], None);
    assert_eq!(r.code, 0);
    for line in r.stdout.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 4, "{line}");
        assert_eq!(cells[0], "Core Directory");
        assert!(cells[2].to_lowercase().contains("member to role"), "{line}");
        assert!(entries().iter().any(|e| e.activity() == cells[2] && e.category().as_str() == cells[1]));
    }
    assert!(r.stdout.lines().count() >= 2);

    let r = run(&["search", "add *", "--category", "usermanagement"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.lines().all(|l| l.split('\t').nth(2).unwrap().starts_with("Add ")), "{}", r.stdout);

    let r = run(&["search", "no such activity at all"], None);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    assert!(r.stderr.contains("no activity matches"), "{}", r.stderr);

    let r = run(&["search", "user", "--service", "Core Directry"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(r#"--service: unknown service "Core Directry"; did you mean "Core Directory"?"#),
        "{}",
        r.stderr
    );
}

#[test]
fn services_and_notes_list_the_catalog() {
    let r = run(&["services"], None);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "service\tloggedByService\tactivities\tcategories");
    assert_eq!(lines.len(), 1 + services().len());
    for (line, s) in lines[1..].iter().zip(services()) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!((cells[0], cells[2]), (s.as_str(), s.entries().len().to_string().as_str()));
    }

    let r = run(&["notes"], None);
    assert_eq!(r.code, 0);
    let expected: String = notes().iter().map(|n| format!("{n}\n")).collect();
    assert_eq!(r.stdout, expected);
}

#[test]
fn export_writes_what_the_library_writes() {
    let r = run(&["export", "--format", "csv"], None);
    assert_eq!(r.code, 0);
    let mut expected = Vec::new();
    export::write(&mut expected, export::Format::Csv, export::Scope::All).unwrap();
    assert_eq!(r.stdout.as_bytes(), expected.as_slice());

    let r = run(&["export", "--format", "csv", "--notes"], None);
    let mut expected = Vec::new();
    export::write_notes_csv(&mut expected, export::Scope::All).unwrap();
    assert_eq!(r.stdout.as_bytes(), expected.as_slice());

    let r = run(&["export", "--format", "json"], None);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["entries"].as_array().unwrap().len(), entries().len());
    assert_eq!(v["notes"].as_array().unwrap().len(), notes().len());
}
