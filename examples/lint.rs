//! `aad-audit lint` without clap: lint Sigma and Sentinel rules against the catalog.
//!
//! ```sh
//! cargo run --features rules --example lint -- [--format text|json|sarif] [--deny warnings] [--verbose] PATH...
//! ```
//!
//! The whole command is the library's: walk, render, exit code.

use std::io::Write;
use std::process::ExitCode;

use aad_audit_catalog::rules::{LintOptions, TextOptions, lint_paths, render_json, render_sarif, render_text};

fn main() -> ExitCode {
    let (mut format, mut deny_warnings, mut text, mut paths) =
        ("text".to_string(), false, TextOptions::default(), vec![]);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => format = args.next().unwrap_or_default(),
            "--deny" if args.next().as_deref() == Some("warnings") => deny_warnings = true,
            "--verbose" => text.verbose = true,
            a if a.starts_with("--") => return usage(&format!("unknown option {a}")),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return usage("no PATH given");
    }
    if !matches!(format.as_str(), "text" | "json" | "sarif") {
        return usage(&format!("unknown format {format}"));
    }
    let outcome = lint_paths(&paths, &LintOptions::default());
    let mut out = std::io::stdout().lock();
    let written = match format.as_str() {
        "json" => render_json(&outcome, &mut out),
        "sarif" => render_sarif(&outcome, &mut out),
        _ => render_text(&outcome, text, &mut out),
    };
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::from(outcome.exit_code(deny_warnings))
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("lint: {problem}\nusage: lint [--format text|json|sarif] [--deny warnings] [--verbose] PATH...");
    ExitCode::from(2)
}
