//! Crash safety: `depeche ingest` killed with SIGKILL at random moments, each time run again,
//! ends with exactly the documents and event records of an uninterrupted run; while it runs,
//! a reader finds the database consistent.
//!
//! The suite runs the short form (3 kills); `DEPECHE_KILLS=20 cargo test --release --test
//! store_kill` runs the 20. Kills land while batches are being written: each one
//! waits until the run has committed a batch more than the last, then a random delay.

mod store_fixture;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use store_fixture::{copy_of, corpus, dump, write_jsonl};

fn start(db: &Path, input: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["ingest", "--batch", "4", "-j", "2", "-q", "--db"])
        .arg(db)
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start depeche ingest")
}

/// Documents committed so far (0 while the database is being created).
fn committed(db: &Path) -> i64 {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    rusqlite::Connection::open_with_flags(db, flags)
        .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
        .unwrap_or(0)
}

#[test]
fn killed_ingests_resume_to_the_same_database() {
    let kills: usize = std::env::var("DEPECHE_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().expect("tempdir");
    // Enough documents that each kill finds an ingest still running.
    let n = (30 * kills).max(90);
    let mut docs = corpus(n);
    docs.extend([copy_of(5), copy_of(40)]);
    let input = write_jsonl(dir.path(), "news.jsonl", &docs);
    let (whole, killed) = (dir.path().join("whole.db"), dir.path().join("killed.db"));
    let status = start(&whole, &input).wait().expect("uninterrupted run");
    assert!(status.success());

    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut kills_landed = 0;
    for _ in 0..kills {
        let before = committed(&killed);
        let mut child = start(&killed, &input);
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut finished = false;
        while committed(&killed) <= before && Instant::now() < deadline {
            if child.try_wait().expect("poll").is_some() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        // A reader sees a consistent database while the ingest writes.
        if !finished {
            use depeche::store::Backend;
            let reader = depeche::store::sqlite::SqliteStore::open_read_only(&killed)
                .expect("open while ingesting");
            let report = reader.check().expect("check while ingesting");
            assert!(report.problems.is_empty(), "{:?}", report.problems);
        }
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        std::thread::sleep(Duration::from_millis((seed >> 33) % 120));
        if !finished && child.try_wait().expect("poll").is_none() {
            kills_landed += 1;
        }
        // SIGKILL on Unix.
        let _ = child.kill();
        let _ = child.wait();
    }
    let status = start(&killed, &input).wait().expect("final run");
    assert!(status.success());
    assert!(kills_landed >= 1, "no kill landed during an ingest");
    eprintln!("{kills_landed} of {kills} kills landed while an ingest was running");
    assert_eq!(dump(&killed), dump(&whole));
    let check = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["check", "--format", "json", "--db"])
        .arg(&killed)
        .output()
        .expect("check");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let counts: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(counts["documents"].as_u64(), Some(n as u64 + 2));
}
