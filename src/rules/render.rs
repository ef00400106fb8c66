//! An [`Outcome`] as text (like a compiler's diagnostics) and as JSON.

use std::io::{self, Write};
use std::string::String;
use std::vec::Vec;

use super::{Code, Finding, Outcome, Severity, Verdict};

/// What [`render_text`] prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TextOptions {
    /// Also print info findings (documented values, case differences the operator ignores,
    /// pattern match counts, values not checked); by default only errors and warnings.
    pub verbose: bool,
}

/// Writes `outcome` as compiler-style diagnostics, one per finding or problem, then a summary:
///
/// ```text
/// rules/roles.yml:10:15: error: "Add member to role." is documented as "Add member to role", without the trailing period: equals never matches it [never-matches]
///     rule: Role membership changed (sigma; properties.message equals)
///     help: write "Add member to role"
/// 1 file, 1 rule checked, 2 values: 1 error, 0 warnings, 1 info (1 documented)
/// ```
pub fn render_text(outcome: &Outcome, options: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    for p in &outcome.problems {
        let severity = "error";
        writeln!(out, "{}:{}:{}: {severity}: {} [{}]", p.file, p.line, p.column, p.message, p.kind.as_str())?;
    }
    for f in outcome.findings.iter().filter(|f| options.verbose || f.severity > Severity::Info) {
        finding(f, out)?;
    }
    summary(outcome, out)
}

fn finding(f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}:{}:{}: {}: {} [{}]", f.file, f.line, f.column, f.severity, f.message, f.code)?;
    let title = f.rule_title.as_deref().or(f.rule_id.as_deref()).unwrap_or("(untitled)");
    writeln!(out, "    rule: {title} ({}; {} {})", f.format, f.field, f.operator)?;
    if !f.suggestions.is_empty() {
        let quoted: Vec<String> = f.suggestions.iter().map(|s| std::format!("\"{s}\"")).collect();
        match (f.verdict, f.code) {
            (_, Code::DashSpelling) => writeln!(out, "    help: compare both spellings: {}", quoted.join(" and "))?,
            (Verdict::Forgiven, _) | (_, Code::OlderPage | Code::IgnoredDifference) => {
                writeln!(out, "    help: write {}", quoted.join(" or "))?
            }
            _ => writeln!(out, "    help: did you mean {}?", quoted.join(", "))?,
        }
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    std::format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let c = outcome.counts();
    let mut line = std::format!(
        "{}, {} checked",
        plural(outcome.files, "file", "files"),
        plural(outcome.rules_checked, "rule", "rules")
    );
    if outcome.rules_skipped > 0 {
        line += &std::format!(" ({} not on the audit log)", outcome.rules_skipped);
    }
    if outcome.not_rules > 0 {
        line += &std::format!(", {} not a rule", plural(outcome.not_rules, "file", "files"));
    }
    writeln!(
        out,
        "{line}, {}: {}, {}, {} info ({} documented){}",
        plural(outcome.findings.len(), "value", "values"),
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings"),
        c.infos,
        c.documented,
        if c.unreadable > 0 {
            std::format!(", {} unreadable", plural(c.unreadable, "path", "paths"))
        } else {
            String::new()
        }
    )
}

/// Writes `outcome` as one JSON document: `{"findings": [...], "problems": [...], "files",
/// "not_rules", "rules_checked", "rules_skipped", "counts": {...}}`, one object per finding
/// (see [`Finding`] for its keys).
pub fn render_json(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut value = serde_json::to_value(outcome).map_err(io::Error::other)?;
    if let Some(map) = value.as_object_mut() {
        map.insert("counts".into(), serde_json::to_value(outcome.counts()).map_err(io::Error::other)?);
    }
    serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::other)?;
    writeln!(out)
}
