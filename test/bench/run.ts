// npm run bench: model, rendering and (when a local cluster answers) live
// numbers, printed as tables. No thresholds: targets are printed next to the
// numbers, and the process exits 0 unless the bench itself breaks.
import os from 'node:os';
import {benchModel} from './model.js';
import {formatTable, type Table} from './util.js';

// Decide before Ink and chalk load: a real terminal (frames are skipped in "CI"
// mode, which would hide what we measure) with basic colours, so byte counts
// include the escapes a user's terminal gets.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
process.env['FORCE_COLOR'] ??= '1';

const print = (t: Table) => console.log(formatTable(t));

console.log(`rollouts-tui bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${new Date().toISOString()}`);
console.log(`NODE_ENV=${process.env['NODE_ENV'] ?? '(unset, so React runs its development build, as the unbundled sources do)'}`);

print(benchModel());

const {benchRender} = await import('./render.js');
for (const table of await benchRender()) print(table);

const {benchScreenWrites} = await import('./screen-writes.js');
for (const table of await benchScreenWrites()) print(table);

const {benchTrafficPanel} = await import('./traffic-panel.js');
for (const table of await benchTrafficPanel()) print(table);

const {benchCluster} = await import('./cluster.js');
try {
	const result = await benchCluster();
	if ('skipped' in result) console.log(`\n3. Cluster: skipped — ${result.skipped}`);
	else for (const table of result.tables) print(table);
} catch (error) {
	console.log(`\n3. Cluster: failed — ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(0);
