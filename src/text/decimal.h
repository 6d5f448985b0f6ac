/* decimal.h - numbers as people write them, both ways: Vietnamese "1.234,5", English
 * "1,234.5", and plain machine text "1234.5". Every typed number (web forms through
 * http/input.h, report values, XLSX cells) is read with dec_parse, every number shown to
 * people is written with dec_format, so what is shown parses back to the same value.
 *
 * The ambiguous "1.250" / "1,250" (one separator with exactly three digits after it and one
 * to three before): in an integer it groups thousands; in a decimal it groups when the
 * language writes thousands that way (vi "1.250" = 1250, en "1,250" = 1250) and is the
 * decimal separator otherwise (vi "1,250" = 1,25; en "1.250" = 1.25). So in Vietnamese "."
 * groups thousands only when every group after it has exactly three digits. Plain text reads
 * a single separator as decimal (except in an integer). */
#ifndef DV_TEXT_DECIMAL_H
#define DV_TEXT_DECIMAL_H

#include <stddef.h>

enum dec_lang { DEC_PLAIN, DEC_VI, DEC_EN };

/* "en" → DEC_EN; anything else (NULL included) → DEC_VI, the site's first language. */
enum dec_lang dec_lang_of(const char *lang);

/* Parse s (digits, an optional sign, grouping and one decimal separator; no spaces) as
 * lang writes it. integer: no fractional part allowed. 0 ok (*out set), -1 not a number. */
int dec_parse(const char *s, int integer, enum dec_lang lang, double *out);

/* Write num into out[0..cap) with the integer part grouped by three ("1.234.567,5" vi,
 * "1,234,567.5" en; DEC_PLAIN: "1234567.5", no grouping), rounded to decimals (0-6).
 * trim: drop trailing fractional zeros (and the separator); else keep exactly decimals
 * digits ("87,0"). Never writes "-0". */
void dec_format(char *out, size_t cap, double num, int decimals, int trim, enum dec_lang lang);

/* num with up to 15 significant digits, no grouping, and a decimal comma ("1234,5"), which
 * every language (and plain text) reads back as the same number: never "1.234" that
 * Vietnamese would read as a thousands group. For machine-made numbers (XLSX cells). */
void dec_format_exact(char *out, size_t cap, double num);

#endif
