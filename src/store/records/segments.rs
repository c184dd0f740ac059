//! Segments: who the marketer sells to.

use rusqlite::{Connection, Row, Transaction, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{RecordKind, Segment, SegmentId};
use crate::store::links::Linked;
use crate::store::{Result, Store, new_or, written_id};

impl Kept for Segment {
    type Id = SegmentId;
    const TABLE: &'static str = "segments";
    const LINKS: &'static [(Linked, &'static str)] = &[
        (
            Linked::Campaigns,
            "SELECT count(*) FROM campaigns WHERE segment_id = ?1",
        ),
        (
            Linked::Objectives,
            "SELECT count(*) FROM objectives WHERE segment_id = ?1",
        ),
        (
            Linked::Channels,
            "SELECT count(*) FROM channel_segments WHERE segment_id = ?1",
        ),
        (
            Linked::Orders,
            "SELECT count(*) FROM orders WHERE segment_id = ?1",
        ),
        (
            Linked::KpiValues,
            "SELECT count(*) FROM kpi_values WHERE segment_id = ?1",
        ),
    ];

    fn id(&self) -> SegmentId {
        self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn clean(&self, _: &Store) -> Result<Segment> {
        if self.market_size.is_some_and(|m| m < 0) {
            return Err(validate::Invalid::Rule {
                field: crate::domain::validate::Field::MarketSize,
                rule: validate::Broken::Negative,
            }
            .into());
        }
        Ok(Segment {
            name: validate::name(crate::domain::validate::Field::SegmentName, &self.name)?,
            description: validate::text(
                crate::domain::validate::Field::Description,
                &self.description,
            )?,
            demographics: validate::text(
                crate::domain::validate::Field::Demographics,
                &self.demographics,
            )?,
            needs: validate::text(crate::domain::validate::Field::Needs, &self.needs)?,
            habits: validate::text(crate::domain::validate::Field::Habits, &self.habits)?,
            ..self.clone()
        })
    }

    fn put(conn: &Connection, s: &Segment) -> rusqlite::Result<i64> {
        put_segment(conn, s)
    }

    fn read(store: &Store, id: SegmentId) -> Result<Segment> {
        store.segment(id)
    }

    fn deleted(tx: &Transaction<'_>) -> Result<()> {
        // Its orders lose their segment (ON DELETE SET NULL).
        crate::store::rollup::orders_changed(tx)?;
        Ok(())
    }
}

fn segment_row(r: &Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: SegmentId(r.get(0)?),
        name: r.get(1)?,
        description: r.get(2)?,
        demographics: r.get(3)?,
        needs: r.get(4)?,
        habits: r.get(5)?,
        market_size: r.get(6)?,
    })
}

impl Store {
    pub fn segments(&self) -> Result<Vec<Segment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, description, demographics, needs, habits, market_size
             FROM segments ORDER BY name",
        )?;
        let rows = stmt.query_map([], segment_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn segment(&self, id: SegmentId) -> Result<Segment> {
        self.segments()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| super::not_found(RecordKind::Segment, id))
    }

    /// Adds `s` where its id is 0, else replaces the segment with its id.
    pub fn save_segment(&mut self, s: &Segment) -> Result<Segment> {
        self.save_kept(s)
    }

    pub fn delete_segment(&mut self, id: SegmentId) -> Result<Segment> {
        self.delete_kept(id)
    }
}

/// Writes a segment row as is: a new row where its id is 0, else the row
/// with its id, inserted or replaced (an edit, or a load of an export).
pub(in crate::store) fn put_segment(conn: &Connection, s: &Segment) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO segments (id, name, description, demographics, needs, habits, market_size)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
            description = excluded.description, demographics = excluded.demographics,
            needs = excluded.needs, habits = excluded.habits,
            market_size = excluded.market_size",
    )?
    .execute(params![
        new_or(s.id.0),
        s.name,
        s.description,
        s.demographics,
        s.needs,
        s.habits,
        s.market_size
    ])?;
    Ok(written_id(conn, s.id.0))
}
