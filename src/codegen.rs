//! Arranges a read page into the catalog's tables and writes them as Rust source.
//!
//! Shared like `reader.rs`: `build.rs` loads it with `#[path]`, and the crate's unit tests
//! compile it too, to check that generating twice gives the same bytes as the build did.
//! Deterministic: phf_codegen uses a fixed seed, and everything else is in document order.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::normalize;
use crate::reader::{Note, NoteKind, Page};

/// One row of `data/services.csv`.
pub struct MappingRow {
    heading: String,
    logged_by_service: String,
    line: u64,
}

/// Reads `data/services.csv` (columns `heading,logged_by_service,note`; one row per value).
pub fn read_mapping(text: &str, file: &str) -> Result<Vec<MappingRow>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{file}: {e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        let heading = record.get(0).unwrap_or("").trim().to_string();
        if heading.is_empty() {
            return Err(format!("{file}:{line}: a row with no heading"));
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

/// The page's rows arranged into services, canonical categories and groups, with the notes.
pub struct Catalog {
    page: Page,
    services: Vec<ServiceInfo>,
    categories: Vec<CategoryInfo>,
    entry_category: Vec<usize>,
    groups: Vec<Group>,
    /// Source notes: the reader's, and services missing from the mapping.
    pub notes: Vec<Note>,
    /// Problems with the mapping itself (rows for headings the page lacks).
    pub warnings: Vec<String>,
}

impl Catalog {
    /// Arranges a page; `file` names it in errors.
    pub fn new(mut page: Page, mapping: &[MappingRow], file: &str) -> Result<Catalog, String> {
        let mut warnings = Vec::new();
        let mut notes = std::mem::take(&mut page.notes);

        // Services, with their loggedByService values.
        let mut services: Vec<ServiceInfo> = Vec::new();
        for (i, section) in page.sections.iter().enumerate() {
            if let Some(earlier) = page.sections[..i].iter().find(|s| s.heading == section.heading) {
                return Err(format!(
                    "{file}:{}: heading {:?} is used again (first at line {}): two sections cannot be one service",
                    section.line, section.heading, earlier.line
                ));
            }
            let rows: Vec<usize> = (0..page.entries.len()).filter(|&r| page.entries[r].section == i).collect();
            let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
                return Err(format!("{file}:{}: section {:?} has no rows", section.line, section.heading));
            };
            if last - first + 1 != rows.len() {
                return Err(format!("{file}:{}: section {:?} is not contiguous", section.line, section.heading));
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

    /// The Rust source of the tables; `source_name` is the page's file name.
    pub fn generate(&self, source_name: &str) -> Result<String, String> {
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

/// The compile-time (const fn) folding of a category name: ASCII whitespace removed, ASCII
/// letters lowercased. Must agree with `category_key_eq` in `src/compile_time.rs`.
fn const_category_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_whitespace()).map(|c| c.to_ascii_lowercase()).collect()
}

impl Catalog {
    /// `$OUT_DIR/const_names.rs`, included by `src/tables.rs`: plain `const` tables of names
    /// that `const fn`s can walk (phf maps cannot be probed in const evaluation), for the
    /// `service!`, `category!` and `entry!` macros. Separate from [`Catalog::generate`] so that
    /// `catalog.rs` stays as it was; deterministic, in document order.
    pub fn generate_const_names(&self, source_name: &str) -> Result<String, String> {
        let mut o = String::new();
        let w = &mut o;
        let _ = writeln!(w, "// @generated by build.rs from {source_name}. Do not edit.");
        let _ = writeln!(w, "// Const tables for compile-time names (`src/compile_time.rs`).\n");

        // Services: every heading and loggedByService value, matched exactly.
        let mut names: Vec<(&str, usize)> = Vec::new();
        for (i, s) in self.services.iter().enumerate() {
            for name in std::iter::once(&s.heading).chain(&s.log_names) {
                if !names.iter().any(|(n, _)| n == name) {
                    names.push((name, i));
                }
            }
        }
        check_unique("service name", names.iter().map(|&(n, i)| (n.to_string(), self.services[i].heading.clone())))?;
        let _ =
            writeln!(w, "/// Every name a service answers to at compile time: its heading and its `loggedByService`");
        let _ = writeln!(w, "/// values, in document order.");
        let _ = writeln!(w, "pub(crate) const SERVICE_NAMES: &[(&str, Service)] = &[");
        for (name, i) in &names {
            let _ = writeln!(w, "    ({name:?}, Service::{}),", self.services[*i].ident);
        }
        let _ = writeln!(w, "];\n");

        // Categories: the distinct const keys of every name and spelling.
        let mut keys: Vec<(String, usize)> = Vec::new();
        for (i, c) in self.categories.iter().enumerate() {
            for spelling in std::iter::once(&c.name).chain(&c.spellings) {
                let key = const_category_key(spelling);
                if !keys.iter().any(|(k, _)| *k == key) {
                    keys.push((key, i));
                }
            }
        }
        check_unique("category key (const)", keys.iter().map(|(k, i)| (k.clone(), self.categories[*i].name.clone())))?;
        let _ =
            writeln!(w, "/// Every category's compile-time keys: its names with ASCII whitespace removed and ASCII");
        let _ = writeln!(w, "/// letters lowercased (distinct keys only), in order of first appearance.");
        let _ = writeln!(w, "pub(crate) const CATEGORY_KEYS: &[(&str, Category)] = &[");
        for (key, i) in &keys {
            let _ = writeln!(w, "    ({key:?}, Category::{}),", self.categories[*i].ident);
        }
        let _ = writeln!(w, "];\n");

        // Entries, and where each service's entries are.
        let _ = writeln!(w, "/// Per service, in `Service` order: its entries, `ENTRY_NAMES[start..end]`.");
        let _ = writeln!(w, "pub(crate) const SERVICE_ENTRIES: &[(u16, u16)] = &[");
        for s in &self.services {
            let _ = writeln!(w, "    ({}, {}),", s.entries.0, s.entries.1);
        }
        let _ = writeln!(w, "];\n");
        let _ =
            writeln!(w, "/// Per entry, in document order (as `ENTRIES`): its canonical category and its activity as");
        let _ = writeln!(w, "/// written.");
        let _ = writeln!(w, "pub(crate) const ENTRY_NAMES: &[(Category, &str)] = &[");
        for (e, row) in self.page.entries.iter().enumerate() {
            let _ =
                writeln!(w, "    (Category::{}, {:?}),", self.categories[self.entry_category[e]].ident, row.activity);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The page the build used: the bundled one, or the one `AAD_AUDIT_CATALOG_REFERENCE` named.
    fn page_text() -> String {
        let manifest = env!("CARGO_MANIFEST_DIR");
        let path = match option_env!("AAD_AUDIT_CATALOG_REFERENCE") {
            Some(p) if !p.is_empty() => std::path::Path::new(manifest).join(p),
            _ => std::path::Path::new(manifest).join("data/reference-audit-activities.md"),
        };
        std::fs::read_to_string(path).unwrap()
    }

    fn generate() -> (String, String) {
        let page = crate::reader::read_page(&page_text()).unwrap();
        let mapping = read_mapping(include_str!("../data/services.csv"), "services.csv").unwrap();
        let file = match option_env!("AAD_AUDIT_CATALOG_REFERENCE") {
            Some(p) if !p.is_empty() => std::path::Path::new(p).file_name().unwrap().to_string_lossy().into_owned(),
            _ => "reference-audit-activities.md".to_string(),
        };
        let catalog = Catalog::new(page, &mapping, "page").unwrap();
        (catalog.generate(&file).unwrap(), catalog.generate_const_names(&file).unwrap())
    }

    #[test]
    fn generation_is_deterministic_and_is_what_the_build_used() {
        let (first, first_names) = generate();
        let (second, second_names) = generate();
        assert!(first == second && first_names == second_names, "two generations differ");
        let built = include_str!(concat!(env!("OUT_DIR"), "/catalog.rs"));
        assert!(first == built, "the tables the build generated differ from a fresh generation");
        let built = include_str!(concat!(env!("OUT_DIR"), "/const_names.rs"));
        assert!(first_names == built, "the const names the build generated differ from a fresh generation");
    }

    #[test]
    fn identifiers() {
        assert_eq!(ident("Core directory"), "CoreDirectory");
        assert_eq!(ident("Microsoft Identity Manager (MIM)"), "MicrosoftIdentityManagerMim");
        assert_eq!(ident("B2C"), "B2c");
        assert_eq!(ident("Self-service group management"), "SelfServiceGroupManagement");
        assert_eq!(ident("UserManagement"), "UserManagement");
        assert_eq!(ident("365 things"), "N365Things");
        assert_eq!(ident("Über"), "Ber");
    }

    fn catalog(body: &str, mapping: &str) -> Result<Catalog, String> {
        let page = crate::reader::read_page(&format!("---\nms.date: 01/02/2024\n---\n# T\n\n{body}")).unwrap();
        Catalog::new(page, &read_mapping(mapping, "services.csv").unwrap(), "page.md")
    }

    const MAPPING: &str = "heading,logged_by_service,note\nS,S Log,\nGone,Gone Log,\n";

    #[test]
    fn unmapped_services_get_a_note_and_unused_mappings_a_warning() {
        let c = catalog("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n\n## New\n\n|Audit Category|Activity|\n|---|---|\n|C|B|\n", MAPPING).unwrap();
        let kinds: Vec<_> = c.notes.iter().map(|n| (n.line, n.kind)).collect();
        assert_eq!(kinds, [(12, NoteKind::UnmappedService)]);
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].contains("\"Gone\""), "{:?}", c.warnings);
        assert!(c.generate("page.md").unwrap().contains("log_names: &[]"));
    }

    #[test]
    fn canonical_category_prefers_the_unspaced_spelling() {
        let c = catalog(
            "## S\n\n|Audit Category|Activity|\n|---|---|\n|User Management|A|\n|User Management|B|\n|UserManagement|C|\n|Terms Of Use|D|\n",
            MAPPING,
        )
        .unwrap();
        let names: Vec<_> = c.categories.iter().map(|c| (c.name.as_str(), c.spellings.len())).collect();
        assert_eq!(names, [("UserManagement", 2), ("Terms Of Use", 1)]);
    }

    #[test]
    fn names_that_cannot_be_told_apart_are_build_errors() {
        let e = catalog("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n\n## S\n\n|Audit Category|Activity|\n|---|---|\n|C|B|\n", MAPPING)
            .err()
            .unwrap();
        assert!(e.contains("page.md:12: heading \"S\" is used again (first at line 6)"), "{e}");
        let e = catalog("## A-B\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n\n## A B\n\n|Audit Category|Activity|\n|---|---|\n|C|B|\n", MAPPING)
            .err()
            .unwrap();
        assert!(e.contains("service identifier \"AB\""), "{e}");
    }
}
