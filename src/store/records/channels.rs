//! Channels: where the marketer reaches segments.

use rusqlite::{Connection, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{Channel, ChannelId, RecordKind, SegmentId};
use crate::store::links::Linked;
use crate::store::tasks::enum_col;
use crate::store::{Result, Store, new_or, written_id};

impl Kept for Channel {
    type Id = ChannelId;
    const TABLE: &'static str = "channels";
    const LINKS: &'static [(Linked, &'static str)] = &[
        (
            Linked::Campaigns,
            "SELECT count(*) FROM campaigns WHERE channel_id = ?1",
        ),
        (
            Linked::Objectives,
            "SELECT count(*) FROM objectives WHERE channel_id = ?1",
        ),
        (
            Linked::KpiValues,
            "SELECT count(*) FROM kpi_values WHERE channel_id = ?1",
        ),
    ];

    fn id(&self) -> ChannelId {
        self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn clean(&self, _: &Store) -> Result<Channel> {
        Ok(Channel {
            name: validate::name(crate::domain::validate::Field::ChannelName, &self.name)?,
            description: validate::text(
                crate::domain::validate::Field::Description,
                &self.description,
            )?,
            ..self.clone()
        })
    }

    fn put(conn: &Connection, ch: &Channel) -> rusqlite::Result<i64> {
        put_channel(conn, ch)
    }

    fn read(store: &Store, id: ChannelId) -> Result<Channel> {
        store.channel(id)
    }
}

impl Store {
    pub fn channels(&self) -> Result<Vec<Channel>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, active, description FROM channels ORDER BY name",
        )?;
        let mut channels: Vec<Channel> = stmt
            .query_map([], |r| {
                Ok(Channel {
                    id: ChannelId(r.get(0)?),
                    name: r.get(1)?,
                    kind: enum_col(r, 2)?,
                    active: r.get(3)?,
                    description: r.get(4)?,
                    segments: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut links = self.conn.prepare_cached(
            "SELECT channel_id, segment_id FROM channel_segments ORDER BY segment_id",
        )?;
        let pairs: Vec<(i64, i64)> = links
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (ch, seg) in pairs {
            if let Some(c) = channels.iter_mut().find(|c| c.id.0 == ch) {
                c.segments.push(SegmentId(seg));
            }
        }
        Ok(channels)
    }

    pub fn channel(&self, id: ChannelId) -> Result<Channel> {
        self.channels()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| super::not_found(RecordKind::Channel, id))
    }

    /// Adds `ch` where its id is 0, else replaces the channel with its id.
    pub fn save_channel(&mut self, ch: &Channel) -> Result<Channel> {
        self.save_kept(ch)
    }

    pub fn delete_channel(&mut self, id: ChannelId) -> Result<Channel> {
        self.delete_kept(id)
    }
}

/// Writes a channel row and the segments it reaches (see
/// [`super::put_segment`]).
pub(in crate::store) fn put_channel(conn: &Connection, ch: &Channel) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO channels (id, name, kind, active, description) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
            active = excluded.active, description = excluded.description",
    )?
    .execute(params![
        new_or(ch.id.0),
        ch.name,
        ch.kind.as_str(),
        ch.active,
        ch.description
    ])?;
    let id = written_id(conn, ch.id.0);
    conn.prepare_cached("DELETE FROM channel_segments WHERE channel_id = ?1")?
        .execute([id])?;
    for seg in &ch.segments {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO channel_segments (channel_id, segment_id) VALUES (?1, ?2)",
        )?
        .execute([id, seg.0])?;
    }
    Ok(id)
}
