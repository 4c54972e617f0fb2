/* Reading what a document reports; see include/jvdr/read/proposal_reading.h. */
#include "jvdr/read/proposal_reading.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/agreement_names.h"
#include "jvdr/base/arena.h"
#include "jvdr/base/date.h"
#include "jvdr/base/date_mention.h"
#include "jvdr/base/event_cues.h"
#include "jvdr/base/sentences.h"
#include "jvdr/base/slug.h"
#include "jvdr/base/titled_names.h"
#include "jvdr/read/reading_events.h"
#include "jvdr/read/reading_words.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The person of that name already read, or a new one. */
static struct reading_person *person_for(struct reading *r, struct arena *arena, const char *id,
                                         bool *fresh)
{
    for (size_t i = 0; i < r->npeople; i++)
        if (strcmp(r->people[i].id, id) == 0) {
            *fresh = false;
            return &r->people[i];
        }
    if (r->npeople == r->people_cap) {
        size_t cap = r->people_cap ? r->people_cap * 2 : 16;
        struct reading_person *grown = arena_alloc(arena, cap * sizeof *grown);
        if (!grown)
            return NULL;
        if (r->npeople)
            memcpy(grown, r->people, r->npeople * sizeof *grown);
        r->people = grown;
        r->people_cap = cap;
    }
    *fresh = true;
    struct reading_person *p = &r->people[r->npeople++];
    memset(p, 0, sizeof *p);
    p->id = arena_strdup(arena, id);
    return p->id ? p : NULL;
}

/* The role the sentence gives the person named at [ns, ne): host, guest, co-chair; else the
 * title it names them with. */
static const char *role_of(const struct sentence_view *s, size_t ns, size_t ne,
                           const struct titled_name *t, struct arena *arena)
{
    const char *text = s->text;
    if (words_has(text, s->start, s->end, "co-chaired") ||
        words_has(text, s->start, s->end, "co-chairs") ||
        words_has(text, s->start, s->end, "co-chair"))
        return "co-chair";
    /* "hosted by X" names the host after; "X hosted" before. */
    static const char by[] = "hosted by ";
    if (ns >= s->start + sizeof by - 1 &&
        strncasecmp(text + ns - (sizeof by - 1), by, sizeof by - 1) == 0)
        return "host";
    size_t i = ne;
    while (i < s->end && text[i] == ' ')
        i++;
    if (i + 6 <= s->end && strncmp(text + i, "hosted", 6) == 0 &&
        !(i + 9 <= s->end && strncmp(text + i, "hosted by", 9) == 0))
        return "host";
    if (t && t->visiting)
        return "guest";
    if (!t)
        return NULL;
    /* The title as a role: "Japanese defense minister", "deputy defense minister". */
    size_t from = t->start;
    if (t->visiting) {
        while (from < t->title_end && text[from] != ' ')
            from++;
        while (from < t->title_end && text[from] == ' ')
            from++;
    }
    char *role = arena_strndup(arena, text + from, t->title_end - from);
    if (!role)
        return NULL;
    bool word_start = true, first_word = true;
    for (char *p = role; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t') {
            *p = ' ';
            word_start = true;
            continue;
        }
        /* A country's adjective keeps its capital; a title's words are common nouns. */
        if (word_start && !(first_word && t->country))
            *p = (char)tolower((unsigned char)*p);
        if (word_start)
            first_word = false;
        word_start = false;
    }
    return role;
}

/* The people a sentence names: known officials (with the title before them, if any) and new
 * people with a title. Their indexes into r->people go to idx[], roles to roles[]. */
static size_t read_people(const struct sentence_view *s, struct reading *r, struct arena *arena,
                          struct reading_event *e, bool *failed)
{
    size_t *idx = e->people, max = COUNT(e->people);
    const char **roles = e->roles;
    size_t n = 0;
    struct titled_name t;
    struct titled_name titled[32];
    size_t ntitled = 0;
    for (size_t at = s->start; ntitled < COUNT(titled) && titled_name_next(s->text, s->end, at, &t);
         at = t.end)
        titled[ntitled++] = t;
    /* Known officials, in text order. */
    for (size_t h = 0; h < s->nhits && n < max; h++) {
        const struct name_hit *hit = &s->hits[h];
        if (strcmp(hit->kind, "official") != 0 || words_name_a_government(s, hit->byte_end))
            continue;
        const struct titled_name *with = NULL;
        for (size_t k = 0; k < ntitled && !with; k++)
            if (titled[k].name_start <= hit->byte_start && hit->byte_start < titled[k].name_end + 1)
                with = &titled[k];
        bool fresh;
        struct reading_person *p = person_for(r, arena, hit->id, &fresh);
        if (!p) {
            *failed = true;
            return n;
        }
        if (fresh) {
            p->known = true;
            p->name =
                arena_strndup(arena, s->text + hit->byte_start, hit->byte_end - hit->byte_start);
            p->country = hit->country;
            p->name_start = hit->byte_start;
            p->name_end = hit->byte_end;
            p->sentence_start = s->start;
            p->sentence_end = s->end;
        }
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= idx[k] == (size_t)(p - r->people);
        if (!dup) {
            roles[n] = role_of(s, hit->byte_start, hit->byte_end, with, arena);
            e->people_at[n][0] = hit->byte_start;
            e->people_at[n][1] = hit->byte_end;
            idx[n++] = (size_t)(p - r->people);
        }
    }
    /* People the knowledge base does not know. */
    for (size_t k = 0; k < ntitled && n < max; k++) {
        const struct titled_name *tn = &titled[k];
        bool known = false;
        for (size_t h = 0; h < s->nhits; h++)
            if (s->hits[h].byte_start < tn->name_end && tn->name_start < s->hits[h].byte_end)
                known = true; /* an official, or a country or place read as a name */
        if (known)
            continue;
        char id[SLUG_MAX + 1];
        char *name = arena_strndup(arena, s->text + tn->name_start, tn->name_end - tn->name_start);
        if (!name) {
            *failed = true;
            return n;
        }
        for (char *c = name; *c; c++)
            if (*c == '\n' || *c == '\t')
                *c = ' ';
        slug_from(name, id);
        bool fresh;
        struct reading_person *p = person_for(r, arena, id, &fresh);
        if (!p) {
            *failed = true;
            return n;
        }
        if (fresh) {
            p->name = name;
            p->title =
                arena_strndup(arena, s->text + tn->title_start, tn->title_end - tn->title_start);
            p->country = tn->country;
            p->name_start = tn->name_start;
            p->name_end = tn->name_end;
            p->title_start = tn->title_start;
            p->title_end = tn->title_end;
            p->country_start = tn->start;
            p->country_end = tn->title_start;
            p->sentence_start = s->start;
            p->sentence_end = s->end;
            /* No demonym: the country the sentence names before the person, if one. */
            for (size_t h = 0; !p->country && h < s->nhits; h++)
                if (strcmp(s->hits[h].kind, "country") == 0 && s->hits[h].byte_end <= tn->start) {
                    p->country = s->hits[h].country;
                    p->country_start = s->hits[h].byte_start;
                    p->country_end = s->hits[h].byte_end;
                }
        }
        bool dup = false;
        for (size_t j = 0; j < n; j++)
            dup |= idx[j] == (size_t)(p - r->people);
        if (!dup) {
            roles[n] = role_of(s, tn->name_start, tn->name_end, tn, arena);
            e->people_at[n][0] = tn->name_start;
            e->people_at[n][1] = tn->name_end;
            idx[n++] = (size_t)(p - r->people);
        }
    }
    return n;
}

/* The country a visit goes to: the one named right after the cue ("visit to Vietnam", "visited
 * Japan"), with at most a few words between. */
static const struct name_hit *visit_destination(const struct sentence_view *s, size_t cue_end)
{
    for (size_t h = 0; h < s->nhits; h++) {
        const struct name_hit *hit = &s->hits[h];
        if (hit->byte_start < cue_end ||
            (strcmp(hit->kind, "country") != 0 && strcmp(hit->kind, "place") != 0))
            continue;
        size_t words = 0;
        for (size_t i = cue_end; i < hit->byte_start; i++)
            words += s->text[i] == ' ';
        return words <= 4 ? hit : NULL;
    }
    return NULL;
}

/* The date of an event read in scope: of the dates the scope gives, the nearest to the cue (3);
 * else the one in the sentence's opening words ("Over the weekend, ..."), which date all it tells
 * (2); else the sentence's first (1). 0: none. */
static int scope_date(const struct sentence_view *scope, const struct sentence_view *sentence,
                      const struct event_cue *cue, const char *doc_date, enum date_tense tense,
                      struct date_mention *out)
{
    struct date_mention d;
    int rank = 0; /* 3: in scope, 2: opening words, 1: elsewhere in the sentence */
    size_t best = (size_t)-1, opening = sentence->start;
    while (opening < sentence->end && !strchr(",;:", sentence->text[opening]))
        opening++;
    for (size_t at = sentence->start;
         date_mention_next(sentence->text, sentence->end, at, doc_date, tense, &d); at = d.end) {
        if (words_after_since(sentence->text, sentence->start, d.start))
            continue;
        size_t gap = d.start >= cue->end   ? d.start - cue->end
                     : d.end <= cue->start ? cue->start - d.end
                                           : 0;
        int r = d.start >= scope->start && d.start < scope->end ? 3
                : d.end <= opening && opening < sentence->end   ? 2
                                                                : 1;
        if (r > rank || (r == rank && r == 3 && gap < best)) {
            *out = d;
            best = gap;
            rank = r;
        }
    }
    return rank;
}

/* "a two-day visit" from a day: its last day. */
static bool read_duration(const struct sentence_view *s, struct arena *arena,
                          struct reading_event *e)
{
    size_t start, end;
    int days = words_duration_days(s->text, s->start, s->end, &start, &end);
    int y, m, d;
    if (!days || e->end_date[0] || date_split(e->date, &y, &m, &d) != DATE_DAY)
        return true;
    date_from_days(date_to_days(y, m, d) + days - 1, &y, &m, &d);
    snprintf(e->end_date, sizeof e->end_date, "%04d-%02d-%02d", y, m, d);
    return reading_add_evidence(arena, e, "/end_date", start, end,
                                arena_printf(arena, "%d days from %s", days, e->date));
}

/* Agreements signed in the scope that the knowledge base does not know, by their titles: each
 * proposed once, and signed at the event. */
static bool read_new_agreements(const struct sentence_view *s, const struct sentence_view *sentence,
                                struct reading *r, struct arena *arena, struct reading_event *e)
{
    struct agreement_name a;
    for (size_t at = s->start; agreement_name_next(s->text, s->end, at, &a); at = a.end) {
        bool known = false; /* a title the name index found is a known agreement's */
        for (size_t h = 0; h < s->nhits; h++)
            known |= s->hits[h].byte_start < a.end && a.start < s->hits[h].byte_end &&
                     strcmp(s->hits[h].kind, "agreement") == 0;
        if (known || e->nagreements == COUNT(e->agreements))
            continue;
        char *title = arena_strndup(arena, s->text + a.start, a.end - a.start);
        char id[SLUG_MAX + 1];
        if (!title)
            return false;
        slug_from(title, id);
        struct reading_agreement *found = NULL;
        for (size_t i = 0; i < r->nagreements && !found; i++)
            if (strcmp(r->agreements[i].id, id) == 0)
                found = &r->agreements[i];
        if (!found) {
            if (r->nagreements == r->agreements_cap) {
                size_t cap = r->agreements_cap ? r->agreements_cap * 2 : 8;
                struct reading_agreement *grown = arena_alloc(arena, cap * sizeof *grown);
                if (!grown)
                    return false;
                if (r->nagreements)
                    memcpy(grown, r->agreements, r->nagreements * sizeof *grown);
                r->agreements = grown;
                r->agreements_cap = cap;
            }
            found = &r->agreements[r->nagreements++];
            *found = (struct reading_agreement){
                arena_strdup(arena, id), title,        a.type, a.start, a.end,
                sentence->start,         sentence->end};
            if (!found->id)
                return false;
        }
        bool have = false;
        for (size_t j = 0; j < e->nagreements; j++)
            have |= strcmp(e->agreements[j], found->id) == 0;
        if (have)
            continue;
        e->signed_agreement[e->nagreements] = true;
        e->agreements_at[e->nagreements][0] = a.start;
        e->agreements_at[e->nagreements][1] = a.end;
        e->agreements[e->nagreements++] = found->id;
    }
    return true;
}

/* The event a sentence reports with the cue at [cue.start, cue.end). */
static bool read_event(const struct sentence_view *s, const struct sentence_view *sentence,
                       const struct event_cue *cue, enum date_tense tense, const char *doc_date,
                       struct reading *r, struct arena *arena, struct reading_event *e)
{
    memset(e, 0, sizeof *e);
    e->type = cue->type;
    e->type_end = cue->end;
    e->planned = cue->planned || tense == DATE_FUTURE;
    /* "invited him on a visit", "an invitation to visit": offered, not yet agreed. */
    size_t near = cue->start > s->start + 40 ? cue->start - 40 : s->start;
    e->proposed = words_has(s->text, near, cue->start, "invited") ||
                  words_has(s->text, near, cue->start, "invitation") ||
                  words_has(s->text, near, cue->start, "invite");
    if (e->proposed)
        e->planned = false;
    e->sentences[0][0] = sentence->start;
    e->sentences[0][1] = sentence->end;
    e->nsentences = 1;
    if (!reading_add_evidence(arena, e, "/type", cue->start, cue->end, NULL))
        return false;
    if (e->planned &&
        !reading_add_evidence(arena, e, "/status", cue->start, cue->end,
                              cue->planned ? "a pledge: the event is to come"
                                           : "the sentence speaks of the event as to come"))
        return false;
    struct date_mention d;
    if (doc_date && (e->date_rank = scope_date(s, sentence, cue, doc_date,
                                               e->planned ? DATE_FUTURE : tense, &d))) {
        memcpy(e->date, d.date, sizeof e->date);
        memcpy(e->end_date, d.end_date, sizeof e->end_date);
        if (e->planned && words_before_document(e->date, e->end_date, doc_date))
            e->planned = false; /* "during his visit last year", in a sentence about the future */
        e->qualifier = d.qualifier;
        e->date_note = d.note[0] ? arena_strdup(arena, d.note) : NULL;
        if (!reading_add_evidence(arena, e, "/date", d.start, d.end, e->date_note))
            return false;
        if (d.end_date[0] && !reading_add_evidence(arena, e, "/end_date", d.start, d.end, NULL))
            return false;
        if (d.qualifier && !reading_add_evidence(arena, e, "/date_qualifier", d.start, d.end, NULL))
            return false;
        if (!read_duration(s, arena, e))
            return false;
    }
    bool failed = false;
    e->npeople = read_people(s, r, arena, e, &failed);
    if (failed)
        return false;
    for (size_t i = 0; i < e->npeople; i++)
        reading_add_country(e, r->people[e->people[i]].country, 0, 0);
    bool signing =
        strcmp(cue->type, "signing") == 0 || words_has(s->text, s->start, s->end, "signed");
    for (size_t h = 0; h < s->nhits; h++) {
        const struct name_hit *hit = &s->hits[h];
        bool place = strcmp(hit->kind, "place") == 0;
        if (place && !e->location && words_locative(s->text, s->start, hit->byte_start)) {
            e->location = hit->id;
            e->host_country = hit->country;
            if (!reading_add_evidence(arena, e, "/location", hit->byte_start, hit->byte_end, NULL))
                return false;
        } else if (place || strcmp(hit->kind, "country") == 0) {
            /* A country, or a place standing for its government ("Hanoi and Tokyo agreed"). */
            reading_add_country(e, hit->country, hit->byte_start, hit->byte_end);
        } else if (strcmp(hit->kind, "agreement") == 0 && e->nagreements < COUNT(e->agreements)) {
            bool have = false;
            for (size_t j = 0; j < e->nagreements; j++)
                have |= strcmp(e->agreements[j], hit->id) == 0;
            if (!have) {
                e->signed_agreement[e->nagreements] = signing;
                e->agreements_at[e->nagreements][0] = hit->byte_start;
                e->agreements_at[e->nagreements][1] = hit->byte_end;
                e->agreements[e->nagreements++] = hit->id;
            }
        }
    }
    if (signing && !read_new_agreements(s, sentence, r, arena, e))
        return false;
    if (e->host_country)
        reading_add_country(e, e->host_country, 0, 0);
    if (strcmp(e->type, "visit") == 0 && !e->host_country) {
        const struct name_hit *to = visit_destination(s, cue->end);
        if (to && to->country) {
            e->host_country = to->country;
            reading_add_country(e, to->country, to->byte_start, to->byte_end);
            if (!reading_add_evidence(arena, e, "/host_country", to->byte_start, to->byte_end,
                                      NULL))
                return false;
        }
    }
    return true;
}

#define MAX_CUES 16

bool proposal_read(const char *text, size_t len, const struct name_hits *hits, const char *doc_date,
                   struct arena *arena, struct reading *out)
{
    memset(out, 0, sizeof *out);
    struct sentence sent;
    size_t h = 0, previous[MAX_CUES], nprevious = 0;
    for (size_t at = 0; sentence_next(text, len, at, &sent); at = sent.end) {
        while (h < hits->n && hits->items[h].byte_start < sent.start)
            h++;
        size_t h_end = h;
        while (h_end < hits->n && hits->items[h_end].byte_end <= sent.end)
            h_end++;
        /* (No names known at all: no items to point into.) */
        struct sentence_view s = {text, sent.start, sent.end, hits->n ? hits->items + h : NULL,
                                  h_end - h};
        struct event_cue cues[MAX_CUES];
        size_t ncues = 0;
        struct event_cue cue;
        for (size_t c = sent.start; ncues < MAX_CUES && event_cue_next(text, sent.end, c, &cue);
             c = cue.end) {
            if (words_adjective_use(text, sent.end, &cue) || words_class_use(text, sent.end, &cue))
                continue;
            /* A compound names one event by its last noun ("consultation meeting", "Forum
             * (ARF) workshop"). */
            if (ncues && words_compound(text, cues[ncues - 1].end, cue.start)) {
                cue.planned |= cues[ncues - 1].planned;
                cue.start = cues[ncues - 1].start;
                cues[ncues - 1] = cue;
                continue;
            }
            cues[ncues++] = cue;
        }
        /* "The engagement, ...", "This interaction ...": the event last told of, told again. */
        if (ncues < MAX_CUES && out->nevents && words_refers_back(&s, &cue)) {
            cue.type = reading_last_told(out)->type;
            memmove(cues + 1, cues, ncues++ * sizeof *cues); /* first: it begins the sentence */
            cues[0] = cue;
        }
        if (!ncues)
            continue;
        enum date_tense tense = event_sentence_tense(text + sent.start, sent.end - sent.start);
        /* One event per type and clause; a sentence of one cue is one clause. */
        size_t done[MAX_CUES] = {0};
        const char *done_type[MAX_CUES] = {0};
        size_t ndone = 0;
        struct reading_event fresh[MAX_CUES];
        size_t nfresh = 0, told[MAX_CUES], ntold = 0;
        bool fresh_within[MAX_CUES], told_within[MAX_CUES]; /* told of with "during" */
        for (size_t k = 0; k < ncues; k++) {
            if (words_quoted_title(&s, &cues[k]))
                continue;
            struct sentence_view scope = s;
            if (ncues > 1) {
                size_t cs, ce;
                words_clause_of(&s, cues, ncues, k, &cs, &ce);
                struct sentence_view clause = words_narrowed(&s, cs, ce);
                if (words_name_anyone(&clause))
                    scope = clause;
            }
            bool again = false;
            for (size_t d = 0; d < ndone; d++)
                again |= done[d] == scope.start && strcmp(done_type[d], cues[k].type) == 0;
            if (again)
                continue;
            done[ndone] = scope.start;
            done_type[ndone++] = cues[k].type;
            struct reading_event *e = &fresh[nfresh];
            if (!read_event(&scope, &s, &cues[k], tense, doc_date, out, arena, e))
                return false;
            size_t possessor, target;
            bool subject;
            bool back = words_anaphoric(&s, &cues[k], &possessor, &subject);
            if (back && e->date_rank < 3 && ncues > 1)
                reading_drop_date(e); /* the date is another clause's */
            if (back && reading_told_again(out, arena, text, e, possessor, subject, &target)) {
                told_within[ntold] = words_container(&s, &cues[k]);
                told[ntold++] = target;
                continue;
            }
            if (!e->date[0] && doc_date && words_recent(&s)) {
                memcpy(e->date, doc_date, 4);
                e->date[4] = '\0';
                e->date_note =
                    arena_printf(arena, "\"recent\": the year of the document's date %s", doc_date);
            }
            fresh_within[nfresh] = words_container(&s, &cues[k]);
            /* A name ("the ASEAN Defense Ministers' Meeting") is a series of events; one of them
             * is told of with its date. */
            if (cues[k].start > sent.start && isupper((unsigned char)text[cues[k].start]) &&
                !e->date[0])
                continue;
            /* "The two ministers signed a memorandum": nobody, no date or place of its own, but
             * what was signed, at the meeting the text was telling of. */
            if (strcmp(e->type, "signing") == 0 && e->nagreements && !e->npeople && !e->date[0] &&
                !e->location && out->nevents &&
                event_type_family(reading_last_told(out)->type) == event_type_family("meeting")) {
                if (!reading_signed_at(arena, reading_last_told(out), e))
                    return false;
                continue;
            }
            /* An event is reported with who, when or where; a cue alone is talk about ties. */
            if (e->npeople || e->date[0] || e->location || e->ncountries)
                nfresh++;
        }
        /* An undated event held during one the sentence dates ("During his visit, he met X")
         * takes its date, and whoever took part was at it too; one the sentence points back
         * from ("This included a meeting") takes the previous sentence's. */
        for (size_t i = 0; i < nfresh; i++) {
            for (size_t j = 0; j < nfresh && !fresh[i].date[0]; j++)
                if (fresh_within[j])
                    reading_date_from(arena, &fresh[i], &fresh[j], "the same sentence", false);
            for (size_t j = 0; j < ntold && !fresh[i].date[0]; j++) {
                if (!told_within[j])
                    continue;
                reading_date_from(arena, &fresh[i], &out->events[told[j]], "the same sentence",
                                  false);
                if (fresh[i].date[0])
                    reading_add_people(&out->events[told[j]], &fresh[i]);
            }
            for (size_t j = 0; j < nprevious && !fresh[i].date[0] && words_points_back(&s); j++)
                reading_date_from(arena, &fresh[i], &out->events[previous[j]],
                                  "the previous sentence", true);
        }
        nprevious = 0;
        for (size_t i = 0; i < ntold; i++)
            previous[nprevious++] = told[i];
        for (size_t i = 0; i < nfresh; i++) {
            if (!reading_add_event(out, arena, &fresh[i]))
                return false;
            if (nprevious < MAX_CUES)
                previous[nprevious++] = reading_last_told(out) - out->events;
        }
    }
    return reading_signed_at_meetings(out, arena) &&
           reading_headline_into_body(out, arena, text, len);
}
