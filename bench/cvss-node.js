// SPDX-License-Identifier: Apache-2.0
// Baseline for bench/run-cvss: score every vector of a file (one per line)
// with the npm package ae-cvss-calculator in one warm node process, and
// print the count and the sum of scores (to check both sides agree).
'use strict';
const fs = require('fs');
const { fromVector } = require('ae-cvss-calculator');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
let n = 0, sum = 0;
for (const line of lines) {
	if (!line) continue;
	sum += fromVector(line).calculateScores().overall;
	n++;
}
console.log(n + ' vectors, score sum ' + sum.toFixed(1));
