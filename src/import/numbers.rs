//! Numbers as exports write them (`1,234.5`, `1.234.567,5 ₫`, `$ -12`),
//! with the decimal mark decided once per column.

use crate::domain::Amount;

/// Which mark a column uses for decimals; the other one (and spaces)
/// group thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
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

/// Currency marks allowed before or after a number (longest first), and
/// the ISO code of the currency each one means.
const MARKS: [(&str, &str); 12] = [
    ("VNĐ", "VND"),
    ("VNđ", "VND"),
    ("vnđ", "VND"),
    ("VND", "VND"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("₫", "VND"),
    ("đ", "VND"),
    ("Đ", "VND"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
];

/// The ISO code a currency mark or code in a cell stands for: `₫` and
/// `VNĐ` are VND, `$` is USD, and three letters are taken as a code.
pub fn currency_code(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some((_, code)) = MARKS.iter().find(|(m, _)| m.eq_ignore_ascii_case(t)) {
        return Some((*code).to_string());
    }
    (t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase())
}

/// A value without its sign, currency marks and percent sign.
struct Stripped<'a> {
    negative: bool,
    body: &'a str,
    currency: Option<&'static str>,
    percent: bool,
}

fn strip(text: &str) -> Stripped<'_> {
    let mut s = text.trim();
    let mut negative = false;
    let mut signed = false;
    let mut currency = None;
    let mut percent = false;
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
        if !percent && last == b'%' {
            percent = true;
            s = s[..s.len() - 1].trim_end();
            continue;
        }
        let same = |a: Option<&u8>, b: u8| a.is_some_and(|a| a.eq_ignore_ascii_case(&b));
        let mark = MARKS.iter().find_map(|(m, code)| {
            let prefix = same(m.as_bytes().first(), first).then(|| strip_prefix_ci(s, m));
            let suffix = || same(m.as_bytes().last(), last).then(|| strip_suffix_ci(s, m));
            prefix
                .flatten()
                .or_else(|| suffix().flatten())
                .map(|rest| (*code, rest))
        });
        match mark {
            Some((code, rest)) => {
                currency = Some(code);
                s = rest.trim();
            }
            None => break,
        }
    }
    Stripped {
        negative,
        body: s,
        currency,
        percent,
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

/// What one value says about its column's decimal mark.
enum Vote {
    /// Only this mark reads it (`1234,5`, `1.234.567`, `1,234.5`, `0.500`).
    Only(DecimalMark),
    /// One separator before exactly three digits (`850.000`, `1,250`):
    /// a decimal with three places, or thousands; the separator is given.
    Either(char),
}

/// The vote of `body`, if it has a separator. The last separator tells
/// which to try (`1,234.5`: point; `1.234.567`: comma); the value must
/// then read that way.
fn vote(body: &str) -> Option<Vote> {
    let b = body.as_bytes();
    let last = b.iter().rposition(|c| matches!(c, b'.' | b','))?;
    let (mark, other) = match b[last] {
        b'.' => (DecimalMark::Point, b','),
        _ => (DecimalMark::Comma, b'.'),
    };
    let repeated = b[..last].contains(&b[last]);
    let other_before = b[..last].contains(&other);
    let digits_after = b.len() - last - 1;
    // `0.500` and `.500`: no thousands group starts with 0 or is empty.
    let no_group = matches!(b.first(), None | Some(b'0' | b'.' | b','));
    let guess = if repeated {
        mark.other()
    } else if other_before || digits_after != 3 || no_group {
        mark
    } else {
        return Some(Vote::Either(b[last] as char));
    };
    accepts(body, guess).then_some(Vote::Only(guess))
}

/// A column whose values can honestly be read two ways: the row of an
/// example, and the sentence saying both readings.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TwoWays {
    pub row: usize,
    /// The separator of the example: `.` or `,`.
    pub sep: char,
    pub message: String,
}

/// Decides a column's decimal mark from all its values. Each value that
/// only one convention can read (`1234,5`, `1.234.567`, `1,234.5`) votes;
/// the majority wins (a tie: the first vote). With no vote, a value such
/// as `850.000` or `1,250` (one separator, three digits after it) is
/// thousands where the column holds at most `places` decimals (0 for a
/// count or VND, 2 for dollars): three decimals cannot be meant. In a
/// column that may hold them, a `;`-delimited file (a decimal-comma
/// spreadsheet) means a decimal comma; otherwise both readings are honest
/// and the column is refused with an example, unless the user said which.
pub(crate) fn decide<'a>(
    values: impl Iterator<Item = &'a str>,
    places: u32,
    semicolon: bool,
) -> Result<DecimalMark, TwoWays> {
    let (mut point, mut comma) = (0usize, 0usize);
    let mut first = None;
    // The first `850.000`-like value of each separator: (row, text).
    let mut either: [Option<(usize, &str)>; 2] = [None, None];
    for (row, v) in values.enumerate() {
        if !v.contains(['.', ',']) {
            continue;
        }
        match vote(strip(v).body) {
            Some(Vote::Only(mark)) => {
                first.get_or_insert(mark);
                match mark {
                    DecimalMark::Point => point += 1,
                    DecimalMark::Comma => comma += 1,
                }
            }
            Some(Vote::Either(sep)) => {
                either[usize::from(sep == ',')].get_or_insert((row, v));
            }
            None => {}
        }
    }
    match (point.cmp(&comma), first) {
        (std::cmp::Ordering::Greater, _) => return Ok(DecimalMark::Point),
        (std::cmp::Ordering::Less, _) => return Ok(DecimalMark::Comma),
        (_, Some(vote)) => return Ok(vote),
        _ => {}
    }
    let two_ways = |(row, text): (usize, &str), sep: char| {
        let s = strip(text);
        let read = |mark| match scan(s.body, mark) {
            Ok(raw) => Amount::from_raw(if s.negative { -raw } else { raw }).to_string(),
            Err(_) => "?".to_string(),
        };
        let (point, comma) = (read(DecimalMark::Point), read(DecimalMark::Comma));
        let readings = if sep == '.' {
            format!("{point} (a decimal point) or {comma} (a thousands separator)")
        } else {
            format!("{point} (a thousands separator) or {comma} (a decimal comma)")
        };
        TwoWays {
            row,
            sep,
            message: format!(
                "{} could be {readings}; say which with --decimal-point (1,234.5) or --decimal-comma (1.234,5)",
                super::error::quoted(text)
            ),
        }
    };
    match either {
        [None, None] => Ok(DecimalMark::Point),
        // `1.234` and `5,678` cannot both be thousands, nor both decimals.
        [Some(dot), Some(comma)] if places < 3 || !semicolon => Err(two_ways(
            if dot.0 < comma.0 { dot } else { comma },
            if dot.0 < comma.0 { '.' } else { ',' },
        )),
        [Some(_), None] if places < 3 => Ok(DecimalMark::Comma),
        [None, Some(_)] if places < 3 => Ok(DecimalMark::Point),
        _ if semicolon => Ok(DecimalMark::Comma),
        [Some(dot), _] => Err(two_ways(dot, '.')),
        [None, Some(comma)] => Err(two_ways(comma, ',')),
    }
}

/// [`decide`] for a money column of an order export: it never holds
/// three decimals, so a lone `1.234` is thousands. A column mixing
/// `1.234` and `5,678` and nothing else reads them as its first one.
pub(crate) fn detect<'a>(values: impl Iterator<Item = &'a str>, semicolon: bool) -> DecimalMark {
    decide(values, 2, semicolon).unwrap_or_else(|two| match two.sep {
        '.' => DecimalMark::Comma,
        _ => DecimalMark::Point,
    })
}

/// One cell read: the value, the currency its marks name, and whether it
/// ended in `%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Read {
    pub amount: Amount,
    pub currency: Option<&'static str>,
    pub percent: bool,
}

/// Reads one value with the column's decimal mark. The error is a complete
/// sentence; `noun` is what the value should be ("an amount", "a number").
/// A percent sign is refused: an amount is no percentage. The currency
/// a mark names (`$`) is kept.
pub(crate) fn parse(text: &str, mark: DecimalMark, noun: &str) -> Result<Read, String> {
    match read(text, mark, noun)? {
        Read { percent: true, .. } => Err(format!("{} is not {noun}", super::error::quoted(text))),
        r => Ok(r),
    }
}

/// [`parse`] keeping what the marks around the number said.
pub(crate) fn read(text: &str, mark: DecimalMark, noun: &str) -> Result<Read, String> {
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
    Ok(Read {
        amount,
        currency: s.currency,
        percent: s.percent,
    })
}

#[cfg(test)]
mod tests;
