/* model_public_pages.c - the Dân vận khéo gallery on the portal, without an account:
 * GET /dan-van-kheo (filterable by field and commune; cached), /dan-van-kheo/:id (one
 * model with its photos and recognition), /dan-van-kheo/atom.xml (an Atom feed, written
 * with libxml2's xmlTextWriter as the portal's feeds are) and /dan-van-kheo/tep/:id[/nho]
 * (a photo or file, or its list copy). */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_pages_int.h"
#include "citizen/model_view.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/i18n.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

enum { G_FIELD, G_COMMUNE, GN };
static const struct input_field gallery_fields[GN] = {
    [G_FIELD] = {"linh-vuc", IN_CHOICE, 0, 0, 0, model_fields, FK_SELECT, N_("Field"), NULL, NULL},
    [G_COMMUNE] = {"xa", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Commune or ward"), NULL, NULL},
};

static struct option_view *field_options(dv_req *r, const char *selected, size_t *n)
{
    size_t k = 0;
    while (model_fields[k]) k++;
    struct option_view *o = arena_alloc(r->arena, (k + 1) * sizeof *o);
    for (size_t i = 0; i < k; i++)
        o[i] = (struct option_view){model_fields[i], model_field_label(model_fields[i]),
                                    selected && !strcmp(selected, model_fields[i])};
    *n = k;
    return o;
}

/* GET /dan-van-kheo */
void citizen_page_gallery(dv_req *r)
{
    uint64_t gen = petition_generation();
    struct input_value q[GN];
    int bad = input_query(r, gallery_fields, GN, q);
    const char *field = !bad && q[G_FIELD].present ? q[G_FIELD].str : NULL;
    int64_t commune = !bad && q[G_COMMUNE].present ? q[G_COMMUNE].num : 0;
    char key[64];
    snprintf(key, sizeof key, "/dan-van-kheo?%s&%lld", field ? field : "", (long long)commune);
    if (citizen_cache_answer(r, key)) return;
    char today[11];
    clock_vn_today(today);
    int64_t root = commune;
    if (!root && citizen_province_id(db_thread(), &root)) root = 0;
    struct model_filter f = {root, field, today, 200};
    struct dvk_model *ms = NULL;
    size_t n = 0;
    struct option_view *communes = NULL;
    struct model_list_view v;
    memset(&v, 0, sizeof v);
    if (model_list(db_thread(), r->arena, &f, &ms, &n) || citizen_commune_options(r, commune, &communes, &v.ncommunes)) {
        res_error(r, 500);
        return;
    }
    struct model_card_view *cards = arena_alloc(r->arena, (n + 1) * sizeof *cards);
    for (size_t i = 0; i < n; i++) citizen_model_card(r, &ms[i], &cards[i], 1);
    v.cards = cards;
    v.n = n;
    v.communes = communes;
    v.fields = field_options(r, field, &v.nfields);
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Dân vận khéo models"), "/dan-van-kheo");
    pp.description = _("Models and exemplars of the Dân vận khéo movement in the province.");
    pp.feed_atom = "/dan-van-kheo/atom.xml";
    r->status = bad ? 400 : 200;
    tpl_citizen_gallery(&r->out, &pp, &v);
    if (!bad) citizen_cache_store(r, key, gen);
}

/* GET /dan-van-kheo/:id */
void citizen_page_gallery_model(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    uint64_t gen = petition_generation();
    char key[48];
    snprintf(key, sizeof key, "/dan-van-kheo/%lld", (long long)id);
    if (citizen_cache_answer(r, key)) return;
    struct dvk_model m;
    int rc = model_get(db_thread(), r->arena, id, &m);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct model_page_view v;
    memset(&v, 0, sizeof v);
    citizen_model_card(r, &m, &v.c, 1);
    struct model_file *files = NULL;
    if (model_files(db_thread(), r->arena, id, &files, &v.nfiles)) {
        res_error(r, 500);
        return;
    }
    v.files = files;
    v.recog_date = citizen_dmy(r->arena, m.recog_date);
    struct portal_page pp;
    citizen_public_init(&pp, r, m.name, key);
    pp.og_type = "article";
    pp.feed_atom = "/dan-van-kheo/atom.xml";
    struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
    c[0] = (struct crumb){_("Dân vận khéo models"), "/dan-van-kheo"};
    c[1] = (struct crumb){m.name, NULL};
    pp.pg.crumbs = c;
    tpl_citizen_gallery_model(&r->out, &pp, &v);
    citizen_cache_store(r, key, gen);
}

#define X(s) ((const xmlChar *)(s))

static void atom_entry(xmlTextWriterPtr w, const struct dvk_model *m, const char *base, int *err)
{
    char url[512], id[600], updated[32];
    snprintf(url, sizeof url, "%s/dan-van-kheo/%lld", base, (long long)m->id);
    snprintf(id, sizeof id, "%s", url);
    snprintf(updated, sizeof updated, "%s", m->updated_at ? m->updated_at : "2025-01-01T00:00:00Z");
    if (xmlTextWriterStartElement(w, X("entry")) < 0) *err = 1;
    xmlTextWriterWriteElement(w, X("title"), X(m->name));
    xmlTextWriterWriteElement(w, X("id"), X(id));
    xmlTextWriterWriteElement(w, X("updated"), X(updated));
    xmlTextWriterStartElement(w, X("link"));
    xmlTextWriterWriteAttribute(w, X("href"), X(url));
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, X("author"));
    xmlTextWriterWriteElement(w, X("name"), X(m->unit_name ? m->unit_name : ""));
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, X("category"));
    xmlTextWriterWriteAttribute(w, X("term"), X(m->field));
    xmlTextWriterWriteAttribute(w, X("label"), X(model_field_label(m->field)));
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, X("summary"));
    xmlTextWriterWriteString(w, X(m->method ? m->method : ""));
    xmlTextWriterEndElement(w);
    if (xmlTextWriterEndElement(w) < 0) *err = 1;
}

/* GET /dan-van-kheo/atom.xml */
void citizen_page_gallery_atom(dv_req *r)
{
    char today[11];
    clock_vn_today(today);
    int64_t root = 0;
    if (citizen_province_id(db_thread(), &root)) root = 0;
    struct model_filter f = {root, NULL, today, 50};
    struct dvk_model *ms = NULL;
    size_t n = 0;
    if (model_list(db_thread(), r->arena, &f, &ms, &n)) {
        res_error(r, 500);
        return;
    }
    const char *base = config_base_url();
    char self[512], updated[32];
    snprintf(self, sizeof self, "%s/dan-van-kheo/atom.xml", base);
    snprintf(updated, sizeof updated, "%s", n && ms[0].updated_at ? ms[0].updated_at : "2025-01-01T00:00:00Z");
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
    if (!w) {
        if (xb) xmlBufferFree(xb);
        res_error(r, 500);
        return;
    }
    int err = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
    xmlTextWriterStartElement(w, X("feed"));
    xmlTextWriterWriteAttribute(w, X("xmlns"), X("http://www.w3.org/2005/Atom"));
    xmlTextWriterWriteElement(w, X("title"), X(_("Dân vận khéo models")));
    xmlTextWriterWriteElement(w, X("id"), X(self));
    xmlTextWriterWriteElement(w, X("updated"), X(updated));
    xmlTextWriterStartElement(w, X("link"));
    xmlTextWriterWriteAttribute(w, X("rel"), X("self"));
    xmlTextWriterWriteAttribute(w, X("href"), X(self));
    xmlTextWriterEndElement(w);
    for (size_t i = 0; i < n; i++) atom_entry(w, &ms[i], base, &err);
    xmlTextWriterEndElement(w);
    if (xmlTextWriterEndDocument(w) < 0) err = 1;
    xmlFreeTextWriter(w);
    if (!err) buf_append(&r->out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    if (err) {
        res_error(r, 500);
        return;
    }
    r->content_type = "application/atom+xml; charset=utf-8";
    r->cache_control = "public, max-age=300";
    r->status = 200;
}

/* GET /dan-van-kheo/tep/:id and /dan-van-kheo/tep/:id/nho */
static void serve_file(dv_req *r, int thumb)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    int64_t model_id;
    const char *type;
    const void *data;
    size_t len;
    int rc = model_file_get(db_thread(), r->arena, id, thumb, &model_id, &type, &data, &len);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    buf_append(&r->out, data, len);
    r->content_type = type;
    r->cache_control = "public, max-age=86400";
    if (!strcmp(type, "application/pdf")) res_header(r, "Content-Disposition", "attachment; filename=\"tep.pdf\"");
    r->status = 200;
}

void citizen_page_gallery_file(dv_req *r)
{
    serve_file(r, 0);
}

void citizen_page_gallery_thumb(dv_req *r)
{
    serve_file(r, 1);
}
