//! `depeche ingest`, `query`, `export` and `check` run as a user runs them: the real binary on
//! files in a temporary directory, output and exit statuses checked, bad input included.

mod store_fixture;

use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use store_fixture::{corpus, write_jsonl};

fn depeche(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .output()
        .expect("run depeche")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn ingest_then_query_export_and_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let docs = corpus(12);
    let input = write_jsonl(dir.path(), "news.jsonl", &docs);
    let out = depeche(&["ingest", "-q", input.to_str().unwrap_or_default()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = depeche(&["check", "--format", "json"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let counts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let keys: Vec<&String> = counts.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        [
            "documents",
            "entities",
            "event_mentions",
            "events",
            "failures"
        ]
    );
    assert_eq!(counts["documents"], 12);
    let (events, mentions) = (
        counts["events"].as_u64().unwrap_or(0),
        counts["event_mentions"].as_u64().unwrap_or(0),
    );
    assert!(events >= 6 && mentions > events, "{counts}");

    // Query: JSON Lines by default when piped; filters combine.
    let out = depeche(&["query", "--actor", "FRA", "--code", "1"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records: Vec<Value> = lines(&out)
        .iter()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert!(!records.is_empty());
    for r in &records {
        assert!(r["code"].as_str().unwrap_or("").starts_with('1'));
        assert!(
            r["actor1"]["code"]
                .as_str()
                .unwrap_or("")
                .starts_with("FRA")
                || r["actor2"]["code"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("FRA")
        );
        let n = r["mentions"].as_array().map_or(0, Vec::len) as u64;
        assert_eq!(r["num_mentions"].as_u64(), Some(n));
    }
    let out = depeche(&["query", "--format", "table", "--text", "Téhéran"], &db);
    let table = lines(&out);
    assert!(table[0].starts_with("ID") && table.len() >= 2, "{table:?}");
    assert!(table[1..].iter().all(|l| l.contains(" 040 ")), "{table:?}");

    // GDELT events: 61 columns, typed as GDELT types them.
    let tsv = dir.path().join("events.tsv");
    let out = depeche(
        &[
            "export",
            "--format",
            "gdelt-events",
            "--out",
            tsv.to_str().unwrap_or_default(),
        ],
        &db,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<Vec<String>> = std::fs::read_to_string(&tsv)
        .expect("export")
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    assert_eq!(rows.len() as u64, events);
    let col = |name: &str| {
        depeche::output::gdelt::COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap_or(usize::MAX)
    };
    for row in &rows {
        assert_eq!(row.len(), 61);
        for int in [
            "GLOBALEVENTID",
            "SQLDATE",
            "MonthYear",
            "Year",
            "QuadClass",
            "NumMentions",
        ] {
            assert!(
                row[col(int)].parse::<i64>().is_ok(),
                "{int}: {:?}",
                row[col(int)]
            );
        }
        assert_eq!(row[col("SQLDATE")].len(), 8);
        assert_eq!(row[col("DATEADDED")].len(), 14);
        assert!(row[col("GoldsteinScale")].parse::<f64>().is_ok());
        assert!(row[col("FractionDate")].parse::<f64>().is_ok());
        // Codes keep their leading zeros.
        assert_eq!(row[col("EventRootCode")].len(), 2);
        let articles: i64 = row[col("NumArticles")].parse().unwrap_or(0);
        let mentions: i64 = row[col("NumMentions")].parse().unwrap_or(0);
        assert!(articles >= 1 && mentions >= articles);
    }
    assert!(rows.iter().any(|r| r[col("NumArticles")] != "1"));

    // GDELT mentions: 16 columns; the action offset is in characters and points at the trigger.
    let tsv = dir.path().join("mentions.tsv");
    let out = depeche(
        &[
            "export",
            "--format",
            "gdelt-mentions",
            "--out",
            tsv.to_str().unwrap_or_default(),
        ],
        &db,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let texts: HashMap<String, String> = docs
        .iter()
        .map(|d| {
            (
                d["url"].as_str().unwrap_or("").to_string(),
                d["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mentions_tsv = std::fs::read_to_string(&tsv).expect("export");
    let mut n = 0;
    for line in mentions_tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 16);
        let sentence: i64 = f[6].parse().expect("SentenceID");
        assert!(sentence >= 1);
        let text = &texts[f[5]];
        let action: usize = f[9].parse().expect("ActionCharOffset");
        let from_action: String = text.chars().skip(action).take(3).collect();
        assert!(
            from_action.starts_with(|c: char| c.is_alphabetic()),
            "{from_action:?}"
        );
        assert_eq!(f[12].parse::<usize>().ok(), Some(text.chars().count()));
        n += 1;
    }
    assert_eq!(n, mentions);

    // JSON Lines export: one record per line, evidence slices the sentence.
    let jsonl = dir.path().join("events.jsonl");
    let out = depeche(
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            jsonl.to_str().unwrap_or_default(),
        ],
        &db,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let exported = std::fs::read_to_string(&jsonl).expect("export");
    for line in exported.lines() {
        let r: Value = serde_json::from_str(line).expect("JSON");
        for m in r["mentions"].as_array().into_iter().flatten() {
            let t = m["trigger"]["text"].as_str().unwrap_or("");
            assert!(!t.is_empty() && m["text"].as_str().unwrap_or("").contains(t));
        }
    }
    assert_eq!(exported.lines().count() as u64, events);

    #[cfg(feature = "parquet")]
    parquet_reads_back(dir.path(), &db, events, mentions);
}

#[cfg(feature = "parquet")]
fn parquet_reads_back(dir: &Path, db: &Path, events: u64, mentions: u64) {
    use arrow_array::{Array, Date32Array, ListArray, StringArray, StructArray};
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let path = dir.join("events.parquet");
    let out = depeche(
        &[
            "export",
            "--format",
            "parquet",
            "--out",
            path.to_str().unwrap_or_default(),
        ],
        db,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = std::fs::File::open(&path).expect("parquet file");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("a Parquet file")
        .build()
        .expect("reader");
    let (mut rows, mut nested, mut codes) = (0u64, 0u64, Vec::new());
    for batch in reader {
        let batch = batch.expect("batch");
        let schema = batch.schema();
        assert_eq!(
            schema
                .field_with_name("day")
                .map(|f| f.data_type().clone())
                .ok(),
            Some(DataType::Date32)
        );
        assert_eq!(
            schema
                .field_with_name("code")
                .map(|f| f.data_type().clone())
                .ok(),
            Some(DataType::Utf8)
        );
        let days = batch
            .column_by_name("day")
            .and_then(|c| c.as_any().downcast_ref::<Date32Array>().cloned())
            .expect("dates");
        // October 2015: days 16713 (Oct 5) to 16715 (Oct 7) since 1970-01-01.
        assert!(days
            .iter()
            .all(|d| d.is_some_and(|d| (16713..=16715).contains(&d))));
        let code = batch
            .column_by_name("code")
            .and_then(|c| c.as_any().downcast_ref::<StringArray>().cloned())
            .expect("codes");
        codes.extend(code.iter().map(|c| c.unwrap_or_default().to_string()));
        let list = batch
            .column_by_name("mentions")
            .and_then(|c| c.as_any().downcast_ref::<ListArray>().cloned())
            .expect("mentions");
        let items = list
            .values()
            .as_any()
            .downcast_ref::<StructArray>()
            .expect("structs");
        let text = items
            .column_by_name("text")
            .and_then(|c| c.as_any().downcast_ref::<StringArray>().cloned())
            .expect("evidence");
        assert!(text.iter().all(|t| t.is_some_and(|t| t.ends_with('.'))));
        nested += items.len() as u64;
        rows += batch.num_rows() as u64;
    }
    assert_eq!((rows, nested), (events, mentions));
    assert!(codes.iter().any(|c| c == "040"), "{codes:?}");
}

#[test]
fn bad_input_is_reported_with_the_right_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.db");
    let out = depeche(&["query"], &missing);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));
    assert!(!missing.exists());

    let not_db = dir.path().join("notes.db");
    std::fs::write(&not_db, "ceci n'est pas une base de données, mais un texte assez long pour occuper une page entière de SQLite, ou presque.".repeat(40)).expect("write");
    let input = write_jsonl(dir.path(), "a.jsonl", &corpus(2));
    let out = depeche(
        &["ingest", "-q", input.to_str().unwrap_or_default()],
        &not_db,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a depeche database"),
        "{}",
        stderr(&out)
    );

    // A broken line: recorded as a failure, the others stored, exit status 1.
    let db = dir.path().join("news.db");
    let mut text = std::fs::read_to_string(&input).expect("read");
    text.push_str("{\"id\": \"x\", \"text\": 3}\n");
    std::fs::write(&input, text).expect("write");
    let out = depeche(&["ingest", "-q", input.to_str().unwrap_or_default()], &db);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("a.jsonl:3"), "{}", stderr(&out));
    let out = depeche(&["check", "--format", "json"], &db);
    let counts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        (counts["documents"].as_u64(), counts["failures"].as_u64()),
        (Some(2), Some(1))
    );

    for (args, why) in [
        (vec!["query", "--near", "48.8,2.3"], "LAT,LON,KM"),
        (vec!["query", "--code", "x1"], "--code"),
        (vec!["query", "--text", "\"unbalanced"], "--text"),
        (
            vec!["query", "--from", "2015-12-02", "--to", "2015-12-01"],
            "after",
        ),
        (
            vec!["export", "--format", "parquet", "--out", "-"],
            "needs a file",
        ),
    ] {
        let out = depeche(&args, &db);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{args:?}: {}", stderr(&out));
    }

    // A database from a newer depeche is refused, and left as it was.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.pragma_update(None, "user_version", 99)
        .expect("pretend newer");
    drop(conn);
    for args in [
        vec!["ingest", "-q", input.to_str().unwrap_or_default()],
        vec!["query"],
        vec!["check"],
    ] {
        let out = depeche(&args, &db);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("newer"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_read_only_database_is_an_output_error_and_loses_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let input = write_jsonl(dir.path(), "a.jsonl", &corpus(2));
    let out = depeche(&["ingest", "-q", input.to_str().unwrap_or_default()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let more = write_jsonl(dir.path(), "b.jsonl", &corpus(4));
    for path in [
        db.clone(),
        dir.path().join("news.db-wal"),
        dir.path().join("news.db-shm"),
    ] {
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        }
    }
    // Root writes read-only files anyway: nothing to test then.
    if std::fs::OpenOptions::new().append(true).open(&db).is_ok() {
        return;
    }
    let out = depeche(&["ingest", "-q", more.to_str().unwrap_or_default()], &db);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot be written"),
        "{}",
        stderr(&out)
    );
    let out = depeche(&["check", "--format", "json"], &db);
    let counts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(counts["documents"], 2);
}

/// A disk that fills during an ingest: the file-size limit of the process (RLIMIT_FSIZE, which
/// binds root too, with SIGXFSZ ignored so that writes past it fail with EFBIG) stands for the
/// disk. The ingest stops with a clear error and a non-zero status, the database stays sound
/// with every batch committed before, and a run without the limit completes it, with no
/// document twice.
#[test]
fn a_full_disk_stops_the_ingest_and_loses_nothing_committed() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let first = write_jsonl(dir.path(), "a.jsonl", &corpus(2));
    let out = depeche(&["ingest", "-q", first.to_str().unwrap_or_default()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
    let limit = size("news.db").max(size("news.db-wal")) + 64 * 1024;
    let all = corpus(40);
    let more = write_jsonl(dir.path(), "b.jsonl", &all);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_depeche"));
    cmd.args(["ingest", "-q", "--batch", "4"])
        .arg(&more)
        .arg("--db")
        .arg(&db)
        .stdin(Stdio::null());
    // SAFETY: between fork and exec the closure calls only async-signal-safe functions
    // (signal, setrlimit) and allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("run depeche");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be written") || stderr(&out).contains("disk is full"),
        "{}",
        stderr(&out)
    );
    let out = depeche(&["check", "--format", "json"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let counts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let kept = counts["documents"].as_u64().unwrap_or_default();
    // The batches of 4 written before the disk filled are kept, and not the whole input.
    assert!((3..2 + all.len() as u64).contains(&kept), "{counts}");
    let out = depeche(&["ingest", "-q", more.to_str().unwrap_or_default()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = depeche(&["check", "--format", "json"], &db);
    let counts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // corpus(2) is the head of corpus(40): the union is the 40 documents, once each.
    assert_eq!(counts["documents"], all.len() as u64, "{counts}");
}
