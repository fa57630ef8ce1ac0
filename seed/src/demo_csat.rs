//! The demo's satisfaction answers: most customers of solved and closed demo tickets rated the
//! support (mostly well, a few badly, some with a comment), some never answered; the answers
//! are dated shortly after each ticket was solved, like the back-dated history they follow.

use chrono::Duration;
use domain::{
    DomainError,
    entities::{csat_survey, ticket},
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};

const COMMENTS: [(u8, &str); 4] = [
    (5, "Quick and friendly, thank you!"),
    (4, "Solved, though it took a couple of emails."),
    (2, "I had to explain the problem twice."),
    (1, "Still not sure it is really fixed."),
];

/// Answers most of the surveys the demo's solved tickets opened.
pub async fn seed(db: &DatabaseConnection) -> Result<usize, DomainError> {
    let surveys = csat_survey::Entity::find().all(db).await?;
    let txn = domain::db::begin_write(db).await?;
    let mut answered = 0;
    for survey in surveys {
        let Some(solved_at) = ticket::Entity::find_by_id(survey.ticket_id).one(&*txn).await?.and_then(|t| t.solved_at)
        else {
            continue;
        };
        let n = survey.ticket_id as usize;
        let mut row = survey.into_active_model();
        row.ask_at = Set(solved_at);
        row.asked_at = Set(Some(solved_at));
        row.created_at = Set(solved_at);
        // One in five never answers; the rest mostly rate 4 or 5.
        if n % 5 != 0 {
            let rating: u8 = match n % 11 {
                0 => 1,
                1 | 2 => 2,
                3 => 3,
                4..=6 => 4,
                _ => 5,
            };
            let comment = (n % 3 == 0).then(|| {
                COMMENTS
                    .iter()
                    .min_by_key(|(r, _)| r.abs_diff(rating))
                    .map(|(_, c)| (*c).to_owned())
                    .unwrap_or_default()
            });
            row.rating = Set(Some(i16::from(rating)));
            row.comment = Set(comment);
            row.answered_at = Set(Some(solved_at + Duration::hours(2 + (n % 20) as i64)));
            answered += 1;
        }
        row.update(&*txn).await?;
    }
    txn.commit().await?;
    Ok(answered)
}
