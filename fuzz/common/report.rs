//! What the report of one input must hold, whatever the bytes: shared by the report targets.

use aad_audit_catalog::report::{Encoding, InputSummary, Location, MAX_LISTED, Report};

/// Every record read is counted in exactly one verdict, the lists add up to the counts, and
/// every location is in the input. The report renders as text.
pub fn check(report: &Report, data: &[u8]) {
    let t = report.totals();
    assert_eq!(t.records, t.exact + t.forgiven + t.allowed + t.unknown + t.malformed, "{t:?}");
    assert_eq!(t.allowed, 0, "no allowlist");
    let [input] = report.inputs() else { panic!("one input, {} summaries", report.inputs().len()) };
    assert_eq!(input.records, t.records);
    assert_eq!(t.stopped_inputs, u64::from(input.stopped.is_some()));
    // A record read has a shape; one that could not be read may have none.
    let shaped = t.graph + t.log_analytics + t.diagnostic_settings;
    assert!(shaped <= t.records && shaped + t.malformed >= t.records, "{t:?}");

    assert_eq!(report.exact().map(|(_, n)| n).sum::<u64>(), t.exact);
    assert_eq!(report.forgiven().iter().map(|g| g.count).sum::<u64>(), t.forgiven);
    for g in report.forgiven() {
        assert!(!g.normalizations.is_empty());
        assert_eq!(g.spellings.iter().map(|s| s.count).sum::<u64>() + g.unlisted, g.count);
        assert!(g.spellings.iter().all(|s| s.count > 0));
    }
    let listed: u64 = report.unknown().iter().map(|g| g.count).sum();
    assert!(listed <= t.unknown && report.unknown().iter().all(|g| g.count > 0));
    assert_eq!(listed + report.unlisted_unknown(), t.unknown);
    assert_eq!(report.malformed().len() as u64, t.malformed.min(MAX_LISTED as u64));

    let lines = lines_of(input, data);
    let locations = report.forgiven().iter().flat_map(|g| g.spellings.iter().map(|s| &s.first));
    let locations = locations
        .chain(report.unknown().iter().map(|g| &g.first))
        .chain(report.malformed().iter().map(|m| &m.location));
    for l in locations {
        assert!(in_input(l, t.records, lines), "{l} of {} records, {lines:?} lines", t.records);
    }
    if let Some(stop) = &input.stopped {
        assert!(stop.line.is_none_or(|l| l >= 1 && lines.is_none_or(|n| l <= n)), "{stop:?} of {lines:?} lines");
    }
    assert!(!report.to_string().is_empty());
}

/// How many lines a UTF-8 input has (`None` for a decoded UTF-16 one).
pub fn lines_of(input: &InputSummary, data: &[u8]) -> Option<u64> {
    (input.encoding == Encoding::Utf8).then(|| memchr::memchr_iter(b'\n', data).count() as u64 + 1)
}

fn in_input(l: &Location, records: u64, lines: Option<u64>) -> bool {
    (1..=records).contains(&l.record) && l.line.is_none_or(|n| n >= 1 && lines.is_none_or(|lines| n <= lines))
}
