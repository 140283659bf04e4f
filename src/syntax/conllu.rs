//! CoNLL-U (Universal Dependencies) files: read into [`Sentence`]s and written back unchanged.
//!
//! A sentence keeps its comment lines, its words (ID `1..n`, consecutive), its multiword-token
//! range lines ("3-4 du") and its empty nodes ("8.1") exactly as read, so that
//! `write(parse(text)) == text` for a well-formed file (line endings normalised to `\n`, and
//! a final blank line after each sentence). The tagger and parser only ever fill the LEMMA,
//! UPOS, FEATS, HEAD and DEPREL columns of words; ID, FORM, range lines and comments stay as
//! they came.
//!
//! Checked on reading, each failure naming its line: ten tab-separated columns, word IDs that
//! follow one another from 1, range lines covering words that come after them, and HEAD either
//! `_` or a number between 0 and the sentence's word count. Trees (one root, no cycles) are not
//! required here: CoNLL-U input to `depeche parse` need not carry any.

use std::fmt::{self, Write as _};

/// A malformed CoNLL-U line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: line {line}: {message}")]
pub struct ConlluError {
    pub origin: String,
    pub line: usize,
    pub message: String,
}

/// One syntactic word: the ten columns, HEAD parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root; `None` for `_`.
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A multiword-token range line ("3-4 du"), kept as read: `first..=last` are word IDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multiword {
    pub first: usize,
    pub last: usize,
    /// The whole line, without its line ending.
    pub line: String,
}

/// An empty node line ("8.1"), kept as read, written after word `after` (0: before the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptyNode {
    pub after: usize,
    pub line: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines, with their `#`.
    pub comments: Vec<String>,
    /// Word `i` has ID `i + 1`.
    pub words: Vec<Word>,
    pub multiwords: Vec<Multiword>,
    pub empty_nodes: Vec<EmptyNode>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let value = rest.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim())
        })
    }

    /// Whether every word has a HEAD and together they form one tree: exactly one word on the
    /// root, every head in range, no cycle.
    pub fn is_tree(&self) -> bool {
        let n = self.words.len();
        let heads: Option<Vec<usize>> = self.words.iter().map(|w| w.head).collect();
        match heads {
            Some(h) => is_tree(&h) && n > 0,
            None => false,
        }
    }
}

/// Whether `heads` (word `i`'s head at `heads[i]`, 0 for the root, words numbered from 1)
/// form one tree: one root word, heads in range, no cycle.
pub fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().any(|&h| h > n) {
        return false;
    }
    // Walk up from each word; a walk longer than n words has met a cycle.
    for start in 1..=n {
        let mut at = start;
        let mut steps = 0;
        while at != 0 {
            at = heads[at - 1];
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

/// Reads every sentence of a CoNLL-U text. `origin` (a file name) goes into the errors.
pub fn parse(origin: &str, text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut pending_ranges: Vec<(usize, usize)> = Vec::new();
    let err = |line: usize, message: String| ConlluError {
        origin: origin.to_string(),
        line,
        message,
    };
    let mut finish = |cur: &mut Sentence,
                      pending: &mut Vec<(usize, usize)>|
     -> Result<(), ConlluError> {
        let n = cur.words.len();
        if let Some(&(at, id)) = pending.iter().find(|(_, id)| *id > n) {
            return Err(err(
                at,
                format!("the multiword token ends at word {id}, but the sentence has {n} words"),
            ));
        }
        pending.clear();
        if !cur.words.is_empty() || !cur.comments.is_empty() {
            out.push(std::mem::take(cur));
        }
        Ok(())
    };
    // Heads are checked against the word count when the sentence ends; remember their lines.
    let mut head_lines: Vec<usize> = Vec::new();
    let lines: Vec<&str> = text.split('\n').collect();
    let last = if text.ends_with('\n') {
        lines.len() - 1
    } else {
        lines.len()
    };
    for (i, raw) in lines[..last].iter().enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            check_heads(&cur, &head_lines).map_err(|(l, m)| err(l, m))?;
            head_lines.clear();
            finish(&mut cur, &mut pending_ranges)?;
            continue;
        }
        if line.starts_with('#') {
            if !cur.words.is_empty() || !cur.multiwords.is_empty() {
                return Err(err(n, "a comment line inside a sentence".into()));
            }
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                n,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(f), Ok(l)) if f >= 1 && l > f => (f, l),
                _ => return Err(err(n, format!("bad multiword token range '{id}'"))),
            };
            if first != cur.words.len() + 1 {
                return Err(err(
                    n,
                    format!(
                        "the multiword token '{id}' should start at word {}",
                        cur.words.len() + 1
                    ),
                ));
            }
            pending_ranges.push((n, last));
            cur.multiwords.push(Multiword {
                first,
                last,
                line: line.to_string(),
            });
            continue;
        }
        if let Some((a, b)) = id.split_once('.') {
            match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(after), Ok(_)) if after == cur.words.len() => {
                    cur.empty_nodes.push(EmptyNode {
                        after,
                        line: line.to_string(),
                    });
                    continue;
                }
                _ => return Err(err(n, format!("bad empty node ID '{id}'"))),
            }
        }
        let expected = cur.words.len() + 1;
        if id.parse::<usize>().ok() != Some(expected) {
            return Err(err(n, format!("expected word ID {expected}, found '{id}'")));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse::<usize>()
                    .map_err(|_| err(n, format!("HEAD '{h}' is not a number")))?,
            ),
        };
        if cols[1].is_empty() {
            return Err(err(n, "empty FORM".into()));
        }
        head_lines.push(n);
        cur.words.push(Word {
            form: String::from(cols[1]),
            lemma: String::from(cols[2]),
            upos: String::from(cols[3]),
            xpos: String::from(cols[4]),
            feats: String::from(cols[5]),
            head,
            deprel: String::from(cols[7]),
            deps: String::from(cols[8]),
            misc: String::from(cols[9]),
        });
    }
    check_heads(&cur, &head_lines).map_err(|(l, m)| err(l, m))?;
    finish(&mut cur, &mut pending_ranges)?;
    Ok(out)
}

/// Every HEAD at most the word count; the error gives the word's line.
fn check_heads(s: &Sentence, lines: &[usize]) -> Result<(), (usize, String)> {
    let n = s.words.len();
    for (w, &line) in s.words.iter().zip(lines) {
        if let Some(h) = w.head {
            if h > n {
                return Err((
                    line,
                    format!("HEAD {h} is past the sentence's last word ({n})"),
                ));
            }
        }
    }
    Ok(())
}

/// Appends one sentence in CoNLL-U, ending with its blank line.
pub fn write_sentence(s: &Sentence, out: &mut String) {
    for c in &s.comments {
        out.push_str(c);
        out.push('\n');
    }
    let mut mw = s.multiwords.iter().peekable();
    let mut empty = s.empty_nodes.iter().peekable();
    while let Some(e) = empty.next_if(|e| e.after == 0) {
        out.push_str(&e.line);
        out.push('\n');
    }
    for (i, w) in s.words.iter().enumerate() {
        let id = i + 1;
        while let Some(m) = mw.next_if(|m| m.first == id) {
            out.push_str(&m.line);
            out.push('\n');
        }
        let head = match w.head {
            Some(h) => h.to_string(),
            None => "_".to_string(),
        };
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{head}\t{}\t{}\t{}",
            w.form, w.lemma, w.upos, w.xpos, w.feats, w.deprel, w.deps, w.misc
        );
        while let Some(e) = empty.next_if(|e| e.after == id) {
            out.push_str(&e.line);
            out.push('\n');
        }
    }
    out.push('\n');
}

/// The sentences in CoNLL-U.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

impl fmt::Display for Sentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        write_sentence(self, &mut s);
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = Il parle du projet.\n\
1\tIl\til\tPRON\t_\t_\t2\tnsubj\t_\t_\n\
2\tparle\tparler\tVERB\t_\t_\t0\troot\t_\t_\n\
3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_\n\
4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tprojet\tprojet\tNOUN\t_\t_\t2\tobl:arg\t_\tSpaceAfter=No\n\
5.1\tx\tx\tX\t_\t_\t_\t_\t2:dep\t_\n\
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n\
# sent_id = s2\n\
1\tOui\toui\tINTJ\t_\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn round_trip_keeps_every_line() {
        let s = parse("sample", SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 6);
        assert_eq!(s[0].multiwords.len(), 1);
        assert_eq!(s[0].empty_nodes.len(), 1);
        assert_eq!(s[0].comment("text"), Some("Il parle du projet."));
        assert!(s[0].is_tree());
        assert_eq!(write(&s), SAMPLE);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let bad = SAMPLE.replace(
            "2\tparle\tparler\tVERB\t_\t_\t0",
            "2\tparle\tparler VERB\t_\t_\t0",
        );
        let e = parse("f.conllu", &bad).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(
            e.to_string().starts_with("f.conllu: line 4: expected 10"),
            "{e}"
        );
        let bad = SAMPLE.replace("6\t.\t.", "7\t.\t.");
        assert_eq!(parse("f", &bad).unwrap_err().line, 10);
        let bad = SAMPLE.replace("2\tnsubj", "9\tnsubj");
        let e = parse("f", &bad).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn tree_checks() {
        assert!(is_tree(&[2, 0, 2]));
        assert!(!is_tree(&[0, 0, 2]));
        assert!(!is_tree(&[2, 1, 0]));
        assert!(!is_tree(&[4, 0]));
    }
}
