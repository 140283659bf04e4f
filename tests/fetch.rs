//! `depeche fetch` through the real binary, against an HTTP server each test starts on
//! 127.0.0.1 (a few lines over `TcpListener`, one thread per connection, canned answers per
//! path, every request recorded). Nothing leaves the machine. Every run uses `--rate 100` and
//! a backoff of a few milliseconds, so the file runs in seconds; the timeout test alone waits
//! for its two one-second timeouts.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The test server.

/// A request the server received.
#[derive(Debug, Clone)]
struct Hit {
    path: String,
    /// Header names lower-cased.
    headers: HashMap<String, String>,
}

/// What the server answers.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Sleep this long before answering.
    delay: Duration,
    /// Send no Content-Length (the body ends when the connection closes).
    unannounced: bool,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            unannounced: false,
        }
    }
    fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }
    fn status(status: u16) -> Reply {
        Reply::new(status, "text/plain", format!("status {status}"))
    }
    fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Answers a request; `n` is how many requests for the same path came before it.
type Handler = dyn Fn(&Hit, usize) -> Reply + Send + Sync;

struct Server {
    addr: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl Server {
    /// Starts a server; `routes` gets the server's base URL (`http://127.0.0.1:PORT`) and
    /// returns the handler.
    fn start(routes: impl FnOnce(&str) -> Box<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let handler: Arc<Handler> = Arc::from(routes(&format!("http://{addr}")));
        let hits = Arc::new(Mutex::new(Vec::new()));
        let server_hits = hits.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, hits) = (handler.clone(), server_hits.clone());
                thread::spawn(move || serve_one(stream, &*handler, &hits));
            }
        });
        Server { addr, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self, path: &str) -> Vec<Hit> {
        let hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        hits.iter().filter(|h| h.path == path).cloned().collect()
    }

    fn all_hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn serve_one(stream: TcpStream, handler: &Handler, hits: &Mutex<Vec<Hit>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let hit = Hit { path, headers };
    let n = {
        let mut hits = hits.lock().unwrap_or_else(|e| e.into_inner());
        let n = hits.iter().filter(|h| h.path == hit.path).count();
        hits.push(hit.clone());
        n
    };
    let reply = handler(&hit, n);
    thread::sleep(reply.delay);
    let mut out = format!(
        "HTTP/1.1 {} Whatever\r\nConnection: close\r\n",
        reply.status
    );
    if !reply.unannounced {
        out.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&reply.body);
    let _ = stream.flush();
    // Drain what the client may still send, so closing does not reset the connection.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = reader.read(&mut [0u8; 64]);
}

// ---------------------------------------------------------------------------------------------
// Pages, feeds, the binary.

/// A French article page whose body holds `sentence`.
fn page(title: &str, sentence: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav><a href="/">Accueil</a></nav><article><h1>{title}</h1>
<p>{sentence} Le texte complet de l'article se trouve sur la page, bien plus long que le résumé du flux.</p>
<p>Les habitants de la région ont été nombreux à se rendre à la réunion publique organisée mardi soir à la mairie.</p>
</article></body></html>"#
    )
}

/// An RSS feed whose items link to `links` (absolute or relative).
fn rss(links: &[&str]) -> String {
    let items: String = links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            format!(
                "<item><title>Titre numéro {}</title><link>{link}</link>\
                 <description>Un court résumé de l'article numéro {} dans le flux.</description></item>",
                i + 1,
                i + 1
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Journal</title>{items}</channel></rss>"#
    )
}

fn depeche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        // Requests to 127.0.0.1 must not go to a proxy of the machine's.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .expect("the binary runs")
}

/// `depeche fetch URL… --out DIR` with fast politeness and `extra` options.
fn fetch(urls: &[String], dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["fetch"];
    args.extend(urls.iter().map(String::as_str));
    let out = dir.to_str().unwrap_or("");
    args.extend(["--out", out, "--rate", "100", "--backoff-ms", "5"]);
    args.extend(extra);
    depeche(&args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// The feed file's name for a feed at `/rss.xml` of `server`.
fn feed_file(server: &Server) -> String {
    format!("127.0.0.1_{}_rss.xml", server.addr.port())
}

/// The WARC files of a directory.
fn warcs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    found.sort();
    found
}

fn extract(path: &Path, input: &str) -> Output {
    depeche(&[
        "extract",
        path.to_str().unwrap_or(""),
        "--input",
        input,
        "--layers",
        "none",
        "--format",
        "jsonl",
    ])
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn a_feed_and_its_pages_are_saved_where_the_feed_reader_looks() {
    let server = Server::start(|base| {
        let feed = rss(&[
            &format!("{base}/monde/premier-article.html"),
            &format!("{base}/france/second-article"),
            "/eco/troisieme.html?utm=rss",
        ]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/monde/premier-article.html" => Reply::html(page(
                "Premier",
                "Le premier article parle de la pluie à Lyon.",
            )),
            "/france/second-article" => {
                Reply::html(page("Second", "Le second article parle du vent à Brest."))
            }
            "/eco/troisieme.html?utm=rss" => Reply::html(page(
                "Troisième",
                "Le troisième article parle de la neige à Gap.",
            )),
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(&[server.url("/rss.xml")], dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("feeds: 1 fetched") && err.contains("pages: 3 fetched"),
        "{err}"
    );
    for name in [
        feed_file(&server),
        "premier-article.html".into(),
        "second-article.html".into(),
        "troisieme.html".into(),
        ".depeche-fetch.json".into(),
    ] {
        assert!(dir.path().join(&name).is_file(), "{name} saved: {err}");
    }
    // Every request carried the User-Agent; robots.txt was asked once.
    for hit in server.all_hits() {
        let ua = hit.headers.get("user-agent").cloned().unwrap_or_default();
        assert!(ua.starts_with("depeche/"), "{} sent '{ua}'", hit.path);
    }
    assert_eq!(server.hits("/robots.txt").len(), 1);

    // The feed reader takes each item's text from its saved page.
    let items = extract(&dir.path().join(feed_file(&server)), "feed");
    assert!(items.status.success(), "{}", stderr(&items));
    let items = docs(&items);
    assert_eq!(items.len(), 3);
    for (doc, sentence) in items.iter().zip([
        "Le premier article parle de la pluie à Lyon.",
        "Le second article parle du vent à Brest.",
        "Le troisième article parle de la neige à Gap.",
    ]) {
        let text = doc["text"].as_str().unwrap_or("");
        assert!(text.contains(sentence), "{text}");
    }

    // The WARC file reads back as one document per page (robots.txt and the feed are not
    // HTML pages).
    let warc = warcs(dir.path());
    assert_eq!(warc.len(), 1, "one WARC file per run");
    let archived = extract(&warc[0], "warc");
    assert!(archived.status.success(), "{}", stderr(&archived));
    let archived = docs(&archived);
    assert_eq!(archived.len(), 3);
    let url = archived[0]["url"].as_str().unwrap_or("");
    assert!(url.starts_with(&server.url("/")), "{url}");
}

#[test]
fn robots_txt_is_obeyed_at_every_hop() {
    let server = Server::start(|base| {
        let feed = rss(&[
            &format!("{base}/prive/secret.html"),
            &format!("{base}/monde/public.html"),
            &format!("{base}/r/vers-prive"),
        ]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/robots.txt" => Reply::new(
                200,
                "text/plain",
                "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /prive/\n",
            ),
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/monde/public.html" => Reply::html(page("Public", "Un article public.")),
            "/r/vers-prive" => Reply::status(302).header("Location", "/prive/cible.html"),
            _ => Reply::html(page("Privé", "Un article privé.")),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(&[server.url("/rss.xml")], dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        server.hits("/prive/secret.html").is_empty(),
        "never requested"
    );
    assert!(
        server.hits("/prive/cible.html").is_empty(),
        "nor after a redirect"
    );
    assert_eq!(server.hits("/r/vers-prive").len(), 1);
    assert_eq!(server.hits("/robots.txt").len(), 1, "read once per site");
    assert!(
        err.contains(&server.url("/prive/secret.html")) && err.contains("robots.txt"),
        "{err}"
    );
    assert!(err.contains("2 skipped by robots.txt"), "{err}");
    assert!(dir.path().join("public.html").is_file());
    assert!(!dir.path().join("secret.html").exists());

    // A crawler named by its own group obeys that group only.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(
        &[server.url("/rss.xml")],
        dir.path(),
        &["--user-agent", "OtherBot/2.0"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("1 skipped by robots.txt"),
        "{}",
        stderr(&out)
    );
    assert!(server
        .all_hits()
        .iter()
        .any(|h| h.headers.get("user-agent").map(String::as_str) == Some("OtherBot/2.0")));
}

#[test]
fn a_robots_txt_answering_5xx_blocks_the_host() {
    let server = Server::start(|_| {
        Box::new(|hit: &Hit, _| match hit.path.as_str() {
            "/robots.txt" => Reply::status(503),
            _ => Reply::new(200, "application/rss+xml", rss(&[])),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(&[server.url("/rss.xml")], dir.path(), &["--retries", "1"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        server.hits("/rss.xml").is_empty(),
        "the feed is not asked for"
    );
    assert_eq!(
        server.hits("/robots.txt").len(),
        2,
        "robots.txt tried again once"
    );
    assert!(
        err.contains("503") && err.contains("nothing is fetched"),
        "{err}"
    );
    assert!(err.contains("1 skipped by robots.txt"), "{err}");
}

#[test]
fn a_second_run_asks_conditionally_and_gets_304() {
    const ETAG: &str = "\"v1\"";
    const MODIFIED: &str = "Mon, 21 Dec 2015 00:09:00 GMT";
    let server = Server::start(|base| {
        let feed = rss(&[&format!("{base}/monde/stable.html")]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/rss.xml" => {
                if hit.headers.get("if-modified-since").map(String::as_str) == Some(MODIFIED) {
                    Reply::status(304)
                } else {
                    Reply::new(200, "application/rss+xml", feed.clone())
                        .header("Last-Modified", MODIFIED)
                }
            }
            "/monde/stable.html" => {
                if hit.headers.get("if-none-match").map(String::as_str) == Some(ETAG) {
                    Reply::status(304).header("ETag", ETAG)
                } else {
                    Reply::html(page("Stable", "Une page qui ne change pas.")).header("ETag", ETAG)
                }
            }
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let first = fetch(&[server.url("/rss.xml")], dir.path(), &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let saved = std::fs::read(dir.path().join("stable.html")).expect("saved page");
    assert!(!server.hits("/monde/stable.html")[0]
        .headers
        .contains_key("if-none-match"));

    // The WARC name has the second; the second run must not reuse the first's file.
    let second = fetch(&[server.url("/rss.xml")], dir.path(), &[]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(0), "{err}");
    let asked = server.hits("/monde/stable.html");
    assert_eq!(asked.len(), 2);
    assert_eq!(
        asked[1].headers.get("if-none-match").map(String::as_str),
        Some(ETAG)
    );
    assert_eq!(
        server.hits("/rss.xml")[1]
            .headers
            .get("if-modified-since")
            .map(String::as_str),
        Some(MODIFIED)
    );
    assert!(
        err.contains("feeds: 0 fetched, 1 unchanged; pages: 0 fetched, 1 unchanged"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("stable.html")).expect("still there"),
        saved
    );
    assert_eq!(warcs(dir.path()).len(), 2, "one WARC file per run");
}

#[test]
fn a_redirect_is_followed_and_saved_under_the_final_name() {
    let server = Server::start(|base| {
        let feed = rss(&[&format!("{base}/r/123")]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/r/123" => Reply::status(301).header("Location", "/monde/article-final.html"),
            "/monde/article-final.html" => {
                Reply::html(page("Final", "La page atteinte après la redirection."))
            }
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(&[server.url("/rss.xml")], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        dir.path().join("article-final.html").is_file(),
        "the final URL's name"
    );
    assert!(
        dir.path().join("123.html").is_file(),
        "and the name the feed reader looks for"
    );
    let items = extract(&dir.path().join(feed_file(&server)), "feed");
    let items = docs(&items);
    let text = items[0]["text"].as_str().unwrap_or("");
    assert!(
        text.contains("La page atteinte après la redirection."),
        "{text}"
    );
    // The archive keeps the redirect and the page, at the final URL.
    let archived = docs(&extract(&warcs(dir.path())[0], "warc"));
    assert_eq!(archived.len(), 1);
    assert_eq!(
        archived[0]["url"].as_str(),
        Some(server.url("/monde/article-final.html").as_str())
    );
}

#[test]
fn two_urls_wanting_one_name_and_a_file_of_yours() {
    let server = Server::start(|base| {
        let feed = rss(&[
            &format!("{base}/monde/index.html"),
            &format!("{base}/france/index.html"),
            &format!("{base}/monde/notes.html"),
        ]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/monde/index.html" => Reply::html(page("Monde", "La page du monde.")),
            "/france/index.html" => Reply::html(page("France", "La page de la France.")),
            "/monde/notes.html" => Reply::html(page("Notes", "Une page de notes.")),
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.html"), "mes notes").expect("write");
    let out = fetch(&[server.url("/rss.xml")], dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let monde = std::fs::read_to_string(dir.path().join("index.html")).expect("index.html");
    assert!(
        monde.contains("La page du monde."),
        "the first item keeps the name"
    );
    assert!(
        err.contains("france/index.html") && err.contains("saved as index-"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.html")).expect("notes.html"),
        "mes notes",
        "a file of yours is not overwritten"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("notes-") && n.ends_with(".html")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("index-") && n.ends_with(".html")),
        "{names:?}"
    );
}

#[test]
fn a_timeout_fails_after_the_retries_and_the_batch_goes_on() {
    let server = Server::start(|base| {
        let feed = rss(&[&format!("{base}/lent.html"), &format!("{base}/rapide.html")]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/lent.html" => Reply {
                delay: Duration::from_secs(4),
                ..Reply::html(page("Lent", "Trop tard."))
            },
            "/rapide.html" => Reply::html(page("Rapide", "Une page qui répond vite.")),
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    let out = fetch(
        &[server.url("/rss.xml")],
        dir.path(),
        &["--timeout", "1", "--retries", "1"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        server.hits("/lent.html").len(),
        2,
        "tried, then tried again once"
    );
    assert!(
        err.contains(&server.url("/lent.html")) && err.contains("timed out after 1 s"),
        "{err}"
    );
    assert!(err.contains("1 failed"), "{err}");
    assert!(
        dir.path().join("rapide.html").is_file(),
        "the batch went on"
    );
    assert!(!dir.path().join("lent.html").exists());
}

#[test]
fn a_body_over_the_cap_is_not_saved() {
    let big = "x".repeat(50_000);
    let server = Server::start(|base| {
        let feed = rss(&[
            &format!("{base}/gros.html"),
            &format!("{base}/gros-sans-longueur.html"),
            &format!("{base}/petit.html"),
        ]);
        Box::new(move |hit: &Hit, _| match hit.path.as_str() {
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/gros.html" => Reply::html(page("Gros", &big)),
            "/gros-sans-longueur.html" => Reply {
                unannounced: true,
                ..Reply::html(page("Gros", &big))
            },
            "/petit.html" => Reply::html(page("Petit", "Une petite page.")),
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(
        &[server.url("/rss.xml")],
        dir.path(),
        &["--max-bytes", "20000"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("over --max-bytes 20000"), "{err}");
    assert!(err.contains("2 too large"), "{err}");
    assert_eq!(server.hits("/gros.html").len(), 1, "not tried again");
    assert!(!dir.path().join("gros.html").exists());
    assert!(!dir.path().join("gros-sans-longueur.html").exists());
    assert!(dir.path().join("petit.html").is_file());
}

#[test]
fn a_503_then_200_is_retried_and_saved() {
    let server = Server::start(|base| {
        let feed = rss(&[&format!("{base}/instable.html")]);
        Box::new(move |hit: &Hit, n| match hit.path.as_str() {
            "/rss.xml" => Reply::new(200, "application/rss+xml", feed.clone()),
            "/instable.html" if n == 0 => Reply::status(503).header("Retry-After", "0"),
            "/instable.html" => Reply::html(page("Instable", "Une page revenue.")),
            _ => Reply::status(404),
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch(&[server.url("/rss.xml")], dir.path(), &["--retries", "2"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(server.hits("/instable.html").len(), 2);
    assert!(
        err.contains("HTTP 503") && err.contains("try 2 of 3"),
        "{err}"
    );
    assert!(dir.path().join("instable.html").is_file());
    // Both responses are archived; only the page reads as a document.
    let archived = extract(&warcs(dir.path())[0], "warc");
    assert_eq!(docs(&archived).len(), 1);
    assert!(
        stderr(&archived).contains("HTTP 503"),
        "{}",
        stderr(&archived)
    );
}

#[test]
fn help_teaches_and_bad_usage_is_status_2() {
    let help = depeche(&["fetch", "--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for needle in [
        "robots.txt",
        "Exit status",
        "--input feed",
        "--input warc",
        "304",
    ] {
        assert!(text.contains(needle), "--help lacks {needle}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out_dir = dir.path().to_str().unwrap_or("");
    for url in [
        "ftp://example.org/rss.xml",
        "not a url",
        "file:///etc/hosts",
    ] {
        let out = depeche(&["fetch", url, "--out", out_dir]);
        assert_eq!(out.status.code(), Some(2), "{url}: {}", stderr(&out));
    }
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let out = depeche(&[
        "fetch",
        "http://127.0.0.1:9/rss.xml",
        "--out",
        file.to_str().unwrap_or(""),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a directory"));
    let out = depeche(&[
        "fetch",
        "http://127.0.0.1:9/",
        "--out",
        out_dir,
        "--rate",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // A WARC file that cannot be created: nothing is fetched, status 3.
    let missing = dir.path().join("no-such-dir").join("x.warc.gz");
    let out = depeche(&[
        "fetch",
        "http://127.0.0.1:9/rss.xml",
        "--out",
        out_dir,
        "--warc",
        missing.to_str().unwrap_or(""),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}
