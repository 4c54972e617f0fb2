/* Matching methods and paths: found with captures, 405 with the allowed set, 404. */
#include <criterion/criterion.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/router.h"

static enum jvdr_err noop(struct request *req, struct response *res)
{
    (void)req;
    (void)res;
    return JVDR_OK;
}

static const struct route table[] = {
    {HTTP_GET, "/v1/events", noop, 0, "events.list", 0, NULL, NULL, 0},
    {HTTP_POST, "/v1/events", noop, 1024, "events.create", 0, NULL, NULL, 0},
    {HTTP_GET, "/v1/events/{id}", noop, 0, "events.get", 0, NULL, NULL, 0},
    {HTTP_DELETE, "/v1/events/{id}", noop, 0, "events.delete", 0, NULL, NULL, 0},
    {0, NULL, NULL, 0, NULL, 0, NULL, NULL, 0},
};

static struct arena *arena;
static void setup(void)
{
    arena = arena_new();
}
static void teardown(void)
{
    arena_free(arena);
}
TestSuite(router, .init = setup, .fini = teardown);

Test(router, literal_path_matches_its_method)
{
    const struct route *route = NULL;
    const char *captures[REQUEST_MAX_CAPTURES];
    size_t n = 9;
    unsigned allowed = 0;
    cr_assert_eq(
        router_match(table, HTTP_POST, "/v1/events", arena, &route, captures, &n, &allowed),
        ROUTER_FOUND);
    cr_assert_str_eq(route->name, "events.create");
    cr_assert_eq(n, 0);
}

Test(router, captures_fill_from_the_path)
{
    const struct route *route = NULL;
    const char *captures[REQUEST_MAX_CAPTURES];
    size_t n = 0;
    unsigned allowed = 0;
    cr_assert_eq(router_match(table, HTTP_GET, "/v1/events/kishi-visit", arena, &route, captures,
                              &n, &allowed),
                 ROUTER_FOUND);
    cr_assert_str_eq(route->name, "events.get");
    cr_assert_eq(n, 1);
    cr_assert_str_eq(captures[0], "kishi-visit");
}

Test(router, head_is_served_by_get_routes)
{
    const struct route *route = NULL;
    const char *captures[REQUEST_MAX_CAPTURES];
    size_t n = 0;
    unsigned allowed = 0;
    cr_assert_eq(
        router_match(table, HTTP_HEAD, "/v1/events", arena, &route, captures, &n, &allowed),
        ROUTER_FOUND);
    cr_assert_str_eq(route->name, "events.list");
}

Test(router, other_methods_get_405_with_the_allowed_set)
{
    const struct route *route = NULL;
    const char *captures[REQUEST_MAX_CAPTURES];
    size_t n = 0;
    unsigned allowed = 0;
    cr_assert_eq(
        router_match(table, HTTP_PUT, "/v1/events/x", arena, &route, captures, &n, &allowed),
        ROUTER_WRONG_METHOD);
    char text[96];
    cr_assert_str_eq(router_allow_header(allowed, text, sizeof text), "GET, HEAD, DELETE, OPTIONS");
}

Test(router, unknown_paths_are_404)
{
    const char *paths[] = {"/v1/event", "/v1/events/", "/v1/events/a/b", "/",
                           "",          "/v1//events", "/v1/events/a/",  "//v1/events"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const struct route *route = NULL;
        const char *captures[REQUEST_MAX_CAPTURES];
        size_t n = 0;
        unsigned allowed = 0;
        cr_assert_eq(router_match(table, HTTP_GET, paths[i], arena, &route, captures, &n, &allowed),
                     ROUTER_NO_PATH, "path '%s'", paths[i]);
    }
}
