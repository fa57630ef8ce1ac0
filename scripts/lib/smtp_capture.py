"""An SMTP server for Docket's tests that accepts every message and captures it to files.

Each message is written once per recipient, exactly as received in DATA (after SMTP's dot
unstuffing, nothing added), to CAPTURE/<lowercased recipient>/<nanoseconds>-<counter>.eml.
Files are written under a temporary name and renamed, so a test polling the directory never
reads half a message. Run by scripts/lib/mail.sh with the aiosmtpd of its virtual environment:

    python smtp_capture.py --host 127.0.0.1 --port 55025 --capture DIR
"""

import argparse
import asyncio
import itertools
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP


def recipient_dir(capture, recipient):
    # Recipients come from the network: keep each one a single path component.
    name = recipient.lower().replace("/", "_").replace("\0", "_")
    if name in ("", ".", ".."):
        name = "_" + name
    return os.path.join(capture, name)


class Capture:
    def __init__(self, capture):
        self.capture = capture
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        for recipient in envelope.rcpt_tos:
            directory = recipient_dir(self.capture, recipient)
            os.makedirs(directory, exist_ok=True)
            name = f"{time.time_ns()}-{next(self.counter):06d}.eml"
            temporary = os.path.join(directory, f".{name}.tmp")
            with open(temporary, "wb") as out:
                out.write(raw)
            os.replace(temporary, os.path.join(directory, name))
            print(f"captured {len(raw)} bytes for {recipient} as {name}", flush=True)
        return "250 OK captured"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--capture", required=True)
    args = parser.parse_args()
    os.makedirs(args.capture, exist_ok=True)
    handler = Capture(args.capture)

    def session():
        # A fixed host name: the default looks up this machine's FQDN, slow on a closed network.
        return SMTP(handler, hostname="docket-test-smtp", enable_SMTPUTF8=True, decode_data=False)

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(session, host=args.host, port=args.port))
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    print(f"listening on {args.host}:{args.port}, capturing to {args.capture}", flush=True)
    loop.run_forever()
    server.close()
    loop.run_until_complete(server.wait_closed())
    return 0


if __name__ == "__main__":
    sys.exit(main())
