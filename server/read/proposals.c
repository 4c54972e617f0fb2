/* GET /v1/sources/{id}/proposals: what a document reports, read against the knowledge base
 * (read/proposal_reading.c), as records to create or citations to add. New officials come before
 * the events that name them, so that the proposals can be posted in the order given; an event the
 * knowledge base holds is a cite: a merge patch of its whole sources array with this document's
 * spans added, and a finer date where the text gives one, with the ETag it applies to. Writes
 * nothing; the same text and knowledge base always give the same proposals. */
#include "jvdr/read/proposals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/country.h"
#include "jvdr/base/etag.h"
#include "jvdr/base/event_cues.h"
#include "jvdr/base/slug.h"
#include "jvdr/http/params.h"
#include "jvdr/read/name_index.h"
#include "jvdr/read/proposal_reading.h"
#include "jvdr/read/source_text.h"
#include "jvdr/store/db.h"
#include "jvdr/store/record_sql.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What one request works with. */
struct work {
    struct request *req;
    const char *source;
    const char *text;
    const struct name_hits *hits;
    struct reading reading;
    json_t *ids;           /* ids proposed for new records, so that two proposals never share one */
    bool *agreement_known; /* [reading agreement]: its id is an agreement's already */
};

static json_int_t point(const struct work *w, size_t byte)
{
    return (json_int_t)name_hits_point(w->hits, byte);
}

/* {pointer, start, end, exact[, note]}, start and end in code points. */
static json_t *evidence_json(const struct work *w, const char *pointer, size_t start, size_t end,
                             const char *note)
{
    json_t *one = json_pack("{s:s, s:I, s:I, s:s%}", "pointer", pointer, "start", point(w, start),
                            "end", point(w, end), "exact", w->text + start, end - start);
    if (one && note && json_object_set_new(one, "note", json_string(note)) != 0) {
        json_decref(one);
        return NULL;
    }
    return one;
}

static bool append(json_t *array, json_t *value)
{
    return value && json_array_append_new(array, value) == 0;
}

static bool set(json_t *object, const char *key, json_t *value)
{
    return value && json_object_set_new(object, key, value) == 0;
}

/* The spans of the sentences, as a source reference's spans (at most 50, the schema's limit). */
static json_t *sentence_spans(const struct work *w, const struct reading_event *e)
{
    json_t *spans = json_array();
    for (size_t i = 0; spans && i < e->nsentences && i < 50; i++)
        if (!append(spans, json_pack("{s:I, s:I}", "start", point(w, e->sentences[i][0]), "end",
                                     point(w, e->sentences[i][1])))) {
            json_decref(spans);
            return NULL;
        }
    return spans;
}

static bool id_taken(struct work *w, const char *table_sql, const char *id)
{
    if (json_object_get(w->ids, id))
        return true;
    struct stmt *stmt = db_stmt(w->req->db, table_sql);
    if (!stmt)
        return true;
    stmt_bind_text(stmt, 1, id);
    bool taken = stmt_step(stmt) == DB_ROW;
    db_stmt_done(stmt);
    return taken;
}

struct ids_of {
    struct work *w;
    const char *table_sql;
};

static bool taken(const char *id, void *context)
{
    const struct ids_of *in = context;
    return id_taken(in->w, in->table_sql, id);
}

/* An id for a new record from its name, unique among records and proposals. */
static const char *new_id(struct work *w, const char *table_sql, const char *name)
{
    const char *id = slug_unique(w->req->arena, name, taken, &(struct ids_of){w, table_sql});
    if (id && json_object_set_new(w->ids, id, json_true()) != 0)
        return NULL;
    return id;
}

static const char official_exists_sql[] = "SELECT 1 FROM officials WHERE id = ?";
static const char agreement_exists_sql[] = "SELECT 1 FROM agreements WHERE id = ?";
static const char event_exists_sql[] = "SELECT 1 FROM events WHERE id = ?";

/* A proposal to create an official: a person the knowledge base does not know, with the title
 * and country the text gives. */
static json_t *official_proposal(struct work *w, const struct reading_person *p)
{
    json_t *record = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}], s:[{s:s, s:o}]}", "id", p->id,
                               "name", p->name, "country", p->country, "positions", "title",
                               p->title, "country", p->country, "sources", "id", w->source, "spans",
                               json_pack("[{s:I, s:I}]", "start", point(w, p->sentence_start),
                                         "end", point(w, p->sentence_end)));
    json_t *evidence = json_array();
    bool ok = record && evidence &&
              append(evidence, evidence_json(w, "/name", p->name_start, p->name_end, NULL)) &&
              append(evidence,
                     evidence_json(w, "/positions/0/title", p->title_start, p->title_end, NULL));
    if (ok && p->country_end > p->country_start)
        ok = append(evidence, evidence_json(w, "/country", p->country_start, p->country_end, NULL));
    json_t *one = ok ? json_pack("{s:s, s:s, s:O, s:O}", "action", "create", "kind", "official",
                                 "record", record, "evidence", evidence)
                     : NULL;
    json_decref(record);
    json_decref(evidence);
    return one;
}

/* The first event read that names agreement id, or NULL. */
static const struct reading_event *signed_at(const struct work *w, const char *id)
{
    for (size_t i = 0; i < w->reading.nevents; i++)
        for (size_t k = 0; k < w->reading.events[i].nagreements; k++)
            if (strcmp(w->reading.events[i].agreements[k], id) == 0)
                return &w->reading.events[i];
    return NULL;
}

/* A proposal to create an agreement the text names where it is signed: its title and kind, signed,
 * dated and with the parties of the event it was signed at. */
static json_t *agreement_proposal(struct work *w, const struct reading_agreement *a)
{
    const struct reading_event *e = signed_at(w, a->id);
    json_t *record = json_pack("{s:s, s:s, s:s, s:s}", "id", a->id, "title", a->title, "type",
                               a->type, "status", "signed");
    json_t *parties = json_array(), *evidence = json_array();
    bool ok = record && parties && evidence;
    for (size_t i = 0; ok && e && i < e->ncountries; i++)
        ok = append(parties, json_string(e->countries[i]));
    if (ok) {
        ok = set(record, "parties", parties);
        parties = NULL; /* set took it */
    }
    if (ok && e && e->date[0]) {
        ok = set(record, "date", json_string(e->date));
        if (ok && e->qualifier)
            ok = set(record, "date_qualifier", json_string(e->qualifier));
        if (ok && e->date_note)
            ok = set(record, "date_note", json_string(e->date_note));
    }
    ok = ok &&
         set(record, "sources",
             json_pack("[{s:s, s:[{s:I, s:I}]}]", "id", w->source, "spans", "start",
                       point(w, a->sentence_start), "end", point(w, a->sentence_end))) &&
         append(evidence, evidence_json(w, "/title", a->start, a->end, NULL)) &&
         append(evidence, evidence_json(w, "/type", a->start, a->end, NULL));
    json_t *one = ok ? json_pack("{s:s, s:s, s:O, s:O}", "action", "create", "kind", "agreement",
                                 "record", record, "evidence", evidence)
                     : NULL;
    json_decref(parties);
    json_decref(record);
    json_decref(evidence);
    return one;
}

static const char *const type_labels[][2] = {
    {"meeting", "Meeting"},       {"visit", "Visit"},
    {"dialogue", "Dialogue"},     {"consultation", "Consultation"},
    {"workshop", "Workshop"},     {"signing", "Signing"},
    {"transfer", "Transfer"},     {"conference", "Conference"},
    {"exhibition", "Exhibition"}, {"commemoration", "Commemoration"},
    {"exercise", "Exercise"},     {"port-call", "Port call"},
    {"dispatch", "Dispatch"},     {"incident", "Incident"},
};

static const char *country_label(const char *code)
{
    for (const struct country_name *c = country_names; c->code; c++)
        if (strcmp(c->code, code) == 0)
            return c->name;
    return code;
}

/* A person's name as the record has it (a known official's own name). */
static const char *person_label(const struct work *w, const struct reading_person *p)
{
    if (!p->known)
        return p->name;
    char key[256];
    snprintf(key, sizeof key, "official/%s", p->id);
    const char *name = json_string_value(json_object_get(w->hits->labels, key));
    return name ? name : p->name;
}

/* "Meeting of Nobuo Kishi and Phan Van Giang in Hanoi, 2021-11": for an analyst to edit. */
static const char *event_title(struct work *w, const struct reading_event *e)
{
    const char *label = e->type;
    for (size_t i = 0; i < COUNT(type_labels); i++)
        if (strcmp(type_labels[i][0], e->type) == 0)
            label = type_labels[i][1];
    struct arena *a = w->req->arena;
    const char *title = label;
    if (e->npeople) {
        const char *names = person_label(w, &w->reading.people[e->people[0]]);
        for (size_t i = 1; i < e->npeople && i < 3; i++)
            names = arena_printf(a, "%s%s%s", names, i + 1 == e->npeople || i == 2 ? " and " : ", ",
                                 person_label(w, &w->reading.people[e->people[i]]));
        if (e->npeople > 3)
            names = arena_printf(a, "%s and others", names);
        title = arena_printf(a, "%s of %s", label, names);
    } else if (e->location) {
        title = arena_printf(a, "%s %s %s", label, strcmp(e->type, "visit") == 0 ? "to" : "in",
                             e->location);
    } else if (e->ncountries) {
        const char *names = country_label(e->countries[0]);
        for (size_t i = 1; i < e->ncountries && i < 3; i++)
            names =
                arena_printf(a, "%s%s%s", names, i + 1 == e->ncountries || i == 2 ? " and " : ", ",
                             country_label(e->countries[i]));
        title = arena_printf(a, "%s: %s", label, names);
    }
    if (title && e->location && e->npeople)
        title = arena_printf(a, "%s in %s", title, e->location);
    else if (title && !e->location && e->host_country && strcmp(e->type, "visit") == 0)
        title = arena_printf(a, "%s to %s", title, country_label(e->host_country));
    if (title && e->date[0])
        title = arena_printf(a, "%s, %s", title, e->date);
    return title && strlen(title) > 300 ? arena_strndup(a, title, 300) : title;
}

/* The event as an input for POST /v1/events, and where each field was read. */
static json_t *event_record(struct work *w, const struct reading_event *e, const char *id,
                            json_t *evidence)
{
    json_t *r = json_object();
    bool ok = r && (!id || set(r, "id", json_string(id))) &&
              set(r, "title", json_string(event_title(w, e))) &&
              set(r, "type", json_string(e->type)) &&
              set(r, "status",
                  json_string(e->proposed  ? "proposed"
                              : e->planned ? "planned"
                                           : "held"));
    if (ok && e->date[0]) {
        ok = set(r, "date", json_string(e->date));
        if (ok && e->qualifier)
            ok = set(r, "date_qualifier", json_string(e->qualifier));
        if (ok && e->date_note)
            ok = set(r, "date_note", json_string(e->date_note));
        if (ok && e->end_date[0] && strcmp(e->end_date, e->date) > 0)
            ok = set(r, "end_date", json_string(e->end_date));
    }
    if (ok && e->location)
        ok = set(r, "location", json_string(e->location));
    if (ok && e->host_country)
        ok = set(r, "host_country", json_string(e->host_country));
    json_t *countries = json_array(), *people = json_array(), *agreements = json_array();
    for (size_t i = 0; ok && i < e->ncountries; i++) {
        ok = append(countries, json_string(e->countries[i]));
        if (ok && e->countries_at[i][1])
            ok =
                append(evidence, evidence_json(w, arena_printf(w->req->arena, "/countries/%zu", i),
                                               e->countries_at[i][0], e->countries_at[i][1], NULL));
    }
    size_t kept = 0;
    for (size_t i = 0; ok && i < e->npeople; i++) {
        const struct reading_person *p = &w->reading.people[e->people[i]];
        if (!p->known && !p->country)
            continue; /* not proposed as an official: nobody to name */
        json_t *one = json_pack("{s:s}", "id", p->id);
        ok = one && (!e->roles[i] || set(one, "role", json_string(e->roles[i])));
        ok = ok ? append(people, one) : (json_decref(one), false);
        if (ok)
            ok = append(evidence,
                        evidence_json(w, arena_printf(w->req->arena, "/participants/%zu", kept),
                                      e->people_at[i][0], e->people_at[i][1], NULL));
        kept++;
    }
    for (size_t i = 0; ok && i < e->nagreements; i++) {
        ok = append(agreements, json_pack("{s:s, s:s}", "id", e->agreements[i], "relation",
                                          e->signed_agreement[i] ? "signed" : "referenced"));
        if (ok)
            ok = append(evidence,
                        evidence_json(w, arena_printf(w->req->arena, "/agreements/%zu", i),
                                      e->agreements_at[i][0], e->agreements_at[i][1], NULL));
    }
    ok = ok && set(r, "countries", countries) && set(r, "participants", people) &&
         set(r, "agreements", agreements);
    if (!ok) {
        json_decref(r);
        return NULL;
    }
    json_t *spans = sentence_spans(w, e);
    if (!set(r, "sources", json_pack("[{s:s, s:o}]", "id", w->source, "spans", spans))) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* The evidence of the fields read from the text (those of names are added with the record). */
static json_t *field_evidence(struct work *w, const struct reading_event *e)
{
    json_t *evidence = json_array();
    for (size_t i = 0; evidence && i < e->nevidence; i++)
        if (!append(evidence, evidence_json(w, e->evidence[i].pointer, e->evidence[i].start,
                                            e->evidence[i].end, e->evidence[i].note))) {
            json_decref(evidence);
            return NULL;
        }
    return evidence;
}

/* Events the knowledge base holds that may be e: by a participant, by type and date, and those
 * citing this document. Each row: id, type, date, location, host country. */
// clang-format off
#define STORED_EVENT "SELECT e.id, e.type, e.date, e.location, e.host_country"
const char proposal_candidates_by_official_sql[] =
    STORED_EVENT " FROM event_participants p JOIN events e ON e.id = p.event_id"
    " WHERE p.official_id = ?1 ORDER BY e.id LIMIT 1000";
const char proposal_candidates_by_official_dated_sql[] =
    STORED_EVENT " FROM event_participants p JOIN events e ON e.id = p.event_id"
    " WHERE p.official_id = ?1 AND (e.date IS NULL OR (e.date_start <= ?3 AND e.date_end >= ?2))"
    " ORDER BY e.id LIMIT 1000";
const char proposal_candidates_by_type_dated_sql[] =
    STORED_EVENT " FROM events e WHERE e.type = ?1 AND e.date_start <= ?3 AND e.date_end >= ?2"
    " ORDER BY e.id LIMIT 1000";
const char proposal_candidates_by_source_sql[] =
    STORED_EVENT " FROM events e WHERE e.id IN"
    " (SELECT event_id FROM event_sources WHERE source_id = ?1) ORDER BY e.id LIMIT 1000";
static const char participants_sql[] =
    "SELECT official_id FROM event_participants WHERE event_id = ?1";
static const char spans_here_sql[] =
    "SELECT start, \"end\" FROM event_sources WHERE event_id = ?1 AND source_id = ?2";
// clang-format on

struct best {
    char id[128];
    int score;
};

enum { ROW_ID, ROW_TYPE, ROW_DATE, ROW_LOCATION, ROW_HOST, ROW_COLUMNS };

/* Whether the stored event cites this document already, and in a passage e is read from. */
static bool cited_here(struct work *w, const struct reading_event *e, const char *id, bool *any)
{
    *any = false;
    struct stmt *stmt = db_stmt(w->req->db, spans_here_sql);
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    stmt_bind_text(stmt, 2, w->source);
    bool overlap = false;
    while (stmt_step(stmt) == DB_ROW) {
        *any = true;
        long long start = stmt_int64(stmt, 0), end = stmt_int64(stmt, 1);
        for (size_t i = 0; i < e->nsentences && !overlap; i++)
            overlap = (long long)point(w, e->sentences[i][0]) < end &&
                      start < (long long)point(w, e->sentences[i][1]);
    }
    db_stmt_done(stmt);
    return overlap;
}

static bool differ(const char *stored, const char *read)
{
    return stored && stored[0] && read && strcmp(stored, read) != 0;
}

/* How well the stored event fits e; 0: it is another event. */
static int fit(struct work *w, const struct reading_event *e, char (*row)[128])
{
    const char *id = row[ROW_ID], *type = row[ROW_TYPE], *date = row[ROW_DATE];
    if (event_type_family(type) != event_type_family(e->type) ||
        differ(row[ROW_LOCATION], e->location) || differ(row[ROW_HOST], e->host_country))
        return 0;
    size_t ld = strlen(date), le = strlen(e->date);
    if (ld && le && strncmp(date, e->date, ld < le ? ld : le) != 0)
        return 0;
    int shared = 0, stored = 0;
    struct stmt *stmt = db_stmt(w->req->db, participants_sql);
    if (!stmt)
        return 0;
    stmt_bind_text(stmt, 1, id);
    while (stmt_step(stmt) == DB_ROW) {
        stored++;
        for (size_t i = 0; i < e->npeople; i++)
            shared += strcmp(w->reading.people[e->people[i]].id, stmt_text(stmt, 0)) == 0;
    }
    db_stmt_done(stmt);
    bool cites_document;
    bool same_passage = cited_here(w, e, id, &cites_document);
    /* Told apart by people where both name some; else by the passage it already cites here, or
     * by the same type on a date both give. */
    if (e->npeople && stored) {
        if (!shared)
            return 0;
    } else if (!same_passage && (!ld || !le || strcmp(type, e->type) != 0)) {
        return 0;
    }
    return 10 * shared + (int)(ld < le ? ld : le) + (strcmp(type, e->type) == 0 ? 2 : 0) +
           (cites_document ? 5 : 0) + (same_passage ? 5 : 0);
}

static enum jvdr_err consider(struct work *w, const struct reading_event *e, struct stmt *stmt,
                              struct best *best)
{
    if (!stmt)
        return JVDR_E_INTERNAL;
    /* The rows first: fit() runs statements of its own. */
    char(*rows)[ROW_COLUMNS][128] = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = stmt_step(stmt)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char(*grown)[ROW_COLUMNS][128] = realloc(rows, cap * sizeof *rows);
            if (!grown) {
                free(rows);
                db_stmt_done(stmt);
                return JVDR_E_NOMEM;
            }
            rows = grown;
        }
        for (int c = 0; c < ROW_COLUMNS; c++)
            snprintf(rows[n][c], sizeof rows[n][c], "%s",
                     stmt_is_null(stmt, c) ? "" : stmt_text(stmt, c));
        n++;
    }
    db_stmt_done(stmt);
    enum jvdr_err code = db_error(rc);
    for (size_t i = 0; code == JVDR_OK && i < n; i++) {
        int score = fit(w, e, rows[i]);
        if (score > best->score ||
            (score && score == best->score && strcmp(rows[i][ROW_ID], best->id) < 0)) {
            best->score = score;
            snprintf(best->id, sizeof best->id, "%s", rows[i][ROW_ID]);
        }
    }
    free(rows);
    return code;
}

/* The day interval a date covers, as the events' date_start and date_end spell it. */
static void interval(const char *date, char lo[11], char hi[11])
{
    size_t n = strlen(date);
    snprintf(lo, 11, "%s%s", date, n == 4 ? "-01-01" : n == 7 ? "-01" : "");
    snprintf(hi, 11, "%s%s", date, n == 4 ? "-12-31" : n == 7 ? "-31" : "");
}

/* The stored event e reports, if any ("" when none). */
static enum jvdr_err match_event(struct work *w, const struct reading_event *e, struct best *best)
{
    memset(best, 0, sizeof *best);
    char lo[11], hi[11];
    interval(e->date, lo, hi);
    enum jvdr_err code = JVDR_OK;
    for (size_t i = 0; code == JVDR_OK && i < e->npeople; i++) {
        const struct reading_person *p = &w->reading.people[e->people[i]];
        if (!p->known)
            continue;
        struct stmt *stmt =
            db_stmt(w->req->db, e->date[0] ? proposal_candidates_by_official_dated_sql
                                           : proposal_candidates_by_official_sql);
        if (stmt) {
            stmt_bind_text(stmt, 1, p->id);
            if (e->date[0]) {
                stmt_bind_text(stmt, 2, lo);
                stmt_bind_text(stmt, 3, hi);
            }
        }
        code = consider(w, e, stmt, best);
    }
    static const char *const types[] = {"meeting",       "consultation", "dialogue",   "visit",
                                        "signing",       "transfer",     "dispatch",   "exercise",
                                        "port-call",     "workshop",     "conference", "exhibition",
                                        "commemoration", "incident"};
    if (code == JVDR_OK) {
        struct stmt *stmt = db_stmt(w->req->db, proposal_candidates_by_source_sql);
        if (stmt)
            stmt_bind_text(stmt, 1, w->source);
        code = consider(w, e, stmt, best);
    }
    for (size_t t = 0; code == JVDR_OK && e->date[0] && t < COUNT(types); t++) {
        if (strcmp(types[t], e->type) != 0)
            continue;
        struct stmt *stmt = db_stmt(w->req->db, proposal_candidates_by_type_dated_sql);
        if (stmt) {
            stmt_bind_text(stmt, 1, types[t]);
            stmt_bind_text(stmt, 2, lo);
            stmt_bind_text(stmt, 3, hi);
        }
        code = consider(w, e, stmt, best);
    }
    return code;
}

/* The stored event's detail: its ETag, its sources as input, its date. */
static enum jvdr_err load_detail(struct work *w, const char *sql, const char *id,
                                 char etag[ETAG_SIZE], json_t **detail)
{
    struct stmt *stmt = db_stmt(w->req->db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    enum jvdr_err code = rc == DB_ROW ? JVDR_OK : rc == DB_DONE ? JVDR_E_CONFLICT : db_error(rc);
    if (code == JVDR_OK) {
        etag_compute(stmt_text(stmt, 0), stmt_bytes(stmt, 0), etag);
        *detail = json_loadb(stmt_text(stmt, 0), stmt_bytes(stmt, 0), 0, NULL);
        if (!*detail)
            code = JVDR_E_INTERNAL;
    }
    db_stmt_done(stmt);
    return code;
}

/* The record's whole sources array, as input, with spans added for this document. */
static json_t *sources_with(const struct work *w, const json_t *stored, json_t *spans)
{
    json_t *out = json_array();
    bool found = false;
    for (size_t i = 0; out && i < json_array_size(stored); i++) {
        json_t *src = json_array_get(stored, i);
        const char *sid = json_string_value(json_object_get(src, "id"));
        json_t *theirs = json_object_get(src, "spans"), *mine = json_array();
        for (size_t k = 0; mine && k < json_array_size(theirs); k++) {
            json_t *span = json_array_get(theirs, k);
            append(mine, json_pack("{s:O, s:O}", "start", json_object_get(span, "start"), "end",
                                   json_object_get(span, "end")));
        }
        /* This document's: its spans and ours, each once. */
        for (size_t k = 0; mine && sid && strcmp(sid, w->source) == 0 &&
                           k < json_array_size(spans) && json_array_size(mine) < 50;
             k++) {
            found = true;
            json_t *add = json_array_get(spans, k);
            bool have = false;
            for (size_t m = 0; m < json_array_size(mine) && !have; m++)
                have = json_equal(json_array_get(mine, m), add);
            if (!have)
                json_array_append(mine, add);
        }
        found |= sid && strcmp(sid, w->source) == 0;
        if (!sid || !mine || !append(out, json_pack("{s:s, s:o}", "id", sid, "spans", mine))) {
            json_decref(out);
            return NULL;
        }
    }
    if (!out ||
        (!found && !append(out, json_pack("{s:s, s:O}", "id", w->source, "spans", spans)))) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* A proposal to cite the text for the stored event: the patch, the ETag it applies to. */
static json_t *cite_proposal(struct work *w, const struct reading_event *e, const char *id,
                             json_t *evidence)
{
    char etag[ETAG_SIZE];
    json_t *detail = NULL;
    if (load_detail(w, event_detail_sql, id, etag, &detail) != JVDR_OK)
        return NULL;
    json_t *spans = sentence_spans(w, e);
    json_t *patch = json_object();
    bool ok = spans && patch &&
              set(patch, "sources", sources_with(w, json_object_get(detail, "sources"), spans));
    /* A finer date than the record's, where the two agree. */
    const char *stored = json_string_value(json_object_get(detail, "date"));
    if (ok && e->date[0] &&
        (!stored ||
         (strlen(stored) < strlen(e->date) && strncmp(stored, e->date, strlen(stored)) == 0))) {
        ok = set(patch, "date", json_string(e->date));
        if (ok && e->date_note)
            ok = set(patch, "date_note", json_string(e->date_note));
        if (ok)
            ok = set(patch, "date_qualifier",
                     e->qualifier ? json_string(e->qualifier) : json_null());
        if (ok && e->end_date[0] && strcmp(e->end_date, e->date) > 0)
            ok = set(patch, "end_date", json_string(e->end_date));
    }
    json_t *one =
        ok ? json_pack("{s:s, s:s, s:s, s:s, s:O, s:O}", "action", "cite", "kind", "event", "id",
                       id, "etag", etag, "patch", patch, "evidence", evidence)
           : NULL;
    json_decref(spans);
    json_decref(patch);
    json_decref(detail);
    return one;
}

/* One proposal for each event read: a cite where the knowledge base holds it (several readings
 * of one stored event are one cite), else a create. */
static enum jvdr_err propose_events(struct work *w, json_t **proposals, size_t *keys)
{
    struct reading *r = &w->reading;
    char(*matched)[128] = calloc(r->nevents ? r->nevents : 1, sizeof *matched);
    if (!matched)
        return JVDR_E_NOMEM;
    enum jvdr_err code = JVDR_OK;
    for (size_t i = 0; code == JVDR_OK && i < r->nevents; i++) {
        struct best best;
        code = match_event(w, &r->events[i], &best);
        if (code == JVDR_OK && best.score)
            snprintf(matched[i], sizeof matched[i], "%s", best.id);
    }
    for (size_t i = 0; code == JVDR_OK && i < r->nevents; i++) {
        struct reading_event *e = &r->events[i];
        if (matched[i][0]) {
            bool earlier = false; /* folded into the first reading of the same stored event */
            for (size_t j = 0; j < i && !earlier; j++)
                earlier = strcmp(matched[j], matched[i]) == 0;
            if (earlier) {
                proposals[i] = NULL;
                continue;
            }
            for (size_t j = i + 1; j < r->nevents; j++) {
                struct reading_event *later = &r->events[j];
                for (size_t s = 0; strcmp(matched[j], matched[i]) == 0 && s < later->nsentences &&
                                   e->nsentences < COUNT(e->sentences);
                     s++) {
                    bool have = false; /* two readings of one sentence: cited once */
                    for (size_t k = 0; k < e->nsentences && !have; k++)
                        have = e->sentences[k][0] == later->sentences[s][0];
                    if (have)
                        continue;
                    e->sentences[e->nsentences][0] = later->sentences[s][0];
                    e->sentences[e->nsentences++][1] = later->sentences[s][1];
                }
            }
        }
        json_t *evidence = field_evidence(w, e);
        json_t *record = NULL;
        if (evidence && matched[i][0]) {
            record = event_record(w, e, NULL, evidence); /* for the names' evidence */
            proposals[i] = record ? cite_proposal(w, e, matched[i], evidence) : NULL;
        } else if (evidence) {
            const char *id = new_id(w, event_exists_sql, event_title(w, e));
            record = id ? event_record(w, e, id, evidence) : NULL;
            proposals[i] = record ? json_pack("{s:s, s:s, s:O, s:O}", "action", "create", "kind",
                                              "event", "record", record, "evidence", evidence)
                                  : NULL;
        }
        json_decref(record);
        json_decref(evidence);
        if (!proposals[i])
            code = JVDR_E_NOMEM;
        keys[i] = e->sentences[0][0];
    }
    free(matched);
    return code;
}

/* The officials read that the knowledge base does not know: ids made unique, proposed when the
 * text gives their country (a required field). A slug that is a known official's id is that
 * official. */
static void settle_people(struct work *w)
{
    for (size_t i = 0; i < w->reading.npeople; i++) {
        struct reading_person *p = &w->reading.people[i];
        if (p->known)
            continue;
        if (id_taken(w, official_exists_sql, p->id)) {
            p->known = true;
            continue;
        }
        if (p->country) {
            const char *id = new_id(w, official_exists_sql, p->name);
            p->id = id ? id : p->id;
        }
    }
}

/* The agreements read that the knowledge base does not know (a slug that is an agreement's id
 * is that agreement). */
static bool settle_agreements(struct work *w)
{
    w->agreement_known = calloc(w->reading.nagreements + 1, sizeof *w->agreement_known);
    for (size_t i = 0; w->agreement_known && i < w->reading.nagreements; i++)
        w->agreement_known[i] = id_taken(w, agreement_exists_sql, w->reading.agreements[i].id);
    return w->agreement_known != NULL;
}

static enum jvdr_err source_date(struct request *req, const char *id, char *out, size_t outlen)
{
    struct stmt *stmt = db_stmt(req->db, "SELECT date FROM sources WHERE id = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    out[0] = '\0';
    if (rc == DB_ROW && !stmt_is_null(stmt, 0))
        snprintf(out, outlen, "%s", stmt_text(stmt, 0));
    db_stmt_done(stmt);
    return rc == DB_ROW || rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* Whether the stored record already cites [start, end) (bytes) of this document. */
static bool cites_passage(const struct work *w, const json_t *detail, size_t start, size_t end)
{
    json_t *sources = json_object_get(detail, "sources");
    json_int_t from = point(w, start), to = point(w, end);
    for (size_t i = 0; i < json_array_size(sources); i++) {
        json_t *src = json_array_get(sources, i);
        const char *id = json_string_value(json_object_get(src, "id"));
        if (!id || strcmp(id, w->source) != 0)
            continue;
        json_t *spans = json_object_get(src, "spans");
        for (size_t k = 0; k < json_array_size(spans); k++) {
            json_t *span = json_array_get(spans, k);
            if (json_integer_value(json_object_get(span, "start")) < to &&
                from < json_integer_value(json_object_get(span, "end")))
                return true;
        }
    }
    return false;
}

/* A proposal to cite the sentence [start, end) for a known official or agreement that does not
 * cite it yet (NULL as *out: it does), the words naming it as evidence. */
static enum jvdr_err record_cite(struct work *w, const char *kind, const char *id, size_t start,
                                 size_t end, size_t name_start, size_t name_end, json_t **out)
{
    *out = NULL;
    char etag[ETAG_SIZE];
    json_t *detail = NULL;
    enum jvdr_err code =
        load_detail(w, strcmp(kind, "official") == 0 ? official_detail_sql : agreement_detail_sql,
                    id, etag, &detail);
    if (code != JVDR_OK || cites_passage(w, detail, start, end)) {
        json_decref(detail);
        return code == JVDR_E_CONFLICT ? JVDR_OK : code; /* (gone: nothing to cite) */
    }
    json_t *spans = json_pack("[{s:I, s:I}]", "start", point(w, start), "end", point(w, end));
    json_t *patch = json_object(), *evidence = json_array();
    bool ok = spans && patch && evidence &&
              set(patch, "sources", sources_with(w, json_object_get(detail, "sources"), spans)) &&
              append(evidence, evidence_json(w, strcmp(kind, "official") == 0 ? "/name" : "/title",
                                             name_start, name_end, NULL));
    *out = ok ? json_pack("{s:s, s:s, s:s, s:s, s:O, s:O}", "action", "cite", "kind", kind, "id",
                          id, "etag", etag, "patch", patch, "evidence", evidence)
              : NULL;
    json_decref(spans);
    json_decref(patch);
    json_decref(evidence);
    json_decref(detail);
    return *out ? JVDR_OK : JVDR_E_NOMEM;
}

/* A proposal and where it goes: by its sentence, officials and agreements before the events
 * that name them, then in the order made. */
struct placed {
    json_t *proposal;
    size_t key;
    int rank; /* 0: an official or agreement, 1: an event */
    size_t seq;
};

static void place(struct placed *all, size_t *n, json_t *proposal, size_t key, int rank)
{
    all[*n] = (struct placed){proposal, key, rank, *n};
    (*n)++;
}

static int by_place(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The first sentence of an event that names person p or agreement id, or (size_t)-1. */
static size_t first_naming(const struct reading *r, const size_t *keys, size_t p, const char *id)
{
    size_t first = (size_t)-1;
    for (size_t i = 0; i < r->nevents; i++) {
        bool named = false;
        for (size_t k = 0; !id && k < r->events[i].npeople; k++)
            named |= r->events[i].people[k] == p;
        for (size_t k = 0; id && k < r->events[i].nagreements; k++)
            named |= strcmp(r->events[i].agreements[k], id) == 0;
        if (named && keys[i] < first)
            first = keys[i];
    }
    return first;
}

/* Every proposal in an order that can be accepted as it stands: first the cites of the officials
 * and agreements it knows that do not cite their sentences yet (an event written later changes
 * their details, which show it, and so the ETags the cites carry); then in text order, a new
 * official or agreement just before the first event that names it. */
static enum jvdr_err in_order(struct work *w, json_t **events, const size_t *keys, json_t **out)
{
    struct reading *r = &w->reading;
    size_t cap = r->nevents + r->npeople + r->nagreements + 16 * r->nevents + 1, n = 0;
    struct placed *all = calloc(cap, sizeof *all);
    if (!all)
        return JVDR_E_NOMEM;
    enum jvdr_err code = JVDR_OK;
    for (size_t i = 0; i < r->nevents; i++)
        if (events[i])
            place(all, &n, json_incref(events[i]), keys[i], 1);
    for (size_t p = 0; code == JVDR_OK && p < r->npeople; p++) {
        const struct reading_person *person = &r->people[p];
        json_t *one = NULL;
        if (!person->known && person->country)
            one = official_proposal(w, person), code = one ? JVDR_OK : JVDR_E_NOMEM;
        else if (person->known)
            code = record_cite(w, "official", person->id, person->sentence_start,
                               person->sentence_end, person->name_start, person->name_end, &one);
        size_t named = first_naming(r, keys, p, NULL);
        if (one && person->known)
            place(all, &n, one, 0, 0); /* cites first: see in_order */
        else if (one)
            place(all, &n, one, person->sentence_start < named ? person->sentence_start : named, 0);
    }
    for (size_t g = 0; code == JVDR_OK && g < r->nagreements; g++) {
        const struct reading_agreement *a = &r->agreements[g];
        if (w->agreement_known[g])
            continue;
        json_t *one = agreement_proposal(w, a);
        size_t named = first_naming(r, keys, 0, a->id);
        if (!one)
            code = JVDR_E_NOMEM;
        else
            place(all, &n, one, a->sentence_start < named ? a->sentence_start : named, 0);
    }
    /* Known agreements the events name: cited in the sentence that names them, once each. */
    json_t *cited = json_object();
    for (size_t i = 0; code == JVDR_OK && cited && i < r->nevents; i++) {
        const struct reading_event *e = &r->events[i];
        for (size_t k = 0; code == JVDR_OK && k < e->nagreements; k++) {
            bool fresh = false;
            for (size_t g = 0; g < r->nagreements; g++)
                fresh |=
                    !w->agreement_known[g] && strcmp(r->agreements[g].id, e->agreements[k]) == 0;
            if (fresh || json_object_get(cited, e->agreements[k]))
                continue;
            json_object_set_new(cited, e->agreements[k], json_true());
            size_t at = e->agreements_at[k][0], from = e->sentences[0][0], to = e->sentences[0][1];
            for (size_t s = 0; s < e->nsentences; s++)
                if (e->sentences[s][0] <= at && at < e->sentences[s][1])
                    from = e->sentences[s][0], to = e->sentences[s][1];
            json_t *one = NULL;
            code = record_cite(w, "agreement", e->agreements[k], from, to, e->agreements_at[k][0],
                               e->agreements_at[k][1], &one);
            if (one && n < cap)
                place(all, &n, one, 0, 0); /* cites first: see in_order */
            else
                json_decref(one);
        }
    }
    if (code == JVDR_OK && !cited)
        code = JVDR_E_NOMEM;
    json_decref(cited);
    qsort(all, n, sizeof *all, by_place);
    json_t *items = code == JVDR_OK ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) /* (append_new takes the reference, or drops it) */
        if (!items || json_array_append_new(items, all[i].proposal) != 0)
            code = JVDR_E_NOMEM;
    if (!items)
        for (size_t i = 0; i < n; i++)
            json_decref(all[i].proposal);
    free(all);
    if (code == JVDR_OK && !items)
        code = JVDR_E_NOMEM;
    *out = items; /* the caller drops it when code is not JVDR_OK */
    return code;
}

enum jvdr_err sources_proposals(struct request *req, struct response *res)
{
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    char *text = NULL;
    size_t len = 0;
    if (code == JVDR_OK)
        code = source_text_read(req, req->captures[0], &text, &len);
    if (code != JVDR_OK)
        return code;
    /* Any record may be found, or stop being found, or change its ETag. */
    request_depends(req, "official", "", "");
    request_depends(req, "agreement", "", "");
    request_depends(req, "event", "", "");
    char doc_date[16];
    struct name_hits hits = {0};
    struct work w = {.req = req, .source = req->captures[0], .text = text, .hits = &hits};
    w.ids = json_object();
    code = w.ids ? source_date(req, w.source, doc_date, sizeof doc_date) : JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = name_hits_find(req->db, text, len, true, &hits);
    if (code == JVDR_OK &&
        !proposal_read(text, len, &hits, doc_date[0] ? doc_date : NULL, req->arena, &w.reading))
        code = JVDR_E_NOMEM;
    size_t n = w.reading.nevents;
    json_t **events = code == JVDR_OK ? calloc(n + 1, sizeof(json_t *)) : NULL;
    size_t *keys = code == JVDR_OK ? calloc(n + 1, sizeof *keys) : NULL;
    if (code == JVDR_OK && (!events || !keys))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        settle_people(&w);
    if (code == JVDR_OK && !settle_agreements(&w))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = propose_events(&w, events, keys);
    json_t *items = NULL;
    if (code == JVDR_OK)
        code = in_order(&w, events, keys, &items);
    if (code != JVDR_OK)
        json_decref(items);
    else {
        json_t *body = json_pack("{s:s, s:I, s:o}", "source", w.source, "total",
                                 (json_int_t)json_array_size(items), "items", items);
        char *dumped = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        json_decref(body);
        if (!dumped)
            code = JVDR_E_NOMEM;
        else
            response_body(res, 200, "application/json", dumped, strlen(dumped));
    }
    for (size_t i = 0; events && i < n; i++)
        json_decref(events[i]);
    free(events);
    free(keys);
    json_decref(w.ids);
    free(w.agreement_known);
    name_hits_free(&hits);
    free(text);
    return code;
}
