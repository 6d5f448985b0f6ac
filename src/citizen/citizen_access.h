/* citizen_access.h - who may do what in the citizens' area: one question per action. A
 * petition belongs to the subtree of its commune and of the unit it is assigned to; a
 * user acts on the petitions of their own unit's subtree (officers) or of their scope
 * (staff, viewers); admins on all. 1 = allowed, 0 = refused, < 0 a store error. */
#ifndef DV_CITIZEN_ACCESS_H
#define DV_CITIZEN_ACCESS_H

#include "citizen/petition.h"
#include "core/principal.h"
#include "db/db.h"

/* The root of what u's lists cover: 0 for admins (everything). */
int64_t citizen_scope_root(const struct dv_user *u);
/* The desk of petitions (menu entry, lists): admins, staff, officers, viewers. */
int citizen_can_use_desk(const struct dv_user *u);
int citizen_can_view_petition(dv_db *db, const struct dv_user *u, const struct petition *p);
/* Classify, assign, handle, draft, transfer, mark duplicate, refuse: not viewers. */
int citizen_can_handle_petition(dv_db *db, const struct dv_user *u, const struct petition *p);
/* Approve (never one's own draft: the store checks that) and publish: staff and admins. */
int citizen_can_review_petition(dv_db *db, const struct dv_user *u, const struct petition *p);
/* Assign to unit_id: a unit within u's scope. */
int citizen_can_assign_to(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* The operator's settings, calendar and categories: admins and staff at the top of the tree. */
int citizen_can_configure(dv_db *db, const struct dv_user *u);
/* Register and edit models, dialogues and reception days of unit_id: not viewers. */
int citizen_can_edit_unit_records(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* Read the models, dialogues and reception days of unit_id: the registries' readers within
 * their scope (viewers too). */
int citizen_can_view_unit_records(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* The registries' menu entries: every signed-in role but portal-only ones. */
int citizen_can_use_registry(const struct dv_user *u);

#endif
