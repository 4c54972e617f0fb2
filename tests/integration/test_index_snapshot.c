/* The index of events saved at a clean stop (store/event_index_snapshot.c): the next start reads
 * it instead of the database and answers exactly as a start from the database does; a file that
 * a later write, damage or truncation made untrue is never read. Runs the binary, stopped with
 * SIGTERM (the save) or SIGKILL (none), on a SQLite file of its own. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"

#define TOKEN "snapshot-token-0123456789"

/* Every part of the index a read can use: stats and their filters, pages in each order with
 * filters and offsets, the timeline, full-text filters and counts. */
static const char *const urls[] = {
    "/v1/stats",
    "/v1/stats?from=2019&to=2023",
    "/v1/stats?country=JP&facet_limit=3",
    "/v1/stats?official=phan-van-giang",
    "/v1/stats?topic=maritime-security",
    "/v1/stats?type=meeting&status=held",
    "/v1/stats?q=defense",
    "/v1/stats?source=consultation-tokyo-2020-commentary",
    "/v1/stats?agreement=comprehensive-strategic-partnership",
    "/v1/events?limit=100",
    "/v1/events?limit=100&sort=-date",
    "/v1/events?limit=100&sort=title",
    "/v1/events?limit=100&sort=-title",
    "/v1/events?limit=100&sort=type",
    "/v1/events?limit=7&offset=5&sort=-type",
    "/v1/events?from=2018&to=2021&limit=100",
    "/v1/events?from=2012&to=2012&limit=100",
    "/v1/timeline?from=2012-01&to=2012-12&limit=100",
    "/v1/events?country=VN&sort=title&limit=100",
    "/v1/events?official=snap-official&limit=100",
    "/v1/events?topic=snap-topic&limit=100",
    "/v1/events?q=minister&limit=100",
    "/v1/events?agreement=snap-accord&limit=100",
    "/v1/timeline?limit=100",
    "/v1/timeline?limit=100&sort=-date",
    "/v1/timeline?kind=agreement&limit=100",
    "/v1/timeline?country=JP&limit=100",
    "/v1/timeline?official=snap-official&limit=100",
    "/v1/timeline?topic=asean&limit=100",
    "/v1/timeline?q=defense&limit=100",
    "/v1/timeline?q=snap%20tra&limit=100",
    "/v1/events?q=snap&limit=100",
    "/v1/search?q=defense&limit=100",
    "/v1/search?q=snap&kind=event&limit=100",
    "/v1/search?q=accord&kind=agreement&limit=100",
};
#define URLS (sizeof urls / sizeof urls[0])
#define URL_SPANNING_YEARS 16 /* from=2012&to=2012: an event of 2011 that ends in 2012 */

struct bodies {
    char *body[URLS];
};

static void fetch_all(const char *base, struct bodies *out)
{
    for (size_t i = 0; i < URLS; i++) {
        struct http_reply reply;
        http_get(base, urls[i], &reply);
        cr_assert_eq(reply.status, 200, "%s: %ld %s", urls[i], reply.status, reply.body);
        out->body[i] = strdup(reply.body);
        http_reply_free(&reply);
    }
}

static void assert_same(const struct bodies *a, const struct bodies *b, const char *how)
{
    for (size_t i = 0; i < URLS; i++)
        cr_assert_str_eq(a->body[i], b->body[i], "%s: %s differs", how, urls[i]);
}

static void free_bodies(struct bodies *b)
{
    for (size_t i = 0; i < URLS; i++)
        free(b->body[i]);
}

struct store_dir {
    char dir[64], db[128], saved[160];
};

static void make_store_dir(struct store_dir *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/jvdr-snapshot-XXXXXX");
    cr_assert_not_null(mkdtemp(s->dir));
    snprintf(s->db, sizeof s->db, "%s/jvdr.db", s->dir);
    snprintf(s->saved, sizeof s->saved, "%s-index", s->db);
}

static void remove_store_dir(const struct store_dir *s)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", s->dir); /* our own mkdtemp name */
    cr_assert_eq(system(cmd), 0);
}

/* Starts the binary on the store and waits until it is ready: by then it has said where it read
 * the index from, which goes to log. */
static void start(struct test_process *p, const struct store_dir *s, char *log, size_t len)
{
    const char *const args[] = {"--port", "0", "--db", s->db, NULL};
    /* Every word of two rows or more a bitmap: the saved postings answer q= as the rebuilt. */
    const char *const env[] = {"JVDR_API_TOKEN=" TOKEN, "JVDR_LOG_FORMAT=text",
                               "JVDR_SEARCH_COMMON_ROWS=2", NULL};
    test_process_start_indexed(p, args, env, log, len);
}

static void request(const char *base, const char *method, const char *path, const char *body,
                    long want)
{
    http_write(base, "Authorization: Bearer " TOKEN, method, path, body, want);
}

/* Writes that leave the index as only updates make it: an event deleted (its slot and id given
 * back), others added, an official renamed, an agreement added and dated. */
static void change_things(const char *base)
{
    request(base, "DELETE", "/v1/events/admm-2020", NULL, 204);
    request(base, "POST", "/v1/officials",
            "{\"id\": \"snap-official\", \"name\": \"Snap Official\", \"country\": \"JP\"}", 201);
    request(
        base, "POST", "/v1/agreements",
        "{\"id\": \"snap-accord\", \"title\": \"Snap accord on training\", \"type\": "
        "\"memorandum\", \"status\": \"signed\", \"date\": \"2022-03-04\", \"parties\": [\"JP\", "
        "\"VN\"], \"signatories\": [{\"id\": \"snap-official\"}]}",
        201);
    for (int i = 0; i < 3; i++) {
        char body[512], path[64];
        snprintf(body, sizeof body,
                 "{\"id\": \"snap-event-%d\", \"title\": \"Snap minister visit %d\", \"type\": "
                 "\"visit\", \"date\": \"2021-0%d-10\", \"countries\": [\"JP\", \"VN\"], "
                 "\"topics\": [\"snap-topic\"], \"participants\": [{\"id\": \"snap-official\"}], "
                 "\"agreements\": [{\"id\": \"snap-accord\", \"relation\": \"discussed\"}]}",
                 i, i, i + 1);
        request(base, "POST", "/v1/events", body, 201);
        snprintf(path, sizeof path, "/v1/events/snap-event-%d", i);
        if (i == 1)
            request(base, "DELETE", path, NULL, 204);
    }
    /* The longest span from a start to an end bounds a date filter's search. */
    request(base, "POST", "/v1/events",
            "{\"id\": \"snap-long\", \"title\": \"Snap exercise over the new year\", "
            "\"type\": \"exercise\", \"date\": \"2011-12-20\", \"end_date\": "
            "\"2012-02-10\", \"countries\": [\"JP\"]}",
            201);
    request(base, "PATCH", "/v1/officials/snap-official", "{\"name\": \"Snap Official Renamed\"}",
            200);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Runs a first server that changes things, reads every URL and stops with SIGTERM: the index is
 * saved. Returns its answers in before. */
static void first_run(const struct store_dir *s, struct bodies *before)
{
    struct test_process p = {0};
    char log[8192];
    start(&p, s, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "a new store has no saved index: %s", log);
    change_things(p.base_url);
    fetch_all(p.base_url, before);
    int status = test_process_stop_log(&p, SIGTERM, log, sizeof log);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", log);
    cr_assert(strstr(log, "saved the index of events to"), "no save at the stop: %s", log);
    cr_assert(exists(s->saved), "no %s after the stop", s->saved);
}

/* The same store without its saved file: a start reads the database, which answers as want. */
static void assert_database_says(const struct store_dir *s, const struct bodies *want)
{
    struct test_process p = {0};
    char log[8192];
    struct bodies from_database;
    cr_assert_eq(unlink(s->saved), 0);
    start(&p, s, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "%s", log);
    fetch_all(p.base_url, &from_database);
    assert_same(&from_database, want, "read from the database");
    test_process_stop(&p, SIGKILL);
    free_bodies(&from_database);
}

Test(index_snapshot, a_restart_reads_the_saved_index_and_answers_as_the_database_does)
{
    struct store_dir s;
    make_store_dir(&s);
    struct bodies before, restarted;
    first_run(&s, &before);

    cr_assert(strstr(before.body[URL_SPANNING_YEARS], "snap-long"), "%s",
              before.body[URL_SPANNING_YEARS]);
    struct test_process p = {0};
    char log[8192];
    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, "loaded the index of events from ") && strstr(log, s.saved),
              "the saved index was not read: %s", log);
    /* Before it said it was ready, each render thread (2 by default) opened its connection and
     * ran its engine's warm-up there, so that its first request does not. */
    cr_assert(strstr(log, "; 2 connections ready"), "%s", log);
    fetch_all(p.base_url, &restarted);
    assert_same(&before, &restarted, "read from the saved index");
    /* Nothing written since: the stop finds the file current and leaves it. */
    test_process_stop_log(&p, SIGTERM, log, sizeof log);
    cr_assert(strstr(log, "is current"), "%s", log);

    assert_database_says(&s, &restarted);
    free_bodies(&before);
    free_bodies(&restarted);
    remove_store_dir(&s);
}

/* A server that read the saved index changes events it read from there (their titles and links
 * lie in the file's pages, which it uses in place) and saves again at its stop, over the file it
 * read: the next start reads the new file, and both answer as the database does. */
Test(index_snapshot, changes_to_events_read_from_the_file_are_saved_over_it)
{
    struct store_dir s;
    make_store_dir(&s);
    struct bodies before, changed, restarted;
    first_run(&s, &before);

    struct test_process p = {0};
    char log[8192];
    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, s.saved), "the saved index was not read: %s", log);
    request(p.base_url, "PATCH", "/v1/events/defense-consultation-tokyo-2020",
            "{\"title\": \"Snap consultation retitled\", \"countries\": [\"VN\"], "
            "\"topics\": [\"snap-topic\"]}",
            200);
    request(p.base_url, "PATCH", "/v1/events/snap-event-2", "{\"topics\": [\"asean\"]}", 200);
    request(p.base_url, "DELETE", "/v1/events/lich-russia-visit-2018", NULL, 204);
    request(p.base_url, "POST", "/v1/events",
            "{\"id\": \"snap-after\", \"title\": \"Snap minister talks\", \"type\": "
            "\"dialogue\", \"date\": \"2012-06-01\", \"countries\": [\"JP\"], "
            "\"topics\": [\"snap-topic\"]}",
            201);
    fetch_all(p.base_url, &changed);
    cr_assert(strstr(changed.body[20], "Snap consultation retitled"), "%s", changed.body[20]);
    cr_assert_str_neq(before.body[0], changed.body[0], "the stats count the changes");
    int status = test_process_stop_log(&p, SIGTERM, log, sizeof log);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", log);
    cr_assert(strstr(log, "saved the index of events to"), "no save at the stop: %s", log);

    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, s.saved), "the new file was not read: %s", log);
    fetch_all(p.base_url, &restarted);
    assert_same(&changed, &restarted, "read from the file saved over the one read");
    test_process_stop(&p, SIGKILL);

    assert_database_says(&s, &changed);
    free_bodies(&before);
    free_bodies(&changed);
    free_bodies(&restarted);
    remove_store_dir(&s);
}

Test(index_snapshot, a_write_after_the_save_makes_the_next_start_read_the_database)
{
    struct store_dir s;
    make_store_dir(&s);
    struct bodies before, after;
    first_run(&s, &before);

    /* A server reads the saved index, writes, and dies before it could save again. */
    struct test_process p = {0};
    char log[8192];
    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, s.saved), "%s", log);
    request(p.base_url, "POST", "/v1/events",
            "{\"id\": \"snap-later\", \"title\": \"Snap minister call\", \"type\": \"dialogue\", "
            "\"date\": \"2024-05-06\", \"countries\": [\"VN\"], \"topics\": [\"snap-topic\"]}",
            201);
    test_process_stop(&p, SIGKILL);
    cr_assert(exists(s.saved), "the old file is still there: only its token went");

    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "a file older than a write was read: %s", log);
    struct http_reply reply;
    http_get(p.base_url, "/v1/events?topic=snap-topic&limit=100", &reply);
    cr_assert(strstr(reply.body, "snap-later"), "the write is missing: %s", reply.body);
    http_reply_free(&reply);
    fetch_all(p.base_url, &after);
    cr_assert_str_neq(before.body[0], after.body[0], "the stats count the new event");
    test_process_stop(&p, SIGKILL);
    free_bodies(&before);
    free_bodies(&after);
    remove_store_dir(&s);
}

Test(index_snapshot, a_change_made_by_hand_while_stopped_makes_the_next_start_read_the_database)
{
    struct store_dir s;
    make_store_dir(&s);
    struct bodies before;
    first_run(&s, &before);

    /* As an operator's sqlite3 shell would, with no jvdr running (a table whose triggers need
     * none of jvdr's SQL functions). */
    sqlite3 *h = NULL;
    cr_assert_eq(sqlite3_open(s.db, &h), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h,
                              "INSERT INTO event_countries (event_id, country) "
                              "VALUES ('snap-event-0', 'NZ')",
                              NULL, NULL, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(h));
    sqlite3_close(h);

    struct test_process p = {0};
    char log[8192];
    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "a file older than a change was read: %s", log);
    struct http_reply reply;
    http_get(p.base_url, "/v1/events?country=NZ", &reply);
    cr_assert(strstr(reply.body, "\"total\":1") && strstr(reply.body, "snap-event-0"), "%s",
              reply.body);
    http_reply_free(&reply);
    test_process_stop(&p, SIGKILL);
    free_bodies(&before);
    remove_store_dir(&s);
}

/* Flips one byte at offset (from the end when negative), or cuts the file to its first half. */
static void damage(const char *path, long offset, bool truncate_half)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    if (truncate_half) {
        cr_assert_eq(truncate(path, st.st_size / 2), 0);
        return;
    }
    int fd = open(path, O_RDWR);
    cr_assert_geq(fd, 0);
    off_t at = offset < 0 ? st.st_size + offset : offset;
    unsigned char byte;
    cr_assert_eq(pread(fd, &byte, 1, at), 1);
    byte ^= 0x5a;
    cr_assert_eq(pwrite(fd, &byte, 1, at), 1);
    close(fd);
}

static void damaged_file_is_not_read(long offset, bool truncate_half)
{
    struct store_dir s;
    make_store_dir(&s);
    struct bodies before, after;
    first_run(&s, &before);
    damage(s.saved, offset, truncate_half);
    struct test_process p = {0};
    char log[8192];
    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "a damaged file was read: %s", log);
    fetch_all(p.base_url, &after);
    assert_same(&before, &after, "after the damaged file was refused");
    /* Its header still names the store: the stop writes it again, or every later start would
     * read the database. */
    test_process_stop_log(&p, SIGTERM, log, sizeof log);
    cr_assert(strstr(log, "saved the index of events to"), "the damaged file was kept: %s", log);
    start(&p, &s, log, sizeof log);
    cr_assert(strstr(log, s.saved), "the file written again was not read: %s", log);
    test_process_stop(&p, SIGKILL);
    free_bodies(&before);
    free_bodies(&after);
    remove_store_dir(&s);
}

Test(index_snapshot, a_flipped_byte_in_the_middle_is_refused)
{
    damaged_file_is_not_read(4096, false); /* among the dictionaries and events */
}

Test(index_snapshot, a_flipped_byte_in_the_checksum_is_refused)
{
    damaged_file_is_not_read(-1, false);
}

Test(index_snapshot, a_file_cut_short_is_refused)
{
    damaged_file_is_not_read(0, true);
}
