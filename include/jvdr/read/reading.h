/* What a reading of a document holds (read/proposal_reading.c makes it, read/reading_events.c
 * folds its events, read/proposals.c matches it against the store): the people, the agreements
 * the knowledge base does not know, and the events, each field with where it was read. Types
 * only. */
#ifndef JVDR_READ_READING_H
#define JVDR_READ_READING_H

#include <stdbool.h>
#include <stddef.h>

/* Where a field was read from: bytes of the text, and how a value was worked out. */
struct evidence {
    const char *pointer; /* "/date", "/participants/0", ... */
    size_t start, end;
    const char *note; /* NULL when the words name the value */
};

struct reading_person {
    const char *id;      /* a known official's id, or the id proposed for a new one */
    const char *name;    /* as the text gives it */
    const char *title;   /* "Defense Minister"; NULL when none */
    const char *role;    /* what the text says of their part: "host", "co-chair", ... */
    const char *country; /* ISO code; NULL when not known */
    bool known;          /* in the knowledge base */
    size_t name_start, name_end, title_start, title_end, country_start, country_end;
    size_t sentence_start, sentence_end; /* where first named */
};

struct reading_event {
    const char *type;
    size_t type_end; /* past the cue's words */
    bool planned;    /* to come: status "planned" */
    bool proposed;   /* offered (an invitation): status "proposed" */
    char date[11], end_date[11];
    bool date_inherited; /* the date of another event the text ties it to */
    int date_rank; /* where the date was read: 3 its clause, 2 the sentence's opening, 1 elsewhere
                    */
    const char *qualifier, *date_note;
    const char *location, *host_country;
    const char *countries[16];
    size_t countries_at[16][2]; /* bytes where each is named ({0, 0}: from a participant) */
    size_t ncountries;
    size_t people[16]; /* indexes into reading.people */
    const char *roles[16];
    size_t people_at[16][2];
    size_t npeople;
    const char *agreements[16];
    bool signed_agreement[16];
    size_t agreements_at[16][2];
    size_t nagreements;
    struct evidence *evidence;
    size_t nevidence, evidence_cap;
    size_t sentences[50][2]; /* bytes: the sentences that report it, in text order */
    size_t nsentences;
};

/* An agreement the knowledge base does not know, named by its title where it is signed. */
struct reading_agreement {
    const char *id;    /* the id proposed for it */
    const char *title; /* as the text gives it */
    const char *type;  /* the schema's agreement type */
    size_t start, end; /* the title, bytes of the text */
    size_t sentence_start, sentence_end;
};

struct reading {
    struct reading_person *people;
    size_t npeople, people_cap;
    struct reading_agreement *agreements;
    size_t nagreements, agreements_cap;
    struct reading_event *events;
    size_t nevents, events_cap;
};

#endif
