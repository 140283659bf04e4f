//! The syntax layer on depeche's own tokens: contractions split into UD words with the span
//! of their token, a table of constructions with the subject, object and head the parser
//! must find, CoNLL-U written from text and read back, and the seed parsed whole.

use depeche::document::{Document, Metadata};
use depeche::lang::LangData;
use depeche::syntax::conllu;
use depeche::syntax::words::{self, Analyzer};
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::french().expect("embedded syntax model"))
}

fn parse(text: &str) -> Document {
    let lang = LangData::french();
    let meta = Metadata {
        id: "t".into(),
        lang: "fr".into(),
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    depeche::read::layout::add_blocks(&mut doc, &lang);
    depeche::segment::segment(&mut doc, &lang);
    analyzer().annotate(&mut doc);
    doc
}

/// The forms of the dependents of the first word `head` (in the first sentence) with a
/// relation starting with `rel`.
fn dependents(doc: &Document, head: &str, rel: &str) -> Vec<String> {
    let Some(h) = doc.words.iter().position(|w| w.form == head) else {
        panic!("no word {head:?} in {:?}", doc.text);
    };
    doc.words
        .iter()
        .filter(|w| w.head == Some(h) && w.deprel.split(':').next() == Some(rel))
        .map(|w| w.form.clone())
        .collect()
}

fn head_of(doc: &Document, dep: &str) -> Option<String> {
    let w = doc.words.iter().find(|w| w.form == dep)?;
    w.head.map(|h| doc.words[h].form.clone())
}

#[test]
fn contractions_are_two_words_on_the_span_of_their_token() {
    let doc = parse("Il parle au ministre du Budget et à la fin des débats.");
    let forms: Vec<&str> = doc.words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(
        forms,
        [
            "Il", "parle", "à", "le", "ministre", "de", "le", "Budget", "et", "à", "la", "fin",
            "de", "les", "débats", "."
        ]
    );
    for form in ["au", "du", "des"] {
        let t = doc
            .tokens
            .iter()
            .position(|t| doc.slice(t.span) == form)
            .expect("token");
        let range = doc.token_words(t);
        assert_eq!(range.len(), 2, "{form}");
        for w in &doc.words[range] {
            assert_eq!(w.token, t);
        }
    }
    // A contraction's first word keeps the token's capital.
    let doc = parse("Du pain a été distribué.");
    assert_eq!(doc.words[0].form, "De");
    assert_eq!(doc.words[1].form, "le");
}

#[test]
fn the_indefinite_des_stays_one_word() {
    let doc = parse("Des manifestants ont bloqué des routes.");
    let des: Vec<&str> = doc
        .words
        .iter()
        .filter(|w| w.form.eq_ignore_ascii_case("des"))
        .map(|w| w.upos.as_str())
        .collect();
    assert_eq!(des, ["DET", "DET"]);
}

/// A sentence, its verb, the verb's expected subject and other dependents as (relation, form).
type Construction = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CONSTRUCTIONS: &[Construction] = &[
    // Active transitive.
    (
        "La police a arrêté trois suspects.",
        "arrêté",
        "police",
        &[("obj", "suspects")],
    ),
    // Passive with an agent.
    (
        "Trois suspects ont été arrêtés par la police.",
        "arrêtés",
        "suspects",
        &[("obl", "police")],
    ),
    // A relative clause: the verb's subject is the relative pronoun.
    (
        "Le ministre, qui a rencontré son homologue, est reparti.",
        "rencontré",
        "qui",
        &[("obj", "homologue")],
    ),
    // A clitic object before the verb.
    (
        "La police l'a interpellé mardi.",
        "interpellé",
        "police",
        &[("obj", "l'")],
    ),
    // A prepositional complement.
    (
        "Le gouvernement a demandé à Moscou de retirer ses troupes.",
        "demandé",
        "gouvernement",
        &[("obl", "Moscou")],
    ),
];

#[test]
fn subjects_and_objects_of_common_constructions() {
    for (text, verb, subject, objects) in CONSTRUCTIONS {
        let doc = parse(text);
        let subj = dependents(&doc, verb, "nsubj");
        assert_eq!(subj, [*subject], "subject of {verb:?} in {text:?}");
        for (rel, form) in *objects {
            assert!(
                dependents(&doc, verb, rel).iter().any(|f| f == form),
                "{rel} {form:?} of {verb:?} in {text:?}: {:?}",
                doc.words
                    .iter()
                    .map(|w| (w.form.as_str(), w.head, w.deprel.as_str()))
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn coordination_incises_and_quotes() {
    // Coordinated subjects: the second conjunct hangs on the first.
    let doc = parse("Paris et Berlin ont signé un accord.");
    assert_eq!(dependents(&doc, "signé", "nsubj"), ["Paris"]);
    assert_eq!(head_of(&doc, "Berlin").as_deref(), Some("Paris"));
    // An incise after a quotation: its inverted clitic is the subject of the verb of saying.
    let doc = parse("« Nous ne céderons pas », a-t-il déclaré.");
    assert_eq!(dependents(&doc, "déclaré", "nsubj"), ["-t-il"]);
    assert_eq!(dependents(&doc, "céderons", "nsubj"), ["Nous"]);
    // Reported speech: the clause is the complement of the verb of saying.
    let doc = parse("Le porte-parole a affirmé que l'armée avait bombardé la ville.");
    assert_eq!(head_of(&doc, "bombardé").as_deref(), Some("affirmé"));
    assert_eq!(dependents(&doc, "bombardé", "nsubj"), ["armée"]);
}

#[test]
fn every_sentence_is_a_tree() {
    let doc = parse(
        "Le Premier ministre a annoncé mardi des mesures. Les syndicats, eux, ont appelé à la \
         grève ; « c'est inacceptable », a dit leur chef.",
    );
    for s in 0..doc.sentences.len() {
        let words = doc.sentence_words(s);
        let roots = words.iter().filter(|w| w.head.is_none()).count();
        assert_eq!(roots, 1, "sentence {s}");
        let first = doc.token_words(words[0].token).start;
        let heads: Vec<usize> = words
            .iter()
            .map(|w| w.head.map_or(0, |h| h + 1 - first))
            .collect();
        assert!(conllu::is_tree(&heads), "sentence {s}: {heads:?}");
    }
}

#[test]
fn conllu_written_from_text_reads_back() {
    let doc = parse("Il est allé au marché. « Non », a-t-elle répondu.");
    let sentences = words::to_conllu(&doc);
    let text = conllu::write(&sentences);
    assert!(text.contains("4-5\tau\t"), "{text}");
    assert!(
        text.contains("# text = « Non », a-t-elle répondu."),
        "{text}"
    );
    let back = conllu::parse("written", &text).expect("valid CoNLL-U");
    assert_eq!(back, sentences);
    assert_eq!(conllu::write(&back), text);
    let words: usize = back.iter().map(|s| s.words.len()).sum();
    assert_eq!(words, doc.words.len());
}

#[test]
fn the_seed_is_parsed_whole() {
    let text = std::fs::read_to_string("examples/000_841bfa5ee9043e79.txt").expect("seed");
    let doc = parse(&text);
    let tokens_in_sentences: usize = doc.sentences.iter().map(|s| s.tokens.len()).sum();
    assert!(doc.words.len() >= tokens_in_sentences);
    for (i, w) in doc.words.iter().enumerate() {
        if let Some(h) = w.head {
            assert_eq!(doc.words[h].sentence, w.sentence, "word {i}");
            assert_ne!(h, i);
        }
    }
}

#[test]
fn extract_writes_the_syntax_layer_only_when_asked() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let run = |args: &[&str]| -> serde_json::Value {
        let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("depeche runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all("Titre\n\nLe ministre parle au préfet. Il part.".as_bytes())
            .expect("write");
        let out = child.wait_with_output().expect("output");
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    assert!(run(&["extract", "-"]).get("syntax").is_none());
    let doc = run(&["extract", "-", "--syntax"]);
    let text = doc["text"].as_str().expect("text");
    let words = doc["syntax"].as_array().expect("syntax");
    let au: Vec<&serde_json::Value> = words.iter().filter(|w| w["text"] == "au").collect();
    assert_eq!(au.len(), 2);
    assert_eq!(
        (au[0]["form"].as_str(), au[1]["form"].as_str()),
        (Some("à"), Some("le"))
    );
    for w in words {
        let span = w["span"].as_array().expect("span");
        let (s, e) = (span[0].as_u64().unwrap_or(0), span[1].as_u64().unwrap_or(0));
        assert_eq!(Some(&text[s as usize..e as usize]), w["text"].as_str());
        let sentence_len = words
            .iter()
            .filter(|x| x["sentence"] == w["sentence"])
            .count() as u64;
        let head = w["head"].as_u64().expect("head");
        assert!(head <= sentence_len && head != w["id"].as_u64().unwrap_or(0));
    }
    // Sentence ids restart at 1.
    let firsts = words.iter().filter(|w| w["id"] == 1).count();
    assert_eq!(firsts, doc["sentences"].as_array().map_or(0, Vec::len));
}
