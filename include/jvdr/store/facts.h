/* What a write changed, as facts that cached answers can depend on: (kind, field, value) triples.
 *
 * ("event", "id", "admm-2020") is the record itself; ("event", "country", "JP"),
 * ("event", "official", "nobuo-kishi"), ("event", "year", "2019") ... are what list filters
 * select on (the field is the fact a filter tests, the value exactly what it compares with);
 * ("event", "word", "mari") says that a word of the record's searchable text starts with "mari"
 * (every prefix up to FACTS_WORD_PREFIX bytes, of the text as fold() leaves it). Where the values
 * of a field cannot be listed exactly, a record reports (kind, field, "*"): words of text that
 * fold() leaves outside ASCII (SQLite's tokenizer decides those), dates spanning more than
 * FACTS_MAX_YEARS years, more than FACTS_MAX_LINKS links of one kind (an official at thousands
 * of events). (kind, "*", "") stands for every fact of the kind, for records whose facts are not
 * read at all. An answer depending on a fact depends on both catch-alls too.
 *
 * ("official", "shown", "nobuo-kishi") says that the official's detail shows the written record
 * (an event it took part in: its title, date, role): only that detail is stale, not the
 * official's lists or facts; (kind, "shown", "*") stands for every detail of the kind.
 *
 * A write reports the facts of its record and the records that show it, read before it changes
 * anything and again before it commits: a cached answer that either state would select is then
 * stale. */
#ifndef JVDR_STORE_FACTS_H
#define JVDR_STORE_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct arena;
struct db;

#define FACTS_WORD_PREFIX 6  /* the longest word prefix listed */
#define FACTS_MAX_YEARS 12   /* a record spanning more years reports (kind, "year", "*") */
#define FACTS_MAX_WORDS 4000 /* a text with more words reports (kind, "word", "*") */
#define FACTS_MAX_LINKS 64   /* more links of one kind report (kind, field, "*") */
#define FACTS_MAX_SHOWN 1000 /* more records of a kind showing one report (kind, "shown", "*") */

struct store_change {
    const char *kind;  /* "event", "official", "agreement", "source" */
    const char *field; /* "id", a filter's fact, "word", "shown", or "*" (every fact) */
    const char *value; /* "*" for every value of the field; "" for field "*" */
};

/* A growing list of facts, its strings in arena. */
struct store_changes {
    struct arena *arena;
    struct store_change *items;
    size_t count, capacity;
    bool failed; /* out of memory: the caller must report an unknown extent instead */
};

void store_changes_init(struct store_changes *list, struct arena *arena);

/* Appends one fact (copying field and value; kind must be static). */
void store_changes_add(struct store_changes *list, const char *kind, const char *field,
                       const char *value);

/* Appends the facts of record kind/id as db sees it now (nothing when it does not exist, but its
 * id). Returns JVDR_OK or the error of a failed query. */
enum jvdr_err store_record_facts(struct db *db, const char *kind, const char *id,
                                 struct store_changes *out);

/* Appends the facts of the records whose detail shows record kind/id, as db sees them now:
 * (their kind, "shown", their id) and, where the write owns the link, the fact their lists'
 * filter selects it by. Returns JVDR_OK or the error of a failed query. */
enum jvdr_err store_shown_facts(struct db *db, const char *kind, const char *id,
                                struct store_changes *out);

/* The word fact a query word asks for: its folded first FACTS_WORD_PREFIX bytes into out (at
 * least FACTS_WORD_PREFIX + 1 bytes). False when the word folds to anything but ASCII letters and
 * digits (its matches cannot be told from the word facts). */
bool store_word_fact(const char *word, char *out);

#endif
