//! A report over arbitrary bytes read as JSON Lines (`InputFormat::JsonLines`): every record
//! counted in exactly one verdict (fuzz/common/report.rs), the input read to its end (a bad
//! line never stops JSON Lines), and, where no line can be a batch, each line exactly one
//! record or one blank line.
#![no_main]

use aad_audit_catalog::report::{Encoding, InputFormat, Layout, Report};
use libfuzzer_sys::fuzz_target;

#[path = "../common/report.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut report = Report::new();
    report.read("fuzz", data, InputFormat::JsonLines);
    common::check(&report, data);
    let input = &report.inputs()[0];
    assert_eq!(input.layout, Layout::JsonLines);
    assert!(input.stopped.is_none(), "{:?}", input.stopped);
    // A batch (`records` or `value` array; `\` for escaped keys) holds any number of records.
    let batches = [&b"records"[..], b"value", b"\\"].iter().any(|k| memchr::memmem::find(data, k).is_some());
    if input.encoding == Encoding::Utf8 && !batches {
        let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        let newlines = memchr::memchr_iter(b'\n', text).count() as u64;
        let lines = newlines + 1 - u64::from(text.is_empty() || text.ends_with(b"\n"));
        assert_eq!(input.records + input.blank_lines, lines, "{input:?}");
    }
});
