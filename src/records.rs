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
//! [`Record::from_json`] tells the shape from the record's keys (see [`Shape::detect`]) and
//! reads it, borrowing strings from the input where it can; unknown fields are ignored and
//! `null` reads as absent. [`check`] then answers for any shape: [`Verdict::Exact`],
//! [`Verdict::Forgiven`] (with what was forgiven), [`Verdict::Unknown`] (with the
//! [`ValidationError`]) or [`Verdict::Incomplete`] (a part is missing from the record).
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
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::{Field, Match, ValidationError};

/// The shape an audit record arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Shape {
    /// A Microsoft Graph `directoryAudit` ([`GraphRecord`]).
    Graph,
    /// A Log Analytics `AuditLogs` row ([`LogAnalyticsRecord`]).
    LogAnalytics,
    /// A diagnostic-settings envelope ([`DiagnosticRecord`]).
    DiagnosticSettings,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 3] = [Shape::Graph, Shape::LogAnalytics, Shape::DiagnosticSettings];

    /// `graph`, `log-analytics` or `diagnostic-settings`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Shape::Graph => "graph",
            Shape::LogAnalytics => "log-analytics",
            Shape::DiagnosticSettings => "diagnostic-settings",
        }
    }

    /// The name of the record field that holds `field` in this shape (`loggedByService`,
    /// `LoggedByService`, `properties.loggedByService`, ...). Where a shape has a fallback for
    /// the activity (`OperationName`, `operationName`), it is named after the first choice.
    pub const fn field_name(self, field: Field) -> &'static str {
        match (self, field) {
            (Shape::Graph, Field::Service) => "loggedByService",
            (Shape::Graph, Field::Category) => "category",
            (Shape::Graph, Field::Activity) => "activityDisplayName",
            (Shape::LogAnalytics, Field::Service) => "LoggedByService",
            (Shape::LogAnalytics, Field::Category) => "Category",
            (Shape::LogAnalytics, Field::Activity) => "ActivityDisplayName (or OperationName)",
            (Shape::DiagnosticSettings, Field::Service) => "properties.loggedByService",
            (Shape::DiagnosticSettings, Field::Category) => "properties.category",
            (Shape::DiagnosticSettings, Field::Activity) => "properties.activityDisplayName (or operationName)",
        }
    }

    /// The shape of one JSON object from its keys, or why it is not a record. The rules, in
    /// order:
    ///
    /// 1. a `records` or `value` key holding an array, and none of the keys below that name
    ///    an activity: a batch ([`Detected::Batch`]), as Event Hub messages and Graph list
    ///    responses are;
    /// 2. `properties` holding an object, with any envelope key (`time`, `resourceId`,
    ///    `operationName`, `operationVersion`, `tenantId`, `resultSignature`, `durationMs`,
    ///    `callerIpAddress`, `identity`, `level`): diagnostic settings;
    /// 3. any Log Analytics column (`ActivityDisplayName`, `OperationName`, `LoggedByService`,
    ///    `Category`, `AADOperationType`, `TimeGenerated`, `AADTenantId`, `InitiatedBy`,
    ///    `TargetResources`): Log Analytics (PascalCase exports of the Graph PowerShell module
    ///    read the same way);
    /// 4. any Graph key (`activityDisplayName`, `loggedByService`, `category`,
    ///    `activityDateTime`, `operationType`, `initiatedBy`, `targetResources`): Graph.
    ///
    /// ```
    /// use aad_audit_catalog::records::{Detected, Shape};
    /// assert_eq!(Shape::detect(r#"{"ActivityDisplayName": "Add user"}"#).unwrap(), Detected::Record(Shape::LogAnalytics));
    /// assert_eq!(Shape::detect(r#"{"records": []}"#).unwrap(), Detected::Batch);
    /// assert!(Shape::detect(r#"{"hello": 1}"#).is_err());
    /// ```
    pub fn detect(json: &str) -> Result<Detected, RecordError> {
        if !json.trim_start().starts_with('{') {
            let found = match json.trim_start().bytes().next() {
                Some(b'[') => "an array",
                Some(b'"') => "a string",
                Some(b'n') => "null",
                Some(b't' | b'f') => "a boolean",
                _ => "a number",
            };
            // Syntax first: `[1, 2` is broken JSON before it is the wrong kind of value.
            serde_json::from_str::<IgnoredAny>(json).map_err(RecordError::from_json)?;
            return Err(RecordError::new(
                RecordErrorKind::NotAnObject,
                format!("expected a JSON object (an audit record), found {found}"),
            ));
        }
        let probe: Probe = serde_json::from_str(json).map_err(RecordError::from_json)?;
        probe.verdict()
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a JSON object is, by [`Shape::detect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detected {
    /// One record of this shape.
    Record(Shape),
    /// A batch: an object whose `records` (or `value`) array holds the records.
    Batch,
}

/// The keys that tell the shapes apart, as one pass over an object sees them.
#[derive(Default)]
struct Probe {
    batch: bool,
    envelope: bool,
    properties_object: bool,
    log_analytics: bool,
    graph: bool,
}

impl Probe {
    fn verdict(&self) -> Result<Detected, RecordError> {
        let names_activity = self.log_analytics || self.graph;
        if self.batch && !names_activity && !self.properties_object {
            Ok(Detected::Batch)
        } else if self.properties_object && self.envelope {
            Ok(Detected::Record(Shape::DiagnosticSettings))
        } else if self.log_analytics {
            Ok(Detected::Record(Shape::LogAnalytics))
        } else if self.graph {
            Ok(Detected::Record(Shape::Graph))
        } else {
            Err(RecordError::new(
                RecordErrorKind::Unrecognized,
                "not an audit record: none of the keys that tell a record's shape (Graph: activityDisplayName, \
                 loggedByService, category; Log Analytics: ActivityDisplayName, OperationName, LoggedByService, \
                 Category; diagnostic settings: properties with time, operationName, ...)"
                    .to_string(),
            ))
        }
    }
}

/// Whether a value is an array (draining it), or an object (draining it).
struct Kind {
    array: bool,
    object: bool,
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Kind { array: true, object: false })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Kind { array: false, object: true })
            }
            fn visit_bool<E>(self, _: bool) -> Result<Kind, E> {
                Ok(Kind { array: false, object: false })
            }
            fn visit_i64<E>(self, _: i64) -> Result<Kind, E> {
                Ok(Kind { array: false, object: false })
            }
            fn visit_u64<E>(self, _: u64) -> Result<Kind, E> {
                Ok(Kind { array: false, object: false })
            }
            fn visit_f64<E>(self, _: f64) -> Result<Kind, E> {
                Ok(Kind { array: false, object: false })
            }
            fn visit_str<E>(self, _: &str) -> Result<Kind, E> {
                Ok(Kind { array: false, object: false })
            }
            fn visit_unit<E>(self) -> Result<Kind, E> {
                Ok(Kind { array: false, object: false })
            }
        }
        d.deserialize_any(V)
    }
}

/// A key of an object being probed, by what it tells about the shape.
enum ProbeKey {
    Batch,
    Properties,
    Envelope,
    LogAnalytics,
    Graph,
    Other,
}

impl<'de> Deserialize<'de> for ProbeKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ProbeKey, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ProbeKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, k: &str) -> Result<ProbeKey, E> {
                Ok(match k {
                    "records" | "value" => ProbeKey::Batch,
                    "properties" => ProbeKey::Properties,
                    "time" | "resourceId" | "operationName" | "operationVersion" | "tenantId" | "resultSignature"
                    | "durationMs" | "callerIpAddress" | "identity" | "level" | "Level" => ProbeKey::Envelope,
                    "ActivityDisplayName"
                    | "OperationName"
                    | "LoggedByService"
                    | "Category"
                    | "AADOperationType"
                    | "TimeGenerated"
                    | "AADTenantId"
                    | "InitiatedBy"
                    | "TargetResources" => ProbeKey::LogAnalytics,
                    "activityDisplayName"
                    | "loggedByService"
                    | "category"
                    | "activityDateTime"
                    | "operationType"
                    | "initiatedBy"
                    | "targetResources" => ProbeKey::Graph,
                    _ => ProbeKey::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Probe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object (an audit record)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                let mut p = Probe::default();
                while let Some(key) = map.next_key::<ProbeKey>()? {
                    match key {
                        ProbeKey::Batch => p.batch |= map.next_value::<Kind>()?.array,
                        ProbeKey::Properties => p.properties_object |= map.next_value::<Kind>()?.object,
                        other => {
                            map.next_value::<IgnoredAny>()?;
                            match other {
                                ProbeKey::Envelope => p.envelope = true,
                                ProbeKey::LogAnalytics => p.log_analytics = true,
                                ProbeKey::Graph => p.graph = true,
                                _ => {}
                            }
                        }
                    }
                }
                Ok(p)
            }
        }
        d.deserialize_map(V)
    }
}

/// Who did it: a user or an app (Graph `auditActivityInitiator`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InitiatedBy<'a> {
    /// The user, when a user did it.
    #[serde(borrow, default, alias = "User")]
    pub user: Option<UserIdentity<'a>>,
    /// The app, when an app did it.
    #[serde(borrow, default, alias = "App")]
    pub app: Option<AppIdentity<'a>>,
}

/// A user that initiated an activity (Graph `userIdentity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserIdentity<'a> {
    /// Object id.
    #[serde(borrow, default, deserialize_with = "text", alias = "Id")]
    pub id: Option<Cow<'a, str>>,
    /// Display name.
    #[serde(borrow, default, deserialize_with = "text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// User principal name.
    #[serde(borrow, default, deserialize_with = "text", alias = "UserPrincipalName")]
    pub user_principal_name: Option<Cow<'a, str>>,
    /// IP address the request came from.
    #[serde(borrow, default, deserialize_with = "text", alias = "IPAddress", alias = "IpAddress")]
    pub ip_address: Option<Cow<'a, str>>,
}

/// An app that initiated an activity (Graph `appIdentity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppIdentity<'a> {
    /// Application (client) id.
    #[serde(borrow, default, deserialize_with = "text", alias = "AppId")]
    pub app_id: Option<Cow<'a, str>>,
    /// Display name.
    #[serde(borrow, default, deserialize_with = "text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// Service principal object id.
    #[serde(borrow, default, deserialize_with = "text", alias = "ServicePrincipalId")]
    pub service_principal_id: Option<Cow<'a, str>>,
    /// Service principal name.
    #[serde(borrow, default, deserialize_with = "text", alias = "ServicePrincipalName")]
    pub service_principal_name: Option<Cow<'a, str>>,
}

/// A resource an activity changed (Graph `targetResource`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TargetResource<'a> {
    /// Object id.
    #[serde(borrow, default, deserialize_with = "text", alias = "Id")]
    pub id: Option<Cow<'a, str>>,
    /// Display name.
    #[serde(borrow, default, deserialize_with = "text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// Resource type (`User`, `Group`, `ServicePrincipal`, ...).
    #[serde(borrow, default, deserialize_with = "text", rename = "type", alias = "Type")]
    pub resource_type: Option<Cow<'a, str>>,
    /// User principal name, for users.
    #[serde(borrow, default, deserialize_with = "text", alias = "UserPrincipalName")]
    pub user_principal_name: Option<Cow<'a, str>>,
    /// Group type, for groups.
    #[serde(borrow, default, deserialize_with = "text", alias = "GroupType")]
    pub group_type: Option<Cow<'a, str>>,
    /// The properties changed.
    #[serde(borrow, default, deserialize_with = "dynamic", alias = "ModifiedProperties")]
    pub modified_properties: Vec<ModifiedProperty<'a>>,
}

/// One changed property (Graph `modifiedProperty`); the values are JSON text, as Graph gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModifiedProperty<'a> {
    /// Property name.
    #[serde(borrow, default, deserialize_with = "text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// The value before.
    #[serde(borrow, default, deserialize_with = "scalar", alias = "OldValue")]
    pub old_value: Option<Cow<'a, str>>,
    /// The value after.
    #[serde(borrow, default, deserialize_with = "scalar", alias = "NewValue")]
    pub new_value: Option<Cow<'a, str>>,
}

/// A `key`/`value` pair of `additionalDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct KeyValue<'a> {
    /// The key.
    #[serde(borrow, default, deserialize_with = "text", alias = "Key")]
    pub key: Option<Cow<'a, str>>,
    /// The value.
    #[serde(borrow, default, deserialize_with = "scalar", alias = "Value")]
    pub value: Option<Cow<'a, str>>,
}

/// A Microsoft Graph `directoryAudit` record (camelCase), also the `properties` of a
/// [`DiagnosticRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GraphRecord<'a> {
    /// Record id (`Directory_...`, `IPCGraph_...`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub id: Option<Cow<'a, str>>,
    /// The activity's category (`UserManagement`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub category: Option<Cow<'a, str>>,
    /// Correlation id, shared by the records of one operation.
    #[serde(borrow, default, deserialize_with = "text")]
    pub correlation_id: Option<Cow<'a, str>>,
    /// `success`, `failure`, `timeout` or `unknownFutureValue`.
    #[serde(borrow, default, deserialize_with = "text")]
    pub result: Option<Cow<'a, str>>,
    /// Why, for failures.
    #[serde(borrow, default, deserialize_with = "text")]
    pub result_reason: Option<Cow<'a, str>>,
    /// The activity (`Add user`): what the catalog lists.
    #[serde(borrow, default, deserialize_with = "text")]
    pub activity_display_name: Option<Cow<'a, str>>,
    /// When it happened (ISO 8601 text, kept as written).
    #[serde(borrow, default, deserialize_with = "text")]
    pub activity_date_time: Option<Cow<'a, str>>,
    /// The service that logged it (`Core Directory`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub logged_by_service: Option<Cow<'a, str>>,
    /// `Add`, `Update`, `Delete`, `Assign`, ...
    #[serde(borrow, default, deserialize_with = "text")]
    pub operation_type: Option<Cow<'a, str>>,
    /// Who did it.
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub initiated_by: InitiatedBy<'a>,
    /// What it changed.
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub target_resources: Vec<TargetResource<'a>>,
    /// More about it.
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub additional_details: Vec<KeyValue<'a>>,
    /// The client's user agent, where recorded.
    #[serde(borrow, default, deserialize_with = "text")]
    pub user_agent: Option<Cow<'a, str>>,
}

/// A row of the Log Analytics `AuditLogs` table (PascalCase columns).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct LogAnalyticsRecord<'a> {
    /// The activity's category (`UserManagement`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub category: Option<Cow<'a, str>>,
    /// The activity (the same as `ActivityDisplayName`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub operation_name: Option<Cow<'a, str>>,
    /// The activity: what the catalog lists.
    #[serde(borrow, default, deserialize_with = "text")]
    pub activity_display_name: Option<Cow<'a, str>>,
    /// The service that logged it.
    #[serde(borrow, default, deserialize_with = "text")]
    pub logged_by_service: Option<Cow<'a, str>>,
    /// The operation type (`Add`, `Update`, ...); also read from `OperationType`.
    #[serde(borrow, default, deserialize_with = "text", rename = "AADOperationType", alias = "OperationType")]
    pub aad_operation_type: Option<Cow<'a, str>>,
    /// `success`, `failure`, ...
    #[serde(borrow, default, deserialize_with = "text")]
    pub result: Option<Cow<'a, str>>,
    /// Why, for failures.
    #[serde(borrow, default, deserialize_with = "text")]
    pub result_reason: Option<Cow<'a, str>>,
    /// Result description.
    #[serde(borrow, default, deserialize_with = "text")]
    pub result_description: Option<Cow<'a, str>>,
    /// Record id.
    #[serde(borrow, default, deserialize_with = "text")]
    pub id: Option<Cow<'a, str>>,
    /// Correlation id.
    #[serde(borrow, default, deserialize_with = "text")]
    pub correlation_id: Option<Cow<'a, str>>,
    /// When it happened.
    #[serde(borrow, default, deserialize_with = "text")]
    pub activity_date_time: Option<Cow<'a, str>>,
    /// When Log Analytics received it.
    #[serde(borrow, default, deserialize_with = "text")]
    pub time_generated: Option<Cow<'a, str>>,
    /// Who did it (a dynamic column: an object, or a string holding one).
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub initiated_by: InitiatedBy<'a>,
    /// What it changed (a dynamic column).
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub target_resources: Vec<TargetResource<'a>>,
    /// More about it (a dynamic column).
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub additional_details: Vec<KeyValue<'a>>,
    /// Display name of who did it.
    #[serde(borrow, default, deserialize_with = "text")]
    pub identity: Option<Cow<'a, str>>,
    /// The Entra tenant.
    #[serde(borrow, default, deserialize_with = "text", rename = "AADTenantId")]
    pub aad_tenant_id: Option<Cow<'a, str>>,
    /// The Log Analytics workspace.
    #[serde(borrow, default, deserialize_with = "text")]
    pub tenant_id: Option<Cow<'a, str>>,
    /// `Azure AD`.
    #[serde(borrow, default, deserialize_with = "text")]
    pub source_system: Option<Cow<'a, str>>,
    /// The table: `AuditLogs`.
    #[serde(borrow, default, deserialize_with = "text", rename = "Type")]
    pub table_type: Option<Cow<'a, str>>,
}

/// A diagnostic-settings record (Event Hub, storage account): an envelope whose `properties`
/// hold a [`GraphRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DiagnosticRecord<'a> {
    /// When it happened.
    #[serde(borrow, default, deserialize_with = "text")]
    pub time: Option<Cow<'a, str>>,
    /// `/tenants/<tenant id>/providers/Microsoft.aadiam`.
    #[serde(borrow, default, deserialize_with = "text")]
    pub resource_id: Option<Cow<'a, str>>,
    /// The activity (the same as `properties.activityDisplayName`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub operation_name: Option<Cow<'a, str>>,
    /// `1.0`.
    #[serde(borrow, default, deserialize_with = "scalar")]
    pub operation_version: Option<Cow<'a, str>>,
    /// The log category: `AuditLogs`. Not the activity's category, which is in `properties`.
    #[serde(borrow, default, deserialize_with = "text")]
    pub category: Option<Cow<'a, str>>,
    /// The Entra tenant.
    #[serde(borrow, default, deserialize_with = "text")]
    pub tenant_id: Option<Cow<'a, str>>,
    /// Result signature (`None`, `Success`, ...).
    #[serde(borrow, default, deserialize_with = "scalar")]
    pub result_signature: Option<Cow<'a, str>>,
    /// Duration in milliseconds (a number or a string; kept as text).
    #[serde(borrow, default, deserialize_with = "scalar")]
    pub duration_ms: Option<Cow<'a, str>>,
    /// Caller IP address (often `<null>`).
    #[serde(borrow, default, deserialize_with = "text")]
    pub caller_ip_address: Option<Cow<'a, str>>,
    /// Correlation id.
    #[serde(borrow, default, deserialize_with = "text")]
    pub correlation_id: Option<Cow<'a, str>>,
    /// Display name of who did it.
    #[serde(borrow, default, deserialize_with = "text")]
    pub identity: Option<Cow<'a, str>>,
    /// Level (`Informational`, or a number such as `4`; kept as text); also read from `Level`.
    #[serde(borrow, default, deserialize_with = "scalar", alias = "Level")]
    pub level: Option<Cow<'a, str>>,
    /// The audit record.
    #[serde(borrow, default, deserialize_with = "dynamic")]
    pub properties: GraphRecord<'a>,
}

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
    field.as_deref().filter(|s| !s.trim().is_empty())
}

impl<'a> Record<'a> {
    /// Reads one record, detecting its shape ([`Shape::detect`]). A batch
    /// (`{"records": [...]}`) is not a record: see [`Detected::Batch`] and
    /// [`report`](crate::report) for reading exports.
    pub fn from_json(json: &'a str) -> Result<Record<'a>, RecordError> {
        match Shape::detect(json)? {
            Detected::Record(shape) => Record::from_json_as(json, shape),
            Detected::Batch => Err(RecordError::new(
                RecordErrorKind::Unrecognized,
                "a batch of records (`records` or `value` array), not one record".to_string(),
            )),
        }
    }

    /// Reads one record of a known shape.
    pub fn from_json_as(json: &'a str, shape: Shape) -> Result<Record<'a>, RecordError> {
        let record = match shape {
            Shape::Graph => serde_json::from_str(json).map(Record::Graph),
            Shape::LogAnalytics => serde_json::from_str(json).map(Record::LogAnalytics),
            Shape::DiagnosticSettings => serde_json::from_str(json).map(Record::DiagnosticSettings),
        };
        record.map_err(RecordError::from_json)
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

    /// Checks the record against the catalog: the same as [`check`].
    pub fn check(&self) -> Verdict {
        check(self)
    }
}

/// What the catalog says about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Service, category and activity are the catalog's spellings.
    Exact(Match),
    /// Found after forgiving spelling; [`Match::forgiven`] says what.
    Forgiven(Match),
    /// Not in the catalog: the error says which part and what was probably meant.
    Unknown(ValidationError),
    /// The record has no value (missing, `null` or blank) for this part, so it cannot be checked.
    Incomplete(Field),
}

impl Verdict {
    /// `exact`, `forgiven`, `unknown` or `incomplete`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Verdict::Exact(_) => "exact",
            Verdict::Forgiven(_) => "forgiven",
            Verdict::Unknown(_) => "unknown",
            Verdict::Incomplete(_) => "incomplete",
        }
    }

    /// The match, for [`Verdict::Exact`] and [`Verdict::Forgiven`].
    pub const fn as_match(&self) -> Option<Match> {
        match self {
            Verdict::Exact(m) | Verdict::Forgiven(m) => Some(*m),
            _ => None,
        }
    }
}

/// Checks a record of any shape against the catalog: the parts its [`Record::identity`] names
/// are looked up with [`lookup`](crate::lookup), and a miss is explained by
/// [`validate`](crate::validate) (with close names, remembered per unknown name).
pub fn check(record: &Record<'_>) -> Verdict {
    check_identity(record.identity())
}

/// Checks the three parts of a record; [`check`] for when they are already at hand.
pub fn check_identity(identity: Identity<'_>) -> Verdict {
    check_identity_with(identity, true)
}

/// [`check_identity`], with close-name suggestions in an unknown verdict only if `suggest`
/// (the report asks for them once per distinct unknown name, not per record).
pub(crate) fn check_identity_with(identity: Identity<'_>, suggest: bool) -> Verdict {
    let Identity { service, category, activity } = identity;
    let (Some(s), Some(c), Some(a)) = (service, category, activity) else {
        let missing = if service.is_none() {
            Field::Service
        } else if category.is_none() {
            Field::Category
        } else {
            Field::Activity
        };
        return Verdict::Incomplete(missing);
    };
    // The common case first: one probe (`lookup`), the same answer `validate` gives when it
    // finds the entry; `validate` only to explain a miss.
    if let Some(m) = crate::lookup(s, c, a) {
        return if m.is_exact() { Verdict::Exact(m) } else { Verdict::Forgiven(m) };
    }
    let _ = suggest;
    match crate::validate(Some(s), Some(c), Some(a)) {
        Ok(v) => match v.as_match() {
            Some(m) if m.is_exact() => Verdict::Exact(m),
            Some(m) => Verdict::Forgiven(m),
            // With an activity given, `validate` finds an entry or fails; never this.
            None => Verdict::Incomplete(Field::Activity),
        },
        Err(e) => Verdict::Unknown(e),
    }
}

/// What kind of problem a [`RecordError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RecordErrorKind {
    /// Not JSON (or cut short).
    Syntax,
    /// JSON, but not an object.
    NotAnObject,
    /// An object, but not of any record shape.
    Unrecognized,
    /// A record whose fields have the wrong types (a number where text belongs, ...).
    Invalid,
    /// A record missing a part needed to check it.
    Incomplete,
}

impl RecordErrorKind {
    /// `syntax`, `not-an-object`, `unrecognized`, `invalid` or `incomplete`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RecordErrorKind::Syntax => "syntax",
            RecordErrorKind::NotAnObject => "not-an-object",
            RecordErrorKind::Unrecognized => "unrecognized",
            RecordErrorKind::Invalid => "invalid",
            RecordErrorKind::Incomplete => "incomplete",
        }
    }
}

/// Why a JSON text is not a readable record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    kind: RecordErrorKind,
    message: String,
    position: Option<(usize, usize)>,
}

impl RecordError {
    pub(crate) fn new(kind: RecordErrorKind, message: String) -> RecordError {
        RecordError { kind, message, position: None }
    }

    pub(crate) fn from_json(e: serde_json::Error) -> RecordError {
        use serde_json::error::Category;
        let kind = match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => RecordErrorKind::Syntax,
            Category::Data => RecordErrorKind::Invalid,
        };
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(at) if e.line() > 0 => text[..at].to_string(),
            _ => text,
        };
        RecordError { kind, message, position: (e.line() > 0).then(|| (e.line(), e.column())) }
    }

    /// What kind of problem it is.
    pub const fn kind(&self) -> RecordErrorKind {
        self.kind
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line and column within the record's text where it went wrong, for JSON errors.
    pub const fn position(&self) -> Option<(usize, usize)> {
        self.position
    }
}

impl fmt::Display for RecordError {
    /// The message, then ` at line L column C` where known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RecordError {}

/// The records of a batch (`{"records": [...]}` or `{"value": [...]}`), as raw JSON.
pub(crate) fn batch_items(json: &str) -> Result<Vec<&RawValue>, RecordError> {
    #[derive(serde::Deserialize)]
    struct Batch<'a> {
        #[serde(borrow, default)]
        records: Option<Vec<&'a RawValue>>,
        #[serde(borrow, default)]
        value: Option<Vec<&'a RawValue>>,
    }
    let batch: Batch<'_> = serde_json::from_str(json).map_err(RecordError::from_json)?;
    let mut items = batch.records.unwrap_or_default();
    items.extend(batch.value.unwrap_or_default());
    Ok(items)
}

// ---------------------------------------------------------------------------------------------
// Lenient field readers.

/// A string field: text (borrowed where the input allows), `null` or absent.
fn text<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    d.deserialize_option(TextVisitor { scalars: false, _life: PhantomData })
}

/// A field that exports write as a string or a number (`durationMs`, `Level`): kept as text.
fn scalar<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    d.deserialize_option(TextVisitor { scalars: true, _life: PhantomData })
}

struct TextVisitor<'a> {
    scalars: bool,
    _life: PhantomData<&'a ()>,
}

impl<'a> TextVisitor<'a> {
    fn number<E: de::Error>(self, n: impl ToString, unexpected: Unexpected<'_>) -> Result<Option<Cow<'a, str>>, E> {
        if self.scalars { Ok(Some(Cow::Owned(n.to_string()))) } else { Err(E::invalid_type(unexpected, &self)) }
    }
}

impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
    type Value = Option<Cow<'a, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.scalars { "a string or a number" } else { "a string" })
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.scalars { d.deserialize_any(self) } else { d.deserialize_str(self) }
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Signed(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Float(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Bool(v))
    }
}

/// A nested value (`initiatedBy`, `targetResources`, ...): the JSON value itself, a string
/// holding it (Log Analytics dynamic columns in query exports), or `null`, blank or absent
/// for the default.
fn dynamic<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    d.deserialize_any(DynamicVisitor(PhantomData))
}

struct DynamicVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Default> DynamicVisitor<T> {
    fn embedded<E: de::Error>(v: &str) -> Result<T, E> {
        if v.trim().is_empty() {
            return Ok(T::default());
        }
        // A reader-backed deserializer lends nothing, so the value owns its strings and may
        // outlive `v`.
        let mut de = serde_json::Deserializer::from_reader(v.as_bytes());
        let value = T::deserialize(&mut de).and_then(|t| de.end().map(|()| t));
        value.map_err(|e| {
            // Said without serde_json's trailing ` at line L column C`, which the outer
            // deserializer would take for a position in the record.
            let text = e.to_string();
            let message = text.rfind(" at line ").map_or(text.as_str(), |at| &text[..at]);
            E::custom(format_args!(
                "a string that should hold JSON but does not ({message}, at column {} of the string)",
                e.column()
            ))
        })
    }
}

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for DynamicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array, or a string holding one")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Self::embedded(v)
    }
}
