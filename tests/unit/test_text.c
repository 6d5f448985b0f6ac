/* test_text.c - unit tests for src/text: UTF-8 checks, cleaning, folding, slugs, dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "text/text.h"

static int valid(const char *s)
{
    return text_valid_utf8(s, strlen(s));
}

static void test_valid_utf8(void **state)
{
    (void)state;
    assert_true(valid("Dân Vận"));
    assert_true(valid(""));
    assert_true(valid("\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3")); /* flag emoji, 4-byte */
    assert_false(valid("\xC3"));                 /* truncated */
    assert_false(valid("\x80"));                 /* lone continuation byte */
    assert_false(valid("\xC0\xAF"));             /* overlong '/' */
    assert_false(valid("\xC1\xBF"));             /* overlong 2-byte */
    assert_false(valid("\xE0\x80\xAF"));         /* overlong 3-byte */
    assert_false(valid("\xF0\x80\x80\xAF"));     /* overlong 4-byte */
    assert_false(valid("\xED\xA0\x80"));         /* surrogate U+D800 */
    assert_false(valid("\xED\xBF\xBF"));         /* surrogate U+DFFF */
    assert_false(valid("\xF4\x90\x80\x80"));     /* above U+10FFFF */
    assert_false(valid("\xFF"));
    assert_false(valid("ab\xE1\xBB"));           /* truncated at the end */
    assert_true(text_valid_utf8("a\0b", 3));     /* NUL is UTF-8; text_clean rejects it */
}

static char *clean(const char *in, int multiline)
{
    char *out = (char *)1;
    int rc = text_clean(in, strlen(in), multiline, &out);
    if (rc != 0) {
        assert_int_equal(rc, DV_EINVAL);
        assert_null(out);
        return NULL;
    }
    return out;
}

static void assert_clean(const char *in, int multiline, const char *want)
{
    char *got = clean(in, multiline);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_clean_nfc(void **state)
{
    (void)state;
    /* "Việt" typed as e + combining circumflex + combining dot below */
    assert_clean("Vie\xCC\x82\xCC\xA3t", 0, "Vi\xE1\xBB\x87t");
    assert_clean("Vie\xCC\x82\xCC\xA3t", 0, "Việt");
    /* the other order of the same marks composes to the same letter */
    assert_clean("Vie\xCC\xA3\xCC\x82t", 0, "Việt");
    assert_clean("Vi\xE1\xBB\x87t", 0, "Việt"); /* already NFC */
}

static void test_clean_trim_and_newlines(void **state)
{
    (void)state;
    assert_clean("  Hà Nội \t", 0, "Hà Nội");
    assert_clean("\xC2\xA0Huế\xE3\x80\x80", 0, "Huế"); /* NBSP, ideographic space */
    assert_clean("Huế\r\n", 0, "Huế");     /* pasted line end: trimmed, not rejected */
    assert_clean("   ", 0, "");
    assert_clean("", 0, "");
    assert_clean("\r\n dòng 1\r\ndòng 2\rdòng 3\n\n", 1, "dòng 1\ndòng 2\ndòng 3");
    assert_clean("a\tb", 1, "a\tb");
    assert_clean("a\xE2\x80\xA8" "b", 1, "a\nb"); /* U+2028 */
}

static void test_clean_rejects(void **state)
{
    (void)state;
    assert_null(clean("a\nb", 0));            /* newline in a one-line field */
    assert_null(clean("a\r\nb", 0));
    assert_null(clean("a\tb", 0));
    assert_null(clean("a\x01" "b", 1));
    assert_null(clean("a\x1B[31mb", 1));      /* ESC */
    assert_null(clean("a\x7F", 1));           /* DEL */
    assert_null(clean("a\xC2\x85", 1));       /* C1 NEL */
    assert_null(clean("abc\xE2\x80\xAE" "fdp.exe", 0)); /* RIGHT-TO-LEFT OVERRIDE */
    assert_null(clean("\xC0\xAF", 0));        /* overlong */
    assert_null(clean("\xED\xA0\x80", 0));    /* surrogate */
    assert_null(clean("Vi\xE1\xBB", 0));      /* truncated */
    char *out = (char *)1;
    assert_int_equal(text_clean("a\0b", 3, 1, &out), DV_EINVAL);
    assert_null(out);
}

static void test_length(void **state)
{
    (void)state;
    assert_int_equal(text_length(""), 0);
    assert_int_equal(text_length("abc"), 3);
    assert_int_equal(text_length("Việt Nam"), 8);
    assert_int_equal(text_length("\xF0\x9F\x87\xBB"), 1);
}

static void assert_fold(const char *in, const char *want)
{
    char *got = text_fold(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_fold(void **state)
{
    (void)state;
    assert_fold("Dân Vận", "dan van");
    assert_fold("DÂN VẬN", "dan van");
    assert_fold("dan van", "dan van");
    assert_fold("ĐÀ NẴNG", "da nang");
    assert_fold("Đà Nẵng", "da nang");
    assert_fold("đường", "duong");
    assert_fold("Ðð", "dd");                          /* Icelandic eth, look-alike of Đ */
    assert_fold("Thành phố Hồ Chí Minh", "thanh pho ho chi minh");
    assert_fold("  Tỉnh   ủy \t Quảng\nNinh  ", "tinh uy quang ninh");
    assert_fold("Vie\xCC\x82\xCC\xA3t", "viet");       /* decomposed input */
    assert_fold("ﬁ Ｈà", "fi ha");                     /* compatibility forms (NFKD) */
    assert_fold("", "");
    assert_null(text_fold("\xC0\xAF"));
}

static void assert_slug(const char *in, const char *want)
{
    char *got = text_slug(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_slug(void **state)
{
    (void)state;
    assert_slug("Ban Thường vụ Tỉnh ủy tổ chức Hội nghị",
                "ban-thuong-vu-tinh-uy-to-chuc-hoi-nghi");
    assert_slug("  --Đà Nẵng: 30/4/2025!! ", "da-nang-30-4-2025");
    assert_slug("Hội nghị (lần 2) — “Dân vận khéo”", "hoi-nghi-lan-2-dan-van-kheo");
    assert_slug("!!!", "");
    assert_slug("北京", "");
    assert_null(text_slug("\xFF"));

    /* long titles: at most 80 bytes, cut at a word boundary */
    const char *longt = "Hội nghị tổng kết công tác dân vận năm 2024 và triển khai "
                        "nhiệm vụ năm 2025 của hệ thống chính trị tỉnh";
    char *s = text_slug(longt);
    assert_non_null(s);
    assert_true(strlen(s) <= TEXT_SLUG_MAX);
    assert_string_equal(s, "hoi-nghi-tong-ket-cong-tac-dan-van-nam-2024-va-trien-khai-"
                           "nhiem-vu-nam-2025-cua");
    free(s);

    /* one long word: cut at exactly 80 */
    char word[200];
    memset(word, 'a', 150);
    word[150] = '\0';
    s = text_slug(word);
    assert_int_equal(strlen(s), TEXT_SLUG_MAX);
    free(s);
}

static void assert_date(const char *in, int y, int m, int d)
{
    int yy = 0, mm = 0, dd = 0;
    assert_int_equal(text_date_parse(in, &yy, &mm, &dd), 0);
    assert_int_equal(yy, y);
    assert_int_equal(mm, m);
    assert_int_equal(dd, d);
}

static void assert_bad_date(const char *in)
{
    int y, m, d;
    assert_int_equal(text_date_parse(in, &y, &m, &d), DV_EINVAL);
}

static void test_date_parse(void **state)
{
    (void)state;
    assert_date("01/07/2025", 2025, 7, 1);
    assert_date("1/7/2025", 2025, 7, 1);
    assert_date("2025-07-01", 2025, 7, 1);
    assert_date("29/02/2024", 2024, 2, 29);
    assert_date("2000-02-29", 2000, 2, 29);
    assert_date("31/12/9999", 9999, 12, 31);
    assert_bad_date("29/02/2025");
    assert_bad_date("29/02/1900");
    assert_bad_date("2025-02-29");
    assert_bad_date("31/04/2025");
    assert_bad_date("00/01/2025");
    assert_bad_date("01/13/2025");
    assert_bad_date("32/01/2025");
    assert_bad_date("01/01/0000");
    assert_bad_date("01/07/25");
    assert_bad_date("2025-7-1");
    assert_bad_date("001/07/2025");
    assert_bad_date(" 01/07/2025");
    assert_bad_date("01/07/2025 ");
    assert_bad_date("01-07-2025");
    assert_bad_date("");
    assert_bad_date(NULL);
}

static void test_date_format(void **state)
{
    (void)state;
    char out[11];
    text_date_format(out, "2025-07-01");
    assert_string_equal(out, "01/07/2025");
    text_date_format(out, "2024-02-29 08:30:00");
    assert_string_equal(out, "29/02/2024");
    text_date_format(out, "2024-02-29T08:30:00Z");
    assert_string_equal(out, "29/02/2024");
    text_date_format(out, "2025-02-29");
    assert_string_equal(out, "");
    text_date_format(out, "01/07/2025");
    assert_string_equal(out, "");
    text_date_format(out, NULL);
    assert_string_equal(out, "");
}

/* Vietnamese collation: the alphabet a ă â b c d đ e ê …, tones second, case third. */
static int cmp_str(const void *a, const void *b)
{
    return text_collate(*(const char *const *)a, *(const char *const *)b);
}

static void test_collate_order(void **state)
{
    (void)state;
    /* each list is in Vietnamese dictionary order; shuffle it and sort it back */
    static const char *want[] = {
        "An Minh", "Ăn", "Ân", "Bạc Liêu", "Cà Mau", "Cái Đôi Vàm", "Cái Nước", "Dân", "Đá Bạc", "Đầm Dơi",
        "Em", "Ê", "Hồ Thị Kỷ", "Khánh Bình", "Ô Môn", "Ơn", "Phường 1", "Phường 2", "Phường 10", "Tân", "Tấn",
        "U Minh", "Ưng", "Vĩnh Lợi", "Ý Yên",
    };
    size_t n = sizeof want / sizeof *want;
    const char *got[sizeof want / sizeof *want];
    for (size_t i = 0; i < n; i++) got[i] = want[(i * 7 + 3) % n]; /* 7 is prime to 25 */
    qsort(got, n, sizeof *got, cmp_str);
    for (size_t i = 0; i < n; i++) assert_string_equal(got[i], want[i]);
    /* the streaming comparison agrees with the keys on every pair, ties and tones too */
    static const char *more[] = {"ma", "mà", "Ma", "má", "ma ", "m", "Phường 02", "Phường 2", "Cái Đôi Vàm", "cái đôi vàm"};
    for (size_t i = 0; i < n + 10; i++)
        for (size_t j = 0; j < n + 10; j++) {
            const char *x = i < n ? want[i] : more[i - n], *y = j < n ? want[j] : more[j - n];
            char *kx = text_collate_key(x), *ky = text_collate_key(y);
            int k = strcmp(kx, ky);
            k = k < 0 ? -1 : k > 0;
            if (text_collate(x, y) != k) fail_msg("%s vs %s: %d, keys say %d", x, y, text_collate(x, y), k);
            free(kx);
            free(ky);
        }
}

static void test_collate_levels(void **state)
{
    (void)state;
    /* đ is its own letter after d, not d with a mark */
    assert_true(text_collate("Cái Đôi Vàm", "Cái Nước") < 0);
    assert_true(text_collate("Dzũng", "Đa") < 0);
    assert_true(text_collate("đa", "e") < 0);
    /* ă â after a, ơ ô after o, ư after u, at the first level */
    assert_true(text_collate("ăz", "âa") < 0);
    assert_true(text_collate("az", "ăa") < 0);
    assert_true(text_collate("oz", "ôa") < 0);
    assert_true(text_collate("ôz", "ơa") < 0);
    assert_true(text_collate("uz", "ưa") < 0);
    /* tones second: ma mà mả mã má mạ, and only when letters tie */
    const char *tones[] = {"ma", "mà", "mả", "mã", "má", "mạ"};
    for (size_t i = 0; i + 1 < 6; i++) assert_true(text_collate(tones[i], tones[i + 1]) < 0);
    assert_true(text_collate("mạ", "mb") < 0);
    /* case third; decomposed input is the same as composed */
    assert_true(text_collate("an", "An") < 0);
    assert_true(text_collate("An", "ao") < 0);
    assert_int_equal(text_collate("Vi\xE1\xBB\x87t", "Vie\xCC\xA3\xCC\x82t"), 0);
    /* a space sorts before letters; runs of spaces are one */
    assert_true(text_collate("Tân Hưng", "Tânh") < 0);
    assert_int_equal(text_collate("Tân  Hưng", "Tân Hưng"), 0);
    /* numbers by value */
    assert_true(text_collate("Phường 9", "Phường 10") < 0);
    assert_true(text_collate("Khóm 2", "Khóm 02") < 0);
    assert_int_equal(text_collate(NULL, ""), 0);
    /* the key is a C string comparable with strcmp */
    char *k1 = text_collate_key("Cái Nước"), *k2 = text_collate_key("Cái Đôi Vàm");
    assert_non_null(k1);
    assert_non_null(k2);
    assert_true(strcmp(k2, k1) < 0);
    free(k1);
    free(k2);
    assert_null(text_collate_key("\xC3"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_utf8),
        cmocka_unit_test(test_clean_nfc),
        cmocka_unit_test(test_clean_trim_and_newlines),
        cmocka_unit_test(test_clean_rejects),
        cmocka_unit_test(test_length),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_collate_order),
        cmocka_unit_test(test_collate_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
