//! The KPIs tab's keys: the period, its size, the scope, what it is
//! compared with and the chart shown. The notes listed are `notes`'.

use super::{At, KpisPosition, KpisTab, Picker, PickerWords, Scope, VIEWS};
use crate::analysis::Timelines;
use crate::app::effect::{Effect, Env};
use crate::app::{Action, Overlay};
use crate::metrics::Period;
use crate::store::Result;

impl KpisTab {
    /// The tab read at `at`, after `old` where it was shown before: what
    /// it is compared with, the funnel shown and the note selected (where
    /// still listed) stay.
    pub fn read(
        env: &Env,
        timelines: &Timelines,
        old: Option<&KpisTab>,
        at: KpisPosition,
    ) -> Result<KpisTab> {
        let when = At {
            today: env.today,
            period: at.period,
            compare: old.map(|k| k.compare).unwrap_or_default(),
        };
        let mut k = KpisTab::load_at(env.store, env.config, timelines, when, at.scope, at.view)?;
        if let Some(old) = old {
            let id = old.period_notes.selected().map(|l| l.note.id);
            k.period_notes.keep(id, old.period_notes.selected);
            k.show_funnel = old.show_funnel;
        }
        Ok(k)
    }

    /// Shows the tab at `at`; where it cannot be read, it stays as it was
    /// and says why.
    pub fn go(&mut self, at: KpisPosition, env: &Env, timelines: &Timelines) -> Effect {
        match KpisTab::read(env, timelines, Some(self), at) {
            Ok(k) => {
                *self = k;
                Effect::none()
            }
            Err(e) => Effect::failed(env.format().error(&e)),
        }
    }

    /// Period navigation, the scope and the chart shown.
    pub fn update(&mut self, action: Action, env: &Env, timelines: &Timelines) -> Effect {
        let at = self.position();
        let period = at.period;
        let to = |period| KpisPosition {
            period,
            ..at.clone()
        };
        match action {
            Action::PrevPeriod => self.go(to(period.prev()), env, timelines),
            Action::NextPeriod => self.go(to(period.next()), env, timelines),
            Action::CurrentPeriod => {
                let now = KpisTab::current(period.granularity, env.today, env.config);
                self.go(to(now), env, timelines)
            }
            Action::CycleGranularity => {
                let g = period.granularity.next();
                // The period of the new size that holds the old one's end.
                let day = period.end.min(env.today);
                let p = Period::containing(g, day, env.config.week_start);
                self.go(to(p), env, timelines)
            }
            Action::PickScope => {
                let kw = &env.words().ui.kpi;
                let words = PickerWords {
                    whole: kw.whole,
                    segment: kw.segment,
                    channel: kw.channel,
                    campaign: kw.campaign,
                };
                match Picker::load(env.store, &words, &at.scope) {
                    Ok(p) => Effect::open(Overlay::Picker(Box::new(p))),
                    Err(e) => Effect::failed(env.format().error(&e)),
                }
            }
            Action::WholeBusiness if at.scope.dimension != crate::domain::Dimension::Total => {
                let whole = KpisPosition {
                    scope: Scope::default(),
                    ..at
                };
                self.go(whole, env, timelines)
            }
            Action::CycleChart => {
                self.view = (self.view + 1) % VIEWS;
                Effect::none()
            }
            Action::FunnelView => {
                self.toggle_funnel();
                Effect::none()
            }
            Action::ToggleCompare => {
                self.compare = self.compare.toggled();
                self.go(at, env, timelines)
            }
            _ => Effect::none(),
        }
    }
}
