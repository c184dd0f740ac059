//! The plan: objectives, campaigns on a timeline, and notes on periods.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::strategy::unique;
use super::tasks::{day_col, enum_col};
use super::{Result, Store, StoreError, day_text, new_or, written_id};
use crate::domain::validate;
use crate::domain::{
    Amount, Campaign, CampaignId, ChannelId, Note, NoteId, Objective, ObjectiveId, PersonId,
    SegmentId,
};

fn required_day(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    day_col(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "day".into(),
        rusqlite::types::Type::Null,
    ))
}

fn objective_row(r: &Row<'_>) -> rusqlite::Result<Objective> {
    Ok(Objective {
        id: ObjectiveId(r.get(0)?),
        title: r.get(1)?,
        metric: r.get(2)?,
        baseline: Amount::from_raw(r.get(3)?),
        target: Amount::from_raw(r.get(4)?),
        direction: enum_col(r, 5)?,
        start: required_day(r, 6)?,
        deadline: required_day(r, 7)?,
        segment: r.get::<_, Option<i64>>(8)?.map(SegmentId),
        channel: r.get::<_, Option<i64>>(9)?.map(ChannelId),
    })
}

fn campaign_row(r: &Row<'_>) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: CampaignId(r.get(0)?),
        name: r.get(1)?,
        objective: r.get::<_, Option<i64>>(2)?.map(ObjectiveId),
        segment: r.get::<_, Option<i64>>(3)?.map(SegmentId),
        channel: r.get::<_, Option<i64>>(4)?.map(ChannelId),
        start: required_day(r, 5)?,
        end: required_day(r, 6)?,
        budget: Amount::from_raw(r.get(7)?),
        owner: r.get::<_, Option<i64>>(8)?.map(PersonId),
        status: enum_col(r, 9)?,
        description: r.get(10)?,
    })
}

fn note_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    let created: String = r.get(7)?;
    Ok(Note {
        id: NoteId(r.get(0)?),
        kind: enum_col(r, 1)?,
        category: enum_col(r, 2)?,
        start: required_day(r, 3)?,
        end: required_day(r, 4)?,
        metric: r.get(5)?,
        text: r.get(6)?,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    7,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
    })
}

const OBJECTIVE: &str = "SELECT id, title, metric, baseline, target, direction, start_day, deadline, \
                         segment_id, channel_id FROM objectives";
const CAMPAIGN: &str = "SELECT id, name, objective_id, segment_id, channel_id, start_day, end_day, \
                        budget, owner_id, status, description FROM campaigns";
const NOTE: &str =
    "SELECT id, kind, category, start_day, end_day, metric, text, created_at FROM notes";

pub(super) fn check_span(
    field: &'static str,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(), validate::Invalid> {
    if end < start {
        return Err(validate::Invalid::Rule {
            field,
            message: format!("ends ({end}) before it starts ({start})"),
        });
    }
    Ok(())
}

impl Store {
    // Objectives.

    pub fn objectives(&self) -> Result<Vec<Objective>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{OBJECTIVE} ORDER BY deadline, id"))?;
        let rows = stmt.query_map([], objective_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn objective(&self, id: ObjectiveId) -> Result<Objective> {
        self.conn
            .query_row(&format!("{OBJECTIVE} WHERE id = ?1"), [id.0], objective_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "objective",
                key: id.to_string(),
            })
    }

    /// Adds `o` where its id is 0, else replaces the objective with its id.
    pub fn save_objective(&mut self, o: &Objective) -> Result<Objective> {
        let clean = Objective {
            title: validate::title("objective title", &o.title)?,
            metric: self.metric(&o.metric)?.name,
            baseline: validate::amount("objective baseline", o.baseline)?,
            target: validate::amount("objective target", o.target)?,
            start: validate::day("objective start", o.start)?,
            deadline: validate::day("objective deadline", o.deadline)?,
            ..o.clone()
        };
        check_span("objective", o.start, o.deadline)?;
        let exists = o.id.0 > 0;
        if exists {
            self.objective(o.id)?;
        }
        let id = self.change(|c| {
            let id = put_objective(c.tx(), &clean)?;
            c.label = format!("{} objective {id}", if exists { "edit" } else { "add" });
            Ok(ObjectiveId(id))
        })?;
        self.objective(id)
    }

    pub fn delete_objective(&mut self, id: ObjectiveId) -> Result<Objective> {
        let old = self.objective(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM objectives WHERE id = ?1", [id.0])?;
            c.label = format!("delete objective {id}");
            Ok(())
        })?;
        Ok(old)
    }

    // Campaigns.

    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CAMPAIGN} ORDER BY start_day, id"))?;
        let rows = stmt.query_map([], campaign_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn campaign(&self, id: CampaignId) -> Result<Campaign> {
        self.conn
            .query_row(&format!("{CAMPAIGN} WHERE id = ?1"), [id.0], campaign_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "campaign",
                key: id.to_string(),
            })
    }

    /// Adds `k` where its id is 0, else replaces the campaign with its id.
    pub fn save_campaign(&mut self, k: &Campaign) -> Result<Campaign> {
        let clean = Campaign {
            name: validate::name("campaign name", &k.name)?,
            description: validate::text("campaign description", &k.description)?,
            start: validate::day("campaign start", k.start)?,
            end: validate::day("campaign end", k.end)?,
            budget: validate::non_negative("campaign budget", k.budget)?,
            ..k.clone()
        };
        check_span("campaign", k.start, k.end)?;
        let exists = k.id.0 > 0;
        if exists {
            self.campaign(k.id)?;
        }
        let id = self.change(|c| {
            let id = unique(put_campaign(c.tx(), &clean), "campaign", &clean.name)?;
            c.label = format!(
                "{} campaign {}",
                if exists { "edit" } else { "add" },
                clean.name
            );
            Ok(CampaignId(id))
        })?;
        self.campaign(id)
    }

    /// Deletes a campaign; its tasks stay, without a campaign.
    pub fn delete_campaign(&mut self, id: CampaignId) -> Result<Campaign> {
        let old = self.campaign(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM campaigns WHERE id = ?1", [id.0])?;
            c.label = format!("delete campaign {}", old.name);
            Ok(())
        })?;
        Ok(old)
    }

    // Notes.

    /// Notes whose period overlaps `from..=to`, oldest first.
    pub fn notes_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{NOTE} WHERE start_day <= ?2 AND end_day >= ?1 ORDER BY start_day, id"
        ))?;
        let rows = stmt.query_map(params![day_text(from), day_text(to)], note_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn note(&self, id: NoteId) -> Result<Note> {
        self.conn
            .query_row(&format!("{NOTE} WHERE id = ?1"), [id.0], note_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "note",
                key: id.to_string(),
            })
    }

    pub fn notes(&self) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{NOTE} ORDER BY start_day, id"))?;
        let rows = stmt.query_map([], note_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes a note; tasks that follow it up stay, unlinked.
    pub fn delete_note(&mut self, id: NoteId) -> Result<()> {
        self.change(|c| {
            if c.tx().execute("DELETE FROM notes WHERE id = ?1", [id.0])? == 0 {
                return Err(StoreError::NotFound {
                    what: "note",
                    key: id.to_string(),
                });
            }
            c.label = format!("delete note {id}");
            Ok(())
        })
    }

    /// Adds `n` where its id is 0 (stamped now), else replaces the note
    /// with its id (keeping its creation time).
    pub fn save_note(&mut self, n: &Note) -> Result<NoteId> {
        let text = validate::text("note", &n.text)?;
        if text.is_empty() {
            return Err(validate::Invalid::Empty { field: "note" }.into());
        }
        validate::day("note start", n.start)?;
        validate::day("note end", n.end)?;
        check_span("note", n.start, n.end)?;
        let metric = n
            .metric
            .as_deref()
            .map(|m| self.metric(m).map(|m| m.name))
            .transpose()?;
        let exists = n.id.0 > 0;
        let created_at = if exists {
            self.note(n.id)?.created_at
        } else {
            Utc::now()
        };
        let clean = Note {
            text,
            metric,
            created_at,
            ..n.clone()
        };
        self.change(|c| {
            let id = put_note(c.tx(), &clean)?;
            c.label = format!("{} note {id}", if exists { "edit" } else { "add" });
            Ok(NoteId(id))
        })
    }
}

/// Writes an objective row as is: a new row where its id is 0, else the
/// row with its id, inserted or replaced (an edit, or a load of an export).
pub(super) fn put_objective(conn: &Connection, o: &Objective) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO objectives (id, title, metric, baseline, target, direction, start_day,
                                 deadline, segment_id, channel_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, metric = excluded.metric,
            baseline = excluded.baseline, target = excluded.target,
            direction = excluded.direction, start_day = excluded.start_day,
            deadline = excluded.deadline, segment_id = excluded.segment_id,
            channel_id = excluded.channel_id",
    )?
    .execute(params![
        new_or(o.id.0),
        o.title,
        o.metric,
        o.baseline.raw(),
        o.target.raw(),
        o.direction.as_str(),
        day_text(o.start),
        day_text(o.deadline),
        o.segment.map(|x| x.0),
        o.channel.map(|x| x.0),
    ])?;
    Ok(written_id(conn, o.id.0))
}

/// Writes a campaign row as is (see [`put_objective`]).
pub(super) fn put_campaign(conn: &Connection, k: &Campaign) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO campaigns (id, name, objective_id, segment_id, channel_id, start_day,
                                end_day, budget, owner_id, status, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
            objective_id = excluded.objective_id, segment_id = excluded.segment_id,
            channel_id = excluded.channel_id, start_day = excluded.start_day,
            end_day = excluded.end_day, budget = excluded.budget, owner_id = excluded.owner_id,
            status = excluded.status, description = excluded.description",
    )?
    .execute(params![
        new_or(k.id.0),
        k.name,
        k.objective.map(|x| x.0),
        k.segment.map(|x| x.0),
        k.channel.map(|x| x.0),
        day_text(k.start),
        day_text(k.end),
        k.budget.raw(),
        k.owner.map(|x| x.0),
        k.status.as_str(),
        k.description,
    ])?;
    Ok(written_id(conn, k.id.0))
}

/// Writes a note row as is (see [`put_objective`]).
pub(super) fn put_note(conn: &Connection, n: &Note) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO notes (id, kind, category, start_day, end_day, metric, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, category = excluded.category,
            start_day = excluded.start_day, end_day = excluded.end_day,
            metric = excluded.metric, text = excluded.text",
    )?
    .execute(params![
        new_or(n.id.0),
        n.kind.as_str(),
        n.category.as_str(),
        day_text(n.start),
        day_text(n.end),
        n.metric,
        n.text,
        n.created_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    ])?;
    Ok(written_id(conn, n.id.0))
}
