//! The API's wire types: what requests carry and responses return, with their OpenAPI schemas.
//! They are built from the domain's read models, so the API's contract changes only on purpose.

mod audit;
mod common;
pub mod custom_fields;
mod kb;
mod kb_articles;
mod messages;
mod people;
mod sla;
mod tickets;

pub use audit::AuditEntryPage;
pub use common::{ErrorBody, OptionList, StatusList};
pub use custom_fields::{CustomFieldDto, CustomFieldList};
pub use kb::{CategoryDto, CategoryList, CategoryPatch, NewCategoryBody, NewSectionBody, SectionDto, StateDto};
pub use kb_articles::{ArticleDto, ArticleItemDto, ArticlePage, ArticlePatch, NewArticleBody, RevisionList, VoteBody};
pub use messages::{MessageDto, MessageList, NewMessageBody, UploadForm};
pub use people::{
    NewOrganizationBody, NewTeamBody, NewUserBody, OrganizationDto, OrganizationList, OrganizationPatch, RoleName,
    TeamDto, TeamList, UserDto, UserPage,
};
pub use sla::{AtRiskList, AttainmentDto};
pub use tickets::{NewTicketBody, TicketDto, TicketPage, TicketPatch, TicketSortName};
