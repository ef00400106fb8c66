//! An [`Outcome`] as SARIF 2.1.0, the format GitHub code scanning reads to show findings
//! inline.
//!
//! One run; the driver `aad-audit` lists every [`Code`] and the two problem kinds
//! (`yaml-syntax`, `invalid-rule`) as rules. Results are the error and warning findings (info
//! findings stay in the text and JSON output: code scanning is for problems) and the
//! problems; unreadable paths are tool execution notifications. Columns count Unicode code
//! points (`columnKind`).

use std::io::{self, Write};
use std::string::String;
use std::vec::Vec;

use serde_json::{Value, json};

use super::{Code, Finding, Outcome, ProblemKind, Severity};

/// The SARIF schema the document declares.
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The default severity of a code, for the rules list.
fn default_severity(code: Code) -> Severity {
    match code {
        Code::UnknownActivity | Code::NeverMatches | Code::PatternMatchesNothing | Code::UnknownPin => Severity::Error,
        Code::DashSpelling | Code::OlderPage | Code::OutsidePin => Severity::Warning,
        _ => Severity::Info,
    }
}

/// The rules list: (id, description, level), codes first, then the problem kinds.
fn rules() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut rules: Vec<_> = Code::ALL.iter().map(|c| (c.as_str(), c.describe(), level(default_severity(*c)))).collect();
    rules.push((ProblemKind::YamlSyntax.as_str(), "The YAML file does not parse.", "error"));
    rules.push((ProblemKind::InvalidRule.as_str(), "The rule does not parse as a rule of its format.", "error"));
    rules
}

/// A file path as a relative URI reference: `/` separators, and the characters URIs reserve
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            _ => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&std::format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

fn location(file: &str, line: u32, column: u32) -> Value {
    json!([{
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": { "startLine": line, "startColumn": column }
        }
    }])
}

fn result(f: &Finding, index: usize) -> Value {
    let mut text = f.message.clone();
    if let Some(title) = &f.rule_title {
        text.push_str(&std::format!(" (rule: {title})"));
    }
    json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": level(f.severity),
        "message": { "text": text },
        "locations": location(&f.file, f.line, f.column),
        "properties": {
            "format": f.format,
            "ruleId": f.rule_id,
            "ruleTitle": f.rule_title,
            "field": f.field,
            "operator": f.operator,
            "value": f.value,
            "verdict": f.verdict,
            "suggestions": f.suggestions,
        }
    })
}

/// `outcome` as a SARIF 2.1.0 log.
pub fn sarif(outcome: &Outcome) -> Value {
    let rules = rules();
    let index = |id: &str| rules.iter().position(|r| r.0 == id).unwrap_or(0);
    let mut results: Vec<Value> = Vec::new();
    let mut notifications: Vec<Value> = Vec::new();
    for p in &outcome.problems {
        if p.kind == ProblemKind::Unreadable {
            notifications.push(json!({
                "level": "error",
                "message": { "text": std::format!("{}: {}", p.file, p.message) },
                "locations": location(&p.file, p.line, p.column),
            }));
        } else {
            results.push(json!({
                "ruleId": p.kind.as_str(),
                "ruleIndex": index(p.kind.as_str()),
                "level": "error",
                "message": { "text": p.message },
                "locations": location(&p.file, p.line, p.column),
            }));
        }
    }
    for f in outcome.findings.iter().filter(|f| f.severity > Severity::Info) {
        results.push(result(f, index(f.code.as_str())));
    }
    let rules: Vec<Value> = rules
        .iter()
        .map(|(id, text, level)| {
            json!({ "id": id, "shortDescription": { "text": text }, "defaultConfiguration": { "level": level } })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "aad-audit",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/aad-audit-catalog",
                "rules": rules,
            }},
            "invocations": [{ "executionSuccessful": notifications.is_empty(), "toolExecutionNotifications": notifications }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// Writes [`sarif`]`(outcome)`, pretty-printed.
pub fn render_sarif(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif(outcome)).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_relative_references() {
        assert_eq!(super::uri("rules\\a b#1.yml"), "rules/a%20b%231.yml");
        assert_eq!(super::uri("dir/é.yml"), "dir/%C3%A9.yml");
    }
}
