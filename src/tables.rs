//! The generated tables (`$OUT_DIR/catalog.rs`, written by `build/main.rs`), the macros that
//! turn its service, category and page tables into the public enums and constants, and the
//! private records the tables are made of. Everything here is data; the modules beside it give
//! it an API.

use crate::{Entry, Heading, Listing, Note, Page, Pages};

/// One page version.
pub(crate) struct PageData {
    pub(crate) date: &'static str,
    pub(crate) title: &'static str,
    pub(crate) file: &'static str,
    /// Table rows in all: listings plus repeated rows.
    pub(crate) rows: u32,
    /// `NOTES[start..end]`.
    pub(crate) notes: (u16, u16),
    /// `PAGE_LISTINGS[start..end]`: the page's listings in line order.
    pub(crate) listings: (u16, u16),
}

/// Per service: its names, its entries (a range of `ENTRIES`) and its categories.
pub(crate) struct ServiceData {
    /// The `loggedByService` value where known, else the newest heading.
    pub(crate) name: &'static str,
    pub(crate) logged_by_service: Option<&'static str>,
    /// The name, then each distinct heading, in page order.
    pub(crate) names: &'static [&'static str],
    /// In page order.
    pub(crate) headings: &'static [Heading],
    /// `ENTRIES[start..end]`: entries are contiguous per service.
    pub(crate) entries: (u16, u16),
    /// `GROUPS[start..end]`.
    pub(crate) groups: (u16, u16),
}

/// Per canonical category.
pub(crate) struct CategoryData {
    pub(crate) name: &'static str,
    /// Every spelling the pages use, in order of first appearance.
    pub(crate) spellings: &'static [&'static str],
    /// Services that use the category, in catalog order.
    pub(crate) services: &'static [crate::Service],
}

/// The entries of one category within one service.
pub(crate) struct GroupData {
    pub(crate) category: crate::Category,
    /// `GROUP_ENTRIES[start..end]`, in catalog order.
    pub(crate) entries: (u16, u16),
}

/// The page versions, in `ms.date` order: `Page::ALL` and `PAGES`, from one table.
macro_rules! pages {
    ($($index:literal => $data:expr,)*) => {
        impl Page {
            /// Every page version the catalog was built from, oldest first (by `ms.date`).
            pub const ALL: [Page; [$($index),*].len()] = [$(Page($index)),*];
        }

        pub(crate) static PAGES: [PageData; Page::ALL.len()] = [$($data),*];
    };
}

/// The `Service` enum, its `ALL` constant and `SERVICES`, from one table.
macro_rules! services {
    ($($(#[doc = $doc:expr])* $variant:ident => $data:expr,)*) => {
        /// A service: the part of Entra ID that logs an activity, one section of the reference
        /// pages (whatever its heading in each page version).
        ///
        /// Variants come from the pages and `data/services.csv`; a newer page may add some, and
        /// a renamed heading keeps its variant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum Service {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Service {
            /// Every service, in catalog order.
            pub const ALL: [Service; [$(Service::$variant),*].len()] = [$(Service::$variant),*];
        }

        pub(crate) static SERVICES: [ServiceData; Service::ALL.len()] = [$($data),*];
    };
}

/// The `Category` enum, its `ALL` constant and `CATEGORIES`, from one table.
macro_rules! categories {
    ($($(#[doc = $doc:expr])* $variant:ident => $data:expr,)*) => {
        /// A canonical audit category: spellings that differ only in spaces and case are one.
        ///
        /// Variants come from the pages; a newer page may add some.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum Category {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Category {
            /// Every category, in order of first appearance in the catalog.
            pub const ALL: [Category; [$(Category::$variant),*].len()] = [$(Category::$variant),*];
        }

        pub(crate) static CATEGORIES: [CategoryData; Category::ALL.len()] = [$($data),*];
    };
}

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The entries of a `(start, end)` range of one of the index slices.
pub(crate) fn entries_of(
    slice: &'static [u16],
    (start, end): (u16, u16),
) -> impl DoubleEndedIterator<Item = &'static Entry> + ExactSizeIterator + Clone {
    slice[start as usize..end as usize].iter().map(|&i| &ENTRIES[i as usize])
}

// The folding buffers are as long as the longest key: a few hundred bytes at most, whatever
// the pages (the build refuses longer names).
const _: () = assert!(MAX_KEY_LEN <= crate::fold::MAX_KEY_BYTES);
