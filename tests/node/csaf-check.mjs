// SPDX-License-Identifier: Apache-2.0
// tests/node/csaf-check.mjs [--must-fail] [--notes] FILE... - run the
// CSAF 2.0 strict schema test and every mandatory test (section 6.1) of
// BSI's csaf-validator-lib on each file and print the failing tests with
// their errors. Exit 1 when a file fails; with --must-fail, exit 1 when a
// file passes instead (negative controls). --notes also prints what the
// optional tests (6.2) say, which never fails. Installed by
// scripts/install-deps (npm install --prefix tests/node).
import { readFileSync } from 'node:fs'
// validate.js, not validateStrict.js: the strict one imports every test
// module (informative ones too: seconds) to check that the tests passed
// are the library's own, which these are by construction.
import validate from '@secvisogram/csaf-validator-lib/validate.js'
import * as schema from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'

const args = process.argv.slice(2)
const mustFail = args.includes('--must-fail')
const notes = args.includes('--notes')
const files = args.filter((a) => !a.startsWith('--'))
const required = [schema.csaf_2_0_strict, ...Object.values(mandatory)]
const optional = notes
  ? Object.values(
      await import('@secvisogram/csaf-validator-lib/optionalTests.js')
    )
  : []
let bad = 0

for (const path of files) {
  const doc = JSON.parse(readFileSync(path, 'utf8'))
  const res = await validate(required, doc)
  for (const t of res.tests) {
    if (t.isValid) continue
    for (const e of t.errors.slice(0, 5))
      console.log(`${path}: ${t.name}: ${e.instancePath}: ${e.message}`)
  }
  if (res.isValid === mustFail) {
    bad++
    if (mustFail) console.log(`${path}: passed every mandatory test`)
  }
  if (optional.length) {
    const opt = await validate(optional, doc)
    for (const t of opt.tests)
      for (const w of [...t.errors, ...t.warnings].slice(0, 3))
        console.log(`${path}: note: ${t.name}: ${w.instancePath}: ${w.message}`)
  }
}
if (bad) process.exit(1)
console.log(
  `csaf mandatory tests: ${files.length} documents ` +
    `${mustFail ? 'fail as they must' : 'pass'} ` +
    `(strict schema and ${required.length - 1} mandatory tests)`
)
