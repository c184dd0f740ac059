//! A compact byte form for the metrics' own summaries: LEB128 varints,
//! signed ones zigzag-encoded, read back with every length and value
//! checked, so a damaged or foreign blob is an error and never a panic or
//! a huge allocation.

/// Why bytes could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the data ends early")]
    Truncated,
    #[error("format version {0} is not known")]
    Version(u8),
    #[error("malformed data: {0}")]
    Malformed(&'static str),
}

/// Appends values to a byte vector.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub fn unsigned(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    pub fn signed(&mut self, v: i64) {
        self.unsigned(((v << 1) ^ (v >> 63)) as u64);
    }

    /// A count or length that is never negative; a negative one (which
    /// the metrics never make) is written as 0.
    pub fn count(&mut self, v: i64) {
        self.unsigned(u64::try_from(v).unwrap_or(0));
    }
}

/// Reads values back from a byte slice.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    pub fn byte(&mut self) -> Result<u8, DecodeError> {
        let (&b, rest) = self.bytes.split_first().ok_or(DecodeError::Truncated)?;
        self.bytes = rest;
        Ok(b)
    }

    pub fn unsigned(&mut self) -> Result<u64, DecodeError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(DecodeError::Malformed("a number too large"));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Malformed("a number too long"))
    }

    pub fn signed(&mut self) -> Result<i64, DecodeError> {
        let u = self.unsigned()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    /// A count that fits an `i64`.
    pub fn count(&mut self) -> Result<i64, DecodeError> {
        i64::try_from(self.unsigned()?).map_err(|_| DecodeError::Malformed("a count too large"))
    }

    /// A length of a list whose items take at least one byte each: never
    /// more than the bytes left, so a damaged length cannot ask for a huge
    /// allocation.
    pub fn len(&mut self) -> Result<usize, DecodeError> {
        let n = self.unsigned()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() => Ok(n),
            _ => Err(DecodeError::Truncated),
        }
    }

    /// Succeeds when every byte was read.
    pub fn finish(self) -> Result<(), DecodeError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::Malformed("bytes left over"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_numbers_take_one_byte() {
        let mut w = Writer::default();
        w.unsigned(0);
        w.unsigned(127);
        w.signed(-1);
        w.signed(63);
        assert_eq!(w.bytes, [0, 127, 1, 126]);
        w.unsigned(128);
        assert_eq!(&w.bytes[4..], [0x80, 0x01]);
    }

    #[test]
    fn damaged_bytes_are_errors() {
        assert_eq!(Reader::new(&[]).byte(), Err(DecodeError::Truncated));
        assert_eq!(Reader::new(&[0x80]).unsigned(), Err(DecodeError::Truncated));
        let eleven = [0xff; 11];
        assert!(matches!(
            Reader::new(&eleven).unsigned(),
            Err(DecodeError::Malformed(_))
        ));
        // A length larger than what is left.
        assert_eq!(Reader::new(&[5, 1, 2]).len(), Err(DecodeError::Truncated));
        assert!(Reader::new(&[1]).finish().is_err());
    }

    proptest! {
        #[test]
        fn numbers_read_back(u in any::<u64>(), s in any::<i64>()) {
            let mut w = Writer::default();
            w.unsigned(u);
            w.signed(s);
            let mut r = Reader::new(&w.bytes);
            prop_assert_eq!(r.unsigned(), Ok(u));
            prop_assert_eq!(r.signed(), Ok(s));
            prop_assert_eq!(r.finish(), Ok(()));
        }
    }
}
