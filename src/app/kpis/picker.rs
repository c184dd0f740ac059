//! The KPIs tab's scope picker: every segment, channel and campaign,
//! narrowed by what is typed.

use crate::domain::Dimension;
use crate::store::{Result, Store};
use crate::text::fold::fold;

use super::Scope;

/// One line of the scope picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub scope: Scope,
    /// The kind in the reader's words ("segment"), empty for the whole
    /// business.
    pub kind: &'static str,
}

/// The scope picker: every segment, channel and campaign, narrowed by what
/// is typed (case and accents aside).
pub struct Picker {
    all: Vec<Choice>,
    /// The choices matching the typed text, in order.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub input: ratatui_textarea::TextArea<'static>,
}

/// The reader's words for the picker's kinds and the whole business.
pub struct PickerWords {
    pub whole: &'static str,
    pub segment: &'static str,
    pub channel: &'static str,
    pub campaign: &'static str,
}

impl Picker {
    pub fn load(store: &Store, words: &PickerWords, current: &Scope) -> Result<Picker> {
        let mut all = vec![Choice {
            scope: Scope {
                dimension: Dimension::Total,
                name: words.whole.to_string(),
            },
            kind: "",
        }];
        let mut add = |dimension, name: String, kind| {
            all.push(Choice {
                scope: Scope { dimension, name },
                kind,
            })
        };
        for s in store.segments()? {
            add(Dimension::Segment(s.id), s.name, words.segment);
        }
        for c in store.channels()? {
            add(Dimension::Channel(c.id), c.name, words.channel);
        }
        let mut campaigns = store.campaigns()?;
        // The latest campaigns first: the ones most likely looked at.
        campaigns.sort_by_key(|c| std::cmp::Reverse(c.start));
        for c in campaigns {
            add(Dimension::Campaign(c.id), c.name, words.campaign);
        }
        let mut p = Picker {
            shown: (0..all.len()).collect(),
            all,
            selected: 0,
            input: ratatui_textarea::TextArea::default(),
        };
        p.selected = p
            .all
            .iter()
            .position(|c| c.scope.dimension == current.dimension)
            .unwrap_or(0);
        Ok(p)
    }

    /// Narrows the list to the choices whose name or kind holds the typed
    /// text; the selection goes to the first of them.
    pub fn narrow(&mut self) {
        let typed = fold(self.input.lines().join(" ").trim());
        self.shown = self
            .all
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                typed.is_empty()
                    || fold(&c.scope.name).contains(&typed)
                    || fold(&format!("{} {}", c.kind, c.scope.name)).contains(&typed)
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = 0;
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.shown.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    }

    /// The choices shown, with whether each is the selected one.
    pub fn rows(&self) -> impl Iterator<Item = (&Choice, bool)> {
        self.shown
            .iter()
            .enumerate()
            .filter_map(move |(i, &c)| self.all.get(c).map(|c| (c, i == self.selected)))
    }

    pub fn chosen(&self) -> Option<&Scope> {
        self.shown
            .get(self.selected)
            .and_then(|&i| self.all.get(i))
            .map(|c| &c.scope)
    }
}
