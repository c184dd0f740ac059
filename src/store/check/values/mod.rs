//! Every stored value held to the rule its way in holds it to, read raw
//! (as SQLite stores it, whatever its type) so that a value planted by
//! another tool is named by table, row, column and value instead of
//! stopping the reader that meets it. A file with none of these problems
//! reads whole, and its export imports again.

use std::collections::HashMap;

use chrono::DateTime;
use rusqlite::types::ValueRef;

use crate::domain::amount::LIMIT;
use crate::domain::validate::{self, Invalid};
use crate::domain::{Amount, Unit};
use crate::store::{Result, Store, parse_day};
use crate::text::quoted;

mod tables;

use tables::tables;

/// What one column must hold.
#[derive(Clone, Copy)]
enum Rule {
    /// An id or a link (NULL where `nullable`).
    Id {
        nullable: bool,
    },
    /// A whole number, 0 or more, or NULL (a market size).
    Count,
    /// 0 or 1.
    Flag,
    /// A day funnel keeps, `YYYY-MM-DD`.
    Day {
        nullable: bool,
    },
    /// A moment funnel keeps, RFC 3339.
    Time {
        nullable: bool,
    },
    Amount {
        non_negative: bool,
    },
    /// Text, held to a rule of [`validate`] or a closed vocabulary.
    Text(fn(&str) -> Result<(), String>),
    /// Text or NULL, held to a rule.
    OptionalText(fn(&str) -> Result<(), String>),
}

/// `Ok` or the rule's message.
fn rule<T, E: std::fmt::Display>(r: std::result::Result<T, E>) -> Result<(), String> {
    r.map(drop).map_err(|e| e.to_string())
}

fn one_of<T: std::str::FromStr>(s: &str) -> Result<(), String>
where
    T::Err: std::fmt::Display,
{
    rule(s.parse::<T>())
}

const DAY: &str = "is not a day funnel keeps (YYYY-MM-DD, years 1900 to 2999)";
const TIME: &str = "is not a time funnel keeps (RFC 3339, years 1900 to 2999)";

impl Rule {
    /// Why `v` breaks this rule, if it does.
    fn broken_by(self, v: ValueRef<'_>) -> Option<String> {
        fn text(v: ValueRef<'_>) -> Option<&str> {
            match v {
                ValueRef::Text(t) => std::str::from_utf8(t).ok(),
                _ => None,
            }
        }
        match (self, v) {
            (Rule::Id { nullable: true }, ValueRef::Null)
            | (Rule::Day { nullable: true }, ValueRef::Null)
            | (Rule::Time { nullable: true }, ValueRef::Null)
            | (Rule::OptionalText(_), ValueRef::Null)
            | (Rule::Count, ValueRef::Null)
            | (Rule::Id { .. }, ValueRef::Integer(_))
            | (Rule::Flag, ValueRef::Integer(0 | 1)) => None,
            (Rule::Id { .. }, _) => Some("is not an id (a whole number)".into()),
            (Rule::Count, ValueRef::Integer(n)) => (n < 0).then(|| "is negative".into()),
            (Rule::Count, _) => Some("is not a whole number".into()),
            (Rule::Flag, _) => Some("is not 0 or 1".into()),
            (Rule::Day { .. }, v) => match text(v).map(parse_day) {
                Some(Ok(d)) if validate::in_years(d) => None,
                _ => Some(DAY.into()),
            },
            (Rule::Time { .. }, v) => match text(v).map(DateTime::parse_from_rfc3339) {
                Some(Ok(t)) if validate::in_years(t.naive_utc().date()) => None,
                _ => Some(TIME.into()),
            },
            (Rule::Amount { non_negative }, ValueRef::Integer(n)) => {
                let a = Amount::from_raw(n);
                if non_negative && n < 0 {
                    Some(format!("(an amount of {a}) is negative"))
                } else if !a.within_limit() {
                    Some(format!(
                        "(an amount of {a}) is too large (the largest amount is {LIMIT})"
                    ))
                } else {
                    None
                }
            }
            (Rule::Amount { .. }, _) => Some(format!(
                "is not an amount (stored as a whole number of ten-thousandths, within ±{LIMIT})"
            )),
            (Rule::Text(f) | Rule::OptionalText(f), v) => match (v, text(v)) {
                (_, Some(t)) => f(t).err().map(|e| format!("breaks a rule: {e}")),
                (ValueRef::Text(_), None) => Some("is not UTF-8 text".into()),
                _ => Some("is not text".into()),
            },
        }
    }
}

/// A row's key in a message: an id as it is, anything else shown.
fn key_of(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Integer(n) => n.to_string(),
        v => shown(v),
    }
}

/// A stored value in a message: text quoted (visibly, cut), numbers as
/// stored, NULL and blobs named.
fn shown(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(n) => format!("'{n}'"),
        ValueRef::Real(f) => format!("'{f}'"),
        ValueRef::Text(t) => quoted(&String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("a blob of {} bytes", b.len()),
    }
}

impl Store {
    /// Every stored value that breaks the rule of its column, and the
    /// rules across columns and rows: a span that ends before it starts, a
    /// done task without a done time (or the reverse), a KPI value that
    /// does not fit its metric, values that add up past the limit. One
    /// line each: table, row, column, the value and why.
    pub fn bad_values(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for t in tables() {
            let columns: Vec<String> = t.columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
            let sql = format!(
                "SELECT \"{}\", {} FROM \"{}\" {} ORDER BY rowid",
                t.key,
                columns.join(", "),
                t.name,
                t.only
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let key = key_of(r.get_ref(0)?);
                for (i, (column, rule)) in t.columns.iter().enumerate() {
                    let v = r.get_ref(i + 1)?;
                    if let Some(why) = rule.broken_by(v) {
                        out.push(format!("{} {key} {column}: {} {why}", t.name, shown(v)));
                    }
                }
            }
        }
        let message: i64 =
            self.conn
                .query_row("SELECT count(*) FROM message WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        if message == 0 {
            out.push("message 1: the row of the brand message is missing".into());
        }
        self.spans(&mut out)?;
        self.done_times(&mut out)?;
        self.kpi_units(&mut out)?;
        self.totals(&mut out)?;
        Ok(out)
    }

    fn spans(&self, out: &mut Vec<String>) -> Result<()> {
        for (table, from, to) in [
            ("objectives", "start_day", "deadline"),
            ("campaigns", "start_day", "end_day"),
            ("notes", "start_day", "end_day"),
        ] {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, {from}, {to} FROM {table} ORDER BY id"))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let day = |i| {
                    r.get_ref(i)
                        .ok()
                        .and_then(|v| v.as_str().ok())
                        .and_then(|s| parse_day(s).ok())
                };
                if let (Some(a), Some(b)) = (day(1), day(2))
                    && b < a
                {
                    out.push(format!(
                        "{table} {} {to}: '{b}' is before its {from} '{a}'",
                        key_of(r.get_ref(0)?)
                    ));
                }
            }
        }
        Ok(())
    }

    fn done_times(&self, out: &mut Vec<String>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT id, status, done_at FROM tasks
             WHERE (status = 'done') <> (done_at IS NOT NULL) ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.push(format!(
                "tasks {} done_at: {} with status {}",
                key_of(r.get_ref(0)?),
                shown(r.get_ref(2)?),
                shown(r.get_ref(1)?)
            ));
        }
        Ok(())
    }

    /// KPI values against their metric: one worked out from others is
    /// never stored; a count is whole and 0 or more, money 0 or more.
    fn kpi_units(&self, out: &mut Vec<String>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.metric, k.value, m.unit FROM kpi_values AS k
             JOIN metrics AS m ON m.name = k.metric ORDER BY k.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (ValueRef::Integer(id), Ok(metric)) = (r.get_ref(0)?, r.get_ref(1)?.as_str())
            else {
                continue;
            };
            if crate::metrics::figures::is_derived(metric) {
                out.push(format!(
                    "kpi_values {id} metric: '{metric}' is worked out from the other metrics and is never stored"
                ));
                continue;
            }
            let unit = r
                .get_ref(3)?
                .as_str()
                .ok()
                .and_then(|u| u.parse::<Unit>().ok());
            // A value past the limit is named with its column above.
            if let (ValueRef::Integer(raw), Some(unit)) = (r.get_ref(2)?, unit)
                && Amount::from_raw(raw).within_limit()
                && let Err(why) = validate::metric_value(metric, unit, Amount::from_raw(raw))
            {
                out.push(format!("kpi_values {id} value: {why}"));
            }
        }
        Ok(())
    }

    /// What is summed must add up within the limit: each counter's values
    /// for one scope, and all order amounts.
    fn totals(&self, out: &mut Vec<String>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT k.metric, k.segment_id, k.channel_id, k.campaign_id, k.value
             FROM kpi_values AS k JOIN metrics AS m ON m.name = k.metric
             WHERE m.kind = 'counter' AND typeof(k.value) = 'integer'",
        )?;
        let mut rows = stmt.query([])?;
        type Series = (String, Option<i64>, Option<i64>, Option<i64>);
        let mut sums: HashMap<Series, i128> = HashMap::new();
        while let Some(r) = rows.next()? {
            let Ok(metric) = r.get_ref(0)?.as_str() else {
                continue;
            };
            let key = (
                metric.to_string(),
                r.get(1).ok().flatten(),
                r.get(2).ok().flatten(),
                r.get(3).ok().flatten(),
            );
            *sums.entry(key).or_default() += i128::from(r.get::<_, i64>(4)?.unsigned_abs());
        }
        let mut over: Vec<(Series, i128)> = sums
            .into_iter()
            .filter(|(_, s)| *s > i128::from(LIMIT.raw()))
            .collect();
        over.sort();
        for ((metric, s, ch, k), total) in over {
            let scope = match (s, ch, k) {
                (Some(s), _, _) => format!("segment {s}"),
                (_, Some(c), _) => format!("channel {c}"),
                (_, _, Some(k)) => format!("campaign {k}"),
                _ => "the whole business".into(),
            };
            let what = || format!("kpi_values: {metric} of {scope}");
            if let Err(e) = validate::total(what, total) {
                out.push(without_nothing_written(e));
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT amount FROM orders WHERE typeof(amount) = 'integer'")?;
        let mut rows = stmt.query([])?;
        let mut total = 0i128;
        while let Some(r) = rows.next()? {
            total += i128::from(r.get::<_, i64>(0)?.unsigned_abs());
        }
        if let Err(e) = validate::total(|| "orders: all amounts".into(), total) {
            out.push(without_nothing_written(e));
        }
        Ok(())
    }
}

/// A refusal's message as a finding: nothing was being written.
fn without_nothing_written(e: Invalid) -> String {
    let text = e.to_string();
    text.strip_suffix("; nothing was written")
        .unwrap_or(&text)
        .to_string()
}
