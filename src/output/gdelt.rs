//! GDELT 2.0 event rows: `depeche extract --format gdelt-events`.
//!
//! One line per event, documents in input order and events in text order; the 61 columns of
//! the GDELT 2.0 event table ([`COLUMNS`]), tab-separated, no header, as in GDELT's
//! `*.export.CSV` files. Every row has exactly 61 fields: a tab, line feed or carriage return
//! inside a value (a URL, a name) is replaced by a space, and nothing else is escaped or quoted.
//! Empty means unknown. How each column is filled:
//!
//! - `GLOBALEVENTID`: [`event_id`], a stable 53-bit FNV-1a hash of the document id and the
//!   event's index in the document's `events` layer: the same article coded the same way gets
//!   the same ids on every run and machine (and they stay exact as JSON / double numbers).
//! - `SQLDATE` (YYYYMMDD), `MonthYear` (YYYYMM), `Year`, `FractionDate`: the event's date when
//!   it is a full calendar date, else the publication date ([`super::event_day`]); empty when
//!   neither is known. `FractionDate` is `YEAR + ((MONTH - 1) * 30 + DAY) / 365` with four
//!   decimals (2015-12-21 → 2015.9616): GDELT's codebook writes `(MONTH * 30 + DAY) / 365` and
//!   also a fraction "from 0 to 0.9999", which only holds with months counted from 0, as here.
//! - `Actor1Code` … `Actor1Type3Code` (and `Actor2*`): `Code` is the CAMEO actor code. `Name`
//!   is upper-cased, as GDELT writes names: the linked entity's name, else (an actor named by a
//!   demonym or a description: "les avions russes") its country's English name, as GDELT names
//!   "Russian troops" RUSSIA, else the actor's words. `CountryCode`: the actor's country (ISO
//!   alpha-3, which CAMEO country codes follow), else a country or CAMEO region code opening
//!   the actor code. `Type1Code`: the actor's role (CAMEO agent: GOV, MIL, REB…), then further
//!   type codes of the actor code in `Type2Code`, `Type3Code`. `Religion1Code`,
//!   `Religion2Code`: the religion codes in the actor code (CHR, MOS/MUS, SUN…).
//!   `KnownGroupCode`: the first other three-letter part after the country/type (UNO in IGOUNO,
//!   NAT in IGOWSTNAT). `EthnicCode` is always empty (no ethnic codes yet). Without a second
//!   actor the ten `Actor2*` fields are empty.
//! - `IsRootEvent`: 1 when the event's sentence starts in the lead of the article — the title
//!   or the first paragraph block (GDELT marks events from the lead paragraph); 0 otherwise.
//!   A document without layout blocks takes its first sentence as the lead.
//! - `EventCode`, `EventBaseCode`, `EventRootCode`, `QuadClass`, `GoldsteinScale`: from the
//!   CAMEO table [`crate::event::codes::cameo`] (GDELT's quad class and Goldstein values, with
//!   one decimal as in GDELT's lookup: "3.4", "-10.0"); for a code outside the table, the base
//!   and root are its first three and two digits and quad class and Goldstein are empty.
//! - `NumMentions`, `NumSources`, `NumArticles`: 1 (one event, one sentence, one article).
//! - `AvgTone`: empty — depeche does not measure tone yet (empty rather than 0, which would
//!   claim a neutral tone).
//! - `Actor1Geo_*`, `Actor2Geo_*`: the actor's own place when the actor is a linked place
//!   (a country or city acting: "la Russie", "Moscou"); `ActionGeo_*`: the event's place. `Type`
//!   is GDELT's: 1 country (a place whose GeoNames id is a country's), 3 US city, 4 world city
//!   (any other place: regions are written as cities until entities carry their place kind);
//!   0 with the other fields empty when there is no place. `FullName`: the country's English
//!   name, or "place, country". `CountryCode`: **FIPS 10-4** ([`crate::event::codes::fips`]:
//!   FRA → FR, RUS → RS, DEU → GM), not ISO. `ADM1Code`: the FIPS country code for a country,
//!   else empty; `ADM2Code` empty. `Lat`, `Long`: the place's coordinates. `FeatureID`: the
//!   GeoNames id (GDELT writes GNS ids or, for countries, the FIPS code; depeche's gazetteer is
//!   GeoNames).
//! - `DATEADDED`: the publication date and time as YYYYMMDDHHMMSS, in UTC when the source gave
//!   an offset, with 000000 when it gave no time; empty without a publication date.
//! - `SOURCEURL`: the document's URL, else empty.

use super::event_day;
use crate::document::{BlockKind, Document, Entity, Event, EventActor};
use crate::event::codes::{cameo, countries};
use std::fmt::Write as _;

/// The GDELT 2.0 event table columns, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// CAMEO actor type (agent and sector) codes, as GDELT lists them, plus Phoenix's PTY and REL.
const TYPES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "PTY", "REL", "SET",
];

/// CAMEO religion codes (GDELT's list, plus Phoenix's MUS for Muslim).
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "MUS", "NRM", "PAG", "PRO", "SFI", "SHI",
    "SHN", "SIK", "SUN", "TAO", "UDX", "ZRO",
];

/// CAMEO region codes, which GDELT writes as country codes ("WST" the West, "AFR" Africa).
const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
];

/// The GLOBALEVENTID of a document's `index`-th event: FNV-1a (64-bit) of the document id, a
/// unit separator (0x1F) and the index in decimal, keeping the low 53 bits.
pub fn event_id(doc_id: &str, index: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let index = index.to_string();
    for b in doc_id.bytes().chain([0x1f]).chain(index.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

/// A value made safe for a tab-separated row: tab, line feed and carriage return → space.
pub fn clean_field(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}

/// The document's events as GDELT 2.0 rows, each ending in a line feed (empty without events).
pub fn to_gdelt_events(doc: &Document) -> String {
    let mut out = String::new();
    for i in 0..doc.events.len() {
        out.push_str(&row(doc, i).join("\t"));
        out.push('\n');
    }
    out
}

/// The 61 fields of the row for the document's `index`-th event, already cleaned
/// ([`clean_field`]). Panics if `index` is out of range.
pub fn row(doc: &Document, index: usize) -> Vec<String> {
    let e = &doc.events[index];
    let mut f: Vec<String> = Vec::with_capacity(COLUMNS.len());
    f.push(event_id(&doc.meta.id, index).to_string());
    match event_day(doc, e) {
        Some(d) => {
            let (y, m, day) = (d.year(), d.month(), d.day());
            f.push(format!("{y:04}{m:02}{day:02}"));
            f.push(format!("{y:04}{m:02}"));
            f.push(format!("{y:04}"));
            let fraction = f64::from((i16::from(m) - 1) * 30 + i16::from(day)) / 365.0;
            f.push(format!("{:.4}", f64::from(y) + fraction));
        }
        None => f.extend(std::iter::repeat_n(String::new(), 4)),
    }
    push_actor(&mut f, doc, Some(&e.actor1));
    push_actor(&mut f, doc, e.actor2.as_ref());
    f.push(if is_root_event(doc, e) { "1" } else { "0" }.to_string());
    match cameo().get(&e.code) {
        Some(c) => {
            f.push(c.code.clone());
            f.push(c.base.clone());
            f.push(c.root.clone());
            f.push(c.quadclass.to_string());
            f.push(format!("{:.1}", c.goldstein));
        }
        None => {
            let digits = e.code.bytes().all(|b| b.is_ascii_digit());
            let prefix = |n: usize| {
                e.code
                    .get(..n.min(e.code.len()))
                    .filter(|_| digits)
                    .unwrap_or("")
                    .to_string()
            };
            f.push(e.code.clone());
            f.push(prefix(3));
            f.push(prefix(2));
            f.push(String::new());
            f.push(String::new());
        }
    }
    f.extend(["1", "1", "1", ""].map(String::from));
    let actor_place = |a: Option<&EventActor>| {
        a.and_then(|a| a.entity)
            .and_then(|i| doc.entities.get(i))
            .and_then(geo)
    };
    push_geo(&mut f, actor_place(Some(&e.actor1)));
    push_geo(&mut f, actor_place(e.actor2.as_ref()));
    push_geo(
        &mut f,
        e.place
            .as_ref()
            .and_then(|p| doc.entities.get(p.entity))
            .and_then(geo),
    );
    f.push(date_added(doc));
    f.push(doc.meta.url.clone().unwrap_or_default());
    debug_assert_eq!(f.len(), COLUMNS.len());
    f.iter().map(|v| clean_field(v)).collect()
}

/// The parts of a CAMEO actor code, as GDELT splits it.
#[derive(Debug, Default, PartialEq, Eq)]
struct ActorCodes {
    country: Option<String>,
    known_group: Option<String>,
    religions: Vec<String>,
    types: Vec<String>,
}

fn split_actor_code(code: &str) -> ActorCodes {
    let mut out = ActorCodes::default();
    if code.is_empty() || code.len() % 3 != 0 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return out;
    }
    for (i, part) in (0..code.len()).step_by(3).map(|i| (i, &code[i..i + 3])) {
        let is_country = countries().get(part).is_some() || REGIONS.contains(&part);
        if i == 0 && is_country {
            out.country = Some(part.to_string());
        } else if TYPES.contains(&part) {
            out.types.push(part.to_string());
        } else if RELIGIONS.contains(&part) {
            out.religions.push(part.to_string());
        } else if !is_country && out.known_group.is_none() {
            out.known_group = Some(part.to_string());
        }
    }
    out
}

/// Actor{1,2}Code … Actor{1,2}Type3Code: ten fields.
fn push_actor(f: &mut Vec<String>, doc: &Document, actor: Option<&EventActor>) {
    let Some(a) = actor else {
        f.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let parts = split_actor_code(&a.code);
    let country = a.country.clone().or(parts.country);
    let name = match a.entity.and_then(|i| doc.entities.get(i)) {
        Some(ent) => ent.name.to_uppercase(),
        None => match country.as_deref().and_then(|c| countries().get(c)) {
            Some(c) => c.name.to_uppercase(),
            None => doc.text[a.span.range()].to_uppercase(),
        },
    };
    let mut types: Vec<&str> = a.role.as_deref().into_iter().collect();
    for t in &parts.types {
        if !types.contains(&t.as_str()) {
            types.push(t);
        }
    }
    let nth = |v: &[&str], i: usize| v.get(i).map(|s| s.to_string()).unwrap_or_default();
    let religions: Vec<&str> = parts.religions.iter().map(String::as_str).collect();
    f.push(a.code.clone());
    f.push(name);
    f.push(country.unwrap_or_default());
    f.push(parts.known_group.unwrap_or_default());
    f.push(String::new());
    f.push(nth(&religions, 0));
    f.push(nth(&religions, 1));
    f.push(nth(&types, 0));
    f.push(nth(&types, 1));
    f.push(nth(&types, 2));
}

/// A place in GDELT's geography columns.
#[derive(Debug, PartialEq)]
struct Geo {
    kind: u8,
    full_name: String,
    country: String,
    adm1: String,
    lat: Option<f64>,
    lon: Option<f64>,
    feature: String,
}

/// The geography of an entity that is a place (has a GeoNames id or coordinates).
fn geo(ent: &Entity) -> Option<Geo> {
    if ent.geonames.is_none() && (ent.lat.is_none() || ent.lon.is_none()) {
        return None;
    }
    let feature = ent.geonames.map(|g| g.to_string()).unwrap_or_default();
    if let Some(c) = ent.geonames.and_then(|g| countries().by_geonames(g)) {
        return Some(Geo {
            kind: 1,
            full_name: c.name.clone(),
            country: c.fips.clone(),
            adm1: c.fips.clone(),
            lat: ent.lat,
            lon: ent.lon,
            feature,
        });
    }
    let country = ent.country.as_deref().and_then(|c| countries().get(c));
    Some(Geo {
        kind: if ent.country.as_deref() == Some("USA") {
            3
        } else {
            4
        },
        full_name: match country {
            Some(c) => format!("{}, {}", ent.name, c.name),
            None => ent.name.clone(),
        },
        country: country.map(|c| c.fips.clone()).unwrap_or_default(),
        adm1: String::new(),
        lat: ent.lat,
        lon: ent.lon,
        feature,
    })
}

/// *Geo_Type … *Geo_FeatureID: eight fields.
fn push_geo(f: &mut Vec<String>, g: Option<Geo>) {
    let Some(g) = g else {
        f.push("0".to_string());
        f.extend(std::iter::repeat_n(String::new(), 7));
        return;
    };
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    f.push(g.kind.to_string());
    f.push(g.full_name);
    f.push(g.country);
    f.push(g.adm1);
    f.push(String::new());
    f.push(num(g.lat));
    f.push(num(g.lon));
    f.push(g.feature);
}

/// Whether the event's sentence starts in the title or the first paragraph (the first sentence
/// when the document has no layout blocks).
fn is_root_event(doc: &Document, e: &Event) -> bool {
    let start = e.span.start;
    if doc.blocks.is_empty() {
        return doc
            .sentences
            .first()
            .is_some_and(|s| s.span.start <= start && start < s.span.end.max(s.span.start + 1));
    }
    let first_paragraph = doc.blocks.iter().find(|b| b.kind == BlockKind::Paragraph);
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Title)
        .chain(first_paragraph)
        .any(|b| b.span.start <= start && start < b.span.end)
}

/// DATEADDED: publication as YYYYMMDDHHMMSS (UTC when the offset is known).
fn date_added(doc: &Document) -> String {
    let Some(p) = doc.meta.published else {
        return String::new();
    };
    let Some(time) = p.time else {
        let d = p.date;
        return format!("{:04}{:02}{:02}000000", d.year(), d.month(), d.day());
    };
    let mut dt = p.date.to_datetime(time);
    if let Some(off) = p.offset_seconds {
        if let Ok(utc) = dt.checked_sub(jiff::Span::new().seconds(i64::from(off))) {
            dt = utc;
        }
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_match_the_gdelt_codebook() {
        // ../shared holds the column list derived from the GDELT 2.0 codebook; skip without it.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/events/gdelt/gdelt2_events_columns.tsv"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let names: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').nth(1))
            .collect();
        assert_eq!(names, COLUMNS);
    }

    #[test]
    fn event_ids_are_stable_and_distinct() {
        assert_eq!(event_id("doc", 0), event_id("doc", 0));
        assert_ne!(event_id("doc", 0), event_id("doc", 1));
        assert_ne!(event_id("doc1", 0), event_id("doc", 10));
        assert!(event_id("000_841bfa5ee9043e79", 3) < 1 << 53);
        // FNV-1a of "a\x1f0", masked: pinned so that ids never change between versions.
        assert_eq!(
            event_id("a", 0),
            0xe5ea_f119_043b_8e1b_u64 & ((1 << 53) - 1)
        );
    }

    #[test]
    fn actor_codes_split_as_gdelt_does() {
        let p = split_actor_code("FRAGOV");
        assert_eq!(p.country.as_deref(), Some("FRA"));
        assert_eq!(p.types, ["GOV"]);
        let p = split_actor_code("IGOWSTNAT");
        assert_eq!((p.country, p.known_group.as_deref()), (None, Some("NAT")));
        assert_eq!(p.types, ["IGO"]);
        let p = split_actor_code("SYRREBMUS");
        assert_eq!(p.religions, ["MUS"]);
        let p = split_actor_code("NGOUSAHRI");
        assert_eq!((p.country, p.known_group), (None, None));
        assert_eq!(p.types, ["NGO", "HRI"]);
        assert_eq!(split_actor_code("WST").country.as_deref(), Some("WST"));
        assert_eq!(split_actor_code("fra"), ActorCodes::default());
        assert_eq!(split_actor_code("FRAG"), ActorCodes::default());
    }

    #[test]
    fn fields_lose_tabs_and_newlines() {
        assert_eq!(clean_field("a\tb\nc\r\nd"), "a b c  d");
    }
}
