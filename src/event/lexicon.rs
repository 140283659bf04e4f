//! The French event lexicon (`data/fr/events/lexicon.tsv`, format in
//! `data/fr/events/README.md`): some 850 entries, lemmas and multi-word idioms with the CAMEO code
//! they carry, their syntactic frame and where each came from (the CAMEO codebook, PETRARCH's
//! English verb blocks translated by sense, French FrameNet, the tuning gold). It is derived by
//! `data/fr/events/build/build_lexicon.py`; this module reads it.
//!
//! A frame is kept as typed grammatical slots ([`Slot`]): the subject, the verb, the direct
//! object, obliques by their preposition, infinitive and clausal complements, and the idiom's
//! literal words. That is what a dependency reading needs (subject → actor 1, `obj` or an `obl`
//! with that preposition → actor 2). Until the coder reads dependencies,
//! [`LexEntry::pattern_line`] writes the frame as a pattern of the hand-written dictionary
//! ([`super::dict`]), whose word-order matcher then codes it; the hand-written entries keep
//! precedence (see [`super::dict::Dictionary::add_lexicon`]).

use crate::event::codes::CameoTable;

const LEXICON: &str = include_str!("../../data/fr/events/lexicon.tsv");
pub const LEXICON_FILE: &str = "data/fr/events/lexicon.tsv";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {why}")]
pub struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub why: String,
}

/// One slot of a frame, in the order the frame writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// `$S`: the subject, actor 1.
    Subject,
    /// `V`: the verb that carries the entry (the idiom's first word).
    Verb,
    /// `$T` / `$T?` after a preposition (`prep`: "à", "contre", "avec", "auprès de"…) or
    /// none (the direct object): actor 2.
    Target {
        prep: Option<String>,
        optional: bool,
    },
    /// `de INF`, `à INF`: an infinitive complement, with its preposition.
    Infinitive { prep: String },
    /// `que`: a completive clause.
    Clause,
    /// `...`: up to six words of anything.
    Gap,
    /// Literal words: alternatives (`a|b`), prefixes (`x*`), sequences (`aide_humanitaire`).
    Words(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntry {
    pub code: String,
    /// As written: "critiquer", "se plaindre", "porter plainte".
    pub entry: String,
    /// The verb that carries it: "plaindre", "porter".
    pub head: String,
    /// Needs a reflexive pronoun ("se plaindre", "s'en prendre").
    pub reflexive: bool,
    /// More than one word besides "se": an idiom.
    pub idiom: bool,
    pub frame: Vec<Slot>,
    /// Flags as `verbs.txt` writes them, without the '+': "intended", "agent=COP".
    pub flags: Vec<String>,
    /// "cameo", "petrarch:BLAME", "asfalda:FR_Request", "gold".
    pub sources: Vec<String>,
    pub line: usize,
}

/// The words of a preposition that `verbs.txt` patterns spell out: "à" also matches "au",
/// "aux"; "de" also "d'", "du", "des".
fn contracted(word: &str, before_target: bool) -> String {
    match word {
        "à" => "à|au|aux".into(),
        "de" => "de|d'|du|des".into(),
        "en" if before_target => "en|au|aux".into(),
        "que" => "que|qu'".into(),
        w => w.into(),
    }
}

fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "à" | "de"
            | "contre"
            | "avec"
            | "sur"
            | "pour"
            | "envers"
            | "en"
            | "entre"
            | "devant"
            | "par"
            | "vers"
            | "auprès"
            | "face"
            | "dans"
    )
}

impl LexEntry {
    /// The frame after the verb as a pattern line of `verbs.txt`: "111 * $T +flags".
    pub fn pattern_line(&self) -> String {
        let mut out = vec![self.code.clone(), "*".to_string()];
        let after = self.frame.iter().skip_while(|s| **s != Slot::Verb).skip(1);
        for slot in after {
            match slot {
                Slot::Subject | Slot::Verb => {}
                Slot::Target { prep, optional } => {
                    if let Some(p) = prep {
                        for (i, w) in p.split(' ').enumerate() {
                            let last = i + 1 == p.split(' ').count();
                            out.push(contracted(w, last));
                        }
                    }
                    out.push(if *optional { "$T?" } else { "$T" }.to_string());
                }
                Slot::Infinitive { prep } => out.push(match prep.as_str() {
                    "de" => "de|d'".to_string(),
                    p => contracted(p, false),
                }),
                Slot::Clause => out.push(contracted("que", false)),
                Slot::Gap => out.push("...".to_string()),
                Slot::Words(alts) => {
                    let words: Vec<String> = alts.iter().map(|w| contracted(w, false)).collect();
                    out.push(words.join("|"));
                }
            }
        }
        out.extend(self.flags.iter().map(|f| format!("+{f}")));
        out.join(" ")
    }

    /// How many literal words the frame asks for: the more, the more specific.
    pub fn literal_words(&self) -> usize {
        self.frame
            .iter()
            .filter(|s| matches!(s, Slot::Words(_) | Slot::Infinitive { .. }))
            .count()
            + self
                .frame
                .iter()
                .filter(|s| matches!(s, Slot::Target { prep: Some(_), .. }))
                .count()
    }

    /// The lemma a dictionary entry carries: "se plaindre", "porter".
    pub fn dictionary_lemma(&self) -> String {
        if self.reflexive {
            format!("se {}", self.head)
        } else {
            self.head.clone()
        }
    }
}

/// "s'en prendre" → ("prendre", reflexive, idiom words after it).
fn split_entry(entry: &str) -> Option<(String, bool, Vec<String>)> {
    let mut words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
    let mut reflexive = false;
    if matches!(
        words.first().map(String::as_str),
        Some("se" | "s'en" | "s'y")
    ) {
        reflexive = true;
        words.remove(0);
    } else if let Some(rest) = words.first().and_then(|w| w.strip_prefix("s'")) {
        reflexive = true;
        words[0] = rest.to_string();
    }
    if words.is_empty() {
        return None;
    }
    let head = words.remove(0);
    Some((head, reflexive, words))
}

fn parse_frame(frame: &str) -> Result<Vec<Slot>, String> {
    let tokens: Vec<&str> = frame.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let next = tokens.get(i + 1).copied();
        let slot = match t {
            "$S" => Slot::Subject,
            "V" => Slot::Verb,
            "$T" | "$T?" => Slot::Target {
                prep: None,
                optional: t == "$T?",
            },
            "..." => Slot::Gap,
            "que" => Slot::Clause,
            "INF" => return Err("INF without a preposition before it".into()),
            // "auprès de $T", "face à $T"
            "auprès" | "face" if matches!(next, Some("de" | "à")) => {
                match tokens.get(i + 2).copied() {
                    Some(target @ ("$T" | "$T?")) => {
                        i += 3;
                        out.push(Slot::Target {
                            prep: Some(format!("{t} {}", next.unwrap_or_default())),
                            optional: target == "$T?",
                        });
                        continue;
                    }
                    _ => Slot::Words(vec![t.to_string()]),
                }
            }
            p if is_preposition(p) && matches!(next, Some("$T" | "$T?")) => {
                i += 2;
                out.push(Slot::Target {
                    prep: Some(p.to_string()),
                    optional: next == Some("$T?"),
                });
                continue;
            }
            p if is_preposition(p) && next == Some("INF") => {
                i += 2;
                out.push(Slot::Infinitive {
                    prep: p.to_string(),
                });
                continue;
            }
            w if w.starts_with('$') => return Err(format!("unknown slot '{w}'")),
            w => Slot::Words(w.split('|').map(str::to_string).collect()),
        };
        out.push(slot);
        i += 1;
    }
    if out.first() != Some(&Slot::Subject) {
        return Err("a frame starts with $S, the subject".into());
    }
    if out.iter().filter(|s| **s == Slot::Verb).count() != 1 {
        return Err("a frame has one V, the verb".into());
    }
    Ok(out)
}

const FLAGS: [&str; 3] = ["intended", "reciprocal", "alleged-complement"];
const VALUED_FLAGS: [&str; 4] = ["planned", "unarmed", "negated", "agent"];

/// Parses the lexicon; every code must be in `table`.
pub fn parse(
    text: &str,
    file: &'static str,
    table: &CameoTable,
) -> Result<Vec<LexEntry>, LexiconError> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let bad = |why: String| LexiconError { file, line, why };
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').map(str::trim).collect();
        let [code, entry, frame, flags, sources] = cols[..] else {
            return Err(bad(format!(
                "expected 5 tab-separated columns (code, entry, frame, flags, sources), got {}",
                cols.len()
            )));
        };
        if !table.is_code(code) {
            return Err(bad(format!("'{code}' is not a CAMEO code")));
        }
        let (head, reflexive, rest) =
            split_entry(entry).ok_or_else(|| bad(format!("'{entry}' names no verb")))?;
        let frame = parse_frame(frame).map_err(|why| bad(format!("frame '{frame}': {why}")))?;
        let flags: Vec<String> = flags.split_whitespace().map(str::to_string).collect();
        for f in &flags {
            let known = match f.split_once('=') {
                None => FLAGS.contains(&f.as_str()),
                Some((k, v)) => VALUED_FLAGS.contains(&k) && !v.is_empty(),
            };
            if !known {
                return Err(bad(format!("unknown flag '{f}'")));
            }
            let value = f.split_once('=').map(|(_, v)| v);
            if let (Some(v), false) = (value, f.starts_with("agent=")) {
                if !table.is_code(v) {
                    return Err(bad(format!("'{v}' in '{f}' is not a CAMEO code")));
                }
            }
        }
        let sources: Vec<String> = sources.split_whitespace().map(str::to_string).collect();
        if sources.is_empty() {
            return Err(bad(format!("'{entry}' says nowhere where it came from")));
        }
        out.push(LexEntry {
            code: code.to_string(),
            entry: entry.to_string(),
            head,
            reflexive,
            idiom: !rest.is_empty(),
            frame,
            flags,
            sources,
            line,
        });
    }
    Ok(out)
}

/// The embedded lexicon.
pub fn french() -> Result<Vec<LexEntry>, LexiconError> {
    parse(LEXICON, LEXICON_FILE, crate::event::codes::cameo())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::codes::cameo;

    fn one(line: &str) -> Result<LexEntry, LexiconError> {
        parse(line, "test.tsv", cameo()).map(|mut v| v.remove(0))
    }

    #[test]
    fn the_embedded_lexicon_loads_and_covers_every_code_of_the_table() {
        let lex = french().unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.len() > 500, "{}", lex.len());
        let covered: std::collections::HashSet<&str> =
            lex.iter().map(|e| e.code.as_str()).collect();
        // Every code below the roots that the codebook names.
        let missing: Vec<&str> = cameo()
            .iter()
            .map(|c| c.code.as_str())
            .filter(|c| c.len() > 2 && !covered.contains(c))
            .collect();
        assert!(missing.is_empty(), "codes without an entry: {missing:?}");
        assert!(lex.iter().all(|e| !e.sources.is_empty()));
    }

    #[test]
    fn frames_become_typed_slots_and_patterns() {
        let e = one("020\tdemander\t$S V à $T de INF\t\tcameo petrarch:ASK")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            e.frame,
            [
                Slot::Subject,
                Slot::Verb,
                Slot::Target {
                    prep: Some("à".into()),
                    optional: false
                },
                Slot::Infinitive { prep: "de".into() },
            ]
        );
        assert_eq!(e.pattern_line(), "020 * à|au|aux $T de|d'");
        let e = one("114\tprotester\t$S V auprès de $T\t\tcameo").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.pattern_line(), "114 * auprès de|d'|du|des $T");
        let e = one("115\tporter plainte\t$S V plainte contre $T\t\tcameo")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(e.idiom && !e.reflexive && e.head == "porter");
        assert_eq!(e.pattern_line(), "115 * plainte contre $T");
        let e =
            one("111\ts'en prendre\t$S V à $T\tintended\tcameo").unwrap_or_else(|e| panic!("{e}"));
        assert!(e.reflexive && !e.idiom && e.head == "prendre");
        assert_eq!(e.pattern_line(), "111 * à|au|aux $T +intended");
    }

    #[test]
    fn bad_lines_are_named_with_their_line() {
        let err = |text: &str| parse(text, "t.tsv", cameo()).err().map(|e| e.to_string());
        assert_eq!(
            err("# c\n999\tdire\t$S V\t\tcameo"),
            Some("t.tsv:2: '999' is not a CAMEO code".into())
        );
        assert!(err("111\tcritiquer\t$S V $T\tsoon\tcameo").is_some_and(|e| e.contains("flag")));
        assert!(err("111\tcritiquer\tV $T\t\tcameo").is_some_and(|e| e.contains("$S")));
        assert!(err("111\tcritiquer\t$S V $X\t\tcameo").is_some_and(|e| e.contains("$X")));
        assert!(err("111\tcritiquer\t$S V $T\t\t").is_some_and(|e| e.contains("came from")));
        assert!(err("111\tcritiquer\t$S V $T").is_some_and(|e| e.contains("5 tab")));
        assert!(err("111\tcritiquer\t$S V $T\tplanned=999\tcameo").is_some());
    }
}
