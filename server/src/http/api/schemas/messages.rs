//! Wire types of a ticket's conversation: messages, their attachments, and new messages.

use chrono::{DateTime, Utc};
use domain::{attachments::AttachmentView, ticket_types::MessageView, ticket_types::Visibility};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Who may read a message: everyone on the ticket, or agents only (an internal note).
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MessageVisibilityDto {
    #[default]
    Public,
    Internal,
}

impl From<MessageVisibilityDto> for Visibility {
    fn from(v: MessageVisibilityDto) -> Self {
        match v {
            MessageVisibilityDto::Public => Visibility::Public,
            MessageVisibilityDto::Internal => Visibility::Internal,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentDto {
    #[schema(example = 7)]
    pub id: i64,
    #[schema(example = "vpn.log")]
    pub file_name: String,
    #[schema(example = "text/plain")]
    pub content_type: String,
    #[schema(example = 2048)]
    pub size: i64,
    /// Where to download it, with the same token.
    #[schema(example = "/api/v1/attachments/7")]
    pub url: String,
}

impl From<AttachmentView> for AttachmentDto {
    fn from(a: AttachmentView) -> Self {
        AttachmentDto {
            url: format!("/api/v1/attachments/{}", a.id),
            id: a.id,
            file_name: a.file_name,
            content_type: a.content_type,
            size: a.size,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageDto {
    #[schema(example = 311)]
    pub id: i64,
    #[schema(example = "Alex Agent")]
    pub author_name: String,
    #[schema(value_type = super::people::RoleName, example = "agent")]
    pub author_role: String,
    /// `public` or `internal`.
    #[schema(example = "public")]
    pub visibility: String,
    #[schema(example = "web")]
    pub channel: String,
    /// Sanitised HTML rendered from the author's Markdown.
    #[schema(example = "<p>Thanks! Which client version do you run?</p>")]
    pub body_html: String,
    pub attachments: Vec<AttachmentDto>,
    pub created_at: DateTime<Utc>,
}

impl From<MessageView> for MessageDto {
    fn from(m: MessageView) -> Self {
        MessageDto {
            id: m.id,
            author_name: m.author_name,
            author_role: m.author_role.as_str().to_owned(),
            visibility: m.visibility.as_str().to_owned(),
            channel: m.channel.as_str().to_owned(),
            body_html: m.body_html,
            attachments: m.attachments.into_iter().map(Into::into).collect(),
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageList {
    pub items: Vec<MessageDto>,
}

/// A public reply, or an internal note (agents only). The body is Markdown.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageBody {
    /// Required: up to 100,000 characters of Markdown, not only spaces.
    #[serde(default)]
    #[schema(example = "Could you send us the client version?", min_length = 1, pattern = r"\S")]
    pub body: String,
    #[serde(default)]
    pub visibility: MessageVisibilityDto,
}

/// Files for a ticket, sent as `multipart/form-data`: every part with a file name is a file (at
/// most 10); `body` and `visibility` are optional text parts. The files arrive on a new message.
/// Other parts are refused (400), which `deny_unknown_fields` states in the document as
/// `additionalProperties: false`; nothing deserializes this type.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "describes the multipart form for the OpenAPI document; the handler reads the parts")]
pub struct UploadForm {
    /// The message the files come with (Markdown); by default it lists the file names.
    pub body: Option<String>,
    /// `public` (default) or `internal`.
    #[schema(value_type = Option<MessageVisibilityDto>)]
    pub visibility: Option<String>,
    #[schema(value_type = Vec<String>, format = Binary)]
    pub file: Vec<Vec<u8>>,
}
