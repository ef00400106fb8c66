//! Rule linting (feature `rules`): the fixtures in tests/fixtures/rules, written for these
//! tests, value by value (line, column, operator, value, verdict, severity, code); then the
//! walk, the exit codes and the three output formats.

use std::collections::BTreeSet;

use aad_audit_catalog::rules::{
    Code, Finding, Format, LintOptions, Outcome, ProblemKind, RuleErrorKind, RuleState, Severity, TextOptions, Verdict,
    lint_paths, lint_str, render_json, render_sarif, render_text, sarif,
};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/rules";

/// (line, column, operator, value, verdict, severity, code) of a finding.
type Row = (u32, u32, &'static str, &'static str, &'static str, &'static str, &'static str);

fn lint_fixture(name: &str) -> Vec<Finding> {
    let path = format!("{FIXTURES}/{name}");
    let text = std::fs::read_to_string(&path).unwrap();
    lint_str(&text, &path).unwrap().findings
}

fn row(f: &Finding) -> (u32, u32, String, String, &'static str, &'static str, &'static str) {
    (f.line, f.column, f.operator.clone(), f.value.clone(), f.verdict.as_str(), f.severity.as_str(), f.code.as_str())
}

fn assert_rows(name: &str, expected: &[Row]) {
    let got: Vec<_> = lint_fixture(name).iter().map(row).collect();
    let want: Vec<_> = expected.iter().map(|r| (r.0, r.1, r.2.to_string(), r.3.to_string(), r.4, r.5, r.6)).collect();
    assert_eq!(got.len(), want.len(), "{name}: {got:#?}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "{name}");
    }
}

fn find<'a>(findings: &'a [Finding], value: &str) -> &'a Finding {
    findings.iter().find(|f| f.value == value).unwrap_or_else(|| panic!("no finding for {value:?}"))
}

#[test]
fn sigma_equality_spellings_and_cased() {
    let expected: &[Row] = &[
        (13, 15, "equals", "Add member to role", "documented", "info", "documented"),
        (14, 15, "equals", "Add member to role.", "forgiven", "error", "never-matches"),
        (15, 15, "equals", "remove member from role", "forgiven", "info", "ignored-difference"),
        (16, 15, "equals", "Add  eligible member to role", "forgiven", "error", "never-matches"),
        (19, 15, "cased", "add scoped member to role", "forgiven", "error", "never-matches"),
        (20, 15, "cased", "Remove scoped member from role", "documented", "info", "documented"),
    ];
    assert_rows("sigma/spellings.yml", expected);
    let findings = lint_fixture("sigma/spellings.yml");
    assert_eq!(find(&findings, "Add member to role.").suggestions, ["Add member to role"]);
    assert!(find(&findings, "remove member from role").message.contains("equals ignores case"));
    assert!(find(&findings, "add scoped member to role").message.contains("cased is case-sensitive"));
}

#[test]
fn sigma_modifiers_wildcards_all_re_neq_windash() {
    let expected: &[Row] = &[
        (12, 38, "contains", "member to group", "pattern", "info", "pattern-matches"),
        (14, 41, "startswith", "Restore service", "pattern", "info", "pattern-matches"),
        (14, 58, "startswith", "Hard delete servce", "pattern", "error", "pattern-matches-nothing"),
        (17, 15, "endswith", "to role", "pattern", "info", "pattern-matches"),
        (18, 15, "endswith", "from rol.", "pattern", "error", "pattern-matches-nothing"),
        (20, 9, "contains|all", "owner AND credentials", "pattern", "error", "pattern-matches-nothing"),
        (21, 15, "contains|all", "owner", "pattern", "info", "pattern-matches"),
        (22, 15, "contains|all", "credentials", "pattern", "info", "pattern-matches"),
        (25, 15, "contains|all", "owner", "pattern", "info", "pattern-matches"),
        (26, 15, "contains|all", "service principal", "pattern", "info", "pattern-matches"),
        (29, 15, "equals", "Add * to group", "pattern", "info", "pattern-matches"),
        (30, 15, "equals", "Consent to appl?cation", "pattern", "info", "pattern-matches"),
        (31, 15, "equals", "Revoke * from user?", "pattern", "error", "pattern-matches-nothing"),
        (33, 32, "re", "^Add (member|owner) to group$", "skipped", "info", "not-checked"),
        (35, 33, "neq", "Delete usr", "unknown", "error", "unknown-activity"),
        (
            37,
            37,
            "windash",
            "Update application – Certificates and secrets management",
            "forgiven",
            "info",
            "ignored-difference",
        ),
    ];
    assert_rows("sigma/modifiers.yml", expected);
    let findings = lint_fixture("sigma/modifiers.yml");
    let all = find(&findings, "owner AND credentials");
    assert!(all.message.contains("no documented activity matches them all"), "{}", all.message);
    // Three names in six places (MIM Service's two since the 2024 page).
    assert_eq!(find(&findings, "Add * to group").matches, Some(6));
    assert_eq!(find(&findings, "^Add (member|owner) to group$").message, "a regular expression (|re) is not checked");
}

#[test]
fn sigma_pins_narrow_the_check() {
    let expected: &[Row] = &[
        (12, 30, "equals", "UserManagement", "documented", "info", "documented"),
        (13, 37, "equals", "Core Directory", "documented", "info", "documented"),
        (15, 15, "equals", "Add user", "documented", "info", "documented"),
        (16, 15, "equals", "Add member to group", "documented", "warning", "outside-pin"),
        (18, 21, "equals", "GroupManagement", "documented", "info", "documented"),
        (19, 32, "equals", "Add member to group", "documented", "info", "documented"),
        (20, 21, "equals", "UserManagment", "unknown", "error", "unknown-pin"),
        (21, 32, "equals", "Delete user", "documented", "info", "documented"),
        (22, 21, "equals", "AuditLogs", "skipped", "info", "not-checked"),
        (23, 28, "equals", "PIM", "documented", "info", "documented"),
        (24, 41, "contains", "member to group", "pattern", "warning", "outside-pin"),
        (25, 28, "equals", "core directory", "forgiven", "info", "ignored-difference"),
        (26, 32, "equals", "Update user", "documented", "info", "documented"),
    ];
    assert_rows("sigma/pins.yml", expected);
    let findings = lint_fixture("sigma/pins.yml");
    let outside = findings.iter().find(|f| f.code == Code::OutsidePin && f.line == 16).unwrap();
    assert_eq!(
        outside.message,
        "\"Add member to group\" is listed under Core Directory / GroupManagement, MIM Service / GroupManagement, not under the pinned service Core Directory and category UserManagement"
    );
    assert_eq!(
        find(&findings, "AuditLogs").message,
        "the envelope's category (always AuditLogs), not an audit category"
    );
}

#[test]
fn sigma_mistake_classes() {
    let expected: &[Row] = &[
        (13, 15, "equals", "Add owner from service principal", "unknown", "error", "unknown-activity"),
        (14, 15, "equals", "Add member to group/Remove member from group", "unknown", "error", "unknown-activity"),
        (15, 15, "equals", "Assign admin role to user", "unknown", "error", "unknown-activity"),
        (16, 15, "equals", "Sign-in activity", "unknown", "error", "unknown-activity"),
        (17, 15, "equals", "Microsoft.Authorization/roleAssignments/write", "unknown", "error", "unknown-activity"),
        (18, 15, "equals", "{\"activityDisplayName\": \"Add user\"}", "unknown", "error", "unknown-activity"),
        (
            19,
            15,
            "equals",
            "Update application – Certificates and secrets management",
            "forgiven",
            "warning",
            "dash-spelling",
        ),
    ];
    assert_rows("sigma/mistakes.yml", expected);
    let findings = lint_fixture("sigma/mistakes.yml");
    let typo = find(&findings, "Add owner from service principal");
    assert_eq!(typo.suggestions[0], "Add owner to service principal");
    let joined = find(&findings, "Add member to group/Remove member from group");
    assert_eq!(joined.suggestions[..2], ["Add member to group", "Remove member from group"]);
    assert!(joined.message.contains("joins 2 documented activities with \"/\""));
    assert!(find(&findings, "Sign-in activity").message.contains("SigninLogs"));
    assert!(find(&findings, "Microsoft.Authorization/roleAssignments/write").message.contains("AzureActivity"));
    let json = find(&findings, r#"{"activityDisplayName": "Add user"}"#);
    assert_eq!(json.suggestions, ["Add user"]);
    let dash = find(&findings, "Update application \u{2013} Certificates and secrets management");
    assert!(dash.message.contains("an en dash (U+2013) where the page writes a hyphen"), "{}", dash.message);
    assert_eq!(
        dash.suggestions,
        [
            "Update application - Certificates and secrets management",
            "Update application \u{2013} Certificates and secrets management"
        ]
    );
    // The portal-style label has no documented name close enough to suggest.
    assert!(find(&findings, "Assign admin role to user").suggestions.is_empty());
}

#[test]
fn sigma_older_page_names() {
    let expected: &[Row] = &[
        (13, 15, "equals", "Add users strong authentication phone app detail", "documented", "warning", "older-page"),
        (14, 15, "equals", "ActivationApproved", "documented", "warning", "older-page"),
        (16, 36, "cased", "Create Api connector", "documented", "warning", "older-page"),
        (18, 30, "equals", "Create Api connector", "documented", "info", "ignored-difference"),
        (20, 37, "equals", "Self-service Password Management", "documented", "info", "documented"),
        (21, 41, "equals", "User Password Reset", "documented", "warning", "older-page"),
        (23, 40, "startswith", "Activation", "pattern", "warning", "older-page"),
    ];
    assert_rows("sigma/older-page.yml", expected);
    let findings = lint_fixture("sigma/older-page.yml");
    // Removed in 2024: the warning names the last page listing it, and there is nothing to
    // write instead.
    let removed = find(&findings, "ActivationApproved");
    assert_eq!(
        removed.message,
        "\"ActivationApproved\" is documented only up to the page of 2022-11-29, not in the newest bundled page (2024-10-04)"
    );
    assert!(removed.suggestions.is_empty());
    assert_eq!(removed.entries[0].pages, ["2022-11-29"]);
    // Respelled in 2024: `cased` matches the old spelling only; the new one is suggested.
    let respelled = findings.iter().find(|f| f.operator == "cased").unwrap();
    assert_eq!(
        respelled.message,
        "\"Create Api connector\" is documented only up to the page of 2022-11-29, not in the newest bundled page (2024-10-04); the 2024-10-04 page lists \"Create API connector\" under B2C / Authorization"
    );
    assert_eq!(respelled.suggestions, ["Create API connector"]);
    // Sigma's default ignores case, so the rule still matches the 2024 spelling.
    let any_case = findings.iter().find(|f| f.line == 18).unwrap();
    assert!(
        any_case.message.ends_with("the 2024-10-04 page writes \"Create API connector\", which equals also matches")
    );
    // Moved to another service in 2024: under the pinned (old) service it is documented only
    // in the older page; the warning says where the newest page lists it.
    let moved = find(&findings, "User Password Reset");
    assert!(
        moved.message.ends_with("the 2024-10-04 page lists \"User Password Reset\" under MIM Service / UserManagement")
    );
    let pattern = find(&findings, "Activation");
    assert_eq!(pattern.matches, Some(5));
    assert!(
        pattern.message.starts_with("every match is documented only up to the page of 2022-11-29"),
        "{}",
        pattern.message
    );
    // The text output says what to write instead.
    let outcome = lint_paths(&[format!("{FIXTURES}/sigma/older-page.yml")], &LintOptions::default());
    let mut out = Vec::new();
    render_text(&outcome, TextOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("[older-page]\n    rule: Activities the newest page no longer documents (sigma; activityDisplayName cased)\n    help: write \"Create API connector\"\n"), "{text}");
    assert!(
        text.ends_with("1 file, 1 rule checked, 7 values: 0 errors, 5 warnings, 2 info (6 documented)\n"),
        "{text}"
    );
    assert_eq!((outcome.exit_code(false), outcome.exit_code(true)), (0, 1));
}

#[test]
fn sigma_collection_checks_audit_log_rules_only() {
    let expected: &[Row] = &[
        (9, 24, "equals", "Consent to application", "documented", "info", "documented"),
        (30, 29, "equals", "Add service principal credential", "unknown", "error", "unknown-activity"),
    ];
    assert_rows("sigma/collection.yml", expected);
    let text = std::fs::read_to_string(format!("{FIXTURES}/sigma/collection.yml")).unwrap();
    let linted = lint_str(&text, "collection.yml").unwrap();
    let states: Vec<(u32, &RuleState)> = linted.rules.iter().map(|r| (r.line, &r.state)).collect();
    let skipped = RuleState::Skipped("the logsource is not product: azure, service: auditlogs".into());
    assert_eq!(states, [(2, &RuleState::Checked), (12, &skipped), (23, &RuleState::Checked)]);
    assert_eq!(linted.findings[1].rule_id.as_deref(), Some("0b6a1c9e-5d41-4c57-9a4e-2f7d8c1b0007"));
}

#[test]
fn sentinel_every_operator() {
    let expected: &[Row] = &[
        (18, 28, "==", "Add user", "documented", "info", "documented"),
        (19, 28, "!=", "Delete usr", "unknown", "error", "unknown-activity"),
        (20, 28, "=~", "add USER", "forgiven", "info", "ignored-difference"),
        (21, 28, "!~", "Update user.", "forgiven", "error", "never-matches"),
        (22, 29, "in", "Add member to role", "documented", "info", "documented"),
        (22, 51, "in", "Add member to role ", "forgiven", "error", "never-matches"),
        (23, 30, "!in", "Remove member from role", "documented", "info", "documented"),
        (24, 30, "in~", "add member to group", "forgiven", "info", "ignored-difference"),
        (25, 31, "!in~", "remove member from group", "forgiven", "info", "ignored-difference"),
        (26, 29, "has", "credentials", "pattern", "info", "pattern-matches"),
        (27, 30, "!has", "credential", "pattern", "info", "pattern-matches"),
        (28, 32, "has_cs", "Credentials", "pattern", "info", "pattern-matches"),
        (29, 34, "has_any", "consent", "pattern", "info", "pattern-matches"),
        (29, 45, "has_any", "owner", "pattern", "info", "pattern-matches"),
        (30, 34, "has_all", "service", "pattern", "info", "pattern-matches"),
        (30, 45, "has_all", "principal", "pattern", "info", "pattern-matches"),
        (31, 34, "contains", "principal cred", "pattern", "info", "pattern-matches"),
        (32, 37, "contains_cs", "Principal", "pattern", "info", "pattern-matches"),
        (33, 36, "startswith", "Restore", "pattern", "info", "pattern-matches"),
        (34, 34, "endswith", "to grup", "pattern", "error", "pattern-matches-nothing"),
        (35, 45, "startswith_cs", "Hard", "pattern", "info", "pattern-matches"),
        (36, 43, "endswith_cs", "Policy", "pattern", "info", "pattern-matches"),
        (37, 11, "matches regex", "", "skipped", "info", "not-checked"),
    ];
    assert_rows("sentinel/operators.yaml", expected);
    let ops: BTreeSet<String> = lint_fixture("sentinel/operators.yaml").into_iter().map(|f| f.operator).collect();
    for op in [
        "==",
        "!=",
        "=~",
        "!~",
        "in",
        "!in",
        "in~",
        "!in~",
        "has",
        "!has",
        "has_cs",
        "has_any",
        "has_all",
        "contains",
        "contains_cs",
        "startswith",
        "endswith",
    ] {
        assert!(ops.contains(op), "{op} not covered");
    }
}

#[test]
fn sentinel_let_lists() {
    let expected: &[Row] = &[
        (6, 27, "in", "Add member to role", "documented", "info", "documented"),
        (6, 27, "in~", "Add member to role", "documented", "info", "documented"),
        (6, 49, "in", "Add eligble member to role", "unknown", "error", "unknown-activity"),
        (6, 49, "in~", "Add eligble member to role", "unknown", "error", "unknown-activity"),
        (7, 30, "has_any", "consent", "pattern", "info", "pattern-matches"),
        (7, 41, "has_any", "credentials.", "pattern", "error", "never-matches"),
        (8, 16, "==", "Add owner to application", "documented", "info", "documented"),
        (13, 73, "in~", "Restore user", "documented", "info", "documented"),
        (15, 11, "in", "", "skipped", "info", "not-checked"),
    ];
    assert_rows("sentinel/let-lists.yaml", expected);
    let findings = lint_fixture("sentinel/let-lists.yaml");
    // The list compared with InitiatedBy is not an activity list; the commented-out
    // comparison is not one either.
    assert!(findings.iter().all(|f| f.value != "admin@contoso.com" && f.value != "Add usr"));
    assert_eq!(find(&findings, "credentials.").suggestions, ["credentials"]);
}

#[test]
fn sentinel_pins() {
    let expected: &[Row] = &[
        (7, 23, "==", "RoleManagement", "documented", "info", "documented"),
        (7, 63, "=~", "Core Directory", "documented", "info", "documented"),
        (8, 29, "in", "Add member to role", "documented", "info", "documented"),
        (8, 51, "in", "Add member to group", "documented", "warning", "outside-pin"),
        (9, 23, "==", "UserManagment", "unknown", "error", "unknown-pin"),
        (11, 27, "==", "GroupManagement", "documented", "info", "documented"),
        (11, 67, "==", "PIM", "documented", "info", "documented"),
        (12, 32, "==", "Add user", "documented", "info", "documented"),
        (14, 28, "in", "Group Management", "forgiven", "error", "never-matches"),
        (14, 75, "contains", "scoped member to role", "pattern", "warning", "outside-pin"),
    ];
    assert_rows("sentinel/pins.yaml", expected);
    let findings = lint_fixture("sentinel/pins.yaml");
    assert_eq!(
        find(&findings, "scoped member to role").message,
        "contains \"scoped member to role\" matches 1 documented activity, none under the pinned category GroupManagement (listed under Core Directory / RoleManagement)"
    );
}

#[test]
fn sentinel_multi_table_queries_skip_other_tables() {
    let expected: &[Row] = &[
        (7, 32, "==", "Sign-in activity", "skipped", "info", "not-checked"),
        (9, 53, "has", "role", "pattern", "info", "pattern-matches"),
        (11, 47, "==", "Create role assignment", "skipped", "info", "not-checked"),
        (12, 41, "==", "Add member to role", "documented", "info", "documented"),
        (13, 43, "==", "Add member to grup", "unknown", "error", "unknown-activity"),
        (14, 53, "=~", "Sign-in activity", "skipped", "info", "not-checked"),
        (15, 70, "==", "Sign-in activity", "skipped", "info", "not-checked"),
        (16, 28, "==", "Update user", "documented", "info", "documented"),
        (16, 62, "==", "Reset passwrd", "skipped", "info", "not-checked"),
    ];
    assert_rows("sentinel/multi-table.yaml", expected);
    let findings = lint_fixture("sentinel/multi-table.yaml");
    assert_eq!(
        find(&findings, "Create role assignment").message,
        "compared in the AzureActivity part of the query, not AuditLogs: not an audit activity"
    );
}

#[test]
fn sentinel_older_page_names() {
    let expected: &[Row] = &[
        (6, 26, "in", "Reveal local administrator password", "documented", "warning", "older-page"),
        (6, 65, "in", "Add FIDO2 security key", "documented", "warning", "older-page"),
        (8, 28, "==", "Add conditional access policy", "documented", "warning", "older-page"),
        (9, 27, "=~", "Update conditional access policy", "documented", "info", "ignored-difference"),
        (11, 28, "has", "ExternalUserProfile", "pattern", "warning", "older-page"),
        (13, 27, "==", "Terms Of Use", "documented", "info", "documented"),
        (13, 63, "==", "Accept Terms Of Use", "documented", "warning", "older-page"),
    ];
    assert_rows("sentinel/older-page.yaml", expected);
    let findings = lint_fixture("sentinel/older-page.yaml");
    // `==` is case-sensitive: only the 2022 spelling matches.
    assert_eq!(find(&findings, "Add conditional access policy").suggestions, ["Add Conditional Access policy"]);
    assert_eq!(find(&findings, "Update conditional access policy").suggestions, ["Update Conditional Access policy"]);
    // Moved to another category in 2024.
    assert!(find(&findings, "Accept Terms Of Use").message.ends_with("under Terms of Use / Policy"));
}

#[test]
fn sentinel_case_under_kql_operators() {
    let expected: &[Row] = &[
        (5, 45, "==", "add service principal", "forgiven", "error", "never-matches"),
        (5, 95, "in", "Add Service Principal", "forgiven", "error", "never-matches"),
        (5, 122, "in", "Remove service principal", "documented", "info", "documented"),
        (5, 177, "=~", "ADD SERVICE PRINCIPAL", "forgiven", "info", "ignored-difference"),
        (5, 228, "in~", "hard delete SERVICE principal", "forgiven", "info", "ignored-difference"),
    ];
    assert_rows("sentinel/case.yaml", expected);
}

#[test]
fn sentinel_string_literal_forms() {
    let expected: &[Row] = &[
        (8, 28, "==", "Add owner to application", "documented", "info", "documented"),
        (9, 27, "==", "Add owner to service principal", "documented", "info", "documented"),
        (10, 27, "==", "Add app role assignment to group", "documented", "info", "documented"),
        (11, 27, "==", "Remove owner from application", "documented", "info", "documented"),
    ];
    assert_rows("sentinel/hunting.yaml", expected);
}

#[test]
fn sentinel_clean_rule() {
    let expected: &[Row] = &[
        (7, 29, "in", "Add member to role", "documented", "info", "documented"),
        (7, 51, "in", "Remove member from role", "documented", "info", "documented"),
    ];
    assert_rows("sentinel/clean.yaml", expected);
}

#[test]
fn sentinel_query_without_audit_logs_is_left_alone() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/sentinel/signin-only.yaml")).unwrap();
    let linted = lint_str(&text, "signin-only.yaml").unwrap();
    assert_eq!(linted.format, Format::Sentinel);
    assert!(linted.findings.is_empty());
    assert_eq!(linted.rules[0].state, RuleState::Skipped("the query does not read AuditLogs".into()));
}

#[test]
fn lint_str_errors() {
    let e = lint_str("title: x\ndetection: {a: [1, 2}\n", "f.yml").unwrap_err();
    assert_eq!((e.kind, e.line), (RuleErrorKind::Yaml, 2));
    assert!(e.to_string().starts_with("YAML syntax error: "), "{e}");
    let e = lint_str("jobs: {}\n", "ci.yml").unwrap_err();
    assert_eq!(e.kind, RuleErrorKind::NotARule);
}

#[test]
fn positions_follow_yaml_quoting_and_repeats() {
    // The same value in the title, two selections and a flow list; quoted keys; comments;
    // an anchor; a multi-line double-quoted value.
    let text = r#"title: "Add user"
logsource: {product: azure, service: auditlogs}
detection:
    first:
        "properties.message": &a 'Add user'   # quoted key, anchor
    second:
        properties.message|contains: ["x", 'Add user', Add user]
    third:
        properties.message: "Add
          usr"
    condition: 1 of them
"#;
    let linted = lint_str(text, "p.yml").unwrap();
    let at: Vec<(u32, u32, &str)> = linted.findings.iter().map(|f| (f.line, f.column, f.value.as_str())).collect();
    assert_eq!(at, [(5, 34, "Add user"), (7, 39, "x"), (7, 44, "Add user"), (7, 56, "Add user"), (9, 29, "Add usr")]);
}

#[test]
fn walk_reports_yaml_errors_and_goes_on() {
    let outcome = lint_paths(&[FIXTURES], &LintOptions::default());
    assert_eq!((outcome.files, outcome.not_rules, outcome.rules_checked, outcome.rules_skipped), (18, 1, 15, 2));
    let problems: Vec<(String, u32, u32, ProblemKind)> = outcome
        .problems
        .iter()
        .map(|p| (p.file.trim_start_matches(FIXTURES).to_string(), p.line, p.column, p.kind))
        .collect();
    assert_eq!(
        problems,
        [
            ("/sigma/broken.yml".to_string(), 8, 14, ProblemKind::YamlSyntax),
            ("/sigma/invalid.yml".to_string(), 6, 1, ProblemKind::InvalidRule),
        ]
    );
    assert!(outcome.problems[1].message.contains("Unknown modifier 'has'"), "{}", outcome.problems[1].message);
    // Files in name order, sentinel/ before sigma/, and each file's findings in line order.
    let files: Vec<&str> = outcome.findings.iter().map(|f| f.file.as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    let c = outcome.counts();
    assert_eq!((c.errors, c.warnings, c.infos, c.documented, c.unreadable), (30, 15, 77, 47, 0));
}

#[test]
fn exit_codes() {
    let options = LintOptions::default();
    assert_eq!(lint_paths(&[format!("{FIXTURES}/sentinel/clean.yaml")], &options).exit_code(true), 0);
    assert_eq!(lint_paths(&[format!("{FIXTURES}/sentinel/pins.yaml")], &options).exit_code(false), 1);
    assert_eq!(lint_paths(&[format!("{FIXTURES}/sigma/broken.yml")], &options).exit_code(false), 1);
    assert_eq!(lint_paths(&[format!("{FIXTURES}/sentinel/not-a-rule.yaml")], &options).exit_code(true), 0);
    // Warnings fail only under --deny warnings.
    let text = "query: |\n  AuditLogs | where OperationName == \"Update application \u{2013} Certificates and secrets management\"\n";
    let findings = lint_str(text, "dash.yaml").unwrap().findings;
    assert_eq!(findings[0].severity, Severity::Warning);
    let warned = Outcome { findings, ..Outcome::default() };
    assert_eq!((warned.exit_code(false), warned.exit_code(true)), (0, 1));
    // An unreadable path is 2, whatever else there is.
    let missing = lint_paths(&[format!("{FIXTURES}/sentinel/pins.yaml"), "no/such/dir".into()], &options);
    assert_eq!(missing.problems[0].kind, ProblemKind::Unreadable);
    assert_eq!(missing.exit_code(false), 2);
}

#[test]
fn non_utf8_files_are_unreadable() {
    let dir = std::env::temp_dir().join(format!("aad-audit-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("latin1.yml");
    std::fs::write(&file, b"title: caf\xe9\n").unwrap();
    let outcome = lint_paths(&[&dir], &LintOptions::default());
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(outcome.problems.len(), 1);
    assert_eq!(
        (outcome.problems[0].kind, outcome.problems[0].message.as_str()),
        (ProblemKind::Unreadable, "not UTF-8 text")
    );
    assert_eq!(outcome.exit_code(false), 2);
}

#[test]
fn text_output_is_compiler_like() {
    let outcome = lint_paths(&[format!("{FIXTURES}/sigma/spellings.yml")], &LintOptions::default());
    let mut out = Vec::new();
    render_text(&outcome, TextOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let expected = "\
tests/fixtures/rules/sigma/spellings.yml:14:15: error: \"Add member to role.\" is documented as \"Add member to role\", without the trailing period: equals never matches it [never-matches]
    rule: Directory role membership changed (sigma; properties.message equals)
    help: write \"Add member to role\"
tests/fixtures/rules/sigma/spellings.yml:16:15: error: \"Add  eligible member to role\" is documented as \"Add eligible member to role\", without the extra whitespace: equals never matches it [never-matches]
    rule: Directory role membership changed (sigma; properties.message equals)
    help: write \"Add eligible member to role\"
tests/fixtures/rules/sigma/spellings.yml:19:15: error: \"add scoped member to role\" is documented as \"Add scoped member to role\": cased is case-sensitive and never matches it [never-matches]
    rule: Directory role membership changed (sigma; activityDisplayName cased)
    help: write \"Add scoped member to role\"
1 file, 1 rule checked, 6 values: 3 errors, 0 warnings, 3 info (2 documented)
";
    assert_eq!(text, expected);
    let mut verbose = Vec::new();
    let mut options = TextOptions::default();
    options.verbose = true;
    render_text(&outcome, options, &mut verbose).unwrap();
    assert_eq!(String::from_utf8(verbose).unwrap().matches(": info: ").count(), 3);
}

#[test]
fn json_has_one_object_per_finding_with_the_issue_keys() {
    let outcome = lint_paths(&[format!("{FIXTURES}/sentinel/pins.yaml")], &LintOptions::default());
    let mut out = Vec::new();
    render_json(&outcome, &mut out).unwrap();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), outcome.findings.len());
    let keys = [
        "file",
        "line",
        "column",
        "format",
        "rule_id",
        "rule_title",
        "field",
        "operator",
        "value",
        "verdict",
        "severity",
        "code",
        "forgiven",
        "entries",
        "matches",
        "suggestions",
        "message",
    ];
    for f in findings {
        let got: BTreeSet<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(got, keys.into_iter().collect());
        assert_eq!(f["format"], "sentinel");
    }
    let outside = findings.iter().find(|f| f["code"] == "outside-pin" && f["value"] == "Add member to group").unwrap();
    assert_eq!(outside["verdict"], "documented");
    assert_eq!(outside["severity"], "warning");
    assert_eq!(
        outside["entries"],
        serde_json::json!([
            {"service": "Core Directory", "category": "GroupManagement", "activity": "Add member to group", "pages": ["2022-11-29", "2024-10-04"]},
            {"service": "MIM Service", "category": "GroupManagement", "activity": "Add member to group", "pages": ["2024-10-04"]},
        ])
    );
    let pattern = findings.iter().find(|f| f["verdict"] == "pattern").unwrap();
    assert_eq!(pattern["matches"], 0);
    assert_eq!(json["counts"]["errors"], 2);
    assert_eq!(json["rules_checked"], 1);
}

#[test]
fn sarif_has_the_required_shape() {
    let outcome = lint_paths(&[format!("{FIXTURES}/sigma"), "no/such/file.yml".into()], &LintOptions::default());
    let mut out = Vec::new();
    render_sarif(&outcome, &mut out).unwrap();
    let log: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(log, sarif(&outcome));
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().ends_with("sarif-schema-2.1.0.json"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "aad-audit");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for code in Code::ALL {
        assert!(ids.contains(&code.as_str()), "{code}");
    }
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string());
        assert!(["error", "warning", "note"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = run["results"].as_array().unwrap();
    // Errors and warnings of the findings, plus the YAML and invalid-rule problems.
    let problems = outcome.findings.iter().filter(|f| f.severity > Severity::Info).count() + 2;
    assert_eq!(results.len(), problems);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], id);
        assert!(["error", "warning"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().unwrap().starts_with("tests/fixtures/rules/sigma/"));
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    let typo = results.iter().find(|r| r["properties"]["value"] == "Add owner from service principal").unwrap();
    assert_eq!(typo["ruleId"], "unknown-activity");
    assert_eq!(typo["level"], "error");
    assert_eq!(
        typo["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 13, "startColumn": 15})
    );
    // The unreadable path is a tool execution notification, and the run did not succeed.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["toolExecutionNotifications"].as_array().unwrap().len(), 1);
}

#[test]
fn verdicts_and_severities_are_consistent() {
    let outcome = lint_paths(&[FIXTURES], &LintOptions::default());
    for f in &outcome.findings {
        match f.verdict {
            Verdict::Documented => assert!(f.forgiven.is_empty() && f.matches.is_none(), "{f:?}"),
            Verdict::Forgiven => assert!(!f.forgiven.is_empty() && !f.suggestions.is_empty(), "{f:?}"),
            Verdict::Pattern => assert!(f.matches.is_some(), "{f:?}"),
            Verdict::Unknown => assert_eq!(f.severity, Severity::Error, "{f:?}"),
            Verdict::Skipped => assert_eq!((f.severity, f.code), (Severity::Info, Code::NotChecked), "{f:?}"),
        }
    }
}

/// `aad-audit lint`: the library's walk, output and exit code behind the command's options.
#[cfg(feature = "cli")]
mod command {
    use super::*;

    fn run(args: &[&str]) -> (i32, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_aad-audit")).arg("lint").args(args).output().unwrap();
        (out.status.code().expect("exited"), String::from_utf8(out.stdout).unwrap())
    }

    fn outcome(path: &str) -> Outcome {
        lint_paths(&[path], &LintOptions::default())
    }

    #[test]
    fn prints_what_the_library_renders() {
        let path = format!("{FIXTURES}/sigma/spellings.yml");
        let mut text = Vec::new();
        render_text(&outcome(&path), TextOptions::default(), &mut text).unwrap();
        assert_eq!(run(&[&path]), (1, String::from_utf8(text).unwrap()));
        let mut verbose = Vec::new();
        let mut options = TextOptions::default();
        options.verbose = true;
        render_text(&outcome(&path), options, &mut verbose).unwrap();
        assert_eq!(run(&["--verbose", &path]).1, String::from_utf8(verbose).unwrap());
        let mut json = Vec::new();
        render_json(&outcome(&path), &mut json).unwrap();
        assert_eq!(run(&["--format", "json", &path]).1, String::from_utf8(json).unwrap());
        let (code, out) = run(&["--format", "sarif", &path]);
        assert_eq!((code, serde_json::from_str::<Value>(&out).unwrap()), (1, sarif(&outcome(&path))));
    }

    #[test]
    fn exit_codes() {
        let clean = format!("{FIXTURES}/sentinel/clean.yaml");
        let warned = format!("{FIXTURES}/sigma/older-page.yml");
        assert_eq!(run(&[&clean]).0, 0);
        assert_eq!(run(&["--deny", "warnings", &clean]).0, 0);
        assert_eq!(run(&[&warned]).0, 0, "warnings alone pass");
        assert_eq!(run(&["--deny", "warnings", &warned]).0, 1);
        assert_eq!(run(&[FIXTURES]).0, 1);
        assert_eq!(run(&[&clean, "no/such/dir"]).0, 2);
        assert_eq!(run(&[]).0, 2, "no PATH is a usage error");
        assert_eq!(run(&["--format", "xml", &clean]).0, 2);
    }
}

mod never_panics {
    use aad_audit_catalog::rules::lint_str;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Token soup in a Sentinel query: the tokenizer and the query analysis cope.
        #[test]
        fn on_any_query(parts in proptest::collection::vec(
            "(AuditLogs|SigninLogs|OperationName|Category|let|union|join|where|or|in~|!in|==|=~|has_all|dynamic|pack_array|\\(|\\)|\\[|\\]|\\{|,|;|\\||=|\"Add user\"|'x'|@\"y\"|h'z'|```w|//c|\n| )",
            0..60,
        )) {
            let query: String = parts.concat().replace('\n', "\n  ");
            let text = format!("name: soup\nquery: |\n  {query}\n");
            let _ = lint_str(&text, "soup.yaml");
        }

        /// Character soup in a Sigma rule's detection: the YAML scan copes.
        #[test]
        fn on_any_detection(body in "[a-z :|'\"\\[\\]{},#&*!\\-\n.]{0,120}") {
            let text = format!(
                "title: soup\nlogsource: {{product: azure, service: auditlogs}}\ndetection:\n    sel:\n        properties.message: {body}\n    condition: sel\n"
            );
            let _ = lint_str(&text, "soup.yml");
        }
    }
}
