//! The record-values form of the KPIs tab: a day, any number of
//! `metric=value` pairs (the metric completing to the store's metrics,
//! each value checked by its metric's unit and read as the locale writes
//! numbers, as `funnel kpi record` reads them) and, optionally, the
//! segment, channel or campaign they are about. All of them are written
//! as one change, so one undo takes the whole record back.

use chrono::NaiveDate;

use super::{Purpose, date, date_field};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::{Dimension, validate};
use crate::i18n::{Format, UiWords};
use crate::store::kpis::KpiInput;
use crate::store::{Store, StoreError};
use crate::text::fold::fold;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Values,
    Dimension,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// The kinds of dimension, in the order of `UiWords::dimension_kinds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Segment,
    Channel,
    Campaign,
}

const KINDS: [(Kind, &str); 3] = [
    (Kind::Segment, "segment"),
    (Kind::Channel, "channel"),
    (Kind::Campaign, "campaign"),
];

/// What a dimension field completes to: "segment: Văn phòng", with the
/// kind in the reader's words, for every segment, channel and campaign.
pub struct Dimensions {
    pub segments: Vec<String>,
    pub channels: Vec<String>,
    pub campaigns: Vec<String>,
}

impl Dimensions {
    pub fn read(store: &Store) -> Result<Dimensions, StoreError> {
        Ok(Dimensions {
            segments: store.segments()?.into_iter().map(|s| s.name).collect(),
            channels: store.channels()?.into_iter().map(|c| c.name).collect(),
            campaigns: store.campaigns()?.into_iter().map(|c| c.name).collect(),
        })
    }

    fn choices(self, ui: &UiWords) -> Vec<String> {
        let [s, c, k] = ui.dimension_kinds;
        let named = |kind: &str, names: Vec<String>| {
            names
                .into_iter()
                .map(move |n| format!("{kind}: {n}"))
                .collect::<Vec<_>>()
        };
        let mut out = named(s, self.segments);
        out.extend(named(c, self.channels));
        out.extend(named(k, self.campaigns));
        out
    }
}

/// A form for values on `day`, completing to `metrics` and `dimensions`.
pub fn open(day: NaiveDate, metrics: Vec<String>, dimensions: Dimensions, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let fields = vec![
        date_field(ui.date, &fmt.date(day), ui),
        Input::text(ui.form.values, "")
            .choices(metrics)
            .pairs()
            .hint(ui.form.values_hint),
        Input::value(ui.dimension, "")
            .choices(dimensions.choices(ui))
            .hint(ui.dimension_hint),
    ];
    Form::new(ui.record_values, Purpose::Record, fields)
}

/// The values the form describes, in the order typed, each mistake on
/// its field.
pub fn read(
    form: &Form,
    store: &Store,
    today: NaiveDate,
    fmt: Format,
) -> Result<Vec<KpiInput>, FieldError> {
    let ui = &fmt.words().ui;
    let day = date(form, Field::Date, today, fmt)?;
    let typed = pairs(&form.value(Field::Values))
        .map_err(|t| FieldError::at(Field::Values, Format::fill(ui.form.not_a_pair, t)))?;
    if typed.is_empty() {
        return Err(FieldError::at(Field::Values, ui.required));
    }
    let dimension = dimension(store, &form.value(Field::Dimension), fmt)
        .map_err(|e| FieldError::at(Field::Dimension, e))?;
    let mut values: Vec<KpiInput> = Vec::new();
    for (metric, value) in typed {
        let metric = store
            .metric(&metric)
            .map_err(|e| FieldError::at(Field::Values, fmt.error(&e)))?;
        if values.iter().any(|v| v.metric == metric.name) {
            let twice = Format::fill(ui.form.metric_twice, &metric.name);
            return Err(FieldError::at(Field::Values, twice));
        }
        let value = validate::metric_input(&metric.name, metric.unit, &value, fmt.locale)
            .map_err(|e| FieldError::at(Field::Values, fmt.error(&e)))?;
        values.push(KpiInput {
            day,
            metric: metric.name,
            dimension,
            value,
        });
    }
    Ok(values)
}

/// `visits=1200 spend=2 triệu` as (metric, value) pairs: a word without
/// `=` belongs to the value before it (`2 triệu`); the first word that
/// cannot be read so is the error.
fn pairs(typed: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for word in typed.split_whitespace() {
        match (word.split_once('='), out.last_mut()) {
            (Some((m, v)), _) if !m.is_empty() => out.push((m.to_string(), v.to_string())),
            (None, Some((_, v))) => {
                if !v.is_empty() {
                    v.push(' ');
                }
                v.push_str(word);
            }
            _ => return Err(word.to_string()),
        }
    }
    match out.iter().find(|(_, v)| v.is_empty()) {
        Some((m, _)) => Err(format!("{m}=")),
        None => Ok(out),
    }
}

/// The dimension typed: empty for the whole business, "channel: Facebook"
/// (the kind in the reader's words or in English), or a name alone where
/// only one segment, channel or campaign answers to it. Names are found
/// as the command line finds them: by id, name or an unambiguous part,
/// accents aside.
fn dimension(store: &Store, typed: &str, fmt: Format) -> Result<Dimension, String> {
    let ui = &fmt.words().ui;
    if typed.is_empty() {
        return Ok(Dimension::Total);
    }
    let find = |kind: Kind, name: &str| match kind {
        Kind::Segment => store.dimension(Some(name), None, None),
        Kind::Channel => store.dimension(None, Some(name), None),
        Kind::Campaign => store.dimension(None, None, Some(name)),
    };
    if let Some((word, name)) = typed.split_once(':') {
        let word = fold(word.trim());
        let kind = KINDS
            .iter()
            .zip(ui.dimension_kinds)
            .find(|((_, en), reader)| fold(en) == word || fold(reader) == word)
            .map(|((k, _), _)| *k);
        if let Some(kind) = kind {
            return find(kind, name.trim()).map_err(|e| fmt.error(&e));
        }
    }
    let mut found = Vec::new();
    let mut ambiguous = None;
    for ((kind, _), reader) in KINDS.iter().zip(ui.dimension_kinds) {
        match find(*kind, typed) {
            Ok(d) => found.push((d, reader)),
            Err(e @ StoreError::Ambiguous { .. }) => ambiguous = Some(fmt.error(&e)),
            Err(_) => {}
        }
    }
    match (found.as_slice(), ambiguous) {
        ([(d, _)], _) => Ok(*d),
        ([], Some(e)) => Err(e),
        ([], None) => Err(Format::fill(ui.dimension_unknown, typed)),
        (many, _) => {
            let kinds: Vec<&str> = many.iter().map(|(_, k)| *k).collect();
            Err(Format::fill_all(
                ui.dimension_ambiguous,
                &[&typed, &kinds.join(", "), &format!("{}: {typed}", kinds[0])],
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Amount, Channel, ChannelId, ChannelKind, Segment, SegmentId};
    use crate::i18n::testing::{EN, VI};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn store() -> Store {
        let mut s = Store::open_in_memory().expect("store");
        let seg = Segment {
            id: SegmentId(0),
            name: "Văn phòng".into(),
            description: String::new(),
            demographics: String::new(),
            needs: String::new(),
            habits: String::new(),
            market_size: None,
        };
        s.save_segment(&seg).expect("segment");
        s.save_segment(&Segment {
            name: "Email".into(),
            ..seg
        })
        .expect("segment");
        for name in ["Facebook", "Email"] {
            s.save_channel(&Channel {
                id: ChannelId(0),
                name: name.into(),
                kind: ChannelKind::Social,
                active: true,
                description: String::new(),
                segments: Vec::new(),
            })
            .expect("channel");
        }
        s
    }

    fn filled(values: &[(Field, &str)], fmt: Format, store: &Store) -> Form {
        let dims = Dimensions::read(store).expect("names");
        let mut form = open(day(22), vec!["visits".into(), "spend".into()], dims, fmt);
        for (field, text) in values {
            while form.focus != usize::from(*field) {
                form.next();
            }
            // A field is entered with the cursor after its text.
            for _ in form.value(*field).chars() {
                form.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
            for c in text.chars() {
                form.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
        }
        form
    }

    #[test]
    fn values_are_read_with_their_day_and_dimension() {
        let s = store();
        let form = filled(
            &[
                (Field::Date, "yesterday"),
                (Field::Values, "Visits=1200 conversions=31 spend=850000"),
                (Field::Dimension, "facebook"),
            ],
            EN,
            &s,
        );
        let v = read(&form, &s, day(22), EN).expect("valid");
        let got: Vec<(&str, Amount)> = v.iter().map(|v| (v.metric.as_str(), v.value)).collect();
        assert_eq!(
            got,
            [
                ("visits", Amount::from_int(1200)),
                ("conversions", Amount::from_int(31)),
                ("spend", Amount::from_int(850_000)),
            ]
        );
        assert!(v.iter().all(|v| v.day == day(21)));
        assert!(
            v.iter()
                .all(|v| matches!(v.dimension, Dimension::Channel(_))),
            "{v:?}"
        );
        let form = filled(
            &[(Field::Values, "visits=1.200 spend=2 triệu conversions=2,5")],
            VI,
            &s,
        );
        let v = read(&form, &s, day(22), VI).expect("the date defaults to today");
        assert_eq!((v[0].day, v[0].dimension), (day(22), Dimension::Total));
        let got: Vec<Amount> = v.iter().map(|v| v.value).collect();
        assert_eq!(
            got,
            [
                Amount::from_int(1200),
                Amount::from_int(2_000_000),
                "2.5".parse().expect("amount")
            ]
        );
    }

    /// What is typed in which fields, the field the mistake is on, and
    /// words of its message.
    type Case<'a> = (&'a [(Field, &'a str)], Field, &'a str);

    #[test]
    fn each_mistake_is_on_its_field() {
        let s = store();
        let cases: [Case<'_>; 9] = [
            (
                &[(Field::Date, "soon")],
                Field::Date,
                "'soon' is not a date",
            ),
            (&[], Field::Values, "required"),
            (
                &[(Field::Values, "sales=3")],
                Field::Values,
                "unknown metric 'sales'",
            ),
            (
                &[(Field::Values, "1200")],
                Field::Values,
                "'1200' is not metric=value",
            ),
            (
                &[(Field::Values, "visits=")],
                Field::Values,
                "'visits=' is not metric=value",
            ),
            (
                &[(Field::Values, "visits=1 visits=2")],
                Field::Values,
                "visits is given twice",
            ),
            (
                &[(Field::Values, "spend=5 visits=12.5")],
                Field::Values,
                "visits is a count: '12.5' must be a whole number, 0 or more",
            ),
            (
                &[(Field::Values, "visits=1"), (Field::Dimension, "email")],
                Field::Dimension,
                "'email' matches more than one (segment, channel): write, e.g., segment: email",
            ),
            (
                &[(Field::Values, "visits=1"), (Field::Dimension, "tiktok")],
                Field::Dimension,
                "no segment, channel or campaign is named 'tiktok'",
            ),
        ];
        for (values, field, message) in cases {
            let form = filled(values, EN, &s);
            let e = read(&form, &s, day(22), EN).expect_err("a mistake");
            assert_eq!(e.field, Some(usize::from(field)), "{values:?}");
            assert!(e.message.contains(message), "{values:?}: {}", e.message);
        }
    }

    #[test]
    fn the_kind_of_a_dimension_is_read_in_either_language() {
        let s = store();
        for (fmt, typed) in [
            (VI, "kênh: Email"),
            (VI, "kenh: email"),
            (VI, "channel: email"),
            (EN, "Channel: Email"),
        ] {
            let d = dimension(&s, typed, fmt).expect(typed);
            assert!(matches!(d, Dimension::Channel(_)), "{typed}: {d:?}");
        }
        assert!(matches!(
            dimension(&s, "phân khúc: van phong", VI),
            Ok(Dimension::Segment(_))
        ));
        assert!(matches!(
            dimension(&s, "van phong", VI),
            Ok(Dimension::Segment(_))
        ));
        let completions = Dimensions::read(&s).expect("names").choices(&VI.words().ui);
        assert!(
            completions.contains(&"phân khúc: Văn phòng".to_string()),
            "{completions:?}"
        );
    }
}
