//! What a journaled change did, in no language: its kind of record and
//! its name or ids; the reader's words come from the locale's catalog.
//!
//! `journal_entry.label` holds it in a fixed grammar of English keywords
//! ("edit task 3", "set task 1, 2 done"): the sentences funnel always
//! wrote, so entries written before labels were typed read back into the
//! same shapes, and a funnel of the same schema that predates them still
//! shows new entries sensibly. Where a name would make that form read
//! back as another shape (a campaign named "and its tasks: x"), the label
//! is stored as JSON instead, which no sentence starts like.

use serde::{Deserialize, Serialize};

use crate::domain::RecordKind;

/// What a change added, edited or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Task,
    Note,
    Metric,
    Objective,
    Segment,
    Channel,
    Campaign,
    Person,
    Tool,
    Budget,
    Procedure,
}

impl Subject {
    pub const ALL: [Subject; 11] = [
        Subject::Task,
        Subject::Note,
        Subject::Metric,
        Subject::Objective,
        Subject::Segment,
        Subject::Channel,
        Subject::Campaign,
        Subject::Person,
        Subject::Tool,
        Subject::Budget,
        Subject::Procedure,
    ];

    /// Its English word, as the labels of older entries hold it.
    pub fn word(self) -> &'static str {
        match self {
            Subject::Task => "task",
            Subject::Note => "note",
            Subject::Metric => "metric",
            Subject::Objective => "objective",
            Subject::Segment => "segment",
            Subject::Channel => "channel",
            Subject::Campaign => "campaign",
            Subject::Person => "person",
            Subject::Tool => "tool",
            Subject::Budget => "budget",
            Subject::Procedure => "procedure",
        }
    }
}

impl From<RecordKind> for Subject {
    fn from(k: RecordKind) -> Subject {
        match k {
            RecordKind::Objective => Subject::Objective,
            RecordKind::Segment => Subject::Segment,
            RecordKind::Channel => Subject::Channel,
            RecordKind::Campaign => Subject::Campaign,
            RecordKind::Person => Subject::Person,
            RecordKind::Tool => Subject::Tool,
            RecordKind::Budget => Subject::Budget,
            RecordKind::Procedure => Subject::Procedure,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verb {
    Add,
    Edit,
    Delete,
}

impl Verb {
    pub const ALL: [Verb; 3] = [Verb::Add, Verb::Edit, Verb::Delete];

    fn word(self) -> &'static str {
        match self {
            Verb::Add => "add",
            Verb::Edit => "edit",
            Verb::Delete => "delete",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a journaled change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum ChangeLabel {
    /// One record added, edited or deleted, named by its name or id.
    Record {
        verb: Verb,
        what: Subject,
        name: String,
    },
    /// One task edited, and the next tasks of its series this made.
    EditTask {
        id: i64,
        next: Vec<i64>,
    },
    /// Several tasks edited or deleted at once.
    Tasks {
        verb: Verb,
        ids: Vec<i64>,
        next: Vec<i64>,
    },
    /// Tasks given a status (its stored word: "done").
    SetStatus {
        ids: Vec<i64>,
        status: String,
        next: Vec<i64>,
    },
    DeleteCampaignWithTasks {
        name: String,
    },
    /// Figures recorded for a day (`YYYY-MM-DD`).
    RecordKpis {
        day: String,
    },
    ImportOrders {
        file: String,
    },
    ImportKpis {
        file: String,
    },
    ImportExport,
    EditBrandMessage,
    /// A change undone over later changes of the same fields.
    UndoneAnyway {
        change: Box<ChangeLabel>,
    },
    /// An older entry's sentence of no known shape, as stored.
    Text {
        text: String,
    },
}

impl Default for ChangeLabel {
    fn default() -> Self {
        ChangeLabel::Text {
            text: String::new(),
        }
    }
}

impl From<&str> for ChangeLabel {
    /// A label given as an English sentence: read into its shape.
    fn from(s: &str) -> ChangeLabel {
        ChangeLabel::from_english(s)
    }
}

impl ChangeLabel {
    /// The form the journal stores: the sentence where it reads back as
    /// this label, else JSON.
    pub fn stored(&self) -> String {
        let sentence = self.english();
        if sentence.starts_with('{') || ChangeLabel::from_english(&sentence) != *self {
            serde_json::to_string(self).unwrap_or(sentence)
        } else {
            sentence
        }
    }

    /// A stored label: the JSON form, or an older entry's sentence.
    pub fn from_stored(s: &str) -> ChangeLabel {
        if s.starts_with('{')
            && let Ok(l) = serde_json::from_str(s)
        {
            return l;
        }
        ChangeLabel::from_english(s)
    }

    /// The label in English, as funnel wrote it before labels were typed.
    pub fn english(&self) -> String {
        let ids = |ids: &[i64]| {
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let next =
            |next: &[i64]| -> String { next.iter().map(|n| format!(", next task {n}")).collect() };
        match self {
            ChangeLabel::Record { verb, what, name } => {
                format!("{} {} {name}", verb.word(), what.word())
            }
            ChangeLabel::EditTask { id, next: n } => format!("edit task {id}{}", next(n)),
            ChangeLabel::Tasks {
                verb,
                ids: list,
                next: n,
            } => format!("{} tasks {}{}", verb.word(), ids(list), next(n)),
            ChangeLabel::SetStatus {
                ids: list,
                status,
                next: n,
            } => format!("set task {} {status}{}", ids(list), next(n)),
            ChangeLabel::DeleteCampaignWithTasks { name } => {
                format!("delete campaign and its tasks: {name}")
            }
            ChangeLabel::RecordKpis { day } => format!("record KPIs for {day}"),
            ChangeLabel::ImportOrders { file } => format!("import orders from {file}"),
            ChangeLabel::ImportKpis { file } => format!("import KPIs from {file}"),
            ChangeLabel::ImportExport => "import an export".into(),
            ChangeLabel::EditBrandMessage => "edit brand message".into(),
            ChangeLabel::UndoneAnyway { change } => format!("undo anyway: {}", change.english()),
            ChangeLabel::Text { text } => text.clone(),
        }
    }

    /// An English sentence read into its shape; [`ChangeLabel::Text`]
    /// where it has none known.
    pub fn from_english(s: &str) -> ChangeLabel {
        english_shape(s).unwrap_or_else(|| ChangeLabel::Text { text: s.into() })
    }
}

fn english_shape(s: &str) -> Option<ChangeLabel> {
    let simple = [
        ("delete campaign and its tasks: ", 0),
        ("record KPIs for ", 1),
        ("import orders from ", 2),
        ("import KPIs from ", 3),
        ("undo anyway: ", 4),
    ];
    for (start, which) in simple {
        if let Some(rest) = s.strip_prefix(start) {
            let rest = rest.to_string();
            return Some(match which {
                0 => ChangeLabel::DeleteCampaignWithTasks { name: rest },
                1 => ChangeLabel::RecordKpis { day: rest },
                2 => ChangeLabel::ImportOrders { file: rest },
                3 => ChangeLabel::ImportKpis { file: rest },
                _ => ChangeLabel::UndoneAnyway {
                    change: Box::new(ChangeLabel::from_english(&rest)),
                },
            });
        }
    }
    match s {
        "import an export" => return Some(ChangeLabel::ImportExport),
        "edit brand message" => return Some(ChangeLabel::EditBrandMessage),
        _ => {}
    }
    // Task labels end with the next tasks of their series.
    let (head, next) = match s.split_once(", next task ") {
        Some((head, tail)) => (head, numbers(&tail.replace(", next task ", ", "))?),
        None => (s, Vec::new()),
    };
    if let Some(rest) = head.strip_prefix("set task ") {
        let (list, status) = rest.rsplit_once(' ')?;
        return Some(ChangeLabel::SetStatus {
            ids: numbers(list)?,
            status: status.into(),
            next,
        });
    }
    if let Some(id) = head.strip_prefix("edit task ") {
        return Some(ChangeLabel::EditTask {
            id: id.parse().ok()?,
            next,
        });
    }
    for verb in Verb::ALL {
        if let Some(list) = head.strip_prefix(&format!("{} tasks ", verb.word())) {
            return Some(ChangeLabel::Tasks {
                verb,
                ids: numbers(list)?,
                next,
            });
        }
    }
    if !next.is_empty() {
        return None;
    }
    let (verb_word, rest) = s.split_once(' ')?;
    let verb = Verb::ALL.into_iter().find(|v| v.word() == verb_word)?;
    let (what_word, name) = rest.split_once(' ')?;
    let what = Subject::ALL.into_iter().find(|w| w.word() == what_word)?;
    Some(ChangeLabel::Record {
        verb,
        what,
        name: name.into(),
    })
}

/// "1, 2, 3" (an empty list is none).
fn numbers(s: &str) -> Option<Vec<i64>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(", ").map(|n| n.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sentence funnel wrote before labels were typed.
    const OLD: &[&str] = &[
        "add task 1",
        "edit task 3",
        "edit task 3, next task 4",
        "edit tasks 1, 2, next task 7, next task 8",
        "delete tasks 4, 5",
        "set task 1, 2 done, next task 9",
        "set task  done",
        "delete task 2",
        "add campaign Tết sale",
        "edit procedure 4",
        "delete note 3",
        "add metric signups",
        "delete campaign and its tasks: Tết",
        "record KPIs for 2026-12-03",
        "import orders from /tmp/a b.csv",
        "import KPIs from ga.csv",
        "import an export",
        "edit brand message",
    ];

    #[test]
    fn every_old_sentence_reads_into_a_shape_that_writes_it_again() {
        for s in OLD {
            let l = ChangeLabel::from_english(s);
            assert!(!matches!(l, ChangeLabel::Text { .. }), "{s}: no shape");
            assert_eq!(l.english(), *s);
            assert_eq!(ChangeLabel::from_stored(&l.stored()), l, "{s}");
        }
    }

    #[test]
    fn a_sentence_of_no_known_shape_is_kept_as_it_is() {
        for s in ["r", "", "rename everything", "edit task x"] {
            let l = ChangeLabel::from_stored(s);
            assert_eq!(l, ChangeLabel::Text { text: s.into() });
            assert_eq!(l.english(), s);
        }
    }

    #[test]
    fn a_label_is_stored_as_its_sentence_where_that_reads_back_as_it() {
        let l = ChangeLabel::Tasks {
            verb: Verb::Delete,
            ids: vec![3, 4],
            next: vec![],
        };
        assert_eq!(l.stored(), "delete tasks 3, 4");
        let anyway = ChangeLabel::UndoneAnyway {
            change: Box::new(l),
        };
        assert_eq!(anyway.stored(), "undo anyway: delete tasks 3, 4");
        assert_eq!(ChangeLabel::from_stored(&anyway.stored()), anyway);
    }

    /// `store::workflow` counts objective edits by how their label starts.
    #[test]
    fn an_objective_edit_stored_as_json_starts_as_the_checklist_looks_for_it() {
        let l = ChangeLabel::Record {
            verb: Verb::Edit,
            what: Subject::Objective,
            name: "a, next task 3".into(),
        };
        assert!(
            l.stored()
                .starts_with(r#"{"do":"record","verb":"edit","what":"objective","#),
            "{}",
            l.stored()
        );
    }

    #[test]
    fn a_name_that_would_read_back_as_another_shape_is_stored_as_json() {
        for name in ["and its tasks: x", "a, next task 3"] {
            let l = ChangeLabel::Record {
                verb: Verb::Delete,
                what: Subject::Campaign,
                name: name.into(),
            };
            let stored = l.stored();
            assert!(stored.starts_with('{'), "{stored}");
            assert_eq!(ChangeLabel::from_stored(&stored), l);
        }
        let text = ChangeLabel::Text {
            text: "{not json".into(),
        };
        assert_eq!(ChangeLabel::from_stored(&text.stored()), text);
    }
}
