//! Named-entity tagger throughput on one core, on the gold tokens of the WikiNEuRal French dev
//! set (`../shared/data/ner/wikineural-fr.dev.conll`): model load time, tokens per second of
//! the tags alone (`depeche ner tag`, `ner eval`) and with the per-token confidences the
//! `mentions` layer of `depeche extract` reads. Each figure is the best of several passes, which
//! keeps the noise of a shared machine out. Run with `cargo bench --bench ner`.
//!
//! The check on the output: the number of predicted entities and the sum of the confidences
//! are printed and must be the same on every pass (and before and after a speed change).

use depeche::ner::conll::{self, entities};
use depeche::ner::Recognizer;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn best_of<T>(passes: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..passes {
        let start = Instant::now();
        let r = std::hint::black_box(f());
        best = best.min(start.elapsed());
        out = Some(r);
    }
    (best, out.expect("at least one pass"))
}

fn main() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/ner/wikineural-fr.dev.conll");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "no {} (../shared must be beside the project)",
            path.display()
        );
        std::process::exit(1);
    };
    let sentences = conll::parse("dev", &text, false).expect("valid CoNLL");
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();

    let (load, rec) = best_of(5, || Recognizer::french().expect("the built-in NER model"));
    println!("load: {:.1} ms", load.as_secs_f64() * 1e3);

    let (took, found) = best_of(15, || {
        sentences
            .iter()
            .map(|s| entities(&rec.tags(&s.tokens)).len())
            .sum::<usize>()
    });
    println!(
        "tags:        {:>9.0} tokens/s ({tokens} tokens, {found} entities)",
        tokens as f64 / took.as_secs_f64()
    );

    let (took, (found, confidence)) = best_of(8, || {
        sentences.iter().fold((0usize, 0f64), |(n, c), s| {
            let t = rec.tag(&s.tokens);
            (
                n + entities(&t.tags).len(),
                c + t.confidence.iter().map(|&x| x as f64).sum::<f64>(),
            )
        })
    });
    println!(
        "tags + conf: {:>9.0} tokens/s ({found} entities, confidence sum {confidence:.6})",
        tokens as f64 / took.as_secs_f64()
    );
}
