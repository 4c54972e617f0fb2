/* The facts a write reports for the response cache: every filter's value, the years a date covers,
 * and each word's prefixes — or, where a field's values cannot be listed exactly (words SQLite's
 * tokenizer would split otherwise, links by the thousand), that field's catch-all. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/base/arena.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/store.h"

static struct store store;
static struct db *db;
static struct arena *arena;
static char path[64];

static void open_seeded(void)
{
    snprintf(path, sizeof path, "/tmp/jvdr-facts-%d.db", (int)getpid());
    unlink(path);
    char err[256];
    cr_assert_eq(store_open(&store, path, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(store_db(&store, &db), JVDR_OK);
    arena = arena_new();
}

static void close_seeded(void)
{
    arena_free(arena);
    store_close(&store);
    unlink(path);
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

TestSuite(facts, .init = open_seeded, .fini = close_seeded);

static bool has(const struct store_changes *facts, const char *kind, const char *field,
                const char *value)
{
    for (size_t i = 0; i < facts->count; i++)
        if (strcmp(facts->items[i].kind, kind) == 0 && strcmp(facts->items[i].field, field) == 0 &&
            strcmp(facts->items[i].value, value) == 0)
            return true;
    return false;
}

Test(facts, an_event_reports_what_its_filters_select_on)
{
    struct store_changes facts;
    store_changes_init(&facts, arena);
    cr_assert_eq(store_record_facts(db, "event", "admm-2020", &facts), JVDR_OK);
    cr_assert(has(&facts, "event", "id", "admm-2020"));
    cr_assert(has(&facts, "event", "country", "VN"));
    cr_assert(has(&facts, "event", "type", "meeting"));
    cr_assert(has(&facts, "event", "year", "2020"));
    /* "ASEAN Defence Ministers' Meeting": every prefix up to six letters, folded. */
    cr_assert(has(&facts, "event", "word", "d"));
    cr_assert(has(&facts, "event", "word", "defenc"));
    cr_assert(has(&facts, "event", "word", "minist"));
    cr_assert_not(has(&facts, "event", "word", "defence"), "prefixes stop at six letters");
    cr_assert_not(has(&facts, "event", "word", "*"), "plain text needs no catch-all");
}

Test(facts, a_record_that_is_gone_reports_its_id_only)
{
    struct store_changes facts;
    store_changes_init(&facts, arena);
    cr_assert_eq(store_record_facts(db, "official", "nobody-at-all", &facts), JVDR_OK);
    cr_assert_eq(facts.count, 1);
    cr_assert(has(&facts, "official", "id", "nobody-at-all"));
}

Test(facts, text_outside_ascii_after_folding_reports_the_catch_all)
{
    char *err = NULL;
    cr_assert_eq(sqlite3_exec(sqlite_handle(db),
                              "UPDATE events SET title = 'Meeting in 東京 (Tōkyō) – “quoted”' "
                              "WHERE id = 'admm-2020'",
                              NULL, NULL, &err),
                 SQLITE_OK, "%s", err ? err : "");
    struct store_changes facts;
    store_changes_init(&facts, arena);
    cr_assert_eq(store_record_facts(db, "event", "admm-2020", &facts), JVDR_OK);
    cr_assert(has(&facts, "event", "word", "*"), "CJK text: the tokenizer's words are not ours");
    cr_assert_not(has(&facts, "event", "*", ""), "only the words are beyond listing");
    cr_assert(has(&facts, "event", "country", "VN"), "the other facts are still listed");
}

Test(facts, links_by_the_thousand_report_the_fields_catch_all)
{
    char *err = NULL;
    cr_assert_eq(sqlite3_exec(sqlite_handle(db),
                              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < 100) "
                              "INSERT INTO events (id, title, type) SELECT 'many-' || i, 'Many', "
                              "'meeting' FROM n; "
                              "INSERT INTO event_participants (event_id, official_id) "
                              "SELECT id, 'nobuo-kishi' FROM events WHERE id LIKE 'many-%'",
                              NULL, NULL, &err),
                 SQLITE_OK, "%s", err ? err : "");
    struct store_changes facts;
    store_changes_init(&facts, arena);
    cr_assert_eq(store_record_facts(db, "official", "nobuo-kishi", &facts), JVDR_OK);
    cr_assert(has(&facts, "official", "event", "*"));
    cr_assert_not(has(&facts, "official", "event", "many-99"), "links past the limit were read");
    cr_assert(has(&facts, "official", "country", "JP"), "the other facts are still listed");
}

Test(facts, the_details_showing_an_event_are_told_apart_from_its_own_facts)
{
    struct store_changes facts;
    store_changes_init(&facts, arena);
    cr_assert_eq(store_shown_facts(db, "event", "defense-ministers-meeting-2021-09", &facts),
                 JVDR_OK);
    /* Its participants', agreements' and documents' details show it... */
    cr_assert(has(&facts, "official", "shown", "nobuo-kishi"));
    cr_assert(has(&facts, "official", "shown", "phan-van-giang"));
    cr_assert(has(&facts, "agreement", "shown", "defense-cooperation-new-level-2021"));
    cr_assert(has(&facts, "source", "shown", "deepen-security-ties-2021"));
    /* ...and the lists of officials and agreements filtered by the event select them. */
    cr_assert(has(&facts, "official", "event", "defense-ministers-meeting-2021-09"));
    cr_assert(has(&facts, "agreement", "event", "defense-ministers-meeting-2021-09"));
    for (size_t i = 0; i < facts.count; i++) {
        cr_assert_str_neq(facts.items[i].field, "id", "a shown record's own facts are untouched");
        cr_assert_str_neq(facts.items[i].field, "country");
    }
}

Test(facts, a_document_cited_by_thousands_reports_every_detail_of_the_kind)
{
    char *err = NULL;
    cr_assert_eq(sqlite3_exec(sqlite_handle(db),
                              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < 1500) "
                              "INSERT INTO events (id, title, type) SELECT 'cited-' || i, 'Cited', "
                              "'meeting' FROM n; "
                              "INSERT INTO event_sources (event_id, source_id, start, end) "
                              "SELECT id, 'indo-pacific-spotlight-2018', 0, 5 FROM events "
                              "WHERE id LIKE 'cited-%'",
                              NULL, NULL, &err),
                 SQLITE_OK, "%s", err ? err : "");
    struct store_changes facts;
    store_changes_init(&facts, arena);
    cr_assert_eq(store_shown_facts(db, "source", "indo-pacific-spotlight-2018", &facts), JVDR_OK);
    cr_assert(has(&facts, "event", "shown", "*"));
    cr_assert_leq(facts.count, FACTS_MAX_SHOWN + 64, "every citing event listed one by one");
}

Test(facts, query_words_fold_like_the_text_and_refuse_what_they_cannot_match)
{
    char word[FACTS_WORD_PREFIX + 1];
    cr_assert(store_word_fact("Giang", word));
    cr_assert_str_eq(word, "giang");
    cr_assert(store_word_fact("\xC4\x90\xE1\xBA\xA1i", word)); /* Đại */
    cr_assert_str_eq(word, "dai");
    cr_assert(store_word_fact("Cybersecurity", word));
    cr_assert_str_eq(word, "cybers");
    cr_assert_not(store_word_fact("u.s", word), "punctuation splits the word in FTS5");
    cr_assert_not(store_word_fact("\xE6\x9D\xB1\xE4\xBA\xAC", word)); /* 東京 */
}
