//! Start to first frame of each tab, and one keystroke's update and redraw,
//! on the large data set (50,000 tasks, ten years of KPIs, a million
//! orders): `cargo bench --bench tui`. Criterion reports means and
//! medians; the tail (p50, p99 over 1,000 keystrokes) is printed by
//! `tails`, the last group. The data set is made once in a temporary
//! file, or taken from FUNNEL_BENCH_DB (a copy of a `funnel demo --scale
//! large` file) to skip the ~10 s it takes to make.

#[path = "support/large.rs"]
mod large;
use large::{key, large_db, settings};

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use funnel::app::{App, Tab};
use funnel::store::Store;
use funnel::store::tasks::TaskPatch;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn open_on(path: &Path, tab: Tab) -> App {
    App::open_on(Store::open(path).expect("open"), settings(), tab).expect("app")
}

fn large_app(dir: &tempfile::TempDir) -> App {
    open_on(&large_db(dir), Tab::Tasks)
}

/// What `funnel snapshot --tab X` does in process: open the file, read
/// what the tab shows, lay it out and draw it.
fn first_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let path = large_db(&dir);
    let mut group = c.benchmark_group("first frame, large set, 120x40");
    group.sample_size(10);
    for (name, tab) in [
        ("Strategy", Tab::Strategy),
        ("Plan", Tab::Plan),
        ("Tasks", Tab::Tasks),
        ("KPIs", Tab::Kpis),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let store = Store::open(&path).expect("open");
                let mut app = App::open_in_part(store, settings(), tab).expect("app");
                funnel::tui::snapshot(black_box(&mut app), 120, 40).expect("frame")
            })
        });
    }
    group.finish();
}

/// p50 and p99 of `n` keystrokes (update and redraw), printed.
fn tail(label: &str, app: &mut App, n: usize, mut keys: impl FnMut(usize) -> KeyEvent) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut took: Vec<Duration> = (0..n)
        .map(|i| {
            let k = keys(i);
            let t = Instant::now();
            app.on_key(&k);
            app.settle();
            terminal
                .draw(|f| funnel::ui::render(black_box(app), f))
                .expect("draw");
            t.elapsed()
        })
        .collect();
    print_tail(label, &mut took);
}

fn print_tail(label: &str, took: &mut [Duration]) {
    took.sort();
    let n = took.len();
    let at = |q: f64| took[((n as f64 * q) as usize).min(n - 1)];
    println!(
        "{label}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms over {n}",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        took[n - 1].as_secs_f64() * 1e3,
    );
}

/// The tail latency the issue asks for (criterion gives none).
fn tails(_: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = large_app(&dir);
    let fit = funnel::ui::screen_fit(&app, ratatui::layout::Rect::new(0, 0, 120, 40));
    app.resize(fit);
    let updown = |i: usize| key(if (i / 20).is_multiple_of(2) { 'j' } else { 'k' });
    tail("Tasks, j/k and redraw", &mut app, 1000, updown);
    tail(
        "Tasks, s (change status, commit) and redraw",
        &mut app,
        300,
        |_| key('s'),
    );
    commit_tail(&dir, &app);
    tail(
        "Tasks, Space (done or not, commit) and redraw",
        &mut app,
        300,
        |_| key(' '),
    );
    app.on_key(&key('/'));
    tail(
        "Tasks, a filter key (filter 50k) and redraw",
        &mut app,
        300,
        |i| {
            if i.is_multiple_of(2) {
                key('t')
            } else {
                KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
            }
        },
    );
    app.on_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.on_key(&key('4'));
    tail("KPIs, j/k and redraw", &mut app, 1000, updown);
    tail(
        "KPIs, period change ([ or ]) and redraw",
        &mut app,
        200,
        |i| key(if (i / 5).is_multiple_of(2) { '[' } else { ']' }),
    );
}

/// What `s` costs in the store alone: one status change committed (a
/// BEGIN IMMEDIATE, the row, its journal entry), through a second
/// connection to the same file, with no screen.
fn commit_tail(dir: &tempfile::TempDir, app: &App) {
    let Some(task) = app.tasks.selected().map(|l| l.task.clone()) else {
        return;
    };
    let mut store = Store::open(&dir.path().join("large.db")).expect("open");
    let mut status = task.status;
    let mut took: Vec<Duration> = (0..300)
        .map(|_| {
            status = status.cycled();
            let patch = TaskPatch {
                status: Some(status),
                ..TaskPatch::default()
            };
            let t = Instant::now();
            store.edit_task(task.id, black_box(&patch)).expect("edit");
            t.elapsed()
        })
        .collect();
    print_tail("Tasks, s: the commit alone (store.edit_task)", &mut took);
}

fn keystrokes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = large_app(&dir);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut frame = |app: &mut App| {
        app.settle();
        terminal
            .draw(|f| funnel::ui::render(app, f))
            .map(|_| ())
            .expect("draw");
    };
    let fit = funnel::ui::screen_fit(&app, ratatui::layout::Rect::new(0, 0, 120, 40));
    app.resize(fit);
    let mut group = c.benchmark_group("50k tasks, 120x40");
    group.sample_size(50);
    group.bench_function("j: move down and redraw", |b| {
        b.iter(|| {
            app.on_key(&key('j'));
            frame(black_box(&mut app));
        })
    });
    group.bench_function("s: change status, commit and redraw", |b| {
        b.iter(|| {
            app.on_key(&key('s'));
            frame(black_box(&mut app));
        })
    });
    app.on_key(&key('/'));
    let mut typed = 0;
    group.bench_function("a filter key: filter 50k and redraw", |b| {
        b.iter(|| {
            // Alternate typing and erasing so the filter stays short.
            let k = if typed % 2 == 0 {
                key('t')
            } else {
                KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
            };
            typed += 1;
            app.on_key(&k);
            frame(black_box(&mut app));
        })
    });
    app.on_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.on_key(&key('4'));
    let mut step = 0;
    group.bench_function("KPIs: a period change ([ or ]) and redraw", |b| {
        b.iter(|| {
            step += 1;
            app.on_key(&key(if step % 2 == 0 { ']' } else { '[' }));
            frame(black_box(&mut app));
        })
    });
    group.finish();
}

criterion_group!(benches, first_frames, keystrokes, tails);
criterion_main!(benches);
