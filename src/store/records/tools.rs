//! Tools: what the work is done with.

use rusqlite::{Connection, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{RecordKind, Tool, ToolId};
use crate::store::{Result, Store, new_or, written_id};

impl Kept for Tool {
    type Id = ToolId;
    const TABLE: &'static str = "tools";

    fn id(&self) -> ToolId {
        self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn clean(&self, _: &Store) -> Result<Tool> {
        Ok(Tool {
            name: validate::name(crate::domain::validate::Field::ToolName, &self.name)?,
            purpose: validate::text(crate::domain::validate::Field::Purpose, &self.purpose)?,
            ..self.clone()
        })
    }

    fn put(conn: &Connection, t: &Tool) -> rusqlite::Result<i64> {
        put_tool(conn, t)
    }

    fn read(store: &Store, id: ToolId) -> Result<Tool> {
        store.tool(id)
    }
}

impl Store {
    pub fn tools(&self) -> Result<Vec<Tool>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, purpose FROM tools ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(Tool {
                id: ToolId(r.get(0)?),
                name: r.get(1)?,
                purpose: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn tool(&self, id: ToolId) -> Result<Tool> {
        self.tools()?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| super::not_found(RecordKind::Tool, id))
    }

    /// Adds `t` where its id is 0, else replaces the tool with its id.
    pub fn save_tool(&mut self, t: &Tool) -> Result<Tool> {
        self.save_kept(t)
    }

    pub fn delete_tool(&mut self, id: ToolId) -> Result<Tool> {
        self.delete_kept(id)
    }
}

/// Writes a tool row as is (see [`super::put_segment`]).
pub(in crate::store) fn put_tool(conn: &Connection, t: &Tool) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tools (id, name, purpose) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, purpose = excluded.purpose",
    )?
    .execute(params![new_or(t.id.0), t.name, t.purpose])?;
    Ok(written_id(conn, t.id.0))
}
