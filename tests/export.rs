//! The catalog as CSV and JSON (feature `export`).
#![cfg(feature = "export")]

use aad_audit_catalog::export::{COLUMNS, NOTE_COLUMNS, write_csv, write_json, write_notes_csv};
use aad_audit_catalog::{SOURCE_DATE, SOURCE_ROWS, entries, notes};
use serde_json::{Value, json};

#[test]
fn csv_has_one_row_per_entry_that_reads_back() {
    let mut bytes = Vec::new();
    write_csv(&mut bytes).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(reader.headers().unwrap(), COLUMNS.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), entries().len());
    for (row, e) in rows.iter().zip(entries()) {
        let expected = [
            e.line().to_string(),
            e.heading().to_string(),
            e.service().log_names().join("; "),
            e.category_as_written().to_string(),
            e.category().as_str().to_string(),
            e.activity().to_string(),
            e.description().unwrap_or_default().to_string(),
        ];
        assert_eq!(row, expected.as_slice(), "{e:?}");
    }
    // Headings without a known loggedByService value leave the cell empty.
    assert!(rows.iter().any(|r| &r[1] == "Azure MFA" && r[2].is_empty()));
}

#[test]
fn notes_csv_reads_back() {
    let mut bytes = Vec::new();
    write_notes_csv(&mut bytes).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(reader.headers().unwrap(), NOTE_COLUMNS.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), notes().len());
    for (row, n) in rows.iter().zip(notes()) {
        assert_eq!((&row[1], &row[2], &row[3]), (n.line().to_string().as_str(), n.kind().as_str(), n.text()));
    }
}

#[test]
fn json_has_source_entries_and_notes() {
    let mut bytes = Vec::new();
    write_json(&mut bytes, false).unwrap();
    assert_eq!(bytes.last(), Some(&b'\n'));
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["source"]["date"], json!(SOURCE_DATE));
    assert_eq!(v["source"]["rows"], json!(SOURCE_ROWS));
    let rows = v["entries"].as_array().unwrap();
    assert_eq!(rows.len(), entries().len());
    for (row, e) in rows.iter().zip(entries()) {
        assert_eq!(row["line"], json!(e.line()));
        assert_eq!(row["service"], json!(e.heading()));
        assert_eq!(row["loggedByService"], json!(e.service().log_names()));
        assert_eq!(row["categoryAsWritten"], json!(e.category_as_written()));
        assert_eq!(row["category"], json!(e.category().as_str()));
        assert_eq!(row["activity"], json!(e.activity()));
        assert_eq!(row["description"], json!(e.description()));
        assert_eq!(row.as_object().unwrap().len(), COLUMNS.len());
    }
    assert_eq!(v["notes"].as_array().unwrap().len(), notes().len());
    // Pretty or not, the same document.
    let mut pretty = Vec::new();
    write_json(&mut pretty, true).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&pretty).unwrap(), v);
}
