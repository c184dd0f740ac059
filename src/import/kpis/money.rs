//! Money in the database's currency: the currency a header, row or cell
//! names, and converting at the `--rate`s given.

use crate::domain::Amount;
use crate::import::error::quoted;

/// The database's currency, and the rates the user gave to convert
/// money in other currencies into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// ISO code: `VND`.
    pub currency: String,
    /// Decimals of its minor unit: 0 for VND, 2 for USD.
    pub places: u32,
    /// `--rate USD=25400`: `(code, units of the database's currency for one)`.
    pub rates: Vec<(String, Amount)>,
}

impl Money {
    /// The currency money is in, from what the header, the row and the
    /// cell say (the database's where none says); refused where two say
    /// different ones. `what` names the money (spend, the order total).
    pub(crate) fn code_said<'a>(
        &'a self,
        said: [Option<&'a str>; 3],
        what: &str,
    ) -> Result<&'a str, String> {
        let mut codes = said.into_iter().flatten();
        let code = codes.next().unwrap_or(&self.currency);
        match codes.find(|c| *c != code) {
            Some(other) => Err(format!(
                "this {what} is said to be both in {code} and in {other}, so it cannot be read"
            )),
            None => Ok(code),
        }
    }

    /// The `--rate` money said to be in `code` is converted at: `None` in
    /// the database's own currency; refused naming both currencies where
    /// no rate was given. `what` names the money (spend, the order total).
    pub(crate) fn rate_for(&self, code: &str, what: &str) -> Result<Option<Amount>, String> {
        if code == self.currency {
            return Ok(None);
        }
        match self.rates.iter().find(|(c, _)| c == code) {
            Some((_, rate)) => Ok(Some(*rate)),
            None => {
                let db = &self.currency;
                Err(format!(
                    "this {what} is in {code}, but the database keeps money in {db}; convert it with --rate {code}=RATE ({db} for 1 {code})"
                ))
            }
        }
    }

    /// `value` (the cell `text`) in `code` at `rate`, in the database's
    /// currency; refused past the largest amount.
    pub(crate) fn convert(
        &self,
        value: Amount,
        rate: Amount,
        code: &str,
        text: &str,
    ) -> Result<Amount, String> {
        convert(value, rate, self.places).ok_or_else(|| {
            format!(
                "{} at {rate} {} per {code} is too large (the largest amount is {})",
                quoted(text),
                self.currency,
                crate::domain::amount::LIMIT
            )
        })
    }
}

impl Default for Money {
    fn default() -> Self {
        Money {
            currency: "VND".into(),
            places: 0,
            rates: Vec::new(),
        }
    }
}

/// The currency a header names in its trailing parentheses:
/// `Amount spent (USD)`.
pub(crate) fn header_currency(name: &str) -> Option<String> {
    let inner = name.trim().strip_suffix(')')?;
    let code = inner[inner.rfind('(')? + 1..].trim();
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

/// Decimals of a currency's minor unit (ISO 4217): none for the dong,
/// the yen and the won, two for the others funnel meets.
pub(super) fn minor_places(code: &str) -> u32 {
    match code {
        "VND" | "JPY" | "KRW" => 0,
        _ => 2,
    }
}

/// `value × rate`, rounded half away from zero to `places` decimals (the
/// minor unit of the database's currency), or `None` past the limit.
pub(super) fn convert(value: Amount, rate: Amount, places: u32) -> Option<Amount> {
    let one = i128::from(Amount::from_int(1).raw());
    let exact = i128::from(value.raw()) * i128::from(rate.raw());
    let step = one * 10i128.pow(crate::domain::amount::SCALE.saturating_sub(places));
    let half = step / 2;
    let rounded = if exact >= 0 {
        (exact + half) / step
    } else {
        (exact - half) / step
    };
    let raw = i64::try_from(rounded * step / one).ok()?;
    Some(Amount::from_raw(raw)).filter(|a| a.within_limit())
}
