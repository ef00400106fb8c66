//! `aad-audit notes`: what the page reader repaired or noticed in each page (`notes()`).

use std::io::Write;

use aad_audit_catalog::{Page, notes};

use crate::inputs;
use crate::lookup::Format;
use crate::output::{self, Exit, Out, Outcome};

/// List what the page reader repaired or noticed in the source pages.
///
/// Duplicate rows, missing pipes, spelling variants, as `file:line: kind: text`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Only one page version's notes (a date, `oldest` or `latest`).
    #[arg(short, long, value_name = "DATE", value_parser = inputs::parse_page)]
    page: Option<Page>,
}

/// Lists the notes.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let notes = args.page.map_or_else(notes, Page::notes);
    match args.format {
        Format::Text => notes.iter().try_for_each(|n| writeln!(out, "{n}"))?,
        Format::Json => output::json(out, &notes)?,
    }
    Ok(Exit::Clean)
}
