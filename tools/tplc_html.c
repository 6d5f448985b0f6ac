/* tplc_html.c - the template compiler's HTML context tracker (see tplc_html.h). */
#include "tplc_html.h"

#include <stdio.h>
#include <string.h>

static void name_push(char *name, size_t *len, char c)
{
    if (*len < NAME_CAP) name[*len] = to_lower(c);
    (*len)++;
    name[*len < NAME_CAP ? *len : NAME_CAP] = '\0';
}

static int name_is(const char *name, size_t len, const char *want)
{
    return len <= NAME_CAP && strcmp(name, want) == 0;
}

static int name_in(const char *name, size_t len, const char *const *list)
{
    for (; *list; list++)
        if (name_is(name, len, *list)) return 1;
    return 0;
}

static const char *const RAWTEXT_TAGS[] = {"script", "style", "xmp", "iframe", "noembed",
                                           "noframes", "plaintext", NULL};
static const char *const RCDATA_TAGS[] = {"title", "textarea", NULL};

/* Attributes whose value is a URL: a placeholder there is checked or percent-encoded. */
static const char *const URL_ATTRS[] = {"href", "src", "action", "formaction", "poster",
                                        "cite", "background", "xlink:href", "longdesc",
                                        "usemap", "manifest", "icon", "codebase", NULL};

/* Attributes no escaper makes safe (CSS, lists of URLs, whole documents). */
static const char *const FORBIDDEN_ATTRS[] = {"style", "srcset", "imagesrcset", "srcdoc",
                                              NULL};

static void ctx_start_tag(struct html_ctx *c, int is_end)
{
    c->st = H_TAG_NAME;
    c->tag_len = 0;
    c->tag[0] = '\0';
    c->tag_is_end = is_end;
}

static void ctx_start_attr(struct html_ctx *c, char first)
{
    c->st = H_ATTR_NAME;
    c->attr_len = 0;
    c->attr[0] = '\0';
    name_push(c->attr, &c->attr_len, first);
}

/* '>' closes the tag: a start tag of script/style/... opens raw text. */
static void ctx_end_tag(struct html_ctx *c)
{
    c->st = H_TEXT;
    if (c->tag_is_end) return;
    if (name_in(c->tag, c->tag_len, RAWTEXT_TAGS))
        c->st = H_RAWTEXT;
    else if (name_in(c->tag, c->tag_len, RCDATA_TAGS))
        c->st = H_RCDATA;
    else
        return;
    memcpy(c->raw_tag, c->tag, sizeof c->raw_tag);
    c->raw_match = 0;
}


static void feed_lt(struct html_ctx *c, char ch)
{
    if (c->st == H_LT) {
        if (is_alpha(ch)) {
            ctx_start_tag(c, 0);
            name_push(c->tag, &c->tag_len, ch);
        } else if (ch == '/') {
            c->st = H_LT_SLASH;
        } else if (ch == '!') {
            c->st = H_LT_BANG;
        } else if (ch == '?') {
            c->st = H_DECL;
        } else {
            c->st = H_TEXT; /* a lone '<' in text */
            ctx_feed(c, ch);
        }
    } else if (c->st == H_LT_SLASH) {
        if (is_alpha(ch)) {
            ctx_start_tag(c, 1);
            name_push(c->tag, &c->tag_len, ch);
        } else {
            c->st = ch == '>' ? H_TEXT : H_DECL;
        }
    } else if (c->st == H_LT_BANG) {
        c->st = ch == '-' ? H_LT_BANG_DASH : H_DECL;
        if (ch == '>') c->st = H_TEXT;
    } else { /* H_LT_BANG_DASH */
        if (ch == '-') {
            c->st = H_COMMENT;
            c->comment_len = 0;
            c->dashes = 0;
        } else {
            c->st = ch == '>' ? H_TEXT : H_DECL;
        }
    }
}

static void feed_tag(struct html_ctx *c, char ch)
{
    switch (c->st) {
    case H_TAG_NAME:
        if (ch == '>') ctx_end_tag(c);
        else if (is_space(ch) || ch == '/') c->st = H_BEFORE_ATTR;
        else name_push(c->tag, &c->tag_len, ch);
        break;
    case H_BEFORE_ATTR:
        if (ch == '>') ctx_end_tag(c);
        else if (!is_space(ch) && ch != '/') ctx_start_attr(c, ch);
        break;
    case H_ATTR_NAME:
        if (ch == '>') ctx_end_tag(c);
        else if (ch == '=') c->st = H_BEFORE_VALUE;
        else if (ch == '/') c->st = H_BEFORE_ATTR;
        else if (is_space(ch)) c->st = H_AFTER_ATTR_NAME;
        else name_push(c->attr, &c->attr_len, ch);
        break;
    case H_AFTER_ATTR_NAME:
        if (ch == '>') ctx_end_tag(c);
        else if (ch == '=') c->st = H_BEFORE_VALUE;
        else if (ch == '/') c->st = H_BEFORE_ATTR;
        else if (!is_space(ch)) ctx_start_attr(c, ch);
        break;
    default: /* H_BEFORE_VALUE */
        c->value_len = 0;
        if (ch == '>') ctx_end_tag(c);
        else if (ch == '"') c->st = H_VALUE_DQ;
        else if (ch == '\'') c->st = H_VALUE_SQ;
        else if (!is_space(ch)) {
            c->st = H_VALUE_UNQ;
            c->value_len = 1;
        }
        break;
    }
}

static void feed_value(struct html_ctx *c, char ch)
{
    if (c->st == H_VALUE_DQ && ch == '"') c->st = H_BEFORE_ATTR;
    else if (c->st == H_VALUE_SQ && ch == '\'') c->st = H_BEFORE_ATTR;
    else if (c->st == H_VALUE_UNQ && is_space(ch)) c->st = H_BEFORE_ATTR;
    else if (c->st == H_VALUE_UNQ && ch == '>') ctx_end_tag(c);
    else c->value_len++;
}

static void feed_comment(struct html_ctx *c, char ch)
{
    if (ch == '>' && (c->dashes >= 2 || c->comment_len == 0 ||
                      (c->comment_len == 1 && c->dashes == 1))) {
        c->st = H_TEXT; /* "-->", or the abrupt "<!-->" and "<!--->" */
        return;
    }
    c->dashes = ch == '-' ? c->dashes + 1 : 0;
    c->comment_len++;
}

/* Raw text and RCDATA end at "</name" followed by a space, '/' or '>'. */
static void feed_raw(struct html_ctx *c, char ch)
{
    size_t name_len = strlen(c->raw_tag);
    if (c->raw_match == 0) {
        c->raw_match = ch == '<';
    } else if (c->raw_match == 1) {
        c->raw_match = ch == '/' ? 2 : (ch == '<');
    } else if (c->raw_match < 2 + name_len) {
        if (to_lower(ch) == c->raw_tag[c->raw_match - 2]) c->raw_match++;
        else c->raw_match = ch == '<';
    } else if (is_space(ch) || ch == '/' || ch == '>') {
        memcpy(c->tag, c->raw_tag, sizeof c->tag);
        c->tag_len = name_len;
        c->tag_is_end = 1;
        c->st = H_BEFORE_ATTR;
        if (ch == '>') ctx_end_tag(c);
    } else {
        c->raw_match = ch == '<';
    }
}

void ctx_feed(struct html_ctx *c, char ch)
{
    switch (c->st) {
    case H_TEXT:
        if (ch == '<') c->st = H_LT;
        break;
    case H_LT: case H_LT_SLASH: case H_LT_BANG: case H_LT_BANG_DASH:
        feed_lt(c, ch);
        break;
    case H_TAG_NAME: case H_BEFORE_ATTR: case H_ATTR_NAME: case H_AFTER_ATTR_NAME:
    case H_BEFORE_VALUE:
        feed_tag(c, ch);
        break;
    case H_VALUE_DQ: case H_VALUE_SQ: case H_VALUE_UNQ:
        feed_value(c, ch);
        break;
    case H_COMMENT:
        feed_comment(c, ch);
        break;
    case H_DECL:
        if (ch == '>') c->st = H_TEXT;
        break;
    case H_RAWTEXT: case H_RCDATA:
        feed_raw(c, ch);
        break;
    }
}

/* What the state machine is in, for error messages. */
const char *ctx_describe(const struct html_ctx *c)
{
    switch (c->st) {
    case H_TEXT: return "text";
    case H_LT: case H_LT_SLASH: case H_TAG_NAME: return "a tag name";
    case H_LT_BANG: case H_LT_BANG_DASH: case H_DECL: return "a <!...> or <?...> declaration";
    case H_BEFORE_ATTR: case H_AFTER_ATTR_NAME: return "a tag, between attributes";
    case H_ATTR_NAME: return "an attribute name";
    case H_BEFORE_VALUE: case H_VALUE_UNQ: return "an unquoted attribute value";
    case H_VALUE_DQ: case H_VALUE_SQ: return "a quoted attribute value";
    case H_COMMENT: return "an HTML comment";
    case H_RAWTEXT: return "a raw text element (<script>, <style>, ...)";
    case H_RCDATA: return "a <title> or <textarea> element";
    }
    return "?";
}

/* The escaper for a placeholder in a quoted attribute value, or NULL and *why. */
static const char *attr_escaper(const struct html_ctx *c, char *why, size_t why_size)
{
    if (c->attr_len >= 2 && c->attr[0] == 'o' && c->attr[1] == 'n') {
        snprintf(why, why_size, "placeholder in the event handler attribute '%s'", c->attr);
        return NULL;
    }
    if (name_in(c->attr, c->attr_len, FORBIDDEN_ATTRS)) {
        snprintf(why, why_size, "placeholder in the '%s' attribute (no safe escaper)",
                 c->attr);
        return NULL;
    }
    if (name_in(c->attr, c->attr_len, URL_ATTRS))
        return c->value_len == 0 ? "html_url" : "html_urlpart";
    return "html_attr";
}

/* The escaper for a string placeholder where the context stands, or NULL and *why. */
const char *ctx_escaper(const struct html_ctx *c, char *why, size_t why_size)
{
    switch (c->st) {
    case H_TEXT: case H_RCDATA:
        return "html_text";
    case H_VALUE_DQ: case H_VALUE_SQ:
        return attr_escaper(c, why, why_size);
    case H_BEFORE_VALUE: case H_VALUE_UNQ:
        snprintf(why, why_size, "placeholder in an unquoted attribute value; quote it");
        return NULL;
    case H_RAWTEXT:
        snprintf(why, why_size, "placeholder inside <%s>: nothing escapes for it", c->raw_tag);
        return NULL;
    default:
        snprintf(why, why_size, "placeholder in %s", ctx_describe(c));
        return NULL;
    }
}

/* A placeholder's output counts as content of the value (later ones are URL parts). */
void ctx_after_placeholder(struct html_ctx *c)
{
    if (c->st == H_VALUE_DQ || c->st == H_VALUE_SQ) c->value_len++;
    if (c->st == H_RCDATA) c->raw_match = 0;
}
