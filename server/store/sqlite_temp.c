/* Temporary files beside the database; see include/jvdr/store/sqlite_temp.h. SQLite asks its VFS
 * for a temporary file with no name and no word of the connection, so each directory gets a VFS of
 * its own: a copy of the default one whose xOpen names the file in that directory. The copy keeps
 * the default's pAppData, which is all that tells the unix VFS's functions how to behave. */
#include "jvdr/store/sqlite_temp.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/base/log.h"

#define TEMP_NAME_MAX 512 /* a directory, "/.jvdr-temp-" and 16 hex digits */

struct temp_vfs {
    sqlite3_vfs vfs; /* first: SQLite hands this back to xOpen */
    sqlite3_vfs *real;
    size_t name_offset; /* where in a file's memory its name is kept */
    char vfs_name[32];
    char dir[TEMP_NAME_MAX - 32];
    struct temp_vfs *next;
};

/* The VFSes registered so far, one per directory. Process-wide because SQLite's own registry of
 * VFSes is: a connection names its VFS, and every connection on one directory shares it. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct temp_vfs *registry;

/* The last temporary file this thread failed to create, for sqlite_errmsg_why. */
static _Thread_local char last_failure[TEMP_NAME_MAX + 128];

/* Opens a temporary file (name NULL) in the VFS's directory, under a name kept in the file's own
 * memory after the real VFS's part of it: SQLite promises the real xOpen that a name stays valid
 * until xClose, and the file's memory lives exactly that long. Other files open as they would. */
static int temp_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                     int *out_flags)
{
    struct temp_vfs *temp = (struct temp_vfs *)vfs;
    if (name)
        return temp->real->xOpen(temp->real, name, file, flags, out_flags);
    unsigned char random[8];
    sqlite3_randomness(sizeof random, random);
    char *path = (char *)file + temp->name_offset;
    int n = snprintf(path, TEMP_NAME_MAX, "%s/.jvdr-temp-", temp->dir);
    for (size_t i = 0; i < sizeof random && n > 0 && n + 2 < TEMP_NAME_MAX; i++)
        n += snprintf(path + n, (size_t)(TEMP_NAME_MAX - n), "%02x", random[i]);
    /* SQLite asks for a temporary file deleted on close; the unix VFS removes its name at once. */
    int rc =
        temp->real->xOpen(temp->real, path, file, flags | SQLITE_OPEN_DELETEONCLOSE, out_flags);
    if (rc != SQLITE_OK) {
        int why = errno;
        snprintf(last_failure, sizeof last_failure, "cannot create a temporary file in %s: %s",
                 temp->dir, strerror(why));
        log_error("%s", last_failure);
    }
    return rc;
}

/* The directory of a database path: "." for a bare file name. */
static void directory_of(const char *db_path, char *dir, size_t dirlen)
{
    const char *slash = strrchr(db_path, '/');
    if (!slash)
        snprintf(dir, dirlen, ".");
    else if (slash == db_path)
        snprintf(dir, dirlen, "/");
    else
        snprintf(dir, dirlen, "%.*s", (int)(slash - db_path), db_path);
}

static struct temp_vfs *temp_vfs_new(const char *dir, int number)
{
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    struct temp_vfs *temp = calloc(1, sizeof *temp);
    if (!real || !temp) {
        free(temp);
        return NULL;
    }
    temp->vfs = *real;
    temp->real = real;
    snprintf(temp->vfs_name, sizeof temp->vfs_name, "jvdr-temp-%d", number);
    snprintf(temp->dir, sizeof temp->dir, "%s", dir);
    temp->name_offset =
        ((size_t)real->szOsFile + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    temp->vfs.szOsFile = (int)(temp->name_offset + TEMP_NAME_MAX);
    temp->vfs.zName = temp->vfs_name;
    temp->vfs.pNext = NULL;
    temp->vfs.xOpen = temp_open;
    if (sqlite3_vfs_register(&temp->vfs, 0) != SQLITE_OK) {
        free(temp);
        return NULL;
    }
    return temp;
}

const char *sqlite_temp_vfs(const char *db_path)
{
    const char *chosen = getenv("SQLITE_TMPDIR");
    if (chosen && *chosen)
        return NULL;
    char dir[sizeof registry->dir];
    directory_of(db_path, dir, sizeof dir);
    if (strlen(dir) + 1 >= sizeof dir || access(dir, W_OK | X_OK) != 0)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    int count = 0;
    struct temp_vfs *temp = registry;
    for (; temp && strcmp(temp->dir, dir) != 0; temp = temp->next)
        count++;
    if (!temp) {
        temp = temp_vfs_new(dir, count);
        if (temp) {
            temp->next = registry;
            registry = temp;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return temp ? temp->vfs_name : NULL;
}

const char *sqlite_errmsg_why(sqlite3 *handle)
{
    static _Thread_local char message[sizeof last_failure];
    int rc = sqlite3_errcode(handle);
    bool temp_file = last_failure[0] && (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR);
    snprintf(message, sizeof message, "%s", temp_file ? last_failure : sqlite3_errmsg(handle));
    last_failure[0] = '\0';
    return message;
}
