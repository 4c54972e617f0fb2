/* The route table and the OpenAPI document describe the same API, path by path and method by
 * method (operational endpoints /healthz and /readyz are documented in the README instead). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "jvdr/base/embedded.h"
#include "jvdr/http/scopes.h"
#include "jvdr/service/routes.h"

static const struct {
    unsigned bit;
    const char *key;
} methods[] = {{HTTP_GET, "get"},
               {HTTP_POST, "post"},
               {HTTP_PUT, "put"},
               {HTTP_PATCH, "patch"},
               {HTTP_DELETE, "delete"}};

static bool operational(const char *pattern)
{
    return strcmp(pattern, "/healthz") == 0 || strcmp(pattern, "/readyz") == 0 ||
           strcmp(pattern, "/metrics") == 0;
}

static json_t *load_paths(json_t **doc)
{
    json_error_t error;
    *doc = json_loadb(embedded_openapi[0].data, embedded_openapi[0].size, JSON_REJECT_DUPLICATES,
                      &error);
    cr_assert_not_null(*doc, "openapi.json: %s at line %d", error.text, error.line);
    cr_assert_str_eq(json_string_value(json_object_get(*doc, "openapi")), "3.1.0");
    json_t *paths = json_object_get(*doc, "paths");
    cr_assert(json_is_object(paths));
    return paths;
}

Test(routes, every_route_is_documented)
{
    json_t *doc = NULL;
    json_t *paths = load_paths(&doc);
    for (const struct route *r = jvdr_routes; r->pattern; r++) {
        if (operational(r->pattern))
            continue;
        json_t *item = json_object_get(paths, r->pattern);
        cr_assert_not_null(item, "route %s is missing from openapi.json", r->pattern);
        for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
            if (r->methods & methods[m].bit)
                cr_assert_not_null(json_object_get(item, methods[m].key), "%s %s is not documented",
                                   methods[m].key, r->pattern);
    }
    json_decref(doc);
}

Test(routes, every_documented_operation_is_routed)
{
    json_t *doc = NULL;
    json_t *paths = load_paths(&doc);
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item)
    {
        for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
            if (!json_object_get(item, methods[m].key))
                continue;
            bool routed = false;
            for (const struct route *r = jvdr_routes; r->pattern && !routed; r++)
                routed = strcmp(r->pattern, path) == 0 && (r->methods & methods[m].bit);
            cr_assert(routed, "openapi.json documents %s %s but no route serves it", methods[m].key,
                      path);
        }
    }
    json_decref(doc);
}

/* The scopes of the operation's security requirement: one alternative beside admin's. */
static unsigned documented_scopes(json_t *op)
{
    unsigned scopes = 0;
    size_t i;
    json_t *requirement;
    json_array_foreach(json_object_get(op, "security"), i, requirement)
    {
        json_t *names = json_object_get(requirement, "bearerAuth");
        if (!names)
            names = json_object_get(requirement, "staticToken");
        cr_assert_eq(json_array_size(names), 1, "one scope per alternative");
        const char *name = json_string_value(json_array_get(names, 0));
        cr_assert_neq(scope_from_name(name, strlen(name)), 0, "unknown scope %s", name);
        if (strcmp(name, "admin") != 0)
            scopes |= scope_from_name(name, strlen(name));
    }
    return scopes;
}

Test(routes, every_write_documents_the_scope_it_needs)
{
    json_t *doc = NULL;
    json_t *paths = load_paths(&doc);
    size_t writes = 0;
    for (const struct route *r = jvdr_routes; r->pattern; r++) {
        for (size_t m = 1; m < sizeof methods / sizeof methods[0]; m++) {
            if (!(r->methods & methods[m].bit))
                continue;
            json_t *op = json_object_get(json_object_get(paths, r->pattern), methods[m].key);
            unsigned documented = documented_scopes(op);
            /* A revert's handler needs the scope of the write it performs: any may be. */
            unsigned expected =
                r->scopes ? r->scopes
                          : SCOPE_RECORDS_WRITE | SCOPE_RECORDS_DELETE | SCOPE_TEXTS_WRITE;
            cr_assert_eq(documented, expected, "%s %s documents scopes %#x, needs %#x",
                         methods[m].key, r->pattern, documented, expected);
            writes++;
        }
    }
    cr_assert_geq(writes, 18);
    json_decref(doc);
}

Test(routes, every_route_has_a_unique_label)
{
    for (const struct route *a = jvdr_routes; a->pattern; a++)
        for (const struct route *b = a + 1; b->pattern; b++)
            cr_assert(strcmp(a->name, b->name) != 0, "label %s is used twice", a->name);
}
