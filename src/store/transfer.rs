//! The whole database as one JSON document (`funnel export`), and back
//! into an empty database (`funnel import`), keeping every id so that
//! export → import → export gives the same document. An import holds the
//! document to every rule first ([`rules`]) and writes nothing where one
//! is broken; the error names the value's [`Place`].

mod place;
mod rules;

pub use place::{Place, value_start};

use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::kpis::{dimension_ids, source_text};
use super::orders::{Occurrences, OrderInput};
use super::plan::put_note;
use super::records::{
    budget_period, put_budget, put_campaign, put_channel, put_objective, put_person, put_procedure,
    put_segment, put_tool,
};
use super::{Result, Store, StoreError, day_text, now_text};
use crate::domain::{
    Budget, Campaign, Channel, KpiValue, Message, Metric, Note, Objective, Order, Person,
    Procedure, Segment, Task, Tool,
};

/// Format version of the export document.
pub const EXPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub funnel_export: u32,
    pub message: Message,
    pub metrics: Vec<Metric>,
    pub segments: Vec<Segment>,
    pub channels: Vec<Channel>,
    pub people: Vec<Person>,
    pub tools: Vec<Tool>,
    pub budgets: Vec<Budget>,
    pub procedures: Vec<Procedure>,
    pub objectives: Vec<Objective>,
    pub campaigns: Vec<Campaign>,
    pub notes: Vec<Note>,
    pub tasks: Vec<Task>,
    pub kpi_values: Vec<KpiValue>,
    pub orders: Vec<Order>,
}

impl Store {
    pub fn export(&self) -> Result<Export> {
        let mut tasks = self.tasks(&Default::default())?;
        tasks.sort_by_key(|t| t.id);
        let mut segments = self.segments()?;
        segments.sort_by_key(|s| s.id);
        let mut channels = self.channels()?;
        channels.sort_by_key(|c| c.id);
        let mut people = self.people()?;
        people.sort_by_key(|p| p.id);
        let mut tools = self.tools()?;
        tools.sort_by_key(|t| t.id);
        let mut budgets = self.budgets()?;
        budgets.sort_by_key(|b| b.id);
        let mut objectives = self.objectives()?;
        objectives.sort_by_key(|o| o.id);
        let mut campaigns = self.campaigns()?;
        campaigns.sort_by_key(|c| c.id);
        let mut notes = self.notes()?;
        notes.sort_by_key(|n| n.id);
        Ok(Export {
            funnel_export: EXPORT_FORMAT,
            message: self.message()?,
            metrics: self.metrics()?.into_iter().filter(|m| !m.builtin).collect(),
            segments,
            channels,
            people,
            tools,
            budgets,
            procedures: self.procedures()?,
            objectives,
            campaigns,
            notes,
            tasks,
            kpi_values: self.kpi_values()?,
            orders: self.orders()?,
        })
    }

    /// Loads an export into this database, which must be empty. All or
    /// nothing; journaled as one change, so it can be undone.
    pub fn import(&mut self, doc: &Export) -> Result<()> {
        if doc.funnel_export != EXPORT_FORMAT {
            return Err(StoreError::ExportFormat {
                found: doc.funnel_export,
                known: EXPORT_FORMAT,
            });
        }
        if !self.is_empty()? {
            return Err(StoreError::NotEmpty(super::EmptyFor::Import));
        }
        rules::check(doc, &self.metrics()?)?;
        self.change(|c| {
            load(c.tx(), doc, Some(c.entry))?;
            c.label = crate::store::ChangeLabel::ImportExport;
            Ok(())
        })
    }

    /// Loads a document into an empty database as its starting state, not
    /// journaled (nothing to undo): demo data.
    pub fn load_fresh(&mut self, doc: &Export) -> Result<()> {
        if !self.is_empty()? {
            return Err(StoreError::NotEmpty(super::EmptyFor::Load));
        }
        self.unjournaled(|tx| load(tx, doc, None))?;
        // A large load leaves a WAL as big as the data: fold it in now.
        // The load is committed either way: where the disk has no room for
        // the fold (a full disk), the data stays in the WAL, whole, where
        // every reader finds it, and a later close folds it in.
        let _ = self.checkpoint();
        Ok(())
    }
}

/// Runs `put` on every record of the list `section`; a failure names the
/// record's place (the rules let none through that they know of).
fn each<T, R>(
    section: &'static str,
    items: &[T],
    mut put: impl FnMut(&T) -> Result<R>,
) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        put(item).map_err(|e| StoreError::Document {
            place: Place::record(section, i),
            message: e.to_string(),
            also: None,
        })?;
    }
    Ok(())
}

/// Inserts every record of `d`, keeping ids; journaled into `entry` when
/// there is one.
fn load(tx: &Transaction<'_>, d: &Export, entry: Option<i64>) -> Result<()> {
    tx.execute(
        "UPDATE message SET brand_message = ?1, positioning = ?2 WHERE id = 1",
        params![d.message.brand_message, d.message.positioning],
    )?;
    each("metrics", &d.metrics, |m| {
        Ok(tx
            .prepare_cached(
                // The rules let a built-in name through only where the file's
                // metric reads as the built-in one: that one stays.
                "INSERT INTO metrics (name, kind, unit, builtin, description) VALUES (?1, ?2, ?3, 0, ?4)
                 ON CONFLICT (name) DO NOTHING",
            )?
            .execute(params![m.name, m.kind.as_str(), m.unit.as_str(), m.description])?)
    })?;
    each("segments", &d.segments, |s| Ok(put_segment(tx, s)?))?;
    each("channels", &d.channels, |ch| Ok(put_channel(tx, ch)?))?;
    each("people", &d.people, |p| Ok(put_person(tx, p)?))?;
    each("tools", &d.tools, |t| Ok(put_tool(tx, t)?))?;
    each("budgets", &d.budgets, |b| {
        let period = budget_period(&b.period)?;
        Ok(put_budget(
            tx,
            &Budget {
                period,
                ..b.clone()
            },
        )?)
    })?;
    each("procedures", &d.procedures, |p| Ok(put_procedure(tx, p)?))?;
    each("objectives", &d.objectives, |o| Ok(put_objective(tx, o)?))?;
    each("campaigns", &d.campaigns, |k| Ok(put_campaign(tx, k)?))?;
    each("notes", &d.notes, |n| Ok(put_note(tx, n)?))?;
    let ts =
        |t: &chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    each("tasks", &d.tasks, |t| {
        Ok(tx
            .prepare_cached(
                "INSERT INTO tasks (id, title, campaign_id, assignee_id, status, priority, due, tags,
                                    notes, note_id, created_at, updated_at, done_at, recurrence,
                                    series_id, repeats_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                t.id.0,
                t.title,
                t.campaign.map(|x| x.0),
                t.assignee.map(|x| x.0),
                t.status.as_str(),
                t.priority.as_str(),
                t.due.map(day_text),
                t.tags.join(" "),
                t.notes,
                t.follows_note.map(|x| x.0),
                ts(&t.created_at),
                ts(&t.updated_at),
                t.done_at.as_ref().map(ts),
                t.recurrence.map(|r| r.to_string()),
                t.series.map(|x| x.0),
                t.repeats.map(|x| x.0)
            ])?)
    })?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO kpi_values (day, metric, segment_id, channel_id, campaign_id, value, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    each("kpi_values", &d.kpi_values, |v| {
        let (s, ch, k) = dimension_ids(v.dimension);
        Ok(insert.execute(params![
            day_text(v.day),
            v.metric,
            s,
            ch,
            k,
            v.value.raw(),
            source_text(v.source)
        ])?)
    })?;
    if !d.orders.is_empty() {
        tx.execute(
            "INSERT INTO import_batches (kind, file, at, rows) VALUES ('orders', 'export', ?1, ?2)",
            params![now_text(), d.orders.len() as i64],
        )?;
        let batch = tx.last_insert_rowid();
        let before: i64 =
            tx.query_row("SELECT IFNULL(max(id), 0) FROM orders", [], |r| r.get(0))?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO orders (order_key, order_ref, customer, day, amount, segment_id, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut keys = Occurrences::default();
        each("orders", &d.orders, |o| {
            let key = keys.stored_key(&OrderInput {
                order_ref: o.order_ref.clone(),
                customer: o.customer.clone(),
                day: o.day,
                amount: o.amount,
                segment: None,
            });
            Ok(insert.execute(params![
                key,
                o.order_ref,
                o.customer,
                day_text(o.day),
                o.amount.raw(),
                o.segment.map(|s| s.0),
                batch
            ])?)
        })?;
        super::orders::batch_ids(tx, batch, before)?;
        if let Some(entry) = entry {
            super::journal::add_order_batch(tx, entry, batch)?;
        }
        super::rollup::orders_changed(tx)?;
    }
    Ok(())
}
