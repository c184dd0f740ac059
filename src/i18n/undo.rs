//! The words of undo and redo: what a journaled change did, in the
//! reader's words, and why an undo or a redo was refused, in one line for
//! the status bar and field by field for the details.

use std::str::FromStr;

use chrono::NaiveDate;

use super::Format;
use crate::domain::{Amount, TaskStatus};
use crate::store::{ChangeLabel, Clash, Origin, StoreError, Subject, Verb};
use crate::text::{fit, width};

/// One locale's words of undo and redo.
#[derive(Debug)]
pub struct UndoWords {
    /// add, edit, delete.
    pub verbs: [&'static str; 3],
    /// What a change was to, in `Subject::ALL` order.
    pub subjects: [&'static str; 11],
    /// "{verb} {what} {name}": "edit campaign Tết".
    pub record: &'static str,
    /// "{verb} tasks {ids}"
    pub tasks: &'static str,
    /// "set task {ids} {status}"
    pub set_status: &'static str,
    /// ", next task {id}", after a task change that made its series' next.
    pub next_task: &'static str,
    /// "delete campaign and its tasks: {name}"
    pub delete_campaign_with_tasks: &'static str,
    /// "record KPIs for {day}"
    pub record_kpis: &'static str,
    /// "import orders from {file}"
    pub import_orders: &'static str,
    /// "import KPIs from {file}"
    pub import_kpis: &'static str,
    pub import_export: &'static str,
    pub edit_brand_message: &'static str,
    /// "undo anyway: {change}"
    pub undone_anyway: &'static str,
    /// The status line of a refusal: "Cannot undo {change}: {who} changed
    /// it since. {key}: details" (undo, redo).
    pub refused: [&'static str; 2],
    /// The same where what is in the way is no later change the journal
    /// holds: "Cannot undo {change}: its records changed since. {key}:
    /// details" (undo, redo).
    pub blocked: [&'static str; 2],
    /// The details' title (undo, redo).
    pub details_title: [&'static str; 2],
    /// "Your change: {change} (made from {who}, {when})"
    pub details_change: &'static str,
    /// "In the way: {change} (made since from {who}, {when})"
    pub details_later: &'static str,
    /// "{record}, {field}: now {value}, undo writes {value}" (undo, redo).
    pub clash_field: [&'static str; 2],
    /// "{record}: deleted since"
    pub clash_gone: &'static str,
    /// "{record}: changed since"
    pub clash_changed: &'static str,
    /// Where no field is named: a cascade or a record in the way.
    pub clash_none: &'static str,
    /// The details' keys: "{skip} skip it: u then undoes the change
    /// before · {anyway} undo anyway · {close} close".
    pub details_keys: &'static str,
    /// The keys of a redo's details: "{close} close".
    pub details_close: &'static str,
    /// "Skipped {change}: it stays. {key} now undoes the change before it."
    pub skipped: &'static str,
    /// "Undo {change} anyway, writing its old values over the later
    /// change? y/n"
    pub anyway_question: &'static str,
    /// "Undid anyway: {change}. {key} puts back what it overwrote."
    pub undid_anyway: &'static str,
    /// The details key with nothing refused.
    pub no_refusal: &'static str,
    /// An empty value.
    pub empty: &'static str,
    /// (table, name) of the records a clash can name that are of no
    /// [`Subject`]: a KPI value, an order, the brand message.
    pub other_records: &'static [(&'static str, &'static str)],
    /// (column, name) of the fields a clash can name.
    pub fields: &'static [(&'static str, &'static str)],
}

impl Format {
    fn undo_words(self) -> &'static UndoWords {
        &self.words().undo
    }

    /// What a journaled change did, in the reader's words.
    pub fn change(self, l: &ChangeLabel) -> String {
        let w = self.undo_words();
        let ids = |ids: &[i64]| {
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let next = |next: &[i64]| -> String {
            next.iter().map(|n| Format::fill(w.next_task, n)).collect()
        };
        let verb = |v: &Verb| w.verbs[v.index()];
        match l {
            ChangeLabel::Record {
                verb: v,
                what,
                name,
            } => Format::fill_all(w.record, &[&verb(v), &self.subject(*what), name]),
            ChangeLabel::EditTask { id, next: n } => {
                let edit = Format::fill_all(
                    w.record,
                    &[
                        &w.verbs[Verb::Edit.index()],
                        &self.subject(Subject::Task),
                        id,
                    ],
                );
                format!("{edit}{}", next(n))
            }
            ChangeLabel::Tasks {
                verb: v,
                ids: list,
                next: n,
            } => {
                format!(
                    "{}{}",
                    Format::fill_all(w.tasks, &[&verb(v), &ids(list)]),
                    next(n)
                )
            }
            ChangeLabel::SetStatus {
                ids: list,
                status,
                next: n,
            } => {
                let status = TaskStatus::from_str(status)
                    .map_or(status.as_str(), |s| self.words().ui.task_status(s));
                format!(
                    "{}{}",
                    Format::fill_all(w.set_status, &[&ids(list), &status]),
                    next(n)
                )
            }
            ChangeLabel::DeleteCampaignWithTasks { name } => {
                Format::fill(w.delete_campaign_with_tasks, name)
            }
            ChangeLabel::RecordKpis { day } => {
                let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .map_or_else(|_| day.clone(), |d| self.date(d));
                Format::fill(w.record_kpis, day)
            }
            ChangeLabel::ImportOrders { file } => Format::fill(w.import_orders, file),
            ChangeLabel::ImportKpis { file } => Format::fill(w.import_kpis, file),
            ChangeLabel::ImportExport => w.import_export.into(),
            ChangeLabel::EditBrandMessage => w.edit_brand_message.into(),
            ChangeLabel::UndoneAnyway { change } => {
                Format::fill(w.undone_anyway, self.change(change))
            }
            ChangeLabel::Text { text } => text.clone(),
        }
    }

    fn subject(self, s: Subject) -> &'static str {
        let i = Subject::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.undo_words().subjects[i]
    }

    /// An undo or redo refused for `me`, in the reader's words: what would
    /// have been overwritten, or whose change is the latest instead. `None`
    /// for any other error.
    pub fn journal_refusal(self, e: &StoreError, me: &Origin) -> Option<String> {
        let ui = &self.words().ui;
        match e {
            StoreError::UndoConflict {
                what,
                change,
                later,
            } => {
                let t = if *what == "redo" {
                    ui.redo_conflict
                } else {
                    ui.undo_conflict
                };
                Some(Format::fill_all(
                    t,
                    &[
                        &self.change(&change.what),
                        &self.who(&change.by, me),
                        &self.stamp(&change.at),
                        &self.change(&later.what),
                        &self.who(&later.by, me),
                        &self.stamp(&later.at),
                    ],
                ))
            }
            StoreError::UndoBlocked { what, change } => {
                let t = if *what == "redo" {
                    ui.redo_blocked
                } else {
                    ui.undo_blocked
                };
                Some(Format::fill_all(
                    t,
                    &[
                        &self.change(&change.what),
                        &self.who(&change.by, me),
                        &self.stamp(&change.at),
                    ],
                ))
            }
            StoreError::NothingOwn { what, other } => {
                let t = if *what == "redo" {
                    ui.nothing_own_redo
                } else {
                    ui.nothing_own_undo
                };
                Some(Format::fill_all(
                    t,
                    &[
                        &self.who(me, me),
                        &self.change(&other.what),
                        &self.who(&other.by, me),
                        &self.stamp(&other.at),
                    ],
                ))
            }
            _ => None,
        }
    }

    /// A refused undo or redo in one line of at most `width` columns (the
    /// change's name shortened to fit), naming `key` for the details;
    /// `None` for any other error.
    pub fn refusal_line(
        self,
        e: &StoreError,
        me: &Origin,
        key: &str,
        width: usize,
    ) -> Option<String> {
        let w = self.undo_words();
        let (template, change, who) = match e {
            StoreError::UndoConflict {
                what,
                change,
                later,
            } => (
                w.refused[usize::from(*what == "redo")],
                change,
                Some(self.who(&later.by, me)),
            ),
            StoreError::UndoBlocked { what, change } => {
                (w.blocked[usize::from(*what == "redo")], change, None)
            }
            _ => return None,
        };
        let fill = |name: &str| match who {
            Some(who) => Format::fill_all(template, &[&name, &who, &key]),
            None => Format::fill_all(template, &[&name, &key]),
        };
        let room = width.saturating_sub(self::width(&fill("")));
        Some(fill(&fit(&self.change(&change.what), room)))
    }

    /// One clash of a refused undo (or, with `redo`, redo), in a line.
    pub fn clash_line(self, c: &Clash, redo: bool) -> String {
        let w = self.undo_words();
        let other = w.other_records.iter().find(|(t, _)| *t == c.table);
        let mut record = match (c.subject, other) {
            (Some(s), _) => format!("{} {}", self.subject(s), c.id),
            (None, Some((_, word))) => format!("{word} {}", c.id),
            (None, None) => format!("{} {}", c.table, c.id),
        };
        if let Some(name) = &c.name {
            record.push_str(&format!(" “{name}”"));
        }
        match (&c.field, &c.now) {
            (_, None) => Format::fill(w.clash_gone, record),
            (None, Some(_)) => Format::fill(w.clash_changed, record),
            (Some(field), Some(now)) => Format::fill_all(
                w.clash_field[usize::from(redo)],
                &[
                    &record,
                    &self.field_name(field),
                    &self.value(c, field, now),
                    &self.value(c, field, c.would_write.as_deref().unwrap_or("NULL")),
                ],
            ),
        }
    }

    fn field_name(self, column: &str) -> String {
        let w = self.undo_words();
        w.fields
            .iter()
            .find(|(c, _)| *c == column)
            .map_or_else(|| column.to_string(), |(_, n)| (*n).to_string())
    }

    /// A value as `quote()` wrote it, for reading: text unquoted, a task's
    /// status in the reader's words, amounts (stored with four decimals)
    /// as money or a number, NULL as empty.
    fn value(self, c: &Clash, field: &str, quoted: &str) -> String {
        if quoted == "NULL" {
            return self.undo_words().empty.into();
        }
        if let Ok(raw) = quoted.parse::<i64>() {
            let amount = Amount::from_raw(raw);
            return match (c.table.as_str(), field) {
                ("campaigns", "budget") | ("budgets" | "orders", "amount") => self.money(amount),
                ("kpi_values", "value") | ("objectives", "baseline" | "target") => {
                    self.count(amount)
                }
                _ => quoted.into(),
            };
        }
        let text = match quoted.strip_prefix('\'').and_then(|q| q.strip_suffix('\'')) {
            Some(inner) => inner.replace("''", "'"),
            None => return quoted.into(),
        };
        if c.subject == Some(Subject::Task)
            && field == "status"
            && let Ok(s) = TaskStatus::from_str(&text)
        {
            return self.words().ui.task_status(s).into();
        }
        format!("“{text}”")
    }
}
