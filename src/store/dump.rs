//! `funnel export`: the export document written straight from the stored
//! rows, streamed as it is serialized. Each value is written as the typed
//! export ([`Store::export`]) writes it, so a sound file gives the same
//! document; a value no reader can take (a day in year 10000, a priority
//! planted by another tool) is written as stored, in a string, instead of
//! failing the export. That keeps the one backup a user can make of such
//! a file whole: they fix the value in the JSON (`funnel check` names it)
//! and import it into a new file, and until then the import refuses it at
//! its line and column. Leaving the row out would lose it silently;
//! putting something readable in its place would invent data.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use serde::ser::{Error, SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::Store;
use super::transfer::EXPORT_FORMAT;
use crate::domain::{Amount, CampaignId, ChannelId, Dimension, SegmentId};

/// The whole database as an export document, read as it is serialized.
pub struct Dump<'a> {
    conn: &'a Connection,
}

impl Store {
    /// The export document, for `funnel export`: see the module.
    pub fn dump(&self) -> Dump<'_> {
        Dump { conn: &self.conn }
    }
}

/// How a field is written.
#[derive(Debug, Clone, Copy)]
enum Kind {
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
struct Section {
    key: &'static str,
    one: bool,
    sql: &'static str,
    fields: &'static [(&'static str, Kind)],
}

use Kind::*;

/// The document's lists in its order, each read in the typed export's
/// order, with its fields in the order of the domain records.
const SECTIONS: &[Section] = &[
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
                     note_id, created_at, updated_at, done_at FROM tasks ORDER BY id",
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

impl Serialize for Dump<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(SECTIONS.len() + 1))?;
        map.serialize_entry("funnel_export", &EXPORT_FORMAT)?;
        for section in SECTIONS {
            map.serialize_entry(
                section.key,
                &Rows {
                    conn: self.conn,
                    section,
                },
            )?;
        }
        map.end()
    }
}

struct Rows<'a> {
    conn: &'a Connection,
    section: &'a Section,
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut stmt = self
            .conn
            .prepare(self.section.sql)
            .map_err(S::Error::custom)?;
        let mut rows = stmt.query([]).map_err(S::Error::custom)?;
        let fields = self.section.fields;
        if self.section.one {
            return match rows.next().map_err(S::Error::custom)? {
                Some(row) => Fields {
                    conn: self.conn,
                    row,
                    fields,
                }
                .serialize(s),
                // Deleted by another tool (`funnel check` says so): the
                // empty texts a new file starts with.
                None => {
                    let mut map = s.serialize_map(Some(fields.len()))?;
                    for (key, _) in fields {
                        map.serialize_entry(key, "")?;
                    }
                    map.end()
                }
            };
        }
        let mut seq = s.serialize_seq(None)?;
        while let Some(row) = rows.next().map_err(S::Error::custom)? {
            seq.serialize_element(&Fields {
                conn: self.conn,
                row,
                fields,
            })?;
        }
        seq.end()
    }
}

/// One row as an object.
struct Fields<'a, 'r> {
    conn: &'a Connection,
    row: &'a Row<'r>,
    fields: &'static [(&'static str, Kind)],
}

impl Serialize for Fields<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let cell = |i: usize| self.row.get_ref(i).map_err(S::Error::custom);
        let mut map = s.serialize_map(Some(self.fields.len()))?;
        let mut column = 0;
        for &(key, kind) in self.fields {
            match kind {
                Scope => {
                    let ids = [cell(column)?, cell(column + 1)?, cell(column + 2)?];
                    map.serialize_entry(key, &ScopeOf(ids))?;
                    column += 3;
                }
                Segments => {
                    let reached = Reached {
                        conn: self.conn,
                        channel: cell(0)?,
                    };
                    map.serialize_entry(key, &reached)?;
                }
                _ => {
                    map.serialize_entry(key, &Cell(kind, cell(column)?))?;
                    column += 1;
                }
            }
        }
        map.end()
    }
}

/// A stored value written as `.0` says, or as stored (in a string) where
/// it is not that.
struct Cell<'a>(Kind, ValueRef<'a>);

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.0, self.1) {
            (_, ValueRef::Null) => s.serialize_none(),
            (Int, ValueRef::Integer(n)) => s.serialize_i64(n),
            (Flag, ValueRef::Integer(n @ (0 | 1))) => s.serialize_bool(n == 1),
            (Decimal, ValueRef::Integer(n)) => Amount::from_raw(n).serialize(s),
            (Time, ValueRef::Text(t)) => match std::str::from_utf8(t)
                .ok()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            {
                Some(at) => at.with_timezone(&chrono::Utc).serialize(s),
                None => s.serialize_str(&String::from_utf8_lossy(t)),
            },
            (Tags, ValueRef::Text(t)) => {
                s.collect_seq(String::from_utf8_lossy(t).split_whitespace())
            }
            (_, v) => s.serialize_str(&stored(v)),
        }
    }
}

/// A value as stored, as text.
fn stored(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02X}")).collect();
            format!("x'{hex}'")
        }
    }
}

/// A KPI value's scope from its segment, channel and campaign columns:
/// the first that is set, as the typed reader takes it.
struct ScopeOf<'a>([ValueRef<'a>; 3]);

impl Serialize for ScopeOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kinds = ["segment", "channel", "campaign"];
        match self.0.iter().position(|v| *v != ValueRef::Null) {
            None => Dimension::Total.serialize(s),
            Some(i) => match (i, self.0[i]) {
                (0, ValueRef::Integer(n)) => Dimension::Segment(SegmentId(n)).serialize(s),
                (1, ValueRef::Integer(n)) => Dimension::Channel(ChannelId(n)).serialize(s),
                (2, ValueRef::Integer(n)) => Dimension::Campaign(CampaignId(n)).serialize(s),
                (i, v) => {
                    let mut map = s.serialize_map(Some(2))?;
                    map.serialize_entry("kind", kinds.get(i).unwrap_or(&"total"))?;
                    map.serialize_entry("id", &stored(v))?;
                    map.end()
                }
            },
        }
    }
}

/// The segments a channel reaches, by id.
struct Reached<'a> {
    conn: &'a Connection,
    channel: ValueRef<'a>,
}

impl Serialize for Reached<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT segment_id FROM channel_segments WHERE channel_id = ?1 ORDER BY segment_id",
            )
            .map_err(S::Error::custom)?;
        let channel = rusqlite::types::ToSqlOutput::Borrowed(self.channel);
        let mut rows = stmt.query([channel]).map_err(S::Error::custom)?;
        let mut seq = s.serialize_seq(None)?;
        while let Some(row) = rows.next().map_err(S::Error::custom)? {
            seq.serialize_element(&Cell(Int, row.get_ref(0).map_err(S::Error::custom)?))?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sound file: the document is exactly the typed export's.
    #[test]
    fn a_sound_file_gives_the_typed_export_exactly() {
        let mut store = Store::open_in_memory().expect("store");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("day");
        crate::demo::fill(&mut store, crate::demo::Scale::Small, today, 1).expect("demo");
        let typed = serde_json::to_value(store.export().expect("export")).expect("json");
        let dumped = serde_json::to_value(store.dump()).expect("json");
        assert!(typed["tasks"].as_array().is_some_and(|t| !t.is_empty()));
        assert!(typed["channels"][0]["segments"].as_array().is_some());
        assert_eq!(dumped, typed);
        assert_eq!(
            serde_json::to_string_pretty(&store.dump()).expect("json"),
            serde_json::to_string_pretty(&store.export().expect("export")).expect("json")
        );
    }
}
