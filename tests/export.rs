//! The catalog as CSV, TSV, JSON, KQL and a Sentinel watchlist (feature `export`).
#![cfg(feature = "export")]

use aad_audit_catalog::export::{COLUMNS, Format, NOTE_COLUMNS, PAGE_COLUMNS, Scope, write, write_notes_csv};
use aad_audit_catalog::{Page, entries, notes};
use serde_json::{Value, json};

fn export(format: Format, scope: Scope) -> Vec<u8> {
    let mut bytes = Vec::new();
    write(&mut bytes, format, scope).unwrap();
    bytes
}

fn rows(bytes: &[u8], delimiter: u8) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(Result::unwrap).collect())
}

fn date(p: Option<Page>) -> String {
    p.unwrap().date().to_string()
}

#[test]
fn every_entry_is_one_row_named_as_logs_name_it() {
    for (format, delimiter) in [(Format::Csv, b','), (Format::Tsv, b'\t')] {
        let (header, rows) = rows(&export(format, Scope::All), delimiter);
        assert_eq!(header, COLUMNS.as_slice());
        assert_eq!(rows.len(), entries().len());
        for (row, e) in rows.iter().zip(entries()) {
            let expected = [
                e.service().as_str().to_string(),
                e.category().as_str().to_string(),
                e.activity().to_string(),
                date(e.pages().first()),
                date(e.pages().last()),
            ];
            assert_eq!(row, expected.as_slice(), "{e:?}");
        }
    }
}

#[test]
fn one_page_is_its_rows_as_written() {
    for page in Page::ALL {
        let (header, csv) = rows(&export(Format::Csv, Scope::Page(page)), b',');
        assert_eq!(header, PAGE_COLUMNS.as_slice());
        assert_eq!(csv.len(), page.listings().len());
        for (row, l) in csv.iter().zip(page.listings()) {
            let line = l.line().to_string();
            let expected = [
                &line,
                l.heading(),
                l.category_as_written(),
                l.entry().activity(),
                l.description().unwrap_or_default(),
            ];
            assert_eq!(row, expected.as_slice());
        }
        let (header, tsv) = rows(&export(Format::Tsv, Scope::Page(page)), b'\t');
        assert_eq!((header.len(), tsv.len()), (4, page.listings().len()), "TSV leaves out descriptions");
    }
}

#[test]
fn notes_csv_reads_back() {
    let mut bytes = Vec::new();
    write_notes_csv(&mut bytes, Scope::All).unwrap();
    let (header, rows) = rows(&bytes, b',');
    assert_eq!(header, NOTE_COLUMNS.as_slice());
    assert_eq!(rows.len(), notes().len());
    for (row, n) in rows.iter().zip(notes()) {
        let line = n.line().to_string();
        assert_eq!(row, [n.page().date(), n.page().file(), &line, n.kind().as_str(), n.text()].as_slice());
    }
    let mut bytes = Vec::new();
    write_notes_csv(&mut bytes, Scope::Page(Page::oldest())).unwrap();
    assert_eq!(rows_of(&bytes), 37);
}

fn rows_of(bytes: &[u8]) -> usize {
    rows(bytes, b',').1.len()
}

#[test]
fn json_has_pages_entries_and_notes() {
    let v: Value = serde_json::from_slice(&export(Format::Json, Scope::All)).unwrap();
    assert_eq!(v["pages"].as_array().unwrap().len(), Page::ALL.len());
    assert_eq!(
        v["pages"][0],
        json!({"date": "2022-11-29", "title": "Azure AD audit activity reference", "file": "reference-audit-activities.md", "rows": 828})
    );
    let list = v["entries"].as_array().unwrap();
    assert_eq!(list.len(), entries().len());
    for (row, e) in list.iter().zip(entries()) {
        assert_eq!(row, &serde_json::to_value(e).unwrap());
    }
    assert_eq!(v["notes"].as_array().unwrap().len(), notes().len());

    let v: Value = serde_json::from_slice(&export(Format::Json, Scope::Page(Page::latest()))).unwrap();
    assert_eq!(v["pages"][0]["date"], json!("2024-10-04"));
    let listings = v["listings"].as_array().unwrap();
    assert_eq!(listings.len(), 1196);
    assert_eq!(listings[0]["heading"], json!("Microsoft Entra (AAD) Management UX"));
    assert_eq!(listings[0]["service"], json!("AAD Management UX"));
}

#[test]
fn kql_is_a_datatable_of_every_entry() {
    let text = String::from_utf8(export(Format::Kql, Scope::All)).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "datatable(LoggedByService:string, Category:string, ActivityDisplayName:string, FirstDocumented:datetime, LastDocumented:datetime) ["
        )
    );
    assert_eq!(text.lines().last(), Some("]"));
    assert_eq!(text.lines().count(), entries().len() + 2);
    let e = aad_audit_catalog::lookup_exact("PIM", "GroupManagement", "Update role setting in PIM").unwrap();
    assert!(text.contains(
        r#"    "PIM", "GroupManagement", "Update role setting in PIM", datetime(2024-10-04), datetime(2024-10-04),"#
    ));
    assert_eq!(e.pages().len(), 1);
    let one = String::from_utf8(export(Format::Kql, Scope::Page(Page::oldest()))).unwrap();
    assert_eq!(one.lines().count(), 826 + 2);
}

#[test]
fn watchlist_has_a_search_key() {
    let (header, rows) = rows(&export(Format::Watchlist, Scope::All), b',');
    assert_eq!(
        header,
        ["SearchKey", "LoggedByService", "Category", "ActivityDisplayName", "FirstDocumented", "LastDocumented"]
            .as_slice()
    );
    assert_eq!(rows.len(), entries().len());
    assert!(rows.iter().all(|r| r[0] == r[3]), "the search key is the activity");
}
