//! Errors in the reader's words: every error a user can meet is typed
//! where it happens and worded here, from the locale's catalog, only when
//! it is shown. `Display` on these types gives the English words.

use crate::domain::DateError;
#[cfg(test)]
use crate::domain::RecordKind;
use crate::domain::amount::{AmountError, LIMIT, SCALE};
use crate::domain::kinds::UnknownValue;
use crate::domain::validate::{
    BadValue, Broken, FIRST_YEAR, Field, Invalid, LAST_YEAR, ValueProblem,
};
use crate::store::{Detachment, EmptyFor, NotFunnel, StoreError, Thing};

use super::{EN, Format};

/// An error worded for a reader.
pub trait Localized {
    fn localized(&self, fmt: Format) -> String;
}

/// The words of errors. Templates name their placeholders (`{field}`),
/// filled by [`Format::fill_named`]; flags, commands and the forms a user
/// types (`YYYY-MM-DD`, `+3d`) stay as they are in every locale.
#[derive(Debug)]
pub struct ErrorWords {
    /// What a field is called inside a sentence: "task title".
    pub field: fn(Field) -> &'static str,
    /// The names of the lists of allowed values ("task status"), by their
    /// English name, as [`UnknownValue`] carries it.
    pub value_kinds: [(&'static str, &'static str); 12],
    pub empty: &'static str,
    pub too_long: &'static str,
    pub control_character: &'static str,
    pub bad_tag: &'static str,
    /// "{field}: {why}"
    pub rule: &'static str,
    pub too_much: &'static str,
    pub more_than: &'static str,
    pub outside_years: &'static str,
    pub not_a_day: &'static str,
    pub too_large: &'static str,
    pub negative: &'static str,
    pub ends_before_start: &'static str,
    pub not_snake_case: &'static str,
    pub derived: &'static str,
    pub one_dimension: &'static str,
    /// "{day}: {why}"
    pub on_day: &'static str,
    pub value_too_large: &'static str,
    pub value_negative: &'static str,
    pub value_not_whole: &'static str,
    pub value_negative_money: &'static str,
    /// "{metric}: {why}"
    pub value_unreadable: &'static str,
    pub not_a_number: &'static str,
    pub number_too_large: &'static str,
    pub too_precise: &'static str,
    pub not_a_date: &'static str,
    pub unknown_value: &'static str,
    /// "{path}: not a funnel database ({reason})", with the reasons: not
    /// an SQLite file, damaged, other tables, an SQLite file but not funnel's.
    pub not_a_database: &'static str,
    pub not_funnel: [&'static str; 4],
    pub too_new: &'static str,
    pub needs_upgrade: &'static str,
    pub busy: &'static str,
    pub read_only: &'static str,
    pub disk_full: &'static str,
    /// "{path}: {how}; nothing was written", how: replaced, missing.
    pub detached: &'static str,
    pub detachments: [&'static str; 2],
    pub not_found: &'static str,
    /// Things found by id that are not records of a kind.
    pub task: &'static str,
    pub note: &'static str,
    pub message: &'static str,
    pub metric: &'static str,
    pub changed: &'static str,
    pub duplicate: &'static str,
    pub budget_exists: &'static str,
    pub unknown_metric: &'static str,
    /// "{what} '{key}' is ambiguous: {matches}"
    pub ambiguous: &'static str,
    pub import_needs_empty: &'static str,
    pub demo_needs_empty: &'static str,
    pub not_empty: &'static str,
    pub export_format: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub unreadable: &'static str,
    pub database_error: &'static str,
    /// "{path}: {why}" for a file that cannot be read or written.
    pub file: &'static str,
    /// A config file: "{path}: {why}".
    pub config: &'static str,
    pub config_line: &'static str,
    pub no_such_file: &'static str,
    pub config_too_big: &'static str,
    pub not_utf8: &'static str,
    /// A word that is not one of a few: "{what} '{given}' is not one of: {allowed}".
    pub not_one_of: &'static str,
    pub out_of_range: &'static str,
    /// The key bindings ([keys] in the config file).
    pub key_unknown_action: &'static str,
    pub key_unreadable: &'static str,
    pub key_no_quit: &'static str,
    pub key_reserved: &'static str,
    pub key_twice: &'static str,
    pub key_shadowed: &'static str,
    /// "{key} is {action}", in the list of `key_shadowed`.
    pub key_is: &'static str,
    /// A key that does not read: "'{key}' is not a key …".
    pub key_bad: &'static str,
    /// "{arg}: {why}", a command-line argument's value refused.
    pub argument: &'static str,
    /// `open_existing` on a path without a database.
    pub no_database: &'static str,
    pub not_a_pair: &'static str,
    pub campaign_needs_days: &'static str,
    /// "an objective needs {flag}", the title given as `objective_title_arg`.
    pub objective_needs: &'static str,
    pub objective_title_arg: &'static str,
    pub from_after_to: &'static str,
    pub too_many_periods: &'static str,
    pub bad_rate: &'static str,
    pub bad_size: &'static str,
    pub both_set: &'static str,
}

impl Format {
    /// The English words, as `Display` writes errors and logs keep them.
    pub const ENGLISH: Format = Format {
        locale: super::Locale::En,
        currency: super::Currency::Vnd,
    };

    /// A template with each `{name}` filled by the value of that name; a
    /// placeholder without a value stays as it is, and a value's own
    /// braces are never read as placeholders.
    pub fn fill_named(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut out = String::with_capacity(template.len() + 16 * values.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let named = after.find('}').and_then(|close| {
                let name = &after[..close];
                let value = values.iter().find(|(n, _)| *n == name)?;
                Some((close, value.1))
            });
            match named {
                Some((close, value)) => {
                    out.push_str(&value.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// An error in the reader's words.
    pub fn error(self, e: &dyn Localized) -> String {
        e.localized(self)
    }

    pub fn errors(self) -> &'static ErrorWords {
        self.words().errors
    }
}

use Format as F;

impl Localized for Invalid {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        let name = |f: Field| (w.field)(f);
        match self {
            Invalid::Empty { field } => F::fill_named(w.empty, &[("field", &name(*field))]),
            Invalid::TooLong { field, len, max } => F::fill_named(
                w.too_long,
                &[("field", &name(*field)), ("len", len), ("max", max)],
            ),
            Invalid::ControlCharacter { field, code } => F::fill_named(
                w.control_character,
                &[("field", &name(*field)), ("code", &format!("{code:04X}"))],
            ),
            Invalid::BadTag(tag) => F::fill_named(w.bad_tag, &[("tag", tag)]),
            Invalid::Rule { field, rule } => F::fill_named(
                w.rule,
                &[("field", &name(*field)), ("why", &rule.localized(fmt))],
            ),
            Invalid::TooMuch { what, total } => {
                let shown = rust_decimal::Decimal::try_from_i128_with_scale(*total, SCALE)
                    .map_or_else(
                        |_| F::fill_named(w.more_than, &[("limit", &LIMIT)]),
                        |d| d.normalize().to_string(),
                    );
                F::fill_named(
                    w.too_much,
                    &[("what", what), ("total", &shown), ("limit", &LIMIT)],
                )
            }
        }
    }
}

impl Localized for Broken {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        match self {
            Broken::OutsideYears(v) => F::fill_named(
                w.outside_years,
                &[("value", v), ("first", &FIRST_YEAR), ("last", &LAST_YEAR)],
            ),
            Broken::NotADay(v) => F::fill_named(w.not_a_day, &[("value", v)]),
            Broken::TooLarge(a) => F::fill_named(w.too_large, &[("value", a), ("limit", &LIMIT)]),
            Broken::Negative => w.negative.to_string(),
            Broken::EndsBeforeStart { start, end } => {
                F::fill_named(w.ends_before_start, &[("start", start), ("end", end)])
            }
            Broken::NotSnakeCase(v) => F::fill_named(w.not_snake_case, &[("value", v)]),
            Broken::Derived(m) => F::fill_named(w.derived, &[("metric", m)]),
            Broken::OneDimension => w.one_dimension.to_string(),
            Broken::Value(day, bad) => {
                F::fill_named(w.on_day, &[("day", day), ("why", &bad.localized(fmt))])
            }
            Broken::Period(why) => why.clone(),
        }
    }
}

impl Localized for BadValue {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        let metric = &self.metric;
        let (t, value): (&str, &dyn std::fmt::Display) = match &self.problem {
            ValueProblem::TooLarge(a) => (w.value_too_large, a),
            ValueProblem::Negative(a) => (w.value_negative, a),
            ValueProblem::NotWhole(a) => (w.value_not_whole, a),
            ValueProblem::NegativeMoney(a) => (w.value_negative_money, a),
            ValueProblem::Unreadable(e) => {
                return F::fill_named(
                    w.value_unreadable,
                    &[("metric", metric), ("why", &e.localized(fmt))],
                );
            }
        };
        F::fill_named(
            t,
            &[("metric", metric), ("value", value), ("limit", &LIMIT)],
        )
    }
}

impl Localized for AmountError {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        match self {
            AmountError::NotANumber(v) => F::fill_named(w.not_a_number, &[("value", v)]),
            AmountError::TooLarge(v) => {
                F::fill_named(w.number_too_large, &[("value", v), ("limit", &LIMIT)])
            }
            AmountError::TooPrecise(v) => {
                F::fill_named(w.too_precise, &[("value", v), ("places", &SCALE)])
            }
        }
    }
}

impl Localized for DateError {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        match self {
            DateError::Invalid(v) => F::fill_named(w.not_a_date, &[("value", v)]),
            DateError::OutOfRange(v) => F::fill_named(
                w.outside_years,
                &[
                    ("value", &format!("'{v}'")),
                    ("first", &FIRST_YEAR),
                    ("last", &LAST_YEAR),
                ],
            ),
        }
    }
}

impl Localized for UnknownValue {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        let what = w
            .value_kinds
            .iter()
            .find(|(en, _)| *en == self.what)
            .map_or(self.what, |(_, said)| *said);
        F::fill_named(
            w.unknown_value,
            &[
                ("given", &self.given),
                ("what", &what),
                ("allowed", &self.allowed),
            ],
        )
    }
}

impl Format {
    /// What a store calls a thing it looked for.
    fn thing(self, t: Thing) -> &'static str {
        let w = self.errors();
        match t {
            Thing::Record(kind) => self.words().ui.records.item(kind),
            Thing::Task => w.task,
            Thing::Note => w.note,
            Thing::Message => w.message,
            Thing::Metric => w.metric,
        }
    }
}

impl Localized for StoreError {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        match self {
            StoreError::NotADatabase { path, reason } => {
                let i = match reason {
                    NotFunnel::NotSqlite => 0,
                    NotFunnel::Damaged => 1,
                    NotFunnel::OtherTables => 2,
                    NotFunnel::NotFunnel => 3,
                };
                F::fill_named(
                    w.not_a_database,
                    &[("path", path), ("reason", &w.not_funnel[i])],
                )
            }
            StoreError::TooNew { path, found, known } => F::fill_named(
                w.too_new,
                &[("path", path), ("found", found), ("known", known)],
            ),
            StoreError::NeedsUpgrade { path, known } => {
                F::fill_named(w.needs_upgrade, &[("path", path), ("known", known)])
            }
            StoreError::File { path, message } => {
                F::fill_named(w.file, &[("path", path), ("why", message)])
            }
            StoreError::Busy => {
                F::fill_named(w.busy, &[("seconds", &crate::store::busy_seconds())])
            }
            StoreError::ReadOnly => w.read_only.to_string(),
            StoreError::DiskFull => w.disk_full.to_string(),
            StoreError::Detached { path, how } => {
                let how = match how {
                    Detachment::Replaced => w.detachments[0],
                    Detachment::Missing => w.detachments[1],
                };
                F::fill_named(w.detached, &[("path", path), ("how", &how)])
            }
            StoreError::NotFound { what, key } => {
                F::fill_named(w.not_found, &[("what", &fmt.thing(*what)), ("key", key)])
            }
            StoreError::Duplicate { what, name } => {
                F::fill_named(w.duplicate, &[("what", &fmt.thing(*what)), ("name", name)])
            }
            StoreError::Ambiguous { what, key, matches } => F::fill_named(
                w.ambiguous,
                &[
                    ("what", &fmt.thing(*what)),
                    ("key", key),
                    ("matches", matches),
                ],
            ),
            StoreError::BudgetExists(period) => {
                F::fill_named(w.budget_exists, &[("period", period)])
            }
            StoreError::UnknownMetric { name, known } => {
                F::fill_named(w.unknown_metric, &[("name", name), ("known", known)])
            }
            StoreError::NotEmpty(what) => match what {
                EmptyFor::Import => w.import_needs_empty.to_string(),
                EmptyFor::Demo => w.demo_needs_empty.to_string(),
                EmptyFor::Load => w.not_empty.to_string(),
            },
            StoreError::ExportFormat { found, known } => {
                F::fill_named(w.export_format, &[("found", found), ("known", known)])
            }
            StoreError::Changed { what, key } => {
                F::fill_named(w.changed, &[("what", &fmt.thing(*what)), ("key", key)])
            }
            StoreError::NothingTo(what) => match *what {
                "redo" => w.nothing_to_redo.to_string(),
                _ => w.nothing_to_undo.to_string(),
            },
            StoreError::NothingOwn { .. }
            | StoreError::UndoConflict { .. }
            | StoreError::UndoBlocked { .. } => fmt
                .journal_refusal(self, &crate::store::Origin::CommandLine)
                .unwrap_or_else(|| self.to_string()),
            StoreError::Invalid(e) => e.localized(fmt),
            StoreError::Unknown(e) => e.localized(fmt),
            StoreError::Date(e) => e.localized(fmt),
            StoreError::Document { .. } => self.to_string(),
            StoreError::Unreadable(why) => F::fill_named(w.unreadable, &[("why", why)]),
            StoreError::Sqlite(e) => F::fill_named(w.database_error, &[("why", e)]),
        }
    }
}

impl Localized for crate::config::ConfigError {
    fn localized(&self, fmt: Format) -> String {
        F::fill_named(
            fmt.errors().config,
            &[("path", &self.path), ("why", &self.problem.localized(fmt))],
        )
    }
}

impl Localized for crate::config::ConfigProblem {
    fn localized(&self, fmt: Format) -> String {
        use crate::config::ConfigProblem as P;
        let w = fmt.errors();
        match self {
            P::Unreadable(why) => why.clone(),
            P::Syntax { line, why } => match line {
                Some(line) => F::fill_named(w.config_line, &[("line", line), ("why", why)]),
                None => why.clone(),
            },
            P::NoSuchFile => w.no_such_file.to_string(),
            P::TooBig => w.config_too_big.to_string(),
            P::NotUtf8 => w.not_utf8.to_string(),
            P::NotOneOf {
                what,
                given,
                allowed,
            } => F::fill_named(
                w.not_one_of,
                &[("what", what), ("given", given), ("allowed", allowed)],
            ),
            P::OutOfRange {
                what,
                value,
                min,
                max,
            } => F::fill_named(
                w.out_of_range,
                &[("what", what), ("value", value), ("min", min), ("max", max)],
            ),
            P::Keys(e) => e.localized(fmt),
        }
    }
}

impl Localized for crate::app::KeymapError {
    fn localized(&self, fmt: Format) -> String {
        use crate::app::KeymapError as K;
        let w = fmt.errors();
        match self {
            K::UnknownAction { name, known } => {
                F::fill_named(w.key_unknown_action, &[("name", name), ("known", known)])
            }
            K::BadKey { name, key } => F::fill_named(
                w.key_unreadable,
                &[("name", name), ("why", &key.localized(fmt))],
            ),
            K::NoQuit => w.key_no_quit.to_string(),
            K::Reserved { name } => F::fill_named(w.key_reserved, &[("name", name)]),
            K::Twice { key, other, name } => F::fill_named(
                w.key_twice,
                &[("key", key), ("other", other), ("name", name)],
            ),
            K::Shadowed { tab, uses } => {
                let uses = uses
                    .iter()
                    .map(|(key, action)| {
                        F::fill_named(w.key_is, &[("key", key), ("action", action)])
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                // The tab by the name the reader's tab bar gives it.
                let tab = EN
                    .ui
                    .tabs
                    .iter()
                    .position(|t| t == tab)
                    .map_or(*tab, |i| fmt.words().ui.tabs[i]);
                F::fill_named(w.key_shadowed, &[("uses", &uses), ("tab", &tab)])
            }
        }
    }
}

impl Localized for crate::app::BadKey {
    fn localized(&self, fmt: Format) -> String {
        F::fill_named(fmt.errors().key_bad, &[("key", &self.0)])
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::i18n::{EN, VI};

    /// The placeholders of a template: how many `{}`, and the names of
    /// the named ones, sorted.
    fn placeholders(t: &str) -> (usize, Vec<String>) {
        let mut named = Vec::new();
        let mut positional = 0;
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close)
                    if after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_') =>
                {
                    if close == 0 {
                        positional += 1;
                    } else {
                        named.push(after[..close].to_string());
                    }
                    rest = &after[close + 1..];
                }
                _ => rest = after,
            }
        }
        named.sort();
        (positional, named)
    }

    /// The first quoted text of a line of `{:#?}` output, unescaped.
    fn quoted(line: &str) -> Option<String> {
        let start = line.find('"')?;
        let mut text = String::new();
        let mut chars = line[start + 1..].chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => text.push(chars.next()?),
                '"' => return Some(text),
                c => text.push(c),
            }
        }
        None
    }

    /// Every text of a catalog by its path (`ui.tabs.2`), read from its
    /// `{:#?}` form so that no field can be left out of the walk; and the
    /// length of every list, by its path.
    fn walk(words: &crate::i18n::Words) -> (Vec<(String, String)>, HashMap<String, usize>) {
        let mut texts = Vec::new();
        let mut lengths = HashMap::new();
        // Open containers: their path and how many elements they hold.
        let mut open: Vec<(String, usize)> = Vec::new();
        for line in format!("{words:#?}").lines() {
            let t = line.trim();
            if open.is_empty() {
                // `Words {`: the root.
                open.push((String::new(), 0));
                continue;
            }
            if matches!(t, "}," | "]," | ")," | "}" | "]" | ")") {
                if let Some((path, n)) = open.pop() {
                    lengths.insert(path, n);
                }
                continue;
            }
            let Some((parent, count)) = open.last_mut() else {
                continue;
            };
            let parent = parent.clone();
            // A field is `name: …`; anything else is the next element.
            let (name, value) = match t.split_once(": ") {
                Some((n, v)) if !n.starts_with('"') => (n.to_string(), v),
                _ => {
                    *count += 1;
                    ((*count - 1).to_string(), t)
                }
            };
            let path = format!("{parent}.{name}");
            if value.ends_with('{') || value.ends_with('[') || value.ends_with('(') {
                open.push((path, 0));
            } else if let Some(text) = quoted(value) {
                texts.push((path, text));
            }
        }
        for f in Field::ALL {
            let text = (words.errors.field)(*f).to_string();
            texts.push((format!(".errors.field({f:?})"), text));
        }
        for k in RecordKind::ALL {
            let kind = (words.ui.records.kinds)(*k);
            for (part, t) in [("item", kind.item), ("new", kind.new), ("edit", kind.edit)] {
                texts.push((format!(".ui.records.kinds({k:?}).{part}"), t.to_string()));
            }
        }
        (texts, lengths)
    }

    /// Whether `path` is an element of a list whose length differs between
    /// the catalogs (help lines, lookup tables): such lists are not
    /// paired element by element.
    fn in_uneven_list(
        path: &str,
        en: &HashMap<String, usize>,
        vi: &HashMap<String, usize>,
    ) -> bool {
        let mut prefix = String::new();
        for part in path.split('.').skip(1) {
            if part.parse::<usize>().is_ok() && en.get(&prefix) != vi.get(&prefix) {
                return true;
            }
            prefix = format!("{prefix}.{part}");
        }
        false
    }

    #[test]
    fn every_template_has_the_same_placeholders_in_both_locales() {
        let (en, en_lengths) = walk(&EN);
        let (vi, vi_lengths) = walk(&VI);
        let vi: HashMap<String, String> = vi.into_iter().collect();
        // The walk reaches the depths of the catalog, lists included.
        for path in [
            ".errors.busy",
            ".cli.task.added",
            ".ui.tabs.3",
            ".ui.records.counts.6.1",
        ] {
            assert!(en.iter().any(|(p, _)| p == path), "the walk missed {path}");
        }
        let mut compared = 0;
        for (path, e) in &en {
            let Some(v) = vi.get(path) else {
                assert!(
                    in_uneven_list(path, &en_lengths, &vi_lengths),
                    "{path} is missing in vi"
                );
                continue;
            };
            if in_uneven_list(path, &en_lengths, &vi_lengths) {
                continue;
            }
            compared += 1;
            assert_eq!(placeholders(e), placeholders(v), "{path}: '{e}' vs '{v}'");
            assert!(
                e.trim().is_empty() || !v.trim().is_empty(),
                "{path}: empty in vi"
            );
        }
        assert!(compared > 900, "only {compared} texts compared");
    }

    #[test]
    fn placeholders_are_read_positional_and_named() {
        assert_eq!(placeholders("{} of {}"), (2, vec![]));
        assert_eq!(
            placeholders("{path}: {why} {}"),
            (1, vec!["path".to_string(), "why".to_string()])
        );
        assert_eq!(placeholders("a {x y} {"), (0, vec![]));
    }

    #[test]
    fn named_placeholders_fill_by_name_and_keep_the_rest() {
        assert_eq!(
            Format::fill_named("{b} then {a} and {c}", &[("a", &1), ("b", &"{a}")]),
            "{a} then 1 and {c}"
        );
        assert_eq!(Format::fill_named("{", &[]), "{");
        assert_eq!(Format::fill_named("x}{y", &[("y", &2)]), "x}{y");
    }

    /// A template with words of its own (not only placeholders and
    /// punctuation, not a command or a key) is worded anew in Vietnamese.
    #[test]
    fn every_error_template_is_worded_in_vietnamese() {
        let en = walk(&EN).0;
        let vi: HashMap<String, String> = walk(&VI).0.into_iter().collect();
        // Placeholders and what a user types (the config's `[keys]`).
        let only_placeholders = |t: &str| {
            let mut rest = t.replace("[keys]", "");
            for name in placeholders(t).1 {
                rest = rest.replace(&format!("{{{name}}}"), "");
            }
            !rest.chars().any(char::is_alphabetic)
        };
        let same: Vec<&str> = en
            .iter()
            .filter(|(path, e)| {
                // A list's English names are the keys it is looked up by.
                let key = path.starts_with(".errors.value_kinds.") && path.ends_with(".0");
                path.starts_with(".errors.")
                    && !key
                    && vi.get(path) == Some(e)
                    && !only_placeholders(e)
            })
            .map(|(_, e)| e.as_str())
            .collect();
        let errors = en.iter().filter(|(p, _)| p.starts_with(".errors.")).count();
        assert!(errors > 100, "only {errors} error texts found");
        assert!(same.is_empty(), "English left in vi: {same:?}");
    }
}
