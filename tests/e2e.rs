//! The real binary in a real terminal (tmux): open the TUI on a new
//! database, add a task with the keys, mark it done, change the file from
//! a second process and see the screen follow, quit, and check the file.
//! `.ci/run` installs tmux where it is missing. The dashboards here poll
//! every 100 ms (the `FUNNEL_POLL_MS` test knob) so the suite waits less,
//! except where a test waits for a message the next poll may replace.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_funnel");

/// How long a test waits for the screen to reach the state it needs: long
/// enough for a loaded machine, and only reached when something is wrong.
/// How fast the dashboard follows is measured in the benchmarks.
const WAIT: Duration = Duration::from_secs(120);

#[path = "support/tmux.rs"]
mod support;
use support::Tmux;

/// `cmd` in a terminal of `w` x `h`, once its screen shows `ready`.
fn start(name: &str, cmd: &str, w: u16, h: u16, ready: &str) -> Tmux {
    let tmux = Tmux::start(name, cmd, w, h);
    tmux.wait_for(ready, WAIT);
    tmux
}

fn literal(tmux: &Tmux, text: &str) {
    tmux.run(&["send-keys", "-t", "t", "-l", text]);
}

fn alive(tmux: &Tmux) -> bool {
    tmux.run(&["has-session", "-t", "t"]).status.success()
}

fn funnel(db: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .env("FUNNEL_DB", db)
        .env("FUNNEL_TODAY", "2026-11-22")
        .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
        .args(args)
        .output()
        .expect("funnel runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn add_finish_see_outside_changes_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("e2e.db");
    funnel(&db, &["person", "add", "An Nguyễn"]);
    let cmd = format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{BIN}'",
        db.display(),
        dir.path().display()
    );
    let tmux = start("e2e", &cmd, 100, 30, "3 Tasks");
    tmux.wait_for("No tasks yet.", WAIT);

    tmux.keys(&["a"]);
    tmux.wait_for("New task", WAIT);
    literal(&tmux, "Viết bài Tết 🍵");
    tmux.keys(&["Tab", "Tab", "Tab"]);
    literal(&tmux, "an");
    tmux.keys(&["Right", "Enter"]);
    tmux.wait_for("Added task 1.", WAIT);
    let screen = tmux.screen();
    assert!(
        screen.contains("Viết bài Tết 🍵") && screen.contains("An Nguyễn"),
        "{screen}"
    );

    tmux.keys(&["Space"]);
    tmux.wait_for("Task 1 done. u to undo", WAIT);

    funnel(&db, &["task", "add", "Added from another shell"]);
    tmux.wait_for("Added from another shell", WAIT);
    funnel(&db, &["task", "done", "2"]);
    // Done elsewhere: hidden and counted; D shows it.
    tmux.wait_for("1 shown · 1 done hidden", WAIT);
    tmux.keys(&["D"]);
    tmux.wait_for("[✓] M Added from another shell", WAIT);

    tmux.keys(&["q"]);
    let start = Instant::now();
    while alive(&tmux) {
        assert!(start.elapsed() < WAIT, "funnel did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["task", "list", "--all", "--json"])).expect("json");
    assert_eq!(tasks[0]["title"], "Viết bài Tết 🍵");
    assert_eq!(tasks[0]["status"], "done");
    assert_eq!(tasks[0]["assignee_name"], "An Nguyễn");
    assert_eq!(tasks[1]["status"], "done");
    assert!(funnel(&db, &["check"]).contains(": ok"));
}

/// A dropped SSH connection or a closed tmux takes the terminal away: the
/// TUI must end, not spin on a terminal that is gone.
#[test]
fn a_vanished_terminal_ends_the_tui() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("gone.db");
    funnel(&db, &["task", "add", "one"]);
    let pidfile = dir.path().join("pid");
    let cmd = format!(
        "echo $$ > '{}'; exec env FUNNEL_DB='{}' FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' '{BIN}'",
        pidfile.display(),
        db.display(),
        dir.path().display()
    );
    let tmux = start("gone", &cmd, 80, 24, "3 Tasks");
    let pid = std::fs::read_to_string(&pidfile)
        .expect("pid")
        .trim()
        .to_string();
    let proc_dir = Path::new("/proc").join(&pid);
    tmux.run(&["kill-server"]);
    let start = Instant::now();
    // Gone, or a zombie waiting for its parent: either way not running.
    let running = || {
        std::fs::read_to_string(proc_dir.join("stat"))
            .map(|s| !s.contains(") Z"))
            .unwrap_or(false)
    };
    while running() {
        assert!(
            start.elapsed() < WAIT,
            "funnel {pid} still runs after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(funnel(&db, &["check"]).contains(": ok"));
}

/// The text of the first line of `screen` that starts with `label`.
fn row<'a>(screen: &'a str, label: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_default()
}

/// Imports made from the command line while the TUI shows the KPIs tab
/// reach its figures within a second of the import's end.
#[test]
fn imports_from_another_shell_reach_the_open_kpis_tab() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("kpis.db");
    funnel(&db, &["person", "add", "An"]);
    let cmd = format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{BIN}'",
        db.display(),
        dir.path().display()
    );
    let tmux = start("kpis", &cmd, 100, 30, "3 Tasks");
    tmux.keys(&["4"]);
    tmux.wait_for("Period 2026-11 (month)", WAIT);
    assert!(
        row(&tmux.screen(), "Customers ").contains('—'),
        "{}",
        tmux.screen()
    );

    // Three customers order in November; one of them also in October.
    let orders = dir.path().join("orders.csv");
    std::fs::write(
        &orders,
        "Order ID,Customer,Created at,Total\n\
         1,lan@example.vn,2026-10-03,250000\n2,lan@example.vn,2026-11-02,300000\n\
         3,minh@example.vn,2026-11-05,120000\n4,hoa@example.vn,2026-11-20,90000\n",
    )
    .expect("orders");
    funnel(&db, &["orders", "import", orders.to_str().expect("path")]);
    tmux.wait_for("Customers: from orders", WAIT);
    let screen = tmux.screen();
    assert!(row(&screen, "Customers  ").contains(" 3 "), "{screen}");
    assert!(row(&screen, "New customers").contains(" 2 "), "{screen}");

    let kpis = dir.path().join("ga.csv");
    std::fs::write(
        &kpis,
        "Date,Sessions,Conversions\n2026-11-10,1200,30\n2026-11-20,800,10\n",
    )
    .expect("kpis");
    funnel(&db, &["kpi", "import", kpis.to_str().expect("path")]);
    let start = Instant::now();
    while !row(&tmux.screen(), "Visits").contains("2,000") {
        assert!(start.elapsed() < WAIT, "{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    let screen = tmux.screen();
    assert!(row(&screen, "Conversions ").contains(" 40 "), "{screen}");
    assert!(row(&screen, "Conversion rate").contains("2.0%"), "{screen}");
    tmux.keys(&["q"]);
}

/// `Enter` on a procedure opens `$EDITOR` on its steps: the dashboard steps
/// aside, the editor's changes are saved, and the dashboard comes back.
#[test]
fn procedure_steps_open_in_the_users_editor() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("editor.db");
    funnel(&db, &["demo"]);
    let editor = dir.path().join("fake-editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Bước 1: gọi khách\\nBước 2: gửi quà\\n' > \"$1\"\n",
    )
    .expect("editor");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let cmd = format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' LANG=C.UTF-8 VISUAL= EDITOR='{}' '{BIN}'",
        db.display(),
        dir.path().display(),
        editor.display()
    );
    let tmux = start("editor", &cmd, 100, 30, "3 Tasks");
    tmux.keys(&["1"]);
    tmux.wait_for("Objectives", WAIT);
    // h from the first section wraps to the last: the procedures.
    tmux.keys(&["h"]);
    tmux.wait_for("Owner: Nguyễn Thu Hà", WAIT);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved:", WAIT);
    let screen = tmux.screen();
    assert!(screen.contains("Bước 1: gọi khách"), "{screen}");
    assert!(
        screen.contains("3 Tasks"),
        "the dashboard is back: {screen}"
    );
    let doc: serde_json::Value = serde_json::from_str(&funnel(&db, &["export"])).expect("json");
    let steps = doc["procedures"][0]["steps"].as_str().expect("steps");
    assert_eq!(steps, "Bước 1: gọi khách\nBước 2: gửi quà");
    tmux.keys(&["q"]);
}

/// The chain objective → segment → channel → campaign → task made with the
/// keyboard alone on a new database, the task finished on the Tasks tab
/// and the campaign's progress following on the Plan tab.
#[test]
fn a_strategy_and_a_campaign_with_a_task_made_with_the_keyboard() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("chain.db");
    let cmd = format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{BIN}'",
        db.display(),
        dir.path().display()
    );
    let tmux = start("chain", &cmd, 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);

    tmux.keys(&["1"]);
    wait("No objectives yet");
    // The objective: the metric completed with →, the direction left
    // to the values, the start kept.
    tmux.keys(&["a"]);
    wait("New objective");
    literal(&tmux, "Thêm khách sinh viên");
    tmux.keys(&["Tab"]);
    literal(&tmux, "new_cu");
    tmux.keys(&["Right", "Tab"]);
    literal(&tmux, "0");
    tmux.keys(&["Tab"]);
    literal(&tmux, "200");
    tmux.keys(&["Tab", "Tab", "Tab"]);
    literal(&tmux, "31/12/2026");
    tmux.keys(&["Enter"]);
    wait("Added objective “Thêm khách sinh viên”. u to undo");

    tmux.keys(&["l", "a"]);
    wait("New segment");
    literal(&tmux, "Sinh viên");
    tmux.keys(&["Enter"]);
    wait("Added segment “Sinh viên”.");

    tmux.keys(&["l", "a"]);
    wait("New channel");
    literal(&tmux, "TikTok");
    // The kind holds "other": cleared, then typed and completed.
    tmux.keys(&["Tab", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace"]);
    literal(&tmux, "soc");
    tmux.keys(&["Right", "Tab", "Tab"]);
    literal(&tmux, "sinh");
    tmux.keys(&["Right", "Enter"]);
    wait("Added channel “TikTok”.");

    // The campaign on the Plan tab, linked to all three by a few letters.
    tmux.keys(&["2"]);
    wait("No campaigns yet.");
    tmux.keys(&["a"]);
    wait("New campaign");
    literal(&tmux, "Ra mắt TikTok");
    tmux.keys(&["Tab"]);
    literal(&tmux, "them");
    tmux.keys(&["Right", "Tab"]);
    literal(&tmux, "sinh");
    tmux.keys(&["Right", "Tab"]);
    literal(&tmux, "tik");
    tmux.keys(&["Right", "Enter"]);
    wait("Added campaign “Ra mắt TikTok”.");
    wait("0 of 0 tasks done");

    tmux.keys(&["T"]);
    wait("New task");
    literal(&tmux, "Quay video mở hộp");
    tmux.keys(&["Enter"]);
    wait("Added task 1.");
    wait("0 of 1 tasks done");

    tmux.keys(&["3"]);
    wait("Quay video mở hộp");
    tmux.keys(&["Space"]);
    wait("Task 1 done.");
    tmux.keys(&["2"]);
    wait("1 of 1 tasks done");
    tmux.keys(&["q"]);

    let campaigns: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["campaign", "list", "--json"])).expect("json");
    let k = &campaigns[0];
    assert_eq!(k["name"], "Ra mắt TikTok");
    for (field, id) in [("objective", 1), ("segment", 1), ("channel", 1)] {
        assert_eq!(k[field], id, "{field}: {k}");
    }
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["task", "list", "--all", "--json"])).expect("json");
    assert_eq!(tasks[0]["campaign"], 1);
    assert_eq!(tasks[0]["status"], "done");
    assert!(funnel(&db, &["check"]).contains(": ok"));
}

/// An edit form open while `funnel task edit` changes the same task in
/// another shell: the form writes only what was typed in it, and a field
/// changed on both sides is shown with both values to choose from.
#[test]
fn an_edit_form_keeps_what_the_command_line_changed_meanwhile() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("forms.db");
    funnel(&db, &["person", "add", "An"]);
    funnel(&db, &["person", "add", "Bình"]);
    funnel(
        &db,
        &[
            "task",
            "add",
            "Viết bài",
            "--due",
            "2026-12-01",
            "--assignee",
            "An",
            "--tag",
            "seo",
        ],
    );
    // The default poll: "Saved task 1." is waited for below, and the next
    // poll that sees the command line's change replaces it with "reloaded";
    // at 100 ms that often comes before the screen is read.
    let cmd = format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{BIN}'",
        db.display(),
        dir.path().display()
    );
    let tmux = start("forms", &cmd, 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("Viết bài");
    let task = || -> serde_json::Value {
        let list = funnel(&db, &["task", "list", "--all", "--json"]);
        let tasks: serde_json::Value = serde_json::from_str(&list).expect("json");
        tasks[0].clone()
    };

    tmux.keys(&["e"]);
    wait("Edit task");
    funnel(
        &db,
        &[
            "task",
            "edit",
            "1",
            "--due",
            "2026-12-15",
            "--priority",
            "high",
            "--tag",
            "ads",
            "--assignee",
            "Bình",
        ],
    );
    literal(&tmux, " v2");
    tmux.keys(&["Enter"]);
    wait("Saved task 1.");
    let t = task();
    assert_eq!(t["title"], "Viết bài v2");
    assert_eq!(
        (&t["due"], &t["priority"], &t["tags"], &t["assignee_name"]),
        (
            &serde_json::json!("2026-12-15"),
            &serde_json::json!("high"),
            &serde_json::json!(["ads"]),
            &serde_json::json!("Bình")
        ),
        "what the command line changed stays: {t}"
    );

    tmux.keys(&["e"]);
    wait("Edit task");
    funnel(&db, &["task", "edit", "1", "--due", "2026-12-20"]);
    // The due date is entered with the cursor after it: cleared first.
    tmux.keys(&["Tab", "Tab"]);
    tmux.keys(&["BSpace"; 10]);
    literal(&tmux, "2026-12-24");
    tmux.keys(&["Enter"]);
    wait("Due: yours 2026-12-24, now 2026-12-20");
    assert_eq!(
        task()["due"],
        "2026-12-20",
        "nothing written before the choice"
    );
    tmux.keys(&["m"]);
    // Waits for the write; the deadline only keeps a broken build from
    // hanging the suite.
    let deadline = Instant::now() + Duration::from_secs(120);
    while task()["due"] != "2026-12-24" {
        if Instant::now() > deadline {
            panic!("yours was not kept after 120 s: {}", tmux.screen());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    wait("Saved task 1.");
    tmux.keys(&["q"]);
    assert!(funnel(&db, &["check"]).contains(": ok"));
}
/// The titles of every task in `db`, read by another process.
fn titles(db: &Path) -> Vec<String> {
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(db, &["task", "list", "--all", "--json"])).expect("json");
    tasks
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| t["title"].as_str().expect("title").to_string())
        .collect()
}

/// A whole database at `path` (no `-wal` beside it) holding one task.
fn whole_database(path: &Path, title: &str) {
    let mut store = funnel::store::Store::open(path).expect("open");
    store
        .add_task(&funnel::store::tasks::NewTask::titled(title))
        .expect("add");
    store.checkpoint().expect("checkpoint");
    drop(store);
    for s in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_os_string();
        p.push(s);
        let _ = std::fs::remove_file(p);
    }
}

fn dashboard_cmd(db: &Path) -> String {
    format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{BIN}'",
        db.display(),
        db.parent().expect("dir").display()
    )
}

/// `mv funnel.db archive.db` and then `mv other.db funnel.db` beside the
/// open dashboard: it says so at its next poll, writes nothing more, the
/// moved file keeps the dashboard's last change, the new file stays
/// sound and untouched, and `R` opens it.
#[test]
fn a_database_moved_then_replaced_under_the_dashboard_is_written_no_more_and_reopened() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    let archive = dir.path().join("archive.db");
    let other = dir.path().join("other.db");
    funnel(&db, &["task", "add", "one"]);
    let tmux = start("moved", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("one");
    tmux.keys(&["a"]);
    wait("New task");
    literal(&tmux, "Added in the dashboard");
    tmux.keys(&["Enter"]);
    wait("Added task 2.");

    std::fs::rename(&db, &archive).expect("mv funnel.db archive.db");
    let moved = wait(
        "funnel.db was moved or deleted: nothing more is written. R opens the file at its path now.",
    );
    let shown = tmux.screen();
    assert!(
        !shown.contains("Added task 2."),
        "the undo offer stayed under the line:\n{shown}"
    );
    assert!(funnel(&archive, &["check"]).contains(": ok"));
    assert_eq!(titles(&archive), ["one", "Added in the dashboard"]);

    whole_database(&other, "the other file's task");
    std::fs::rename(&other, &db).expect("mv other.db funnel.db");
    let replaced = wait("funnel.db was replaced by another file: nothing more is written.");
    println!(
        "noticed {} ms after the move, {} ms after the replacement (polling every 500 ms)",
        moved.as_millis(),
        replaced.as_millis()
    );
    let before = std::fs::read(&db).expect("read");
    tmux.keys(&["Space"]);
    wait("Nothing was written: funnel.db is no longer the file this dashboard opened.");
    assert_eq!(std::fs::read(&db).expect("read"), before);
    assert!(funnel(&db, &["check"]).contains(": ok"));
    assert_eq!(titles(&db), ["the other file's task"]);
    assert_eq!(titles(&archive), ["one", "Added in the dashboard"]);

    tmux.keys(&["R"]);
    wait("Opened funnel.db again");
    wait("the other file's task");
    tmux.keys(&["Space"]);
    wait("Task 1 done.");
    tmux.keys(&["q"]);
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["task", "list", "--all", "--json"])).expect("json");
    assert_eq!(tasks[0]["status"], "done");
    assert!(funnel(&db, &["check"]).contains(": ok"));
    assert_eq!(titles(&archive), ["one", "Added in the dashboard"]);
}

/// `rm funnel.db` beside the open dashboard: it says so, writes nothing,
/// and `R` does not make a new empty database there.
#[test]
fn a_database_deleted_under_the_dashboard_is_not_made_again() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    funnel(&db, &["task", "add", "one"]);
    let tmux = start("deleted", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("one");
    std::fs::remove_file(&db).expect("rm funnel.db");
    wait("funnel.db was moved or deleted: nothing more is written.");
    tmux.keys(&["Space"]);
    wait("Nothing was written: funnel.db is no longer the file this dashboard opened.");
    tmux.keys(&["R"]);
    wait("No database at funnel.db: nothing opened or made. Put it back, then press R.");
    tmux.keys(&["q"]);
    // Waits for the dashboard to be gone; the deadline only keeps a
    // dashboard that never quits from hanging the suite.
    let deadline = Instant::now() + Duration::from_secs(120);
    while alive(&tmux) {
        if Instant::now() > deadline {
            panic!("the dashboard had not quit 120 s after q");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    for s in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(s);
        assert!(!Path::new(&p).exists(), "funnel.db{s} at the path");
    }
}

/// Another process holds the write lock: `Space` does not freeze the
/// screen; it says it waits, a tab key still works, and the task it was
/// pressed on is done once the lock is free.
#[test]
fn a_write_key_while_another_process_holds_the_lock_waits_on_screen_and_goes_through() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    funnel(&db, &["task", "add", "one"]);
    funnel(&db, &["task", "add", "two"]);
    let tmux = start("busy", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("two");
    let holder = rusqlite::Connection::open(&db).expect("sqlite");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the lock");

    tmux.keys(&["Space"]);
    let shown = wait("Waiting for another process to finish writing… Esc stops waiting.");
    tmux.keys(&["2"]);
    wait("No campaigns yet.");
    assert!(tmux.screen().contains("Waiting for another process"));
    tmux.keys(&["3"]);
    wait("one");
    assert_eq!(done(&db), 0, "nothing written while the lock is held");
    // q says first that the change would be lost, and does not quit.
    tmux.keys(&["q"]);
    wait("A change still waits: q again quits without writing it, Esc stops waiting.");
    assert!(alive(&tmux), "the first q quit with a change waiting");
    holder.execute_batch("ROLLBACK").expect("release");
    let written = wait("done. u to undo");
    println!(
        "waiting shown {} ms after the key; written {} ms after the lock was released",
        shown.as_millis(),
        written.as_millis()
    );
    tmux.keys(&["q"]);
    assert_eq!(done(&db), 1);
    assert!(funnel(&db, &["check"]).contains(": ok"));
}

/// How many tasks of `db` are done.
fn done(db: &Path) -> usize {
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(db, &["task", "list", "--all", "--json"])).expect("json");
    tasks
        .as_array()
        .expect("a list")
        .iter()
        .filter(|t| t["status"] == "done")
        .count()
}

/// Quick-add in a real terminal: a task with its fields in one line, an
/// unknown name refused on the form, and Space twice on the same task.
#[test]
fn quick_add_then_space_twice_toggles_the_same_task() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("quick.db");
    funnel(&db, &["person", "add", "Lê Bảo Ngọc"]);
    funnel(&db, &["task", "add", "Already there due:mon"]);
    let tmux = start("quick", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("Already there");
    tmux.keys(&["a"]);
    wait("New task");
    literal(&tmux, "Gọi xưởng in due:fri @lan");
    tmux.keys(&["Enter"]);
    wait("@lan: no one of that name; nothing was saved");
    for _ in 0.."@lan".chars().count() {
        tmux.keys(&["BSpace"]);
    }
    literal(&tmux, "@ngoc #ops p:high");
    tmux.keys(&["Enter"]);
    wait("Added task 2.");
    wait("[ ] H Gọi xưởng in");
    let screen = tmux.screen();
    assert!(
        screen.contains("Lê Bảo Ngọc") && screen.contains("2026-11-27") && screen.contains("#ops"),
        "{screen}"
    );
    tmux.keys(&["Space"]);
    wait("Task 2 done.");
    wait("[✓] H Gọi xưởng in");
    tmux.keys(&["Space"]);
    wait("[ ] H Gọi xưởng in");
    tmux.keys(&["q"]);
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["task", "list", "--all", "--json"])).expect("json");
    let statuses: Vec<&str> = tasks
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|t| t["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        ["todo", "todo"],
        "the second Space took the first back"
    );
}

/// A weekly task in a real terminal: added with quick-add syntax, marked
/// done, followed by the next one a week later; `u` takes both back.
#[test]
fn a_weekly_task_from_quick_add_is_followed_when_done() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("weekly.db");
    funnel(&db, &["task", "add", "Already there due:mon"]);
    let tmux = start("weekly", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("Already there");
    tmux.keys(&["a"]);
    wait("New task");
    literal(&tmux, "Newsletter every:1w due:tue #email");
    tmux.keys(&["Enter"]);
    wait("Added task 2.");
    wait("[ ] M ↻ Newsletter");
    tmux.keys(&["Space"]);
    wait("Task 2 done; next: task 3 due 2026-12-01.");
    wait("[✓] M ↻ Newsletter");
    let screen = tmux.screen();
    let next = screen
        .lines()
        .find(|l| l.contains("[ ] M ↻ Newsletter"))
        .unwrap_or_default();
    assert!(next.contains("2026-12-01"), "{screen}");
    tmux.keys(&["u"]);
    wait("Undid: edit task 2, next task 3");
    let screen = tmux.screen();
    assert!(
        !screen.contains("[✓]") && !screen.contains("2026-12-01"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["task", "list", "--all", "--json"])).expect("json");
    let rules: Vec<(&str, &str)> = tasks
        .as_array()
        .expect("list")
        .iter()
        .map(|t| {
            (
                t["status"].as_str().unwrap_or_default(),
                t["recurrence"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [("todo", ""), ("todo", "week")],
        "undo took both back"
    );
}

/// The tasks' due days, by id.
fn dues(db: &Path) -> Vec<(i64, String)> {
    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(db, &["task", "list", "--all", "--json"])).expect("json");
    let mut out: Vec<(i64, String)> = tasks
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().unwrap_or_default(),
                t["due"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Marking many in a real terminal: `m` three times marks three tasks,
/// `+` seven times moves all three a week on; the fourth stays.
#[test]
fn three_marked_tasks_move_a_week_on() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("marks.db");
    for (title, due) in [
        ("Post A", "2026-11-24"),
        ("Post B", "2026-11-25"),
        ("Post C", "2026-11-26"),
        ("Post D", "2026-11-27"),
    ] {
        funnel(&db, &["task", "add", title, "--due", due]);
    }
    let tmux = start("marks", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("Post D");
    tmux.keys(&["m", "m", "m"]);
    wait("3 marked");
    for _ in 0..7 {
        tmux.keys(&["+"]);
    }
    let want = vec![
        (1, "2026-12-01".to_string()),
        (2, "2026-12-02".to_string()),
        (3, "2026-12-03".to_string()),
        (4, "2026-11-27".to_string()),
    ];
    let start = Instant::now();
    while dues(&db) != want {
        assert!(start.elapsed() < WAIT, "{:?}\n{}", dues(&db), tmux.screen());
        std::thread::sleep(Duration::from_millis(100));
    }
    wait("3 marked tasks changed.");
    wait("2026-12-03");
    tmux.keys(&["q"]);
}

/// A saved view in a real terminal: `w` writes it to the config file,
/// and after a restart `v` shows it again, named on the filter line.
#[test]
fn a_saved_view_comes_back_after_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("views.db");
    funnel(&db, &["task", "add", "Audit the blog #seo"]);
    funnel(&db, &["task", "add", "Print the flyers"]);
    let tmux = start("views", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("Print the flyers");
    tmux.keys(&["/"]);
    literal(&tmux, "#seo");
    tmux.keys(&["Enter"]);
    wait("1 shown");
    tmux.keys(&["w"]);
    wait("Save the view");
    literal(&tmux, "Blog work");
    tmux.keys(&["Enter"]);
    wait("Saved view “Blog work”");
    tmux.keys(&["q"]);
    let quit = Instant::now();
    while alive(&tmux) {
        assert!(quit.elapsed() < WAIT, "funnel did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let config = std::fs::read_to_string(dir.path().join("funnel").join("config.toml"))
        .expect("the config file was made");
    assert!(config.contains("name = \"Blog work\""), "{config}");

    let tmux = start("views", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    let wait = |text: &str| tmux.wait_for(text, WAIT);
    wait("Print the flyers");
    tmux.keys(&["v"]);
    wait("View Blog work · Filter: #seo");
    assert!(
        !tmux.screen().contains("Print the flyers"),
        "{}",
        tmux.screen()
    );
    tmux.keys(&["v"]);
    wait("No view: the filter as it was before.");
    wait("Print the flyers");
    tmux.keys(&["q"]);
}

/// The mouse is the terminal's unless asked for: without `--mouse` the
/// dashboard does not ask for mouse reports (text selection keeps
/// working); with it, a click on a tab's title shows the tab.
#[test]
fn the_mouse_is_asked_for_only_with_mouse_on() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("mouse.db");
    funnel(&db, &["task", "add", "One task"]);
    let flag = |tmux: &Tmux| {
        let out = tmux.run(&["display-message", "-p", "-t", "t", "#{mouse_any_flag}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let tmux = start("nomouse", &dashboard_cmd(&db), 100, 30, "3 Tasks");
    tmux.wait_for("One task", WAIT);
    assert_eq!(flag(&tmux), "0");
    tmux.keys(&["q"]);

    let cmd = format!("{} --mouse", dashboard_cmd(&db));
    let tmux = start("mouse", &cmd, 100, 30, "3 Tasks");
    tmux.wait_for("One task", WAIT);
    assert_eq!(flag(&tmux), "1");
    // A press and release of the left button on "1 Strategy" (SGR mouse
    // report, columns and rows from 1), as the terminal sends them.
    literal(&tmux, "\x1b[<0;12;1M\x1b[<0;12;1m");
    tmux.wait_for("Objectives", WAIT);
    tmux.keys(&["q"]);
    let start = Instant::now();
    while alive(&tmux) {
        assert!(start.elapsed() < WAIT, "funnel did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[path = "e2e/first_run_vi.rs"]
mod first_run_vi;
