/* access.h - who may see and change what. Every check is made on the server, here. */
#ifndef DV_ACCESS_H
#define DV_ACCESS_H

#include "db/db.h"
#include "core/principal.h"

#include <stdint.h>

/* 1 = allowed, 0 = refused, <0 = store error. */
int access_can_view_unit(dv_db *db, const struct dv_user *u, int64_t unit_id);
int access_can_edit_units(const struct dv_user *u);   /* create/edit/close units: admins */
/* Create or change an account placed at target_unit with target_role. */
int access_can_manage_account(dv_db *db, const struct dv_user *u, int64_t target_unit_id,
                              enum dv_role target_role);
int access_can_read_audit(const struct dv_user *u);   /* admins */
int access_can_list_units(const struct dv_user *u);   /* every signed-in role: the units menu */
/* Browses and searches the whole tree from the top-level units (admins); others see their
 * scope unit's subtree. */
int access_sees_every_unit(const struct dv_user *u);
/* The unit whose subtree u's lists cover: 0 (the whole tree) for those who see every unit,
 * else u's scope unit. */
int64_t access_scope_root(const struct dv_user *u);
/* The accounts and API-token pages (each account is then checked by
 * access_can_manage_account): admins and staff. */
int access_can_manage_accounts(const struct dv_user *u);
/* The API-token page: a person (not a token) who is an admin or staff. */
int access_can_manage_tokens(const struct dv_user *u);
/* May u give an account or a token role (at a unit it may manage)? Admins any role; staff
 * officer, editor, contributor and viewer. 1/0. */
int access_can_assign_role(const struct dv_user *u, enum dv_role role);
/* Revoke a token placed at unit_id with role: admins any, staff as for an account there. */
int access_can_revoke_token(dv_db *db, const struct dv_user *u, int64_t unit_id, enum dv_role role);

#endif
