//! Where a value is in an export document: the keys and list positions
//! that lead to it from the top (`tasks[3].campaign`), and the line and
//! column where it starts in the document's text, for messages that point
//! at it as the parser's own errors do.

use std::fmt;

/// The way to one value of an export document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place(Vec<Step>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Step {
    Key(&'static str),
    Index(usize),
}

impl Place {
    /// Record `index` of the list `section` (`tasks`, `orders` …).
    pub(crate) fn record(section: &'static str, index: usize) -> Place {
        Place(vec![Step::Key(section), Step::Index(index)])
    }

    /// The value of `key` in the object here.
    pub(crate) fn key(mut self, key: &'static str) -> Place {
        self.0.push(Step::Key(key));
        self
    }

    /// Item `index` of the list here.
    pub(crate) fn index(mut self, index: usize) -> Place {
        self.0.push(Step::Index(index));
        self
    }

    /// The line and column (both from 1; the column in characters) where
    /// the value here starts in `json`, a document that parsed; `None`
    /// where the document has no such value.
    pub fn locate(&self, json: &str) -> Option<(usize, usize)> {
        let mut c = Cursor {
            chars: json.chars().peekable(),
            line: 1,
            column: 1,
        };
        c.find(&self.0)
    }
}

/// The column where the value ends at `line`:`column` of `json` starts:
/// a parser's error points at the last character it read (a string's
/// closing quote, a number's last digit), a refusal of [`Place`] at the
/// first; this gives the parser's errors the same column. Elsewhere (a
/// brace, the end of the file) the column is kept.
pub fn value_start(json: &str, line: usize, column: usize) -> usize {
    let Some(text) = line.checked_sub(1).and_then(|l| json.lines().nth(l)) else {
        return column;
    };
    let chars: Vec<char> = text.chars().collect();
    let Some(end) = column.checked_sub(1).filter(|&i| i < chars.len()) else {
        return column;
    };
    let scalar = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+');
    let mut start = end;
    if chars[end] == '"' {
        // Back to the opening quote: one not escaped by an odd run of
        // backslashes.
        loop {
            let Some(i) = start.checked_sub(1) else {
                return column;
            };
            start = i;
            let escapes = chars[..i].iter().rev().take_while(|c| **c == '\\').count();
            if chars[i] == '"' && escapes % 2 == 0 {
                break;
            }
        }
    } else if scalar(chars[end]) {
        while start > 0 && scalar(chars[start - 1]) {
            start -= 1;
        }
    } else {
        return column;
    }
    start + 1
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Reads JSON text just far enough to find a value, counting lines and
/// columns on the way.
struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn space(&mut self) {
        while self
            .peek()
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            self.bump();
        }
    }

    fn eat(&mut self, wanted: char) -> Option<()> {
        (self.bump()? == wanted).then_some(())
    }

    /// A string's text; an escape other than a quote or a backslash is
    /// kept as written (keys are plain words).
    fn string(&mut self) -> Option<String> {
        self.eat('"')?;
        let mut out = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(out),
                '\\' => match self.bump()? {
                    c @ ('"' | '\\' | '/') => out.push(c),
                    c => {
                        out.push('\\');
                        out.push(c);
                    }
                },
                c => out.push(c),
            }
        }
    }

    /// Passes over one value of any kind.
    fn skip(&mut self) -> Option<()> {
        self.space();
        match self.peek()? {
            '"' => self.string().map(drop),
            '{' | '[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        '"' => {
                            self.string()?;
                        }
                        '{' | '[' => {
                            depth += 1;
                            self.bump();
                        }
                        '}' | ']' => {
                            depth = depth.checked_sub(1)?;
                            self.bump();
                            if depth == 0 {
                                return Some(());
                            }
                        }
                        _ => {
                            self.bump();
                        }
                    }
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | '}' | ']' | ' ' | '\t' | '\n' | '\r'))
                {
                    self.bump();
                }
                Some(())
            }
        }
    }

    /// After the value just passed: a comma (more follow) or the end of
    /// its object or list.
    fn more(&mut self) -> Option<bool> {
        self.space();
        match self.bump()? {
            ',' => Some(true),
            '}' | ']' => Some(false),
            _ => None,
        }
    }

    fn find(&mut self, steps: &[Step]) -> Option<(usize, usize)> {
        self.space();
        let Some((first, rest)) = steps.split_first() else {
            return Some((self.line, self.column));
        };
        match *first {
            Step::Key(wanted) => {
                self.eat('{')?;
                loop {
                    self.space();
                    if self.peek()? == '}' {
                        return None;
                    }
                    let key = self.string()?;
                    self.space();
                    self.eat(':')?;
                    if key == wanted {
                        return self.find(rest);
                    }
                    self.skip()?;
                    if !self.more()? {
                        return None;
                    }
                }
            }
            Step::Index(wanted) => {
                self.eat('[')?;
                for i in 0.. {
                    self.space();
                    if self.peek()? == ']' {
                        return None;
                    }
                    if i == wanted {
                        return self.find(rest);
                    }
                    self.skip()?;
                    if !self.more()? {
                        return None;
                    }
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parser_position_at_a_value_end_moves_to_its_start() {
        let json = "{\n  \"due\": \"20\\\"26\",\n  \"n\": -12.5,\n  \"x\": {}\n}";
        assert_eq!(
            value_start(json, 2, 17),
            10,
            "a string with an escaped quote"
        );
        assert_eq!(value_start(json, 3, 12), 8, "a number");
        assert_eq!(value_start(json, 4, 9), 9, "a brace stays");
        assert_eq!(value_start(json, 1, 0), 0, "no column");
        assert_eq!(value_start("Order ID,Customer", 1, 1), 1);
    }

    #[test]
    fn finds_a_value_by_its_keys_and_positions() {
        let json = "{\n  \"a\": [1, {\"x\": \"}]\\\"\"}],\n  \"tasks\": [\n    {\"id\": 1},\n    {\n      \"id\": 2,\n      \"tags\": [\"seo\", \"việt\"], \"due\": \"+10000-01-01\"\n    }\n  ]\n}";
        let at = |p: Place| p.locate(json);
        assert_eq!(at(Place::record("tasks", 0)), Some((4, 5)));
        assert_eq!(at(Place::record("tasks", 1).key("id")), Some((6, 13)));
        assert_eq!(
            at(Place::record("tasks", 1).key("tags").index(1)),
            Some((7, 23))
        );
        assert_eq!(at(Place::record("tasks", 1).key("due")), Some((7, 39)));
        assert_eq!(at(Place::record("tasks", 2)), None);
        assert_eq!(at(Place::record("tasks", 1).key("title")), None);
        assert_eq!(at(Place::record("a", 1).key("x")), Some((2, 18)));
        assert_eq!(
            Place::record("tasks", 1).key("tags").index(1).to_string(),
            "tasks[1].tags[1]"
        );
    }
}
