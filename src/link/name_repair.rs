//! Names the tagger got wrong, mended before any is linked: the elided article of "L'Oréal"
//! tagged "Oréal", a name cut short or split in two ("Fond" + "monétaire international", "PSA
//! Peugeot" + "Citroën"), a description tagged with its name ("agence américaine Moody's"),
//! and names of the hand-written actor table it missed ("Les Occidentaux", "L'Otan"). A name
//! is lengthened, joined or added only when the actors tables know the whole of it: the
//! tagger is trusted otherwise.

use super::Linker;
use crate::document::{Document, EntityType, Mention, Span};
use crate::lang::name_key;

impl Linker {
    /// Mends the tagger's mentions in place, and leaves them sorted by position.
    pub(super) fn mend_names(&self, doc: &Document, mentions: &mut Vec<Mention>) {
        // "L'Oréal" tagged "Oréal": the elided article is part of the name the tables know.
        for m in mentions.iter_mut().filter(|m| m.tokens.start > 0) {
            let before = doc.tokens[m.tokens.start - 1].span;
            let elided = matches!(doc.slice(before), "L'" | "L’");
            if elided && before.end == m.span.start {
                let full = Span::new(before.start, m.span.end);
                if !self.kb.actors_named(doc.slice(full)).is_empty() {
                    m.span = full;
                    m.tokens.start -= 1;
                    m.kind = EntityType::Org;
                }
            }
        }
        let missed = self.missed_names(doc, mentions);
        mentions.extend(missed);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        self.join_split_names(doc, mentions);
    }

    /// A mention the tagger cut short, or two mentions side by side that it split, when the
    /// actors tables know the whole name: "Fond" + "monétaire international", "PSA Peugeot" +
    /// "Citroën" → "PSA Peugeot Citroën".
    fn join_split_names(&self, doc: &Document, mentions: &mut Vec<Mention>) {
        // "agence américaine Moody's" tagged whole: the name starts at its first capital; the
        // words before are a description the later steps read.
        for m in mentions
            .iter_mut()
            .filter(|m| !m.nominal && m.kind != EntityType::Per)
        {
            let lower = |t: usize| {
                doc.slice(doc.tokens[t].span)
                    .starts_with(|c: char| c.is_lowercase())
            };
            if !lower(m.tokens.start) {
                continue;
            }
            let Some(c) = (m.tokens.start..m.tokens.end).find(|&t| !lower(t)) else {
                continue;
            };
            let capital = doc
                .slice(doc.tokens[c].span)
                .starts_with(|ch: char| ch.is_uppercase());
            // "ministères des Affaires étrangères" is a name in lower case with a complement.
            let complement = (m.tokens.start..c).any(|t| {
                matches!(
                    doc.slice(doc.tokens[t].span),
                    "de" | "du" | "des" | "d'" | "d’" | "la" | "l'" | "l’"
                )
            });
            if capital && !complement {
                m.span = Span::new(doc.tokens[c].span.start, m.span.end);
                m.tokens = c..m.tokens.end;
            }
        }
        // "Fond" tagged alone before "monétaire international": the words after a mention
        // that complete a name of the hand table belong to it.
        for k in 0..mentions.len() {
            let m = &mentions[k];
            if m.nominal {
                continue;
            }
            let first = doc.slice(doc.tokens[m.tokens.start].span);
            if !self.kb.starts_hand_name(&name_key(first)) {
                continue;
            }
            let limit = mentions
                .get(k + 1)
                .map_or(doc.tokens.len(), |next| next.tokens.start)
                .min(m.tokens.end + 3);
            let longer = (m.tokens.end + 1..=limit).rev().find_map(|end| {
                let whole = Span::new(m.span.start, doc.tokens[end - 1].span.end);
                self.kb
                    .actors_named(doc.slice(whole))
                    .iter()
                    .map(|&a| &self.kb.actors[a])
                    .find(|a| a.hand)
                    .map(|a| (end, a.is_person))
            });
            if let Some((end, is_person)) = longer {
                let m = &mut mentions[k];
                m.span = Span::new(m.span.start, doc.tokens[end - 1].span.end);
                m.tokens = m.tokens.start..end;
                m.kind = if is_person {
                    EntityType::Per
                } else {
                    EntityType::Org
                };
            }
        }
        let mut k = 0;
        while k + 1 < mentions.len() {
            let (a, b) = (&mentions[k], &mentions[k + 1]);
            let adjacent = a.tokens.end == b.tokens.start && !a.nominal && !b.nominal;
            let whole = Span::new(a.span.start, b.span.end);
            if adjacent && !self.kb.actors_named(doc.slice(whole)).is_empty() {
                let kind = if a.kind == EntityType::Per && b.kind == EntityType::Per {
                    EntityType::Per
                } else {
                    EntityType::Org
                };
                let tokens = a.tokens.start..b.tokens.end;
                mentions[k].span = whole;
                mentions[k].tokens = tokens;
                mentions[k].kind = kind;
                mentions.remove(k + 1);
            } else {
                k += 1;
            }
        }
    }

    /// Names of the hand-written actor table that the tagger missed, typically at the start
    /// of a sentence ("Les Occidentaux reprochent…", "L'Otan a…"): capitalised words, longest
    /// match of up to four tokens, outside every mention.
    fn missed_names(&self, doc: &Document, mentions: &[Mention]) -> Vec<Mention> {
        let n = doc.tokens.len();
        let mut taken = vec![false; n];
        for m in mentions {
            taken[m.tokens.start.min(n)..m.tokens.end.min(n)].fill(true);
        }
        let covered = |t: usize| taken[t];
        let mut out = Vec::new();
        let mut t = 0;
        while t < doc.tokens.len() {
            let first = doc.slice(doc.tokens[t].span);
            let capital = first.chars().next().is_some_and(char::is_uppercase);
            if covered(t) || !first.chars().next().is_some_and(char::is_alphabetic) {
                t += 1;
                continue;
            }
            // A lower-case name is one long word ("talibans") or two words written so in the
            // table ("zone euro"): most words stop here, before any key is built.
            let lower_pair = !capital && self.kb.starts_lower_hand_name(first);
            if !capital && first.len() <= 5 && !lower_pair {
                t += 1;
                continue;
            }
            // Cheap test first: can this word start a name of the hand table?
            if !lower_pair && !self.kb.starts_hand_name(&name_key(first)) {
                t += 1;
                continue;
            }
            let longest = if capital { 4 } else { 2 };
            let found = (1..=longest).rev().find_map(|n| {
                let end = t + n;
                if end > doc.tokens.len() || (t..end).any(covered) {
                    return None;
                }
                let text = &doc.text[doc.tokens[t].span.start..doc.tokens[end - 1].span.end];
                // A short single word must be written as an acronym: "Un" is not the UN.
                if n == 1 && text.chars().count() <= 4 && text.chars().any(char::is_lowercase) {
                    return None;
                }
                self.kb
                    .actors_named(text)
                    .iter()
                    .map(|&a| &self.kb.actors[a])
                    // Lower case only for groups written so in news ("les talibans", "la zone
                    // euro").
                    .find(|a| {
                        a.hand
                            && (capital
                                || (!a.is_person
                                    && ((n == 2 && !text.chars().any(char::is_uppercase))
                                        || (n == 1 && text.len() > 5))))
                    })
                    .map(|a| (end, a.is_person))
            });
            match found {
                Some((end, is_person)) => {
                    out.push(Mention {
                        span: Span::new(doc.tokens[t].span.start, doc.tokens[end - 1].span.end),
                        kind: if is_person {
                            EntityType::Per
                        } else {
                            EntityType::Org
                        },
                        score: 0.7,
                        tokens: t..end,
                        entity: None,
                        nominal: false,
                    });
                    t = end;
                }
                None => t += 1,
            }
        }
        out
    }
}
