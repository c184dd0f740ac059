//! The layers, checked on the source tree: SQLite is reached only through
//! `src/store`, and the screen code under `src/ui` only reads the `App`
//! (keys and writes go through `app::App::update`). A file breaking either
//! rule fails this test with its path and line.

use std::path::{Path, PathBuf};

/// Outside `src/store`, the files that open a database with `rusqlite`
/// themselves, and why: each plays another process or tool on the same
/// file, which funnel's own store cannot stand in for.
const SQLITE_ELSEWHERE: &[(&str, &str)] = &[
    (
        "tests/corpus.rs",
        "plants hostile titles and a newer schema version past funnel's rules",
    ),
    (
        "tests/dashboard_file.rs",
        "another process holding the write lock, or leaving its WAL behind",
    ),
    (
        "tests/durability.rs",
        "another process mid-write; reads a file back without funnel",
    ),
    (
        "tests/cli/errors_vi.rs",
        "another process holding the write lock",
    ),
    ("tests/e2e.rs", "another process holding the write lock"),
    ("tests/migration.rs", "reads the schema version a file has"),
    ("tests/orders.rs", "reads what an import stored, row by row"),
    (
        "tests/reliability.rs",
        "other processes holding locks and counting rows after kills",
    ),
    ("tests/rollup.rs", "another process holding the write lock"),
    (
        "tests/store.rs",
        "plants foreign and newer files, and checks how writes begin",
    ),
    ("tests/values.rs", "plants values past the schema's checks"),
];

/// Every `.rs` file under `dir`, relative to the crate.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The files of `dirs` (relative to the crate), as `(relative path, text)`.
fn sources(dirs: &[&str]) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a source file reads");
            let name = path
                .strip_prefix(root)
                .expect("under the crate")
                .to_string_lossy()
                .replace('\\', "/");
            (name, text)
        })
        .collect()
}

/// The lines of `text` that are code (not `//` comments), numbered from 1.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// What a use of the crate looks like; spelt in pieces so this file does
/// not match itself.
const SQLITE_NEEDLES: [&str; 3] = [
    concat!("rusqlite", "::"),
    concat!("use ", "rusqlite"),
    concat!("extern crate ", "rusqlite"),
];

/// Where `text` uses `rusqlite` in code, as `path:line`.
fn sqlite_uses(path: &str, text: &str) -> Vec<String> {
    code_lines(text)
        .filter(|(_, l)| SQLITE_NEEDLES.iter().any(|n| l.contains(n)))
        .map(|(n, _)| format!("{path}:{n}"))
        .collect()
}

/// `line` as identifiers and paths (`crate::app::App`, `mut`, `a`) and
/// single punctuation characters, whitespace dropped.
fn tokens(line: &str) -> Vec<String> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut out: Vec<String> = Vec::new();
    let mut in_word = false;
    for c in line.chars() {
        if word(c) {
            match out.last_mut() {
                Some(last) if in_word => last.push(c),
                _ => out.push(c.to_string()),
            }
            in_word = true;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            in_word = false;
        }
    }
    out
}

/// Whether `line` takes the app mutably: `&mut App`, `&'a mut App`, or
/// with a path (`&mut crate::app::App`).
fn takes_mut_app(line: &str) -> bool {
    let t = tokens(line);
    (0..t.len()).filter(|&i| t[i] == "&").any(|i| {
        let mut j = i + 1;
        if t.get(j).is_some_and(|s| s == "'") {
            j += 2;
        }
        t.get(j).is_some_and(|s| s == "mut")
            && t.get(j + 1)
                .is_some_and(|ty| ty.rsplit("::").next() == Some("App"))
    })
}

#[test]
fn rusqlite_stays_in_the_store_and_the_listed_test_files() {
    let mut stray = Vec::new();
    let mut listed_but_clean: Vec<&str> = SQLITE_ELSEWHERE.iter().map(|(p, _)| *p).collect();
    for (path, text) in sources(&["src", "tests", "benches"]) {
        if path.starts_with("src/store/") {
            continue;
        }
        let uses = sqlite_uses(&path, &text);
        if uses.is_empty() {
            continue;
        }
        if SQLITE_ELSEWHERE.iter().any(|(p, _)| *p == path) {
            listed_but_clean.retain(|p| *p != path);
        } else {
            stray.extend(uses);
        }
    }
    assert!(
        stray.is_empty(),
        "rusqlite outside src/store (go through the store, or list the test file with its reason):\n{}",
        stray.join("\n")
    );
    assert!(
        listed_but_clean.is_empty(),
        "listed as opening SQLite directly but no longer do (remove them from the list): {listed_but_clean:?}"
    );
}

#[test]
fn the_screen_code_never_takes_the_app_mutably() {
    let mut found = Vec::new();
    for (path, text) in sources(&["src/ui"]) {
        for (n, line) in code_lines(&text) {
            if takes_mut_app(line) {
                found.push(format!("{path}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "src/ui draws from the state and only reads it; these take &mut App:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_mutable_app_check_sees_the_forms_it_is_written_in() {
    for line in [
        "fn f(app: &mut App) {",
        "fn f(app: & mut App, x: u8)",
        "fn f<'a>(app: &'a mut App)",
        "fn f(app: &mut crate::app::App)",
        "let a: &mut App = x;",
    ] {
        assert!(takes_mut_app(line), "{line}");
    }
    for line in [
        "fn f(app: &App) {",
        "fn f(app: &mut AppState)",
        "fn f(tab: &mut TasksTab, app: &App)",
        "let mut app = App::new();",
    ] {
        assert!(!takes_mut_app(line), "{line}");
    }
}

#[test]
fn the_tab_modules_own_their_state_and_never_take_the_app() {
    let mut found = Vec::new();
    for (path, text) in sources(&[
        "src/app/tasks",
        "src/app/kpis",
        "src/app/plan",
        "src/app/strategy",
    ]) {
        for (n, line) in code_lines(&text) {
            let t = tokens(line);
            let impl_app = t.first().is_some_and(|s| s == "impl")
                && t.iter().any(|s| s.rsplit("::").next() == Some("App"));
            if takes_mut_app(line) || impl_app {
                found.push(format!("{path}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a tab changes its own state and returns an Effect; these reach into the App:\n{}",
        found.join("\n")
    );
}
