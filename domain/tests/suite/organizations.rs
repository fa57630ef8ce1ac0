//! Organizations: admins edit them and their domains; verified addresses at a domain join;
//! members are added and removed by hand; only admins change any of it.

use crate::common::desk;
use domain::{
    DomainError,
    accounts::queries,
    organizations::{self, OrganizationInput},
};

fn input(name: &str, domains: &str, shares_tickets: bool) -> OrganizationInput {
    OrganizationInput { name: name.into(), shares_tickets, domains: domains.into() }
}

fn field(result: Result<impl std::fmt::Debug, DomainError>) -> (String, String) {
    let err = result.expect_err("a field error");
    let f = err.fields().first().unwrap_or_else(|| panic!("{err:?}"));
    (f.field.clone(), f.message.clone())
}

#[tokio::test]
async fn admins_edit_organizations_and_verified_addresses_at_their_domains_join() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let agent = d.actor("agent@example.com").await;

    let acme =
        organizations::list(&d.db, &admin).await.expect("list").into_iter().find(|o| o.name == "Acme Corporation");
    let acme = acme.expect("demo Acme");
    assert_eq!(acme.domains, ["acme-labs.example", "acme.example"]);
    assert!(acme.shares_tickets && acme.members >= 2);

    // Only admins change organizations; bad input names its field.
    assert_eq!(organizations::create(&d.db, &agent, input("Umbrella", "", false)).await, Err(DomainError::Forbidden));
    assert_eq!(field(organizations::create(&d.db, &admin, input(" ", "", false)).await).0, "name");
    let (f, message) = field(organizations::create(&d.db, &admin, input("Umbrella", "gmail.com", false)).await);
    assert_eq!((f.as_str(), message.contains("Anyone can have an address")), ("domains", true));
    let (_, message) = field(organizations::create(&d.db, &admin, input("Umbrella", "acme.example", false)).await);
    assert!(message.contains("already belongs to Acme Corporation"), "{message}");
    let (_, message) = field(organizations::create(&d.db, &admin, input("Globex", "", false)).await);
    assert!(message.contains("already exists"), "{message}");

    // Lee, verified and in no organization, joins when their domain is added; nobody
    // unverified does.
    let lee = queries::find_by_email(&d.db, "lee@fastmail.example").await.expect("q").expect("lee");
    assert!(lee.organization_id.is_none() && lee.email_verified_at.is_some());
    let (umbrella, joined) =
        organizations::create(&d.db, &admin, input("Umbrella", "umbrella.example", true)).await.expect("create");
    assert_eq!(joined, 0);
    let joined = organizations::update(
        &d.db,
        &admin,
        umbrella,
        input("Umbrella Corp", "umbrella.example fastmail.example", true),
    )
    .await
    .expect("update");
    assert_eq!(joined, 1);
    let lee = queries::find_by_email(&d.db, "lee@fastmail.example").await.expect("q").expect("lee");
    assert_eq!(lee.organization_id, Some(umbrella));
    let view = organizations::detail(&d.db, &admin, umbrella).await.expect("detail");
    assert_eq!((view.name.as_str(), view.domains.len(), view.members), ("Umbrella Corp", 2, 1));

    // By hand: customers only; moving someone from another organization; taking them out.
    assert_eq!(field(organizations::add_member(&d.db, &admin, umbrella, "agent@example.com").await).0, "email");
    assert_eq!(field(organizations::add_member(&d.db, &admin, umbrella, "nobody@nowhere.example").await).0, "email");
    let hank = organizations::add_member(&d.db, &admin, umbrella, "Hank@Globex.example").await.expect("add");
    let members =
        queries::list(&d.db, &admin, queries::UserFilter { organization_id: Some(umbrella), ..Default::default() })
            .await
            .expect("members");
    assert_eq!(members.items.len(), 2);
    organizations::remove_member(&d.db, &admin, umbrella, hank).await.expect("remove");
    assert_eq!(organizations::remove_member(&d.db, &admin, umbrella, hank).await, Err(DomainError::NotFound));
    assert_eq!(organizations::update(&d.db, &admin, 9999, input("X", "", false)).await, Err(DomainError::NotFound));
}
