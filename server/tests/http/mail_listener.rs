//! The SMTP/LMTP listener over real sockets: lettre's client and hand-typed conversations
//! deliver, get refused, pipeline, overflow, stall and send junk, and the listener keeps going.

use std::time::Duration;

use crate::mail_listener_support::{Delivery, Raw, address, code, lettre_connection, start, start_with};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    address::Envelope,
    transport::smtp::commands::{Data, Mail, Rcpt},
};
use server::mail::listener::{ListenerConfig, Protocol};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

#[tokio::test]
async fn lettre_delivers_to_two_recipients_byte_for_byte() {
    let (addr, recorder) = start(Protocol::Smtp).await;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(addr.port()).build();
    let envelope = Envelope::new(
        Some(address("customer@example.org")),
        vec![address("support@desk.test"), address("sales@desk.test")],
    )
    .expect("envelope");
    // Lines that start with dots (one only a dot) must come out unstuffed; 8-bit text unchanged.
    let raw = "From: customer@example.org\r\nTo: support@desk.test\r\nSubject: Dots\r\n\r\n\
               .hidden\r\n..two\r\n.\r\nCafé ☕\r\nlast line";
    transport.send_raw(&envelope, raw.as_bytes()).await.expect("sent");
    // The line break ending the last line belongs to the end-of-data mark lettre appends.
    let expected = format!("{raw}\r\n").into_bytes();
    let delivered = recorder.delivered();
    let recipients: Vec<_> = delivered.iter().map(|d| d.recipient.as_str()).collect();
    assert_eq!(recipients, ["support@desk.test", "sales@desk.test"]);
    for delivery in delivered {
        assert_eq!(delivery.sender, "customer@example.org");
        assert_eq!(String::from_utf8_lossy(&delivery.raw), String::from_utf8_lossy(&expected));
    }
}

#[tokio::test]
async fn an_unknown_recipient_is_refused_at_rcpt_and_the_known_one_still_gets_the_message() {
    let (addr, recorder) = start(Protocol::Smtp).await;
    let mut conn = lettre_connection(addr).await;
    conn.command(Mail::new(Some(address("customer@example.org")), vec![])).await.expect("MAIL");
    let refused = conn.command(Rcpt::new(address("nobody@desk.test"), vec![])).await.expect_err("unknown");
    assert_eq!(code(&refused), "550");
    let elsewhere = conn.command(Rcpt::new(address("someone@elsewhere.test"), vec![])).await.expect_err("not ours");
    assert_eq!(code(&elsewhere), "550");
    conn.command(Rcpt::new(address("support@desk.test"), vec![])).await.expect("RCPT");
    conn.command(Data).await.expect("DATA");
    conn.message(b"Subject: hi\r\n\r\nhello").await.expect("accepted");
    let delivered = recorder.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].recipient, "support@desk.test");
    assert_eq!(delivered[0].raw, b"Subject: hi\r\n\r\nhello\r\n");
}

#[tokio::test]
async fn an_oversized_message_gets_552_and_the_session_carries_on() {
    let (addr, recorder) = start(Protocol::Smtp).await;
    let mut conn = lettre_connection(addr).await;
    conn.command(Mail::new(Some(address("customer@example.org")), vec![])).await.expect("MAIL");
    conn.command(Rcpt::new(address("support@desk.test"), vec![])).await.expect("RCPT");
    conn.command(Data).await.expect("DATA");
    let big = format!("{}\r\n", "x".repeat(70)).repeat(40);
    let refused = conn.message(big.as_bytes()).await.expect_err("too big");
    assert_eq!(code(&refused), "552");
    conn.command(Mail::new(Some(address("customer@example.org")), vec![])).await.expect("MAIL again");
    conn.command(Rcpt::new(address("support@desk.test"), vec![])).await.expect("RCPT again");
    conn.command(Data).await.expect("DATA again");
    conn.message(b"Subject: small\r\n\r\nfits").await.expect("accepted");
    let delivered = recorder.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].raw, b"Subject: small\r\n\r\nfits\r\n");

    // A declared SIZE over the limit is refused before any data is sent.
    let mut raw = Raw::connect(addr).await;
    let ehlo = raw.expect("EHLO client.test", "250").await;
    assert!(ehlo.contains("250-SIZE 2000\r\n") && ehlo.contains("PIPELINING") && !ehlo.contains("STARTTLS"));
    raw.expect("MAIL FROM:<customer@example.org> SIZE=2001", "552").await;
    raw.expect("MAIL FROM:<customer@example.org> SIZE=2000", "250").await;
}

#[tokio::test]
async fn lmtp_answers_each_recipient_in_order_from_its_own_delivery() {
    let (addr, recorder) = start(Protocol::Lmtp).await;
    let mut raw = Raw::connect(addr).await;
    assert!(raw.expect("LHLO mta.test", "250").await.contains("ENHANCEDSTATUSCODES"));
    // Pipelined, as LMTP clients do: four commands in one write, four replies in order.
    raw.send(
        b"MAIL FROM:<customer@example.org>\r\nRCPT TO:<support@desk.test>\r\nRCPT TO:<busy@desk.test>\r\nDATA\r\n",
    )
    .await;
    for code in ["250", "250", "250", "354"] {
        let reply = raw.reply().await;
        assert!(reply.starts_with(code), "{reply:?}, expected {code}");
    }
    raw.send(b"Subject: two\r\n\r\n..dot\r\n.\r\n").await;
    assert!(raw.reply().await.starts_with("250 "));
    assert!(raw.reply().await.starts_with("451 4.3.0 mailbox busy"));
    let delivered = recorder.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].raw, b"Subject: two\r\n\r\n.dot\r\n");

    // Too big: one 552 per recipient, then the session goes on.
    raw.expect("MAIL FROM:<>", "250").await;
    raw.expect("RCPT TO:<support@desk.test>", "250").await;
    raw.expect("RCPT TO:<gone@desk.test>", "250").await;
    raw.expect("DATA", "354").await;
    raw.send(format!("{}\r\n.\r\n", "y".repeat(5000)).as_bytes()).await;
    assert!(raw.reply().await.starts_with("552 "));
    assert!(raw.reply().await.starts_with("552 "));
    raw.expect("MAIL FROM:<>", "250").await;
    raw.expect("RCPT TO:<gone@desk.test>", "250").await;
    raw.expect("DATA", "354").await;
    assert!(raw.expect("small\r\n.", "550").await.contains("mailbox closed"));
    raw.expect("QUIT", "221").await;
}

#[tokio::test]
async fn lmtp_refuses_helo_and_ehlo_and_smtp_refuses_lhlo() {
    let (addr, _) = start(Protocol::Lmtp).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("HELO mta.test", "500").await;
    raw.expect("EHLO mta.test", "500").await;
    raw.expect("MAIL FROM:<a@example.org>", "503").await;
    raw.expect("LHLO mta.test", "250").await;
    raw.expect("MAIL FROM:<a@example.org>", "250").await;

    let (addr, _) = start(Protocol::Smtp).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("LHLO mta.test", "500").await;
    raw.expect("HELO mta.test", "250").await;
}

#[tokio::test]
async fn the_null_sender_is_delivered_as_empty() {
    let (addr, recorder) = start(Protocol::Smtp).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("EHLO mta.test", "250").await;
    raw.expect("MAIL FROM:<>", "250").await;
    raw.expect("RCPT TO:<support@desk.test>", "250").await;
    raw.expect("DATA", "354").await;
    raw.expect("Subject: bounce\r\n\r\nundeliverable\r\n.", "250").await;
    let delivered = recorder.delivered();
    assert_eq!(
        delivered,
        [Delivery {
            recipient: "support@desk.test".into(),
            sender: String::new(),
            raw: b"Subject: bounce\r\n\r\nundeliverable\r\n".to_vec()
        }]
    );
}

#[tokio::test]
async fn commands_out_of_order_or_malformed_or_too_many_get_their_codes() {
    let (addr, _) = start(Protocol::Smtp).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("MAIL FROM:<a@example.org>", "503").await;
    raw.expect("EHLO", "501").await;
    raw.expect("EHLO mta.test", "250").await;
    raw.expect("RCPT TO:<support@desk.test>", "503").await;
    raw.expect("DATA", "503").await;
    raw.expect("MAIL FROM:a@example.org", "501").await;
    raw.expect("MAIL FROM:<a@example.org> RET=FULL", "555").await;
    raw.expect("MAIL FROM:<a@example.org>", "250").await;
    raw.expect("MAIL FROM:<a@example.org>", "503").await;
    raw.expect("DATA", "503").await;
    for n in 1..=3 {
        raw.expect(&format!("RCPT TO:<r{n}@desk.test>"), "250").await;
    }
    raw.expect("RCPT TO:<r4@desk.test>", "452").await;
    raw.expect("VRFY support", "252").await;
    raw.expect("NOOP", "250").await;
    raw.expect("STARTTLS", "502").await;
    raw.expect("AUTH PLAIN AGFAYg==", "502").await;
    raw.expect("RSET", "250").await;
    raw.expect("RCPT TO:<support@desk.test>", "503").await;
    raw.expect("QUIT", "221").await;
    let mut rest = Vec::new();
    raw.reader.read_to_end(&mut rest).await.expect("closed after QUIT");
    assert!(rest.is_empty());
}

#[tokio::test]
async fn junk_gets_errors_not_hangs_and_the_listener_keeps_serving() {
    let (addr, recorder) = start(Protocol::Smtp).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("\u{0}\u{1}\u{7f}garbage", "500").await;
    raw.send(b"\xff\xfe\x00\x80\xc3\x28 binary\r\n").await;
    assert!(raw.reply().await.starts_with("500"));
    raw.expect(&"A".repeat(100_000), "500 5.5.2").await;
    raw.expect(&format!("NOOP {}", "B".repeat(5000)), "500 5.5.2").await;
    raw.expect("MAIL FROM:<\u{1}@example.org>", "501").await;
    // Bare LF line ends are fine for commands.
    raw.send(b"EHLO mta.test\n").await;
    assert!(raw.reply().await.starts_with("250"));
    raw.send(b"MAIL FROM:<\xff@example.org>\n").await;
    assert!(raw.reply().await.starts_with("501"));
    raw.send(b"MAIL FROM:<a@example.org>\nRCPT TO:<support@desk.test>\nDATA\n").await;
    for code in ["250", "250", "354"] {
        assert!(raw.reply().await.starts_with(code));
    }
    // `LF . CRLF` is message text, not the end of it; only `CRLF . CRLF` ends the message.
    raw.send(b"one\ntwo\n.\r\nthree\r\n.\r\n").await;
    assert!(raw.reply().await.starts_with("250"));
    assert_eq!(recorder.delivered()[0].raw, b"one\ntwo\n\r\nthree\r\n");

    // A client that sends junk without any line end and goes away takes nothing down.
    let mut junk = TcpStream::connect(addr).await.expect("connect");
    // Odd bytes only, so never an LF.
    let noise: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 1).collect();
    let _ = junk.write_all(&noise).await;
    drop(junk);
    // So does one that hangs up in the middle of a message.
    let mut cut = Raw::connect(addr).await;
    cut.expect("HELO mta.test", "250").await;
    cut.expect("MAIL FROM:<a@example.org>", "250").await;
    cut.expect("RCPT TO:<support@desk.test>", "250").await;
    cut.expect("DATA", "354").await;
    cut.send(b"Subject: half\r\n").await;
    drop(cut);

    raw.expect("NOOP", "250").await;
    let mut fresh = Raw::connect(addr).await;
    fresh.expect("HELO mta.test", "250").await;
    assert!(recorder.delivered().is_empty());
}

#[tokio::test]
async fn an_idle_client_is_told_421_and_disconnected() {
    let mut config = ListenerConfig::new(Protocol::Smtp, "mx.desk.test");
    config.idle_timeout = Duration::from_secs(1);
    let (addr, _) = start_with(config).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("EHLO mta.test", "250").await;
    assert!(raw.reply().await.starts_with("421 4.4.2"));
    let mut rest = Vec::new();
    raw.reader.read_to_end(&mut rest).await.expect("closed");
    assert!(rest.is_empty());
}

#[tokio::test]
async fn a_recipient_named_twice_gets_one_copy_and_a_reply_for_each_rcpt() {
    let (addr, recorder) = start(Protocol::Lmtp).await;
    let mut raw = Raw::connect(addr).await;
    raw.expect("LHLO mta.test", "250").await;
    raw.expect("MAIL FROM:<customer@example.org>", "250").await;
    raw.expect("RCPT TO:<support@desk.test>", "250").await;
    raw.expect("RCPT TO:<SUPPORT@desk.test>", "250").await;
    raw.expect("DATA", "354").await;
    raw.expect("Subject: once\r\n.", "250").await;
    assert!(raw.reply().await.starts_with("250"));
    assert_eq!(recorder.delivered().len(), 1);
}
