//! Appositions before organisation names: "le quotidien El Watan", "l'ONG Amnesty
//! International", "la chaîne CNN". The noun before the name is an organisation noun of the
//! agents tables (kind ORG): it gives the name its role (MED, NGO, PTY, LAB…), and its
//! nationality when it has one ("le quotidien algérien El Watan"), else the story's country
//! as for any unknown organisation; a name the tagger called MISC becomes an organisation. Person titles ("le ministre X") are read by the appositions
//! before person names, never here.

use super::{fill_cameo, nominal_mention, Draft, Linker};
use crate::document::{Document, EntityType, Mention};

impl Linker {
    /// Reads the organisation noun right before each organisation (or MISC) name, and adds
    /// the description as a nominal mention of it to `nominal`.
    pub(super) fn organisation_appositions(
        &self,
        doc: &Document,
        words: &[String],
        mentions: &mut [Mention],
        drafts: &mut [Draft],
        nominal: &mut Vec<Mention>,
        story_country: Option<&String>,
    ) {
        for m in mentions.iter_mut() {
            if m.nominal || !matches!(m.kind, EntityType::Org | EntityType::Misc) {
                continue;
            }
            let Some(e) = m.entity else { continue };
            let Some(desc) = self.apposition(doc, words, m.tokens.start) else {
                continue;
            };
            if desc.kind != "ORG" || desc.plural || desc.agent.is_empty() || desc.agent == "=" {
                continue;
            }
            let Some(d) = drafts.get_mut(e) else { continue };
            // A name the knowledge base knows keeps its own record.
            if d.entity.by.starts_with("kb:") {
                continue;
            }
            m.kind = EntityType::Org;
            d.entity.kind = Some(EntityType::Org);
            d.take_apposition(&desc);
            // An organisation the article gives no nationality is the story's country's, as
            // for any unknown organisation.
            if d.entity.country.is_none() && d.entity.by == "unknown" {
                d.entity.country = story_country.cloned();
                d.entity.by = "story-country";
                d.entity.score = 0.4;
                fill_cameo(&mut d.entity);
            }
            nominal.push(nominal_mention(
                doc,
                desc.tokens.clone(),
                EntityType::Org,
                e,
            ));
        }
    }
}
