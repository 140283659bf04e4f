//! Article-level corrections after tagging, where one sentence alone cannot decide:
//!
//! 1. photo credits in captions are read by rule: the photographer's name in capitals is PER,
//!    agencies (from `data/fr/credits.txt`) are ORG, "Archives"/"Photo" are nothing;
//! 2. a ministry portfolio after "ministre de la", "ministère des"… is a function, not a name
//!    (`data/fr/ner/portfolios.txt`): "le ministre de la Défense Jean-Yves Le Drian";
//! 3. one name, one type: mentions with the same text take the type with the most confidence
//!    in the article ("Daesh" is ORG everywhere if it is ORG mostly);
//! 4. a person's surname (with its particle: "Le Drian", "al-Assad") or an organisation or
//!    place already recognised is recognised again where the tagger missed it or typed it
//!    otherwise, as in a title ("Le Drian se rend à Moscou").

use crate::document::{BlockKind, Document, EntityType, Mention, Span};
use crate::lang::LangData;
use rustc_hash::{FxHashMap, FxHashSet};

const PORTFOLIOS: &str = include_str!("../../data/fr/ner/portfolios.txt");

/// Nouns of office after which a capitalised portfolio names a function, lower case.
const FUNCTION_NOUNS: &[&str] = &[
    "ministre",
    "ministres",
    "ministère",
    "ministères",
    "secrétaire",
    "secrétariat",
    "commissaire",
    "commission",
    "porte-parole",
    "directeur",
    "directrice",
    "délégué",
    "déléguée",
];

/// Particles that belong to a surname: "Le Drian", "de Gaulle", "al-Assad" (hyphenated ones
/// are already one token).
const PARTICLES: &[&str] = &[
    "Le", "La", "de", "De", "du", "Du", "des", "van", "Van", "von", "Von", "da", "Da", "di", "Di",
    "el", "El", "al", "Al", "ben", "Ben", "bin", "Mac", "Mc", "Saint",
];

#[derive(Debug, Clone)]
pub struct ArticleRules {
    portfolios: FxHashSet<String>,
}

impl Default for ArticleRules {
    fn default() -> Self {
        ArticleRules {
            portfolios: PORTFOLIOS
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| crate::lang::fold_apostrophes(l.trim()))
                .collect(),
        }
    }
}

fn lower_token(doc: &Document, i: usize) -> String {
    crate::lang::normalize_word(&doc.text[doc.tokens[i].span.range()])
}

impl ArticleRules {
    pub fn apply(&self, doc: &mut Document, lang: &LangData) {
        let mut mentions = std::mem::take(&mut doc.mentions);
        self.credits(doc, lang, &mut mentions);
        mentions.retain(|m| !self.is_portfolio(doc, m));
        vote(doc, &mut mentions);
        propagate(doc, &mut mentions);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        doc.mentions = mentions;
    }

    fn is_portfolio(&self, doc: &Document, m: &Mention) -> bool {
        if !self
            .portfolios
            .contains(&crate::lang::fold_apostrophes(doc.slice(m.span)))
        {
            return false;
        }
        // "ministre de la Défense", "ministre français des Affaires étrangères", "ministère
        // de l'Intérieur": a function word right before, a function noun a few words back.
        let start = m.tokens.start;
        if start == 0
            || !matches!(
                lower_token(doc, start - 1).as_str(),
                "la" | "l'" | "du" | "des" | "de" | "aux" | "au" | "à"
            )
        {
            return false;
        }
        (start.saturating_sub(5)..start)
            .any(|k| FUNCTION_NOUNS.contains(&lower_token(doc, k).as_str()))
    }

    /// Replaces the tagger's mentions inside caption credits by rule-based ones.
    fn credits(&self, doc: &Document, lang: &LangData, mentions: &mut Vec<Mention>) {
        for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Caption) {
            let Some(credit) = block.credit else { continue };
            mentions.retain(|m| !credit.contains(m.span));
            let toks: Vec<usize> = (0..doc.tokens.len())
                .filter(|&i| credit.contains(doc.tokens[i].span))
                .collect();
            let mut i = 0;
            while i < toks.len() {
                let word = doc.slice(doc.tokens[toks[i]].span);
                let is_caps_name = |w: &str| {
                    w.chars().count() > 1
                        && w.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'')
                };
                if lang.credits().iter().any(|c| c == word)
                    && !matches!(
                        word,
                        "Archives"
                            | "archives"
                            | "Photo"
                            | "photo"
                            | "Illustration"
                            | "illustration"
                            | "Capture"
                    )
                {
                    push(mentions, doc, toks[i]..toks[i] + 1, EntityType::Org);
                    i += 1;
                } else if is_caps_name(word) && !lang.credits().iter().any(|c| c == word) {
                    let start = i;
                    while i < toks.len()
                        && is_caps_name(doc.slice(doc.tokens[toks[i]].span))
                        && !lang
                            .credits()
                            .iter()
                            .any(|c| c == doc.slice(doc.tokens[toks[i]].span))
                    {
                        i += 1;
                    }
                    if i - start >= 2 {
                        push(mentions, doc, toks[start]..toks[i - 1] + 1, EntityType::Per);
                    }
                } else {
                    i += 1;
                }
            }
        }
    }
}

fn push(
    mentions: &mut Vec<Mention>,
    doc: &Document,
    tokens: std::ops::Range<usize>,
    kind: EntityType,
) {
    mentions.push(Mention {
        span: Span::new(
            doc.tokens[tokens.start].span.start,
            doc.tokens[tokens.end - 1].span.end,
        ),
        kind,
        score: 1.0,
        tokens,
        entity: None,
        nominal: false,
    });
}

/// One name, one type: the type with the largest summed confidence wins.
fn vote(doc: &Document, mentions: &mut [Mention]) {
    let mut totals: FxHashMap<&str, FxHashMap<EntityType, f32>> = FxHashMap::default();
    for m in mentions.iter() {
        *totals
            .entry(doc.slice(m.span))
            .or_default()
            .entry(m.kind)
            .or_default() += m.score;
    }
    for m in mentions.iter_mut() {
        if let Some(by_type) = totals.get(doc.slice(m.span)) {
            if let Some((&best, _)) = by_type
                .iter()
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            {
                m.kind = best;
            }
        }
    }
}

/// Recognises again, as token sequences, names the article has already given with confidence.
fn propagate(doc: &Document, mentions: &mut Vec<Mention>) {
    const CONFIDENT: f32 = 0.6;
    let token_text = |i: usize| doc.slice(doc.tokens[i].span);
    let mut known: FxHashMap<Vec<&str>, (EntityType, f32)> = FxHashMap::default();
    for m in mentions.iter().filter(|m| m.score >= CONFIDENT) {
        let words: Vec<&str> = m.tokens.clone().map(token_text).collect();
        let mut keys = vec![words.clone()];
        if m.kind == EntityType::Per && words.len() >= 2 {
            let last = words.len() - 1;
            if words[last].chars().count() >= 3 {
                keys.push(vec![words[last]]);
            }
            if last >= 1 && PARTICLES.contains(&words[last - 1]) {
                keys.push(words[last - 1..].to_vec());
            }
        }
        for key in keys {
            let entry = known.entry(key).or_insert((m.kind, 0.0));
            if entry.0 == m.kind {
                entry.1 += m.score;
            }
        }
    }
    if known.is_empty() {
        return;
    }
    let longest = known.keys().map(Vec::len).max().unwrap_or(1);
    // Sorted, with the running maximum of their ends, so that the mentions a hit overlaps are
    // found by binary search; a replaced mention is marked, and dropped at the end.
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    let max_end: Vec<usize> = mentions
        .iter()
        .scan(0, |e, m| {
            *e = (*e).max(m.span.end);
            Some(*e)
        })
        .collect();
    let mut removed = vec![false; mentions.len()];
    let mut added = Vec::new();
    for sentence in &doc.sentences {
        let mut i = sentence.tokens.start;
        while i < sentence.tokens.end {
            let mut hit = None;
            for len in (1..=longest.min(sentence.tokens.end - i)).rev() {
                let key: Vec<&str> = (i..i + len).map(token_text).collect();
                if let Some(&(kind, _)) = known.get(&key) {
                    hit = Some((len, kind));
                    break;
                }
            }
            let Some((len, kind)) = hit else {
                i += 1;
                continue;
            };
            let range = i..i + len;
            let span = Span::new(doc.tokens[i].span.start, doc.tokens[i + len - 1].span.end);
            let first = max_end.partition_point(|&end| end <= span.start);
            let overlapping: Vec<usize> = (first..mentions.len())
                .take_while(|&k| mentions[k].span.start < span.end)
                .filter(|&k| !removed[k] && span.start < mentions[k].span.end)
                .collect();
            let covered_right = overlapping
                .iter()
                .any(|&k| mentions[k].kind == kind && mentions[k].span.contains(span));
            // Only where the tagger found nothing, or something smaller of another type.
            let replaceable = overlapping
                .iter()
                .all(|&k| mentions[k].kind != kind && span.contains(mentions[k].span));
            if !covered_right && replaceable {
                for &k in &overlapping {
                    removed[k] = true;
                }
                added.push(Mention {
                    span,
                    kind,
                    score: 0.9,
                    tokens: range,
                    entity: None,
                    nominal: false,
                });
            }
            i += len;
        }
    }
    let mut k = 0;
    mentions.retain(|_| {
        k += 1;
        !removed[k - 1]
    });
    mentions.extend(added);
}
