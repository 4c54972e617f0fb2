/* A search among officials, agreements and sources reads a full-text table of their own
 * (migrations/0018), never the events': it must find exactly what a search of every kind finds of
 * them — the same records, tiers, snippets and totals — after every way they are written: a POST,
 * a PATCH of names and aliases, a new text, a DELETE, a bulk load and its rollback, and another
 * process's SQL. The lists' q= reads the same table. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "kinds-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_server server;
static void settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
}
static void start(void)
{
    test_server_start(&server, settings);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(search_kinds, .init = start, .fini = stop);

/* The hits of a search as "kind/id/score/snippet" lines, events left out when others_only; its
 * total in *total. */
static void hits_of(const char *path, bool others_only, char *out, size_t outlen, long long *total)
{
    json_t *page = http_get_json(server.base_url, path);
    out[0] = '\0';
    size_t i;
    json_t *hit;
    json_array_foreach(json_object_get(page, "items"), i, hit)
    {
        const char *kind = json_string_value(json_object_get(hit, "kind"));
        if (others_only && strcmp(kind, "event") == 0)
            continue;
        size_t at = strlen(out);
        snprintf(out + at, outlen - at, "%s/%s/%lld/%s\n", kind,
                 json_string_value(json_object_get(hit, "id")),
                 (long long)json_integer_value(json_object_get(hit, "score")),
                 json_string_value(json_object_get(hit, "snippet")));
    }
    *total = json_integer_value(json_object_get(page, "total"));
    json_decref(page);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids a list answers, sorted and comma-joined. */
static void list_ids(const char *path, char *out, size_t outlen)
{
    json_t *page = http_get_json(server.base_url, path);
    json_t *items = json_object_get(page, "items");
    const char *ids[100];
    size_t n = 0, i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        if (n < 100)
            ids[n++] = json_string_value(json_object_get(item, "id"));
    }
    qsort(ids, n, sizeof *ids, by_text);
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        size_t at = strlen(out);
        snprintf(out + at, outlen - at, "%s%s", i ? "," : "", ids[i]);
    }
    json_decref(page);
}

/* What a search for word finds among the other kinds: the same hits in the same order as a
 * search of every kind finds of them, and a total that counts exactly those. The kind/id of each,
 * sorted and comma-joined, must be expected; agreements and sources (the lists' q=) must list
 * the same. */
static void expect_found(const char *word, const char *expected)
{
    char path[160], mine[8192], every[8192];
    long long mine_total = 0, every_total = 0;
    snprintf(path, sizeof path, "/v1/search?q=%s&kind=official,agreement,source&limit=100", word);
    hits_of(path, false, mine, sizeof mine, &mine_total);
    snprintf(path, sizeof path, "/v1/search?q=%s&limit=100", word);
    hits_of(path, true, every, sizeof every, &every_total);
    cr_assert_str_eq(mine, every, "q=%s: among the other kinds, then of every kind", word);

    char *lines[100], *save = NULL, found[2048] = "";
    size_t n = 0;
    for (char *line = strtok_r(mine, "\n", &save); line && n < 100;
         line = strtok_r(NULL, "\n", &save)) {
        *strchr(strchr(line, '/') + 1, '/') = '\0'; /* kind/id */
        lines[n++] = line;
    }
    cr_assert_eq(mine_total, (long long)n, "q=%s: the total counts the hits", word);
    qsort(lines, n, sizeof *lines, by_text);
    for (size_t i = 0; i < n; i++) {
        size_t at = strlen(found);
        snprintf(found + at, sizeof found - at, "%s%s", i ? "," : "", lines[i]);
    }
    cr_assert_str_eq(found, expected, "q=%s", word);

    /* Each kind alone, through its list's q= and through kind=. */
    static const char *const kinds[] = {"agreement", "source"};
    for (size_t k = 0; k < 2; k++) {
        char listed[1024], wanted[1024] = "";
        snprintf(path, sizeof path, "/v1/%ss?q=%s&limit=100", kinds[k], word);
        list_ids(path, listed, sizeof listed);
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(kinds[k]);
            if (strncmp(lines[i], kinds[k], len) == 0 && lines[i][len] == '/') {
                size_t at = strlen(wanted);
                snprintf(wanted + at, sizeof wanted - at, "%s%s", at ? "," : "",
                         lines[i] + len + 1);
            }
        }
        cr_assert_str_eq(listed, wanted, "%s", path);
        char one[1024];
        long long total = 0;
        snprintf(path, sizeof path, "/v1/search?q=%s&kind=%s&limit=100", word, kinds[k]);
        hits_of(path, false, one, sizeof one, &total);
        size_t count = 0, listed_count = wanted[0] ? 1 : 0;
        for (const char *p = one; (p = strchr(p, '\n')); p++)
            count++;
        for (const char *p = wanted; (p = strchr(p, ',')); p++)
            listed_count++;
        cr_assert_eq(count, listed_count, "%s: %s", path, one);
        cr_assert_eq(total, (long long)count, "%s", path);
    }
}

/* The officials whose names (name, aliases) hold word, by /v1/officials?q=: expected, sorted and
 * comma-joined. */
static void expect_named(const char *word, const char *expected)
{
    char path[160], listed[1024];
    snprintf(path, sizeof path, "/v1/officials?q=%s&limit=100", word);
    list_ids(path, listed, sizeof listed);
    cr_assert_str_eq(listed, expected, "%s", path);
}

static void write_json(const char *method, const char *path, const char *body, long want)
{
    http_write(server.base_url, AUTH, method, path, body, want);
}

/* Sends body as content_type: the answer's status. */
static long send_as(const char *method, const char *path, const char *content_type,
                    const char *body)
{
    char url[200], type[80];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(type, sizeof type, "Content-Type: %s", content_type);
    const char *headers[] = {AUTH, type, NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, strlen(body), &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

static void put_text(const char *source, const char *text)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/sources/%s/text", source);
    long status = send_as("PUT", path, "text/plain; charset=utf-8", text);
    cr_assert(status == 201 || status == 204, "PUT %s: %ld", path, status);
}

Test(search_kinds, every_write_to_the_other_kinds_reaches_their_search)
{
    expect_found("zephyrine", "");
    write_json("POST", "/v1/officials",
               "{\"id\": \"kinds-ada\", \"name\": \"Ada Zephyrine\", \"country\": \"JP\", "
               "\"aliases\": [\"Quillon\"], \"summary\": \"An envoy.\"}",
               201);
    expect_found("zephyrine", "official/kinds-ada");
    expect_found("quillon", "official/kinds-ada");
    expect_named("quillon", "kinds-ada");
    write_json("POST", "/v1/agreements",
               "{\"id\": \"kinds-accord\", \"title\": \"Zephyrine accord\", \"type\": "
               "\"memorandum\", \"status\": \"signed\", \"aliases\": [\"Marrowind pact\"]}",
               201);
    expect_found("zephyrine", "agreement/kinds-accord,official/kinds-ada");
    expect_found("marrowind", "agreement/kinds-accord");

    write_json("POST", "/v1/sources", "{\"id\": \"kinds-notes\", \"title\": \"Field notes\"}", 201);
    put_text("kinds-notes", "The zephyrine envoy spoke of tessaly and of nothing else.");
    expect_found("zephyrine", "agreement/kinds-accord,official/kinds-ada,source/kinds-notes");
    expect_found("tessaly", "source/kinds-notes");
    put_text("kinds-notes", "Nothing of note.");
    expect_found("tessaly", "");
    expect_found("zephyrine", "agreement/kinds-accord,official/kinds-ada");

    /* Names and positions are the officials' own rows of other tables. */
    write_json("PATCH", "/v1/officials/kinds-ada",
               "{\"aliases\": [\"Tessaly\"], \"positions\": [{\"title\": \"Marrowind attache\"}]}",
               200);
    expect_found("quillon", "");
    expect_found("tessaly", "official/kinds-ada");
    expect_named("quillon", "");
    expect_named("tessaly", "kinds-ada");
    expect_named("marrowind", ""); /* a position is not a name */
    expect_found("marrowind", "agreement/kinds-accord,official/kinds-ada");
    write_json("PATCH", "/v1/agreements/kinds-accord", "{\"aliases\": []}", 200);
    expect_found("marrowind", "official/kinds-ada");

    /* An event never joins them, though every kind's search finds it. */
    write_json("POST", "/v1/events",
               "{\"id\": \"kinds-drill\", \"title\": \"Zephyrine drills\", \"type\": "
               "\"exercise\"}",
               201);
    expect_found("zephyrine", "agreement/kinds-accord,official/kinds-ada");
    json_t *events = http_get_json(server.base_url, "/v1/search?q=zephyrine&kind=event");
    cr_assert_eq(json_integer_value(json_object_get(events, "total")), 1);
    json_decref(events);

    write_json("DELETE", "/v1/officials/kinds-ada", NULL, 204);
    expect_found("zephyrine", "agreement/kinds-accord");
    expect_named("zephyrine", "");
    expect_found("tessaly", "");
    write_json("DELETE", "/v1/agreements/kinds-accord", NULL, 204);
    write_json("DELETE", "/v1/sources/kinds-notes", NULL, 204);
    expect_found("zephyrine", "");
}

static long load(const char *collection, const char *body)
{
    return send_as("POST", collection, "application/x-ndjson", body);
}

/* A bulk load indexes its records once at its end (write/bulk.c): the other kinds' table too. */
Test(search_kinds, a_bulk_load_is_searchable_and_its_rollback_leaves_nothing)
{
    cr_assert_eq(load("/v1/officials",
                      "{\"id\": \"kinds-bulk-1\", \"name\": \"Ira Quokkaline\", \"country\": "
                      "\"VN\"}\n{\"id\": \"kinds-bulk-2\", \"name\": \"Oda Ren\", \"country\": "
                      "\"JP\", \"summary\": \"Met a quokkaline delegation.\"}\n"),
                 200);
    cr_assert_eq(load("/v1/agreements", "{\"id\": \"kinds-bulk-accord\", \"title\": \"Quokkaline "
                                        "notes\", \"type\": \"memorandum\", \"status\": "
                                        "\"signed\"}\n"),
                 200);
    expect_found("quokkaline",
                 "agreement/kinds-bulk-accord,official/kinds-bulk-1,official/kinds-bulk-2");
    expect_named("quokkaline", "kinds-bulk-1");
    /* The second line fails (no country): none of it lands, nor in any index. */
    cr_assert_eq(load("/v1/officials", "{\"id\": \"kinds-bulk-3\", \"name\": \"Una "
                                       "Sorrowind\", \"country\": \"VN\"}\n{\"name\": \"Ivo "
                                       "Sorrowind\"}\n"),
                 422);
    expect_found("sorrowind", "");
    expect_found("quokkaline",
                 "agreement/kinds-bulk-accord,official/kinds-bulk-1,official/kinds-bulk-2");
}

/* Another process's SQL fires the same triggers. Answers are rendered afresh (no cache): what is
 * asserted is the index, not how soon a cached answer learns of a foreign commit. */
static void uncached(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->cache = false;
}
static void start_uncached(void)
{
    test_server_start(&server, uncached);
}

Test(foreign_writes, reach_the_search_of_the_other_kinds, .init = start_uncached, .fini = stop)
{
    expect_found("vellichor", "");
    test_server_sql(&server, "UPDATE officials SET summary = 'Known for vellichor.' "
                             "WHERE id = 'wang-yi'");
    test_server_sql(&server, "INSERT INTO agreement_aliases (agreement_id, alias) "
                             "VALUES ('vientiane-vision', 'Vellichor compact')");
    expect_found("vellichor", "agreement/vientiane-vision,official/wang-yi");
    test_server_sql(&server, "DELETE FROM agreement_aliases WHERE alias = 'Vellichor compact'");
    expect_found("vellichor", "official/wang-yi");
}
