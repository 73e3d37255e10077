// One TLS context per set of credentials. client-node's applyToHTTPSOptions
// hands every request the CA, client certificate and key, and Node builds a
// new SecureContext from them (parsing all three) for every connection: about
// 10 ms of CPU each, paid by every list and watch at start and at each
// reconnect. The context is rebuilt when the credentials change (an exec
// plugin may rotate a client certificate).
import type https from 'node:https';
import tls from 'node:tls';

type Credentials = Pick<https.RequestOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase'>;

const contexts = new WeakMap<object, {fingerprint: string; context: tls.SecureContext}>();

const text = (value: unknown): string =>
	value === undefined ? '' : Array.isArray(value) ? value.map(text).join('\u0001') : Buffer.isBuffer(value) ? value.toString('base64') : String(value);

/** The SecureContext for these credentials, shared by every request of `owner` (a KubeConfig) while they stay the same. */
export function sharedSecureContext(owner: object, credentials: Credentials): tls.SecureContext {
	const {ca, cert, key, pfx, passphrase} = credentials;
	const fingerprint = [ca, cert, key, pfx, passphrase].map(text).join('\u0000');
	const cached = contexts.get(owner);
	if (cached?.fingerprint === fingerprint) return cached.context;
	const context = tls.createSecureContext({ca, cert, key, pfx, passphrase});
	contexts.set(owner, {fingerprint, context});
	return context;
}
