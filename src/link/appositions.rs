//! Appositions next to a person's name (step 3 of linking): a title before the name ("le
//! ministre français de la Défense Jean-Yves Le Drian", "le journaliste de France 2 Gilles
//! Jacquier"), an office opening the sentence before a comma and the name ("La procureure de
//! la Cour pénale internationale, Mme Fatou Bensouda"), an office after the name and a comma
//! ("Arnaud Montebourg, le ministre du redressement productif,"). Each gives the person a role,
//! a country and an office label with no dictionary entry, becomes a nominal mention of the
//! person, and is remembered so that a later "le ministre" finds the same person. "son
//! homologue" takes the office of the person the sentence pairs it with.

use super::descriptions::{is_opener, Description};
use super::kb::PlaceKind;
use super::nearby::{named_after_de, recent_named, sentence_at};
use super::{agent_role, fill_cameo, nominal_mention, Draft, Linker};
use crate::document::{Document, EntityType, Mention};

/// Words a name's complement may hold besides names and numbers: "de France en Afghanistan",
/// "de la chaîne France 24".
pub(super) const COMPLEMENT_WORDS: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "l'", "les", "en", "à", "au", "aux", "m.", "mme",
];

impl Draft {
    /// What an apposition before the name tells ("le président tunisien Moncef Marzouki"):
    /// the role when none is known yet, the office's label, the nationality when none is known
    /// or only guessed from the story's country; the description is kept for later nominal
    /// mentions.
    pub(super) fn take_apposition(&mut self, desc: &Description) {
        let e = &mut self.entity;
        if !desc.agent.is_empty() && desc.agent != "=" {
            if e.role.is_none() {
                e.role = Some(agent_role(&desc.agent));
            }
            e.role_label.get_or_insert(desc.label.clone());
        }
        if e.country.is_none() || (e.by == "story-country" && desc.country.is_some()) {
            e.country = desc.country.clone();
            e.cameo = None;
            if e.by == "story-country" {
                e.by = "apposition";
                e.score = 0.6;
            }
        }
        fill_cameo(e);
        self.descriptions
            .push((desc.agent.clone(), desc.country.clone(), desc.label.clone()));
    }
}

impl Linker {
    /// Appositions before person names: each description becomes a nominal mention in
    /// `nominal`. Returns the persons described as "son homologue" with where their name
    /// starts, for [`Linker::take_counterpart_offices`].
    pub(super) fn appositions_before_persons(
        &self,
        doc: &Document,
        words: &[String],
        mentions: &[Mention],
        drafts: &mut [Draft],
        nominal: &mut Vec<Mention>,
        context: &[String],
    ) -> Vec<(usize, usize)> {
        let mut pending_peer: Vec<(usize, usize)> = Vec::new();
        for m in mentions {
            if m.kind != EntityType::Per || m.nominal {
                continue;
            }
            let Some(e) = m.entity else { continue };
            if let Some(desc) = self.apposition(doc, words, m.tokens.start) {
                if desc.agent == "=" {
                    pending_peer.push((e, m.tokens.start));
                }
                drafts[e].take_apposition(&desc);
                nominal.push(nominal_mention(
                    doc,
                    desc.tokens.clone(),
                    EntityType::Per,
                    e,
                ));
            } else if let Some((span, desc)) = self.opening_apposition(doc, words, m.tokens.start) {
                // "La procureure de la Cour pénale internationale, Mme Fatou Bensouda, a
                // déclaré": the office in the organisation the sentence opens with.
                let owner = self.owner(words, mentions, drafts, desc.tokens.end, span.end, context);
                // "l'ambassadeur de France en Afghanistan": the country named in the complement.
                let complement_country = named_after_de(words, mentions, desc.tokens.end)
                    .map(|p| &drafts[p].entity)
                    .filter(|p| {
                        p.geonames
                            .and_then(|g| self.kb.place(g))
                            .is_some_and(|p| p.kind == PlaceKind::Country)
                    })
                    .and_then(|p| p.country.clone());
                let d = &mut drafts[e];
                if d.entity.role.is_none() {
                    match owner {
                        Some((country, role, cameo)) => {
                            d.entity.country = country;
                            d.entity.role = role;
                            d.entity.cameo = cameo;
                            d.entity.by = "apposition";
                            d.entity.score = 0.6;
                        }
                        None if !desc.agent.is_empty() => {
                            d.entity.role = Some(agent_role(&desc.agent));
                            // "l'ambassadeur de France en Afghanistan": the country named in
                            // the complement.
                            let country = desc.country.clone().or(complement_country);
                            if country.is_some() {
                                d.entity.country = country;
                                d.entity.cameo = None;
                                if d.entity.by == "story-country" {
                                    d.entity.by = "apposition";
                                }
                            }
                        }
                        None => {}
                    }
                    d.entity.role_label.get_or_insert(desc.label.clone());
                    fill_cameo(&mut d.entity);
                }
                d.descriptions
                    .push((desc.agent.clone(), desc.country.clone(), desc.label.clone()));
                nominal.push(nominal_mention(doc, span, EntityType::Per, e));
            }
        }
        pending_peer
    }

    /// Appositions after person names: "Arnaud Montebourg, le ministre du redressement
    /// productif, …", "Nock Ag Attia, député touareg, …". An office without a nationality
    /// in a story about one country is held in that country.
    pub(super) fn appositions_after_persons(
        &self,
        doc: &Document,
        words: &[String],
        mentions: &[Mention],
        drafts: &mut [Draft],
        nominal: &mut Vec<Mention>,
        context: &[String],
    ) {
        for m in mentions {
            if m.kind != EntityType::Per
                || m.nominal
                || words.get(m.tokens.end).map(String::as_str) != Some(",")
            {
                continue;
            }
            let Some(e) = m.entity else { continue };
            let from = m.tokens.end + 1;
            let sentence_end =
                sentence_at(doc, m.tokens.start).map_or(words.len(), |s| s.tokens.end);
            let longest = (from + self.kb.longest_agent + 3).min(sentence_end);
            let Some(desc) = (from + 1..=longest)
                .rev()
                .find_map(|stop| self.describe(words, from, stop))
            else {
                continue;
            };
            // "…du président Barack Obama, le candidat républicain Mitt Romney poursuit": the
            // description introduces the next name, not this one.
            let introduces = mentions.iter().any(|n| {
                n.tokens.start == desc.tokens.end && n.kind == EntityType::Per && !n.nominal
            });
            if introduces {
                continue;
            }
            // "Oumar Maïga, l'un des responsables de la manifestation": one of a group.
            let one_of = words.get(from + 1).is_some_and(|w| w == "un" || w == "une")
                && words.get(from + 2).is_some_and(|w| w == "des");
            if desc.agent.is_empty() || (desc.plural && !one_of) {
                continue;
            }
            // "Bernard Thibault, son secrétaire général": a post whose role is its
            // organisation's; remembered so that "le secrétaire général" finds him later.
            if desc.agent == "=" {
                // "La CGT … Bernard Thibault, son secrétaire général": the post is held in the
                // organisation named just before, whose code the person takes.
                let org = matches!(words[from].as_str(), "son" | "sa" | "leur")
                    .then(|| {
                        recent_named(doc, mentions, m.tokens.start, |o| {
                            let o = &drafts[o].entity;
                            o.kind == Some(EntityType::Org)
                                && o.cameo.is_some()
                                && o.geonames.is_none()
                        })
                    })
                    .flatten()
                    .map(|o| drafts[o].entity.clone());
                let d = &mut drafts[e];
                if let (Some(o), None) = (org, &d.entity.role) {
                    d.entity.country = o.country;
                    d.entity.role = o.role;
                    d.entity.cameo = o.cameo;
                    d.entity.by = "apposition";
                    d.entity.score = 0.6;
                }
                drafts[e].descriptions.push((
                    desc.agent.clone(),
                    desc.country.clone(),
                    desc.label.clone(),
                ));
                nominal.push(nominal_mention(
                    doc,
                    desc.tokens.clone(),
                    EntityType::Per,
                    e,
                ));
                continue;
            }
            // "Nadim Houry, responsable de l'organisation", "Arié Bensemhoun, président de la
            // communauté juive": an office in an organisation is held for that organisation.
            let owner = self.owner(
                words,
                mentions,
                drafts,
                desc.tokens.end,
                sentence_end,
                context,
            );
            let d = &mut drafts[e];
            if let (Some((country, role, cameo)), None) = (owner, &d.entity.role) {
                // "Ashraf Khalil, correspondant égyptien pour la chaîne … de France 24": an
                // Egyptian working for a French channel.
                let (country, cameo) = match (&desc.country, &role) {
                    (Some(c), Some(r)) if Some(c) != country.as_ref() => {
                        (Some(c.clone()), Some(format!("{c}{r}")))
                    }
                    _ => (country, cameo),
                };
                d.entity.role = role;
                d.entity.role_label.get_or_insert(desc.label.clone());
                d.entity.country = country;
                d.entity.cameo = cameo;
                d.entity.by = "apposition";
                d.entity.score = 0.6;
                fill_cameo(&mut d.entity);
            }
            if d.entity.role.is_none() {
                d.entity.role = Some(agent_role(&desc.agent));
                d.entity.role_label.get_or_insert(desc.label.clone());
                if d.entity.country.is_none()
                    || (d.entity.by == "story-country" && desc.country.is_some())
                {
                    d.entity.country = desc.country.clone().or_else(|| context.first().cloned());
                    d.entity.cameo = None;
                    if d.entity.by == "story-country" && desc.country.is_some() {
                        d.entity.by = "apposition";
                        d.entity.score = 0.6;
                    }
                }
                fill_cameo(&mut d.entity);
            }
            d.descriptions
                .push((desc.agent.clone(), desc.country.clone(), desc.label.clone()));
            // The whole apposition, up to the comma that closes it, is a mention of the
            // person: "Nadim Houry, responsable de l'organisation et spécialiste de la Syrie,".
            let end = apposition_end(words, from, desc.tokens.end, sentence_end);
            nominal.push(nominal_mention(doc, from..end, EntityType::Per, e));
        }
    }

    /// "son homologue": the office of the person the sentence pairs it with.
    pub(super) fn take_counterpart_offices(
        &self,
        doc: &Document,
        mentions: &[Mention],
        drafts: &mut [Draft],
        pending_peer: Vec<(usize, usize)>,
    ) {
        for (e, at) in pending_peer {
            let sentence = sentence_at(doc, at);
            let peer = mentions
                .iter()
                .filter(|m| m.kind == EntityType::Per && m.entity.is_some_and(|x| x != e))
                .filter(|m| {
                    m.tokens.start < at
                        && sentence.is_none_or(|s| m.tokens.start + 40 > s.tokens.start)
                })
                .filter_map(|m| m.entity)
                .rfind(|&x| drafts[x].entity.role.is_some());
            if let Some(p) = peer {
                let (role, label) = (
                    drafts[p].entity.role.clone(),
                    drafts[p].entity.role_label.clone(),
                );
                let d = &mut drafts[e];
                if d.entity.role.is_none() {
                    d.entity.role = role;
                }
                if d.entity.role_label.is_none() {
                    d.entity.role_label = label;
                }
                fill_cameo(&mut d.entity);
                for desc in d.descriptions.iter_mut().filter(|x| x.0 == "=") {
                    desc.2 = "counterpart".into();
                }
            }
        }
    }

    /// A sentence that opens with an office and its complement, then a comma and the name:
    /// "La correspondante de la chaîne France 24 en Égypte, Sonia Dridi, …". The tokens of the
    /// whole description, and the office.
    fn opening_apposition(
        &self,
        doc: &Document,
        words: &[String],
        name_start: usize,
    ) -> Option<(std::ops::Range<usize>, Description)> {
        let mut comma = name_start.checked_sub(1)?;
        // "…, Mme Fatou Bensouda": a title between the comma and the name.
        if matches!(
            words[comma].as_str(),
            "m." | "mme" | "mlle" | "me" | "dr" | "mgr"
        ) {
            comma = comma.checked_sub(1)?;
        }
        if words[comma] != "," {
            return None;
        }
        let sentence = sentence_at(doc, name_start)?;
        // The comma must be the name's sentence's own: one that ends the paragraph before it
        // ("… a dit,\nMacron") opens no apposition.
        if comma < sentence.tokens.start {
            return None;
        }
        let mut start = sentence.tokens.start;
        while start < comma && matches!(words[start].as_str(), "-" | "–" | "—") {
            start += 1;
        }
        let fits = |desc: &Description, start: usize| {
            let one_of = matches!(words[start].as_str(), "un" | "une") && words[start + 1] == "des";
            desc.kind == "PER" && (!desc.plural || one_of) && desc.agent != "="
        };
        let opening = (comma - start <= 16 && !(start..comma).any(|q| words[q] == ","))
            .then(|| {
                let longest = (start + 1 + self.kb.longest_agent).min(comma);
                (start + 2..=longest)
                    .rev()
                    .find_map(|stop| self.describe(words, start, stop))
            })
            .flatten()
            .filter(|d| fits(d, start) && !d.agent.is_empty());
        if let Some(desc) = opening {
            return Some((start..comma, desc));
        }
        // Inside the sentence: "comme le précise l'ambassadeur de France en Afghanistan,
        // Bernard Bajolet", "assisté par l'ex-conseiller économique de M. Samaras, Christos
        // Staïkouras": a definite office whose complement holds only names and small words.
        let from = comma.saturating_sub(12).max(start);
        for q in (from..comma).filter(|&q| matches!(words[q].as_str(), "le" | "la" | "l'")) {
            if (q..comma).any(|x| words[x] == ",") {
                continue;
            }
            for k in q + 2..=comma {
                let complement = k == comma
                    || (matches!(words[k].as_str(), "de" | "du" | "des" | "d'" | "en")
                        && simple_complement(doc, words, k, comma));
                if !complement {
                    continue;
                }
                // An adjective may stand between the office and its complement.
                let desc = self.describe(words, q, k).or_else(|| {
                    (k > q + 2)
                        .then(|| self.describe(words, q, k - 1))
                        .flatten()
                });
                if let Some(desc) = desc.filter(|d| fits(d, q)) {
                    return Some((q..comma, desc));
                }
                break;
            }
        }
        None
    }

    /// A title phrase ending right before token `name_start` ("le ministre français de la
    /// Défense", "son homologue russe", "du président français").
    pub(super) fn apposition(
        &self,
        doc: &Document,
        words: &[String],
        name_start: usize,
    ) -> Option<Description> {
        let sentence = sentence_at(doc, name_start)?;
        let longest = self.kb.longest_agent + 4;
        let lo = name_start
            .saturating_sub(longest)
            .max(sentence.tokens.start);
        for start in lo..name_start {
            if let Some(desc) = self.describe(words, start, name_start) {
                return Some(desc);
            }
        }
        // "le journaliste de France 2 Gilles Jacquier", "du préfet de Corse Claude Érignac":
        // an office, its complement, then the name.
        let lo = name_start
            .saturating_sub(longest + 6)
            .max(sentence.tokens.start);
        for start in (lo..name_start).filter(|&q| is_opener(&words[q])) {
            for k in start + 2..name_start.saturating_sub(1) {
                if !matches!(words[k].as_str(), "de" | "du" | "des" | "d'") {
                    continue;
                }
                if !simple_complement(doc, words, k, name_start) {
                    break;
                }
                if let Some(mut desc) = self.describe(words, start, k) {
                    desc.tokens.end = name_start;
                    return Some(desc);
                }
            }
        }
        None
    }

    /// The organisation an office belongs to, from the complement right after it ("de
    /// l'organisation", "d'une ONG", "de la Commission européenne"): its country, role and
    /// actor code. A complement that is a country's own office ("de l'Intérieur") is not an
    /// organisation and gives none.
    #[allow(clippy::type_complexity)]
    fn owner(
        &self,
        words: &[String],
        mentions: &[Mention],
        drafts: &[Draft],
        end: usize,
        sentence_end: usize,
        context: &[String],
    ) -> Option<(Option<String>, Option<String>, Option<String>)> {
        let mut p = end;
        if !matches!(
            words.get(p).map(String::as_str),
            Some("de" | "du" | "d'" | "des")
        ) {
            return None;
        }
        p += 1;
        let det = p;
        while p < sentence_end
            && matches!(words[p].as_str(), "la" | "le" | "l'" | "les" | "une" | "un")
        {
            p += 1;
        }
        // A named organisation.
        if let Some(e) = mentions
            .iter()
            .find(|m| (m.tokens.start == p || m.tokens.start == det) && !m.nominal)
            .and_then(|m| m.entity)
        {
            let o = &drafts[e].entity;
            if o.kind != Some(EntityType::Org) || o.cameo.is_none() {
                return None;
            }
            return Some((o.country.clone(), o.role.clone(), o.cameo.clone()));
        }
        // A group noun: "l'organisation" (the one named before), "une ONG féminine".
        let longest = (det + self.kb.longest_agent + 3).min(sentence_end);
        let desc = (det + 1..=longest)
            .rev()
            .find_map(|stop| self.describe(words, det, stop));
        let Some(desc) = desc else {
            // "Le président du directoire de PSA": a body of the organisation named next.
            let org = (p + 1..(p + 3).min(sentence_end))
                .find_map(|q| named_after_de(words, mentions, q))
                .map(|e| &drafts[e].entity)
                .filter(|o| o.kind == Some(EntityType::Org) && o.cameo.is_some())?;
            return Some((org.country.clone(), org.role.clone(), org.cameo.clone()));
        };
        if desc.kind == "anaphor" {
            let e = mentions
                .iter()
                .filter(|m| m.tokens.end <= det && m.kind == EntityType::Org && !m.nominal)
                .filter_map(|m| m.entity)
                .rfind(|&e| {
                    let o = &drafts[e].entity;
                    o.cameo.is_some() && o.role.as_deref() != Some("MED")
                })?;
            let o = &drafts[e].entity;
            return Some((o.country.clone(), o.role.clone(), o.cameo.clone()));
        }
        if desc.kind != "ORG" || desc.agent.is_empty() || desc.agent == "=" {
            return None;
        }
        let role = agent_role(&desc.agent);
        if matches!(role.as_str(), "GOV" | "MIL" | "LEG" | "JUD" | "COP") {
            return None;
        }
        let country = desc.country.clone().or_else(|| context.first().cloned());
        let cameo = country.as_ref().map(|c| format!("{c}{role}"));
        Some((country, Some(role), cameo))
    }
}

/// Where an apposition that starts at `from` and whose office ends at `desc_end` closes: at
/// the next punctuation mark, within 16 tokens, or before the verb when the writer left out
/// the closing comma ("Barroso, le président de la commission européenne se dit …"); else
/// right after the office.
pub(super) fn apposition_end(
    words: &[String],
    from: usize,
    desc_end: usize,
    sentence_end: usize,
) -> usize {
    let limit = (from + 16).min(sentence_end);
    (desc_end..limit)
        .find(|&q| {
            matches!(
                words[q].as_str(),
                "," | ";"
                    | ":"
                    | "("
                    | ")"
                    | "«"
                    | "»"
                    | "\""
                    | "—"
                    | "–"
                    | "se"
                    | "s'"
                    | "qui"
                    | "a"
                    | "est"
                    | "avait"
                    | "était"
                    | "sera"
                    | "va"
                    | "doit"
            ) || (q + 1 == sentence_end && matches!(words[q].as_str(), "." | "!" | "?"))
        })
        .unwrap_or(desc_end)
}

/// Whether `words[from..to]` is a complement of names: small words, capitalised words and
/// numbers only ("de France en Afghanistan", "de M. Samaras", "de France 2").
fn simple_complement(doc: &Document, words: &[String], from: usize, to: usize) -> bool {
    from < to
        && to - from <= 7
        && (from..to).all(|q| {
            COMPLEMENT_WORDS.contains(&words[q].as_str())
                || doc
                    .slice(doc.tokens[q].span)
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
        && !COMPLEMENT_WORDS.contains(&words[to - 1].as_str())
}
