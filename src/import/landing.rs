//! What an order file would land, month by month: the dry run's figures,
//! which `funnel orders import --dry-run` prints and the dashboard's
//! import preview shows, so the two never differ.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use super::orders::Orders;
use crate::domain::Amount;

/// One month of a file's orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthLanding {
    /// The month's first day.
    pub month: NaiveDate,
    pub orders: usize,
    pub revenue: Amount,
    /// Customers whose first order, among the stored ones and the file's,
    /// is in this month.
    pub new_customers: usize,
}

/// The file's orders per month, oldest first: how many, their revenue and
/// the customers they make new. `stored_first` is each stored customer's
/// first order day.
pub fn orders_per_month(
    orders: &Orders,
    stored_first: &HashMap<String, NaiveDate>,
) -> Vec<MonthLanding> {
    let month = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let mut first: HashMap<&str, NaiveDate> = HashMap::new();
    let mut months: BTreeMap<NaiveDate, MonthLanding> = BTreeMap::new();
    for o in orders.iter() {
        if !o.customer.is_empty() {
            let day = first.entry(o.customer).or_insert(o.day);
            *day = (*day).min(o.day);
        }
        let m = months.entry(month(o.day)).or_insert(MonthLanding {
            month: month(o.day),
            orders: 0,
            revenue: Amount::ZERO,
            new_customers: 0,
        });
        m.orders += 1;
        m.revenue = m.revenue.checked_add(o.amount).unwrap_or(m.revenue);
    }
    for (customer, day) in first {
        if stored_first.get(customer).is_none_or(|s| *s > day)
            && let Some(m) = months.get_mut(&month(day))
        {
            m.new_customers += 1;
        }
    }
    months.into_values().collect()
}
