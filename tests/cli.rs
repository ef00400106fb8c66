//! The `aad-audit` command, end to end (feature `cli`): every subcommand and flag, compared
//! with what the library says where the command is the library's glue.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use aad_audit_catalog::report::{InputFormat, Options, Reader, Report};
use aad_audit_catalog::{Catalog, Category, Page, Service, diff, entries, export, notes, services, validate};
use assert_cmd::Command;
use serde_json::Value;

const GRAPH_SAMPLE: &str = "data/samples/graph-directory-audits.json";
const LA_SAMPLE: &str = "data/samples/log-analytics-auditlogs.jsonl";
const DIAGNOSTIC_SAMPLE: &str = "data/samples/diagnostic-settings-auditlogs.json";
const ALL_KNOWN: &str = "tests/fixtures/graph-all-known.jsonl";
const BROKEN_MIDDLE: &str = "tests/fixtures/graph-malformed-middle.jsonl";
const BIN: &str = env!("CARGO_BIN_EXE_aad-audit");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    // Never the test runner's own standard input, which may be a terminal.
    cmd.write_stdin(stdin.unwrap_or_default());
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_with(args, stdin, &[])
}

fn library_report(paths: &[&str], options: Options) -> Report {
    let mut report = Report::with_options(options);
    for p in paths {
        report.read_path(p, InputFormat::Auto);
    }
    report
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("aad-audit-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `n` Graph records as JSON Lines, made from the fixture's records: documented activities
/// in catalog order, every `unknown_every`-th one an unknown name and every 7th a forgiven
/// spelling.
fn generated(n: usize, unknown_every: usize) -> String {
    let templates: Vec<Value> =
        std::fs::read_to_string(ALL_KNOWN).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut out = String::new();
    for i in 0..n {
        let mut record = templates[i % templates.len()].clone();
        let e = &entries()[(i * 31) % entries().len()];
        let activity = match i {
            i if i % unknown_every == 0 => format!("Rotate tenant keys {}", i % 5),
            i if i % 7 == 0 => e.activity().to_uppercase(),
            _ => e.activity().to_string(),
        };
        record["id"] = Value::from(format!("Directory_{i:08}"));
        record["loggedByService"] = Value::from(e.service().as_str());
        record["category"] = Value::from(e.category().as_str());
        record["activityDisplayName"] = Value::from(activity);
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if mark {
        out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// validate

#[test]
fn validate_prints_the_library_report_and_exits_1_when_something_needs_attention() {
    for sample in [GRAPH_SAMPLE, LA_SAMPLE, DIAGNOSTIC_SAMPLE] {
        let r = run(&["validate", sample], None);
        assert_eq!(r.code, 1, "{sample}: {}", r.stderr);
        assert_eq!(r.stdout, library_report(&[sample], Options::new()).to_string(), "{sample}");
        assert_eq!(r.stderr, "", "no progress bar, colour or noise when not on a terminal");
    }
    let r = run(&["validate", GRAPH_SAMPLE], None);
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
    assert!(r.stdout.contains(&format!("  {BROKEN_MIDDLE}:3 (record 3): syntax: ")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("first at {BROKEN_MIDDLE}:5 (record 5)")), "{}", r.stdout);
}

#[test]
fn validate_reads_stdin_when_no_path_or_dash_is_given() {
    let input = std::fs::read(LA_SAMPLE).unwrap();
    let r = run(&["validate"], Some(&input));
    assert_eq!(r.code, 1);
    let mut expected = Report::new();
    expected.read("<stdin>", input.as_slice(), InputFormat::Auto);
    assert_eq!(r.stdout, expected.to_string());
    let r = run(&["validate", "-"], Some(&std::fs::read(ALL_KNOWN).unwrap()));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn validate_json_is_the_serialized_report() {
    let r = run(&["validate", "-f", "json", GRAPH_SAMPLE, DIAGNOSTIC_SAMPLE], None);
    assert_eq!(r.code, 1);
    let got: Value = serde_json::from_str(&r.stdout).unwrap();
    let expected = serde_json::to_value(library_report(&[GRAPH_SAMPLE, DIAGNOSTIC_SAMPLE], Options::new())).unwrap();
    assert_eq!(got, expected);
    assert_eq!(got["ok"], Value::Bool(false));
}

#[test]
fn validate_jsonl_writes_one_line_per_record_worth_a_look_and_every_record_with_all() {
    for sample in [GRAPH_SAMPLE, LA_SAMPLE, DIAGNOSTIC_SAMPLE] {
        let records: Vec<Value> = Reader::new(sample, std::fs::File::open(sample).unwrap(), InputFormat::Auto)
            .map(|c| serde_json::to_value(&c).unwrap())
            .collect();
        let r = run(&["validate", "--format", "jsonl", "--all", sample], None);
        assert_eq!(r.code, 1, "{sample}");
        let lines: Vec<Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines, records, "{sample}");

        let r = run(&["validate", "-f", "jsonl", sample], None);
        let worth_a_look: Vec<&Value> = records.iter().filter(|v| v["verdict"] != "exact").collect();
        let lines: Vec<Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.iter().collect::<Vec<_>>(), worth_a_look, "{sample}");
        assert!(lines.iter().all(|v| v["input"] == sample && v["line"].is_u64()), "{sample}");
        // What the records do not say goes to standard error: the counts.
        let t = library_report(&[sample], Options::new()).totals();
        assert!(r.stderr.contains(&format!("{} records: {} exact", t.records, t.exact)), "{}", r.stderr);
    }
    let r = run(&["validate", "-f", "jsonl", ALL_KNOWN], None);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains(r#""verdict":"exact""#), "exact records only with --all");
    assert!(run(&["validate", "-f", "jsonl", "--all", ALL_KNOWN], None).stdout.contains(r#""verdict":"exact""#));
}

#[test]
fn input_layout_can_be_forced_and_json_lines_on_a_document_says_to_read_it_as_json() {
    let r = run(&["validate", "--input", "json", BROKEN_MIDDLE], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains(&format!("STOPPED: {BROKEN_MIDDLE}:4:")), "{}", r.stdout);
    assert_eq!(run(&["validate", "-i", "jsonl", ALL_KNOWN], None).code, 0);

    let r = run(&["validate", "-i", "jsonl", GRAPH_SAMPLE], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("NOTE: its first line opens a JSON value it does not close"), "{}", r.stdout);
    assert!(r.stdout.contains("read it as JSON (`--input json`)"), "{}", r.stdout);
    let r = run(&["validate", "-i", "jsonl", "-f", "jsonl", GRAPH_SAMPLE], None);
    assert!(r.stderr.contains("warning: ") && r.stderr.contains("`--input json`"), "{}", r.stderr);
}

#[test]
fn unreadable_inputs_exit_2_and_the_others_are_still_reported() {
    let missing = "tests/fixtures/no-such-export.json";
    let r = run(&["validate", missing, ALL_KNOWN], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&format!("aad-audit: error: {missing}: cannot open: ")), "{}", r.stderr);
    assert!(r.stdout.contains(&format!("  {missing}: not read\n")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("  {ALL_KNOWN}: JSON Lines, 4 records\n")), "{}", r.stdout);
}

#[test]
fn an_input_with_no_records_needs_attention_unless_allowed() {
    let dir = TempDir::new("empty");
    let empty = dir.file("empty.jsonl", b"");
    let blank = dir.file("blank.json", b"\n  \n\n");
    for (args, stdin) in [
        (vec!["validate"], Some(&b""[..])),
        (vec!["validate", empty.as_str()], None),
        (vec!["validate", blank.as_str()], None),
        (vec!["validate", "-f", "json", empty.as_str()], None),
    ] {
        let r = run(&args, stdin);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.stderr.contains("no audit records in the input"), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("--allow-empty"), "{}", r.stderr);
        let mut allowed = args.clone();
        allowed.push("--allow-empty");
        let r = run(&allowed, stdin);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{allowed:?}");
    }
    let r = run(&["validate", &empty], None);
    assert!(r.stdout.ends_with("NO RECORDS: the inputs hold no audit records.\n"), "{}", r.stdout);
    // A directory with no export in it is an empty input too.
    let nothing = TempDir::new("nothing");
    nothing.file("readme.txt", b"not an export");
    let r = run(&["validate", &nothing.path()], None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&format!("{}: a directory with no *.json or *.jsonl file in it", nothing.path())));
}

#[test]
fn directories_are_walked_for_json_and_jsonl_files_in_name_order() {
    let dir = TempDir::new("walk");
    let known = std::fs::read(ALL_KNOWN).unwrap();
    let b = dir.file("b.jsonl", &known);
    let a = dir.file("sub/a.json", &std::fs::read(DIAGNOSTIC_SAMPLE).unwrap());
    let c = dir.file("c.JSONL", &known);
    dir.file("notes.txt", b"{not json");
    let hidden = dir.file(".hidden/h.jsonl", &known);
    dir.file(".dot.jsonl", b"{broken");
    let names = |args: &[&str]| -> Vec<String> {
        let v: Value = serde_json::from_str(&run(args, None).stdout).unwrap();
        v["inputs"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&["validate", "-f", "json", &dir.path()]), [b.clone(), c.clone(), a.clone()]);
    let r = run(&["validate", &dir.path()], None);
    assert_eq!(r.stdout, library_report(&[&b, &c, &a], Options::new()).to_string());
    let r = run(&["validate", "--hidden", &dir.path()], None);
    assert!(r.stdout.contains(&format!("  {hidden}: ")), "{}", r.stdout);
    assert!(r.stdout.contains(".dot.jsonl: "), "{}", r.stdout);
}

#[test]
fn utf16_exports_are_decoded_with_or_without_a_byte_order_mark() {
    let text = std::fs::read_to_string(ALL_KNOWN).unwrap();
    let dir = TempDir::new("utf16");
    let marked = dir.file("ps51.jsonl", &utf16(&text, false, true));
    let bare = dir.file("bare.jsonl", &utf16(&text, false, false));
    let r = run(&["validate", &marked], None);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("  {marked}: JSON Lines (decoded from UTF-16LE), 4 records")), "{}", r.stdout);
    let r = run(&["validate", &bare], None);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains(&format!("  {bare}: JSON Lines (decoded from UTF-16LE), 4 records")), "{}", r.stdout);
    assert!(r.stderr.contains("no byte order mark, but it starts like UTF-16LE text: decoded as UTF-16LE"));
    let r = run(&["validate"], Some(&utf16(&text, true, false)));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("  <stdin>: JSON Lines (decoded from UTF-16BE), 4 records"), "{}", r.stdout);
}

#[test]
fn allowlists_make_records_allowed_and_bad_allowlists_exit_2() {
    let dir = TempDir::new("allow");
    let input = generated(20, 4);
    let export = dir.file("export.jsonl", input.as_bytes());
    let list = dir.file("allow.tsv", b"# tenant extras\n\t\tRotate tenant keys 0\n\t\tRotate tenant keys 1\n");
    let r = run(&["validate", "--allow", &list, &export], None);
    let options = Options::new()
        .with_allowlist(std::sync::Arc::new(aad_audit_catalog::allowlist::Allowlist::read_path(&list).unwrap()));
    let expected = library_report(&[&export], options);
    assert_eq!(r.stdout, expected.to_string());
    assert!(expected.totals().allowed > 0 && expected.totals().unknown > 0);
    assert_eq!(r.code, 1);
    let all = dir.file("all.tsv", b"\t\tRotate tenant keys 0\n\t\tRotate tenant keys 4\n\t\tRotate tenant keys 3\n\t\tRotate tenant keys 2\n\t\tRotate tenant keys 1\n");
    assert_eq!(run(&["validate", "-a", &all, &export], None).code, 0);

    let bad = dir.file("bad.tsv", b"Core Directory\tonly two\n");
    let r = run(&["validate", "--allow", &bad, &export], None);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(r.stderr.contains(&format!("{bad}:1: expected service<TAB>category<TAB>activity")), "{}", r.stderr);
}

#[test]
fn strict_makes_forgiven_spellings_need_attention() {
    let forgiven =
        r#"{"loggedByService":"core directory","category":"UserManagement","activityDisplayName":"add user."}"#;
    let r = run(&["validate"], Some(forgiven.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run(&["validate", "--strict"], Some(forgiven.as_bytes()));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("strict"), "{}", r.stdout);
    assert_eq!(run(&["validate", "-s", "-f", "json"], Some(forgiven.as_bytes())).code, 1);
}

#[test]
fn page_checks_against_one_page_version() {
    let new =
        r#"{"loggedByService":"PIM","category":"GroupManagement","activityDisplayName":"Update role setting in PIM"}"#;
    assert_eq!(run(&["validate"], Some(new.as_bytes())).code, 0);
    assert_eq!(run(&["validate", "--page", "latest"], Some(new.as_bytes())).code, 0);
    let r = run(&["validate", "-p", "2022-11-29"], Some(new.as_bytes()));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("against the audit activity reference (page 2022-11-29)"), "{}", r.stdout);
    assert!(r.stdout.contains("is not documented in the 2022-11-29 page"), "{}", r.stdout);
    let r = run(&["validate", "--page", "2021-01-01"], Some(new.as_bytes()));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no such page version; the catalog has 2022-11-29, 2024-10-04"), "{}", r.stderr);
}

#[test]
fn threads_give_the_same_report_byte_for_byte() {
    // Larger than three of the report's 4 MiB chunks, so that several threads share it.
    let dir = TempDir::new("threads");
    let export = dir.file("big.jsonl", generated(24_000, 50).as_bytes());
    assert!(std::fs::metadata(&export).unwrap().len() > 12 << 20);
    for format in ["text", "json"] {
        let one = run(&["validate", "--threads", "1", "-f", format, &export], None);
        let two = run(&["validate", "-j", "2", "-f", format, &export], None);
        let all = run(&["validate", "-f", format, &export], None);
        assert_eq!(one.code, 1);
        assert_eq!((two.code, all.code), (1, 1));
        assert_eq!(one.stdout, two.stdout, "{format}");
        assert_eq!(one.stdout, all.stdout, "{format}");
    }
    assert_eq!(run(&["validate", "--threads", "0", &export], None).code, 2);
}

#[test]
fn output_writes_to_a_file_and_quiet_writes_nothing() {
    let dir = TempDir::new("output");
    let report = dir.0.join("report.txt").display().to_string();
    let r = run(&["validate", "--output", &report, GRAPH_SAMPLE], None);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    let written = std::fs::read_to_string(&report).unwrap();
    assert_eq!(written, library_report(&[GRAPH_SAMPLE], Options::new()).to_string());
    let csv = dir.0.join("catalog.csv").display().to_string();
    assert_eq!(run(&["export", "-o", &csv], None).code, 0);
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("LoggedByService,"));
    let r = run(&["validate", "-o", "/no/such/dir/report.txt", ALL_KNOWN], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/no/such/dir/report.txt: cannot create"), "{}", r.stderr);

    // The output file is never read or destroyed as an input.
    let export = dir.file("exports/a.jsonl", &std::fs::read(ALL_KNOWN).unwrap());
    let r = run(&["validate", &export, "-o", &export], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is both an input and the output (--output)"), "{}", r.stderr);
    assert_eq!(std::fs::read(&export).unwrap(), std::fs::read(ALL_KNOWN).unwrap());
    let names = dir.file("names.tsv", b"PIM\t\t\n");
    assert_eq!(run(&["check", &names, "--output", &names], None).code, 2);
    assert_eq!(std::fs::read(&names).unwrap(), b"PIM\t\t\n");
    let exports = dir.0.join("exports").display().to_string();
    let in_walk = dir.0.join("exports/report.json").display().to_string();
    for _ in 0..2 {
        // The second run finds the first run's report in the folder, and leaves it out.
        let r = run(&["validate", "-f", "json", "-o", &in_walk, &exports], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&in_walk).unwrap()).unwrap();
        assert_eq!(v["inputs"].as_array().unwrap().len(), 1);
    }

    for (args, code) in [
        (&["validate", "-q", GRAPH_SAMPLE][..], 1),
        (&["validate", "--quiet", ALL_KNOWN], 0),
        (&["-q", "validate", "-f", "jsonl", GRAPH_SAMPLE], 1),
        (&["lookup", "-q", "Core Directory", "UserManagement", "Add usr"], 1),
        (&["check", "--quiet"], 0),
    ] {
        let r = run(args, Some(b"PIM\tRoleManagement\tAdd member to role completed (PIM activation)\n"));
        assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (code, "", ""), "{args:?}");
    }
}

#[test]
fn colour_only_where_asked_or_on_a_terminal_and_never_with_no_color() {
    let escape = "\x1b[";
    let r = run(&["validate", ALL_KNOWN], None);
    assert!(!r.stdout.contains(escape), "a pipe gets no colour by default");
    let r = run(&["validate", "--color", "always", ALL_KNOWN], None);
    assert!(r.stdout.ends_with("\x1b[32mOK: every record is in the catalog.\x1b[0m\n"), "{:?}", r.stdout);
    let r = run(&["lookup", "--color=always", "Core Directory", "UserManagement", "add user"], None);
    assert!(r.stdout.starts_with("\x1b[33mforgiven\x1b[0m (case): "), "{:?}", r.stdout);
    let r = run_with(&["validate", "--color", "always", ALL_KNOWN], None, &[("NO_COLOR", "1")]);
    assert!(r.stdout.contains(escape), "--color always is asked for explicitly");
    let r = run(&["validate", "--color", "never", GRAPH_SAMPLE], None);
    assert!(!r.stdout.contains(escape));
    let r = run(&["validate", "--color", "always", "-f", "json", GRAPH_SAMPLE], None);
    assert!(!r.stdout.contains(escape), "JSON is never coloured");
    serde_json::from_str::<Value>(&r.stdout).unwrap();

    // On a terminal (script(1) gives the command one), auto colours unless NO_COLOR is set.
    if Path::new("/usr/bin/script").exists() {
        let on_terminal = |no_color: Option<&str>| {
            let mut cmd = Process::new("/usr/bin/script");
            cmd.args(["-qec", &format!("{BIN} validate {ALL_KNOWN}"), "/dev/null"]).stdin(Stdio::null());
            cmd.env_remove("NO_COLOR");
            if let Some(v) = no_color {
                cmd.env("NO_COLOR", v);
            }
            String::from_utf8(cmd.output().unwrap().stdout).unwrap()
        };
        let text = on_terminal(None);
        assert!(text.contains("OK: every record"), "{text}");
        assert!(text.contains("\x1b[32mOK: every record"), "{text:?}");
        assert!(!on_terminal(Some("1")).contains(escape));
    }
}

#[test]
fn a_terminal_on_standard_input_is_told_that_the_command_waits_for_it() {
    if !Path::new("/usr/bin/script").exists() {
        return;
    }
    for (command, what) in [("validate", "audit records"), ("check", "service<TAB>category<TAB>activity lines")] {
        let mut child = Process::new("/usr/bin/script")
            .args(["-qec", &format!("{BIN} {command}"), "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Ctrl-D on the terminal ends the input.
        child.stdin.as_mut().unwrap().write_all(b"\x04").unwrap();
        let mut text = String::new();
        child.stdout.take().unwrap().read_to_string(&mut text).unwrap();
        child.wait().unwrap();
        assert!(text.contains(&format!("aad-audit: reading {what} from standard input (a terminal)")), "{text}");
        assert!(text.contains("Ctrl-D"), "{text}");
    }
    // Not a terminal: not a word.
    assert_eq!(run(&["validate", "--allow-empty"], Some(b"")).stderr, "");
}

/// Spawns the command with its standard output on a pipe, reads the first line, closes the
/// pipe and returns the exit code and standard error.
fn first_line_then_close(args: &[&str], stdin: Option<&Path>) -> (i32, String, String) {
    let mut cmd = Process::new(BIN);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).unwrap()),
        None => Stdio::null(),
    });
    let mut child = cmd.spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The pipe is closed here, long before the command has written everything.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (status.code().expect("exited, not killed"), first, stderr)
}

#[test]
fn a_closed_pipe_keeps_the_exit_code_the_run_earns() {
    let dir = TempDir::new("pipe");
    // Every tenth record unknown; megabytes of output, far more than a pipe holds.
    let export = dir.file("bad.jsonl", generated(6_000, 10).as_bytes());
    let (code, first, stderr) = first_line_then_close(&["validate", "-f", "jsonl", "--all", &export], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(first.starts_with("{\"input\":"), "{first}");
    assert!(!stderr.contains("error"), "{stderr}");
    let (code, first, _) = first_line_then_close(&["validate", &export], None);
    assert_eq!(code, 1);
    assert!(first.starts_with("Checked 6000 records"), "{first}");
    let (code, first, stderr) = first_line_then_close(&["export"], None);
    assert_eq!(
        (code, first.as_str(), stderr.as_str()),
        (0, "LoggedByService,Category,ActivityDisplayName,FirstDocumented,LastDocumented\n", "")
    );
    let lines = dir.file("names.tsv", "\t\tAdd usr\n".repeat(20_000).as_bytes());
    let (code, _, _) = first_line_then_close(&["check", &lines], None);
    assert_eq!(code, 1);
}

// ---------------------------------------------------------------------------------------------
// check

fn tsv(stdout: &str) -> Vec<Vec<&str>> {
    stdout.lines().map(|l| l.split('\t').collect()).collect()
}

#[test]
fn check_writes_fixed_columns_with_a_header() {
    let input = "Core Directory\tUserManagement\tAdd user\n\
                 core directory\tUser Management\tadd user.\n\
                 Core Directory\tGroupManagement\tAdd user\n\
                 \t\tAdd usr\n\
                 PIM\t\t\n";
    let r = run(&["check"], Some(input.as_bytes()));
    assert_eq!(r.code, 1);
    let rows = tsv(&r.stdout);
    assert_eq!(
        rows[0],
        [
            "input",
            "line",
            "verdict",
            "service",
            "category",
            "activity",
            "matched_service",
            "matched_category",
            "matched_activity",
            "pages",
            "detail"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == 11), "{rows:?}");
    let documented = "2022-11-29, 2024-10-04";
    assert_eq!(
        rows[1][..],
        [
            "<stdin>",
            "1",
            "exact",
            "Core Directory",
            "UserManagement",
            "Add user",
            "Core Directory",
            "UserManagement",
            "Add user",
            documented,
            ""
        ]
    );
    assert_eq!(
        rows[2][2..],
        [
            "forgiven",
            "core directory",
            "User Management",
            "add user.",
            "Core Directory",
            "UserManagement",
            "Add user",
            documented,
            "case+trailing-period"
        ]
    );
    let elsewhere = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
    assert_eq!(
        rows[3][2..],
        ["unknown", "Core Directory", "GroupManagement", "Add user", "", "", "", "", &elsewhere.to_string()]
    );
    assert!(rows[4][10].starts_with("unknown activity \"Add usr\"; did you mean \"Add user\""), "{:?}", rows[4]);
    assert_eq!(rows[5][2..], ["exact", "PIM", "", "", "PIM", "", "", "", ""]);
    assert!(
        r.stderr.contains("5 lines: 2 exact, 1 forgiven, 0 allowed, 2 unknown, 0 malformed, 0 blank"),
        "{}",
        r.stderr
    );

    let r = run(&["check"], Some(b"PIM\tPIM\tActivationApproved\r\nCore Directory\tUserManagement\tUpdate user\n"));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(tsv(&r.stdout).len(), 3);
}

#[test]
fn check_reports_bad_lines_with_their_line_number_and_goes_on() {
    let input = b"a\tb\tc\td\n\
                  only one field\n\
                  \xff\xfe\tnot\tutf8\n\
                  Core Directory\tUserManagement\tAdd user\n";
    let r = run(&["check"], Some(input));
    assert_eq!(r.code, 1);
    let rows = tsv(&r.stdout);
    let bad: Vec<(&str, &str, &str)> = rows[1..4].iter().map(|r| (r[1], r[2], r[10])).collect();
    assert_eq!(
        bad,
        [
            ("1", "malformed", "line 1: expected 3 tab-separated fields (service, category, activity), found 4"),
            ("2", "malformed", "line 2: expected 3 tab-separated fields (service, category, activity), found 1"),
            ("3", "malformed", "line 3: not UTF-8"),
        ]
    );
    assert_eq!(rows[4][1..3], ["4", "exact"]);
    let r = run(&["check", "-f", "json"], Some(input));
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    for (i, result) in v["results"].as_array().unwrap().iter().enumerate() {
        assert_eq!(result["line"], i + 1);
        if result["verdict"] == "malformed" {
            assert!(result["message"].as_str().unwrap().starts_with(&format!("line {}: ", i + 1)), "{result}");
        }
    }
}

#[test]
fn check_strips_a_byte_order_mark_and_skips_and_counts_blank_lines() {
    let input = "\u{feff}Core Directory\tUserManagement\tAdd user\n\n   \n\t\t\r\nPIM\tRoleManagement\tAdd member to role completed (PIM activation)\n";
    let r = run(&["check"], Some(input.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stdout);
    let rows = tsv(&r.stdout);
    assert_eq!(rows.len(), 3, "blank lines have no row");
    assert_eq!(rows[1][1..4], ["1", "exact", "Core Directory"]);
    assert_eq!(rows[2][1..3], ["5", "exact"]);
    assert!(r.stderr.contains("5 lines: 2 exact, 0 forgiven, 0 allowed, 0 unknown, 0 malformed, 3 blank (skipped)"));
    let v: Value = serde_json::from_str(&run(&["check", "--format", "json"], Some(input.as_bytes())).stdout).unwrap();
    assert_eq!(v["totals"]["blank"], 3);
    assert_eq!(v["totals"]["lines"], 5);
    assert_eq!(v["results"].as_array().unwrap().len(), 2);
    assert_eq!(v["results"][0]["match"]["entry"]["activity"], "Add user");
}

#[test]
fn check_reads_files_and_stdin_and_exits_2_on_an_unreadable_file() {
    let dir = TempDir::new("check-files");
    let a = dir.file("a.tsv", b"Core Directory\tUserManagement\tAdd user\n");
    let b = dir.file("b.tsv", b"\t\tAdd usr\n");
    let r = run(&["check", &a, "-", &b], Some(b"PIM\t\t\n"));
    assert_eq!(r.code, 1);
    let places: Vec<(&str, &str)> = tsv(&r.stdout)[1..].iter().map(|r| (r[0], r[1])).collect();
    assert_eq!(places, [(a.as_str(), "1"), ("<stdin>", "1"), (b.as_str(), "1")]);
    dir.file("sub/c.txt", b"PIM\t\t\n");
    dir.file("sub/d.csv", b"not,read\n");
    let r = run(&["check", &dir.path()], None);
    let places: Vec<String> =
        tsv(&r.stdout)[1..].iter().map(|r| r[0].rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(places, ["a.tsv", "b.tsv", "c.txt"]);
    let r = run(&["check", &a, "no/such.tsv"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such.tsv: cannot read: "), "{}", r.stderr);
    assert_eq!(tsv(&r.stdout).len(), 2, "the readable file is still checked");
}

#[test]
fn check_takes_an_allowlist_strict_a_page_and_needs_a_line() {
    let dir = TempDir::new("check-options");
    let list = dir.file("allow.tsv", b"\t\tRotate tenant keys\n");
    let r = run(&["check", "--allow", &list], Some(b"Core Directory\tKeyManagement\tRotate tenant keys\n"));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        tsv(&r.stdout)[1][2..],
        [
            "allowed",
            "Core Directory",
            "KeyManagement",
            "Rotate tenant keys",
            "",
            "",
            "",
            "",
            "allowed by allowlist line 1"
        ]
    );
    let forgiven = b"core directory\tusermanagement\tadd user\n";
    assert_eq!(run(&["check"], Some(forgiven)).code, 0);
    assert_eq!(run(&["check", "--strict"], Some(forgiven)).code, 1);
    let new = b"PIM\tGroupManagement\tUpdate role setting in PIM\n";
    assert_eq!(run(&["check"], Some(new)).code, 0);
    let r = run(&["check", "--page", "2022-11-29"], Some(new));
    assert_eq!(r.code, 1);
    assert!(tsv(&r.stdout)[1][10].contains("not documented in the 2022-11-29 page"), "{}", r.stdout);
    let r = run(&["check"], Some(b"\n\n"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no line to check"), "{}", r.stderr);
    assert_eq!(run(&["check", "--allow-empty"], Some(b"")).code, 0);
}

/// The peak resident set size (`VmHWM`) of a running process, in bytes.
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
}

/// Runs `aad-audit check` on a first line of `long` bytes (no newline in it) and one good
/// line; the child's peak RSS, read before its input ends (so it is still running), and its
/// output.
fn check_with_a_long_line(long: usize) -> (u64, String) {
    let mut child = Process::new(BIN)
        .args(["check", "-f", "tsv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).unwrap();
        text
    });
    let mut stdin = child.stdin.take().unwrap();
    let block = vec![b'a'; 1 << 20];
    let mut left = long;
    while left > 0 {
        let n = left.min(block.len());
        stdin.write_all(&block[..n]).unwrap();
        left -= n;
    }
    stdin.write_all(b"\nCore Directory\tUserManagement\tAdd user\n").unwrap();
    stdin.flush().unwrap();
    // The pipe holds at most 64 KiB: the child has read nearly all of the long line by now.
    let peak = peak_rss(child.id());
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1), "a too-long line needs attention");
    (peak, reader.join().unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn check_holds_a_huge_line_to_the_record_limit_and_says_which_line() {
    let (small, _) = check_with_a_long_line(1 << 10);
    let (huge, text) = check_with_a_long_line(160 << 20);
    let rows = tsv(&text);
    assert_eq!(rows[1][1..3], ["1", "malformed"]);
    assert_eq!(
        rows[1][10],
        format!("line 1: longer than {} bytes: not read", aad_audit_catalog::report::MAX_RECORD_BYTES)
    );
    assert_eq!(rows[2][1..3], ["2", "exact"]);
    // The line is skipped, not held: at most the 16 MiB limit more than a small input.
    assert!(
        huge < small + (48 << 20),
        "peak RSS {} MiB for a 160 MiB line, {} MiB for a small one",
        huge >> 20,
        small >> 20
    );
}

// ---------------------------------------------------------------------------------------------
// lookup, search, services, notes

#[test]
fn lookup_says_what_matched_and_what_was_forgiven() {
    let documented = "documented 2022-11-29, 2024-10-04";
    let r = run(&["lookup", "Core Directory", "UserManagement", "Add user"], None);
    assert_eq!((r.code, r.stdout), (0, format!("exact: Core Directory / UserManagement / Add user ({documented})\n")));
    let r = run(&["lookup", "core directory", "User Management", "ADD USER."], None);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("forgiven (case+trailing-period): Core Directory / UserManagement / Add user ({documented})")
    );
    assert!(lines.contains(&r#"  activity "ADD USER." -> "Add user" (case+trailing-period)"#), "{lines:?}");
    let r = run(&["lookup", "Core Directory", "GroupManagement", "Add user"], None);
    let expected = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
    assert_eq!((r.code, r.stdout), (1, format!("unknown: {expected}\n")));

    let r = run(&["lookup", "-f", "json", "core directory", "UserManagement", "add user"], None);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((v["verdict"].as_str(), v["match"]["entry"]["activity"].as_str()), (Some("forgiven"), Some("Add user")));
    assert_eq!(v["match"]["forgiven"], serde_json::json!(["case"]));
    let r = run(&["lookup", "--format", "json", "Core Directory", "UserManagement", "Add usr"], None);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (r.code, v["verdict"].as_str(), v["error"]["kind"].as_str()),
        (1, Some("unknown"), Some("unknown-activity"))
    );
}

#[test]
fn lookup_with_service_and_category_lists_the_category() {
    let r = run(&["lookup", "Core Directory", "UserManagement"], None);
    assert_eq!(r.code, 0);
    let rows = tsv(&r.stdout);
    assert_eq!(rows[0], ["service", "category", "activity", "pages"]);
    let expected: Vec<&str> =
        Service::CoreDirectory.activities(Category::UserManagement).map(|e| e.activity()).collect();
    assert_eq!(rows[1..].iter().map(|r| r[2]).collect::<Vec<_>>(), expected);
    assert!(rows[1..].iter().all(|r| r[..2] == ["Core Directory", "UserManagement"]));

    let r = run(&["lookup", "privileged identity management", "pim", "--page", "2022-11-29", "-f", "json"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((v["service"].as_str(), v["category"].as_str()), (Some("PIM"), Some("PIM")));
    assert_eq!(v["forgiven"], serde_json::json!(["case"]));
    let in_old_page = |c: Category| {
        let pim = Service::PrivilegedIdentityManagement;
        Catalog::page(Page::oldest()).entries().filter(|e| e.service() == pim && e.category() == c).count()
    };
    assert_eq!(v["entries"].as_array().unwrap().len(), in_old_page(Category::Pim));
    // The 2024 page files PIM's role activities under RoleManagement; the 2022 page did not.
    assert_eq!(in_old_page(Category::RoleManagement), 0);
    assert_eq!(run(&["lookup", "PIM", "RoleManagement"], None).code, 0);
    let r = run(&["lookup", "PIM", "RoleManagement", "-p", "2022-11-29"], None);
    assert_eq!((r.code, r.stdout.as_str()), (1, "service\tcategory\tactivity\tpages\n"));
    assert!(r.stderr.contains("PIM lists nothing under RoleManagement in the 2022-11-29 page"), "{}", r.stderr);

    let r = run(&["lookup", "PIM", "UserManagement"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("unknown: category \"UserManagement\" is not used by PIM"), "{}", r.stdout);
}

#[test]
fn lookup_by_activity_lists_every_place_in_one_page_or_all() {
    let r = run(&["lookup", "--activity", "delete identity provider"], None);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(r.stdout.lines().all(|l| l.starts_with("forgiven (case): B2C / ")), "{}", r.stdout);
    let r = run(&["lookup", "--activity", "Add usr"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with(r#"unknown: unknown activity "Add usr"; did you mean "Add user""#), "{}", r.stdout);
    let r = run(&["lookup", "--activity", "Update role setting in PIM", "-p", "2022-11-29"], None);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let r = run(&["lookup", "--activity", "Add user", "-f", "json"], None);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["matches"].as_array().unwrap().len(), 1);
    assert_eq!(v["verdict"], "found");
}

#[test]
fn search_prints_log_names_with_a_header_and_exits_1_when_there_are_none() {
    let r = run(&["search", "member to role", "--service", "core directory"], None);
    assert_eq!(r.code, 0);
    let rows = tsv(&r.stdout);
    assert_eq!(rows[0], ["service", "category", "activity", "pages"]);
    assert!(rows.len() > 2);
    for row in &rows[1..] {
        assert_eq!(row[0], "Core Directory");
        assert!(row[2].to_lowercase().contains("member to role"), "{row:?}");
        assert!(entries().iter().any(|e| e.activity() == row[2] && e.category().as_str() == row[1]));
    }
    let r = run(&["search", "add *", "-c", "usermanagement", "-f", "json"], None);
    let hits: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h["activity"].as_str().unwrap().starts_with("Add ")));
    let all = tsv(&run(&["search", "pim"], None).stdout).len();
    let old = tsv(&run(&["search", "pim", "--page", "2022-11-29"], None).stdout).len();
    assert!(old < all, "{old} {all}");
    let r = run(&["search", "no such activity at all"], None);
    assert_eq!((r.code, r.stdout.as_str()), (1, "service\tcategory\tactivity\tpages\n"));
    assert!(r.stderr.contains("no activity matches"), "{}", r.stderr);
    let r = run(&["search", "user", "--service", "Core Directry"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(r#"unknown service "Core Directry"; did you mean "Core Directory"?"#), "{}", r.stderr);
}

#[test]
fn services_and_notes_list_the_catalog_as_text_or_json() {
    let r = run(&["services"], None);
    assert_eq!(r.code, 0);
    let rows = tsv(&r.stdout);
    assert_eq!(rows[0], ["service", "loggedByService", "activities", "categories"]);
    assert_eq!(rows.len(), 1 + services().len());
    for (row, s) in rows[1..].iter().zip(services()) {
        assert_eq!((row[0], row[2]), (s.as_str(), s.entries().len().to_string().as_str()));
    }
    let v: Vec<Value> = serde_json::from_str(&run(&["services", "-f", "json"], None).stdout).unwrap();
    assert_eq!(v.len(), services().len());
    assert_eq!(v[0]["headings"][0]["heading"].as_str(), Some(services().next().unwrap().headings()[0].text()));

    let r = run(&["notes"], None);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, notes().iter().map(|n| format!("{n}\n")).collect::<String>());
    let r = run(&["notes", "--page", "2022-11-29", "-f", "json"], None);
    let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.len(), Page::oldest().notes().len());
    assert!(v.iter().all(|n| n["page"] == "2022-11-29"));
}

// ---------------------------------------------------------------------------------------------
// diff, export

#[test]
fn diff_lists_what_changed_between_pages_as_text_or_json() {
    let d = diff(Page::oldest(), Page::latest());
    let [unchanged, added, removed, respelled, moved] = d.counts();
    let r = run(&["diff"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with(&format!(
        "From the 2022-11-29 page to the 2024-10-04 page:\n  unchanged {unchanged}, added {added}, removed {removed}, respelled {respelled}, moved {moved}\n"
    )), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("\nAdded ({added}):\n")));
    for e in d.added() {
        assert!(r.stdout.contains(&format!("  {e}\n")), "{e}");
    }
    assert!(
        r.stdout.contains("  B2C / Authorization / Create Api connector -> Create API connector\n"),
        "{}",
        r.stdout
    );

    let r = run(&["diff", "--from", "2022-11-29", "--to", "latest", "-f", "json"], None);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((v["from"].as_str(), v["to"].as_str()), (Some("2022-11-29"), Some("2024-10-04")));
    for (class, n) in
        [("unchanged", unchanged), ("added", added), ("removed", removed), ("respelled", respelled), ("moved", moved)]
    {
        assert_eq!(v[class].as_array().unwrap().len(), n, "{class}");
        assert_eq!(v["counts"][class], n, "{class}");
    }
    assert!(
        v["respelled"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["from"]["activity"] == "Create Api connector" && c["to"]["activity"] == "Create API connector")
    );

    // Backwards, what was added is what was removed.
    let v: Value =
        serde_json::from_str(&run(&["diff", "--from", "latest", "--to", "oldest", "--format", "json"], None).stdout)
            .unwrap();
    assert_eq!(v["counts"]["removed"], added);
    assert_eq!(run(&["diff", "--from", "1999-01-01"], None).code, 2);
}

fn library_export(format: export::Format, scope: export::Scope) -> String {
    let mut out = Vec::new();
    export::write(&mut out, format, scope).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn export_writes_what_the_library_writes_in_every_format_and_page() {
    use export::{Format, Scope};
    let r = run(&["export"], None);
    assert_eq!((r.code, r.stdout), (0, library_export(Format::Csv, Scope::All)), "csv is the default");
    for (name, format) in [
        ("csv", Format::Csv),
        ("tsv", Format::Tsv),
        ("json", Format::Json),
        ("kql", Format::Kql),
        ("watchlist", Format::Watchlist),
    ] {
        assert_eq!(run(&["export", "-f", name], None).stdout, library_export(format, Scope::All), "{name}");
        let r = run(&["export", "--format", name, "--page", "2022-11-29"], None);
        assert_eq!(r.stdout, library_export(format, Scope::Page(Page::oldest())), "{name} --page");
    }
    let tsv = run(&["export", "-f", "tsv", "-p", "2022-11-29"], None).stdout;
    assert_eq!(tsv.lines().next(), Some("line\theading\tcategory\tactivity"));
    assert_eq!(tsv.lines().count(), 1 + 826);

    let mut notes_csv = Vec::new();
    export::write_notes_csv(&mut notes_csv, Scope::All).unwrap();
    assert_eq!(run(&["export", "--notes"], None).stdout.as_bytes(), notes_csv.as_slice());
    let r = run(&["export", "--notes", "-f", "json"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--notes writes CSV"), "{}", r.stderr);
}

#[test]
fn the_kql_export_is_a_well_formed_datatable_with_log_names() {
    let kql = run(&["export", "--format", "kql"], None).stdout;
    let mut lines = kql.lines();
    assert_eq!(
        lines.next(),
        Some(
            "datatable(LoggedByService:string, Category:string, ActivityDisplayName:string, FirstDocumented:datetime, LastDocumented:datetime) ["
        )
    );
    let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "]").collect();
    assert_eq!(body.len(), entries().len());
    assert_eq!(lines.next(), None, "nothing after the closing bracket");
    for (line, e) in body.iter().zip(entries()) {
        // Every value a string literal with `"` and `\` escaped, then the two dates.
        let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let (first, last) = (e.pages().first().unwrap(), e.pages().last().unwrap());
        let expected = format!(
            "    \"{}\", \"{}\", \"{}\", datetime({first}), datetime({last}),",
            escape(e.service().as_str()),
            escape(e.category().as_str()),
            escape(e.activity())
        );
        assert_eq!(*line, expected);
    }
    assert!(kql.contains(r#""PIM", "RoleManagement", "Add member to role completed (PIM activation)", datetime(2024-10-04), datetime(2024-10-04),"#));
    let watchlist = run(&["export", "-f", "watchlist"], None).stdout;
    assert!(
        watchlist
            .starts_with("SearchKey,LoggedByService,Category,ActivityDisplayName,FirstDocumented,LastDocumented\n")
    );
}

// ---------------------------------------------------------------------------------------------
// version, help, completions, man, usage

#[test]
fn version_names_the_crate_version_and_every_page_with_its_date() {
    let r = run(&["--version"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with(&format!("aad-audit {}\n", env!("CARGO_PKG_VERSION"))), "{}", r.stdout);
    for page in Page::ALL {
        assert!(r.stdout.contains(&format!("  {}  {} ({})\n", page.date(), page.title(), page.file())), "{}", r.stdout);
    }
    let r = run(&["-V"], None);
    assert_eq!(r.stdout, format!("aad-audit {} (catalog pages 2022-11-29, 2024-10-04)\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_documents_the_exit_codes() {
    for args in [&["--help"][..], &["validate", "--help"], &["check", "-h"], &["lint", "--help"]] {
        let r = run(args, None);
        if r.code == 2 {
            // `lint` without the `rules` feature.
            continue;
        }
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("Exit codes:\n  0  "), "{args:?}: {}", r.stdout);
        assert!(r.stdout.contains("\n  2  usage error"), "{args:?}");
    }
    let r = run(&["help"], None);
    for command in
        ["validate", "check", "lookup", "search", "services", "notes", "diff", "export", "completions", "man"]
    {
        assert!(r.stdout.contains(&format!("\n  {command} ")), "{command}: {}", r.stdout);
    }
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef aad-audit"),
        ("fish", "complete -c aad-audit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = run(&["completions", shell], None);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains(marker), "{shell}: {}", &r.stdout[..r.stdout.len().min(300)]);
        assert!(r.stdout.contains("validate") && r.stdout.contains("allow-empty"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"], None).code, 2);
    let r = run(&["man"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(".TH aad-audit 1"), "{}", &r.stdout[..300]);
    assert!(r.stdout.contains("validate"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["validate", "--format", "xml"][..],
        &["validate", "--threads", "many"],
        &["lookup", "Core Directory"],
        &["lookup", "--activity", "Add user", "Core Directory", "UserManagement", "Add user"],
        &["export", "--format", "xml"],
        &["check", "--format", "csv"],
        &["--color", "sometimes", "services"],
        &["frobnicate"],
        &[],
    ] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
}

/// Without the `rules` feature there is no `lint`; with it, tests/rules.rs runs it.
#[cfg(not(feature = "rules"))]
#[test]
fn lint_needs_the_rules_feature() {
    assert_eq!(run(&["lint", "tests/fixtures/rules"], None).code, 2);
}

#[cfg(feature = "rules")]
#[test]
fn lint_takes_the_global_options() {
    let clean = "tests/fixtures/rules/sentinel/clean.yaml";
    let r = run(&["lint", "-q", clean], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let dir = TempDir::new("lint");
    let out = dir.0.join("findings.sarif").display().to_string();
    let r = run(&["lint", "tests/fixtures/rules", "-f", "sarif", "-o", &out], None);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

/// The README's copy of `--help` (built with `rules`, as the README describes it).
#[cfg(feature = "rules")]
#[test]
fn the_readme_shows_the_help_as_the_command_prints_it() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("$ aad-audit --help\n").expect("the README shows the help") + "$ aad-audit --help\n".len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let printed = run(&["--help"], None).stdout;
    // The README stops before the `help` subcommand and the options.
    let printed = &printed[..printed.find("  help ").unwrap()];
    assert_eq!(shown, printed);
}
