//! Why an undo or a redo was refused, field by field: for each field of
//! the change that a later change touched, the record, the field, the
//! value there now and the value the step would write; for a record a
//! later change added or deleted, that.

use rusqlite::{Connection, OptionalExtension};

use super::cells::{self, Touch};
use super::rows::later_touches;
use super::{Reverted, Subject};
use crate::store::{Result, Store};

/// One place where a later change stands in an undo's or redo's way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// The kind of record, where it is one a user names.
    pub subject: Option<Subject>,
    /// The table where it is no such kind.
    pub table: String,
    pub id: i64,
    /// The record's name or title, where it has one and is still there.
    pub name: Option<String>,
    /// The field both changed; `None` where the later change added or
    /// deleted the record.
    pub field: Option<String>,
    /// The value now (`None`: the record is gone), and the one the step
    /// would write, as SQLite quotes them (`'text'`, `12`, `NULL`).
    pub now: Option<String>,
    pub would_write: Option<String>,
    /// The later change.
    pub later: Reverted,
}

impl Store {
    /// Where the later changes stand in the way of undoing (or, with
    /// `redo`, redoing) the change `entry`: empty where none does field by
    /// field (a cascade, or a record in the way, refused it).
    pub fn undo_clashes(&self, entry: i64, redo: bool) -> Result<Vec<Clash>> {
        clashes(&self.conn, entry, redo)
    }
}

fn clashes(conn: &Connection, entry: i64, redo: bool) -> Result<Vec<Clash>> {
    let ops: Vec<(String, String)> = {
        let mut stmt = conn
            .prepare("SELECT undo_sql, redo_sql FROM journal_op WHERE entry_id = ?1 ORDER BY id")?;
        stmt.query_map([entry], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let later = later_touches(conn, entry)?;
    let mut out = Vec::new();
    for (u, r) in &ops {
        let Some(own) = Touch::of(u, r) else {
            continue;
        };
        let writes = if redo { r } else { u };
        for (t, by) in later.iter().filter(|(t, _)| t.meets(&own)) {
            let (table, id) = own.row.clone();
            let exists = row_exists(conn, &table, id)?;
            let base = Clash {
                subject: subject_of(&table),
                name: if exists {
                    name_of(conn, &table, id)?
                } else {
                    None
                },
                table: table.clone(),
                id,
                field: None,
                now: None,
                would_write: None,
                later: by.clone(),
            };
            let fields = if t.fields.is_some() {
                own.common(t)
            } else {
                Vec::new()
            };
            if fields.is_empty() {
                out.push(base);
                continue;
            }
            for field in fields {
                let now = if exists {
                    value_now(conn, &table, id, &field)?
                } else {
                    None
                };
                out.push(Clash {
                    field: Some(field.clone()),
                    now,
                    would_write: cells::value_of(writes, &field),
                    ..base.clone()
                });
            }
        }
    }
    out.dedup_by(|a, b| a.table == b.table && a.id == b.id && a.field == b.field);
    Ok(out)
}

/// The kind of record `table` holds, where users name it.
fn subject_of(table: &str) -> Option<Subject> {
    Some(match table {
        "tasks" => Subject::Task,
        "notes" => Subject::Note,
        "metrics" => Subject::Metric,
        "objectives" => Subject::Objective,
        "segments" => Subject::Segment,
        "channels" => Subject::Channel,
        "campaigns" => Subject::Campaign,
        "people" => Subject::Person,
        "tools" => Subject::Tool,
        "budgets" => Subject::Budget,
        "procedures" => Subject::Procedure,
        _ => return None,
    })
}

fn row_exists(conn: &Connection, table: &str, id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE rowid = ?1)"),
        [id],
        |r| r.get(0),
    )
}

/// The record's name, or its title, where its table has either; a KPI
/// value's metric and day.
fn name_of(conn: &Connection, table: &str, id: i64) -> rusqlite::Result<Option<String>> {
    if table == "kpi_values" {
        return conn
            .query_row(
                "SELECT metric || ' ' || day FROM kpi_values WHERE rowid = ?1",
                [id],
                |r| r.get(0),
            )
            .optional();
    }
    let column: Option<String> = conn
        .query_row(
            "SELECT name FROM pragma_table_info(?1) WHERE name IN ('name', 'title')
             ORDER BY name = 'title'",
            [table],
            |r| r.get(0),
        )
        .optional()?;
    let Some(column) = column else {
        return Ok(None);
    };
    conn.query_row(
        &format!("SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE rowid = ?1"),
        [id],
        |r| r.get(0),
    )
    .optional()
    .map(Option::flatten)
}

/// A field's value now, quoted as the journal records values.
fn value_now(
    conn: &Connection,
    table: &str,
    id: i64,
    field: &str,
) -> rusqlite::Result<Option<String>> {
    let field = field.replace('"', "\"\"");
    conn.query_row(
        &format!("SELECT quote(\"{field}\") FROM \"{table}\" WHERE rowid = ?1"),
        [id],
        |r| r.get(0),
    )
    .optional()
}
