//! The page reader (the code build.rs runs) on arbitrary text: an error or a page, never a
//! panic; and a page it accepts accounts for every row.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../src/note_kind.rs"]
mod note_kind;
#[path = "../../src/reader.rs"]
#[allow(dead_code)]
mod reader;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(page) = reader::read_page(text) {
        let repeats = page.notes.iter().filter(|n| n.kind == reader::NoteKind::DuplicateRow).count();
        assert_eq!(page.entries.len() + repeats, page.rows_read);
        assert!(page.entries.iter().all(|r| !r.activity.is_empty() && !r.category.is_empty()));
        assert!(page.entries.iter().all(|r| r.section < page.sections.len()));
    }
});
