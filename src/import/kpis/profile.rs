//! Whose KPI export a file is.

use crate::import::error::quoted;
use crate::import::table::{Header, fold};

/// Whose export a file is: decides where the date is and how a platform's
/// quirks are read. Detected from the header unless `--from` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Ga4,
    Ua,
    GoogleAds,
    MetaAds,
    SearchConsole,
    Mailchimp,
    Generic,
}

impl Profile {
    pub const ALL: [Profile; 7] = [
        Profile::Ga4,
        Profile::Ua,
        Profile::GoogleAds,
        Profile::MetaAds,
        Profile::SearchConsole,
        Profile::Mailchimp,
        Profile::Generic,
    ];

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Ga4 => "ga4",
            Profile::Ua => "ua",
            Profile::GoogleAds => "google-ads",
            Profile::MetaAds => "meta-ads",
            Profile::SearchConsole => "search-console",
            Profile::Mailchimp => "mailchimp",
            Profile::Generic => "generic",
        }
    }

    /// The date column this export always has.
    pub(super) fn date_header(self) -> Option<&'static str> {
        match self {
            Profile::Ga4 | Profile::SearchConsole => Some("Date"),
            Profile::Ua => Some("Day Index"),
            Profile::GoogleAds => Some("Day"),
            Profile::MetaAds => Some("Reporting starts"),
            Profile::Mailchimp => Some("Send Date"),
            Profile::Generic => None,
        }
    }

    /// The profile a header says: a column only that platform writes.
    pub(super) fn detect(header: &Header) -> Profile {
        let names: Vec<String> = header.names.iter().map(|n| fold(n)).collect();
        let has = |wanted: &[&str]| wanted.iter().any(|w| names.iter().any(|n| n == w));
        let all = |wanted: &[&str]| wanted.iter().all(|w| names.iter().any(|n| n == w));
        if has(&["reportingstarts"]) {
            Profile::MetaAds
        } else if has(&["dayindex"]) {
            Profile::Ua
        } else if all(&["senddate", "title"]) {
            Profile::Mailchimp
        } else if has(&["currencycode", "impr", "conv"]) {
            Profile::GoogleAds
        } else if all(&["date", "clicks", "impressions", "ctr", "position"]) {
            Profile::SearchConsole
        } else if has(&[
            "sessionprimarychannelgroup",
            "sessiondefaultchannelgroup",
            "firstuserprimarychannelgroup",
            "keyevents",
            "engagedsessions",
            "engagementrate",
            "activeusers",
        ]) {
            Profile::Ga4
        } else {
            Profile::Generic
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        named(&Profile::ALL, Profile::name, s, "a KPI export profile")
    }
}

/// The profile of `all` that `--from` names (any case), or a refusal
/// listing them: `what` says what they are.
pub(crate) fn named<P: Copy>(
    all: &[P],
    name: fn(P) -> &'static str,
    text: &str,
    what: &str,
) -> Result<P, String> {
    let wanted = text.trim().to_ascii_lowercase();
    all.iter()
        .copied()
        .find(|p| name(*p) == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|p| name(*p)).collect();
            format!(
                "--from {}: not {what} (one of: {})",
                quoted(text),
                names.join(", ")
            )
        })
}
