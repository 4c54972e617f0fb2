/* The request path as the router and the handlers see it: the target as sent, its escapes decoded
 * where that is unambiguous. libmicrohttpd's own decoding cuts a path at a decoded NUL and turns
 * %2F into a separator, so "/v1/events/a%00b" would name "a"; this one never does. */
#ifndef JVDR_HTTP_PATH_H
#define JVDR_HTTP_PATH_H

#include <stddef.h>

struct arena;

/* The path of target (a request target as sent: "/v1/events/x?limit=1", '?' and after left out)
 * in the arena, with each %XX escape decoded to its byte unless that byte is '/', '%', a control
 * character or outside ASCII, or the escape is malformed: those stay as sent, so that a segment
 * holding one holds a '%' too, which no id and no literal segment holds (dispatch answers 400
 * naming the segment). The result is ASCII wherever the target was. NULL when out of memory. */
char *path_from_target(const char *target, struct arena *arena);

#endif
