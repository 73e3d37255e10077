import tls from 'node:tls';
import {describe, expect, it} from 'vitest';
import {sharedSecureContext} from '../../source/kube/tls-context.js';

const [caA, caB] = tls.rootCertificates;

describe('one TLS context per set of credentials', () => {
	it('is shared while the credentials stay the same, also when they arrive as new objects', () => {
		const owner = {};
		const first = sharedSecureContext(owner, {ca: caA});
		expect(sharedSecureContext(owner, {ca: `${caA}`})).toBe(first);
	});

	it('is rebuilt when the credentials change (a rotated certificate)', () => {
		const owner = {};
		const first = sharedSecureContext(owner, {ca: caA});
		const second = sharedSecureContext(owner, {ca: caB});
		expect(second).not.toBe(first);
		expect(sharedSecureContext(owner, {ca: caB})).toBe(second);
	});

	it('is never shared between kubeconfigs', () => {
		expect(sharedSecureContext({}, {ca: caA})).not.toBe(sharedSecureContext({}, {ca: caA}));
	});

	it('fails like Node does for credentials Node cannot read', () => {
		expect(() => sharedSecureContext({}, {ca: 'not a certificate', cert: 'x', key: 'y'})).toThrow();
	});
});
