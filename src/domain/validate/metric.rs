//! The rules of a metric: a user metric's name, and the values a metric
//! of each unit can take.

use super::{BadValue, Broken, Field, Invalid, ValueProblem};
use crate::domain::{Amount, Unit};

/// A user metric's name: snake_case, a-z, 0-9 and `_`, starting with a
/// letter, at most 40 characters.
pub fn metric_name(name: &str) -> Result<(), Invalid> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Invalid::Rule {
            field: Field::MetricName,
            rule: Broken::NotSnakeCase(name.to_string()),
        })
    }
}

/// A value a metric of `unit` can take: a count is a whole number ≥ 0
/// (conversions may be fractional, see [`fractional_count`]), money is ≥ 0; percentages and plain numbers may be anything.
pub fn metric_value(metric: &str, unit: Unit, value: Amount) -> Result<(), BadValue> {
    let bad = |problem| {
        Err(BadValue {
            metric: metric.to_string(),
            problem,
        })
    };
    if !value.within_limit() {
        return bad(ValueProblem::TooLarge(value));
    }
    let whole = value.raw() % Amount::from_int(1).raw() == 0;
    match unit {
        Unit::Count if fractional_count(metric) && value < Amount::ZERO => {
            bad(ValueProblem::Negative(value))
        }
        Unit::Count if fractional_count(metric) => Ok(()),
        Unit::Count if !whole || value < Amount::ZERO => bad(ValueProblem::NotWhole(value)),
        Unit::Money if value < Amount::ZERO => bad(ValueProblem::NegativeMoney(value)),
        _ => Ok(()),
    }
}

/// Whether a count may hold fractions: conversions, which data-driven
/// attribution shares out between ads (`3.5`).
pub fn fractional_count(metric: &str) -> bool {
    metric == "conversions"
}

/// A value typed for a metric (on the command line or in a form): a
/// number as the locale writes it (see [`crate::domain::numbers`]) that
/// [`metric_value`] accepts.
pub fn metric_input(
    metric: &str,
    unit: Unit,
    typed: &str,
    locale: crate::i18n::Locale,
) -> Result<Amount, BadValue> {
    let value = crate::domain::parse_amount(typed, locale).map_err(|e| BadValue {
        metric: metric.to_string(),
        problem: ValueProblem::Unreadable(e),
    })?;
    metric_value(metric, unit, value)?;
    Ok(value)
}
