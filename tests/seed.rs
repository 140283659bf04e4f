//! The seed article (an AFP dispatch, `examples/`): layout, sentences and spans as
//! `../shared/spec/seed.md` describes them.

use depeche::read::{DocumentStream, Input, ReadOptions};
use depeche::{BlockKind, Document, Pipeline};
use std::path::PathBuf;

fn seed() -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/000_841bfa5ee9043e79.txt");
    let mut docs = DocumentStream::new(vec![Ok(Input::File(path))], ReadOptions::default());
    let mut doc = docs.next().expect("one document").expect("readable");
    assert!(docs.next().is_none());
    Pipeline::new("fr").expect("French").annotate(&mut doc);
    doc
}

#[test]
fn layout_has_title_caption_two_subheadings_nine_paragraphs() {
    let doc = seed();
    let count = |k: BlockKind| doc.blocks.iter().filter(|b| b.kind == k).count();
    assert_eq!(count(BlockKind::Title), 1);
    assert_eq!(count(BlockKind::Caption), 1);
    assert_eq!(count(BlockKind::Subheading), 2);
    assert_eq!(count(BlockKind::Paragraph), 9);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Le Drian se rend à Moscou pour parler coopération et lutte contre Daesh")
    );
    let caption = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Caption)
        .unwrap();
    assert_eq!(
        doc.slice(caption.credit.expect("credit")),
        "DOMINIQUE FAGET, AFP/Archives"
    );
    let subheadings: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Subheading)
        .map(|b| doc.slice(b.span))
        .collect();
    assert_eq!(
        subheadings,
        [
            "Vers une meilleure coopération entre France et Russie",
            "L'intensification des interventions"
        ]
    );
}

#[test]
fn no_sentence_ends_at_m_and_each_paragraph_is_one_sentence() {
    let doc = seed();
    for s in &doc.sentences {
        let text = doc.slice(s.span);
        assert!(!text.ends_with("M."), "sentence ends at M.: {text}");
    }
    let visit = doc
        .sentences
        .iter()
        .map(|s| doc.slice(s.span))
        .find(|s| s.contains("M. Le Drian"))
        .expect("the sentence with M. Le Drian");
    assert!(
        visit.starts_with("La visite de M. Le Drian à Moscou")
            && visit.ends_with("attentats de Paris.")
    );
    // Every paragraph of the seed is a single sentence; title, caption and subheadings too.
    assert_eq!(doc.sentences.len(), doc.blocks.len());
}

#[test]
fn every_span_slices_to_its_text_and_tokens_cover_the_blocks() {
    let doc = seed();
    for b in &doc.blocks {
        assert!(doc.text.get(b.span.range()).is_some());
        let covered: usize = doc
            .tokens
            .iter()
            .filter(|t| b.span.contains(t.span))
            .map(|t| {
                doc.slice(t.span)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum();
        let visible = doc
            .slice(b.span)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        assert_eq!(
            covered,
            visible,
            "tokens must cover block {:?}",
            doc.slice(b.span)
        );
    }
    for s in &doc.sentences {
        let block = doc.blocks[s.block].span;
        assert!(block.contains(s.span));
        let first = doc.tokens[s.tokens.start].span;
        let last = doc.tokens[s.tokens.end - 1].span;
        assert_eq!((first.start, last.end), (s.span.start, s.span.end));
    }
    for pair in doc.tokens.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "tokens overlap or go backwards"
        );
    }
    let texts: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
    for expected in [
        "250.000",
        "M.",
        "Jean-Yves",
        "d'",
        "l'",
        "80",
        "%",
        "al-Assad",
        "anti-Daesh",
    ] {
        assert!(texts.contains(&expected), "token {expected} missing");
    }
}
