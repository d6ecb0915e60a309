/** The playground's requests to its analysis worker: one out at a time, only the newest kept meanwhile. */
import { describe, expect, test } from 'vitest';
import { LatestOnly } from '../../web/src/latest-only.js';

function worker() {
  const sent: number[] = [];
  return { sent, queue: new LatestOnly<number>((n) => sent.push(n)) };
}

describe('LatestOnly', () => {
  test('a request to an idle worker is sent at once', () => {
    const { sent, queue } = worker();
    expect(queue.busy).toBe(false);
    queue.request(1);
    expect(sent).toEqual([1]);
    expect(queue.busy).toBe(true);
  });

  test('while one is out, only the newest of the later requests is sent, when the answer comes', () => {
    const { sent, queue } = worker();
    queue.request(1);
    queue.request(2);
    queue.request(3);
    queue.request(4);
    expect(sent).toEqual([1]);
    queue.answered();
    expect(sent).toEqual([1, 4]);
    expect(queue.busy).toBe(true);
    queue.answered();
    expect(sent).toEqual([1, 4]);
    expect(queue.busy).toBe(false);
  });

  test('after an answer with nothing kept, the next request goes at once', () => {
    const { sent, queue } = worker();
    queue.request(1);
    queue.answered();
    queue.request(2);
    expect(sent).toEqual([1, 2]);
  });

  test('abandoning hands over the newest request not answered: the kept one, else the one out', () => {
    const { sent, queue } = worker();
    queue.request(1);
    queue.request(2);
    queue.request(3);
    expect(queue.abandon()).toBe(3);
    expect(queue.busy).toBe(false);
    expect(queue.abandon()).toBeUndefined();
    queue.request(4);
    expect(queue.abandon()).toBe(4);
    expect(sent).toEqual([1, 4]);
  });
});
