//! What an export document must be before any of it is written: each
//! value held to the rule the command line and the forms hold it to
//! (days within the years funnel keeps, amounts within the limit, a
//! campaign's end after its start …), every reference to a record the
//! document holds (or a built-in metric), and no id, name or key twice.
//! Each refusal names the place of the value, so the message points at
//! its line and column.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::Export;
use super::place::Place;
use crate::domain::validate::{self, Invalid};
use crate::domain::{Dimension, Metric, MetricKind, TaskStatus};
use crate::store::kpis::dimension_words;
use crate::store::orders::{Occurrences, OrderInput, check_order};
use crate::store::plan::check_span;
use crate::store::records::budget_period;
use crate::store::{Result, StoreError};

fn refuse(place: Place, message: impl ToString) -> StoreError {
    StoreError::Document {
        place,
        message: message.to_string(),
        also: None,
    }
}

/// A rule broken at `place`.
fn at(place: Place) -> impl FnOnce(Invalid) -> StoreError {
    move |e| refuse(place, e)
}

/// Keys seen so far, each with the place it was first seen at.
struct Seen<K>(HashMap<K, Place>);

impl<K: Eq + Hash> Seen<K> {
    fn new() -> Self {
        Seen(HashMap::new())
    }

    /// Refuses `key` seen before, naming both places.
    fn first(&mut self, key: K, place: Place, message: impl FnOnce() -> String) -> Result<()> {
        match self.0.get(&key) {
            Some(earlier) => Err(StoreError::Document {
                place,
                message: message(),
                also: Some(earlier.clone()),
            }),
            None => {
                self.0.insert(key, place);
                Ok(())
            }
        }
    }
}

/// The ids of one section: each 1 or more, none twice.
fn ids(section: &'static str, what: &str, ids: impl Iterator<Item = i64>) -> Result<HashSet<i64>> {
    let mut seen = Seen::new();
    for (i, id) in ids.enumerate() {
        let place = Place::record(section, i).key("id");
        if id < 1 {
            return Err(refuse(place, format!("{what} id {id}: an id is 1 or more")));
        }
        seen.first(id, place, || format!("{what} id {id} is used twice"))?;
    }
    Ok(seen.0.into_keys().collect())
}

/// Names that must differ as the database tells them apart (its NOCASE
/// collation: ASCII letters in either case are the same).
fn names<'a>(
    section: &'static str,
    key: &'static str,
    what: &str,
    names: impl Iterator<Item = &'a str>,
) -> Result<()> {
    let mut seen = Seen::new();
    for (i, name) in names.enumerate() {
        let place = Place::record(section, i).key(key);
        seen.first(name.to_ascii_lowercase(), place, || {
            format!("a {what} named '{name}' is in the file twice")
        })?;
    }
    Ok(())
}

/// A link from `whose` to a `target` record, which `ids` must hold.
fn link(
    ids: &HashSet<i64>,
    id: Option<i64>,
    place: impl FnOnce() -> Place,
    whose: impl FnOnce() -> String,
    target: &str,
) -> Result<()> {
    match id {
        Some(id) if !ids.contains(&id) => Err(refuse(
            place(),
            format!("{}: {target} {id} is not in the file", whose()),
        )),
        _ => Ok(()),
    }
}

/// Refuses `doc` where anything in it breaks a rule; `known` are the
/// metrics the database has (the built-in ones).
pub(super) fn check(doc: &Export, known: &[Metric]) -> Result<()> {
    let metrics = metrics(doc, known)?;
    let segments = ids("segments", "segment", doc.segments.iter().map(|s| s.id.0))?;
    names(
        "segments",
        "name",
        "segment",
        doc.segments.iter().map(|s| s.name.as_str()),
    )?;
    for (i, s) in doc.segments.iter().enumerate() {
        if s.market_size.is_some_and(|m| m < 0) {
            let place = Place::record("segments", i).key("market_size");
            return Err(refuse(place, "market size: is negative"));
        }
    }
    let channels = ids("channels", "channel", doc.channels.iter().map(|c| c.id.0))?;
    names(
        "channels",
        "name",
        "channel",
        doc.channels.iter().map(|c| c.name.as_str()),
    )?;
    for (i, c) in doc.channels.iter().enumerate() {
        for (j, s) in c.segments.iter().enumerate() {
            link(
                &segments,
                Some(s.0),
                || Place::record("channels", i).key("segments").index(j),
                || format!("channel {}", c.id),
                "segment",
            )?;
        }
    }
    let people = ids("people", "person", doc.people.iter().map(|p| p.id.0))?;
    names(
        "people",
        "name",
        "person",
        doc.people.iter().map(|p| p.name.as_str()),
    )?;
    ids("tools", "tool", doc.tools.iter().map(|t| t.id.0))?;
    names(
        "tools",
        "name",
        "tool",
        doc.tools.iter().map(|t| t.name.as_str()),
    )?;
    budgets(doc)?;
    ids(
        "procedures",
        "procedure",
        doc.procedures.iter().map(|p| p.id.0),
    )?;
    names(
        "procedures",
        "title",
        "procedure",
        doc.procedures.iter().map(|p| p.title.as_str()),
    )?;
    for (i, p) in doc.procedures.iter().enumerate() {
        link(
            &people,
            p.owner.map(|o| o.0),
            || Place::record("procedures", i).key("owner"),
            || format!("procedure {}", p.id),
            "person",
        )?;
    }
    let objectives = ids(
        "objectives",
        "objective",
        doc.objectives.iter().map(|o| o.id.0),
    )?;
    for (i, o) in doc.objectives.iter().enumerate() {
        let field = |key| Place::record("objectives", i).key(key);
        let whose = || format!("objective {}", o.id);
        if !metrics.contains_key(o.metric.as_str()) {
            return Err(refuse(
                field("metric"),
                format!("{}: {}", whose(), unknown_metric(&o.metric)),
            ));
        }
        validate::amount(
            crate::domain::validate::Field::ObjectiveBaseline,
            o.baseline,
        )
        .map_err(at(field("baseline")))?;
        validate::amount(crate::domain::validate::Field::ObjectiveTarget, o.target)
            .map_err(at(field("target")))?;
        validate::day(crate::domain::validate::Field::ObjectiveStart, o.start)
            .map_err(at(field("start")))?;
        validate::day(
            crate::domain::validate::Field::ObjectiveDeadline,
            o.deadline,
        )
        .map_err(at(field("deadline")))?;
        check_span(
            crate::domain::validate::Field::Objective,
            o.start,
            o.deadline,
        )
        .map_err(at(field("deadline")))?;
        let segment = o.segment.map(|x| x.0);
        link(&segments, segment, || field("segment"), whose, "segment")?;
        let channel = o.channel.map(|x| x.0);
        link(&channels, channel, || field("channel"), whose, "channel")?;
    }
    let campaigns = ids(
        "campaigns",
        "campaign",
        doc.campaigns.iter().map(|c| c.id.0),
    )?;
    names(
        "campaigns",
        "name",
        "campaign",
        doc.campaigns.iter().map(|c| c.name.as_str()),
    )?;
    for (i, k) in doc.campaigns.iter().enumerate() {
        let field = |key| Place::record("campaigns", i).key(key);
        let whose = || format!("campaign {}", k.id);
        let objective = k.objective.map(|x| x.0);
        link(
            &objectives,
            objective,
            || field("objective"),
            whose,
            "objective",
        )?;
        let segment = k.segment.map(|x| x.0);
        link(&segments, segment, || field("segment"), whose, "segment")?;
        let channel = k.channel.map(|x| x.0);
        link(&channels, channel, || field("channel"), whose, "channel")?;
        let owner = k.owner.map(|x| x.0);
        link(&people, owner, || field("owner"), whose, "person")?;
        validate::day(crate::domain::validate::Field::CampaignStart, k.start)
            .map_err(at(field("start")))?;
        validate::day(crate::domain::validate::Field::CampaignEnd, k.end)
            .map_err(at(field("end")))?;
        check_span(crate::domain::validate::Field::Campaign, k.start, k.end)
            .map_err(at(field("end")))?;
        validate::non_negative(crate::domain::validate::Field::CampaignBudget, k.budget)
            .map_err(at(field("budget")))?;
    }
    let notes = ids("notes", "note", doc.notes.iter().map(|n| n.id.0))?;
    for (i, n) in doc.notes.iter().enumerate() {
        let field = |key| Place::record("notes", i).key(key);
        validate::day(crate::domain::validate::Field::NoteStart, n.start)
            .map_err(at(field("start")))?;
        validate::day(crate::domain::validate::Field::NoteEnd, n.end).map_err(at(field("end")))?;
        check_span(crate::domain::validate::Field::Note, n.start, n.end)
            .map_err(at(field("end")))?;
        if let Some(m) = &n.metric
            && !metrics.contains_key(m.as_str())
        {
            let message = format!("note {}: {}", n.id, unknown_metric(m));
            return Err(refuse(field("metric"), message));
        }
        if n.text.is_empty() {
            return Err(refuse(
                field("text"),
                Invalid::Empty {
                    field: crate::domain::validate::Field::Note,
                },
            ));
        }
        validate::time(crate::domain::validate::Field::NoteCreatedAt, n.created_at)
            .map_err(at(field("created_at")))?;
    }
    let tasks = ids("tasks", "task", doc.tasks.iter().map(|t| t.id.0))?;
    let mut repeated = Seen::new();
    for (i, t) in doc.tasks.iter().enumerate() {
        let field = |key| Place::record("tasks", i).key(key);
        let whose = || format!("task {}", t.id);
        let campaign = t.campaign.map(|x| x.0);
        link(
            &campaigns,
            campaign,
            || field("campaign"),
            whose,
            "campaign",
        )?;
        let assignee = t.assignee.map(|x| x.0);
        link(&people, assignee, || field("assignee"), whose, "person")?;
        let note = t.follows_note.map(|x| x.0);
        link(&notes, note, || field("follows_note"), whose, "note")?;
        let series = t.series.map(|x| x.0);
        link(&tasks, series, || field("series"), whose, "task")?;
        if let Some(done) = t.repeats {
            link(&tasks, Some(done.0), || field("repeats"), whose, "task")?;
            repeated.first(done, field("repeats"), || {
                format!("task {done} is followed by two tasks of its series")
            })?;
        }
        if let Some(due) = t.due {
            validate::day(crate::domain::validate::Field::TaskDue, due)
                .map_err(at(field("due")))?;
        }
        validate::time(crate::domain::validate::Field::TaskCreatedAt, t.created_at)
            .map_err(at(field("created_at")))?;
        validate::time(crate::domain::validate::Field::TaskUpdatedAt, t.updated_at)
            .map_err(at(field("updated_at")))?;
        if let Some(done) = t.done_at {
            validate::time(crate::domain::validate::Field::TaskDoneAt, done)
                .map_err(at(field("done_at")))?;
        }
        match (t.status == TaskStatus::Done, t.done_at.is_some()) {
            (true, false) => {
                let message = format!("{}: status done but no done_at", whose());
                return Err(refuse(field("status"), message));
            }
            (false, true) => {
                let message = format!("{}: a done_at but status {}", whose(), t.status);
                return Err(refuse(field("done_at"), message));
            }
            _ => {}
        }
    }
    kpi_values(doc, &metrics, &segments, &channels, &campaigns)?;
    orders(doc, &segments)
}

fn unknown_metric(name: &str) -> String {
    format!("metric '{name}' is not in the file and not built in")
}

/// Every metric a value may name: the database's and the document's own,
/// each of which must be a new snake_case name or a built-in one of the
/// same kind and unit.
fn metrics<'a>(doc: &'a Export, known: &'a [Metric]) -> Result<HashMap<&'a str, &'a Metric>> {
    let mut all: HashMap<&str, &Metric> = known.iter().map(|m| (m.name.as_str(), m)).collect();
    let mut seen = Seen::new();
    for (i, m) in doc.metrics.iter().enumerate() {
        let place = Place::record("metrics", i).key("name");
        validate::metric_name(&m.name).map_err(at(place.clone()))?;
        // A metric built in since the file was made (clicks in a file
        // from before version 6) is that built-in one where it reads alike.
        if known
            .iter()
            .any(|k| k.name == m.name && k.builtin && k.kind == m.kind && k.unit == m.unit)
        {
            continue;
        }
        if known.iter().any(|k| k.name == m.name) {
            let message = format!(
                "metric '{}' is built in (or already in the database)",
                m.name
            );
            return Err(refuse(place, message));
        }
        seen.first(m.name.as_str(), place, || {
            format!("metric '{}' is in the file twice", m.name)
        })?;
        all.insert(&m.name, m);
    }
    Ok(all)
}

fn budgets(doc: &Export) -> Result<()> {
    ids("budgets", "budget", doc.budgets.iter().map(|b| b.id.0))?;
    let mut periods = Seen::new();
    for (i, b) in doc.budgets.iter().enumerate() {
        let field = |key| Place::record("budgets", i).key(key);
        let label = budget_period(&b.period).map_err(at(field("period")))?;
        let message = || format!("a budget for {label} is in the file twice");
        periods.first(label.clone(), field("period"), message)?;
        validate::non_negative(crate::domain::validate::Field::BudgetAmount, b.amount)
            .map_err(at(field("amount")))?;
    }
    Ok(())
}

fn kpi_values(
    doc: &Export,
    metrics: &HashMap<&str, &Metric>,
    segments: &HashSet<i64>,
    channels: &HashSet<i64>,
    campaigns: &HashSet<i64>,
) -> Result<()> {
    let mut keys = Seen::new();
    let mut totals: HashMap<(&str, Dimension), i128> = HashMap::new();
    for (i, v) in doc.kpi_values.iter().enumerate() {
        let field = |key| Place::record("kpi_values", i).key(key);
        validate::day(crate::domain::validate::Field::KpiDay, v.day).map_err(at(field("day")))?;
        let Some(metric) = metrics.get(v.metric.as_str()) else {
            return Err(refuse(field("metric"), unknown_metric(&v.metric)));
        };
        if crate::metrics::figures::is_derived(&v.metric) {
            let message = format!(
                "{} is worked out from the other metrics and cannot be recorded",
                v.metric
            );
            return Err(refuse(field("metric"), message));
        }
        let (ids, id, target) = match v.dimension {
            Dimension::Total => (segments, None, ""),
            Dimension::Segment(s) => (segments, Some(s.0), "segment"),
            Dimension::Channel(c) => (channels, Some(c.0), "channel"),
            Dimension::Campaign(k) => (campaigns, Some(k.0), "campaign"),
        };
        let whose = || format!("a value of {}", v.metric);
        link(ids, id, || field("dimension").key("id"), whose, target)?;
        validate::metric_value(&metric.name, metric.unit, v.value)
            .map_err(|e| refuse(field("value"), e))?;
        let of = || format!("{} of {}", v.metric, dimension_words(v.dimension));
        keys.first(
            (v.day, v.metric.as_str(), v.dimension),
            field("day"),
            || format!("{} on {} is in the file twice", of(), v.day),
        )?;
        if metric.kind == MetricKind::Counter {
            let total = totals.entry((v.metric.as_str(), v.dimension)).or_default();
            *total += i128::from(v.value.raw().unsigned_abs());
            validate::total(of, *total).map_err(at(field("value")))?;
        }
    }
    Ok(())
}

fn orders(doc: &Export, segments: &HashSet<i64>) -> Result<()> {
    let mut keys = Seen::new();
    // Orders alike without an id are each an order, as in a CSV import.
    let mut occurrences = Occurrences::default();
    let mut total = 0i128;
    for (i, o) in doc.orders.iter().enumerate() {
        let field = |key| Place::record("orders", i).key(key);
        let input = OrderInput {
            order_ref: o.order_ref.clone(),
            customer: o.customer.clone(),
            day: o.day,
            amount: o.amount,
            segment: None,
        };
        check_order(&input).map_err(|e| {
            let key = match e.field() {
                Some(validate::Field::OrderId) => "order_ref",
                Some(validate::Field::OrderDay) => "day",
                Some(validate::Field::OrderAmount) => "amount",
                _ => "customer",
            };
            refuse(field(key), e)
        })?;
        let name = match &o.order_ref {
            Some(r) => format!("order '{r}'"),
            None => format!("the order of {} on {} for {}", o.customer, o.day, o.amount),
        };
        let segment = o.segment.map(|s| s.0);
        link(
            segments,
            segment,
            || field("segment"),
            || name.clone(),
            "segment",
        )?;
        // Only an order id can be there twice: orders alike without one
        // are told apart by their occurrence.
        keys.first(occurrences.key(&input), field("order_ref"), || {
            format!("{name} is in the file twice")
        })?;
        total += i128::from(o.amount.raw().unsigned_abs());
        let what = || "the amounts of all orders".to_string();
        validate::total(what, total).map_err(at(field("amount")))?;
    }
    Ok(())
}
