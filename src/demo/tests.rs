//! What the UI and the benchmarks rely on in the demo data.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, TimeDelta};

use super::*;
use crate::domain::{Dimension, TaskStatus};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid day")
}

/// Days the small demo is checked on: across the festival calendar.
fn todays() -> [NaiveDate; 4] {
    [
        day(2026, 11, 22),
        day(2026, 2, 10),
        day(2025, 6, 30),
        day(2027, 9, 1),
    ]
}

#[test]
fn scale_parses_from_text() {
    assert_eq!("small".parse::<Scale>(), Ok(Scale::Small));
    assert_eq!(" Large".parse::<Scale>(), Ok(Scale::Large));
    assert!("huge".parse::<Scale>().is_err());
}

#[test]
fn small_is_deterministic_for_day_and_seed() {
    let today = day(2026, 11, 22);
    let a = build(Scale::Small, today, 7);
    assert_eq!(a, build(Scale::Small, today, 7));
    assert_ne!(a, build(Scale::Small, today, 8));
    assert_ne!(a, build(Scale::Small, day(2026, 11, 23), 7));
}

/// Every id a record points to exists, and ids run from 1.
fn assert_references_exist(doc: &Export) {
    let ids = |v: Vec<i64>| -> HashSet<i64> {
        for (i, id) in v.iter().enumerate() {
            assert_eq!(*id, i as i64 + 1, "ids start at 1 and have no gaps");
        }
        v.into_iter().collect()
    };
    let segments = ids(doc.segments.iter().map(|s| s.id.0).collect());
    let channels = ids(doc.channels.iter().map(|c| c.id.0).collect());
    let people = ids(doc.people.iter().map(|p| p.id.0).collect());
    let objectives = ids(doc.objectives.iter().map(|o| o.id.0).collect());
    let campaigns = ids(doc.campaigns.iter().map(|c| c.id.0).collect());
    let notes = ids(doc.notes.iter().map(|n| n.id.0).collect());
    ids(doc.tasks.iter().map(|t| t.id.0).collect());
    ids(doc.procedures.iter().map(|p| p.id.0).collect());
    ids(doc.tools.iter().map(|t| t.id.0).collect());
    ids(doc.budgets.iter().map(|b| b.id.0).collect());
    let metrics: HashSet<&str> = crate::store::builtin_metric_names().collect();

    let opt = |set: &HashSet<i64>, id: Option<i64>, what: &str| {
        if let Some(id) = id {
            assert!(set.contains(&id), "{what} {id} does not exist");
        }
    };
    for c in &doc.channels {
        for s in &c.segments {
            opt(&segments, Some(s.0), "segment");
        }
    }
    for p in &doc.procedures {
        opt(&people, p.owner.map(|x| x.0), "person");
    }
    for o in &doc.objectives {
        assert!(metrics.contains(o.metric.as_str()), "metric {}", o.metric);
        assert!(o.start <= o.deadline);
        opt(&segments, o.segment.map(|x| x.0), "segment");
        opt(&channels, o.channel.map(|x| x.0), "channel");
    }
    for k in &doc.campaigns {
        assert!(k.start <= k.end);
        opt(&objectives, k.objective.map(|x| x.0), "objective");
        opt(&segments, k.segment.map(|x| x.0), "segment");
        opt(&channels, k.channel.map(|x| x.0), "channel");
        opt(&people, k.owner.map(|x| x.0), "person");
    }
    for n in &doc.notes {
        assert!(n.start <= n.end);
        if let Some(m) = &n.metric {
            assert!(metrics.contains(m.as_str()), "metric {m}");
        }
    }
    for t in &doc.tasks {
        opt(&campaigns, t.campaign.map(|x| x.0), "campaign");
        opt(&people, t.assignee.map(|x| x.0), "person");
        opt(&notes, t.follows_note.map(|x| x.0), "note");
    }
    for v in &doc.kpi_values {
        assert!(metrics.contains(v.metric.as_str()), "metric {}", v.metric);
        match v.dimension {
            Dimension::Total => {}
            Dimension::Segment(s) => opt(&segments, Some(s.0), "segment"),
            Dimension::Channel(c) => opt(&channels, Some(c.0), "channel"),
            Dimension::Campaign(k) => opt(&campaigns, Some(k.0), "campaign"),
        }
    }
    for o in &doc.orders {
        opt(&segments, o.segment.map(|x| x.0), "segment");
    }
}

#[test]
fn small_references_point_to_existing_records() {
    for today in todays() {
        assert_references_exist(&build(Scale::Small, today, 1));
    }
}

#[test]
fn small_has_what_the_tasks_tab_shows() {
    for today in todays() {
        let doc = build(Scale::Small, today, 3);
        let open = |t: &&crate::domain::Task| t.status.is_open();
        let overdue = doc
            .tasks
            .iter()
            .filter(open)
            .filter(|t| t.due.is_some_and(|d| d < today));
        assert!(overdue.count() >= 2, "overdue open tasks on {today}");
        let week = today + TimeDelta::days(6);
        let this_week = doc
            .tasks
            .iter()
            .filter(open)
            .filter(|t| t.due.is_some_and(|d| today <= d && d <= week));
        assert!(this_week.count() >= 3, "tasks due this week on {today}");
        assert!(
            doc.tasks.iter().any(|t| t.due == Some(today)),
            "a task due today"
        );
        for s in TaskStatus::ALL {
            assert!(doc.tasks.iter().any(|t| t.status == *s), "a task {s}");
        }
        for t in &doc.tasks {
            assert_eq!(
                t.done_at.is_some(),
                t.status == TaskStatus::Done,
                "{}",
                t.title
            );
            assert!(t.created_at <= t.updated_at, "{}", t.title);
            assert!(t.created_at.date_naive() <= today && t.updated_at.date_naive() <= today);
            if let Some(d) = t.done_at {
                assert!(t.created_at <= d && d.date_naive() <= today, "{}", t.title);
            }
            assert!(!t.title.trim().is_empty());
            assert!(!t.tags.is_empty(), "{} has tags", t.title);
        }
        assert!(
            (50..=90).contains(&doc.tasks.len()),
            "{} tasks",
            doc.tasks.len()
        );
        assert!(doc.tasks.iter().any(|t| t.follows_note.is_some()));
        assert!(doc.tasks.iter().any(|t| t.title.contains("trà ô long")));
    }
}

#[test]
fn small_campaign_statuses_match_their_dates() {
    for today in todays() {
        let doc = build(Scale::Small, today, 3);
        assert!(
            (8..=16).contains(&doc.campaigns.len()),
            "{} campaigns",
            doc.campaigns.len()
        );
        for k in &doc.campaigns {
            assert_eq!(k.status, status_on(k.start, k.end, today), "{}", k.name);
            assert!(k.budget > crate::domain::Amount::ZERO);
        }
        for s in [
            CampaignStatus::Done,
            CampaignStatus::Active,
            CampaignStatus::Planned,
        ] {
            assert!(
                doc.campaigns.iter().any(|k| k.status == s),
                "a {s} campaign on {today}"
            );
        }
    }
}

#[test]
fn small_revenue_and_conversions_are_the_days_orders() {
    let today = day(2026, 11, 22);
    let doc = build(Scale::Small, today, 5);
    let mut by_day: HashMap<NaiveDate, (i64, i64)> = HashMap::new();
    for o in &doc.orders {
        let e = by_day.entry(o.day).or_default();
        e.0 += 1;
        e.1 += o.amount.raw();
    }
    let total = |metric: &str| -> Vec<(NaiveDate, i64)> {
        doc.kpi_values
            .iter()
            .filter(|v| v.metric == metric && v.dimension == Dimension::Total)
            .map(|v| (v.day, v.value.raw()))
            .collect()
    };
    let revenue = total("revenue");
    assert_eq!(revenue.len(), by_day.len().max(revenue.len()));
    for (d, r) in &revenue {
        assert_eq!(*r, by_day.get(d).map_or(0, |e| e.1), "revenue on {d}");
    }
    for (d, c) in total("conversions") {
        assert_eq!(
            c,
            by_day.get(&d).map_or(0, |e| e.0) * 10_000,
            "conversions on {d}"
        );
    }
    // Spend per channel adds up to the total spend, every day.
    let mut channel_spend: HashMap<NaiveDate, i64> = HashMap::new();
    for v in doc.kpi_values.iter().filter(|v| v.metric == "spend") {
        if let Dimension::Channel(_) = v.dimension {
            *channel_spend.entry(v.day).or_default() += v.value.raw();
        }
    }
    for (d, s) in total("spend") {
        assert_eq!(s, channel_spend[&d], "spend on {d}");
    }
    for stored in [
        "customers",
        "new_customers",
        "churned_customers",
        "loyal_customers",
    ] {
        assert!(doc.kpi_values.iter().all(|v| v.metric != stored));
    }
}

#[test]
fn small_orders_span_18_months_with_loyal_and_churned_customers() {
    for today in todays() {
        let doc = build(Scale::Small, today, 9);
        let first = doc.orders.first().expect("orders").day;
        let last = doc.orders.last().expect("orders").day;
        assert!(last <= today && (today - last).num_days() <= 2);
        let months = (today - first).num_days();
        assert!((530..=550).contains(&months), "orders start {first}");
        assert!(doc.orders.windows(2).all(|w| w[0].day <= w[1].day));
        let s = DemoSummary::of(&doc);
        assert!((15_000..=30_000).contains(&s.orders), "{} orders", s.orders);
        assert!(
            (1_500..=3_000).contains(&s.customers),
            "{} customers",
            s.customers
        );
        let mut per: HashMap<&str, (usize, NaiveDate)> = HashMap::new();
        for o in &doc.orders {
            assert!(
                o.customer.starts_with("KH")
                    && o.order_ref.as_deref().is_some_and(|r| r.starts_with("DH"))
            );
            assert_eq!(o.amount.raw() % 10_000_000, 0, "whole thousands of VND");
            let e = per.entry(o.customer.as_str()).or_insert((0, o.day));
            e.0 += 1;
            e.1 = o.day;
        }
        assert!(per.values().any(|(n, _)| *n >= 3), "a loyal customer");
        assert!(
            per.values().any(|(_, d)| (today - *d).num_days() > 90),
            "a churned customer"
        );
        assert!(per.values().any(|(n, _)| *n == 1), "a one-time buyer");
    }
}

#[test]
fn small_texts_the_ui_shows_are_present() {
    let doc = build(Scale::Small, day(2026, 11, 22), 1);
    let filled = |s: &str, what: &str| assert!(!s.trim().is_empty(), "{what} is empty");
    filled(&doc.message.brand_message, "brand message");
    filled(&doc.message.positioning, "positioning");
    assert_eq!(doc.segments.len(), 3);
    for s in &doc.segments {
        for t in [
            &s.name,
            &s.description,
            &s.demographics,
            &s.needs,
            &s.habits,
        ] {
            filled(t, "segment text");
        }
        assert!(s.market_size.is_some());
    }
    assert_eq!(doc.channels.len(), 5);
    for c in &doc.channels {
        filled(&c.name, "channel name");
        filled(&c.description, "channel description");
        assert!(!c.segments.is_empty());
    }
    assert_eq!(doc.people.len(), 4);
    for p in &doc.people {
        for t in [&p.name, &p.role, &p.contact] {
            filled(t, "person");
        }
    }
    assert!((4..=5).contains(&doc.tools.len()));
    assert_eq!(doc.procedures.len(), 6);
    for p in &doc.procedures {
        filled(&p.title, "procedure title");
        assert!(
            p.owner.is_some() && p.steps.lines().count() >= 4,
            "{}",
            p.title
        );
    }
    assert!((3..=5).contains(&doc.objectives.len()));
    for o in &doc.objectives {
        filled(&o.title, "objective");
        assert_ne!(o.baseline, o.target, "{}", o.title);
    }
    for k in &doc.campaigns {
        filled(&k.name, "campaign name");
        filled(&k.description, "campaign description");
    }
    assert!(
        doc.notes
            .iter()
            .filter(|n| n.kind == crate::domain::NoteKind::Cause)
            .count()
            >= 8
    );
    assert!(
        doc.notes
            .iter()
            .any(|n| n.kind == crate::domain::NoteKind::Review)
    );
    for n in &doc.notes {
        filled(&n.text, "note");
    }
    assert!(doc.budgets.len() >= 18);
    for b in &doc.budgets {
        let vnd = b.amount.round_to_int();
        assert!(
            (25_000_000..=70_000_000).contains(&vnd),
            "budget {} {vnd}",
            b.period
        );
    }
}

#[test]
fn fill_loads_an_empty_store_and_refuses_a_second_time() {
    let mut store = Store::open_in_memory().expect("store");
    let today = day(2026, 11, 22);
    let summary = fill(&mut store, Scale::Small, today, 1).expect("fill");
    assert_eq!(summary, DemoSummary::of(&build(Scale::Small, today, 1)));
    assert!(store.foreign_key_check().expect("check").is_empty());
    assert!(fill(&mut store, Scale::Small, today, 1).is_err());
    let back = store.export().expect("export");
    assert_eq!(back.tasks.len(), summary.tasks);
    assert_eq!(back.orders.len(), summary.orders);
}

#[test]
fn large_has_the_benchmark_counts() {
    let doc = build(Scale::Large, day(2026, 11, 22), 42);
    assert_eq!(doc.tasks.len(), 50_000);
    assert_eq!(doc.campaigns.len(), 1_000);
    assert_eq!(doc.segments.len(), 30);
    assert_eq!(doc.channels.len(), 10);
    assert_eq!(doc.people.len(), 20);
    assert_eq!(doc.objectives.len(), 50);
    assert_eq!(doc.notes.len(), 200);
    let s = DemoSummary::of(&doc);
    assert_eq!(s.customers, 100_000);
    assert!(
        (900_000..=1_100_000).contains(&s.orders),
        "{} orders",
        s.orders
    );
    assert!(
        (700_000..=800_000).contains(&s.kpi_values),
        "{} values",
        s.kpi_values
    );
    assert_references_exist(&doc);
}

#[test]
#[ignore = "loads a million orders: run with --ignored, in release"]
fn large_loads_into_a_fresh_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("large.db")).expect("store");
    let summary = fill(&mut store, Scale::Large, day(2026, 11, 22), 42).expect("fill");
    assert_eq!(summary.tasks, 50_000);
}

#[test]
fn small_objectives_include_one_met_and_one_at_risk() {
    for today in todays() {
        let doc = build(Scale::Small, today, 4);
        let loyal = doc
            .objectives
            .iter()
            .find(|o| o.metric == "loyal_customers")
            .expect("a loyal customers objective");
        assert!(loyal.deadline < today);
        let (_, reached) = super::small::customers_on(&doc.orders, loyal.deadline);
        assert!(loyal.target.round_to_int() <= reached, "met on {today}");
        assert!(loyal.target > loyal.baseline);

        let growth = doc
            .objectives
            .iter()
            .find(|o| o.metric == "customers")
            .expect("a customers objective");
        assert!(growth.start <= today && today <= growth.deadline);
        let (now, _) = super::small::customers_on(&doc.orders, today);
        let (base, target) = (growth.baseline.round_to_int(), growth.target.round_to_int());
        let progress = (now - base) as f64 / (target - base) as f64;
        let elapsed = (today - growth.start).num_days() as f64
            / (growth.deadline - growth.start).num_days() as f64;
        assert!(
            progress < elapsed,
            "at risk on {today}: {progress} vs {elapsed}"
        );
        for p in crate::domain::Priority::ALL {
            assert!(doc.tasks.iter().any(|t| t.priority == *p), "a {p} task");
        }
    }
}
