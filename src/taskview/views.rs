//! Saved views of the Tasks tab: named filters with their grouping and
//! order, kept as `[[view]]` tables in the config file.
//!
//! Reading them never fails as a whole: a bad view is left out with the
//! reason, so the dashboard always opens. Saving one adds a table to the
//! file as it stands, so the user's other settings, layout and comments
//! stay as they were.

use std::path::Path;

use chrono::{NaiveDate, Weekday};

use super::{FilterError, Grouping, Sort, parse_filter};

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub name: String,
    pub filter: String,
    pub grouping: Grouping,
    pub sort: Sort,
}

/// A `[[view]]` table that is left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewProblem {
    /// The view's name, or its place in the file ("#2") where it has none.
    pub view: String,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// `view` is not a list of tables.
    NotTables,
    NoName,
    /// A key whose value is not text.
    NotText(String),
    UnknownKey(String),
    /// A second view of the same name (the first is kept).
    Duplicate,
    Group(String),
    Order(String),
    Filter(FilterError),
}

/// The words of a view's grouping in the config file.
const GROUPS: [(&str, Grouping); 3] = [
    ("none", Grouping::None),
    ("status", Grouping::Status),
    ("due", Grouping::Due),
];

/// The words of a view's order: the two the Tasks tab's key switches
/// between.
const ORDERS: [(&str, Sort); 2] = [("next", Sort::Next), ("due", Sort::Due)];

const KEYS: [&str; 4] = ["name", "filter", "group", "order"];

fn group_word(g: Grouping) -> &'static str {
    GROUPS
        .iter()
        .find(|(_, x)| *x == g)
        .map_or("none", |(w, _)| w)
}

fn order_word(s: Sort) -> &'static str {
    ORDERS
        .iter()
        .find(|(_, x)| *x == s)
        .map_or("next", |(w, _)| w)
}

/// The views of the config file's `view` key, and the problems of the
/// tables left out. Filters are checked later, against the day the
/// dashboard opens on (see [`usable`]).
pub fn read(raw: Option<&toml::Value>) -> (Vec<View>, Vec<ViewProblem>) {
    let mut views: Vec<View> = Vec::new();
    let mut problems = Vec::new();
    let Some(raw) = raw else {
        return (views, problems);
    };
    let Some(list) = raw.as_array() else {
        problems.push(ViewProblem {
            view: String::new(),
            why: Why::NotTables,
        });
        return (views, problems);
    };
    for (i, item) in list.iter().enumerate() {
        let place = format!("#{}", i + 1);
        match one(item, &place) {
            Ok(v) if views.iter().any(|w| w.name == v.name) => problems.push(ViewProblem {
                view: v.name,
                why: Why::Duplicate,
            }),
            Ok(v) => views.push(v),
            Err(p) => problems.push(p),
        }
    }
    (views, problems)
}

/// One `[[view]]` table.
fn one(item: &toml::Value, place: &str) -> Result<View, ViewProblem> {
    let problem = |view: &str, why| ViewProblem {
        view: view.to_string(),
        why,
    };
    let Some(table) = item.as_table() else {
        return Err(problem(place, Why::NotTables));
    };
    let text = |key: &str, view: &str| match table.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .map(|s| Some(s.trim().to_string()))
            .ok_or_else(|| problem(view, Why::NotText(key.to_string()))),
    };
    let name = match text("name", place)? {
        Some(n) if !n.is_empty() => n,
        _ => return Err(problem(place, Why::NoName)),
    };
    if let Some(key) = table.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(problem(&name, Why::UnknownKey(key.clone())));
    }
    let word = |key: &str| -> Result<Option<String>, ViewProblem> {
        Ok(text(key, &name)?.map(|w| w.to_lowercase()))
    };
    let grouping = match word("group")? {
        None => Grouping::None,
        Some(w) => match GROUPS.iter().find(|(g, _)| *g == w) {
            Some((_, g)) => *g,
            None => return Err(problem(&name, Why::Group(w))),
        },
    };
    let sort = match word("order")? {
        None => Sort::Next,
        Some(w) => match ORDERS.iter().find(|(o, _)| *o == w) {
            Some((_, s)) => *s,
            None => return Err(problem(&name, Why::Order(w))),
        },
    };
    Ok(View {
        filter: text("filter", &name)?.unwrap_or_default(),
        name,
        grouping,
        sort,
    })
}

/// The views whose filters parse on `today`; the others are left out
/// with the filter's mistake.
pub fn usable(
    views: &[View],
    today: NaiveDate,
    week_start: Weekday,
) -> (Vec<View>, Vec<ViewProblem>) {
    let mut good = Vec::new();
    let mut problems = Vec::new();
    for v in views {
        match parse_filter(&v.filter, today, week_start) {
            Ok(_) => good.push(v.clone()),
            Err(e) => problems.push(ViewProblem {
                view: v.name.clone(),
                why: Why::Filter(e),
            }),
        }
    }
    (good, problems)
}

/// Why a view could not be saved; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    NoName,
    /// A view of that name is in the file already.
    Exists(String),
    /// The file is not TOML as it stands (the parser's message).
    NotToml(String),
    /// The file's `view` key is not a list of tables.
    NotTables,
    /// Reading or writing the file failed (the system's message).
    Io(String),
}

/// `text`, a config file, with `view` added as a `[[view]]` table at its
/// end; all else is kept as it was, comments included.
pub fn added(text: &str, view: &View) -> Result<String, SaveError> {
    let name = view.name.trim();
    if name.is_empty() {
        return Err(SaveError::NoName);
    }
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| SaveError::NotToml(e.message().to_string()))?;
    let list = doc
        .entry("view")
        .or_insert(toml_edit::Item::ArrayOfTables(
            toml_edit::ArrayOfTables::new(),
        ))
        .as_array_of_tables_mut()
        .ok_or(SaveError::NotTables)?;
    let taken = list.iter().any(|t| {
        t.get("name")
            .and_then(|n| n.as_str())
            .is_some_and(|n| n.trim() == name)
    });
    if taken {
        return Err(SaveError::Exists(name.to_string()));
    }
    let mut table = toml_edit::Table::new();
    table.insert("name", toml_edit::value(name));
    table.insert("filter", toml_edit::value(view.filter.trim()));
    table.insert("group", toml_edit::value(group_word(view.grouping)));
    table.insert("order", toml_edit::value(order_word(view.sort)));
    list.push(table);
    Ok(doc.to_string())
}

/// Adds `view` to the config file at `path` (made, with its folder, where
/// there is none). The new text replaces the file whole, or nothing
/// changes: it is written beside it and renamed over it.
pub fn save(path: &Path, view: &View) -> Result<(), SaveError> {
    let io = |e: std::io::Error| SaveError::Io(e.to_string());
    let text = crate::config::read_capped(path)
        .map_err(|e| SaveError::Io(e.to_string()))?
        .unwrap_or_default();
    let new = added(&text, view)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, new.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn views(text: &str) -> (Vec<View>, Vec<ViewProblem>) {
        let value: toml::Table = toml::from_str(text).expect("toml");
        read(value.get("view"))
    }

    fn view(name: &str, filter: &str, grouping: Grouping, sort: Sort) -> View {
        View {
            name: name.into(),
            filter: filter.into(),
            grouping,
            sort,
        }
    }

    #[test]
    fn reads_good_views_with_their_defaults() {
        let (v, p) = views(
            "[[view]]\nname = \"Ngọc's week\"\nfilter = \"@ngoc due:week\"\ngroup = \"due\"\norder = \"due\"\n\
             [[view]]\nname = \"All\"\n",
        );
        assert_eq!(p, []);
        assert_eq!(
            v,
            [
                view("Ngọc's week", "@ngoc due:week", Grouping::Due, Sort::Due),
                view("All", "", Grouping::None, Sort::Next),
            ]
        );
    }

    #[test]
    fn each_bad_view_is_left_out_with_its_reason_and_the_good_ones_stay() {
        let cases: [(&str, ViewProblem); 7] = [
            (
                "[[view]]\nfilter = \"#seo\"\n",
                ViewProblem {
                    view: "#1".into(),
                    why: Why::NoName,
                },
            ),
            (
                "[[view]]\nname = \"A\"\nfilter = 3\n",
                ViewProblem {
                    view: "A".into(),
                    why: Why::NotText("filter".into()),
                },
            ),
            (
                "[[view]]\nname = \"A\"\nsort = \"due\"\n",
                ViewProblem {
                    view: "A".into(),
                    why: Why::UnknownKey("sort".into()),
                },
            ),
            (
                "[[view]]\nname = \"A\"\ngroup = \"week\"\n",
                ViewProblem {
                    view: "A".into(),
                    why: Why::Group("week".into()),
                },
            ),
            (
                "[[view]]\nname = \"A\"\norder = \"alpha\"\n",
                ViewProblem {
                    view: "A".into(),
                    why: Why::Order("alpha".into()),
                },
            ),
            (
                "[[view]]\nname = \"Twice\"\n[[view]]\nname = \"Twice\"\nfilter = \"x\"\n",
                ViewProblem {
                    view: "Twice".into(),
                    why: Why::Duplicate,
                },
            ),
            (
                "view = \"mine\"\n",
                ViewProblem {
                    view: String::new(),
                    why: Why::NotTables,
                },
            ),
        ];
        for (text, problem) in cases {
            if text.starts_with("view =") {
                assert_eq!(views(text), (vec![], vec![problem]));
                continue;
            }
            let (v, p) = views(&format!("{text}\n[[view]]\nname = \"Good\"\n"));
            assert_eq!(p, [problem], "{text}");
            let names: Vec<&str> = v.iter().map(|v| v.name.as_str()).collect();
            let kept = if text.contains("Twice") {
                vec!["Twice", "Good"]
            } else {
                vec!["Good"]
            };
            assert_eq!(names, kept, "{text}");
        }
    }

    #[test]
    fn a_view_whose_filter_does_not_parse_is_left_out() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let all = [
            view("Bad", "due:<", Grouping::None, Sort::Next),
            view("Good", "#seo", Grouping::None, Sort::Next),
        ];
        let (good, problems) = usable(&all, today, Weekday::Mon);
        assert_eq!(good, [all[1].clone()]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].view, "Bad");
        assert!(matches!(problems[0].why, Why::Filter(_)));
    }

    #[test]
    fn saving_keeps_comments_and_settings_and_refuses_a_name_taken() {
        let text = "# my settings\nlocale = \"vi\" # Vietnamese\n\n[keys]\nquit = [\"Q\"]\n";
        let v = view("Ngọc's week", "@ngoc due:week", Grouping::Due, Sort::Due);
        let new = added(text, &v).expect("added");
        assert!(new.starts_with(text), "{new}");
        let (read_back, problems) = views(&new);
        assert_eq!((read_back, problems), (vec![v.clone()], vec![]));
        let c = crate::config::Config::parse(&new).expect("still a config");
        assert_eq!(c.locale, crate::i18n::Locale::Vi);
        assert_eq!(
            added(&new, &v),
            Err(SaveError::Exists("Ngọc's week".into()))
        );
        let blank = View {
            name: "  ".into(),
            ..v.clone()
        };
        assert_eq!(added(text, &blank), Err(SaveError::NoName));
        assert_eq!(added("view = 1\n", &v), Err(SaveError::NotTables));
        assert!(matches!(
            added("locale = \n", &v),
            Err(SaveError::NotToml(_))
        ));
    }

    #[test]
    fn save_makes_the_file_and_its_folder_and_adds_to_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("funnel").join("config.toml");
        let a = view("A", "#seo", Grouping::Status, Sort::Next);
        let b = view("B", "", Grouping::None, Sort::Due);
        save(&path, &a).expect("first");
        save(&path, &b).expect("second");
        assert_eq!(save(&path, &a), Err(SaveError::Exists("A".into())));
        let c = crate::config::Config::load(Some(&path)).expect("config");
        assert_eq!(c.views, [a, b]);
    }
}
