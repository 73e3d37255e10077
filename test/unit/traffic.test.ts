import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {classifyResponse, parseVersionSource, podTemplateHash, versionInBody, type ProbeSample} from '../../source/model/traffic.js';
import {percentile, shareOf, trafficStats, windowStats} from '../../source/model/traffic-stats.js';
import {answered, clampRate, maySend, MAX_RATE, sent, startPace, waitMs} from '../../source/model/traffic-pace.js';

const status = (code: number, message: string, reason = '') => JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code});
const body = {by: 'body'} as const;

describe('classifyResponse', () => {
	it('reads the demo answer and other version bodies', () => {
		expect(classifyResponse({status: 200, headers: {}, body: '"green"'}, body, 's')).toEqual({kind: 'answer', version: 'green'});
		expect(versionInBody('{"color":"blue"}')).toBe('blue');
		expect(versionInBody('{"version":"v2.1"}')).toBe('v2.1');
		expect(versionInBody('yellow\n')).toBe('yellow');
		expect(versionInBody('<html><body>hi</body></html>')).toBeUndefined();
	});

	it('says in words what the API server refused', () => {
		const denied = classifyResponse({status: 403, headers: {}, body: status(403, 'services "bg:http" is forbidden: User "v" cannot create resource "services/proxy"')}, body, 'bg');
		expect(denied).toMatchObject({kind: 'error', error: 'denied'});
		expect(denied.kind === 'error' && denied.detail).toContain('services/proxy');
		expect(classifyResponse({status: 503, headers: {}, body: status(503, 'no endpoints available for service "bg"')}, body, 'bg')).toEqual({
			kind: 'error',
			error: 'no-endpoints',
			detail: 'Service bg has no ready endpoints',
		});
		expect(classifyResponse({status: 503, headers: {}, body: status(503, 'no service port 81 found for service "bg"')}, body, 'bg')).toMatchObject({error: 'no-service'});
		expect(classifyResponse({status: 404, headers: {}, body: status(404, 'services "nope" not found', 'NotFound')}, body, 'nope')).toMatchObject({error: 'no-service'});
		expect(classifyResponse({status: 503, headers: {}, body: status(503, 'error trying to reach service: dial tcp 100.64.1.2:8080: connect: connection refused')}, body, 'bg')).toMatchObject({error: 'proxy'});
		expect(classifyResponse({status: 429, headers: {}, body: status(429, 'Too many requests')}, body, 'bg')).toMatchObject({error: 'throttled'});
	});

	it('tells the app failing from the app answering something unexpected', () => {
		expect(classifyResponse({status: 500, headers: {}, body: '"injected error"'}, body, 'bg')).toMatchObject({error: 'server-error'});
		expect(classifyResponse({status: 404, headers: {}, body: 'no route'}, body, 'bg')).toMatchObject({error: 'client-error', detail: 'the app answered 404: no route'});
		const odd = classifyResponse({status: 200, headers: {}, body: '<html>welcome</html>'}, body, 'bg');
		expect(odd).toMatchObject({error: 'unexpected'});
		expect(odd.kind === 'error' && odd.detail).toContain('<html>welcome</html>');
	});

	it('reads the version from a header or from the answering pod', () => {
		expect(classifyResponse({status: 200, headers: {'x-version': 'v3'}, body: ''}, {by: 'header', name: 'X-Version'}, 's')).toEqual({kind: 'answer', version: 'v3'});
		expect(classifyResponse({status: 200, headers: {'x-pod-name': 'demo-6cbccd9f99-fv5zq'}, body: 'ok'}, {by: 'pod', header: 'x-pod-name'}, 's')).toEqual({kind: 'answer', version: '6cbccd9f99'});
		expect(classifyResponse({status: 200, headers: {}, body: 'ok'}, {by: 'header', name: 'x-version'}, 's')).toMatchObject({error: 'unexpected'});
		expect(podTemplateHash('standalone')).toBeUndefined();
		expect(parseVersionSource('header:X-Version')).toEqual({by: 'header', name: 'X-Version'});
		expect(parseVersionSource('pod:X-Pod-Name')).toEqual({by: 'pod', header: 'X-Pod-Name'});
		expect(parseVersionSource(undefined)).toEqual({by: 'body'});
		expect(parseVersionSource('header:')).toBeUndefined();
		expect(parseVersionSource('colour')).toBeUndefined();
	});
});

const sample = (at: number, outcome: ProbeSample['outcome'], latencyMs = 10): ProbeSample => ({at, latencyMs, outcome});
const answer = (version: string) => ({kind: 'answer', version}) as const;
const failed = {kind: 'error', error: 'server-error', detail: 'the app answered 500'} as const;

describe('trafficStats', () => {
	it('counts shares against all requests, the error rate and nearest-rank latencies', () => {
		const samples = [
			...Array.from({length: 16}, (_, i) => sample(i, answer('green'), i + 1)),
			...Array.from({length: 4}, (_, i) => sample(100 + i, failed, 100)),
		];
		const stats = trafficStats(samples);
		expect(stats).toMatchObject({requests: 20, errors: 4, errorRate: 0.2, versions: [{version: 'green', answers: 16, share: 0.8}]});
		expect(stats.latencyMs).toEqual({p50: 10, p95: 100});
		expect(stats.lastError).toEqual({kind: 'server-error', detail: 'the app answered 500'});
		expect(shareOf(stats, 'green')).toBe(0.8);
		expect(shareOf(stats, 'blue')).toBe(0);
		expect(trafficStats([])).toMatchObject({requests: 0, errorRate: 0, latencyMs: null});
	});

	it('keeps only the last five seconds in the window', () => {
		const samples = [sample(1000, answer('blue')), sample(6000, answer('green')), sample(9000, answer('green'))];
		expect(windowStats(samples, 10_000).versions).toEqual([{version: 'green', answers: 2, share: 1}]);
	});

	it('shares and the error rate always add up to one', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom<ProbeSample['outcome']>(answer('blue'), answer('green'), failed), {minLength: 1}), (outcomes) => {
				const stats = trafficStats(outcomes.map((o, i) => sample(i, o)));
				const total = stats.versions.reduce((sum, v) => sum + v.share, 0) + stats.errorRate;
				expect(total).toBeCloseTo(1, 9);
			}),
		);
	});

	it('percentile is nearest-rank', () => {
		expect(percentile([1, 2, 3, 4], 50)).toBe(2);
		expect(percentile([1, 2, 3, 4], 95)).toBe(4);
		expect(percentile([], 50)).toBe(0);
	});
});

describe('pace', () => {
	it('never sends more than the rate in any second, however late the clock ticks', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 80}), fc.array(fc.integer({min: 0, max: 120}), {minLength: 50, maxLength: 300}), (rate, gaps) => {
				let now = 0;
				let pace = startPace(rate, now);
				const sends: number[] = [];
				for (const gap of gaps) {
					now += gap;
					while (maySend(pace, now)) {
						pace = sent(pace, now);
						sends.push(now);
						pace = answered(pace, now, false);
					}
				}
				const limit = clampRate(rate);
				for (let i = limit; i < sends.length; i++) expect(sends[i]! - sends[i - limit]!).toBeGreaterThanOrEqual(1000 - 1e-6);
			}),
		);
	});

	it('caps the rate and the requests in flight', () => {
		expect(clampRate(500)).toBe(MAX_RATE);
		expect(clampRate(0)).toBe(1);
		let pace = startPace(2, 0);
		pace = sent(pace, 0);
		pace = sent(pace, 500);
		expect(maySend(pace, 5000)).toBe(false); // two in flight at 2/s
		pace = answered(pace, 5000, false);
		expect(maySend(pace, 5000)).toBe(true);
	});

	it('pauses after a 429, longer each time in a row, and for Retry-After', () => {
		let pace = sent(startPace(20, 0), 0);
		pace = answered(pace, 0, true);
		const first = waitMs(pace, 0);
		expect(first).toBeGreaterThanOrEqual(400);
		pace = answered(sent(pace, first), first, true);
		expect(waitMs(pace, first)).toBeGreaterThan(first);
		pace = answered(sent(startPace(20, 0), 0), 0, true, 7);
		expect(waitMs(pace, 0)).toBe(7000);
		expect(answered(pace, 10, false).throttled).toBe(0);
	});
});
