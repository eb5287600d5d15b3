#!/bin/sh
# Issue 21, the peer: Redmine 5.0.4 from Debian's packages, on this machine's PostgreSQL, served by puma
# (2 workers × 5 threads, production). Then `benchmarks/redmine_load.py` copies the county data into it and
# `benchmarks/redmine_side.py` times both side by side. Run as root on a benchmark machine, never in CI.
#   sh benchmarks/redmine_setup.sh            # install, create the database, migrate, load Redmine's defaults
#   sh benchmarks/redmine_setup.sh serve      # start puma on 127.0.0.1:3000 (in the background; log /tmp/redmine-puma.log)
set -eu
export X_DEBIAN_SITEID=default RAILS_ENV=production
if [ "${1:-}" = serve ]; then
    cd /usr/share/redmine
    nohup puma -e production -w 2 -t 5:5 -b tcp://127.0.0.1:3000 config.ru > /tmp/redmine-puma.log 2>&1 &
    for _ in $(seq 60); do
        curl -fs -o /dev/null http://127.0.0.1:3000/login && { echo "Redmine on :3000"; exit 0; }
        sleep 1
    done
    echo "Redmine did not start: /tmp/redmine-puma.log" >&2; exit 1
fi
# The package would otherwise ask how to reach a database (dbconfig-common); the file below says it.
echo "redmine redmine/instances/default/dbconfig-install boolean false" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redmine redmine-pgsql puma curl wrk
cat > /etc/redmine/default/database.yml <<'YML'
production:
  adapter: postgresql
  database: redmine_default
  host: 127.0.0.1
  port: 5432
  username: postgres
  password:
  encoding: utf8
  pool: 10
YML
dropdb -h 127.0.0.1 -U postgres --if-exists redmine_default
createdb -h 127.0.0.1 -U postgres -E UTF8 -T template0 redmine_default
cd /usr/share/redmine
bundle exec rake db:migrate > /tmp/redmine-migrate.log
REDMINE_LANG=zh bundle exec rake redmine:load_default_data > /tmp/redmine-defaults.log
echo "Redmine installed; now: benchmarks/redmine_load.py, then: sh benchmarks/redmine_setup.sh serve"
