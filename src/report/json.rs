//! The report as JSON (serde).

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Report;
use crate::Entry;

/// `{"entry", "count"}`.
struct ExactRow(&'static Entry, u64);

impl Serialize for ExactRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Exact", 2)?;
        s.serialize_field("entry", self.0)?;
        s.serialize_field("count", &self.1)?;
        s.end()
    }
}

struct ExactRows<'a>(&'a Report);

impl Serialize for ExactRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.exact().map(|(e, n)| ExactRow(e, n)))
    }
}

/// `{"pages": [{"date", "title", "file"}, ...]}`: the page versions the records were checked
/// against.
struct Catalog(crate::Catalog);

/// One page version's facts.
struct PageInfo(crate::Page);

impl Serialize for PageInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Page", 3)?;
        s.serialize_field("date", self.0.date())?;
        s.serialize_field("title", self.0.title())?;
        s.serialize_field("file", self.0.file())?;
        s.end()
    }
}

impl Serialize for Catalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Catalog", 1)?;
        s.serialize_field("pages", &self.0.page_set().iter().map(PageInfo).collect::<Vec<_>>())?;
        s.end()
    }
}

/// `{"name", "line"}` of the allowlist, when there is one.
struct AllowlistInfo<'a>(&'a crate::allowlist::Allowlist);

impl Serialize for AllowlistInfo<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Allowlist", 2)?;
        s.serialize_field("source", self.0.source_name())?;
        s.serialize_field("rules", &self.0.rules().len())?;
        s.end()
    }
}

impl Serialize for Report {
    /// `{"ok", "strict", "catalog", "allowlist", "inputs", "totals", "exact", "forgiven",
    /// "allowed", "unknown", "unlistedUnknown", "malformed"}`; `exact` lists every entry seen
    /// with its count, in document order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 12)?;
        s.serialize_field("ok", &self.is_clean())?;
        s.serialize_field("strict", &self.options.strict)?;
        s.serialize_field("catalog", &Catalog(self.catalog()))?;
        s.serialize_field("allowlist", &self.options.allowlist().map(AllowlistInfo))?;
        s.serialize_field("inputs", &self.inputs)?;
        s.serialize_field("totals", &self.totals())?;
        s.serialize_field("exact", &ExactRows(self))?;
        s.serialize_field("forgiven", &self.forgiven)?;
        s.serialize_field("allowed", &self.allowed)?;
        s.serialize_field("unknown", &self.unknown)?;
        s.serialize_field("unlistedUnknown", &self.unlisted_unknown())?;
        s.serialize_field("malformed", self.malformed())?;
        s.end()
    }
}
