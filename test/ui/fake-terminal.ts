// A terminal of a chosen size for Ink: a TTY-like stdout that keeps every write,
// and a stdin that the test feeds keys through. Shared by the UI tests
// (render.tsx) and the render benchmarks (test/bench/terminal.ts); imports
// nothing else, so the benches' memory figures do not change with it.
import {EventEmitter} from 'node:events';

export class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (data: string | Uint8Array) => {
		this.record(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
		return true;
	};
	/** Keeps one write (in `frames`); a subclass may keep it differently. */
	protected record(text: string) {
		this.frames.push(text);
	}
	resize(columns: number, rows: number) {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	private queue: string[] = [];
	setRawMode() {}
	setEncoding() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
	read = () => this.queue.shift() ?? null;
	send(data: string) {
		this.queue.push(data);
		this.emit('readable');
	}
}
