/* Reading what a document reports; see include/jvdr/read/proposal_reading.h. */
#include "jvdr/read/proposal_reading.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/date_mention.h"
#include "jvdr/base/event_cues.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/sentences.h"
#include "jvdr/base/slug.h"
#include "jvdr/base/titled_names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int event_type_family(const char *type)
{
    static const char *const families[][4] = {
        {"meeting", "consultation", "dialogue", "visit"},
        {"signing"},
        {"transfer", "dispatch"},
        {"exercise", "port-call"},
        {"workshop", "conference", "exhibition"},
        {"commemoration"},
        {"incident"},
    };
    for (size_t f = 0; f < COUNT(families); f++)
        for (size_t i = 0; i < 4 && families[f][i]; i++)
            if (strcmp(families[f][i], type) == 0)
                return (int)f;
    return -1;
}

/* A sentence and what it names. */
struct sentence_view {
    const char *text;
    size_t start, end;
    const struct name_hit *hits; /* the name hits inside it */
    size_t nhits;
};

static bool add_evidence(struct arena *arena, struct reading_event *e, const char *pointer,
                         size_t start, size_t end, const char *note)
{
    if (e->nevidence == e->evidence_cap) {
        size_t cap = e->evidence_cap ? e->evidence_cap * 2 : 8;
        struct evidence *grown = arena_alloc(arena, cap * sizeof *grown);
        if (!grown)
            return false;
        if (e->nevidence)
            memcpy(grown, e->evidence, e->nevidence * sizeof *grown);
        e->evidence = grown;
        e->evidence_cap = cap;
    }
    e->evidence[e->nevidence++] = (struct evidence){pointer, start, end, note};
    return true;
}

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

/* Whether the words stand in text[start, end) as whole words, case ignored. */
static bool has_word(const char *text, size_t start, size_t end, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = start; i + n <= end; i++)
        if (strncasecmp(text + i, word, n) == 0 &&
            (i == start || !isalpha((unsigned char)text[i - 1])) &&
            (i + n == end || !isalpha((unsigned char)text[i + n])))
            return true;
    return false;
}

/* The role the sentence gives the person named at [ns, ne): host, guest, co-chair; else the
 * title it names them with. */
static const char *role_of(const struct sentence_view *s, size_t ns, size_t ne,
                           const struct titled_name *t, struct arena *arena)
{
    const char *text = s->text;
    if (has_word(text, s->start, s->end, "co-chaired") ||
        has_word(text, s->start, s->end, "co-chairs") ||
        has_word(text, s->start, s->end, "co-chair"))
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

/* "the Trump administration", "the Abe government": a name that stands for a government, not
 * a person present. */
static bool names_a_government(const struct sentence_view *s, size_t end)
{
    static const char *const words[] = {" administration", " government", " cabinet", " era",
                                        " doctrine",       NULL};
    if (end + 2 < s->end && (strncmp(s->text + end, "'s", 2) == 0))
        end += 2;
    for (const char *const *w = words; *w; w++)
        if (strncmp(s->text + end, *w, strlen(*w)) == 0)
            return true;
    return false;
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
        if (strcmp(hit->kind, "official") != 0 || names_a_government(s, hit->byte_end))
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

static void add_country(struct reading_event *e, const char *code, size_t start, size_t end)
{
    if (!code)
        return;
    for (size_t i = 0; i < e->ncountries; i++)
        if (strcmp(e->countries[i], code) == 0) {
            if (!e->countries_at[i][1]) {
                e->countries_at[i][0] = start;
                e->countries_at[i][1] = end;
            }
            return;
        }
    if (e->ncountries < COUNT(e->countries)) {
        e->countries_at[e->ncountries][0] = start;
        e->countries_at[e->ncountries][1] = end;
        e->countries[e->ncountries++] = code;
    }
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

/* Two dates agree when one is the other at a coarser precision (or either is unknown). */
static bool dates_agree(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (!la || !lb)
        return true;
    return strncmp(a, b, la < lb ? la : lb) == 0;
}

static bool share_person(const struct reading_event *a, const struct reading_event *b)
{
    for (size_t i = 0; i < a->npeople; i++)
        for (size_t j = 0; j < b->npeople; j++)
            if (a->people[i] == b->people[j])
                return true;
    return false;
}

static bool same_or_unknown(const char *a, const char *b)
{
    return !a || !b || strcmp(a, b) == 0;
}

/* Whether b reports the event a does: the same type, places and dates that agree, and a participant
 * in common (or, for events no one is named at, the same type on a date both give). */
static bool same_event(const struct reading_event *a, const struct reading_event *b)
{
    if (strcmp(a->type, b->type) != 0 || a->planned != b->planned || a->proposed != b->proposed ||
        !dates_agree(a->date, b->date) || !same_or_unknown(a->host_country, b->host_country) ||
        !same_or_unknown(a->location, b->location))
        return false;
    /* Dated from another event ("This included a meeting ..."): another event by the words. */
    if (a->date_inherited || b->date_inherited)
        return false;
    /* A date on one only: another event, or the same told again (read as such: told_again). */
    if (!a->date[0] != !b->date[0])
        return false;
    if (a->npeople && b->npeople)
        return share_person(a, b);
    if (!a->npeople && !b->npeople)
        return a->date[0];
    /* Named on one only: the same when dated alike and held in the same known country. */
    return a->date[0] && a->host_country && b->host_country;
}

/* Adds b's people to a's. */
static void add_people(struct reading_event *a, const struct reading_event *b)
{
    size_t a_people = a->npeople;
    for (size_t i = 0; i < b->npeople && a->npeople < COUNT(a->people); i++) {
        bool have = false;
        for (size_t j = 0; j < a_people; j++) {
            if (a->people[j] == b->people[i]) {
                have = true;
                if (!a->roles[j])
                    a->roles[j] = b->roles[i];
            }
        }
        if (!have) {
            a->roles[a->npeople] = b->roles[i];
            a->people_at[a->npeople][0] = b->people_at[i][0];
            a->people_at[a->npeople][1] = b->people_at[i][1];
            a->people[a->npeople++] = b->people[i];
        }
    }
}

/* Folds b into a: its sentences, people, countries, agreements, evidence, and a finer date. */
static bool merge(struct arena *arena, struct reading_event *a, const struct reading_event *b)
{
    add_people(a, b);
    for (size_t i = 0; i < b->ncountries; i++)
        add_country(a, b->countries[i], b->countries_at[i][0], b->countries_at[i][1]);
    for (size_t i = 0; i < b->nagreements && a->nagreements < COUNT(a->agreements); i++) {
        bool have = false;
        for (size_t j = 0; j < a->nagreements; j++)
            have |= strcmp(a->agreements[j], b->agreements[i]) == 0;
        if (!have) {
            a->signed_agreement[a->nagreements] = b->signed_agreement[i];
            a->agreements_at[a->nagreements][0] = b->agreements_at[i][0];
            a->agreements_at[a->nagreements][1] = b->agreements_at[i][1];
            a->agreements[a->nagreements++] = b->agreements[i];
        }
    }
    bool finer = strlen(b->date) > strlen(a->date);
    if (finer) {
        memcpy(a->date, b->date, sizeof a->date);
        memcpy(a->end_date, b->end_date, sizeof a->end_date);
        a->qualifier = b->qualifier;
        a->date_note = b->date_note;
    } else if (!a->qualifier && b->qualifier && strcmp(a->date, b->date) == 0) {
        a->qualifier = b->qualifier; /* "In late November ... the November meeting" */
    }
    if (!a->location && b->location)
        a->location = b->location;
    if (!a->host_country && b->host_country)
        a->host_country = b->host_country;
    for (size_t i = 0; i < b->nsentences && a->nsentences < COUNT(a->sentences); i++) {
        a->sentences[a->nsentences][0] = b->sentences[i][0];
        a->sentences[a->nsentences++][1] = b->sentences[i][1];
    }
    /* Evidence keeps its pointers' meaning: a's own, then b's for what a took from b. */
    for (size_t i = 0; i < b->nevidence; i++) {
        const struct evidence *ev = &b->evidence[i];
        bool date_field = strcmp(ev->pointer, "/date") == 0 ||
                          strcmp(ev->pointer, "/end_date") == 0 ||
                          strcmp(ev->pointer, "/date_qualifier") == 0;
        if (date_field && !finer)
            continue;
        if (strncmp(ev->pointer, "/participants/", 14) == 0 ||
            strncmp(ev->pointer, "/countries/", 11) == 0 ||
            strncmp(ev->pointer, "/agreements/", 12) == 0)
            continue; /* renumbered by read/proposals.c from the names themselves */
        if (!add_evidence(arena, a, ev->pointer, ev->start, ev->end, ev->note))
            return false;
    }
    return true;
}

/* Whether the word "since" stands in the few words before a date: "since assuming the post last
 * year" dates the start of something else. */
static bool after_since(const char *text, size_t from, size_t at)
{
    size_t words = 0;
    for (size_t i = at; i > from && words < 5; i--) {
        words += text[i - 1] == ' ';
        if (i - from >= 5 && strncasecmp(text + i - 5, "since", 5) == 0 &&
            (i - 5 == from || text[i - 6] == ' '))
            return true;
    }
    return false;
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
        if (after_since(sentence->text, sentence->start, d.start))
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

/* Whether the date, as a day range, ends before the document's begins: what it dates is past. */
static bool before_document(const char *date, const char *end_date, const char *doc_date)
{
    const char *last = end_date[0] ? end_date : date;
    size_t n = strlen(last), m = strlen(doc_date);
    return strncmp(last, doc_date, n < m ? n : m) < 0;
}

/* Whether a place is named as where something happens ("in Hanoi", "at Cam Ranh", "visited
 * Tokyo"), not as its government ("pressured Hanoi", "Tokyo's agreements"). */
static bool locative(const char *text, size_t from, size_t at)
{
    static const char *const words[] = {"in", "at",      "near",  "off",    "from",
                                        "to", "visited", "visit", "visits", NULL};
    size_t end = at;
    while (end > from && text[end - 1] == ' ')
        end--;
    size_t start = end;
    while (start > from && isalpha((unsigned char)text[start - 1]))
        start--;
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == end - start && strncasecmp(text + start, *w, end - start) == 0)
            return true;
    return false;
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
    e->proposed = has_word(s->text, near, cue->start, "invited") ||
                  has_word(s->text, near, cue->start, "invitation") ||
                  has_word(s->text, near, cue->start, "invite");
    if (e->proposed)
        e->planned = false;
    e->sentences[0][0] = sentence->start;
    e->sentences[0][1] = sentence->end;
    e->nsentences = 1;
    if (!add_evidence(arena, e, "/type", cue->start, cue->end, NULL))
        return false;
    if (e->planned && !add_evidence(arena, e, "/status", cue->start, cue->end,
                                    cue->planned ? "a pledge: the event is to come"
                                                 : "the sentence speaks of the event as to come"))
        return false;
    struct date_mention d;
    if (doc_date && (e->date_rank = scope_date(s, sentence, cue, doc_date,
                                               e->planned ? DATE_FUTURE : tense, &d))) {
        memcpy(e->date, d.date, sizeof e->date);
        memcpy(e->end_date, d.end_date, sizeof e->end_date);
        if (e->planned && before_document(e->date, e->end_date, doc_date))
            e->planned = false; /* "during his visit last year", in a sentence about the future */
        e->qualifier = d.qualifier;
        e->date_note = d.note[0] ? arena_strdup(arena, d.note) : NULL;
        if (!add_evidence(arena, e, "/date", d.start, d.end, e->date_note))
            return false;
        if (d.end_date[0] && !add_evidence(arena, e, "/end_date", d.start, d.end, NULL))
            return false;
        if (d.qualifier && !add_evidence(arena, e, "/date_qualifier", d.start, d.end, NULL))
            return false;
    }
    bool failed = false;
    e->npeople = read_people(s, r, arena, e, &failed);
    if (failed)
        return false;
    for (size_t i = 0; i < e->npeople; i++)
        add_country(e, r->people[e->people[i]].country, 0, 0);
    bool signing =
        strcmp(cue->type, "signing") == 0 || has_word(s->text, s->start, s->end, "signed");
    for (size_t h = 0; h < s->nhits; h++) {
        const struct name_hit *hit = &s->hits[h];
        bool place = strcmp(hit->kind, "place") == 0;
        if (place && !e->location && locative(s->text, s->start, hit->byte_start)) {
            e->location = hit->id;
            e->host_country = hit->country;
            if (!add_evidence(arena, e, "/location", hit->byte_start, hit->byte_end, NULL))
                return false;
        } else if (place || strcmp(hit->kind, "country") == 0) {
            /* A country, or a place standing for its government ("Hanoi and Tokyo agreed"). */
            add_country(e, hit->country, hit->byte_start, hit->byte_end);
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
    if (e->host_country)
        add_country(e, e->host_country, 0, 0);
    if (strcmp(e->type, "visit") == 0 && !e->host_country) {
        const struct name_hit *to = visit_destination(s, cue->end);
        if (to && to->country) {
            e->host_country = to->country;
            add_country(e, to->country, to->byte_start, to->byte_end);
            if (!add_evidence(arena, e, "/host_country", to->byte_start, to->byte_end, NULL))
                return false;
        }
    }
    return true;
}

static bool add_event(struct reading *r, struct arena *arena, const struct reading_event *e)
{
    for (size_t i = r->nevents; i-- > 0;)
        if (same_event(&r->events[i], e))
            return merge(arena, &r->events[i], e);
    if (r->nevents == r->events_cap) {
        size_t cap = r->events_cap ? r->events_cap * 2 : 16;
        struct reading_event *grown = arena_alloc(arena, cap * sizeof *grown);
        if (!grown)
            return false;
        if (r->nevents)
            memcpy(grown, r->events, r->nevents * sizeof *grown);
        r->events = grown;
        r->events_cap = cap;
    }
    r->events[r->nevents++] = *e;
    return true;
}

/* "visiting" before a name or title is who came, not a visit of its own. */
static bool adjective_use(const char *text, size_t len, const struct event_cue *cue)
{
    if (cue->end - cue->start != 8 || strncasecmp(text + cue->start, "visiting", 8) != 0)
        return false;
    size_t i = cue->end;
    while (i < len && text[i] == ' ')
        i++;
    return i < len && isupper((unsigned char)text[i]);
}

/* The words just before a cue that point back to an event already told of: "the visit", "his
 * trip", "Kishi's visit". *possessor is set to where a possessor's name ends ("Kishi's"). */
static bool month_name(const char *word, size_t n)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    for (size_t m = 0; m < COUNT(months); m++)
        if (strlen(months[m]) == n && strncmp(months[m], word, n) == 0)
            return true;
    return false;
}

static bool anaphoric(const struct sentence_view *s, const struct event_cue *cue, size_t *possessor,
                      bool *subject)
{
    static const char *const determiners[] = {"the", "this",  "that", "his",
                                              "her", "their", "its",  NULL};
    *possessor = 0;
    size_t end = cue->start;
    /* Up to three words may stand between: "the November meeting", "his first overseas visit". */
    for (int words = 0; words < 4 && end > s->start; words++) {
        while (end > s->start && s->text[end - 1] == ' ')
            end--;
        size_t start = end;
        while (start > s->start && s->text[start - 1] != ' ' && s->text[start - 1] != '\n')
            start--;
        size_t n = end - start;
        if (!n)
            return false;
        *subject = start == s->start;
        for (const char *const *d = determiners; *d; d++)
            if (strlen(*d) == n && strncasecmp(s->text + start, *d, n) == 0)
                return true;
        if (n > 2 && s->text[end - 2] == '\'' && s->text[end - 1] == 's') {
            *possessor = end - 2;
            return true;
        }
        if (n > 4 && memcmp(s->text + end - 4, "\xe2\x80\x99s", 4) == 0) {
            *possessor = end - 4;
            return true;
        }
        /* Only a modifier may stand between: a lower-case word or a month's name, not an article,
         * a verb's past or a word that joins phrases. */
        static const char *const joins[] = {
            "a",  "an", "is", "are", "was", "were", "has", "had", "have", "be", "been", "of",
            "to", "in", "on", "at",  "by",  "with", "for", "and", "or",   "as", NULL};
        for (const char *const *j = joins; *j; j++)
            if (strlen(*j) == n && strncmp(s->text + start, *j, n) == 0)
                return false;
        if (n > 2 && strncmp(s->text + end - 2, "ed", 2) == 0)
            return false;
        for (size_t i = start; i < end; i++)
            if (!isalpha((unsigned char)s->text[i]) && s->text[i] != '-')
                return false;
        bool named = false; /* "Suga's Vietnam visit" */
        for (size_t h = 0; h < s->nhits; h++)
            named |= s->hits[h].byte_start <= start && end <= s->hits[h].byte_end;
        if (isupper((unsigned char)s->text[start]) && !month_name(s->text + start, n) && !named)
            return false;
        end = start;
    }
    return false;
}

/* Forgets the date read, and where it was read. */
static void drop_date(struct reading_event *e)
{
    e->date[0] = e->end_date[0] = '\0';
    e->qualifier = e->date_note = NULL;
    e->date_rank = 0;
    size_t kept = 0;
    for (size_t i = 0; i < e->nevidence; i++)
        if (strncmp(e->evidence[i].pointer, "/date", 5) != 0 &&
            strcmp(e->evidence[i].pointer, "/end_date") != 0)
            e->evidence[kept++] = e->evidence[i];
    e->nevidence = kept;
}

/* An event told of again: the sentence goes to the latest event of the type read before (with the
 * possessor as a participant, and the date where it had none). False when there is none. */
/* Whether "by", "with" or "between" stands in text[from, at). */
static bool agent_before(const char *text, size_t from, size_t at)
{
    static const char *const words[] = {" by ", " with ", " between ", NULL};
    for (size_t i = from; i < at; i++)
        for (const char *const *w = words; *w; w++)
            if (strncmp(text + i, *w, strlen(*w)) == 0)
                return true;
    return false;
}

static bool told_again(struct reading *r, struct arena *arena, const char *text,
                       const struct reading_event *e, size_t possessor, bool subject,
                       size_t *target)
{
    struct reading_event again = *e;
    /* "The meeting, co-chaired by X and Y, ...": the sentence is about the event, and whom it
     * names after "by", "with" or "between" took part. Elsewhere ("the visit saw both sides...")
     * only the possessor did. */
    again.npeople = 0;
    for (size_t k = 0; k < e->npeople && subject; k++)
        if (agent_before(text, e->type_end, e->people_at[k][0])) {
            again.people[again.npeople] = e->people[k];
            again.roles[again.npeople] = e->roles[k];
            again.people_at[again.npeople][0] = e->people_at[k][0];
            again.people_at[again.npeople++][1] = e->people_at[k][1];
        }
    for (size_t k = 0; k < e->npeople && possessor && !subject; k++)
        if (e->people_at[k][1] == possessor) {
            again.people[0] = e->people[k];
            again.roles[0] = e->roles[k];
            again.people_at[0][0] = e->people_at[k][0];
            again.people_at[0][1] = e->people_at[k][1];
            again.npeople = 1;
        }
    /* "during his consultations with X": X took part. */
    for (size_t k = 0; k < e->npeople && !subject && again.npeople < COUNT(again.people); k++) {
        size_t words = 0;
        for (size_t i = e->type_end; i < e->people_at[k][0] && words <= 8; i++)
            words += text[i] == ' ';
        if (e->people_at[k][0] >= e->type_end && words <= 8) {
            again.people[again.npeople] = e->people[k];
            again.roles[again.npeople] = e->roles[k];
            again.people_at[again.npeople][0] = e->people_at[k][0];
            again.people_at[again.npeople++][1] = e->people_at[k][1];
        }
    }
    again.ncountries = 0;
    again.nagreements = 0;
    /* Of the events of the type read before, the one told of most (the article's subject), the
     * latest of those; the possessor must be among its people. */
    struct reading_event *best = NULL;
    for (size_t i = 0; i < r->nevents; i++) {
        struct reading_event *a = &r->events[i];
        if (strcmp(a->type, e->type) != 0 || a->planned != e->planned ||
            !dates_agree(a->date, e->date) || !same_or_unknown(a->host_country, e->host_country))
            continue;
        if (possessor && again.npeople && !share_person(a, &again))
            continue;
        if (!best || a->nsentences >= best->nsentences)
            best = a;
    }
    /* "during his consultations": part of the visit told of, when no consultation was. */
    for (size_t i = 0; !best && i < r->nevents; i++) {
        struct reading_event *a = &r->events[i];
        if (strcmp(a->type, "visit") == 0 && strcmp(e->type, "visit") != 0 &&
            event_type_family(a->type) == event_type_family(e->type) && !a->planned &&
            !e->planned && dates_agree(a->date, e->date) &&
            (!possessor || !again.npeople || share_person(a, &again)) &&
            (!best || a->nsentences >= best->nsentences))
            best = a;
    }
    if (!best)
        return false;
    *target = (size_t)(best - r->events);
    return merge(arena, best, &again);
}

/* The clause of the sentence around the cue: its piece between commas, semicolons, colons,
 * brackets and dashes, and the pieces after it that report no event of their own ("..., including
 * X and Y"). Where a sentence lists several events ("X's trip to India, a carrier visit to
 * Vietnam, and Y's visit to Russia"), each is read from its own. */
static bool piece_stop(const struct sentence_view *s, size_t i)
{
    return strchr(",;:()", s->text[i]) ||
           (i + 3 <= s->end && memcmp(s->text + i, "\xe2\x80\x94", 3) == 0);
}

static bool stop_between(const struct sentence_view *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (piece_stop(s, i))
            return true;
    return false;
}

static void clause_of(const struct sentence_view *s, const struct event_cue *cues, size_t ncues,
                      size_t k, size_t *start, size_t *end)
{
    size_t i = cues[k].start;
    while (i > s->start && !piece_stop(s, i - 1))
        i--;
    *start = i;
    /* Cues with no stop between them share a clause ("a flurry of meetings on the sidelines of
     * the ASEAN meetings in Manila"). */
    while (k + 1 < ncues && !stop_between(s, cues[k].end, cues[k + 1].start))
        k++;
    size_t limit = k + 1 < ncues ? cues[k + 1].start : s->end;
    i = cues[k].end;
    size_t last_stop = s->end;
    for (; i < limit; i++)
        if (piece_stop(s, i))
            last_stop = i;
    /* Up to the last stop before the next cue, or the sentence's end. */
    *end = k + 1 < ncues ? (last_stop < limit ? last_stop : limit) : s->end;
}

/* The sentence narrowed to [start, end), with the names inside. */
static struct sentence_view narrowed(const struct sentence_view *s, size_t start, size_t end)
{
    struct sentence_view v = {s->text, start, end, s->hits, 0};
    size_t first = 0;
    while (first < s->nhits && s->hits[first].byte_start < start)
        first++;
    v.hits = s->nhits ? s->hits + first : NULL;
    while (first + v.nhits < s->nhits && s->hits[first + v.nhits].byte_end <= end)
        v.nhits++;
    return v;
}

/* Whether a clause names someone or somewhere of its own. */
static bool names_anyone(const struct sentence_view *v)
{
    struct titled_name t;
    return v->nhits > 0 || titled_name_next(v->text, v->end, v->start, &t);
}

#define MAX_CUES 16

/* "consultations such as the Defense Policy Dialogue": a kind of event, the examples follow;
 * "talks on the transfer of", "towards the signing of": a subject of talk, not an event; "delivered
 * a speech": not a delivery of equipment. */
static bool class_use(const char *text, size_t len, const struct event_cue *cue)
{
    static const char *const about[] = {"for the ",   "towards the ", "toward the ", "on the ",
                                        "about the ", "to the ",      NULL};
    for (const char *const *p = about; *p; p++) {
        size_t n = strlen(*p);
        if (cue->start >= n && strncmp(text + cue->start - n, *p, n) == 0 &&
            !isupper((unsigned char)text[cue->start]))
            return true;
    }
    static const char *const speech[] = {"speech",    "message", "remarks", "address",
                                         "statement", "lecture", "keynote", NULL};
    if (strncmp(text + cue->start, "deliver", 7) == 0)
        for (size_t j = cue->end, words = 0; j < len && words < 4; j++) {
            words += text[j] == ' ';
            for (const char *const *p = speech; *p; p++)
                if (strncmp(text + j, *p, strlen(*p)) == 0)
                    return true;
        }
    /* "accelerate consultations", "promote exchanges": an activity to grow, not an event. */
    static const char *const grow[] = {"accelerate ", "promote ",    "boost ",      "expand ",
                                       "deepen ",     "strengthen ", "facilitate ", "enhance ",
                                       "increase ",   NULL};
    for (const char *const *g = grow; *g; g++) {
        size_t n = strlen(*g);
        if (cue->start >= n && strncmp(text + cue->start - n, *g, n) == 0)
            return true;
    }
    size_t i = cue->end;
    while (i < len && text[i] == ' ')
        i++;
    return (i + 7 <= len && strncmp(text + i, "such as", 7) == 0) ||
           (i + 5 <= len && strncmp(text + i, "like ", 5) == 0);
}

/* Whether only blanks, or a bracketed acronym, stand between two cues. */
static bool compound(const char *text, size_t from, size_t to)
{
    size_t i = from;
    while (i < to && text[i] == ' ')
        i++;
    if (i < to && text[i] == '(') {
        while (i < to && text[i] != ')' && (isupper((unsigned char)text[i]) || text[i] == '('))
            i++;
        if (i < to && text[i] == ')')
            i++;
        while (i < to && text[i] == ' ')
            i++;
    }
    return i == to;
}

/* The event that got the latest sentence. */
static struct reading_event *last_told(struct reading *r)
{
    struct reading_event *last = &r->events[0];
    for (size_t i = 1; i < r->nevents; i++)
        if (r->events[i].sentences[r->events[i].nsentences - 1][0] >=
            last->sentences[last->nsentences - 1][0])
            last = &r->events[i];
    return last;
}

/* A sentence beginning "The engagement", "This interaction", ...: a word for any event, pointing
 * back. *cue is set to the word. */
static bool refers_back(const struct sentence_view *s, struct event_cue *cue)
{
    static const char *const determiners[] = {"The ", "This ", "That ", NULL};
    static const char *const nouns[] = {"engagement", "interaction", "gathering", "session",
                                        "event",      "exchange",    NULL};
    for (const char *const *d = determiners; *d; d++) {
        size_t n = strlen(*d);
        if (s->end - s->start <= n || strncmp(s->text + s->start, *d, n) != 0)
            continue;
        for (const char *const *w = nouns; *w; w++) {
            size_t k = strlen(*w), at = s->start + n;
            if (at + k < s->end && strncmp(s->text + at, *w, k) == 0 &&
                !isalpha((unsigned char)s->text[at + k])) {
                *cue = (struct event_cue){at, at + k, NULL, false};
                return true;
            }
        }
    }
    return false;
}

/* A sentence beginning with a pronoun for what the previous one told, and a verb saying that
 * it held what follows ("This included ...", "It saw ..."). */
static bool points_back(const struct sentence_view *s)
{
    static const char *const pronouns[] = {"This ", "These ", "It ", NULL};
    static const char *const verbs[] = {"included ", "includes ", "include ",   "involved ",
                                        "saw ",      "featured ", "comprised ", NULL};
    for (const char *const *p = pronouns; *p; p++) {
        size_t n = strlen(*p);
        if (s->end - s->start <= n || strncmp(s->text + s->start, *p, n) != 0)
            continue;
        for (const char *const *v = verbs; *v; v++)
            if (strncmp(s->text + s->start + n, *v, strlen(*v)) == 0)
                return true;
    }
    return false;
}

/* Whether the cue stands inside square brackets (a link's words) or a quoted title (most of its
 * words capitalised): another article's headline, not this one's report. */
static bool quoted_title(const struct sentence_view *s, const struct event_cue *cue)
{
    int brackets = 0, quotes = 0;
    size_t open = s->start;
    for (size_t i = s->start; i < cue->start; i++) {
        char c = s->text[i];
        brackets += c == '[' ? 1 : c == ']' && brackets ? -1 : 0;
        if (c == '"' || (i + 3 <= cue->start && (memcmp(s->text + i, "\xe2\x80\x9c", 3) == 0 ||
                                                 memcmp(s->text + i, "\xe2\x80\x9d", 3) == 0))) {
            quotes ^= 1;
            open = i;
        }
    }
    if (brackets)
        return true;
    if (!quotes)
        return false;
    size_t words = 0, capitals = 0;
    for (size_t i = open + 1; i < s->end && s->text[i] != '"' && words < 40; i++)
        if (isalpha((unsigned char)s->text[i]) && (i == open + 1 || s->text[i - 1] == ' ')) {
            words++;
            capitals += isupper((unsigned char)s->text[i]) != 0;
        }
    return words >= 3 && capitals * 3 >= words * 2;
}

/* "recent", "recently": no date of its own, but the document's year (when the document is dated).
 */
static bool recent(const struct sentence_view *v)
{
    return has_word(v->text, v->start, v->end, "recent") ||
           has_word(v->text, v->start, v->end, "recently");
}

/* An undated event told of in a sentence that dates another (during a visit, the talks it held):
 * that date, as a month where it is a span within one, else as its year. */
static void date_from(struct arena *arena, struct reading_event *e,
                      const struct reading_event *from, const char *where, bool month_at_most)
{
    if (e->date[0] || !from->date[0] || e->proposed || e->planned != from->planned)
        return;
    memcpy(e->date, from->date, sizeof e->date);
    e->date_inherited = true;
    if (from->end_date[0] || month_at_most) {
        size_t keep = !from->end_date[0] || strncmp(from->date, from->end_date, 7) == 0 ? 7 : 4;
        if (strlen(e->date) > keep)
            e->date[keep] = '\0';
    }
    e->qualifier = strlen(e->date) < 10 ? from->qualifier : NULL;
    e->date_note = arena_printf(arena, "the date of the %s %s tells of (%s%s%s)%s", from->type,
                                where, from->date, from->end_date[0] ? " to " : "", from->end_date,
                                strcmp(e->date, from->date) ? ", as its month" : "");
    if (strlen(e->date) == 4)
        e->date_note = arena_printf(arena, "%.*s, as its year", (int)(strlen(e->date_note) - 13),
                                    e->date_note);
}

/* Whether the cue names an event others happened in: "during his visit", "on the sidelines of the
 * summit", "amid the talks". */
static bool container(const struct sentence_view *s, const struct event_cue *cue)
{
    static const char *const words[] = {"during ", "throughout ", "amid ", "sidelines of ", NULL};
    size_t from = cue->start > s->start + 40 ? cue->start - 40 : s->start;
    for (size_t i = from; i < cue->start; i++)
        for (const char *const *w = words; *w; w++)
            if (strncasecmp(s->text + i, *w, strlen(*w)) == 0)
                return true;
    return false;
}

/* A signing by officials dated as a meeting, visit or talks the text tells of, with no one or
 * some of them named at it: they signed at that meeting ("In late November, X and Y signed two
 * memoranda ... the November meeting"). The signing's agreements, people and sentences go to it. */
static bool signed_at_meetings(struct reading *r, struct arena *arena)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->nevents; i++) {
        struct reading_event *s = &r->events[i];
        struct reading_event *at = NULL;
        for (size_t j = 0;
             j < r->nevents && s->type && strcmp(s->type, "signing") == 0 && s->npeople && !at;
             j++) {
            struct reading_event *m = &r->events[j];
            if (j != i && m->type && event_type_family(m->type) == event_type_family("meeting") &&
                m->date[0] && s->date[0] && dates_agree(m->date, s->date) &&
                m->planned == s->planned && (!m->npeople || share_person(m, s)))
                at = m;
        }
        if (!at)
            continue;
        struct reading_event folded = *s;
        size_t k = 0;
        for (size_t e = 0; e < folded.nevidence; e++)
            if (strcmp(folded.evidence[e].pointer, "/type") != 0 &&
                strcmp(folded.evidence[e].pointer, "/status") != 0)
                folded.evidence[k++] = folded.evidence[e];
        folded.nevidence = k;
        for (size_t g = 0; g < folded.nagreements; g++)
            folded.signed_agreement[g] = true;
        if (!merge(arena, at, &folded))
            return false;
        s->type = NULL; /* folded: dropped below */
    }
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i].type)
            r->events[kept++] = r->events[i];
    r->nevents = kept;
    return true;
}

/* Whether the first sentence is a headline: no stop at its end, a blank line after it. */
static bool headline(const char *text, size_t len, size_t *end)
{
    struct sentence first;
    if (!sentence_next(text, len, 0, &first) || first.end == first.start)
        return false;
    *end = first.end;
    char last = text[first.end - 1];
    return text[first.start] == '#' ||
           (last != '.' && last != '!' && last != '?' && first.end + 1 < len &&
            text[first.end] == '\n' && text[first.end + 1] == '\n');
}

/* A headline's undated event is the one the body goes on to tell of, with its date: the first
 * later event of the type whose place agrees takes it. */
static bool headline_into_body(struct reading *r, struct arena *arena, const char *text, size_t len)
{
    size_t end;
    if (!headline(text, len, &end))
        return true;
    for (size_t i = 0; i < r->nevents; i++) {
        struct reading_event *h = &r->events[i];
        if (h->nsentences != 1 || h->sentences[0][1] > end || h->date[0])
            continue;
        for (size_t j = 0; j < r->nevents; j++) {
            struct reading_event *b = &r->events[j];
            if (j == i || !b->type || strcmp(b->type, h->type) != 0 || b->sentences[0][0] < end ||
                !same_or_unknown(b->location, h->location) ||
                !same_or_unknown(b->host_country, h->host_country) || b->planned != h->planned)
                continue;
            struct reading_event lead = *b;
            /* The headline's sentence first, then the body's: b keeps its own fields. */
            if (!merge(arena, &lead, h))
                return false;
            memmove(lead.sentences + 1, lead.sentences,
                    (lead.nsentences - 1) * sizeof lead.sentences[0]);
            lead.sentences[0][0] = h->sentences[0][0];
            lead.sentences[0][1] = h->sentences[0][1];
            *h = lead;
            b->type = NULL;
            break;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i].type)
            r->events[kept++] = r->events[i];
    r->nevents = kept;
    return true;
}

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
            if (adjective_use(text, sent.end, &cue) || class_use(text, sent.end, &cue))
                continue;
            /* A compound names one event by its last noun ("consultation meeting", "Forum
             * (ARF) workshop"). */
            if (ncues && compound(text, cues[ncues - 1].end, cue.start)) {
                cue.planned |= cues[ncues - 1].planned;
                cue.start = cues[ncues - 1].start;
                cues[ncues - 1] = cue;
                continue;
            }
            cues[ncues++] = cue;
        }
        /* "The engagement, ...", "This interaction ...": the event last told of, told again. */
        if (ncues < MAX_CUES && out->nevents && refers_back(&s, &cue)) {
            cue.type = last_told(out)->type;
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
            if (quoted_title(&s, &cues[k]))
                continue;
            struct sentence_view scope = s;
            if (ncues > 1) {
                size_t cs, ce;
                clause_of(&s, cues, ncues, k, &cs, &ce);
                struct sentence_view clause = narrowed(&s, cs, ce);
                if (names_anyone(&clause))
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
            bool back = anaphoric(&s, &cues[k], &possessor, &subject);
            if (back && e->date_rank < 3 && ncues > 1)
                drop_date(e); /* the date is another clause's */
            if (back && told_again(out, arena, text, e, possessor, subject, &target)) {
                told_within[ntold] = container(&s, &cues[k]);
                told[ntold++] = target;
                continue;
            }
            if (!e->date[0] && doc_date && recent(&s)) {
                memcpy(e->date, doc_date, 4);
                e->date[4] = '\0';
                e->date_note =
                    arena_printf(arena, "\"recent\": the year of the document's date %s", doc_date);
            }
            fresh_within[nfresh] = container(&s, &cues[k]);
            /* A name ("the ASEAN Defense Ministers' Meeting") is a series of events; one of them
             * is told of with its date. */
            if (cues[k].start > sent.start && isupper((unsigned char)text[cues[k].start]) &&
                !e->date[0])
                continue;
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
                    date_from(arena, &fresh[i], &fresh[j], "the same sentence", false);
            for (size_t j = 0; j < ntold && !fresh[i].date[0]; j++) {
                if (!told_within[j])
                    continue;
                date_from(arena, &fresh[i], &out->events[told[j]], "the same sentence", false);
                if (fresh[i].date[0])
                    add_people(&out->events[told[j]], &fresh[i]);
            }
            for (size_t j = 0; j < nprevious && !fresh[i].date[0] && points_back(&s); j++)
                date_from(arena, &fresh[i], &out->events[previous[j]], "the previous sentence",
                          true);
        }
        nprevious = 0;
        for (size_t i = 0; i < ntold; i++)
            previous[nprevious++] = told[i];
        for (size_t i = 0; i < nfresh; i++) {
            if (!add_event(out, arena, &fresh[i]))
                return false;
            if (nprevious < MAX_CUES)
                previous[nprevious++] = last_told(out) - out->events;
        }
    }
    return signed_at_meetings(out, arena) && headline_into_body(out, arena, text, len);
}
