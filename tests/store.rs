//! The store through its library interface: idempotence, near-duplicates, merge determinism,
//! failures, the migration from schema version 1, and the exports read back.

mod store_fixture;

use depeche::read::{expand_inputs, DocumentStream, ReadOptions, WalkOptions};
use depeche::store::ingest::{self, Options, Report};
use depeche::store::sqlite::SqliteStore;
use depeche::store::{schema, Backend, Filter, StoreError};
use depeche::Pipeline;
use rusqlite::Connection;
use std::path::Path;
use std::sync::OnceLock;
use store_fixture::{copy_of, corpus, dump, write_jsonl};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new("fr").expect("the French pipeline"))
}

fn options() -> Options {
    Options {
        threads: 2,
        batch: 16,
        ..Options::default()
    }
}

fn ingest_with(store: &mut SqliteStore, input: &Path, opts: &Options) -> Report {
    let inputs = expand_inputs(&[input.to_path_buf()], WalkOptions::default()).inputs;
    let read = ReadOptions {
        format: None,
        max_doc_bytes: 1 << 20,
        published: None,
        lang: "fr".into(),
        lang_any: false,
    };
    ingest::ingest(
        pipeline(),
        move || DocumentStream::new(inputs, read),
        store,
        opts,
        &mut |_| {},
    )
    .expect("ingest")
}

fn ingest_file(db: &Path, input: &Path) -> Report {
    let mut store = SqliteStore::open(db).expect("open the store");
    ingest_with(&mut store, input, &options())
}

#[test]
fn ingest_twice_stores_each_document_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let articles = corpus(12);
    let input = write_jsonl(dir.path(), "a.jsonl", &articles);
    let first = ingest_file(&db, &input);
    assert_eq!((first.read, first.added, first.known), (12, 12, 0));
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    let before = dump(&db);
    let again = ingest_file(&db, &input);
    assert_eq!((again.read, again.added, again.known), (12, 0, 12));
    assert_eq!(dump(&db), before);

    // Same document under another id: found by canonical URL (scheme, www and tracking
    // parameters aside), or by its normalized text.
    let mut by_url = articles[0].clone();
    by_url["id"] = "other-id".into();
    by_url["url"] = "http://example.fr/depeche/0".into();
    let mut by_text = articles[1].clone();
    by_text["id"] = "third-id".into();
    by_text["url"] = "https://elsewhere.example/x".into();
    let text = by_text["text"].as_str().unwrap_or_default().to_uppercase();
    by_text["text"] = text.replace(". ", " . ").into();
    let input = write_jsonl(dir.path(), "b.jsonl", &[by_url, by_text]);
    let r = ingest_file(&db, &input);
    assert_eq!((r.added, r.known), (0, 2));
    assert_eq!(dump(&db), before);
}

#[test]
fn reannotation_only_with_the_flag_and_another_engine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let input = write_jsonl(dir.path(), "a.jsonl", &corpus(6));
    ingest_file(&db, &input);
    let before = dump(&db);
    let conn = Connection::open(&db).expect("open");
    conn.execute("UPDATE documents SET engine = '0.0.1+schema1'", [])
        .expect("age the documents");
    drop(conn);
    let mut store = SqliteStore::open(&db).expect("open");
    let plain = ingest_with(&mut store, &input, &options());
    assert_eq!((plain.known, plain.reannotated), (6, 0));
    let opts = Options {
        reannotate: true,
        ..options()
    };
    let re = ingest_with(&mut store, &input, &opts);
    assert_eq!((re.known, re.reannotated), (0, 6));
    assert_eq!(dump(&db), before);
    // Now current: a second --reannotate has nothing to do.
    let re = ingest_with(&mut store, &input, &opts);
    assert_eq!((re.known, re.reannotated), (6, 0));
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn copies_of_a_dispatch_are_one_story_and_one_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let mut docs = corpus(9);
    docs.push(copy_of(3));
    docs.push(copy_of(4));
    let input = write_jsonl(dir.path(), "a.jsonl", &docs);
    let r = ingest_file(&db, &input);
    assert_eq!(r.added, 11, "{:?}", r.failed);
    let conn = Connection::open(&db).expect("open");
    let story = |id: &str| -> String {
        conn.query_row("SELECT story FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .expect("story")
    };
    assert_eq!(story("copy-0003"), "art-0003");
    assert_eq!(story("copy-0004"), "art-0004");
    // No other article is linked: each is its own story.
    let linked: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents WHERE story != id",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(linked, 2);
    // Articles 3 and 4 (published a day apart) both report events 3 and 4 of the fixture,
    // and both were copied: each record has four articles but two sources, one per story
    // (counting sites, it would be three: "Autre Exemple", "Exemple" and "Reprise").
    let mut stmt = conn
        .prepare(
            "SELECT e.num_articles, e.num_sources, e.num_mentions FROM events e
             WHERE e.event IN (SELECT m.event FROM event_mentions m JOIN documents d
                               ON d.doc = m.doc WHERE d.id = 'copy-0003')
             ORDER BY e.event",
        )
        .expect("prepare");
    let records: Vec<(i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(records, [(4, 2, 4), (4, 2, 4)]);
}

#[test]
fn merged_records_do_not_depend_on_ingest_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut docs = corpus(30);
    docs.push(copy_of(7));
    let a = write_jsonl(dir.path(), "a.jsonl", &docs);
    // A fixed shuffle (a linear congruential generator), then in reverse in two halves.
    let mut shuffled = docs.clone();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for i in (1..shuffled.len()).rev() {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        shuffled.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let (first, second) = shuffled.split_at(shuffled.len() / 2);
    let b1 = write_jsonl(dir.path(), "b1.jsonl", second);
    let b2 = write_jsonl(dir.path(), "b2.jsonl", first);
    let (db_a, db_b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    ingest_file(&db_a, &a);
    ingest_file(&db_b, &b1);
    ingest_file(&db_b, &b2);
    let (da, db) = (dump(&db_a), dump(&db_b));
    assert_eq!(da, db);
    // Batches rebuild only the days around what they changed: the records are those that
    // rebuilding every key whole gives.
    let mut conn = Connection::open(&db_b).expect("open");
    let tx = conn.transaction().expect("transaction");
    let mut all = depeche::store::merge::Touched::default();
    {
        let mut keys = tx
            .prepare("SELECT DISTINCT mkey FROM event_mentions")
            .expect("keys");
        for key in keys.query_map([], |r| r.get::<_, String>(0)).expect("keys") {
            all.whole(&key.expect("key"));
        }
    }
    depeche::store::merge::rebuild(&tx, &all).expect("rebuild");
    tx.commit().expect("commit");
    drop(conn);
    assert_eq!(dump(&db_b), da);
    // And the stories do merge: records reported by several articles.
    let conn = Connection::open(&db_a).expect("open");
    let multi: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE num_articles > 1",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert!(multi >= 5, "{multi} records with several articles");
}

#[test]
fn failures_are_recorded_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let input = dir.path().join("a.jsonl");
    let mut text = String::new();
    for a in corpus(4) {
        text.push_str(&a.to_string());
        text.push('\n');
    }
    text.push_str("{\"id\": \"broken\", \"text\": \n");
    std::fs::write(&input, text).expect("write");
    let mut store = SqliteStore::open(&db).expect("open");
    // No time at all: every document runs out of it.
    let hurried = Options {
        doc_timeout: Some(std::time::Duration::from_nanos(1)),
        ..options()
    };
    let r = ingest_with(&mut store, &input, &hurried);
    assert_eq!((r.added, r.failed.len()), (0, 5), "{:?}", r.failed);
    assert!(
        r.failed.iter().any(|f| f.contains("a.jsonl:5")),
        "{:?}",
        r.failed
    );
    assert_eq!(store.counts().expect("counts").failures, 5);
    // With time, the documents are stored and their failures cleared; the bad line stays.
    let r = ingest_with(&mut store, &input, &options());
    assert_eq!((r.added, r.failed.len()), (4, 1));
    let counts = store.counts().expect("counts");
    assert_eq!((counts.documents, counts.failures), (4, 1));
}

#[test]
fn version_1_databases_migrate_and_newer_ones_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("old.db");
    let mut conn = Connection::open(&db).expect("create");
    schema::migrate_to(&mut conn, 1).expect("version 1");
    let text = "Le préfet a interdit la manifestation prévue devant la mairie de Nantes.";
    conn.execute_batch(&format!(
        "INSERT INTO documents (doc, id, content_hash, simhash, story, title, added, lang,
             engine, chars, text)
         VALUES (1, 'v1-doc', 'h', 1234567, 'v1-doc', 'Nantes interdit', '20151006000000',
             'fr', 'old', {}, '{text}');
         INSERT INTO passages (doc, sentence, start, end) VALUES (1, NULL, NULL, NULL);
         INSERT INTO passages (doc, sentence, start, end) VALUES (1, 0, 0, {});",
        text.chars().count(),
        text.len()
    ))
    .expect("version 1 rows");
    drop(conn);
    let store = SqliteStore::open(&db).expect("migrate");
    let conn = store.connection();
    assert_eq!(schema::version(conn).expect("version"), schema::VERSION);
    let hits = |q: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?1",
            [q],
            |r| r.get(0),
        )
        .expect("fts")
    };
    // Accents folded: "prefet" finds "préfet"; the title is indexed too.
    assert_eq!((hits("prefet"), hits("interdit"), hits("Lyon")), (1, 2, 0));
    let bands: i64 = conn
        .query_row("SELECT count(*) FROM simbands WHERE doc = 1", [], |r| {
            r.get(0)
        })
        .expect("bands");
    assert_eq!(bands, depeche::store::dedup::BANDS as i64);
    drop(store);

    let conn = Connection::open(&db).expect("open");
    conn.pragma_update(None, "user_version", schema::VERSION + 1)
        .expect("pretend newer");
    drop(conn);
    for err in [
        SqliteStore::open(&db).err(),
        SqliteStore::open_read_only(&db).err(),
    ] {
        match err {
            Some(StoreError::NewerSchema { found, supported }) => {
                assert_eq!((found, supported), (schema::VERSION + 1, schema::VERSION));
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn queries_filter_and_combine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let input = write_jsonl(dir.path(), "a.jsonl", &corpus(12));
    ingest_file(&db, &input);
    let store = SqliteStore::open_read_only(&db).expect("open");
    let ids = |f: Filter| -> Vec<(i64, String, String)> {
        let mut out = Vec::new();
        store
            .for_each_event(&f, &mut |e| {
                out.push((e.event, e.code.clone(), e.actor1_code.clone()));
                Ok(())
            })
            .expect("query");
        out
    };
    let all = ids(Filter::default());
    assert!(all.len() >= 6, "{all:?}");
    let fra = ids(Filter {
        actor: Some("FRA".into()),
        ..Filter::default()
    });
    assert!(!fra.is_empty() && fra.len() < all.len());
    let condemn = ids(Filter {
        actor: Some("FRA".into()),
        code: Some("11".into()),
        ..Filter::default()
    });
    assert!(!condemn.is_empty());
    assert!(condemn
        .iter()
        .all(|(_, code, a1)| code.starts_with("11") && a1.starts_with("FRA")));
    let text = ids(Filter {
        text: Some("Téhéran".into()),
        ..Filter::default()
    });
    assert!(
        !text.is_empty() && text.iter().all(|(_, code, _)| code == "040"),
        "{text:?}"
    );
    let near_tehran = ids(Filter {
        near: Some("35.69,51.39,100".parse().expect("near")),
        ..Filter::default()
    });
    assert_eq!(near_tehran, text);
    let none = ids(Filter {
        from: "2016-01-01".parse().ok(),
        ..Filter::default()
    });
    assert!(none.is_empty());
    let limited = ids(Filter {
        limit: Some(2),
        ..Filter::default()
    });
    assert_eq!(limited[..], all[..2]);
    // A page is the head of the whole list, with the same GDELT rows, whether the filter is
    // broad (the records are walked in day order) or narrow (found through another index and
    // sorted): both ways, for every page size.
    let rows = |f: &Filter| -> Vec<(i64, String)> {
        let mut out = Vec::new();
        store
            .for_each_event(f, &mut |e| {
                out.push((e.event, e.gdelt.clone()));
                Ok(())
            })
            .expect("query");
        out
    };
    for filter in [
        Filter::default(),
        Filter {
            actor: Some("FRA".into()),
            ..Filter::default()
        },
        Filter {
            code: Some("0".into()),
            ..Filter::default()
        },
        Filter {
            near: Some("35.69,51.39,100".parse().expect("near")),
            ..Filter::default()
        },
    ] {
        let whole = rows(&filter);
        assert!(whole
            .iter()
            .all(|(_, gdelt)| gdelt.split('\t').count() == 61));
        for n in 1..=whole.len() + 1 {
            let page = rows(&Filter {
                limit: Some(n),
                ..filter.clone()
            });
            assert_eq!(
                page[..],
                whole[..n.min(whole.len())],
                "{filter:?}, limit {n}"
            );
        }
    }
    let bad = store.for_each_event(
        &Filter {
            code: Some("abc".into()),
            ..Filter::default()
        },
        &mut |_| Ok(()),
    );
    assert!(matches!(bad, Err(StoreError::Query(_))));
}
