/* Migrations: applied in order in one transaction, each once; an older database is upgraded in
 * place, a newer one refused untouched, a failing one leaves nothing behind. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/store/db.h"
#include "jvdr/store/sqlite_functions.h"
#include "jvdr/store/sqlite_migrate.h"
#include "jvdr/store/store.h"

static const struct embedded_file first_only[] = {
    {"0001_a.sql", "CREATE TABLE a (x);", 19},
    {0, 0, 0},
};
static const struct embedded_file both[] = {
    {"0001_a.sql", "CREATE TABLE a (x);", 19},
    {"0002_b.sql", "CREATE TABLE b (y); INSERT INTO a VALUES (1);", 45},
    {0, 0, 0},
};
static const struct embedded_file failing[] = {
    {"0001_a.sql", "CREATE TABLE a (x);", 19},
    {"0002_bad.sql", "CREATE TABLE c (z); SELECT nonsense FROM nowhere;", 50},
    {0, 0, 0},
};

static sqlite3 *handle;

static void open_memory(void)
{
    cr_assert_eq(sqlite3_open(":memory:", &handle), SQLITE_OK);
}

static void close_memory(void)
{
    sqlite3_close(handle);
}

static long version_of(sqlite3 *h)
{
    long v = -1;
    char err[256];
    cr_assert_eq(migrate_current(h, &v, err, sizeof err), JVDR_OK, "%s", err);
    return v;
}

static bool table_exists(const char *name)
{
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(handle, "SELECT 1 FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL);
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
    bool exists = sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    return exists;
}

TestSuite(migrate, .init = open_memory, .fini = close_memory);

Test(migrate, numbers_come_from_file_names)
{
    cr_assert_eq(migrate_number("0003_seed.sql"), 3);
    cr_assert_eq(migrate_number("seed.sql"), -1);
    cr_assert_eq(migrate_number("0000_x.sql"), -1);
    cr_assert_eq(migrate_number("12.sql"), -1);
    cr_assert_eq(migrate_latest(both), 2);
}

Test(migrate, fresh_database_gets_every_migration_once)
{
    char err[256];
    int applied = 0;
    cr_assert_eq(migrate_run(handle, both, &applied, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(applied, 2);
    cr_assert_eq(version_of(handle), 2);
    cr_assert_eq(migrate_run(handle, both, &applied, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(applied, 0, "a second start applies nothing");
}

Test(migrate, older_database_is_upgraded_in_place)
{
    char err[256];
    int applied = 0;
    cr_assert_eq(migrate_run(handle, first_only, &applied, err, sizeof err), JVDR_OK);
    cr_assert_eq(version_of(handle), 1);
    cr_assert_eq(migrate_run(handle, both, &applied, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(applied, 1, "only the new migration runs");
    cr_assert(table_exists("b"));
}

Test(migrate, newer_database_is_refused_and_left_alone)
{
    char err[256];
    int applied = 0;
    cr_assert_eq(migrate_run(handle, both, &applied, err, sizeof err), JVDR_OK);
    cr_assert_eq(migrate_run(handle, first_only, &applied, err, sizeof err), JVDR_E_CONFLICT);
    cr_assert(strstr(err, "newer"), "%s", err);
    cr_assert_eq(version_of(handle), 2);
}

Test(migrate, failing_migration_rolls_everything_back)
{
    char err[256];
    int applied = 5;
    cr_assert_neq(migrate_run(handle, failing, &applied, err, sizeof err), JVDR_OK);
    cr_assert(strstr(err, "0002_bad.sql"), "the error names the file: %s", err);
    cr_assert_eq(applied, 0);
    cr_assert_not(table_exists("a"), "the first migration was rolled back with the second");
    cr_assert_not(table_exists("c"));
}

Test(migrate, embedded_migrations_build_a_consistent_seeded_store)
{
    char err[256];
    int applied = 0;
    sqlite3_exec(handle, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    cr_assert_eq(sqlite_functions_register(handle), SQLITE_OK,
                 "every connection has fold(), as db_open gives");
    cr_assert_eq(migrate_run(handle, embedded_migrations, &applied, err, sizeof err), JVDR_OK, "%s",
                 err);
    cr_assert_geq(applied, 2);
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(handle, "SELECT count(*) FROM pragma_foreign_key_check", -1, &stmt, NULL);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(stmt, 0), 0, "no dangling references in the seed");
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(handle,
                       "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM sources)", -1,
                       &stmt, NULL);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_geq(sqlite3_column_int(stmt, 0), 30);
    cr_assert_eq(sqlite3_column_int(stmt, 1), 5);
    sqlite3_finalize(stmt);
}

/* Reads a whole file for byte comparison. */
static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    char *data = malloc((size_t)*len);
    cr_assert_eq(fread(data, 1, (size_t)*len, f), (size_t)*len);
    fclose(f);
    return data;
}

Test(migrate, store_refuses_a_newer_database_file_without_writing_to_it)
{
    char dir[] = "/tmp/jvdr-migrate-XXXXXX", path[128], err[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/old.db", dir);
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
    cr_assert_eq(
        sqlite3_exec(h,
                     "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT NOT NULL);"
                     "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(h);
    long before_len, after_len;
    char *before = slurp(path, &before_len);

    struct store store;
    cr_assert_neq(store_open(&store, path, err, sizeof err), JVDR_OK);
    store_close(&store);
    cr_assert(strstr(err, "newer") && strstr(err, "9999"), "%s", err);

    char *after = slurp(path, &after_len);
    cr_assert_eq(before_len, after_len);
    cr_assert_eq(memcmp(before, after, (size_t)before_len), 0, "the file was modified");
    free(before);
    free(after);
    unlink(path);
    char side[160];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    rmdir(dir);
}

/* 0011 gives every span of a store with loaded texts its quotes: the words it covers and up to
 * 32 code points either side, counted in code points (here, a text with two-byte letters and an
 * astral character before the span). */
Test(migrate, spans_of_an_older_store_get_their_quotes)
{
    char err[256];
    int applied = 0;
    sqlite3_exec(handle, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    cr_assert_eq(sqlite_functions_register(handle), SQLITE_OK);
    struct embedded_file older[32];
    size_t n = 0;
    for (const struct embedded_file *f = embedded_migrations; f->name; f++)
        if (migrate_number(f->name) < 11 && n < 31)
            older[n++] = *f;
    older[n] = (struct embedded_file){0, 0, 0};
    cr_assert_eq(migrate_run(handle, older, &applied, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(sqlite3_exec(handle,
                              "INSERT INTO sources (id, title, text) VALUES ('q', 'Q', "
                              "'Đà Nẵng 🙂 hosted the talks between the two ministers of "
                              "defence, who signed a memorandum.');"
                              "INSERT INTO events (id, title, type) VALUES ('e', 'E', 'meeting');"
                              "INSERT INTO event_sources (event_id, source_id, start, end) "
                              "VALUES ('e', 'q', 43, 63), ('e', 'q', 0, 7);",
                              NULL, NULL, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(handle));
    cr_assert_eq(migrate_run(handle, embedded_migrations, &applied, err, sizeof err), JVDR_OK, "%s",
                 err);
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(handle,
                       "SELECT exact, prefix, suffix FROM event_sources WHERE event_id = 'e' "
                       "ORDER BY start",
                       -1, &stmt, NULL);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "Đà Nẵng");
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 1), "");
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 2),
                     " 🙂 hosted the talks between the ");
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "ministers of defence");
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 1),
                     "osted the talks between the two ");
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 2), ", who signed a memorandum.");
    sqlite3_finalize(stmt);
}
