//! The named-entity tagger: training behaviour on a slice of real data, the shipped model's
//! recorded score, the seed article, and bad input to the three `ner` commands.

use depeche::document::EntityType;
use depeche::ner::conll;
use depeche::ner::features::Resources;
use depeche::ner::train::{score, train, TrainOptions};
use depeche::ner::Recognizer;
use depeche::read::{DocumentStream, Input, ReadOptions};
use depeche::Pipeline;
use std::path::PathBuf;
use std::process::Command;

fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/ner")
        .join(path)
}

fn read(path: &str) -> Vec<conll::Sentence> {
    let p = shared(path);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "{} (../shared must be beside the project): {e}",
            p.display()
        )
    });
    conll::parse(path, &text, true).expect("valid CoNLL")
}

#[test]
fn a_small_slice_trains_past_a_floor_and_deterministically() {
    let train_data = read("wikineural-fr.train.conll");
    let dev = read("wikineural-fr.dev.conll");
    let res = Resources::french();
    let opts = TrainOptions {
        epochs: 3,
        seed: 7,
        bits: 18,
    };
    let (model, best) = train(&train_data[..1500], &dev[..400], &res, &opts, |_| {});
    // A broken feature set (constant features, a decoder that cannot start an entity) stays
    // far below this; 1,500 sentences and three epochs reach about 0.85 here.
    eprintln!("small slice: dev F1 {:.4}", best.dev.f1());
    assert!(
        best.dev.f1() > 0.78,
        "dev F1 {:.4} after a small training run",
        best.dev.f1()
    );
    assert_eq!(score(&model, &res, &dev[..400]).f1(), best.dev.f1());
    let (again, _) = train(&train_data[..1500], &dev[..400], &res, &opts, |_| {});
    assert_eq!(
        model.to_bytes(),
        again.to_bytes(),
        "same data and seed, same model"
    );
}

#[test]
fn the_shipped_model_scores_what_it_and_the_notice_say() {
    let rec = Recognizer::french().expect("built-in model");
    let info: serde_json::Value =
        serde_json::from_str(&rec.model().info).expect("model info is JSON");
    let recorded = info["dev_f1"].as_f64().expect("dev_f1 in model info");
    let measured = score(
        rec.model(),
        rec.resources(),
        &read("wikineural-fr.dev.conll"),
    )
    .f1();
    assert_eq!(format!("{measured:.4}"), format!("{recorded:.4}"));
    let notice =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("NOTICE")).unwrap();
    assert!(
        notice.contains(&format!("dev F1 {recorded:.4}")),
        "NOTICE must state dev F1 {recorded:.4}"
    );
}

#[test]
fn the_seed_names_are_found_and_typed() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/000_841bfa5ee9043e79.txt");
    let mut docs = DocumentStream::new(vec![Ok(Input::File(path))], ReadOptions::default());
    let mut doc = docs.next().unwrap().unwrap();
    Pipeline::new("fr").unwrap().annotate(&mut doc);
    // Names only: the linker's nominal mentions ("Le ministre de la Défense") are descriptions.
    let found: Vec<(&str, EntityType)> = doc
        .mentions
        .iter()
        .filter(|m| !m.nominal)
        .map(|m| (doc.slice(m.span), m.kind))
        .collect();
    let has = |text: &str, kind: EntityType| found.iter().any(|&(t, k)| t == text && k == kind);
    for name in [
        "Jean-Yves Le Drian",
        "Sergueï Choïgou",
        "François Hollande",
        "Vladimir Poutine",
        "Bachar al-Assad",
    ] {
        assert!(has(name, EntityType::Per), "{name} PER missing: {found:?}");
    }
    for name in ["Moscou", "Paris", "Syrie", "Russie", "France", "Matignon"] {
        assert!(has(name, EntityType::Loc), "{name} LOC missing: {found:?}");
    }
    assert!(has("AFP", EntityType::Org));
    let daesh = found.iter().filter(|&&(t, _)| t == "Daesh").count();
    assert_eq!(
        daesh,
        doc.text.matches("Daesh").count(),
        "every Daesh, anti-Daesh included: {found:?}"
    );
    assert!(found
        .iter()
        .filter(|&&(t, _)| t == "Daesh")
        .all(|&(_, k)| k == EntityType::Org));
    assert!(has("Le Drian", EntityType::Per), "the title's Le Drian");
    for (text, kind) in &found {
        if matches!(kind, EntityType::Per | EntityType::Loc) {
            assert!(
                !text.contains("Défense") && !text.contains("ministre"),
                "{text} {kind:?}"
            );
        }
    }
}

fn depeche(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The process may exit before reading its input (a missing model): that is no failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn ner_tag_keeps_tokens_and_writes_iob2() {
    let out = depeche(
        &["ner", "tag", "--conll"],
        "Le\nministre\nJean-Yves\nLe\nDrian\nest\nà\nMoscou\n.\n\nBonjour\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[2..5],
        ["Jean-Yves\tB-PER", "Le\tI-PER", "Drian\tI-PER"]
    );
    assert_eq!(lines[7], "Moscou\tB-LOC");
    assert_eq!(lines[9], "");
    assert_eq!(lines.len(), 12);
}

#[test]
fn bad_input_to_the_ner_commands_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad_tag = dir.path().join("bad.conll");
    std::fs::write(&bad_tag, "Le\tO\nDrian\tB-PERSON\n").unwrap();
    let empty = dir.path().join("empty.conll");
    std::fs::write(&empty, "").unwrap();
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            vec!["ner".into(), "eval".into(), bad_tag.display().to_string()],
            "",
            "unknown tag 'B-PERSON'",
        ),
        (
            vec!["ner".into(), "eval".into(), empty.display().to_string()],
            "",
            "no sentences",
        ),
        (
            vec!["ner".into(), "tag".into(), "--conll".into()],
            "a\tO\nb\n",
            "some token lines have a tag",
        ),
        (
            vec!["ner".into(), "tag".into(), "--conll".into()],
            "",
            "no sentences",
        ),
        (
            vec![
                "ner".into(),
                "tag".into(),
                "--conll".into(),
                "--model".into(),
                "/no/such/model.bin".into(),
            ],
            "x\n",
            "cannot read model /no/such/model.bin",
        ),
        (
            vec![
                "ner".into(),
                "tag".into(),
                "--conll".into(),
                "--model".into(),
                bad_tag.display().to_string(),
            ],
            "x\n",
            "not a depeche NER model",
        ),
        (
            vec![
                "ner".into(),
                "train".into(),
                "--train".into(),
                empty.display().to_string(),
                "--dev".into(),
                bad_tag.display().to_string(),
                "--out".into(),
                dir.path().join("m.bin").display().to_string(),
            ],
            "",
            "no sentences",
        ),
    ];
    for (args, stdin, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = depeche(&args, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(message),
            "{args:?}: expected '{message}' in: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}
