//! Web ingest through the real binary: saved pages, feeds and WARC archives written here for the
//! tests (no third-party page), bad input included. Every run uses `--layers` that need no
//! model, except one that checks annotation still runs on a page.

use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::process::{Command, Output};

fn depeche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The text of every block of a document, by kind, sliced through its byte span.
fn blocks(doc: &serde_json::Value) -> Vec<(String, String)> {
    let text = doc["text"].as_str().expect("text");
    doc["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| {
            let (s, e) = (
                b["span"][0].as_u64().unwrap_or(0),
                b["span"][1].as_u64().unwrap_or(0),
            );
            let slice = &text.as_bytes()[s as usize..e as usize];
            assert_eq!(
                std::str::from_utf8(slice).ok(),
                b["text"].as_str(),
                "the span gives the text"
            );
            (
                b["kind"].as_str().unwrap_or("").to_string(),
                b["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const PARA_1: &str = "Le conseil municipal de Lyon a voté mardi soir un budget en hausse pour \
    les écoles, les crèches et les transports, a annoncé le maire.";
const PARA_2: &str = "La séance, ouverte à 18 heures, a duré plus de quatre heures, et \
    l'opposition a quitté la salle avant le vote final.";

fn page(head: &str, article: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="fr"><head>{head}</head><body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav></header>
<div class="fil-info"><h2>Fil info</h2><p><a href="/x">Un autre titre du jour qui n'est pas l'article</a></p></div>
{article}
<aside class="related"><h3>À lire aussi</h3><p>Un article voisin dont le texte ne doit pas entrer dans le corps.</p></aside>
<div id="comments"><p>Un commentaire de lecteur, long et hors sujet, qui ne fait pas partie de l'article.</p></div>
<script>var tracking = "ne pas lire";</script></body></html>"#
    )
}

fn standard_page() -> String {
    page(
        r#"<meta charset="utf-8"><meta property="og:title" content="Lyon vote son budget">
<meta property="og:site_name" content="Le Quotidien"><meta property="og:url" content="https://example.org/lyon-budget.html">
<meta property="article:published_time" content="2021-03-02T21:15:00+01:00">
<meta property="article:section" content="France"><meta property="article:tag" content="Lyon">"#,
        &format!(
            r#"<article><h1>Lyon vote son budget</h1>
<p class="date"><span itemprop="author">AFP</span>, publié le mardi 2 mars 2021 à 21h15</p>
<div itemprop="articleBody">
<figure><img src="a.jpg" alt="x"><figcaption>Le maire de Lyon, le 1er mars 2021 <span class="credit">© AFP, Jean DUPONT</span></figcaption></figure>
<p>{PARA_1}</p><p>- Une longue séance -</p><p>{PARA_2}</p>
<div class="share-bar"><a href="/partage">Partager</a></div></div></article>"#
        ),
    )
}

#[test]
fn a_page_gives_its_article_and_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lyon.html");
    std::fs::write(&path, standard_page()).expect("write");
    let out = depeche(&[
        "extract",
        path.to_str().unwrap_or(""),
        "--layers",
        "blocks",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = docs(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["id"], "lyon");
    assert_eq!(doc["title"], "Lyon vote son budget");
    assert_eq!(doc["published"], "2021-03-02T21:15:00+01:00");
    assert_eq!(doc["source"], "Le Quotidien");
    assert_eq!(doc["url"], "https://example.org/lyon-budget.html");
    assert_eq!(doc["credit"], "AFP");
    assert_eq!(doc["section"], "France");
    assert_eq!(doc["tags"], serde_json::json!(["Lyon"]));
    let kinds: Vec<(String, String)> = blocks(doc);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        kinds,
        vec![
            ("title".into(), "Lyon vote son budget".into()),
            (
                "caption".into(),
                "Le maire de Lyon, le 1er mars 2021 - AFP, Jean DUPONT".into()
            ),
            ("paragraph".into(), squash(PARA_1)),
            ("subheading".into(), "- Une longue séance -".into()),
            ("paragraph".into(), squash(PARA_2)),
        ]
    );
    let text = doc["text"].as_str().unwrap_or("");
    for furniture in [
        "Accueil",
        "Fil info",
        "voisin",
        "commentaire",
        "tracking",
        "Partager",
    ] {
        assert!(!text.contains(furniture), "{furniture} leaked into {text}");
    }
}

#[test]
fn layers_none_gives_text_and_metadata_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.htm");
    std::fs::write(&path, standard_page()).expect("write");
    let out = depeche(&[
        "extract",
        path.to_str().unwrap_or(""),
        "--layers",
        "none",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &docs(&out)[0];
    assert!(doc["text"]
        .as_str()
        .is_some_and(|t| t.contains("conseil municipal")));
    for layer in ["blocks", "sentences", "mentions", "times", "events"] {
        assert!(doc.get(layer).is_none(), "{layer} should be absent");
    }
    let bad = depeche(&[
        "extract",
        path.to_str().unwrap_or(""),
        "--layers",
        "blocks,nope",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("unknown layer 'nope'"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn annotation_runs_on_the_extracted_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.html");
    std::fs::write(&path, standard_page()).expect("write");
    let out = depeche(&[
        "extract",
        path.to_str().unwrap_or(""),
        "--layers",
        "sentences,times",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &docs(&out)[0];
    let times: Vec<&str> = doc["times"]
        .as_array()
        .map(|t| t.iter().filter_map(|x| x["text"].as_str()).collect())
        .unwrap_or_default();
    assert!(times.contains(&"mardi soir"), "{times:?}");
    assert!(doc.get("mentions").is_none());
    // The caption is a block of its own, and no sentence crosses blocks.
    assert!(doc["sentences"].as_array().is_some_and(|s| s.len() >= 3));
}

#[test]
fn encodings_are_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = format!("<article><h1>Été à Noël</h1><p>{PARA_1}</p><p>{PARA_2}</p></article>");
    // Latin-1 declared in a meta tag.
    let latin1: Vec<u8> = page(r#"<meta charset="iso-8859-1">"#, &body)
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    std::fs::write(dir.path().join("a-latin1.html"), latin1).expect("write");
    // UTF-8 with a byte-order mark and no declaration.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(page("", &body).as_bytes());
    std::fs::write(dir.path().join("b-bom.html"), bom).expect("write");
    // Declared UTF-8 but damaged: named, kept.
    let mut broken = page(r#"<meta charset="utf-8">"#, &body).into_bytes();
    let at = broken.len() - 200;
    broken[at] = 0xFF;
    std::fs::write(dir.path().join("c-broken.html"), broken).expect("write");
    let out = depeche(&[
        "extract",
        dir.path().to_str().unwrap_or(""),
        "--layers",
        "none",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = docs(&out);
    assert_eq!(pages.len(), 3);
    for doc in &pages[..2] {
        assert_eq!(doc["title"], "Été à Noël");
        assert!(doc["text"].as_str().is_some_and(|t| t.contains("crèches")));
    }
    assert!(
        stderr(&out).contains("c-broken.html: encoding: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_page_is_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.html"), standard_page()).expect("write");
    std::fs::write(
        dir.path().join("b.html"),
        "<html><body><nav>Menu</nav></body></html>",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("c.html"),
        "<html><body><div><p>Texte coupé <b>sans fin",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("d.html"),
        format!("<html><body><p>{PARA_1}</p><p>{PARA_2}"),
    )
    .expect("write");
    let out = depeche(&[
        "extract",
        dir.path().to_str().unwrap_or(""),
        "--layers",
        "none",
        "--format",
        "jsonl",
        "--max-doc-bytes",
        "100000",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let ids: Vec<String> = docs(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(ids, ["a", "d"]);
    let err = stderr(&out);
    assert!(err.contains("b.html: no main text found"), "{err}");
    assert!(err.contains("c.html: no main text found"), "{err}");
    // A page over the size limit is named too.
    std::fs::write(dir.path().join("e.html"), "x".repeat(200_000)).expect("write");
    let out = depeche(&[
        "extract",
        dir.path().join("e.html").to_str().unwrap_or(""),
        "--max-doc-bytes",
        "100000",
        "--layers",
        "none",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("larger than the limit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_date_in_json_ld_only_and_nested_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Le Quotidien"},
        {"@type":"NewsArticle","headline":"Lyon vote son budget","datePublished":"2021-03-02T20:15:00Z",
         "author":{"@type":"Organization","name":"Rédaction"}}]}</script>"#;
    let article = format!(
        r#"<main><article class="story"><h1>Lyon vote son budget</h1><p>{PARA_1}</p>
        <article class="teaser"><h2><a href="/autre">Un autre sujet</a></h2></article>
        <p>{PARA_2}</p></article></main>"#
    );
    let path = dir.path().join("ld.html");
    std::fs::write(&path, page(head, &article)).expect("write");
    let out = depeche(&[
        "extract",
        path.to_str().unwrap_or(""),
        "--input",
        "html",
        "--layers",
        "blocks",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &docs(&out)[0];
    assert_eq!(doc["published"], "2021-03-02T20:15:00Z");
    assert_eq!(doc["credit"], "Rédaction");
    let kinds: Vec<String> = blocks(doc).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["title", "paragraph", "subheading", "paragraph"]);
}

fn rss(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Quotidien</title>{items}</channel></rss>"#
    )
}

#[test]
fn feeds_give_one_document_per_item_with_the_saved_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let items = r#"<item><title>Lyon vote son budget</title><link>https://example.org/france/lyon-budget.html</link>
        <pubDate>Tue, 02 Mar 2021 20:15:00 +0000</pubDate><description>Le résumé du flux.</description></item>
        <item><title>Un second titre</title><link>https://example.org/autre</link>
        <description>&lt;p&gt;Un résumé en HTML.&lt;/p&gt;</description></item>"#;
    std::fs::write(dir.path().join("une.rss"), rss(items)).expect("write");
    std::fs::write(dir.path().join("lyon-budget.html"), standard_page()).expect("write");
    let feed = dir.path().join("une.rss");
    let out = depeche(&[
        "extract",
        feed.to_str().unwrap_or(""),
        "--layers",
        "none",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let items = docs(&out);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], "une-1");
    assert!(items[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("conseil municipal")));
    assert_eq!(items[0]["published"], "2021-03-02T20:15:00Z");
    assert_eq!(items[1]["text"], "Un second titre\n\nUn résumé en HTML.");
    assert_eq!(items[1]["url"], "https://example.org/autre");
    // Atom and JSON Feed by --input feed; a file that is no feed is named.
    let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2021-03-02T00:00:00Z</updated>
        <entry><title>Un titre Atom</title><id>e1</id><updated>2021-03-02T10:00:00+01:00</updated><link href="https://example.org/a1"/><summary>Un résumé Atom.</summary></entry></feed>"#;
    std::fs::write(dir.path().join("f.xml"), atom).expect("write");
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://example.org/j1","title":"Un titre JSON","content_text":"Un texte JSON.","date_published":"2021-03-02T10:00:00+01:00"}]}"#;
    std::fs::write(dir.path().join("g.json"), json).expect("write");
    std::fs::write(dir.path().join("h.xml"), "ceci n'est pas un flux").expect("write");
    let paths: Vec<String> = ["f.xml", "g.json", "h.xml"]
        .iter()
        .map(|f| dir.path().join(f).display().to_string())
        .collect();
    let mut args = vec![
        "extract", "--input", "feed", "--layers", "none", "--format", "jsonl",
    ];
    args.extend(paths.iter().map(String::as_str));
    let out = depeche(&args);
    assert_eq!(out.status.code(), Some(1));
    let titles: Vec<String> = docs(&out)
        .iter()
        .map(|d| d["title"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(titles, ["Un titre Atom", "Un titre JSON"]);
    assert!(
        stderr(&out).contains("h.xml: not a feed"),
        "{}",
        stderr(&out)
    );
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2021-03-03T08:00:00Z\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn a_warc_archive_gives_the_same_documents_as_the_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page_bytes = standard_page().into_bytes();
    std::fs::write(dir.path().join("lyon.html"), &page_bytes).expect("write");
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(&page_bytes);
    let no_date = page(
        "",
        &format!("<article><h1>Sans date</h1><p>{PARA_1}</p><p>{PARA_2}</p></article>"),
    );
    let mut http2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    http2.extend_from_slice(no_date.as_bytes());
    let members = [
        gz(&warc_record("warcinfo", "", b"software: test")),
        gz(&warc_record(
            "request",
            "https://example.org/lyon",
            b"GET / HTTP/1.1\r\n\r\n",
        )),
        gz(&warc_record("response", "https://example.org/lyon", &http)),
        gz(&warc_record(
            "response",
            "https://example.org/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
        )),
        gz(&warc_record(
            "response",
            "https://example.org/sans-date",
            &http2,
        )),
    ];
    let archive = dir.path().join("crawl.warc.gz");
    std::fs::write(&archive, members.concat()).expect("write");
    let out = depeche(&[
        "extract",
        archive.to_str().unwrap_or(""),
        "--layers",
        "blocks",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 record(s) skipped"),
        "{}",
        stderr(&out)
    );
    let from_warc = docs(&out);
    assert_eq!(from_warc.len(), 2);
    let page_out = depeche(&[
        "extract",
        dir.path().join("lyon.html").to_str().unwrap_or(""),
        "--layers",
        "blocks",
        "--format",
        "jsonl",
    ]);
    let from_page = &docs(&page_out)[0];
    for key in ["text", "blocks", "title", "published", "url", "credit"] {
        assert_eq!(from_warc[0][key], from_page[key], "{key}");
    }
    // The record's date stands in for a page without one, its URI for a page without a URL.
    assert_eq!(from_warc[1]["published"], "2021-03-03T08:00:00Z");
    assert_eq!(from_warc[1]["url"], "https://example.org/sans-date");

    // A truncated archive keeps what came before and names the damage.
    let mut cut = members[..3].concat();
    let last = &members[4];
    cut.extend_from_slice(&last[..last.len() / 2]);
    let cut_path = dir.path().join("cut.warc.gz");
    std::fs::write(&cut_path, cut).expect("write");
    let out = depeche(&[
        "extract",
        cut_path.to_str().unwrap_or(""),
        "--layers",
        "none",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(docs(&out).len(), 1);
    assert!(
        stderr(&out).contains("cut.warc.gz#record"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_help_teaches_web_input() {
    let out = depeche(&["extract", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["--layers", "--input", "page.html", "feed", "warc"] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn pages_in_another_language_are_skipped_with_a_count_unless_lang_any() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a-fr.html"), standard_page()).expect("write");
    let english = "The city council of Lyon voted on Tuesday evening for a higher budget for \
        schools, nurseries and public transport, the mayor said after a long debate.";
    let en_page = page(
        "",
        &format!(
            "<article><h1>Lyon votes its budget</h1><p>{english}</p><p>{english}</p></article>"
        ),
    );
    std::fs::write(dir.path().join("b-en.html"), en_page).expect("write");
    let d = dir.path().to_str().unwrap_or("");
    let out = depeche(&["extract", d, "--layers", "none", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = docs(&out);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["detected_lang"], "fr");
    assert!(
        stderr(&out)
            .contains("1 web document(s) skipped, not in 'fr' (1 en); --lang-any keeps them"),
        "{}",
        stderr(&out)
    );
    let out = depeche(&[
        "extract",
        d,
        "--layers",
        "none",
        "--format",
        "jsonl",
        "--lang-any",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = docs(&out);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1]["detected_lang"], "en");
    assert!(
        stderr(&out).contains("b-en.html: lang: the text reads as 'en'"),
        "{}",
        stderr(&out)
    );
}
