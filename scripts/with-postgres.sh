#!/bin/sh
# with-postgres.sh CMD...: runs CMD inside a throwaway PostgreSQL 15 cluster (pg_virtualenv from
# postgresql-common creates it, exports the PG* variables and removes it afterwards), with
# KN_TEST_POSTGRES=env (the storage tests connect through the PG* environment) and
# KN_REQUIRE_POSTGRES=1 (a missing PostgreSQL fails the PostgreSQL tier instead of skipping it).
# Works as root and non-interactively (CI=true, no stdin). Exit status: CMD's.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh CMD [ARG...]" >&2
  exit 64
fi
if ! command -v pg_virtualenv >/dev/null 2>&1; then
  echo "with-postgres.sh: pg_virtualenv not found (apt-get install postgresql postgresql-common)" >&2
  exit 69
fi

version=15
if [ ! -x "/usr/lib/postgresql/$version/bin/postgres" ]; then
  echo "with-postgres.sh: PostgreSQL $version server not installed" >&2
  exit 69
fi

export KN_TEST_POSTGRES=env
export KN_REQUIRE_POSTGRES=1
# -t: cluster in a temporary directory even as root; fsync stays on (the default) so the tier
# exercises real durable commits. stdin from /dev/null: never waits for a terminal.
exec pg_virtualenv -t -v "$version" "$@" </dev/null
