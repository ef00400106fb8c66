//! serde support (feature `serde`): canonical strings and small objects out, lookups in.
//!
//! The shapes are listed in the crate documentation (section *serde*).
//!
//! Deserialized names are borrowed from the input where the deserializer can lend them, and
//! copied otherwise: into a `String` with `std`, into a fixed buffer without it (then a name
//! longer than 256 bytes is an error rather than a lookup).

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use crate::lookup::{Field, Match, Normalization, Normalizations};
use crate::validate::{Suggestion, Validated, ValidationError, ValidationErrorKind};
use crate::{Category, Entry, Listing, Note, NoteKind, Page, Pages, Service};

// ---------------------------------------------------------------------------------------------
// Serialize

impl Serialize for Service {
    /// The name ([`Service::as_str`]).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Page {
    /// The date.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.date())
    }
}

impl Serialize for Pages {
    /// The dates, oldest first.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Serialize for Category {
    /// The canonical name.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Normalizations {
    /// The normalizations' names, in [`Normalization::ALL`] order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for n in self.iter() {
            seq.serialize_element(&n)?;
        }
        seq.end()
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Entry", 5)?;
        s.serialize_field("service", &self.service)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("activity", self.activity)?;
        s.serialize_field("pages", &self.pages)?;
        s.serialize_field("listings", self.listings())?;
        s.end()
    }
}

impl Serialize for Listing {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.description.is_some() { 5 } else { 4 };
        let mut s = serializer.serialize_struct("Listing", len)?;
        s.serialize_field("page", &self.page)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("heading", self.heading())?;
        s.serialize_field("categoryAsWritten", self.category_as_written)?;
        if let Some(d) = self.description {
            s.serialize_field("description", d)?;
        }
        s.end()
    }
}

/// `{"service": [..], "category": [..], "activity": [..]}`: what was forgiven in each part.
struct ForgivenIn([Normalizations; 3]);

impl Serialize for ForgivenIn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(3))?;
        for (field, n) in [Field::Service, Field::Category, Field::Activity].iter().zip(&self.0) {
            m.serialize_entry(field, n)?;
        }
        m.end()
    }
}

impl Serialize for Match {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Match", 4)?;
        s.serialize_field("entry", self.entry)?;
        s.serialize_field("exact", &self.is_exact())?;
        s.serialize_field("forgiven", &self.forgiven())?;
        s.serialize_field("forgivenIn", &ForgivenIn([self.service, self.category, self.activity]))?;
        s.end()
    }
}

impl Serialize for Validated {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Validated", 5)?;
        s.serialize_field("service", &self.service())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("entry", &self.entry())?;
        s.serialize_field("exact", &self.is_exact())?;
        s.serialize_field("forgiven", &self.forgiven())?;
        s.end()
    }
}

/// The stable kebab-case name of a [`ValidationErrorKind`].
pub(crate) const fn kind_name(kind: ValidationErrorKind) -> &'static str {
    match kind {
        ValidationErrorKind::Empty => "empty",
        ValidationErrorKind::UnknownService => "unknown-service",
        ValidationErrorKind::UnknownCategory => "unknown-category",
        ValidationErrorKind::CategoryNotInService { .. } => "category-not-in-service",
        ValidationErrorKind::ActivityElsewhere { .. } => "activity-elsewhere",
        ValidationErrorKind::UnknownActivity => "unknown-activity",
        ValidationErrorKind::NotInPages { .. } => "not-in-pages",
    }
}

impl Serialize for ValidationErrorKind {
    /// `empty`, `unknown-service`, `unknown-category`, `category-not-in-service`,
    /// `activity-elsewhere`, `unknown-activity` or `not-in-pages`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(kind_name(*self))
    }
}

/// Serializes a `Display` value as a string, without allocating.
struct AsText<'a, T: ?Sized>(&'a T);

impl<T: fmt::Display + ?Sized> Serialize for AsText<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// A suggestion as the text a person reads in the error message: a service name, a category
/// name, an activity name or (for an activity listed elsewhere) `service / category`.
struct SuggestionText(ValidationErrorKind, Suggestion);

impl Serialize for SuggestionText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.0, self.1) {
            (_, Suggestion::Service(s)) => serializer.serialize_str(s.as_str()),
            (_, Suggestion::Category(c)) => serializer.serialize_str(c.as_str()),
            (
                ValidationErrorKind::ActivityElsewhere { .. } | ValidationErrorKind::NotInPages { .. },
                Suggestion::Entry(e),
            ) => serializer.collect_str(&format_args!("{} / {}", e.service(), e.category())),
            (_, Suggestion::Entry(e)) => serializer.serialize_str(e.activity()),
        }
    }
}

struct Suggestions<'a>(&'a ValidationError);

impl Serialize for Suggestions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kind = self.0.kind();
        serializer.collect_seq(self.0.suggestions().map(|s| SuggestionText(kind, s)))
    }
}

impl Serialize for ValidationError {
    /// `kind` (see [`ValidationErrorKind`]'s serialization), `field` (`null` for `empty`),
    /// `given` (the text of the wrong part, its first 48 bytes), `givenLength` (of the whole
    /// text, in bytes), `message` (the `Display` line), `suggestions`
    /// (as the message names them: services, categories, activities, or `service / category`
    /// places) and `total` (see [`ValidationError::total`]).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ValidationError", 7)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("field", &self.field())?;
        s.serialize_field("given", self.given())?;
        s.serialize_field("givenLength", &self.given_len())?;
        s.serialize_field("message", &AsText(self))?;
        s.serialize_field("suggestions", &Suggestions(self))?;
        s.serialize_field("total", &self.total())?;
        s.end()
    }
}

impl Serialize for Suggestion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Suggestion::Service(s) => serializer.serialize_newtype_variant("Suggestion", 0, "service", &s),
            Suggestion::Category(c) => serializer.serialize_newtype_variant("Suggestion", 1, "category", &c),
            Suggestion::Entry(e) => serializer.serialize_newtype_variant("Suggestion", 2, "entry", e),
        }
    }
}

impl Serialize for NoteKind {
    /// The kebab-case name (`duplicate-row`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Note", 5)?;
        s.serialize_field("page", &self.page)?;
        s.serialize_field("file", self.page.file())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("text", self.text)?;
        s.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Deserialize

/// How long a name may be when the input cannot lend it (escaped JSON strings, readers) and
/// there is no allocator.
#[cfg(not(feature = "std"))]
const TEXT_BYTES: usize = 256;

/// A string from the input: borrowed when the deserializer can lend it, else copied.
enum Text<'de> {
    Borrowed(&'de str),
    #[cfg(feature = "std")]
    Owned(std::string::String),
    #[cfg(not(feature = "std"))]
    Inline([u8; TEXT_BYTES], usize),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            #[cfg(feature = "std")]
            Text::Owned(s) => s,
            #[cfg(not(feature = "std"))]
            Text::Inline(buf, len) => core::str::from_utf8(&buf[..*len]).unwrap_or_default(),
        }
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text::Borrowed(v))
    }

    #[cfg(feature = "std")]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text::Owned(v.into()))
    }

    #[cfg(feature = "std")]
    fn visit_string<E: de::Error>(self, v: std::string::String) -> Result<Text<'de>, E> {
        Ok(Text::Owned(v))
    }

    #[cfg(not(feature = "std"))]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        let mut buf = [0; TEXT_BYTES];
        buf.get_mut(..v.len())
            .ok_or_else(|| E::custom(format_args!("a name of {} bytes: longer than {TEXT_BYTES}", v.len())))?
            .copy_from_slice(v.as_bytes());
        Ok(Text::Inline(buf, v.len()))
    }
}

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text<'de>, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

/// The error for a name that did not resolve: the validation error's own line, or, for an
/// empty name, what was expected.
fn not_found<E: de::Error>(what: &str, err: ValidationError) -> E {
    if err.kind() == ValidationErrorKind::Empty {
        E::custom(format_args!("an empty {what} name"))
    } else {
        E::custom(err)
    }
}

/// Deserializes a service or category name through `parse`.
struct NameVisitor<T> {
    what: &'static str,
    parse: fn(&str) -> Result<T, ValidationError>,
}

impl<T> Visitor<'_> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} name", self.what)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(|e| not_found(self.what, e))
    }
}

impl<'de> Deserialize<'de> for Service {
    /// A heading or `loggedByService` value, forgiving spelling.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Service, D::Error> {
        deserializer.deserialize_str(NameVisitor { what: "service", parse: |s| s.parse() })
    }
}

impl<'de> Deserialize<'de> for Page {
    /// A date (`2022-11-29`), a file name, `oldest` or `latest`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Page, D::Error> {
        let name = Text::deserialize(deserializer)?;
        name.as_str().parse().map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Category {
    /// Any spelling of a category, forgiving spelling.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Category, D::Error> {
        deserializer.deserialize_str(NameVisitor { what: "category", parse: |s| s.parse() })
    }
}

impl<'de> Deserialize<'de> for Normalizations {
    /// A list of normalization names (`["case", "dash"]`), or the `Display` form
    /// (`"case+dash"`, `"exact"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Normalizations, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Normalizations;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of normalization names, or names joined by `+`")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Normalizations, A::Error> {
                let mut out = Normalizations::NONE;
                while let Some(n) = seq.next_element::<Normalization>()? {
                    out = out.with(n);
                }
                Ok(out)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Normalizations, E> {
                if v == "exact" || v.is_empty() {
                    return Ok(Normalizations::NONE);
                }
                v.split('+').try_fold(Normalizations::NONE, |acc, name| {
                    Normalization::ALL
                        .into_iter()
                        .find(|n| n.as_str() == name)
                        .map(|n| acc.with(n))
                        .ok_or_else(|| E::unknown_variant(name, &["case", "whitespace", "dash", "trailing-period"]))
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The keys an entry object is read from.
enum EntryKey {
    Service,
    Category,
    Activity,
    Other,
}

impl<'de> Deserialize<'de> for EntryKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EntryKey, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = EntryKey;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<EntryKey, E> {
                Ok(match v {
                    "service" | "loggedByService" => EntryKey::Service,
                    "category" => EntryKey::Category,
                    "activity" | "activityDisplayName" => EntryKey::Activity,
                    _ => EntryKey::Other,
                })
            }
        }
        deserializer.deserialize_identifier(V)
    }
}

impl<'de> Deserialize<'de> for &'static Entry {
    /// An object with `service` (or `loggedByService`), `category` and `activity` (or
    /// `activityDisplayName`), found with [`lookup`](crate::lookup); other keys are ignored.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<&'static Entry, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = &'static Entry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with `service`, `category` and `activity`")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<&'static Entry, A::Error> {
                let (mut service, mut category, mut activity) = (None, None, None);
                while let Some(key) = map.next_key::<EntryKey>()? {
                    let (slot, name) = match key {
                        EntryKey::Service => (&mut service, "service"),
                        EntryKey::Category => (&mut category, "category"),
                        EntryKey::Activity => (&mut activity, "activity"),
                        EntryKey::Other => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field(name));
                    }
                    *slot = Some(map.next_value::<Text<'de>>()?);
                }
                let service = service.ok_or_else(|| de::Error::missing_field("service"))?;
                let category = category.ok_or_else(|| de::Error::missing_field("category"))?;
                let activity = activity.ok_or_else(|| de::Error::missing_field("activity"))?;
                let (s, c, a) = (service.as_str(), category.as_str(), activity.as_str());
                for (text, what) in [(s, "service"), (c, "category"), (a, "activity")] {
                    if text.trim().is_empty() {
                        return Err(de::Error::custom(format_args!("an empty {what} name")));
                    }
                }
                let found = crate::validate(Some(s), Some(c), Some(a)).map_err(de::Error::custom)?;
                found
                    .entry()
                    .ok_or_else(|| de::Error::custom(format_args!("no catalog entry for {s:?} / {c:?} / {a:?}")))
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[cfg(feature = "std")]
mod diff {
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use crate::{Change, Diff};

    impl Serialize for Change {
        /// `{"from": entry, "to": entry}`.
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("Change", 2)?;
            s.serialize_field("from", self.from)?;
            s.serialize_field("to", self.to)?;
            s.end()
        }
    }

    /// The count of each class, by name.
    struct Counts([usize; 5]);

    impl Serialize for Counts {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let [unchanged, added, removed, respelled, moved] = self.0;
            let mut s = serializer.serialize_struct("Counts", 5)?;
            s.serialize_field("unchanged", &unchanged)?;
            s.serialize_field("added", &added)?;
            s.serialize_field("removed", &removed)?;
            s.serialize_field("respelled", &respelled)?;
            s.serialize_field("moved", &moved)?;
            s.end()
        }
    }

    impl Serialize for Diff {
        /// `from` and `to` (dates), `counts`, then one array per class.
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("Diff", 8)?;
            s.serialize_field("from", &self.from())?;
            s.serialize_field("to", &self.to())?;
            s.serialize_field("counts", &Counts(self.counts()))?;
            s.serialize_field("unchanged", self.unchanged())?;
            s.serialize_field("added", self.added())?;
            s.serialize_field("removed", self.removed())?;
            s.serialize_field("respelled", self.respelled())?;
            s.serialize_field("moved", self.moved())?;
            s.end()
        }
    }
}
