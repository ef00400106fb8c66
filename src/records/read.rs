//! One pass over a record's JSON: one visitor reads every key any shape reads into the field
//! it fills, notes what the key tells about the shape, and ignores the rest. The shape is
//! decided when the object ends; nothing is read twice.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::fields::{DynamicVisitor, TextVisitor};
use super::nested::{Kind, next_nested};
use super::shape::{Evidence, Key, Tells};
use super::{
    Detected, DiagnosticRecord, GraphRecord, LogAnalyticsRecord, Parsed, Record, RecordError, RecordErrorKind, Shape,
};

/// Everything one object held, in the fields of each shape it could be.
pub(super) struct Slots<'a> {
    /// camelCase keys: the Graph fields (`category` and `correlationId` serve the envelope too).
    graph: GraphRecord<'a>,
    /// PascalCase keys; made at the first one (most records have none, and then nothing is
    /// written or dropped here).
    log_analytics: Option<LogAnalyticsRecord<'a>>,
    /// The envelope's own keys, and `properties`; made at the first one.
    envelope: Option<DiagnosticRecord<'a>>,
    /// The records of a `records` or `value` array (kept only when `capture`).
    pub(super) items: Vec<&'a str>,
    /// What the keys said about the shape.
    pub(super) evidence: Evidence,
    /// The keys seen, one bit per [`Key`], to refuse a key given twice.
    seen: u64,
    /// Whether a batch's records are kept.
    capture: bool,
    /// Whether nested values own their text: for deserializers that lend nothing (the
    /// `Deserialize` impls); the crate's own readers borrow from a `&str`.
    owned: bool,
}

impl<'a> Slots<'a> {
    /// Empty slots: `capture` keeps a batch's records, `owned` copies nested values' text.
    pub(super) fn new(capture: bool, owned: bool) -> Slots<'a> {
        Slots {
            graph: GraphRecord::default(),
            log_analytics: None,
            envelope: None,
            items: Vec::new(),
            evidence: Evidence::default(),
            seen: 0,
            capture,
            owned,
        }
    }

    /// The record of a shape, from the fields that shape reads.
    pub(super) fn into_record(self, shape: Shape) -> Record<'a> {
        match shape {
            Shape::Graph => Record::Graph(self.graph),
            Shape::LogAnalytics => Record::LogAnalytics(self.log_analytics.unwrap_or_default()),
            Shape::DiagnosticSettings => {
                let mut envelope = self.envelope.unwrap_or_default();
                envelope.category = self.graph.category;
                envelope.correlation_id = self.graph.correlation_id;
                Record::DiagnosticSettings(envelope)
            }
        }
    }

    /// The record or batch the keys add up to ([`Shape::detect`]'s rules). A Graph record
    /// is built where it is returned: records are hundreds of bytes, and each move copies them.
    pub(super) fn into_parsed(self) -> Result<Parsed<'a>, RecordError> {
        Ok(match self.evidence.detected()? {
            Detected::Record(Shape::Graph) => Parsed::Record(Record::Graph(self.graph)),
            Detected::Record(shape) => Parsed::Record(self.into_record(shape)),
            Detected::Batch => Parsed::Batch(self.items),
        })
    }

    /// Reads the value of `key` into its field.
    fn fill<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        match key {
            Key::Other => return map.next_value::<IgnoredAny>().map(drop),
            Key::Records => {
                if let Some(items) = map.next_value_seed(Items { capture: self.capture })? {
                    self.evidence.batch = true;
                    self.items.extend(items);
                }
                return Ok(());
            }
            _ => {}
        }
        let bit = 1u64 << key as u8;
        if self.seen & bit != 0 {
            return Err(de::Error::duplicate_field(key.name()));
        }
        self.seen |= bit;
        match key.tells() {
            Tells::Graph => self.evidence.graph = true,
            Tells::LogAnalytics => self.evidence.log_analytics = true,
            Tells::Envelope => self.evidence.envelope = true,
            Tells::Nothing => {}
        }
        if key == Key::Properties {
            let (properties, object) = map.next_value_seed(Properties { owned: self.owned })?;
            self.envelope.get_or_insert_with(Default::default).properties = properties;
            self.evidence.properties_object = object;
            return Ok(());
        }
        self.fill_field(key, map)
    }

    /// Reads a text, scalar or nested field into the fields of the shape its key belongs to.
    fn fill_field<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        if key <= Key::UserAgent {
            self.fill_graph(key, map)
        } else if key <= Key::Level {
            self.fill_envelope(key, map)
        } else {
            self.fill_log_analytics(key, map)
        }
    }

    /// A Graph (camelCase) key.
    fn fill_graph<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        let g = &mut self.graph;
        let slot = match key {
            Key::InitiatedBy => return next_nested(map, Kind::Object, self.owned).map(|v| g.initiated_by = v),
            Key::TargetResources => return next_nested(map, Kind::Array, self.owned).map(|v| g.target_resources = v),
            Key::AdditionalDetails => {
                return next_nested(map, Kind::Array, self.owned).map(|v| g.additional_details = v);
            }
            Key::Id => &mut g.id,
            Key::Category => &mut g.category,
            Key::CorrelationId => &mut g.correlation_id,
            Key::Result => &mut g.result,
            Key::ResultReason => &mut g.result_reason,
            Key::ActivityDisplayName => &mut g.activity_display_name,
            Key::ActivityDateTime => &mut g.activity_date_time,
            Key::LoggedByService => &mut g.logged_by_service,
            Key::OperationType => &mut g.operation_type,
            Key::UserAgent => &mut g.user_agent,
            _ => unreachable!("not a Graph key: {key:?}"),
        };
        *slot = map.next_value_seed(TEXT)?;
        Ok(())
    }

    /// A key of the diagnostic-settings envelope (`properties` aside).
    fn fill_envelope<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        let e = self.envelope.get_or_insert_with(Default::default);
        let (slot, seed) = match key {
            Key::OperationVersion => (&mut e.operation_version, SCALAR),
            Key::ResultSignature => (&mut e.result_signature, SCALAR),
            Key::DurationMs => (&mut e.duration_ms, SCALAR),
            Key::Level => (&mut e.level, SCALAR),
            Key::Time => (&mut e.time, TEXT),
            Key::ResourceId => (&mut e.resource_id, TEXT),
            Key::OperationName => (&mut e.operation_name, TEXT),
            Key::TenantId => (&mut e.tenant_id, TEXT),
            Key::CallerIpAddress => (&mut e.caller_ip_address, TEXT),
            Key::Identity => (&mut e.identity, TEXT),
            _ => unreachable!("not an envelope key: {key:?}"),
        };
        *slot = map.next_value_seed(seed)?;
        Ok(())
    }

    /// A Log Analytics (PascalCase) key.
    fn fill_log_analytics<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        let l = self.log_analytics.get_or_insert_with(Default::default);
        let slot = match key {
            Key::LaInitiatedBy => return next_nested(map, Kind::Object, self.owned).map(|v| l.initiated_by = v),
            Key::LaTargetResources => {
                return next_nested(map, Kind::Array, self.owned).map(|v| l.target_resources = v);
            }
            Key::LaAdditionalDetails => {
                return next_nested(map, Kind::Array, self.owned).map(|v| l.additional_details = v);
            }
            Key::LaCategory => &mut l.category,
            Key::LaOperationName => &mut l.operation_name,
            Key::LaActivityDisplayName => &mut l.activity_display_name,
            Key::LaLoggedByService => &mut l.logged_by_service,
            Key::LaOperationType => &mut l.aad_operation_type,
            Key::LaResult => &mut l.result,
            Key::LaResultReason => &mut l.result_reason,
            Key::LaResultDescription => &mut l.result_description,
            Key::LaId => &mut l.id,
            Key::LaCorrelationId => &mut l.correlation_id,
            Key::LaActivityDateTime => &mut l.activity_date_time,
            Key::LaTimeGenerated => &mut l.time_generated,
            Key::LaIdentity => &mut l.identity,
            Key::LaTenant => &mut l.aad_tenant_id,
            Key::LaWorkspace => &mut l.tenant_id,
            Key::LaSourceSystem => &mut l.source_system,
            Key::LaType => &mut l.table_type,
            _ => unreachable!("not a Log Analytics key: {key:?}"),
        };
        *slot = map.next_value_seed(TEXT)?;
        Ok(())
    }
}

/// A text field's reader.
const TEXT: TextVisitor<'static> = TextVisitor { scalars: false, _life: PhantomData };
/// A scalar field's reader (strings, numbers and booleans, kept as text).
const SCALAR: TextVisitor<'static> = TextVisitor { scalars: true, _life: PhantomData };

/// Reads one JSON text as a record (or batch) into `slots`, borrowing from it.
pub(super) fn read<'a>(json: &'a str, slots: &mut Slots<'a>) -> Result<(), RecordError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let found = ObjectVisitor { slots }
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|()| found))
        .map_err(RecordError::from_json)?;
    found.map_or(Ok(()), |found| Err(not_an_object(found)))
}

/// The error for a JSON value that is not an object.
fn not_an_object(found: &str) -> RecordError {
    RecordError::new(RecordErrorKind::NotAnObject, format!("expected a JSON object (an audit record), found {found}"))
}

/// Reads the JSON value that starts `text` (which may go on with more JSON): the record or
/// batch (its records kept), and how many bytes it took.
pub(super) fn read_prefix(text: &str) -> Result<(Parsed<'_>, usize), RecordError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Prefix<'_>>();
    let read = match stream.next() {
        Some(read) => read.map_err(RecordError::from_json)?,
        None => return Err(RecordError::from_json(serde_json::from_slice::<IgnoredAny>(b"").unwrap_err())),
    };
    read.0.map(|parsed| (parsed, stream.byte_offset()))
}

/// One JSON value read where a record belongs, by a stream deserializer (which says where it
/// ended, and only reads values that implement `Deserialize`): the record or batch, or why
/// it is neither. Only ever read from a `&str`, so nested values borrow.
struct Prefix<'a>(Result<Parsed<'a>, RecordError>);

impl<'de> Deserialize<'de> for Prefix<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut slots = Slots::new(true, false);
        Ok(Prefix(match (ObjectVisitor { slots: &mut slots }).deserialize(d)? {
            None => slots.into_parsed(),
            Some(found) => Err(not_an_object(found)),
        }))
    }
}

/// Reads an object into the slots (in place: they are large, and moving them costs more than
/// reading the keys); any other value is drained (so broken syntax is found first) and named.
struct ObjectVisitor<'s, 'a> {
    slots: &'s mut Slots<'a>,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for ObjectVisitor<'_, 'a> {
    /// `None` for an object; what was found instead (`an array`, `a string`, ...).
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for ObjectVisitor<'_, 'a> {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (an audit record)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            self.slots.fill(key, &mut map)?;
        }
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Some("a string"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some("null"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Some("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Some("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Some("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Some("a number"))
    }
}

/// A key, classified without keeping its text.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(Key::of(name))
    }
}

/// A `records` or `value` value: its items when it is an array (kept if `capture`), `None`
/// for anything else.
struct Items {
    capture: bool,
}

impl<'de> DeserializeSeed<'de> for Items {
    type Value = Option<Vec<&'de str>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items {
    type Value = Option<Vec<&'de str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        if self.capture {
            while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                items.push(raw.get());
            }
        } else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
        }
        Ok(Some(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The envelope's `properties`: a Graph record, and whether it was a JSON object (a string
/// holding one reads too, but does not make an envelope). `owned` as the slots'.
struct Properties {
    owned: bool,
}

impl<'de> DeserializeSeed<'de> for Properties {
    type Value = (GraphRecord<'de>, bool);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Properties {
    type Value = (GraphRecord<'de>, bool);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object, or a string holding one")
    }

    /// Read by the same visitor as the record around it; only the Graph fields are kept.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut slots = Slots::new(false, self.owned);
        if let Some(found) = (ObjectVisitor { slots: &mut slots }).visit_map(map)? {
            return Err(de::Error::custom(format_args!("expected a JSON object, found {found}")));
        }
        Ok((slots.graph, true))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        DynamicVisitor::<GraphRecord<'de>>(PhantomData).visit_str(v).map(|r| (r, false))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((GraphRecord::default(), false))
    }
}

/// A record of one shape, read by the one visitor whatever its keys say. Nested values own
/// their text: `d` may lend nothing.
fn read_as<'de, D: Deserializer<'de>>(d: D, shape: Shape) -> Result<Record<'de>, D::Error> {
    let mut slots = Slots::new(false, true);
    match d.deserialize_map(ObjectVisitor { slots: &mut slots })? {
        None => Ok(slots.into_record(shape)),
        Some(found) => Err(de::Error::custom(format_args!("expected a JSON object, found {found}"))),
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for GraphRecord<'a> {
    /// Reads a Graph record; see [`Record::from_json_as`].
    /// Nested values own their text, copied from the input; the deserializer must be
    /// serde_json's (from text, bytes, a reader or a `Value`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read_as(d, Shape::Graph)? {
            Record::Graph(r) => Ok(r),
            _ => unreachable!("read as Graph"),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for LogAnalyticsRecord<'a> {
    /// Reads a Log Analytics row; see [`Record::from_json_as`].
    /// Nested values own their text, copied from the input; the deserializer must be
    /// serde_json's (from text, bytes, a reader or a `Value`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read_as(d, Shape::LogAnalytics)? {
            Record::LogAnalytics(r) => Ok(r),
            _ => unreachable!("read as Log Analytics"),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for DiagnosticRecord<'a> {
    /// Reads a diagnostic-settings envelope; see [`Record::from_json_as`].
    /// Nested values own their text, copied from the input; the deserializer must be
    /// serde_json's (from text, bytes, a reader or a `Value`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read_as(d, Shape::DiagnosticSettings)? {
            Record::DiagnosticSettings(r) => Ok(r),
            _ => unreachable!("read as diagnostic settings"),
        }
    }
}

impl<'de> Deserialize<'de> for Record<'static> {
    /// Reads a record of any shape, owning its strings: for `serde_json::from_reader`,
    /// `serde_json::from_value`, HTTP clients' `.json()` and other sources that lend nothing.
    /// Nested values are kept as JSON text, so the deserializer must be serde_json's. A batch
    /// is an error.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut slots = Slots::new(false, true);
        if let Some(found) = d.deserialize_map(ObjectVisitor { slots: &mut slots })? {
            return Err(de::Error::custom(format_args!("expected a JSON object, found {found}")));
        }
        match slots.evidence.detected() {
            Ok(Detected::Record(shape)) => Ok(slots.into_record(shape).into_owned()),
            Ok(Detected::Batch) => Err(de::Error::custom(super::BATCH_NOT_RECORD)),
            Err(e) => Err(de::Error::custom(e.message())),
        }
    }
}
