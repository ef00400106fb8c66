//! Linting files and directories: [`lint_paths`] and its [`Outcome`], with the exit code a
//! command should use.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use serde::Serialize;

use super::{Finding, RuleErrorKind, RuleState, Severity, Verdict, lint_str};

/// How [`lint_paths`] walks directories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LintOptions {
    /// Also walk into hidden files and directories (names starting with `.`), which are left
    /// out by default (`.git`, `.github`).
    pub hidden: bool,
}

/// A file that could not be linted, or a rule in it that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as given or found.
    pub file: String,
    /// 1-based line (1 when there is no better place).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong.
    pub message: String,
}

/// What kind of [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The path does not exist or cannot be read, or the file is not UTF-8 (exit code 2).
    Unreadable,
    /// The YAML does not parse (an error; the run goes on).
    YamlSyntax,
    /// A rule does not parse as a rule of its format (an error; the run goes on).
    InvalidRule,
}

impl ProblemKind {
    /// The kind's kebab-case name (`yaml-syntax`), also its SARIF rule id.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::YamlSyntax => "yaml-syntax",
            ProblemKind::InvalidRule => "invalid-rule",
        }
    }
}

/// What a run over files and directories found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Every finding, file by file (in walk order), each file's in line order.
    pub findings: Vec<Finding>,
    /// Files and rules that could not be linted.
    pub problems: Vec<Problem>,
    /// YAML files read.
    pub files: usize,
    /// YAML files that are neither Sigma nor Sentinel rules (left alone).
    pub not_rules: usize,
    /// Rules whose values were checked.
    pub rules_checked: usize,
    /// Rules that do not read the audit log (left alone).
    pub rules_skipped: usize,
}

/// How many findings and problems of each severity an [`Outcome`] has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Error findings, plus YAML and invalid-rule problems.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings (documented values included).
    pub infos: usize,
    /// Of the info findings, the documented values.
    pub documented: usize,
    /// Paths that could not be read.
    pub unreadable: usize,
}

impl Outcome {
    /// The findings and problems, counted by severity.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
            c.documented += usize::from(f.verdict == Verdict::Documented);
        }
        for p in &self.problems {
            match p.kind {
                ProblemKind::Unreadable => c.unreadable += 1,
                ProblemKind::YamlSyntax | ProblemKind::InvalidRule => c.errors += 1,
            }
        }
        c
    }

    /// The exit code for a command: 2 when a path could not be read; otherwise 1 when there
    /// are errors (findings, YAML syntax errors, rules that do not parse), or warnings and
    /// `deny_warnings`; otherwise 0. (Usage errors are the command's own, also 2.)
    ///
    /// ```
    /// use aad_audit_catalog::rules::{lint_paths, LintOptions};
    ///
    /// let outcome = lint_paths(&["tests/fixtures/rules/sentinel/clean.yaml"], &LintOptions::default());
    /// assert_eq!(outcome.exit_code(false), 0);
    /// let outcome = lint_paths(&["no/such/file.yml"], &LintOptions::default());
    /// assert_eq!(outcome.exit_code(false), 2);
    /// ```
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        let c = self.counts();
        if c.unreadable > 0 {
            2
        } else if c.errors > 0 || (deny_warnings && c.warnings > 0) {
            1
        } else {
            0
        }
    }
}

/// Lints every file in `paths`: files as given (any extension), directories walked for
/// `*.yml` and `*.yaml` files (in name order, hidden ones left out unless
/// [`LintOptions::hidden`]; symbolic links to directories are not followed). A file that
/// cannot be read or does not parse is a [`Problem`], and the run goes on.
pub fn lint_paths<P: AsRef<Path>>(paths: &[P], options: &LintOptions) -> Outcome {
    let mut outcome = Outcome::default();
    for path in paths {
        let path = path.as_ref();
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                walk(path, options, &mut files, &mut outcome);
                for file in files {
                    lint_file(&file, &mut outcome);
                }
            }
            Ok(_) => lint_file(path, &mut outcome),
            Err(e) => unreadable(&mut outcome, path, &e),
        }
    }
    outcome
}

/// Collects the YAML files under `dir`, in name order, depth first.
fn walk(dir: &Path, options: &LintOptions, files: &mut Vec<PathBuf>, outcome: &mut Outcome) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return unreadable(outcome, dir, &e),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') && !options.hidden {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, options, files, outcome),
            Ok(_) if is_yaml(&path) => files.push(path),
            Ok(_) => {}
            Err(e) => unreadable(outcome, &path, &e),
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"))
}

fn unreadable(outcome: &mut Outcome, path: &Path, e: &io::Error) {
    let file = path.display().to_string();
    outcome.problems.push(Problem { file, line: 1, column: 1, kind: ProblemKind::Unreadable, message: e.to_string() });
}

/// Lints one file into `outcome`.
fn lint_file(path: &Path, outcome: &mut Outcome) {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return unreadable(outcome, path, &e),
    };
    let file = path.display().to_string();
    let Ok(text) = String::from_utf8(bytes) else {
        let message = "not UTF-8 text".to_string();
        outcome.problems.push(Problem { file, line: 1, column: 1, kind: ProblemKind::Unreadable, message });
        return;
    };
    outcome.files += 1;
    match lint_str(&text, &file) {
        Ok(linted) => {
            for rule in linted.rules {
                match rule.state {
                    RuleState::Checked => outcome.rules_checked += 1,
                    RuleState::Skipped(_) => outcome.rules_skipped += 1,
                    RuleState::Invalid(why) => {
                        let title = rule.title.map(|t| std::format!("rule \"{t}\" ")).unwrap_or_default();
                        let message = std::format!("{title}does not parse as a {} rule: {why}", rule.format);
                        let (line, column, kind) = (rule.line, 1, ProblemKind::InvalidRule);
                        outcome.problems.push(Problem { file: file.clone(), line, column, kind, message });
                    }
                }
            }
            outcome.findings.extend(linted.findings);
        }
        Err(e) if e.kind == RuleErrorKind::NotARule => outcome.not_rules += 1,
        Err(e) => {
            let (line, column, kind) = (e.line, e.column, ProblemKind::YamlSyntax);
            outcome.problems.push(Problem { file, line, column, kind, message: e.to_string() });
        }
    }
}
