//! `aad-audit lint` (features `cli` and `rules`): the `rules` module's walk, rendering and exit
//! code behind command-line options.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aad_audit_catalog::rules::{LintOptions, TextOptions, lint_paths, render_json, render_sarif, render_text};
use clap::{Args, ValueEnum};

/// The `lint` subcommand's arguments.
#[derive(Args)]
pub struct Lint {
    /// Rule files, or directories to walk for `*.yml` and `*.yaml` files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// `--deny warnings`: exit 1 on warnings too.
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Option<Deny>,
    /// Text: also print info findings (documented values, patterns' match counts, values not
    /// checked).
    #[arg(long)]
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
pub fn run(out: &mut impl Write, args: Lint) -> io::Result<ExitCode> {
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
    Ok(ExitCode::from(outcome.exit_code(args.deny.is_some())))
}
