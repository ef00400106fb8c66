//! Generates the catalog tables from the reference page.
//!
//! Inputs, and nothing else: the page (`data/reference-audit-activities.md`, or the file named by
//! `AAD_AUDIT_CATALOG_REFERENCE`), `data/services.csv` (section heading -> `loggedByService`
//! values), `AAD_AUDIT_CATALOG_STRICT`, and the two shared modules below. The output,
//! `$OUT_DIR/catalog.rs`, is included by `src/tables.rs`. The same inputs always give the same
//! bytes (phf_codegen uses a fixed seed; everything else is in document order).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;
#[path = "src/reader.rs"]
#[allow(dead_code)]
mod reader;

use reader::{Note, NoteKind, Page};

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
    for input in ["build.rs", "src/reader.rs", "src/normalize.rs", SERVICES_CSV] {
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
    let mapping = read_mapping(&csv_path)?;
    let catalog = Catalog::new(page, &mapping, &page_path)?;
    for warning in &catalog.warnings {
        println!("cargo:warning={warning}");
    }
    if strict && (!catalog.notes.is_empty() || !catalog.warnings.is_empty()) {
        let mut all = String::new();
        for n in &catalog.notes {
            let _ = writeln!(all, "{}:{}: {}: {}", page_path.display(), n.line, n.kind.name(), n.text);
        }
        for w in &catalog.warnings {
            let _ = writeln!(all, "{w}");
        }
        return Err(format!(
            "{STRICT_ENV} is set and the page has {} source note(s) and {} mapping warning(s):\n{all}",
            catalog.notes.len(),
            catalog.warnings.len()
        ));
    }
    let source_name = page_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let code = catalog.generate(&source_name)?;
    let out = out_dir.join("catalog.rs");
    // Write only when changed, so an unchanged page does not force the crate to recompile.
    if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(&out, code).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
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

/// One row of `data/services.csv`.
struct MappingRow {
    heading: String,
    logged_by_service: String,
    line: u64,
}

fn read_mapping(path: &Path) -> Result<Vec<MappingRow>, String> {
    let text = read_text(path)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, |p| p.line());
        let heading = record.get(0).unwrap_or("").trim().to_string();
        if heading.is_empty() {
            return Err(format!("{}:{line}: a row with no heading", path.display()));
        }
        rows.push(MappingRow { heading, logged_by_service: record.get(1).unwrap_or("").trim().to_string(), line });
    }
    Ok(rows)
}

fn fold(s: &str, steps: u8) -> String {
    normalize::chars(s, steps).collect()
}

/// A Rust identifier for a name: words capitalized, all-caps words (`PIM`, `B2C`) as words.
fn ident(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let shouting = !word.chars().any(|c| c.is_ascii_lowercase());
        for (i, c) in word.chars().enumerate() {
            out.push(match (i, shouting) {
                (0, _) => c.to_ascii_uppercase(),
                (_, true) => c.to_ascii_lowercase(),
                _ => c,
            });
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'N');
    }
    out
}

struct ServiceInfo {
    heading: String,
    ident: String,
    line: u32,
    log_names: Vec<String>,
    entries: (usize, usize),
    groups: Vec<usize>,
}

struct CategoryInfo {
    name: String,
    ident: String,
    spellings: Vec<String>,
    services: Vec<usize>,
}

struct Group {
    category: usize,
    entries: Vec<usize>,
}

struct Catalog {
    page: Page,
    services: Vec<ServiceInfo>,
    categories: Vec<CategoryInfo>,
    entry_category: Vec<usize>,
    groups: Vec<Group>,
    notes: Vec<Note>,
    warnings: Vec<String>,
}

impl Catalog {
    fn new(mut page: Page, mapping: &[MappingRow], page_path: &Path) -> Result<Catalog, String> {
        let mut warnings = Vec::new();
        let mut notes = std::mem::take(&mut page.notes);

        // Services, with their loggedByService values.
        let mut services: Vec<ServiceInfo> = Vec::new();
        for (i, section) in page.sections.iter().enumerate() {
            let rows: Vec<usize> = (0..page.entries.len()).filter(|&r| page.entries[r].section == i).collect();
            let (first, last) = (rows[0], rows[rows.len() - 1]);
            if last - first + 1 != rows.len() {
                return Err(format!(
                    "{}:{}: section {:?} is not contiguous",
                    page_path.display(),
                    section.line,
                    section.heading
                ));
            }
            let mapped: Vec<&MappingRow> = mapping.iter().filter(|m| m.heading == section.heading).collect();
            if mapped.is_empty() {
                notes.push(Note {
                    line: section.line,
                    kind: NoteKind::UnmappedService,
                    text: format!(
                        "service {:?} is not in data/services.csv: it has no known loggedByService value and answers to its heading only",
                        section.heading
                    ),
                });
            }
            let mut log_names: Vec<String> = Vec::new();
            for m in mapped {
                if !m.logged_by_service.is_empty() && !log_names.contains(&m.logged_by_service) {
                    log_names.push(m.logged_by_service.clone());
                }
            }
            services.push(ServiceInfo {
                heading: section.heading.clone(),
                ident: ident(&section.heading),
                line: section.line,
                log_names,
                entries: (first, last + 1),
                groups: Vec::new(),
            });
        }
        for m in mapping {
            if !page.sections.iter().any(|s| s.heading == m.heading) {
                warnings.push(format!(
                    "data/services.csv:{}: heading {:?} is not a section of the page; its mapping is unused",
                    m.line, m.heading
                ));
            }
        }

        // Categories: every spelling that folds to the same key is one category.
        let mut by_key: Vec<(String, Vec<(String, usize)>)> = Vec::new();
        let mut entry_category = Vec::with_capacity(page.entries.len());
        for row in &page.entries {
            let key = fold(&row.category, normalize::CATEGORY);
            let at = match by_key.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    by_key.push((key, Vec::new()));
                    by_key.len() - 1
                }
            };
            let spellings = &mut by_key[at].1;
            match spellings.iter_mut().find(|(s, _)| *s == row.category) {
                Some((_, count)) => *count += 1,
                None => spellings.push((row.category.clone(), 1)),
            }
            entry_category.push(at);
        }
        let mut categories: Vec<CategoryInfo> = by_key
            .into_iter()
            .map(|(_, spellings)| {
                // The page's unspaced spelling if it has one (what logs carry), else its most
                // used spelling; ties go to the first in document order.
                let best = spellings
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, (s, count))| (!s.contains(char::is_whitespace), *count, usize::MAX - i))
                    .map(|(_, (s, _))| s.clone())
                    .unwrap_or_default();
                CategoryInfo {
                    ident: ident(&best),
                    name: best,
                    spellings: spellings.into_iter().map(|(s, _)| s).collect(),
                    services: Vec::new(),
                }
            })
            .collect();

        // Groups: (service, category) in order of first appearance.
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of: HashMap<(usize, usize), usize> = HashMap::new();
        for (e, row) in page.entries.iter().enumerate() {
            let key = (row.section, entry_category[e]);
            let g = *group_of.entry(key).or_insert_with(|| {
                groups.push(Group { category: key.1, entries: Vec::new() });
                services[key.0].groups.push(groups.len() - 1);
                if !categories[key.1].services.contains(&key.0) {
                    categories[key.1].services.push(key.0);
                }
                groups.len() - 1
            });
            groups[g].entries.push(e);
        }
        // Groups were pushed in entry order, and services are contiguous, so each service's
        // groups are contiguous too.
        for s in &services {
            if s.groups.windows(2).any(|w| w[1] != w[0] + 1) {
                return Err(format!("internal: groups of {:?} are not contiguous", s.heading));
            }
        }

        check_unique("service identifier", services.iter().map(|s| (s.ident.clone(), s.heading.clone())))?;
        check_unique("category identifier", categories.iter().map(|c| (c.ident.clone(), c.name.clone())))?;
        let mut names = Vec::new();
        for s in &services {
            names.push((fold(&s.heading, normalize::NAME), s.heading.clone()));
            for l in &s.log_names {
                if fold(l, normalize::NAME) != fold(&s.heading, normalize::NAME) {
                    names.push((fold(l, normalize::NAME), s.heading.clone()));
                }
            }
        }
        check_unique("service name (folded)", names.into_iter())?;
        notes.sort_by_key(|n| (n.line, n.kind));
        Ok(Catalog { page, services, categories, entry_category, groups, notes, warnings })
    }

    fn generate(&self, source_name: &str) -> Result<String, String> {
        let page = &self.page;
        let n = page.entries.len();
        if n > u16::MAX as usize {
            return Err(format!("{n} entries: more than the tables' u16 indices hold"));
        }
        let mut o = String::new();
        let w = &mut o;
        let _ = writeln!(w, "// @generated by build.rs from {source_name}. Do not edit.\n");
        let _ = writeln!(w, "pub(crate) const SOURCE_TITLE: &str = {:?};", page.title);
        let _ = writeln!(w, "pub(crate) const SOURCE_DATE: &str = {:?};", page.date);
        let _ = writeln!(w, "pub(crate) const SOURCE_FILE: &str = {source_name:?};");
        let _ = writeln!(w, "pub(crate) const SOURCE_ROWS: usize = {};", page.rows_read);
        let max_folded = page
            .entries
            .iter()
            .map(|r| fold(&r.activity, normalize::NAME).len())
            .chain(
                self.services
                    .iter()
                    .flat_map(|s| std::iter::once(&s.heading).chain(&s.log_names))
                    .map(|s| fold(s, normalize::NAME).len()),
            )
            .chain(self.categories.iter().flat_map(|c| &c.spellings).map(|s| fold(s, normalize::CATEGORY).len()))
            .max()
            .unwrap_or(0);
        let _ = writeln!(w, "/// The longest folded name in the catalog, in bytes: longer input cannot match.");
        let _ = writeln!(w, "pub(crate) const MAX_FOLDED_LEN: usize = {max_folded};\n");

        // The Service enum.
        let _ = writeln!(w, "/// A service: one section of the reference page.\n///");
        let _ = writeln!(w, "/// Variants are generated from the page's headings; more may come with a newer page.");
        let _ = writeln!(w, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]");
        let _ = writeln!(w, "#[non_exhaustive]\n#[repr(u8)]\npub enum Service {{");
        for s in &self.services {
            let logs = if s.log_names.is_empty() {
                "no known `loggedByService` value".to_string()
            } else {
                format!(
                    "`loggedByService`: {}",
                    s.log_names.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
                )
            };
            let _ = writeln!(w, "    /// {} (line {}; {logs})", md_code(&s.heading), s.line);
            let _ = writeln!(w, "    {},", s.ident);
        }
        let _ = writeln!(w, "}}\n");
        let _ = writeln!(w, "impl Service {{\n    /// Every service, in document order.");
        let _ = writeln!(
            w,
            "    pub const ALL: [Service; {}] = [{}];\n}}\n",
            self.services.len(),
            self.services.iter().map(|s| format!("Service::{}", s.ident)).collect::<Vec<_>>().join(", ")
        );

        // The Category enum.
        let _ =
            writeln!(w, "/// A canonical audit category (spellings that differ only in spaces and case are one).\n///");
        let _ = writeln!(w, "/// Variants are generated from the page's tables; more may come with a newer page.");
        let _ = writeln!(w, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]");
        let _ = writeln!(w, "#[non_exhaustive]\n#[repr(u8)]\npub enum Category {{");
        for c in &self.categories {
            let spell = c.spellings.iter().map(|s| md_code(s)).collect::<Vec<_>>().join(", ");
            let _ = writeln!(w, "    /// {} (on the page as {spell})", md_code(&c.name));
            let _ = writeln!(w, "    {},", c.ident);
        }
        let _ = writeln!(w, "}}\n");
        let _ = writeln!(w, "impl Category {{\n    /// Every category, in order of first appearance on the page.");
        let _ = writeln!(
            w,
            "    pub const ALL: [Category; {}] = [{}];\n}}\n",
            self.categories.len(),
            self.categories.iter().map(|c| format!("Category::{}", c.ident)).collect::<Vec<_>>().join(", ")
        );

        // Entries.
        let svc = |i: usize| format!("Service::{}", self.services[i].ident);
        let cat = |i: usize| format!("Category::{}", self.categories[i].ident);
        let _ = writeln!(w, "pub(crate) static ENTRIES: [Entry; {n}] = [");
        for (e, row) in page.entries.iter().enumerate() {
            let _ = writeln!(
                w,
                "    Entry {{ index: {e}, service: {}, category: {}, category_as_written: {:?}, activity: {:?}, description: {:?}, line: {}, folded: {:?} }},",
                svc(row.section),
                cat(self.entry_category[e]),
                row.category,
                row.activity,
                row.description,
                row.line,
                fold(&row.activity, normalize::NAME)
            );
        }
        let _ = writeln!(w, "];\n");

        // Groups and their maps.
        let mut group_entries: Vec<usize> = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        let _ = writeln!(w, "pub(crate) static GROUPS: [GroupData; {}] = [", self.groups.len());
        for g in &self.groups {
            let start = group_entries.len();
            group_entries.extend(&g.entries);
            let mut exact = phf_codegen::Map::<&str>::new();
            let mut seen = Vec::new();
            let mut folded: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            let mut folded_order: Vec<String> = Vec::new();
            for &e in &g.entries {
                let a = page.entries[e].activity.as_str();
                if !seen.contains(&a) {
                    seen.push(a);
                    exact.entry(a, e.to_string());
                }
                let key = fold(a, normalize::NAME);
                if !folded.contains_key(&key) {
                    folded_order.push(key.clone());
                }
                folded.entry(key).or_default().push(e);
            }
            let mut folded_map = phf_codegen::Map::<&[u8]>::new();
            let mut ranges = Vec::new();
            for key in &folded_order {
                let s = candidates.len();
                candidates.extend(&folded[key]);
                ranges.push((key.as_bytes(), format!("({s}, {})", candidates.len())));
            }
            for (key, range) in &ranges {
                folded_map.entry(key, range.clone());
            }
            let _ = writeln!(
                w,
                "    GroupData {{ category: {}, entries: ({start}, {}), exact: {}, folded: {} }},",
                cat(g.category),
                group_entries.len(),
                exact.build(),
                folded_map.build()
            );
        }
        let _ = writeln!(w, "];\n");
        write_u16s(w, "GROUP_ENTRIES", &group_entries);
        write_u16s(w, "CANDIDATES", &candidates);

        // Services and their category maps.
        let _ = writeln!(w, "pub(crate) static SERVICES: [ServiceData; {}] = [", self.services.len());
        for s in &self.services {
            let mut exact = phf_codegen::Map::<&str>::new();
            let mut folded = phf_codegen::Map::<&[u8]>::new();
            let mut exact_keys: Vec<&str> = Vec::new();
            let mut folded_keys: Vec<String> = Vec::new();
            for &g in &s.groups {
                let c = &self.categories[self.groups[g].category];
                for spelling in std::iter::once(&c.name).chain(&c.spellings) {
                    if !exact_keys.contains(&spelling.as_str()) {
                        exact_keys.push(spelling);
                        exact.entry(spelling, g.to_string());
                    }
                }
                let key = fold(&c.name, normalize::CATEGORY);
                if !folded_keys.contains(&key) {
                    folded_keys.push(key);
                }
            }
            for (key, &g) in folded_keys.iter().zip(&s.groups) {
                folded.entry(key.as_bytes(), g.to_string());
            }
            let logs = s.log_names.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
            let mut folded_names: Vec<String> = Vec::new();
            for name in std::iter::once(&s.heading).chain(&s.log_names) {
                let key = fold(name, normalize::NAME);
                if !folded_names.contains(&key) {
                    folded_names.push(key);
                }
            }
            let folded_names = folded_names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                w,
                "    ServiceData {{ heading: {:?}, line: {}, log_names: &[{logs}], folded_names: &[{folded_names}], entries: ({}, {}), groups: ({}, {}), category_exact: {}, category_folded: {} }},",
                s.heading,
                s.line,
                s.entries.0,
                s.entries.1,
                s.groups[0],
                s.groups[s.groups.len() - 1] + 1,
                exact.build(),
                folded.build()
            );
        }
        let _ = writeln!(w, "];\n");

        // Categories.
        let _ = writeln!(w, "pub(crate) static CATEGORIES: [CategoryData; {}] = [", self.categories.len());
        for c in &self.categories {
            let spellings = c.spellings.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
            let services = c.services.iter().map(|&s| svc(s)).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                w,
                "    CategoryData {{ name: {:?}, folded: {:?}, spellings: &[{spellings}], services: &[{services}] }},",
                c.name,
                fold(&c.name, normalize::CATEGORY)
            );
        }
        let _ = writeln!(w, "];\n");

        // Name maps for services and categories.
        let mut service_exact = phf_codegen::Map::<&str>::new();
        let mut service_folded = phf_codegen::Map::<&[u8]>::new();
        let mut exact_keys: Vec<&str> = Vec::new();
        let mut folded_keys: Vec<String> = Vec::new();
        let mut folded_values: Vec<String> = Vec::new();
        for (i, s) in self.services.iter().enumerate() {
            for name in std::iter::once(&s.heading).chain(&s.log_names) {
                if !exact_keys.contains(&name.as_str()) {
                    exact_keys.push(name);
                    service_exact.entry(name, svc(i));
                }
                let key = fold(name, normalize::NAME);
                if !folded_keys.contains(&key) {
                    folded_keys.push(key);
                    folded_values.push(svc(i));
                }
            }
        }
        for (k, v) in folded_keys.iter().zip(&folded_values) {
            service_folded.entry(k.as_bytes(), v.clone());
        }
        let _ = writeln!(
            w,
            "pub(crate) static SERVICE_EXACT: phf::Map<&'static str, Service> = {};\n",
            service_exact.build()
        );
        let _ = writeln!(
            w,
            "pub(crate) static SERVICE_FOLDED: phf::Map<&'static [u8], Service> = {};\n",
            service_folded.build()
        );

        let mut category_exact = phf_codegen::Map::<&str>::new();
        let mut category_folded = phf_codegen::Map::<&[u8]>::new();
        let mut exact_keys: Vec<&str> = Vec::new();
        let folded: Vec<String> = self.categories.iter().map(|c| fold(&c.name, normalize::CATEGORY)).collect();
        for (i, c) in self.categories.iter().enumerate() {
            for spelling in std::iter::once(&c.name).chain(&c.spellings) {
                if !exact_keys.contains(&spelling.as_str()) {
                    exact_keys.push(spelling);
                    category_exact.entry(spelling, cat(i));
                }
            }
            category_folded.entry(folded[i].as_bytes(), cat(i));
        }
        let _ = writeln!(
            w,
            "pub(crate) static CATEGORY_EXACT: phf::Map<&'static str, Category> = {};\n",
            category_exact.build()
        );
        let _ = writeln!(
            w,
            "pub(crate) static CATEGORY_FOLDED: phf::Map<&'static [u8], Category> = {};\n",
            category_folded.build()
        );

        // Activity name (folded) -> every entry with it, for reverse lookup and suggestions.
        let mut by_activity: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut activity_order: Vec<String> = Vec::new();
        for (e, row) in page.entries.iter().enumerate() {
            let key = fold(&row.activity, normalize::NAME);
            if !by_activity.contains_key(&key) {
                activity_order.push(key.clone());
            }
            by_activity.entry(key).or_default().push(e);
        }
        let mut activity_index = Vec::new();
        let mut ranges = Vec::new();
        let mut firsts = Vec::new();
        for key in &activity_order {
            let s = activity_index.len();
            activity_index.extend(&by_activity[key]);
            firsts.push(by_activity[key][0]);
            ranges.push((key.as_bytes(), format!("({s}, {})", activity_index.len())));
        }
        let mut activity_map = phf_codegen::Map::<&[u8]>::new();
        for (k, v) in &ranges {
            activity_map.entry(k, v.clone());
        }
        let _ = writeln!(
            w,
            "pub(crate) static ACTIVITY_FOLDED: phf::Map<&'static [u8], (u16, u16)> = {};\n",
            activity_map.build()
        );
        write_u16s(w, "ACTIVITY_INDEX", &activity_index);

        // Activity as written -> every entry with it: exact lookup's one probe.
        let mut exact_order: Vec<&str> = Vec::new();
        let mut exact_entries: HashMap<&str, Vec<usize>> = HashMap::new();
        for (e, row) in page.entries.iter().enumerate() {
            let list = exact_entries.entry(row.activity.as_str()).or_default();
            if list.is_empty() {
                exact_order.push(&row.activity);
            }
            list.push(e);
        }
        let mut exact_index = Vec::new();
        let mut exact_map = phf_codegen::Map::<&str>::new();
        for key in &exact_order {
            let s = exact_index.len();
            exact_index.extend(&exact_entries[key]);
            exact_map.entry(key, format!("({s}, {})", exact_index.len()));
        }
        let _ = writeln!(
            w,
            "pub(crate) static ACTIVITY_EXACT: phf::Map<&'static str, (u16, u16)> = {};\n",
            exact_map.build()
        );
        write_u16s(w, "ACTIVITY_EXACT_INDEX", &exact_index);
        let _ = writeln!(w, "/// The first entry of each distinct activity name (folded), in document order.");
        write_u16s(w, "DISTINCT_ACTIVITIES", &firsts);

        // Notes.
        let _ = writeln!(w, "pub(crate) static NOTES: [Note; {}] = [", self.notes.len());
        for note in &self.notes {
            let _ = writeln!(
                w,
                "    Note {{ line: {}, kind: NoteKind::{:?}, text: {:?} }},",
                note.line, note.kind, note.text
            );
        }
        let _ = writeln!(w, "];");
        Ok(o)
    }
}

fn write_u16s(w: &mut String, name: &str, values: &[usize]) {
    let _ = write!(w, "pub(crate) static {name}: [u16; {}] = [", values.len());
    for (i, v) in values.iter().enumerate() {
        if i % 20 == 0 {
            w.push_str("\n   ");
        }
        let _ = write!(w, " {v},");
    }
    w.push_str("\n];\n\n");
}

/// A name in backticks for rustdoc, safe for names holding backticks.
fn md_code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

fn check_unique(what: &str, items: impl Iterator<Item = (String, String)>) -> Result<(), String> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (key, owner) in items {
        if let Some(first) = seen.get(&key) {
            if *first != owner {
                return Err(format!("{what} {key:?} is shared by {first:?} and {owner:?}; names must tell them apart"));
            }
        }
        seen.insert(key, owner);
    }
    Ok(())
}
