//! Generates the catalog tables from the reference page.
//!
//! Inputs, and nothing else: the page (`data/reference-audit-activities.md`, or the file named by
//! `AAD_AUDIT_CATALOG_REFERENCE`), `data/services.csv` (section heading -> `loggedByService`
//! values), `AAD_AUDIT_CATALOG_STRICT`, and the two shared modules below. The output,
//! `$OUT_DIR/catalog.rs`, is included by `src/tables.rs`. The same inputs always give the same
//! bytes (phf_codegen uses a fixed seed; everything else is in document order).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "src/codegen.rs"]
mod codegen;
#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;
#[path = "src/note_kind.rs"]
mod note_kind;
#[path = "src/reader.rs"]
#[allow(dead_code)]
mod reader;

const REFERENCE_ENV: &str = "AAD_AUDIT_CATALOG_REFERENCE";
const STRICT_ENV: &str = "AAD_AUDIT_CATALOG_STRICT";
const BUNDLED_PAGE: &str = "data/reference-audit-activities.md";
const SERVICES_CSV: &str = "data/services.csv";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: aad-audit-catalog could not build its catalog:\n{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    println!("cargo:rerun-if-env-changed={REFERENCE_ENV}");
    println!("cargo:rerun-if-env-changed={STRICT_ENV}");
    for input in ["build.rs", "src/reader.rs", "src/note_kind.rs", "src/normalize.rs", "src/codegen.rs", SERVICES_CSV] {
        println!("cargo:rerun-if-changed={}", manifest.join(input).display());
    }
    let page_path = match std::env::var_os(REFERENCE_ENV) {
        Some(p) if !p.is_empty() => manifest.join(PathBuf::from(p)),
        _ => manifest.join(BUNDLED_PAGE),
    };
    println!("cargo:rerun-if-changed={}", page_path.display());
    let strict = std::env::var(STRICT_ENV).is_ok_and(|v| !v.is_empty() && v != "0");

    let page_text = read_text(&page_path)?;
    let page = reader::read_page(&page_text).map_err(|e| match e.line {
        Some(line) => format!("{}:{line}: {}", page_path.display(), e.message),
        None => format!("{}: {}", page_path.display(), e.message),
    })?;
    let csv_path = manifest.join(SERVICES_CSV);
    let mapping = codegen::read_mapping(&read_text(&csv_path)?, &csv_path.display().to_string())?;
    let catalog = codegen::Catalog::new(page, &mapping, &page_path.display().to_string())?;
    for warning in &catalog.warnings {
        println!("cargo:warning={warning}");
    }
    if strict && !catalog.notes.is_empty() {
        let mut all = String::new();
        for n in &catalog.notes {
            let _ = writeln!(all, "{}:{}: {}: {}", page_path.display(), n.line, n.kind.as_str(), n.text);
        }
        return Err(format!(
            "{STRICT_ENV} is set and the page has {} source note(s); review them, then build without it:\n{all}",
            catalog.notes.len()
        ));
    }
    let source_name = page_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    write_if_changed(&out_dir.join("catalog.rs"), &catalog.generate(&source_name)?)?;
    write_if_changed(&out_dir.join("const_names.rs"), &catalog.generate_const_names(&source_name)?)?;
    Ok(())
}

/// Writes `code` to `out` only when it changed, so an unchanged page does not force the crate
/// to recompile.
fn write_if_changed(out: &Path, code: &str) -> Result<(), String> {
    if std::fs::read_to_string(out).ok().as_deref() != Some(code) {
        std::fs::write(out, code).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read the reference page: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{}:{line}: not UTF-8 (invalid byte at offset {at})", path.display())
    })
}
