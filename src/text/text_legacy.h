/* text_legacy.h - text pasted from old Vietnamese documents in the legacy 8-bit encodings
 * TCVN3 (.VnTime fonts, TCVN 5712:1993) or VNI-Windows (VNI-Times fonts), detected and
 * converted to Unicode NFC. Also catches such text that went through a Latin-1/Windows-1252
 * step on the way and arrives as valid UTF-8 mojibake ("ViÖt Nam", "Vieät Nam"). */
#ifndef DV_TEXT_LEGACY_H
#define DV_TEXT_LEGACY_H

#include <stddef.h>

/* 1: converted, *out = malloc'd NFC UTF-8 (free() it);
 * 0: already Unicode (valid UTF-8 that is not legacy mojibake), *out = NULL;
 * DV_EINVAL: not UTF-8 and no legacy decoding looks like Vietnamese (or a NUL byte), *out = NULL.
 * Detection decodes the bytes both ways and keeps the one giving more valid Vietnamese
 * syllables (it must also beat the text as it stands). */
int text_legacy_to_unicode(const char *in, size_t n, char **out);

/* The decoders alone (no detection), for tests and tools: malloc'd NFC UTF-8. */
char *text_legacy_from_tcvn3(const char *in, size_t n);
char *text_legacy_from_vni(const char *in, size_t n);

/* 1 if word (UTF-8, NFC or NFD, any case) is a well-formed Vietnamese syllable: initial
 * consonant, vowel cluster, final consonant, at most one tone mark. */
int text_vi_syllable(const char *word, size_t n);

#endif
