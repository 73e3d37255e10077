import {describe, expect, it} from 'vitest';
import {resourceType} from '../../source/kube/resources.js';
import {classifyWatchError, displayServer, errorCode, KubeApiError, redact, WatchTimeoutError} from '../../source/kube/watch-errors.js';
import {UNAUTHORIZED} from '../../source/kube/error-words.js';

const server = 'https://127.0.0.1:6443';
const pods = {type: resourceType('pods'), namespace: 'shop', server};
const rollouts = {type: resourceType('rollouts'), namespace: 'shop', server};
const ingressesEverywhere = {type: resourceType('ingresses'), namespace: null, server};

const sysError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:6443`), {code});

describe('classifyWatchError', () => {
	it('re-lists on 410 Gone', () => {
		expect(classifyWatchError(new KubeApiError(410, 'watch', 'too old resource version'), pods)).toEqual({action: 'relist'});
	});

	it('gives up on 401', () => {
		expect(classifyWatchError(new KubeApiError(401, 'list'), pods)).toEqual({
			action: 'stop',
			state: 'failed',
			reason: UNAUTHORIZED,
		});
	});

	it('names verb, resource and namespace on 403', () => {
		expect(classifyWatchError(new KubeApiError(403, 'list', 'pods is forbidden: User "x" cannot list'), pods)).toEqual({
			action: 'slow',
			state: 'unavailable',
			reason: 'forbidden: cannot list pods in namespace shop',
		});
		expect(classifyWatchError(new KubeApiError(403, 'watch'), ingressesEverywhere)).toMatchObject({
			reason: 'forbidden: cannot watch ingresses.networking.k8s.io in all namespaces',
		});
	});

	it('says a CRD is missing on 404', () => {
		expect(classifyWatchError(new KubeApiError(404, 'list'), rollouts)).toEqual({
			action: 'slow',
			state: 'unavailable',
			reason: 'not installed (no CRD for rollouts.argoproj.io)',
		});
		expect(classifyWatchError(new KubeApiError(404, 'list'), ingressesEverywhere)).toMatchObject({
			state: 'unavailable',
			reason: 'not served by this cluster (/apis/networking.k8s.io/v1/ingresses)',
		});
	});

	it('backs off on server errors and throttling', () => {
		expect(classifyWatchError(new KubeApiError(503, 'list', 'etcdserver: leader changed'), pods)).toEqual({
			action: 'backoff',
			state: 'reconnecting',
			reason: 'server answered 503: etcdserver: leader changed',
		});
		expect(classifyWatchError(new KubeApiError(429, 'list'), pods)).toMatchObject({action: 'backoff'});
	});

	it('puts network error codes into words', () => {
		expect(classifyWatchError(sysError('ECONNREFUSED'), pods)).toEqual({
			action: 'backoff',
			state: 'reconnecting',
			reason: 'cannot reach https://127.0.0.1:6443: connection refused (ECONNREFUSED)',
		});
		expect(
			classifyWatchError(sysError('ENOTFOUND'), {...pods, server: 'https://kube.example.com:443'}),
		).toMatchObject({state: 'reconnecting', reason: 'cannot reach https://kube.example.com:443: host name not found (ENOTFOUND)'});
		expect(classifyWatchError(sysError('ECONNRESET'), pods)).toMatchObject({reason: 'cannot reach https://127.0.0.1:6443: connection reset (ECONNRESET)'});
		expect(classifyWatchError(sysError('EHOSTUNREACH'), pods)).toMatchObject({state: 'reconnecting'});
	});

	it('finds the code inside an AggregateError (happy eyeballs)', () => {
		const aggregate = new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], 'connect failed');
		expect(errorCode(aggregate)).toBe('ECONNREFUSED');
		expect(classifyWatchError(aggregate, pods)).toMatchObject({reason: 'cannot reach https://127.0.0.1:6443: connection refused (ECONNREFUSED)'});
	});

	it('reconnects after the watchdog or a request timeout', () => {
		expect(classifyWatchError(new WatchTimeoutError('WATCH_IDLE', 75_000), pods)).toEqual({
			action: 'backoff',
			state: 'reconnecting',
			reason: 'no data from https://127.0.0.1:6443 for 75s',
		});
		expect(classifyWatchError(new WatchTimeoutError('REQUEST_TIMEOUT', 30_000), pods)).toMatchObject({state: 'reconnecting'});
	});

	it('fails on an untrusted server certificate', () => {
		expect(classifyWatchError(sysError('SELF_SIGNED_CERT_IN_CHAIN'), pods)).toMatchObject({
			action: 'stop',
			state: 'failed',
			reason: 'cannot reach https://127.0.0.1:6443: its TLS certificate chain is not trusted (SELF_SIGNED_CERT_IN_CHAIN)',
		});
	});

	it('never passes tokens through from unknown errors', () => {
		const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl';
		const verdict = classifyWatchError(new Error(`exec plugin said: Bearer ${jwt}\nmore lines`), pods);
		expect(verdict).toMatchObject({action: 'backoff', state: 'reconnecting'});
		expect(JSON.stringify(verdict)).not.toContain(jwt.slice(0, 20));
		expect(JSON.stringify(verdict)).not.toContain('more lines');
	});
});

describe('redact', () => {
	it('hides tokens and long key material but keeps ordinary words', () => {
		expect(redact('token=abc123')).toBe('token=[redacted]');
		expect(redact('connection refused to https://127.0.0.1:6443')).toBe('connection refused to https://127.0.0.1:6443');
		expect(redact(`key ${'A'.repeat(64)} end`)).toBe('key [redacted] end');
	});
});

describe('displayServer', () => {
	it('drops user and password from the URL', () => {
		expect(displayServer('https://admin:hunter2@kube.example:6443/')).toBe('https://kube.example:6443');
		expect(displayServer('https://127.0.0.1:6443')).toBe('https://127.0.0.1:6443');
		expect(displayServer('not a url')).toBe('(invalid server URL)');
	});
});
