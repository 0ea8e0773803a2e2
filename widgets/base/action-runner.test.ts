/**
 * The action runner every admin widget uses: one action at a time, the old message cleared first,
 * the reload before the new message, a failure said by the widget. Driven with promises the test
 * resolves itself (no timers); the widgets themselves are walked in Chromium (tests/browser/admin-*).
 */
import { describe, expect, it } from 'vitest';
import { ActionRunner } from './action-runner.ts';
import { ApiError } from './api-error.ts';

function fakeHost() {
  const host = {
    updates: 0,
    requestUpdate() {
      host.updates++;
    },
  };
  return host;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A widget's fields and what happened to them, in order. */
function widget() {
  const host = fakeHost();
  const log: string[] = [];
  const reload = deferred<void>();
  const reloading = deferred<void>();
  const state = { message: 'old message', error: 'old error' };
  const runner = new ActionRunner<string>(host, {
    start: () => {
      log.push('start');
      state.message = '';
      state.error = '';
    },
    refresh: async () => {
      log.push('refresh');
      reloading.resolve();
      await reload.promise;
    },
    done: (message) => {
      log.push(`done:${message}`);
      state.message = message;
    },
    fail: (e) => {
      log.push(`fail:${e.status}`);
      state.error = `refused (${e.status})`;
    },
    settle: () => log.push('settle'),
  });
  return { host, log, reload, reloading, state, runner };
}

describe('ActionRunner', () => {
  it('is idle at first', () => {
    const { host, runner } = widget();
    expect(host.updates).toBe(0);
    expect(runner.busy).toBe(false);
    expect(runner.running).toBeNull();
  });

  it('clears, calls, reloads, then says the result; busy until all of it is done', async () => {
    const { host, log, reload, reloading, state, runner } = widget();
    const call = deferred<string>();
    const outcome = runner.run(() => call.promise);
    expect(runner.busy).toBe(true);
    expect(runner.running).toBe('action');
    expect(host.updates).toBe(1);
    expect(state).toEqual({ message: '', error: '' });
    call.resolve('Zapisano.');
    await reloading.promise;
    expect(log).toEqual(['start', 'refresh']);
    expect(state.message).toBe(''); // not said before the list shows it
    expect(runner.busy).toBe(true);
    reload.resolve();
    expect(await outcome).toBe('done');
    expect(log).toEqual(['start', 'refresh', 'done:Zapisano.', 'settle']);
    expect(state).toEqual({ message: 'Zapisano.', error: '' });
    expect(runner.busy).toBe(false);
    expect(host.updates).toBe(2);
  });

  it('does nothing on a second click while the first action is on its way', async () => {
    const { log, reload, runner } = widget();
    reload.resolve();
    const call = deferred<string>();
    let calls = 0;
    const step = () => (calls++, call.promise);
    const first = runner.run(step);
    expect(await runner.run(step)).toBe('busy');
    expect(calls).toBe(1);
    call.resolve('ok');
    expect(await first).toBe('done');
    expect(log).toEqual(['start', 'refresh', 'done:ok', 'settle']);
    expect(await runner.run(async () => 'again')).toBe('done'); // and works again afterwards
  });

  it('says a failed call through fail, without reloading or saying a result', async () => {
    const { log, state, runner } = widget();
    const outcome = await runner.run(() =>
      Promise.reject(new ApiError({ status: 409, code: 'conflict', message: 'x' })),
    );
    expect(outcome).toBe('failed');
    expect(log).toEqual(['start', 'fail:409', 'settle']);
    expect(state).toEqual({ message: '', error: 'refused (409)' });
    expect(runner.busy).toBe(false);
  });

  it('says a failed reload through fail too', async () => {
    const { log, reload, runner } = widget();
    reload.reject(new ApiError({ status: 0, code: 'network', message: 'offline' }));
    expect(await runner.run(async () => 'saved')).toBe('failed');
    expect(log).toEqual(['start', 'refresh', 'fail:0', 'settle']);
  });

  it('keeps busy while an asynchronous fail runs (a widget that reloads after a refusal)', async () => {
    const { runner } = widget();
    const failing = deferred<void>();
    const after = deferred<void>();
    const outcome = runner.run(() => Promise.reject(new ApiError({ status: 409, code: 'c', message: 'm' })), {
      fail: () => (failing.resolve(), after.promise),
    });
    await failing.promise;
    expect(runner.busy).toBe(true);
    after.resolve();
    expect(await outcome).toBe('failed');
    expect(runner.busy).toBe(false);
  });

  it('lets one action name itself, skip the reload and speak for itself', async () => {
    const { log, reload, runner } = widget();
    reload.resolve();
    const call = deferred<string>();
    const said: string[] = [];
    const outcome = runner.run(() => call.promise, {
      name: 'check',
      refresh: false,
      start: () => log.push('own start'),
      done: (m) => said.push(m),
    });
    expect(runner.running).toBe('check');
    call.resolve('valid');
    expect(await outcome).toBe('done');
    expect(log).toEqual(['own start', 'settle']);
    expect(said).toEqual(['valid']);
  });
});
