//! The strategy's brand message and the metric definitions (its records
//! are kept in `records`).

use rusqlite::params;

use super::records::unique;
use super::tasks::enum_col;
use super::{Result, Store, StoreError};
use crate::domain::validate;
use crate::domain::{Message, Metric};

/// Where the KPI import writes a channel it creates.
pub(super) use super::records::put_channel;

impl Store {
    // The brand message.

    pub fn message(&self) -> Result<Message> {
        Ok(self.conn.query_row(
            "SELECT brand_message, positioning FROM message WHERE id = 1",
            [],
            |r| {
                Ok(Message {
                    brand_message: r.get(0)?,
                    positioning: r.get(1)?,
                })
            },
        )?)
    }

    pub fn set_message(&mut self, m: &Message) -> Result<()> {
        let brand = validate::text(
            crate::domain::validate::Field::BrandMessage,
            &m.brand_message,
        )?;
        let positioning =
            validate::text(crate::domain::validate::Field::Positioning, &m.positioning)?;
        self.change(|c| {
            c.tx().execute(
                "UPDATE message SET brand_message = ?1, positioning = ?2 WHERE id = 1",
                params![brand, positioning],
            )?;
            c.label = crate::store::ChangeLabel::EditBrandMessage;
            Ok(())
        })
    }

    // Metric definitions.

    pub fn metrics(&self) -> Result<Vec<Metric>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, kind, unit, builtin, description FROM metrics ORDER BY builtin DESC, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Metric {
                name: r.get(0)?,
                kind: enum_col(r, 1)?,
                unit: enum_col(r, 2)?,
                builtin: r.get(3)?,
                description: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The metric named `name`, or an error listing the known ones.
    pub fn metric(&self, name: &str) -> Result<Metric> {
        let all = self.metrics()?;
        let wanted = name.trim().to_lowercase();
        all.iter()
            .find(|m| m.name == wanted)
            .cloned()
            .ok_or_else(|| StoreError::UnknownMetric {
                name: name.to_string(),
                known: all
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Adds a user metric: a snake_case name, its kind and unit.
    pub fn add_metric(&mut self, m: &Metric) -> Result<()> {
        validate::metric_name(&m.name)?;
        let description = validate::text(
            crate::domain::validate::Field::MetricDescription,
            &m.description,
        )?;
        self.change(|c| {
            let r = c.tx().execute(
                "INSERT INTO metrics (name, kind, unit, builtin, description) VALUES (?1, ?2, ?3, 0, ?4)",
                params![m.name, m.kind.as_str(), m.unit.as_str(), description],
            );
            unique(r, super::Thing::Metric, &m.name)?;
            c.label = crate::store::ChangeLabel::Record {
                verb: crate::store::Verb::Add,
                what: crate::store::Subject::Metric,
                name: m.name.clone(),
            };
            Ok(())
        })
    }
}
