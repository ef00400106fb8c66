//! `aad-audit check`: check `service<TAB>category<TAB>activity` lines (`Catalog::validate`,
//! with an allowlist), one result line per input line, in fixed columns.

use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;

use aad_audit_catalog::allowlist::Allowlist;
use aad_audit_catalog::report::MAX_RECORD_BYTES;
use aad_audit_catalog::{Catalog, Validated, ValidationError};
use clap::ValueEnum;
use serde::Serialize;

use crate::inputs::{self, Input, Line, read_line};
use crate::output::{self, Exit, Out, Outcome};

/// Check `service<TAB>category<TAB>activity` lines.
///
/// For lists of names such as a parser's or a detection rule's. Reads files (directories are
/// walked for `*.tsv` and `*.txt` files) or standard input.
///
/// Each line has exactly three tab-separated fields; an empty field is not checked (so
/// `<TAB><TAB>Add user` checks the activity alone). Blank lines are skipped and counted; a
/// leading UTF-8 byte order mark and CRLF line ends are fine; a line longer than 16 MiB is
/// malformed and skipped to its end. Writes one line per input line, with a header:
/// input, line, verdict (exact, forgiven, allowed, unknown or malformed), the three fields as
/// given, the matched entry's service, category and activity (as logs name them), the page
/// versions that document it, and what was forgiven, what is wrong or what was meant.
#[derive(clap::Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct Args {
    /// Files or directories to read (`-` for standard input); standard input when none.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format: tab-separated columns with a header, or one JSON document.
    #[arg(short, long, value_enum, default_value_t = Format::Tsv)]
    format: Format,
    #[command(flatten)]
    acceptance: inputs::Acceptance,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Tab-separated columns with a header.
    Tsv,
    /// One JSON document: `{"results": [...], "totals": {...}}`.
    Json,
}

/// The TSV header.
const HEADER: &str = "input\tline\tverdict\tservice\tcategory\tactivity\tmatched_service\tmatched_category\tmatched_activity\tpages\tdetail";

/// Checks the lines of every input and writes one result per line.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let checker = Checker { catalog: args.acceptance.catalog(), allowlist: args.acceptance.allowlist()? };
    let mut inputs = inputs::expand(&output::stdin_if_none(args.files.clone()), &["tsv", "txt"], false, out);
    inputs::leave_out_output(&mut inputs, &args.files, out)?;
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        inputs::hint_if_terminal(out, "service<TAB>category<TAB>activity lines");
    }
    let mut writer = Writer { format: args.format, totals: Totals::default(), first: true };
    writer.start(out)?;
    let mut unreadable = false;
    for input in &inputs {
        let name = input.name();
        let read = match input {
            Input::Stdin => check_input(&name, io::stdin().lock(), &checker, &mut writer, out),
            Input::File(path) => match inputs::open(path) {
                Ok(file) => check_input(&name, BufReader::with_capacity(64 << 10, file), &checker, &mut writer, out),
                Err(e) => Err(e),
            },
            Input::Unreadable(_, e) => Err(io::Error::new(e.kind(), e.to_string())),
        };
        if let Err(e) = read {
            out.error(format_args!("{name}: cannot read: {e}"));
            unreadable = true;
        }
    }
    writer.end(out)?;
    let t = writer.totals;
    out.note(format_args!(
        "{} lines: {} exact, {} forgiven, {} allowed, {} unknown, {} malformed, {} blank (skipped)",
        t.lines, t.exact, t.forgiven, t.allowed, t.unknown, t.malformed, t.blank
    ));
    if unreadable {
        return Ok(Exit::Failure);
    }
    if t.lines == t.blank && !args.acceptance.allow_empty {
        out.note("no line to check (exit code 1; --allow-empty accepts an empty input)");
        return Ok(Exit::Attention);
    }
    Ok(Exit::attention_if(t.unknown + t.malformed + if args.acceptance.strict { t.forgiven } else { 0 } > 0))
}

/// What a line is checked against.
struct Checker {
    catalog: Catalog,
    allowlist: Option<Allowlist>,
}

/// One line's result.
enum Verdict {
    Exact(Validated),
    Forgiven(Validated),
    Allowed(usize),
    Unknown(ValidationError),
    Malformed(String),
}

impl Verdict {
    fn as_str(&self) -> &'static str {
        match self {
            Verdict::Exact(_) => "exact",
            Verdict::Forgiven(_) => "forgiven",
            Verdict::Allowed(_) => "allowed",
            Verdict::Unknown(_) => "unknown",
            Verdict::Malformed(_) => "malformed",
        }
    }
}

impl Checker {
    /// The verdict on three fields.
    fn check(&self, fields: [&str; 3]) -> Verdict {
        match self.catalog.validate(Some(fields[0]), Some(fields[1]), Some(fields[2])) {
            Ok(v) if v.is_exact() => Verdict::Exact(v),
            Ok(v) => Verdict::Forgiven(v),
            Err(e) => match self.allowlist.as_ref().and_then(|l| l.find(fields[0], fields[1], fields[2])) {
                Some(rule) => Verdict::Allowed(rule.line()),
                None => Verdict::Unknown(e),
            },
        }
    }
}

/// Checks every line of one input.
fn check_input(
    name: &str,
    mut reader: impl BufRead,
    checker: &Checker,
    w: &mut Writer,
    out: &mut Out,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        let line = read_line(&mut reader, &mut buf, MAX_RECORD_BYTES)?;
        line_no += 1;
        let verdict = match line {
            Line::End => return Ok(()),
            Line::TooLong => {
                Verdict::Malformed(format!("line {line_no}: longer than {MAX_RECORD_BYTES} bytes: not read"))
            }
            Line::Text => {
                let bytes = if line_no == 1 { buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf) } else { &buf };
                let Ok(text) = std::str::from_utf8(bytes) else {
                    let v = Verdict::Malformed(format!("line {line_no}: not UTF-8"));
                    w.result(out, Row { input: name, line: line_no, fields: None, verdict: &v })?;
                    continue;
                };
                if text.trim().is_empty() {
                    w.totals.lines += 1;
                    w.totals.blank += 1;
                    continue;
                }
                let fields: Vec<&str> = text.split('\t').collect();
                let Ok(fields) = <[&str; 3]>::try_from(fields.as_slice()) else {
                    let found = fields.len();
                    let v = Verdict::Malformed(format!(
                        "line {line_no}: expected 3 tab-separated fields (service, category, activity), found {found}"
                    ));
                    w.result(out, Row { input: name, line: line_no, fields: None, verdict: &v })?;
                    continue;
                };
                let v = checker.check(fields);
                w.result(out, Row { input: name, line: line_no, fields: Some(fields), verdict: &v })?;
                continue;
            }
        };
        w.result(out, Row { input: name, line: line_no, fields: None, verdict: &verdict })?;
    }
}

/// Lines counted by verdict.
#[derive(Debug, Clone, Copy, Default, Serialize)]
struct Totals {
    lines: u64,
    blank: u64,
    exact: u64,
    forgiven: u64,
    allowed: u64,
    unknown: u64,
    malformed: u64,
}

/// One result to write.
struct Row<'a> {
    input: &'a str,
    line: u64,
    fields: Option<[&'a str; 3]>,
    verdict: &'a Verdict,
}

/// Writes results as TSV or as one streamed JSON document, counting them.
struct Writer {
    format: Format,
    totals: Totals,
    first: bool,
}

impl Writer {
    fn start(&mut self, out: &mut Out) -> io::Result<()> {
        match self.format {
            Format::Tsv => writeln!(out, "{HEADER}"),
            Format::Json => out.write_all(b"{\"results\": [\n"),
        }
    }

    fn end(&mut self, out: &mut Out) -> io::Result<()> {
        if self.format == Format::Json {
            let sep = if self.first { "" } else { "\n" };
            write!(out, "{sep}],\n\"totals\": ")?;
            serde_json::to_writer(&mut *out, &self.totals)?;
            out.write_all(b"}\n")?;
        }
        Ok(())
    }

    fn result(&mut self, out: &mut Out, row: Row<'_>) -> io::Result<()> {
        let t = &mut self.totals;
        t.lines += 1;
        match row.verdict {
            Verdict::Exact(_) => t.exact += 1,
            Verdict::Forgiven(_) => t.forgiven += 1,
            Verdict::Allowed(_) => t.allowed += 1,
            Verdict::Unknown(_) => t.unknown += 1,
            Verdict::Malformed(_) => t.malformed += 1,
        }
        match self.format {
            Format::Tsv => write_tsv(out, &row),
            Format::Json => {
                out.write_all(if self.first { b"" } else { b",\n" })?;
                self.first = false;
                serde_json::to_writer(&mut *out, &JsonRow(&row)).map_err(io::Error::from)
            }
        }
    }
}

/// The matched service, category and activity (as logs name them) and the pages documenting
/// the activity, where a line matched.
fn matched(v: &Verdict) -> [String; 4] {
    let (Verdict::Exact(v) | Verdict::Forgiven(v)) = v else { return Default::default() };
    [
        v.service().map(|s| s.as_str().to_string()).unwrap_or_default(),
        v.category().map(|c| c.as_str().to_string()).unwrap_or_default(),
        v.entry().map(|e| e.activity().to_string()).unwrap_or_default(),
        v.entry().map(|e| e.pages().to_string()).unwrap_or_default(),
    ]
}

/// The last column: what was forgiven, where the allowlist allows it, what is wrong.
fn detail(v: &Verdict) -> String {
    match v {
        Verdict::Exact(_) => String::new(),
        Verdict::Forgiven(v) => v.forgiven().to_string(),
        Verdict::Allowed(line) => format!("allowed by allowlist line {line}"),
        Verdict::Unknown(e) => e.to_string(),
        Verdict::Malformed(message) => message.clone(),
    }
}

fn write_tsv(out: &mut Out, row: &Row<'_>) -> io::Result<()> {
    let [s, c, a] = row.fields.unwrap_or_default();
    let [ms, mc, ma, pages] = matched(row.verdict);
    let verdict = row.verdict.as_str();
    let detail = detail(row.verdict);
    writeln!(out, "{}\t{}\t{verdict}\t{s}\t{c}\t{a}\t{ms}\t{mc}\t{ma}\t{pages}\t{detail}", row.input, row.line)
}

/// A result as JSON: `{"input", "line", "verdict", "given", "match", "forgiven", "error",
/// "message"}`.
struct JsonRow<'a, 'r>(&'a Row<'r>);

impl Serialize for JsonRow<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let row = self.0;
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("input", row.input)?;
        m.serialize_entry("line", &row.line)?;
        m.serialize_entry("verdict", row.verdict.as_str())?;
        let given = row.fields.map(|[service, category, activity]| Given { service, category, activity });
        m.serialize_entry("given", &given)?;
        let found = match row.verdict {
            Verdict::Exact(v) | Verdict::Forgiven(v) => Some(v),
            _ => None,
        };
        m.serialize_entry("match", &found)?;
        m.serialize_entry("error", &if let Verdict::Unknown(e) = row.verdict { Some(e) } else { None })?;
        m.serialize_entry("allowedBy", &if let Verdict::Allowed(line) = row.verdict { Some(line) } else { None })?;
        let message = match row.verdict {
            Verdict::Exact(_) => None,
            other => Some(detail(other)),
        };
        m.serialize_entry("message", &message)?;
        m.end()
    }
}

#[derive(Serialize)]
struct Given<'a> {
    service: &'a str,
    category: &'a str,
    activity: &'a str,
}
