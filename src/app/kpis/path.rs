//! Completing a file path as it is typed: `Tab` (or `→`) extends it to
//! the longest start the matching entries of its folder share, as a shell
//! does; a folder reached so ends with `/`, and `~` stands for the home
//! folder.

use std::path::{Path, PathBuf};

/// The folder a path typed as `~/…` starts from: `$HOME`.
pub fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// The path `typed` names, `~` at its start being `home`.
pub fn expand(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(typed),
    }
}

/// What `Tab` made of the text typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completion {
    /// The text, extended as far as the matching entries agree.
    pub text: String,
    /// The names of the folder's entries that match, folders ending with
    /// `/`, sorted; shown where more than one is left.
    pub matches: Vec<String>,
}

/// The completion of `typed`: the entries of its folder whose names start
/// with what follows its last `/` (hidden ones only where a `.` is typed),
/// and the text extended to the start they share. A folder that is the
/// only match gets its `/`, so the next `Tab` lists what is inside.
pub fn complete(typed: &str, home: Option<&Path>) -> Completion {
    let typed_text = if typed == "~" { "~/" } else { typed };
    let (dir, stem) = match typed_text.rfind('/') {
        Some(i) => typed_text.split_at(i + 1),
        None => ("", typed_text),
    };
    let folder = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        expand(dir, home)
    };
    let mut matches: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let wanted =
                name.starts_with(stem) && (stem.starts_with('.') || !name.starts_with('.'));
            // A link to a folder is completed as the folder.
            let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            wanted.then(|| if is_dir { name + "/" } else { name })
        })
        .collect();
    matches.sort();
    let shared = match matches.as_slice() {
        [] => stem.to_string(),
        [only] => only.clone(),
        [first, rest @ ..] => rest
            .iter()
            .fold(first.clone(), |common, m| shared_start(&common, m)),
    };
    // Never shorter than typed: a folder that cannot be read completes
    // nothing.
    let shared = if shared.len() < stem.len() {
        stem.to_string()
    } else {
        shared
    };
    Completion {
        text: format!("{dir}{shared}"),
        matches,
    }
}

/// The longest start `a` and `b` share, whole characters only.
fn shared_start(a: &str, b: &str) -> String {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for f in [
            "orders-nov.csv",
            "orders-dec.csv",
            "ads.xlsx",
            ".hidden.csv",
        ] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("exports")).expect("mkdir");
        std::fs::write(dir.path().join("exports/shop.csv"), "x").expect("write");
        std::fs::create_dir(dir.path().join("Đơn hàng")).expect("mkdir");
        dir
    }

    fn at(dir: &Path, rest: &str) -> String {
        format!("{}/{rest}", dir.display())
    }

    #[test]
    fn tab_extends_to_the_start_the_matches_share_and_lists_them() {
        let dir = tree();
        let c = complete(&at(dir.path(), "ord"), None);
        assert_eq!(c.text, at(dir.path(), "orders-"));
        assert_eq!(c.matches, ["orders-dec.csv", "orders-nov.csv"]);
        let c = complete(&at(dir.path(), "orders-n"), None);
        assert_eq!(c.text, at(dir.path(), "orders-nov.csv"));
        assert_eq!(c.matches, ["orders-nov.csv"]);
    }

    #[test]
    fn a_folder_gets_its_slash_and_then_lists_what_is_inside() {
        let dir = tree();
        let c = complete(&at(dir.path(), "ex"), None);
        assert_eq!(c.text, at(dir.path(), "exports/"));
        let c = complete(&c.text, None);
        assert_eq!(c.text, at(dir.path(), "exports/shop.csv"));
        // Accented names complete by whole characters.
        let c = complete(&at(dir.path(), "Đ"), None);
        assert_eq!(c.text, at(dir.path(), "Đơn hàng/"));
    }

    #[test]
    fn hidden_entries_only_where_a_dot_is_typed() {
        let dir = tree();
        let c = complete(&at(dir.path(), ""), None);
        assert!(!c.matches.iter().any(|m| m.starts_with('.')), "{c:?}");
        assert_eq!(c.matches.len(), 5);
        let c = complete(&at(dir.path(), "."), None);
        assert_eq!(c.text, at(dir.path(), ".hidden.csv"));
    }

    #[test]
    fn no_match_or_no_folder_keeps_what_was_typed() {
        let dir = tree();
        let typed = at(dir.path(), "zzz");
        assert_eq!(
            complete(&typed, None),
            Completion {
                text: typed.clone(),
                matches: vec![]
            }
        );
        let typed = at(dir.path(), "nowhere/or");
        assert_eq!(complete(&typed, None).text, typed);
    }

    #[test]
    fn tilde_is_the_home_folder_and_stays_as_typed() {
        let dir = tree();
        let home = Some(dir.path());
        assert_eq!(complete("~", home).matches.len(), 5);
        assert_eq!(complete("~/ads", home).text, "~/ads.xlsx");
        assert_eq!(complete("~/exports/s", home).text, "~/exports/shop.csv");
        assert_eq!(expand("~/ads.xlsx", home), dir.path().join("ads.xlsx"));
        assert_eq!(expand("~", home), dir.path());
        // Without a home, or not at the start, `~` is a plain character.
        assert_eq!(expand("~/a.csv", None), PathBuf::from("~/a.csv"));
        assert_eq!(expand("a~/b", home), PathBuf::from("a~/b"));
    }
}
