// npm run bench:vs-plugin: rollouts-tui next to the real kubectl-argo-rollouts
// plugin (built by test/cluster), on the local control plane, each in its own
// pseudo-terminal at 120x40, 40x12 and 200x60, with the same changes for both.
// Prints numbers and ratios (rollouts-tui / plugin) next to the issue's
// targets; asserts nothing. Exits 0 unless the bench itself breaks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {adminKubeConfig, build, down, pluginBinary, up} from '../cluster/cluster.js';
import {timeCommand, type Timing} from './one-shot.js';
import {RolloutOps} from './rollout-ops.js';
import {IMAGE_CHANGES, runScenario, type RunResult, type Size, type Tool} from './scenario.js';
import {formatTable, mb, ms, quantile, type Table} from './util.js';
import {trafficPanelTable} from './vs-plugin-traffic.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BUNDLE = path.join(root, 'dist', 'rollouts-tui.mjs');
// BENCH_SIZES=120x40,40x12 runs only those sizes.
const SIZES: Size[] = (process.env['BENCH_SIZES'] ?? '120x40,40x12,200x60').split(',').map((size) => {
	const [cols, rows] = size.split('x').map(Number);
	if (!cols || !rows) throw new Error(`BENCH_SIZES: "${size}" is not COLSxROWS`);
	return {cols, rows};
});

async function main(): Promise<void> {
	if (!fs.existsSync(BUNDLE)) throw new Error(`${path.relative(root, BUNDLE)} missing: run npm run build`);
	const binDir = await build({onProgress: () => {}});
	const cluster = await up({binDir, owner: 'cli', log: () => {}});
	const kubeconfig = cluster.paths.kubeconfig;
	const plugin = pluginBinary(cluster.state.binDir);
	const tools = {
		plugin: {
			label: 'kubectl-argo-rollouts',
			watch: (name, namespace) => [plugin, 'get', 'rollout', name, '-n', namespace, '--kubeconfig', kubeconfig, '--watch'],
			desired: (n) => new RegExp(`Desired:\\s+${n}\\b`),
		},
		tui: {
			label: 'rollouts-tui',
			watch: (name, namespace) => [process.execPath, BUNDLE, name, '-n', namespace, '--kubeconfig', kubeconfig],
			desired: (n) => new RegExp(`desired ${n}\\b`),
		},
		panel: {
			label: 'rollouts-tui --traffic',
			watch: (name, namespace) => [process.execPath, BUNDLE, name, '-n', namespace, '--kubeconfig', kubeconfig, '--traffic'],
			desired: (n) => new RegExp(`desired ${n}\\b`),
		},
	} satisfies Record<string, Tool>;

	console.log(`rollouts-tui vs kubectl-argo-rollouts — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
	console.log(`plugin: ${plugin}; rollouts-tui: ${path.relative(root, BUNDLE)} (${(fs.statSync(BUNDLE).size / 1024).toFixed(0)} KB); cluster ${cluster.reused ? 'reused' : 'started'}`);
	const ops = await RolloutOps.inNewNamespace(adminKubeConfig(cluster.paths), `bench-vs-${Date.now().toString(36)}`);
	try {
		for (const size of SIZES) {
			const plugRun = await runScenario(tools.plugin, size, ops, `plugin-${size.cols}x${size.rows}`);
			const tuiRun = await runScenario(tools.tui, size, ops, `tui-${size.cols}x${size.rows}`);
			console.log(formatTable(sizeTable(size, plugRun, tuiRun)));
			// BENCH_TRAFFIC=0 skips the run with the traffic panel on; below 24 rows the pinned panel hides the image line the scenario watches.
			if (process.env['BENCH_TRAFFIC'] !== '0' && size.rows >= 24) {
				const panelRun = await runScenario(tools.panel, size, ops, `panel-${size.cols}x${size.rows}`);
				console.log(formatTable(trafficPanelTable(size, plugRun, tuiRun, panelRun)));
			}
			for (const [label, run] of [[tools.plugin.label, plugRun], [tools.tui.label, tuiRun]] as const) {
				if (run.imageLatencies.includes(undefined) || run.podLatency === undefined || run.scaleLatencies.includes(undefined)) {
					console.log(`  note: ${label} did not show everything at ${size.cols}x${size.rows}; its last screen:\n${indent(run.lastScreen)}`);
				}
			}
		}
		const name = `plugin-${SIZES[0]!.cols}x${SIZES[0]!.rows}`;
		const common = [name, '-n', ops.namespace, '--kubeconfig', kubeconfig];
		const node = [process.execPath, BUNDLE];
		console.log(formatTable(oneShotTable([
			['get rollout (text)', timeCommand([plugin, 'get', 'rollout', ...common]), timeCommand([...node, ...common, '-o', 'text']), '<= 1.0x'],
			['version', timeCommand([plugin, 'version']), timeCommand([...node, '--version']), '<= 1.0x'],
			['help', timeCommand([plugin, '--help']), timeCommand([...node, '--help']), ''],
			['--file examples/bluegreen-paused.yaml -o text', undefined, timeCommand([...node, '--file', path.join(root, 'examples', 'bluegreen-paused.yaml'), '-o', 'text']), ''],
		])));
	} finally {
		await ops.deleteNamespace().catch((error: unknown) => console.log(`  (namespace ${ops.namespace} not deleted: ${String(error)})`));
		if (!cluster.reused) await down({log: () => {}});
	}
}

const indent = (text: string) => text.split('\n').map((line) => `    | ${line}`).join('\n');
const ratio = (ours: number | undefined, theirs: number | undefined) =>
	ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0 ? '-' : `${(ours / theirs).toFixed(2)}x`;
const bytes = (n: number) => `${n.toFixed(0)} B`;
const seconds = (n: number) => `${n.toFixed(2)} s`;
const maybe = (n: number | undefined, format: (n: number) => string) => (n === undefined ? 'not shown' : format(n));

function latencyStats(samples: Array<number | undefined>) {
	const seen = samples.filter((s): s is number => s !== undefined);
	return {seen: seen.length, p50: seen.length ? quantile(seen, 0.5) : undefined, p95: seen.length ? quantile(seen, 0.95) : undefined, max: seen.length ? Math.max(...seen) : undefined};
}

function sizeTable(size: Size, plugin: RunResult, tui: RunResult): Table {
	const rows: string[][] = [];
	const row = (metric: string, a: number | undefined, b: number | undefined, format: (n: number) => string, target = '') =>
		rows.push([metric, maybe(a, format), maybe(b, format), ratio(b, a), target]);
	row('time to first frame', plugin.firstFrameMs, tui.firstFrameMs, ms, '<= 1.0x');
	row('idle bytes/s (10 s quiet)', plugin.idleBytesPerSecond, tui.idleBytesPerSecond, bytes, '<= 0.10x');
	row(`bytes per image change (${IMAGE_CHANGES})`, plugin.imageBytesPerChange, tui.imageBytesPerChange, bytes, '<= 0.10x');
	const [pl, tl] = [latencyStats(plugin.imageLatencies), latencyStats(tui.imageLatencies)];
	row(`image change latency p50 (seen ${pl.seen}/${tl.seen} of ${IMAGE_CHANGES})`, pl.p50, tl.p50, ms, '<= 0.25x');
	row('image change latency p95', pl.p95, tl.p95, ms);
	row('image change latency max', pl.max, tl.max, ms);
	row('CPU during the image changes', plugin.imageCpuSeconds, tui.imageCpuSeconds, seconds, '<= 1.0x');
	row('peak RSS', plugin.peakRssBytes, tui.peakRssBytes, mb, '<= 1.3x');
	row('bytes for a pod deleted and replaced', plugin.podBytes, tui.podBytes, bytes);
	row('pod replacement latency (new pod name shown)', plugin.podLatency, tui.podLatency, ms);
	row('bytes per scale change (3->5, 5->3)', plugin.scaleBytesPerChange, tui.scaleBytesPerChange, bytes);
	const [ps, ts] = [latencyStats(plugin.scaleLatencies), latencyStats(tui.scaleLatencies)];
	row(`scale latency max (desired count shown, ${ps.seen}/${ts.seen} of 2)`, ps.max, ts.max, ms);
	return {
		title: `${size.cols}x${size.rows}: watching one blue-green rollout (3 pods), same changes for both`,
		head: ['', 'kubectl-argo-rollouts', 'rollouts-tui', 'ratio', 'target'],
		rows,
		notes: ['latency = from the API call returning to the first emulated screen (@xterm/headless) showing the change'],
	};
}

function oneShotTable(rows: Array<[string, Timing | undefined, Timing, string]>): Table {
	const cell = (t: Timing | undefined) => (t ? `${ms(t.medianMs)} (min ${ms(t.minMs)}, exit ${t.codes})` : '-');
	return {
		title: 'One-shot commands: wall time, 1 warm-up then the median of 9 runs (rollouts-tui = node dist/rollouts-tui.mjs)',
		head: ['command', 'kubectl-argo-rollouts', 'rollouts-tui', 'ratio', 'target'],
		rows: rows.map(([label, theirs, ours, target]) => [label, cell(theirs), cell(ours), ratio(ours.medianMs, theirs?.medianMs), target]),
	};
}

try {
	await main();
} catch (error) {
	console.log(`\nbench:vs-plugin failed — ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	process.exitCode = 1;
}
