//! `depeche export --format parquet`: one row per event record, typed columns, the mentions
//! nested as a list of structs so that the evidence reads as it is.
//!
//! Columns ([`schema`]): `event_id` int64; `day`, `last_day` date32; `first_seen`
//! timestamp (seconds, UTC); `code`, `base`, `root` strings (CAMEO codes keep their leading
//! zeros: "036"); `quad_class` int8; `goldstein`, `confidence`, `lat`, `lon` float64;
//! `actor1_code`, `actor1_country`, `actor2_code`, `actor2_country`, `action_country_fips`
//! strings; `num_mentions`, `num_sources`, `num_articles` int32; `is_root` bool; `mentions`
//! list of {`doc`, `url`, `source`, `published`, `sentence` int32, `start`, `end` int64 (byte
//! offsets into the document text), `text` (the sentence), `trigger`, `code`, `status`,
//! `score` float64}. Nullable where the value may be unknown.
//!
//! Rows are written in row groups of [`ROWS_PER_GROUP`] records: memory holds one group, not
//! the database. The file's key-value metadata records the engine that wrote it.

use super::query::{EventRow, MentionRow};
use super::{Backend, Filter, StoreError};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, Int8Array,
    ListArray, RecordBatch, StringArray, StructArray, TimestampSecondArray,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use std::sync::Arc;

/// Records per row group.
pub const ROWS_PER_GROUP: usize = 8192;

fn mention_fields() -> Fields {
    Fields::from(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("url", DataType::Utf8, true),
        Field::new("source", DataType::Utf8, true),
        Field::new("published", DataType::Utf8, true),
        Field::new("sentence", DataType::Int32, false),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("trigger", DataType::Utf8, false),
        Field::new("code", DataType::Utf8, false),
        Field::new("status", DataType::Utf8, false),
        Field::new("score", DataType::Float64, false),
    ])
}

fn mention_item() -> Arc<Field> {
    Arc::new(Field::new(
        "item",
        DataType::Struct(mention_fields()),
        false,
    ))
}

/// The Parquet file's schema (see the module essay).
pub fn schema() -> Schema {
    let utc = Some(Arc::<str>::from("UTC"));
    Schema::new(vec![
        Field::new("event_id", DataType::Int64, false),
        Field::new("day", DataType::Date32, true),
        Field::new("last_day", DataType::Date32, true),
        Field::new(
            "first_seen",
            DataType::Timestamp(TimeUnit::Second, utc),
            true,
        ),
        Field::new("code", DataType::Utf8, false),
        Field::new("base", DataType::Utf8, false),
        Field::new("root", DataType::Utf8, false),
        Field::new("quad_class", DataType::Int8, true),
        Field::new("goldstein", DataType::Float64, true),
        Field::new("actor1_code", DataType::Utf8, false),
        Field::new("actor1_country", DataType::Utf8, true),
        Field::new("actor2_code", DataType::Utf8, true),
        Field::new("actor2_country", DataType::Utf8, true),
        Field::new("action_country_fips", DataType::Utf8, true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new("num_mentions", DataType::Int32, false),
        Field::new("num_sources", DataType::Int32, false),
        Field::new("num_articles", DataType::Int32, false),
        Field::new("confidence", DataType::Float64, false),
        Field::new("is_root", DataType::Boolean, false),
        Field::new("mentions", DataType::List(mention_item()), false),
    ])
}

fn days(day: Option<&str>) -> Option<i32> {
    let date: jiff::civil::Date = day?.parse().ok()?;
    let span = date.since(jiff::civil::Date::constant(1970, 1, 1)).ok()?;
    Some(span.get_days())
}

fn seconds(stamp: &str) -> Option<i64> {
    let dt = jiff::civil::DateTime::strptime("%Y%m%d%H%M%S", stamp).ok()?;
    Some(
        dt.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_second(),
    )
}

fn strings<'a>(v: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(StringArray::from_iter(v))
}

fn batch(
    rows: &[(EventRow, Vec<MentionRow>)],
    schema: &Arc<Schema>,
) -> Result<RecordBatch, StoreError> {
    let ev = || rows.iter().map(|(e, _)| e);
    let ms = || rows.iter().flat_map(|(_, m)| m.iter());
    let mentions = StructArray::try_new(
        mention_fields(),
        vec![
            strings(ms().map(|m| Some(m.doc_id.as_str()))),
            strings(ms().map(|m| m.url.as_deref())),
            strings(ms().map(|m| m.source.as_deref())),
            strings(ms().map(|m| m.published.as_deref())),
            Arc::new(Int32Array::from_iter_values(
                ms().map(|m| m.sentence as i32),
            )),
            Arc::new(Int64Array::from_iter_values(ms().map(|m| m.span[0]))),
            Arc::new(Int64Array::from_iter_values(ms().map(|m| m.span[1]))),
            strings(ms().map(|m| Some(m.text.as_str()))),
            strings(ms().map(|m| Some(m.trigger_text.as_str()))),
            strings(ms().map(|m| Some(m.code.as_str()))),
            strings(ms().map(|m| Some(m.status.as_str()))),
            Arc::new(Float64Array::from_iter_values(ms().map(|m| m.score))),
        ],
        None,
    )
    .map_err(|e| StoreError::Parquet(e.to_string()))?;
    let offsets = OffsetBuffer::<i32>::from_lengths(rows.iter().map(|(_, m)| m.len()));
    let list = ListArray::try_new(mention_item(), offsets, Arc::new(mentions), None)
        .map_err(|e| StoreError::Parquet(e.to_string()))?;
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from_iter_values(ev().map(|e| e.event))),
        Arc::new(Date32Array::from_iter(ev().map(|e| days(e.day.as_deref())))),
        Arc::new(Date32Array::from_iter(
            ev().map(|e| days(e.last_day.as_deref())),
        )),
        Arc::new(
            TimestampSecondArray::from_iter(ev().map(|e| seconds(&e.first_seen)))
                .with_timezone("UTC"),
        ),
        strings(ev().map(|e| Some(e.code.as_str()))),
        strings(ev().map(|e| Some(e.base.as_str()))),
        strings(ev().map(|e| Some(e.root.as_str()))),
        Arc::new(Int8Array::from_iter(
            ev().map(|e| e.quad.and_then(|q| i8::try_from(q).ok())),
        )),
        Arc::new(Float64Array::from_iter(ev().map(|e| e.goldstein))),
        strings(ev().map(|e| Some(e.actor1_code.as_str()))),
        strings(ev().map(|e| e.actor1_country.as_deref())),
        strings(ev().map(|e| e.actor2_code.as_deref())),
        strings(ev().map(|e| e.actor2_country.as_deref())),
        strings(ev().map(|e| e.country.as_deref())),
        Arc::new(Float64Array::from_iter(ev().map(|e| e.lat))),
        Arc::new(Float64Array::from_iter(ev().map(|e| e.lon))),
        Arc::new(Int32Array::from_iter_values(
            ev().map(|e| e.num_mentions as i32),
        )),
        Arc::new(Int32Array::from_iter_values(
            ev().map(|e| e.num_sources as i32),
        )),
        Arc::new(Int32Array::from_iter_values(
            ev().map(|e| e.num_articles as i32),
        )),
        Arc::new(Float64Array::from_iter_values(ev().map(|e| e.confidence))),
        Arc::new(BooleanArray::from_iter(ev().map(|e| Some(e.is_root)))),
        Arc::new(list),
    ];
    RecordBatch::try_new(Arc::clone(schema), columns)
        .map_err(|e| StoreError::Parquet(e.to_string()))
}

/// Writes every record to `out` as Parquet (zstd); returns the number of records.
pub fn write(
    store: &dyn Backend,
    out: impl std::io::Write + Send,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, StoreError> {
    let schema = Arc::new(schema());
    let engine = format!("depeche {}", crate::output::ENGINE_VERSION);
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_key_value_metadata(Some(vec![KeyValue::new("depeche.engine".into(), engine)]))
        .build();
    let perr = |e: parquet::errors::ParquetError| StoreError::Parquet(e.to_string());
    let mut writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(props)).map_err(perr)?;
    let mut rows: Vec<(EventRow, Vec<MentionRow>)> = Vec::with_capacity(ROWS_PER_GROUP);
    let mut n = 0u64;
    store.for_each_event(&Filter::default(), &mut |e| {
        rows.push((e.clone(), store.mentions_of(e.event)?));
        if rows.len() >= ROWS_PER_GROUP {
            writer.write(&batch(&rows, &schema)?).map_err(perr)?;
            writer.flush().map_err(perr)?;
            n += rows.len() as u64;
            rows.clear();
            progress(n);
        }
        Ok(())
    })?;
    if !rows.is_empty() {
        writer.write(&batch(&rows, &schema)?).map_err(perr)?;
        n += rows.len() as u64;
        progress(n);
    }
    writer.close().map_err(perr)?;
    Ok(n)
}
