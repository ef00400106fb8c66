//! Sigma rules: rsigma-parser's typed detections, the activity fields in them, and where
//! their values are in the source.
//!
//! A rule is checked when its `logsource` is `product: azure` with `service: auditlogs`. In
//! each selection (a mapping of `field|modifiers: values`; each mapping of a list of mappings
//! on its own), the fields `activityDisplayName`, `operationName` and `message` (case
//! ignored, with or without `properties.`) are checked value by value, narrowed by
//! `category` and `loggedByService` pins in the same selection. Modifiers: none (equality;
//! Sigma ignores case), `contains`, `startswith`, `endswith`, `all`, `cased`, `neq`,
//! `windash` (dashes interchangeable); `re` and every other modifier leave the value
//! unchecked (skipped). Values with `*`/`?` wildcards are patterns. Not looked into: keyword
//! detections (no field) and array-matching blocks (`field[any]:`).

use std::string::{String, ToString};
use std::vec::Vec;

use rsigma_parser::{Detection, DetectionItem, Modifier, SigmaRule, SigmaString, SigmaValue, SpecialChar, StringPart};
use yaml_serde::Value;

use super::judge::{self, Judgement, Operand, Operator, Scope, Test};
use super::pattern::Glob;
use super::pin::{self, PinField, Pinned};
use super::yaml::Source;
use super::{Finding, Format, RuleCtx, RuleState, RuleSummary};

/// Whether a document is a Sigma rule (it has `logsource` or `detection`).
pub(super) fn is_sigma(doc: &Value) -> bool {
    doc.get("detection").is_some() || doc.get("logsource").is_some()
}

/// Lints the Sigma rules of a file: a summary per rule and the findings.
pub(super) fn lint(text: &str, file: &str, docs: &[Value], source: &Source) -> (Vec<RuleSummary>, Vec<Finding>) {
    let mut summaries = Vec::new();
    let mut findings = Vec::new();
    let collection = match rsigma_parser::parse_sigma_yaml(text) {
        Ok(c) => c,
        Err(e) => {
            summaries.push(invalid(None, 1, e.to_string()));
            return (summaries, findings);
        }
    };
    // Rule documents by title, to find each parsed rule's document (for positions).
    let mut unmatched: Vec<(usize, String)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.get("detection").is_some() && d.get("action").is_none())
        .map(|(i, d)| (i, d.get("title").and_then(Value::as_str).unwrap_or_default().to_string()))
        .collect();
    for rule in &collection.rules {
        let at = unmatched.iter().position(|(_, t)| *t == rule.title);
        let doc = at.map(|at| unmatched.remove(at).0);
        let line = doc.and_then(|d| source.top_key(d, "title")).map_or(1, |k| source.scalars[k].line);
        let ctx = RuleCtx { file, format: Format::Sigma, id: rule.id.clone(), title: Some(rule.title.clone()) };
        let state = if reads_audit_logs(rule) {
            let mut rule_findings = RuleLint { ctx: &ctx, source, doc, used: Vec::new(), out: Vec::new() }.run(rule);
            findings.append(&mut rule_findings);
            RuleState::Checked
        } else {
            RuleState::Skipped("the logsource is not product: azure, service: auditlogs".into())
        };
        summaries.push(RuleSummary {
            format: Format::Sigma,
            id: rule.id.clone(),
            title: Some(rule.title.clone()),
            line,
            state,
        });
    }
    // Rule documents no rule came from did not parse; the parser's messages say why (its
    // other messages are about metadata and are left to Sigma's own linters).
    let errors: Vec<&String> = collection.errors.iter().filter(|e| !e.starts_with("YAML parse error")).collect();
    for (doc, title) in unmatched {
        let line = source.top_key(doc, "detection").map_or(1, |k| source.scalars[k].line);
        let why = errors.iter().map(|e| e.as_str()).collect::<Vec<_>>().join("; ");
        let title = (!title.is_empty()).then_some(title);
        summaries.push(invalid(title, line, why));
    }
    (summaries, findings)
}

fn invalid(title: Option<String>, line: u32, why: String) -> RuleSummary {
    RuleSummary { format: Format::Sigma, id: None, title, line, state: RuleState::Invalid(why) }
}

fn reads_audit_logs(rule: &SigmaRule) -> bool {
    let is = |v: &Option<String>, want: &str| v.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(want));
    is(&rule.logsource.product, "azure") && is(&rule.logsource.service, "auditlogs")
}

/// A field name without `properties.`, lowercased.
fn bare(field: &str) -> String {
    let lower = field.to_ascii_lowercase();
    lower.strip_prefix("properties.").map(str::to_string).unwrap_or(lower)
}

fn is_activity_field(field: &str) -> bool {
    matches!(bare(field).as_str(), "activitydisplayname" | "operationname" | "message")
}

fn pin_field(field: &str) -> Option<PinField> {
    match bare(field).as_str() {
        "category" => Some(PinField::Category),
        "loggedbyservice" => Some(PinField::Service),
        _ => None,
    }
}

/// Sigma's name of a modifier, as written in rules.
fn modifier_name(m: Modifier) -> String {
    match m {
        Modifier::StartsWith => "startswith".into(),
        Modifier::EndsWith => "endswith".into(),
        Modifier::WindAsh => "windash".into(),
        Modifier::FieldRef => "fieldref".into(),
        Modifier::Base64Offset => "base64offset".into(),
        Modifier::IgnoreCase => "i".into(),
        Modifier::Multiline => "m".into(),
        Modifier::DotAll => "s".into(),
        other => std::format!("{other:?}").to_lowercase(),
    }
}

/// The operator a modifier chain makes, and whether `all` links the values; or why the values
/// are not checked.
fn operator(modifiers: &[Modifier]) -> Result<(Operator, bool), String> {
    let text = if modifiers.is_empty() {
        "equals".to_string()
    } else {
        modifiers.iter().map(|m| modifier_name(*m)).collect::<Vec<_>>().join("|")
    };
    let mut op = Operator::new(text, Test::Equals, false);
    let mut all = false;
    for m in modifiers {
        match m {
            Modifier::Contains => op.test = Test::Contains,
            Modifier::StartsWith => op.test = Test::StartsWith,
            Modifier::EndsWith => op.test = Test::EndsWith,
            Modifier::All => all = true,
            Modifier::Cased => op.case_sensitive = true,
            Modifier::Neq => op.negated = true,
            Modifier::WindAsh => op.dashes_folded = true,
            Modifier::Re => return Err("a regular expression (|re) is not checked".into()),
            other => return Err(std::format!("the |{} modifier is not checked", modifier_name(*other))),
        }
    }
    Ok((op, all))
}

/// A Sigma string as an operand: its text (escapes resolved) and its wildcards.
fn operand(s: &SigmaString) -> Operand {
    if let Some(plain) = s.as_plain() {
        return Operand::plain(plain);
    }
    let glob = s
        .parts
        .iter()
        .flat_map(|p| match p {
            StringPart::Plain(t) => t.chars().map(Glob::Char).collect::<Vec<_>>(),
            StringPart::Special(SpecialChar::WildcardMulti) => std::vec![Glob::Run],
            StringPart::Special(SpecialChar::WildcardSingle) => std::vec![Glob::One],
        })
        .collect();
    Operand { text: s.original.clone(), glob: Some(glob) }
}

/// One rule's lint: walks its detections and finds where each value is.
struct RuleLint<'a> {
    ctx: &'a RuleCtx<'a>,
    source: &'a Source,
    doc: Option<usize>,
    /// Source scalars already matched to items (an item's key is the first unused match).
    used: Vec<usize>,
    out: Vec<Finding>,
}

impl RuleLint<'_> {
    fn run(mut self, rule: &SigmaRule) -> Vec<Finding> {
        let mut names: Vec<&String> = rule.detection.named.keys().collect();
        names.sort();
        for name in names {
            let selection = self.selection_key(name);
            self.detection(&rule.detection.named[name], selection);
        }
        self.out
    }

    /// The source index of the selection `name` under `detection:`.
    fn selection_key(&self, name: &str) -> Option<usize> {
        let detection = self.source.top_key(self.doc?, "detection")?;
        self.source.child_key(detection, name)
    }

    fn detection(&mut self, d: &Detection, selection: Option<usize>) {
        match d {
            Detection::AllOf(items) => self.selection(items, selection),
            Detection::AnyOf(subs) | Detection::And(subs) => {
                for sub in subs {
                    self.detection(sub, selection);
                }
            }
            _ => {}
        }
    }

    /// One selection: its pins first, then its activity fields within them.
    fn selection(&mut self, items: &[DetectionItem], selection: Option<usize>) {
        let located: Vec<Option<usize>> = items.iter().map(|item| self.key_of(item, selection)).collect();
        let mut scope = Scope::default();
        for (item, key) in items.iter().zip(&located) {
            if let (Some(field), Some(name)) = (item.field.name.as_deref().and_then(pin_field), &item.field.name) {
                self.pin(item, name, field, *key, &mut scope);
            }
        }
        for (item, key) in items.iter().zip(&located) {
            match &item.field.name {
                Some(name) if is_activity_field(name) => self.activity(item, name, *key, &scope),
                _ => {}
            }
        }
    }

    /// The source index of an item's key: the first unused key in the selection that parses
    /// to the same field and modifiers.
    fn key_of(&mut self, item: &DetectionItem, selection: Option<usize>) -> Option<usize> {
        let block = self.source.block(selection?);
        let found = block.into_iter().find(|&i| {
            let s = &self.source.scalars[i];
            s.key
                && !self.used.contains(&i)
                && rsigma_parser::parse_field_spec(&s.text).is_ok_and(|spec| spec == item.field)
        })?;
        self.used.push(found);
        Some(found)
    }

    /// (line, column) of value `n` of the item at `key`: the `n`th value scalar after the key
    /// if its text is the value's, else the first value scalar with that text, else the key.
    fn position(&self, key: Option<usize>, n: usize, text: &str) -> (u32, u32) {
        let Some(key) = key else { return (1, 1) };
        let values: Vec<usize> = self.source.block(key).filter(|&i| !self.source.scalars[i].key).collect();
        let s = &self.source.scalars;
        let at = values
            .get(n)
            .copied()
            .filter(|&i| s[i].text == text)
            .or_else(|| values.iter().copied().find(|&i| s[i].text == text))
            .unwrap_or(key);
        (s[at].line, s[at].column)
    }

    fn pin(&mut self, item: &DetectionItem, name: &str, field: PinField, key: Option<usize>, scope: &mut Scope) {
        let Ok((op, _)) = operator(&item.field.modifiers) else { return };
        if op.test != Test::Equals || op.negated {
            return;
        }
        for (n, value) in item.values.iter().enumerate() {
            let SigmaValue::String(s) = value else { continue };
            let operand = operand(s);
            let at = self.position(key, n, &s.original);
            let j =
                if field == PinField::Category && !name.contains('.') && operand.text.eq_ignore_ascii_case("AuditLogs")
                {
                    judge::skipped("the envelope's category (always AuditLogs), not an audit category".into())
                } else if operand.glob.is_some() {
                    judge::skipped("a wildcard pin is not checked".into())
                } else {
                    let (j, pinned) = pin::judge_pin(field, &operand.text, &op);
                    match pinned {
                        Some(Pinned::Service(s)) => scope.services.push(s),
                        Some(Pinned::Category(c)) => scope.categories.push(c),
                        None => {}
                    }
                    j
                };
            self.push(at, name, &op.text, &s.original, j);
        }
    }

    fn activity(&mut self, item: &DetectionItem, name: &str, key: Option<usize>, scope: &Scope) {
        let op = operator(&item.field.modifiers);
        let mut operands = Vec::new();
        for (n, value) in item.values.iter().enumerate() {
            let text = value_text(value);
            let at = self.position(key, n, &text);
            let (op_text, j) = match (&op, value) {
                (Err(why), _) => (modifier_text(&item.field.modifiers), judge::skipped(why.clone())),
                (Ok((o, _)), SigmaValue::String(s)) => {
                    operands.push(operand(s));
                    (o.text.clone(), judge::judge(&operand(s), o, scope))
                }
                (Ok((o, _)), _) => (o.text.clone(), judge::skipped("not a string".into())),
            };
            self.push(at, name, &op_text, &text, j);
        }
        if let Ok((o, true)) = &op
            && let Some(j) = judge::judge_all(&operands, o, scope)
        {
            let at = key.map_or((1, 1), |k| (self.source.scalars[k].line, self.source.scalars[k].column));
            let joined: Vec<&str> = operands.iter().map(|v| v.text.as_str()).collect();
            self.push(at, name, &o.text, &joined.join(" AND "), j);
        }
    }

    fn push(&mut self, at: (u32, u32), field: &str, op: &str, value: &str, j: Judgement) {
        self.out.push(self.ctx.finding(at, field, op, value, j));
    }
}

/// A value as written: a string's original text, or the YAML form of anything else.
fn value_text(value: &SigmaValue) -> String {
    match value {
        SigmaValue::String(s) => s.original.clone(),
        SigmaValue::Integer(i) => i.to_string(),
        SigmaValue::Float(f) => f.to_string(),
        SigmaValue::Bool(b) => b.to_string(),
        SigmaValue::Null => "null".into(),
    }
}

fn modifier_text(modifiers: &[Modifier]) -> String {
    modifiers.iter().map(|m| modifier_name(*m)).collect::<Vec<_>>().join("|")
}
