/* test_text_legacy.c - legacy Vietnamese encodings: TCVN3 (.VnTime) and VNI-Windows byte
 * samples, the same text arriving as Latin-1/Windows-1252 mojibake in valid UTF-8, and
 * Unicode or ASCII text left alone. The TCVN3 sentence of the seed article was produced
 * with `iconv -f UTF-8 -t TCVN5712-1` of its NFC text; the VNI samples were spelt by hand
 * from the VNI-Windows chart (base letter, then mark bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/err.h"
#include "text/text_legacy.h"

static void assert_converts(const char *in, const char *want)
{
    char *out = (char *)1;
    int rc = text_legacy_to_unicode(in, strlen(in), &out);
    if (rc != 1) fail_msg("\"%s\": expected a conversion to \"%s\", got rc %d", in, want, rc);
    assert_non_null(out);
    assert_string_equal(out, want);
    /* the result is NFC */
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)out);
    assert_string_equal(nfc, out);
    free(nfc);
    free(out);
}

static void assert_unchanged(const char *in)
{
    char *out = (char *)1;
    int rc = text_legacy_to_unicode(in, strlen(in), &out);
    if (rc != 0) fail_msg("\"%s\": expected to stay as it is, got rc %d (%s)", in, rc, rc == 1 ? out : "");
    assert_null(out);
}

static void test_tcvn3(void **state)
{
    (void)state;
    assert_converts("Vi\xD6t Nam", "Việt Nam");
    assert_converts("\xA7\xB5 N\xBDng", "Đà Nẵng");
    assert_converts("C\xABng t\xB8" "c d\xA9n v\xCBn", "Công tác dân vận");
    /* a sentence of the seed article */
    assert_converts(
        "Th\xF9" "c hi\xD6n ch\xAD\xACng tr\xD7nh c\xABng t\xB8" "c c\xF1" "a Ban Th\xAD\xEAng v\xF4 T\xD8nh \xF1y, "
        "s\xB8ng ng\xB5y 28 th\xB8ng 5 n\xA8m 2020 t\xB9i H\xE9i tr\xAD\xEAng T\xD8nh \xF1y, Ban Th\xAD\xEAng v\xF4 "
        "T\xD8nh \xF1y t\xE6 ch\xF8" "c H\xE9i ngh\xDE t\xE6ng k\xD5t 10 n\xA8m th\xF9" "c hi\xD6n Quy\xD5t "
        "\xAE\xDEnh s\xE8 290-Q\xA7/TW c\xF1" "a B\xE9 Ch\xDDnh tr\xDE v\xD2 vi\xD6" "c ban h\xB5nh Quy ch\xD5 "
        "c\xABng t\xB8" "c d\xA9n v\xCBn c\xF1" "a h\xD6 th\xE8ng ch\xDDnh tr\xDE.",
        "Thực hiện chương trình công tác của Ban Thường vụ Tỉnh ủy, sáng ngày 28 tháng 5 năm 2020 tại Hội "
        "trường Tỉnh ủy, Ban Thường vụ Tỉnh ủy tổ chức Hội nghị tổng kết 10 năm thực hiện Quyết định số "
        "290-QĐ/TW của Bộ Chính trị về việc ban hành Quy chế công tác dân vận của hệ thống chính trị.");
    /* Word's smart quotes and dashes at 0x80–0x9F, not the toned capitals of TCVN 5712 VN1 */
    assert_converts("\x93Vi\xD6t Nam\x94 \x96 \xA7\xB5 N\xBDng\x85",
                    "\xE2\x80\x9CViệt Nam\xE2\x80\x9D \xE2\x80\x93 Đà Nẵng\xE2\x80\xA6");
    /* tabs and new lines survive */
    assert_converts("Vi\xD6t\tNam\r\n\xA7\xB5 N\xBDng", "Việt\tNam\r\nĐà Nẵng");
}

static void test_tcvn3_decoder(void **state)
{
    (void)state;
    /* separate tone bytes (0xB0–0xB4) after a capital compose to NFC */
    char *s = text_legacy_from_tcvn3("A\xB3 A\xB0", 5);
    assert_string_equal(s, "\xC3\x81 \xC3\x80"); /* Á À, precomposed */
    free(s);
}

static void test_vni(void **state)
{
    (void)state;
    assert_converts("Vieät Nam", "Việt Nam");     /* as it arrives pasted from a VNI font: Latin-1 */
    assert_converts("Vie\xE4t Nam", "Việt Nam");  /* the raw VNI-Windows bytes */
    assert_converts("\xD1" "a\xF8 Na\xFCng", "Đà Nẵng");
    assert_converts("Ñaø Naüng", "Đà Nẵng");
    assert_converts("VIEÄT NAM", "VIỆT NAM");
    assert_converts("ÑAØ NAÜNG", "ĐÀ NẴNG");
    assert_converts("Coâng taùc daân vaän", "Công tác dân vận");
    assert_converts("Ban Thöôøng vuï Tænh uûy", "Ban Thường vụ Tỉnh ủy");
    assert_converts("Hoäi nghò toång keát 10 naêm thöïc hieän Quyeát ñònh soá 290",
                    "Hội nghị tổng kết 10 năm thực hiện Quyết định số 290");
    assert_converts("Ngöôøi daân vaø caùn boä ñeàu ñoàng yù", "Người dân và cán bộ đều đồng ý");
    assert_converts("Tænh, huyeän, xaõ; ñaày ñuû; ngöõ vaên; mì", "Tỉnh, huyện, xã; đầy đủ; ngữ văn; mì");
}

static void test_mojibake(void **state)
{
    (void)state;
    /* TCVN3 text that went through a Latin-1 or Windows-1252 step, now valid UTF-8 */
    assert_converts("ViÖt Nam", "Việt Nam");
    assert_converts("§µ N½ng", "Đà Nẵng");
    assert_converts("C«ng t¸c d©n vËn", "Công tác dân vận");
    assert_converts("\xE2\x80\x9CVi\xC3\x96t Nam\xE2\x80\x9D", "\xE2\x80\x9CViệt Nam\xE2\x80\x9D");
}

static void test_unicode_and_ascii_stay(void **state)
{
    (void)state;
    assert_unchanged("Việt Nam");
    assert_unchanged("Đà Nẵng");
    assert_unchanged("Công tác dân vận");
    assert_unchanged("Cà Mau");                   /* Latin-1 letters, already Vietnamese */
    assert_unchanged("Thái Bình, Cà Mau và Bến Tre");
    assert_unchanged("Hello world");
    assert_unchanged("Dan van 2025 - 290-QD/TW");
    assert_unchanged("");
    assert_unchanged("Café crème brûlée");         /* French, not mojibake */
    assert_unchanged("Grüße aus München");
    /* decomposed Unicode is Unicode (text_clean makes it NFC later) */
    assert_unchanged("Vie\xCC\xA3\xCC\x82t Nam");
}

/* Short phrases where a word or two of the raw mojibake happen to be valid Vietnamese:
 * the reading in which every word is valid wins, however short the text. */
static void test_short_phrases(void **state)
{
    (void)state;
    assert_converts("Bo\xC3\xA4 Ch\xC3\xADnh tr\xC3\xB2", "Bộ Chính trị");  /* VNI: "Chính", "trò" */
    assert_converts("he\xC3\xA4 tho\xC3\xA1ng", "hệ thống");                   /* VNI: "thoáng" */
    assert_converts("Ban Th\xC2\xAD\xC3\xAAng v\xC3\xB4", "Ban Thường vụ");    /* TCVN3: "vô" */
    assert_converts("ch\xC3\x9Dnh tr\xC3\x9E", "chính trị");                    /* TCVN3 "chÝnh trÞ" */
    assert_converts("Q\xC2\xA7", "QĐ");                                           /* an acronym */
    assert_converts("Xaõ Kon Ploâng", "Xã Kon Plông");                              /* Central Highlands */
}

/* TCVN3's ư is 0xAD, the soft hyphen of Windows-1252: it is a letter inside the word. */
static void test_soft_hyphen(void **state)
{
    (void)state;
    assert_converts("Ng\xC2\xAD\xC3\xAAi d\xC2\xA9n", "Người dân");
    assert_converts("tr\xC2\xAD\xC3\xAAng", "trường");
    assert_converts("Ng\xAD\xEAi d\xA9n", "Người dân"); /* the raw bytes */
}

static void test_detect_and_explicit(void **state)
{
    (void)state;
    struct legacy_guess g;
    assert_int_equal(text_legacy_detect("C«ng t¸c", strlen("C«ng t¸c"), &g), 0);
    assert_int_equal(g.enc, LEGACY_TCVN3);
    assert_int_equal(g.unsure, 0);
    /* both readings valid Vietnamese ("Lử" / "Lư"): unsure, so the form asks */
    assert_int_equal(text_legacy_detect("Tam Lö", strlen("Tam Lö"), &g), 0);
    assert_int_equal(g.unsure, 1);
    assert_int_not_equal(g.guess, LEGACY_NONE);
    /* Unicode that reads as Vietnamese stays, sure of it */
    assert_int_equal(text_legacy_detect("Tỉnh Cà Mau", strlen("Tỉnh Cà Mau"), &g), 0);
    assert_int_equal(g.enc, LEGACY_NONE);
    assert_int_equal(g.unsure, 0);
    assert_int_equal(text_legacy_detect("Thái Bình", strlen("Thái Bình"), &g), 0);
    assert_int_equal(g.enc + g.unsure, 0);
    /* explicit readings convert the mojibake and keep what is Unicode already */
    char *s = text_legacy_convert("Việt Nam: C«ng t¸c d©n vËn", strlen("Việt Nam: C«ng t¸c d©n vËn"), LEGACY_TCVN3);
    assert_string_equal(s, "Việt Nam: Công tác dân vận");
    free(s);
    s = text_legacy_convert("Đà Nẵng: Coâng taùc", strlen("Đà Nẵng: Coâng taùc"), LEGACY_VNI);
    assert_string_equal(s, "Đà Nẵng: Công tác");
    free(s);
    /* .VnTimeH: capitals at the lower-case codes */
    s = text_legacy_convert("b\xC2\xB8o c\xC2\xB8o", strlen("b\xC2\xB8o c\xC2\xB8o"), LEGACY_TCVN3_CAPS);
    assert_string_equal(s, "BÁO CÁO");
    free(s);
    s = text_legacy_convert("as typed", 8, LEGACY_NONE);
    assert_string_equal(s, "as typed");
    free(s);
    assert_null(text_legacy_convert("a\0b", 3, LEGACY_TCVN3));
    assert_null(text_legacy_convert("\xFF", 1, LEGACY_NONE));
}

static void test_errors(void **state)
{
    (void)state;
    char *out = (char *)1;
    assert_int_equal(text_legacy_to_unicode("a\0b", 3, &out), DV_EINVAL);
    assert_null(out);
    /* bytes that are neither UTF-8 nor Vietnamese in a legacy encoding */
    assert_int_equal(text_legacy_to_unicode("Caf\xE9 cr\xE8me", 10, &out), DV_EINVAL);
    assert_null(out);
    assert_int_equal(text_legacy_to_unicode("\xFF\xFE\xFD", 3, &out), DV_EINVAL);
}

/* Found by fuzz_legacy: "as it stands" copied the text without composing it, so a character
 * with a singleton decomposition (U+1FC9 → U+0388) or decomposed Vietnamese stayed non-NFC. */
static void test_none_is_nfc(void **state)
{
    (void)state;
    char *s = text_legacy_convert("\\\xE1\xBF\x89", 4, LEGACY_NONE);
    assert_string_equal(s, "\\\xCE\x88");
    free(s);
    s = text_legacy_convert("Vie\xCC\x82\xCC\xA3t", 8, LEGACY_NONE); /* e + U+0302 + U+0323 */
    assert_string_equal(s, "Vi\xE1\xBB\x87t");
    free(s);
}

static void test_syllables(void **state)
{
    (void)state;
    static const char *good[] = {"việt", "Nam", "đà", "nẵng", "người", "khuya", "nghiêng", "giữa", "gì",
                                 "quyết", "thuở", "ĐƯỜNG", "oà", "uống", "xoong", "khuyên", "tuổi",
                                 "hóa", "hoá", "hoàn", "của", "bão", "người", "khuỷu", "gìn", "Krông", "Đắk"};
    static const char *bad[] = {"vieät", "cafe", "ViÖt", "ngàà", "ưa\xCC\x81\xCC\x80", "crème", "xyz", "bqa",
                                /* spelling rules: c/k, ng/ngh, tones of a stop, tone placement */
                                "ci", "ka", "nge", "mat", "tàc", "baỏ", "cuỷa", "daõn", "ñy", "tiê"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!text_vi_syllable(good[i], strlen(good[i]))) fail_msg("%s should be a syllable", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (text_vi_syllable(bad[i], strlen(bad[i]))) fail_msg("%s should not be a syllable", bad[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcvn3),
        cmocka_unit_test(test_tcvn3_decoder),
        cmocka_unit_test(test_vni),
        cmocka_unit_test(test_mojibake),
        cmocka_unit_test(test_unicode_and_ascii_stay),
        cmocka_unit_test(test_short_phrases),
        cmocka_unit_test(test_soft_hyphen),
        cmocka_unit_test(test_detect_and_explicit),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_none_is_nfc),
        cmocka_unit_test(test_syllables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
