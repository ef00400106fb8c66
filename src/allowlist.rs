//! Extra known activities a user supplies: activities Microsoft has not documented yet that a
//! tenant accepts anyway (feature `std`).
//!
//! The file is the tab-separated text the `aad-audit check` command reads: one
//! `service<TAB>category<TAB>activity` per line. An empty service or category means any; the
//! activity is required. Blank lines and lines starting with `#` are skipped; a leading UTF-8
//! byte order mark and `\r\n` line ends are fine. Names are compared as records spell them,
//! ignoring surrounding whitespace and letter case (Unicode lowercasing).
//!
//! Records the catalog documents are never "allowed": the allowlist is asked only about
//! records the catalog does not know, and a record it accepts gets its own verdict
//! (`records::Verdict::Allowed`, feature `records`).
//!
//! ```
//! use aad_audit_catalog::allowlist::Allowlist;
//!
//! let list = Allowlist::parse("allow.tsv", "# tenant extras\nCore Directory\t\tRotate tenant keys\n").unwrap();
//! let rule = list.find("core directory", "KeyManagement", "Rotate tenant keys ").unwrap();
//! assert_eq!((rule.line(), rule.category()), (2, None));
//! assert!(list.find("PIM", "RoleManagement", "Rotate tenant keys").is_none());
//!
//! let err = Allowlist::parse("allow.tsv", "Core Directory\tRotate tenant keys\n").unwrap_err();
//! assert_eq!(err.to_string(), "allow.tsv:1: expected service<TAB>category<TAB>activity, found 2 fields");
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// One line of an [`Allowlist`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowRule {
    service: Option<String>,
    category: Option<String>,
    activity: String,
    line: usize,
}

impl AllowRule {
    /// The service as written, `None` for any.
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// The category as written, `None` for any.
    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
    }

    /// The activity as written.
    pub fn activity(&self) -> &str {
        &self.activity
    }

    /// The 1-based line of the file it is on.
    pub fn line(&self) -> usize {
        self.line
    }
}

impl fmt::Display for AllowRule {
    /// `service / category / activity`, `*` for any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let any = |s: &Option<String>| s.clone().unwrap_or_else(|| "*".to_string());
        write!(f, "{} / {} / {}", any(&self.service), any(&self.category), self.activity)
    }
}

/// Why an allowlist could not be read: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistError {
    source: String,
    line: Option<usize>,
    message: String,
}

impl AllowlistError {
    /// The file (or name) it was read from.
    pub fn source_name(&self) -> &str {
        &self.source
    }

    /// The 1-based line, for a line that is wrong (`None` when the file cannot be read).
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for AllowlistError {
    /// `file:line: problem`, or `file: problem`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for AllowlistError {}

/// The key names are compared by: trimmed and lower-cased.
fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// User-supplied extra known activities: see the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    source: String,
    rules: Vec<AllowRule>,
    /// Rule indices by activity key.
    by_activity: HashMap<String, Vec<usize>>,
}

impl Allowlist {
    /// Reads an allowlist from its text; `source` names it in errors.
    pub fn parse(source: &str, text: &str) -> Result<Allowlist, AllowlistError> {
        let mut list = Allowlist { source: source.to_string(), ..Allowlist::default() };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let error = |message: String| AllowlistError { source: source.to_string(), line: Some(line), message };
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = raw.split('\t').collect();
            let [service, category, activity] = fields[..] else {
                return Err(error(format!(
                    "expected service<TAB>category<TAB>activity, found {} field{}",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" }
                )));
            };
            if activity.trim().is_empty() {
                return Err(error("the activity is empty (only the service and category may be left empty)".into()));
            }
            let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            list.by_activity.entry(key(activity)).or_default().push(list.rules.len());
            list.rules.push(AllowRule {
                service: given(service),
                category: given(category),
                activity: activity.trim().to_string(),
                line,
            });
        }
        Ok(list)
    }

    /// Reads an allowlist from a reader (UTF-8 text).
    pub fn from_reader(source: &str, mut reader: impl Read) -> Result<Allowlist, AllowlistError> {
        let mut bytes = Vec::new();
        let fail = |message: String| AllowlistError { source: source.to_string(), line: None, message };
        reader.read_to_end(&mut bytes).map_err(|e| fail(format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            AllowlistError { source: source.to_string(), line: Some(line), message: "not UTF-8".to_string() }
        })?;
        Allowlist::parse(source, &text)
    }

    /// Reads an allowlist file.
    pub fn read_path(path: impl AsRef<Path>) -> Result<Allowlist, AllowlistError> {
        let path = path.as_ref();
        let source = path.display().to_string();
        match std::fs::File::open(path) {
            Ok(file) => Allowlist::from_reader(&source, io::BufReader::new(file)),
            Err(e) => Err(AllowlistError { source, line: None, message: format!("cannot open: {e}") }),
        }
    }

    /// The name it was read from.
    pub fn source_name(&self) -> &str {
        &self.source
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[AllowRule] {
        &self.rules
    }

    /// The first rule (in file order) that allows this (service, category, activity).
    pub fn find(&self, service: &str, category: &str, activity: &str) -> Option<&AllowRule> {
        self.position(service, category, activity).map(|i| &self.rules[i])
    }

    /// The index in [`Allowlist::rules`] of the rule [`Allowlist::find`] finds.
    pub fn position(&self, service: &str, category: &str, activity: &str) -> Option<usize> {
        let candidates = self.by_activity.get(&key(activity))?;
        let matches = |rule: &Option<String>, given: &str| rule.as_deref().is_none_or(|r| key(r) == key(given));
        candidates
            .iter()
            .copied()
            .find(|&i| matches(&self.rules[i].service, service) && matches(&self.rules[i].category, category))
    }
}

#[cfg(test)]
mod tests {
    use super::Allowlist;

    #[test]
    fn rules_match_by_any_field_left_empty_and_ignore_case_and_padding() {
        let text =
            "\u{feff}Core Directory\tUserManagement\tAdd widget\r\n\n# comment\n\t\tRotate keys\nPIM\t\tAdd widget\n";
        let list = Allowlist::parse("a.tsv", text).unwrap();
        assert_eq!(list.rules().len(), 3);
        assert_eq!(list.find("core directory", " usermanagement", "ADD WIDGET").unwrap().line(), 1);
        assert_eq!(list.find("PIM", "Anything", "add widget").unwrap().line(), 5);
        assert!(list.find("PIM", "x", "Add gadget").is_none());
        assert_eq!(list.find("x", "y", "rotate keys").unwrap().to_string(), "* / * / Rotate keys");
    }

    #[test]
    fn errors_say_file_and_line() {
        for (text, line, message) in [
            ("a\tb\tc\nonly one field\n", 2, "expected service<TAB>category<TAB>activity, found 1 field"),
            ("a\tb\tc\td\n", 1, "expected service<TAB>category<TAB>activity, found 4 fields"),
            ("\n\na\tb\t  \n", 3, "the activity is empty (only the service and category may be left empty)"),
        ] {
            let err = Allowlist::parse("x.tsv", text).unwrap_err();
            assert_eq!((err.line(), err.message()), (Some(line), message), "{text:?}");
            assert!(err.to_string().starts_with(&format!("x.tsv:{line}: ")));
        }
        let err = Allowlist::from_reader("bin.tsv", &b"a\tb\tc\n\xff\n"[..]).unwrap_err();
        assert_eq!(err.to_string(), "bin.tsv:2: not UTF-8");
        assert!(Allowlist::read_path("does/not/exist.tsv").unwrap_err().to_string().contains("cannot open"));
    }
}
