/* GET /v1/sources/{id}/text, the document itself, and GET /v1/sources/{id}/mentions, where it
 * names the officials, agreements and countries the knowledge base knows (read/mentions.c). */
#ifndef JVDR_READ_SOURCE_TEXT_H
#define JVDR_READ_SOURCE_TEXT_H

#include "jvdr/http/request.h"

/* text/plain; charset=utf-8, or 404 when the source does not exist or has no text loaded. */
enum jvdr_err sources_text_get(struct request *req, struct response *res);

/* {"items": [{"start", "end", "text", "kind", "id", "name"}], "total"}: every mention, in text
 * order; 404 as for the text. */
enum jvdr_err sources_mentions(struct request *req, struct response *res);

/* The text of source id into *text (malloc'd, *len bytes): JVDR_E_NOT_FOUND with the request's
 * problem said when there is no such source or it has no text. */
enum jvdr_err source_text_read(struct request *req, const char *id, char **text, size_t *len);

#endif
