//! The event exports: the `events` layer of the JSON output, GDELT 2.0 event rows and PLOVER
//! lines, on a document built by hand (two events, tabs and newlines in the URL and a name), and
//! `depeche extract --format gdelt-events|plover` on real text. GDELT rows are read back as
//! pandas reads GDELT files (tab-separated, no quoting, the official column names).

use depeche::document::{
    Block, BlockKind, Document, Entity, EntityType, Event, EventActor, EventPlace, EventStatus,
    Mention, Metadata, Published, Sentence, Span,
};
use depeche::event::codes::fips;
use depeche::link::kb::KnowledgeBase;
use depeche::output::{self, gdelt, plover, OutputOptions};
use serde_json::Value;
use std::process::Command;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::french().expect("the embedded knowledge base"))
}

/// A fixed processing time, 2025-06-15T15:06:40Z, so that rows without publication date are
/// reproducible.
fn export() -> gdelt::Export<'static> {
    gdelt::Export::at(
        kb(),
        jiff::Timestamp::from_second(1_750_000_000).expect("a time"),
    )
}

const S1: &str = "Le Drian va demander à la Russie une coopération militaire, a-t-il dit à Paris.";
const S2: &str = "Des avions russes ont bombardé les rebelles à Alep lundi.";

fn span_of(text: &str, needle: &str, from: usize) -> Span {
    let start = from + text[from..].find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

fn place(id: u64, name: &str, iso3: &str, lat: f64, lon: f64) -> Entity {
    Entity {
        id: format!("geo:{id}"),
        name: name.into(),
        kind: Some(EntityType::Loc),
        country: Some(iso3.into()),
        cameo: Some(iso3.into()),
        geonames: Some(id),
        lat: Some(lat),
        lon: Some(lon),
        score: 0.85,
        by: "kb:places",
        ..Entity::default()
    }
}

/// Two sentences, two paragraphs, two events: 0212 (FRAGOV → RUS, at Paris, dated by its own
/// full date) and 195 (RUSMIL → SYRREB, at Aleppo, dated by an ISO week, so by publication).
fn document() -> Document {
    let text = format!("{S1}\n{S2}\n");
    let meta = Metadata {
        id: "test-doc".into(),
        url: Some("https://example.org/a\tb\nc".into()),
        published: Some(Published {
            date: jiff::civil::date(2015, 12, 21),
            time: Some(jiff::civil::time(0, 9, 0, 0)),
            offset_seconds: Some(3600),
        }),
        lang: "fr".into(),
        origin: "test".into(),
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.clone());
    let s1 = Span::new(0, S1.len());
    let s2 = span_of(&text, S2, 0);
    doc.blocks = vec![
        Block {
            kind: BlockKind::Paragraph,
            span: s1,
            credit: None,
        },
        Block {
            kind: BlockKind::Paragraph,
            span: s2,
            credit: None,
        },
    ];
    doc.sentences = vec![
        Sentence {
            span: s1,
            block: 0,
            tokens: 0..0,
        },
        Sentence {
            span: s2,
            block: 1,
            tokens: 0..0,
        },
    ];
    doc.entities = vec![
        Entity {
            id: "per:jean_yves_le_drian".into(),
            // A tab and a newline in a name must not break the GDELT row.
            name: "Jean-Yves\tLe\nDrian".into(),
            kind: Some(EntityType::Per),
            country: Some("FRA".into()),
            role: Some("GOV".into()),
            cameo: Some("FRAGOV".into()),
            score: 0.95,
            by: "kb:actors-fr",
            ..Entity::default()
        },
        place(2017370, "Russia", "RUS", 60.0, 100.0),
        place(2988507, "Paris", "FRA", 48.85341, 2.3488),
        place(170063, "Aleppo", "SYR", 36.20124, 37.16117),
    ];
    let mention = |needle: &str, from: usize, entity: usize| Mention {
        span: span_of(&text, needle, from),
        kind: EntityType::Loc,
        score: 0.9,
        tokens: 0..0,
        entity: Some(entity),
        nominal: false,
    };
    doc.mentions = vec![
        mention("Russie", 0, 1),
        mention("Paris", 0, 2),
        mention("Alep", s2.start, 3),
    ];
    doc.events = vec![
        Event {
            code: "0212".into(),
            actor1: EventActor {
                code: "FRAGOV".into(),
                entity: Some(0),
                span: span_of(&text, "Le Drian", 0),
                country: Some("FRA".into()),
                role: Some("GOV".into()),
            },
            actor2: Some(EventActor {
                code: "RUS".into(),
                entity: Some(1),
                span: span_of(&text, "la Russie", 0),
                country: Some("RUS".into()),
                role: None,
            }),
            status: EventStatus::Planned,
            date: Some("2015-11-26".into()),
            date_span: None,
            place: Some(EventPlace {
                entity: 2,
                span: span_of(&text, "Paris", 0),
            }),
            span: s1,
            trigger: span_of(&text, "va demander", 0),
            pattern: "demander: * à $T * coopération militaire (test)".into(),
            score: 0.8,
        },
        Event {
            code: "195".into(),
            actor1: EventActor {
                code: "RUSMIL".into(),
                entity: None,
                span: span_of(&text, "russes", s2.start),
                country: Some("RUS".into()),
                role: Some("MIL".into()),
            },
            actor2: Some(EventActor {
                code: "SYRREB".into(),
                entity: None,
                span: span_of(&text, "les rebelles", s2.start),
                country: Some("SYR".into()),
                role: Some("REB".into()),
            }),
            status: EventStatus::Reported,
            date: Some("2015-W52".into()),
            date_span: Some(span_of(&text, "lundi", s2.start)),
            place: Some(EventPlace {
                entity: 3,
                span: span_of(&text, "Alep", s2.start),
            }),
            span: s2,
            trigger: span_of(&text, "ont bombardé", s2.start),
            pattern: "bombarder (test)".into(),
            score: 0.9,
        },
    ];
    doc
}

/// Splits a GDELT export back into rows of fields.
fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

fn column(name: &str) -> usize {
    gdelt::COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn gdelt_rows_have_61_fields_and_the_right_codes() {
    let mut doc = document();
    let out = export().events(&mut doc);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert!(out.ends_with('\n'));
    assert_eq!(out.matches('\n').count(), 2, "one line per event: {out:?}");
    let rows = parse_tsv(&out);
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!(r.len(), 61, "{r:?}");
    }
    let get = |r: usize, c: &str| rows[r][column(c)].as_str();

    // Ids: stable, from the document id and the event index.
    assert_eq!(
        get(0, "GLOBALEVENTID"),
        gdelt::event_id("test-doc", 0).to_string()
    );
    assert_eq!(
        get(1, "GLOBALEVENTID"),
        gdelt::event_id("test-doc", 1).to_string()
    );
    assert_ne!(get(0, "GLOBALEVENTID"), get(1, "GLOBALEVENTID"));

    // Dates: the event's own full date, else the publication date.
    assert_eq!(get(0, "SQLDATE"), "20151126");
    assert_eq!(get(0, "MonthYear"), "201511");
    assert_eq!(get(0, "Year"), "2015");
    assert_eq!(get(0, "FractionDate"), "2015.8932"); // (10 * 30 + 26) / 365
    assert_eq!(get(1, "SQLDATE"), "20151221");
    assert_eq!(get(1, "FractionDate"), "2015.9616");
    // DATEADDED is the publication time in UTC (00:09 at +01:00 is 23:09 the day before).
    assert_eq!(get(0, "DATEADDED"), "20151220230900");

    // Codes, quad class and Goldstein scale.
    assert_eq!(
        [
            get(0, "EventCode"),
            get(0, "EventBaseCode"),
            get(0, "EventRootCode"),
            get(0, "QuadClass")
        ],
        ["0212", "021", "02", "1"]
    );
    assert_eq!(get(0, "GoldsteinScale").parse::<f64>().unwrap(), 3.4);
    assert_eq!(
        [
            get(1, "EventCode"),
            get(1, "EventBaseCode"),
            get(1, "EventRootCode"),
            get(1, "QuadClass")
        ],
        ["195", "195", "19", "4"]
    );
    assert_eq!(get(1, "GoldsteinScale"), "-10.0");
    for c in ["NumMentions", "NumSources", "NumArticles"] {
        assert_eq!(get(0, c), "1");
    }
    assert_eq!(get(0, "AvgTone"), "");
    assert_eq!(get(0, "IsRootEvent"), "1");
    assert_eq!(get(1, "IsRootEvent"), "0");

    // Actors: CAMEO codes, upper-case names (tabs and newlines become spaces), ISO countries.
    assert_eq!(get(0, "Actor1Code"), "FRAGOV");
    assert_eq!(get(0, "Actor1Name"), "JEAN-YVES LE DRIAN");
    assert_eq!(get(0, "Actor1CountryCode"), "FRA");
    assert_eq!(get(0, "Actor1Type1Code"), "GOV");
    assert_eq!(get(0, "Actor2Code"), "RUS");
    assert_eq!(get(0, "Actor2Name"), "RUSSIA");
    // An actor without an entity is named by its country, as GDELT names "Russian troops".
    assert_eq!(get(1, "Actor1Name"), "RUSSIA");
    assert_eq!(get(1, "Actor2Name"), "SYRIA");
    assert_eq!(get(1, "Actor1Type1Code"), "MIL");
    assert_eq!(get(1, "Actor2CountryCode"), "SYR");
    assert_eq!(get(1, "Actor2Type1Code"), "REB");

    // Geography: FIPS country codes, GDELT geo types, GeoNames feature ids, ADM1 codes as
    // FIPS country + GeoNames admin1.
    assert_eq!(fips("FRA"), Some("FR"));
    assert_eq!(fips("RUS"), Some("RS"));
    // A person has no place of its own: the country it speaks for, at country level.
    assert_eq!(get(0, "Actor1Geo_Type"), "1");
    assert_eq!(get(0, "Actor1Geo_FullName"), "France");
    assert_eq!(get(0, "Actor1Geo_CountryCode"), "FR");
    assert_eq!(get(0, "Actor1Geo_ADM1Code"), "FR");
    assert_eq!(get(0, "Actor1Geo_FeatureID"), "3017382");
    assert!(get(0, "Actor1Geo_Lat").parse::<f64>().is_ok()); // from the knowledge base
    assert_eq!(get(0, "Actor2Geo_Type"), "1"); // Russia, a country
    assert_eq!(get(0, "Actor2Geo_FullName"), "Russia");
    assert_eq!(get(0, "Actor2Geo_CountryCode"), "RS");
    assert_eq!(get(0, "Actor2Geo_ADM1Code"), "RS");
    assert_eq!(get(0, "Actor2Geo_FeatureID"), "2017370");
    assert_eq!(get(0, "ActionGeo_Type"), "4"); // Paris, a world city
    assert_eq!(get(0, "ActionGeo_FullName"), "Paris, Ile-de-France, France");
    assert_eq!(get(0, "ActionGeo_CountryCode"), "FR");
    assert_eq!(get(0, "ActionGeo_ADM1Code"), "FR11");
    assert_eq!(get(0, "ActionGeo_ADM2Code"), "");
    assert_eq!(get(0, "ActionGeo_Lat").parse::<f64>().unwrap(), 48.85341);
    assert_eq!(get(0, "ActionGeo_Long").parse::<f64>().unwrap(), 2.3488);
    assert_eq!(get(0, "ActionGeo_FeatureID"), "2988507");
    assert_eq!(get(1, "ActionGeo_FullName"), "Alep, Aleppo, Syria");
    assert_eq!(get(1, "ActionGeo_CountryCode"), "SY");
    assert_eq!(get(1, "ActionGeo_ADM1Code"), "SY09");
    // Actors without an entity are placed in their country.
    assert_eq!(get(1, "Actor1Geo_FullName"), "Russia");
    assert_eq!(get(1, "Actor2Geo_CountryCode"), "SY");

    // The URL's tab and newline are spaces; nothing else changed.
    assert_eq!(get(0, "SOURCEURL"), "https://example.org/a b c");

    // Round trip: the TSV read back gives the rows the library built, field by field.
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(*r, export().row(&doc, i));
    }
}

#[test]
fn gdelt_rows_without_date_url_or_second_actor_keep_61_fields() {
    let mut doc = document();
    doc.meta.published = None;
    doc.meta.url = None;
    doc.events[1].actor2 = None;
    doc.events[1].place = None;
    let rows = parse_tsv(&export().events(&mut doc));
    assert!(rows.iter().all(|r| r.len() == 61));
    let get = |r: usize, c: &str| rows[r][column(c)].as_str();
    assert_eq!(get(0, "SQLDATE"), "20151126");
    // An ISO week and no publication date: the processing day, as GDELT uses crawl time.
    assert_eq!(get(1, "SQLDATE"), "20250615");
    assert_eq!(get(1, "MonthYear"), "202506");
    assert_eq!(get(1, "Year"), "2025");
    assert_eq!(get(1, "FractionDate"), "2025.4521"); // (5 * 30 + 15) / 365
    assert_eq!(get(0, "DATEADDED"), "20250615150640");
    assert_eq!(get(1, "DATEADDED"), "20250615150640");
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].contains("no publication date")
            && doc.warnings[0].contains("2025-06-15T15:06:40Z"),
        "{:?}",
        doc.warnings
    );
    assert_eq!(get(1, "SOURCEURL"), "");
    assert_eq!(get(1, "Actor2Code"), "");
    assert_eq!(get(1, "Actor2Geo_Type"), "0");
    // No place of its own: the place named in its sentence.
    assert_eq!(get(1, "ActionGeo_FeatureID"), "170063");

    // Without any place mention, nor a country for its actors: no geography at all.
    doc.mentions.clear();
    doc.events[1].actor1.country = None;
    doc.events[1].actor1.code = "REB".into();
    let rows = parse_tsv(&export().events(&mut doc));
    let get = |r: usize, c: &str| rows[r][column(c)].as_str();
    assert_eq!(get(1, "Actor1Geo_Type"), "0");
    assert_eq!(get(1, "ActionGeo_Type"), "0");
    assert!(rows[1][column("ActionGeo_Type") + 1..column("DATEADDED")]
        .iter()
        .all(String::is_empty));

    doc.events.clear();
    doc.warnings.clear();
    assert_eq!(export().events(&mut doc), "");
    assert!(doc.warnings.is_empty(), "no rows, nothing to warn about");
    assert_eq!(plover::to_plover_lines(&doc), "");
}

#[test]
fn gdelt_action_geo_falls_back_on_the_nearest_place_of_the_sentence_then_the_story() {
    let mut doc = document();
    doc.events[0].place = None;
    doc.events[1].place = None;
    let rows = parse_tsv(&export().events(&mut doc));
    let get = |r: usize, c: &str| rows[r][column(c)].as_str();
    // "va demander à la Russie": Russia is nearer the trigger than Paris at the sentence's end.
    assert_eq!(get(0, "ActionGeo_FeatureID"), "2017370");
    assert_eq!(get(0, "ActionGeo_Type"), "1");
    // "bombardé les rebelles à Alep": Aleppo, the only place of the sentence.
    assert_eq!(get(1, "ActionGeo_FeatureID"), "170063");

    // Without a place in its sentence, the story's place nearest the trigger: Paris, which
    // ends the sentence before.
    doc.mentions.retain(|m| m.entity != Some(3));
    let rows = parse_tsv(&export().events(&mut doc));
    assert_eq!(rows[1][column("ActionGeo_FeatureID")], "2988507");
    assert_eq!(rows[1][column("ActionGeo_ADM1Code")], "FR11");
}

#[test]
fn gdelt_actor_names_are_upper_case_ascii_with_english_country_names() {
    let mut doc = document();
    doc.entities[0].name = "Sergueï \"Choïgou\"".into();
    // A group the linker describes by its country (in French) and its role (in English).
    doc.entities.push(Entity {
        id: "grp:egy_mil".into(),
        name: "Égypte military".into(),
        kind: Some(EntityType::Org),
        country: Some("EGY".into()),
        role: Some("MIL".into()),
        role_label: Some("military".into()),
        cameo: Some("EGYMIL".into()),
        score: 0.7,
        by: "nominal",
        ..Entity::default()
    });
    // A hand record of a CAMEO region, named in French.
    doc.entities.push(Entity {
        id: "grp:the_west".into(),
        name: "les Occidentaux".into(),
        kind: Some(EntityType::Org),
        role: Some("WST".into()),
        cameo: Some("WST".into()),
        by: "kb:actors-fr",
        ..Entity::default()
    });
    doc.entities[1].name = "Russie".into(); // the linker's French name of the country
    doc.events[1].actor1.entity = Some(4);
    doc.events[1].actor2.as_mut().expect("actor 2").entity = Some(5);
    let rows = parse_tsv(&export().events(&mut doc));
    let get = |r: usize, c: &str| rows[r][column(c)].as_str();
    assert_eq!(get(0, "Actor1Name"), "SERGUEI CHOIGOU");
    assert_eq!(get(0, "Actor2Name"), "RUSSIA");
    assert_eq!(get(1, "Actor1Name"), "EGYPT MILITARY");
    assert_eq!(get(1, "Actor2Name"), "WEST");
    for r in &rows {
        for c in ["Actor1Name", "Actor2Name"] {
            let v = &r[column(c)];
            assert!(
                v.bytes().all(|b| b.is_ascii() && !b.is_ascii_lowercase()),
                "{c} {v:?}"
            );
        }
    }
}

/// The 61 column names of the GDELT 2.0 event table, in order, as the GDELT 2.0 Event
/// Codebook gives them (a fact of the format, written out here rather than taken from the
/// exporter, so that the two are checked against each other).
const GDELT2_EVENT_COLUMNS: [&str; 61] = [
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

/// The codebook's INTEGER columns.
const INTEGER_COLUMNS: [&str; 13] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "IsRootEvent",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "Actor1Geo_Type",
    "Actor2Geo_Type",
    "ActionGeo_Type",
    "DATEADDED",
];

/// The codebook's FLOAT columns (empty reads as NaN).
const FLOAT_COLUMNS: [&str; 9] = [
    "FractionDate",
    "GoldsteinScale",
    "AvgTone",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "ActionGeo_Lat",
    "ActionGeo_Long",
];

/// Reads a GDELT export as `pandas.read_csv(path, sep="\t", header=None,
/// names=GDELT2_EVENT_COLUMNS, dtype=..., quoting=csv.QUOTE_NONE)` would, failing where pandas
/// (or pandas without `QUOTE_NONE`) would fail or misread: every line exactly 61 fields, no
/// `"`, no stray line break (CR, or any character a line splitter breaks on), INTEGER columns
/// integers, FLOAT columns floats or empty, and the date columns never empty and consistent.
/// Returns the rows as column name → value.
fn read_like_pandas(text: &str) -> Vec<std::collections::HashMap<&'static str, String>> {
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "rows end in a line feed"
    );
    let mut rows = Vec::new();
    for (n, line) in text.split_terminator('\n').enumerate() {
        assert!(
            !line.contains(['"', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}']),
            "line {n}: a quote or a line break inside a value: {line:?}"
        );
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 61, "line {n}: {line:?}");
        let row: std::collections::HashMap<&'static str, String> = GDELT2_EVENT_COLUMNS
            .iter()
            .zip(&fields)
            .map(|(c, v)| (*c, v.to_string()))
            .collect();
        for c in INTEGER_COLUMNS {
            assert!(
                row[c].parse::<i64>().is_ok(),
                "line {n}: {c} {:?} is not an integer",
                row[c]
            );
        }
        for c in FLOAT_COLUMNS {
            let v = &row[c];
            assert!(
                v.is_empty() || v.parse::<f64>().is_ok(),
                "line {n}: {c} {v:?} is not a float"
            );
        }
        for c in ["SQLDATE", "MonthYear", "Year", "FractionDate", "DATEADDED"] {
            assert!(!row[c].is_empty(), "line {n}: {c} is empty");
        }
        let sqldate = &row["SQLDATE"];
        assert_eq!(sqldate.len(), 8, "line {n}: SQLDATE {sqldate}");
        assert_eq!(&sqldate[..6], row["MonthYear"], "line {n}");
        assert_eq!(&sqldate[..4], row["Year"], "line {n}");
        let fraction: f64 = row["FractionDate"].parse().unwrap();
        assert_eq!(fraction.floor().to_string(), row["Year"], "line {n}");
        assert_eq!(
            row["DATEADDED"].len(),
            14,
            "line {n}: DATEADDED {}",
            row["DATEADDED"]
        );
        for geo in ["Actor1Geo", "Actor2Geo", "ActionGeo"] {
            let t = &row[format!("{geo}_Type").as_str()];
            assert!(
                ["0", "1", "2", "3", "4", "5"].contains(&t.as_str()),
                "line {n}: {geo} {t}"
            );
        }
        rows.push(row);
    }
    rows
}

#[test]
fn gdelt_export_reads_as_pandas_reads_gdelt_with_and_without_a_publication_date() {
    assert_eq!(gdelt::COLUMNS, GDELT2_EVENT_COLUMNS);

    // A quote, a vertical tab, a line separator and a carriage return in values.
    let mut doc = document();
    doc.meta.url = Some("https://example.org/?q=\"a\"\r\n".into());
    doc.entities[0].name = "Jean-Yves \"Le\u{b}Drian\u{2028}\"".into();
    doc.entities[2].name = "Pa\"ris\r".into();
    let dated = read_like_pandas(&export().events(&mut doc));
    assert_eq!(dated.len(), 2);
    assert_eq!(dated[0]["SQLDATE"], "20151126");
    assert_eq!(dated[1]["DATEADDED"], "20151220230900");
    assert_eq!(dated[0]["Actor1Name"], "JEAN-YVES LE DRIAN");
    assert_eq!(dated[0]["SOURCEURL"], "https://example.org/?q=%22a%22  ");

    doc.meta.published = None;
    let undated = read_like_pandas(&export().events(&mut doc));
    assert_eq!(undated.len(), 2);
    assert_eq!(undated[1]["SQLDATE"], "20250615");
    assert_eq!(undated[1]["DATEADDED"], "20250615150640");

    // The real binary on the seed article, with and without --published.
    for published in [Some("2015-12-21"), None] {
        let out = run_extract_with("gdelt-events", published);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = read_like_pandas(&String::from_utf8(out.stdout).expect("UTF-8"));
        assert!(!rows.is_empty(), "the seed article has events");
        let stderr = String::from_utf8_lossy(&out.stderr);
        match published {
            Some(_) => {
                assert!(rows.iter().all(|r| r["DATEADDED"] == "20151221000000"));
                assert!(!stderr.contains("no publication date"), "{stderr}");
            }
            None => assert!(stderr.contains("no publication date"), "{stderr}"),
        }
        // Every event is placed (its own place, its sentence's or the story's).
        assert!(rows.iter().all(|r| r["ActionGeo_Type"] != "0"));
        for r in &rows {
            for c in ["Actor1Name", "Actor2Name", "ActionGeo_FullName"] {
                assert!(r[c].is_ascii(), "{c} {:?}", r[c]);
            }
        }
    }
}

#[test]
fn plover_lines_parse_as_json_with_the_plover_mapping() {
    let mut doc = document();
    let out = plover::to_plover_lines(&doc);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    let (a, b) = (&lines[0], &lines[1]);
    assert_eq!(a["id"], "test-doc-0");
    assert_eq!(a["date"], "2015-11-26");
    assert_eq!(a["event_type"], "REQUEST");
    assert_eq!(a["mode"], "assist");
    assert_eq!(a["context"], Value::Null);
    assert_eq!(a["cameo"], "0212");
    assert_eq!(a["status"], "planned");
    assert_eq!(a["source"]["text"], "Le Drian");
    assert_eq!(a["source"]["code"], "FRAGOV");
    assert_eq!(a["source"]["country"], "FRA");
    assert_eq!(a["source"]["sector"], "GOV");
    assert_eq!(a["source"]["entity"], "per:jean_yves_le_drian");
    assert_eq!(a["target"]["code"], "RUS");
    assert_eq!(a["location"]["name"], "Paris");
    assert_eq!(a["location"]["geonames"], 2988507);
    assert_eq!(a["event_text"], "va demander");
    assert_eq!(a["text"], S1);
    assert_eq!(a["story_id"], "test-doc");
    assert_eq!(a["source_url"], "https://example.org/a\tb\nc");
    assert_eq!(a["published"], "2015-12-21T00:09:00+01:00");
    assert_eq!(b["event_type"], "ASSAULT");
    assert_eq!(b["mode"], "heavy-weapons");
    assert_eq!(b["date"], "2015-12-21");
    assert_eq!(b["source"]["entity"], Value::Null);
    assert_eq!(b["location"]["country"], "SYR");
    // Spans slice the document's text.
    let text = doc.text.as_bytes();
    for (line, event) in lines.iter().zip(&doc.events) {
        let [s, e] = [0, 1].map(|i| line["event_span"][i].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], line["event_text"].as_str().unwrap().as_bytes());
        assert_eq!((s, e), (event.trigger.start, event.trigger.end));
    }

    // A CAMEO 01x statement has no PLOVER type; a 02x appeal is a REQUEST.
    doc.events[0].code = "010".into();
    doc.events[1].code = "026".into();
    let out = plover::to_plover_lines(&doc);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["event_type"], Value::Null);
    assert_eq!(lines[0]["cameo"], "010");
    assert_eq!(lines[1]["event_type"], "REQUEST");
    assert_eq!(lines[1]["mode"], "meet");
}

#[test]
fn json_output_has_the_events_layer() {
    let doc = document();
    let json: Value =
        serde_json::from_str(&output::to_json_line(&doc, OutputOptions::default())).unwrap();
    let events = json["events"].as_array().expect("events layer");
    assert_eq!(events.len(), 2);
    let e = &events[0];
    assert_eq!(e["code"], "0212");
    assert_eq!(e["name"], "Appeal for military cooperation");
    assert_eq!(e["base"], "021");
    assert_eq!(e["root"], "02");
    assert_eq!(e["quad_class"], 1);
    assert!((e["goldstein"].as_f64().unwrap() - 3.4).abs() < 1e-6);
    assert_eq!(e["plover"]["event"], "REQUEST");
    assert_eq!(e["plover"]["mode"], "assist");
    assert_eq!(e["actor1"]["code"], "FRAGOV");
    assert_eq!(e["actor1"]["entity"], "per:jean_yves_le_drian");
    assert_eq!(e["actor1"]["text"], "Le Drian");
    assert_eq!(e["actor1"]["country"], "FRA");
    assert_eq!(e["actor1"]["role"], "GOV");
    assert_eq!(e["actor2"]["entity"], "geo:2017370");
    assert_eq!(e["status"], "planned");
    assert_eq!(e["date"], "2015-11-26");
    assert_eq!(e["date_span"], Value::Null);
    assert_eq!(e["place"]["entity"], "geo:2988507");
    assert_eq!(e["place"]["name"], "Paris");
    assert_eq!(e["place"]["geonames"], 2988507);
    assert_eq!(e["place"]["country"], "FRA");
    assert_eq!(e["place"]["text"], "Paris");
    assert_eq!(e["text"], S1);
    assert_eq!(e["trigger"]["text"], "va demander");
    assert!(e["pattern"].as_str().unwrap().starts_with("demander"));
    assert!((e["score"].as_f64().unwrap() - 0.8).abs() < 1e-6);
    let e = &events[1];
    assert_eq!(e["plover"]["event"], "ASSAULT");
    assert_eq!(e["goldstein"], -10.0);
    assert_eq!(e["quad_class"], 4);
    assert_eq!(e["actor1"]["entity"], Value::Null);
    assert_eq!(e["date_span"]["text"], "lundi");

    // Every span in the layer slices the text to its "text".
    let text = json["text"].as_str().unwrap().as_bytes();
    let check = |v: &Value| {
        let [s, t] = [0, 1].map(|i| v["span"][i].as_u64().unwrap() as usize);
        assert_eq!(&text[s..t], v["text"].as_str().unwrap().as_bytes(), "{v}");
    };
    for e in events {
        check(e);
        check(&e["actor1"]);
        check(&e["trigger"]);
        for key in ["actor2", "place", "date_span"] {
            if !e[key].is_null() {
                check(&e[key]);
            }
        }
    }

    // A code outside the table keeps its code and nulls the table's fields.
    let mut doc = doc;
    doc.events[0].code = "999".into();
    let json: Value =
        serde_json::from_str(&output::to_json_line(&doc, OutputOptions::default())).unwrap();
    let e = &json["events"][0];
    assert_eq!(e["code"], "999");
    assert_eq!(e["name"], Value::Null);
    assert_eq!(e["plover"], Value::Null);
    let row = export().row(&doc, 0);
    assert_eq!(row.len(), 61);
    assert_eq!(row[column("EventRootCode")], "99");
}

fn run_extract(format: &str) -> std::process::Output {
    run_extract_with(format, Some("2015-12-21"))
}

/// `depeche extract` on the seed article, quiet: warnings still go to standard error.
fn run_extract_with(format: &str, published: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_depeche"));
    cmd.args([
        "extract",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/000_841bfa5ee9043e79.txt"
        ),
        "--format",
        format,
        "-q",
    ]);
    if let Some(date) = published {
        cmd.args(["--published", date]);
    }
    cmd.output().expect("run depeche")
}

#[test]
fn cli_writes_gdelt_rows_of_61_fields() {
    let out = run_extract("gdelt-events");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    // Zero or more lines (the event coder decides how many), each a full row.
    for line in stdout.lines() {
        assert_eq!(line.split('\t').count(), 61, "{line:?}");
    }
    assert!(stdout.is_empty() || stdout.ends_with('\n'));
}

#[test]
fn cli_writes_plover_json_lines() {
    let out = run_extract("plover");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    for line in stdout.lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        assert!(v["cameo"].is_string() && v["story_id"].is_string(), "{v}");
    }
}
