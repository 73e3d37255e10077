// Every file-level case of issue 7 through the built CLI: each gets one clean
// line on stderr and a non-zero exit, or a correct view, within the issue's
// 5 s. The files are generated here at run time, in a temporary directory.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';

const BOUND_MS = 5_000;
/** Planted in hostile files: no error line may repeat it. */
const MARKER = 'SECRET-MARKER';

const dir = mkdtempSync(path.join(tmpdir(), 'rollouts-tui-hostile-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function file(name: string, text: string): string {
	const target = path.join(dir, name);
	writeFileSync(target, text);
	return target;
}

function cli(args: string[], input?: string) {
	const started = Date.now();
	// The timeout only stops a hang from stalling the run; the bound below is the real check.
	const result = spawnSync('node', ['dist/rollouts-tui.mjs', ...args], {encoding: 'utf8', input, timeout: 60_000, maxBuffer: 1 << 30, env: {...process.env, KUBECONFIG: ''}});
	return {code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started};
}

function expectCleanError(result: ReturnType<typeof cli>, words: RegExp) {
	expect(result.ms).toBeLessThan(BOUND_MS);
	expect(result.signal).toBeNull();
	expect(result.code).not.toBe(0);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatch(/^rollouts-tui: [^\n]*\n$/);
	expect(result.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
	expect(result.stderr).not.toContain(MARKER);
	expect(result.stderr).toMatch(words);
}

function expectView(result: ReturnType<typeof cli>) {
	expect(result.ms).toBeLessThan(BOUND_MS);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as {rollouts: Array<Record<string, any>>};
}

const rollout = (extra: Record<string, unknown> = {}) => ({
	apiVersion: 'argoproj.io/v1alpha1',
	kind: 'Rollout',
	metadata: {name: 'shop', namespace: 'demo', uid: 'ro-uid'},
	spec: {replicas: 1, strategy: {blueGreen: {activeService: 'shop'}}},
	...extra,
});
const replicaSet = {kind: 'ReplicaSet', metadata: {name: 'shop-aaa', namespace: 'demo', uid: 'rs-uid', labels: {'rollouts-pod-template-hash': 'aaa'}, annotations: {'rollout.argoproj.io/revision': '1'}, ownerReferences: [{uid: 'ro-uid'}]}};
const pod = (metadata: Record<string, unknown>, status: Record<string, unknown> = {}) => ({kind: 'Pod', metadata: {name: 'shop-aaa-1', namespace: 'demo', ownerReferences: [{uid: 'rs-uid'}], ...metadata}, status});
const list = (...items: unknown[]) => JSON.stringify({apiVersion: 'v1', kind: 'List', items});

describe('hostile --file input: one clean line and a non-zero exit', () => {
	const deep = /nested deeper than 256 levels/;
	it.each([
		['arrays nested 100,000 deep (YAML)', () => `${MARKER}: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, deep],
		['arrays nested 100,000 deep (JSON)', () => '['.repeat(100_000) + ']'.repeat(100_000), deep],
		['Lists nested 20,000 deep', () => {
			let text = JSON.stringify(pod({}));
			for (let i = 0; i < 20_000; i++) text = `{"kind":"List","items":[${text}]}`;
			return text;
		}, deep],
		['a cyclic anchor', () => `kind: List\nitems: &${MARKER} [*${MARKER}]\n`, /not valid YAML \(an alias refers to a node that contains it, a cycle\)/],
		['billion laughs, doubling', () => `kind: List\nitems:\n- &a0 {kind: Pod, metadata: {name: ${MARKER}}}\n${Array.from({length: 40}, (_, i) => `- &a${i + 1} [*a${i}, *a${i}]\n`).join('')}`, /its YAML aliases expand to more than \d+ values/],
		['billion laughs, nine-fold', () => {
			let text = `a0: &a0 [${Array(9).fill(MARKER).join(', ')}]\n`;
			for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
			return text;
		}, /its YAML aliases expand to more than \d+ values/],
		['a tag with ESC and a newline in it', () => `kind: Pod\nmetadata: !<tag:\u001b]0;${MARKER}\u0007\n${MARKER}> {name: x}\n`, /^rollouts-tui: --file .*: not valid YAML or JSON \(line 2, column \d+: tag name cannot contain such characters\)\n$/],
		['a List whose items is an object', () => `kind: List\nitems: {kind: Rollout, metadata: {name: ${MARKER}}}\n`, /a List whose items is an object, not a list/],
	])('%s', (_name, text, words) => {
		expectCleanError(cli(['--file', file(`${_name.replace(/\W+/g, '-')}.yaml`, text()), '-o', 'json']), words);
	});

	it("--file '' is an error, not the cluster", () => {
		expectCleanError(cli(['--file', '', '-o', 'json']), /--file needs a path \(or - for standard input\)/);
		expectCleanError(cli(['promote', 'shop', '--file', '']), /promote needs a cluster; --file is read-only/);
	});

	it('--file - reads standard input, with the same errors', () => {
		const view = expectView(cli(['--file', '-', '-o', 'json'], list(rollout())));
		expect(view.rollouts.map(r => r.name)).toEqual(['shop']);
		expectCleanError(cli(['--file', '-', '-o', 'json'], `${MARKER}: [`), /^rollouts-tui: --file -: not valid YAML or JSON \(line \d+, column \d+: [^)]+\)\n$/);
	});
});

describe('hostile --file input: a correct view, every other field intact', () => {
	it('one Pod with 150,000 ownerReferences', () => {
		const refs = Array.from({length: 150_000}, (_, i) => ({uid: i === 149_999 ? 'rs-uid' : `owner-${i}`}));
		const view = expectView(cli(['--file', file('owners.json', list(rollout(), replicaSet, pod({ownerReferences: refs}))), '-o', 'json']));
		expect(view.rollouts[0]?.revisions[0].replicaSets[0].pods.map((p: {name: string}) => p.name)).toEqual(['shop-aaa-1']);
	});

	it.each([['1e308', 1e308], ['99999999999999999999h', '99999999999999999999h']])('a canary pause.duration of %s', (_name, duration) => {
		const canary = rollout({
			spec: {replicas: 1, strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration}}]}}},
			status: {currentStepIndex: 1, pauseConditions: [{reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z'}]},
		});
		const [view] = expectView(cli(['--file', file('pause.json', list(canary)), '-o', 'json'])).rollouts;
		expect(view).toMatchObject({name: 'shop', status: 'Paused', message: 'CanaryPauseStep', step: '1/2', setWeight: 20});
	});

	it('restarts of 1e308 in two containers', () => {
		const restarting = pod({}, {containerStatuses: [{restartCount: 1e308}, {restartCount: 1e308}, {restartCount: 4}]});
		const [view] = expectView(cli(['--file', file('restarts.json', list(rollout(), replicaSet, restarting)), '-o', 'json'])).rollouts;
		expect(view?.revisions[0].replicaSets[0].pods[0].restarts).toBe(4);
	});

	it('a 20 MB pod name gives bounded text output', () => {
		const text = list(rollout(), replicaSet, pod({name: `p\u001b]0;title\u0007${'p'.repeat(20_000_000)}`}));
		const result = cli(['--file', file('big-name.json', text), '-o', 'text']);
		expect(result.ms).toBeLessThan(BOUND_MS);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^Name: +shop$/m);
		expect(result.stdout.length).toBeLessThan(20_000);
		expect(result.stdout).not.toContain('\u001b');
	});
});
