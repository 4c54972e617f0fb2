/* The jvdr binary as a child process, for tests that must kill it or signal it. */
#ifndef JVDR_TEST_PROCESS_H
#define JVDR_TEST_PROCESS_H

#include <sys/types.h>

struct test_process {
    pid_t pid;
    int stderr_fd; /* the child's stderr, read until "listening on" */
    unsigned port;
    char base_url[64];
    const char *stdout_path; /* set before starting to keep the child's stdout (the request log) */
    char startup_log[4096];  /* what it wrote to stderr until it listened */
};

/* Starts JVDR_BINARY with args (NULL-terminated, after the program name) and extra environment
 * entries "NAME=value" (NULL-terminated, may be NULL); waits until it listens. */
void test_process_start(struct test_process *p, const char *const *args, const char *const *env);

/* Sends sig and waits for the exit; returns the wait status. */
int test_process_stop(struct test_process *p, int sig);

/* Reads what the child wrote to stderr until text is among it (a line the test knows was written
 * by then); the log from the start goes to log (len bytes). Fails the test if the child closes
 * stderr first. */
void test_process_read_log(struct test_process *p, const char *text, char *log, size_t len);

/* Like test_process_stop, keeping what the child wrote to stderr until it exited in log. */
int test_process_stop_log(struct test_process *p, int sig, char *log, size_t len);

/* Starts as test_process_start does and waits until the index of events is loaded and /readyz
 * answers 200: the log until the line that says where the index was read from goes to log. */
void test_process_start_indexed(struct test_process *p, const char *const *args,
                                const char *const *env, char *log, size_t len);

#endif
