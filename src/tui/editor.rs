//! Running the user's own editor on long text: the dashboard leaves the
//! terminal to it (raw mode off, main screen back), waits, and takes the
//! terminal back whatever the editor did.

use std::process::Command;

use ratatui::DefaultTerminal;

/// The editor the user asked for: `$VISUAL`, else `$EDITOR`; `None` when
/// neither is set (the built-in editor is used then).
pub fn configured() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

/// Edits `text` in `editor` (a command line such as `vim` or `code -w`,
/// run by the shell with the file as its last argument) and returns what
/// the file holds after; an error says why nothing came back.
pub fn edit(terminal: &mut DefaultTerminal, editor: &str, text: &str) -> Result<String, String> {
    // Private (0600, as tempfile makes it), and removed by the signal
    // watcher should the dashboard be stopped while the editor runs.
    let file = tempfile::Builder::new()
        .prefix("funnel-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    let _gone = crate::files::Scratch::register(file.path());
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    super::restore();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    // Take the terminal back before anything else can fail.
    let back = super::enter().map(|t| *terminal = t);
    let _ = terminal.clear();
    back.map_err(|e| e.to_string())?;
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path()).map_err(|e| e.to_string()),
        Ok(s) => Err(format!("{editor}: {s}")),
        Err(e) => Err(format!("{editor}: {e}")),
    }
}
