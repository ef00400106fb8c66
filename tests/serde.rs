//! serde: canonical strings out, lookups in (feature `serde`).
#![cfg(feature = "serde")]

use aad_audit_catalog::{
    Category, Entry, Field, Normalization, Normalizations, Page, Pages, Service, ValidationErrorKind, entries, lookup,
    notes, validate,
};
use serde_json::{Value, json};

#[test]
fn every_entry_reads_back_as_itself() {
    for e in entries() {
        let text = serde_json::to_string(e).unwrap();
        let back: &Entry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e, "{text}");
        // From a reader nothing can be borrowed: the owned path must agree.
        let back: &Entry = serde_json::from_reader(text.as_bytes()).unwrap();
        assert_eq!(back, e, "{text}");
    }
}

#[test]
fn entry_serializes_to_a_small_object() {
    let e =
        aad_audit_catalog::lookup_exact("Self-service password management", "User Management", "Invite external user")
            .unwrap();
    assert_eq!(
        serde_json::to_value(e).unwrap(),
        json!({
            "service": "Self-service Password Management",
            "category": "UserManagement",
            "activity": "Invite external user",
            "pages": ["2022-11-29"],
            "listings": [{
                "page": "2022-11-29",
                "line": e.listings()[0].line(),
                "heading": "Self-service password management",
                "categoryAsWritten": "User Management",
            }],
        })
    );
    let provisioning =
        aad_audit_catalog::lookup_exact("Account Provisioning", "ProvisioningManagement", "Export").unwrap();
    let v = serde_json::to_value(provisioning).unwrap();
    assert_eq!(v["listings"][1]["description"], json!(provisioning.listing(Page::latest()).unwrap().description()));
    assert!(v["listings"][0].get("description").is_none(), "the 2022 page has no descriptions");
}

#[test]
fn pages_serialize_as_dates_and_read_back() {
    assert_eq!(serde_json::to_value(Pages::ALL).unwrap(), json!(["2022-11-29", "2024-10-04"]));
    for p in Page::ALL {
        let v = serde_json::to_value(p).unwrap();
        assert_eq!(v, json!(p.date()));
        assert_eq!(serde_json::from_value::<Page>(v).unwrap(), p);
    }
    assert_eq!(serde_json::from_str::<Page>(r#""latest""#).unwrap(), Page::latest());
    assert!(serde_json::from_str::<Page>(r#""2023-01-01""#).unwrap_err().to_string().contains("no such page version"));
}

#[test]
fn services_and_categories_round_trip() {
    for s in Service::ALL {
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(v, Value::String(s.as_str().into()));
        assert_eq!(serde_json::from_value::<Service>(v).unwrap(), s);
        for h in s.headings() {
            assert_eq!(serde_json::from_value::<Service>(json!(h.text())).unwrap(), s);
        }
    }
    for c in Category::ALL {
        let v = serde_json::to_value(c).unwrap();
        assert_eq!(v, Value::String(c.as_str().into()));
        assert_eq!(serde_json::from_value::<Category>(v).unwrap(), c);
        for spelling in c.spellings() {
            assert_eq!(serde_json::from_value::<Category>(json!(spelling)).unwrap(), c);
        }
    }
}

#[test]
fn names_are_forgiven_as_lookup_forgives_them() {
    assert_eq!(serde_json::from_str::<Service>(r#""core  DIRECTORY""#).unwrap(), Service::CoreDirectory);
    assert_eq!(serde_json::from_str::<Category>(r#""user management""#).unwrap(), Category::UserManagement);
    let e: &Entry =
        serde_json::from_str(r#"{"service":"core directory","category":"User Management","activity":"ADD USER."}"#)
            .unwrap();
    assert_eq!(e, lookup("core directory", "User Management", "ADD USER.").unwrap().entry());
}

#[test]
fn unknown_names_fail_with_the_validation_message() {
    let err = serde_json::from_str::<Service>(r#""Core Directry""#).unwrap_err().to_string();
    let expected = validate(Some("Core Directry"), None, None).unwrap_err().to_string();
    assert!(err.starts_with(&expected), "{err}");

    let err = serde_json::from_str::<Category>(r#""UserManagment""#).unwrap_err().to_string();
    let expected = validate(None, Some("UserManagment"), None).unwrap_err().to_string();
    assert!(err.starts_with(&expected), "{err}");

    // Wrong category: the message says where the activity is listed.
    let text = r#"{"service":"Core Directory","category":"GroupManagement","activity":"Add user"}"#;
    let err = serde_json::from_str::<&Entry>(text).unwrap_err().to_string();
    let expected = validate(Some("Core Directory"), Some("GroupManagement"), Some("Add user")).unwrap_err();
    assert_eq!(
        expected.kind(),
        ValidationErrorKind::ActivityElsewhere {
            service: Some(Service::CoreDirectory),
            category: Some(Category::GroupManagement)
        }
    );
    assert!(err.starts_with(&expected.to_string()), "{err}");
    assert!(err.contains("Core Directory / UserManagement"), "{err}");
}

#[test]
fn entry_reads_graph_field_names_and_ignores_the_rest() {
    let record = json!({
        "id": "Directory_0c3d2f4e",
        "category": "UserManagement",
        "activityDisplayName": "Update user",
        "loggedByService": "Core Directory",
        "result": "success",
        "targetResources": [{"id": "x", "modifiedProperties": []}],
    });
    let e: &Entry = serde_json::from_value(record).unwrap();
    assert_eq!((e.service(), e.activity()), (Service::CoreDirectory, "Update user"));
}

#[test]
fn entry_errors_name_the_field() {
    let err = serde_json::from_str::<&Entry>(r#"{"service":"PIM","category":"PIM"}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `activity`"), "{err}");
    let err = serde_json::from_str::<&Entry>(r#"{"service":"PIM","loggedByService":"PIM"}"#).unwrap_err();
    assert!(err.to_string().contains("duplicate field `service`"), "{err}");
    let err = serde_json::from_str::<&Entry>(r#"{"service":" ","category":"PIM","activity":"x"}"#).unwrap_err();
    assert!(err.to_string().starts_with("an empty service name"), "{err}");
    let err = serde_json::from_str::<&Entry>(r#"{"service":"PIM","category":"PIM","activity":7}"#).unwrap_err();
    assert!(err.to_string().contains("expected a string"), "{err}");
    let err = serde_json::from_str::<Service>("\"\"").unwrap_err();
    assert!(err.to_string().starts_with("an empty service name"), "{err}");
}

#[test]
fn matches_say_what_was_forgiven() {
    let m = lookup("core directory", "usermanagement ", "ADD USER.").unwrap();
    let v = serde_json::to_value(m).unwrap();
    assert_eq!(v["entry"], serde_json::to_value(m.entry()).unwrap());
    assert_eq!(v["exact"], json!(false));
    assert_eq!(v["forgiven"], json!(["case", "whitespace", "trailing-period"]));
    assert_eq!(
        v["forgivenIn"],
        json!({"service": ["case"], "category": ["case", "whitespace"], "activity": ["case", "trailing-period"]})
    );
    let category: Normalizations = [Normalization::Case, Normalization::Whitespace].into_iter().collect();
    assert_eq!(m.forgiven_in(Field::Category), category);
}

#[test]
fn normalizations_round_trip_as_lists_and_read_their_display_form() {
    let all: Normalizations = Normalization::ALL.into_iter().collect();
    for bits in 0u8..16 {
        let set: Normalizations =
            Normalization::ALL.into_iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, n)| n).collect();
        let back: Normalizations = serde_json::from_value(serde_json::to_value(set).unwrap()).unwrap();
        assert_eq!(back, set);
        let back: Normalizations = serde_json::from_value(json!(set.to_string())).unwrap();
        assert_eq!(back, set, "{set}");
    }
    assert_eq!(serde_json::to_value(all).unwrap(), json!(["case", "whitespace", "dash", "trailing-period"]));
    assert!(serde_json::from_str::<Normalizations>(r#""case+spelling""#).is_err());
}

#[test]
fn validation_errors_serialize_with_message_and_suggestions() {
    let err = validate(Some("PIM"), None, Some("Add user")).unwrap_err();
    let v = serde_json::to_value(err).unwrap();
    assert_eq!(v["kind"], json!("activity-elsewhere"));
    assert_eq!(v["field"], json!("activity"));
    assert_eq!(v["given"], json!("Add user"));
    assert_eq!(v["givenLength"], json!(8));
    assert_eq!(v["message"], json!(err.to_string()));
    assert_eq!(v["suggestions"], json!(["Core Directory / UserManagement"]));
    assert_eq!(v["total"], json!(1));

    let err = validate(None, None, None).unwrap_err();
    let v = serde_json::to_value(err).unwrap();
    assert_eq!((v["kind"].as_str(), v["field"].is_null()), (Some("empty"), true));
}

#[cfg(feature = "suggestions")]
#[test]
fn misspelled_activity_suggestions_are_activity_names() {
    let err = validate(Some("Core Directory"), Some("UserManagement"), Some("Add usr")).unwrap_err();
    let v = serde_json::to_value(err).unwrap();
    let names: Vec<&str> = v["suggestions"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(names.first(), Some(&"Add user"));
    assert_eq!(names.len(), err.suggestions().len());
    let first = serde_json::to_value(err.suggestions().next().unwrap()).unwrap();
    assert_eq!(first["entry"]["activity"], json!("Add user"));
}

#[test]
fn validated_and_notes_serialize() {
    let v = serde_json::to_value(validate(Some("PIM"), None, None).unwrap()).unwrap();
    assert_eq!(v, json!({"service": "PIM", "category": null, "entry": null, "exact": true, "forgiven": []}));
    for n in notes() {
        let v = serde_json::to_value(n).unwrap();
        assert_eq!(v["line"], json!(n.line()));
        assert_eq!(v["kind"], json!(n.kind().as_str()));
        assert_eq!(v["text"], json!(n.text()));
        assert_eq!((&v["page"], &v["file"]), (&json!(n.page().date()), &json!(n.page().file())));
    }
}
