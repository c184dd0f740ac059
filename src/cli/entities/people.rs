//! `funnel person add|list|edit|rm`.

use clap::Args;

use super::{Context, Entity, listing, record_commands, run, words};
use crate::cli::CliResult;
use crate::domain::{Person, PersonId};
use crate::i18n::{CliWords, EntityWords};
use crate::store::Store;

record_commands! {
    PersonCommand(PersonArgs) {
        add: "Add a person.",
        list: "List the persons (--json for scripts).",
        edit: "Change a person's fields; the ones not given stay.",
        rm: "Remove a person (funnel undo brings it back).",
    }
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
}

pub fn person(ctx: &Context, cmd: PersonCommand) -> CliResult {
    run::<Person>(ctx, cmd.into())
}

impl Entity for Person {
    type Args = PersonArgs;

    fn words(w: &'static CliWords) -> &'static EntityWords {
        &w.person
    }

    fn blank(_: &Context, _: &PersonArgs) -> CliResult<Person> {
        Ok(Person {
            id: PersonId(0),
            name: String::new(),
            role: String::new(),
            contact: String::new(),
        })
    }

    fn apply(mut self, _: &Context, _: &Store, a: PersonArgs) -> CliResult<Person> {
        self.name = a.name.unwrap_or(self.name);
        self.role = a.role.unwrap_or(self.role);
        self.contact = a.contact.unwrap_or(self.contact);
        Ok(self)
    }

    fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult {
        let people = store.people()?;
        listing(ctx, as_json, &people, &words(ctx).person_columns, |p| {
            vec![
                p.id.to_string(),
                p.name.clone(),
                p.role.clone(),
                p.contact.clone(),
            ]
        })
    }
}
