//! Which fields a recorded op changes. An update op is recorded as the
//! whole row's values before and after (`UPDATE "t" SET "a" = v, … WHERE
//! rowid = N`, values as SQLite's `quote()` writes them); the fields it
//! changed are those whose two values differ. Two changes of one record
//! meet only where they changed a field in common, or where either added
//! or deleted the record: an undo keeps what someone else changed since in
//! other fields.

use super::rows::{Row, op_row};

/// Written by every edit of a task: it says when, and is no field a user
/// changes, so two edits never meet on it.
const BOOKKEEPING: &[&str] = &["updated_at"];

/// What one recorded op changes: a whole row (an insert or a delete, or an
/// update whose SQL could not be read), or some of a row's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Touch {
    pub row: Row,
    /// `None`: the whole row.
    pub fields: Option<Vec<String>>,
}

impl Touch {
    /// The op recorded as `undo_sql` and `redo_sql`; `None` for an orders
    /// batch move, which is no row op.
    pub fn of(undo_sql: &str, redo_sql: &str) -> Option<Touch> {
        let row = op_row(undo_sql).or_else(|| op_row(redo_sql))?;
        let fields = changed(undo_sql, redo_sql);
        Some(Touch { row, fields })
    }

    /// The whole of `row`.
    pub fn whole(row: Row) -> Touch {
        Touch { row, fields: None }
    }

    /// Whether the two changed something in common.
    pub fn meets(&self, other: &Touch) -> bool {
        self.row == other.row
            && match (&self.fields, &other.fields) {
                (Some(a), Some(b)) => a.iter().any(|f| b.contains(f)),
                _ => true,
            }
    }

    /// The fields both changed: all of this one's where either is whole.
    pub fn common(&self, other: &Touch) -> Vec<String> {
        match (&self.fields, &other.fields) {
            (Some(a), Some(b)) => a.iter().filter(|f| b.contains(f)).cloned().collect(),
            (Some(a), None) => a.clone(),
            (None, _) => Vec::new(),
        }
    }
}

/// The fields an update op changed, but bookkeeping; `None` where the SQL
/// is not two updates of the same fields.
fn changed(undo_sql: &str, redo_sql: &str) -> Option<Vec<String>> {
    let (before, after) = (assignments(undo_sql)?, assignments(redo_sql)?);
    if before.len() != after.len() {
        return None;
    }
    let mut fields = Vec::new();
    for ((name, old), (again, new)) in before.iter().zip(&after) {
        if name != again {
            return None;
        }
        if old != new && !BOOKKEEPING.contains(&name.as_str()) {
            fields.push(name.clone());
        }
    }
    Some(fields)
}

/// The update op `sql` narrowed to `fields`: the same row, those fields'
/// values only. `None` where it is no update that can be read, or sets
/// none of them.
pub(super) fn narrowed(sql: &str, fields: &[String]) -> Option<String> {
    let sets = assignments(sql)?;
    let (table, rowid) = op_row(sql)?;
    let kept: Vec<String> = sets
        .iter()
        .filter(|(name, _)| fields.contains(name))
        .map(|(name, value)| format!("\"{name}\" = {value}"))
        .collect();
    if kept.is_empty() {
        return None;
    }
    Some(format!(
        "UPDATE \"{table}\" SET {} WHERE rowid = {rowid}",
        kept.join(", ")
    ))
}

/// The value `sql`, an update op, gives `field`, as `quote()` wrote it.
pub(super) fn value_of(sql: &str, field: &str) -> Option<String> {
    assignments(sql)?
        .into_iter()
        .find(|(name, _)| name == field)
        .map(|(_, v)| v)
}

/// The `"name" = value` pairs of an update op, in order.
fn assignments(sql: &str) -> Option<Vec<(String, String)>> {
    let rest = sql.strip_prefix("UPDATE \"")?;
    let (_, mut rest) = rest.split_once("\" SET ")?;
    let mut out = Vec::new();
    loop {
        let (name, after) = quoted_name(rest)?;
        let after = after.strip_prefix(" = ")?;
        let (value, after) = literal(after)?;
        out.push((name, value.to_string()));
        if let Some(next) = after.strip_prefix(", ") {
            rest = next;
        } else if after.starts_with(" WHERE rowid = ") {
            return Some(out);
        } else {
            return None;
        }
    }
}

/// A `"name"` at the start of `s` (a doubled quote stands for one).
fn quoted_name(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut name = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            if chars.peek().is_some_and(|&(_, n)| n == '"') {
                chars.next();
                name.push('"');
            } else {
                return Some((name, &body[i + 1..]));
            }
        } else {
            name.push(c);
        }
    }
    None
}

/// One value as `quote()` writes it, at the start of `s`: a text in
/// single quotes (a doubled one stands for one), a blob `X'…'`, `NULL`
/// or a number (which holds no comma or space).
fn literal(s: &str) -> Option<(&str, &str)> {
    let quoted_from = if s.starts_with('\'') {
        Some(0)
    } else if s.starts_with("X'") {
        Some(1)
    } else {
        None
    };
    if let Some(open) = quoted_from {
        let bytes = s.as_bytes();
        let mut i = open + 1;
        while i < bytes.len() {
            if bytes[i] == b'\'' {
                if bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                return Some(s.split_at(i + 1));
            }
            i += 1;
        }
        return None;
    }
    let end = s.find([',', ' ']).unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: &str = r#"UPDATE "tasks" SET "id" = 1, "title" = 'it''s, WHERE rowid = 2', "due" = NULL, "updated_at" = '2026-12-01', "x" = X'00' WHERE rowid = 1"#;
    const AFTER: &str = r#"UPDATE "tasks" SET "id" = 1, "title" = 'it''s, WHERE rowid = 2', "due" = '2026-12-12', "updated_at" = '2026-12-02', "x" = X'00' WHERE rowid = 1"#;

    #[test]
    fn an_update_changed_the_fields_whose_values_differ_but_bookkeeping() {
        assert_eq!(changed(BEFORE, AFTER), Some(vec!["due".to_string()]));
        let t = Touch::of(BEFORE, AFTER).expect("a row op");
        assert_eq!(t.row, ("tasks".to_string(), 1));
    }

    #[test]
    fn a_narrowed_update_sets_only_its_fields_of_the_same_row() {
        assert_eq!(
            narrowed(BEFORE, &["due".into()]).as_deref(),
            Some(r#"UPDATE "tasks" SET "due" = NULL WHERE rowid = 1"#)
        );
        assert_eq!(narrowed(BEFORE, &["nothing".into()]), None);
        assert_eq!(
            value_of(AFTER, "title").as_deref(),
            Some("'it''s, WHERE rowid = 2'")
        );
    }

    #[test]
    fn touches_meet_on_a_common_field_or_a_whole_row() {
        let row = ("tasks".to_string(), 1);
        let fields = |f: &[&str]| Touch {
            row: row.clone(),
            fields: Some(f.iter().map(|s| s.to_string()).collect()),
        };
        assert!(!fields(&["status"]).meets(&fields(&["due"])));
        assert!(fields(&["status", "done_at"]).meets(&fields(&["status"])));
        assert!(fields(&["due"]).meets(&Touch::whole(row.clone())));
        assert!(!fields(&["due"]).meets(&Touch::whole(("tasks".into(), 2))));
    }

    #[test]
    fn sql_that_is_not_two_readable_updates_touches_the_whole_row() {
        let insert = r#"INSERT INTO "tasks" (rowid,"id") VALUES (1,1)"#;
        let delete = r#"DELETE FROM "tasks" WHERE rowid = 1"#;
        assert_eq!(Touch::of(delete, insert).and_then(|t| t.fields), None);
        assert_eq!(changed(r#"UPDATE "tasks" SET "a" = 'open"#, AFTER), None);
    }
}
