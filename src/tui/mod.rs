//! Running the TUI in a real terminal: raw mode and the alternate screen
//! for as long as it runs, restored however it ends (quit, error, panic,
//! SIGTERM or SIGHUP from a dropped SSH connection); an event loop that
//! draws only when something changed.
//!
//! A test hook: `FUNNEL_TEST_CRASH=panic` (or `=error`) makes the first
//! key typed end the dashboard with a panic (or an error), so tests in a
//! pseudo-terminal can see the terminal put back either way.

use std::io::{Write, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::{DefaultTerminal, Terminal};

use crate::app::App;
use crate::ui;

mod editor;

/// Puts the terminal back when dropped, whatever path leaves `run`.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// Raw mode and the alternate screen; a panic from here on puts the
/// terminal back before its message is printed.
fn enter() -> std::io::Result<DefaultTerminal> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            report(info);
        }));
    });
    ENTERED.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Whether the terminal is in raw mode on the alternate screen.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// The terminal as the shell had it: raw mode off, the main screen back
/// and the cursor shown (drawing hides it). Only once per `enter`: a
/// second "leave the alternate screen" would move the cursor back to where
/// the dashboard started, and the shell would then write over a panic's
/// message.
fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let raw = disable_raw_mode();
    let screen = execute!(stdout(), LeaveAlternateScreen, Show);
    if let Err(e) = raw.and(screen) {
        // Not `eprintln!`: with the terminal gone (SIGHUP) it would panic,
        // and the panic's report would hold up the exit for seconds.
        let _ = writeln!(
            std::io::stderr(),
            "funnel: cannot restore the terminal: {e}"
        );
    }
}

/// What `FUNNEL_TEST_CRASH` asks the first key to do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Crash {
    Off,
    Panic,
    Error,
}

impl Crash {
    fn from_env() -> Crash {
        match std::env::var("FUNNEL_TEST_CRASH").as_deref() {
            Ok("panic") => Crash::Panic,
            Ok("error") => Crash::Error,
            _ => Crash::Off,
        }
    }

    fn on_key(self) -> std::io::Result<()> {
        match self {
            Crash::Off => Ok(()),
            Crash::Panic => panic!("FUNNEL_TEST_CRASH=panic: a panic on purpose"),
            Crash::Error => Err(std::io::Error::other(
                "FUNNEL_TEST_CRASH=error: an error on purpose",
            )),
        }
    }
}

/// Runs the TUI until the user quits. Every change was committed as it was
/// made, so stopping at any moment loses nothing.
pub fn run(mut app: App) -> std::io::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(std::io::Error::other(
            "the dashboard needs a terminal; from a script or cron use a command such as `funnel report` or `funnel snapshot`",
        ));
    }
    stop_on_signals()?;
    let crash = Crash::from_env();
    let mut terminal = enter()?;
    let _restore = Restore;
    event_loop(&mut terminal, &mut app, crash)
}

/// SIGTERM, SIGHUP (a dropped SSH connection, a closed tmux) or SIGINT
/// end the process from a watcher thread: the main thread may be blocked
/// reading a terminal that is gone, where it would never see a flag. The
/// terminal is restored first where it still exists and temporary files
/// are removed (`exit` runs no destructor); an unfinished write is rolled
/// back by SQLite, a finished one is already committed. One watcher per
/// process, however often this is called.
pub fn stop_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static WATCHING: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut watching = WATCHING.lock().unwrap_or_else(|p| p.into_inner());
    if *watching {
        return Ok(());
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                crate::files::remove_scratch();
                std::process::exit(128 + signal);
            }
        })?;
    *watching = true;
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, crash: Crash) -> std::io::Result<()> {
    let mut dirty = true;
    let mut last_check = Instant::now();
    // How long the loop sleeps waiting for a key before it looks for
    // changes made by other processes, for the database file gone from its
    // path, and for a new day: twice a second unless a test sets it.
    let poll = crate::knobs::get().poll;
    loop {
        if dirty && !event::poll(Duration::ZERO)? {
            app.settle();
            let size = terminal.size()?;
            let fit = ui::screen_fit(app, Rect::new(0, 0, size.width, size.height));
            app.resize(fit);
            terminal.draw(|f| ui::render(app, f))?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        // A write waiting for another process's lock is tried again more
        // often than the poll.
        let sleep = if app.is_waiting() {
            crate::app::RETRY_EVERY
        } else {
            poll
        };
        if event::poll(sleep)? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    crash.on_key()?;
                    app.on_key(&k);
                    if let Some(request) = app.take_edit_request() {
                        match editor::configured() {
                            Some(cmd) => {
                                let edited = editor::edit(terminal, &cmd, &request.text);
                                app.finish_edit(&request, edited);
                            }
                            None => app.edit_inside(request),
                        }
                    }
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        if app.is_waiting() {
            dirty |= app.retry_write();
        }
        if last_check.elapsed() >= poll {
            last_check = Instant::now();
            dirty |= app.poll_external();
            dirty |= app.poll_clock();
        }
    }
}

/// One frame drawn by the real render code into an off-screen buffer, as
/// plain text lines (trailing spaces trimmed): `funnel snapshot`.
pub fn snapshot(app: &mut App, width: u16, height: u16) -> std::io::Result<String> {
    let t = ui::theme(app);
    frame_text(app, width, height, t)
}

/// [`snapshot`] with a title line instead of the tab bar and no key hints
/// or example text, for a mail or a pipe.
pub fn plain_snapshot(app: &mut App, width: u16, height: u16) -> std::io::Result<String> {
    let t = ui::plain_theme(app);
    frame_text(app, width, height, t)
}

fn frame_text(app: &mut App, width: u16, height: u16, t: ui::Theme) -> std::io::Result<String> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    app.settle();
    let fit = ui::fit_drawn(app, Rect::new(0, 0, width, height), t);
    app.resize(fit);
    let mut terminal = Terminal::new(TestBackend::new(width, height))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    terminal
        .draw(|f| ui::draw(app, f, t))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(buffer_text(terminal.backend().buffer()))
}

/// A buffer as text, one line per row; a wide character's second cell is
/// not printed twice.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = crate::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
