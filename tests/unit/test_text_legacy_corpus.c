/* test_text_legacy_corpus.c - legacy encodings over a corpus of short phrases (unit names,
 * the regulation's vocabulary) encoded outside the code under test: TCVN3 with glibc iconv,
 * VNI from its chart, both read as Windows-1252 as a browser receives them from Windows
 * (legacy_corpus/gen.py writes legacy_corpus/corpus.h; run it again to change the corpus).
 *
 * Each phrase, both ways: the explicit reading gives it exactly; automatic detection gives
 * it exactly, or says it is unsure (the form then asks), or leaves text that already reads
 * as Vietnamese as it stands (the form offers the choice). It never converts wrongly
 * without saying so. The Unicode phrases and their ASCII spellings are never converted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text_legacy.h"
#include "legacy_corpus/corpus.h"

#define NPHRASES (sizeof CORPUS / sizeof *CORPUS)

struct tally {
    size_t exact, unsure, as_typed;
};

static void assert_reads(const char *in, enum legacy_enc enc, const char *want, const char *what)
{
    char *out = text_legacy_convert(in, strlen(in), enc);
    if (!out || strcmp(out, want) != 0)
        fail_msg("%s \"%s\" read explicitly: \"%s\", want \"%s\"", what, in, out ? out : "(null)", want);
    free(out);
}

/* Every space-separated word holding a non-ASCII character is a valid syllable. */
static int reads_as_vietnamese(const char *s)
{
    char *dup = strdup(s), *save = NULL;
    int ok = 1, any = 0;
    for (char *w = strtok_r(dup, " ", &save); w && ok; w = strtok_r(NULL, " ", &save)) {
        int high = 0;
        for (const char *p = w; *p; p++) high |= (unsigned char)*p >= 0x80;
        if (!high) continue;
        any = 1;
        ok = text_vi_syllable(w, strlen(w));
    }
    free(dup);
    return ok && any;
}

static void check_auto(const char *in, enum legacy_enc enc, const char *want, const char *what, struct tally *t)
{
    struct legacy_guess g;
    assert_int_equal(text_legacy_detect(in, strlen(in), &g), 0);
    char *out = NULL;
    int rc = text_legacy_to_unicode(in, strlen(in), &out);
    if (rc == 1 && strcmp(out, want) == 0 && !g.unsure) {
        assert_int_equal(g.enc, enc == LEGACY_TCVN3_CAPS ? LEGACY_TCVN3 : enc);
        t->exact++;
    } else if (rc == 0 && strcmp(in, want) == 0) {
        t->exact++; /* the bytes spell the phrase in Unicode too ("chính" in VNI) */
    } else if (g.unsure) {
        t->unsure++;
    } else if (rc == 0 && reads_as_vietnamese(in)) {
        t->as_typed++;
    } else {
        fail_msg("%s \"%s\": detection gave rc %d \"%s\" (enc %d), want \"%s\"", what, in, rc, out ? out : "", g.enc,
                 want);
    }
    free(out);
}

static void test_explicit_readings(void **state)
{
    (void)state;
    assert_true(NPHRASES >= 200);
    for (size_t i = 0; i < NPHRASES; i++) {
        const struct corpus_phrase *p = &CORPUS[i];
        assert_reads(p->tcvn3, LEGACY_TCVN3, p->tcvn3_auto, "TCVN3");
        if (p->caps) assert_reads(p->tcvn3, LEGACY_TCVN3_CAPS, p->text, "TCVN3 .VnTimeH");
        assert_reads(p->vni, LEGACY_VNI, p->text, "VNI");
    }
}

static void test_detection(void **state)
{
    (void)state;
    struct tally tc = {0, 0, 0}, vn = {0, 0, 0};
    for (size_t i = 0; i < NPHRASES; i++) {
        check_auto(CORPUS[i].tcvn3, LEGACY_TCVN3, CORPUS[i].tcvn3_auto, "TCVN3", &tc);
        check_auto(CORPUS[i].vni, LEGACY_VNI, CORPUS[i].text, "VNI", &vn);
    }
    printf("legacy corpus: %zu phrases; TCVN3 %zu exact, %zu unsure, %zu left as typed; "
           "VNI %zu exact, %zu unsure, %zu left as typed\n",
           NPHRASES, tc.exact, tc.unsure, tc.as_typed, vn.exact, vn.unsure, vn.as_typed);
    /* what detection leaves to the explicit choice stays rare */
    assert_true((tc.unsure + tc.as_typed) * 20 <= NPHRASES);
    assert_true((vn.unsure + vn.as_typed) * 20 <= NPHRASES);
}

static void assert_stays(const char *s)
{
    struct legacy_guess g;
    assert_int_equal(text_legacy_detect(s, strlen(s), &g), 0);
    if (g.enc != LEGACY_NONE || g.unsure) fail_msg("\"%s\": detection says enc %d unsure %d", s, g.enc, g.unsure);
    char *out = (char *)1;
    assert_int_equal(text_legacy_to_unicode(s, strlen(s), &out), 0);
    assert_null(out);
}

static void test_unicode_and_ascii_stay(void **state)
{
    (void)state;
    for (size_t i = 0; i < NPHRASES; i++) assert_stays(CORPUS[i].text);
    for (size_t i = 0; i < sizeof CORPUS_ASCII / sizeof *CORPUS_ASCII; i++) assert_stays(CORPUS_ASCII[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explicit_readings),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_unicode_and_ascii_stay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
