//! GDELT 2.0 event rows: `depeche extract --format gdelt-events`.
//!
//! One line per event, documents in input order and events in text order; the 61 columns of
//! the GDELT 2.0 event table ([`COLUMNS`]), tab-separated, no header, as in GDELT's
//! `*.export.CSV` files. GDELT's files are not quoted, so neither are these: every value is
//! cleaned ([`clean_field`]) so that a plain tab-separated reader (pandas `read_csv` with
//! `sep="\t"`, `header=None`, the column names given) reads every row as 61 fields. Empty means
//! unknown, except in the date columns, which are never empty. The rows need the knowledge
//! base (for first-level divisions and country coordinates) and a processing time: [`Export`].
//! How each column is filled:
//!
//! - `GLOBALEVENTID`: [`event_id`], a stable 53-bit FNV-1a hash of the document id and the
//!   event's index in the document's `events` layer: the same article coded the same way gets
//!   the same ids on every run and machine (and they stay exact as JSON / double numbers).
//! - `SQLDATE` (YYYYMMDD), `MonthYear` (YYYYMM), `Year`, `FractionDate`: the event's date when
//!   it is a full calendar date, else the publication date ([`super::event_day`]), else — a
//!   document without publication date — the UTC date of processing, as GDELT falls back on
//!   the time it crawled an article; [`Export::events`] then records a warning in the
//!   document's `warnings`. `FractionDate` is `YEAR + ((MONTH - 1) * 30 + DAY) / 365` with four
//!   decimals (2015-12-21 → 2015.9616): GDELT's codebook writes `(MONTH * 30 + DAY) / 365` and
//!   also a fraction "from 0 to 0.9999", which only holds with months counted from 0, as here.
//! - `Actor1Code` … `Actor1Type3Code` (and `Actor2*`): `Code` is the CAMEO actor code. `Name`
//!   is written as GDELT writes names, upper-case ASCII ([`crate::lang::ascii_fold`]: SERGUEI
//!   CHOIGOU), with countries and regions in English: a linked country is its English name
//!   (EGYPT), a group described by its country or region is that English name and its role
//!   ("l'armée égyptienne": EGYPT MILITARY), another linked entity its name; an actor without
//!   entity (a demonym or a description: "les avions russes") is named by its country or CAMEO
//!   region (RUSSIA, WEST), as GDELT names "Russian troops" RUSSIA, else by its words.
//!   `CountryCode`: the actor's country (ISO alpha-3, which CAMEO country codes follow), else
//!   a country or CAMEO region code opening the actor code. `Type1Code`: the actor's role
//!   (CAMEO agent: GOV, MIL, REB…), then further type codes of the actor code in `Type2Code`,
//!   `Type3Code`. `Religion1Code`, `Religion2Code`: the religion codes in the actor code (CHR,
//!   MOS/MUS, SUN…). `KnownGroupCode`: the first other three-letter part after the
//!   country/type (UNO in IGOUNO, NAT in IGOWSTNAT). `EthnicCode` is always empty (no ethnic
//!   codes yet). Without a second actor the ten `Actor2*` fields are empty.
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
//! - `ActionGeo_*`: the event's place; else, as GDELT does, the place mentioned nearest to the
//!   event's trigger in its sentence; else the place mentioned nearest to it in the story.
//!   `Actor1Geo_*`, `Actor2Geo_*`: the actor's own place when the actor is a linked place (a
//!   country or city acting: "la Russie", "Moscou"); else its country, at country level
//!   (GDELT places an actor where the text does; depeche takes the country the actor belongs
//!   to or speaks for). Fields: `Type` is GDELT's: 1 country, 2 US state, 3 US city, 4 world
//!   city, 5 world state (a GeoNames first-level division); 0 with the other fields empty when
//!   there is no place. `FullName`: "place, division, country" in ASCII, with the country's
//!   English name ("Moscou, Moscow, Russia"; "Russia"). `CountryCode`: **FIPS 10-4**
//!   ([`crate::event::codes::fips`]: FRA → FR, RUS → RS, DEU → GM), not ISO. `ADM1Code`: in
//!   GDELT's form, the FIPS country code followed by the division's code — GeoNames' admin1
//!   code, which is the FIPS 10-4 division code for most countries (RS48 for Moscow; US states
//!   keep their postal code, USCA, as in GDELT), but not all (GeoNames numbers the regions of
//!   France by INSEE code, FR11, where GDELT writes FRA8); the FIPS country code alone for a
//!   country; empty when GeoNames gives no division. `ADM2Code` empty. `Lat`, `Long`: the
//!   place's coordinates (a country's from the knowledge base). `FeatureID`: the GeoNames id
//!   (GDELT writes GNS ids or, for countries, the FIPS code; depeche's gazetteer is GeoNames).
//! - `DATEADDED`: the publication date and time as YYYYMMDDHHMMSS, in UTC when the source gave
//!   an offset, with 000000 when it gave no time; without a publication date, the processing
//!   time in UTC.
//! - `SOURCEURL`: the document's URL (a `"` in it written %22), else empty.

use super::event_day;
use crate::document::{BlockKind, Document, Entity, EntityType, Event, EventActor, Span};
use crate::event::codes::{cameo, countries, Country};
use crate::lang::ascii_fold;
use crate::link::kb::{KnowledgeBase, PlaceKind};
use jiff::civil::{Date, DateTime};
use jiff::Timestamp;

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

/// CAMEO region codes, which GDELT writes as country codes ("WST" the West, "AFR" Africa),
/// with their English names as the CAMEO manual gives them.
const REGIONS: &[(&str, &str)] = &[
    ("AFR", "Africa"),
    ("ASA", "Asia"),
    ("BLK", "Balkans"),
    ("CAS", "Central Asia"),
    ("CAU", "Caucasus"),
    ("CFR", "Central Africa"),
    ("CRB", "Caribbean"),
    ("EAF", "East Africa"),
    ("EEU", "Eastern Europe"),
    ("EIN", "East Indies"),
    ("EUR", "Europe"),
    ("LAM", "Latin America"),
    ("MDT", "Mediterranean"),
    ("MEA", "Middle East"),
    ("NAF", "North Africa"),
    ("NMR", "North America"),
    ("PGS", "Persian Gulf"),
    ("SAF", "Southern Africa"),
    ("SAM", "South America"),
    ("SAS", "South Asia"),
    ("SCN", "Scandinavia"),
    ("SEA", "Southeast Asia"),
    ("WAF", "West Africa"),
    ("WST", "West"),
];

/// The English name of a CAMEO country or region code ("EGY" → Egypt, "WST" → West).
fn english_name(code: &str) -> Option<&'static str> {
    countries().get(code).map(|c| c.name.as_str()).or_else(|| {
        REGIONS
            .iter()
            .find(|(r, _)| *r == code)
            .map(|(_, name)| *name)
    })
}

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

/// A value made safe for an unquoted tab-separated row: tabs, line breaks (CR, LF and the
/// others a line reader may split on: VT, FF, NEL, U+2028, U+2029) and other control
/// characters → space; `"` dropped, since GDELT files have no quoting and a reader that
/// honours quotes would run a quoted value across fields.
pub fn clean_field(value: &str) -> String {
    value
        .chars()
        .filter(|&c| c != '"')
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Writes GDELT rows: the knowledge base the places come from and the processing time that
/// dates a document without publication date. Cheap to copy; one per run or per document.
#[derive(Debug, Clone, Copy)]
pub struct Export<'a> {
    kb: &'a KnowledgeBase,
    now: Timestamp,
}

impl<'a> Export<'a> {
    /// Rows processed now.
    pub fn new(kb: &'a KnowledgeBase) -> Export<'a> {
        Export::at(kb, Timestamp::now())
    }

    /// Rows processed at `now` (a fixed time gives reproducible rows).
    pub fn at(kb: &'a KnowledgeBase, now: Timestamp) -> Export<'a> {
        Export { kb, now }
    }

    /// The document's events as GDELT 2.0 rows, each ending in a line feed (empty without
    /// events). A document with events but no publication date gets a warning: its dates are
    /// the processing time's.
    pub fn events(&self, doc: &mut Document) -> String {
        if doc.meta.published.is_none() && !doc.events.is_empty() {
            let t = self.now_utc();
            doc.warnings.push(format!(
                "no publication date: the GDELT date columns and DATEADDED give the processing \
                 time, {:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ));
        }
        let mut out = String::new();
        for i in 0..doc.events.len() {
            out.push_str(&self.row(doc, i).join("\t"));
            out.push('\n');
        }
        out
    }

    /// The 61 fields of the row for the document's `index`-th event, already cleaned
    /// ([`clean_field`]). Panics if `index` is out of range.
    pub fn row(&self, doc: &Document, index: usize) -> Vec<String> {
        let e = &doc.events[index];
        let added = self.added(doc);
        let mut f: Vec<String> = Vec::with_capacity(COLUMNS.len());
        f.push(event_id(&doc.meta.id, index).to_string());
        let d = event_day(doc, e).unwrap_or(added.date());
        let (y, m, day) = (d.year(), d.month(), d.day());
        f.push(format!("{y:04}{m:02}{day:02}"));
        f.push(format!("{y:04}{m:02}"));
        f.push(format!("{y:04}"));
        f.push(format!("{:.4}", fraction_date(d)));
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
        push_geo(&mut f, self.actor_geo(doc, Some(&e.actor1)));
        push_geo(&mut f, self.actor_geo(doc, e.actor2.as_ref()));
        push_geo(&mut f, self.action_geo(doc, e));
        f.push(format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            added.year(),
            added.month(),
            added.day(),
            added.hour(),
            added.minute(),
            added.second()
        ));
        f.push(
            doc.meta
                .url
                .as_deref()
                .unwrap_or_default()
                .replace('"', "%22"),
        );
        debug_assert_eq!(f.len(), COLUMNS.len());
        f.iter().map(|v| clean_field(v)).collect()
    }

    fn now_utc(&self) -> DateTime {
        jiff::tz::Offset::UTC.to_datetime(self.now)
    }

    /// DATEADDED: the publication (UTC when the offset is known, midnight without a time),
    /// else the processing time in UTC.
    pub fn added(&self, doc: &Document) -> DateTime {
        let Some(p) = doc.meta.published else {
            return self.now_utc();
        };
        let Some(time) = p.time else {
            return p.date.to_datetime(jiff::civil::Time::midnight());
        };
        let dt = p.date.to_datetime(time);
        match p.offset_seconds {
            Some(off) => dt
                .checked_sub(jiff::Span::new().seconds(i64::from(off)))
                .unwrap_or(dt),
            None => dt,
        }
    }

    /// An actor's place: its own when it is a place, else its country's.
    fn actor_geo(&self, doc: &Document, actor: Option<&EventActor>) -> Option<Geo> {
        let a = actor?;
        let ent = a.entity.and_then(|i| doc.entities.get(i));
        if let Some(g) = ent.and_then(|e| self.place_geo(e)) {
            return Some(g);
        }
        let country = a
            .country
            .clone()
            .or_else(|| ent.and_then(|e| e.country.clone()))
            .or_else(|| split_actor_code(&a.code).country)?;
        countries()
            .get(&country)
            .map(|c| self.country_geo(c, None, None))
    }

    /// The event's place, else the nearest place of its sentence, else of the story.
    fn action_geo(&self, doc: &Document, e: &Event) -> Option<Geo> {
        if let Some(g) = e
            .place
            .as_ref()
            .and_then(|p| doc.entities.get(p.entity))
            .and_then(|ent| self.place_geo(ent))
        {
            return Some(g);
        }
        let nearest = |within: Option<Span>| {
            doc.mentions
                .iter()
                .filter(|m| within.is_none_or(|s| s.contains(m.span)))
                .filter_map(|m| {
                    let ent = m.entity.and_then(|i| doc.entities.get(i))?;
                    is_place(ent).then_some((distance(m.span, e.trigger), m.span.start, ent))
                })
                .min_by_key(|&(d, start, _)| (d, start))
                .and_then(|(_, _, ent)| self.place_geo(ent))
        };
        nearest(Some(e.span)).or_else(|| nearest(None))
    }

    /// The geography of an entity that is a place (has a GeoNames id or coordinates).
    fn place_geo(&self, ent: &Entity) -> Option<Geo> {
        if !is_place(ent) {
            return None;
        }
        if let Some(c) = ent.geonames.and_then(|g| countries().by_geonames(g)) {
            return Some(self.country_geo(c, ent.lat, ent.lon));
        }
        let place = ent.geonames.and_then(|g| self.kb.place(g));
        let iso3 = ent
            .country
            .as_deref()
            .or(place.map(|p| p.iso3.as_str()))
            .unwrap_or_default();
        let country = countries().get(iso3);
        let is_division = place.is_some_and(|p| p.kind == PlaceKind::Admin1);
        // GeoNames writes "00" for a place whose division is unknown.
        let admin1 = place
            .map(|p| p.admin1.as_str())
            .filter(|a| !a.is_empty() && *a != "00");
        let division = admin1
            .filter(|_| !is_division)
            .and_then(|a| self.kb.admin1(iso3, a));
        // The gazetteer's name: a landmark ("Matignon") stands for its city.
        let mut names = vec![place.map_or(ent.name.as_str(), |p| p.name.as_str())];
        names.extend(division.map(|d| d.name.as_str()));
        names.extend(country.map(|c| c.name.as_str()));
        Some(Geo {
            kind: match (is_division, iso3 == "USA") {
                (true, true) => 2,
                (false, true) => 3,
                (false, false) => 4,
                (true, false) => 5,
            },
            full_name: ascii_fold(&names.join(", ")),
            country: country.map(|c| c.fips.clone()).unwrap_or_default(),
            adm1: match (country, admin1) {
                (Some(c), Some(a)) => format!("{}{a}", c.fips),
                _ => String::new(),
            },
            lat: ent.lat.or(place.and_then(|p| p.lat)),
            lon: ent.lon.or(place.and_then(|p| p.lon)),
            feature: ent.geonames.map(|g| g.to_string()).unwrap_or_default(),
        })
    }

    /// A country as a place: GDELT's type 1, the FIPS code as ADM1 code.
    fn country_geo(&self, c: &Country, lat: Option<f64>, lon: Option<f64>) -> Geo {
        let kb = self.kb.country(&c.iso3);
        Geo {
            kind: 1,
            full_name: ascii_fold(&c.name),
            country: c.fips.clone(),
            adm1: c.fips.clone(),
            lat: lat.or(kb.and_then(|p| p.lat)),
            lon: lon.or(kb.and_then(|p| p.lon)),
            feature: c.geonames.map(|g| g.to_string()).unwrap_or_default(),
        }
    }
}

/// The document's events as GDELT 2.0 rows, processed now ([`Export::events`]).
pub fn to_gdelt_events(doc: &mut Document, kb: &KnowledgeBase) -> String {
    Export::new(kb).events(doc)
}

/// `YEAR + ((MONTH - 1) * 30 + DAY) / 365`.
fn fraction_date(d: Date) -> f64 {
    let days = (i16::from(d.month()) - 1) * 30 + i16::from(d.day());
    f64::from(d.year()) + f64::from(days) / 365.0
}

/// Whether an entity is a place: it has a GeoNames id or coordinates.
fn is_place(ent: &Entity) -> bool {
    ent.geonames.is_some() || (ent.lat.is_some() && ent.lon.is_some())
}

/// Bytes between two spans (0 when they overlap).
fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
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
        let is_country = countries().get(part).is_some() || REGIONS.iter().any(|(r, _)| *r == part);
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

/// An entity's name as an actor name (before ASCII folding): a country's or a region's
/// ("les Occidentaux", WST) English name; for a
/// group the linker described by country or region and role ("Égypte military"), the English
/// name of the country or region and the role; else the entity's name.
fn entity_name(ent: &Entity) -> String {
    if let Some(c) = ent.geonames.and_then(|g| countries().by_geonames(g)) {
        return c.name.clone();
    }
    let region = ent
        .cameo
        .as_deref()
        .filter(|c| REGIONS.iter().any(|(r, _)| r == c));
    if let (Some(region), false) = (region, ent.kind == Some(EntityType::Per)) {
        return english_name(region).unwrap_or_default().to_string();
    }
    if ent.by == "nominal" {
        let whose = ent
            .country
            .as_deref()
            .or_else(|| ent.cameo.as_deref().and_then(|c| c.get(..3)))
            .and_then(english_name);
        if let (Some(whose), Some(label)) = (whose, &ent.role_label) {
            return format!("{whose} {label}");
        }
    }
    ent.name.clone()
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
        Some(ent) => entity_name(ent),
        None => match country.as_deref().and_then(english_name) {
            Some(name) => name.to_string(),
            None => doc.text.get(a.span.range()).unwrap_or_default().to_string(),
        },
    };
    let name = ascii_fold(&name).to_uppercase();
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
    fn fields_lose_tabs_newlines_and_quotes() {
        assert_eq!(clean_field("a\tb\nc\r\nd"), "a b c  d");
        assert_eq!(clean_field("\"a\"\u{b}b\u{2028}c\u{85}"), "a b c ");
    }
}
