//! `depeche eval tokens`: token and sentence boundaries against a CoNLL-U treebank.
//!
//! Tokens: each gold sentence's `# text` is tokenized as one paragraph; the gold *surface*
//! tokens (a multi-word token such as "du" = "de le" counts once, by its range line) are aligned
//! to the text, and precision/recall/F1 count exact byte spans.
//!
//! Sentences: treebanks such as UD French-GSD shuffle their sentences, so there is no
//! paragraph gold. We build paragraphs from runs of consecutive gold sentences that end with
//! final punctuation (`. ! ? …`, possibly followed by a closing quote or bracket), at most
//! [`SENTENCES_PER_PARAGRAPH`] each, joined by one space, and score the predicted sentence
//! starts inside each paragraph against the gold ones (the paragraph's own start is not
//! counted: it is given).

use crate::document::Span;
use crate::lang::LangData;
use crate::segment::segment_paragraph;
use std::collections::HashSet;
use std::fmt;

pub const SENTENCES_PER_PARAGRAPH: usize = 6;

#[derive(Debug, Clone)]
pub struct GoldSentence {
    pub id: String,
    pub text: String,
    pub tokens: Vec<Span>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("line {line}: token line without a preceding '# text =' comment")]
    NoText { line: usize },
    #[error("line {line}: expected 10 tab-separated columns, found {found}")]
    Columns { line: usize, found: usize },
}

/// Reads the sentences of a CoNLL-U file with their surface tokens aligned to `# text`.
/// Returns the sentences and how many could not be aligned (skipped).
pub fn read_conllu(content: &str) -> Result<(Vec<GoldSentence>, usize), ConlluError> {
    let mut out = Vec::new();
    let mut unaligned = 0;
    let mut id = String::new();
    let mut text: Option<String> = None;
    let mut forms: Vec<String> = Vec::new();
    let mut skip_until = 0usize;
    let mut flush = |id: &str, text: &mut Option<String>, forms: &mut Vec<String>| {
        if let Some(t) = text.take() {
            match align(&t, forms) {
                Some(tokens) => out.push(GoldSentence {
                    id: id.to_string(),
                    text: t,
                    tokens,
                }),
                None => unaligned += 1,
            }
        }
        forms.clear();
    };
    for (n, line) in content.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&id, &mut text, &mut forms);
            skip_until = 0;
        } else if let Some(t) = line.strip_prefix("# text = ") {
            text = Some(t.to_string());
        } else if let Some(s) = line.strip_prefix("# sent_id = ") {
            id = s.to_string();
        } else if !line.starts_with('#') {
            if text.is_none() {
                return Err(ConlluError::NoText { line: n + 1 });
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(ConlluError::Columns {
                    line: n + 1,
                    found: cols.len(),
                });
            }
            let tid = cols[0];
            if tid.contains('.') {
                continue;
            }
            if let Some((a, b)) = tid.split_once('-') {
                let _ = a;
                skip_until = b.parse().unwrap_or(0);
                forms.push(cols[1].to_string());
            } else {
                let k: usize = tid.parse().unwrap_or(0);
                if k > skip_until {
                    forms.push(cols[1].to_string());
                }
            }
        }
    }
    flush(&id, &mut text, &mut forms);
    Ok((out, unaligned))
}

fn align(text: &str, forms: &[String]) -> Option<Vec<Span>> {
    let mut cursor = 0;
    let mut spans = Vec::with_capacity(forms.len());
    for form in forms {
        let rest = &text[cursor..];
        cursor += rest.len() - rest.trim_start().len();
        if !text[cursor..].starts_with(form.as_str()) {
            return None;
        }
        spans.push(Span::new(cursor, cursor + form.len()));
        cursor += form.len();
    }
    Some(spans)
}

/// Precision, recall, F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub true_pos: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, gold: &HashSet<usize>, pred: &HashSet<usize>) {
        self.true_pos += gold.intersection(pred).count();
        self.gold += gold.len();
        self.predicted += pred.len();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}  (gold {}, predicted {}, correct {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.gold,
            self.predicted,
            self.true_pos
        )
    }
}

/// One disagreement, for `--show-errors`.
#[derive(Debug, Clone)]
pub struct Disagreement {
    pub id: String,
    pub text: String,
    pub gold_only: Vec<String>,
    pub predicted_only: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct TokenReport {
    pub sentences: usize,
    pub unaligned: usize,
    pub paragraphs: usize,
    pub tokens: Prf,
    pub sentence_starts: Prf,
    pub token_errors: Vec<Disagreement>,
    pub sentence_errors: Vec<Disagreement>,
}

/// Scores tokenization and sentence splitting on aligned gold sentences.
pub fn evaluate(
    gold: &[GoldSentence],
    unaligned: usize,
    lang: &LangData,
    keep_errors: usize,
) -> TokenReport {
    let mut report = TokenReport {
        sentences: gold.len(),
        unaligned,
        ..TokenReport::default()
    };
    for sentence in gold {
        let (tokens, _) = segment_paragraph(&sentence.text, lang);
        // A span is identified by its (start, end); pack both in one integer key.
        let key = |s: Span| s.start << 20 | s.end;
        let g: HashSet<usize> = sentence.tokens.iter().map(|&s| key(s)).collect();
        let p: HashSet<usize> = tokens.iter().map(|t| key(t.span)).collect();
        report.tokens.add(&g, &p);
        if g != p && report.token_errors.len() < keep_errors {
            let show = |a: &HashSet<usize>, b: &HashSet<usize>| {
                let mut v: Vec<usize> = a.difference(b).copied().collect();
                v.sort_unstable();
                v.into_iter()
                    .map(|k| sentence.text[k >> 20..k & 0xFFFFF].to_string())
                    .collect()
            };
            report.token_errors.push(Disagreement {
                id: sentence.id.clone(),
                text: sentence.text.clone(),
                gold_only: show(&g, &p),
                predicted_only: show(&p, &g),
            });
        }
    }
    for paragraph in paragraphs(gold) {
        report.paragraphs += 1;
        let mut text = String::new();
        let mut g = HashSet::new();
        for (i, s) in paragraph.iter().enumerate() {
            if i > 0 {
                text.push(' ');
                g.insert(text.len());
            }
            text.push_str(&s.text);
        }
        let (_, sentences) = segment_paragraph(&text, lang);
        let p: HashSet<usize> = sentences.iter().skip(1).map(|s| s.start).collect();
        report.sentence_starts.add(&g, &p);
        if g != p && report.sentence_errors.len() < keep_errors {
            let cut = |starts: &HashSet<usize>| {
                let mut v: Vec<usize> = starts.iter().copied().collect();
                v.sort_unstable();
                v.into_iter()
                    .map(|k| {
                        let from = text[..k].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
                        format!(
                            "…{}⏎{}…",
                            &text[from..k],
                            text[k..].chars().take(20).collect::<String>()
                        )
                    })
                    .collect()
            };
            report.sentence_errors.push(Disagreement {
                id: paragraph[0].id.clone(),
                text: text.clone(),
                gold_only: cut(&g.difference(&p).copied().collect()),
                predicted_only: cut(&p.difference(&g).copied().collect()),
            });
        }
    }
    report
}

fn ends_with_final_punctuation(s: &str) -> bool {
    let s = s
        .trim_end()
        .trim_end_matches(['»', '"', '”', ')', ']', ' ', '\u{a0}']);
    s.ends_with(['.', '!', '?', '…'])
}

/// Runs of consecutive sentences ending with final punctuation, cut into paragraphs.
fn paragraphs(gold: &[GoldSentence]) -> Vec<&[GoldSentence]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=gold.len() {
        if i == gold.len() || !ends_with_final_punctuation(&gold[i].text) {
            for chunk in gold[start..i].chunks(SENTENCES_PER_PARAGRAPH) {
                if chunk.len() >= 2 {
                    out.push(chunk);
                }
            }
            start = i + 1;
        }
    }
    out
}

impl fmt::Display for TokenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "sentences read: {} ({} could not be aligned to their text and were skipped)",
            self.sentences, self.unaligned
        )?;
        writeln!(f, "tokens:          {}", self.tokens)?;
        writeln!(
            f,
            "sentence starts: {}  over {} paragraphs of up to {} gold sentences",
            self.sentence_starts, self.paragraphs, SENTENCES_PER_PARAGRAPH
        )?;
        for (title, errors) in [
            ("token", &self.token_errors),
            ("sentence", &self.sentence_errors),
        ] {
            for e in errors.iter() {
                writeln!(f, "\n{title} disagreement in {}: {}", e.id, e.text)?;
                writeln!(f, "  gold only:      {:?}", e.gold_only)?;
                writeln!(f, "  predicted only: {:?}", e.predicted_only)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a\n# text = Il parle du port.\n1\tIl\til\tPRON\t_\t_\t2\tnsubj\t_\t_\n2\tparle\tparler\tVERB\t_\t_\t0\troot\t_\t_\n3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_\n4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n5\tport\tport\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No\n6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n# sent_id = b\n# text = M. Dupont est venu.\n1\tM.\tM.\tNOUN\t_\t_\t2\tnsubj\t_\t_\n2\tDupont\tDupont\tPROPN\t_\t_\t0\troot\t_\t_\n3\test\têtre\tAUX\t_\t_\t4\taux\t_\t_\n4\tvenu\tvenir\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";

    #[test]
    fn multiword_tokens_count_once_and_scores_are_perfect_on_easy_text() {
        let (gold, unaligned) = read_conllu(SAMPLE).unwrap();
        assert_eq!(unaligned, 0);
        let forms: Vec<&str> = gold[0]
            .tokens
            .iter()
            .map(|s| &gold[0].text[s.range()])
            .collect();
        assert_eq!(forms, ["Il", "parle", "du", "port", "."]);
        let report = evaluate(&gold, 0, &LangData::french(), 5);
        assert_eq!(report.tokens.f1(), 1.0, "{report}");
        assert_eq!(report.paragraphs, 1);
        assert_eq!(report.sentence_starts.gold, 1);
        assert_eq!(report.sentence_starts.f1(), 1.0, "{report}");
    }

    #[test]
    fn malformed_conllu_is_reported_with_its_line() {
        let err = read_conllu("# text = a\n1\ta\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
