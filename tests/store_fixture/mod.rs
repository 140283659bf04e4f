//! A small news corpus for the store's tests, written for them (no article text from
//! elsewhere): articles built from sentences that the event coder codes (the same story told
//! by several articles on consecutive days), filler sentences, and one sentence of each
//! article's own so that no two articles are near-duplicates unless made so on purpose.

#![allow(dead_code)]

use serde_json::json;
use std::path::{Path, PathBuf};

/// Sentences that each give one event (the code is in the comment of each).
pub const EVENTS: [&str; 6] = [
    // 111 FRAGOV → RUS, in Syria
    "Le ministre français des Affaires étrangères, Laurent Fabius, a condamné les frappes russes en Syrie.",
    // 040 RUSGOV → IRNGOV, in Iran
    "Le président Vladimir Poutine a rencontré le président iranien Hassan Rohani à Téhéran.",
    // 173 FRACOP → FRAOPP
    "La police a arrêté trois manifestants à Lyon.",
    // 020 DEUGOV → TUR
    "Angela Merkel a appelé la Turquie à accueillir les réfugiés.",
    // 111 GBRGOV → GRCGOV
    "Le Premier ministre britannique David Cameron a critiqué le gouvernement grec.",
    // 042 USAGOV → EGY
    "Le secrétaire d'État américain John Kerry s'est rendu en Égypte.",
];

const FILLER: [&str; 10] = [
    "La météo devrait rester clémente pour la saison selon les prévisionnistes.",
    "Les marchés financiers ont terminé la séance en légère hausse.",
    "Le festival de musique a attiré de nombreux visiteurs cette année.",
    "Les travaux de rénovation de la gare se poursuivront jusqu'au printemps.",
    "Une exposition consacrée à la peinture flamande ouvre ses portes au musée.",
    "Le prix du carburant a légèrement baissé au cours du mois écoulé.",
    "Les écoles de la région accueilleront davantage d'élèves à la rentrée.",
    "Le championnat de football reprendra après la trêve internationale.",
    "La bibliothèque municipale prolonge ses horaires d'ouverture le samedi.",
    "Les agriculteurs attendent la pluie pour les semis d'automne.",
];

/// One article of the corpus: its JSON Lines object.
pub fn article(k: usize) -> serde_json::Value {
    let mut text = format!(
        "Le conseil de la commune numéro {k} a examiné {} dossiers lors de sa séance du soir.",
        k * 7 + 3
    );
    for i in 0..3 {
        text.push(' ');
        text.push_str(FILLER[(k * 3 + i) % FILLER.len()]);
    }
    // Two events per article; each event is reported by every third article or so.
    for e in [k % EVENTS.len(), (k * 5 + 1) % EVENTS.len()] {
        text.push('\n');
        text.push_str(EVENTS[e]);
    }
    let day = 5 + (k % 3);
    json!({
        "id": format!("art-{k:04}"),
        "title": format!("Dépêche numéro {k}"),
        "text": text,
        "published": format!("2015-10-{day:02}T{:02}:00:00+02:00", 8 + k % 10),
        "url": format!("https://www.example.fr/depeche/{k}?utm_source=rss"),
        "source": if k % 2 == 0 { "Exemple" } else { "Autre Exemple" },
    })
}

/// The same dispatch republished by another site: another id, URL, source and title, a
/// credit line added.
pub fn copy_of(k: usize) -> serde_json::Value {
    let mut a = article(k);
    let text = format!("{} (AFP)", a["text"].as_str().unwrap_or_default());
    a["text"] = json!(text);
    a["id"] = json!(format!("copy-{k:04}"));
    a["url"] = json!(format!("https://reprise.example.com/{k}.html"));
    a["source"] = json!("Reprise");
    a["title"] = json!(format!("Repris : dépêche {k}"));
    a
}

/// Writes these objects as a JSON Lines file.
pub fn write_jsonl(dir: &Path, name: &str, objects: &[serde_json::Value]) -> PathBuf {
    let path = dir.join(name);
    let mut text = String::new();
    for o in objects {
        text.push_str(&o.to_string());
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write the corpus");
    path
}

/// Articles `0..n`.
pub fn corpus(n: usize) -> Vec<serde_json::Value> {
    (0..n).map(article).collect()
}

/// Everything ingest and merging decide, without row ids: the records (with their
/// representative mention), which mention went to which record, and the stories.
pub fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut out = Vec::new();
    let queries = [
        "SELECT e.event, e.mkey, e.code, e.day, e.last_day, e.first_seen, e.num_mentions,
                e.num_sources, e.num_articles, e.goldstein, e.confidence, e.is_root,
                d.id || '#' || m.idx
         FROM events e JOIN event_mentions m ON m.mention = e.rep
         JOIN documents d ON d.doc = m.doc ORDER BY e.event",
        "SELECT d.id, m.idx, m.event FROM event_mentions m JOIN documents d ON d.doc = m.doc
         ORDER BY d.id, m.idx",
        "SELECT id, story, content_hash FROM documents ORDER BY id",
    ];
    for q in queries {
        let mut stmt = conn.prepare(q).expect("prepare");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = Vec::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push(format!("{v:?}"));
                }
                Ok(line.join("\t"))
            })
            .expect("query");
        out.extend(rows.map(|r| r.expect("row")));
    }
    out
}
