// Reading one WATCH response: NDJSON lines applied to the object map, with an
// idle watchdog for connections that went silent. Split from watch.ts, which
// decides when to list, watch again or wait.
import type {KubeObject} from '../domain/raw.js';
import {statusMessage, type OpenResponse} from './kube-request.js';
import {objectKey, trimObject, type ResourceType} from './resources.js';
import {KubeApiError, WatchTimeoutError} from './watch-errors.js';

/** The objects of one kind and the resourceVersion to resume from; watch.ts owns it, the stream updates it. */
export interface WatchedObjects {
	type: ResourceType;
	map: Map<string, KubeObject>;
	resourceVersion: string | null;
}

export interface StreamEnd {
	/** 410 Gone inside the stream: list again. */
	gone: boolean;
	openMs: number;
	/** At least one event or bookmark arrived. */
	progressed: boolean;
}

export interface StreamOptions {
	/** The watchdog ends the stream with WATCH_IDLE after this long without a byte. */
	idleMs: number;
	now: () => number;
	/** Called once per network chunk that changed objects, so a burst of events is one update. */
	onChanged: () => void;
	/** Called on the first event or bookmark (the stream is really flowing). */
	onProgress?: () => void;
}

/** Resolves when the stream ends cleanly or with 410; rejects on errors (the error says why). */
export function consumeStream(open: OpenResponse, objects: WatchedObjects, options: StreamOptions): Promise<StreamEnd> {
	const {response} = open;
	const openedAt = options.now();
	response.setEncoding('utf8');

	return new Promise<StreamEnd>((resolve, reject) => {
		let pending = '';
		let progressed = false;
		let settled = false;
		let idleTimer: NodeJS.Timeout | undefined;

		const finish = (error: Error | null, gone = false) => {
			if (settled) {
				return;
			}
			settled = true;
			clearTimeout(idleTimer);
			open.close();
			if (error) {
				reject(error);
			} else {
				resolve({gone, openMs: options.now() - openedAt, progressed});
			}
		};
		const armWatchdog = () => {
			clearTimeout(idleTimer);
			idleTimer = setTimeout(() => finish(new WatchTimeoutError('WATCH_IDLE', options.idleMs)), options.idleMs);
		};
		armWatchdog();

		response.on('data', (chunk: string) => {
			if (settled) {
				return;
			}
			armWatchdog();
			pending += chunk;
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			let changed = false;
			let failure: unknown = null;
			try {
				for (const line of lines) {
					const result = applyEvent(line, objects);
					changed ||= result === 'changed';
					if (result !== 'ignored' && !progressed) {
						progressed = true;
						options.onProgress?.();
					}
				}
			} catch (error) {
				failure = error;
			}
			if (changed) {
				options.onChanged();
			}
			if (failure instanceof KubeApiError && failure.statusCode === 410) {
				finish(null, true);
			} else if (failure) {
				finish(failure as Error);
			}
		});
		const reset = () => Object.assign(new Error('connection reset'), {code: 'ECONNRESET'});
		response.on('end', () => finish(null));
		// A close without a complete body means the connection broke mid-stream.
		response.on('close', () => finish(response.complete ? null : reset()));
		response.on('aborted', () => finish(reset()));
		response.on('error', (error) => finish(error));
	});
}

/** Applies one NDJSON watch line. Throws KubeApiError for ERROR events. */
export function applyEvent(line: string, objects: WatchedObjects): 'changed' | 'bookmark' | 'ignored' {
	if (!line.trim()) {
		return 'ignored';
	}
	let event: {type?: string; object?: KubeObject & {code?: number}};
	try {
		event = JSON.parse(line) as typeof event;
	} catch {
		throw new Error('malformed watch event from the server');
	}
	const object = event.object;
	if (event.type === 'ERROR') {
		throw new KubeApiError(typeof object?.code === 'number' ? object.code : 500, 'watch', statusMessage(object));
	}
	if (!object) {
		return 'ignored';
	}
	const resourceVersion = object.metadata?.resourceVersion;
	if (resourceVersion) {
		objects.resourceVersion = resourceVersion;
	}
	switch (event.type) {
		case 'ADDED':
		case 'MODIFIED':
			objects.map.set(objectKey(object), trimObject(object, objects.type));
			return 'changed';
		case 'DELETED':
			objects.map.delete(objectKey(object));
			return 'changed';
		case 'BOOKMARK':
			return 'bookmark';
		default:
			return 'ignored';
	}
}
