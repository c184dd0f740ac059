//! The plan's notes on periods, and the rule every span of days keeps
//! (objectives and campaigns are kept in `records`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::tasks::{day_col, enum_col};
use super::{Result, Store, StoreError, day_text, new_or, written_id};
use crate::domain::validate;
use crate::domain::{Note, NoteId};

/// Where the KPI import writes a campaign it creates.
pub(super) use super::records::put_campaign;

pub(super) fn required_day(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    day_col(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "day".into(),
        rusqlite::types::Type::Null,
    ))
}

fn note_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    let created: String = r.get(7)?;
    Ok(Note {
        id: NoteId(r.get(0)?),
        kind: enum_col(r, 1)?,
        category: enum_col(r, 2)?,
        start: required_day(r, 3)?,
        end: required_day(r, 4)?,
        metric: r.get(5)?,
        text: r.get(6)?,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    7,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
    })
}

const NOTE: &str =
    "SELECT id, kind, category, start_day, end_day, metric, text, created_at FROM notes";

pub(super) fn check_span(
    field: validate::Field,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(), validate::Invalid> {
    if end < start {
        return Err(validate::Invalid::Rule {
            field,
            rule: validate::Broken::EndsBeforeStart { start, end },
        });
    }
    Ok(())
}

impl Store {
    // Notes.

    /// Notes whose period overlaps `from..=to`, oldest first.
    pub fn notes_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{NOTE} WHERE start_day <= ?2 AND end_day >= ?1 ORDER BY start_day, id"
        ))?;
        let rows = stmt.query_map(params![day_text(from), day_text(to)], note_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn note(&self, id: NoteId) -> Result<Note> {
        self.conn
            .query_row(&format!("{NOTE} WHERE id = ?1"), [id.0], note_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: super::Thing::Note,
                key: id.to_string(),
            })
    }

    pub fn notes(&self) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{NOTE} ORDER BY start_day, id"))?;
        let rows = stmt.query_map([], note_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes a note; tasks that follow it up stay, unlinked.
    pub fn delete_note(&mut self, id: NoteId) -> Result<()> {
        self.change(|c| {
            if c.tx().execute("DELETE FROM notes WHERE id = ?1", [id.0])? == 0 {
                return Err(StoreError::NotFound {
                    what: super::Thing::Note,
                    key: id.to_string(),
                });
            }
            c.label = note_label(crate::store::Verb::Delete, id);
            Ok(())
        })
    }

    /// Adds `n` where its id is 0 (stamped now), else replaces the note
    /// with its id (keeping its creation time).
    pub fn save_note(&mut self, n: &Note) -> Result<NoteId> {
        let text = validate::text(crate::domain::validate::Field::Note, &n.text)?;
        if text.is_empty() {
            return Err(validate::Invalid::Empty {
                field: crate::domain::validate::Field::Note,
            }
            .into());
        }
        validate::day(crate::domain::validate::Field::NoteStart, n.start)?;
        validate::day(crate::domain::validate::Field::NoteEnd, n.end)?;
        check_span(crate::domain::validate::Field::Note, n.start, n.end)?;
        let metric = n
            .metric
            .as_deref()
            .map(|m| self.metric(m).map(|m| m.name))
            .transpose()?;
        let exists = n.id.0 > 0;
        let created_at = if exists {
            self.note(n.id)?.created_at
        } else {
            Utc::now()
        };
        let clean = Note {
            text,
            metric,
            created_at,
            ..n.clone()
        };
        self.change(|c| {
            let id = put_note(c.tx(), &clean)?;
            let verb = if exists {
                crate::store::Verb::Edit
            } else {
                crate::store::Verb::Add
            };
            c.label = note_label(verb, id);
            Ok(NoteId(id))
        })
    }
}

/// Writes a note row as is: a new row where its id is 0, else the row
/// with its id, inserted or replaced (an edit, or a load of an export).
pub(super) fn put_note(conn: &Connection, n: &Note) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO notes (id, kind, category, start_day, end_day, metric, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, category = excluded.category,
            start_day = excluded.start_day, end_day = excluded.end_day,
            metric = excluded.metric, text = excluded.text",
    )?
    .execute(params![
        new_or(n.id.0),
        n.kind.as_str(),
        n.category.as_str(),
        day_text(n.start),
        day_text(n.end),
        n.metric,
        n.text,
        n.created_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    ])?;
    Ok(written_id(conn, n.id.0))
}

/// The journal's label of a change of note `id`.
fn note_label(verb: crate::store::Verb, id: impl std::fmt::Display) -> crate::store::ChangeLabel {
    crate::store::ChangeLabel::Record {
        verb,
        what: crate::store::Subject::Note,
        name: id.to_string(),
    }
}
