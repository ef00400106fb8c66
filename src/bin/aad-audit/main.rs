//! `aad-audit`: check Microsoft Entra ID (Azure AD) audit records, activity names and
//! detection rules against the catalog of documented audit activities.
//!
//! Thin glue over the `aad_audit_catalog` library's public API: this file parses the command
//! line, opens the output and turns each subcommand's outcome into an exit code; each
//! subcommand lives in a module of its own.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use aad_audit_catalog::Page;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod check;
mod completions;
mod diff;
mod export;
mod inputs;
#[cfg(feature = "rules")]
mod lint;
mod lookup;
mod notes;
mod output;
mod search;
mod services;
mod validate;

use output::{ColorChoice, Exit, Out, Outcome};

/// What `--help` says about exit codes.
const EXIT_CODES: &str = "\
Exit codes:
  0  everything asked about is fine (every record documented or allowed, a match found)
  1  something needs attention: unknown or malformed records, an input with no records, forgiven
     spellings with --strict, an input whose JSON broke, lint errors, nothing found
  2  usage error, or an input or output that could not be read or written";

/// Check Microsoft Entra ID (Azure AD) audit records, activity names and detection rules
/// against the documented audit activities.
#[derive(Parser)]
#[command(name = "aad-audit", after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(clap::Args)]
struct Global {
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, global = true, value_name = "FILE", help_heading = "Global options")]
    output: Option<PathBuf>,
    /// Print nothing on standard output (and no warnings): the exit code says it all.
    #[arg(short, long, global = true, help_heading = "Global options")]
    quiet: bool,
    /// When to colour text output: auto colours on a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, help_heading = "Global options")]
    color: ColorChoice,
}

// The subcommands; each one's help is its module's `Args` documentation.
#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    Check(check::Args),
    Lookup(lookup::Args),
    Search(search::Args),
    Services(services::Args),
    Notes(notes::Args),
    Diff(diff::Args),
    Export(export::Args),
    #[cfg(feature = "rules")]
    Lint(lint::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
}

/// `-V`: the crate's version and the dates of the page versions the catalog was built from.
fn version() -> String {
    let dates: Vec<&str> = Page::ALL.iter().map(|p| p.date()).collect();
    format!("{} (catalog pages {})", env!("CARGO_PKG_VERSION"), dates.join(", "))
}

/// `--version`: the crate's version and each page version: date, title and file.
fn long_version() -> String {
    let mut text = format!("{}\ncatalog built from {} page versions:", env!("CARGO_PKG_VERSION"), Page::ALL.len());
    for page in Page::ALL {
        text.push_str(&format!("\n  {}  {} ({})", page.date(), page.title(), page.file()));
    }
    text
}

/// The command clap parses: the derived one, with the versions.
pub fn command() -> clap::Command {
    // clap keeps version texts for the life of the program: leaking the two strings is that.
    let short: &'static str = Box::leak(version().into_boxed_str());
    let long: &'static str = Box::leak(long_version().into_boxed_str());
    Cli::command().version(short).long_version(long)
}

fn main() -> ExitCode {
    let mut matches = command().get_matches();
    let cli = match Cli::from_arg_matches_mut(&mut matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let Global { output, quiet, color } = cli.global;
    let mut out = Out::open(output.as_deref(), quiet, color);
    let outcome = run(cli.command, &mut out);
    let exit = match outcome {
        Ok(exit) => exit,
        Err(failed) => {
            out.error(&failed.0);
            Exit::Failure
        }
    };
    match out.finish(exit != Exit::Failure) {
        Ok(()) => exit.into(),
        Err(e) => {
            eprintln!("aad-audit: error: cannot write the output: {e}");
            Exit::Failure.into()
        }
    }
}

fn run(command: Command, out: &mut Out) -> Outcome {
    match command {
        Command::Validate(args) => validate::run(args, out),
        Command::Check(args) => check::run(args, out),
        Command::Lookup(args) => lookup::run(args, out),
        Command::Search(args) => search::run(args, out),
        Command::Services(args) => services::run(args, out),
        Command::Notes(args) => notes::run(args, out),
        Command::Diff(args) => diff::run(args, out),
        Command::Export(args) => export::run(args, out),
        #[cfg(feature = "rules")]
        Command::Lint(args) => lint::run(args, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man(args) => completions::man(args, out),
    }
}
