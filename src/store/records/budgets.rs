//! Budgets: what may be spent in a period, one budget a period.

use rusqlite::{Connection, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{Amount, Budget, BudgetId, RecordKind};
use crate::metrics::Period;
use crate::store::{Result, Store, StoreError, new_or, written_id};

impl Kept for Budget {
    type Id = BudgetId;
    const TABLE: &'static str = "budgets";
    const NAME_COLUMN: &'static str = "period";

    fn id(&self) -> BudgetId {
        self.id
    }

    fn name(&self) -> &str {
        &self.period
    }

    fn clean(&self, _: &Store) -> Result<Budget> {
        Ok(Budget {
            period: budget_period(&self.period)?,
            amount: validate::non_negative(
                crate::domain::validate::Field::BudgetAmount,
                self.amount,
            )?,
            note: validate::text(crate::domain::validate::Field::BudgetNote, &self.note)?,
            ..self.clone()
        })
    }

    fn put(conn: &Connection, b: &Budget) -> rusqlite::Result<i64> {
        put_budget(conn, b)
    }

    fn read(store: &Store, id: BudgetId) -> Result<Budget> {
        store.budget(id)
    }

    fn duplicate(&self) -> StoreError {
        StoreError::BudgetExists(self.period.clone())
    }
}

impl Store {
    pub fn budgets(&self) -> Result<Vec<Budget>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, period, amount, note FROM budgets ORDER BY period")?;
        let rows = stmt.query_map([], |r| {
            Ok(Budget {
                id: BudgetId(r.get(0)?),
                period: r.get(1)?,
                amount: Amount::from_raw(r.get(2)?),
                note: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn budget(&self, id: BudgetId) -> Result<Budget> {
        self.budgets()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| super::not_found(RecordKind::Budget, id))
    }

    /// Adds `b` where its id is 0, else replaces the budget with its id.
    /// The period is a month, quarter or year label (`2026-11`, `2026-Q4`,
    /// `2026`; a week too), written as `Period::label` writes it; one
    /// budget per period.
    pub fn save_budget(&mut self, b: &Budget) -> Result<Budget> {
        self.save_kept(b)
    }

    pub fn delete_budget(&mut self, id: BudgetId) -> Result<Budget> {
        self.delete_kept(id)
    }
}

/// A budget's period as it is stored: a month, quarter, year or week
/// label within the years funnel keeps, written as `Period::label` writes
/// it (`2026-q4` becomes `2026-Q4`).
pub(in crate::store) fn budget_period(text: &str) -> Result<String, validate::Invalid> {
    let rule = |rule| validate::Invalid::Rule {
        field: crate::domain::validate::Field::BudgetPeriod,
        rule,
    };
    let period = Period::parse(text, chrono::Weekday::Mon)
        .map_err(|e| rule(validate::Broken::Period(e.to_string())))?;
    if !(validate::in_years(period.start) && validate::in_years(period.end)) {
        return Err(rule(validate::Broken::OutsideYears(
            text.trim().to_string(),
        )));
    }
    Ok(period.label())
}

/// Writes a budget row as is (see [`super::put_segment`]).
pub(in crate::store) fn put_budget(conn: &Connection, b: &Budget) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO budgets (id, period, amount, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET period = excluded.period, amount = excluded.amount,
            note = excluded.note",
    )?
    .execute(params![new_or(b.id.0), b.period, b.amount.raw(), b.note])?;
    Ok(written_id(conn, b.id.0))
}
