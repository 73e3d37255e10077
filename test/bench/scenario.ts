// One tool watching one rollout in a pseudo-terminal of one size, while the
// bench makes the same changes for every tool: a quiet period, image changes,
// a pod deleted and replaced, a scale up and down. Everything is measured on
// the emulated screen (Screen) and from /proc, never from the tool's own say-so.
import {cpuSeconds, peakRssBytes} from './proc.js';
import {spawnInPty, type PtyProgram} from './pty.js';
import type {RolloutOps} from './rollout-ops.js';
import {Screen} from './screen.js';
import {sleep} from './util.js';

export interface Tool {
	label: string;
	/** The command that watches rollout `name` in `namespace`. */
	watch(name: string, namespace: string): string[];
	/** Screen text that shows `n` desired replicas, in this tool's words. */
	desired(n: number): RegExp;
}

export interface Size {
	cols: number;
	rows: number;
}

export const IMAGE_CHANGES = 8;
const QUIET_MS = 10_000;
const SETTLE_MS = 1000;
const SEE_TIMEOUT_MS = 15_000;
const REPLICAS = 3;

export interface RunResult {
	firstFrameMs?: number;
	idleBytesPerSecond: number;
	imageBytesPerChange: number;
	/** One per change; undefined = the new tag never showed on the screen. */
	imageLatencies: Array<number | undefined>;
	podBytes: number;
	podLatency?: number;
	scaleBytesPerChange: number;
	scaleLatencies: Array<number | undefined>;
	/** CPU seconds of the tool's process from the first image change to the end of the last. */
	imageCpuSeconds: number;
	peakRssBytes: number;
	/** Screen at the end, for the report when something was not seen. */
	lastScreen: string;
}

const bytesBetween = (program: PtyProgram, from: number, to: number) =>
	program.chunks.reduce((sum, c) => (c.at >= from && c.at < to ? sum + c.data.length : sum), 0);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function runScenario(tool: Tool, size: Size, ops: RolloutOps, name: string): Promise<RunResult> {
	await ops.create(name, REPLICAS);
	const screen = new Screen(size.cols, size.rows);
	const program = spawnInPty(tool.watch(name, ops.namespace), size);
	program.onData((chunk) => screen.feed(chunk));
	try {
		// First frame = the rollout's name and status are on the screen, not just a spinner.
		const shown = await screen.waitFor((t) => t.includes(name) && t.includes('Healthy'), program.startedAt, 30_000);
		const pid = await program.pid();
		await sleep(2000);

		const quietFrom = performance.now();
		await sleep(QUIET_MS);
		const idleBytesPerSecond = bytesBetween(program, quietFrom, performance.now()) / (QUIET_MS / 1000);

		const cpu0 = cpuSeconds(pid);
		const imagesFrom = performance.now();
		const imageLatencies: Array<number | undefined> = [];
		for (let i = 1; i <= IMAGE_CHANGES; i++) {
			const tag = `v${i}`;
			await ops.setImage(name, tag);
			const mark = performance.now();
			const seen = await screen.waitFor((t) => new RegExp(`${escape(':' + tag)}(?![\\w.-])`).test(t), mark, SEE_TIMEOUT_MS);
			imageLatencies.push(seen === undefined ? undefined : seen - mark);
			await ops.settled(name, REPLICAS);
			await sleep(SETTLE_MS);
		}
		const imagesTo = performance.now();
		const imageCpuSeconds = cpuSeconds(pid) - cpu0;

		const pod = await replacePod(ops, name, screen);
		const scale = await scaleUpAndDown(tool, ops, name, screen);
		await screen.settled();
		return {
			firstFrameMs: shown === undefined ? undefined : shown - program.startedAt,
			idleBytesPerSecond,
			imageBytesPerChange: bytesBetween(program, imagesFrom, imagesTo) / IMAGE_CHANGES,
			imageLatencies,
			podBytes: bytesBetween(program, pod.from, pod.to),
			podLatency: pod.latency,
			scaleBytesPerChange: bytesBetween(program, scale.from, scale.to) / 2,
			scaleLatencies: scale.latencies,
			imageCpuSeconds,
			peakRssBytes: peakRssBytes(pid),
			lastScreen: screen.text(),
		};
	} finally {
		await program.stop();
	}
}

/** Deletes a pod of the active ReplicaSet; latency = until its replacement's name is on the screen. */
async function replacePod(ops: RolloutOps, name: string, screen: Screen) {
	const before = await ops.stablePods(name);
	const from = performance.now();
	await ops.deletePod(before[0]!);
	const mark = performance.now();
	const fresh = await ops.newPod(name, before);
	const seen = fresh === undefined ? undefined : await screen.waitFor((t) => t.includes(fresh), mark, SEE_TIMEOUT_MS);
	await ops.settled(name, REPLICAS);
	await sleep(SETTLE_MS);
	return {from, to: performance.now(), latency: seen === undefined ? undefined : seen - mark};
}

/** Scales to 5 and back to 3; latency = until the tool shows the new desired count. */
async function scaleUpAndDown(tool: Tool, ops: RolloutOps, name: string, screen: Screen) {
	const from = performance.now();
	const latencies: Array<number | undefined> = [];
	for (const replicas of [5, REPLICAS]) {
		await ops.scale(name, replicas);
		const mark = performance.now();
		const seen = await screen.waitFor((t) => tool.desired(replicas).test(t), mark, SEE_TIMEOUT_MS);
		latencies.push(seen === undefined ? undefined : seen - mark);
		await ops.settled(name, replicas);
		await sleep(SETTLE_MS);
	}
	return {from, to: performance.now(), latencies};
}
