/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_init.c - `mdsec init [DIR]`: write the commented starter model
 * shipped in data/templates/model.yaml to DIR/model.yaml (atomically; an
 * existing file is kept unless --force).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/banned.h"

struct init_opts {
	bool force;
};

static int on_opt(int index, const char *value, void *payload)
{
	struct init_opts *o = payload;

	(void)value;
	if (index != 0)
		return -1;
	o->force = true;
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("init");
	struct strbuf tmpl = STRBUF_INIT, src = STRBUF_INIT, dst = STRBUF_INIT;
	struct init_opts o = { false };
	const char *dir = ".";
	int first, r, status = EXIT_CLEAN;

	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first > 1)
		return cli_usage(cmd, "too many arguments");
	if (argc - first == 1)
		dir = argv[first];
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		cli_error("cannot create directory '%s': %s", dir,
			  strerror(errno));
		return EXIT_ENV;
	}
	if (strbuf_addf(&src, "%s/templates/model.yaml", mdsec_datadir()) < 0 ||
	    strbuf_addf(&dst, "%s/model.yaml", dir) < 0) {
		status = EXIT_ENV;
		goto out;
	}
	if (!o.force && file_exists(dst.buf)) {
		cli_error("'%s' exists (use --force to overwrite it)", dst.buf);
		status = EXIT_ENV;
		goto out;
	}
	if (file_read_capped(&tmpl, src.buf, (size_t)1 << 20) < 0) {
		cli_error("cannot read the starter model '%s': %s (set "
			  "MDSEC_DATADIR to mdsec's data directory)",
			  src.buf, strerror(errno));
		status = EXIT_ENV;
		goto out;
	}
	if (file_write_atomic(dst.buf, tmpl.buf, tmpl.len) < 0) {
		cli_error("cannot write '%s': %s", dst.buf, strerror(errno));
		status = EXIT_ENV;
		goto out;
	}
	printf("wrote %s\nnext: edit it, then run 'mdsec check %s'\n", dst.buf,
	       dst.buf);
out:
	strbuf_release(&tmpl);
	strbuf_release(&src);
	strbuf_release(&dst);
	return status;
}
