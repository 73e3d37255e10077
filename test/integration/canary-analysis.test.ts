/**
 * Steps, countdowns and analysis against the real Argo Rollouts controller:
 * our view (derived from our own watches) must say what the controller does,
 * and when. The web metric provider calls a server this test runs on
 * 127.0.0.1; kwok completes the Job provider's pod.
 */
import * as k8s from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RolloutView} from '../../source/model/view.js';
import {plain} from '../../source/ui/lines.js';
import {analysisLines} from '../../source/ui/analysis-lines.js';
import {
	BLUE_IMAGE,
	blueGreenManifest,
	createBlueGreen,
	createNamespace,
	GREEN_IMAGE,
	kubeConfig,
	promoteRollout,
	ROLLOUT,
	setRolloutImage,
} from './helpers.js';
import {canaryRollout, createAnalysisTemplate, JOB_CHECK, liveView, metricServer, WEB_CHECK, type LiveView} from './live-view.js';

let namespace: string;
let live: LiveView;
let server: Awaited<ReturnType<typeof metricServer>>;

beforeAll(async () => {
	namespace = await createNamespace('canary-analysis');
	server = await metricServer({ok: 7, fail: 950, maybe: 300});
	await createAnalysisTemplate(namespace, 'web-check', WEB_CHECK);
	await createAnalysisTemplate(namespace, 'job-check', JOB_CHECK);
	live = liveView(namespace);
});
afterAll(async () => {
	await server?.close();
});

async function createRollout(body: object): Promise<void> {
	await kubeConfig().makeApiClient(k8s.CustomObjectsApi).createNamespacedCustomObject({...ROLLOUT, namespace, body});
}

/** Creates the rollout, waits for Healthy (the first version skips the steps), then starts an update to green. */
async function startUpdate(name: string, body: object): Promise<void> {
	await createRollout(body);
	await live.until(name, (v) => v.status === 'Healthy' && v.replicas.ready === v.replicas.desired, 45_000, `${name} Healthy`);
	await setRolloutImage(namespace, name, GREEN_IMAGE);
}

const states = (v: {steps: Array<{state: string}> | null}) => v.steps?.map((s) => s.state).join(',');

describe.concurrent('with the real controller', () => {
	test('canary steps follow promote; the timed pause ends when our countdown says', async () => {
		const name = 'steps';
		const steps = [{setWeight: 20}, {pause: {}}, {setWeight: 60}, {pause: {duration: '30s'}}, {setWeight: 100}];
		await startUpdate(name, canaryRollout(name, namespace, steps));

		const paused = await live.until(name, (v) => states(v) === 'done,current,pending,pending,pending' && v.pause !== null, 30_000, 'the indefinite pause');
		expect(paused.view.pause).toMatchObject({reason: 'CanaryPauseStep', resumesAt: null});
		expect(paused.view.steps![1]!.live?.text).toBe('waiting for promote');

		await promoteRollout(namespace, name);
		const timed = await live.until(name, (v) => states(v) === 'done,done,done,current,pending' && v.pause?.resumesAt != null, 30_000, 'the timed pause');
		const resumesAt = Date.parse(timed.view.pause!.resumesAt!);
		expect(resumesAt - Date.parse(timed.view.pause!.startedAt!)).toBe(30_000);
		expect(timed.view.countdowns[0]?.kind).toBe('pause');

		const moved = await live.until(name, (v) => v.steps![3]!.state === 'done', 45_000, 'the controller to leave the timed pause');
		// The controller moves on when our view said it would.
		console.log(`timed pause: the controller moved on ${moved.at - resumesAt} ms after our resumesAt`);
		expect(Math.abs(moved.at - resumesAt), `moved at ${new Date(moved.at).toISOString()}, we said ${timed.view.pause!.resumesAt}`).toBeLessThan(2000);
		await live.until(name, (v) => v.status === 'Healthy' && states(v) === 'done,done,done,done,done', 45_000, 'Healthy with every step done');
	}, 150_000);

	test('step analysis: success (web and job), failure with its measured value and message, inconclusive', async () => {
		const step = (path: string, templates = [{templateName: 'web-check'}]) => [
			{setWeight: 50},
			{analysis: {templates, args: [{name: 'url', value: server.url(path)}]}},
			{setWeight: 100},
		];
		await Promise.all([
			startUpdate('ok', canaryRollout('ok', namespace, step('ok', [{templateName: 'web-check'}, {templateName: 'job-check'}]), 1)),
			startUpdate('fail', canaryRollout('fail', namespace, step('fail'), 1)),
			startUpdate('maybe', canaryRollout('maybe', namespace, step('maybe'), 1)),
		]);
		const stepRun = (v: RolloutView, phase: string) => v.revisions.flatMap((r) => r.analysisRuns).find((r) => r.kind === 'Step' && r.status === phase);

		const ok = await live.until('ok', (v) => stepRun(v, 'Successful') !== undefined, 60_000, 'a successful step run');
		const okRun = stepRun(ok.view, 'Successful')!;
		const metrics = Object.fromEntries(okRun.metrics.map((m) => [m.name, m]));
		expect(metrics['latency']).toMatchObject({provider: 'web', phase: 'Successful', successCondition: 'result < 100', failureCondition: 'result > 500', count: 1});
		expect(metrics['latency']!.measurements.at(-1)).toMatchObject({phase: 'Successful', value: '7'});
		expect(metrics['smoke-job']).toMatchObject({provider: 'job', phase: 'Successful'});

		const failed = await live.until('fail', (v) => stepRun(v, 'Failed') !== undefined && v.status === 'Degraded', 60_000, 'a failed step run and an abort');
		const failedRun = failed.view.revisions.flatMap((r) => r.analysisRuns).find((r) => r.status === 'Failed')!;
		expect(failedRun.message).toMatch(/assessed Failed/);
		expect(failedRun.metrics[0]!.measurements.at(-1)).toMatchObject({phase: 'Failed', value: '950'});
		const panel = analysisLines(failed.view, Date.now()).map(plain).join('\n');
		expect(panel).toContain(failedRun.message);
		expect(panel).toMatch(/✖ Failed {2}950/);

		const maybe = await live.until('maybe', (v) => v.pause?.reason === 'InconclusiveAnalysisRun', 60_000, 'an inconclusive run pausing the rollout');
		expect(stepRun(maybe.view, 'Inconclusive')!.metrics[0]!.measurements.at(-1)).toMatchObject({phase: 'Inconclusive', value: '300'});
		expect(maybe.view.steps![1]!.live?.text).toBe('analysis inconclusive: waiting for promote');
		expect(server.hits()).toBeGreaterThanOrEqual(3);
	}, 150_000);

	test('workloadRef: the view reads the referenced Deployment; an image change there rolls the rollout', async () => {
		const name = 'wref';
		const labels = {app: name};
		const apps = kubeConfig().makeApiClient(k8s.AppsV1Api);
		const template = {metadata: {labels}, spec: {containers: [{name, image: BLUE_IMAGE, resources: {requests: {cpu: '5m', memory: '32Mi'}}}]}};
		// The Deployment only holds the template: scaled to 0, the rollout runs the pods.
		await apps.createNamespacedDeployment({namespace, body: {metadata: {name, labels}, spec: {replicas: 0, selector: {matchLabels: labels}, template}}});
		const rollout = canaryRollout(name, namespace, [], 1);
		const {template: _own, ...spec} = rollout.spec;
		await createRollout({...rollout, spec: {...spec, workloadRef: {apiVersion: 'apps/v1', kind: 'Deployment', name}}});
		const first = await live.until(name, (v) => v.status === 'Healthy' && v.workloadRef?.found === true, 45_000, 'Healthy with its Deployment');
		expect(first.view.workloadRef).toEqual({kind: 'Deployment', name, found: true, images: [BLUE_IMAGE]});
		expect(first.view.images.map((i) => i.image)).toEqual([BLUE_IMAGE]);

		await apps.patchNamespacedDeployment(
			{namespace, name, body: [{op: 'replace', path: '/spec/template/spec/containers/0/image', value: GREEN_IMAGE}]},
			k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
		);
		const second = await live.until(
			name,
			(v) => v.status === 'Healthy' && v.images.some((i) => i.image === GREEN_IMAGE && i.tags.includes('stable')),
			60_000,
			'the rollout to run the Deployment\'s new image',
		);
		expect(second.view.workloadRef?.images).toEqual([GREEN_IMAGE]);
		expect(second.view.currentRevision).toBe(2);
	}, 150_000);

	test('blue-green: pre-promotion analysis, then auto-promotion when the countdown ends', async () => {
		const name = 'bg';
		const manifest = blueGreenManifest({name, namespace, replicas: 1});
		manifest.rollout.spec.strategy.blueGreen = {
			...manifest.rollout.spec.strategy.blueGreen,
			autoPromotionSeconds: 20,
			prePromotionAnalysis: {templates: [{templateName: 'web-check'}], args: [{name: 'url', value: server.url('ok')}]},
		};
		await createBlueGreen(manifest);
		await live.until(name, (v) => v.status === 'Healthy', 45_000, `${name} Healthy`);
		await setRolloutImage(namespace, name, GREEN_IMAGE);

		const pre = await live.until(name, (v) => v.blueGreen?.prePromotion?.status === 'Successful', 45_000, 'the pre-promotion analysis to succeed');
		expect(pre.view.revisions[0]!.analysisRuns.some((r) => r.kind === 'PrePromotion' && r.status === 'Successful')).toBe(true);
		const paused = await live.until(name, (v) => v.pause?.resumesAt != null, 45_000, 'the auto-promotion countdown');
		const resumesAt = Date.parse(paused.view.pause!.resumesAt!);
		expect(paused.view.pause!.reason).toBe('BlueGreenPause');
		expect(resumesAt - Date.parse(paused.view.pause!.startedAt!)).toBe(20_000);
		expect(paused.view.countdowns.find((c) => c.kind === 'autoPromotion')?.at).toBe(paused.view.pause!.resumesAt);

		const promoted = await live.until(name, (v) => {
			const current = v.revisions[0]?.replicaSets[0]?.hash;
			return current !== undefined && v.services.active?.hash === current;
		}, 45_000, 'the controller to switch the active Service');
		console.log(`auto-promotion: the active Service switched ${promoted.at - resumesAt} ms after our resumesAt`);
		expect(Math.abs(promoted.at - resumesAt), `promoted at ${new Date(promoted.at).toISOString()}, we said ${paused.view.pause!.resumesAt}`).toBeLessThan(2000);
	}, 150_000);
});
