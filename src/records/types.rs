//! The record types of the three shapes, and of the values nested in them. Strings are
//! `Cow`s: borrowed from the input where it allows, owned where JSON escapes had to be
//! resolved; `into_owned` turns any record into one that outlives its input. The records keep
//! their nested values as [`Nested`] JSON text, read into the nested types on demand.

use std::borrow::Cow;

use serde::Serialize;

use super::Nested;

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
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "Id")]
    pub id: Option<Cow<'a, str>>,
    /// Display name.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// User principal name.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "UserPrincipalName")]
    pub user_principal_name: Option<Cow<'a, str>>,
    /// IP address the request came from.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "IPAddress", alias = "IpAddress")]
    pub ip_address: Option<Cow<'a, str>>,
}

/// An app that initiated an activity (Graph `appIdentity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppIdentity<'a> {
    /// Application (client) id.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "AppId")]
    pub app_id: Option<Cow<'a, str>>,
    /// Display name.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// Service principal object id.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "ServicePrincipalId")]
    pub service_principal_id: Option<Cow<'a, str>>,
    /// Service principal name.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "ServicePrincipalName")]
    pub service_principal_name: Option<Cow<'a, str>>,
}

/// A resource an activity changed (Graph `targetResource`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TargetResource<'a> {
    /// Object id.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "Id")]
    pub id: Option<Cow<'a, str>>,
    /// Display name.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// Resource type (`User`, `Group`, `ServicePrincipal`, ...).
    #[serde(borrow, default, deserialize_with = "super::fields::text", rename = "type", alias = "Type")]
    pub resource_type: Option<Cow<'a, str>>,
    /// User principal name, for users.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "UserPrincipalName")]
    pub user_principal_name: Option<Cow<'a, str>>,
    /// Group type, for groups.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "GroupType")]
    pub group_type: Option<Cow<'a, str>>,
    /// The properties changed.
    #[serde(borrow, default, deserialize_with = "super::fields::dynamic", alias = "ModifiedProperties")]
    pub modified_properties: Vec<ModifiedProperty<'a>>,
}

/// One changed property (Graph `modifiedProperty`); the values are JSON text, as Graph gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModifiedProperty<'a> {
    /// Property name.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "DisplayName")]
    pub display_name: Option<Cow<'a, str>>,
    /// The value before.
    #[serde(borrow, default, deserialize_with = "super::fields::scalar", alias = "OldValue")]
    pub old_value: Option<Cow<'a, str>>,
    /// The value after.
    #[serde(borrow, default, deserialize_with = "super::fields::scalar", alias = "NewValue")]
    pub new_value: Option<Cow<'a, str>>,
}

/// A `key`/`value` pair of `additionalDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct KeyValue<'a> {
    /// The key.
    #[serde(borrow, default, deserialize_with = "super::fields::text", alias = "Key")]
    pub key: Option<Cow<'a, str>>,
    /// The value.
    #[serde(borrow, default, deserialize_with = "super::fields::scalar", alias = "Value")]
    pub value: Option<Cow<'a, str>>,
}

/// A Microsoft Graph `directoryAudit` record (camelCase), also the `properties` of a
/// [`DiagnosticRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GraphRecord<'a> {
    /// Record id (`Directory_...`, `IPCGraph_...`).
    pub id: Option<Cow<'a, str>>,
    /// The activity's category (`UserManagement`).
    pub category: Option<Cow<'a, str>>,
    /// Correlation id, shared by the records of one operation.
    pub correlation_id: Option<Cow<'a, str>>,
    /// `success`, `failure`, `timeout` or `unknownFutureValue`.
    pub result: Option<Cow<'a, str>>,
    /// Why, for failures.
    pub result_reason: Option<Cow<'a, str>>,
    /// The activity (`Add user`): what the catalog lists.
    pub activity_display_name: Option<Cow<'a, str>>,
    /// When it happened (ISO 8601 text, kept as written).
    pub activity_date_time: Option<Cow<'a, str>>,
    /// The service that logged it (`Core Directory`).
    pub logged_by_service: Option<Cow<'a, str>>,
    /// `Add`, `Update`, `Delete`, `Assign`, ...
    pub operation_type: Option<Cow<'a, str>>,
    /// Who did it (an object): read it with [`Record::initiated_by`](super::Record::initiated_by)
    /// or as an [`InitiatedBy`] with [`Nested::read`].
    pub initiated_by: Option<Nested<'a>>,
    /// What it changed (an array): [`Record::target_resources`](super::Record::target_resources),
    /// or [`TargetResource`]s.
    pub target_resources: Option<Nested<'a>>,
    /// More about it (an array): [`Record::additional_details`](super::Record::additional_details),
    /// or [`KeyValue`]s.
    pub additional_details: Option<Nested<'a>>,
    /// The client's user agent, where recorded.
    pub user_agent: Option<Cow<'a, str>>,
}

/// A row of the Log Analytics `AuditLogs` table (PascalCase columns).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct LogAnalyticsRecord<'a> {
    /// The activity's category (`UserManagement`).
    pub category: Option<Cow<'a, str>>,
    /// The activity (the same as `ActivityDisplayName`).
    pub operation_name: Option<Cow<'a, str>>,
    /// The activity: what the catalog lists.
    pub activity_display_name: Option<Cow<'a, str>>,
    /// The service that logged it.
    pub logged_by_service: Option<Cow<'a, str>>,
    /// The operation type (`Add`, `Update`, ...); also read from `OperationType`.
    #[serde(rename = "AADOperationType")]
    pub aad_operation_type: Option<Cow<'a, str>>,
    /// `success`, `failure`, ...
    pub result: Option<Cow<'a, str>>,
    /// Why, for failures.
    pub result_reason: Option<Cow<'a, str>>,
    /// Result description.
    pub result_description: Option<Cow<'a, str>>,
    /// Record id.
    pub id: Option<Cow<'a, str>>,
    /// Correlation id.
    pub correlation_id: Option<Cow<'a, str>>,
    /// When it happened.
    pub activity_date_time: Option<Cow<'a, str>>,
    /// When Log Analytics received it.
    pub time_generated: Option<Cow<'a, str>>,
    /// Who did it (a dynamic column: an object, or a string holding one): read it with
    /// [`Record::initiated_by`](super::Record::initiated_by) or as an [`InitiatedBy`] with
    /// [`Nested::read`].
    pub initiated_by: Option<Nested<'a>>,
    /// What it changed (a dynamic column holding an array):
    /// [`Record::target_resources`](super::Record::target_resources), or [`TargetResource`]s.
    pub target_resources: Option<Nested<'a>>,
    /// More about it (a dynamic column holding an array):
    /// [`Record::additional_details`](super::Record::additional_details), or [`KeyValue`]s.
    pub additional_details: Option<Nested<'a>>,
    /// Display name of who did it.
    pub identity: Option<Cow<'a, str>>,
    /// The Entra tenant.
    #[serde(rename = "AADTenantId")]
    pub aad_tenant_id: Option<Cow<'a, str>>,
    /// The Log Analytics workspace.
    pub tenant_id: Option<Cow<'a, str>>,
    /// `Azure AD`.
    pub source_system: Option<Cow<'a, str>>,
    /// The table: `AuditLogs`.
    #[serde(rename = "Type")]
    pub table_type: Option<Cow<'a, str>>,
}

/// A diagnostic-settings record (Event Hub, storage account): an envelope whose `properties`
/// hold a [`GraphRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DiagnosticRecord<'a> {
    /// When it happened.
    pub time: Option<Cow<'a, str>>,
    /// `/tenants/<tenant id>/providers/Microsoft.aadiam`.
    pub resource_id: Option<Cow<'a, str>>,
    /// The activity (the same as `properties.activityDisplayName`).
    pub operation_name: Option<Cow<'a, str>>,
    /// `1.0`.
    pub operation_version: Option<Cow<'a, str>>,
    /// The log category: `AuditLogs`. Not the activity's category, which is in `properties`.
    pub category: Option<Cow<'a, str>>,
    /// The Entra tenant.
    pub tenant_id: Option<Cow<'a, str>>,
    /// Result signature (`None`, `Success`, ...).
    pub result_signature: Option<Cow<'a, str>>,
    /// Duration in milliseconds (a number or a string; kept as text).
    pub duration_ms: Option<Cow<'a, str>>,
    /// Caller IP address (often `<null>`).
    pub caller_ip_address: Option<Cow<'a, str>>,
    /// Correlation id.
    pub correlation_id: Option<Cow<'a, str>>,
    /// Display name of who did it.
    pub identity: Option<Cow<'a, str>>,
    /// Level (`Informational`, or a number such as `4`; kept as text); also read from `Level`.
    pub level: Option<Cow<'a, str>>,
    /// The audit record.
    pub properties: GraphRecord<'a>,
}

/// A string field owning its text.
fn own(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(|t| Cow::Owned(t.into_owned()))
}

/// `into_owned` for a record type: its text fields, optional nested values and lists of
/// nested values, each named once (the struct literal fails to compile if one is missing).
macro_rules! into_owned {
    ($ty:ident { text: [$($t:ident),*], optional: [$($o:ident),*], nested: [$($n:ident),*], lists: [$($l:ident),*] }) => {
        impl $ty<'_> {
            /// The same value owning all its strings, so that it outlives the input it was read from.
            pub fn into_owned(self) -> $ty<'static> {
                $ty {
                    $($t: own(self.$t),)*
                    $($o: self.$o.map(|v| v.into_owned()),)*
                    $($n: self.$n.into_owned(),)*
                    $($l: self.$l.into_iter().map(|v| v.into_owned()).collect(),)*
                }
            }
        }
    };
}

into_owned!(InitiatedBy { text: [], optional: [user, app], nested: [], lists: [] });
into_owned!(UserIdentity {
    text: [id, display_name, user_principal_name, ip_address],
    optional: [],
    nested: [],
    lists: []
});
into_owned!(AppIdentity {
    text: [app_id, display_name, service_principal_id, service_principal_name],
    optional: [],
    nested: [],
    lists: []
});
into_owned!(TargetResource {
    text: [id, display_name, resource_type, user_principal_name, group_type],
    optional: [],
    nested: [],
    lists: [modified_properties]
});
into_owned!(ModifiedProperty { text: [display_name, old_value, new_value], optional: [], nested: [], lists: [] });
into_owned!(KeyValue { text: [key, value], optional: [], nested: [], lists: [] });
into_owned!(GraphRecord {
    text: [
        id,
        category,
        correlation_id,
        result,
        result_reason,
        activity_display_name,
        activity_date_time,
        logged_by_service,
        operation_type,
        user_agent
    ],
    optional: [initiated_by, target_resources, additional_details],
    nested: [],
    lists: []
});
into_owned!(LogAnalyticsRecord {
    text: [
        category,
        operation_name,
        activity_display_name,
        logged_by_service,
        aad_operation_type,
        result,
        result_reason,
        result_description,
        id,
        correlation_id,
        activity_date_time,
        time_generated,
        identity,
        aad_tenant_id,
        tenant_id,
        source_system,
        table_type
    ],
    optional: [initiated_by, target_resources, additional_details],
    nested: [],
    lists: []
});
into_owned!(DiagnosticRecord {
    text: [
        time,
        resource_id,
        operation_name,
        operation_version,
        category,
        tenant_id,
        result_signature,
        duration_ms,
        caller_ip_address,
        correlation_id,
        identity,
        level
    ],
    optional: [],
    nested: [properties],
    lists: []
});
