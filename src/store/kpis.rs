//! Daily KPI values: recording, importing, and reading series back.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::records::resolve;
use super::{Change, Result, Store, StoreError, day_text, parse_day};
use crate::domain::validate;
use crate::domain::{
    Amount, Campaign, CampaignId, CampaignStatus, Channel, ChannelId, ChannelKind, Dimension,
    KpiValue, Metric, MetricKind, RecordKind, SegmentId, ValueSource,
};

/// One value to record.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiInput {
    pub day: NaiveDate,
    pub metric: String,
    pub dimension: Dimension,
    pub value: Amount,
}

/// What recording a set of values did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordOutcome {
    pub added: usize,
    /// Values that replaced a different earlier value: the input and the
    /// value it replaced.
    pub replaced: Vec<(KpiInput, Amount)>,
    pub unchanged: usize,
}

/// Where one day's whole-business value of a counter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TotalOrigin {
    /// Recorded for the whole business.
    Recorded,
    /// The sum of that day's values per channel.
    Channels,
    /// The sum of that day's values per campaign.
    Campaigns,
}

/// What an imported value is about, by name: the channels and campaigns
/// named may not exist yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DimensionName {
    Total,
    Segment(String),
    Channel(String),
    Campaign(String),
}

/// One imported value, its dimension by name.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedInput {
    pub day: NaiveDate,
    pub metric: String,
    pub dimension: DimensionName,
    pub value: Amount,
}

/// What an import did (or would do): the values, and the channels and
/// campaigns it created, a campaign with the first and last day of its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOutcome {
    pub recorded: RecordOutcome,
    pub new_channels: Vec<String>,
    pub new_campaigns: Vec<(String, NaiveDate, NaiveDate)>,
}

/// The three dimension columns of a dimension, as stored.
pub(super) fn dimension_ids(d: Dimension) -> (Option<i64>, Option<i64>, Option<i64>) {
    match d {
        Dimension::Total => (None, None, None),
        Dimension::Segment(s) => (Some(s.0), None, None),
        Dimension::Channel(c) => (None, Some(c.0), None),
        Dimension::Campaign(k) => (None, None, Some(k.0)),
    }
}

impl Store {
    /// Finds a dimension by the names a user gives (at most one of them).
    pub fn dimension(
        &self,
        segment: Option<&str>,
        channel: Option<&str>,
        campaign: Option<&str>,
    ) -> Result<Dimension> {
        dimension_in(&self.conn, segment, channel, campaign)
    }

    /// Whether the segment, channel or campaign of `name` exists, named
    /// exactly as an import names it (ignoring case and accents).
    pub fn has_named(&self, name: &DimensionName) -> Result<bool> {
        let (table, key) = match name {
            DimensionName::Total => return Ok(true),
            DimensionName::Segment(n) => ("segments", n),
            DimensionName::Channel(n) => ("channels", n),
            DimensionName::Campaign(n) => ("campaigns", n),
        };
        Ok(named_exactly(&self.conn, table, key)?.is_some())
    }

    /// Records `values` from `source` as one change, all or nothing. A
    /// value for a day, metric and dimension that already has one replaces
    /// it. With `commit` false nothing is written: a dry run.
    pub fn record_kpis(
        &mut self,
        values: &[KpiInput],
        source: ValueSource,
        label: &str,
        commit: bool,
    ) -> Result<RecordOutcome> {
        let known = self.metrics()?;
        for v in values {
            check_value(&known, self, v.day, &v.metric, v.value)?;
        }
        self.change_or_preview(commit, |c| {
            let out = record_checked(c, &known, values, source)?;
            c.label = label.to_string();
            Ok(out)
        })
    }

    /// Imports `values` as one change, all or nothing, as
    /// [`Store::record_kpis`] does. A channel or campaign named that does
    /// not exist is created if `create` (a channel of the kind its name
    /// says, `other` else; a campaign over the first to the last day of its
    /// values, done if that is before `today`), else refused.
    pub fn import_kpis(
        &mut self,
        values: &[NamedInput],
        create: bool,
        today: NaiveDate,
        label: &str,
        commit: bool,
    ) -> Result<ImportOutcome> {
        let known = self.metrics()?;
        for v in values {
            check_value(&known, self, v.day, &v.metric, v.value)?;
        }
        // Each dimension's first and last day, in the order the file names them.
        let mut at: HashMap<&DimensionName, usize> = HashMap::new();
        let mut spans: Vec<(&DimensionName, (NaiveDate, NaiveDate))> = Vec::new();
        for v in values {
            let i = *at.entry(&v.dimension).or_insert_with(|| {
                spans.push((&v.dimension, (v.day, v.day)));
                spans.len() - 1
            });
            let span = &mut spans[i].1;
            span.0 = span.0.min(v.day);
            span.1 = span.1.max(v.day);
        }
        self.change_or_preview(commit, |c| {
            let mut out = ImportOutcome::default();
            let mut ids: HashMap<&DimensionName, Dimension> = HashMap::new();
            for (name, (first, last)) in &spans {
                let name = *name;
                let (table, what, key) = match name {
                    DimensionName::Total => {
                        ids.insert(name, Dimension::Total);
                        continue;
                    }
                    DimensionName::Segment(n) => ("segments", "segment", n),
                    DimensionName::Channel(n) => ("channels", "channel", n),
                    DimensionName::Campaign(n) => ("campaigns", "campaign", n),
                };
                let found = named_exactly(c.tx(), table, key)?;
                let dimension = match (found, name) {
                    (Some(id), DimensionName::Segment(_)) => Dimension::Segment(SegmentId(id)),
                    (Some(id), DimensionName::Channel(_)) => Dimension::Channel(ChannelId(id)),
                    (Some(id), _) => Dimension::Campaign(CampaignId(id)),
                    (None, DimensionName::Channel(n)) if create => {
                        let name = validate::name("channel name", n)?;
                        let channel = Channel {
                            id: ChannelId(0),
                            name: name.clone(),
                            kind: channel_kind(&name),
                            active: true,
                            description: String::new(),
                            segments: Vec::new(),
                        };
                        let id = super::strategy::put_channel(c.tx(), &channel)?;
                        out.new_channels.push(name);
                        Dimension::Channel(ChannelId(id))
                    }
                    (None, DimensionName::Campaign(n)) if create => {
                        let name = validate::name("campaign name", n)?;
                        let status = if *last < today {
                            CampaignStatus::Done
                        } else if *first > today {
                            CampaignStatus::Planned
                        } else {
                            CampaignStatus::Active
                        };
                        let campaign = Campaign {
                            id: CampaignId(0),
                            name: name.clone(),
                            objective: None,
                            segment: None,
                            channel: None,
                            start: *first,
                            end: *last,
                            budget: Amount::ZERO,
                            owner: None,
                            status,
                            description: String::new(),
                        };
                        let id = super::plan::put_campaign(c.tx(), &campaign)?;
                        out.new_campaigns.push((name, *first, *last));
                        Dimension::Campaign(CampaignId(id))
                    }
                    (None, _) => {
                        return Err(StoreError::NotFound {
                            what,
                            key: key.clone(),
                        });
                    }
                };
                ids.insert(name, dimension);
            }
            let inputs: Vec<KpiInput> = values
                .iter()
                .map(|v| KpiInput {
                    day: v.day,
                    metric: v.metric.clone(),
                    dimension: ids.get(&v.dimension).copied().unwrap_or(Dimension::Total),
                    value: v.value,
                })
                .collect();
            out.recorded = record_checked(c, &known, &inputs, ValueSource::Imported)?;
            c.label = label.to_string();
            Ok(out)
        })
    }

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

/// The row of `table` named `name` exactly (ignoring case and accents):
/// an import never takes a part of a name, nor a number, as a name.
fn named_exactly(conn: &Connection, table: &str, name: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT id, name FROM {table} ORDER BY id"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let wanted = name.trim().to_lowercase();
    let folded = crate::text::fold::fold(&wanted);
    let mut accentless = None;
    for row in rows {
        let (id, n) = row?;
        if n.to_lowercase() == wanted {
            return Ok(Some(id));
        }
        if accentless.is_none() && crate::text::fold::fold(&n) == folded {
            accentless = Some(id);
        }
    }
    Ok(accentless)
}

/// Holds a value to its metric: known, not derived, in its unit's range.
fn check_value(
    known: &[Metric],
    store: &Store,
    day: NaiveDate,
    metric: &str,
    value: Amount,
) -> Result<()> {
    validate::day("KPI day", day)?;
    if crate::metrics::figures::is_derived(metric) {
        return Err(validate::Invalid::Rule {
            field: "metric",
            message: format!(
                "{metric} is worked out from the other metrics and cannot be recorded"
            ),
        }
        .into());
    }
    match known.iter().find(|m| m.name == metric) {
        Some(m) => validate::metric_value(&m.name, m.unit, value).map_err(|message| {
            validate::Invalid::Rule {
                field: "value",
                message: format!("{day}: {message}"),
            }
        })?,
        None => {
            store.metric(metric)?;
        }
    }
    Ok(())
}

/// Writes checked values and checks the sums of the counters they touch.
fn record_checked(
    c: &Change<'_>,
    known: &[Metric],
    values: &[KpiInput],
    source: ValueSource,
) -> Result<RecordOutcome> {
    let out = record_in(c, values, source)?;
    let mut summed: Vec<(&str, Dimension)> = values
        .iter()
        .filter(|v| {
            known
                .iter()
                .any(|m| m.name == v.metric && m.kind == MetricKind::Counter)
        })
        .map(|v| (v.metric.as_str(), v.dimension))
        .collect();
    summed.sort_unstable_by_key(|(m, d)| (*m, dimension_ids(*d)));
    summed.dedup();
    for (metric, dimension) in summed {
        series_total(c.tx(), metric, dimension)?;
    }
    Ok(out)
}

/// The kind a channel's name says: GA4's default channel groups
/// (`Organic Search`, `Paid Social`, `Email` …) and the common words.
fn channel_kind(name: &str) -> ChannelKind {
    let n = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["paid search", "cpc", "ppc", "display", "google ads"]) {
        ChannelKind::Ppc
    } else if has(&["organic search", "seo"]) {
        ChannelKind::Seo
    } else if has(&["social", "facebook", "instagram", "tiktok", "zalo"]) {
        ChannelKind::Social
    } else if has(&["email", "mail", "newsletter"]) {
        ChannelKind::Email
    } else {
        ChannelKind::Other
    }
}

/// Refuses a counter's values for one dimension whose magnitudes add up
/// past [`crate::domain::amount::LIMIT`]: a period's sum of them could
/// otherwise not be held (SQLite's `sum` fails on an overflow of its own).
pub(super) fn series_total(conn: &Connection, metric: &str, dimension: Dimension) -> Result<()> {
    let (s, ch, k) = dimension_ids(dimension);
    let total = conn
        .prepare_cached(
            "SELECT sum(abs(value)) FROM kpi_values
             WHERE metric = ?1 AND IFNULL(segment_id, 0) = IFNULL(?2, 0)
               AND IFNULL(channel_id, 0) = IFNULL(?3, 0) AND IFNULL(campaign_id, 0) = IFNULL(?4, 0)",
        )?
        .query_row(params![metric, s, ch, k], |r| r.get::<_, Option<i64>>(0));
    let what = || format!("{metric} of {}", dimension_words(dimension));
    Ok(validate::total(what, sum_or_overflow(total)?)?)
}

/// A sum from SQLite, or past any `i64` where SQLite found it overflow.
pub(super) fn sum_or_overflow(sum: rusqlite::Result<Option<i64>>) -> Result<i128> {
    match sum {
        Ok(n) => Ok(i128::from(n.unwrap_or(0))),
        Err(rusqlite::Error::SqliteFailure(_, Some(m))) if m == "integer overflow" => {
            Ok(i128::from(i64::MAX) + 1)
        }
        Err(e) => Err(e.into()),
    }
}

/// "the whole business", "segment 3": a dimension in a message.
pub(super) fn dimension_words(d: Dimension) -> String {
    match d {
        Dimension::Total => "the whole business".into(),
        Dimension::Segment(id) => format!("segment {id}"),
        Dimension::Channel(id) => format!("channel {id}"),
        Dimension::Campaign(id) => format!("campaign {id}"),
    }
}

pub(super) fn dimension_in(
    conn: &Connection,
    segment: Option<&str>,
    channel: Option<&str>,
    campaign: Option<&str>,
) -> Result<Dimension> {
    match (segment, channel, campaign) {
        (None, None, None) => Ok(Dimension::Total),
        (Some(s), None, None) => Ok(Dimension::Segment(SegmentId(resolve(
            conn,
            RecordKind::Segment,
            s,
        )?))),
        (None, Some(c), None) => Ok(Dimension::Channel(ChannelId(resolve(
            conn,
            RecordKind::Channel,
            c,
        )?))),
        (None, None, Some(k)) => Ok(Dimension::Campaign(CampaignId(resolve(
            conn,
            RecordKind::Campaign,
            k,
        )?))),
        _ => Err(crate::domain::validate::Invalid::Rule {
            field: "dimension",
            message: "give at most one of segment, channel and campaign".into(),
        }
        .into()),
    }
}

pub(super) fn record_in(
    c: &Change<'_>,
    values: &[KpiInput],
    source: ValueSource,
) -> Result<RecordOutcome> {
    let source = source_text(source);
    let mut out = RecordOutcome::default();
    let mut find = c.tx().prepare_cached(
        "SELECT id, value FROM kpi_values
         WHERE metric = ?1 AND IFNULL(segment_id, 0) = IFNULL(?2, 0)
           AND IFNULL(channel_id, 0) = IFNULL(?3, 0) AND IFNULL(campaign_id, 0) = IFNULL(?4, 0)
           AND day = ?5",
    )?;
    let mut insert = c.tx().prepare_cached(
        "INSERT INTO kpi_values (day, metric, segment_id, channel_id, campaign_id, value, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut update = c
        .tx()
        .prepare_cached("UPDATE kpi_values SET value = ?2, source = ?3 WHERE id = ?1")?;
    for v in values {
        let (s, ch, k) = dimension_ids(v.dimension);
        let day = day_text(v.day);
        let existing: Option<(i64, i64)> = find
            .query_row(params![v.metric, s, ch, k, day], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match existing {
            None => {
                insert.execute(params![day, v.metric, s, ch, k, v.value.raw(), source])?;
                out.added += 1;
            }
            Some((_, old)) if old == v.value.raw() => out.unchanged += 1,
            Some((id, old)) => {
                update.execute(params![id, v.value.raw(), source])?;
                out.replaced.push((v.clone(), Amount::from_raw(old)));
            }
        }
    }
    Ok(out)
}

pub(super) fn source_text(s: ValueSource) -> &'static str {
    match s {
        ValueSource::Recorded => "recorded",
        ValueSource::Imported => "imported",
    }
}
