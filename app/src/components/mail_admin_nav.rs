//! The tabs between the email channel's admin pages: mailboxes, templates and the log.

use leptos::prelude::*;

#[component]
pub fn MailAdminNav(
    /// The path of the page that shows the tabs.
    current: &'static str,
) -> impl IntoView {
    let tabs =
        [("/admin/mailboxes", "Mailboxes"), ("/admin/mail-templates", "Templates"), ("/admin/mail-log", "Mail log")]
            .into_iter()
            .map(|(href, label)| {
                let here = (href == current).then_some("page");
                view! { <a class="tab" href=href aria-current=here>{label}</a> }
            })
            .collect_view();
    view! {
        <nav class="queue-tabs" aria-label="Email">
            <a class="tab" href="/admin">"Administration"</a>
            {tabs}
        </nav>
    }
}
