//! Satisfaction surveys on a real database: the first solve opens one survey (never a second,
//! never for staff requesters, none while surveys are off); the requester answers signed in or
//! by the link (a changed answer replaces the first); nobody else can; a link that does not hold
//! is "not found"; the admin's settings are checked.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    csat::{
        rating,
        settings::{self, SettingsInput},
        types::Scale,
    },
    entities::csat_survey,
    ticket_types::StatusCategory,
    tickets::commands::{self, NewTicket},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn surveys_of(d: &super::support::Desk, ticket_id: i64) -> u64 {
    csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(ticket_id)).count(&d.db).await.expect("count")
}

#[tokio::test]
async fn one_survey_per_ticket_answered_by_its_requester_only() {
    let d = desk().await;
    let admin = d.admin().await;
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let other = d.actor("hank@globex.example").await;

    let two =
        SettingsInput { enabled: true, question: "Happy with us?".into(), scale: "2".into(), delay_hours: "0".into() };
    assert_eq!(settings::save(&d.db, &agent, two.clone()).await, Err(DomainError::Forbidden));
    assert_eq!(
        field_of(settings::save(&d.db, &admin, SettingsInput { scale: "3".into(), ..two.clone() }).await),
        "scale"
    );
    assert_eq!(
        field_of(settings::save(&d.db, &admin, SettingsInput { delay_hours: "721".into(), ..two.clone() }).await),
        "delay_hours"
    );
    assert_eq!(settings::save(&d.db, &admin, two).await.expect("saved").scale, Scale::Two);

    let (id, _) = d.open(&customer, "Cannot print").await;
    assert_eq!(d.view(&agent, id).await.summary.status.category, StatusCategory::New);
    assert_eq!(surveys_of(&d, id).await, 0, "asked only once solved");
    d.set_status(&agent, id, StatusCategory::Solved, false).await.expect("solved");
    assert_eq!(surveys_of(&d, id).await, 1);
    d.set_status(&customer, id, StatusCategory::Open, false).await.expect("reopened");
    d.set_status(&agent, id, StatusCategory::Solved, false).await.expect("solved again");
    assert_eq!(surveys_of(&d, id).await, 1, "never asked a second time");

    // The requester answers; nobody else may.
    assert_eq!(rating::as_requester(&d.db, &other, id, Some(2), None).await, Err(DomainError::NotFound));
    assert_eq!(rating::as_requester(&d.db, &agent, id, Some(2), None).await, Err(DomainError::NotFound));
    assert_eq!(field_of(rating::as_requester(&d.db, &customer, id, Some(3), None).await), "rating");
    assert_eq!(field_of(rating::as_requester(&d.db, &customer, id, None, Some("Hi".into())).await), "rating");
    let first = rating::as_requester(&d.db, &customer, id, Some(1), None).await.expect("rated");
    assert_eq!((first.rating, first.rating_label()), (Some(1), Some("Bad")));

    // The link answers in one click, and a later answer replaces the first.
    let survey = csat_survey::Entity::find()
        .filter(csat_survey::Column::TicketId.eq(id))
        .one(&d.db)
        .await
        .expect("q")
        .expect("s");
    let secret = rating::issue_link(&d.db, &survey).await.expect("link");
    let answered = rating::with_link(&d.db, &secret, Some(2), None).await.expect("one click");
    assert_eq!(answered.survey.rating, Some(2));
    let commented = rating::with_link(&d.db, &secret, None, Some("Quick and kind".into())).await.expect("comment");
    assert_eq!((commented.survey.rating, commented.survey.comment.as_deref()), (Some(2), Some("Quick and kind")));
    assert_eq!(surveys_of(&d, id).await, 1, "still one answer");
    assert_eq!(rating::with_link(&d.db, "not-a-real-secret", Some(2), None).await, Err(DomainError::NotFound));
    let seen = d.view(&agent, id).await.csat.expect("agents see it");
    assert_eq!((seen.rating, seen.question.as_str()), (Some(2), "Happy with us?"));

    // Staff requesters are not asked, nor anyone while surveys are off.
    let for_sam = NewTicket {
        subject: "Logged for a colleague".into(),
        body: "Sam's laptop".into(),
        requester_email: Some("sam.rivera@example.com".into()),
        ..Default::default()
    };
    let staff_ticket = commands::create(&d.db, &agent, for_sam).await.expect("logged").id;
    d.set_status(&agent, staff_ticket, StatusCategory::Solved, false).await.expect("solved");
    assert_eq!(surveys_of(&d, staff_ticket).await, 0);
    let off = SettingsInput { enabled: false, question: "Q?".into(), scale: "5".into(), delay_hours: "".into() };
    settings::save(&d.db, &admin, off).await.expect("off");
    let (quiet, _) = d.open(&customer, "No survey").await;
    d.set_status(&agent, quiet, StatusCategory::Solved, false).await.expect("solved");
    assert_eq!(surveys_of(&d, quiet).await, 0);
}
