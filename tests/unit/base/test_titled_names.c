/* People named with their title (jvdr/base/titled_names.h) and ids made from names
 * (jvdr/base/slug.h). The phrases are this file's own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/slug.h"
#include "jvdr/base/titled_names.h"

static void expect(const char *text, const char *title, const char *name, const char *country)
{
    struct titled_name t;
    cr_assert(titled_name_next(text, strlen(text), 0, &t), "none in: %s", text);
    char got[128];
    snprintf(got, sizeof got, "%.*s", (int)(t.title_end - t.title_start), text + t.title_start);
    cr_expect_str_eq(got, title, "%s", text);
    snprintf(got, sizeof got, "%.*s", (int)(t.name_end - t.name_start), text + t.name_start);
    cr_expect_str_eq(got, name, "%s", text);
    if (country)
        cr_expect_str_eq(t.country ? t.country : "(none)", country, "%s", text);
    else
        cr_expect_null(t.country, "%s", text);
}

Test(titled_names, a_title_a_name_and_the_country_before_them)
{
    expect("Yesterday Indonesian Defense Minister Budi Santoso arrived.", "Defense Minister",
           "Budi Santoso", "ID");
    expect("Japan's Prime Minister Taro Aso spoke.", "Prime Minister", "Taro Aso", "JP");
    expect("Senior Lieutenant General Hoang Van Binh led it.", "Senior Lieutenant General",
           "Hoang Van Binh", NULL);
    expect("The Minister of National Defence General Tran Van Minh said so.",
           "Minister of National Defence General", "Tran Van Minh", NULL);
    expect("Deputy Defense Minister Lê Văn Hùng's trip", "Deputy Defense Minister", "Lê Văn Hùng",
           NULL);
}

Test(titled_names, visiting_is_said)
{
    struct titled_name t;
    const char *text = "They received visiting Thai Navy Commander Somchai Dee on Monday.";
    cr_assert(titled_name_next(text, strlen(text), 0, &t));
    cr_expect(t.visiting);
    cr_expect_str_eq(t.country, "TH");
}

Test(titled_names, no_title_or_no_name_is_no_person)
{
    static const char *const none[] = {
        "the defense minister said on Monday.",      /* lower case: a description */
        "President Joko spoke.",                     /* one word: a surname at most */
        "The Defense Policy Dialogue met in March.", /* no head noun */
        "Defense Minister March 2024 was busy.",     /* a month is no name */
        "Foreign Minister",                          /* nothing after */
        NULL,
    };
    for (const char *const *t = none; *t; t++) {
        struct titled_name got;
        cr_expect_not(titled_name_next(*t, strlen(*t), 0, &got), "found one in: %s", *t);
    }
}

Test(slug, ids_from_names)
{
    char id[SLUG_MAX + 1];
    slug_from("Phan Văn Giang", id);
    cr_expect_str_eq(id, "phan-van-giang");
    slug_from("  Meeting of A & B, 2021-11  ", id);
    cr_expect_str_eq(id, "meeting-of-a-b-2021-11");
    slug_from("!!!", id);
    cr_expect_str_eq(id, "record");
    char long_name[400];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    cr_expect_eq(slug_from(long_name, id), SLUG_MAX);
}

/* Taken: the ids listed in context, a NULL-ended array. */
static bool listed(const char *id, void *context)
{
    for (const char *const *taken = context; *taken; taken++)
        if (strcmp(*taken, id) == 0)
            return true;
    return false;
}

Test(slug, a_new_id_is_unique_among_those_taken)
{
    struct arena *arena = arena_new();
    cr_assert_not_null(arena);
    const char *none[] = {NULL};
    cr_expect_str_eq(slug_unique(arena, "Phan Văn Giang", listed, none), "phan-van-giang");
    const char *two[] = {"phan-van-giang", "phan-van-giang-2", NULL};
    cr_expect_str_eq(slug_unique(arena, "Phan Văn Giang", listed, two), "phan-van-giang-3");
    cr_expect_str_eq(slug_unique(arena, NULL, listed, none), "record", "no name: a record");
    arena_free(arena);
}
