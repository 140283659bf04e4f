//! The inputs of a batch: command-line arguments expanded into files and standard input,
//! directories walked recursively in name order (hidden entries skipped), and the inputs'
//! total size for a progress bar.
//!
//! Inside a directory the walk takes only regular files and directories: reading a FIFO,
//! socket or device can block it forever, a symbolic link is followed only on request, and a
//! directory met twice (a link cycle) is read once.

use super::{Problem, ReadError};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// How directories are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Follow symbolic links met inside directories (`--follow`); a directory reached twice
    /// (a link cycle, or two links to one place) is read once.
    pub follow_links: bool,
}

/// The inputs of a batch, and what the walk skipped on the way (one message per entry,
/// naming it: symbolic links not followed, FIFOs, sockets, devices, link cycles).
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Result<Input, ReadError>>,
    pub skipped: Vec<String>,
}

/// Expands command-line arguments into inputs: `-` is standard input, a directory gives its
/// regular files recursively in name order (hidden entries skipped), a missing path an error.
///
/// A path named on the command line is taken as given, symbolic link or FIFO alike (as `cat`
/// would read it). Inside a directory only regular files and directories are taken: a
/// symbolic link is skipped unless [`WalkOptions::follow_links`], and a FIFO, socket or
/// device is always skipped, since reading one can block the walk forever. Every skip is
/// reported in [`Expanded::skipped`]. Directories are told apart by (device, inode) on Unix
/// (by canonical path elsewhere), so a link cycle ends the walk of that branch instead of
/// growing it forever.
pub fn expand_inputs(args: &[PathBuf], opts: WalkOptions) -> Expanded {
    let mut out = Expanded::default();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.inputs.push(Ok(Input::Stdin));
        } else if arg.is_dir() {
            // Each argument is walked whole, even one named twice (as `cat a a` reads a twice).
            walk_dir(arg, opts, &mut HashSet::new(), &mut out);
        } else if arg.exists() {
            out.inputs.push(Ok(Input::File(arg.clone())));
        } else {
            out.inputs.push(Err(ReadError {
                origin: arg.display().to_string(),
                problem: Problem::NotFound,
            }));
        }
    }
    out
}

/// Identifies a directory however it was reached.
#[cfg(unix)]
type DirKey = (u64, u64);
#[cfg(not(unix))]
type DirKey = PathBuf;

#[cfg(unix)]
fn dir_key(path: &Path) -> io::Result<DirKey> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_key(path: &Path) -> io::Result<DirKey> {
    std::fs::canonicalize(path)
}

/// Walks `root` depth first, entries in name order, with an explicit stack of directory
/// listings so that a deep tree cannot overflow the call stack.
fn walk_dir(root: &Path, opts: WalkOptions, seen: &mut HashSet<DirKey>, out: &mut Expanded) {
    let mut stack = Vec::new();
    if let Some(listing) = list_dir(root, seen, out) {
        stack.push(listing);
    }
    while let Some(listing) = stack.last_mut() {
        let Some((path, mut kind)) = listing.next() else {
            stack.pop();
            continue;
        };
        if kind.is_symlink() {
            if !opts.follow_links {
                out.skipped.push(format!(
                    "{}: skipped: a symbolic link (--follow follows them)",
                    path.display()
                ));
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(meta) => kind = meta.file_type(),
                Err(err) => {
                    out.skipped.push(format!(
                        "{}: skipped: a symbolic link that cannot be followed ({err})",
                        path.display()
                    ));
                    continue;
                }
            }
        }
        if kind.is_dir() {
            if let Some(listing) = list_dir(&path, seen, out) {
                stack.push(listing);
            }
        } else if kind.is_file() {
            out.inputs.push(Ok(Input::File(path)));
        } else {
            out.skipped.push(format!(
                "{}: skipped: not a regular file (a FIFO, socket or device)",
                path.display()
            ));
        }
    }
}

/// The entries of a directory not read before, hidden ones left out, sorted by name.
fn list_dir(
    dir: &Path,
    seen: &mut HashSet<DirKey>,
    out: &mut Expanded,
) -> Option<std::vec::IntoIter<(PathBuf, std::fs::FileType)>> {
    let dir_error = |err: io::Error| ReadError {
        origin: dir.display().to_string(),
        problem: Problem::Io(err.to_string()),
    };
    match dir_key(dir) {
        Ok(key) if !seen.insert(key) => {
            out.skipped.push(format!(
                "{}: skipped: a directory already read (a symbolic link cycle?)",
                dir.display()
            ));
            return None;
        }
        Ok(_) => {}
        Err(err) => {
            out.inputs.push(Err(dir_error(err)));
            return None;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            out.inputs.push(Err(dir_error(err)));
            return None;
        }
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Some(entries.into_iter())
}

/// Total size in bytes of the file inputs, for a progress bar (standard input counts 0).
pub fn total_bytes(inputs: &[Result<Input, ReadError>]) -> u64 {
    inputs
        .iter()
        .filter_map(|i| match i {
            Ok(Input::File(p)) => std::fs::metadata(p).ok().map(|m| m.len()),
            _ => None,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_names(expanded: &Expanded) -> Vec<String> {
        expanded
            .inputs
            .iter()
            .map(|i| match i {
                Ok(Input::File(p)) => p.file_name().unwrap().to_string_lossy().into_owned(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn walk_keeps_name_order_depth_first() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("b")).unwrap();
        for name in ["a.txt", "b/x.txt", "c.txt", ".hidden.txt"] {
            std::fs::write(d.join(name), "T").unwrap();
        }
        let expanded = expand_inputs(&[d.to_path_buf()], WalkOptions::default());
        assert_eq!(file_names(&expanded), ["a.txt", "x.txt", "c.txt"]);
        assert!(expanded.skipped.is_empty());
    }

    /// Regression (issue 20): two links to the directory itself made a walk that never ended.
    #[cfg(unix)]
    #[test]
    fn self_referencing_links_end_the_walk() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("a.txt"), "T").unwrap();
        std::fs::write(dir.path().join("outside.txt"), "T").unwrap();
        symlink(".", d.join("loop1")).unwrap();
        symlink(&d, d.join("loop2")).unwrap();
        symlink("../outside.txt", d.join("link.txt")).unwrap();
        symlink("no-such-target", d.join("broken")).unwrap();
        let plain = expand_inputs(std::slice::from_ref(&d), WalkOptions::default());
        assert_eq!(file_names(&plain), ["a.txt"]);
        assert_eq!(plain.skipped.len(), 4, "{:?}", plain.skipped);
        assert!(plain.skipped.iter().all(|s| s.contains("--follow")));
        let follow = WalkOptions { follow_links: true };
        let followed = expand_inputs(std::slice::from_ref(&d), follow);
        assert_eq!(file_names(&followed), ["a.txt", "link.txt"]);
        assert_eq!(followed.skipped.len(), 3, "{:?}", followed.skipped);
        assert!(followed.skipped.iter().any(|s| s.contains("broken")));
    }
}
