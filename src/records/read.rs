//! One pass over a record's JSON: one visitor reads every key any shape reads into the field
//! it fills, notes what the key tells about the shape, and ignores the rest. The shape is
//! decided when the object ends; nothing is read twice.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::fields::{DynamicVisitor, TextVisitor};
use super::shape::{Evidence, Key, Tells};
use super::{DiagnosticRecord, GraphRecord, LogAnalyticsRecord, Record, RecordError, RecordErrorKind, Shape};

/// Everything one object held, in the fields of each shape it could be.
#[derive(Default)]
pub(super) struct Slots<'a> {
    /// camelCase keys: the Graph fields (`category` and `correlationId` serve the envelope too).
    graph: GraphRecord<'a>,
    /// PascalCase keys.
    log_analytics: LogAnalyticsRecord<'a>,
    /// The envelope's own keys, and `properties`.
    envelope: DiagnosticRecord<'a>,
    /// The records of a `records` or `value` array (kept only when asked for).
    pub(super) items: Vec<&'a str>,
    /// What the keys said about the shape.
    pub(super) evidence: Evidence,
    /// The keys seen, one bit per [`Key`], to refuse a key given twice.
    seen: u64,
}

impl<'a> Slots<'a> {
    /// The record of a shape, from the fields that shape reads.
    pub(super) fn into_record(self, shape: Shape) -> Record<'a> {
        match shape {
            Shape::Graph => Record::Graph(self.graph),
            Shape::LogAnalytics => Record::LogAnalytics(self.log_analytics),
            Shape::DiagnosticSettings => {
                let mut envelope = self.envelope;
                envelope.category = self.graph.category;
                envelope.correlation_id = self.graph.correlation_id;
                Record::DiagnosticSettings(envelope)
            }
        }
    }

    /// [`Slots::into_record`] out of a box, moving only the shape's fields.
    pub(super) fn boxed_into_record(mut self: Box<Self>, shape: Shape) -> Record<'a> {
        match shape {
            Shape::Graph => Record::Graph(std::mem::take(&mut self.graph)),
            Shape::LogAnalytics => Record::LogAnalytics(std::mem::take(&mut self.log_analytics)),
            Shape::DiagnosticSettings => {
                let mut envelope = std::mem::take(&mut self.envelope);
                envelope.category = self.graph.category.take();
                envelope.correlation_id = self.graph.correlation_id.take();
                Record::DiagnosticSettings(envelope)
            }
        }
    }

    /// Reads the value of `key` into its field.
    fn fill<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A, capture: bool) -> Result<(), A::Error> {
        match key {
            Key::Other => return map.next_value::<IgnoredAny>().map(drop),
            Key::Records => {
                if let Some(items) = map.next_value_seed(Items { capture })? {
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
            let (properties, object) = map.next_value_seed(Properties)?;
            self.envelope.properties = properties;
            self.evidence.properties_object = object;
            return Ok(());
        }
        self.fill_field(key, map)
    }

    /// Reads a text, scalar or nested field.
    fn fill_field<'de: 'a, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        let text = TextVisitor { scalars: false, _life: PhantomData };
        let scalar = TextVisitor { scalars: true, _life: PhantomData };
        let (g, l, e) = (&mut self.graph, &mut self.log_analytics, &mut self.envelope);
        let slot = match key {
            Key::InitiatedBy => return map.next_value_seed(DynamicVisitor(PhantomData)).map(|v| g.initiated_by = v),
            Key::TargetResources => {
                return map.next_value_seed(DynamicVisitor(PhantomData)).map(|v| g.target_resources = v);
            }
            Key::AdditionalDetails => {
                return map.next_value_seed(DynamicVisitor(PhantomData)).map(|v| g.additional_details = v);
            }
            Key::LaInitiatedBy => return map.next_value_seed(DynamicVisitor(PhantomData)).map(|v| l.initiated_by = v),
            Key::LaTargetResources => {
                return map.next_value_seed(DynamicVisitor(PhantomData)).map(|v| l.target_resources = v);
            }
            Key::LaAdditionalDetails => {
                return map.next_value_seed(DynamicVisitor(PhantomData)).map(|v| l.additional_details = v);
            }
            Key::OperationVersion => return map.next_value_seed(scalar).map(|v| e.operation_version = v),
            Key::ResultSignature => return map.next_value_seed(scalar).map(|v| e.result_signature = v),
            Key::DurationMs => return map.next_value_seed(scalar).map(|v| e.duration_ms = v),
            Key::Level => return map.next_value_seed(scalar).map(|v| e.level = v),
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
            Key::Time => &mut e.time,
            Key::ResourceId => &mut e.resource_id,
            Key::OperationName => &mut e.operation_name,
            Key::TenantId => &mut e.tenant_id,
            Key::CallerIpAddress => &mut e.caller_ip_address,
            Key::Identity => &mut e.identity,
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
            Key::Properties | Key::Records | Key::Other => unreachable!("read by `fill`"),
        };
        *slot = map.next_value_seed(text)?;
        Ok(())
    }
}

/// Reads one JSON text as a record (or batch) into `slots`; `capture` keeps a batch's
/// records.
pub(super) fn read<'a>(json: &'a str, slots: &mut Slots<'a>, capture: bool) -> Result<(), RecordError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let found = ObjectVisitor { slots, capture }
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|()| found))
        .map_err(RecordError::from_json)?;
    match found {
        None => Ok(()),
        Some(found) => Err(RecordError::new(
            RecordErrorKind::NotAnObject,
            format!("expected a JSON object (an audit record), found {found}"),
        )),
    }
}

/// Reads the JSON value that starts `text` (which may go on with more JSON): its slots and how
/// many bytes it took.
pub(super) fn read_prefix(text: &str) -> Result<(Box<Slots<'_>>, usize), RecordError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Prefix<'_>>();
    let read = match stream.next() {
        Some(read) => read.map_err(RecordError::from_json)?,
        None => return Err(RecordError::from_json(serde_json::from_slice::<IgnoredAny>(b"").unwrap_err())),
    };
    match read.0 {
        Ok(slots) => Ok((slots, stream.byte_offset())),
        Err(found) => Err(RecordError::new(
            RecordErrorKind::NotAnObject,
            format!("expected a JSON object (an audit record), found {found}"),
        )),
    }
}

/// One JSON value read where a record belongs, by a stream deserializer (which says where it
/// ended): the slots of an object (a batch's records kept), or what was found instead. Boxed:
/// the stream hands values over by value, and the slots are too large to move around.
struct Prefix<'a>(Result<Box<Slots<'a>>, &'static str>);

impl<'de> Deserialize<'de> for Prefix<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut slots = Box::<Slots<'de>>::default();
        let found = ObjectVisitor { slots: &mut slots, capture: true }.deserialize(d)?;
        Ok(Prefix(found.map_or(Ok(slots), Err)))
    }
}

/// Reads an object into the slots (in place: they are large, and moving them costs more than
/// reading the keys); any other value is drained (so broken syntax is found first) and named.
struct ObjectVisitor<'s, 'a> {
    slots: &'s mut Slots<'a>,
    capture: bool,
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
            self.slots.fill(key, &mut map, self.capture)?;
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
/// holding one reads too, but does not make an envelope).
struct Properties;

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

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        GraphRecord::deserialize(de::value::MapAccessDeserializer::new(map)).map(|r| (r, true))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        DynamicVisitor::<GraphRecord<'de>>(PhantomData).visit_str(v).map(|r| (r, false))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((GraphRecord::default(), false))
    }
}

/// A record of one shape, read by the one visitor whatever its keys say.
fn read_as<'de, D: Deserializer<'de>>(d: D, shape: Shape) -> Result<Record<'de>, D::Error> {
    let mut slots = Slots::default();
    match d.deserialize_map(ObjectVisitor { slots: &mut slots, capture: false })? {
        None => Ok(slots.into_record(shape)),
        Some(found) => Err(de::Error::custom(format_args!("expected a JSON object, found {found}"))),
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for GraphRecord<'a> {
    /// Reads a Graph record; see [`Record::from_json_as`].
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read_as(d, Shape::Graph)? {
            Record::Graph(r) => Ok(r),
            _ => unreachable!("read as Graph"),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for LogAnalyticsRecord<'a> {
    /// Reads a Log Analytics row; see [`Record::from_json_as`].
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read_as(d, Shape::LogAnalytics)? {
            Record::LogAnalytics(r) => Ok(r),
            _ => unreachable!("read as Log Analytics"),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for DiagnosticRecord<'a> {
    /// Reads a diagnostic-settings envelope; see [`Record::from_json_as`].
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read_as(d, Shape::DiagnosticSettings)? {
            Record::DiagnosticSettings(r) => Ok(r),
            _ => unreachable!("read as diagnostic settings"),
        }
    }
}

impl<'de> Deserialize<'de> for Record<'static> {
    /// Reads a record of any shape, owning its strings: for `serde_json::from_reader`, HTTP
    /// clients' `.json()` and other sources that lend nothing. A batch is an error.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut slots = Slots::default();
        if let Some(found) = d.deserialize_map(ObjectVisitor { slots: &mut slots, capture: false })? {
            return Err(de::Error::custom(format_args!("expected a JSON object, found {found}")));
        }
        match slots.evidence.detected() {
            Ok(super::Detected::Record(shape)) => Ok(slots.into_record(shape).into_owned()),
            Ok(super::Detected::Batch) => Err(de::Error::custom(super::BATCH_NOT_RECORD)),
            Err(e) => Err(de::Error::custom(e.message())),
        }
    }
}
