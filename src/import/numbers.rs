//! Numbers as exports write them (`1,234.5`, `1.234.567,5 ₫`, `$ -12`),
//! with the decimal mark decided once per column.

use crate::domain::Amount;

/// Which mark a column uses for decimals; the other one (and spaces)
/// group thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalMark {
    Point,
    Comma,
}

impl DecimalMark {
    fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    fn example(self) -> &'static str {
        match self {
            DecimalMark::Point => "a decimal point, as in 1,234.5",
            DecimalMark::Comma => "a decimal comma, as in 1.234,5",
        }
    }

    fn other(self) -> DecimalMark {
        match self {
            DecimalMark::Point => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Point,
        }
    }
}

/// Currency marks allowed before or after a number (longest first).
const MARKS: [&str; 12] = [
    "VNĐ", "VNđ", "vnđ", "VND", "USD", "EUR", "₫", "đ", "Đ", "$", "€", "£",
];

/// A value without its sign and currency marks.
struct Stripped<'a> {
    negative: bool,
    body: &'a str,
    vnd: bool,
}

fn strip(text: &str) -> Stripped<'_> {
    let mut s = text.trim();
    let mut negative = false;
    let mut signed = false;
    let mut vnd = false;
    loop {
        let b = s.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            break;
        };
        // Most values are bare digits: nothing at either end to look at.
        if first.is_ascii_digit() && last.is_ascii_digit() {
            break;
        }
        if !signed && matches!(first, b'-' | b'+') {
            negative = first == b'-';
            signed = true;
            s = s[1..].trim_start();
            continue;
        }
        let same = |a: Option<&u8>, b: u8| a.is_some_and(|a| a.eq_ignore_ascii_case(&b));
        let mark = MARKS.iter().find_map(|m| {
            let prefix = same(m.as_bytes().first(), first).then(|| strip_prefix_ci(s, m));
            let suffix = || same(m.as_bytes().last(), last).then(|| strip_suffix_ci(s, m));
            prefix
                .flatten()
                .or_else(|| suffix().flatten())
                .map(|rest| (m, rest))
        });
        match mark {
            Some((m, rest)) => {
                vnd |= !matches!(*m, "USD" | "EUR" | "$" | "€" | "£");
                s = rest.trim();
            }
            None => break,
        }
    }
    Stripped {
        negative,
        body: s,
        vnd,
    }
}

fn strip_prefix_ci<'a>(s: &'a str, m: &str) -> Option<&'a str> {
    let head = s.get(..m.len())?;
    head.eq_ignore_ascii_case(m).then(|| &s[m.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, m: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(m.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(m).then(|| &s[..cut])
}

#[derive(Debug, PartialEq, Eq)]
enum Problem {
    Shape,
    TooPrecise,
    TooLarge,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The raw `Amount` of `body` (digits, group marks, one decimal mark).
/// Groups after the first must have three digits, and all group marks of
/// one value must be the same character.
fn scan(body: &str, mark: DecimalMark) -> Result<i64, Problem> {
    let dec = mark.char();
    let group = mark.other().char();
    let (mut int, mut frac, mut frac_digits) = (0i64, 0i64, 0u32);
    let (mut in_frac, mut any_digit, mut too_precise) = (false, false, false);
    let mut group_mark: Option<char> = None;
    let mut run = 0usize;
    for c in body.chars() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            any_digit = true;
            let d = i64::from(d);
            if in_frac {
                if frac_digits < 4 {
                    frac = frac * 10 + d;
                } else if d != 0 {
                    too_precise = true;
                }
                frac_digits += 1;
            } else {
                int = int
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(d))
                    .ok_or(Problem::TooLarge)?;
                run += 1;
            }
        } else if c == dec {
            if in_frac || (group_mark.is_some() && run != 3) {
                return Err(Problem::Shape);
            }
            in_frac = true;
        } else if c == group || is_space(c) {
            let ok = match group_mark {
                None => (1..=3).contains(&run),
                Some(g) => g == c && run == 3,
            };
            if in_frac || !ok {
                return Err(Problem::Shape);
            }
            group_mark = Some(c);
            run = 0;
        } else {
            return Err(Problem::Shape);
        }
    }
    let bad_end = if in_frac {
        frac_digits == 0
    } else {
        group_mark.is_some() && run != 3
    };
    if !any_digit || bad_end {
        return Err(Problem::Shape);
    }
    if too_precise {
        return Err(Problem::TooPrecise);
    }
    let frac = frac * 10i64.pow(4 - frac_digits.min(4));
    int.checked_mul(10_000)
        .and_then(|v| v.checked_add(frac))
        .ok_or(Problem::TooLarge)
}

fn accepts(body: &str, mark: DecimalMark) -> bool {
    !matches!(scan(body, mark), Err(Problem::Shape))
}

/// The mark only one convention can read `body` with, if any. The last
/// separator tells which to try (`1,234.5`: point; `1.234.567`: comma;
/// `1,234`: both, no vote); the value must then read that way.
fn vote(body: &str) -> Option<DecimalMark> {
    let b = body.as_bytes();
    let last = b.iter().rposition(|c| matches!(c, b'.' | b','))?;
    let (mark, other) = match b[last] {
        b'.' => (DecimalMark::Point, b','),
        _ => (DecimalMark::Comma, b'.'),
    };
    let repeated = b[..last].contains(&b[last]);
    let other_before = b[..last].contains(&other);
    let digits_after = b.len() - last - 1;
    let guess = if repeated {
        mark.other()
    } else if other_before || digits_after != 3 {
        mark
    } else {
        return None;
    };
    accepts(body, guess).then_some(guess)
}

/// Decides a column's decimal mark from all its values: each value that
/// only one convention can read (`1234,5`, `1.234.567`, `1,234.5`) votes;
/// the majority wins (a tie: the first vote). With no vote (only integers
/// or `1.234`-like values), a column with a VND mark or a `;`-delimited
/// file means a decimal comma, else a decimal point.
pub(crate) fn detect<'a>(values: impl Iterator<Item = &'a str>, semicolon: bool) -> DecimalMark {
    let (mut point, mut comma) = (0usize, 0usize);
    let mut first = None;
    let mut vnd = false;
    for v in values {
        if !v.contains(['.', ',']) {
            vnd |= !v.is_empty() && !v.bytes().all(|b| b.is_ascii_digit()) && strip(v).vnd;
            continue;
        }
        let s = strip(v);
        vnd |= s.vnd;
        let Some(vote) = vote(s.body) else {
            continue;
        };
        first.get_or_insert(vote);
        match vote {
            DecimalMark::Point => point += 1,
            DecimalMark::Comma => comma += 1,
        }
    }
    match (point.cmp(&comma), first) {
        (std::cmp::Ordering::Greater, _) => DecimalMark::Point,
        (std::cmp::Ordering::Less, _) => DecimalMark::Comma,
        (_, Some(vote)) => vote,
        _ if vnd || semicolon => DecimalMark::Comma,
        _ => DecimalMark::Point,
    }
}

/// Reads one value with the column's decimal mark. The error is a complete
/// sentence; `noun` is what the value should be ("an amount", "a number").
pub(crate) fn parse(text: &str, mark: DecimalMark, noun: &str) -> Result<Amount, String> {
    let s = strip(text);
    let q = || super::error::quoted(text);
    let raw = match scan(s.body, mark) {
        Ok(raw) => raw,
        Err(problem) => {
            let q = q();
            return Err(match problem {
                Problem::TooPrecise => format!("{q} has more than 4 decimal places"),
                Problem::TooLarge => format!(
                    "{q} is too large (the largest amount is {})",
                    crate::domain::amount::LIMIT
                ),
                Problem::Shape if accepts(s.body, mark.other()) => format!(
                    "{q} is not {noun} in this column's format (it uses {})",
                    mark.example()
                ),
                Problem::Shape => format!("{q} is not {noun}"),
            });
        }
    };
    let amount = Amount::from_raw(if s.negative { -raw } else { raw });
    if !amount.within_limit() {
        return Err(format!(
            "{} is too large (the largest amount is {})",
            q(),
            crate::domain::amount::LIMIT
        ));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalMark::{Comma, Point};

    fn p(text: &str, mark: DecimalMark) -> Result<String, String> {
        parse(text, mark, "an amount").map(|a| a.to_string())
    }

    #[test]
    fn reads_both_conventions() {
        assert_eq!(p("1234.5", Point), Ok("1234.5".into()));
        assert_eq!(p("1,234.5", Point), Ok("1234.5".into()));
        assert_eq!(p("1.234,5", Comma), Ok("1234.5".into()));
        assert_eq!(p("1234,5", Comma), Ok("1234.5".into()));
        assert_eq!(p("1.234.567,5", Comma), Ok("1234567.5".into()));
        assert_eq!(p("1 234,50", Comma), Ok("1234.5".into()));
        assert_eq!(p("1\u{a0}234,50 €", Comma), Ok("1234.5".into()));
        assert_eq!(p("150.000 ₫", Comma), Ok("150000".into()));
        assert_eq!(p("150.000đ", Comma), Ok("150000".into()));
        assert_eq!(p("150,000 VND", Point), Ok("150000".into()));
        assert_eq!(p("$1,234.56", Point), Ok("1234.56".into()));
        assert_eq!(p("-$12", Point), Ok("-12".into()));
        assert_eq!(p("$ -12.5", Point), Ok("-12.5".into()));
        assert_eq!(p("-1.234,5", Comma), Ok("-1234.5".into()));
        assert_eq!(p("0.0001", Point), Ok("0.0001".into()));
        assert_eq!(p("1.50000", Point), Ok("1.5".into()), "zeros past 4 places");
    }

    #[test]
    fn rejects_garbage_with_the_text() {
        assert_eq!(p("12kg", Point), Err("'12kg' is not an amount".into()));
        assert_eq!(
            p("1.2.3,4,5", Comma),
            Err("'1.2.3,4,5' is not an amount".into())
        );
        assert_eq!(
            p("1.2.3,4,5", Point),
            Err("'1.2.3,4,5' is not an amount".into())
        );
        assert_eq!(p("12,3x", Point), Err("'12,3x' is not an amount".into()));
        assert_eq!(p("-", Point), Err("'-' is not an amount".into()));
        assert_eq!(
            p("1,23,456", Point),
            Err("'1,23,456' is not an amount".into())
        );
        assert_eq!(
            p("1.23456", Point),
            Err("'1.23456' has more than 4 decimal places".into())
        );
        assert_eq!(
            p("99999999999999999999", Point),
            Err(
                "'99999999999999999999' is too large (the largest amount is 100000000000000)"
                    .into()
            )
        );
        assert_eq!(
            p("100,000,000,000,000", Point),
            Ok("100000000000000".into())
        );
        assert_eq!(
            p("-100 000 000 000 000,0001", Comma),
            Err(
                "'-100 000 000 000 000,0001' is too large (the largest amount is 100000000000000)"
                    .into()
            )
        );
        assert_eq!(
            p("12,5", Point),
            Err("'12,5' is not an amount in this column's format (it uses a decimal point, as in 1,234.5)".into())
        );
        assert_eq!(
            p("1.5,000", Point),
            Err("'1.5,000' is not an amount".into())
        );
    }

    #[test]
    fn detects_the_decimal_mark_per_column() {
        assert_eq!(detect(["1234,5", "12", ""].into_iter(), false), Comma);
        assert_eq!(detect(["1.234.567", "5"].into_iter(), false), Comma);
        assert_eq!(detect(["1,234.5", "1,000"].into_iter(), true), Point);
        assert_eq!(detect(["1234.5"].into_iter(), true), Point);
        // No vote: the hints decide.
        assert_eq!(detect(["1.234", "12"].into_iter(), false), Point);
        assert_eq!(detect(["1.234", "12"].into_iter(), true), Comma);
        assert_eq!(detect(["150.000 ₫", "12"].into_iter(), false), Comma);
        assert_eq!(detect(["150000đ"].into_iter(), false), Comma);
        // Majority, then the first vote.
        assert_eq!(detect(["1,5", "2.5", "3.5"].into_iter(), false), Point);
        assert_eq!(detect(["1,5", "2.5"].into_iter(), false), Comma);
        assert_eq!(detect(["1.234,567", "1,234,567"].into_iter(), false), Comma);
        assert_eq!(detect([".5", "1.23456"].into_iter(), true), Point);
        assert_eq!(detect(["1,2345"].into_iter(), false), Comma);
        // A value no convention reads does not vote.
        assert_eq!(detect(["1.2.3,4,5", "7"].into_iter(), false), Point);
    }
}
