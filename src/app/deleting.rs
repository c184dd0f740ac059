//! Deleting a strategy or plan record after a question that says what
//! happens to what links to it (from `Store::links`): records that lose
//! the link, KPI values deleted with it, and for a campaign with tasks
//! the choice to keep them (unlinked) or delete them too. Each deletion
//! is one journaled change: `u` brings all of it back.

use super::effect::{Effect, Env};
use super::{Action, App, Context, Keymap, Overlay, Pending};
use crate::domain::{Amount, CampaignId, RecordKind, RecordRef};
use crate::i18n::{Format, RecordWords};
use crate::store::links::{Linked, Links};

/// "12 tasks", "1 task", "1.200 đơn hàng".
fn count(fmt: Format, r: &RecordWords, what: Linked, n: i64) -> String {
    let (one, many) = r.counts[what as usize];
    Format::fill(
        if n == 1 { one } else { many },
        fmt.count(Amount::from_int(n)),
    )
}

/// "a", "a and b", "a, b and c".
fn listed(r: &RecordWords, parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), r.and),
    }
}

/// The question before deleting `item`, named `name`, which `links`
/// link to, ending with how to answer it (`answers`): what loses its
/// link to it, or (a campaign) how many tasks it has, and how many KPI
/// values go with it.
pub fn question(fmt: Format, item: RecordRef, name: &str, links: &Links, answers: &str) -> String {
    let r = &fmt.words().ui.records;
    let word = r.item(item.kind);
    let campaign = item.kind == RecordKind::Campaign;
    let mut out = vec![Format::fill_all(r.confirm, &[&word, &name])];
    let c = |what, n| count(fmt, r, what, n);
    if campaign && links.tasks > 0 {
        out.push(Format::fill(r.has_tasks, c(Linked::Tasks, links.tasks)));
    }
    let unlinked: Vec<String> = [
        (Linked::Tasks, links.tasks),
        (Linked::Campaigns, links.campaigns),
        (Linked::Objectives, links.objectives),
        (Linked::Procedures, links.procedures),
        (Linked::Channels, links.channels),
        (Linked::Orders, links.orders),
    ]
    .into_iter()
    // A campaign's tasks are asked about instead.
    .filter(|(what, n)| *n > 0 && !(matches!(what, Linked::Tasks) && campaign))
    .map(|(what, n)| c(what, n))
    .collect();
    if !unlinked.is_empty() {
        out.push(Format::fill_all(
            r.unlinked,
            &[&listed(r, &unlinked), &word],
        ));
    }
    if links.kpi_values > 0 {
        out.push(Format::fill_all(
            r.values_deleted,
            &[&c(Linked::KpiValues, links.kpi_values), &word],
        ));
    }
    out.push(answers.to_string());
    out.join(" ")
}

/// The keys of `action` in a question, as text: "y", or "Esc" for no
/// where it is bound (the key that closes everything).
pub fn answer_key(keymap: &Keymap, action: Action) -> String {
    let keys = keymap.keys(Context::Confirm, action);
    let esc = keys
        .iter()
        .find(|k| k.code == ratatui::crossterm::event::KeyCode::Esc && !k.ctrl && !k.alt);
    esc.or(keys.first())
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The question before deleting `item`.
pub fn ask(item: RecordRef, env: &Env) -> Effect {
    let (links, name) = match env
        .store
        .links(item)
        .and_then(|l| Ok((l, env.store.record_name(item)?)))
    {
        Ok(found) => found,
        Err(e) => return Effect::failed(env.format().error(&e)),
    };
    let ui = &env.words().ui;
    let key = |action| answer_key(env.keymap, action);
    let (pending, answers) = match item.id_of::<CampaignId>() {
        Some(id) if links.tasks > 0 => (
            Pending::DeleteCampaign {
                id,
                tasks: links.tasks,
            },
            format!(
                "{} {} · {} {} · {} {}",
                key(Action::KeepTasks),
                ui.action("keep_tasks"),
                key(Action::DeleteTasksToo),
                ui.action("delete_tasks_too"),
                key(Action::No),
                ui.action("cancel"),
            ),
        ),
        _ => (
            Pending::Delete(item),
            format!(
                "{}/{}",
                env.keymap
                    .key_text(Context::Confirm, Action::Yes)
                    .unwrap_or_default(),
                env.keymap
                    .key_text(Context::Confirm, Action::No)
                    .unwrap_or_default()
            ),
        ),
    };
    let question = question(env.format(), item, &name, &links, &answers);
    Effect::open(Overlay::Confirm { question, pending })
}

impl App {
    /// The keys of `action` in a question, as text (see [`answer_key`]).
    pub fn answer_key(&self, action: Action) -> String {
        answer_key(&self.keymap, action)
    }

    /// Deletes `item` once the question is answered; a campaign's tasks
    /// go with it where `tasks_too`.
    pub(super) fn delete_item(&mut self, item: RecordRef, tasks_too: Option<i64>) {
        let s = &mut self.store;
        let deleted = match item.id_of::<CampaignId>() {
            Some(id) if tasks_too.is_some() => s.delete_campaign_and_tasks(id).map(|c| c.name),
            _ => s.delete_record(item),
        };
        let name = match deleted {
            Ok(n) => n,
            Err(e) => return self.fail(self.format().error(&e)),
        };
        let fmt = self.format();
        let r = &fmt.words().ui.records;
        let text = match tasks_too {
            Some(n) => Format::fill_all(
                r.deleted_with_tasks,
                &[&name, &count(fmt, r, Linked::Tasks, n)],
            ),
            None => Format::fill_all(r.deleted, &[&r.item(item.kind), &name]),
        };
        let hint = self.undo_hint();
        self.say(format!("{text} {hint}"));
        // Links to it are gone from the other tabs too.
        self.reload_all(super::Stale::ALL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PersonId, SegmentId, ToolId};
    use crate::i18n::testing::{EN, VI};

    #[test]
    fn a_segment_says_what_loses_it_and_what_goes_with_it() {
        let links = Links {
            campaigns: 3,
            objectives: 2,
            kpi_values: 365,
            ..Links::default()
        };
        let seg = RecordRef::of(SegmentId(1));
        assert_eq!(
            question(EN, seg, "Văn phòng", &links, "y/n"),
            "Delete segment “Văn phòng”? 3 campaigns and 2 objectives will be unlinked from \
             this segment. 365 KPI values recorded for this segment will be deleted. y/n"
        );
        let links = Links {
            channels: 1,
            orders: 1200,
            ..links
        };
        assert_eq!(
            question(VI, seg, "Văn phòng", &links, "y/n"),
            "Xóa phân khúc “Văn phòng”? 3 chiến dịch, 2 mục tiêu, 1 kênh và 1.200 đơn hàng \
             sẽ không còn gắn với phân khúc này. 365 giá trị KPI ghi cho phân khúc này sẽ bị \
             xóa. y/n"
        );
    }

    #[test]
    fn a_campaign_counts_its_tasks_and_a_person_their_links() {
        let links = Links {
            tasks: 12,
            kpi_values: 40,
            ..Links::default()
        };
        assert_eq!(
            question(
                EN,
                RecordRef::of(CampaignId(1)),
                "Tết 2027",
                &links,
                "k · d · Esc"
            ),
            "Delete campaign “Tết 2027”? It has 12 tasks. 40 KPI values recorded for this \
             campaign will be deleted. k · d · Esc"
        );
        let links = Links {
            tasks: 1,
            campaigns: 1,
            ..Links::default()
        };
        assert_eq!(
            question(EN, RecordRef::of(PersonId(1)), "An", &links, "y/n"),
            "Delete person “An”? 1 task and 1 campaign will be unlinked from this person. y/n"
        );
        assert_eq!(
            question(
                VI,
                RecordRef::of(ToolId(1)),
                "Canva",
                &Links::default(),
                "y/n"
            ),
            "Xóa công cụ “Canva”? y/n"
        );
    }
}
