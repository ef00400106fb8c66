//! Audit records in the three shapes they arrive in, and one check of any of them against the
//! catalog (feature `records`).
//!
//! - [`GraphRecord`]: a Microsoft Graph `directoryAudit` (camelCase), as the
//!   `/auditLogs/directoryAudits` API returns it.
//! - [`LogAnalyticsRecord`]: a row of the Log Analytics `AuditLogs` table (PascalCase columns);
//!   its dynamic columns (`InitiatedBy`, `TargetResources`, `AdditionalDetails`) may be JSON
//!   values or strings holding JSON, as query exports write them.
//! - [`DiagnosticRecord`]: the diagnostic-settings envelope that Event Hub and storage exports
//!   carry, with the Graph-shaped record in `properties` (its own `category` is always
//!   `AuditLogs`: the envelope's, not the activity's).
//!
//! [`Record::from_json`] reads a record in one pass: one visitor reads every key any shape
//! reads, notes what each tells about the shape (see [`Shape::detect`]), and builds the record
//! of the shape the keys add up to, borrowing strings from the input where it can. Unknown
//! fields are ignored and `null` reads as absent; a key that some shape reads must hold its
//! type and appear once, whatever the shape turns out to be.
//!
//! Nested values (`initiatedBy`, `targetResources`, `additionalDetails`) are kept as their
//! JSON text ([`Nested`]), borrowed from the input, and parsed only when asked for
//! ([`Record::initiated_by`], [`Record::target_resources`], [`Record::additional_details`]):
//! checking a record needs three strings, not its nested values. The one pass still checks
//! them for syntax and for their kind (an object for `initiatedBy`, an array for the others,
//! written as JSON or, as Log Analytics exports write dynamic columns, as a string holding
//! it); a record whose nested value is of the wrong kind is an error, as one with a number
//! for its activity is. What the object or array holds is checked when it is read, and an
//! error there says which field is wrong.
//!
//! [`Record<'static>`](Record) also implements `Deserialize`, for sources that lend nothing
//! (`serde_json::from_reader`, `serde_json::from_value`, HTTP clients' `.json()`);
//! [`Record::into_owned`] turns a borrowed record into one.
//!
//! [`check`] then answers for any shape: [`Verdict::Exact`], [`Verdict::Forgiven`] (with what
//! was forgiven), [`Verdict::Unknown`] (with the [`ValidationError`](crate::ValidationError))
//! or [`Verdict::Incomplete`] (a part is missing from the record). A [`Checker`] also accepts
//! what an [`Allowlist`](crate::allowlist::Allowlist) allows ([`Verdict::Allowed`]) and
//! explains each unknown name once.
//!
//! ```
//! use aad_audit_catalog::records::{check, Record, Shape, Verdict};
//!
//! let line = r#"{"id":"Directory_7f1d","category":"UserManagement","activityDisplayName":"add user.",
//!               "loggedByService":"Core Directory","result":"success","initiatedBy":{"user":null}}"#;
//! let record = Record::from_json(line).unwrap();
//! assert_eq!(record.shape(), Shape::Graph);
//! match check(&record) {
//!     Verdict::Forgiven(m) => {
//!         assert_eq!(m.entry().activity(), "Add user");
//!         assert_eq!(m.forgiven().to_string(), "case+trailing-period");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! // Nested values are read when asked for.
//! assert_eq!(record.initiated_by().unwrap().user, None);
//!
//! // Owned, from any reader.
//! let owned: Record<'static> = serde_json::from_reader(line.as_bytes()).unwrap();
//! assert_eq!(owned, record);
//! ```

use std::borrow::Cow;

use serde::{Serialize, Serializer};

mod check;
mod error;
mod fields;
mod nested;
mod read;
mod shape;
mod types;

pub use check::{Allowed, Checker, MAX_REMEMBERED, Verdict, check, check_identity};
pub use error::{RecordError, RecordErrorKind};
pub use nested::Nested;
pub use shape::{Detected, Shape};
pub use types::{
    AppIdentity, DiagnosticRecord, GraphRecord, InitiatedBy, KeyValue, LogAnalyticsRecord, ModifiedProperty,
    TargetResource, UserIdentity,
};

/// The message for a batch where one record was expected.
const BATCH_NOT_RECORD: &str = "a batch of records (`records` or `value` array), not one record";

/// An audit record of any shape.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Record<'a> {
    /// A Graph `directoryAudit`.
    Graph(GraphRecord<'a>),
    /// A Log Analytics `AuditLogs` row.
    LogAnalytics(LogAnalyticsRecord<'a>),
    /// A diagnostic-settings envelope.
    DiagnosticSettings(DiagnosticRecord<'a>),
}

impl Serialize for Record<'_> {
    /// The record as it was read, in its own shape (unknown fields dropped).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Record::Graph(r) => r.serialize(serializer),
            Record::LogAnalytics(r) => r.serialize(serializer),
            Record::DiagnosticSettings(r) => r.serialize(serializer),
        }
    }
}

/// The three parts of a record that name its activity, as the record spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Identity<'r> {
    /// `loggedByService`.
    pub service: Option<&'r str>,
    /// The activity's category.
    pub category: Option<&'r str>,
    /// `activityDisplayName` (or, where that is absent, the operation name).
    pub activity: Option<&'r str>,
}

/// The text of a field, `None` for absent, `null` or blank.
fn present<'r>(field: &'r Option<Cow<'_, str>>) -> Option<&'r str> {
    let text = field.as_deref()?;
    // A printable ASCII first byte is not whitespace: most texts need no trimming to tell.
    let starts_printable = matches!(text.as_bytes().first(), Some(0x21..=0x7e));
    (starts_printable || !text.trim().is_empty()).then_some(text)
}

impl<'a> Record<'a> {
    /// Reads one record, in one pass, of the shape its keys tell ([`Shape::detect`]). A batch
    /// (`{"records": [...]}`) is not a record: see [`parse`] and [`report`](crate::report) for
    /// reading exports.
    pub fn from_json(json: &'a str) -> Result<Record<'a>, RecordError> {
        let mut slots = read::Slots::new(false, false);
        read::read(json, &mut slots)?;
        match slots.evidence.detected()? {
            Detected::Record(shape) => Ok(slots.into_record(shape)),
            Detected::Batch => Err(RecordError::new(RecordErrorKind::Unrecognized, BATCH_NOT_RECORD)),
        }
    }

    /// Reads one record as a given shape, whatever its keys tell.
    pub fn from_json_as(json: &'a str, shape: Shape) -> Result<Record<'a>, RecordError> {
        let mut slots = read::Slots::new(false, false);
        read::read(json, &mut slots)?;
        Ok(slots.into_record(shape))
    }

    /// The record's shape.
    pub const fn shape(&self) -> Shape {
        match self {
            Record::Graph(_) => Shape::Graph,
            Record::LogAnalytics(_) => Shape::LogAnalytics,
            Record::DiagnosticSettings(_) => Shape::DiagnosticSettings,
        }
    }

    /// The (service, category, activity) the record names; blank parts are `None`.
    pub fn identity(&self) -> Identity<'_> {
        match self {
            Record::Graph(r) => Identity {
                service: present(&r.logged_by_service),
                category: present(&r.category),
                activity: present(&r.activity_display_name),
            },
            Record::LogAnalytics(r) => Identity {
                service: present(&r.logged_by_service),
                category: present(&r.category),
                activity: present(&r.activity_display_name).or_else(|| present(&r.operation_name)),
            },
            Record::DiagnosticSettings(r) => Identity {
                service: present(&r.properties.logged_by_service),
                category: present(&r.properties.category),
                activity: present(&r.properties.activity_display_name).or_else(|| present(&r.operation_name)),
            },
        }
    }

    /// The record's id.
    pub fn id(&self) -> Option<&str> {
        match self {
            Record::Graph(r) => present(&r.id),
            Record::LogAnalytics(r) => present(&r.id),
            Record::DiagnosticSettings(r) => present(&r.properties.id),
        }
    }

    /// The record's correlation id, shared by the records of one operation.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Record::Graph(r) => present(&r.correlation_id),
            Record::LogAnalytics(r) => present(&r.correlation_id),
            Record::DiagnosticSettings(r) => {
                present(&r.correlation_id).or_else(|| present(&r.properties.correlation_id))
            }
        }
    }

    /// When the activity happened, as the record writes it: `activityDateTime`, or where that
    /// is absent `TimeGenerated` (Log Analytics) or the envelope's `time`.
    pub fn time(&self) -> Option<&str> {
        match self {
            Record::Graph(r) => present(&r.activity_date_time),
            Record::LogAnalytics(r) => present(&r.activity_date_time).or_else(|| present(&r.time_generated)),
            Record::DiagnosticSettings(r) => present(&r.properties.activity_date_time).or_else(|| present(&r.time)),
        }
    }

    /// The same record owning all its strings, so that it outlives its input.
    pub fn into_owned(self) -> Record<'static> {
        match self {
            Record::Graph(r) => Record::Graph(r.into_owned()),
            Record::LogAnalytics(r) => Record::LogAnalytics(r.into_owned()),
            Record::DiagnosticSettings(r) => Record::DiagnosticSettings(r.into_owned()),
        }
    }

    /// Checks the record against the catalog: the same as [`check`].
    pub fn check(&self) -> Verdict {
        check(self)
    }

    /// Who did it (`initiatedBy`, `InitiatedBy`, `properties.initiatedBy`), read from the JSON
    /// the record kept ([`Nested`]); the default when the record has none. An error says
    /// which field is wrong and how.
    pub fn initiated_by(&self) -> Result<InitiatedBy<'_>, RecordError> {
        self.read_nested(NestedField::InitiatedBy)
    }

    /// What the activity changed (`targetResources`, `TargetResources`,
    /// `properties.targetResources`), read as [`Record::initiated_by`] is; empty when the
    /// record has none.
    pub fn target_resources(&self) -> Result<Vec<TargetResource<'_>>, RecordError> {
        self.read_nested(NestedField::TargetResources)
    }

    /// More about it (`additionalDetails`, `AdditionalDetails`,
    /// `properties.additionalDetails`), read as [`Record::initiated_by`] is; empty when the
    /// record has none.
    pub fn additional_details(&self) -> Result<Vec<KeyValue<'_>>, RecordError> {
        self.read_nested(NestedField::AdditionalDetails)
    }

    /// Reads a nested field of any shape, naming it in errors as the shape writes it.
    fn read_nested<'r, T: serde::Deserialize<'r> + Default>(&'r self, field: NestedField) -> Result<T, RecordError> {
        let (fields, prefix) = match self {
            Record::Graph(r) => ([&r.initiated_by, &r.target_resources, &r.additional_details], ""),
            Record::LogAnalytics(r) => ([&r.initiated_by, &r.target_resources, &r.additional_details], ""),
            Record::DiagnosticSettings(r) => {
                let p = &r.properties;
                ([&p.initiated_by, &p.target_resources, &p.additional_details], "properties.")
            }
        };
        let Some(nested) = fields[field as usize] else { return Ok(T::default()) };
        nested.read().map_err(|e| {
            let name = field.name(self.shape() == Shape::LogAnalytics);
            RecordError::new(e.kind(), format!("{prefix}{name}: {}", e.message()))
        })
    }
}

/// The nested fields every shape has, in the order [`Record::read_nested`] lists them.
#[derive(Clone, Copy)]
enum NestedField {
    InitiatedBy,
    TargetResources,
    AdditionalDetails,
}

impl NestedField {
    /// The field's name, camelCase or (Log Analytics) PascalCase.
    const fn name(self, pascal: bool) -> &'static str {
        match (self, pascal) {
            (NestedField::InitiatedBy, false) => "initiatedBy",
            (NestedField::TargetResources, false) => "targetResources",
            (NestedField::AdditionalDetails, false) => "additionalDetails",
            (NestedField::InitiatedBy, true) => "InitiatedBy",
            (NestedField::TargetResources, true) => "TargetResources",
            (NestedField::AdditionalDetails, true) => "AdditionalDetails",
        }
    }
}

/// One JSON object read where a record belongs: a record, or a batch of them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant, reason = "boxing would cost an allocation per record")]
pub enum Parsed<'a> {
    /// One record.
    Record(Record<'a>),
    /// A batch (`{"records": [...]}`, `{"value": [...]}`): the JSON text of each of its items,
    /// in order, each a slice of the input.
    Batch(Vec<&'a str>),
}

/// Reads the record (or batch) that starts `text`, which may go on with more JSON (the rest
/// of an array, say): what it is and how many bytes it took, whitespace before it included.
/// For reading records out of a buffer without framing them first; a record cut short by
/// the end of `text` is an error that [`RecordError::is_cut_short`].
///
/// ```
/// use aad_audit_catalog::records::{parse_prefix, Parsed};
///
/// let buffer = r#" {"category": "UserManagement", "activityDisplayName": "Add user"}, {"category": "#;
/// let (Parsed::Record(record), used) = parse_prefix(buffer).unwrap() else { panic!() };
/// assert_eq!((record.identity().activity, used), (Some("Add user"), 66));
/// assert!(parse_prefix(&buffer[used + 1..]).unwrap_err().is_cut_short());
/// ```
pub fn parse_prefix(text: &str) -> Result<(Parsed<'_>, usize), RecordError> {
    read::read_prefix(text)
}

/// Reads a record or a batch in one pass: the one entry point [`Record::from_json`] and the
/// [`report`](crate::report) readers share.
///
/// ```
/// use aad_audit_catalog::records::{parse, Parsed};
///
/// let Parsed::Batch(items) = parse(r#"{"records": [{"category": "a"}, 7]}"#).unwrap() else { panic!() };
/// assert_eq!(items, [r#"{"category": "a"}"#, "7"]);
/// ```
pub fn parse(json: &str) -> Result<Parsed<'_>, RecordError> {
    let mut slots = read::Slots::new(true, false);
    read::read(json, &mut slots)?;
    slots.into_parsed()
}
