//! `aad-audit diff`: what changed between two page versions (`diff()`).

use std::io::{self, Write};

use aad_audit_catalog::{Change, Diff, Entry, Page, diff};
use serde::Serialize;

use crate::inputs;
use crate::lookup::Format;
use crate::output::{self, Exit, Hue, Out, Outcome};

/// Show what changed between two page versions.
///
/// Every entry either page lists is unchanged, added, removed, respelled (the same activity
/// spelled differently under the same service and category) or moved (the same activity under
/// another service or category).
///
/// New activities are the ones to write rules for; removed ones are those whose rules no
/// longer match anything documented. Text lists every change (unchanged entries are counted);
/// JSON has one array per class and the counts.
#[derive(clap::Args)]
pub struct Args {
    /// The older page version (a date, `oldest` or `latest`); by default the oldest bundled.
    #[arg(long, value_name = "DATE", value_parser = inputs::parse_page)]
    from: Option<Page>,
    /// The newer page version; by default the newest bundled.
    #[arg(long, value_name = "DATE", value_parser = inputs::parse_page)]
    to: Option<Page>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Compares the pages and writes what changed.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let d = diff(args.from.unwrap_or_else(Page::oldest), args.to.unwrap_or_else(Page::latest));
    match args.format {
        Format::Text => write_text(out, &d)?,
        Format::Json => output::json(out, &Json(&d))?,
    }
    Ok(Exit::Clean)
}

fn write_text(out: &mut Out, d: &Diff) -> io::Result<()> {
    let [unchanged, added, removed, respelled, moved] = d.counts();
    writeln!(out, "From the {} page to the {} page:", d.from(), d.to())?;
    writeln!(out, "  unchanged {unchanged}, added {added}, removed {removed}, respelled {respelled}, moved {moved}")?;
    let paint = out.paint;
    write_entries(out, paint.paint(Hue::Good, "Added"), d.added())?;
    write_entries(out, paint.paint(Hue::Bad, "Removed"), d.removed())?;
    write_changes(out, paint.paint(Hue::Warn, "Respelled"), d.respelled(), |c| {
        format!("{} / {} / {} -> {}", c.from.service(), c.from.category(), c.from.activity(), c.to.activity())
    })?;
    write_changes(out, paint.paint(Hue::Warn, "Moved"), d.moved(), |c| {
        format!("{} -> {} / {}", c.from, c.to.service(), c.to.category())
    })
}

fn write_entries(out: &mut Out, title: impl std::fmt::Display, entries: &[&'static Entry]) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title} ({}):", entries.len())?;
    entries.iter().try_for_each(|e| writeln!(out, "  {e}"))
}

fn write_changes(
    out: &mut Out,
    title: impl std::fmt::Display,
    changes: &[Change],
    line: impl Fn(&Change) -> String,
) -> io::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title} ({}):", changes.len())?;
    changes.iter().try_for_each(|c| writeln!(out, "  {}", line(c)))
}

/// The diff as JSON: `{"from", "to", "counts", "unchanged", "added", "removed", "respelled",
/// "moved"}`; a respelling or a move is `{"from": entry, "to": entry}`.
struct Json<'a>(&'a Diff);

#[derive(Serialize)]
struct Counts {
    unchanged: usize,
    added: usize,
    removed: usize,
    respelled: usize,
    moved: usize,
}

#[derive(Serialize)]
struct Pair {
    from: &'static Entry,
    to: &'static Entry,
}

impl Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let d = self.0;
        let [unchanged, added, removed, respelled, moved] = d.counts();
        let pairs = |changes: &[Change]| changes.iter().map(|c| Pair { from: c.from, to: c.to }).collect::<Vec<_>>();
        let mut s = serializer.serialize_struct("Diff", 8)?;
        s.serialize_field("from", &d.from())?;
        s.serialize_field("to", &d.to())?;
        s.serialize_field("counts", &Counts { unchanged, added, removed, respelled, moved })?;
        s.serialize_field("unchanged", d.unchanged())?;
        s.serialize_field("added", d.added())?;
        s.serialize_field("removed", d.removed())?;
        s.serialize_field("respelled", &pairs(d.respelled()))?;
        s.serialize_field("moved", &pairs(d.moved()))?;
        s.end()
    }
}
