//! Runs the linking table in `tests/cases/links.txt` through the whole pipeline, and checks
//! the seed's entity table (`../shared/spec/seed.md`).

use depeche::read::published::parse_published;
use depeche::read::{DocumentStream, Input, ReadOptions};
use depeche::{Document, EntityType, Metadata, Pipeline};
use std::path::PathBuf;

fn annotate(pipeline: &Pipeline, text: &str, published: Option<&str>) -> Document {
    let meta = Metadata {
        id: "case".into(),
        lang: "fr".into(),
        published: published.map(|p| parse_published(p).expect("case date")),
        title_from_first_line: false,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    doc
}

fn field(value: Option<String>) -> String {
    value.unwrap_or_else(|| "null".into())
}

#[test]
fn link_table() {
    let pipeline = Pipeline::new("fr").unwrap();
    let (mut about, mut published, mut input) = (String::new(), None::<String>, String::new());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (n, line) in include_str!("cases/links.txt").lines().enumerate() {
        if let Some(c) = line.strip_prefix("# ") {
            about = c.to_string();
        } else if let Some(p) = line.strip_prefix("@ ") {
            published = Some(p.to_string());
        } else if let Some(t) = line.strip_prefix("< ") {
            input = t.to_string();
        } else if let Some(e) = line.strip_prefix("> ") {
            checked += 1;
            let want: Vec<&str> = e.split(" | ").collect();
            let doc = annotate(&pipeline, &input, published.as_deref());
            let got = doc
                .mentions
                .iter()
                .filter(|m| doc.slice(m.span) == want[0])
                .find_map(|m| {
                    let ent = &doc.entities[m.entity?];
                    let row = [
                        want[0].to_string(),
                        ent.id.clone(),
                        ent.kind.map_or("null", EntityType::as_str).to_string(),
                        field(ent.country.clone()),
                        field(ent.role.clone()),
                        field(ent.geonames.map(|g| g.to_string())),
                    ];
                    Some(row)
                });
            // "> text | none": no mention with that text is linked to anything.
            let ok = if want.get(1) == Some(&"none") {
                got.is_none()
            } else {
                got.as_ref()
                    .is_some_and(|row| row.iter().zip(&want).all(|(g, w)| *w == "-" || g == w))
            };
            if !ok {
                let all: Vec<String> = doc
                    .mentions
                    .iter()
                    .map(|m| {
                        format!(
                            "{:?}→{:?}",
                            doc.slice(m.span),
                            m.entity.map(|e| (
                                &doc.entities[e].id,
                                &doc.entities[e].country,
                                &doc.entities[e].role
                            ))
                        )
                    })
                    .collect();
                failures.push(format!(
                    "line {} ({about}):\n  expected {e}\n  got      {got:?}\n  mentions {all:?}",
                    n + 1
                ));
            }
        }
    }
    assert!(checked > 15);
    assert!(
        failures.is_empty(),
        "{} of {checked} link expectations fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_seed_entity_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/000_841bfa5ee9043e79.txt");
    let opts = ReadOptions {
        published: parse_published("2015-12-21").ok(),
        ..ReadOptions::default()
    };
    let mut doc = DocumentStream::new(vec![Ok(Input::File(path))], opts)
        .next()
        .unwrap()
        .unwrap();
    Pipeline::new("fr").unwrap().annotate(&mut doc);
    let record = |mention: &str| {
        doc.mentions
            .iter()
            .find(|m| doc.slice(m.span) == mention)
            .and_then(|m| m.entity)
            .map(|e| &doc.entities[e])
            .unwrap_or_else(|| panic!("no linked mention '{mention}'"))
    };
    let check = |mention: &str, country: Option<&str>, role: Option<&str>, same_as: &str| {
        let e = record(mention);
        assert_eq!(e.country.as_deref(), country, "{mention}: {e:?}");
        if role.is_some() {
            assert_eq!(e.role.as_deref(), role, "{mention}: {e:?}");
        }
        assert_eq!(
            e.id,
            record(same_as).id,
            "{mention} and {same_as} are one record"
        );
    };
    check(
        "Jean-Yves Le Drian",
        Some("FRA"),
        Some("GOV"),
        "M. Le Drian".trim_start_matches("M. "),
    );
    check(
        "Sergueï Choïgou",
        Some("RUS"),
        Some("GOV"),
        "son homologue russe",
    );
    check(
        "François Hollande",
        Some("FRA"),
        Some("GOV"),
        "président français",
    );
    check(
        "Vladimir Poutine",
        Some("RUS"),
        Some("GOV"),
        "son homologue",
    );
    check(
        "Bachar al-Assad",
        Some("SYR"),
        Some("GOV"),
        "Bachar al-Assad",
    );
    check("Daesh", None, None, "cette organisation");
    check("Daesh", None, None, "l'organisation jihadiste");
    check("l'armée russe", Some("RUS"), Some("MIL"), "la marine russe");
    check(
        "sources militaires françaises",
        Some("FRA"),
        Some("MIL"),
        "sources militaires françaises",
    );
    check("les rebelles", Some("SYR"), Some("REB"), "la rébellion");
    check(
        "rebelles prorusses",
        Some("UKR"),
        Some("REB"),
        "rebelles prorusses",
    );
    assert_eq!(record("Moscou").geonames, Some(524901));
    assert_eq!(record("Paris").geonames, Some(2988507));
    assert_eq!(record("Matignon").geonames, Some(2988507));
    for (name, iso) in [("Syrie", "SYR"), ("Russie", "RUS"), ("France", "FRA")] {
        assert_eq!(record(name).country.as_deref(), Some(iso), "{name}");
    }
    assert_eq!(record("AFP").kind, Some(EntityType::Org));
    assert_eq!(record("DOMINIQUE FAGET").kind, Some(EntityType::Per));
}
