/* A connection to the store with a cache of prepared statements keyed by their SQL text, and the
 * statements' interface every query of the service goes through, whichever engine runs it.
 *
 * Each engine is one struct db_engine (below), in the manner of SQLite's sqlite3_io_methods: its
 * own files in store/ (sqlite*.c, pg*.c) fill it in, and store/engines.c lists them. db.c holds
 * what is the same for all (the statement cache, the time budget) and calls the engine for the
 * rest; nothing outside store/ knows which engine runs. Errors leave an engine as enum jvdr_err.
 * A struct db belongs to one thread at a time. */
#ifndef JVDR_STORE_DB_H
#define JVDR_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

/* How long a connection waits for another's lock before answering busy (503). */
#define DB_BUSY_TIMEOUT_MS 5000

struct buf;
struct db;
struct db_upkeep;
struct fair_lock;
/* What a store's upkeep has done so far, for /metrics. */
struct db_upkeep_counts {
    unsigned long long checkpoints; /* of a write-ahead log */
    unsigned long long merges;      /* steps that merged full-text index segments */
};
struct search_node;
struct store_change;

/* What stmt_step answers besides an error (an enum jvdr_err, never JVDR_OK): a row is ready, or
 * the statement has run to its end. */
enum { DB_ROW = 100, DB_DONE = 101 };

enum db_open_mode {
    DB_CREATE,    /* read-write, creating the file if needed: start-up only */
    DB_EXISTING,  /* read-write, the file must exist: worker threads, so a vanished database is an
                     error rather than a new empty one */
    DB_READONLY,  /* read-only; on a server, any of the URI's servers, a standby included */
    DB_IMMUTABLE, /* read-only media: no locks, no shared memory (SQLite's immutable=1) */
};

/* The time a connection's statements have left (db_set_budget), which each engine enforces its
 * own way: SQLite's progress handler reads the deadline, PostgreSQL sets statement_timeout. */
struct db_budget {
    long long deadline_ns; /* CLOCK_MONOTONIC; 0: none */
    unsigned ms;           /* the budget as a timeout for the next statement; 0: none */
};

/* What every engine's connection and statement begin with, as a VFS's files begin with
 * sqlite3_file: the engine they belong to. */
struct db_conn {
    const struct db_engine *engine;
};
struct stmt {
    const struct db_engine *engine;
};
struct db_listener {
    const struct db_engine *engine;
};

/* A table as a bulk load copies it: its name, the n columns written, and the key that orders
 * its rows. */
struct db_table {
    const char *table, *columns, *order;
    int n;
};

/* What a listener hears of one commit by another connection: its facts (jvdr/store/facts.h), or
 * NULL when the extent is unknown (take it as everything), and the session that committed
 * (db_engine.session_id). */
typedef void (*db_heard)(void *context, const struct store_change *changes, size_t count,
                         long long sender);

/* Where the words of a search must be found (the read side's scopes, jvdr/read/search_query.h). */
enum db_search_scope {
    DB_SEARCH_ALL,    /* anywhere */
    DB_SEARCH_TITLES, /* in the title or names (the title tier of /v1/search) */
    DB_SEARCH_REST,   /* anywhere, but not all in the title or names */
    DB_SEARCH_NAMES,  /* in names and aliases only, every word folded (name=) */
};

/* One storage engine. Statements are the service's SQL, written in SQLite's dialect; an engine
 * with another dialect carries each statement over (PostgreSQL: store/pg_sql.h). */
struct db_engine {
    const char *name; /* for logs and metrics */
    /* Capabilities. notifies: every instance hears of another's commits from the engine itself
     * (PostgreSQL's NOTIFY), so nothing polls data_version. reads_standby: with several servers,
     * reads go on from a standby while none takes writes. reconnect_pause_ms: after a failed
     * attempt to reach a server, how long before the next (requests meanwhile answer at once). */
    bool notifies;
    bool reads_standby;
    unsigned reconnect_pause_ms;
    /* Run on each render thread's new connection before the server says it is ready: what the
     * engine does once per connection, so that the first requests do not pay for it. */
    const char *warm_sql;

    /* Whether the --db setting names this engine (the last engine listed claims the rest). */
    bool (*claims)(const char *path);
    /* What path names, for a log line: never a password. */
    void (*describe)(const char *path, char *out, size_t len);
    /* Once per process, before the engine's first connection; NULL: nothing to do. */
    void (*init)(void);
    /* Whether path names more than one server (reads_standby: a standby to read from). */
    bool (*several_servers)(const char *path);

    /* Connections. open watches *budget for its statements' time; on failure a one-line reason
     * in err. check_connection opens a lost connection again (JVDR_E_BUSY while the server is
     * away); connection_lost says it broke. */
    enum jvdr_err (*open)(const char *path, enum db_open_mode mode, const struct db_budget *budget,
                          struct db_conn **out, char *err, size_t errlen);
    void (*close)(struct db_conn *conn);
    enum jvdr_err (*check_connection)(struct db_conn *conn);
    bool (*connection_lost)(struct db_conn *conn);

    /* Statements, as stmt_* below: NULL when sql does not compile (logged). bind_text binds len
     * bytes (borrowed until the statement is reset), NULL for value binding NULL. */
    struct stmt *(*prepare)(struct db_conn *conn, const char *sql);
    void (*finalize)(struct stmt *stmt);
    void (*bind_text)(struct stmt *stmt, int i, const char *value, size_t len);
    void (*bind_int64)(struct stmt *stmt, int i, long long value);
    int (*step)(struct stmt *stmt);
    const char *(*column_text)(struct stmt *stmt, int col);
    size_t (*column_bytes)(struct stmt *stmt, int col);
    long long (*column_int64)(struct stmt *stmt, int col);
    bool (*column_is_null)(struct stmt *stmt, int col);
    bool (*column_is_integer)(struct stmt *stmt, int col);
    void (*reset)(struct stmt *stmt);

    /* Statements without parameters or rows; transactions; the last failure's message. */
    enum jvdr_err (*exec)(struct db_conn *conn, const char *sql);
    enum jvdr_err (*begin_read)(struct db_conn *conn);
    bool (*in_transaction)(struct db_conn *conn);
    const char *(*errmsg)(struct db_conn *conn);
    /* Called before each statement runs: applies the budget where the engine cannot watch it. */
    void (*before_statement)(struct db_conn *conn);
    /* Between batch(conn, true) and batch(conn, false), the statements that return no rows may
     * be sent together with the next one that does, a failure among them reported there or by
     * batch(false): for one write transaction of many rows (a bulk load), on an engine where
     * each statement is a round trip. NULL where statements cost none. */
    enum jvdr_err (*batch)(struct db_conn *conn, bool on);
    /* Change detection: a value that changes when another connection commits (-1: the engine
     * says so by notification instead). */
    long long (*data_version)(struct db_conn *conn);

    /* The store as a whole. open_store opens the first connection to the store at path, refuses a
     * schema newer than this binary knows, and brings an older one up to date with the
     * migrations it carries (each engine its own: migrations/, migrations/postgresql/); sets
     * *readonly when only reads can be served (read-only media). begin_write begins a write
     * transaction, one writer at a time across every process on the store. size_bytes is what
     * the store takes on disk (db: a connection to ask, or NULL). checkpoint folds a write-ahead
     * log back into the store (NULL: nothing to fold). missing says (why) that the store is gone
     * where its connections would not notice: a file removed under them (NULL: they would). */
    enum jvdr_err (*open_store)(const char *path, struct db **out, bool *readonly, char *err,
                                size_t errlen);
    enum jvdr_err (*begin_write)(struct db_conn *conn);
    long long (*size_bytes)(const char *path, struct db *db);
    void (*checkpoint)(struct db_conn *conn);
    bool (*missing)(const char *path, char *why, size_t whylen);
    /* Where the in-memory index of events is saved between runs of a store at path (its token
     * kept in the store, deleted by any change to what the index reads: migrations/
     * 0017_index_snapshot.sql); false, or NULL, where it is not (it is loaded from the store). */
    bool (*index_snapshot_path)(const char *path, char *out, size_t len);
    /* Work the engine does beside a store's writer (SQLite: checkpoints and full-text merges off
     * the write path), started once the writer is open and stopped before it closes. What it
     * writes, it writes on the writer's connection holding writer_lock, as a write would. NULL
     * when the engine has none, or start could not (the engine then does without, as before). */
    struct db_upkeep *(*upkeep_start)(const char *path, struct db_conn *writer,
                                      struct fair_lock *writer_lock);
    void (*upkeep_stop)(struct db_upkeep *upkeep);
    void (*upkeep_counts)(const struct db_upkeep *upkeep, struct db_upkeep_counts *out);

    /* When notifies: announce tells every listener of the store what the write transaction open
     * on conn changed, delivered at its commit (never for a rollback); session_id names conn's
     * session as listeners hear it. listen opens a listener on a connection of its own; hear
     * waits up to timeout_ms and calls heard for each commit heard, in commit order (JVDR_OK
     * after a timeout too; JVDR_E_BUSY when the connection is lost: what came meanwhile is not
     * known). NULL on an engine that does not notify. */
    enum jvdr_err (*announce)(struct db_conn *conn, const struct store_change *changes,
                              size_t count);
    long long (*session_id)(struct db_conn *conn);
    enum jvdr_err (*listen)(const char *path, struct db_listener **out, char *err, size_t errlen);
    enum jvdr_err (*hear)(struct db_listener *listener, int timeout_ms, db_heard heard,
                          void *context);
    void (*unlisten)(struct db_listener *listener);

    /* Bulk loads (jvdr copy) into a store nothing has written to yet, in one write transaction
     * (begin_write). absent says path names no store at all yet (NULL: the engine cannot tell).
     * load_begin empties the n data tables (listed parents first) and readies the load. copy_start,
     * copy_row and copy_end load the rows of one table: values as text, NULL for SQL NULL,
     * integer[i] when values[i] is an integer. load_derived lists the tables the engine wants
     * copied after the data rather than derived row by row (ended by a NULL table), and load_end
     * derives the rest, ready for the COMMIT. */
    bool (*absent)(const char *path);
    enum jvdr_err (*load_begin)(struct db_conn *conn, const struct db_table *tables, size_t n);
    enum jvdr_err (*copy_start)(struct db_conn *conn, const struct db_table *table);
    enum jvdr_err (*copy_row)(struct db_conn *conn, const char *const *values, const bool *integer);
    enum jvdr_err (*copy_end)(struct db_conn *conn);
    const struct db_table *load_derived;
    enum jvdr_err (*load_end)(struct db_conn *conn);

    /* Full-text search (migrations/0003_search.sql, migrations/postgresql/0005_search.sql). */
    struct db_search_dialect {
        /* Appends root, a parsed search (jvdr/base/search_syntax.h), as the engine's match
         * text for scope. */
        void (*write)(struct buf *out, const struct search_node *root, enum db_search_scope scope);
        /* Appends the condition that table (search_index; search_minor, the records other than
         * events; or the titles' search_titles) matches the match text bound at param ("?" or
         * "?1"). */
        void (*put_match)(struct buf *sql, const char *table, const char *param);
        /* Appends the SQL of the passage around the match in table (search_index or
         * search_minor), its words marked; the match is parameter 1. */
        void (*put_snippet)(struct buf *sql, const char *table);
        /* True when the engine reads a match's first rows in rowid order cheaply, however many
         * there are (FTS5's doclists): counts then stop early and estimate (/v1/search). False
         * where the order would be a plan of its own (PostgreSQL: an ordered scan of every row
         * for a rare word, which its planner cannot tell from a common one): counts are exact. */
        bool bounded_counts;
        /* Appends " FROM table ... WHERE ..." for the records of /v1/search's tier score (2: the
         * title tier, 1: the rest) of a search of plain words in table (search_index or
         * search_minor), whose all-scope match is parameter 2; NULL when the engine's match text
         * says the tier itself. */
        void (*put_tier)(struct buf *sql, const char *table, int score);
        /* A load of many records in one write transaction (write/bulk.c) may put off keeping
         * the index current to its end, where it is cheaper in one pass: defer stops indexing
         * row by row on conn, defer_note names a record written meanwhile, catch_up indexes
         * those (index true; before the commit) or forgets them (a rollback) and resumes.
         * defer_note is NULL where the engine notes the records itself (PostgreSQL's triggers);
         * all three where rows are indexed cheaply as they are written. */
        enum jvdr_err (*defer)(struct db_conn *conn);
        enum jvdr_err (*defer_note)(struct db_conn *conn, const char *kind, const char *id);
        enum jvdr_err (*catch_up)(struct db_conn *conn, bool index);
        /* True when the connection's last error is the engine refusing a search query. */
        bool (*refused)(struct db_conn *conn);
        /* The words the engine's full-text index makes of a text, as it makes them (NULL where
         * the index's postings of common words are not kept: event_index_terms.c). */
        struct db_tokenizer *(*tokenizer)(struct db_conn *conn);
    } search;
};

/* Every engine this binary carries, NULL-terminated (store/engines.c). */
extern const struct db_engine *const db_engines[];

/* The engine that claims path (a file, or a server's URI). */
const struct db_engine *db_engine_for(const char *path);

/* The engine behind db. */
const struct db_engine *db_engine(const struct db *db);

/* The engine's own connection, for that engine's code in store/. */
struct db_conn *db_conn(struct db *db);

/* Opens path in mode with the engine that claims it and applies the connection settings. On
 * failure returns an error with a one-line reason in err and sets *out to NULL. */
enum jvdr_err db_open(const char *path, enum db_open_mode mode, struct db **out, char *err,
                      size_t errlen);

/* Finalizes the cached statements and closes the connection. NULL is a no-op. */
void db_free(struct db *db);

/* Opens a connection the server dropped again (statements are prepared again on first use);
 * JVDR_E_BUSY while the server is away. JVDR_OK at once for an engine without a server. */
enum jvdr_err db_check_connection(struct db *db);

/* The prepared statement for sql, prepared on first use and cached for the connection's life.
 * sql must be built from the program's own text, never from client input (values are bound).
 * Returns NULL when it does not compile (logged to stderr). The caller binds, steps and then
 * calls db_stmt_done(). */
struct stmt *db_stmt(struct db *db, const char *sql);

/* Binds parameter i (from 1): text (borrowed: it must outlive the statement's steps), text of len
 * bytes, an integer or NULL. */
void stmt_bind_text(struct stmt *stmt, int i, const char *value);
void stmt_bind_textn(struct stmt *stmt, int i, const char *value, size_t len);
void stmt_bind_int64(struct stmt *stmt, int i, long long value);
void stmt_bind_null(struct stmt *stmt, int i);

/* Runs the statement to its next row: DB_ROW, DB_DONE, or the error (see db_error). */
int stmt_step(struct stmt *stmt);

/* Column col (from 0) of the current row: its text (NULL for NULL; valid until the next step or
 * db_stmt_done), its length in bytes, as an integer, whether it is NULL, whether it holds an
 * integer. */
const char *stmt_text(struct stmt *stmt, int col);
size_t stmt_bytes(struct stmt *stmt, int col);
long long stmt_int64(struct stmt *stmt, int col);
bool stmt_is_null(struct stmt *stmt, int col);
bool stmt_is_integer(struct stmt *stmt, int col);

/* The text of column col, copied (malloc'd, NUL-terminated; *len, which may be NULL, its bytes);
 * NULL when the value is NULL or memory is short (stmt_is_null tells which). */
char *stmt_text_copy(struct stmt *stmt, int col, size_t *len);

/* Resets a statement from db_stmt and clears its bindings so it can be reused. NULL is a no-op. */
void db_stmt_done(struct stmt *stmt);

/* Runs sql (the program's own text, no parameters, no rows wanted: BEGIN, COMMIT, ROLLBACK).
 * Returns JVDR_OK or the mapped error. */
enum jvdr_err db_exec(struct db *db, const char *sql);

/* Begins a read transaction that sees the data as of this call for every statement up to its
 * ROLLBACK (a snapshot; blocks no writer). */
enum jvdr_err db_begin_read(struct db *db);

/* True while the connection is inside a transaction. */
bool db_in_transaction(struct db *db);

/* True when the connection to a server has broken (it died or closed it). */
bool db_connection_lost(struct db *db);

/* The last failure's message. */
const char *db_errmsg(struct db *db);

/* A value that changes when another connection (of this process or another) commits, and not for
 * this connection's own commits (SQLite's PRAGMA data_version). -1 when it cannot be read, or the
 * engine notifies instead. */
long long db_data_version(struct db *db);

/* Gives the connection's statements from now on ms milliseconds in all (0: no limit): a statement
 * still running past them is interrupted and fails with JVDR_E_TIMEOUT. */
void db_set_budget(struct db *db, unsigned ms);

/* Lifts the budget for work that must finish whoever asked for it (loading the index of events,
 * which every later request needs), returning it for db_budget_resume. */
long long db_budget_pause(struct db *db);
void db_budget_resume(struct db *db, long long saved);

/* True when the budget set by db_set_budget has run out. */
bool db_past_budget(const struct db *db);

/* The service's error for an answer of stmt_step: JVDR_OK for DB_ROW and DB_DONE, else the
 * error itself (busy or locked JVDR_E_BUSY, constraint failures JVDR_E_CONFLICT, a full disk
 * JVDR_E_STORAGE_FULL, a read-only store JVDR_E_FORBIDDEN, a statement past its budget
 * JVDR_E_TIMEOUT, ...). */
enum jvdr_err db_error(int rc);

/* The words of a text as the engine's full-text index makes them (db_search_tokenizer): each
 * word handed to each, in order, with its length (not NUL-terminated); a word of no bytes is a
 * break (the next word is not right after the one before); query for a search's words rather
 * than a document's. A tokenizer serves one thread; close frees it. */
typedef void (*db_token_fn)(void *ctx, const char *word, size_t len);
/* A full-text row's words: an SQL expression over search_index whose value tokenize takes as a
 * document, and whether its words are the title tier's too (search_titles'). */
struct db_token_column {
    const char *sql;
    bool all;    /* words of the whole row (search_index) */
    bool titles; /* words of the titles' row (search_titles) */
};
struct db_tokenizer {
    enum jvdr_err (*tokenize)(struct db_tokenizer *t, const char *text, size_t len, bool query,
                              db_token_fn each, void *ctx);
    void (*close)(struct db_tokenizer *t);
    /* The expressions a row's words are read from. */
    const struct db_token_column *columns;
    size_t ncolumns;
    /* The table the columns are read from by its rowid column: the full-text table's own rows,
     * not through the engine's virtual table where it has one (FTS5's costs 24 us a row read by
     * rowid, its content table 3). */
    const char *rows, *rowid;
    /* Appends to match (the engine's match text) a match of the one word, a token this
     * tokenizer made, joined to what match holds by OR unless first. */
    void (*put_word)(struct buf *match, const char *word, bool first);
    /* Appends a match of the phrase of n words (tokens this tokenizer made), each right after the
     * one before in one column; NULL where tokenize's words do not come in the order of the text
     * (no phrases from the postings). */
    void (*put_phrase)(struct buf *match, const char *const *words, size_t n);
};

/* db's engine's tokenizer, or NULL where it has none (or out of memory). */
struct db_tokenizer *db_search_tokenizer(struct db *db);

/* Full-text search in db's engine's dialect (the default engine's for NULL): root written for
 * scope, the snippet's SQL, the tiers of /v1/search (put_tier NULL: none); and whether db's last
 * error was the engine refusing a search. */
const struct db_search_dialect *db_search(struct db *db);

/* A bulk load's indexing (db_search_dialect's defer, defer_note, catch_up); no-ops on an engine
 * that indexes each row as it is written. */
enum jvdr_err db_search_defer(struct db *db);
enum jvdr_err db_search_defer_note(struct db *db, const char *kind, const char *id);
enum jvdr_err db_search_catch_up(struct db *db, bool index);
bool db_search_refused(struct db *db);

/* The engine's batch (on, then off: what was held is sent); a no-op where it has none. */
enum jvdr_err db_batch(struct db *db, bool on);

#endif
