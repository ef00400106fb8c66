//! A report over arbitrary bytes read as JSON documents (`InputFormat::Json`): every record
//! counted in exactly one verdict (fuzz/common/report.rs), a stop only for broken syntax or a
//! document that holds no records, and never "broken syntax" for what serde_json reads as a
//! sequence of valid JSON values.
#![no_main]

use aad_audit_catalog::report::{Encoding, InputFormat, Layout, Report, StopKind};
use libfuzzer_sys::fuzz_target;
use serde_json::de::Deserializer;

#[path = "../common/report.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut report = Report::new();
    report.read("fuzz", data, InputFormat::Json);
    common::check(&report, data);
    let input = &report.inputs()[0];
    assert_ne!(input.layout, Layout::JsonLines);
    let Some(stop) = &input.stopped else { return };
    assert!(matches!(stop.kind, StopKind::Syntax | StopKind::Structure), "{stop:?}");
    // Valid JSON is never broken syntax (serde_json's nesting limit aside; a byte order mark
    // is the reader's to skip). JSON text is UTF-8: serde_json checks that only of `str`s.
    let text = std::str::from_utf8(data).ok().filter(|t| !t.starts_with('\u{feff}'));
    if let (StopKind::Syntax, Encoding::Utf8, Some(text)) = (stop.kind, input.encoding, text) {
        let valid = Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>().try_for_each(|v| v.map(drop));
        if let Err(e) = &valid {
            if e.to_string().contains("recursion limit") {
                return;
            }
        }
        assert!(valid.is_err(), "valid JSON stopped as broken: {stop:?}");
    }
});
