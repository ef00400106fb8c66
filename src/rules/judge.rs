//! The verdict and severity of one value under one operator, from the catalog's answers.
//!
//! Severity rules (the issue's, in one place):
//! - a case difference under a case-insensitive operator is fine (info); under a
//!   case-sensitive operator the comparison never matches (error);
//! - a trailing period or extra whitespace under any equality operator never matches (error);
//! - a different dash is a warning that names both spellings (logs may carry the en dash
//!   where the page writes a hyphen);
//! - a pattern that matches no documented activity is an error;
//! - an activity documented only in an older page is a warning naming the last page that
//!   lists it;
//! - an activity not listed under the pinned service or category is a warning saying where
//!   it is listed;
//! - an unknown activity is an error (the comparison never matches).

use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::catalog::{self, CatalogEntry, Place};
use super::finding::{Code, Severity, Verdict};
use super::pattern::{Fold, Glob, Pattern, is_other_dash};
use crate::{Category, Normalization, Normalizations, Service};

/// What an operator tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Test {
    /// The whole name (with wildcards, for Sigma values that have them).
    Equals,
    /// A substring.
    Contains,
    /// A prefix.
    StartsWith,
    /// A suffix.
    EndsWith,
    /// KQL `has`: whole terms.
    Has,
}

/// A comparison operator, with what the catalog check needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Operator {
    /// As written in the rule.
    pub text: String,
    /// What it tests.
    pub test: Test,
    /// Whether letter case must match.
    pub case_sensitive: bool,
    /// Whether the operator is negated (`!=`, `!in`, `!has`, Sigma `neq`).
    pub negated: bool,
    /// Whether dashes are interchangeable (Sigma's `windash`).
    pub dashes_folded: bool,
}

impl Operator {
    /// "never matches it", or for a negated operator "never excludes it": what a comparison
    /// with a value no logged name has does.
    pub(super) fn never(&self) -> &'static str {
        if self.negated { "never excludes it" } else { "never matches it" }
    }

    /// An operator that tests `test`, not negated, dashes as written.
    pub(super) fn new(text: impl Into<String>, test: Test, case_sensitive: bool) -> Operator {
        Operator { text: text.into(), test, case_sensitive, negated: false, dashes_folded: false }
    }

    fn fold(&self) -> Fold {
        Fold { case: !self.case_sensitive, dashes: self.dashes_folded }
    }
}

/// A value as the rule language reads it: its text, and its wildcards for Sigma values that
/// have any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Operand {
    /// The value's text (wildcards as written).
    pub text: String,
    /// Sigma's parsed wildcards, when the value has any.
    pub glob: Option<Vec<Glob>>,
}

impl Operand {
    /// A value without wildcards.
    pub(super) fn plain(text: impl Into<String>) -> Operand {
        Operand { text: text.into(), glob: None }
    }

    /// Whether `op` compares this value with whole names, character for character.
    fn is_equality(&self, op: &Operator) -> bool {
        op.test == Test::Equals && self.glob.is_none()
    }

    /// The pattern `op` makes of this value.
    fn pattern(&self, op: &Operator) -> Pattern {
        let chars: Vec<Glob> = match &self.glob {
            Some(g) => g.clone(),
            None => self.text.chars().map(Glob::Char).collect(),
        };
        let wrap = |before: bool, after: bool| {
            let mut g: Vec<Glob> = Vec::with_capacity(chars.len() + 2);
            g.extend(before.then_some(Glob::Run));
            g.extend(chars.iter().copied());
            g.extend(after.then_some(Glob::Run));
            Pattern::Glob(g)
        };
        match op.test {
            Test::Equals => wrap(false, false),
            Test::Contains => wrap(true, true),
            Test::StartsWith => wrap(false, true),
            Test::EndsWith => wrap(true, false),
            Test::Has => Pattern::Term(self.text.clone()),
        }
    }
}

/// The services and categories a rule pins the activity to; empty lists pin nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Scope {
    /// Pinned services (`loggedByService`).
    pub services: Vec<Service>,
    /// Pinned categories.
    pub categories: Vec<Category>,
}

impl Scope {
    fn admits(&self, e: CatalogEntry) -> bool {
        (self.services.is_empty() || self.services.contains(&e.service()))
            && (self.categories.is_empty() || self.categories.contains(&e.category()))
    }

    fn is_open(&self) -> bool {
        self.services.is_empty() && self.categories.is_empty()
    }

    /// "the pinned service PIM and category RoleManagement", for messages.
    fn describe(&self) -> String {
        let names = |v: Vec<&str>| v.join(" or ");
        let services = names(self.services.iter().map(|s| catalog::service_name(*s)).collect());
        let categories = names(self.categories.iter().map(|c| catalog::category_log_value(*c)).collect());
        match (services.is_empty(), categories.is_empty()) {
            (false, false) => format!("the pinned service {services} and category {categories}"),
            (false, true) => format!("the pinned service {services}"),
            _ => format!("the pinned category {categories}"),
        }
    }
}

/// What the lint says about a value, before the rule and location are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Judgement {
    pub verdict: Verdict,
    pub severity: Severity,
    pub code: Code,
    pub forgiven: Normalizations,
    pub entries: Vec<CatalogEntry>,
    pub matches: Option<usize>,
    pub suggestions: Vec<String>,
    pub message: String,
}

/// The reasons found for a value, each with its severity and code; the worst decides.
#[derive(Default)]
pub(super) struct Reasons(Vec<(Severity, Code, String)>);

impl Reasons {
    pub(super) fn add(&mut self, severity: Severity, code: Code, message: String) {
        self.0.push((severity, code, message));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The worst severity and its code, and every message, worst first, in one sentence.
    pub(super) fn settle(mut self) -> (Severity, Code, String) {
        self.0.sort_by_key(|r| core::cmp::Reverse(r.0));
        let (severity, code) = (self.0[0].0, self.0[0].1);
        let message: Vec<String> = self.0.into_iter().map(|r| r.2).collect();
        (severity, code, message.join("; "))
    }
}

/// How many matched entries a pattern finding lists.
const LISTED_MATCHES: usize = 20;

/// The verdict on one value compared with the activity under `op`, within `scope`.
pub(super) fn judge(operand: &Operand, op: &Operator, scope: &Scope) -> Judgement {
    if operand.is_equality(op) { judge_name(&operand.text, op, scope) } else { judge_pattern(operand, op, scope) }
}

/// An equality comparison: the value must be a documented activity name.
fn judge_name(value: &str, op: &Operator, scope: &Scope) -> Judgement {
    let places = catalog::places(value);
    let in_scope: Vec<_> = places.iter().filter(|(e, _)| scope.admits(e)).copied().collect();
    let Some(&(best, forgiven)) = catalog::closest(&in_scope).or_else(|| catalog::closest(&places)) else {
        return unknown(value, op);
    };
    let mut reasons = Reasons::default();
    let documented_as = format!("\"{value}\" is documented as \"{}\"", best.activity());
    spelling_reasons(value, best.activity(), forgiven, op, &documented_as, &mut reasons);
    // The entries the value names: every place with the chosen spelling, in scope if any is.
    let candidates = if in_scope.is_empty() { &places } else { &in_scope };
    let named: Vec<CatalogEntry> = candidates.iter().filter(|(_, n)| *n == forgiven).map(|(e, _)| *e).collect();
    if in_scope.is_empty() {
        let message = format!("\"{value}\" is listed under {}, not under {}", places_of(&named), scope.describe());
        reasons.add(Severity::Warning, Code::OutsidePin, message);
    }
    let current = outdated(value, op, (&places, candidates), &named, &mut reasons);
    if reasons.is_empty() {
        reasons.add(Severity::Info, Code::Documented, format!("\"{value}\" is documented ({})", places_of(&named)));
    }
    let (severity, code, message) = reasons.settle();
    let mut suggestions = match (forgiven.is_empty(), code) {
        (true, _) => Vec::new(),
        // Both spellings: logs may carry either.
        (false, Code::DashSpelling) => std::vec![best.activity().to_string(), value.to_string()],
        (false, _) => std::vec![best.activity().to_string()],
    };
    if let Some(current) = current {
        // What the newest page writes is the one spelling worth writing.
        suggestions = std::vec![current];
    }
    let verdict = if forgiven.is_empty() { Verdict::Documented } else { Verdict::Forgiven };
    Judgement { verdict, severity, code, forgiven, entries: named, matches: None, suggestions, message }
}

/// "Core Directory / UserManagement, B2C / Authorization": the distinct places of `entries`.
fn places_of(entries: &[CatalogEntry]) -> String {
    let mut places: Vec<String> = Vec::new();
    for e in entries {
        let place = catalog::place(e);
        if !places.contains(&place) {
            places.push(place);
        }
    }
    places.join(", ")
}

/// Why a forgiven spelling does or does not match under `op`.
pub(super) fn spelling_reasons(
    value: &str,
    documented: &str,
    forgiven: Normalizations,
    op: &Operator,
    documented_as: &str,
    reasons: &mut Reasons,
) {
    let (o, never) = (&op.text, op.never());
    if forgiven.contains(Normalization::TrailingPeriod) {
        let message = format!("{documented_as}, without the trailing period: {o} {never}");
        reasons.add(Severity::Error, Code::NeverMatches, message);
    }
    if forgiven.contains(Normalization::Whitespace) {
        let message = format!("{documented_as}, without the extra whitespace: {o} {never}");
        reasons.add(Severity::Error, Code::NeverMatches, message);
    }
    if forgiven.contains(Normalization::Case) {
        if op.case_sensitive {
            let message = format!("{documented_as}: {o} is case-sensitive and {never}");
            reasons.add(Severity::Error, Code::NeverMatches, message);
        } else {
            reasons.add(
                Severity::Info,
                Code::IgnoredDifference,
                format!("{documented_as}; the case differs, and {o} ignores case"),
            );
        }
    }
    if forgiven.contains(Normalization::Dash) {
        if op.dashes_folded {
            reasons.add(
                Severity::Info,
                Code::IgnoredDifference,
                format!("{documented_as}; the dash differs, and {o} folds dashes"),
            );
        } else {
            reasons.add(Severity::Warning, Code::DashSpelling, dash_message(value, documented));
        }
    }
}

/// The dash warning, naming both spellings.
fn dash_message(value: &str, documented: &str) -> String {
    let dash = |s: &str| s.chars().find(|c| is_other_dash(*c));
    let (theirs, ours) = match (dash(value), dash(documented)) {
        (Some(d), _) => (dash_name(d), "a hyphen".to_string()),
        (None, Some(d)) => ("a hyphen".to_string(), dash_name(d)),
        (None, None) => ("a dash".to_string(), "another dash".to_string()),
    };
    format!(
        "\"{value}\" writes {theirs} where the page writes {ours} (\"{documented}\"); logs may carry either spelling, so compare both"
    )
}

/// "an en dash (U+2013)": a dash by name and code point.
fn dash_name(d: char) -> String {
    let name = match d {
        '\u{2010}' => "a hyphen",
        '\u{2011}' => "a non-breaking hyphen",
        '\u{2012}' => "a figure dash",
        '\u{2013}' => "an en dash",
        '\u{2014}' => "an em dash",
        '\u{2015}' => "a horizontal bar",
        '\u{2212}' => "a minus sign",
        _ => "a dash",
    };
    format!("{name} (U+{:04X})", d as u32)
}

/// "is documented only up to the page of 2022-11-29, not in the newest bundled page
/// (2024-10-04)", when no entry in `entries` is listed in the newest page.
fn older_page(entries: &[CatalogEntry]) -> Option<String> {
    if entries.is_empty() || entries.iter().any(|e| catalog::is_current(e)) {
        return None;
    }
    let last = entries.iter().filter_map(|e| catalog::last_page(e)).max()?;
    let newest = catalog::newest_page();
    Some(format!("is documented only up to the page of {last}, not in the newest bundled page ({newest})"))
}

/// The older-page warning for an equality comparison of `value` under `op`, and the current
/// spelling to write instead, if the newest page has one. `places` are every place of the
/// value, `candidates` those in the pinned scope (all of them if none is), `named` those it
/// names.
///
/// What counts is what the comparison matches as written: under a case-insensitive operator
/// `Create Api connector` (2022) also matches `Create API connector` (2024), so the rule still
/// fires, and that is worth knowing (info). A value that matches nothing as written (a trailing
/// period) is judged by the entries it names.
fn outdated(
    value: &str,
    op: &Operator,
    (places, candidates): (&[Place], &[Place]),
    named: &[CatalogEntry],
    reasons: &mut Reasons,
) -> Option<String> {
    let ignored = |n: Normalization| match n {
        Normalization::Case => !op.case_sensitive,
        Normalization::Dash => op.dashes_folded,
        _ => false,
    };
    let matched: Vec<CatalogEntry> =
        candidates.iter().filter(|(_, n)| n.iter().all(ignored)).map(|(e, _)| *e).collect();
    let newest = catalog::newest_page();
    let current = if let Some(mut message) = older_page(if matched.is_empty() { named } else { &matched }) {
        // The newest page's spelling or place of the same name, if it has one.
        let current = current_of(candidates).or_else(|| current_of(places));
        if let Some(e) = current {
            message.push_str(&format!("; the {newest} page lists \"{}\" under {}", e.activity(), catalog::place(e)));
        }
        reasons.add(Severity::Warning, Code::OlderPage, format!("\"{value}\" {message}"));
        current
    } else {
        // Spelled as an older page only, but the operator also matches the newest page's spelling.
        older_page(named)?;
        let last = named.iter().filter_map(|e| catalog::last_page(e)).max()?;
        let e = matched.iter().copied().find(|e| catalog::is_current(e))?;
        let message = format!(
            "\"{value}\" is the {last} page's spelling; the {newest} page writes \"{}\", which {} also matches",
            e.activity(),
            op.text
        );
        reasons.add(Severity::Info, Code::IgnoredDifference, message);
        Some(e)
    };
    current.map(|e| e.activity().to_string()).filter(|c| c != value)
}

/// The place the newest page lists, needing the fewest normalizations.
fn current_of(places: &[Place]) -> Option<CatalogEntry> {
    let current: Vec<_> = places.iter().filter(|(e, _)| catalog::is_current(e)).copied().collect();
    catalog::closest(&current).map(|(e, _)| *e)
}

/// An unknown name: an error, with close names and a hint at the likely mistake.
fn unknown(value: &str, op: &Operator) -> Judgement {
    let mut suggestions: Vec<String> = Vec::new();
    let mut message = format!("\"{value}\" is not a documented activity, so {} {}", op.text, op.never());
    if let Some((hint, names)) = super::hints::explain(value) {
        message.push_str("; ");
        message.push_str(&hint);
        suggestions.extend(names);
    }
    suggestions.extend(catalog::suggestions(value).iter().map(|e| e.activity().to_string()));
    suggestions.dedup();
    Judgement {
        verdict: Verdict::Unknown,
        severity: Severity::Error,
        code: Code::UnknownActivity,
        forgiven: Normalizations::NONE,
        entries: Vec::new(),
        matches: None,
        suggestions,
        message,
    }
}

/// A substring, prefix, suffix, term or wildcard comparison: how many documented activities
/// it matches.
fn judge_pattern(operand: &Operand, op: &Operator, scope: &Scope) -> Judgement {
    let pattern = operand.pattern(op);
    let (o, text) = (&op.text, &operand.text);
    let all = matching(&pattern, op.fold(), &Scope::default());
    let hits: Vec<CatalogEntry> = all.iter().copied().filter(|e| scope.admits(e)).collect();
    let mut reasons = Reasons::default();
    let mut suggestions = Vec::new();
    if !hits.is_empty() {
        let message = format!("{o} \"{text}\" matches {} documented {}", hits.len(), activities(hits.len()));
        reasons.add(Severity::Info, Code::PatternMatches, message + &examples(&hits));
        if let Some(message) = older_page(&hits) {
            reasons.add(Severity::Warning, Code::OlderPage, format!("every match {message}"));
        }
    } else if !all.is_empty() {
        let listed = places_of(&all);
        let message = format!(
            "{o} \"{text}\" matches {} documented {}, none under {} (listed under {})",
            all.len(),
            activities(all.len()),
            scope.describe(),
            listed
        );
        reasons.add(Severity::Warning, Code::OutsidePin, message);
    } else {
        let (severity, code, message, better) = nothing_matches(&pattern, op, operand, scope);
        reasons.add(severity, code, message);
        suggestions.extend(better);
    }
    let shown = if hits.is_empty() { &all } else { &hits };
    let (severity, code, message) = reasons.settle();
    Judgement {
        verdict: Verdict::Pattern,
        severity,
        code,
        forgiven: Normalizations::NONE,
        entries: shown.iter().copied().take(LISTED_MATCHES).collect(),
        matches: Some(hits.len()),
        suggestions,
        message,
    }
}

/// Entries within `scope` whose activity `pattern` matches.
fn matching(pattern: &Pattern, fold: Fold, scope: &Scope) -> Vec<CatalogEntry> {
    catalog::all_entries().filter(|e| scope.admits(e) && pattern.matches(e.activity(), fold)).collect()
}

fn activities(n: usize) -> &'static str {
    if n == 1 { "activity" } else { "activities" }
}

/// " (\"A\", \"B\", \"C\", ...)": the first few matched names.
fn examples(hits: &[CatalogEntry]) -> String {
    let mut names: Vec<String> = Vec::new();
    for e in hits {
        let name = format!("\"{}\"", e.activity());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.len() > 3 {
        names.truncate(3);
        names.push("...".into());
    }
    format!(" ({})", names.join(", "))
}

/// A pattern that matches nothing: why, as far as can be told by relaxing it (case, dashes,
/// trailing period and whitespace), and what to write instead.
fn nothing_matches(
    pattern: &Pattern,
    op: &Operator,
    operand: &Operand,
    scope: &Scope,
) -> (Severity, Code, String, Vec<String>) {
    let (o, text) = (&op.text, &operand.text);
    let fold = op.fold();
    let first = |hits: &[CatalogEntry]| hits.first().map(|e| e.activity().to_string()).into_iter().collect();
    if op.case_sensitive {
        let hits = matching(pattern, Fold { case: true, ..fold }, scope);
        if !hits.is_empty() {
            let message = format!(
                "{o} \"{text}\" matches no documented activity: {o} is case-sensitive, and only a different case matches ({} {}{})",
                hits.len(),
                activities(hits.len()),
                examples(&hits)
            );
            return (Severity::Error, Code::NeverMatches, message, first(&hits));
        }
    }
    let hits = matching(pattern, Fold { dashes: true, ..fold }, scope);
    if !hits.is_empty() {
        let documented = hits[0].activity();
        // Both spellings of the pattern: logs may carry either.
        let hyphens: String = text.chars().map(|c| if is_other_dash(c) { '-' } else { c }).collect();
        let both = if hyphens == *text { first(&hits) } else { std::vec![hyphens, text.clone()] };
        return (Severity::Warning, Code::DashSpelling, dash_message(text, documented), both);
    }
    if let Some(tidied) = pattern.tidied() {
        let hits = matching(&tidied, fold, scope);
        if !hits.is_empty() {
            let message = format!(
                "{o} \"{text}\" matches no documented activity; without the trailing period or extra whitespace, \"{}\" matches {} {}",
                tidied.text(),
                hits.len(),
                activities(hits.len())
            );
            return (Severity::Error, Code::NeverMatches, message, std::vec![tidied.text()]);
        }
    }
    let mut message = format!("{o} \"{text}\" matches no documented activity");
    if !scope.is_open() {
        message.push_str(&format!(" under {}", scope.describe()));
    }
    let mut better: Vec<String> = Vec::new();
    if let Some((hint, names)) = super::hints::explain(text) {
        message.push_str("; ");
        message.push_str(&hint);
        better.extend(names);
    }
    better.extend(catalog::suggestions(text).iter().map(|e| e.activity().to_string()));
    (Severity::Error, Code::PatternMatchesNothing, message, better)
}

/// For `contains|all` and `has_all`: when every value matches something but no documented
/// activity matches them all, an error on the set (otherwise nothing).
pub(super) fn judge_all(operands: &[Operand], op: &Operator, scope: &Scope) -> Option<Judgement> {
    if operands.len() < 2 {
        return None;
    }
    let patterns: Vec<Pattern> = operands.iter().map(|v| v.pattern(op)).collect();
    let each = patterns.iter().all(|p| !matching(p, op.fold(), scope).is_empty());
    let together = catalog::all_entries()
        .filter(|e| scope.admits(e) && patterns.iter().all(|p| p.matches(e.activity(), op.fold())))
        .count();
    if !each || together > 0 {
        return None;
    }
    let values: Vec<String> = operands.iter().map(|v| format!("\"{}\"", v.text)).collect();
    let message = format!(
        "each of {} matches a documented activity, but no documented activity matches them all",
        values.join(", ")
    );
    Some(Judgement {
        verdict: Verdict::Pattern,
        severity: Severity::Error,
        code: Code::PatternMatchesNothing,
        forgiven: Normalizations::NONE,
        entries: Vec::new(),
        matches: Some(0),
        suggestions: Vec::new(),
        message,
    })
}

/// A value that was not checked, and why.
pub(super) fn skipped(reason: String) -> Judgement {
    Judgement {
        verdict: Verdict::Skipped,
        severity: Severity::Info,
        code: Code::NotChecked,
        forgiven: Normalizations::NONE,
        entries: Vec::new(),
        matches: None,
        suggestions: Vec::new(),
        message: reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup_exact;

    fn eq(cs: bool) -> Operator {
        Operator::new(if cs { "==" } else { "=~" }, Test::Equals, cs)
    }

    #[test]
    fn older_page_names_the_last_page_listing_the_entry() {
        let both = lookup_exact("Core Directory", "UserManagement", "Add user").unwrap();
        let removed = lookup_exact("PIM", "PIM", "ActivationApproved").unwrap();
        assert_eq!(
            older_page(&[removed]).as_deref(),
            Some("is documented only up to the page of 2022-11-29, not in the newest bundled page (2024-10-04)")
        );
        assert_eq!(older_page(&[both]), None);
        assert_eq!(older_page(&[removed, both]), None, "one of the entries is current");
        assert_eq!(older_page(&[]), None);
    }

    #[test]
    fn older_page_counts_what_the_operator_matches() {
        // Respelled in 2024: "Create API connector". `==` matches the 2022 spelling alone.
        let j = judge(&Operand::plain("Create Api connector"), &eq(true), &Scope::default());
        assert_eq!((j.verdict, j.severity, j.code), (Verdict::Documented, Severity::Warning, Code::OlderPage));
        assert!(j.message.contains("up to the page of 2022-11-29"), "{}", j.message);
        assert!(j.message.contains("the 2024-10-04 page lists \"Create API connector\""), "{}", j.message);
        assert_eq!(j.suggestions, ["Create API connector"]);
        // `=~` matches the 2024 spelling too: the rule still fires.
        let j = judge(&Operand::plain("Create Api connector"), &eq(false), &Scope::default());
        assert_eq!((j.severity, j.code), (Severity::Info, Code::IgnoredDifference), "{}", j.message);
        assert!(j.message.ends_with("writes \"Create API connector\", which =~ also matches"), "{}", j.message);
        // A removed activity: nothing to write instead.
        let j = judge(&Operand::plain("ActivationApproved"), &eq(false), &Scope::default());
        assert_eq!((j.severity, j.code, j.suggestions.len()), (Severity::Warning, Code::OlderPage, 0));
    }

    #[test]
    fn severities_of_spellings() {
        let j = judge(&Operand::plain("add user"), &eq(false), &Scope::default());
        assert_eq!((j.verdict, j.severity, j.code), (Verdict::Forgiven, Severity::Info, Code::IgnoredDifference));
        let j = judge(&Operand::plain("add user"), &eq(true), &Scope::default());
        assert_eq!((j.verdict, j.severity, j.code), (Verdict::Forgiven, Severity::Error, Code::NeverMatches));
        let j = judge(&Operand::plain("Add user."), &eq(false), &Scope::default());
        assert_eq!((j.severity, j.code), (Severity::Error, Code::NeverMatches));
        let j = judge(&Operand::plain("Add user"), &eq(true), &Scope::default());
        assert_eq!((j.verdict, j.severity, j.code), (Verdict::Documented, Severity::Info, Code::Documented));
        let pinned = Scope { services: Vec::new(), categories: std::vec![Category::GroupManagement] };
        let j = judge(&Operand::plain("Add user"), &eq(true), &pinned);
        assert_eq!((j.severity, j.code), (Severity::Warning, Code::OutsidePin));
        assert!(j.message.contains("Core Directory / UserManagement"), "{}", j.message);
    }
}
