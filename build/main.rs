//! The build script: reads every bundled reference page (`data/pages/*.md`) and the services
//! mapping (`data/services.csv`) into one catalog, and writes its tables to
//! `$OUT_DIR/catalog.rs`, which `src/tables.rs` includes.
//!
//! Inputs, and nothing else: the files above; `AAD_AUDIT_CATALOG_REFERENCE` (an absolute path:
//! one more page version), `AAD_AUDIT_CATALOG_SERVICES` (an absolute path: more mapping rows),
//! `AAD_AUDIT_CATALOG_STRICT` (source notes become build errors); and the build's own code.
//! The same inputs always give the same bytes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod steps;

use steps::model::{Model, PageInput};
use steps::services::Mapping;

const REFERENCE_ENV: &str = "AAD_AUDIT_CATALOG_REFERENCE";
const SERVICES_ENV: &str = "AAD_AUDIT_CATALOG_SERVICES";
const STRICT_ENV: &str = "AAD_AUDIT_CATALOG_STRICT";

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
    for var in [REFERENCE_ENV, SERVICES_ENV, STRICT_ENV] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    for input in ["build", "src/fold.rs", "src/note_kind.rs", "data/pages", "data/services.csv"] {
        println!("cargo:rerun-if-changed={}", manifest.join(input).display());
    }
    let mut pages = bundled_pages(&manifest)?;
    if let Some(path) = user_path(REFERENCE_ENV)? {
        pages.push(path);
    }
    let inputs = pages.iter().map(|p| read_page(p)).collect::<Result<Vec<_>, _>>()?;
    let mut mapping = Mapping::default();
    read_mapping(&mut mapping, &manifest.join("data/services.csv"))?;
    if let Some(path) = user_path(SERVICES_ENV)? {
        read_mapping(&mut mapping, &path)?;
    }
    let model = Model::build(inputs, &mapping)?;
    for warning in &model.warnings {
        println!("cargo:warning={warning}");
    }
    strict(&model, std::env::var(STRICT_ENV).unwrap_or_default().trim())?;
    write_if_changed(&out_dir.join("catalog.rs"), &steps::emit::emit(&model)?)
}

/// Every `*.md` in `data/pages`, by name.
fn bundled_pages(manifest: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = manifest.join("data/pages");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("{}: cannot list the bundled pages: {e}", dir.display()))?;
    let mut pages: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect();
    pages.sort();
    Ok(pages)
}

/// The absolute path an environment variable names, if it is set and not empty. A relative
/// path is refused: a dependency's build script runs in the dependency's own folder.
fn user_path(var: &str) -> Result<Option<PathBuf>, String> {
    match std::env::var_os(var) {
        Some(p) if !p.is_empty() => {
            let path = PathBuf::from(&p);
            if !path.is_absolute() {
                return Err(format!(
                    "{var}={}: use an absolute path (a dependency's build runs in the dependency's folder, not yours)",
                    path.display()
                ));
            }
            println!("cargo:rerun-if-changed={}", path.display());
            Ok(Some(path))
        }
        _ => Ok(None),
    }
}

fn read_page(path: &Path) -> Result<PageInput, String> {
    let text = read_text(path)?;
    let rows = steps::page::read(&text).map_err(|e| match e.line {
        Some(line) => format!("{}:{line}: {}", path.display(), e.message),
        None => format!("{}: {}", path.display(), e.message),
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(PageInput { path: path.display().to_string(), name, rows })
}

fn read_mapping(mapping: &mut Mapping, path: &Path) -> Result<(), String> {
    mapping.read(&read_text(path)?, &path.display().to_string())
}

/// Strict mode: `1` (or `all`) makes every source note a build error; a list of page dates or
/// file names (`2024-10-04,my-page.md`) only those pages' notes. Every note is listed at once.
fn strict(model: &Model, setting: &str) -> Result<(), String> {
    if setting.is_empty() || setting == "0" {
        return Ok(());
    }
    let chosen: Vec<&str> = setting.split(',').map(str::trim).collect();
    let all = chosen.iter().any(|c| *c == "1" || *c == "all");
    let pages: Vec<usize> = (0..model.pages.len())
        .filter(|&p| all || chosen.iter().any(|c| *c == model.pages[p].date || *c == model.pages[p].name))
        .collect();
    if pages.is_empty() {
        return Err(format!("{STRICT_ENV}={setting}: no page has this date or file name"));
    }
    let notes: Vec<String> = model
        .notes
        .iter()
        .filter(|n| pages.contains(&n.page))
        .map(|n| format!("{}:{}: {}: {}", model.pages[n.page].path, n.line, n.kind, n.text))
        .collect();
    if notes.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{STRICT_ENV} is set and the page(s) have {} source note(s); review them, then build without it:\n{}",
        notes.len(),
        notes.join("\n")
    ))
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
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{}:{line}: not UTF-8 (invalid byte at offset {at})", path.display())
    })
}
