/* The engines behind store/db.h: each --db setting reaches the engine that claims it, and every
 * engine the binary carries provides every operation the store calls unconditionally, plus those
 * its capabilities promise, so that an engine missing one fails here rather than crashing a
 * request. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/store/db.h"

Test(engines, each_setting_reaches_the_engine_that_claims_it)
{
    cr_assert_str_eq(db_engine_for("postgresql://jvdr@db/kb")->name, "postgresql");
    cr_assert_str_eq(db_engine_for("postgres://db/kb")->name, "postgresql");
    cr_assert_str_eq(db_engine_for("jvdr.db")->name, "sqlite");
    cr_assert_str_eq(db_engine_for("/var/lib/postgresql/kb.db")->name, "sqlite");
    cr_assert_str_eq(db_engine_for("")->name, "sqlite", "a file is the default");
}

Test(engines, every_engine_provides_what_the_store_calls)
{
    size_t n = 0;
    for (const struct db_engine *const *e = db_engines; *e; e++, n++) {
        const struct db_engine *x = *e;
        cr_assert(x->name && x->claims && x->describe, "%s", x->name);
        cr_assert(x->open && x->close && x->check_connection && x->connection_lost, "%s", x->name);
        cr_assert(x->prepare && x->finalize && x->bind_text && x->bind_int64 && x->step &&
                      x->column_text && x->column_bytes && x->column_int64 && x->column_is_null &&
                      x->column_is_integer && x->reset,
                  "%s", x->name);
        cr_assert(x->exec && x->begin_read && x->in_transaction && x->errmsg &&
                      x->before_statement && x->data_version,
                  "%s", x->name);
        cr_assert(x->open_store && x->begin_write && x->size_bytes, "%s", x->name);
        cr_assert(x->load_begin && x->copy_start && x->copy_row && x->copy_end, "%s", x->name);
        cr_assert(x->search.write && x->search.put_match && x->search.put_snippet &&
                      x->search.refused,
                  "%s", x->name);
        /* What the capabilities promise. */
        if (x->notifies)
            cr_assert(x->announce && x->session_id && x->listen && x->hear && x->unlisten, "%s",
                      x->name);
        if (x->reads_standby)
            cr_assert(x->several_servers, "%s", x->name);
        /* No two engines under one name: metrics and logs tell them apart by it. */
        for (const struct db_engine *const *f = db_engines; f != e; f++)
            cr_assert_str_neq((*f)->name, x->name);
    }
    cr_assert_geq(n, 2);
    cr_assert_str_eq(db_engines[n - 1]->name, "sqlite", "the file engine claims what is left");
}
