//! Quick-add syntax: a task's fields typed in its title, with the words of
//! the `/` filter. "Gọi xưởng in due:fri @Ngọc #ops p:high" is a task
//! titled "Gọi xưởng in", due Friday, assigned to Ngọc, tagged `ops`, of
//! high priority.
//!
//! | token | sets |
//! | --- | --- |
//! | `due:DATE` | the due date (any date the filter takes: `fri`, `+3d`, `2026-12-01`) |
//! | `@NAME` | the assignee |
//! | `#TAG` | a tag (repeatable) |
//! | `p:LEVEL` `priority:LEVEL` | the priority: `high`, `medium` or `low` |
//! | `campaign:NAME` | the campaign; `campaign:"Tết 2027"` for a name with spaces |
//! | `every:RULE` | repeats: `every:day`, `every:1w`, `every:2w`, `every:month`, `every:mon,thu`, `every:15` (day of the month) |
//! | `after:SPAN` | repeats that long after it is done: `after:14d`, `after:1m` |
//!
//! A name is found as the filter finds it: accents optional (`@ngoc`
//! finds Ngọc; typed with accents they must match), ignoring case, the
//! whole name or from the start of one of its words on (`@ngoc`,
//! `campaign:"tet 2027"`), where only one name has it. A token naming
//! nothing known, or more than one, a bad date, level or tag is an error,
//! never a silent title. Text in double quotes stays in
//! the title as typed, quotes included; so does any other word with a
//! colon (`10:30`, `Re:`).

use chrono::NaiveDate;

use crate::domain::recurrence::RecurrenceError;
use crate::domain::{DateError, Priority, Recurrence, parse_date, validate};
use crate::text::fold::fold;

/// The names tokens can point to: `(id, name)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub people: &'a [(i64, String)],
    pub campaigns: &'a [(i64, String)],
}

/// A title with the fields its tokens set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuickAdd {
    pub title: String,
    pub due: Option<NaiveDate>,
    pub assignee: Option<i64>,
    pub campaign: Option<i64>,
    pub priority: Option<Priority>,
    pub tags: Vec<String>,
    pub recurrence: Option<Recurrence>,
}

/// What a name token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Campaign,
}

/// A token that sets nothing: the token as typed and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuickError {
    #[error("'{0}': no {kind} of that name", kind = kind_word(*.1))]
    Unknown(String, NameKind),
    #[error("'{0}' could be any of: {names}", names = .2.join(", "))]
    Ambiguous(String, NameKind, Vec<String>),
    #[error("'{0}': {1}")]
    Date(String, DateError),
    #[error("'{0}': not a priority (one of: high, medium, low)")]
    Priority(String),
    #[error("'{0}': a tag is letters, digits, - and _")]
    Tag(String),
    #[error("'{0}': nothing after it")]
    Empty(String),
    #[error("{1}")]
    Repeat(String, RecurrenceError),
    #[error("'{0}': give every: or after:, not both")]
    TwoRepeats(String),
}

impl QuickError {
    /// The token as typed.
    pub fn token(&self) -> &str {
        match self {
            QuickError::Unknown(t, _)
            | QuickError::Ambiguous(t, _, _)
            | QuickError::Date(t, _)
            | QuickError::Priority(t)
            | QuickError::Tag(t)
            | QuickError::Empty(t)
            | QuickError::Repeat(t, _)
            | QuickError::TwoRepeats(t) => t,
        }
    }
}

fn kind_word(kind: NameKind) -> &'static str {
    match kind {
        NameKind::Person => "person",
        NameKind::Campaign => "campaign",
    }
}

/// Where the tokens are: split at whitespace outside double quotes; a
/// quote left open runs to the end.
fn tokens(input: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in input.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, input.len()));
    }
    out
}

/// `input` without the tokens at `cut`, each with the whitespace before
/// it (after it, for the first); the rest stays exactly as typed, so the
/// title's own checks see it.
fn without(input: &str, cut: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut from = 0;
    for &(s, e) in cut {
        let before = input[from..s].trim_end();
        out.push_str(before);
        from = e;
        if out.is_empty() {
            // Nothing kept yet: drop the whitespace after the token instead.
            let rest = &input[from..];
            from += rest.len() - rest.trim_start().len();
        }
    }
    out.push_str(&input[from..]);
    out
}

/// A token's value without its surrounding double quotes.
fn unquoted(value: &str) -> &str {
    let v = value.strip_prefix('"').unwrap_or(value);
    v.strip_suffix('"').unwrap_or(v)
}

/// Parses `input`, with relative dates read against `today`. The first
/// token that sets nothing is the error.
pub fn parse_quick(
    input: &str,
    today: NaiveDate,
    known: Known<'_>,
) -> Result<QuickAdd, QuickError> {
    let mut q = QuickAdd::default();
    let mut cut = Vec::new();
    for (s, e) in tokens(input) {
        let tok = &input[s..e];
        let empty = || QuickError::Empty(tok.to_string());
        if let Some(name) = tok.strip_prefix('@') {
            let name = unquoted(name);
            if name.is_empty() {
                return Err(empty());
            }
            q.assignee = Some(find(tok, name, known.people, NameKind::Person)?);
        } else if let Some(tag) = tok.strip_prefix('#') {
            if tag.is_empty() {
                return Err(empty());
            }
            let tag = validate::tag(unquoted(tag)).map_err(|_| QuickError::Tag(tok.to_string()))?;
            if !q.tags.contains(&tag) {
                q.tags.push(tag);
            }
        } else if let Some((key, value)) = tok.split_once(':')
            && !key.starts_with('"')
            && let Some(key) = Key::of(key)
        {
            let value = unquoted(value);
            if value.trim().is_empty() {
                return Err(empty());
            }
            match key {
                Key::Due => {
                    let d = parse_date(value, today)
                        .map_err(|e| QuickError::Date(tok.to_string(), e))?;
                    q.due = Some(d);
                }
                Key::Priority => {
                    let p = value
                        .parse::<Priority>()
                        .map_err(|_| QuickError::Priority(tok.to_string()))?;
                    q.priority = Some(p);
                }
                Key::Campaign => {
                    q.campaign = Some(find(tok, value, known.campaigns, NameKind::Campaign)?);
                }
                Key::Every | Key::After => {
                    if q.recurrence.is_some() {
                        return Err(QuickError::TwoRepeats(tok.to_string()));
                    }
                    let rule = match key {
                        Key::After => Recurrence::parse_after(value),
                        _ => Recurrence::parse_every(value),
                    };
                    q.recurrence = Some(rule.map_err(|e| QuickError::Repeat(tok.to_string(), e))?);
                }
            }
        } else {
            continue;
        }
        cut.push((s, e));
    }
    q.title = without(input, &cut);
    Ok(q)
}

#[derive(Debug, Clone, Copy)]
enum Key {
    Due,
    Priority,
    Campaign,
    Every,
    After,
}

impl Key {
    fn of(key: &str) -> Option<Key> {
        match key.to_lowercase().as_str() {
            "due" => Some(Key::Due),
            "p" | "priority" => Some(Key::Priority),
            "campaign" => Some(Key::Campaign),
            "every" => Some(Key::Every),
            "after" => Some(Key::After),
            _ => None,
        }
    }
}

/// The one name `typed` points to: the same name (case aside), else the
/// only name that has it from the start of one of its words on.
/// Typed without accents it ignores them; with any, they must match.
fn find(
    tok: &str,
    typed: &str,
    names: &[(i64, String)],
    kind: NameKind,
) -> Result<i64, QuickError> {
    let lower = typed.trim().to_lowercase();
    let plain = fold(&lower) == lower;
    let norm = |s: &str| {
        let l = s.to_lowercase();
        if plain { fold(&l) } else { l }
    };
    let wanted = norm(&lower);
    if let Some((id, _)) = names.iter().find(|(_, n)| norm(n) == wanted) {
        return Ok(*id);
    }
    let starts: Vec<&(i64, String)> = names
        .iter()
        .filter(|(_, n)| {
            let n = norm(n);
            // From the start of any word on: "tet 2027" is in "qua tet 2027".
            n.char_indices()
                .filter(|&(i, _)| i == 0 || n[..i].ends_with(char::is_whitespace))
                .any(|(i, _)| n[i..].starts_with(&wanted))
        })
        .collect();
    match starts.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(QuickError::Unknown(tok.to_string(), kind)),
        many => Err(QuickError::Ambiguous(
            tok.to_string(),
            kind,
            many.iter().map(|(_, n)| n.clone()).collect(),
        )),
    }
}

#[cfg(test)]
#[path = "quick_tests.rs"]
mod tests;
