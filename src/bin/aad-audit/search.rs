//! `aad-audit search`: activity names by substring or glob (`Catalog::search`).

use std::io::{self, Write};

use aad_audit_catalog::{Catalog, Category, Entry, Page, Service};
use clap::ValueEnum;

use crate::inputs;
use crate::output::{self, Exit, Out, Outcome};

/// Search activity names by case-insensitive substring or `*`/`?` glob.
///
/// Prints service, category, activity and the page versions that document it, tab-separated
/// with a header (names as logs write them). Exit 1 when nothing matches.
#[derive(clap::Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct Args {
    /// The pattern.
    pattern: String,
    /// Only this service (loggedByService value or heading, any spelling).
    #[arg(short, long, value_parser = parse_service)]
    service: Option<Service>,
    /// Only this category (any spelling).
    #[arg(short, long, value_parser = parse_category)]
    category: Option<Category>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Only activities one page version documents (a date, `oldest` or `latest`).
    #[arg(short, long, value_name = "DATE", value_parser = inputs::parse_page)]
    page: Option<Page>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Tab-separated with a header.
    Text,
    /// A JSON array of entries.
    Json,
}

fn parse_service(s: &str) -> Result<Service, String> {
    s.parse::<Service>().map_err(|e| e.to_string())
}

fn parse_category(s: &str) -> Result<Category, String> {
    s.parse::<Category>().map_err(|e| e.to_string())
}

/// Searches and writes the hits.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let mut hits = args.page.map_or_else(Catalog::all, Catalog::page).search(&args.pattern);
    if let Some(s) = args.service {
        hits = hits.in_service(s);
    }
    if let Some(c) = args.category {
        hits = hits.in_category(c);
    }
    let hits: Vec<&'static Entry> = hits.collect();
    match args.format {
        Format::Text => write_entries(out, &hits)?,
        Format::Json => output::json(out, &hits)?,
    }
    if hits.is_empty() {
        out.note(format_args!("no activity matches {:?}", args.pattern));
    }
    Ok(Exit::attention_if(hits.is_empty()))
}

/// Entries as tab-separated lines with a header: service, category, activity, pages.
pub fn write_entries(out: &mut Out, entries: &[&'static Entry]) -> io::Result<()> {
    writeln!(out, "service\tcategory\tactivity\tpages")?;
    for e in entries {
        writeln!(out, "{}\t{}\t{}\t{}", e.service(), e.category(), e.activity(), e.pages())?;
    }
    Ok(())
}
