//! The store's goals, measured: ingest speed against annotation alone, database size against
//! the input, and query latency.
//!
//! Input: the OrangeSum development articles (`../shared/data/news-fr/orangesum/
//! orangesum-dev.jsonl`, 4,000 articles; the bench says so and stops when they are missing).
//! `-- --repeat N` ingests the set N times, each repetition with new ids and URLs and a
//! marker line, so that the copies are new documents (linked as near-duplicates of the
//! first); the query goal is for `--repeat 10` (40,000 articles).
//!
//! Printed, all measured in this run:
//! - **baseline**: the pipeline alone on all cores over the 4,000 articles (what
//!   `depeche extract` does), articles/s;
//! - **ingest**: `store::ingest` of the whole input into a new database, articles/s, and its
//!   ratio to the baseline (1.0 would be a store that costs nothing);
//! - **size**: database bytes / input JSON Lines bytes (goal ≤ 4);
//! - **queries**: p50 and p95 over 30 runs (6 queries × 5) of filtered event queries and of full-text
//!   queries (goal: p95 < 50 ms at 40,000 articles), with a baseline, reading one record by
//!   its id, to compare against.
//!
//! `-- --db PATH` measures the queries only, on an existing database.
//!
//! Checked output: the database holds as many documents as the input has distinct ones and
//! every record passes `check`. `-- --check` exits 1 when a goal is missed.

use depeche::read::{expand_inputs, DocumentStream, ReadOptions, WalkOptions};
use depeche::store::ingest::{self, Options};
use depeche::store::sqlite::SqliteStore;
use depeche::store::{Backend, Filter};
use depeche::{Document, Metadata, Pipeline};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const INPUT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/news-fr/orangesum/orangesum-dev.jsonl"
);

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i].as_secs_f64() * 1000.0
}

/// Annotates every article on all cores; returns articles per second.
fn baseline(pipeline: &Pipeline, lines: &[String], threads: usize) -> f64 {
    let docs: Vec<(String, Option<String>)> = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["text"].as_str().unwrap_or_default().to_string(),
                v["published"].as_str().map(String::from),
            )
        })
        .collect();
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((text, published)) = docs.get(i) else {
                    return;
                };
                let meta = Metadata {
                    id: i.to_string(),
                    lang: "fr".into(),
                    published: published
                        .as_deref()
                        .and_then(|p| depeche::read::published::parse_published(p).ok()),
                    ..Metadata::default()
                };
                let mut doc = Document::new(meta, text.clone());
                pipeline.annotate(&mut doc);
            });
        }
    });
    docs.len() as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1);
    let check = args.iter().any(|a| a == "--check");
    // `--db PATH`: only the queries, on an existing database.
    if let Some(db) = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
    {
        let missed = measure_queries(std::path::Path::new(db));
        std::process::exit(i32::from(check && missed));
    }
    let Ok(text) = std::fs::read_to_string(INPUT) else {
        println!("store bench: {INPUT} is missing; nothing measured");
        return;
    };
    let lines: Vec<String> = text.lines().map(String::from).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pipeline = Pipeline::new("fr").expect("the French pipeline");
    let dir = tempfile::tempdir().expect("tempdir");

    // The input, repeated with new ids, URLs and a marker line.
    let input = dir.path().join("input.jsonl");
    let mut out = String::with_capacity(text.len() * repeat);
    for k in 0..repeat {
        for line in &lines {
            let Ok(mut v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if k > 0 {
                v["id"] = format!("{}-r{k}", v["id"].as_str().unwrap_or_default()).into();
                v["url"] = format!("{}?repeat={k}", v["url"].as_str().unwrap_or_default()).into();
                let t = format!("{}\nRepris ({k}).", v["text"].as_str().unwrap_or_default());
                v["text"] = t.into();
            }
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    std::fs::write(&input, &out).expect("write the input");
    let input_bytes = out.len() as f64;
    drop(out);

    let base = baseline(&pipeline, &lines, threads);
    println!(
        "baseline: annotation alone, {} articles, {threads} threads: {base:.0} articles/s",
        lines.len()
    );

    let db = dir.path().join("store.db");
    let mut store = SqliteStore::open(&db).expect("open the store");
    let inputs = expand_inputs(std::slice::from_ref(&input), WalkOptions::default()).inputs;
    let read = ReadOptions {
        format: None,
        max_doc_bytes: 1 << 22,
        published: None,
        lang: "fr".into(),
        lang_any: false,
    };
    let started = Instant::now();
    let report = ingest::ingest(
        &pipeline,
        move || DocumentStream::new(inputs, read),
        &mut store,
        &Options {
            threads,
            ..Options::default()
        },
        &mut |_| {},
    )
    .expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    let rate = report.read as f64 / secs;
    println!(
        "ingest: {} articles in {secs:.1} s: {rate:.0} articles/s, {:.2}× the baseline's rate \
         (goal: ≥ 300 articles/s); {} stored, {} already there, {} failed",
        report.read,
        rate / base,
        report.added,
        report.known,
        report.failed.len()
    );
    let checked = store.check().expect("check");
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.counts.documents, report.added);
    let conn = store.connection();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
    let db_bytes = std::fs::metadata(&db).map_or(0, |m| m.len()) as f64;
    let size = db_bytes / input_bytes;
    let multi: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE num_articles > 1",
            [],
            |r| r.get(0),
        )
        .expect("count");
    println!(
        "size: {:.1} MB database / {:.1} MB input = {size:.2}× (goal: ≤ 4); {} documents, {} \
         event records ({multi} with NumArticles > 1) from {} mentions",
        db_bytes / 1e6,
        input_bytes / 1e6,
        checked.counts.documents,
        checked.counts.events,
        checked.counts.event_mentions
    );
    drop(store);

    let missed = rate < 300.0 || size > 4.0;
    let missed = measure_queries(&db) || missed;
    if check && missed {
        println!("store bench: a goal was missed");
        std::process::exit(1);
    }
}

/// Query latencies on a database; true when the goal is missed.
fn measure_queries(db: &std::path::Path) -> bool {
    let store = SqliteStore::open_read_only(db).expect("open for reading");
    let some_id: i64 = store
        .connection()
        .query_row("SELECT event FROM events ORDER BY event LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap_or(0);
    let date = |s: &str| s.parse::<jiff::civil::Date>().ok();
    let filtered = [
        Filter {
            actor: Some("FRAGOV".into()),
            code: Some("04".into()),
            ..Filter::default()
        },
        Filter {
            country: Some("SYR".into()),
            quad: Some(4),
            ..Filter::default()
        },
        Filter {
            actor: Some("USA".into()),
            from: date("2017-01-01"),
            to: date("2017-12-31"),
            ..Filter::default()
        },
        Filter {
            code: Some("19".into()),
            near: "48.8566,2.3522,100".parse().ok(),
            ..Filter::default()
        },
        Filter {
            actor: Some("RUS".into()),
            quad: Some(3),
            ..Filter::default()
        },
        Filter {
            source: Some("actu.orange.fr".into()),
            code: Some("0".into()),
            from: date("2019-06-01"),
            to: date("2019-06-30"),
            ..Filter::default()
        },
    ];
    let texts = [
        "démission",
        "sommet",
        "attentat",
        "Macron",
        "manifestation",
        "grève",
    ]
    .map(|t| Filter {
        text: Some(t.into()),
        ..Filter::default()
    });
    let by_id = |store: &SqliteStore| {
        store
            .connection()
            .query_row(
                "SELECT num_mentions FROM events WHERE event = ?1",
                [some_id],
                |r| r.get::<_, i64>(0),
            )
            .map(|_| 1usize)
            .unwrap_or(0)
    };
    // p50, p95, records per round, and the slowest query (its index, its worst time).
    let run = |filters: &[Filter]| -> (f64, f64, usize, usize, f64) {
        let mut times = Vec::new();
        let mut worst = vec![Duration::ZERO; filters.len()];
        let mut rows = 0;
        for _ in 0..5 {
            for (i, f) in filters.iter().enumerate() {
                let t = Instant::now();
                let mut n = 0usize;
                store
                    .for_each_event(f, &mut |_| {
                        n += 1;
                        Ok(())
                    })
                    .expect("query");
                let took = t.elapsed();
                times.push(took);
                worst[i] = worst[i].max(took);
                rows += n;
            }
        }
        let (slowest, max) = worst
            .iter()
            .enumerate()
            .max_by_key(|(_, d)| **d)
            .map_or((0, 0.0), |(i, d)| (i, d.as_secs_f64() * 1000.0));
        let (p50, p95) = (percentile(&mut times, 0.5), percentile(&mut times, 0.95));
        (p50, p95, rows / 5, slowest, max)
    };
    let mut lookups: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            assert_eq!(by_id(&store), 1);
            t.elapsed()
        })
        .collect();
    let base_p95 = percentile(&mut lookups, 0.95);
    println!("queries: baseline, one record by id: p95 {base_p95:.3} ms");
    let mut missed = false;
    for (name, filters) in [("filtered", &filtered[..]), ("full-text", &texts[..])] {
        let (p50, p95, rows, slowest, max) = run(filters);
        println!(
            "queries: {name}, {} queries × 5 ({rows} records in all): p50 {p50:.1} ms, p95 \
             {p95:.1} ms = {:.0}× the baseline (goal: p95 < 50 ms); slowest: {:?}, {max:.1} ms",
            filters.len(),
            p95 / base_p95.max(1e-6),
            filters[slowest]
        );
        missed |= p95 >= 50.0;
    }
    missed
}
