//! The three shapes, and the one table of the keys a record may have: which field each key
//! fills and what it tells about the shape.

use std::fmt;

use serde::Serialize;

use super::{RecordError, RecordErrorKind};
use crate::Field;

/// The shape an audit record arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Shape {
    /// A Microsoft Graph `directoryAudit` ([`GraphRecord`](super::GraphRecord)).
    Graph,
    /// A Log Analytics `AuditLogs` row ([`LogAnalyticsRecord`](super::LogAnalyticsRecord)).
    LogAnalytics,
    /// A diagnostic-settings envelope ([`DiagnosticRecord`](super::DiagnosticRecord)).
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

    /// The shape of one JSON object from its keys, or why it is not a record. The object is
    /// read as [`Record::from_json`](super::Record::from_json) reads it (so a field of the
    /// wrong type is an error here too). The rules, in order:
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
        let mut slots = super::read::Slots::new(false, false);
        super::read::read(json, &mut slots)?;
        slots.evidence.detected()
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

/// What the keys of one object said about its shape.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Evidence {
    /// A `records` or `value` key held an array.
    pub(super) batch: bool,
    /// `properties` held an object.
    pub(super) properties_object: bool,
    /// A diagnostic-settings envelope key.
    pub(super) envelope: bool,
    /// A Log Analytics column.
    pub(super) log_analytics: bool,
    /// A Graph key.
    pub(super) graph: bool,
}

impl Evidence {
    /// The rules of [`Shape::detect`].
    pub(super) fn detected(self) -> Result<Detected, RecordError> {
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

/// What a key tells about the shape, besides the field it fills.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tells {
    Nothing,
    Graph,
    LogAnalytics,
    Envelope,
}

/// Every key any shape reads. camelCase keys fill the Graph fields (and, for `category` and
/// `correlationId`, the envelope's, which shares them) or the envelope's; PascalCase keys
/// fill the Log Analytics fields. The discriminant is the key's bit in the set of keys seen;
/// the order groups the keys by the shape whose fields they fill (Graph, envelope, Log
/// Analytics).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
#[repr(u8)]
pub(super) enum Key {
    // Graph (camelCase); `category` and `correlationId` also the envelope's.
    Id,
    Category,
    CorrelationId,
    Result,
    ResultReason,
    ActivityDisplayName,
    ActivityDateTime,
    LoggedByService,
    OperationType,
    InitiatedBy,
    TargetResources,
    AdditionalDetails,
    UserAgent,
    // Diagnostic-settings envelope (camelCase).
    Time,
    ResourceId,
    OperationName,
    OperationVersion,
    TenantId,
    ResultSignature,
    DurationMs,
    CallerIpAddress,
    Identity,
    Level,
    Properties,
    // Log Analytics (PascalCase).
    LaCategory,
    LaOperationName,
    LaActivityDisplayName,
    LaLoggedByService,
    LaOperationType,
    LaResult,
    LaResultReason,
    LaResultDescription,
    LaId,
    LaCorrelationId,
    LaActivityDateTime,
    LaTimeGenerated,
    LaInitiatedBy,
    LaTargetResources,
    LaAdditionalDetails,
    LaIdentity,
    LaTenant,
    LaWorkspace,
    LaSourceSystem,
    LaType,
    // A batch's records (appended to, never a duplicate).
    Records,
    // A key no shape reads.
    Other,
}

impl Key {
    /// The key for a name (keys are case-sensitive, as JSON's are).
    pub(super) fn of(name: &str) -> Key {
        match name {
            "id" => Key::Id,
            "category" => Key::Category,
            "correlationId" => Key::CorrelationId,
            "result" => Key::Result,
            "resultReason" => Key::ResultReason,
            "activityDisplayName" => Key::ActivityDisplayName,
            "activityDateTime" => Key::ActivityDateTime,
            "loggedByService" => Key::LoggedByService,
            "operationType" => Key::OperationType,
            "initiatedBy" => Key::InitiatedBy,
            "targetResources" => Key::TargetResources,
            "additionalDetails" => Key::AdditionalDetails,
            "userAgent" => Key::UserAgent,
            "time" => Key::Time,
            "resourceId" => Key::ResourceId,
            "operationName" => Key::OperationName,
            "operationVersion" => Key::OperationVersion,
            "tenantId" => Key::TenantId,
            "resultSignature" => Key::ResultSignature,
            "durationMs" => Key::DurationMs,
            "callerIpAddress" => Key::CallerIpAddress,
            "identity" => Key::Identity,
            "level" | "Level" => Key::Level,
            "properties" => Key::Properties,
            other => Key::pascal(other),
        }
    }

    fn pascal(name: &str) -> Key {
        match name {
            "Category" => Key::LaCategory,
            "OperationName" => Key::LaOperationName,
            "ActivityDisplayName" => Key::LaActivityDisplayName,
            "LoggedByService" => Key::LaLoggedByService,
            "AADOperationType" | "OperationType" => Key::LaOperationType,
            "Result" => Key::LaResult,
            "ResultReason" => Key::LaResultReason,
            "ResultDescription" => Key::LaResultDescription,
            "Id" => Key::LaId,
            "CorrelationId" => Key::LaCorrelationId,
            "ActivityDateTime" => Key::LaActivityDateTime,
            "TimeGenerated" => Key::LaTimeGenerated,
            "InitiatedBy" => Key::LaInitiatedBy,
            "TargetResources" => Key::LaTargetResources,
            "AdditionalDetails" => Key::LaAdditionalDetails,
            "Identity" => Key::LaIdentity,
            "AADTenantId" => Key::LaTenant,
            "TenantId" => Key::LaWorkspace,
            "SourceSystem" => Key::LaSourceSystem,
            "Type" => Key::LaType,
            "records" | "value" => Key::Records,
            _ => Key::Other,
        }
    }

    /// What the key tells about the shape.
    pub(super) fn tells(self) -> Tells {
        match self {
            Key::ActivityDisplayName
            | Key::LoggedByService
            | Key::Category
            | Key::ActivityDateTime
            | Key::OperationType
            | Key::InitiatedBy
            | Key::TargetResources => Tells::Graph,
            Key::LaActivityDisplayName
            | Key::LaOperationName
            | Key::LaLoggedByService
            | Key::LaCategory
            | Key::LaTimeGenerated
            | Key::LaTenant
            | Key::LaInitiatedBy
            | Key::LaTargetResources => Tells::LogAnalytics,
            Key::Time
            | Key::ResourceId
            | Key::OperationName
            | Key::OperationVersion
            | Key::TenantId
            | Key::ResultSignature
            | Key::DurationMs
            | Key::CallerIpAddress
            | Key::Identity
            | Key::Level => Tells::Envelope,
            _ => Tells::Nothing,
        }
    }

    /// The key's name for messages (the first spelling, where it has two).
    pub(super) fn name(self) -> &'static str {
        const NAMES: [&str; Key::Other as usize + 1] = [
            "id",
            "category",
            "correlationId",
            "result",
            "resultReason",
            "activityDisplayName",
            "activityDateTime",
            "loggedByService",
            "operationType",
            "initiatedBy",
            "targetResources",
            "additionalDetails",
            "userAgent",
            "time",
            "resourceId",
            "operationName",
            "operationVersion",
            "tenantId",
            "resultSignature",
            "durationMs",
            "callerIpAddress",
            "identity",
            "level",
            "properties",
            "Category",
            "OperationName",
            "ActivityDisplayName",
            "LoggedByService",
            "AADOperationType",
            "Result",
            "ResultReason",
            "ResultDescription",
            "Id",
            "CorrelationId",
            "ActivityDateTime",
            "TimeGenerated",
            "InitiatedBy",
            "TargetResources",
            "AdditionalDetails",
            "Identity",
            "AADTenantId",
            "TenantId",
            "SourceSystem",
            "Type",
            "records",
            "",
        ];
        NAMES[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn every_key_reads_back_from_its_name() {
        for k in 0..Key::Other as u8 {
            let name = [
                Key::Id,
                Key::Category,
                Key::CorrelationId,
                Key::Result,
                Key::ResultReason,
                Key::ActivityDisplayName,
                Key::ActivityDateTime,
                Key::LoggedByService,
                Key::OperationType,
                Key::InitiatedBy,
                Key::TargetResources,
                Key::AdditionalDetails,
                Key::UserAgent,
                Key::Time,
                Key::ResourceId,
                Key::OperationName,
                Key::OperationVersion,
                Key::TenantId,
                Key::ResultSignature,
                Key::DurationMs,
                Key::CallerIpAddress,
                Key::Identity,
                Key::Level,
                Key::Properties,
                Key::LaCategory,
                Key::LaOperationName,
                Key::LaActivityDisplayName,
                Key::LaLoggedByService,
                Key::LaOperationType,
                Key::LaResult,
                Key::LaResultReason,
                Key::LaResultDescription,
                Key::LaId,
                Key::LaCorrelationId,
                Key::LaActivityDateTime,
                Key::LaTimeGenerated,
                Key::LaInitiatedBy,
                Key::LaTargetResources,
                Key::LaAdditionalDetails,
                Key::LaIdentity,
                Key::LaTenant,
                Key::LaWorkspace,
                Key::LaSourceSystem,
                Key::LaType,
                Key::Records,
            ][k as usize];
            assert_eq!(name as u8, k);
            assert_eq!(Key::of(name.name()), name, "{}", name.name());
        }
    }
}
