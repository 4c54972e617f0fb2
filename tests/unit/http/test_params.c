/* Query parameter checks: known names, repetition, whole numbers, ids and country codes. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/params.h"

static struct request req;
static struct kv pairs[4];

static void with_query(size_t n, const char *const *kv)
{
    memset(&req, 0, sizeof req);
    req.arena = arena_new();
    for (size_t i = 0; i < n; i++) {
        pairs[i].name = kv[2 * i];
        pairs[i].value = kv[2 * i + 1];
    }
    req.query = pairs;
    req.nquery = n;
}

static void done(void)
{
    arena_free(req.arena);
}

TestSuite(params, .fini = done);

Test(params, unknown_parameter_is_named)
{
    const char *q[] = {"limit", "5", "colour", "red"};
    const char *const known[] = {"limit", "offset", NULL};
    with_query(2, q);
    cr_assert_eq(params_check(&req, known), JVDR_E_BAD_PARAM);
    cr_assert_str_eq(req.error_parameter, "colour");
}

Test(params, repeated_parameter_is_refused)
{
    const char *q[] = {"limit", "5", "limit", "6"};
    const char *const known[] = {"limit", NULL};
    with_query(2, q);
    cr_assert_eq(params_check(&req, known), JVDR_E_BAD_PARAM);
    cr_assert_str_eq(req.error_parameter, "limit");
    cr_assert(strstr(req.error_detail, "more than once"));
}

Test(params, whole_numbers_are_bounded)
{
    const char *cases[][2] = {
        {"0", "ok"},    {"500", "ok"}, {"501", "bad"}, {"-1", "bad"},
        {"1e3", "bad"}, {"", "bad"},   {" 5", "bad"},  {"99999999999999999999999", "bad"},
        {"+5", "bad"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *q[] = {"limit", cases[i][0]};
        unsigned long out = 0;
        with_query(1, q);
        enum jvdr_err code = params_uint(&req, "limit", 50, 500, &out);
        cr_assert_eq(code == JVDR_OK, strcmp(cases[i][1], "ok") == 0, "limit='%s'", cases[i][0]);
        done();
    }
    with_query(0, NULL);
    unsigned long out = 0;
    cr_assert_eq(params_uint(&req, "limit", 50, 500, &out), JVDR_OK);
    cr_assert_eq(out, 50, "the fallback applies when absent");
}

Test(params, ids_are_lowercase_slugs)
{
    cr_assert(id_valid("phan-van-giang"));
    cr_assert(id_valid("admm-2020"));
    const char *bad[] = {"", "-a", "a-", "a--b", "Phan", "a b", "a/b", "../etc", "a_b", "é"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_not(id_valid(bad[i]), "'%s'", bad[i]);
    char long_id[102];
    memset(long_id, 'a', 101);
    long_id[101] = '\0';
    cr_assert_not(id_valid(long_id));
}

Test(params, country_codes_are_two_capitals)
{
    cr_assert(country_code_valid("VN"));
    cr_assert_not(country_code_valid("vn"));
    cr_assert_not(country_code_valid("VNM"));
    cr_assert_not(country_code_valid("V1"));
}
