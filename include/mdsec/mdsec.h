/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/mdsec.h - umbrella header of the mdsec library: medical device
 * cybersecurity evidence (threat model, risk, SBOM, vulnerabilities) built
 * from one reviewed device model. Include this, link -lmdsec.
 */
#ifndef MDSEC_MDSEC_H
#define MDSEC_MDSEC_H

#define MDSEC_VERSION_MAJOR 0
#define MDSEC_VERSION_MINOR 1
#define MDSEC_VERSION_PATCH 0
#define MDSEC_VERSION	    "0.1.0"

#include "mdsec/error.h"
#include "mdsec/model.h"
#include "mdsec/pipeline.h"
#include "mdsec/risk.h"
#include "mdsec/threat.h"

/** The library's version string, e.g. "0.1.0". */
const char *mdsec_version(void);

/**
 * Directory holding the data mdsec ships (rules, signatures, schemas):
 * $MDSEC_DATADIR when set and non-empty, else the build tree's data/
 * when the running binary sits in the build tree, else the install
 * prefix's share/mdsec. The returned string is static.
 */
const char *mdsec_datadir(void);

#endif
