//! Dates and places of events: the time expression nearest the trigger in its clause (or the
//! sentence's, or the one last told), and the place named in the event's window.

use super::*;

impl View<'_> {
    /// The event date: a dated time expression in the trigger's clause, "alors" → the last
    /// date told, else the publication date.
    pub(super) fn date(
        &self,
        t: usize,
        window: (usize, usize),
        last: Option<&(String, Option<Span>)>,
    ) -> (Option<String>, Option<Span>) {
        let lo_tok = window.0.saturating_sub(3).max(self.lo);
        let hi_tok = (window.1 + 4).min(self.hi);
        let (lo_b, hi_b) = (
            self.doc.tokens[lo_tok].span.start,
            self.doc.tokens[hi_tok - 1].span.end,
        );
        let anchor = self.doc.tokens[t].span.start;
        let best = self
            .doc
            .times
            .iter()
            .filter(|x| x.span.start >= lo_b && x.span.end <= hi_b)
            .filter(|x| matches!(x.kind, TimexType::Date | TimexType::Time) && x.resolved)
            .filter(|x| x.value.len() >= 4 && x.value[..4].chars().all(|c| c.is_ascii_digit()))
            .min_by_key(|x| x.span.start.abs_diff(anchor));
        if let Some(x) = best {
            return (Some(x.value.clone()), Some(x.span));
        }
        // "avaient alors convenu": the date told last.
        let alors = (self.lo..self.hi).any(|p| self.w(p) == "alors");
        if alors {
            if let Some((d, s)) = last {
                return (Some(d.clone()), *s);
            }
        }
        let published = self.doc.meta.published.map(|p| p.date.to_string());
        (published, None)
    }

    /// A place the pattern's words put the event in: a place after à/en/dans between the verb
    /// group and the end of the match.
    pub(super) fn place(&self, window: (usize, usize)) -> Option<EventPlace> {
        for p in window.0..window.1.min(self.hi) {
            if !matches!(self.w(p), "à" | "en" | "au" | "aux" | "dans") {
                continue;
            }
            let mut q = p + 1;
            while q < self.hi && self.is("det", q) {
                q += 1;
            }
            let Some(phrase) = self.phrases.get(&q) else {
                continue;
            };
            let m = &phrase.members[0];
            if let Some(e) = m.entity {
                if self.doc.entities[e].geonames.is_some() {
                    return Some(EventPlace {
                        entity: e,
                        span: m.span,
                    });
                }
            }
        }
        None
    }
}
