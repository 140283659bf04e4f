//! What one run of `depeche fetch` leaves for the next in its directory: `DIR/.depeche-fetch.json`.
//!
//! ```json
//! {"version": 1,
//!  "urls": {"https://ex.org/monde/a.html": {"file": "a.html", "etag": "\"abc\"",
//!           "last_modified": "Mon, 21 Dec 2015 00:09:00 GMT", "fetched": "2026-01-02T03:04:05Z"}},
//!  "files": {"a.html": "https://ex.org/monde/a.html"}}
//! ```
//!
//! `urls` holds, for every URL that answered 200, the file its body was saved in and its
//! validators; the next run sends them back (`If-None-Match`, `If-Modified-Since`) as long as
//! that file is still there, so a `304 Not Modified` always has a saved body behind it.
//! `files` says which URL owns each file name, so that a name stays with the URL that first
//! took it, run after run, and a later URL wanting the same name gets another one (see
//! `super::names`). A file already in the directory that the state does not know is never
//! overwritten.
//!
//! The file is written whole to a temporary name and renamed, so a run killed while writing it
//! leaves the previous state. A state file that cannot be read is named in a warning and
//! replaced: the run then fetches everything again, unconditionally.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The state file's name in the output directory.
pub const STATE_FILE: &str = ".depeche-fetch.json";
const VERSION: u32 = 1;

/// What is known of one URL.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct UrlState {
    /// The file (in the directory) its body was saved in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When it was last fetched with a 200 (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    #[serde(default)]
    urls: BTreeMap<String, UrlState>,
    #[serde(default)]
    files: BTreeMap<String, String>,
}

/// The fetch state of a directory, in memory.
#[derive(Debug)]
pub struct FetchState {
    dir: PathBuf,
    data: StateFile,
    dirty: bool,
}

impl FetchState {
    /// The state of `dir`: empty when there is no state file; empty with a warning when the
    /// file cannot be read or parsed.
    pub fn load(dir: &Path) -> (FetchState, Option<String>) {
        let path = dir.join(STATE_FILE);
        let empty = StateFile {
            version: VERSION,
            ..StateFile::default()
        };
        let (data, warning) = match std::fs::read(&path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => (empty, None),
            Err(err) => (
                empty,
                Some(format!(
                    "{}: {err}; every URL is fetched again",
                    path.display()
                )),
            ),
            Ok(bytes) => match serde_json::from_slice::<StateFile>(&bytes) {
                Ok(data) if data.version == VERSION => (data, None),
                Ok(data) => (
                    empty,
                    Some(format!(
                        "{}: state version {} is not {VERSION}; every URL is fetched again",
                        path.display(),
                        data.version
                    )),
                ),
                Err(err) => (
                    empty,
                    Some(format!(
                        "{}: not a fetch state ({err}); every URL is fetched again",
                        path.display()
                    )),
                ),
            },
        };
        (
            FetchState {
                dir: dir.to_path_buf(),
                data,
                dirty: false,
            },
            warning,
        )
    }

    /// The validators to send for `url`: its ETag and Last-Modified, when its saved file is
    /// still in the directory.
    pub fn validators(&self, url: &str) -> Option<&UrlState> {
        let known = self.data.urls.get(url)?;
        let file = known.file.as_deref()?;
        let usable = known.etag.is_some() || known.last_modified.is_some();
        (usable && self.dir.join(file).is_file()).then_some(known)
    }

    /// What is known of `url`.
    pub fn get(&self, url: &str) -> Option<&UrlState> {
        self.data.urls.get(url)
    }

    /// Records a 200 for `url`, saved in `file`.
    pub fn record(&mut self, url: &str, state: UrlState) {
        self.data.urls.insert(url.to_string(), state);
        self.dirty = true;
    }

    /// Gives `name` to `url` if it is free: owned by no URL and not an existing file, or
    /// already `url`'s. Returns whether `url` now owns it.
    pub fn claim(&mut self, name: &str, url: &str) -> bool {
        match self.data.files.get(name) {
            Some(owner) => owner == url,
            None => {
                if self.dir.join(name).exists() {
                    return false;
                }
                self.data.files.insert(name.to_string(), url.to_string());
                self.dirty = true;
                true
            }
        }
    }

    /// Writes the state file, through a temporary file renamed over it; nothing when nothing
    /// changed.
    pub fn save(&mut self) -> io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let path = self.dir.join(STATE_FILE);
        let tmp = self.dir.join(format!("{STATE_FILE}.tmp"));
        let json = serde_json::to_vec_pretty(&self.data).map_err(io::Error::other)?;
        {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&json)?;
            file.write_all(b"\n")?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, &path)?;
        self.dirty = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_need_the_saved_file_and_the_state_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut state, warning) = FetchState::load(dir.path());
        assert!(warning.is_none());
        assert!(state.claim("a.html", "https://ex.org/a.html"));
        state.record(
            "https://ex.org/a.html",
            UrlState {
                file: Some("a.html".into()),
                etag: Some("\"v1\"".into()),
                ..UrlState::default()
            },
        );
        assert!(
            state.validators("https://ex.org/a.html").is_none(),
            "no file yet"
        );
        std::fs::write(dir.path().join("a.html"), "x").expect("write");
        assert!(state.validators("https://ex.org/a.html").is_some());
        state.save().expect("save");
        let (mut again, warning) = FetchState::load(dir.path());
        assert!(warning.is_none());
        assert_eq!(
            again
                .validators("https://ex.org/a.html")
                .and_then(|s| s.etag.as_deref()),
            Some("\"v1\"")
        );
        assert!(again.claim("a.html", "https://ex.org/a.html"));
        assert!(!again.claim("a.html", "https://ex.org/other/a.html"));
        std::fs::write(dir.path().join("mine.html"), "x").expect("write");
        assert!(
            !again.claim("mine.html", "https://ex.org/mine.html"),
            "a file of the user's"
        );
    }

    #[test]
    fn a_damaged_state_is_a_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(STATE_FILE), "{not json").expect("write");
        let (state, warning) = FetchState::load(dir.path());
        assert!(warning.is_some_and(|w| w.contains("not a fetch state")));
        assert!(state.get("x").is_none());
    }
}
