/* text_legacy.h - text pasted from old Vietnamese documents in the legacy 8-bit encodings
 * TCVN3 (.VnTime fonts, TCVN 5712:1993) or VNI-Windows (VNI-Times fonts), detected and
 * converted to Unicode NFC. Also catches such text that went through a Latin-1/Windows-1252
 * step on the way and arrives as valid UTF-8 mojibake ("ViÖt Nam", "Vieät Nam"), which is
 * how Windows hands text pasted from such a document to a browser. */
#ifndef DV_TEXT_LEGACY_H
#define DV_TEXT_LEGACY_H

#include <stddef.h>

enum legacy_enc {
    LEGACY_NONE = 0,   /* Unicode (or ASCII): as it stands */
    LEGACY_TCVN3,      /* TCVN3, .VnTime fonts */
    LEGACY_TCVN3_CAPS, /* TCVN3 set in the .VnTimeH capital fonts: lower-case codes drawn as
                          capitals (never detected: only an explicit choice) */
    LEGACY_VNI,        /* VNI-Windows, VNI-Times fonts */
};

struct legacy_guess {
    enum legacy_enc enc;   /* what the text should be read as */
    enum legacy_enc guess; /* the likeliest legacy reading (= enc when enc converts; set
                              when unsure even if enc is LEGACY_NONE), for a preview */
    int unsure;            /* the text could be read another way: ask the user */
};

/* Detection on the whole text: read as it stands, as TCVN3 and as VNI, a reading in which
 * every word holding a non-ASCII letter is a valid Vietnamese syllable beats one with any
 * impossible word, however short the text. Text with a letter only Vietnamese uses, plain
 * ASCII and text that reads as Vietnamese as it stands ("Cà Mau") stay. 0, or DV_EINVAL
 * for a NUL byte. */
int text_legacy_detect(const char *in, size_t n, struct legacy_guess *g);

/* Reads in as enc: malloc'd NFC UTF-8 (free() it). Valid UTF-8 is taken as text that went
 * through Windows-1252: each character one byte could have made is that byte, any other
 * (a Vietnamese letter typed in Unicode) is kept. Anything else is bytes. LEGACY_NONE
 * copies valid UTF-8. NULL for a NUL byte, or LEGACY_NONE of invalid UTF-8. */
char *text_legacy_convert(const char *in, size_t n, enum legacy_enc enc);

/* Detect, then convert. 1: converted, *out = malloc'd NFC UTF-8 (free() it);
 * 0: already Unicode (valid UTF-8 that is not legacy mojibake), *out = NULL;
 * DV_EINVAL: not UTF-8 and no legacy decoding looks like Vietnamese (or a NUL byte). */
int text_legacy_to_unicode(const char *in, size_t n, char **out);

/* The decoders alone (no detection), for tests and tools: malloc'd NFC UTF-8. */
char *text_legacy_from_tcvn3(const char *in, size_t n);
char *text_legacy_from_vni(const char *in, size_t n);

/* 1 if word (UTF-8, NFC or NFD, any case) is a well-formed Vietnamese syllable: initial
 * consonant, vowel cluster, final consonant, at most one tone mark. */
int text_vi_syllable(const char *word, size_t n);

#endif
