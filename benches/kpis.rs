//! The KPIs tab and the customer metrics on the large data set (a million
//! orders from 100,000 customers in 30 segments, ten years of daily KPIs):
//! `cargo bench --bench kpis`. The data set is made once in a temporary
//! file, or copied from FUNNEL_BENCH_DB (a `funnel demo --scale large`
//! file made with FUNNEL_TODAY=2026-11-22) to skip the ~10 s it takes.

#[path = "support/large.rs"]
mod large;
use large::{key, large_db, settings, today};

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::{Days, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use funnel::analysis::{Analysis, Timelines};
use funnel::app::kpis::{KpisTab, Scope};
use funnel::app::{App, Tab};
use funnel::config::Config;
use funnel::domain::Dimension;
use funnel::metrics::{CustomerParams, CustomerTimeline, Granularity, Period, periods_covering};
use funnel::store::Store;
use funnel::store::rollup::RollupKey;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The large data set in `dir`, opened once (migrated) with its customer
/// rollups stored, as after `funnel orders import`.
fn large_db_with_rollups(dir: &tempfile::TempDir) -> PathBuf {
    let path = large_db(dir);
    let store = Store::open(&path).expect("open");
    Analysis::new(&store, &Config::default(), today())
        .refresh_rollups()
        .expect("rollups");
    path
}

fn app(path: &Path) -> App {
    App::new(Store::open(path).expect("open"), settings()).expect("app")
}

fn kpis_tab(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let path = large_db_with_rollups(&dir);
    let config = Config::default();
    let month = Period::containing(Granularity::Month, today(), Weekday::Mon);
    let mut app = app(&path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("KPIs tab, large set, 120x40");
    group.sample_size(20);
    // What a process pays to show the tab: open the file, read the
    // figures (customer timelines from the rollup), draw.
    group.bench_function("first frame: open, load, draw", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            let tab = KpisTab::load(
                &store,
                &config,
                today(),
                &Timelines::default(),
                month,
                Scope::default(),
                0,
            )
            .expect("load");
            app.tab = Tab::Kpis;
            app.kpis = Some(tab);
            terminal
                .draw(|f| funnel::ui::render(black_box(&app), f))
                .expect("draw");
        })
    });
    app.tab = Tab::Tasks;
    app.kpis = None;
    app.on_key(&key('4'));
    let mut step = 0;
    group.bench_function("period change ([ or ]) and redraw", |b| {
        b.iter(|| {
            step += 1;
            app.on_key(&key(if step % 2 == 0 { ']' } else { '[' }));
            terminal
                .draw(|f| funnel::ui::render(black_box(&app), f))
                .expect("draw");
        })
    });
    group.bench_function("granularity change (m) and redraw", |b| {
        b.iter(|| {
            app.on_key(&key('m'));
            terminal
                .draw(|f| funnel::ui::render(black_box(&app), f))
                .expect("draw");
        })
    });
    group.finish();
}

fn figures(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let path = large_db_with_rollups(&dir);
    let store = Store::open(&path).expect("open");
    let config = Config::default();
    let timelines = Timelines::default();
    let analysis = Analysis::with_timelines(&store, &config, today(), timelines);
    let month = Period::containing(Granularity::Month, today(), Weekday::Mon);
    let quarter = Period::containing(Granularity::Quarter, today(), Weekday::Mon);
    let ten_years = periods_covering(
        Granularity::Month,
        today() - Days::new(3650),
        today(),
        Weekday::Mon,
    );
    analysis.figures(&[month], Dimension::Total).expect("warm");
    let mut group = c.benchmark_group("figures of the whole business, timeline in memory");
    group.bench_function("a month", |b| {
        b.iter(|| analysis.figures(black_box(&[month]), Dimension::Total))
    });
    group.bench_function("a quarter", |b| {
        b.iter(|| analysis.figures(black_box(&[quarter]), Dimension::Total))
    });
    group.bench_function("ten years of months", |b| {
        b.iter(|| analysis.figures(black_box(&ten_years), Dimension::Total))
    });
    group.finish();
}

fn timeline(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let path = large_db_with_rollups(&dir);
    let store = Store::open(&path).expect("open");
    let config = Config::default();
    let points = store.order_points().expect("points").total.points;
    let mut group = c.benchmark_group("customer timeline, 1,000,000 orders");
    group.sample_size(10);
    group.bench_function("read the orders of every scope", |b| {
        b.iter(|| store.order_points().expect("points"))
    });
    group.bench_function("build from the orders in memory", |b| {
        b.iter(|| CustomerTimeline::build(black_box(&points), CustomerParams::default(), today()))
    });
    let mut window = 100;
    group.bench_function(
        "build every scope from the stored orders and store them",
        |b| {
            b.iter(|| {
                // A window without a stored rollup yet.
                window += 1;
                let config = Config {
                    churn_window_days: window,
                    ..Config::default()
                };
                Analysis::new(&store, &config, today()).refresh_rollups()
            })
        },
    );
    let key = RollupKey {
        segment: None,
        window_days: config.churn_window_days,
        loyalty_threshold: config.loyalty_threshold,
    };
    group.bench_function("read the whole business's timeline from its rollup", |b| {
        b.iter(|| {
            let stored = store
                .valid_rollup(key, today())
                .expect("read")
                .expect("valid");
            let encoded = stored.encoded.expect("orders");
            CustomerTimeline::decode(&encoded.timeline).expect("decode")
        })
    });
    let t = CustomerTimeline::build(&points, CustomerParams::default(), today());
    group.bench_function("cohorts of the whole business", |b| {
        b.iter(|| black_box(&t).cohorts())
    });
    group.finish();
}

criterion_group!(benches, kpis_tab, figures, timeline);
criterion_main!(benches);
