//! Hints for unknown names: the mistakes rule authors make, recognised from the text.
//!
//! Each hint is a heuristic about the *kind* of mistake; the verdict stays "unknown" and the
//! severity an error whatever the hint says.
//! - two names joined by `/` (`Add member to group/Remove member from group`);
//! - a JSON fragment (`{"activityDisplayName": "Add user"}`, `Add user"}`);
//! - an Azure Activity log operation (`Microsoft.Authorization/roleAssignments/write`);
//! - the sign-in log's operation name (`Sign-in activity`).

use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::catalog;

/// A hint at the likely mistake behind an unknown `value`, and the documented names it
/// contains, if it looks like one of the known mistakes.
pub(super) fn explain(value: &str) -> Option<(String, Vec<String>)> {
    azure_activity(value).or_else(|| sign_in(value)).or_else(|| json_fragment(value)).or_else(|| joined(value))
}

/// The documented spelling of `name`, if it is a documented activity (forgiving spelling).
fn documented(name: &str) -> Option<String> {
    let places = catalog::places(name);
    places.iter().min_by_key(|(e, n)| (n.len(), e.index())).map(|(e, _)| e.activity().to_string())
}

/// `Microsoft.Provider/type/action`: an Azure resource provider operation.
fn azure_activity(value: &str) -> Option<(String, Vec<String>)> {
    let v = value.trim();
    let provider = v.strip_prefix("Microsoft.").or_else(|| v.strip_prefix("microsoft."))?;
    let (name, rest) = provider.split_once('/')?;
    if name.is_empty() || rest.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let hint = "it looks like an Azure Activity log operation (AzureActivity), not an Entra ID audit activity";
    Some((hint.to_string(), Vec::new()))
}

/// The sign-in log's `OperationName`.
fn sign_in(value: &str) -> Option<(String, Vec<String>)> {
    let folded = value.trim().to_lowercase().replace('\u{2013}', "-");
    let hint = "it is the sign-in log's (SigninLogs) operation name, not an audit activity";
    (folded == "sign-in activity").then(|| (hint.to_string(), Vec::new()))
}

/// Text with JSON punctuation around names: the names in its double-quoted strings that are
/// documented activities.
fn json_fragment(value: &str) -> Option<(String, Vec<String>)> {
    if !value.contains(['{', '}']) && !value.contains("\":") {
        return None;
    }
    let quoted: Vec<&str> = value.split('"').skip(1).step_by(2).collect();
    let pieces: Vec<&str> = if quoted.is_empty() { value.split(['{', '}', '"', ':', ',']).collect() } else { quoted };
    let names: Vec<String> = pieces.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).filter_map(documented).collect();
    let hint = match names.as_slice() {
        [] => "it looks like a JSON fragment, not an activity name".to_string(),
        [one] => format!("it looks like a JSON fragment; the activity in it is \"{one}\""),
        _ => format!("it looks like a JSON fragment; the activities in it are \"{}\"", names.join("\", \"")),
    };
    Some((hint, names))
}

/// Names joined by `/` in one string, each documented on its own.
fn joined(value: &str) -> Option<(String, Vec<String>)> {
    if !value.contains('/') {
        return None;
    }
    let parts: Vec<&str> = value.split('/').map(str::trim).filter(|s| !s.is_empty()).collect();
    let names: Vec<String> = parts.iter().copied().filter_map(documented).collect();
    if parts.len() < 2 || names.len() != parts.len() {
        return None;
    }
    let hint = format!(
        "it joins {} documented activities with \"/\" in one string: list \"{}\" as separate values",
        names.len(),
        names.join("\", \"")
    );
    Some((hint, names))
}

#[cfg(test)]
mod tests {
    use super::explain;

    #[test]
    fn recognises_the_mistakes() {
        let (hint, names) = explain("Add member to group/Remove member from group").unwrap();
        assert!(hint.contains("joins 2 documented activities"), "{hint}");
        assert_eq!(names, ["Add member to group", "Remove member from group"]);
        let (hint, names) = explain(r#"{"activityDisplayName": "Add user"}"#).unwrap();
        assert!(hint.contains("JSON fragment"), "{hint}");
        assert_eq!(names, ["Add user"]);
        assert!(explain("Microsoft.Authorization/roleAssignments/write").unwrap().0.contains("AzureActivity"));
        assert!(explain("Sign-in activity").unwrap().0.contains("SigninLogs"));
        assert_eq!(explain("Add usr"), None);
        assert_eq!(explain("Add usr/Delete usr"), None);
    }
}
