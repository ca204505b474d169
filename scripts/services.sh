# Sourced by scripts/test.sh and .ci/run: makes Redis (127.0.0.1:6379), PostgreSQL
# (127.0.0.1:5432) and Chromium (/usr/bin/chromium) available for the tests.
# Starts what is installed but stopped; installs what is missing from Debian's packages
# when running as root; otherwise stops with one line naming what is missing and the
# command that provides it. Never skips a test suite. Exports TEST_DATABASE_URL when a
# fresh cluster needs a password over TCP.

services_say() { printf '[services] %s\n' "$*" >&2; }
services_missing() { services_say "missing: $1. Provide it with: $2"; return 1; }
services_apt_updated=0
services_apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then return 1; fi
  if [ "$services_apt_updated" = 0 ]; then apt-get update -qq >/dev/null && services_apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
services_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_services() {
  # Redis on 127.0.0.1:6379 (only the port is checked: an external Redis is fine).
  if [ -z "${TEST_REDIS_URL:-}" ] && ! services_port_open 6379; then
    if ! command -v redis-server >/dev/null; then
      services_say "installing redis-server"
      services_apt_install redis-server || { services_missing "Redis on 127.0.0.1:6379" "sudo apt-get install -y redis-server (or set TEST_REDIS_URL)"; return 1; }
    fi
    services_say "starting redis-server"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null || return 1
    for _ in $(seq 1 50); do services_port_open 6379 && break; sleep 0.1; done
  fi

  # PostgreSQL on 127.0.0.1:5432.
  if [ -z "${TEST_DATABASE_URL:-}" ]; then
    if ! services_port_open 5432; then
      if ! command -v pg_ctlcluster >/dev/null; then
        services_say "installing postgresql"
        services_apt_install postgresql || { services_missing "PostgreSQL on 127.0.0.1:5432" "sudo apt-get install -y postgresql (or set TEST_DATABASE_URL)"; return 1; }
      fi
      services_say "starting postgresql"
      local version
      version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
      [ -n "$version" ] || { services_missing "a PostgreSQL cluster" "sudo pg_createcluster <version> main"; return 1; }
      if [ "$(id -u)" = 0 ]; then pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
      else services_missing "a running PostgreSQL" "sudo pg_ctlcluster $version main start"; return 1; fi
      for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
    if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
      # A fresh Debian cluster asks for a password over TCP: give the tests one.
      if [ "$(id -u)" = 0 ]; then
        su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null || return 1
        export TEST_DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/postgres"
      else
        services_missing "a PostgreSQL user the tests can log in as" "set TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/db"; return 1
      fi
    fi
  fi

  # Chromium for the end-to-end tests.
  if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    services_say "installing chromium"
    services_apt_install chromium || { services_missing "Chromium at /usr/bin/chromium" "sudo apt-get install -y chromium (or set CHROMIUM_PATH)"; return 1; }
  fi
  # pdftotext for the adopted-version tests.
  if ! command -v pdftotext >/dev/null; then
    services_apt_install poppler-utils || { services_missing "pdftotext and pdftoppm" "sudo apt-get install -y poppler-utils"; return 1; }
  fi
  return 0
}
