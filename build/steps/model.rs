//! Arranges the rows of every page into one catalog over all of them: services (one per
//! mapped heading, stable across renamed headings), canonical categories, entries (one per
//! service, canonical category and activity as written, each with a listing per page row) and
//! the (service, category) groups, with the source notes.
//!
//! Order: pages by `ms.date`; services, and each service's entries, in the oldest page's order
//! with what later pages add inserted after its predecessor in that page ([`merge_orders`]), so
//! a catalog of one page is in that page's order. Entries are contiguous per service.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::fold::{self, CATEGORY, NAME};
use super::note_kind::NoteKind;
use super::page::PageRows;
use super::services::{Mapping, is_variant_name};

/// How many pages a catalog can hold (entries keep their pages as bits of a `u16`).
pub const MAX_PAGES: usize = 16;
/// How many services or categories the `#[repr(u8)]` enums hold.
pub const MAX_VARIANTS: usize = 256;
/// How many entries, or listings, the tables' `u16` indices hold.
pub const MAX_INDEX: usize = u16::MAX as usize;

/// A page as read, with where it came from.
pub struct PageInput {
    /// The path shown in messages.
    pub path: String,
    /// The file name.
    pub name: String,
    /// What the reader made of it.
    pub rows: PageRows,
}

/// One page of the catalog.
pub struct PageModel {
    pub path: String,
    pub name: String,
    pub title: String,
    pub date: String,
    pub rows_read: usize,
}

/// A section heading as one page writes it.
pub struct Heading {
    pub page: usize,
    pub text: String,
    pub line: u32,
}

pub struct ServiceModel {
    pub variant: String,
    /// `loggedByService` where known, else the newest heading.
    pub name: String,
    pub logged_by_service: Option<String>,
    /// In page order.
    pub headings: Vec<Heading>,
    /// `entries[start..end]`.
    pub entries: (usize, usize),
    /// `groups[start..end]`.
    pub groups: (usize, usize),
}

pub struct CategoryModel {
    pub variant: String,
    pub name: String,
    /// Every spelling the pages use, in order of first appearance.
    pub spellings: Vec<String>,
    /// Services that use it, in catalog order.
    pub services: Vec<usize>,
}

/// Where a page lists an entry.
pub struct ListingModel {
    pub page: usize,
    pub line: u32,
    pub category_as_written: String,
    pub description: Option<String>,
}

pub struct EntryModel {
    pub service: usize,
    pub category: usize,
    pub activity: String,
    /// In page order, then line order.
    pub listings: Vec<ListingModel>,
}

/// The entries of one category within one service.
pub struct GroupModel {
    pub category: usize,
    pub entries: Vec<usize>,
}

pub struct NoteModel {
    pub page: usize,
    pub line: u32,
    pub kind: NoteKind,
    pub text: String,
}

/// The whole catalog, ready to be written out.
pub struct Model {
    pub pages: Vec<PageModel>,
    pub services: Vec<ServiceModel>,
    pub categories: Vec<CategoryModel>,
    pub entries: Vec<EntryModel>,
    pub groups: Vec<GroupModel>,
    /// In page, line and kind order.
    pub notes: Vec<NoteModel>,
    /// Problems with the mapping itself (rows for headings no page has).
    pub warnings: Vec<String>,
}

/// An entry's identity across pages: service, category, activity as written.
type EntryKey = (usize, usize, String);

impl Model {
    /// Arranges the pages (in any order) with the services mapping.
    pub fn build(mut inputs: Vec<PageInput>, mapping: &Mapping) -> Result<Model, String> {
        inputs.sort_by(|a, b| (&a.rows.date, &a.name).cmp(&(&b.rows.date, &b.name)));
        check_pages(&inputs)?;
        let mut notes = page_notes(&inputs);
        let services = resolve_services(&inputs, mapping, &mut notes)?;
        let (categories, category_of) = resolve_categories(&inputs)?;
        let mut model = Model {
            pages: inputs.iter().map(page_model).collect(),
            services,
            categories,
            entries: Vec::new(),
            groups: Vec::new(),
            notes,
            warnings: unused_mappings(&inputs, mapping),
        };
        model.place_entries(&inputs, &category_of)?;
        model.make_groups();
        model.order_categories();
        model.check_names()?;
        model.notes.sort_by_key(|n| (n.page, n.line, n.kind));
        Ok(model)
    }

    /// Entries in catalog order, contiguous per service, with their listings.
    fn place_entries(&mut self, inputs: &[PageInput], category_of: &HashMap<String, usize>) -> Result<(), String> {
        let mut listings: HashMap<EntryKey, Vec<ListingModel>> = HashMap::new();
        let mut sequences: Vec<Vec<Vec<EntryKey>>> = vec![Vec::new(); self.services.len()];
        for (page, input) in inputs.iter().enumerate() {
            let section_service: Vec<usize> = input
                .rows
                .sections
                .iter()
                .map(|s| {
                    self.services.iter().position(|m| m.headings.iter().any(|h| h.page == page && h.text == s.heading))
                })
                .map(|s| s.expect("every section has a service"))
                .collect();
            let mut per_service: Vec<Vec<EntryKey>> = vec![Vec::new(); self.services.len()];
            for row in &input.rows.rows {
                let service = section_service[row.section];
                let key = (service, category_of[&fold_category(&row.category)], row.activity.clone());
                let listing = ListingModel {
                    page,
                    line: row.line,
                    category_as_written: row.category.clone(),
                    description: row.description.clone(),
                };
                let list = listings.entry(key.clone()).or_default();
                if !list.iter().any(|l| l.page == page) {
                    per_service[service].push(key);
                }
                list.push(listing);
            }
            for (service, sequence) in per_service.into_iter().enumerate() {
                sequences[service].push(sequence);
            }
        }
        for (service, pages) in sequences.into_iter().enumerate() {
            let start = self.entries.len();
            for key in merge_orders(pages) {
                let listings = listings.remove(&key).unwrap_or_default();
                if self.entries.len() == MAX_INDEX {
                    let place = self.place_of(&listings);
                    return Err(format!(
                        "{place}: more than {MAX_INDEX} entries: more than the tables' u16 indices hold"
                    ));
                }
                let (_, category, activity) = key;
                self.entries.push(EntryModel { service, category, activity, listings });
            }
            self.services[service].entries = (start, self.entries.len());
        }
        let listed: usize = self.entries.iter().map(|e| e.listings.len()).sum();
        if listed > MAX_INDEX {
            return Err(format!("{listed} listings: more than the tables' u16 indices hold"));
        }
        Ok(())
    }

    /// `file:line` of an entry's first listing.
    fn place_of(&self, listings: &[ListingModel]) -> String {
        listings.first().map_or_else(String::new, |l| format!("{}:{}", self.pages[l.page].path, l.line))
    }

    /// (service, category) groups in order of first appearance; each service's are contiguous.
    fn make_groups(&mut self) {
        let mut group_of: HashMap<(usize, usize), usize> = HashMap::new();
        for (e, entry) in self.entries.iter().enumerate() {
            let key = (entry.service, entry.category);
            let g = *group_of.entry(key).or_insert_with(|| {
                self.groups.push(GroupModel { category: entry.category, entries: Vec::new() });
                self.groups.len() - 1
            });
            self.groups[g].entries.push(e);
        }
        for (s, service) in self.services.iter_mut().enumerate() {
            let mine: Vec<usize> =
                (0..self.groups.len()).filter(|&g| self.entries[self.groups[g].entries[0]].service == s).collect();
            service.groups = (mine.first().copied().unwrap_or(0), mine.last().map_or(0, |g| g + 1));
        }
    }

    /// Categories in order of first appearance in the catalog, with the services using them.
    fn order_categories(&mut self) {
        let mut order: Vec<usize> = Vec::new();
        let mut seen = HashSet::new();
        for entry in &self.entries {
            if seen.insert(entry.category) {
                order.push(entry.category);
            }
        }
        let mut renumber = vec![0; self.categories.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old] = new;
        }
        let mut old: Vec<Option<CategoryModel>> = std::mem::take(&mut self.categories).into_iter().map(Some).collect();
        self.categories = order.iter().filter_map(|&i| old[i].take()).collect();
        for entry in &mut self.entries {
            entry.category = renumber[entry.category];
        }
        for group in &mut self.groups {
            group.category = renumber[group.category];
            let service = self.entries[group.entries[0]].service;
            let services = &mut self.categories[group.category].services;
            if !services.contains(&service) {
                services.push(service);
            }
        }
    }

    /// Names the lookup and the enums tell apart must be different.
    fn check_names(&self) -> Result<(), String> {
        check_unique("Service variant", self.services.iter().map(|s| (s.variant.clone(), s.name.clone())))?;
        check_unique("Category variant", self.categories.iter().map(|c| (c.variant.clone(), c.name.clone())))?;
        let service_names = self.services.iter().flat_map(|s| {
            let names = std::iter::once(s.name.as_str()).chain(s.headings.iter().map(|h| h.text.as_str()));
            names.map(|n| (folded(n, NAME), s.name.clone()))
        });
        check_unique("service name (folded)", service_names)?;
        let spellings =
            self.categories.iter().flat_map(|c| c.spellings.iter().map(|s| (folded(s, CATEGORY), c.name.clone())));
        check_unique("category spelling (folded)", spellings)
    }
}

/// Page dates are versions: two pages cannot share one; and the bits per entry are limited.
fn check_pages(inputs: &[PageInput]) -> Result<(), String> {
    if inputs.len() > MAX_PAGES {
        return Err(format!("{} pages: a catalog holds at most {MAX_PAGES}", inputs.len()));
    }
    for pair in inputs.windows(2) {
        if pair[0].rows.date == pair[1].rows.date {
            return Err(format!(
                "{} and {} have the same ms.date {}: each page version needs its own date",
                pair[0].path, pair[1].path, pair[0].rows.date
            ));
        }
    }
    Ok(())
}

fn page_model(input: &PageInput) -> PageModel {
    PageModel {
        path: input.path.clone(),
        name: input.name.clone(),
        title: input.rows.title.clone(),
        date: input.rows.date.clone(),
        rows_read: input.rows.rows_read,
    }
}

fn page_notes(inputs: &[PageInput]) -> Vec<NoteModel> {
    let notes = inputs.iter().enumerate().flat_map(|(page, input)| {
        input.rows.notes.iter().map(move |n| NoteModel { page, line: n.line, kind: n.kind, text: n.text.clone() })
    });
    notes.collect()
}

/// One service per mapped variant (or unmapped heading), in merged page order.
fn resolve_services(
    inputs: &[PageInput],
    mapping: &Mapping,
    notes: &mut Vec<NoteModel>,
) -> Result<Vec<ServiceModel>, String> {
    let mut headings: HashMap<String, Vec<Heading>> = HashMap::new();
    let mut sequences = Vec::new();
    for (page, input) in inputs.iter().enumerate() {
        let mut sequence: Vec<String> = Vec::new();
        for section in &input.rows.sections {
            let variant = match mapping.variant_of(&section.heading) {
                Some(row) => row.variant.clone(),
                None => unmapped_variant(page, section, notes),
            };
            if sequence.contains(&variant) {
                let earlier = headings[&variant].iter().find(|h| h.page == page).expect("pushed below");
                let what = if earlier.text == section.heading {
                    format!("heading {:?} is used again (first at line {})", section.heading, earlier.line)
                } else {
                    format!(
                        "heading {:?} is service {variant}, as is {:?} at line {}",
                        section.heading, earlier.text, earlier.line
                    )
                };
                return Err(format!("{}:{}: {what}: a page has one section per service", input.path, section.line));
            }
            sequence.push(variant.clone());
            headings.entry(variant).or_default().push(Heading {
                page,
                text: section.heading.clone(),
                line: section.line,
            });
        }
        sequences.push(sequence);
    }
    let logged = mapping.logged_by_service();
    let order = merge_orders(sequences);
    if order.len() > MAX_VARIANTS {
        let h = &headings[&order[MAX_VARIANTS]][0];
        return Err(format!(
            "{}:{}: a service beyond the {MAX_VARIANTS} the Service enum holds",
            inputs[h.page].path, h.line
        ));
    }
    let services = order.into_iter().map(|variant| {
        let headings = headings.remove(&variant).unwrap_or_default();
        let logged_by_service = logged.get(variant.as_str()).map(|s| s.to_string());
        let newest = headings.last().map_or_else(String::new, |h| h.text.clone());
        let name = logged_by_service.clone().unwrap_or(newest);
        ServiceModel { variant, name, logged_by_service, headings, entries: (0, 0), groups: (0, 0) }
    });
    Ok(services.collect())
}

/// A heading no mapping row names: a service of its own, with a note.
fn unmapped_variant(page: usize, section: &super::page::Section, notes: &mut Vec<NoteModel>) -> String {
    notes.push(NoteModel {
        page,
        line: section.line,
        kind: NoteKind::UnmappedService,
        text: format!(
            "heading {:?} is in no services mapping: a service of its own with no known loggedByService value",
            section.heading
        ),
    });
    ident(&section.heading, "Service")
}

/// Canonical categories: every spelling that folds alike is one category, named by the
/// pages' unspaced spelling where they have one (what logs carry), else the most used.
fn resolve_categories(inputs: &[PageInput]) -> Result<(Vec<CategoryModel>, HashMap<String, usize>), String> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut spellings: Vec<Vec<(String, usize)>> = Vec::new();
    let mut first: Vec<(usize, u32)> = Vec::new();
    for (page, input) in inputs.iter().enumerate() {
        for row in &input.rows.rows {
            let at = *index.entry(fold_category(&row.category)).or_insert_with(|| {
                spellings.push(Vec::new());
                first.push((page, row.line));
                spellings.len() - 1
            });
            match spellings[at].iter_mut().find(|(s, _)| *s == row.category) {
                Some((_, count)) => *count += 1,
                None => spellings[at].push((row.category.clone(), 1)),
            }
        }
    }
    if spellings.len() > MAX_VARIANTS {
        let (page, line) = first[MAX_VARIANTS];
        return Err(format!(
            "{}:{line}: a category beyond the {MAX_VARIANTS} the Category enum holds",
            inputs[page].path
        ));
    }
    let categories = spellings.into_iter().map(|spellings| {
        let best = spellings
            .iter()
            .enumerate()
            .max_by_key(|(i, (s, count))| (!s.contains(char::is_whitespace), *count, usize::MAX - i))
            .map(|(_, (s, _))| s.clone())
            .unwrap_or_default();
        CategoryModel {
            variant: ident(&best, "Category"),
            name: best,
            spellings: spellings.into_iter().map(|(s, _)| s).collect(),
            services: Vec::new(),
        }
    });
    Ok((categories.collect(), index))
}

/// Mapping rows for headings no page has: worth a warning, not an error.
fn unused_mappings(inputs: &[PageInput], mapping: &Mapping) -> Vec<String> {
    let headings: HashSet<&str> =
        inputs.iter().flat_map(|i| i.rows.sections.iter().map(|s| s.heading.as_str())).collect();
    let unused = mapping.rows.iter().filter(|r| !headings.contains(r.heading.as_str()));
    unused
        .map(|r| format!("{}: heading {:?} is a section of no page; its mapping is unused", r.place, r.heading))
        .collect()
}

fn folded(s: &str, steps: u8) -> String {
    fold::chars(s, steps).collect()
}

fn fold_category(s: &str) -> String {
    folded(s, CATEGORY)
}

/// One order of the items of several sequences: the first sequence's order, with each item
/// only a later one has inserted after its predecessor there (after the last item of that
/// sequence already placed), in that sequence's order. Linear in the items.
pub fn merge_orders<K: Eq + Hash + Clone>(sequences: Vec<Vec<K>>) -> Vec<K> {
    let mut order: Vec<K> = Vec::new();
    for sequence in sequences {
        let placed: HashSet<K> = order.iter().cloned().collect();
        let mut after: HashMap<Option<K>, Vec<K>> = HashMap::new();
        let mut anchor: Option<K> = None;
        let mut seen = HashSet::new();
        for item in sequence {
            if placed.contains(&item) {
                anchor = Some(item);
            } else if seen.insert(item.clone()) {
                after.entry(anchor.clone()).or_default().push(item);
            }
        }
        let mut merged = after.remove(&None).unwrap_or_default();
        for item in order {
            let followers = after.remove(&Some(item.clone()));
            merged.push(item);
            merged.extend(followers.into_iter().flatten());
        }
        order = merged;
    }
    order
}

/// A Rust type name for a name: words capitalized, all-caps words (`PIM`, `B2C`) as words;
/// `N` before a leading digit; `kind` after a name that would be the keyword `Self`.
pub fn ident(name: &str, kind: &str) -> String {
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
    if !is_variant_name(&out) {
        out.push_str(kind);
    }
    out
}

fn check_unique(what: &str, items: impl Iterator<Item = (String, String)>) -> Result<(), String> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (key, owner) in items {
        match seen.get(&key) {
            Some(first) if *first != owner => {
                return Err(format!("{what} {key:?} is shared by {first:?} and {owner:?}; names must tell them apart"));
            }
            _ => {
                seen.insert(key, owner);
            }
        }
    }
    Ok(())
}
