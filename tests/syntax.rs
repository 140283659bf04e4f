//! The syntax models: training on a tiny treebank written here, the shipped model on a news
//! sentence, and the `parse` and `eval parse` commands on good and bad input. No ../shared.

use depeche::syntax::clusters::Clusters;
use depeche::syntax::conllu::{self, Sentence};
use depeche::syntax::train::{train, TrainOptions};
use depeche::syntax::Model;
use std::process::Command;

/// A dozen French sentences, one per line: `form/UPOS/head/deprel` words. "du" in the last
/// one is written as the multiword token it is.
const TREEBANK: &str = "\
Le/DET/2/det chat/NOUN/3/nsubj dort/VERB/0/root ./PUNCT/3/punct
La/DET/2/det ministre/NOUN/4/nsubj a/AUX/4/aux:tense rencontré/VERB/0/root le/DET/6/det président/NOUN/4/obj ./PUNCT/4/punct
Les/DET/2/det soldats/NOUN/4/nsubj ont/AUX/4/aux:tense quitté/VERB/0/root la/DET/6/det ville/NOUN/4/obj ./PUNCT/4/punct
Il/PRON/2/nsubj parle/VERB/0/root à/ADP/5/case son/DET/5/det frère/NOUN/2/obl:arg ./PUNCT/2/punct
Le/DET/2/det gouvernement/NOUN/4/nsubj a/AUX/4/aux:tense annoncé/VERB/0/root une/DET/6/det réforme/NOUN/4/obj importante/ADJ/6/amod ./PUNCT/4/punct
Elle/PRON/2/nsubj mange/VERB/0/root une/DET/4/det pomme/NOUN/2/obj rouge/ADJ/4/amod ./PUNCT/2/punct
Les/DET/2/det enfants/NOUN/3/nsubj jouent/VERB/0/root dans/ADP/6/case le/DET/6/det jardin/NOUN/3/obl:mod ./PUNCT/3/punct
Le/DET/2/det président/NOUN/5/nsubj russe/ADJ/2/amod est/AUX/5/aux:tense arrivé/VERB/0/root à/ADP/7/case Paris/PROPN/5/obl:arg ./PUNCT/5/punct
Nous/PRON/3/nsubj avons/AUX/3/aux:tense vu/VERB/0/root le/DET/5/det film/NOUN/3/obj et/CCONJ/8/cc le/DET/8/det spectacle/NOUN/5/conj ./PUNCT/3/punct
Le/DET/2/det ministre/NOUN/6/nsubj qui/PRON/4/nsubj parle/VERB/2/acl:relcl est/AUX/6/cop content/ADJ/0/root ./PUNCT/6/punct
La/DET/2/det police/NOUN/4/nsubj a/AUX/4/aux:tense arrêté/VERB/0/root deux/NUM/6/nummod suspects/NOUN/4/obj hier/ADV/4/advmod ./PUNCT/4/punct
Marie/PROPN/2/nsubj lit/VERB/0/root un/DET/4/det livre/NOUN/2/obj ./PUNCT/2/punct
Il/PRON/2/nsubj revient/VERB/0/root de/ADP/5/case le/DET/5/det marché/NOUN/2/obl:arg ./PUNCT/2/punct";

fn conllu_text() -> String {
    let mut out = String::new();
    for (k, line) in TREEBANK.lines().enumerate() {
        let words: Vec<Vec<&str>> = line
            .split(' ')
            .map(|w| w.split('/').collect::<Vec<_>>())
            .collect();
        let text: Vec<&str> = words.iter().map(|w| w[0]).collect();
        out.push_str(&format!(
            "# sent_id = t{}\n# text = {}\n",
            k + 1,
            text.join(" ")
        ));
        for (i, w) in words.iter().enumerate() {
            if w[0] == "de" && words.get(i + 1).is_some_and(|n| n[0] == "le") {
                out.push_str(&format!(
                    "{}-{}\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n",
                    i + 1,
                    i + 2
                ));
            }
            let lemma = w[0].to_lowercase();
            out.push_str(&format!(
                "{}\t{}\t{lemma}\t{}\t_\t{}\t{}\t{}\t_\t_\n",
                i + 1,
                w[0],
                w[1],
                feats(w[0], w[1]),
                w[2],
                w[3]
            ));
        }
        out.push('\n');
    }
    out
}

/// FEATS for the tiny treebank: number (and gender) of determiners and nouns, person and
/// tense of finite verbs.
fn feats(form: &str, upos: &str) -> &'static str {
    let plural = form.ends_with('s') && form.len() > 3 || matches!(form, "Les" | "les" | "des");
    match upos {
        "DET" | "NOUN" if plural => "Number=Plur",
        "DET" if matches!(form, "La" | "la" | "une") => "Gender=Fem|Number=Sing",
        "DET" | "NOUN" => "Number=Sing",
        "VERB" | "AUX" if form.ends_with("é") => "Tense=Past|VerbForm=Part",
        "VERB" | "AUX" if form.ends_with("ent") || form.ends_with("ons") => {
            "Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin"
        }
        "VERB" | "AUX" => "Mood=Ind|Number=Sing|Tense=Pres|VerbForm=Fin",
        _ => "_",
    }
}

/// A cluster table in the format of data/fr/ner/clusters.tsv: days and months together.
const CLUSTERS: &str =
    "# word\tfine\tcoarse\nlundi\t1\t7\nmardi\t2\t7\njanvier\t3\t9\nchat\t4\t2\n";

fn treebank() -> Vec<Sentence> {
    conllu::parse("tiny", &conllu_text()).expect("the tiny treebank is valid CoNLL-U")
}

fn small() -> TrainOptions {
    TrainOptions {
        epochs: 8,
        seed: 3,
        tagger_bits: 12,
        parser_bits: 14,
        labeller_bits: 14,
        morph_bits: 14,
        clusters: Clusters::from_tsv("tiny clusters", CLUSTERS).expect("valid table"),
        ..TrainOptions::default()
    }
}

#[test]
fn the_tiny_treebank_round_trips() {
    let text = conllu_text();
    let s = treebank();
    assert_eq!(s.len(), 13);
    assert!(s.iter().all(Sentence::is_tree));
    assert_eq!(s[12].multiwords.len(), 1);
    assert_eq!(conllu::write(&s), text);
}

#[test]
fn trained_on_a_tiny_treebank_it_parses_it_into_trees() {
    let data = treebank();
    let (model, score) = train(&data, &data, &small(), |_| {});
    // It has seen these sentences: most words come out right.
    assert!(score.upos_accuracy() > 0.9, "{score}");
    assert!(score.ufeats_accuracy() > 0.9, "{score}");
    assert!(score.uas() > 0.8, "{score}");
    for gold in &data {
        let mut s = gold.clone();
        for w in &mut s.words {
            w.head = None;
            w.upos = "_".into();
        }
        for w in &mut s.words {
            w.feats = "_".into();
        }
        model.annotate(&mut s);
        assert!(s.is_tree(), "not a tree:\n{s}");
        // FEATS come from the model, as UD writes them.
        for w in &s.words {
            assert!(
                w.feats == "_" || w.feats.split('|').all(|f| f.contains('=')),
                "{s}"
            );
        }
        // ID, FORM and range lines stay.
        assert_eq!(s.multiwords, gold.multiwords);
        let forms = |x: &Sentence| x.words.iter().map(|w| w.form.clone()).collect::<Vec<_>>();
        assert_eq!(forms(&s), forms(gold));
    }
    // Unseen words and a long sentence still give trees.
    let long: Vec<&str> = "Hier , le porte-parole du ministère a déclaré que les négociations \
        reprendraient lundi à Genève , selon des sources proches du dossier , mais rien n' est sûr ."
        .split(' ')
        .collect();
    let a = model.analyze(&long);
    let heads: Vec<usize> = a.iter().map(|w| w.head).collect();
    assert!(conllu::is_tree(&heads), "{heads:?}");
    assert!(model.analyze(&[]).is_empty());
    // Plural nouns after "les" come out plural.
    let a = model.analyze(&["Les", "enfants", "dorment", "."]);
    assert_eq!(a[1].feats, "Number=Plur", "{a:?}");
    assert!(conllu::is_tree(&[model.analyze(&["Oui"])[0].head]));
}

#[test]
fn training_is_deterministic_and_the_model_file_reads_back() {
    let data = treebank();
    let (a, _) = train(&data, &data, &small(), |_| {});
    let (b, _) = train(&data, &data, &small(), |_| {});
    let bytes = a.to_bytes();
    assert_eq!(bytes, b.to_bytes());
    let back = Model::from_bytes("tiny", &bytes).expect("reads back");
    assert_eq!(back.to_bytes(), bytes);
    assert!(Model::from_bytes("cut", &bytes[..bytes.len() / 2]).is_err());
    assert!(Model::from_bytes("junk", b"not a model").is_err());
    // One byte more, or a class count changed, is refused too.
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Model::from_bytes("longer", &longer).is_err());
    // The clusters travel in the model: another seed reads the same table.
    let other = TrainOptions { seed: 4, ..small() };
    let (c, _) = train(&data, &data, &other, |_| {});
    assert!(c.sizes().contains("clusters 4 words"), "{}", c.sizes());
}

#[test]
fn a_model_without_clusters_still_trains_and_parses() {
    let data = treebank();
    let opts = TrainOptions {
        clusters: Clusters::default(),
        ..small()
    };
    let (model, score) = train(&data, &data, &opts, |_| {});
    assert!(score.uas() > 0.8, "{score}");
    let a = model.analyze(&["Le", "chat", "dort", "lundi", "."]);
    assert!(conllu::is_tree(
        &a.iter().map(|w| w.head).collect::<Vec<_>>()
    ));
}

#[test]
fn a_malformed_cluster_table_names_its_line() {
    let e = Clusters::from_tsv("c.tsv", "# ok\nlundi\t1\t7\nmardi\tdeux\t7\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.to_string().starts_with("c.tsv: line 3"), "{e}");
}

#[test]
fn the_shipped_model_finds_the_subject() {
    let model = Model::french().expect("the built-in syntax model loads");
    let forms: Vec<&str> = "Le ministre a rencontré son homologue russe à Moscou ."
        .split(' ')
        .collect();
    let a = model.analyze(&forms);
    assert!(conllu::is_tree(
        &a.iter().map(|w| w.head).collect::<Vec<_>>()
    ));
    assert_eq!(a[1].deprel, "nsubj", "{a:?}");
    assert_eq!(a[1].head, 4, "ministre hangs from rencontré: {a:?}");
    assert_eq!(a[3].head, 0, "{a:?}");
    assert_eq!(a[3].upos, "VERB");
    assert_eq!(a[3].lemma, "rencontrer");
    assert_eq!(a[1].feats, "Gender=Masc|Number=Sing", "{a:?}");
    assert_eq!(
        a[2].feats,
        "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
    );
}

fn depeche(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .output()
        .expect("runs depeche")
}

#[test]
fn parse_and_eval_commands() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.conllu");
    std::fs::write(&gold, conllu_text()).unwrap();
    let gold = gold.to_str().unwrap();

    let out = depeche(&["parse", "--conllu", gold]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let parsed = conllu::parse("out", &String::from_utf8(out.stdout).unwrap()).unwrap();
    let input = treebank();
    assert_eq!(parsed.len(), input.len());
    for (p, g) in parsed.iter().zip(&input) {
        assert!(p.is_tree());
        assert_eq!(p.comments, g.comments);
        assert_eq!(p.multiwords, g.multiwords);
    }

    let out = depeche(&["eval", "parse", gold]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    for key in ["UPOS", "UFeats", "UAS", "LAS", "words/s"] {
        assert!(text.contains(key), "{text}");
    }

    // A malformed line: exit 2, its line number named.
    let bad = dir.path().join("bad.conllu");
    std::fs::write(&bad, conllu_text().replacen("\tchat\t", "\tchat ", 1)).unwrap();
    let out = depeche(&["parse", "--conllu", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4"), "{err}");

    // A model file that is not one: exit 2.
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, b"DPSYNv3\0\xff\xff").unwrap();
    let out = depeche(&["parse", "--conllu", "--model", junk.to_str().unwrap(), gold]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("corrupt"));
}
