/* seed_photo.c - the demo's photos, drawn with cairo and pango when the demo is created: a
 * conference hall seen from the back of the room (red backdrop with the conference's banner,
 * flags, the presidium's table with flowers, a lectern, rows of delegates) and a rice field
 * with people at work. Deterministic (no randomness): the same bytes every time. Saved as
 * JPEG through gdk-pixbuf, as a camera would give them. */
#include "demo/seed_photo.h"

#include "core/buf.h"
#include "core/err.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define SHOT_W SEED_PHOTO_W
#define SHOT_H SEED_PHOTO_H

/* A small, fixed pseudo-random sequence (xorshift): varied people, same picture each run. */
static double jitter(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return (double)(*s % 1000) / 1000.0;
}

static void rgb(cairo_t *cr, unsigned hex)
{
    cairo_set_source_rgb(cr, ((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0, (hex & 255) / 255.0);
}

static void text_centered(cairo_t *cr, const char *text, const char *font, double cx, double y, double width,
                          unsigned color)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, text, -1);
    rgb(cr, color);
    cairo_move_to(cr, cx - width / 2, y);
    pango_cairo_show_layout(cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
}

static void star(cairo_t *cr, double cx, double cy, double r)
{
    for (int i = 0; i < 10; i++) {
        double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? r * 0.382 : r;
        if (i == 0) cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
        else cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
    }
    cairo_close_path(cr);
}

/* A flag on a pole, gently waving: red with a yellow star. */
static void flag(cairo_t *cr, double x, double y, double w)
{
    double h = w * 2 / 3;
    rgb(cr, 0x8a8a8a);
    cairo_rectangle(cr, x - 3, y - 10, 5, h * 3.2);
    cairo_fill(cr);
    cairo_move_to(cr, x, y);
    cairo_curve_to(cr, x + w * .3, y - 8, x + w * .6, y + 8, x + w, y);
    cairo_line_to(cr, x + w, y + h);
    cairo_curve_to(cr, x + w * .6, y + h + 8, x + w * .3, y + h - 8, x, y + h);
    cairo_close_path(cr);
    rgb(cr, 0xda251d);
    cairo_fill(cr);
    rgb(cr, 0xffde00);
    star(cr, x + w / 2, y + h / 2, h * .3);
    cairo_fill(cr);
}

/* A seated person seen from behind or in front: shoulders and head. */
static void person(cairo_t *cr, double x, double y, double s, unsigned shirt, unsigned hair, int facing)
{
    rgb(cr, shirt);
    cairo_move_to(cr, x - s * .55, y + s * 1.1);
    cairo_curve_to(cr, x - s * .55, y + s * .35, x - s * .35, y + s * .25, x, y + s * .25);
    cairo_curve_to(cr, x + s * .35, y + s * .25, x + s * .55, y + s * .35, x + s * .55, y + s * 1.1);
    cairo_close_path(cr);
    cairo_fill(cr);
    rgb(cr, facing ? 0xd9a77c : hair);
    cairo_arc(cr, x, y, s * .24, 0, 2 * M_PI);
    cairo_fill(cr);
    if (facing) { /* hair on top */
        rgb(cr, hair);
        cairo_arc(cr, x, y - s * .03, s * .245, M_PI * 1.05, M_PI * 1.95);
        cairo_fill(cr);
    }
}

/* The hall of a congress: ceiling, walls and lights. */
static void hall_room(cairo_t *cr)
{
    /* ceiling and walls */
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, SHOT_H * .55);
    cairo_pattern_add_color_stop_rgb(g, 0, .93, .90, .84);
    cairo_pattern_add_color_stop_rgb(g, 1, .80, .74, .66);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    for (int i = 0; i < 6; i++) { /* ceiling lights */
        double x = 110 + i * 196;
        cairo_pattern_t *l = cairo_pattern_create_radial(x, 28, 2, x, 28, 60);
        cairo_pattern_add_color_stop_rgba(l, 0, 1, 1, .92, 1);
        cairo_pattern_add_color_stop_rgba(l, 1, 1, 1, .92, 0);
        cairo_set_source(cr, l);
        cairo_arc(cr, x, 28, 60, 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_pattern_destroy(l);
    }
}

/* The stage backdrop (by, bh: its top and height) with the banner and the flags. */
static void hall_stage(cairo_t *cr, const char *banner, double by, double bh)
{
    /* stage backdrop: deep red with light folds */
    double bx = 150, bw = SHOT_W - 300;
    cairo_pattern_t *g = cairo_pattern_create_linear(bx, 0, bx + bw, 0);
    for (int i = 0; i <= 12; i++)
        cairo_pattern_add_color_stop_rgb(g, i / 12.0, i % 2 ? .62 : .70, .06, .08);
    cairo_set_source(cr, g);
    cairo_rectangle(cr, bx, by, bw, bh);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
    /* the banner */
    text_centered(cr, "ĐẢNG CỘNG SẢN VIỆT NAM QUANG VINH MUÔN NĂM", "Liberation Sans Bold 15", SHOT_W / 2.0, by + 16,
                  bw - 60, 0xffe27a);
    const char *nl = strchr(banner, '\n'); /* "TITLE\nplace, date" */
    char title[512];
    snprintf(title, sizeof title, "%.*s", nl ? (int)(nl - banner) : (int)strlen(banner), banner);
    text_centered(cr, title, "Liberation Sans Bold 27", SHOT_W / 2.0, by + 62, bw - 120, 0xffffff);
    if (nl) text_centered(cr, nl + 1, "Liberation Sans Italic 15", SHOT_W / 2.0, by + 222, bw - 60, 0xffe27a);
    flag(cr, 70, 110, 80);
    flag(cr, SHOT_W - 150, 110, 80);
    /* the stage floor */
    rgb(cr, 0x6b3b22);
    cairo_rectangle(cr, 0, by + bh, SHOT_W, 24);
    cairo_fill(cr);
}

/* The presidium behind its table, the flowers and the lectern. */
static void hall_presidium(cairo_t *cr, double by, double bh)
{
    /* presidium: people behind a long table draped in white and green */
    for (int i = 0; i < 9; i++) {
        double x = 300 + i * 75;
        person(cr, x, by + bh - 28, 58, i % 3 ? 0xf4f4f2 : 0x2f3d55, 0x1d1b1a, 1);
    }
    rgb(cr, 0xf7f7f5);
    cairo_rectangle(cr, 255, by + bh - 2, 690, 26);
    cairo_fill(cr);
    rgb(cr, 0x2e7d4f);
    cairo_rectangle(cr, 255, by + bh + 24, 690, 34);
    cairo_fill(cr);
    for (int i = 0; i < 9; i++) { /* name cards and water bottles */
        double x = 300 + i * 75;
        rgb(cr, 0xffffff);
        cairo_rectangle(cr, x - 16, by + bh - 12, 32, 10);
        cairo_fill(cr);
        rgb(cr, 0xbcd9ef);
        cairo_rectangle(cr, x + 20, by + bh - 22, 6, 20);
        cairo_fill(cr);
    }
    /* flowers along the table and the lectern */
    for (int i = 0; i < 23; i++) {
        double x = 265 + i * 30;
        rgb(cr, i % 2 ? 0xf2c12e : 0xe0473a);
        cairo_arc(cr, x, by + bh + 62, 11, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    rgb(cr, 0x8b5a2b);
    cairo_move_to(cr, 160, by + bh + 90);
    cairo_line_to(cr, 240, by + bh + 90);
    cairo_line_to(cr, 230, by + bh - 10);
    cairo_line_to(cr, 170, by + bh - 10);
    cairo_close_path(cr);
    cairo_fill(cr);
    rgb(cr, 0xffde00);
    star(cr, 200, by + bh + 30, 16);
    cairo_fill(cr);
}

/* The room's floor and the rows of delegates. */
static void hall_delegates(cairo_t *cr, double by, double bh)
{
    unsigned seed = 2905;
    /* the room's floor */
    cairo_pattern_t *g = cairo_pattern_create_linear(0, by + bh + 24, 0, SHOT_H);
    cairo_pattern_add_color_stop_rgb(g, 0, .55, .18, .16);
    cairo_pattern_add_color_stop_rgb(g, 1, .40, .10, .10);
    cairo_set_source(cr, g);
    cairo_rectangle(cr, 0, by + bh + 58 + 40, SHOT_W, SHOT_H);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
    /* rows of delegates seen from behind, larger toward the camera */
    static const unsigned shirts[] = {0xf4f4f2, 0xeaeef5, 0x2f3d55, 0xffffff, 0x5a6b7d, 0xe9e2d0, 0x3b4a3f};
    static const unsigned hairs[] = {0x1d1b1a, 0x2b2622, 0x3a3633, 0x161413, 0x77726c};
    for (int row = 0; row < 5; row++) {
        double s = 40 + row * 16, y = by + bh + 130 + row * row * 9 + row * 36;
        int n = (int)(SHOT_W / (s * 1.15)) + 2;
        rgb(cr, 0x7a2420); /* the backs of the seats */
        cairo_rectangle(cr, 0, y + s * .55, SHOT_W, s * .7);
        cairo_fill(cr);
        for (int i = 0; i < n; i++) {
            double x = (i + (row % 2) * .5) * s * 1.15 - s * .3 + jitter(&seed) * 8;
            if (jitter(&seed) < .12) continue; /* an empty seat */
            person(cr, x, y + jitter(&seed) * 6, s, shirts[(unsigned)(jitter(&seed) * 7) % 7],
                   hairs[(unsigned)(jitter(&seed) * 5) % 5], 0);
        }
    }
}

static void hall(cairo_t *cr, const char *banner)
{
    double by = 70, bh = 300;
    hall_room(cr);
    hall_stage(cr, banner, by, bh);
    hall_presidium(cr, by, bh);
    hall_delegates(cr, by, bh);
}

static void stalks(cairo_t *cr, unsigned *seed, int n, double x0, double x1, double y0, double y1, double horizon)
{
    cairo_set_line_width(cr, 2);
    for (int i = 0; i < n; i++) {
        double x = x0 + jitter(seed) * (x1 - x0), y = y0 + jitter(seed) * (y1 - y0);
        double len = 8 + (y - horizon) * .08;
        rgb(cr, i % 3 ? 0xd9b23a : 0xb08a1e);
        cairo_move_to(cr, x, y);
        cairo_curve_to(cr, x + 2, y - len * .6, x + 5, y - len, x + len * .35, y - len * .9);
        cairo_stroke(cr);
    }
}

/* variant: any text; it only changes where the people stand. */
static void field(cairo_t *cr, const char *variant)
{
    unsigned seed = 45000;
    for (const char *p = variant ? variant : ""; *p; p++) seed = seed * 31 + (unsigned char)*p;
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, SHOT_H * .45);
    cairo_pattern_add_color_stop_rgb(g, 0, .55, .75, .93);
    cairo_pattern_add_color_stop_rgb(g, 1, .88, .93, .97);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    for (int i = 0; i < 4; i++) { /* clouds */
        rgb(cr, 0xffffff);
        double x = 160 + i * 290, y = 70 + (i % 2) * 40;
        cairo_arc(cr, x, y, 34, 0, 2 * M_PI);
        cairo_arc(cr, x + 40, y - 12, 42, 0, 2 * M_PI);
        cairo_arc(cr, x + 86, y, 30, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    rgb(cr, 0x3f7d3a); /* a line of coconut palms on the horizon */
    cairo_rectangle(cr, 0, SHOT_H * .40, SHOT_W, 30);
    cairo_fill(cr);
    for (int i = 0; i < 14; i++) {
        double x = 30 + i * 88 + jitter(&seed) * 20, y = SHOT_H * .40;
        rgb(cr, 0x6b4f2a);
        cairo_rectangle(cr, x, y - 60, 5, 62);
        cairo_fill(cr);
        rgb(cr, 0x2f6b2f);
        for (int k = 0; k < 6; k++) {
            double a = M_PI * (1.0 + k / 5.0);
            cairo_move_to(cr, x + 2, y - 60);
            cairo_curve_to(cr, x + 2 + 20 * cos(a), y - 75 + 10 * sin(a), x + 2 + 38 * cos(a), y - 60 + 26 * sin(a) + 20,
                           x + 2 + 44 * cos(a), y - 40);
            cairo_set_line_width(cr, 5);
            cairo_stroke(cr);
        }
    }
    g = cairo_pattern_create_linear(0, SHOT_H * .43, 0, SHOT_H);
    cairo_pattern_add_color_stop_rgb(g, 0, .80, .72, .25);
    cairo_pattern_add_color_stop_rgb(g, 1, .66, .56, .12);
    cairo_set_source(cr, g);
    cairo_rectangle(cr, 0, SHOT_H * .43, SHOT_W, SHOT_H);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
    double horizon = SHOT_H * .45;
    stalks(cr, &seed, 900, 0, SHOT_W, horizon, SHOT_H * 1.03, horizon); /* ripe rice */
    for (int i = 0; i < 7; i++) { /* young people in green shirts and conical hats, back to front */
        int band = i % 3;
        double x = 150 + i * 150 + jitter(&seed) * 40, y = SHOT_H * .55 + band * 60, s = 70 + band * 20;
        person(cr, x, y, s, i % 2 ? 0x1f8a4c : 0x2aa05a, 0x1d1b1a, 1);
        rgb(cr, 0xf1e3b5);
        cairo_move_to(cr, x - s * .45, y - s * .02);
        cairo_line_to(cr, x, y - s * .5);
        cairo_line_to(cr, x + s * .45, y - s * .02);
        cairo_close_path(cr);
        cairo_fill(cr);
        rgb(cr, 0xcfa83a); /* the rice in front hides the legs */
        cairo_rectangle(cr, x - s * .6, y + s * .75, s * 1.2, s * .4);
        cairo_fill(cr);
        stalks(cr, &seed, 160, x - s * .75, x + s * .75, y + s * .6, y + s * 1.35, horizon);
    }
}

/* The surface's pixels (premultiplied ARGB, opaque here) as an RGB JPEG. */
static int surface_jpeg(cairo_surface_t *sf, unsigned char **data, size_t *len)
{
    cairo_surface_flush(sf);
    int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
    int sstride = cairo_image_surface_get_stride(sf);
    const unsigned char *src = cairo_image_surface_get_data(sf);
    GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
    if (!pb) return DV_EIO;
    int dstride = gdk_pixbuf_get_rowstride(pb);
    guchar *dst = gdk_pixbuf_get_pixels(pb);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(src + y * sstride);
        guchar *q = dst + y * dstride;
        for (int x = 0; x < w; x++) {
            q[3 * x] = (guchar)(row[x] >> 16);
            q[3 * x + 1] = (guchar)(row[x] >> 8);
            q[3 * x + 2] = (guchar)row[x];
        }
    }
    gchar *buf = NULL;
    gsize n = 0;
    GError *gerr = NULL;
    gboolean ok = gdk_pixbuf_save_to_buffer(pb, &buf, &n, "jpeg", &gerr, "quality", "86", NULL);
    g_object_unref(pb);
    if (!ok) {
        if (gerr) g_error_free(gerr);
        return DV_EIO;
    }
    *data = xmalloc(n);
    memcpy(*data, buf, n);
    *len = n;
    g_free(buf);
    return DV_OK;
}

int seed_photo_jpeg(enum seed_scene scene, const char *banner, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, SHOT_W, SHOT_H);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(sf);
        return DV_EIO;
    }
    cairo_t *cr = cairo_create(sf);
    if (scene == SEED_SCENE_FIELD) field(cr, banner);
    else hall(cr, banner ? banner : "");
    int rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? surface_jpeg(sf, data, len) : DV_EIO;
    cairo_destroy(cr);
    cairo_surface_destroy(sf);
    return rc;
}
