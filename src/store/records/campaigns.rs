//! Campaigns: a span of days on the timeline, with a budget, an owner
//! and what it is for (an objective, a segment, a channel).

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{
    Amount, Campaign, CampaignId, ChannelId, ObjectiveId, PersonId, RecordKind, SegmentId,
};
use crate::store::links::Linked;
use crate::store::plan::{check_span, required_day};
use crate::store::tasks::enum_col;
use crate::store::{Result, Store, day_text, new_or, written_id};

impl Kept for Campaign {
    type Id = CampaignId;
    const TABLE: &'static str = "campaigns";
    const LINKS: &'static [(Linked, &'static str)] = &[
        (
            Linked::Tasks,
            "SELECT count(*) FROM tasks WHERE campaign_id = ?1",
        ),
        (
            Linked::KpiValues,
            "SELECT count(*) FROM kpi_values WHERE campaign_id = ?1",
        ),
    ];

    fn id(&self) -> CampaignId {
        self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn clean(&self, _: &Store) -> Result<Campaign> {
        let clean = Campaign {
            name: validate::name(crate::domain::validate::Field::CampaignName, &self.name)?,
            description: validate::text(
                crate::domain::validate::Field::CampaignDescription,
                &self.description,
            )?,
            start: validate::day(crate::domain::validate::Field::CampaignStart, self.start)?,
            end: validate::day(crate::domain::validate::Field::CampaignEnd, self.end)?,
            budget: validate::non_negative(
                crate::domain::validate::Field::CampaignBudget,
                self.budget,
            )?,
            ..self.clone()
        };
        check_span(
            crate::domain::validate::Field::Campaign,
            self.start,
            self.end,
        )?;
        Ok(clean)
    }

    fn put(conn: &Connection, k: &Campaign) -> rusqlite::Result<i64> {
        put_campaign(conn, k)
    }

    fn read(store: &Store, id: CampaignId) -> Result<Campaign> {
        store.campaign(id)
    }
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

const CAMPAIGN: &str = "SELECT id, name, objective_id, segment_id, channel_id, start_day, end_day, \
                        budget, owner_id, status, description FROM campaigns";

impl Store {
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
            .ok_or_else(|| super::not_found(RecordKind::Campaign, id))
    }

    /// Adds `k` where its id is 0, else replaces the campaign with its id.
    pub fn save_campaign(&mut self, k: &Campaign) -> Result<Campaign> {
        self.save_kept(k)
    }

    /// Deletes a campaign; its tasks stay, without a campaign.
    pub fn delete_campaign(&mut self, id: CampaignId) -> Result<Campaign> {
        self.delete_kept(id)
    }
}

/// Writes a campaign row as is (see [`super::put_segment`]).
pub(in crate::store) fn put_campaign(conn: &Connection, k: &Campaign) -> rusqlite::Result<i64> {
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
