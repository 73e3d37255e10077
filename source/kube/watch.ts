// A list+watch loop for one resource type that keeps itself alive:
// LIST (paged), then WATCH from the list's resourceVersion with bookmarks;
// reconnect from the last resourceVersion when the stream ends; re-list on
// 410 Gone; capped exponential backoff with jitter on errors; a watchdog for
// silent dead connections; slow retries while the resource is not installed
// or forbidden. It reports through callbacks and never writes to the
// terminal (the Ink UI owns it).
import type {KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../domain/raw.js';
import {backoffDelay, defaultBackoff, jittered, type BackoffPolicy} from './backoff.js';
import {apiErrorFrom, openGet, readBody, statusMessage, type OpenResponse} from './kube-request.js';
import {collectionPath, objectKey, trimObject, type ResourceType} from './resources.js';
import type {WatchState, WatchStatus} from './source.js';
import {classifyWatchError, displayServer, KubeApiError, WatchTimeoutError} from './watch-errors.js';

export interface WatchTuning {
	/** Items per LIST page. */
	pageSize: number;
	/** Asks the server to end each watch after this long; we then resume from the last resourceVersion. */
	watchTimeoutSeconds: number;
	/** The watchdog fires when nothing (not even a bookmark) arrived for watchTimeoutSeconds plus this. */
	idleGraceMs: number;
	/** Limit for response headers, and for reading each LIST page. */
	requestTimeoutMs: number;
	backoff: BackoffPolicy;
	/** Retry interval while the resource is not installed or forbidden. */
	slowRetryMs: number;
	/** A watch open this long counts as healthy: the backoff starts from the beginning again. */
	healthyAfterMs: number;
	random: () => number;
	now: () => number;
}

export const defaultWatchTuning: WatchTuning = {
	pageSize: 500,
	watchTimeoutSeconds: 60,
	idleGraceMs: 15_000,
	requestTimeoutMs: 30_000,
	backoff: defaultBackoff,
	slowRetryMs: 30_000,
	healthyAfterMs: 30_000,
	random: Math.random,
	now: Date.now,
};

export interface ResourceWatchCallbacks {
	/**
	 * The current objects, keyed by "namespace/name". Called after each LIST
	 * (a new map, so deleted objects vanish) and after each batch of watch
	 * events (the same map, updated). Treat it as read-only.
	 */
	onObjects(objects: ReadonlyMap<string, KubeObject>): void;
	onStatus(status: WatchStatus): void;
}

type WatchOutcome = {gone: boolean; openMs: number; progressed: boolean};

export class ResourceWatch {
	private readonly tuning: WatchTuning;
	private readonly path: string;
	private readonly server: string;
	private controller: AbortController | null = null;
	private currentStatus: WatchStatus;
	private objectMap = new Map<string, KubeObject>();
	private resourceVersion: string | null = null;

	constructor(
		private readonly kc: KubeConfig,
		private readonly type: ResourceType,
		private readonly namespace: string | null,
		private readonly callbacks: ResourceWatchCallbacks,
		tuning: Partial<WatchTuning> = {},
	) {
		this.tuning = {...defaultWatchTuning, ...tuning};
		this.path = collectionPath(type, namespace);
		this.server = displayServer(kc.getCurrentCluster()?.server ?? '');
		this.currentStatus = {resource: type.resource, state: 'connecting', attempt: 0, nextRetryAt: null, reason: null};
	}

	get status(): WatchStatus {
		return this.currentStatus;
	}

	get objects(): ReadonlyMap<string, KubeObject> {
		return this.objectMap;
	}

	start(): void {
		if (this.controller) {
			return;
		}
		const controller = new AbortController();
		this.controller = controller;
		void this.run(controller.signal).catch(() => {
			// run() handles its own errors; this only guards against a bug killing the process.
		});
	}

	/** Aborts the stream and all timers; no callbacks fire afterwards. */
	stop(): void {
		this.controller?.abort();
		this.controller = null;
	}

	private async run(signal: AbortSignal): Promise<void> {
		const {tuning} = this;
		let failures = 0; // errors since the last healthy watch; drives the backoff
		let quickEnds = 0; // watches that ended (cleanly or 410) without doing anything useful

		while (!signal.aborted) {
			const stream = {openedAt: null as number | null};
			try {
				if (this.resourceVersion === null) {
					await this.list(signal);
				}
				const outcome = await this.watchOnce(signal, () => {
					stream.openedAt = tuning.now();
					this.setStatus(signal, {state: 'live', attempt: 0, nextRetryAt: null, reason: null});
				});
				if (outcome.openMs >= tuning.healthyAfterMs) {
					failures = 0;
				}
				if (outcome.gone) {
					this.resourceVersion = null;
				}
				// A server that ends every watch at once must not become a hot loop.
				quickEnds = outcome.progressed || outcome.openMs >= 1000 ? 0 : quickEnds + 1;
				if (quickEnds > 1) {
					await sleep(backoffDelay(quickEnds - 1, tuning.backoff, tuning.random), signal);
				}
			} catch (error) {
				if (signal.aborted) {
					return;
				}
				// A stream that stayed open long enough was healthy, however it ended (e.g. the server restarted).
				if (stream.openedAt !== null && tuning.now() - stream.openedAt >= tuning.healthyAfterMs) {
					failures = 0;
				}
				const verdict = classifyWatchError(error, {type: this.type, namespace: this.namespace, server: this.server});
				switch (verdict.action) {
					case 'relist': {
						this.resourceVersion = null;
						quickEnds++;
						if (quickEnds > 1) {
							await sleep(backoffDelay(quickEnds - 1, tuning.backoff, tuning.random), signal);
						}
						break;
					}
					case 'stop': {
						this.setStatus(signal, {state: 'failed', attempt: failures, nextRetryAt: null, reason: verdict.reason});
						return;
					}
					case 'slow': {
						if (error instanceof KubeApiError && error.statusCode === 404 && this.objectMap.size > 0) {
							// The CRD was removed, and with it every object of this kind.
							this.objectMap = new Map();
							this.emitObjects(signal);
						}
						this.resourceVersion = null;
						failures = 0;
						const delay = jittered(tuning.slowRetryMs, tuning.backoff.jitter, tuning.random);
						await this.waitToRetry(signal, 'unavailable', 0, delay, verdict.reason);
						break;
					}
					case 'backoff': {
						failures++;
						const delay = backoffDelay(failures, tuning.backoff, tuning.random);
						await this.waitToRetry(signal, 'reconnecting', failures, delay, verdict.reason);
						break;
					}
				}
			}
		}
	}

	private async waitToRetry(signal: AbortSignal, state: WatchState, attempt: number, delayMs: number, reason: string): Promise<void> {
		this.setStatus(signal, {state, attempt, nextRetryAt: this.tuning.now() + delayMs, reason});
		await sleep(delayMs, signal);
		// Trying now: keep the state and reason until the attempt succeeds or fails.
		this.setStatus(signal, {state, attempt, nextRetryAt: null, reason});
	}

	/** Paged LIST into a fresh map; remembers the collection's resourceVersion. */
	private async list(signal: AbortSignal): Promise<void> {
		const {tuning} = this;
		const objects = new Map<string, KubeObject>();
		let continueToken: string | undefined;
		let resourceVersion = '';
		do {
			const open = await openGet(
				this.kc,
				this.path,
				{limit: tuning.pageSize, continue: continueToken},
				signal,
				tuning.requestTimeoutMs,
			);
			if (open.response.statusCode !== 200) {
				throw await apiErrorFrom(open, 'list', tuning.requestTimeoutMs);
			}
			const page = parseListPage(await readBody(open, tuning.requestTimeoutMs));
			for (const item of page.items ?? []) {
				objects.set(objectKey(item), trimObject(item, this.type));
			}
			// Every page carries the resourceVersion of the snapshot the first page started.
			resourceVersion = page.metadata?.resourceVersion || resourceVersion;
			continueToken = page.metadata?.continue || undefined;
		} while (continueToken);

		this.objectMap = objects;
		this.resourceVersion = resourceVersion || null;
		this.emitObjects(signal);
	}

	/** One WATCH request; resolves when the stream ends cleanly or with 410, rejects on errors. */
	private async watchOnce(signal: AbortSignal, onOpen: () => void): Promise<WatchOutcome> {
		const {tuning} = this;
		const open = await openGet(
			this.kc,
			this.path,
			{
				watch: 1,
				resourceVersion: this.resourceVersion ?? undefined,
				allowWatchBookmarks: true,
				timeoutSeconds: tuning.watchTimeoutSeconds,
			},
			signal,
			tuning.requestTimeoutMs,
		);
		if (open.response.statusCode !== 200) {
			throw await apiErrorFrom(open, 'watch', tuning.requestTimeoutMs);
		}
		const openedAt = tuning.now();
		onOpen();
		return this.consumeStream(open, signal, openedAt);
	}

	private consumeStream(open: OpenResponse, signal: AbortSignal, openedAt: number): Promise<WatchOutcome> {
		const {tuning} = this;
		const idleMs = tuning.watchTimeoutSeconds * 1000 + tuning.idleGraceMs;
		const {response} = open;
		response.setEncoding('utf8');

		return new Promise<WatchOutcome>((resolve, reject) => {
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
					resolve({gone, openMs: tuning.now() - openedAt, progressed});
				}
			};
			const armWatchdog = () => {
				clearTimeout(idleTimer);
				idleTimer = setTimeout(() => finish(new WatchTimeoutError('WATCH_IDLE', idleMs)), idleMs);
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
				try {
					for (const line of lines) {
						const result = this.applyEvent(line);
						changed ||= result === 'changed';
						progressed ||= result !== 'ignored';
					}
				} catch (error) {
					if (error instanceof KubeApiError && error.statusCode === 410) {
						if (changed) {
							this.emitObjects(signal);
						}
						finish(null, true);
						return;
					}
					if (changed) {
						this.emitObjects(signal);
					}
					finish(error as Error);
					return;
				}
				// One callback per network chunk, so a burst of events is one update.
				if (changed) {
					this.emitObjects(signal);
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
	private applyEvent(line: string): 'changed' | 'bookmark' | 'ignored' {
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
			this.resourceVersion = resourceVersion;
		}
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED':
				this.objectMap.set(objectKey(object), trimObject(object, this.type));
				return 'changed';
			case 'DELETED':
				this.objectMap.delete(objectKey(object));
				return 'changed';
			case 'BOOKMARK':
				return 'bookmark';
			default:
				return 'ignored';
		}
	}

	private emitObjects(signal: AbortSignal): void {
		if (!signal.aborted) {
			this.callbacks.onObjects(this.objectMap);
		}
	}

	private setStatus(signal: AbortSignal, next: Omit<WatchStatus, 'resource'>): void {
		const current = this.currentStatus;
		if (
			signal.aborted ||
			(current.state === next.state &&
				current.attempt === next.attempt &&
				current.nextRetryAt === next.nextRetryAt &&
				current.reason === next.reason)
		) {
			return;
		}
		this.currentStatus = {resource: this.type.resource, ...next};
		this.callbacks.onStatus(this.currentStatus);
	}
}

interface ListPage {
	metadata?: {resourceVersion?: string; continue?: string};
	items?: KubeObject[];
}

function parseListPage(text: string): ListPage {
	try {
		return JSON.parse(text) as ListPage;
	} catch {
		// Usually a body cut short; the retry lists again.
		throw new Error('malformed list response from the server');
	}
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) {
			resolve();
			return;
		}
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
	});
}
