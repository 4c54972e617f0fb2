/* Static bearer tokens: loading from the variable and from a secret file, refusing weak ones,
 * checking the Authorization header, and the scopes a token may be limited to. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/scopes.h"

static struct request request_with(const char *authorization, struct kv *header)
{
    struct request req;
    memset(&req, 0, sizeof req);
    req.arena = arena_new();
    if (authorization) {
        header->name = "Authorization";
        header->value = authorization;
        req.headers = header;
        req.nheaders = 1;
    }
    return req;
}

Test(auth, tokens_from_the_variable_carry_labels)
{
    struct config cfg;
    struct auth auth;
    char err[256];
    config_defaults(&cfg);
    cfg.api_token = "alice:aaaaaaaaaaaaaaaa1, bbbbbbbbbbbbbbbb2";
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), 0, "%s", err);
    cr_assert_eq(auth.tokens.count, 2);
    struct kv h;
    struct request req = request_with("Bearer aaaaaaaaaaaaaaaa1", &h);
    cr_assert_eq(auth_check(&auth, &req, SCOPE_RECORDS_WRITE), JVDR_OK);
    cr_assert_str_eq(req.actor, "alice");
    arena_free(req.arena);
    req = request_with("Bearer bbbbbbbbbbbbbbbb2", &h);
    cr_assert_eq(auth_check(&auth, &req, SCOPE_RECORDS_WRITE), JVDR_OK);
    cr_assert_str_eq(req.actor, "token-2");
    arena_free(req.arena);
    auth_cleanup(&auth);
}

Test(auth, tokens_from_a_secret_file)
{
    char path[] = "/tmp/jvdr-token-XXXXXX";
    int fd = mkstemp(path);
    const char text[] = "ops:cccccccccccccccccccc\n\nci:dddddddddddddddddddd\n";
    cr_assert_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    struct config cfg;
    struct auth auth;
    char err[256];
    config_defaults(&cfg);
    cfg.api_token_file = path;
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), 0, "%s", err);
    cr_assert_eq(auth.tokens.count, 2);
    cr_assert_str_eq(auth.tokens.tokens[1].label, "ci");
    auth_cleanup(&auth);
    unlink(path);
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), -1, "a missing file stops start-up");
    cr_assert(strstr(err, "JVDR_API_TOKEN_FILE"));
    auth_cleanup(&auth);
}

Test(auth, weak_or_malformed_tokens_stop_start_up)
{
    const char *bad[] = {"short", "has space inside-1234567", "label with space:aaaaaaaaaaaaaaaa",
                         "toolonglabelxxxxxxxxxxxxxxxxxxxxxxxxx:aaaaaaaaaaaaaaaa",
                         "é-not-ascii-token-000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct config cfg;
        struct auth auth;
        char err[256] = "";
        config_defaults(&cfg);
        cfg.api_token = bad[i];
        cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), -1, "'%s' accepted", bad[i]);
        cr_assert(strstr(err, "JVDR_API_TOKEN"), "%s", err);
        cr_assert_null(strstr(err, bad[i]), "the message never echoes the token");
        auth_cleanup(&auth);
    }
}

Test(auth, missing_wrong_or_other_schemes_are_401_and_no_token_is_403)
{
    struct config cfg;
    struct auth auth;
    char err[256];
    config_defaults(&cfg);
    cfg.api_token = "eeeeeeeeeeeeeeee5";
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), 0);
    const char *refused[] = {NULL,
                             "Bearer eeeeeeeeeeeeeeee",
                             "Bearer eeeeeeeeeeeeeeee55",
                             "Bearer eeeeeeeeeeeeeeeE5",
                             "Basic eeeeeeeeeeeeeeee5",
                             "Bearer ",
                             ""};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        struct kv h;
        struct request req = request_with(refused[i], &h);
        cr_assert_eq(auth_check(&auth, &req, SCOPE_RECORDS_WRITE), JVDR_E_UNAUTHORIZED, "case %zu",
                     i);
        cr_assert_null(req.actor);
        arena_free(req.arena);
    }
    auth_cleanup(&auth);
    config_defaults(&cfg);
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), 0);
    struct kv h;
    struct request req = request_with("Bearer eeeeeeeeeeeeeeee5", &h);
    cr_assert_eq(auth_check(&auth, &req, SCOPE_RECORDS_WRITE), JVDR_E_FORBIDDEN);
    arena_free(req.arena);
    auth_cleanup(&auth);
}

Test(auth, a_token_without_scopes_may_do_everything_and_a_scoped_one_what_it_names)
{
    struct config cfg;
    struct auth auth;
    char err[256];
    config_defaults(&cfg);
    cfg.api_token =
        "all:ffffffffffffffff6, junior:gggggggggggggggg7:records:write,"
        "editor:hhhhhhhhhhhhhhhh8:records:write+texts:write, root:iiiiiiiiiiiiiiii9:admin";
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), 0, "%s", err);
    struct {
        const char *token;
        unsigned needed;
        enum jvdr_err expected;
    } cases[] = {
        {"ffffffffffffffff6", SCOPE_RECORDS_DELETE, JVDR_OK},
        {"ffffffffffffffff6", SCOPE_TEXTS_WRITE, JVDR_OK},
        {"gggggggggggggggg7", SCOPE_RECORDS_WRITE, JVDR_OK},
        {"gggggggggggggggg7", SCOPE_RECORDS_DELETE, JVDR_E_FORBIDDEN},
        {"gggggggggggggggg7", SCOPE_TEXTS_WRITE, JVDR_E_FORBIDDEN},
        {"hhhhhhhhhhhhhhhh8", SCOPE_TEXTS_WRITE, JVDR_OK},
        {"hhhhhhhhhhhhhhhh8", SCOPE_RECORDS_WRITE | SCOPE_TEXTS_WRITE, JVDR_OK},
        {"hhhhhhhhhhhhhhhh8", SCOPE_RECORDS_DELETE, JVDR_E_FORBIDDEN},
        {"iiiiiiiiiiiiiiii9", SCOPE_RECORDS_DELETE | SCOPE_TEXTS_WRITE, JVDR_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char header[64];
        snprintf(header, sizeof header, "Bearer %s", cases[i].token);
        struct kv h;
        struct request req = request_with(header, &h);
        cr_assert_eq(auth_check(&auth, &req, cases[i].needed), cases[i].expected, "case %zu", i);
        if (cases[i].expected == JVDR_E_FORBIDDEN) {
            cr_assert(strstr(req.challenge, "error=\"insufficient_scope\""), "%s", req.challenge);
            cr_assert(strstr(req.error_detail, scope_name(cases[i].needed)), "%s",
                      req.error_detail);
        }
        arena_free(req.arena);
    }
    auth_cleanup(&auth);
}

Test(auth, unknown_or_empty_scopes_stop_start_up)
{
    const char *bad[] = {"x:aaaaaaaaaaaaaaaa:records:read",
                         "x:aaaaaaaaaaaaaaaa:", "x:aaaaaaaaaaaaaaaa:records:write+everything"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct config cfg;
        struct auth auth;
        char err[256] = "";
        config_defaults(&cfg);
        cfg.api_token = bad[i];
        cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), -1, "'%s' accepted", bad[i]);
        cr_assert(strstr(err, "records:write, records:delete, texts:write or admin"), "%s", err);
        auth_cleanup(&auth);
    }
}

Test(auth, a_missing_token_is_a_challenge_without_an_error_code)
{
    struct config cfg;
    struct auth auth;
    char err[256];
    config_defaults(&cfg);
    cfg.api_token = "jjjjjjjjjjjjjjjj0";
    cr_assert_eq(auth_init(&auth, &cfg, err, sizeof err), 0);
    struct kv h;
    struct request req = request_with(NULL, &h);
    cr_assert_eq(auth_check(&auth, &req, SCOPE_RECORDS_WRITE), JVDR_E_UNAUTHORIZED);
    cr_assert_str_eq(req.challenge, "Bearer realm=\"jvdr\"");
    arena_free(req.arena);
    req = request_with("Bearer kkkkkkkkkkkkkkkk0", &h);
    cr_assert_eq(auth_check(&auth, &req, SCOPE_RECORDS_WRITE), JVDR_E_UNAUTHORIZED);
    cr_assert(strstr(req.challenge, "error=\"invalid_token\""), "%s", req.challenge);
    arena_free(req.arena);
    auth_cleanup(&auth);
}
