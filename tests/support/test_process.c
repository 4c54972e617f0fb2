/* Spawning the jvdr binary for tests; see test_process.h. */
#include "test_process.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_http.h"

void test_process_start(struct test_process *p, const char *const *args, const char *const *env)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    p->pid = fork();
    cr_assert_geq(p->pid, 0);
    if (p->pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        int out = open(p->stdout_path ? p->stdout_path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND,
                       0600);
        dup2(out, 1);
        /* No time budget unless the test sets one (see test_server.c). */
        setenv("JVDR_QUERY_TIMEOUT", "0", 1);
        for (const char *const *e = env; e && *e; e++) {
            char *entry = strdup(*e);
            char *eq = strchr(entry, '=');
            if (eq) {
                *eq = '\0';
                setenv(entry, eq + 1, 1);
            }
        }
        char *argv[32] = {strdup(JVDR_BINARY)};
        int n = 1;
        for (const char *const *a = args; *a && n < 31; a++)
            argv[n++] = strdup(*a);
        argv[n] = NULL;
        execv(JVDR_BINARY, argv);
        _exit(127);
    }
    close(fds[1]);
    p->stderr_fd = fds[0];
    char log[4096] = "";
    size_t used = 0;
    struct pollfd pfd = {.fd = p->stderr_fd, .events = POLLIN};
    /* A bound on a start that hangs, not a measure of speed: under valgrind on a busy machine
     * the binary took more than 10 s to say it listens. */
    while (used < sizeof log - 1 && poll(&pfd, 1, 120000) > 0) {
        ssize_t n = read(p->stderr_fd, log + used, sizeof log - 1 - used);
        if (n <= 0)
            break;
        used += (size_t)n;
        log[used] = '\0';
        const char *at = strstr(log, "listening on 127.0.0.1:");
        if (at && strchr(at, ' ') && sscanf(at, "listening on 127.0.0.1:%u", &p->port) == 1) {
            snprintf(p->startup_log, sizeof p->startup_log, "%s", log);
            snprintf(p->base_url, sizeof p->base_url, "http://127.0.0.1:%u", p->port);
            return;
        }
    }
    cr_assert_fail("jvdr did not start: %s", log);
}

int test_process_stop(struct test_process *p, int sig)
{
    int status = 0;
    kill(p->pid, sig);
    waitpid(p->pid, &status, 0);
    close(p->stderr_fd);
    return status;
}

void test_process_read_log(struct test_process *p, const char *text, char *log, size_t len)
{
    /* The read that found "listening on" may have taken later lines too. */
    snprintf(log, len, "%s", p->startup_log);
    size_t used = strlen(log);
    while (!strstr(log, text)) {
        cr_assert_lt(used, len - 1, "no \"%s\" in what jvdr wrote: %s", text, log);
        ssize_t n = read(p->stderr_fd, log + used, len - 1 - used);
        cr_assert_gt(n, 0, "jvdr closed its stderr before writing \"%s\": %s", text, log);
        used += (size_t)n;
        log[used] = '\0';
    }
}

int test_process_stop_log(struct test_process *p, int sig, char *log, size_t len)
{
    int status = 0;
    size_t used = 0;
    ssize_t n = 1;
    kill(p->pid, sig);
    while (n > 0 && used < len - 1) { /* until it exits and its end of the pipe closes */
        n = read(p->stderr_fd, log + used, len - 1 - used);
        used += n > 0 ? (size_t)n : 0;
    }
    log[used] = '\0';
    waitpid(p->pid, &status, 0);
    close(p->stderr_fd);
    return status;
}

void test_process_start_indexed(struct test_process *p, const char *const *args,
                                const char *const *env, char *log, size_t len)
{
    test_process_start(p, args, env);
    test_process_read_log(p, "the index of events", log, len);
    struct http_reply reply;
    http_get(p->base_url, "/readyz", &reply);
    cr_assert_eq(reply.status, 200, "not ready after loading the index: %s", reply.body);
    http_reply_free(&reply);
}
