//! Reading values back: series over a span, every value, the span of data.

use chrono::NaiveDate;
use rusqlite::params;

use super::{TotalOrigin, dimension_ids};
use crate::domain::{Amount, CampaignId, ChannelId, Dimension, KpiValue, SegmentId, ValueSource};
use crate::store::{Result, Store, day_text, parse_day};

impl Store {
    /// The daily values of one metric for one dimension dated `from..=to`,
    /// oldest first, preceded by the last value before `from` if any (what
    /// a gauge reads at `from`). Reading only the span a screen shows keeps
    /// ten years of daily values out of every redraw.
    pub fn series_between(
        &self,
        metric: &str,
        dimension: Dimension,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Amount)>> {
        let (s, ch, k) = dimension_ids(dimension);
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, value FROM (
               SELECT day, value FROM kpi_values
               WHERE metric = ?1 AND IFNULL(segment_id, 0) = IFNULL(?2, 0)
                 AND IFNULL(channel_id, 0) = IFNULL(?3, 0)
                 AND IFNULL(campaign_id, 0) = IFNULL(?4, 0) AND day < ?5
               ORDER BY day DESC LIMIT 1)
             UNION ALL
             SELECT day, value FROM kpi_values
             WHERE metric = ?1 AND IFNULL(segment_id, 0) = IFNULL(?2, 0)
               AND IFNULL(channel_id, 0) = IFNULL(?3, 0)
               AND IFNULL(campaign_id, 0) = IFNULL(?4, 0) AND day >= ?5 AND day <= ?6
             ORDER BY day",
        )?;
        let rows = stmt.query_map(
            params![metric, s, ch, k, day_text(from), day_text(to)],
            |r| {
                Ok((
                    parse_day(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?)?,
                    Amount::from_raw(r.get(1)?),
                ))
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The whole business's daily values of counter `metric` dated
    /// `from..=to`, oldest first, each with where it came from: the value
    /// recorded for the whole business that day; else, on a day without
    /// one, the sum of that day's values over channels; else over
    /// campaigns. Spend per channel and per campaign are two views of the
    /// same money, so a day's total is taken from one view, never both.
    pub fn total_series_between(
        &self,
        metric: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Amount, TotalOrigin)>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH span AS (
               SELECT day, value, segment_id, channel_id, campaign_id FROM kpi_values
               WHERE metric = ?1 AND day >= ?2 AND day <= ?3),
             total AS (
               SELECT day, value FROM span
               WHERE segment_id IS NULL AND channel_id IS NULL AND campaign_id IS NULL),
             channels AS (
               SELECT day, sum(value) AS value FROM span WHERE channel_id IS NOT NULL
               GROUP BY day),
             campaigns AS (
               SELECT day, sum(value) AS value FROM span WHERE campaign_id IS NOT NULL
               GROUP BY day)
             SELECT day, value, 0 FROM total
             UNION ALL
             SELECT day, value, 1 FROM channels WHERE day NOT IN (SELECT day FROM total)
             UNION ALL
             SELECT day, value, 2 FROM campaigns
             WHERE day NOT IN (SELECT day FROM total) AND day NOT IN (SELECT day FROM channels)
             ORDER BY day",
        )?;
        let rows = stmt.query_map(params![metric, day_text(from), day_text(to)], |r| {
            Ok((
                parse_day(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?)?,
                Amount::from_raw(r.get(1)?),
                match r.get::<_, i64>(2)? {
                    0 => TotalOrigin::Recorded,
                    1 => TotalOrigin::Channels,
                    _ => TotalOrigin::Campaigns,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether any value of `metric` is recorded for `dimension`.
    pub fn has_values(&self, metric: &str, dimension: Dimension) -> Result<bool> {
        let (s, ch, k) = dimension_ids(dimension);
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM kpi_values
               WHERE metric = ?1 AND IFNULL(segment_id, 0) = IFNULL(?2, 0)
                 AND IFNULL(channel_id, 0) = IFNULL(?3, 0)
                 AND IFNULL(campaign_id, 0) = IFNULL(?4, 0))",
            params![metric, s, ch, k],
            |r| r.get(0),
        )?)
    }

    /// Every stored KPI value, ordered by day, metric and dimension.
    pub fn kpi_values(&self) -> Result<Vec<KpiValue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, metric, segment_id, channel_id, campaign_id, value, source
             FROM kpi_values ORDER BY day, metric, segment_id, channel_id, campaign_id",
        )?;
        let rows = stmt.query_map([], |r| {
            let dimension = match (
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ) {
                (Some(s), _, _) => Dimension::Segment(SegmentId(s)),
                (_, Some(c), _) => Dimension::Channel(ChannelId(c)),
                (_, _, Some(k)) => Dimension::Campaign(CampaignId(k)),
                _ => Dimension::Total,
            };
            Ok(KpiValue {
                day: parse_day(&r.get::<_, String>(0)?)?,
                metric: r.get(1)?,
                dimension,
                value: Amount::from_raw(r.get(5)?),
                source: match r.get::<_, String>(6)?.as_str() {
                    "imported" => ValueSource::Imported,
                    _ => ValueSource::Recorded,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The first and last day with any KPI value or order.
    pub fn data_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let span: (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(d), max(d) FROM (
               SELECT min(day) AS d FROM kpi_values UNION ALL SELECT max(day) FROM kpi_values
               UNION ALL SELECT min(day) FROM orders UNION ALL SELECT max(day) FROM orders)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match span {
            (Some(a), Some(b)) => Ok(Some((parse_day(&a)?, parse_day(&b)?))),
            _ => Ok(None),
        }
    }
}
