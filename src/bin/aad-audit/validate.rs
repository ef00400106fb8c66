//! `aad-audit validate`: read audit exports and report on every record (`report::Report`,
//! `report::Reader`).

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use aad_audit_catalog::report::{InputFormat, InputNote, Options, Reader, Report, StopKind, Tally};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};

use crate::inputs::{self, Input};
use crate::output::{self, Exit, Failed, Hue, Out, Outcome, Paint};

/// Validate audit record exports against the catalog.
///
/// Says which records are documented, which matched only after forgiving a spelling, which
/// are unknown (with what was probably meant) and which are malformed.
///
/// Reads JSON Lines (a record, or a `{"records": [...]}` batch, per line) or JSON documents (an
/// array of records, a `records` or Graph `value` wrapper, one record), in any of the three
/// record shapes: Graph directoryAudit, Log Analytics AuditLogs, diagnostic settings. UTF-16
/// (what Windows PowerShell 5.1 writes with `>`) is decoded. Directories are walked for
/// `*.json` and `*.jsonl` files, in name order. An input with no records at all needs
/// attention (exit 1) unless --allow-empty.
#[derive(clap::Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct Args {
    /// Files or directories to read (`-` for standard input); standard input when none.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format: a report as text or JSON, or one JSON line per record (jsonl).
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// With --format jsonl: list exact records too (by default only those worth a look).
    #[arg(long)]
    all: bool,
    /// How the inputs are laid out.
    #[arg(short, long, value_enum, value_name = "LAYOUT", default_value_t = Layout::Auto)]
    input: Layout,
    #[command(flatten)]
    acceptance: inputs::Acceptance,
    /// Threads checking a JSON Lines input (1: on this thread alone); by default every core.
    /// --format jsonl reads on one thread.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Also walk hidden files and directories.
    #[arg(long)]
    hidden: bool,
    /// Never draw a progress bar (one is drawn only when standard error is a terminal).
    #[arg(long)]
    no_progress: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A report for a person.
    Text,
    /// The report as one JSON document.
    Json,
    /// One JSON object per record with its verdict (JSON Lines).
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum Layout {
    /// Decide per input.
    Auto,
    /// JSON Lines.
    Jsonl,
    /// JSON documents.
    Json,
}

/// Inputs this large (bytes) get a progress bar, when standard error is a terminal.
const PROGRESS_FROM: u64 = 4 << 20;

/// Validates the inputs and writes the report.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let options = options(&args)?;
    let format = match args.input {
        Layout::Auto => InputFormat::Auto,
        Layout::Jsonl => InputFormat::JsonLines,
        Layout::Json => InputFormat::Json,
    };
    let mut inputs = inputs::expand(&output::stdin_if_none(args.paths.clone()), &["json", "jsonl"], args.hidden, out);
    inputs::leave_out_output(&mut inputs, &args.paths, out)?;
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        inputs::hint_if_terminal(out, "audit records");
    }
    let threads = args.threads.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let progress = !args.no_progress && !out.quiet && io::stderr().is_terminal();
    let mut report = Report::with_options(options.clone());
    let mut sink = PerRecord { all: args.all, error: None };
    for input in &inputs {
        match open(input, out) {
            Ok((name, reader, len)) => {
                // No bar while someone types the input.
                let typed = matches!(input, Input::Stdin) && io::stdin().is_terminal();
                let (reader, bar) = with_progress(reader, &name, len, progress && !typed);
                if args.format == Format::Jsonl {
                    let reader = Reader::with_options(name, reader, format, &options);
                    report.add(Tally::of_each(reader, &options, |c| sink.write(out, c)));
                } else {
                    report.read_parallel(name, reader, format, threads);
                }
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
            }
            // Recorded in the report as an input not read, with why.
            Err(()) => _ = report.read_path(input_path(input), format),
        }
        tell_stops(&report, out);
    }
    if let Some(e) = sink.error {
        return Err(e.into());
    }
    write_report(&report, args.format, out)?;
    Ok(exit(&report, args.acceptance.allow_empty, out))
}

/// The report's options: strictness, allowlist, page.
fn options(args: &Args) -> Result<Options, Failed> {
    let acceptance = &args.acceptance;
    let mut options = Options::new().with_strict(acceptance.strict).with_catalog(acceptance.catalog());
    if let Some(list) = acceptance.allowlist()? {
        options = options.with_allowlist(Arc::new(list));
    }
    Ok(options)
}

/// The path of an input that could not be opened (its report entry says why).
fn input_path(input: &Input) -> PathBuf {
    match input {
        Input::File(p) | Input::Unreadable(p, _) => p.clone(),
        Input::Stdin => PathBuf::from("-"),
    }
}

/// An input opened and sniffed for UTF-16 without a byte order mark: its name, reader and
/// length; `Err` when it cannot be opened (the report then records it as not read).
#[allow(clippy::type_complexity, reason = "a tuple read once, right here")]
fn open(input: &Input, out: &Out) -> Result<(String, Box<dyn Read + Send>, Option<u64>), ()> {
    let name = input.name();
    let (reader, len): (Box<dyn Read + Send>, _) = match input {
        Input::Stdin => (Box::new(io::stdin()), None),
        Input::File(path) => match inputs::open(path) {
            Ok(file) => {
                let len = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                (Box::new(file), len)
            }
            Err(_) => return Err(()),
        },
        Input::Unreadable(..) => return Err(()),
    };
    match inputs::sniff(reader) {
        Ok((reader, bare)) => {
            if let Some(utf16) = bare {
                out.warn(format_args!(
                    "{name}: no byte order mark, but it starts like {0} text: decoded as {0}",
                    utf16.as_str()
                ));
            }
            Ok((name, Box::new(reader), len))
        }
        // Reading the first bytes failed: the report's reader meets the same error and the
        // report says so.
        Err(e) => Ok((name, Box::new(Failing(Some(e))), len)),
    }
}

/// A reader whose first read fails with the error it holds (then it is at its end).
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// A reader with a progress bar on standard error, or the reader itself.
fn with_progress(
    reader: Box<dyn Read + Send>,
    name: &str,
    len: Option<u64>,
    show: bool,
) -> (Box<dyn Read + Send>, Option<ProgressBar>) {
    if !show || len.is_some_and(|l| l < PROGRESS_FROM) {
        return (reader, None);
    }
    let bar = match len {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template("{prefix} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{prefix} {spinner} {bytes} ({bytes_per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    let bar = bar.with_prefix(name.to_string());
    (Box::new(bar.wrap_read(reader)), Some(bar))
}

/// Says on standard error why the last input stopped, when reading it failed.
fn tell_stops(report: &Report, out: &Out) {
    let Some(input) = report.inputs().last() else { return };
    if let Some(stop) = input.stopped.as_ref().filter(|s| s.kind == StopKind::Io) {
        out.error(format_args!("{}: {}", input.name, stop.message));
    }
}

/// `--format jsonl`: each record worth a look (every record with `--all`) as one JSON line.
struct PerRecord {
    all: bool,
    /// The first write error (a closed pipe is not one).
    error: Option<io::Error>,
}

impl PerRecord {
    fn write(&mut self, out: &mut Out, checked: &aad_audit_catalog::report::Checked<'_>) {
        let exact = matches!(checked.verdict(), Ok(aad_audit_catalog::records::Verdict::Exact(_)));
        if (exact && !self.all) || self.error.is_some() || out.quiet {
            return;
        }
        let written = serde_json::to_writer(&mut *out, &checked.to_owned()).map_err(io::Error::from);
        if let Err(e) = written.and_then(|()| out.write_all(b"\n")) {
            self.error = Some(e);
        }
    }
}

/// Writes the report in `format` (for JSON Lines, what the records did not say goes to
/// standard error).
fn write_report(report: &Report, format: Format, out: &mut Out) -> io::Result<()> {
    match format {
        Format::Text => {
            let text = report.to_string();
            out.write_all(paint_report(&text, out.paint).as_bytes())
        }
        Format::Json => output::json(out, report),
        Format::Jsonl => {
            for input in report.inputs() {
                // As in the text report: a guess that led to a stop is told in the stop.
                if let Some(note @ (InputNote::ReadAsJsonLines | InputNote::LooksLikeDocument)) = input.note {
                    out.warn(format_args!("{}: {}", input.name, note.message()));
                }
                if let Some(stop) = input.stopped.as_ref().filter(|s| s.kind != StopKind::Io) {
                    let at = stop.line.map(|l| format!(":{l}")).unwrap_or_default();
                    out.warn(format_args!("{}{at}: stopped: {}", input.name, stop.message));
                }
            }
            let t = report.totals();
            out.note(format_args!(
                "{} records: {} exact, {} forgiven, {} allowed, {} unknown, {} malformed",
                t.records, t.exact, t.forgiven, t.allowed, t.unknown, t.malformed
            ));
            Ok(())
        }
    }
}

/// The report's text with its verdict, section headings, notes and stops coloured.
fn paint_report(text: &str, paint: Paint) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let hue = [
            ("OK:", Hue::Good),
            ("NOT OK:", Hue::Bad),
            ("NO RECORDS:", Hue::Bad),
            ("Exact:", Hue::Bold),
            ("Forgiven:", Hue::Warn),
            ("Allowed:", Hue::Bold),
            ("Unknown:", Hue::Bad),
            ("Malformed:", Hue::Bad),
            ("STOPPED:", Hue::Bad),
            ("NOTE:", Hue::Warn),
        ]
        .into_iter()
        .find(|(prefix, _)| trimmed.starts_with(prefix));
        match hue {
            Some((_, hue)) => {
                let body = line.trim_end_matches('\n');
                out.push_str(&paint.paint(hue, body).to_string());
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The exit code the report earns; an input with no records says so.
fn exit(report: &Report, allow_empty: bool, out: &Out) -> Exit {
    if report.has_io_errors() {
        return Exit::Failure;
    }
    if report.is_clean() && report.is_empty() && !allow_empty {
        out.note(
            "no audit records in the input: an empty export usually means the export or its query went wrong \
             (exit code 1; --allow-empty accepts an empty input)",
        );
        return Exit::Attention;
    }
    Exit::attention_if(!report.is_clean())
}
