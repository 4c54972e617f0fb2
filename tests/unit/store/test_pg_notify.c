/* The NOTIFY payload of a commit's facts: read back as written, whatever the values hold; "*"
 * (everything) when there are too many, when the extent is unknown, or for a payload that cannot
 * be read. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/store/pg_notify.h"

Test(pg_notify, facts_are_read_back_as_written)
{
    const struct store_change facts[] = {
        {"event", "id", "admm-2020"},
        {"official", "shown", "nobuo-kishi"},
        {"event", "word", "tab\there\nnewline\\slash"},
        {"agreement", "*", ""},
    };
    struct buf payload;
    buf_init(&payload);
    pg_notify_payload(facts, 4, &payload);
    cr_assert_null(strstr(payload.data, "tab\there"), "a tab in a value is escaped");
    cr_assert_not_null(strstr(payload.data, "tab\\there\\nnewline\\\\slash"));
    struct arena *arena = arena_new();
    struct store_changes back;
    store_changes_init(&back, arena);
    bool everything = true;
    pg_notify_read(payload.data, &back, &everything);
    cr_assert_not(everything);
    cr_assert_eq(back.count, 4);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_str_eq(back.items[i].kind, facts[i].kind);
        cr_assert_str_eq(back.items[i].field, facts[i].field);
        cr_assert_str_eq(back.items[i].value, facts[i].value);
    }
    arena_free(arena);
    buf_cleanup(&payload);
}

Test(pg_notify, too_many_or_unknown_facts_say_everything)
{
    static struct store_change many[2000];
    for (size_t i = 0; i < 2000; i++)
        many[i] = (struct store_change){"event", "word", "abcdef"};
    struct buf payload;
    buf_init(&payload);
    pg_notify_payload(many, 2000, &payload);
    cr_assert_str_eq(payload.data, "*", "past PostgreSQL's payload limit");
    payload.len = 0;
    pg_notify_payload(NULL, 0, &payload);
    cr_assert_str_eq(payload.data, "*", "an unknown extent");
    buf_cleanup(&payload);

    static const char *const unreadable[] = {"*", "", "users\tid\tx\n", "event\tid\n",
                                             "event only\n"};
    struct arena *arena = arena_new();
    for (size_t i = 0; i < sizeof unreadable / sizeof unreadable[0]; i++) {
        struct store_changes back;
        store_changes_init(&back, arena);
        bool everything = false;
        pg_notify_read(unreadable[i], &back, &everything);
        cr_assert(everything, "\"%s\" must read as everything", unreadable[i]);
    }
    arena_free(arena);
}
