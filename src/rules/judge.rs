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

use super::catalog::{self, CatalogEntry};
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
    fn never(&self) -> &'static str {
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
        let services = names(self.services.iter().map(|s| catalog::service_log_value(*s)).collect());
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
struct Reasons(Vec<(Severity, Code, String)>);

impl Reasons {
    fn add(&mut self, severity: Severity, code: Code, message: String) {
        self.0.push((severity, code, message));
    }

    /// The worst severity and its code, and every message, worst first, in one sentence.
    fn settle(mut self) -> (Severity, Code, String) {
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
    let Some(&(best, forgiven)) = closest(&in_scope).or_else(|| closest(&places)) else {
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
    if let Some(message) = older_page(&named, catalog::newest_page(), catalog::pages_of) {
        reasons.add(Severity::Warning, Code::OlderPage, format!("\"{value}\" {message}"));
    }
    if reasons.0.is_empty() {
        reasons.add(Severity::Info, Code::Documented, format!("\"{value}\" is documented ({})", places_of(&named)));
    }
    let (severity, code, message) = reasons.settle();
    let suggestions = match (forgiven.is_empty(), code) {
        (true, _) => Vec::new(),
        // Both spellings: logs may carry either.
        (false, Code::DashSpelling) => std::vec![best.activity().to_string(), value.to_string()],
        (false, _) => std::vec![best.activity().to_string()],
    };
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

/// The place needing the fewest normalizations, then the first in document order.
fn closest(places: &[(CatalogEntry, Normalizations)]) -> Option<&(CatalogEntry, Normalizations)> {
    places.iter().min_by_key(|(e, n)| (n.len(), e.index()))
}

/// Why a forgiven spelling does or does not match under `op`.
fn spelling_reasons(
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

/// "is documented only up to the page of 2022-11-29 (the newest bundled page is ...)", when
/// every entry in `named` is missing from the newest page. `pages_of` gives an entry's page
/// dates, oldest first.
pub(super) fn older_page<'a>(
    named: &[CatalogEntry],
    newest: &str,
    pages_of: impl Fn(CatalogEntry) -> Vec<&'a str>,
) -> Option<String> {
    let pages: Vec<Vec<&str>> = named.iter().map(|e| pages_of(e)).collect();
    if named.is_empty() || pages.iter().any(|p| p.contains(&newest)) {
        return None;
    }
    let last = pages.iter().filter_map(|p| p.last().copied()).max()?;
    Some(format!("is documented only up to the page of {last}, not in the newest bundled page ({newest})"))
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
        if let Some(message) = older_page(&hits, catalog::newest_page(), catalog::pages_of) {
            reasons.add(Severity::Warning, Code::OlderPage, format!("every match {message}"));
        }
    } else if !all.is_empty() {
        let listed = places_of(&all);
        let message = format!(
            "{o} \"{text}\" matches {} documented {}, none under {} (they are listed under {})",
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

/// Which kind of pin a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PinField {
    /// `loggedByService`.
    Service,
    /// `category`.
    Category,
}

/// What a pin value resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pinned {
    /// A service.
    Service(Service),
    /// A category.
    Category(Category),
}

/// The verdict on a pin value compared under `op` (an equality), and what it pins when it
/// names something documented.
pub(super) fn judge_pin(field: PinField, value: &str, op: &Operator) -> (Judgement, Option<Pinned>) {
    let resolved = match field {
        PinField::Service => catalog::resolve_service(value)
            .map(|(s, n)| (Pinned::Service(s), catalog::service_log_value(s), n, "service")),
        PinField::Category => catalog::resolve_category(value)
            .map(|(c, n)| (Pinned::Category(c), catalog::category_log_value(c), n, "category")),
    };
    let Some((pinned, logged, mut forgiven, what)) = resolved else {
        let what = if field == PinField::Service { "service (loggedByService)" } else { "category" };
        let judgement = Judgement {
            verdict: Verdict::Unknown,
            severity: Severity::Error,
            code: Code::UnknownPin,
            forgiven: Normalizations::NONE,
            entries: Vec::new(),
            matches: None,
            suggestions: Vec::new(),
            message: format!("\"{value}\" is not a documented {what}, so {} {}", op.text, op.never()),
        };
        return (judgement, None);
    };
    if forgiven.is_empty() && value != logged {
        // A page spelling other than the logged value (`User Management`, a heading): the
        // difference is in spaces or case, and logs carry the logged value.
        forgiven = if value.to_lowercase() == logged.to_lowercase() {
            forgiven.with(Normalization::Case)
        } else {
            forgiven.with(Normalization::Whitespace)
        };
    }
    let mut reasons = Reasons::default();
    let documented_as = format!("\"{value}\" is the {what} logged as \"{logged}\"");
    spelling_reasons(value, logged, forgiven, op, &documented_as, &mut reasons);
    if reasons.0.is_empty() {
        reasons.add(Severity::Info, Code::Documented, format!("\"{value}\" is a documented {what}"));
    }
    let (severity, code, message) = reasons.settle();
    let verdict = if forgiven.is_empty() { Verdict::Documented } else { Verdict::Forgiven };
    let suggestions = if forgiven.is_empty() { Vec::new() } else { std::vec![logged.to_string()] };
    let judgement =
        Judgement { verdict, severity, code, forgiven, entries: Vec::new(), matches: None, suggestions, message };
    (judgement, Some(pinned))
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
        let e = lookup_exact("Core Directory", "UserManagement", "Add user").unwrap();
        let newest = "2024-10-04";
        let only_older = |_| std::vec!["2021-01-01", "2022-11-29"];
        assert_eq!(
            older_page(&[e], newest, only_older).as_deref(),
            Some("is documented only up to the page of 2022-11-29, not in the newest bundled page (2024-10-04)")
        );
        let also_newest = |_| std::vec!["2022-11-29", "2024-10-04"];
        assert_eq!(older_page(&[e], newest, also_newest), None);
        // Today's stand-in: every entry is in the newest page.
        assert_eq!(older_page(&[e], catalog::newest_page(), catalog::pages_of), None);
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
