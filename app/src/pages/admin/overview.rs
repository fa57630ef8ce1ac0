//! `/admin`: the way into each part of the settings.

use crate::components::require_role::RequireRole;
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminOverviewPage() -> impl IntoView {
    view! {
        <Title text="Administration"/>
        <RequireRole allow=|role| role == Role::Admin>
            <main class="page">
                <div class="page-header">
                    <h1>"Administration"</h1>
                    <p class="muted">"People, teams, the settings of this desk and its email."</p>
                </div>
                <crate::components::sla_attainment::SlaAttainment/>
                <div class="grid-2">
                    <section class="card">
                        <h2><a href="/admin/users">"Users"</a></h2>
                        <p class="muted">"Create agents and admins, find customers, deactivate accounts."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/organizations">"Organizations"</a></h2>
                        <p class="muted">"The companies customers belong to, their email domains and whether they share tickets."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/teams">"Teams"</a></h2>
                        <p class="muted">"Group agents into teams that requests are routed to."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/routing">"Routing"</a></h2>
                        <p class="muted">"Rules that file new requests, how each team hands tickets out, agents' capacity and skills."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/automations">"Automations"</a></h2>
                        <p class="muted">"Rules that act on tickets by themselves, on an event or on a schedule, with a dry run and a log."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/sla">"SLA policies"</a></h2>
                        <p class="muted">"Response and resolution targets, warnings before a breach and escalation after one."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/business-hours">"Business hours"</a></h2>
                        <p class="muted">"Opening hours, time zones and holidays that SLA targets count in."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/statuses">"Statuses"</a></h2>
                        <p class="muted">"The steps a ticket goes through, in five fixed categories."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/priorities">"Priorities"</a></h2>
                        <p class="muted">"How urgent a ticket is, and the default for new ones."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/categories">"Categories"</a></h2>
                        <p class="muted">"What requests are about."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/fields">"Fields"</a></h2>
                        <p class="muted">"Fields of your own on tickets, and which ones each category's form asks for."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/satisfaction">"Satisfaction surveys"</a></h2>
                        <p class="muted">"Whether solved tickets' customers are asked to rate the support, the question, the scale and when."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/numbering">"Ticket numbers"</a></h2>
                        <p class="muted">"The prefix of ticket references, like DKT-1042."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/mailboxes">"Mailboxes"</a></h2>
                        <p class="muted">"The addresses customers write to, how their mail comes in and goes out."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/mail-templates">"Mail templates"</a></h2>
                        <p class="muted">"What customers receive by email when tickets open, get answers and are solved."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/mail-log">"Mail log"</a></h2>
                        <p class="muted">"Every received message and what it became; reprocess quarantined mail."</p>
                    </section>
                    <section class="card">
                        <h2><a href="/admin/audit">"Audit log"</a></h2>
                        <p class="muted">"Who changed what and when, in a log nobody can rewrite unnoticed."</p>
                    </section>
                </div>
            </main>
        </RequireRole>
    }
}
