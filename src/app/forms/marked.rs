//! The form `e` opens while tasks are marked: a campaign, an assignee and
//! tags for all of them. An empty field leaves each task's own value,
//! `-` takes it away; tags are added (`-tag` removes one).

use super::{Purpose, named};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::{CampaignId, PersonId, RecordKind, Task, validate};
use crate::i18n::Format;
use crate::store::Store;
use crate::store::tasks::TaskPatch;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Campaign,
    Assignee,
    Tags,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// What the form sets on every marked task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkedEdit {
    pub campaign: Option<Option<CampaignId>>,
    pub assignee: Option<Option<PersonId>>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
}

impl MarkedEdit {
    /// The change to `t`; none where it would change nothing.
    pub fn patch(&self, t: &Task) -> Option<TaskPatch> {
        let mut tags = t.tags.clone();
        tags.retain(|g| !self.remove_tags.contains(g));
        for g in &self.add_tags {
            if !tags.contains(g) {
                tags.push(g.clone());
            }
        }
        let patch = TaskPatch {
            campaign: self.campaign.filter(|c| *c != t.campaign),
            assignee: self.assignee.filter(|p| *p != t.assignee),
            tags: (tags != t.tags).then_some(tags),
            ..TaskPatch::default()
        };
        let changes = patch.campaign.is_some() || patch.assignee.is_some() || patch.tags.is_some();
        changes.then_some(patch)
    }
}

/// The empty form, completing to `names`.
pub fn open(names: super::task::Names, fmt: Format) -> Form {
    let w = fmt.words();
    let m = &w.ui.tasks;
    let fields = vec![
        Input::value(w.campaign, "")
            .choices(names.campaigns)
            .hint(m.marked_keep_hint),
        Input::value(w.assignee, "")
            .choices(names.people)
            .hint(m.marked_keep_hint),
        Input::text(w.ui.tags, "").hint(m.marked_tags_hint),
    ];
    Form::new(m.marked_title, Purpose::Marked, fields)
}

/// What the form says, every field checked.
pub fn read(form: &Form, store: &Store, fmt: Format) -> Result<MarkedEdit, FieldError> {
    let name = |field: Field, kind: RecordKind| -> Result<Option<Option<i64>>, FieldError> {
        match form.value(field).trim() {
            "" => Ok(None),
            "-" => Ok(Some(None)),
            _ => Ok(Some(named(form, field, store, kind, fmt)?)),
        }
    };
    let campaign = name(Field::Campaign, RecordKind::Campaign)?.map(|c| c.map(CampaignId));
    let assignee = name(Field::Assignee, RecordKind::Person)?.map(|p| p.map(PersonId));
    let mut edit = MarkedEdit {
        campaign,
        assignee,
        ..MarkedEdit::default()
    };
    let typed = form.value(Field::Tags);
    let words = typed
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty());
    for word in words {
        let (list, tag) = match word.strip_prefix('-') {
            Some(tag) => (&mut edit.remove_tags, tag),
            None => (&mut edit.add_tags, word.trim_start_matches(['+', '#'])),
        };
        list.push(validate::tag(tag).map_err(|e| FieldError::at(Field::Tags, fmt.error(&e)))?);
    }
    Ok(edit)
}
