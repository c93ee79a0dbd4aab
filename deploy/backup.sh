#!/usr/bin/env bash
# Backups of Bridges' PostgreSQL database (docs/operations.md says when to run them and how to test a restore).
#
#   deploy/backup.sh dump [DIR]              custom-format pg_dump of $DATABASE_URL into DIR (default $BACKUP_DIR,
#                                            else ./backups) as bridges-<UTC time>.dump; keeps the newest
#                                            $BACKUP_KEEP (default 14) and deletes older ones
#   deploy/backup.sh restore FILE URL        restores FILE into the database at URL, which must exist and be empty
#                                            (a fresh database: createdb first); refuses a database with tables
#
# The dump holds personal data, and the encrypted columns stay encrypted in it: keep PRIVACY_ENCRYPTION_KEYS
# (separately from the dumps), or a restored database cannot read them. pg_dump must be the server's major
# version or newer: checked before anything is written.
set -euo pipefail
umask 077

die() { echo "backup.sh: $*" >&2; exit 1; }

libpq_url() {
  # django-environ also accepts postgres://, pgsql:// and psql://; libpq takes postgresql:// (and postgres://).
  local url="$1"
  case "$url" in
    postgresql://* | postgres://*) echo "$url" ;;
    pgsql://* | psql://*) echo "postgresql://${url#*://}" ;;
    *) die "not a PostgreSQL URL (DATABASE_URL must point at PostgreSQL)" ;;
  esac
}

major() { sed -E 's/[^0-9]*([0-9]+).*/\1/' <<<"$1"; }

check_versions() {
  local url="$1" client server
  client=$(major "$(pg_dump --version)")
  server=$(( $(psql --dbname="$url" -XAtc "SHOW server_version_num") / 10000 ))
  if (( client < server )); then
    die "pg_dump $client is older than the server ($server): install the PostgreSQL $server client tools"
  fi
}

dump() {
  local url dir stamp file keep
  url=$(libpq_url "${DATABASE_URL:?set DATABASE_URL to the database to back up}")
  dir="${1:-${BACKUP_DIR:-backups}}"
  keep="${BACKUP_KEEP:-14}"
  mkdir -p "$dir"
  check_versions "$url"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  file="$dir/bridges-$stamp.dump"
  # Written under a temporary name first: a dump cut short never looks like a finished one.
  pg_dump --dbname="$url" --format=custom --no-owner --no-privileges --file="$file.partial"
  mv "$file.partial" "$file"
  echo "$file"
  # Keep the newest $keep dumps (names sort by time).
  find "$dir" -maxdepth 1 -name 'bridges-*.dump' | sort -r | tail -n +"$((keep + 1))" | xargs -r rm -f --
}

restore() {
  local file="${1:?name the dump file}" url tables
  url=$(libpq_url "${2:?give the URL of the fresh database to restore into}")
  [ -f "$file" ] || die "no such file: $file"
  check_versions "$url"
  tables=$(psql --dbname="$url" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  [ "$tables" = "0" ] || die "the target database has $tables tables: restore only into a fresh, empty database"
  pg_restore --dbname="$url" --no-owner --no-privileges --exit-on-error --single-transaction "$file"
  echo "restored $file"
}

case "${1:-}" in
  dump) shift; dump "$@" ;;
  restore) shift; restore "$@" ;;
  *) die "usage: backup.sh dump [DIR] | backup.sh restore FILE URL" ;;
esac
