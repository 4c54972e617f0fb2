/* Agreements named by their titles (jvdr/base/agreement_names.h). The phrases are this file's
 * own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "jvdr/base/agreement_names.h"

static void expect(const char *text, const char *title, const char *type)
{
    struct agreement_name a;
    cr_assert(agreement_name_next(text, strlen(text), 0, &a), "none in: %s", text);
    char got[160];
    snprintf(got, sizeof got, "%.*s", (int)(a.end - a.start), text + a.start);
    cr_expect_str_eq(got, title, "%s", text);
    cr_expect_str_eq(a.type, type, "%s", text);
}

Test(agreement_names, a_title_and_its_kind)
{
    expect("They signed a Memorandum of Understanding on Coast Guard Training today.",
           "Memorandum of Understanding on Coast Guard Training", "memorandum");
    expect("The Joint Vision Statement was adopted.", "Joint Vision Statement", "joint-statement");
    expect("under the Equipment and Technology Transfer Agreement of 2021",
           "Equipment and Technology Transfer Agreement", "agreement");
    expect("a Code of Conduct in the sea", "Code of Conduct", "code-of-conduct");
    expect("the Comprehensive Strategic Partnership.", "Comprehensive Strategic Partnership",
           "partnership");
}

Test(agreement_names, no_kind_or_one_word_is_no_title)
{
    static const char *const none[] = {"They signed two memoranda on training.",
                                       "The Defense Ministers Meeting ended.", "An Agreement.",
                                       "the agreement on coast guards", NULL};
    for (const char *const *t = none; *t; t++) {
        struct agreement_name a;
        cr_expect_not(agreement_name_next(*t, strlen(*t), 0, &a), "found one in: %s", *t);
    }
}
