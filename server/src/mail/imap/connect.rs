//! The connection under an IMAP session: TCP, implicit TLS checked against the webpki roots when
//! asked, the server's greeting, LOGIN and the capabilities that follow.

use super::ImapSettings;
use anyhow::Context;
use std::{fmt, sync::Arc};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::TcpStream,
};
use tokio_rustls::{
    TlsConnector,
    client::TlsStream,
    rustls::{ClientConfig, RootCertStore, crypto::ring, pki_types::ServerName},
};

/// A plain or TLS byte stream, so that one session type serves both.
pub(super) trait Transport: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug {}

impl<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug> Transport for T {}

pub(super) type Session = async_imap::Session<Box<dyn Transport>>;

/// Logs in; returns the session and whether the server offers IDLE.
pub(super) async fn login(settings: &ImapSettings) -> anyhow::Result<(Session, bool)> {
    let tcp = TcpStream::connect((settings.host.as_str(), settings.port)).await.context("cannot connect")?;
    // IMAP is many small request/response turns; Nagle's algorithm would delay each of them.
    tcp.set_nodelay(true).context("cannot set TCP_NODELAY")?;
    let stream: Box<dyn Transport> =
        if settings.tls { Box::new(tls(&settings.host, tcp).await?) } else { Box::new(tcp) };
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await
        .context("cannot read the server's greeting")?
        .context("the server closed the connection before its greeting")?;
    // The error names the server's reason (e.g. AUTHENTICATIONFAILED), never what was sent.
    let mut session = client
        .login(&settings.username, &settings.password)
        .await
        .map_err(|(error, _client)| error)
        .context("login refused")?;
    let capabilities = session.capabilities().await.context("cannot read the capabilities")?;
    Ok((session, capabilities.has_str("IDLE")))
}

async fn tls(host: &str, tcp: TcpStream) -> anyhow::Result<TlsStream<TcpStream>> {
    // The provider is named rather than taken from the process default, which depends on which
    // other crates (lettre, sqlx) happened to install one.
    let config = ClientConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .context("cannot set up TLS")?
        .with_root_certificates(RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() })
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_owned()).with_context(|| format!("{host:?} is no TLS server name"))?;
    TlsConnector::from(Arc::new(config)).connect(name, tcp).await.context("TLS handshake failed")
}
