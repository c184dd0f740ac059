//! The user's settings: the config file, with command-line flags on top.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use serde::Deserialize;

use crate::i18n::{Currency, Locale};
use crate::taskview::views::{View, ViewProblem};

/// Settings as the rest of the program uses them.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub locale: Locale,
    pub currency: Currency,
    pub week_start: Weekday,
    pub theme: Theme,
    pub churn_window_days: u32,
    pub loyalty_threshold: u32,
    /// Plain ASCII instead of box drawing and braille.
    pub ascii: bool,
    /// Chart lines in braille dots: only where colour is on and the
    /// terminal announces a modern emulator (`COLORTERM`); elsewhere the
    /// font may lack braille, and lines are drawn with `•`.
    pub braille: bool,
    /// Key rebindings: action name → keys (see `app::keymap`).
    pub keys: BTreeMap<String, Vec<String>>,
    /// The file these settings were read from, for messages about them.
    pub path: Option<PathBuf>,
    /// Clicks and the wheel in the dashboard; off by default, so the
    /// terminal keeps selecting text (over SSH too).
    pub mouse: bool,
    /// The Tasks tab's saved views, and the `[[view]]` tables left out
    /// (see `taskview::views`): a bad view never keeps the dashboard shut.
    pub views: Vec<View>,
    pub view_problems: Vec<ViewProblem>,
    /// Where a new view is written: the file read, or the default file
    /// where there is none yet.
    pub views_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Default,
    Mono,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            locale: Locale::En,
            currency: Currency::Vnd,
            week_start: Weekday::Mon,
            theme: Theme::Default,
            churn_window_days: 90,
            loyalty_threshold: 3,
            ascii: false,
            braille: true,
            keys: BTreeMap::new(),
            path: None,
            mouse: false,
            views: Vec::new(),
            view_problems: Vec::new(),
            views_file: None,
        }
    }
}

/// The most a config file may hold: a few lines are the norm, and a path
/// at a device such as `/dev/zero` must not be read without end.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The text of the config file at `path`, `None` where there is none; a
/// FIFO, a device, a folder or a file over [`MAX_CONFIG_BYTES`] is refused.
pub(crate) fn read_capped(path: &Path) -> Result<Option<String>, ConfigProblem> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| ConfigProblem::Unreadable(e.to_string());
    let Some(file) = crate::files::open_regular(path).map_err(unreadable)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(ConfigProblem::TooBig);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ConfigProblem::NotUtf8)
}

/// The file's shape: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    locale: Option<String>,
    currency: Option<String>,
    week_start: Option<String>,
    theme: Option<String>,
    churn_window_days: Option<u32>,
    loyalty_threshold: Option<u32>,
    ascii: Option<bool>,
    keys: Option<BTreeMap<String, Vec<String>>>,
    mouse: Option<bool>,
    /// Read leniently, view by view (see `taskview::views::read`).
    view: Option<toml::Value>,
}

/// A config file refused: where, and why (worded by the catalogs, see
/// [`crate::i18n::Localized`]; `Display` gives the English words).
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    pub problem: ConfigProblem,
}

/// What is wrong with a config file or a setting's flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// The system's words for a file that cannot be opened or read.
    Unreadable(String),
    /// TOML's words for text that does not parse, with its line.
    Syntax {
        line: Option<usize>,
        why: String,
    },
    NoSuchFile,
    TooBig,
    NotUtf8,
    /// A setting (`locale`, `--week-start`) given a word not among `allowed`.
    NotOneOf {
        what: &'static str,
        given: String,
        allowed: &'static str,
    },
    OutOfRange {
        what: &'static str,
        value: u32,
        min: u32,
        max: u32,
    },
    Keys(crate::app::KeymapError),
}

impl std::error::Error for ConfigError {}
impl std::error::Error for ConfigProblem {}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Localized::localized(
            self,
            crate::i18n::Format::ENGLISH,
        ))
    }
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Localized::localized(
            self,
            crate::i18n::Format::ENGLISH,
        ))
    }
}

/// The default config file: `$XDG_CONFIG_HOME/funnel/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "funnel").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads `path` if given (it must exist), else the default file if it
    /// exists, else the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match path {
            Some(p) => (Some(p.to_path_buf()), true),
            None => (default_path(), false),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let err = |problem| ConfigError {
            path: path.display().to_string(),
            problem,
        };
        let text = match read_capped(&path) {
            Ok(Some(t)) => t,
            Ok(None) if !required => {
                return Ok(Config {
                    views_file: Some(path),
                    ..Config::default()
                });
            }
            Ok(None) => return Err(err(ConfigProblem::NoSuchFile)),
            Err(e) => return Err(err(e)),
        };
        let mut c = Config::parse(&text).map_err(err)?;
        c.path = Some(path.clone());
        c.views_file = Some(path);
        Ok(c)
    }

    /// The locale a config file names, read on its own: the words to
    /// refuse the rest of a file in that does not load.
    pub fn locale_only(path: Option<&Path>) -> Option<Locale> {
        let path = path.map(Path::to_path_buf).or_else(default_path)?;
        let text = read_capped(&path).ok()??;
        let table: toml::Table = toml::from_str(&text).ok()?;
        table.get("locale")?.as_str()?.parse().ok()
    }

    /// Parses the text of a config file.
    pub fn parse(text: &str) -> Result<Config, ConfigProblem> {
        let file: File = toml::from_str(text).map_err(|e| ConfigProblem::Syntax {
            line: e.span().map(|s| text[..s.start].matches('\n').count() + 1),
            why: e.message().to_string(),
        })?;
        let mut c = Config::default();
        if let Some(l) = file.locale {
            c.locale = l.parse()?;
        }
        if let Some(cur) = file.currency {
            c.currency = cur.parse()?;
        }
        if let Some(w) = file.week_start {
            c.week_start = parse_week_start(&w)?;
        }
        if let Some(t) = file.theme {
            c.theme = match t.as_str() {
                "default" => Theme::Default,
                "mono" => Theme::Mono,
                other => {
                    return Err(ConfigProblem::NotOneOf {
                        what: "theme",
                        given: other.to_string(),
                        allowed: "default, mono",
                    });
                }
            };
        }
        if let Some(w) = file.churn_window_days {
            c.churn_window_days = check_range("churn_window_days", w, 1, 3650)?;
        }
        if let Some(l) = file.loyalty_threshold {
            c.loyalty_threshold = check_range("loyalty_threshold", l, 1, 1000)?;
        }
        if let Some(a) = file.ascii {
            c.ascii = a;
        }
        if let Some(k) = file.keys {
            c.keys = k;
        }
        if let Some(m) = file.mouse {
            c.mouse = m;
        }
        (c.views, c.view_problems) = crate::taskview::views::read(file.view.as_ref());
        Ok(c)
    }
}

pub fn parse_week_start(s: &str) -> Result<Weekday, ConfigProblem> {
    match s.trim().to_lowercase().as_str() {
        "monday" | "mon" => Ok(Weekday::Mon),
        "sunday" | "sun" => Ok(Weekday::Sun),
        "saturday" | "sat" => Ok(Weekday::Sat),
        other => Err(ConfigProblem::NotOneOf {
            what: "week_start",
            given: other.to_string(),
            allowed: "monday, sunday, saturday",
        }),
    }
}

pub fn check_range(field: &'static str, v: u32, min: u32, max: u32) -> Result<u32, ConfigProblem> {
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(ConfigProblem::OutOfRange {
            what: field,
            value: v,
            min,
            max,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_defaults() {
        let shipped = Config::parse(include_str!("../assets/config.toml"));
        assert_eq!(shipped, Ok(Config::default()));
    }

    #[test]
    fn reads_every_key() {
        let c = Config::parse(
            "locale = \"vi\"\ncurrency = \"USD\"\nweek_start = \"sunday\"\ntheme = \"mono\"\n\
             churn_window_days = 60\nloyalty_threshold = 5\n",
        )
        .expect("valid config");
        assert_eq!(c.locale, Locale::Vi);
        assert_eq!(c.currency, Currency::Usd);
        assert_eq!(c.week_start, Weekday::Sun);
        assert_eq!(c.theme, Theme::Mono);
        assert_eq!((c.churn_window_days, c.loyalty_threshold), (60, 5));
        let c = Config::parse("ascii = true\n[keys]\ntoggle_done = [\"x\", \"space\"]\n")
            .expect("keys");
        assert!(c.ascii);
        assert_eq!(c.keys["toggle_done"], ["x", "space"]);
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let e = Config::parse("locale = \"vi\"\nchurn_window = 30\n")
            .expect_err("unknown key")
            .to_string();
        assert!(e.starts_with("line 2: "), "{e}");
        assert!(e.contains("churn_window"), "{e}");
        let e = Config::parse("locale = \"fr\"")
            .expect_err("bad locale")
            .to_string();
        assert!(e.contains("'fr'"), "{e}");
        let e = Config::parse("churn_window_days = 0")
            .expect_err("zero window")
            .to_string();
        assert!(e.contains("out of range"), "{e}");
    }

    #[test]
    fn mouse_and_views_are_read_and_a_bad_view_leaves_the_rest_working() {
        let c = Config::parse(
            "mouse = true\nlocale = \"vi\"\n[[view]]\nname = \"SEO\"\nfilter = \"#seo\"\n\
             [[view]]\nname = \"SEO\"\n[[view]]\nname = \"Odd\"\ngroup = \"week\"\n",
        )
        .expect("a bad view is no config error");
        assert!(c.mouse);
        assert_eq!(c.locale, Locale::Vi);
        let names: Vec<&str> = c.views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["SEO"]);
        let left_out: Vec<&str> = c.view_problems.iter().map(|p| p.view.as_str()).collect();
        assert_eq!(left_out, ["SEO", "Odd"]);
        assert!(!Config::default().mouse);
    }
}
