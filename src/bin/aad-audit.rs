//! `aad-audit`: check Microsoft Entra ID (Azure AD) audit records against the catalog of
//! documented audit activities.
//!
//! Exit status: 0 when everything asked about is in the catalog, 1 when something is unknown
//! or malformed (or a search finds nothing), 2 for usage and I/O errors.

use std::fs::File;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aad_audit_catalog::report::{InputFormat, Report, StopKind};
use aad_audit_catalog::{
    Category, Field, Match, Service, Validated, ValidationErrorKind, export, find_activity, notes, search, services,
    validate,
};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

#[cfg(feature = "rules")]
#[path = "aad-audit/lint.rs"]
mod lint;

/// Check Microsoft Entra ID (Azure AD) audit records against the documented audit activities.
#[derive(Parser)]
#[command(name = "aad-audit", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate audit record exports: which activities are documented, which matched only
    /// after forgiving a spelling, which are unknown, which records are malformed.
    ///
    /// Reads JSON Lines (a record or a `{"records": [...]}` batch per line) or JSON documents
    /// (an array of records, a `records` or Graph `value` wrapper, a single record), in any of
    /// the three record shapes: Graph directoryAudit, Log Analytics AuditLogs, diagnostic
    /// settings. Exit status 0 when every record is in the catalog, 1 when some are unknown or
    /// malformed (or an input's JSON breaks), 2 when an input cannot be read.
    Validate {
        /// Files to read (`-` for stdin); stdin when none.
        files: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// How the inputs are laid out.
        #[arg(long, value_enum, default_value_t = Layout::Auto)]
        input: Layout,
        /// Never draw a progress bar (it is drawn only when stderr is a terminal anyway).
        #[arg(long)]
        no_progress: bool,
    },
    /// Look up one (service, category, activity), or every place an activity is listed.
    ///
    /// Prints the match and what was forgiven, or why there is none and what was probably
    /// meant. Exit status 1 when there is no match.
    Lookup {
        /// `loggedByService` value or section heading.
        #[arg(required_unless_present = "by_activity")]
        service: Option<String>,
        /// Category, any spelling.
        #[arg(required_unless_present = "by_activity")]
        category: Option<String>,
        /// Activity (`activityDisplayName`).
        #[arg(required_unless_present = "by_activity", value_name = "ACTIVITY")]
        activity: Option<String>,
        /// Look up an activity by name alone, wherever it is listed.
        #[arg(long = "activity", value_name = "NAME", conflicts_with_all = ["service", "category", "activity"])]
        by_activity: Option<String>,
    },
    /// Check `service<TAB>category<TAB>activity` lines from stdin.
    ///
    /// Writes one tab-separated line per input line: `exact` or `forgiven` with the canonical
    /// service, category and activity (and, for `forgiven`, what was forgiven), or `unknown`
    /// with what is wrong and what was probably meant. Fields may be empty (then that part is
    /// not checked). Exit status 1 when any line is unknown.
    Check,
    /// Search activity names: a case-insensitive substring, or a `*`/`?` glob.
    ///
    /// Prints `line<TAB>service<TAB>category<TAB>activity` per hit. Exit status 1 when
    /// nothing matches.
    Search {
        /// The pattern.
        pattern: String,
        /// Only this service (heading or `loggedByService` value).
        #[arg(long)]
        service: Option<String>,
        /// Only this category (any spelling).
        #[arg(long)]
        category: Option<String>,
    },
    /// List the services: heading, `loggedByService` value(s), number of activities.
    Services,
    /// List the notes on the source page: what the reader repaired or noticed.
    Notes,
    /// Export the whole catalog.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// CSV: write the source notes table instead of the entries (JSON always has both).
        #[arg(long)]
        notes: bool,
    },
    /// Lint Sigma and Microsoft Sentinel detection rules: activity names that never match.
    ///
    /// Checks every value a rule compares with the activity (Sigma `activityDisplayName`,
    /// `operationName`, `properties.message`; KQL `OperationName`, `ActivityDisplayName` in the
    /// parts of a query that read `AuditLogs`) and says whether the rule can fire. Exit status 0
    /// when there are no errors (with `--deny warnings`, no warnings either), 1 when there are,
    /// 2 when a path cannot be read. Needs the `rules` feature.
    #[cfg(feature = "rules")]
    Lint(lint::Lint),
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// Readable text.
    Text,
    /// One JSON document.
    Json,
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

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// CSV with a header row.
    Csv,
    /// One JSON document.
    Json,
}

/// Inputs this large (bytes) get a progress bar, when stderr is a terminal.
const PROGRESS_FROM: u64 = 4 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Validate { files, format, input, no_progress } => {
            validate_files(&mut out, &files, format, input, !no_progress && io::stderr().is_terminal())
        }
        Command::Lookup { service, category, activity, by_activity } => match by_activity {
            Some(name) => lookup_activity(&mut out, &name),
            None => lookup(
                &mut out,
                service.as_deref().unwrap_or_default(),
                category.as_deref().unwrap_or_default(),
                activity.as_deref().unwrap_or_default(),
            ),
        },
        Command::Check => check(&mut out, io::stdin().lock()),
        Command::Search { pattern, service, category } => search_cmd(&mut out, &pattern, service, category),
        Command::Services => list_services(&mut out),
        Command::Notes => notes().iter().try_for_each(|n| writeln!(out, "{n}")).map(|()| ExitCode::SUCCESS),
        Command::Export { format, notes } => export_cmd(&mut out, format, notes),
        #[cfg(feature = "rules")]
        Command::Lint(args) => lint::run(&mut out, args),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("aad-audit: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// A reader with a progress bar on stderr, or the reader itself.
fn with_progress<'a>(
    reader: impl Read + 'a,
    name: &str,
    len: Option<u64>,
    show: bool,
) -> (Box<dyn Read + 'a>, Option<ProgressBar>) {
    let show = show && len.is_none_or(|l| l >= PROGRESS_FROM);
    if !show {
        return (Box::new(reader), None);
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

fn validate_files(
    out: &mut impl Write,
    files: &[PathBuf],
    format: ReportFormat,
    layout: Layout,
    progress: bool,
) -> io::Result<ExitCode> {
    let layout = match layout {
        Layout::Auto => InputFormat::Auto,
        Layout::Jsonl => InputFormat::JsonLines,
        Layout::Json => InputFormat::Json,
    };
    let stdin_only = [PathBuf::from("-")];
    let files = if files.is_empty() { &stdin_only[..] } else { files };
    let mut report = Report::new();
    for path in files {
        let summary = if path.as_os_str() == "-" {
            let (reader, bar) = with_progress(io::stdin().lock(), "<stdin>", None, progress);
            let summary = report.read("<stdin>", reader, layout);
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            summary
        } else {
            match File::open(path) {
                Ok(file) => {
                    let len = file.metadata().ok().map(|m| m.len());
                    let name = path.display().to_string();
                    let (reader, bar) = with_progress(file, &name, len, progress);
                    let summary = report.read(name, reader, layout);
                    if let Some(bar) = bar {
                        bar.finish_and_clear();
                    }
                    summary
                }
                // Recorded in the report like any input that stopped.
                Err(_) => report.read_path(path, layout),
            }
        };
        if let Some(stop) = summary.stopped.as_ref().filter(|s| s.kind == StopKind::Io) {
            eprintln!("aad-audit: {}: {}", summary.name, stop.message);
        }
    }
    match format {
        ReportFormat::Text => write!(out, "{report}")?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
    }
    Ok(if report.has_io_errors() {
        ExitCode::from(2)
    } else if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `service / category / activity (documented in ...)` of a match.
fn describe(m: &Match) -> String {
    format!("{} (documented {})", m.entry(), m.entry().pages())
}

fn lookup(out: &mut impl Write, service: &str, category: &str, activity: &str) -> io::Result<ExitCode> {
    match validate(Some(service), Some(category), Some(activity)) {
        Ok(v) => {
            let Some(m) = v.as_match() else {
                // Every part was blank: `validate` said so above; never here with an activity.
                writeln!(out, "unknown: nothing to look up")?;
                return Ok(ExitCode::from(1));
            };
            if m.is_exact() {
                writeln!(out, "exact: {}", describe(&m))?;
            } else {
                writeln!(out, "forgiven ({}): {}", m.forgiven(), describe(&m))?;
                let e = m.entry();
                let canonical = |f: Field| match f {
                    Field::Service => e.service().as_str(),
                    Field::Category => e.category().as_str(),
                    Field::Activity => e.activity(),
                };
                for (field, given) in
                    [(Field::Service, service), (Field::Category, category), (Field::Activity, activity)]
                {
                    let n = m.forgiven_in(field);
                    if !n.is_empty() {
                        writeln!(out, "  {field:<8} {given:?} -> {:?} ({n})", canonical(field))?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(out, "unknown: {e}")?;
            Ok(ExitCode::from(1))
        }
    }
}

fn lookup_activity(out: &mut impl Write, name: &str) -> io::Result<ExitCode> {
    let mut found = false;
    for m in find_activity(name) {
        found = true;
        if m.is_exact() {
            writeln!(out, "exact: {}", describe(&m))?;
        } else {
            writeln!(out, "forgiven ({}): {}", m.forgiven(), describe(&m))?;
        }
    }
    if found {
        return Ok(ExitCode::SUCCESS);
    }
    match validate(None, None, Some(name)) {
        Err(e) => writeln!(out, "unknown: {e}")?,
        Ok(_) => writeln!(out, "unknown: no activity {name:?}")?,
    }
    Ok(ExitCode::from(1))
}

/// The canonical parts of a validation, tab-separated (empty where not given).
fn canonical(v: &Validated) -> String {
    format!(
        "{}\t{}\t{}",
        v.service().map(Service::as_str).unwrap_or_default(),
        v.category().map(Category::as_str).unwrap_or_default(),
        v.entry().map(|e| e.activity()).unwrap_or_default()
    )
}

fn check(out: &mut impl Write, mut input: impl BufRead) -> io::Result<ExitCode> {
    let mut all_known = true;
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let raw = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let Ok(line) = std::str::from_utf8(raw) else {
            all_known = false;
            writeln!(out, "unknown\tline {line_no}: not UTF-8")?;
            continue;
        };
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() > 3 {
            all_known = false;
            writeln!(
                out,
                "unknown\tline {line_no}: expected service<TAB>category<TAB>activity, found {} fields",
                fields.len()
            )?;
            continue;
        }
        let part = |i: usize| fields.get(i).copied();
        match validate(part(0), part(1), part(2)) {
            Ok(v) if v.is_exact() => writeln!(out, "exact\t{}", canonical(&v))?,
            Ok(v) => writeln!(out, "forgiven\t{}\t{}", canonical(&v), v.forgiven())?,
            Err(e) => {
                all_known = false;
                writeln!(out, "unknown\t{e}")?;
            }
        }
    }
    Ok(if all_known { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// A `--service`/`--category` value, or the reason it is not one (with suggestions).
fn parse_filter<T: std::str::FromStr<Err = aad_audit_catalog::ValidationError>>(
    what: &str,
    value: Option<String>,
) -> Result<Option<T>, String> {
    match value {
        None => Ok(None),
        Some(v) => v.parse::<T>().map(Some).map_err(|e| match e.kind() {
            ValidationErrorKind::Empty => format!("--{what}: empty"),
            _ => format!("--{what}: {e}"),
        }),
    }
}

fn search_cmd(
    out: &mut impl Write,
    pattern: &str,
    service: Option<String>,
    category: Option<String>,
) -> io::Result<ExitCode> {
    let filters = parse_filter::<Service>("service", service)
        .and_then(|s| parse_filter::<Category>("category", category).map(|c| (s, c)));
    let (service, category) = match filters {
        Ok(f) => f,
        Err(message) => {
            eprintln!("aad-audit search: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut hits = search(pattern);
    if let Some(s) = service {
        hits = hits.in_service(s);
    }
    if let Some(c) = category {
        hits = hits.in_category(c);
    }
    let mut found = false;
    for e in hits {
        found = true;
        writeln!(out, "{}\t{}\t{}\t{}", e.service(), e.category(), e.activity(), e.pages())?;
    }
    if !found {
        eprintln!("aad-audit search: no activity matches {pattern:?}");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn list_services(out: &mut impl Write) -> io::Result<ExitCode> {
    writeln!(out, "service\tloggedByService\tactivities\tcategories")?;
    for s in services() {
        let categories: Vec<&str> = s.categories().map(Category::as_str).collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            s.as_str(),
            s.logged_by_service().unwrap_or_default(),
            s.entries().len(),
            categories.join(", ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn export_cmd(out: &mut impl Write, format: ExportFormat, notes_only: bool) -> io::Result<ExitCode> {
    match format {
        ExportFormat::Csv if notes_only => export::write_notes_csv(out, export::Scope::All)?,
        ExportFormat::Csv => export::write(out, export::Format::Csv, export::Scope::All)?,
        ExportFormat::Json => export::write(out, export::Format::Json, export::Scope::All)?,
    }
    Ok(ExitCode::SUCCESS)
}
