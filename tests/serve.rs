//! `depeche serve` as a client sees it: the real binary on a database that `depeche ingest`
//! built from the store's test corpus, spoken to over TCP. What the API returns is checked
//! against what `depeche query` and `depeche extract` print for the same data; errors,
//! oversized, malformed and slow requests must come back as JSON errors with the right
//! status, never as a crash.

mod serve_support;
mod store_fixture;

use serde_json::{json, Value};
use serve_support::{enc, get, post, request, Server};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn depeche(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run depeche")
}

/// A database of `n` corpus articles in a temporary directory.
fn database(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let input = store_fixture::write_jsonl(dir.path(), "news.jsonl", &store_fixture::corpus(n));
    let out = depeche(&[
        "ingest",
        "-q",
        input.to_str().unwrap_or_default(),
        "--db",
        db.to_str().unwrap_or_default(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

/// The record ids `depeche query` gives for these filters, in its order.
fn query_ids(db: &Path, filters: &[&str]) -> Vec<i64> {
    let mut args = vec!["query", "--format", "jsonl", "--db"];
    args.push(db.to_str().unwrap_or_default());
    args.extend_from_slice(filters);
    let out = depeche(&args);
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["id"]
                .as_i64()
                .expect("id")
        })
        .collect()
}

/// Every record id of the pages of `/v1/events?QUERY`, following the cursors.
fn paged_ids(addr: &str, query: &str, limit: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let mut path = format!("/v1/events?limit={limit}&{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", enc(c)));
        }
        let r = get(addr, &path);
        assert_eq!(r.status, 200, "{}", r.text());
        let page = r.json();
        let events = page["events"].as_array().expect("events");
        assert!(events.len() <= limit);
        ids.extend(events.iter().map(|e| e["id"].as_i64().expect("id")));
        match page["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(events.len(), limit, "a short page before the last");
                cursor = Some(c.to_string());
            }
            None => return ids,
        }
    }
    panic!("the cursors never ended");
}

#[test]
fn read_routes_answer_what_the_store_holds() {
    let (_dir, db) = database(12);
    let server = Server::start(&db, &[]);
    let addr = server.addr.as_str();

    let health = get(addr, "/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");
    assert_eq!(health.json()["ingest"], false);

    // Pages, followed by their cursors, give what `depeche query` gives, in its order.
    let all = query_ids(&db, &[]);
    assert!(all.len() >= 6, "{all:?}");
    for limit in [1, 5, 500] {
        assert_eq!(paged_ids(addr, "", limit), all, "limit {limit}");
    }
    for (api, cli) in [
        ("country=RUS", vec!["--country", "RUS"]),
        ("quad=3", vec!["--quad", "3"]),
        ("code=11&actor=FRA", vec!["--code", "11", "--actor", "FRA"]),
        ("text=Fabius", vec!["--text", "Fabius"]),
        (
            "from=2015-10-06&to=2015-10-06",
            vec!["--from", "2015-10-06", "--to", "2015-10-06"],
        ),
        ("near=35.69,51.39,100", vec!["--near", "35.69,51.39,100"]),
        ("actor=&country=", vec![]),
    ] {
        let expected = query_ids(&db, &cli);
        assert_eq!(paged_ids(addr, api, 2), expected, "{api}");
    }

    // One record: the merged counts and every mention with its evidence.
    let id = all[0];
    let record = get(addr, &format!("/v1/events/{id}")).json();
    assert_eq!(record["id"], id);
    let mentions = record["mentions"].as_array().expect("mentions");
    assert_eq!(
        mentions.len() as i64,
        record["num_mentions"].as_i64().unwrap_or(0)
    );
    assert!(record["name"].as_str().is_some_and(|n| !n.is_empty()));

    // The document of a mention: every layer, on the very text the evidence spans index.
    let m = &mentions[0];
    let stored = get(
        addr,
        &format!("/v1/documents/{}", enc(m["doc"].as_str().unwrap_or(""))),
    );
    assert_eq!(stored.status, 200, "{}", stored.text());
    let stored = stored.json();
    let doc = &stored["document"];
    for layer in [
        "blocks",
        "sentences",
        "mentions",
        "entities",
        "times",
        "quotes",
        "events",
    ] {
        assert!(doc[layer].is_array(), "layer {layer}");
    }
    assert_eq!(stored["stored"]["same_engine"], true);
    let text = doc["text"].as_str().expect("text");
    let span = |v: &Value| -> (usize, usize) {
        (
            v[0].as_u64().unwrap_or(0) as usize,
            v[1].as_u64().unwrap_or(0) as usize,
        )
    };
    let (s, e) = span(&m["span"]);
    assert_eq!(&text[s..e], m["text"].as_str().unwrap_or(""));
    let coded = &doc["events"][m["index"].as_u64().unwrap_or(0) as usize];
    assert_eq!(coded["span"], m["span"]);
    assert_eq!(coded["trigger"]["span"], m["trigger"]["span"]);
    let stored_events = stored["stored"]["events"]
        .as_array()
        .expect("stored events");
    assert!(stored_events.iter().any(|x| x["event"] == id));

    // Aggregates count the same records as the list.
    let stats = get(addr, "/v1/stats").json();
    let sum = |key: &str| -> i64 {
        stats[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|x| x["count"].as_i64().unwrap_or(0))
            .sum()
    };
    assert_eq!(stats["events"].as_i64(), Some(all.len() as i64));
    assert_eq!(sum("days"), all.len() as i64);
    assert_eq!(sum("roots"), all.len() as i64);
    let quad3 = get(addr, "/v1/stats?quad=3").json();
    assert_eq!(
        quad3["events"].as_i64(),
        Some(query_ids(&db, &["--quad", "3"]).len() as i64)
    );
    assert!(quad3["days"]
        .as_array()
        .expect("days")
        .iter()
        .all(|d| d["quad"] == 3));
    assert!(stats["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .any(|p| p["actor1"] == "RUSGOV"));

    // Entities by name, full-text search with the records each passage supports.
    let found = get(addr, "/v1/entities?q=Fabius").json();
    let entities = found["entities"].as_array().expect("entities");
    assert!(
        entities.iter().any(|e| e["name"] == "Laurent Fabius"),
        "{found}"
    );
    let hits = get(addr, "/v1/search?q=frappes&limit=3").json();
    let hits = hits["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 3);
    for hit in hits {
        assert!(
            hit["text"].as_str().is_some_and(|t| t.contains("frappes")),
            "{hit}"
        );
        assert!(!hit["events"].as_array().expect("events").is_empty());
    }

    // The page and its assets are served, with a policy that allows nothing from elsewhere.
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<script src=\"/app.js\""));
    assert!(page
        .header("content-security-policy")
        .is_some_and(|p| p.contains("default-src 'self'")));
    for asset in ["/app.js", "/style.css", "/world.json"] {
        assert_eq!(get(addr, asset).status, 200, "{asset}");
    }
    let world = get(addr, "/world.json").json();
    assert!(world["countries"].as_array().is_some_and(|c| c.len() > 150));
}

/// Every `$ref` in the document resolves to a component.
fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                if k == "$ref" {
                    if let Some(r) = v.as_str() {
                        out.insert(r.to_string());
                    }
                }
                refs(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_openapi_document_describes_every_route() {
    let (_dir, db) = database(3);
    let server = Server::start(&db, &[]);
    let doc = get(&server.addr, "/openapi.json").json();
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let paths = doc["paths"].as_object().expect("paths");
    let expected = [
        ("/v1/annotate", "post"),
        ("/v1/events", "get"),
        ("/v1/events/{id}", "get"),
        ("/v1/documents/{id}", "get"),
        ("/v1/documents", "post"),
        ("/v1/entities", "get"),
        ("/v1/stats", "get"),
        ("/v1/search", "get"),
        ("/healthz", "get"),
    ];
    assert_eq!(
        paths.len(),
        expected.len(),
        "{:?}",
        paths.keys().collect::<Vec<_>>()
    );
    for (path, method) in expected {
        let op = &doc["paths"][path][method];
        let responses = op["responses"]
            .as_object()
            .unwrap_or_else(|| panic!("{method} {path}"));
        assert!(responses.contains_key("200"), "{method} {path}");
        // Every documented error is the JSON error body.
        for (status, r) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                assert_eq!(
                    r["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorBody",
                    "{method} {path} {status}"
                );
            }
        }
        // Path templates name their parameters.
        for name in path.split('{').skip(1).filter_map(|p| p.split('}').next()) {
            let params = op["parameters"].as_array().expect("parameters");
            assert!(
                params
                    .iter()
                    .any(|p| p["name"] == name && p["in"] == "path"),
                "{path}"
            );
        }
    }
    let mut found = BTreeSet::new();
    refs(&doc, &mut found);
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for r in &found {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{r}"));
        assert!(schemas.contains_key(name), "unresolved {r}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
}

#[test]
fn bad_requests_are_refused_with_json_errors() {
    let (_dir, db) = database(3);
    let server = Server::start(
        &db,
        &[
            "--timeout",
            "1",
            "--max-body-bytes",
            "2000",
            "--max-page-size",
            "50",
        ],
    );
    let addr = server.addr.as_str();
    get(addr, "/nowhere").assert_error(404, "not_found");
    get(addr, "/v1/events/12345").assert_error(404, "not_found");
    get(addr, "/v1/events/abc").assert_error(400, "bad_request");
    get(addr, "/v1/documents/no-such-doc").assert_error(404, "not_found");
    request(addr, "DELETE", "/v1/events", &[], b"").assert_error(405, "method_not_allowed");
    get(addr, "/v1/events?quad=9").assert_error(400, "bad_request");
    get(addr, "/v1/events?quad=x").assert_error(400, "bad_request");
    get(addr, "/v1/events?from=2015-13-40").assert_error(400, "bad_request");
    get(addr, "/v1/events?from=2016-01-01&to=2015-01-01").assert_error(400, "bad_request");
    get(addr, "/v1/events?country=FRANCE").assert_error(400, "bad_request");
    get(addr, "/v1/events?code=abc").assert_error(400, "bad_request");
    get(addr, "/v1/events?near=1,2").assert_error(400, "bad_request");
    get(addr, "/v1/events?cursor=nonsense").assert_error(400, "bad_request");
    get(addr, "/v1/events?limit=51").assert_error(400, "bad_request");
    get(addr, "/v1/events?limit=0").assert_error(400, "bad_request");
    get(addr, "/v1/events?limit=-1").assert_error(400, "bad_request");
    get(addr, &format!("/v1/events?text={}", enc("\"unbalanced"))).assert_error(400, "bad_request");
    get(addr, &format!("/v1/search?q={}", enc("AND OR"))).assert_error(400, "bad_request");
    get(addr, "/v1/search").assert_error(400, "bad_request");
    get(addr, "/v1/entities?q=%20").assert_error(400, "bad_request");
    get(addr, "/v1/stats?top=0").assert_error(400, "bad_request");
    assert_eq!(get(addr, "/v1/events?limit=50").status, 200);

    // Bodies: oversized (said by Content-Length, or sent chunked), malformed, of a wrong type.
    let big = vec![b'a'; 5000];
    post(addr, "/v1/annotate", "text/plain", &big).assert_error(413, "payload_too_large");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let head = format!(
        "POST /v1/annotate HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).expect("head");
    for _ in 0..3 {
        let _ = stream.write_all(format!("{:x}\r\n{}\r\n", 1000, "b".repeat(1000)).as_bytes());
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    serve_support::read_response(&mut stream).assert_error(413, "payload_too_large");
    post(addr, "/v1/annotate", "application/json", b"{\"text\": ").assert_error(400, "bad_request");
    post(addr, "/v1/annotate", "application/json", b"[1, 2]").assert_error(400, "bad_request");
    post(
        addr,
        "/v1/annotate",
        "application/json",
        b"{\"title\": \"x\"}",
    )
    .assert_error(400, "bad_request");
    post(
        addr,
        "/v1/annotate",
        "text/plain",
        b"\xff\xfe\x00\x00garbage\x00\x00",
    )
    .assert_error(400, "bad_request");
    post(addr, "/v1/annotate", "text/plain", b"").assert_error(400, "bad_request");
    post(addr, "/v1/annotate", "image/png", b"x").assert_error(415, "unsupported_media_type");
    post(
        addr,
        "/v1/annotate?published=yesterday",
        "text/plain",
        b"Titre\n\nTexte.",
    )
    .assert_error(400, "bad_request");
    post(
        addr,
        "/v1/annotate?layers=bogus",
        "text/plain",
        b"Titre\n\nTexte.",
    )
    .assert_error(400, "bad_request");

    // A body that never arrives: the request's time limit answers 408.
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let head = format!(
        "POST /v1/annotate HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly a part"
    );
    stream.write_all(head.as_bytes()).expect("head");
    serve_support::read_response(&mut stream).assert_error(408, "timeout");

    // Garbage instead of HTTP is refused, and the server goes on.
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let _ = stream.write_all(b"\x00\x01 not http at all\r\n\r\n");
    let mut rest = Vec::new();
    let _ = std::io::Read::read_to_end(&mut stream, &mut rest);
    assert!(
        rest.is_empty() || rest.starts_with(b"HTTP/1.1 400"),
        "{:?}",
        String::from_utf8_lossy(&rest)
    );
    assert_eq!(get(addr, "/healthz").status, 200);

    // Ingest is off: read-only by default.
    post(
        addr,
        "/v1/documents",
        "application/json",
        b"{\"text\": \"x\"}",
    )
    .assert_error(403, "forbidden");
}

#[test]
fn annotate_gives_what_extract_gives() {
    let (dir, db) = database(1);
    let server = Server::start(&db, &[]);
    let article = json!({
        "id": "a1",
        "title": "Laurent Fabius condamne",
        "text": "Le ministre français des Affaires étrangères, Laurent Fabius, a condamné \
                 lundi les frappes russes en Syrie. « C'est inacceptable », a-t-il dit.",
        "published": "2015-10-05",
    });
    let input = store_fixture::write_jsonl(dir.path(), "one.jsonl", std::slice::from_ref(&article));
    let out = depeche(&[
        "extract",
        "--format",
        "jsonl",
        input.to_str().unwrap_or_default(),
    ]);
    let expected: Value = serde_json::from_slice(&out.stdout).expect("extract JSON");
    let r = post(
        &server.addr,
        "/v1/annotate",
        "application/json",
        article.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let got = r.json();
    for key in [
        "text",
        "title",
        "published",
        "mentions",
        "entities",
        "times",
        "quotes",
        "events",
    ] {
        assert_eq!(got[key], expected[key], "{key}");
    }
    assert!(!got["events"].as_array().expect("events").is_empty());

    // Plain text: the first line is the title; options as extract's.
    let r = post(
        &server.addr,
        "/v1/annotate?published=2015-10-05&layers=times",
        "text/plain; charset=utf-8",
        "Frappes en Syrie\n\nLa Russie a bombardé Alep lundi.".as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let got = r.json();
    assert_eq!(got["title"], "Frappes en Syrie");
    assert_eq!(got["times"][0]["value"], "2015-10-05");
    assert!(got.get("events").is_none(), "a layer not asked for");
}

#[test]
fn ingest_over_http_needs_the_token_and_writes_like_ingest() {
    let (dir, db) = database(4);
    let token = dir.path().join("token");
    std::fs::write(&token, "s3cret-token-of-the-tests\n").expect("token");
    let server = Server::start(&db, &["--token-file", token.to_str().unwrap_or_default()]);
    let addr = server.addr.as_str();
    assert_eq!(get(addr, "/healthz").json()["ingest"], true);
    let before = query_ids(&db, &[]).len();
    let lines: String = (10..12)
        .map(|k| store_fixture::article(k).to_string() + "\n")
        .collect();
    let body = lines.as_bytes();
    let ndjson = ("Content-Type", "application/x-ndjson");
    request(addr, "POST", "/v1/documents", &[ndjson], body).assert_error(401, "unauthorized");
    let wrong = ("Authorization", "Bearer s3cret-token-of-the-test");
    request(addr, "POST", "/v1/documents", &[ndjson, wrong], body)
        .assert_error(401, "unauthorized");
    let good = ("Authorization", "Bearer s3cret-token-of-the-tests");
    let r = request(addr, "POST", "/v1/documents", &[ndjson, good], body);
    assert_eq!(r.status, 200, "{}", r.text());
    let report = r.json();
    assert_eq!(
        (report["read"].as_u64(), report["added"].as_u64()),
        (Some(2), Some(2)),
        "{report}"
    );
    // Idempotent, as `depeche ingest` is.
    let again = request(addr, "POST", "/v1/documents", &[ndjson, good], body).json();
    assert_eq!(
        (again["added"].as_u64(), again["known"].as_u64()),
        (Some(0), Some(2)),
        "{again}"
    );
    // A bad line is a failure of its own; the others are stored.
    let mixed = format!(
        "{}\n{{\"title\": \"no text\"}}\n",
        store_fixture::article(13)
    );
    let r = request(
        addr,
        "POST",
        "/v1/documents",
        &[ndjson, good],
        mixed.as_bytes(),
    )
    .json();
    assert_eq!(
        (r["added"].as_u64(), r["failed"].as_array().map(Vec::len)),
        (Some(1), Some(1)),
        "{r}"
    );
    // What was written is what the command line reads, and what the server serves.
    let after = query_ids(&db, &[]);
    assert!(after.len() > before, "{before} → {}", after.len());
    assert_eq!(paged_ids(addr, "", 100), after);
    let doc = get(addr, "/v1/documents/art-0013");
    assert_eq!(doc.status, 200, "{}", doc.text());
    let check = depeche(&[
        "check",
        "--format",
        "json",
        "--db",
        db.to_str().unwrap_or_default(),
    ]);
    let counts: Value = serde_json::from_slice(&check.stdout).expect("check JSON");
    assert_eq!(counts["documents"], 7);
    assert_eq!(counts["failures"], 1);
}
