//! Deleting a strategy or plan record after a question that says what
//! happens to what links to it (from `Store::links`): records that lose
//! the link, KPI values deleted with it, and for a campaign with tasks
//! the choice to keep them (unlinked) or delete them too. Each deletion
//! is one journaled change: `u` brings all of it back.

use super::records::Item;
use super::{Action, App, Context, Overlay, Pending};
use crate::domain::Amount;
use crate::i18n::{Format, RecordWords};
use crate::store::Result;
use crate::store::links::{Linked, Links};

/// The phrases of `counts` in the catalog's order.
#[derive(Clone, Copy)]
enum Counted {
    Tasks,
    Campaigns,
    Objectives,
    Procedures,
    Channels,
    Orders,
    KpiValues,
}

/// "12 tasks", "1 task", "1.200 đơn hàng".
fn count(fmt: Format, r: &RecordWords, what: Counted, n: i64) -> String {
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
pub fn question(fmt: Format, item: Item, name: &str, links: &Links, answers: &str) -> String {
    let r = &fmt.words().ui.records;
    let word = r.items[item.kind().index()];
    let mut out = vec![Format::fill_all(r.confirm, &[&word, &name])];
    let c = |what, n| count(fmt, r, what, n);
    if matches!(item, Item::Campaign(_)) && links.tasks > 0 {
        out.push(Format::fill(r.has_tasks, c(Counted::Tasks, links.tasks)));
    }
    let unlinked: Vec<String> = [
        (Counted::Tasks, links.tasks),
        (Counted::Campaigns, links.campaigns),
        (Counted::Objectives, links.objectives),
        (Counted::Procedures, links.procedures),
        (Counted::Channels, links.channels),
        (Counted::Orders, links.orders),
    ]
    .into_iter()
    // A campaign's tasks are asked about instead.
    .filter(|(what, n)| {
        *n > 0 && !(matches!(what, Counted::Tasks) && matches!(item, Item::Campaign(_)))
    })
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
            &[&c(Counted::KpiValues, links.kpi_values), &word],
        ));
    }
    out.push(answers.to_string());
    out.join(" ")
}

impl App {
    /// What links to `item`: nothing links to budgets, tools and
    /// procedures.
    fn links_to(&self, item: Item) -> Result<Links> {
        let linked = match item {
            Item::Objective(id) => Linked::Objective(id),
            Item::Segment(id) => Linked::Segment(id),
            Item::Channel(id) => Linked::Channel(id),
            Item::Campaign(id) => Linked::Campaign(id),
            Item::Person(id) => Linked::Person(id),
            Item::Tool(_) | Item::Budget(_) | Item::Procedure(_) => return Ok(Links::default()),
        };
        self.store.links(linked)
    }

    /// The name of `item` as the store has it.
    fn name_of(&self, item: Item) -> Result<String> {
        let s = &self.store;
        Ok(match item {
            Item::Objective(id) => s.objective(id)?.title,
            Item::Segment(id) => s.segment(id)?.name,
            Item::Channel(id) => s.channel(id)?.name,
            Item::Campaign(id) => s.campaign(id)?.name,
            Item::Person(id) => s.person(id)?.name,
            Item::Tool(id) => s.tool(id)?.name,
            Item::Budget(id) => s.budget(id)?.period,
            Item::Procedure(id) => s.procedure(id)?.title,
        })
    }

    /// The keys of `action` in a question, as text: "y", or "Esc" for
    /// no where it is bound (the key that closes everything).
    pub fn answer_key(&self, action: Action) -> String {
        let keys = self.keymap.keys(Context::Confirm, action);
        let esc = keys
            .iter()
            .find(|k| k.code == ratatui::crossterm::event::KeyCode::Esc && !k.ctrl && !k.alt);
        esc.or(keys.first())
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// Asks before deleting `item`.
    pub(super) fn ask_delete(&mut self, item: Item) {
        let (links, name) = match self
            .links_to(item)
            .and_then(|l| Ok((l, self.name_of(item)?)))
        {
            Ok(found) => found,
            Err(e) => return self.fail(e.to_string()),
        };
        let ui = &self.words().ui;
        let (pending, answers) = match item {
            Item::Campaign(id) if links.tasks > 0 => (
                Pending::DeleteCampaign {
                    id,
                    tasks: links.tasks,
                },
                format!(
                    "{} {} · {} {} · {} {}",
                    self.answer_key(Action::KeepTasks),
                    ui.action("keep_tasks"),
                    self.answer_key(Action::DeleteTasksToo),
                    ui.action("delete_tasks_too"),
                    self.answer_key(Action::No),
                    ui.action("cancel"),
                ),
            ),
            _ => (
                Pending::Delete(item),
                format!(
                    "{}/{}",
                    self.keymap
                        .key_text(Context::Confirm, Action::Yes)
                        .unwrap_or_default(),
                    self.keymap
                        .key_text(Context::Confirm, Action::No)
                        .unwrap_or_default()
                ),
            ),
        };
        let question = question(self.format(), item, &name, &links, &answers);
        self.overlay = Overlay::Confirm { question, pending };
    }

    /// Deletes `item` once the question is answered; a campaign's tasks
    /// go with it where `tasks_too`.
    pub(super) fn delete_item(&mut self, item: Item, tasks_too: Option<i64>) {
        let s = &mut self.store;
        let deleted = match item {
            Item::Objective(id) => s.delete_objective(id).map(|o| o.title),
            Item::Segment(id) => s.delete_segment(id).map(|x| x.name),
            Item::Channel(id) => s.delete_channel(id).map(|c| c.name),
            Item::Campaign(id) if tasks_too.is_some() => {
                s.delete_campaign_and_tasks(id).map(|c| c.name)
            }
            Item::Campaign(id) => s.delete_campaign(id).map(|c| c.name),
            Item::Person(id) => s.delete_person(id).map(|p| p.name),
            Item::Tool(id) => s.delete_tool(id).map(|t| t.name),
            Item::Budget(id) => s.delete_budget(id).map(|b| b.period),
            Item::Procedure(id) => s.delete_procedure(id).map(|p| p.title),
        };
        let name = match deleted {
            Ok(n) => n,
            Err(e) => return self.fail(e.to_string()),
        };
        let fmt = self.format();
        let r = &fmt.words().ui.records;
        let text = match tasks_too {
            Some(n) => Format::fill_all(
                r.deleted_with_tasks,
                &[&name, &count(fmt, r, Counted::Tasks, n)],
            ),
            None => Format::fill_all(r.deleted, &[&r.items[item.kind().index()], &name]),
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
    use crate::domain::{CampaignId, PersonId, SegmentId, ToolId};
    use crate::i18n::testing::{EN, VI};

    #[test]
    fn a_segment_says_what_loses_it_and_what_goes_with_it() {
        let links = Links {
            campaigns: 3,
            objectives: 2,
            kpi_values: 365,
            ..Links::default()
        };
        let seg = Item::Segment(SegmentId(1));
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
                Item::Campaign(CampaignId(1)),
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
            question(EN, Item::Person(PersonId(1)), "An", &links, "y/n"),
            "Delete person “An”? 1 task and 1 campaign will be unlinked from this person. y/n"
        );
        assert_eq!(
            question(VI, Item::Tool(ToolId(1)), "Canva", &Links::default(), "y/n"),
            "Xóa công cụ “Canva”? y/n"
        );
    }
}
