/* path_from_target: escapes decoded where that cannot cut a path or split a segment. */
#include <criterion/criterion.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/path.h"

static void expect_path(const char *target, const char *path)
{
    struct arena *arena = arena_new();
    const char *got = path_from_target(target, arena);
    cr_assert_not_null(got);
    cr_assert_str_eq(got, path, "%s", target);
    arena_free(arena);
}

Test(path, ordinary_escapes_are_decoded_and_the_query_left_out)
{
    expect_path("/v1/events/admm%2D2020?limit=1", "/v1/events/admm-2020");
    expect_path("/v1/%65vents", "/v1/events");
    expect_path("/v1/events/%2e%2e", "/v1/events/..");
    expect_path("/a%20b", "/a b");
}

Test(path, a_nul_a_slash_or_a_percent_stays_escaped)
{
    expect_path("/v1/events/admm-2020%00junk", "/v1/events/admm-2020%00junk");
    expect_path("/v1/events/a%2Fb", "/v1/events/a%2Fb");
    expect_path("/v1/events/a%252F", "/v1/events/a%252F");
    expect_path("/x%0d%0a", "/x%0d%0a");
}

Test(path, bytes_outside_ascii_and_malformed_escapes_stay_as_sent)
{
    expect_path("/v1/events/%C0%AE", "/v1/events/%C0%AE");
    expect_path("/v1/events/%zz", "/v1/events/%zz");
    expect_path("/v1/events/x%", "/v1/events/x%");
    expect_path("/v1/events/x%2", "/v1/events/x%2");
    expect_path("/v1/events/x%2?q", "/v1/events/x%2");
}
