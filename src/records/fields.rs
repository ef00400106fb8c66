//! Lenient field readers: how each kind of field is read whatever the export wrote. Text
//! fields take a string (borrowed where the input allows), `null` or nothing; scalar fields
//! also take numbers and booleans, kept as text; nested values take the JSON value or a
//! string holding it (Log Analytics dynamic columns in query exports).
//!
//! Each reader is both a `deserialize_with` function (for the derived nested types) and a
//! `DeserializeSeed` (for the record visitor in `read`).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

/// A string field: text (borrowed where the input allows), `null` or absent.
pub(super) fn text<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    TextVisitor { scalars: false, _life: PhantomData }.deserialize(d)
}

/// A field that exports write as a string or a number (`durationMs`, `Level`): kept as text.
pub(super) fn scalar<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    TextVisitor { scalars: true, _life: PhantomData }.deserialize(d)
}

/// A text field (`scalars: false`) or a scalar field (`scalars: true`), as a seed.
#[derive(Clone, Copy)]
pub(super) struct TextVisitor<'a> {
    pub(super) scalars: bool,
    pub(super) _life: PhantomData<&'a ()>,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for TextVisitor<'a> {
    type Value = Option<Cow<'a, str>>;

    /// One dispatch on the value's first byte: a string (the common case), `null`, or for
    /// scalar fields a number or boolean; anything else is the wrong type.
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'a> TextVisitor<'a> {
    fn number<E: de::Error>(self, n: impl ToString, unexpected: Unexpected<'_>) -> Result<Option<Cow<'a, str>>, E> {
        if self.scalars { Ok(Some(Cow::Owned(n.to_string()))) } else { Err(E::invalid_type(unexpected, &self)) }
    }
}

impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
    type Value = Option<Cow<'a, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.scalars { "a string or a number" } else { "a string" })
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.scalars { d.deserialize_any(self) } else { d.deserialize_str(self) }
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Signed(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Float(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.number(v, Unexpected::Bool(v))
    }
}

/// A nested value (`initiatedBy`, `targetResources`, ...): the JSON value itself, a string
/// holding it (Log Analytics dynamic columns in query exports), or `null`, blank or absent
/// for the default.
pub(super) fn dynamic<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    d.deserialize_any(DynamicVisitor(PhantomData))
}

/// A nested value, as a seed.
pub(super) struct DynamicVisitor<T>(pub(super) PhantomData<T>);

impl<'de, T: Deserialize<'de> + Default> DeserializeSeed<'de> for DynamicVisitor<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de> + Default> DynamicVisitor<T> {
    fn embedded<E: de::Error>(v: &str) -> Result<T, E> {
        if v.trim().is_empty() {
            return Ok(T::default());
        }
        // A reader-backed deserializer lends nothing, so the value owns its strings and may
        // outlive `v`.
        let mut de = serde_json::Deserializer::from_reader(v.as_bytes());
        let value = T::deserialize(&mut de).and_then(|t| de.end().map(|()| t));
        value.map_err(|e| {
            // Said without serde_json's trailing ` at line L column C`, which the outer
            // deserializer would take for a position in the record.
            E::custom(format_args!(
                "a string that should hold JSON but does not ({}, at column {} of the string)",
                super::error::strip_position(&e),
                e.column()
            ))
        })
    }
}

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for DynamicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array, or a string holding one")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Self::embedded(v)
    }
}
