// Terminal injection, as an operator would meet it: a file whose every field
// carries escape sequences (title change, SGR colours, OSC 52 clipboard, C1
// CSI, bidi override) is opened in the live UI inside a real terminal (tmux).
// The pane's title and colours must not change; the sequences show as text.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hostileExample} from '../unit/hostile.js';

const session = `rollouts-tui-hostile-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args], {encoding: 'utf8'});
const dir = mkdtempSync(path.join(tmpdir(), 'rollouts-tui-hostile-'));

async function waitForScreen(test: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = tmux('capture-pane', '-p', '-t', session);
		if (test(text)) return text;
		await new Promise(resolve => setTimeout(resolve, 200));
	}
	throw new Error(`timed out; the screen was:\n${text}`);
}

describe('hostile object data in a real terminal', () => {
	afterAll(() => {
		try {
			tmux('kill-server');
		} catch {}
		rmSync(dir, {recursive: true, force: true});
	});

	it('leaves the pane title and colours alone and shows the escapes as text', async () => {
		const sets = hostileExample();
		const file = path.join(dir, 'hostile.json');
		writeFileSync(file, JSON.stringify({apiVersion: 'v1', kind: 'List', items: Object.values(sets).flat()}));
		tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `node dist/rollouts-tui.mjs --file ${file}; sleep 60`);
		const titleBefore = tmux('display', '-p', '-t', session, '#{pane_title}');
		await waitForScreen(t => t.includes('PWNED'));
		tmux('send-keys', '-t', session, 'Enter');
		const detail = await waitForScreen(t => t.includes('TRAFFIC') || t.includes('REVISIONS'));
		expect(detail).toContain('^[]0;PWNED^G');
		expect(tmux('display', '-p', '-t', session, '#{pane_title}')).toBe(titleBefore);
		expect(tmux('display', '-p', '-t', session, '#{pane_title}')).not.toContain('PWNED');
		// -e keeps the pane's own colour attributes: the file's red background (SGR 41) must not be among them.
		const coloured = tmux('capture-pane', '-p', '-e', '-t', session);
		expect(coloured).not.toMatch(/\u001B\[[0-9;]*\b41\b[0-9;]*m/);
	});
});
