//! Running the TUI in a real terminal: raw mode and the alternate screen
//! for as long as it runs, restored however it ends (quit, error, panic,
//! SIGTERM or SIGHUP from a dropped SSH connection, which also close the
//! database as quitting does); an event loop that draws only when
//! something changed.
//!
//! A test hook: `FUNNEL_TEST_CRASH=panic` (or `=error`) makes the first
//! key typed end the dashboard with a panic (or an error), so tests in a
//! pseudo-terminal can see the terminal put back either way.

use std::io::{Write, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
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
pub mod mouse;

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

/// Whether the terminal reports the mouse to the dashboard (and so does
/// not select text with it) until put back.
static MOUSE: AtomicBool = AtomicBool::new(false);

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
    let mouse = match MOUSE.swap(false, Ordering::SeqCst) {
        true => execute!(stdout(), DisableMouseCapture),
        false => Ok(()),
    };
    let screen = execute!(stdout(), LeaveAlternateScreen, Show).and(mouse);
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
    // Only asked for: a terminal reporting the mouse no longer selects
    // text with it.
    if app.config.mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(stdout(), EnableMouseCapture)?;
    }
    LOOPING.store(true, Ordering::SeqCst);
    let out = event_loop(&mut terminal, &mut app, crash);
    LOOPING.store(false, Ordering::SeqCst);
    let signal = STOPPED_BY.load(Ordering::SeqCst);
    if signal != 0 {
        // Closed as `q` closes it, the store folds its WAL into the file:
        // a plain copy after a dropped SSH connection takes it whole.
        app.close_before_exit();
        end_by_signal(signal);
    }
    out
}

/// The signal that asked the dashboard to stop; 0 for none.
static STOPPED_BY: AtomicI32 = AtomicI32::new(0);

/// Whether the dashboard's event loop runs, and so stops itself on a signal.
static LOOPING: AtomicBool = AtomicBool::new(false);

/// How long a signal's watcher lets the dashboard close its store before
/// it ends the process itself: the loop looks for the signal at least
/// once a poll, and a close takes milliseconds.
fn grace() -> Duration {
    crate::knobs::get().poll + Duration::from_secs(5)
}

/// Stdin made an open, empty pipe. A terminal that hung up reads as
/// ended at once, and the terminal library reads it again without end,
/// never back in the loop to see the signal; an empty pipe has nothing
/// to read, so the loop gets there. Both ends stay open until the exit.
fn quiet_input() {
    use rustix::pipe::{PipeFlags, pipe_with};
    if let Ok(ends) = pipe_with(PipeFlags::NONBLOCK | PipeFlags::CLOEXEC) {
        let _ = rustix::stdio::dup2_stdin(&ends.0);
        std::mem::forget(ends);
    }
}

/// Ends the process as the signal asked, without unwinding: the terminal
/// put back where it still exists and temporary files removed (`exit` runs
/// no destructor).
fn end_by_signal(signal: i32) -> ! {
    restore();
    crate::files::remove_scratch();
    std::process::exit(128 + signal);
}

/// SIGTERM, SIGHUP (a dropped SSH connection, a closed tmux) or SIGINT
/// end the process. A running dashboard is asked first: it stops its loop
/// and closes its store, folding the WAL into the file as `q` does. Should
/// it not get there in [`grace`] (blocked on a terminal that is gone, or
/// on an editor), the watcher thread ends the process itself, as it does
/// at once outside the dashboard: an unfinished write is rolled back by
/// SQLite, a finished one is already committed, and the WAL stays beside
/// the file until the next funnel folds it. One watcher per process,
/// however often this is called.
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
                STOPPED_BY.store(signal, Ordering::SeqCst);
                if LOOPING.load(Ordering::SeqCst) {
                    if signal == SIGHUP {
                        quiet_input();
                    }
                    std::thread::sleep(grace());
                }
                end_by_signal(signal);
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
            // What the frame just said is under way (a file read or
            // imported) is done now, and drawn next.
            dirty = app.run_deferred();
            // A first frame reads the task lines in part: the rest are
            // read now, unless a key is already waiting (it reads them).
            if !dirty && !event::poll(Duration::ZERO)? {
                app.read_all_tasks();
            }
        }
        if app.quit || STOPPED_BY.load(Ordering::SeqCst) != 0 {
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
                Event::Mouse(m) => {
                    let size = terminal.size()?;
                    mouse::on_mouse(app, &m, Rect::new(0, 0, size.width, size.height));
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

/// A frame as `funnel snapshot` prints it: without colour, so with the
/// marks colour would give in words; without `chrome`, a title line
/// instead of the tab bar and no key hints or example text, for a mail
/// or a pipe.
pub fn printed_snapshot(
    app: &mut App,
    width: u16,
    height: u16,
    chrome: bool,
) -> std::io::Result<String> {
    let t = ui::printed_theme(app, chrome);
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
