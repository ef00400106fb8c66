//! The verdict on a pin: a `category` or `loggedByService` value in the same selection or query
//! part as the activity, which narrows the check to what it names.
//!
//! Audit records carry a service's `loggedByService` value (`PIM`, `Core Directory`), not its
//! page heading (`Privileged Identity Management`, `Core directory`), and a category's
//! unspaced name (`UserManagement`). A pin spelled like a heading or with spaces names the right
//! thing, but an equality comparison with it never matches a record. Where no `loggedByService`
//! value is confirmed for a service, any of its headings is taken as is.

use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::catalog;
use super::finding::{Code, Severity, Verdict};
use super::judge::{Judgement, Operator, Reasons, spelling_reasons};
use super::pattern::is_other_dash;
use crate::{Category, Normalization, Normalizations, Service};

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

/// The names a pin is compared with: what records carry, or failing that the page headings.
struct Names {
    /// "service" or "category", for messages.
    what: &'static str,
    /// The value audit records carry, where known.
    logged: Option<&'static str>,
    /// The names to compare with when no logged value is known (a service's headings).
    headings: Vec<&'static str>,
}

/// The verdict on a pin value compared under `op` (an equality), and what it pins when it
/// names something documented.
pub(super) fn judge_pin(field: PinField, value: &str, op: &Operator) -> (Judgement, Option<Pinned>) {
    let resolved = match field {
        PinField::Service => catalog::resolve_service(value).map(|(s, _)| (Pinned::Service(s), service_names(s))),
        PinField::Category => catalog::resolve_category(value).map(|(c, _)| {
            let names = Names { what: "category", logged: Some(catalog::category_log_value(c)), headings: Vec::new() };
            (Pinned::Category(c), names)
        }),
    };
    match resolved {
        Some((pinned, names)) => (judge_names(value, &names, op), Some(pinned)),
        None => (unknown_pin(field, value, op), None),
    }
}

fn service_names(service: Service) -> Names {
    Names { what: "service", logged: catalog::service_log_value(service), headings: catalog::service_headings(service) }
}

/// A pin that resolved: exact, a spelling of the logged value (or of a heading, where no logged
/// value is known), or another name of it.
fn judge_names(value: &str, names: &Names, op: &Operator) -> Judgement {
    let what = names.what;
    let targets: Vec<&str> = names.logged.map_or_else(|| names.headings.clone(), |l| std::vec![l]);
    let closest =
        targets.iter().filter_map(|t| spelling_difference(value, t).map(|n| (*t, n))).min_by_key(|(_, n)| n.len());
    let mut reasons = Reasons::default();
    let (forgiven, suggestion) = match (closest, names.logged) {
        (Some((target, forgiven)), logged) => {
            let documented_as = match logged {
                Some(_) => format!("\"{value}\" is the {what} logged as \"{target}\""),
                None => format!("\"{value}\" is the {what} headed \"{target}\""),
            };
            spelling_reasons(value, target, forgiven, op, &documented_as, &mut reasons);
            (forgiven, (!forgiven.is_empty()).then(|| target.to_string()))
        }
        (None, Some(logged)) => {
            let message = format!(
                "\"{value}\" names the {what} by its page heading, but audit records carry loggedByService \"{logged}\": {} {}",
                op.text,
                op.never()
            );
            reasons.add(Severity::Error, Code::NeverMatches, message);
            (Normalizations::NONE, Some(logged.to_string()))
        }
        // Resolved by the catalog's folding, which forgives a little more than this file's.
        (None, None) => (Normalizations::NONE, None),
    };
    if reasons.is_empty() {
        let unconfirmed = if names.logged.is_none() { "; its loggedByService value is not confirmed" } else { "" };
        reasons.add(Severity::Info, Code::Documented, format!("\"{value}\" is a documented {what}{unconfirmed}"));
    }
    let (severity, code, message) = reasons.settle();
    let verdict = if forgiven.is_empty() { Verdict::Documented } else { Verdict::Forgiven };
    let suggestions = suggestion.into_iter().collect();
    Judgement { verdict, severity, code, forgiven, entries: Vec::new(), matches: None, suggestions, message }
}

/// A pin that names nothing documented.
fn unknown_pin(field: PinField, value: &str, op: &Operator) -> Judgement {
    let what = if field == PinField::Service { "service (loggedByService)" } else { "category" };
    Judgement {
        verdict: Verdict::Unknown,
        severity: Severity::Error,
        code: Code::UnknownPin,
        forgiven: Normalizations::NONE,
        entries: Vec::new(),
        matches: None,
        suggestions: Vec::new(),
        message: format!("\"{value}\" is not a documented {what}, so {} {}", op.text, op.never()),
    }
}

/// What `value` needs forgiven to be `target` (case, whitespace, including spaces a
/// category's name does not have, dashes, trailing periods), or `None` if it is another name.
fn spelling_difference(value: &str, target: &str) -> Option<Normalizations> {
    let fold = |s: &str, skip: Option<Step>| {
        Step::ALL.iter().filter(|n| Some(**n) != skip).fold(s.to_string(), |s, n| n.apply(&s))
    };
    if fold(value, None) != fold(target, None) {
        return None;
    }
    let needed = Step::ALL.iter().filter(|n| fold(value, Some(**n)) != fold(target, Some(**n)));
    Some(needed.fold(Normalizations::NONE, |set, n| set.with(n.normalization())))
}

/// One step of [`spelling_difference`]'s folding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Case,
    Whitespace,
    Dash,
    TrailingPeriod,
}

impl Step {
    const ALL: [Step; 4] = [Step::Case, Step::Whitespace, Step::Dash, Step::TrailingPeriod];

    fn apply(self, s: &str) -> String {
        match self {
            Step::Case => s.to_lowercase(),
            Step::Whitespace => s.split_whitespace().collect(),
            Step::Dash => s.chars().map(|c| if is_other_dash(c) { '-' } else { c }).collect(),
            Step::TrailingPeriod => s.trim_end().trim_end_matches('.').to_string(),
        }
    }

    fn normalization(self) -> Normalization {
        match self {
            Step::Case => Normalization::Case,
            Step::Whitespace => Normalization::Whitespace,
            Step::Dash => Normalization::Dash,
            Step::TrailingPeriod => Normalization::TrailingPeriod,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::judge::Test;

    fn eq(cs: bool) -> Operator {
        Operator::new(if cs { "==" } else { "=~" }, Test::Equals, cs)
    }

    #[test]
    fn spelling_differences() {
        let n = |v, t| spelling_difference(v, t).map(|n| n.to_string());
        assert_eq!(n("Core Directory", "Core Directory").as_deref(), Some("exact"));
        assert_eq!(n("core directory", "Core Directory").as_deref(), Some("case"));
        assert_eq!(n("User Management", "UserManagement").as_deref(), Some("whitespace"));
        assert_eq!(n("PIM.", "PIM").as_deref(), Some("trailing-period"));
        assert_eq!(n("Privileged Identity Management", "PIM"), None);
    }

    #[test]
    fn pins_by_what_records_carry() {
        let (j, pinned) = judge_pin(PinField::Service, "PIM", &eq(true));
        assert_eq!(
            (j.verdict, j.severity, pinned),
            (Verdict::Documented, Severity::Info, Some(Pinned::Service(Service::PrivilegedIdentityManagement)))
        );
        // A heading names the service, but records carry "PIM".
        let (j, pinned) = judge_pin(PinField::Service, "Privileged Identity Management", &eq(false));
        assert_eq!((j.severity, j.code), (Severity::Error, Code::NeverMatches), "{}", j.message);
        assert_eq!(j.suggestions, ["PIM"]);
        assert!(pinned.is_some());
        // The 2022 heading differs from the logged value in case only.
        let (j, _) = judge_pin(PinField::Service, "Core directory", &eq(false));
        assert_eq!((j.verdict, j.severity), (Verdict::Forgiven, Severity::Info));
        let (j, _) = judge_pin(PinField::Service, "Core directory", &eq(true));
        assert_eq!((j.severity, j.code), (Severity::Error, Code::NeverMatches));
        // No confirmed loggedByService value: a heading is taken as is.
        let (j, _) = judge_pin(PinField::Service, "Azure MFA", &eq(true));
        assert_eq!((j.verdict, j.severity), (Verdict::Documented, Severity::Info), "{}", j.message);
        assert!(j.message.contains("not confirmed"), "{}", j.message);
        let (j, _) = judge_pin(PinField::Category, "User Management", &eq(true));
        assert_eq!((j.severity, j.suggestions.as_slice()), (Severity::Error, &["UserManagement".to_string()][..]));
        let (j, pinned) = judge_pin(PinField::Category, "UserManagment", &eq(true));
        assert_eq!((j.code, pinned), (Code::UnknownPin, None));
    }
}
