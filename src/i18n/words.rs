//! The shape of a locale's catalog: every word the program shows.

use crate::domain::{CauseCategory, NoteKind, Priority, RecordKind, TaskStatus};
use crate::metrics::objective::ObjectiveStatus;

/// The words of reports and summaries, one catalog per locale.
#[derive(Debug)]
pub struct Words {
    pub report_title: &'static str,
    pub period: &'static str,
    pub vs_previous: &'static str,
    pub customers: &'static str,
    pub new_customers: &'static str,
    pub churned_customers: &'static str,
    pub reactivated_customers: &'static str,
    pub loyal_customers: &'static str,
    pub loyal_share: &'static str,
    pub churn_rate: &'static str,
    pub retention_rate: &'static str,
    pub growth_rate: &'static str,
    pub visits: &'static str,
    pub leads: &'static str,
    pub conversions: &'static str,
    pub conversion_rate: &'static str,
    pub impressions: &'static str,
    pub clicks: &'static str,
    pub click_through_rate: &'static str,
    pub spend: &'static str,
    pub cost_per_click: &'static str,
    pub cost_per_conversion: &'static str,
    pub customer_acquisition_cost: &'static str,
    pub revenue: &'static str,
    pub return_on_ad_spend: &'static str,
    pub objectives: &'static str,
    pub overdue_tasks: &'static str,
    /// The report's list of open tasks due from today to the week's end.
    pub due_this_week: &'static str,
    pub over_budget: &'static str,
    pub none: &'static str,
    pub target: &'static str,
    pub due: &'static str,
    pub budget: &'static str,
    pub spent: &'static str,
    pub from_orders: &'static str,
    pub recorded: &'static str,
    pub notes: &'static str,
    pub customers_start: &'static str,
    pub as_of: &'static str,
    pub task: &'static str,
    pub assignee: &'static str,
    pub campaign: &'static str,
    pub metric: &'static str,
    pub now: &'static str,
    pub status: &'static str,
    /// Objective statuses: met, on track, at risk, missed, no data.
    pub objective_statuses: [&'static str; 5],
    /// "{} days late"
    pub days_late: &'static str,
    /// "1 day late"
    pub day_late: &'static str,
    /// "to {}" after a running period's label
    pub to_date: &'static str,
    /// "… and {} more"
    pub and_more: &'static str,
    /// Note kinds: cause, review.
    pub note_kinds: [&'static str; 2],
    /// Cause categories, in `CauseCategory::ALL` order.
    pub categories: [&'static str; 7],
    /// Unit of a change in a rate: "pt".
    pub points: &'static str,
    pub funnel: FunnelWords,
    pub cohort: CohortWords,
    pub ui: UiWords,
    pub cli: CliWords,
    pub forecast: ForecastWords,
    pub compare: CompareWords,
    pub undo: super::UndoWords,
    /// Errors, in the reader's words.
    pub errors: &'static super::ErrorWords,
}

/// The words of like-for-like comparisons and of changes judged better or
/// worse.
#[derive(Debug)]
pub struct CompareWords {
    /// A period still running, counted to a day: "to {}".
    pub through: &'static str,
    /// The column of the change against the same span a year earlier.
    pub vs_year: &'static str,
    /// Where the span compared with lies before any data.
    pub nothing_before: &'static str,
    /// The period compared with and its days: "{} ({} – {})".
    pub against: &'static str,
    /// A change that is good news, bad news.
    pub better: &'static str,
    pub worse: &'static str,
    /// The chart's last point, of a period still running.
    pub partial: &'static str,
    /// The heading of the change column: "vs {}" (the span compared with).
    pub vs: &'static str,
}

impl Words {
    pub fn objective_status(&self, s: ObjectiveStatus) -> &'static str {
        let i = match s {
            ObjectiveStatus::Met => 0,
            ObjectiveStatus::OnTrack => 1,
            ObjectiveStatus::AtRisk => 2,
            ObjectiveStatus::Missed => 3,
            ObjectiveStatus::NoData => 4,
        };
        self.objective_statuses[i]
    }

    pub fn note_kind(&self, k: NoteKind) -> &'static str {
        match k {
            NoteKind::Cause => self.note_kinds[0],
            NoteKind::Review => self.note_kinds[1],
        }
    }

    pub fn category(&self, c: CauseCategory) -> &'static str {
        let i = CauseCategory::ALL.iter().position(|x| *x == c).unwrap_or(6);
        self.categories[i]
    }
}

/// The words of the funnel: the KPIs tab's view and the report's section.
#[derive(Debug)]
pub struct FunnelWords {
    pub title: &'static str,
    pub step: &'static str,
    pub count: &'static str,
    pub rate: &'static str,
    pub change: &'static str,
    /// "Rate: share of the step before · Change: {}", filled with the
    /// figures' comparison column heading.
    pub legend: &'static str,
    /// The word beside the step that loses the most.
    pub biggest_drop: &'static str,
    pub none: &'static str,
}

/// The words of the cohort tables on the KPIs tab.
#[derive(Debug)]
pub struct CohortWords {
    /// The revenue table's title.
    pub revenue_title: &'static str,
    /// "* {} still running" (the as-of month)
    pub to_date: &'static str,
    /// "months +{} to +{} shown of +{}; wider shows more": the first and
    /// last months shown, and the last there is.
    pub shown: &'static str,
    /// "cohorts {} to {} shown of {} to {}": the first and last cohorts
    /// shown, and the first and last there are.
    pub cohorts_shown: &'static str,
}

/// The words of the full-screen dashboard.
#[derive(Debug)]
pub struct UiWords {
    /// Strategy, Plan, Tasks, KPIs.
    pub tabs: [&'static str; 4],
    /// Task statuses: todo, doing, blocked, done.
    pub task_statuses: [&'static str; 4],
    /// Priorities: high, medium, low.
    pub priorities: [&'static str; 3],
    /// Due groups: overdue, today, this week, later, no date, done.
    pub due_groups: [&'static str; 6],
    /// Help sections, in `Context::ALL` order: everywhere, tasks, KPIs,
    /// plan, strategy, filter line, forms, questions, help, scope picker,
    /// text editor, a change waiting for another process.
    pub contexts: [&'static str; 13],
    /// Week, month, quarter, year.
    pub granularities: [&'static str; 4],
    /// "vs target"
    pub vs_target: &'static str,
    /// (action name, label) for the footer and the help overlay.
    pub actions: &'static [(&'static str, &'static str)],
    pub title: &'static str,
    pub tags: &'static str,
    pub priority: &'static str,
    pub help_title: &'static str,
    pub new_task: &'static str,
    pub edit_task: &'static str,
    pub form_keys: &'static str,
    pub filter_prompt: &'static str,
    /// The filter line with no filter set: "none; / to filter, e.g. {}"
    /// (the filter's syntax), so the example never reads as a filter.
    pub filter_empty: &'static str,
    pub filter_help: &'static str,
    /// "{} shown of {}"
    pub shown_of: &'static str,
    pub sort_due: &'static str,
    pub sort_next: &'static str,
    pub no_match: &'static str,
    /// "needs at least {}"
    pub too_small: &'static str,
    pub read_only: &'static str,
    pub read_only_refused: &'static str,
    /// "Delete task {}? y/n"
    pub confirm_delete: &'static str,
    /// "Task {} done."
    pub msg_done: &'static str,
    /// "Task {}: "
    pub msg_task: &'static str,
    /// "{} to undo"
    pub msg_undo_hint: &'static str,
    /// "Added task {}"
    pub msg_added: &'static str,
    /// "Saved task {}"
    pub msg_saved: &'static str,
    /// "Deleted task {}"
    pub msg_deleted: &'static str,
    /// "Undid: {}"
    pub msg_undid: &'static str,
    /// "Redid: {}"
    pub msg_redid: &'static str,
    pub msg_reloaded: &'static str,
    /// The line that stays once the database file is gone from its path:
    /// "{file} was moved or deleted: …"
    pub detached_missing: &'static str,
    /// "{file} was replaced by another file: …"
    pub detached_replaced: &'static str,
    /// "{key} opens the file at its path now."
    pub detached_reopen: &'static str,
    /// The same where no key reopens.
    pub detached_restart: &'static str,
    /// A write key once the file is gone: "Nothing was written: {file} …"
    pub detached_refused: &'static str,
    /// Reopening with nothing (or an empty file) at the path: "No
    /// database is at {file} now … press {key} again."
    pub reopen_nothing: &'static str,
    /// "Opened {file} again: …"
    pub reopened: &'static str,
    /// "Could not open {file}: {reason}. …"
    pub reopen_failed: &'static str,
    /// The reopen key while the file is where it was: "{file} is …"
    pub reopen_not_needed: &'static str,
    /// A write waiting for another process's lock: "… {key} stops waiting."
    pub waiting: &'static str,
    /// A key refused while a write waits: "… {key} stops waiting."
    pub waiting_refused: &'static str,
    /// The quit key while a write waits: "… {quit key} again quits
    /// without writing it, {cancel key} stops waiting."
    pub waiting_quit: &'static str,
    pub waiting_stopped: &'static str,
    /// "… write lock for over {seconds} s: nothing was written. …"
    pub busy_gave_up: &'static str,
    /// Who made a journaled change, after "from": the command line, this
    /// dashboard, another dashboard.
    pub who_cli: &'static str,
    pub who_this_dashboard: &'static str,
    pub who_dashboard: &'static str,
    /// "Cannot undo {label} (made from {who}, {time}): {later label} (made
    /// from {who}, {time}) changed the same records since. …"
    pub undo_conflict: &'static str,
    /// The same for redo.
    pub redo_conflict: &'static str,
    /// "Cannot undo {label} (made from {who}, {time}): the records it
    /// would change were changed by something no longer in the undo
    /// history. …"
    pub undo_blocked: &'static str,
    /// The same for redo.
    pub redo_blocked: &'static str,
    /// "Nothing made from {who} to undo; the latest change is {label}
    /// (made from {who}, {time})."
    pub nothing_own_undo: &'static str,
    /// The same for redo.
    pub nothing_own_redo: &'static str,
    /// An edit form meeting changes made elsewhere since it opened.
    pub elsewhere: ElsewhereWords,
    pub form: FormWords,
    pub due: &'static str,
    pub no_due: &'static str,
    pub objectives: &'static str,
    pub segments: &'static str,
    pub channels: &'static str,
    pub campaigns: &'static str,
    pub this_month: &'static str,
    pub unknown_name: &'static str,
    /// Labels of actions on the KPIs tab where they differ from
    /// `actions` ("add" adds a note there).
    pub kpis_actions: &'static [(&'static str, &'static str)],
    /// Form titles.
    pub record_values: &'static str,
    pub new_note: &'static str,
    pub edit_note: &'static str,
    /// Form labels.
    pub date: &'static str,
    pub value: &'static str,
    pub dimension: &'static str,
    pub kind: &'static str,
    pub category: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub text: &'static str,
    /// Form hints.
    pub date_hint: &'static str,
    pub tags_hint: &'static str,
    pub value_hint: &'static str,
    pub dimension_hint: &'static str,
    pub optional: &'static str,
    /// Segment, channel, campaign: how a dimension's kind is written
    /// before its name ("channel: Facebook").
    pub dimension_kinds: [&'static str; 3],
    /// "no segment, channel or campaign is named '{}'"
    pub dimension_unknown: &'static str,
    /// "'{typed}' matches more than one ({kinds}): write, e.g., {example}"
    pub dimension_ambiguous: &'static str,
    /// A form's field left empty.
    pub required: &'static str,
    /// "'{typed}' is not one of: {words}"
    pub not_one_of: &'static str,
    /// "is before the start ({date})"
    pub before_start: &'static str,
    /// "Delete note {}? y/n"
    pub confirm_delete_note: &'static str,
    /// "Note {} is already followed up by task {}. Add another? y/n"
    pub confirm_follow_up_again: &'static str,
    /// "Recorded {what} = {value} on {date}."
    pub msg_recorded: &'static str,
    /// "Recorded {what} = {value} on {date} (was {old})."
    pub msg_replaced: &'static str,
    /// "{what} on {date} is already {value}: nothing changed."
    pub msg_unchanged: &'static str,
    /// "Added note {}."
    pub msg_added_note: &'static str,
    /// "Saved note {}."
    pub msg_saved_note: &'static str,
    /// "Deleted note {}."
    pub msg_deleted_note: &'static str,
    /// A follow-up task's title: "Follow up: {note's text}".
    pub follow_up_title: &'static str,
    /// "Added task {task} to follow up note {note}."
    pub msg_followed_up: &'static str,
    /// "No notes on {period}."
    pub no_notes: &'static str,
    /// "{key} adds one."
    pub add_note_hint: &'static str,
    /// The tasks following a note up: "→ task {ids}".
    pub follow_ups: &'static str,
    pub kpi: KpiWords,
    pub plan: PlanWords,
    pub strategy: StrategyWords,
    pub records: RecordWords,
    pub tasks: TaskWords,
    pub guide: GuideWords,
    pub detail: DetailWords,
    /// The KPIs tab's import of a file: the path prompt and the dry run.
    pub import: ImportWords,
    pub views: ViewWords,
    /// Labels of actions on the Plan tab where they differ from `actions`
    /// ("add" adds a campaign there).
    pub plan_actions: &'static [(&'static str, &'static str)],
}

/// What an empty tab says it is for and which key starts it, and the
/// marketing workflow's checklist on the Strategy tab. `{}` is a key.
#[derive(Debug)]
pub struct GuideWords {
    /// The Tasks tab with no task: "No tasks yet. … {} adds one …"
    pub tasks_empty: &'static str,
    /// The Plan tab with no campaign.
    pub plan_empty: &'static str,
    /// The KPIs tab with no figure at all: how figures come in; the
    /// first line's `{}` is the record key, the second's the import key.
    pub kpis_empty: [&'static str; 3],
    /// An empty Strategy section, in the sections' order (the message's
    /// is unused: it shows its fields); `{}` is the add key.
    pub sections_empty: [&'static str; 6],
    pub checklist_title: &'static str,
    /// Each step's name, in the workflow's order.
    pub steps: [&'static str; 6],
    /// How each step is done, its `{}`s the keys the checklist fills.
    pub step_how: [&'static str; 6],
    /// The help's first line: "Search: {}" (what was typed).
    pub help_search: &'static str,
    /// The help's first line before anything is typed.
    pub help_type: &'static str,
    /// No line of the help holds what was typed.
    pub help_none: &'static str,
    /// Enter's label in the help: it runs the selected line's action.
    pub help_run: &'static str,
}

/// The Tasks tab's detail pane: the selected task whole.
#[derive(Debug)]
pub struct DetailWords {
    /// The pane's title: "Task {id}".
    pub title: &'static str,
    pub status: &'static str,
    pub notes: &'static str,
    /// Where the task has no notes: "No notes: {key} writes them."
    pub no_notes: &'static str,
    pub created: &'static str,
    pub updated: &'static str,
    pub done: &'static str,
    /// "Follows up" a note: the note's id and text.
    pub follows: &'static str,
    /// "note {id}"
    pub note: &'static str,
    /// A value not set.
    pub none: &'static str,
    /// The pane shown alone: "{key} closes".
    pub closes: &'static str,
    /// Nothing selected to show.
    pub nothing: &'static str,
    /// The editor's title over a task's notes: "Notes of task {id}".
    pub notes_of: &'static str,
    /// The line a task's id is typed on, and its mistakes ("{typed}").
    pub go_to_prompt: &'static str,
    pub go_to_bad: &'static str,
    pub go_to_missing: &'static str,
}

/// The Tasks tab's saved views: the form `w` opens, what saving and
/// cycling say, and why a `[[view]]` table of the config is left out;
/// and the help's rules of marks, views and the mouse.
#[derive(Debug)]
pub struct ViewWords {
    pub form_title: &'static str,
    pub name: &'static str,
    pub name_hint: &'static str,
    /// "Saved view “{name}” in {file}. {key} goes through the views."
    pub saved: &'static str,
    /// "A view named “{name}” is in {file} already…"
    pub exists: &'static str,
    pub no_name: &'static str,
    pub no_file: &'static str,
    /// "{file} is not valid TOML ({why})…"
    pub not_toml: &'static str,
    /// "{file}: `view` is not a list of [[view]] tables…"
    pub file_not_tables: &'static str,
    /// "Cannot write {file}: {why}…"
    pub io: &'static str,
    pub bad_filter: &'static str,
    /// No view in the config: "{key} saves…"
    pub none: &'static str,
    /// "View “{name}” ({n} of {all})."
    pub shown: &'static str,
    /// Back to no view.
    pub left: &'static str,
    /// The filter line's label while a view is shown: "View {name}".
    pub active: &'static str,
    /// The status line at start: "{file}: {problem}; …" and "(+{n} more)".
    pub left_out: &'static str,
    pub more: &'static str,
    /// Why a view is left out, "{view}" first.
    pub not_tables: &'static str,
    pub no_name_at: &'static str,
    pub not_text: &'static str,
    pub unknown_key: &'static str,
    pub duplicate: &'static str,
    pub group: &'static str,
    pub order: &'static str,
    pub filter: &'static str,
    /// The help's rules of marking many, saved views and the mouse: a
    /// heading and its lines each.
    pub marks_title: &'static str,
    pub marks_rule: &'static [&'static str],
    pub views_title: &'static str,
    pub views_rule: &'static [&'static str],
    pub mouse_title: &'static str,
    pub mouse_rule: &'static [&'static str],
}

/// The Tasks tab's own words: hidden done tasks, the "next" order
/// explained, quick-add syntax.
#[derive(Debug)]
pub struct TaskWords {
    /// "{shown} shown · {hidden} done hidden", always in the tab's header.
    pub shown_hidden: &'static str,
    /// The heading of the "next" order's explanation in the help.
    pub next_title: &'static str,
    /// The "next" order, one line per rule, for the help.
    pub next_rule: &'static [&'static str],
    /// An empty list where done tasks are hidden: "{n} done hidden: {key}
    /// shows them."
    pub all_done_hidden: &'static str,
    /// The new task's title hint: the quick-add tokens.
    pub quick_hint: &'static str,
    /// Quick-add syntax explained in the help: a heading and its lines.
    pub quick_title: &'static str,
    pub quick_rule: &'static [&'static str],
    /// A quick-add token that sets nothing, "{token}…".
    pub quick_unknown_person: &'static str,
    pub quick_unknown_campaign: &'static str,
    /// "{token} could be: {names}"
    pub quick_ambiguous: &'static str,
    /// "{token}: {why}"
    pub quick_bad_date: &'static str,
    pub quick_bad_priority: &'static str,
    pub quick_bad_tag: &'static str,
    pub quick_empty: &'static str,
    /// A title's token and the form's field both set, differently: the
    /// token, then the field's label.
    pub quick_both: &'static str,
    /// Repeating tasks: the form's field, its hint, its mistake ("{typed}").
    pub repeat: &'static str,
    pub repeat_hint: &'static str,
    pub repeat_bad: &'static str,
    /// Quick-add's `every:` / `after:` mistakes, "{token}…".
    pub quick_bad_repeat: &'static str,
    pub quick_two_repeats: &'static str,
    /// "Task {id} done; next: task {id} due {date}."
    pub msg_done_next: &'static str,
    /// Repeating tasks explained in the help: a heading and its lines.
    pub repeat_title: &'static str,
    pub repeat_rule: &'static [&'static str],
    /// Marked tasks: "{n} marked" in the status line, "{n} tasks
    /// changed.", "{n} tasks deleted.", and the question before deleting
    /// them.
    pub marked: &'static str,
    pub msg_marked_changed: &'static str,
    pub msg_marked_deleted: &'static str,
    pub confirm_delete_marked: &'static str,
    /// The form `e` opens on marked tasks: its title and its hints.
    pub marked_title: &'static str,
    pub marked_keep_hint: &'static str,
    pub marked_tags_hint: &'static str,
}

/// The words of adding, editing and deleting the strategy's and the
/// plan's records: forms, messages and the questions before a deletion.
#[derive(Debug)]
pub struct RecordWords {
    /// What each kind of record is called.
    pub kinds: fn(RecordKind) -> KindWords,
    /// The title of the form asking which resource to add.
    pub add_resource: &'static str,
    /// Form labels not found elsewhere.
    pub name: &'static str,
    pub target: &'static str,
    pub direction: &'static str,
    pub end: &'static str,
    pub active: &'static str,
    pub amount: &'static str,
    pub note: &'static str,
    /// Form hints.
    pub direction_hint: &'static str,
    pub amount_hint: &'static str,
    pub period_hint: &'static str,
    pub whole_hint: &'static str,
    pub list_hint: &'static str,
    /// "'{}' is not a whole number"
    pub not_whole: &'static str,
    /// "Added {item} “{name}”."
    pub added: &'static str,
    /// "Saved {item} “{name}”."
    pub saved: &'static str,
    /// "Deleted {item} “{name}”."
    pub deleted: &'static str,
    /// "Deleted campaign “{name}” and {n tasks}."
    pub deleted_with_tasks: &'static str,
    /// "Delete {item} “{name}”?"
    pub confirm: &'static str,
    /// "{what} will be unlinked from this {item}."
    pub unlinked: &'static str,
    /// "{n KPI values} recorded for this {item} will be deleted."
    pub values_deleted: &'static str,
    /// A campaign's tasks: "It has {n tasks}."
    pub has_tasks: &'static str,
    /// The last word of a list: "a, b and c".
    pub and: &'static str,
    /// "{} task" / "{} tasks" (one, many) for: task, campaign, objective,
    /// procedure, channel, order, KPI value.
    pub counts: [(&'static str, &'static str); 7],
}

/// What one kind of record is called.
#[derive(Debug, Clone, Copy)]
pub struct KindWords {
    /// Inside a sentence: "objective".
    pub item: &'static str,
    /// A form's title: "New objective".
    pub new: &'static str,
    /// "Edit objective"
    pub edit: &'static str,
}

impl RecordWords {
    /// What a record of `kind` is, inside a sentence.
    pub fn item(&self, kind: RecordKind) -> &'static str {
        (self.kinds)(kind).item
    }
}

/// What an edit form says of changes made elsewhere since it opened.
/// What every form says about its keys and what it takes.
#[derive(Debug)]
pub struct FormWords {
    /// Before the completions offered: "{key} takes:".
    pub complete: &'static str,
    /// The record form's field of `metric=value` pairs, and its hint.
    pub values: &'static str,
    pub values_hint: &'static str,
    /// "'{}' is not metric=value …"
    pub not_a_pair: &'static str,
    /// "{} is given twice …"
    pub metric_twice: &'static str,
    /// Several values written: "Recorded {count} values on {day}."
    pub recorded_many: &'static str,
    /// "… ({count} replaced)" after `recorded_many`.
    pub replaced_many: &'static str,
    /// Every value already as typed: "The values on {day} are already these …"
    pub unchanged_many: &'static str,
}

#[derive(Debug)]
pub struct ElsewhereWords {
    /// Heads the fields changed both here and elsewhere.
    pub changed: &'static str,
    /// One of them: "{label}: yours {value}, now {value}".
    pub field: &'static str,
    /// A value that is empty, in `field`.
    pub empty: &'static str,
    /// The answers: "{key} keep mine · {key} take theirs · {key} back to
    /// the form".
    pub answers: &'static str,
    /// Back in the form from a conflict: "{key} now keeps yours for
    /// {labels}."
    pub kept: &'static str,
    /// The record went while its form was open.
    pub gone: &'static str,
    /// The same for long text while its editor was open.
    pub gone_text: &'static str,
    /// Nothing to write: no field differs from the record as it is.
    pub unchanged: &'static str,
    /// The record kept changing between reading it and writing.
    pub again: &'static str,
}

/// The words of the Strategy tab.
#[derive(Debug)]
pub struct StrategyWords {
    /// Objectives, segments, channels, message, resources, procedures.
    pub sections: [&'static str; 6],
    /// Channel kinds, in `ChannelKind::ALL` order.
    pub channel_kinds: [&'static str; 7],
    /// Increase, decrease.
    pub directions: [&'static str; 2],
    pub baseline: &'static str,
    pub start: &'static str,
    pub deadline: &'static str,
    /// "{} of the time gone; on track means at least as far along"
    pub expected: &'static str,
    /// The same for a ceiling (a decreasing counter such as spend).
    pub expected_ceiling: &'static str,
    pub description: &'static str,
    pub demographics: &'static str,
    pub needs: &'static str,
    pub habits: &'static str,
    pub market_size: &'static str,
    /// "{} of the market"
    pub of_market: &'static str,
    pub share: &'static str,
    pub kind: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub reaches: &'static str,
    pub brand_message: &'static str,
    pub positioning: &'static str,
    pub budgets: &'static str,
    pub planned: &'static str,
    pub people: &'static str,
    pub role: &'static str,
    pub contact: &'static str,
    pub tools: &'static str,
    pub purpose: &'static str,
    pub owner: &'static str,
    pub steps: &'static str,
    /// "Nothing here yet."
    pub empty: &'static str,
    /// "this month: {}"
    pub this_month: &'static str,
    /// The built-in editor's last line.
    pub editor_keys: &'static str,
    /// "Saved: {}" (what was edited)
    pub saved: &'static str,
    pub unchanged: &'static str,
    /// "The editor failed: {}"
    pub editor_failed: &'static str,
}

impl StrategyWords {
    pub fn channel_kind(&self, k: crate::domain::ChannelKind) -> &'static str {
        self.channel_kinds[k.index()]
    }

    pub fn direction(&self, d: crate::domain::Direction) -> &'static str {
        match d {
            crate::domain::Direction::Increase => self.directions[0],
            crate::domain::Direction::Decrease => self.directions[1],
        }
    }
}

/// The words of the Plan tab.
#[derive(Debug)]
pub struct PlanWords {
    /// Zooms: week, month.
    pub zooms: [&'static str; 2],
    /// Campaign statuses, in `CampaignStatus::ALL` order.
    pub statuses: [&'static str; 5],
    /// "{} – {}" span shown; "Campaigns {from} – {to}".
    pub span: &'static str,
    pub today: &'static str,
    /// "No campaigns run from {} to {}."
    pub none_in_span: &'static str,
    pub no_campaigns: &'static str,
    pub objective: &'static str,
    pub segment: &'static str,
    pub channel: &'static str,
    pub owner: &'static str,
    pub budget: &'static str,
    pub spent: &'static str,
    /// "{} by today"
    pub allowance: &'static str,
    /// Paces, in `Pace::ALL` order: over budget, ahead of pace, behind
    /// pace, on pace, not started, ended within budget, no budget.
    pub paces: [&'static str; 7],
    /// "{} of {} tasks done"
    pub tasks_done: &'static str,
    /// "{} overdue"
    pub overdue: &'static str,
    /// "{} days, {} left"
    pub days_left: &'static str,
    /// "ended {}"
    pub ended: &'static str,
    /// "starts in {} days"
    pub starts_in: &'static str,
    pub workload: &'static str,
    pub person: &'static str,
    pub no_date: &'static str,
    pub nobody: &'static str,
    pub no_open_tasks: &'static str,
    /// Under the workload: how an overloaded week is marked.
    pub overload_rule: &'static str,
    /// The scoreboard's column headings, in `scoreboard::Column::ALL`
    /// order.
    pub columns: [&'static str; 13],
    /// "All campaigns ({count}) · sorted by {column}"
    pub board_heading: &'static str,
    /// "{column}, reversed"
    pub reversed: &'static str,
    /// Under the scoreboard: what the marks mean.
    pub marks: &'static str,
}

impl PlanWords {
    pub fn status(&self, s: crate::domain::CampaignStatus) -> &'static str {
        self.statuses[s.index()]
    }

    pub fn pace(&self, p: crate::metrics::pacing::Pace) -> &'static str {
        self.paces[p.index()]
    }
}

/// The words of the KPIs tab's charts and scope picker.
#[derive(Debug)]
pub struct KpiWords {
    /// The scope of all figures: "Whole business".
    pub whole: &'static str,
    pub segment: &'static str,
    pub channel: &'static str,
    pub campaign: &'static str,
    /// The picker's title: "Show figures of".
    pub pick_title: &'static str,
    pub pick_help: &'static str,
    pub nothing_matches: &'static str,
    /// "Figures of {}"
    pub showing: &'static str,
    pub new_vs_churned: &'static str,
    pub new: &'static str,
    pub churned: &'static str,
    /// "Customers by segment, end of {}"
    pub structure: &'static str,
    /// "Customers by segment, {}": a running period, "2026-12 to 7 Dec".
    pub structure_so_far: &'static str,
    /// "share · vs {}"
    pub share_vs: &'static str,
    pub no_segments: &'static str,
    /// Segment shares are of the whole business only.
    pub structure_whole_only: &'static str,
    pub cohorts: &'static str,
    pub cohorts_none: &'static str,
    pub cohort_month: &'static str,
    pub cohort_new: &'static str,
    /// "{} summed over channels": a whole-business figure added up from
    /// the values per channel on days without a total.
    pub summed_channels: &'static str,
    /// "{} summed over campaigns"
    pub summed_campaigns: &'static str,
}

impl UiWords {
    /// A task status in the reader's words.
    pub fn task_status(&self, s: TaskStatus) -> &'static str {
        self.task_statuses[s.index()]
    }

    /// A priority in the reader's words.
    pub fn priority(&self, p: Priority) -> &'static str {
        self.priorities[p.index()]
    }

    /// The label of an action by its config name; the name itself where the
    /// catalog has none.
    pub fn action<'a>(&self, name: &'a str) -> &'a str {
        self.actions
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, l)| *l)
    }

    /// The label of an action on the KPIs tab.
    pub fn kpis_action<'a>(&self, name: &'a str) -> &'a str {
        self.kpis_actions
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| self.action(name), |(_, l)| *l)
    }

    /// The label of an action on the Plan tab.
    pub fn plan_action<'a>(&self, name: &'a str) -> &'a str {
        self.plan_actions
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| self.action(name), |(_, l)| *l)
    }
}

/// What the command line says after adding, editing or removing one record.
#[derive(Debug)]
pub struct EntityWords {
    /// "Added task {id}: {title}"
    pub added: &'static str,
    /// "Edited task {id}: {title}"
    pub edited: &'static str,
    /// "Removed task {id}: {title} …"
    pub removed: &'static str,
}

impl EntityWords {
    fn templates(&self, entity: &'static str, out: &mut Vec<(String, &'static str)>) {
        let EntityWords {
            added,
            edited,
            removed,
        } = self;
        out.push((format!("{entity}.added"), added));
        out.push((format!("{entity}.edited"), edited));
        out.push((format!("{entity}.removed"), removed));
    }
}

/// The words of the command line's standard output. Templates fill their
/// `{}` in order with [`crate::i18n::Format::fill_all`]; flag names,
/// `funnel undo`, metric names and other things a user types stay as they
/// are in every locale.
#[derive(Debug)]
pub struct CliWords {
    pub task: EntityWords,
    /// "Task {id} done: {title}"
    pub task_done: &'static str,
    /// "Task {id} doing: {title}"
    pub task_doing: &'static str,
    /// `task edit` without a field to change.
    pub task_nothing_to_change: &'static str,
    /// "{1} task, {overdue} overdue (!)"
    pub tasks_summary_one: &'static str,
    /// "{n} tasks, {overdue} overdue (!)"
    pub tasks_summary: &'static str,
    pub no_tasks_match: &'static str,
    /// An empty entity list.
    pub none_yet: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    /// ID, STATUS, PRI, DUE, TITLE, CAMPAIGN, ASSIGNEE, TAGS.
    pub task_columns: [&'static str; 8],
    /// ID, TITLE, METRIC, NOW, TARGET, DONE, STATUS, DEADLINE.
    pub objective_columns: [&'static str; 8],
    /// ID, NAME, MARKET, DESCRIPTION.
    pub segment_columns: [&'static str; 4],
    /// ID, NAME, KIND, ACTIVE, SEGMENTS.
    pub channel_columns: [&'static str; 5],
    /// ID, NAME, STATUS, START, END, BUDGET, SPENT, OWNER.
    pub campaign_columns: [&'static str; 15],
    /// ID, NAME, ROLE, CONTACT.
    pub person_columns: [&'static str; 4],
    /// ID, FROM, TO, KIND, CATEGORY, TEXT.
    pub note_columns: [&'static str; 6],
    /// NAME, KIND, UNIT, BUILT-IN, MEANING.
    pub metric_columns: [&'static str; 5],
    pub objective: EntityWords,
    pub segment: EntityWords,
    /// `added` also takes the channel kind: "Added channel {}: {} ({})".
    pub channel: EntityWords,
    pub campaign: EntityWords,
    pub person: EntityWords,
    /// "Added {kind} note {id} on {period}", "Edited note {id}",
    /// "Removed note {id} …".
    pub note: EntityWords,
    /// "Added metric {name} ({kind}, {unit})"
    pub metric_added: &'static str,
    /// "Recorded: {new} new, {replaced} replaced, {unchanged} unchanged."
    pub kpi_recorded: &'static str,
    /// The same for a dry run.
    pub kpi_would_record: &'static str,
    /// "  … and {} more replaced"
    pub kpi_more_replaced: &'static str,
    /// The dimension of a KPI value: total, segment {}, channel {}, campaign {}.
    pub dimension_total: &'static str,
    pub dimension_segment: &'static str,
    pub dimension_channel: &'static str,
    pub dimension_campaign: &'static str,
    /// "{file}: {n} values; columns {mapping}"
    pub kpi_file: &'static str,
    pub kpi_converted: &'static str,
    pub kpi_profile_detected: &'static str,
    pub kpi_profile_given: &'static str,
    pub kpi_would_land: &'static str,
    pub kpi_skipped_totals: &'static str,
    pub kpi_skipped_summary: &'static str,
    pub kpi_ignored_block: &'static str,
    pub kpi_channels_created: &'static str,
    pub kpi_channels_would_create: &'static str,
    pub kpi_campaigns_created: &'static str,
    pub kpi_campaigns_would_create: &'static str,
    /// "Ignored columns: {}"
    pub ignored_columns: &'static str,
    /// The note under `kpi show` when customers come from orders.
    pub total_origin: &'static str,
    pub origin_recorded: &'static str,
    pub origin_channels: &'static str,
    pub origin_campaigns: &'static str,
    pub origin_orders: &'static str,
    pub customers_from_orders: &'static str,
    /// The note under `kpi show` when customers are as recorded.
    pub customers_as_recorded: &'static str,
    /// "{file}: {n} orders ({rows} rows); {columns}; dates {format}"
    pub orders_file: &'static str,
    /// "{N} orders converted from {USD} at {25,400} {VND} per {USD}."
    pub orders_converted: &'static str,
    /// The parts of the line saying what an orders import left out or
    /// changed, by reason: "skipped {} cancelled or voided" ...
    pub orders_voided: &'static str,
    pub orders_refunded: &'static str,
    pub orders_orphan_refunds: &'static str,
    /// "{n} partly refunded: {money} netted"
    pub orders_partly_refunded: &'static str,
    pub orders_walk_in: &'static str,
    pub orders_by_name: &'static str,
    /// "Removed {n} stored orders the file now shows cancelled or refunded."
    pub orders_removed: &'static str,
    /// The same for a dry run.
    pub orders_would_remove: &'static str,
    /// Appended to `orders_file` when amounts use a decimal comma.
    pub decimal_comma: &'static str,
    /// "Imported: {new} new, {updated} updated, {unchanged} unchanged."
    pub orders_imported: &'static str,
    /// The same for a dry run.
    pub orders_would_import: &'static str,
    /// The roles of an order file's columns, in the order of
    /// `import::OrderFile::columns`: "order", "customer", "date", …
    pub order_roles: [&'static str; 10],
    /// Between a row's customer columns, best first: ", then ".
    pub orders_customer_then: &'static str,
    /// After a date format: "(month first)".
    pub dates_month_first: &'static str,
    /// After a date format: "(day first: no part above 12 tells, so assumed)".
    pub dates_day_first_assumed: &'static str,
    /// After a date format: "(time ignored)".
    pub dates_time_ignored: &'static str,
    /// The date format of a file without rows: "none (no rows)".
    pub dates_no_rows: &'static str,
    /// "Created segments: {names}"
    pub segments_created: &'static str,
    /// The same for a dry run.
    pub segments_would_create: &'static str,
    /// "Imported {file}: {} tasks, {} campaigns, {} objectives, {} KPI values, {} orders."
    pub imported: &'static str,
    /// "Undid: {label} (made from {who}, {time})"
    pub undid: &'static str,
    /// "Redid: {label} (made from {who}, {time})"
    pub redid: &'static str,
    /// After a refused `funnel undo`: how to revert someone else's change.
    pub undo_any_hint: &'static str,
    /// The same for `funnel redo`.
    pub redo_any_hint: &'static str,
    /// "schema version {found} (this funnel knows up to {known}), write-ahead log {KiB} KiB"
    pub check_file: &'static str,
    /// "{db}: ok ({} tasks, {} orders from {} customers)"
    pub check_ok: &'static str,
    /// "{db}: demo data: {} tasks, {} campaigns, {} orders from {} customers, {} KPI values."
    pub demo_filled: &'static str,
    /// "Backed up {db} to {path}: {} tasks, {} orders, {} KiB, checked."
    pub backed_up: &'static str,
    /// "Replace {db} ({} tasks, {} orders) with {backup} ({} tasks, {} orders)? … [y/N] "
    pub restore_confirm: &'static str,
    /// Refusing a restore without a terminal to ask on and without --yes.
    pub restore_needs_yes: &'static str,
    /// "Restored {db} from {backup}: {} tasks, {} orders."
    pub restored: &'static str,
    /// "The database as it was is kept at {kept}: `funnel restore {kept}` puts it back."
    pub restore_kept: &'static str,
    /// A restore the user declined at the prompt.
    pub restore_declined: &'static str,
    /// "Next: task {id} due {date}: {title}", after a repeating task is done.
    pub task_next: &'static str,
    /// "Task {id} was already done: {title}": nothing was written.
    pub task_already_done: &'static str,
    /// "Task {id} is already so: nothing changed: {title}", after an edit
    /// to the values it has.
    pub task_unchanged: &'static str,
}

impl CliWords {
    /// Every template with a name, for checks that span locales.
    pub fn templates(&self) -> Vec<(String, &'static str)> {
        // No `..`: a new field must be listed here or this fails to build.
        let CliWords {
            task,
            task_done,
            task_doing,
            task_nothing_to_change,
            tasks_summary_one,
            tasks_summary,
            no_tasks_match,
            none_yet,
            yes,
            no,
            task_columns,
            objective_columns,
            segment_columns,
            channel_columns,
            campaign_columns,
            person_columns,
            note_columns,
            metric_columns,
            objective,
            segment,
            channel,
            campaign,
            person,
            note,
            metric_added,
            kpi_recorded,
            kpi_would_record,
            kpi_more_replaced,
            dimension_total,
            dimension_segment,
            dimension_channel,
            dimension_campaign,
            kpi_file,
            kpi_converted,
            kpi_profile_detected,
            kpi_profile_given,
            kpi_would_land,
            kpi_skipped_totals,
            kpi_skipped_summary,
            kpi_ignored_block,
            kpi_channels_created,
            kpi_channels_would_create,
            kpi_campaigns_created,
            kpi_campaigns_would_create,
            ignored_columns,
            total_origin,
            origin_recorded,
            origin_channels,
            origin_campaigns,
            origin_orders,
            customers_from_orders,
            customers_as_recorded,
            orders_file,
            orders_converted,
            orders_voided,
            orders_refunded,
            orders_orphan_refunds,
            orders_partly_refunded,
            orders_walk_in,
            orders_by_name,
            orders_removed,
            orders_would_remove,
            decimal_comma,
            orders_imported,
            orders_would_import,
            order_roles,
            orders_customer_then,
            dates_month_first,
            dates_day_first_assumed,
            dates_time_ignored,
            dates_no_rows,
            segments_created,
            segments_would_create,
            imported,
            undid,
            redid,
            undo_any_hint,
            redo_any_hint,
            check_file,
            check_ok,
            demo_filled,
            backed_up,
            restore_confirm,
            restore_needs_yes,
            restored,
            restore_kept,
            restore_declined,
            task_next,
            task_already_done,
            task_unchanged,
        } = self;
        let mut out: Vec<(String, &'static str)> = [
            ("task_done", task_done),
            ("task_doing", task_doing),
            ("task_nothing_to_change", task_nothing_to_change),
            ("tasks_summary_one", tasks_summary_one),
            ("tasks_summary", tasks_summary),
            ("no_tasks_match", no_tasks_match),
            ("none_yet", none_yet),
            ("yes", yes),
            ("no", no),
            ("metric_added", metric_added),
            ("kpi_recorded", kpi_recorded),
            ("kpi_would_record", kpi_would_record),
            ("kpi_more_replaced", kpi_more_replaced),
            ("dimension_total", dimension_total),
            ("dimension_segment", dimension_segment),
            ("dimension_channel", dimension_channel),
            ("dimension_campaign", dimension_campaign),
            ("kpi_file", kpi_file),
            ("kpi_converted", kpi_converted),
            ("kpi_profile_detected", kpi_profile_detected),
            ("kpi_profile_given", kpi_profile_given),
            ("kpi_would_land", kpi_would_land),
            ("kpi_skipped_totals", kpi_skipped_totals),
            ("kpi_skipped_summary", kpi_skipped_summary),
            ("kpi_ignored_block", kpi_ignored_block),
            ("kpi_channels_created", kpi_channels_created),
            ("kpi_channels_would_create", kpi_channels_would_create),
            ("kpi_campaigns_created", kpi_campaigns_created),
            ("kpi_campaigns_would_create", kpi_campaigns_would_create),
            ("ignored_columns", ignored_columns),
            ("total_origin", total_origin),
            ("origin_recorded", origin_recorded),
            ("origin_channels", origin_channels),
            ("origin_campaigns", origin_campaigns),
            ("origin_orders", origin_orders),
            ("customers_from_orders", customers_from_orders),
            ("customers_as_recorded", customers_as_recorded),
            ("orders_file", orders_file),
            ("orders_converted", orders_converted),
            ("orders_voided", orders_voided),
            ("orders_refunded", orders_refunded),
            ("orders_orphan_refunds", orders_orphan_refunds),
            ("orders_partly_refunded", orders_partly_refunded),
            ("orders_walk_in", orders_walk_in),
            ("orders_by_name", orders_by_name),
            ("orders_removed", orders_removed),
            ("orders_would_remove", orders_would_remove),
            ("decimal_comma", decimal_comma),
            ("orders_imported", orders_imported),
            ("orders_would_import", orders_would_import),
            ("orders_customer_then", orders_customer_then),
            ("dates_month_first", dates_month_first),
            ("dates_day_first_assumed", dates_day_first_assumed),
            ("dates_time_ignored", dates_time_ignored),
            ("dates_no_rows", dates_no_rows),
            ("segments_created", segments_created),
            ("segments_would_create", segments_would_create),
            ("imported", imported),
            ("undid", undid),
            ("redid", redid),
            ("undo_any_hint", undo_any_hint),
            ("redo_any_hint", redo_any_hint),
            ("check_file", check_file),
            ("check_ok", check_ok),
            ("demo_filled", demo_filled),
            ("backed_up", backed_up),
            ("restore_confirm", restore_confirm),
            ("restore_needs_yes", restore_needs_yes),
            ("restored", restored),
            ("restore_kept", restore_kept),
            ("restore_declined", restore_declined),
            ("task_next", task_next),
            ("task_already_done", task_already_done),
            ("task_unchanged", task_unchanged),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), *t))
        .collect();
        let columns: [(&str, &[&'static str]); 9] = [
            ("task_columns", task_columns),
            ("objective_columns", objective_columns),
            ("segment_columns", segment_columns),
            ("channel_columns", channel_columns),
            ("campaign_columns", campaign_columns),
            ("person_columns", person_columns),
            ("note_columns", note_columns),
            ("metric_columns", metric_columns),
            ("order_roles", order_roles),
        ];
        for (name, cols) in columns {
            for (i, c) in cols.iter().enumerate() {
                out.push((format!("{name}[{i}]"), c));
            }
        }
        task.templates("task", &mut out);
        objective.templates("objective", &mut out);
        segment.templates("segment", &mut out);
        channel.templates("channel", &mut out);
        campaign.templates("campaign", &mut out);
        person.templates("person", &mut out);
        note.templates("note", &mut out);
        out
    }
}

/// The words of forecasts: where an objective's pace leads, when a budget
/// runs out (the report, the Strategy tab).
#[derive(Debug)]
pub struct ForecastWords {
    /// The report's section: "Forecasts at the current pace".
    pub heading: &'static str,
    /// What a projection is called in a detail: "At this pace".
    pub at_this_pace: &'static str,
    /// "≈ {} at the deadline"
    pub at_deadline: &'static str,
    /// "≈ {} at the end" (a budget's period)
    pub at_end: &'static str,
    /// "target on {}"
    pub target_on: &'static str,
    pub not_by_deadline: &'static str,
    /// A ceiling: "limit used up on {}"
    pub used_up_on: &'static str,
    pub stays_within: &'static str,
    /// "needs {} a day", "needs {} a week"
    pub needs_a_day: &'static str,
    pub needs_a_week: &'static str,
    /// A ceiling: "at most {} a day", "at most {} a week"
    pub at_most_a_day: &'static str,
    pub at_most_a_week: &'static str,
    /// A budget: "runs out on {}"
    pub runs_out_on: &'static str,
    pub lasts: &'static str,
    /// Outlooks: projected, met, exceeded, too early, not projected,
    /// ended, no data.
    pub outlooks: [&'static str; 7],
    /// The report's columns: objective, where it lands, the target day,
    /// what is needed; the day a budget runs out.
    pub columns: [&'static str; 5],
}

impl ForecastWords {
    pub fn outlook(&self, o: crate::metrics::forecast::Outlook) -> &'static str {
        use crate::metrics::forecast::Outlook;
        let i = match o {
            Outlook::Projected => 0,
            Outlook::Met => 1,
            Outlook::Exceeded => 2,
            Outlook::TooEarly => 3,
            Outlook::NotProjected => 4,
            Outlook::Ended => 5,
            Outlook::NoData => 6,
        };
        self.outlooks[i]
    }
}

/// The KPIs tab's import of an order file: the path prompt, the dry run
/// shown before anything is written, and what the import says.
#[derive(Debug)]
pub struct ImportWords {
    pub title: &'static str,
    /// Labels of the path prompt's keys where they differ from `actions`.
    pub path_actions: &'static [(&'static str, &'static str)],
    /// The label before the path typed.
    pub path_label: &'static str,
    pub path_hint: &'static str,
    /// "Reading {file}…"
    pub reading: &'static str,
    /// "Importing {n} orders…"
    pub writing: &'static str,
    pub preview_title: &'static str,
    /// What the export was read as, in `OrderProfile::ALL` order.
    pub profiles: [&'static str; 6],
    /// "Read as {profile} (recognised from its columns)"
    pub read_as: &'static str,
    /// "{orders} orders in {rows} rows; dates {form}"
    pub orders_rows: &'static str,
    pub columns: &'static str,
    pub skipped: &'static str,
    pub nothing_skipped: &'static str,
    /// The per-month table's heading: month, orders, revenue, new customers.
    pub month_heads: [&'static str; 4],
    /// "… and {n} more months"
    pub more_months: &'static str,
    pub confirm: &'static str,
    pub cancelled: &'static str,
    /// "Imported {file name}: {new} new, {updated} updated, {unchanged}
    /// unchanged orders. {undo hint}"
    pub imported: &'static str,
    pub no_path: &'static str,
    /// Each "{file} …. Nothing was written."
    pub not_found: &'static str,
    pub denied: &'static str,
    pub folder: &'static str,
    /// "Cannot read {file}: {reason}. …"
    pub unreadable: &'static str,
    pub empty: &'static str,
    pub database: &'static str,
    /// "{file} is not an order export funnel can read: {reason}. …"
    pub unrecognised: &'static str,
    /// "The import failed: {reason}. Nothing was written."
    pub failed: &'static str,
}

impl ImportWords {
    /// The label of a key of the path prompt, where it has its own.
    pub fn action(&self, name: &str) -> Option<&'static str> {
        self.path_actions
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| *l)
    }
}
