/* The in-memory index of events saved to a file beside a SQLite store, so that a server starts
 * from it in a fraction of the time the database takes to read (a million events: 6-7 s). The file
 * holds what the load reads and sorts — the dictionaries, the events, the agreements, the orders,
 * the map of full-text rows — and the rest (tallies, sets, the official facet's pieces) is built
 * from them as after a load.
 *
 * A file is only ever read for the state it was written from: it carries a random token that is
 * written into the store (table index_snapshot) in the same write transaction, and any later
 * change to a table the index reads deletes the token (the triggers of migrations/
 * 0017_index_snapshot.sql), whoever makes it; a schema version, a format version and a CRC-32
 * make an old, foreign or damaged file fall back to the database. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "event_index_rows.h"
#include "jvdr/base/random_hex.h"
#include "jvdr/store/db.h"

#define SNAPSHOT_MAGIC "JVDRIDX\n"
/* 2: the postings of common words; 3: events' locations; 4: agreements' facts for their list;
 * 5: officials' countries and sources; 7: the events' links aligned, to be used in place; 8: the
 * bitmaps aligned too */
#define SNAPSHOT_FORMAT 8u
#define SNAPSHOT_BYTE_ORDER 0x01020304u /* a file from a machine of the other order is refused */
#define TOKEN_LEN 32                    /* hex digits of 16 random bytes */

/* The header: what a file must match to be read. */
struct stored_header {
    char magic[8];
    uint32_t format, byte_order;
    int64_t schema_version;
    char token[TOKEN_LEN];
};

/* The store's token and schema version, read in the caller's transaction; false when there is
 * no token (a write came after the last save, or none was saved). */
static bool store_state(struct db *db, char token[TOKEN_LEN + 1], int64_t *version)
{
    /* (The journal's epoch mark, migrations/0019, lies beside the token.) */
    struct stmt *stmt = db_stmt(db, "SELECT (SELECT token FROM index_snapshot "
                                    "WHERE token NOT LIKE 'epoch:%' LIMIT 1), "
                                    "(SELECT max(version) FROM schema_migrations)");
    bool ok = stmt && stmt_step(stmt) == DB_ROW && !stmt_is_null(stmt, 0);
    if (ok) {
        snprintf(token, TOKEN_LEN + 1, "%s", stmt_text(stmt, 0));
        *version = stmt_int64(stmt, 1);
    }
    db_stmt_done(stmt);
    return ok;
}

/* Opens path and reads its header; -1 when absent or unreadable, else the open descriptor, with
 * the file's size in *size. */
static int open_snapshot(const char *path, struct stored_header *header, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || pread(fd, header, sizeof *header, 0) != (ssize_t)sizeof *header) {
        close(fd);
        return -1;
    }
    *size = (size_t)st.st_size;
    return fd;
}

static bool header_matches(const struct stored_header *h, const char *token, int64_t version)
{
    return memcmp(h->magic, SNAPSHOT_MAGIC, sizeof h->magic) == 0 && h->format == SNAPSHOT_FORMAT &&
           h->byte_order == SNAPSHOT_BYTE_ORDER && h->schema_version == version &&
           memcmp(h->token, token, TOKEN_LEN) == 0;
}

bool index_snapshot_read(struct event_index *index, struct db *db)
{
    char token[TOKEN_LEN + 1];
    int64_t version = 0;
    struct stored_header header;
    size_t size = 0;
    if (!store_state(db, token, &version) || strlen(token) != TOKEN_LEN)
        return false;
    int fd = open_snapshot(index->snapshot_path, &header, &size);
    if (fd < 0)
        return false;
    /* Mapped, not read: the blobs of strings are used where they lie (the mapping outlives a
     * later save's rename of another file into its place). */
    bool ok = header_matches(&header, token, version) &&
              index_block_map(&index->file_block, fd, size) &&
              index_file_read(&index->file_block, sizeof header, index);
    close(fd);
    return ok;
}

static bool new_token(char out[TOKEN_LEN + 1])
{
    return random_hex(out, TOKEN_LEN);
}

bool index_snapshot_current(struct event_index *index, struct db *db)
{
    char token[TOKEN_LEN + 1];
    int64_t version = 0;
    struct stored_header header;
    size_t size = 0;
    if (!store_state(db, token, &version))
        return false;
    int fd = open_snapshot(index->snapshot_path, &header, &size);
    bool same = fd >= 0 && header_matches(&header, token, version);
    if (fd >= 0)
        close(fd);
    return same;
}

bool index_snapshot_write(struct event_index *index, struct db *writer, char *err, size_t errlen)
{
    char token[TOKEN_LEN + 1];
    struct stored_header header;
    struct stmt *stmt = db_stmt(writer, "SELECT max(version) FROM schema_migrations");
    bool ok = stmt && stmt_step(stmt) == DB_ROW;
    int64_t version = ok ? stmt_int64(stmt, 0) : 0;
    db_stmt_done(stmt);
    memset(&header, 0, sizeof header);
    memcpy(header.magic, SNAPSHOT_MAGIC, sizeof header.magic);
    header.format = SNAPSHOT_FORMAT;
    header.byte_order = SNAPSHOT_BYTE_ORDER;
    header.schema_version = version;
    if (!ok || !new_token(token)) {
        snprintf(err, errlen, "cannot read the schema version or draw a token");
        return false;
    }
    memcpy(header.token, token, TOKEN_LEN);
    /* Written aside and renamed into place: a reader sees the old file or the new one whole. The
     * token is stored after the rename, so a crash between them leaves a file nobody reads. */
    char aside[4200];
    snprintf(aside, sizeof aside, "%s.%ld.tmp", index->snapshot_path, (long)getpid());
    errno = 0;
    FILE *f = fopen(aside, "wb");
    ok = f && index_file_write(f, &header, sizeof header, index) && fflush(f) == 0 &&
         fsync(fileno(f)) == 0;
    int saved = errno;
    ok = (f && fclose(f) == 0) && ok;
    ok = ok && rename(aside, index->snapshot_path) == 0;
    if (!ok) {
        snprintf(err, errlen, "cannot write %s: %s", aside, strerror(saved ? saved : errno));
        unlink(aside);
        return false;
    }
    ok = db_exec(writer, "DELETE FROM index_snapshot WHERE token NOT LIKE 'epoch:%'") == JVDR_OK;
    stmt = ok ? db_stmt(writer, "INSERT INTO index_snapshot (token) VALUES (?)") : NULL;
    if (stmt) {
        stmt_bind_text(stmt, 1, token);
        ok = stmt_step(stmt) == DB_DONE;
    }
    db_stmt_done(stmt);
    if (!stmt || !ok)
        snprintf(err, errlen, "cannot store the token: %s", db_errmsg(writer));
    return stmt && ok;
}
