import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {UserError} from '../../source/errors.js';
import {loadFileSource} from '../../source/kube/file-source.js';

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-source-'));
});
afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

function write(name: string, text: string): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

function userError(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(UserError);
		return (error as Error).message;
	}
	throw new Error('expected a UserError');
}

const names = (items: Array<{metadata?: {name?: string}}>) => items.map((item) => item.metadata?.name);

describe('loadFileSource', () => {
	it('reads a YAML List and sorts objects by kind, ignoring other kinds', async () => {
		const file = write(
			'list.yaml',
			`apiVersion: v1
kind: List
items:
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: shop, namespace: demo, managedFields: [{manager: kubectl}]}
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata: {name: shop-abc, namespace: demo}
- apiVersion: v1
  kind: Pod
  metadata: {name: shop-abc-1, namespace: demo}
- apiVersion: v1
  kind: Service
  metadata: {name: shop-active, namespace: demo}
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: shop, namespace: demo}
- apiVersion: argoproj.io/v1alpha1
  kind: AnalysisRun
  metadata: {name: shop-run, namespace: demo}
- apiVersion: argoproj.io/v1alpha1
  kind: Experiment
  metadata: {name: shop-exp, namespace: demo}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: ignored, namespace: demo}
`,
		);
		const source = loadFileSource(file);
		await expect(source.ready()).resolves.toBeUndefined();
		const snapshot = source.getSnapshot();
		expect(names(snapshot.objects.rollouts)).toEqual(['shop']);
		expect(names(snapshot.objects.replicaSets)).toEqual(['shop-abc']);
		expect(names(snapshot.objects.pods)).toEqual(['shop-abc-1']);
		expect(names(snapshot.objects.services)).toEqual(['shop-active']);
		expect(names(snapshot.objects.ingresses)).toEqual(['shop']);
		expect(names(snapshot.objects.analysisRuns)).toEqual(['shop-run']);
		expect(names(snapshot.objects.experiments)).toEqual(['shop-exp']);
		expect(snapshot.objects.rollouts[0]?.metadata).not.toHaveProperty('managedFields');
		expect(snapshot.watches.every((watch) => watch.state === 'live' && watch.reason === null)).toBe(true);
		expect(snapshot.watches).toHaveLength(9);
		// Static: the same object every time.
		expect(source.getSnapshot()).toBe(snapshot);
		source.start();
		source.stop();
	});

	it('reads multi-document YAML, including nested typed lists without item kinds', () => {
		const file = write(
			'multi.yaml',
			`---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: a, namespace: x}
---
# an empty document
---
apiVersion: v1
kind: PodList
items:
- metadata: {name: p1, namespace: x}
- metadata: {name: p2, namespace: x}
`,
		);
		const {objects} = loadFileSource(file).getSnapshot();
		expect(names(objects.rollouts)).toEqual(['a']);
		expect(names(objects.pods)).toEqual(['p1', 'p2']);
		expect(objects.pods[0]?.kind).toBe('Pod');
	});

	it('reads JSON: a List, a single object, or an array', () => {
		const list = write(
			'list.json',
			JSON.stringify({
				apiVersion: 'v1',
				kind: 'List',
				items: [
					{kind: 'Service', metadata: {name: 's'}},
					{kind: 'ServiceList', items: [{metadata: {name: 's2'}}]},
				],
			}, null, '\t'),
		);
		expect(names(loadFileSource(list).getSnapshot().objects.services)).toEqual(['s', 's2']);
		const single = write('one.json', JSON.stringify({kind: 'Rollout', metadata: {name: 'r'}}));
		expect(names(loadFileSource(single).getSnapshot().objects.rollouts)).toEqual(['r']);
		const array = write('array.json', JSON.stringify([{kind: 'Pod', metadata: {name: 'p'}}]));
		expect(names(loadFileSource(array).getSnapshot().objects.pods)).toEqual(['p']);
	});

	it('reports a missing file', () => {
		const file = path.join(dir, 'nope.yaml');
		expect(userError(() => loadFileSource(file))).toBe(`cannot read --file ${file}: no such file`);
	});

	it('reports bad YAML with its line, without quoting the file', () => {
		const file = write('bad.yaml', 'kind: Rollout\nmetadata:\n  name: a\n   namespace: secret-value\n');
		const message = userError(() => loadFileSource(file));
		expect(message).toMatch(new RegExp(`^--file ${file}: not valid YAML or JSON \\(line 4, column 13: bad indentation of a mapping entry\\)$`));
		expect(message).not.toContain('secret-value');
	});

	it('reports bad JSON with its line', () => {
		const file = write('bad.json', '{\n  "kind": "Rollout",\n  "metadata": {"name": "a"},,\n}\n');
		expect(userError(() => loadFileSource(file))).toMatch(new RegExp(`^--file ${file}: not valid YAML or JSON \\(line 3, column 29: expected the node content, but found\\)$`));
	});

	it('reports a file without Kubernetes objects', () => {
		for (const [name, text] of [
			['empty.yaml', ''],
			['scalar.yaml', 'just a string\n'],
			['plain.json', '{"hello": "world"}'],
			['empty-list.yaml', 'kind: List\nitems: []\n'],
		] as const) {
			const file = write(name, text);
			expect(userError(() => loadFileSource(file))).toBe(`--file ${file}: contains no Kubernetes objects`);
		}
	});
});
