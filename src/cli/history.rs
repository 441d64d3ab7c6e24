//! `breaking --against git:REF --history`: every earlier state of the project in REF's
//! history (what a schema registry keeps as "all registered versions"), read with one
//! `git log` walk and one `git cat-file --batch`, each distinct file content once.
//!
//! The walk follows REF's first parents back from REF, over the commits that touched the
//! project's folder. The state before each such commit is the state after it with the
//! commit's changes undone, so every earlier state comes from REF's tree and the walk
//! alone, without asking git for each commit's tree.

use super::baseline::{cat_batch, git, repo_of, File};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// An earlier state: the commit it is the state before (short id), and its files.
pub struct State {
    pub commit: String,
    pub files: Vec<File>,
    /// The files that commit changed (indices into `files`): the only place where this
    /// state holds a definition no newer state holds.
    pub fresh: Vec<usize>,
}

/// Every state of the project's `.truth` files before REF's, newest first; each file
/// content is read once (a content shared by many states is one `File` cloned).
pub fn read(path: &Path, rev: &str) -> miette::Result<Vec<State>> {
    let repo = repo_of(path, rev)?;
    let prefix = repo.prefix.as_str();
    let scope = if prefix.is_empty() { "." } else { prefix };
    // REF's own tree, with blob ids.
    let listing = git(&repo.top, &["ls-tree", "-r", "-z", &repo.commit, "--", scope])?;
    let mut state: BTreeMap<String, String> = BTreeMap::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        // `<mode> blob <id>\t<path>`
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        let id = meta.split_whitespace().nth(2).unwrap_or_default();
        if name.ends_with(".truth") {
            state.insert(name.to_string(), id.to_string());
        }
    }
    let log = git(
        &repo.top,
        &[
            "log",
            "--first-parent",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "-z",
            "--format=%x01%H",
            &repo.commit,
            "--",
            scope,
        ],
    )?;
    let mut states: Vec<(String, BTreeMap<String, String>, Vec<String>)> = Vec::new();
    for record in log.split('\x01').filter(|r| !r.is_empty()) {
        let (hash, rest) = record.split_once('\0').unwrap_or((record, ""));
        let mut tokens = rest.trim_start_matches('\n').split('\0');
        let mut touched = Vec::new();
        while let Some(meta) = tokens.next() {
            if meta.is_empty() {
                continue;
            }
            let Some(name) = tokens.next() else { break };
            // `:<old mode> <new mode> <old id> <new id> <status>`
            let parts: Vec<&str> = meta.trim_start_matches(':').split_whitespace().collect();
            if parts.len() < 5 || !name.ends_with(".truth") {
                continue;
            }
            let (old_id, status) = (parts[2], parts[4]);
            // Undo the commit: what it added did not exist before it.
            if status.starts_with('A') {
                state.remove(name);
            } else {
                state.insert(name.to_string(), old_id.to_string());
                touched.push(name.to_string());
            }
        }
        // The state before this commit is an earlier state, unless it is empty (before
        // the project existed) or the commit touched no contract.
        if !touched.is_empty() && !state.is_empty() {
            let short = hash.get(..10).unwrap_or(hash).to_string();
            states.push((short, state.clone(), touched));
        }
    }
    let mut ids: Vec<String> = states.iter().flat_map(|(_, s, _)| s.values().cloned()).collect();
    ids.sort();
    ids.dedup();
    let contents = cat_batch(&repo.top, &ids)?;
    let blobs: HashMap<String, Vec<u8>> = ids.into_iter().zip(contents).collect();
    Ok(states
        .into_iter()
        .map(|(commit, files, touched)| State {
            fresh: files
                .keys()
                .enumerate()
                .filter(|(_, name)| touched.contains(name))
                .map(|(k, _)| k)
                .collect(),
            files: files
                .iter()
                .map(|(name, id)| File {
                    name: format!("git:{commit}:{}", name.strip_prefix(prefix).unwrap_or(name)),
                    bytes: blobs.get(id).cloned().unwrap_or_default(),
                })
                .collect(),
            commit,
        })
        .collect())
}
