//! Why a JSON text is not a readable record.

use std::fmt;

use serde::Serialize;

/// What kind of problem a [`RecordError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RecordErrorKind {
    /// Not JSON (or cut short).
    Syntax,
    /// JSON, but not an object.
    NotAnObject,
    /// An object, but not of any record shape.
    Unrecognized,
    /// A record whose fields have the wrong types (a number where text belongs, ...).
    Invalid,
    /// A record missing a part needed to check it.
    Incomplete,
}

impl RecordErrorKind {
    /// `syntax`, `not-an-object`, `unrecognized`, `invalid` or `incomplete`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RecordErrorKind::Syntax => "syntax",
            RecordErrorKind::NotAnObject => "not-an-object",
            RecordErrorKind::Unrecognized => "unrecognized",
            RecordErrorKind::Invalid => "invalid",
            RecordErrorKind::Incomplete => "incomplete",
        }
    }
}

/// Why a JSON text is not a readable record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    kind: RecordErrorKind,
    message: String,
    position: Option<(usize, usize)>,
    cut_short: bool,
}

impl RecordError {
    /// An error of `kind` saying `message`, with no position (for problems found before the
    /// JSON is read: a line too long, bytes that are not UTF-8, ...).
    pub fn new(kind: RecordErrorKind, message: impl Into<String>) -> RecordError {
        RecordError { kind, message: message.into(), position: None, cut_short: false }
    }

    pub(super) fn from_json(e: serde_json::Error) -> RecordError {
        use serde_json::error::Category;
        let kind = match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => RecordErrorKind::Syntax,
            Category::Data => RecordErrorKind::Invalid,
        };
        let message = strip_position(&e);
        let position = (e.line() > 0).then(|| (e.line(), e.column()));
        RecordError { kind, message, position, cut_short: e.is_eof() }
    }

    /// Whether the text ended inside the record (more of it may be still to come).
    pub const fn is_cut_short(&self) -> bool {
        self.cut_short
    }

    /// What kind of problem it is.
    pub const fn kind(&self) -> RecordErrorKind {
        self.kind
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line and column within the record's text where it went wrong, for JSON errors.
    pub const fn position(&self) -> Option<(usize, usize)> {
        self.position
    }
}

impl fmt::Display for RecordError {
    /// The message, then ` at line L column C` where known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RecordError {}

/// serde_json's message without its trailing ` at line L column C`.
pub(super) fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}
