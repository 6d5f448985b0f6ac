-- 0029_review_photos.sql - a review conference's photos (src/review/, issue 14): images
-- uploaded through the portal's media checks (media: content sniffed, decoded, size-limited,
-- stored once per SHA-256), each with its caption and its description for screen readers,
-- carried into the draft article the closed conference offers the editors (article_photos
-- when an editor takes the draft to the desk). Twin: migrations_pg/0029_review_photos.sql.

CREATE TABLE conference_photos (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    media_id INTEGER NOT NULL REFERENCES media(id),
    caption TEXT NOT NULL DEFAULT '',
    alt TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    UNIQUE (conference_id, media_id)
);
CREATE INDEX conference_photos_conf ON conference_photos(conference_id, id);
