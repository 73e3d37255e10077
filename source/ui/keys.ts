// Ink's (input, key) pair -> the KeyNames of the key table. Only names are
// given here; what a key means is the key table's business (keymap.ts).
import type {Key} from 'ink';
import type {KeyName} from './keymap.js';

export function toKeyNames(input: string, key: Key): KeyName[] {
	const special = specialKey(input, key);
	if (special) return [special];
	if (key.ctrl || key.meta || key.tab) return [];
	// Keys typed quickly (or over a slow link) can arrive in one chunk: each is a key press.
	return [...input].map(char => ({char}));
}

function specialKey(input: string, key: Key): KeyName | null {
	if (key.ctrl && input === 'c') return 'ctrl-c';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.ctrl && input === 'b') return 'ctrl-b';
	if (key.ctrl && input === 'f') return 'ctrl-f';
	if (key.pageUp) return 'pageUp';
	if (key.pageDown) return 'pageDown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.backspace || key.delete) return 'backspace';
	if (key.tab && !key.shift) return 'tab';
	return null;
}
