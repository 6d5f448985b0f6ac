/* seed.h - demo content of the portal: the seed article (the crawled print view in
 * data/seed/article-290-review-conference.txt, parsed into its fields) and a few dozen
 * short generated articles, so lists and pagination have something to show. */
#ifndef DV_SEED_H
#define DV_SEED_H

#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* The fields of a crawled print view; malloc'd, NFC, free with portal_seed_free. */
struct seed_article {
    char *title;        /* the all-caps heading, as written */
    char *lead;         /* the first paragraph */
    char *caption;      /* the photo caption line, or NULL */
    char *body_md;      /* the other paragraphs as Markdown paragraphs */
    char *author_name;  /* "Văn Minh" from "( Văn Minh- MT tỉnh)" */
    char *author_unit;  /* "MT tỉnh", or NULL */
};

/* Parse the print view's text: drops the page chrome ("Bản in", "Gởi bài viết",
 * "[Trở về]"); the title is the first line, the lead the next paragraph, the caption the
 * first later paragraph that is not indented, the credit the "( Name- Unit)" line, the rest
 * the body. 0, or DV_EINVAL (not UTF-8, or no title/lead/body). */
int portal_seed_parse(const char *text, size_t n, struct seed_article *out);
void portal_seed_free(struct seed_article *s);

/* Import the seed article at path: created and published by the demo editor (bientap) on
 * 28/05/2020 09:00 Vietnam time, category "Hoạt động", tags "Quy chế dân vận" and
 * "290-QĐ/TW", its caption on a generated placeholder photo. 0 or a DV_E* code. */
int portal_seed_load(dv_db *db, const char *path);

/* The seed article found beside the national table (DIR/seed/… for DIR/vn-admin-….tsv),
 * then ~30 generated demo articles. err gets a message on failure. */
int portal_seed_demo(dv_db *db, const char *tsv_path, char *err, size_t errlen);

#endif
