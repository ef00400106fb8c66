//! The report as text for a person.

use std::fmt;

use super::{Encoding, InputNote, InputSummary, Layout, Report, UnknownGroup};
use crate::Entry;

/// Where an entry is documented: the page versions that list it.
fn documented(e: &Entry) -> crate::Pages {
    e.pages()
}

/// Records and, where not one, `s`.
struct Records(u64);

impl fmt::Display for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} record{}", self.0, if self.0 == 1 { "" } else { "s" })
    }
}

/// How many exact activities the text lists (the JSON lists all).
const TEXT_EXACT: usize = 25;

impl fmt::Display for Report {
    /// The report as text: inputs, totals, then each kind of record, then the verdict.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.inputs.len();
        let t = self.totals();
        let pages = self.catalog().page_set();
        let what = if pages.len() == 1 { "page" } else { "pages" };
        writeln!(
            f,
            "Checked {} from {n} input{} against the audit activity reference ({what} {pages}).",
            Records(t.records),
            plural(n as u64)
        )?;
        writeln!(f)?;
        for input in &self.inputs {
            write_input(f, input)?;
        }
        writeln!(f)?;
        self.write_totals(f)?;
        self.write_exact(f)?;
        self.write_forgiven(f)?;
        self.write_allowed(f)?;
        self.write_unknown(f)?;
        self.write_malformed(f)?;
        writeln!(f)?;
        self.write_verdict(f)
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One input's line: layout, records, blank lines, wrapper keys, notes and stop.
fn write_input(f: &mut fmt::Formatter<'_>, input: &InputSummary) -> fmt::Result {
    if input.layout == Layout::Empty && input.stopped.is_some() {
        write!(f, "  {}: not read", input.name)?;
    } else {
        write!(f, "  {}: {}", input.name, input.layout.describe())?;
        if input.encoding != Encoding::Utf8 {
            write!(f, " (decoded from {})", input.encoding.as_str())?;
        }
        write!(f, ", {}", Records(input.records))?;
    }
    if input.blank_lines > 0 {
        write!(f, ", {} blank line{}", input.blank_lines, plural(input.blank_lines))?;
    }
    if !input.wrapper_keys.is_empty() {
        write!(f, " (wrapper keys not read as records: {})", input.wrapper_keys.join(", "))?;
    }
    writeln!(f)?;
    // A guess that led to a stop is told in the stop's message.
    if let Some(note @ (InputNote::ReadAsJsonLines | InputNote::LooksLikeDocument)) = input.note {
        writeln!(f, "    NOTE: {}", note.message())?;
    }
    if let Some(stop) = &input.stopped {
        let at = match (stop.line, stop.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: ", input.name),
            (Some(l), None) => format!("{}:{l}: ", input.name),
            _ => format!("{}: ", input.name),
        };
        writeln!(f, "    STOPPED: {at}{}", stop.message)?;
    }
    Ok(())
}

impl Report {
    fn write_totals(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.totals();
        let shapes: Vec<String> = [
            (t.graph, "Graph directoryAudit"),
            (t.log_analytics, "Log Analytics AuditLogs"),
            (t.diagnostic_settings, "diagnostic settings"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let shapes = if shapes.is_empty() { String::new() } else { format!("   ({})", shapes.join(", ")) };
        writeln!(f, "  records   {:>7}{shapes}", t.records)?;
        writeln!(f, "  exact     {:>7}", t.exact)?;
        writeln!(f, "  forgiven  {:>7}", t.forgiven)?;
        if self.options.allowlist().is_some() {
            writeln!(f, "  allowed   {:>7}", t.allowed)?;
        }
        writeln!(f, "  unknown   {:>7}", t.unknown)?;
        writeln!(f, "  malformed {:>7}", t.malformed)
    }

    fn write_exact(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut exact: Vec<(&Entry, u64)> = self.exact().collect();
        if exact.is_empty() {
            return Ok(());
        }
        exact.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let kinds = if exact.len() == 1 { "y" } else { "ies" };
        writeln!(f, "\nExact: {} of {} activit{kinds}", Records(self.totals().exact), exact.len())?;
        for (e, n) in exact.iter().take(TEXT_EXACT) {
            writeln!(f, "  {n:>7}  {e}")?;
        }
        if exact.len() > TEXT_EXACT {
            let more = exact.len() - TEXT_EXACT;
            writeln!(f, "           ... and {more} more activities (`--format json` lists all)")?;
        }
        Ok(())
    }

    fn write_forgiven(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.forgiven.is_empty() {
            return Ok(());
        }
        let strict = if self.options.strict { " (strict: each needs attention)" } else { "" };
        writeln!(f, "\nForgiven: {}, found after normalizing spelling{strict}", Records(self.totals().forgiven))?;
        for g in &self.forgiven {
            writeln!(f, "  {} ({})", g.normalizations, Records(g.count))?;
            for s in &g.spellings {
                writeln!(f, "  {:>7}  {:?} / {:?} / {:?}", s.count, s.service, s.category, s.activity)?;
                writeln!(f, "           = {} (documented {}); first at {}", s.entry, documented(s.entry), s.first)?;
            }
            if g.unlisted > 0 {
                writeln!(f, "           ... and {} with other spellings", Records(g.unlisted))?;
            }
        }
        Ok(())
    }

    fn write_allowed(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(list) = self.options.allowlist() else { return Ok(()) };
        if self.allowed.is_empty() {
            return Ok(());
        }
        writeln!(f, "\nAllowed: {}, not in the catalog but in {}", Records(self.totals().allowed), list.source_name())?;
        for g in &self.allowed {
            let rule = &list.rules()[g.rule];
            writeln!(f, "  {:>7}  {} ({}:{}); first at {}", g.count, rule, list.source_name(), g.line, g.first)?;
        }
        Ok(())
    }

    fn write_unknown(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unlisted = self.unlisted_unknown();
        if self.unknown.is_empty() && unlisted == 0 {
            return Ok(());
        }
        let t = self.totals();
        writeln!(
            f,
            "\nUnknown: {}, {} distinct (service, category, activity)",
            Records(t.unknown),
            self.unknown.len()
        )?;
        let mut groups: Vec<&UnknownGroup> = self.unknown.iter().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.count));
        for g in groups {
            writeln!(f, "  {:>7}  {:?} / {:?} / {:?}", g.count, g.service, g.category, g.activity)?;
            writeln!(f, "           {}", g.error)?;
            writeln!(f, "           first at {}", g.first)?;
        }
        if unlisted > 0 {
            let max = self.options.max_groups;
            writeln!(f, "           ... and {} in groups past the {max} listed, counted only", Records(unlisted))?;
        }
        Ok(())
    }

    fn write_malformed(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.totals();
        if t.malformed == 0 {
            return Ok(());
        }
        writeln!(f, "\nMalformed: {}", Records(t.malformed))?;
        for m in self.malformed() {
            writeln!(f, "  {}: {}: {}", m.location, m.kind.as_str(), m.message)?;
        }
        let unlisted = t.malformed - self.malformed().len() as u64;
        if unlisted > 0 {
            writeln!(f, "  ... and {} more, counted only", Records(unlisted))?;
        }
        Ok(())
    }

    fn write_verdict(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.totals();
        if self.is_clean() && self.is_empty() {
            return writeln!(f, "NO RECORDS: the inputs hold no audit records.");
        }
        if self.is_clean() {
            return writeln!(
                f,
                "OK: every record is in the catalog{}.",
                if t.allowed > 0 { " or allowed" } else { "" }
            );
        }
        f.write_str("NOT OK: ")?;
        if t.stopped_inputs > 0 {
            let s = plural(t.stopped_inputs);
            write!(f, "{} input{s} stopped early (what follows the stop was not read); ", t.stopped_inputs)?;
        }
        let strict = if self.options.strict { " (strict: forgiven spellings count)" } else { "" };
        writeln!(f, "{} of {} read need attention{strict}.", self.needing_attention(), Records(t.records))
    }
}
