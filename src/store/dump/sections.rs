//! The export document's lists, in its order: the query of each, and how
//! each of its fields is written.

/// How a field is written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Shape {
    /// An id or a link: a number.
    Int,
    /// Text as it is (names, enums, and days, which are stored as the
    /// document writes them).
    Text,
    /// 0 or 1: a boolean.
    Flag,
    /// A raw amount: an exact decimal number.
    Decimal,
    /// An RFC 3339 moment, written in UTC as the typed export writes it.
    Time,
    /// Space-separated tags: a list.
    Tags,
    /// Three columns (segment, channel, campaign): a dimension object.
    Scope,
    /// No column: the segments a channel (the row's id) reaches.
    Segments,
}

/// One list of the document (or, with `one`, a single object).
pub(super) struct Section {
    pub(super) key: &'static str,
    pub(super) one: bool,
    pub(super) sql: &'static str,
    pub(super) fields: &'static [(&'static str, Shape)],
}

use Shape::*;

/// The document's lists in its order, each read in the typed export's
/// order, with its fields in the order of the domain records.
pub(super) const SECTIONS: &[Section] = &[
    Section {
        key: "message",
        one: true,
        sql: "SELECT brand_message, positioning FROM message WHERE id = 1",
        fields: &[("brand_message", Text), ("positioning", Text)],
    },
    Section {
        key: "metrics",
        one: false,
        sql: "SELECT name, kind, unit, builtin, description FROM metrics
              WHERE builtin = 0 ORDER BY rowid",
        fields: &[
            ("name", Text),
            ("kind", Text),
            ("unit", Text),
            ("builtin", Flag),
            ("description", Text),
        ],
    },
    Section {
        key: "segments",
        one: false,
        sql: "SELECT id, name, description, demographics, needs, habits, market_size
              FROM segments ORDER BY id",
        fields: &[
            ("id", Int),
            ("name", Text),
            ("description", Text),
            ("demographics", Text),
            ("needs", Text),
            ("habits", Text),
            ("market_size", Int),
        ],
    },
    Section {
        key: "channels",
        one: false,
        sql: "SELECT id, name, kind, active, description FROM channels ORDER BY id",
        fields: &[
            ("id", Int),
            ("name", Text),
            ("kind", Text),
            ("active", Flag),
            ("description", Text),
            ("segments", Segments),
        ],
    },
    Section {
        key: "people",
        one: false,
        sql: "SELECT id, name, role, contact FROM people ORDER BY id",
        fields: &[
            ("id", Int),
            ("name", Text),
            ("role", Text),
            ("contact", Text),
        ],
    },
    Section {
        key: "tools",
        one: false,
        sql: "SELECT id, name, purpose FROM tools ORDER BY id",
        fields: &[("id", Int), ("name", Text), ("purpose", Text)],
    },
    Section {
        key: "budgets",
        one: false,
        sql: "SELECT id, period, amount, note FROM budgets ORDER BY id",
        fields: &[
            ("id", Int),
            ("period", Text),
            ("amount", Decimal),
            ("note", Text),
        ],
    },
    Section {
        key: "procedures",
        one: false,
        sql: "SELECT id, title, owner_id, steps FROM procedures ORDER BY id",
        fields: &[
            ("id", Int),
            ("title", Text),
            ("owner", Int),
            ("steps", Text),
        ],
    },
    Section {
        key: "objectives",
        one: false,
        sql: "SELECT id, title, metric, baseline, target, direction, start_day, deadline,
                     segment_id, channel_id FROM objectives ORDER BY id",
        fields: &[
            ("id", Int),
            ("title", Text),
            ("metric", Text),
            ("baseline", Decimal),
            ("target", Decimal),
            ("direction", Text),
            ("start", Text),
            ("deadline", Text),
            ("segment", Int),
            ("channel", Int),
        ],
    },
    Section {
        key: "campaigns",
        one: false,
        sql: "SELECT id, name, objective_id, segment_id, channel_id, start_day, end_day, budget,
                     owner_id, status, description FROM campaigns ORDER BY id",
        fields: &[
            ("id", Int),
            ("name", Text),
            ("objective", Int),
            ("segment", Int),
            ("channel", Int),
            ("start", Text),
            ("end", Text),
            ("budget", Decimal),
            ("owner", Int),
            ("status", Text),
            ("description", Text),
        ],
    },
    Section {
        key: "notes",
        one: false,
        sql: "SELECT id, kind, category, start_day, end_day, metric, text, created_at
              FROM notes ORDER BY id",
        fields: &[
            ("id", Int),
            ("kind", Text),
            ("category", Text),
            ("start", Text),
            ("end", Text),
            ("metric", Text),
            ("text", Text),
            ("created_at", Time),
        ],
    },
    Section {
        key: "tasks",
        one: false,
        sql: "SELECT id, title, campaign_id, assignee_id, status, priority, due, tags, notes,
                     note_id, created_at, updated_at, done_at, recurrence, series_id, repeats_id
              FROM tasks ORDER BY id",
        fields: &[
            ("id", Int),
            ("title", Text),
            ("campaign", Int),
            ("assignee", Int),
            ("status", Text),
            ("priority", Text),
            ("due", Text),
            ("tags", Tags),
            ("notes", Text),
            ("follows_note", Int),
            ("created_at", Time),
            ("updated_at", Time),
            ("done_at", Time),
            ("recurrence", Text),
            ("series", Int),
            ("repeats", Int),
        ],
    },
    Section {
        key: "kpi_values",
        one: false,
        sql: "SELECT day, metric, segment_id, channel_id, campaign_id, value, source
              FROM kpi_values ORDER BY day, metric, segment_id, channel_id, campaign_id",
        fields: &[
            ("day", Text),
            ("metric", Text),
            ("dimension", Scope),
            ("value", Decimal),
            ("source", Text),
        ],
    },
    Section {
        key: "orders",
        one: false,
        sql: "SELECT order_ref, customer, day, amount, segment_id FROM orders
              ORDER BY day, IFNULL(order_key, 'id:' || order_ref)",
        fields: &[
            ("order_ref", Text),
            ("customer", Text),
            ("day", Text),
            ("amount", Decimal),
            ("segment", Int),
        ],
    },
];

#[cfg(test)]
mod tests {
    use crate::domain::RecordKind;
    use crate::store::records::table;

    /// A kind added to the store and not to the export would be lost by
    /// `funnel export` and `import`.
    #[test]
    fn every_record_kind_is_exported() {
        for kind in RecordKind::ALL {
            assert!(
                super::SECTIONS.iter().any(|s| s.key == table(*kind)),
                "{kind} ({}) has no section in the export",
                table(*kind)
            );
        }
    }
}
