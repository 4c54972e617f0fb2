/* A live answer: a body whose next bytes may not exist yet (a stream of events). Its stream's
 * read returns STREAM_WAIT when it has nothing to send; the connection then sleeps, costing no
 * thread, until live_wake is called, and libmicrohttpd asks read again. The signal belongs to
 * whoever made the stream, and must outlive the answer (free it in the stream's done). */
#ifndef JVDR_HTTP_LIVE_H
#define JVDR_HTTP_LIVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

/* What a live stream's read returns when it has nothing yet (response_stream, request.h). */
#define STREAM_WAIT (-2L)

struct live_signal {
    pthread_mutex_t lock;
    atomic_uint wakes; /* counted, so that a wake between a read and its sleep is not lost */
    void *connection;  /* libmicrohttpd's, once the answer is queued (server.c) */
    bool sleeping;     /* the connection is suspended until the next wake */
};

void live_signal_init(struct live_signal *signal);
void live_signal_cleanup(struct live_signal *signal);

/* There is something to send: the sleeping connection wakes and its stream is read again.
 * Thread-safe; cheap when the connection is awake. */
void live_wake(struct live_signal *signal);

#endif
