//! `aad-audit export`: the catalog as CSV, TSV, JSON, a KQL datatable or a Sentinel watchlist
//! (`export::write`).

use aad_audit_catalog::Page;
use aad_audit_catalog::export::{self, Scope};
use clap::ValueEnum;

use crate::inputs;
use crate::output::{Exit, Failed, Out, Outcome};

/// Export the catalog as CSV, TSV, JSON, a KQL datatable or a Sentinel watchlist.
///
/// Every entry of every page version (LoggedByService, Category, ActivityDisplayName,
/// FirstDocumented, LastDocumented), or with --page one page's rows as written there.
///
/// `--format kql` writes a KQL `datatable(...) [...]` to save as a function in Log Analytics,
/// Microsoft Sentinel or Azure Data Explorer and join AuditLogs against; `--format watchlist`
/// a Microsoft Sentinel watchlist CSV (SearchKey first).
#[derive(clap::Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct Args {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// One page version's rows as that page writes them (a date, `oldest` or `latest`).
    #[arg(short, long, value_name = "DATE", value_parser = inputs::parse_page)]
    page: Option<Page>,
    /// Write the source notes table (CSV) instead of the entries.
    #[arg(long)]
    notes: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Comma-separated, with a header.
    Csv,
    /// Tab-separated, with a header.
    Tsv,
    /// One JSON document (pages, entries, notes).
    Json,
    /// A KQL datatable expression.
    Kql,
    /// A Microsoft Sentinel watchlist CSV.
    Watchlist,
}

/// Writes the export.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let scope = args.page.map_or(Scope::All, Scope::Page);
    if args.notes {
        if args.format != Format::Csv {
            return Err(Failed("--notes writes CSV: leave out --format, or use --format csv".into()));
        }
        export::write_notes_csv(out, scope)?;
        return Ok(Exit::Clean);
    }
    let format = match args.format {
        Format::Csv => export::Format::Csv,
        Format::Tsv => export::Format::Tsv,
        Format::Json => export::Format::Json,
        Format::Kql => export::Format::Kql,
        Format::Watchlist => export::Format::Watchlist,
    };
    export::write(out, format, scope)?;
    Ok(Exit::Clean)
}
