//! `lookup`, `lookup_exact` and `find_activity` on arbitrary strings (the input split at
//! U+001F into service, category and activity): no suggestions, no search. What one finds, the
//! others agree with, and an entry's own spelling finds it.
#![no_main]

use aad_audit_catalog::{Field, Match, Normalizations, find_activity, lookup, lookup_exact};
use libfuzzer_sys::fuzz_target;

const FIELDS: [Field; 3] = [Field::Service, Field::Category, Field::Activity];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, '\u{1f}');
    let (s, c, a) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));

    // Exact means the page's spellings, nothing folded.
    if let Some(e) = lookup_exact(s, c, a) {
        assert_eq!(e.activity(), a);
        assert!(e.service().names().contains(&s), "{s:?} is not a name of {:?}", e.service());
        assert!(e.category().spellings().contains(&c), "{c:?} is not a spelling of {:?}", e.category());
    }
    // Every reverse-lookup hit folds like `a`: exact exactly when spelled as `a`.
    for r in find_activity(a) {
        assert_eq!(r.is_exact(), r.entry().activity() == a, "{a:?} -> {:?}: {}", r.entry().activity(), r.forgiven());
        assert!(r.forgiven_in(Field::Service).is_empty() && r.forgiven_in(Field::Category).is_empty());
    }
    if let Some(m) = lookup(s, c, a) {
        check_match(m, s, c, a);
    }
});

fn check_match(m: Match, s: &str, c: &str, a: &str) {
    let e = m.entry();
    let union = FIELDS.iter().fold(Normalizations::NONE, |u, f| u.union(m.forgiven_in(*f)));
    assert_eq!(m.forgiven(), union);
    assert_eq!(m.is_exact(), m.forgiven().is_empty());
    assert_eq!(m.is_exact(), lookup_exact(s, c, a) == Some(e));
    // The entry's own spelling finds it, exactly.
    assert_eq!(lookup_exact(e.service().as_str(), e.category().as_str(), e.activity()), Some(e));
    // The reverse lookup finds it too, forgiving the same in the activity.
    let r = find_activity(a).find(|r| r.entry() == e).unwrap_or_else(|| panic!("{a:?} does not find {e:?}"));
    assert_eq!(r.forgiven_in(Field::Activity), m.forgiven_in(Field::Activity));
    // Case is forgiven: the same parts in ASCII capitals name an entry of the same service and
    // category whose activity folds alike (`Create Company` and `Create company` both do).
    let up = lookup(&s.to_ascii_uppercase(), &c.to_ascii_uppercase(), &a.to_ascii_uppercase())
        .unwrap_or_else(|| panic!("{s:?} / {c:?} / {a:?} in capitals finds nothing"));
    let u = up.entry();
    assert_eq!((u.service(), u.category()), (e.service(), e.category()));
    assert!(find_activity(e.activity()).any(|r| r.entry() == u), "{u:?} does not fold like {e:?}");
}
