//! Nested values (`initiatedBy`, `targetResources`, `additionalDetails`): kept as JSON text
//! when a record is read, checked there for syntax and for their kind (object or array), and
//! parsed into typed values only when asked for.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, IgnoredAny, MapAccess, Unexpected};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::fields::TextVisitor;
use super::{RecordError, RecordErrorKind};

/// A value nested in a record (`initiatedBy`, `targetResources`, `additionalDetails`), kept as
/// the JSON text of an object or array and parsed when asked for: with [`Nested::read`], or
/// with [`Record::initiated_by`](super::Record::initiated_by) and its siblings, which pick the
/// field of any shape.
///
/// Reading the record checked that the text is JSON and that it is the kind of value the field
/// holds (an object for `initiatedBy`, an array for the others); what the object or array
/// holds is checked when it is read. A Log Analytics dynamic column written as a string
/// holding JSON is kept as the JSON the string holds (its escapes resolved), so either way of
/// writing it reads the same.
///
/// Equal when their texts are equal; serializes as the JSON value it holds.
///
/// ```
/// use aad_audit_catalog::records::{Record, TargetResource};
///
/// let line = r#"{"activityDisplayName": "Add user", "targetResources": [{"id": "6b8d", "type": "User"}]}"#;
/// let Record::Graph(graph) = Record::from_json(line).unwrap() else { panic!() };
/// let nested = graph.target_resources.as_ref().unwrap();
/// assert_eq!(nested.json(), r#"[{"id": "6b8d", "type": "User"}]"#);
/// let targets: Vec<TargetResource<'_>> = nested.read().unwrap();
/// assert_eq!(targets[0].resource_type.as_deref(), Some("User"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nested<'a>(Cow<'a, str>);

impl Nested<'_> {
    /// The value's JSON text: an object or an array.
    pub fn json(&self) -> &str {
        &self.0
    }

    /// Reads the value as `T` (one of the crate's nested types, `serde_json::Value`, a type of
    /// your own), borrowing its strings from the text where `T` allows. An error says what is
    /// wrong and where in the value's text.
    pub fn read<'r, T: Deserialize<'r>>(&'r self) -> Result<T, RecordError> {
        serde_json::from_str(&self.0).map_err(|e| {
            let message = super::error::strip_position(&e);
            let at = format!(" (at line {} column {} of the value)", e.line(), e.column());
            RecordError::new(RecordErrorKind::Invalid, message + &at)
        })
    }

    /// The same value owning its text, so that it outlives the input it was read from.
    pub fn into_owned(self) -> Nested<'static> {
        Nested(Cow::Owned(self.0.into_owned()))
    }
}

impl Serialize for Nested<'_> {
    /// The JSON value the text holds, as it is written (with serde_json's serializers, which
    /// know raw JSON values).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw: &RawValue = serde_json::from_str(&self.0).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// The kind of value a nested field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `initiatedBy`.
    Object,
    /// `targetResources`, `additionalDetails`.
    Array,
}

impl Kind {
    /// The byte its JSON text starts with.
    const fn opener(self) -> u8 {
        match self {
            Kind::Object => b'{',
            Kind::Array => b'[',
        }
    }
}

impl de::Expected for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Object => "a JSON object, or a string holding one",
            Kind::Array => "a JSON array, or a string holding one",
        })
    }
}

/// Reads the value of a nested field of `kind`: its JSON text (borrowed from the input, or
/// owned when `owned`, for deserializers that lend nothing), or the JSON a string holds;
/// `None` for `null` or a blank string. The text is scanned once, for syntax, and not parsed.
pub(super) fn next_nested<'de, A: MapAccess<'de>>(
    map: &mut A,
    kind: Kind,
    owned: bool,
) -> Result<Option<Nested<'de>>, A::Error> {
    let text: Cow<'de, str> = if owned {
        Cow::Owned(String::from(Box::<str>::from(map.next_value::<Box<RawValue>>()?)))
    } else {
        Cow::Borrowed(map.next_value::<&'de RawValue>()?.get())
    };
    match text.as_bytes().first() {
        Some(b'n') => Ok(None),
        Some(b'"') => held(text, kind),
        Some(&b) if b == kind.opener() => Ok(Some(Nested(text))),
        _ => Err(de::Error::invalid_type(unexpected(&text), &kind)),
    }
}

/// The JSON a string holds (`text` is the string's JSON), checked for syntax and kind.
fn held<E: de::Error>(text: Cow<'_, str>, kind: Kind) -> Result<Option<Nested<'_>>, E> {
    let inner = match text {
        Cow::Borrowed(text) => unescape(text),
        Cow::Owned(text) => Cow::Owned(unescape(&text).into_owned()),
    };
    let trimmed = inner.trim();
    let Some(&first) = trimmed.as_bytes().first() else { return Ok(None) };
    // Untrimmed, so that the column is the string's.
    if let Err(e) = serde_json::from_str::<IgnoredAny>(&inner) {
        return Err(E::custom(format_args!(
            "a string that should hold JSON but does not ({}, at column {} of the string)",
            super::error::strip_position(&e),
            e.column()
        )));
    }
    if first != kind.opener() {
        let found = describe(first);
        return Err(E::custom(format_args!("invalid type: a string holding {found}, expected {}", Expecting(kind))));
    }
    let inner = match inner {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.len() == trimmed.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    };
    Ok(Some(Nested(inner)))
}

/// The text of a JSON string (already checked), escapes resolved: borrowed when it has none.
fn unescape(json: &str) -> Cow<'_, str> {
    let mut de = serde_json::Deserializer::from_str(json);
    let text = TextVisitor { scalars: false, _life: std::marker::PhantomData }.deserialize(&mut de);
    text.ok().flatten().unwrap_or(Cow::Borrowed(""))
}

/// What a JSON value starting with `first` is, for messages.
fn describe(first: u8) -> &'static str {
    match first {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

/// A kind, displayed as what was expected.
struct Expecting(Kind);

impl fmt::Display for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        de::Expected::fmt(&self.0, f)
    }
}

/// What a JSON value (already checked) is, for messages.
fn unexpected(json: &str) -> Unexpected<'_> {
    match json.as_bytes().first() {
        Some(b'{') => Unexpected::Map,
        Some(b'[') => Unexpected::Seq,
        Some(b'"') => Unexpected::Other("a string"),
        Some(b't') => Unexpected::Bool(true),
        Some(b'f') => Unexpected::Bool(false),
        _ => match (json.parse::<u64>(), json.parse::<i64>(), json.parse::<f64>()) {
            (Ok(n), _, _) => Unexpected::Unsigned(n),
            (_, Ok(n), _) => Unexpected::Signed(n),
            (_, _, Ok(n)) => Unexpected::Float(n),
            _ => Unexpected::Other("a number"),
        },
    }
}
