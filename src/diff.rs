//! What changed between two page versions: every entry either page lists, in exactly one class.

use std::collections::HashMap;
use std::hash::Hash;
use std::vec::Vec;

use crate::{Entry, Page, entries};

/// An entry of the older page paired with its counterpart in the newer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Change {
    /// The entry as the `from` page lists it.
    pub from: &'static Entry,
    /// The entry as the `to` page lists it.
    pub to: &'static Entry,
}

/// What changed from one page version to another; see [`diff`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    from: Page,
    to: Page,
    unchanged: Vec<&'static Entry>,
    added: Vec<&'static Entry>,
    removed: Vec<&'static Entry>,
    respelled: Vec<Change>,
    moved: Vec<Change>,
}

impl Diff {
    /// The page compared from.
    pub const fn from(&self) -> Page {
        self.from
    }

    /// The page compared to.
    pub const fn to(&self) -> Page {
        self.to
    }

    /// Entries both pages list.
    pub fn unchanged(&self) -> &[&'static Entry] {
        &self.unchanged
    }

    /// Entries only the `to` page lists, and not as a respelling or a move: new activities.
    pub fn added(&self) -> &[&'static Entry] {
        &self.added
    }

    /// Entries only the `from` page lists, and not as a respelling or a move: rules that name
    /// them no longer match anything documented.
    pub fn removed(&self) -> &[&'static Entry] {
        &self.removed
    }

    /// An entry of `from` whose activity `to` spells differently (the two fold alike), under the
    /// same service and category: `Create Api connector` -> `Create API connector`.
    pub fn respelled(&self) -> &[Change] {
        &self.respelled
    }

    /// An entry of `from` whose activity, as written, `to` lists under another service or
    /// category.
    pub fn moved(&self) -> &[Change] {
        &self.moved
    }

    /// How many entries each class has: unchanged, added, removed, respelled, moved.
    pub fn counts(&self) -> [usize; 5] {
        [self.unchanged.len(), self.added.len(), self.removed.len(), self.respelled.len(), self.moved.len()]
    }
}

/// Classifies every entry `from` or `to` lists as unchanged, added, removed, respelled or moved
/// (a respelling or a move pairs one entry only `from` lists with one only `to` lists; each is
/// in exactly one class). In catalog order, pairs in the order of their `from` entry.
///
/// ```
/// use aad_audit_catalog::{diff, Page};
///
/// let d = diff(Page::oldest(), Page::latest());
/// let respelled: Vec<(&str, &str)> = d.respelled().iter().map(|c| (c.from.activity(), c.to.activity())).collect();
/// assert!(respelled.contains(&("Create Api connector", "Create API connector")));
/// let [unchanged, added, removed, respelled, moved] = d.counts();
/// assert_eq!(unchanged + removed + respelled + moved, 826);
/// ```
#[must_use]
pub fn diff(from: Page, to: Page) -> Diff {
    let listed = |p: Page| entries().iter().filter(move |e| e.pages.contains(p));
    let mut d = Diff {
        from,
        to,
        unchanged: listed(from).filter(|e| e.pages.contains(to)).collect(),
        added: Vec::new(),
        removed: listed(from).filter(|e| !e.pages.contains(to)).collect(),
        respelled: Vec::new(),
        moved: Vec::new(),
    };
    let mut only_to: Vec<Option<&'static Entry>> = listed(to).filter(|e| !e.pages.contains(from)).map(Some).collect();
    d.respelled = pair(&mut d.removed, &mut only_to, |e| (e.service, e.category, e.folded));
    d.moved = pair(&mut d.removed, &mut only_to, |e| e.activity);
    d.added = only_to.into_iter().flatten().collect();
    d
}

/// Pairs entries of `from` with the first unpaired entry of `to` with the same key, taking both
/// out of their lists.
fn pair<K: Hash + Eq>(
    from: &mut Vec<&'static Entry>,
    to: &mut [Option<&'static Entry>],
    key: impl Fn(&'static Entry) -> K,
) -> Vec<Change> {
    // Per key, the unpaired `to` entries with it, the first last.
    let mut waiting: HashMap<K, Vec<(usize, &'static Entry)>> = HashMap::new();
    for (i, e) in to.iter().enumerate().rev() {
        if let Some(e) = e {
            waiting.entry(key(e)).or_default().push((i, e));
        }
    }
    let mut pairs = Vec::new();
    from.retain(|&old| {
        let Some((i, new)) = waiting.get_mut(&key(old)).and_then(Vec::pop) else { return true };
        to[i] = None;
        pairs.push(Change { from: old, to: new });
        false
    });
    pairs
}
