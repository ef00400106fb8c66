//! `records::parse` on one arbitrary JSON text (no check against the catalog: `lookup` and
//! `validate` have their own targets). A record it reads names only non-blank parts and
//! survives `into_owned`; a batch's items are slices of the input; and `parse_prefix`, which
//! the document reader uses where the JSON Lines reader uses `parse`, reads the same thing.
#![no_main]

use aad_audit_catalog::records::{Parsed, parse, parse_prefix};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = parse(text) else { return };
    match &parsed {
        Parsed::Record(record) => {
            let id = record.identity();
            for part in [id.service, id.category, id.activity, record.id(), record.time()].into_iter().flatten() {
                assert!(!part.trim().is_empty(), "{part:?} counts as given");
            }
            assert_eq!(&record.clone().into_owned(), record);
            // Nested values are read on demand: errors, never a panic.
            let _ = (record.initiated_by(), record.target_resources(), record.additional_details());
        }
        Parsed::Batch(items) => {
            let range = text.as_bytes().as_ptr_range();
            for item in items {
                let item_range = item.as_bytes().as_ptr_range();
                assert!(range.start <= item_range.start && item_range.end <= range.end);
                assert!(!item.is_empty() && item.trim() == *item, "{item:?}");
            }
        }
        _ => {}
    }
    // What `parse` reads whole, `parse_prefix` reads the same, up to the trailing whitespace.
    let (prefix, used) = parse_prefix(text).unwrap_or_else(|e| panic!("parse reads it, parse_prefix: {e}"));
    assert_eq!(prefix, parsed);
    assert_eq!(used, text.trim_end_matches([' ', '\t', '\n', '\r']).len());
});
