//! Record types of the three shapes and the one check (feature `records`).
#![cfg(feature = "records")]

use std::borrow::Cow;

use aad_audit_catalog::records::{
    Detected, DiagnosticRecord, GraphRecord, LogAnalyticsRecord, Record, RecordErrorKind, Shape, Verdict, check,
};
use aad_audit_catalog::{Field, Normalization, lookup, validate};
use serde_json::{Value, json};

fn graph_json(service: &str, category: &str, activity: &str) -> Value {
    json!({
        "id": "Directory_5d1e8c2a_QWERT_00017",
        "category": category,
        "correlationId": "5d1e8c2a-7b3f-4e9d-a1c6-2f8b0e4d7a93",
        "result": "success",
        "resultReason": "",
        "activityDisplayName": activity,
        "activityDateTime": "2024-05-14T08:02:11.4371928Z",
        "loggedByService": service,
        "operationType": "Assign",
        "initiatedBy": {"user": {"id": "0b8d1e6f-3c2a-4f7e-9a15-6d4c8b2e7f01", "userPrincipalName": "adele.moreau@tailspin.example", "ipAddress": "198.51.100.17"}, "app": null},
        "targetResources": [{"id": "6b8d0f2a-4c6e-4a1b-8d3f-5e7a9c1b3d5f", "type": "User", "userPrincipalName": "sam.okafor@tailspin.example",
            "modifiedProperties": [{"displayName": "Group.DisplayName", "oldValue": null, "newValue": "\"Finance Approvers\""}]}],
        "additionalDetails": [{"key": "User-Agent", "value": "Mozilla/5.0"}],
        "userAgent": null
    })
}

fn log_analytics_json(service: &str, category: &str, activity: &str, dynamic_as_text: bool) -> Value {
    let graph = graph_json(service, category, activity);
    let dynamic = |v: &Value| if dynamic_as_text { Value::String(v.to_string()) } else { v.clone() };
    json!({
        "TenantId": "d4f6a8c0-2e4a-4c6e-8a0c-4e6a8c0e2a4c",
        "TimeGenerated": "2024-05-14T08:02:11.437Z",
        "OperationName": activity,
        "Category": category,
        "ResultDescription": "",
        "DurationMs": 0,
        "Level": 4,
        "CorrelationId": graph["correlationId"],
        "Identity": "adele.moreau@tailspin.example",
        "AdditionalDetails": dynamic(&graph["additionalDetails"]),
        "Id": graph["id"],
        "InitiatedBy": dynamic(&graph["initiatedBy"]),
        "LoggedByService": service,
        "Result": "success",
        "ResultReason": "",
        "TargetResources": dynamic(&graph["targetResources"]),
        "AADTenantId": "5f1c7a3e-9d2b-4c8e-a6f0-2b7d9e4c1a85",
        "ActivityDisplayName": activity,
        "ActivityDateTime": "2024-05-14T08:02:11.4371928Z",
        "AADOperationType": "Assign",
        "Type": "AuditLogs"
    })
}

fn diagnostic_json(service: &str, category: &str, activity: &str) -> Value {
    json!({
        "time": "2024-05-14T08:02:11.4371928Z",
        "resourceId": "/tenants/5f1c7a3e-9d2b-4c8e-a6f0-2b7d9e4c1a85/providers/Microsoft.aadiam",
        "operationName": activity,
        "operationVersion": "1.0",
        "category": "AuditLogs",
        "tenantId": "5f1c7a3e-9d2b-4c8e-a6f0-2b7d9e4c1a85",
        "resultSignature": "None",
        "durationMs": 0,
        "callerIpAddress": "<null>",
        "correlationId": "5d1e8c2a-7b3f-4e9d-a1c6-2f8b0e4d7a93",
        "Level": 4,
        "identity": "Tailspin HR Sync",
        "properties": graph_json(service, category, activity)
    })
}

#[test]
fn graph_records_read_every_field_and_borrow_plain_strings() {
    let text = graph_json("Core Directory", "GroupManagement", "Add member to group").to_string();
    let record = Record::from_json(&text).unwrap();
    let Record::Graph(r) = &record else { panic!("{record:?}") };
    assert!(matches!(r.activity_display_name, Some(Cow::Borrowed("Add member to group"))));
    assert_eq!(r.logged_by_service.as_deref(), Some("Core Directory"));
    assert_eq!(r.operation_type.as_deref(), Some("Assign"));
    assert_eq!(r.user_agent, None);
    // Nested values are kept as the JSON the line holds, and read when asked for.
    assert!(r.initiated_by.as_ref().unwrap().json().starts_with(r#"{"app":null,"user":{"#));
    let initiated_by = record.initiated_by().unwrap();
    let user = initiated_by.user.as_ref().unwrap();
    assert!(matches!(user.user_principal_name, Some(Cow::Borrowed("adele.moreau@tailspin.example"))));
    assert!(initiated_by.app.is_none());
    let targets = record.target_resources().unwrap();
    let target = &targets[0];
    assert_eq!(target.resource_type.as_deref(), Some("User"));
    let property = &target.modified_properties[0];
    assert_eq!(property.old_value, None);
    // An escaped string cannot be borrowed: it is owned, with the escapes resolved.
    assert!(matches!(property.new_value, Some(Cow::Owned(ref v)) if v == "\"Finance Approvers\""));
    assert_eq!(record.additional_details().unwrap()[0].value.as_deref(), Some("Mozilla/5.0"));
    assert_eq!(record.id(), Some("Directory_5d1e8c2a_QWERT_00017"));
}

#[test]
fn log_analytics_dynamic_columns_read_from_objects_and_from_text() {
    let as_objects = log_analytics_json("Core Directory", "UserManagement", "Update user", false).to_string();
    let as_text = log_analytics_json("Core Directory", "UserManagement", "Update user", true).to_string();
    let (a, b) = (Record::from_json(&as_objects).unwrap(), Record::from_json(&as_text).unwrap());
    assert_eq!(a.shape(), Shape::LogAnalytics);
    // A string holding JSON keeps the JSON it holds: the two records are equal.
    assert_eq!(a, b);
    for record in [&a, &b] {
        assert_eq!(record.target_resources().unwrap().len(), 1);
        let user = record.initiated_by().unwrap().user.unwrap();
        assert_eq!(user.id.as_deref(), Some("0b8d1e6f-3c2a-4f7e-9a15-6d4c8b2e7f01"));
        assert_eq!(record.additional_details().unwrap()[0].key.as_deref(), Some("User-Agent"));
    }
    let Record::LogAnalytics(r) = a else { unreachable!() };
    assert_eq!(r.aad_operation_type.as_deref(), Some("Assign"));
    assert_eq!(r.table_type.as_deref(), Some("AuditLogs"));
}

#[test]
fn the_envelope_category_is_not_the_activity_category() {
    let text = diagnostic_json("Core Directory", "UserManagement", "Update user").to_string();
    let record = Record::from_json(&text).unwrap();
    let Record::DiagnosticSettings(r) = &record else { panic!("{record:?}") };
    assert_eq!(r.category.as_deref(), Some("AuditLogs"));
    assert_eq!(r.level.as_deref(), Some("4"));
    assert_eq!(r.duration_ms.as_deref(), Some("0"));
    assert_eq!(record.identity().category, Some("UserManagement"));
    assert!(matches!(check(&record), Verdict::Exact(m) if m.entry().activity() == "Update user"));
}

#[test]
fn every_shape_gets_the_verdict_validate_gives() {
    let cases = [
        ("Core Directory", "UserManagement", "Update user"),
        ("core directory", "User Management", "UPDATE USER."),
        ("Core Directory", "GroupManagement", "Add user"),
        ("Core Directory", "UserManagement", "Add usr"),
        ("PIM", "RoleManagement", "Add member to role completed (PIM activation)"),
        ("Nobody", "UserManagement", "Update user"),
    ];
    for (s, c, a) in cases {
        let expected = validate(Some(s), Some(c), Some(a));
        let texts = [
            graph_json(s, c, a).to_string(),
            log_analytics_json(s, c, a, true).to_string(),
            diagnostic_json(s, c, a).to_string(),
        ];
        for text in &texts {
            let record = Record::from_json(text).unwrap();
            let verdict = check(&record);
            match (&expected, verdict) {
                (Ok(v), Verdict::Exact(m)) => assert!(v.is_exact() && v.entry() == Some(m.entry())),
                (Ok(v), Verdict::Forgiven(m)) => {
                    assert!(!v.is_exact() && v.entry() == Some(m.entry()));
                    assert_eq!(m.forgiven(), v.forgiven());
                }
                (Err(e), Verdict::Unknown(got)) => assert_eq!(*e, got),
                (expected, got) => panic!("{s} / {c} / {a} as {:?}: {got:?}, expected {expected:?}", record.shape()),
            }
        }
    }
}

#[test]
fn forgiven_verdicts_say_what_was_forgiven() {
    let text = graph_json(
        "Core Directory",
        "ApplicationManagement",
        "Update application \u{2013} Certificates and secrets management ",
    )
    .to_string();
    let Verdict::Forgiven(m) = Record::from_json(&text).unwrap().check() else { panic!() };
    let n = m.forgiven_in(Field::Activity);
    assert!(n.contains(Normalization::Dash) && n.contains(Normalization::Whitespace), "{n}");
    assert_eq!(
        m.entry(),
        lookup("Core Directory", "ApplicationManagement", "Update application - Certificates and secrets management")
            .unwrap()
            .entry()
    );
}

#[test]
fn missing_or_blank_parts_make_a_record_incomplete() {
    let mut v = graph_json("Core Directory", "UserManagement", "Update user");
    v["activityDisplayName"] = Value::Null;
    assert_eq!(check(&Record::from_json(&v.to_string()).unwrap()), Verdict::Incomplete(Field::Activity));
    v["loggedByService"] = json!("  ");
    assert_eq!(check(&Record::from_json(&v.to_string()).unwrap()), Verdict::Incomplete(Field::Service));

    // Log Analytics falls back to OperationName for the activity.
    let mut la = log_analytics_json("Core Directory", "UserManagement", "Update user", true);
    la["ActivityDisplayName"] = Value::Null;
    assert!(matches!(check(&Record::from_json(&la.to_string()).unwrap()), Verdict::Exact(_)));
    la.as_object_mut().unwrap().remove("OperationName");
    assert_eq!(check(&Record::from_json(&la.to_string()).unwrap()), Verdict::Incomplete(Field::Activity));

    // An envelope without properties has nothing to check.
    let mut d = diagnostic_json("Core Directory", "UserManagement", "Update user");
    d["properties"] = Value::Null;
    let d = d.to_string();
    assert_eq!(Shape::detect(&d).unwrap(), Detected::Record(Shape::Graph), "no properties object: not an envelope");
}

#[test]
fn nulls_and_unknown_fields_are_tolerated() {
    let text = r##"{"activityDisplayName":"Update user","loggedByService":"Core Directory","category":"UserManagement",
        "initiatedBy":null,"targetResources":null,"additionalDetails":null,"id":null,"somethingNew":{"nested":[1,2,3]},
        "@odata.type":"#microsoft.graph.directoryAudit"}"##;
    let record = Record::from_json(text).unwrap();
    let Record::Graph(r) = &record else { panic!() };
    assert!(r.initiated_by.is_none() && r.target_resources.is_none() && r.additional_details.is_none());
    assert!(r.id.is_none());
    assert_eq!(record.initiated_by().unwrap(), Default::default());
    assert!(record.target_resources().unwrap().is_empty() && record.additional_details().unwrap().is_empty());
    assert!(matches!(check(&record), Verdict::Exact(_)));
}

#[test]
fn powershell_exports_read_through_pascal_case_aliases() {
    let text = std::fs::read_to_string("tests/fixtures/powershell-directory-audits.json").unwrap();
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(&text).unwrap();
    let first = Record::from_json(items[0].get()).unwrap();
    let Record::LogAnalytics(r) = &first else { panic!("{first:?}") };
    assert_eq!(r.aad_operation_type.as_deref(), Some("Assign"));
    assert_eq!(first.initiated_by().unwrap().user.unwrap().ip_address.as_deref(), Some("198.51.100.17"));
    let targets = first.target_resources().unwrap();
    assert_eq!(targets[0].resource_type.as_deref(), Some("User"));
    assert_eq!(targets[0].modified_properties[0].display_name.as_deref(), Some("Group.DisplayName"));
    assert_eq!(first.additional_details().unwrap()[0].key.as_deref(), Some("User-Agent"));
    assert!(matches!(check(&first), Verdict::Exact(_)));
    let second = Record::from_json(items[1].get()).unwrap();
    assert!(matches!(check(&second), Verdict::Forgiven(m) if m.forgiven().contains(Normalization::Case)));
}

#[test]
fn shapes_are_detected_by_their_keys() {
    let graph = graph_json("a", "b", "c").to_string();
    let la = log_analytics_json("a", "b", "c", false).to_string();
    let diag = diagnostic_json("a", "b", "c").to_string();
    assert_eq!(Shape::detect(&graph).unwrap(), Detected::Record(Shape::Graph));
    assert_eq!(Shape::detect(&la).unwrap(), Detected::Record(Shape::LogAnalytics));
    assert_eq!(Shape::detect(&diag).unwrap(), Detected::Record(Shape::DiagnosticSettings));
    assert_eq!(Shape::detect(&format!(r#"{{"records":[{diag}]}}"#)).unwrap(), Detected::Batch);
    assert_eq!(Shape::detect(r#"{"@odata.context":"x","value":[]}"#).unwrap(), Detected::Batch);
    // A `value` that is not an array does not make a batch.
    assert!(Shape::detect(r#"{"value":"x"}"#).is_err());

    let err = Shape::detect("[1, 2]").unwrap_err();
    assert_eq!(err.kind(), RecordErrorKind::NotAnObject);
    assert_eq!(err.to_string(), "expected a JSON object (an audit record), found an array");
    let err = Shape::detect(r#"{"activityDisplayName": "x""#).unwrap_err();
    assert_eq!(err.kind(), RecordErrorKind::Syntax);
    assert_eq!(err.position(), Some((1, 27)));
    let err = Shape::detect(r#"{"hello": 1}"#).unwrap_err();
    assert_eq!(err.kind(), RecordErrorKind::Unrecognized);
    assert!(Record::from_json(r#"{"records": []}"#).is_err());
}

#[test]
fn wrong_types_are_errors_that_say_where() {
    let text = r#"{"loggedByService":"Core Directory","category":"UserManagement","activityDisplayName":7}"#;
    let err = Record::from_json(text).unwrap_err();
    assert_eq!(err.kind(), RecordErrorKind::Invalid);
    assert_eq!(err.message(), "invalid type: integer `7`, expected a string");
    // The 1-based column of the `7`.
    assert_eq!(err.position(), Some((1, text.find(":7").unwrap() + 2)));
    let err = Record::from_json(r#"{"loggedByService":"Core Directory","targetResources":"(deleted)"}"#).unwrap_err();
    assert!(err.message().starts_with("a string that should hold JSON but does not"), "{err}");
}

#[test]
fn the_three_types_read_on_their_own() {
    let (g, l, d) = (
        graph_json("a", "b", "c").to_string(),
        log_analytics_json("a", "b", "c", true).to_string(),
        diagnostic_json("a", "b", "c").to_string(),
    );
    let g: GraphRecord<'_> = serde_json::from_str(&g).unwrap();
    assert_eq!(g.category.as_deref(), Some("b"));
    let l: LogAnalyticsRecord<'_> = serde_json::from_str(&l).unwrap();
    assert_eq!(l.operation_name.as_deref(), Some("c"));
    let d: DiagnosticRecord<'_> = serde_json::from_str(&d).unwrap();
    assert_eq!(d.properties.activity_display_name.as_deref(), Some("c"));
    // Serialized back, a record keeps its shape's field names.
    let v = serde_json::to_value(Record::Graph(g)).unwrap();
    assert_eq!(v["activityDisplayName"], json!("c"));
    assert_eq!(v["targetResources"][0]["type"], json!("User"));
}

#[test]
fn owned_records_read_from_any_reader_and_outlive_their_input() {
    let borrowed_text = log_analytics_json("Core Directory", "UserManagement", "Update user", true).to_string();
    let borrowed = Record::from_json(&borrowed_text).unwrap();
    // `from_reader` lends nothing: `Record<'static>` owns its strings.
    let owned: Record<'static> = serde_json::from_reader(borrowed_text.as_bytes()).unwrap();
    assert_eq!(owned, borrowed);
    let kept: Record<'static> = {
        let text = graph_json("Core Directory", "UserManagement", "Add user").to_string();
        Record::from_json(&text).unwrap().into_owned()
    };
    assert!(matches!(check(&kept), Verdict::Exact(_)));
    assert_eq!(kept.correlation_id(), Some("5d1e8c2a-7b3f-4e9d-a1c6-2f8b0e4d7a93"));
    assert_eq!(kept.time(), Some("2024-05-14T08:02:11.4371928Z"));
    let err = serde_json::from_str::<Record<'static>>(r#"{"records": []}"#).unwrap_err();
    assert!(err.to_string().starts_with("a batch of records"), "{err}");
}

#[test]
fn a_key_given_twice_is_an_error_even_in_its_second_spelling() {
    for text in [
        r#"{"activityDisplayName":"a","category":"b","category":"c"}"#,
        r#"{"ActivityDisplayName":"a","AADOperationType":"b","OperationType":"c"}"#,
    ] {
        let err = Record::from_json(text).unwrap_err();
        assert_eq!(err.kind(), RecordErrorKind::Invalid, "{text}");
        assert!(err.message().starts_with("duplicate field"), "{err}");
    }
}

#[test]
fn batches_are_read_in_the_same_pass_as_their_keys() {
    use aad_audit_catalog::records::{Parsed, parse};
    let record = graph_json("Core Directory", "UserManagement", "Add user").to_string();
    let text = format!(r#"{{"@odata.context":"x","value":[{record}, 7]}}"#);
    let Parsed::Batch(items) = parse(&text).unwrap() else { panic!() };
    assert_eq!(items, [record.as_str(), "7"]);
    assert!(matches!(parse(&record).unwrap(), Parsed::Record(Record::Graph(_))));
}

/// What reading a record checks in its nested values, and what is left to their accessors.
///
/// Reading checks the whole record for JSON syntax, and each nested value for its kind: an
/// object for `initiatedBy`, an array for `targetResources` and `additionalDetails`, written as
/// JSON or as a string holding it (Log Analytics), or `null` or blank for none. Anything else
/// makes the record unreadable (in a report, malformed). What the object or array holds is
/// checked when it is read: a record whose `targetResources` holds `[5]` is still checked
/// against the catalog, and `target_resources()` says what is wrong.
#[test]
fn nested_values_are_checked_for_their_kind_when_read_and_for_their_contents_when_asked() {
    let with = |key: &str, value: &str| {
        format!(
            r#"{{"loggedByService":"Core Directory","category":"UserManagement","activityDisplayName":"Add user","{key}":{value}}}"#
        )
    };
    let unreadable = [
        ("targetResources", "5", "invalid type: integer `5`, expected a JSON array, or a string holding one"),
        ("targetResources", "{}", "invalid type: map, expected a JSON array, or a string holding one"),
        ("additionalDetails", "true", "invalid type: boolean `true`, expected a JSON array, or a string holding one"),
        ("initiatedBy", "[]", "invalid type: sequence, expected a JSON object, or a string holding one"),
        (
            "InitiatedBy",
            r#""[1]""#,
            "invalid type: a string holding an array, expected a JSON object, or a string holding one",
        ),
        (
            "targetResources",
            r#""Finance Approvers (deleted)""#,
            "a string that should hold JSON but does not (expected value, at column 1 of the string)",
        ),
        (
            "TargetResources",
            r#""[{\"id\": 1"]"#,
            "a string that should hold JSON but does not (EOF while parsing an object, at column 9 of the string)",
        ),
    ];
    for (key, value, message) in unreadable {
        let text = with(key, value);
        let err = Record::from_json(&text).unwrap_err();
        assert_eq!((err.kind(), err.message()), (RecordErrorKind::Invalid, message), "{text}");
        assert_eq!(err.position().map(|(line, _)| line), Some(1), "{text}");
    }
    // Broken syntax inside a nested value is found in the same pass.
    let err = Record::from_json(&with("initiatedBy", r#"{"user": {"id": 7,}}"#)).unwrap_err();
    assert_eq!(err.kind(), RecordErrorKind::Syntax);

    // Null and blank are none; the accessors give the default.
    for value in ["null", r#""""#, r#"" \t ""#] {
        let text = with("targetResources", value);
        let record = Record::from_json(&text).unwrap();
        let Record::Graph(r) = &record else { panic!() };
        assert_eq!(r.target_resources, None, "{value}");
        assert_eq!(record.target_resources().unwrap(), [], "{value}");
    }

    // Contents of the wrong type: the record is read and checked; the accessor says what is wrong.
    let text = with("targetResources", "[5]");
    let record = Record::from_json(&text).unwrap();
    assert!(matches!(check(&record), Verdict::Exact(_)));
    let err = record.target_resources().unwrap_err();
    assert_eq!(err.kind(), RecordErrorKind::Invalid);
    assert_eq!(
        err.message(),
        "targetResources: invalid type: integer `5`, expected struct TargetResource (at line 1 column 2 of the value)"
    );
    let la = r#"{"OperationName":"Add user","InitiatedBy":"{\"user\": 7}"}"#;
    let err = Record::from_json(la).unwrap().initiated_by().unwrap_err();
    assert!(err.message().starts_with("InitiatedBy: invalid type: integer `7`"), "{err}");
    let envelope = r#"{"time":"t","operationName":"Add user","properties":{"additionalDetails":[{"key":[]}]}}"#;
    let err = Record::from_json(envelope).unwrap().additional_details().unwrap_err();
    assert!(err.message().starts_with("properties.additionalDetails: invalid type: sequence"), "{err}");
}

#[test]
fn nested_values_keep_their_json_and_read_into_any_type() {
    use aad_audit_catalog::records::{KeyValue, Nested};

    // A string holding JSON keeps the JSON it holds, its escapes resolved and its padding cut.
    let text =
        r#"{"OperationName":"Add user","AdditionalDetails":" [{\"key\": \"User-Agent\", \"value\": \"curl\"}] "}"#;
    let Record::LogAnalytics(r) = Record::from_json(text).unwrap() else { panic!() };
    let details: &Nested<'_> = r.additional_details.as_ref().unwrap();
    assert_eq!(details.json(), r#"[{"key": "User-Agent", "value": "curl"}]"#);
    let typed: Vec<KeyValue<'_>> = details.read().unwrap();
    assert_eq!(typed[0].value.as_deref(), Some("curl"));
    let any: Value = details.read().unwrap();
    assert_eq!(any, json!([{"key": "User-Agent", "value": "curl"}]));
    // Owned, it outlives the text; serialized, it is the JSON value it holds.
    let owned: Nested<'static> = details.clone().into_owned();
    assert_eq!(&owned, details);
    assert_eq!(serde_json::to_value(&owned).unwrap(), any);
    let v = serde_json::to_value(Record::LogAnalytics(r.clone())).unwrap();
    assert_eq!(v["AdditionalDetails"], any);
    assert_eq!(v["InitiatedBy"], Value::Null);
}

#[test]
fn owned_records_read_their_nested_values_from_any_json_source() {
    let text = log_analytics_json("Core Directory", "UserManagement", "Update user", false).to_string();
    let borrowed = Record::from_json(&text).unwrap();
    let from_reader: Record<'static> = serde_json::from_reader(text.as_bytes()).unwrap();
    let from_value: Record<'static> = serde_json::from_value(serde_json::from_str(&text).unwrap()).unwrap();
    for record in [&from_reader, &from_value] {
        assert_eq!(record.initiated_by().unwrap(), borrowed.initiated_by().unwrap());
        assert_eq!(record.target_resources().unwrap(), borrowed.target_resources().unwrap());
        assert_eq!(record.additional_details().unwrap(), borrowed.additional_details().unwrap());
    }
    // Properties written as a string holding the Graph record: read with a reader that lends
    // nothing, their nested values own their text.
    let graph = graph_json("Core Directory", "UserManagement", "Update user");
    let envelope = json!({"time": "t", "operationName": "Update user", "properties": graph.to_string()}).to_string();
    let record = Record::from_json_as(&envelope, Shape::DiagnosticSettings).unwrap();
    assert_eq!(record.target_resources().unwrap().len(), 1);
    assert!(matches!(check(&record), Verdict::Exact(_)));

    // The same checks as `from_json`, for every source.
    let bad = r#"{"activityDisplayName":"Add user","targetResources":5}"#;
    let err = serde_json::from_reader::<_, Record<'static>>(bad.as_bytes()).unwrap_err();
    assert!(err.to_string().starts_with("invalid type: integer `5`, expected a JSON array"), "{err}");
}
