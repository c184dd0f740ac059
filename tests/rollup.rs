//! Customer rollups on real SQLite files: what a reader gets from a stored
//! rollup equals a timeline built afresh from every order, through every
//! write that changes the orders and every reason a rollup cannot serve.
//!
//! Most tests first plant a wrong rollup (built from one made-up order) at
//! the current orders generation and check that a reader sees it, so the
//! rollup is really what is read; then they make the change under test and
//! check that the reader now gets the fresh figures. A change that forgot
//! to bump the generation would leave the planted figures in place.

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate, Weekday};
use funnel::analysis::{Analysis, CustomerSource};
use funnel::config::Config;
use funnel::domain::{Amount, Dimension, SegmentId};
use funnel::metrics::{
    Cohort, CustomerParams, CustomerTimeline, DailyValue, Granularity, PeriodFigures,
    periods_covering, series,
};
use funnel::store::Store;
use funnel::store::orders::OrderInput;
use funnel::store::rollup::{EncodedOrders, Rollup, RollupKey};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn today() -> NaiveDate {
    day(2026, 11, 22)
}

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    (dir, path)
}

const SEGMENTS: [&str; 3] = ["Retail", "VIP", "Wholesale"];

/// `n` orders of 120 customers over 2025-01-01..=last, most in a segment,
/// all keyed by `prefix` so that another batch adds rather than updates.
fn orders(seed: u64, prefix: &str, n: usize, last: NaiveDate) -> Vec<OrderInput> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = day(2025, 1, 1);
    let span = (last - first).num_days() as u64;
    (0..n)
        .map(|i| OrderInput {
            order_ref: Some(format!("{prefix}{i}")),
            customer: format!("c{}", rng.u32(0..120)),
            day: first + Days::new(rng.u64(0..=span)),
            amount: Amount::from_int(rng.i64(10..500)),
            segment: (rng.u8(0..4) > 0).then(|| SEGMENTS[rng.usize(0..3)].to_string()),
        })
        .collect()
}

fn params(config: &Config) -> CustomerParams {
    CustomerParams {
        window_days: config.churn_window_days,
        loyalty_threshold: config.loyalty_threshold,
    }
}

/// Every scope a reader can ask for: the whole business and each segment.
fn scopes(store: &Store) -> Vec<Dimension> {
    let mut out = vec![Dimension::Total];
    out.extend(
        store
            .segment_ids()
            .expect("segments")
            .into_iter()
            .map(Dimension::Segment),
    );
    out
}

/// What a scope's orders look like to a reader: where the customer figures
/// come from, the six customer figures and the revenue of each month, and
/// the cohorts.
type Customers = (CustomerSource, Vec<PeriodFigures>, Option<Vec<Cohort>>);

fn months(as_of: NaiveDate) -> Vec<funnel::metrics::Period> {
    periods_covering(Granularity::Month, day(2024, 12, 1), as_of, Weekday::Mon)
}

/// Through the analysis, as the KPIs tab and the reports read it.
fn read(store: &Store, config: &Config, as_of: NaiveDate, scope: Dimension) -> Customers {
    let analysis = Analysis::new(store, config, as_of);
    let f = analysis.figures(&months(as_of), scope).expect("figures");
    let customers = f
        .figures
        .iter()
        .map(|f| PeriodFigures {
            customers_start: f.customers_start,
            customers_end: f.customers_end,
            new_customers: f.new_customers,
            churned_customers: f.churned_customers,
            reactivated_customers: f.reactivated_customers,
            loyal_customers: f.loyal_customers,
            revenue: f.revenue,
            ..PeriodFigures::default()
        })
        .collect();
    let cohorts = analysis.cohorts(scope).expect("cohorts");
    (f.customer_source, customers, cohorts)
}

/// The same from a timeline built now from every stored order, and the
/// revenue summed here from the orders as stored.
fn fresh(store: &Store, config: &Config, as_of: NaiveDate, scope: Dimension) -> Customers {
    let points = store.order_points().expect("points");
    let of_scope = match scope {
        Dimension::Segment(s) => points
            .by_segment
            .get(&s)
            .map(|o| o.points.clone())
            .unwrap_or_default(),
        _ => points.total.points,
    };
    let periods = months(as_of);
    if of_scope.is_empty() {
        return (
            CustomerSource::Recorded,
            vec![PeriodFigures::default(); periods.len()],
            None,
        );
    }
    let orders: Vec<_> = store
        .orders()
        .expect("orders")
        .into_iter()
        .filter(|o| match scope {
            Dimension::Segment(s) => o.segment == Some(s),
            _ => true,
        })
        .collect();
    // Customer indices and amounts from the orders as stored, not from
    // the points the reader builds from.
    let mut index = std::collections::HashMap::new();
    let (points, amounts): (Vec<_>, Vec<_>) = orders
        .iter()
        .filter(|o| !o.customer.is_empty())
        .map(|o| {
            let n = index.len() as u32;
            let c = *index.entry(o.customer.clone()).or_insert(n);
            ((c, o.day), o.amount)
        })
        .unzip();
    let t = CustomerTimeline::build_with_amounts(&points, &amounts, params(config), as_of);
    let customers = periods
        .iter()
        .map(|p| {
            let mut f = PeriodFigures::default();
            f.set_customers(&t.figures(p));
            let sold: Vec<i64> = orders
                .iter()
                .filter(|o| p.contains(o.day))
                .map(|o| o.amount.raw())
                .collect();
            f.revenue = (!sold.is_empty()).then(|| Amount::from_raw(sold.iter().sum()));
            f
        })
        .collect();
    (CustomerSource::Orders, customers, Some(t.cohorts()))
}

fn assert_fresh(store: &Store, config: &Config, as_of: NaiveDate, what: &str) {
    for scope in scopes(store) {
        assert_eq!(
            read(store, config, as_of, scope),
            fresh(store, config, as_of, scope),
            "{what}: {scope:?}"
        );
    }
}

/// Stores, at the current generation, a rollup built from one made-up
/// order for every scope, and checks that readers now see it.
fn plant(store: &Store, config: &Config, as_of: NaiveDate) {
    plant_also(store, config, as_of, &[]);
}

/// Like [`plant`], with rollups for more segments (ones deleted).
fn plant_also(store: &Store, config: &Config, as_of: NaiveDate, more: &[SegmentId]) {
    let p = params(config);
    let made_up = CustomerTimeline::build(&[(0, day(2025, 6, 1))], p, as_of);
    let mut all = scopes(store);
    all.extend(more.iter().copied().map(Dimension::Segment));
    let rollups: Vec<Rollup> = all
        .iter()
        .copied()
        .map(|scope| Rollup {
            segment: match scope {
                Dimension::Segment(s) => Some(s),
                _ => None,
            },
            last_order_day: made_up.last_order_day(),
            encoded: Some(EncodedOrders {
                timeline: made_up.encode(),
                revenue: series::encode(&[DailyValue::new(day(2025, 6, 1), Amount::from_int(1))]),
            }),
        })
        .collect();
    let generation = store.orders_generation().expect("generation");
    assert!(
        store
            .save_rollups(generation, p.window_days, p.loyalty_threshold, &rollups)
            .expect("save")
    );
    for scope in all {
        let (source, _, cohorts) = read(store, config, as_of, scope);
        assert_eq!(source, CustomerSource::Orders);
        assert_eq!(
            cohorts.map(|c| c[0].acquired),
            Some(1),
            "the planted rollup"
        );
        assert_ne!(
            read(store, config, as_of, scope),
            fresh(store, config, as_of, scope)
        );
    }
}

fn total_key(config: &Config) -> RollupKey {
    RollupKey {
        segment: None,
        window_days: config.churn_window_days,
        loyalty_threshold: config.loyalty_threshold,
    }
}

fn segment(store: &Store, name: &str) -> SegmentId {
    SegmentId(
        store
            .resolve(funnel::domain::RecordKind::Segment, name)
            .expect("segment"),
    )
}

fn store_with_orders(path: &Path) -> Store {
    let mut s = Store::open(path).expect("open");
    s.import_orders("a.csv", &orders(1, "a", 1500, day(2026, 11, 1)), true)
        .expect("import");
    s
}

#[test]
fn a_reader_stores_every_scope_and_the_next_reads_it_back_the_same() {
    let (_dir, path) = temp();
    let config = Config::default();
    let s = store_with_orders(&path);
    let key = total_key(&config);
    assert_eq!(s.valid_rollup(key, today()).expect("rollup"), None);
    assert_fresh(&s, &config, today(), "built");
    for scope in scopes(&s) {
        let segment = match scope {
            Dimension::Segment(id) => Some(id),
            _ => None,
        };
        let r = s
            .valid_rollup(RollupKey { segment, ..key }, today())
            .expect("read")
            .expect("stored by the first reader");
        assert!(r.encoded.is_some(), "{scope:?} has orders");
    }
    drop(s);
    // Another process, and another day: the stored rollups serve both.
    let s = Store::open(&path).expect("reopen");
    assert_fresh(&s, &config, today(), "read back");
    assert_fresh(&s, &config, day(2027, 3, 31), "read back as of a later day");
}

#[test]
fn importing_more_orders_invalidates() {
    let (_dir, path) = temp();
    let config = Config::default();
    let mut s = store_with_orders(&path);
    plant(&s, &config, today());
    s.import_orders("b.csv", &orders(2, "b", 300, day(2026, 11, 20)), true)
        .expect("more");
    assert_fresh(&s, &config, today(), "after another import");
}

#[test]
fn an_import_that_only_updates_orders_invalidates_and_so_do_its_undo_and_redo() {
    let (_dir, path) = temp();
    let config = Config::default();
    let mut s = store_with_orders(&path);
    // The same orders, each one month later: nothing added, all updated.
    let moved: Vec<OrderInput> = orders(1, "a", 1500, day(2026, 11, 1))
        .into_iter()
        .map(|o| OrderInput {
            day: o.day + Days::new(20),
            amount: Amount::from_int(7),
            ..o
        })
        .collect();
    plant(&s, &config, today());
    let out = s.import_orders("a2.csv", &moved, true).expect("update");
    assert_eq!(out.added, 0);
    assert_fresh(&s, &config, today(), "after an updating import");
    plant(&s, &config, today());
    s.undo().expect("undo");
    assert_fresh(&s, &config, today(), "after undoing it");
    plant(&s, &config, today());
    s.redo().expect("redo");
    assert_fresh(&s, &config, today(), "after redoing it");
}

#[test]
fn undo_and_redo_of_an_import_invalidate() {
    let (_dir, path) = temp();
    let config = Config::default();
    let mut s = store_with_orders(&path);
    s.import_orders("b.csv", &orders(2, "b", 300, day(2026, 11, 20)), true)
        .expect("more");
    plant(&s, &config, today());
    s.undo().expect("undo");
    assert_fresh(&s, &config, today(), "after undo");
    plant(&s, &config, today());
    s.redo().expect("redo");
    assert_fresh(&s, &config, today(), "after redo");
}

#[test]
fn undo_of_a_change_that_is_not_about_orders_keeps_the_rollup() {
    let (_dir, path) = temp();
    let mut s = store_with_orders(&path);
    s.add_task(&funnel::store::tasks::NewTask::titled("call the printer"))
        .expect("task");
    let generation = s.orders_generation().expect("generation");
    s.undo().expect("undo the task");
    assert_eq!(s.orders_generation().expect("generation"), generation);
}

#[test]
fn deleting_a_segment_invalidates_and_so_does_undoing_it() {
    let (_dir, path) = temp();
    let config = Config::default();
    let mut s = store_with_orders(&path);
    let vip = segment(&s, "VIP");
    plant(&s, &config, today());
    s.delete_segment(vip).expect("delete");
    // Its orders stay, without a segment: the scope has none now.
    assert_fresh(&s, &config, today(), "after the delete");
    let (source, _, cohorts) = read(&s, &config, today(), Dimension::Segment(vip));
    assert_eq!((source, cohorts), (CustomerSource::Recorded, None));
    plant_also(&s, &config, today(), &[vip]);
    s.undo().expect("undo the delete");
    let (source, _, _) = read(&s, &config, today(), Dimension::Segment(vip));
    assert_eq!(source, CustomerSource::Orders);
    assert_fresh(&s, &config, today(), "after undoing the delete");
}

#[test]
fn another_churn_window_or_loyalty_threshold_has_its_own_rollup() {
    let (_dir, path) = temp();
    let default = Config::default();
    let s = store_with_orders(&path);
    plant(&s, &default, today());
    let w30 = Config {
        churn_window_days: 30,
        ..Config::default()
    };
    let l5 = Config {
        loyalty_threshold: 5,
        ..Config::default()
    };
    assert_fresh(&s, &w30, today(), "W = 30");
    assert_fresh(&s, &l5, today(), "L = 5");
    // Each is stored beside the others, which stay valid.
    assert!(
        s.valid_rollup(total_key(&w30), today())
            .expect("read")
            .is_some()
    );
    assert!(
        s.valid_rollup(total_key(&l5), today())
            .expect("read")
            .is_some()
    );
    let (_, _, cohorts) = read(&s, &default, today(), Dimension::Total);
    assert_eq!(
        cohorts.map(|c| c[0].acquired),
        Some(1),
        "still the planted one"
    );
}

#[test]
fn orders_after_the_as_of_day_are_never_read_from_a_rollup() {
    let (_dir, path) = temp();
    let config = Config::default();
    let mut s = store_with_orders(&path);
    // Stored as of today; useless as of a day before the last order.
    assert_fresh(&s, &config, today(), "today");
    let key = total_key(&config);
    assert!(s.valid_rollup(key, today()).expect("read").is_some());
    assert!(
        s.valid_rollup(key, day(2026, 11, 1))
            .expect("read")
            .is_some()
    );
    assert_eq!(s.valid_rollup(key, day(2026, 10, 31)).expect("read"), None);
    assert_fresh(&s, &config, day(2026, 6, 30), "as of an earlier day");
    // An order dated after today: built in memory, never stored.
    s.import_orders(
        "late.csv",
        &[OrderInput {
            order_ref: Some("late".into()),
            customer: "c1".into(),
            day: day(2026, 12, 24),
            amount: Amount::from_int(10),
            segment: None,
        }],
        true,
    )
    .expect("late order");
    assert_fresh(&s, &config, today(), "with an order after today");
    assert_eq!(
        s.valid_rollup(total_key(&config), today()).expect("read"),
        None
    );
    assert_fresh(&s, &config, day(2027, 1, 31), "as of a day after it");
}

#[test]
fn a_read_only_store_reads_fresh_figures_and_writes_nothing() {
    let (_dir, path) = temp();
    let config = Config::default();
    drop(store_with_orders(&path));
    let s = Store::open_read_only(&path).expect("read-only");
    assert_fresh(&s, &config, today(), "read-only");
    assert_eq!(
        s.valid_rollup(total_key(&config), today()).expect("read"),
        None
    );
    let generation = s.orders_generation().expect("generation");
    assert!(
        !s.save_rollups(generation, 90, 3, &[])
            .expect("skipped, not failed")
    );
    // A stale rollup in a read-only store is not used either.
    drop(s);
    let mut w = Store::open(&path).expect("open");
    plant(&w, &config, today());
    w.import_orders("b.csv", &orders(2, "b", 300, day(2026, 11, 20)), true)
        .expect("more");
    drop(w);
    let s = Store::open_read_only(&path).expect("read-only");
    assert_fresh(&s, &config, today(), "read-only after an import");
}

#[test]
fn a_busy_store_still_reads_and_stores_nothing() {
    let (_dir, path) = temp();
    let config = Config::default();
    drop(store_with_orders(&path));
    let s = Store::open(&path).expect("open");
    let other = rusqlite::Connection::open(&path).expect("another connection");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    assert_fresh(&s, &config, today(), "while another process writes");
    other.execute_batch("ROLLBACK").expect("release");
    assert_eq!(
        s.valid_rollup(total_key(&config), today()).expect("read"),
        None
    );
}

/// A latency budget, so not part of a run on a loaded machine: reading
/// figures while another process writes does not wait for its lock.
#[test]
#[ignore = "a latency budget: cargo test --release --locked --test rollup -- --ignored"]
fn a_busy_store_does_not_wait_for_the_lock_to_store_a_rollup() {
    let (_dir, path) = temp();
    let config = Config::default();
    drop(store_with_orders(&path));
    let s = Store::open(&path).expect("open");
    let other = rusqlite::Connection::open(&path).expect("another connection");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    let started = std::time::Instant::now();
    assert_fresh(&s, &config, today(), "while another process writes");
    assert!(
        started.elapsed() < funnel::store::BUSY_TIMEOUT,
        "a rollup is not worth waiting for"
    );
    other.execute_batch("ROLLBACK").expect("release");
}

#[test]
fn storing_a_rollup_is_not_a_change_to_undo() {
    let (_dir, path) = temp();
    let config = Config::default();
    let mut s = store_with_orders(&path);
    assert_fresh(&s, &config, today(), "stores the rollups");
    assert!(
        s.valid_rollup(total_key(&config), today())
            .expect("read")
            .is_some()
    );
    let undone = s.undo().expect("undo");
    assert_eq!(undone.label, "import orders from a.csv");
    assert!(matches!(
        s.undo(),
        Err(funnel::store::StoreError::NothingTo("undo"))
    ));
}

#[test]
fn a_rollup_of_orders_that_changed_meanwhile_is_not_stored() {
    let (_dir, path) = temp();
    let mut s = store_with_orders(&path);
    let before = s.orders_generation().expect("generation");
    s.import_orders("b.csv", &orders(2, "b", 10, day(2026, 11, 20)), true)
        .expect("more");
    assert!(s.orders_generation().expect("generation") > before);
    let rollup = Rollup {
        segment: None,
        last_order_day: None,
        encoded: None,
    };
    assert!(!s.save_rollups(before, 90, 3, &[rollup]).expect("skipped"));
    assert_eq!(
        s.valid_rollup(total_key(&Config::default()), today())
            .expect("read"),
        None
    );
}

#[test]
fn a_damaged_rollup_is_built_again() {
    let (_dir, path) = temp();
    let config = Config::default();
    let s = store_with_orders(&path);
    let generation = s.orders_generation().expect("generation");
    let good = CustomerTimeline::build(&[(0, day(2025, 6, 1))], params(&config), today());
    let damaged = |timeline: Vec<u8>, revenue: Vec<u8>| Rollup {
        segment: None,
        last_order_day: Some(day(2026, 1, 1)),
        encoded: Some(EncodedOrders { timeline, revenue }),
    };
    for (timeline, revenue) in [
        (vec![1, 2, 3], series::encode(&[])),
        (good.encode(), vec![1, 7]),
    ] {
        assert!(
            s.save_rollups(generation, 90, 3, &[damaged(timeline, revenue)])
                .expect("save")
        );
        assert_fresh(&s, &config, today(), "over a damaged rollup");
    }
}

#[test]
fn loading_an_export_or_demo_data_invalidates_the_empty_rollup() {
    let config = Config::default();
    let (_dir, source) = temp();
    let doc = store_with_orders(&source).export().expect("export");

    let (_dir2, path) = temp();
    let mut s = Store::open(&path).expect("open");
    // An empty file: the reader stores that no scope has orders.
    assert_fresh(&s, &config, today(), "empty");
    let r = s.valid_rollup(total_key(&config), today()).expect("read");
    assert_eq!(r.map(|r| r.encoded), Some(None));
    s.import(&doc).expect("import");
    assert_fresh(&s, &config, today(), "after import");
    s.undo().expect("undo the import");
    assert_fresh(&s, &config, today(), "after undoing the import");

    let (_dir3, path) = temp();
    let mut s = Store::open(&path).expect("open");
    assert_fresh(&s, &config, today(), "empty");
    funnel::demo::fill(&mut s, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let (source, _, _) = read(&s, &config, today(), Dimension::Total);
    assert_eq!(source, CustomerSource::Orders);
    assert_fresh(&s, &config, today(), "after the demo fill");
}

mod random {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Random orders, W, L and as-of days: the first reader builds and
        /// stores, the next reads the rollup (as of the same day and a
        /// later one), and all see what a fresh build sees.
        #[test]
        fn what_a_rollup_gives_is_what_a_fresh_build_gives(
            raw in prop::collection::vec((0u32..10, 0u64..700, 0usize..4), 1..60),
            window in 1u32..120,
            threshold in 1u32..5,
            later in 0u64..200,
        ) {
            let config = Config {
                churn_window_days: window,
                loyalty_threshold: threshold,
                ..Config::default()
            };
            let first = day(2025, 1, 1);
            let input: Vec<OrderInput> = raw
                .iter()
                .enumerate()
                .map(|(i, &(c, offset, s))| OrderInput {
                    order_ref: Some(i.to_string()),
                    customer: format!("c{c}"),
                    day: first + Days::new(offset),
                    amount: Amount::from_int(i as i64 + 1),
                    segment: SEGMENTS.get(s).map(|name| name.to_string()),
                })
                .collect();
            let as_of = first + Days::new(700);
            let mut s = Store::open_in_memory().expect("store");
            s.import_orders("r.csv", &input, true).expect("import");
            for scope in scopes(&s) {
                prop_assert_eq!(read(&s, &config, as_of, scope), fresh(&s, &config, as_of, scope));
            }
            prop_assert!(s.valid_rollup(total_key(&config), as_of).expect("read").is_some());
            for when in [as_of, as_of + Days::new(later)] {
                for scope in scopes(&s) {
                    prop_assert_eq!(read(&s, &config, when, scope), fresh(&s, &config, when, scope));
                }
            }
        }
    }
}

/// `tests/fixtures/v5.db` holds rollups of the first timeline layout,
/// whose cohorts counted active customers and no revenue: a reader finds
/// them valid, cannot decode them, and builds and stores the new layout.
#[test]
fn a_rollup_of_the_first_layout_is_built_again_with_cohort_revenue() {
    let (_dir, path) = temp();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v5.db");
    std::fs::copy(fixture, &path).expect("copy fixture");
    let s = Store::open(&path).expect("open");
    let config = Config::default();
    let old = s
        .valid_rollup(total_key(&config), today())
        .expect("read")
        .and_then(|r| r.encoded)
        .expect("a valid rollup with orders");
    assert_eq!(old.timeline.first(), Some(&1), "the first layout");
    let cohorts = Analysis::new(&s, &config, today())
        .cohorts(Dimension::Total)
        .expect("cohorts")
        .expect("orders");
    assert!(
        cohorts
            .iter()
            .any(|c| c.revenue.iter().any(|a| !a.is_zero()))
    );
    assert_fresh(&s, &config, today(), "over the first layout");
    let new = s
        .valid_rollup(total_key(&config), today())
        .expect("read")
        .and_then(|r| r.encoded)
        .expect("stored again");
    assert_eq!(new.timeline.first(), Some(&2), "the layout with revenue");
}
