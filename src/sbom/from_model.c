/* SPDX-License-Identifier: Apache-2.0
 *
 * from_model.c - the SBOM of a device model: the device as the primary
 * component, one component per `software` entry (evidence: the model file
 * and line), then every supplier SBOM the model's elements reference,
 * merged in (components de-duplicated, evidence kept). Component types:
 * own software on a firmware element is "firmware", other own software
 * "application", third-party and open-source software "library".
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

static const char *enum_name(const char *enumeration, int v)
{
	const char *const *names = mdsec_enum_names(enumeration);
	int i;

	for (i = 0; names && names[i]; i++)
		if (i == v)
			return names[i];
	return NULL;
}

static const char *canonical(mdsec_sbom *s, const char *v, bool purl,
			     struct mdsec_loc loc, struct mdsec_diag_list *dl)
{
	char err[256], *canon = NULL;
	unsigned col = 0;
	const char *out;
	int rc;

	if (!v)
		return NULL;
	rc = purl ? mdsec_purl_canonical(v, &canon, err, sizeof(err), &col)
		  : mdsec_cpe_canonical(v, &canon, err, sizeof(err), &col);
	if (rc < 0) {
		diag_error(dl, loc, "invalid %s '%s': %s",
			   purl ? "purl" : "CPE", v, err);
		return NULL;
	}
	out = sbom_str(s, canon);
	free(canon);
	return out;
}

static const char *sw_type(const mdsec_model *m,
			   const struct mdsec_software *sw)
{
	const char *origin = enum_name("origin", sw->origin);

	if (origin && !strcmp(origin, "own")) {
		if (sw->element.id &&
		    m->elements[sw->element.index].kind == MDSEC_ELEM_FIRMWARE)
			return "firmware";
		return "application";
	}
	return "library";
}

static int model_sbom(mdsec_sbom **out, const mdsec_model *m,
		      struct mdsec_diag_list *dl)
{
	mdsec_sbom *s = mdsec_sbom_new();
	size_t dev, i;
	int rc = 0;

	*out = NULL;
	if (!s)
		return MDSEC_ENOMEM;
	s->name = sbom_str(s, m->device.name);
	if (m->device.manufacturer)
		sbom_add_author(s, sbom_str(s, m->device.manufacturer));
	dev = sbom_add_component(s);
	if (dev == MDSEC_SBOM_NONE) {
		mdsec_sbom_free(s);
		return MDSEC_ENOMEM;
	}
	{
		struct mdsec_component *c = &s->components.v[dev];
		struct mdsec_sbom_evidence e = { MDSEC_FOUND_MODEL, NULL,
						 "device", 100 };

		c->ref = "device";
		c->type = "device";
		c->name = sbom_str(s, m->device.name);
		c->version = sbom_str(s, m->device.version);
		c->supplier = sbom_str(s, m->device.manufacturer);
		c->description = sbom_str(s, m->device.intended_use);
		c->end_of_support = sbom_str(s, m->device.end_of_support);
		c->loc = m->device.loc;
		c->loc.file = sbom_str(s, m->device.loc.file);
		e.source = sbom_str(
			s, mdsec_model_display_path(m, m->device.loc.file));
		if (e.source)
			rc = sbom_add_evidence(c, &e);
	}
	s->primary = dev;
	for (i = 0; i < m->nsoftware && rc == 0; i++) {
		const struct mdsec_software *sw = &m->software[i];
		struct mdsec_sbom_evidence e = { MDSEC_FOUND_MODEL, NULL, NULL,
						 100 };
		struct mdsec_component *c;
		size_t ci = sbom_add_component(s);

		if (ci == MDSEC_SBOM_NONE) {
			rc = MDSEC_ENOMEM;
			break;
		}
		c = &s->components.v[ci];
		c->ref = sbom_str(s, sw->o.id);
		c->type = sw_type(m, sw);
		c->name = sbom_str(s, sw->o.name ? sw->o.name : sw->o.id);
		c->description = sbom_str(s, sw->o.description);
		c->version = sbom_str(s, sw->version);
		c->supplier = sbom_str(s, sw->supplier);
		c->purl = canonical(s, sw->purl, true, sw->o.loc, dl);
		c->cpe = canonical(s, sw->cpe, false, sw->o.loc, dl);
		c->license = sbom_str(s, sw->license);
		c->support = sbom_str(s, enum_name("support", sw->support));
		c->end_of_support = sbom_str(s, sw->end_of_support);
		c->support_justification =
			sbom_str(s, sw->support_justification);
		c->element = sbom_str(s, sw->element.id);
		c->loc = sw->o.loc;
		c->loc.file = sbom_str(s, sw->o.loc.file);
		e.source = sbom_str(
			s, mdsec_model_display_path(m, sw->o.loc.file));
		e.detail = sbom_printf(s, "software %s (line %u)", sw->o.id,
				       sw->o.loc.line);
		if (e.source && e.detail)
			rc = sbom_add_evidence(c, &e);
		if (rc == 0)
			rc = sbom_add_dep(&s->components.v[dev], ci);
	}
	if (rc == 0 && dl->nerrors)
		rc = MDSEC_EINPUT;
	if (rc < 0) {
		mdsec_sbom_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int mdsec_sbom_from_model(mdsec_sbom **out, const mdsec_model *m,
			  struct mdsec_diag_list *dl)
{
	mdsec_sbom **docs = NULL;
	size_t ndocs = 0, cap = 1, e, k, j;
	int rc;

	*out = NULL;
	for (e = 0; e < m->nelements; e++)
		cap += m->elements[e].sboms.n;
	docs = xcalloc(cap, sizeof(*docs));
	if (!docs)
		return MDSEC_ENOMEM;
	rc = model_sbom(&docs[0], m, dl);
	if (rc == 0)
		ndocs = 1;
	for (e = 0; e < m->nelements && rc == 0; e++) {
		const struct mdsec_element *el = &m->elements[e];

		for (k = 0; k < el->sboms.n; k++) {
			mdsec_sbom *sup = NULL;
			int r = mdsec_sbom_read(&sup, el->sboms.v[k], dl);

			if (r < 0) {
				rc = r;
				continue;
			}
			/* components of an element's SBOM run on it; their
			 * evidence names the file as the model shows paths
			 * (relative to the model), whatever the cwd */
			for (j = 0; j < sup->components.n; j++) {
				struct mdsec_component *c =
					&sup->components.v[j];

				if (!c->element)
					c->element = sbom_str(sup, el->o.id);
				c->loc.file = sbom_str(
					sup, mdsec_model_display_path(
						     m, el->sboms.v[k]));
			}
			docs[ndocs++] = sup;
		}
	}
	if (rc == 0)
		rc = mdsec_sbom_merge(out, docs, ndocs, dl);
	for (k = 0; k < ndocs; k++)
		mdsec_sbom_free(docs[k]);
	xfree(docs);
	return rc;
}
