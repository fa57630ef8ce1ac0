//! The inputs of a custom field's definition, shared by the admin's "Add a field" form and each
//! field's edit form: name, kind (when adding), help, options, rules, where it shows, position.

use crate::{
    components::form_feedback::{FieldMessage, invalid},
    error::AppError,
};
use domain::custom_fields::types::{
    FieldDefinition, FieldKind, HELP_MAX_CHARS, NAME_MAX_CHARS, PATTERN_MAX_CHARS, format_number,
};
use leptos::prelude::*;

#[component]
pub fn FieldDefinitionInputs(
    /// Element ids start with this (`new-field`, `field-12`).
    prefix: String,
    /// The field being changed; `None` when adding one.
    field: Option<FieldDefinition>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let adding = field.is_none();
    let kind = field.as_ref().map(|f| f.kind);
    let shows = |test: fn(FieldKind) -> bool| kind.is_none_or(test);
    let rules = field.as_ref().map(|f| f.rules.clone()).unwrap_or_default();
    let text = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let name = field.as_ref().map(|f| f.name.clone()).unwrap_or_default();
    let help = field.as_ref().map(|f| f.help.clone()).unwrap_or_default();
    let options = field.as_ref().map(|f| f.options.join("\n")).unwrap_or_default();
    let customers_see = field.as_ref().is_none_or(|f| f.customers_see);
    let show_in_lists = field.as_ref().is_some_and(|f| f.show_in_lists);
    let active = field.as_ref().is_none_or(|f| f.active);
    let position = field.as_ref().map_or(0, |f| f.position).to_string();
    let kinds = FieldKind::ALL.map(|k| view! { <option value=k.as_str()>{k.label()}</option> }).collect_view();
    view! {
        <div class="row">
            <div class="field">
                <label for=id("name")>"Name"</label>
                <input id=id("name") name="name" value=name required maxlength=NAME_MAX_CHARS.to_string() aria-invalid=invalid(error, "name")/>
                <FieldMessage error field="name"/>
            </div>
            {adding.then(|| view! {
                <div class="field">
                    <label for=id("kind")>"Kind"</label>
                    <select id=id("kind") name="kind" aria-invalid=invalid(error, "kind")>{kinds}</select>
                    <FieldMessage error field="kind"/>
                </div>
            })}
            <div class="field">
                <label for=id("position")>"Position"</label>
                <input id=id("position") name="position" value=position inputmode="numeric" size="4" aria-invalid=invalid(error, "position")/>
                <FieldMessage error field="position"/>
            </div>
        </div>
        <div class="field">
            <label for=id("help")>"Help text"</label>
            <input id=id("help") name="help" value=help maxlength=HELP_MAX_CHARS.to_string() aria-invalid=invalid(error, "help")/>
            <p class="hint">"Shown under the input."</p>
            <FieldMessage error field="help"/>
        </div>
        {shows(FieldKind::has_options).then(|| view! {
            <div class="field">
                <label for=id("options")>"Options (one per line)"</label>
                <textarea id=id("options") name="options" rows="4" aria-invalid=invalid(error, "options")>{options}</textarea>
                <p class="hint">"For single and multi select fields. Renaming an option leaves tickets with the old text."</p>
                <FieldMessage error field="options"/>
            </div>
        })}
        {shows(|k| k.bounds().is_some()).then(|| view! {
            <div class="row">
                <div class="field">
                    <label for=id("min")>"At least"</label>
                    <input id=id("min") name="min" value=text(rules.min) inputmode="decimal" size="8" aria-invalid=invalid(error, "min")/>
                    <FieldMessage error field="min"/>
                </div>
                <div class="field">
                    <label for=id("max")>"At most"</label>
                    <input id=id("max") name="max" value=text(rules.max) inputmode="decimal" size="8" aria-invalid=invalid(error, "max")/>
                    <FieldMessage error field="max"/>
                </div>
            </div>
            <p class="hint">"Characters of text, the value of a number, how many choices of a multi select."</p>
        })}
        {shows(FieldKind::takes_pattern).then(|| view! {
            <div class="row">
                <div class="field">
                    <label for=id("pattern")>"Pattern"</label>
                    <input id=id("pattern") name="pattern" value=rules.pattern.clone().unwrap_or_default()
                        maxlength=PATTERN_MAX_CHARS.to_string() aria-invalid=invalid(error, "pattern")/>
                    <p class="hint">"A regular expression the whole text must match, such as [A-Z]-[0-9]{3}. Text fields only."</p>
                    <FieldMessage error field="pattern"/>
                </div>
                <div class="field">
                    <label for=id("pattern_hint")>"Pattern hint"</label>
                    <input id=id("pattern_hint") name="pattern_hint" value=rules.pattern_hint.clone().unwrap_or_default()
                        maxlength=PATTERN_MAX_CHARS.to_string() aria-invalid=invalid(error, "pattern_hint")/>
                    <p class="hint">"The error people see, such as: Contract numbers look like A-123."</p>
                    <FieldMessage error field="pattern_hint"/>
                </div>
            </div>
        })}
        <fieldset>
            <legend>"Rules and where it shows"</legend>
            <label class="choice"><input type="checkbox" name="required_for_customers" value="on" checked=rules.required_for_customers/>
                " Required for customers on their form"</label>
            <label class="choice"><input type="checkbox" name="required_for_agents" value="on" checked=rules.required_for_agents/>
                " Required for agents before solving"</label>
            <p class="hint">"Before solving tickets of the categories whose form shows it; every ticket if no form does."</p>
            <label class="choice"><input type="checkbox" name="customers_see" value="on" checked=customers_see/>" Customers see it"</label>
            <label class="choice"><input type="checkbox" name="show_in_lists" value="on" checked=show_in_lists/>" Show in queues and on board cards"</label>
            {(!adding).then(|| view! {
                <label class="choice"><input type="checkbox" name="active" value="on" checked=active/>" Active"</label>
                <p class="hint">"A retired field keeps its values and search, but leaves the forms."</p>
            })}
        </fieldset>
    }
}
