/* Configuration: defaults, environment, flags (which win), and one-line errors naming the
 * setting. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/config.h"

static void clear_env(void)
{
    unsetenv("JVDR_PORT");
    unsetenv("JVDR_BIND");
    unsetenv("JVDR_DB");
}

TestSuite(config, .init = clear_env, .fini = clear_env);

Test(config, defaults_serve_loopback_8080)
{
    struct config cfg;
    config_defaults(&cfg);
    cr_assert_str_eq(cfg.bind, "127.0.0.1");
    cr_assert_eq(cfg.port, 8080);
    cr_assert_str_eq(cfg.db_path, "jvdr.db");
    cr_assert_eq(cfg.max_body, 1048576);
}

Test(config, flags_win_over_environment)
{
    struct config cfg;
    char err[256];
    bool help = true;
    char *argv[] = {"jvdr", "--port", "9001", "--db=/tmp/x.db", NULL};
    setenv("JVDR_PORT", "7000", 1);
    setenv("JVDR_BIND", "::1", 1);
    config_defaults(&cfg);
    cr_assert_eq(config_from_env(&cfg, err, sizeof err), 0, "%s", err);
    cr_assert_eq(cfg.port, 7000);
    cr_assert_eq(config_from_args(&cfg, 4, argv, 1, &help, err, sizeof err), 0, "%s", err);
    cr_assert_not(help);
    cr_assert_eq(cfg.port, 9001);
    cr_assert_str_eq(cfg.bind, "::1");
    cr_assert_str_eq(cfg.db_path, "/tmp/x.db");
}

Test(config, bad_values_are_named)
{
    struct config cfg;
    char err[256];
    bool help = false;
    struct {
        char *argv[3];
        int argc;
        const char *mentions;
    } cases[] = {
        {{"jvdr", "--port", "65536"}, 3, "--port"},
        {{"jvdr", "--port", "8o8o"}, 3, "--port"},
        {{"jvdr", "--bind", "localhost"}, 3, "--bind"},
        {{"jvdr", "--threads", "0"}, 3, "--threads"},
        {{"jvdr", "--log-format", "xml"}, 3, "--log-format"},
        {{"jvdr", "--nope", "1"}, 3, "--nope"},
        {{"jvdr", "--port", NULL}, 2, "--port"},
        {{"jvdr", "serve", NULL}, 2, "serve"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        config_defaults(&cfg);
        err[0] = '\0';
        cr_assert_eq(
            config_from_args(&cfg, cases[i].argc, cases[i].argv, 1, &help, err, sizeof err), -1,
            "case %zu accepted", i);
        cr_assert(strstr(err, cases[i].mentions), "'%s' does not name %s", err, cases[i].mentions);
        cr_assert_null(strchr(err, '\n'), "one line");
    }
    setenv("JVDR_PORT", "-1", 1);
    config_defaults(&cfg);
    cr_assert_eq(config_from_env(&cfg, err, sizeof err), -1);
    cr_assert(strstr(err, "JVDR_PORT"));
}

Test(config, help_is_recognised)
{
    struct config cfg;
    char err[256];
    bool help = false;
    char *argv[] = {"jvdr", "--help", NULL};
    config_defaults(&cfg);
    cr_assert_eq(config_from_args(&cfg, 2, argv, 1, &help, err, sizeof err), 0);
    cr_assert(help);
}

Test(config, cors_origins_are_matched_exactly)
{
    struct config cfg;
    config_defaults(&cfg);
    cr_assert_not(config_origin_allowed(&cfg, "http://a.example"), "none by default");
    cfg.cors_origins = "http://a.example,https://b.example:8443";
    cr_assert(config_origin_allowed(&cfg, "http://a.example"));
    cr_assert(config_origin_allowed(&cfg, "https://b.example:8443"));
    cr_assert_not(config_origin_allowed(&cfg, "http://a.example.evil"));
    cr_assert_not(config_origin_allowed(&cfg, "http://a"));
    cr_assert_not(config_origin_allowed(&cfg, NULL));
    cfg.cors_origins = "*";
    cr_assert(config_origin_allowed(&cfg, "http://anything.example"));
}

Test(config, a_rate_limit_is_off_rate_or_rate_and_burst)
{
    double rate = -1, burst = -1;
    cr_assert_eq(config_rate("off", &rate, &burst), 0);
    cr_assert_eq(rate, 0);
    cr_assert_eq(config_rate("50", &rate, &burst), 0);
    cr_assert_eq(rate, 50);
    cr_assert_eq(burst, 100);
    cr_assert_eq(config_rate("0.5,3", &rate, &burst), 0);
    cr_assert_eq(burst, 3);
    const char *const bad[] = {"fast", "0", "-1", "10,", "10,0", "10,5x", "1e9", ",5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(config_rate(bad[i], &rate, &burst), -1, "%s", bad[i]);
}
