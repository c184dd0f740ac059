//! Procedures: how recurring work is done, as a title, an owner and
//! steps in long text.

use rusqlite::{Connection, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{PersonId, Procedure, ProcedureId, RecordKind};
use crate::store::{Result, Store, StoreError, new_or, written_id};

impl Kept for Procedure {
    type Id = ProcedureId;
    const TABLE: &'static str = "procedures";
    const NAME_COLUMN: &'static str = "title";

    fn id(&self) -> ProcedureId {
        self.id
    }

    fn name(&self) -> &str {
        &self.title
    }

    fn clean(&self, _: &Store) -> Result<Procedure> {
        Ok(Procedure {
            title: validate::title(crate::domain::validate::Field::ProcedureTitle, &self.title)?,
            steps: validate::text(crate::domain::validate::Field::ProcedureSteps, &self.steps)?,
            ..self.clone()
        })
    }

    fn put(conn: &Connection, p: &Procedure) -> rusqlite::Result<i64> {
        put_procedure(conn, p)
    }

    fn read(store: &Store, id: ProcedureId) -> Result<Procedure> {
        store.procedure(id)
    }
}

impl Store {
    pub fn procedures(&self) -> Result<Vec<Procedure>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, title, owner_id, steps FROM procedures ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Procedure {
                id: ProcedureId(r.get(0)?),
                title: r.get(1)?,
                owner: r.get::<_, Option<i64>>(2)?.map(PersonId),
                steps: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn procedure(&self, id: ProcedureId) -> Result<Procedure> {
        self.procedures()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| super::not_found(RecordKind::Procedure, id))
    }

    /// Adds `p` where its id is 0, else replaces the procedure with its id.
    pub fn save_procedure(&mut self, p: &Procedure) -> Result<Procedure> {
        self.save_kept(p)
    }

    /// Replaces a procedure's steps.
    pub fn set_procedure_steps(&mut self, id: ProcedureId, steps: &str) -> Result<()> {
        let steps = validate::text(crate::domain::validate::Field::ProcedureSteps, steps)?;
        self.change(|c| {
            let n = c.tx().execute(
                "UPDATE procedures SET steps = ?1 WHERE id = ?2",
                params![steps, id.0],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: crate::store::Thing::Record(RecordKind::Procedure),
                    key: id.0.to_string(),
                });
            }
            c.label = crate::store::ChangeLabel::Record {
                verb: crate::store::Verb::Edit,
                what: crate::store::Subject::Procedure,
                name: id.0.to_string(),
            };
            Ok(())
        })
    }

    pub fn delete_procedure(&mut self, id: ProcedureId) -> Result<Procedure> {
        self.delete_kept(id)
    }
}

/// Writes a procedure row as is (see [`super::put_segment`]).
pub(in crate::store) fn put_procedure(conn: &Connection, p: &Procedure) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO procedures (id, title, owner_id, steps) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, owner_id = excluded.owner_id,
            steps = excluded.steps",
    )?
    .execute(params![
        new_or(p.id.0),
        p.title,
        p.owner.map(|o| o.0),
        p.steps
    ])?;
    Ok(written_id(conn, p.id.0))
}
