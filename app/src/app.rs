//! The HTML shell, the router, and the layout that provides the signed-in user (`Auth`).

use crate::{
    api::auth::{SignOut, current_user},
    auth::Auth,
    components::{notification_bell::provide_notifications_changed, top_bar::TopBar},
    live::provide_live,
    pages::{
        account::AccountPage,
        admin::{
            automations::AdminAutomationsPage, business_hours::AdminBusinessHoursPage, categories::AdminCategoriesPage,
            fields::AdminFieldsPage, mail_log::AdminMailLogPage, mail_templates::AdminMailTemplatesPage,
            mailbox::AdminMailboxPage, mailboxes::AdminMailboxesPage, numbering::AdminNumberingPage,
            organization::AdminOrganizationPage, organizations::AdminOrganizationsPage, overview::AdminOverviewPage,
            priorities::AdminPrioritiesPage, routing::AdminRoutingPage, sla::AdminSlaPage, statuses::AdminStatusesPage,
            teams::AdminTeamsPage, users::AdminUsersPage,
        },
        at_risk::AtRiskPage,
        board::BoardPage,
        help::{article::HelpArticlePage, category::HelpCategoryPage, home::HelpHomePage, search::HelpSearchPage},
        kb::{
            editor::{ArticleEditorPage, NewArticlePage},
            list::KnowledgeBasePage,
        },
        landing::LandingPage,
        link_landing::{LinkSignInPage, SetPasswordPage, VerifyEmailPage},
        link_requests::{ForgotPasswordPage, LinkExpiredPage, SignInLinkPage},
        macros::MacrosPage,
        new_ticket::{NewRequestPage, NewTicketPage},
        not_found::NotFoundPage,
        notifications::NotificationsPage,
        portal::PortalPage,
        sign_in::SignInPage,
        sign_up::SignUpPage,
        ticket::{AgentTicketPage, CustomerTicketPage},
        workspace::WorkspacePage,
    },
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    hooks::use_location,
    path,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::use_request_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" href="/pkg/docket.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {hydrates().then(|| view! { <HydrationScripts options/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Whether this page loads the WebAssembly bundle: every page but the help center's, which is
/// served as plain HTML (fast, indexable, and it never needs the agent workspace's code).
fn hydrates() -> bool {
    #[cfg(feature = "ssr")]
    {
        !use_context::<http::request::Parts>().is_some_and(|p| {
            let path = p.uri.path();
            path == "/help" || path.starts_with("/help/")
        })
    }
    #[cfg(not(feature = "ssr"))]
    true
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Docket".to_owned() } else { format!("{page} · Docket") }/>
        <Router>
            <Layout/>
        </Router>
    }
}

#[component]
fn Layout() -> impl IntoView {
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    let user = Resource::new(move || (location.pathname.get(), sign_out.version().get()), |_| current_user());
    provide_context(Auth { user, sign_out });
    provide_notifications_changed();
    provide_live(
        // A failed check (the network, say) keeps whom the stream was for; only the server's
        // answer "nobody" ends it.
        Memo::new(move |previous: Option<&Option<i64>>| match user.get() {
            Some(Ok(me)) => me.map(|u| u.id),
            _ => previous.copied().flatten(),
        }),
        Callback::new(move |()| user.refetch()),
    );
    let ssr = SsrMode::Async;
    view! {
        <TopBar/>
        <Routes fallback=NotFoundPage>
            <Route path=path!("/") view=LandingPage ssr=ssr.clone()/>
            <Route path=path!("/signin") view=SignInPage ssr=ssr.clone()/>
            <Route path=path!("/signup") view=SignUpPage ssr=ssr.clone()/>
            <Route path=path!("/signin/link") view=SignInLinkPage ssr=ssr.clone()/>
            <Route path=path!("/signin/link/:token") view=LinkSignInPage ssr=ssr.clone()/>
            <Route path=path!("/password/forgot") view=ForgotPasswordPage ssr=ssr.clone()/>
            <Route path=path!("/password/set/:token") view=SetPasswordPage ssr=ssr.clone()/>
            <Route path=path!("/verify/:token") view=VerifyEmailPage ssr=ssr.clone()/>
            <Route path=path!("/rate/:token") view=crate::pages::rate::RatePage ssr=ssr.clone()/>
            <Route path=path!("/link/expired") view=LinkExpiredPage ssr=ssr.clone()/>
            <Route path=path!("/help") view=HelpHomePage ssr=ssr.clone()/>
            <Route path=path!("/help/search") view=HelpSearchPage ssr=ssr.clone()/>
            <Route path=path!("/help/:category") view=HelpCategoryPage ssr=ssr.clone()/>
            <Route path=path!("/help/:category/:slug") view=HelpArticlePage ssr=ssr.clone()/>
            <Route path=path!("/portal") view=PortalPage ssr=ssr.clone()/>
            <Route path=path!("/portal/new") view=NewRequestPage ssr=ssr.clone()/>
            <Route path=path!("/portal/tickets/:id") view=CustomerTicketPage ssr=ssr.clone()/>
            <Route path=path!("/agent") view=WorkspacePage ssr=ssr.clone()/>
            <Route path=path!("/agent/new") view=NewTicketPage ssr=ssr.clone()/>
            <Route path=path!("/agent/board") view=BoardPage ssr=ssr.clone()/>
            <Route path=path!("/agent/at-risk") view=AtRiskPage ssr=ssr.clone()/>
            <Route path=path!("/agent/calendar") view=crate::pages::calendar::CalendarPage ssr=ssr.clone()/>
            <Route path=path!("/agent/macros") view=MacrosPage ssr=ssr.clone()/>
            <Route path=path!("/agent/kb") view=KnowledgeBasePage ssr=ssr.clone()/>
            <Route path=path!("/agent/kb/new") view=NewArticlePage ssr=ssr.clone()/>
            <Route path=path!("/agent/kb/:id") view=ArticleEditorPage ssr=ssr.clone()/>
            <Route path=path!("/agent/tickets/:id") view=AgentTicketPage ssr=ssr.clone()/>
            <Route path=path!("/account") view=AccountPage ssr=ssr.clone()/>
            <Route path=path!("/admin") view=AdminOverviewPage ssr=ssr.clone()/>
            <Route path=path!("/admin/users") view=AdminUsersPage ssr=ssr.clone()/>
            <Route path=path!("/admin/organizations") view=AdminOrganizationsPage ssr=ssr.clone()/>
            <Route path=path!("/admin/organizations/:id") view=AdminOrganizationPage ssr=ssr.clone()/>
            <Route path=path!("/admin/teams") view=AdminTeamsPage ssr=ssr.clone()/>
            <Route path=path!("/admin/routing") view=AdminRoutingPage ssr=ssr.clone()/>
            <Route path=path!("/admin/automations") view=AdminAutomationsPage ssr=ssr.clone()/>
            <Route path=path!("/admin/sla") view=AdminSlaPage ssr=ssr.clone()/>
            <Route path=path!("/admin/business-hours") view=AdminBusinessHoursPage ssr=ssr.clone()/>
            <Route path=path!("/admin/statuses") view=AdminStatusesPage ssr=ssr.clone()/>
            <Route path=path!("/admin/priorities") view=AdminPrioritiesPage ssr=ssr.clone()/>
            <Route path=path!("/admin/categories") view=AdminCategoriesPage ssr=ssr.clone()/>
            <Route path=path!("/admin/fields") view=AdminFieldsPage ssr=ssr.clone()/>
            <Route path=path!("/reports") view=crate::pages::reports::ReportsPage ssr=ssr.clone()/>
            <Route path=path!("/admin/satisfaction") view=crate::pages::admin::satisfaction::AdminSatisfactionPage ssr=ssr.clone()/>
            <Route path=path!("/admin/numbering") view=AdminNumberingPage ssr=ssr.clone()/>
            <Route path=path!("/admin/mailboxes") view=AdminMailboxesPage ssr=ssr.clone()/>
            <Route path=path!("/admin/mailboxes/:id") view=AdminMailboxPage ssr=ssr.clone()/>
            <Route path=path!("/admin/mail-templates") view=AdminMailTemplatesPage ssr=ssr.clone()/>
            <Route path=path!("/admin/mail-log") view=AdminMailLogPage ssr=ssr.clone()/>
            <Route path=path!("/admin/audit") view=crate::pages::admin::audit::AdminAuditPage ssr=ssr.clone()/>
            <Route path=path!("/notifications") view=NotificationsPage ssr=ssr/>
        </Routes>
    }
}
