/* Provenance: every record cites at least one source, and, whenever ../shared/seeds is present,
 * every span lies inside its document and its passage mentions the record (a name, a title word,
 * the year or the place). Also checks `import-sources` and the passages it makes visible. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jvdr/base/fold.h"
#include "jvdr/store/db.h"
#include "jvdr/write/import.h"
#include "test_http.h"
#include "test_server.h"

static struct test_server server;
static void start(void)
{
    test_server_start(&server, NULL);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(provenance, .init = start, .fini = stop);

static bool seeds_present(void)
{
    struct stat st;
    return stat(JVDR_SEEDS_DIR, &st) == 0 && S_ISDIR(st.st_mode);
}

static struct db *import_seeds(void)
{
    struct db *db = NULL;
    int loaded = 0;
    cr_assert_eq(store_db(&server.app.store, &db), JVDR_OK);
    FILE *quiet = fopen("/dev/null", "w");
    cr_assert_eq(import_sources(&server.app.store, JVDR_SEEDS_DIR, quiet, &loaded), JVDR_OK);
    fclose(quiet);
    cr_assert_eq(loaded, 5, "all five documents matched by file name");
    return db;
}

/* Words that say nothing about which record a passage supports. */
static bool uninformative(const char *w)
{
    static const char *const stop[] = {
        "japan", "japanese", "vietnam", "vietnamese", "defense", "defence", "with",    "from",
        "and",   "the",      "for",     "meet",       "meets",   "gen",     "general", NULL};
    for (const char *const *s = stop; *s; s++)
        if (strcmp(w, *s) == 0)
            return true;
    return false;
}

/* True when the folded passage contains a telling word of terms (folded), compared on its first
 * six letters so that "consultations" finds "consultation"; four-digit years match whole. */
static bool mentions(const char *passage, const char *terms)
{
    char word[64];
    const char *p = terms;
    while (*p) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        size_t n = 0;
        while (isalnum((unsigned char)p[n]) && n < sizeof word - 1)
            n++;
        memcpy(word, p, n);
        word[n] = '\0';
        p += n;
        bool year = n == 4 && isdigit((unsigned char)word[0]);
        if ((n < 3 && !year) || uninformative(word) || (isdigit((unsigned char)word[0]) && !year))
            continue;
        if (n > 6)
            word[6] = '\0';
        if (strstr(passage, word))
            return true;
    }
    return false;
}

/* Every span with its passage (folded), the document's length, and the record's telling terms. */
static const char spans_sql[] =
    "WITH spans (kind, id, source_id, start, end, terms) AS ("
    " SELECT 'event', e.id, l.source_id, l.start, l.end, fold(e.title || ' ' || coalesce(e.date, "
    "'')"
    "  || ' ' || coalesce(e.location, '') || ' ' || coalesce((SELECT group_concat(a.alias, ' ')"
    "  FROM event_participants p JOIN official_aliases a ON a.official_id = p.official_id"
    "  WHERE p.event_id = e.id), ''))"
    " FROM event_sources l JOIN events e ON e.id = l.event_id"
    " UNION ALL SELECT 'agreement', g.id, l.source_id, l.start, l.end, fold(g.title || ' ' ||"
    "  coalesce(g.date, '') || ' ' || coalesce((SELECT group_concat(a.alias, ' ') FROM"
    "  agreement_signatories s JOIN official_aliases a ON a.official_id = s.official_id"
    "  WHERE s.agreement_id = g.id), ''))"
    " FROM agreement_sources l JOIN agreements g ON g.id = l.agreement_id"
    " UNION ALL SELECT 'official', o.id, l.source_id, l.start, l.end, fold(o.name || ' ' ||"
    "  (SELECT group_concat(alias, ' ') FROM official_aliases WHERE official_id = o.id))"
    " FROM official_sources l JOIN officials o ON o.id = l.official_id)"
    " SELECT kind, x.id, source_id, start, end, length(s.text),"
    "  fold(substr(s.text, start + 1, end - start)), terms"
    " FROM spans x JOIN sources s ON s.id = x.source_id ORDER BY kind, x.id, start";

Test(provenance, every_span_lies_in_its_document_and_mentions_its_record)
{
    if (!seeds_present())
        cr_skip_test("%s is not present", JVDR_SEEDS_DIR);
    struct db *db = import_seeds();
    struct stmt *stmt = db_stmt(db, spans_sql);
    cr_assert_not_null(stmt);
    int checked = 0;
    while (stmt_step(stmt) == DB_ROW) {
        const char *kind = stmt_text(stmt, 0);
        const char *id = stmt_text(stmt, 1);
        const char *source = stmt_text(stmt, 2);
        long start = stmt_int64(stmt, 3), end = stmt_int64(stmt, 4);
        long length = stmt_int64(stmt, 5);
        const char *passage = stmt_text(stmt, 6);
        const char *terms = stmt_text(stmt, 7);
        cr_assert(start >= 0 && start < end && end <= length,
                  "%s %s: span [%ld, %ld) is outside %s (%ld characters)", kind, id, start, end,
                  source, length);
        cr_assert(mentions(passage, terms), "%s %s: span [%ld, %ld) of %s does not mention it: %s",
                  kind, id, start, end, source, passage);
        checked++;
    }
    db_stmt_done(stmt);
    cr_assert_gt(checked, 100);
}

Test(provenance, every_record_cites_a_source)
{
    struct db *db = NULL;
    cr_assert_eq(store_db(&server.app.store, &db), JVDR_OK);
    struct stmt *stmt = db_stmt(
        db, "SELECT 'event', id FROM events WHERE id NOT IN (SELECT event_id FROM event_sources)"
            " UNION ALL SELECT 'official', id FROM officials"
            "  WHERE id NOT IN (SELECT official_id FROM official_sources)"
            " UNION ALL SELECT 'agreement', id FROM agreements"
            "  WHERE id NOT IN (SELECT agreement_id FROM agreement_sources)");
    cr_assert_not_null(stmt);
    int rc = stmt_step(stmt);
    cr_assert_eq(rc, DB_DONE, "%s %s has no source", stmt_text(stmt, 0), stmt_text(stmt, 1));
    db_stmt_done(stmt);
}

Test(provenance, imported_text_shows_passages_in_details)
{
    if (!seeds_present())
        cr_skip_test("%s is not present", JVDR_SEEDS_DIR);
    import_seeds();
    struct http_reply reply;
    http_get(server.base_url, "/v1/events/defense-consultation-tokyo-2020", &reply);
    cr_assert_eq(reply.status, 200);
    json_t *event = http_json(&reply);
    json_t *source = json_array_get(json_object_get(event, "sources"), 0);
    json_t *spans = json_object_get(source, "spans");
    bool found_date = false;
    size_t i;
    json_t *span;
    json_array_foreach(spans, i, span)
    {
        const char *passage = json_string_value(json_object_get(span, "passage"));
        cr_assert_not_null(passage, "passages appear once the text is imported");
        json_int_t len = json_integer_value(json_object_get(span, "end")) -
                         json_integer_value(json_object_get(span, "start"));
        /* Offsets count code points: the passage has exactly end - start of them. */
        json_int_t codepoints = 0;
        for (const unsigned char *p = (const unsigned char *)passage; *p; p++)
            codepoints += (*p & 0xc0) != 0x80;
        cr_assert_eq(codepoints, len);
        found_date |= strstr(passage, "February 21") != NULL;
    }
    cr_assert(found_date, "one passage gives the day of the consultation");
    json_decref(event);
    http_reply_free(&reply);

    http_get(server.base_url, "/v1/sources/deepen-security-ties-2021", &reply);
    json_t *doc = http_json(&reply);
    cr_assert(json_is_true(json_object_get(doc, "text_loaded")));
    cr_assert_gt(strlen(json_string_value(json_object_get(doc, "text"))), 2000);
    json_decref(doc);
    http_reply_free(&reply);
}

/* Writes name/text into dir. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

Test(provenance, import_refuses_a_text_its_spans_do_not_fit_and_keeps_the_others)
{
    /* Two documents of the test's own: one cited past what its file holds, one not cited. */
    char dir[] = "/tmp/jvdr-import-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    test_server_sql(&server,
                    "INSERT INTO sources (id, title, file_name) VALUES ('short-file', 'Short', "
                    "'short.txt'), ('fine-file', 'Fine', 'fine.txt');"
                    "INSERT INTO event_sources (event_id, source_id, start, end) VALUES "
                    "('admm-2020', 'short-file', 0, 50)");
    /* The five seed documents are not in this directory: they are reported and skipped. */
    write_file(dir, "short.txt", "Twenty code points..");
    write_file(dir, "fine.txt", "A document nothing cites yet.");
    char log_path[300];
    snprintf(log_path, sizeof log_path, "%s/log", dir);
    FILE *log = fopen(log_path, "w+");
    int loaded = 0;
    cr_assert_eq(import_sources(&server.app.store, dir, log, &loaded), JVDR_E_CONFLICT,
                 "a refused text fails the import");
    cr_assert_eq(loaded, 1, "the other text is stored");
    rewind(log);
    char text[4096] = "";
    size_t got = fread(text, 1, sizeof text - 1, log);
    fclose(log);
    cr_assert(got > 0, "the import wrote nothing to its log");
    cr_assert(strstr(text, "source short-file: refused"), "%s", text);
    cr_assert(strstr(text, "event admm-2020/sources/"), "the span it would break is named: %s",
              text);

    struct http_reply reply;
    http_get(server.base_url, "/v1/sources/fine-file/text", &reply);
    cr_assert_eq(reply.status, 200);
    cr_assert_str_eq(reply.body, "A document nothing cites yet.");
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/sources/short-file/text", &reply);
    cr_assert_eq(reply.status, 404, "the refused text was not stored");
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/changes?kind=source&id=fine-file", &reply);
    cr_assert(strstr(reply.body, "\"actor\":\"import-sources\""), "audited: %s", reply.body);
    http_reply_free(&reply);

    /* A file that is not UTF-8 text stops the import before anything is stored. */
    write_file(dir, "fine.txt", "caf\xc3(");
    test_server_sql(&server, "DELETE FROM event_sources WHERE source_id = 'short-file'");
    log = fopen("/dev/null", "w");
    cr_assert_eq(import_sources(&server.app.store, dir, log, &loaded), JVDR_E_INVALID);
    fclose(log);
    cr_assert_eq(loaded, 0);
    http_get(server.base_url, "/v1/sources/short-file/text", &reply);
    cr_assert_eq(reply.status, 404, "nothing stored when one file is unfit");
    http_reply_free(&reply);
    char command[320];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    cr_assert_eq(system(command), 0);
}
