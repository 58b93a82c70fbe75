/* SPDX-License-Identifier: Apache-2.0
 *
 * write.c - what the three VEX writers share: checking the caller's
 * device and items, the stable order of items (vulnerability id, then
 * the SBOM's component order), what each item publishes (its decision,
 * or under_investigation when it has none), the document time
 * (SOURCE_DATE_EPOCH, base/timeutil) and the dispatch to OpenVEX,
 * CycloneDX or CSAF.
 */
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "triage/triage_int.h"

#include "base/banned.h"

/* One item as sorted: everything the order needs, so that qsort()
 * needs no context. */
struct item_key {
	const char *vuln;
	size_t rank; /* the component's position in mdsec_sbom_order() */
	size_t idx;  /* the item's index */
};

static int by_item(const void *pa, const void *pb)
{
	const struct item_key *x = pa, *y = pb;
	int c = strcmp(x->vuln, y->vuln);

	if (c)
		return c;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

size_t *triage_item_order(const mdsec_sbom *s,
			  const struct mdsec_triage_item *items, size_t n)
{
	size_t *order = mdsec_sbom_order(s), *rank, *idx = NULL, i;
	struct item_key *keys;

	rank = xcalloc(s->components.n ? s->components.n : 1, sizeof(*rank));
	keys = xcalloc(n ? n : 1, sizeof(*keys));
	if (order && rank && keys)
		idx = xcalloc(n ? n : 1, sizeof(*idx));
	if (!idx)
		goto out;
	for (i = 0; i < s->components.n; i++)
		rank[order[i]] = i;
	for (i = 0; i < n; i++) {
		keys[i].vuln = items[i].vuln;
		keys[i].rank = rank[items[i].component];
		keys[i].idx = i;
	}
	qsort(keys, n, sizeof(*keys), by_item);
	for (i = 0; i < n; i++)
		idx[i] = keys[i].idx;
out:
	xfree(order);
	xfree(rank);
	xfree(keys);
	return idx;
}

void triage_doc_time(char out[21])
{
	time_t t;

	time_output(&t);
	time_iso8601(out, t);
}

void triage_pub_of(struct triage_pub *p, const struct mdsec_triage_item *it,
		   const char *doc_time)
{
	const struct mdsec_triage_entry *d = it->decision;

	memset(p, 0, sizeof(*p));
	p->date = doc_time;
	if (!d)
		return;
	p->state = d->state;
	if (d->state == MDSEC_TRIAGE_NOT_AFFECTED) {
		p->just = d->justification;
		p->just_text = d->justification_text;
	}
	p->responses = d->responses;
	p->action = d->action;
	p->detail = d->detail;
	if (d->date && strlen(d->date) == 10 && time_valid_date(d->date)) {
		/* a date alone: its midnight UTC, as a date-time */
		memcpy(p->date_buf, d->date, 10);
		memcpy(p->date_buf + 10, "T00:00:00Z", 11);
		p->date = p->date_buf;
	} else if (d->date) {
		p->date = d->date;
	}
}

void triage_default_action(struct strbuf *sb, const struct triage_pub *p,
			   const struct mdsec_component *c,
			   const struct mdsec_triage_item *it)
{
	unsigned i;
	bool first = true;

	if (it->fixed && *it->fixed) {
		strbuf_addf(sb, "Update %s to version %s or later.", c->name,
			    it->fixed);
		return;
	}
	if (!p->responses) {
		strbuf_addstr(sb, "No remediation has been decided yet.");
		return;
	}
	strbuf_addstr(sb, "Response: ");
	for (i = 0; i < MDSEC_TRIAGE_NRESPONSES; i++) {
		if (!(p->responses & (1u << i)))
			continue;
		strbuf_addf(sb, "%s%s", first ? "" : ", ",
			    triage_response_names[i]);
		first = false;
	}
	strbuf_addch(sb, '.');
}

void triage_slug(struct strbuf *sb, const char *s)
{
	bool dash = false;

	for (; *s; s++) {
		char ch = *s;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (dash && sb->len)
				strbuf_addch(sb, '-');
			strbuf_addch(sb, ch);
			dash = false;
		} else {
			dash = true;
		}
	}
	if (!sb->len)
		strbuf_addstr(sb, "device");
}

int triage_fill_hash(struct strbuf *sb, size_t at, size_t hexlen)
{
	char hex[SHA256_HEX_LEN + 1];
	size_t ph = SHA256_HEX_LEN;

	if (sb->len < at + ph || hexlen > ph)
		return MDSEC_ENOMEM;
	if (sha256_hex(hex, sb->buf, sb->len) < 0)
		return MDSEC_ENOMEM;
	memcpy(sb->buf + at, hex, hexlen);
	if (hexlen < ph) {
		memmove(sb->buf + at + hexlen, sb->buf + at + ph,
			sb->len - at - ph + 1);
		sb->len -= ph - hexlen;
	}
	return 0;
}

static bool nonempty(const char *s)
{
	return s && *s;
}

int mdsec_triage_write_vex(char **out, size_t *len,
			   enum mdsec_triage_format fmt,
			   const struct mdsec_triage_device *dev,
			   const mdsec_sbom *s,
			   const struct mdsec_triage_item *items, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (!dev || !nonempty(dev->vendor) || !nonempty(dev->name) ||
	    !nonempty(dev->version) || !s || (n && !items))
		return MDSEC_EUSAGE;
	for (i = 0; i < n; i++)
		if (items[i].component >= s->components.n ||
		    !nonempty(items[i].vuln))
			return MDSEC_EUSAGE;
	switch (fmt) {
	case MDSEC_TRIAGE_FMT_OPENVEX:
		rc = openvex_write(&sb, dev, s, items, n);
		break;
	case MDSEC_TRIAGE_FMT_CYCLONEDX:
		rc = cdxvex_write(&sb, dev, s, items, n);
		break;
	case MDSEC_TRIAGE_FMT_CSAF:
		rc = csaf_write(&sb, dev, s, items, n);
		break;
	default:
		return MDSEC_EUSAGE;
	}
	if (rc < 0) {
		strbuf_release(&sb);
		return rc;
	}
	*out = strbuf_detach(&sb, len);
	return *out ? 0 : MDSEC_ENOMEM;
}
