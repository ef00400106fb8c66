//! A small KQL tokenizer: enough of the language to find where string literals are compared
//! with columns (there is no maintained KQL parser for Rust).
//!
//! It knows string literals (`"..."` and `'...'` with backslash escapes, verbatim `@"..."`,
//! obfuscated `h"..."`/`H@'...'`, and multi-line ```` ```...``` ````), `//` comments,
//! brackets, identifiers (with `-` inside operator names like `mv-expand`, and the negated and
//! `~` forms of word operators: `!in`, `in~`, `!has_cs`), numbers, and the comparison
//! operators `==`, `!=`, `=~`, `!~`, `<=`, `>=`, `<>`. Everything else is one character of
//! punctuation. An unterminated string runs to the end of its line.

use core::ops::Range;
use std::string::String;
use std::vec::Vec;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// A string literal, decoded.
    Str(String),
    /// An identifier, keyword or word operator (`where`, `OperationName`, `!in~`).
    Ident,
    /// A number, timespan or similar literal starting with a digit (`1d`, `0.5`).
    Number,
    /// A symbolic comparison operator (`==`, `!=`, `=~`, `!~`, `<=`, `>=`, `<>`).
    Op,
    /// Any other single character (`|`, `(`, `,`, `=`, ...).
    Punct(char),
}

/// A token and where it is in the query (bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    /// What it is.
    pub kind: Kind,
    /// Where it is.
    pub span: Range<usize>,
}

impl Token {
    /// The token's source text.
    pub(super) fn text<'q>(&self, query: &'q str) -> &'q str {
        &query[self.span.clone()]
    }

    /// Whether the token is the punctuation `c`.
    pub(super) fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// The tokens of `query`, comments and whitespace left out.
pub(super) fn tokenize(query: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = query[at..].chars().next() {
        let rest = &query[at..];
        let (kind, len) = if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        } else if rest.starts_with("//") {
            at += rest.find('\n').unwrap_or(rest.len());
            continue;
        } else if let Some((value, len)) = string(rest) {
            (Kind::Str(value), len)
        } else if c.is_ascii_digit() {
            (Kind::Number, word_len(rest, false))
        } else if c.is_alphabetic() || c == '_' || c == '$' || (c == '!' && starts_word(&rest[1..])) {
            (Kind::Ident, ident_len(rest))
        } else if let Some(op) = ["==", "!=", "=~", "!~", "<=", ">=", "<>"].iter().find(|op| rest.starts_with(**op)) {
            (Kind::Op, op.len())
        } else {
            (Kind::Punct(c), c.len_utf8())
        };
        out.push(Token { kind, span: at..at + len });
        at += len;
    }
    out
}

fn starts_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Length of a run of letters, digits and `_` (and `.` when `dots`).
fn word_len(s: &str, dots: bool) -> usize {
    s.char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || (dots && *c == '.')))
        .map_or(s.len(), |(i, _)| i)
}

/// Length of an identifier at the start of `s`: an optional `!` or `$`, a word, words joined
/// by `-` (`mv-expand`), and a trailing `~` on `in`/`!in`.
fn ident_len(s: &str) -> usize {
    let mut len = usize::from(s.starts_with(['!', '$']));
    len += word_len(&s[len..], false);
    while s[len..].starts_with('-') && starts_word(&s[len + 1..]) {
        len += 1 + word_len(&s[len + 1..], false);
    }
    if matches!(&s[..len], "in" | "!in") && s[len..].starts_with('~') {
        len += 1;
    }
    len
}

/// A string literal at the start of `s`: its decoded value and its length in bytes.
fn string(s: &str) -> Option<(String, usize)> {
    if let Some(body) = s.strip_prefix("```") {
        return Some(match body.find("```") {
            Some(end) => (body[..end].into(), 3 + end + 3),
            None => (body.into(), s.len()),
        });
    }
    // Prefixes: h/H (obfuscated, still a plain string for us), then @ (verbatim).
    let mut prefix = 0;
    if s.starts_with(['h', 'H']) && s[1..].starts_with(['"', '\'', '@']) {
        prefix = 1;
    }
    let verbatim = s[prefix..].starts_with('@');
    if verbatim {
        prefix += 1;
    }
    let quote = s[prefix..].chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let (value, len) = quoted(&s[prefix + 1..], quote, verbatim);
    Some((value, prefix + 1 + len))
}

/// The body of a quoted string after its opening quote: the decoded value and the length
/// used, the closing quote included (to the end of the line when there is none).
fn quoted(body: &str, quote: char, verbatim: bool) -> (String, usize) {
    let mut value = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            if verbatim && body[i + 1..].starts_with(quote) {
                // A doubled quote in a verbatim string is one quote.
                value.push(quote);
                chars.next();
                continue;
            }
            return (value, i + 1);
        }
        if c == '\n' {
            return (value, i);
        }
        if c == '\\' && !verbatim {
            match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, 'r')) => value.push('\r'),
                Some((_, e)) => value.push(e),
                None => {}
            }
            continue;
        }
        value.push(c);
    }
    (value, body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<(Kind, &str)> {
        tokenize(q).into_iter().map(|t| (t.kind.clone(), t.text(q))).collect()
    }

    fn s(v: &str) -> Kind {
        Kind::Str(v.into())
    }

    #[test]
    fn strings_of_every_kind() {
        let q = r#""a\"b" 'c\'d' @"e\f" @'g''h' h"i" H@'j' ```k
l```"#;
        let values: Vec<Kind> = kinds(q).into_iter().map(|k| k.0).collect();
        assert_eq!(values, [s("a\"b"), s("c'd"), s("e\\f"), s("g'h"), s("i"), s("j"), s("k\nl")]);
    }

    #[test]
    fn operators_identifiers_and_comments() {
        let q = "AuditLogs // x == \"not a token\"\n| where OperationName !in~ (\"a\") and X has_cs 'b' | mv-expand T | where A != 1d";
        let texts: Vec<&str> = kinds(q).into_iter().map(|k| k.1).collect();
        assert_eq!(
            texts,
            [
                "AuditLogs",
                "|",
                "where",
                "OperationName",
                "!in~",
                "(",
                "\"a\"",
                ")",
                "and",
                "X",
                "has_cs",
                "'b'",
                "|",
                "mv-expand",
                "T",
                "|",
                "where",
                "A",
                "!=",
                "1d"
            ]
        );
        assert_eq!(kinds("a=~'x'")[1], (Kind::Op, "=~"));
        assert_eq!(kinds("h")[0], (Kind::Ident, "h"));
        assert_eq!(kinds("'open\nnext")[0], (s("open"), "'open"));
    }
}
