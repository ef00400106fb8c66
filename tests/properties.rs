//! Property tests: arbitrary input never panics, and every entry is found through any mix of
//! the spellings real logs use.

use aad_audit_catalog::{
    Category, Field, Normalization, Service, ValidationErrorKind, entries, find_activity, lookup, lookup_exact, search,
    validate,
};
use proptest::prelude::*;
use proptest::sample::select;

fn any_entry() -> impl Strategy<Value = &'static aad_audit_catalog::Entry> {
    select(entries().iter().collect::<Vec<_>>())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,80}",
        any::<String>(),
        // Near-catalog text: a real name with random edits.
        (any_entry(), "\\PC{0,3}", 0usize..40).prop_map(|(e, junk, at)| {
            let mut s = e.activity().to_string();
            let at = (0..=at.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            s.insert_str(at, &junk);
            s
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn nothing_panics_on_arbitrary_input(s in any_text(), c in any_text(), a in any_text()) {
        let _ = lookup_exact(&s, &c, &a);
        let _ = lookup(&s, &c, &a);
        let _ = find_activity(&a).count();
        let _ = search(&a).count();
        let _ = search(&a).in_service(Service::B2c).in_category(Category::Authorization).count();
        let _ = s.parse::<Service>();
        let _ = c.parse::<Category>();
        for parts in [(Some(&*s), Some(&*c), Some(&*a)), (None, None, Some(&*a)), (Some(&*s), None, None), (None, Some(&*c), Some(&*a))] {
            match validate(parts.0, parts.1, parts.2) {
                Ok(v) => prop_assert!(v.service().is_some() || v.category().is_some()),
                Err(e) => {
                    let line = e.to_string();
                    prop_assert!(!line.is_empty() && !line.contains('\n'));
                    prop_assert!(e.suggestions().len() <= 5);
                }
            }
        }
    }

    #[test]
    fn every_entry_is_found_through_any_mix_of_log_spellings(
        e in any_entry(),
        alias in 0usize..3,
        upper in any::<bool>(),
        pad in select(vec!["", " ", "\t", "\u{a0}", "  \t"]),
        inner in select(vec![" ", "  ", "\t", "\u{a0}"]),
        dash in select(vec!["-", "\u{2013}", "\u{2014}", "\u{2212}"]),
        periods in 0usize..3,
    ) {
        let names: Vec<&str> = std::iter::once(e.service().as_str()).chain(e.service().headings().iter().map(|h| h.text())).collect();
        let service = names[alias % names.len()];
        let category = e.listings()[0].category_as_written();
        let respell = |s: &str| {
            let s = if upper { s.to_uppercase() } else { s.to_string() };
            format!("{pad}{}{}{pad}", s.replace(' ', inner).replace('-', dash), ".".repeat(periods))
        };
        let (s, c, a) = (respell(service), respell(category), respell(e.activity()));
        let m = lookup(&s, &c, &a).expect("found");
        // The entry; or, when the case was changed, possibly a case variant of it.
        prop_assert!(m.entry() == e || (upper && m.entry().activity().eq_ignore_ascii_case(e.activity())));
        prop_assert_eq!(m.is_exact(), s == service && c == category && a == m.entry().activity());
        prop_assert_eq!(m.forgiven_in(Field::Activity).contains(Normalization::TrailingPeriod), periods > 0);
        let v = validate(Some(&s), Some(&c), Some(&a)).expect("valid");
        prop_assert_eq!(v.entry(), Some(m.entry()));
        prop_assert!(find_activity(&a).any(|f| f.entry() == m.entry()));
    }

    #[test]
    fn an_unknown_activity_is_never_reported_as_listed(a in "[a-z]{12,20}") {
        if let Err(e) = validate(None, None, Some(&a)) {
            prop_assert_eq!(e.kind(), ValidationErrorKind::UnknownActivity);
        }
    }
}

#[cfg(feature = "records")]
mod records {
    use aad_audit_catalog::records::{Record, check};
    use aad_audit_catalog::report::{InputFormat, Report};
    use proptest::prelude::*;

    /// Bytes that are often nearly JSON: real samples cut and spliced with noise.
    fn near_json() -> impl Strategy<Value = Vec<u8>> {
        let sample: &'static [u8] = include_bytes!("../data/samples/log-analytics-auditlogs.jsonl");
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..400),
            (0..sample.len(), 0..sample.len(), proptest::collection::vec(any::<u8>(), 0..8)).prop_map(
                move |(a, b, noise)| {
                    let (a, b) = (a.min(b), a.max(b));
                    let mut v = sample[..a].to_vec();
                    v.extend(noise);
                    v.extend(&sample[b..]);
                    v
                }
            ),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_give_errors_not_panics(bytes in near_json()) {
            if let Ok(text) = std::str::from_utf8(&bytes) {
                if let Ok(record) = Record::from_json(text) {
                    let _ = check(&record);
                }
            }
            for format in [InputFormat::Auto, InputFormat::JsonLines, InputFormat::Json] {
                let mut report = Report::new();
                report.read("input", &bytes[..], format);
                let t = report.totals();
                prop_assert_eq!(t.records, t.exact + t.forgiven + t.unknown + t.malformed);
                prop_assert!(!report.to_string().is_empty());
            }
        }
    }
}
