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

/// A Graph record with nested values, its strings free of escapes (they are then borrowed).
#[cfg(feature = "records")]
fn graph_line(i: usize) -> String {
    format!(
        r#"{{"id":"Directory_{i:08}","category":"UserManagement","correlationId":"0f1e2d3c-{i:012}","result":"success","activityDisplayName":"Update user","activityDateTime":"2024-08-01T10:00:00Z","loggedByService":"Core Directory","operationType":"Update","initiatedBy":{{"user":{{"id":"0b8d1e6f","userPrincipalName":"adele@tailspin.example"}},"app":null}},"targetResources":[{{"id":"6b8d0f2a","type":"User","modifiedProperties":[{{"displayName":"x","oldValue":null,"newValue":"y"}}]}}],"additionalDetails":[{{"key":"k","value":"v"}}]}}"#
    )
}

#[cfg(feature = "records")]
#[test]
fn reading_a_record_allocates_no_more_than_parsing_it_for_syntax() {
    use aad_audit_catalog::records::{Record, Verdict, check};
    use serde::de::IgnoredAny;

    let line = graph_line(7);
    // serde_json keeps a stack for values nested more than one deep: the floor for any reader.
    let (_, floor) = allocations(|| serde_json::from_str::<IgnoredAny>(&line).unwrap());
    let (verdict, n) = allocations(|| check(&Record::from_json(&line).unwrap()));
    assert!(matches!(verdict, Verdict::Exact(_)));
    assert!(n <= floor, "from_json + check allocated {n} times, parsing alone {floor}");
}

#[cfg(feature = "records")]
#[test]
fn a_report_allocates_no_more_per_record_than_parsing_it_for_syntax() {
    use aad_audit_catalog::report::{InputFormat, Report};
    use serde::de::IgnoredAny;

    let line = graph_line(7);
    let (_, floor) = allocations(|| serde_json::from_str::<IgnoredAny>(&line).unwrap());
    let input = |records: usize| (0..records).map(|i| graph_line(i) + "\n").collect::<String>();
    let (small, large) = (input(1_000), input(3_000));
    let report = |text: &str| {
        allocations(|| {
            let mut report = Report::new();
            report.read("alloc.jsonl", text.as_bytes(), InputFormat::JsonLines);
            report.totals().exact
        })
    };
    let ((exact_small, n_small), (exact_large, n_large)) = (report(&small), report(&large));
    assert_eq!((exact_small, exact_large), (1_000, 3_000));
    // What the 2,000 more records cost, beyond what a report allocates once.
    let per_record = n_large.saturating_sub(n_small) as f64 / 2_000.0;
    assert!(per_record <= floor as f64, "{per_record} allocations per record, parsing alone {floor}");
}
