import {describe, expect, it} from 'vitest';
import {parseProbeArgs, probeJson, probeText} from '../../source/probe-command.js';
import {servicePort, serviceForRole} from '../../source/kube/probe-target.js';
import {trafficStats} from '../../source/model/traffic-stats.js';
import {rolloutOf} from '../../source/domain/rollout.js';

describe('probe command', () => {
	it('parses its flags with the demo protocol as default', () => {
		expect(parseProbeArgs(['demo'])).toMatchObject({name: 'demo', count: 100, rate: 20, expectShare: 0.95, path: '/color', method: 'POST', version: {by: 'body'}, json: false});
		expect(parseProbeArgs(['demo', '-o', 'json', '--rate', '50', '--count', '7', '--service', 'preview', '--probe-method', 'get', '--probe-version', 'pod:X-Pod-Name'])).toMatchObject({
			json: true, rate: 50, count: 7, service: 'preview', method: 'GET', version: {by: 'pod', header: 'X-Pod-Name'},
		});
	});

	it.each([
		[['demo', '--rate', '51'], /--rate must be a number from 1 to 50/],
		[['demo', '--count', '0'], /--count must be a whole number/],
		[['demo', '--expect-share', '2'], /--expect-share must be between 0 and 1/],
		[['demo', '--probe-path', 'color'], /--probe-path must start with \//],
		[['demo', '--probe-version', 'colour'], /--probe-version must be body/],
		[['demo', '--bogus'], /unknown flag --bogus for probe/],
		[[], /usage: rollouts-tui probe NAME/],
	])('rejects %j in one line', (argv, pattern) => {
		expect(() => parseProbeArgs(argv)).toThrow(pattern);
	});

	it('prints the documented JSON shape and a text line without control characters', () => {
		const stats = trafficStats([
			{at: 1, latencyMs: 5, outcome: {kind: 'answer', version: 'green'}},
			{at: 2, latencyMs: 9, outcome: {kind: 'error', error: 'unexpected', detail: 'the answer names no version: \u001b]0;x\u0007'}},
		]);
		const target = {namespace: 'ns', service: 'demo', role: 'active' as const, port: 'http'};
		const json = JSON.parse(probeJson(target, stats));
		expect(Object.keys(json).slice(0, 5)).toEqual(['service', 'requests', 'errors', 'latencyMs', 'versions']);
		expect(json.versions).toEqual([{version: 'green', answers: 1, share: 0.5}]);
		const text = probeText(target, stats);
		expect(text).toContain('Service demo (active): 2 requests, 1 errors (50%); green 50%, latency p50 5 ms, p95 9 ms');
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
	});

	it('finds the Service of a role and the port to use', () => {
		const rollout = rolloutOf({metadata: {name: 'r'}, spec: {strategy: {blueGreen: {activeService: 'a', previewService: 'p'}}}});
		expect(serviceForRole(rollout, 'preview')).toBe('p');
		expect(serviceForRole(rollout, 'canary')).toBeUndefined();
		const service = {metadata: {name: 's'}, spec: {ports: [{name: 'http', port: 80}, {port: 9090}]}};
		expect(servicePort(service)).toBe('http');
		expect(servicePort(service, '9090')).toBe('9090');
		expect(servicePort(service, '80')).toBe('http');
		expect(() => servicePort(service, '81')).toThrow('Service s has no port 81 (it has http:80, 9090)');
		expect(() => servicePort({metadata: {name: 'e'}, spec: {}})).toThrow('Service e declares no ports');
	});
});
