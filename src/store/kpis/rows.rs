//! The SQL of values for one dimension, and the checks every write of them
//! shares: a series' total within the limit, a value's row.

use rusqlite::{Connection, OptionalExtension, params};

use super::{KpiInput, RecordOutcome, dimension_ids};
use crate::domain::RecordKind;
use crate::domain::validate;
use crate::domain::{Amount, CampaignId, ChannelId, Dimension, SegmentId, ValueSource};
use crate::store::records::resolve;
use crate::store::{Change, Result, day_text};

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
pub(in crate::store) fn sum_or_overflow(sum: rusqlite::Result<Option<i64>>) -> Result<i128> {
    match sum {
        Ok(n) => Ok(i128::from(n.unwrap_or(0))),
        Err(rusqlite::Error::SqliteFailure(_, Some(m))) if m == "integer overflow" => {
            Ok(i128::from(i64::MAX) + 1)
        }
        Err(e) => Err(e.into()),
    }
}

/// "the whole business", "segment 3": a dimension in a message.
pub(in crate::store) fn dimension_words(d: Dimension) -> String {
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
            field: crate::domain::validate::Field::Dimension,
            rule: crate::domain::validate::Broken::OneDimension,
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

pub(in crate::store) fn source_text(s: ValueSource) -> &'static str {
    match s {
        ValueSource::Recorded => "recorded",
        ValueSource::Imported => "imported",
    }
}
