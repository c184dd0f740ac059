//! The Strategy tab's keys: sections, selection and scrolling change the
//! tab; adding, editing, opening and deleting open a form, the editor or
//! a question through the returned [`Effect`] (see `records`).

use super::{Section, StrategyTab};
use crate::app::Action;
use crate::app::editor::{EditRequest, EditTarget};
use crate::app::effect::{Effect, Env};
use crate::app::{deleting, records};
use crate::domain::RecordKind;
use crate::i18n::Words;

impl StrategyTab {
    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let section = self.section;
        match action {
            Action::Add => return self.add(env),
            Action::Open if matches!(section, Section::Message | Section::Procedures) => {
                return Effect::edit(self.long_text(env.words()));
            }
            Action::Edit if section == Section::Message => {
                return Effect::edit(self.long_text(env.words()));
            }
            Action::Edit | Action::Open => {
                return self
                    .selected_item()
                    .map_or_else(Effect::none, |item| records::open_edit(item, env));
            }
            Action::Delete => {
                return self
                    .selected_item()
                    .map_or_else(Effect::none, |item| deleting::ask(item, env));
            }
            _ => {}
        }
        let rows = env.fit.list_height.max(2) as isize - 1;
        let steps = section == Section::Procedures;
        match action {
            Action::PageDown if steps => self.steps_scroll = self.steps_scroll.saturating_add(5),
            Action::PageUp if steps => self.steps_scroll = self.steps_scroll.saturating_sub(5),
            Action::Left => self.step_section(-1),
            Action::Right => self.step_section(1),
            Action::SelectRow(i) => self.move_by(i as isize - self.selected() as isize),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-rows),
            Action::PageDown => self.move_by(rows),
            Action::HalfPageUp => self.move_by(-(rows / 2).max(1)),
            Action::HalfPageDown => self.move_by((rows / 2).max(1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            _ => {}
        }
        Effect::none()
    }

    /// The form of a new item of the section shown; on resources, the
    /// question which kind, starting on the kind of the selected row.
    fn add(&self, env: &Env) -> Effect {
        let kind = match self.section {
            Section::Objectives => RecordKind::Objective,
            Section::Segments => RecordKind::Segment,
            Section::Channels => RecordKind::Channel,
            Section::Message => return Effect::none(),
            Section::Resources => {
                let kind = self.selected_item().map_or(RecordKind::Person, |r| r.kind);
                return records::ask_resource_kind(kind, env);
            }
            Section::Procedures => RecordKind::Procedure,
        };
        // No campaign is added here: its days are never asked for.
        records::open_new(kind, env, env.today)
    }

    /// The long text the selected item of the Message or Procedures
    /// section holds, to edit.
    pub fn long_text(&self, words: &Words) -> Option<EditRequest> {
        let w = &words.ui.strategy;
        match self.section {
            Section::Message if self.selected() == 0 => Some(EditRequest {
                target: EditTarget::BrandMessage,
                title: w.brand_message.to_string(),
                text: self.message.brand_message.clone(),
                stored: self.message.brand_message.clone(),
            }),
            Section::Message => Some(EditRequest {
                target: EditTarget::Positioning,
                title: w.positioning.to_string(),
                text: self.message.positioning.clone(),
                stored: self.message.positioning.clone(),
            }),
            Section::Procedures => self
                .procedures
                .get(self.selected())
                .map(|(p, _)| EditRequest {
                    target: EditTarget::Steps(p.id),
                    title: p.title.clone(),
                    text: p.steps.clone(),
                    stored: p.steps.clone(),
                }),
            _ => None,
        }
    }
}
