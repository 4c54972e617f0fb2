#!/bin/sh
# The standby: on first start a copy of the primary (pg_basebackup -R writes standby.signal and
# the connection it streams from, named "standby" as synchronous_standby_names expects), then a
# hot standby that can be promoted.
set -eu
data=/var/lib/postgresql/data
if [ ! -s "$data/PG_VERSION" ]; then
    until pg_basebackup -d "host=primary user=replicator application_name=standby" \
        -D "$data" -R -X stream --checkpoint=fast; do
        echo "standby: waiting for the primary"; rm -rf "${data:?}"/*; sleep 2
    done
    chmod 700 "$data"
fi
exec postgres -c hot_standby=on
