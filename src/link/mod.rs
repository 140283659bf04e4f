//! Linking and in-article coreference: every mention becomes a pointer to one canonical
//! record (`entities` layer) with its country, CAMEO role and code at the story's date, and for
//! places its GeoNames id and coordinates.
//!
//! Order of work, per article:
//! 1. names are grouped: a person's later short forms join the full name ("Le Drian", "M. Le
//!    Drian" → "Jean-Yves Le Drian"); other names group by their folded spelling;
//! 2. each group is looked up in the knowledge base ([`kb`]): hand-written French entries
//!    first, then the Phoenix actors; places by landmark, then by name, ambiguity settled by the
//!    story's countries, feature (capital first) and population ("Tripoli", "Paris"); a name the
//!    base does not know stays a record of its own, keyed by its name, never forced onto
//!    another;
//! 3. appositions give roles and countries with no dictionary entry: "le ministre français de
//!    la Défense Jean-Yves Le Drian" → FRA, GOV, "defence minister"; "son homologue russe
//!    Sergueï Choïgou" → RUS and the office of the other party; the description itself becomes
//!    a nominal mention of the person;
//! 4. descriptions standing alone are resolved: "son homologue russe", "le président
//!    français" → the person the article described so; "l'armée russe", "la marine russe" →
//!    one RUS military record; "les rebelles" → rebels of the country they fight in; "cette
//!    organisation", "le groupe" → the last organisation named. Unnamed groups may open with a
//!    quantifier ("certains manifestants", "plus de 23.000 manifestants", "une trentaine de
//!    skieurs") and be nationality nouns ("les Thaïlandais" → THA civilians): [`groups`].
//!
//! Roles are read at the story's publication date (a person whose office changed between two
//! dates gets the one held that day).
//!
//! Where each part lives: `name_repair` mends the tagger's names before linking; `names`
//! groups named mentions and looks them up (steps 1–2); `places` picks the place a name
//! designates; `story_country` weighs the countries the story is about; `descriptions` reads a
//! title, office or group noun; `appositions` (persons) and `organisations` read descriptions
//! next to a name (step 3); `nominal` resolves descriptions standing alone (step 4), with
//! `description_records` for offices, trades and groups and [`groups`] for quantified groups
//! and nationality nouns; `nearby` answers what lies around a token; `speakers` points
//! quotations to their speaker's mention once the entities are built.

mod appositions;
mod description_records;
mod descriptions;
mod groups;
pub mod kb;
mod name_repair;
mod names;
mod nearby;
mod nominal;
mod organisations;
mod places;
mod speakers;
mod story_country;

pub use speakers::attach_speakers;

use crate::document::{Document, Entity, EntityType, Mention, Span};
use crate::lang::normalize_word;
use kb::{KbError, KnowledgeBase};

/// The linking stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct Linker {
    kb: KnowledgeBase,
}

/// An entity being built.
#[derive(Debug, Clone, Default)]
struct Draft {
    entity: Entity,
    /// (agent code, country) descriptions the article gave it, for later nominal mentions.
    descriptions: Vec<(String, Option<String>, String)>,
}

impl Linker {
    pub fn new() -> Result<Linker, KbError> {
        Ok(Linker {
            kb: KnowledgeBase::french()?,
        })
    }

    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Adds the `entities` layer and points every mention to its entity. Requires `mentions`.
    pub fn annotate(&self, doc: &mut Document) {
        let date = doc.meta.published.map(|p| p.date);
        let words: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| normalize_word(&doc.text[t.span.range()]))
            .collect();
        let place_votes = self.story_countries(doc, &words);
        let context: Vec<String> = place_votes.iter().map(|(c, _)| c.clone()).collect();
        let mut mentions = std::mem::take(&mut doc.mentions);
        self.mend_names(doc, &mut mentions);

        // 1–2. Named mentions, grouped and looked up.
        let mut drafts = self.link_names(doc, &words, &mut mentions, date, &context);
        names::follow_bracketed_acronyms(doc, &mut mentions, &drafts);
        let context = self.settle_story_country(&place_votes, &context, &mut mentions, &mut drafts);
        names::take_record_kinds(&mut mentions, &drafts);

        // 3. Appositions before person names.
        let mut nominal: Vec<Mention> = Vec::new();
        let pending_peer = self.appositions_before_persons(
            doc,
            &words,
            &mentions,
            &mut drafts,
            &mut nominal,
            &context,
        );
        // 3a. Appositions before organisation names ("le quotidien El Watan").
        self.organisation_appositions(
            doc,
            &words,
            &mut mentions,
            &mut drafts,
            &mut nominal,
            context.first(),
        );
        // 3b. Appositions after person names: "Arnaud Montebourg, le ministre du redressement
        // productif, …", "Nock Ag Attia, député touareg, …". An office without a nationality
        // in a story about one country is held in that country.
        self.appositions_after_persons(doc, &words, &mentions, &mut drafts, &mut nominal, &context);
        // "son homologue": the office of the person the sentence pairs it with.
        self.take_counterpart_offices(doc, &mentions, &mut drafts, pending_peer);

        // 4. Descriptions standing alone.
        self.standalone_descriptions(doc, &words, &mentions, &mut drafts, &mut nominal, &context);

        mentions.extend(nominal);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let mut entities: Vec<Entity> = drafts.into_iter().map(|d| d.entity).collect();
        for (k, m) in mentions.iter().enumerate() {
            if let Some(e) = m.entity {
                entities[e].mentions.push(k);
            }
        }
        // Entities in order of first mention; mentions point to the new indices.
        let mut order: Vec<usize> = (0..entities.len())
            .filter(|&e| !entities[e].mentions.is_empty())
            .collect();
        order.sort_by_key(|&e| entities[e].mentions[0]);
        let mut remap = vec![None; entities.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = Some(new);
        }
        for m in &mut mentions {
            m.entity = m.entity.and_then(|e| remap[e]);
        }
        let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
        doc.entities = order.iter().filter_map(|&e| slots[e].take()).collect();
        doc.mentions = mentions;
    }
}

/// The role of an agent code: its first three letters ("GOVMIL", a defence minister, is a
/// government actor; the full code stays in the agents table for the record's label).
fn agent_role(agent: &str) -> String {
    agent.get(..3).unwrap_or(agent).to_string()
}

/// Country + role → the CAMEO actor code, when the record has none yet.
fn fill_cameo(e: &mut Entity) {
    if e.cameo.is_none() {
        e.cameo = match (&e.country, &e.role) {
            (Some(c), Some(r)) => Some(format!("{c}{r}")),
            (Some(c), None) => Some(c.clone()),
            (None, Some(r)) => Some(r.clone()),
            _ => None,
        };
    } else if let (Some(c), Some(r), Some(code)) = (&e.country, &e.role, &e.cameo) {
        if code.len() == 3 && code == c {
            e.cameo = Some(format!("{c}{r}"));
        }
    }
}

fn nominal_mention(
    doc: &Document,
    tokens: std::ops::Range<usize>,
    kind: EntityType,
    entity: usize,
) -> Mention {
    Mention {
        span: Span::new(
            doc.tokens[tokens.start].span.start,
            doc.tokens[tokens.end - 1].span.end,
        ),
        kind,
        score: 0.8,
        tokens,
        entity: Some(entity),
        nominal: true,
    }
}
