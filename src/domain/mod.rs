//! The marketer's vocabulary as types: ids, statuses, amounts, dates and
//! the records the store keeps, with the rules that make them valid. Knows
//! nothing of SQLite or the screen.

pub mod amount;
pub mod date;
pub mod kinds;
pub mod numbers;
pub mod record_ref;
pub mod records;
pub mod recurrence;
pub mod validate;
pub mod workflow;

pub use amount::Amount;
pub use date::{Clock, DateError, first_of_week, last_of_week, parse_date};
pub use kinds::*;
pub use numbers::parse_amount;
pub use record_ref::{RecordId, RecordRef};
pub use records::*;
pub use recurrence::Recurrence;
