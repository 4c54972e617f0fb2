/* One event told of many times; see include/jvdr/read/reading_events.h. */
#include "jvdr/read/reading_events.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/event_cues.h"
#include "jvdr/read/reading_words.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool reading_add_evidence(struct arena *arena, struct reading_event *e, const char *pointer,
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

void reading_add_country(struct reading_event *e, const char *code, size_t start, size_t end)
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

/* Two dates agree when one is the other at a coarser precision (or either is unknown). */
bool reading_dates_agree(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (!la || !lb)
        return true;
    return strncmp(a, b, la < lb ? la : lb) == 0;
}

bool reading_share_person(const struct reading_event *a, const struct reading_event *b)
{
    for (size_t i = 0; i < a->npeople; i++)
        for (size_t j = 0; j < b->npeople; j++)
            if (a->people[i] == b->people[j])
                return true;
    return false;
}

bool reading_same_or_unknown(const char *a, const char *b)
{
    return !a || !b || strcmp(a, b) == 0;
}

/* Whether b reports the event a does: the same type, places and dates that agree, and a participant
 * in common (or, for events no one is named at, the same type on a date both give). */
static bool same_event(const struct reading_event *a, const struct reading_event *b)
{
    if (strcmp(a->type, b->type) != 0 || a->planned != b->planned || a->proposed != b->proposed ||
        !reading_dates_agree(a->date, b->date) ||
        !reading_same_or_unknown(a->host_country, b->host_country) ||
        !reading_same_or_unknown(a->location, b->location))
        return false;
    /* Dated from another event ("This included a meeting ..."): another event by the words. */
    if (a->date_inherited || b->date_inherited)
        return false;
    /* A date on one only: another event, or the same told again (read as such: told_again). */
    if (!a->date[0] != !b->date[0])
        return false;
    if (a->npeople && b->npeople)
        return reading_share_person(a, b);
    if (!a->npeople && !b->npeople)
        return a->date[0];
    /* Named on one only: the same when dated alike and held in the same known country. */
    return a->date[0] && a->host_country && b->host_country;
}

/* Adds b's people to a's. */
void reading_add_people(struct reading_event *a, const struct reading_event *b)
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
bool reading_merge(struct arena *arena, struct reading_event *a, const struct reading_event *b)
{
    reading_add_people(a, b);
    for (size_t i = 0; i < b->ncountries; i++)
        reading_add_country(a, b->countries[i], b->countries_at[i][0], b->countries_at[i][1]);
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
        bool have = false; /* a sentence told of twice is cited once */
        for (size_t j = 0; j < a->nsentences && !have; j++)
            have = a->sentences[j][0] == b->sentences[i][0];
        if (have)
            continue;
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
        if (!reading_add_evidence(arena, a, ev->pointer, ev->start, ev->end, ev->note))
            return false;
    }
    return true;
}

bool reading_add_event(struct reading *r, struct arena *arena, const struct reading_event *e)
{
    for (size_t i = r->nevents; i-- > 0;)
        if (same_event(&r->events[i], e))
            return reading_merge(arena, &r->events[i], e);
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

/* Forgets the date read, and where it was read. */
void reading_drop_date(struct reading_event *e)
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
bool reading_told_again(struct reading *r, struct arena *arena, const char *text,
                        const struct reading_event *e, size_t possessor, bool subject,
                        size_t *target)
{
    struct reading_event again = *e;
    /* "The meeting, co-chaired by X and Y, ...": the sentence is about the event, and whom it
     * names after "by", "with" or "between" took part. Elsewhere ("the visit saw both sides...")
     * only the possessor did. */
    again.npeople = 0;
    for (size_t k = 0; k < e->npeople && subject; k++)
        if (words_agent_before(text, e->type_end, e->people_at[k][0])) {
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
            !reading_dates_agree(a->date, e->date) ||
            !reading_same_or_unknown(a->host_country, e->host_country))
            continue;
        if (possessor && again.npeople && !reading_share_person(a, &again))
            continue;
        if (!best || a->nsentences >= best->nsentences)
            best = a;
    }
    /* "during his consultations": part of the visit told of, when no consultation was. */
    for (size_t i = 0; !best && i < r->nevents; i++) {
        struct reading_event *a = &r->events[i];
        if (strcmp(a->type, "visit") == 0 && strcmp(e->type, "visit") != 0 &&
            event_type_family(a->type) == event_type_family(e->type) && !a->planned &&
            !e->planned && reading_dates_agree(a->date, e->date) &&
            (!possessor || !again.npeople || reading_share_person(a, &again)) &&
            (!best || a->nsentences >= best->nsentences))
            best = a;
    }
    if (!best)
        return false;
    *target = (size_t)(best - r->events);
    return reading_merge(arena, best, &again);
}

/* The event that got the latest sentence. */
struct reading_event *reading_last_told(struct reading *r)
{
    struct reading_event *last = &r->events[0];
    for (size_t i = 1; i < r->nevents; i++)
        if (r->events[i].sentences[r->events[i].nsentences - 1][0] >=
            last->sentences[last->nsentences - 1][0])
            last = &r->events[i];
    return last;
}

/* An undated event told of in a sentence that dates another (during a visit, the talks it held):
 * that date, as a month where it is a span within one, else as its year. */
void reading_date_from(struct arena *arena, struct reading_event *e,
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

bool reading_signed_at(struct arena *arena, struct reading_event *meeting,
                       const struct reading_event *signing)
{
    struct reading_event folded = *signing;
    size_t k = 0;
    for (size_t e = 0; e < folded.nevidence; e++)
        if (strcmp(folded.evidence[e].pointer, "/type") != 0 &&
            strcmp(folded.evidence[e].pointer, "/status") != 0)
            folded.evidence[k++] = folded.evidence[e];
    folded.nevidence = k;
    for (size_t g = 0; g < folded.nagreements; g++)
        folded.signed_agreement[g] = true;
    return reading_merge(arena, meeting, &folded);
}

/* A signing by officials dated as a meeting, visit or talks the text tells of, with no one or
 * some of them named at it: they signed at that meeting ("In late November, X and Y signed two
 * memoranda ... the November meeting"). The signing's agreements, people and sentences go to it. */
bool reading_signed_at_meetings(struct reading *r, struct arena *arena)
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
                m->date[0] && s->date[0] && reading_dates_agree(m->date, s->date) &&
                m->planned == s->planned && (!m->npeople || reading_share_person(m, s)))
                at = m;
        }
        if (!at)
            continue;
        if (!reading_signed_at(arena, at, s))
            return false;
        s->type = NULL; /* folded: dropped below */
    }
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i].type)
            r->events[kept++] = r->events[i];
    r->nevents = kept;
    return true;
}

/* A headline's undated event is the one the body goes on to tell of, with its date: the first
 * later event of the type whose place agrees takes it. */
bool reading_headline_into_body(struct reading *r, struct arena *arena, const char *text,
                                size_t len)
{
    size_t end;
    if (!words_headline(text, len, &end))
        return true;
    for (size_t i = 0; i < r->nevents; i++) {
        struct reading_event *h = &r->events[i];
        if (!h->type || h->nsentences != 1 || h->sentences[0][1] > end || h->date[0])
            continue; /* (type NULL: folded into the headline before it) */
        for (size_t j = 0; j < r->nevents; j++) {
            struct reading_event *b = &r->events[j];
            if (j == i || !b->type || strcmp(b->type, h->type) != 0 || b->sentences[0][0] < end ||
                !reading_same_or_unknown(b->location, h->location) ||
                !reading_same_or_unknown(b->host_country, h->host_country) ||
                b->planned != h->planned)
                continue;
            struct reading_event lead = *b;
            /* The headline's sentence first, then the body's: b keeps its own fields. */
            if (!reading_merge(arena, &lead, h))
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
