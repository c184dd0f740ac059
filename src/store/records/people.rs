//! People: who does the work.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Kept;
use crate::domain::validate;
use crate::domain::{Person, PersonId, RecordKind};
use crate::store::links::Linked;
use crate::store::{Result, Store, new_or, written_id};

impl Kept for Person {
    type Id = PersonId;
    const TABLE: &'static str = "people";
    const LINKS: &'static [(Linked, &'static str)] = &[
        (
            Linked::Tasks,
            "SELECT count(*) FROM tasks WHERE assignee_id = ?1",
        ),
        (
            Linked::Campaigns,
            "SELECT count(*) FROM campaigns WHERE owner_id = ?1",
        ),
        (
            Linked::Procedures,
            "SELECT count(*) FROM procedures WHERE owner_id = ?1",
        ),
    ];

    fn id(&self) -> PersonId {
        self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn clean(&self, _: &Store) -> Result<Person> {
        Ok(Person {
            name: validate::name(crate::domain::validate::Field::PersonName, &self.name)?,
            role: validate::name_or_empty(crate::domain::validate::Field::Role, &self.role)?,
            contact: validate::name_or_empty(
                crate::domain::validate::Field::Contact,
                &self.contact,
            )?,
            ..self.clone()
        })
    }

    fn put(conn: &Connection, p: &Person) -> rusqlite::Result<i64> {
        put_person(conn, p)
    }

    fn read(store: &Store, id: PersonId) -> Result<Person> {
        store.person(id)
    }
}

fn person_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: PersonId(r.get(0)?),
        name: r.get(1)?,
        role: r.get(2)?,
        contact: r.get(3)?,
    })
}

impl Store {
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, role, contact FROM people ORDER BY name")?;
        let rows = stmt.query_map([], person_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn person(&self, id: PersonId) -> Result<Person> {
        self.conn
            .query_row(
                "SELECT id, name, role, contact FROM people WHERE id = ?1",
                [id.0],
                person_row,
            )
            .optional()?
            .ok_or_else(|| super::not_found(RecordKind::Person, id))
    }

    /// Adds `p` where its id is 0, else replaces the person with its id.
    pub fn save_person(&mut self, p: &Person) -> Result<Person> {
        self.save_kept(p)
    }

    pub fn delete_person(&mut self, id: PersonId) -> Result<Person> {
        self.delete_kept(id)
    }
}

/// Writes a person row as is (see [`super::put_segment`]).
pub(in crate::store) fn put_person(conn: &Connection, p: &Person) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO people (id, name, role, contact) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
            contact = excluded.contact",
    )?
    .execute(params![new_or(p.id.0), p.name, p.role, p.contact])?;
    Ok(written_id(conn, p.id.0))
}
