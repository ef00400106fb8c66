//! Microsoft Sentinel analytic rules and hunting queries: the KQL `query:` of a YAML file,
//! checked where it reads `AuditLogs` (see `query.rs` for what the analysis understands).

use core::ops::Range;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use yaml_serde::Value;

use super::judge::{self, Judgement, Operand, Operator, Scope, Test};
use super::pin::{self, PinField, Pinned};
use super::query::{self, Analysis, Column, Comparison, Tables, UNKNOWN, Values};
use super::yaml::Source;
use super::{Finding, Format, RuleCtx, RuleState, RuleSummary, Verdict};

/// Whether a document is a Sentinel rule or query (a mapping with a string `query`).
pub(super) fn is_sentinel(doc: &Value) -> bool {
    doc.get("query").is_some_and(Value::is_string)
}

/// Lints the Sentinel rules of a file (one per document with a `query`).
pub(super) fn lint(text: &str, file: &str, docs: &[Value], source: &Source) -> (Vec<RuleSummary>, Vec<Finding>) {
    let mut summaries = Vec::new();
    let mut findings = Vec::new();
    for (d, doc) in docs.iter().enumerate().filter(|(_, d)| is_sentinel(d)) {
        let str_of = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_string);
        let title = str_of("name").or_else(|| str_of("displayName")).or_else(|| str_of("title"));
        let ctx = RuleCtx { file, format: Format::Sentinel, id: str_of("id"), title: title.clone() };
        let query = doc.get("query").and_then(Value::as_str).unwrap_or_default();
        let key = source.top_key(d, "query");
        let at = Locator { text, source, key };
        let line = key.map_or(1, |k| source.scalars[k].line);
        let analysis = query::analyze(query);
        let state = if analysis.parts.iter().any(Tables::has_audit) {
            findings.extend(Check { ctx: &ctx, query, at: &at, analysis: &analysis, out: Vec::new() }.run());
            RuleState::Checked
        } else {
            RuleState::Skipped("the query does not read AuditLogs".into())
        };
        summaries.push(RuleSummary { format: Format::Sentinel, id: ctx.id.clone(), title, line, state });
    }
    (summaries, findings)
}

/// Finds a query token's position in the YAML file: the same occurrence of the token's text
/// in the `query:` value's source (block scalars and plain scalars keep the query's text), else
/// the `query:` key.
struct Locator<'a> {
    text: &'a str,
    source: &'a Source,
    key: Option<usize>,
}

impl Locator<'_> {
    fn position(&self, query: &str, span: Range<usize>) -> (u32, u32) {
        let Some(key) = self.key else { return (1, 1) };
        let fallback = (self.source.scalars[key].line, self.source.scalars[key].column);
        let Some(value) = self.source.scalars.get(key + 1).filter(|s| !s.key) else { return fallback };
        let token = &query[span.clone()];
        let nth = occurrences(&query[..span.start], token);
        let region = &self.text[value.span.clone()];
        // In a double-quoted YAML scalar the query's `"` and `\` are escaped.
        let escaped = token.replace('\\', "\\\\").replace('"', "\\\"");
        let found = region.match_indices(token).nth(nth).or_else(|| region.match_indices(escaped.as_str()).nth(nth));
        let Some(offset) = found.map(|(i, _)| value.span.start + i) else { return fallback };
        let before = &self.text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        (line, column)
    }
}

/// How many times `token` occurs in `text`, not overlapping.
fn occurrences(text: &str, token: &str) -> usize {
    if token.is_empty() { 0 } else { text.matches(token).count() }
}

/// One query's check: pins per part, then the activity comparisons.
struct Check<'a> {
    ctx: &'a RuleCtx<'a>,
    query: &'a str,
    at: &'a Locator<'a>,
    analysis: &'a Analysis,
    out: Vec<Finding>,
}

/// The operator a KQL comparison uses, and whether all its values must match together.
fn operator(op: &str) -> Option<(Operator, bool)> {
    let (test, case_sensitive, negated, _list, all) = query::operator(op)?;
    Some((Operator { text: op.to_string(), test, case_sensitive, negated, dashes_folded: false }, all))
}

impl Check<'_> {
    fn run(mut self) -> Vec<Finding> {
        let mut scopes = std::vec![Scope::default(); self.analysis.parts.len()];
        for c in self.analysis.comparisons.iter().filter(|c| c.column != Column::Activity) {
            if self.analysis.parts[c.part].has_audit() {
                self.pin(c, &mut scopes[c.part]);
            }
        }
        for c in self.analysis.comparisons.iter().filter(|c| c.column == Column::Activity) {
            self.activity(c, &scopes[c.part]);
        }
        self.out
    }

    fn pin(&mut self, c: &Comparison, scope: &mut Scope) {
        let (Some((op, _)), Values::Literals(values)) = (operator(&c.op), &c.values) else { return };
        if op.test != Test::Equals {
            return;
        }
        let field = if c.column == Column::Category { PinField::Category } else { PinField::Service };
        for v in values {
            let (mut j, pinned) = pin::judge_pin(field, &v.value, &op);
            if c.narrows && !op.negated {
                match pinned {
                    Some(Pinned::Service(s)) => scope.services.push(s),
                    Some(Pinned::Category(c)) => scope.categories.push(c),
                    None => {}
                }
            }
            if j.verdict == Verdict::Unknown && !self.analysis.parts[c.part].others().is_empty() {
                j = judge::skipped(self.mixed(c.part, "value"));
            }
            self.push(v.span.clone(), c, &v.value, j);
        }
    }

    fn activity(&mut self, c: &Comparison, scope: &Scope) {
        let tables = &self.analysis.parts[c.part];
        let Some((op, all)) = operator(&c.op) else {
            // An operator the lint does not check (`matches regex`, `hasprefix`, ...).
            if let Values::Unchecked(why) = &c.values
                && tables.has_audit()
            {
                self.push(c.column_span.clone(), c, "", judge::skipped(why.clone()));
            }
            return;
        };
        let values = match &c.values {
            Values::Literals(values) => values,
            Values::Unchecked(why) => {
                if tables.has_audit() {
                    self.push(c.column_span.clone(), c, "", judge::skipped(why.clone()));
                }
                return;
            }
        };
        let operands: Vec<Operand> = values.iter().map(|v| Operand::plain(v.value.clone())).collect();
        for (v, operand) in values.iter().zip(&operands) {
            let j = if !tables.has_audit() {
                judge::skipped(self.elsewhere(c.part))
            } else {
                let j = judge::judge(operand, &op, scope);
                let never = j.verdict == Verdict::Unknown || j.matches == Some(0);
                if never && !tables.others().is_empty() { judge::skipped(self.mixed(c.part, "activity")) } else { j }
            };
            self.push(v.span.clone(), c, &v.value, j);
        }
        if all && let Some(j) = judge::judge_all(&operands, &op, scope) {
            let joined: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            self.push(values[0].span.clone(), c, &joined.join(" AND "), j);
        }
    }

    /// Why a value compared in a part that does not read AuditLogs is skipped.
    fn elsewhere(&self, part: usize) -> String {
        let others = self.analysis.parts[part].others();
        if others.contains(&UNKNOWN) {
            "compared in a part of the query whose source the lint cannot identify (a function, parser or expression)"
                .to_string()
        } else {
            format!("compared in the {} part of the query, not AuditLogs: not an audit activity", others.join(", "))
        }
    }

    /// Why an unknown value compared after a union of AuditLogs with other tables is skipped.
    fn mixed(&self, part: usize, what: &str) -> String {
        let others: Vec<&str> = self.analysis.parts[part]
            .others()
            .into_iter()
            .map(|t| if t == UNKNOWN { "an unidentified source" } else { t })
            .collect();
        format!(
            "not a documented {what}, but compared where AuditLogs rows are mixed with {}: it may be another table's",
            others.join(", ")
        )
    }

    fn push(&mut self, span: Range<usize>, c: &Comparison, value: &str, j: Judgement) {
        let at = self.at.position(self.query, span);
        self.out.push(self.ctx.finding(at, &c.column_text, &c.op, value, j));
    }
}
