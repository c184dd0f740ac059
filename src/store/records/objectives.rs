//! Objectives: a metric to move from a baseline to a target by a
//! deadline, for a segment or channel or overall.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{Amount, ChannelId, Objective, ObjectiveId, RecordKind, SegmentId};
use crate::store::links::Linked;
use crate::store::plan::{check_span, required_day};
use crate::store::tasks::enum_col;
use crate::store::{Result, Store, day_text, new_or, written_id};

impl Kept for Objective {
    type Id = ObjectiveId;
    const TABLE: &'static str = "objectives";
    const NAME_COLUMN: &'static str = "title";
    const LINKS: &'static [(Linked, &'static str)] = &[(
        Linked::Campaigns,
        "SELECT count(*) FROM campaigns WHERE objective_id = ?1",
    )];

    fn id(&self) -> ObjectiveId {
        self.id
    }

    fn name(&self) -> &str {
        &self.title
    }

    fn clean(&self, store: &Store) -> Result<Objective> {
        let clean = Objective {
            title: validate::title(crate::domain::validate::Field::ObjectiveTitle, &self.title)?,
            metric: store.metric(&self.metric)?.name,
            baseline: validate::amount(
                crate::domain::validate::Field::ObjectiveBaseline,
                self.baseline,
            )?,
            target: validate::amount(crate::domain::validate::Field::ObjectiveTarget, self.target)?,
            start: validate::day(crate::domain::validate::Field::ObjectiveStart, self.start)?,
            deadline: validate::day(
                crate::domain::validate::Field::ObjectiveDeadline,
                self.deadline,
            )?,
            ..self.clone()
        };
        check_span(
            crate::domain::validate::Field::Objective,
            self.start,
            self.deadline,
        )?;
        Ok(clean)
    }

    fn put(conn: &Connection, o: &Objective) -> rusqlite::Result<i64> {
        put_objective(conn, o)
    }

    fn read(store: &Store, id: ObjectiveId) -> Result<Objective> {
        store.objective(id)
    }

    /// An objective is journaled by its id, not its title.
    fn label(&self, id: i64) -> String {
        id.to_string()
    }
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

const OBJECTIVE: &str = "SELECT id, title, metric, baseline, target, direction, start_day, deadline, \
                         segment_id, channel_id FROM objectives";

impl Store {
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
            .ok_or_else(|| super::not_found(RecordKind::Objective, id))
    }

    /// Adds `o` where its id is 0, else replaces the objective with its id.
    pub fn save_objective(&mut self, o: &Objective) -> Result<Objective> {
        self.save_kept(o)
    }

    pub fn delete_objective(&mut self, id: ObjectiveId) -> Result<Objective> {
        self.delete_kept(id)
    }
}

/// Writes an objective row as is (see [`super::put_segment`]).
pub(in crate::store) fn put_objective(conn: &Connection, o: &Objective) -> rusqlite::Result<i64> {
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
