# Throw-away mail servers on loopback, for the test command: dovecot answers IMAP (any user name
# logs in with one shared password and gets its own empty Maildir, so parallel tests never share
# mail) and aiosmtpd captures every message sent to it into files, one per recipient.
# Source it, then:
#   mail_apt_missing              prints the apt packages still to install (for one combined apt-get)
#   mail_install_missing          installs them, and aiosmtpd in a virtualenv under ~/.cache/docket
#   mail_start DIR IMAP_PORT SMTP_PORT
#                                 starts both, waits until they answer, exports DOCKET_TEST_IMAP,
#                                 DOCKET_TEST_IMAP_PASSWORD, DOCKET_TEST_SMTP, DOCKET_TEST_SMTP_CAPTURE
#                                 and writes the same exports to DIR/env for a shell to source
#   mail_stop DIR
# As root, dovecot's master runs as root and mail is handled as `nobody` (dovecot refuses uid 0
# for mail); otherwise every dovecot process runs as the calling user.

MAIL_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAIL_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/docket/mail-venv"
MAIL_DOVECOT=/usr/sbin/dovecot

mail_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# scripts/test-all's step line when sourced from there, a plain line otherwise.
mail_say() { if declare -F step >/dev/null; then step "$*"; else echo "$*"; fi; }

mail_apt_missing() {
  [ -x "$MAIL_DOVECOT" ] && [ -x /usr/lib/dovecot/imap ] || echo dovecot-imapd
  # Debian splits ensurepip out of python3; `python3 -m venv` fails without it.
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || echo python3-venv
}

mail_venv_ready() { "$MAIL_VENV/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; }

mail_install_missing() {
  local need
  need="$(mail_apt_missing | tr '\n' ' ')"
  if [ -n "${need// /}" ]; then
    if declare -F apt_install >/dev/null; then
      # shellcheck disable=SC2086
      apt_install $need
    else
      mail_say "installing $need"
      mail_as_root apt-get update -qq || true
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive mail_as_root apt-get install -y -qq $need >/dev/null
    fi
  fi
  if ! mail_venv_ready; then
    mail_say "installing aiosmtpd in $MAIL_VENV"
    rm -rf "$MAIL_VENV"
    mkdir -p "$(dirname "$MAIL_VENV")"
    python3 -m venv "$MAIL_VENV"
    "$MAIL_VENV/bin/pip" install --quiet --disable-pip-version-check aiosmtpd
  fi
}

# The first line a server sends on 127.0.0.1:PORT, or nothing.
mail_greeting() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && IFS= read -r line <&3 && printf "%s\n" "$line"' \
    _ "$1" 2>/dev/null || true
}

mail_port_busy() { timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }

# Waits up to 15 s for the server on PORT to greet with PREFIX, giving up early once the process
# named in PIDFILE has exited; otherwise shows LOG and fails.
mail_wait() {
  local port="$1" prefix="$2" pidfile="$3" log="$4" name="$5" pid
  for _ in $(seq 1 150); do
    case "$(mail_greeting "$port")" in "$prefix"*) return 0 ;; esac
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not answer on 127.0.0.1:$port; its log:" >&2
  tail -n 40 "$log" >&2 2>/dev/null || true
  return 1
}

mail_dovecot_conf() {
  local dir="$1" port="$2" password="$3" user group uid gid
  if [ "$(id -u)" = 0 ]; then user=nobody; group=nogroup; else user="$(id -un)"; group="$(id -gn)"; fi
  uid="$(id -u "$user")"; gid="$(getent group "$group" | cut -d: -f3)"
  cat <<EOF
# Written by scripts/lib/mail.sh for one test run.
base_dir = $dir/run
state_dir = $dir/state
instance_name = docket-test-$port
log_path = $dir/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests log in many times from one address and one test fails on purpose: no delays for that.
auth_failure_delay = 0
mail_max_userip_connections = 100
mail_location = maildir:~/Maildir
# IDLE learns of new mail by inotify; this is the fallback when inotify is unavailable.
mailbox_idle_check_interval = 1 secs
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $gid
last_valid_gid = $gid
EOF
  if [ "$(id -u)" != 0 ]; then
    # Without root every process must run as the caller.
    cat <<EOF
default_login_user = $user
default_internal_user = $user
default_internal_group = $group
service auth-worker {
  user = $user
}
EOF
  fi
  cat <<EOF
passdb {
  driver = static
  args = password=$password
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/home/%Lu
}
service anvil {
  # chroot needs root and buys nothing on loopback.
  chroot =
  # Without this socket there is no growing delay for every login after a failed one.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  # chroot needs root and buys nothing on loopback.
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
}

mail_start() {
  local dir="$1" imap_port="$2" smtp_port="$3" password port
  for port in "$imap_port" "$smtp_port"; do
    if mail_port_busy "$port"; then
      echo "something already serves on 127.0.0.1:$port; stop it or set DOCKET_TEST_IMAP_PORT / DOCKET_TEST_SMTP_PORT" >&2
      return 1
    fi
  done
  password="$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
  mkdir -p "$dir/run" "$dir/state" "$dir/home" "$dir/captured"
  # Mail is handled as another user, who must reach DIR/home.
  chmod 755 "$(dirname "$dir")" "$dir" "$dir/home"
  [ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir/home"
  mail_dovecot_conf "$dir" "$imap_port" "$password" >"$dir/dovecot.conf"
  if ! "$MAIL_DOVECOT" -c "$dir/dovecot.conf" >"$dir/dovecot.start.log" 2>&1; then
    echo "dovecot did not start:" >&2
    cat "$dir/dovecot.start.log" "$dir/dovecot.log" >&2 2>/dev/null || true
    return 1
  fi
  "$MAIL_VENV/bin/python" "$MAIL_LIB_DIR/smtp_capture.py" --host 127.0.0.1 --port "$smtp_port" \
    --capture "$dir/captured" </dev/null >"$dir/smtp.log" 2>&1 &
  echo $! >"$dir/smtp.pid"
  mail_wait "$imap_port" "* OK" "$dir/run/master.pid" "$dir/dovecot.log" dovecot || return 1
  mail_wait "$smtp_port" "220" "$dir/smtp.pid" "$dir/smtp.log" "the SMTP capture server" || return 1
  export DOCKET_TEST_IMAP="127.0.0.1:$imap_port" DOCKET_TEST_IMAP_PASSWORD="$password"
  export DOCKET_TEST_SMTP="127.0.0.1:$smtp_port" DOCKET_TEST_SMTP_CAPTURE="$dir/captured"
  cat >"$dir/env" <<EOF
export DOCKET_TEST_IMAP=$DOCKET_TEST_IMAP DOCKET_TEST_IMAP_PASSWORD=$DOCKET_TEST_IMAP_PASSWORD
export DOCKET_TEST_SMTP=$DOCKET_TEST_SMTP DOCKET_TEST_SMTP_CAPTURE=$DOCKET_TEST_SMTP_CAPTURE
EOF
}

# Stops what mail_start started in DIR; quiet and harmless when nothing runs there.
mail_stop() {
  local dir="$1" pid
  if [ -f "$dir/smtp.pid" ]; then
    pid="$(cat "$dir/smtp.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/smtp.pid"
  fi
  if [ -f "$dir/run/master.pid" ]; then
    pid="$(cat "$dir/run/master.pid")"
    "$MAIL_DOVECOT" -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}
