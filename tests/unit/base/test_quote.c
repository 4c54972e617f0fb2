/* quote_find: a quotation as pasted from a browser is found where the document says it, in the
 * document's own code points, despite whitespace, typographic punctuation and normalisation. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/quote.h"

static enum quote_outcome find(const char *text, const char *exact, const char *prefix,
                               const char *suffix, long long *start, long long *end, size_t *n)
{
    struct quote_text t;
    cr_assert_eq(quote_text_init(&t, text, strlen(text)), 0);
    enum quote_outcome outcome = quote_find(&t, exact, prefix, suffix, start, end, n);
    quote_text_cleanup(&t);
    return outcome;
}

static void expect_at(const char *text, const char *exact, long long want_start, long long want_end)
{
    long long start = -1, end = -1;
    size_t n = 0;
    cr_assert_eq(find(text, exact, NULL, NULL, &start, &end, &n), QUOTE_FOUND, "%s in %s", exact,
                 text);
    cr_assert_eq(start, want_start, "%s: start %lld", exact, start);
    cr_assert_eq(end, want_end, "%s: end %lld", exact, end);
}

Test(quote, plain_words_are_found_in_code_points)
{
    expect_at("🙂 The ministers met.", "ministers", 6, 15);
    expect_at("Đà Nẵng hosted them", "hosted", 8, 14);
}

Test(quote, whitespace_runs_and_line_ends_do_not_matter)
{
    expect_at("The two\r\n  ministers\tmet.", "two ministers met", 4, 24);
    expect_at("The two ministers met.", "  two\n\nministers  ", 4, 17);
}

Test(quote, typographic_quotes_apostrophes_and_dashes_match_their_ascii_kin)
{
    expect_at("Vietnam’s “strategic” partner — Japan", "Vietnam's \"strategic\" partner - Japan", 0,
              37);
    expect_at("Japan's 2018-2020 plan", "Japan’s 2018–2020", 0, 17);
}

Test(quote, nfc_and_nfd_spellings_are_one)
{
    /* The text precomposed (NFC), the quote decomposed (NFD), and the other way round. */
    expect_at("in \xc4\x90\xc3\xa0 N\xe1\xba\xb5ng today",
              "\xc4\x90"
              "a\xcc\x80 Na\xcc\x86\xcc\x83ng",
              3, 10);
    expect_at("in \xc4\x90"
              "a\xcc\x80 Na\xcc\x86\xcc\x83ng today",
              "\xc4\x90\xc3\xa0 N\xe1\xba\xb5ng", 3, 13);
}

Test(quote, absent_ambiguous_and_empty_quotes_say_so)
{
    long long start, end;
    size_t n;
    const char *text = "They met. They met again. Then they parted.";
    cr_assert_eq(find(text, "they danced", NULL, NULL, &start, &end, &n), QUOTE_ABSENT);
    cr_assert_eq(n, 0);
    cr_assert_eq(find(text, "They met", NULL, NULL, &start, &end, &n), QUOTE_AMBIGUOUS);
    cr_assert_eq(n, 2);
    cr_assert_eq(find(text, " \n ", NULL, NULL, &start, &end, &n), QUOTE_EMPTY);
    cr_assert_eq(find(text, "", "", "", &start, &end, &n), QUOTE_EMPTY);
    cr_assert_eq(find("", "met", NULL, NULL, &start, &end, &n), QUOTE_ABSENT, "an empty text");
    cr_assert_eq(find(text, "met", " ", " ", &start, &end, &n), QUOTE_AMBIGUOUS,
                 "blank context says nothing");
    cr_assert_eq(find(text, "they", NULL, NULL, &start, &end, &n), QUOTE_FOUND, "case counts");
}

Test(quote, a_prefix_or_suffix_says_which)
{
    long long start, end;
    size_t n;
    const char *text = "They met. They met again. Then they parted.";
    cr_assert_eq(find(text, "They met", "met.", NULL, &start, &end, &n), QUOTE_FOUND);
    cr_assert_eq(start, 10);
    cr_assert_eq(find(text, "They met", NULL, "again", &start, &end, &n), QUOTE_FOUND);
    cr_assert_eq(start, 10);
    cr_assert_eq(find(text, "They met", NULL, ". They", &start, &end, &n), QUOTE_FOUND);
    cr_assert_eq(start, 0);
    cr_assert_eq(find(text, "They met", "parted", NULL, &start, &end, &n), QUOTE_ABSENT);
    cr_assert_eq(n, 0);
}

Test(quote, repetitive_texts_are_searched_in_one_pass)
{
    static char text[1 << 20];
    memset(text, 'a', sizeof text - 2);
    text[sizeof text - 2] = 'b';
    char exact[1000];
    memset(exact, 'a', sizeof exact - 2);
    exact[sizeof exact - 2] = 'b';
    exact[sizeof exact - 1] = '\0';
    expect_at(text, exact, (long long)(sizeof text - 1 - (sizeof exact - 1)),
              (long long)(sizeof text - 1));
}
