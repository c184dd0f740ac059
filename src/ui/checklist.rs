//! The marketing workflow's checklist, shown in an empty section of the
//! Strategy tab: each step ticked as the data shows it begun (see
//! `domain::workflow`), with the keys that do it, read from the keymap.

use ratatui::text::{Line, Span};

use super::Theme;
use crate::app::{Action, App, Context};
use crate::domain::workflow::{Step, WorkflowCounts, checklist};
use crate::i18n::Format;
use crate::text::pad;

/// The keys each step's "how" names, in its `{}`s' order.
fn keys_of(step: Step) -> &'static [(Context, Action)] {
    match step {
        Step::Research => &[
            (Context::Strategy, Action::Add),
            (Context::Kpis, Action::Add),
        ],
        Step::Strategy => &[(Context::Strategy, Action::Add)],
        Step::PlanAndAssign => &[(Context::Plan, Action::Add), (Context::Tasks, Action::Add)],
        Step::Execute => &[(Context::Tasks, Action::ToggleDone)],
        Step::Measure => &[
            (Context::Kpis, Action::Record),
            (Context::Kpis, Action::Import),
        ],
        Step::Refine => &[
            (Context::Kpis, Action::Add),
            (Context::Strategy, Action::Edit),
        ],
    }
}

/// The title and one line per step: a box ticked or not, the step's name
/// and how it is done.
pub fn lines(app: &App, counts: &WorkflowCounts, t: Theme) -> Vec<Line<'static>> {
    let g = &app.words().ui.guide;
    let (done, open) = if t.ascii {
        ("[x]", "[ ]")
    } else {
        ("☑", "☐")
    };
    let name_width = g
        .steps
        .iter()
        .map(|s| crate::text::width(s))
        .max()
        .unwrap_or(0);
    let mut out = vec![Line::styled(g.checklist_title.to_string(), t.heading())];
    for (step, ticked) in checklist(counts) {
        let keys: Vec<String> = keys_of(step)
            .iter()
            .map(|(ctx, a)| app.keymap.key_text(*ctx, *a).unwrap_or_default())
            .collect();
        let values: Vec<&dyn std::fmt::Display> =
            keys.iter().map(|k| k as &dyn std::fmt::Display).collect();
        let how = Format::fill_all(g.step_how[step.index()], &values);
        let mark = if ticked { done } else { open };
        let name = pad(g.steps[step.index()], name_width);
        let style = if ticked { t.dim() } else { t.base() };
        out.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(format!("{name}  "), style),
            Span::styled(how, t.dim()),
        ]));
    }
    out
}
