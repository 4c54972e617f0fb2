#!/usr/bin/env bash
# The tree is the architecture: server/ and include/jvdr/ are split into layers, lowest first
#   base < store < http < read, write < service < server/main.c
# and a file may include only its own folder and the folders below it (read and write never each
# other). Prints every include that runs upward or sideways and exits non-zero if there is one.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

rank() {
    case $1 in
    base) echo 1 ;; store) echo 2 ;; http) echo 3 ;; read | write) echo 4 ;; service) echo 5 ;;
    main) echo 6 ;; *) echo 0 ;;
    esac
}

bad=0
while IFS= read -r file; do
    layer=${file#server/}
    layer=${layer#include/jvdr/}
    layer=${layer%%/*}
    [ "$file" = server/main.c ] && layer=main
    if [ "$(rank "$layer")" = 0 ]; then
        echo "check-layers: $file is in no layer (put it in one of the folders above)"
        bad=1
        continue
    fi
    while IFS= read -r used; do
        if [ "$used" != "$layer" ] &&
            { [ "$(rank "$used")" = 0 ] || [ "$(rank "$used")" -ge "$(rank "$layer")" ]; }; then
            echo "check-layers: $file ($layer) includes jvdr/$used/, which is not below it"
            bad=1
        fi
    done < <(grep -o '^#include "jvdr/[a-z_]*/' "$file" | sed 's#.*jvdr/##; s#/$##' | sort -u)
done < <(find server include/jvdr -name '*.[ch]' | sort)

# The engines belong to store/ alone: everything above reaches a database through store/'s
# interfaces (struct db_engine in db.h), whichever engine runs. Outside store/ no file includes
# an engine's library or an engine's own header, or calls either (code, not comments: a line
# starting with * or // is skipped).
while IFS= read -r hit; do
    echo "check-layers: $hit: an engine outside store/"
    bad=1
done < <(grep -HnE -e '^#include <(sqlite3|libpq-fe)\.h>' \
    -e '^#include "jvdr/store/(sqlite|pg)[a-z_]*\.h"' \
    -e '^[^*/]*\b(sqlite3_[a-z_0-9]+|PQ[a-zA-Z]+|sqlite_handle|pg_of|pg_uri)\(' \
    $(find server include/jvdr -name '*.[ch]' | grep -v -e '^server/store/' -e '^include/jvdr/store/' |
        sort) || true)

[ $bad = 0 ] && echo "layers: every include points down (base < store < http < read, write < service < main)"
exit $bad
