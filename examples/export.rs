//! Prints the catalog's rows through the public API: `cargo run --example export`.
//!
//! `tsv` (the default) prints a header, then one line per row of one page version (the newest,
//! or `--page DATE`) as the page writes it: `line`, `heading`, `category`, `activity`. `notes`
//! prints that page's source notes, one per line. The `aad-audit export` command writes the
//! catalog in more formats (CSV, JSON, KQL, a Sentinel watchlist).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use aad_audit_catalog::Page;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut format, mut page) = ("tsv".to_string(), Page::latest());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--page" => match args.next().map(|d| d.parse::<Page>()) {
                Some(Ok(p)) => page = p,
                Some(Err(e)) => return usage(&e.to_string()),
                None => return usage("--page needs a date"),
            },
            "tsv" | "notes" => format = arg,
            other => return usage(&format!("unknown argument {other:?}")),
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let result = match format.as_str() {
        "notes" => page.notes().iter().try_for_each(|n| writeln!(out, "{n}")),
        _ => tsv(&mut out, page),
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("export: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("export: {problem}\nusage: export [--page DATE] [tsv|notes]");
    ExitCode::from(2)
}

fn tsv(out: &mut impl Write, page: Page) -> io::Result<()> {
    writeln!(out, "line\theading\tcategory\tactivity")?;
    for l in page.listings() {
        writeln!(out, "{}\t{}\t{}\t{}", l.line(), l.heading(), l.category_as_written(), l.entry().activity())?;
    }
    Ok(())
}
