//! Reads one audit activity reference page (markdown) into sections, rows and source notes.
//!
//! pulldown-cmark gives the document structure (headings, where tables and paragraphs start and
//! end). The cells are split here, from the source lines, because a plain GFM table parse loses
//! rows the pages really have: rows after a blank line (no header row, so they read as a
//! paragraph), cells beyond the header's column count (`|A||B|`), and rows broken over two lines.
//! The YAML front matter is split off by hand: the 2022 page's starts with a blank line, which
//! pulldown-cmark's metadata blocks do not allow.

use std::collections::HashMap;
use std::fmt;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::note_kind::NoteKind;

/// The longest name (heading, category, activity) the reader accepts, in bytes: real names are
/// under 120, and lookups fold names into buffers of a fixed size (`fold::FOLD_BUF`).
pub const MAX_NAME_BYTES: usize = 200;

/// Headings that close a docs page; a heading like this with no table is not worth a note.
const TRAILER_HEADINGS: &[&str] = &["next steps", "see also", "related content"];

/// Everything read from one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRows {
    /// The article title: the `#` heading, or the front matter `title:` when there is none.
    pub title: String,
    /// The front matter `ms.date`, as an ISO date (`YYYY-MM-DD`).
    pub date: String,
    /// Headings with at least one activity row under them, in page order.
    pub sections: Vec<Section>,
    /// One per distinct (section, category as written, activity), in page order, at its first row.
    pub rows: Vec<Row>,
    /// How many table rows the page has in all (`rows` plus repeated rows).
    pub rows_read: usize,
    /// Repairs and oddities, in line order.
    pub notes: Vec<Note>,
}

/// A section: a heading with activity rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading text as written (inline HTML such as anchors left out).
    pub heading: String,
    /// 1-based line of the heading.
    pub line: u32,
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into [`PageRows::sections`].
    pub section: usize,
    /// The category cell, trimmed.
    pub category: String,
    /// The activity cell, trimmed.
    pub activity: String,
    /// The description cell, when the table has one and it is not empty.
    pub description: Option<String>,
    /// 1-based line of the row (where it starts, for a row broken over two lines).
    pub line: u32,
}

/// A repair or oddity found while reading, with the line it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line in the page.
    pub line: u32,
    /// What kind of note this is.
    pub kind: NoteKind,
    /// One sentence saying what was found and what the reader did.
    pub text: String,
}

/// Why a page could not be read. The caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line the problem is on, when it is on one.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

fn error(line: Option<u32>, message: impl Into<String>) -> ReadError {
    ReadError { line, message: message.into() }
}

/// A block of source lines the structure pass found.
#[derive(Debug)]
enum Block {
    Heading {
        level: u8,
        text: String,
        line: u32,
    },
    Table {
        first: u32,
        last: u32,
    },
    /// A paragraph whose first line starts with `|`: table rows cut off from their header.
    PipeParagraph {
        first: u32,
        last: u32,
    },
}

/// Which cell holds what, from a table's header row.
#[derive(Debug, Clone, Copy)]
struct Columns {
    count: usize,
    category: usize,
    activity: usize,
    description: Option<usize>,
}

/// Reads a whole page.
pub fn read(text: &str) -> Result<PageRows, ReadError> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let (front_matter, body_start) = split_front_matter(text);
    let (h1, blocks) = structure(text, body_start, &lines);
    let (fm_title, date) = match &front_matter {
        Some((yaml, line)) => read_front_matter(yaml, *line)?,
        None => (None, None),
    };
    let title = h1
        .filter(|t| !t.is_empty())
        .or(fm_title)
        .ok_or_else(|| error(None, "the page has no `#` title and no `title:` in its front matter"))?;
    let date = date.ok_or_else(|| error(None, "the page has no `ms.date:` in its front matter"))?;
    let mut reader = RowReader { consumed: 0, lines: &lines, notes: Vec::new(), rows: Vec::new() };
    let sections = reader.read_blocks(&blocks)?;
    if reader.rows.is_empty() {
        return Err(error(None, "the page has no activity tables"));
    }
    let RowReader { rows, mut notes, .. } = reader;
    let (sections, rows) = drop_empty_sections(sections, rows, &mut notes);
    let rows_read = rows.len();
    let rows = dedupe(rows, &mut notes);
    notes.sort_by_key(|n| (n.line, n.kind));
    Ok(PageRows { title, date, sections, rows, rows_read, notes })
}

/// The headings, tables and pipe paragraphs of the markdown after the front matter, with the
/// first `#` heading's text.
fn structure(text: &str, body_start: usize, lines: &[&str]) -> (Option<String>, Vec<Block>) {
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| starts.partition_point(|&start| start <= offset) as u32;
    let span = |start: usize, end: usize| (line_of(start), line_of(end.saturating_sub(1).max(start)));
    let (mut h1, mut blocks) = (None, Vec::new());
    let mut heading: Option<(u8, String, u32)> = None;
    let mut container_depth = 0usize;
    for (event, range) in Parser::new_ext(&text[body_start..], Options::ENABLE_TABLES).into_offset_iter() {
        let (start, end) = (body_start + range.start, body_start + range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((heading_level(level), String::new(), line_of(start)))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, line)) = heading.take() {
                    let text = text.trim().to_string();
                    if level == 1 && h1.is_none() {
                        h1 = Some(text.clone());
                    }
                    blocks.push(Block::Heading { level, text, line });
                }
            }
            Event::Text(t) | Event::Code(t) => heading.iter_mut().for_each(|(_, text, _)| text.push_str(&t)),
            Event::SoftBreak | Event::HardBreak => heading.iter_mut().for_each(|(_, text, _)| text.push(' ')),
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => container_depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                container_depth = container_depth.saturating_sub(1);
            }
            Event::Start(Tag::Table(_)) if container_depth == 0 => {
                let (first, last) = span(start, end);
                blocks.push(Block::Table { first, last });
            }
            Event::Start(Tag::Paragraph) if container_depth == 0 => {
                let (first, last) = span(start, end);
                if lines[first as usize - 1].trim_start().starts_with('|') {
                    blocks.push(Block::PipeParagraph { first, last });
                }
            }
            _ => {}
        }
    }
    (h1, blocks)
}

/// The front matter (text between a first line `---` and the next `---` line) with the line
/// it starts on, and the byte offset where the markdown after it starts.
fn split_front_matter(text: &str) -> (Option<(String, u32)>, usize) {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return (None, 0);
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let start = offset;
    for line in lines {
        if line.trim_end() == "---" {
            return (Some((text[start..offset].to_string(), 2)), offset + line.len());
        }
        offset += line.len();
    }
    (None, 0)
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Reads `title:` and `ms.date:` from the YAML front matter (flat `key: value` lines).
fn read_front_matter(yaml: &str, first_line: u32) -> Result<(Option<String>, Option<String>), ReadError> {
    let (mut title, mut date) = (None, None);
    for (i, raw) in yaml.lines().enumerate() {
        let Some((key, value)) = raw.split_once(':') else { continue };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        match key.trim() {
            "title" => title = Some(value.to_string()),
            "ms.date" => {
                let line = first_line + i as u32;
                let iso = iso_date(value)
                    .ok_or_else(|| error(Some(line), format!("ms.date {value:?} is not a date written MM/DD/YYYY")))?;
                date = Some(iso);
            }
            _ => {}
        }
    }
    Ok((title, date))
}

/// `11/29/2022` -> `2022-11-29`.
pub fn iso_date(value: &str) -> Option<String> {
    let mut parts = value.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, max: u32| s.parse::<u32>().ok().filter(|n| (1..=max).contains(n));
    let (m, d) = (number(m, 12)?, number(d, 31)?);
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{y}-{m:02}-{d:02}"))
}

/// A heading with no table under it is not a service; worth a note unless it closes the page.
fn note_if_tableless(notes: &mut Vec<Note>, heading: &Current) {
    let trailer = TRAILER_HEADINGS.contains(&heading.text.to_lowercase().as_str());
    if heading.section.is_none() && heading.level > 1 && !trailer {
        notes.push(Note {
            line: heading.line,
            kind: NoteKind::SectionWithoutTable,
            text: format!("heading {:?} has no activity table under it; it is not a service", heading.text),
        });
    }
}

/// A heading's sections with no rows (a table with a header only) are not services either.
fn drop_empty_sections(sections: Vec<Section>, mut rows: Vec<Row>, notes: &mut Vec<Note>) -> (Vec<Section>, Vec<Row>) {
    let mut renumber = vec![None; sections.len()];
    let mut kept = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        if rows.iter().any(|r| r.section == i) {
            renumber[i] = Some(kept.len());
            kept.push(section);
        } else {
            notes.push(Note {
                line: section.line,
                kind: NoteKind::SectionWithoutTable,
                text: format!("heading {:?} has a table with no rows; it is not a service", section.heading),
            });
        }
    }
    for row in &mut rows {
        row.section = renumber[row.section].unwrap_or(row.section);
    }
    (kept, rows)
}

/// The heading blocks are under, and its section once a table was seen under it.
struct Current {
    level: u8,
    text: String,
    line: u32,
    section: Option<usize>,
}

struct RowReader<'a> {
    /// The last line already read as part of a row.
    consumed: u32,
    lines: &'a [&'a str],
    notes: Vec<Note>,
    rows: Vec<Row>,
}

/// A row split into cells, before it is fitted to a table's columns.
struct SplitRow {
    cells: Vec<String>,
    closed: bool,
}

impl<'a> RowReader<'a> {
    fn line(&self, line: u32) -> &'a str {
        line.checked_sub(1).and_then(|i| self.lines.get(i as usize)).copied().unwrap_or("")
    }

    fn note(&mut self, line: u32, kind: NoteKind, text: String) {
        self.notes.push(Note { line, kind, text });
    }

    /// Reads the rows of every table block into sections, one per heading with tables.
    fn read_blocks(&mut self, blocks: &[Block]) -> Result<Vec<Section>, ReadError> {
        let mut sections: Vec<Section> = Vec::new();
        let mut current: Option<Current> = None;
        let mut columns: Option<Columns> = None;
        for block in blocks {
            let (first, last, has_header) = match block {
                Block::Heading { level, text, line } => {
                    if let Some(done) = current.take() {
                        note_if_tableless(&mut self.notes, &done);
                    }
                    current = Some(Current { level: *level, text: text.clone(), line: *line, section: None });
                    columns = None;
                    continue;
                }
                Block::Table { first, last } => (*first, *last, true),
                Block::PipeParagraph { first, last } => (*first, *last, false),
            };
            // A lone `|` that ended a broken row of the block before is already read.
            let first = first.max(self.consumed + 1);
            if first > last {
                continue;
            }
            let heading = current
                .as_mut()
                .ok_or_else(|| error(Some(first), "a table before any heading: which service is it?"))?;
            let section = self.section_of(heading, &mut sections)?;
            let body_from = if has_header {
                columns = Some(self.header(first)?);
                first + 2
            } else {
                self.note_rows_without_header(first, last, columns.is_some())?;
                first
            };
            if let Some(cols) = columns {
                self.rows(section, cols, body_from, last)?;
            }
        }
        if let Some(done) = current.take() {
            note_if_tableless(&mut self.notes, &done);
        }
        Ok(sections)
    }

    /// The section of the heading a table is under, made on its first table.
    fn section_of(&self, heading: &mut Current, sections: &mut Vec<Section>) -> Result<usize, ReadError> {
        if heading.text.is_empty() {
            return Err(error(Some(heading.line), "a table under an empty heading"));
        }
        check_name("heading", &heading.text, heading.line)?;
        Ok(*heading.section.get_or_insert_with(|| {
            sections.push(Section { heading: heading.text.clone(), line: heading.line });
            sections.len() - 1
        }))
    }

    /// Rows in a paragraph of `|` lines: the table above goes on (after a blank line: noted).
    fn note_rows_without_header(&mut self, first: u32, last: u32, table_above: bool) -> Result<(), ReadError> {
        if !table_above {
            return Err(error(Some(first), "table rows with no header row and no table above them in this section"));
        }
        // Rows right after a joined broken row are the same table going on; only rows after a
        // blank line were really cut off from their header.
        if self.line(first - 1).trim().is_empty() {
            let count = last - first + 1;
            let text =
                format!("{count} line(s) after a blank line have no header row; read as rows of the table above");
            self.note(first, NoteKind::RowsWithoutHeader, text);
        }
        Ok(())
    }

    /// Reads a header row and checks the delimiter row under it. Header cells that do not name
    /// the category and activity columns are read by position, if the table has the expected
    /// shape (two columns, or three with a description).
    fn header(&mut self, line: u32) -> Result<Columns, ReadError> {
        let split = self.split(line, self.line(line).to_string());
        let delimiter = self.line(line + 1).trim();
        if !delimiter.contains('-') {
            return Err(error(Some(line + 1), "expected a table delimiter row (|---|---|)"));
        }
        let find = |word: &str| split.cells.iter().position(|c| c.to_lowercase().contains(word));
        let count = split.cells.len();
        if let (Some(category), Some(activity)) = (find("category"), find("activit")) {
            return Ok(Columns { count, category, activity, description: find("description") });
        }
        let header = self.line(line).trim().to_string();
        if !(2..=3).contains(&count) {
            let message = format!("table header {header:?} has no category and activity columns");
            return Err(error(Some(line), message));
        }
        let columns = if count == 3 { "category, activity, description" } else { "category, activity" };
        let text = format!("table header {header:?} does not name its columns; read by position as {columns}");
        self.note(line, NoteKind::HeaderByPosition, text);
        Ok(Columns { count, category: 0, activity: 1, description: (count == 3).then_some(2) })
    }

    /// Splits a source line into trimmed cells, noting repairs made on the way.
    fn split(&mut self, line: u32, raw: String) -> SplitRow {
        if raw.trim_end().len() != raw.len() {
            self.note(line, NoteKind::TrailingWhitespace, "whitespace after the end of the row".into());
        }
        let mut s = raw.trim();
        match s.strip_prefix('|') {
            Some(rest) => s = rest,
            None => self.note(line, NoteKind::MissingLeadingPipe, "row has no leading `|`".into()),
        }
        let closed = s.ends_with('|') && !s.ends_with("\\|");
        if closed {
            s = &s[..s.len() - 1];
        }
        let cells = split_cells(s);
        let mut trimmed = Vec::with_capacity(cells.len());
        for (i, cell) in cells.into_iter().enumerate() {
            let t = cell.trim();
            let lead = &cell[..cell.len() - cell.trim_start().len()];
            let trail = &cell[cell.trim_end().len()..];
            let padded_evenly = (lead.is_empty() && trail.is_empty()) || (lead == " " && trail == " ");
            if !t.is_empty() && !padded_evenly {
                let text = format!("cell {} {t:?} had stray whitespace {lead:?}/{trail:?}, trimmed", i + 1);
                self.note(line, NoteKind::CellWhitespace, text);
            }
            trimmed.push(t.to_string());
        }
        SplitRow { cells: trimmed, closed }
    }

    /// Reads body rows `from..=to` of a table into `section`.
    fn rows(&mut self, section: usize, cols: Columns, from: u32, to: u32) -> Result<(), ReadError> {
        let mut line = from;
        while line <= to {
            let raw = self.line(line);
            if raw.trim().is_empty() {
                line += 1;
                continue;
            }
            let (start, mut text) = (line, raw.to_string());
            // The lone `|` may be in the next block: pulldown-cmark can end the table before it.
            let unclosed = !raw.trim_end().ends_with('|') || raw.trim_end().ends_with("\\|");
            if unclosed && self.line(line + 1).trim() == "|" {
                let note = format!("row continues on line {} (a lone `|`); joined", start + 1);
                self.note(start, NoteKind::RowContinued, note);
                text = format!("{}|", raw.trim_end());
                line += 1;
            }
            self.consumed = line;
            let split = self.split(start, text);
            if !split.closed {
                self.note(start, NoteKind::MissingClosingPipe, "row has no closing `|`".into());
            }
            self.fit(section, cols, start, split.cells)?;
            line += 1;
        }
        Ok(())
    }

    /// Fits cells to the table's columns and records the row.
    fn fit(&mut self, section: usize, cols: Columns, line: u32, mut cells: Vec<String>) -> Result<(), ReadError> {
        let mut dropped = 0;
        while cells.len() > cols.count {
            // A doubled pipe leaves an empty cell; drop the first one after the first cell.
            let Some(i) = cells.iter().skip(1).position(String::is_empty) else {
                let (count, row) = (cells.len(), self.line(line).trim());
                let message = format!("row has {count} cells but its table has {} columns: {row:?}", cols.count);
                return Err(error(Some(line), message));
            };
            cells.remove(i + 1);
            dropped += 1;
        }
        if dropped > 0 {
            let text = format!("doubled `|`: {dropped} empty cell(s) dropped to fit {} columns", cols.count);
            self.note(line, NoteKind::DoubledPipe, text);
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let (category, activity) = (cell(cols.category), cell(cols.activity));
        for (what, value) in [("activity", &activity), ("category", &category)] {
            if value.is_empty() {
                return Err(error(Some(line), format!("row has no {what}: {:?}", self.line(line).trim())));
            }
            check_name(what, value, line)?;
        }
        let description = cols.description.map(cell).filter(|d| !d.is_empty());
        self.rows.push(Row { section, category, activity, description, line });
        Ok(())
    }
}

/// The cells of a row without its outer pipes; `\|` is a `|` inside a cell.
fn split_cells(s: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// Names longer than [`MAX_NAME_BYTES`] are refused (no real name comes close, and lookups
/// fold names into buffers of a fixed size), and so are names with control characters.
fn check_name(what: &str, value: &str, line: u32) -> Result<(), ReadError> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(error(Some(line), format!("{what} {value:?} has a control character ({c:?})")));
    }
    if value.len() > MAX_NAME_BYTES {
        let start: String = value.chars().take(40).collect();
        let message =
            format!("{what} {start:?}... is {} bytes long; names may be at most {MAX_NAME_BYTES}", value.len());
        return Err(error(Some(line), message));
    }
    Ok(())
}

/// Spelling key under which rows are near-duplicates: case folded, category spaces removed.
fn spelling_key(row: &Row) -> (usize, String, String) {
    let category: String = row.category.chars().filter(|c| !c.is_whitespace()).collect();
    (row.section, category.to_lowercase(), row.activity.to_lowercase())
}

/// Keeps the first of each exact (section, category, activity); notes repeats and near-repeats.
fn dedupe(rows: Vec<Row>, notes: &mut Vec<Note>) -> Vec<Row> {
    let mut first_line: HashMap<(usize, &str, &str), u32> = HashMap::new();
    let mut keep = vec![false; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        match first_line.get(&(row.section, row.category.as_str(), row.activity.as_str())) {
            Some(&first) => notes.push(Note {
                line: row.line,
                kind: NoteKind::DuplicateRow,
                text: format!("repeats line {first} ({} | {}); kept once, at line {first}", row.category, row.activity),
            }),
            None => {
                first_line.insert((row.section, &row.category, &row.activity), row.line);
                keep[i] = true;
            }
        }
    }
    let kept: Vec<Row> = rows.iter().zip(&keep).filter(|(_, k)| **k).map(|(r, _)| r.clone()).collect();
    let mut by_spelling: HashMap<(usize, String, String), Vec<&Row>> = HashMap::new();
    for row in &kept {
        by_spelling.entry(spelling_key(row)).or_default().push(row);
    }
    for row in &kept {
        for other in by_spelling[&spelling_key(row)].iter().filter(|o| o.line != row.line) {
            notes.push(Note {
                line: row.line,
                kind: NoteKind::SpellingVariant,
                text: format!(
                    "{} | {} differs only in case or spacing from line {} ({} | {}); both are entries",
                    row.category, row.activity, other.line, other.category, other.activity
                ),
            });
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str = "---\ntitle: T | Docs\nms.date: 01/02/2023\n---\n# Title\n\n";

    fn page(body: &str) -> PageRows {
        read(&format!("{FRONT}{body}")).unwrap()
    }

    fn triples(p: &PageRows) -> Vec<(String, String, String, u32)> {
        p.rows
            .iter()
            .map(|r| (p.sections[r.section].heading.clone(), r.category.clone(), r.activity.clone(), r.line))
            .collect()
    }

    fn kinds(p: &PageRows) -> Vec<(u32, NoteKind)> {
        p.notes.iter().map(|n| (n.line, n.kind)).collect()
    }

    fn t(s: &str, c: &str, a: &str, l: u32) -> (String, String, String, u32) {
        (s.into(), c.into(), a.into(), l)
    }

    #[test]
    fn front_matter_and_title() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n");
        assert_eq!(p.title, "Title");
        assert_eq!(p.date, "2023-01-02");
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11)]);
        assert!(p.notes.is_empty(), "{:?}", p.notes);
    }

    #[test]
    fn blank_line_splits_a_table() {
        let p =
            page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n\n\n|C|B|\n|D|E|\n\n## Next steps\n\nprose\n");
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11), t("S", "C", "B", 14), t("S", "D", "E", 15)]);
        assert_eq!(kinds(&p), vec![(14, NoteKind::RowsWithoutHeader)]);
    }

    #[test]
    fn rows_without_header_and_no_table_above_is_an_error() {
        let e = read(&format!("{FRONT}## S\n\n|C|A|\n")).unwrap_err();
        assert_eq!(e.line, Some(9));
        assert!(e.message.contains("no header row"), "{e}");
    }

    #[test]
    fn missing_closing_pipe() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A\n|C|B|\n");
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11), t("S", "C", "B", 12)]);
        assert_eq!(kinds(&p), vec![(11, NoteKind::MissingClosingPipe)]);
    }

    #[test]
    fn doubled_pipe() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|RoleManagement||Update role|\n");
        assert_eq!(triples(&p), vec![t("S", "RoleManagement", "Update role", 11)]);
        assert_eq!(kinds(&p), vec![(11, NoteKind::DoubledPipe)]);
    }

    #[test]
    fn tabs_and_spaces() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\t\t \n|C|B |\n| C | D |\n|C|\tE\t|\n");
        assert_eq!(
            triples(&p),
            vec![t("S", "C", "A", 11), t("S", "C", "B", 12), t("S", "C", "D", 13), t("S", "C", "E", 14)]
        );
        assert_eq!(
            kinds(&p),
            vec![(11, NoteKind::TrailingWhitespace), (12, NoteKind::CellWhitespace), (14, NoteKind::CellWhitespace)]
        );
    }

    #[test]
    fn exact_duplicates_are_one_entry_with_a_note() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n|C|B|\n|C|A|\n");
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11), t("S", "C", "B", 12)]);
        assert_eq!(p.rows_read, 3);
        assert_eq!(kinds(&p), vec![(13, NoteKind::DuplicateRow)]);
        assert!(p.notes[0].text.contains("line 11"));
    }

    #[test]
    fn same_row_in_two_sections_is_two_entries() {
        let p = page(
            "## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n\n## T\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n",
        );
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11), t("T", "C", "A", 17)]);
        assert!(p.notes.is_empty());
    }

    #[test]
    fn case_variants_stay_two_entries_and_point_at_each_other() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|Create Company|\n|C|Create company|\n");
        assert_eq!(p.rows.len(), 2);
        assert_eq!(kinds(&p), vec![(11, NoteKind::SpellingVariant), (12, NoteKind::SpellingVariant)]);
        assert!(p.notes[0].text.contains("line 12"));
        assert!(p.notes[1].text.contains("line 11"));
    }

    #[test]
    fn category_spellings_kept_as_written() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|User Management|A|\n|UserManagement|B|\n");
        assert_eq!(triples(&p), vec![t("S", "User Management", "A", 11), t("S", "UserManagement", "B", 12)]);
    }

    #[test]
    fn yaml_front_matter_is_not_text_and_headings_of_any_level() {
        let p = page(
            "Prose.\n\n<a name='x'></a>\n#### <a name='y'></a>Microsoft Entra thing\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n",
        );
        assert_eq!(triples(&p), vec![t("Microsoft Entra thing", "C", "A", 14)]);
    }

    #[test]
    fn description_column() {
        let p = page(
            "## S\n\n|Audit Category|Activity|Description|\n|---|---|---|\n|C|A|Does [a](https://x.example/a).|\n|C|B||\n|C|D|\n",
        );
        let d: Vec<_> = p.rows.iter().map(|r| r.description.as_deref()).collect();
        assert_eq!(d, vec![Some("Does [a](https://x.example/a)."), None, None]);
    }

    #[test]
    fn section_without_table_is_noted_but_next_steps_is_not() {
        let p = page(
            "## Empty\n\nJust prose.\n\n## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n\n## Next steps\n\n- link\n",
        );
        assert_eq!(p.sections.len(), 1);
        assert_eq!(kinds(&p), vec![(7, NoteKind::SectionWithoutTable)]);
    }

    #[test]
    fn row_broken_over_two_lines() {
        let p = page("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A\n|\n|C|B|\n");
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11), t("S", "C", "B", 13)]);
        assert_eq!(kinds(&p), vec![(11, NoteKind::RowContinued)]);
    }

    #[test]
    fn stray_whitespace_after_header_row() {
        let p = page("## S\n\n|Audit Category|Activity|   \n|---|---|\n|C|A|\n");
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11)]);
        assert_eq!(kinds(&p), vec![(9, NoteKind::TrailingWhitespace)]);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("## S\n\n|Audit Category|Activity|\n|---|---|\n|C||\n", Some(11), "no activity"),
            ("## S\n\n|Audit Category|Activity|\n|---|---|\n||A|\n", Some(11), "no category"),
            ("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|B|\n", Some(11), "3 cells"),
            ("## S\n\n|A|B|C|D|\n|---|---|---|---|\n|C|A|B|D|\n", Some(9), "no category and activity"),
            ("## S\n\n|Audit Category|Activity|\n|---|---|\n|C|{long}|\n", Some(11), "names may be at most 200"),
            ("## S\n\nNo tables.\n", None, "no activity tables"),
        ];
        for (body, line, needle) in cases {
            let body = body.replace("{long}", &"x".repeat(201));
            let e = read(&format!("{FRONT}{body}")).unwrap_err();
            assert_eq!(e.line, line, "{e}");
            assert!(e.to_string().contains(needle), "{e} lacks {needle:?}");
        }
        let e = read("# T\n\n## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n").unwrap_err();
        assert!(e.message.contains("ms.date"), "{e}");
        let e = read("---\nms.date: 13/01/2022\n---\n# T\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn a_newer_page_with_every_change_at_once() {
        // tests/fixtures/pages/entra-2024.md: `####` headings, renamed headings, a third
        // `Description` column (links, empty), HTML anchors and prose, a section without a
        // table, a row broken over two lines, whitespace after a header row.
        let p = read(include_str!("../../tests/fixtures/pages/entra-2024.md")).unwrap();
        assert_eq!(p.title, "Microsoft Entra audit log activity reference");
        assert_eq!(p.date, "2024-03-14");
        let headings: Vec<_> = p.sections.iter().map(|s| (s.heading.as_str(), s.line)).collect();
        assert_eq!(headings, [("Access reviews", 17), ("Core Directory", 29), ("Microsoft Entra Workload ID", 43)]);
        assert_eq!(
            triples(&p),
            vec![
                t("Access reviews", "DirectoryManagement", "Create program", 23),
                t("Access reviews", "Policy", "Access review ended", 24),
                t("Access reviews", "UserManagement", "Apply review", 25),
                t("Core Directory", "UserManagement", "Add user", 33),
                t("Core Directory", "UserManagement", "Update user", 34),
                t("Core Directory", "User Management", "Delete user", 36),
                t("Core Directory", "AdministrativeUnit", "Add member to administrative unit", 37),
                t("Microsoft Entra Workload ID", "WorkloadIdentityManagement", "Add federated identity credential", 47),
                t(
                    "Microsoft Entra Workload ID",
                    "WorkloadIdentityManagement",
                    "Remove federated identity credential",
                    48
                ),
            ]
        );
        let d: Vec<_> = p.rows.iter().map(|r| r.description.as_deref()).collect();
        assert_eq!(d[0], Some("Creates a [program](https://learn.example/programs)."));
        assert_eq!(d[1], None);
        assert_eq!(d[3], None, "a two-column table has no descriptions");
        assert_eq!(d[7], Some("Adds a credential to an application."));
        assert_eq!(
            kinds(&p),
            vec![(21, NoteKind::TrailingWhitespace), (34, NoteKind::RowContinued), (39, NoteKind::SectionWithoutTable)]
        );
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date("11/29/2022").as_deref(), Some("2022-11-29"));
        assert_eq!(iso_date("1/2/2023").as_deref(), Some("2023-01-02"));
        assert_eq!(iso_date("2022-11-29"), None);
        assert_eq!(iso_date("11/29/22"), None);
        assert_eq!(iso_date("0/1/2022"), None);
    }

    #[test]
    fn reworded_headers_are_read_by_position() {
        let p = page(
            "## S\n\n|Audit Categry|Activty|\n|---|---|\n|C|A|\n\n## T\n\n|Kind|Name|Notes|\n|---|---|---|\n|C|B|d|\n",
        );
        assert_eq!(triples(&p), vec![t("S", "C", "A", 11), t("T", "C", "B", 17)]);
        assert_eq!(p.rows[1].description.as_deref(), Some("d"));
        assert_eq!(kinds(&p), vec![(9, NoteKind::HeaderByPosition), (15, NoteKind::HeaderByPosition)]);
    }

    #[test]
    fn both_bundled_pages_read() {
        let p = read(include_str!("../../data/pages/reference-audit-activities.md")).unwrap();
        assert_eq!((p.date.as_str(), p.rows.len(), p.rows_read, p.notes.len()), ("2022-11-29", 826, 828, 37));
        let p = read(include_str!("../../data/pages/reference-audit-activities.2024-10-04.md")).unwrap();
        assert_eq!((p.date.as_str(), p.rows.len(), p.sections.len()), ("2024-10-04", 1196, 28));
    }
}
