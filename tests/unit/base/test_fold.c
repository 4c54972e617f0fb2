/* Folding names so that accents and case do not matter in search. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/fold.h"

static void assert_folds(const char *in, const char *expected)
{
    char out[256];
    fold_utf8(in, strlen(in), out);
    cr_assert_str_eq(out, expected, "fold('%s')", in);
}

Test(fold, vietnamese_tone_and_vowel_marks_are_removed)
{
    assert_folds("Phan Văn Giang", "phan van giang");
    assert_folds("Nguyễn Chí Vịnh", "nguyen chi vinh");
    assert_folds("Ngô Xuân Lịch", "ngo xuan lich");
    assert_folds("Trương Mỹ Hoa", "truong my hoa");
}

Test(fold, d_with_stroke_folds_to_d)
{
    assert_folds("Trần Đại Quang", "tran dai quang");
    assert_folds("đ", "d");
}

Test(fold, japanese_macrons_and_latin1_fold)
{
    assert_folds("Kōno Tarō", "kono taro");
    assert_folds("Shinzō ABE", "shinzo abe");
    assert_folds("Ñandú Çà", "nandu ca");
}

Test(fold, combining_marks_of_decomposed_text_are_dropped)
{
    assert_folds("Vi\xcc\xa3nh", "vinh"); /* i + COMBINING DOT BELOW */
}

Test(fold, other_scripts_and_invalid_bytes_pass_through)
{
    assert_folds("岸信夫", "岸信夫");
    assert_folds("a\xff"
                 "B",
                 "a\xff"
                 "b");
}
