//! Runs the real `depeche` binary on real files in a temporary directory: good input, standard
//! input, JSON Lines, and bad input that must be reported without losing the rest of a batch.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = include_str!("../examples/000_841bfa5ee9043e79.txt");

fn depeche(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run depeche");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("wait for depeche")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Parses stdout as a stream of JSON values (works for both output formats).
fn documents(out: &Output) -> Vec<Value> {
    serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .expect("stdout is JSON")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// Every annotation's span slices the document's text to the annotation's text.
fn assert_spans_slice(doc: &Value) {
    let text = doc["text"].as_str().unwrap().as_bytes();
    for layer in ["blocks", "sentences", "tokens"] {
        for item in doc[layer].as_array().into_iter().flatten() {
            let span = item["span"].as_array().unwrap();
            let (s, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &text[s..e],
                item["text"].as_str().unwrap().as_bytes(),
                "{layer} {span:?}"
            );
        }
    }
}

#[test]
fn seed_file_with_publication_date() {
    let out = depeche(
        &[
            "extract",
            "examples/000_841bfa5ee9043e79.txt",
            "--published",
            "2015-12-21",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = documents(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["schema_version"], "1");
    assert_eq!(doc["engine"]["name"], "depeche");
    assert_eq!(doc["id"], "000_841bfa5ee9043e79");
    assert_eq!(doc["published"], "2015-12-21");
    assert_eq!(doc["lang"], "fr");
    assert_eq!(
        doc["title"],
        "Le Drian se rend à Moscou pour parler coopération et lutte contre Daesh"
    );
    assert_eq!(doc["blocks"][1]["kind"], "caption");
    assert_eq!(
        doc["blocks"][1]["credit"]["text"],
        "DOMINIQUE FAGET, AFP/Archives"
    );
    assert!(doc.get("tokens").is_none(), "tokens only with --tokens");
    assert_spans_slice(doc);
}

#[test]
fn standard_input_as_text_with_tokens() {
    let out = depeche(
        &["extract", "-", "--format", "jsonl", "--tokens"],
        Some(SEED.as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = documents(&out);
    assert_eq!(docs[0]["id"], "stdin");
    assert_eq!(docs[0]["published"], Value::Null);
    assert!(docs[0]["tokens"].as_array().unwrap().len() > 300);
    assert_spans_slice(&docs[0]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "jsonl is one line per document"
    );
}

#[test]
fn standard_input_detected_as_json_lines() {
    let input = "\n{\"id\":\"a\",\"title\":\"T\",\"text\":\"Premier. Second.\",\"published\":\"2015-12-21T00:09:00+01:00\",\"url\":\"https://ex.fr/a\",\"source\":\"AFP\"}\n{\"text\":\"Titre\\n\\nCorps du texte.\"}\n";
    let out = depeche(&["extract", "--format", "jsonl"], Some(input.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = documents(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "a");
    assert_eq!(docs[0]["title"], "T");
    assert_eq!(docs[0]["published"], "2015-12-21T00:09:00+01:00");
    assert_eq!(docs[0]["source"], "AFP");
    // A "title" field means the text has no title line.
    assert_eq!(docs[0]["blocks"][0]["kind"], "paragraph");
    assert_eq!(docs[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(docs[1]["id"], "stdin-3");
    assert_eq!(docs[1]["title"], "Titre");
    assert_eq!(docs[1]["blocks"][0]["kind"], "title");
}

#[test]
fn crlf_and_bom_keep_spans_exact() {
    let dir = tempfile::tempdir().unwrap();
    let text = SEED.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let path = write(dir.path(), "crlf.txt", &bytes);
    let out = depeche(&["extract", path.to_str().unwrap(), "--tokens"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &documents(&out)[0];
    assert_eq!(
        doc["text"].as_str().unwrap(),
        text,
        "BOM dropped, CRLF kept"
    );
    assert_eq!(doc["blocks"].as_array().unwrap().len(), 13);
    assert_spans_slice(doc);
}

#[test]
fn a_directory_mixing_good_and_bad_files_keeps_every_good_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a_good.txt", SEED.as_bytes());
    write(d, "b_empty.txt", b"");
    write(d, "c_binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(d, "d_latin1.txt", b"Titre\n\nL'arm\xe9e russe a frapp\xe9.");
    write(d, "e_big.txt", "Un mot. ".repeat(2000).as_bytes());
    write(d, "f_feed.jsonl", b"{\"text\":\"Bon. Vrai.\"}\n{\"text\": 12}\nnot json\n{\"title\":\"\",\"text\":\"Encore bon.\"}\n");
    write(d, "g_good.txt", b"Autre titre\n\nUn paragraphe.");
    write(d, ".hidden.txt", b"skipped");
    let out = depeche(
        &[
            "extract",
            d.to_str().unwrap(),
            "--format",
            "jsonl",
            "--max-doc-bytes",
            "10000",
        ],
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let ids: Vec<String> = documents(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["a_good", "f_feed-1", "f_feed-4", "g_good"],
        "good documents in input order"
    );
    for (name, why) in [
        ("b_empty.txt", "empty document"),
        ("c_binary.txt", "binary"),
        (
            "d_latin1.txt",
            "not valid UTF-8 (first bad byte at offset 12, line 3)",
        ),
        ("e_big.txt", "larger than the limit of 10000 bytes"),
        ("f_feed.jsonl:2", "field \"text\" must be a string"),
        ("f_feed.jsonl:3", "invalid JSON"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(why)),
            "no message for {name} ({why}) in:\n{err}"
        );
    }
    assert!(
        err.contains("6 of 10 documents could not be processed"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn missing_file_is_reported_and_the_others_written() {
    let out = depeche(
        &[
            "extract",
            "no/such/file.txt",
            "examples/000_841bfa5ee9043e79.txt",
            "--format",
            "jsonl",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no/such/file.txt: no such file or directory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(documents(&out).len(), 1);
}

#[test]
fn malformed_date_in_a_document_is_a_warning_not_a_failure() {
    let input = "{\"text\":\"Un texte.\",\"published\":\"2015-02-31\"}\n";
    let out = depeche(
        &["extract", "--input", "jsonl", "--published", "2015-12-21"],
        Some(input.as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &documents(&out)[0];
    assert_eq!(doc["published"], "2015-12-21", "falls back to --published");
    assert!(doc["warnings"][0].as_str().unwrap().contains("2015-02-31"));
    assert!(stderr(&out).contains("warning"));
}

#[test]
fn bad_usage_exits_with_two_and_says_why() {
    let out = depeche(
        &[
            "extract",
            "examples/000_841bfa5ee9043e79.txt",
            "--published",
            "21/12/2015",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--published") && stderr(&out).contains("21/12/2015"),
        "{}",
        stderr(&out)
    );
    let out = depeche(
        &[
            "extract",
            "examples/000_841bfa5ee9043e79.txt",
            "--lang",
            "xx",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("'xx' is not supported"),
        "{}",
        stderr(&out)
    );
    let out = depeche(&["extract", "--format", "yaml"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn empty_standard_input_is_an_error() {
    let out = depeche(&["extract", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>: empty document"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_teaches_with_examples() {
    let out = depeche(&["extract", "--help"], None);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--published",
        "--format",
        "--tokens",
        "Examples:",
        "Exit status",
        "--follow",
        "--doc-timeout",
        "3  the output could not be written",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn eval_tokens_scores_a_conllu_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(
        dir.path(),
        "mini.conllu",
        "# text = M. Dupont arrive.\n1\tM.\t_\t_\t_\t_\t_\t_\t_\t_\n2\tDupont\t_\t_\t_\t_\t_\t_\t_\t_\n3\tarrive\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n".as_bytes(),
    );
    let out = depeche(&["eval", "tokens", gold.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("tokens:          P 1.0000  R 1.0000  F1 1.0000"),
        "{report}"
    );
}

#[test]
fn eval_time_scores_a_timeml_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.tml",
        "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2015-12-21\"/></DCT><TEXT>\nLe ministre est arrivé <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2015-12-20\">hier</TIMEX3> pour <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P3D\">trois jours</TIMEX3>.\n</TEXT></TimeML>".as_bytes(),
    );
    write(dir.path(), "notes.txt", b"not TimeML, ignored");
    let out = depeche(&["eval", "time", dir.path().to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("documents: 1, gold expressions: 2"),
        "{report}"
    );
    assert!(
        report.contains("relaxed span: P 1.0000  R 1.0000  F1 1.0000"),
        "{report}"
    );
    assert!(report.contains("value accuracy: 1.0000"), "{report}");
    let out = depeche(&["eval", "time", "no/such/dir"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// Regression (issue 20): UTF-16 with a BOM was refused as binary.
#[test]
fn utf16_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Titre\r\n\r\nL'armée française a frappé Raqqa lundi.";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let le = write(dir.path(), "le.txt", &le);
    let be = write(dir.path(), "be.txt", &be);
    let out = depeche(
        &[
            "extract",
            le.to_str().unwrap(),
            be.to_str().unwrap(),
            "--tokens",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for doc in documents(&out) {
        assert_eq!(doc["text"], text);
        assert_eq!(doc["title"], "Titre");
        assert_spans_slice(&doc);
    }
}

/// Regression (issue 20): a numeric "published" dropped the document, `"id": ""` was "must be
/// a string", and a numeric id came out as a float.
#[test]
fn json_lines_metadata_never_costs_the_document() {
    let input = concat!(
        "{\"id\":12345678901234567890123,\"text\":\"Un texte.\",\"published\":20151221}\n",
        "{\"id\":1.50,\"text\":\"Un texte.\",\"published\":{\"date\":\"2015-12-21\"}}\n",
        "{\"id\":\"\",\"text\":\"Un texte.\",\"published\":true}\n",
    );
    let out = depeche(
        &["extract", "--input", "jsonl", "--format", "jsonl"],
        Some(input.as_bytes()),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let docs = documents(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["12345678901234567890123", "1.50", "stdin-3"]);
    for doc in &docs {
        assert_eq!(doc["published"], Value::Null);
        assert!(
            doc["warnings"].as_array().unwrap().iter().any(|w| w
                .as_str()
                .unwrap()
                .contains("published: expected a date string")),
            "{doc}"
        );
    }
    assert!(
        err.contains("<stdin>:3: id: empty; the default id stdin-3 was used"),
        "{err}"
    );
}

/// Regression (issue 20): two links to the directory itself made a walk that never ended, and
/// a FIFO in a directory blocked it forever.
#[cfg(unix)]
#[test]
fn walks_skip_links_and_fifos_and_end_on_link_cycles() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    write(&d, "a.txt", SEED.as_bytes());
    write(dir.path(), "outside.txt", b"Titre\n\nUn paragraphe.");
    symlink(".", d.join("loop1")).unwrap();
    symlink(&d, d.join("loop2")).unwrap();
    symlink("../outside.txt", d.join("b.txt")).unwrap();
    let fifo = Command::new("mkfifo").arg(d.join("c.fifo")).status();
    let has_fifo = fifo.is_ok_and(|s| s.success());
    let d = d.to_str().unwrap();
    let out = depeche(&["extract", d, "--format", "jsonl"], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let ids: Vec<Value> = documents(&out).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["a"]);
    assert!(
        err.contains("loop1: skipped: a symbolic link (--follow"),
        "{err}"
    );
    assert!(err.contains("b.txt: skipped: a symbolic link"), "{err}");
    if has_fifo {
        assert!(err.contains("c.fifo: skipped: not a regular file"), "{err}");
    }
    let out = depeche(&["extract", d, "--follow", "--format", "jsonl"], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let ids: Vec<Value> = documents(&out).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["a", "b"], "links followed, each directory read once");
    assert!(
        err.contains("loop1: skipped: a directory already read"),
        "{err}"
    );
}

/// A FIFO named on the command line is read, as `cat` would.
#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed");
    if !Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("mkfifo is missing: test skipped");
        return;
    }
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "Titre\n\nUn paragraphe."))
    };
    let out = depeche(
        &["extract", fifo.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    writer.join().unwrap().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(documents(&out)[0]["title"], "Titre");
}

/// Runs depeche with stdout and stderr piped, and closes the ends named before it writes.
fn depeche_closing(args: &[&str], close_stdout: bool, close_stderr: bool) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run depeche");
    // Loading the pipeline takes a while: the pipes are closed before anything is written.
    if close_stdout {
        drop(child.stdout.take());
    }
    if close_stderr {
        drop(child.stderr.take());
    }
    child.wait_with_output().expect("wait for depeche")
}

/// Regression (issue 20): a closed stderr panicked (exit 101); a closed stdout exited 0 even
/// when documents had failed.
#[test]
fn closed_pipes_end_quietly_with_the_right_status() {
    let seed = "examples/000_841bfa5ee9043e79.txt";
    let mut args = vec!["extract", "no/such/file.txt"];
    args.extend([seed; 8]);
    let out = depeche_closing(&args, true, false);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    let out = depeche_closing(&["extract", seed, seed], true, false);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    let out = depeche_closing(&args, false, true);
    assert_eq!(out.status.code(), Some(1), "closed stderr");
    assert_eq!(documents(&out).len(), 8, "every document still written");
    let out = depeche_closing(&args, true, true);
    assert_eq!(out.status.code(), Some(1), "both closed");
}

/// Regression (issue 20): an output error exited 2, the status of bad usage.
#[cfg(target_os = "linux")]
#[test]
fn an_output_error_exits_with_three() {
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["extract", "examples/000_841bfa5ee9043e79.txt"])
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("run depeche");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("writing to standard output"), "{err}");
}

/// A document out of time is dropped and named, counts as failed, and the batch goes on;
/// `--doc-timeout 0` means no limit.
#[test]
fn a_document_out_of_time_is_dropped_and_named() {
    let seed = "examples/000_841bfa5ee9043e79.txt";
    let out = depeche(
        &[
            "extract",
            seed,
            seed,
            "--doc-timeout",
            "0.000000001",
            "--format",
            "jsonl",
        ],
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    let dropped = err
        .lines()
        .filter(|l| l.contains(seed) && l.contains("not annotated within the --doc-timeout"))
        .count();
    assert_eq!(dropped, 2, "{err}");
    assert!(
        err.contains("2 of 2 documents could not be processed"),
        "{err}"
    );
    let out = depeche(&["extract", seed, "--doc-timeout", "0"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(documents(&out).len(), 1);
}
