//! `aad-audit lint` (features `cli` and `rules`): the `rules` module's walk, rendering and exit
//! code behind command-line options.

use std::path::PathBuf;

use aad_audit_catalog::rules::{LintOptions, TextOptions, lint_paths, render_json, render_sarif, render_text};
use clap::ValueEnum;

use crate::output::{Exit, Out, Outcome};

/// Lint Sigma and Microsoft Sentinel rules for activity names that never match.
///
/// Checks every value a rule compares with the activity (Sigma `activityDisplayName`,
/// `operationName`, `properties.message`; KQL `OperationName`, `ActivityDisplayName` in the
/// parts of a query that read `AuditLogs`) and says whether the rule can fire. Exit 0 when
/// there are no errors (with `--deny warnings`, no warnings either), 1 when there are, 2 when
/// a path cannot be read.
#[derive(clap::Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct Args {
    /// Rule files, or directories to walk for `*.yml` and `*.yaml` files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// `--deny warnings`: exit 1 on warnings too.
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Option<Deny>,
    /// Text: also print info findings (documented values, patterns' match counts, values not
    /// checked).
    #[arg(short, long)]
    verbose: bool,
    /// Also walk hidden files and directories (`.github`, ...).
    #[arg(long)]
    hidden: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Compiler-style diagnostics (`file:line:column: severity: message`).
    Text,
    /// One JSON document, one object per finding.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    /// Warnings fail the run as errors do.
    Warnings,
}

/// Lints the paths and writes the findings; the exit code is the outcome's.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let mut options = LintOptions::default();
    options.hidden = args.hidden;
    let outcome = lint_paths(&args.paths, &options);
    match args.format {
        Format::Text => {
            let mut text = TextOptions::default();
            text.verbose = args.verbose;
            render_text(&outcome, text, out)?;
        }
        Format::Json => render_json(&outcome, out)?,
        Format::Sarif => render_sarif(&outcome, out)?,
    }
    Ok(match outcome.exit_code(args.deny.is_some()) {
        0 => Exit::Clean,
        1 => Exit::Attention,
        _ => Exit::Failure,
    })
}
