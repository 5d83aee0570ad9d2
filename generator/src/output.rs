//! Writing a generated crate to disk: all or nothing, and a check that a folder is up to date.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::emit::File;

/// How a folder compares with what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirStatus {
    /// Every file is identical and there is no extra file under `src/`.
    UpToDate,
    /// These paths (relative to the folder) differ, are missing, or should not be there.
    Stale(Vec<String>),
}

/// Compares `dir` with `files`.
pub fn check_dir(dir: &Path, files: &[File]) -> DirStatus {
    let mut stale = Vec::new();
    for file in files {
        if std::fs::read_to_string(dir.join(&file.path)).ok().as_deref() != Some(file.contents.as_str()) {
            stale.push(file.path.clone());
        }
    }
    for extra in rust_files(&dir.join("src")) {
        let relative = extra
            .strip_prefix(dir)
            .unwrap_or(&extra)
            .to_string_lossy()
            .replace('\\', "/");
        if !files.iter().any(|f| f.path == relative) {
            stale.push(relative);
        }
    }
    if stale.is_empty() {
        DirStatus::UpToDate
    } else {
        stale.sort();
        DirStatus::Stale(stale)
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// Writes `files` as the crate in `dir`, replacing its `src/` and generated files. The new crate
/// is written to a sibling temporary folder first and moved into place only when complete, so a
/// failure leaves `dir` as it was.
pub fn write_dir(dir: &Path, files: &[File]) -> Result<(), Diagnostic> {
    let io = |path: &Path, what: &str, e: std::io::Error| Diagnostic::new(path, "", format!("cannot {what}: {e}"));
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io(parent, "create the folder", e))?;
    let name = dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| {
        // Keep files the generator does not own (e.g. a README or tests/ added by hand).
        if dir.exists() {
            copy_tree(dir, &staging, &|p| {
                p.starts_with(dir.join("src")) || files.iter().any(|f| dir.join(&f.path) == p)
            })
            .map_err(|e| io(dir, "copy the existing crate", e))?;
        }
        for file in files {
            let path = staging.join(&file.path);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(|e| io(p, "create the folder", e))?;
            }
            std::fs::write(&path, &file.contents).map_err(|e| io(&path, "write", e))?;
        }
        let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
        if dir.exists() {
            std::fs::rename(dir, &backup).map_err(|e| io(dir, "move the old crate aside", e))?;
        }
        if let Err(e) = std::fs::rename(&staging, dir) {
            let _ = std::fs::rename(&backup, dir);
            return Err(io(dir, "move the new crate into place", e));
        }
        let _ = std::fs::remove_dir_all(&backup);
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn copy_tree(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        if skip(&path) || path.file_name().is_some_and(|n| n == "target") {
            continue;
        }
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target, skip)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}
