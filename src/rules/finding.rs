//! What the lint says about one value: [`Finding`], with its [`Verdict`], [`Severity`] and
//! [`Code`].

use core::fmt;
use std::string::String;
use std::vec::Vec;

use serde::Serialize;

use crate::Normalizations;

/// The rule format a finding comes from, detected from the file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A Sigma rule (`logsource` + `detection`).
    Sigma,
    /// A Microsoft Sentinel analytic rule or hunting query (a `query:` in KQL).
    Sentinel,
}

impl Format {
    /// `sigma` or `sentinel`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Sigma => "sigma",
            Format::Sentinel => "sentinel",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the catalog says about a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A documented activity (or, for a pin, service or category), spelled exactly.
    Documented,
    /// Documented after folding case, whitespace, dashes or a trailing period
    /// ([`Finding::forgiven`] says which).
    Forgiven,
    /// A substring, prefix, suffix, term or wildcard pattern; [`Finding::matches`] says how
    /// many documented activities it matches.
    Pattern,
    /// Not documented, even forgiving spelling; [`Finding::suggestions`] has close names.
    Unknown,
    /// Not checked; the message says why (a regular expression, another table's column, ...).
    Skipped,
}

impl Verdict {
    /// The verdict's lowercase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Documented => "documented",
            Verdict::Forgiven => "forgiven",
            Verdict::Pattern => "pattern",
            Verdict::Unknown => "unknown",
            Verdict::Skipped => "skipped",
        }
    }
}

/// Whether a finding means the rule cannot fire as written. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fine, or worth knowing (a case difference under a case-insensitive operator, how many
    /// activities a pattern matches, a value not checked).
    Info,
    /// The comparison may miss: an activity documented only in an older page, outside the
    /// pinned service or category, or spelled with a different dash.
    Warning,
    /// The comparison never matches a documented activity.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a finding has its severity: a stable name per kind of finding (also the SARIF rule id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// A documented name, spelled exactly (info).
    Documented,
    /// A difference the operator ignores: case under a case-insensitive operator, dashes
    /// under Sigma's `windash` (info).
    IgnoredDifference,
    /// A spelling the operator never matches: a case difference under a case-sensitive
    /// operator, or a trailing period or extra whitespace under an equality operator (error).
    NeverMatches,
    /// A dash other than the page's: logs may carry either spelling (warning).
    DashSpelling,
    /// Documented only in an older page than the newest bundled one (warning).
    OlderPage,
    /// Documented, but not under the pinned service or category (warning).
    OutsidePin,
    /// A pattern that matches documented activities (info).
    PatternMatches,
    /// A pattern that matches no documented activity (error).
    PatternMatchesNothing,
    /// An activity name that is not documented (error).
    UnknownActivity,
    /// A `category` or `loggedByService` pin that names no documented category or service
    /// (error).
    UnknownPin,
    /// A value that was not checked (info).
    NotChecked,
}

impl Code {
    /// Every code, in the order of the SARIF rules list.
    pub const ALL: [Code; 11] = [
        Code::UnknownActivity,
        Code::NeverMatches,
        Code::PatternMatchesNothing,
        Code::UnknownPin,
        Code::DashSpelling,
        Code::OlderPage,
        Code::OutsidePin,
        Code::IgnoredDifference,
        Code::PatternMatches,
        Code::Documented,
        Code::NotChecked,
    ];

    /// The code's kebab-case name (`unknown-activity`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::Documented => "documented",
            Code::IgnoredDifference => "ignored-difference",
            Code::NeverMatches => "never-matches",
            Code::DashSpelling => "dash-spelling",
            Code::OlderPage => "older-page",
            Code::OutsidePin => "outside-pin",
            Code::PatternMatches => "pattern-matches",
            Code::PatternMatchesNothing => "pattern-matches-nothing",
            Code::UnknownActivity => "unknown-activity",
            Code::UnknownPin => "unknown-pin",
            Code::NotChecked => "not-checked",
        }
    }

    /// One sentence on what the code means (the SARIF rule's short description).
    pub const fn describe(self) -> &'static str {
        match self {
            Code::Documented => "The value is a documented name, spelled exactly.",
            Code::IgnoredDifference => {
                "The value differs from the documented name only in ways the operator ignores (case, or dashes under windash)."
            }
            Code::NeverMatches => {
                "The value differs from the documented name in a way the operator does not forgive, so the comparison never matches."
            }
            Code::DashSpelling => {
                "The value and the documented name use different dashes; logs may carry either spelling."
            }
            Code::OlderPage => "The activity is documented only in an older version of the reference page.",
            Code::OutsidePin => "The activity is documented, but not under the service or category the rule pins.",
            Code::PatternMatches => "The pattern matches documented activities.",
            Code::PatternMatchesNothing => "The pattern matches no documented activity.",
            Code::UnknownActivity => "The activity name is not documented, so the comparison never matches.",
            Code::UnknownPin => "The category or loggedByService value names nothing documented.",
            Code::NotChecked => "The value was not checked against the catalog.",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A catalog entry a finding refers to, with the dates of the bundled pages that list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryRef {
    /// The service's name: the `loggedByService` value audit records carry where it is known,
    /// else the newest page's heading.
    pub service: String,
    /// The `category` value audit records carry.
    pub category: String,
    /// The documented activity name.
    pub activity: String,
    /// The `ms.date` of every bundled page that lists the entry, oldest first.
    pub pages: Vec<String>,
}

/// One value in a rule, checked against the catalog.
///
/// Serialized (JSON) with these keys: `file`, `line`, `column`, `format`, `rule_id`,
/// `rule_title`, `field`, `operator`, `value`, `verdict`, `severity`, `code`, `forgiven`,
/// `entries`, `matches`, `suggestions`, `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file name given to the lint.
    pub file: String,
    /// 1-based line of the value in the file.
    pub line: u32,
    /// 1-based column (in characters) of the value in the file.
    pub column: u32,
    /// The rule format.
    pub format: Format,
    /// The rule's `id`, if it has one.
    pub rule_id: Option<String>,
    /// The rule's title (Sigma `title`, Sentinel `name`), if it has one.
    pub rule_title: Option<String>,
    /// The field or column compared, as written (`properties.message`, `OperationName`).
    pub field: String,
    /// The operator, as written: a KQL operator (`==`, `in~`, `has_any`), or Sigma's
    /// modifiers joined by `|` (`contains|all`; `equals` when there are none).
    pub operator: String,
    /// The value, as the rule language reads it (quotes and escapes removed).
    pub value: String,
    /// What the catalog says.
    pub verdict: Verdict,
    /// Whether the rule can fire, as far as this value goes.
    pub severity: Severity,
    /// Why: the kind of finding.
    pub code: Code,
    /// For [`Verdict::Forgiven`]: what had to be forgiven; empty otherwise.
    pub forgiven: Normalizations,
    /// The documented entries the value names or (for patterns, up to 20) matches.
    pub entries: Vec<EntryRef>,
    /// For [`Verdict::Pattern`]: how many documented activities the pattern matches.
    pub matches: Option<usize>,
    /// Close documented names, or the value to write instead.
    pub suggestions: Vec<String>,
    /// One sentence on what is wrong, or right, with the value.
    pub message: String,
}
