//! The generated tables (`$OUT_DIR/catalog.rs`, written by `build.rs`) and the private records
//! they are made of. Everything here is data; the modules beside it give it an API.

use crate::{Entry, Note, NoteKind};

/// Per service: its names, its entries (a range of [`ENTRIES`]) and its categories.
pub(crate) struct ServiceData {
    /// The section heading as written.
    pub(crate) heading: &'static str,
    /// 1-based line of the heading.
    pub(crate) line: u32,
    /// `loggedByService` values, from `data/services.csv`.
    pub(crate) log_names: &'static [&'static str],
    /// The heading and log names folded (see `normalize`), each once.
    pub(crate) folded_names: &'static [&'static str],
    /// The service's entries: `ENTRIES[entries.0..entries.1]` (sections are contiguous).
    pub(crate) entries: (u16, u16),
    /// The service's (service, category) groups: `GROUPS[groups.0..groups.1]`.
    pub(crate) groups: (u16, u16),
    /// Every page spelling and canonical name of a category the service uses -> group.
    pub(crate) category_exact: phf::Map<&'static str, u16>,
    /// Folded category name -> group.
    pub(crate) category_folded: phf::Map<&'static [u8], u16>,
}

/// Per canonical category.
pub(crate) struct CategoryData {
    /// The canonical name.
    pub(crate) name: &'static str,
    /// The name folded for categories (see `normalize`): every spelling folds to it.
    pub(crate) folded: &'static str,
    /// Every spelling the page uses, in order of first appearance.
    pub(crate) spellings: &'static [&'static str],
    /// Services that use the category, in document order.
    pub(crate) services: &'static [crate::Service],
}

/// The entries of one category within one service.
pub(crate) struct GroupData {
    pub(crate) category: crate::Category,
    /// `GROUP_ENTRIES[entries.0..entries.1]`: entry indices in document order.
    pub(crate) entries: (u16, u16),
    /// Activity as written -> entry (the first, if two category spellings list it).
    pub(crate) exact: phf::Map<&'static str, u16>,
    /// Folded activity -> `CANDIDATES[start..end]`, the entries that fold to it, in document order.
    pub(crate) folded: phf::Map<&'static [u8], (u16, u16)>,
}

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

// Plain `const` name tables for compile-time lookup (`crate::compile_time`): phf maps cannot be
// probed in const evaluation, so these are walked instead.
include!(concat!(env!("OUT_DIR"), "/const_names.rs"));

/// Entry indices of a `(start, end)` range of one of the index slices.
pub(crate) fn entries_of(
    slice: &'static [u16],
    (start, end): (u16, u16),
) -> impl DoubleEndedIterator<Item = &'static Entry> + ExactSizeIterator + Clone {
    slice[start as usize..end as usize].iter().map(|&i| &ENTRIES[i as usize])
}
