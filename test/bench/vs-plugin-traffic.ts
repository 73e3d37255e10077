// The traffic panel's cost next to the plugin's watch: rollouts-tui run again
// with --traffic (20 requests/s to each of the active and preview Services
// through the API server's service proxy), same changes, same terminal.
// The pods answer their image tag, so during the image changes the strips
// really change letters. The panel must not make the frame heavier than the
// plugin's watch.
import type {RunResult, Size} from './scenario.js';
import {mb, type Table} from './util.js';

const bytes = (n: number) => `${n.toFixed(0)} B`;
const seconds = (n: number) => `${n.toFixed(2)} s`;
const ratio = (ours: number, theirs: number) => (theirs > 0 && Number.isFinite(ours) ? `${(ours / theirs).toFixed(2)}x` : '-');

export function trafficPanelTable(size: Size, plugin: RunResult, tui: RunResult, panel: RunResult): Table {
	const row = (metric: string, pick: (r: RunResult) => number, format: (n: number) => string, target = ''): string[] => [
		metric,
		format(pick(plugin)),
		format(pick(tui)),
		format(pick(panel)),
		ratio(pick(panel), pick(plugin)),
		target,
	];
	return {
		title: `${size.cols}x${size.rows}: the traffic panel's cost (rollouts-tui --traffic, 20/s to each Service)`,
		head: ['', 'kubectl-argo-rollouts', 'rollouts-tui', 'rollouts-tui + panel', 'panel / plugin', 'target'],
		rows: [
			row('bytes/s during 10 s without changes (the panel keeps answering)', r => r.idleBytesPerSecond, bytes),
			row('bytes per image change', r => r.imageBytesPerChange, bytes, '<= 1.0x'),
			row('CPU during the image changes', r => r.imageCpuSeconds, seconds),
			row('peak RSS', r => r.peakRssBytes, mb),
		],
		notes: ['the panel sends 40 requests/s in all; its frames are capped at 10/s and only changed cells are written'],
	};
}
