/* GET /v1/changes as Server-Sent Events: the live change stream (server/read/change_stream.c). */
#ifndef JVDR_READ_CHANGE_STREAM_H
#define JVDR_READ_CHANGE_STREAM_H

#include "jvdr/http/request.h"

/* Answers with a stream of every change after the cursor since (or Last-Event-ID, which wins;
 * from the newest change when neither is given: since_given false), of kind and record id where
 * those are not NULL. */
enum jvdr_err change_stream_open(struct request *req, struct response *res, bool since_given,
                                 unsigned long since, const char *kind, const char *id);

#endif
