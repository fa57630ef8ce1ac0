//! The demo's custom fields: a contract number customers must give on Billing requests (with a
//! pattern), the devices affected and the operating system on Technical ones, a renewal date,
//! and a root cause only agents see; customers fill the forms of the demo's requests and agents
//! write the root cause of some of those they solve.

use domain::{
    Actor, DomainError,
    custom_fields::{
        input::FieldInputs,
        setup::{self, FieldInput},
        types::FieldKind,
    },
    desk_config::Config,
};
use sea_orm::DatabaseConnection;

fn field(name: &str, kind: FieldKind, help: &str) -> FieldInput {
    FieldInput {
        name: name.into(),
        kind: Some(kind),
        help: help.into(),
        customers_see: true,
        active: true,
        ..Default::default()
    }
}

const SYSTEMS: [&str; 5] = ["Windows", "macOS", "Linux", "iOS", "Android"];

/// The demo's fields and the two categories whose forms show them.
pub struct DemoFields {
    contract: i64,
    renewal: i64,
    devices: i64,
    os: i64,
    /// Root cause, which agents fill when they solve.
    pub cause: i64,
    billing: i64,
    technical: i64,
}

impl DemoFields {
    /// What a customer fills on the form of the category they chose (the `n`th demo request).
    pub fn customer_inputs(&self, category_id: Option<i64>, n: usize) -> FieldInputs {
        let mut values: Vec<(i64, String)> = Vec::new();
        if category_id == Some(self.billing) {
            values.push((self.contract, format!("{}-{}", ['A', 'B', 'C'][n % 3], 1000 + n * 7)));
            if n % 2 == 0 {
                values.push((self.renewal, format!("2027-{:02}-01", 1 + n % 12)));
            }
        } else if category_id == Some(self.technical) {
            values.push((self.devices, (1 + n % 12).to_string()));
            values.push((self.os, SYSTEMS[n % SYSTEMS.len()].to_owned()));
        }
        values.into_iter().map(|(id, v)| (id, vec![v])).collect()
    }

    /// Whether the `n`th request's agent writes down a root cause.
    pub fn has_cause(&self, category_id: Option<i64>, n: usize) -> bool {
        category_id == Some(self.technical) && n % 4 == 0
    }
}

/// Defines the fields and the Billing and Technical forms (none when the desk lacks those
/// categories).
pub async fn define(db: &DatabaseConnection) -> Result<Option<DemoFields>, DomainError> {
    let system = Actor::System;
    let contract = FieldInput {
        pattern: "[A-Z]-[0-9]{3,6}".into(),
        pattern_hint: "Contract numbers look like A-1042".into(),
        required_for_customers: true,
        show_in_lists: true,
        position: "1".into(),
        ..field("Contract number", FieldKind::Text, "On your invoice, top right.")
    };
    let contract = setup::create(db, &system, contract).await?;
    let renewal = FieldInput { position: "2".into(), ..field("Renewal date", FieldKind::Date, "") };
    let renewal = setup::create(db, &system, renewal).await?;
    let devices = FieldInput {
        min: "1".into(),
        max: "10000".into(),
        show_in_lists: true,
        position: "3".into(),
        ..field("Devices affected", FieldKind::Number, "How many computers or phones show the problem.")
    };
    let devices = setup::create(db, &system, devices).await?;
    let os = FieldInput {
        options: SYSTEMS.join("\n"),
        position: "4".into(),
        ..field("Operating system", FieldKind::Select, "")
    };
    let os = setup::create(db, &system, os).await?;
    let cause = FieldInput {
        customers_see: false,
        position: "5".into(),
        ..field("Root cause", FieldKind::LongText, "What was wrong, for the next agent and for reports.")
    };
    let cause = setup::create(db, &system, cause).await?;
    let config = Config::load(db).await?;
    let category = |name: &str| config.categories.iter().find(|c| c.name == name).map(|c| c.id);
    let (Some(billing), Some(technical)) = (category("Billing"), category("Technical")) else { return Ok(None) };
    setup::set_form(db, &system, billing, &[contract, renewal]).await?;
    setup::set_form(db, &system, technical, &[devices, os]).await?;
    Ok(Some(DemoFields { contract, renewal, devices, os, cause, billing, technical }))
}
