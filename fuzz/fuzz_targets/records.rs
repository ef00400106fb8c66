//! The record parser and the streaming report on arbitrary bytes: errors, never a panic; and
//! every record the report reads is counted exactly once.
#![no_main]

use aad_audit_catalog::records::{Record, check};
use aad_audit_catalog::report::{InputFormat, Report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(record) = Record::from_json(text) {
            let _ = check(&record);
            let _ = record.identity();
            // Nested values are read on demand: errors, never a panic.
            let _ = (record.initiated_by(), record.target_resources(), record.additional_details());
        }
    }
    for format in [InputFormat::Auto, InputFormat::JsonLines, InputFormat::Json] {
        let mut report = Report::new();
        report.read("fuzz", data, format);
        let t = report.totals();
        assert_eq!(t.records, t.exact + t.forgiven + t.unknown + t.malformed, "{t:?}");
        let _ = report.to_string();
    }
});
