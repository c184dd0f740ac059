//! Recording and importing values, and the dimensions they are for.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::rows::{dimension_in, record_in, series_total};
use super::{DimensionName, ImportOutcome, KpiInput, NamedInput, RecordOutcome, dimension_ids};
use crate::domain::RecordKind;
use crate::domain::validate;
use crate::domain::{
    Amount, Campaign, CampaignId, CampaignStatus, Channel, ChannelId, ChannelKind, Dimension,
    Metric, MetricKind, SegmentId, ValueSource,
};
use crate::store::{Change, Result, Store, StoreError};

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
        label: impl Into<crate::store::ChangeLabel>,
        commit: bool,
    ) -> Result<RecordOutcome> {
        let label = label.into();
        let known = self.metrics()?;
        for v in values {
            check_value(&known, self, v.day, &v.metric, v.value)?;
        }
        self.change_or_preview(commit, |c| {
            let out = record_checked(c, &known, values, source)?;
            c.label = label;
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
        label: impl Into<crate::store::ChangeLabel>,
        commit: bool,
    ) -> Result<ImportOutcome> {
        let label = label.into();
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
                    DimensionName::Segment(n) => ("segments", RecordKind::Segment, n),
                    DimensionName::Channel(n) => ("channels", RecordKind::Channel, n),
                    DimensionName::Campaign(n) => ("campaigns", RecordKind::Campaign, n),
                };
                let found = named_exactly(c.tx(), table, key)?;
                let dimension = match (found, name) {
                    (Some(id), DimensionName::Segment(_)) => Dimension::Segment(SegmentId(id)),
                    (Some(id), DimensionName::Channel(_)) => Dimension::Channel(ChannelId(id)),
                    (Some(id), _) => Dimension::Campaign(CampaignId(id)),
                    (None, DimensionName::Channel(n)) if create => {
                        let name = validate::name(crate::domain::validate::Field::ChannelName, n)?;
                        let channel = Channel {
                            id: ChannelId(0),
                            name: name.clone(),
                            kind: channel_kind(&name),
                            active: true,
                            description: String::new(),
                            segments: Vec::new(),
                        };
                        let id = crate::store::strategy::put_channel(c.tx(), &channel)?;
                        out.new_channels.push(name);
                        Dimension::Channel(ChannelId(id))
                    }
                    (None, DimensionName::Campaign(n)) if create => {
                        let name = validate::name(crate::domain::validate::Field::CampaignName, n)?;
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
                        let id = crate::store::plan::put_campaign(c.tx(), &campaign)?;
                        out.new_campaigns.push((name, *first, *last));
                        Dimension::Campaign(CampaignId(id))
                    }
                    (None, _) => {
                        return Err(StoreError::NotFound {
                            what: crate::store::Thing::Record(what),
                            key: key.to_string(),
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
            c.label = label;
            Ok(out)
        })
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
    validate::day(crate::domain::validate::Field::KpiDay, day)?;
    if crate::metrics::figures::is_derived(metric) {
        return Err(validate::Invalid::Rule {
            field: crate::domain::validate::Field::Metric,
            rule: validate::Broken::Derived(metric.to_string()),
        }
        .into());
    }
    match known.iter().find(|m| m.name == metric) {
        Some(m) => validate::metric_value(&m.name, m.unit, value).map_err(|bad| {
            validate::Invalid::Rule {
                field: crate::domain::validate::Field::Value,
                rule: validate::Broken::Value(day, bad),
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
