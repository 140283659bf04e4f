//! Quotation speakers linked: each speaker's words point to the mention they name and its
//! entity, once the `entities` layer is built.

use crate::document::Document;

/// Points each quotation's speaker to the mention it names and that mention's entity: the
/// mention inside the speaker's words, the last one when there are several ("le ministre
/// français de la Défense Jean-Yves Le Drian"), or a mention that covers them. "Les deux
/// dirigeants" and other speakers that are no mention keep their words only.
pub fn attach_speakers(doc: &mut Document) {
    let Document {
        quotes,
        mentions,
        entities,
        ..
    } = doc;
    // Mentions by start, with the running maximum of their ends: the ones a speaker's words
    // overlap are found by binary search.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].span.start, i));
    let max_end: Vec<usize> = order
        .iter()
        .scan(0, |e, &i| {
            *e = (*e).max(mentions[i].span.end);
            Some(*e)
        })
        .collect();
    for q in quotes.iter_mut() {
        let Some(speaker) = q.speaker.as_mut() else {
            continue;
        };
        let s = speaker.span;
        // Either way of nesting, a mention ends at or after the words start and starts at or
        // before they end.
        let first = max_end.partition_point(|&end| end < s.start);
        let found = order[first..]
            .iter()
            .take_while(|&&i| mentions[i].span.start <= s.end)
            .map(|&i| (i, &mentions[i]))
            .filter(|(_, m)| {
                (s.start <= m.span.start && m.span.end <= s.end)
                    || (m.span.start <= s.start && s.end <= m.span.end)
            })
            .max_by_key(|(_, m)| (!m.nominal, m.span.end));
        if let Some((i, m)) = found {
            speaker.mention = Some(i);
            speaker.entity = m.entity.and_then(|e| entities.get(e)).map(|e| e.id.clone());
        }
    }
}
