/* Finding records the way readers type them: any alias, either name order, with or without
 * diacritics, and text filters whose metacharacters are taken literally. */
#include <criterion/criterion.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

static struct test_server server;
static void start(void) { test_server_start(&server, NULL); }
static void stop(void) { test_server_stop(&server); }
TestSuite(search, .init = start, .fini = stop);

/* The ids a list answers, comma-joined. */
static void ids_of(const char *path, char *out, size_t outlen)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %s", path, reply.body);
    json_t *list = http_json(&reply);
    out[0] = '\0';
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(list, "items"), i, item)
    {
        if (i)
            strncat(out, ",", outlen - strlen(out) - 1);
        strncat(out, json_string_value(json_object_get(item, "id")), outlen - strlen(out) - 1);
    }
    json_decref(list);
    http_reply_free(&reply);
}

Test(search, japanese_names_match_in_either_order)
{
    const char *queries[][2] = {
        {"/v1/officials?q=Kishi%20Nobuo", "nobuo-kishi"},
        {"/v1/officials?q=nobuo%20kishi", "nobuo-kishi"},
        {"/v1/officials?q=Nishida%20Yasunori", "yasunori-nishida"},
        {"/v1/officials?q=yasunori%20nishida", "yasunori-nishida"},
        {"/v1/officials?q=Suga%20Yoshihide", "yoshihide-suga"},
        {"/v1/officials?q=Yoshihide%20Suga", "yoshihide-suga"},
        {"/v1/officials?q=Kono%20Taro", "taro-kono"},
        {"/v1/officials?q=K%C5%8Dno", "taro-kono"},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char ids[512];
        ids_of(queries[i][0], ids, sizeof ids);
        cr_assert_str_eq(ids, queries[i][1], "%s", queries[i][0]);
    }
}

Test(search, vietnamese_names_match_with_or_without_diacritics)
{
    const char *queries[][2] = {
        {"/v1/officials?q=Phan%20V%C4%83n%20Giang", "phan-van-giang"},
        {"/v1/officials?q=phan%20van%20giang", "phan-van-giang"},
        {"/v1/officials?q=%C4%90%E1%BA%A1i%20Quang", "tran-dai-quang"},
        {"/v1/officials?q=dai%20quang", "tran-dai-quang"},
        {"/v1/officials?q=NGUYEN%20CHI", "nguyen-chi-vinh"},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char ids[512];
        ids_of(queries[i][0], ids, sizeof ids);
        cr_assert_str_eq(ids, queries[i][1], "%s", queries[i][0]);
    }
}

Test(search, like_metacharacters_are_literal)
{
    char ids[4096];
    ids_of("/v1/officials?q=%25", ids, sizeof ids);
    cr_assert_str_eq(ids, "", "'%%' matches a literal percent sign only");
    ids_of("/v1/officials?q=_", ids, sizeof ids);
    cr_assert_str_eq(ids, "");
    ids_of("/v1/events?q=%27%20OR%201%3D1%20--", ids, sizeof ids);
    cr_assert_str_eq(ids, "", "SQL in a value is only text");
}

Test(search, event_text_and_location_filters)
{
    char ids[4096];
    ids_of("/v1/events?location=tokyo&sort=date", ids, sizeof ids);
    cr_assert_str_eq(ids, "arf-maritime-domain-awareness-workshop-2020,defense-consultation-tokyo-2020");
    ids_of("/v1/events?q=unisfa", ids, sizeof ids);
    cr_assert_str_eq(ids, "defense-ministers-meeting-2021-11,unisfa-experts-dispatch",
                     "dated first, undated last");
    ids_of("/v1/agreements?q=vientiane", ids, sizeof ids);
    cr_assert_str_eq(ids, "vientiane-vision");
}
