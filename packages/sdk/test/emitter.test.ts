import { describe, expect, it } from 'vitest';
import { Emitter } from '../src/index.ts';

interface Events {
  greeted: string;
  counted: number;
}

describe('the emitter', () => {
  it('calls every listener of an event with its data, in the order they were added', () => {
    const emitter = new Emitter<Events>();
    const heard: string[] = [];
    emitter.on('greeted', (name) => heard.push(`first ${name}`));
    emitter.on('greeted', (name) => heard.push(`second ${name}`));
    emitter.on('counted', (n) => heard.push(`count ${n}`));
    emitter.emit('greeted', 'alice');
    expect(heard).toEqual(['first alice', 'second alice']);
  });

  it('stops calling a listener after its unsubscribe or off', () => {
    const emitter = new Emitter<Events>();
    const heard: number[] = [];
    const listener = (n: number) => heard.push(n);
    const unsubscribe = emitter.on('counted', listener);
    emitter.emit('counted', 1);
    unsubscribe();
    emitter.emit('counted', 2);
    emitter.on('counted', listener);
    emitter.off('counted', listener);
    emitter.emit('counted', 3);
    expect(heard).toEqual([1]);
  });

  it('calls a once listener a single time', () => {
    const emitter = new Emitter<Events>();
    const heard: number[] = [];
    emitter.once('counted', (n) => heard.push(n));
    emitter.emit('counted', 1);
    emitter.emit('counted', 2);
    expect(heard).toEqual([1]);
  });

  it('lets a listener unsubscribe another during an emit without skipping anyone', () => {
    const emitter = new Emitter<Events>();
    const heard: string[] = [];
    const offSecond = emitter.on('greeted', () => {
      heard.push('first');
      offSecond();
    });
    emitter.on('greeted', () => heard.push('second'));
    emitter.emit('greeted', 'bob');
    emitter.emit('greeted', 'bob');
    expect(heard).toEqual(['first', 'second', 'second']);
  });
});
