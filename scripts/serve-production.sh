#!/usr/bin/env bash
# Serve the production configuration locally on 127.0.0.1: DEBUG=false, a generated key,
# behind-a-TLS-proxy settings, a local SMTP server, migrate, collectstatic, gunicorn and the
# worker. Ctrl-C (or TERM) stops everything it started. docs/deploy.md explains each piece.
#
#   PORT=8000                 where gunicorn listens (127.0.0.1)
#   DATABASE_URL=postgres://… PostgreSQL; unset: SQLite in $SQLITE_PATH or a temporary file
#   NO_WORKER=1               do not start the background worker
#   GUNICORN_WORKERS / GUNICORN_THREADS   the worker model (deploy/gunicorn.conf.py)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="$PWD/.venv/bin/python"
PORT="${PORT:-8000}"
RUN_DIR="$(mktemp -d -t sprakvan-production.XXXXXX)"
PIDS=()

stop() {
    trap - INT TERM EXIT
    # Only the processes this script started, by their id; gunicorn finishes requests in flight.
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$RUN_DIR"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

export DEBUG=false
export SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export BEHIND_TLS_PROXY=true
export ALLOWED_HOSTS=127.0.0.1,localhost
export MFA_REQUIRED=true
export SMS_URL=console://
export DATABASE_URL="${DATABASE_URL:-sqlite:///${SQLITE_PATH:-$RUN_DIR/db.sqlite3}}"
export CACHE_URL="${CACHE_URL:-filecache://$RUN_DIR/cache}"
export MEDIA_ROOT="${MEDIA_ROOT:-$RUN_DIR/media}"
# Its own copy, so two runs side by side never write the same files.
export STATIC_ROOT="${STATIC_ROOT:-$RUN_DIR/static}"
export PORT

# A local SMTP server that accepts and discards every message (the production mail path).
SMTP_PORT="$(free_port)"
"$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Sink &
PIDS+=($!)
export EMAIL_URL="smtp://127.0.0.1:$SMTP_PORT"

# Side by side: collectstatic needs no database. `manage.py check --deploy` is make lint's job.
"$PY" manage.py collectstatic --no-input --skip-checks > /dev/null &
COLLECTSTATIC=$!
"$PY" manage.py migrate --no-input --skip-checks > "$RUN_DIR/migrate.log" \
    || { cat "$RUN_DIR/migrate.log" >&2; exit 1; }
wait "$COLLECTSTATIC"

if [ "${NO_WORKER:-0}" != "1" ]; then
    "$PY" manage.py db_worker --queue-name '*' &
    PIDS+=($!)
fi

.venv/bin/gunicorn --config deploy/gunicorn.conf.py &
PIDS+=($!)
echo "Språkvän (production settings) on http://127.0.0.1:$PORT, database ${DATABASE_URL%%:*}," \
    "mail to 127.0.0.1:$SMTP_PORT; it expects a TLS proxy: send X-Forwarded-Proto: https. Ctrl-C stops." >&2
# Returns when gunicorn stops or a signal arrives; the EXIT trap stops the rest.
wait "${PIDS[-1]}"
