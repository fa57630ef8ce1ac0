//! Custom fields on a real database: an admin defines fields with rules and a category's form;
//! a customer must fill that form's required fields; agents change values (history, one line
//! each) and must fill what is required of them before solving; search compares values through
//! the index; renaming and retiring keep every value.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    custom_fields::{
        catalog::Fields,
        input::{FieldInputs, form_name},
        queries,
        setup::{self, FieldInput},
        types::{FieldKind, FieldValue},
    },
    desk_config::Config,
    ticket_filter::{Sort, TicketFilter},
    ticket_types::StatusCategory,
    tickets::{
        commands::{self, NewTicket},
        custom_values, filtering,
    },
};

fn field(name: &str, kind: FieldKind) -> FieldInput {
    FieldInput { name: name.into(), kind: Some(kind), customers_see: true, active: true, ..Default::default() }
}

fn inputs(pairs: &[(i64, &[&str])]) -> FieldInputs {
    pairs.iter().map(|(id, values)| (*id, values.iter().map(|v| (*v).to_owned()).collect())).collect()
}

#[tokio::test]
async fn fields_are_defined_filled_searched_and_kept() {
    let d = desk().await;
    let admin = d.admin().await;
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let billing =
        Config::load(&d.db).await.expect("config").categories.iter().find(|c| c.name == "Billing").expect("billing").id;

    let contract_input = FieldInput {
        pattern: "[A-Z]-[0-9]{3}".into(),
        pattern_hint: "Contract numbers look like A-123".into(),
        required_for_customers: true,
        ..field("Contract", FieldKind::Text)
    };
    let contract = setup::create(&d.db, &admin, contract_input.clone()).await.expect("contract");
    assert_eq!(setup::create(&d.db, &agent, contract_input.clone()).await, Err(DomainError::Forbidden));
    assert_eq!(
        field_of(setup::create(&d.db, &admin, FieldInput { name: "contract".into(), ..contract_input }).await),
        "name"
    );
    let bad_pattern = FieldInput { pattern: "([A-Z]".into(), ..field("Serial", FieldKind::Text) };
    assert_eq!(field_of(setup::create(&d.db, &admin, bad_pattern).await), "pattern");
    assert_eq!(field_of(setup::create(&d.db, &admin, field("Colour", FieldKind::MultiSelect)).await), "options");
    let bounds = FieldInput { min: "10".into(), max: "2".into(), ..field("Seats", FieldKind::Number) };
    assert_eq!(field_of(setup::create(&d.db, &admin, bounds).await), "max");
    let devices_input = FieldInput { min: "1".into(), max: "500".into(), ..field("Devices", FieldKind::Number) };
    let devices = setup::create(&d.db, &admin, devices_input.clone()).await.expect("devices");
    let colour_input = FieldInput { options: "Red\nGreen\n\nBlue".into(), ..field("Colour", FieldKind::MultiSelect) };
    let colour = setup::create(&d.db, &admin, colour_input).await.expect("colour");
    let notes_input =
        FieldInput { required_for_agents: true, customers_see: false, ..field("Root cause", FieldKind::LongText) };
    let notes = setup::create(&d.db, &admin, notes_input).await.expect("notes");
    setup::set_form(&d.db, &admin, billing, &[devices, contract, colour]).await.expect("form");
    assert_eq!(field_of(setup::set_form(&d.db, &admin, billing, &[999_999]).await), "fields");
    let fields = Fields::load(&d.db).await.expect("fields");
    assert_eq!(fields.get(contract).map(|f| f.key.as_str()), Some("contract"));
    let form: Vec<i64> = fields.form(Some(billing)).iter().map(|f| f.id).collect();
    assert_eq!(form, [devices, contract, colour], "the form's order");
    let css = fields.form_css();
    let rule = |field: i64, order: usize| {
        format!(
            "#new-request:has(#category-option-{billing}:checked) .cf-f{field} {{ display: block; order: {order}; }}"
        )
    };
    assert!(css.contains(&rule(devices, 0)) && css.contains(&rule(colour, 2)), "{css}");

    // A customer's request in Billing must carry the form's required field, in its pattern.
    let request = |values: FieldInputs| NewTicket {
        subject: "Invoice for the new laptops".into(),
        body: "Please send it again.".into(),
        category_id: Some(billing),
        fields: values,
        ..Default::default()
    };
    let contract_error = |f: &domain::custom_fields::types::FieldDefinition| form_name(f);
    let missing = commands::create(&d.db, &customer, request(inputs(&[(devices, &["3"])]))).await;
    assert_eq!(field_of(missing), contract_error(fields.get(contract).expect("c")));
    let wrong = commands::create(&d.db, &customer, request(inputs(&[(contract, &["123"])]))).await;
    match wrong {
        Err(DomainError::Validation(errors)) => assert_eq!(errors[0].message, "Contract numbers look like A-123"),
        other => panic!("expected the pattern's hint, got {other:?}"),
    }
    // Automation rules match custom fields (their conditions are a search), and so do routing
    // rules (`workflow::routing`); SLA policies refuse them plainly rather than ignoring them.
    let fleet = domain::automation::rules::AutomationInput {
        name: "Fleets".into(),
        trigger: Some(domain::automation::types::Trigger::Created),
        conditions: "field:devices>10".into(),
        actions: domain::automation::rules::ActionsInput { add_tags: "fleet".into(), ..Default::default() },
        active: true,
        ..Default::default()
    };
    domain::automation::rules::create(&d.db, &admin, fleet).await.expect("automation on a field");
    let policy = domain::sla::conditions::Conditions::parse("field:devices>10");
    assert!(policy.is_err_and(|message| message.contains("cannot match custom fields")));
    // Another category's fields come along with the form; only the chosen form's are kept.
    let sent = inputs(&[(contract, &["A-123"]), (devices, &["12"]), (colour, &["", "blue", "Red"]), (notes, &["x"])]);
    let id = commands::create(&d.db, &customer, request(sent)).await.expect("request").id;
    let other = commands::create(&d.db, &customer, request(inputs(&[(contract, &["B-200"]), (devices, &["2"])])))
        .await
        .expect("another")
        .id;

    let tags_of = |t: domain::ticket_types::TicketView| t.tags;
    assert_eq!(tags_of(d.view(&agent, id).await), ["fleet"], "12 devices");
    assert!(tags_of(d.view(&agent, other).await).is_empty(), "2 devices");

    let seen = queries::for_ticket(&d.db, &customer, id).await.expect("customer's view");
    let shown: Vec<(String, String)> = seen.fields.iter().map(|f| (f.field.name.clone(), f.display())).collect();
    assert_eq!(
        shown,
        [("Contract".into(), "A-123".into()), ("Devices".into(), "12".into()), ("Colour".into(), "Red, Blue".into())]
    );
    assert!(!seen.editable);
    let staff_view = queries::for_ticket(&d.db, &agent, id).await.expect("agent's view");
    let root_cause = staff_view.fields.iter().find(|f| f.field.id == notes).expect("shown to staff");
    assert!(staff_view.editable && root_cause.required_to_solve, "required before solving");
    assert_eq!(root_cause.value, None, "an input of a field off the chosen form is left out");

    // Search compares by kind, through the values' indexes.
    let found = |q: &str| {
        let d = &d;
        let agent = agent;
        let q = q.to_owned();
        async move {
            let filter = TicketFilter::parse(&q).expect("parse");
            filtering::list(&d.db, &agent, &filter, Sort::Updated, None).await.map(|p| {
                let mut ids: Vec<i64> = p.items.iter().map(|t| t.id).collect();
                ids.sort_unstable();
                ids
            })
        }
    };
    assert_eq!(found(r#"field:"Contract"=a-123"#).await, Ok(vec![id]));
    assert_eq!(found("field:devices>=2").await, Ok(vec![id, other]));
    assert_eq!(found("field:devices>2").await, Ok(vec![id]));
    assert_eq!(found("field:devices<2").await, Ok(vec![]));
    assert_eq!(found("field:colour=red").await, Ok(vec![id]));
    assert_eq!(found("field:colour=red field:colour=green field:contract=b-200").await, Ok(vec![]));
    assert_eq!(field_of(found("field:colour=purple").await), "q");
    assert_eq!(field_of(found("field:contract>a").await), "q");
    assert_eq!(field_of(found("field:nothing=1").await), "q");
    let customer_filter = TicketFilter::parse("field:\"Root cause\"=x").expect("parse");
    let hidden = filtering::list(&d.db, &customer, &customer_filter, Sort::Updated, None).await;
    assert_eq!(field_of(hidden), "q", "customers search only the fields they see");

    // Agents change values: one history line each; nothing changes, nothing is written.
    let changed = custom_values::set(&d.db, &agent, id, inputs(&[(devices, &["7"]), (colour, &[""])]), form_name).await;
    changed.expect("set");
    custom_values::set(&d.db, &agent, id, inputs(&[(devices, &["7"])]), form_name).await.expect("same again");
    let lines: Vec<String> =
        d.history(id).await.into_iter().filter(|(f, _, _)| f == "custom_field").filter_map(|(_, _, new)| new).collect();
    assert_eq!(lines, ["Devices: 7 (was 12)", "Colour: none (was Red, Blue)"]);
    assert_eq!(
        field_of(custom_values::set(&d.db, &agent, id, inputs(&[(devices, &["0"])]), form_name).await),
        form_name(fields.get(devices).expect("d"))
    );
    assert_eq!(
        custom_values::set(&d.db, &customer, id, inputs(&[(devices, &["5"])]), form_name).await,
        Err(DomainError::Forbidden)
    );

    // What is required of agents comes before solving.
    let solved = d.set_status(&agent, id, StatusCategory::Solved, false).await;
    match solved {
        Err(DomainError::Validation(errors)) => {
            assert_eq!(
                (errors[0].field.as_str(), errors[0].message.as_str()),
                ("status_id", "Fill in Root cause before solving")
            )
        }
        other => panic!("expected the required field, got {other:?}"),
    }
    custom_values::set(&d.db, &agent, id, inputs(&[(notes, &["Invoice template\r\nwas stale"])]), form_name)
        .await
        .expect("notes");
    d.set_status(&agent, id, StatusCategory::Solved, false).await.expect("solved once filled");

    // Renaming and retiring keep the values; the key still finds them.
    let renamed = FieldInput { name: "Contract number".into(), ..field("Contract", FieldKind::Text) };
    setup::update(&d.db, &admin, contract, renamed).await.expect("rename");
    setup::update(&d.db, &admin, devices, FieldInput { active: false, ..devices_input }).await.expect("retire");
    assert_eq!(found("field:contract=a-123").await, Ok(vec![id]));
    let kept = queries::for_ticket(&d.db, &agent, id).await.expect("kept");
    let value = |fid: i64| kept.fields.iter().find(|f| f.field.id == fid).and_then(|f| f.value.clone());
    assert_eq!(value(contract), Some(FieldValue::Text("A-123".into())));
    assert_eq!(value(devices), Some(FieldValue::Number(7.0)), "a retired field's value is still shown");
    assert_eq!(value(notes), Some(FieldValue::Text("Invoice template\nwas stale".into())));
    let retired = custom_values::set(&d.db, &agent, id, inputs(&[(devices, &["9"])]), form_name).await;
    assert_eq!(field_of(retired), "fields", "a retired field takes no new values");
    let kind_change = FieldInput { kind: Some(FieldKind::Number), ..field("Contract number", FieldKind::Text) };
    assert_eq!(field_of(setup::update(&d.db, &admin, contract, kind_change).await), "kind");
    let page = queries::admin_page(&d.db, &admin).await.expect("admin page");
    let row = page.fields.iter().find(|r| r.field.id == contract).expect("row");
    assert_eq!((row.tickets, row.forms.clone()), (2, vec!["Billing".to_owned()]));
    assert!(d.audit_actions().await.iter().any(|a| a == "category.form"));
}
