//! `validate` with suggestions on arbitrary strings: the first byte's low three bits say which
//! of service, category and activity are given, the rest is split at U+001F into the three.
//! A result agrees with `lookup`/`find_activity`; an error names the part that is wrong, in one
//! line, with at most `MAX_SUGGESTIONS` suggestions that fit its kind.
#![no_main]

use aad_audit_catalog::{
    Field, MAX_SUGGESTIONS, Suggestion, Validated, ValidationError, ValidationErrorKind as Kind, find_activity, lookup,
    validate,
};
use libfuzzer_sys::fuzz_target;

const FIELDS: [Field; 3] = [Field::Service, Field::Category, Field::Activity];

fuzz_target!(|data: &[u8]| {
    let Some((&given, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut parts = text.splitn(3, '\u{1f}');
    let mut next = |bit: u8| Some(parts.next().unwrap_or("")).filter(|_| given & bit != 0);
    let parts = [next(1), next(2), next(4)];
    match validate(parts[0], parts[1], parts[2]) {
        Ok(v) => check_ok(&v, parts),
        Err(e) => check_err(&e, parts),
    }
});

/// A part counts as given unless absent or blank.
fn given(part: Option<&str>) -> Option<&str> {
    part.filter(|p| !p.trim().is_empty())
}

fn check_ok(v: &Validated, parts: [Option<&str>; 3]) {
    let [s, c, a] = parts.map(given);
    assert!(s.is_some() || c.is_some() || a.is_some());
    assert_eq!(v.service().is_some(), s.is_some() || a.is_some());
    assert_eq!(v.category().is_some(), c.is_some() || a.is_some());
    let Some(a) = a else { return assert!(v.entry().is_none()) };
    let e = v.entry().expect("an activity was given");
    assert_eq!((v.service(), v.category()), (Some(e.service()), Some(e.category())));
    let r = find_activity(a).find(|r| r.entry() == e).unwrap_or_else(|| panic!("{a:?} does not find {e:?}"));
    assert_eq!(r.forgiven_in(Field::Activity), v.forgiven_in(Field::Activity));
    if let (Some(s), Some(c)) = (s, c) {
        let m = lookup(s, c, a).expect("validate found it, lookup must too");
        assert_eq!(m.entry(), e);
        assert!(FIELDS.iter().all(|&f| m.forgiven_in(f) == v.forgiven_in(f)), "{} vs {}", m.forgiven(), v.forgiven());
    }
}

fn check_err(e: &ValidationError, parts: [Option<&str>; 3]) {
    let message = e.to_string();
    assert!(!message.is_empty() && !message.contains(['\n', '\r']), "{message:?}");
    let hints: Vec<Suggestion> = e.suggestions().collect();
    assert!(hints.len() <= MAX_SUGGESTIONS && hints.len() <= e.total());
    let Some(field) = e.field() else {
        assert_eq!(e.kind(), Kind::Empty);
        return assert!(parts.iter().all(|p| given(*p).is_none()));
    };
    // The error keeps (the start of) the part it is about, as given.
    let part = given(parts[FIELDS.iter().position(|&f| f == field).unwrap()]).expect("the wrong part was given");
    assert!(part.starts_with(e.given()) && e.given_len() == part.len(), "{:?} of {part:?}", e.given());
    // Close names are of the kind asked for; places are where the activity is listed.
    let a = parts[2].unwrap_or("");
    match e.kind() {
        Kind::UnknownService => assert!(hints.iter().all(|h| matches!(h, Suggestion::Service(_)))),
        Kind::UnknownCategory => assert!(hints.iter().all(|h| matches!(h, Suggestion::Category(_)))),
        Kind::UnknownActivity => {
            assert!(find_activity(a).next().is_none(), "{a:?} is listed");
            assert!(hints.iter().all(|h| matches!(h, Suggestion::Entry(_))));
        }
        Kind::ActivityElsewhere { .. } | Kind::NotInPages { .. } => {
            assert_eq!(e.total(), find_activity(a).count());
            assert!(
                hints.iter().all(|h| matches!(h, Suggestion::Entry(x) if find_activity(a).any(|r| r.entry() == *x)))
            );
        }
        _ => {}
    }
    // Close names are all there are: `total` counts more only for places.
    if matches!(e.kind(), Kind::UnknownService | Kind::UnknownCategory | Kind::UnknownActivity) {
        assert_eq!(e.total(), hints.len());
    }
}
