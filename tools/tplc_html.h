/* tplc_html.h - the HTML context tracker of the template compiler: a small state machine
 * fed the literal text of a template one byte at a time, which names the escaper a
 * placeholder needs where it stands (or why none makes it safe). */
#ifndef TPLC_HTML_H
#define TPLC_HTML_H

#include <stddef.h>

enum hstate {
    H_TEXT,            /* element content */
    H_LT,              /* just after '<' */
    H_LT_SLASH,        /* just after "</" */
    H_LT_BANG,         /* just after "<!" */
    H_LT_BANG_DASH,    /* just after "<!-" */
    H_TAG_NAME,        /* in a start or end tag's name */
    H_BEFORE_ATTR,     /* in a tag, between attributes */
    H_ATTR_NAME,       /* in an attribute name */
    H_AFTER_ATTR_NAME, /* spaces after an attribute name: '=' or another attribute follows */
    H_BEFORE_VALUE,    /* after '=' */
    H_VALUE_DQ,        /* in a "double-quoted" attribute value */
    H_VALUE_SQ,        /* in a 'single-quoted' attribute value */
    H_VALUE_UNQ,       /* in an unquoted attribute value */
    H_COMMENT,         /* in <!-- ... --> */
    H_DECL,            /* in <!DOCTYPE ...>, <?...> or another bogus comment */
    H_RAWTEXT,         /* in <script>, <style> (and the like): nothing is decoded */
    H_RCDATA,          /* in <title>, <textarea>: text, but no tags */
};

#define NAME_CAP 32 /* longer tag and attribute names are kept truncated; none matters */

struct html_ctx {
    enum hstate st;
    char tag[NAME_CAP + 1];  /* the current tag's name, lower case */
    size_t tag_len;
    int tag_is_end;          /* the current tag is an end tag */
    char attr[NAME_CAP + 1]; /* the current attribute's name, lower case */
    size_t attr_len;
    size_t value_len;        /* bytes and placeholders so far in the attribute value */
    size_t comment_len;      /* bytes so far in the comment */
    int dashes;              /* consecutive '-' at the end of the comment so far */
    char raw_tag[NAME_CAP + 1]; /* the element whose end tag ends raw text / RCDATA */
    size_t raw_match;        /* progress through "</raw_tag" */
};

static inline int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline char to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Feeds one byte of literal text. */
void ctx_feed(struct html_ctx *c, char ch);
/* Where the context is, for error messages ("text", "a quoted attribute value", ...). */
const char *ctx_describe(const struct html_ctx *c);
/* The escaper function a placeholder here needs, or NULL with the reason in why. */
const char *ctx_escaper(const struct html_ctx *c, char *why, size_t why_size);
/* A placeholder was emitted (it counts as content of an attribute value). */
void ctx_after_placeholder(struct html_ctx *c);

#endif
