//! Lint detection rules against the catalog (feature `rules`): Sigma rules and Microsoft
//! Sentinel analytic rules and hunting queries whose activity names can never match.
//!
//! A misspelled or outdated activity name in a detection rule does not fail: the rule
//! silently never fires. [`lint_str`] reads one rule file (YAML; the format is told from the
//! content), finds every value compared with the activity (Sigma's `activityDisplayName`,
//! `operationName` or `properties.message`; KQL's `OperationName` or `ActivityDisplayName` in
//! the parts of a query that read `AuditLogs`), and says for each what the catalog knows
//! about it ([`Verdict`]) and whether the rule can fire ([`Severity`]):
//!
//! | the value | severity |
//! | --- | --- |
//! | a documented activity, spelled exactly | info |
//! | a case difference under a case-insensitive operator (`=~`, `in~`, Sigma without `cased`) | info |
//! | a case difference under a case-sensitive operator (`==`, `in`, `has_cs`, Sigma `cased`) | error |
//! | a trailing period or extra whitespace under an equality operator | error |
//! | a different dash (en dash where the page writes a hyphen, or the other way) | warning |
//! | documented only in an older page than the newest bundled one (the warning names the last page listing it, and what the newest page writes instead) | warning |
//! | an older page's spelling the operator also matches in the newest page (`Create Api connector` under `=~`) | info |
//! | documented, but not under the pinned `category` / `loggedByService` | warning |
//! | a `loggedByService` pin written as a page heading (`Privileged Identity Management` for `PIM`) under an equality | error |
//! | a pattern (`contains`, `has`, `startswith`, wildcards, ...) that matches documented activities | info |
//! | a pattern that matches no documented activity | error |
//! | not documented | error |
//! | not checked (a regular expression, another table's column, ...) | info |
//!
//! Names are checked against every bundled page version, so a name only an older page lists
//! is recognised, not unknown; "did you mean" offers names the newest page documents.
//!
//! [`lint_paths`] walks files and directories and collects an [`Outcome`]; [`render_text`],
//! [`render_json`] and [`render_sarif`] print it, and [`Outcome::exit_code`] says how a
//! command should exit. `aad-audit lint` (features `cli` and `rules`) is those calls.
//!
//! # What the KQL reader does not understand
//!
//! There is no maintained KQL parser for Rust; a small tokenizer (string literals in every form,
//! comments, brackets) and an analysis of pipelines, `let` bindings, `union`, `join` and
//! subqueries find the comparisons. Not understood, so reported as skipped or not found:
//! columns renamed or computed (`extend op = OperationName`, `tostring(...)`), values on the
//! left (`"Add user" == OperationName`), user and stored functions and parsers as sources (the
//! table is unknown), `search`/`find`, string concatenation, `datatable` lists, pins inside `or`
//! or parentheses (they do not narrow the check), and `$left.`/`$right.` columns in `join ... on`.
//!
//! ```
//! use aad_audit_catalog::rules::{lint_str, Code, Severity, Verdict};
//!
//! let rule = r#"
//! title: Role membership changed
//! id: 8a8f5c2e-0000-4000-8000-000000000001
//! logsource:
//!     product: azure
//!     service: auditlogs
//! detection:
//!     selection:
//!         properties.message:
//!             - Add member to role.
//!             - Remove member from role
//!     condition: selection
//! "#;
//! let linted = lint_str(rule, "role.yml").unwrap();
//! let [first, second] = &linted.findings[..] else { panic!() };
//! assert_eq!((first.line, first.column), (10, 15));
//! assert_eq!((first.verdict, first.severity, first.code), (Verdict::Forgiven, Severity::Error, Code::NeverMatches));
//! assert_eq!(first.suggestions, ["Add member to role"]);
//! assert_eq!((second.verdict, second.severity), (Verdict::Documented, Severity::Info));
//!
//! let query = "name: New app credentials\nquery: |\n  AuditLogs\n  | where OperationName == \"Add service principal credential\"\n";
//! let linted = lint_str(query, "creds.yaml").unwrap();
//! let f = &linted.findings[0];
//! assert_eq!((f.line, f.column, f.verdict), (4, 28, Verdict::Unknown));
//! assert_eq!(f.suggestions[0], "Add service principal credentials");
//! ```

mod catalog;
mod finding;
mod hints;
mod judge;
mod kql;
mod pattern;
mod pin;
mod query;
mod render;
mod run;
mod sarif;
mod sentinel;
mod sigma;
mod yaml;

use core::fmt;
use std::string::String;
use std::vec::Vec;

pub use finding::{Code, EntryRef, Finding, Format, Severity, Verdict};
pub use render::{TextOptions, render_json, render_text};
pub use run::{Counts, LintOptions, Outcome, Problem, ProblemKind, lint_paths};
pub use sarif::{render_sarif, sarif};

/// What [`lint_str`] found in one file: its rules and the findings on their values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linted {
    /// The file's format.
    pub format: Format,
    /// Every rule in the file, checked or not.
    pub rules: Vec<RuleSummary>,
    /// One finding per value checked (or skipped), in the order of the file.
    pub findings: Vec<Finding>,
}

/// A rule in a linted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSummary {
    /// The rule's format.
    pub format: Format,
    /// Its `id`, if it has one.
    pub id: Option<String>,
    /// Its title (Sigma `title`, Sentinel `name`), if it has one.
    pub title: Option<String>,
    /// 1-based line of the rule (its `title:` or `query:` key).
    pub line: u32,
    /// Whether it was checked.
    pub state: RuleState,
}

/// Whether a rule was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleState {
    /// Its activity values were checked.
    Checked,
    /// It does not read the audit log (a Sigma `logsource` other than Azure `auditlogs`, a
    /// query that never reads `AuditLogs`); the text says which.
    Skipped(String),
    /// It does not parse as a rule of its format; the text is the parser's.
    Invalid(String),
}

/// Why a file could not be linted at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// What is wrong.
    pub kind: RuleErrorKind,
    /// 1-based line of the problem.
    pub line: u32,
    /// 1-based column of the problem.
    pub column: u32,
    /// What the parser said, or what the file lacks.
    pub message: String,
}

/// What is wrong with a file, in a [`RuleError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleErrorKind {
    /// The YAML does not parse.
    Yaml,
    /// The YAML is neither a Sigma rule (`logsource`/`detection`) nor a Sentinel rule (a
    /// `query` string).
    NotARule,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            RuleErrorKind::Yaml => write!(f, "YAML syntax error: {}", self.message),
            RuleErrorKind::NotARule => write!(f, "not a Sigma or Sentinel rule: {}", self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// Lints the rules in one YAML file's `text`; `file` is the name findings carry.
///
/// A Sigma file may hold several rules (YAML documents); a Sentinel file holds one query.
/// Findings come in the order of the file (by line, then column).
///
/// ```
/// use aad_audit_catalog::rules::{lint_str, RuleErrorKind};
///
/// let err = lint_str("title: [unclosed\n", "bad.yml").unwrap_err();
/// assert_eq!((err.kind, err.line), (RuleErrorKind::Yaml, 2));
/// let err = lint_str("name: CI\non: push\n", "ci.yml").unwrap_err();
/// assert_eq!(err.kind, RuleErrorKind::NotARule);
/// ```
pub fn lint_str(text: &str, file: &str) -> Result<Linted, RuleError> {
    let docs = yaml::documents(text).map_err(|e| RuleError {
        kind: RuleErrorKind::Yaml,
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    let source = yaml::Source::scan(text);
    let (format, (rules, mut findings)) = if docs.iter().any(sigma::is_sigma) {
        (Format::Sigma, sigma::lint(text, file, &docs, &source))
    } else if docs.iter().any(sentinel::is_sentinel) {
        (Format::Sentinel, sentinel::lint(text, file, &docs, &source))
    } else {
        let message = "no logsource/detection (Sigma) or query (Sentinel)".into();
        return Err(RuleError { kind: RuleErrorKind::NotARule, line: 1, column: 1, message });
    };
    findings.sort_by_key(|f| (f.line, f.column));
    Ok(Linted { format, rules, findings })
}

/// The rule a finding belongs to, for building findings.
struct RuleCtx<'a> {
    file: &'a str,
    format: Format,
    id: Option<String>,
    title: Option<String>,
}

impl RuleCtx<'_> {
    /// A finding for `value` at `at` (line, column), from the judgement on it.
    fn finding(&self, at: (u32, u32), field: &str, operator: &str, value: &str, j: judge::Judgement) -> Finding {
        let entries = j
            .entries
            .iter()
            .map(|e| {
                let (service, category, activity) = catalog::describe(e);
                let pages = catalog::pages_of(e).into_iter().map(String::from).collect();
                EntryRef { service: service.into(), category: category.into(), activity: activity.into(), pages }
            })
            .collect();
        Finding {
            file: self.file.into(),
            line: at.0,
            column: at.1,
            format: self.format,
            rule_id: self.id.clone(),
            rule_title: self.title.clone(),
            field: field.into(),
            operator: operator.into(),
            value: value.into(),
            verdict: j.verdict,
            severity: j.severity,
            code: j.code,
            forgiven: j.forgiven,
            entries,
            matches: j.matches,
            suggestions: j.suggestions,
            message: j.message,
        }
    }
}
