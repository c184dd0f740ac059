//! Importing an order file from the KPIs tab: a path typed with
//! completion, the file read and its dry run shown (what it was read as,
//! which column became what, what was skipped, the figures per month), and
//! the orders written as one change, which `u` undoes, only once
//! confirmed. Reading and writing a large file take a moment: each is
//! left for after the frame that says it is under way (see
//! [`Import::pending`]).

use std::path::PathBuf;

use ratatui_textarea::{CursorMove, TextArea};

use super::path;
use crate::app::effect::{Effect, Env};
use crate::app::{Action, Overlay, Stale, typing};
use crate::i18n::Format;
use crate::import::{
    ImportError, Money, MonthLanding, OrderColumns, OrderFile, Orders, orders_per_month,
    read_order_table,
};

/// A file read and checked, waiting for the user's yes.
pub struct Preview {
    /// The path as typed.
    pub label: String,
    pub file: OrderFile<Orders>,
    pub months: Vec<MonthLanding>,
}

/// Where the import is.
pub enum Phase {
    /// The path being typed.
    Path,
    /// The file is read once the frame saying so is drawn.
    Reading,
    /// The dry run, waiting for yes or no.
    Preview(Box<Preview>),
    /// The orders are written once the frame saying so is drawn.
    Writing(Box<Preview>),
}

pub struct Import {
    pub phase: Phase,
    pub input: TextArea<'static>,
    /// The entries the last completion left to choose from.
    pub matches: Vec<String>,
    /// Why the last path typed was not read (nothing was written).
    pub error: Option<String>,
    home: Option<PathBuf>,
}

impl Default for Import {
    fn default() -> Self {
        Import::new()
    }
}

impl Import {
    pub fn new() -> Import {
        Import {
            phase: Phase::Path,
            input: TextArea::default(),
            matches: Vec::new(),
            error: None,
            home: path::home(),
        }
    }

    /// The path as typed.
    pub fn typed(&self) -> String {
        self.input.lines().join("")
    }

    /// The dry run shown, or being written.
    pub fn preview(&self) -> Option<&Preview> {
        match &self.phase {
            Phase::Preview(p) | Phase::Writing(p) => Some(p),
            Phase::Path | Phase::Reading => None,
        }
    }

    /// Whether the path is being typed (else the keys answer the dry run).
    pub fn typing(&self) -> bool {
        matches!(self.phase, Phase::Path)
    }

    /// Whether a read or a write waits for [`Import::run`].
    pub fn pending(&self) -> bool {
        matches!(self.phase, Phase::Reading | Phase::Writing(_))
    }

    /// The answers the dry run takes.
    pub fn answers(&self) -> &'static [Action] {
        match self.phase {
            Phase::Preview(_) => &[Action::Yes, Action::No],
            _ => &[],
        }
    }

    /// A key while the prompt or the dry run is shown.
    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let w = &env.words().ui.import;
        match (&self.phase, action) {
            (Phase::Path, Action::Type(k)) => {
                typing::type_key(&mut self.input, k);
                self.matches.clear();
                Effect::none()
            }
            (Phase::Path, Action::Complete) => {
                let ratatui_textarea::DataCursor(row, col) = self.input.cursor();
                let at_end = self
                    .input
                    .lines()
                    .get(row)
                    .is_none_or(|l| col >= l.chars().count());
                if !at_end {
                    self.input.move_cursor(CursorMove::Forward);
                    return Effect::none();
                }
                let c = path::complete(&self.typed(), self.home.as_deref());
                self.input = TextArea::new(vec![c.text]);
                self.input.move_cursor(CursorMove::End);
                self.matches = c.matches;
                Effect::none()
            }
            (Phase::Path, Action::Submit) if self.typed().trim().is_empty() => {
                self.error = Some(w.no_path.into());
                Effect::none()
            }
            (Phase::Path, Action::Submit) => {
                self.error = None;
                self.matches.clear();
                self.phase = Phase::Reading;
                Effect::none()
            }
            (Phase::Path, Action::Cancel) | (Phase::Preview(_), Action::No) => {
                closed(Effect::said(w.cancelled.into()))
            }
            (Phase::Preview(_), Action::Yes) => {
                if let Phase::Preview(p) = std::mem::replace(&mut self.phase, Phase::Reading) {
                    self.phase = Phase::Writing(p);
                }
                Effect::none()
            }
            _ => Effect::none(),
        }
    }

    /// Reads the file typed or writes the orders confirmed, whichever is
    /// pending; the frame before said which.
    pub fn run(&mut self, env: &mut Env) -> Effect {
        match std::mem::replace(&mut self.phase, Phase::Path) {
            Phase::Reading => {
                match read(&self.typed(), self.home.as_deref(), env) {
                    Ok(p) => self.phase = Phase::Preview(Box::new(p)),
                    Err(message) => self.error = Some(message),
                }
                Effect::none()
            }
            Phase::Writing(p) => write(*p, env).unwrap_or_else(|failed| {
                let (p, e) = *failed;
                self.phase = Phase::Preview(Box::new(p));
                e
            }),
            other => {
                self.phase = other;
                Effect::none()
            }
        }
    }
}

/// `effect` with the overlay closed.
fn closed(effect: Effect) -> Effect {
    Effect {
        overlay: Some(Overlay::None),
        ..effect
    }
}

/// The file at `typed` read as an order export, with what it would land
/// per month; or what stops it, in the user's words.
fn read(typed: &str, home: Option<&std::path::Path>, env: &Env) -> Result<Preview, String> {
    let w = &env.words().ui.import;
    let label = typed.trim().to_string();
    let at = path::expand(&label, home);
    if at.is_dir() {
        return Err(Format::fill(w.folder, &label));
    }
    let bytes = std::fs::read(&at).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Format::fill(w.not_found, &label),
        std::io::ErrorKind::PermissionDenied => Format::fill(w.denied, &label),
        _ => Format::fill_all(w.unreadable, &[&label, &e]),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Format::fill(w.empty, &label));
    }
    if bytes.starts_with(b"SQLite format 3\0") {
        return Err(Format::fill(w.database, &label));
    }
    let currency = env.config.currency;
    let cols = OrderColumns {
        money: Money {
            currency: currency.code().to_string(),
            places: currency.places() as u32,
            rates: Vec::new(),
        },
        ..OrderColumns::default()
    };
    let unrecognised = |e: ImportError| Format::fill_all(w.unrecognised, &[&label, &e]);
    let file = read_order_table(&label, bytes.into(), &cols).map_err(unrecognised)?;
    if file.summary.rows == 0 {
        return Err(Format::fill(w.empty, &label));
    }
    let stored = env
        .store
        .first_order_days()
        .map_err(|e| Format::fill(w.failed, e))?;
    let months = orders_per_month(&file.rows, &stored);
    Ok(Preview {
        label,
        file,
        months,
    })
}

/// Writes the orders of `p` as one change and says what landed; where the
/// write fails, the dry run stays with the reason (nothing was written).
fn write(p: Preview, env: &mut Env) -> Result<Effect, Box<(Preview, Effect)>> {
    let summary = &p.file.summary;
    let out =
        env.store
            .import_orders_withdrawing(&p.label, p.file.rows.iter(), &summary.withdrawn, true);
    // A write that met another process's lock is said as any failure:
    // the dry run stays, and Enter tries again.
    env.store.take_write_busy();
    let w = &env.words().ui.import;
    match out {
        Ok(out) => {
            // Built now, while the user expects to wait, so that the
            // figures read next need not walk every order.
            crate::analysis::Analysis::new(env.store, env.config, env.today)
                .refresh_rollups()
                .ok();
            let fmt = env.format();
            let n = |n: usize| count(fmt, n);
            // The file's name, not its path: what landed and the undo key
            // fit 80 columns.
            let name = std::path::Path::new(&p.label)
                .file_name()
                .map_or(p.label.clone(), |n| n.to_string_lossy().into_owned());
            let text = Format::fill_all(
                w.imported,
                &[
                    &name,
                    &n(out.added),
                    &n(out.updated),
                    &n(out.unchanged),
                    &env.undo_hint(),
                ],
            );
            Ok(closed(Effect::said(text)).made_stale(Stale::DERIVED))
        }
        Err(e) => {
            let why = env.format().error(&e);
            Err(Box::new((p, Effect::failed(Format::fill(w.failed, why)))))
        }
    }
}

/// A count as the locale groups it.
pub fn count(fmt: Format, n: usize) -> String {
    crate::domain::Amount::from_decimal(rust_decimal::Decimal::from(n))
        .map_or_else(|| n.to_string(), |a| fmt.count(a))
}
