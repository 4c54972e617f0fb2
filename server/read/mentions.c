/* GET /v1/sources/{id}/mentions: where a document names the officials (every name, name with
 * diacritics and alias), agreements (titles and aliases) and countries (their English names) the
 * knowledge base knows, case and diacritics ignored as search ignores them, whole words only. Where
 * names overlap the longest wins ("Nobuo Kishi" over "Kishi"); a span naming two records gives
 * both. Paged as the other lists are (limit, offset, total, Link), or every one as NDJSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/http/params.h"
#include "jvdr/read/export.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/name_index.h"
#include "jvdr/read/source_text.h"
#include "jvdr/store/db.h"

/* A page's mentions by default and at most: an ordinary article's fit one page, as they did
 * before the list was paged; ?format=ndjson gives them all. */
#define MENTIONS_PAGE 500ul

/* Every mention as an array of JSON objects. */
static json_t *render(const char *text, const struct name_hits *h)
{
    json_t *items = json_array();
    for (size_t i = 0; items && i < h->n; i++) {
        const struct name_hit *it = &h->items[i];
        char key[256];
        snprintf(key, sizeof key, "%s/%s", it->kind, it->id);
        json_t *one = json_pack("{s:I, s:I, s:s%, s:s, s:s, s:O}", "start", (json_int_t)it->start,
                                "end", (json_int_t)it->end, "text", text + it->byte_start,
                                it->byte_end - it->byte_start, "kind", it->kind, "id", it->id,
                                "name", json_object_get(h->labels, key));
        if (!one || json_array_append_new(items, one) != 0) {
            json_decref(items);
            return NULL;
        }
    }
    return items;
}

/* Page [offset, offset + limit) of items as a list answer (listing's body, X-Total-Count and
 * Link), or, for NDJSON, every item a line. */
static enum jvdr_err respond(struct request *req, struct response *res, json_t *items,
                             unsigned long limit, unsigned long offset)
{
    size_t total = json_array_size(items);
    size_t first = offset < total ? offset : total;
    size_t n = req->export ? total : total - first < limit ? total - first : limit;
    if (req->export)
        first = 0;
    char **texts = arena_alloc(req->arena, (n ? n : 1) * sizeof *texts);
    if (!texts)
        return JVDR_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        texts[i] = json_dumps(json_array_get(items, first + i), JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!texts[i] || arena_defer(req->arena, free, texts[i]) != 0) {
            free(texts[i]);
            return JVDR_E_NOMEM;
        }
    }
    if (!req->export) {
        const struct list_spec page = {.path = req->path};
        return listing_answer_items(req, res, &page, texts, n, (long long)total, limit, offset);
    }
    struct buf body;
    buf_init(&body);
    for (size_t i = 0; i < n; i++)
        buf_printf(&body, "%s\n", texts[i]);
    size_t len = 0;
    char *text = buf_take(&body, &len);
    if (!text)
        return JVDR_E_NOMEM;
    response_body(res, 200, "application/x-ndjson", text, len);
    response_header(res, "X-Total-Count", arena_printf(req->arena, "%zu", total));
    return JVDR_OK;
}

enum jvdr_err sources_mentions(struct request *req, struct response *res)
{
    enum jvdr_err code = params_check(req, (const char *const[]){"limit", "offset", NULL});
    unsigned long limit = MENTIONS_PAGE, offset = 0;
    if (code == JVDR_OK && req->export)
        code = export_check_whole(req);
    else if (code == JVDR_OK)
        code = params_uint(req, "limit", MENTIONS_PAGE, MENTIONS_PAGE, &limit);
    if (code == JVDR_OK && !req->export)
        code = params_uint(req, "offset", 0, LISTING_MAX_OFFSET, &offset);
    char *text = NULL;
    size_t len = 0;
    if (code == JVDR_OK)
        code = source_text_read(req, req->captures[0], &text, &len);
    if (code != JVDR_OK)
        return code;
    /* Any official's or agreement's name may be found, or stop being found. */
    request_depends(req, "official", "", "");
    request_depends(req, "agreement", "", "");
    struct name_hits hits = {0};
    json_t *items = NULL;
    code = name_hits_find(req->db, text, len, false, &hits);
    if (code == JVDR_OK && !(items = render(text, &hits)))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = respond(req, res, items, limit, offset);
    json_decref(items);
    name_hits_free(&hits);
    free(text);
    return code;
}
