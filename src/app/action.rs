//! Everything a user can ask of the TUI. Keys resolve to these (see
//! `keymap`); `App::update` carries them out. Each configurable action has
//! a name, used in the `[keys]` table of the config file.

use ratatui::crossterm::event::KeyEvent;

use super::Tab;

/// One thing to do. Variants without data can be bound to keys in the
/// config file by their [`Action::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Show the next tab.
    NextTab,
    /// Show the previous tab.
    PrevTab,
    /// Show one tab.
    Show(Tab),
    /// Open or close the list of every key.
    Help,
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move to the first row.
    Top,
    /// Move to the last row.
    Bottom,
    /// Move one screen up.
    PageUp,
    /// Move one screen down.
    PageDown,
    /// Move to the pane or column on the left.
    Left,
    /// Move to the pane or column on the right.
    Right,
    /// Add an item of the focused kind.
    Add,
    /// Edit the selected item.
    Edit,
    /// Strategy: open the selected item: the message's or a procedure's
    /// text in the editor, any other item in its form.
    Open,
    /// Delete the selected item (asks first).
    Delete,
    /// Revert the latest change (again: the one before).
    Undo,
    /// Repeat the change undone most recently.
    Redo,
    /// Show why the last undo or redo was refused, field by field.
    UndoDetails,
    /// In a refused undo's details: step past the refused change, so that
    /// undo goes on with the one before.
    SkipChange,
    /// In a refused undo's details: undo it anyway (asks first).
    UndoAnyway,
    /// Task: done ↔ to do.
    ToggleDone,
    /// Tasks: show the done tasks, or hide them again.
    ToggleDoneShown,
    /// Tasks: mark or unmark the selected task; the quick keys and delete
    /// act on all marked tasks.
    ToggleMark,
    /// Tasks: mark every task shown, or clear the marks.
    MarkAll,
    /// Tasks: save the filter, grouping and order shown as a named view
    /// in the config file.
    SaveView,
    /// Tasks: the next saved view (after the last: none, the filter as
    /// it was before).
    NextView,
    /// Tasks: the saved view before (before the first: none).
    PrevView,
    /// Task: todo → doing → blocked → done → todo.
    CycleStatus,
    /// Task: due one day later.
    DueLater,
    /// Task: due one day earlier.
    DueEarlier,
    /// Task: high → medium → low → high.
    CyclePriority,
    /// Open the filter line of the focused list.
    Filter,
    /// Clear the filter.
    ClearFilter,
    /// Group tasks: none → by status → by due → none.
    CycleGrouping,
    /// Order tasks by urgency ("next") or by due date.
    ToggleNext,
    /// Show tasks as a board with a column per status, or as a list.
    ToggleBoard,
    /// Tasks: the selected task whole (title, notes, dates…) where it is
    /// not beside the list already; there, the form to edit it.
    Detail,
    /// Tasks: the selected task's notes in `$VISUAL`/`$EDITOR` (or the
    /// built-in editor).
    EditNotes,
    /// Move the selection half a screen down.
    HalfPageDown,
    /// Move the selection half a screen up.
    HalfPageUp,
    /// Tasks: type a task's id to select it.
    GoToTask,
    /// Tasks: the selected task (a card on the board) to the status
    /// before: todo ← doing ← blocked ← done.
    StatusBack,
    /// Tasks: the same, to the status after.
    StatusForward,
    /// KPIs: the period before.
    PrevPeriod,
    /// KPIs: the period after.
    NextPeriod,
    /// KPIs: back to the period holding today.
    CurrentPeriod,
    /// KPIs: week → month → quarter → year → week.
    CycleGranularity,
    /// KPIs: the figures, the notes, or the next chart (at narrow widths).
    CycleChart,
    /// KPIs: the funnel in place of the figures, or the figures again.
    FunnelView,
    /// KPIs: pick a segment, channel or campaign to show the figures of.
    PickScope,
    /// KPIs: back to the figures of the whole business.
    WholeBusiness,
    /// KPIs: compare with the period before, or the same span a year
    /// earlier.
    ToggleCompare,
    /// Plan: a day or three days per column of the timeline.
    ToggleZoom,
    /// Plan: the timeline, or each person's open tasks per week.
    ToggleWorkload,
    /// Plan: the scoreboard of every campaign, or the timeline.
    ToggleScoreboard,
    /// Plan's scoreboard: sort by the next column.
    CycleSort,
    /// Plan's scoreboard: the same column the other way round.
    ReverseSort,
    /// Plan: the Tasks tab, filtered to the selected campaign.
    OpenTasks,
    /// Plan: a new task of the selected campaign.
    AddTaskToCampaign,
    /// KPIs: record a metric's value for a day.
    Record,
    /// KPIs: a task following up the selected note, due in a week.
    FollowUp,
    /// KPIs: import an order file, after its dry run.
    Import,
    /// Answer yes to a question.
    Yes,
    /// Answer no, or close the open overlay.
    No,
    /// Deleting a campaign: keep its tasks, without a campaign.
    KeepTasks,
    /// Deleting a campaign: delete its tasks with it.
    DeleteTasksToo,
    /// A form's field changed both in the form and elsewhere since it
    /// opened: write what was typed in the form.
    KeepMine,
    /// The same: keep the value it was changed to elsewhere (the form's
    /// other changes are still written).
    TakeTheirs,
    /// Form: the next field.
    NextField,
    /// Form: take the completion shown (elsewhere: the cursor right).
    Complete,
    /// Form: the previous field.
    PrevField,
    /// Form or filter: accept.
    Submit,
    /// Form or filter: give up; a change waiting for another process:
    /// stop waiting.
    Cancel,
    /// Open the database file now at the path, once the one opened was
    /// moved, replaced or deleted.
    Reopen,
    /// A key typed into the text field being edited.
    Type(KeyEvent),
    /// A click on a row of the list shown (its place among all rows).
    SelectRow(usize),
    /// A click on a card of the board: its column and its place there.
    SelectCard(usize, usize),
}

/// The configurable actions and their names in the config file.
pub const NAMED: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::NextTab, "next_tab"),
    (Action::PrevTab, "prev_tab"),
    (Action::Show(Tab::Strategy), "show_strategy"),
    (Action::Show(Tab::Plan), "show_plan"),
    (Action::Show(Tab::Tasks), "show_tasks"),
    (Action::Show(Tab::Kpis), "show_kpis"),
    (Action::Help, "help"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::PageUp, "page_up"),
    (Action::PageDown, "page_down"),
    (Action::Left, "left"),
    (Action::Right, "right"),
    (Action::Add, "add"),
    (Action::Edit, "edit"),
    (Action::Open, "open"),
    (Action::Delete, "delete"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::ToggleDone, "toggle_done"),
    (Action::CycleStatus, "cycle_status"),
    (Action::DueLater, "due_later"),
    (Action::DueEarlier, "due_earlier"),
    (Action::CyclePriority, "cycle_priority"),
    (Action::Filter, "filter"),
    (Action::ClearFilter, "clear_filter"),
    (Action::CycleGrouping, "cycle_grouping"),
    (Action::ToggleNext, "toggle_next"),
    (Action::ToggleBoard, "toggle_board"),
    (Action::ToggleDoneShown, "toggle_done_shown"),
    (Action::ToggleMark, "toggle_mark"),
    (Action::MarkAll, "mark_all"),
    (Action::SaveView, "save_view"),
    (Action::NextView, "next_view"),
    (Action::PrevView, "prev_view"),
    (Action::Detail, "detail"),
    (Action::EditNotes, "edit_notes"),
    (Action::HalfPageDown, "half_page_down"),
    (Action::HalfPageUp, "half_page_up"),
    (Action::GoToTask, "go_to_task"),
    (Action::StatusBack, "status_back"),
    (Action::StatusForward, "status_forward"),
    (Action::PrevPeriod, "prev_period"),
    (Action::NextPeriod, "next_period"),
    (Action::CurrentPeriod, "current_period"),
    (Action::CycleGranularity, "cycle_granularity"),
    (Action::CycleChart, "cycle_chart"),
    (Action::FunnelView, "funnel_view"),
    (Action::PickScope, "pick_scope"),
    (Action::WholeBusiness, "whole_business"),
    (Action::ToggleCompare, "toggle_compare"),
    (Action::ToggleZoom, "toggle_zoom"),
    (Action::ToggleWorkload, "toggle_workload"),
    (Action::ToggleScoreboard, "toggle_scoreboard"),
    (Action::CycleSort, "cycle_sort"),
    (Action::ReverseSort, "reverse_sort"),
    (Action::OpenTasks, "open_tasks"),
    (Action::AddTaskToCampaign, "add_task_to_campaign"),
    (Action::Record, "record"),
    (Action::FollowUp, "follow_up"),
    (Action::Import, "import"),
    (Action::Yes, "yes"),
    (Action::No, "no"),
    (Action::KeepTasks, "keep_tasks"),
    (Action::DeleteTasksToo, "delete_tasks_too"),
    (Action::KeepMine, "keep_mine"),
    (Action::TakeTheirs, "take_theirs"),
    (Action::NextField, "next_field"),
    (Action::PrevField, "prev_field"),
    (Action::Complete, "complete"),
    (Action::Submit, "submit"),
    (Action::Cancel, "cancel"),
    (Action::Reopen, "reopen"),
    (Action::UndoDetails, "undo_details"),
    (Action::SkipChange, "skip_change"),
    (Action::UndoAnyway, "undo_anyway"),
];

impl Action {
    /// The config-file name of a configurable action.
    pub fn name(self) -> Option<&'static str> {
        NAMED.iter().find(|(a, _)| *a == self).map(|(_, n)| *n)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        NAMED.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }

    /// Whether the action changes the database (refused when read-only).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::Open
                | Action::EditNotes
                | Action::Delete
                | Action::AddTaskToCampaign
                | Action::KeepTasks
                | Action::DeleteTasksToo
                | Action::KeepMine
                | Action::TakeTheirs
                | Action::Undo
                | Action::Redo
                | Action::ToggleDone
                | Action::CycleStatus
                | Action::StatusBack
                | Action::StatusForward
                | Action::DueLater
                | Action::DueEarlier
                | Action::CyclePriority
                | Action::Record
                | Action::FollowUp
                | Action::Import
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_action_round_trips_and_names_are_unique() {
        for (a, n) in NAMED {
            assert_eq!(Action::from_name(n), Some(*a));
            assert_eq!(a.name(), Some(*n));
        }
        let mut names: Vec<&str> = NAMED.iter().map(|(_, n)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMED.len());
    }
}
