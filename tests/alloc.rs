//! Exact and forgiving lookups of a triple make no heap allocation: counted through a global
//! allocator that counts the allocations of the current thread while a probe is on.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use aad_audit_catalog::{entries, find_activity, lookup, lookup_exact, validate};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    COUNT.with(|c| c.set(0));
    COUNTING.with(|c| c.set(true));
    let r = f();
    COUNTING.with(|c| c.set(false));
    (r, COUNT.with(Cell::get))
}

#[test]
fn the_counter_counts() {
    let (v, n) = allocations(|| vec![1u8; 10]);
    assert_eq!(v.len(), 10);
    assert_eq!(n, 1, "the probe must see an allocation when there is one");
}

#[test]
fn lookups_do_not_allocate() {
    // Inputs are built before counting starts.
    let inputs: Vec<(String, String, String, String, String)> = entries()
        .iter()
        .map(|e| {
            (
                e.service().as_str().to_string(),
                e.listings()[0].category_as_written().to_string(),
                e.activity().to_string(),
                format!("  {}. ", e.activity().to_uppercase().replace('-', "\u{2013}")),
                e.service().as_str().to_lowercase(),
            )
        })
        .collect();
    let (found, n) = allocations(|| {
        let mut found = 0;
        for (s, c, a, forgiven, lower_s) in &inputs {
            found += usize::from(lookup_exact(s, c, a).is_some());
            found += usize::from(lookup(s, c, a).is_some_and(|m| m.is_exact()));
            found += usize::from(lookup(lower_s, c, forgiven).is_some_and(|m| !m.is_exact()));
            found += usize::from(lookup(s, c, "no such activity").is_none());
            found += usize::from(find_activity(a).count() > 0);
            found += usize::from(validate(Some(s), Some(c), Some(forgiven)).is_ok());
        }
        found
    });
    assert_eq!(found, inputs.len() * 6);
    assert_eq!(n, 0, "lookups allocated {n} times");
}
