//! Prints the whole catalog: `cargo run --example export -- tsv`.
//!
//! `tsv` prints a header line `line<TAB>service<TAB>category<TAB>activity`, then one line per
//! entry in document order (the category as written on the page), and nothing else on stdout.
//! `notes` prints the source notes, one per line. With the `export` feature
//! (`cargo run --features export --example export -- csv`), `csv` and `json` print the catalog
//! as [`aad_audit_catalog::export`] writes it.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// The formats this build knows.
const FORMATS: &str = if cfg!(feature = "export") { "`tsv`, `notes`, `csv` or `json`" } else { "`tsv` or `notes`" };

fn main() -> ExitCode {
    let format = std::env::args().nth(1).unwrap_or_else(|| "tsv".to_string());
    let mut out = BufWriter::new(io::stdout().lock());
    let result = match format.as_str() {
        "tsv" => tsv(&mut out),
        "notes" => aad_audit_catalog::notes().iter().try_for_each(|n| writeln!(out, "{n}")),
        #[cfg(feature = "export")]
        "csv" => aad_audit_catalog::export::write_csv(&mut out),
        #[cfg(feature = "export")]
        "json" => aad_audit_catalog::export::write_json(&mut out, true),
        other => {
            let hint = if cfg!(feature = "export") || !matches!(other, "csv" | "json") {
                ""
            } else {
                " (`csv` and `json` need `--features export`)"
            };
            eprintln!("unknown format {other:?}: expected {FORMATS}{hint}");
            return ExitCode::from(2);
        }
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

fn tsv(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "line\tservice\tcategory\tactivity")?;
    for e in aad_audit_catalog::entries() {
        writeln!(out, "{}\t{}\t{}\t{}", e.line(), e.heading(), e.category_as_written(), e.activity())?;
    }
    Ok(())
}
