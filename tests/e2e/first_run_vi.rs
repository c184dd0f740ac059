//! A first run end to end in a real terminal (tmux), as a Vietnamese user
//! over SSH sees it: `--locale vi`, 80x24, `NO_COLOR=1`, an empty
//! database. Following only what the screen says, the user sets up an
//! objective, a segment, a channel, a campaign and three tasks, records a
//! day's figures in one form and imports a shop's order file from the KPIs
//! tab; the Strategy tab's checklist of the marketing workflow ticks as
//! they go. Each step waits for what the screen says with a generous
//! deadline; nothing here is timed.

use super::*;

/// The checklist's line of `step`, if shown.
fn step_line(screen: &str, step: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| {
            l.strip_prefix(['☐', '☑'])
                .is_some_and(|rest| rest.trim_start().starts_with(step))
        })
        .map(str::to_string)
}

const STEPS: [&str; 6] = [
    "Nghiên cứu",
    "Chiến lược",
    "Kế hoạch, giao việc",
    "Thực hiện",
    "Đo lường",
    "Điều chỉnh",
];

struct Run {
    tmux: Tmux,
}

impl Run {
    fn wait(&self, text: &str) {
        self.tmux.wait_for(text, WAIT);
    }

    fn keys(&self, keys: &[&str]) {
        self.tmux.keys(keys);
    }

    fn type_text(&self, text: &str) {
        literal(&self.tmux, text);
    }

    /// Waits until the checklist (on the Strategy tab, whose section
    /// shown is empty) ticks exactly the first `ticked` steps of `STEPS`
    /// named in `done`, and no other.
    fn checklist(&self, done: &[&str]) {
        let start = Instant::now();
        loop {
            let screen = self.tmux.screen();
            let lines: Vec<Option<String>> = STEPS.iter().map(|s| step_line(&screen, s)).collect();
            let as_wanted = STEPS.iter().zip(&lines).all(|(step, line)| {
                line.as_ref()
                    .is_some_and(|l| l.starts_with('☑') == done.contains(step))
            });
            if as_wanted {
                return;
            }
            assert!(
                start.elapsed() < WAIT,
                "the checklist does not tick {done:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_new_user_sets_up_the_business_in_vietnamese_at_80x24_without_colour() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("moi.db");
    let cmd = format!(
        "env FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 FUNNEL_POLL_MS=100 XDG_CONFIG_HOME='{}' NO_COLOR=1 LANG=C.UTF-8 '{BIN}' --locale vi",
        db.display(),
        dir.path().display()
    );
    let run = Run {
        tmux: Tmux::start("first-vi", &cmd, 80, 24),
    };
    run.wait("3 Công việc");
    run.wait("Chưa có việc nào.");

    // Strategy: what each empty section holds, and the checklist.
    run.keys(&["1"]);
    run.wait("Chưa có mục tiêu nào");
    run.checklist(&[]);

    // The objective: the metric from the completions the form lists.
    run.keys(&["a"]);
    run.wait("Mục tiêu mới");
    run.type_text("Thêm khách sinh viên");
    run.keys(&["Tab"]);
    run.type_text("new");
    run.wait("→ để chọn: new_customers");
    run.keys(&["Right", "Tab"]);
    run.type_text("0");
    run.keys(&["Tab"]);
    run.type_text("200");
    run.keys(&["Tab", "Tab", "Tab"]);
    run.type_text("31/12/2026");
    run.keys(&["Enter"]);
    run.wait("Đã thêm mục tiêu “Thêm khách sinh viên”. u để hoàn tác");

    run.keys(&["l"]);
    run.wait("Chưa có phân khúc nào");
    run.checklist(&[]);
    run.keys(&["a"]);
    run.wait("Phân khúc mới");
    run.type_text("Sinh viên");
    run.keys(&["Enter"]);
    run.wait("Đã thêm phân khúc “Sinh viên”.");

    run.keys(&["l"]);
    run.wait("Chưa có kênh nào");
    run.checklist(&["Nghiên cứu"]);
    run.keys(&["a"]);
    run.wait("Kênh mới");
    run.type_text("TikTok");
    run.keys(&["Enter"]);
    run.wait("Đã thêm kênh “TikTok”.");

    // A person to give tasks to, among the resources.
    run.keys(&["l", "l"]);
    run.wait("Chưa có nguồn lực nào");
    run.checklist(&["Nghiên cứu", "Chiến lược"]);
    run.keys(&["a"]);
    run.wait("Thêm vào nguồn lực");
    run.wait("Loại        thành viên");
    run.keys(&["Enter"]);
    run.wait("Thành viên mới");
    run.type_text("Lan");
    run.keys(&["Enter"]);
    run.wait("Đã thêm thành viên “Lan”.");
    // Procedures stay empty: the checklist is shown there from now on.
    run.keys(&["l"]);
    run.wait("Chưa có quy trình nào");

    // The campaign, on the Plan tab, starting today for four weeks.
    run.keys(&["2"]);
    run.wait("Chưa có chiến dịch nào.");
    run.keys(&["a"]);
    run.wait("Chiến dịch mới");
    run.wait("Kết thúc    19/12/2026");
    run.type_text("Ra mắt TikTok");
    run.keys(&["Tab"]);
    run.type_text("them");
    run.keys(&["Right", "Tab"]);
    run.type_text("sinh");
    run.keys(&["Right", "Tab"]);
    run.type_text("tik");
    run.keys(&["Right", "Enter"]);
    run.wait("Đã thêm chiến dịch “Ra mắt TikTok”.");

    // Three tasks; the first with its campaign, a Friday and Lan.
    run.keys(&["3"]);
    run.wait("Chưa có việc nào.");
    run.keys(&["a"]);
    run.wait("Việc mới");
    run.type_text("Quay video mở hộp");
    run.keys(&["Tab"]);
    run.type_text("ra");
    run.keys(&["Right", "Tab"]);
    run.type_text("t6");
    run.keys(&["Tab"]);
    run.type_text("la");
    run.wait("→ để chọn: Lan");
    run.keys(&["Right", "Enter"]);
    run.wait("Đã thêm việc 1.");
    for (n, title) in [(2, "Viết kịch bản"), (3, "Đăng bài ra mắt")] {
        run.keys(&["a"]);
        run.wait("Việc mới");
        run.type_text(title);
        run.keys(&["Enter"]);
        run.wait(&format!("Đã thêm việc {n}."));
    }
    run.wait("Lan         27/11/2026");
    run.keys(&["1"]);
    run.wait("Chưa có quy trình nào");
    run.checklist(&["Nghiên cứu", "Chiến lược", "Kế hoạch, giao việc"]);

    // A day's figures in one form, each metric taken from the completions.
    run.keys(&["4"]);
    run.wait("Chưa có số liệu.");
    run.keys(&["r"]);
    run.wait("Ghi số liệu");
    run.keys(&["Tab"]);
    run.type_text("vi");
    run.keys(&["Right"]);
    run.wait("chỉ số=giá trị, nhiều cái một lần");
    run.type_text("1.200 conv");
    run.keys(&["Right"]);
    run.type_text("31 sp");
    run.keys(&["Right"]);
    run.type_text("850.000");
    run.wait("visits=1.200 conversions=31 spend=850.000");
    run.keys(&["Enter"]);
    run.wait("Đã ghi 3 số liệu ngày 22/11/2026.");
    run.wait("Chi phí                850.000 ₫");
    run.keys(&["1"]);
    run.wait("Chưa có quy trình nào");
    run.checklist(&[
        "Nghiên cứu",
        "Chiến lược",
        "Kế hoạch, giao việc",
        "Đo lường",
    ]);

    // The shop's orders, from the KPIs tab: the path completed with Tab,
    // the dry run read, Enter imports.
    // Figures are in: the footer names the key now.
    run.keys(&["4"]);
    run.wait("i nhập đơn hàng");
    run.keys(&["i"]);
    run.wait("Nhập tệp");
    run.type_text(&format!(
        "{}/tests/fixtures/imports/har",
        env!("CARGO_MANIFEST_DIR")
    ));
    run.keys(&["Tab"]);
    run.wait("haravan_don_hang.csv");
    run.keys(&["Enter"]);
    run.wait("Đọc như đơn hàng Haravan");
    run.wait("Enter hoặc y để nhập");
    run.keys(&["Enter"]);
    run.wait("Đã nhập haravan_don_hang.csv: 4 đơn mới");
    run.wait("Khách hàng: từ đơn hàng");

    // A task done ticks the step of execution.
    run.keys(&["3"]);
    run.wait("Quay video mở hộp");
    run.keys(&["Space"]);
    run.wait("đã xong.");
    run.keys(&["1"]);
    run.wait("Chưa có quy trình nào");
    run.checklist(&[
        "Nghiên cứu",
        "Chiến lược",
        "Kế hoạch, giao việc",
        "Thực hiện",
        "Đo lường",
    ]);
    run.keys(&["q"]);
    let start = Instant::now();
    while alive(&run.tmux) {
        assert!(start.elapsed() < WAIT, "funnel did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }

    let tasks: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["task", "list", "--all", "--json"])).expect("json");
    assert_eq!(tasks.as_array().map(Vec::len), Some(3), "{tasks}");
    assert_eq!(tasks[0]["assignee_name"], "Lan");
    let campaigns: serde_json::Value =
        serde_json::from_str(&funnel(&db, &["campaign", "list", "--json"])).expect("json");
    assert_eq!(campaigns[0]["end"], "2026-12-19", "{campaigns}");
    assert!(funnel(&db, &["check"]).contains(": ok"));
}
