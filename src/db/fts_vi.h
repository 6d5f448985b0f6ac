/* fts_vi.h - the "vi" FTS5 tokenizer: unicode61 (remove_diacritics 2) plus đ/Đ/ð/Ð → d,
 * so "dan van", "Dân Vận" and "DÂN VẬN" (and "da nang" / "Đà Nẵng") are the same tokens.
 * SQLite-specific: db_open() registers it on every connection of the SQLite backend. */
#ifndef DV_FTS_VI_H
#define DV_FTS_VI_H

struct sqlite3;

/* Register on conn the tokenizer "vi" (extra tokenize= arguments are passed on to unicode61,
 * e.g. tokenize='vi tokenchars -') and the ranking function vi_rank(w1, w2, …): BM25 per
 * column with column weights but no IDF (cheap on words found in most rows; see fts_vi.c).
 * 0 or DV_EDB (FTS5 missing). */
int fts_vi_register(struct sqlite3 *conn);

#endif
