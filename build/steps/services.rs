//! Reads the services mapping (`data/services.csv`, and the file `AAD_AUDIT_CATALOG_SERVICES`
//! names): which service each section heading of each page is, and its `loggedByService` value.

use std::collections::HashMap;

/// One row of a mapping file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRow {
    /// The `Service` variant.
    pub variant: String,
    /// A section heading as a page writes it.
    pub heading: String,
    /// The `loggedByService` value, if one is confirmed.
    pub logged_by_service: Option<String>,
    /// `file:line` of the row, for messages.
    pub place: String,
}

/// The rows of all mapping files, checked against each other.
#[derive(Debug, Default)]
pub struct Mapping {
    /// The rows, in file order.
    pub rows: Vec<MappingRow>,
}

impl Mapping {
    /// Adds the rows of one mapping file (`variant,heading,logged_by_service`; `#` comments).
    pub fn read(&mut self, text: &str, file: &str) -> Result<(), String> {
        let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).flexible(true).from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| format!("{file}: {e}"))?.clone();
        if header.iter().map(str::trim).collect::<Vec<_>>() != ["variant", "heading", "logged_by_service"] {
            return Err(format!("{file}: the header must be `variant,heading,logged_by_service`, not {header:?}"));
        }
        for record in reader.records() {
            let record = record.map_err(|e| format!("{file}: {e}"))?;
            let place = format!("{file}:{}", record.position().map_or(0, |p| p.line()));
            let cell = |i: usize| record.get(i).unwrap_or("").trim().to_string();
            if record.len() != 3 {
                return Err(format!(
                    "{place}: expected 3 fields (variant,heading,logged_by_service), found {}",
                    record.len()
                ));
            }
            let row = MappingRow {
                variant: cell(0),
                heading: cell(1),
                logged_by_service: Some(cell(2)).filter(|v| !v.is_empty()),
                place,
            };
            self.add(row)?;
        }
        Ok(())
    }

    fn add(&mut self, row: MappingRow) -> Result<(), String> {
        let place = &row.place;
        if !is_variant_name(&row.variant) {
            return Err(format!(
                "{place}: variant {:?} is not a Rust type name (ASCII letters and digits, starting with a capital; not `Self`)",
                row.variant
            ));
        }
        if row.heading.is_empty() {
            return Err(format!("{place}: a row with no heading"));
        }
        if let Some(other) = self.rows.iter().find(|r| r.heading == row.heading && r.variant != row.variant) {
            return Err(format!(
                "{place}: heading {:?} is mapped to {} here and to {} at {}",
                row.heading, row.variant, other.variant, other.place
            ));
        }
        let disagrees = |r: &&MappingRow| {
            r.variant == row.variant
                && r.logged_by_service.is_some()
                && row.logged_by_service.is_some()
                && r.logged_by_service != row.logged_by_service
        };
        if let Some(other) = self.rows.iter().find(disagrees) {
            return Err(format!(
                "{place}: {} is logged as {:?} here and as {:?} at {}",
                row.variant, row.logged_by_service, other.logged_by_service, other.place
            ));
        }
        self.rows.push(row);
        Ok(())
    }

    /// The row that maps `heading`.
    pub fn variant_of(&self, heading: &str) -> Option<&MappingRow> {
        self.rows.iter().find(|r| r.heading == heading)
    }

    /// Each variant's `loggedByService` value, where a row gives one.
    pub fn logged_by_service(&self) -> HashMap<&str, &str> {
        self.rows.iter().filter_map(|r| Some((r.variant.as_str(), r.logged_by_service.as_deref()?))).collect()
    }
}

/// Whether `name` can be an enum variant: an ASCII identifier that starts with a capital and
/// is not a keyword (`Self` is the only capitalized one).
pub fn is_variant_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "variant,heading,logged_by_service\n";

    fn read(text: &str) -> Result<Mapping, String> {
        let mut m = Mapping::default();
        m.read(text, "services.csv").map(|()| m)
    }

    #[test]
    fn reads_rows_and_comments() {
        let m = read(&format!(
            "# a comment\n{HEADER}CoreDirectory,Core directory,Core Directory\nCoreDirectory,Core Directory,\n"
        ))
        .unwrap();
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.variant_of("Core Directory").unwrap().variant, "CoreDirectory");
        assert_eq!(m.logged_by_service()["CoreDirectory"], "Core Directory");
        assert_eq!(m.rows[1].place, "services.csv:4");
    }

    #[test]
    fn bundled_mapping_reads() {
        let m = read(include_str!("../../data/services.csv")).unwrap();
        assert_eq!(m.rows.len(), 34);
    }

    #[test]
    fn conflicts_name_both_rows() {
        let e = read(&format!("{HEADER}A,H,\nB,H,\n")).unwrap_err();
        assert_eq!(e, "services.csv:3: heading \"H\" is mapped to B here and to A at services.csv:2");
        let e = read(&format!("{HEADER}A,H,x\nA,I,y\n")).unwrap_err();
        assert!(e.starts_with("services.csv:3: A is logged as Some(\"y\") here"), "{e}");
        for bad in ["Self,H,", "self,H,", "A-B,H,", "A,,", "A,B"] {
            assert!(read(&format!("{HEADER}{bad}\n")).is_err(), "{bad}");
        }
        assert!(read("heading,logged_by_service\nA,B\n").unwrap_err().contains("header"));
    }
}
