//! Document identity: the keys that make ingest idempotent and the fingerprint that finds
//! near-duplicates.
//!
//! A document is "the same" as a stored one when it has the same id, the same canonical URL
//! ([`canonical_url`]) or the same normalized content hash ([`content_hash`]). Near-duplicates
//! — the same AFP dispatch republished by several sites, with a different title, a credit line
//! or a sentence more — are found with a 64-bit **SimHash** over word 3-shingles
//! ([`simhash`]): two texts whose fingerprints differ in at most [`NEAR_BITS`] bits are copies
//! of one story. The store finds candidates without scanning every document: by the
//! pigeonhole principle, two fingerprints within 5 bits agree exactly on at least one of
//! their six 10- or 11-bit bands ([`bands`]), so each band is an indexed lookup.
//!
//! SimHash rather than MinHash because one 64-bit number per document is all the store keeps
//! and looks up; MinHash needs a signature of dozens of values and an LSH table over them.
//! Short texts are unreliable for both: below [`MIN_SHINGLES`] shingles no near-duplicate is
//! claimed (exact copies are still caught by the content hash).

/// Fingerprints that differ in at most this many bits are copies of one story. Five bits of
/// 64: a 60-word dispatch with a credit line and a reworded phrase stays within it, while two
/// unrelated texts fall within it with a probability of about 10⁻¹².
pub const NEAR_BITS: u32 = 5;
/// Bands of [`bands`]: one more than [`NEAR_BITS`], so that near fingerprints share one.
pub const BANDS: usize = NEAR_BITS as usize + 1;
/// Texts with fewer word 3-shingles than this get no SimHash (too short to compare safely).
pub const MIN_SHINGLES: usize = 24;

/// The URL with what does not change the page removed: scheme (http and https are one),
/// `www.`, case of the host, fragment, tracking parameters (`utm_*`, `fbclid`, `gclid`, `xtor`)
/// and a trailing slash. `None` for a value that is not an http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let rest = rest.split('#').next().unwrap_or_default();
    let (hostpath, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match hostpath.find('/') {
        Some(i) => (&hostpath[..i], &hostpath[i..]),
        None => (hostpath, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_suffix(":80").unwrap_or(host);
    let host = host.strip_suffix(":443").unwrap_or(host);
    if host.is_empty() {
        return None;
    }
    let path = path.trim_end_matches('/');
    let mut params: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default().to_ascii_lowercase();
            !(name.starts_with("utm_") || matches!(name.as_str(), "fbclid" | "gclid" | "xtor"))
        })
        .collect();
    params.sort_unstable();
    let mut out = format!("{host}{path}");
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    Some(out)
}

/// The host of a URL, lower case without `www.` (`None` when it is not an http(s) URL).
pub fn host(url: &str) -> Option<String> {
    let canonical = canonical_url(url)?;
    let end = canonical.find(['/', '?']).unwrap_or(canonical.len());
    Some(canonical[..end].to_string())
}

/// The words of a text, lower case, as the fingerprints see them: letters and digits only, so
/// that punctuation, apostrophe styles and spacing do not matter.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// FNV-1a over bytes, 64 bits, from a given start (two starts give two independent hashes).
fn fnv(bytes: impl IntoIterator<Item = u8>, start: u64) -> u64 {
    let mut h = start;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A 64-bit finalizer (splitmix64) that spreads FNV's weak low bits over all 64.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of the normalized content (the words, lower case, one space apart), as 32 hex
/// digits (two independent 64-bit hashes): equal for texts that differ only in case,
/// punctuation or spacing.
pub fn content_hash(text: &str) -> String {
    let mut normalized = String::with_capacity(text.len());
    for w in words(text) {
        if !normalized.is_empty() {
            normalized.push(' ');
        }
        normalized.push_str(&w);
    }
    let a = mix(fnv(normalized.bytes(), 0xcbf2_9ce4_8422_2325));
    let b = mix(fnv(normalized.bytes(), 0x8422_2325_cbf2_9ce4));
    format!("{a:016x}{b:016x}")
}

/// The SimHash of a text's word 3-shingles, or `None` for a text too short to compare
/// ([`MIN_SHINGLES`]).
pub fn simhash(text: &str) -> Option<u64> {
    let words: Vec<String> = words(text).collect();
    if words.len() < MIN_SHINGLES + 2 {
        return None;
    }
    let mut votes = [0i32; 64];
    for w in words.windows(3) {
        let bytes = w[0]
            .bytes()
            .chain([0x1f])
            .chain(w[1].bytes())
            .chain([0x1f])
            .chain(w[2].bytes());
        let h = mix(fnv(bytes, 0xcbf2_9ce4_8422_2325));
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(
        votes
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit),
    )
}

/// Whether two fingerprints mark copies of one story.
pub fn near(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= NEAR_BITS
}

/// The fingerprint cut into [`BANDS`] bands of consecutive bits (11, 11, 11, 11, 10, 10),
/// each tagged with its position (so that the store keeps them in one indexed column): two
/// fingerprints within [`NEAR_BITS`] bits differ in at most that many bands, so they share
/// at least one.
pub fn bands(h: u64) -> [i64; BANDS] {
    let mut out = [0i64; BANDS];
    let mut shift = 0u32;
    for (i, band) in out.iter_mut().enumerate() {
        let width = if i < 64 % BANDS {
            64 / BANDS + 1
        } else {
            64 / BANDS
        } as u32;
        let value = (h >> shift) & ((1u64 << width) - 1);
        *band = ((i as i64) << 16) | value as i64;
        shift += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DISPATCH: &str = "Le Premier ministre a présenté mardi la démission de son \
        gouvernement au président de la République, qui l'a acceptée, a annoncé l'Élysée dans \
        un communiqué publié en fin de journée. Le chef de l'État doit nommer un successeur dans \
        les prochains jours, selon son entourage, après plusieurs semaines de tensions au sein \
        de la majorité sur la réforme des retraites.";

    #[test]
    fn urls_lose_scheme_www_fragment_tracking_and_trailing_slash() {
        let a = canonical_url("https://www.Example.com/a/b/?utm_source=x&id=3#top");
        assert_eq!(a.as_deref(), Some("example.com/a/b?id=3"));
        assert_eq!(canonical_url("http://example.com/a/b?id=3"), a);
        assert_ne!(canonical_url("http://example.com/a/c?id=3"), a);
        assert_eq!(canonical_url("ftp://example.com/a"), None);
        assert_eq!(canonical_url("https:///a"), None);
        assert_eq!(
            host("https://www.lemonde.fr/x").as_deref(),
            Some("lemonde.fr")
        );
    }

    #[test]
    fn content_hash_ignores_case_punctuation_and_spacing_only() {
        let a = content_hash("Le président a démissionné.\n");
        assert_eq!(a, content_hash("le   Président a démissionné !"));
        assert_ne!(a, content_hash("Le président n'a pas démissionné."));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn a_republished_dispatch_is_near_and_another_story_is_not() {
        let a = simhash(DISPATCH).expect("long enough");
        let copy = format!("{DISPATCH} (AFP)");
        let b = simhash(&copy.replace("en fin de journée", "en soirée")).expect("long enough");
        assert!(near(a, b), "distance {}", (a ^ b).count_ones());
        let other = "La police a interpellé jeudi soir trois hommes soupçonnés d'avoir \
            préparé une attaque contre un commissariat de la banlieue lyonnaise, a-t-on appris \
            de source judiciaire. Les suspects, âgés de 19 à 24 ans, ont été placés en garde à \
            vue dans les locaux de la direction générale de la sécurité intérieure.";
        let c = simhash(other).expect("long enough");
        assert!(!near(a, c), "distance {}", (a ^ c).count_ones());
        assert_eq!(simhash("Trop court pour comparer."), None);
    }

    #[test]
    fn near_fingerprints_share_a_band() {
        let a = 0x0123_4567_89ab_cdef_u64;
        // Flips spread over five different bands, and at the band edges.
        for flips in [[0, 11, 22, 33, 44], [10, 21, 32, 43, 63], [1, 2, 3, 4, 5]] {
            let b = flips.iter().fold(a, |h, bit| h ^ 1 << bit);
            assert!(near(a, b));
            let (ba, bb) = (bands(a), bands(b));
            assert!(ba.iter().zip(bb).any(|(x, y)| *x == y));
        }
        // Six different bits, one per band: no band is shared (so the bound is tight).
        let b = [0, 11, 22, 33, 44, 54]
            .iter()
            .fold(a, |h, bit| h ^ 1 << bit);
        assert!(bands(a).iter().zip(bands(b)).all(|(x, y)| *x != y));
        // Bands are tagged by position: equal values in different bands do not match.
        assert_ne!(bands(0x0001)[0], bands(1 << 11)[1]);
    }
}
