//! One keystroke's update and redraw on the large data set (50,000 tasks,
//! ten years of KPIs, a million orders):
//! `cargo bench --bench tui`. The data set is made once in a temporary
//! file, or taken from FUNNEL_BENCH_DB (a copy of a `funnel demo --scale
//! large` file) to skip the ~10 s it takes to make.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use funnel::app::{App, Keymap, Settings};
use funnel::config::Config;
use funnel::domain::Clock;
use funnel::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn large_app(dir: &tempfile::TempDir) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let path = dir.path().join("large.db");
    match std::env::var_os("FUNNEL_BENCH_DB") {
        Some(p) => {
            std::fs::copy(p, &path).expect("copy FUNNEL_BENCH_DB");
        }
        None => {
            let mut store = Store::open(&path).expect("store");
            funnel::demo::fill(&mut store, funnel::demo::Scale::Large, today, 1).expect("demo");
        }
    }
    let settings = Settings {
        config: Config::default(),
        keymap: Keymap::default(),
        clock: Clock::Fixed(today),
        read_only: false,
        ascii: false,
        db_name: "large.db".into(),
    };
    App::new(Store::open(&path).expect("open"), settings).expect("app")
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
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

criterion_group!(benches, keystrokes);
criterion_main!(benches);
