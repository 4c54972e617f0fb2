/* Reading what a document reports (jvdr/read/proposal_reading.h), with the names a knowledge base
 * would find given by hand. The articles are this file's own. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/read/proposal_reading.h"

static struct arena *arena;
static struct name_hits hits;

static void setup(void)
{
    arena = arena_new();
    memset(&hits, 0, sizeof hits);
    hits.items = calloc(32, sizeof *hits.items);
    hits.cap = 32;
}

static void teardown(void)
{
    free(hits.items);
    arena_free(arena);
}

TestSuite(proposal_reading, .init = setup, .fini = teardown);

/* Every occurrence of words in text, as a name of kind/id, in text order (add in text order). */
static void name(const char *text, const char *words, const char *kind, const char *id,
                 const char *country)
{
    for (const char *p = strstr(text, words); p; p = strstr(p + 1, words)) {
        struct name_hit *h = &hits.items[hits.n++];
        h->byte_start = (size_t)(p - text);
        h->byte_end = h->byte_start + strlen(words);
        h->kind = kind;
        h->id = arena_strdup(arena, id);
        h->country = country ? arena_strdup(arena, country) : NULL;
    }
}

static int by_start(const void *a, const void *b)
{
    const struct name_hit *x = a, *y = b;
    return x->byte_start < y->byte_start ? -1 : x->byte_start > y->byte_start;
}

static struct reading read(const char *text, const char *doc_date)
{
    qsort(hits.items, hits.n, sizeof *hits.items, by_start);
    struct reading r;
    cr_assert(proposal_read(text, strlen(text), &hits, doc_date, arena, &r));
    return r;
}

static bool takes_part(const struct reading *r, const struct reading_event *e, const char *id)
{
    for (size_t i = 0; i < e->npeople; i++)
        if (strcmp(r->people[e->people[i]].id, id) == 0)
            return true;
    return false;
}

Test(proposal_reading, what_will_happen_is_planned_and_dated_ahead)
{
    const char *text = "The Thai defense chief will visit Hanoi next month.";
    name(text, "Hanoi", "place", "Hanoi", "VN");
    struct reading r = read(text, "2025-06-10");
    cr_assert_eq(r.nevents, 1);
    cr_expect_str_eq(r.events[0].type, "visit");
    cr_expect(r.events[0].planned);
    cr_expect_str_eq(r.events[0].date, "2025-07");
    cr_expect_str_eq(r.events[0].location, "Hanoi");
}

Test(proposal_reading, talks_during_a_visit_take_its_month_and_its_people_join_it)
{
    const char *text = "Minister Arata paid a visit to Japan from May 3 to 5. During his visit, "
                       "Arata met Bondo and Corra.";
    name(text, "Arata", "official", "arata", "AA");
    name(text, "Bondo", "official", "bondo", "JP");
    name(text, "Corra", "official", "corra", "JP");
    name(text, "Japan", "country", "JP", "JP");
    struct reading r = read(text, "2025-06-10");
    cr_assert_eq(r.nevents, 2);
    const struct reading_event *visit = &r.events[0], *talks = &r.events[1];
    cr_expect_str_eq(visit->type, "visit");
    cr_expect_str_eq(visit->date, "2025-05-03");
    cr_expect_str_eq(visit->end_date, "2025-05-05");
    cr_expect_str_eq(visit->host_country, "JP");
    cr_expect_str_eq(talks->type, "meeting");
    cr_expect_str_eq(talks->date, "2025-05", "a day within the visit is not known: its month");
    cr_expect(talks->date_note && strstr(talks->date_note, "visit"), "%s", talks->date_note);
    cr_expect(takes_part(&r, talks, "bondo") && takes_part(&r, talks, "corra"));
    cr_expect(takes_part(&r, visit, "bondo"), "who met him during the visit was at it");
    cr_expect_eq(visit->nsentences, 2, "the visit is told of again in the second sentence");
}

Test(proposal_reading, a_visit_of_days_ends_on_its_last)
{
    const char *text = "Arata began a three-day visit to Japan on May 30.";
    name(text, "Arata", "official", "arata", "AA");
    name(text, "Japan", "country", "JP", "JP");
    struct reading r = read(text, "2025-06-10");
    cr_assert_eq(r.nevents, 1);
    cr_expect_str_eq(r.events[0].date, "2025-05-30");
    cr_expect_str_eq(r.events[0].end_date, "2025-06-01");
}

Test(proposal_reading, a_kind_of_event_is_not_an_event)
{
    const char *text = "Both navies keep up consultations such as the annual staff exchanges. "
                       "They want to deepen exercises.";
    struct reading r = read(text, "2025-06-10");
    cr_expect_eq(r.nevents, 0);
}

Test(proposal_reading, a_headline_is_the_event_its_body_tells)
{
    const char *text = "Ministers meet in Hanoi\n\nArata met Bondo in Hanoi on Monday.";
    name(text, "Hanoi", "place", "Hanoi", "VN");
    name(text, "Arata", "official", "arata", "AA");
    name(text, "Bondo", "official", "bondo", "JP");
    struct reading r = read(text, "2025-06-14");
    cr_assert_eq(r.nevents, 1);
    cr_expect_str_eq(r.events[0].date, "2025-06-09");
    cr_expect_eq(r.events[0].nsentences, 2);
    cr_expect_eq(r.events[0].sentences[0][0], 0, "the headline's sentence comes first");
}

Test(proposal_reading, a_name_for_a_government_takes_no_part)
{
    const char *text = "The Trump administration's envoy met Arata in Hanoi on Monday.";
    name(text, "Trump", "official", "trump", "US");
    name(text, "Arata", "official", "arata", "AA");
    name(text, "Hanoi", "place", "Hanoi", "VN");
    struct reading r = read(text, "2025-06-14");
    cr_assert_eq(r.nevents, 1);
    cr_expect(takes_part(&r, &r.events[0], "arata"));
    cr_expect_not(takes_part(&r, &r.events[0], "trump"));
}

Test(proposal_reading, a_place_as_its_government_is_no_location)
{
    const char *text = "Beijing pressured Hanoi over the drilling in 2017.";
    name(text, "Beijing", "place", "Beijing", "CN");
    name(text, "Hanoi", "place", "Hanoi", "VN");
    struct reading r = read(text, "2025-06-14");
    cr_assert_eq(r.nevents, 1);
    cr_expect_str_eq(r.events[0].type, "incident");
    cr_expect_null(r.events[0].location);
    cr_expect_eq(r.events[0].ncountries, 2);
}
