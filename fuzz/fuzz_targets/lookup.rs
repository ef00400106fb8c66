//! Forgiving lookup, validation, reverse lookup and search on arbitrary strings: never a
//! panic, and what they find agrees with each other.
#![no_main]

use aad_audit_catalog::{find_activity, lookup, lookup_exact, search, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{1f}');
    let (s, c, a) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let exact = lookup_exact(s, c, a);
    let forgiving = lookup(s, c, a);
    if let Some(e) = exact {
        assert_eq!(forgiving.map(|m| m.entry()), Some(e));
        assert!(forgiving.is_some_and(|m| m.is_exact()));
    }
    let blank = [s, c, a].iter().any(|p| p.trim().is_empty());
    match validate(Some(s), Some(c), Some(a)) {
        // Blank parts count as absent for `validate`, but not for `lookup`.
        Ok(v) if !blank => assert_eq!(v.entry(), forgiving.map(|m| m.entry())),
        Ok(_) => {}
        Err(e) => {
            assert!(forgiving.is_none());
            assert!(!e.to_string().is_empty() && !e.to_string().contains('\n'));
        }
    }
    let _ = validate(None, None, Some(a));
    let _ = find_activity(a).count();
    let _ = search(a).count();
});
