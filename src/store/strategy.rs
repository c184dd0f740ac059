//! The strategy: segments, channels, the brand message, resources
//! (people, tools, budgets), procedures and metric definitions.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::tasks::enum_col;
use super::{Result, Store, StoreError, new_or, written_id};
use crate::domain::validate;
use crate::domain::{
    Amount, Budget, BudgetId, Channel, ChannelId, Message, Metric, Person, PersonId, Procedure,
    ProcedureId, Segment, SegmentId, Tool, ToolId,
};
use crate::metrics::Period;

/// Turns a UNIQUE violation into a message naming the duplicate.
pub(crate) fn unique<T>(r: rusqlite::Result<T>, what: &str, name: &str) -> Result<T> {
    match r {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
        {
            Err(StoreError::Conflict(format!(
                "a {what} named '{name}' already exists"
            )))
        }
        other => Ok(other?),
    }
}

fn not_found(what: &'static str, id: i64) -> StoreError {
    StoreError::NotFound {
        what,
        key: id.to_string(),
    }
}

fn segment_row(r: &Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: SegmentId(r.get(0)?),
        name: r.get(1)?,
        description: r.get(2)?,
        demographics: r.get(3)?,
        needs: r.get(4)?,
        habits: r.get(5)?,
        market_size: r.get(6)?,
    })
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
    // Segments.

    pub fn segments(&self) -> Result<Vec<Segment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, description, demographics, needs, habits, market_size
             FROM segments ORDER BY name",
        )?;
        let rows = stmt.query_map([], segment_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn segment(&self, id: SegmentId) -> Result<Segment> {
        self.segments()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| not_found("segment", id.0))
    }

    /// Adds `s` where its id is 0, else replaces the segment with its id.
    pub fn save_segment(&mut self, s: &Segment) -> Result<Segment> {
        if s.market_size.is_some_and(|m| m < 0) {
            return Err(validate::Invalid::Rule {
                field: "market size",
                message: "is negative".into(),
            }
            .into());
        }
        let clean = Segment {
            name: validate::name("segment name", &s.name)?,
            description: validate::text("description", &s.description)?,
            demographics: validate::text("demographics", &s.demographics)?,
            needs: validate::text("needs", &s.needs)?,
            habits: validate::text("habits", &s.habits)?,
            ..s.clone()
        };
        let exists = s.id.0 > 0;
        if exists {
            self.segment(s.id)?;
        }
        let id = self.change(|c| {
            let id = unique(put_segment(c.tx(), &clean), "segment", &clean.name)?;
            c.label = format!("{} segment {}", verb(exists), clean.name);
            Ok(SegmentId(id))
        })?;
        self.segment(id)
    }

    pub fn delete_segment(&mut self, id: SegmentId) -> Result<Segment> {
        let old = self.segment(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM segments WHERE id = ?1", [id.0])?;
            // Its orders lose their segment (ON DELETE SET NULL).
            super::rollup::orders_changed(c.tx())?;
            c.label = format!("delete segment {}", old.name);
            Ok(())
        })?;
        Ok(old)
    }

    // Channels.

    pub fn channels(&self) -> Result<Vec<Channel>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, active, description FROM channels ORDER BY name",
        )?;
        let mut channels: Vec<Channel> = stmt
            .query_map([], |r| {
                Ok(Channel {
                    id: ChannelId(r.get(0)?),
                    name: r.get(1)?,
                    kind: enum_col(r, 2)?,
                    active: r.get(3)?,
                    description: r.get(4)?,
                    segments: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut links = self.conn.prepare_cached(
            "SELECT channel_id, segment_id FROM channel_segments ORDER BY segment_id",
        )?;
        let pairs: Vec<(i64, i64)> = links
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (ch, seg) in pairs {
            if let Some(c) = channels.iter_mut().find(|c| c.id.0 == ch) {
                c.segments.push(SegmentId(seg));
            }
        }
        Ok(channels)
    }

    pub fn channel(&self, id: ChannelId) -> Result<Channel> {
        self.channels()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| not_found("channel", id.0))
    }

    /// Adds `ch` where its id is 0, else replaces the channel with its id.
    pub fn save_channel(&mut self, ch: &Channel) -> Result<Channel> {
        let clean = Channel {
            name: validate::name("channel name", &ch.name)?,
            description: validate::text("description", &ch.description)?,
            ..ch.clone()
        };
        let exists = ch.id.0 > 0;
        if exists {
            self.channel(ch.id)?;
        }
        let id = self.change(|c| {
            let id = unique(put_channel(c.tx(), &clean), "channel", &clean.name)?;
            c.label = format!("{} channel {}", verb(exists), clean.name);
            Ok(ChannelId(id))
        })?;
        self.channel(id)
    }

    pub fn delete_channel(&mut self, id: ChannelId) -> Result<Channel> {
        let old = self.channel(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM channels WHERE id = ?1", [id.0])?;
            c.label = format!("delete channel {}", old.name);
            Ok(())
        })?;
        Ok(old)
    }

    // People.

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
            .ok_or_else(|| not_found("person", id.0))
    }

    /// Adds `p` where its id is 0, else replaces the person with its id.
    pub fn save_person(&mut self, p: &Person) -> Result<Person> {
        let clean = Person {
            name: validate::name("person name", &p.name)?,
            role: validate::name_or_empty("role", &p.role)?,
            contact: validate::name_or_empty("contact", &p.contact)?,
            ..p.clone()
        };
        let exists = p.id.0 > 0;
        if exists {
            self.person(p.id)?;
        }
        let id = self.change(|c| {
            let id = unique(put_person(c.tx(), &clean), "person", &clean.name)?;
            c.label = format!("{} person {}", verb(exists), clean.name);
            Ok(PersonId(id))
        })?;
        self.person(id)
    }

    pub fn delete_person(&mut self, id: PersonId) -> Result<Person> {
        let old = self.person(id)?;
        self.change(|c| {
            c.tx().execute("DELETE FROM people WHERE id = ?1", [id.0])?;
            c.label = format!("delete person {}", old.name);
            Ok(())
        })?;
        Ok(old)
    }

    // Tools.

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
            .ok_or_else(|| not_found("tool", id.0))
    }

    /// Adds `t` where its id is 0, else replaces the tool with its id.
    pub fn save_tool(&mut self, t: &Tool) -> Result<Tool> {
        let clean = Tool {
            name: validate::name("tool name", &t.name)?,
            purpose: validate::text("purpose", &t.purpose)?,
            ..t.clone()
        };
        let exists = t.id.0 > 0;
        if exists {
            self.tool(t.id)?;
        }
        let id = self.change(|c| {
            let id = unique(put_tool(c.tx(), &clean), "tool", &clean.name)?;
            c.label = format!("{} tool {}", verb(exists), clean.name);
            Ok(ToolId(id))
        })?;
        self.tool(id)
    }

    pub fn delete_tool(&mut self, id: ToolId) -> Result<Tool> {
        let old = self.tool(id)?;
        self.change(|c| {
            c.tx().execute("DELETE FROM tools WHERE id = ?1", [id.0])?;
            c.label = format!("delete tool {}", old.name);
            Ok(())
        })?;
        Ok(old)
    }

    // Budgets.

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
            .ok_or_else(|| not_found("budget", id.0))
    }

    /// Adds `b` where its id is 0, else replaces the budget with its id.
    /// The period is a month, quarter or year label (`2026-11`, `2026-Q4`,
    /// `2026`; a week too), written as `Period::label` writes it; one
    /// budget per period.
    pub fn save_budget(&mut self, b: &Budget) -> Result<Budget> {
        let clean = Budget {
            period: budget_period(&b.period)?,
            amount: validate::non_negative("budget amount", b.amount)?,
            note: validate::text("budget note", &b.note)?,
            ..b.clone()
        };
        let exists = b.id.0 > 0;
        if exists {
            self.budget(b.id)?;
        }
        let id = self.change(|c| {
            let written = put_budget(c.tx(), &clean);
            let id = match written {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
                {
                    return Err(StoreError::Conflict(format!(
                        "a budget for {} already exists",
                        clean.period
                    )));
                }
                other => other?,
            };
            c.label = format!("{} budget {}", verb(exists), clean.period);
            Ok(BudgetId(id))
        })?;
        self.budget(id)
    }

    pub fn delete_budget(&mut self, id: BudgetId) -> Result<Budget> {
        let old = self.budget(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM budgets WHERE id = ?1", [id.0])?;
            c.label = format!("delete budget {}", old.period);
            Ok(())
        })?;
        Ok(old)
    }

    // Procedures.

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
            .ok_or_else(|| not_found("procedure", id.0))
    }

    /// Adds `p` where its id is 0, else replaces the procedure with its id.
    pub fn save_procedure(&mut self, p: &Procedure) -> Result<Procedure> {
        let clean = Procedure {
            title: validate::title("procedure title", &p.title)?,
            steps: validate::text("procedure steps", &p.steps)?,
            ..p.clone()
        };
        let exists = p.id.0 > 0;
        if exists {
            self.procedure(p.id)?;
        }
        let id = self.change(|c| {
            let id = unique(put_procedure(c.tx(), &clean), "procedure", &clean.title)?;
            c.label = format!("{} procedure {}", verb(exists), clean.title);
            Ok(ProcedureId(id))
        })?;
        self.procedure(id)
    }

    /// Replaces a procedure's steps.
    pub fn set_procedure_steps(&mut self, id: ProcedureId, steps: &str) -> Result<()> {
        let steps = validate::text("procedure steps", steps)?;
        self.change(|c| {
            let n = c.tx().execute(
                "UPDATE procedures SET steps = ?1 WHERE id = ?2",
                params![steps, id.0],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "procedure",
                    key: id.0.to_string(),
                });
            }
            c.label = format!("edit procedure {}", id.0);
            Ok(())
        })
    }

    pub fn delete_procedure(&mut self, id: ProcedureId) -> Result<Procedure> {
        let old = self.procedure(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM procedures WHERE id = ?1", [id.0])?;
            c.label = format!("delete procedure {}", old.title);
            Ok(())
        })?;
        Ok(old)
    }

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
        let brand = validate::text("brand message", &m.brand_message)?;
        let positioning = validate::text("positioning", &m.positioning)?;
        self.change(|c| {
            c.tx().execute(
                "UPDATE message SET brand_message = ?1, positioning = ?2 WHERE id = 1",
                params![brand, positioning],
            )?;
            c.label = "edit brand message".into();
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
            .ok_or_else(|| {
                StoreError::Conflict(format!(
                    "unknown metric '{}' (known: {})",
                    name,
                    all.iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    /// Adds a user metric: a snake_case name, its kind and unit.
    pub fn add_metric(&mut self, m: &Metric) -> Result<()> {
        validate::metric_name(&m.name)?;
        let description = validate::text("metric description", &m.description)?;
        self.change(|c| {
            let r = c.tx().execute(
                "INSERT INTO metrics (name, kind, unit, builtin, description) VALUES (?1, ?2, ?3, 0, ?4)",
                params![m.name, m.kind.as_str(), m.unit.as_str(), description],
            );
            unique(r, "metric", &m.name)?;
            c.label = format!("add metric {}", m.name);
            Ok(())
        })
    }
}

/// A budget's period as it is stored: a month, quarter, year or week
/// label within the years funnel keeps, written as `Period::label` writes
/// it (`2026-q4` becomes `2026-Q4`).
pub(super) fn budget_period(text: &str) -> Result<String, validate::Invalid> {
    let rule = |message: String| validate::Invalid::Rule {
        field: "budget period",
        message,
    };
    let period = Period::parse(text, chrono::Weekday::Mon).map_err(|e| rule(e.to_string()))?;
    if !(validate::in_years(period.start) && validate::in_years(period.end)) {
        return Err(rule(validate::outside_years(text.trim())));
    }
    Ok(period.label())
}

fn verb(exists: bool) -> &'static str {
    if exists { "edit" } else { "add" }
}

/// Writes a segment row as is: a new row where its id is 0, else the row
/// with its id, inserted or replaced (an edit, or a load of an export).
pub(super) fn put_segment(conn: &Connection, s: &Segment) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO segments (id, name, description, demographics, needs, habits, market_size)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
            description = excluded.description, demographics = excluded.demographics,
            needs = excluded.needs, habits = excluded.habits,
            market_size = excluded.market_size",
    )?
    .execute(params![
        new_or(s.id.0),
        s.name,
        s.description,
        s.demographics,
        s.needs,
        s.habits,
        s.market_size
    ])?;
    Ok(written_id(conn, s.id.0))
}

/// Writes a channel row and the segments it reaches (see [`put_segment`]).
pub(super) fn put_channel(conn: &Connection, ch: &Channel) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO channels (id, name, kind, active, description) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
            active = excluded.active, description = excluded.description",
    )?
    .execute(params![
        new_or(ch.id.0),
        ch.name,
        ch.kind.as_str(),
        ch.active,
        ch.description
    ])?;
    let id = written_id(conn, ch.id.0);
    conn.prepare_cached("DELETE FROM channel_segments WHERE channel_id = ?1")?
        .execute([id])?;
    for seg in &ch.segments {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO channel_segments (channel_id, segment_id) VALUES (?1, ?2)",
        )?
        .execute([id, seg.0])?;
    }
    Ok(id)
}

/// Writes a person row as is (see [`put_segment`]).
pub(super) fn put_person(conn: &Connection, p: &Person) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO people (id, name, role, contact) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
            contact = excluded.contact",
    )?
    .execute(params![new_or(p.id.0), p.name, p.role, p.contact])?;
    Ok(written_id(conn, p.id.0))
}

/// Writes a tool row as is (see [`put_segment`]).
pub(super) fn put_tool(conn: &Connection, t: &Tool) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tools (id, name, purpose) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, purpose = excluded.purpose",
    )?
    .execute(params![new_or(t.id.0), t.name, t.purpose])?;
    Ok(written_id(conn, t.id.0))
}

/// Writes a budget row as is (see [`put_segment`]).
pub(super) fn put_budget(conn: &Connection, b: &Budget) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO budgets (id, period, amount, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET period = excluded.period, amount = excluded.amount,
            note = excluded.note",
    )?
    .execute(params![new_or(b.id.0), b.period, b.amount.raw(), b.note])?;
    Ok(written_id(conn, b.id.0))
}

/// Writes a procedure row as is (see [`put_segment`]).
pub(super) fn put_procedure(conn: &Connection, p: &Procedure) -> rusqlite::Result<i64> {
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
