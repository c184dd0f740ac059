//! The real `funnel` binary under `--locale vi`: every refusal a user can
//! provoke is said in Vietnamese, and the same refusal under the default
//! locale is the English one, with the same exit status.

use super::Sandbox;

/// Words of English sentences; none may be left in a Vietnamese message
/// (flags, commands, typed values and a list's allowed words aside, which
/// are not among these).
const ENGLISH: &[&str] = &[
    "not", "is", "the", "found", "nothing", "was", "written", "busy", "database", "unknown",
    "must", "empty", "another", "process", "try", "again", "file", "number", "date", "one", "of",
    "use", "today", "tomorrow", "given", "both", "before", "after", "ends", "starts", "already",
    "exists", "named", "outside", "years", "keeps", "action", "tab", "range", "out", "whole",
    "count", "key",
];

fn english_words(message: &str) -> Vec<&'static str> {
    let words: Vec<String> = message
        // `next_tab`, `ctrl-r`: what a user types is one word.
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map(str::to_lowercase)
        .collect();
    ENGLISH
        .iter()
        .copied()
        .filter(|e| words.iter().any(|w| w == e))
        .collect()
}

fn with_records() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["person", "add", "An Nguyễn"]);
    s.ok(&[
        "campaign",
        "add",
        "Tết 2027",
        "--start",
        "2026-12-01",
        "--end",
        "2027-02-10",
    ]);
    s.ok(&[
        "objective",
        "add",
        "Tăng khách quay lại",
        "--metric",
        "revenue",
        "--baseline",
        "0",
        "--target",
        "500000000",
        "--deadline",
        "2026-12-31",
    ]);
    s
}

/// Fails `args` in both locales: the Vietnamese line has no English
/// sentence left and differs from the English one, which has.
fn refused_in_both(s: &Sandbox, what: &str, args: &[&str]) -> String {
    let en = s.fails(args);
    let vi_args: Vec<&str> = ["--locale", "vi"].iter().chain(args).copied().collect();
    let vi = s.fails(&vi_args);
    assert!(vi.starts_with("funnel: "), "{what}: {vi}");
    assert_eq!(
        english_words(&vi),
        Vec::<&str>::new(),
        "{what}: English left in '{vi}'"
    );
    assert!(
        !english_words(&en).is_empty(),
        "{what}: the English message '{en}' is not English"
    );
    assert_ne!(en, vi, "{what}");
    vi
}

#[test]
fn bad_values_and_unknown_names_are_refused_in_vietnamese() {
    let s = with_records();
    let before = s.ok(&["export"]);
    let cases: &[(&str, &[&str])] = &[
        (
            "a bad date",
            &["task", "add", "Viết bài", "--due", "thứ mười"],
        ),
        (
            "a day past the years kept",
            &["task", "add", "Viết bài", "--due", "3000-01-01"],
        ),
        (
            "a bad amount",
            &[
                "campaign",
                "add",
                "Hè",
                "--start",
                "2026-12-01",
                "--end",
                "2026-12-31",
                "--budget",
                "1x",
            ],
        ),
        (
            "a bad KPI value",
            &["kpi", "record", "2026-11-20", "visits=abc"],
        ),
        (
            "a KPI count that is not whole",
            &["kpi", "record", "2026-11-20", "visits=1,5"],
        ),
        (
            "an unknown metric",
            &["kpi", "record", "2026-11-20", "khach=3"],
        ),
        (
            "an unknown person",
            &["task", "add", "Viết bài", "--assignee", "Bình"],
        ),
        (
            "an unknown campaign",
            &["task", "add", "Viết bài", "--campaign", "Trung thu"],
        ),
        (
            "an unknown objective title",
            &["objective", "rm", "Doanh thu"],
        ),
        ("an empty title", &["task", "add", "   "]),
        (
            "a campaign ending before it starts",
            &[
                "campaign",
                "add",
                "Hè",
                "--start",
                "2026-12-31",
                "--end",
                "2026-12-01",
            ],
        ),
        ("a name taken", &["person", "add", "an nguyễn"]),
    ];
    for (what, args) in cases {
        refused_in_both(&s, what, args);
    }
    let export = s.file("export.json", &before);
    refused_in_both(&s, "an import into records", &["import", &export]);
    refused_in_both(&s, "the demo over records", &["demo"]);
    assert_eq!(s.ok(&["export"]), before, "nothing was written");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_in_vietnamese() {
    let s = Sandbox::new();
    let path = s.file("notes.txt", "không phải cơ sở dữ liệu\n");
    let vi = refused_in_both(&s, "not a database", &["--db", &path, "task", "list"]);
    assert!(vi.contains("không phải cơ sở dữ liệu của funnel"), "{vi}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "không phải cơ sở dữ liệu\n",
        "left alone"
    );
}

#[test]
fn bad_config_values_and_key_bindings_are_refused_in_vietnamese() {
    let s = with_records();
    let week = s.file("week.toml", "week_start = \"friday\"\n");
    refused_in_both(&s, "a bad week start", &["--config", &week, "task", "list"]);
    let window = s.file("window.toml", "churn_window_days = 0\n");
    refused_in_both(
        &s,
        "a churn window out of range",
        &["--config", &window, "task", "list"],
    );
    let key = s.file("phim.toml", "[keys]\nquit = [\"xyz-abc\"]\n");
    refused_in_both(&s, "a key that is no key", &["--config", &key, "snapshot"]);
    let action = s.file("thao_tac.toml", "[keys]\nfly = [\"f\"]\n");
    refused_in_both(
        &s,
        "an action that is none",
        &["--config", &action, "snapshot"],
    );
    let shadowed = s.file("shadowed.toml", "[keys]\nquit = [\"a\"]\n");
    let vi = refused_in_both(&s, "a quit key taken", &["--config", &shadowed, "snapshot"]);
    assert!(
        vi.contains("thẻ Công việc"),
        "the tab in the reader's words: {vi}"
    );
    // The config's own locale is used where no --locale is given.
    let vi_config = s.file("vi.toml", "locale = \"vi\"\nweek_start = \"friday\"\n");
    let err = s.fails(&["--config", &vi_config, "task", "list"]);
    assert!(err.contains("không phải là một trong"), "{err}");
}

#[test]
fn a_busy_database_is_refused_in_vietnamese() {
    let s = with_records();
    let holder = rusqlite::Connection::open(&s.db).expect("open");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    let mut cmd = s.cmd();
    let out = cmd
        .env("FUNNEL_BUSY_MS", "200")
        .args(["--locale", "vi", "task", "add", "Viết bài"])
        .assert()
        .code(1);
    let vi = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(vi.contains("cơ sở dữ liệu đang bận"), "{vi}");
    assert_eq!(english_words(&vi), Vec::<&str>::new(), "{vi}");
    holder.execute_batch("ROLLBACK").expect("release");
    assert!(
        !s.ok(&["task", "list"]).contains("Viết bài"),
        "nothing was written"
    );
}
