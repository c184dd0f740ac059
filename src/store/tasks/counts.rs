//! Tasks counted in SQL without reading them: per campaign (the Plan
//! tab's scoreboard) and per assignee and week (its workload).

use chrono::{Days, NaiveDate};
use rusqlite::{Row, params};

use crate::domain::CampaignId;
use crate::store::{Result, Store, day_text};

/// A campaign's tasks, counted in SQL: all of them, the open ones, and
/// the open ones past their due day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignTaskCounts {
    pub campaign: CampaignId,
    pub total: usize,
    pub open: usize,
    pub overdue: usize,
}

/// Where an open task falls on a workload of weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueBucket {
    Undated,
    /// Due before today.
    Overdue,
    /// Due in this week of the span (0 is the first).
    Week(usize),
}

/// How many open tasks of one assignee (by name; `None` for nobody's)
/// fall in one bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTaskCount {
    pub assignee: Option<String>,
    pub bucket: DueBucket,
    pub count: usize,
}

/// The open statuses, as the index `tasks_by_status_due` can find them
/// (`status <> 'done'` would scan every task; the schema allows no
/// other status).
const OPEN: &str = "status IN ('todo', 'doing', 'blocked')";

fn count_col(r: &Row<'_>, i: usize) -> rusqlite::Result<usize> {
    let n: i64 = r.get(i)?;
    usize::try_from(n).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Integer, Box::new(e))
    })
}

impl Store {
    /// Every campaign's task counts on `today`, without reading the tasks:
    /// all of them from the index by campaign, the open ones through the
    /// index by status (few, next to the done ones).
    pub fn task_counts_by_campaign(&self, today: NaiveDate) -> Result<Vec<CampaignTaskCounts>> {
        let mut totals = self.conn.prepare_cached(
            "SELECT campaign_id, count(*) FROM tasks
             WHERE campaign_id IS NOT NULL GROUP BY campaign_id ORDER BY campaign_id",
        )?;
        let mut out: Vec<CampaignTaskCounts> = totals
            .query_map([], |r| {
                Ok(CampaignTaskCounts {
                    campaign: CampaignId(r.get(0)?),
                    total: count_col(r, 1)?,
                    open: 0,
                    overdue: 0,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut open = self.conn.prepare_cached(&format!(
            "SELECT campaign_id, count(*), count(CASE WHEN due < ?1 THEN 1 END)
             FROM tasks WHERE {OPEN} AND campaign_id IS NOT NULL
             GROUP BY campaign_id ORDER BY campaign_id"
        ))?;
        let rows = open.query_map([day_text(today)], |r| {
            Ok((CampaignId(r.get(0)?), count_col(r, 1)?, count_col(r, 2)?))
        })?;
        for row in rows {
            let (campaign, n, overdue) = row?;
            // Both lists are ordered by campaign id.
            if let Ok(i) = out.binary_search_by_key(&campaign, |c| c.campaign) {
                out[i].open = n;
                out[i].overdue = overdue;
            }
        }
        Ok(out)
    }

    /// Open tasks per assignee and bucket on `today`: without a due day,
    /// overdue, or due in one of `weeks` weeks from `week_start`; those
    /// due later (or between today and `week_start`) are left out.
    pub fn open_tasks_by_assignee(
        &self,
        today: NaiveDate,
        week_start: NaiveDate,
        weeks: usize,
    ) -> Result<Vec<OpenTaskCount>> {
        let end = u64::try_from(weeks)
            .ok()
            .and_then(|w| week_start.checked_add_days(Days::new(w.saturating_mul(7))))
            .map_or_else(|| "9999-12-31".to_string(), day_text);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.name, t.bucket, count(*) FROM (
                 SELECT assignee_id, CASE
                     WHEN due IS NULL THEN -2
                     WHEN due < ?1 THEN -1
                     WHEN due >= ?2 AND due < ?3
                         THEN CAST((julianday(due) - julianday(?2)) / 7 AS INTEGER)
                 END AS bucket
                 FROM tasks WHERE {OPEN}
             ) AS t
             LEFT JOIN people AS p ON p.id = t.assignee_id
             WHERE t.bucket IS NOT NULL
             GROUP BY p.name, t.bucket"
        ))?;
        let rows = stmt.query_map(params![day_text(today), day_text(week_start), end], |r| {
            let bucket = match r.get::<_, i64>(1)? {
                -2 => DueBucket::Undated,
                -1 => DueBucket::Overdue,
                _ => DueBucket::Week(count_col(r, 1)?),
            };
            Ok(OpenTaskCount {
                assignee: r.get(0)?,
                bucket,
                count: count_col(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
