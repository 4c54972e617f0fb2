/* What the --db setting says about PostgreSQL: a URI or a file, the line logged for it (never
 * the password), and whether it names a standby as well (reads may go there while no server
 * takes writes). */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/store/pg.h"

Test(pg_uri, a_uri_is_told_from_a_file)
{
    cr_assert(pg_uri("postgresql://db/jvdr"));
    cr_assert(pg_uri("postgres://db/jvdr"));
    cr_assert_not(pg_uri("jvdr.db"));
    cr_assert_not(pg_uri("/var/lib/postgresql.db"));
    cr_assert_not(pg_uri(NULL));
}

Test(pg_uri, the_logged_line_has_no_password)
{
    char line[200];
    pg_describe("postgresql://jvdr:s3cret@db.internal:5433/kb?sslmode=require", line, sizeof line);
    cr_assert_null(strstr(line, "s3cret"), "%s", line);
    cr_assert(strstr(line, "jvdr@db.internal:5433/kb"), "%s", line);
}

Test(pg_uri, a_standby_is_named_by_a_second_host)
{
    cr_assert(pg_several_servers("postgresql://jvdr@primary:5432,standby:5432/jvdr"));
    cr_assert(pg_several_servers("postgresql:///jvdr?host=a,b&target_session_attrs=read-write"));
    cr_assert_not(pg_several_servers("postgresql://jvdr@primary:5432/jvdr"));
    cr_assert_not(pg_several_servers("postgresql:///jvdr"));
}
