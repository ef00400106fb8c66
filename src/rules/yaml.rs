//! YAML: the documents of a file (through `yaml_serde`, the parser rsigma-parser is built on,
//! so the build has one YAML parser), and where each scalar is in the source.
//!
//! `yaml_serde` gives values without positions, so [`Source`] scans the text for the scalars
//! a rule's detection or query consist of: mapping keys and values in block style
//! (`key: value`, `- item`), flow sequences and mappings (`[a, 'b']`, `{k: v}`, over several
//! lines too), plain, single-quoted (`''` escapes) and double-quoted (backslash escapes)
//! scalars, quoted scalars over several lines (folded as YAML folds them), block scalars
//! (`|`, `>`, with indicators), comments, anchors, tags and aliases, and `---` between
//! documents. Not understood: plain scalars continued on a second line (the lint then points
//! at the key), and complex keys (`? key`). Callers match what they look for by decoded text
//! and fall back to the key's position, so a miss costs precision, never a finding.

use core::ops::Range;
use std::string::{String, ToString};
use std::vec::Vec;

use serde::Deserialize;
use yaml_serde::Value;

/// A YAML syntax error, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YamlError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The parser's message.
    pub message: String,
}

/// Every document of `text`, or the first syntax error.
pub(super) fn documents(text: &str) -> Result<Vec<Value>, YamlError> {
    let mut docs = Vec::new();
    for doc in yaml_serde::Deserializer::from_str(text) {
        match Value::deserialize(doc) {
            Ok(v) => docs.push(v),
            Err(e) => {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
                // The parser's message repeats the position; the error carries it already.
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                // A broken stream may not end: stop at the first error, as rsigma-parser does.
                return Err(YamlError { line, column, message });
            }
        }
    }
    Ok(docs)
}

/// One scalar in the source: a mapping key or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scalar {
    /// Which document (0-based) it is in.
    pub doc: usize,
    /// 1-based line of its first character (the opening quote, for quoted scalars).
    pub line: u32,
    /// 1-based column of its first character, in characters.
    pub column: u32,
    /// Whether it is a mapping key.
    pub key: bool,
    /// The decoded text (empty for block scalars).
    pub text: String,
    /// Where it is in the source, in bytes: the token, quotes included, or for a block scalar
    /// (`|`, `>`) its content lines.
    pub span: Range<usize>,
}

/// The scalars of a YAML file, in source order.
#[derive(Debug, Clone, Default)]
pub(super) struct Source {
    /// Every scalar found.
    pub scalars: Vec<Scalar>,
}

impl Source {
    /// Scans `text`.
    pub(super) fn scan(text: &str) -> Source {
        let mut s = Scanner {
            text,
            lines: Vec::new(),
            line: 0,
            at: 0,
            doc: 0,
            doc_used: false,
            plain_above: None,
            out: Vec::new(),
        };
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            s.lines.push(start..start + line.trim_end_matches(['\n', '\r']).len());
            start += line.len();
        }
        s.run();
        Source { scalars: s.out }
    }

    /// The index of the top-level key `name` (column 1) in document `doc`.
    pub(super) fn top_key(&self, doc: usize, name: &str) -> Option<usize> {
        self.scalars.iter().position(|s| s.doc == doc && s.key && s.column == 1 && s.text == name)
    }

    /// The indices of the scalars in the value of the key at `key`: everything after it up to
    /// the next key at its column or left of it, or the end of its document.
    pub(super) fn block(&self, key: usize) -> Range<usize> {
        let k = &self.scalars[key];
        let end = self.scalars[key + 1..]
            .iter()
            .position(|s| s.doc != k.doc || (s.key && s.column <= k.column))
            .map_or(self.scalars.len(), |p| key + 1 + p);
        key + 1..end
    }

    /// The index of the key `name` directly in the value of the key at `parent` (the keys at
    /// the smallest column in that value).
    pub(super) fn child_key(&self, parent: usize, name: &str) -> Option<usize> {
        let block = self.block(parent);
        let column = self.scalars[block.clone()].iter().filter(|s| s.key).map(|s| s.column).min()?;
        block.into_iter().find(|&i| {
            let s = &self.scalars[i];
            s.key && s.column == column && s.text == name
        })
    }
}

/// The scanner's state: a position (line index, byte in the text) and the scalars found.
struct Scanner<'a> {
    text: &'a str,
    /// Byte range of each line, without its line break.
    lines: Vec<Range<usize>>,
    line: usize,
    /// Byte offset in `text` of the next character to read.
    at: usize,
    doc: usize,
    doc_used: bool,
    /// After a plain value in block style: the column (0-based) its continuation lines are
    /// indented past.
    plain_above: Option<usize>,
    out: Vec<Scalar>,
}

impl Scanner<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..self.lines[self.line].end]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    /// 1-based character column of byte `at` on the current line.
    fn column(&self, at: usize) -> u32 {
        self.text[self.lines[self.line].start..at].chars().count() as u32 + 1
    }

    /// Moves to the start of the next line; at the last line, to its end, and false.
    fn next_line(&mut self) -> bool {
        match self.lines.get(self.line + 1) {
            Some(r) => {
                self.line += 1;
                self.at = r.start;
                true
            }
            None => {
                self.at = self.lines[self.line].end;
                false
            }
        }
    }

    fn push(&mut self, line: u32, column: u32, key: bool, text: String, span: Range<usize>) {
        self.doc_used = true;
        self.out.push(Scalar { doc: self.doc, line, column, key, text, span });
    }

    fn run(&mut self) {
        if self.lines.is_empty() {
            return;
        }
        self.at = self.lines[0].start;
        loop {
            let line = &self.text[self.lines[self.line].clone()];
            let marker = |m: &str| line.starts_with(m) && line[3..].trim().is_empty_or_comment();
            let indent = line.len() - line.trim_start_matches(' ').len();
            if self.plain_above.is_some_and(|column| indent > column) && !line.trim().is_empty() {
                // A plain scalar continued on this line: nothing new starts here.
            } else if marker("---") || marker("...") {
                self.plain_above = None;
                if self.doc_used {
                    self.doc += 1;
                    self.doc_used = false;
                }
            } else if !line.starts_with('%') {
                self.plain_above = None;
                self.block_line();
            }
            if !self.next_line() {
                return;
            }
        }
    }

    /// Reads the scalars of one block-style line (and of any flow collection or quoted scalar
    /// that continues on the lines after it).
    fn block_line(&mut self) {
        // The column a block scalar's content must be right of: the last key's, else the
        // line's indentation.
        let mut parent = self.rest().len() - self.rest().trim_start_matches(' ').len();
        loop {
            self.skip_spaces();
            let start_line = self.line;
            match self.peek() {
                None | Some('#') => return,
                Some('-') if matches!(self.rest()[1..].chars().next(), None | Some(' ' | '\t')) => {
                    parent = self.column(self.at) as usize - 1;
                    self.at += 1;
                }
                Some('[' | '{') => return self.flow(),
                Some('&' | '!') => self.skip_token(),
                Some('*') => return,
                Some('|' | '>') => return self.block_scalar(parent),
                Some(_) => {
                    let (line, column, start) = (self.line as u32 + 1, self.column(self.at), self.at);
                    let text = self.scalar(false);
                    let span = start..self.at;
                    self.skip_spaces();
                    if self.line == start_line && self.key_colon() {
                        parent = column as usize - 1;
                        self.push(line, column, true, text, span);
                    } else {
                        // More-indented lines after a plain value continue it.
                        let plain = !matches!(self.text[span.start..].chars().next(), Some('\'' | '"'));
                        self.plain_above = plain.then_some(parent);
                        self.push(line, column, false, text, span);
                        return;
                    }
                }
            }
        }
    }

    /// If a `:` that ends a key is next, skips it and says so.
    fn key_colon(&mut self) -> bool {
        let rest = self.rest();
        let is_key = rest.starts_with(':') && matches!(rest[1..].chars().next(), None | Some(' ' | '\t'));
        if is_key {
            self.at += 1;
        }
        is_key
    }

    fn skip_token(&mut self) {
        let rest = self.rest();
        self.at += rest.find([' ', '\t']).unwrap_or(rest.len());
    }

    /// A block scalar (`|`, `>`, with indicators): its content is every following line that
    /// is blank or indented right of column `parent` (0-based).
    fn block_scalar(&mut self, parent: usize) {
        let (line, column) = (self.line as u32 + 1, self.column(self.at));
        let start = self.lines.get(self.line + 1).map_or(self.text.len(), |r| r.start);
        let mut end = start;
        while let Some(next) = self.lines.get(self.line + 1) {
            let text = &self.text[next.clone()];
            let indent = text.len() - text.trim_start_matches(' ').len();
            if !text.trim().is_empty() && indent <= parent {
                break;
            }
            end = next.end;
            self.line += 1;
        }
        self.at = self.lines[self.line].end;
        self.push(line, column, false, String::new(), start..end.max(start));
    }

    /// A flow collection (`[...]` or `{...}`), nested ones included, over as many lines as it
    /// takes.
    fn flow(&mut self) {
        let mut depth = 0usize;
        loop {
            self.skip_spaces();
            match self.peek() {
                None | Some('#') => {
                    if !self.next_line() {
                        return;
                    }
                }
                Some('[' | '{') => {
                    depth += 1;
                    self.at += 1;
                }
                Some(']' | '}') => {
                    self.at += 1;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                Some(',') => self.at += 1,
                Some('&' | '!' | '*') => self.skip_flow_token(),
                Some(_) => self.flow_scalar(),
            }
        }
    }

    fn skip_flow_token(&mut self) {
        let rest = self.rest();
        self.at += rest.find([' ', '\t', ',', ']', '}']).unwrap_or(rest.len());
    }

    /// One scalar inside a flow collection, a key if a `:` follows it.
    fn flow_scalar(&mut self) {
        let (line, column, start) = (self.line as u32 + 1, self.column(self.at), self.at);
        let text = self.scalar(true);
        let span = start..self.at;
        self.skip_spaces();
        let key = self.rest().starts_with(':');
        if key {
            self.at += 1;
        }
        self.push(line, column, key, text, span);
    }

    /// A scalar at the current position: quoted (over several lines if need be) or plain (to
    /// the end of the line, a comment, a `: `, or in flow context a `,`, `]`, `}` or `:`).
    fn scalar(&mut self, flow: bool) -> String {
        match self.peek() {
            Some(q @ ('\'' | '"')) => {
                self.at += 1;
                self.quoted(q)
            }
            _ => {
                let rest = self.rest();
                let mut end = rest.len();
                for (i, c) in rest.char_indices() {
                    let next = rest[i + c.len_utf8()..].chars().next();
                    let ends_key = c == ':' && (flow || matches!(next, None | Some(' ' | '\t')));
                    let comment = c == '#' && i > 0 && rest[..i].ends_with([' ', '\t']);
                    if ends_key || comment || (flow && matches!(c, ',' | ']' | '}')) {
                        end = i;
                        break;
                    }
                }
                let text = rest[..end].trim_end().to_string();
                self.at += rest[..end].trim_end().len();
                text
            }
        }
    }

    /// The rest of a quoted scalar after its opening quote, decoded; line breaks fold to one
    /// space (an empty line to a line break), as YAML folds quoted scalars.
    fn quoted(&mut self, quote: char) -> String {
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let mut chars = rest.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if c == quote && quote == '\'' && rest[i + 1..].starts_with('\'') {
                    out.push('\'');
                    chars.next();
                } else if c == quote {
                    self.at += i + 1;
                    return out;
                } else if c == '\\' && quote == '"' {
                    let escaped: String = rest[i + 1..].chars().take(9).collect();
                    let (decoded, used) = unescape(&escaped);
                    out.push_str(&decoded);
                    for _ in 0..used {
                        chars.next();
                    }
                } else {
                    out.push(c);
                }
            }
            // The scalar goes on: fold the line break.
            let trimmed = out.trim_end_matches([' ', '\t']).len();
            out.truncate(trimmed);
            let mut breaks = 0;
            loop {
                if !self.next_line() {
                    return out;
                }
                if !self.rest().trim().is_empty() {
                    break;
                }
                breaks += 1;
            }
            out.push_str(if breaks == 0 { " " } else { "\n" });
            self.skip_spaces();
        }
    }
}

/// A double-quoted scalar's escape (the text after the backslash): the decoded text and how
/// many characters of `escaped` it used.
fn unescape(escaped: &str) -> (String, usize) {
    let mut chars = escaped.chars();
    let Some(c) = chars.next() else { return (String::from("\\"), 0) };
    let hex = |n: usize| {
        let digits: String = escaped.chars().skip(1).take(n).collect();
        u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).map(|c| (c.to_string(), n + 1))
    };
    let simple = |s: &str| Some((s.to_string(), 1));
    let decoded = match c {
        '0' => simple("\0"),
        'a' => simple("\u{7}"),
        'b' => simple("\u{8}"),
        't' | '\t' => simple("\t"),
        'n' => simple("\n"),
        'v' => simple("\u{b}"),
        'f' => simple("\u{c}"),
        'r' => simple("\r"),
        'e' => simple("\u{1b}"),
        ' ' => simple(" "),
        '"' => simple("\""),
        '/' => simple("/"),
        '\\' => simple("\\"),
        'N' => simple("\u{85}"),
        '_' => simple("\u{a0}"),
        'L' => simple("\u{2028}"),
        'P' => simple("\u{2029}"),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        _ => None,
    };
    decoded.unwrap_or_else(|| (std::format!("\\{c}"), 1))
}

trait EmptyOrComment {
    fn is_empty_or_comment(&self) -> bool;
}

impl EmptyOrComment for str {
    /// Whether the text is empty or a comment (after trimming).
    fn is_empty_or_comment(&self) -> bool {
        self.is_empty() || self.starts_with('#')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &Source) -> Vec<(u32, u32, bool, &str)> {
        src.scalars.iter().map(|s| (s.line, s.column, s.key, s.text.as_str())).collect()
    }

    #[test]
    fn block_flow_and_quoted_scalars() {
        let text =
            "a: 1\nb:\n  - 'it''s'   # c\n  - \"x\\ty\"\nc: [p, 'q r',\n  \"s\"]\nd: {k: v}\ne: &x plain: not key\n";
        let src = Source::scan(text);
        assert_eq!(
            texts(&src),
            [
                (1, 1, true, "a"),
                (1, 4, false, "1"),
                (2, 1, true, "b"),
                (3, 5, false, "it's"),
                (4, 5, false, "x\ty"),
                (5, 1, true, "c"),
                (5, 5, false, "p"),
                (5, 8, false, "q r"),
                (6, 3, false, "s"),
                (7, 1, true, "d"),
                (7, 5, true, "k"),
                (7, 8, false, "v"),
                (8, 1, true, "e"),
                (8, 7, true, "plain"),
                (8, 14, false, "not key"),
            ]
        );
    }

    #[test]
    fn block_scalars_documents_and_multiline_quotes() {
        let text = "query: |\n  A\n\n  B\nx: 'one\n  two'\n---\ny: >-\n  z\n";
        let src = Source::scan(text);
        let q = &src.scalars[1];
        assert_eq!(&text[q.span.clone()], "  A\n\n  B");
        assert_eq!(src.scalars[3].text, "one two");
        assert_eq!((src.scalars[4].doc, src.scalars[4].text.as_str()), (1, "y"));
        assert_eq!(src.top_key(1, "y"), Some(4));
        assert_eq!(src.top_key(0, "y"), None);
    }

    #[test]
    fn keys_and_blocks() {
        let text = "detection:\n  sel:\n    f|contains:\n      - a\n    g: b\n  other:\n    - f: c\n  condition: sel\n";
        let src = Source::scan(text);
        let detection = src.top_key(0, "detection").unwrap();
        let sel = src.child_key(detection, "sel").unwrap();
        let f = src.child_key(sel, "f|contains").unwrap();
        assert_eq!(src.block(f), f + 1..f + 2);
        let other = src.child_key(detection, "other").unwrap();
        assert_eq!(src.scalars[src.block(other).start].text, "f");
        assert_eq!(src.child_key(detection, "f"), None);
    }

    #[test]
    fn plain_continuations_and_unclosed_quotes() {
        let text = "a: one\n  \"two\nb: 'x\n";
        let src = Source::scan(text);
        assert_eq!(texts(&src), [(1, 1, true, "a"), (1, 4, false, "one"), (3, 1, true, "b"), (3, 4, false, "x")]);
        // Whatever the text, the scanner ends.
        for text in ["'", "\"a\\", "[", "{a: [b", "- |", "key: >\n", "? x", "&", "a: \"b\n\n"] {
            Source::scan(text);
        }
    }

    #[test]
    fn syntax_errors_have_a_location() {
        let e = documents("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(!e.message.contains(" at line "), "{e:?}");
    }
}
