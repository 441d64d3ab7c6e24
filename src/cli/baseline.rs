//! Reading the baseline of `breaking` and `changelog`: a folder, or `git:REV` read from
//! the project's repository with `git cat-file`, never touching the work tree.

use miette::{miette, IntoDiagnostic, WrapErr};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// A baseline file: the name shown to users and its bytes.
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads every `.truth` file of the baseline that corresponds to the project at `path`.
pub fn read(path: &Path, baseline: &str) -> miette::Result<Vec<File>> {
    match baseline.strip_prefix("git:") {
        Some(rev) => from_git(path, rev),
        None => {
            let dir = Path::new(baseline);
            let files =
                super::project::discover(dir).wrap_err_with(|| format!("cannot read the baseline `{baseline}`"))?;
            files
                .into_iter()
                .map(|p| {
                    let bytes = std::fs::read(&p)
                        .into_diagnostic()
                        .wrap_err_with(|| format!("cannot read `{}`", p.display()))?;
                    Ok(File {
                        name: p.display().to_string(),
                        bytes,
                    })
                })
                .collect()
        }
    }
}

pub(super) fn git(dir: &Path, args: &[&str]) -> miette::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .into_diagnostic()
        .wrap_err("cannot run `git`; is it installed?")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(miette!("git {}: {}", args.join(" "), err.trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The repository that holds a project, where the project is in it, and a revision.
pub(super) struct Repo {
    pub top: std::path::PathBuf,
    /// The project folder relative to `top`, with a trailing `/` (empty at the top).
    pub prefix: String,
    /// The revision's commit id.
    pub commit: String,
}

pub(super) fn repo_of(path: &Path, rev: &str) -> miette::Result<Repo> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(miette!(
            help = "write `git:main`, `git:v1.2.0` or `git:HEAD~1`",
            "`git:{rev}` is not a revision"
        ));
    }
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".").to_path_buf()
    } else {
        dir
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"])
        .wrap_err("the baseline `git:…` needs the project to be in a git repository")?;
    let top = Path::new(top.trim());
    let prefix = git(&dir, &["rev-parse", "--show-prefix"])?.trim().to_string();
    let commit = git(top, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).map_err(|_| {
        miette!(
            help = "check the branch, tag or commit name (`git log --oneline`)",
            "the revision `{rev}` does not exist in this repository"
        )
    })?;
    Ok(Repo {
        top: top.to_path_buf(),
        prefix,
        commit: commit.trim().to_string(),
    })
}

fn from_git(path: &Path, rev: &str) -> miette::Result<Vec<File>> {
    let Repo { top, prefix, commit } = repo_of(path, rev)?;
    let top = top.as_path();
    let listing = git(
        top,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            &commit,
            "--",
            if prefix.is_empty() { "." } else { &prefix },
        ],
    )?;
    let single = path.is_file().then(|| {
        format!(
            "{prefix}{}",
            path.file_name().map(|f| f.to_string_lossy()).unwrap_or_default()
        )
    });
    let names: Vec<String> = listing
        .split('\0')
        .filter(|n| n.ends_with(".truth"))
        .filter(|n| single.as_ref().is_none_or(|s| s == n))
        .map(str::to_string)
        .collect();
    if names.is_empty() {
        return Err(miette!("no `.truth` files under `{prefix}` at `{rev}`"));
    }
    // One `git cat-file --batch` for every file: fast on large projects.
    let requests: Vec<String> = names.iter().map(|n| format!("{commit}:{n}")).collect();
    let contents = cat_batch(top, &requests).map_err(|e| miette!("{e} at `{rev}`"))?;
    let files = names
        .iter()
        .zip(contents)
        .map(|(n, bytes)| File {
            name: format!("git:{rev}:{}", n.strip_prefix(&prefix).unwrap_or(n)),
            bytes,
        })
        .collect();
    Ok(files)
}

/// The contents of the objects `requests` (`REV:path` or a blob id), in order, from one
/// `git cat-file --batch`.
pub(super) fn cat_batch(top: &Path, requests: &[String]) -> miette::Result<Vec<Vec<u8>>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .into_diagnostic()?;
    let mut stdin = child.stdin.take().ok_or_else(|| miette!("git cat-file has no input"))?;
    let request: String = requests.iter().map(|r| format!("{r}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| miette!("git cat-file has no output"))?;
    let mut reader = BufReader::new(stdout);
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let mut header = String::new();
        reader.read_line(&mut header).into_diagnostic()?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| miette!("git cat-file could not read `{r}`: {}", header.trim()))?;
        let mut bytes = vec![0; size];
        reader.read_exact(&mut bytes).into_diagnostic()?;
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline).into_diagnostic()?;
        out.push(bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(out)
}
