//! The `/` filter of the Tasks tab: parsing the filter language described
//! in docs/filter.md, and testing one line against it.

use chrono::{NaiveDate, Weekday};

use super::index::{Field, SearchIndex};
use super::{TaskLine, is_overdue};
use crate::domain::kinds::UnknownValue;
use crate::domain::{DateError, Priority, TaskStatus, last_of_week, parse_date};
use crate::text::fold::Needle;

/// A parsed filter: every term must match. The default matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    terms: Vec<Term>,
}

/// A filter that does not parse, with the term as typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{term}': {problem}")]
pub struct FilterError {
    /// The offending term as typed, quotes and `-` included.
    pub term: String,
    pub problem: FilterProblem,
}

/// What is wrong with a term.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterProblem {
    #[error("{0}")]
    Date(DateError),
    #[error("'{0}' is not a task status (one of: todo, doing, blocked, done, open)")]
    Status(String),
    #[error("{0}")]
    Priority(UnknownValue),
    #[error("'{0}' is not a task state (one of: open, done, overdue, repeating)")]
    State(String),
    #[error(
        "unknown filter '{0}:' (use status:, is:, campaign:, p:, priority:, due:, @, #; put text with a colon in quotes)"
    )]
    UnknownKey(String),
    #[error("nothing after '{0}'")]
    MissingValue(String),
    #[error("nothing to negate")]
    NothingToNegate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    negated: bool,
    test: Test,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Test {
    Word(Needle),
    Campaign(Needle),
    NoCampaign,
    Assignee(Needle),
    NoAssignee,
    Tag(Needle),
    /// Indexed by `TaskStatus as usize`.
    Status([bool; 4]),
    /// Indexed by `Priority as usize`.
    Priority([bool; 3]),
    Overdue(NaiveDate),
    Due(DueTest),
    /// A task of a series (one with a repeat rule).
    Repeating,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DueTest {
    NoDate,
    Before(NaiveDate),
    AtMost(NaiveDate),
    After(NaiveDate),
    AtLeast(NaiveDate),
    /// Inclusive at both ends.
    Between(NaiveDate, NaiveDate),
}

impl DueTest {
    fn matches(self, due: Option<NaiveDate>) -> bool {
        let Some(d) = due else {
            return self == DueTest::NoDate;
        };
        match self {
            DueTest::NoDate => false,
            DueTest::Before(x) => d < x,
            DueTest::AtMost(x) => d <= x,
            DueTest::After(x) => d > x,
            DueTest::AtLeast(x) => d >= x,
            DueTest::Between(from, to) => from <= d && d <= to,
        }
    }
}

impl Test {
    /// The needle and field of a test on the text, which is answered by
    /// the search index.
    fn text_search(&self) -> Option<(&Needle, Field)> {
        match self {
            Test::Word(n) => Some((n, Field::Any)),
            Test::Campaign(n) => Some((n, Field::Campaign)),
            Test::Assignee(n) => Some((n, Field::Assignee)),
            Test::Tag(n) => Some((n, Field::Tags)),
            _ => None,
        }
    }

    /// A test on anything but the text.
    fn matches_fields(&self, line: &TaskLine) -> bool {
        let task = &line.task;
        match self {
            Test::NoCampaign => task.campaign.is_none() && line.campaign.is_none(),
            Test::NoAssignee => task.assignee.is_none() && line.assignee.is_none(),
            Test::Status(set) => set[task.status as usize],
            Test::Priority(set) => set[task.priority as usize],
            Test::Overdue(today) => is_overdue(task, *today),
            Test::Due(due) => due.matches(task.due),
            Test::Repeating => task.recurrence.is_some(),
            Test::Word(_) | Test::Campaign(_) | Test::Assignee(_) | Test::Tag(_) => false,
        }
    }
}

impl TaskFilter {
    /// Whether the filter has no terms, and so matches every line.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether `line` matches every term. Folds the line's text on the
    /// spot when a term needs it; to filter many lines, use
    /// [`super::TaskLines::filter`], which folds each line once.
    pub fn matches(&self, line: &TaskLine) -> bool {
        let lines = std::slice::from_ref(line);
        let index = if self.needs_text() {
            SearchIndex::new(lines)
        } else {
            SearchIndex::default()
        };
        self.select(lines, &index) == [0]
    }

    /// Whether a term asks for done tasks (`is:done`, `status:done`,
    /// `-is:open`), so that the list shows them even while done tasks are
    /// hidden.
    pub fn asks_for_done(&self) -> bool {
        self.terms.iter().any(|t| match t.test {
            Test::Status(set) => set[TaskStatus::Done as usize] != t.negated,
            _ => false,
        })
    }

    fn needs_text(&self) -> bool {
        self.terms.iter().any(|t| t.test.text_search().is_some())
    }

    /// The rows of `lines` matching every term, in order. `index` holds
    /// the search text of `lines` (it may be empty when no term needs it).
    pub(crate) fn select(&self, lines: &[TaskLine], index: &SearchIndex) -> Vec<usize> {
        self.keep(lines, index)
            .iter()
            .enumerate()
            .filter(|(_, k)| **k)
            .map(|(i, _)| i)
            .collect()
    }

    /// For each of `lines`, whether it matches every term.
    pub(crate) fn keep(&self, lines: &[TaskLine], index: &SearchIndex) -> Vec<bool> {
        let mut keep = vec![true; lines.len()];
        // Terms on fields first: they are cheap, and the text terms then
        // look only at the lines left when few are.
        for term in self.terms.iter().filter(|t| t.test.text_search().is_none()) {
            for (k, line) in keep.iter_mut().zip(lines) {
                *k = *k && term.test.matches_fields(line) != term.negated;
            }
        }
        for term in &self.terms {
            if let Some((needle, field)) = term.test.text_search() {
                let hits = index.hits(needle, field, Some(&keep));
                for (k, hit) in keep
                    .iter_mut()
                    .zip(hits.into_iter().chain(std::iter::repeat(false)))
                {
                    *k = *k && hit != term.negated;
                }
            }
        }
        keep
    }
}

/// Parses a filter typed after `/`, with relative dates read against
/// `today`; `due:week` ends with the last day of the week holding today,
/// for weeks starting on `week_start`. The first bad term is the error.
pub fn parse_filter(
    input: &str,
    today: NaiveDate,
    week_start: Weekday,
) -> Result<TaskFilter, FilterError> {
    let terms = tokens(input)
        .into_iter()
        .map(|tok| {
            parse_term(&tok, today, week_start).map_err(|problem| FilterError {
                term: tok.raw.to_string(),
                problem,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(TaskFilter { terms })
}

/// One whitespace-separated term, with its double quotes removed.
struct Token<'a> {
    /// As typed.
    raw: &'a str,
    /// The text without quotes and without a leading `-`.
    body: String,
    negated: bool,
}

impl Token<'_> {
    /// `raw` after the `-`, if any.
    fn unnegated_raw(&self) -> &str {
        if self.negated {
            self.raw.get(1..).unwrap_or("")
        } else {
            self.raw
        }
    }
}

/// Splits at whitespace outside double quotes; an open quote runs to the
/// end of the input.
fn tokens(input: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, _)) = chars.peek() {
        let mut body = String::new();
        let mut quoted = false;
        let mut end = input.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() && !quoted {
                end = i;
                break;
            }
            chars.next();
            if c == '"' {
                quoted = !quoted;
            } else {
                body.push(c);
            }
        }
        let raw = input.get(start..end).unwrap_or("");
        if !raw.is_empty() {
            let negated = raw.starts_with('-');
            if negated {
                body = body.get(1..).unwrap_or("").to_string();
            }
            out.push(Token { raw, body, negated });
        }
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
    }
    out
}

const KEYS: &[&str] = &["status", "is", "campaign", "p", "priority", "due"];

fn parse_term(
    tok: &Token<'_>,
    today: NaiveDate,
    week_start: Weekday,
) -> Result<Term, FilterProblem> {
    let raw = tok.unnegated_raw();
    let term = |test| {
        Ok(Term {
            negated: tok.negated,
            test,
        })
    };
    if raw.is_empty() {
        return Err(FilterProblem::NothingToNegate);
    }
    // Text that starts with a quote is always plain text.
    if raw.starts_with('"') {
        return term(Test::Word(Needle::new(&tok.body)));
    }
    let body = tok.body.as_str();
    // A value typed in quotes is literal, so `@"none"` looks for "none".
    let literal = |prefix_len: usize| raw.get(prefix_len..).is_some_and(|v| v.starts_with('"'));
    if let Some(name) = body.strip_prefix('@') {
        return match name {
            "" => Err(FilterProblem::MissingValue("@".into())),
            _ if !literal(1) && name.eq_ignore_ascii_case("none") => term(Test::NoAssignee),
            _ => term(Test::Assignee(Needle::new(name))),
        };
    }
    if let Some(tag) = body.strip_prefix('#') {
        return match tag {
            "" => Err(FilterProblem::MissingValue("#".into())),
            _ => term(Test::Tag(Needle::whole_tag(tag))),
        };
    }
    let Some((key, value)) = body
        .split_once(':')
        .filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic()))
    else {
        return term(Test::Word(Needle::new(body)));
    };
    let key = key.to_ascii_lowercase();
    if !KEYS.contains(&key.as_str()) {
        return Err(FilterProblem::UnknownKey(key));
    }
    if value.is_empty() {
        return Err(FilterProblem::MissingValue(format!("{key}:")));
    }
    let special = !literal(key.len() + 1);
    match key.as_str() {
        "status" => term(Test::Status(statuses(value)?)),
        "is" => term(state(value, today)?),
        "campaign" if special && value.eq_ignore_ascii_case("none") => term(Test::NoCampaign),
        "campaign" => term(Test::Campaign(Needle::new(value))),
        "p" | "priority" => term(Test::Priority(priorities(value)?)),
        _ => term(due(value, today, week_start)?),
    }
}

fn statuses(value: &str) -> Result<[bool; 4], FilterProblem> {
    let mut set = [false; 4];
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if item.eq_ignore_ascii_case("open") {
            for s in TaskStatus::ALL.iter().filter(|s| s.is_open()) {
                set[*s as usize] = true;
            }
            continue;
        }
        let s: TaskStatus = item
            .parse()
            .map_err(|_| FilterProblem::Status(item.to_string()))?;
        set[s as usize] = true;
    }
    if set.iter().any(|b| *b) {
        Ok(set)
    } else {
        Err(FilterProblem::Status(value.to_string()))
    }
}

fn priorities(value: &str) -> Result<[bool; 3], FilterProblem> {
    let mut set = [false; 3];
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let p: Priority = item.parse().map_err(FilterProblem::Priority)?;
        set[p as usize] = true;
    }
    if !set.iter().any(|b| *b) {
        // Only commas: report the value as not a priority.
        let p: Priority = value.parse().map_err(FilterProblem::Priority)?;
        set[p as usize] = true;
    }
    Ok(set)
}

fn state(value: &str, today: NaiveDate) -> Result<Test, FilterProblem> {
    let open = [true, true, true, false];
    match value.to_lowercase().as_str() {
        "open" => Ok(Test::Status(open)),
        "done" => Ok(Test::Status(open.map(|b| !b))),
        "overdue" => Ok(Test::Overdue(today)),
        // The Vietnamese word too, with or without its accent.
        "repeating" | "lặp" | "lap" => Ok(Test::Repeating),
        _ => Err(FilterProblem::State(value.to_string())),
    }
}

fn due(value: &str, today: NaiveDate, week_start: Weekday) -> Result<Test, FilterProblem> {
    match value.to_ascii_lowercase().as_str() {
        "none" => return Ok(Test::Due(DueTest::NoDate)),
        "week" => {
            return Ok(Test::Due(DueTest::Between(
                today,
                last_of_week(today, week_start),
            )));
        }
        "overdue" => return Ok(Test::Overdue(today)),
        _ => {}
    }
    let (op, date): (fn(NaiveDate) -> DueTest, &str) = if let Some(d) = value.strip_prefix("<=") {
        (DueTest::AtMost, d)
    } else if let Some(d) = value.strip_prefix(">=") {
        (DueTest::AtLeast, d)
    } else if let Some(d) = value.strip_prefix('<') {
        (DueTest::Before, d)
    } else if let Some(d) = value.strip_prefix('>') {
        (DueTest::After, d)
    } else {
        (
            |d| DueTest::Between(d, d),
            value.strip_prefix('=').unwrap_or(value),
        )
    };
    if date.trim().is_empty() {
        let op = value.get(..value.len() - date.len()).unwrap_or("");
        return Err(FilterProblem::MissingValue(format!("due:{op}")));
    }
    parse_date(date, today)
        .map(|d| Test::Due(op(d)))
        .map_err(FilterProblem::Date)
}
